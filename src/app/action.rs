//! Every user intent the reader understands. Keys map to these (see `keymap.rs`); `App::update`
//! turns them into state changes. Nothing else changes the state.

use crate::briefing::Section;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Stop the process like a shell job (`Ctrl-z`); `fg` brings the reader back as it was.
    Suspend,
    /// Show or hide the list of key bindings.
    ToggleHelp,
    /// Show or hide the briefing's title, date, tags, summary, file and warnings.
    ToggleInfo,
    /// Close the overlay, detail or view on top; go back one level.
    Back,
    /// Go back along the path of relations followed in the detail view.
    HistoryBack,

    /// Select the next item (or relation, or pair).
    Down,
    /// Select the previous item.
    Up,
    /// Select the first item.
    First,
    /// Select the last item.
    Last,
    /// Move half a page down.
    HalfPageDown,
    /// Move half a page up.
    HalfPageUp,
    /// Move a page down.
    PageDown,
    /// Move a page up.
    PageUp,

    /// Focus the next pane (Claims → Responses → Context → Claims).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Focus one pane directly.
    FocusPane(Section),
    /// Focus the pane to the left (or the left side of a contradiction).
    Left,
    /// Focus the pane to the right (or the right side of a contradiction).
    Right,

    /// Open the selected item's detail, or follow the selected relation.
    Open,
    /// Open or close the side-by-side view of contradictions.
    ToggleContradictions,
    /// Next contradiction pair.
    NextPair,
    /// Previous contradiction pair.
    PrevPair,
    /// Switch the focused side of a contradiction.
    SwitchSide,
    /// Focus the next box of a contradiction: left side, right side, the comparison below.
    NextBox,
    /// Focus the previous box of a contradiction.
    PrevBox,
    /// Mark the item in focus to compare it with another, or compare it with the one marked.
    Compare,

    /// Open or close the stance matrix: claims down, sources across.
    ToggleMatrix,
    /// Open or close the timeline: dated items in time order, one lane per source.
    ToggleTimeline,
    /// Open or close the sources: each source and what it said.
    ToggleSources,
    /// Sources view: hide the selected source's items everywhere, or show them again.
    ToggleSourceFilter,

    /// Start typing a search query.
    SearchStart,
    /// Go to the next match.
    SearchNext,
    /// Go to the previous match.
    SearchPrev,
    /// Prompt: toggle between literal text and regular expression.
    PromptToggleRegex,
    /// Prompt: keep the search and close the prompt.
    PromptAccept,
    /// Prompt: cancel the search and return to where it started.
    PromptCancel,
    /// Prompt: delete the character before the cursor.
    PromptBackspace,
    /// Prompt: delete the word before the cursor (and the spaces after it).
    PromptDeleteWord,
    /// Prompt: delete the whole query.
    PromptClear,
    /// Prompt: recall the previous query of the session.
    PromptHistoryPrev,
    /// Prompt: recall the next query of the session.
    PromptHistoryNext,
    /// Prompt: type a character.
    PromptInput(char),

    /// Open the next briefing of the library without the list.
    NextBriefing,
    /// Open the previous briefing of the library without the list.
    PrevBriefing,
    /// Reload the briefing (in the library: every file) from disk.
    Reload,
    /// Edit the file in $VISUAL / $EDITOR at the line of the selected item.
    Edit,

    /// The terminal changed size.
    Resize(u16, u16),
    /// A mouse click at a cell.
    Click(u16, u16),
    /// The mouse wheel turned over a cell (positive: down).
    Scroll(u16, u16, i8),
}
