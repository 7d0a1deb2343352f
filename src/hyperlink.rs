//! URLs on screen as OSC 8 hyperlinks (`ESC ] 8 ; ; URL ST text ESC ] 8 ; ; ST`), beside the
//! cell buffer rather than in it: ratatui's cells hold text, and an escape sequence in a cell's
//! symbol would be measured as text (the hyperlink example of ratatui does that, and its widths
//! are wrong). So the backend finds, on every row it draws, the URLs of the open briefing drawn
//! there whole, and wraps the cells it sends for them in OSC 8. The cursor moves as before:
//! the sequences take no cells.
//!
//! A URL is linked only where it is drawn whole, on one row, with no URL character glued to
//! either end (a URL cut with `…` or wrapped over two rows is not: its link would name what the
//! screen does not show), only when it passes [`crate::opener::linkable`] (no control character
//! can end the sequence early, no space, no bidi control), and only when it is ASCII (every cell
//! one wide, so sending a link's cells again never splits a wide character). When the cells of
//! a link are sent again because a link appears, changes or goes, all of them are: a cell never
//! keeps the link of a URL no longer there.
//!
//! Whether to send them: `hyperlinks = "auto" | "always" | "never"` in the config file. `auto`
//! is conservative, because a terminal that does not know OSC 8 may print it: on for terminals
//! known to take them (kitty, WezTerm, iTerm2, foot, Ghostty, Windows Terminal, VS Code's,
//! Alacritty, Konsole, VTE ≥ 0.50: GNOME Terminal, Tilix, …), inside tmux only from 3.4 (which
//! passes them on; older ones drop them), never inside GNU screen or on the Linux console.

use std::collections::BTreeSet;
use std::io;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

/// The config file's `hyperlinks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum When {
    #[default]
    Auto,
    Always,
    Never,
}

impl When {
    pub const NAMES: [&'static str; 3] = ["auto", "always", "never"];

    pub fn parse(s: &str) -> Option<When> {
        match s {
            "auto" => Some(When::Auto),
            "always" => Some(When::Always),
            "never" => Some(When::Never),
            _ => None,
        }
    }

    /// Whether links are sent, `env` reading the environment.
    pub fn enabled(self, env: impl Fn(&str) -> Option<String>) -> bool {
        match self {
            When::Always => true,
            When::Never => false,
            When::Auto => supported(env),
        }
    }
}

/// Whether the terminal is one known to take OSC 8, from what it puts in the environment.
pub fn supported(env: impl Fn(&str) -> Option<String>) -> bool {
    let var = |k: &str| env(k).filter(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    if term == "linux" || term == "dumb" || term.starts_with("screen") && var("TMUX").is_none() {
        return false;
    }
    if var("STY").is_some() {
        return false;
    }
    if var("TMUX").is_some() {
        // tmux sets TERM_PROGRAM and its version in its panes.
        let version = var("TERM_PROGRAM_VERSION").unwrap_or_default();
        return var("TERM_PROGRAM").as_deref() == Some("tmux") && at_least(&version, &[3, 4]);
    }
    let program = var("TERM_PROGRAM").unwrap_or_default();
    if matches!(
        program.as_str(),
        "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "rio" | "Tabby"
    ) {
        return true;
    }
    if term == "xterm-kitty" || term.starts_with("foot") || term == "xterm-ghostty" {
        return true;
    }
    if var("KITTY_WINDOW_ID").is_some()
        || var("WT_SESSION").is_some()
        || var("ALACRITTY_WINDOW_ID").is_some()
        || var("ALACRITTY_LOG").is_some()
    {
        return true;
    }
    if let Some(v) = var("VTE_VERSION").and_then(|v| v.parse::<u32>().ok()) {
        return v >= 5000;
    }
    var("KONSOLE_VERSION")
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|v| v >= 200_400)
}

/// Whether the dotted version `v` (`3.3a`, `3.4`, `next-3.5`) is at least `min`.
fn at_least(v: &str, min: &[u32]) -> bool {
    let v = v.trim_start_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<u32> = v
        .split('.')
        .map(|p| {
            p.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap_or(0)
        })
        .collect();
    for (i, &m) in min.iter().enumerate() {
        let p = parts.get(i).copied().unwrap_or(0);
        if p != m {
            return p > m;
        }
    }
    true
}

/// `B`, with the URLs it draws sent as OSC 8 hyperlinks.
#[derive(Debug)]
pub struct Linked<B> {
    inner: B,
    on: bool,
    /// The URLs that may be linked (the open briefing's), longest first.
    urls: Vec<String>,
    /// The screen as sent, and per cell the link the terminal has on it (an index in `urls`).
    screen: Option<(Buffer, Vec<Option<usize>>)>,
    /// The URLs changed: every row is looked at again on the next draw.
    recheck: bool,
}

impl<B> Linked<B> {
    pub fn new(inner: B, on: bool) -> Linked<B> {
        Linked {
            inner,
            on,
            urls: Vec::new(),
            screen: None,
            recheck: false,
        }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }

