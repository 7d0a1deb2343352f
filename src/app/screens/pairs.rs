//! The contradictions view: which pair, which side, stepping, clicks (hit-tested by
//! `view::pairs`).

use crate::app::{Action, App, Screen};
use crate::briefing::{ItemRef, Side};
use crate::view::pairs::Hit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairsState {
    pub index: usize,
    pub side: Side,
}

impl App {
    /// Opens the contradictions view at the first pair `item` is in (or the first pair).
    pub(crate) fn open_pairs_for(&mut self, item: Option<ItemRef>) {
        let pairs = &self.doc.relations;
        let (index, side) =
            match item.and_then(|r| pairs.pairs_of(r).first().map(|&p| (r, p as usize))) {
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
                            self.message =
                                Some(format!("`{id}` is in no contradiction; showing the first"));
                        }
                    }
                    (0, Side::Left)
                }
            };
        self.open_pairs_at(index, side);
    }

    pub fn open_pairs_at(&mut self, index: usize, side: Side) {
        if let Some(pos) = self
            .stack
            .iter()
            .position(|s| matches!(s, Screen::Contradictions(_)))
        {
            self.stack.truncate(pos);
        }
        self.stack
            .push(Screen::Contradictions(PairsState { index, side }));
    }

    pub(crate) fn update_pairs(&mut self, action: Action, mut p: PairsState) {
        let n = self.doc.relations.pairs.len();
        match action {
            Action::NextPair | Action::Down => p.index = (p.index + 1).min(n.saturating_sub(1)),
            Action::PrevPair | Action::Up => p.index = p.index.saturating_sub(1),
            Action::First => p.index = 0,
            Action::Last => p.index = n.saturating_sub(1),
            Action::SwitchSide
            | Action::Left
            | Action::Right
            | Action::NextPane
            | Action::PrevPane => {
                p.side = p.side.other();
            }
            Action::ToggleContradictions => {
                self.stack.pop();
                return;
            }
            Action::Open => {
                let Some(pair) = self.doc.relations.pairs.get(p.index) else {
                    self.message = Some("this briefing declares no contradictions".into());
                    return;
                };
                let r = pair.side(p.side);
                self.reveal(r);
                self.open_detail(r);
                return;
            }
            Action::Click(x, y) => {
                match crate::view::pairs::hit(&self.ctx(), p.index, self.size, x, y) {
                    Some(Hit::Side(side)) => p.side = side,
                    Some(Hit::Pair(index)) => p.index = index,
                    None => {}
                }
            }
            Action::Scroll(_, _, dir) => {
                p.index = if dir > 0 {
                    (p.index + 1).min(n.saturating_sub(1))
                } else {
                    p.index.saturating_sub(1)
                };
            }
            _ => return,
        }
        if let Some(Screen::Contradictions(top)) = self.stack.last_mut() {
            *top = p;
        }
    }
}

/// `contradiction 2/7`.
pub(crate) fn location(app: &App, p: &PairsState) -> String {
    let n = app.doc.relations.pairs.len();
    if n == 0 {
        "no contradictions".into()
    } else {
        format!("contradiction {}/{n}", p.index.min(n - 1) + 1)
    }
}

/// The item on the side in focus.
pub(crate) fn focus_item(app: &App, p: &PairsState) -> Option<crate::briefing::ItemRef> {
    app.doc
        .relations
        .pairs
        .get(p.index)
        .map(|pair| pair.side(p.side))
}
