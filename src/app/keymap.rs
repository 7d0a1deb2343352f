//! The one table of key bindings: (mode, key) → action, with a description per binding.
//! The keymap in force ([`Keymap`]) is that table with a config file's changes; behaviour, the
//! help overlay and the status-bar hints are all generated from it.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::acting::Part;
use super::action::Action;
use crate::briefing::Section;
use crate::view::overlay::HelpGroup;

/// What the reader is showing, for routing keys. Overlays come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Library,
    Panes,
    Detail,
    Contradictions,
    Help,
    Info,
    Prompt,
    Matrix,
    Timeline,
    Sources,
    Changes,
    /// The copy menu (`Y`) over a reading view.
    Copy,
    Judgments,
    Sensitivity,
}

impl Mode {
    /// Every mode, in declaration order.
    pub const ALL: [Mode; 14] = [
        Mode::Library,
        Mode::Panes,
        Mode::Detail,
        Mode::Contradictions,
        Mode::Help,
        Mode::Info,
        Mode::Prompt,
        Mode::Matrix,
        Mode::Timeline,
        Mode::Sources,
        Mode::Changes,
        Mode::Copy,
        Mode::Judgments,
        Mode::Sensitivity,
    ];
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Library => "LIBRARY",
            Mode::Panes => "PANES",
            Mode::Detail => "DETAIL",
            Mode::Contradictions => "CONTRADICTIONS",
            Mode::Help => "HELP",
            Mode::Info => "INFO",
            Mode::Prompt => "SEARCH",
            Mode::Matrix => "MATRIX",
            Mode::Timeline => "TIMELINE",
            Mode::Sources => "SOURCES",
            Mode::Changes => "CHANGES",
            Mode::Copy => "COPY",
            Mode::Judgments => "JUDGMENTS",
            Mode::Sensitivity => "SENSITIVITY",
        }
    }

    /// The mode's name in the config file (`[keys.panes]`); `global` is every mode at once.
    pub fn config_name(self) -> &'static str {
        match self {
            Mode::Library => "library",
            Mode::Panes => "panes",
            Mode::Detail => "detail",
            Mode::Contradictions => "contradictions",
            Mode::Help => "help",
            Mode::Info => "info",
            Mode::Prompt => "prompt",
            Mode::Matrix => "matrix",
            Mode::Timeline => "timeline",
            Mode::Sources => "sources",
            Mode::Changes => "changes",
            Mode::Copy => "copy",
            Mode::Judgments => "judgments",
            Mode::Sensitivity => "sensitivity",
        }
    }

    /// The mode a config file names.
    pub fn from_config_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.config_name() == name)
    }

    /// The mode's heading in the help.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Library => "Library",
            Mode::Panes => "Panes",
            Mode::Detail => "Item detail",
            Mode::Contradictions => "Contradictions",
            Mode::Matrix => "Stance matrix",
            Mode::Timeline => "Timeline",
            Mode::Sources => "Sources",
            Mode::Changes => "Changes since last read",
            Mode::Copy => "Copy menu",
            Mode::Judgments => "Judgments",
            Mode::Sensitivity => "Sensitivity table",
            Mode::Prompt => "Search and filter prompts",
            Mode::Info => "Briefing info",
            Mode::Help => "This help",
        }
    }
}

