//! The analysis views' state: the stance matrix, the timeline, the sources and the source filter.
//! The derivations live in `briefing::analysis`; this is where keys move cursors over them and
//! where the filter swaps the document the panes show.

use std::rc::Rc;

use super::{Action, App, Screen};
use crate::briefing::analysis::without_source;
use crate::briefing::Document;
use crate::briefing::{Briefing, ItemRef, Section};
use crate::view::{layout, tables, Scroll};

/// The stance matrix: the selected cell, and the first row and column shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatrixState {
    pub row: usize,
    pub col: usize,
    pub top: usize,
    pub left: usize,
}

/// The timeline: the selected entry (an index into `Timeline::entries`) and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineState {
    pub cursor: usize,
    pub scroll: usize,
}

/// The sources: the selected row (an index into the full document's source summaries) and the
/// first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourcesState {
    pub cursor: usize,
    pub scroll: usize,
}

/// One source's items hidden everywhere. `App::doc` is the filtered document; `full` the one
/// loaded from the file, which comes back when the filter is turned off.
#[derive(Debug, Clone)]
pub struct SourceFilter {
    /// The hidden source's id.
    pub source: String,
    pub full: Rc<Document>,
    /// What the filter takes away, counted once when it is applied (the header shows it on
    /// every frame).
    pub count: HiddenCount,
}

/// What hiding `source` takes from `full` to give `shown`.
fn hidden_count(full: &Briefing, shown: &Briefing, source: &str) -> HiddenCount {
    let gone = full.item_count().saturating_sub(shown.item_count());
    let own = [&full.claims, &full.responses, &full.context]
        .iter()
        .flat_map(|items| items.iter())
        .filter(|i| i.source.as_deref() == Some(source))
        .count();
    HiddenCount {
        own,
        answers: gone.saturating_sub(own),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Matrix,
    Timeline,
    Sources,
}

fn view_of(screen: &Screen) -> Option<View> {
    match screen {
        Screen::Matrix(_) => Some(View::Matrix),
        Screen::Timeline(_) => Some(View::Timeline),
        Screen::Sources(_) => Some(View::Sources),
        _ => None,
    }
}

/// The briefing without one source, as a document of its own.
fn filtered_doc(full: &Document, source: &str) -> Rc<Document> {
    Rc::new(Document::new(
        full.path.clone(),
        full.name.clone(),
        without_source(&full.briefing, source),
        full.warnings.clone(),
    ))
}

/// Moves `first` so `cursor` is among the `shown` rows from it.
fn scrolled(first: usize, cursor: usize, shown: usize) -> usize {
    Scroll::at(first).ensure_visible(cursor, shown).offset
}

/// `1 item`, `3 items`.
/// What hiding a source takes away: its own items, and the responses that answered only them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HiddenCount {
    pub own: usize,
    pub answers: usize,
}

/// `3 items`, or `3 items + 2 answers` (the responses that answered only those items).
pub fn items(n: HiddenCount) -> String {
    let own = crate::text::count(n.own, "item");
    match n.answers {
        0 => own,
        1 => format!("{own} + 1 answer"),
        k => format!("{own} + {k} answers"),
    }
}

impl App {
    /// The document as loaded, whatever the filter hides.
    pub fn full_doc(&self) -> &Rc<Document> {
        self.filter.as_ref().map_or(&self.doc, |f| &f.full)
    }

    /// The hidden source's display name and how many items the filter hides, when it is on.
    pub fn hidden(&self) -> Option<(&str, HiddenCount)> {
        let f = self.filter.as_ref()?;
        let name = f
            .full
            .briefing
            .source(&f.source)
            .map_or(f.source.as_str(), |s| s.name.as_str());
        Some((name, f.count))
    }

    /// A new version of the file arrives: with a filter on, it becomes the full document and the
    /// filter is applied to it (dropped if the source is gone). Returns the document to show.
    pub(super) fn refilter(&mut self, doc: Rc<Document>) -> Rc<Document> {
        match self.filter.take() {
            Some(f) if doc.briefing.source(&f.source).is_some() => {
                let shown = filtered_doc(&doc, &f.source);
                self.filter = Some(SourceFilter {
                    count: hidden_count(&doc.briefing, &shown.briefing, &f.source),
                    source: f.source,
                    full: doc,
                });
                shown
            }
            _ => doc,
        }
    }

