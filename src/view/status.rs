//! The reader's header (title, date, tags, counts), the status bar (the mode, where you are, an
//! alert or the key hints), the search prompt, and the library's header, in kinds of text.

use super::line::{Kind, Line, Span};
use super::marks::field_matches;
use super::{styled, Ctx};
use crate::briefing::describe;
use crate::briefing::search::{Field, Place};
use crate::text::{sanitize_line, truncate, width};

/// The reader's header: the title and the date with their search matches (the summary is in the
/// `i` overlay), then, with two rows, the tags (or, with a source `hidden`, the filter's notice:
/// its name and the words for what it hides; with a `&` filter, its words: `filter
/// status:denied · 4 of 12`) left of the counts. `w` cells, `height` rows.
pub fn header(
    ctx: &Ctx,
    hidden: Option<(&str, &str)>,
    filter: Option<&str>,
    w: usize,
    height: usize,
) -> Vec<Line> {
    let b = ctx.briefing();
    let date = format!(" {} ", b.date);
    let found = |field, shift| field_matches(ctx, Place::Header, field, true, shift);
    // The margin is a span of its own: a right-to-left title would take it to its far end.
    let title = sanitize_line(&b.title);
    let mut spans = vec![Span::plain(" ")];
    spans.extend(styled::one_line(
        &title,
        Kind::Title,
        &found(Field::Title, 0).highlights,
        w.saturating_sub(width(&date) + 1),
    ));
    let used: usize = spans.iter().map(Span::width).sum();
    let pad = w.saturating_sub(used + width(&date));
    spans.push(Span::plain(" ".repeat(pad)));
    spans.extend(styled::one_line(
        &date,
        Kind::Meta,
        &found(Field::Date, 1).highlights,
        usize::MAX,
    ));
    let first = Line::new(spans);
    let counts = Counts {
        claims: b.claims.len(),
        responses: b.responses.len(),
        context: b.context.len(),
        pairs: ctx.doc.relations.pairs.len(),
        judgments: b.judgments.len(),
    };
    // The counts right-aligned, the tags or the filter notice left of them.
    let notice = match (hidden, filter) {
        (None, None) => None,
        (hidden, filter) => Some(
            [
                hidden.map(|(name, items)| format!("hiding: {} ({items})", sanitize_line(name))),
                filter.map(|f| sanitize_line(f).into_owned()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        ),
    };
    let filtered = notice.is_some();
    let (tags, tag_kind, counts) = match notice {
        // The filters replace the tags, so nobody forgets one is on: the counts give way.
        Some(notice) => {
            let counts = counts.fitting(w.saturating_sub(width(&notice) + 3));
            (notice, Kind::Filter, counts)
        }
        // Circular reporting is told before the tags, which give way to it.
        None if !ctx.doc.circular().is_empty() => {
            let name =
                |id: &str| sanitize_line(b.source(id).map_or(id, |s| s.name.as_str())).into_owned();
            let pairs: Vec<String> = ctx
                .doc
                .circular()
                .iter()
                .map(|(a, c)| format!("{} ↔ {}", name(a), name(c)))
                .collect();
            let notice = format!("{}: {}", describe::CIRCULAR, pairs.join(", "));
            let counts = counts.fitting(w.saturating_sub(width(&notice).min(w / 2) + 3));
            (notice, Kind::Flag, counts)
        }
        // The tags give way to the counts.
        None => {
            let tags: String = b
                .tags
                .iter()
                .map(|t| format!("#{} ", sanitize_line(t)))
                .collect();
            // The judgments are counted only where no tag gives way to them.
            let counts = match counts.fitting(w.saturating_sub(width(tags.trim_end()) + 3)) {
                c if c.contains("judgment") => c,
                _ => counts.without_judgments().fitting(w.saturating_sub(2)),
            };
            (tags, Kind::Dim, counts)
        }
    };
    let mut lines = vec![first];
    // What changed since last read comes first on the second row: `3 new · 2 changed`.
    let changes = ctx
        .reading
        .filter(|r| r.has_changes())
        .map(|r| format!(" {} ", r.summary()));
    if let (true, Some(changes)) = (height >= 2, changes) {
        let counts = Counts {
            claims: b.claims.len(),
            responses: b.responses.len(),
            context: b.context.len(),
            pairs: ctx.doc.relations.pairs.len(),
            judgments: b.judgments.len(),
        }
        .fitting(w.saturating_sub(width(&changes) + 3));
        let room = w.saturating_sub(width(&changes) + width(&counts) + 3);
        let tags = truncate(tags.trim_end(), room).into_owned();
        let pad = w.saturating_sub(width(&changes) + width(&tags) + width(&counts) + 2);
        lines.push(Line::new(vec![
            Span::new(changes, Kind::Change),
            Span::new(format!(" {tags}"), tag_kind),
            Span::plain(" ".repeat(pad)),
            Span::new(counts, Kind::Meta),
        ]));
        return lines;
    }
    if height >= 2 {
        let room = w.saturating_sub(width(&counts) + 3);
        let tags = if room >= TAGS_MIN || filtered || tag_kind == Kind::Flag {
            truncate(tags.trim_end(), room).into_owned()
        } else {
            String::new()
        };
        let pad = w.saturating_sub(width(&tags) + width(&counts) + 2);
        // Each tag a span of its own, so that two right-to-left tags are not read as one
        // phrase and swapped.
        let mut spans = vec![Span::plain(" ")];
        let mut rest = tags.as_str();
        while let Some(at) = rest.get(1..).and_then(|r| r.find(" #")).map(|i| i + 1) {
            spans.push(Span::new(rest.get(..at).unwrap_or(""), tag_kind));
            spans.push(Span::new(" ", tag_kind));
            rest = rest.get(at + 1..).unwrap_or("");
        }
        spans.push(Span::new(rest, tag_kind));
        spans.push(Span::plain(" ".repeat(pad)));
        spans.push(Span::new(counts, Kind::Meta));
        lines.push(Line::new(spans));
    }
    lines
}

/// The fewest cells worth showing of cut tags.
const TAGS_MIN: usize = 8;

/// The header's counts of a briefing.
#[derive(Clone, Copy)]
struct Counts {
    claims: usize,
    responses: usize,
    context: usize,
    pairs: usize,
    /// Key judgments: counted only when there are some (the Judgments pane is there then).
    judgments: usize,
}

impl Counts {
    fn without_judgments(&self) -> Counts {
        Counts {
            judgments: 0,
            ..*self
        }
    }

    /// The longest form that fits in `room` cells, by whole parts: `18 claims · 12 responses ·
    /// 9 context · ⚡18 contradictions · 3 judgments` (the judgments only when there are some),
    /// the same without the judgments, then `18c 12r 9x ⚡18 3j`, `18c 12r 9x ⚡18`, then `⚡18`,
    /// then nothing.
    fn fitting(&self, room: usize) -> String {
        let Counts {
            claims,
            responses,
            context,
            pairs,
            judgments,
        } = self;
        let long = format!(
            "{} · {} · {context} context · ⚡{}",
            crate::text::count(*claims, "claim"),
            crate::text::count(*responses, "response"),
            crate::text::count(*pairs, "contradiction")
        );
        let short = format!("{claims}c {responses}r {context}x ⚡{pairs}");
        let with = |form: &str, part: String| (*judgments > 0).then(|| format!("{form}{part}"));
        let forms = [
            with(
                &long,
                format!(" · {}", crate::text::count(*judgments, "judgment")),
            ),
            Some(long.clone()),
            with(&short, format!(" {judgments}j")),
            Some(short.clone()),
            Some(format!("⚡{pairs}")),
        ];
        let forms = forms.into_iter().flatten();
        forms
            .into_iter()
            .find(|f| width(f) <= room)
            .unwrap_or_default()
    }
}

/// What the status bar says instead of the hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alert<'a> {
    /// A file that does not load any more: on the bar's background.
    Error(&'a str),
    Message(&'a str),
}

/// What the status bar shows.
#[derive(Debug, Clone, Copy)]
pub struct Bar<'a> {
    /// The mode's name (`PANES`).
    pub mode: &'a str,
    /// Where you are.
    pub location: &'a str,
    /// The kept search: its query and where you are among its matches (`2/5`).
    pub search: Option<(&'a str, &'a str)>,
    /// The source a filter hides, a state that must not be forgotten.
    pub hiding: Option<&'a str>,
    /// With a `&` filter on, what it keeps: `4 of 12` (the header says which filter; a
    /// terminal too low for the header's second row still shows this).
    pub filtered: Option<&'a str>,
    /// The id of the item marked with `v`, waiting for a second one.
    pub marked: Option<&'a str>,
    pub alert: Option<Alert<'a>>,
    /// The mode's key hints, keys and label.
    pub hints: &'a [(String, &'a str)],
}

