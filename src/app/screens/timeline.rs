//! The timeline (`t`): dated items in time order, an entry cursor kept in view.

use std::rc::Rc;

use crate::app::analysis::scrolled;
use crate::app::{Action, App, Screen};
use crate::briefing::ItemRef;
use crate::view::{layout, tables};

/// The timeline: the selected entry (an index into `Timeline::entries`) and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineState {
    pub cursor: usize,
    pub scroll: usize,
}

impl App {
    pub(crate) fn timeline_at(&self, item: Option<ItemRef>) -> TimelineState {
        let t = &self.doc.analysis().timeline;
        let cursor = item
            .and_then(|r| t.entries.iter().position(|e| e.item == r))
            .unwrap_or(0);
        TimelineState { cursor, scroll: 0 }
    }

    pub(crate) fn clamp_timeline(
        &self,
        mut t: TimelineState,
        body: ratatui::layout::Rect,
    ) -> TimelineState {
        let tl = &self.doc.analysis().timeline;
        let rows = tables::timeline_rows(body);
        t.cursor = t.cursor.min(tl.entries.len().saturating_sub(1));
        t.scroll = scrolled(t.scroll, t.cursor, rows);
        t
    }

    pub(crate) fn update_timeline(&mut self, action: Action, mut t: TimelineState) {
        let doc = Rc::clone(&self.doc);
        let tl = &doc.analysis().timeline;
        let last = tl.entries.len().saturating_sub(1);
        let page = tables::timeline_rows(layout::body(self.size)).max(1);
        match action {
            Action::Down => t.cursor = (t.cursor + 1).min(last),
            Action::Up => t.cursor = t.cursor.saturating_sub(1),
            Action::First => t.cursor = 0,
            Action::Last => t.cursor = last,
            Action::PageDown => t.cursor = (t.cursor + page).min(last),
            Action::PageUp => t.cursor = t.cursor.saturating_sub(page),
            Action::HalfPageDown => t.cursor = (t.cursor + page.div_ceil(2)).min(last),
            Action::HalfPageUp => t.cursor = t.cursor.saturating_sub(page.div_ceil(2)),
            Action::Scroll(_, _, dir) if dir > 0 => t.cursor = (t.cursor + 1).min(last),
            Action::Scroll(..) => t.cursor = t.cursor.saturating_sub(1),
            Action::Open => {
                match tl.entries.get(t.cursor) {
                    Some(e) => {
                        self.reveal(e.item);
                        self.open_detail(e.item);
                    }
                    None => self.message = Some("no item of this briefing has a date".into()),
                }
                return;
            }
            _ => return,
        }
        self.set_top(Screen::Timeline(t));
    }
}

/// `item 4/20 · 2025-03-11`.
pub(crate) fn location(app: &App, t: &TimelineState) -> String {
    let tl = &app.doc.analysis().timeline;
    match tl.entries.get(t.cursor) {
        Some(e) => format!("item {}/{} · {}", t.cursor + 1, tl.entries.len(), e.date),
        None => "no dated items".into(),
    }
}
