//! The outer state machine: the library of briefings and the reader over the open one. Routes each
//! action to the list or the reader, opens and closes briefings, and takes in what background
//! loading and live reload deliver. Side effects it needs (load a file, run the editor) are queued
//! as [`Request`]s for the event loop, so this stays plain data.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use ratatui::layout::Rect;

use super::keymap::{self, Mode};
use super::library::{absolute, Library};
use super::libsearch::LibSearch;
use super::prompt::{self, Edit};
use super::{scroll_overlay, scroll_step, Action, App};
use crate::briefing::summary::Summary;
use crate::briefing::{Document, Failure, Opened};
use crate::view::layout;
use crate::view::overlay::{help_max_scroll, report_max_scroll};
use crate::view::scroll::{Scroll, Step};

/// Something only the event loop can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Load (or reload) a file in the background.
    Load(PathBuf),
    /// Parse a file the index gave as a row, to hold it parsed (the library is small enough):
    /// in the background, and without writing it to the index again.
    Parse(PathBuf),
    /// A file of the library is gone: the index forgets it (by its absolute path).
    Forget(PathBuf),
    /// Suspend the reader and edit `path` at `line`.
    Edit { path: PathBuf, line: u32 },
    /// Give the terminal back and stop the process, as a shell job; come back on `fg`.
    Suspend,
    /// Write the note on `item` of the open briefing in an editor, starting from `text`.
    EditNote { item: String, text: String },
    /// Put `text` on the terminal's clipboard with OSC 52; `what` names it for the status bar.
    Copy { what: &'static str, text: String },
    /// Open `url` in the browser (checked and run by [`crate::opener`]).
    OpenUrl(String),
}

#[derive(Debug)]
pub struct Shell {
    pub(crate) library: Library,
    /// Whether there is a list to go back to (more than one briefing was given).
    pub(crate) has_list: bool,
    pub(crate) reader: Option<App>,
    /// The entry the reader shows.
    pub(crate) open_entry: Option<usize>,
    /// A failed entry's diagnostics on screen: (entry, scroll).
    pub(crate) diagnostics: Option<(usize, usize)>,
    pub(crate) size: Rect,
    /// The help overlay over the list, with its scroll.
    pub(crate) help: Option<usize>,
    pub(crate) message: Option<String>,
    pub(crate) quit: bool,
    pub(crate) requests: Vec<Request>,
    /// The library's search, when one is active.
    pub(crate) search: Option<LibSearch>,
    /// Queries of this session, for ↑/↓ in any prompt (lent to the reader while it is open).
    pub(crate) history: Vec<String>,
    /// The reading-state store; None with `--no-state` or when it cannot be used.
    pub(crate) store: Option<crate::state::Store>,
    /// The open briefing's id in the store.
    pub(crate) state_id: Option<i64>,
    /// The library's order before `D` sorted it by changes since last read.
    pub(crate) sort_before: Option<super::library::Sort>,
    /// The library's `&` prompt, while it is open.
    pub(crate) filter_prompt: Option<super::narrow::FilterPrompt>,
    /// Filters of this session, for ↑/↓ in the `&` prompt (lent to the reader while it is open).
    pub(crate) filters: Vec<String>,
    /// The file names of the briefings the store saw something of (read once, again after a
    /// briefing is opened): see [`Shell::count_changes`].
    pub(crate) seen_names: Option<std::collections::HashSet<std::ffi::OsString>>,
    /// Briefings held as rows to parse once every file is listed, if the library fits its
    /// budget (see [`Shell::on_rows`]).
    parse_later: Vec<PathBuf>,
    /// A filter given at the `&` prompt that reads the files of briefings held as rows: put in
    /// force by the next [`Shell::collect`] (or key), once a frame has said it is coming.
    filter_due: Option<crate::briefing::filter::Filter>,
    /// The files `R` asked to load again, until each is back: then a message says they are.
    reloading: Option<Reloading>,
}

/// What `R` in the library waits for: the files not back yet (by key), how many were asked
/// for, and how many came back with an error.
#[derive(Debug)]
struct Reloading {
    waiting: std::collections::HashSet<PathBuf>,
    asked: usize,
    failed: usize,
}

impl Shell {
    /// A library over `paths`, all queued for background loading.
    pub fn new(paths: Vec<PathBuf>, size: Rect) -> Shell {
        let requests = paths.iter().cloned().map(Request::Load).collect();
        let has_list = paths.len() > 1;
        Shell {
            library: Library::new(paths),
            has_list,
            reader: None,
            open_entry: None,
            diagnostics: None,
            size,
            help: None,
            message: None,
            quit: false,
            requests,
            parse_later: Vec::new(),
            filter_due: None,
            reloading: None,
            search: None,
            history: Vec::new(),
            store: None,
            state_id: None,
            sort_before: None,
            filter_prompt: None,
            filters: Vec::new(),
            seen_names: None,
        }
    }

    /// Lists the library in `sort`'s order (`library.sort` in the config file).
    pub fn sort_library(&mut self, sort: super::library::Sort) {
        self.library.set_sort(sort);
    }