/// A key with its modifiers, spelt one way everywhere: `j`, `G`, `Ctrl-d`, `Shift-Tab`, `PgDn`, `↓`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }.normalized()
    }

    /// Shift is part of the character for printable keys (`G` not `Shift-g`); BackTab is Shift-Tab.
    fn normalized(mut self) -> Key {
        match self.code {
            KeyCode::Char(_) => self.mods.remove(KeyModifiers::SHIFT),
            KeyCode::BackTab => {
                self.code = KeyCode::Tab;
                self.mods.insert(KeyModifiers::SHIFT);
            }
            _ => {}
        }
        self.mods &= KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT;
        self
    }

    /// Whether the key types a character at the search prompt (a printable character, with no
    /// Ctrl or Alt).
    pub fn types(&self) -> bool {
        matches!(self.code, KeyCode::Char(c) if !c.is_control())
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    pub fn from_event(e: KeyEvent) -> Option<Key> {
        (e.kind != KeyEventKind::Release).then(|| Key::new(e.code, e.modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl FromStr for Key {
    type Err = String;

    fn from_str(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Space" => KeyCode::Char(' '),
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Backspace" => KeyCode::Backspace,
            "↑" | "Up" => KeyCode::Up,
            "↓" | "Down" => KeyCode::Down,
            "←" | "Left" => KeyCode::Left,
            "→" | "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PgUp" => KeyCode::PageUp,
            "PgDn" => KeyCode::PageDown,
            f if f.len() > 1 && f.starts_with('F') => KeyCode::F(
                f.get(1..)
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("unknown key `{s}`"))?,
            ),
            c => {
                let mut chars = c.chars();
                match (chars.next(), chars.next()) {
                    (Some(ch), None) => KeyCode::Char(ch),
                    _ => return Err(format!("unknown key `{s}`")),
                }
            }
        };
        Ok(Key::new(code, mods))
    }
}

/// One binding: the modes it works in, its keys (in the one spelling), what it does, and how
/// the help overlay and hints describe it.
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [&'static str],
    pub action: Action,
    pub desc: &'static str,
    /// A one-word label for the status bar, for the main keys only.
    pub hint: Option<&'static str>,
}

use Mode::*;
const READING: &[Mode] = &[Panes, Detail, Contradictions];
const SEARCHABLE: &[Mode] = &[Library, Panes, Detail, Contradictions];
const ALL_BUT_PROMPT: &[Mode] = &[Library, Panes, Detail, Contradictions, Help, Info];

macro_rules! b {
    ($modes:expr, [$($k:literal),+], $action:expr, $desc:literal) => {
        Binding { modes: $modes, keys: &[$($k),+], action: $action, desc: $desc, hint: None }
    };
    ($modes:expr, [$($k:literal),+], $action:expr, $desc:literal, $hint:literal) => {
        Binding { modes: $modes, keys: &[$($k),+], action: $action, desc: $desc, hint: Some($hint) }
    };
}

pub static BINDINGS: &[Binding] = &[
    b!(
        &[Library],
        ["j", "↓"],
        Action::Down,
        "next briefing",
        "move"
    ),
    b!(&[Library], ["k", "↑"], Action::Up, "previous briefing"),
    b!(&[Library], ["g", "Home"], Action::First, "first briefing"),
    b!(&[Library], ["G", "End"], Action::Last, "last briefing"),
    b!(
        &[Library],
        ["Ctrl-d"],
        Action::HalfPageDown,
        "half a page down"
    ),
    b!(&[Library], ["Ctrl-u"], Action::HalfPageUp, "half a page up"),
    b!(
        &[Library],
        ["PgDn", "Space"],
        Action::PageDown,
        "a page down"
    ),
    b!(&[Library], ["PgUp"], Action::PageUp, "a page up"),
    b!(
        &[Library],
        ["Enter"],
        Action::Open,
        "open the briefing (or a broken file's diagnostics)",
        "open"
    ),
    b!(&[Panes], ["j", "↓"], Action::Down, "next item", "move"),
    b!(&[Panes], ["k", "↑"], Action::Up, "previous item"),
    b!(
        &[Detail],
        ["j", "↓"],
        Action::Down,
        "next relation (or scroll down)",
        "move"
    ),
    b!(
        &[Detail],
        ["k", "↑"],
        Action::Up,
        "previous relation (or scroll up)"
    ),
    b!(
        &[Contradictions],
        ["j", "↓", "]"],
        Action::NextPair,
        "next contradiction",
        "next"
    ),
    b!(
        &[Contradictions],
        ["k", "↑", "["],
        Action::PrevPair,
        "previous contradiction"
    ),
    b!(&[Panes, Detail], ["g", "Home"], Action::First, "first item"),
    b!(&[Panes, Detail], ["G", "End"], Action::Last, "last item"),
    b!(&[Help, Info], ["g", "Home"], Action::First, "top"),
    b!(&[Help, Info], ["G", "End"], Action::Last, "bottom"),
    b!(
        &[Contradictions],
        ["g", "Home"],
        Action::First,
        "first contradiction"
    ),
    b!(
        &[Contradictions],
        ["G", "End"],
        Action::Last,
        "last contradiction"
    ),
    b!(
        &[Panes, Detail, Help, Info],
        ["Ctrl-d"],
        Action::HalfPageDown,
        "half a page down"
    ),
    b!(
        &[Panes, Detail, Help, Info],
        ["Ctrl-u"],
        Action::HalfPageUp,
        "half a page up"
    ),
    b!(
        &[Panes, Detail, Help, Info],
        ["PgDn", "Space"],
        Action::PageDown,
        "a page down"
    ),
    b!(
        &[Panes, Detail, Help, Info],
        ["PgUp"],
        Action::PageUp,
        "a page up"
    ),
    b!(&[Panes], ["Tab"], Action::NextPane, "next pane", "pane"),
    b!(&[Panes], ["Shift-Tab"], Action::PrevPane, "previous pane"),
    b!(
        &[Panes],
        ["1"],
        Action::FocusPane(Section::Claims),
        "Claims pane"
    ),
    b!(
        &[Panes],
        ["2"],
        Action::FocusPane(Section::Responses),
        "Responses pane"
    ),
    b!(
        &[Panes],
        ["3"],
        Action::FocusPane(Section::Context),
        "Context pane"
    ),
    b!(
        &[Panes],
        ["4"],
        Action::FocusJudgments,
        "Judgments pane: the author's key judgments (when the briefing has any; Tab past Context too)"
    ),
    // ---- the Judgments pane and a judgment's detail ----
    b!(
        &[Judgments],
        ["j", "↓"],
        Action::Down,
        "next judgment (in a judgment: next item)",
        "move"
    ),
    b!(
        &[Judgments],
        ["k", "↑"],
        Action::Up,
        "previous judgment (in a judgment: previous item)"
    ),
    b!(
        &[Judgments],
        ["Enter"],
        Action::Open,
        "open the judgment: what it rests on, what speaks against it (in it: follow the item)",
        "open"
    ),
    b!(
        &[Judgments],
        ["Backspace", "Ctrl-o"],
        Action::HistoryBack,
        "from a judgment, back to the list"
    ),
    b!(
        &[Judgments],
        ["1"],
        Action::FocusPane(Section::Claims),
        "Claims pane"
    ),
    b!(
        &[Judgments],
        ["2"],
        Action::FocusPane(Section::Responses),
        "Responses pane"
    ),
    b!(
        &[Judgments],
        ["3"],
        Action::FocusPane(Section::Context),
        "Context pane"
    ),
    b!(&[Judgments], ["Tab"], Action::NextPane, "next pane (Claims)", "pane"),
    b!(
        &[Judgments],
        ["Shift-Tab"],
        Action::PrevPane,
        "previous pane (Context)"
    ),
    b!(
        &[Judgments],
        ["h", "←"],
        Action::Left,
        "pane to the left (Context)"
    ),
    b!(
        &[Judgments],
        ["S"],
        Action::ToggleSensitivity,
        "sensitivity table: which single origin each judgment depends on",
        "sensitivity"
    ),
    b!(&[Sensitivity], ["j", "↓"], Action::Down, "next judgment", "move"),
    b!(&[Sensitivity], ["k", "↑"], Action::Up, "previous judgment"),
    b!(
        &[Sensitivity],
        ["Enter"],
        Action::Open,
        "open the judgment",
        "open"
    ),
    b!(
        &[Sensitivity],
        ["S"],
        Action::ToggleSensitivity,
        "close the sensitivity table"
    ),
    b!(&[Panes], ["h", "←"], Action::Left, "pane to the left"),
    b!(&[Panes], ["l", "→"], Action::Right, "pane to the right"),
    b!(
        &[Contradictions],
        ["h", "←"],
        Action::Left,
        "focus the left side (the upper one when stacked)",
        "side"
    ),
    b!(
        &[Contradictions],
        ["l", "→"],
        Action::Right,
        "focus the right side (the lower one when stacked)"
    ),
    // No key by default (h and l say which side); a config file may give it one.
    Binding {
        modes: &[Contradictions],
        keys: &[],
        action: Action::SwitchSide,
        desc: "switch the focused side",
        hint: None,
    },
    b!(
        &[Contradictions],
        ["Tab"],
        Action::NextBox,
        "focus the next box: left side, right side, why they conflict"
    ),
    b!(
        &[Contradictions],
        ["Shift-Tab"],
        Action::PrevBox,
        "focus the previous box"
    ),
    b!(
        &[Contradictions],
        ["Ctrl-d"],
        Action::HalfPageDown,
        "scroll the focused box half a page down"
    ),
    b!(
        &[Contradictions],
        ["Ctrl-u"],
        Action::HalfPageUp,
        "scroll the focused box half a page up"
    ),
    b!(
        &[Contradictions],
        ["PgDn", "Space"],
        Action::PageDown,
        "scroll the focused box a page down"
    ),
    b!(
        &[Contradictions],
        ["PgUp"],
        Action::PageUp,
        "scroll the focused box a page up"
    ),
    b!(
        &[Panes],
        ["Enter"],
        Action::Open,
        "open the selected item's detail",
        "open"
    ),
    b!(
        &[Detail],
        ["Enter"],
        Action::Open,
        "follow the selected relation",
        "follow"
    ),
    b!(
        &[Contradictions],
        ["Enter"],
        Action::Open,
        "detail of the focused side",
        "open"
    ),
    b!(
        &[Detail],
        ["Backspace", "Ctrl-o"],
        Action::HistoryBack,
        "back along the relations followed",
        "back"
    ),
    b!(
        &[Contradictions],
        ["Backspace", "Ctrl-o"],
        Action::HistoryBack,
        "back to where you came from (the detail or the panes)"
    ),
    b!(
        &[Panes, Detail],
        ["c"],
        Action::ToggleContradictions,
        "contradictions side by side (at the selected item's first)",
        "contradictions"
    ),
    b!(
        &[Contradictions],
        ["c"],
        Action::ToggleContradictions,
        "back to where you were"
    ),
    b!(
        SEARCHABLE,
        ["/"],
        Action::SearchStart,
        "search (incremental, smart case)",
        "search"
    ),
    b!(SEARCHABLE, ["n"], Action::SearchNext, "next match"),
    b!(SEARCHABLE, ["N"], Action::SearchPrev, "previous match"),
    b!(
        &[Library, Panes],
        ["&"],
        Action::FilterStart,
        "filter: status:denied source:mnd … (empty clears)"
    ),
    b!(
        READING,
        ["J"],
        Action::NextBriefing,
        "next briefing of the library"
    ),
    b!(
        READING,
        ["K"],
        Action::PrevBriefing,
        "previous briefing of the library"
    ),
    b!(
        ALL_BUT_PROMPT,
        ["Esc"],
        Action::Back,
        "close / go back one level"
    ),
    b!(
        ALL_BUT_PROMPT,
        ["?"],
        Action::ToggleHelp,
        "this help",
        "help"
    ),
    b!(ALL_BUT_PROMPT, ["q"], Action::Quit, "quit", "quit"),
    b!(
        READING,
        ["i"],
        Action::ToggleInfo,
        "the briefing: title, date, tags, summary, file, warnings",
        "info"
    ),
    b!(
        &[Info],
        ["i"],
        Action::ToggleInfo,
        "close the briefing info"
    ),
    b!(&[Info], ["j", "↓"], Action::Down, "scroll down"),
    b!(&[Info], ["k", "↑"], Action::Up, "scroll up"),
    b!(&[Help], ["j", "↓"], Action::Down, "scroll help down"),
    b!(&[Help], ["k", "↑"], Action::Up, "scroll help up"),
    b!(
        &[Library, Panes, Detail, Contradictions, Help, Info, Prompt],
        ["Ctrl-c"],
        Action::Quit,
        "quit"
    ),
    // Like vim and less, from anywhere: the prompt keeps what was typed.
    b!(
        &[
            Library,
            Panes,
            Detail,
            Contradictions,
            Help,
            Info,
            Prompt,
            Matrix,
            Timeline,
            Sources,
            Judgments,
            Sensitivity
        ],
        ["Ctrl-z"],
        Action::Suspend,
        "suspend (fg to come back)"
    ),
    b!(
        &[Prompt],
        ["Enter"],
        Action::PromptAccept,
        "keep the search; apply the filter",
        "keep"
    ),
    b!(
        &[Prompt],
        ["Esc"],
        Action::PromptCancel,
        "cancel, back to where you were",
        "cancel"
    ),
    b!(
        &[Prompt],
        ["Ctrl-r"],
        Action::PromptToggleRegex,
        "toggle regular expression (search)",
        "regex"
    ),
    b!(
        &[Prompt],
        ["Backspace"],
        Action::PromptBackspace,
        "delete a character"
    ),
    b!(
        &[Prompt],
        ["Ctrl-w"],
        Action::PromptDeleteWord,
        "delete the word before the cursor"
    ),
    b!(
        &[Prompt],
        ["Ctrl-u"],
        Action::PromptClear,
        "delete the whole query"
    ),
    b!(
        &[Prompt],
        ["↑"],
        Action::PromptHistoryPrev,
        "earlier query",
        "history"
    ),
    b!(&[Prompt], ["↓"], Action::PromptHistoryNext, "later query"),
    // ---- analysis views: stance matrix, timeline, sources ----
    b!(
        &[Panes, Detail, Contradictions, Timeline, Sources, Judgments, Sensitivity],
        ["m"],
        Action::ToggleMatrix,
        "stance matrix: claims down, sources across",
        "matrix"
    ),
    b!(
        &[Panes, Detail, Contradictions, Matrix, Sources, Judgments, Sensitivity],
        ["t"],
        Action::ToggleTimeline,
        "timeline: what each source said when",
        "timeline"
    ),
    b!(
        &[Panes, Detail, Contradictions, Matrix, Timeline, Judgments, Sensitivity],
        ["s"],
        Action::ToggleSources,
        "sources: who said what; hide one everywhere",
        "sources"
    ),
    // The hint is the Judgments pane's (its own binding, earlier): elsewhere the bar has no
    // room for it before the view's own keys.
    b!(
        &[Panes, Detail, Contradictions, Matrix, Timeline, Sources],
        ["S"],
        Action::ToggleSensitivity,
        "sensitivity table: which single origin each judgment depends on"
    ),
    b!(
        &[Panes, Detail, Contradictions],
        ["v"],
        Action::Compare,
        "mark this item to compare; v on a second one shows the two side by side (Esc cancels)",
        "compare"
    ),
    b!(&[Matrix], ["m"], Action::ToggleMatrix, "close the matrix"),
    b!(
        &[Timeline],
        ["t"],
        Action::ToggleTimeline,
        "close the timeline"
    ),
    b!(
        &[Sources],
        ["s"],
        Action::ToggleSources,
        "close the sources"
    ),
    b!(&[Matrix], ["j", "↓"], Action::Down, "next claim", "move"),
    b!(&[Matrix], ["k", "↑"], Action::Up, "previous claim"),
    b!(&[Matrix], ["l", "→", "Tab"], Action::Right, "next source"),
    b!(
        &[Matrix],
        ["h", "←", "Shift-Tab"],
        Action::Left,
        "previous source"
    ),
    b!(
        &[Matrix],
        ["Enter"],
        Action::Open,
        "open the response in the cell (● the claim)",
        "open"
    ),
    b!(&[Timeline], ["j", "↓"], Action::Down, "next item", "move"),
    b!(&[Timeline], ["k", "↑"], Action::Up, "previous item"),
    b!(
        &[Timeline],
        ["Enter"],
        Action::Open,
        "open the item",
        "open"
    ),
    b!(
        &[Timeline],
        ["Ctrl-d"],
        Action::HalfPageDown,
        "half a page down"
    ),
    b!(
        &[Timeline],
        ["Ctrl-u"],
        Action::HalfPageUp,
        "half a page up"
    ),
    b!(&[Sources], ["j", "↓"], Action::Down, "next source", "move"),
    b!(&[Sources], ["k", "↑"], Action::Up, "previous source"),
    b!(
        &[Sources],
        ["x"],
        Action::ToggleSourceFilter,
        "hide this source's items everywhere (again: show them)",
        "hide"
    ),
    b!(ANALYSIS, ["g", "Home"], Action::First, "first row"),
    b!(ANALYSIS, ["G", "End"], Action::Last, "last row"),
    b!(
        &[Matrix, Timeline],
        ["PgDn", "Space"],
        Action::PageDown,
        "a page down"
    ),
    b!(&[Matrix, Timeline], ["PgUp"], Action::PageUp, "a page up"),
    b!(
        &[
            Library,
            Panes,
            Detail,
            Contradictions,
            Matrix,
            Timeline,
            Sources,
            Judgments,
            Sensitivity
        ],
        ["r"],
        Action::Reload,
        "reload the file from disk (in the list: every file)"
    ),
    b!(
        &[
            Library,
            Panes,
            Detail,
            Contradictions,
            Matrix,
            Timeline,
            Sources,
            Judgments,
            Sensitivity
        ],
        ["e"],
        Action::Edit,
        "edit the file in $VISUAL / $EDITOR at the item's line"
    ),
    // ---- reading state: flags, notes, what changed since last read ----
    b!(
        &[Panes, Detail, Contradictions],
        ["f"],
        Action::ToggleFlag,
        "flag the item (again: unflag it)",
        "flag"
    ),
    b!(
        &[Panes, Detail, Contradictions],
        ["a"],
        Action::EditNote,
        "a private note on the item, typed below (Enter keeps it, empty removes it)",
        "note"
    ),
    b!(
        &[Panes, Detail, Contradictions],
        ["A"],
        Action::EditNoteLong,
        "the item's note in $VISUAL / $EDITOR"
    ),
    b!(
        &[Panes, Detail],
        ["D"],
        Action::ToggleChanges,
        "what changed since you last read it, with a word diff"
    ),
    b!(
        &[Panes, Detail],
        ["]"],
        Action::NextChange,
        "next item changed since last read"
    ),
    b!(
        &[Panes, Detail],
        ["["],
        Action::PrevChange,
        "previous item changed since last read"
    ),
    b!(
        &[Library],
        ["D"],
        Action::ToggleChanges,
        "sort by changes since last read, most first (again: the order before)"
    ),
    b!(
        &[Changes],
        ["D"],
        Action::ToggleChanges,
        "close the changes"
    ),
    b!(&[Changes], ["j", "↓"], Action::Down, "next change", "move"),
    b!(&[Changes], ["k", "↑"], Action::Up, "previous change"),
    b!(&[Changes], ["g", "Home"], Action::First, "first change"),
    b!(&[Changes], ["G", "End"], Action::Last, "last change"),
    b!(
        &[Changes],
        ["PgDn", "Space"],
        Action::PageDown,
        "a page down"
    ),
    b!(&[Changes], ["PgUp"], Action::PageUp, "a page up"),
    b!(
        &[Changes],
        ["Enter"],
        Action::Open,
        "open the changed item (and count it read)",
        "open"
    ),
    b!(&[Changes], ["Esc"], Action::Back, "close the changes"),
    b!(&[Changes], ["?"], Action::ToggleHelp, "this help", "help"),
    b!(&[Changes], ["q", "Ctrl-c"], Action::Quit, "quit", "quit"),
    b!(
        &[Changes],
        ["Ctrl-z"],
        Action::Suspend,
        "suspend (fg to come back)"
    ),
    b!(ANALYSIS, ["Esc"], Action::Back, "close the view"),
    b!(
        ANALYSIS,
        ["/"],
        Action::SearchStart,
        "(search is in the panes: Esc, then /)"
    ),
    b!(
        ANALYSIS,
        ["&"],
        Action::FilterStart,
        "(the filter is in the panes: Esc, then &)"
    ),
    b!(ANALYSIS, ["?"], Action::ToggleHelp, "this help", "help"),
    b!(ANALYSIS, ["q", "Ctrl-c"], Action::Quit, "quit", "quit"),
    // ---- acting on an item: copy (OSC 52) and open its URL ----
    b!(
        ACTING,
        ["y"],
        Action::Copy(Part::Citation),
        "copy the item's citation (source, date, who is cited, grade) to the clipboard"
    ),
    b!(
        ACTING,
        ["Y"],
        Action::CopyMenu,
        "copy something else: quote, text, id, URL"
    ),
    b!(
        ACTING,
        ["o"],
        Action::OpenUrl,
        "open the item's URL (else its source's) in $BROWSER or the system's browser"
    ),
    // No key by default (the menu has them); a config file may give them one.
    Binding {
        modes: ACTING,
        keys: &[],
        action: Action::Copy(Part::Quote),
        desc: "copy the item's quote",
        hint: None,
    },
    Binding {
        modes: ACTING,
        keys: &[],
        action: Action::Copy(Part::Text),
        desc: "copy the item's text",
        hint: None,
    },
    Binding {
        modes: ACTING,
        keys: &[],
        action: Action::Copy(Part::Id),
        desc: "copy the item's id",
        hint: None,
    },
    Binding {
        modes: ACTING,
        keys: &[],
        action: Action::Copy(Part::Url),
        desc: "copy the item's URL (else its source's)",
        hint: None,
    },
    b!(
        &[Copy],
        ["c", "y"],
        Action::Copy(Part::Citation),
        "the citation",
        "citation"
    ),
    b!(
        &[Copy],
        ["q"],
        Action::Copy(Part::Quote),
        "the quote",
        "quote"
    ),
    b!(&[Copy], ["t"], Action::Copy(Part::Text), "the text", "text"),
    b!(&[Copy], ["i"], Action::Copy(Part::Id), "the id", "id"),
    b!(
        &[Copy],
        ["u"],
        Action::Copy(Part::Url),
        "the URL (the source's when the item has none)",
        "URL"
    ),
    b!(
        &[Copy],
        ["Esc", "Y"],
        Action::Back,
        "close the menu",
        "close"
    ),
    b!(&[Copy], ["Ctrl-c"], Action::Quit, "quit"),
    b!(
        &[Copy],
        ["Ctrl-z"],
        Action::Suspend,
        "suspend (fg to come back)"
    ),
];

/// Where `y`, `Y` and `o` act on the item in focus.
const ACTING: &[Mode] = &[Panes, Detail, Contradictions, Matrix, Timeline];

const ANALYSIS: &[Mode] = &[Matrix, Timeline, Sources, Judgments, Sensitivity];

/// A binding in force: its keys, in the order the help and the hints show them, what it does,
/// and how the help and the hint bar describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: &'static str,
    pub hint: Option<&'static str>,
    /// How many of `keys` (at the front) a config file added: later ones go after them.
    added: usize,
}

/// The bindings in force: the built-in table ([`BINDINGS`]) with a config file's changes. One
/// is installed for the process ([`install`]); [`lookup`], the help and the hints read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Per mode, in [`Mode::ALL`]'s order, the entries in the table's order.
    modes: Vec<(Mode, Vec<Entry>)>,
    index: HashMap<(Mode, Key), Action>,
}

