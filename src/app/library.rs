//! The library: every briefing given on the command line, newest first (or by title, or file), with files that fail to
//! load kept in the list as errors. Entries arrive one by one as background loading finishes, and
//! change as live reload sees the files change.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::briefing::files::ByPath;
use crate::briefing::filter::Filter;
use crate::briefing::summary::Summary;
use crate::briefing::{Date, Document, Failure};

#[derive(Debug, Clone)]
pub struct Entry {
    /// The path as given (shown to the user).
    pub path: PathBuf,
    /// The absolute path, to match file-system events.
    pub key: PathBuf,
    /// The list row of the last version that loaded (from the document, or from the index).
    pub row: Option<Summary>,
    /// The last version that loaded, while the library holds it: every one without an index;
    /// with one, those within [`Library::budget`] and the one open. Else it is read from its
    /// file when needed ([`Library::doc`]).
    pub doc: Option<Rc<Document>>,
    /// Set while the file on disk does not load (the last good version, if any, stays).
    pub error: Option<Failure>,
    pub loading: bool,
    /// The document was read from its file to be opened (the library held only its row): it
    /// is let go again when the reader closes.
    pub transient: bool,
    /// Items (new, changed) since it was last read; None when it never was, or no state is kept.
    pub changes: Option<(usize, usize)>,
}

impl Entry {
    pub fn new(path: PathBuf) -> Entry {
        let key = absolute(&path);
        Entry::with_key(path, key)
    }

    fn with_key(path: PathBuf, key: PathBuf) -> Entry {
        Entry {
            path,
            key,
            row: None,
            doc: None,
            error: None,
            loading: true,
            transient: false,
            changes: None,
        }
    }

    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    fn sort_key(&self, sort: Sort) -> SortKey<'_> {
        let changed = self.changes.map_or(0, |(n, c)| n + c);
        match (sort, &self.row) {
            (Sort::File, _) => (0, Reverse(0), Reverse(None), "", ByPath(&self.key)),
            (Sort::Date, Some(d)) => (0, Reverse(0), Reverse(Some(d.date)), "", ByPath(&self.key)),
            (Sort::Title, Some(d)) => (
                0,
                Reverse(0),
                Reverse(None),
                d.title.as_str(),
                ByPath(&self.key),
            ),
            (Sort::Changed, Some(d)) => (
                0,
                Reverse(changed),
                Reverse(Some(d.date)),
                "",
                ByPath(&self.key),
            ),
            (_, None) => (1, Reverse(0), Reverse(None), "", ByPath(&self.key)),
        }
    }
}

/// The library's order (`library.sort` in the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Loaded first, newest first, then by path.
    #[default]
    Date,
    /// Loaded first, by title, then by path.
    Title,
    /// By path, loaded or not.
    File,
    /// Most items new or changed since last read first, then newest first.
    Changed,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Date, Sort::Title, Sort::File, Sort::Changed];

    pub fn name(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::File => "file",
            Sort::Changed => "changed",
        }
    }

    pub fn from_name(name: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Loaded first, then by changes since last read, date (newest first) or title, then by path.
type SortKey<'a> = (
    u8,
    Reverse<usize>,
    Reverse<Option<Date>>,
    &'a str,
    ByPath<'a>,
);

pub fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// [`absolute`], with the current folder already known (it is asked of the system once, not
/// once for each of 100,000 files).
fn absolute_in(cwd: Option<&Path>, p: &Path) -> PathBuf {
    match cwd {
        Some(cwd) if p.is_relative() => absolute(&cwd.join(p)),
        _ => absolute(p),
    }
}

