//! Search in the library: `/` over the titles, tags and full texts of every loaded briefing.
//! Occurrences are counted across the library (`K/N`); `n`/`N` step through them briefing by
//! briefing in list order; `Enter` keeps the search with the first matching briefing selected,
//! and opening a briefing carries the search into it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};

use super::library::Library;
use crate::briefing::search::{is_smart_case_sensitive, Compiled, Query};

/// The occurrences of `tags` in a row's tags, each searched on its own (a match never spans two).
fn tags_found(tags: &Regex, of: &[String]) -> usize {
    of.iter().map(|t| tags.find_iter(t).count()).sum()
}

/// The occurrences of `m` in entry `i` (none when it has not loaded): in its document when the
/// library holds it, else in its text in the index (`held`: what the index counted, by path),
/// else in its file.
fn count(lib: &Library, i: usize, m: &Matcher, held: Option<&HashMap<PathBuf, usize>>) -> usize {
    let Some(e) = lib.entries.get(i) else {
        return 0;
    };
    let Some(row) = &e.row else {
        return 0;
    };
    let tags = tags_found(&m.tags, &row.tags);
    let text = match (&e.doc, held) {
        (Some(doc), _) => doc.index().search_compiled(&doc.briefing, &m.text).len(),
        (None, Some(held)) => held.get(&e.key).copied().unwrap_or(0),
        (None, None) => lib
            .doc(i)
            .map_or(0, |d| d.index().search_compiled(&d.briefing, &m.text).len()),
    };
    text + tags
}

/// What the index counts of `m` in those of `entries` the library holds as rows, by path;
/// None without an index, none of them held as a row, or an index that cannot be read (they
/// are then read from their files).
fn index_counts(lib: &Library, m: &Matcher, entries: &[usize]) -> Option<HashMap<PathBuf, usize>> {
    let reader = lib.index.as_ref()?;
    let keys: Vec<&Path> = entries
        .iter()
        .filter_map(|&i| lib.entries.get(i))
        .filter(|e| e.doc.is_none() && e.row.is_some())
        .map(|e| e.key.as_path())
        .collect();
    if keys.is_empty() {
        return None;
    }
    reader.counts_in(&m.text, &keys).ok()
}

/// How many occurrences each briefing holds, in list order.
#[derive(Debug, Clone, Default)]
pub struct LibSearch {
    pub query: Query,
    /// (entry index, occurrences) for every briefing with at least one, in list order.
    pub hits: Vec<(usize, usize)>,
    pub total: usize,
    pub error: Option<String>,
    /// The current occurrence: its position among all of them.
    pub current: Option<usize>,
    /// While the prompt is open: the selection to go back to on `Esc`.
    pub prompt: Option<usize>,
    /// Where ↑/↓ stand in the history.
    pub recall: super::prompt::Recall,
    /// While the prompt is open: the search kept before `/` was pressed, back on `Esc`.
    pub previous: Option<Box<LibSearch>>,
    /// Occurrences in each entry (by index in `Library::entries`), so a change to the list
    /// counts only the file that changed and `hits` can be put back in the new order.
    pub(super) counts: Vec<usize>,
    /// The query compiled, once for all briefings, and the query it was compiled from.
    pub(super) compiled: Option<(Query, Matcher)>,
    /// Loads taken in since the hits were last put in order, with the current occurrence as it
    /// was before them (see [`LibSearch::settle`]).
    pub(super) unsettled: Option<Option<(usize, usize)>>,
    /// Briefings held as rows that may hold the query (the trigram index says so) and are not
    /// counted yet, those from where `/` was pressed first: counted a batch at a time between
    /// frames ([`LibSearch::step`]), so that a keystroke over 100,000 briefings costs a
    /// screenful, not the whole library.
    pub(super) pending: std::collections::VecDeque<usize>,
    /// Whether `pending` still holds every briefing held as a row, not yet narrowed to those
    /// the trigram index says may hold the query: asking it takes 10–14 ms at 100,000 for a
    /// common word, so the keystroke's own step counts the screenful from the selection
    /// without it and the first step after the frame asks ([`LibSearch::narrow`]).
    pub(super) unnarrowed: bool,
}

/// How many briefings held as rows one step of the search counts at once, at most: a step
/// counts 16, then twice as many while its time lasts, up to this (each is a read of the text
/// from the index, some tens of microseconds: 512 at once overran a keystroke's step by 20–40
/// ms at 100,000 briefings).
const STEP: usize = 512;

/// The query as every briefing is searched with it: the texts through each briefing's search
/// index, the tags with a regex of their own.
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    text: Compiled,
    tags: Regex,
    /// Whether the tags of many briefings can be searched joined by line breaks, with the same
    /// occurrences as one by one: a literal without a line break never matches across one.
    joinable: bool,
}

