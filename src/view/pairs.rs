//! Two items side by side, laid out: a contradiction of the briefing or two items the reader
//! picked (`v`). The areas of the view (header, strip of every pair, the two sides, the
//! comparison box), each box's lines — the sides with their grading, figures, shared words and
//! search matches marked; the figures that differ, the stance and the note below — and what a
//! click hits. The app keeps each box's scroll with [`layout`]; the ui draws the same layout.

use ratatui::layout::Rect;

use super::line::{Kind, Line, Span};
use super::marks::{field_matches, hidden_match_marks, FieldMatches};
use super::styled::{self, Highlight};
use super::{layout as screen, Ctx};
use crate::briefing::compare::Agreement;
use crate::briefing::search::{Field, Place};
use crate::briefing::{describe, ItemRef, Pair, PairKind, Section, Side};
use crate::text::{sanitize, sanitize_line};

/// What the view compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A contradiction of the briefing: an index into `Relations::pairs`.
    Pair(usize),
    /// Two items the reader picked with `v`: nothing the file says.
    Chosen(ItemRef, ItemRef),
}

/// A box of the view: the focused one takes the scroll keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Left,
    Right,
    Note,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Left, Part::Right, Part::Note];

    /// This part's entry of an array kept by part.
    pub fn of_array<T>(self, a: &[T; 3]) -> &T {
        let [l, r, n] = a;
        match self {
            Part::Left => l,
            Part::Right => r,
            Part::Note => n,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Part::Left => 0,
            Part::Right => 1,
            Part::Note => 2,
        }
    }

    pub fn of(side: Side) -> Part {
        match side {
            Side::Left => Part::Left,
            Side::Right => Part::Right,
        }
    }
}

/// The view's state as its layout needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub subject: Subject,
    pub focus: Part,
    /// The first line shown in each box, by [`Part::index`].
    pub scroll: [usize; 3],
}

impl Subject {
    /// The two items compared, left then right.
    pub fn items(self, ctx: &Ctx) -> Option<(ItemRef, ItemRef)> {
        match self {
            Subject::Pair(i) => ctx.doc.relations.pairs.get(i).map(|p| (p.left, p.right)),
            Subject::Chosen(l, r) => Some((l, r)),
        }
    }

    /// The item on `side`.
    pub fn item(self, ctx: &Ctx, side: Side) -> Option<ItemRef> {
        self.items(ctx).map(|(l, r)| match side {
            Side::Left => l,
            Side::Right => r,
        })
    }

    fn pair<'a>(self, ctx: &Ctx<'a>) -> Option<&'a Pair> {
        match self {
            Subject::Pair(i) => ctx.doc.relations.pairs.get(i),
            Subject::Chosen(..) => None,
        }
    }
}

/// The areas of the view, shared by drawing and mouse hit-testing. Each box's first row is its
/// title; the rest shows its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub header: Rect,
    pub strip: Rect,
    pub left: Rect,
    pub right: Rect,
    pub note: Rect,
}

impl Areas {
    pub fn of(&self, part: Part) -> Rect {
        match part {
            Part::Left => self.left,
            Part::Right => self.right,
            Part::Note => self.note,
        }
    }
}

/// A box's lines, and the line of the current search match when it is in them. A side's text
/// is kept wrapped but not styled: its rows are styled when they are drawn ([`Boxed::lines`]),
/// so a frame of two 400 KB texts styles the rows on screen, not every line of both.
#[derive(Debug, Clone, Default)]
pub struct Boxed {
    head: Vec<Line>,
    text: Option<Text>,
    tail: Vec<Line>,
    pub match_line: Option<usize>,
}

/// A wrapped text and what is marked in it, styled on demand.
#[derive(Debug, Clone)]
struct Text {
    shown: String,
    wrapped: std::rc::Rc<[String]>,
    highlights: Vec<Highlight>,
    width: usize,
}

impl Boxed {
    /// A box of lines made beforehand.
    pub fn of(lines: Vec<Line>, match_line: Option<usize>) -> Boxed {
        Boxed {
            head: lines,
            match_line,
            ..Boxed::default()
        }
    }

    /// How many lines the box holds.
    pub fn len(&self) -> usize {
        self.head.len() + self.text.as_ref().map_or(0, |t| t.wrapped.len()) + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The lines in `rows`, styled.
    pub fn lines(&self, rows: std::ops::Range<usize>) -> Vec<Line> {
        let mut out = Vec::new();
        let (head, text) = (self.head.len(), self.text.as_ref());
        let text_len = text.map_or(0, |t| t.wrapped.len());
        let part = |from: usize, len: usize| {
            let start = rows.start.clamp(from, from + len) - from;
            let end = rows.end.clamp(from, from + len) - from;
            start..end
        };
        out.extend(
            self.head
                .get(part(0, head))
                .unwrap_or_default()
                .iter()
                .cloned(),
        );
        if let Some(t) = text {
            out.extend(styled::lines_in(
                &t.shown,
                &t.wrapped,
                part(head, text_len),
                Kind::Plain,
                &t.highlights,
                t.width,
            ));
        }
        let tail = part(head + text_len, self.tail.len());
        out.extend(self.tail.get(tail).unwrap_or_default().iter().cloned());
        out
    }

    /// Every line, styled.
    pub fn all(&self) -> Vec<Line> {
        self.lines(0..self.len())
    }
}

/// The view laid out: its areas and every box's lines at its width.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub areas: Areas,
    /// By [`Part::index`].
    pub parts: [Boxed; 3],
    /// What each side's title row holds (left, right).
    pub holds: [Holds; 2],
}