#[derive(Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Indices into `entries` in display order: loaded newest first, then the rest by path.
    /// With a filter (`&`), only the briefings that match it.
    pub order: Vec<usize>,
    /// The `&` filter: the list shows only the briefings that match (a file that does not
    /// load, or is still loading, matches no filter).
    pub filter: Option<Filter>,
    /// Position in `order` of the selected entry.
    pub selected: usize,
    pub top: usize,
    /// Files still loading.
    pub pending: usize,
    /// The order of the list.
    pub sort: Sort,
    /// Whether the user has moved the selection. Until then it stays on the first line while
    /// files load and the order changes, rather than following whichever file sorted first by
    /// path (which may end up anywhere, even at the bottom as a broken file).
    pub moved: bool,
    /// The index in `entries` of each absolute path: a load finds its entry without a walk
    /// over all of them (thousands of loads over thousands of entries was quadratic).
    keys: HashMap<PathBuf, usize>,
    /// With the library's index: how many bytes of files the library keeps parsed, all or
    /// nothing: a library that fits is held parsed whole; once it is found not to, it is held as
    /// rows only (read from the index or their files when needed), the budget then `Some(0)`.
    /// None: every one, without an index.
    pub budget: Option<u64>,
    /// Bytes of the files kept parsed under [`Library::budget`].
    kept: u64,
    /// The files (keys) kept parsed under the budget once the index recorded them: those let go
    /// of when the library turns out bigger than the budget.
    held: std::collections::HashSet<PathBuf>,
    /// The largest file read when a briefing held as a row is needed.
    pub max_size: u64,
    /// The index, for searching the briefings held as rows.
    pub index: Option<Rc<crate::state::index::Reader>>,
    /// Each entry's id in the index (None: not in it when asked), read at the first search
    /// and again after an entry leaves (the entries after it move up).
    ids: std::cell::RefCell<Option<Vec<Option<i64>>>>,
    /// Every entry's tags joined (see [`Library::joined_tags`]): made at the first search that
    /// needs it, again after an entry arrives, changes or leaves.
    tags: std::cell::RefCell<Option<Rc<JoinedTags>>>,
}

/// The tags of every entry, in entry order, each ended by a line break, and where each
/// entry's end: the library search looks for a literal in them at once. Gathering them from
/// 100,000 rows scattered in memory took 11 ms, too long to do on every keystroke.
#[derive(Debug, Default)]
pub struct JoinedTags {
    pub text: String,
    /// `ends[i]`: the byte just after entry `i`'s tags.
    pub ends: Vec<usize>,
}

impl JoinedTags {
    /// The entry whose tags hold byte `at`.
    pub fn entry_at(&self, at: usize) -> usize {
        self.ends.partition_point(|&end| end <= at)
    }
}

/// How many bytes of briefing files the library keeps parsed when it has an index: a library
/// this size or smaller is held whole, as without one.
pub const BUDGET: u64 = 32 << 20;

impl Library {
    pub fn new(paths: Vec<PathBuf>) -> Library {
        let cwd = std::env::current_dir().ok();
        let entries: Vec<Entry> = paths
            .into_iter()
            .map(|p| {
                let key = absolute_in(cwd.as_deref(), &p);
                Entry::with_key(p, key)
            })
            .collect();
        let pending = entries.len();
        let mut lib = Library {
            entries,
            order: Vec::new(),
            selected: 0,
            top: 0,
            pending,
            sort: Sort::Date,
            moved: false,
            filter: None,
            keys: HashMap::new(),
            budget: None,
            kept: 0,
            held: Default::default(),
            max_size: crate::briefing::load::DEFAULT_MAX_SIZE,
            index: None,
            ids: std::cell::RefCell::new(None),
            tags: std::cell::RefCell::new(None),
        };
        lib.rekey();
        lib.resort(None);
        lib
    }

    /// Puts the list in another order, keeping the selection on its entry once moved.
    pub fn set_sort(&mut self, sort: Sort) {
        self.sort = sort;
        self.resort(None);
    }

    pub fn total(&self) -> usize {
        self.entries.len()
    }

    /// Puts a filter in force (None: lists every briefing again), keeping the selection on its
    /// briefing when it still matches.
    pub fn set_filter(&mut self, filter: Option<Filter>) {
        let keep = self.selected_entry();
        self.filter = filter;
        self.resort(keep);
    }

    /// Whether entry `i` passes the filter in force.
    pub fn passes(&self, i: usize) -> bool {
        match &self.filter {
            None => self.entries.get(i).is_some(),
            Some(f) => self.matches(i, f),
        }
    }

    /// Whether entry `i` is a briefing `filter` lists: decided on its row when the filter has
    /// only briefing terms, else on the document (read from its file when not held).
    fn matches(&self, i: usize, filter: &Filter) -> bool {
        let Some(e) = self.entries.get(i) else {
            return false;
        };
        let Some(row) = &e.row else {
            return false;
        };
        if let Some(yes) = filter.summary(row, e.changes) {
            return yes;
        }
        self.doc(i).is_some_and(|d| filter.briefing(&d, e.changes))
    }