impl Keymap {
    /// No key bound anywhere (the prompt still types characters).
    pub fn empty() -> Keymap {
        Keymap {
            modes: Mode::ALL.iter().map(|&m| (m, Vec::new())).collect(),
            index: HashMap::new(),
        }
    }

    /// The built-in table.
    pub fn builtin() -> Keymap {
        let mut km = Keymap::empty();
        for b in BINDINGS {
            let keys: Vec<Key> = b.keys.iter().filter_map(|k| k.parse().ok()).collect();
            for &m in b.modes {
                if let Some(entries) = km.entries_mut(m) {
                    entries.push(Entry {
                        keys: keys.clone(),
                        action: b.action,
                        desc: b.desc,
                        hint: b.hint,
                        added: 0,
                    });
                }
            }
        }
        km.reindex();
        km
    }

    fn entries_mut(&mut self, mode: Mode) -> Option<&mut Vec<Entry>> {
        self.modes
            .iter_mut()
            .find(|(m, _)| *m == mode)
            .map(|(_, e)| e)
    }

    /// The entries of `mode`, in the help's order; an entry whose keys were all unbound has none.
    pub fn entries(&self, mode: Mode) -> &[Entry] {
        self.modes
            .iter()
            .find(|(m, _)| *m == mode)
            .map_or(&[], |(_, e)| e.as_slice())
    }

