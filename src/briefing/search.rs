//! Search over an open briefing: the engine behind the reader's `/`. Knows nothing of terminals.
//!
//! [`SearchIndex::build`] prepares the text once. Every searchable field, sanitised exactly as
//! the reader shows it ([`crate::text::sanitize`]), is lower-cased into one buffer in reading
//! order, each field followed by a NUL (which sanitised text never holds, so a literal never
//! matches across two fields). Lower-casing can change byte lengths (`İ` is 2 bytes, `i̇` 3; `ẞ` 3,
//! `ß` 2): for the rare fields where it does, the index keeps where, and maps every range back to
//! the displayed text, at char boundaries. Smart case and the mode choose the path of a query:
//!
//! - A case-insensitive literal (the usual query): one pass of the regex engine over the whole
//!   buffer, with the query lower-cased the same way. The regex crate finds a literal with a
//!   vectorised substring search, so a query costs about what `grep` costs on the same bytes.
//! - Anything else, field by field, about 80 ns a field more than one pass: a case-sensitive
//!   query over the displayed texts, which the briefing itself holds for all but the few fields
//!   that sanitising changed (the index keeps those), so there is no second copy of the text; a
//!   case-insensitive regex over the lower-cased fields. A regex could match the NUL and run on
//!   into the next field: field by field it cannot, and `^`/`$` hold at the start and end of each
//!   field and line.
//!
//! Only the matches are stored, 12 bytes each, at most [`MAX_MATCHES`]. The layout is fixed: the
//! header ([`HEADER_FIELDS`]), then [`ITEM_FIELDS`] for every item (claims, responses, context),
//! then one note per declared contradiction, in the order of the pairs the notes belong to. Absent fields are empty, so a field's place follows
//! from its position alone; matches come out in reading order, and one place's matches are a
//! contiguous run.

use std::fmt;
use std::ops::Range;

use regex::{Regex, RegexBuilder};

use std::sync::Arc;

use super::model::{Briefing, ItemRef, Section};
use super::relations::Relations;
use crate::text::{sanitize, sanitize_line};

/// Most matches kept for one query; [`Matches::truncated`] says when there were more.
pub const MAX_MATCHES: usize = 1_000_000;

/// Ends every field in the buffer. Sanitised text never holds it (it shows as `␀`).
const SEP: u8 = 0;

/// A searchable field of a [`Place`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Summary,
    Text,
    Quote,
    /// The display name of the item's source ([`Briefing::source_name`]).
    Source,
    Attribution,
    /// `YYYY-MM-DD`: the briefing's date in the header, the item's date on an item.
    Date,
    /// The note of a declared contradiction.
    Note,
}

/// The header's fields, in the order their matches come.
pub const HEADER_FIELDS: [Field; 3] = [Field::Title, Field::Date, Field::Summary];
/// An item's fields, in the order their matches come.
pub const ITEM_FIELDS: [Field; 5] = [
    Field::Text,
    Field::Quote,
    Field::Source,
    Field::Attribution,
    Field::Date,
];
const NOTE_FIELDS: [Field; 1] = [Field::Note];

/// Where a match is. Matches come in reading order: header, claims, responses, context (each top
/// to bottom), then the contradiction notes in the order of their pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The title, date and summary of the briefing.
    Header,
    Item(ItemRef),
    /// The note of `briefing.contradictions[i]` (the declared entry, in file order; the
    /// contradictions view finds its pair through `between`).
    Contradiction(usize),
}

/// One occurrence of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub place: Place,
    pub field: Field,
    /// Bytes of [`SearchIndex::field_text`] (the sanitised, displayed text), at char boundaries.
    pub range: Range<usize>,
}

/// What the user typed at the `/` prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub pattern: String,
    /// A regular expression (regex crate syntax) rather than literal text.
    pub regex: bool,
}

/// A [`Query`] compiled: what [`SearchIndex::search_compiled`] runs. The library's search
/// compiles the query once per keystroke rather than once per briefing (at 100,000 briefings
/// compiling was over a quarter of a keystroke).
#[derive(Debug, Clone)]
pub struct Compiled {
    /// None: the query matches nothing (empty, or a literal holding the field separator).
    re: Option<Regex>,
    regex: bool,
    sensitive: bool,
    /// The text a literal query looks for (None for a regex): what an index of trigrams can
    /// narrow the briefings down by before they are searched.
    literal: Option<String>,
    /// A case-insensitive literal, matched without folding in text that is all ASCII (where
    /// ASCII case-insensitivity is the fold).
    ascii: Option<Regex>,
}

impl Query {
    /// The query compiled, with brief's smart case: a regex that can match empty text is
    /// refused, as its empty matches would be everywhere.
    pub fn compile(&self) -> Result<Compiled, SearchError> {
        let q = self;
        let sensitive = is_smart_case_sensitive(&q.pattern, q.regex);
        let nothing = Compiled {
            re: None,
            regex: q.regex,
            sensitive,
            literal: (!q.regex).then(|| q.pattern.clone()),
            ascii: None,
        };
        if q.pattern.is_empty() || (!q.regex && q.pattern.as_bytes().contains(&SEP)) {
            return Ok(nothing);
        }
        let re = if q.regex {
            compile(&q.pattern, !sensitive)?
        } else if sensitive {
            compile(&regex::escape(&q.pattern), false)?
        } else {
            compile(&regex::escape(&fold(&q.pattern)), false)?
        };
        if q.regex
            && ["", "a b"]
                .iter()
                .any(|p| re.find_iter(p).any(|m| m.is_empty()))
        {
            return Err(SearchError::MatchesEmpty);
        }
        let ascii = if !q.regex && !sensitive && q.pattern.is_ascii() {
            Some(compile(&regex::escape(&q.pattern), true)?)
        } else {
            None
        };
        Ok(Compiled {
            re: Some(re),
            ascii,
            ..nothing
        })
    }

    pub fn literal(pattern: impl Into<String>) -> Query {
        Query {
            pattern: pattern.into(),
            regex: false,
        }
    }

    pub fn regex(pattern: impl Into<String>) -> Query {
        Query {
            pattern: pattern.into(),
            regex: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchError {
    /// The pattern is not a valid regex; the message is one line, fit for the prompt.
    InvalidRegex(String),
    /// The regex can match empty text (`x*`, `\b`): such matches would be everywhere.
    MatchesEmpty,
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::InvalidRegex(why) => write!(f, "invalid regex: {why}"),
            SearchError::MatchesEmpty => f.write_str("the regex matches empty text"),
        }
    }
}

impl std::error::Error for SearchError {}

impl Compiled {
    /// The literal text the query looks for; None for a regex.
    pub fn literal(&self) -> Option<&str> {
        self.literal.as_deref()
    }

    /// Whether the query can match anything at all.
    pub fn matches_something(&self) -> bool {
        self.re.is_some()
    }

    /// How many occurrences [`SearchIndex::search_compiled`] finds in the briefing whose
    /// [`body`] this is: the same fields, folded the same way, matched field by field, up to
    /// [`MAX_MATCHES`]. What the library counts for a briefing it holds only as a row.
    pub fn count_in_body(&self, body: &str) -> usize {
        self.count_in(body, char::from(SEP))
    }

