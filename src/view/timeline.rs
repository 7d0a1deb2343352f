//! The timeline laid out: one row per dated item in time order, the date and the gap in days
//! since the previous date on the first row of each day, one narrow lane per source (the item's
//! mark sits in its source's lane), then the source and what was said. Below, the selected item
//! in full and the key to the lanes.

use ratatui::layout::Rect;

use super::layout;
use super::line::{Kind, Line, Span};
use super::tables::{in_view, timeline_footer as footer, timeline_rows as rows};
use crate::briefing::analysis::{Lane, Timeline};
use crate::briefing::{Briefing, Document, Item, Section};
use crate::text::{sanitize_line, truncate, width};

const DATE_W: usize = 10;
/// The fewest cells of the gap column (`+999d`); wider gaps widen it for the whole view.
const GAP_MIN: usize = 5;
/// `+Nd`: the days since the previous date.
fn gap_text(days: impl std::fmt::Display) -> String {
    format!("+{days}d")
}

/// The width of the gap column: the widest gap of the timeline (found once, when it is
/// derived), so the lanes stay in line on every row and while scrolling.
fn gap_w(t: &Timeline) -> usize {
    t.widest_gap
        .map_or(GAP_MIN, |g| width(&gap_text(g)).max(GAP_MIN))
}

/// `Lanes: 1 gov · 2 paper`, wrapped to `w` between entries, never inside one (an entry wider
/// than a line is cut). At most `max` lines: when more entries are left, the last line ends in
/// ` …` after its last whole entry.
fn legend_lines(entries: &[String], w: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::from("Lanes:");
    let mut on_line: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let sep = if on_line.is_empty() && lines.is_empty() {
            " "
        } else {
            " · "
        };
        if width(&cur) + width(sep) + width(e) <= w {
            cur.push_str(sep);
            cur.push_str(e);
            on_line.push(i);
            continue;
        }
        if lines.len() + 1 >= max {
            // No room for another line: end this one with `…`, giving way entry by entry.
            while width(&cur) + 2 > w && on_line.len() > 1 {
                on_line.pop();
                let keep: Vec<&str> = on_line
                    .iter()
                    .filter_map(|&k| entries.get(k).map(String::as_str))
                    .collect();
                let head = if lines.is_empty() { "Lanes: " } else { "" };
                cur = format!("{head}{}", keep.join(" · "));
            }
            lines.push(truncate(&format!("{cur} …"), w).into_owned());
            return lines;
        }
        lines.push(truncate(&cur, w).into_owned());
        cur = truncate(e, w).into_owned();
        on_line = vec![i];
    }
    lines.push(cur);
    lines
}

/// The marks of items that are not responses (responses show their stance glyph).
pub const CLAIM_MARK: &str = "●";
pub const CONTEXT_MARK: &str = "○";
/// The one-character key of lane `i` in the header and the legend.
pub fn lane_key(i: usize) -> char {
    const KEYS: &[u8] = b"123456789abcdefghijklmnopqrstuvwxyz";
    KEYS.get(i).map_or('+', |&c| char::from(c))
}

/// The cells each lane takes: 2 when they fit in a third of the width, else 1; 0 when even
/// that does not fit (then the marks share one column and the source names tell them apart).
fn lane_w(lanes: usize, w: usize) -> usize {
    if lanes * 2 <= w / 3 {
        2
    } else if lanes <= w / 3 {
        1
    } else {
        0
    }
}

fn lane_id(b: &Briefing, lane: Option<&Lane>) -> String {
    match lane {
        Some(Some(i)) => b
            .sources
            .get(*i)
            .map_or_else(|| "?".into(), |s| sanitize_line(&s.id).into_owned()),
        _ => "no source".into(),
    }
}

