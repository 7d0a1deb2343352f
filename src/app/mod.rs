//! The reader's state machine: what is open, what is shown, what is selected. Knows nothing of
//! drawing; `update` is the only way the state changes, one [`Action`] at a time.

// The only indexing here is of the per-section arrays (`selected`, `top`: `[usize; 3]`) by
// `Section::index()`, which is 0, 1 or 2 by construction.
#![allow(clippy::indexing_slicing)]

pub mod action;
pub mod analysis;
pub mod keymap;
pub mod library;
pub mod libsearch;
mod query;
pub mod search;
pub mod shell;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use ratatui::layout::Rect;

pub use action::Action;
pub use analysis::{MatrixState, SourceFilter, SourcesState, TimelineState};
use keymap::Mode;

use crate::briefing::analysis::Analysis;
use crate::briefing::{Briefing, Diagnostic, ItemRef, Relations, Section};
use crate::ui::layout;

/// One open briefing and what is derived from it.
#[derive(Debug)]
pub struct Doc {
    /// The file it came from; None for the examples built into the binary.
    pub path: Option<PathBuf>,
    /// Shown where the path would be.
    pub name: String,
    pub briefing: Briefing,
    pub relations: Relations,
    pub warnings: Vec<Diagnostic>,
    /// The searchable text, prepared the first time it is searched: a 20 MB briefing opens
    /// without waiting for it, and holds no lower-cased copy of its text until then.
    index: OnceCell<crate::briefing::search::SearchIndex>,
    /// The analysis views' derivations, made the first time one is opened.
    analysis: OnceCell<Analysis>,
}

impl Doc {
    pub fn new(
        path: Option<PathBuf>,
        name: String,
        briefing: Briefing,
        warnings: Vec<Diagnostic>,
    ) -> Doc {
        let relations = Relations::derive(&briefing);
        Doc {
            path,
            name,
            briefing,
            relations,
            warnings,
            index: OnceCell::new(),
            analysis: OnceCell::new(),
        }
    }

    /// The searchable text, prepared on first use.
    pub fn index(&self) -> &crate::briefing::search::SearchIndex {
        self.index
            .get_or_init(|| crate::briefing::search::SearchIndex::build(&self.briefing))
    }

