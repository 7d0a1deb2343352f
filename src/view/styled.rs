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

pub use crate::text::line_offsets;

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

/// [`lines`] for the wrapped lines in `rows` only: what a box draws of a long text, styled
/// in the time its rows take, whatever the text's length and its number of highlights (only
/// those that reach the rows are painted).
pub fn lines_in(
    text: &str,
    lines: &[String],
    rows: Range<usize>,
    base: Kind,
    highlights: &[Highlight],
    width: usize,
) -> Vec<Line> {
    let end = rows.end.min(lines.len());
    let start = rows.start.min(end);
    let Some(shown) = lines.get(start..end).filter(|l| !l.is_empty()) else {
        return Vec::new();
    };
    let paragraphs = bidi::Paragraphs::new(text);
    if highlights.is_empty() && !paragraphs.reorders() {
        return shown.iter().map(|l| Line::of(l.clone(), base)).collect();
    }
    let offsets = line_offsets(text, lines);
    let from = offsets.get(start).copied().unwrap_or(0);
    let to = offsets
        .get(end - 1)
        .zip(lines.get(end - 1))
        .map_or(text.len(), |(o, l)| o + l.len());
    // In their order, so that the later of two overlapping ones still wins.
    let reaching: Vec<Highlight> = highlights
        .iter()
        .filter(|h| h.range.start < to && h.range.end > from)
        .cloned()
        .collect();
    let offsets = offsets.get(start..end).unwrap_or_default();
    paint_lines(&paragraphs, text, shown, offsets, base, &reaching, width)
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
    paint_lines(&paragraphs, text, lines, &offsets, base, highlights, width)
}

/// `lines` (starting at `offsets` in `text`) painted with `highlights`, each in display order.
fn paint_lines(
    paragraphs: &bidi::Paragraphs,
    text: &str,
    lines: &[String],
    offsets: &[usize],
    base: Kind,
    highlights: &[Highlight],
    width: usize,
) -> Vec<Line> {
    let paint = Paint::of(highlights);
    lines
        .iter()
        .zip(offsets.iter().copied())
        .map(|(line, start)| {
            let end = start + line.len();
            let mut spans: Vec<Span> = paragraphs
                .runs(start..end)
                .into_iter()
                .flat_map(|run| shown_run(text, run, base, &paint))
                .collect();
            let used: usize = spans.iter().map(Span::width).sum();
            let rtl = paragraphs.is_rtl(start);
            if rtl && used < width {
                spans.insert(
                    0,
                    Span {
                        ordered: true,
                        ..Span::new(" ".repeat(width - used), base)
                    },
                );
            }
            Line {
                rtl,
                ..Line::new(spans)
            }
        })
        .collect()
}

/// `text[range]` cut where highlights start and end, each piece with its mark; in a
/// right-to-left run the cuts are moved to grapheme boundaries, so that reversing the pieces
/// never parts a letter from its marks. In O(log highlights + pieces), whatever the number of
/// highlights (a 300 KB text with tens of thousands of matches).
fn pieces(
    text: &str,
    range: Range<usize>,
    base: Kind,
    paint: &Paint,
    whole_graphemes: bool,
) -> Vec<Span> {
    let Some(run) = text.get(range.clone()) else {
        return Vec::new();
    };
    let (start, end) = (range.start, range.end);
    let first = paint.cuts.partition_point(|&c| c <= start);
    let inner = paint.cuts.get(first..).unwrap_or(&[]);
    let mut cuts: Vec<usize> = vec![0];
    cuts.extend(inner.iter().take_while(|&&c| c < end).map(|&c| c - start));
    cuts.push(run.len());
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
        cuts.dedup();
    }
    cuts.windows(2)
        .filter_map(|w| {
            let &[a, b] = w else { return None };
            let piece = run.get(a..b).filter(|p| !p.is_empty())?;
            Some(Span {
                mark: paint.mark_at(start + a),
                ..Span::new(piece, base)
            })
        })
        .collect()
}

/// The highlights flattened: the text cut where any of them starts or ends, and the mark that
/// wins on each piece (the latest highlight covering it).
struct Paint {
    /// Sorted, without repeats.
    cuts: Vec<usize>,
    /// `marks[i]` covers `cuts[i]..cuts[i + 1]`.
    marks: Vec<Option<Kind>>,
}

