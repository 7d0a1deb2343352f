//! An item's detail: its relations as a cursor, following them with a history, scrolling with
//! the lines `view::detail` lays out.

use crate::app::{Action, App, Screen};
use crate::briefing::{ItemRef, Relation, Side};
use crate::view::{layout, Scroll};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailState {
    pub item: ItemRef,
    /// Index of the selected relation.
    pub cursor: usize,
    /// First line shown.
    pub scroll: usize,
    /// Items left by following relations, for `Backspace` / `Ctrl-o`.
    pub history: Vec<(ItemRef, usize)>,
}

impl App {
    pub fn open_detail(&mut self, r: ItemRef) {
        // A detail opened from a detail replaces it (the detail keeps its own history); opened
        // from another view (the contradictions, the matrix…) it goes on top, so Esc and
        // Backspace come back to that view and then to wherever it was opened from.
        if matches!(self.stack.last(), Some(Screen::Detail(_))) {
            self.stack.pop();
        }
        self.stack.push(Screen::Detail(DetailState {
            item: r,
            cursor: 0,
            scroll: 0,
            history: Vec::new(),
        }));
    }

    pub(crate) fn set_detail(&mut self, d: DetailState, follow_cursor: bool) {
        if let Some(Screen::Detail(top)) = self.stack.last_mut() {
            *top = d;
        }
        self.keep_detail_in_view(follow_cursor);
    }

    pub(crate) fn update_detail(&mut self, action: Action, mut d: DetailState) {
        let relations = self.relations_of(d.item);
        let n = relations.len();
        let page = usize::from(layout::body(self.size).height).max(1);
        // Only moving the cursor brings the selected relation into view; scrolling, `g` and a
        // newly followed item must be able to show the text above it.
        let follow_cursor = !matches!(
            action,
            Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::First
                | Action::Open
        );
        match action {
            Action::Down if n > 0 => d.cursor = (d.cursor + 1).min(n - 1),
            Action::Up if n > 0 => d.cursor = d.cursor.saturating_sub(1),
            Action::Down => d.scroll += 1,
            Action::Up => d.scroll = d.scroll.saturating_sub(1),
            Action::First => {
                d.cursor = 0;
                d.scroll = 0;
            }
            Action::Last => {
                d.cursor = n.saturating_sub(1);
                d.scroll = usize::MAX;
            }
            Action::PageDown => d.scroll = d.scroll.saturating_add(page),
            Action::PageUp => d.scroll = d.scroll.saturating_sub(page),
            Action::HalfPageDown => d.scroll = d.scroll.saturating_add(page / 2),
            Action::HalfPageUp => d.scroll = d.scroll.saturating_sub(page / 2),
            Action::Open => match relations.get(d.cursor) {
                Some(Relation::AnsweredBy(r) | Relation::Answers(r)) => {
                    d.history.push((d.item, d.cursor));
                    d.item = *r;
                    d.cursor = 0;
                    d.scroll = 0;
                    self.reveal(*r);
                }
                Some(Relation::Pair(p)) => {
                    // Opened on the other item: the one this detail does not show.
                    let side = self
                        .doc
                        .relations
                        .pairs
                        .get(*p)
                        .map_or(Side::Right, |pair| pair.side_of(d.item).other());
                    self.open_pairs_at(*p, side);
                    return;
                }
                None => self.message = Some("nothing to follow: this item has no relations".into()),
            },
            Action::HistoryBack => match d.history.pop() {
                Some((item, cursor)) => {
                    d.item = item;
                    d.cursor = cursor;
                    d.scroll = 0;
                    self.reveal(item);
                }
                None => {
                    self.stack.pop();
                    return;
                }
            },
            Action::ToggleContradictions => {
                self.open_pairs_for(Some(d.item));
                return;
            }
            Action::Compare => {
                self.compare();
                return;
            }
            _ => return,
        }
        self.set_detail(d, follow_cursor);
    }

    /// Clamps the detail's scroll to its lines and, when `follow_cursor`, so the selected relation
    /// is in view. Uses the detail's line layout (a pure function of the state and width).
    pub(crate) fn keep_detail_in_view(&mut self, follow_cursor: bool) {
        let Some(Screen::Detail(d)) = self.stack.last() else {
            return;
        };
        let area = layout::body(self.size);
        let view = crate::view::detail::layout(&self.ctx(), d.item, d.cursor, area.width);
        let height = usize::from(area.height.saturating_sub(2)).max(1);
        let mut scroll = Scroll::at(d.scroll).clamp(Scroll::max(view.lines.len(), height));
        if let Some(&line) = view.relation_lines.get(d.cursor).filter(|_| follow_cursor) {
            scroll = scroll.ensure_visible(line, height);
        }
        if let Some(Screen::Detail(d)) = self.stack.last_mut() {
            d.scroll = scroll.offset;
        }
    }

    /// Scrolls the detail so that the line of the current search match is in view.
    pub(crate) fn keep_detail_match_in_view(&mut self) {
        let Some(Screen::Detail(d)) = self.stack.last() else {
            return;
        };
        let area = layout::body(self.size);
        let view = crate::view::detail::layout(&self.ctx(), d.item, d.cursor, area.width);
        let Some(line) = view.match_line else {
            return;
        };
        let height = usize::from(area.height.saturating_sub(2)).max(1);
        let max = Scroll::max(view.lines.len(), height);
        let scroll = Scroll::at(d.scroll).center_on(line, height, max);
        if let Some(Screen::Detail(d)) = self.stack.last_mut() {
            d.scroll = scroll.offset;
        }
    }
}

/// `response 2/9`.
pub(crate) fn location(app: &App, d: &DetailState) -> String {
    let n = app.len(d.item.section);
    format!("{} {}/{n}", d.item.section.singular(), d.item.index + 1)
}