    /// [`Compiled::count_in_body`] in a body whose fields end with `sep` (a character
    /// sanitised text never holds) rather than the NUL.
    pub fn count_in(&self, body: &str, sep: char) -> usize {
        let Some(re) = &self.re else {
            return 0;
        };
        let n: usize = match (self.regex, self.sensitive) {
            // Neither the query nor a field holds the separator: one pass over the whole.
            (false, false) => {
                if self.literal.as_deref().is_some_and(|l| l.contains(sep)) {
                    return 0;
                }
                match &self.ascii {
                    Some(ascii) if body.is_ascii() => ascii.find_iter(body).count(),
                    // Folded, an ASCII text cannot hold a query that folds outside ASCII.
                    None if body.is_ascii() => 0,
                    _ => re.find_iter(&fold(body)).filter(|m| !m.is_empty()).count(),
                }
            }
            (true, false) => fields(body, sep)
                .map(|f| re.find_iter(&fold(f)).filter(|m| !m.is_empty()).count())
                .sum(),
            (_, true) => fields(body, sep)
                .map(|f| re.find_iter(f).filter(|m| !m.is_empty()).count())
                .sum(),
        };
        n.min(MAX_MATCHES)
    }
}

/// The fields of a body whose fields end with `sep`.
fn fields(body: &str, sep: char) -> impl Iterator<Item = &str> {
    body.split(sep).filter(|f| !f.is_empty())
}

/// Everything `/` searches in `b`, as displayed (sanitised), field after field in the order of
/// [`SearchIndex::build`], each ended by the separator: what the library's index stores, and
/// [`Compiled::count_in_body`] counts in, for a briefing not held in memory.
pub fn body(b: &Briefing) -> String {
    use fmt::Write;
    let mut out = String::new();
    let mut push = |s: &str| {
        out.push_str(&sanitize(s));
        out.push(char::from(SEP));
    };
    push(&b.title);
    push(&b.date.to_string());
    push(b.summary.as_deref().unwrap_or(""));
    for (_, item) in b.items() {
        push(&item.text);
        push(item.quote.as_deref().unwrap_or(""));
        push(b.source_name(item).unwrap_or(""));
        push(item.attribution.as_deref().unwrap_or(""));
        let mut date = String::new();
        if let Some(d) = item.date {
            // Writing to a String cannot fail.
            let _ = write!(date, "{d}");
        }
        push(&date);
    }
    for d in &b.contradictions {
        push(d.note.as_deref().unwrap_or(""));
    }
    out
}

/// Smart case: a query is case-sensitive only when it holds an upper-case letter. In a regex,
/// escapes (`\S`, `\W`, `\pL`, `\x4F`), group names and flags do not count.
pub fn is_smart_case_sensitive(pattern: &str, regex: bool) -> bool {
    if !regex {
        return pattern.chars().any(char::is_uppercase);
    }
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(kind @ ('x' | 'u' | 'U')) => {
                    if chars.next_if_eq(&'{').is_some() {
                        chars.by_ref().find(|&c| c == '}');
                    } else {
                        let digits = match kind {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        for _ in 0..digits {
                            chars.next_if(char::is_ascii_hexdigit);
                        }
                    }
                }
                Some('p' | 'P') => {
                    if chars.next_if_eq(&'{').is_some() {
                        chars.by_ref().find(|&c| c == '}');
                    } else {
                        chars.next();
                    }
                }
                _ => {}
            },
            // `(?P<Name>`, `(?<Name>`, `(?iU)`, `(?R:`: names and flags are not text to match.
            '(' if chars.next_if_eq(&'?').is_some() => {
                if chars.next_if(|&c| c == 'P' || c == '<').is_some() {
                    chars.by_ref().find(|&c| c == '>');
                } else {
                    while chars
                        .next_if(|&c| c.is_ascii_alphabetic() || c == '-')
                        .is_some()
                    {}
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

/// The sizes of the briefing's parts, from which a field's slot in the buffer follows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Layout {
    sections: [usize; 3],
    notes: usize,
    /// The declared entries in the order of their notes' slots: the order of the contradiction
    /// pairs they belong to ([`Relations::pairs`]), so that `n` meets the notes as the
    /// contradictions view numbers them. Empty when that is file order (the usual case).
    note_order: Arc<[u32]>,
    /// The inverse: for each declared entry, its note's position among the notes.
    note_rank: Arc<[u32]>,
}

const H: usize = HEADER_FIELDS.len();
const I: usize = ITEM_FIELDS.len();

impl Layout {
    fn of(b: &Briefing) -> Layout {
        let notes = b.contradictions.len();
        // Pair order, then the entries no pair took (a note-less or unresolved entry), in file order.
        let mut order: Vec<u32> = Vec::with_capacity(notes);
        let mut taken = vec![false; notes];
        if b.contradictions.iter().any(|d| d.note.is_some()) {
            for pair in Relations::derive(b).pairs {
                for k in pair.notes {
                    if let Some(t) = taken.get_mut(k).filter(|t| !**t) {
                        *t = true;
                        order.push(k as u32);
                    }
                }
            }
        }
        order
            .extend((0..notes as u32).filter(|&k| !taken.get(k as usize).copied().unwrap_or(true)));
        let identity = order.iter().enumerate().all(|(i, &k)| i == k as usize);
        let (note_order, note_rank): (Arc<[u32]>, Arc<[u32]>) = if identity {
            (Arc::from([]), Arc::from([]))
        } else {
            let mut rank = vec![0u32; notes];
            for (i, &k) in order.iter().enumerate() {
                if let Some(r) = rank.get_mut(k as usize) {
                    *r = i as u32;
                }
            }
            (order.into(), rank.into())
        };
        Layout {
            sections: [b.claims.len(), b.responses.len(), b.context.len()],
            notes,
            note_order,
            note_rank,
        }
    }

    /// The declared entry whose note is at position `i` among the notes.
    fn note_at(&self, i: usize) -> usize {
        self.note_order.get(i).map_or(i, |&k| k as usize)
    }

    /// The position among the notes of declared entry `k`'s note.
    fn rank_of(&self, k: usize) -> usize {
        self.note_rank.get(k).map_or(k, |&r| r as usize)
    }

    fn items(&self) -> usize {
        self.sections.iter().sum()
    }

    fn slots(&self) -> usize {
        H + self.items() * I + self.notes
    }

    fn section_len(&self, section: Section) -> usize {
        self.sections.get(section.index()).copied().unwrap_or(0)
    }

    /// The first slot of `place`. A place past the end of its part maps to the end of the part,
    /// so that slots keep the order of places.
    fn first_slot(&self, place: Place) -> usize {
        match place {
            Place::Header => 0,
            Place::Item(r) => {
                let s = r.section.index();
                let before: usize = self.sections.iter().take(s).sum();
                let len = self.sections.get(s).copied().unwrap_or(0);
                H + (before + r.index.min(len)) * I
            }
            Place::Contradiction(k) => H + self.items() * I + self.rank_of(k).min(self.notes),
        }
    }

    /// One past the last slot of `place`.
    fn end_slot(&self, place: Place) -> usize {
        let first = self.first_slot(place);
        match place {
            Place::Header => H,
            Place::Item(r) if r.index < self.section_len(r.section) => first + I,
            Place::Contradiction(i) if i < self.notes => first + 1,
            _ => first,
        }
    }

    fn slot(&self, place: Place, field: Field) -> Option<usize> {
        let fields: &[Field] = match place {
            Place::Header => &HEADER_FIELDS,
            Place::Item(_) => &ITEM_FIELDS,
            Place::Contradiction(_) => &NOTE_FIELDS,
        };
        let k = fields.iter().position(|&f| f == field)?;
        let slot = self.first_slot(place) + k;
        (slot < self.end_slot(place)).then_some(slot)
    }

    fn locate(&self, slot: usize) -> (Place, Field) {
        if let Some(&field) = HEADER_FIELDS.get(slot) {
            return (Place::Header, field);
        }
        let mut item = (slot - H) / I;
        if item < self.items() {
            // `% I` is below `ITEM_FIELDS.len()`; the fallback is never taken.
            let field = ITEM_FIELDS
                .get((slot - H) % I)
                .copied()
                .unwrap_or(Field::Text);
            for section in Section::ALL {
                let n = self.section_len(section);
                if item < n {
                    return (Place::Item(ItemRef::new(section, item)), field);
                }
                item -= n;
            }
        }
        let note = slot - H - self.items() * I;
        (Place::Contradiction(self.note_at(note)), Field::Note)
    }
}

/// The prepared text of one briefing. Build it again when the briefing changes, and give
/// [`SearchIndex::search`] and [`SearchIndex::field_text`] the briefing it was built from.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Every field's displayed text, folded ([`fold`]), followed by [`SEP`], slot after slot.
    folded: String,
    /// Where each slot starts in `folded`, and `folded.len()` last.
    starts: Vec<u32>,
    layout: Layout,
    /// By slot: the displayed text of the few fields whose sanitised text differs from the raw.
    displayed: Vec<(u32, Box<str>)>,
    /// By slot: where folding changed byte lengths, to map folded offsets back to displayed ones.
    shifts: Vec<(u32, Box<[Shift]>)>,
}

/// A char whose folded form has another length than the char: `İ` (2 bytes) folds to `i̇` (3).
/// Offsets are within the slot; before the first shift folded and displayed offsets agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shift {
    folded: u32,
    shown: u32,
    folded_len: u8,
    shown_len: u8,
}

/// Lower-cases `s` char by char onto `out` (no context rules, so that a query folds the same way
/// wherever it stands), with final sigma as sigma. Records the chars that fold to another length
/// or to several chars, whose offsets then differ.
fn fold_into(out: &mut String, s: &str, shifts: &mut Vec<Shift>) {
    let base = out.len();
    out.push_str(s);
    if s.is_ascii() || !s.chars().any(folds) {
        if let Some(t) = out.get_mut(base..) {
            t.make_ascii_lowercase();
        }
        return;
    }
    out.truncate(base);
    for (at, c) in s.char_indices() {
        if !folds(c) {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let before = out.len();
        let lower = c.to_lowercase();
        let several = lower.len() > 1;
        if c == 'ς' {
            out.push('σ');
        } else {
            out.extend(lower);
        }
        let len = out.len() - before;
        if several || len != c.len_utf8() {
            shifts.push(Shift {
                folded: (before - base) as u32,
                shown: at as u32,
                folded_len: len as u8,
                shown_len: c.len_utf8() as u8,
            });
        }
    }
}

/// Whether folding changes a char other than ASCII.
fn folds(c: char) -> bool {
    // Kana, CJK and Hangul have no case: most non-Latin text skips the table.
    if c.is_ascii() || matches!(c, '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}') {
        return false;
    }
    let mut lower = c.to_lowercase();
    c == 'ς' || lower.len() != 1 || lower.next() != Some(c)
}

/// The folded form of a text as `/` folds it: char by char (a char's fold never depends on
/// its neighbours; `ς` folds as `σ`), so the fold of a piece of a text is a piece of its fold.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s, &mut Vec::new());
    out
}

/// Maps an offset in a slot's folded text to one in its displayed text. An offset inside a char
/// that folded to several goes to that char's start (`end == false`) or end (`end == true`).
fn unfold(shifts: &[Shift], x: usize, end: bool) -> usize {
    let i = shifts.partition_point(|s| s.folded as usize <= x);
    let Some(s) = i.checked_sub(1).and_then(|i| shifts.get(i)) else {
        return x;
    };
    let (folded, shown) = (s.folded as usize, s.shown as usize);
    let (folded_end, shown_end) = (folded + s.folded_len as usize, shown + s.shown_len as usize);
    if x >= folded_end {
        shown_end + (x - folded_end)
    } else if x == folded || !end {
        shown
    } else {
        shown_end
    }
}

/// Fills the index, keeping every offset within `u32`.
struct Writer {
    index: SearchIndex,
    shifts: Vec<Shift>,
    /// Text beyond this is left out so that offsets fit in `u32` (a briefing of 4 GiB cannot be
    /// loaded anyway, but a bound costs nothing).
    limit: usize,
}

impl Writer {
    fn push(&mut self, raw: &str) {
        let slot = self.start();
        let shown = sanitize(raw);
        let ix = &mut self.index;
        if ix.folded.len() + 3 * shown.len() <= self.limit {
            fold_into(&mut ix.folded, &shown, &mut self.shifts);
            if !self.shifts.is_empty() {
                let shifts = std::mem::take(&mut self.shifts);
                ix.shifts.push((slot, shifts.into_boxed_slice()));
            }
        }
        if let std::borrow::Cow::Owned(s) = shown {
            ix.displayed.push((slot, s.into_boxed_str()));
        }
        ix.folded.push(char::from(SEP));
    }