impl Paint {
    fn of(highlights: &[Highlight]) -> Paint {
        let real: Vec<(usize, &Highlight)> = highlights
            .iter()
            .enumerate()
            .filter(|(_, h)| h.range.start < h.range.end)
            .collect();
        let mut cuts: Vec<usize> = real
            .iter()
            .flat_map(|(_, h)| [h.range.start, h.range.end])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut by_start = real;
        by_start.sort_by_key(|(_, h)| h.range.start);
        // The highlights covering the piece, latest on top; ended ones leave when they surface.
        let mut open: std::collections::BinaryHeap<(usize, usize)> =
            std::collections::BinaryHeap::new();
        let mut next = by_start.into_iter().peekable();
        let marks = cuts
            .iter()
            .map(|&at| {
                while let Some((i, h)) = next.next_if(|(_, h)| h.range.start <= at) {
                    open.push((i, h.range.end));
                }
                while open.peek().is_some_and(|&(_, end)| end <= at) {
                    open.pop();
                }
                open.peek()
                    .and_then(|&(i, _)| highlights.get(i))
                    .map(|h| h.mark)
            })
            .collect();
        Paint { cuts, marks }
    }

    fn mark_at(&self, at: usize) -> Option<Kind> {
        let i = self.cuts.partition_point(|&c| c <= at).checked_sub(1)?;
        self.marks.get(i).copied().flatten()
    }
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
    // Of those that start at the cut only the last can show: a 1 MB title with 450,000 matches
    // is marked with the few before the cut and one on the `…`.
    if let Some(last) = clipped.iter().rposition(|h| h.range.start >= kept) {
        let mut i = 0;
        clipped.retain(|h| {
            i += 1;
            h.range.start < kept || i - 1 == last
        });
    }
    if bidi::has_rtl(&cut) && bidi::fields(&cut).len() > 1 {
        return fields_line(&cut, base, &clipped);
    }
    lines(&cut, &[cut.to_string()], base, &clipped, 0)
        .into_iter()
        .next()
        .map_or_else(Vec::new, |l| l.spans)
}

/// A line brief composes of fields (`1 ± ادعاء-١ ↔ رد-الجيش — …`), in display order: each field
/// laid out on its own (`bidi::Paragraphs::field`), the fields left to right, so that two
/// right-to-left ids are not read as one phrase and swapped, nor the chrome before them moved
/// to the far end. The highlights move with their letters.
fn fields_line(text: &str, base: Kind, highlights: &[Highlight]) -> Vec<Span> {
    let paint = Paint::of(highlights);
    let mut spans = Vec::new();
    for range in bidi::fields(text) {
        let Some(field) = text.get(range.clone()) else {
            continue;
        };
        for run in bidi::Paragraphs::field(field).runs(0..field.len()) {
            let at = range.start + run.range.start..range.start + run.range.end;
            spans.extend(shown_run(
                text,
                bidi::Run { range: at, ..run },
                base,
                &paint,
            ));
        }
    }
    spans
}

