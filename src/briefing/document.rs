//! An open briefing and what is derived from it, and the one way a path becomes one: read,
//! decode, load, or a [`Failure`] that says why not. The reader, the library's background
//! loading, live reload, `check`, `print` and `export` all go through [`load_path`].

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::analysis::Analysis;
use super::compare::{self, Comparison, WordWeights};
use super::diagnostic::{Diagnostic, Report};
use super::files::Found;
use super::load::{
    decode, load_str, names_a_briefing_key, quotes_nothing, read_file, Accept, Loaded,
    NOT_A_BRIEFING,
};
use super::model::Pos;
use super::search::SearchIndex;
use super::{Briefing, ItemRef, Relations};

/// A file that does not load: its diagnostics and, when it could be read, its text.
pub type Failure = Report;

/// What loading one path gave: a document, or why not. The document is boxed so that a queue
/// of results stays small whatever the briefing.
pub type Opened = Result<Box<Document>, Failure>;

/// One open briefing and what is derived from it.
#[derive(Debug)]
pub struct Document {
    /// The file it came from; None for the examples built into the binary.
    pub path: Option<PathBuf>,
    /// Shown where the path would be.
    pub name: String,
    pub briefing: Briefing,
    pub relations: Relations,
    pub warnings: Vec<Diagnostic>,
    /// The searchable text, prepared the first time it is searched: a 20 MB briefing opens
    /// without waiting for it, and holds no lower-cased copy of its text until then.
    index: OnceCell<SearchIndex>,
    /// The analysis views' derivations, made the first time one is opened.
    analysis: OnceCell<Analysis>,
    /// Circular reporting alone, for the header of the first frame, which should not wait for
    /// the whole analysis (the stance matrix of a 22 MB briefing takes some 40 ms).
    circular: OnceCell<Vec<(String, String)>>,
    /// In how many item texts each word appears, counted the first time two are compared.
    weights: OnceCell<Arc<WordWeights>>,
    /// Every pair of items compared so far: the reader asks for the pair on screen every frame.
    comparisons: RefCell<HashMap<(ItemRef, ItemRef), Arc<Comparison>>>,
    /// The pairs of long texts being compared on threads of their own. A document dropped
    /// before they end leaves them to finish on their own: nothing waits for them.
    comparing: RefCell<HashMap<(ItemRef, ItemRef), JoinHandle<Comparison>>>,
}

/// Two texts this long together are compared on a thread of their own
/// ([`Document::comparison_soon`]).
pub const BACKGROUND_BYTES: usize = 64 * 1024;

impl Document {
    pub fn new(
        path: Option<PathBuf>,
        name: String,
        briefing: Briefing,
        warnings: Vec<Diagnostic>,
    ) -> Document {
        let relations = Relations::derive(&briefing);
        Document {
            path,
            name,
            briefing,
            relations,
            warnings,
            index: OnceCell::new(),
            analysis: OnceCell::new(),
            circular: OnceCell::new(),
            weights: OnceCell::new(),
            comparisons: RefCell::new(HashMap::new()),
            comparing: RefCell::new(HashMap::new()),
        }
    }

    /// A document of text that came with no file (the built-in examples, tests).
    pub fn from_text(name: &str, text: &str) -> Result<Document, Failure> {
        match load_str(text) {
            Ok(l) => Ok(Document::new(
                None,
                name.to_string(),
                l.briefing,
                l.warnings,
            )),
            Err(diagnostics) => Err(Report {
                path: PathBuf::from(name),
                source: Some(text.to_string()),
                diagnostics,
            }),
        }
    }

    /// The searchable text, prepared on first use.
    pub fn index(&self) -> &SearchIndex {
        self.index
            .get_or_init(|| SearchIndex::build(&self.briefing))
    }

    /// The stance matrix, timeline and source summaries of this document.
    pub fn analysis(&self) -> &Analysis {
        self.analysis
            .get_or_init(|| Analysis::derive(&self.briefing, &self.relations))
    }

    /// The pairs of sources citing each other for some claim (circular reporting): the
    /// analysis's when it has been derived, else found on their own.
    pub fn circular(&self) -> &[(String, String)] {
        match self.analysis.get() {
            Some(a) => &a.circular,
            None => self
                .circular
                .get_or_init(|| super::provenance::circular_pairs(&self.briefing, &self.relations)),
        }
    }

