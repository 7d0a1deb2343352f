//! Every user intent the reader understands. Keys map to these (see `keymap.rs`); `App::update`
//! turns them into state changes. Nothing else changes the state.

use super::acting::Part;
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
    /// Focus the Judgments pane: the author's key judgments.
    FocusJudgments,
    /// Open or close the sensitivity table: judgments × origins.
    ToggleSensitivity,

    /// Start typing a filter (`&`): the panes, or the library, show only what matches; an
    /// empty filter clears it.
    FilterStart,
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

    /// Flag the item in focus, or take its flag off.
    ToggleFlag,
    /// Write a private note on the item in focus, in the status bar (one paragraph).
    EditNote,
    /// Write the item's note in $VISUAL / $EDITOR, for a longer one.
    EditNoteLong,
    /// Open or close what changed since the briefing was last read (in the library: sort by
    /// the changes, or back to the order before).
    ToggleChanges,
    /// The next item changed since last read.
    NextChange,
    /// The previous item changed since last read.
    PrevChange,

    /// Copy a part of the item in focus to the terminal's clipboard (OSC 52): `y` its citation.
    Copy(Part),
    /// Open or close the menu of what to copy: quote, text, id, URL, citation.
    CopyMenu,
    /// Open the item's URL (else its source's) in the browser.
    OpenUrl,

    /// The terminal changed size.
    Resize(u16, u16),
    /// A mouse click at a cell.
    Click(u16, u16),
    /// The mouse wheel turned over a cell (positive: down).
    Scroll(u16, u16, i8),
}

/// The actions a key can be bound to, by the name the config file and `brief config default`
/// use, with what each does. The names are part of the config format: never rename one.
#[rustfmt::skip]
pub const NAMED: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "leave the reader"),
    ("suspend", Action::Suspend, "stop like a shell job; fg comes back"),
    ("help", Action::ToggleHelp, "show or hide the key bindings"),
    ("info", Action::ToggleInfo, "show or hide the briefing's title, summary, file, warnings"),
    ("back", Action::Back, "close the overlay or view on top; back one level"),
    ("history-back", Action::HistoryBack, "detail: back along the relations followed"),
    ("down", Action::Down, "the next item, relation, row or pair (or scroll down)"),
    ("up", Action::Up, "the previous item, relation, row or pair (or scroll up)"),
    ("first", Action::First, "the first item (or the top)"),
    ("last", Action::Last, "the last item (or the bottom)"),
    ("half-page-down", Action::HalfPageDown, "half a page down"),
    ("half-page-up", Action::HalfPageUp, "half a page up"),
    ("page-down", Action::PageDown, "a page down"),
    ("page-up", Action::PageUp, "a page up"),
    ("next-pane", Action::NextPane, "the next pane"),
    ("prev-pane", Action::PrevPane, "the previous pane"),
    ("focus-claims", Action::FocusPane(Section::Claims), "the Claims pane"),
    ("focus-responses", Action::FocusPane(Section::Responses), "the Responses pane"),
    ("focus-context", Action::FocusPane(Section::Context), "the Context pane"),
    ("focus-judgments", Action::FocusJudgments, "the Judgments pane"),
    ("left", Action::Left, "the pane, side or column to the left"),
    ("right", Action::Right, "the pane, side or column to the right"),
    ("open", Action::Open, "open the selection: detail, relation, briefing, cell"),
    ("contradictions", Action::ToggleContradictions, "contradictions side by side, or back"),
    ("next-pair", Action::NextPair, "the next contradiction"),
    ("prev-pair", Action::PrevPair, "the previous contradiction"),
    ("switch-side", Action::SwitchSide, "the other side of a contradiction"),
    ("next-box", Action::NextBox, "focus the next box: left side, right side, comparison"),
    ("prev-box", Action::PrevBox, "focus the previous box"),
    ("compare", Action::Compare, "mark an item to compare; on a second one, compare the two"),
    ("matrix", Action::ToggleMatrix, "the stance matrix, or back"),
    ("timeline", Action::ToggleTimeline, "the timeline, or back"),
    ("sources", Action::ToggleSources, "the sources, or back"),
    ("hide-source", Action::ToggleSourceFilter, "hide the selected source's items everywhere, or show them"),
    ("sensitivity", Action::ToggleSensitivity, "the sensitivity table (judgments × origins), or back"),
    ("filter", Action::FilterStart, "filter what is shown: status:denied kind:government …"),
    ("search", Action::SearchStart, "start a search"),
    ("search-next", Action::SearchNext, "the next match"),
    ("search-prev", Action::SearchPrev, "the previous match"),
    ("prompt-regex", Action::PromptToggleRegex, "prompt: literal text or regular expression"),
    ("prompt-accept", Action::PromptAccept, "prompt: keep the search"),
    ("prompt-cancel", Action::PromptCancel, "prompt: cancel, back to where it started"),
    ("prompt-backspace", Action::PromptBackspace, "prompt: delete a character"),
    ("prompt-delete-word", Action::PromptDeleteWord, "prompt: delete the word before the cursor"),
    ("prompt-clear", Action::PromptClear, "prompt: delete the whole query"),
    ("prompt-history-prev", Action::PromptHistoryPrev, "prompt: an earlier query"),
    ("prompt-history-next", Action::PromptHistoryNext, "prompt: a later query"),
    ("next-briefing", Action::NextBriefing, "the next briefing of the library"),
    ("prev-briefing", Action::PrevBriefing, "the previous briefing of the library"),
    ("reload", Action::Reload, "reload from disk"),
    ("edit", Action::Edit, "edit the file in $VISUAL / $EDITOR at the item's line"),
    ("flag", Action::ToggleFlag, "flag the item, or unflag it"),
    ("note", Action::EditNote, "a private note on the item, typed in the status bar"),
    ("note-editor", Action::EditNoteLong, "the item's note in $VISUAL / $EDITOR"),
    ("changes", Action::ToggleChanges, "what changed since last read, or back (library: sort by changes)"),
    ("next-change", Action::NextChange, "the next item changed since last read"),
    ("prev-change", Action::PrevChange, "the previous item changed since last read"),
    ("copy-citation", Action::Copy(Part::Citation), "copy the item's citation: source, date, who is cited, grade"),
    ("copy-quote", Action::Copy(Part::Quote), "copy the item's quote"),
    ("copy-text", Action::Copy(Part::Text), "copy the item's text"),
    ("copy-id", Action::Copy(Part::Id), "copy the item's id"),
    ("copy-url", Action::Copy(Part::Url), "copy the item's URL (else its source's)"),
    ("copy-menu", Action::CopyMenu, "the menu of what to copy: citation, quote, text, id, URL"),
    ("open-url", Action::OpenUrl, "open the item's URL (else its source's) in $BROWSER or the system's"),
];

impl Action {
    /// The action's name in the config file, when a key can be bound to it.
    pub fn name(self) -> Option<&'static str> {
        NAMED
            .iter()
            .find(|(_, a, _)| *a == self)
            .map(|(n, _, _)| *n)
    }

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, a, _)| *a)
    }

    /// What the action does, in a few words.
    pub fn describe(self) -> &'static str {
        NAMED
            .iter()
            .find(|(_, a, _)| *a == self)
            .map_or("", |(_, _, d)| *d)
    }
}