/// The bottom line: mode, location (and the kept search), the filter's badge, then the alert or
/// as many of the hints as fit in `w` cells, keeping room for the way to the help.
pub fn bar(b: &Bar, w: usize) -> Line {
    let mut location = b.location.to_string();
    if let Some((pattern, counter)) = b.search {
        location.push_str(&format!("  /{} {counter}", sanitize_line(pattern)));
    }
    // Where you are matters more than the mode's name: on a narrow bar the badge gives way
    // (`CONTRA… contradiction 4/9`), down to its first letter.
    let location = format!(" {location} ");
    let room = w.saturating_sub(width(&location)).max(3);
    let mode = format!(" {} ", b.mode);
    let mode = if width(&mode) > room {
        format!(" {} ", truncate(b.mode, room.saturating_sub(2).max(1)))
    } else {
        mode
    };
    let mut spans = vec![
        Span::new(mode, Kind::Mode),
        Span::new(location, Kind::Status),
    ];
    if let Some(source) = b.hiding {
        spans.push(Span::new(
            format!(" hiding {} ", sanitize_line(source)),
            Kind::Filter,
        ));
    }
    if let Some(kept) = b.filtered {
        spans.push(Span::new(format!(" & {kept} "), Kind::Filter));
    }
    if let Some(id) = b.marked {
        spans.push(Span::new(
            format!(
                " v {}: v another to compare · Esc cancels ",
                sanitize_line(id)
            ),
            Kind::Filter,
        ));
    }
    let mut used: usize = spans.iter().map(Span::width).sum();
    if let Some(alert) = b.alert {
        let (text, kind, mark) = match alert {
            Alert::Error(e) => (e, Kind::Error, Some(Kind::Status)),
            Alert::Message(m) => (m, Kind::Message, None),
        };
        let msg = truncate(&sanitize_line(text), w.saturating_sub(used + 1)).into_owned();
        used += width(&msg) + 1;
        spans.push(Span {
            mark,
            ..Span::new(format!(" {msg}"), kind)
        });
    } else {
        // Keep room for the way to the help, which says everything else.
        let help = b
            .hints
            .iter()
            .find(|(_, l)| *l == "help")
            .map_or(0, |(k, l)| width(&format!(" {k} {l} ")));
        for (keys, label) in b.hints {
            let piece = format!(" {keys} {label} ");
            let reserve = if *label == "help" { 0 } else { help };
            if used + width(&piece) + reserve > w {
                continue;
            }
            used += width(&piece);
            spans.push(on_status(format!(" {keys}"), Kind::HintKey));
            spans.push(Span::new(format!(" {label} "), Kind::Status));
        }
    }
    spans.push(Span::new(" ".repeat(w.saturating_sub(used)), Kind::Status));
    Line::new(spans)
}

