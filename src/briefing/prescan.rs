//! The look at a text before the YAML parser sees it: nesting depth and the number of tokens,
//! both bounded, in one linear pass.
//!
//! libyaml (under serde_yaml) spends time proportional to the flow nesting depth on every token,
//! so 100,000 nested `[` take ~24 s; and serde_yaml holds every event of a document in memory
//! (~110–190 bytes each), so 2.5 million one-letter list entries (a 5 MB file) took 450 MB.
//! Counting brackets is not enough: a `[` inside a quoted, plain or block scalar, or a comment,
//! is text, and a miscounted quote would let real nesting through unseen. So this follows
//! libyaml's scanner where it decides what is text: token boundaries, plain scalars (also over
//! several lines, by indentation), quoted scalars, block scalars (by indentation), comments,
//! anchors, tags and the block indentation stack. Where it cannot tell, it counts: a false alarm
//! on strange YAML is better than a hang.

use super::diagnostic::Diagnostic;
use super::model::Pos;

/// Deeper nesting than this is refused before parsing: a briefing is at most four levels deep.
pub const MAX_DEPTH: usize = 64;

/// More YAML tokens than this are refused before parsing, unless the file is big enough to hold
/// them at [`MIN_BYTES_PER_TOKEN`]: a briefing of 5 MB has ~360,000, and each costs the parser up
/// to ~200 bytes of memory.
pub const MAX_TOKENS: usize = 1_000_000;

/// Bytes per token a file must average to hold more than [`MAX_TOKENS`]. Written briefings
/// average ~18 (a 20 MB one with 60,000 items has ~1.2 million tokens); a flood of one-letter
/// values averages 2. The parser's memory then stays within ~25 times the file's size.
pub const MIN_BYTES_PER_TOKEN: usize = 8;

/// The most tokens a text of `len` bytes may hold.
pub fn max_tokens(len: usize) -> usize {
    MAX_TOKENS.max(len / MIN_BYTES_PER_TOKEN)
}

/// Refuses nesting deeper than [`MAX_DEPTH`] (flow brackets and block indentation levels
/// together) and more than [`MAX_TOKENS`] tokens. Reads each byte a bounded number of times.
pub fn prescan(text: &str) -> Option<Diagnostic> {
    Scanner::new(text.as_bytes()).run().err()
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    /// Column in characters (what libyaml compares indentation with).
    col: usize,
    /// Line and line start by `\n` only, as every other position in `brief` is counted.
    line: u32,
    line_start: usize,
    flow: usize,
    /// The block indentation stack: libyaml's `parser->indent` is its top, or -1 when empty.
    indents: Vec<usize>,
    /// Whether a token here may start a simple key (`key: value` without `?`).
    key_allowed: bool,
    /// Where the possible simple key on this line starts, in block context.
    key_col: Option<usize>,
    tokens: usize,
}

/// Bytes a run of text stops at: those that may begin a line break.
const LINE_STOPS: [bool; 256] = stops(b"\n\r\xC2\xE2");
/// Bytes a plain scalar's run of words stops at in block context: line breaks, tabs, `:` and
/// `#`. A space is stepped over with the words: within a line only ` #` (a comment) and `: `
/// end the scalar, and both stop here.
const PLAIN_WORDS: [bool; 256] = stops(b"\n\r\xC2\xE2\t:#");
/// The same in flow context, where the flow indicators end a plain scalar too.
const PLAIN_FLOW_WORDS: [bool; 256] = stops(b"\n\r\xC2\xE2\t:#,[]{}");
/// Bytes a quoted scalar stops at: line breaks, quotes and the escape.
const QUOTED_STOPS: [bool; 256] = stops(b"\n\r\xC2\xE2'\"\\");

