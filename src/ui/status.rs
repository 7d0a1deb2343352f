//! The header (title, date, tags, counts) and the status bar (where you are, the mode, hints).

// Indexing here is of the app's per-section arrays by `Section::index()` (0, 1 or 2).
#![allow(clippy::indexing_slicing)]

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme;
use crate::app::keymap::{hints, Mode};
use crate::app::shell::Shell;
use crate::app::App;
use crate::briefing::search::{Field, Place};
use crate::text::{sanitize_line, truncate, width};
use crate::view::marks::field_matches;
use crate::view::{styled, Kind};

pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let b = app.briefing();
    let w = usize::from(area.width);
    let date = format!(" {} ", b.date);
    // The title and the date with their search matches (the summary is in the `i` overlay).
    let ctx = app.ctx();
    let found = |field, shift| field_matches(&ctx, Place::Header, field, true, shift);
    let title = format!(" {}", sanitize_line(&b.title));
    let mut spans = theme::spans(&styled::one_line(
        &title,
        Kind::Title,
        &found(Field::Title, 1).highlights,
        w.saturating_sub(width(&date)),
    ));
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let pad = w.saturating_sub(used + width(&date));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.extend(theme::spans(&styled::one_line(
        &date,
        Kind::Meta,
        &found(Field::Date, 1).highlights,
        usize::MAX,
    )));
    let first = Line::from(spans);
    let counts = Counts {
        claims: b.claims.len(),
        responses: b.responses.len(),
        context: b.context.len(),
        pairs: app.doc.relations.pairs.len(),
    };
    let mut tags: String = b
        .tags
        .iter()
        .map(|t| format!("#{} ", sanitize_line(t)))
        .collect();
    let mut tag_style = theme::DIM;
    let filtering = app.hidden().is_some();
    // The counts right-aligned, the tags or the filter notice left of them.
    let counts = if let Some((name, n)) = app.hidden() {
        // The filter replaces the tags, so nobody forgets it is on: the counts give way to it.
        tags = format!(
            "hiding: {} ({})",
            sanitize_line(name),
            crate::app::filter::items(n)
        );
        tag_style = theme::FILTER;
        counts.fitting(w.saturating_sub(width(&tags) + 3))
    } else {
        // The tags give way to the counts.
        counts.fitting(w.saturating_sub(2))
    };
    let mut lines = vec![first];
    if area.height >= 2 {
        let room = w.saturating_sub(width(&counts) + 3);
        let tags = if room >= TAGS_MIN || filtering {
            truncate(tags.trim_end(), room).into_owned()
        } else {
            String::new()
        };
        let pad = w.saturating_sub(width(&tags) + width(&counts) + 2);
        lines.push(Line::from(vec![
            Span::styled(format!(" {tags}"), tag_style),
            Span::raw(" ".repeat(pad)),
            Span::styled(counts, theme::META),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The fewest cells worth showing of cut tags.
const TAGS_MIN: usize = 8;

/// The header's counts of a briefing.
struct Counts {
    claims: usize,
    responses: usize,
    context: usize,
    pairs: usize,
}

impl Counts {
    /// The longest form that fits in `room` cells, by whole parts: `18 claims · 12 responses ·
    /// 9 context · ⚡18 contradictions`, then `18c 12r 9x ⚡18`, then `⚡18`, then nothing.
    fn fitting(&self, room: usize) -> String {
        let Counts {
            claims,
            responses,
            context,
            pairs,
        } = self;
        let forms = [
            format!(
                "{} · {} · {context} context · ⚡{}",
                crate::text::count(*claims, "claim"),
                crate::text::count(*responses, "response"),
                crate::text::count(*pairs, "contradiction")
            ),
            format!("{claims}c {responses}r {context}x ⚡{pairs}"),
            format!("⚡{pairs}"),
        ];
        forms
            .into_iter()
            .find(|f| width(f) <= room)
            .unwrap_or_default()
    }
}

/// The bottom line: mode, location, then an alert (error or message) or the mode's key hints.
/// `badge` is a state that must not be forgotten (a source filter).
fn bar(
    frame: &mut Frame,
    area: Rect,
    mode: Mode,
    location: &str,
    badge: Option<String>,
    alert: Option<(&str, Style)>,
) {
    let w = usize::from(area.width);
    let mut spans = vec![
        Span::styled(format!(" {} ", mode.name()), theme::MODE),
        Span::styled(format!(" {location} "), theme::STATUS),
    ];
    if let Some(b) = badge {
        spans.push(Span::styled(format!(" {b} "), theme::FILTER));
    }
    let mut used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if let Some((text, style)) = alert {
        let msg = truncate(&sanitize_line(text), w.saturating_sub(used + 1)).into_owned();
        used += width(&msg) + 1;
        spans.push(Span::styled(format!(" {msg}"), style));
    } else {
        // Keep room for the way to the help, which says everything else.
        let all = hints(mode);
        let help = all
            .iter()
            .find(|(_, l)| *l == "help")
            .map_or(0, |(k, l)| width(&format!(" {k} {l} ")));
        for (keys, label) in all {
            let piece = format!(" {keys} {label} ");
            let reserve = if label == "help" { 0 } else { help };
            if used + width(&piece) + reserve > w {
                continue;
            }
            used += width(&piece);
            spans.push(Span::styled(
                format!(" {keys}"),
                theme::HINT_KEY.patch(theme::STATUS),
            ));
            spans.push(Span::styled(format!(" {label} "), theme::STATUS));
        }
    }
    spans.push(Span::styled(
        " ".repeat(w.saturating_sub(used)),
        theme::STATUS,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn status_bar(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(s) = app.search.as_ref().filter(|s| s.prompt.is_some()) {
        let counter = s.counter();
        prompt_bar(
            frame,
            area,
            &s.query,
            s.error.as_deref(),
            s.matches.len(),
            &counter,
        );
        return;
    }
    let alert = match (&app.file_error, &app.message) {
        (Some(err), _) => Some((err.as_str(), theme::ERROR.patch(theme::STATUS))),
        (None, Some(msg)) => Some((msg.as_str(), theme::MESSAGE)),
        (None, None) => None,
    };
    let mut loc = app.location();
    if let Some(s) = &app.search {
        // The kept search: its query and where you are among its matches.
        loc.push_str(&format!(
            "  /{} {}",
            sanitize_line(&s.query.pattern),
            s.counter()
        ));
    }
    let badge = app
        .filter
        .as_ref()
        .map(|f| format!("hiding {}", sanitize_line(&f.source)));
    bar(frame, area, app.mode(), &loc, badge, alert);
}

/// The search prompt: `/query▏`, whether it is a regex, and the count or the problem.
fn prompt_bar(
    frame: &mut Frame,
    area: Rect,
    query: &crate::briefing::search::Query,
    error: Option<&str>,
    total: usize,
    counter: &str,
) {
    let w = usize::from(area.width);
    let (verdict, style) = match error {
        Some(e) => (e.to_string(), theme::ERROR.patch(theme::STATUS)),
        None if query.pattern.is_empty() => (String::new(), theme::STATUS),
        None if total == 0 => (
            format!("no match for \"{}\"", sanitize_line(&query.pattern)),
            theme::ERROR.patch(theme::STATUS),
        ),
        None => (counter.to_string(), theme::MESSAGE.patch(theme::STATUS)),
    };
    let kind = if query.regex { " regex " } else { "" };
    let verdict = truncate(&verdict, w / 2).into_owned();
    let room = w.saturating_sub(width(&verdict) + width(kind) + 4);
    // Show the end of a long query: that is where the typing is.
    let q = sanitize_line(&query.pattern).into_owned();
    let mut shown = q.clone();
    while width(&shown) > room.saturating_sub(1) && !shown.is_empty() {
        shown.remove(0);
    }
    let left = format!("/{shown}▏");
    let pad = w.saturating_sub(width(&left) + width(kind) + width(&verdict) + 1);
    let line = Line::from(vec![
        Span::styled(
            left,
            theme::STATUS.add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(" ".repeat(pad), theme::STATUS),
        Span::styled(kind.to_string(), theme::MODE),
        Span::styled(format!("{verdict} "), style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

pub fn library_header(shell: &Shell, frame: &mut Frame, area: Rect) {
    let lib = &shell.library;
    let first = Line::from(vec![
        Span::styled(" brief", theme::TITLE),
        Span::styled(" — a library of news briefings", theme::DIM),
    ]);
    let pos = if lib.order.is_empty() {
        String::new()
    } else {
        format!("briefing {}/{} · ", lib.selected + 1, lib.order.len())
    };
    let second = Line::from(Span::styled(
        format!(" {pos}{}", super::library::progress(shell)),
        theme::META,
    ));
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

pub fn library_status(shell: &Shell, frame: &mut Frame, area: Rect) {
    if let Some(s) = shell.search.as_ref().filter(|s| s.prompt.is_some()) {
        let counter = s.counter();
        prompt_bar(frame, area, &s.query, s.error.as_deref(), s.total, &counter);
        return;
    }
    let alert = shell.message.as_deref().map(|m| (m, theme::MESSAGE));
    let mut loc = super::library::progress(shell);
    if let Some(s) = &shell.search {
        loc.push_str(&format!(
            "  /{} {}",
            sanitize_line(&s.query.pattern),
            s.counter()
        ));
    }
    bar(frame, area, shell.mode(), &loc, None, alert);
}
