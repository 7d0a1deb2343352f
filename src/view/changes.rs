//! The changes view in kinds of text: one entry per change since the briefing was last read,
//! each a heading line (`✚ new claim c9`, `Δ changed claim c1`, `✖ removed context x3`) and its
//! fields under it, texts as a word diff with `[-deleted-]` and `{+inserted+}` words (readable
//! without colour), the rest `old → new`.

use super::line::{Kind, Line, Span};
use super::Ctx;
use crate::briefing::diff::{FieldChange, Kind as Change, Mark, Op};
use crate::briefing::ItemRef;
use crate::text::{sanitize_line, truncate, width};

/// One entry of the view.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The item in the file now (None: removed, or not an item).
    pub item: Option<ItemRef>,
    pub lines: Vec<Line>,
}

fn heading(sign: &str, what: String, text: &str) -> Line {
    let text = truncate(&sanitize_line(text), 72).into_owned();
    Line::new(vec![
        Span::new(format!("{sign} "), Kind::Change),
        Span::new(what, Kind::Heading),
        Span::new(format!("  {text}"), Kind::Dim),
    ])
}

fn field_line(f: &FieldChange) -> Line {
    let mut spans = vec![Span::plain("    ")];
    match &f.words {
        Some(words) => {
            spans.push(Span::new(format!("{}: ", f.field), Kind::Label));
            for p in &crate::briefing::diff::condense(words, 40) {
                let text = sanitize_line(&p.text).into_owned();
                spans.push(match p.op {
                    Op::Equal => Span::plain(text),
                    Op::Delete => Span::new(
                        format!("[-{text}-]"),
                        Kind::Stance(crate::briefing::Stance::Denies),
                    ),
                    Op::Insert => Span::new(
                        format!("{{+{text}+}}"),
                        Kind::Stance(crate::briefing::Stance::Confirms),
                    ),
                });
            }
        }
        None => {
            spans.push(Span::new(format!("{}: ", f.field), Kind::Label));
            spans.push(Span::plain(
                sanitize_line(f.old.as_deref().unwrap_or("(none)")).into_owned(),
            ));
            spans.push(Span::new(" → ", Kind::Change));
            spans.push(Span::plain(
                sanitize_line(f.new.as_deref().unwrap_or("(none)")).into_owned(),
            ));
        }
    }
    Line::new(spans)
}

/// Every change still to read: new and changed items in reading order, removed items, then
/// the sources, contradictions and title block.
pub fn entries(ctx: &Ctx) -> Vec<Entry> {
    let Some(r) = ctx.reading else {
        return Vec::new();
    };
    let b = ctx.briefing();
    let mut out = Vec::new();
    for (at, item) in b.items() {
        let Some(mark) = r.mark(&item.id) else {
            continue;
        };
        let what = format!("{} {}", at.section.singular(), sanitize_line(&item.id));
        let mut lines = Vec::new();
        match mark {
            Mark::New => lines.push(heading("✚", format!("new {what}"), &item.text)),
            Mark::Changed(hows) => {
                lines.push(heading("Δ", format!("changed {what}"), &item.text));
                let fields = r
                    .diff
                    .items
                    .iter()
                    .find(|c| c.id == item.id && c.kind == Change::Changed)
                    .map(|c| c.fields.as_slice())
                    .unwrap_or_default();
                lines.extend(fields.iter().map(field_line));
                for how in hows
                    .iter()
                    .filter(|h| h.starts_with("new response") || h.starts_with("response"))
                {
                    lines.push(Line::new(vec![
                        Span::plain("    "),
                        Span::new(sanitize_line(how).into_owned(), Kind::Meta),
                    ]));
                }
            }
        }
        out.push(Entry {
            item: Some(at),
            lines,
        });
    }
    for c in r.removed() {
        out.push(Entry {
            item: None,
            lines: vec![heading(
                "✖",
                format!("removed {} {}", c.section, sanitize_line(&c.id)),
                &c.text,
            )],
        });
    }
    for s in &r.diff.sources {
        let mut lines = vec![heading(
            sign(s.kind),
            format!("{} source {}", s.kind.word(), sanitize_line(&s.id)),
            &s.name,
        )];
        lines.extend(s.fields.iter().map(field_line));
        out.push(Entry { item: None, lines });
    }
    for p in &r.diff.contradictions {
        let [a, c] = &p.between;
        let mut lines = vec![heading(
            sign(p.kind),
            format!(
                "{} contradiction {} ⟷ {}",
                p.kind.word(),
                sanitize_line(a),
                sanitize_line(c)
            ),
            "",
        )];
        lines.extend(p.fields.iter().map(field_line));
        out.push(Entry { item: None, lines });
    }
    if !r.diff.header.is_empty() {
        let mut lines = vec![heading("Δ", "changed title block".into(), "")];
        lines.extend(r.diff.header.iter().map(field_line));
        out.push(Entry { item: None, lines });
    }
    out
}

fn sign(kind: Change) -> &'static str {
    match kind {
        Change::Added => "✚",
        Change::Removed => "✖",
        Change::Changed => "Δ",
    }
}

/// Rows a line takes wrapped at `w` cells.
pub fn rows(line: &Line, w: usize) -> usize {
    let lw: usize = line.spans.iter().map(|s| width(&s.text)).sum();
    lw.div_ceil(w.max(1)).max(1)
}

/// Rows an entry takes, with the blank line after it.
fn entry_height(e: &Entry, w: usize) -> usize {
    e.lines.iter().map(|l| rows(l, w)).sum::<usize>() + 1
}

/// The first row of entry `i` and the row after it, at `w` cells.
pub fn entry_rows(entries: &[Entry], i: usize, w: usize) -> (usize, usize) {
    let start: usize = entries.iter().take(i).map(|e| entry_height(e, w)).sum();
    let h = entries.get(i).map_or(1, |e| entry_height(e, w));
    (start, start + h)
}

/// Every line of the view, the selected entry's marked in the gutter.
pub fn lines(entries: &[Entry], cursor: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        for (j, l) in e.lines.iter().enumerate() {
            let marker = if i == cursor && j == 0 {
                Span::new("▌ ", Kind::Marker)
            } else {
                Span::plain("  ")
            };
            let mut spans = vec![marker];
            spans.extend(l.spans.iter().cloned());
            out.push(Line::new(spans));
        }
        out.push(Line::new(Vec::new()));
    }
    out
}
