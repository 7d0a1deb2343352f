//! The stance matrix laid out: claims down, sources across, each cell a glyph readable without
//! colour. Column labels are the source ids, staggered over two rows so each has two columns of
//! room; when the columns do not fit they scroll sideways with the cursor. Below, the selected
//! claim and what the selected source says about it, in full words.

use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

use super::layout;
use super::line::{Kind, Line, Span};
use super::tables::{geometry, in_view, PREFIX};
use crate::briefing::analysis::{Cell, Lane, CLAIMS_IT, SILENT};
use crate::briefing::{Briefing, Document, Stance};
use crate::text::{sanitize_line, truncate, width};

/// The fewest cells of a source's name the footer keeps when what the cell means is long.
const NAME_MIN: usize = 12;
/// The mark of a claim the sources split on.
pub const SPLIT: &str = "≠";

/// Where the matrix is: the selected cell, and the first row and column shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct At {
    pub row: usize,
    pub col: usize,
    pub top: usize,
    pub left: usize,
}

/// A column's label in `room` cells: the source id, cut in the middle when it does not fit so
/// ids with a common start stay apart (`kes…union`, `kestr…ceo`); for items without a source,
/// the longest of `no source`, `(none)` and `none` that fits.
pub fn column_label(b: &Briefing, col: Lane, room: usize) -> String {
    match col.and_then(|i| b.sources.get(i)) {
        Some(s) => middle_cut(&sanitize_line(&s.id), room),
        None => ["no source", "(none)", "none"]
            .into_iter()
            .find(|l| width(l) <= room)
            .map_or_else(|| truncate("none", room).into_owned(), str::to_string),
    }
}

/// `s` in `w` cells: whole when it fits, else its start, `…` and its end. The end is the part
/// after the last `-`, `_` or `.` when that leaves a cell of the start, else half the room.
fn middle_cut(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w < 3 {
        return truncate(s, w).into_owned();
    }
    // By grapheme, measured as drawn: a letter is never parted from its marks.
    let graphemes: Vec<&str> = s.graphemes(true).collect();
    let cell = |g: &&str| crate::text::grapheme_width(g);
    let word = s
        .rfind(['-', '_', '.'])
        .and_then(|i| s.get(i + 1..))
        .filter(|t| !t.is_empty() && width(t) + 2 <= w);
    let tail_w = word.map_or((w - 1) / 2, width);
    // The end: as many graphemes from the back as fit in `tail_w`.
    let mut tail: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in graphemes.iter().rev() {
        if used + cell(g) > tail_w {
            break;
        }
        used += cell(g);
        tail.push(g);
    }
    tail.reverse();
    let mut head = String::new();
    let mut head_w = 0;
    for g in &graphemes {
        if head_w + cell(g) + used + 1 > w {
            break;
        }
        head_w += cell(g);
        head.push_str(g);
    }
    let tail: String = tail.concat();
    format!("{head}…{tail}")
}

fn column_name(b: &Briefing, col: Lane) -> String {
    col.and_then(|i| b.sources.get(i)).map_or_else(
        || "No source".to_string(),
        |s| sanitize_line(&s.name).into_owned(),
    )
}

/// `s` centred in `w` cells.
fn centred(s: &str, w: usize) -> String {
    let sw = width(s);
    if sw >= w {
        return truncate(s, w).into_owned();
    }
    let left = (w - sw) / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(w - sw - left))
}

