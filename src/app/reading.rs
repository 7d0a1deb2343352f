//! The reader's side of reading state: flags (`f`), notes (`a` in the status bar, `A` in an
//! editor), stepping through what changed since last read (`]`, `[`), counting an item read
//! when its detail opens, and where you were (restored on open). The state itself is
//! [`crate::state::Reading`]; what is to be kept is queued there for the shell to store.

use super::prompt::{self, Edit, Recall};
use super::{Action, App, Screen};
use crate::briefing::search::Query;
use crate::briefing::{ItemRef, Section};
use crate::state::Position;

/// The note being typed in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    /// The item's id.
    pub id: String,
    pub text: Query,
    pub recall: Recall,
}

impl App {
    /// Flags, notes and what changed since last read; None when no state is kept.
    pub fn reading(&self) -> Option<&crate::state::Reading> {
        self.reading.as_ref()
    }

    /// The note being typed in the status bar: the item's id and the text so far.
    pub fn note_prompt(&self) -> Option<(&str, &str)> {
        self.note
            .as_ref()
            .map(|n| (n.id.as_str(), n.text.pattern.as_str()))
    }

    /// The id of the item in focus.
    fn focus_id(&self) -> Option<String> {
        self.focus_item()
            .and_then(|r| self.doc.briefing.item(r))
            .map(|i| i.id.clone())
    }

    fn no_state(&mut self) -> bool {
        if self.reading.is_none() {
            self.message = Some(
                "no reading state this run (--no-state, or the store could not be used)".into(),
            );
            return true;
        }
        false
    }

    pub(crate) fn toggle_flag(&mut self) {
        if self.no_state() {
            return;
        }
        let Some(id) = self.focus_id() else {
            self.message = Some("no item to flag".into());
            return;
        };
        if let Some(r) = self.reading.as_mut() {
            let on = r.toggle_flag(&id);
            self.message = Some(format!(
                "{} {}",
                crate::text::sanitize_line(&id),
                if on { "flagged" } else { "unflagged" }
            ));
        }
        self.refresh_heights();
    }

    pub(crate) fn start_note(&mut self) {
        if self.no_state() {
            return;
        }
        let Some(id) = self.focus_id() else {
            self.message = Some("no item to write a note on".into());
            return;
        };
        let text = self
            .reading
            .as_ref()
            .and_then(|r| r.note(&id))
            .unwrap_or_default()
            .to_string();
        self.note = Some(NoteEdit {
            id,
            text: Query {
                pattern: text,
                regex: false,
            },
            recall: Recall::default(),
        });
    }

    /// `A`: the note in an editor; the shell runs it.
    pub(crate) fn long_note(&mut self) {
        if self.no_state() {
            return;
        }
        match self.focus_id() {
            Some(id) => self.note_editor = Some(id),
            None => self.message = Some("no item to write a note on".into()),
        }
    }

    /// A note written in the editor comes back.
    pub fn set_note(&mut self, id: &str, text: &str) {
        if let Some(r) = self.reading.as_mut() {
            r.set_note(id, text);
            self.message = Some(if text.trim().is_empty() {
                format!("note on {} removed", crate::text::sanitize_line(id))
            } else {
                format!("note on {} kept", crate::text::sanitize_line(id))
            });
        }
        self.refresh_heights();
    }

    pub(crate) fn update_note(&mut self, action: Action) {
        let Some(n) = self.note.as_mut() else { return };
        if matches!(
            action,
            Action::PromptToggleRegex | Action::PromptHistoryPrev | Action::PromptHistoryNext
        ) {
            return;
        }
        match prompt::edit(&mut n.text, &mut n.recall, &[], action) {
            Edit::Changed | Edit::Ignored => {}
            Edit::Accept => {
                if let Some(n) = self.note.take() {
                    self.set_note(&n.id, &n.text.pattern);
                }
            }
            Edit::Cancel => {
                self.note = None;
                self.message = Some("note not changed".into());
            }
        }
    }

    /// Marks and notes add lines under items: the panes measure again.
    fn refresh_heights(&mut self) {
        for s in Section::ALL {
            self.keep_in_view(s);
        }
        self.keep_detail_in_view(false);
    }

    /// The items marked as changed, in reading order.
    pub fn changed_items(&self) -> Vec<ItemRef> {
        let Some(r) = self.reading.as_ref() else {
            return Vec::new();
        };
        self.doc
            .briefing
            .items()
            .filter(|(_, i)| r.mark(&i.id).is_some())
            .map(|(at, _)| at)
            .collect()
    }

    /// `]` / `[`: the next or previous changed item after the one in focus, in reading order
    /// (claims, responses, context), wrapping.
    pub(crate) fn step_change(&mut self, forward: bool) {
        let changed = self.changed_items();
        if changed.is_empty() {
            self.message = Some(if self.reading.is_some() {
                "nothing changed since you last read it".into()
            } else {
                "no reading state this run".into()
            });
            return;
        }
        let here = self.focus_item().unwrap_or(ItemRef::new(self.focus, 0));
        let next = if forward {
            changed.iter().find(|&&r| r > here).or(changed.first())
        } else {
            changed.iter().rev().find(|&&r| r < here).or(changed.last())
        };
        let Some(&to) = next else { return };
        if matches!(self.stack.last(), Some(Screen::Detail(_))) {
            self.open_detail(to);
        } else {
            self.focus = to.section;
            self.select(to.section, to.index);
        }
        let n = changed.iter().position(|&r| r == to).map_or(0, |p| p + 1);
        self.message = Some(format!("change {n}/{}", changed.len()));
    }

    /// Counts the item whose detail is on top as read: its change mark goes.
    pub(crate) fn note_reading(&mut self) {
        let Some(Screen::Detail(d)) = self.stack.last() else {
            return;
        };
        let Some(id) = self.doc.briefing.item(d.item).map(|i| i.id.clone()) else {
            return;
        };
        if let Some(r) = self.reading.as_mut() {
            r.read(&id);
        }
    }

    /// Where you are, by ids.
    pub fn position(&self) -> Position {
        let id = |s: Section| {
            self.selected_in(s)
                .and_then(|r| self.doc.briefing.item(r))
                .map(|i| i.id.clone())
        };
        let detail = self.stack.iter().rev().find_map(|s| match s {
            Screen::Detail(d) => self.doc.briefing.item(d.item).map(|i| i.id.clone()),
            _ => None,
        });
        Position {
            focus: self.focus.key().to_string(),
            selected: Section::ALL.map(id),
            offset: Section::ALL.map(|s| {
                let si = s.index();
                self.selected[si].saturating_sub(self.top[si])
            }),
            detail,
        }
    }

    /// Goes back to `p`: the pane in focus, the item selected in each pane at the same height on
    /// screen, the detail that was open. Ids no longer in the file are skipped.
    pub fn restore_position(&mut self, p: &Position) {
        for s in Section::ALL {
            let si = s.index();
            let found = p.selected[si]
                .as_deref()
                .and_then(|id| self.doc.briefing.find(id))
                .filter(|r| r.section == s);
            if let Some(r) = found {
                self.selected[si] = r.index;
                self.top[si] = r.index.saturating_sub(p.offset[si]);
                self.keep_in_view(s);
            }
        }
        if let Some(s) = Section::ALL.into_iter().find(|s| s.key() == p.focus) {
            self.focus = s;
        }
        if let Some(r) = p
            .detail
            .as_deref()
            .and_then(|id| self.doc.briefing.find(id))
        {
            self.open_detail(r);
            self.keep_detail_in_view(false);
        }
    }
}
