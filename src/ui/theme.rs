//! Every style of the reader, in one place, and the one mapping from the presentation model's
//! kinds of text to them.
//!
//! The styles come in themes ([`Theme`]): `dark` (the constants below), `light`, `high-contrast`,
//! and `mono`, what `NO_COLOR` and `--color never` leave: no colour at all, but bold, underline
//! and reverse video, so a search match, a figure in conflict and the selection stay marked. Each
//! style has a name ([`Role`]) a config file's `[theme]` table overrides it by. One theme is
//! installed for the process before the reader starts ([`install`]); [`style`] reads it.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use crate::briefing::Stance;
use crate::view::{self, Kind};

// ---- the dark theme's styles (the default, and what the tests compare cells with) ----
//
// Measured on xterm's palette against black and against the selection band (#303030): xterm's
// red (#ff0000), magenta and dark grey fall under 4.5:1 on the band, so text uses the lighter
// shades of the 256-colour cube.

/// Red text: errors, denials, figures in conflict (#ff8787).
const RED: Color = Color::Indexed(210);
/// Magenta text: disputes, the ⚡ mark, shared words (#ff5fff).
const MAGENTA: Color = Color::Indexed(207);
/// Grey text: ids, labels (#9e9e9e).
const GREY: Color = Color::Indexed(247);
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(GREY);
pub const META: Style = Style::new().fg(Color::Gray);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Yellow);
pub const PANE_TITLE: Style = Style::new().fg(Color::Gray);
pub const PANE_TITLE_FOCUSED: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// The selected item: a background band, plus the gutter marker.
pub const SELECTED: Style = Style::new().bg(Color::Indexed(236));
pub const MARKER: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const TAB: Style = Style::new().fg(Color::Gray);
pub const TAB_ACTIVE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub const STATUS: Style = Style::new().bg(Color::Indexed(235));
pub const MODE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const HINT_KEY: Style = Style::new().fg(Color::Yellow);
pub const MESSAGE: Style = Style::new().fg(Color::LightYellow);
pub const ERROR: Style = Style::new().fg(RED).add_modifier(Modifier::BOLD);
pub const PAIR_MARK: Style = Style::new().fg(MAGENTA);
pub const HEADING: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const LABEL: Style = Style::new().fg(GREY);
/// A figure of two texts compared that differs from the other side's: what the conflict is.
pub const FIGURE_CONFLICT: Style = Style::new()
    .fg(RED)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
/// A figure both sides give the same.
pub const FIGURE_AGREE: Style = Style::new().fg(Color::LightGreen);
/// A figure only one side gives.
pub const FIGURE_ONLY: Style = Style::new().fg(Color::LightCyan);
/// An item's grade (`B3`).
pub const GRADE: Style = Style::new()
    .fg(Color::Indexed(117))
    .add_modifier(Modifier::BOLD);
/// Significant words both sides of a contradiction share.
pub const SHARED: Style = Style::new().fg(MAGENTA).add_modifier(Modifier::UNDERLINED);
/// A search match, and the current one.
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const MATCH_CURRENT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::LightRed)
    .add_modifier(Modifier::BOLD);

pub const DENIES: Style = Style::new().fg(RED);
pub const DISPUTES: Style = Style::new().fg(MAGENTA);
pub const CONFIRMS: Style = Style::new().fg(Color::LightGreen);
pub const CLARIFIES: Style = Style::new().fg(Color::LightCyan);
pub const DECLINES: Style = Style::new().fg(Color::Gray);

// ---- analysis views ----
/// The single-source and anonymity marks on items.
pub const FLAG: Style = Style::new().fg(Color::LightYellow);
/// The notice that a source filter hides items.
pub const FILTER: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::LightYellow)
    .add_modifier(Modifier::BOLD);
/// The gap in days between dates on the timeline.
pub const GAP: Style = Style::new().fg(Color::LightCyan);

/// The matrix's selected column's label.
pub const COLUMN_CURRENT: Style = MARKER.add_modifier(Modifier::UNDERLINED);
/// The matrix's cell under the cursor.
pub const CURSOR: Style = Style::new().add_modifier(Modifier::BOLD.union(Modifier::REVERSED));
/// The query being typed.
pub const PROMPT: Style = STATUS.add_modifier(Modifier::BOLD);

