//! Wrapped text with styled ranges: search matches, figures and shared words are byte ranges into
//! the displayed (sanitised) text; this maps them onto the wrapped lines.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::line::{Kind, Line, Span};
use crate::text::bidi;

/// A byte range of the displayed text marked as `mark` (a match, a figure, a shared word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub mark: Kind,
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

/// Marks wrapped `lines` of `text`: `base` everywhere, each highlight over its range (later
/// highlights win where they overlap), each line in display order: a line of a right-to-left
/// paragraph is reordered (`text::bidi`) and aligned to the right of `width` cells, its
/// highlights moving with its letters.
pub fn lines(
    text: &str,
    lines: &[String],
    base: Kind,
    highlights: &[Highlight],
    width: usize,
) -> Vec<Line> {
    laid_out(
        bidi::Paragraphs::new(text),
        text,
        lines,
        base,
        highlights,
        width,
    )
}

/// [`lines`] of a text brief composes around a name (`قناة … (media) · reliability B`): laid
/// out left to right whatever the name's script, the name itself read right to left.
pub fn composed_lines(
    text: &str,
    lines: &[String],
    base: Kind,
    highlights: &[Highlight],
    width: usize,
) -> Vec<Line> {
    let paragraphs = bidi::Paragraphs::left_to_right(text);
    laid_out(paragraphs, text, lines, base, highlights, width)
}

fn laid_out(
    paragraphs: bidi::Paragraphs,
    text: &str,
    lines: &[String],
    base: Kind,
    highlights: &[Highlight],
    width: usize,
) -> Vec<Line> {
    if highlights.is_empty() && !paragraphs.reorders() {
        return lines.iter().map(|l| Line::of(l.clone(), base)).collect();
    }
    let offsets = line_offsets(text, lines);
    lines
        .iter()
        .zip(offsets)
        .map(|(line, start)| {
            let end = start + line.len();
            let mut spans = Vec::new();
            for run in paragraphs.runs(start..end) {
                let pieces = pieces(text, run.range.clone(), base, highlights, run.rtl);
                if run.rtl {
                    spans.extend(pieces.into_iter().rev().map(|mut p| {
                        p.text = bidi::shown(&p.text, true).into_owned();
                        p
                    }));
                } else {
                    spans.extend(pieces);
                }
            }
            let used: usize = spans.iter().map(Span::width).sum();
            if paragraphs.is_rtl(start) && used < width {
                spans.insert(0, Span::new(" ".repeat(width - used), base));
            }
            for s in &mut spans {
                s.ordered = true;
            }
            Line::new(spans)
        })
        .collect()
}

/// `text[range]` cut where highlights start and end, each piece with its mark; in a
/// right-to-left run the cuts are moved to grapheme boundaries, so that reversing the pieces
/// never parts a letter from its marks.
fn pieces(
    text: &str,
    range: Range<usize>,
    base: Kind,
    highlights: &[Highlight],
    whole_graphemes: bool,
) -> Vec<Span> {
    let Some(run) = text.get(range.clone()) else {
        return Vec::new();
    };
    let (start, end) = (range.start, range.end);
    let mut cuts: Vec<usize> = vec![0, run.len()];
    for h in highlights {
        if h.range.start < end && h.range.end > start {
            cuts.push(h.range.start.saturating_sub(start).min(run.len()));
            cuts.push(h.range.end.saturating_sub(start).min(run.len()));
        }
    }
    if whole_graphemes && cuts.len() > 2 {
        let bounds: Vec<usize> = run
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([run.len()])
            .collect();
        for c in &mut cuts {
            let at = bounds.partition_point(|&b| b < *c);
            *c = bounds.get(at).copied().unwrap_or(run.len());
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let &[a, b] = w else { return None };
            let piece = run.get(a..b)?;
            let abs = start + a;
            let mark = highlights
                .iter()
                .rev()
                .find(|h| h.range.start <= abs && abs < h.range.end)
                .map(|h| h.mark);
            Some(Span {
                mark,
                ..Span::new(piece, base)
            })
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
        mark: h.mark,
    })
}