    /// Briefings already loaded (the built-in examples): a list, nothing to load.
    pub fn preloaded(opened: Vec<Opened>, size: Rect) -> Shell {
        let paths: Vec<PathBuf> = opened.iter().map(opened_path).collect();
        let mut shell = Shell::new(paths, size);
        shell.requests.clear();
        for o in opened {
            shell.on_loaded(o);
        }
        shell
    }

    /// One briefing, straight into the reader; its file is still watched and reloadable.
    pub fn single(doc: Document, size: Rect) -> Shell {
        let path = doc.shown_path();
        let mut shell = Shell::new(vec![path.clone()], size);
        shell.requests.clear();
        let i = shell.library.loaded(&absolute(&path), path, Ok(doc));
        shell.open(i);
        shell
    }

    /// Shows a message in whichever status bar is on screen.
    pub fn report(&mut self, message: String) {
        match self.reader.as_mut() {
            Some(app) => app.message = Some(message),
            None => self.message = Some(message),
        }
    }

    /// Drops the open reader's wrapped texts (benchmarks time a cold resize).
    #[doc(hidden)]
    pub fn forget_wraps(&mut self) {
        if let Some(app) = self.reader.as_mut() {
            app.forget_wraps();
        }
    }

    /// The URLs the open briefing may show, for the terminal to link; none in the library.
    pub fn urls(&self) -> Vec<&str> {
        self.reader.as_ref().map_or_else(Vec::new, App::urls)
    }

    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            return Mode::Help;
        }
        match &self.reader {
            Some(app) => app.mode(),
            None if self.search.as_ref().is_some_and(|s| s.prompt.is_some()) => Mode::Prompt,
            None if self.filter_prompt.is_some() => Mode::Prompt,
            None => Mode::Library,
        }
    }

    /// Feeds a key sequence through the key table, as typing would (tests, benchmarks).
    pub fn press(&mut self, seq: &str) {
        for key in keymap::parse_sequence(seq) {
            if let Some(action) = keymap::lookup(self.mode(), key) {
                self.update(action);
            }
        }
    }

    fn list_height(&self) -> usize {
        usize::from(layout::body(self.size).height.saturating_sub(2)).max(1)
    }

    /// The furthest a failed entry's diagnostics scroll at the current size.
    fn diagnostics_max_scroll(&self, entry: usize) -> usize {
        self.library
            .entries
            .get(entry)
            .and_then(|e| e.error.as_ref())
            .map_or(0, |f| report_max_scroll(f, layout::body(self.size)))
    }

    pub fn update(&mut self, action: Action) {
        // A key typed after Enter at the `&` prompt acts on the list the filter leaves.
        self.apply_due_filter();
        if let Action::Resize(w, h) = action {
            self.size = Rect::new(0, 0, w, h);
            let height = self.list_height();
            self.library.keep_in_view(height);
            if let Some((entry, scroll)) = self.diagnostics {
                let max = self.diagnostics_max_scroll(entry);
                self.diagnostics = Some((entry, scroll.min(max)));
            }
        }
        if matches!(action, Action::Quit) {
            self.leave_open();
            self.quit = true;
            return;
        }
        // Nothing changes: the reader comes back exactly as it was left, a half-typed query too.
        if matches!(action, Action::Suspend) {
            self.requests.push(Request::Suspend);
            return;
        }
        if let Some(app) = self.reader.as_mut() {
            let at_base = app.stack.is_empty()
                && app.help.is_none()
                && app.info.is_none()
                && app.search.is_none()
                && app.marked.is_none();
            match action {
                Action::NextBriefing => self.open_step(1),
                Action::PrevBriefing => self.open_step(-1),
                Action::Reload => self.reload_open(),
                Action::Edit => self.edit_open(),
                Action::Back if at_base && self.has_list => self.close_reader(),
                _ => {
                    app.update(action);
                    match app.take_act() {
                        Some(super::acting::Act::Copy { what, text }) => {
                            self.requests.push(Request::Copy { what, text })
                        }
                        Some(super::acting::Act::Open { url }) => {
                            self.requests.push(Request::OpenUrl(url))
                        }
                        None => {}
                    }
                    if app.quit {
                        self.leave_open();
                        self.quit = true;
                    } else {
                        self.flush_writes();
                    }
                }
            }
            return;
        }
        self.message = None;
        if self.filter_prompt.is_some() {
            self.update_filter_prompt(action);
            return;
        }
        if self.search.as_ref().is_some_and(|s| s.prompt.is_some()) {
            self.update_prompt(action);
            return;
        }
        if self.help.is_some() {
            // The same overlay as the reader's help, scrolled the same way.
            self.help = if action == Action::ToggleHelp {
                None
            } else {
                let max = help_max_scroll(&keymap::help_groups(Mode::Library), self.size);
                scroll_overlay(self.help, action, self.size, max)
            };
            return;
        }
        if let Some((entry, scroll)) = self.diagnostics {
            // Scrolls like `less`: a page is the lines shown, and the last line stops at the
            // bottom.
            let max = self.diagnostics_max_scroll(entry);
            let step = match action {
                Action::Back | Action::Open => {
                    self.diagnostics = None;
                    return;
                }
                Action::Scroll(_, _, dir) if dir > 0 => Some(Step::Down(1)),
                Action::Scroll(..) => Some(Step::Up(1)),
                Action::Edit => {
                    self.edit_entry(entry);
                    None
                }
                _ => scroll_step(action, self.list_height()),
            };
            let to = step.map_or(Scroll::at(scroll), |s| Scroll::at(scroll).step(s, max));
            self.diagnostics = Some((entry, to.clamp(max).offset));
            return;
        }
        let page = self.list_height();
        match action {
            Action::SearchStart => {
                let previous = self.search.take().map(Box::new);
                let regex = previous.as_ref().is_some_and(|s| s.query.regex);
                let mut s = LibSearch {
                    prompt: Some(self.library.selected),
                    previous,
                    ..LibSearch::default()
                };
                s.query.regex = regex;
                self.search = Some(s);
            }
            Action::SearchNext | Action::SearchPrev => {
                self.step_search(action == Action::SearchNext)
            }
            Action::FilterStart => {
                self.filter_prompt = Some(super::narrow::FilterPrompt::default());
            }
            Action::Back if self.search.is_some() => {
                self.search = None;
                self.message = Some("search cleared".into());
            }
            Action::ToggleHelp => self.help = Some(0),
            Action::ToggleChanges => {
                let (sort, said) = match self.sort_before.take() {
                    Some(before) => (before, format!("sorted by {}", before.name())),
                    None => {
                        self.sort_before = Some(self.library.sort);
                        let said = if self.store.is_some() {
                            "sorted by changes since last read (D again: back)"
                        } else {
                            "no reading state this run: nothing to sort by"
                        };
                        (super::library::Sort::Changed, said.to_string())
                    }
                };
                self.library.set_sort(sort);
                self.message = Some(said);
            }
            Action::Down => self.library.step(1),
            Action::Up => self.library.step(-1),
            Action::First => self.library.select_pos(0),
            Action::Last => self.library.select_pos(usize::MAX),
            Action::PageDown => self.library.step(page as isize),
            Action::PageUp => self.library.step(-(page as isize)),
            Action::HalfPageDown => self.library.step((page / 2).max(1) as isize),
            Action::HalfPageUp => self.library.step(-((page / 2).max(1) as isize)),
            Action::Open => {
                if let Some(i) = self.library.selected_entry() {
                    self.open(i);
                }
            }
            Action::Reload => {
                for e in &self.library.entries {
                    self.requests.push(Request::Load(e.path.clone()));
                }
                let waiting: std::collections::HashSet<PathBuf> =
                    self.library.entries.iter().map(|e| e.key.clone()).collect();
                self.message = Some(format!(
                    "reloading {}…",
                    crate::text::count(waiting.len(), "file")
                ));
                self.reloading = (!waiting.is_empty()).then(|| Reloading {
                    asked: waiting.len(),
                    waiting,
                    failed: 0,
                });
            }
            Action::Edit => {
                if let Some(i) = self.library.selected_entry() {
                    self.edit_entry(i);
                }
            }
            Action::Click(_, y) => {
                let body = layout::body(self.size);
                if y > body.y && y < body.bottom().saturating_sub(1) {
                    let pos = self.library.top + usize::from(y - body.y - 1);
                    if pos < self.library.order.len() {
                        if pos == self.library.selected {
                            self.update(Action::Open);
                            return;
                        }
                        self.library.select_pos(pos);
                    }
                }
            }
            Action::Scroll(_, _, dir) => self.library.step(isize::from(dir)),
            _ => {}
        }
        self.library.keep_in_view(page);
    }

    fn update_prompt(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        let screen = self.list_height();
        let Some(s) = self.search.as_mut() else {
            return;
        };
        match prompt::edit(&mut s.query, &mut s.recall, &self.history, action) {
            Edit::Changed => {}
            Edit::Accept => {
                // What Enter keeps (the first match, the count) is of every briefing.
                s.finish(&self.library);
                if s.current.is_none() {
                    s.current = s.first_from(&self.library, s.prompt.unwrap_or(0));
                    if let Some(pos) = s
                        .current
                        .and_then(|k| s.entry_of(k))
                        .and_then(|e| self.library.order.iter().position(|&x| x == e))
                    {
                        self.library.select_pos(pos);
                    }
                }
                s.prompt = None;
                s.previous = None;
                let pattern = s.query.pattern.clone();
                if pattern.is_empty() {
                    self.search = None;
                    return;
                }
                if s.error.is_none() && s.total == 0 {
                    self.message = Some(format!("no match for \"{pattern}\""));
                }
                prompt::remember(&mut self.history, &pattern);
                return;
            }
            Edit::Cancel => {
                self.cancel_search();
                return;
            }
            Edit::Ignored => return,
        }
        // Every keystroke searches again from where `/` was pressed.
        let from = s.prompt.unwrap_or(0);
        s.run(&self.library, screen);
        let first = s.first_from(&self.library, from);
        s.current = first;
        self.library.select_pos(from);
        if let Some(e) = first.and_then(|k| s.entry_of(k)) {
            if let Some(pos) = self.library.order.iter().position(|&x| x == e) {
                self.library.select_pos(pos);
            }
        }
        let page = self.list_height();
        self.library.keep_in_view(page);
    }

    /// A key at the library's `&` prompt: Enter puts the filter in force over the list.
    fn update_filter_prompt(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        let Some(p) = self.filter_prompt.as_mut() else {
            return;
        };
        match super::narrow::edit(p, &mut self.filters, action) {
            super::narrow::Step::Open => {
                if p.preview.is_none() && p.error.is_none() {
                    // Item terms over briefings held as rows read each from its file: worth
                    // doing once, on Enter, not on every key.
                    p.preview = crate::briefing::filter::Filter::parse(&p.text.pattern)
                        .ok()
                        .filter(|f| f.on_briefing_only() || self.library.all_parsed())
                        .map(|f| (self.library.count_passing(&f), self.library.total()));
                }
            }
            super::narrow::Step::Cancel => self.filter_prompt = None,
            super::narrow::Step::Apply(f) => {
                self.filter_prompt = None;
                match f {
                    // Seconds over a big library: a frame says so first (see `filter_due`).
                    Some(f) if !f.on_briefing_only() && !self.library.all_parsed() => {
                        self.message = Some(format!(
                            "filtering {} briefings: reading their files…",
                            crate::text::thousands(self.library.total())
                        ));
                        self.filter_due = Some(f);
                    }
                    f => self.apply_filter(f),
                }
            }
        }
    }

    /// Puts a filter the `&` prompt gave in force, once its notice has been drawn.
    fn apply_due_filter(&mut self) -> bool {
        let due = self.filter_due.take();
        let any = due.is_some();
        if any {
            self.apply_filter(due);
        }
        any
    }

    /// Puts `f` in force over the list (None: no filter).
    fn apply_filter(&mut self, f: Option<crate::briefing::filter::Filter>) {
        let cleared = f.is_none() && self.library.filter.is_some();
        self.library.set_filter(f);
        // The search counts the briefings listed.
        let screen = self.list_height();
        if let Some(s) = self.search.as_mut() {
            s.run(&self.library, screen);
        }
        self.message = match (&self.library.filter, self.library.filter_notice()) {
            (Some(f), _) if self.library.order.is_empty() => {
                Some(format!("no briefings match {} · & to change", f.text()))
            }
            // The list's title and the bar's badge say what it keeps.
            (Some(_), _) => None,
            (None, _) if cleared => Some("filter cleared".into()),
            (None, _) => None,
        };
        let page = self.list_height();
        self.library.keep_in_view(page);
    }

    /// Puts back the selection and the search kept before `/` was pressed.
    fn cancel_search(&mut self) {
        if let Some(s) = self.search.take() {
            if let Some(from) = s.prompt {
                self.library.select_pos(from);
            }
            self.search = s.previous.map(|p| *p);
        }
    }

    fn step_search(&mut self, forward: bool) {
        let Some(s) = self.search.as_mut() else {
            self.message = Some("no search yet: press / to search".into());
            return;
        };
        s.finish(&self.library);
        if s.total == 0 {
            self.message = Some(format!("no match for \"{}\"", s.query.pattern));
            return;
        }
        // Moved off the current match's briefing: on from the selection, as less goes on from
        // where it is.
        let selected = self.library.selected_entry();
        if s.current.and_then(|k| s.entry_of(k)) != selected {
            s.current = None;
        }
        let (next, wrapped) = match (s.current, forward) {
            // No current match (its briefing changed or left): from the selection, as less
            // goes on from the screen it shows.
            (None, true) => (
                s.first_from(&self.library, self.library.selected)
                    .unwrap_or(0),
                false,
            ),
            (None, false) => match s.first_from(&self.library, self.library.selected) {
                Some(0) | None => (s.total - 1, false),
                Some(k) => (k - 1, false),
            },
            (Some(k), true) if k + 1 < s.total => (k + 1, false),
            (Some(_), true) => (0, true),
            (Some(0), false) => (s.total - 1, true),
            (Some(k), false) => (k - 1, false),
        };
        s.current = Some(next);
        if let Some(e) = s.entry_of(next) {
            if let Some(pos) = self.library.order.iter().position(|&x| x == e) {
                self.library.select_pos(pos);
            }
        }
        if wrapped {
            self.message = Some("search wrapped".into());
        }
    }

    /// Opens entry `i`: the reader for a briefing, the diagnostics for a file that fails.
    pub fn open(&mut self, i: usize) {
        self.leave_open();
        let (history, filters) = match self.reader.take() {
            Some(app) => (app.history, app.filters),
            None => (
                std::mem::take(&mut self.history),
                std::mem::take(&mut self.filters),
            ),
        };
        let query = self.search.as_ref().map(|s| s.query.clone());
        // A briefing held as a row is read from its file now; if that fails, the file is
        // shown as the failure it has become.
        let held = self
            .library
            .entries
            .get(i)
            .map(|e| (e.doc.is_some(), e.row.is_some()));
        if held == Some((false, true)) {
            self.read_held(i);
        }
        let Some(entry) = self.library.entries.get(i) else {
            self.history = history;
            self.filters = filters;
            return;
        };
        match (&entry.doc, &entry.error) {
            (Some(doc), error) => {
                let mut app = App::new(Rc::clone(doc), self.size);
                app.history = history;
                app.filters = filters;
                if let Some(q) = query.filter(|q| !q.pattern.is_empty()) {
                    app.carry_search(q);
                }
                app.file_error = error
                    .as_ref()
                    .map(|f| format!("{}: {}", entry.name(), f.first()));
                self.reader = Some(app);
                self.open_entry = Some(i);
                if let Some(pos) = self.library.order.iter().position(|&x| x == i) {
                    self.library.select_pos(pos);
                }
                self.attach_state();
            }
            (None, Some(_)) => {
                self.history = history;
                self.filters = filters;
                self.diagnostics = Some((i, 0));
            }
            (None, None) => {
                self.history = history;
                self.filters = filters;
                self.message = Some(format!("{} is still loading", entry.name()));
            }
        }
    }

    fn close_reader(&mut self) {
        self.leave_open();
        if let Some(i) = self.open_entry {
            self.library.release(i);
        }
        if let Some(app) = self.reader.take() {
            self.history = app.history;
            self.filters = app.filters;
        }
        self.open_entry = None;
        let page = self.list_height();
        self.library.keep_in_view(page);
    }

    /// `J`/`K`: the next or previous briefing in list order that loaded, without the list.
    fn open_step(&mut self, delta: isize) {
        let Some(open) = self.open_entry else { return };
        let order = &self.library.order;
        let Some(pos) = order.iter().position(|&i| i == open) else {
            return;
        };
        let mut p = pos as isize + delta;
        while let Some(&i) = usize::try_from(p).ok().and_then(|p| order.get(p)) {
            if self.library.is_briefing(i) {
                self.open(i);
                return;
            }
            p += delta;
        }
        // Files that do not load (yet) sort after the briefings: say they are there, so the end
        // of J is not taken for the end of the list.
        let beyond: Vec<usize> = if delta > 0 {
            order.iter().skip(pos + 1).copied().collect()
        } else {
            order.iter().take(pos).copied().collect()
        };
        let (mut failed, mut loading) = (0, 0);
        for e in beyond.iter().filter_map(|&i| self.library.entries.get(i)) {
            if e.error.is_some() {
                failed += 1;
            } else if e.loading {
                loading += 1;
            }
        }
        let (end, side) = if delta > 0 {
            ("last", "after")
        } else {
            ("first", "before")
        };
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let mut rest = Vec::new();
        if failed > 0 {
            rest.push(format!("{failed} {} with errors", files(failed)));
        }
        if loading > 0 {
            rest.push(format!("{loading} still loading"));
        }
        let message = if rest.is_empty() {
            format!("this is the {end} briefing")
        } else {
            format!("no briefing loads {side} this one: {}", rest.join(", "))
        };
        if let Some(app) = self.reader.as_mut() {
            app.message = Some(message);
        }
    }

    fn reload_open(&mut self) {
        if let Some(e) = self.open_entry.and_then(|i| self.library.entries.get(i)) {
            self.requests.push(Request::Load(e.path.clone()));
            if let Some(app) = self.reader.as_mut() {
                app.message = Some(format!("reloading {}", e.name()));
            }
        }
    }

    fn edit_open(&mut self) {
        let (Some(i), Some(app)) = (self.open_entry, self.reader.as_ref()) else {
            return;
        };
        let line = app.edit_line();
        if let Some(e) = self.library.entries.get(i) {
            if app.doc.path.is_none() {
                if let Some(app) = self.reader.as_mut() {
                    app.message =
                        Some("this example is built into brief; open a file to edit it".into());
                }
                return;
            }
            self.requests.push(Request::Edit {
                path: e.path.clone(),
                line,
            });
        }
    }

    fn edit_entry(&mut self, i: usize) {
        let Some(e) = self.library.entries.get(i) else {
            return;
        };
        if e.doc.as_ref().is_some_and(|d| d.path.is_none()) {
            self.message = Some("this example is built into brief; open a file to edit it".into());
            return;
        }
        let line = e
            .error
            .as_ref()
            .and_then(|f| f.diagnostics.first())
            .map_or(1, |d| d.pos.line.max(1));
        self.requests.push(Request::Edit {
            path: e.path.clone(),
            line,
        });
    }

    /// Whether the open briefing has work on a thread of its own (two long texts being
    /// compared): the event loop then looks for its end more often.
    pub fn busy(&self) -> bool {
        self.filter_due.is_some()
            || self.reader.as_ref().is_some_and(|app| app.doc.comparing())
            || self.search.as_ref().is_some_and(LibSearch::counting)
    }

    /// Takes in what that work made, and counts more of the library's search; returns whether
    /// there was any (the screen draws again).
    pub fn collect(&mut self) -> bool {
        if self.apply_due_filter() {
            return true;
        }
        let compared = self
            .reader
            .as_ref()
            .is_some_and(|app| app.doc.collect_comparisons());
        let Some(s) = self.search.as_mut() else {
            return compared;
        };
        if !s.step(&self.library, std::time::Duration::from_millis(15)) {
            return compared;
        }
        self.follow_typed_search(false);
        true
    }

    /// While typing, the selection goes to the first match from where `/` was pressed as soon
    /// as one is counted; with `again`, to the first match again (the rows arriving while the
    /// list loads reorder it: the match chosen first may end far down, off screen).
    fn follow_typed_search(&mut self, again: bool) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        if let (Some(from), true, None) = (s.prompt, s.current.is_none() || again, &self.reader) {
            s.current = s.first_from(&self.library, from);
            if let Some(pos) = s
                .current
                .and_then(|k| s.entry_of(k))
                .and_then(|e| self.library.order.iter().position(|&x| x == e))
            {
                self.library.select_pos(pos);
                let page = self.list_height();
                self.library.keep_in_view(page);
            }
        }
    }

    /// Counts the library's search to the end (tests, benchmarks: what the event loop does
    /// between frames).
    pub fn finish_search(&mut self) {
        if let Some(s) = self.search.as_mut() {
            s.finish(&self.library);
        }
    }

    /// Takes in a finished load.
    pub fn on_loaded(&mut self, opened: Opened) {
        self.take_in(opened);
        self.settle();
    }

    /// Takes in finished loads, as many as are ready: the list of search hits is put in order
    /// once for all of them. Returns whether there were any.
    pub fn on_loaded_all(&mut self, loads: impl IntoIterator<Item = Opened>) -> bool {
        let loading = self.library.pending > 0;
        let mut any = false;
        for opened in loads {
            self.take_in(opened);
            any = true;
        }
        self.settle();
        if any && loading {
            self.follow_typed_search(true);
        }
        self.parse_if_fits();
        any
    }

    /// Once every file is listed, asks for the briefings held as rows within the budget to be
    /// parsed; none when the library turned out bigger than the budget.
    fn parse_if_fits(&mut self) {
        if self.library.over_budget() {
            self.parse_later.clear();
        } else if self.library.pending == 0 && !self.parse_later.is_empty() {
            let paths = std::mem::take(&mut self.parse_later);
            self.requests.extend(paths.into_iter().map(Request::Parse));
        }
    }

    /// Files found as they were indexed, taken in as their rows (the path as given, the row,
    /// the file's size).
    pub fn on_rows(&mut self, rows: Vec<(PathBuf, Summary, u64)>) -> bool {
        if rows.is_empty() {
            return false;
        }
        let loading = self.library.pending > 0;
        let sizes: Vec<u64> = rows.iter().map(|(_, _, size)| *size).collect();
        let placed = self
            .library
            .rows_loaded(rows.into_iter().map(|(p, r, _)| (p, r)).collect());
        // A library that fits the budget is held parsed, as without an index: its rows show at
        // once, its briefings are parsed behind them once every file is listed (and the
        // library is known to fit).
        for (&i, &size) in placed.iter().zip(&sizes) {
            if self.library.keep(i, size, self.open_entry) {
                if let Some(e) = self.library.entries.get(i) {
                    self.parse_later.push(e.path.clone());
                }
            }
        }
        self.parse_if_fits();
        if let Some(s) = self.search.as_mut() {
            s.rows_loaded(&self.library, &placed);
        }
        if loading {
            self.follow_typed_search(true);
        }
        // The selection, kept on its briefing as the rows move it, stays in view.
        let page = self.list_height();
        self.library.keep_in_view(page);
        for &i in &placed {
            if let Some((key, failed)) = self
                .library
                .entries
                .get(i)
                .map(|e| (e.key.clone(), e.error.is_some()))
            {
                self.reloaded(&key, failed);
            }
            self.count_changes(i);
            if self.open_entry == Some(i) {
                // The file is back as it was indexed: the reader shows that version.
                if let Some(doc) = self.library.doc(i) {
                    if let Some(app) = self.reader.as_mut() {
                        app.file_error = None;
                        app.replace_doc(Rc::clone(&doc));
                    }
                    if let Some(e) = self.library.entries.get_mut(i) {
                        e.doc = Some(doc);
                    }
                }
            }
        }
        true
    }

    /// The index recorded these files (absolute path, size): the library may let go of their
    /// documents.
    pub fn on_indexed(&mut self, files: &[(PathBuf, u64)]) {
        self.library.indexed(files, self.open_entry);
    }

    /// Searches the briefings held as rows through the library's index; the library keeps
    /// [`super::library::BUDGET`] bytes of files parsed, and lets go of the rest once indexed.
    pub fn use_index(&mut self, reader: Option<crate::state::index::Reader>, max_size: u64) {
        self.library.max_size = max_size;
        self.library.budget = reader.is_some().then_some(super::library::BUDGET);
        self.library.index = reader.map(Rc::new);
    }

    /// Lets go of the index's reading connection (on the way out).
    pub fn close_index(&mut self) {
        self.library.index = None;
    }

    /// Reads entry `i`, held as a row, from its file: the library holds it while it is open.
    fn read_held(&mut self, i: usize) {
        let Some(path) = self.library.entries.get(i).map(|e| e.path.clone()) else {
            return;
        };
        let max = self.library.max_size;
        match crate::briefing::document::load_file(
            &path,
            max,
            crate::briefing::load::Accept::Regular,
        ) {
            Ok(doc) => {
                let doc = Rc::new(doc);
                if let Some(e) = self.library.entries.get_mut(i) {
                    e.doc = Some(doc);
                    e.transient = true;
                }
            }
            Err(f) => {
                if let Some(e) = self.library.entries.get_mut(i) {
                    e.error = Some(f);
                }
            }
        }
    }

    fn settle(&mut self) {
        if let Some(s) = self.search.as_mut() {
            s.settle(&self.library);
        }
    }

    /// The file at `key` is back (with an error if `failed`): once every file `R` asked for
    /// is, the message says so, in place of `reloading N files…` or whatever came after it.
    fn reloaded(&mut self, key: &Path, failed: bool) {
        let Some(r) = self.reloading.as_mut() else {
            return;
        };
        if !r.waiting.remove(key) {
            return;
        }
        r.failed += usize::from(failed);
        if r.waiting.is_empty() {
            let files = crate::text::count(r.asked, "file");
            self.message = Some(match r.failed {
                0 => format!("reloaded {files}"),
                n => format!("reloaded {files}: {n} with errors"),
            });
            self.reloading = None;
        }
    }

    fn take_in(&mut self, opened: Opened) {
        let shown = opened_path(&opened);
        let key = absolute(&shown);
        let result = opened.map(|doc| *doc);
        let failed_msg = result.as_ref().err().map(Failure::first);
        self.reloaded(&key, failed_msg.is_some());
        let i = self.library.loaded(&key, shown, result);
        if let Some(s) = self.search.as_mut() {
            s.loaded_later(&self.library, i);
        }
        self.count_changes(i);
        if let Some(entry) = self
            .library
            .entries
            .get(i)
            .filter(|_| self.open_entry == Some(i))
        {
            if let Some(app) = self.reader.as_mut() {
                match failed_msg {
                    Some(msg) => {
                        app.file_error = Some(format!(
                            "{}: {msg} (showing the last good version)",
                            entry.name()
                        ))
                    }
                    None => {
                        app.file_error = None;
                        if let Some(doc) = &entry.doc {
                            app.replace_doc(Rc::clone(doc));
                            app.message = Some(format!("reloaded {}", entry.name()));
                        }
                    }
                }
            }
        }
        if let Some((d, _)) = self.diagnostics {
            if d == i
                && self
                    .library
                    .entries
                    .get(i)
                    .is_some_and(|e| e.error.is_none())
            {
                self.diagnostics = None;
            }
        }
        let page = self.list_height();
        self.library.keep_in_view(page);
    }

    /// A watched file changed, appeared or disappeared.
    pub fn on_changed(&mut self, key: PathBuf) {
        // A folder gone (removed, moved out, renamed): every entry below it goes, together.
        if !key.exists() && self.library.find(&key).is_none() {
            let below: Vec<PathBuf> = self
                .library
                .entries
                .iter()
                .filter(|e| e.key != key && e.key.starts_with(&key) && !e.key.exists())
                .map(|e| e.key.clone())
                .collect();
            self.remove_all(&below);
            return;
        }
        if key.exists() {
            let shown = self
                .library
                .find(&key)
                .and_then(|i| self.library.entries.get(i))
                .map_or(key.clone(), |e| e.path.clone());
            self.requests.push(Request::Load(shown));
        } else {
            self.remove_all(std::slice::from_ref(&key));
        }
    }
}

