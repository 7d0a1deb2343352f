//! The stance matrix (`m`): claims down, sources across, a cell cursor kept in view.

use std::rc::Rc;

use crate::app::analysis::scrolled;
use crate::app::{Action, App, Screen};
use crate::briefing::{ItemRef, Section};
use crate::view::{layout, tables};

/// The stance matrix: the selected cell, and the first row and column shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatrixState {
    pub row: usize,
    pub col: usize,
    pub top: usize,
    pub left: usize,
}

impl App {
    /// The matrix with the cursor on `item`'s claim (a response: its first claim and its source).
    pub(crate) fn matrix_at(&self, item: Option<ItemRef>) -> MatrixState {
        let a = self.doc.analysis();
        let m = &a.matrix;
        let b = &self.doc.briefing;
        let mut state = MatrixState::default();
        let Some(r) = item else { return state };
        let claim = match r.section {
            Section::Claims => Some(r.index),
            Section::Responses => self.doc.relations.answered(r.index).next().map(|c| c.index),
            Section::Context => None,
        };
        if let Some(row) = claim.and_then(|c| m.claims.iter().position(|&x| x == c)) {
            state.row = row;
            let lane = b
                .item(r)
                .and_then(|i| i.source.as_deref())
                .and_then(|id| b.sources.iter().position(|s| s.id == id));
            state.col = m.columns.iter().position(|c| *c == lane).unwrap_or(0);
        }
        state
    }

    pub(crate) fn clamp_matrix(
        &self,
        mut m: MatrixState,
        body: ratatui::layout::Rect,
    ) -> MatrixState {
        let a = self.doc.analysis();
        let g = tables::geometry(&a.matrix, body);
        m.row = m.row.min(a.matrix.rows().saturating_sub(1));
        m.col = m.col.min(a.matrix.columns.len().saturating_sub(1));
        m.top = scrolled(m.top, m.row, g.rows);
        m.left = scrolled(m.left, m.col, g.cols);
        m
    }

    pub(crate) fn update_matrix(&mut self, action: Action, mut m: MatrixState) {
        let doc = Rc::clone(&self.doc);
        let matrix = &doc.analysis().matrix;
        let rows = matrix.rows();
        let cols = matrix.columns.len();
        let page = tables::geometry(matrix, layout::body(self.size))
            .rows
            .max(1);
        match action {
            Action::Down => m.row = (m.row + 1).min(rows.saturating_sub(1)),
            Action::Up => m.row = m.row.saturating_sub(1),
            Action::Right | Action::NextPane => m.col = (m.col + 1).min(cols.saturating_sub(1)),
            Action::Left | Action::PrevPane => m.col = m.col.saturating_sub(1),
            Action::First => m.row = 0,
            Action::Last => m.row = rows.saturating_sub(1),
            Action::PageDown => m.row = (m.row + page).min(rows.saturating_sub(1)),
            Action::PageUp => m.row = m.row.saturating_sub(page),
            Action::Scroll(_, _, dir) if dir > 0 => m.row = (m.row + 1).min(rows.saturating_sub(1)),
            Action::Scroll(..) => m.row = m.row.saturating_sub(1),
            Action::Open => {
                let Some(claim) = matrix.claim(m.row) else {
                    self.message = Some("this briefing has no claims".into());
                    return;
                };
                let cell = matrix.cell(m.row, m.col);
                match cell.and_then(|c| c.response(&doc.briefing)) {
                    Some(r) => {
                        self.reveal(r);
                        self.open_detail(r);
                    }
                    None if cell.is_some_and(|c| c.claims_it) => {
                        self.reveal(claim);
                        self.open_detail(claim);
                    }
                    None => {
                        let who = matrix
                            .columns
                            .get(m.col)
                            .copied()
                            .flatten()
                            .and_then(|i| doc.briefing.sources.get(i))
                            .map_or("no source".to_string(), |s| {
                                crate::text::sanitize_line(&s.name).into_owned()
                            });
                        let id = doc.briefing.item(claim).map_or("", |i| i.id.as_str());
                        self.message = Some(format!(
                            "{who} says nothing about `{}`",
                            crate::text::sanitize_line(id)
                        ));
                    }
                }
                return;
            }
            _ => return,
        }
        self.set_top(Screen::Matrix(m));
    }
}

/// `claim 3/12 · source 2/5`.
pub(crate) fn location(app: &App, m: &MatrixState) -> String {
    let mx = &app.doc.analysis().matrix;
    format!(
        "claim {}/{} · source {}/{}",
        (m.row + 1).min(mx.rows()),
        mx.rows(),
        (m.col + 1).min(mx.columns.len()),
        mx.columns.len()
    )
}
