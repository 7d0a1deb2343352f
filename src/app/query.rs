//! Read-only queries on the reader ([`App`]) and the library ([`Shell`]): what tests, benches
//! and examples may ask about the state without reaching into its fields. Nothing here changes
//! anything; the state changes through `update` and `press` only.

use ratatui::layout::Rect;

use super::filter::SourceFilter;
use super::library::Library;
use super::libsearch::LibSearch;
use super::search::SearchState;
use super::shell::{Request, Shell};
use super::{App, Screen};
use crate::briefing::Document;
use crate::briefing::Section;

impl App {
    /// The document shown: with a source hidden, the filtered one (see [`App::full_doc`]).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The terminal size the app lays itself out for.
    pub fn size(&self) -> Rect {
        self.size
    }

    /// The pane that has the focus.
    pub fn focus(&self) -> Section {
        self.focus
    }

    /// The item marked with `v`, waiting for a second one to compare it with.
    pub fn marked(&self) -> Option<crate::briefing::ItemRef> {
        self.marked
    }

    /// The selected item's index in `section`'s pane (kept when the pane loses the focus).
    pub fn selected_index(&self, section: Section) -> usize {
        self.selected[section.index()]
    }

    /// The selected index of each pane, in [`Section::ALL`] order.
    pub fn selected_indices(&self) -> [usize; 3] {
        self.selected
    }

    /// The first item shown in `section`'s pane.
    pub fn top_index(&self, section: Section) -> usize {
        self.top[section.index()]
    }

    /// The first item shown in each pane, in [`Section::ALL`] order.
    pub fn top_indices(&self) -> [usize; 3] {
        self.top
    }

    /// The views open over the panes, innermost last; empty on the panes.
    pub fn screens(&self) -> &[Screen] {
        &self.stack
    }

    /// The innermost view open over the panes; None on the panes.
    pub fn screen(&self) -> Option<&Screen> {
        self.stack.last()
    }

    /// The help overlay's scroll; None when it is closed.
    pub fn help_scroll(&self) -> Option<usize> {
        self.help
    }

    /// The briefing-info overlay's scroll; None when it is closed.
    pub fn info_scroll(&self) -> Option<usize> {
        self.info
    }

    /// The status bar's one-shot message, if there is one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Why the file on disk does not load now, while it does not.
    pub fn file_error(&self) -> Option<&str> {
        self.file_error.as_deref()
    }

    /// Whether the reader was asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// The search: the prompt while typing, then the kept matches; None without one.
    pub fn search_state(&self) -> Option<&SearchState> {
        self.search.as_ref()
    }

    /// The queries of this session, oldest first.
    pub fn search_history(&self) -> &[String] {
        &self.history
    }

    /// The source hidden everywhere, if one is.
    pub fn source_filter(&self) -> Option<&SourceFilter> {
        self.filter.as_ref()
    }
}

impl Shell {
    /// The briefings in the list, loaded or not.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The reader over the open briefing; None on the list.
    pub fn reader(&self) -> Option<&App> {
        self.reader.as_ref()
    }

    /// Whether there is a list to go back to (more than one briefing was given).
    pub fn has_list(&self) -> bool {
        self.has_list
    }

    /// A failed entry's diagnostics on screen, as (entry, scroll); None when not shown.
    pub fn diagnostics(&self) -> Option<(usize, usize)> {
        self.diagnostics
    }

    /// The terminal size.
    pub fn size(&self) -> Rect {
        self.size
    }

    /// The help overlay's scroll over the list; None when it is closed.
    pub fn help_scroll(&self) -> Option<usize> {
        self.help
    }

    /// The list's status-bar message, if there is one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether the program was asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// What waits for the event loop, oldest first ([`Shell::take_requests`] takes them).
    pub fn requests(&self) -> &[Request] {
        &self.requests
    }

    /// The library's search, when one is active.
    pub fn search_state(&self) -> Option<&LibSearch> {
        self.search.as_ref()
    }
}
