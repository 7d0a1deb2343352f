//! Bytes to a [`Briefing`]: the only module that names the YAML parser.
//!
//! The steps: refuse what cannot be a briefing before parsing it (empty, too big, not UTF-8, nested
//! deeper or holding more values than any briefing does ([`super::prescan`]), aliases expanding
//! past a budget), parse into the raw shape, map positions, validate, then build the model. Any failure comes back as diagnostics with positions, never as a panic.

use std::path::Path;

use super::diagnostic::Diagnostic;
use super::model::{
    Briefing, Confidence, Date, Declared, Interest, Item, Judgment, Likelihood, Pos, Reliability,
    Section, Source, SourceKind, Stance, Status,
};
use super::prescan::prescan;
use super::raw::RawBriefing;
use super::srcmap::{LazyMap, SourceMap};
use super::validate::{edit_distance, validate};

/// Default largest file accepted, in bytes (`--max-size` changes it).
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

pub use super::prescan::{MAX_DEPTH, MAX_TOKENS};

/// Aliases may make a file stand for at most this many times its own size (and at least
/// [`MIN_EXPANSION_BUDGET`] bytes): more is an alias bomb, refused before anything is built.
pub const MAX_EXPANSION: usize = 4;
/// The expansion allowed however small the file.
pub const MIN_EXPANSION_BUDGET: usize = 1 << 20;

/// A briefing that loaded, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub briefing: Briefing,
    pub warnings: Vec<Diagnostic>,
}

/// Loads a briefing from text: errors (with any warnings) when it is not a valid briefing.
pub fn load_str(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            Pos::default(),
            "the file is empty; a briefing needs at least `title`, `date`, `claims`, `responses` and `context`",
        )]);
    }
    let (parsed, starts) = if text.len() < PARSE_APART {
        look_before_parsing(text, check_characters(text), || prescan(text)).map_err(|d| vec![d])?;
        (parse(text), None)
    } else {
        parse_apart(text).map_err(|d| vec![d])?
    };
    let raw = match parsed {
        Ok(raw) => raw,
        Err(first) => return Err(recover(text, first)),
    };
    let diagnostics = validate(&raw, &LazyMap::new(text));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let starts = starts.unwrap_or_else(|| SourceMap::starts(text));
    Ok(Loaded {
        briefing: build(raw, &starts),
        warnings: diagnostics,
    })
}

/// From this size on, [`parse_apart`] does a part of the work on a thread of its own.
/// Starting a thread costs some tens of microseconds: nothing beside the parse of a megabyte
/// (about 25 ms), too much for each of 100,000 ordinary briefings of 7 KB, which the library's
/// workers load in parallel anyway.
pub const PARSE_APART: usize = 1 << 20;

/// The looks at `text` before the parser may see it: the characters (first, as that names the
/// line of a byte the parser would only count), the nesting depth and number of tokens (both
/// bound what the parser may be made to hold), then what aliases expand to. `characters` and
/// `prescanned` are the first two verdicts, found by the caller.
fn look_before_parsing(
    text: &str,
    characters: Option<Diagnostic>,
    prescanned: impl FnOnce() -> Option<Diagnostic>,
) -> Result<(), Diagnostic> {
    match characters.or_else(prescanned) {
        Some(d) => Err(d),
        None => check_expansion(text).map_or(Ok(()), Err),
    }
}

/// The parse of a big text with another core's help: a thread checks the characters while
/// this one runs the prescan, then finds the entries' start lines while this one parses. The
/// parse starts only once every look before it has passed, and stays on the calling thread:
/// parsed on a new thread (a new glibc arena) `brief check` of a 22 MB briefing took 0.79–0.84 s
/// against 0.78–0.80 s. A thread that cannot start, or panics, leaves its work to this one.
#[allow(clippy::type_complexity)]
fn parse_apart(
    text: &str,
) -> Result<(Result<RawBriefing, Diagnostic>, Option<SourceMap<'_>>), Diagnostic> {
    std::thread::scope(|scope| {
        let (verdict, told) = std::sync::mpsc::channel();
        let helper = std::thread::Builder::new()
            .name("brief-load".into())
            .spawn_scoped(scope, move || {
                // The parse waits for this: sent before the slower work.
                let _ = verdict.send(check_characters(text));
                SourceMap::starts(text)
            })
            .ok();
        let prescanned = prescan(text);
        let characters = match told.recv() {
            Ok(c) => c,
            Err(_) => check_characters(text),
        };
        look_before_parsing(text, characters, || prescanned)?;
        let parsed = parse(text);
        let starts = helper.and_then(|h| h.join().ok());
        Ok((parsed, starts))
    })
}

/// Loads a briefing from bytes: checks the encoding first (a UTF-8 BOM is allowed and skipped).
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    load_str(decode(bytes)?)
}

/// The text of `bytes`, or a diagnostic at the first byte that is not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<&str, Vec<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let col = std::str::from_utf8(good.get(line_start..).unwrap_or(&[]))
                .map_or(1, |s| s.chars().count() as u32 + 1);
            let what = if bytes.contains(&0) {
                "binary data, not text"
            } else {
                "text that is not UTF-8"
            };
            Err(vec![Diagnostic::error(
                Pos::new(line, col),
                format!(
                    "the file holds {what} (invalid byte at offset {}); briefings are UTF-8 YAML",
                    e.valid_up_to()
                ),
            )])
        }
    }
}

/// Which files [`read_file`] reads besides regular ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Regular files only, checked without blocking: what a reload, the watcher and the files
    /// found in a folder get. A pipe named `*.yaml` that appears in a watched folder, or a
    /// symlink to `/dev/tty`, is refused without being read (reading it would wait for a writer
    /// for ever, or take the user's keys).
    Regular,
    /// Also pipes and devices: a path named on the command line (`brief <(gen)`), read once.
    Named,
}