    /// The stance matrix, timeline and source summaries of this document.
    pub fn analysis(&self) -> &Analysis {
        self.analysis
            .get_or_init(|| Analysis::derive(&self.briefing, &self.relations))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// Something an item's detail lists and `Enter` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// A response that answers this claim.
    AnsweredBy(ItemRef),
    /// A claim this response answers.
    Answers(ItemRef),
    /// A contradiction pair (index into `Relations::pairs`) the item belongs to.
    Pair(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailState {
    pub item: ItemRef,
    /// Index of the selected relation.
    pub cursor: usize,
    /// First line shown.
    pub scroll: usize,
    /// Items left by following relations, for `Backspace` / `Ctrl-o`.
    pub history: Vec<(ItemRef, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairsState {
    pub index: usize,
    pub side: Side,
}

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
}

/// Scrolls an overlay (help, info) by an action; None when the action closes it.
fn scroll_overlay(scroll: Option<usize>, action: Action, size: Rect) -> Option<usize> {
    let scroll = scroll.unwrap_or(0);
    let page = usize::from(size.height.saturating_sub(4)).max(1);
    match action {
        Action::Back => None,
        Action::Down => Some(scroll + 1),
        Action::Up => Some(scroll.saturating_sub(1)),
        Action::First => Some(0),
        Action::Last => Some(usize::MAX),
        Action::PageDown => Some(scroll + page),
        Action::HalfPageDown => Some(scroll + page / 2),
        Action::PageUp => Some(scroll.saturating_sub(page)),
        Action::HalfPageUp => Some(scroll.saturating_sub(page / 2)),
        _ => Some(scroll),
    }
}

/// Wrapped lines of one item at one width.
type Wrapped = HashMap<(ItemRef, u16), Rc<[String]>>;

/// Wrapped item texts, per item and width: a memo shared by scroll keeping and rendering.
#[derive(Debug, Default)]
pub struct WrapCache {
    lines: RefCell<Wrapped>,
}

/// Entries kept before the cache starts over (a resize makes most of them stale anyway).
const WRAP_CACHE_LIMIT: usize = 20_000;

impl WrapCache {
    pub fn get(&self, b: &Briefing, r: ItemRef, width: u16) -> Rc<[String]> {
        if let Some(lines) = self.lines.borrow().get(&(r, width)) {
            return Rc::clone(lines);
        }
        let text = b.item(r).map_or("", |i| i.text.as_str());
        let lines: Rc<[String]> = crate::text::wrap(text, usize::from(width)).into();
        let mut map = self.lines.borrow_mut();
        if map.len() >= WRAP_CACHE_LIMIT {
            map.clear();
        }
        map.insert((r, width), Rc::clone(&lines));
        lines
    }

    pub fn len(&self) -> usize {
        self.lines.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug)]
pub struct App {
    pub doc: Rc<Doc>,
    pub size: Rect,
    pub focus: Section,
    pub selected: [usize; 3],
    /// First item shown in each pane.
    pub top: [usize; 3],
    /// Views open over the panes, innermost last.
    pub stack: Vec<Screen>,
    /// The help overlay's scroll, when it is open.
    pub help: Option<usize>,
    /// The briefing-info overlay's scroll (title, summary, tags, file, warnings), when open.
    pub info: Option<usize>,
    /// A one-shot message for the status bar.
    pub message: Option<String>,
    /// The file on disk does not load now: shown in the status bar until it does.
    pub file_error: Option<String>,
    pub quit: bool,
    pub wraps: WrapCache,
    /// The search: the prompt while typing, then the matches `n`/`N` walk.
    pub search: Option<search::SearchState>,
    /// Queries of this session, oldest first, for ↑/↓ in the prompt.
    pub history: Vec<String>,
    /// One source hidden everywhere (set from the Sources view); `doc` is then the filtered one.
    pub filter: Option<SourceFilter>,
}

impl App {
    pub fn new(doc: impl Into<Rc<Doc>>, size: Rect) -> App {
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
        }
    }

    /// Whether the search prompt is taking keys.
    pub fn prompt_open(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.prompt.is_some())
    }

    /// The line to open an editor at: the item in focus (detail, contradiction side or pane).
    pub fn edit_line(&self) -> u32 {
        shell::side_item(self)
            .and_then(|r| self.doc.briefing.item(r))
            .map_or(1, |i| i.pos.line.max(1))
    }

    /// Shows a new version of the briefing, keeping the view; a source filter stays on.
    pub fn replace_doc(&mut self, doc: Rc<Doc>) {
        let shown = self.refilter(doc);
        self.show_doc(shown);
    }

    /// Swaps the document shown, keeping the view: the focus, the selected item of each pane (by
    /// id), the scroll position, and the detail or pair on screen.
    fn show_doc(&mut self, doc: Rc<Doc>) {
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
                    p.index = p.index.min(pairs.saturating_sub(1));
                    self.stack.push(Screen::Contradictions(p));
                }
                other @ (Screen::Matrix(_) | Screen::Timeline(_) | Screen::Sources(_)) => {
                    self.stack.push(other)
                }
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
        self.keep_detail_in_view(false);
        self.keep_analysis_in_view();
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
        if self.prompt_open() {
            return Mode::Prompt;
        }
        self.mode_under_help()
    }

    /// The mode beneath the help overlay: its bindings come first in the help.
    pub fn mode_under_help(&self) -> Mode {
        match self.stack.last() {
            None => Mode::Panes,
            Some(Screen::Detail(_)) => Mode::Detail,
            Some(Screen::Contradictions(_)) => Mode::Contradictions,
            Some(Screen::Matrix(_)) => Mode::Matrix,
            Some(Screen::Timeline(_)) => Mode::Timeline,
            Some(Screen::Sources(_)) => Mode::Sources,
        }
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
        crate::ui::panes::item_height(self, r, width)
    }

    /// What an item's detail lists, in order: answers, then contradiction pairs.
    pub fn relations_of(&self, r: ItemRef) -> Vec<Relation> {
        let rel = &self.doc.relations;
        let mut out: Vec<Relation> = match r.section {
            Section::Claims => rel.answers(r.index).map(Relation::AnsweredBy).collect(),
            Section::Responses => rel.answered(r.index).map(Relation::Answers).collect(),
            Section::Context => Vec::new(),
        };
        out.extend(rel.pairs_of(r).iter().map(|&p| Relation::Pair(p as usize)));
        out
    }

    /// Feeds a key sequence through the real key table, as typing would: `"j j Enter"`, `"/ foo Enter n"`.
    /// Words that are not key names are typed character by character.
    pub fn press(&mut self, seq: &str) {
        for key in keymap::parse_sequence(seq) {
            if let Some(mut action) = keymap::lookup(self.mode(), key) {
                while let Some(next) = self.update(action) {
                    action = next;
                }
            }
        }
    }

    /// Applies one action. May return a follow-up action.
    pub fn update(&mut self, action: Action) -> Option<Action> {
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
                self.keep_analysis_in_view();
            }
            _ if self.prompt_open() => self.update_prompt(action),
            Action::ToggleHelp => self.help = if self.help.is_some() { None } else { Some(0) },
            _ if self.help.is_some() => self.update_help(action),
            Action::ToggleInfo => self.info = if self.info.is_some() { None } else { Some(0) },
            _ if self.info.is_some() => {
                let max = crate::ui::info::max_scroll(self, self.size);
                self.info = scroll_overlay(self.info, action, self.size).map(|s| s.min(max));
            }
            Action::Back if self.stack.is_empty() && self.search.is_some() => {
                self.search = None;
                self.message = Some("search cleared".into());
            }
            Action::Back => {
                self.stack.pop();
            }
            Action::SearchStart
                if matches!(
                    self.stack.last(),
                    Some(Screen::Matrix(_) | Screen::Timeline(_) | Screen::Sources(_))
                ) =>
            {
                self.message = Some(
                    "search works in the panes, details and contradictions: Esc, then /".into(),
                );
            }
            Action::SearchStart => self.start_search(),
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            Action::ToggleMatrix | Action::ToggleTimeline | Action::ToggleSources => {
                self.toggle_view(action)
            }
            _ => match self.stack.last().cloned() {
                None => self.update_panes(action),
                Some(Screen::Detail(d)) => self.update_detail(action, d),
                Some(Screen::Contradictions(p)) => self.update_pairs(action, p),
                Some(Screen::Matrix(m)) => self.update_matrix(action, m),
                Some(Screen::Timeline(t)) => self.update_timeline(action, t),
                Some(Screen::Sources(s)) => self.update_sources(action, s),
            },
        }
        None
    }

    fn update_help(&mut self, action: Action) {
        let max = crate::ui::help::max_scroll(self.mode_under_help(), self.size);
        self.help = scroll_overlay(self.help, action, self.size).map(|s| s.min(max));
    }

    // ---- panes ----

    fn update_panes(&mut self, action: Action) {
        let s = self.focus;
        let n = self.len(s);
        let sel = self.selected[s.index()];
        let page = self.page_items(s);
        match action {
            Action::Down => self.select(s, sel.saturating_add(1)),
            Action::Up => self.select(s, sel.saturating_sub(1)),
            Action::First => self.select(s, 0),
            Action::Last => self.select(s, n.saturating_sub(1)),
            Action::PageDown => self.select(s, sel.saturating_add(page)),
            Action::PageUp => self.select(s, sel.saturating_sub(page)),
            Action::HalfPageDown => self.select(s, sel.saturating_add(page.div_ceil(2))),
            Action::HalfPageUp => self.select(s, sel.saturating_sub(page.div_ceil(2))),
            Action::NextPane => self.focus_pane(Section::from_index((s.index() + 1) % 3)),
            Action::PrevPane => self.focus_pane(Section::from_index((s.index() + 2) % 3)),
            Action::Right => self.focus_pane(Section::from_index((s.index() + 1).min(2))),
            Action::Left => self.focus_pane(Section::from_index(s.index().saturating_sub(1))),
            Action::FocusPane(section) => self.focus_pane(section),
            Action::Open => match self.current() {
                Some(r) => self.open_detail(r),
                None => self.message = Some(format!("no {} to open", s.singular())),
            },
            Action::ToggleContradictions => self.open_pairs_for(self.current()),
            Action::Click(x, y) => self.click_panes(x, y),
            Action::Scroll(x, y, dir) => {
                if let Some(section) = self.pane_at(x, y) {
                    let i = self.selected[section.index()];
                    let to = if dir > 0 {
                        i.saturating_add(1)
                    } else {
                        i.saturating_sub(1)
                    };
                    self.select(section, to);
                }
            }
            _ => {}
        }
    }

    pub fn focus_pane(&mut self, section: Section) {
        self.focus = section;
        self.keep_in_view(section);
    }

    /// Selects item `i` of `section` (clamped) and scrolls it into view.
    pub fn select(&mut self, section: Section, i: usize) {
        let n = self.len(section);
        self.selected[section.index()] = i.min(n.saturating_sub(1));
        self.keep_in_view(section);
    }

    /// Selects an item anywhere: focuses its pane, scrolls it into view.
    pub fn reveal(&mut self, r: ItemRef) {
        self.focus = r.section;
        self.select(r.section, r.index);
    }

    fn pane_geometry(&self, section: Section) -> (u16, usize) {
        let area = layout::pane_area(self.size, section);
        (
            layout::text_width(area),
            usize::from(layout::inner(area).height),
        )
    }

    /// How many items are shown in the pane from its top: the step of a page.
    fn page_items(&self, section: Section) -> usize {
        let (width, height) = self.pane_geometry(section);
        let n = self.len(section);
        let mut used = 0;
        let mut count = 0;
        for i in self.top[section.index()]..n {
            used += self.item_height(ItemRef::new(section, i), width);
            if used > height {
                break;
            }
            count += 1;
        }
        count.max(1)
    }

    /// Moves the pane's top so the selected item is fully shown (or starts at the top when it is
    /// taller than the pane). Looks only at items between the top and the selection, and only as
    /// many as fit: nothing here walks the whole section.
    fn keep_in_view(&mut self, section: Section) {
        let si = section.index();
        let n = self.len(section);
        if n == 0 {
            self.top[si] = 0;
            self.selected[si] = 0;
            return;
        }
        let sel = self.selected[si].min(n - 1);
        let (width, height) = self.pane_geometry(section);
        let height = height.max(1);
        let h = |i: usize| self.item_height(ItemRef::new(section, i), width);
        let mut top = self.top[si].min(sel);
        if sel - top >= height {
            // Every item takes at least two lines, so the selection is far below: start from it.
            top = sel;
        }
        let mut used: usize = (top..=sel).map(h).sum();
        while used > height && top < sel {
            used -= h(top);
            top += 1;
        }
        // Fill the space above the selection if the top was moved down to it.
        while top > 0 && top == sel && used + h(top - 1) <= height {
            top -= 1;
            used += h(top);
        }
        self.top[si] = top;
        self.selected[si] = sel;
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<Section> {
        let f = layout::frame(self.size)?;
        let (_, areas) = layout::panes(f.body, self.focus);
        areas
            .into_iter()
            .find(|(_, a)| a.contains((x, y).into()))
            .map(|(s, _)| s)
    }

    fn click_panes(&mut self, x: u16, y: u16) {
        let Some(f) = layout::frame(self.size) else {
            return;
        };
        let (tabs, areas) = layout::panes(f.body, self.focus);
        if let Some(tabs) = tabs.filter(|t| t.contains((x, y).into())) {
            // The tab bar splits into three equal parts.
            let third = (tabs.width / 3).max(1);
            let i = usize::from((x - tabs.x) / third).min(2);
            self.focus_pane(Section::from_index(i));
            return;
        }
        let Some((section, area)) = areas.into_iter().find(|(_, a)| a.contains((x, y).into()))
        else {
            return;
        };
        self.focus = section;
        let inner = layout::inner(area);
        if y < inner.y || y >= inner.bottom() {
            return;
        }
        let width = layout::text_width(area);
        let mut row = usize::from(y - inner.y);
        for i in self.top[section.index()]..self.len(section) {
            let h = self.item_height(ItemRef::new(section, i), width);
            if row < h {
                self.select(section, i);
                return;
            }
            row -= h;
        }
    }

    // ---- detail ----

    pub fn open_detail(&mut self, r: ItemRef) {
        // A detail opened from a detail replaces it (the detail keeps its own history); opened
        // from another view (the contradictions, the matrix…) it goes on top, so Esc and
        // Backspace come back to that view and then to wherever it was opened from.
        if matches!(self.stack.last(), Some(Screen::Detail(_))) {
            self.stack.pop();
        }
        self.stack.push(Screen::Detail(DetailState {
            item: r,
            cursor: 0,
            scroll: 0,
            history: Vec::new(),
        }));
    }

    fn set_detail(&mut self, d: DetailState, follow_cursor: bool) {
        if let Some(Screen::Detail(top)) = self.stack.last_mut() {
            *top = d;
        }
        self.keep_detail_in_view(follow_cursor);
    }

    fn update_detail(&mut self, action: Action, mut d: DetailState) {
        let relations = self.relations_of(d.item);
        let n = relations.len();
        let page = usize::from(layout::body(self.size).height).max(1);
        // Only moving the cursor brings the selected relation into view; scrolling, `g` and a
        // newly followed item must be able to show the text above it.
        let follow_cursor = !matches!(
            action,
            Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::First
                | Action::Open
        );
        match action {
            Action::Down if n > 0 => d.cursor = (d.cursor + 1).min(n - 1),
            Action::Up if n > 0 => d.cursor = d.cursor.saturating_sub(1),
            Action::Down => d.scroll += 1,
            Action::Up => d.scroll = d.scroll.saturating_sub(1),
            Action::First => {
                d.cursor = 0;
                d.scroll = 0;
            }
            Action::Last => {
                d.cursor = n.saturating_sub(1);
                d.scroll = usize::MAX;
            }
            Action::PageDown => d.scroll = d.scroll.saturating_add(page),
            Action::PageUp => d.scroll = d.scroll.saturating_sub(page),
            Action::HalfPageDown => d.scroll = d.scroll.saturating_add(page / 2),
            Action::HalfPageUp => d.scroll = d.scroll.saturating_sub(page / 2),
            Action::Open => match relations.get(d.cursor) {
                Some(Relation::AnsweredBy(r) | Relation::Answers(r)) => {
                    d.history.push((d.item, d.cursor));
                    d.item = *r;
                    d.cursor = 0;
                    d.scroll = 0;
                    self.reveal(*r);
                }
                Some(Relation::Pair(p)) => {
                    let side = match self.doc.relations.pairs.get(*p) {
                        Some(pair) if pair.right == d.item => Side::Left,
                        _ => Side::Right,
                    };
                    self.open_pairs_at(*p, side);
                    return;
                }
                None => self.message = Some("nothing to follow: this item has no relations".into()),
            },
            Action::HistoryBack => match d.history.pop() {
                Some((item, cursor)) => {
                    d.item = item;
                    d.cursor = cursor;
                    d.scroll = 0;
                    self.reveal(item);
                }
                None => {
                    self.stack.pop();
                    return;
                }
            },
            Action::ToggleContradictions => {
                self.open_pairs_for(Some(d.item));
                return;
            }
            _ => return,
        }
        self.set_detail(d, follow_cursor);
    }

    /// Clamps the detail's scroll to its lines and, when `follow_cursor`, so the selected relation
    /// is in view. Uses the detail's line layout (a pure function of the state and width).
    fn keep_detail_in_view(&mut self, follow_cursor: bool) {
        let Some(Screen::Detail(d)) = self.stack.last() else {
            return;
        };
        let area = layout::body(self.size);
        let view = crate::ui::detail::layout(self, d, area.width);
        let height = usize::from(area.height.saturating_sub(2)).max(1);
        let max_scroll = view.lines.len().saturating_sub(height);
        let mut scroll = d.scroll.min(max_scroll);
        if let Some(&line) = view.relation_lines.get(d.cursor).filter(|_| follow_cursor) {
            if line < scroll {
                scroll = line;
            } else if line >= scroll + height {
                scroll = line + 1 - height;
            }
        }
        if let Some(Screen::Detail(d)) = self.stack.last_mut() {
            d.scroll = scroll;
        }
    }

    /// Scrolls the detail so that the line of the current search match is in view.
    fn keep_detail_match_in_view(&mut self) {
        let Some(Screen::Detail(d)) = self.stack.last() else {
            return;
        };
        let area = layout::body(self.size);
        let view = crate::ui::detail::layout(self, d, area.width);
        let Some(line) = view.match_line else {
            return;
        };
        let height = usize::from(area.height.saturating_sub(2)).max(1);
        let max_scroll = view.lines.len().saturating_sub(height);
        let mut scroll = d.scroll;
        if line < scroll || line >= scroll + height {
            // Out of view: to the middle, as vim does, so the lines around it show too.
            scroll = line.saturating_sub(height / 2).min(max_scroll);
        }
        if let Some(Screen::Detail(d)) = self.stack.last_mut() {
            d.scroll = scroll;
        }
    }

    // ---- contradictions ----

    /// Opens the contradictions view at the first pair `item` is in (or the first pair).
    fn open_pairs_for(&mut self, item: Option<ItemRef>) {
        let pairs = &self.doc.relations;
        let (index, side) =
            match item.and_then(|r| pairs.pairs_of(r).first().map(|&p| (r, p as usize))) {
                Some((r, p)) => {
                    let side = if pairs.pairs.get(p).is_some_and(|pair| pair.right == r) {
                        Side::Right
                    } else {
                        Side::Left
                    };
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

    fn update_pairs(&mut self, action: Action, mut p: PairsState) {
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
                p.side = if p.side == Side::Left {
                    Side::Right
                } else {
                    Side::Left
                };
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
                let r = if p.side == Side::Left {
                    pair.left
                } else {
                    pair.right
                };
                self.reveal(r);
                self.open_detail(r);
                return;
            }
            Action::Click(x, y) => {
                if let Some(hit) = crate::ui::contradictions::hit(self, p, x, y) {
                    p = hit;
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