/// The mark of an item in its lane, and its kind.
pub fn mark(item: &Item) -> (&'static str, Kind) {
    match (item.section, item.stance) {
        (Section::Responses, Some(s)) => (s.glyph(), Kind::Stance(s)),
        (Section::Context, _) => (CONTEXT_MARK, Kind::Meta),
        _ => (CLAIM_MARK, Kind::Title),
    }
}

/// The title of the timeline's box: how many items, days and sources, and the undated left out.
pub fn title(doc: &Document) -> String {
    let tl = &doc.analysis().timeline;
    let undated = if tl.undated > 0 {
        format!(" · {} undated not shown", tl.undated)
    } else {
        String::new()
    };
    format!(
        " Timeline · {} on {} · {}{undated} ",
        crate::text::count(tl.entries.len(), "item"),
        crate::text::count(tl.days.len(), "day"),
        crate::text::count(tl.lanes.len(), "source")
    )
}

/// The lines inside the timeline's box over `body`, entry `cursor` selected and the entries
/// from `scroll` shown: the header, the rows, and the footer as the height allows.
pub fn lines(doc: &Document, cursor: usize, scroll: usize, body: Rect) -> Vec<Line> {
    let b = &doc.briefing;
    let tl = &doc.analysis().timeline;
    let inner = layout::inner(body);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let lw = lane_w(tl.lanes.len(), w);
    let lanes_w = if lw == 0 { 1 } else { tl.lanes.len() * lw };
    let gap_w = gap_w(tl);
    let text_w = w.saturating_sub(DATE_W + gap_w + lanes_w + 4);
    let cur_lane = tl.entries.get(cursor).map(|e| e.lane);

    let mut lines: Vec<Line> = Vec::new();
    let mut head = vec![Span::new(
        format!("{:<DATE_W$} {:>gap_w$}  ", "Date", "Gap"),
        Kind::Heading,
    )];
    if lw == 0 {
        head.push(Span::plain(" "));
    }
    for i in (0..tl.lanes.len()).filter(|_| lw > 0) {
        let key = format!("{:<lw$}", lane_key(i));
        head.push(Span::new(
            key,
            if Some(i) == cur_lane {
                Kind::Marker
            } else {
                Kind::Meta
            },
        ));
    }
    head.push(Span::new(
        truncate(" Source: what was said", text_w + 2).into_owned(),
        Kind::Heading,
    ));
    lines.push(Line::new(head));

    if tl.entries.is_empty() {
        lines.push(Line::of("No item shown has a date.", Kind::Dim));
    }
    let shown = rows(body);
    for (i, e, selected) in in_view(&tl.entries, scroll, shown, cursor) {
        let Some(item) = b.item(e.item) else { continue };
        let day = tl.days.get(e.day);
        let first_of_day = day.is_some_and(|d| d.first == i) || i == scroll;
        let (date, gap) = match day {
            Some(d) if first_of_day => (
                d.date.to_string(),
                d.gap
                    .filter(|_| d.first == i)
                    .map_or_else(String::new, gap_text),
            ),
            _ => (String::new(), String::new()),
        };
        let mut spans = vec![
            Span::new(format!("{date:<DATE_W$} "), Kind::Meta),
            Span::new(format!("{gap:>gap_w$} "), Kind::Gap),
            if selected {
                Span::new("▶", Kind::Marker)
            } else {
                Span::plain(" ")
            },
        ];
        let (m, m_kind) = mark(item);
        if lw == 0 {
            spans.push(Span::new(m, m_kind));
        }
        for lane in (0..tl.lanes.len()).filter(|_| lw > 0) {
            let s = if lane == e.lane {
                Span::new(format!("{m:<lw$}"), m_kind)
            } else {
                Span::new(format!("{:<lw$}", "│"), Kind::Border)
            };
            spans.push(s);
        }
        let who = lane_id(b, tl.lanes.get(e.lane));
        let text = sanitize_line(&crate::text::display(item.text.trim())).into_owned();
        spans.push(Span::plain(" "));
        spans.push(Span::new(
            truncate(&format!("{who}: "), text_w).into_owned(),
            Kind::Meta,
        ));
        let room = text_w.saturating_sub(width(&who) + 2);
        spans.push(Span::plain(truncate(&text, room).into_owned()));
        lines.push(Line::new(spans).banded(selected.then_some(Kind::Selected)));
    }
    let f = footer(h);
    let body_h = h.saturating_sub(f);
    lines.truncate(body_h);
    while lines.len() < body_h {
        lines.push(Line::default());
    }
    if f > 0 {
        lines.push(Line::of("─".repeat(w), Kind::Border));
        lines.push(selected_meta(doc, cursor, w));
        if f >= 6 {
            // The key to the lanes takes one or two lines; the item's text gets the rest.
            // Only as many lanes as two lines can show.
            let mut key: Vec<String> = Vec::new();
            let mut len = 0;
            for i in 0..tl.lanes.len() {
                if len > 2 * w {
                    break;
                }
                let k = format!("{} {}", lane_key(i), lane_id(b, tl.lanes.get(i)));
                len += width(&k) + 3;
                key.push(k);
            }
            let legend = legend_lines(&key, w, 2);
            let text_lines = 3 - legend.len();
            let text = tl
                .entries
                .get(cursor)
                .and_then(|e| b.item(e.item))
                .map_or(String::new(), |i| i.text.clone());
            let wrapped = crate::text::wrap(text.trim(), w);
            for k in 0..text_lines {
                let l = wrapped.get(k).cloned().unwrap_or_default();
                let l = if k + 1 == text_lines && wrapped.len() > text_lines {
                    truncate(&format!("{l} …"), w).into_owned()
                } else {
                    l
                };
                lines.push(Line::plain(l));
            }
            for l in legend {
                lines.push(Line::of(l, Kind::Dim));
            }
            lines.push(Line::of(
                truncate(
                    &format!("{CLAIM_MARK} claim  {CONTEXT_MARK} context  ✓ ✗ ± ~ ∅ response (its stance)  +Nd days since the previous date"),
                    w,
                )
                .into_owned(),
                Kind::Dim,
            ));
        }
    }
    lines
}

