//! How the analysis views' tables fit a body area: the stance matrix's columns and rows, the
//! timeline's and the sources' rows, and which rows of a scrolled table are in view. The app keeps
//! the cursor in view with these; the views lay out with the same numbers.

use ratatui::layout::Rect;

use super::layout;
use crate::briefing::analysis::Matrix;

/// Cells left of a matrix row's claim text: the row marker, the split mark and a space.
pub const PREFIX: usize = 3;
const LABEL_MIN: usize = 24;
const COL_MIN: usize = 5;
const COL_MAX: usize = 8;
/// The matrix's header rows.
const MATRIX_HEADER: usize = 2;

/// How the matrix fits in a body area: label and column widths, and how many rows and columns
/// are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub label_w: usize,
    pub col_w: usize,
    pub cols: usize,
    pub rows: usize,
    pub footer: usize,
}

pub fn geometry(m: &Matrix, body: Rect) -> Geometry {
    let inner = layout::inner(body);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let n = m.columns.len().max(1);
    let label_min = LABEL_MIN.min(w / 3);
    let room = w.saturating_sub(PREFIX + label_min);
    let col_w = (room / n).clamp(COL_MIN, COL_MAX);
    let cols = (room / col_w).clamp(1, n);
    let label_w = w.saturating_sub(PREFIX + cols * col_w).max(1);
    let footer = if h >= 16 {
        5
    } else if h >= 9 {
        2
    } else {
        0
    };
    Geometry {
        label_w,
        col_w,
        cols,
        rows: h.saturating_sub(MATRIX_HEADER + footer).max(1),
        footer,
    }
}

/// The timeline's header rows.
const TIMELINE_HEADER: usize = 1;

/// Lines under the timeline's entries (the selected one's meta, the legend) for a box `inner_h`
/// rows high.
pub fn timeline_footer(inner_h: usize) -> usize {
    if inner_h >= 16 {
        6
    } else if inner_h >= 9 {
        2
    } else {
        0
    }
}

/// Rows of timeline entries shown in a body area.
pub fn timeline_rows(body: Rect) -> usize {
    let h = usize::from(layout::inner(body).height);
    h.saturating_sub(TIMELINE_HEADER + timeline_footer(h))
        .max(1)
}

/// Lines kept for the selected source's items below the sources table.
const DETAIL_MIN: usize = 6;

/// Rows of the sources table shown in a body area, for `n` sources.
pub fn source_rows(n: usize, body: Rect) -> usize {
    let h = usize::from(layout::inner(body).height);
    n.min(h.saturating_sub(2 + DETAIL_MIN)).max(1)
}

/// The items of a list scrolled to `scroll` that fit in `rows`, each with its index in the list
/// and whether it is the selected one (at `cursor`).
pub fn in_view<T>(
    items: impl IntoIterator<Item = T>,
    scroll: usize,
    rows: usize,
    cursor: usize,
) -> impl Iterator<Item = (usize, T, bool)> {
    items
        .into_iter()
        .enumerate()
        .skip(scroll)
        .take(rows)
        .map(move |(i, item)| (i, item, i == cursor))
}
