//! The side-by-side view: which pair (or which two items the reader picked with `v`), which box
//! has the focus, each box's scroll, stepping, clicks (hit-tested by `view::pairs`), and the
//! mark that picks two items to compare.

use crate::app::{Action, App, Screen};
use crate::briefing::{ItemRef, Side};
use crate::view::layout;
use crate::view::pairs::{Hit, Layout, Part, Shown, Subject};
use crate::view::scroll::{Scroll, Step};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairsState {
    /// The pair of the briefing shown (index into `Relations::pairs`), when `chosen` is None.
    pub index: usize,
    /// The side in focus (and opened by `Enter`).
    pub side: Side,
    /// Two items the reader picked to compare (`v`, then `v` on another), left then right.
    pub chosen: Option<(ItemRef, ItemRef)>,
    /// The comparison box below the sides has the focus (and the scroll keys).
    pub on_note: bool,
    /// The first line shown in each box, by `Part::index`.
    pub scroll: [usize; 3],
}

impl PairsState {
    /// Pair `index`, with `side` in focus, scrolled to the top.
    pub fn at(index: usize, side: Side) -> PairsState {
        PairsState {
            index,
            side,
            chosen: None,
            on_note: false,
            scroll: [0; 3],
        }
    }

    /// What the view compares.
    pub fn subject(&self) -> Subject {
        match self.chosen {
            Some((l, r)) => Subject::Chosen(l, r),
            None => Subject::Pair(self.index),
        }
    }

    /// The box in focus.
    pub fn focus(&self) -> Part {
        if self.on_note {
            Part::Note
        } else {
            Part::of(self.side)
        }
    }

    /// The state as the view's layout reads it.
    pub fn shown(&self) -> Shown {
        Shown {
            subject: self.subject(),
            focus: self.focus(),
            scroll: self.scroll,
        }
    }

    fn focus_on(&mut self, part: Part) {
        match part {
            Part::Left => (self.side, self.on_note) = (Side::Left, false),
            Part::Right => (self.side, self.on_note) = (Side::Right, false),
            Part::Note => self.on_note = true,
        }
    }
}

/// A box of the view: its lines and rows.
fn scroll_part(lay: &Layout, p: &mut PairsState, part: Part, step: Step) {
    let i = part.index();
    let max = lay.max_scroll(part);
    if let Some(s) = p.scroll.get_mut(i) {
        *s = Scroll::at(*s).step(step, max).offset;
    }
}

impl App {
    /// Opens the contradictions view at the first pair `item` is in (or the first pair).
    pub(crate) fn open_pairs_for(&mut self, item: Option<ItemRef>) {
        let pairs = &self.doc.relations;
        let (index, side) = match item
            .and_then(|r| pairs.pairs_of(r).first().map(|&p| (r, p as usize)))
        {
            Some((r, p)) => {
                let side = pairs
                    .pairs
                    .get(p)
                    .map_or(Side::Left, |pair| pair.side_of(r));
                (p, side)
            }
            None => {
                if let Some(r) = item {
                    if !pairs.pairs.is_empty() {
                        let id = self.doc.briefing.item(r).map_or("", |i| i.id.as_str());
                        self.message = Some(format!(
                                "`{id}` is in no contradiction; showing the first (v compares it with any item)"
                            ));
                    }
                }
                (0, Side::Left)
            }
        };
        self.open_pairs_at(index, side);
    }

    pub fn open_pairs_at(&mut self, index: usize, side: Side) {
        self.open_pairs(PairsState::at(index, side));
    }

    fn open_pairs(&mut self, state: PairsState) {
        if let Some(pos) = self
            .stack
            .iter()
            .position(|s| matches!(s, Screen::Contradictions(_)))
        {
            self.stack.truncate(pos);
        }
        self.stack.push(Screen::Contradictions(state));
        self.keep_pairs_in_view(false);
    }

    /// `v`: marks the item in focus, or compares the marked one with it. Two items the file
    /// declares a contradiction open that contradiction.
    pub(crate) fn compare(&mut self) {
        let Some(here) = self.focus_item() else {
            self.message = Some("nothing to compare here: select an item".into());
            return;
        };
        let id = |app: &App, r: ItemRef| {
            app.doc.briefing.item(r).map_or(String::new(), |i| {
                crate::text::sanitize_line(&i.id).into_owned()
            })
        };
        match self.marked.take() {
            None => {
                self.marked = Some(here);
                self.message = Some(format!(
                    "`{}` marked: v on another item compares the two · Esc cancels",
                    id(self, here)
                ));
            }
            Some(m) if m == here => {
                self.message = Some(format!("`{}` unmarked", id(self, here)));
            }
            Some(m) => {
                let declared = self.doc.relations.pairs_of(m).iter().find(|&&p| {
                    self.doc
                        .relations
                        .pairs
                        .get(p as usize)
                        .is_some_and(|pair| pair.other(m) == Some(here))
                });
                match declared {
                    Some(&p) => {
                        let side = self
                            .doc
                            .relations
                            .pairs
                            .get(p as usize)
                            .map_or(Side::Left, |pair| pair.side_of(m));
                        self.open_pairs_at(p as usize, side);
                        self.message = Some(format!(
                            "`{}` and `{}` are contradiction {} of the briefing",
                            id(self, m),
                            id(self, here),
                            p + 1
                        ));
                    }
                    None => self.open_pairs(PairsState {
                        chosen: Some((m, here)),
                        ..PairsState::at(0, Side::Right)
                    }),
                }
            }
        }
    }

