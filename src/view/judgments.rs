//! The key judgments laid out: the Judgments pane (each judgment with its likelihood, confidence
//! and what hiding a source does to it), one judgment's detail (what it rests on and what speaks
//! against it, each followable), and the sensitivity table (judgments × origins). Pure
//! functions of the documents and the view state, so the app measures what the ui draws.

use super::line::{Kind, Line, Span};
use crate::briefing::judgment::{effect, Effect, Sensitivity};
use crate::briefing::model::Judgment;
use crate::briefing::{Briefing, Document, ItemRef};
use crate::text::{sanitize_line, truncate, width};

/// The mark of a judgment hiding a source takes support from.
pub const WEAKENED: &str = "◐ weakened";
pub const UNSUPPORTED: &str = "○ unsupported";

/// What the documents say about the judgments: the full one (as loaded) and the hidden source.
#[derive(Debug, Clone, Copy)]
pub struct Judged<'a> {
    pub full: &'a Document,
    /// The source the filter hides, if any.
    pub hidden: Option<&'a str>,
}

impl Judged<'_> {
    pub fn briefing(&self) -> &Briefing {
        &self.full.briefing
    }

    /// What hiding the filter's source does to judgment `i`.
    pub fn effect(&self, i: usize) -> Option<Effect> {
        let j = self.briefing().judgments.get(i)?;
        effect(self.briefing(), j, self.hidden?)
    }

    fn hidden_name(&self) -> String {
        let id = self.hidden.unwrap_or("");
        sanitize_line(self.briefing().source(id).map_or(id, |s| s.name.as_str())).into_owned()
    }
}

fn mark(e: Effect) -> &'static str {
    match e {
        Effect::Weakened => WEAKENED,
        Effect::Unsupported => UNSUPPORTED,
    }
}

/// `likely (55-80%) · moderate confidence`.
pub fn odds(j: &Judgment) -> String {
    let mut parts = Vec::new();
    if let Some(l) = j.likelihood {
        parts.push(format!("{} ({})", l.phrase(), l.band()));
    }
    if let Some(c) = j.confidence {
        parts.push(format!("{} confidence", c.word()));
    }
    parts.join(" · ")
}

/// The pane's lines for a text `w` cells wide, judgment `cursor` selected; and the first line
/// of each judgment (for scrolling).
pub fn pane_lines(judged: &Judged, cursor: usize, w: usize) -> (Vec<Line>, Vec<usize>) {
    let b = judged.briefing();
    let table = &judged.full.analysis().sensitivity;
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    if b.judgments.is_empty() {
        lines.push(Line::of("No judgments in this briefing.", Kind::Dim));
        return (lines, starts);
    }
    let text_w = w.saturating_sub(2).max(8);
    for (i, j) in b.judgments.iter().enumerate() {
        starts.push(lines.len());
        let selected = i == cursor;
        let gutter = || {
            if selected {
                Span::new("▌ ", Kind::Marker)
            } else {
                Span::plain("  ")
            }
        };
        let text = crate::text::display(j.text.trim());
        for part in crate::text::wrap(&text, text_w) {
            lines.push(Line::new(vec![gutter(), Span::plain(part)]));
        }
        let mut meta = vec![gutter()];
        let o = odds(j);
        if !o.is_empty() {
            meta.push(Span::new(o, Kind::Meta));
            meta.push(Span::new(" · ", Kind::Dim));
        }
        meta.push(Span::new(
            format!(
                "rests on {} · against {}",
                j.rests_on.len(),
                j.against.len()
            ),
            Kind::Dim,
        ));
        if let Some(e) = judged.effect(i) {
            meta.push(Span::new(" · ", Kind::Dim));
            meta.push(Span::new(mark(e), Kind::Flag));
        } else if let Some(o) = table.depends_on(i) {
            meta.push(Span::new(" · ", Kind::Dim));
            let name = sanitize_line(b.source(o).map_or(o, |s| s.name.as_str())).into_owned();
            meta.push(Span::new(format!("rests on {name} alone"), Kind::Flag));
        }
        lines.extend(pack(meta, w, gutter));
        lines.push(Line::default());
    }
    (lines, starts)
}

