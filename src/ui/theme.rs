//! Every style of the reader, in one place, and the one mapping from the presentation model's
//! kinds of text to them.

use ratatui::style::{Color, Modifier, Style};

use crate::briefing::Stance;
use crate::view::{self, Kind};

pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
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
pub const ERROR: Style = Style::new()
    .fg(Color::LightRed)
    .add_modifier(Modifier::BOLD);
pub const PAIR_MARK: Style = Style::new().fg(Color::LightMagenta);
pub const HEADING: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const LABEL: Style = Style::new().fg(Color::DarkGray);
/// A figure of two texts compared that differs from the other side's: what the conflict is.
pub const FIGURE_CONFLICT: Style = Style::new()
    .fg(Color::LightRed)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
/// A figure both sides give the same.
pub const FIGURE_AGREE: Style = Style::new().fg(Color::LightGreen);
/// A figure only one side gives.
pub const FIGURE_ONLY: Style = Style::new().fg(Color::LightCyan);
/// An item's grade (`B3`).
pub const GRADE: Style = Style::new()
    .fg(Color::LightBlue)
    .add_modifier(Modifier::BOLD);
/// Significant words both sides of a contradiction share.
pub const SHARED: Style = Style::new()
    .fg(Color::LightMagenta)
    .add_modifier(Modifier::UNDERLINED);
/// A search match, and the current one.
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const MATCH_CURRENT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::LightRed)
    .add_modifier(Modifier::BOLD);

pub fn stance(s: Stance) -> Style {
    match s {
        Stance::Denies => Style::new().fg(Color::LightRed),
        Stance::Disputes => Style::new().fg(Color::LightMagenta),
        Stance::Confirms => Style::new().fg(Color::LightGreen),
        Stance::Clarifies => Style::new().fg(Color::LightCyan),
        Stance::Declines => Style::new().fg(Color::Gray),
    }
}

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

/// The style of a kind of text.
pub fn style(kind: Kind) -> Style {
    match kind {
        Kind::Plain => Style::new(),
        Kind::Title => TITLE,
        Kind::Dim => DIM,
        Kind::Meta => META,
        Kind::Label => LABEL,
        Kind::Heading => HEADING,
        Kind::PaneTitle => PANE_TITLE,
        Kind::PaneTitleFocused => PANE_TITLE_FOCUSED,
        Kind::Marker => MARKER,
        Kind::Selected => SELECTED,
        Kind::SelectedMarker => SELECTED.patch(MARKER),
        Kind::HintKey => HINT_KEY,
        Kind::Message => MESSAGE,
        Kind::Error => ERROR,
        Kind::PairMark => PAIR_MARK,
        Kind::Stance(s) => stance(s),
        Kind::Flag => FLAG,
        Kind::FigureConflict => FIGURE_CONFLICT,
        Kind::FigureAgree => FIGURE_AGREE,
        Kind::FigureOnly => FIGURE_ONLY,
        Kind::Grade => GRADE,
        Kind::Shared => SHARED,
        Kind::Match => MATCH,
        Kind::MatchCurrent => MATCH_CURRENT,
        Kind::Gap => GAP,
        Kind::Border => BORDER,
        Kind::ColumnCurrent => MARKER.add_modifier(Modifier::UNDERLINED),
        Kind::Cursor => Style::new().add_modifier(Modifier::BOLD.union(Modifier::REVERSED)),
        Kind::Status => STATUS,
        Kind::Mode => MODE,
        Kind::Prompt => STATUS.add_modifier(Modifier::BOLD),
        Kind::Filter => FILTER,
        Kind::Tab => TAB,
        Kind::TabActive => TAB_ACTIVE,
    }
}

/// A span of the presentation model, styled: its kind's style with its mark's patched over.
pub fn span(s: &view::Span) -> ratatui::text::Span<'static> {
    let base = style(s.kind);
    let styled = s.mark.map_or(base, |m| base.patch(style(m)));
    ratatui::text::Span::styled(s.text.clone(), styled)
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
