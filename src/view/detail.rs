//! An item's detail laid out: full text, every field, and its relations (responses, answered
//! claims, contradictions), with the line of each relation and of the current search match, so
//! the app scrolls to them and the ui draws the same lines.

use super::line::{Kind, Line, Span};
use super::marks::{field_matches, FieldMatches};
use super::{styled, Ctx};
use crate::briefing::model::Interest;
use crate::briefing::search::{Field, Place};
use crate::briefing::{describe, Item, ItemRef, Relation, Section};
use crate::text::{sanitize_line, truncate};

/// The detail laid out at a width: its lines, and the line of each relation (for scrolling).
#[derive(Debug, Clone, Default)]
pub struct DetailView {
    pub lines: Vec<Line>,
    pub relation_lines: Vec<usize>,
    /// The line of the current search match, when it is in this item.
    pub match_line: Option<usize>,
}

const LABEL_W: usize = 12;

fn label(text: &str) -> Span {
    Span::new(format!("{text:<LABEL_W$}"), Kind::Label)
}

/// A labelled field, its value wrapped under itself.
fn field(lines: &mut Vec<Line>, width: usize, label: &str, value: String) {
    marked_field(lines, width, label, value, &FieldMatches::default());
}

/// How a field's value is laid out: as its text says (a quote, a name), or left to right (a
/// line brief composes around a name).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    AsWritten,
    Composed,
}

/// A labelled field with its search matches highlighted; the line of the current match, if it is
/// in this field.
fn marked_field(
    lines: &mut Vec<Line>,
    width: usize,
    name: &str,
    value: String,
    matches: &FieldMatches,
) -> Option<usize> {
    ordered_field(lines, width, name, value, matches, Order::AsWritten)
}

fn ordered_field(
    lines: &mut Vec<Line>,
    width: usize,
    name: &str,
    value: String,
    matches: &FieldMatches,
    order: Order,
) -> Option<usize> {
    let room = width.saturating_sub(LABEL_W).max(8);
    let wrapped = crate::text::wrap(&value, room);
    let current = matches
        .current
        .map(|at| lines.len() + styled::line_of(&value, &wrapped, at));
    let lay = match order {
        Order::AsWritten => styled::lines,
        Order::Composed => styled::composed_lines,
    };
    let marked = lay(&value, &wrapped, Kind::Plain, &matches.highlights, room);
    for (i, part) in marked.into_iter().enumerate() {
        let mut spans = vec![label(if i == 0 { name } else { "" })];
        spans.extend(part.spans);
        lines.push(Line::new(spans));
    }
    current
}

/// One-line summary of an item for relation lists: `[claim] WSJ: The Pentagon is…`.
pub fn item_summary(ctx: &Ctx, r: ItemRef, width: usize) -> String {
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return String::new();
    };
    let who = b
        .source_name(item)
        .map(|s| format!("{}: ", sanitize_line(s)))
        .unwrap_or_default();
    let first = sanitize_line(item.text.trim()).into_owned();
    truncate(&format!("{who}{first}"), width).into_owned()
}