impl Layout {
    /// The lines of `part`.
    pub fn part(&self, part: Part) -> &Boxed {
        part.of_array(&self.parts)
    }

    /// The rows of `part` that show lines (its title row aside).
    pub fn rows(&self, part: Part) -> usize {
        usize::from(self.areas.of(part).height.saturating_sub(1))
    }

    /// The furthest `part` scrolls: its last line on its last row.
    pub fn max_scroll(&self, part: Part) -> usize {
        self.part(part).len().saturating_sub(self.rows(part))
    }
}

/// Each side shows at least this many lines of text when the screen has them (8 at 80×24).
const SIDE_MIN: u16 = 8;
/// The comparison box shows at least this many lines when the screen has them.
const NOTE_MIN: u16 = 2;

/// Whether the sides stand side by side in `body` (else they are stacked).
fn wide(body: Rect) -> bool {
    body.width >= screen::PAIR_SIDE_BY_SIDE
}

/// The width of each side's title row: the right one's rule on its left takes a column when
/// they stand side by side.
fn title_widths(body: Rect) -> (u16, u16) {
    if wide(body) {
        let l = body.width / 2;
        (l, body.width - l - 1)
    } else {
        (body.width, body.width)
    }
}

/// What each side's title row holds. Side by side, both hold the lesser, and the lines their
/// titles have no room for take as many rows on each side: the two texts start on one row.
fn holds_of(ctx: &Ctx, shown: &Shown, body: Rect) -> [Holds; 2] {
    let (tl, tr) = title_widths(body);
    let hold = |side: Side, w: u16| {
        shown.subject.item(ctx, side).map_or(Holds::All, |r| {
            title_holds(ctx, r, shown.subject.item(ctx, side.other()), w)
        })
    };
    let (l, r) = (hold(Side::Left, tl), hold(Side::Right, tr));
    if wide(body) {
        [l.min(r); 2]
    } else {
        [l, r]
    }
}

/// The width of the text inside a side's box: the right one gives a column to the rule
/// between them when they stand side by side.
fn side_widths(body: Rect) -> (u16, u16) {
    if wide(body) {
        // A column of air on the left of the rule, the rule on the right side's left.
        let l = body.width / 2;
        (l.saturating_sub(1), body.width - l - 1)
    } else {
        (body.width, body.width)
    }
}

