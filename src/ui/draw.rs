//! Lines of the presentation model onto the buffer, grapheme by grapheme, each taking the cells
//! [`crate::text::width`] gives it, so what the view measured is what is drawn.
//!
//! ratatui's own `Line` moves from one span to the next by `unicode-width`'s string width, which
//! counts Arabic lam-alef as one cell while the buffer gives its two graphemes two: the next span
//! then overwrote the last letter. Its `Paragraph` drops zero-width graphemes, and with them the
//! direction marks (LRM, RLM, ALM) a text was written with. Here a zero-width grapheme is kept,
//! attached to the cell before it, and each span not yet laid out by the view is put in display
//! order ([`crate::text::bidi::visual`]) as it is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use super::theme;
use crate::text::{bidi, grapheme_width};
use crate::view;

/// Lines drawn from the top of the area, each cut at its right edge.
pub struct Lines<'a>(pub &'a [view::Line]);

/// The view's lines as a widget.
pub fn lines(lines: &[view::Line]) -> Lines<'_> {
    Lines(lines)
}

impl Widget for Lines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for (line, y) in self.0.iter().zip(area.top()..area.bottom()) {
            line_at(line, area.x, y, area.width, buf);
        }
    }
}

/// Draws `line` at (`x`, `y`) in at most `width` cells; returns the cells it took.
pub fn line_at(line: &view::Line, x: u16, y: u16, width: u16, buf: &mut Buffer) -> u16 {
    let band = line.band.map_or(Style::default(), theme::style);
    let mut pen = Pen::new(x, y, x.saturating_add(width).min(buf.area.right()));
    for span in &line.spans {
        let base = band.patch(theme::style(span.kind));
        let style = span.mark.map_or(base, |m| base.patch(theme::style(m)));
        let text = if span.ordered {
            std::borrow::Cow::Borrowed(span.text.as_str())
        } else {
            bidi::visual(&span.text)
        };
        if !pen.write(&text, style, buf) {
            break;
        }
    }
    pen.x - x
}

/// Draws spans at (`x`, `y`) in at most `width` cells: a box's title over its top border.
pub fn spans_at(spans: &[view::Span], x: u16, y: u16, width: u16, buf: &mut Buffer) -> u16 {
    line_at(&view::Line::new(spans.to_vec()), x, y, width, buf)
}

/// Where the next grapheme goes, and where the last one went (a zero-width grapheme joins it).
struct Pen {
    x: u16,
    y: u16,
    right: u16,
    last: Option<u16>,
    /// Zero-width graphemes met before any cell was written: they go with the first one.
    pending: String,
}

impl Pen {
    fn new(x: u16, y: u16, right: u16) -> Pen {
        Pen {
            x,
            y,
            right,
            last: None,
            pending: String::new(),
        }
    }

    /// Writes `text`; false once the line is full.
    fn write(&mut self, text: &str, style: Style, buf: &mut Buffer) -> bool {
        for g in text.graphemes(true) {
            if g.contains(char::is_control) {
                continue;
            }
            let w = u16::try_from(grapheme_width(g)).unwrap_or(u16::MAX);
            if w == 0 {
                match self.last.and_then(|x| buf.cell_mut((x, self.y))) {
                    Some(cell) => {
                        let joined = format!("{}{g}", cell.symbol());
                        cell.set_symbol(&joined);
                    }
                    None => self.pending.push_str(g),
                }
                continue;
            }
            if self.x.saturating_add(w) > self.right {
                return false;
            }
            let Some(cell) = buf.cell_mut((self.x, self.y)) else {
                return false;
            };
            if self.pending.is_empty() {
                cell.set_symbol(g);
            } else {
                let joined = format!("{}{g}", std::mem::take(&mut self.pending));
                cell.set_symbol(&joined);
            }
            cell.set_style(style);
            // The cells a wide grapheme covers are blank, as ratatui's own spans leave them.
            for hidden in self.x.saturating_add(1)..self.x.saturating_add(w) {
                if let Some(c) = buf.cell_mut((hidden, self.y)) {
                    c.reset();
                }
            }
            self.last = Some(self.x);
            self.x = self.x.saturating_add(w);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{bidi::Bidi, width};
    use crate::view::{Kind, Line, Span};
    use proptest::prelude::*;

    fn drawn(line: &Line, w: u16) -> (Buffer, u16) {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, 1));
        let used = bidi::with(Bidi::Off, || line_at(line, 0, 0, w, &mut buf));
        (buf, used)
    }

