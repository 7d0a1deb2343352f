//! The source filter: one source's items hidden everywhere. `App::doc` is then the filtered
//! document; the full one comes back when the filter is turned off.

use std::rc::Rc;

use crate::app::{App, Screen};
use crate::briefing::analysis::without_source;
use crate::briefing::{Briefing, Document};

/// One source's items hidden everywhere. `App::doc` is the filtered document; `full` the one
/// loaded from the file, which comes back when the filter is turned off.
#[derive(Debug, Clone)]
pub struct SourceFilter {
    /// The hidden source's id.
    pub source: String,
    pub full: Rc<Document>,
    /// What the filter takes away, counted once when it is applied (the header shows it on
    /// every frame).
    pub count: HiddenCount,
}
/// `1 item`, `3 items`.
/// What hiding a source takes away: its own items, and the responses that answered only them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HiddenCount {
    pub own: usize,
    pub answers: usize,
}
/// What hiding `source` takes from `full` to give `shown`.
fn hidden_count(full: &Briefing, shown: &Briefing, source: &str) -> HiddenCount {
    let gone = full.item_count().saturating_sub(shown.item_count());
    let own = [&full.claims, &full.responses, &full.context]
        .iter()
        .flat_map(|items| items.iter())
        .filter(|i| i.source.as_deref() == Some(source))
        .count();
    HiddenCount {
        own,
        answers: gone.saturating_sub(own),
    }
}
/// The briefing without one source, as a document of its own.
fn filtered_doc(full: &Document, source: &str) -> Rc<Document> {
    Rc::new(Document::new(
        full.path.clone(),
        full.name.clone(),
        without_source(&full.briefing, source),
        full.warnings.clone(),
    ))
}
/// `3 items`, or `3 items + 2 answers` (the responses that answered only those items).
pub fn items(n: HiddenCount) -> String {
    let own = crate::text::count(n.own, "item");
    match n.answers {
        0 => own,
        1 => format!("{own} + 1 answer"),
        k => format!("{own} + {k} answers"),
    }
}

impl App {
    /// The document as loaded, whatever the filters (`x`, `&`) hide.
    pub fn full_doc(&self) -> &Rc<Document> {
        self.filter.as_ref().map_or(self.base_doc(), |f| &f.full)
    }

    /// The hidden source's display name and how many items the filter hides, when it is on.
    pub fn hidden(&self) -> Option<(&str, HiddenCount)> {
        let f = self.filter.as_ref()?;
        let name = f
            .full
            .briefing
            .source(&f.source)
            .map_or(f.source.as_str(), |s| s.name.as_str());
        Some((name, f.count))
    }

    /// A new version of the file arrives: with a filter on, it becomes the full document and the
    /// filter is applied to it (dropped if the source is gone). Returns the document to show.
    pub(crate) fn refilter(&mut self, doc: Rc<Document>) -> Rc<Document> {
        match self.filter.take() {
            Some(f) if doc.briefing.source(&f.source).is_some() => {
                let shown = filtered_doc(&doc, &f.source);
                self.filter = Some(SourceFilter {
                    count: hidden_count(&doc.briefing, &shown.briefing, &f.source),
                    source: f.source,
                    full: doc,
                });
                shown
            }
            _ => doc,
        }
    }

    /// `x` in the Sources view: hide source `index` (of the full document's summaries)
    /// everywhere, or show it again if it is the hidden one.
    pub(crate) fn toggle_source_filter(&mut self, index: usize) {
        let full = Rc::clone(self.full_doc());
        let Some(src) = full
            .analysis()
            .sources
            .get(index)
            .and_then(|s| s.source)
            .and_then(|i| full.briefing.sources.get(i))
        else {
            self.message = Some("only a named source can be hidden".into());
            return;
        };
        let name = crate::text::sanitize_line(&src.name).into_owned();
        if self.filter.as_ref().is_some_and(|f| f.source == src.id) {
            self.filter = None;
            self.show_base(full);
            self.message = Some(format!("showing {name} again"));
            return;
        }
        // One source is hidden at a time: hiding another shows the first again, and says so.
        let was = self
            .hidden()
            .map(|(n, _)| crate::text::sanitize_line(n).into_owned());
        let shown = filtered_doc(&full, &src.id);
        let n = hidden_count(&full.briefing, &shown.briefing, &src.id);
        let pairs = (full.relations.pairs.len(), shown.relations.pairs.len());
        // A detail of an item that is now hidden closes rather than showing a neighbour.
        let doc = Rc::clone(&self.doc);
        self.stack.retain(|screen| match screen {
            Screen::Detail(d) => doc
                .briefing
                .item(d.item)
                .is_some_and(|i| shown.briefing.find(&i.id).is_some()),
            _ => true,
        });
        self.filter = Some(SourceFilter {
            source: src.id.clone(),
            full,
            count: n,
        });
        self.show_base(shown);
        let again = was
            .map(|w| format!(" ({w} shown again)"))
            .unwrap_or_default();
        self.message = Some(format!(
            "hiding {name}: {}, contradictions {} → {}; x again to show{again}",
            items(n),
            pairs.0,
            pairs.1
        ));
    }
}