    /// The figures and shared words of two items' texts as the reader displays them
    /// ([`crate::text::display`]: the ranges index that string), compared once and then kept.
    /// An item that does not resolve has no text: the comparison is empty.
    pub fn comparison(&self, left: ItemRef, right: ItemRef) -> Arc<Comparison> {
        if let Some(c) = self.comparisons.borrow().get(&(left, right)) {
            return Arc::clone(c);
        }
        let weights = self.weights();
        let made = Arc::new(compare::compare_items(&self.briefing, left, right, weights));
        self.comparisons
            .borrow_mut()
            .insert((left, right), Arc::clone(&made));
        made
    }

    /// [`Self::comparison`] without waiting: two texts of [`BACKGROUND_BYTES`] or more are
    /// compared on a thread of their own the first time they are asked for, and this gives
    /// None until that is done (the side-by-side view draws both texts meanwhile and says the
    /// figures are being compared); shorter ones are compared here and now. On two 400 KB
    /// texts of figures the comparison is over a hundred milliseconds, more than a key may
    /// take. A thread that cannot be started, or that fails, gives the comparison made here.
    pub fn comparison_soon(&self, left: ItemRef, right: ItemRef) -> Option<Arc<Comparison>> {
        if let Some(c) = self.comparisons.borrow().get(&(left, right)) {
            return Some(Arc::clone(c));
        }
        let text = |r: ItemRef| self.briefing.item(r).map(|i| i.text.as_str());
        let (Some(lt), Some(rt)) = (text(left), text(right)) else {
            return Some(self.comparison(left, right));
        };
        if lt.len() + rt.len() < BACKGROUND_BYTES {
            return Some(self.comparison(left, right));
        }
        if self.comparing.borrow().contains_key(&(left, right)) {
            self.collect_comparisons();
            return self.comparisons.borrow().get(&(left, right)).cloned();
        }
        let weights = Arc::clone(self.weights());
        let (lt, rt) = (
            crate::text::display(lt).into_owned(),
            crate::text::display(rt).into_owned(),
        );
        let started = std::thread::Builder::new()
            .name("brief-compare".into())
            .spawn(move || compare::compare(&lt, &rt, &weights));
        match started {
            Ok(handle) => {
                self.comparing.borrow_mut().insert((left, right), handle);
                None
            }
            Err(_) => Some(self.comparison(left, right)),
        }
    }

    /// Whether a comparison is being made on its own thread ([`Self::comparison_soon`]).
    pub fn comparing(&self) -> bool {
        !self.comparing.borrow().is_empty()
    }

    /// Keeps the comparisons whose threads are done; returns whether there were any (the
    /// reader then draws again).
    pub fn collect_comparisons(&self) -> bool {
        let done: Vec<(ItemRef, ItemRef)> = self
            .comparing
            .borrow()
            .iter()
            .filter(|(_, h)| h.is_finished())
            .map(|(&k, _)| k)
            .collect();
        for pair in &done {
            let Some(handle) = self.comparing.borrow_mut().remove(pair) else {
                continue;
            };
            let made = match handle.join() {
                Ok(c) => Arc::new(c),
                // It panicked there: make it here, where a panic is reported as any other.
                Err(_) => {
                    let weights = Arc::clone(self.weights());
                    Arc::new(compare::compare_items(
                        &self.briefing,
                        pair.0,
                        pair.1,
                        &weights,
                    ))
                }
            };
            self.comparisons.borrow_mut().insert(*pair, made);
        }
        !done.is_empty()
    }

    fn weights(&self) -> &Arc<WordWeights> {
        self.weights
            .get_or_init(|| Arc::new(WordWeights::of_briefing(&self.briefing)))
    }

    /// The path to show and to key the library by: the file, else the name.
    pub fn shown_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.name))
    }
}

