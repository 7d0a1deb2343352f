//! Wrapped text with styled ranges: search matches, figures and shared words are byte ranges into
//! the displayed (sanitised) text; this maps them onto the wrapped lines.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub style: Style,
}

/// The byte offset of each wrapped line in `text` (the sanitised text the lines came from).
/// Wrapped lines are slices of the text in order, so each is found after the previous one.
pub fn line_offsets(text: &str, lines: &[String]) -> Vec<usize> {
    let mut cursor = 0;
    lines
        .iter()
        .map(|line| {
            let found = text
                .get(cursor..)
                .and_then(|rest| rest.find(line.as_str()))
                .map(|i| cursor + i);
            let start = found.unwrap_or(cursor);
            cursor = start + line.len();
            start
        })
        .collect()
}

/// Styles wrapped `lines` of `text`: `base` everywhere, each highlight over its range (later
/// highlights win where they overlap).
pub fn lines(
    text: &str,
    lines: &[String],
    base: Style,
    highlights: &[Highlight],
) -> Vec<Line<'static>> {
    if highlights.is_empty() {
        return lines
            .iter()
            .map(|l| Line::from(Span::styled(l.clone(), base)))
            .collect();
    }
    let offsets = line_offsets(text, lines);
    lines
        .iter()
        .zip(offsets)
        .map(|(line, start)| {
            let end = start + line.len();
            let mut cuts: Vec<usize> = vec![0, line.len()];
            for h in highlights {
                if h.range.start < end && h.range.end > start {
                    cuts.push(h.range.start.saturating_sub(start).min(line.len()));
                    cuts.push(h.range.end.saturating_sub(start).min(line.len()));
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
            let spans: Vec<Span<'static>> = cuts
                .windows(2)
                .filter_map(|w| {
                    let &[a, b] = w else { return None };
                    let piece = line.get(a..b)?;
                    let abs = start + a;
                    let style = highlights
                        .iter()
                        .rev()
                        .find(|h| h.range.start <= abs && abs < h.range.end)
                        .map_or(base, |h| base.patch(h.style));
                    Some(Span::styled(piece.to_string(), style))
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// Which of the wrapped `lines` of `text` holds byte `at`.
pub fn line_of(text: &str, lines: &[String], at: usize) -> usize {
    line_offsets(text, lines)
        .partition_point(|&o| o <= at)
        .saturating_sub(1)
}

/// The highlights moved `by` bytes to the right (the text they are in follows a prefix).
pub fn shifted(highlights: &[Highlight], by: usize) -> impl Iterator<Item = Highlight> + '_ {
    highlights.iter().map(move |h| Highlight {
        range: h.range.start + by..h.range.end + by,
        style: h.style,
    })
}

/// One line of `text` cut to `max` cells (ending in `…` when cut), styled: the highlights are
/// cut with it, and one that runs past the cut covers the `…`, so a match cut off still shows.
pub fn one_line(
    text: &str,
    base: Style,
    highlights: &[Highlight],
    max: usize,
) -> Vec<Span<'static>> {
    let cut = crate::text::truncate(text, max);
    let kept = if cut.as_ref() == text {
        text.len()
    } else {
        cut.len().saturating_sub('…'.len_utf8())
    };
    let clipped: Vec<Highlight> = highlights
        .iter()
        .filter_map(|h| {
            let start = h.range.start.min(kept);
            let end = if h.range.end > kept {
                cut.len()
            } else {
                h.range.end
            };
            (start < end && h.range.start < h.range.end).then_some(Highlight {
                range: start..end,
                style: h.style,
            })
        })
        .collect();
    lines(&cut, &[cut.to_string()], base, &clipped)
        .into_iter()
        .next()
        .map_or_else(Vec::new, |l| l.spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn highlights_land_on_the_right_lines() {
        let text = "one two three four";
        let wrapped = crate::text::wrap(text, 9);
        assert_eq!(wrapped, vec!["one two", "three", "four"]);
        assert_eq!(line_offsets(text, &wrapped), vec![0, 8, 14]);
        let hl = Style::new().fg(Color::Red);
        let out = lines(
            text,
            &wrapped,
            Style::new(),
            &[Highlight {
                range: 4..13,
                style: hl,
            }],
        );
        assert_eq!(out[0].spans.len(), 2);
        assert_eq!(out[0].spans[1].content, "two");
        assert_eq!(out[0].spans[1].style.fg, Some(Color::Red));
        assert_eq!(out[1].spans[0].content, "three");
        assert_eq!(out[1].spans[0].style.fg, Some(Color::Red));
        assert_eq!(out[2].spans[0].style.fg, None);
    }

    #[test]
    fn later_highlights_win_and_wide_text_splits_at_char_boundaries() {
        let text = "한국어 텍스트";
        let wrapped = crate::text::wrap(text, 20);
        let a = Style::new().add_modifier(Modifier::BOLD);
        let b = Style::new().fg(Color::Blue);
        let out = lines(
            text,
            &wrapped,
            Style::new(),
            &[
                Highlight {
                    range: 0..9,
                    style: a,
                },
                Highlight {
                    range: 3..6,
                    style: b,
                },
            ],
        );
        let parts: Vec<_> = out[0].spans.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(parts, vec!["한", "국", "어", " 텍스트"]);
        assert_eq!(out[0].spans[1].style.fg, Some(Color::Blue));
    }

    #[test]
    fn a_cut_line_keeps_its_highlights_and_one_past_the_cut_covers_the_ellipsis() {
        let hl = Style::new().fg(Color::Red);
        let h = |range: Range<usize>| Highlight { range, style: hl };
        let text = "The Wall Street Journal";
        let spans = one_line(text, Style::new(), &[h(4..8), h(16..23)], 12);
        let parts: Vec<_> = spans
            .iter()
            .map(|s| (s.content.to_string(), s.style.fg))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("The ".to_string(), None),
                ("Wall".to_string(), Some(Color::Red)),
                (" St".to_string(), None),
                ("…".to_string(), Some(Color::Red)),
            ]
        );
        let whole = one_line(text, Style::new(), &[h(16..23)], 40);
        assert_eq!(whole.len(), 2);
        assert_eq!(whole[1].content, "Journal");
        assert_eq!(
            line_of(
                "one two three four",
                &crate::text::wrap("one two three four", 9),
                15
            ),
            2
        );
    }
}