/// `text` as `kind` on the status bar's background.
fn on_status(text: String, kind: Kind) -> Span {
    Span {
        mark: Some(Kind::Status),
        ..Span::new(text, kind)
    }
}

/// What the search prompt shows.
#[derive(Debug, Clone, Copy)]
pub struct Prompt<'a> {
    /// The query as typed.
    pub pattern: &'a str,
    pub regex: bool,
    /// Why the query is not a valid one.
    pub error: Option<&'a str>,
    /// How many matches it has, and where you are among them (`2/5`).
    pub total: usize,
    pub counter: &'a str,
    /// Still counting (the library's search over briefings held as rows): no match yet is
    /// not no match.
    pub counting: bool,
}

/// The search prompt: `/query▏`, whether it is a regex, and the count or the problem, in `w`
/// cells. A long query shows its end: that is where the typing is.
pub fn prompt(p: &Prompt, w: usize) -> Line {
    let verdict = match p.error {
        Some(e) => on_status(sanitize_line(e).into_owned(), Kind::Error),
        None if p.pattern.is_empty() => Span::new(String::new(), Kind::Status),
        None if p.total == 0 && !p.counting => on_status(
            format!("no match for \"{}\"", sanitize_line(p.pattern)),
            Kind::Error,
        ),
        None => on_status(p.counter.to_string(), Kind::Message),
    };
    let regex = if p.regex { " regex " } else { "" };
    let text = truncate(&verdict.text, w / 2).into_owned();
    let room = w.saturating_sub(width(&text) + width(regex) + 4);
    let mut shown = sanitize_line(p.pattern).into_owned();
    while width(&shown) > room.saturating_sub(1) && !shown.is_empty() {
        shown.remove(0);
    }
    let left = format!("/{shown}▏");
    let pad = w.saturating_sub(width(&left) + width(regex) + width(&text) + 1);
    Line::new(vec![
        Span::new(left, Kind::Prompt),
        Span::new(" ".repeat(pad), Kind::Status),
        Span::new(regex, Kind::Mode),
        Span {
            text: format!("{text} "),
            ..verdict
        },
    ])
}