/// Rows lines take, as screen rows.
fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Grows two boxes toward their `want`s a row each in turn (`second_first`: the second
/// starts), so when `free` runs out they have shared it evenly, less what one did not need.
fn give_fair(h: [&mut u16; 2], want: [u16; 2], free: &mut u16, second_first: bool) {
    let [a, b] = h;
    let [wa, wb] = want;
    let (mut x, mut y) = (*a, *b);
    loop {
        let mut moved = false;
        for turn in [second_first, !second_first] {
            let (h, w) = if turn { (&mut y, wb) } else { (&mut x, wa) };
            if *h < w && *free > 0 {
                *h += 1;
                *free -= 1;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    (*a, *b) = (x, y);
}

/// Adds to `h` up to `want` rows from `free`.
fn give(h: &mut u16, want: u16, free: &mut u16) {
    let g = want.saturating_sub(*h).min(*free);
    *h += g;
    *free -= g;
}

/// The view of `shown` in `body`: its areas and its boxes' lines. The sides get at least
/// [`SIDE_MIN`] lines, then the comparison box [`NOTE_MIN`], then the header and one row of the
/// strip; what is left grows the sides, the box and the strip to what they hold.
pub fn layout(ctx: &Ctx, shown: &Shown, body: Rect) -> Layout {
    let (lw, rw) = side_widths(body);
    let holds = holds_of(ctx, shown, body);
    let [hold_l, hold_r] = holds;
    let head = |side: Side, w: u16, holds: Holds| match (shown.subject.item(ctx, side), holds) {
        (Some(r), Holds::Date | Holds::Lead) => head_lines(ctx, r, w.max(1), holds),
        _ => (Vec::new(), None),
    };
    let mut heads = [head(Side::Left, lw, hold_l), head(Side::Right, rw, hold_r)];
    if wide(body) {
        let rows = heads.iter().map(|h| h.0.len()).max().unwrap_or(0);
        for h in &mut heads {
            h.0.resize(rows, Line::default());
        }
    }
    let [head_l, head_r] = heads;
    let parts = [
        side_content(ctx, shown, Side::Left, lw, head_l),
        side_content(ctx, shown, Side::Right, rw, head_r),
        note_content(ctx, shown, body.width),
    ];
    let need = |p: Part| rows(p.of_array(&parts).len());
    let n = match shown.subject {
        Subject::Pair(_) => rows(ctx.doc.relations.pairs.len()),
        Subject::Chosen(..) => 0,
    };
    let mut free = body.height;
    let (mut hl, mut hr, mut hn, mut hh, mut hs) = (0, 0, 0, 0, 0);
    let (nl, nr, nn) = (need(Part::Left), need(Part::Right), need(Part::Note));
    let note_min = nn.min(NOTE_MIN).saturating_add(1).min(nn.saturating_add(1));
    // The box in focus shows what it holds before the others grow: a search match in the
    // note, or the note scrolled, is never squeezed out.
    if shown.focus == Part::Note {
        give(&mut hn, note_min, &mut free);
    }
    let right_first = shown.focus == Part::Right;
    // The box below grows to a third of the body before the sides grow past their minimum:
    // the figures that differ are the point of the view.
    let note_third = nn.saturating_add(1).min((body.height / 3).max(note_min));
    if wide(body) {
        let most = nl.max(nr);
        let mut h = 0;
        give(&mut h, most.min(3).saturating_add(1), &mut free);
        give(&mut hn, note_min, &mut free);
        give(&mut h, most.min(SIDE_MIN).saturating_add(1), &mut free);
        give(&mut hh, 1, &mut free);
        give(&mut hs, n.min(1), &mut free);
        give(&mut hn, note_third, &mut free);
        give(&mut h, most.saturating_add(1), &mut free);
        (hl, hr) = (h, h);
    } else {
        let want = |n: u16, most: u16| n.min(most).saturating_add(1);
        give_fair(
            [&mut hl, &mut hr],
            [want(nl, 3), want(nr, 3)],
            &mut free,
            right_first,
        );
        give(&mut hn, note_min, &mut free);
        give_fair(
            [&mut hl, &mut hr],
            [want(nl, SIDE_MIN), want(nr, SIDE_MIN)],
            &mut free,
            right_first,
        );
        give(&mut hh, 1, &mut free);
        give(&mut hs, n.min(1), &mut free);
        give(&mut hn, note_third, &mut free);
        give_fair(
            [&mut hl, &mut hr],
            [nl.saturating_add(1), nr.saturating_add(1)],
            &mut free,
            right_first,
        );
    }
    give(&mut hn, nn.saturating_add(1), &mut free);
    // A title row with nothing under it is no use: its row goes to the sides.
    if hn == 1 {
        hn = 0;
        if wide(body) {
            hl += 1;
            hr = hl;
        } else {
            hr += 1;
        }
    }
    // The strip: one bare row, else a title row and a row per pair.
    if n > 1 {
        give(&mut hs, n.saturating_add(1), &mut free);
    }
    let mut y = body.y;
    let mut take = |h: u16| {
        let r = Rect {
            y,
            height: h,
            ..body
        };
        y += h;
        r
    };
    let header = take(hh);
    let strip = take(hs);
    let (left, right) = if wide(body) {
        let row = take(hl);
        let l = body.width / 2;
        (
            Rect { width: l, ..row },
            Rect {
                x: row.x + l,
                width: body.width - l,
                ..row
            },
        )
    } else {
        let left = take(hl);
        (left, take(hr))
    };
    let note = take(hn);
    Layout {
        areas: Areas {
            header,
            strip,
            left,
            right,
            note,
        },
        parts,
        holds,
    }
}

/// What a click in the view lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A box of the view.
    Part(Part),
    /// A pair in the strip.
    Pair(usize),
}

/// What a click at (`x`, `y`) hits in the view of `shown` in a terminal of `size`.
pub fn hit(ctx: &Ctx, shown: &Shown, size: Rect, x: u16, y: u16) -> Option<Hit> {
    let a = layout(ctx, shown, screen::body(size)).areas;
    let pos = (x, y).into();
    if let Some(part) = Part::ALL.into_iter().find(|&p| a.of(p).contains(pos)) {
        return Some(Hit::Part(part));
    }
    let Subject::Pair(index) = shown.subject else {
        return None;
    };
    let (rows_at, height) = strip_rows(a.strip);
    if a.strip.contains(pos) && y >= rows_at {
        let n = ctx.doc.relations.pairs.len();
        let (first, _) = strip_window(n, index, height);
        let at = first + usize::from(y - rows_at);
        if at < n {
            return Some(Hit::Pair(at));
        }
    }
    None
}

/// Where the strip's pair rows start and how many there are: a strip of one row is that row,
/// a taller one has a title row first.
fn strip_rows(strip: Rect) -> (u16, usize) {
    if strip.height <= 1 {
        (strip.y, usize::from(strip.height))
    } else {
        (strip.y + 1, usize::from(strip.height - 1))
    }
}

fn strip_window(n: usize, current: usize, height: usize) -> (usize, usize) {
    let height = height.max(1);
    let first = current
        .saturating_sub(height / 2)
        .min(n.saturating_sub(height));
    (first, (first + height).min(n))
}

fn section_word(s: Section) -> &'static str {
    match s {
        Section::Claims => "Claim",
        Section::Responses => "Response",
        Section::Context => "Context",
    }
}

/// The header line: `Contradiction 2/7 · implied · Claim vs Response`, or for a comparison
/// the reader picked, `Compared · Claim vs Claim · picked with v, not in the file`.
pub fn header(ctx: &Ctx, subject: Subject) -> Option<String> {
    let (l, r) = subject.items(ctx)?;
    let sides = format!("{} vs {}", section_word(l.section), section_word(r.section));
    Some(match subject {
        Subject::Pair(index) => {
            let pairs = &ctx.doc.relations.pairs;
            let kind = pairs.get(index).map_or("", |p| p.kind.word());
            format!(
                " Contradiction {}/{} · {kind} · {sides}",
                index + 1,
                pairs.len()
            )
        }
        Subject::Chosen(..) => format!(" Compared · {sides} · picked with v, not in the file"),
    })
}

/// What the marks on the two texts mean, for the help: a sample in the mark's kind, and its
/// meaning. The first four make the legend on the comparison box's title row.
pub const LEGEND: &[(&str, Kind, &str)] = &[
    (
        "differ",
        Kind::FigureConflict,
        "a figure the other side gives a different value for (a death toll against a death toll)",
    ),
    (
        "agree",
        Kind::FigureAgree,
        "a figure both sides give the same (3.2 million and 3,200,000 agree)",
    ),
    ("one side", Kind::FigureOnly, "a figure only this side gives"),
    (
        "shared",
        Kind::Shared,
        "a word both sides use that few other items of the briefing do",
    ),
    (
        "B3",
        Kind::Grade,
        "the source's reliability (A–F) and the item's credibility (1–6); ? where the file gives none",
    ),
];

/// The legend of the marks on the texts, each word in the style it explains.
pub fn legend() -> Vec<Span> {
    let mut out = vec![Span::new(" figures: ", Kind::Dim)];
    for (i, (sample, kind, _)) in LEGEND.iter().take(4).enumerate() {
        let sep = match i {
            0 => "",
            3 => " · words: ",
            _ => " ",
        };
        out.push(Span::new(sep, Kind::Dim));
        out.push(Span::new(*sample, *kind));
    }
    out.push(Span::new(" ", Kind::Dim));
    out
}

/// The strip's title: `All contradictions (7)`.
pub fn strip_title(ctx: &Ctx) -> String {
    format!(" All contradictions ({}) ", ctx.doc.relations.pairs.len())
}

/// The strip's rows: the pairs around the current one, each `▶  2 ± c1 ↔ r3 — note`, in a
/// strip `area` (its title row, when it has one, aside).
pub fn strip_lines(ctx: &Ctx, current: usize, area: Rect) -> Vec<Line> {
    let pairs = &ctx.doc.relations.pairs;
    let (_, height) = strip_rows(area);
    let (first, end) = strip_window(pairs.len(), current, height);
    let b = ctx.briefing();
    let id = |r: ItemRef| {
        b.item(r)
            .map_or(String::new(), |i| sanitize_line(&i.id).into_owned())
    };
    (first..end)
        .filter_map(|i| {
            let pair = pairs.get(i)?;
            let sel = i == current;
            let glyph = pair.stance.map_or("⚡", |s| s.glyph());
            let mut text = format!(
                "{}{:>3} {glyph} {} ↔ {}",
                if sel { "▶" } else { " " },
                i + 1,
                id(pair.left),
                id(pair.right)
            );
            let mut found = FieldMatches::default();
            if let Some(n) = pair.note.as_deref() {
                text.push_str(" — ");
                found = note_matches(ctx, pair, text.len(), true);
                text.push_str(&sanitize_line(n));
            }
            let kind = if sel {
                Kind::SelectedMarker
            } else {
                Kind::Plain
            };
            let spans = styled::one_line(&text, kind, &found.highlights, usize::from(area.width));
            Some(Line::new(spans))
        })
        .collect()
}

/// A side's stance in its heading: bare when it is toward the other side (`✗ denies`), with
/// the claims it answers when it is not (`± disputes overrun-doubled`), so two responses side
/// by side do not read as answering each other.
fn stance_words(ctx: &Ctx, r: ItemRef, other: Option<ItemRef>) -> Option<(String, Kind)> {
    let b = ctx.briefing();
    let item = b.item(r)?;
    let stance = item.stance?;
    let other_id = other.and_then(|o| b.item(o)).map(|o| o.id.as_str());
    let toward_other = other_id.is_some_and(|id| item.responds_to.iter().any(|t| t == id));
    let text = if toward_other || item.responds_to.is_empty() {
        format!("{} {}", stance.glyph(), stance.word())
    } else {
        let targets: Vec<String> = item
            .responds_to
            .iter()
            .map(|t| sanitize_line(t).into_owned())
            .collect();
        describe::stance_toward(stance, &targets)
    };
    Some((text, Kind::Stance(stance)))
}

/// An item's grade (`B3`), as [`describe::grade`] gives it.
fn grade(ctx: &Ctx, r: ItemRef) -> Option<String> {
    let b = ctx.briefing();
    describe::grade(b, b.item(r)?)
}

const SEP: &str = " · ";

/// The grade and the flags of an item, each after a separator: ` · B3 · 1 source`.
fn grading(ctx: &Ctx, r: ItemRef, sep: Kind) -> Vec<Span> {
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    if let Some(g) = grade(ctx, r) {
        spans.push(Span::new(SEP, sep));
        spans.push(Span::new(g, Kind::Grade));
    }
    for flag in ctx.flags(item, r) {
        spans.push(Span::new(SEP, sep));
        spans.push(Span::new(flag.to_string(), Kind::Flag));
    }
    spans
}

/// The source names in a title row get at least this many cells before the grading moves out
/// of it to a line of its own.
const SOURCE_ROOM: usize = 12;

/// The most cells a title row's position (` 10–17/124 `) takes, kept free when deciding what
/// the row holds, so that the decision does not change as the box scrolls.
const POSITION_ROOM: usize = 13;

/// What a side's title row holds beside its section and status or stance, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Holds {
    /// Nothing more: the date, the grading and the source head the lines.
    Lead,
    /// The date, whole; the grading and the source head the lines.
    Date,
    /// Everything: grade, flags, date, source. Nothing heads the lines.
    #[default]
    All,
}

/// What the title row of a side `width` cells wide holds: all when the source gets
/// [`SOURCE_ROOM`] cells at least, else the date when it fits whole (a date cut, `2025-03-1…`,
/// reads as another date), else only the lead.
pub fn title_holds(ctx: &Ctx, r: ItemRef, other: Option<ItemRef>, width: u16) -> Holds {
    let width = usize::from(width);
    let measure = |holds| -> usize {
        side_heading(ctx, r, other, Kind::Plain, usize::MAX, holds)
            .iter()
            .map(Span::width)
            .sum()
    };
    let name = ctx
        .briefing()
        .item(r)
        .and_then(|i| ctx.briefing().source_name(i))
        .map_or(0, |n| crate::text::width(&sanitize_line(n)));
    let spare = name.saturating_sub(SOURCE_ROOM);
    if measure(Holds::All).saturating_sub(spare) + 2 <= width {
        Holds::All
    } else if measure(Holds::Date) + 2 + POSITION_ROOM <= width {
        Holds::Date
    } else {
        Holds::Lead
    }
}

/// The line(s) heading a side whose title row has no room for its date, grading and source:
/// `2025-05-22 · B3 · 1 source · anonymous · The Wall Street Journal`, wrapped to `width`, the
/// search matches in the date and the source marked; and the line of the current match when it
/// is there.
fn head_lines(ctx: &Ctx, r: ItemRef, width: u16, holds: Holds) -> (Vec<Line>, Option<usize>) {
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return (Vec::new(), None);
    };
    let mut text = String::new();
    let mut marks: Vec<Highlight> = Vec::new();
    let mut current = None;
    if let Some(d) = item.date.filter(|_| holds == Holds::Lead) {
        let m = field_matches(ctx, Place::Item(r), Field::Date, false, 0);
        marks.extend(m.highlights);
        current = m.current;
        text.push_str(&d.to_string());
    }
    for s in grading(ctx, r, Kind::Dim) {
        let piece = if text.is_empty() && s.text == SEP {
            ""
        } else {
            s.text.as_str()
        };
        if s.kind != Kind::Dim {
            marks.push(Highlight {
                range: text.len()..text.len() + piece.len(),
                mark: s.kind,
            });
        }
        text.push_str(piece);
    }
    if let Some(name) = b.source_name(item).map(sanitize_line) {
        if !text.is_empty() {
            text.push_str(SEP);
        }
        let m = field_matches(ctx, Place::Item(r), Field::Source, true, text.len());
        marks.extend(m.highlights);
        current = current.or(m.current);
        text.push_str(&name);
    }
    if text.is_empty() {
        return (Vec::new(), None);
    }
    let wrapped = crate::text::wrap(&text, usize::from(width.max(1)));
    let line = current.map(|at| styled::line_of(&text, &wrapped, at));
    (
        styled::lines(
            &text,
            &wrapped,
            Kind::Meta,
            &marks,
            usize::from(width.max(1)),
        ),
        line,
    )
}

