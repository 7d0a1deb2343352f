//! The shell's side of reading state: the store, if there is one, read when a briefing opens
//! (position, flags, notes, what was last seen) and written as the reader queues changes, when
//! it leaves a briefing, and when it quits. A store that fails is said once in the status bar
//! and the reader goes on without state.

use std::rc::Rc;

use super::shell::{Request, Shell};
use crate::briefing::diff::{self, Snapshot};
use crate::briefing::Document;
use crate::state::{key_of, Reading, Store, Unavailable, Write};

impl Shell {
    /// Takes the store (or why there is none, said once); a briefing already open gets its state.
    pub fn use_store(&mut self, store: Result<Option<Store>, Unavailable>) {
        match store {
            Ok(store) => self.store = store,
            Err(why) => {
                self.store = None;
                self.report(why.0);
            }
        }
        self.attach_state();
        let loaded: Vec<usize> = (0..self.library.entries.len()).collect();
        for i in loaded {
            self.count_changes(i);
        }
    }

    /// Closes the store on the way out, after the last write: SQLite folds its write-ahead
    /// log back into `state.db`, so that one file holds everything (a copy or a backup of it
    /// alone misses nothing).
    pub fn close_store(&mut self) {
        self.store = None;
    }

    /// Stops using the store after a failed write, saying so once.
    fn store_failed(&mut self, e: &rusqlite::Error) {
        if self.store.take().is_some() {
            self.report(format!(
                "state not kept from now on: the store failed: {}",
                crate::text::sanitize_line(&e.to_string())
            ));
        }
    }

    /// Reads the open briefing's state: restores where you were, marks what changed.
    pub(crate) fn attach_state(&mut self) {
        self.seen_names = None;
        self.state_id = None;
        let (Some(store), Some(app)) = (self.store.as_mut(), self.reader.as_mut()) else {
            return;
        };
        let doc = Rc::clone(app.full_doc());
        let now = Snapshot::of(&doc.briefing);
        match store.open_briefing(&key_of(&doc), &now) {
            Ok(saved) => {
                app.reading = Some(Reading::new(now, saved.seen, saved.flags, saved.notes));
                if let Some(p) = &saved.position {
                    app.restore_position(p);
                }
                self.state_id = Some(saved.id);
                if let Some(r) = app.reading.as_ref().filter(|r| r.has_changes()) {
                    app.message = Some(format!(
                        "since you last read it: {} · D lists them, ] and [ step through",
                        r.summary()
                    ));
                }
                // The detail restored counts as read.
                app.note_reading();
                self.flush_writes();
            }
            Err(e) => self.store_failed(&e),
        }
    }

    /// Writes what the reader queued: flags, notes, items read.
    pub(crate) fn flush_writes(&mut self) {
        let (Some(id), Some(app)) = (self.state_id, self.reader.as_mut()) else {
            return;
        };
        if let Some(item) = app.note_editor.take() {
            let text = app
                .reading
                .as_ref()
                .and_then(|r| r.note(&item))
                .unwrap_or_default()
                .to_string();
            self.requests.push(Request::EditNote { item, text });
        }
        let Some(reading) = app.reading.as_mut() else {
            return;
        };
        let writes = std::mem::take(&mut reading.writes);
        let seen = writes.contains(&Write::Seen).then(|| reading.seen_now());
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let mut failed = None;
        for w in &writes {
            if let Write::Item {
                id: item,
                flagged,
                note,
            } = w
            {
                if let Err(e) = store.set_item(id, item, *flagged, note.as_deref()) {
                    failed = Some(e);
                }
            }
        }
        if let Some(seen) = seen {
            if let Err(e) = store.save_seen(id, &seen) {
                failed = Some(e);
            }
        }
        if let Some(e) = failed {
            self.store_failed(&e);
        }
        if let Some(i) = self.open_entry {
            self.count_changes(i);
        }
    }

    /// Leaving the open briefing (another one, the list, quitting): keeps where you were and
    /// what you have now seen of it.
    pub(crate) fn leave_open(&mut self) {
        self.flush_writes();
        let (Some(id), Some(app), Some(store)) =
            (self.state_id, self.reader.as_ref(), self.store.as_ref())
        else {
            return;
        };
        let position = app.position();
        let seen = app.reading.as_ref().map(Reading::seen_now);
        let mut result = store.save_position(id, &position);
        if let (Ok(()), Some(seen)) = (&result, seen) {
            result = store.save_seen(id, &seen);
        }
        if let Err(e) = result {
            self.store_failed(&e);
        }
        if let Some(i) = self.open_entry {
            self.count_changes(i);
        }
    }

    /// A note written in the editor came back.
    pub fn on_note_edited(&mut self, item: &str, text: &str) {
        if let Some(app) = self.reader.as_mut() {
            app.set_note(item, text);
        }
        self.flush_writes();
    }

    /// The library's `new`/`changed` counts of entry `i`, from what was last read of it.
    pub(crate) fn count_changes(&mut self, i: usize) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        let open = self.open_entry == Some(i);
        let held = self
            .library
            .entries
            .get(i)
            .filter(|e| e.doc.is_none() && e.row.is_some())
            .map(|e| e.key.file_name().map(std::ffi::OsStr::to_os_string));
        if let Some(name) = held {
            // A briefing held as a row is read from its file only when something was seen of
            // a file of its name.
            if self.seen_names.is_none() {
                self.seen_names = store.seen_names().ok();
            }
            let seen = match (&name, &self.seen_names) {
                (Some(n), Some(names)) => names.contains(n),
                (_, None) => true,
                (None, _) => false,
            };
            let counts = if seen {
                self.library.doc(i).and_then(|d| counts_of(store, &d))
            } else {
                None
            };
            self.library.set_changes(i, counts);
            return;
        }
        let counts = match self.library.entries.get(i).and_then(|e| e.doc.as_ref()) {
            Some(_) if open => self
                .reader
                .as_ref()
                .and_then(|a| a.reading.as_ref())
                .map(|r| {
                    let (n, c, _) = r.counts();
                    (n, c)
                }),
            Some(doc) => counts_of(store, doc),
            None => None,
        };
        self.library.set_changes(i, counts);
    }
}

/// (new, changed) items of `doc` since it was last read; None when it never was.
fn counts_of(store: &Store, doc: &Document) -> Option<(usize, usize)> {
    let b = &doc.briefing;
    let saved = store.peek(&key_of(doc)).ok()??;
    let seen = saved.seen?;
    let now = Snapshot::of(b);
    let d = diff::diff(&seen, &now);
    let marks = diff::marks(&d, &seen, &now);
    let new = marks.values().filter(|m| **m == diff::Mark::New).count();
    Some((new, marks.len() - new))
}