/// The `&` prompt: `&status:denied▏`, then why Enter did not apply it (in the error style), or
/// what it would show (`4 of 12`), in `w` cells. The error gets the room it needs (it says the
/// column); a long filter shows its end.
pub fn filter_prompt(
    text: &str,
    error: Option<&str>,
    preview: Option<(usize, usize)>,
    w: usize,
) -> Line {
    let verdict = match (error, preview) {
        (Some(e), _) => on_status(sanitize_line(e).into_owned(), Kind::Error),
        (None, _) if text.trim().is_empty() => {
            Span::new("Enter on an empty line clears the filter", Kind::Status)
        }
        (None, Some((n, of))) => on_status(
            format!(
                "{} of {}",
                crate::text::thousands(n),
                crate::text::thousands(of)
            ),
            if n == 0 { Kind::Error } else { Kind::Message },
        ),
        (None, None) => Span::new(String::new(), Kind::Status),
    };
    let shown_text = sanitize_line(text).into_owned();
    // The filter keeps at least a third of the line; the verdict has the rest.
    let keep = (width(&shown_text) + 3).min(w / 3).max(4);
    let verdict_text = truncate(&verdict.text, w.saturating_sub(keep + 2)).into_owned();
    let room = w.saturating_sub(width(&verdict_text) + 4);
    let mut shown = shown_text;
    while width(&shown) > room.saturating_sub(1) && !shown.is_empty() {
        shown.remove(0);
    }
    let left = format!("&{shown}▏");
    let pad = w.saturating_sub(width(&left) + width(&verdict_text) + 1);
    Line::new(vec![
        Span::new(left, Kind::Prompt),
        Span::new(" ".repeat(pad), Kind::Status),
        Span {
            text: format!("{verdict_text} "),
            ..verdict
        },
    ])
}

/// The note prompt: ` note on c3 ` then the note as typed (its end, where the typing is) and
/// the keys, in `w` cells.
pub fn note_prompt(id: &str, text: &str, w: usize) -> Line {
    let badge = format!(" note on {} ", truncate(&sanitize_line(id), 24));
    let keys = " Enter keeps · Esc cancels · empty removes ";
    let room = w.saturating_sub(width(&badge) + width(keys) + 2);
    let mut shown = sanitize_line(text).into_owned();
    while width(&shown) > room.saturating_sub(1) && !shown.is_empty() {
        shown.remove(0);
    }
    let left = format!(" {shown}▏");
    let pad = w.saturating_sub(width(&badge) + width(&left) + width(keys));
    Line::new(vec![
        Span::new(badge, Kind::Mode),
        Span::new(left, Kind::Prompt),
        Span::new(" ".repeat(pad), Kind::Status),
        Span::new(keys, Kind::Status),
    ])
}

