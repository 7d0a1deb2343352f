//! The library list: its box, and the rows [`crate::view::library`] lays out for the entries on
//! screen, painted; a broken file's diagnostics in place of the list.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders};
use ratatui::Frame;

use super::{draw, theme};
use crate::app::library::Entry;
use crate::app::shell::Shell;
use crate::view::layout;
use crate::view::library::{self, Row};
use crate::view::overlay::{report_lines, report_max_scroll};

/// `loading 1,234/5,000` while files load, else `12 briefings`.
pub fn progress(shell: &Shell) -> String {
    let lib = &shell.library;
    let failed = lib.entries.iter().filter(|e| e.error.is_some()).count();
    library::progress(lib.total(), lib.pending, failed)
}

/// How many matches of the library's search entry `i` holds, and whether the current one is
/// among them.
fn entry_matches(shell: &Shell, i: usize) -> Option<(usize, bool)> {
    let s = shell.search.as_ref()?;
    let &(_, n) = s.hits.iter().find(|(e, _)| *e == i)?;
    let current = s.current.and_then(|k| s.entry_of(k)) == Some(i);
    Some((n, current))
}

pub fn render(shell: &Shell, frame: &mut Frame, body: Rect) {
    if let Some((entry, scroll)) = shell.diagnostics {
        render_diagnostics(shell, entry, scroll, frame, body);
        return;
    }
    let lib = &shell.library;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme::get(theme::Role::BorderFocused))
        .title(theme::span(&library::title(&match lib.filter_notice() {
            // The filter first: the list is not all there is.
            Some(f) => format!("{} · {}", crate::text::sanitize_line(&f), progress(shell)),
            None => progress(shell),
        })));
    let inner = layout::inner(body);
    frame.render_widget(block, body);
    let w = usize::from(inner.width);
    // The entries on screen, with their place in the order and their index.
    let shown: Vec<(usize, usize, &Entry)> = lib
        .order
        .iter()
        .enumerate()
        .skip(lib.top)
        .take(usize::from(inner.height))
        .filter_map(|(pos, &i)| lib.entries.get(i).map(|e| (pos, i, e)))
        .collect();
    let d = library::count_digits(shown.iter().filter_map(|(_, _, e)| e.row.as_ref()));
    let mut lines: Vec<_> = shown
        .iter()
        .map(|&(pos, i, e)| {
            let name = e.name();
            library::row(
                &Row {
                    doc: e.row.as_ref(),
                    error: e.error.as_ref(),
                    name: &name,
                    selected: pos == lib.selected,
                    found: entry_matches(shell, i),
                    changes: e.changes,
                },
                w,
                d,
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(match &lib.filter {
            Some(f) => library::none_match(f.text()),
            None => library::empty(),
        });
    }
    frame.render_widget(draw::lines(&lines), inner);
    super::place_cursor(frame, inner, &lines);
}

fn render_diagnostics(shell: &Shell, entry: usize, scroll: usize, frame: &mut Frame, body: Rect) {
    let Some(e) = shell.library.entries.get(entry) else {
        return;
    };
    let Some(f) = &e.error else { return };
    let all = report_lines(f, body);
    let scroll = scroll.min(report_max_scroll(f, body));
    let title = library::diagnostics_title(
        &e.name(),
        f.diagnostics.len(),
        usize::from(body.width.saturating_sub(2)),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme::get(theme::Role::Error))
        .title(Span::styled(
            crate::text::bidi::visual(&title).into_owned(),
            theme::get(theme::Role::Error),
        ));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    frame.render_widget(draw::lines(all.get(scroll..).unwrap_or_default()), inner);
}
