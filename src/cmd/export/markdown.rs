//! `export --format markdown`: a document for reading. `#` title, `##` sections, items as lists
//! with their metadata, contradictions as a table, then (under `### Figures`) the figures each
//! pair's texts give in conflict and in agreement. Every string is sanitised and escaped, so a
//! briefing cannot inject markup, HTML or control bytes into the document. `--front-matter`
//! starts it with YAML front matter (title, date, tags, description) for static sites and
//! Obsidian, serialised by serde_yaml from sanitised strings.

use std::fmt::Write as _;
use std::io;

use serde::Serialize;

use crate::briefing::compare::{compare_items, WordWeights};
use crate::briefing::describe;
use crate::briefing::model::{Briefing, ItemRef, Section};
use crate::briefing::relations::{PairKind, Relations};

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: Cow<'a, str>,
    date: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Cow<'a, str>>,
}

use std::borrow::Cow;

/// YAML front matter for one briefing: `---`, title, date, tags, description (the summary),
/// `---`, then a blank line. Strings are sanitised (one line each, but the description keeps
/// its line breaks) and serde_yaml quotes whatever YAML would read otherwise.
pub fn front_matter(b: &Briefing) -> io::Result<String> {
    let fm = FrontMatter {
        title: crate::text::sanitize_line(&b.title),
        date: b.date.to_string(),
        tags: b
            .tags
            .iter()
            .map(|t| crate::text::sanitize_line(t))
            .collect(),
        description: b
            .summary
            .as_deref()
            .map(|s| crate::text::sanitize(s.trim())),
    };
    let yaml = serde_yaml::to_string(&fm).map_err(io::Error::other)?;
    Ok(format!("---\n{yaml}---\n\n"))
}

/// One briefing as a Markdown document, ending with a newline.
pub fn to_markdown(b: &Briefing) -> String {
    markdown(b, &Relations::derive(b))
}

/// [`to_markdown`] with the relations already derived.
pub(crate) fn markdown(b: &Briefing, rel: &Relations) -> String {
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
}