/// How long one file may take to read, between chunks: a file on a stalled network mount, or a
/// pipe that trickles, gives up with a diagnostic instead of holding a loader for ever.
pub const READ_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Reads a file, refusing folders, unreadable files and files over `max_size` with a diagnostic;
/// anything but a regular file unless `accept` is [`Accept::Named`].
///
/// The kind is checked before opening (`stat` never blocks) and again on the open file (`fstat`),
/// which is opened with `O_NONBLOCK` and `O_NOCTTY` so that opening a pipe never waits for a
/// writer and a terminal never becomes the process's controlling terminal: a file swapped for a
/// pipe between the two checks is still refused.
pub fn read_file(path: &Path, max_size: u64, accept: Accept) -> Result<Vec<u8>, Diagnostic> {
    let fail = |msg: String| Diagnostic::error(Pos::default(), msg);
    let cannot = |e: std::io::Error| fail(format!("cannot read the file: {}", io_reason(&e)));
    let not_regular = || {
        fail(
            "not a regular file (a pipe, socket or device); name it on the command line to read it"
                .into(),
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(fail("is a folder, not a briefing file".into()));
    }
    if accept == Accept::Regular && !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > max_size {
        return Err(fail(format!(
            "the file is {} bytes, over the {}-byte limit (use --max-size to raise it)",
            meta.len(),
            max_size
        )));
    }
    let file = open_without_blocking(path).map_err(cannot)?;
    let opened = file.metadata().map_err(cannot)?;
    if opened.is_dir() {
        return Err(fail("is a folder, not a briefing file".into()));
    }
    if !opened.is_file() {
        if accept == Accept::Regular {
            return Err(not_regular());
        }
        // Named on the command line: read it as asked, opened again to wait for its data.
        drop(file);
        return read_all(
            std::fs::File::open(path).map_err(cannot)?,
            &opened,
            max_size,
        );
    }
    read_all(file, &opened, max_size)
}

/// Reads an open file up to `max_size` bytes, stopping at a NUL, within [`READ_TIME_LIMIT`].
fn read_all(
    file: std::fs::File,
    opened: &std::fs::Metadata,
    max_size: u64,
) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let fail = |msg: String| Diagnostic::error(Pos::default(), msg);
    let cannot = |e: std::io::Error| fail(format!("cannot read the file: {}", io_reason(&e)));
    let mut bytes = Vec::with_capacity(opened.len().min(max_size).min(1 << 30) as usize);
    // `take` guards against files that grow (or are devices) after the size check.
    let mut reader = file.take(max_size.saturating_add(1));
    let mut chunk = vec![0u8; 64 * 1024];
    let started = std::time::Instant::now();
    loop {
        if started.elapsed() > READ_TIME_LIMIT {
            return Err(fail(format!(
                "reading the file took over {} seconds; gave up",
                READ_TIME_LIMIT.as_secs()
            )));
        }
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(cannot(e)),
        };
        let read = chunk.get(..n).unwrap_or(&[]);
        if let Some(nul) = memchr::memchr(0, read) {
            // Binary: nothing after a NUL can make it a briefing, and an endless device such
            // as /dev/zero must not be read up to the limit. The NUL itself stays, to be named.
            bytes.extend_from_slice(read.get(..=nul).unwrap_or(read));
            return Ok(bytes);
        }
        bytes.extend_from_slice(read);
    }
    if bytes.len() as u64 > max_size {
        return Err(fail(format!(
            "the file is over the {max_size}-byte limit (use --max-size to raise it)"
        )));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// The keys a briefing's top level may hold.
pub const TOP_LEVEL_KEYS: [&str; 10] = [
    "title",
    "date",
    "summary",
    "tags",
    "sources",
    "claims",
    "responses",
    "context",
    "contradictions",
    "judgments",
];

/// What a file that is not a briefing at all is told when none of its own diagnostics can be
/// shown: they would quote it, and a symlink or a wrong path can lead `brief check` in a CI log
/// to a file of passwords or a private key.
pub const NOT_A_BRIEFING: &str =
    "the top level must be a mapping with `title`, `date`, `claims`, `responses` and `context`";

/// Whether `message` quotes nothing of the file: every part in backticks or double quotes is one
/// of the [`TOP_LEVEL_KEYS`] or brief's own words (`*name`, `---`). What a file that is not a
/// briefing may still be told.
pub fn quotes_nothing(message: &str) -> bool {
    ['`', '"'].iter().all(|&q| {
        message
            .split(q)
            .skip(1)
            .step_by(2)
            .all(|part| TOP_LEVEL_KEYS.contains(&part) || ["*name", "---"].contains(&part))
    })
}

/// Whether some line of `text` starts (unindented) with one of the [`TOP_LEVEL_KEYS`] and a
/// colon, quoted or not, or the text is one flow mapping naming one: what tells a briefing with
/// mistakes from some other YAML (or not YAML) file. A single pass over the text.
pub fn names_a_briefing_key(text: &str) -> bool {
    let flow = text.trim_start().starts_with('{');
    text.lines().any(|line| {
        let line = if flow {
            line.trim_start_matches(|c: char| c == '{' || c == ',' || c.is_whitespace())
        } else {
            line
        };
        let key = line.trim_start_matches(['"', '\'']);
        TOP_LEVEL_KEYS.iter().any(|k| {
            key.strip_prefix(k).is_some_and(|rest| {
                let rest = rest
                    .trim_start_matches(['"', '\''])
                    .trim_start_matches([' ', '\t']);
                rest.starts_with(':')
            })
        })
    })
}

/// An I/O error in words, without the `(os error N)` noise.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s.get(..i).unwrap_or(&s).to_string(),
                None => s,
            }
        }
    }
}