/// A side's title row: section · status or stance, then what it `holds` of grade and flags,
/// date and source, with the search matches in the date and the source, cut to `max` cells.
/// What weighs the item comes first; a long source name is what gives way, cut with `…`.
pub fn side_heading(
    ctx: &Ctx,
    r: ItemRef,
    other: Option<ItemRef>,
    kind: Kind,
    max: usize,
    holds: Holds,
) -> Vec<Span> {
    let with_grading = holds == Holds::All;
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return Vec::new();
    };
    let place = Place::Item(r);
    let mut spans = vec![Span::new(format!(" {}", section_word(r.section)), kind)];
    let push = |spans: &mut Vec<Span>, text: String, k: Kind| {
        spans.push(Span::new(SEP, kind));
        spans.push(Span::new(text, k));
    };
    if let Some(s) = item.status {
        push(&mut spans, s.word().to_string(), kind);
    }
    if let Some((text, k)) = stance_words(ctx, r, other) {
        push(&mut spans, text, k);
    }
    if with_grading {
        spans.extend(grading(ctx, r, kind));
    }
    if let Some(d) = item.date.filter(|_| holds != Holds::Lead) {
        let m = field_matches(ctx, place, Field::Date, false, 0);
        spans.push(Span::new(SEP, kind));
        spans.extend(styled::one_line(
            &d.to_string(),
            kind,
            &m.highlights,
            usize::MAX,
        ));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    // The source needs room for a few cells besides its separator and the closing space.
    let room = max.saturating_sub(used + crate::text::width(SEP) + 1);
    if let Some(name) = b
        .source_name(item)
        .map(sanitize_line)
        .filter(|_| with_grading)
    {
        if room >= 4 {
            spans.push(Span::new(SEP, kind));
            let m = field_matches(ctx, place, Field::Source, true, 0);
            spans.extend(styled::one_line(&name, kind, &m.highlights, room));
        }
    }
    spans.push(Span::new(" ", kind));
    cut(spans, max)
}