impl Matcher {
    /// The occurrences in the tags of each of `entries` held as rows (0 for the others).
    fn row_tags(&self, lib: &Library, entries: &[usize]) -> Vec<usize> {
        let tags_of = |i: usize| {
            lib.entries
                .get(i)
                .and_then(|e| e.row.as_ref())
                .map_or(&[][..], |r| &r.tags[..])
        };
        if !self.joinable {
            return entries
                .iter()
                .map(|&i| tags_found(&self.tags, tags_of(i)))
                .collect();
        }
        // One search over the tags of every entry, joined (one per tag cost 40 ms a keystroke
        // at 100,000), then those of `entries` picked out.
        let joined = lib.joined_tags();
        let mut all = vec![0usize; joined.ends.len()];
        for found in self.tags.find_iter(&joined.text) {
            if let Some(n) = all.get_mut(joined.entry_at(found.start())) {
                *n += 1;
            }
        }
        entries
            .iter()
            .map(|&i| all.get(i).copied().unwrap_or(0))
            .collect()
    }
}

impl LibSearch {
    pub fn counter(&self) -> String {
        let counted = match self.current {
            Some(i) if self.total > 0 => format!(
                "{}/{}",
                crate::text::thousands(i + 1),
                crate::text::thousands(self.total)
            ),
            _ => format!("0/{}", crate::text::thousands(self.total)),
        };
        // Still counting: what is counted so far.
        if !self.counting() {
            counted
        } else {
            format!("{counted}…")
        }
    }

    /// Runs the query over every loaded briefing. Of those held as rows, a keystroke counts the
    /// `screen` from the selection on (the list's height: what the frame shows) before its
    /// frame; the rest are counted between frames, 15 ms at a time
    /// ([`crate::app::shell::Shell::collect`]), and the selection follows the first match as
    /// soon as it is counted. (Counting for 30 ms, and asking the trigrams first, made a
    /// keystroke 80–100 ms at 100,000.)
    pub fn run(&mut self, lib: &Library, screen: usize) {
        self.unsettled = None;
        let before = std::mem::take(&mut self.counts);
        // A literal typed further holds the one before it: only the briefings that held that
        // can hold this (typing `ship` searches again only where `shi` was found).
        let narrowed = self.compiled.as_ref().is_some_and(|(q, _)| {
            !q.regex
                && !self.query.regex
                && !q.pattern.is_empty()
                && self.query.pattern.contains(q.pattern.as_str())
        }) && self.error.is_none()
            && self.pending.is_empty()
            && before.len() == lib.entries.len();
        self.pending.clear();
        self.unnarrowed = false;
        self.hits.clear();
        self.total = 0;
        self.error = None;
        self.current = None;
        let Some(m) = self.matcher() else {
            return;
        };
        if narrowed {
            let was: Vec<usize> = (0..before.len())
                .filter(|&i| before.get(i).is_some_and(|&n| n > 0))
                .collect();
            self.counts = vec![0; lib.entries.len()];
            self.count_each(lib, &m, &was);
        } else if lib.index.is_some() {
            // Those held parsed now; those held as rows later, from where the search started
            // (narrowed by the trigrams after this keystroke's frame).
            self.counts = vec![0; lib.entries.len()];
            let mut later = vec![false; lib.entries.len()];
            for (i, e) in lib.entries.iter().enumerate() {
                if e.doc.is_none() && e.row.is_some() {
                    if let Some(l) = later.get_mut(i) {
                        *l = true;
                    }
                } else if let Some(c) = self.counts.get_mut(i) {
                    *c = count(lib, i, &m, None);
                }
            }
            // In list order from the selection, wrapping: the hits nearest it come first;
            // those the list does not show (a filter hides them) last.
            let from = self
                .prompt
                .unwrap_or(lib.selected)
                .min(lib.order.len().saturating_sub(1));
            let (before, after) = lib.order.split_at(from.min(lib.order.len()));
            let mut pending = std::collections::VecDeque::new();
            for &i in after.iter().chain(before) {
                if let Some(l) = later.get_mut(i).filter(|l| **l) {
                    *l = false;
                    pending.push_back(i);
                }
            }
            pending.extend((0..later.len()).filter(|&i| later.get(i).is_some_and(|&l| l)));
            self.pending = pending;
            self.unnarrowed = true;
            self.collect(lib);
            let at = self.current_at();
            let shown: Vec<usize> = self
                .pending
                .drain(..screen.max(1).min(self.pending.len()))
                .collect();
            self.count_each(lib, &m, &shown);
            self.collect(lib);
            self.restore(at);
            return;
        } else {
            self.counts = (0..lib.entries.len())
                .map(|i| count(lib, i, &m, None))
                .collect();
        }
        self.collect(lib);
    }

