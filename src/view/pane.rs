//! An item as the panes show it — gutter marker, wrapped text, the facts under it — and a pane's
//! visible lines from its top down. [`item_height`] is what the app keeps the selection in view
//! with, and the same packing is what [`item_lines`] draws.

use std::ops::Range;

use super::line::{Kind, Line, Span};
use super::marks::{field_matches, hidden_match_marks, search_highlights, SHOWN_FIELDS};
use super::styled::{self, Highlight};
use super::{layout, Ctx};
use crate::briefing::search::{Field, Place};
use crate::briefing::{describe, Item, ItemRef, Section};
use crate::text::{sanitize_line, truncate};

/// One of the facts under an item, with the search matches in it.
#[derive(Debug, Clone)]
pub struct MetaPart {
    pub text: String,
    pub kind: Kind,
    pub highlights: Vec<Highlight>,
}

impl From<(String, Kind)> for MetaPart {
    fn from((text, kind): (String, Kind)) -> MetaPart {
        MetaPart {
            text,
            kind,
            highlights: Vec::new(),
        }
    }
}

/// The facts under an item: source, date, status or stance, how it was answered, its pairs, and
/// a mark for each field the panes do not draw that holds a search match (`⌕ quote`).
pub fn meta_parts(ctx: &Ctx, item: &Item, r: ItemRef) -> Vec<MetaPart> {
    let (b, rel) = (ctx.briefing(), &ctx.doc.relations);
    let mut out: Vec<MetaPart> = Vec::new();
    let place = Place::Item(r);
    if let Some(name) = b.source_name(item) {
        out.push(MetaPart {
            text: sanitize_line(name).into_owned(),
            kind: Kind::Meta,
            highlights: field_matches(ctx, place, Field::Source, true, 0).highlights,
        });
    }
    if let Some(d) = item.date {
        out.push(MetaPart {
            text: d.to_string(),
            kind: Kind::Meta,
            highlights: field_matches(ctx, place, Field::Date, false, 0).highlights,
        });
    }
    let mut parts: Vec<(String, Kind)> = Vec::new();
    match r.section {
        Section::Claims => {
            if let Some(st) = item.status {
                parts.push((st.word().to_string(), Kind::Meta));
            }
            for resp in rel.answers(r.index).filter_map(|x| b.item(x)) {
                if let Some(stance) = resp.stance {
                    let who = b
                        .source_name(resp)
                        .map_or_else(|| resp.id.clone(), |n| sanitize_line(n).into_owned());
                    parts.push((describe::answered_by(stance, &who), Kind::Stance(stance)));
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
                    describe::stance_toward(stance, &targets),
                    Kind::Stance(stance),
                ));
            }
        }
        Section::Context => {}
    }
    for flag in ctx.flags(item, r) {
        parts.push((flag.to_string(), Kind::Flag));
    }
    let pairs = rel.pairs_of(r).len();
    if pairs > 0 {
        parts.push((format!("⚡{pairs}"), Kind::PairMark));
    }
    parts.extend(hidden_match_marks(ctx, r, &SHOWN_FIELDS));
    parts.extend(reading_marks(ctx, item));
    out.extend(parts.into_iter().map(MetaPart::from));
    if out.is_empty() {
        out.push((format!("#{}", sanitize_line(&item.id)), Kind::Dim).into());
    }
    out
}

pub use crate::briefing::describe::{flags, ANONYMOUS, SINGLE_SOURCE};

/// The reading state's marks on an item: `✚ new`, `Δ status: reported → denied` (what
/// changed since last read, until it is read), `⚑` flagged, `✎ note`. Nothing without state.
pub fn reading_marks(ctx: &Ctx, item: &Item) -> Vec<(String, Kind)> {
    let Some(reading) = ctx.reading else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match reading.mark(&item.id) {
        Some(crate::briefing::diff::Mark::New) => out.push(("✚ new".to_string(), Kind::Change)),
        Some(crate::briefing::diff::Mark::Changed(hows)) => {
            let how = hows
                .iter()
                .map(|h| sanitize_line(h).into_owned())
                .collect::<Vec<_>>()
                .join(", ");
            out.push((format!("Δ {how}"), Kind::Change));
        }
        None => {}
    }
    if reading.flagged(&item.id) {
        out.push(("⚑ flagged".to_string(), Kind::Change));
    }
    if reading.note(&item.id).is_some() {
        out.push(("✎ note".to_string(), Kind::Change));
    }
    out
}

