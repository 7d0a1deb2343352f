//! Untrusted text made safe and measured: sanitising, display width, wrapping.
//!
//! Every string that comes from a file passes through [`sanitize`] before it reaches any output,
//! so no byte of a briefing can act on the terminal. Control characters become visible symbols,
//! tabs become spaces, and the invisible characters that could reorder or hide text (bidi
//! embeddings, overrides and isolates, zero-width spaces, tag characters, …) become visible marks
//! instead of being obeyed. What writing systems need is text, and passes: the joiners (ZWNJ,
//! ZWJ), the direction marks (LRM, RLM, ALM), variation selectors and combining marks.
//!
//! [`width`] is what the terminal cells take: the sum, grapheme by grapheme, of what ratatui puts
//! in each cell (and the cell a terminal gives the few spacing vowel signs `unicode-width`
//! counts as none). Wrapping, truncation, alignment, drawing and hit tests all measure with it.

pub mod bidi;

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Shown instead of a bidi embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
pub const BIDI_MARK: char = '⇄';
/// Shown instead of an invisible character that is not a joiner or a mark: zero-width space,
/// word joiner, invisible operators, BOM, tag characters, deprecated format characters, soft
/// hyphen, interlinear annotation.
pub const ZERO_WIDTH_MARK: char = '␣';
/// Shown instead of a C1 control character (U+0080–U+009F), a noncharacter or a private-use one.
pub const C1_MARK: char = '�';
const TAB_STOP: usize = 4;

/// What to show instead of `c`, or None when `c` is safe as it is.
fn replacement(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{80}'..='\u{9f}' => Some(C1_MARK),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(BIDI_MARK),
        '\u{ad}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Some(ZERO_WIDTH_MARK),
        '\u{2028}' | '\u{2029}' => Some('↵'),
        '\u{fdd0}'..='\u{fdef}' | '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}' => {
            Some(C1_MARK)
        }
        c if (c as u32) & 0xfffe == 0xfffe => Some(C1_MARK),
        _ => None,
    }
}

/// The length in bytes of the emoji tag sequence at the start of `rest` (a subdivision flag:
/// 🏴 then tag letters then CANCEL TAG, U+E007F), which is kept whole; 0 when there is none.
fn tag_sequence(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    if chars.next().map(|(_, c)| c) != Some('\u{1f3f4}') {
        return 0;
    }
    for (n, (i, c)) in chars.enumerate() {
        match c {
            '\u{e0020}'..='\u{e007e}' if n < 32 => continue,
            '\u{e007f}' if n > 0 => return i + c.len_utf8(),
            _ => return 0,
        }
    }
    0
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

/// Whether [`sanitize`] keeps `c` as it is.
pub fn is_kept(c: char) -> bool {
    c == '\n' || (c != '\t' && replacement(c).is_none())
}

/// Makes untrusted multi-line text safe to display. Newlines are kept; everything else that
/// could move the cursor, change modes or reorder text is replaced by a visible symbol.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0usize;
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\u{1f3f4}' => {
                // A subdivision flag's tags are kept whole; anywhere else a tag is marked.
                let rest = s.get(i..).unwrap_or("");
                let n = tag_sequence(rest).max(c.len_utf8());
                out.push_str(rest.get(..n).unwrap_or(""));
                let tags = rest.get(c.len_utf8()..n).map_or(0, |t| t.chars().count());
                for _ in 0..tags {
                    chars.next();
                }
                col += 1;
            }
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