/// Spans (the first a gutter, `·` separators between parts) into lines of `w` cells: a part
/// that does not fit starts a new line after a fresh gutter, and a separator never ends or
/// starts one; a part wider than a line is cut.
fn pack(spans: Vec<Span>, w: usize, gutter: impl Fn() -> Span) -> Vec<Line> {
    let mut it = spans.into_iter();
    let Some(first) = it.next() else {
        return Vec::new();
    };
    let lead = first.width();
    let mut lines = Vec::new();
    let mut cur = vec![first];
    let mut used = lead;
    let mut pending_sep: Option<Span> = None;
    for s in it {
        if s.text == " · " {
            pending_sep = Some(s);
            continue;
        }
        let sep_w = pending_sep.as_ref().map_or(0, Span::width);
        if used + sep_w + s.width() > w && used > lead {
            lines.push(Line::new(std::mem::take(&mut cur)));
            cur.push(gutter());
            used = lead;
            pending_sep = None;
        }
        if let Some(sep) = pending_sep.take() {
            used += sep.width();
            cur.push(sep);
        }
        let t = truncate(&s.text, w.saturating_sub(used)).into_owned();
        used += width(&t);
        cur.push(Span { text: t, ..s });
    }
    lines.push(Line::new(cur));
    lines
}

/// One followable line of a judgment's detail: an item it rests on or that speaks against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    RestsOn(usize),
    Against(usize),
}

/// The relations of judgment `j` in the order the detail lists them.
pub fn supports(j: &Judgment) -> Vec<Support> {
    (0..j.rests_on.len())
        .map(Support::RestsOn)
        .chain((0..j.against.len()).map(Support::Against))
        .collect()
}

/// The item a relation names, in the document `b` (None when the filter hid it).
pub fn support_item(b: &Briefing, j: &Judgment, s: Support) -> Option<ItemRef> {
    let id = match s {
        Support::RestsOn(i) => j.rests_on.get(i),
        Support::Against(i) => j.against.get(i),
    }?;
    b.find(id)
}

/// A judgment's detail laid out.
#[derive(Debug, Clone, Default)]
pub struct JudgmentView {
    pub lines: Vec<Line>,
    /// The line of each relation, in [`supports`] order.
    pub relation_lines: Vec<usize>,
}

const LABEL_W: usize = 13;

fn field(lines: &mut Vec<Line>, w: usize, label: &str, value: &str, kind: Kind) {
    let room = w.saturating_sub(LABEL_W).max(8);
    for (i, part) in crate::text::wrap(value, room).into_iter().enumerate() {
        lines.push(Line::new(vec![
            Span::new(
                format!("{:<LABEL_W$}", if i == 0 { label } else { "" }),
                Kind::Label,
            ),
            Span::new(part, kind),
        ]));
    }
}

