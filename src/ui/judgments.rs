//! The Judgments pane (under the tab bar), a judgment's detail and the sensitivity table,
//! painted from the lines [`crate::view::judgments`] lays out.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::{draw, scrolled};
use crate::app::screens::judgments::areas;
use crate::app::{App, JudgmentState, JudgmentsState, SensitivityState};
use crate::briefing::Section;
use crate::text::sanitize_line;
use crate::view::{judgments, layout};

/// ` · hiding Yonhap` when a source is hidden: the marks below are what that takes away.
fn hiding(app: &App) -> String {
    app.hidden()
        .map(|(name, _)| format!(" · hiding {}", sanitize_line(name)))
        .unwrap_or_default()
}

pub fn render_pane(app: &App, s: JudgmentsState, frame: &mut Frame, body: Rect) {
    let (tabs, pane) = areas(body);
    let lens = Section::ALL.map(|sec| app.len(sec));
    let n = app.full_doc().briefing.judgments.len();
    let line = crate::view::pane::tabs_with(None, lens, Some(n), tabs.width);
    frame.render_widget(draw::lines(std::slice::from_ref(&line)), tabs);
    let position = if n == 0 {
        "empty".to_string()
    } else {
        format!("{}/{n}", (s.cursor + 1).min(n))
    };
    let title = format!(" Judgments {position}{} ", hiding(app));
    let Some(inner) = scrolled::framed(frame, &title, pane) else {
        return;
    };
    let (lines, _) = judgments::pane_lines(&app.judged(), s.cursor, usize::from(inner.width));
    let shown: Vec<_> = lines
        .into_iter()
        .skip(s.scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(draw::lines(&shown), inner);
    super::place_cursor(frame, inner, &shown);
}

pub fn render_detail(app: &App, d: JudgmentState, frame: &mut Frame, area: Rect) {
    let judged = app.judged();
    let b = judged.briefing();
    let Some(j) = b.judgments.get(d.index) else {
        return;
    };
    let title = format!(
        " Judgment {}/{} · {}{} ",
        d.index + 1,
        b.judgments.len(),
        sanitize_line(&j.id),
        hiding(app)
    );
    scrolled::frame_with_title(frame, &title, area);
    let inner = layout::inner(area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let view = judgments::detail(
        &judged,
        app.briefing(),
        d.index,
        d.cursor,
        usize::from(inner.width),
    );
    let shown: Vec<_> = view
        .lines
        .into_iter()
        .skip(d.scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(draw::lines(&shown), inner);
    super::place_cursor(frame, inner, &shown);
}

pub fn render_sensitivity(app: &App, s: SensitivityState, frame: &mut Frame, area: Rect) {
    let full = app.full_doc();
    let title = format!(
        " Sensitivity · {} judgments × {} origins{} ",
        full.briefing.judgments.len(),
        full.analysis().sensitivity.origins.len(),
        hiding(app)
    );
    let Some(inner) = scrolled::framed(frame, &title, area) else {
        return;
    };
    let lines = judgments::sensitivity_lines(
        full,
        s.cursor,
        usize::from(inner.width),
        usize::from(inner.height),
    );
    let shown: Vec<_> = lines.into_iter().take(usize::from(inner.height)).collect();
    frame.render_widget(draw::lines(&shown), inner);
    super::place_cursor(frame, inner, &shown);
}