/// One run of `text` as its spans are shown, marked and in display order: a right-to-left
/// run's pieces last to first, each reversed ([`bidi::shown`]).
fn shown_run(text: &str, run: bidi::Run, base: Kind, paint: &Paint) -> Vec<Span> {
    let mut pieces = pieces(text, run.range, base, paint, run.rtl);
    if run.rtl {
        pieces.reverse();
        for p in &mut pieces {
            p.text = bidi::shown(&p.text, true).into_owned();
        }
    }
    for p in &mut pieces {
        p.ordered = true;
    }
    pieces
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

    /// The first way of marking, one highlight against every line: quadratic, kept as the
    /// reference the fast one must agree with.
    fn naive(
        text: &str,
        lines: &[String],
        highlights: &[Highlight],
    ) -> Vec<Vec<(String, Option<Kind>)>> {
        line_offsets(text, lines)
            .into_iter()
            .zip(lines)
            .map(|(start, line)| {
                line.char_indices()
                    .map(|(i, c)| {
                        let abs = start + i;
                        let mark = highlights
                            .iter()
                            .rev()
                            .find(|h| h.range.start <= abs && abs < h.range.end)
                            .map(|h| h.mark);
                        (c.to_string(), mark)
                    })
                    .collect()
            })
            .collect()
    }

    /// Per character, so that where spans are split does not matter.
    fn by_char(lines: &[Line]) -> Vec<Vec<(String, Option<Kind>)>> {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .flat_map(|s| s.text.chars().map(move |c| (c.to_string(), s.mark)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_fast_marking_agrees_with_the_naive_one() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for _ in 0..300 {
            let len = 1 + next(80);
            let text: String = (0..len)
                .map(|i| if i % 7 == 3 { ' ' } else { 'a' })
                .collect();
            let mut lines = Vec::new();
            let mut at = 0;
            while at < len {
                let n = 1 + next(12);
                let end = (at + n).min(len);
                lines.push(text[at..end].to_string());
                at = end;
            }
            let marks = [Kind::Match, Kind::MatchCurrent, Kind::Plain];
            let highlights: Vec<Highlight> = (0..next(12))
                .map(|_| {
                    let a = next(len + 4);
                    let b = a + next(20);
                    Highlight {
                        range: a..b,
                        mark: marks[next(3)],
                    }
                })
                .collect();
            assert_eq!(
                by_char(&super::lines(&text, &lines, Kind::Plain, &highlights, 0)),
                naive(&text, &lines, &highlights),
                "{highlights:?}"
            );
        }
    }

    /// A window of rows styled alone is what the same rows are when every line is styled: in
    /// left-to-right and right-to-left paragraphs, with highlights across the window's edges.
    #[test]
    fn rows_styled_alone_are_the_rows_of_the_whole() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let words = ["figure", "12", "قالت", "الوزارة", "x", "\n"];
        for _ in 0..200 {
            let text = (0..1 + next(40))
                .map(|_| match words[next(words.len())] {
                    "\n" => "\n".to_string(),
                    w => format!("{w} "),
                })
                .collect::<String>();
            // What the views hand it: the displayed text, and that text wrapped.
            let lines = crate::text::wrap(&text, 1 + next(20));
            let text = crate::text::display(&text).into_owned();
            let marks = [Kind::Match, Kind::FigureConflict, Kind::Shared];
            let highlights: Vec<Highlight> = (0..next(30))
                .map(|_| {
                    let a = next(text.len() + 2);
                    let b = a + next(15);
                    Highlight {
                        range: a..b,
                        mark: marks[next(3)],
                    }
                })
                .filter(|h| text.is_char_boundary(h.range.start.min(text.len())))
                .filter(|h| text.is_char_boundary(h.range.end.min(text.len())))
                .collect();
            let width = 24;
            let whole = super::lines(&text, &lines, Kind::Plain, &highlights, width);
            let a = next(lines.len() + 1);
            let b = a + next(lines.len() + 1);
            let alone = super::lines_in(&text, &lines, a..b, Kind::Plain, &highlights, width);
            let end = b.min(whole.len());
            assert_eq!(
                alone,
                whole[a.min(end)..end].to_vec(),
                "{text:?} {lines:?} {a}..{b} {highlights:?}"
            );
        }
    }

    /// The work is bounded: 200,000 highlights over 40,000 lines of a 1.2 MB text are marked
    /// in one pass (the quadratic way compared 8 billion pairs, minutes of CPU).
    #[test]
    fn marking_a_huge_text_is_not_quadratic() {
        let line = "banana banana banana banana";
        let lines: Vec<String> = (0..40_000).map(|_| line.to_string()).collect();
        let text = lines.concat();
        let highlights: Vec<Highlight> = (0..200_000)
            .map(|i| {
                let at = i * 6;
                Highlight {
                    range: at..at + 2,
                    mark: Kind::Match,
                }
            })
            .collect();
        let marked = super::lines(&text, &lines, Kind::Plain, &highlights, 0);
        assert_eq!(marked.len(), 40_000);
        let spans: usize = marked.iter().map(|l| l.spans.len()).sum();
        assert!(spans > 200_000 && spans < 600_000, "{spans}");
    }
}