/// The detail of judgment `index` with relation `cursor` selected, `w` cells wide; `shown` is
/// the document on screen (the filtered one when a source is hidden).
pub fn detail(
    judged: &Judged,
    shown: &Briefing,
    index: usize,
    cursor: usize,
    w: usize,
) -> JudgmentView {
    let b = judged.briefing();
    let Some(j) = b.judgments.get(index) else {
        return JudgmentView::default();
    };
    let mut lines = Vec::new();
    let text = crate::text::display(j.text.trim());
    for part in crate::text::wrap(&text, w.max(8)) {
        lines.push(Line::of(part, Kind::Plain));
    }
    lines.push(Line::default());
    if let Some(l) = j.likelihood {
        field(
            &mut lines,
            w,
            "Likelihood",
            &format!("{} ({})", l.phrase(), l.band()),
            Kind::Plain,
        );
    }
    if let Some(c) = j.confidence {
        field(&mut lines, w, "Confidence", c.word(), Kind::Plain);
    }
    let table = &judged.full.analysis().sensitivity;
    if let Some(e) = judged.effect(index) {
        let why = match e {
            Effect::Weakened => "some of the items it rests on are hidden",
            Effect::Unsupported => "every item it rests on is hidden",
        };
        field(
            &mut lines,
            w,
            "Sensitivity",
            &format!("{} by hiding {}: {why}", mark(e), judged.hidden_name()),
            Kind::Flag,
        );
    } else if let Some(o) = table.depends_on(index) {
        let name = sanitize_line(b.source(o).map_or(o, |s| s.name.as_str())).into_owned();
        field(
            &mut lines,
            w,
            "Sensitivity",
            &format!("rests on {name} alone: hiding it leaves the judgment unsupported"),
            Kind::Flag,
        );
    }
    for (i, a) in j.assumptions.iter().enumerate() {
        let a = sanitize_line(&crate::text::display(a.trim())).into_owned();
        field(
            &mut lines,
            w,
            if i == 0 { "Assumptions" } else { "" },
            &format!("· {a}"),
            Kind::Plain,
        );
    }
    field(&mut lines, w, "Id", &sanitize_line(&j.id), Kind::Dim);
    if j.pos.line > 0 {
        field(&mut lines, w, "Line", &j.pos.line.to_string(), Kind::Dim);
    }
    let mut relation_lines = Vec::new();
    let all = supports(j);
    for (heading, which) in [("Rests on", true), ("Against", false)] {
        let of_kind: Vec<(usize, Support)> = all
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, s)| matches!(s, Support::RestsOn(_)) == which)
            .collect();
        lines.push(Line::default());
        lines.push(Line::of(
            format!("{heading} ({})", of_kind.len()),
            Kind::Heading,
        ));
        if of_kind.is_empty() {
            lines.push(Line::of("  nothing", Kind::Dim));
        }
        for (k, s) in of_kind {
            relation_lines.push(lines.len());
            let selected = k == cursor;
            let id = match s {
                Support::RestsOn(i) => j.rests_on.get(i),
                Support::Against(i) => j.against.get(i),
            }
            .map_or("", String::as_str);
            let marker = if selected {
                Span::new("▶ ", Kind::Marker)
            } else {
                Span::plain("  ")
            };
            let room = w.saturating_sub(2);
            let line = match support_item(shown, j, s).and_then(|r| shown.item(r).map(|i| (r, i))) {
                Some((r, item)) => {
                    let who = shown
                        .source_name(item)
                        .map(|n| format!("{}: ", sanitize_line(n)))
                        .unwrap_or_default();
                    let text = format!(
                        "[{}] {who}{}",
                        r.section.singular(),
                        sanitize_line(item.text.trim())
                    );
                    Line::new(vec![
                        marker,
                        Span::plain(truncate(&text, room).into_owned()),
                    ])
                }
                None => {
                    let who = b
                        .find(id)
                        .and_then(|r| b.item(r))
                        .and_then(|i| b.source_name(i))
                        .map(|n| format!(" ({})", sanitize_line(n)))
                        .unwrap_or_default();
                    let text = format!(
                        "{} hidden: {}{who}",
                        crate::view::sources::HIDDEN,
                        sanitize_line(id)
                    );
                    Line::new(vec![
                        marker,
                        Span::new(truncate(&text, room).into_owned(), Kind::Dim),
                    ])
                }
            };
            lines.push(line.banded(selected.then_some(Kind::Selected)));
        }
    }
    JudgmentView {
        lines,
        relation_lines,
    }
}

/// The sensitivity table's columns: the origin names, cut to fit.
const CELL_W: usize = 15;

