//! The sources view (`s`): each source and what it said; `x` hides one source everywhere.

use crate::app::analysis::scrolled;
use crate::app::{Action, App, Screen};
use crate::briefing::ItemRef;
use crate::view::tables;

/// The sources: the selected row (an index into the full document's source summaries) and the
/// first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourcesState {
    pub cursor: usize,
    pub scroll: usize,
}

impl App {
    pub(crate) fn sources_at(&self, item: Option<ItemRef>) -> SourcesState {
        let full = self.full_doc();
        let hidden = self.filter.as_ref().map(|f| f.source.as_str());
        let want = hidden.or_else(|| {
            item.and_then(|r| self.doc.briefing.item(r))
                .and_then(|i| i.source.as_deref())
        });
        let cursor = want
            .and_then(|id| {
                full.analysis().sources.iter().position(|s| {
                    s.source
                        .and_then(|i| full.briefing.sources.get(i))
                        .is_some_and(|src| src.id == id)
                })
            })
            .unwrap_or(0);
        SourcesState { cursor, scroll: 0 }
    }

    pub(crate) fn clamp_sources(
        &self,
        mut s: SourcesState,
        body: ratatui::layout::Rect,
    ) -> SourcesState {
        let n = self.full_doc().analysis().sources.len();
        let rows = tables::source_rows(n, body);
        s.cursor = s.cursor.min(n.saturating_sub(1));
        s.scroll = scrolled(s.scroll, s.cursor, rows);
        s
    }

    pub(crate) fn update_sources(&mut self, action: Action, mut s: SourcesState) {
        let n = self.full_doc().analysis().sources.len();
        let last = n.saturating_sub(1);
        match action {
            Action::Down => s.cursor = (s.cursor + 1).min(last),
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::First => s.cursor = 0,
            Action::Last => s.cursor = last,
            Action::Scroll(_, _, dir) if dir > 0 => s.cursor = (s.cursor + 1).min(last),
            Action::Scroll(..) => s.cursor = s.cursor.saturating_sub(1),
            Action::ToggleSourceFilter => {
                self.toggle_source_filter(s.cursor);
                return;
            }
            _ => return,
        }
        self.set_top(Screen::Sources(s));
    }
}

/// `source 2/6`.
pub(crate) fn location(app: &App, s: &SourcesState) -> String {
    let n = app.full_doc().analysis().sources.len();
    format!("source {}/{n}", (s.cursor + 1).min(n))
}