    /// How many briefings `filter` would list.
    pub fn count_passing(&self, filter: &Filter) -> usize {
        (0..self.entries.len())
            .filter(|&i| self.matches(i, filter))
            .count()
    }

    /// The last version of entry `i` that loaded: the one held, else read from its file (None
    /// when it no longer loads, or never did).
    pub fn doc(&self, i: usize) -> Option<Rc<Document>> {
        let e = self.entries.get(i)?;
        if let Some(d) = &e.doc {
            return Some(Rc::clone(d));
        }
        e.row.as_ref()?;
        crate::briefing::document::load_file(
            &e.path,
            self.max_size,
            crate::briefing::load::Accept::Regular,
        )
        .ok()
        .map(Rc::new)
    }

    /// Entry `i`'s id in the index, if it has one (see [`Library::ids`]).
    pub fn index_id(&self, i: usize) -> Option<i64> {
        let reader = self.index.as_ref()?;
        let mut ids = self.ids.borrow_mut();
        if ids.as_ref().is_none_or(|v| v.len() < self.entries.len()) {
            let by_path = reader.ids().unwrap_or_default();
            *ids = Some(
                self.entries
                    .iter()
                    .map(|e| by_path.get(&e.key).copied())
                    .collect(),
            );
        }
        ids.as_ref()?.get(i).copied().flatten()
    }

    /// Every entry's tags joined, made now if an entry changed since they last were.
    pub fn joined_tags(&self) -> Rc<JoinedTags> {
        let mut tags = self.tags.borrow_mut();
        let joined = tags.get_or_insert_with(|| {
            let mut j = JoinedTags {
                text: String::new(),
                ends: Vec::with_capacity(self.entries.len()),
            };
            for e in &self.entries {
                for t in e.row.iter().flat_map(|r| &r.tags) {
                    j.text.push_str(t);
                    j.text.push('\n');
                }
                j.ends.push(j.text.len());
            }
            Rc::new(j)
        });
        Rc::clone(joined)
    }

    /// Whether every briefing is held parsed (none only as a row).
    pub fn all_parsed(&self) -> bool {
        self.entries
            .iter()
            .all(|e| e.row.is_none() || e.doc.is_some())
    }

    /// Whether entry `i` is a briefing (it loaded, now or before).
    pub fn is_briefing(&self, i: usize) -> bool {
        self.entries.get(i).is_some_and(|e| e.row.is_some())
    }

    /// The index recorded these files (absolute path, size): within the budget the library
    /// keeps their documents; past it, it lets go of them and of every one it kept (`open` is the
    /// entry the reader shows, whose it keeps).
    pub fn indexed(&mut self, files: &[(PathBuf, u64)], open: Option<usize>) {
        if self.budget.is_none() {
            return;
        }
        for (key, size) in files {
            let Some(i) = self.find(key) else { continue };
            // A file kept before and indexed again (the watcher's reload) keeps its place.
            if self.held.contains(key) || self.reserve(*size, open) {
                self.held.insert(key.clone());
            } else if Some(i) != open {
                if let Some(e) = self.entries.get_mut(i) {
                    e.doc = None;
                }
            }
        }
    }

    /// Whether entry `i`, held as a row of a file of `size` bytes, is to be held parsed too:
    /// the budget has room for it (which it then takes; see [`Library::reserve`]).
    pub fn keep(&mut self, i: usize, size: u64, open: Option<usize>) -> bool {
        let Some(key) = self.entries.get(i).map(|e| e.key.clone()) else {
            return false;
        };
        if self.held.contains(&key) {
            return true;
        }
        let kept = self.reserve(size, open);
        if kept {
            self.held.insert(key);
        }
        kept
    }

    /// Whether the budget has room for a file of `size` bytes (which it then takes). When it
    /// has not, the library is bigger than the budget: it lets go of the documents it kept
    /// (but `open`'s) and holds rows from then on.
    fn reserve(&mut self, size: u64, open: Option<usize>) -> bool {
        match self.budget {
            Some(budget) if self.kept + size <= budget => {
                self.kept += size;
                true
            }
            Some(budget) if budget > 0 => {
                self.budget = Some(0);
                for key in std::mem::take(&mut self.held) {
                    let Some(i) = self.find(&key).filter(|&i| Some(i) != open) else {
                        continue;
                    };
                    if let Some(e) = self.entries.get_mut(i).filter(|e| !e.transient) {
                        e.doc = None;
                    }
                }
                false
            }
            _ => false,
        }
    }