/// The sensitivity table, `w` cells wide, `cursor` the selected judgment row: a heading of
/// origins, a row per judgment (`○` unsupported, `◐` weakened, `·` unaffected by hiding that
/// origin), the single origin each depends on, and a legend.
pub fn sensitivity_lines(full: &Document, cursor: usize, w: usize, h: usize) -> Vec<Line> {
    let b = &full.briefing;
    let t: &Sensitivity = &full.analysis().sensitivity;
    let mut lines = Vec::new();
    if b.judgments.is_empty() {
        lines.push(Line::of("No judgments in this briefing.", Kind::Dim));
        return lines;
    }
    if t.origins.is_empty() {
        lines.push(Line::of(
            "No judgment rests on an item with a source.",
            Kind::Dim,
        ));
        return lines;
    }
    let id_w = b
        .judgments
        .iter()
        .map(|j| width(&sanitize_line(&j.id)) + 1)
        .max()
        .unwrap_or(0)
        .clamp(9, 25);
    let pad = |s: &str, n: usize| {
        let t = truncate(s, n.saturating_sub(1)).into_owned();
        let fill = n.saturating_sub(width(&t));
        format!("{t}{}", " ".repeat(fill))
    };
    let name_of = |o: &str| sanitize_line(b.source(o).map_or(o, |s| s.name.as_str())).into_owned();
    let fixed = 2 + id_w;
    // Full cells (`○ unsupported` under the source's name) when every origin fits; else
    // compact ones (the glyph under the source's id), as many as fit.
    let depends_w = 16;
    let full = fixed + t.origins.len() * CELL_W + depends_w <= w;
    let col_w = |o: &str| {
        if full {
            CELL_W
        } else {
            (width(&sanitize_line(o)).min(12) + 2).max(4)
        }
    };
    let mut shown = 0;
    let mut used = fixed;
    for o in &t.origins {
        if used + col_w(o) + 10 > w && shown > 0 {
            break;
        }
        used += col_w(o);
        shown += 1;
    }
    let mut head = vec![Span::new(
        format!("  {}", pad("Judgment", id_w)),
        Kind::Heading,
    )];
    for o in t.origins.iter().take(shown) {
        let label = if full {
            name_of(o)
        } else {
            sanitize_line(o).into_owned()
        };
        head.push(Span::new(pad(&label, col_w(o)), Kind::Heading));
    }
    head.push(Span::new("Depends on", Kind::Heading));
    lines.push(Line::new(head));
    // The rows that fit above the legend (five lines and the selected judgment's text, three
    // at least), scrolled so the cursor is among them.
    let rows = h.saturating_sub(10).max(3);
    let first = (cursor + 1).saturating_sub(rows);
    if first > 0 {
        lines.push(Line::of(
            format!("  … {} above", crate::text::count(first, "judgment")),
            Kind::Dim,
        ));
    }
    for (i, (j, row)) in b
        .judgments
        .iter()
        .zip(&t.rows)
        .enumerate()
        .skip(first)
        .take(rows)
    {
        let selected = i == cursor;
        let mut spans = vec![
            if selected {
                Span::new("▶ ", Kind::Marker)
            } else {
                Span::plain("  ")
            },
            Span {
                mark: Some(Kind::Title),
                ..Span::plain(pad(&sanitize_line(&j.id), id_w))
            },
        ];
        for (cell, o) in row.iter().zip(&t.origins).take(shown) {
            let (glyph, kind) = match cell {
                Some(Effect::Unsupported) => ("○ unsupported", Kind::Flag),
                Some(Effect::Weakened) => ("◐ weakened", Kind::Meta),
                None => ("·", Kind::Dim),
            };
            let glyph = if full {
                glyph
            } else {
                glyph.split(' ').next().unwrap_or(glyph)
            };
            spans.push(Span::new(pad(glyph, col_w(o)), kind));
        }
        let depends = t.depends_on(i).map_or_else(
            || "—".to_string(),
            |o| {
                if full {
                    name_of(o)
                } else {
                    sanitize_line(o).into_owned()
                }
            },
        );
        let room = w.saturating_sub(used);
        spans.push(Span::new(
            truncate(&depends, room).into_owned(),
            if t.depends_on(i).is_some() {
                Kind::Flag
            } else {
                Kind::Dim
            },
        ));
        lines.push(Line::new(spans).banded(selected.then_some(Kind::Selected)));
    }
    let below = b.judgments.len().saturating_sub(first + rows);
    if below > 0 {
        lines.push(Line::of(
            format!("  … {} below", crate::text::count(below, "judgment")),
            Kind::Dim,
        ));
    }
    if shown < t.origins.len() {
        lines.push(Line::of(
            format!(
                "  … {}: widen the terminal",
                crate::text::count(t.origins.len() - shown, "more origin")
            ),
            Kind::Dim,
        ));
    }
    lines.push(Line::default());
    for legend in [
        "Each cell: what hiding that origin (x in the Sources view) does to the judgment.",
        "○ unsupported: every item it rests on goes · ◐ weakened: some do · · none do",
        "Depends on: the one origin whose loss leaves the judgment with nothing.",
    ] {
        for part in crate::text::wrap(legend, w.saturating_sub(2).max(8)) {
            lines.push(Line::of(format!("  {part}"), Kind::Dim));
        }
    }
    if let Some(j) = b.judgments.get(cursor) {
        lines.push(Line::default());
        let text = format!("{}: {}", sanitize_line(&j.id), sanitize_line(j.text.trim()));
        for part in crate::text::wrap(&text, w.saturating_sub(2).max(8)) {
            lines.push(Line::of(format!("  {part}"), Kind::Plain));
        }
    }
    lines
}
