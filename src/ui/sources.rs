//! The sources: a table of every source with its kind, reliability, interest and how many
//! claims, responses and context items it gave; below, what the selected one said. Drawn from the
//! full document, so a hidden source is still listed (marked) and can be shown again.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{scrolled, theme};
use crate::app::{App, SourcesState};
use crate::briefing::analysis::SourceSummary;
use crate::briefing::describe;
use crate::briefing::{Briefing, ItemRef};
use crate::text::{sanitize_line, truncate, width};
use crate::view::tables::source_rows;

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

pub fn render(app: &App, s: SourcesState, frame: &mut Frame, area: Rect) {
    let full = app.full_doc();
    let b = &full.briefing;
    let summaries = &full.analysis().sources;
    let hidden = app.filter.as_ref().map(|f| f.source.as_str());
    let title = match app.hidden() {
        Some((name, n)) => format!(
            " Sources · hiding {} ({}) · x on it shows them ",
            sanitize_line(name),
            crate::app::filter::items(n)
        ),
        None => format!(
            " Sources · {} · x hides the selected one everywhere ",
            b.sources.len()
        ),
    };
    let Some(inner) = scrolled::framed(frame, &title, area) else {
        return;
    };
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let fixed: usize = COLS.iter().map(|(_, cw)| cw).sum();
    let name_w = w.saturating_sub(2 + fixed).max(8);

    let mut lines: Vec<Line> = Vec::new();
    let mut head = vec![Span::styled(
        format!("  {}", pad("Source", name_w)),
        theme::HEADING,
    )];
    for (label, cw) in COLS {
        head.push(Span::styled(pad(label, cw), theme::HEADING));
    }
    lines.push(Line::from(head));
    if summaries.is_empty() {
        lines.push(Line::from(Span::styled(
            "  This briefing declares no sources, and no item names one.",
            theme::DIM,
        )));
    }

    let rows = source_rows(summaries.len(), area);
    for (_, sum, selected) in scrolled::in_view(summaries, s.scroll, rows, s.cursor) {
        let src = sum.source.and_then(|x| b.sources.get(x));
        let is_hidden = hidden.is_some() && id_of(b, sum).as_deref() == hidden;
        let mut name = name_of(b, sum);
        if is_hidden {
            name = format!("{HIDDEN} hidden · {name}");
        }
        let kind = src.and_then(|x| x.kind).map_or("—", |k| k.word());
        let rel = src.and_then(|x| x.reliability).map_or("—", |r| r.word());
        let interest = src.and_then(|x| x.interest).map_or("—", |i| i.word());
        let style = if is_hidden { theme::DIM } else { Style::new() };
        let line = Line::from(vec![
            if selected {
                Span::styled("▶ ", theme::MARKER)
            } else {
                Span::raw("  ")
            },
            Span::styled(pad(&name, name_w), style.patch(theme::TITLE)),
            Span::styled(pad(kind, COLS[0].1), style),
            Span::styled(pad(rel, COLS[1].1), style),
            Span::styled(pad(interest, COLS[2].1), style),
            Span::styled(pad(&sum.claims.len().to_string(), COLS[3].1), style),
            Span::styled(pad(&sum.responses.len().to_string(), COLS[4].1), style),
            Span::styled(pad(&sum.context.len().to_string(), COLS[5].1), style),
        ]);
        lines.push(scrolled::row(line, selected));
    }
    lines.push(Line::from(Span::styled("─".repeat(w), theme::BORDER)));
    let room = h.saturating_sub(lines.len());
    if let Some(sum) = summaries.get(s.cursor) {
        lines.extend(detail(app, sum, w, room));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The selected source: who it is, then what it claimed, answered and gave as context, one line
/// each, as many as fit in `room` lines.
fn detail(app: &App, sum: &SourceSummary, w: usize, room: usize) -> Vec<Line<'static>> {
    let full = app.full_doc();
    let b = &full.briefing;
    let mut out: Vec<Line<'static>> = Vec::new();
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
    out.push(Line::from(Span::styled(
        truncate(&about.join(" · "), w).into_owned(),
        theme::HEADING,
    )));
    let mut items: Vec<(String, Style, String)> = Vec::new();
    let text_of = |r: ItemRef| {
        b.item(r).map_or(String::new(), |i| {
            sanitize_line(&crate::text::display(i.text.trim())).into_owned()
        })
    };
    for &r in &sum.claims {
        let id = b.item(r).map_or("", |i| i.id.as_str());
        items.push((
            "claimed ●".into(),
            theme::TITLE,
            format!("{}: {}", sanitize_line(id), text_of(r)),
        ));
    }
    for &r in &sum.responses {
        let Some(i) = b.item(r) else { continue };
        let (glyph, style) = i
            .stance
            .map_or(("·", theme::META), |s| (s.glyph(), theme::stance(s)));
        let targets: Vec<String> = i
            .responds_to
            .iter()
            .map(|t| sanitize_line(t).into_owned())
            .collect();
        let word = i.stance.map_or("answers", |s| s.word());
        items.push((
            format!("answered {glyph}"),
            style,
            format!("{word} {}: {}", targets.join(", "), text_of(r)),
        ));
    }
    for &r in &sum.context {
        let id = b.item(r).map_or("", |i| i.id.as_str());
        items.push((
            "context ○".into(),
            theme::META,
            format!("{}: {}", sanitize_line(id), text_of(r)),
        ));
    }
    if items.is_empty() {
        out.push(Line::from(Span::styled(
            "No item cites this source.",
            theme::DIM,
        )));
        return out;
    }
    let room = room.saturating_sub(1);
    let fits = if items.len() > room {
        room.saturating_sub(1)
    } else {
        items.len()
    };
    for (label, style, text) in items.iter().take(fits) {
        let label = format!("{label:<11}");
        let rest = w.saturating_sub(width(&label));
        out.push(Line::from(vec![
            Span::styled(label, *style),
            Span::raw(truncate(text, rest).into_owned()),
        ]));
    }
    if fits < items.len() {
        out.push(Line::from(Span::styled(
            format!("… and {} more", items.len() - fits),
            theme::DIM,
        )));
    }
    out
}
