//! Search in the reader: the `/` prompt, incremental matching over the prepared index, `n`/`N`
//! in reading order with wrap-around, and the `K/N` counter. Works in every view: the panes move
//! the selection, the detail follows the match, the contradictions view moves between pairs
//! that match.

use crate::briefing::search::{Field, Matches, Place, Query};
use crate::briefing::{ItemRef, Section};

use super::prompt::{self, Edit, Recall};
use super::{App, Screen, Side};

/// The view as it was when `/` was pressed, so `Esc` can put it back exactly.
#[derive(Debug, Clone)]
pub struct Saved {
    pub focus: Section,
    pub selected: [usize; 3],
    pub top: [usize; 3],
    pub stack: Vec<Screen>,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub saved: Saved,
    /// Where ↑/↓ stand in the history.
    pub recall: Recall,
    /// The search kept before `/` was pressed, back on `Esc`.
    pub previous: Option<Box<SearchState>>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: Query,
    pub matches: Matches,
    /// An invalid regex, shown in the prompt.
    pub error: Option<String>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// Where the view stood when the current match was shown. A match in the header or in a
    /// contradiction's note moves nothing, so `n` goes on from it as long as the view is still
    /// there (else it would go back to the item in focus, and never wrap).
    pub anchor: Option<Place>,
    /// Set while the prompt takes keys.
    pub prompt: Option<Prompt>,
}

impl SearchState {
    /// `3/17`, or `0/0`.
    pub fn counter(&self) -> String {
        let n = self.matches.len();
        let total = if self.matches.truncated() {
            format!("{}+", crate::text::thousands(n))
        } else {
            crate::text::thousands(n)
        };
        match self.current {
            Some(i) if n > 0 => format!("{}/{total}", crate::text::thousands(i + 1)),
            _ => format!("0/{total}"),
        }
    }
}

/// A pair of the contradictions view that holds a match: the first match in it (left side,
/// right side, then the note) and the side that shows it (None: the note).
#[derive(Debug, Clone, Copy)]
struct PairMatch {
    pair: usize,
    current: usize,
    side: Option<Side>,
    wrapped: bool,
}

impl App {
    fn saved_view(&self) -> Saved {
        Saved {
            focus: self.focus,
            selected: self.selected,
            top: self.top,
            stack: self.stack.clone(),
        }
    }

    fn restore_view(&mut self, s: Saved) {
        self.focus = s.focus;
        self.selected = s.selected;
        self.top = s.top;
        self.stack = s.stack;
    }

    /// Where the search starts from: the item in focus in the current view.
    fn origin(&self) -> Place {
        match self.stack.last() {
            Some(Screen::Detail(d)) => Place::Item(d.item),
            Some(Screen::Contradictions(p)) => self
                .doc
                .relations
                .pairs
                .get(p.index)
                .map_or(Place::Header, |pair| Place::Item(pair.left)),
            _ => self.current().map_or(Place::Header, Place::Item),
        }
    }

    /// Carries a search in from the library: its matches here are found at once and the first
    /// of them in reading order is current, as `less +/pattern` opens on the first match. A
    /// match in the title or summary comes first, so `n` need not wrap to reach it.
    pub fn carry_search(&mut self, query: Query) {
        let matches = self
            .doc
            .index()
            .search(&self.doc.briefing, &query)
            .unwrap_or_default();
        let any = !matches.is_empty();
        self.search = Some(SearchState {
            query,
            matches,
            ..SearchState::default()
        });
        if any {
            self.goto_match(0);
        }
    }

    pub(super) fn start_search(&mut self) {
        let saved = self.saved_view();
        let previous = self.search.take().map(Box::new);
        let regex = previous.as_ref().is_some_and(|s| s.query.regex);
        self.search = Some(SearchState {
            query: Query {
                pattern: String::new(),
                regex,
            },
            prompt: Some(Prompt {
                saved,
                recall: Recall::default(),
                previous,
            }),
            ..SearchState::default()
        });
    }