/// Looking past the first shape error costs two parses of the file per error; this many bytes of
/// parsing at most are spent on it, so a broken file is still answered in time linear in its size
/// (a 100 KiB file gets every error up to the cap below, a 4 MiB file one more).
const RECOVER_BUDGET_BYTES: usize = 8 << 20;
/// At most this many shape errors are collected from one file.
const RECOVER_MAX_ERRORS: usize = 24;

/// All the problems of a file whose first parse failed with `first`, not just that one.
///
/// The parser stops at the first unknown key, wrongly typed value or missing key. Working on a
/// copy of the text, each such problem is got out of the way and the copy parsed again, so the
/// next one shows up: an unknown or wrongly typed block-style key is turned into a comment with
/// its value's lines (in place: every other position stays put), and a missing key gets a
/// placeholder line of its own (positions after it are mapped back; anything found on a
/// placeholder line is dropped). Once the copy parses, the validator runs on it for the remaining
/// errors (dangling references, bad dates, …); its warnings are left out, as the keys taken out
/// can make them wrong. Whatever the copy cannot get past (a syntax error, a flow-style key) ends
/// the search with what was found.
fn recover(text: &str, first: Diagnostic) -> Vec<Diagnostic> {
    let mut found = vec![first];
    let mut copy = Patched {
        text: text.to_owned(),
        inserted: Vec::new(),
    };
    let mut removed: Vec<String> = Vec::new();
    let mut attempts: usize = 0;
    loop {
        attempts += 1;
        let spent = attempts.saturating_mul(2).saturating_mul(text.len().max(1));
        if attempts > RECOVER_MAX_ERRORS * 2
            || found.len() >= RECOVER_MAX_ERRORS
            || (attempts > 1 && spent > RECOVER_BUDGET_BYTES)
        {
            break;
        }
        let parsed = serde_yaml::from_str::<RawBriefing>(&copy.text);
        let (message, loc) = match &parsed {
            Ok(raw) => {
                if attempts > 1 {
                    let map = LazyMap::new(&copy.text);
                    let errors = validate(raw, &map).into_iter().filter(Diagnostic::is_error);
                    found.extend(errors.filter_map(|d| copy.to_original(d)));
                }
                break;
            }
            Err(e) => (e.to_string(), e.location()),
        };
        if attempts > 1 {
            // The same problem as a removed key's type error, seen again as a missing key.
            let again = missing_key(&message).is_some_and(|missing| {
                removed.iter().any(|k| {
                    *k == missing || edit_distance(k, &missing, typo_limit(k)) <= typo_limit(k)
                })
            });
            if !again {
                if let Err(e) = parsed {
                    let d = diagnose(&copy.text, e);
                    // A key missing from the top-level mapping is reported where the mapping
                    // starts: in the original, not where a commented-out key moved that start.
                    let top_missing = missing_key(&message).is_some()
                        && d.pos.col <= 1
                        && d.pos.line as usize == first_content_line(&copy.text);
                    let d = if top_missing {
                        let mut d = d;
                        d.pos = Pos::new(first_content_line(text) as u32, 1);
                        Some(d)
                    } else {
                        copy.to_original(d)
                    };
                    match d {
                        Some(d) => found.push(d),
                        None => break,
                    }
                }
            }
        }
        let Some(loc) = loc else { break };
        let fixed = if let Some(key) = missing_key(&message) {
            copy.insert_placeholder(&key, loc.line(), loc.column())
        } else if let Some(key) = offending_key(&message) {
            let done = comment_out(&mut copy.text, &key, loc.line(), loc.column());
            removed.push(key);
            done
        } else {
            false
        };
        if !fixed {
            break;
        }
    }
    found.sort_by_key(|d| (d.pos.line, d.pos.col));
    found.dedup_by(|a, b| a.pos == b.pos && a.message == b.message);
    found
}

/// The 1-based number of the first line holding YAML content: not blank, not a comment, not a
/// document marker or directive. 1 when there is none.
fn first_content_line(text: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start_matches('\u{feff}').trim();
            !(t.is_empty() || t.starts_with('#') || t == "---" || t.starts_with('%'))
        })
        .map_or(1, |n| n + 1)
}

/// A copy of a briefing's text with problems patched out, and the lines added to it.
struct Patched {
    text: String,
    /// 1-based numbers, in the copy, of the placeholder lines added; ascending.
    inserted: Vec<usize>,
}

impl Patched {
    /// A diagnostic found in the copy, placed in the original; `None` when it is about a
    /// placeholder line.
    fn to_original(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        let line = d.pos.line as usize;
        if self.inserted.contains(&line) {
            return None;
        }
        let before = self.inserted.iter().filter(|&&l| l < line).count();
        d.pos.line = (line - before) as u32;
        Some(d)
    }

    /// Adds `key: <placeholder>` to the block mapping whose first key is at `line`:`col`, after
    /// that key's value.
    fn insert_placeholder(&mut self, key: &str, line: usize, col: usize) -> bool {
        let lines: Vec<&str> = self.text.split('\n').collect();
        let Some(first) = lines.get(line.saturating_sub(1)) else {
            return false;
        };
        let indent = col.saturating_sub(1);
        // Block style only: the mapping's first key sits at `col` after spaces and `- `.
        let Some(lead) = first.get(..indent) else {
            return false;
        };
        if !lead.bytes().all(|b| b == b' ' || b == b'-')
            || first
                .get(indent..)
                .is_none_or(|r| r.starts_with(['{', '[', ' ', '#']) || r.is_empty())
        {
            return false;
        }
        let mut after = line; // 0-based index of the line the placeholder goes before
        while let Some(l) = lines.get(after) {
            let body = l.trim_start_matches(' ');
            let depth = l.len() - body.len();
            if body.trim().is_empty() || body.starts_with('#') || depth > indent {
                after += 1;
            } else {
                break;
            }
        }
        // Trailing blank lines belong to what follows.
        while after > line && lines.get(after - 1).is_some_and(|l| l.trim().is_empty()) {
            after -= 1;
        }
        let value = match key {
            "claims" | "responses" | "context" | "responds_to" | "between" => "[]".to_owned(),
            "id" => format!("brief-placeholder-{}", after + 1),
            _ => "x".to_owned(),
        };
        let placeholder = format!("{}{key}: {value}", " ".repeat(indent));
        let mut out: Vec<&str> = lines.clone();
        out.insert(after.min(out.len()), &placeholder);
        let new_line = after + 1; // 1-based
        let text = out.join("\n");
        for l in self.inserted.iter_mut() {
            if *l >= new_line {
                *l += 1;
            }
        }
        self.inserted.push(new_line);
        self.inserted.sort_unstable();
        self.text = text;
        true
    }
}

