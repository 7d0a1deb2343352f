//! A backend that keeps the terminal's cells what ratatui believes they are.
//!
//! ratatui puts a whole grapheme in one cell and takes the cells after it as hidden: `प्रा` is
//! one cell three wide, `⛴️` one cell two wide. Its diff then skips the hidden cells, and moves
//! the cursor by the width it measured. Terminals do not all agree:
//!
//! - A Devanagari cluster is three *separate* cells on the terminal (`प्`, `र`, `ा`). When the
//!   cluster goes away, ratatui blanks only its first cell; the others stayed on screen (a QA
//!   pass saw stray vowel signs over the matrix after leaving the panes).
//! - tmux 3.3 draws `⛴️` and `❤️` (VS16) in one cell, not two: the hidden cell keeps whatever was
//!   there before.
//! - tmux 3.3 draws a skin-tone emoji (`👍🏽`) in four cells, not two: the last two spill over
//!   the next cells, a pane's border among them (QA: `🏽` over the divider).
//!
//! So each frame, besides what ratatui's diff sends: the cells an old cluster covered are sent
//! again, a cell holding a grapheme of several characters is blanked before it is drawn, and
//! the two cells after it are drawn again. Every cell then ends where ratatui has it, whatever
//! the terminal's widths; the cost is a few cells per cluster, on frames that change them.

use std::collections::BTreeSet;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

/// How far past a cluster a terminal may draw it: `👍🏽` is two cells to ratatui, four to tmux.
const SPILL: u16 = 2;

/// `B`, with a copy of the screen as ratatui last drew it.
#[derive(Debug)]
pub struct Exact<B> {
    inner: B,
    screen: Option<Buffer>,
}

impl<B> Exact<B> {
    pub fn new(inner: B) -> Exact<B> {
        Exact {
            inner,
            screen: None,
        }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }
}

/// Escape sequences written around frames (synchronized updates) go straight through.
impl<B: std::io::Write> std::io::Write for Exact<B> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Cells a cell's symbol takes (ratatui's measure: see [`crate::text::width`]).
fn cells(c: &Cell) -> u16 {
    u16::try_from(crate::text::width(c.symbol())).unwrap_or(u16::MAX)
}

/// A grapheme of more than one character drawn over several cells: where terminals and
/// ratatui may disagree on the cells it takes.
fn composite(c: &Cell) -> bool {
    let mut chars = c.symbol().chars();
    chars.next().is_some() && chars.next().is_some() && cells(c) > 1
}

/// For each column of row `y`, the column of the cell whose symbol covers it.
fn owners(buf: &Buffer, y: u16) -> Vec<u16> {
    let area = buf.area;
    let mut out = Vec::with_capacity(usize::from(area.width));
    let mut x = area.left();
    while x < area.right() {
        let w = buf.cell((x, y)).map_or(1, cells).max(1);
        for _ in 0..w {
            if out.len() < usize::from(area.width) {
                out.push(x);
            }
        }
        x = x.saturating_add(w);
    }
    out
}

