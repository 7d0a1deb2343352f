//! One module per screen over the panes: its state, its update, where it stands and what it
//! focuses. What each shows is `view`'s; this is where the screens are told apart.

pub mod changes;
pub mod detail;
pub mod judgments;
pub mod matrix;
pub mod pairs;
pub mod panes;
pub mod sources;
pub mod timeline;

use super::keymap::Mode;
use super::{Action, App};
use crate::briefing::ItemRef;
use changes::ChangesState;
use detail::DetailState;
use judgments::{JudgmentState, JudgmentsState, SensitivityState};
use matrix::MatrixState;
use pairs::PairsState;
use sources::SourcesState;
use timeline::TimelineState;

/// A view over the panes. The panes are always underneath, so closing views returns to them
/// exactly as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Detail(DetailState),
    Contradictions(PairsState),
    /// Claims down, sources across (`m`).
    Matrix(MatrixState),
    /// Dated items in time order, one lane per source (`t`).
    Timeline(TimelineState),
    /// Each source and what it said; hides one source everywhere (`s`).
    Sources(SourcesState),
    /// What changed since the briefing was last read (`D`).
    Changes(ChangesState),
    /// The author's key judgments (`4`), a pane beside the three others.
    Judgments(JudgmentsState),
    /// One judgment: what it rests on and what speaks against it.
    Judgment(JudgmentState),
    /// Judgments × origins: what hiding each source does to each judgment (`S`).
    Sensitivity(SensitivityState),
}

impl Screen {
    /// The key table's mode for this screen.
    pub fn mode(&self) -> Mode {
        match self {
            Screen::Detail(_) => Mode::Detail,
            Screen::Contradictions(_) => Mode::Contradictions,
            Screen::Matrix(_) => Mode::Matrix,
            Screen::Timeline(_) => Mode::Timeline,
            Screen::Sources(_) => Mode::Sources,
            Screen::Changes(_) => Mode::Changes,
            Screen::Judgments(_) | Screen::Judgment(_) => Mode::Judgments,
            Screen::Sensitivity(_) => Mode::Sensitivity,
        }
    }
}

impl App {
    /// Routes an action to the screen on top (the panes when there is none).
    pub(crate) fn update_screen(&mut self, action: Action) {
        match self.stack.last().cloned() {
            None => self.update_panes(action),
            Some(Screen::Detail(d)) => self.update_detail(action, d),
            Some(Screen::Contradictions(p)) => self.update_pairs(action, p),
            Some(Screen::Matrix(m)) => self.update_matrix(action, m),
            Some(Screen::Timeline(t)) => self.update_timeline(action, t),
            Some(Screen::Sources(s)) => self.update_sources(action, s),
            Some(Screen::Changes(c)) => self.update_changes(action, c),
            Some(Screen::Judgments(j)) => self.update_judgments(action, j),
            Some(Screen::Judgment(j)) => self.update_judgment(action, j),
            Some(Screen::Sensitivity(s)) => self.update_sensitivity(action, s),
        }
    }

    /// Where the screen on top stands, for the status bar: `claim 3/12`, `contradiction 2/7`.
    pub fn location(&self) -> String {
        match self.stack.last() {
            None => panes::location(self),
            Some(Screen::Detail(d)) => detail::location(self, d),
            Some(Screen::Contradictions(p)) => pairs::location(self, p),
            Some(Screen::Matrix(m)) => matrix::location(self, m),
            Some(Screen::Timeline(t)) => timeline::location(self, t),
            Some(Screen::Sources(s)) => sources::location(self, s),
            Some(Screen::Changes(c)) => changes::location(self, c),
            Some(Screen::Judgments(j)) => judgments::location(self, j.cursor),
            Some(Screen::Judgment(j)) => judgments::location(self, j.index),
            Some(Screen::Sensitivity(s)) => judgments::location(self, s.cursor),
        }
    }

    /// The item the screen on top has in focus: the detail's item, the contradiction's side, the
    /// analysis view's cell or entry, else the pane's selection. `e` edits at it, and another
    /// view opens at it.
    pub fn focus_item(&self) -> Option<ItemRef> {
        match self.stack.last() {
            Some(Screen::Detail(d)) => Some(d.item),
            Some(Screen::Contradictions(p)) => pairs::focus_item(self, p),
            Some(Screen::Matrix(_) | Screen::Timeline(_)) => self.analysis_item(),
            Some(
                Screen::Sources(_)
                | Screen::Changes(_)
                | Screen::Judgments(_)
                | Screen::Judgment(_)
                | Screen::Sensitivity(_),
            )
            | None => self.current(),
        }
    }
}