/// The key a `missing field `k`` error names.
fn missing_key(message: &str) -> Option<String> {
    let rest = message.split("missing field `").nth(1)?;
    rest.split('`').next().map(str::to_owned)
}

/// The key a shape error is about: `unknown field `k`` names it; `path.k: invalid type|value`
/// ends its path with it.
fn offending_key(message: &str) -> Option<String> {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        return rest.split('`').next().map(str::to_owned);
    }
    let (path, rest) = message.split_once(": ")?;
    if !(rest.starts_with("invalid type") || rest.starts_with("invalid value")) {
        return None;
    }
    let last = path.rsplit('.').next()?;
    let key = last.split('[').next()?;
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then(|| key.to_owned())
}

/// Turns block-style `key:` at or before (1-based) `line`:`col` into a comment, with the lines
/// of its value: a `#` in place of the key's first character, and in place of the first
/// character of each following line indented deeper (or a `- ` entry at the key's own indent
/// when the key's value is on the next lines). Columns and lines are kept. `false` when the key
/// is not found there in block style.
fn comment_out(text: &mut String, key: &str, line: usize, col: usize) -> bool {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_at = |text: &str, n: usize| -> Option<(usize, usize)> {
        let start = *starts.get(n)?;
        let end = starts.get(n + 1).map_or(text.len(), |&e| e - 1);
        Some((start, end))
    };
    // The key is on the error's line (an unknown key, or an inline value) or on the nearest
    // line above that is not blank or a comment (a value on the next lines).
    let mut n = line.saturating_sub(1);
    let mut same_line = true;
    let (key_line, key_off) = loop {
        let Some((start, end)) = line_at(text, n) else {
            return false;
        };
        let Some(l) = text.get(start..end) else {
            return false;
        };
        let lead = l.len() - l.trim_start_matches([' ', '-']).len();
        let body = l.get(lead..).unwrap_or("");
        let is_key = body
            .strip_prefix(key)
            .and_then(|r| r.strip_prefix(':'))
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']));
        let prefix_ok = l
            .get(..lead)
            .is_some_and(|p| p.ends_with(' ') || p.is_empty())
            && l.get(..lead).is_some_and(|p| !p.contains("--"));
        if is_key && prefix_ok && (!same_line || lead < col.max(1)) {
            break (n, start + lead);
        }
        let blank = body.trim().is_empty() || body.starts_with('#');
        if (!same_line && !blank) || n == 0 {
            return false;
        }
        same_line = false;
        n -= 1;
    };
    let Some((start, end)) = line_at(text, key_line) else {
        return false;
    };
    let indent = key_off - start;
    let value_below = text
        .get(key_off + key.len() + 1..end)
        .is_some_and(|r| r.trim().is_empty() || r.trim_start().starts_with('#'));
    let mut marks = vec![key_off];
    let mut k = key_line + 1;
    while let Some((s, e)) = line_at(text, k) {
        let Some(l) = text.get(s..e) else { break };
        let body = l.trim_start_matches(' ');
        let depth = l.len() - body.len();
        if body.trim().is_empty()
            || (depth > indent)
            || (value_below && depth == indent && body.starts_with("- "))
        {
            if !body.trim().is_empty() && !body.starts_with('#') {
                marks.push(s + depth);
            }
            k += 1;
        } else {
            break;
        }
    }
    // One character becomes one `#`: positions count characters, so every column stays put.
    for &at in marks.iter().rev() {
        let Some(c) = text.get(at..).and_then(|r| r.chars().next()) else {
            return false;
        };
        text.replace_range(at..at + c.len_utf8(), "#");
    }
    true
}

fn parse(text: &str) -> Result<RawBriefing, Diagnostic> {
    serde_yaml::from_str::<RawBriefing>(text).map_err(|e| diagnose(text, e))
}

/// The diagnostic for the parser's error `e` on `text`.
fn diagnose(text: &str, e: serde_yaml::Error) -> Diagnostic {
    // serde sees the events read before a syntax error, so a type error early in the file
    // can hide a syntax error further on (a misindented key reads as a missing one). When the
    // text is not YAML at all, that is the problem to report.
    let e = match serde_yaml::from_str::<serde::de::IgnoredAny>(text) {
        Err(syntax) => syntax,
        Ok(_) => e,
    };
    let pos = e.location().map_or(Pos::default(), |l| {
        Pos::new(l.line() as u32, l.column() as u32)
    });
    let message = e.to_string();
    let pos = duplicate_key_pos(text, &message, pos);
    // An error at the end of the file (an unclosed quote or bracket) is best shown where
    // the unclosed thing began.
    let pos = match syntax_context(&message) {
        Some(began) if pos.line as usize > text.lines().count() => began,
        _ => pos,
    };
    Diagnostic::error(pos, explain(&message))
}