/// Spans cut to `max` cells, the last cell an `…` when anything was cut.
pub fn cut(spans: Vec<Span>, max: usize) -> Vec<Span> {
    let width: usize = spans.iter().map(Span::width).sum();
    if width <= max {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = s.width();
        // Whole spans while a cell is left for the `…`.
        if used + w < max {
            used += w;
            out.push(s);
            continue;
        }
        // This one is cut: with an `…` after it, it is wider than what is left, so truncating
        // cuts it and ends it in one.
        let room = max - used;
        if room > 0 {
            let text = crate::text::truncate(&format!("{}…", s.text), room).into_owned();
            out.push(Span { text, ..s });
        }
        break;
    }
    out
}

/// The two texts' marks and what the comparison box lists: the figures that differ in words
/// (`deaths: 7 ↔ 11`) and the values both give.
/// What the view marks of two items compared: each side's figures and shared words, the
/// figures that differ (`deaths: 7 ↔ 11`) and those both give. Made once per pair of items
/// ([`crate::view::wrap::WrapCache::compared`]): on two long texts of figures it is more work
/// than a frame.
#[derive(Debug, Default)]
pub struct Compared {
    /// Still being compared on its own thread ([`crate::briefing::Document::comparison_soon`]):
    /// nothing is marked yet.
    pub pending: bool,
    pub left: Vec<Highlight>,
    pub right: Vec<Highlight>,
    pub conflicts: Vec<String>,
    pub agreements: Vec<String>,
}