// Indexes a 256-entry table by a byte, and a slice below its length: both in range.
#[allow(clippy::indexing_slicing)]
const fn stops(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

fn is_blank(b: Option<u8>) -> bool {
    matches!(b, Some(b' ' | b'\t'))
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8]) -> Scanner<'a> {
        Scanner {
            b,
            i: 0,
            col: 0,
            line: 1,
            line_start: 0,
            flow: 0,
            indents: Vec::new(),
            key_allowed: true,
            key_col: None,
            tokens: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.i + n).copied()
    }

    /// The length of the line break here (`\n`, `\r\n`, `\r`, NEL, LS, PS), or 0.
    fn break_len(&self) -> usize {
        self.break_len_at(self.i)
    }

    fn break_len_at(&self, i: usize) -> usize {
        let at = |n: usize| self.b.get(i + n).copied();
        match (at(0), at(1), at(2)) {
            (Some(b'\r'), Some(b'\n'), _) => 2,
            (Some(b'\n' | b'\r'), _, _) => 1,
            (Some(0xC2), Some(0x85), _) => 2,
            (Some(0xE2), Some(0x80), Some(0xA8 | 0xA9)) => 3,
            _ => 0,
        }
    }

    fn blankz_at(&self, i: usize) -> bool {
        let b = self.b.get(i).copied();
        b.is_none() || is_blank(b) || self.break_len_at(i) > 0
    }

    fn at_blankz(&self) -> bool {
        self.blankz_at(self.i)
    }

    fn next_is_blankz(&self) -> bool {
        self.blankz_at(self.i + 1)
    }

    /// Steps over one character (all its bytes).
    fn advance(&mut self) {
        if let Some(b) = self.peek() {
            let len = match b {
                0xF0..=0xFF => 4,
                0xE0..=0xEF => 3,
                0xC0..=0xDF => 2,
                _ => 1,
            };
            self.i = (self.i + len).min(self.b.len());
            self.col += 1;
        }
    }

    /// Steps over a line break if there is one.
    fn skip_break(&mut self) -> bool {
        let n = self.break_len();
        if n == 0 {
            return false;
        }
        if self.peek() == Some(b'\n') || self.b.get(self.i + n - 1) == Some(&b'\n') {
            self.line += 1;
            self.line_start = self.i + n;
        }
        self.i += n;
        self.col = 0;
        true
    }

    fn skip_to_line_end(&mut self) {
        loop {
            self.skip_plain_bytes(&LINE_STOPS);
            if self.peek().is_none() || self.break_len() > 0 {
                return;
            }
            self.advance();
        }
    }

    /// Steps over bytes that `stops` does not mark, a byte at a time, counting a column per
    /// character as [`Scanner::advance`] would: every stop set marks the bytes that may start
    /// a line break (`\n`, `\r`, and the lead bytes of NEL, LS and PS), so no character stepped
    /// over here is one the slow path would have treated differently. This is the hot loop:
    /// most of a briefing is the text inside scalars.
    fn skip_plain_bytes(&mut self, stops: &[bool; 256]) {
        let mut i = self.i;
        // Columns count characters: every byte but UTF-8 continuation bytes starts one.
        let mut col = self.col;
        while let Some(&b) = self.b.get(i) {
            if stops.get(usize::from(b)).copied().unwrap_or(true) {
                break;
            }
            col += usize::from(b & 0xC0 != 0x80);
            i += 1;
        }
        self.i = i;
        self.col = col;
    }

    fn pos(&self) -> Pos {
        let col = self
            .b
            .get(self.line_start..self.i)
            .and_then(|s| std::str::from_utf8(s).ok())
            .map_or(1, |s| s.chars().count() as u32 + 1);
        Pos::new(self.line, col)
    }

    fn parser_indent(&self) -> i64 {
        self.indents.last().map_or(-1, |&c| c as i64)
    }

    fn check_depth(&self) -> Result<(), Diagnostic> {
        if self.flow + self.indents.len() > MAX_DEPTH {
            return Err(Diagnostic::error(
                self.pos(),
                format!("nesting deeper than {MAX_DEPTH} levels; a briefing never needs that"),
            ));
        }
        Ok(())
    }

    fn count(&mut self, n: usize) -> Result<(), Diagnostic> {
        self.tokens += n;
        let max = max_tokens(self.b.len());
        if self.tokens > max {
            return Err(Diagnostic::error(
                self.pos(),
                format!(
                    "more than {} YAML values (keys, entries, texts); a briefing never needs that many",
                    crate::text::thousands(max)
                ),
            ));
        }
        Ok(())
    }

    /// A block collection starting at `col` (libyaml's roll_indent).
    fn roll(&mut self, col: usize) -> Result<(), Diagnostic> {
        if self.flow == 0 && self.parser_indent() < col as i64 {
            self.indents.push(col);
            self.check_depth()?;
        }
        Ok(())
    }

    fn save_key(&mut self) {
        if self.flow == 0 && self.key_allowed {
            self.key_col = Some(self.col);
        }
    }

    fn run(mut self) -> Result<(), Diagnostic> {
        loop {
            self.skip_to_token();
            if self.peek().is_none() {
                return Ok(());
            }
            if self.flow == 0 {
                while self.indents.last().is_some_and(|&c| c > self.col) {
                    self.indents.pop();
                }
            }
            self.count(1)?;
            self.token()?;
        }
    }

    /// libyaml's scan_to_next_token: blanks, comments and line breaks.
    fn skip_to_token(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.advance(),
                Some(0xEF)
                    if self.col == 0 && self.b.get(self.i..self.i + 3) == Some(b"\xEF\xBB\xBF") =>
                {
                    self.advance()
                }
                Some(b'#') => self.skip_to_line_end(),
                _ => {
                    if !self.skip_break() {
                        return;
                    }
                    if self.flow == 0 {
                        self.key_allowed = true;
                    }
                    self.key_col = None;
                }
            }
        }
    }

    fn at_document_marker(&self) -> bool {
        self.col == 0
            && matches!(self.b.get(self.i..self.i + 3), Some(b"---" | b"..."))
            && self.blankz_at(self.i + 3)
    }

    fn token(&mut self) -> Result<(), Diagnostic> {
        let Some(c) = self.peek() else {
            return Ok(());
        };
        if self.col == 0 && c == b'%' {
            // A directive: the whole line.
            self.skip_to_line_end();
            return Ok(());
        }
        if self.at_document_marker() {
            self.indents.clear();
            self.key_allowed = false;
            self.key_col = None;
            for _ in 0..3 {
                self.advance();
            }
            return Ok(());
        }
        match c {
            b'[' | b'{' => {
                self.save_key();
                self.flow += 1;
                self.check_depth()?;
                self.key_allowed = true;
                self.advance();
            }
            b']' | b'}' => {
                self.flow = self.flow.saturating_sub(1);
                self.key_allowed = false;
                self.advance();
            }
            b',' => {
                self.key_allowed = true;
                self.advance();
            }
            b'-' if self.next_is_blankz() => {
                self.roll(self.col)?;
                self.key_allowed = true;
                self.key_col = None;
                self.advance();
            }
            b'?' if self.flow > 0 || self.next_is_blankz() => {
                // An explicit key makes two values (key and value) even when both are empty.
                self.count(1)?;
                self.roll(self.col)?;
                self.key_allowed = self.flow == 0;
                self.key_col = None;
                self.advance();
            }
            b':' if self.flow > 0 || self.next_is_blankz() => {
                // After `key:` no simple key may follow on the line; after a `:` with no key
                // before it (`? key` then `: value`), one may.
                let key = self.key_col.take();
                if self.flow == 0 {
                    self.roll(key.unwrap_or(self.col))?;
                }
                self.key_allowed = key.is_none() && self.flow == 0;
                self.advance();
            }
            b'*' | b'&' => {
                self.save_key();
                self.advance();
                while self
                    .peek()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                {
                    self.advance();
                }
                self.key_allowed = false;
            }
            b'!' => {
                self.save_key();
                // A tag ends at a blank (or, in flow context, at a flow indicator); libyaml
                // refuses anything else after it.
                while !(self.at_blankz() || self.flow > 0 && self.at_flow_indicator()) {
                    self.advance();
                }
                self.key_allowed = false;
            }
            b'|' | b'>' if self.flow == 0 => {
                self.block_scalar();
                self.key_allowed = true;
                self.key_col = None;
            }
            b'\'' | b'"' => {
                self.save_key();
                self.quoted(c);
                self.key_allowed = false;
            }
            _ => {
                self.save_key();
                let leading_blanks = self.plain();
                self.key_allowed = leading_blanks;
                if leading_blanks {
                    self.key_col = None;
                }
            }
        }
        Ok(())
    }

    /// A single- or double-quoted scalar, to its closing quote (or the end of the text).
    fn quoted(&mut self, quote: u8) {
        self.advance();
        loop {
            self.skip_plain_bytes(&QUOTED_STOPS);
            let Some(b) = self.peek() else { break };
            if self.skip_break() {
                continue;
            }
            if quote == b'\'' && b == b'\'' {
                self.advance();
                if self.peek() == Some(b'\'') {
                    self.advance();
                    continue;
                }
                return;
            }
            if quote == b'"' && b == b'\\' {
                self.advance();
                if !self.skip_break() {
                    self.advance();
                }
                continue;
            }
            self.advance();
            if quote == b'"' && b == b'"' {
                return;
            }
        }
    }

    /// A plain scalar, over as many lines as libyaml would take into it; whether it ended
    /// after a line break (then a simple key may follow).
    fn plain(&mut self) -> bool {
        let indent = self.parser_indent() + 1;
        let mut leading_blanks = false;
        loop {
            if self.at_document_marker() || self.peek() == Some(b'#') {
                break;
            }
            while !self.at_blankz() {
                // Words and the single spaces between them at once, as the loops below would
                // step over them: this loop starts at a word, so a space stepped over here
                // leaves the column past the scalar's indentation, and ` #` stops it where the
                // slow path would, after the blank.
                self.skip_plain_bytes(if self.flow > 0 {
                    &PLAIN_FLOW_WORDS
                } else {
                    &PLAIN_WORDS
                });
                if self.at_blankz() {
                    break;
                }
                let c = self.peek();
                if c == Some(b'#') && self.i > 0 && self.b.get(self.i - 1) == Some(&b' ') {
                    break;
                }
                if c == Some(b':')
                    && (self.next_is_blankz() || (self.flow > 0 && self.next_is_flow_indicator()))
                {
                    return leading_blanks;
                }
                if self.flow > 0 && self.at_flow_indicator() {
                    return leading_blanks;
                }
                self.advance();
            }
            if self.peek().is_none() {
                break;
            }
            // Blanks and breaks between words or lines.
            loop {
                if is_blank(self.peek()) {
                    self.advance();
                } else if self.skip_break() {
                    leading_blanks = true;
                } else {
                    break;
                }
            }
            if self.flow == 0 && (self.col as i64) < indent {
                break;
            }
        }
        leading_blanks
    }

    fn at_flow_indicator(&self) -> bool {
        matches!(self.peek(), Some(b',' | b'[' | b']' | b'{' | b'}'))
    }

    fn next_is_flow_indicator(&self) -> bool {
        matches!(
            self.peek_at(1),
            Some(b',' | b'[' | b']' | b'{' | b'}' | b'?')
        )
    }

    /// A literal or folded block scalar: its header line, then every line indented at least as
    /// far as its content (or blank), as libyaml measures it.
    fn block_scalar(&mut self) {
        self.advance();
        let mut increment = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'+' | b'-' => self.advance(),
                b'1'..=b'9' => {
                    increment = usize::from(c - b'0');
                    self.advance();
                }
                _ => break,
            }
        }
        // The rest of the header line: blanks and a comment (anything else is libyaml's error).
        self.skip_to_line_end();
        if !self.skip_break() {
            return;
        }
        let parent = self.parser_indent();
        let mut indent = if increment > 0 {
            if parent >= 0 {
                parent as usize + increment
            } else {
                increment
            }
        } else {
            0
        };
        // Leading empty lines, and the first content line's indentation when it is implicit.
        let mut max_indent = 0usize;
        loop {
            while (indent == 0 || self.col < indent) && self.peek() == Some(b' ') {
                self.advance();
            }
            max_indent = max_indent.max(self.col);
            if !self.skip_break() {
                break;
            }
        }
        if indent == 0 {
            indent = max_indent.max((parent + 1).max(1) as usize);
        }
        while self.col == indent && self.peek().is_some() {
            self.skip_to_line_end();
            if !self.skip_break() {
                return;
            }
            loop {
                while self.col < indent && self.peek() == Some(b' ') {
                    self.advance();
                }
                if !self.skip_break() {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> bool {
        prescan(text).is_some()
    }

    fn deep(prefix: &str) -> String {
        format!("{prefix}{}{}\n", "[".repeat(200), "]".repeat(200))
    }

    #[test]
    fn refuses_deep_flow_nesting_where_it_starts() {
        let text = format!("title: x\nk: {}", "[".repeat(100_000));
        // The top-level mapping is one level: the 64th bracket is the 65th level.
        assert_eq!(prescan(&text).map(|d| d.pos), Some(Pos::new(2, 67)));
        assert!(refused(&format!("k: {}", "{".repeat(100))));
    }

    #[test]
    fn refuses_deep_block_nesting() {
        assert!(refused(&format!("{}x\n", "- ".repeat(200))));
        let stairs: String = (0..100).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(refused(&stairs));
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let text = format!(
            "title: \"{}\"\nnote: '{}' # [[[\nsummary: |\n  {}\n  more\nplain: a [[[[ b\n",
            "[".repeat(500),
            "{".repeat(500),
            "[".repeat(500),
        );
        assert_eq!(prescan(&text), None);
        let multi = format!("k: first\n  {}\n  last\n", "[".repeat(500));
        assert_eq!(prescan(&multi), None, "a plain scalar over lines");
    }

    #[test]
    fn a_briefing_passes() {
        for file in ["korea-troops", "harbour-bridge-tolls", "night-buses"] {
            let path = format!("{}/briefings/{file}.yaml", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap_or_default();
            assert!(!text.is_empty());
            assert_eq!(prescan(&text), None, "{file}");
        }
    }

    /// Quotes that are not quotes to YAML must not hide what follows them.
    #[test]
    fn stray_quotes_do_not_hide_nesting() {
        for prefix in [
            "title: x 'y\nk: ",
            "title: x \"y\nk: ",
            "summary: |\n  'unbalanced\nk: ",
            "summary: >-\n  \"unbalanced\n\nk: ",
            "k: a[b, 'x\ndeep: ",
            "k: plain\n  - 'oops\ndeep: ",
            "k: plain\n  'oops\ndeep: ",
            "k: !tag'x\ndeep: ",
            "k: it's\ndeep: ",
            "- a 'b\n- ",
            "k: [a 'b, c]\nd: ",
            "k: 'it''s'\nd: ",
            "k: \"a\\\"b\"\nd: ",
            "k: x #'\nd: ",
            "summary: |\n  x\u{85}deep: ",
            "summary: |\n  x\u{2028}deep: ",
            "summary: |\r  'x\rdeep: ",
            "summary: |2\n    'x\ndeep: ",
            "a:\n  b: |\n    'x\n  deep: ",
            // Words run together with their spaces: a quote after `#` in a word is text, one
            // after ` #` a comment, and a flow indicator in a flow scalar ends it.
            "k: a b#c 'x\nd: ",
            "k: a b #c 'x\nd: ",
            "k: a, b, c 'x\nd: ",
            "k: [a b, c d 'x]\nd: ",
            "k: [a b #'x\n]\nd: ",
            "k: a b:c 'x\nd: ",
            "k: a  b\t'x\nd: ",
        ] {
            assert!(refused(&deep(prefix)), "{prefix:?} hid the nesting");
        }
    }

    /// Brackets in a comment after a plain scalar are not nesting; brackets in a word are text.
    #[test]
    fn brackets_after_a_blank_and_hash_are_a_comment() {
        let many = "[".repeat(200);
        assert!(!refused(&format!("k: a b #{many}\nd: e\n")));
        assert!(!refused(&format!("k: a b#{many}\nd: e\n")));
        assert!(!refused(&format!("k: [a b #{many}\n  ]\nd: e\n")));
        assert!(refused(&format!("k: a b\nd: {many}\n")));
    }

    #[test]
    fn counts_tokens() {
        let list = format!("tags: [{}]\n", vec!["a"; MAX_TOKENS / 2 + 10].join(","));
        let d = prescan(&list).map(|d| d.message).unwrap_or_default();
        assert!(d.contains("1,000,000 YAML values"), "{d}");
        let fine = format!("tags: [{}]\n", vec!["a"; MAX_TOKENS / 4].join(","));
        assert_eq!(prescan(&fine), None);
        // A big file may hold more, in proportion to its size.
        let long = "x".repeat(MIN_BYTES_PER_TOKEN * 2);
        let big = format!(
            "tags: [{}]\n",
            vec![long.as_str(); MAX_TOKENS / 2 + 10].join(",")
        );
        assert_eq!(prescan(&big), None);
    }
}
