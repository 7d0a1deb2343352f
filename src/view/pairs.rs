//! Contradictions side by side, laid out: the areas of the view (header, strip of every pair,
//! the two sides, the note), what a click hits, and each part's lines — the sides with their
//! figures and shared words marked, the note, the strip. The app hit-tests clicks with
//! [`hit`]; the ui draws [`areas`] and the lines into borders.

use std::collections::HashSet;
use std::sync::OnceLock;

use ratatui::layout::Rect;
use regex::Regex;

use super::line::{Kind, Line, Span};
use super::marks::{field_matches, hidden_match_marks, FieldMatches, SHOWN_FIELDS};
use super::styled::{self, Highlight};
use super::{layout, Ctx};
use crate::briefing::search::{Field, Place};
use crate::briefing::{ItemRef, Pair, PairKind, Section, Side};
use crate::text::{sanitize, sanitize_line};

/// The areas of the view, shared by drawing and mouse hit-testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub strip: Rect,
    pub left: Rect,
    pub right: Rect,
    pub note: Rect,
}

const STRIP_MAX: u16 = 6;

/// A count of lines as screen rows; a text can wrap to more lines than a screen has rows.
fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The areas of the view of pair `index` in `body`.
pub fn areas(ctx: &Ctx, index: usize, body: Rect) -> Areas {
    let n = rows(ctx.doc.relations.pairs.len());
    let header = Rect {
        height: 1.min(body.height),
        ..body
    };
    let strip_h = if body.height >= 16 {
        (n.min(STRIP_MAX) + 2).min(body.height / 5 + 2)
    } else {
        0
    };
    let strip = Rect {
        y: header.bottom(),
        height: strip_h,
        ..body
    };
    let rest_y = strip.bottom();
    let rest_h = body.bottom().saturating_sub(rest_y);
    let note_lines = note_text(ctx, index).map_or(0, |t| {
        crate::text::wrap(&t, usize::from(body.width.saturating_sub(2))).len()
    });
    // Each side is as tall as its text (plus the id line and borders), within the room there is.
    let wide = body.width >= layout::PAIR_SIDE_BY_SIDE;
    let side_w = if wide { body.width / 2 } else { body.width };
    let need = |r: Option<ItemRef>| -> u16 {
        let lines = r.map_or(0, |r| {
            ctx.wraps
                .get(ctx.briefing(), r, side_w.saturating_sub(2).max(1))
                .len()
        });
        rows(lines).saturating_add(3)
    };
    let pair = ctx.doc.relations.pairs.get(index);
    let (need_l, need_r) = (need(pair.map(|x| x.left)), need(pair.map(|x| x.right)));
    let sides_need = if wide {
        need_l.max(need_r)
    } else {
        need_l.saturating_add(need_r)
    };
    // The note takes what the sides leave, and at least a third when they fill the screen.
    let note_need = if note_lines == 0 {
        0
    } else {
        rows(note_lines).saturating_add(2)
    };
    let mut note_h = note_need.min(rest_h.saturating_sub(sides_need).max(rest_h / 3));
    if note_h < 3 {
        note_h = 0;
    }
    let room = rest_h.saturating_sub(note_h);
    let (left, right) = if wide {
        let h = need_l.max(need_r).min(room);
        let sides = Rect {
            y: rest_y,
            height: h,
            ..body
        };
        (
            Rect {
                width: side_w,
                ..sides
            },
            Rect {
                x: sides.x + side_w,
                width: sides.width - side_w,
                ..sides
            },
        )
    } else {
        let half = room / 2;
        let (hl, hr) = if need_l.saturating_add(need_r) <= room {
            (need_l, need_r)
        } else if need_l <= half {
            (need_l, room - need_l)
        } else if need_r <= half {
            (room - need_r, need_r)
        } else {
            (half, room - half)
        };
        (
            Rect {
                y: rest_y,
                height: hl,
                ..body
            },
            Rect {
                y: rest_y + hl,
                height: hr,
                ..body
            },
        )
    };
    let note = Rect {
        y: left.bottom().max(right.bottom()),
        height: note_h,
        ..body
    };
    Areas {
        header,
        strip,
        left,
        right,
        note,
    }
}

/// What a click in the view lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// One side of the pair on screen.
    Side(Side),
    /// A pair in the strip.
    Pair(usize),
}

