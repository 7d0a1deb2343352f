//! Bytes to a [`Briefing`]: the only module that names the YAML parser.
//!
//! The steps: refuse what cannot be a briefing before parsing it (empty, too big, not UTF-8, nested
//! deeper than any briefing is), parse into the raw shape, map positions, validate, then build
//! the model. Any failure comes back as diagnostics with positions, never as a panic.

use std::path::Path;

use super::diagnostic::Diagnostic;
use super::model::{
    Briefing, Date, Declared, Interest, Item, Pos, Reliability, Section, Source, SourceKind,
    Stance, Status,
};
use super::raw::RawBriefing;
use super::srcmap::SourceMap;
use super::validate::validate;

/// Default largest file accepted, in bytes (`--max-size` changes it).
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// Deeper nesting than this is refused before parsing: a briefing is at most four levels deep,
/// and the parser's time grows faster than linearly with depth.
pub const MAX_DEPTH: usize = 64;

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
    if let Some(d) = check_depth(text) {
        return Err(vec![d]);
    }
    let raw = parse(text).map_err(|d| vec![d])?;
    let map = SourceMap::build(text);
    let diagnostics = validate(&raw, &map);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Loaded {
        briefing: build(raw, &map),
        warnings: diagnostics,
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

/// Reads a file, refusing folders, unreadable files and files over `max_size` with a diagnostic.
pub fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, Diagnostic> {
    let fail = |msg: String| Diagnostic::error(Pos::default(), msg);
    let meta = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read the file: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(fail("is a folder, not a briefing file".into()));
    }
    if meta.len() > max_size {
        return Err(fail(format!(
            "the file is {} bytes, over the {}-byte limit (use --max-size to raise it)",
            meta.len(),
            max_size
        )));
    }
    use std::io::Read;
    let file = std::fs::File::open(path)
        .map_err(|e| fail(format!("cannot read the file: {}", io_reason(&e))))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against files that grow (or are devices) after the size check.
    file.take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read the file: {}", io_reason(&e))))?;
    if bytes.len() as u64 > max_size {
        return Err(fail(format!(
            "the file is over the {max_size}-byte limit (use --max-size to raise it)"
        )));
    }
    Ok(bytes)
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

fn parse(text: &str) -> Result<RawBriefing, Diagnostic> {
    serde_yaml::from_str::<RawBriefing>(text).map_err(|e| {
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
    })
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
    m
}

/// Refuses nesting deeper than [`MAX_DEPTH`] in one linear pass, before the parser sees it.
/// Counts flow brackets outside quotes and comments, and block sequences opened on one line
/// (`- - - x`); indentation-only nesting costs the file quadratic size, so the size limit bounds it.
fn check_depth(text: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut line = 1u32;
    let mut line_start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut at_line_start = true;
    let mut dashes = 0usize;
    let too_deep = |line: u32, start: usize, i: usize| {
        let col = text
            .get(start..i)
            .map_or(1, |s| s.chars().count() as u32 + 1);
        Diagnostic::error(
            Pos::new(line, col),
            format!("nesting deeper than {MAX_DEPTH} levels; a briefing never needs that"),
        )
    };
    while let Some(&b) = bytes.get(i) {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
            at_line_start = true;
            dashes = 0;
            // Plain multi-line quoted scalars keep their quote state across lines.
            i += 1;
            continue;
        }
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => {
                // '' inside a single-quoted scalar is an escaped quote.
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => match b {
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(too_deep(line, line_start, i));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'"' | b'\'' if depth > 0 || at_line_start || preceded_by_space(bytes, i) => {
                    quote = Some(b)
                }
                b'#' if preceded_by_space(bytes, i) || i == line_start => {
                    // A comment runs to the end of the line.
                    while bytes.get(i + 1).is_some_and(|&c| c != b'\n') {
                        i += 1;
                    }
                }
                b'-' if at_line_start && bytes.get(i + 1).is_some_and(|&c| c == b' ') => {
                    dashes += 1;
                    if dashes > MAX_DEPTH {
                        return Some(too_deep(line, line_start, i));
                    }
                    i += 1;
                }
                b' ' => {}
                _ => at_line_start = false,
            },
        }
        i += 1;
    }
    None
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
            date: c.date.as_deref().and_then(Date::parse),
            status: c.status.as_deref().and_then(Status::parse),
            credibility: c.credibility,
            quote: c.quote,
            url: c.url,
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
    Briefing::new(
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
}

/// Parses without validating or building: the baseline the benchmarks compare loading against.
pub fn parse_only(text: &str) -> Result<RawBriefing, Diagnostic> {
    parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_flow_nesting_fast() {
        let text = format!("title: x\nk: {}", "[".repeat(100_000));
        let d = check_depth(&text);
        assert_eq!(d.map(|d| d.pos), Some(Pos::new(2, 68)));
    }

    #[test]
    fn refuses_deep_block_nesting() {
        let text = format!("{}x\n", "- ".repeat(200));
        assert!(check_depth(&text).is_some());
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let text = format!(
            "title: \"{}\"\nnote: '{}' # [[[\n",
            "[".repeat(500),
            "{".repeat(500)
        );
        assert!(check_depth(&text).is_none());
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
}