    /// The URLs the next frames may show: only those that are safe to send are kept. A new set
    /// is checked against the screen on the next draw.
    pub fn set_urls<'u>(&mut self, urls: impl IntoIterator<Item = &'u str>) {
        if !self.on {
            return;
        }
        let mut urls: Vec<String> = urls
            .into_iter()
            .filter(|u| u.is_ascii() && crate::opener::linkable(u))
            .map(str::to_string)
            .collect();
        urls.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        urls.dedup();
        if urls != self.urls {
            self.urls = urls;
            self.recheck = true;
        }
    }
}

impl<B: io::Write> io::Write for Linked<B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Whether `c` may be part of a URL: a link ends where such characters stop.
fn url_char(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_graphic())
}

/// The link of each column of row `y` of `buf`: the URLs drawn there whole.
pub fn row_links(buf: &Buffer, y: u16, urls: &[String]) -> Vec<Option<usize>> {
    let area = buf.area;
    let width = usize::from(area.width);
    let mut out = vec![None; width];
    if urls.is_empty() {
        return out;
    }
    // The row's text, one byte per column where the cell is one ASCII character, else a NUL
    // (which no URL holds).
    let syms: Vec<&str> = (area.left()..area.right())
        .map(|x| buf.cell((x, y)).map_or(" ", Cell::symbol))
        .collect();
    let row: String = syms
        .iter()
        .map(|s| {
            let mut c = s.chars();
            match (c.next(), c.next()) {
                (Some(ch), None) if ch.is_ascii() && !ch.is_ascii_control() => ch,
                _ => '\0',
            }
        })
        .collect();
    for (i, url) in urls.iter().enumerate() {
        for (at, _) in row.match_indices(url.as_str()) {
            let end = at + url.len();
            let glued_before = at > 0 && syms.get(at - 1).is_some_and(|s| url_char(s));
            let glued_after = syms.get(end).is_some_and(|s| url_char(s));
            if glued_before || glued_after {
                continue;
            }
            if out
                .get(at..end)
                .is_some_and(|r| r.iter().all(Option::is_none))
            {
                for slot in out.iter_mut().take(end).skip(at) {
                    *slot = Some(i);
                }
            }
        }
    }
    out
}

/// Cells sent one after the other with the same link (an index in the URLs, or none).
type Run = (Option<usize>, Vec<(u16, u16, Cell)>);

/// `ESC ] 8 ; ; URL ST`: what the cells after it link to. The URL passed [`crate::opener::linkable`].
fn open_link(url: &str) -> Vec<u8> {
    format!("\x1b]8;;{url}\x1b\\").into_bytes()
}

/// `ESC ] 8 ; ; ST`: the cells after it link to nothing.
const CLOSE_LINK: &[u8] = b"\x1b]8;;\x1b\\";

