//! Diagnostics: what is wrong with a file and where, rendered the way compilers do.
//!
//! Two renderings: the one-line `path:line:col: error: message` that editors parse, and a rich
//! form that adds the source line with a caret under the column. Source lines are untrusted text,
//! so they pass through [`crate::text::sanitize`] before they are shown.

use std::fmt;

use super::model::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based line and column (in characters); line 0 means the whole file.
    pub pos: Pos,
    pub message: String,
}

impl Diagnostic {
    pub fn error(pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            pos,
            message: message.into(),
        }
    }

    pub fn warning(pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            pos,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: error: message`, the line editors jump from.
    pub fn short(&self, path: &str) -> String {
        let message = crate::text::sanitize_line(&self.message);
        format!(
            "{}: {}: {message}",
            self.location(path),
            self.severity.word()
        )
    }

    /// `path:line:col`, sanitised. A file-level problem still gets a position so every tool
    /// can parse the line.
    pub fn location(&self, path: &str) -> String {
        let path = crate::text::sanitize_line(path);
        let pos = self.pos;
        let (line, col) = if pos.line == 0 {
            (1, 1)
        } else {
            (pos.line, pos.col.max(1))
        };
        format!("{path}:{line}:{col}")
    }

    /// The `line:col message` form used where the path is already shown.
    pub fn located(&self) -> String {
        let (line, col) = if self.pos.line == 0 {
            (1, 1)
        } else {
            (self.pos.line, self.pos.col.max(1))
        };
        format!("{line}:{col} {}", crate::text::sanitize_line(&self.message))
    }

    /// The source line the diagnostic points at, sanitised, and the caret column under it
    /// (in display cells), or None when the position is not in the text.
    pub fn excerpt(&self, source: &str) -> Option<(u32, String, usize)> {
        self.excerpt_in(&SourceLines::new(source))
    }

    /// [`Self::excerpt`] in text already split into lines: the way to show many diagnostics of
    /// one file, each in time bounded by the excerpt, not by the file.
    pub fn excerpt_in(&self, lines: &SourceLines) -> Option<(u32, String, usize)> {
        if self.pos.line == 0 {
            return None;
        }
        let (raw, before, byte) = lines.locate(self.pos.line, self.pos.col.max(1) as usize)?;
        // Show at most a screenful around the column; lines can be megabytes long.
        let head = raw.get(..byte).unwrap_or("");
        let cut = before > EXCERPT_BEFORE;
        let prefix_start = if cut {
            head.char_indices()
                .rev()
                .nth(EXCERPT_BEFORE - 1)
                .map_or(0, |(i, _)| i)
        } else {
            0
        };
        let tail = raw.get(byte..).unwrap_or("");
        let rest_end = tail
            .char_indices()
            .nth(EXCERPT_AFTER)
            .map_or(tail.len(), |(i, _)| i);
        let mut shown = String::new();
        if cut {
            shown.push('…');
        }
        shown.push_str(&crate::text::sanitize_line(
            head.get(prefix_start..).unwrap_or(""),
        ));
        let caret = crate::text::width(&shown);
        shown.push_str(&crate::text::sanitize_line(
            tail.get(..rest_end).unwrap_or(""),
        ));
        if rest_end < tail.len() {
            shown.push('…');
        }
        Some((self.pos.line, shown, caret))
    }
}

/// Characters shown before and from the column in an excerpt.
const EXCERPT_BEFORE: usize = 60;
const EXCERPT_AFTER: usize = 100;

/// A text split into lines once (at `\n`, like [`str::lines`]), so that excerpts for thousands
/// of diagnostics cost one pass over the file rather than one pass each.
#[derive(Debug)]
pub struct SourceLines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last column found: (line, characters before it, its byte offset in the line).
    /// Diagnostics come sorted, so the next column on the same line is found from here: a
    /// megabyte line with thousands of errors is walked once.
    cursor: std::cell::Cell<(u32, usize, usize)>,
}

impl<'a> SourceLines<'a> {
    pub fn new(text: &'a str) -> SourceLines<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceLines {
            text,
            starts,
            cursor: std::cell::Cell::new((0, 0, 0)),
        }
    }

    /// Line `n` (1-based) without its line ending, or None past the last line.
    pub fn line(&self, n: u32) -> Option<&'a str> {
        let i = (n as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        if start >= self.text.len() {
            return None;
        }
        match self.starts.get(i + 1) {
            Some(&next) => {
                let line = self.text.get(start..next - 1)?;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => self.text.get(start..),
        }
    }

    /// Line `n`, with the number of characters before column `col` and the byte offset where
    /// it starts (both stop at the end of the line).
    fn locate(&self, n: u32, col: usize) -> Option<(&'a str, usize, usize)> {
        let line = self.line(n)?;
        let want = col.saturating_sub(1);
        let (at, mut chars, mut byte) = self.cursor.get();
        if at != n || chars > want {
            (chars, byte) = (0, 0);
        }
        for c in line.get(byte..).unwrap_or("").chars() {
            if chars == want {
                break;
            }
            chars += 1;
            byte += c.len_utf8();
        }
        self.cursor.set((n, chars, byte));
        Some((line, chars, byte))
    }
}

/// Everything found in one file: its diagnostics, and the text they point into when it could be
/// read (for excerpts). What `brief check` prints for a file, what the library shows for a file
/// that does not load, and the failure of every way of loading a path.
#[derive(Debug, Clone)]
pub struct Report {
    /// The path as given (shown to the user).
    pub path: std::path::PathBuf,
    /// The text, when it could be read and decoded and there is something to excerpt.
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// A problem with the path itself (missing, unreadable, an empty folder): no text.
    pub fn problem(path: std::path::PathBuf, why: impl Into<String>) -> Report {
        Report {
            path,
            source: None,
            diagnostics: vec![Diagnostic::error(Pos::default(), why)],
        }
    }

    /// `line:col message` of the first error (else the first diagnostic), as the library list
    /// and the status bar show it.
    pub fn first(&self) -> String {
        let d = self
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .or(self.diagnostics.first());
        d.map_or_else(|| "cannot be loaded".to_string(), Diagnostic::located)
    }

    /// The report as lines, in parts each rendering styles its own way (`check` with ANSI
    /// colours, the library with the theme). `short`: the compiler lines only, no excerpts.
    pub fn lines(&self, short: bool) -> Vec<ReportLine> {
        let shown = self.path.display().to_string();
        let source = self.source.as_deref().map(SourceLines::new);
        self.diagnostics
            .iter()
            .flat_map(|d| d.report_lines(&shown, source.as_ref(), short))
            .collect()
    }
}

/// One line of a report, in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportLine {
    /// `path:line:col: error: message`, the line editors jump from.
    Heading {
        location: String,
        severity: Severity,
        message: String,
    },
    /// The empty gutter above the excerpt: `   |`.
    Gutter { width: usize },
    /// The source line: `12 | text`.
    Excerpt {
        line: u32,
        width: usize,
        text: String,
    },
    /// The caret under the column: `   |     ^`.
    Caret {
        width: usize,
        column: usize,
        severity: Severity,
    },
}

impl ReportLine {
    /// The line as plain text, exactly as `brief check` prints it without colour.
    pub fn plain(&self) -> String {
        match self {
            ReportLine::Heading {
                location,
                severity,
                message,
            } => format!("{location}: {}: {message}", severity.word()),
            ReportLine::Gutter { width } => format!("{:width$} |", ""),
            ReportLine::Excerpt { line, text, .. } => format!("{line} | {text}"),
            ReportLine::Caret { width, column, .. } => format!("{:width$} | {:column$}^", "", ""),
        }
    }
}

impl Diagnostic {
    /// This diagnostic as report lines: the heading, and unless `short` the excerpt with a
    /// caret when the position is in `source`.
    pub fn report_lines(
        &self,
        path: &str,
        source: Option<&SourceLines>,
        short: bool,
    ) -> Vec<ReportLine> {
        let mut out = vec![ReportLine::Heading {
            location: self.location(path),
            severity: self.severity,
            message: crate::text::sanitize_line(&self.message).into_owned(),
        }];
        if short {
            return out;
        }
        if let Some((line, text, column)) = source.and_then(|s| self.excerpt_in(s)) {
            let width = line.to_string().len();
            out.push(ReportLine::Gutter { width });
            out.push(ReportLine::Excerpt { line, width, text });
            out.push(ReportLine::Caret {
                width,
                column,
                severity: self.severity,
            });
        }
        out
    }
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn add(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}: {}, {}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_form_is_compiler_style() {
        let d = Diagnostic::error(Pos::new(3, 7), "unknown source `x`");
        assert_eq!(d.short("a.yaml"), "a.yaml:3:7: error: unknown source `x`");
        let w = Diagnostic::warning(Pos::default(), "file-level");
        assert_eq!(w.short("a.yaml"), "a.yaml:1:1: warning: file-level");
    }

    #[test]
    fn excerpt_puts_caret_under_wide_text() {
        let d = Diagnostic::error(Pos::new(2, 4), "x");
        let (line, shown, caret) = d.excerpt("a\n한국 x\n").unwrap_or_default();
        assert_eq!((line, shown.as_str(), caret), (2, "한국 x", 5));
    }

    #[test]
    fn excerpt_never_echoes_escapes() {
        let d = Diagnostic::error(Pos::new(1, 1), "x");
        let (_, shown, _) = d.excerpt("\u{1b}]0;pwned\u{7}title").unwrap_or_default();
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'));
    }

    #[test]
    fn excerpts_of_long_lines_are_windows() {
        let line = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let d = Diagnostic::error(Pos::new(1, 1001), "x");
        let (_, shown, caret) = d.excerpt(&line).unwrap_or_default();
        let want = format!("…{}X{}…", "a".repeat(60), "b".repeat(99));
        assert_eq!((shown.as_str(), caret), (want.as_str(), 61));
        // A column past the end of the line puts the caret after it.
        let d = Diagnostic::error(Pos::new(1, 9), "x");
        assert_eq!(d.excerpt("abc"), Some((1, "abc".to_string(), 3)));
    }

    #[test]
    fn lines_are_found_like_str_lines() {
        let text = "a\r\n\nb\nlast";
        let lines = SourceLines::new(text);
        let got: Vec<_> = (1..=5).map(|n| lines.line(n)).collect();
        let want: Vec<_> = text.lines().map(Some).chain([None]).collect();
        assert_eq!(got, want);
        assert_eq!(SourceLines::new("a\n").line(2), None);
        assert_eq!(SourceLines::new("").line(1), None);
        assert_eq!(SourceLines::new("x").line(0), None);
    }

    #[test]
    fn columns_found_in_order_or_not_agree() {
        let lines = SourceLines::new("ab한cd\nxy");
        let found: Vec<_> = [(1, 4), (1, 2), (1, 6), (2, 2), (1, 9)]
            .iter()
            .map(|&(n, c)| lines.locate(n, c).map(|(_, chars, byte)| (chars, byte)))
            .collect();
        let want = vec![
            Some((3, 5)),
            Some((1, 1)),
            Some((5, 7)),
            Some((1, 1)),
            Some((5, 7)),
        ];
        assert_eq!(found, want);
    }

    #[test]
    fn tally_reads_like_a_sentence() {
        let t = Tally {
            files: 2,
            errors: 1,
            warnings: 1,
        };
        assert_eq!(t.to_string(), "2 files: 1 error, 1 warning");
    }
}