/// The detail of `item` with relation `cursor` selected, for a view `width` wide (its border
/// and padding inside).
pub fn layout(ctx: &Ctx, item_ref: ItemRef, cursor: usize, width: u16) -> DetailView {
    let b = ctx.briefing();
    // Inside the border, one column of padding on the left and one on the right.
    let inner_w = width.saturating_sub(4).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut relation_lines = Vec::new();
    let Some(item) = b.item(item_ref) else {
        return DetailView::default();
    };

    let wrapped = ctx.wraps.get(b, item_ref, inner_w);
    let text = crate::text::display(&item.text);
    let found = field_matches(ctx, Place::Item(item_ref), Field::Text, false, 0);
    let mut match_line = found.current.map(|at| styled::line_of(&text, &wrapped, at));
    lines.extend(styled::lines(
        &text,
        &wrapped,
        Kind::Plain,
        &found.highlights,
        usize::from(inner_w),
    ));
    lines.push(Line::default());
    reading_fields(ctx, item, &mut lines, usize::from(inner_w));
    match_line = match_line.or(fields(
        ctx,
        item_ref,
        item,
        &mut lines,
        usize::from(inner_w),
    ));

    let relations = ctx.doc.relations.of(item_ref);
    let summary_w = usize::from(inner_w).saturating_sub(6);
    let mut heading: Option<&str> = None;
    for (i, rel) in relations.iter().enumerate() {
        let h = match rel {
            Relation::AnsweredBy(_) => "Responses to this claim",
            Relation::Answers(_) => "Answers the claims",
            Relation::Pair(_) => "Contradictions",
        };
        if heading != Some(h) {
            lines.push(Line::default());
            lines.push(Line::of(h, Kind::Heading));
            heading = Some(h);
        }
        let selected = i == cursor;
        let marker = if selected {
            Span::new("▶ ", Kind::Marker)
        } else {
            Span::plain("  ")
        };
        let (glyph, glyph_kind, text) = match *rel {
            Relation::AnsweredBy(r) => {
                let stance = b.item(r).and_then(|x| x.stance);
                (
                    stance.map_or("·", |s| s.glyph()).to_string(),
                    stance.map_or(Kind::Meta, Kind::Stance),
                    item_summary(ctx, r, summary_w),
                )
            }
            Relation::Answers(r) => ("→".to_string(), Kind::Meta, item_summary(ctx, r, summary_w)),
            Relation::Pair(p) => {
                let other = ctx
                    .doc
                    .relations
                    .pairs
                    .get(p)
                    .and_then(|pair| pair.other(item_ref));
                let text = other
                    .map(|o| item_summary(ctx, o, summary_w))
                    .unwrap_or_default();
                ("⚡".to_string(), Kind::PairMark, text)
            }
        };
        relation_lines.push(lines.len());
        lines.push(
            Line::new(vec![
                marker,
                Span::new(format!("{glyph} "), glyph_kind),
                Span::plain(text),
            ])
            .banded(selected.then_some(Kind::Selected)),
        );
        // A contradiction's note says why the two conflict: under it, in full.
        let note = match *rel {
            Relation::Pair(p) => ctx
                .doc
                .relations
                .pairs
                .get(p)
                .and_then(|x| x.note.as_deref()),
            _ => None,
        };
        if let Some(note) = note {
            let shown = crate::text::display(note);
            for part in crate::text::wrap(&shown, summary_w.max(8)) {
                lines.push(
                    Line::new(vec![Span::plain("    "), Span::new(part, Kind::Dim)])
                        .banded(selected.then_some(Kind::Selected)),
                );
            }
        }
    }
    if relations.is_empty() {
        lines.push(Line::default());
        lines.push(Line::of(
            if ctx.whole.is_some() {
                "No relations among the items the filter keeps (& and Enter clears it)."
            } else {
                "No relations: nothing answers or contradicts this item."
            },
            Kind::Dim,
        ));
    }
    DetailView {
        lines,
        relation_lines,
        match_line,
    }
}

/// The reading state's lines: what changed since last read, the flag, the note in full.
fn reading_fields(ctx: &Ctx, item: &Item, lines: &mut Vec<Line>, w: usize) {
    let Some(reading) = ctx.reading else { return };
    let marks = super::pane::reading_marks(ctx, item);
    if marks.is_empty() {
        return;
    }
    for (i, (text, _)) in marks
        .iter()
        .filter(|(t, _)| !t.starts_with('✎'))
        .enumerate()
    {
        field(lines, w, if i == 0 { "Reading" } else { "" }, text.clone());
    }
    if let Some(note) = reading.note(&item.id) {
        let shown = crate::text::display(note);
        for (i, part) in crate::text::wrap(&shown, w.saturating_sub(LABEL_W).max(8))
            .into_iter()
            .enumerate()
        {
            lines.push(Line::new(vec![
                label(if i == 0 { "Note" } else { "" }),
                Span::new(part, Kind::Change),
            ]));
        }
    }
    lines.push(Line::default());
}

/// A claim's confirmation by origin, when more than one source confirms it: the count
/// (`3 sources · 2 origins`), each confirming item's chain (`●` an origin counted, `○` one that
/// came through another), and the pairs that cite each other.
fn origins_fields(ctx: &Ctx, claim: usize, lines: &mut Vec<Line>, w: usize) {
    let b = ctx.briefing();
    let o = crate::briefing::provenance::origins(b, &ctx.doc.relations, claim);
    if o.sources.len() < 2 {
        return;
    }
    let n = o.count();
    let count = format!(
        "{} · {n} origin{} (● independent of each other)",
        crate::text::count(o.sources.len(), "source"),
        if n == 1 { "" } else { "s" }
    );
    field(lines, w, "Origins", count);
    for &r in &o.items {
        let Some(i) = b.item(r) else { continue };
        let mut chain = crate::briefing::provenance::chain_names(b, i);
        if chain.is_empty() {
            chain.extend(b.source_name(i).map(str::to_string));
        }
        let chain: Vec<String> = chain
            .iter()
            .map(|n| sanitize_line(n).into_owned())
            .collect();
        let independent = i
            .source
            .as_deref()
            .is_some_and(|s| o.independent.iter().any(|x| x == s));
        let mark = if independent { "●" } else { "○" };
        field(
            lines,
            w,
            "",
            format!("{mark} {} ({})", chain.join(" ← "), sanitize_line(&i.id)),
        );
    }
    let name = |id: &str| sanitize_line(b.source(id).map_or(id, |s| s.name.as_str())).into_owned();
    for (a, c) in &o.circular {
        let text = format!(
            "circular reporting: {} and {} cite each other",
            name(a),
            name(c)
        );
        lines.push(Line::new(vec![label(""), Span::new(text, Kind::Flag)]));
    }
}