    /// Runs the query again (after each keystroke) and moves to the first match at or after
    /// where the search started.
    fn rerun(&mut self) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        let Some(prompt) = &s.prompt else { return };
        let saved = prompt.saved.clone();
        s.current = None;
        s.anchor = None;
        s.error = None;
        s.matches = Matches::default();
        if !s.query.pattern.is_empty() {
            match self.doc.index().search(&self.doc.briefing, &s.query) {
                Ok(m) => s.matches = m,
                Err(e) => s.error = Some(e.to_string()),
            }
        }
        // Every keystroke starts again from where `/` was pressed.
        self.restore_view(saved);
        if let Some(Screen::Contradictions(p)) = self.stack.last() {
            // The pair in view or the next that holds a match, as the view numbers them.
            if let Some(found) = self.pair_with_match(p.index, true, true) {
                self.show_pair_match(found);
            }
            return;
        }
        let origin = self.origin();
        let found = self
            .search
            .as_ref()
            .and_then(|s| s.matches.first_at_or_after(origin));
        if let Some((i, _)) = found {
            self.goto_match(i);
        }
    }

    pub(super) fn update_prompt(&mut self, action: super::Action) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        let Some(p) = s.prompt.as_mut() else { return };
        match prompt::edit(&mut s.query, &mut p.recall, &self.history, action) {
            Edit::Changed => self.rerun(),
            Edit::Accept => {
                // The previous search goes with the prompt: this one replaces it.
                s.prompt = None;
                let pattern = s.query.pattern.clone();
                if pattern.is_empty() {
                    self.search = None;
                    return;
                }
                prompt::remember(&mut self.history, &pattern);
                if s.error.is_none() && s.matches.is_empty() {
                    self.message = Some(format!("no match for \"{pattern}\""));
                } else {
                    // Said while typing, under the prompt: say it again now the bar shows.
                    self.say_where();
                }
            }
            Edit::Cancel => self.cancel_search(),
            Edit::Ignored => {}
        }
    }

    fn cancel_search(&mut self) {
        if let Some(prompt) = self.search.take().and_then(|s| s.prompt) {
            self.restore_view(prompt.saved);
            self.search = prompt.previous.map(|s| *s);
        }
    }

    /// `n` / `N`: the next or previous match in reading order, wrapping at the ends. In the
    /// contradictions view: the next or previous pair that holds a match.
    pub(super) fn step_search(&mut self, forward: bool) {
        let Some(s) = self.search.as_ref() else {
            self.message = Some("no search yet: press / to search".into());
            return;
        };
        if s.matches.is_empty() {
            self.message = Some(format!("no match for \"{}\"", s.query.pattern));
            return;
        }
        if let Some(Screen::Contradictions(p)) = self.stack.last() {
            self.step_pairs(p.index, forward);
            return;
        }
        // From the item in focus when it differs from the current match's (the user moved).
        let origin = self.origin();
        let current = s.current.filter(|&i| {
            s.anchor == Some(origin) || s.matches.get(i).is_some_and(|m| m.place == origin)
        });
        let next = match current {
            Some(_) => s.matches.next_from(current, forward),
            None => {
                if forward {
                    // After the item in focus: its own matches were seen if the search began there.
                    s.matches.first_at_or_after(origin)
                } else {
                    s.matches.last_at_or_before(origin)
                }
            }
        };
        if let Some((i, wrapped)) = next {
            self.goto_match(i);
            if wrapped {
                self.message = Some("search wrapped".into());
            }
        }
    }

    /// The pair after (or before) `from` that holds a match, wrapping.
    fn step_pairs(&mut self, from: usize, forward: bool) {
        match self.pair_with_match(from, forward, false) {
            Some(found) => {
                self.show_pair_match(found);
                if found.wrapped {
                    self.message = Some("search wrapped".into());
                }
            }
            None => self.message = Some("no contradiction holds a match".into()),
        }
    }

    /// The first pair from `from` on (`forward`) or back that holds a match, in the order the
    /// contradictions view numbers the pairs, wrapping; `from` itself only when `inclusive`.
    fn pair_with_match(&self, from: usize, forward: bool, inclusive: bool) -> Option<PairMatch> {
        let n = self.doc.relations.pairs.len();
        let s = self.search.as_ref()?;
        let steps = if inclusive { 0..n } else { 1..n + 1 };
        for step in steps {
            let (p, wrapped) = if forward {
                ((from + step) % n, from + step >= n)
            } else {
                ((from + n - step) % n, step > from)
            };
            let Some(pair) = self.doc.relations.pairs.get(p) else {
                continue;
            };
            // The two sides, then the note: every part of the view that can show a match.
            let places = [(Place::Item(pair.left), Some(Side::Left))]
                .into_iter()
                .chain([(Place::Item(pair.right), Some(Side::Right))])
                .chain(pair.notes.iter().map(|&k| (Place::Contradiction(k), None)));
            let first = places.into_iter().find_map(|(place, side)| {
                let run = s.matches.in_place(place);
                (!run.is_empty()).then_some((run.start, side))
            });
            if let Some((current, side)) = first {
                return Some(PairMatch {
                    pair: p,
                    current,
                    side,
                    wrapped,
                });
            }
        }
        None
    }

    /// Shows a pair that holds a match, with the match current.
    fn show_pair_match(&mut self, found: PairMatch) {
        if let Some(s) = self.search.as_mut() {
            s.current = Some(found.current);
        }
        if let Some(Screen::Contradictions(state)) = self.stack.last_mut() {
            state.index = found.pair;
            if let Some(side) = found.side {
                state.side = side;
            }
        }
        self.say_where();
        let origin = self.origin();
        if let Some(s) = self.search.as_mut() {
            s.anchor = Some(origin);
        }
    }

    /// Makes match `i` current and brings it into view in the current view.
    fn goto_match(&mut self, i: usize) {
        let Some(m) = self.search.as_ref().and_then(|s| s.matches.get(i)) else {
            return;
        };
        if let Some(s) = self.search.as_mut() {
            s.current = Some(i);
        }
        match m.place {
            Place::Item(r) => self.show_item(r),
            Place::Header => {}
            Place::Contradiction(k) => {
                let pair = self.doc.relations.pair_of_note(k);
                if let (Some(Screen::Contradictions(p)), Some(pair)) = (self.stack.last_mut(), pair)
                {
                    p.index = pair;
                }
            }
        }
        self.say_where();
        let origin = self.origin();
        if let Some(s) = self.search.as_mut() {
            s.anchor = Some(origin);
        }
    }

    fn show_item(&mut self, r: ItemRef) {
        match self.stack.last_mut() {
            Some(Screen::Detail(d)) => {
                if d.item != r {
                    d.item = r;
                    d.cursor = 0;
                    d.scroll = 0;
                }
                self.reveal(r);
                self.keep_detail_in_view(false);
                self.keep_detail_match_in_view();
            }
            Some(Screen::Contradictions(p)) => {
                let pairs = self.doc.relations.pairs_of(r);
                if let Some(&first) = pairs.first() {
                    let holds = pairs.contains(&(p.index as u32));
                    if !holds {
                        p.index = first as usize;
                    }
                }
                // The side that holds the match takes the focus, so Enter opens it.
                match self.doc.relations.pairs.get(p.index) {
                    Some(pair) if pair.left == r => p.side = Side::Left,
                    Some(pair) if pair.right == r => p.side = Side::Right,
                    _ => {}
                }
                self.reveal(r);
            }
            _ => self.reveal(r),
        }
    }

    /// When the view does not draw the current match, says where it is and how to see it: in
    /// the briefing's summary (the header draws the title and date), in a contradiction's note
    /// outside the contradictions view, or in an item's quote or attribution, which the panes
    /// and the contradictions view leave out (they mark the item instead).
    fn say_where(&mut self) {
        let Some(m) = self.current_match() else {
            return;
        };
        let view = self.stack.last();
        let says = match m.place {
            Place::Header if m.field == Field::Summary => {
                "match in the briefing's summary (i shows it)".to_string()
            }
            Place::Header => return,
            Place::Contradiction(_) if matches!(view, Some(Screen::Contradictions(_))) => return,
            Place::Contradiction(_) => {
                "match in a contradiction's note (c shows the contradictions)".to_string()
            }
            Place::Item(_) => {
                let drawn: &[Field] = match view {
                    None | Some(Screen::Contradictions(_)) => &crate::view::marks::SHOWN_FIELDS,
                    _ => return,
                };
                if drawn.contains(&m.field) {
                    return;
                }
                format!(
                    "match in the {} (Enter shows it)",
                    crate::view::marks::field_word(m.field)
                )
            }
        };
        self.message = Some(says);
    }

    /// The current match, if there is one.
    pub fn current_match(&self) -> Option<crate::briefing::search::Match> {
        let s = self.search.as_ref()?;
        s.current.and_then(|i| s.matches.get(i))
    }
}