    /// Whether `mode` has an entry for `action` by default (what a config may bind there).
    pub fn has_action(&self, mode: Mode, action: Action) -> bool {
        self.entries(mode).iter().any(|e| e.action == action)
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (m, entries) in &self.modes {
            for e in entries {
                for &k in &e.keys {
                    self.index.entry((*m, k)).or_insert(e.action);
                }
            }
        }
    }

    /// Binds `key` in `mode` to `action`, or unbinds it (`None`). The key leaves whatever it was
    /// bound to; it joins the first entry of the action (before the entry's built-in keys, so the
    /// hint bar shows it), or a new entry at the end when the mode has none.
    pub fn bind(&mut self, mode: Mode, key: Key, action: Option<Action>) {
        let Some(entries) = self.entries_mut(mode) else {
            return;
        };
        if let Some(a) = action {
            if entries
                .iter()
                .any(|e| e.action == a && e.keys.contains(&key))
            {
                return;
            }
        }
        for e in entries.iter_mut() {
            if let Some(at) = e.keys.iter().position(|k| *k == key) {
                e.keys.remove(at);
                if at < e.added {
                    e.added -= 1;
                }
            }
        }
        if let Some(a) = action {
            match entries.iter_mut().find(|e| e.action == a) {
                Some(e) => {
                    e.keys.insert(e.added, key);
                    e.added += 1;
                }
                None => entries.push(Entry {
                    keys: vec![key],
                    action: a,
                    desc: a.describe(),
                    hint: None,
                    added: 1,
                }),
            }
        }
        self.reindex();
    }

