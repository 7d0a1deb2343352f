//! Right-to-left text in display order: the Unicode Bidirectional Algorithm (`unicode-bidi`)
//! applied to one line at a time, for terminals that draw cells left to right as they are sent
//! (tmux, xterm, kitty, alacritty, WezTerm). Text is wrapped in logical order first; each line
//! is then split into runs in the order they are shown, right-to-left runs reversed grapheme by
//! grapheme (a combining mark or a joiner stays with its letter) and their brackets mirrored.
//! `print` to a pipe and the exports never come here: they keep the logical order.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;
use std::sync::OnceLock;

use unicode_bidi::{BidiInfo, Level};
use unicode_segmentation::UnicodeSegmentation;

/// How right-to-left lines are shown (`--bidi`, `bidi =` in config.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bidi {
    /// brief reorders each line for display (the default: most terminals do no bidi).
    #[default]
    Reorder,
    /// Lines go to the terminal in storage order, for terminals that reorder them themselves
    /// (VTE/GNOME Terminal, Konsole, mlterm).
    Off,
}

impl Bidi {
    pub const NAMES: [&'static str; 2] = ["reorder", "off"];

    pub fn parse(s: &str) -> Option<Bidi> {
        match s {
            "reorder" => Some(Bidi::Reorder),
            "off" => Some(Bidi::Off),
            _ => None,
        }
    }
}

static CHOSEN: OnceLock<Bidi> = OnceLock::new();

thread_local! {
    static SCOPED: Cell<Option<Bidi>> = const { Cell::new(None) };
}

/// Sets the mode for the process (once, at start-up; later calls are ignored).
pub fn set(mode: Bidi) {
    let _ = CHOSEN.set(mode);
}

/// The mode in effect: the one set for this thread by [`with`], else the process's.
pub fn mode() -> Bidi {
    SCOPED
        .with(Cell::get)
        .unwrap_or_else(|| CHOSEN.get().copied().unwrap_or_default())
}

/// Runs `f` with `mode` in effect on this thread (tests draw both ways in one process).
pub fn with<R>(mode: Bidi, f: impl FnOnce() -> R) -> R {
    let before = SCOPED.with(|s| s.replace(Some(mode)));
    let out = f();
    SCOPED.with(|s| s.set(before));
    out
}

/// Whether `c` is a strong right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko, …,
/// and the RLM and ALM marks), the cheap test that lets left-to-right text skip the algorithm.
fn is_rtl_char(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08ff}'
        | '\u{200f}'
        | '\u{fb1d}'..='\u{fdff}'
        | '\u{fe70}'..='\u{feff}'
        | '\u{10800}'..='\u{10fff}'
        | '\u{1e800}'..='\u{1efff}')
}

/// Whether anything in `s` could be shown right to left.
pub fn has_rtl(s: &str) -> bool {
    // Every character from U+0590 on is at least two bytes, the first 0xD6 or more.
    s.bytes().any(|b| b >= 0xd6) && s.chars().any(is_rtl_char)
}

/// A piece of a line in the order it is shown: a byte range of the text, and whether it is
/// shown right to left (its graphemes reversed, see [`shown`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub range: Range<usize>,
    pub rtl: bool,
}

/// A text whose lines are shown in display order: the bidi paragraphs of the whole text (each
/// `\n`-separated paragraph takes its direction from its first strong character), so that a
/// wrapped line of an Arabic paragraph that starts with a Latin name is still laid out right
/// to left.
pub struct Paragraphs<'a> {
    info: Option<BidiInfo<'a>>,
    len: usize,
}