    /// `x` in the Sources view: hide source `index` (of the full document's summaries)
    /// everywhere, or show it again if it is the hidden one.
    fn toggle_source_filter(&mut self, index: usize) {
        let full = Rc::clone(self.full_doc());
        let Some(src) = full
            .analysis()
            .sources
            .get(index)
            .and_then(|s| s.source)
            .and_then(|i| full.briefing.sources.get(i))
        else {
            self.message = Some("only a named source can be hidden".into());
            return;
        };
        let name = crate::text::sanitize_line(&src.name).into_owned();
        if self.filter.as_ref().is_some_and(|f| f.source == src.id) {
            self.filter = None;
            self.show_doc(full);
            self.message = Some(format!("showing {name} again"));
            return;
        }
        // One source is hidden at a time: hiding another shows the first again, and says so.
        let was = self
            .hidden()
            .map(|(n, _)| crate::text::sanitize_line(n).into_owned());
        let shown = filtered_doc(&full, &src.id);
        let n = hidden_count(&full.briefing, &shown.briefing, &src.id);
        let pairs = (full.relations.pairs.len(), shown.relations.pairs.len());
        // A detail of an item that is now hidden closes rather than showing a neighbour.
        let doc = Rc::clone(&self.doc);
        self.stack.retain(|screen| match screen {
            Screen::Detail(d) => doc
                .briefing
                .item(d.item)
                .is_some_and(|i| shown.briefing.find(&i.id).is_some()),
            _ => true,
        });
        self.filter = Some(SourceFilter {
            source: src.id.clone(),
            full,
            count: n,
        });
        self.show_doc(shown);
        let again = was
            .map(|w| format!(" ({w} shown again)"))
            .unwrap_or_default();
        self.message = Some(format!(
            "hiding {name}: {}, contradictions {} → {}; x again to show{again}",
            items(n),
            pairs.0,
            pairs.1
        ));
    }