    /// A date is ASCII digits: folded and displayed alike, so the folded buffer is its display.
    fn push_date(&mut self, date: Option<super::model::Date>) {
        self.start();
        let folded = &mut self.index.folded;
        if let Some(d) = date {
            if folded.len() + 10 <= self.limit {
                use fmt::Write;
                // Writing to a String cannot fail.
                let _ = write!(folded, "{d}");
            }
        }
        folded.push(char::from(SEP));
    }

    fn start(&mut self) -> u32 {
        let ix = &mut self.index;
        ix.starts
            .push(u32::try_from(ix.folded.len()).unwrap_or(u32::MAX));
        (ix.starts.len() - 1) as u32
    }
}

impl SearchIndex {
    /// Lays out the briefing's searchable text. Linear in its size; done once per briefing.
    pub fn build(b: &Briefing) -> SearchIndex {
        let layout = Layout::of(b);
        let slots = layout.slots();
        let opt = |s: &Option<String>| s.as_deref().map_or(0, str::len);
        let estimate = b.title.len()
            + opt(&b.summary)
            + b.items()
                .map(|(_, it)| {
                    it.text.len()
                        + opt(&it.quote)
                        + opt(&it.attribution)
                        + b.source_name(it).map_or(0, str::len)
                        + if it.date.is_some() { 10 } else { 0 }
                })
                .sum::<usize>()
            + b.contradictions.iter().map(|d| opt(&d.note)).sum::<usize>()
            + 10
            + slots;
        let mut w = Writer {
            index: SearchIndex {
                folded: String::with_capacity(estimate),
                starts: Vec::with_capacity(slots + 1),
                layout,
                displayed: Vec::new(),
                shifts: Vec::new(),
            },
            shifts: Vec::new(),
            limit: (u32::MAX as usize).saturating_sub(slots + 1),
        };
        w.push(&b.title);
        w.push_date(Some(b.date));
        w.push(b.summary.as_deref().unwrap_or(""));
        for (_, item) in b.items() {
            w.push(&item.text);
            w.push(item.quote.as_deref().unwrap_or(""));
            w.push(b.source_name(item).unwrap_or(""));
            w.push(item.attribution.as_deref().unwrap_or(""));
            w.push_date(item.date);
        }
        for i in 0..b.contradictions.len() {
            let note = b.contradictions.get(w.index.layout.note_at(i));
            w.push(note.and_then(|d| d.note.as_deref()).unwrap_or(""));
        }
        w.start();
        let mut index = w.index;
        index.folded.shrink_to_fit();
        index.displayed.shrink_to_fit();
        index.shifts.shrink_to_fit();
        index
    }