/// Display width in terminal cells, grapheme by grapheme ([`grapheme_width`]): what ratatui's
/// buffer takes for `s` (`unicode-width` measures the whole string instead, and counts Arabic
/// lam-alef, two cells on a terminal, as one).
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// The cells one grapheme takes on a terminal: none for one holding a control character
/// (ratatui drops it), one for a single byte, else its `unicode-width` plus one for each
/// character that terminals draw in a cell of its own although `unicode-width` gives it none:
/// the halfwidth (han)dakuten (ratatui counts them too), and the spacing vowel signs Unicode
/// makes extending characters (Bengali `া`, Tamil `ா`, Malayalam `ാ`, …: `বন্যা` is four cells
/// in tmux, xterm and every terminal that measures with wcwidth).
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        return usize::from(!g.as_bytes().iter().any(u8::is_ascii_control));
    }
    if g.contains(char::is_control) {
        return 0;
    }
    let own_cell = g.chars().filter(|&c| draws_own_cell(c)).count();
    UnicodeWidthStr::width(g) + own_cell
}

/// Characters `unicode-width` measures as nothing that terminals give a cell: the spacing marks
/// (Mc) with Grapheme_Extend (Bengali, Oriya, Tamil, Kannada, Malayalam, Sinhala, Balinese,
/// Grantha, Tirhuta, Siddham, Dives Akuru), and the halfwidth sound marks.
fn draws_own_cell(c: char) -> bool {
    matches!(
        c,
        '\u{9be}'
            | '\u{9d7}'
            | '\u{b3e}'
            | '\u{b57}'
            | '\u{bbe}'
            | '\u{bd7}'
            | '\u{cc2}'
            | '\u{cd5}'
            | '\u{cd6}'
            | '\u{d3e}'
            | '\u{d57}'
            | '\u{dcf}'
            | '\u{ddf}'
            | '\u{1b35}'
            | '\u{1133e}'
            | '\u{11357}'
            | '\u{114b0}'
            | '\u{114bd}'
            | '\u{115af}'
            | '\u{11930}'
            | '\u{ff9e}'
            | '\u{ff9f}'
    )
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
    let split =
        textwrap::word_splitters::split_words(found, &textwrap::WordSplitter::NoHyphenation);
    let mut words: Vec<textwrap::core::Word> = Vec::new();
    for mut w in keep_all(line, split) {
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

/// The byte offset of each wrapped line in `text` (the sanitised text the lines came from).
/// Wrapped lines are slices of the text in order, so each is found after the previous one.
pub fn line_offsets(text: &str, lines: &[String]) -> Vec<usize> {
    let mut cursor = 0;
    lines
        .iter()
        .map(|line| {
            let found = text
                .get(cursor..)
                .and_then(|rest| rest.find(line.as_str()))
                .map(|i| cursor + i);
            let start = found.unwrap_or(cursor);
            cursor = start + line.len();
            start
        })
        .collect()
}

/// Korean words kept whole (CSS `keep-all`): Unicode line breaking allows a break between any
/// two Hangul syllables (and between a number and the syllable after it), but Korean is written
/// with spaces between words and reads badly cut inside one. Pieces of `line` with no space
/// between a Hangul letter and another letter or digit are joined again; a word longer than the
/// line is still cut by the wrapper.
fn keep_all<'a>(
    line: &'a str,
    words: impl Iterator<Item = textwrap::core::Word<'a>>,
) -> Vec<textwrap::core::Word<'a>> {
    let offset = |w: &textwrap::core::Word| (w.word.as_ptr() as usize) - (line.as_ptr() as usize);
    let mut out: Vec<textwrap::core::Word<'a>> = Vec::new();
    for w in words {
        if let Some(prev) = out.last_mut() {
            let (Some(a), Some(b)) = (prev.word.chars().next_back(), w.word.chars().next()) else {
                out.push(w);
                continue;
            };
            // `서울특별시는`, `1,400원에서`, `RMA의`: a word, whatever Unicode lets break in it.
            let joins = prev.whitespace.is_empty()
                && prev.penalty.is_empty()
                && (is_hangul(a) || is_hangul(b))
                && a.is_alphanumeric()
                && b.is_alphanumeric();
            let start = offset(prev);
            let end = offset(&w) + w.word.len();
            if let (true, Some(joined)) = (joins, line.get(start..end)) {
                let mut merged = textwrap::core::Word::from(joined);
                merged.whitespace = w.whitespace;
                merged.penalty = w.penalty;
                *prev = merged;
                continue;
            }
        }
        out.push(w);
    }
    out
}

fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{ac00}'..='\u{d7a3}'
        | '\u{1100}'..='\u{11ff}'
        | '\u{3130}'..='\u{318f}'
        | '\u{a960}'..='\u{a97f}'
        | '\u{d7b0}'..='\u{d7ff}')
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
    // A UTF-8 text takes at least as many bytes as cells.
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    // One pass that stops once the text is known not to fit: a 1 MB title cut to a header's
    // width measures its first cells, not the megabyte. By grapheme, measured as drawn (see
    // `wrap_line`).
    let mut used = 0;
    let mut cut = None;
    for (at, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if cut.is_none() && used + w > max.saturating_sub(1) {
            cut = Some(at);
        }
        used += w;
        if used > max {
            if max == 0 {
                return Cow::Borrowed("");
            }
            let mut out = s.get(..cut.unwrap_or(at)).unwrap_or_default().to_string();
            out.push('…');
            return Cow::Owned(out);
        }
    }
    Cow::Borrowed(s)
}

/// `1 claim`, `3 claims`, `5,000 files`: a count with its noun, singular for one, in thousands
/// as [`thousands`] writes them. `noun` is the singular; the plural adds `s` (every noun counted
/// on screen does).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
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

    /// What a terminal would act on, or that reorders or hides text: C0 controls, DEL, C1
    /// controls, bidi embeddings, overrides and isolates.
    fn acts_on_terminal(c: char) -> bool {
        c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
    fn embeddings_overrides_isolates_and_invisibles_are_marked() {
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            assert_eq!(
                sanitize(&format!("a{c}b")),
                format!("a{BIDI_MARK}b"),
                "{c:?}"
            );
        }
        let invisible = ['\u{200b}', '\u{feff}', '\u{180e}', '\u{ad}']
            .into_iter()
            .chain('\u{2060}'..='\u{2064}')
            .chain('\u{206a}'..='\u{206f}')
            .chain('\u{fff9}'..='\u{fffb}')
            .chain('\u{e0000}'..='\u{e007f}');
        for c in invisible {
            assert_eq!(
                sanitize(&format!("a{c}b")),
                format!("a{ZERO_WIDTH_MARK}b"),
                "{c:?}"
            );
        }
        for c in [
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{e000}',
        ]
        .into_iter()
        .chain(['\u{f8ff}', '\u{f0000}', '\u{10fffd}'])
        {
            assert_eq!(sanitize(&format!("a{c}b")), format!("a{C1_MARK}b"), "{c:?}");
        }
        // Nothing in the General Punctuation block is passed through invisible or acting, but
        // the joiners and the direction marks, which scripts need.
        for c in '\u{2000}'..='\u{206f}' {
            let shown = sanitize_line(&c.to_string()).into_owned();
            assert!(!shown.chars().any(acts_on_terminal), "{c:?} -> {shown:?}");
            if !matches!(c, '\u{200c}'..='\u{200f}') {
                assert!(
                    !matches!(shown.as_str(), "\u{200b}" | "\u{2060}" | "\u{2061}"),
                    "{c:?} passed through invisible"
                );
            }
        }
    }

    /// Persian, Hindi, Arabic and Hebrew news text as written: joiners, direction marks,
    /// variation selectors and combining marks pass through byte for byte.
    #[test]
    fn joiners_marks_and_selectors_are_text() {
        let texts = [
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "👩\u{200d}👩\u{200d}👧",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f} 2025",
            "left\u{200e} right",
            "\u{61c}٧ قتلى",
            "⛴\u{fe0f} 葛\u{e0100}",
            "e\u{301} قُتل",
            "👍🏽 🇺🇦",
        ];
        for t in texts {
            assert!(matches!(sanitize(t), Cow::Borrowed(_)), "{t:?} was changed");
            assert_eq!(sanitize_line(t), t);
        }
        // A subdivision flag keeps its tag characters; a tag anywhere else is marked.
        let scotland = "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        assert_eq!(sanitize(&format!("a{scotland}b")), format!("a{scotland}b"));
        assert_eq!(
            sanitize("🏴\u{e0067}x"),
            format!("🏴{ZERO_WIDTH_MARK}x"),
            "an unterminated tag run is marked"
        );
        assert_eq!(
            sanitize("\u{e0041}\u{e0042}"),
            "␣␣",
            "ASCII smuggling shows"
        );
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
        assert_eq!(sanitize("a\u{202e}b\u{200b}c\u{200f}"), "a⇄b␣c\u{200f}");
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

    /// Korean words are kept whole where the line allows (`keep-all`); one longer than the line
    /// is still cut, and nothing is lost.
    #[test]
    fn korean_words_are_kept_whole() {
        let text = "서울특별시는 버스 기본요금을 1,400원에서 1,610원으로 15% 인상한다고 발표했다.";
        let words: Vec<&str> = text.split(' ').collect();
        for w in 12..=60 {
            let lines = wrap(text, w);
            assert!(lines.iter().all(|l| width(l) <= w), "{w}: {lines:?}");
            let rejoined: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            assert_eq!(rejoined, words, "at {w} a word was cut: {lines:?}");
        }
        let lines = wrap(text, 8);
        assert!(lines.iter().all(|l| width(l) <= 8), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        // Japanese keeps breaking between characters, as Unicode line breaking has it.
        assert!(wrap("東京都は本日、新しい計画を発表した。", 10).len() > 1);
    }

    #[test]
    fn width_is_the_cells_drawn() {
        // Lam-alef: two graphemes, two cells (unicode-width's string width says one).
        assert_eq!(width("لا"), 2);
        assert_eq!(width("لا لأ لإ لآ"), 11);
        assert_eq!(width("می\u{200c}خواهم"), 7);
        assert_eq!(width("👩\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(width("a\u{200f}b"), 2);
        assert_eq!(width("2025-03-11 · الجزيرة"), 20);
        // Spacing vowel signs terminals give a cell (as tmux 3.3 measured them).
        assert_eq!(width("বন্যা"), 4);
        assert_eq!(width("বন্যায়"), 5);
        assert_eq!(width("মারা গেছেন"), 10);
        assert_eq!(width("மாநில"), 5);
        assert_eq!(width("தமிழ்"), 4);
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
    fn truncating_in_one_pass_is_measuring_first() {
        // The way it was: the whole text measured, then cut.
        let naive = |s: &str, max: usize| -> String {
            if width(s) <= max {
                return s.to_string();
            }
            if max == 0 {
                return String::new();
            }
            let mut out = String::new();
            let mut used = 0;
            for g in s.graphemes(true) {
                let w = grapheme_width(g);
                if used + w > max - 1 {
                    break;
                }
                out.push_str(g);
                used += w;
            }
            out.push('…');
            out
        };
        let pieces = [
            "a",
            "한",
            "⛴\u{fe0f}",
            "\u{200d}",
            "বা",
            "لا",
            " ",
            "\u{1}",
            "é",
            "👍🏽",
            "\r\n",
        ];
        let mut seed = 0x1234_5678_9abc_def1_u64;
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 12) as usize;
            let s: String = (0..n)
                .map(|i| pieces[((seed >> (i * 4)) % pieces.len() as u64) as usize])
                .collect();
            for max in 0..8 {
                assert_eq!(truncate(&s, max), naive(&s, max), "{s:?} at {max}");
            }
        }
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
        assert_eq!(count(20001, "file"), "20,001 files");
        assert_eq!(count(1, "file"), "1 file");
        assert_eq!(count(0, "claim"), "0 claims");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(5000000), "5,000,000");
        assert_eq!(thousands(12), "12");
    }
}
