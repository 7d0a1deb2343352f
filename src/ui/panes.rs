//! The three section panes: side by side when wide, one with a tab bar when narrow. Lays out only
//! the items from each pane's top down to its bottom edge.

// Indexing here is of the app's per-section arrays by `Section::index()` (0, 1 or 2).
#![allow(clippy::indexing_slicing)]

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use ratatui::Frame;

use super::{layout, styled, theme};
use crate::app::App;
use crate::briefing::search::{Field, Place};
use crate::briefing::{Briefing, Item, ItemRef, Relations, Section};
use crate::text::{sanitize_line, truncate};

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (tabs, areas) = layout::panes(body, app.focus);
    if let Some(tabs) = tabs {
        render_tabs(app, frame, tabs);
    }
    for (section, area) in areas {
        render_pane(app, section, frame, area);
    }
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let third = usize::from(area.width / 3);
    let spans: Vec<Span> = Section::ALL
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let active = s == app.focus;
            let label = format!("{} {} {}", if active { "▶" } else { " " }, i + 1, s.title());
            let count = format!("({})", app.len(s));
            let text = truncate(&format!("{label} {count}"), third.saturating_sub(1)).into_owned();
            let padded = format!("{text:<third$}");
            Span::styled(
                padded,
                if active {
                    theme::TAB_ACTIVE
                } else {
                    theme::TAB
                },
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_pane(app: &App, section: Section, frame: &mut Frame, area: Rect) {
    let focused = section == app.focus;
    let n = app.len(section);
    let position = if n == 0 {
        "empty".to_string()
    } else {
        format!("{}/{}", app.selected[section.index()] + 1, n)
    };
    let title = format!(" {} {} ", section.title(), position);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme::BORDER_FOCUSED
        } else {
            theme::BORDER
        })
        .title(Span::styled(
            title,
            if focused {
                theme::PANE_TITLE_FOCUSED
            } else {
                theme::PANE_TITLE
            },
        ));
    let inner = layout::inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if n == 0 {
        let msg = format!("No {}.", section.title().to_lowercase());
        frame.render_widget(Paragraph::new(Span::styled(msg, theme::DIM)), inner);
        return;
    }
    let width = layout::text_width(area);
    let height = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let selected = app.selected[section.index()];
    for i in app.top[section.index()]..n {
        if lines.len() >= height {
            break;
        }
        let r = ItemRef::new(section, i);
        let is_sel = i == selected;
        let mut item = item_lines(app, r, width, is_sel && focused);
        // An item taller than the pane starts at the top of it (see `keep_in_view`): if the
        // current search match is below the bottom, show the item from higher up its lines
        // so the match is on screen.
        if lines.is_empty() && item.len() > height {
            if let Some(at) = item.iter().position(super::holds_current_match) {
                if at >= height {
                    item.drain(..at + 1 - height);
                }
            }
        }
        lines.extend(item);
        lines.push(Line::default());
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// An item as the panes show it: gutter marker, wrapped text, meta line.
pub fn item_lines(app: &App, r: ItemRef, width: u16, selected: bool) -> Vec<Line<'static>> {
    let b = app.briefing();
    let Some(item) = b.item(r) else {
        return Vec::new();
    };
    let wrapped = app.wraps.get(b, r, width);
    let text = crate::text::display(&item.text);
    let highlights = super::search_highlights(app, r);
    let body = styled::lines(&text, &wrapped, Style::new(), &highlights);
    let marker = if selected {
        Span::styled("▌ ", theme::MARKER)
    } else {
        Span::raw("  ")
    };
    let band = if selected {
        theme::SELECTED
    } else {
        Style::new()
    };
    let mut out: Vec<Line<'static>> = body
        .into_iter()
        .map(|mut line| {
            line.spans.insert(0, marker.clone());
            line.style(band)
        })
        .collect();
    for spans in meta_lines(meta_parts(app, item, r), usize::from(width)) {
        let mut line = vec![marker.clone()];
        line.extend(spans);
        out.push(Line::from(line).style(band));
    }
    if selected {
        // The band spans the pane's full width, not just the text.
        let full = usize::from(width) + usize::from(layout::GUTTER) + 1;
        for line in &mut out {
            let w = line.width();
            if w < full {
                line.spans.push(Span::raw(" ".repeat(full - w)));
            }
        }
    }
    out
}

/// One of the facts under an item, with the search matches in it.
#[derive(Debug, Clone)]
pub struct MetaPart {
    pub text: String,
    pub style: Style,
    pub highlights: Vec<styled::Highlight>,
}

