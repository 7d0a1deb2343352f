//! Untrusted text made safe and measured: sanitising, display width, wrapping.
//!
//! Every string that comes from a file passes through [`sanitize`] before it reaches any output,
//! so no byte of a briefing can act on the terminal. Control characters become visible symbols,
//! tabs become spaces, and invisible format characters (bidi overrides, zero-width characters)
//! become visible marks instead of being obeyed.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Shown instead of a bidi control character (U+202A–U+202E, U+2066–U+2069, marks).
pub const BIDI_MARK: char = '⇄';
/// Shown instead of a zero-width character.
pub const ZERO_WIDTH_MARK: char = '␣';
/// Shown instead of a C1 control character (U+0080–U+009F).
pub const C1_MARK: char = '�';
const TAB_STOP: usize = 4;

/// What to show instead of `c`, or None when `c` is safe as it is.
fn replacement(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{80}'..='\u{9f}' => Some(C1_MARK),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(BIDI_MARK)
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}' => {
            Some(ZERO_WIDTH_MARK)
        }
        '\u{2028}' | '\u{2029}' => Some('↵'),
        _ => None,
    }
}

fn is_clean(s: &str) -> bool {
    // Fast path: plain ASCII text with no controls but newlines.
    let bytes = s.as_bytes();
    if bytes
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || b == b'\n')
    {
        return true;
    }
    !s.chars().any(|c| c == '\t' || replacement(c).is_some())
}

/// Makes untrusted multi-line text safe to display. Newlines are kept; everything else that
/// could move the cursor, change modes or reorder text is replaced by a visible symbol.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0usize;
    for c in s.chars() {
        match c {
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c => {
                out.push(replacement(c).unwrap_or(c));
                col += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], for places that show one line: newlines become `↵`.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    let clean = sanitize(s);
    if clean.contains('\n') {
        Cow::Owned(clean.replace('\n', "↵"))
    } else {
        clean
    }
}

/// The text as the reader shows it: sanitised, with single line breaks inside a paragraph unfolded
/// into spaces (YAML `|` blocks are often prose broken at the author's editor width). Blank lines
/// and lines that start a list item keep their breaks. Byte offsets are those of [`sanitize`]:
/// only `\n` becomes ` `, so ranges found in one are valid in the other.
pub fn display(s: &str) -> Cow<'_, str> {
    let clean = sanitize(s);
    let trimmed = clean.trim_end_matches('\n');
    if !trimmed.contains('\n') {
        return clean;
    }
    let bytes = clean.as_bytes();
    let mut out = clean.clone().into_owned().into_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'\n' || i + 1 >= trimmed.len() {
            continue;
        }
        let prev_break = i == 0 || bytes.get(i - 1) == Some(&b'\n');
        let next = clean.get(i + 1..).unwrap_or("");
        let keeps = prev_break || next.starts_with('\n') || starts_list_item(next);
        if !keeps {
            if let Some(slot) = out.get_mut(i) {
                *slot = b' ';
            }
        }
    }
    // Only ASCII newlines were replaced by ASCII spaces, so the bytes are still UTF-8.
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(_) => clean,
    }
}