impl Shell {
    /// Files and folders that changed together (the watcher's settled batch): the files gone
    /// leave in one pass (an `rm -rf` of a folder of 5,000 files was 5,000 sorts of the list),
    /// each of the rest as [`Shell::on_changed`].
    pub fn on_changed_all(&mut self, keys: Vec<PathBuf>) {
        let (gone, rest): (Vec<PathBuf>, Vec<PathBuf>) = keys
            .into_iter()
            .partition(|k| !k.exists() && self.library.find(k).is_some());
        self.remove_all(&gone);
        for k in rest {
            self.on_changed(k);
        }
    }

    /// Entries whose files are gone together leave in one pass ([`Library::remove_many`]).
    fn remove_all(&mut self, keys: &[PathBuf]) {
        let gone = self.library.remove_many(keys);
        if gone.is_empty() {
            return;
        }
        if self.library.budget.is_some() {
            for k in keys {
                self.requests.push(Request::Forget(k.clone()));
            }
        }
        if let Some(s) = self.search.as_mut() {
            s.removed_many(&self.library, &gone);
        }
        let shift = |i: usize| i - gone.partition_point(|&g| g < i);
        match self.open_entry {
            Some(o) if gone.binary_search(&o).is_ok() => {
                if let Some(app) = self.reader.as_mut() {
                    app.file_error = Some("the file was deleted (showing the last version)".into());
                }
                self.open_entry = None;
            }
            Some(o) => self.open_entry = Some(shift(o)),
            None => {}
        }
        self.diagnostics = match self.diagnostics {
            Some((d, _)) if gone.binary_search(&d).is_ok() => None,
            Some((d, scroll)) => Some((shift(d), scroll)),
            None => None,
        };
    }
}

