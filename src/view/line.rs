//! Lines as the presentation model has them: text in spans, each with the *kind* of thing it is
//! (a source, a stance, a search match), never a colour. The ui gives each kind its style through
//! the theme; measuring a line (its height, where a match is) needs no terminal at all.

use crate::briefing::Stance;

/// What a piece of text is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Body text, unstyled.
    Plain,
    /// A briefing's title.
    Title,
    /// Secondary text: ids, empty-pane notes, separators.
    Dim,
    /// Facts under an item: its source, date, status.
    Meta,
    /// The label of a field in the detail.
    Label,
    /// The title of a pane or a view's box, and of the one in focus.
    PaneTitle,
    PaneTitleFocused,
    /// A section heading inside a view.
    Heading,
    /// The selection marker in the gutter.
    Marker,
    /// The band of the selected row.
    Selected,
    /// The selected row's text where the row has no band of its own (the pair strip).
    SelectedMarker,
    /// A key in the help or the hints.
    HintKey,
    /// A message, or a warning.
    Message,
    /// An error.
    Error,
    /// The ⚡ mark of a contradiction.
    PairMark,
    /// A stance word or glyph.
    Stance(Stance),
    /// The single-source and anonymity marks.
    Flag,
    /// A figure (number, amount, date) of a compared text with a different value on the other
    /// side: a death toll against a death toll.
    FigureConflict,
    /// A figure with the same value on both sides.
    FigureAgree,
    /// A figure only this side gives.
    FigureOnly,
    /// An item's grade: the source's reliability and the item's credibility (`B3`).
    Grade,
    /// A significant word both sides of a contradiction share.
    Shared,
    /// A search match.
    Match,
    /// The current search match.
    MatchCurrent,
    /// The gap in days on the timeline.
    Gap,
    /// A rule or a lane drawn inside a view, in the border's style.
    Border,
    /// The label of the matrix's selected column.
    ColumnCurrent,
    /// The matrix's cell under the cursor, laid over the cell's own kind.
    Cursor,
    /// The status bar's background (laid over a hint key or an error shown on it).
    Status,
    /// The mode's badge on the status bar, and the prompt's `regex`.
    Mode,
    /// The query being typed in the search prompt.
    Prompt,
    /// The notice, and the badge, of a source filter that hides items.
    Filter,
    /// What changed since last read (`✚ new`, `~ status: reported → denied`), and an item's
    /// flag and note marks.
    Change,
    /// A tab of the narrow layout's tab bar, and the one in focus.
    Tab,
    TabActive,
}

/// A piece of a line: its text (in storage order unless `ordered`), its kind, and a mark laid
/// over it (a search match over a source's name: the match's style patched over the source's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub kind: Kind,
    pub mark: Option<Kind>,
    /// The text is already in display order: the view laid it out with the bidi paragraphs of a
    /// whole text (see `styled::lines`). Other spans are put in display order as they are drawn.
    pub ordered: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, kind: Kind) -> Span {
        Span {
            text: text.into(),
            kind,
            mark: None,
            ordered: false,
        }
    }

    pub fn plain(text: impl Into<String>) -> Span {
        Span::new(text, Kind::Plain)
    }

    /// Cells the span takes on the terminal.
    pub fn width(&self) -> usize {
        crate::text::width(&self.text)
    }

    /// Whether the span shows the current search match.
    pub fn is_current_match(&self) -> bool {
        self.kind == Kind::MatchCurrent || self.mark == Some(Kind::MatchCurrent)
    }
}

/// One line: its spans, and a band under the whole line (the selected row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
    pub band: Option<Kind>,
    /// A line of a right-to-left paragraph, laid out from the right: it begins at the right
    /// edge, and a `…` saying more follows goes on its left.
    pub rtl: bool,
}

impl Line {
    pub fn new(spans: Vec<Span>) -> Line {
        Line {
            spans,
            band: None,
            rtl: false,
        }
    }

    /// A line of one span.
    pub fn of(text: impl Into<String>, kind: Kind) -> Line {
        Line::new(vec![Span::new(text, kind)])
    }

    pub fn plain(text: impl Into<String>) -> Line {
        Line::of(text, Kind::Plain)
    }

    /// The same line on a band (`Some(Kind::Selected)` for the selected row).
    pub fn banded(mut self, band: Option<Kind>) -> Line {
        self.band = band;
        self
    }

    /// Cells the line takes on the terminal.
    pub fn width(&self) -> usize {
        self.spans.iter().map(Span::width).sum()
    }

    /// Whether the line shows the current search match.
    pub fn holds_current_match(&self) -> bool {
        self.spans.iter().any(Span::is_current_match)
    }

    /// The text of the line, without kinds (tests, measuring).
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}
