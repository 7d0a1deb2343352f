//! The library list in kinds of text: one row per briefing (date, title, tags, counts), a file
//! that fails to load in place as an error, one still loading dimmed; and the progress words.

use super::line::{Kind, Line, Span};
use super::marks::MATCH_MARK;
use crate::briefing::summary::Summary;
use crate::briefing::Failure;
use crate::text::{sanitize_line, thousands, truncate, width};

/// `loading 1,234/5,000` while `pending` of `total` files load, else `12 briefings`, with how
/// many `failed` to load.
pub fn progress(total: usize, pending: usize, failed: usize) -> String {
    if pending > 0 {
        format!(
            "loading {}/{}",
            thousands(total.saturating_sub(pending)),
            thousands(total)
        )
    } else {
        let mut s = format!(
            "{} briefing{}",
            thousands(total),
            if total == 1 { "" } else { "s" }
        );
        if failed > 0 {
            s.push_str(&format!(" · {failed} with errors"));
        }
        s
    }
}

/// The list's title: ` Library · 12 briefings `.
pub fn title(progress: &str) -> Span {
    Span::new(format!(" Library · {progress} "), Kind::PaneTitleFocused)
}

/// What the list shows when there is nothing to list.
pub fn empty() -> Line {
    Line::of("No briefings.", Kind::Dim)
}

/// What the list shows when no briefing matches the `&` filter.
pub fn none_match(filter: &str) -> Line {
    Line::of(
        format!("no briefings match {} · & to change", sanitize_line(filter)),
        Kind::Dim,
    )
}

/// How many digits each count column (claims, responses, pairs) takes on the rows shown, so
/// the columns line up.
pub type Digits = [usize; 3];

fn digits(n: usize) -> usize {
    thousands(n).len()
}

/// The [`Digits`] of the briefings on screen.
pub fn count_digits<'a>(rows: impl Iterator<Item = &'a Summary>) -> Digits {
    let mut d = [1; 3];
    for s in rows {
        d[0] = d[0].max(digits(s.claims));
        d[1] = d[1].max(digits(s.responses));
        d[2] = d[2].max(digits(s.pairs));
    }
    d
}

/// One entry of the library as a row shows it.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The row of the last version that loaded.
    pub doc: Option<&'a Summary>,
    /// Why the file does not load (now).
    pub error: Option<&'a Failure>,
    /// The file's name.
    pub name: &'a str,
    pub selected: bool,
    /// While searching: how many matches the briefing holds, and whether the current one is
    /// among them.
    pub found: Option<(usize, bool)>,
    /// Items new and changed since it was last read (nothing shown when both are 0).
    pub changes: Option<(usize, usize)>,
}

/// The row of an entry, `w` cells wide, its counts right-aligned to `d` digits.
pub fn row(r: &Row, w: usize, d: Digits) -> Line {
    let marker = if r.selected {
        Span::new("▌ ", Kind::Marker)
    } else {
        Span::plain("  ")
    };
    let mut spans = vec![marker];
    let room = w.saturating_sub(2);
    match r.doc {
        Some(doc) => spans.extend(loaded(doc, r.error, r.found, r.changes, room, d)),
        None => spans.push(match r.error {
            Some(f) => {
                let name = sanitize_line(r.name);
                Span::new(
                    truncate(&format!("✗ {name}  {}", f.first()), room).into_owned(),
                    Kind::Error,
                )
            }
            None => Span::new(
                truncate(&format!("… {}  loading", sanitize_line(r.name)), room).into_owned(),
                Kind::Dim,
            ),
        }),
    }
    Line::new(spans).banded(r.selected.then_some(Kind::Selected))
}