/// What a click at (`x`, `y`) hits in the view of pair `index` in a terminal of `size`.
pub fn hit(ctx: &Ctx, index: usize, size: Rect, x: u16, y: u16) -> Option<Hit> {
    let a = areas(ctx, index, layout::body(size));
    let pos = (x, y).into();
    if a.left.contains(pos) {
        return Some(Hit::Side(Side::Left));
    }
    if a.right.contains(pos) {
        return Some(Hit::Side(Side::Right));
    }
    let inner = layout::inner(a.strip);
    let n = ctx.doc.relations.pairs.len();
    if inner.contains(pos) {
        let (first, _) = strip_window(n, index, usize::from(inner.height));
        let at = first + usize::from(y - inner.y);
        if at < n {
            return Some(Hit::Pair(at));
        }
    }
    None
}

fn strip_window(n: usize, current: usize, height: usize) -> (usize, usize) {
    let height = height.max(1);
    let first = current
        .saturating_sub(height / 2)
        .min(n.saturating_sub(height));
    (first, (first + height).min(n))
}

fn section_word(s: Section) -> &'static str {
    match s {
        Section::Claims => "Claim",
        Section::Responses => "Response",
        Section::Context => "Context",
    }
}

/// The note and, for implied pairs, the stance in words.
pub fn note_text(ctx: &Ctx, index: usize) -> Option<String> {
    note_with_matches(ctx, index).map(|(text, _)| text)
}

const NOTE_LABEL: &str = "Note: ";

/// The note text, with the search matches in the note.
fn note_with_matches(ctx: &Ctx, index: usize) -> Option<(String, FieldMatches)> {
    let pair = ctx.doc.relations.pairs.get(index)?;
    let b = ctx.briefing();
    let mut parts = Vec::new();
    if let (PairKind::Implied, Some(stance)) = (pair.kind, pair.stance) {
        let who = b
            .item(pair.right)
            .and_then(|r| b.source_name(r))
            // The name as the file gives it: an article before it reads wrong as often as not
            // ("The 서울특별시", "The Ministry of …" when the file says "Ministry of …").
            .map_or("The response".to_string(), |n| {
                sanitize_line(n).into_owned()
            });
        parts.push(format!("{who} {} this.", stance.word()));
    }
    let mut found = FieldMatches::default();
    if let Some(note) = &pair.note {
        let before: usize = parts.iter().map(|p: &String| p.len() + 1).sum();
        found = note_matches(ctx, pair, before + NOTE_LABEL.len(), false);
        parts.push(format!("{NOTE_LABEL}{}", sanitize(note)));
    }
    (!parts.is_empty()).then(|| (parts.join("\n"), found))
}

/// The search matches in a pair's note, which joins the notes of its declared entries with
/// newlines; drawn `shift` bytes in, on one line (newlines as `↵`) or not.
fn note_matches(ctx: &Ctx, pair: &Pair, shift: usize, one_line: bool) -> FieldMatches {
    let mut out = FieldMatches::default();
    let mut at = shift;
    let joint = if one_line { '↵'.len_utf8() } else { 1 };
    for &k in &pair.notes {
        let place = Place::Contradiction(k);
        let found = field_matches(ctx, place, Field::Note, one_line, at);
        out.current = out.current.or(found.current);
        out.highlights.extend(found.highlights);
        let text = ctx
            .doc
            .index()
            .field_text(ctx.briefing(), place, Field::Note);
        let shown = if one_line {
            sanitize_line(text).len()
        } else {
            text.len()
        };
        at += shown + joint;
    }
    out
}

/// The header line: `Contradiction 2/7 · implied · Claim vs Response`.
pub fn header(ctx: &Ctx, index: usize) -> Option<String> {
    let pairs = &ctx.doc.relations.pairs;
    let pair = pairs.get(index)?;
    let kind = match pair.kind {
        PairKind::Implied => "implied",
        PairKind::Declared => "declared",
    };
    Some(format!(
        " Contradiction {}/{} · {} · {} vs {}",
        index + 1,
        pairs.len(),
        kind,
        section_word(pair.left.section),
        section_word(pair.right.section)
    ))
}