    /// Every occurrence of `q` in `b` (the briefing the index was built from), in reading order.
    /// An empty pattern matches nothing; a regex that can match empty text is refused, as its
    /// empty matches would be everywhere. A match never spans two fields, and `^`/`$` match at
    /// the start and end of each field and of each line in it.
    pub fn search(&self, b: &Briefing, q: &Query) -> Result<Matches, SearchError> {
        Ok(self.search_compiled(b, &q.compile()?))
    }

    /// [`Self::search`] with a query compiled once ([`Query::compile`]) for many briefings.
    pub fn search_compiled(&self, b: &Briefing, q: &Compiled) -> Matches {
        self.search_compiled_capped(b, q, MAX_MATCHES)
    }

    #[cfg(test)]
    fn search_capped(&self, b: &Briefing, q: &Query, cap: usize) -> Result<Matches, SearchError> {
        Ok(self.search_compiled_capped(b, &q.compile()?, cap))
    }

    fn search_compiled_capped(&self, b: &Briefing, q: &Compiled, cap: usize) -> Matches {
        let mut out = Matches {
            hits: Vec::new(),
            layout: self.layout.clone(),
            truncated: false,
        };
        let Some(re) = &q.re else {
            return out;
        };
        let mut push = |slot: usize, range: Range<usize>| {
            if out.hits.len() == cap {
                out.truncated = true;
                return false;
            }
            out.hits.push(Hit {
                slot: slot as u32,
                start: range.start as u32,
                end: range.end as u32,
            });
            true
        };
        match (q.regex, q.sensitive) {
            (false, false) => self.search_folded(re, &mut push),
            (true, false) => self.search_fields(re, |slot| self.folded_slot(slot), true, &mut push),
            (_, true) => self.search_fields(re, |slot| self.shown(b, slot), false, &mut push),
        }
        out
    }

    /// Field by field, over each field's folded or displayed text. Regexes go this way, as they
    /// could match a separator; so do case-sensitive literals, which need the displayed text:
    /// the briefing holds it for all but the few fields sanitising changed, so it is not copied.
    fn search_fields<'a>(
        &'a self,
        re: &Regex,
        text: impl Fn(usize) -> &'a str,
        folded: bool,
        push: &mut impl FnMut(usize, Range<usize>) -> bool,
    ) {
        for (slot, pair) in self.starts.windows(2).enumerate() {
            let &[start, end] = pair else { continue };
            if end - start <= 1 {
                continue; // an empty field
            }
            let shifts = if folded { self.shifts_of(slot) } else { &[] };
            for m in re.find_iter(text(slot)) {
                let range = unfold(shifts, m.start(), false)..unfold(shifts, m.end(), true);
                if !m.is_empty() && !push(slot, range) {
                    return;
                }
            }
        }
    }

    /// Case-insensitive literals: one pass over the whole folded buffer, offsets mapped back to
    /// displayed text. Neither the folded text nor the query holds a separator, so no match
    /// spans two fields.
    fn search_folded(&self, re: &Regex, push: &mut impl FnMut(usize, Range<usize>) -> bool) {
        let starts = self.starts.as_slice();
        let mut slot = 0usize;
        let mut shifts = self.shifts_of(0);
        for m in re.find_iter(&self.folded) {
            let (s, e) = (m.start(), m.end());
            let next = slot_at(starts, slot, s);
            if next != slot {
                slot = next;
                shifts = self.shifts_of(slot);
            }
            let field = starts.get(slot).zip(starts.get(slot + 1));
            let Some((&start, &end)) = field else {
                return;
            };
            let (start, end) = (start as usize, end as usize);
            if s == e || e >= end {
                continue;
            }
            let range = unfold(shifts, s - start, false)..unfold(shifts, e - start, true);
            if !push(slot, range) {
                return;
            }
        }
    }

    fn shifts_of(&self, slot: usize) -> &[Shift] {
        match self
            .shifts
            .binary_search_by_key(&(slot as u32), |(s, _)| *s)
        {
            Ok(i) => self.shifts.get(i).map_or(&[], |(_, v)| v),
            Err(_) => &[],
        }
    }

    /// The text of a field as displayed and searched: sanitised, `YYYY-MM-DD` for dates, the
    /// source's display name for sources. Empty when the place has no such field.
    pub fn field_text<'a>(&'a self, b: &'a Briefing, place: Place, field: Field) -> &'a str {
        self.layout
            .slot(place, field)
            .map_or("", |slot| self.shown(b, slot))
    }

    fn shown<'a>(&'a self, b: &'a Briefing, slot: usize) -> &'a str {
        if let Ok(i) = self
            .displayed
            .binary_search_by_key(&(slot as u32), |(s, _)| *s)
        {
            return self.displayed.get(i).map_or("", |(_, t)| t);
        }
        let text = |s: &'a Option<String>| s.as_deref().unwrap_or("");
        match self.layout.locate(slot) {
            (_, Field::Date) => self.folded_slot(slot),
            (Place::Header, Field::Title) => &b.title,
            (Place::Header, Field::Summary) => text(&b.summary),
            (Place::Item(r), field) => {
                let Some(item) = b.item(r) else {
                    return "";
                };
                match field {
                    Field::Text => &item.text,
                    Field::Quote => text(&item.quote),
                    Field::Source => b.source_name(item).unwrap_or(""),
                    Field::Attribution => text(&item.attribution),
                    _ => "",
                }
            }
            (Place::Contradiction(i), _) => b.contradictions.get(i).map_or("", |d| text(&d.note)),
            _ => "",
        }
    }

    fn folded_slot(&self, slot: usize) -> &str {
        let range = self.starts.get(slot).zip(self.starts.get(slot + 1));
        range
            .and_then(|(&a, &b)| self.folded.get(a as usize..(b as usize).saturating_sub(1)))
            .unwrap_or("")
    }

    /// Bytes the index holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.folded.capacity()
            + self.starts.capacity() * std::mem::size_of::<u32>()
            + self.displayed.capacity() * std::mem::size_of::<(u32, Box<str>)>()
            + self.displayed.iter().map(|(_, t)| t.len()).sum::<usize>()
            + self.shifts.capacity() * std::mem::size_of::<(u32, Box<[Shift]>)>()
            + self
                .shifts
                .iter()
                .map(|(_, v)| std::mem::size_of_val::<[Shift]>(v))
                .sum::<usize>()
    }
}

