//! The one table of key bindings: (mode, key) → action, with a description per binding.
//! Behaviour, the help overlay and the status-bar hints are all generated from [`BINDINGS`].

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

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
}

impl Mode {
    /// Every mode, in declaration order.
    pub const ALL: [Mode; 10] = [
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
        }
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
            Mode::Prompt => "Search prompt",
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
            Sources
        ],
        ["Ctrl-z"],
        Action::Suspend,
        "suspend (fg to come back)"
    ),
    b!(
        &[Prompt],
        ["Enter"],
        Action::PromptAccept,
        "keep the search",
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
        "toggle regular expression",
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
        &[Panes, Detail, Contradictions, Timeline, Sources],
        ["m"],
        Action::ToggleMatrix,
        "stance matrix: claims down, sources across",
        "matrix"
    ),
    b!(
        &[Panes, Detail, Contradictions, Matrix, Sources],
        ["t"],
        Action::ToggleTimeline,
        "timeline: what each source said when",
        "timeline"
    ),
    b!(
        &[Panes, Detail, Contradictions, Matrix, Timeline],
        ["s"],
        Action::ToggleSources,
        "sources: who said what; hide one everywhere",
        "sources"
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
            Sources
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
            Sources
        ],
        ["e"],
        Action::Edit,
        "edit the file in $VISUAL / $EDITOR at the item's line"
    ),
    b!(ANALYSIS, ["Esc"], Action::Back, "close the view"),
    b!(
        ANALYSIS,
        ["/"],
        Action::SearchStart,
        "(search is in the panes: Esc, then /)"
    ),
    b!(ANALYSIS, ["?"], Action::ToggleHelp, "this help", "help"),
    b!(ANALYSIS, ["q", "Ctrl-c"], Action::Quit, "quit", "quit"),
];

const ANALYSIS: &[Mode] = &[Matrix, Timeline, Sources];

fn table() -> &'static HashMap<(Mode, Key), Action> {
    static TABLE: OnceLock<HashMap<(Mode, Key), Action>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for b in BINDINGS {
            for k in b.keys {
                if let Ok(key) = k.parse::<Key>() {
                    for &m in b.modes {
                        map.entry((m, key)).or_insert(b.action);
                    }
                }
            }
        }
        map
    })
}

/// The action bound to `key` in `mode`. In the prompt, printable characters type themselves.
/// The order of the help's groups after the first.
const HELP_ORDER: [Mode; 10] = [
    Mode::Library,
    Mode::Panes,
    Mode::Detail,
    Mode::Contradictions,
    Mode::Matrix,
    Mode::Timeline,
    Mode::Sources,
    Mode::Prompt,
    Mode::Info,
    Mode::Help,
];

/// What the help lists, from [`BINDINGS`]: the group of `first` (the mode under the help)
/// first, then the others.
pub fn help_groups(first: Mode) -> Vec<HelpGroup> {
    let group = |mode: Mode| HelpGroup {
        title: mode.title(),
        entries: BINDINGS
            .iter()
            .filter(|b| b.modes.contains(&mode))
            .map(|b| (b.keys.join(" "), b.desc))
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

pub fn lookup(mode: Mode, key: Key) -> Option<Action> {
    if let Some(a) = table().get(&(mode, key)) {
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

/// `j/↓` — the first two keys of a binding, as the hint bar and help show them.
pub fn keys_label(b: &Binding, max: usize) -> String {
    b.keys
        .iter()
        .take(max)
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

/// The short hints for a mode's status bar, in table order: `("j/↓", "move")`.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .filter_map(|b| b.hint.map(|h| (keys_label(b, 1), h)))
        .collect()
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
