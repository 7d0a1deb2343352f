//! Search matches as the views mark them: byte ranges in the text a view draws, the current
//! match apart, and a `⌕ quote` mark for a field that holds a match the view does not draw.

use std::ops::Range;

use super::line::Kind;
use super::styled::Highlight;
use super::Ctx;
use crate::briefing::search::{Field, Match, Matches, Place, ITEM_FIELDS};
use crate::briefing::ItemRef;

/// The matches of the search on screen, and which one is current.
#[derive(Debug, Clone, Default)]
pub struct Marks<'a> {
    matches: Option<&'a Matches>,
    current: Option<Match>,
}

impl<'a> Marks<'a> {
    pub fn new(matches: Option<&'a Matches>, current: Option<Match>) -> Marks<'a> {
        Marks { matches, current }
    }

    /// The current match, if there is one.
    pub fn current(&self) -> Option<&Match> {
        self.current.as_ref()
    }

    /// The byte ranges of matches in one field of a place (in the field's displayed text, see
    /// [`crate::briefing::search::SearchIndex::field_text`]), and which of them is current.
    pub fn ranges(&self, place: Place, field: Field) -> Vec<(Range<usize>, bool)> {
        let Some(m) = self.matches else {
            return Vec::new();
        };
        m.ranges(place, field)
            .map(|range| {
                let is_current = self
                    .current
                    .as_ref()
                    .is_some_and(|c| c.place == place && c.field == field && c.range == range);
                (range, is_current)
            })
            .collect()
    }

    /// Whether there are no matches to mark at all (no search, or none found).
    pub fn is_empty(&self) -> bool {
        self.matches.is_none_or(|m| m.is_empty())
    }

    /// Whether the field holds any match.
    pub fn any(&self, place: Place, field: Field) -> bool {
        self.matches
            .is_some_and(|m| m.ranges(place, field).next().is_some())
    }

    /// Whether the current match is in this field.
    pub fn current_in(&self, place: Place, field: Field) -> bool {
        self.current
            .as_ref()
            .is_some_and(|c| c.place == place && c.field == field)
    }
}

/// The search matches of one field, ready to draw.
#[derive(Debug, Clone, Default)]
pub struct FieldMatches {
    pub highlights: Vec<Highlight>,
    /// Where the current match starts, when it is in this field.
    pub current: Option<usize>,
}

fn match_kind(current: bool) -> Kind {
    if current {
        Kind::MatchCurrent
    } else {
        Kind::Match
    }
}

/// Search matches in one field of a place, as highlights on the text the view draws: the field's
/// displayed text after a prefix of `shift` bytes. `one_line`: the view draws the field on one
/// line, its newlines as `↵` ([`crate::text::sanitize_line`]), which moves the offsets after each.
pub fn field_matches(
    ctx: &Ctx,
    place: Place,
    field: Field,
    one_line: bool,
    shift: usize,
) -> FieldMatches {
    let ranges = ctx.marks.ranges(place, field);
    if ranges.is_empty() {
        return FieldMatches::default();
    }
    let text = ctx.doc.index().field_text(&ctx.doc.briefing, place, field);
    // Where the newlines are, found once: counting them before each match again was quadratic
    // (a 1 MB title and `/a`: 39 s for one key).
    let newlines: Vec<usize> = if one_line {
        memchr::memchr_iter(b'\n', text.as_bytes()).collect()
    } else {
        Vec::new()
    };
    let at = |x: usize| {
        let before = newlines.partition_point(|&n| n < x);
        x + before * ('↵'.len_utf8() - 1) + shift
    };
    let mut out = FieldMatches::default();
    for (range, current) in ranges {
        let range = at(range.start)..at(range.end);
        if current {
            out.current = Some(range.start);
        }
        out.highlights.push(Highlight {
            range,
            mark: match_kind(current),
        });
    }
    out
}

/// Search matches to highlight in an item's text; the current match stands out.
pub fn search_highlights(ctx: &Ctx, r: ItemRef) -> Vec<Highlight> {
    field_matches(ctx, Place::Item(r), Field::Text, false, 0).highlights
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
/// the ones it draws): `⌕ quote`, as the current match when the current match is there, so that
/// every match the counter counts can be seen.
pub fn hidden_match_marks(ctx: &Ctx, r: ItemRef, shown: &[Field]) -> Vec<(String, Kind)> {
    let place = Place::Item(r);
    ITEM_FIELDS
        .iter()
        .filter(|f| !shown.contains(f))
        .filter(|&&f| ctx.marks.any(place, f))
        .map(|&f| {
            (
                format!("{MATCH_MARK} {}", field_word(f)),
                match_kind(ctx.marks.current_in(place, f)),
            )
        })
        .collect()
}

/// The item fields the panes draw: the rest are marked when they hold a match.
pub const SHOWN_FIELDS: [Field; 3] = [Field::Text, Field::Source, Field::Date];

/// Starts the mark of a match in a field the view does not draw.
pub const MATCH_MARK: &str = "⌕";