/// serde reports a duplicate key at the start of its mapping; the useful place is the second
/// occurrence. Looks for it among the block-style keys at the mapping's column, and keeps `at`
/// when it is not there (a flow mapping, say).
fn duplicate_key_pos(text: &str, message: &str, at: Pos) -> Pos {
    let Some(key) = message
        .split("duplicate field `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
    else {
        return at;
    };
    let col = at.col.max(1) as usize - 1;
    let mut seen = 0;
    for (n, line) in text.lines().enumerate().skip(at.line.max(1) as usize - 1) {
        let indent: String = line.chars().take(col).collect();
        let rest: String = line.chars().skip(col).collect();
        let first = n + 1 == at.line as usize;
        if !first && !indent.trim().is_empty() {
            break; // the mapping ended
        }
        let is_key = rest
            .strip_prefix(key)
            .and_then(|r| r.strip_prefix(':'))
            .is_some_and(|r| r.is_empty() || r.starts_with(' '));
        if is_key {
            seen += 1;
            if seen == 2 {
                return Pos::new(n as u32 + 1, col as u32 + 1);
            }
        }
    }
    at
}

/// A syntax error as the YAML parser words it: `problem at MARK, context at MARK`.
static SYNTAX: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r#"^(?P<problem>[^`"]*?) at line \d+ column \d+, (?P<context>[^`"]*?)(?: at line (?P<line>\d+) column (?P<col>\d+))?$"#,
    )
    .ok()
});

/// Where the construct the parser was reading began, from a syntax error's message.
fn syntax_context(message: &str) -> Option<Pos> {
    let c = SYNTAX.as_ref()?.captures(message)?;
    Some(Pos::new(
        c.name("line")?.as_str().parse().ok()?,
        c.name("col")?.as_str().parse().ok()?,
    ))
}

/// Rewrites the parser's message for people: no location of the problem (the diagnostic has
/// it), where the construct being read began (for an unclosed quote or bracket, the useful
/// place), and plain words for the common cases.
fn explain(message: &str) -> String {
    let syntax = SYNTAX.as_ref().and_then(|re| re.captures(message));
    let mut m = match syntax {
        Some(c) => {
            let (problem, context) = (&c["problem"], &c["context"]);
            match (c.name("line"), c.name("col")) {
                (Some(l), Some(col)) => format!(
                    "{problem}, {context} that began at line {} column {}",
                    l.as_str(),
                    col.as_str()
                ),
                _ => format!("{problem}, {context}"),
            }
        }
        None => {
            let mut m = message.to_string();
            if let Some(i) = m.rfind(" at line ") {
                if m.get(i..).is_some_and(|tail| tail.contains(" column ")) {
                    m.truncate(i);
                }
            }
            m
        }
    };
    if m.contains("more than one document") {
        return "the file holds more than one YAML document (a `---` line); a briefing is one"
            .into();
    }
    if m.contains("expected struct RawBriefing") {
        return "the top level must be a mapping with `title`, `date`, `claims`, `responses` and `context`".into();
    }
    // serde names our internal types; users know them as sections.
    for (internal, public) in [
        (
            "struct RawSource",
            "a source (a mapping with `id` and `name`)",
        ),
        (
            "struct RawClaim",
            "a claim (a mapping with `id` and `text`)",
        ),
        (
            "struct RawResponse",
            "a response (a mapping with `id`, `text`, `responds_to` and `stance`)",
        ),
        (
            "struct RawContext",
            "a context item (a mapping with `id` and `text`)",
        ),
        (
            "struct RawContradiction",
            "a contradiction (a mapping with `between`)",
        ),
        // serde's words for YAML's, and the docs' words for serde's.
        ("missing field", "missing key"),
        ("unknown field", "unknown key"),
        ("duplicate field", "duplicate key"),
        ("unit value", "null"),
        ("expected a sequence", "expected a list"),
        ("expected u8", "expected a whole number from 1 to 6"),
        ("expected field identifier", "expected a key name"),
        (
            "found unexpected end of stream",
            "the file ends unexpectedly",
        ),
    ] {
        m = m.replace(internal, public);
    }
    if let Some(close) = closest_key(&m) {
        m.push_str(&format!(" (did you mean `{close}`?)"));
    }
    shorten_quoted(&m)
}

/// The longest part of the file a message quotes whole, in characters.
pub const MAX_QUOTED: usize = 80;

/// `message` with each part in backticks or double quotes longer than [`MAX_QUOTED`]
/// characters cut to its start and `…`: a 5 MB unknown key is named by its first words, not
/// echoed whole. One pass.
pub fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4096));
    let mut open: Option<(char, usize)> = None;
    for c in message.chars() {
        match open {
            Some((q, _)) if c == q => {
                open = None;
                out.push(c);
            }
            Some((q, n)) => {
                if n < MAX_QUOTED {
                    out.push(c);
                } else if n == MAX_QUOTED {
                    out.push('…');
                }
                open = Some((q, n + 1));
            }
            None => {
                if c == '`' || c == '"' {
                    open = Some((c, 0));
                }
                out.push(c);
            }
        }
    }
    out
}

/// How many edits a misspelt key may be from the one meant.
fn typo_limit(key: &str) -> usize {
    (key.chars().count() / 3).clamp(1, 3)
}

