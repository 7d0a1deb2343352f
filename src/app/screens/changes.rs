//! The changes view (`D`): what changed since the briefing was last read, one entry per item
//! (new, changed with a word diff, removed), source and contradiction; Enter opens the item.

use crate::app::{Action, App, Screen};
use crate::view::changes;
use crate::view::layout;

/// The selected entry and the first line shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChangesState {
    pub cursor: usize,
    pub scroll: usize,
}

impl App {
    pub(crate) fn toggle_changes(&mut self) {
        if matches!(self.stack.last(), Some(Screen::Changes(_))) {
            self.stack.pop();
            return;
        }
        if self.reading.is_none() {
            self.message = Some("no reading state this run".into());
            return;
        }
        let entries = changes::entries(&self.ctx());
        if entries.is_empty() {
            self.message = Some("nothing changed since you last read it".into());
            return;
        }
        // At the item in focus when it changed.
        let here = self.focus_item();
        let cursor = entries
            .iter()
            .position(|e| e.item.is_some() && e.item == here)
            .unwrap_or(0);
        self.stack
            .push(Screen::Changes(ChangesState { cursor, scroll: 0 }));
        self.keep_changes_in_view();
    }

    pub(crate) fn update_changes(&mut self, action: Action, mut s: ChangesState) {
        let entries = changes::entries(&self.ctx());
        let last = entries.len().saturating_sub(1);
        let page = usize::from(layout::body(self.size).height.saturating_sub(2)).max(1);
        match action {
            Action::Down => s.cursor = (s.cursor + 1).min(last),
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::First => s.cursor = 0,
            Action::Last => s.cursor = last,
            Action::PageDown => s.cursor = (s.cursor + page / 3).min(last),
            Action::PageUp => s.cursor = s.cursor.saturating_sub(page / 3),
            Action::Scroll(_, _, dir) if dir > 0 => s.cursor = (s.cursor + 1).min(last),
            Action::Scroll(..) => s.cursor = s.cursor.saturating_sub(1),
            Action::Open => {
                match entries.get(s.cursor).and_then(|e| e.item) {
                    Some(r) => {
                        self.focus = r.section;
                        self.select(r.section, r.index);
                        self.open_detail(r);
                    }
                    None => {
                        self.message = Some("this one is no longer in the file".into());
                    }
                }
                return;
            }
            _ => return,
        }
        if let Some(Screen::Changes(top)) = self.stack.last_mut() {
            *top = s;
        }
        self.keep_changes_in_view();
    }

    /// Keeps the selected entry on screen.
    pub(crate) fn keep_changes_in_view(&mut self) {
        let body = layout::body(self.size);
        let width = usize::from(body.width.saturating_sub(2)).max(1);
        let height = usize::from(body.height.saturating_sub(2)).max(1);
        let Some(&Screen::Changes(s)) = self.stack.last() else {
            return;
        };
        let entries = changes::entries(&self.ctx());
        let mut s = s;
        s.cursor = s.cursor.min(entries.len().saturating_sub(1));
        let (start, end) = changes::entry_rows(&entries, s.cursor, width);
        if start < s.scroll {
            s.scroll = start;
        } else if end > s.scroll + height {
            s.scroll = end.saturating_sub(height).min(start);
        }
        if let Some(Screen::Changes(top)) = self.stack.last_mut() {
            *top = s;
        }
    }
}

/// `change 2/5`.
pub(crate) fn location(app: &App, s: &ChangesState) -> String {
    let n = changes::entries(&app.ctx()).len();
    format!("change {}/{n}", (s.cursor + 1).min(n))
}