/// The slot holding byte `at` of the buffer, searching forward from slot `from` (matches come in
/// order, mostly close together: a galloping search costs a few steps, not a binary search
/// over all slots).
fn slot_at(starts: &[u32], from: usize, at: usize) -> usize {
    let holds = |k: usize| starts.get(k).is_some_and(|&st| st as usize <= at);
    let (mut lo, mut step) = (from, 1);
    while holds(lo + step) {
        lo += step;
        step *= 2;
    }
    let end = (lo + step).min(starts.len());
    lo + starts
        .get(lo + 1..end)
        .map_or(0, |s| s.partition_point(|&st| st as usize <= at))
}

fn compile(pattern: &str, case_insensitive: bool) -> Result<Regex, SearchError> {
    RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .multi_line(true)
        .build()
        .map_err(|e| SearchError::InvalidRegex(explain(&e)))
}

/// One line from the regex crate's error: its multi-line syntax errors end in `error: why`.
fn explain(e: &regex::Error) -> String {
    let why = match e {
        regex::Error::Syntax(s) => s
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("error: "))
            .unwrap_or(s)
            .to_string(),
        regex::Error::CompiledTooBig(limit) => {
            format!("the pattern is too big (its compiled form exceeds {limit} bytes)")
        }
        other => other.to_string(),
    };
    sanitize_line(&why).into_owned()
}

/// A match as stored: 12 bytes. Offsets are within the slot's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    slot: u32,
    start: u32,
    end: u32,
}

/// The matches of one query, in reading order, addressed by index (the "current match" of the
/// UI is an index into this list).
#[derive(Debug, Clone, Default)]
pub struct Matches {
    hits: Vec<Hit>,
    layout: Layout,
    truncated: bool,
}

impl Matches {
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Whether there were more than [`MAX_MATCHES`] and the rest were dropped.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    pub fn get(&self, i: usize) -> Option<Match> {
        self.hits.get(i).map(|&h| self.expand(h))
    }