/// The two items' figures and shared words marked, the figures that differ and those both
/// texts give.
pub fn comparison(ctx: &Ctx, subject: Subject) -> std::rc::Rc<Compared> {
    let Some((l, r)) = subject.items(ctx) else {
        return Default::default();
    };
    if !ctx.wraps.has_compared((l, r)) && ctx.doc.comparison_soon(l, r).is_none() {
        return std::rc::Rc::new(Compared {
            pending: true,
            ..Compared::default()
        });
    }
    ctx.wraps.compared((l, r), || {
        let c = ctx.doc.comparison(l, r);
        let kind = |a: Agreement| match a {
            Agreement::Agree => Kind::FigureAgree,
            Agreement::Conflict => Kind::FigureConflict,
            Agreement::OnlyHere => Kind::FigureOnly,
        };
        let marks = |figures: &[crate::briefing::compare::Marked],
                     shared: &[std::ops::Range<usize>]| {
            let mut out: Vec<Highlight> = shared
                .iter()
                .map(|range| Highlight {
                    range: range.clone(),
                    mark: Kind::Shared,
                })
                .collect();
            out.extend(figures.iter().map(|m| Highlight {
                range: m.figure.range.clone(),
                mark: kind(m.agreement),
            }));
            out
        };
        Compared {
            pending: false,
            left: marks(&c.left, &c.shared_left),
            right: marks(&c.right, &c.shared_right),
            conflicts: c.conflicts.iter().map(|x| x.line()).collect(),
            agreements: c.agreements(),
        }
    })
}

/// A side's lines at `width`: the text with its figures, shared words and search matches
/// marked, then the attribution and the quote, then the id and a mark for each field with a
/// match the view does not draw.
fn side_content(
    ctx: &Ctx,
    shown: &Shown,
    side: Side,
    width: u16,
    (head, head_match): (Vec<Line>, Option<usize>),
) -> Boxed {
    let Some(r) = shown.subject.item(ctx, side) else {
        return Boxed::default();
    };
    let b = ctx.briefing();
    let Some(item) = b.item(r) else {
        return Boxed::default();
    };
    let compared = comparison(ctx, shown.subject);
    let marks = match side {
        Side::Left => compared.left.clone(),
        Side::Right => compared.right.clone(),
    };
    let width = width.max(1);
    let text = crate::text::display(&item.text);
    let wrapped = ctx.wraps.get(b, r, width);
    let found = field_matches(ctx, Place::Item(r), Field::Text, false, 0);
    let mut match_line = found
        .current
        .map(|at| head.len() + styled::line_of(&text, &wrapped, at))
        .or(head_match);
    let mut all = marks;
    all.extend(found.highlights);
    let body = Text {
        shown: text.into_owned(),
        wrapped: std::rc::Rc::clone(&wrapped),
        highlights: all,
        width: usize::from(width),
    };
    let before = head.len() + wrapped.len();
    let mut lines = Vec::new();
    let place = Place::Item(r);
    let mut field = |lines: &mut Vec<Line>, label: &str, value: String, field: Field, shift| {
        let m = field_matches(ctx, place, field, true, shift + label.len());
        let shown = format!("{label}{value}");
        let wrapped = crate::text::wrap(&shown, usize::from(width));
        if let Some(at) = m.current {
            match_line = Some(before + lines.len() + styled::line_of(&shown, &wrapped, at));
        }
        let mut marked = styled::lines(
            &shown,
            &wrapped,
            Kind::Plain,
            &m.highlights,
            usize::from(width),
        );
        // The label in the label's kind, the rest as it is.
        if let Some(first) = marked.first_mut() {
            let mut spans = vec![Span::new(label, Kind::Label)];
            let mut skip = label.len();
            for s in std::mem::take(&mut first.spans) {
                if skip >= s.text.len() {
                    skip -= s.text.len();
                    continue;
                }
                let rest = s.text.get(skip..).unwrap_or("").to_string();
                skip = 0;
                spans.push(Span { text: rest, ..s });
            }
            first.spans = spans;
        }
        lines.extend(marked);
    };
    if let Some(a) = item.attribution.as_ref().filter(|a| !a.trim().is_empty()) {
        field(
            &mut lines,
            "Citing: ",
            sanitize_line(a).into_owned(),
            Field::Attribution,
            0,
        );
    }
    if let Some(q) = item.quote.as_ref().filter(|q| !q.trim().is_empty()) {
        field(
            &mut lines,
            "Quote: ",
            format!("“{}”", sanitize_line(q)),
            Field::Quote,
            '“'.len_utf8(),
        );
    }
    let mut last = vec![Span::new(
        format!("#{}", sanitize_line(&item.id)),
        Kind::Dim,
    )];
    last.extend(
        hidden_match_marks(ctx, r, &DRAWN_FIELDS)
            .into_iter()
            .flat_map(|(mark, kind)| [Span::new(" · ", Kind::Dim), Span::new(mark, kind)]),
    );
    lines.push(Line::new(cut(last, usize::from(width))));
    Boxed {
        head,
        text: Some(body),
        tail: lines,
        match_line,
    }
}