impl<B: Backend<Error = io::Error> + io::Write> Backend for Linked<B> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if !self.on {
            return self.inner.draw(content);
        }
        let size = self.inner.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        let width = usize::from(area.width);
        let (mut buf, mut linked) = match self.screen.take() {
            Some((b, l)) if b.area == area => (b, l),
            _ => (
                Buffer::empty(area),
                vec![None; width * usize::from(area.height)],
            ),
        };
        // The cells in the order given: the layer below may send a cell twice (blanked, then
        // drawn: [`crate::cells::Exact`]), and that order is kept.
        let mut send: Vec<(u16, u16, Cell)> = Vec::new();
        let mut given: BTreeSet<(u16, u16)> = BTreeSet::new();
        for (x, y, c) in content {
            if let Some(cell) = buf.cell_mut((x, y)) {
                *cell = c.clone();
            }
            given.insert((y, x));
            send.push((x, y, c.clone()));
        }
        let rows: BTreeSet<u16> = if std::mem::take(&mut self.recheck) {
            (0..area.height).collect()
        } else {
            given.iter().map(|&(y, _)| y).collect()
        };
        for y in rows {
            let now = row_links(&buf, y, &self.urls);
            for (x, is) in (0u16..).zip(now) {
                let Some(slot) = linked.get_mut(usize::from(y) * width + usize::from(x)) else {
                    continue;
                };
                // A cell whose link comes, goes or changes is sent again with it. Such a cell
                // is one ASCII character (a link covers only those), so sending it again
                // never splits a wide one.
                if *slot != is {
                    if !given.contains(&(y, x)) {
                        if let Some(c) = buf.cell((x, y)) {
                            send.push((x, y, c.clone()));
                        }
                    }
                    *slot = is;
                }
            }
        }
        // Runs of cells with the same link, in the order they are sent.
        let mut runs: Vec<Run> = Vec::new();
        for (x, y, c) in send {
            let link = linked
                .get(usize::from(y) * width + usize::from(x))
                .copied()
                .flatten();
            match runs.last_mut() {
                Some((l, cells)) if *l == link => cells.push((x, y, c)),
                _ => runs.push((link, vec![(x, y, c)])),
            }
        }
        for (link, cells) in &runs {
            let url = link.and_then(|i| self.urls.get(i));
            if let Some(u) = url {
                self.inner.write_all(&open_link(u))?;
            }
            self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
            if url.is_some() {
                self.inner.write_all(CLOSE_LINK)?;
            }
        }
        self.screen = Some((buf, linked));
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.screen = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        // A cleared screen holds no link.
        self.screen = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.screen = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;

    /// A terminal that records what it is sent: cells as `(x,y)sym`, raw bytes as they are.
    #[derive(Default)]
    struct Rec {
        out: Vec<u8>,
    }

    impl io::Write for Rec {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.out.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Backend for Rec {
        type Error = io::Error;
        fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            for (x, y, c) in content {
                self.out
                    .extend_from_slice(format!("({x},{y}){}", c.symbol()).as_bytes());
            }
            Ok(())
        }
        fn hide_cursor(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn show_cursor(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn get_cursor_position(&mut self) -> io::Result<Position> {
            Ok(Position::new(0, 0))
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> io::Result<()> {
            Ok(())
        }
        fn clear(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn clear_region(&mut self, _: ClearType) -> io::Result<()> {
            Ok(())
        }
        fn size(&self) -> io::Result<Size> {
            Ok(Size::new(40, 2))
        }
        fn window_size(&mut self) -> io::Result<WindowSize> {
            Ok(WindowSize {
                columns_rows: Size::new(40, 2),
                pixels: Size::new(0, 0),
            })
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Draws `rows` (as ratatui's diff would: every cell that changed) and returns what the
    /// terminal got, with ESC shown as `^`.
    fn frame(l: &mut Linked<Rec>, prev: &mut Buffer, rows: [&str; 2]) -> String {
        let mut next = Buffer::empty(Rect::new(0, 0, 40, 2));
        for (y, r) in (0u16..).zip(rows) {
            next.set_string(0, y, r, ratatui::style::Style::default());
        }
        let diff = prev.diff(&next);
        l.inner_mut().out.clear();
        l.draw(diff.into_iter()).unwrap();
        *prev = next;
        String::from_utf8_lossy(&l.inner().out).replace('\u{1b}', "^")
    }

    /// The cells of a run by column, without their positions: what the link covers on
    /// screen (cells sent again for a link may come after the one that changed).
    fn cells(s: &str) -> String {
        let mut found: Vec<(u16, String)> = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('(') {
            let Some(close) = rest[open..].find(')') else {
                break;
            };
            let pos = &rest[open + 1..open + close];
            let x: u16 = pos
                .split(',')
                .next()
                .and_then(|x| x.parse().ok())
                .unwrap_or(0);
            rest = &rest[open + close + 1..];
            let end = rest.find(['(', '^']).unwrap_or(rest.len());
            found.push((x, rest[..end].to_string()));
            rest = &rest[end..];
        }
        found.sort_by_key(|(x, _)| *x);
        found.into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn a_url_drawn_whole_is_linked_and_the_cells_keep_their_places() {
        let mut l = Linked::new(Rec::default(), true);
        l.set_urls(["https://a.example/x", "https://b.example/"]);
        let mut prev = Buffer::empty(Rect::new(0, 0, 40, 2));
        let got = frame(&mut l, &mut prev, ["see https://a.example/x now", ""]);
        let open = "^]8;;https://a.example/x^\\";
        let start = got.find(open).unwrap();
        let end = got.find("^]8;;^\\").unwrap();
        assert_eq!(cells(&got[start + open.len()..end]), "https://a.example/x");
        assert!(got[start..].starts_with(&format!("{open}(4,0)h")), "{got}");
        assert!(got.starts_with("(0,0)s(1,0)e(2,0)e^]8"), "{got}");
        assert!(
            got.ends_with("(22,0)x^]8;;^\\(24,0)n(25,0)o(26,0)w"),
            "{got}"
        );

        // A URL cut short, glued to other text, or a prefix of the one drawn is no link.
        let got = frame(
            &mut l,
            &mut prev,
            ["https://a.example/…", "xhttps://b.example/"],
        );
        assert!(!got.contains("^]8;;h"), "{got}");
        let got = frame(&mut l, &mut prev, ["https://a.example/xy", ""]);
        assert!(!got.contains("^]8;;h"), "{got}");
    }

    #[test]
    fn a_cell_sent_twice_by_the_layer_below_is_sent_twice_in_that_order() {
        let mut l = Linked::new(Rec::default(), true);
        l.set_urls(["https://a.example/"]);
        let blank = Cell::EMPTY;
        let mut wide = Cell::EMPTY;
        wide.set_symbol("👍🏽");
        let cells = [(0, 0, &blank), (1, 0, &blank), (0, 0, &wide)];
        l.draw(cells.into_iter()).unwrap();
        let got = String::from_utf8_lossy(&l.inner().out).into_owned();
        assert_eq!(got, "(0,0) (1,0) (0,0)👍🏽");
    }

    #[test]
    fn a_link_that_changes_or_goes_sends_all_its_cells_again() {
        let mut l = Linked::new(Rec::default(), true);
        l.set_urls(["https://a.example/1", "https://a.example/2"]);
        let mut prev = Buffer::empty(Rect::new(0, 0, 40, 2));
        frame(&mut l, &mut prev, ["https://a.example/1", ""]);
        // One cell differs; every cell of the link goes again with the new target.
        let got = frame(&mut l, &mut prev, ["https://a.example/2", ""]);
        let open = "^]8;;https://a.example/2^\\";
        let start = got.find(open).unwrap();
        let end = got.find("^]8;;^\\").unwrap();
        assert_eq!(cells(&got[start + open.len()..end]), "https://a.example/2");
        // Cut, the unchanged cells go again without a link.
        let got = frame(&mut l, &mut prev, ["https://a.example/…", ""]);
        assert!(!got.contains("^]8"), "{got}");
        assert_eq!(cells(&got), "https://a.example/…");
    }

    #[test]
    fn a_url_that_could_end_the_sequence_early_is_never_linked() {
        let mut l = Linked::new(Rec::default(), true);
        l.set_urls([
            "https://a.example/\u{1b}]8;;https://evil.example/",
            "https://a.example/a b",
            "https://a.example/\u{7}",
            "https://a.example/\u{9c}",
            "https://한국.example/",
            "file:///etc/passwd",
        ]);
        assert!(l.urls.is_empty(), "{:?}", l.urls);
        let mut off = Linked::new(Rec::default(), false);
        off.set_urls(["https://a.example/"]);
        let mut prev = Buffer::empty(Rect::new(0, 0, 40, 2));
        let got = frame(&mut off, &mut prev, ["https://a.example/", ""]);
        assert!(!got.contains('^'), "off sends no link: {got}");
    }

    #[test]
    fn auto_is_on_only_for_terminals_known_to_take_links() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_string())
            }
        };
        assert!(supported(env(&[("TERM", "xterm-kitty")])));
        assert!(supported(env(&[("TERM_PROGRAM", "WezTerm")])));
        assert!(supported(env(&[
            ("TERM", "xterm-256color"),
            ("VTE_VERSION", "7600")
        ])));
        assert!(!supported(env(&[
            ("TERM", "xterm-256color"),
            ("VTE_VERSION", "4800")
        ])));
        assert!(
            !supported(env(&[("TERM", "xterm-256color")])),
            "plain xterm: unknown"
        );
        assert!(!supported(env(&[("TERM", "linux")])));
        assert!(!supported(env(&[("TERM", "screen"), ("STY", "1.pts")])));
        const TMUX33: &[(&str, &str)] = &[
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TERM", "tmux-256color"),
            ("TERM_PROGRAM", "tmux"),
            ("TERM_PROGRAM_VERSION", "3.3a"),
            ("KITTY_WINDOW_ID", "1"),
        ];
        assert!(!supported(env(TMUX33)), "tmux before 3.4 drops them");
        const TMUX34: &[(&str, &str)] = &[
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TERM_PROGRAM", "tmux"),
            ("TERM_PROGRAM_VERSION", "3.4"),
        ];
        assert!(supported(env(TMUX34)));
        assert!(at_least("next-3.5", &[3, 4]));
        assert!(!at_least("3.3a", &[3, 4]));
        assert!(When::Always.enabled(env(&[("TERM", "linux")])));
        assert!(!When::Never.enabled(env(&[("TERM", "xterm-kitty")])));
    }
}
