//! `brief check`: validate briefings and report like a compiler.
//!
//! Each diagnostic is `path:line:col: severity: message` on one line (what editors jump from),
//! then the source line with a caret under the column; a summary line closes the report.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::briefing::diagnostic::{Diagnostic, Severity, SourceLines, Tally};
use crate::briefing::load::{decode, load_str, read_file};
use crate::cmd::paths::{expand, Found};

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Everything `check` found in one file.
pub struct FileReport {
    pub path: PathBuf,
    /// The text when it could be read and decoded and there is something to excerpt.
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads one file and collects its diagnostics (errors and warnings).
pub fn check_file(path: &Path, max_size: u64) -> FileReport {
    let bytes = match read_file(path, max_size) {
        Ok(b) => b,
        Err(d) => {
            return FileReport {
                path: path.to_path_buf(),
                source: None,
                diagnostics: vec![d],
            }
        }
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(d) => {
            return FileReport {
                path: path.to_path_buf(),
                source: None,
                diagnostics: d,
            }
        }
    };
    let diagnostics = match load_str(text) {
        Ok(loaded) => loaded.warnings,
        Err(diags) => diags,
    };
    FileReport {
        path: path.to_path_buf(),
        // A copy of the text only for excerpts: a clean 20 MB file needs none.
        source: (!diagnostics.is_empty()).then(|| text.to_string()),
        diagnostics,
    }
}

/// Writes one diagnostic: the compiler line, and unless `short`, the excerpt with a caret.
/// For many diagnostics of one file, split it once and use [`write_diagnostic_in`].
pub fn write_diagnostic(
    out: &mut impl Write,
    path: &str,
    source: Option<&str>,
    d: &Diagnostic,
    short: bool,
    colour: bool,
) -> io::Result<()> {
    let lines = source.map(SourceLines::new);
    write_diagnostic_in(out, path, lines.as_ref(), d, short, colour)
}

/// [`write_diagnostic`] with the source already split into lines.
pub fn write_diagnostic_in(
    out: &mut impl Write,
    path: &str,
    source: Option<&SourceLines>,
    d: &Diagnostic,
    short: bool,
    colour: bool,
) -> io::Result<()> {
    let line = d.short(path);
    if colour {
        let (c, word) = match d.severity {
            Severity::Error => (RED, "error"),
            Severity::Warning => (YELLOW, "warning"),
        };
        // Colour the severity word and bold the location; the rest is the same text.
        let marker = format!(": {word}: ");
        match line.split_once(&marker) {
            Some((loc, msg)) => writeln!(
                out,
                "{BOLD}{loc}{RESET}: {c}{word}{RESET}: {BOLD}{msg}{RESET}"
            )?,
            None => writeln!(out, "{line}")?,
        }
    } else {
        writeln!(out, "{line}")?;
    }
    if short {
        return Ok(());
    }
    if let Some((n, shown, caret)) = source.and_then(|s| d.excerpt_in(s)) {
        let gutter = n.to_string().len();
        let (b, c, r) = if colour {
            (BLUE, if d.is_error() { RED } else { YELLOW }, RESET)
        } else {
            ("", "", "")
        };
        writeln!(out, "{b}{:gutter$} |{r}", "")?;
        writeln!(out, "{b}{n} |{r} {shown}")?;
        writeln!(out, "{b}{:gutter$} |{r} {:caret$}{c}^{r}", "", "")?;
    }
    Ok(())
}

/// Runs `brief check`; returns whether any error was found.
pub fn run(
    paths: &[PathBuf],
    short: bool,
    max_size: u64,
    out: &mut impl Write,
    colour: bool,
) -> io::Result<bool> {
    let mut tally = Tally::default();
    for found in expand(paths) {
        let report = match found {
            Found::File(path) => check_file(&path, max_size),
            Found::Problem(path, why) => FileReport {
                path,
                source: None,
                diagnostics: vec![Diagnostic::error(Default::default(), why)],
            },
        };
        tally.files += 1;
        let shown = report.path.display().to_string();
        let lines = report.source.as_deref().map(SourceLines::new);
        for d in &report.diagnostics {
            tally.add(d);
            write_diagnostic_in(out, &shown, lines.as_ref(), d, short, colour)?;
        }
    }
    if colour && tally.errors > 0 {
        writeln!(out, "{BOLD}{tally}{RESET}")?;
    } else {
        writeln!(out, "{tally}")?;
    }
    Ok(tally.errors > 0)
}