macro_rules! roles {
    ($($role:ident $name:literal $text:literal,)+) => {
        /// A style of the theme, by the name a config file's `[theme]` table gives it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Role { $($role),+ }

        impl Role {
            /// Every role, in the order `brief config default` lists them.
            pub const ALL: &'static [Role] = &[$(Role::$role),+];

            /// The role's name in the config file.
            pub fn name(self) -> &'static str {
                match self { $(Role::$role => $name),+ }
            }

            /// What the role styles, for `brief config default`.
            pub fn describe(self) -> &'static str {
                match self { $(Role::$role => $text),+ }
            }
        }
    };
}

roles! {
    Title "title" "a briefing's title",
    Dim "dim" "secondary text: ids, empty-pane notes, separators",
    Meta "meta" "an item's source, date and status",
    Label "label" "the label of a field in the detail",
    Heading "heading" "a heading inside a view",
    PaneTitle "pane-title" "the title of a pane or box",
    PaneTitleFocused "pane-title-focused" "the title of the pane or box in focus",
    Border "border" "a pane's border, a rule inside a view",
    BorderFocused "border-focused" "the border of the pane or box in focus",
    Marker "marker" "the selection marker in the gutter",
    Selected "selected" "the band of the selected row",
    SelectedMarker "selected-marker" "the selected row where it has no band (the pair strip)",
    HintKey "hint-key" "a key in the help and the hint bar",
    Message "message" "a message or warning",
    Error "error" "an error",
    PairMark "pair-mark" "the ⚡ of a contradiction",
    Denies "denies" "the stance `denies`",
    Disputes "disputes" "the stance `disputes`",
    Confirms "confirms" "the stance `confirms`",
    Clarifies "clarifies" "the stance `clarifies`",
    Declines "declines" "the stance `declines`",
    Flag "flag" "the marks `1 source` and `anonymous`",
    FigureConflict "figure-conflict" "a figure the other side gives differently",
    FigureAgree "figure-agree" "a figure both sides give the same",
    FigureOnly "figure-only" "a figure only one side gives",
    Grade "grade" "an item's grade (B3)",
    Shared "shared" "a rare word both sides of a pair share",
    Match "match" "a search match",
    MatchCurrent "match-current" "the current search match",
    Gap "gap" "the gap in days on the timeline",
    ColumnCurrent "column-current" "the matrix's selected column",
    Cursor "cursor" "the matrix's cell under the cursor",
    Status "status" "the status bar",
    Mode "mode" "the mode's badge on the status bar",
    Prompt "prompt" "the query being typed",
    Filter "filter" "the notice of a hidden source",
    Tab "tab" "a tab of the narrow layout",
    TabActive "tab-active" "the tab in focus",
}

impl Role {
    /// The role a config file names.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// A mark rather than text: WCAG asks 3:1 of a graphical object, 4.5:1 of text.
    pub fn is_mark(self) -> bool {
        matches!(
            self,
            Role::Border | Role::BorderFocused | Role::Marker | Role::PairMark
        )
    }
}

/// The built-in themes a config file, `--theme` or `BRIEF_THEME` chooses from; `auto` asks the
/// terminal for its background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Dark,
    Light,
    HighContrast,
    Auto,
}

impl Choice {
    pub const ALL: [Choice; 4] = [
        Choice::Dark,
        Choice::Light,
        Choice::HighContrast,
        Choice::Auto,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Choice::Dark => "dark",
            Choice::Light => "light",
            Choice::HighContrast => "high-contrast",
            Choice::Auto => "auto",
        }
    }

    pub fn from_name(name: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// An RGB colour, for measuring contrast.
pub type Rgb = (u8, u8, u8);

/// A set of styles, one per [`Role`], with the terminal colours it is made for: the default
/// foreground and background it assumes (what `Color::Reset` shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: &'static str,
    styles: Vec<Style>,
    pub foreground: Rgb,
    pub background: Rgb,
}