fn opened_path(o: &Opened) -> PathBuf {
    match o {
        Ok(d) => d.shown_path(),
        Err(f) => f.path.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Document;
    use crate::view::overlay::{help_lines, help_max_scroll, help_popup};

    /// Files gone together (a folder removed or moved out, an `rm -rf`) leave the library as
    /// they would one by one: the same list, selection, open briefing and search counter.
    #[test]
    fn files_gone_together_leave_as_they_would_one_by_one() {
        let make = || {
            let names = [
                "/brief-gone-test/a.yaml",
                "/brief-gone-test/sub/b.yaml",
                "/brief-gone-test/d.yaml",
                "/brief-gone-test/sub/deep/c.yaml",
                "/brief-gone-test/sub/e.yaml",
                "/brief-gone-test/f.yaml",
            ];
            let docs: Vec<Opened> = names
                .iter()
                .zip(crate::bundled::BUNDLED.iter().cycle())
                .map(|(name, (_, text))| Document::from_text(name, text).map(Box::new))
                .collect();
            let mut s = Shell::preloaded(docs, Rect::new(0, 0, 100, 30));
            s.press("/ the Enter j j j");
            assert!(s.search.as_ref().is_some_and(|q| q.total > 0));
            assert_eq!(s.library.selected, 3);
            s
        };
        let mut one = make();
        let mut all = make();
        let gone = |s: &Shell| -> Vec<PathBuf> {
            s.library
                .entries
                .iter()
                .map(|e| e.key.clone())
                .filter(|k| k.starts_with("/brief-gone-test/sub"))
                .collect()
        };
        assert_eq!(gone(&one).len(), 3);
        for k in gone(&one) {
            one.on_changed(k);
        }
        all.on_changed(PathBuf::from("/brief-gone-test/sub"));
        let seen = |s: &Shell| {
            (
                s.library
                    .order
                    .iter()
                    .filter_map(|&i| s.library.entries.get(i).map(|e| e.key.clone()))
                    .collect::<Vec<_>>(),
                s.library.selected_entry(),
                s.search.as_ref().map(|q| (q.counter(), q.total)),
            )
        };
        assert_eq!(seen(&one), seen(&all));
        assert_eq!(seen(&all).0.len(), 3);
        // The watcher's batch of files gone, as from `rm -rf`.
        let mut batch = make();
        batch.on_changed_all(gone(&make()));
        assert_eq!(seen(&batch), seen(&all));
    }

    fn library(height: u16) -> Shell {
        let docs: Vec<Opened> = crate::bundled::BUNDLED
            .iter()
            .map(|(name, text)| Document::from_text(name, text).map(Box::new))
            .collect();
        Shell::preloaded(docs, Rect::new(0, 0, 80, height))
    }

    #[test]
    fn the_library_help_scrolls_like_the_readers_clamped_with_g_and_capital_g() {
        let mut shell = library(24);
        let groups = keymap::help_groups(Mode::Library);
        let max = help_max_scroll(&groups, shell.size);
        let popup = help_popup(shell.size);
        assert!(
            help_lines(&groups, popup.width - 2).len() > usize::from(popup.height),
            "the help must be taller than its box for this test"
        );
        assert!(max > 0);
        shell.press("?");
        assert_eq!(shell.help, Some(0));
        shell.press("G");
        assert_eq!(shell.help, Some(max), "G goes to the end");
        shell.press("j j j");
        assert_eq!(shell.help, Some(max), "and stops there");
        shell.press("g");
        assert_eq!(shell.help, Some(0), "g goes to the top");
        for _ in 0..500 {
            shell.press("j");
        }
        assert_eq!(shell.help, Some(max), "j stops at the last line");
        shell.press("k");
        assert_eq!(shell.help, Some(max - 1));
        // The reader's help over the panes scrolls the same way.
        shell.press("Esc Enter ? G");
        let app = shell.reader.as_ref().map(|a| a.help);
        let reader_max = help_max_scroll(&keymap::help_groups(Mode::Panes), shell.size);
        assert_eq!(app, Some(Some(reader_max)));
    }
}