impl<'a> Paragraphs<'a> {
    /// Each paragraph's direction from its first strong character (rules P2, P3).
    pub fn new(text: &'a str) -> Paragraphs<'a> {
        Paragraphs::with_level(text, None)
    }

    /// Every paragraph left to right, whatever it starts with: a line brief composes from a
    /// name and its own words (`قناة … (media) · reliability B`), whose order is brief's.
    pub fn left_to_right(text: &'a str) -> Paragraphs<'a> {
        Paragraphs::with_level(text, Some(Level::ltr()))
    }

    /// One field of a line brief composes: right to left when it starts with a right-to-left
    /// letter (a name, a sentence), else left to right (`▶ 2 ✗ טענה-2`, `claim`, a date).
    pub fn field(text: &'a str) -> Paragraphs<'a> {
        let rtl = text.trim_start().chars().next().is_some_and(is_rtl_char);
        Paragraphs::with_level(text, Some(if rtl { Level::rtl() } else { Level::ltr() }))
    }

    fn with_level(text: &'a str, level: Option<Level>) -> Paragraphs<'a> {
        let info = (mode() == Bidi::Reorder && has_rtl(text)).then(|| BidiInfo::new(text, level));
        Paragraphs {
            info,
            len: text.len(),
        }
    }

    /// Whether any line of the text is reordered.
    pub fn reorders(&self) -> bool {
        self.info.is_some()
    }

    /// Whether the paragraph holding byte `at` is right to left (its lines are aligned right).
    pub fn is_rtl(&self, at: usize) -> bool {
        self.info.as_ref().is_some_and(|info| {
            info.paragraphs
                .iter()
                .find(|p| p.range.contains(&at) || p.range.end == at)
                .is_some_and(|p| p.level.is_rtl())
        })
    }

    /// The runs of the line `line` (a byte range of the text, inside one paragraph), in the
    /// order they are shown. Without right-to-left text, the line itself.
    pub fn runs(&self, line: Range<usize>) -> Vec<Run> {
        let line = line.start.min(self.len)..line.end.min(self.len);
        let Some(info) = &self.info else {
            return vec![Run {
                range: line,
                rtl: false,
            }];
        };
        let Some(para) = info
            .paragraphs
            .iter()
            .find(|p| p.range.start <= line.start && line.end <= p.range.end)
        else {
            return vec![Run {
                range: line,
                rtl: false,
            }];
        };
        if line.is_empty() {
            return Vec::new();
        }
        let (levels, runs) = info.visual_runs(para, line);
        runs.into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| Run {
                rtl: levels.get(r.start).is_some_and(Level::is_rtl),
                range: r,
            })
            .collect()
    }
}

impl Paragraphs<'_> {
    /// The line `line` of `text` (the text these paragraphs are of) as shown: its runs in
    /// display order, each as [`shown`] has it.
    pub fn shown(&self, text: &str, line: Range<usize>) -> String {
        self.runs(line)
            .into_iter()
            .map(|r| shown(text.get(r.range).unwrap_or(""), r.rtl))
            .collect()
    }
}

/// A run's text as shown: right to left means grapheme by grapheme from the last, each bracket
/// or other mirrored character replaced by its mirror image (rule L4: `(` reads `)`).
pub fn shown(text: &str, rtl: bool) -> Cow<'_, str> {
    if !rtl {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true).rev() {
        let mut chars = g.chars();
        if let Some(first) = chars.next() {
            out.push(unicode_bidi_mirroring::get_mirrored(first).unwrap_or(first));
            out.push_str(chars.as_str());
        }
    }
    Cow::Owned(out)
}

/// One line of text (a field, a cell, a title, or a line brief composes of several) in display
/// order. brief's own separators ` · ` and ` ↔ ` part it into fields, which keep their places
/// from left to right; a field is laid out right to left when it starts with a right-to-left
/// letter (a name, a sentence), else left to right with its right-to-left runs reversed in
/// place (`▶ 2 ✗ טענה-2`, `2025-07-13`, `claim`). The spaces at either end stay where they are:
/// a table cell padded to its column stays aligned where its column starts. Left-to-right text
/// comes back as it is.
pub fn visual(line: &str) -> Cow<'_, str> {
    if mode() == Bidi::Off || !has_rtl(line) || line.contains('\n') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    for r in fields(line) {
        out.push_str(&field(line.get(r).unwrap_or("")));
    }
    Cow::Owned(out)
}

/// The byte ranges of the fields of `line` and of the separators between them, in order: what
/// [`visual`] lays out one by one.
pub fn fields(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((i, sep)) = [" · ", " ↔ "]
        .iter()
        .filter_map(|sep| line.get(at..)?.find(sep).map(|i| (at + i, *sep)))
        .min()
    {
        out.push(at..i);
        out.push(i..i + sep.len());
        at = i + sep.len();
    }
    out.push(at..line.len());
    out
}

/// One field of [`visual`].
fn field(text: &str) -> Cow<'_, str> {
    if !has_rtl(text) {
        return Cow::Borrowed(text);
    }
    let inner = text.trim_matches(' ');
    let lead = text.len() - text.trim_start_matches(' ').len();
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..lead).unwrap_or(""));
    out.push_str(&Paragraphs::field(inner).shown(inner, 0..inner.len()));
    out.push_str(text.get(lead + inner.len()..).unwrap_or(""));
    Cow::Owned(out)
}

