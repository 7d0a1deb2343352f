//! The stance matrix: claims down, sources across, each cell a glyph readable without colour.
//! Column labels are the source ids, staggered over two rows so each has two columns of room;
//! when the columns do not fit they scroll sideways with the cursor. Below, the selected claim
//! and what the selected source says about it, in full words.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{scrolled, theme};
use crate::app::{App, MatrixState};
use crate::briefing::analysis::{Cell, Lane, CLAIMS_IT, SILENT};
use crate::briefing::{Briefing, Stance};
use crate::text::{sanitize_line, truncate, width};
use crate::view::tables::{geometry, PREFIX};

/// The fewest cells of a source's name the footer keeps when what the cell means is long.
const NAME_MIN: usize = 12;
/// The mark of a claim the sources split on.
pub const SPLIT: &str = "≠";

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
    let chars: Vec<char> = s.chars().collect();
    let cell = |c: &char| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
    let word = s
        .rfind(['-', '_', '.'])
        .and_then(|i| s.get(i + 1..))
        .filter(|t| !t.is_empty() && width(t) + 2 <= w);
    let tail_w = word.map_or((w - 1) / 2, width);
    // The end: as many characters from the back as fit in `tail_w`.
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in chars.iter().rev() {
        if used + cell(c) > tail_w {
            break;
        }
        used += cell(c);
        tail.push(*c);
    }
    tail.reverse();
    let mut head = String::new();
    let mut head_w = 0;
    for c in &chars {
        if head_w + cell(c) + used + 1 > w {
            break;
        }
        head_w += cell(c);
        head.push(*c);
    }
    let tail: String = tail.into_iter().collect();
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

fn cell_style(cell: Option<&Cell>) -> Style {
    match cell {
        None => theme::DIM,
        Some(c) => match c.stances.iter().copied().find(|s| s.contradicts()) {
            Some(s) => theme::stance(s),
            None => c
                .stances
                .first()
                .map_or(theme::TITLE, |s| theme::stance(*s)),
        },
    }
}