/// A loaded briefing's row after the marker: date, title, its tags that fit (or the error of
/// the version on disk), the search mark and the counts, in `room` cells.
fn loaded(
    b: &Summary,
    error: Option<&Failure>,
    found: Option<(usize, bool)>,
    changes: Option<(usize, usize)>,
    room: usize,
    d: Digits,
) -> Vec<Span> {
    // Right-aligned to the widest count shown, so the columns line up.
    let [dc, dr, dp] = d;
    let counts = format!(
        " {:>dc$}c {:>dr$}r ⚡{:>dp$}",
        thousands(b.claims),
        thousands(b.responses),
        thousands(b.pairs)
    );
    let warn = error
        .map(|f| format!(" ⚠ {}", f.first()))
        .unwrap_or_default();
    let tags: Vec<String> = b
        .tags
        .iter()
        .take(64)
        .map(|t| format!(" #{}", sanitize_line(t)))
        .collect();
    // While searching: `⌕ 3`, the briefing's matches, as the current match when it is on one
    // of them, so the briefings that match stand out.
    let mark = found.map(|(n, current)| {
        let kind = if current {
            Kind::MatchCurrent
        } else {
            Kind::Match
        };
        Span::new(format!("{} {}", MATCH_MARK, thousands(n)), kind)
    });
    let mark_w = mark.as_ref().map_or(0, |m| m.width() + 1);
    // Since last read: `3 new · 2 changed`.
    let changed = changes.filter(|&(n, c)| n + c > 0).map(|(n, c)| {
        let mut parts = Vec::new();
        if n > 0 {
            parts.push(format!("{n} new"));
        }
        if c > 0 {
            parts.push(format!("{c} changed"));
        }
        Span::new(format!(" {}", parts.join(" · ")), Kind::Change)
    });
    let changed_w = changed.as_ref().map_or(0, Span::width);
    let fixed = 11 + width(&counts) + mark_w + changed_w;
    let title_room = room.saturating_sub(fixed);
    let title = truncate(&sanitize_line(&b.title), title_room).into_owned();
    let rest = title_room.saturating_sub(width(&title));
    // As many whole tags as fit, then ` …` when some are left out.
    let mut tail = warn.clone();
    for (k, tag) in tags.iter().enumerate() {
        let more = if k + 1 < tags.len() { 2 } else { 0 };
        if width(&tail) + width(tag) + more > rest {
            tail.push_str(" …");
            break;
        }
        tail.push_str(tag);
    }
    let tail = truncate(&tail, rest).into_owned();
    let pad = rest.saturating_sub(width(&tail));
    let mut spans = vec![
        Span::new(format!("{} ", b.date), Kind::Meta),
        Span::new(title, Kind::Title),
        Span::new(
            tail,
            if warn.is_empty() {
                Kind::Dim
            } else {
                Kind::Error
            },
        ),
        Span::plain(" ".repeat(pad)),
    ];
    if let Some(mark) = mark {
        spans.push(Span::plain(" "));
        spans.push(mark);
    }
    spans.extend(changed);
    spans.push(Span::new(counts, Kind::Meta));
    spans
}

/// The title of a broken file's diagnostics, cut to `w` cells.
pub fn diagnostics_title(name: &str, problems: usize, w: usize) -> String {
    let title = format!(
        " {} · {problems} problem(s) · Esc back, e edit ",
        sanitize_line(name)
    );
    truncate(&title, w).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_what_is_loaded_and_what_failed() {
        assert_eq!(progress(5000, 3766, 0), "loading 1,234/5,000");
        assert_eq!(progress(1, 0, 0), "1 briefing");
        assert_eq!(progress(12, 0, 2), "12 briefings · 2 with errors");
    }

    #[test]
    fn a_loading_row_is_dim_and_the_selected_row_is_banded() {
        let r = Row {
            doc: None,
            error: None,
            name: "slow.yaml",
            selected: true,
            found: None,
            changes: None,
        };
        let line = row(&r, 40, [1; 3]);
        assert_eq!(line.band, Some(Kind::Selected));
        assert_eq!(line.text(), "▌ … slow.yaml  loading");
        assert_eq!(line.spans.last().map(|s| s.kind), Some(Kind::Dim));
        let narrow = row(
            &Row {
                selected: false,
                ..r
            },
            12,
            [1; 3],
        );
        assert_eq!(narrow.band, None);
        assert_eq!(narrow.width(), 12);
    }
}