/// One line of `text` cut to `max` cells (ending in `…` when cut), styled: the highlights are
/// cut with it, and one that runs past the cut covers the `…`, so a match cut off still shows.
pub fn one_line(text: &str, base: Kind, highlights: &[Highlight], max: usize) -> Vec<Span> {
    let cut = crate::text::truncate(text, max);
    let kept = if cut.as_ref() == text {
        text.len()
    } else {
        cut.len().saturating_sub('…'.len_utf8())
    };
    let mut clipped: Vec<Highlight> = highlights
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
                mark: h.mark,
            })
        })
        .collect();
    // Several matches cut off share the `…`: the current one, drawn last, is the one it shows.
    clipped.sort_by_key(|h| h.mark == Kind::MatchCurrent);
    lines(&cut, &[cut.to_string()], base, &clipped, 0)
        .into_iter()
        .next()
        .map_or_else(Vec::new, |l| l.spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &Line) -> Vec<(String, Option<Kind>)> {
        line.spans
            .iter()
            .map(|s| (s.text.clone(), s.mark))
            .collect()
    }

    #[test]
    fn highlights_land_on_the_right_lines() {
        let text = "one two three four";
        let wrapped = crate::text::wrap(text, 9);
        assert_eq!(wrapped, vec!["one two", "three", "four"]);
        assert_eq!(line_offsets(text, &wrapped), vec![0, 8, 14]);
        let out = lines(
            text,
            &wrapped,
            Kind::Plain,
            &[Highlight {
                range: 4..13,
                mark: Kind::Match,
            }],
            9,
        );
        assert_eq!(
            parts(&out[0]),
            vec![("one ".into(), None), ("two".into(), Some(Kind::Match))]
        );
        assert_eq!(parts(&out[1]), vec![("three".into(), Some(Kind::Match))]);
        assert_eq!(parts(&out[2]), vec![("four".into(), None)]);
    }

    #[test]
    fn later_highlights_win_and_wide_text_splits_at_char_boundaries() {
        let text = "한국어 텍스트";
        let wrapped = crate::text::wrap(text, 20);
        let h = |range, mark| Highlight { range, mark };
        let out = lines(
            text,
            &wrapped,
            Kind::Plain,
            &[h(0..9, Kind::FigureOnly), h(3..6, Kind::Match)],
            20,
        );
        assert_eq!(
            parts(&out[0]),
            vec![
                ("한".into(), Some(Kind::FigureOnly)),
                ("국".into(), Some(Kind::Match)),
                ("어".into(), Some(Kind::FigureOnly)),
                (" 텍스트".into(), None)
            ]
        );
    }

    #[test]
    fn a_cut_line_keeps_its_highlights_and_one_past_the_cut_covers_the_ellipsis() {
        let h = |range: Range<usize>| Highlight {
            range,
            mark: Kind::Match,
        };
        let text = "The Wall Street Journal";
        let spans = one_line(text, Kind::Meta, &[h(4..8), h(16..23)], 12);
        assert_eq!(
            parts(&Line::new(spans.clone())),
            vec![
                ("The ".to_string(), None),
                ("Wall".to_string(), Some(Kind::Match)),
                (" St".to_string(), None),
                ("…".to_string(), Some(Kind::Match)),
            ]
        );
        assert!(spans.iter().all(|s| s.kind == Kind::Meta));
        let whole = one_line(text, Kind::Meta, &[h(16..23)], 40);
        assert_eq!(whole.len(), 2);
        assert_eq!(whole[1].text, "Journal");
        assert_eq!(
            line_of(
                "one two three four",
                &crate::text::wrap("one two three four", 9),
                15
            ),
            2
        );
    }

    /// A right-to-left line is laid out in display order with its marks on the same letters:
    /// the figure `7` and the word `قتل` keep their kinds after reordering, the line is aligned
    /// to the right of its width, and the letters of a word stay with their marks.
    #[test]
    fn right_to_left_lines_carry_their_marks_and_align_right() {
        use crate::text::bidi::{self, Bidi};
        let text = "قُتل 7 أشخاص";
        let seven = text.find('7').unwrap_or(0);
        let h = |range: Range<usize>, mark| Highlight { range, mark };
        let marks = [
            h(0.."قُتل".len(), Kind::Match),
            h(seven..seven + 1, Kind::FigureConflict),
        ];
        let out = bidi::with(Bidi::Reorder, || {
            lines(text, &[text.to_string()], Kind::Plain, &marks, 20)
        });
        let got = parts(&out[0]);
        let width: usize = out[0].spans.iter().map(Span::width).sum();
        assert_eq!(width, 20, "{got:?}");
        assert_eq!(got[0], (" ".repeat(9), None), "padded on the left: {got:?}");
        let shown: Vec<(String, Option<Kind>)> = got[1..].to_vec();
        assert_eq!(
            shown,
            vec![
                ("صاخشأ ".to_string(), None),
                ("7".to_string(), Some(Kind::FigureConflict)),
                (" ".to_string(), None),
                (
                    "\u{644}\u{62a}\u{642}\u{64f}".to_string(),
                    Some(Kind::Match)
                ),
            ]
            .into_iter()
            .map(|(t, m)| (bidi::shown(&t, false).into_owned(), m))
            .collect::<Vec<_>>(),
        );
        assert!(out[0].spans.iter().all(|s| s.ordered));
        // Off: storage order, left aligned, as before.
        let off = bidi::with(Bidi::Off, || {
            lines(text, &[text.to_string()], Kind::Plain, &marks, 20)
        });
        assert_eq!(off[0].text(), text);
    }
}
