//! Contradictions side by side: the two items of a pair in parallel columns (stacked when
//! narrow), the note and the stance in words below, a strip of every pair above. Laid out by
//! [`crate::view::pairs`]; here only the borders and the styles.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use ratatui::Frame;

use super::theme;
use crate::app::{App, PairsState};
use crate::briefing::{ItemRef, Side};
use crate::view::layout;
use crate::view::pairs;
use crate::view::styled::Highlight;
use crate::view::{Ctx, Kind};

use crate::view::pairs::areas;

pub fn render(app: &App, p: PairsState, frame: &mut Frame, body: Rect) {
    let ctx = app.ctx();
    let pairs = &app.doc.relations.pairs;
    if pairs.is_empty() {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER)
            .title(" Contradictions ");
        let msg =
            vec![
            Line::from(Span::styled("This briefing has no contradictions.", theme::TITLE)),
            Line::from(""),
            Line::from(Span::styled(
                "No response denies or disputes a claim, and no `contradictions:` are declared.",
                theme::DIM,
            )),
            Line::from(Span::styled("Esc or c: back to the panes.", theme::DIM)),
        ];
        frame.render_widget(
            Paragraph::new(msg)
                .block(block)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            body,
        );
        return;
    }
    let index = p.index.min(pairs.len() - 1);
    let Some(pair) = pairs.get(index) else { return };
    let a = areas(&ctx, index, body);

    if let Some(header) = pairs::header(&ctx, index) {
        frame.render_widget(
            Paragraph::new(Span::styled(header, theme::HEADING)),
            a.header,
        );
    }

    if a.strip.height > 2 {
        let lines = pairs::strip_lines(&ctx, index, layout::inner(a.strip));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER)
            .title(format!(" All contradictions ({}) ", pairs.len()));
        frame.render_widget(Paragraph::new(theme::lines(&lines)).block(block), a.strip);
    }

    let (lh, rh) = pairs::shared_highlights(&ctx, pair);
    render_side(&ctx, pair.left, lh, p.side == Side::Left, frame, a.left);
    render_side(&ctx, pair.right, rh, p.side == Side::Right, frame, a.right);

    if a.note.height > 0 {
        let lines = pairs::note_lines(&ctx, index, a.note);
        if !lines.is_empty() {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme::BORDER)
                .title(" Why they conflict ");
            frame.render_widget(Paragraph::new(theme::lines(&lines)).block(block), a.note);
        }
    }
}

fn render_side(
    ctx: &Ctx,
    r: ItemRef,
    highlights: Vec<Highlight>,
    focused: bool,
    frame: &mut Frame,
    area: Rect,
) {
    if ctx.briefing().item(r).is_none() {
        return;
    }
    let kind = if focused {
        Kind::PaneTitleFocused
    } else {
        Kind::PaneTitle
    };
    let heading = pairs::side_heading(ctx, r, kind, usize::from(area.width.saturating_sub(2)));
    let title = Line::from(theme::spans(&heading));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme::BORDER_FOCUSED
        } else {
            theme::BORDER
        })
        .title(title);
    let inner = layout::inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let lines = pairs::side_lines(ctx, r, highlights, inner);
    frame.render_widget(Paragraph::new(theme::lines(&lines)), inner);
}