/// `response mnd-denial · Ministry of National Defense · 2025-05-23 · ✗ denies withdrawal-option`.
fn selected_meta(doc: &Document, cursor: usize, w: usize) -> Line {
    let b = &doc.briefing;
    let tl = &doc.analysis().timeline;
    let Some((e, item)) = tl
        .entries
        .get(cursor)
        .and_then(|e| b.item(e.item).map(|i| (e, i)))
    else {
        return Line::default();
    };
    let mut parts = vec![format!(
        "{} {}",
        item.section.singular(),
        sanitize_line(&item.id)
    )];
    if let Some(name) = b.source_name(item) {
        parts.push(sanitize_line(name).into_owned());
    }
    parts.push(e.date.to_string());
    if let Some(s) = item.status {
        parts.push(s.word().to_string());
    }
    if let Some(s) = item.stance {
        let targets: Vec<String> = item
            .responds_to
            .iter()
            .map(|t| sanitize_line(t).into_owned())
            .collect();
        parts.push(format!("{} {} {}", s.glyph(), s.word(), targets.join(", ")));
    }
    Line::of(truncate(&parts.join(" · "), w).into_owned(), Kind::Heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lane_legend_wraps_between_entries_and_ends_in_an_ellipsis_when_cut() {
        let e: Vec<String> = ["1 gov", "2 paper", "3 union"].map(String::from).into();
        assert_eq!(
            legend_lines(&e, 40, 2),
            vec!["Lanes: 1 gov · 2 paper · 3 union"]
        );
        assert_eq!(
            legend_lines(&e, 22, 2),
            vec!["Lanes: 1 gov · 2 paper", "3 union"]
        );
        assert_eq!(legend_lines(&e, 22, 1), vec!["Lanes: 1 gov …"]);
    }
}
