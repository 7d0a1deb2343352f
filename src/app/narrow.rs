//! The reader's `&` filter: the panes show only the items that match a
//! [`crate::briefing::filter::Filter`]. Like the source filter (`x`, [`super::filter`]) it
//! swaps the document shown for a narrowed one, so navigation, `/`, the contradictions, the
//! matrix and the timeline all see only what matches. The two combine: `x` takes a source away
//! first, and `&` narrows what is left (a term such as `is:contradicted` is decided on that).

use std::rc::Rc;

use super::prompt::{self, Edit, Recall};
use super::{Action, App};
use crate::briefing::filter::{narrowed, Filter, FilterError};
use crate::briefing::search::Query;
use crate::briefing::{Document, Section};

/// The filter in force over the panes.
#[derive(Debug, Clone)]
pub struct Narrow {
    pub filter: Filter,
    /// The document the filter narrows: the loaded one, or the one with a source hidden.
    pub base: Rc<Document>,
    /// The indices in `base` of the items shown, per section ([`Section::ALL`] order).
    pub kept: [Vec<usize>; 3],
}

impl Narrow {
    /// Items shown.
    pub fn shown(&self) -> usize {
        self.kept.iter().map(Vec::len).sum()
    }

    /// Items the filter chose from.
    pub fn total(&self) -> usize {
        self.base.briefing.item_count()
    }

    /// The header's words: `filter status:denied · 4 of 12`.
    pub fn notice(&self) -> String {
        format!(
            "filter {} · {} of {}",
            self.filter.text(),
            crate::text::thousands(self.shown()),
            crate::text::thousands(self.total())
        )
    }
}

/// The `&` prompt while it is open.
#[derive(Debug, Clone, Default)]
pub struct FilterPrompt {
    /// The filter as typed (the line editor works on a query; `regex` is unused).
    pub text: Query,
    pub recall: Recall,
    /// Why Enter did not apply it; cleared by the next edit.
    pub error: Option<FilterError>,
    /// What the text as typed would show, when it parses: (items, of).
    pub preview: Option<(usize, usize)>,
}

/// What the `&` prompt does with a key, for the reader's and the library's prompts alike.
pub(crate) enum Step {
    /// Keep the prompt open.
    Open,
    /// Close it, leaving the filter as it was.
    Cancel,
    /// Close it and put this filter in force (None: clear the filter).
    Apply(Option<Filter>),
}

/// Applies a key to the prompt: edits, or on Enter parses (an error keeps the prompt open with
/// the text, and says where).
pub(crate) fn edit(p: &mut FilterPrompt, history: &mut Vec<String>, action: Action) -> Step {
    if action == Action::PromptToggleRegex {
        // A filter is not a regex: Ctrl-r does nothing here rather than show a mode it lacks.
        return Step::Open;
    }
    match prompt::edit(&mut p.text, &mut p.recall, history, action) {
        Edit::Changed => {
            p.error = None;
            p.preview = None;
            Step::Open
        }
        Edit::Accept => {
            let text = p.text.pattern.trim().to_string();
            if text.is_empty() {
                return Step::Apply(None);
            }
            match Filter::parse(&text) {
                Ok(f) => {
                    prompt::remember(history, &text);
                    Step::Apply(Some(f))
                }
                Err(e) => {
                    p.error = Some(e);
                    Step::Open
                }
            }
        }
        Edit::Cancel => Step::Cancel,
        Edit::Ignored => Step::Open,
    }
}

impl App {
    /// The document the `&` filter narrows: the loaded one, or with a source hidden, that one.
    pub(crate) fn base_doc(&self) -> &Rc<Document> {
        self.narrow.as_ref().map_or(&self.doc, |n| &n.base)
    }

    /// The filter in force, if one is.
    pub fn narrow(&self) -> Option<&Narrow> {
        self.narrow.as_ref()
    }

    /// The `&` prompt, while it is open.
    pub fn filter_prompt(&self) -> Option<&FilterPrompt> {
        self.filter_prompt.as_ref()
    }