pub fn render(app: &App, m: MatrixState, frame: &mut Frame, area: Rect) {
    let doc = &app.doc;
    let b = &doc.briefing;
    let matrix = &doc.analysis().matrix;
    let g = geometry(matrix, area);
    let n = matrix.columns.len();
    let shown_cols = g.cols.min(n);
    let left = m.left.min(n.saturating_sub(shown_cols));
    let range = if n > shown_cols {
        format!(" · sources {}–{} of {n} ←→", left + 1, left + shown_cols)
    } else {
        String::new()
    };
    let title = format!(
        " Stance matrix · {} × {} · {} split{range} ",
        crate::text::count(matrix.rows(), "claim"),
        crate::text::count(n, "source"),
        matrix.split_count()
    );
    let Some(inner) = scrolled::framed(frame, &title, area) else {
        return;
    };
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();

    // Two header rows: even columns label on the first, odd on the second, two columns of room.
    let heads = [format!("{SPLIT} sources split"), "Claim".to_string()];
    for (row, head) in heads.iter().enumerate() {
        let mut spans = vec![Span::styled(
            padded(head, PREFIX + g.label_w),
            if row == 0 { theme::DIM } else { theme::HEADING },
        )];
        let mut j = row;
        if row == 1 {
            spans.push(Span::raw(" ".repeat(g.col_w)));
        }
        while j < shown_cols {
            let col = left + j;
            let style = if col == m.col {
                theme::MARKER.add_modifier(Modifier::UNDERLINED)
            } else {
                theme::META
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
            spans.push(Span::styled(padded(&id, room), style));
            if !last {
                spans.push(Span::raw(" "));
            }
            j += 2;
        }
        lines.push(Line::from(spans));
    }

    if matrix.rows() == 0 {
        lines.push(Line::from(Span::styled("No claims.", theme::DIM)));
    }
    for (row, _, selected) in scrolled::in_view(0..matrix.rows(), m.top, g.rows, m.row) {
        let claim = matrix.claim(row).and_then(|r| b.item(r));
        let text = claim.map_or(String::new(), |c| {
            sanitize_line(crate::text::display(c.text.trim()).as_ref()).into_owned()
        });
        let mut spans = vec![
            if selected {
                Span::styled("▶", theme::MARKER)
            } else {
                Span::raw(" ")
            },
            Span::styled(
                if matrix.split.get(row).copied().unwrap_or(false) {
                    SPLIT
                } else {
                    " "
                },
                theme::PAIR_MARK,
            ),
            Span::raw(" "),
            Span::raw(padded(&text, g.label_w.saturating_sub(1))),
            Span::raw(" "),
        ];
        for col in left..left + shown_cols {
            let cell = matrix.cell(row, col);
            let on = selected && col == m.col;
            let unsourced = matrix.columns.get(col).is_some_and(Option::is_none);
            let text = cell_text(cell, unsourced, on, g.col_w);
            let mut style = cell_style(cell);
            if on {
                style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
            }
            spans.push(Span::styled(centred(&text, g.col_w), style));
        }
        let line = Line::from(spans);
        lines.push(scrolled::row(line, selected));
    }
    let body_h = usize::from(inner.height).saturating_sub(g.footer);
    lines.truncate(body_h);
    while lines.len() < body_h {
        lines.push(Line::default());
    }
    if g.footer > 0 {
        lines.push(Line::from(Span::styled("─".repeat(w), theme::BORDER)));
        if g.footer >= 5 {
            lines.extend(claim_lines(app, m, w));
        }
        lines.push(Line::from(cell_line(app, m, w)));
        if g.footer >= 5 {
            let legend = format!(
                "✓ confirms ✗ denies ± disputes ~ clarifies ∅ declines {CLAIMS_IT} claims it {SILENT} silent"
            );
            lines.push(Line::from(Span::styled(
                truncate(&legend, w).into_owned(),
                theme::DIM,
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
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
fn claim_lines(app: &App, m: MatrixState, w: usize) -> Vec<Line<'static>> {
    let b = &app.doc.briefing;
    let matrix = &app.doc.analysis().matrix;
    let Some(claim) = matrix.claim(m.row).and_then(|r| b.item(r)) else {
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
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, l) in wrapped.iter().take(2).enumerate() {
        let l = if i == 1 && wrapped.len() > 2 {
            truncate(&format!("{l} …"), w).into_owned()
        } else {
            l.clone()
        };
        out.push(Line::from(l));
    }
    while out.len() < 2 {
        out.push(Line::default());
    }
    out
}

/// What the selected column's source says about the selected claim, in words.
fn cell_line(app: &App, m: MatrixState, w: usize) -> Vec<Span<'static>> {
    let b = &app.doc.briefing;
    let matrix = &app.doc.analysis().matrix;
    let Some(col) = matrix.columns.get(m.col).copied() else {
        return vec![Span::styled(
            "No source makes or answers a claim.",
            theme::DIM,
        )];
    };
    let who = column_name(b, col);
    let cell = matrix.cell(m.row, m.col);
    let mut parts: Vec<(String, Style)> = Vec::new();
    match cell {
        None => parts.push(("says nothing about this claim".into(), theme::DIM)),
        Some(c) => {
            if c.claims_it && col.is_none() {
                parts.push((format!("{CLAIMS_IT} the claim has no source"), theme::TITLE));
            } else if c.claims_it {
                parts.push((format!("{CLAIMS_IT} makes the claim"), theme::TITLE));
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
                    theme::stance(stance),
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
    let mut spans = vec![Span::styled(format!("{who}: "), theme::HEADING)];
    let mut used = width(&who) + 2;
    for (i, (text, style)) in parts.into_iter().enumerate() {
        let sep = if i > 0 { " · " } else { "" };
        let piece = format!("{sep}{text}");
        let piece = truncate(&piece, w.saturating_sub(used)).into_owned();
        used += width(&piece);
        spans.push(Span::styled(piece, style));
    }
    if cell.is_some_and(|c| !c.responses.is_empty() || c.claims_it) && used + 14 <= w {
        spans.push(Span::styled("  Enter opens", theme::DIM));
    }
    spans
}
