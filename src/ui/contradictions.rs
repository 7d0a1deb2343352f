//! Two items side by side: the sides in parallel columns (stacked when narrow), the figures that
//! differ, the stance and the note below, a strip of every pair above. Laid out by
//! [`crate::view::pairs`]; here only the rules and the styles.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use ratatui::Frame;

use super::{draw, theme};
use crate::app::{App, PairsState};
use crate::briefing::Side;
use crate::view::pairs::{self, Layout, Part, Shown, Subject};
use crate::view::{Ctx, Kind};

pub fn render(app: &App, p: PairsState, frame: &mut Frame, body: Rect) {
    let ctx = app.ctx();
    let pairs = &app.doc.relations.pairs;
    if pairs.is_empty() && p.chosen.is_none() {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::get(theme::Role::Border))
            .title(" Contradictions ");
        let filtered_out = app
            .narrow()
            .is_some_and(|n| !n.base.relations.pairs.is_empty());
        let (said, why) = if filtered_out {
            (
                "No contradiction among the items the filter keeps.",
                "The filter left out one side of each: & and Enter clears it.",
            )
        } else {
            (
                "This briefing has no contradictions.",
                "No response denies or disputes a claim, and no `contradictions:` are declared.",
            )
        };
        let msg = vec![
            Line::from(Span::styled(said, theme::get(theme::Role::Title))),
            Line::from(""),
            Line::from(Span::styled(why, theme::get(theme::Role::Dim))),
            Line::from(Span::styled(
                "v on an item, then v on another, compares any two. Esc or c: back to the panes.",
                theme::get(theme::Role::Dim),
            )),
        ];
        frame.render_widget(
            Paragraph::new(msg)
                .block(block)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            body,
        );
        return;
    }
    let mut shown = p.shown();
    if let Subject::Pair(i) = shown.subject {
        shown.subject = Subject::Pair(i.min(pairs.len().saturating_sub(1)));
    }
    let lay = pairs::layout(&ctx, &shown, body);
    let a = lay.areas;

    if a.header.height > 0 {
        if let Some(header) = pairs::header(&ctx, shown.subject) {
            let header = crate::text::truncate(&header, usize::from(body.width));
            let header = crate::text::bidi::visual(&header).into_owned();
            frame.render_widget(
                Paragraph::new(Span::styled(header, theme::get(theme::Role::Heading))),
                a.header,
            );
        }
    }

    if let Subject::Pair(index) = shown.subject {
        render_strip(&ctx, index, frame, a.strip);
    }
    render_side(&ctx, &shown, &lay, Side::Left, frame);
    render_side(&ctx, &shown, &lay, Side::Right, frame);
    render_note(&ctx, &shown, &lay, frame);
}

fn render_strip(ctx: &Ctx, index: usize, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let lines = pairs::strip_lines(ctx, index, area);
    let mut rows = area;
    if area.height > 1 {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme::get(theme::Role::Border))
            .title(Span::styled(
                pairs::strip_title(ctx),
                theme::get(theme::Role::PaneTitle),
            ));
        rows = block.inner(area);
        frame.render_widget(block, area);
    }
    frame.render_widget(draw::lines(&lines), rows);
    super::place_cursor(frame, rows, &lines);
}

/// A box's rule along its top, titled; in focus, thick and in the focus colour. The right side
/// of two standing side by side has a rule on its left too.
fn block(focused: bool, left_rule: bool) -> Block<'static> {
    let borders = if left_rule {
        Borders::TOP | Borders::LEFT
    } else {
        Borders::TOP
    };
    Block::default()
        .borders(borders)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme::get(theme::Role::BorderFocused)
        } else {
            theme::get(theme::Role::Border)
        })
}

fn render_side(ctx: &Ctx, shown: &Shown, lay: &Layout, side: Side, frame: &mut Frame) {
    let part = Part::of(side);
    let area = lay.areas.of(part);
    if area.height == 0 || area.width == 0 {
        return;
    }
    let title = pairs::side_title(ctx, shown, lay, side);
    let left_rule = side == Side::Right && lay.areas.left.y == lay.areas.right.y;
    let b = block(shown.focus == part, left_rule);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    title_over(frame, area, u16::from(left_rule), &title, &[]);
    paint_lines(lay, shown, part, inner, frame);
}

fn render_note(ctx: &Ctx, shown: &Shown, lay: &Layout, frame: &mut Frame) {
    let area = lay.areas.note;
    if area.height == 0 || area.width == 0 {
        return;
    }
    let focused = shown.focus == Part::Note;
    let kind = if focused {
        Kind::PaneTitleFocused
    } else {
        Kind::PaneTitle
    };
    let pos = pairs::position(
        *Part::Note.of_array(&shown.scroll),
        lay.rows(Part::Note),
        lay.part(Part::Note).len(),
    );
    let title = crate::view::Span::new(pairs::note_title(shown.subject), kind);
    let mut right = pos
        .map(|p| vec![crate::view::Span::new(p, Kind::Dim)])
        .unwrap_or_default();
    let legend = pairs::legend();
    let room = usize::from(area.width).saturating_sub(2);
    let used = title.width() + right.iter().map(|s| s.width()).sum::<usize>();
    if used + legend.iter().map(|s| s.width()).sum::<usize>() <= room {
        let mut l = legend;
        l.extend(right);
        right = l;
    }
    let _ = ctx;
    let b = block(focused, false);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    title_over(frame, area, 0, &pairs::cut(vec![title], room), &right);
    paint_lines(lay, shown, Part::Note, inner, frame);
}

/// A box's titles over its top border, where ratatui puts them (past a left border of
/// `left_border` cells), measured as drawn: `left` first, `right` against the right end.
/// (ratatui's own titles step from span to span by a width that counts Arabic lam-alef as one
/// cell, and the next span overwrote its last letter.)
fn title_over(
    frame: &mut Frame,
    area: Rect,
    left_border: u16,
    left: &[crate::view::Span],
    right: &[crate::view::Span],
) {
    let x = area.x.saturating_add(left_border);
    let room = area.width.saturating_sub(left_border);
    let buf = frame.buffer_mut();
    let used = draw::spans_at(left, x, area.y, room, buf);
    let want = right.iter().map(|s| s.width()).sum::<usize>();
    let want = u16::try_from(want).unwrap_or(u16::MAX);
    if want > 0 && used.saturating_add(want) <= room {
        draw::spans_at(right, x + room - want, area.y, want, buf);
    }
}

fn paint_lines(lay: &Layout, shown: &Shown, part: Part, inner: Rect, frame: &mut Frame) {
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let lines = pairs::visible(
        lay.part(part),
        *part.of_array(&shown.scroll),
        usize::from(inner.height),
        usize::from(inner.width),
    );
    frame.render_widget(draw::lines(&lines), inner);
    // For screen readers, the cursor on the first line shown of the box in focus: drawn after
    // the strip, so it is this one the reader hears.
    if part == shown.focus && !lines.is_empty() && theme::settings().screen_reader {
        frame.set_cursor_position((inner.x, inner.y));
    }
}