/// The library's header: what brief is, then which briefing is selected (`position` of
/// `count`, when there are any) and the loading `progress`.
pub fn library_header(selected: Option<(usize, usize)>, progress: &str) -> Vec<Line> {
    let pos = selected.map_or_else(String::new, |(at, of)| format!("briefing {at}/{of} · "));
    vec![
        Line::new(vec![
            Span::new(" brief", Kind::Title),
            Span::new(" — a library of news briefings", Kind::Dim),
        ]),
        Line::of(format!(" {pos}{progress}"), Kind::Meta),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints() -> Vec<(String, &'static str)> {
        vec![
            ("j/k".to_string(), "move"),
            ("/".to_string(), "search"),
            ("?".to_string(), "help"),
        ]
    }

    fn plain_bar<'a>(hints: &'a [(String, &'a str)]) -> Bar<'a> {
        Bar {
            mode: "PANES",
            location: "Claims 1/3",
            search: None,
            hiding: None,
            filtered: None,
            marked: None,
            alert: None,
            hints,
        }
    }

    #[test]
    fn the_bar_fills_the_width_and_keeps_the_help_hint() {
        let hints = hints();
        let line = bar(&plain_bar(&hints), 40);
        assert_eq!(line.width(), 40);
        assert!(line.text().contains("? help"), "{}", line.text());
        assert!(!line.text().contains("search"), "{}", line.text());
        let keys: Vec<&Span> = line
            .spans
            .iter()
            .filter(|s| s.kind == Kind::HintKey)
            .collect();
        assert!(keys.iter().all(|s| s.mark == Some(Kind::Status)));
    }

    #[test]
    fn on_a_narrow_bar_the_mode_gives_way_to_where_you_are() {
        let hints = hints();
        let bar_of = |mode, location, w| {
            let b = Bar {
                mode,
                location,
                ..plain_bar(&hints)
            };
            bar(&b, w).text()
        };
        let narrow = bar_of("CONTRADICTIONS", "contradiction 4/9", 30);
        assert!(narrow.contains("contradiction 4/9"), "{narrow:?}");
        assert!(narrow.starts_with(" CONTRADI… "), "{narrow:?}");
        assert_eq!(crate::text::width(&narrow), 30);
        let wide = bar_of("CONTRADICTIONS", "contradiction 4/9", 80);
        assert!(
            wide.starts_with(" CONTRADICTIONS  contradiction 4/9 "),
            "{wide:?}"
        );
    }

    #[test]
    fn an_alert_replaces_the_hints() {
        let hints = hints();
        let b = Bar {
            alert: Some(Alert::Error("no\u{7}pe")),
            search: Some(("seoul", "2/5")),
            hiding: Some("Ministry"),
            ..plain_bar(&hints)
        };
        let line = bar(&b, 80);
        assert_eq!(line.width(), 80);
        let text = line.text();
        assert!(text.contains("Claims 1/3  /seoul 2/5"), "{text}");
        assert!(text.contains(" hiding Ministry "), "{text}");
        assert!(!text.contains("help"), "{text}");
        assert!(line
            .spans
            .iter()
            .any(|s| s.kind == Kind::Error && s.mark == Some(Kind::Status)));
    }

    #[test]
    fn the_prompt_shows_the_end_of_a_long_query() {
        let long = "a".repeat(60) + "end";
        let p = Prompt {
            pattern: &long,
            regex: true,
            error: None,
            total: 3,
            counter: "1/3",
            counting: false,
        };
        let line = prompt(&p, 40);
        assert_eq!(line.width(), 40);
        let text = line.text();
        assert!(text.starts_with("/a") && text.contains("end▏"), "{text}");
        assert!(text.ends_with(" regex 1/3 "), "{text}");
    }

    #[test]
    fn the_prompt_says_when_nothing_matches() {
        let p = Prompt {
            pattern: "zebra",
            regex: false,
            error: None,
            total: 0,
            counter: "0/0",
            counting: false,
        };
        let line = prompt(&p, 60);
        assert!(line.text().contains("no match for \"zebra\""));
        // Still counting (QA: "no match" flashed before the index's answer came).
        let line = prompt(
            &Prompt {
                counting: true,
                counter: "0/0…",
                ..p
            },
            60,
        );
        assert!(!line.text().contains("no match"), "{}", line.text());
        assert!(line.text().ends_with(" 0/0… "), "{}", line.text());
    }
}