    /// The action bound to `key` in `mode`. In the prompt, printable characters type themselves.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        if let Some(a) = self.index.get(&(mode, key)) {
            return Some(*a);
        }
        match (mode, key.code) {
            (Mode::Prompt, KeyCode::Char(c))
                if !key
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::PromptInput(c))
            }
            _ => None,
        }
    }

    /// The first key of `action` in `mode`, as the help spells it.
    pub fn first_key(&self, mode: Mode, action: Action) -> Option<String> {
        self.entries(mode)
            .iter()
            .filter(|e| e.action == action)
            .find_map(|e| e.keys.first())
            .map(Key::to_string)
    }

    /// Every (mode, key) → action in force: what two keymaps are compared by.
    pub fn bound(&self) -> std::collections::BTreeMap<(Mode, String), Action> {
        self.index
            .iter()
            .map(|((m, k), a)| ((*m, k.to_string()), *a))
            .collect()
    }

    /// What the help lists: the group of `first` (the mode under the help) first, then the
    /// others; each key in force with its description.
    pub fn help_groups(&self, first: Mode) -> Vec<HelpGroup> {
        let group = |mode: Mode| HelpGroup {
            title: mode.title(),
            entries: self
                .entries(mode)
                .iter()
                .filter(|e| !e.keys.is_empty())
                .map(|e| (keys_text(&e.keys, usize::MAX, " "), e.desc))
                .collect(),
            legend: match mode {
                Mode::Contradictions => crate::view::pairs::LEGEND,
                _ => &[],
            },
        };
        std::iter::once(first)
            .chain(HELP_ORDER.into_iter().filter(|&m| m != first))
            .map(group)
            .collect()
    }

    /// The short hints for a mode's status bar, in table order: `("j", "move")`.
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.entries(mode)
            .iter()
            .filter(|e| !e.keys.is_empty())
            .filter_map(|e| e.hint.map(|h| (keys_text(&e.keys, 1, "/"), h)))
            .collect()
    }
}