/// Wrapped `lines` of `text` (as [`crate::text::wrap`] made them from it) in display order, for
/// a terminal: each line reordered with its paragraph's direction, and a line of a
/// right-to-left paragraph aligned to the right of `width` cells. Without right-to-left text,
/// or with `--bidi off`, the lines as they are.
pub fn display_lines(text: &str, lines: Vec<String>, width: usize) -> Vec<String> {
    let full = crate::text::display(text);
    let paragraphs = Paragraphs::new(&full);
    if !paragraphs.reorders() {
        return lines;
    }
    let offsets = crate::text::line_offsets(&full, &lines);
    lines
        .into_iter()
        .zip(offsets)
        .map(|(line, start)| {
            let mut out = paragraphs.shown(&full, start..start + line.len());
            let used = crate::text::width(&out);
            if paragraphs.is_rtl(start) && used < width && !out.is_empty() {
                out.insert_str(0, &" ".repeat(width - used));
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reordered(s: &str) -> String {
        with(Bidi::Reorder, || visual(s).into_owned())
    }

    #[test]
    fn left_to_right_text_is_untouched() {
        for s in [
            "plain",
            "한국어 텍스트",
            "Київ, 15 березня",
            "👩\u{200d}👩\u{200d}👧",
        ] {
            assert!(matches!(visual(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn an_arabic_sentence_reads_from_the_right() {
        // "killed 7" in Arabic: first word قُتل on the right, the digits stay in order.
        let s = "قُتل 17 شخصا";
        let shown = reordered(s);
        assert!(shown.ends_with("قُتل".graphemes(true).rev().collect::<String>().as_str()));
        assert!(shown.contains("17"), "{shown}");
        // The fatha stays on its letter: reversed by grapheme, not by character.
        assert!(shown.contains("\u{642}\u{64f}"), "{shown:?}");
        assert_eq!(with(Bidi::Off, || visual(s).into_owned()), s);
    }

    #[test]
    fn a_mixed_line_keeps_each_run_readable() {
        let s = "RMA said 7 killed — قُتل 7 (أمس)";
        let shown = reordered(s);
        assert!(shown.starts_with("RMA said 7 killed — "), "{shown}");
        // The Arabic run is reversed, its parentheses mirrored so they still enclose.
        let tail = shown.trim_start_matches("RMA said 7 killed — ");
        assert!(tail.starts_with("(سمأ)"), "{tail}");
    }

    /// A line brief composes keeps its fields in place: an id does not swap with a name, a date
    /// is not read backwards, the chrome before a right-to-left id stays on the left (QA).
    #[test]
    fn composed_lines_keep_their_fields_in_place() {
        assert_eq!(
            reordered("claim · 2025-07-13 · وزارة الصحة · ادعاء-١ · disputed"),
            "claim · 2025-07-13 · ةحصلا ةرازو · ١-ءاعدا · disputed"
        );
        assert_eq!(reordered("▶  2 ✗ טענה-2 ↔ رد-2"), "▶  2 ✗ 2-הנעט ↔ 2-در");
        assert_eq!(
            reordered("Lanes: 1 idf · 2 الجزيرة"),
            "Lanes: 1 idf · 2 ةريزجلا"
        );
    }

    #[test]
    fn a_padded_cell_keeps_its_padding_where_it_was() {
        assert_eq!(reordered("  שלום   "), "  םולש   ");
    }

    #[test]
    fn hebrew_with_marks_keeps_the_marks() {
        let s = "\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f} 2025";
        let shown = reordered(s);
        assert!(shown.contains('\u{200f}'));
        assert_eq!(shown.chars().count(), s.chars().count());
    }

    #[test]
    fn paragraph_direction_covers_its_wrapped_lines() {
        let text = "قال متحدث باسم RMA إن سبعة قتلوا\nsecond paragraph";
        with(Bidi::Reorder, || {
            let p = Paragraphs::new(text);
            assert!(p.is_rtl(0));
            assert!(!p.is_rtl(text.len() - 3));
            // A wrapped line of the Arabic paragraph that starts with a Latin name is still laid
            // out right to left: the name, first in the line, is shown last (on the right).
            let start = text.find("RMA").unwrap_or(0);
            let end = text.find('\n').unwrap_or(0);
            let runs = p.runs(start..end);
            let last = runs.last().map(|r| &text[r.range.clone()]);
            assert_eq!(last, Some("RMA"), "{runs:?}");
            assert!(runs.iter().take(runs.len() - 1).all(|r| r.rtl));
        });
    }
}