fn padded(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// A cell's kind: the stance that contradicts, else the first, else a claim's own mark.
fn cell_kind(cell: Option<&Cell>) -> Kind {
    match cell {
        None => Kind::Dim,
        Some(c) => match c.stances.iter().copied().find(|s| s.contradicts()) {
            Some(s) => Kind::Stance(s),
            None => c.stances.first().map_or(Kind::Title, |s| Kind::Stance(*s)),
        },
    }
}

/// The title of the matrix's box over `body`: its size, its splits and the columns shown.
pub fn title(doc: &Document, at: At, body: Rect) -> String {
    let matrix = &doc.analysis().matrix;
    let g = geometry(matrix, body);
    let n = matrix.columns.len();
    let shown_cols = g.cols.min(n);
    let left = at.left.min(n.saturating_sub(shown_cols));
    let range = if n > shown_cols {
        format!(" · sources {}–{} of {n} ←→", left + 1, left + shown_cols)
    } else {
        String::new()
    };
    format!(
        " Stance matrix · {} × {} · {} split{range} ",
        crate::text::count(matrix.rows(), "claim"),
        crate::text::count(n, "source"),
        matrix.split_count()
    )
}

/// The lines inside the matrix's box over `body`: the column labels, the rows in view, and the
/// footer (the selected claim, the selected cell in words, the legend) as the height allows.
pub fn lines(doc: &Document, at: At, body: Rect) -> Vec<Line> {
    let b = &doc.briefing;
    let matrix = &doc.analysis().matrix;
    let g = geometry(matrix, body);
    let inner = layout::inner(body);
    let n = matrix.columns.len();
    let shown_cols = g.cols.min(n);
    let left = at.left.min(n.saturating_sub(shown_cols));
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();

    // Two header rows: even columns label on the first, odd on the second, two columns of room.
    let heads = [format!("{SPLIT} sources split"), "Claim".to_string()];
    for (row, head) in heads.iter().enumerate() {
        let mut spans = vec![Span::new(
            padded(head, PREFIX + g.label_w),
            if row == 0 { Kind::Dim } else { Kind::Heading },
        )];
        let mut j = row;
        if row == 1 {
            spans.push(Span::plain(" ".repeat(g.col_w)));
        }
        while j < shown_cols {
            let col = left + j;
            let kind = if col == at.col {
                Kind::ColumnCurrent
            } else {
                Kind::Meta
            };
            // Two columns of room, less a cell between labels; the last label on a row has
            // nothing after it and takes all its room.
            let last = j + 2 >= shown_cols;
            let room = (2 * g.col_w).min((shown_cols - j) * g.col_w);
            let room = if last { room } else { room.saturating_sub(1) };
            let id = matrix
                .columns
                .get(col)
                .map_or_else(String::new, |c| column_label(b, *c, room));
            spans.push(Span::new(padded(&id, room), kind));
            if !last {
                spans.push(Span::plain(" "));
            }
            j += 2;
        }
        lines.push(Line::new(spans));
    }

    if matrix.rows() == 0 {
        lines.push(Line::of("No claims.", Kind::Dim));
    }
    for (row, _, selected) in in_view(0..matrix.rows(), at.top, g.rows, at.row) {
        let claim = matrix.claim(row).and_then(|r| b.item(r));
        let text = claim.map_or(String::new(), |c| {
            sanitize_line(crate::text::display(c.text.trim()).as_ref()).into_owned()
        });
        let mut spans = vec![
            if selected {
                Span::new("▶", Kind::Marker)
            } else {
                Span::plain(" ")
            },
            Span::new(
                if matrix.split.get(row).copied().unwrap_or(false) {
                    SPLIT
                } else {
                    " "
                },
                Kind::PairMark,
            ),
            Span::plain(" "),
            Span::plain(padded(&text, g.label_w.saturating_sub(1))),
            Span::plain(" "),
        ];
        for col in left..left + shown_cols {
            let cell = matrix.cell(row, col);
            let on = selected && col == at.col;
            let unsourced = matrix.columns.get(col).is_some_and(Option::is_none);
            let text = cell_text(cell, unsourced, on, g.col_w);
            let mut span = Span::new(centred(&text, g.col_w), cell_kind(cell));
            if on {
                span.mark = Some(Kind::Cursor);
            }
            spans.push(span);
        }
        lines.push(Line::new(spans).banded(selected.then_some(Kind::Selected)));
    }
    let body_h = usize::from(inner.height).saturating_sub(g.footer);
    lines.truncate(body_h);
    while lines.len() < body_h {
        lines.push(Line::default());
    }
    if g.footer > 0 {
        lines.push(Line::of("─".repeat(w), Kind::Border));
        if g.footer >= 5 {
            lines.extend(claim_lines(doc, at, w));
        }
        lines.push(Line::new(cell_line(doc, at, w)));
        if g.footer >= 5 {
            let legend = format!(
                "✓ confirms ✗ denies ± disputes ~ clarifies ∅ declines {CLAIMS_IT} claims it {SILENT} silent"
            );
            lines.push(Line::of(truncate(&legend, w).into_owned(), Kind::Dim));
        }
    }
    lines
}

/// A cell's glyph, `[bracketed]` when selected. In the column of items without a source, the
/// claim's own mark and the stances of unrelated unsourced responses are set apart by a space
/// (`● ✓`, not `●✓`), so the cell does not read as one source confirming its own claim.
fn cell_text(cell: Option<&Cell>, unsourced: bool, on: bool, w: usize) -> String {
    let glyph = cell.map_or_else(|| SILENT.to_string(), Cell::glyph);
    let glyph = match cell {
        Some(c) if unsourced && c.claims_it && !c.stances.is_empty() => {
            let spaced = glyph.replacen(CLAIMS_IT, &format!("{CLAIMS_IT} "), 1);
            if width(&spaced) + if on { 2 } else { 0 } <= w {
                spaced
            } else {
                glyph
            }
        }
        _ => glyph,
    };
    if on {
        format!("[{glyph}]")
    } else {
        glyph
    }
}

/// The selected claim in full, on two lines.
fn claim_lines(doc: &Document, at: At, w: usize) -> Vec<Line> {
    let b = &doc.briefing;
    let matrix = &doc.analysis().matrix;
    let Some(claim) = matrix.claim(at.row).and_then(|r| b.item(r)) else {
        return vec![Line::default(), Line::default()];
    };
    let mut head = sanitize_line(&claim.id).into_owned();
    if let Some(s) = claim.status {
        head.push_str(&format!(" ({s})"));
    }
    let text = format!(
        "{head}: {}",
        sanitize_line(&crate::text::display(claim.text.trim()))
    );
    let wrapped = crate::text::wrap(&text, w);
    let mut out: Vec<Line> = Vec::new();
    for (i, l) in wrapped.iter().take(2).enumerate() {
        let l = if i == 1 && wrapped.len() > 2 {
            truncate(&format!("{l} …"), w).into_owned()
        } else {
            l.clone()
        };
        out.push(Line::plain(l));
    }
    while out.len() < 2 {
        out.push(Line::default());
    }
    out
}

/// What the selected column's source says about the selected claim, in words.
fn cell_line(doc: &Document, at: At, w: usize) -> Vec<Span> {
    let b = &doc.briefing;
    let matrix = &doc.analysis().matrix;
    let Some(col) = matrix.columns.get(at.col).copied() else {
        return vec![Span::new("No source makes or answers a claim.", Kind::Dim)];
    };
    let who = column_name(b, col);
    let cell = matrix.cell(at.row, at.col);
    let mut parts: Vec<(String, Kind)> = Vec::new();
    match cell {
        None => parts.push(("says nothing about this claim".into(), Kind::Dim)),
        Some(c) => {
            if c.claims_it && col.is_none() {
                parts.push((format!("{CLAIMS_IT} the claim has no source"), Kind::Title));
            } else if c.claims_it {
                parts.push((format!("{CLAIMS_IT} makes the claim"), Kind::Title));
            }
            for r in &c.responses {
                let Some(resp) = b.item(*r) else { continue };
                let stance = resp.stance.unwrap_or(Stance::Clarifies);
                parts.push((
                    format!(
                        "{} {} in {}",
                        stance.glyph(),
                        stance.participle(),
                        sanitize_line(&resp.id)
                    ),
                    Kind::Stance(stance),
                ));
            }
        }
    }
    // What the cell means is the point of the line: a long source name gives way to it, down to
    // a few cells.
    let meaning: usize = parts
        .iter()
        .enumerate()
        .map(|(i, (t, _))| width(t) + if i > 0 { 3 } else { 0 })
        .sum();
    let room = w.saturating_sub(meaning + 2).max(NAME_MIN.min(width(&who)));
    let who = truncate(&who, room);
    let mut spans = vec![Span::new(format!("{who}: "), Kind::Heading)];
    let mut used = width(&who) + 2;
    for (i, (text, kind)) in parts.into_iter().enumerate() {
        let sep = if i > 0 { " · " } else { "" };
        let piece = format!("{sep}{text}");
        let piece = truncate(&piece, w.saturating_sub(used)).into_owned();
        used += width(&piece);
        spans.push(Span::new(piece, kind));
    }
    if cell.is_some_and(|c| !c.responses.is_empty() || c.claims_it) && used + 14 <= w {
        spans.push(Span::new("  Enter opens", Kind::Dim));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load_str;

    fn doc() -> Document {
        let yaml = "title: T\ndate: 2025-11-06\nsources:\n  - {id: wsj, name: WSJ}\n  - {id: mnd, name: Ministry}\nclaims:\n  - {id: cut, text: Troops will be cut., source: wsj}\nresponses:\n  - {id: no, text: No., source: mnd, responds_to: [cut], stance: denies}\ncontext: []\n";
        let loaded = load_str(yaml).unwrap_or_else(|d| panic!("{d:?}"));
        Document::new(None, "t.yaml".into(), loaded.briefing, loaded.warnings)
    }

    #[test]
    fn ids_are_cut_in_the_middle_so_a_common_start_stays_apart() {
        assert_eq!(middle_cut("kestrel-union", 9), "kes…union");
        assert_eq!(middle_cut("kestrel", 9), "kestrel");
        assert_eq!(middle_cut("kestrel", 2), "k…");
    }

    #[test]
    fn the_cell_under_the_cursor_keeps_its_stance_under_the_cursor_mark() {
        let d = doc();
        let at = At {
            col: 1,
            ..At::default()
        };
        let lines = lines(&d, at, Rect::new(0, 0, 80, 24));
        let cell = lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.text.contains("[✗]"))
            .unwrap_or_else(|| panic!("no selected cell in {lines:?}"));
        assert_eq!(cell.kind, Kind::Stance(Stance::Denies));
        assert_eq!(cell.mark, Some(Kind::Cursor));
        let label = lines
            .iter()
            .take(2)
            .flat_map(|l| &l.spans)
            .find(|s| s.kind == Kind::ColumnCurrent)
            .map(|s| s.text.trim().to_string());
        assert_eq!(label.as_deref(), Some("mnd"));
        let row = lines.iter().find(|l| l.band == Some(Kind::Selected));
        assert!(row.is_some_and(|l| l.text().contains("Troops will be cut.")));
    }
}