impl<B: Backend> Backend for Exact<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        let size = self.inner.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        let mut screen = match self.screen.take() {
            Some(b) if b.area == area => b,
            _ => Buffer::empty(area),
        };
        // (row, column) of every cell to send, in screen order.
        let mut send: BTreeSet<(u16, u16)> = BTreeSet::new();
        for (x, y, _) in &updates {
            send.insert((*y, *x));
            // The cells an old cluster covered, which the terminal may hold apart.
            let old = screen.cell((*x, *y)).map_or(1, cells);
            for i in 1..old {
                send.insert((*y, x.saturating_add(i)));
            }
        }
        for (x, y, c) in &updates {
            if let Some(cell) = screen.cell_mut((*x, *y)) {
                *cell = c.clone();
            }
            // The cells under a wide one are blank in ratatui's buffer, and its diff skips
            // them: so are they here, or an old letter would be sent back later.
            for i in 1..cells(c) {
                if let Some(cell) = screen.cell_mut((x.saturating_add(i), *y)) {
                    cell.reset();
                }
            }
        }
        // The cells after a cluster, which a terminal drawing it wider may have covered.
        for (x, y, c) in &updates {
            if composite(c) {
                let end = x.saturating_add(cells(c));
                for i in 0..SPILL {
                    send.insert((*y, end.saturating_add(i)));
                }
            }
        }
        // A cell hidden under a wide one is sent as the wide one, which draws it.
        let rows: BTreeSet<u16> = send.iter().map(|&(y, _)| y).collect();
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(send.len());
        for y in rows {
            let own = owners(&screen, y);
            let heads: BTreeSet<u16> = send
                .range((y, 0)..=(y, u16::MAX))
                .filter_map(|&(_, x)| own.get(usize::from(x)).copied())
                .collect();
            for x in heads {
                let Some(c) = screen.cell((x, y)) else {
                    continue;
                };
                if composite(c) {
                    // Blank its cells first: a terminal drawing it narrower leaves none stale.
                    let mut blank = Cell::EMPTY;
                    blank.set_style(c.style());
                    for i in 0..cells(c) {
                        out.push((x.saturating_add(i), y, blank.clone()));
                    }
                }
                out.push((x, y, c.clone()));
            }
        }
        self.screen = Some(screen);
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.screen = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.screen = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // What is left on screen is no longer known cell by cell: the next frame assumes blank,
        // as ratatui does after a clear.
        self.screen = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    /// A backend that records what it is sent, frame by frame.
    struct Recorder {
        size: Size,
        sent: Vec<Vec<(u16, u16, String)>>,
    }

    impl Backend for Recorder {
        type Error = std::convert::Infallible;
        fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            self.sent.push(
                content
                    .map(|(x, y, c)| (x, y, c.symbol().to_string()))
                    .collect(),
            );
            Ok(())
        }
        fn hide_cursor(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
        fn show_cursor(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
        fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
            Ok(Position::ORIGIN)
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> Result<(), Self::Error> {
            Ok(())
        }
        fn clear(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
        fn clear_region(&mut self, _: ClearType) -> Result<(), Self::Error> {
            Ok(())
        }
        fn size(&self) -> Result<Size, Self::Error> {
            Ok(self.size)
        }
        fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
            Ok(WindowSize {
                columns_rows: self.size,
                pixels: Size::ZERO,
            })
        }
        fn flush(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    fn frames(texts: &[&str]) -> Vec<Vec<(u16, u16, String)>> {
        let rec = Recorder {
            size: Size::new(12, 1),
            sent: Vec::new(),
        };
        let Ok(mut term) = Terminal::new(Exact::new(rec));
        for t in texts {
            let _ = term.draw(|f| {
                f.buffer_mut()
                    .set_string(0, 0, t, ratatui::style::Style::default())
            });
        }
        std::mem::take(&mut term.backend_mut().inner_mut().sent)
    }

    #[test]
    fn the_cells_an_old_cluster_covered_are_sent_again() {
        let sent = frames(&["प्रा ab", "       "]);
        let second = &sent[1];
        // ratatui's diff alone sends column 0 (the cluster's cell) and 5, 6; the terminal also
        // holds `र` and `ा` in columns 1 and 2.
        for x in [0, 1, 2] {
            assert!(
                second.iter().any(|(cx, _, s)| *cx == x && s == " "),
                "column {x} not cleared: {second:?}"
            );
        }
    }

    /// A wide letter over old text, then blank: what is sent for the cell it covered is the
    /// blank ratatui has there, never the old letter (a QA pass saw Arabic letters come back).
    #[test]
    fn a_covered_cell_is_never_sent_back_with_old_text() {
        let sent = frames(&["abcdef", "한국", "      "]);
        for frame in &sent[1..] {
            assert!(
                frame
                    .iter()
                    .all(|(_, _, s)| !["b", "d"].contains(&s.as_str())),
                "{frame:?}"
            );
        }
    }

    #[test]
    fn a_cluster_is_blanked_before_it_is_drawn_and_the_cells_after_it_drawn_again() {
        let sent = frames(&["x👍🏽yz"]);
        let first = &sent[0];
        let at = |s: &str| first.iter().position(|(_, _, sym)| sym == s);
        let (Some(emoji), Some(y), Some(z)) = (at("👍🏽"), at("y"), at("z")) else {
            panic!("{first:?}");
        };
        // Blanks at 1 and 2 before the emoji, then y and z after it.
        assert!(
            first[..emoji]
                .iter()
                .filter(|(x, _, s)| (1..3).contains(x) && s == " ")
                .count()
                == 2
        );
        assert!(y > emoji && z > emoji, "{first:?}");
        // Frame two turns the thumb brown: ratatui's diff sends the emoji alone, and a terminal
        // drawing it in four cells would have covered y and z, so they are sent again.
        let sent = frames(&["x👍yz", "x👍🏽yz"]);
        for (col, sym) in [(3, "y"), (4, "z")] {
            assert!(
                sent[1].iter().any(|(x, _, s)| *x == col && s == sym),
                "{:?}",
                sent[1]
            );
        }
    }

    /// What the terminal holds is what ratatui believes it drew, cell by cell, frame after
    /// frame (ratatui's own backend alone leaves the hidden cells of a frame before).
    #[test]
    fn the_screen_is_what_ratatui_drew() {
        let Ok(mut exact) = Terminal::new(Exact::new(TestBackend::new(20, 1)));
        for t in [
            "प्रा ⛴️ 한 👍🏽 لا",
            "abc",
            "👩\u{200d}👩\u{200d}👧 ok",
            "क्षेत्र ab",
        ] {
            let drawn = match exact.draw(|f| {
                f.buffer_mut()
                    .set_string(0, 0, t, ratatui::style::Style::default());
            }) {
                Ok(frame) => frame.buffer.clone(),
                Err(e) => panic!("{e}"),
            };
            let shown = exact.backend().inner().buffer();
            for x in 0..20 {
                assert_eq!(
                    shown[(x, 0)].symbol(),
                    drawn[(x, 0)].symbol(),
                    "{t:?} at column {x}"
                );
            }
        }
    }
}