    /// Whether the library turned out bigger than its budget (and is held as rows).
    pub fn over_budget(&self) -> bool {
        self.budget == Some(0)
    }

    /// The reader closed entry `i`: a document read only to be opened is let go.
    pub fn release(&mut self, i: usize) {
        if let Some(e) = self.entries.get_mut(i).filter(|e| e.transient) {
            e.doc = None;
            e.transient = false;
        }
    }

    /// Rows from the index (the path as given, its row): files found as they were indexed,
    /// taken in all at once. Returns their entries' indices.
    pub fn rows_loaded(&mut self, rows: Vec<(PathBuf, Summary)>) -> Vec<usize> {
        let cwd = std::env::current_dir().ok();
        // A few rows (the watcher's) move alone; more are placed together: each moved alone
        // shifted the rows between its old place and its new one, 100,000 rows arriving in
        // batches of hundreds over a list of 100,000 spent most of the warm open there.
        let few = rows.len() <= 8;
        let mut out = Vec::with_capacity(rows.len());
        for (shown, row) in rows {
            let key = absolute_in(cwd.as_deref(), &shown);
            let found = self.find(&key);
            let was = match (found, few) {
                (Some(i), true) => self.position_in_order(i),
                _ => None,
            };
            let i = self.taken_in(found, key, shown);
            if let Some(e) = self.entries.get_mut(i) {
                e.row = Some(row);
                e.doc = None;
                e.error = None;
            }
            if few {
                self.replace_in_order(i, was);
            }
            out.push(i);
        }
        if !few {
            self.place_all(&out);
        }
        out
    }

    /// Puts entries `moved` (their sort keys changed) in their places: the same order and
    /// selection as [`Library::resort`] gives, in one pass over the list and a binary search for
    /// each, the others keeping their order.
    fn place_all(&mut self, moved: &[usize]) {
        let keep = self.moved.then(|| self.selected_entry()).flatten();
        let mut marked = vec![false; self.entries.len()];
        for &i in moved {
            if let Some(m) = marked.get_mut(i) {
                *m = true;
            }
        }
        self.order
            .retain(|&j| !marked.get(j).copied().unwrap_or(false));
        let mut adding: Vec<usize> = marked
            .iter()
            .enumerate()
            .filter(|&(i, &m)| m && self.passes(i))
            .map(|(i, _)| i)
            .collect();
        adding.sort_by_cached_key(|&i| self.order_key(i));
        let mut order = Vec::with_capacity(self.order.len() + adding.len());
        let mut from = 0;
        for &i in &adding {
            let key = self.order_key(i);
            let rest = self.order.get(from..).unwrap_or(&[]);
            let at = from + rest.partition_point(|&j| self.order_key(j) < key);
            order.extend_from_slice(self.order.get(from..at).unwrap_or(&[]));
            order.push(i);
            from = at;
        }
        order.extend_from_slice(self.order.get(from..).unwrap_or(&[]));
        self.order = order;
        self.keep_selection(keep);
    }

    /// The list's words for the filter in force: `filter tag:korea · 3 of 12`.
    pub fn filter_notice(&self) -> Option<String> {
        let f = self.filter.as_ref()?;
        Some(format!(
            "filter {} · {} of {}",
            f.text(),
            crate::text::thousands(self.order.len()),
            crate::text::thousands(self.total())
        ))
    }

