//! The presentation model: what each screen shows, laid out and measured as pure functions of
//! the document, the view state, the search marks and the size. Knows `Rect`, never a style or
//! the app: `app` calls it to keep the selection in view, `ui` calls the same functions to draw,
//! so what is measured and what is drawn cannot disagree.

pub mod changes;
pub mod detail;
pub mod judgments;
pub mod layout;
pub mod library;
pub mod line;
pub mod marks;
pub mod matrix;
pub mod overlay;
pub mod pairs;
pub mod pane;
pub mod scroll;
pub mod sources;
pub mod status;
pub mod styled;
pub mod tables;
pub mod timeline;
pub mod wrap;

pub use line::{Kind, Line, Span};
pub use marks::Marks;
pub use scroll::Scroll;

use crate::briefing::{Briefing, Document};
use wrap::WrapCache;

/// What every view reads: the document on screen, its wrapped texts, the search marks.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub wraps: &'a WrapCache,
    pub marks: Marks<'a>,
    /// The item marked with `v` to compare with another.
    pub marked: Option<crate::briefing::ItemRef>,
    /// Flags, notes and what changed since last read; None when no state is kept.
    pub reading: Option<&'a crate::state::Reading>,
}

impl Ctx<'_> {
    pub fn briefing(&self) -> &Briefing {
        &self.doc.briefing
    }
}