    /// The filters of this session, oldest first, for ↑/↓ in the `&` prompt.
    pub fn filter_history(&self) -> &[String] {
        &self.filters
    }

    pub(super) fn start_filter(&mut self) {
        self.filter_prompt = Some(FilterPrompt::default());
    }

    pub(super) fn update_filter_prompt(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        let Some(p) = self.filter_prompt.as_mut() else {
            return;
        };
        match edit(p, &mut self.filters, action) {
            Step::Open => {
                // What the text would show, as `/` counts its matches while typing.
                if p.preview.is_none() && p.error.is_none() {
                    let base = self.narrow.as_ref().map_or(&self.doc, |n| &n.base);
                    p.preview = Filter::parse(&p.text.pattern).ok().map(|f| {
                        let marks = self.reading.as_ref().map(|r| &r.marks);
                        let n: usize = f.items(base, marks).iter().map(Vec::len).sum();
                        (n, base.briefing.item_count())
                    });
                }
            }
            Step::Cancel => self.filter_prompt = None,
            Step::Apply(f) => {
                self.filter_prompt = None;
                let cleared = f.is_none() && self.narrow.is_some();
                self.set_narrow(f);
                self.message = match &self.narrow {
                    Some(n) if n.shown() == 0 => {
                        Some(format!("no items match {} · & to change", n.filter.text()))
                    }
                    // The header and the bar's badge say what it keeps.
                    Some(_) => None,
                    None if cleared => Some("filter cleared".into()),
                    None => None,
                };
            }
        }
    }

    /// Puts `filter` in force over the document it narrows (None: shows all of it again).
    pub fn set_narrow(&mut self, filter: Option<Filter>) {
        let base = Rc::clone(self.base_doc());
        self.narrow = filter.map(|filter| Narrow {
            filter,
            base: Rc::clone(&base),
            kept: Default::default(),
        });
        self.narrow_base(base);
    }

    /// Shows `base` through the filter in force: what the source filter and a reload call
    /// instead of showing a document straight away.
    pub(crate) fn show_base(&mut self, base: Rc<Document>) {
        if let Some(n) = self.narrow.as_mut() {
            n.base = Rc::clone(&base);
        }
        self.narrow_base(base);
    }

    /// Narrows `base` and shows it, keeping each pane's selected item when it still matches,
    /// else taking the nearest one that does.
    fn narrow_base(&mut self, base: Rc<Document>) {
        // Where each pane's selection stood in the unfiltered document (by id).
        let was: [Option<String>; 3] = Section::ALL.map(|s| {
            self.doc
                .briefing
                .item(crate::briefing::ItemRef::new(s, self.selected[s.index()]))
                .map(|i| i.id.clone())
        });
        let Some(n) = self.narrow.as_mut() else {
            self.show_doc(base);
            return;
        };
        let marks = self.reading.as_ref().map(|r| &r.marks);
        n.kept = n.filter.items(&base, marks);
        let kept = n.kept.clone();
        let shown = Rc::new(Document::new(
            base.path.clone(),
            base.name.clone(),
            narrowed(&base.briefing, &kept),
            base.warnings.clone(),
        ));
        self.show_doc(Rc::clone(&shown));
        // A selection that no longer matches moves to the nearest item that does, counted in
        // the unfiltered document (the next one on a tie).
        for s in Section::ALL {
            let si = s.index();
            let Some(id) = was.get(si).cloned().flatten() else {
                continue;
            };
            if shown.briefing.find(&id).is_some() {
                continue;
            }
            let Some(at) = base.briefing.find(&id).filter(|r| r.section == s) else {
                continue;
            };
            let Some(ks) = kept.get(si).filter(|k| !k.is_empty()) else {
                continue;
            };
            let after = ks.partition_point(|&k| k < at.index);
            let pick = match (after.checked_sub(1).and_then(|b| ks.get(b)), ks.get(after)) {
                (Some(&b), Some(&a)) if at.index - b < a - at.index => after - 1,
                (_, Some(_)) => after,
                _ => ks.len() - 1,
            };
            self.selected[si] = pick;
            self.keep_in_view(s);
        }
    }
}
