//! Search in the library: `/` over the titles, tags and full texts of every loaded briefing.
//! Occurrences are counted across the library (`K/N`); `n`/`N` step through them briefing by
//! briefing in list order; `Enter` keeps the search with the first matching briefing selected,
//! and opening a briefing carries the search into it.

use regex::RegexBuilder;

use super::library::Library;
use crate::briefing::search::{is_smart_case_sensitive, Query};

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
    pub recall: Option<usize>,
    pub typed: String,
    /// While the prompt is open: the search kept before `/` was pressed, back on `Esc`.
    pub previous: Option<Box<LibSearch>>,
}

impl LibSearch {
    pub fn counter(&self) -> String {
        match self.current {
            Some(i) if self.total > 0 => format!(
                "{}/{}",
                crate::text::thousands(i + 1),
                crate::text::thousands(self.total)
            ),
            _ => format!("0/{}", crate::text::thousands(self.total)),
        }
    }

    /// Runs the query over every loaded briefing.
    pub fn run(&mut self, lib: &Library) {
        self.hits.clear();
        self.total = 0;
        self.error = None;
        self.current = None;
        if self.query.pattern.is_empty() {
            return;
        }
        let sensitive = is_smart_case_sensitive(&self.query.pattern, self.query.regex);
        let pattern = if self.query.regex {
            self.query.pattern.clone()
        } else {
            regex::escape(&self.query.pattern)
        };
        let tag_re = match RegexBuilder::new(&pattern)
            .case_insensitive(!sensitive)
            .build()
        {
            Ok(re) => re,
            Err(e) => {
                self.error = Some(format!(
                    "invalid regex: {}",
                    e.to_string().lines().last().unwrap_or("")
                ));
                return;
            }
        };
        for &i in &lib.order {
            let Some(doc) = lib.entries.get(i).and_then(|e| e.doc.as_ref()) else {
                continue;
            };
            let mut n = match doc.index().search(&doc.briefing, &self.query) {
                Ok(m) => m.len(),
                Err(e) => {
                    self.error = Some(e.to_string());
                    return;
                }
            };
            n += doc
                .briefing
                .tags
                .iter()
                .map(|t| tag_re.find_iter(t).count())
                .sum::<usize>();
            if n > 0 {
                self.hits.push((i, n));
                self.total += n;
            }
        }
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
        let after = lib.order.iter().skip(pos).find_map(|&e| self.first_in(e));
        after.or_else(|| (self.total > 0).then_some(0))
    }
}