    /// `m`, `t`, `s`: opens the view (at the item in focus), closes it when it is on top, or
    /// switches to it from another analysis view.
    pub(super) fn toggle_view(&mut self, action: Action) {
        let want = match action {
            Action::ToggleMatrix => View::Matrix,
            Action::ToggleTimeline => View::Timeline,
            Action::ToggleSources => View::Sources,
            _ => return,
        };
        let top = self.stack.last().and_then(view_of);
        if top == Some(want) {
            self.stack.pop();
            return;
        }
        let focus = super::shell::side_item(self);
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
        };
        self.stack.push(screen);
        self.keep_analysis_in_view();
    }

    /// The matrix with the cursor on `item`'s claim (a response: its first claim and its source).
    fn matrix_at(&self, item: Option<ItemRef>) -> MatrixState {
        let a = self.doc.analysis();
        let m = &a.matrix;
        let b = &self.doc.briefing;
        let mut state = MatrixState::default();
        let Some(r) = item else { return state };
        let claim = match r.section {
            Section::Claims => Some(r.index),
            Section::Responses => self.doc.relations.answered(r.index).next().map(|c| c.index),
            Section::Context => None,
        };
        if let Some(row) = claim.and_then(|c| m.claims.iter().position(|&x| x == c)) {
            state.row = row;
            let lane = b
                .item(r)
                .and_then(|i| i.source.as_deref())
                .and_then(|id| b.sources.iter().position(|s| s.id == id));
            state.col = m.columns.iter().position(|c| *c == lane).unwrap_or(0);
        }
        state
    }

    fn timeline_at(&self, item: Option<ItemRef>) -> TimelineState {
        let t = &self.doc.analysis().timeline;
        let cursor = item
            .and_then(|r| t.entries.iter().position(|e| e.item == r))
            .unwrap_or(0);
        TimelineState { cursor, scroll: 0 }
    }

    fn sources_at(&self, item: Option<ItemRef>) -> SourcesState {
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
                _ => {}
            }
        }
        self.stack = stack;
    }

    fn clamp_matrix(&self, mut m: MatrixState, body: ratatui::layout::Rect) -> MatrixState {
        let a = self.doc.analysis();
        let g = tables::geometry(&a.matrix, body);
        m.row = m.row.min(a.matrix.rows().saturating_sub(1));
        m.col = m.col.min(a.matrix.columns.len().saturating_sub(1));
        m.top = scrolled(m.top, m.row, g.rows);
        m.left = scrolled(m.left, m.col, g.cols);
        m
    }

    fn clamp_timeline(&self, mut t: TimelineState, body: ratatui::layout::Rect) -> TimelineState {
        let tl = &self.doc.analysis().timeline;
        let rows = tables::timeline_rows(body);
        t.cursor = t.cursor.min(tl.entries.len().saturating_sub(1));
        t.scroll = scrolled(t.scroll, t.cursor, rows);
        t
    }

    fn clamp_sources(&self, mut s: SourcesState, body: ratatui::layout::Rect) -> SourcesState {
        let n = self.full_doc().analysis().sources.len();
        let rows = tables::source_rows(n, body);
        s.cursor = s.cursor.min(n.saturating_sub(1));
        s.scroll = scrolled(s.scroll, s.cursor, rows);
        s
    }

    fn set_top(&mut self, screen: Screen) {
        if let Some(top) = self.stack.last_mut() {
            *top = screen;
        }
        self.keep_analysis_in_view();
    }

    pub(super) fn update_matrix(&mut self, action: Action, mut m: MatrixState) {
        let doc = Rc::clone(&self.doc);
        let matrix = &doc.analysis().matrix;
        let rows = matrix.rows();
        let cols = matrix.columns.len();
        let page = tables::geometry(matrix, layout::body(self.size))
            .rows
            .max(1);
        match action {
            Action::Down => m.row = (m.row + 1).min(rows.saturating_sub(1)),
            Action::Up => m.row = m.row.saturating_sub(1),
            Action::Right | Action::NextPane => m.col = (m.col + 1).min(cols.saturating_sub(1)),
            Action::Left | Action::PrevPane => m.col = m.col.saturating_sub(1),
            Action::First => m.row = 0,
            Action::Last => m.row = rows.saturating_sub(1),
            Action::PageDown => m.row = (m.row + page).min(rows.saturating_sub(1)),
            Action::PageUp => m.row = m.row.saturating_sub(page),
            Action::Scroll(_, _, dir) if dir > 0 => m.row = (m.row + 1).min(rows.saturating_sub(1)),
            Action::Scroll(..) => m.row = m.row.saturating_sub(1),
            Action::Open => {
                let Some(claim) = matrix.claim(m.row) else {
                    self.message = Some("this briefing has no claims".into());
                    return;
                };
                let cell = matrix.cell(m.row, m.col);
                match cell.and_then(|c| c.response(&doc.briefing)) {
                    Some(r) => {
                        self.reveal(r);
                        self.open_detail(r);
                    }
                    None if cell.is_some_and(|c| c.claims_it) => {
                        self.reveal(claim);
                        self.open_detail(claim);
                    }
                    None => {
                        let who = matrix
                            .columns
                            .get(m.col)
                            .copied()
                            .flatten()
                            .and_then(|i| doc.briefing.sources.get(i))
                            .map_or("no source".to_string(), |s| {
                                crate::text::sanitize_line(&s.name).into_owned()
                            });
                        let id = doc.briefing.item(claim).map_or("", |i| i.id.as_str());
                        self.message = Some(format!(
                            "{who} says nothing about `{}`",
                            crate::text::sanitize_line(id)
                        ));
                    }
                }
                return;
            }
            _ => return,
        }
        self.set_top(Screen::Matrix(m));
    }

    pub(super) fn update_timeline(&mut self, action: Action, mut t: TimelineState) {
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

    pub(super) fn update_sources(&mut self, action: Action, mut s: SourcesState) {
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
