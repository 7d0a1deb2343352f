//! Drawing: pure functions from `&App` to a frame. Nothing here changes the app.

pub mod contradictions;
pub mod detail;
pub mod help;
pub mod info;
pub mod layout;
pub mod library;
pub mod matrix;
pub mod panes;
pub mod scrolled;
pub mod sources;
pub mod status;
pub mod styled;
pub mod theme;
pub mod timeline;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::app::shell::Shell;
use crate::app::{App, Screen};
use crate::briefing::search::{Field, Place, ITEM_FIELDS};
use crate::briefing::ItemRef;

fn too_small(frame: &mut Frame, area: Rect) {
    let msg = Paragraph::new(vec![
        Line::from("terminal too small"),
        Line::from(format!("need {}×{}", layout::MIN_WIDTH, layout::MIN_HEIGHT)),
    ])
    .wrap(Wrap { trim: true });
    frame.render_widget(msg, area);
}

/// Draws the library, or the reader over the open briefing.
pub fn render_shell(shell: &Shell, frame: &mut Frame) {
    if let Some(app) = &shell.reader {
        render(app, frame);
        return;
    }
    draw_library(shell, frame);
    mend_wide_cells(frame.buffer_mut());
}

fn draw_library(shell: &Shell, frame: &mut Frame) {
    let area = frame.area();
    let Some(f) = layout::frame(area) else {
        too_small(frame, area);
        return;
    };
    status::library_header(shell, frame, f.header);
    library::render(shell, frame, f.body);
    status::library_status(shell, frame, f.status);
    if let Some(scroll) = shell.help {
        help::render(crate::app::keymap::Mode::Library, scroll, frame, area);
    }
}

/// Blanks every double-width character whose right half something else was drawn over: an
/// overlay's border over Korean text in the pane below. The terminal would draw the whole
/// character and hide the border; ratatui assumes no wide cell is followed by a non-blank one.
pub fn mend_wide_cells(buf: &mut ratatui::buffer::Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let covered = buf.cell((x + 1, y)).is_some_and(|c| c.symbol() != " ");
            if let Some(cell) = buf.cell_mut((x, y)) {
                if covered && unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
                    cell.set_symbol(" ");
                }
            }
        }
    }
}

/// Draws the whole screen for the app's state.
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    mend_wide_cells(frame.buffer_mut());
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(f) = layout::frame(area) else {
        too_small(frame, area);
        return;
    };
    status::header(app, frame, f.header);
    match app.stack.last() {
        None => panes::render(app, frame, f.body),
        Some(Screen::Detail(d)) => detail::render(app, d, frame, f.body),
        Some(Screen::Contradictions(p)) => contradictions::render(app, *p, frame, f.body),
        Some(Screen::Matrix(m)) => matrix::render(app, *m, frame, f.body),
        Some(Screen::Timeline(t)) => timeline::render(app, *t, frame, f.body),
        Some(Screen::Sources(s)) => sources::render(app, *s, frame, f.body),
    }
    status::status_bar(app, frame, f.status);
    if let Some(scroll) = app.info {
        info::render(app, scroll, frame, area);
    }
    if let Some(scroll) = app.help {
        help::render(app.mode_under_help(), scroll, frame, area);
    }
}

/// A rectangle centred in `area`, at most `w`×`h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The search matches of one field, ready to draw.
#[derive(Debug, Clone, Default)]
pub struct FieldMatches {
    pub highlights: Vec<styled::Highlight>,
    /// Where the current match starts, when it is in this field.
    pub current: Option<usize>,
}

/// Search matches in one field of a place, as highlights on the text the view draws: the field's
/// displayed text after a prefix of `shift` bytes. `one_line`: the view draws the field on one
/// line, its newlines as `↵` ([`crate::text::sanitize_line`]), which moves the offsets after each.
pub fn field_matches(
    app: &App,
    place: Place,
    field: Field,
    one_line: bool,
    shift: usize,
) -> FieldMatches {
    let ranges = app.match_ranges(place, field);
    if ranges.is_empty() {
        return FieldMatches::default();
    }
    let text = app.doc.index().field_text(&app.doc.briefing, place, field);
    let at = |x: usize| {
        let newlines = if one_line {
            text.get(..x).map_or(0, |t| t.matches('\n').count())
        } else {
            0
        };
        x + newlines * ('↵'.len_utf8() - 1) + shift
    };
    let mut out = FieldMatches::default();
    for (range, current) in ranges {
        let range = at(range.start)..at(range.end);
        if current {
            out.current = Some(range.start);
        }
        out.highlights.push(styled::Highlight {
            range,
            style: if current {
                theme::MATCH_CURRENT
            } else {
                theme::MATCH
            },
        });
    }
    out
}

/// Search matches to highlight in an item's text; the current match stands out.
pub fn search_highlights(app: &App, r: ItemRef) -> Vec<styled::Highlight> {
    field_matches(app, Place::Item(r), Field::Text, false, 0).highlights
}

/// What a view calls a field in the mark of a match it does not show.
pub fn field_word(field: Field) -> &'static str {
    match field {
        Field::Title => "title",
        Field::Summary => "summary",
        Field::Text => "text",
        Field::Quote => "quote",
        Field::Source => "source",
        Field::Attribution => "attribution",
        Field::Date => "date",
        Field::Note => "note",
    }
}

/// Marks for the item's fields that hold matches but that the view does not draw (`shown` are
/// the ones it draws): `⌕ quote`, in the current match's style when the current match is there,
/// so that every match the counter counts can be seen.
pub fn hidden_match_marks(app: &App, r: ItemRef, shown: &[Field]) -> Vec<(String, Style)> {
    let Some(s) = &app.search else {
        return Vec::new();
    };
    let current = app.current_match();
    ITEM_FIELDS
        .iter()
        .filter(|f| !shown.contains(f))
        .filter(|&&f| s.matches.ranges(Place::Item(r), f).next().is_some())
        .map(|&f| {
            let is_current = current
                .as_ref()
                .is_some_and(|m| m.place == Place::Item(r) && m.field == f);
            (
                format!("{MATCH_MARK} {}", field_word(f)),
                if is_current {
                    theme::MATCH_CURRENT
                } else {
                    theme::MATCH
                },
            )
        })
        .collect()
}

/// Whether a drawn line shows the current search match.
pub fn holds_current_match(line: &Line) -> bool {
    line.spans
        .iter()
        .any(|s| (s.style.fg, s.style.bg) == (theme::MATCH_CURRENT.fg, theme::MATCH_CURRENT.bg))
}

/// Starts the mark of a match in a field the view does not draw.
pub const MATCH_MARK: &str = "⌕";