/// For `unknown key `k`, expected one of `a`, `b`, …`: the allowed key `k` is most likely a typo
/// of, if any is close.
fn closest_key(message: &str) -> Option<&str> {
    let rest = message.split("unknown key `").nth(1)?;
    let mut quoted = rest.split('`').skip(2).step_by(2);
    let wrong = rest.split('`').next()?;
    let limit = typo_limit(wrong);
    quoted
        .by_ref()
        .map(|c| (edit_distance(wrong, c, limit), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The first character YAML does not allow in a file (C0 controls but tab and line breaks,
/// DEL, C1 controls but NEL, U+FFFE/U+FFFF), located. The parser reports these only as a byte
/// offset ("at position 76"); this names the line and column, so the excerpt shows it.
fn check_characters(text: &str) -> Option<Diagnostic> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
            || ('\u{a0}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}'
    };
    let offset = first_disallowed(text.as_bytes())?;
    let c = text.get(offset..)?.chars().next()?;
    debug_assert!(!allowed(c));
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) as u32 + 1;
    let what = if c == '\0' {
        "a NUL byte: binary data, not text".to_string()
    } else {
        format!("control character U+{:04X}", c as u32)
    };
    Some(Diagnostic::error(
        Pos::new(line, col),
        format!("the file holds {what}, which YAML does not allow (write it as an escape in a double-quoted string if it is meant)"),
    ))
}

/// The offset of the first character [`check_characters`] refuses, byte by byte: decoding every
/// character of a 20 MB file cost more than the test needs. In valid UTF-8 the refused
/// characters beyond ASCII are exactly C2 80–9F but C2 85 (C1 controls but NEL) and EF BF BE–BF
/// (U+FFFE, U+FFFF); surrogates cannot occur.
///
/// Eight bytes at a time: a word whose bytes are all printable ASCII is passed over whole.
fn first_disallowed(b: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let refused = |i: usize| match b.get(i) {
        Some(b'\t' | b'\n' | b'\r' | b' '..=b'~') | None => false,
        Some(0xC2) => b
            .get(i + 1)
            .is_some_and(|&n| (0x80..=0x9F).contains(&n) && n != 0x85),
        Some(0xEF) => b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)),
        Some(0x80..=0xFF) => false,
        Some(_) => true,
    };
    let mut i = 0;
    while let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let w = u64::from_le_bytes(word);
        // A high bit is set in a byte of this mask for every byte at or above 0x80, below 0x20
        // (borrowing `- 0x20`) or at 0x7F (carrying `+ 1`); a borrow or carry may also mark a
        // neighbour, which only sends a clean word down the byte-by-byte path.
        let printable =
            (w | w.wrapping_sub(0x2020_2020_2020_2020) | w.wrapping_add(0x0101_0101_0101_0101))
                & HIGH
                == 0;
        if !printable {
            if let Some(j) = (i..i + 8).find(|&j| refused(j)) {
                return Some(j);
            }
        }
        i += 8;
    }
    (i..b.len()).find(|&j| refused(j))
}

/// Refuses alias bombs. serde_yaml bounds how often aliases are followed (100 times the events
/// in the file) but not what they expand to: `summary: &s <100 KB>` and 10,000 `*s` in `tags`
/// make a 130 KB file that would be read as 1 GB of strings. When the text may hold an alias,
/// one pass walks the document as the parser expands it, counting a byte per scalar byte and
/// per node, and stops at the budget; the strings are only looked at, never copied.
fn check_expansion(text: &str) -> Option<Diagnostic> {
    if !may_hold_alias(text.as_bytes()) {
        return None;
    }
    let budget = text
        .len()
        .saturating_mul(MAX_EXPANSION)
        .max(MIN_EXPANSION_BUDGET);
    let counter = expansion::Counter::new(budget);
    let de = serde_yaml::Deserializer::from_str(text);
    // Any other error (syntax, a missing anchor) is the main parse's to report, with its words.
    let err = serde::de::DeserializeSeed::deserialize(&counter, de).err()?;
    // serde_yaml's own limit on following aliases stops nested bombs before the budget does.
    if !counter.exceeded() && !is_repetition_limit(&err) {
        return None;
    }
    let pos = err.location().map_or(Pos::default(), |l| {
        Pos::new(l.line() as u32, l.column() as u32)
    });
    Some(Diagnostic::error(
        pos,
        format!(
            "aliases (`*name`) expand this file to more than {} bytes ({MAX_EXPANSION} times its size); refusing what looks like an alias bomb",
            crate::text::thousands(budget)
        ),
    ))
}

fn is_repetition_limit(e: &serde_yaml::Error) -> bool {
    e.to_string().starts_with("repetition limit exceeded")
}

/// Whether `*` starts a token somewhere (after a space, a line start or flow punctuation, and
/// followed by a name). Errs on the side of yes: a false yes costs one more pass, nothing else.
fn may_hold_alias(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'*', bytes).any(|i| {
        (i == 0
            || preceded_by_space(bytes, i)
            || matches!(bytes.get(i - 1), Some(b'[' | b'{' | b'\r')))
            && bytes
                .get(i + 1)
                .is_some_and(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    })
}

mod expansion {
    //! A visitor that walks any YAML value without keeping it, spending a budget as it goes.

    use std::cell::Cell;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess};
    use serde::de::{VariantAccess, Visitor};

    pub struct Counter {
        left: Cell<usize>,
        exceeded: Cell<bool>,
    }

    impl Counter {
        pub fn new(budget: usize) -> Counter {
            Counter {
                left: Cell::new(budget),
                exceeded: Cell::new(false),
            }
        }

        pub fn exceeded(&self) -> bool {
            self.exceeded.get()
        }

        fn spend<E: de::Error>(&self, n: usize) -> Result<(), E> {
            match self.left.get().checked_sub(n.saturating_add(1)) {
                Some(left) => {
                    self.left.set(left);
                    Ok(())
                }
                None => {
                    self.exceeded.set(true);
                    Err(E::custom("expansion budget exceeded"))
                }
            }
        }
    }

    impl<'de> DeserializeSeed<'de> for &Counter {
        type Value = ();

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for &Counter {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any YAML value")
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
            self.spend(v.len())
        }

        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
            self.spend(v.len())
        }

        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            self.spend(0)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.spend(0)?;
            self.deserialize(d)
        }

        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.spend(0)?;
            self.deserialize(d)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.spend(0)?;
            while seq.next_element_seed(self)?.is_some() {}
            Ok(())
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.spend(0)?;
            while map.next_entry_seed(self, self)?.is_some() {}
            Ok(())
        }

        // A tagged value (`!tag value`).
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
            self.spend(0)?;
            let ((), variant) = data.variant_seed(self)?;
            variant.newtype_variant_seed(self)
        }
    }
}