/// Cells between two parts on a meta line: ` · `.
const SEPARATOR: usize = 3;

/// Which parts go on which line when parts `widths` wide are packed into lines of `width`
/// cells, ` · ` between parts on a line (a part is cut to the line, so it is never wider).
fn pack(widths: impl IntoIterator<Item = usize>, width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let (mut start, mut used, mut n) = (0, 0, 0);
    for (i, w) in widths.into_iter().enumerate() {
        if i > start && used + SEPARATOR + w > width {
            lines.push(start..i);
            (start, used) = (i, 0);
        }
        used += if i > start { SEPARATOR + w } else { w };
        n = i + 1;
    }
    if n > start {
        lines.push(start..n);
    }
    lines
}

/// The cells a part takes on a line of `width`: cut with `…` when wider.
fn part_width(part: &MetaPart, width: usize) -> usize {
    crate::text::width(&truncate(&part.text, width))
}

/// Packs the meta parts into lines of `width` cells, ` · ` between parts on a line; a part wider
/// than a line is cut with `…`.
pub fn meta_lines(parts: Vec<MetaPart>, width: usize) -> Vec<Vec<Span>> {
    let layout = pack(parts.iter().map(|p| part_width(p, width)), width);
    layout
        .into_iter()
        .map(|range| {
            let mut line: Vec<Span> = Vec::new();
            for part in parts.get(range).unwrap_or(&[]) {
                if !line.is_empty() {
                    line.push(Span::new(" · ", Kind::Dim));
                }
                line.extend(styled::one_line(
                    &part.text,
                    part.kind,
                    &part.highlights,
                    width,
                ));
            }
            line
        })
        .collect()
}

/// How many lines the meta parts take at `width`: the packing [`meta_lines`] draws.
fn meta_rows(parts: &[MetaPart], width: usize) -> usize {
    pack(parts.iter().map(|p| part_width(p, width)), width).len()
}

/// An item as the panes show it: gutter marker, wrapped text, meta lines; the selected one on
/// the selection band across the pane's full width.
pub fn item_lines(ctx: &Ctx, r: ItemRef, width: u16, selected: bool) -> Vec<Line> {
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return Vec::new();
    };
    let wrapped = ctx.wraps.get(b, r, width);
    let text = crate::text::display(&item.text);
    let highlights = search_highlights(ctx, r);
    let body = styled::lines(
        &text,
        &wrapped,
        Kind::Plain,
        &highlights,
        usize::from(width),
    );
    // The item marked with `v` keeps a mark in the gutter until a second one is picked.
    let marker = match (selected, ctx.marked == Some(r)) {
        (_, true) => Span::new("◆ ", Kind::Marker),
        (true, false) => Span::new("▌ ", Kind::Marker),
        (false, false) => Span::plain("  "),
    };
    let band = selected.then_some(Kind::Selected);
    let mut out: Vec<Line> = body
        .into_iter()
        .map(|mut line| {
            line.spans.insert(0, marker.clone());
            line.banded(band)
        })
        .collect();
    for spans in meta_lines(meta_parts(ctx, item, r), usize::from(width)) {
        let mut line = vec![marker.clone()];
        line.extend(spans);
        out.push(Line::new(line).banded(band));
    }
    if selected {
        // The band spans the pane's full width, not just the text.
        let full = usize::from(width) + usize::from(layout::GUTTER) + 1;
        for line in &mut out {
            let w = line.width();
            if w < full {
                line.spans.push(Span::plain(" ".repeat(full - w)));
            }
        }
    }
    out
}

/// Lines an item takes in a pane whose text is `width` wide: text, meta lines, a blank line.
/// Counts what [`item_lines`] draws without styling any of it.
pub fn item_height(ctx: &Ctx, r: ItemRef, width: u16) -> usize {
    let b = ctx.briefing();
    let Some(item) = b.item(r) else { return 1 };
    let text = ctx.wraps.get(b, r, width).len();
    let meta = meta_rows(&meta_parts(ctx, item, r), usize::from(width));
    text + meta + 1
}

