//! `brief export`: a briefing as JSON or as a Markdown document.
//!
//! JSON carries every field of the format under its format name (absent optional fields are
//! omitted, lists are always present, dates are `YYYY-MM-DD`), the resolved `contradictions`
//! (`left`, `right`, `kind`, and `stance` / `note` when there are), and the author's own entries
//! under `declared`. Strings keep their exact content; characters a terminal could act on that
//! JSON allows raw (DEL, C1 controls, bidi and zero-width marks) are written as `\uXXXX`, so the
//! output is safe to show and still decodes to the same text.
//!
//! Markdown is for reading: `#` title, `##` sections, items as lists with their metadata,
//! contradictions as a table, then (under `### Figures`) the figures each pair's texts give in
//! conflict and in agreement. JSON leaves those out: they are derived from the text, not data. Every string is sanitised and escaped, so a briefing cannot inject
//! markup, HTML or control bytes into the document.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::Limits;

use serde::Serialize;

use crate::briefing::compare::{compare_items, WordWeights};
use crate::briefing::describe;
use crate::briefing::model::{Briefing, Item, ItemRef, Section};
use crate::briefing::relations::{PairKind, Relations};
use crate::cmd::print::load_each;

pub use crate::cli::Format;

/// Exports every briefing `paths` names to `out`; diagnostics of files that fail to load go to
/// stderr and the others are still exported. Returns whether any file failed.
pub fn export_paths(
    paths: &[PathBuf],
    format: Format,
    limits: Limits,
    out: &mut impl Write,
) -> io::Result<bool> {
    let stderr = io::stderr();
    let err_colour = super::use_colour(stderr.is_terminal());
    export_paths_to(paths, format, limits, out, &mut stderr.lock(), err_colour)
}

/// [`export_paths`] with the diagnostics stream given, for tests.
pub fn export_paths_to(
    paths: &[PathBuf],
    format: Format,
    limits: Limits,
    out: &mut impl Write,
    err: &mut impl Write,
    err_colour: bool,
) -> io::Result<bool> {
    let mut out = io::BufWriter::new(out);
    let failed = match format {
        Format::Json => {
            // One file named on its own gives an object; anything that can name several (more
            // than one path, a folder) gives an array, even when only one file loaded. The
            // array is written as each briefing loads, as serde_json would print it whole: a
            // folder of 100,000 briefings is never held at once (it took 1.76 GB).
            let single = matches!(paths, [p] if !p.is_dir());
            let mut written = 0usize;
            let failed = load_each(paths, limits, err, err_colour, |doc| {
                let text = pretty(&view(&doc.briefing, &doc.relations))?;
                if single {
                    if written == 0 {
                        out.write_all(text.as_bytes())?;
                        writeln!(out)?;
                    }
                } else {
                    out.write_all(if written == 0 { b"[\n" } else { b",\n" })?;
                    for (i, line) in text.split('\n').enumerate() {
                        if i > 0 {
                            out.write_all(b"\n")?;
                        }
                        out.write_all(b"  ")?;
                        out.write_all(line.as_bytes())?;
                    }
                }
                written += 1;
                Ok(())
            })?;
            if !single {
                out.write_all(if written == 0 { b"[]\n" } else { b"\n]\n" })?;
            }
            failed
        }
        Format::Markdown => {
            let mut first = true;
            load_each(paths, limits, err, err_colour, |doc| {
                if !first {
                    out.write_all(b"\n---\n\n")?;
                }
                first = false;
                out.write_all(markdown(&doc.briefing, &doc.relations).as_bytes())
            })?
        }
    };
    out.flush()?;
    Ok(failed)
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct JsonBriefing<'a> {
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    tags: &'a [String],
    sources: Vec<JsonSource<'a>>,
    claims: Vec<JsonItem<'a>>,
    responses: Vec<JsonItem<'a>>,
    context: Vec<JsonItem<'a>>,
    contradictions: Vec<JsonPair<'a>>,
    declared: Vec<JsonDeclared<'a>>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reliability: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interest: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// Responses only (always there on a response).
    #[serde(skip_serializing_if = "Option::is_none")]
    responds_to: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credibility: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anonymous: Option<bool>,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    left: &'a str,
    right: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonDeclared<'a> {
    between: [&'a str; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn view<'a>(b: &'a Briefing, rel: &'a Relations) -> JsonBriefing<'a> {
    let item = |i: &'a Item| JsonItem {
        id: &i.id,
        text: &i.text,
        source: i.source.as_deref(),
        attribution: i.attribution.as_deref(),
        date: i.date.map(|d| d.to_string()),
        status: i.status.map(|s| s.word()),
        responds_to: (i.section == Section::Responses).then_some(i.responds_to.as_slice()),
        stance: i.stance.map(|s| s.word()),
        credibility: i.credibility,
        quote: i.quote.as_deref(),
        url: i.url.as_deref(),
        via: (!i.via.is_empty()).then_some(i.via.as_slice()),
        anonymous: i.anonymous,
    };
    let id_of = |r: ItemRef| b.item(r).map_or("", |i| i.id.as_str());
    JsonBriefing {
        title: &b.title,
        date: b.date.to_string(),
        summary: b.summary.as_deref(),
        tags: &b.tags,
        sources: b
            .sources
            .iter()
            .map(|s| JsonSource {
                id: &s.id,
                name: &s.name,
                kind: s.kind.map(|k| k.word()),
                url: s.url.as_deref(),
                reliability: s.reliability.map(|r| r.word()),
                interest: s.interest.map(|i| i.word()),
            })
            .collect(),
        claims: b.claims.iter().map(item).collect(),
        responses: b.responses.iter().map(item).collect(),
        context: b.context.iter().map(item).collect(),
        contradictions: rel
            .pairs
            .iter()
            .map(|p| JsonPair {
                left: id_of(p.left),
                right: id_of(p.right),
                kind: p.kind.word(),
                stance: p.stance.map(|s| s.word()),
                note: p.note.as_deref(),
            })
            .collect(),
        declared: b
            .contradictions
            .iter()
            .map(|d| JsonDeclared {
                between: [&d.between[0], &d.between[1]],
                note: d.note.as_deref(),
            })
            .collect(),
    }
}

