//! An item's detail: full text, every field, and its relations (responses, answered claims,
//! contradictions), each selectable and followed with Enter.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{layout, scrolled, styled, theme, FieldMatches};
use crate::app::{App, DetailState, Relation};
use crate::briefing::search::{Field, Place};
use crate::briefing::{model::credibility_meaning, Item, ItemRef, Section};
use crate::text::{sanitize_line, truncate};

/// The detail laid out at a width: its lines, and the line of each relation (for scrolling).
pub struct DetailView {
    pub lines: Vec<Line<'static>>,
    pub relation_lines: Vec<usize>,
    /// The line of the current search match, when it is in this item.
    pub match_line: Option<usize>,
}

const LABEL_W: usize = 12;

/// A labelled field, its value wrapped under itself.
fn field(lines: &mut Vec<Line<'static>>, width: usize, label: &str, value: String) {
    marked_field(lines, width, label, value, &FieldMatches::default());
}

/// A labelled field with its search matches highlighted; the line of the current match, if it is
/// in this field.
fn marked_field(
    lines: &mut Vec<Line<'static>>,
    width: usize,
    label: &str,
    value: String,
    matches: &FieldMatches,
) -> Option<usize> {
    let wrapped = crate::text::wrap(&value, width.saturating_sub(LABEL_W).max(8));
    let current = matches
        .current
        .map(|at| lines.len() + styled::line_of(&value, &wrapped, at));
    let styled = styled::lines(&value, &wrapped, Style::new(), &matches.highlights);
    for (i, part) in styled.into_iter().enumerate() {
        let label = if i == 0 { label } else { "" };
        let mut spans = vec![Span::styled(format!("{label:<LABEL_W$}"), theme::LABEL)];
        spans.extend(part.spans);
        lines.push(Line::from(spans));
    }
    current
}

/// One-line summary of an item for relation lists: `[claim] WSJ: The Pentagon is…`.
pub fn item_summary(app: &App, r: ItemRef, width: usize) -> String {
    let b = app.briefing();
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

pub fn layout(app: &App, d: &DetailState, width: u16) -> DetailView {
    let b = app.briefing();
    // Inside the border, one column of padding on the left and one on the right.
    let inner_w = width.saturating_sub(4).max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut relation_lines = Vec::new();
    let Some(item) = b.item(d.item) else {
        return DetailView {
            lines,
            relation_lines,
            match_line: None,
        };
    };

    let wrapped = app.wraps.get(b, d.item, inner_w);
    let text = crate::text::display(&item.text);
    let found = super::field_matches(app, Place::Item(d.item), Field::Text, false, 0);
    let mut match_line = found.current.map(|at| styled::line_of(&text, &wrapped, at));
    lines.extend(styled::lines(
        &text,
        &wrapped,
        Style::new(),
        &found.highlights,
    ));
    lines.push(Line::default());
    match_line = match_line.or(fields(app, d.item, item, &mut lines, usize::from(inner_w)));

    let relations = app.relations_of(d.item);
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
            lines.push(Line::from(Span::styled(h.to_string(), theme::HEADING)));
            heading = Some(h);
        }
        let selected = i == d.cursor;
        let marker = if selected {
            Span::styled("▶ ", theme::MARKER)
        } else {
            Span::raw("  ")
        };
        let (glyph, glyph_style, text) = match *rel {
            Relation::AnsweredBy(r) => {
                let stance = b.item(r).and_then(|x| x.stance);
                (
                    stance.map_or("·", |s| s.glyph()).to_string(),
                    stance.map_or(theme::META, theme::stance),
                    item_summary(app, r, summary_w),
                )
            }
            Relation::Answers(r) => (
                "→".to_string(),
                theme::META,
                item_summary(app, r, summary_w),
            ),
            Relation::Pair(p) => {
                let other = app
                    .doc
                    .relations
                    .pairs
                    .get(p)
                    .and_then(|pair| pair.other(d.item));
                let text = other
                    .map(|o| item_summary(app, o, summary_w))
                    .unwrap_or_default();
                ("⚡".to_string(), theme::PAIR_MARK, text)
            }
        };
        relation_lines.push(lines.len());
        let style = if selected {
            theme::SELECTED
        } else {
            Style::new()
        };
        lines.push(
            Line::from(vec![
                marker,
                Span::styled(format!("{glyph} "), glyph_style),
                Span::raw(text),
            ])
            .style(style),
        );
    }
    if relations.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "No relations: nothing answers or contradicts this item.",
            theme::DIM,
        )));
    }
    DetailView {
        lines,
        relation_lines,
        match_line,
    }
}

/// Every field of the item, search matches highlighted; the line of the current match, if it is
/// in one of them.
fn fields(
    app: &App,
    at: ItemRef,
    item: &Item,
    lines: &mut Vec<Line<'static>>,
    w: usize,
) -> Option<usize> {
    let b = app.briefing();
    let place = Place::Item(at);
    let found = |field: Field, shift: usize| super::field_matches(app, place, field, true, shift);
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
                    v.push_str(&format!(" · reliability {} — {}", r.word(), r.meaning()));
                }
                if s.interest == Some(crate::briefing::model::Interest::Party) {
                    v.push_str(" · a party to the story");
                }
                current = current.or(marked_field(lines, w, "Source", v, &source));
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
        let mut why: Vec<&str> = Vec::new();
        for flag in super::panes::flags(b, &app.doc.relations, item, r) {
            why.push(match flag {
                super::panes::SINGLE_SOURCE => "rests on one source: no other source confirms it",
                _ => "anonymous: the attribution names no one",
            });
        }
        if !why.is_empty() {
            let value = why.join("; ");
            let wrapped = crate::text::wrap(&value, w.saturating_sub(LABEL_W).max(8));
            for (i, part) in wrapped.into_iter().enumerate() {
                let label = if i == 0 { "Caution" } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{label:<LABEL_W$}"), theme::LABEL),
                    Span::styled(part, theme::FLAG),
                ]));
            }
        }
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
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", "Stance"), theme::LABEL),
            Span::styled(format!("{} {}", s.glyph(), s.word()), theme::stance(s)),
            Span::raw(format!(" {targets}")),
        ]));
    }
    if let Some(c) = item.credibility {
        field(
            lines,
            w,
            "Credibility",
            format!("{c} — {}", credibility_meaning(c)),
        );
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

pub fn render(app: &App, d: &DetailState, frame: &mut Frame, area: Rect) {
    let b = app.briefing();
    let Some(item) = b.item(d.item) else { return };
    let section = match d.item.section {
        Section::Claims => "Claim",
        Section::Responses => "Response",
        Section::Context => "Context",
    };
    let n = b.section(d.item.section).len();
    let back = if d.history.is_empty() {
        String::new()
    } else {
        format!(" · {} back", d.history.len())
    };
    let title = format!(
        " {section} {}/{n} · {}{back} ",
        d.item.index + 1,
        sanitize_line(&item.id)
    );
    let block = scrolled::block(&title, area);
    let view = layout(app, d, area.width);
    let inner = layout::inner(area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(block, area);
    let shown: Vec<Line> = view
        .lines
        .into_iter()
        .skip(d.scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
