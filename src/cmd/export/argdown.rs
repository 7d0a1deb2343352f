//! `export --format argdown`: the briefing as an Argdown argument map (<https://argdown.org>).
//!
//! Every item is a statement, `[id]: text #section #status-or-stance {metadata}`, under a
//! heading for its section. Relations are written under the statement they bear on, as Argdown
//! reads an indented relation (the statement below acts on the one above):
//!
//! - `>< [r]`: response `r` denies the claim (a contradiction, Argdown's strict contradictory);
//! - `- [r]`: `r` disputes the claim, or the author declared the two in conflict (`contrary`);
//! - `+ [r]`: `r` confirms the claim;
//! - clarifications and refusals to comment are comments (`// r clarifies`), not relations.
//!
//! A declared pair that repeats an implied one is that one relation. Notes are `//` comments
//! under the relation they explain. Texts are one line each, sanitised, with every character
//! Argdown gives a meaning to backslash-escaped; metadata values are JSON strings (YAML reads
//! them) with braces escaped, so no text can end a statement, open a tag or a data block.

use std::fmt::Write as _;

use crate::briefing::model::{Briefing, Item, ItemRef, Section, Stance};
use crate::briefing::relations::{PairKind, Relations};

/// The characters escaped in Argdown text: brackets (statement and argument references), tags,
/// data, emphasis, comments, mentions, and the escape itself. Text never starts a line (it
/// follows `[id]: `), so the relation and heading marks need no escape.
const SPECIAL: &[char] = &[
    '\\', '[', ']', '<', '>', '#', '{', '}', '*', '_', '/', '@', '`',
];

/// One line of text for Argdown: sanitised, line breaks and runs of spaces as one space, the
/// characters it gives a meaning to backslash-escaped.
pub fn text(s: &str) -> String {
    let clean = crate::text::sanitize(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, word) in clean.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            if SPECIAL.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A comment's text: one line, sanitised (a line comment ends only at the line's end).
fn comment(s: &str) -> String {
    crate::text::sanitize(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A metadata value: a JSON string, which YAML (Argdown's data syntax) reads the same, with the
/// braces and brackets escaped so no value can close the data block.
fn value(s: &str) -> String {
    let json = serde_json::to_string(&comment(s)).unwrap_or_else(|_| "\"\"".into());
    json.replace('{', "\\u007b")
        .replace('}', "\\u007d")
        .replace('[', "\\u005b")
        .replace(']', "\\u005d")
        .replace('/', "\\/")
}

fn statement(md: &mut String, b: &Briefing, item: &Item) {
    let mut tags = vec![item.section.singular()];
    if let Some(s) = item.status {
        tags.push(s.word());
    }
    if let Some(s) = item.stance {
        tags.push(s.word());
    }
    let mut data: Vec<(&str, String)> = Vec::new();
    if let Some(h) = &item.headline {
        data.push(("headline", value(h)));
    }
    if let Some(name) = b.source_name(item) {
        data.push(("source", value(name)));
    }
    if let Some(a) = &item.attribution {
        data.push(("attribution", value(a)));
    }
    if let Some(d) = item.date {
        data.push(("date", format!("\"{d}\"")));
    }
    if let Some(c) = item.credibility {
        data.push(("credibility", c.to_string()));
    }
    if let Some(q) = &item.quote {
        data.push(("quote", value(q)));
    }
    if let Some(u) = &item.url {
        data.push(("url", value(u)));
    }
    let _ = write!(md, "[{}]: {}", id(&item.id), text(&item.text));
    for t in tags {
        let _ = write!(md, " #{t}");
    }
    if !data.is_empty() {
        let fields: Vec<String> = data.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let _ = write!(md, " {{{}}}", fields.join(", "));
    }
    md.push('\n');
}

/// An id as a statement title. Ids are letters, marks, digits, `-`, `_` and the joiners once
/// loaded; anything else is dropped rather than trusted.
fn id(s: &str) -> String {
    s.chars()
        .filter(|c| crate::briefing::validate::is_valid_id(c.encode_utf8(&mut [0; 4])))
        .collect()
}

/// One briefing as an Argdown document, ending with a newline.
pub fn argdown(b: &Briefing, rel: &Relations) -> String {
    let mut md = String::new();
    let id_of = |r: ItemRef| b.item(r).map_or(String::new(), |i| id(&i.id));
    // The pairs an item is in, from the relations' index (a scan of every pair per item took
    // 4.1 s for 60,000 items).
    let pairs = |at: ItemRef| {
        rel.pairs_of(at)
            .iter()
            .filter_map(|&i| rel.pairs.get(i as usize))
    };
    let _ = writeln!(md, "# {}\n", text(&b.title));
    let _ = writeln!(
        md,
        "// {} · {}",
        b.date,
        comment(b.summary.as_deref().unwrap_or("")).trim()
    );
    for section in Section::ALL {
        let items = b.section(section);
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(md, "\n## {}\n", section.title());
        for (index, item) in items.iter().enumerate() {
            let at = ItemRef::new(section, index);
            // A blank line ends the relations of the statement before.
            if index > 0 {
                md.push('\n');
            }
            statement(&mut md, b, item);
            // Relations from responses, in response order.
            if section == Section::Claims {
                for r in rel.answers(index) {
                    let Some(stance) = b.item(r).and_then(|i| i.stance) else {
                        continue;
                    };
                    match stance {
                        Stance::Denies => {
                            let _ = writeln!(md, "  >< [{}]", id_of(r));
                        }
                        Stance::Disputes => {
                            let _ = writeln!(md, "  - [{}]", id_of(r));
                        }
                        Stance::Confirms => {
                            let _ = writeln!(md, "  + [{}]", id_of(r));
                        }
                        Stance::Clarifies | Stance::Declines => {
                            let _ = writeln!(md, "  // [{}] {}", id_of(r), stance.word());
                        }
                    }
                    // The note of the implied pair, if the author added one.
                    let note = pairs(at)
                        .find(|p| p.kind == PairKind::Implied && p.left == at && p.right == r)
                        .and_then(|p| p.note.as_deref());
                    if let Some(n) = note {
                        let _ = writeln!(md, "  // {}", comment(n));
                    }
                }
            }
            // Declared pairs, under their left item.
            for p in pairs(at).filter(|p| p.kind == PairKind::Declared && p.left == at) {
                let _ = writeln!(md, "  - [{}]", id_of(p.right));
                if let Some(n) = &p.note {
                    let _ = writeln!(md, "  // {}", comment(n));
                }
            }
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_what_argdown_reads() {
        assert_eq!(
            text("a [b] <c> #d {e}\n  f // g"),
            r"a \[b\] \<c\> \#d \{e\} f \/\/ g"
        );
        assert_eq!(text("x\u{1b}[2Jy"), r"x␛\[2Jy");
    }

    #[test]
    fn values_are_json_strings_with_no_braces() {
        assert_eq!(value("a \"b\" {c}"), r#""a \"b\" \u007bc\u007d""#);
    }
}
