//! The sources laid out: a table of every source with its kind, reliability, interest and how
//! many claims, responses and context items it gave; below, what the selected one said. Drawn
//! from the full document, so a hidden source is still listed (marked) and can be shown again.

use ratatui::layout::Rect;

use super::layout;
use super::line::{Kind, Line, Span};
use super::tables::{in_view, source_rows};
use crate::briefing::analysis::SourceSummary;
use crate::briefing::{describe, provenance};
use crate::briefing::{Briefing, Document, ItemRef};
use crate::text::{sanitize_line, truncate, width};

/// Fixed columns after the name: kind, reliability, interest, three counts.
const COLS: [(&str, usize); 6] = [
    ("Kind", 11),
    ("Rel", 4),
    ("Interest", 9),
    ("Claims", 7),
    ("Answers", 8),
    ("Context", 8),
];
/// Marks a hidden source in the table.
pub const HIDDEN: &str = "⊘";

fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w.saturating_sub(1));
    let fill = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(fill))
}

fn name_of(b: &Briefing, s: &SourceSummary) -> String {
    s.source.and_then(|i| b.sources.get(i)).map_or_else(
        || "(no source)".to_string(),
        |src| sanitize_line(&src.name).into_owned(),
    )
}

fn id_of(b: &Briefing, s: &SourceSummary) -> Option<String> {
    s.source
        .and_then(|i| b.sources.get(i))
        .map(|src| src.id.clone())
}

/// The title of the sources' box: how many there are, or, with `hiding` (the hidden source's
/// name and how many items that hides, in words), what is hidden.
pub fn title(b: &Briefing, hiding: Option<(&str, &str)>) -> String {
    match hiding {
        Some((name, items)) => format!(
            " Sources · hiding {} ({items}) · x on it shows them ",
            sanitize_line(name),
        ),
        None => format!(
            " Sources · {} · x hides the selected one everywhere ",
            b.sources.len()
        ),
    }
}

/// The lines inside the sources' box over `body` for the full document `full`, source `cursor`
/// selected, the rows from `scroll` shown and the source with id `hidden` marked: the table,
/// a rule, and the selected source's items as the height allows.
pub fn lines(
    full: &Document,
    cursor: usize,
    scroll: usize,
    hidden: Option<&str>,
    body: Rect,
) -> Vec<Line> {
    let b = &full.briefing;
    let summaries = &full.analysis().sources;
    let inner = layout::inner(body);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let fixed: usize = COLS.iter().map(|(_, cw)| cw).sum();
    let name_w = w.saturating_sub(2 + fixed).max(8);

    let mut lines: Vec<Line> = Vec::new();
    let mut head = vec![Span::new(
        format!("  {}", pad("Source", name_w)),
        Kind::Heading,
    )];
    for (label, cw) in COLS {
        head.push(Span::new(pad(label, cw), Kind::Heading));
    }
    lines.push(Line::new(head));
    if summaries.is_empty() {
        lines.push(Line::of(
            "  This briefing declares no sources, and no item names one.",
            Kind::Dim,
        ));
    }

    let rows = source_rows(summaries.len(), body);
    for (_, sum, selected) in in_view(summaries, scroll, rows, cursor) {
        let src = sum.source.and_then(|x| b.sources.get(x));
        let is_hidden = hidden.is_some() && id_of(b, sum).as_deref() == hidden;
        let mut name = name_of(b, sum);
        if is_hidden {
            name = format!("{HIDDEN} hidden · {name}");
        }
        let kind = src.and_then(|x| x.kind).map_or("—", |k| k.word());
        let rel = src.and_then(|x| x.reliability).map_or("—", |r| r.word());
        let interest = src.and_then(|x| x.interest).map_or("—", |i| i.word());
        // A hidden source's row is dim; its name is a title either way.
        let row = if is_hidden { Kind::Dim } else { Kind::Plain };
        let line = Line::new(vec![
            if selected {
                Span::new("▶ ", Kind::Marker)
            } else {
                Span::plain("  ")
            },
            Span {
                mark: Some(Kind::Title),
                ..Span::new(pad(&name, name_w), row)
            },
            Span::new(pad(kind, COLS[0].1), row),
            Span::new(pad(rel, COLS[1].1), row),
            Span::new(pad(interest, COLS[2].1), row),
            Span::new(pad(&sum.claims.len().to_string(), COLS[3].1), row),
            Span::new(pad(&sum.responses.len().to_string(), COLS[4].1), row),
            Span::new(pad(&sum.context.len().to_string(), COLS[5].1), row),
        ]);
        lines.push(line.banded(selected.then_some(Kind::Selected)));
    }
    lines.push(Line::of("─".repeat(w), Kind::Border));
    let room = h.saturating_sub(lines.len());
    if let Some(sum) = summaries.get(cursor) {
        lines.extend(detail(b, sum, w, room));
    }
    lines
}