/// Reads, decodes and loads one file, then hands the text and what loaded to `then`. A file
/// that does not load gives its diagnostics, and its text when there is one to excerpt.
fn through<T>(
    path: &Path,
    max_size: u64,
    accept: Accept,
    then: impl FnOnce(String, Loaded) -> T,
) -> Result<T, Failure> {
    let fail = |source: Option<String>, diagnostics| Report {
        path: path.to_path_buf(),
        source,
        diagnostics,
    };
    let mut bytes = read_file(path, max_size, accept).map_err(|d| fail(None, vec![d]))?;
    // The bytes become the text in place, so a file is held once, not once as bytes and again
    // as the text kept for excerpts; they are checked once (20 MB take some 10 ms), and only
    // bytes that are not UTF-8 are looked at again, for the place to report.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let d = match decode(e.as_bytes()) {
            Err(d) => d,
            Ok(_) => vec![Diagnostic::error(
                Pos::new(1, 1),
                format!("the file is not UTF-8: {}", e.utf8_error()),
            )],
        };
        fail(None, d)
    })?;
    match load_str(&text) {
        Ok(loaded) => Ok(then(text, loaded)),
        // Not a briefing at all: one line that quotes nothing of it, and no excerpt.
        Err(d) if !names_a_briefing_key(&text) => {
            let shown = d
                .into_iter()
                .find(|d| d.is_error() && quotes_nothing(&d.message))
                .unwrap_or_else(|| Diagnostic::error(Pos::new(1, 1), NOT_A_BRIEFING));
            Err(fail(None, vec![shown]))
        }
        Err(d) => Err(fail(Some(text), d)),
    }
}

/// Loads one briefing file named on the command line (at most `max_size` bytes; a pipe or a
/// device too) into a document.
pub fn load_path(path: &Path, max_size: u64) -> Result<Document, Failure> {
    load_file(path, max_size, Accept::Named)
}

/// Loads one briefing file into a document, reading what `accept` allows.
pub fn load_file(path: &Path, max_size: u64, accept: Accept) -> Result<Document, Failure> {
    load_file_and(path, max_size, accept, |_| ()).map(|(doc, ())| doc)
}

/// [`load_file`], and `also` of the text the document was made of (without a BOM): what is
/// learnt of it without reading the file a second time (its hash, for the library's index).
pub fn load_file_and<R>(
    path: &Path,
    max_size: u64,
    accept: Accept,
    also: impl FnOnce(&str) -> R,
) -> Result<(Document, R), Failure> {
    through(path, max_size, accept, |text, l| {
        let learnt = also(&text);
        let doc = Document::new(
            Some(path.to_path_buf()),
            path.display().to_string(),
            l.briefing,
            l.warnings,
        );
        (doc, learnt)
    })
}

/// What [`super::files::expand`] found, loaded: a file becomes a document or its failure, a
/// path that could not be searched its problem.
pub fn load_found(found: Found, max_size: u64) -> Opened {
    match found {
        Found::File(path) => load_path(&path, max_size).map(Box::new),
        Found::Problem(path, why) => Err(Report::problem(path, why)),
    }
}

/// Everything wrong with one file, warnings included, with the text to excerpt them from: what
/// `brief check` reports. Builds no document (check derives nothing).
pub fn check_path(path: &Path, max_size: u64) -> Report {
    through(path, max_size, Accept::Named, |text, l| {
        let big = text.len() >= crate::memory::DROP_ASIDE;
        // The text only for excerpts: a clean 20 MB file keeps none.
        let source = if l.warnings.is_empty() {
            if big {
                crate::memory::drop_aside(text);
            }
            None
        } else {
            Some(text)
        };
        if big {
            crate::memory::drop_aside(l.briefing);
        }
        Report {
            path: path.to_path_buf(),
            source,
            diagnostics: l.warnings,
        }
    })
    .unwrap_or_else(|failure| failure)
}