impl From<(String, Style)> for MetaPart {
    fn from((text, style): (String, Style)) -> MetaPart {
        MetaPart {
            text,
            style,
            highlights: Vec::new(),
        }
    }
}

/// The item fields the panes draw: the rest are marked when they hold a match.
pub const SHOWN_FIELDS: [Field; 3] = [Field::Text, Field::Source, Field::Date];

/// The facts under an item: source, date, status or stance, how it was answered, its pairs, and
/// a mark for each field the panes do not draw that holds a search match (`⌕ quote`).
pub fn meta_parts(app: &App, item: &Item, r: ItemRef) -> Vec<MetaPart> {
    let (b, rel) = (app.briefing(), &app.doc.relations);
    let mut out: Vec<MetaPart> = Vec::new();
    let place = Place::Item(r);
    if let Some(name) = b.source_name(item) {
        out.push(MetaPart {
            text: sanitize_line(name).into_owned(),
            style: theme::META,
            highlights: super::field_matches(app, place, Field::Source, true, 0).highlights,
        });
    }
    if let Some(d) = item.date {
        out.push(MetaPart {
            text: d.to_string(),
            style: theme::META,
            highlights: super::field_matches(app, place, Field::Date, false, 0).highlights,
        });
    }
    let mut parts: Vec<(String, Style)> = Vec::new();
    match r.section {
        Section::Claims => {
            if let Some(st) = item.status {
                parts.push((st.word().to_string(), theme::META));
            }
            for resp in rel.answers(r.index).filter_map(|x| b.item(x)) {
                if let Some(stance) = resp.stance {
                    let who = b
                        .source_name(resp)
                        .map_or_else(|| resp.id.clone(), |n| sanitize_line(n).into_owned());
                    parts.push((
                        format!("{} {} by {who}", stance.glyph(), stance.participle()),
                        theme::stance(stance),
                    ));
                }
            }
        }
        Section::Responses => {
            if let Some(stance) = item.stance {
                let targets: Vec<String> = item
                    .responds_to
                    .iter()
                    .map(|t| sanitize_line(t).into_owned())
                    .collect();
                parts.push((
                    format!(
                        "{} {} {}",
                        stance.glyph(),
                        stance.word(),
                        targets.join(", ")
                    ),
                    theme::stance(stance),
                ));
            }
        }
        Section::Context => {}
    }
    for flag in flags(b, rel, item, r) {
        parts.push((flag.to_string(), theme::FLAG));
    }
    let pairs = rel.pairs_of(r).len();
    if pairs > 0 {
        parts.push((format!("⚡{pairs}"), theme::PAIR_MARK));
    }
    parts.extend(super::hidden_match_marks(app, r, &SHOWN_FIELDS));
    out.extend(parts.into_iter().map(MetaPart::from));
    if out.is_empty() {
        out.push((format!("#{}", sanitize_line(&item.id)), theme::DIM).into());
    }
    out
}

/// How thin an item's footing is: `1 source` (a claim no other source confirms) and
/// `anonymous` (its attribution names no one). Words, so they read without colour.
pub fn flags(b: &Briefing, rel: &Relations, item: &Item, r: ItemRef) -> Vec<&'static str> {
    let mut out = Vec::new();
    if r.section == Section::Claims && crate::briefing::analysis::single_source(b, rel, r.index) {
        out.push(SINGLE_SOURCE);
    }
    if crate::briefing::analysis::anonymous(item) {
        out.push(ANONYMOUS);
    }
    out
}

pub const SINGLE_SOURCE: &str = "1 source";
pub const ANONYMOUS: &str = "anonymous";

/// Packs the meta parts into lines of `width` cells, ` · ` between parts on a line; a part wider
/// than a line is cut with `…`.
pub fn meta_lines(parts: Vec<MetaPart>, width: usize) -> Vec<Vec<Span<'static>>> {
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for part in parts {
        let spans = styled::one_line(&part.text, part.style, &part.highlights, width);
        let w: usize = spans.iter().map(|s| crate::text::width(&s.content)).sum();
        if !line.is_empty() && used + 3 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if !line.is_empty() {
            line.push(Span::styled(" · ", theme::DIM));
            used += 3;
        }
        line.extend(spans);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lines an item takes in a pane whose text is `width` wide: text, meta lines, a blank line.
pub fn item_height(app: &App, r: ItemRef, width: u16) -> usize {
    let b = app.briefing();
    let Some(item) = b.item(r) else { return 1 };
    let text = app.wraps.get(b, r, width).len();
    let meta = meta_lines(meta_parts(app, item, r), usize::from(width)).len();
    text + meta + 1
}
