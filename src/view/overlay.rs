//! The overlays and the diagnostics view as lines with their counts: the help (from the key
//! table, handed in as [`HelpGroup`]s), the briefing info, and a file's report. The app clamps
//! their scroll with the same lines the ui draws.

use ratatui::layout::Rect;

use super::line::{Kind, Line};
use super::marks::field_matches;
use super::scroll::Scroll;
use super::{layout, styled, Ctx};
use crate::briefing::diagnostic::{Report, ReportLine, Severity};
use crate::briefing::search::{Field, Place};
use crate::text::{sanitize_line, width, wrap};

/// One group of the help: a mode's title and its bindings (keys as typed, what they do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpGroup {
    pub title: &'static str,
    pub entries: Vec<(String, &'static str)>,
    /// What the view's marks mean: a sample in the mark's kind, and its meaning.
    pub legend: &'static [(&'static str, Kind, &'static str)],
}

/// The help's box in a terminal of `area`.
pub fn help_popup(area: Rect) -> Rect {
    layout::centered(area, 76, area.height.saturating_sub(2).max(3))
}

/// The help text for a box `width` cells wide, in the order of `groups`. Descriptions wrap
/// beside their keys; when narrow, under them.
pub fn help_lines(groups: &[HelpGroup], width: u16) -> Vec<Line> {
    let width = usize::from(width).max(10);
    let key_w = if width >= 48 { 18 } else { 0 };
    let mut out = Vec::new();
    for group in groups {
        out.push(Line::of(group.title, Kind::Heading));
        for (keys, desc) in &group.entries {
            let desc_w = if key_w > 0 {
                width.saturating_sub(key_w)
            } else {
                width.saturating_sub(4)
            };
            let desc = wrap(desc, desc_w.max(8));
            if key_w > 0 && crate::text::width(keys) + 3 <= key_w {
                for (i, d) in desc.into_iter().enumerate() {
                    let k = if i == 0 { keys.as_str() } else { "" };
                    out.push(Line::new(vec![
                        super::Span::new(format!("  {k:<w$}", w = key_w - 2), Kind::HintKey),
                        super::Span::plain(d),
                    ]));
                }
            } else {
                out.push(Line::of(format!("  {keys}"), Kind::HintKey));
                let indent = if key_w > 0 { key_w } else { 4 };
                for d in desc {
                    out.push(Line::plain(format!("{:indent$}{d}", "")));
                }
            }
        }
        for (sample, kind, meaning) in group.legend {
            let indent = if key_w > 0 { key_w } else { 4 };
            let desc = wrap(meaning, width.saturating_sub(indent).max(8));
            for (i, d) in desc.into_iter().enumerate() {
                let pad = indent.saturating_sub(2 + crate::text::width(sample));
                let lead = if i == 0 {
                    vec![
                        super::Span::plain("  "),
                        super::Span::new(*sample, *kind),
                        super::Span::plain(" ".repeat(pad)),
                    ]
                } else {
                    vec![super::Span::plain(" ".repeat(indent))]
                };
                let mut spans = lead;
                spans.push(super::Span::plain(d));
                out.push(Line::new(spans));
            }
        }
        out.push(Line::default());
    }
    for l in wrap(
        "Mouse: click a pane or item to select it; the wheel moves the selection (in the side-by-side view, click a box to focus it and the wheel scrolls the box under it).",
        width,
    ) {
        out.push(Line::of(l, Kind::Dim));
    }
    out
}

/// The furthest the help scrolls in a terminal of `area`: its last line at the bottom.
pub fn help_max_scroll(groups: &[HelpGroup], area: Rect) -> usize {
    let p = help_popup(area);
    let lines = help_lines(groups, p.width.saturating_sub(2)).len();
    Scroll::max(lines, usize::from(p.height.saturating_sub(2)))
}

/// The info overlay's box in a terminal of `area`.
pub fn info_popup(area: Rect) -> Rect {
    layout::centered(area, 90, area.height.saturating_sub(2).max(3))
}

/// Where the info's text goes inside its box: a column of padding each side.
pub fn info_text_area(area: Rect) -> Rect {
    let p = info_popup(area);
    Rect {
        x: p.x + 2,
        y: p.y + 1,
        width: p.width.saturating_sub(4),
        height: p.height.saturating_sub(2),
    }
}

