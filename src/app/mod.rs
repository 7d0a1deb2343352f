//! The reader's state machine: what is open, what is shown, what is selected. Knows nothing of
//! drawing; `update` is the only way the state changes, one [`Action`] at a time.

// The only indexing here is of the per-section arrays (`selected`, `top`: `[usize; 3]`) by
// `Section::index()`, which is 0, 1 or 2 by construction.
#![allow(clippy::indexing_slicing)]

pub mod acting;
pub mod action;
pub mod analysis;
pub mod filter;
mod keeping;
pub mod keymap;
pub mod library;
pub mod libsearch;
pub mod narrow;
pub mod prompt;
mod query;
pub mod reading;
pub mod screens;
pub mod search;
pub mod shell;

use std::rc::Rc;

use ratatui::layout::Rect;

pub use action::Action;
pub use filter::SourceFilter;
use keymap::Mode;
pub use screens::detail::DetailState;
pub use screens::judgments::{JudgmentState, JudgmentsState, SensitivityState};
pub use screens::matrix::MatrixState;
pub use screens::pairs::PairsState;
pub use screens::sources::SourcesState;
pub use screens::timeline::TimelineState;
pub use screens::Screen;

use crate::briefing::{Briefing, Document, ItemRef, Section};
pub use crate::briefing::{Relation, Side};
use crate::view::scroll::{Scroll, Step};
use crate::view::wrap::WrapCache;
use crate::view::{Ctx, Marks};

/// The scroll step an action asks of a scrolled text, with `page` rows a page (half a page at
/// least one row); None for an action that does not scroll.
pub(crate) fn scroll_step(action: Action, page: usize) -> Option<Step> {
    let half = (page / 2).max(1);
    match action {
        Action::Down => Some(Step::Down(1)),
        Action::Up => Some(Step::Up(1)),
        Action::First => Some(Step::Top),
        Action::Last => Some(Step::End),
        Action::PageDown => Some(Step::Down(page)),
        Action::HalfPageDown => Some(Step::Down(half)),
        Action::PageUp => Some(Step::Up(page)),
        Action::HalfPageUp => Some(Step::Up(half)),
        _ => None,
    }
}

/// Scrolls an overlay (help, info) in a terminal of `size` by an action, no further than `max`;
/// None when the action closes it. The reader's and the library's overlays both scroll so.
pub(crate) fn scroll_overlay(
    scroll: Option<usize>,
    action: Action,
    size: Rect,
    max: usize,
) -> Option<usize> {
    if action == Action::Back {
        return None;
    }
    let scroll = Scroll::at(scroll.unwrap_or(0));
    let page = usize::from(size.height.saturating_sub(4)).max(1);
    let to = match scroll_step(action, page) {
        Some(step) => scroll.step(step, max),
        None => scroll.clamp(max),
    };
    Some(to.offset)
}

#[derive(Debug)]
pub struct App {
    pub(crate) doc: Rc<Document>,
    pub(crate) size: Rect,
    pub(crate) focus: Section,
    pub(crate) selected: [usize; 3],
    /// First item shown in each pane.
    pub(crate) top: [usize; 3],
    /// Views open over the panes, innermost last.
    pub(crate) stack: Vec<Screen>,
    /// The help overlay's scroll, when it is open.
    pub(crate) help: Option<usize>,
    /// The briefing-info overlay's scroll (title, summary, tags, file, warnings), when open.
    pub(crate) info: Option<usize>,
    /// A one-shot message for the status bar.
    pub(crate) message: Option<String>,
    /// The file on disk does not load now: shown in the status bar until it does.
    pub(crate) file_error: Option<String>,
    pub(crate) quit: bool,
    pub(crate) wraps: WrapCache,
    /// The search: the prompt while typing, then the matches `n`/`N` walk.
    pub(crate) search: Option<search::SearchState>,
    /// Queries of this session, oldest first, for ↑/↓ in the prompt.
    pub(crate) history: Vec<String>,
    /// One source hidden everywhere (set from the Sources view); `doc` is then the filtered one.
    pub(crate) filter: Option<SourceFilter>,
    /// The `&` filter in force; `doc` is then the narrowed document.
    pub(crate) narrow: Option<narrow::Narrow>,
    /// The `&` prompt, while it is open.
    pub(crate) filter_prompt: Option<narrow::FilterPrompt>,
    /// Filters of this session, oldest first, for ↑/↓ in the `&` prompt.
    pub(crate) filters: Vec<String>,
    /// The item marked with `v`, waiting for a second one to compare it with.
    pub(crate) marked: Option<ItemRef>,
    /// Flags, notes and changes since last read; None when no state is kept.
    pub(crate) reading: Option<crate::state::Reading>,
    /// The note being typed in the status bar.
    pub(crate) note: Option<reading::NoteEdit>,
    /// `A` asked for the note of this item in an editor: the shell runs it.
    pub(crate) note_editor: Option<String>,
    /// The copy menu (`Y`) is open over the view.
    pub(crate) copy_menu: bool,
    /// What the last action asked the event loop to do: copy or open (see [`acting`]).
    pub(crate) act: Option<acting::Act>,
}

