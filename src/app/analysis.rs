//! The analysis views' state: the stance matrix, the timeline, the sources and the source filter.
//! The derivations live in `briefing::analysis`; this is where keys move cursors over them and
//! where the filter swaps the document the panes show.

use super::{Action, App, Screen};
use crate::briefing::ItemRef;
use crate::view::{layout, Scroll};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Matrix,
    Timeline,
    Sources,
    Sensitivity,
}

fn view_of(screen: &Screen) -> Option<View> {
    match screen {
        Screen::Matrix(_) => Some(View::Matrix),
        Screen::Timeline(_) => Some(View::Timeline),
        Screen::Sources(_) => Some(View::Sources),
        Screen::Sensitivity(_) => Some(View::Sensitivity),
        _ => None,
    }
}

/// Moves `first` so `cursor` is among the `shown` rows from it.
pub(crate) fn scrolled(first: usize, cursor: usize, shown: usize) -> usize {
    Scroll::at(first).ensure_visible(cursor, shown).offset
}

impl App {
    /// The sensitivity table at the judgment in focus (the Judgments pane's or detail's), else
    /// the first.
    fn sensitivity_at(&self) -> super::screens::judgments::SensitivityState {
        let cursor = self.stack.iter().rev().find_map(|s| match s {
            Screen::Judgments(j) => Some(j.cursor),
            Screen::Judgment(j) => Some(j.index),
            _ => None,
        });
        super::screens::judgments::SensitivityState {
            cursor: cursor.unwrap_or(0),
        }
    }

    /// `m`, `t`, `s`, `S`: opens the view (at the item in focus), closes it when it is on top, or
    /// switches to it from another analysis view.
    pub(super) fn toggle_view(&mut self, action: Action) {
        let want = match action {
            Action::ToggleMatrix => View::Matrix,
            Action::ToggleTimeline => View::Timeline,
            Action::ToggleSources => View::Sources,
            Action::ToggleSensitivity => View::Sensitivity,
            _ => return,
        };
        let top = self.stack.last().and_then(view_of);
        if top == Some(want) {
            self.stack.pop();
            return;
        }
        let focus = self.focus_item();
        if top.is_some() {
            self.stack.pop();
        }
        if let Some(pos) = self.stack.iter().position(|s| view_of(s) == Some(want)) {
            self.stack.truncate(pos);
        }
        let screen = match want {
            View::Matrix => Screen::Matrix(self.matrix_at(focus)),
            View::Timeline => Screen::Timeline(self.timeline_at(focus)),
            View::Sources => Screen::Sources(self.sources_at(focus)),
            View::Sensitivity => Screen::Sensitivity(self.sensitivity_at()),
        };
        self.stack.push(screen);
        self.keep_analysis_in_view();
    }

    /// Clamps every analysis view on the stack to the document shown and scrolls its cursor into
    /// view (after a resize, a reload or a filter change).
    pub(super) fn keep_analysis_in_view(&mut self) {
        let body = layout::body(self.size);
        let mut stack = std::mem::take(&mut self.stack);
        for screen in &mut stack {
            match screen {
                Screen::Matrix(m) => *m = self.clamp_matrix(*m, body),
                Screen::Timeline(t) => *t = self.clamp_timeline(*t, body),
                Screen::Sources(s) => *s = self.clamp_sources(*s, body),
                Screen::Judgments(j) => *j = self.clamp_judgments(*j, body),
                Screen::Judgment(j) => *j = self.clamp_judgment(*j, body),
                Screen::Sensitivity(s) => *s = self.clamp_sensitivity(*s),
                _ => {}
            }
        }
        self.stack = stack;
    }

    pub(crate) fn set_top(&mut self, screen: Screen) {
        if let Some(top) = self.stack.last_mut() {
            *top = screen;
        }
        self.keep_analysis_in_view();
    }

    /// The item the top analysis view has selected, for `e` (edit) and for opening another view
    /// at the same place.
    pub(super) fn analysis_item(&self) -> Option<ItemRef> {
        let a = self.doc.analysis();
        match self.stack.last()? {
            Screen::Matrix(m) => {
                let cell = a.matrix.cell(m.row, m.col);
                cell.and_then(|c| c.response(&self.doc.briefing))
                    .or_else(|| a.matrix.claim(m.row))
            }
            Screen::Timeline(t) => a.timeline.entries.get(t.cursor).map(|e| e.item),
            _ => None,
        }
    }
}
