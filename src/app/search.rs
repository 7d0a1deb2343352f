//! Search in the reader: the `/` prompt, incremental matching over the prepared index, `n`/`N`
//! in reading order with wrap-around, and the `K/N` counter. Works in every view: the panes move
//! the selection, the detail follows the match, the contradictions view moves between pairs
//! that match.

use crate::briefing::search::{Field, Matches, Place, Query};
use crate::briefing::{ItemRef, Section};

use super::prompt::{self, Edit, Recall};
use super::{App, PairsState, Screen, Side};
use crate::view::pairs::Part;

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

/// One stop of `n` in the side-by-side view: a match, the pair that shows it (None: the two
/// items the reader picked) and the box it is in. The view's stops are every match of each
/// pair's sides and note, pair by pair as the view numbers them: an item in two pairs is met
/// in each, so `n` and the counter go over the same stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stop {
    pair: Option<usize>,
    current: usize,
    part: Part,
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
            Some(Screen::Contradictions(p)) => p
                .subject()
                .item(&self.ctx(), Side::Left)
                .map_or(Place::Header, Place::Item),
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
        if let Some(&Screen::Contradictions(p)) = self.stack.last() {
            // The first match of the pair in view or of the next that holds one.
            let stops = self.view_stops(&p);
            let here = stops
                .iter()
                .position(|s| s.pair.is_none_or(|i| i >= p.index))
                .or((!stops.is_empty()).then_some(0));
            if let Some(&stop) = here.and_then(|i| stops.get(i)) {
                self.show_stop(stop);
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
        if let Some(&Screen::Contradictions(p)) = self.stack.last() {
            self.step_stops(&p, forward);
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

    /// Every stop of `n` in the side-by-side view of `p`, in order.
    fn view_stops(&self, p: &PairsState) -> Vec<Stop> {
        let Some(s) = self.search.as_ref() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut add = |pair: Option<usize>, left: ItemRef, right: ItemRef, notes: &[usize]| {
            let places = [
                (Place::Item(left), Part::Left),
                (Place::Item(right), Part::Right),
            ]
            .into_iter()
            .chain(notes.iter().map(|&k| (Place::Contradiction(k), Part::Note)));
            for (place, part) in places {
                for current in s.matches.in_place(place) {
                    out.push(Stop {
                        pair,
                        current,
                        part,
                    });
                }
            }
        };
        match p.chosen {
            Some((l, r)) => add(None, l, r, &[]),
            None => {
                for (i, pair) in self.doc.relations.pairs.iter().enumerate() {
                    add(Some(i), pair.left, pair.right, &pair.notes);
                }
            }
        }
        out
    }

    /// Where the current match stands among the view's stops, if it is one of the pair shown.
    fn stop_at(&self, p: &PairsState, stops: &[Stop]) -> Option<usize> {
        let current = self.search.as_ref()?.current?;
        let pair = p.chosen.is_none().then_some(p.index);
        stops
            .iter()
            .position(|s| s.current == current && s.pair == pair)
    }

    /// `K/N` over the side-by-side view's stops: what `n` steps over.
    pub(crate) fn pairs_counter(&self, p: &PairsState) -> String {
        let stops = self.view_stops(p);
        let at = self.stop_at(p, &stops).map_or(0, |i| i + 1);
        format!(
            "{}/{}",
            crate::text::thousands(at),
            crate::text::thousands(stops.len())
        )
    }

    /// The search counter as the status bar shows it: over the view's stops in the
    /// side-by-side view, over every match elsewhere.
    pub fn search_counter(&self) -> Option<String> {
        let s = self.search.as_ref()?;
        Some(match self.stack.last() {
            Some(Screen::Contradictions(p)) => self.pairs_counter(p),
            _ => s.counter(),
        })
    }

    /// `n`/`N` in the side-by-side view: the next or previous stop, wrapping; from the pair in
    /// view when the current match is not in it.
    fn step_stops(&mut self, p: &PairsState, forward: bool) {
        let stops = self.view_stops(p);
        if stops.is_empty() {
            self.message = Some(match p.chosen {
                Some(_) => "no match in these two items".into(),
                None => "no contradiction holds a match".into(),
            });
            return;
        }
        let len = stops.len();
        let (next, wrapped) = match self.stop_at(p, &stops) {
            Some(i) if forward => ((i + 1) % len, i + 1 >= len),
            Some(i) => ((i + len - 1) % len, i == 0),
            None => {
                let after = |s: &Stop| s.pair.is_none_or(|i| i > p.index);
                let before = |s: &Stop| s.pair.is_none_or(|i| i < p.index);
                if forward {
                    match stops.iter().position(after) {
                        Some(i) => (i, false),
                        None => (0, true),
                    }
                } else {
                    match stops.iter().rposition(before) {
                        Some(i) => (i, false),
                        None => (len - 1, true),
                    }
                }
            }
        };
        if let Some(&stop) = stops.get(next) {
            self.show_stop(stop);
            if wrapped {
                self.message = Some("search wrapped".into());
            }
        }
    }

    /// Shows a stop: its pair, its box in focus, scrolled to it.
    fn show_stop(&mut self, stop: Stop) {
        if let Some(s) = self.search.as_mut() {
            s.current = Some(stop.current);
        }
        if let Some(Screen::Contradictions(state)) = self.stack.last_mut() {
            if let Some(pair) = stop.pair {
                if state.index != pair {
                    state.scroll = [0; 3];
                }
                state.index = pair;
            }
            match stop.part {
                Part::Left => (state.side, state.on_note) = (Side::Left, false),
                Part::Right => (state.side, state.on_note) = (Side::Right, false),
                Part::Note => state.on_note = true,
            }
        }
        self.keep_pairs_in_view(true);
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
                    None => &crate::view::marks::SHOWN_FIELDS,
                    Some(Screen::Contradictions(_)) => &crate::view::pairs::DRAWN_FIELDS,
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