/// xterm's default palette, the 16 colours the themes are measured on.
const XTERM: [Rgb; 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// The RGB of a colour on the xterm palette (the 6×6×6 cube and the grey ramp above 15);
/// `None` for `Reset`, the terminal's default.
pub fn rgb(c: Color) -> Option<Rgb> {
    let index = match c {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some((r, g, b)),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
    };
    Some(match index {
        0..=15 => XTERM.get(usize::from(index)).copied().unwrap_or_default(),
        16..=231 => {
            let n = index - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let v = 8 + 10 * (index - 232);
            (v, v, v)
        }
    })
}

/// WCAG 2 relative luminance.
fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn bold(s: Style) -> Style {
    s.add_modifier(Modifier::BOLD)
}

impl Theme {
    fn from_fn(
        name: &'static str,
        foreground: Rgb,
        background: Rgb,
        f: impl Fn(Role) -> Style,
    ) -> Theme {
        Theme {
            name,
            styles: Role::ALL.iter().map(|&r| f(r)).collect(),
            foreground,
            background,
        }
    }

    /// Light text on a dark background: the constants of this module.
    pub fn dark() -> Theme {
        Theme::from_fn("dark", XTERM[7], XTERM[0], |r| match r {
            Role::Title => TITLE,
            Role::Dim => DIM,
            Role::Meta => META,
            Role::Label => LABEL,
            Role::Heading => HEADING,
            Role::PaneTitle => PANE_TITLE,
            Role::PaneTitleFocused => PANE_TITLE_FOCUSED,
            Role::Border => BORDER,
            Role::BorderFocused => BORDER_FOCUSED,
            Role::Marker => MARKER,
            Role::Selected => SELECTED,
            Role::SelectedMarker => SELECTED.patch(MARKER),
            Role::HintKey => HINT_KEY,
            Role::Message => MESSAGE,
            Role::Error => ERROR,
            Role::PairMark => PAIR_MARK,
            Role::Denies => DENIES,
            Role::Disputes => DISPUTES,
            Role::Confirms => CONFIRMS,
            Role::Clarifies => CLARIFIES,
            Role::Declines => DECLINES,
            Role::Flag => FLAG,
            Role::FigureConflict => FIGURE_CONFLICT,
            Role::FigureAgree => FIGURE_AGREE,
            Role::FigureOnly => FIGURE_ONLY,
            Role::Grade => GRADE,
            Role::Shared => SHARED,
            Role::Match => MATCH,
            Role::MatchCurrent => MATCH_CURRENT,
            Role::Gap => GAP,
            Role::ColumnCurrent => COLUMN_CURRENT,
            Role::Cursor => CURSOR,
            Role::Status => STATUS,
            Role::Mode => MODE,
            Role::Prompt => PROMPT,
            Role::Filter => FILTER,
            Role::Tab => TAB,
            Role::TabActive => TAB_ACTIVE,
        })
    }

    /// Dark text on a light background: 256-colour shades dark enough for 4.5:1 on white and
    /// on the light grey selection band.
    pub fn light() -> Theme {
        const INK: Color = Color::Indexed(238); // #444444
        const DIMMED: Color = Color::Indexed(240); // #585858
        const BLUE: Color = Color::Indexed(25); // #005faf
        const TEAL: Color = Color::Indexed(24); // #005f87
        const RED: Color = Color::Indexed(124); // #af0000
        const GREEN: Color = Color::Indexed(22); // #005f00
        const PURPLE: Color = Color::Indexed(90); // #870087
        const OCHRE: Color = Color::Indexed(94); // #875f00
        const BAND: Color = Color::Indexed(254); // #e4e4e4
        const GOLD: Color = Color::Indexed(220); // #ffd700
        const WHITE: Color = Color::Indexed(231); // #ffffff
        let fg = |c: Color| Style::new().fg(c);
        Theme::from_fn("light", XTERM[0], XTERM[15], |r| match r {
            Role::Title => bold(Style::new()),
            Role::Dim | Role::Label | Role::Declines => fg(DIMMED),
            Role::Meta | Role::PaneTitle | Role::Tab => fg(INK),
            Role::Heading => bold(fg(TEAL)),
            Role::PaneTitleFocused | Role::Marker => bold(fg(BLUE)),
            Role::Border => fg(Color::Indexed(244)), // #808080: 3.9:1, a mark
            Role::BorderFocused | Role::HintKey => fg(BLUE),
            Role::Selected => Style::new().bg(BAND),
            Role::SelectedMarker => bold(fg(BLUE).bg(BAND)),
            Role::Message | Role::Flag => fg(OCHRE),
            Role::Error => bold(fg(RED)),
            Role::PairMark | Role::Disputes => fg(PURPLE),
            Role::Denies => fg(RED),
            Role::Confirms | Role::FigureAgree => fg(GREEN),
            Role::Clarifies | Role::FigureOnly | Role::Gap => fg(TEAL),
            Role::FigureConflict => fg(RED).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::Grade => bold(fg(TEAL)),
            Role::Shared => fg(PURPLE).add_modifier(Modifier::UNDERLINED),
            Role::Match => fg(Color::Indexed(16)).bg(GOLD),
            Role::MatchCurrent => bold(fg(WHITE).bg(RED)),
            Role::ColumnCurrent => fg(BLUE).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::Cursor => CURSOR,
            Role::Status => Style::new().bg(BAND),
            Role::Mode => bold(fg(WHITE).bg(TEAL)),
            Role::Prompt => bold(Style::new().bg(BAND)),
            Role::Filter => bold(fg(Color::Indexed(16)).bg(GOLD)),
            Role::TabActive => bold(fg(WHITE).bg(BLUE)),
        })
    }

    /// The brightest colours on black, everything that matters bold, the selection and the
    /// status bar in reverse video.
    pub fn high_contrast() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        Theme::from_fn("high-contrast", XTERM[15], XTERM[0], |r| match r {
            Role::Title | Role::Heading | Role::PaneTitleFocused => bold(fg(Color::White)),
            Role::Dim | Role::Label | Role::Meta | Role::PaneTitle | Role::Tab => fg(Color::Gray),
            Role::Declines => fg(Color::Gray),
            Role::Border => fg(Color::Gray),
            Role::BorderFocused | Role::Marker | Role::HintKey => bold(fg(Color::LightYellow)),
            Role::Selected => reverse,
            Role::SelectedMarker => bold(reverse),
            Role::Message | Role::Flag => fg(Color::LightYellow),
            Role::Error | Role::Denies => bold(fg(Color::LightRed)),
            Role::PairMark | Role::Disputes => fg(Color::LightMagenta),
            Role::Confirms | Role::FigureAgree => fg(Color::LightGreen),
            Role::Clarifies | Role::FigureOnly | Role::Gap | Role::Grade => {
                bold(fg(Color::LightCyan))
            }
            Role::FigureConflict => {
                fg(Color::LightRed).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            }
            Role::Shared => fg(Color::LightMagenta).add_modifier(Modifier::UNDERLINED),
            Role::Match => bold(fg(Color::Black).bg(Color::LightYellow)),
            Role::MatchCurrent => fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::ColumnCurrent => {
                fg(Color::LightYellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            }
            Role::Cursor => CURSOR,
            Role::Status => reverse,
            Role::Mode => bold(fg(Color::Black).bg(Color::LightCyan)),
            Role::Prompt => bold(reverse),
            Role::Filter => bold(fg(Color::Black).bg(Color::LightYellow)),
            Role::TabActive => bold(reverse),
        })
    }

    /// No colour (NO_COLOR, `--color never`): the emphasis that is not colour stays. Matches
    /// and the selection in reverse video, figures bold or underlined.
    pub fn mono() -> Theme {
        let m = |m: Modifier| Style::new().add_modifier(m);
        let (b, u, rev, it) = (
            Modifier::BOLD,
            Modifier::UNDERLINED,
            Modifier::REVERSED,
            Modifier::ITALIC,
        );
        Theme::from_fn("mono", XTERM[7], XTERM[0], |r| match r {
            Role::Title
            | Role::Heading
            | Role::PaneTitleFocused
            | Role::BorderFocused
            | Role::Marker
            | Role::HintKey
            | Role::Message
            | Role::Error
            | Role::Grade
            | Role::FigureAgree
            | Role::Prompt => m(b),
            Role::Selected => m(rev),
            Role::SelectedMarker | Role::Cursor | Role::Mode | Role::Filter | Role::TabActive => {
                m(rev | b)
            }
            Role::FigureConflict | Role::ColumnCurrent => m(b | u),
            Role::FigureOnly => m(u),
            Role::Shared => m(it | u),
            // Underlined too, so a match inside the (reversed) selection still shows.
            Role::Match => m(rev | u),
            Role::MatchCurrent => m(rev | b | u),
            _ => Style::new(),
        })
    }

    /// The theme a choice names (`auto` resolved before, by whoever can ask the terminal).
    pub fn builtin(choice: Choice) -> Theme {
        match choice {
            Choice::Light => Theme::light(),
            Choice::HighContrast => Theme::high_contrast(),
            Choice::Dark | Choice::Auto => Theme::dark(),
        }
    }

    /// The style of a role.
    pub fn get(&self, role: Role) -> Style {
        Role::ALL
            .iter()
            .position(|&r| r == role)
            .and_then(|i| self.styles.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// Replaces the style of a role (a config file's `[theme]` table).
    pub fn set(&mut self, role: Role, style: Style) {
        if let Some(slot) = Role::ALL
            .iter()
            .position(|&r| r == role)
            .and_then(|i| self.styles.get_mut(i))
        {
            *slot = style;
        }
    }

    /// The same theme without colour: every style keeps its modifiers only.
    pub fn without_colour(mut self) -> Theme {
        for s in &mut self.styles {
            *s = Style::new()
                .add_modifier(s.add_modifier)
                .remove_modifier(s.sub_modifier);
        }
        self
    }

    /// The style of a kind of text.
    pub fn style(&self, kind: Kind) -> Style {
        match role_of(kind) {
            Some(r) => self.get(r),
            None => Style::new(),
        }
    }
}

/// The role that styles a kind of text; plain text has none.
pub fn role_of(kind: Kind) -> Option<Role> {
    Some(match kind {
        Kind::Plain => return None,
        Kind::Title => Role::Title,
        Kind::Dim => Role::Dim,
        Kind::Meta => Role::Meta,
        Kind::Label => Role::Label,
        Kind::Heading => Role::Heading,
        Kind::PaneTitle => Role::PaneTitle,
        Kind::PaneTitleFocused => Role::PaneTitleFocused,
        Kind::Marker => Role::Marker,
        Kind::Selected => Role::Selected,
        Kind::SelectedMarker => Role::SelectedMarker,
        Kind::HintKey => Role::HintKey,
        Kind::Message => Role::Message,
        Kind::Error => Role::Error,
        Kind::PairMark => Role::PairMark,
        Kind::Stance(Stance::Denies) => Role::Denies,
        Kind::Stance(Stance::Disputes) => Role::Disputes,
        Kind::Stance(Stance::Confirms) => Role::Confirms,
        Kind::Stance(Stance::Clarifies) => Role::Clarifies,
        Kind::Stance(Stance::Declines) => Role::Declines,
        Kind::Flag => Role::Flag,
        Kind::FigureConflict => Role::FigureConflict,
        Kind::FigureAgree => Role::FigureAgree,
        Kind::FigureOnly => Role::FigureOnly,
        Kind::Grade => Role::Grade,
        Kind::Shared => Role::Shared,
        Kind::Match => Role::Match,
        Kind::MatchCurrent => Role::MatchCurrent,
        Kind::Gap => Role::Gap,
        Kind::Border => Role::Border,
        Kind::ColumnCurrent => Role::ColumnCurrent,
        Kind::Cursor => Role::Cursor,
        Kind::Status => Role::Status,
        Kind::Mode => Role::Mode,
        Kind::Prompt => Role::Prompt,
        Kind::Filter | Kind::Change => Role::Filter,
        Kind::Tab => Role::Tab,
        Kind::TabActive => Role::TabActive,
    })
}

/// What the ui paints with, for the whole process: the theme, and whether the terminal cursor
/// follows the selection for screen readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: Theme,
    pub screen_reader: bool,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Makes `settings` the ones in force (before the reader starts); gives them back when some
/// already are.
pub fn install(settings: Settings) -> Result<(), Settings> {
    SETTINGS.set(settings)
}

/// The settings in force: the installed ones, else the dark theme without a cursor.
pub fn settings() -> &'static Settings {
    SETTINGS.get_or_init(|| Settings {
        theme: Theme::dark(),
        screen_reader: false,
    })
}

/// The style of a role in the theme in force.
pub fn get(role: Role) -> Style {
    settings().theme.get(role)
}

/// The stance's style in the theme in force.
pub fn stance(s: Stance) -> Style {
    style(Kind::Stance(s))
}

/// The style of a kind of text in the theme in force.
pub fn style(kind: Kind) -> Style {
    settings().theme.style(kind)
}

/// A span of the presentation model, styled: its kind's style with its mark's patched over.
pub fn span(s: &view::Span) -> ratatui::text::Span<'static> {
    let base = style(s.kind);
    let styled = s.mark.map_or(base, |m| base.patch(style(m)));
    let text = if s.ordered {
        s.text.clone()
    } else {
        crate::text::bidi::visual(&s.text).into_owned()
    };
    ratatui::text::Span::styled(text, styled)
}

/// A line of the presentation model, styled, on its band.
pub fn line(l: &view::Line) -> ratatui::text::Line<'static> {
    let out = ratatui::text::Line::from(l.spans.iter().map(span).collect::<Vec<_>>());
    match l.band {
        Some(band) => out.style(style(band)),
        None => out,
    }
}