/// [`check_path`] reported under another name (`<stdin>` for `-`), with `more` adding what it
/// finds in the loaded briefing (`brief check --for`).
pub fn check_path_with(
    path: &Path,
    shown: &Path,
    max_size: u64,
    more: impl FnOnce(&Briefing) -> Vec<Diagnostic>,
) -> Report {
    let mut report = through(path, max_size, Accept::Named, |text, l| {
        let mut diagnostics = l.warnings;
        diagnostics.extend(more(&l.briefing));
        diagnostics.sort_by_key(|d| (d.pos, d.severity));
        Report {
            path: shown.to_path_buf(),
            source: (!diagnostics.is_empty()).then_some(text),
            diagnostics,
        }
    })
    .unwrap_or_else(|failure| failure);
    report.path = shown.to_path_buf();
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Section;

    /// The header's circular reporting, found before the analysis, is the analysis's, and
    /// finding it leaves the analysis underived (the first frame does not wait for it).
    #[test]
    fn circular_reporting_is_found_without_the_whole_analysis() {
        let text = include_str!("../../tests/fixtures/provenance/circular.yaml");
        let doc = match Document::from_text("circular.yaml", text) {
            Ok(d) => d,
            Err(f) => panic!("{:?}", f.diagnostics),
        };
        let early = doc.circular().to_vec();
        assert!(doc.analysis.get().is_none());
        assert_eq!(early, vec![("alpha".to_string(), "beta".to_string())]);
        assert_eq!(doc.analysis().circular, early);
        assert_eq!(doc.circular(), early.as_slice());
    }

    /// The library's background loading sends documents between threads.
    #[test]
    fn a_document_can_be_sent_to_another_thread() {
        fn send<T: Send>() {}
        send::<Document>();
        send::<Box<Document>>();
    }

    const PAIR: &str = "title: Floods\ndate: 2025-03-16\nclaims:\n  - id: c1\n    text: Seven people were killed on 15 March.\nresponses:\n  - id: r1\n    text: 11 bodies were recovered by 15 March.\n    responds_to: [c1]\n    stance: disputes\ncontext: []\n";

    #[test]
    fn a_comparison_is_made_once_and_indexes_the_displayed_text() {
        let doc = Document::from_text("t", PAIR).unwrap();
        let (l, r) = (
            ItemRef::new(Section::Claims, 0),
            ItemRef::new(Section::Responses, 0),
        );
        let first = doc.comparison(l, r);
        assert!(Arc::ptr_eq(&first, &doc.comparison(l, r)));
        let lines: Vec<String> = first.conflicts.iter().map(|c| c.line()).collect();
        assert_eq!(lines, vec!["deaths: 7 ↔ 11"]);
        assert_eq!(first.agreements(), vec!["15 March"]);
        let shown = crate::text::display(&doc.briefing.claims[0].text);
        let seven = &first.left[0].figure.range;
        assert_eq!(&shown[seven.clone()], "Seven");
        // An item that is not there compares as nothing.
        let none = doc.comparison(l, ItemRef::new(Section::Context, 3));
        assert_eq!(*none, Comparison::default());
    }

    #[test]
    fn a_missing_file_a_folder_and_a_broken_file_fail_with_their_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let missing = load_path(&dir.path().join("nope.yaml"), 1 << 20).unwrap_err();
        assert!(
            missing.first().contains("no such file"),
            "{}",
            missing.first()
        );
        assert!(missing.source.is_none());
        let folder = load_path(dir.path(), 1 << 20).unwrap_err();
        assert!(folder.first().contains("folder"), "{}", folder.first());
        let broken = dir.path().join("broken.yaml");
        std::fs::write(&broken, "title: [unclosed\n").unwrap();
        let f = load_path(&broken, 1 << 20).unwrap_err();
        assert_eq!(f.path, broken);
        assert_eq!(f.source.as_deref(), Some("title: [unclosed\n"));
        assert!(f.diagnostics.iter().any(Diagnostic::is_error));
        // check sees the same failure.
        assert_eq!(check_path(&broken, 1 << 20).diagnostics, f.diagnostics);
    }

    #[test]
    fn every_bundled_briefing_loads_without_warnings() {
        for (name, text) in crate::bundled::BUNDLED {
            match Document::from_text(name, text) {
                Ok(doc) => assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings),
                Err(f) => panic!("{name}: {:?}", f.diagnostics),
            }
        }
    }

    #[test]
    fn a_good_file_loads_and_check_keeps_its_text_only_for_warnings() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.yaml");
        let text = crate::bundled::BUNDLED
            .first()
            .map(|(_, t)| *t)
            .unwrap_or_default();
        std::fs::write(&good, text).unwrap();
        let doc = load_path(&good, 1 << 24).unwrap();
        assert_eq!(doc.path.as_deref(), Some(good.as_path()));
        assert!(!doc.briefing.claims.is_empty());
        let report = check_path(&good, 1 << 24);
        assert_eq!(report.diagnostics, doc.warnings);
        assert_eq!(report.source.is_some(), !doc.warnings.is_empty());
    }
}