    pub fn selected_entry(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    pub fn find(&self, key: &Path) -> Option<usize> {
        // The first entry with the key, as a walk would find it.
        self.keys
            .get(key)
            .copied()
            .filter(|&i| self.entries.get(i).is_some_and(|e| e.key == key))
    }

    /// Rebuilds the key index after entries moved.
    fn rekey(&mut self) {
        self.keys.clear();
        for (i, e) in self.entries.iter().enumerate() {
            self.keys.entry(e.key.clone()).or_insert(i);
        }
    }

    /// Where entry `i` goes in the display order: its sort key, then its index (what a stable
    /// sort of the indices in ascending order gives).
    fn order_key(&self, i: usize) -> Option<(SortKey<'_>, usize)> {
        self.entries.get(i).map(|e| (e.sort_key(self.sort), i))
    }

    /// Re-sorts, keeping the selection on the same entry (or on `keep` when given).
    fn resort(&mut self, keep: Option<usize>) {
        let keep = keep.or_else(|| self.moved.then(|| self.selected_entry()).flatten());
        let mut order: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.passes(i))
            .collect();
        order.sort_by_key(|&i| self.entries.get(i).map(|e| e.sort_key(self.sort)));
        self.order = order;
        self.keep_selection(keep);
    }

    /// Where entry `i` stands in the order, as its key now places it: a binary search, the
    /// order being sorted by [`Self::order_key`] (a walk if it is not there, as a filter may
    /// have left it out).
    fn position_in_order(&self, i: usize) -> Option<usize> {
        let key = self.order_key(i);
        let at = self.order.partition_point(|&j| self.order_key(j) < key);
        if self.order.get(at) == Some(&i) {
            return Some(at);
        }
        self.passes(i)
            .then(|| self.order.iter().position(|&j| j == i))
            .flatten()
    }

    /// Moves entry `i`, which stood at `was` in the order (None: it was not in it), alone to
    /// its place: the same order and selection as [`Library::resort`] gives, with a binary
    /// search and a shift of only the rows between its old place and its new one (a load of
    /// each of 100,000 files walked and shifted the whole list).
    fn replace_in_order(&mut self, i: usize, was: Option<usize>) {
        let moved = self.moved;
        let was = was.filter(|&p| self.order.get(p) == Some(&i));
        let key = self.order_key(i);
        let now = if self.passes(i) {
            Some(match was {
                Some(p) => {
                    let (left, right) = self.order.split_at(p);
                    let right = right.get(1..).unwrap_or(&[]);
                    let l = left.partition_point(|&j| self.order_key(j) < key);
                    if l < p {
                        l
                    } else {
                        p + right.partition_point(|&j| self.order_key(j) < key)
                    }
                }
                None => self.order.partition_point(|&j| self.order_key(j) < key),
            })
        } else {
            None
        };
        let sel = self.selected;
        match (was, now) {
            (Some(p), Some(q)) if q < p => {
                if let Some(rows) = self.order.get_mut(q..=p) {
                    rows.rotate_right(1);
                }
                if moved {
                    self.selected = match sel {
                        s if s == p => q,
                        s if (q..p).contains(&s) => s + 1,
                        s => s,
                    };
                }
            }
            (Some(p), Some(q)) => {
                if let Some(rows) = self.order.get_mut(p..=q) {
                    rows.rotate_left(1);
                }
                if moved {
                    self.selected = match sel {
                        s if s == p => q,
                        s if s > p && s <= q => s - 1,
                        s => s,
                    };
                }
            }
            (Some(p), None) => {
                self.order.remove(p);
                if moved && sel > p {
                    self.selected = sel - 1;
                }
            }
            (None, Some(q)) => {
                self.order.insert(q, i);
                if moved && sel >= q && self.order.len() > 1 {
                    self.selected = sel + 1;
                }
            }
            (None, None) => {}
        }
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
    }

    fn keep_selection(&mut self, keep: Option<usize>) {
        if let Some(k) = keep {
            if let Some(pos) = self.order.iter().position(|&i| i == k) {
                self.selected = pos;
            }
        }
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
    }

    /// Sets entry `i`'s counts of changes since last read (and its place, sorted by them).
    pub fn set_changes(&mut self, i: usize, changes: Option<(usize, usize)>) {
        let Some(e) = self.entries.get_mut(i) else {
            return;
        };
        if e.changes == changes {
            return;
        }
        // `is:new` and `is:changed` filter on these counts.
        let placed = self.sort == Sort::Changed || self.filter.is_some();
        let was = if placed {
            self.position_in_order(i)
        } else {
            None
        };
        if let Some(e) = self.entries.get_mut(i) {
            e.changes = changes;
        }
        if placed {
            self.replace_in_order(i, was);
        }
    }