/// The item fields a side draws: a match anywhere else marks it.
pub const DRAWN_FIELDS: [Field; 5] = [
    Field::Text,
    Field::Source,
    Field::Date,
    Field::Attribution,
    Field::Quote,
];

const NOTE_LABEL: &str = "Note: ";

/// The comparison box while two long texts are compared on their own thread.
pub const COMPARING: &str = "Comparing the figures of the two texts…";

/// The comparison box's lines at `width`: the figures that differ, the stance in words for a
/// denial or dispute, the author's note; for two items the reader picked, that the file does
/// not say they conflict.
fn note_content(ctx: &Ctx, shown: &Shown, width: u16) -> Boxed {
    let Some(pair) = shown.subject.items(ctx) else {
        return Boxed::default();
    };
    let compared = comparison(ctx, shown.subject);
    let mut lines = if compared.pending {
        vec![Line::of(COMPARING, Kind::Dim)]
    } else {
        ctx.wraps
            .figure_lists(pair, width.max(1), || {
                figure_lists(&compared, usize::from(width.max(1)))
            })
            .to_vec()
    };
    let width = usize::from(width.max(1));
    let mut match_line = None;
    match shown.subject {
        Subject::Chosen(..) => {
            for l in crate::text::wrap(
                "You picked these two with v: the file does not say they conflict.",
                width,
            ) {
                lines.push(Line::of(l, Kind::Dim));
            }
        }
        Subject::Pair(_) => {
            if let Some((text, found)) = stance_and_note(ctx, shown.subject) {
                let wrapped = crate::text::wrap(&text, width);
                let shown_text = crate::text::display(&text);
                if let Some(at) = found.current {
                    match_line = Some(lines.len() + styled::line_of(&shown_text, &wrapped, at));
                }
                // brief's sentence (`צה"ל disputes this.`) and `Note: …`: left to right,
                // whatever script the source's name is in.
                lines.extend(styled::composed_lines(
                    &shown_text,
                    &wrapped,
                    Kind::Plain,
                    &found.highlights,
                    width,
                ));
            }
        }
    }
    Boxed::of(lines, match_line)
}

/// The figures that differ and those both texts give, each list wrapped under its label as long
/// as it runs: no figure is cut off.
fn figure_lists(compared: &Compared, width: usize) -> Vec<Line> {
    const LABEL_W: usize = 16;
    let room = width.saturating_sub(LABEL_W).max(8);
    let listed = |lines: &mut Vec<Line>, label: &str, parts: Vec<String>, kind: Kind| {
        for (i, part) in parts.into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            let spans = vec![
                Span::new(format!("{label:<LABEL_W$}"), Kind::Label),
                Span::new(part, kind),
            ];
            lines.push(Line::new(cut(spans, width)));
        }
    };
    let mut lines = Vec::new();
    if compared.conflicts.is_empty() {
        lines.push(Line::of("No figure differs between the two.", Kind::Dim));
    }
    for (i, c) in compared.conflicts.iter().enumerate() {
        let label = if i == 0 { "Figures differ:" } else { "" };
        listed(
            &mut lines,
            label,
            crate::text::wrap(&sanitize_line(c), room),
            Kind::FigureConflict,
        );
    }
    if !compared.agreements.is_empty() {
        let agree: Vec<String> = compared
            .agreements
            .iter()
            .map(|a| sanitize_line(a).into_owned())
            .collect();
        listed(
            &mut lines,
            "Both give:",
            crate::text::wrap(&agree.join(" · "), room),
            Kind::FigureAgree,
        );
    }
    lines
}

/// For a denial or dispute, the stance in words; then the author's note, with the search
/// matches in it.
fn stance_and_note(ctx: &Ctx, subject: Subject) -> Option<(String, FieldMatches)> {
    let pair = subject.pair(ctx)?;
    let b = ctx.briefing();
    let mut parts = Vec::new();
    if let (PairKind::Implied, Some(stance)) = (pair.kind, pair.stance) {
        let who = b
            .item(pair.right)
            .and_then(|r| b.source_name(r))
            // The name as the file gives it: an article before it reads wrong as often as not
            // ("The 서울특별시", "The Ministry of …" when the file says "Ministry of …").
            .map_or("The response".to_string(), |n| {
                sanitize_line(n).into_owned()
            });
        parts.push(format!("{who} {} this.", stance.word()));
    }
    let mut found = FieldMatches::default();
    if let Some(note) = &pair.note {
        let before: usize = parts.iter().map(|p: &String| p.len() + 1).sum();
        found = note_matches(ctx, pair, before + NOTE_LABEL.len(), false);
        parts.push(format!("{NOTE_LABEL}{}", sanitize(note)));
    }
    (!parts.is_empty()).then(|| (parts.join("\n"), found))
}

/// The search matches in a pair's note, which joins the notes of its declared entries with
/// newlines; drawn `shift` bytes in, on one line (newlines as `↵`) or not.
fn note_matches(ctx: &Ctx, pair: &Pair, shift: usize, one_line: bool) -> FieldMatches {
    let mut out = FieldMatches::default();
    // Without a match there is nothing to place, and no search index to build for it (a 20 MB
    // briefing's takes most of a second).
    if ctx.marks.is_empty() {
        return out;
    }
    let mut at = shift;
    let joint = if one_line { '↵'.len_utf8() } else { 1 };
    for &k in &pair.notes {
        let place = Place::Contradiction(k);
        let found = field_matches(ctx, place, Field::Note, one_line, at);
        out.current = out.current.or(found.current);
        out.highlights.extend(found.highlights);
        let text = ctx
            .doc
            .index()
            .field_text(ctx.briefing(), place, Field::Note);
        let shown = if one_line {
            sanitize_line(text).len()
        } else {
            text.len()
        };
        at += shown + joint;
    }
    out
}

