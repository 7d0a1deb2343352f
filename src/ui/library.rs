//! The library list: one line per briefing (date, title, tags, counts), newest first; files that
//! fail to load in place, marked as errors; a progress line while files load.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use ratatui::Frame;

use super::theme;
use crate::app::library::Entry;
use crate::app::shell::Shell;
use crate::text::{sanitize_line, thousands, truncate, width};
use crate::view::layout;
use crate::view::marks::MATCH_MARK;
use crate::view::overlay::{report_lines, report_max_scroll};

/// `loading 1,234/5,000` while files load, else `12 briefings`.
pub fn progress(shell: &Shell) -> String {
    let lib = &shell.library;
    let total = lib.total();
    if lib.pending > 0 {
        format!(
            "loading {}/{}",
            thousands(total - lib.pending),
            thousands(total)
        )
    } else {
        let failed = lib.entries.iter().filter(|e| e.error.is_some()).count();
        let mut s = format!(
            "{} briefing{}",
            thousands(total),
            if total == 1 { "" } else { "s" }
        );
        if failed > 0 {
            s.push_str(&format!(" · {failed} with errors"));
        }
        s
    }
}

/// How many matches of the library's search entry `i` holds, and whether the current one is
/// among them.
fn entry_matches(shell: &Shell, i: usize) -> Option<(usize, bool)> {
    let s = shell.search.as_ref()?;
    let &(_, n) = s.hits.iter().find(|(e, _)| *e == i)?;
    let current = s.current.and_then(|k| s.entry_of(k)) == Some(i);
    Some((n, current))
}

/// How many digits each count column takes on the rows shown, so the columns line up.
type Digits = [usize; 3];

fn digits(n: usize) -> usize {
    thousands(n).len()
}

fn count_digits<'a>(entries: impl Iterator<Item = &'a Entry>) -> Digits {
    let mut d = [1; 3];
    for e in entries {
        if let Some(doc) = &e.doc {
            let b = &doc.briefing;
            d[0] = d[0].max(digits(b.claims.len()));
            d[1] = d[1].max(digits(b.responses.len()));
            d[2] = d[2].max(digits(doc.relations.pairs.len()));
        }
    }
    d
}

fn entry_line(
    e: &Entry,
    w: usize,
    selected: bool,
    found: Option<(usize, bool)>,
    d: Digits,
) -> Line<'static> {
    let marker = if selected {
        Span::styled("▌ ", theme::MARKER)
    } else {
        Span::raw("  ")
    };
    let band = if selected {
        theme::SELECTED
    } else {
        Style::new()
    };
    let mut spans = vec![marker];
    let room = w.saturating_sub(2);
    match &e.doc {
        Some(doc) => {
            let b = &doc.briefing;
            // Right-aligned to the widest count shown, so the columns line up.
            let [dc, dr, dp] = d;
            let counts = format!(
                " {:>dc$}c {:>dr$}r ⚡{:>dp$}",
                thousands(b.claims.len()),
                thousands(b.responses.len()),
                thousands(doc.relations.pairs.len())
            );
            let warn = e
                .error
                .as_ref()
                .map(|f| format!(" ⚠ {}", f.first()))
                .unwrap_or_default();
            let tags: Vec<String> = b
                .tags
                .iter()
                .take(64)
                .map(|t| format!(" #{}", sanitize_line(t)))
                .collect();
            // While searching: `⌕3`, the briefing's matches, in the current match's style
            // when n is on one of them, so the briefings that match stand out.
            let mark = found.map(|(n, current)| {
                let style = if current {
                    theme::MATCH_CURRENT
                } else {
                    theme::MATCH
                };
                (format!("{} {}", MATCH_MARK, thousands(n)), style)
            });
            let mark_w = mark.as_ref().map_or(0, |(m, _)| width(m) + 1);
            let fixed = 11 + width(&counts) + mark_w;
            let title_room = room.saturating_sub(fixed);
            let title = truncate(&sanitize_line(&b.title), title_room).into_owned();
            let rest = title_room.saturating_sub(width(&title));
            // As many whole tags as fit, then ` …` when some are left out.
            let mut tail = warn.clone();
            for (k, tag) in tags.iter().enumerate() {
                let more = if k + 1 < tags.len() { 2 } else { 0 };
                if width(&tail) + width(tag) + more > rest {
                    tail.push_str(" …");
                    break;
                }
                tail.push_str(tag);
            }
            let tail = truncate(&tail, rest).into_owned();
            let pad = rest.saturating_sub(width(&tail));
            spans.push(Span::styled(format!("{} ", b.date), theme::META));
            spans.push(Span::styled(title, theme::TITLE));
            spans.push(Span::styled(
                tail,
                if warn.is_empty() {
                    theme::DIM
                } else {
                    theme::ERROR
                },
            ));
            spans.push(Span::raw(" ".repeat(pad)));
            if let Some((mark, style)) = mark {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(mark, style));
            }
            spans.push(Span::styled(counts, theme::META));
        }
        None => match &e.error {
            Some(f) => {
                let name = sanitize_line(&e.name()).into_owned();
                let text = truncate(&format!("✗ {name}  {}", f.first()), room).into_owned();
                spans.push(Span::styled(text, theme::ERROR));
            }
            None => {
                let text = truncate(&format!("… {}  loading", sanitize_line(&e.name())), room)
                    .into_owned();
                spans.push(Span::styled(text, theme::DIM));
            }
        },
    }
    Line::from(spans).style(band)
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
        .border_style(theme::BORDER_FOCUSED)
        .title(Span::styled(
            format!(" Library · {} ", progress(shell)),
            theme::PANE_TITLE_FOCUSED,
        ));
    let inner = layout::inner(body);
    frame.render_widget(block, body);
    let w = usize::from(inner.width);
    let shown = || {
        lib.order
            .iter()
            .skip(lib.top)
            .take(usize::from(inner.height))
            .filter_map(|&i| lib.entries.get(i))
    };
    let d = count_digits(shown());
    let lines: Vec<Line> = lib
        .order
        .iter()
        .enumerate()
        .skip(lib.top)
        .take(usize::from(inner.height))
        .filter_map(|(pos, &i)| {
            lib.entries
                .get(i)
                .map(|e| entry_line(e, w, pos == lib.selected, entry_matches(shell, i), d))
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("No briefings.", theme::DIM)),
            inner,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn render_diagnostics(shell: &Shell, entry: usize, scroll: usize, frame: &mut Frame, body: Rect) {
    let Some(e) = shell.library.entries.get(entry) else {
        return;
    };
    let Some(f) = &e.error else { return };
    let all = report_lines(f, body);
    let scroll = scroll.min(report_max_scroll(f, body));
    let lines = theme::lines(all.iter().skip(scroll));
    let title = format!(
        " {} · {} problem(s) · Esc back, e edit ",
        sanitize_line(&e.name()),
        f.diagnostics.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme::ERROR)
        .title(Span::styled(
            truncate(&title, usize::from(body.width.saturating_sub(2))).into_owned(),
            theme::ERROR,
        ));
    frame.render_widget(Paragraph::new(lines).block(block), body);
}