    /// Records what a load of `key` gave. A failure keeps the last good version. Returns the
    /// entry's index; a path not yet in the library (a new file in a watched folder) joins it.
    pub fn loaded(
        &mut self,
        key: &Path,
        shown: PathBuf,
        result: Result<Document, Failure>,
    ) -> usize {
        let found = self.find(key);
        let was = found.and_then(|i| self.position_in_order(i));
        let i = self.taken_in(found, key.to_path_buf(), shown);
        if let Some(e) = self.entries.get_mut(i) {
            match result {
                Ok(doc) => {
                    e.row = Some(Summary::of(&doc));
                    e.doc = Some(Rc::new(doc));
                    e.transient = false;
                    e.error = None;
                }
                Err(f) => e.error = Some(f),
            }
        }
        self.replace_in_order(i, was);
        i
    }

    /// The entry a load of `key` goes to (`found`, else a new one: a file the watcher saw
    /// appear), no longer loading.
    fn taken_in(&mut self, found: Option<usize>, key: PathBuf, shown: PathBuf) -> usize {
        // Its row is about to change, or it is new.
        self.tags.replace(None);
        let i = match found {
            Some(i) => i,
            None => {
                self.entries.push(Entry {
                    loading: false,
                    ..Entry::with_key(shown, key)
                });
                let i = self.entries.len() - 1;
                if let Some(e) = self.entries.get(i) {
                    self.keys.entry(e.key.clone()).or_insert(i);
                }
                i
            }
        };
        if let Some(e) = self.entries.get_mut(i).filter(|e| e.loading) {
            e.loading = false;
            self.pending = self.pending.saturating_sub(1);
        }
        i
    }

    /// Files deleted (one, or a folder's removed or moved out): they leave the library in one
    /// pass, not one sort of the list each. Returns the entries they were (ascending, as
    /// numbered before).
    pub fn remove_many(&mut self, keys: &[PathBuf]) -> Vec<usize> {
        let mut gone: Vec<usize> = keys.iter().filter_map(|k| self.find(k)).collect();
        gone.sort_unstable();
        gone.dedup();
        if gone.is_empty() {
            return gone;
        }
        let selected = self.selected_entry();
        let entries = std::mem::take(&mut self.entries);
        let mut kept = Vec::with_capacity(entries.len() - gone.len());
        for (i, e) in entries.into_iter().enumerate() {
            if gone.binary_search(&i).is_ok() {
                self.held.remove(&e.key);
                if e.loading {
                    self.pending = self.pending.saturating_sub(1);
                }
            } else {
                kept.push(e);
            }
        }
        self.entries = kept;
        self.rekey();
        self.ids.replace(None);
        self.tags.replace(None);
        match selected {
            Some(s) if gone.binary_search(&s).is_err() => {
                self.resort(Some(s - gone.partition_point(|&g| g < s)));
            }
            // The selected file left: the selection stays on its row.
            _ => {
                let (pos, moved) = (self.selected, self.moved);
                self.moved = false;
                self.resort(None);
                self.moved = moved;
                self.selected = pos.min(self.order.len().saturating_sub(1));
            }
        }
        gone
    }