fn preceded_by_space(bytes: &[u8], i: usize) -> bool {
    i == 0 || matches!(bytes.get(i - 1), Some(b' ' | b'\t' | b'\n' | b':' | b','))
}

/// Converts a validated raw briefing into the model. Only called when validation found no error,
/// so every closed-set word parses; anything that does not is dropped rather than trusted.
fn build(raw: RawBriefing, map: &SourceMap) -> Briefing {
    let date = Date::parse(&raw.date).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    });
    let n_sources = raw.sources.len();
    let sources = raw
        .sources
        .into_iter()
        .enumerate()
        .map(|(i, s)| Source {
            pos: map.entry_start("sources", i, n_sources),
            kind: s.kind.as_deref().and_then(SourceKind::parse),
            reliability: s.reliability.as_deref().and_then(Reliability::parse),
            interest: s.interest.as_deref().and_then(Interest::parse),
            id: s.id,
            name: s.name,
            url: s.url,
        })
        .collect();
    let blank = |section: Section, id: String, text: String, pos: Pos| Item {
        section,
        id,
        text,
        source: None,
        attribution: None,
        date: None,
        status: None,
        stance: None,
        responds_to: Vec::new(),
        credibility: None,
        quote: None,
        url: None,
        via: Vec::new(),
        anonymous: None,
        headline: None,
        pos,
    };
    let n = raw.claims.len();
    let claims = raw
        .claims
        .into_iter()
        .enumerate()
        .map(|(i, c)| Item {
            source: c.source,
            attribution: c.attribution,
            via: c.via,
            anonymous: c.anonymous,
            date: c.date.as_deref().and_then(Date::parse),
            status: c.status.as_deref().and_then(Status::parse),
            credibility: c.credibility,
            quote: c.quote,
            url: c.url,
            headline: c.headline,
            ..blank(
                Section::Claims,
                c.id,
                c.text,
                map.entry_start("claims", i, n),
            )
        })
        .collect();
    let n = raw.responses.len();
    let responses = raw
        .responses
        .into_iter()
        .enumerate()
        .map(|(i, r)| Item {
            source: r.source,
            attribution: r.attribution,
            via: r.via,
            anonymous: r.anonymous,
            date: r.date.as_deref().and_then(Date::parse),
            stance: Stance::parse(&r.stance),
            responds_to: r.responds_to,
            credibility: r.credibility,
            quote: r.quote,
            url: r.url,
            ..blank(
                Section::Responses,
                r.id,
                r.text,
                map.entry_start("responses", i, n),
            )
        })
        .collect();
    let n = raw.context.len();
    let context = raw
        .context
        .into_iter()
        .enumerate()
        .map(|(i, c)| Item {
            source: c.source,
            attribution: c.attribution,
            via: c.via,
            anonymous: c.anonymous,
            date: c.date.as_deref().and_then(Date::parse),
            credibility: c.credibility,
            quote: c.quote,
            url: c.url,
            ..blank(
                Section::Context,
                c.id,
                c.text,
                map.entry_start("context", i, n),
            )
        })
        .collect();
    let n = raw.contradictions.len();
    let contradictions = raw
        .contradictions
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let mut it = c.between.into_iter();
            let (a, b) = (it.next()?, it.next()?);
            Some(Declared {
                between: [a, b],
                note: c.note,
                pos: map.entry_start("contradictions", i, n),
            })
        })
        .collect();
    let n = raw.judgments.len();
    let judgments = raw
        .judgments
        .into_iter()
        .enumerate()
        .map(|(i, j)| Judgment {
            pos: map.entry_start("judgments", i, n),
            likelihood: j.likelihood.as_deref().and_then(Likelihood::parse),
            confidence: j.confidence.as_deref().and_then(Confidence::parse),
            id: j.id,
            text: j.text,
            rests_on: j.rests_on,
            against: j.against,
            assumptions: j.assumptions,
        })
        .collect();
    let mut b = Briefing::new(
        raw.title,
        date,
        raw.summary,
        raw.tags,
        sources,
        claims,
        responses,
        context,
        contradictions,
    )
    .with_judgments(judgments);
    b.url = raw.url;
    b.publisher = raw.publisher;
    b
}