/// What one pane shows: its items from `top` down, as many lines as fit in `height`, a blank
/// line after each. `selected` is drawn as selected when `focused`.
pub fn pane_lines(
    ctx: &Ctx,
    section: Section,
    top: usize,
    selected: usize,
    focused: bool,
    width: u16,
    height: usize,
) -> Vec<Line> {
    let n = ctx.briefing().section(section).len();
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for i in top..n {
        if lines.len() >= height {
            break;
        }
        let r = ItemRef::new(section, i);
        let mut item = item_lines(ctx, r, width, i == selected && focused);
        // An item taller than the pane starts at the top of it (see `App::keep_in_view`): if
        // the current search match is below the bottom, show the item from higher up its lines
        // so the match is on screen.
        if lines.is_empty() && item.len() > height {
            if let Some(at) = item.iter().position(Line::holds_current_match) {
                if at >= height {
                    item.drain(..at + 1 - height);
                }
            }
        }
        lines.extend(item);
        lines.push(Line::default());
    }
    lines.truncate(height);
    lines
}

/// The narrow layout's tab bar, `width` cells: each section a third of it, `▶ 1 Claims (18)` for
/// the one in `focus`; `lens` are the sections' item counts, in [`Section::ALL`]'s order.
pub fn tabs(focus: Section, lens: [usize; 3], width: u16) -> Line {
    tabs_with(Some(focus), lens, None, width)
}

/// The tab bar with the Judgments tab when `judgments` counts some: four tabs of a quarter
/// each, the focused section's (or, with `focus` None, the Judgments tab) marked.
pub fn tabs_with(
    focus: Option<Section>,
    lens: [usize; 3],
    judgments: Option<usize>,
    width: u16,
) -> Line {
    let n_tabs = if judgments.is_some() { 4 } else { 3 };
    let each = usize::from(width) / n_tabs;
    let tab = |active: bool, number: usize, title: &str, n: usize| {
        let label = format!("{} {number} {title}", if active { "▶" } else { " " });
        let text = truncate(&format!("{label} ({n})"), each.saturating_sub(1)).into_owned();
        let kind = if active { Kind::TabActive } else { Kind::Tab };
        Span::new(format!("{text:<each$}"), kind)
    };
    let mut spans: Vec<Span> = Section::ALL
        .iter()
        .zip(lens)
        .enumerate()
        .map(|(i, (&s, n))| tab(Some(s) == focus, i + 1, s.title(), n))
        .collect();
    if let Some(n) = judgments {
        spans.push(tab(focus.is_none(), 4, "Judgments", n));
    }
    Line::new(spans)
}

/// What an empty pane says under a `&` filter: `no items match status:denied · & to change`
/// when nothing matches at all, else that none of this pane's do.
pub fn none_match(filter: &str, shown: usize) -> String {
    let filter = crate::text::sanitize_line(filter);
    if shown == 0 {
        format!("no items match {filter} · & to change")
    } else {
        format!("none here match {filter}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_pack_into_lines_with_separators_and_a_wide_part_on_its_own() {
        // 5 + 3 + 5 + 3 + 4 = 20: one line; a cell more and the third part starts a line.
        assert_eq!(pack([5, 5, 4], 20), vec![0..3]);
        assert_eq!(pack([5, 5, 5], 20), vec![0..2, 2..3]);
        assert_eq!(pack([20, 1], 20), vec![0..1, 1..2]);
        assert_eq!(pack([], 20), Vec::<Range<usize>>::new());
    }

    #[test]
    fn tabs_take_a_third_each_and_mark_the_focused_one() {
        let line = tabs(Section::Responses, [18, 12, 9], 60);
        assert_eq!(line.width(), 60);
        assert_eq!(
            line.text(),
            "  1 Claims (18)     ▶ 2 Responses (12)    3 Context (9)     "
        );
        let kinds: Vec<Kind> = line.spans.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, vec![Kind::Tab, Kind::TabActive, Kind::Tab]);
        // Cut to fit, one cell left between tabs.
        assert_eq!(
            tabs(Section::Claims, [18, 12, 9], 30).text(),
            "▶ 1 Clai…   2 Resp…   3 Cont… "
        );
    }
}