    /// The view laid out for the terminal's size.
    pub(crate) fn pairs_layout(&self, p: &PairsState) -> Layout {
        crate::view::pairs::layout(&self.ctx(), &p.shown(), layout::body(self.size))
    }

    pub(crate) fn update_pairs(&mut self, action: Action, mut p: PairsState) {
        let n = self.doc.relations.pairs.len();
        let lay = self.pairs_layout(&p);
        let page = lay.rows(p.focus()).max(1);
        let chosen = p.chosen.is_some();
        let focus = p.focus();
        let was = (p.index, p.chosen);
        match action {
            Action::NextPair | Action::Down | Action::PrevPair | Action::Up if chosen => {
                self.message = Some(
                    "two items you picked: Esc goes back (c shows the briefing's contradictions)"
                        .into(),
                );
                return;
            }
            Action::NextPair | Action::Down => p.index = (p.index + 1).min(n.saturating_sub(1)),
            Action::PrevPair | Action::Up => p.index = p.index.saturating_sub(1),
            Action::First if chosen => scroll_part(&lay, &mut p, focus, Step::Top),
            Action::Last if chosen => scroll_part(&lay, &mut p, focus, Step::End),
            Action::First => p.index = 0,
            Action::Last => p.index = n.saturating_sub(1),
            Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
                if let Some(step) = crate::app::scroll_step(action, page) {
                    scroll_part(&lay, &mut p, focus, step);
                }
            }
            Action::SwitchSide => {
                p.side = if p.on_note { p.side } else { p.side.other() };
                p.on_note = false;
            }
            Action::Left => p.focus_on(Part::Left),
            Action::Right => p.focus_on(Part::Right),
            Action::HistoryBack => {
                self.stack.pop();
                return;
            }
            Action::NextBox | Action::PrevBox => {
                let order = [Part::Left, Part::Right, Part::Note];
                let at = order.iter().position(|&x| x == p.focus()).unwrap_or(0);
                let len = if lay.rows(Part::Note) > 0 { 3 } else { 2 };
                let next = if action == Action::NextBox {
                    (at + 1) % len
                } else {
                    (at + len - 1) % len
                };
                if let Some(&part) = order.get(next) {
                    p.focus_on(part);
                }
            }
            Action::ToggleContradictions if chosen => {
                // From two items picked, c goes to the briefing's contradictions.
                p = PairsState::at(0, Side::Left);
            }
            Action::ToggleContradictions => {
                self.stack.pop();
                return;
            }
            Action::Open => {
                let Some(r) = p.subject().item(&self.ctx(), p.side) else {
                    self.message = Some("this briefing declares no contradictions".into());
                    return;
                };
                // The panes stay as they were left: Esc comes back here, then to them.
                self.open_detail(r);
                return;
            }
            Action::Compare => {
                self.compare();
                return;
            }
            Action::Click(x, y) => {
                match crate::view::pairs::hit(&self.ctx(), &p.shown(), self.size, x, y) {
                    Some(Hit::Part(part)) => p.focus_on(part),
                    Some(Hit::Pair(index)) => p.index = index,
                    None => {}
                }
            }
            Action::Scroll(x, y, dir) => {
                let areas = lay.areas;
                let pos = (x, y).into();
                match Part::ALL.into_iter().find(|&q| areas.of(q).contains(pos)) {
                    // The wheel over a box scrolls it, elsewhere it steps the pairs.
                    Some(part) => {
                        let step = if dir > 0 { Step::Down(3) } else { Step::Up(3) };
                        scroll_part(&lay, &mut p, part, step);
                    }
                    None if !chosen => {
                        p.index = if dir > 0 {
                            (p.index + 1).min(n.saturating_sub(1))
                        } else {
                            p.index.saturating_sub(1)
                        };
                    }
                    None => {}
                }
            }
            _ => return,
        }
        if (p.index, p.chosen) != was {
            p.scroll = [0; 3];
        }
        if let Some(Screen::Contradictions(top)) = self.stack.last_mut() {
            *top = p;
        }
        self.keep_pairs_in_view(false);
    }

    /// Clamps each box's scroll to its lines and, when `follow_match`, scrolls the box that
    /// shows the current search match to it.
    pub(crate) fn keep_pairs_in_view(&mut self, follow_match: bool) {
        let Some(&Screen::Contradictions(mut p)) = self.stack.last() else {
            return;
        };
        let lay = self.pairs_layout(&p);
        for part in Part::ALL {
            let i = part.index();
            let max = lay.max_scroll(part);
            let Some(at) = p.scroll.get_mut(i) else {
                continue;
            };
            let mut s = Scroll::at(*at).clamp(max);
            let line = lay.parts.get(i).and_then(|b| b.match_line);
            if let Some(line) = line.filter(|_| follow_match) {
                s = s.center_on(line, lay.rows(part), max);
            }
            *at = s.offset;
        }
        if let Some(Screen::Contradictions(top)) = self.stack.last_mut() {
            *top = p;
        }
    }
}

/// `contradiction 2/7`, or `two items compared`.
pub(crate) fn location(app: &App, p: &PairsState) -> String {
    let n = app.doc.relations.pairs.len();
    if p.chosen.is_some() {
        "two items compared".into()
    } else if n == 0 {
        "no contradictions".into()
    } else {
        format!("contradiction {}/{n}", p.index.min(n - 1) + 1)
    }
}

/// The item on the side in focus.
pub(crate) fn focus_item(app: &App, p: &PairsState) -> Option<crate::briefing::ItemRef> {
    p.subject().item(&app.ctx(), p.side)
}
