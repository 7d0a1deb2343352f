//! `brief check`: validate briefings and report like a compiler.
//!
//! Each diagnostic is `path:line:col: severity: message` on one line (what editors jump from),
//! then the source line with a caret under the column; a summary line closes the report. `-`
//! checks standard input (reported as `<stdin>`); `--for claimreview` adds a warning for each
//! field a ClaimReview export would lack (only when asked: most briefings are not published as
//! fact-checks, and a warning on every ordinary file would be noise).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Mutex, PoisonError};

use crate::cli::{CheckFor, Limits};

use crate::briefing::diagnostic::{Report, ReportLine, Severity, Tally};
use crate::briefing::document::{check_path, check_path_with};
use crate::briefing::files::{expand_all, Found};
use crate::briefing::Briefing;
use crate::cmd::export::claimreview;

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

/// Runs `brief check` on every core; returns whether any error was found.
pub fn run(
    paths: &[PathBuf],
    short: bool,
    limits: Limits,
    out: &mut impl Write,
    colour: bool,
) -> io::Result<bool> {
    run_for(paths, short, None, limits, default_jobs(), out, colour)
}

/// One job per available core (`--jobs` overrides it).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn write_report(
    report: &Report,
    short: bool,
    tally: &mut Tally,
    out: &mut impl Write,
    colour: bool,
) -> io::Result<()> {
    tally.files += 1;
    for d in &report.diagnostics {
        tally.add(d);
    }
    for line in report.lines(short) {
        write_line(out, &line, colour)?;
    }
    Ok(())
}

/// Checks `found` on `jobs` threads and hands each report to `write` in the order of `found`,
/// as soon as it and every report before it are done: the output is the serial one, and a
/// report is held only while one before it is still being checked. The workers stop when
/// `write` fails (a closed pipe).
fn in_order(
    found: Vec<Found>,
    jobs: usize,
    check: impl Fn(Found) -> Report + Sync,
    mut write: impl FnMut(Report) -> io::Result<()>,
) -> io::Result<()> {
    let jobs = jobs.clamp(1, found.len().max(1));
    if jobs == 1 {
        return found.into_iter().try_for_each(|f| write(check(f)));
    }
    let total = found.len();
    let queue = Mutex::new(found.into_iter().enumerate());
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (done, reports) = sync_channel::<(usize, Report)>(jobs * 4);
        for _ in 0..jobs {
            let done = done.clone();
            let (queue, stop, check) = (&queue, &stop, &check);
            scope.spawn(move || loop {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                let Some((i, f)) = next else { return };
                if done.send((i, check(f))).is_err() {
                    return;
                }
            });
        }
        drop(done);
        let mut waiting: BTreeMap<usize, Report> = BTreeMap::new();
        let mut next = 0;
        let mut result = Ok(());
        for (i, report) in reports {
            waiting.insert(i, report);
            while let Some(report) = waiting.remove(&next) {
                next += 1;
                if result.is_ok() {
                    result = write(report);
                    if result.is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            }
            if result.is_err() {
                // Let the workers see the stop: drain what they send until they end.
                waiting.clear();
            }
        }
        debug_assert!(result.is_err() || next == total);
        result
    })
}

/// What `-` reads: standard input, shown as `<stdin>`.
const STDIN: &str = "<stdin>";

/// [`run`], also checking that each briefing has what an export in `for_format` needs, on
/// `jobs` threads. A path `-` checks the briefing on standard input.
pub fn run_for(
    paths: &[PathBuf],
    short: bool,
    for_format: Option<CheckFor>,
    limits: Limits,
    jobs: usize,
    out: &mut impl Write,
    colour: bool,
) -> io::Result<bool> {
    let mut tally = Tally::default();
    let more = |b: &Briefing| match for_format {
        Some(CheckFor::Claimreview) => claimreview::gaps(b),
        None => Vec::new(),
    };
    // The files named are found together, so one named twice (or inside a folder also named)
    // is checked once; standard input comes after them, once however often `-` is named.
    let (stdin, named): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == "-");
    let named: Vec<PathBuf> = named.into_iter().cloned().collect();
    let expanded = if named.is_empty() {
        None
    } else {
        Some(expand_all(&named, limits.follow))
    };
    let unfollowed = expanded.as_ref().map_or(0, |e| e.unfollowed);
    let found = expanded.map(|e| e.found).unwrap_or_default();
    let check = |found: Found| match found {
        Found::File(p) if for_format.is_some() => check_path_with(&p, &p, limits.max_size, more),
        Found::File(p) => check_path(&p, limits.max_size),
        Found::Problem(p, why) => Report::problem(p, why),
    };
    in_order(found, jobs, check, |report| {
        write_report(&report, short, &mut tally, out, colour)
    })?;
    if !stdin.is_empty() {
        let report = check_path_with(
            Path::new("/dev/stdin"),
            Path::new(STDIN),
            limits.max_size,
            more,
        );
        write_report(&report, short, &mut tally, out, colour)?;
    }
    if colour && tally.errors > 0 {
        writeln!(out, "{BOLD}{tally}{RESET}")?;
    } else {
        writeln!(out, "{tally}")?;
    }
    if unfollowed > 0 {
        let n = unfollowed;
        writeln!(
            out,
            "{n} symlink{} not followed (a folder, or a file outside the paths given); --follow follows them",
            if n == 1 { "" } else { "s" }
        )?;
    }
    Ok(tally.errors > 0)
}