fn keys_text(keys: &[Key], max: usize, sep: &str) -> String {
    keys.iter()
        .take(max)
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

static KEYMAP: OnceLock<Keymap> = OnceLock::new();

/// Makes `keymap` the one in force for the rest of the process (before the reader starts).
/// Gives it back when one is already installed.
pub fn install(keymap: Keymap) -> Result<(), Keymap> {
    KEYMAP.set(keymap)
}

/// The keymap in force: the installed one, else the built-in table.
pub fn current() -> &'static Keymap {
    KEYMAP.get_or_init(Keymap::builtin)
}

/// The order of the help's groups after the first.
const HELP_ORDER: [Mode; 14] = [
    Mode::Library,
    Mode::Panes,
    Mode::Detail,
    Mode::Contradictions,
    Mode::Judgments,
    Mode::Matrix,
    Mode::Timeline,
    Mode::Sources,
    Mode::Sensitivity,
    Mode::Changes,
    Mode::Copy,
    Mode::Prompt,
    Mode::Info,
    Mode::Help,
];

/// What the help lists, from the keymap in force: the group of `first` (the mode under the
/// help) first, then the others.
pub fn help_groups(first: Mode) -> Vec<HelpGroup> {
    current().help_groups(first)
}

/// The action bound to `key` in `mode` by the keymap in force.
pub fn lookup(mode: Mode, key: Key) -> Option<Action> {
    current().lookup(mode, key)
}