/// The briefing info: title, date, tags, summary (search matches marked), the counts, the file
/// and the warnings `brief check` would print.
pub fn info_lines(ctx: &Ctx, width: u16) -> Vec<Line> {
    let b = ctx.briefing();
    let doc = ctx.doc;
    let w = usize::from(width).max(10);
    let mut out: Vec<Line> = Vec::new();
    let marked = |text: &str, kind, field| {
        let shown = crate::text::display(text);
        let found = field_matches(ctx, Place::Header, field, false, 0).highlights;
        styled::lines(&shown, &wrap(text, w), kind, &found, w)
    };
    out.extend(marked(&b.title, Kind::Title, Field::Title));
    out.extend(marked(&b.date.to_string(), Kind::Meta, Field::Date));
    if !b.tags.is_empty() {
        let tags: Vec<String> = b
            .tags
            .iter()
            .map(|t| format!("#{}", sanitize_line(t)))
            .collect();
        out.extend(
            wrap(&tags.join(" "), w)
                .into_iter()
                .map(|l| Line::of(l, Kind::Dim)),
        );
    }
    out.push(Line::default());
    match &b.summary {
        Some(s) => out.extend(marked(s, Kind::Plain, Field::Summary)),
        None => out.push(Line::of("No summary.", Kind::Dim)),
    }
    out.push(Line::default());
    let counts = format!(
        "{} · {} · {} context · {} · ⚡{}",
        crate::text::count(b.claims.len(), "claim"),
        crate::text::count(b.responses.len(), "response"),
        b.context.len(),
        crate::text::count(b.sources.len(), "source"),
        crate::text::count(doc.relations.pairs.len(), "contradiction")
    );
    out.extend(
        wrap(&counts, w)
            .into_iter()
            .map(|l| Line::of(l, Kind::Meta)),
    );
    let file = doc
        .path
        .as_ref()
        .map_or_else(|| doc.name.clone(), |p| p.display().to_string());
    out.extend(
        wrap(&format!("File: {file}"), w)
            .into_iter()
            .map(|l| Line::of(l, Kind::Meta)),
    );
    if !doc.warnings.is_empty() {
        out.push(Line::default());
        out.push(Line::of(
            format!("Warnings ({})", doc.warnings.len()),
            Kind::Heading,
        ));
        for d in &doc.warnings {
            out.extend(
                wrap(&d.located(), w)
                    .into_iter()
                    .map(|l| Line::of(l, Kind::Message)),
            );
        }
    }
    out
}

/// The furthest the info scrolls in a terminal of `area`: its last line at the bottom.
pub fn info_max_scroll(ctx: &Ctx, area: Rect) -> usize {
    let text = info_text_area(area);
    let lines = info_lines(ctx, text.width).len();
    Scroll::max(lines, usize::from(text.height))
}

/// A file's report as the diagnostics view draws it in `body`: the same lines as `brief check`
/// without colour codes, the headings in their severity's kind. Long headings wrap (continuation
/// lines indented) rather than run off the edge; the excerpts and carets are short and stay as
/// they are, so the carets still line up.
pub fn report_lines(report: &Report, body: Rect) -> Vec<Line> {
    let w = usize::from(body.width.saturating_sub(2)).max(1);
    report
        .lines(false)
        .into_iter()
        .flat_map(|line| {
            let kind = match &line {
                ReportLine::Heading {
                    severity: Severity::Error,
                    ..
                } => Kind::Error,
                ReportLine::Heading {
                    severity: Severity::Warning,
                    ..
                } => Kind::Message,
                _ => Kind::Plain,
            };
            let text = line.plain();
            let pieces = if width(&text) <= w {
                vec![text]
            } else {
                wrap(&text, w.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| if i == 0 { p } else { format!("  {p}") })
                    .collect()
            };
            pieces.into_iter().map(move |p| Line::of(p, kind))
        })
        .collect()
}

/// The furthest a report scrolls in `body`: the last line at the bottom, as in `less`.
pub fn report_max_scroll(report: &Report, body: Rect) -> usize {
    Scroll::max(
        report_lines(report, body).len(),
        usize::from(body.height.saturating_sub(2)),
    )
}

/// One line of the copy menu: the key, what it copies, and the text it would copy (None: the
/// item has none, and the line is dimmed).
pub type CopyEntry = (String, &'static str, Option<String>);

/// The copy menu's box: at the bottom of the view, above the status bar, as tall as its lines.
pub fn copy_popup(area: Rect, entries: usize) -> Rect {
    let h = u16::try_from(entries).unwrap_or(u16::MAX).saturating_add(2);
    let w = area.width.min(72);
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.bottom().saturating_sub(h.saturating_add(1)),
        width: w,
        height: h,
    }
}

/// The copy menu's lines for a box `width` cells wide: `c  citation  The Wall Street Journal,
/// 22 May 2025, …`, each preview on one line (sanitised, cut with `…`).
pub fn copy_menu_lines(entries: &[CopyEntry], width: u16) -> Vec<Line> {
    use super::line::Span;
    let width = usize::from(width);
    let key_w = entries
        .iter()
        .map(|(k, _, _)| width_of(k))
        .max()
        .unwrap_or(1);
    let name_w = entries.iter().map(|(_, n, _)| n.len()).max().unwrap_or(1);
    entries
        .iter()
        .map(|(key, name, preview)| {
            let head = format!(
                " {key}{} {name:<name_w$}  ",
                " ".repeat(key_w.saturating_sub(width_of(key)))
            );
            let room = width.saturating_sub(width_of(&head));
            match preview {
                Some(p) => {
                    let one = sanitize_line(p).replace('\n', " ");
                    Line::new(vec![
                        Span::new(format!(" {key}"), Kind::HintKey),
                        Span::plain(head.get(1 + key.len()..).unwrap_or_default().to_string()),
                        Span::new(crate::text::truncate(&one, room).into_owned(), Kind::Dim),
                    ])
                }
                None => Line::of(format!("{head}(none)"), Kind::Dim),
            }
        })
        .collect()
}

fn width_of(s: &str) -> usize {
    width(s)
}