    /// Pieces of the scripts briefings quote, joined at random.
    const PIECES: &[&str] = &[
        "لا",
        "لأ",
        "لإ",
        "لآ",
        "قُتل",
        "سبعة",
        "٧",
        "می\u{200c}خواهم",
        "\u{200f}",
        "\u{200e}",
        "\u{61c}",
        "שלום",
        "क्ष",
        "हिन्दी",
        "नमस्ते",
        "한국어",
        "ᄒ",
        "\u{1161}",
        "\u{11ab}",
        "각",
        "👩\u{200d}👩\u{200d}👧",
        "👍🏽",
        "🇺🇦",
        "🏳\u{fe0f}\u{200d}🌈",
        "⛴\u{fe0f}",
        "❤\u{fe0f}",
        "e\u{301}",
        "a\u{308}\u{323}",
        "漢字",
        "かな",
        "ｶﾞ",
        " ",
        "RMA",
        "7",
        "—",
        "(",
        ")",
        "\u{200d}",
        "\u{200c}",
        "\u{fe0f}",
    ];

    fn mixed() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        /// The width function is what ratatui's buffer takes, and the drawing takes exactly
        /// that: random strings of Arabic, Devanagari, Hangul with conjoining jamo, emoji with
        /// ZWJ, VS16, skin tones and flags, combining marks and CJK.
        #[test]
        fn width_is_what_the_buffer_takes(s in mixed()) {
            let room = 200u16;
            let mut theirs = Buffer::empty(Rect::new(0, 0, room, 1));
            let (end, _) = theirs.set_stringn(0, 0, &s, usize::from(room), Style::default());
            // ratatui's cells, and the one a terminal gives a Bengali or Tamil vowel sign.
            let signs = s.chars().filter(|c| matches!(c, '\u{9be}' | '\u{bbe}')).count();
            prop_assert_eq!(width(&s), usize::from(end) + signs, "{:?}", s);
            let (ours, used) = drawn(&Line::new(vec![Span::plain(s.clone())]), room);
            prop_assert_eq!(usize::from(used), width(&s));
            // Every visible grapheme is in the cell ratatui gives it; the zero-width ones ratatui
            // drops (direction marks, a lone jamo) are kept, on the cell next to them.
            let visible = |sym: &str| -> String {
                sym.graphemes(true).filter(|g| grapheme_width(g) > 0).collect()
            };
            let invisible = |sym: &str| sym.graphemes(true).filter(|g| grapheme_width(g) == 0).count();
            // (Compared as a sequence: after a Bengali or Tamil sign ours is a cell further on.)
            let shown = |buf: &Buffer, upto: u16| -> String {
                (0..upto).map(|x| visible(buf[(x, 0)].symbol())).collect::<String>().replace(' ', "")
            };
            prop_assert_eq!(shown(&ours, used), shown(&theirs, end), "{:?}", s);
            if signs == 0 {
                for x in 0..end {
                    prop_assert_eq!(visible(ours[(x, 0)].symbol()), theirs[(x, 0)].symbol(), "{:?} at {}", s, x);
                }
            }
            // (A line of nothing but marks has no cell to carry them.)
            let kept: usize = (0..room).map(|x| invisible(ours[(x, 0)].symbol())).sum();
            prop_assert_eq!(kept, if width(&s) > 0 { invisible(&s) } else { 0 });
        }

        /// Spans side by side start where the one before ended, whatever their scripts, and a
        /// line never runs past its width.
        #[test]
        fn spans_follow_each_other_and_stay_inside(a in mixed(), b in mixed(), w in 1u16..40) {
            let line = Line::new(vec![Span::plain(a.clone()), Span::new(b.clone(), Kind::Meta)]);
            let (_, used) = drawn(&line, w);
            prop_assert!(used <= w);
            if width(&a) + width(&b) <= usize::from(w) {
                prop_assert_eq!(usize::from(used), width(&a) + width(&b));
            }
        }
    }

    #[test]
    fn lam_alef_before_another_span_loses_no_letter() {
        let line = Line::new(vec![Span::plain("لا"), Span::new("|", Kind::Border)]);
        let (buf, used) = drawn(&line, 10);
        assert_eq!(used, 3);
        assert_eq!(buf[(0, 0)].symbol(), "ل");
        assert_eq!(buf[(1, 0)].symbol(), "ا");
        assert_eq!(buf[(2, 0)].symbol(), "|");
    }

    #[test]
    fn direction_marks_reach_the_terminal_on_their_cell() {
        let (buf, used) = drawn(&Line::plain("\u{200f}שלום\u{200f} x"), 10);
        assert_eq!(used, 6);
        assert_eq!(buf[(0, 0)].symbol(), "\u{200f}ש");
        assert_eq!(buf[(3, 0)].symbol(), "ם\u{200f}");
    }

    #[test]
    fn an_arabic_span_is_drawn_right_to_left() {
        let line = Line::new(vec![Span::new("» ", Kind::Marker), Span::plain("قُتل سبعة")]);
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        bidi::with(Bidi::Reorder, || line_at(&line, 0, 0, 12, &mut buf));
        // The first word, قُتل, is at the right end of the span; the marker stays on the left.
        assert_eq!(buf[(0, 0)].symbol(), "»");
        assert_eq!(buf[(9, 0)].symbol(), "ق\u{64f}");
        assert_eq!(buf[(2, 0)].symbol(), "ة");
    }
}