/// Parses without validating or building: the baseline the benchmarks compare loading against.
pub fn parse_only(text: &str) -> Result<RawBriefing, Diagnostic> {
    parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "title: x\ndate: 2025-01-01\nclaims: []\nresponses: []\ncontext: []\n";

    #[test]
    fn refuses_aliases_that_repeat_a_long_text() {
        let text = format!(
            "{HEAD}summary: &s {}\ntags: [{}]\n",
            "x".repeat(100_000),
            vec!["*s"; 10_000].join(", ")
        );
        let d = check_expansion(&text)
            .map(|d| d.message)
            .unwrap_or_default();
        assert!(d.contains("alias bomb"), "{d}");
        assert!(load_str(&text).is_err());
    }

    #[test]
    fn refuses_nested_alias_bombs() {
        let mut text = format!("{HEAD}summary: &a0 lol\ntags:\n");
        for level in 1..10 {
            let aliases = vec![format!("*a{}", level - 1); 9].join(", ");
            text.push_str(&format!("  - &a{level} [{aliases}]\n"));
        }
        let err = load_str(&text).err().unwrap_or_default();
        let d = err.first().map(|d| d.message.as_str()).unwrap_or_default();
        assert!(d.contains("alias"), "{d}");
    }

    #[test]
    fn modest_aliases_load() {
        let text = format!("{HEAD}summary: &s the same words\ntags: [*s, *s, x]\n");
        let loaded = load_str(&text).map_err(|d| format!("{d:?}"));
        assert_eq!(
            loaded.map(|l| l.briefing.tags.len()),
            Ok(3),
            "aliases within the budget are ordinary YAML"
        );
        assert!(!may_hold_alias(b"price: 5 * 3\nnote: a*b\n"));
        assert!(may_hold_alias(b"k: [a,*b]"));
        assert!(may_hold_alias(b"*a"));
    }

    #[test]
    fn control_characters_are_located() {
        let d = check_characters("title: x\nsummary: a\u{1b}[2J\n");
        assert_eq!(
            d.map(|d| (d.pos, d.message.contains("U+001B"))),
            Some((Pos::new(2, 11), true))
        );
        assert!(check_characters("a\0b").is_some_and(|d| d.message.contains("NUL")));
        assert!(check_characters("a\u{9b}").is_some());
        assert!(check_characters("a\u{ffff}").is_some());
        assert_eq!(
            check_characters("tab\there\r\nnel\u{85} 한 \u{feff} 😀"),
            None
        );
    }

    #[test]
    fn the_byte_test_refuses_exactly_the_refused_characters() {
        let allowed = |c: char| {
            matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
                || ('\u{a0}'..='\u{fffd}').contains(&c)
                || c >= '\u{10000}'
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("ab{c}\u{ffff}");
            let want = if allowed(c) { 2 + c.len_utf8() } else { 2 };
            assert_eq!(first_disallowed(text.as_bytes()), Some(want), "{c:?}");
        }
    }

    #[test]
    fn not_utf8_is_located() {
        let err = decode(b"title: x\nab\xffc\n").err().unwrap_or_default();
        assert_eq!(err.first().map(|d| d.pos), Some(Pos::new(2, 3)));
    }

    #[test]
    fn bom_is_skipped() {
        assert_eq!(decode(b"\xEF\xBB\xBFtitle: x").ok(), Some("title: x"));
    }

    /// A text past [`PARSE_APART`] has its start lines found on another thread: the items are
    /// where they are in the file, as for a small one, and its errors are the same.
    #[test]
    fn a_big_briefing_has_its_items_where_the_file_has_them() {
        let mut text = String::from(
            "title: big\ndate: 2026-01-01\nsources:\n  - id: agency\n    name: Agency\nclaims:\n",
        );
        let mut n = 0;
        while text.len() < PARSE_APART + 4096 {
            text.push_str(&format!(
                "  - id: c{n}\n    source: agency\n    text: |\n      Claim {n}, said at length.\n      - not an entry\n"
            ));
            n += 1;
        }
        text.push_str("responses: []\ncontext: []\n");
        let loaded = match load_str(&text) {
            Ok(l) => l,
            Err(e) => panic!("{:?}", e.iter().find(|d| d.is_error())),
        };
        assert_eq!(loaded.briefing.claims.len(), n);
        for (i, claim) in loaded.briefing.claims.iter().enumerate().step_by(997) {
            let line = text
                .lines()
                .position(|l| l == format!("  - id: c{i}"))
                .map(|l| l as u32 + 1);
            assert_eq!(Some(claim.pos), line.map(|l| Pos::new(l, 3)), "claim {i}");
        }
        // An error in a big text: reported where it is, the same as in a small one.
        let broken = text.replacen("  - id: c5\n", "  - id: c5\n   bad: [\n", 1);
        let small = "title: x\ndate: 2026-01-01\nclaims:\n  - id: c5\n   bad: [\n";
        let line = |t: &str| {
            load_str(t)
                .err()
                .and_then(|e| e.first().map(|d| d.pos.line))
        };
        let at = broken
            .lines()
            .position(|l| l == "   bad: [")
            .map(|l| l as u32 + 1);
        assert!(line(&broken).is_some() && line(small).is_some());
        assert!(
            line(&broken) >= at.map(|l| l - 1),
            "{:?} {at:?}",
            line(&broken)
        );
    }

    /// The looks before the parse, run beside each other in a big text, refuse what they refuse
    /// in a small one, with the same words and place, and in the same order: a character the
    /// parser would only count first, then nesting, then an alias bomb.
    #[test]
    fn a_big_text_is_refused_as_a_small_one_is() {
        let head = "title: big\ndate: 2026-01-01\nclaims:\n";
        let mut filler = String::new();
        let mut n = 0;
        while filler.len() < PARSE_APART + 4096 {
            filler.push_str(&format!(
                "  - id: c{n}\n    text: Claim {n}, said at length.\n"
            ));
            n += 1;
        }
        let control = "  - id: odd\n    text: a \u{7} bell\n";
        let deep = format!("  - id: deep\n    text: {}\n", "[".repeat(100));
        let bomb = format!(
            "  - id: bomb\n    text: &s {}\n    tags: [{}]\n",
            "x".repeat(4096),
            vec!["*s"; 20_000].join(", ")
        );
        let first = |t: &str| match load_str(t) {
            Ok(_) => panic!("loaded"),
            Err(d) => d.into_iter().next().map(|d| (d.pos.line, d.message)),
        };
        for (bad, word) in [
            (vec![control], "control character U+0007"),
            (vec![deep.as_str()], "nesting deeper"),
            (vec![bomb.as_str()], "alias bomb"),
            (vec![deep.as_str(), control], "control character U+0007"),
            (vec![bomb.as_str(), deep.as_str()], "nesting deeper"),
        ] {
            let small = format!("{head}{}", bad.concat());
            let big = format!("{head}{filler}{}", bad.concat());
            assert!(big.len() >= PARSE_APART);
            let (small_line, small_message) = first(&small).unwrap_or_default();
            let (big_line, big_message) = first(&big).unwrap_or_default();
            assert!(small_message.contains(word), "{word}: {small_message}");
            assert!(big_message.contains(word), "{word}: {big_message}");
            assert_eq!(big_line - small_line, n as u32 * 2, "{word}");
        }
    }
}