    /// Counts the occurrences in `entries` anew: those held as rows through the index, at once.
    fn count_each(&mut self, lib: &Library, m: &Matcher, entries: &[usize]) {
        let held = index_counts(lib, m, entries);
        for &i in entries {
            let n = count(lib, i, m, held.as_ref());
            if let Some(c) = self.counts.get_mut(i) {
                *c = n;
            }
        }
    }

    /// Whether briefings are still to be counted ([`LibSearch::step`]).
    pub fn counting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Counts briefings still pending, a batch at a time, for about `budget`; puts the hits in
    /// order, keeping the current occurrence. Returns whether any were counted.
    pub fn step(&mut self, lib: &Library, budget: std::time::Duration) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        let t0 = std::time::Instant::now();
        let Some(m) = self.matcher() else {
            self.pending.clear();
            return false;
        };
        let at = self.current_at();
        if self.unnarrowed {
            self.narrow(lib, &m);
        }
        self.count_pending(lib, &m, budget.saturating_sub(t0.elapsed()));
        self.collect(lib);
        self.restore(at);
        true
    }

    /// Counts pending briefings for about `budget` (at least one batch): 16, then twice as many
    /// at a time while it lasts.
    fn count_pending(&mut self, lib: &Library, m: &Matcher, budget: std::time::Duration) {
        let t0 = std::time::Instant::now();
        let mut size = 16;
        loop {
            let batch: Vec<usize> = self.pending.drain(..size.min(self.pending.len())).collect();
            self.count_each(lib, m, &batch);
            size = (size * 2).min(STEP);
            if self.pending.is_empty() || t0.elapsed() >= budget {
                break;
            }
        }
    }

    /// Leaves pending only the briefings whose trigrams may hold the query (and those the index
    /// did not know when asked); those ruled out hold it in their tags at most, counted now, all
    /// together. Nothing changes when the trigrams cannot say (a regex, a short literal).
    fn narrow(&mut self, lib: &Library, m: &Matcher) {
        self.unnarrowed = false;
        let Some(reader) = lib.index.as_ref() else {
            return;
        };
        let Some(set) = reader.candidates_for(&m.text).ok().flatten() else {
            return;
        };
        let may = |i: usize| lib.index_id(i).is_none_or(|id| set.contains(&id));
        let mut ruled_out = Vec::new();
        self.pending.retain(|&i| {
            may(i) || {
                ruled_out.push(i);
                false
            }
        });
        for (&i, n) in ruled_out.iter().zip(m.row_tags(lib, &ruled_out)) {
            if let Some(c) = self.counts.get_mut(i) {
                *c = n;
            }
        }
    }

    /// Counts every briefing still pending, at once (`Enter`, `n`: what they act on must be
    /// whole).
    pub fn finish(&mut self, lib: &Library) {
        while self.step(lib, std::time::Duration::MAX) {}
    }

    /// Entries `placed` arrived as rows from the index, in one batch: their occurrences are
    /// counted through the index at once, and the hits put in order.
    pub fn rows_loaded(&mut self, lib: &Library, placed: &[usize]) {
        if let Some(p) = self.previous.as_mut() {
            p.rows_loaded(lib, placed);
        }
        self.recount(lib, placed);
        self.settle(lib);
    }

    /// Entry `i` loaded (again, or for the first time: a new file): counts its occurrences
    /// anew and puts it in its place, keeping the current occurrence on the briefing it was on.
    pub fn loaded(&mut self, lib: &Library, i: usize) {
        self.loaded_later(lib, i);
        self.settle(lib);
    }

    /// As [`LibSearch::loaded`], with the list of hits put in order later, by
    /// [`LibSearch::settle`]: a batch of loads pays one walk of the list, not one each (100,000
    /// files arriving while a search is shown were 100,000 walks of 100,000 entries).
    pub fn loaded_later(&mut self, lib: &Library, i: usize) {
        if let Some(p) = self.previous.as_mut() {
            p.loaded_later(lib, i);
        }
        self.recount(lib, &[i]);
    }

    /// Counts the occurrences in entries `placed` anew (those held as rows through the index,
    /// at once), leaving the hits to be put in order by [`LibSearch::settle`].
    fn recount(&mut self, lib: &Library, placed: &[usize]) {
        if self.error.is_some() {
            return;
        }
        if self.unsettled.is_none() {
            self.unsettled = Some(self.current_at());
        }
        if self.counts.len() < lib.entries.len() {
            self.counts.resize(lib.entries.len(), 0);
        }
        let Some(m) = self.matcher() else { return };
        self.count_each(lib, &m, placed);
    }

    /// Puts the hits in the library's order after [`LibSearch::loaded_later`], keeping the
    /// current occurrence on the briefing it was on before the first of those loads.
    pub fn settle(&mut self, lib: &Library) {
        if let Some(p) = self.previous.as_mut() {
            p.settle(lib);
        }
        if let Some(at) = self.unsettled.take() {
            self.collect(lib);
            self.restore(at);
        }
    }

    /// Entries `gone` (ascending, numbered as before) left the library (the entries after each
    /// moved up): the hits listed again once. When one held the current occurrence, none is
    /// current any more.
    pub fn removed_many(&mut self, lib: &Library, gone: &[usize]) {
        self.settle(lib);
        if let Some(p) = self.previous.as_mut() {
            p.removed_many(lib, gone);
        }
        let at = self.current_at().and_then(|(e, k)| {
            gone.binary_search(&e)
                .is_err()
                .then(|| (e - gone.partition_point(|&g| g < e), k))
        });
        let mut i = 0;
        self.counts.retain(|_| {
            let keep = gone.binary_search(&i).is_err();
            i += 1;
            keep
        });
        self.collect(lib);
        self.restore(at);
    }

    /// The query compiled for the texts and the tags (compiled again only when the query
    /// changed), or `None` with nothing to search or the problem in `error`.
    fn matcher(&mut self) -> Option<Matcher> {
        if self.query.pattern.is_empty() {
            return None;
        }
        if let Some((q, m)) = &self.compiled {
            if *q == self.query {
                return Some(m.clone());
            }
        }
        let made = self.compile();
        match made {
            Ok(m) => {
                self.compiled = Some((self.query.clone(), m.clone()));
                Some(m)
            }
            Err(e) => {
                self.compiled = None;
                self.error = Some(e);
                self.counts.clear();
                self.hits.clear();
                self.total = 0;
                self.current = None;
                None
            }
        }
    }

    fn compile(&self) -> Result<Matcher, String> {
        let sensitive = is_smart_case_sensitive(&self.query.pattern, self.query.regex);
        let pattern = if self.query.regex {
            self.query.pattern.clone()
        } else {
            regex::escape(&self.query.pattern)
        };
        let tags = RegexBuilder::new(&pattern)
            .case_insensitive(!sensitive)
            .build()
            .map_err(|e| {
                format!(
                    "invalid regex: {}",
                    e.to_string().lines().last().unwrap_or("")
                )
            })?;
        let text = self.query.compile().map_err(|e| e.to_string())?;
        let joinable = !self.query.regex && !self.query.pattern.contains('\n');
        Ok(Matcher {
            text,
            tags,
            joinable,
        })
    }

    /// Lists the briefings with occurrences in the library's order.
    fn collect(&mut self, lib: &Library) {
        self.hits.clear();
        for &i in &lib.order {
            if let Some(&n) = self.counts.get(i).filter(|&&n| n > 0) {
                self.hits.push((i, n));
            }
        }
        self.total = self.hits.iter().map(|&(_, n)| n).sum();
    }

    /// The current occurrence as (entry, its place among the entry's occurrences).
    fn current_at(&self) -> Option<(usize, usize)> {
        let k = self.current?;
        let e = self.entry_of(k)?;
        Some((e, k - self.first_in(e)?))
    }

    /// Makes current the `k`th occurrence of entry `e` (its last if it now holds fewer), or
    /// none when the entry holds none.
    fn restore(&mut self, at: Option<(usize, usize)>) {
        self.current = at.and_then(|(e, k)| {
            let n = self.hits.iter().find(|&&(x, _)| x == e)?.1;
            Some(self.first_in(e)? + k.min(n.saturating_sub(1)))
        });
    }

    /// The occurrence index of the first match in entry `i`, if it holds any.
    pub fn first_in(&self, entry: usize) -> Option<usize> {
        let mut k = 0;
        for &(e, n) in &self.hits {
            if e == entry {
                return Some(k);
            }
            k += n;
        }
        None
    }

    /// The entry holding occurrence `k`.
    pub fn entry_of(&self, k: usize) -> Option<usize> {
        let mut start = 0;
        for &(e, n) in &self.hits {
            if k < start + n {
                return Some(e);
            }
            start += n;
        }
        None
    }

    /// The first occurrence in the briefing at list position `pos` or after it (wrapping).
    pub fn first_from(&self, lib: &Library, pos: usize) -> Option<usize> {
        // Only the briefings counted to hold one are looked up among the hits: looking up each
        // briefing after `pos` walked the hits once per briefing.
        let after = lib
            .order
            .iter()
            .skip(pos)
            .filter(|&&e| self.counts.get(e).is_some_and(|&n| n > 0))
            .find_map(|&e| self.first_in(e));
        after.or_else(|| (self.total > 0).then_some(0))
    }
}