    /// Moves the selection by `delta` positions (clamped).
    pub fn step(&mut self, delta: isize) {
        self.moved = true;
        let n = self.order.len();
        if n == 0 {
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(n - 1);
    }

    pub fn select_pos(&mut self, pos: usize) {
        self.moved = true;
        self.selected = pos.min(self.order.len().saturating_sub(1));
    }

    /// Keeps the selection within `height` rows from the top.
    pub fn keep_in_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
        self.top = self.top.min(self.order.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load_str;

    fn doc(day: u32) -> Document {
        let text =
            format!("title: t\ndate: 2025-01-{day:02}\nclaims: []\nresponses: []\ncontext: []\n");
        match load_str(&text) {
            Ok(l) => Document::new(None, String::new(), l.briefing, l.warnings),
            Err(d) => panic!("{d:?}"),
        }
    }

    fn titled(title: &str, day: u32) -> Document {
        let text = format!(
            "title: {title}\ndate: 2025-01-{day:02}\nclaims: []\nresponses: []\ncontext: []\n"
        );
        match load_str(&text) {
            Ok(l) => Document::new(None, String::new(), l.briefing, l.warnings),
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn a_file_seen_by_the_watcher_sorts_among_those_named_relative() {
        // The folder was given as `lib` (relative); the watcher reports a new file by its
        // absolute path. By file, it goes between `m` and `sub/m`, not first.
        let paths: Vec<PathBuf> = ["lib/m.yaml", "lib/sub/m.yaml", "lib/z.yaml"]
            .map(PathBuf::from)
            .to_vec();
        let mut lib = Library::new(paths.clone());
        lib.set_sort(Sort::File);
        for p in &paths {
            lib.loaded(&absolute(p), p.clone(), Ok(titled("Same", 1)));
        }
        let new = absolute(Path::new("lib/n.yaml"));
        lib.loaded(&new, new.clone(), Ok(titled("Same", 1)));
        let names = |lib: &Library| -> Vec<PathBuf> {
            lib.order
                .iter()
                .map(|&i| lib.entries[i].key.clone())
                .collect()
        };
        let want: Vec<PathBuf> = ["lib/m.yaml", "lib/n.yaml", "lib/sub/m.yaml", "lib/z.yaml"]
            .iter()
            .map(|p| absolute(Path::new(p)))
            .collect();
        assert_eq!(names(&lib), want, "by file");
        lib.set_sort(Sort::Date);
        assert_eq!(names(&lib), want, "one date: by file within it");
    }

    #[test]
    fn a_library_within_its_budget_is_held_parsed_whole_and_one_past_it_as_rows() {
        let paths: Vec<PathBuf> = (0..4)
            .map(|i| PathBuf::from(format!("/b/{i}.yaml")))
            .collect();
        let mut lib = Library::new(paths[..3].to_vec());
        lib.budget = Some(100);
        for (day, p) in (1..).zip(&paths[..3]) {
            lib.loaded(p, p.clone(), Ok(doc(day)));
        }
        let held =
            |lib: &Library| -> Vec<bool> { lib.entries.iter().map(|e| e.doc.is_some()).collect() };
        let open = lib.find(&paths[1]);
        lib.indexed(&[(paths[0].clone(), 40), (paths[1].clone(), 40)], open);
        // The watcher's reload of a file kept is indexed again: it keeps its place, not twice.
        lib.indexed(&[(paths[0].clone(), 40)], open);
        lib.indexed(&[(paths[2].clone(), 20)], open);
        assert_eq!(held(&lib), [true, true, true], "100 bytes of 100: all held");
        assert!(!lib.over_budget());
        assert!(lib.all_parsed());

        // One more byte (a new file in a watched folder): the library is held as rows, but
        // the briefing open.
        lib.loaded(&paths[3], paths[3].clone(), Ok(doc(9)));
        lib.indexed(&[(paths[3].clone(), 1)], open);
        assert_eq!(held(&lib), [false, true, false, false]);
        assert!(lib.over_budget());
        // From then on a row is not kept parsed, however small.
        let i = lib.find(&paths[0]).unwrap_or(usize::MAX);
        assert!(!lib.keep(i, 1, open));
    }

    #[test]
    fn the_list_sorts_by_date_title_or_file() {
        let paths: Vec<PathBuf> = ["/b/a.yaml", "/b/b.yaml", "/b/c.yaml"]
            .map(PathBuf::from)
            .to_vec();
        let mut lib = Library::new(paths.clone());
        for (p, (title, day)) in paths.iter().zip([("Zeta", 3), ("Alpha", 1), ("Mu", 2)]) {
            lib.loaded(&absolute(p), p.clone(), Ok(titled(title, day)));
        }
        let names = |lib: &Library| -> Vec<String> {
            lib.order.iter().map(|&i| lib.entries[i].name()).collect()
        };
        assert_eq!(names(&lib), ["a.yaml", "c.yaml", "b.yaml"], "newest first");
        lib.set_sort(Sort::Title);
        assert_eq!(
            names(&lib),
            ["b.yaml", "c.yaml", "a.yaml"],
            "Alpha, Mu, Zeta"
        );
        lib.set_sort(Sort::File);
        assert_eq!(names(&lib), ["a.yaml", "b.yaml", "c.yaml"]);
    }

    #[test]
    fn placing_each_load_gives_the_order_a_full_sort_gives() {
        let paths: Vec<PathBuf> = (0..40)
            .map(|i| PathBuf::from(format!("/b/{i:02}.yaml")))
            .collect();
        for sort in Sort::ALL {
            each_load_in_order(&paths, sort);
        }
    }

    #[test]
    fn rows_placed_in_batches_give_the_order_a_full_sort_gives() {
        let paths: Vec<PathBuf> = (0..300)
            .map(|i| PathBuf::from(format!("/r/{:03}.yaml", (i * 7) % 300)))
            .collect();
        for sort in Sort::ALL {
            let mut lib = Library::new(paths.clone());
            lib.set_sort(sort);
            let mut step = 0usize;
            // Batches of 1 to 40 rows, out of order, some files twice with a new date (an
            // index row, then a reload), the selection moved now and then.
            let mut at = 0usize;
            for round in 0..40usize {
                let n = 1 + (round * 13) % 40;
                let batch: Vec<(PathBuf, Summary)> = (0..n)
                    .map(|k| {
                        let i = (at + k * 31) % paths.len();
                        let day = 1 + ((i + round) % 9) as u32;
                        let title = format!("T{}", (i * 11 + round) % 17);
                        (paths[i].clone(), Summary::of(&titled(&title, day)))
                    })
                    .collect();
                at += n * 3;
                let before = lib.selected_entry();
                let was_moved = lib.moved;
                lib.rows_loaded(batch);
                step += 1;
                if was_moved && before.is_some_and(|b| lib.order.contains(&b)) {
                    assert_eq!(lib.selected_entry(), before, "{sort:?}: batch {step}");
                }
                let (order, selected) = (lib.order.clone(), lib.selected);
                lib.resort(None);
                assert_eq!(order, lib.order, "{sort:?} after batch {step}");
                assert_eq!(selected, lib.selected, "{sort:?}: selection {step}");
                if round % 4 == 1 {
                    lib.step(3);
                }
            }
        }
    }

    fn each_load_in_order(paths: &[PathBuf], sort: Sort) {
        let mut lib = Library::new(paths.to_vec());
        lib.set_sort(sort);
        // Out of order, some failing, some loaded twice (a reload), dates colliding, changes
        // since last read counted (the order of `Sort::Changed`).
        let mut step = 0usize;
        for round in 0..3usize {
            for k in 0..40 {
                let i = (k * 17 + round * 5) % 40;
                step += 1;
                let result = if (i + round).is_multiple_of(7) {
                    Err(Failure {
                        path: PathBuf::new(),
                        diagnostics: Vec::new(),
                        source: None,
                    })
                } else {
                    Ok(doc(1 + ((i * 3 + round * 5) % 9) as u32))
                };
                let path = paths.get(i).cloned().unwrap_or_default();
                let before = lib.selected_entry();
                let at = lib.loaded(&absolute(&path), path, result);
                // Once moved, the selection stays on its briefing while others arrive.
                if lib.moved && before.is_some_and(|b| lib.order.contains(&b)) {
                    assert_eq!(lib.selected_entry(), before, "{sort:?}: load {step}");
                }
                if step.is_multiple_of(5) {
                    lib.step(1);
                }
                let (order, selected) = (lib.order.clone(), lib.selected);
                lib.resort(None);
                assert_eq!(order, lib.order, "{sort:?} after load {step}");
                assert_eq!(
                    selected, lib.selected,
                    "{sort:?}: selection after load {step}"
                );
                if step.is_multiple_of(3) {
                    let before = lib.selected_entry();
                    lib.set_changes(at, Some((step % 4, step % 2)));
                    if lib.moved && before.is_some_and(|b| lib.order.contains(&b)) {
                        assert_eq!(lib.selected_entry(), before, "{sort:?}: changes {step}");
                    }
                    let (order, selected) = (lib.order.clone(), lib.selected);
                    lib.resort(None);
                    assert_eq!(order, lib.order, "{sort:?} after changes {step}");
                    assert_eq!(selected, lib.selected, "{sort:?}: selection {step}");
                }
            }
        }
        // A file no one asked for joins.
        lib.loaded(
            Path::new("/b/new.yaml"),
            PathBuf::from("/b/new.yaml"),
            Ok(doc(20)),
        );
        let order = lib.order.clone();
        lib.resort(None);
        assert_eq!(order, lib.order);
        assert_eq!(lib.find(Path::new("/b/new.yaml")), Some(40));
    }
}
