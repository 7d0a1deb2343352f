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
        let path = crate::text::sanitize_line(path);
        let message = crate::text::sanitize_line(&self.message);
        let pos = self.pos;
        // A file-level problem still gets a position so every tool can parse the line.
        let (line, col) = if pos.line == 0 {
            (1, 1)
        } else {
            (pos.line, pos.col.max(1))
        };
        format!("{path}:{line}:{col}: {}: {message}", self.severity.word())
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
        if self.pos.line == 0 {
            return None;
        }
        let raw = source.lines().nth(self.pos.line as usize - 1)?;
        let col = self.pos.col.max(1) as usize;
        // Show at most a screenful around the column; lines can be megabytes long.
        let chars_before: String = raw.chars().take(col - 1).collect();
        let skip = chars_before.chars().count().saturating_sub(60);
        let prefix: String = chars_before.chars().skip(skip).collect();
        let rest: String = raw.chars().skip(col - 1).take(100).collect();
        let mut shown = String::new();
        if skip > 0 {
            shown.push('…');
        }
        let prefix_shown = crate::text::sanitize_line(&prefix);
        shown.push_str(&prefix_shown);
        let caret = crate::text::width(&shown);
        shown.push_str(&crate::text::sanitize_line(&rest));
        if raw.chars().count() > col - 1 + 100 {
            shown.push('…');
        }
        Some((self.pos.line, shown, caret))
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
    fn tally_reads_like_a_sentence() {
        let t = Tally {
            files: 2,
            errors: 1,
            warnings: 1,
        };
        assert_eq!(t.to_string(), "2 files: 1 error, 1 warning");
    }
}