impl App {
    pub fn new(doc: impl Into<Rc<Document>>, size: Rect) -> App {
        App {
            doc: doc.into(),
            size,
            focus: Section::Claims,
            selected: [0; 3],
            top: [0; 3],
            stack: Vec::new(),
            help: None,
            info: None,
            message: None,
            file_error: None,
            quit: false,
            wraps: WrapCache::default(),
            search: None,
            history: Vec::new(),
            filter: None,
            narrow: None,
            filter_prompt: None,
            filters: Vec::new(),
            marked: None,
            reading: None,
            note: None,
            note_editor: None,
            copy_menu: false,
            act: None,
        }
    }

    /// Whether a prompt (the search's or the filter's) is taking keys.
    pub fn prompt_open(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.prompt.is_some()) || self.filter_prompt.is_some()
    }

    /// The line to open an editor at: the judgment in focus (its pane, detail or table row),
    /// else the item in focus (detail, contradiction side or pane).
    pub fn edit_line(&self) -> u32 {
        let judgment = match self.stack.last() {
            Some(Screen::Judgments(j)) => Some(j.cursor),
            Some(Screen::Judgment(j)) => Some(j.index),
            Some(Screen::Sensitivity(s)) => Some(s.cursor),
            _ => None,
        };
        if let Some(j) = judgment.and_then(|i| self.full_doc().briefing.judgments.get(i)) {
            return j.pos.line.max(1);
        }
        self.focus_item()
            .and_then(|r| self.doc.briefing.item(r))
            .map_or(1, |i| i.pos.line.max(1))
    }

    /// Shows a new version of the briefing, keeping the view; a source filter and a `&`
    /// filter stay on.
    pub fn replace_doc(&mut self, doc: Rc<Document>) {
        if let Some(r) = self.reading.as_mut() {
            r.update(&doc.briefing);
        }
        let shown = self.refilter(doc);
        self.show_base(shown);
    }

    /// Swaps the document shown, keeping the view: the focus, the selected item of each pane (by
    /// id), the scroll position, and the detail or pair on screen.
    pub(crate) fn show_doc(&mut self, doc: Rc<Document>) {
        let old = std::mem::replace(&mut self.doc, doc);
        self.wraps = WrapCache::default();
        let remap = |r: ItemRef, new: &Briefing| -> ItemRef {
            let id = old.briefing.item(r).map(|i| i.id.as_str());
            match id.and_then(|id| new.find(id)) {
                Some(found) if found.section == r.section => found,
                _ => ItemRef::new(
                    r.section,
                    r.index.min(new.section(r.section).len().saturating_sub(1)),
                ),
            }
        };
        for s in Section::ALL {
            let si = s.index();
            let was = ItemRef::new(s, self.selected[si]);
            let now = remap(was, &self.doc.briefing);
            // Keep the selection at the same place on screen.
            let offset = self.selected[si].saturating_sub(self.top[si]);
            self.selected[si] = now.index;
            self.top[si] = now.index.saturating_sub(offset);
        }
        let pairs = self.doc.relations.pairs.len();
        let stack = std::mem::take(&mut self.stack);
        for screen in stack {
            match screen {
                Screen::Detail(mut d) => {
                    d.item = remap(d.item, &self.doc.briefing);
                    d.history = d
                        .history
                        .into_iter()
                        .map(|(r, c)| (remap(r, &self.doc.briefing), c))
                        .collect();
                    if self.doc.briefing.item(d.item).is_some() {
                        self.stack.push(Screen::Detail(d));
                    }
                }
                Screen::Contradictions(mut p) => {
                    // The same pair, found by its two items' ids: a reload or a hidden source
                    // renumbers the pairs. Gone, the one now at its place.
                    let ids = |d: &Document, r: ItemRef| d.briefing.item(r).map(|i| i.id.clone());
                    let was = old
                        .relations
                        .pairs
                        .get(p.index)
                        .map(|x| (ids(&old, x.left), ids(&old, x.right)));
                    let found =
                        was.and_then(|was| {
                            self.doc.relations.pairs.iter().position(|x| {
                                (ids(&self.doc, x.left), ids(&self.doc, x.right)) == was
                            })
                        });
                    if found.is_none() {
                        p.scroll = [0; 3];
                    }
                    p.index = found.unwrap_or(p.index).min(pairs.saturating_sub(1));
                    // Two items picked stay picked while both are still in the file.
                    let found = |r: ItemRef| {
                        let id = old.briefing.item(r).map(|i| i.id.as_str());
                        id.and_then(|id| self.doc.briefing.find(id))
                    };
                    p.chosen = match p.chosen {
                        Some((l, r)) => match (found(l), found(r)) {
                            (Some(l), Some(r)) => Some((l, r)),
                            _ => continue,
                        },
                        None => None,
                    };
                    self.stack.push(Screen::Contradictions(p));
                }
                other @ (Screen::Matrix(_)
                | Screen::Timeline(_)
                | Screen::Sources(_)
                | Screen::Changes(_)
                | Screen::Judgments(_)
                | Screen::Judgment(_)
                | Screen::Sensitivity(_)) => self.stack.push(other),
            }
        }
        // The matches were found in the old text: find them again in the new one (a saved
        // file, or a source hidden or shown), else they would point at the wrong items and
        // bytes. `n` then goes on from the item in focus.
        if let Some(s) = self.search.as_mut() {
            match self.doc.index().search(&self.doc.briefing, &s.query) {
                Ok(m) => s.matches = m,
                Err(e) => {
                    s.matches = Default::default();
                    s.error = Some(e.to_string());
                }
            }
            s.current = None;
            s.anchor = None;
        }
        for s in Section::ALL {
            self.keep_in_view(s);
        }
        self.marked = self.marked.and_then(|r| {
            let id = old.briefing.item(r).map(|i| i.id.as_str());
            id.and_then(|id| self.doc.briefing.find(id))
        });
        self.keep_detail_in_view(false);
        self.keep_pairs_in_view(false);
        self.keep_analysis_in_view();
        self.keep_changes_in_view();
    }

    pub fn briefing(&self) -> &Briefing {
        &self.doc.briefing
    }

    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            return Mode::Help;
        }
        if self.info.is_some() {
            return Mode::Info;
        }
        if self.prompt_open() || self.note.is_some() {
            return Mode::Prompt;
        }
        if self.copy_menu {
            return Mode::Copy;
        }
        self.mode_under_help()
    }

    /// The mode beneath the help overlay: its bindings come first in the help.
    pub fn mode_under_help(&self) -> Mode {
        self.stack.last().map_or(Mode::Panes, Screen::mode)
    }

    pub fn len(&self, section: Section) -> usize {
        self.doc.briefing.section(section).len()
    }

    /// The selected item of the focused pane, if the pane has any.
    pub fn current(&self) -> Option<ItemRef> {
        self.selected_in(self.focus)
    }

    pub fn selected_in(&self, section: Section) -> Option<ItemRef> {
        let i = self.selected[section.index()];
        (i < self.len(section)).then(|| ItemRef::new(section, i))
    }

    /// Lines an item takes in a pane whose text is `width` wide.
    pub fn item_height(&self, r: ItemRef, width: u16) -> usize {
        crate::view::pane::item_height(&self.ctx(), r, width)
    }

    /// Drops every wrapped text, as a new document does (benchmarks time a cold resize).
    #[doc(hidden)]
    pub fn forget_wraps(&mut self) {
        self.wraps = WrapCache::default();
    }

    /// What the views read of this state: the document, its wrapped texts, the search marks.
    /// Whether an analysis view (matrix, timeline, sources, judgments, sensitivity) is on top:
    /// the search and the filter are the panes', and their words would run as its keys.
    fn in_analysis_view(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(
                Screen::Matrix(_)
                    | Screen::Timeline(_)
                    | Screen::Sources(_)
                    | Screen::Judgments(_)
                    | Screen::Judgment(_)
                    | Screen::Sensitivity(_)
            )
        )
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            doc: &self.doc,
            wraps: &self.wraps,
            marks: Marks::new(
                self.search.as_ref().map(|s| &s.matches),
                self.current_match(),
            ),
            marked: self.marked,
            reading: self.reading.as_ref(),
            whole: self.narrow.as_ref().map(|n| (&*n.base, &n.kept)),
        }
    }

    /// What an item's detail lists, in order: answers, then contradiction pairs.
    pub fn relations_of(&self, r: ItemRef) -> Vec<Relation> {
        self.doc.relations.of(r)
    }

    /// Feeds a key sequence through the real key table, as typing would: `"j j Enter"`, `"/ foo Enter n"`.
    /// Words that are not key names are typed character by character.
    pub fn press(&mut self, seq: &str) {
        for key in keymap::parse_sequence(seq) {
            if let Some(action) = keymap::lookup(self.mode(), key) {
                self.update(action);
            }
        }
    }

    /// Applies one action; the state is consistent afterwards (selection in view, scrolls
    /// clamped) with no frame drawn.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                for s in Section::ALL {
                    self.keep_in_view(s);
                }
                self.keep_detail_in_view(false);
                self.keep_pairs_in_view(false);
                self.keep_analysis_in_view();
            }
            _ if self.note.is_some() => self.update_note(action),
            _ if self.filter_prompt.is_some() => self.update_filter_prompt(action),
            _ if self.prompt_open() => self.update_prompt(action),
            _ if self.copy_menu => match action {
                Action::Copy(part) => self.copy(part),
                Action::CopyMenu | Action::Back => self.copy_menu = false,
                _ => {}
            },
            Action::ToggleHelp => self.help = if self.help.is_some() { None } else { Some(0) },
            _ if self.help.is_some() => self.update_help(action),
            Action::ToggleInfo => self.info = if self.info.is_some() { None } else { Some(0) },
            _ if self.info.is_some() => {
                let max = crate::view::overlay::info_max_scroll(&self.ctx(), self.size);
                self.info = scroll_overlay(self.info, action, self.size, max);
            }
            Action::Back if self.marked.is_some() => {
                self.marked = None;
                self.message = Some("comparison cancelled".into());
            }
            Action::Back if self.stack.is_empty() && self.search.is_some() => {
                self.search = None;
                self.message = Some("search cleared".into());
            }
            Action::Back => {
                self.stack.pop();
            }
            Action::SearchStart if self.in_analysis_view() => {
                self.message = Some(
                    "search works in the panes, details and contradictions: Esc, then /".into(),
                );
            }
            Action::SearchStart => self.start_search(),
            Action::FilterStart if self.in_analysis_view() => {
                // Typed on, the filter's words would run as this view's keys (QA: `e` of
                // `source:` opened the editor).
                self.message = Some(
                    "the filter is in the Claims, Responses and Context panes: Esc, then &".into(),
                );
            }
            Action::FilterStart => self.start_filter(),
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            Action::ToggleMatrix
            | Action::ToggleTimeline
            | Action::ToggleSources
            | Action::ToggleSensitivity => self.toggle_view(action),
            Action::FocusJudgments => self.open_judgments(),
            Action::Copy(part) => self.copy(part),
            Action::CopyMenu => self.toggle_copy_menu(),
            Action::OpenUrl => self.open_url(),
            Action::ToggleFlag => self.toggle_flag(),
            Action::EditNote => self.start_note(),
            Action::EditNoteLong => self.long_note(),
            Action::ToggleChanges => self.toggle_changes(),
            Action::NextChange => self.step_change(true),
            Action::PrevChange => self.step_change(false),
            _ => self.update_screen(action),
        }
        self.note_reading();
    }

    fn update_help(&mut self, action: Action) {
        let groups = keymap::help_groups(self.mode_under_help());
        let max = crate::view::overlay::help_max_scroll(&groups, self.size);
        self.help = scroll_overlay(self.help, action, self.size, max);
    }
}