/// The note's lines in a box `area` (its border inside), from the line before the current
/// search match when that is below the box.
pub fn note_lines(ctx: &Ctx, index: usize, area: Rect) -> Vec<Line> {
    let Some((text, found)) = note_with_matches(ctx, index) else {
        return Vec::new();
    };
    let wrapped = crate::text::wrap(&text, usize::from(area.width.saturating_sub(2)));
    // The lines come from the text as displayed: single line breaks unfolded.
    let shown = crate::text::display(&text);
    let mut lines = styled::lines(&shown, &wrapped, Kind::Plain, &found.highlights);
    // A match below the note's box: show the lines from the one before it.
    let room = usize::from(area.height.saturating_sub(2));
    if let Some(at) = found.current {
        let line = styled::line_of(&shown, &wrapped, at);
        if line >= room {
            lines.drain(..(line + 1 - room).min(lines.len()));
        }
    }
    lines
}

/// The strip's lines: the pairs around the current one, each `▶  2 ± c1 ↔ r3 — note`, in a box
/// `inner` wide and high.
pub fn strip_lines(ctx: &Ctx, current: usize, inner: Rect) -> Vec<Line> {
    let pairs = &ctx.doc.relations.pairs;
    let (first, end) = strip_window(pairs.len(), current, usize::from(inner.height));
    let b = ctx.briefing();
    let id = |r: ItemRef| {
        b.item(r)
            .map_or(String::new(), |i| sanitize_line(&i.id).into_owned())
    };
    (first..end)
        .filter_map(|i| {
            let pair = pairs.get(i)?;
            let sel = i == current;
            let glyph = pair.stance.map_or("⚡", |s| s.glyph());
            let mut text = format!(
                "{}{:>3} {glyph} {} ↔ {}",
                if sel { "▶" } else { " " },
                i + 1,
                id(pair.left),
                id(pair.right)
            );
            let mut found = FieldMatches::default();
            if let Some(n) = pair.note.as_deref() {
                text.push_str(" — ");
                found = note_matches(ctx, pair, text.len(), true);
                text.push_str(&sanitize_line(n));
            }
            let kind = if sel {
                Kind::SelectedMarker
            } else {
                Kind::Plain
            };
            let spans = styled::one_line(&text, kind, &found.highlights, usize::from(inner.width));
            Some(Line::new(spans))
        })
        .collect()
}

/// A side's heading: section · status or stance · date · source, with the search matches in the
/// date and the source. What tells the conflict comes first; a long source name is what gives
/// way, cut with `…`, so the status or stance always shows where anything after it can.
pub fn side_heading(ctx: &Ctx, r: ItemRef, kind: Kind, max: usize) -> Vec<Span> {
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return Vec::new();
    };
    let place = Place::Item(r);
    let mut head = format!(" {}", section_word(r.section));
    if let Some(s) = item.status {
        head.push_str(&format!(" · {}", s.word()));
    }
    if let Some(s) = item.stance {
        head.push_str(&format!(" · {} {}", s.glyph(), s.word()));
    }
    let mut found: Vec<Highlight> = Vec::new();
    if let Some(d) = item.date {
        head.push_str(" · ");
        let m = field_matches(ctx, place, Field::Date, false, head.len());
        found.extend(m.highlights);
        head.push_str(&d.to_string());
    }
    const SEP: &str = " · ";
    // The source needs room for a few cells besides its separator and the closing space.
    let room = max.saturating_sub(crate::text::width(&head) + crate::text::width(SEP) + 1);
    let name = b.source_name(item).map(sanitize_line);
    let mut spans = match name {
        Some(name) if room >= 4 => {
            let mut spans = styled::one_line(&head, kind, &found, usize::MAX);
            spans.push(Span::new(SEP, kind));
            let m = field_matches(ctx, place, Field::Source, true, 0);
            spans.extend(styled::one_line(&name, kind, &m.highlights, room));
            spans
        }
        _ => styled::one_line(&head, kind, &found, max.saturating_sub(1)),
    };
    spans.push(Span::new(" ", kind));
    spans
}