    pub fn iter(&self) -> impl Iterator<Item = Match> + '_ {
        self.hits.iter().map(|&h| self.expand(h))
    }

    fn expand(&self, h: Hit) -> Match {
        let (place, field) = self.layout.locate(h.slot as usize);
        Match {
            place,
            field,
            range: h.start as usize..h.end as usize,
        }
    }

    /// The indices of the matches in `place`: a contiguous run (empty when there are none).
    pub fn in_place(&self, place: Place) -> Range<usize> {
        self.slot_run(self.layout.first_slot(place), self.layout.end_slot(place))
    }

    /// The byte ranges to highlight in one field of `place`, in order.
    pub fn ranges(&self, place: Place, field: Field) -> impl Iterator<Item = Range<usize>> + '_ {
        let run = match self.layout.slot(place, field) {
            Some(slot) => self.slot_run(slot, slot + 1),
            None => 0..0,
        };
        self.hits
            .get(run)
            .unwrap_or(&[])
            .iter()
            .map(|h| h.start as usize..h.end as usize)
    }

    fn slot_run(&self, first: usize, end: usize) -> Range<usize> {
        let a = self.hits.partition_point(|h| (h.slot as usize) < first);
        let rest = self.hits.get(a..).unwrap_or(&[]);
        let b = a + rest.partition_point(|h| (h.slot as usize) < end);
        a..b
    }

    /// The match after (`forward`) or before `current`, wrapping around the ends; `true` with it
    /// when it wrapped. With no current match: the first (forward) or the last match.
    pub fn next_from(&self, current: Option<usize>, forward: bool) -> Option<(usize, bool)> {
        let last = self.hits.len().checked_sub(1)?;
        Some(match (current, forward) {
            (None, true) => (0, false),
            (None, false) => (last, false),
            (Some(i), true) if i < last => (i + 1, false),
            (Some(_), true) => (0, true),
            (Some(0), false) => (last, true),
            (Some(i), false) => ((i - 1).min(last), false),
        })
    }

    /// The first match in `place` or after it, else (wrapping) the first match of all.
    pub fn first_at_or_after(&self, place: Place) -> Option<(usize, bool)> {
        let first = self.layout.first_slot(place);
        let i = self.hits.partition_point(|h| (h.slot as usize) < first);
        if i < self.hits.len() {
            Some((i, false))
        } else {
            (!self.hits.is_empty()).then_some((0, true))
        }
    }

    /// The last match in `place` or before it, else (wrapping) the last match of all.
    pub fn last_at_or_before(&self, place: Place) -> Option<(usize, bool)> {
        let end = self.layout.end_slot(place);
        let i = self.hits.partition_point(|h| (h.slot as usize) < end);
        match i.checked_sub(1) {
            Some(i) => Some((i, false)),
            None => self.hits.len().checked_sub(1).map(|last| (last, true)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load::load_str;

    /// What the library counts in a stored text is what `/` finds in the loaded briefing, for
    /// literals and regexes, either case, scripts other than Latin and odd case folds.
    #[test]
    fn a_body_counts_what_the_index_finds() {
        let mut texts: Vec<&str> = crate::bundled::BUNDLED.iter().map(|(_, t)| *t).collect();
        texts.push(YAML);
        let queries = [
            Query::literal("ship"),
            Query::literal("Ship"),
            Query::literal("SHIP"),
            Query::literal("s"),
            Query::literal("the"),
            Query::literal("2025-05"),
            Query::literal("istanbul"),
            Query::literal("i\u{307}stanbul"),
            Query::literal("İSTANBUL"),
            Query::literal("ßtrasse"),
            Query::literal("\u{212A}"),
            Query::literal("k"),
            Query::literal("οδοσ"),
            Query::literal("ΟΔΟΣ"),
            Query::literal("배가"),
            Query::literal("cafe\u{301}"),
            Query::literal("ship spotters"),
            Query::literal("in short.\u{0}"),
            Query::literal("north korea"),
            Query::literal("Korea"),
            Query::regex(r"s\w+p"),
            Query::regex(r"^No"),
            Query::regex(r"ship\.$"),
            Query::regex(r"(?i)MINISTRY"),
            Query::regex(r"[0-9]{4}-[0-9]{2}"),
            Query::regex(r"Ship|ship"),
            Query::regex(r"\bthe\b"),
        ];
        let mut seen = 0;
        for text in texts {
            let Ok(loaded) = load_str(text) else {
                panic!("a test briefing does not load")
            };
            let b = &loaded.briefing;
            let index = SearchIndex::build(b);
            let stored = body(b);
            for q in &queries {
                let Ok(c) = q.compile() else {
                    panic!("{q:?} does not compile")
                };
                let want = index.search_compiled(b, &c).len();
                assert_eq!(c.count_in_body(&stored), want, "{q:?} in {}", b.title);
                seen += want;
            }
        }
        assert!(seen > 100, "the queries found little: {seen}");
    }

    const YAML: &str = r#"
title: Ships in the Strait
date: 2025-05-23
summary: The ship story, in short.
sources:
  - id: yna
    name: Yonhap
  - id: mnd
    name: Ministry of National Defense
claims:
  - id: c1
    text: A ship, another ship and a third SHIP.
    source: yna
    attribution: ship spotters
    date: 2025-05-20
    quote: We saw the ship.
  - id: c2
    text: "한국어 기사 🚢 배가 보였다 — cafe\u0301 İSTANBUL ẞTRASSE 5 \u212A ΟΔΟΣ οδός"
    source: yna
responses:
  - id: r1
    text: No ship was there.
    source: mnd
    responds_to: [c1]
    stance: denies
context:
  - id: x1
    text: "Tabs\there and an escape \e[31m in text. İ\tİ"
  - id: x2
    text: |-
      first line
      second line
contradictions:
  - between: [c2, x1]
    note: The ship note.
"#;

    struct Fixture {
        b: Briefing,
        idx: SearchIndex,
    }

    fn fixture() -> Fixture {
        let b = match load_str(YAML) {
            Ok(l) => l.briefing,
            Err(d) => panic!("test briefing does not load: {d:?}"),
        };
        let idx = SearchIndex::build(&b);
        Fixture { b, idx }
    }

    impl Fixture {
        #[track_caller]
        fn search(&self, q: Query) -> Matches {
            self.idx
                .search(&self.b, &q)
                .unwrap_or_else(|e| panic!("{}: {e}", q.pattern))
        }

        fn text(&self, place: Place, field: Field) -> &str {
            self.idx.field_text(&self.b, place, field)
        }

        /// Each match as the user sees it: where, and the highlighted text.
        #[track_caller]
        fn find(&self, q: Query) -> Vec<(Place, Field, String)> {
            let m = self.search(q);
            m.iter()
                .map(|m| {
                    let text = self.text(m.place, m.field);
                    let hit = text.get(m.range.clone());
                    let hit = hit.unwrap_or_else(|| panic!("{m:?} is not a range of {text:?}"));
                    (m.place, m.field, hit.to_string())
                })
                .collect()
        }

        /// The highlighted texts only.
        #[track_caller]
        fn hits(&self, q: Query) -> Vec<String> {
            self.find(q).into_iter().map(|(_, _, s)| s).collect()
        }

        /// The byte ranges only, as (start, end).
        #[track_caller]
        fn ranges(&self, q: Query) -> Vec<(usize, usize)> {
            self.search(q)
                .iter()
                .map(|m| (m.range.start, m.range.end))
                .collect()
        }
    }

    fn claim(i: usize) -> Place {
        Place::Item(ItemRef::new(Section::Claims, i))
    }

    fn response(i: usize) -> Place {
        Place::Item(ItemRef::new(Section::Responses, i))
    }

    fn context(i: usize) -> Place {
        Place::Item(ItemRef::new(Section::Context, i))
    }

    #[test]
    fn every_occurrence_in_reading_order() {
        let f = fixture();
        let found = f.find(Query::literal("ship"));
        let want: Vec<(Place, Field, &str)> = vec![
            (Place::Header, Field::Title, "Ship"),
            (Place::Header, Field::Summary, "ship"),
            (claim(0), Field::Text, "ship"),
            (claim(0), Field::Text, "ship"),
            (claim(0), Field::Text, "SHIP"),
            (claim(0), Field::Quote, "ship"),
            (claim(0), Field::Attribution, "ship"),
            (response(0), Field::Text, "ship"),
            (Place::Contradiction(0), Field::Note, "ship"),
        ];
        let found: Vec<_> = found.iter().map(|(p, f, s)| (*p, *f, s.as_str())).collect();
        assert_eq!(found, want);
    }

    #[test]
    fn smart_case() {
        let f = fixture();
        assert_eq!(f.hits(Query::literal("ship")).len(), 9);
        assert_eq!(
            f.find(Query::literal("SHIP")),
            vec![(claim(0), Field::Text, "SHIP".to_string())]
        );
        assert_eq!(
            f.find(Query::literal("Ship")),
            vec![(Place::Header, Field::Title, "Ship".to_string())]
        );
        assert!(!is_smart_case_sensitive("ship", false));
        assert!(is_smart_case_sensitive("sHip", false));
        assert!(is_smart_case_sensitive("İ", false));
        let escapes = r"\S+\W\pL\p{Lu}\x4F\u{1F6A2}\U0001F6A2(?P<Name>x)(?<Other>y)(?U)";
        assert!(!is_smart_case_sensitive(escapes, true));
        assert!(is_smart_case_sensitive(r"\S+Ship", true));
        assert!(is_smart_case_sensitive(r"(?:Ship)", true));
        // A regex with no upper-case letter ignores case; one with one does not.
        assert_eq!(f.hits(Query::regex(r"a \w+ sh\w+")), ["a third SHIP"]);
        assert_eq!(f.hits(Query::regex(r"t\w+ SHIP")), ["third SHIP"]);
        assert!(f.hits(Query::regex(r"t\w+ Ship")).is_empty());
    }

    #[test]
    fn sources_and_dates_are_found_per_item() {
        let f = fixture();
        let yonhap = vec![
            (claim(0), Field::Source, "Yonhap".to_string()),
            (claim(1), Field::Source, "Yonhap".to_string()),
        ];
        assert_eq!(f.find(Query::literal("yonhap")), yonhap);
        assert_eq!(f.find(Query::literal("Yonhap")), yonhap);
        let found = f.find(Query::literal("2025-05-2"));
        let places: Vec<_> = found.iter().map(|(p, f, _)| (*p, *f)).collect();
        assert_eq!(
            places,
            vec![(Place::Header, Field::Date), (claim(0), Field::Date)]
        );
        assert_eq!(f.text(claim(0), Field::Date), "2025-05-20");
        assert_eq!(f.text(claim(1), Field::Date), "");
        assert_eq!(f.text(claim(0), Field::Title), "");
        assert_eq!(f.text(claim(7), Field::Text), "");
        assert_eq!(
            f.text(response(0), Field::Source),
            "Ministry of National Defense"
        );
    }

    #[test]
    fn regex_mode_and_anchors() {
        let f = fixture();
        assert_eq!(
            f.hits(Query::regex(r"\d{4}-05-\d\d")),
            ["2025-05-23", "2025-05-20"]
        );
        // `^` and `$` hold at the start and end of each field, not only of the whole text,
        // with and without case.
        let no_ship = vec![(response(0), Field::Text, "No ship".to_string())];
        assert_eq!(f.find(Query::regex(r"^no \w+")), no_ship);
        assert_eq!(f.find(Query::regex(r"^No \w+")), no_ship);
        let ends = ["short.", "SHIP.", "ship.", "there.", "note."];
        assert_eq!(f.hits(Query::regex(r"\w+\.$")), ends);
        assert_eq!(f.hits(Query::regex(r"\w+[.]$")), ends);
        assert_eq!(f.hits(Query::regex(r"[A-Z]\w+\.$")), ["SHIP."]);
        // In a text of several lines they hold at each line too, as in less and vim.
        let lines = f.find(Query::regex(r"^\w+ line$"));
        let want = [(context(1), "first line"), (context(1), "second line")];
        let got: Vec<_> = lines.iter().map(|(p, _, s)| (*p, s.as_str())).collect();
        assert_eq!(got, want);
        // In literal mode the same characters are plain text.
        assert!(f.hits(Query::literal(r"\d{4}")).is_empty());
    }

    #[test]
    fn matches_never_span_fields() {
        let f = fixture();
        // `[^#]+` would run through everything; it must stop at each field's end.
        for pattern in ["[^#]+", "[^#Q]+"] {
            let m = f.search(Query::regex(pattern));
            assert_eq!(m.len(), 15, "{pattern}"); // the fields that are not empty
            for m in m.iter() {
                assert_eq!(
                    m.range,
                    0..f.text(m.place, m.field).len(),
                    "{pattern} {m:?}"
                );
            }
        }
        let strait = vec![(Place::Header, Field::Title, "Strait".to_string())];
        assert_eq!(f.find(Query::regex(r"strait\W*")), strait);
        assert_eq!(f.find(Query::regex(r"Strait\W*")), strait);
        assert!(f.hits(Query::regex(r"strait\W*2025")).is_empty());
        assert!(f.hits(Query::literal("strait\u{0}2025")).is_empty());
        assert_eq!(f.hits(Query::regex(r"\W*2025")), ["2025", "2025"]);
    }

    #[test]
    fn invalid_regex_is_an_error_with_a_message() {
        let f = fixture();
        let why = match f.idx.search(&f.b, &Query::regex("(ship")) {
            Err(SearchError::InvalidRegex(why)) => why,
            other => panic!("accepted an invalid regex: {other:?}"),
        };
        assert_eq!(why, "unclosed group");
        let e = f.idx.search(&f.b, &Query::regex("a{99999999}")).err();
        assert!(e.is_some_and(|e| e.to_string().starts_with("invalid regex: ")));
        // The same text is fine as a literal.
        assert!(f.hits(Query::literal("(ship")).is_empty());
    }

    #[test]
    fn regexes_that_match_empty_text_are_refused() {
        let f = fixture();
        for p in ["z*", r"\b", "ship|", "^", "(?i)x?"] {
            let e = f.idx.search(&f.b, &Query::regex(p)).err();
            assert_eq!(e, Some(SearchError::MatchesEmpty), "{p}");
        }
        assert_eq!(
            SearchError::MatchesEmpty.to_string(),
            "the regex matches empty text"
        );
        assert_eq!(f.hits(Query::regex("y*o*nhap")), ["Yonhap", "Yonhap"]);
    }

    #[test]
    fn wide_characters_and_combining_marks() {
        let f = fixture();
        let text = f.text(claim(1), Field::Text);
        assert_eq!(f.ranges(Query::literal("한국어")), [(0, 9)]);
        assert_eq!(f.ranges(Query::literal("🚢")), [(17, 21)]);
        assert_eq!(f.ranges(Query::literal("보였다")), [(29, 38)]);
        assert_eq!(f.hits(Query::regex(r"보\w+")), ["보였다"]);
        let e_acute = "e\u{301}";
        let r = text.find(e_acute).unwrap_or(0);
        assert_eq!(f.ranges(Query::literal(e_acute)), [(r, r + 3)]);
        assert_eq!(f.hits(Query::regex(r"caf\w\p{M}")), ["cafe\u{301}"]);
    }

    #[test]
    fn case_folding_that_changes_lengths() {
        let f = fixture();
        let text = f.text(claim(1), Field::Text);
        let at = |needle: &str| text.find(needle).unwrap_or(usize::MAX);
        // 'İ' is two bytes; lower-cased, "i̇" is three.
        let istanbul = at("İSTANBUL");
        assert_eq!(
            f.ranges(Query::literal("stanbul")),
            [(istanbul + 2, istanbul + 9)]
        );
        assert_eq!(f.hits(Query::literal("i\u{307}stanbul")), ["İSTANBUL"]);
        assert_eq!(f.hits(Query::regex("i\u{307}st\\w+")), ["İSTANBUL"]);
        // Half of a folded char highlights the whole char.
        assert_eq!(f.hits(Query::literal("i\u{307}s")), ["İS"]);
        // 'ẞ' (3 bytes) folds to 'ß' (2 bytes); the Kelvin sign (3) to 'k' (1).
        let strasse = at("ẞTRASSE");
        assert_eq!(
            f.ranges(Query::literal("ßtrasse")),
            [(strasse, strasse + 9)]
        );
        let kelvin = at("\u{212A}");
        assert_eq!(
            f.ranges(Query::literal("5 k ο")),
            [(kelvin - 2, kelvin + 6)]
        );
        // Final sigma is sigma.
        assert_eq!(f.hits(Query::literal("οδοσ")), ["ΟΔΟΣ"]);
        assert_eq!(f.hits(Query::literal("οδόσ")), ["οδός"]);
        assert_eq!(f.hits(Query::literal("οδός")), ["οδός"]);
        // Case-sensitive queries match the displayed text as it is.
        assert_eq!(
            f.ranges(Query::literal("İSTANBUL")),
            [(istanbul, istanbul + 9)]
        );
        assert_eq!(f.hits(Query::literal("ẞT")), ["ẞT"]);
    }

    #[test]
    fn searches_the_displayed_sanitised_text() {
        let f = fixture();
        let shown = f.text(context(0), Field::Text);
        assert_eq!(shown, "Tabs    here and an escape ␛[31m in text. İ İ");
        let found = f.find(Query::literal("␛[31m"));
        assert_eq!(found, vec![(context(0), Field::Text, "␛[31m".to_string())]);
        assert_eq!(f.ranges(Query::literal("␛[31m")), [(27, 34)]);
        assert_eq!(f.ranges(Query::literal("tabs    here")), [(0, 12)]);
        assert_eq!(f.ranges(Query::literal("Tabs    here")), [(0, 12)]);
        // A field both sanitised and changed in length by folding.
        assert_eq!(f.hits(Query::literal("i\u{307} i\u{307}")), ["İ İ"]);
        assert_eq!(f.hits(Query::literal("İ İ")), ["İ İ"]);
        // The raw control character is not in the displayed text.
        assert!(f.hits(Query::literal("\u{1b}[31m")).is_empty());
        assert!(f.hits(Query::literal("\t")).is_empty());
    }

    #[test]
    fn empty_query_and_no_match() {
        let f = fixture();
        for q in [
            Query::literal(""),
            Query::regex(""),
            Query::literal("zebra"),
        ] {
            let m = f.search(q);
            assert!(m.is_empty() && !m.truncated());
            assert_eq!(m.next_from(None, true), None);
            assert_eq!(m.next_from(Some(0), false), None);
            assert_eq!(m.first_at_or_after(claim(0)), None);
            assert_eq!(m.last_at_or_before(claim(0)), None);
        }
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let f = fixture();
        let m = f.search(Query::literal("ship"));
        assert_eq!(m.len(), 9);
        assert_eq!(m.next_from(None, true), Some((0, false)));
        assert_eq!(m.next_from(None, false), Some((8, false)));
        assert_eq!(m.next_from(Some(3), true), Some((4, false)));
        assert_eq!(m.next_from(Some(8), true), Some((0, true)));
        assert_eq!(m.next_from(Some(3), false), Some((2, false)));
        assert_eq!(m.next_from(Some(0), false), Some((8, true)));
        // From an item: its own first match, else the next one, wrapping past the end.
        assert_eq!(m.first_at_or_after(claim(0)), Some((2, false)));
        assert_eq!(m.first_at_or_after(claim(1)), Some((7, false)));
        assert_eq!(m.first_at_or_after(context(0)), Some((8, false)));
        assert_eq!(
            m.first_at_or_after(Place::Contradiction(1)),
            Some((0, true))
        );
        assert_eq!(m.last_at_or_before(claim(1)), Some((6, false)));
        assert_eq!(m.last_at_or_before(claim(0)), Some((6, false)));
        assert_eq!(m.last_at_or_before(Place::Header), Some((1, false)));
        let one = f.search(Query::literal("no ship"));
        assert_eq!(one.last_at_or_before(claim(1)), Some((0, true)));
        assert_eq!(one.next_from(Some(0), true), Some((0, true)));
    }

    #[test]
    fn matches_of_one_place_and_field() {
        let f = fixture();
        let m = f.search(Query::literal("ship"));
        assert_eq!(m.in_place(claim(0)), 2..7);
        assert_eq!(m.in_place(claim(1)).len(), 0);
        assert_eq!(m.in_place(Place::Header), 0..2);
        assert_eq!(m.in_place(Place::Contradiction(0)), 8..9);
        let text = f.text(claim(0), Field::Text);
        let words: Vec<_> = m.ranges(claim(0), Field::Text).map(|r| &text[r]).collect();
        assert_eq!(words, ["ship", "ship", "SHIP"]);
        assert_eq!(
            m.ranges(claim(0), Field::Quote).collect::<Vec<_>>(),
            vec![11..15; 1]
        );
        assert_eq!(m.ranges(claim(0), Field::Note).count(), 0);
        assert_eq!(m.ranges(claim(9), Field::Text).count(), 0);
    }

    #[test]
    fn the_number_of_matches_is_capped() {
        let f = fixture();
        for q in [
            Query::literal("ship"),
            Query::literal("SHIP"),
            Query::regex("s"),
        ] {
            let all = f.search(q.clone());
            let capped = f.idx.search_capped(&f.b, &q, 1).unwrap_or_default();
            assert_eq!(capped.len(), 1);
            assert_eq!(capped.truncated(), all.len() > 1, "{}", q.pattern);
            let exact = f.idx.search_capped(&f.b, &q, all.len()).unwrap_or_default();
            assert_eq!(exact.len(), all.len());
            assert!(!exact.truncated());
        }
    }

    #[test]
    fn slots_are_found_forward() {
        let starts = [0, 3, 5, 9, 10, 20, 21, 22, 40];
        let expect = |from: usize, at: usize| {
            (0..starts.len())
                .rev()
                .find(|&k| starts[k] as usize <= at)
                .filter(|&k| k >= from)
                .unwrap_or(from)
        };
        for from in 0..starts.len() - 1 {
            for at in starts[from] as usize..40 {
                assert_eq!(slot_at(&starts, from, at), expect(from, at), "{from} {at}");
            }
        }
    }

    /// By hand: `cargo test --release --lib search::tests::measure -- --ignored --nocapture`.
    /// Writes a ~20 MB briefing to `$BRIEF_SEARCH_FILE` (default: the temp dir) so that
    /// `grep -c -i WORD` can be timed on the same file.
    #[test]
    #[ignore]
    fn measure() {
        use std::fmt::Write;
        use std::time::Instant;
        let path = std::env::var("BRIEF_SEARCH_FILE").unwrap_or_else(|_| {
            std::env::temp_dir()
                .join("brief-search-measure.yaml")
                .display()
                .to_string()
        });
        let words = [
            "the",
            "minister",
            "said",
            "troops",
            "would",
            "remain",
            "in",
            "place",
            "while",
            "talks",
            "continue",
            "officials",
            "denied",
            "report",
            "of",
            "a",
            "withdrawal",
            "and",
            "cost",
            "sharing",
            "agreement",
            "was",
            "signed",
            "last",
            "year",
            "by",
            "both",
            "governments",
            "after",
            "months",
            "negotiation",
            "defence",
            "The",
        ];
        let korean = [
            "국방부는",
            "주한미군",
            "감축",
            "논의한",
            "바",
            "없다고",
            "밝혔다",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut y = String::from("title: A very large briefing\ndate: 2025-05-23\n");
        y.push_str("summary: Generated to measure search.\nsources:\n");
        for s in 0..20 {
            let _ = writeln!(y, "  - id: s{s}\n    name: Source number {s}");
        }
        let mut item = |y: &mut String, id: usize, extra: &str| {
            let mut text = String::new();
            while text.len() < 280 {
                let r = next() as usize;
                if r.is_multiple_of(11) {
                    text.push_str(korean[r / 11 % korean.len()]);
                } else {
                    text.push_str(words[r / 11 % words.len()]);
                }
                text.push(' ');
            }
            if id % 12_000 == 7 {
                text.push_str("Zanzibar ");
            }
            let _ = write!(
                y,
                "  - id: i{id}\n    text: {}\n    source: s{}\n    date: 2025-05-{:02}\n{extra}",
                text.trim_end(),
                id % 20,
                id % 28 + 1
            );
        };
        let n = 60_000;
        y.push_str("claims:\n");
        for id in 0..n / 2 {
            item(&mut y, id, "");
        }
        y.push_str("responses:\n");
        for id in n / 2..n * 5 / 6 {
            let extra = format!(
                "    responds_to: [i{}]\n    stance: clarifies\n",
                id - n / 2
            );
            item(&mut y, id, &extra);
        }
        y.push_str("context:\n");
        for id in n * 5 / 6..n {
            item(&mut y, id, "");
        }
        let _ = std::fs::write(&path, &y);
        let t = Instant::now();
        let b = match load_str(&y) {
            Ok(l) => l.briefing,
            Err(d) => panic!("{d:?}"),
        };
        let load = t.elapsed();
        // The machine may be shared: the CPU time of this thread says more than the clock.
        let cpu = || {
            let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
            let ns = stat.split(' ').next().and_then(|n| n.parse().ok());
            std::time::Duration::from_nanos(ns.unwrap_or(0))
        };
        let idx = SearchIndex::build(&b);
        let runs = 5;
        let (c, t) = (cpu(), Instant::now());
        for _ in 0..runs {
            std::hint::black_box(SearchIndex::build(&b));
        }
        let (build, build_cpu) = (t.elapsed() / runs, (cpu() - c) / runs);
        let item_text: usize = b.items().map(|(_, i)| i.text.len()).sum();
        let searchable = idx.folded.len() - idx.starts.len() + 1;
        println!("file {path}: {} bytes, {} items", y.len(), b.item_count());
        println!("load {load:?}; build {build:?} ({build_cpu:?} on the CPU)");
        println!(
            "index {} bytes: folded {} + offsets {} + displayed {} + shifts {}; \
             item text {item_text} bytes; all searchable text {searchable} bytes",
            idx.heap_bytes(),
            idx.folded.capacity(),
            idx.starts.capacity() * 4,
            idx.displayed.len(),
            idx.shifts.len(),
        );
        let time = |q: Query| {
            let runs = 10;
            let (c, t) = (cpu(), Instant::now());
            let mut n = 0;
            for _ in 0..runs {
                n = idx.search(&b, &q).map_or(0, |m| m.len());
            }
            let (each, on_cpu) = (t.elapsed() / runs, (cpu() - c) / runs);
            println!(
                "{:>18} regex={:<5} {n:>7} matches {each:>12.1?} ({on_cpu:.1?} CPU)",
                q.pattern, q.regex
            );
        };
        for w in [
            "zanzibar",
            "Zanzibar",
            "minister",
            "Minister",
            "the",
            "The",
            "감축",
            "source number 7",
            "Source number 7",
        ] {
            time(Query::literal(w));
        }
        for w in [r"mini\w+", r"Mini\w+", r"\d{4}-05-1\d", r"[^#]+"] {
            time(Query::regex(w));
        }
    }
}
