//! `brief diff OLD NEW`: what changed between two versions of a briefing, by id, as
//! [`crate::briefing::diff`] finds it — the same diff the reader marks. Text (coloured on a
//! terminal) or JSON; exit 0 equal, 1 different, 2 trouble, like `diff`.
//!
//! Either side may be `REV:PATH`, a committed version read with `git show`. The revision may not
//! start with `-` (git would take it for an option), and the path is given as `./NAME` from its
//! own folder (`git -C DIR show REV:./NAME`), never through a shell.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use schemars::JsonSchema;
use serde::Serialize;

use crate::briefing::diff::{diff, Diff, FieldChange, Kind, Op, Snapshot};
use crate::briefing::load::{decode, load_str, read_file, Accept};
use crate::briefing::{Briefing, Report};
use crate::text::sanitize_line;

/// One side of a diff, read and loaded.
#[derive(Debug)]
pub struct Side {
    /// As given on the command line.
    pub name: String,
    pub briefing: Briefing,
}

/// What `--format json` writes.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DiffReport {
    /// The old side as given (`FILE`, `REV:PATH`, or `last read of FILE`).
    pub old: String,
    pub new: String,
    /// Whether nothing changed (exit status 0).
    pub equal: bool,
    #[serde(flatten)]
    pub diff: Diff,
}

/// The JSON Schema of `brief diff --format json` (committed as docs/diff.schema.json).
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<DiffReport>();
    schema.insert("$schema".into(), super::schema::DIALECT.into());
    schema.insert("title".into(), "brief diff --format json".into());
    schema.to_value()
}

/// Why a side could not be had, for stderr.
#[derive(Debug)]
pub enum Trouble {
    /// The file does not load: its diagnostics.
    Load(Report),
    Other(String),
}

/// `REV:PATH` when the argument is not a file that exists and has a `:` after a non-empty
/// revision.
fn split_rev(arg: &Path) -> Option<(&str, &str)> {
    if arg.exists() {
        return None;
    }
    let s = arg.to_str()?;
    let (rev, path) = s.split_once(':')?;
    (!rev.is_empty() && !path.is_empty()).then_some((rev, path))
}

/// Reads one side: a file, or `REV:PATH` through git.
pub fn read_side(arg: &Path, max_size: u64) -> Result<Side, Trouble> {
    let name = arg.display().to_string();
    let (text, path) = match split_rev(arg) {
        Some((rev, path)) => (
            git_show(rev, Path::new(path), max_size)?,
            PathBuf::from(&name),
        ),
        None => {
            // Named on the command line: `brief diff <(git show …) new.yaml` reads the pipe.
            let bytes = read_file(arg, max_size, Accept::Named).map_err(|d| {
                Trouble::Load(Report {
                    path: arg.to_path_buf(),
                    source: None,
                    diagnostics: vec![d],
                })
            })?;
            let text = decode(&bytes).map_err(|d| {
                Trouble::Load(Report {
                    path: arg.to_path_buf(),
                    source: None,
                    diagnostics: d,
                })
            })?;
            (text.to_string(), arg.to_path_buf())
        }
    };
    match load_str(&text) {
        Ok(l) => Ok(Side {
            name,
            briefing: l.briefing,
        }),
        Err(diagnostics) => Err(Trouble::Load(Report {
            path,
            source: Some(text),
            diagnostics,
        })),
    }
}

/// `git -C DIR show REV:./NAME`, its output limited to `max_size` bytes.
fn git_show(rev: &str, path: &Path, max_size: u64) -> Result<String, Trouble> {
    let shown = || sanitize_line(&format!("{rev}:{}", path.display())).into_owned();
    if rev.starts_with('-') {
        return Err(Trouble::Other(format!(
            "{}: a revision may not start with `-`",
            shown()
        )));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
        return Err(Trouble::Other(format!("{}: no file name", shown())));
    };
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{file}"))
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            Trouble::Other(format!(
                "{}: cannot run git: {}",
                shown(),
                crate::briefing::load::io_reason(&e)
            ))
        })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().next().unwrap_or("git show failed").trim();
        return Err(Trouble::Other(format!(
            "{}: {}",
            shown(),
            sanitize_line(why)
        )));
    }
    if out.stdout.len() as u64 > max_size {
        return Err(Trouble::Other(format!(
            "{}: larger than --max-size ({} bytes)",
            shown(),
            out.stdout.len()
        )));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| Trouble::Other(format!("{}: not UTF-8 text", shown())))
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn sign(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Added => ("+", GREEN),
        Kind::Removed => ("-", RED),
        Kind::Changed => ("~", YELLOW),
    }
}