/// A side's lines in a box `inner` (inside its border): the text with its figures, shared words
/// and search matches marked, then the id and a mark for each field with a match the view does
/// not draw; a text taller than the box says it goes on rather than being cut silently.
pub fn side_lines(ctx: &Ctx, r: ItemRef, highlights: Vec<Highlight>, inner: Rect) -> Vec<Line> {
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return Vec::new();
    };
    let text = crate::text::display(&item.text);
    let wrapped = ctx.wraps.get(b, r, inner.width);
    let found = field_matches(ctx, Place::Item(r), Field::Text, false, 0);
    let current_line = found.current.map(|at| styled::line_of(&text, &wrapped, at));
    let mut all = highlights;
    all.extend(found.highlights);
    let mut lines = styled::lines(&text, &wrapped, Kind::Plain, &all);
    let marks: Vec<Span> = hidden_match_marks(ctx, r, &SHOWN_FIELDS)
        .into_iter()
        .flat_map(|(mark, kind)| [Span::new(" · ", Kind::Dim), Span::new(mark, kind)])
        .collect();
    let height = usize::from(inner.height);
    let mut last = if lines.len() + 1 > height {
        // Show the lines from the current match's when it would be below the cut.
        let room = height.saturating_sub(1);
        let first = match current_line {
            Some(line) if line >= room => line + 1 - room,
            _ => 0,
        };
        lines = lines.into_iter().skip(first).take(room).collect();
        vec![Span::new("… (Enter: the full text)", Kind::Dim)]
    } else {
        vec![Span::new(
            format!("#{}", sanitize_line(&item.id)),
            Kind::Dim,
        )]
    };
    last.extend(marks);
    lines.push(Line::new(last));
    lines
}

fn figure_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?xi)
            \b\d{4}-\d{2}-\d{2}\b
            # A month name only with a day or a year next to it: `may` alone is a verb.
            | \b\d{1,2}(?:st|nd|rd|th)?\s(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:,?\s\d{4})?\b
            | \b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s\d{4}\b
            | \b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s\d{4})?\b
            | [$€£₩¥]?\d+(?:[.,]\d+)*(?:\s?%|\s?(?:per\s?cent|percent|bn|billion|million|trillion|tn|m|k)\b|\s?(?:원|억|만|명))?
            ",
        )
        .ok()
    })
    .as_ref()
}

/// Byte ranges of numbers, amounts, percentages and dates in `text`.
pub fn figures(text: &str) -> Vec<std::ops::Range<usize>> {
    figure_regex().map_or_else(Vec::new, |re| {
        re.find_iter(text).map(|m| m.range()).collect()
    })
}

const STOPWORDS: &[&str] = &[
    "that", "this", "with", "from", "have", "has", "had", "were", "been", "being", "their",
    "there", "they", "them", "which", "would", "could", "should", "about", "into", "than", "then",
    "also", "said", "says", "will", "what", "when", "where", "while", "such", "some", "more",
    "most", "other", "only", "over", "under", "after", "before", "between", "because", "does",
    "did", "not", "its", "it's", "the", "and", "for", "are", "was", "any", "all", "each", "very",
    "just", "your", "ours", "upon", "through", "these", "those", "here", "whose", "since",
    "against",
];

/// Words in `text` with their byte ranges, lower-cased.
fn words(text: &str) -> impl Iterator<Item = (String, std::ops::Range<usize>)> + '_ {
    let mut start: Option<usize> = None;
    let mut out = Vec::new();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '-';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if let Some(w) = text.get(s..i) {
                    out.push((
                        w.trim_matches(|c| c == '\'' || c == '-').to_lowercase(),
                        s..i,
                    ));
                }
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

fn significant(w: &str) -> bool {
    let n = w.chars().count();
    let wide = w
        .chars()
        .any(|c| crate::text::width(c.encode_utf8(&mut [0; 4])) > 1 || !c.is_ascii());
    (n >= 4 || (wide && n >= 2))
        && !STOPWORDS.contains(&w)
        && !w.chars().all(|c| c.is_ascii_digit())
}

/// Highlights for both texts of a pair: figures in each, and the significant words they share.
pub fn shared_highlights(ctx: &Ctx, pair: &Pair) -> (Vec<Highlight>, Vec<Highlight>) {
    let b = ctx.briefing();
    let lt = b
        .item(pair.left)
        .map(|i| crate::text::display(&i.text).into_owned())
        .unwrap_or_default();
    let rt = b
        .item(pair.right)
        .map(|i| crate::text::display(&i.text).into_owned())
        .unwrap_or_default();
    highlight_pair(&lt, &rt)
}

