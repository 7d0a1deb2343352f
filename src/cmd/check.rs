//! `brief check`: validate briefings and report like a compiler.
//!
//! Each diagnostic is `path:line:col: severity: message` on one line (what editors jump from),
//! then the source line with a caret under the column; a summary line closes the report.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::cli::Limits;

use crate::briefing::diagnostic::{Report, ReportLine, Severity, Tally};
use crate::briefing::document::check_path;
use crate::briefing::files::{expand_all, Found};

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Writes one line of a report: the severity word coloured and the location and message bold,
/// the gutter blue and the caret in the severity's colour; the same text without colour.
pub fn write_line(out: &mut impl Write, line: &ReportLine, colour: bool) -> io::Result<()> {
    if !colour {
        return writeln!(out, "{}", line.plain());
    }
    let tint = |s: Severity| match s {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
    };
    match line {
        ReportLine::Heading {
            location,
            severity,
            message,
        } => {
            let (c, word) = (tint(*severity), severity.word());
            writeln!(
                out,
                "{BOLD}{location}{RESET}: {c}{word}{RESET}: {BOLD}{message}{RESET}"
            )
        }
        ReportLine::Gutter { width } => writeln!(out, "{BLUE}{:width$} |{RESET}", ""),
        ReportLine::Excerpt { line, text, .. } => writeln!(out, "{BLUE}{line} |{RESET} {text}"),
        ReportLine::Caret {
            width,
            column,
            severity,
        } => writeln!(
            out,
            "{BLUE}{:width$} |{RESET} {:column$}{}^{RESET}",
            "",
            "",
            tint(*severity)
        ),
    }
}

/// Runs `brief check`; returns whether any error was found.
pub fn run(
    paths: &[PathBuf],
    short: bool,
    limits: Limits,
    out: &mut impl Write,
    colour: bool,
) -> io::Result<bool> {
    let mut tally = Tally::default();
    let expanded = expand_all(paths, limits.follow);
    for found in expanded.found {
        let report = match found {
            Found::File(path) => check_path(&path, limits.max_size),
            Found::Problem(path, why) => Report::problem(path, why),
        };
        tally.files += 1;
        for d in &report.diagnostics {
            tally.add(d);
        }
        for line in report.lines(short) {
            write_line(out, &line, colour)?;
        }
    }
    if colour && tally.errors > 0 {
        writeln!(out, "{BOLD}{tally}{RESET}")?;
    } else {
        writeln!(out, "{tally}")?;
    }
    if expanded.unfollowed > 0 {
        let n = expanded.unfollowed;
        writeln!(
            out,
            "{n} symlink{} not followed (a folder, or a file outside the paths given); --follow follows them",
            if n == 1 { "" } else { "s" }
        )?;
    }
    Ok(tally.errors > 0)
}
