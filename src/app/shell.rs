//! The outer state machine: the library of briefings and the reader over the open one. Routes each
//! action to the list or the reader, opens and closes briefings, and takes in what background
//! loading and live reload deliver. Side effects it needs (load a file, run the editor) are queued
//! as [`Request`]s for the event loop, so this stays plain data.

use std::path::PathBuf;
use std::rc::Rc;

use ratatui::layout::Rect;

use super::keymap::{self, Mode};
use super::library::{absolute, Failure, Library};
use super::{Action, App, Doc, Screen, Side};
use crate::open::Opened;

/// Something only the event loop can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Load (or reload) a file in the background.
    Load(PathBuf),
    /// Suspend the reader and edit `path` at `line`.
    Edit { path: PathBuf, line: u32 },
}

#[derive(Debug)]
pub struct Shell {
    pub library: Library,
    /// Whether there is a list to go back to (more than one briefing was given).
    pub has_list: bool,
    pub reader: Option<App>,
    /// The entry the reader shows.
    pub open_entry: Option<usize>,
    /// A failed entry's diagnostics on screen: (entry, scroll).
    pub diagnostics: Option<(usize, usize)>,
    pub size: Rect,
    /// The help overlay over the list, with its scroll.
    pub help: Option<usize>,
    pub message: Option<String>,
    pub quit: bool,
    pub requests: Vec<Request>,
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
        }
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
    pub fn single(doc: Doc, size: Rect) -> Shell {
        let path = doc.path.clone().unwrap_or_else(|| PathBuf::from(&doc.name));
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

    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            return Mode::Help;
        }
        match &self.reader {
            Some(app) => app.mode(),
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
        usize::from(crate::ui::layout::body(self.size).height.saturating_sub(2)).max(1)
    }

    pub fn update(&mut self, action: Action) {
        if let Action::Resize(w, h) = action {
            self.size = Rect::new(0, 0, w, h);
            let height = self.list_height();
            self.library.keep_in_view(height);
        }
        if matches!(action, Action::Quit) {
            self.quit = true;
            return;
        }
        if let Some(app) = self.reader.as_mut() {
            let at_base = app.stack.is_empty() && app.help.is_none() && !app.prompt_open();
            match action {
                Action::NextBriefing => self.open_step(1),
                Action::PrevBriefing => self.open_step(-1),
                Action::Reload => self.reload_open(),
                Action::Edit => self.edit_open(),
                Action::Back if at_base && self.has_list => self.close_reader(),
                _ => {
                    let mut a = action;
                    while let Some(next) = app.update(a) {
                        a = next;
                    }
                    if app.quit {
                        self.quit = true;
                    }
                }
            }
            return;
        }
        self.message = None;
        if self.help.is_some() {
            let scroll = self.help.unwrap_or(0);
            self.help = match action {
                Action::ToggleHelp | Action::Back => None,
                Action::Down => Some(scroll + 1),
                Action::Up => Some(scroll.saturating_sub(1)),
                Action::PageDown | Action::HalfPageDown => Some(scroll + self.list_height() / 2),
                Action::PageUp | Action::HalfPageUp => {
                    Some(scroll.saturating_sub(self.list_height() / 2))
                }
                _ => Some(scroll),
            };
            return;
        }
        if let Some((entry, scroll)) = self.diagnostics {
            self.diagnostics = match action {
                Action::Back | Action::Open => None,
                Action::Down => Some((entry, scroll + 1)),
                Action::Up => Some((entry, scroll.saturating_sub(1))),
                Action::PageDown | Action::HalfPageDown => {
                    Some((entry, scroll + self.list_height() / 2))
                }
                Action::PageUp | Action::HalfPageUp => {
                    Some((entry, scroll.saturating_sub(self.list_height() / 2)))
                }
                Action::First => Some((entry, 0)),
                Action::Edit => {
                    self.edit_entry(entry);
                    Some((entry, scroll))
                }
                _ => Some((entry, scroll)),
            };
            return;
        }
        let page = self.list_height();
        match action {
            Action::ToggleHelp => self.help = Some(0),
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
                self.message = Some(format!("reloading {} files", self.library.total()));
            }
            Action::Edit => {
                if let Some(i) = self.library.selected_entry() {
                    self.edit_entry(i);
                }
            }
            Action::Click(_, y) => {
                let body = crate::ui::layout::body(self.size);
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

    /// Opens entry `i`: the reader for a briefing, the diagnostics for a file that fails.
    pub fn open(&mut self, i: usize) {
        let Some(entry) = self.library.entries.get(i) else {
            return;
        };
        match (&entry.doc, &entry.error) {
            (Some(doc), error) => {
                let mut app = App::new(Rc::clone(doc), self.size);
                app.file_error = error
                    .as_ref()
                    .map(|f| format!("{}: {}", entry.name(), f.first()));
                self.reader = Some(app);
                self.open_entry = Some(i);
                if let Some(pos) = self.library.order.iter().position(|&x| x == i) {
                    self.library.selected = pos;
                }
            }
            (None, Some(_)) => self.diagnostics = Some((i, 0)),
            (None, None) => self.message = Some(format!("{} is still loading", entry.name())),
        }
    }

    fn close_reader(&mut self) {
        self.reader = None;
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
        while p >= 0 && (p as usize) < order.len() {
            let i = order[p as usize];
            if self.library.entries.get(i).is_some_and(|e| e.doc.is_some()) {
                self.open(i);
                return;
            }
            p += delta;
        }
        if let Some(app) = self.reader.as_mut() {
            app.message = Some(if delta > 0 {
                "this is the last briefing".into()
            } else {
                "this is the first briefing".into()
            });
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

    /// Takes in a finished load.
    pub fn on_loaded(&mut self, opened: Opened) {
        let shown = opened_path(&opened);
        let key = absolute(&shown);
        let result = match opened {
            Opened::Doc(doc) => Ok(*doc),
            Opened::Failed {
                diagnostics,
                source,
                ..
            } => Err(Failure {
                diagnostics,
                source,
            }),
        };
        let failed_msg = result.as_ref().err().map(Failure::first);
        let i = self.library.loaded(&key, shown, result);
        if self.open_entry == Some(i) {
            let entry = &self.library.entries[i];
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
        if key.exists() {
            let shown = self
                .library
                .find(&key)
                .and_then(|i| self.library.entries.get(i))
                .map_or(key.clone(), |e| e.path.clone());
            self.requests.push(Request::Load(shown));
        } else if let Some(i) = self.library.remove(&key) {
            match self.open_entry {
                Some(o) if o == i => {
                    if let Some(app) = self.reader.as_mut() {
                        app.file_error =
                            Some("the file was deleted (showing the last version)".into());
                    }
                    self.open_entry = None;
                }
                Some(o) if o > i => self.open_entry = Some(o - 1),
                _ => {}
            }
            if let Some((d, _)) = self.diagnostics {
                if d == i {
                    self.diagnostics = None;
                }
            }
        }
    }
}

fn opened_path(o: &Opened) -> PathBuf {
    match o {
        Opened::Doc(d) => d.path.clone().unwrap_or_else(|| PathBuf::from(&d.name)),
        Opened::Failed { path, .. } => path.clone(),
    }
}

// Used by App::edit_line to pick the focused side of a contradiction.
pub(crate) fn side_item(app: &App) -> Option<crate::briefing::ItemRef> {
    match app.stack.last() {
        Some(Screen::Detail(d)) => Some(d.item),
        Some(Screen::Contradictions(p)) => app.doc.relations.pairs.get(p.index).map(|pair| {
            if p.side == Side::Left {
                pair.left
            } else {
                pair.right
            }
        }),
        Some(Screen::Matrix(_) | Screen::Timeline(_)) => app.analysis_item(),
        Some(Screen::Sources(_)) | None => app.current(),
    }
}
