//! The Judgments pane (`4`, or Tab past Context): the author's key judgments, a cursor over
//! them kept in view; a judgment's detail (Enter) whose items are followed like relations; and
//! the sensitivity table (`S`). Laid out by `view::judgments`.

use crate::app::{Action, App, Screen};
use crate::briefing::Section;
use crate::view::judgments::{self, Judged};
use crate::view::{layout, Scroll};

/// The Judgments pane: the selected judgment and the first line shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JudgmentsState {
    pub cursor: usize,
    pub scroll: usize,
}

/// One judgment's detail: the judgment, its selected item (rests on, then against) and the
/// first line shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JudgmentState {
    pub index: usize,
    pub cursor: usize,
    pub scroll: usize,
}

/// The sensitivity table: the selected judgment row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SensitivityState {
    pub cursor: usize,
}

/// The pane's box in the body: under a one-line tab bar, whatever the width (the three other
/// panes are what stands side by side).
pub fn areas(body: ratatui::layout::Rect) -> (ratatui::layout::Rect, ratatui::layout::Rect) {
    let tabs = ratatui::layout::Rect { height: 1, ..body };
    let pane = ratatui::layout::Rect {
        y: body.y.saturating_add(1),
        height: body.height.saturating_sub(1),
        ..body
    };
    (tabs, pane)
}

