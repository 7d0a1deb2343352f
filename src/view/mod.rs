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

use crate::briefing::{describe, Briefing, Document, ItemRef};
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
    /// Under a `&` filter: the document it narrows, and the index there of each item shown
    /// (per section). What the reader says of an item (`1 source`, its caution) is said of
    /// the whole briefing, not of the items the filter happens to keep.
    pub whole: Option<(&'a Document, &'a [Vec<usize>; 3])>,
}

impl Ctx<'_> {
    pub fn briefing(&self) -> &Briefing {
        &self.doc.briefing
    }

    /// The flags on thin footing of the item at `r` (shown as `item`), as the whole briefing
    /// has them: under a filter, the claim that another source confirms is not `1 source`
    /// because the filter left the confirmation out.
    pub fn flags(&self, item: &crate::briefing::Item, r: ItemRef) -> Vec<describe::Flag> {
        if let Some((whole, kept)) = self.whole {
            let at = kept
                .get(r.section.index())
                .and_then(|ix| ix.get(r.index))
                .copied();
            if let Some(index) = at {
                let wr = ItemRef {
                    section: r.section,
                    index,
                };
                if let Some(wi) = whole.briefing.item(wr) {
                    return describe::flags(&whole.briefing, &whole.relations, wi, wr);
                }
            }
        }
        describe::flags(&self.doc.briefing, &self.doc.relations, item, r)
    }
}