/// Every field of the item, search matches highlighted; the line of the current match, if it is
/// in one of them.
fn fields(ctx: &Ctx, at: ItemRef, item: &Item, lines: &mut Vec<Line>, w: usize) -> Option<usize> {
    let b = ctx.briefing();
    let place = Place::Item(at);
    let found = |field: Field, shift: usize| field_matches(ctx, place, field, true, shift);
    let mut current = None;
    if let Some(src_id) = &item.source {
        let source = found(Field::Source, 0);
        match b.source(src_id) {
            Some(s) => {
                let mut v = sanitize_line(&s.name).into_owned();
                if let Some(k) = s.kind {
                    v.push_str(&format!(" ({k})"));
                }
                if let Some(r) = s.reliability {
                    v.push_str(&format!(" · {}", describe::reliability(r)));
                }
                if let Some(i) = s.interest.filter(|&i| i == Interest::Party) {
                    v.push_str(&format!(" · {}", describe::interest(i)));
                }
                let order = Order::Composed;
                current = current.or(ordered_field(lines, w, "Source", v, &source, order));
                if let Some(url) = &s.url {
                    field(lines, w, "", sanitize_line(url).into_owned());
                }
            }
            None => {
                let v = sanitize_line(src_id).into_owned();
                current = current.or(marked_field(lines, w, "Source", v, &source));
            }
        }
    }
    let chain = crate::briefing::provenance::chain_names(b, item);
    if !chain.is_empty() {
        let chain: Vec<String> = chain
            .iter()
            .map(|n| sanitize_line(n).into_owned())
            .collect();
        field(lines, w, "Via", chain.join(" ← "));
    }
    if let Some(a) = &item.attribution {
        let v = sanitize_line(a).into_owned();
        current = current.or(marked_field(
            lines,
            w,
            "Citing",
            v,
            &found(Field::Attribution, 0),
        ));
    }
    if let Some(r) = b.find(&item.id) {
        let why: Vec<String> = ctx
            .flags(item, r)
            .into_iter()
            .map(|f| f.meaning(item))
            .collect();
        if !why.is_empty() {
            let value = why.join("; ");
            let wrapped = crate::text::wrap(&value, w.saturating_sub(LABEL_W).max(8));
            for (i, part) in wrapped.into_iter().enumerate() {
                lines.push(Line::new(vec![
                    label(if i == 0 { "Caution" } else { "" }),
                    Span::new(part, Kind::Flag),
                ]));
            }
        }
    }
    if let Some(r) = b.find(&item.id).filter(|r| r.section == Section::Claims) {
        origins_fields(ctx, r.index, lines, w);
    }
    if let Some(d) = item.date {
        let date = found(Field::Date, 0);
        current = current.or(marked_field(lines, w, "Date", d.to_string(), &date));
    }
    if let Some(s) = item.status {
        field(lines, w, "Status", s.word().to_string());
    }
    if let Some(s) = item.stance {
        let targets = item
            .responds_to
            .iter()
            .map(|t| sanitize_line(t).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(Line::new(vec![
            label("Stance"),
            Span::new(format!("{} {}", s.glyph(), s.word()), Kind::Stance(s)),
            Span::plain(format!(" {targets}")),
        ]));
    }
    if let Some(c) = item.credibility {
        field(lines, w, "Credibility", describe::credibility(c));
    }
    if let Some(q) = &item.quote {
        let v = format!("“{}”", sanitize_line(q));
        let quote = found(Field::Quote, '“'.len_utf8());
        current = current.or(marked_field(lines, w, "Quote", v, &quote));
    }
    if let Some(u) = &item.url {
        field(lines, w, "URL", sanitize_line(u).into_owned());
    }
    field(lines, w, "Id", sanitize_line(&item.id).into_owned());
    if item.pos.line > 0 {
        field(lines, w, "Line", item.pos.line.to_string());
    }
    current
}
