//! What the reader knows of one open briefing's reading state, as plain data: flags, notes, and
//! what changed since it was last read. The app changes it and queues [`Write`]s; the shell
//! hands them to the store. The views read it to mark items.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::briefing::diff::{self, Diff, ItemChange, Kind, Mark, Snapshot};
use crate::briefing::Briefing;

/// A change to keep, for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// An item's flag and note as they are now.
    Item {
        id: String,
        flagged: bool,
        note: Option<String>,
    },
    /// What has been read changed: save [`Reading::seen_now`].
    Seen,
}

#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub flags: BTreeSet<String>,
    pub notes: BTreeMap<String, String>,
    /// What was last read; None the first time (nothing is then marked).
    pub old: Option<Snapshot>,
    /// The file as it is now.
    pub now: Snapshot,
    /// From `old` to `now`.
    pub diff: Diff,
    /// New and changed items not read since.
    pub marks: HashMap<String, Mark>,
    pub writes: Vec<Write>,
}

impl Reading {
    /// The reading state of the file as it is `now`, given what was last seen of it and its
    /// flags and notes.
    pub fn new(
        now: Snapshot,
        old: Option<Snapshot>,
        flags: Vec<String>,
        notes: Vec<(String, String)>,
    ) -> Reading {
        let mut r = Reading {
            flags: flags.into_iter().collect(),
            notes: notes.into_iter().collect(),
            old,
            ..Reading::default()
        };
        r.set_now(now);
        r
    }

    /// A new version of the file (a live reload): marks against what was last read, the
    /// items read since staying read.
    pub fn update(&mut self, b: &Briefing) {
        self.set_now(Snapshot::of(b));
    }

    fn set_now(&mut self, now: Snapshot) {
        self.now = now;
        match &self.old {
            Some(old) => {
                self.diff = diff::diff(old, &self.now);
                self.marks = diff::marks(&self.diff, old, &self.now);
            }
            None => {
                self.diff = Diff::default();
                self.marks.clear();
            }
        }
    }

    pub fn mark(&self, id: &str) -> Option<&Mark> {
        self.marks.get(id)
    }

    pub fn flagged(&self, id: &str) -> bool {
        self.flags.contains(id)
    }

    pub fn note(&self, id: &str) -> Option<&str> {
        self.notes.get(id).map(String::as_str)
    }

    /// The items removed since the last read.
    pub fn removed(&self) -> impl Iterator<Item = &ItemChange> {
        self.diff.items.iter().filter(|c| c.kind == Kind::Removed)
    }

    /// (new, changed, removed) not read yet.
    pub fn counts(&self) -> (usize, usize, usize) {
        let new = self.marks.values().filter(|m| **m == Mark::New).count();
        (new, self.marks.len() - new, self.removed().count())
    }

    /// Whether there is anything to say in the header.
    pub fn has_changes(&self) -> bool {
        let (n, c, r) = self.counts();
        n + c + r > 0
    }

    /// The header's words: `3 new · 2 changed · 1 removed`.
    pub fn summary(&self) -> String {
        let (n, c, r) = self.counts();
        let mut parts = Vec::new();
        if n > 0 {
            parts.push(format!("{n} new"));
        }
        if c > 0 {
            parts.push(format!("{c} changed"));
        }
        if r > 0 {
            parts.push(format!("{r} removed"));
        }
        parts.join(" · ")
    }

    /// An item was read: its mark goes, and what is seen of it is its text now.
    pub fn read(&mut self, id: &str) {
        if self.marks.remove(id).is_none() {
            return;
        }
        // Read, it is no longer a change on a reload either.
        if let (Some(old), Some(now)) = (self.old.as_mut(), self.now.item(id)) {
            match old.items.iter_mut().find(|i| i.id == id) {
                Some(o) => *o = now.clone(),
                None => old.items.push(now.clone()),
            }
        }
        self.writes.push(Write::Seen);
    }

    pub fn toggle_flag(&mut self, id: &str) -> bool {
        let on = !self.flags.remove(id);
        if on {
            self.flags.insert(id.to_string());
        }
        self.push_item(id);
        on
    }

    /// Sets (or, empty, removes) an item's note.
    pub fn set_note(&mut self, id: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            self.notes.remove(id);
        } else {
            self.notes.insert(id.to_string(), text.to_string());
        }
        self.push_item(id);
    }

    fn push_item(&mut self, id: &str) {
        self.writes.push(Write::Item {
            id: id.to_string(),
            flagged: self.flagged(id),
            note: self.note(id).map(str::to_string),
        });
    }

    /// What has been read of the file: the file now, except the items still marked, which keep
    /// what was last read of them (a new one stays unseen), so that they are marked again next
    /// time. Removed items are said once and dropped.
    pub fn seen_now(&self) -> Snapshot {
        let mut seen = self.now.clone();
        let old = self.old.as_ref();
        seen.items = self
            .now
            .items
            .iter()
            .filter_map(|item| match self.marks.get(&item.id) {
                None => Some(item.clone()),
                Some(Mark::New) => None,
                Some(Mark::Changed(_)) => old
                    .and_then(|o| o.item(&item.id))
                    .cloned()
                    .or_else(|| Some(item.clone())),
            })
            .collect();
        seen
    }
}