impl App {
    /// What the judgment views read: the full document and the hidden source.
    pub fn judged(&self) -> Judged<'_> {
        Judged {
            full: self.full_doc(),
            hidden: self.filter.as_ref().map(|f| f.source.as_str()),
        }
    }

    fn judgment_count(&self) -> usize {
        self.full_doc().briefing.judgments.len()
    }

    /// `4`: the Judgments pane, over the panes (closing whatever else is open).
    pub(crate) fn open_judgments(&mut self) {
        if self.judgment_count() == 0 {
            self.message = Some("this briefing has no judgments".into());
            return;
        }
        self.stack.clear();
        self.stack
            .push(Screen::Judgments(JudgmentsState::default()));
        self.keep_analysis_in_view();
    }

    /// Whether moving past the last pane (or before the first) reaches the Judgments pane.
    pub(crate) fn has_judgments(&self) -> bool {
        self.judgment_count() > 0
    }

    fn leave_judgments(&mut self, to: Section) {
        self.stack.clear();
        self.focus_pane(to);
    }

    pub(crate) fn clamp_judgments(
        &self,
        mut s: JudgmentsState,
        body: ratatui::layout::Rect,
    ) -> JudgmentsState {
        let n = self.judgment_count();
        s.cursor = s.cursor.min(n.saturating_sub(1));
        let (_, pane) = areas(body);
        let inner = layout::inner(pane);
        let (lines, starts) =
            judgments::pane_lines(&self.judged(), s.cursor, usize::from(inner.width));
        let h = usize::from(inner.height).max(1);
        let start = starts.get(s.cursor).copied().unwrap_or(0);
        // The judgment's block ends before the next one's start (its blank line included).
        let end = starts
            .get(s.cursor + 1)
            .copied()
            .unwrap_or(lines.len())
            .saturating_sub(1)
            .max(start);
        let mut scroll = s.scroll.min(lines.len().saturating_sub(h));
        if end >= scroll + h {
            scroll = end + 1 - h;
        }
        if start < scroll {
            scroll = start;
        }
        s.scroll = scroll;
        s
    }

    pub(crate) fn update_judgments(&mut self, action: Action, mut s: JudgmentsState) {
        let last = self.judgment_count().saturating_sub(1);
        match action {
            Action::Down => s.cursor = (s.cursor + 1).min(last),
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::First => s.cursor = 0,
            Action::Last => s.cursor = last,
            Action::Scroll(_, _, dir) if dir > 0 => s.cursor = (s.cursor + 1).min(last),
            Action::Scroll(..) => s.cursor = s.cursor.saturating_sub(1),
            Action::Open => {
                self.stack.push(Screen::Judgment(JudgmentState {
                    index: s.cursor,
                    ..JudgmentState::default()
                }));
                return;
            }
            Action::FocusPane(section) => return self.leave_judgments(section),
            Action::NextPane => return self.leave_judgments(Section::Claims),
            Action::PrevPane | Action::Left => return self.leave_judgments(Section::Context),
            _ => return,
        }
        self.set_top(Screen::Judgments(s));
    }

    pub(crate) fn clamp_judgment(
        &self,
        mut d: JudgmentState,
        body: ratatui::layout::Rect,
    ) -> JudgmentState {
        let judged = self.judged();
        let Some(j) = judged.briefing().judgments.get(d.index) else {
            return JudgmentState::default();
        };
        let n = judgments::supports(j).len();
        d.cursor = d.cursor.min(n.saturating_sub(1));
        let w = usize::from(layout::inner(body).width.saturating_sub(2));
        let view = judgments::detail(&judged, &self.doc.briefing, d.index, d.cursor, w);
        let h = usize::from(layout::inner(body).height).max(1);
        let max = view.lines.len().saturating_sub(h);
        let mut scroll = Scroll::at(d.scroll.min(max));
        if let Some(&line) = view.relation_lines.get(d.cursor) {
            scroll = scroll.ensure_visible(line, h);
        }
        d.scroll = scroll.offset.min(max);
        d
    }

    pub(crate) fn update_judgment(&mut self, action: Action, mut d: JudgmentState) {
        let Some(j) = self.full_doc().briefing.judgments.get(d.index).cloned() else {
            self.stack.pop();
            return;
        };
        let supports = judgments::supports(&j);
        let last = supports.len().saturating_sub(1);
        match action {
            Action::Down => d.cursor = (d.cursor + 1).min(last),
            Action::Up => d.cursor = d.cursor.saturating_sub(1),
            Action::First => d.cursor = 0,
            Action::Last => d.cursor = last,
            Action::HistoryBack => {
                self.stack.pop();
                return;
            }
            Action::Open => {
                let Some(&s) = supports.get(d.cursor) else {
                    self.message = Some("this judgment names no item".into());
                    return;
                };
                match judgments::support_item(&self.doc.briefing, &j, s) {
                    Some(r) => {
                        self.reveal(r);
                        self.open_detail(r);
                    }
                    None => self.message = Some(
                        if self.narrow.is_some() {
                            "that item is left out by the filter: & and Enter clears it"
                        } else {
                            "that item is hidden with its source: x in the Sources view shows it"
                        }
                        .into(),
                    ),
                }
                return;
            }
            _ => return,
        }
        self.set_top(Screen::Judgment(d));
    }

    pub(crate) fn clamp_sensitivity(&self, mut s: SensitivityState) -> SensitivityState {
        s.cursor = s.cursor.min(self.judgment_count().saturating_sub(1));
        s
    }

    pub(crate) fn update_sensitivity(&mut self, action: Action, mut s: SensitivityState) {
        let last = self.judgment_count().saturating_sub(1);
        match action {
            Action::Down => s.cursor = (s.cursor + 1).min(last),
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::First => s.cursor = 0,
            Action::Last => s.cursor = last,
            Action::Open if self.judgment_count() > 0 => {
                self.stack.push(Screen::Judgment(JudgmentState {
                    index: s.cursor,
                    ..JudgmentState::default()
                }));
                return;
            }
            _ => return,
        }
        self.set_top(Screen::Sensitivity(s));
    }
}

/// `judgment 2/3`.
pub(crate) fn location(app: &App, cursor: usize) -> String {
    let n = app.full_doc().briefing.judgments.len();
    if n == 0 {
        return "no judgments".into();
    }
    format!("judgment {}/{n}", (cursor + 1).min(n))
}