/// Lines of the presentation model, styled.
pub fn lines<'a>(
    ls: impl IntoIterator<Item = &'a view::Line>,
) -> Vec<ratatui::text::Line<'static>> {
    ls.into_iter().map(line).collect()
}

/// Spans of the presentation model, styled.
pub fn spans(ss: &[view::Span]) -> Vec<ratatui::text::Span<'static>> {
    ss.iter().map(span).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a style shows on the theme's terminal: its foreground and background in RGB, the
    /// defaults where it leaves them, swapped in reverse video.
    fn shown(theme: &Theme, s: Style) -> (Rgb, Rgb) {
        let fg = s.fg.and_then(rgb).unwrap_or(theme.foreground);
        let bg = s.bg.and_then(rgb).unwrap_or(theme.background);
        if s.add_modifier.contains(Modifier::REVERSED) {
            (bg, fg)
        } else {
            (fg, bg)
        }
    }

    fn themes() -> Vec<Theme> {
        vec![
            Theme::dark(),
            Theme::light(),
            Theme::high_contrast(),
            Theme::mono(),
        ]
    }

    /// Every style of every theme, on the theme's background, on the selection band (the row's
    /// text is drawn over it) and, for what the status bar shows, on the status bar: 4.5:1 for
    /// text, 3:1 for marks (WCAG 2.1, 1.4.3 and 1.4.11).
    #[test]
    fn without_colour_a_match_inside_the_selection_still_shows() {
        let t = Theme::mono();
        let band = t.get(Role::Selected);
        for role in [Role::Match, Role::MatchCurrent] {
            assert_ne!(
                band.patch(t.get(role)),
                band,
                "{role:?} inside the selected row"
            );
        }
        assert_ne!(
            band.patch(t.get(Role::Match)),
            band.patch(t.get(Role::MatchCurrent))
        );
    }

    #[test]
    fn every_style_of_every_theme_is_readable() {
        let mut failures = Vec::new();
        for theme in themes() {
            let mut check = |what: String, role: Role, s: Style| {
                let (fg, bg) = shown(&theme, s);
                let need = if role.is_mark() { 3.0 } else { 4.5 };
                let got = contrast(fg, bg);
                if got < need {
                    failures.push(format!(
                        "{}: {what}: {got:.2}:1 < {need}:1 ({fg:?} on {bg:?})",
                        theme.name
                    ));
                }
            };
            for &role in Role::ALL {
                check(role.name().to_string(), role, theme.get(role));
                let own_bg = theme.get(role).bg.is_some();
                if !own_bg && !matches!(role, Role::Border | Role::BorderFocused) {
                    let on_band = theme.get(Role::Selected).patch(theme.get(role));
                    check(format!("{} on the selection", role.name()), role, on_band);
                }
            }
            for role in [Role::HintKey, Role::Error, Role::Message, Role::Prompt] {
                let on_bar = theme.get(Role::Status).patch(theme.get(role));
                check(format!("{} on the status bar", role.name()), role, on_bar);
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_palette_is_xterms() {
        assert_eq!(rgb(Color::Indexed(236)), Some((0x30, 0x30, 0x30)));
        assert_eq!(rgb(Color::Indexed(16)), Some((0, 0, 0)));
        assert_eq!(rgb(Color::Indexed(231)), Some((255, 255, 255)));
        assert_eq!(rgb(Color::Indexed(25)), Some((0, 0x5f, 0xaf)));
        assert_eq!(rgb(Color::LightCyan), Some((0, 255, 255)));
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    }

    /// The light theme's selection is not the dark theme's band (black on #303030 is 1.6:1).
    #[test]
    fn the_light_theme_has_a_light_band() {
        let band = Theme::light().get(Role::Selected).bg.and_then(rgb);
        assert_eq!(band, Some((0xe4, 0xe4, 0xe4)));
        assert!(contrast((0, 0, 0), (0x30, 0x30, 0x30)) < 2.0);
    }

    #[test]
    fn without_colour_only_modifiers_are_left() {
        let mono = Theme::dark().without_colour();
        for &role in Role::ALL {
            let s = mono.get(role);
            assert_eq!((s.fg, s.bg), (None, None), "{}", role.name());
        }
        let m = Theme::mono();
        assert!(m.get(Role::Match).add_modifier.contains(Modifier::REVERSED));
        assert!(m
            .get(Role::Selected)
            .add_modifier
            .contains(Modifier::REVERSED));
        assert!(m
            .get(Role::FigureConflict)
            .add_modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED));
    }

    #[test]
    fn every_role_has_a_name_that_reads_back() {
        for &r in Role::ALL {
            assert_eq!(Role::from_name(r.name()), Some(r));
        }
    }
}