/// The short hints for a mode's status bar, from the keymap in force: `("j", "move")`.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    current().hints(mode)
}

/// Parses a space-separated key sequence (`"j j / foo Enter n"`); for tests and scripts.
/// A word that is not a key name is typed character by character.
pub fn parse_sequence(s: &str) -> Vec<Key> {
    let mut out = Vec::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        match word.parse::<Key>() {
            Ok(k) => out.push(k),
            Err(_) => out.extend(
                word.chars()
                    .map(|c| Key::new(KeyCode::Char(c), KeyModifiers::NONE)),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_in_the_table_parses_and_prints_back() {
        for b in BINDINGS {
            for k in b.keys {
                let key: Key = k.parse().unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(key.to_string(), *k, "one spelling for {k}");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            for k in b.keys {
                for m in b.modes {
                    assert!(seen.insert((*m, *k)), "{k} bound twice in {m:?}");
                }
            }
        }
    }

    #[test]
    fn a_remapped_key_moves_and_shows_in_the_help_and_the_hints() {
        let key = |s: &str| s.parse::<Key>().unwrap();
        let mut km = Keymap::builtin();
        km.bind(Mode::Panes, key("Ctrl-n"), Some(Action::Down));
        km.bind(Mode::Panes, key("Ctrl-p"), Some(Action::Up));
        km.bind(Mode::Panes, key("j"), None);
        assert_eq!(km.lookup(Mode::Panes, key("Ctrl-n")), Some(Action::Down));
        assert_eq!(km.lookup(Mode::Panes, key("j")), None);
        assert_eq!(km.lookup(Mode::Panes, key("↓")), Some(Action::Down));
        // Other modes keep their keys.
        assert_eq!(km.lookup(Mode::Detail, key("j")), Some(Action::Down));
        assert_eq!(
            km.hints(Mode::Panes).first(),
            Some(&("Ctrl-n".to_string(), "move"))
        );
        let panes = km.help_groups(Mode::Panes);
        let entries = &panes[0].entries;
        assert!(
            entries.contains(&("Ctrl-n ↓".to_string(), "next item")),
            "{entries:?}"
        );
        assert!(
            entries.contains(&("Ctrl-p k ↑".to_string(), "previous item")),
            "{entries:?}"
        );
    }

    #[test]
    fn a_key_moved_to_another_action_leaves_the_first() {
        let key = |s: &str| s.parse::<Key>().unwrap();
        let mut km = Keymap::builtin();
        km.bind(Mode::Panes, key("j"), Some(Action::Up));
        assert_eq!(km.lookup(Mode::Panes, key("j")), Some(Action::Up));
        let panes = km.help_groups(Mode::Panes);
        assert!(panes[0].entries.contains(&("↓".to_string(), "next item")));
        // An action the mode has no entry for gets one, described by the action.
        km.bind(Mode::Panes, key("F5"), Some(Action::Reload));
        km.bind(Mode::Library, key("Ctrl-q"), Some(Action::Quit));
        assert_eq!(km.lookup(Mode::Library, key("Ctrl-q")), Some(Action::Quit));
    }

    #[test]
    fn the_builtin_keymap_is_the_table() {
        let km = Keymap::builtin();
        for b in BINDINGS {
            for k in b.keys {
                for &m in b.modes {
                    assert_eq!(
                        km.lookup(m, k.parse().unwrap()),
                        Some(b.action),
                        "{k} in {m:?}"
                    );
                }
            }
        }
        // Binding a key to what it already does changes nothing, not even the help's order.
        let mut again = km.clone();
        for b in BINDINGS {
            for k in b.keys {
                for &m in b.modes {
                    again.bind(m, k.parse().unwrap(), Some(b.action));
                }
            }
        }
        assert_eq!(again, km);
    }

    #[test]
    fn every_action_name_reads_back() {
        for (name, action, desc) in super::super::action::NAMED {
            assert_eq!(Action::from_name(name), Some(*action));
            assert_eq!(action.name(), Some(*name));
            assert!(!desc.is_empty());
        }
        // Every action of the table has a name.
        for b in BINDINGS {
            assert!(b.action.name().is_some(), "{:?}", b.action);
        }
    }

    #[test]
    fn ctrl_z_suspends_in_every_mode() {
        let ctrl_z = Key::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for mode in Mode::ALL {
            assert_eq!(lookup(mode, ctrl_z), Some(Action::Suspend), "{mode:?}");
        }
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let k = Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(k.to_string(), "G");
        assert_eq!(lookup(Mode::Panes, k), Some(Action::Last));
        let back = Key::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Panes, back), Some(Action::PrevPane));
    }

    #[test]
    fn prompt_types_characters() {
        assert_eq!(
            lookup(
                Mode::Prompt,
                Key::new(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            Some(Action::PromptInput('q'))
        );
        assert_eq!(
            lookup(
                Mode::Prompt,
                "Ctrl-c"
                    .parse()
                    .unwrap_or(Key::new(KeyCode::Null, KeyModifiers::NONE))
            ),
            Some(Action::Quit)
        );
    }
}