/// A field change on one line: `status: reported → denied`, or a text's word diff with the
/// deleted words as `[-old-]` and the inserted as `{+new+}` (in red and green on a terminal).
fn field_line(f: &FieldChange, colour: bool) -> String {
    let Some(words) = &f.words else {
        return sanitize_line(&f.summary()).into_owned();
    };
    let mut line = format!("{}: ", f.field);
    for p in &crate::briefing::diff::condense(words, 30) {
        let text = sanitize_line(&p.text);
        match (p.op, colour) {
            (Op::Equal, _) => line.push_str(&text),
            (Op::Delete, true) => line.push_str(&format!("{RED}\x1b[9m{text}{RESET}")),
            (Op::Insert, true) => line.push_str(&format!("{GREEN}{text}{RESET}")),
            (Op::Delete, false) => line.push_str(&format!("[-{text}-]")),
            (Op::Insert, false) => line.push_str(&format!("{{+{text}+}}")),
        }
    }
    line
}

/// The whole diff as text: a heading with the counts, then one line per change (and one per
/// changed field under it). Nothing at all when the two are equal.
pub fn write_text(
    out: &mut impl Write,
    old: &str,
    new: &str,
    d: &Diff,
    colour: bool,
) -> io::Result<()> {
    if d.is_empty() {
        return Ok(());
    }
    let paint = |code: &str, s: &str| {
        if colour {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let counts = [Kind::Added, Kind::Changed, Kind::Removed]
        .iter()
        .map(|&k| format!("{} {}", d.count(k), k.word()))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        out,
        "{}",
        paint(
            BOLD,
            &format!("{} → {}: {counts}", sanitize_line(old), sanitize_line(new))
        )
    )?;
    for f in &d.header {
        writeln!(out, "{} {}", paint(YELLOW, "~"), field_line(f, colour))?;
    }
    for c in &d.items {
        let (s, code) = sign(c.kind);
        let text = crate::text::truncate(&sanitize_line(&c.text), 60).into_owned();
        writeln!(
            out,
            "{} {} {}: {text}",
            paint(code, s),
            c.section,
            sanitize_line(&c.id)
        )?;
        for f in &c.fields {
            writeln!(out, "    {}", field_line(f, colour))?;
        }
    }
    for c in &d.sources {
        let (s, code) = sign(c.kind);
        writeln!(
            out,
            "{} source {} ({})",
            paint(code, s),
            sanitize_line(&c.id),
            sanitize_line(&c.name)
        )?;
        for f in &c.fields {
            writeln!(out, "    {}", field_line(f, colour))?;
        }
    }
    for c in &d.contradictions {
        let (s, code) = sign(c.kind);
        let [a, b] = &c.between;
        writeln!(
            out,
            "{} contradiction {} ⟷ {}",
            paint(code, s),
            sanitize_line(a),
            sanitize_line(b)
        )?;
        for f in &c.fields {
            writeln!(out, "    {}", field_line(f, colour))?;
        }
    }
    Ok(())
}

/// How `brief diff` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text { colour: bool },
    Json,
}

/// Diffs two loaded sides and writes the result. Returns whether they differ.
pub fn write(
    out: &mut impl Write,
    old_name: &str,
    old: &Snapshot,
    new_name: &str,
    new: &Snapshot,
    output: Output,
) -> io::Result<bool> {
    let d = diff(old, new);
    let differ = !d.is_empty();
    match output {
        Output::Text { colour } => write_text(out, old_name, new_name, &d, colour)?,
        Output::Json => {
            let report = DiffReport {
                old: old_name.to_string(),
                new: new_name.to_string(),
                equal: !differ,
                diff: d,
            };
            let text = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(differ)
}