pub fn highlight_pair(left: &str, right: &str) -> (Vec<Highlight>, Vec<Highlight>) {
    let lw: HashSet<String> = words(left)
        .map(|(w, _)| w)
        .filter(|w| significant(w))
        .collect();
    let rw: HashSet<String> = words(right)
        .map(|(w, _)| w)
        .filter(|w| significant(w))
        .collect();
    // Korean attaches particles to words (인상 / 인상은): for non-ASCII words a shared stem counts.
    let same = |a: &str, b: &str| {
        a == b
            || (!a.is_ascii()
                && !b.is_ascii()
                && a.chars().count().min(b.chars().count()) >= 2
                && (a.starts_with(b) || b.starts_with(a)))
    };
    let shared_l: HashSet<&String> = lw
        .iter()
        .filter(|w| rw.iter().any(|v| same(w, v)))
        .collect();
    let shared_r: HashSet<&String> = rw
        .iter()
        .filter(|w| lw.iter().any(|v| same(w, v)))
        .collect();
    let mark = |text: &str, shared: &HashSet<&String>| {
        let mut out: Vec<Highlight> = words(text)
            .filter(|(w, _)| shared.contains(w))
            .map(|(_, range)| Highlight {
                range,
                mark: Kind::Shared,
            })
            .collect();
        out.extend(figures(text).into_iter().map(|range| Highlight {
            range,
            mark: Kind::Figure,
        }));
        out
    };
    (mark(left, &shared_l), mark(right, &shared_r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, hs: &[Highlight], mark: Kind) -> Vec<&'a str> {
        hs.iter()
            .filter(|h| h.mark == mark)
            .filter_map(|h| text.get(h.range.clone()))
            .collect()
    }

    #[test]
    fn a_month_name_is_a_date_only_with_a_day_or_a_year() {
        let got = |t: &'static str| -> Vec<&'static str> {
            figures(t).into_iter().filter_map(|r| t.get(r)).collect()
        };
        assert_eq!(
            got("Under city ordinance no single fare rise may exceed 10%."),
            vec!["10%"]
        );
        assert_eq!(got("They may, in March, march on."), Vec::<&str>::new());
        assert_eq!(
            got("on May 23, then 23 May, in May 2025, on May 23, 2025 and 1st June 2024"),
            vec![
                "May 23",
                "23 May",
                "May 2025",
                "May 23, 2025",
                "1st June 2024"
            ]
        );
        assert_eq!(got("since February 1, 2025."), vec!["February 1, 2025"]);
    }

    #[test]
    fn figures_are_numbers_amounts_percentages_and_dates() {
        let t = "roughly 4,500 of 28,500 troops; $1.1bn in 2026, 8.3 per cent more; due 31 August; on 2025-05-23; 12% and ₩2,800";
        let got: Vec<&str> = figures(t).into_iter().filter_map(|r| t.get(r)).collect();
        assert_eq!(
            got,
            vec![
                "4,500",
                "28,500",
                "$1.1bn",
                "2026",
                "8.3 per cent",
                "31 August",
                "2025-05-23",
                "12%",
                "₩2,800"
            ]
        );
    }

    #[test]
    fn shared_significant_words_are_marked_on_both_sides() {
        let l = "The Pentagon weighs a withdrawal of troops from Korea";
        let r = "The ministry denies any talks on a troop withdrawal";
        let (lh, rh) = highlight_pair(l, r);
        assert_eq!(found(l, &lh, Kind::Shared), vec!["withdrawal"]);
        assert_eq!(found(r, &rh, Kind::Shared), vec!["withdrawal"]);
    }

    #[test]
    fn korean_words_are_compared_too() {
        let (lh, rh) = highlight_pair("통행료 12% 인상", "통행료 인상은 4%");
        assert_eq!(
            found("통행료 12% 인상", &lh, Kind::Shared),
            vec!["통행료", "인상"]
        );
        assert_eq!(
            found("통행료 인상은 4%", &rh, Kind::Shared),
            vec!["통행료", "인상은"]
        );
        assert_eq!(found("통행료 인상은 4%", &rh, Kind::Figure), vec!["4%"]);
    }
}