/// The selected source: who it is, then what it claimed, answered and gave as context, one line
/// each, as many as fit in `room` lines.
fn detail(b: &Briefing, sum: &SourceSummary, w: usize, room: usize) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let src = sum.source.and_then(|i| b.sources.get(i));
    let mut about = vec![name_of(b, sum)];
    if let Some(src) = src {
        if let Some(k) = src.kind {
            about.push(k.word().to_string());
        }
        if let Some(r) = src.reliability {
            about.push(describe::reliability(r));
        }
        if let Some(i) = src.interest {
            about.push(describe::interest(i).to_string());
        }
        if let Some(u) = &src.url {
            about.push(sanitize_line(u).into_owned());
        }
    }
    out.push(Line::of(
        truncate(&about.join(" · "), w).into_owned(),
        Kind::Heading,
    ));
    let mut items: Vec<(String, Kind, String)> = Vec::new();
    // The text, after the chain it came through when it has one: `(Yonhap ← The Independent)`.
    let text_of = |r: ItemRef| {
        b.item(r).map_or(String::new(), |i| {
            let text = sanitize_line(&crate::text::display(i.text.trim())).into_owned();
            let chain = provenance::chain_names(b, i);
            if chain.is_empty() {
                text
            } else {
                let chain: Vec<String> = chain
                    .iter()
                    .map(|n| sanitize_line(n).into_owned())
                    .collect();
                format!("({}) {text}", chain.join(" ← "))
            }
        })
    };
    for &r in &sum.claims {
        let id = b.item(r).map_or("", |i| i.id.as_str());
        items.push((
            "claimed ●".into(),
            Kind::Title,
            format!("{}: {}", sanitize_line(id), text_of(r)),
        ));
    }
    for &r in &sum.responses {
        let Some(i) = b.item(r) else { continue };
        let (glyph, kind) = i
            .stance
            .map_or(("·", Kind::Meta), |s| (s.glyph(), Kind::Stance(s)));
        let targets: Vec<String> = i
            .responds_to
            .iter()
            .map(|t| sanitize_line(t).into_owned())
            .collect();
        let word = i.stance.map_or("answers", |s| s.word());
        items.push((
            format!("answered {glyph}"),
            kind,
            format!("{word} {}: {}", targets.join(", "), text_of(r)),
        ));
    }
    for &r in &sum.context {
        let id = b.item(r).map_or("", |i| i.id.as_str());
        items.push((
            "context ○".into(),
            Kind::Meta,
            format!("{}: {}", sanitize_line(id), text_of(r)),
        ));
    }
    // What reached the briefing through this source: items of others naming it in `via`.
    if let Some(id) = src.map(|s| s.id.as_str()) {
        for (r, i) in b.items().filter(|(_, i)| i.via.iter().any(|v| v == id)) {
            items.push((
                "carried ←".into(),
                Kind::Meta,
                format!("{}: {}", sanitize_line(&i.id), text_of(r)),
            ));
        }
    }
    if items.is_empty() {
        out.push(Line::of("No item cites this source.", Kind::Dim));
        return out;
    }
    let room = room.saturating_sub(1);
    let fits = if items.len() > room {
        room.saturating_sub(1)
    } else {
        items.len()
    };
    for (label, kind, text) in items.iter().take(fits) {
        let label = format!("{label:<11}");
        let rest = w.saturating_sub(width(&label));
        out.push(Line::new(vec![
            Span::new(label, *kind),
            Span::plain(truncate(text, rest).into_owned()),
        ]));
    }
    if fits < items.len() {
        out.push(Line::of(
            format!("… and {} more", items.len() - fits),
            Kind::Dim,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load_str;

    #[test]
    fn a_hidden_source_is_marked_and_dim_with_its_name_still_a_title() {
        let yaml = "title: T\ndate: 2025-11-06\nsources:\n  - {id: wsj, name: WSJ}\n  - {id: mnd, name: Ministry}\nclaims:\n  - {id: cut, text: Cut., source: wsj}\nresponses: []\ncontext: []\n";
        let loaded = load_str(yaml).unwrap_or_else(|d| panic!("{d:?}"));
        let d = Document::new(None, "t.yaml".into(), loaded.briefing, loaded.warnings);
        let lines = lines(&d, 0, 0, Some("wsj"), Rect::new(0, 0, 80, 24));
        let row = lines
            .iter()
            .find(|l| l.text().contains(HIDDEN))
            .unwrap_or_else(|| panic!("no hidden row in {lines:?}"));
        assert_eq!(row.band, Some(Kind::Selected));
        let name = row.spans.get(1).unwrap_or_else(|| panic!("{row:?}"));
        assert!(name.text.starts_with("⊘ hidden · WSJ"));
        assert_eq!((name.kind, name.mark), (Kind::Dim, Some(Kind::Title)));
        assert!(row.spans.iter().skip(2).all(|s| s.kind == Kind::Dim));
    }
}