/// The title row of the comparison box.
pub fn note_title(subject: Subject) -> &'static str {
    match subject {
        Subject::Pair(_) => " Why they conflict ",
        Subject::Chosen(..) => " Compared ",
    }
}

/// Where a box stands in its lines, for its title row when they do not all show: ` 9–16/24 `.
pub fn position(first: usize, rows: usize, lines: usize) -> Option<String> {
    (lines > rows && rows > 0).then(|| {
        let last = (first + rows).min(lines);
        format!(" {}–{last}/{lines} ", first + 1)
    })
}

/// The lines of a box to draw in its `rows`, from `first`: the last row ends in `…` when lines
/// follow, so no cut goes unmarked.
pub fn visible(boxed: &Boxed, first: usize, rows: usize, width: usize) -> Vec<Line> {
    let len = boxed.len();
    let first = first.min(len);
    let end = (first + rows).min(len);
    let mut out = boxed.lines(first..end);
    if end < len {
        if let Some(last) = out.last_mut().filter(|l| l.rtl) {
            // A right-to-left row ends on its left: the `…` goes there, over the padding or,
            // in a full row, over the row's last letter (its leftmost cell).
            let spans = std::mem::take(&mut last.spans);
            last.spans = ellipsis_on_the_left(spans);
            return out;
        }
        if let Some(last) = out.last_mut() {
            let mut spans = std::mem::take(&mut last.spans);
            let used = last_width(&spans);
            if used + 2 <= width {
                spans.push(Span::new(" …", Kind::Dim));
            } else if used < width {
                spans.push(Span::new("…", Kind::Dim));
            } else {
                // A full row gives up its last cell: one cell more than fits makes `cut` end
                // it in `…`.
                spans.push(Span::plain("…"));
                spans = cut(spans, width);
            }
            last.spans = spans;
        }
    }
    out
}

/// `spans` (a right-to-left row in display order) with `… ` in its first two cells: taken from
/// the padding before it, else from its leftmost graphemes.
fn ellipsis_on_the_left(spans: Vec<Span>) -> Vec<Span> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut need = 2usize;
    let mut out = vec![Span {
        ordered: true,
        ..Span::new("… ", Kind::Dim)
    }];
    for s in spans {
        if need == 0 {
            out.push(s);
            continue;
        }
        let mut kept = String::new();
        for g in s.text.graphemes(true) {
            if need > 0 {
                let w = crate::text::grapheme_width(g);
                if w == 0 {
                    continue;
                }
                if w > need {
                    kept.push_str(&" ".repeat(w - need));
                }
                need = need.saturating_sub(w);
                continue;
            }
            kept.push_str(g);
        }
        if !kept.is_empty() {
            out.push(Span { text: kept, ..s });
        }
    }
    out
}

fn last_width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}

/// The title row of a side, with its position when its lines do not all show.
pub fn side_title(ctx: &Ctx, shown: &Shown, lay: &Layout, side: Side) -> Vec<Span> {
    let part = Part::of(side);
    let area = lay.areas.of(part);
    let focused = shown.focus == part;
    let kind = if focused {
        Kind::PaneTitleFocused
    } else {
        Kind::PaneTitle
    };
    let Some(r) = shown.subject.item(ctx, side) else {
        return Vec::new();
    };
    let other = shown.subject.item(ctx, side.other());
    let pos = position(
        *part.of_array(&shown.scroll),
        lay.rows(part),
        lay.part(part).len(),
    );
    let room = usize::from(area.width)
        .saturating_sub(2)
        .saturating_sub(pos.as_deref().map_or(0, crate::text::width));
    let [hold_l, hold_r] = lay.holds;
    let holds = match side {
        Side::Left => hold_l,
        Side::Right => hold_r,
    };
    let mut spans = side_heading(ctx, r, other, kind, room, holds);
    if let Some(p) = pos {
        spans.push(Span::new(p, Kind::Dim));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(texts: &[&str]) -> Vec<Span> {
        texts.iter().map(|t| Span::plain(*t)).collect()
    }

    fn text(s: &[Span]) -> String {
        s.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn a_cut_ends_in_an_ellipsis_and_fits() {
        assert_eq!(text(&cut(spans(&["abc", "def"],), 10)), "abcdef");
        assert_eq!(text(&cut(spans(&["abc", "def"]), 5)), "abcd…");
        assert_eq!(text(&cut(spans(&["abc", "def"]), 3)), "ab…");
        assert_eq!(text(&cut(spans(&["한국어"]), 4)), "한…");
    }

    #[test]
    fn the_last_row_shown_says_more_follows() {
        let lines = Boxed::of(
            (0..5).map(|i| Line::plain(format!("line {i}"))).collect(),
            None,
        );
        let shown = visible(&lines, 1, 2, 20);
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[1].text(), "line 2 …");
        let end = visible(&lines, 3, 2, 20);
        assert_eq!(end[1].text(), "line 4");
        let tight = visible(
            &Boxed::of(vec![Line::plain("abcdef"), Line::plain("x")], None),
            0,
            1,
            6,
        );
        assert_eq!(tight[0].text(), "abcde…");
        assert_eq!(position(0, 2, 5).as_deref(), Some(" 1–2/5 "));
        assert_eq!(position(0, 5, 5), None);
    }
}