fn starts_list_item(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    t.len() != line.len()
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("• ")
        || t.split_once(". ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Wraps sanitised text to `width` cells: at spaces where it can, between CJK characters, and
/// inside words longer than a line. Blank lines in the text are kept. Never returns an empty vec.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let text = display(text);
    let mut lines = Vec::new();
    for paragraph in text.trim_end_matches('\n').split('\n') {
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        wrap_line(paragraph, width, &mut lines);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// One paragraph, first fit. textwrap finds the break opportunities (Unicode line breaking, and
/// hyphens) but measures character by character, while a terminal and ratatui measure a
/// grapheme: `⛴` is one cell, `⛴\u{fe0f}` (emoji presentation) two. So each piece is measured
/// again as drawn before the lines are filled, and a piece wider than a line is cut between
/// graphemes.
fn wrap_line(line: &str, width: usize, out: &mut Vec<String>) {
    // A UTF-8 line takes at least as many bytes as cells.
    if line.len() <= width {
        out.push(line.trim_end_matches(' ').to_string());
        return;
    }
    let found = textwrap::WordSeparator::UnicodeBreakProperties.find_words(line);
    let mut words: Vec<textwrap::core::Word> = Vec::new();
    for mut w in
        textwrap::word_splitters::split_words(found, &textwrap::WordSplitter::NoHyphenation)
    {
        w.width = self::width(w.word);
        if w.width <= width {
            words.push(w);
            continue;
        }
        // Longer than a line: cut between graphemes; the last piece keeps the whitespace.
        let mut start = 0;
        let mut used = 0;
        for (i, g) in w.word.grapheme_indices(true) {
            let gw = self::width(g);
            if used + gw > width && i > start {
                words.push(piece(w.word.get(start..i).unwrap_or(""), used));
                start = i;
                used = 0;
            }
            used += gw;
        }
        let mut last = piece(w.word.get(start..).unwrap_or(""), used);
        last.whitespace = w.whitespace;
        last.penalty = w.penalty;
        words.push(last);
    }
    for slice in textwrap::wrap_algorithms::wrap_first_fit(&words, &[width as f64]) {
        let mut s = String::new();
        for (i, w) in slice.iter().enumerate() {
            s.push_str(w.word);
            if i + 1 < slice.len() {
                s.push_str(w.whitespace);
            } else {
                s.push_str(w.penalty);
            }
        }
        out.push(s);
    }
}

fn piece(word: &str, width: usize) -> textwrap::core::Word<'_> {
    let mut w = textwrap::core::Word::from(word);
    w.whitespace = "";
    w.penalty = "";
    w.width = width;
    w
}

/// Truncates to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    // By grapheme, measured as drawn (see `wrap_line`).
    for g in s.graphemes(true) {
        let w = UnicodeWidthStr::width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `1 claim`, `3 claims`: a count with its noun, singular for one. `noun` is the singular;
/// the plural adds `s` (every noun counted on screen does).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Formats a count with thousands separators: 1,234.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_unfolds_prose_but_keeps_paragraphs_and_lists() {
        assert_eq!(
            display("one\ntwo\n\nthree\n- a\n- b\n"),
            "one two\n\nthree\n- a\n- b\n"
        );
        assert_eq!(display("x\n  indented"), "x\n  indented");
        assert_eq!(display("a\tb").len(), sanitize("a\tb").len());
        assert_eq!(wrap("The\napproved rise", 40), vec!["The approved rise"]);
    }

    #[test]
    fn controls_become_visible() {
        let s = sanitize("a\u{1b}[2Jb\u{7}c\u{9b}d\u{7f}");
        assert_eq!(s, "a␛[2Jb␇c�d␡");
        assert!(matches!(sanitize("plain text\nsecond"), Cow::Borrowed(_)));
        assert!(matches!(sanitize("한국어 text"), Cow::Borrowed(_)));
    }

    /// What a terminal would act on or hide: C0 controls, DEL, C1 controls, bidi controls.
    fn acts_on_terminal(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
            )
            || matches!(c, '\u{2066}'..='\u{2069}')
    }

    #[test]
    fn every_char_up_to_nbsp_is_shown_or_kept() {
        for code in 0..=0xA0u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let input = format!("a{c}b");
            let shown = sanitize(&input);
            let line = sanitize_line(&input);
            for out in [&shown, &line] {
                assert!(
                    !out.chars().any(|o| acts_on_terminal(o) && o != '\n'),
                    "U+{code:04X} came out as {out:?}"
                );
            }
            assert!(!line.contains('\n'), "U+{code:04X}: {line:?}");
            let middle: String = shown
                .chars()
                .skip(1)
                .take(shown.chars().count() - 2)
                .collect();
            match c {
                '\n' => assert_eq!((middle.as_str(), line.as_ref()), ("\n", "a↵b")),
                '\t' => assert_eq!(middle, "   ", "a tab after one column fills to the stop"),
                '\u{0}'..='\u{1f}' => {
                    assert_eq!(
                        middle,
                        char::from_u32(0x2400 + code)
                            .map(String::from)
                            .unwrap_or_default()
                    )
                }
                '\u{7f}' => assert_eq!(middle, "␡"),
                '\u{80}'..='\u{9f}' => assert_eq!(middle, C1_MARK.to_string()),
                // Printable ASCII and NBSP are themselves, and need no copy.
                _ => {
                    assert_eq!(middle, c.to_string());
                    assert!(matches!(shown, Cow::Borrowed(_)), "U+{code:04X} copied");
                }
            }
        }
    }

    #[test]
    fn every_bidi_and_zero_width_char_is_marked() {
        let bidi = ['\u{61c}', '\u{200e}', '\u{200f}']
            .into_iter()
            .chain('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}');
        for c in bidi {
            assert_eq!(
                sanitize(&format!("a{c}b")),
                format!("a{BIDI_MARK}b"),
                "{c:?}"
            );
        }
        let zero_width = ('\u{200b}'..='\u{200d}')
            .chain('\u{2060}'..='\u{2064}')
            .chain(['\u{feff}', '\u{180e}']);
        for c in zero_width {
            assert_eq!(
                sanitize(&format!("a{c}b")),
                format!("a{ZERO_WIDTH_MARK}b"),
                "{c:?}"
            );
        }
        // Nothing in the General Punctuation block is passed through invisible or acting.
        for c in '\u{2000}'..='\u{206f}' {
            let shown = sanitize_line(&c.to_string()).into_owned();
            assert!(!shown.chars().any(acts_on_terminal), "{c:?} -> {shown:?}");
            assert!(
                !matches!(
                    shown.as_str(),
                    "\u{200b}" | "\u{200c}" | "\u{200d}" | "\u{2060}"
                ),
                "{c:?} passed through invisible"
            );
        }
    }

    #[test]
    fn escape_sequences_are_inert_whole() {
        let attacks = [
            "\u{1b}]0;title\u{7}",
            "\u{1b}[2J\u{1b}[H",
            "\u{1b}]52;c;SGVsbG8=\u{7}",
            "\u{9b}31m",
            "\u{1b}P+q\u{1b}\\",
            "x\u{8}\u{8}\ry\u{7f}",
        ];
        for attack in attacks {
            for out in [sanitize(attack), sanitize_line(attack)] {
                assert!(!out.chars().any(acts_on_terminal), "{attack:?} -> {out:?}");
            }
            for line in wrap(attack, 3) {
                assert!(
                    !line.chars().any(acts_on_terminal),
                    "{attack:?} -> {line:?}"
                );
            }
            assert!(!truncate(&sanitize_line(attack), 4)
                .chars()
                .any(acts_on_terminal));
        }
    }

    #[test]
    fn bidi_and_zero_width_are_marked() {
        assert_eq!(sanitize("a\u{202e}b\u{200b}c"), "a⇄b␣c");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(sanitize("a\tb\n\tc"), "a   b\n    c");
    }

    #[test]
    fn one_line_form_marks_newlines() {
        assert_eq!(sanitize_line("a\nb"), "a↵b");
    }

    #[test]
    fn wraps_cjk_between_characters() {
        let lines = wrap("가나다라마바사아자차카타파하", 10);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
    }

    #[test]
    fn wraps_long_words_and_keeps_blank_lines() {
        let lines = wrap(&"x".repeat(25), 10);
        assert_eq!(lines.len(), 3);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert!(wrap("anything", 0).iter().all(|l| width(l) <= 1));
    }

    /// Emoji with U+FE0F are two cells: the lines fit, and no word is cut to make them fit
    /// (a QA pass saw "transfe" / "r" when the wrapper counted them as one cell).
    #[test]
    fn words_stay_whole_around_emoji_presentation() {
        let text = "Signs \u{2640}\u{fe0f} \u{2642}\u{fe0f} \u{2764}\u{fe0f} \u{263a}\u{fe0f} \
                    \u{2714}\u{fe0f} \u{260e}\u{fe0f} \u{26a0}\u{fe0f} next: the union says that \
                    once transfer discounts are cut, the real rise is thirty percent";
        let words: Vec<&str> = text.split(' ').collect();
        for w in 12..=60 {
            let lines = wrap(text, w);
            assert!(lines.iter().all(|l| width(l) <= w), "{w}: {lines:?}");
            let rejoined: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            assert_eq!(rejoined, words, "at {w} a word was cut: {lines:?}");
        }
    }

    /// Dates and ids are never broken at their hyphens (QA: `2025-03-` / `11` in print).
    #[test]
    fn hyphens_do_not_break_dates_or_ids() {
        let lines = wrap("arabic-claim · Al Jazeera · 2025-03-11 · reported", 40);
        assert!(lines.iter().any(|l| l.contains("2025-03-11")), "{lines:?}");
        let lines = wrap("contradicts: c-missing, r-blue-disputes-312", 36);
        assert!(
            lines.iter().any(|l| l.contains("r-blue-disputes-312")),
            "{lines:?}"
        );
    }

    #[test]
    fn wraps_like_textwrap_where_widths_agree() {
        let texts = [
            "The Ministry of National Defense said on Friday that it had not discussed a \
             withdrawal, calling the report groundless; a long-standing well-known position.",
            "  indented text keeps its indent and wraps after it all the same way",
            "서울특별시는 버스 기본요금을 1,400원에서 1,610원으로 15% 인상한다고 발표했다.",
        ];
        for text in texts {
            for w in 5..=70 {
                let theirs: Vec<String> = textwrap::wrap(
                    text,
                    textwrap::Options::new(w)
                        .break_words(true)
                        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
                        .word_splitter(textwrap::WordSplitter::NoHyphenation)
                        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit),
                )
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
                assert_eq!(wrap(text, w), theirs, "{text:?} at {w}");
            }
        }
    }

    #[test]
    fn emoji_presentation_is_measured_as_drawn() {
        let ferry = "⛴\u{fe0f}";
        assert_eq!(width(ferry), 2);
        let text = "모임) ⛴\u{fe0f} 모임) ⛴\u{fe0f}⛴\u{fe0f}⛴\u{fe0f}⛴\u{fe0f}";
        for w in 1..12 {
            for line in wrap(text, w) {
                assert!(width(&line) <= w.max(2), "{line:?} at {w}");
            }
        }
        assert_eq!(wrap("모임) ⛴\u{fe0f}", 7), vec!["모임)", "⛴\u{fe0f}"]);
        assert_eq!(truncate("ab⛴\u{fe0f}cd", 4), "ab…");
    }

    #[test]
    fn truncates_by_cells() {
        assert_eq!(truncate("한국어", 4), "한…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        // A variation selector makes `⛴` two cells wide; it is kept or cut whole.
        assert_eq!(truncate("⛴\u{fe0f}ab", 3), "⛴\u{fe0f}…");
        assert_eq!(truncate("a⛴\u{fe0f}b", 3), "a…");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(5000000), "5,000,000");
        assert_eq!(thousands(12), "12");
    }
}