/// One briefing as the JSON value `export` writes (before escaping).
pub(crate) fn json_value(b: &Briefing, rel: &Relations) -> io::Result<serde_json::Value> {
    serde_json::to_value(view(b, rel)).map_err(io::Error::other)
}

/// [`markdown`], for `export --notes`.
pub(crate) fn markdown_of(b: &Briefing, rel: &Relations) -> String {
    markdown(b, rel)
}

/// One briefing as pretty-printed JSON (no trailing newline).
pub fn to_json(b: &Briefing) -> io::Result<String> {
    let rel = Relations::derive(b);
    pretty(&view(b, &rel))
}

pub(crate) fn pretty(value: &impl Serialize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    Ok(escape_invisible(&text).into_owned())
}

/// Rewrites the characters [`crate::text::sanitize`] would replace (and serde_json leaves raw)
/// as `\uXXXX` escapes. They can only occur inside strings, where the escape means the same.
fn escape_invisible(json: &str) -> Cow<'_, str> {
    if matches!(crate::text::sanitize(json), Cow::Borrowed(_)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut buf = [0u8; 4];
    for c in json.chars() {
        let unsafe_char = !c.is_ascii_graphic()
            && c != ' '
            && c != '\n'
            && matches!(
                crate::text::sanitize(c.encode_utf8(&mut buf)),
                Cow::Owned(_)
            );
        if unsafe_char {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// One briefing as a Markdown document, ending with a newline.
pub fn to_markdown(b: &Briefing) -> String {
    markdown(b, &Relations::derive(b))
}

/// [`to_markdown`] with the relations already derived.
fn markdown(b: &Briefing, rel: &Relations) -> String {
    let mut md = String::new();
    let id_of = |r: ItemRef| b.item(r).map_or("?", |i| i.id.as_str());
    let _ = writeln!(md, "# {}\n", inline(&b.title));
    let _ = writeln!(md, "- **Date:** {}", b.date);
    if !b.tags.is_empty() {
        let tags: Vec<String> = b.tags.iter().map(|t| inline(t)).collect();
        let _ = writeln!(md, "- **Tags:** {}", tags.join(", "));
    }
    md.push('\n');
    if let Some(summary) = &b.summary {
        let _ = writeln!(md, "{}\n", block(summary, ""));
    }

    for section in Section::ALL {
        let items = b.section(section);
        let _ = writeln!(md, "## {}\n", section.title());
        if items.is_empty() {
            md.push_str("_None._\n\n");
            continue;
        }
        for (index, item) in items.iter().enumerate() {
            let at = ItemRef::new(section, index);
            let _ = writeln!(md, "- `{}`: {}", item.id, block(&item.text, "  "));
            let mut meta: Vec<(&str, String)> = Vec::new();
            if let Some(name) = b.source_name(item) {
                meta.push(("Source", inline(name)));
            }
            if let Some(a) = &item.attribution {
                meta.push(("Attribution", inline(a)));
            }
            if let Some(d) = item.date {
                meta.push(("Date", d.to_string()));
            }
            if let Some(s) = item.status {
                meta.push(("Status", s.word().to_string()));
            }
            if let Some(s) = item.stance {
                meta.push(("Stance", s.word().to_string()));
            }
            if section == Section::Responses {
                let ids: Vec<String> = rel.answered(index).map(|r| code(id_of(r))).collect();
                meta.push(("Responds to", ids.join(", ")));
            }
            if section == Section::Claims {
                let ids: Vec<String> = rel
                    .answers(index)
                    .map(|r| match b.item(r).and_then(|i| i.stance) {
                        Some(s) => format!("{} ({})", code(id_of(r)), s.word()),
                        None => code(id_of(r)),
                    })
                    .collect();
                if !ids.is_empty() {
                    meta.push(("Answered by", ids.join(", ")));
                }
            }
            if let Some(c) = item.credibility {
                meta.push(("Credibility", describe::credibility(c)));
            }
            if let Some(q) = &item.quote {
                meta.push(("Quote", format!("“{}”", inline(q))));
            }
            if let Some(u) = &item.url {
                meta.push(("URL", inline(u)));
            }
            let others: Vec<String> = rel
                .pairs_of(at)
                .iter()
                .filter_map(|&i| rel.pairs.get(i as usize))
                .filter_map(|p| p.other(at))
                .map(|r| code(id_of(r)))
                .collect();
            if !others.is_empty() {
                meta.push(("Contradicts", others.join(", ")));
            }
            for (label, value) in meta {
                let _ = writeln!(md, "  - **{label}:** {value}");
            }
        }
        md.push('\n');
    }

    md.push_str("## Contradictions\n\n");
    if rel.pairs.is_empty() {
        md.push_str("_None._\n\n");
    } else {
        md.push_str("| Left | Right | Note |\n|---|---|---|\n");
        for p in &rel.pairs {
            let kind = match (p.kind, p.stance) {
                (PairKind::Implied, Some(s)) => format!("implied: {}", s.word()),
                (k, _) => k.word().to_string(),
            };
            let note = p.note.as_deref().map_or_else(|| "—".to_string(), cell);
            let _ = writeln!(
                md,
                "| {} | {} ({kind}) | {note} |",
                code(id_of(p.left)),
                code(id_of(p.right)),
            );
        }
        md.push('\n');
        figures(&mut md, b, rel);
    }

    if !b.sources.is_empty() {
        md.push_str("## Sources\n\n");
        for s in &b.sources {
            let _ = write!(md, "- `{}`: {}", s.id, inline(&s.name));
            let mut meta = Vec::new();
            if let Some(k) = s.kind {
                meta.push(k.word().to_string());
            }
            if let Some(r) = s.reliability {
                meta.push(describe::reliability(r));
            }
            if let Some(i) = s.interest {
                meta.push(describe::interest(i).to_string());
            }
            if !meta.is_empty() {
                let _ = write!(md, " ({})", meta.join("; "));
            }
            if let Some(u) = &s.url {
                let _ = write!(md, ", {}", inline(u));
            }
            md.push('\n');
        }
        md.push('\n');
    }
    // One trailing newline, however the last section ended.
    let trimmed = md.trim_end_matches('\n').len();
    md.truncate(trimmed);
    md.push('\n');
    md
}

/// Under the table, the figures of each pair in words, for the pairs with something to say:
/// a sub-list per pair, as the items give their metadata.
fn figures(md: &mut String, b: &Briefing, rel: &Relations) {
    let id_of = |r: ItemRef| b.item(r).map_or("?", |i| i.id.as_str());
    let mut any = false;
    for p in &rel.pairs {
        let c = compare_items(b, p.left, p.right, &WordWeights::default());
        let conflicts: Vec<String> = c.conflicts.iter().map(|c| inline(&c.line())).collect();
        let agreements: Vec<String> = c.agreements().iter().map(|v| inline(v)).collect();
        if conflicts.is_empty() && agreements.is_empty() {
            continue;
        }
        if !any {
            md.push_str("### Figures\n\n");
            any = true;
        }
        let _ = writeln!(md, "- {} ↔ {}", code(id_of(p.left)), code(id_of(p.right)));
        if !conflicts.is_empty() {
            let _ = writeln!(md, "  - **In conflict:** {}", conflicts.join("; "));
        }
        if !agreements.is_empty() {
            let _ = writeln!(md, "  - **In agreement:** {}", agreements.join(", "));
        }
    }
    if any {
        md.push('\n');
    }
}

/// An id as a code span. Ids are letters, marks, digits, `-`, `_` and the joiners once loaded,
/// so nothing in them needs escaping; anything else is dropped rather than trusted.
fn code(id: &str) -> String {
    let clean: String = id
        .chars()
        .filter(|c| crate::briefing::validate::is_valid_id(c.encode_utf8(&mut [0; 4])))
        .collect();
    format!("`{clean}`")
}

/// One line of text, sanitised, with every character Markdown (or HTML inside it) could read as
/// markup backslash-escaped. Line breaks become spaces.
fn inline(s: &str) -> String {
    let clean = crate::text::sanitize(s);
    let joined = clean
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    escape(joined.trim())
}

/// Multi-line text: paragraphs (blank-line separated) are kept apart, lines inside one joined by
/// hard breaks, each continuation line indented by `indent`.
fn block(s: &str, indent: &str) -> String {
    let clean = crate::text::sanitize(s);
    let mut out = String::new();
    let mut pending_blank = false;
    let mut first = true;
    for line in clean.trim_matches('\n').split('\n') {
        let line = line.trim();
        if line.is_empty() {
            pending_blank = true;
            continue;
        }
        if !first {
            if pending_blank {
                out.push('\n');
                out.push_str(indent.trim_end());
                out.push('\n');
            } else {
                // A trailing backslash is CommonMark's hard line break.
                out.push_str("\\\n");
            }
            out.push_str(indent);
        }
        pending_blank = false;
        first = false;
        out.push_str(&escape(line));
    }
    out
}

/// A table cell: one line, `|` escaped like everything else.
fn cell(s: &str) -> String {
    inline(s)
}

/// Backslash-escapes ASCII punctuation that Markdown or inline HTML gives meaning to, and the
/// characters that would start a block (list, heading, quote, rule) at the start of a line.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) || (i == 0 && matches!(c, '#' | '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. text" or "1) text" at the start of a line would begin an ordered list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_html() {
        assert_eq!(
            escape("<b>x</b> *y* [a](b) `c` | d"),
            r"\<b\>x\</b\> \*y\* \[a\](b) \`c\` \| d"
        );
        assert_eq!(escape("- item"), r"\- item");
        assert_eq!(escape("# h"), r"\# h");
        assert_eq!(escape("1. one"), r"1\. one");
        assert_eq!(escape("12.5% rise"), r"12\.5% rise");
        assert_eq!(escape("a 12.5% rise"), "a 12.5% rise");
    }

    #[test]
    fn inline_text_is_sanitised_and_on_one_line() {
        assert_eq!(inline("a\u{1b}[31mb\nc"), r"a␛\[31mb c");
    }

    #[test]
    fn block_keeps_paragraphs_and_line_breaks() {
        assert_eq!(
            block("one\ntwo\n\nthree\n", "  "),
            "one\\\n  two\n\n  three"
        );
    }

    #[test]
    fn invisible_characters_are_escaped_in_json() {
        let s = serde_json::to_string(&"a\u{9b}b\u{202e}c\u{7f}é\u{1b}").unwrap_or_default();
        let e = escape_invisible(&s);
        assert_eq!(e, r#""a\u009bb\u202ec\u007fé\u001b""#);
        let back: String = serde_json::from_str(&e).unwrap_or_default();
        assert_eq!(back, "a\u{9b}b\u{202e}c\u{7f}é\u{1b}");
    }
}
