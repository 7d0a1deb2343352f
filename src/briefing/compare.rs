//! Two texts set side by side: which of their figures agree, which conflict and which only one
//! side gives, and the words they share that mean something. The contradictions view marks
//! these in both texts and lists the conflicts under them (`deaths: 7 ↔ 11`); `print` and the
//! Markdown export say them in words.
//!
//! Shared words are weighed by how rare they are across the briefing ([`WordWeights`]): a word
//! most of its texts contain (the company's own name, "customers" in a breach story) is no
//! evidence that two of them speak of the same thing.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::figures::{self, days_in, same_number, Figure, FigureKind, Value};
use super::model::{Briefing, ItemRef, Section};

/// How a figure of one text stands to the figures of the other.
///
/// A figure agrees when the other text gives an equal figure of the same kind of quantity. One
/// that does not agree conflicts when the other text gives any figure of the same kind of
/// quantity — agreed with something or not: `11 dead …, up from seven dead` against `Seven
/// people were killed` agrees on 7 and conflicts on 11. Dates and times are the exception
/// (see [`dated_alike`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// The other text gives the same value, for the same kind of quantity.
    Agree,
    /// The other text gives no equal value but some value for the same kind of quantity: same
    /// kind and same measure, or, where neither says what is measured, same kind and same
    /// unit. Shares in per cent and per mille are one kind.
    Conflict,
    /// Nothing in the other text to set it against.
    OnlyHere,
}

/// A figure of one text and how it stands to the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub figure: Figure,
    pub agreement: Agreement,
}

/// One kind of quantity the two texts give different values for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What is measured: `deaths`, `records`, `cost`, `date`, `time`, `share`, `duration`,
    /// `year`, or a count's noun.
    pub label: String,
    /// The left text's values ([`Figure::value_text`]) that agree with nothing on the right,
    /// several joined with `, `; when all of the left's values of this kind agree with
    /// something, those values (`deaths: 7 ↔ 11` where the left's 7 agrees with a revised
    /// toll's `up from seven` and the toll's 11 does not).
    pub left: String,
    pub right: String,
}

impl Conflict {
    /// `deaths: 7 ↔ 11`.
    pub fn line(&self) -> String {
        format!("{}: {} ↔ {}", self.label, self.left, self.right)
    }
}

/// Two texts compared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// Every figure of each text, in text order.
    pub left: Vec<Marked>,
    pub right: Vec<Marked>,
    /// The kinds of quantity the texts disagree on, in the order the left text gives them.
    pub conflicts: Vec<Conflict>,
    /// Byte ranges of the words both texts share that mean something, in each text.
    pub shared_left: Vec<Range<usize>>,
    pub shared_right: Vec<Range<usize>>,
}

impl Comparison {
    /// The values both texts give, each once, in the left text's order: what `print` lists as
    /// the figures in agreement. A count is labelled with what it measures, or else its noun
    /// (`deaths: 7`, `buildings: 7`); a date, time, sum, share, year or duration says what it
    /// is by itself (`15 March`, `02:40`, `$1.1bn`, `12%`, `8 days`).
    pub fn agreements(&self) -> Vec<String> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut out: Vec<String> = Vec::new();
        for m in self.left.iter().filter(|m| m.agreement == Agreement::Agree) {
            let f = &m.figure;
            let v = match (f.kind, f.measure.as_deref().or(f.unit.as_deref())) {
                (FigureKind::Count, Some(what)) => format!("{what}: {}", f.value_text()),
                _ => f.value_text(),
            };
            if seen.insert(v.clone()) {
                out.push(v);
            }
        }
        out
    }
}

/// A word in more than this share of a briefing's texts is too common to count as shared…
pub const COMMON_SHARE: f64 = 0.4;
/// …when the briefing has at least this many texts (with fewer, every word is someone's
/// evidence), and the word is in more than the two texts compared.
pub const COMMON_MIN_TEXTS: usize = 4;

/// About the most texts of a briefing counted for the weights. What the weighing asks is the share
/// of texts a word is in, and a sample estimates a share of 40% within about ±2% (one
/// standard error at 2,048); counting all 60,000 texts of a 20 MB briefing took 960 ms on the
/// first `c` (BENCHMARKS.md), the sample a few.
pub const SAMPLE: usize = 2048;

/// SplitMix64's finaliser: neighbouring numbers to unrelated ones, the same every run.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// In how many of a briefing's texts each word appears.
#[derive(Debug, Clone, Default)]
pub struct WordWeights {
    texts: usize,
    counts: HashMap<String, usize>,
}

impl WordWeights {
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> WordWeights {
        let mut w = WordWeights::default();
        for text in texts {
            w.count_text(text);
        }
        w
    }

    /// Over the texts of the items of `b`, as the reader displays them: every text, or a
    /// sample of about [`SAMPLE`] of them in a briefing with more. The sample is drawn by a
    /// hash of each item's place, not every n-th item, so a briefing whose items repeat a
    /// pattern (every other one about the same thing) is not sampled in step with it.
    pub fn of_briefing(b: &Briefing) -> WordWeights {
        let items: Vec<&crate::briefing::Item> =
            Section::ALL.iter().flat_map(|&s| b.section(s)).collect();
        if items.len() < COMMON_MIN_TEXTS {
            // Too few texts for any word to be common ([`Self::is_common`]): counting them
            // would only cost time (on two 400 KB texts, a third of the first `c`).
            return WordWeights {
                texts: items.len(),
                counts: HashMap::new(),
            };
        }
        let step = items.len().div_ceil(SAMPLE).max(1) as u64;
        let mut w = WordWeights::default();
        for (i, item) in items.into_iter().enumerate() {
            if step == 1 || mix(i as u64).is_multiple_of(step) {
                w.count_text(&crate::text::display(&item.text));
            }
        }
        w
    }

    fn count_text(&mut self, text: &str) {
        self.texts += 1;
        let seen: HashSet<String> = words(text)
            .map(|(word, _)| word)
            .filter(|word| significant(word))
            .collect();
        for word in seen {
            *self.counts.entry(word).or_default() += 1;
        }
    }

    /// How many texts were counted.
    pub fn texts(&self) -> usize {
        self.texts
    }

    /// In how many texts `word` (lower-case) appears.
    pub fn count(&self, word: &str) -> usize {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// Whether `word` is in so many of the texts that sharing it says nothing: in more than
    /// [`COMMON_SHARE`] of them, when there are at least [`COMMON_MIN_TEXTS`], and in more
    /// than two (the two compared always share their shared words).
    pub fn is_common(&self, word: &str) -> bool {
        let n = self.count(word);
        self.texts >= COMMON_MIN_TEXTS && n > 2 && n as f64 > COMMON_SHARE * self.texts as f64
    }
}

/// Above this many pairs of figures, agreement is decided by equal values only (a hash lookup)
/// rather than by comparing every figure of one text with every figure of the other.
const PAIRWISE_LIMIT: usize = 250_000;

/// Texts this long together are worth a second thread: below it, starting one costs more
/// than it saves.
const PARALLEL_BYTES: usize = 64 * 1024;

/// `f` of each side, the right one on a second thread when the two texts are `bytes` long
/// together.
fn both<A: Send, T: Send>(bytes: usize, left: A, right: A, f: impl Fn(A) -> T + Sync) -> (T, T) {
    if bytes < PARALLEL_BYTES {
        return (f(left), f(right));
    }
    std::thread::scope(|s| {
        let r = s.spawn(|| f(right));
        let l = f(left);
        (l, r.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

/// Compares `left` with `right`, the shared words weighed by `weights`.
pub fn compare(left: &str, right: &str, weights: &WordWeights) -> Comparison {
    let bytes = left.len() + right.len();
    let (lf, rf) = both(bytes, left, right, figures::extract);
    let (la, ra) = agreements(&lf, &rf);
    let mark = |figs: Vec<Figure>, marks: Vec<Agreement>| -> Vec<Marked> {
        figs.into_iter()
            .zip(marks)
            .map(|(figure, agreement)| Marked { figure, agreement })
            .collect()
    };
    let left_marked = mark(lf, la);
    let right_marked = mark(rf, ra);
    let conflicts = conflicts(&left_marked, &right_marked);
    let (shared_left, shared_right) =
        shared_words(left, right, &left_marked, &right_marked, weights);
    Comparison {
        left: left_marked,
        right: right_marked,
        conflicts,
        shared_left,
        shared_right,
    }
}

/// The texts of items `left` and `right` of `b` as the reader displays them
/// ([`crate::text::display`], which the ranges index), compared; empty when either item is not
/// there.
pub fn compare_items(
    b: &Briefing,
    left: ItemRef,
    right: ItemRef,
    weights: &WordWeights,
) -> Comparison {
    match (b.item(left), b.item(right)) {
        (Some(l), Some(r)) => compare(
            &crate::text::display(&l.text),
            &crate::text::display(&r.text),
            weights,
        ),
        _ => Comparison::default(),
    }
}

/// The kind as comparison sees it: a share in per mille is a share (`35‰` is `3.5%`).
fn class(kind: FigureKind) -> FigureKind {
    match kind {
        FigureKind::PerMille => FigureKind::Percent,
        k => k,
    }
}

/// What is measured, as conflicts group it: the measure, else the unit, else nothing.
fn key(f: &Figure) -> (FigureKind, Option<&str>, Option<&str>) {
    match &f.measure {
        Some(m) => (class(f.kind), Some(m.as_str()), None),
        None => (class(f.kind), None, f.unit.as_deref()),
    }
}

fn label(f: &Figure) -> String {
    if let Some(m) = &f.measure {
        return m.clone();
    }
    match f.kind {
        FigureKind::Money => "cost",
        FigureKind::Percent | FigureKind::PerMille => "share",
        FigureKind::Date => "date",
        FigureKind::Time => "time",
        FigureKind::Year => "year",
        FigureKind::Duration => "duration",
        FigureKind::Count => f.unit.as_deref().unwrap_or("number"),
    }
    .to_string()
}

/// A number range in a common scale: a duration in days, a share in per cent, anything else
/// as it is.
fn span(f: &Figure) -> Option<(f64, f64)> {
    let Value::Number { low, high } = f.value else {
        return None;
    };
    let factor = match f.kind {
        FigureKind::Duration => days_in(f.unit.as_deref().unwrap_or("")).unwrap_or(1.0),
        FigureKind::PerMille => 0.1,
        _ => 1.0,
    };
    Some((low * factor, high * factor))
}

/// The same value: numbers whose ranges meet (`tens of thousands` holds `28,500`, `7–9` holds
/// `8`), dates by the parts both give, times by hour and minute.
fn same_value(a: &Figure, b: &Figure) -> bool {
    match (a.value, b.value) {
        (Value::Number { .. }, Value::Number { .. }) => match (span(a), span(b)) {
            (Some((al, ah)), Some((bl, bh))) => {
                (al <= bh || same_number(al, bh)) && (bl <= ah || same_number(bl, ah))
            }
            _ => false,
        },
        (
            Value::Date {
                year: ay,
                month: am,
                day: ad,
            },
            Value::Date {
                year: by,
                month: bm,
                day: bd,
            },
        ) => {
            let fits = |x: Option<i32>, y: Option<i32>| x.zip(y).is_none_or(|(x, y)| x == y);
            am == bm && fits(ay, by) && fits(ad.map(i32::from), bd.map(i32::from))
        }
        (
            Value::Time {
                hour: ah,
                minute: am,
            },
            Value::Time {
                hour: bh,
                minute: bm,
            },
        ) => ah == bh && am == bm,
        _ => false,
    }
}

/// A count that says nothing of what it counts (`berth 4`, `four more`): two of them share a
/// value by chance as often as not, so they neither agree nor conflict.
fn bare(f: &Figure) -> bool {
    f.kind == FigureKind::Count && f.unit.is_none() && f.measure.is_none()
}

/// Both say the same thing: same kind, same value, and nothing that says they measure
/// different things (one side may not say what it measures; money must be in one currency).
fn agree(a: &Figure, b: &Figure) -> bool {
    if bare(a) && bare(b) {
        return false;
    }
    let fits = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    class(a.kind) == class(b.kind)
        && fits(&a.measure, &b.measure)
        && (a.kind != FigureKind::Money || fits(&a.unit, &b.unit))
        && same_value(a, b)
}

/// A number to seven significant digits, as (digits, power of ten): `1.5` and `1.5000000001`
/// are one value, and no text is formatted to say so.
fn digits(x: f64) -> (i64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (0, 0);
    }
    let power = x.abs().log10().floor() as i32 - 6;
    let mut m = (x / 10f64.powi(power)).round();
    let mut power = power;
    // log10 rounds: keep the digits to seven.
    if m.abs() >= 1e7 {
        m = (m / 10.0).round();
        power += 1;
    }
    (m as i64, power)
}

/// A figure's value as the fast path of [`agreements`] matches it exactly.
#[derive(PartialEq, Eq, Hash)]
enum Exact {
    /// A number range in its common scale ([`span`]), each end to seven digits.
    Span((i64, i32), (i64, i32)),
    Date(Option<i32>, u8, Option<u8>),
    Time(u8, u8),
}

/// A value as the fast path of [`agreements`] matches it exactly: numbers in their common
/// scale ([`span`]), dates and times by their parts.
fn exact(f: &Figure) -> (FigureKind, Option<&str>, Option<&str>, Exact) {
    let value = match span(f) {
        Some((low, high)) => Exact::Span(digits(low), digits(high)),
        None => match f.value {
            Value::Date { year, month, day } => Exact::Date(year, month, day),
            Value::Time { hour, minute } => Exact::Time(hour, minute),
            Value::Number { low, high } => Exact::Span(digits(low), digits(high)),
        },
    };
    let unit = if f.kind == FigureKind::Money {
        f.unit.as_deref()
    } else {
        None
    };
    (class(f.kind), f.measure.as_deref(), unit, value)
}

/// Whether a date (time, year) that agrees with nothing can conflict: only when each text
/// gives exactly one date (time, year). Two texts with several dates mostly date different
/// things — the incident, the notice, the report — and a date one gives that the other does
/// not is then only here, not a contradiction; with one date each (`the strike on 15 March`,
/// `the strike on 17 March`) they date the same thing. Telling which event each date anchors
/// to from the words around it was the alternative; the count is simpler and rarely wrong.
/// Years go by the same rule: `fares unchanged since 2019` does not contradict `the 2024 gap`.
fn dated_alike(kind: FigureKind, lf: &[Figure], rf: &[Figure]) -> bool {
    if !matches!(kind, FigureKind::Date | FigureKind::Time | FigureKind::Year) {
        return true;
    }
    let one = |figs: &[Figure]| figs.iter().filter(|f| f.kind == kind).count() == 1;
    one(lf) && one(rf)
}

/// Each figure of each side: does the other side give the same?
fn agreements(lf: &[Figure], rf: &[Figure]) -> (Vec<Agreement>, Vec<Agreement>) {
    let mut la = vec![Agreement::OnlyHere; lf.len()];
    let mut ra = vec![Agreement::OnlyHere; rf.len()];
    if lf.len().saturating_mul(rf.len()) <= PAIRWISE_LIMIT {
        for (a, la) in lf.iter().zip(la.iter_mut()) {
            for (b, ra) in rf.iter().zip(ra.iter_mut()) {
                if agree(a, b) {
                    *la = Agreement::Agree;
                    *ra = Agreement::Agree;
                }
            }
        }
    } else {
        let (lx, rx): (Vec<_>, Vec<_>) = (
            lf.iter().map(exact).collect(),
            rf.iter().map(exact).collect(),
        );
        let rights: HashSet<_> = rx.iter().collect();
        let lefts: HashSet<_> = lx.iter().collect();
        for (a, la) in lx.iter().zip(la.iter_mut()) {
            if rights.contains(a) {
                *la = Agreement::Agree;
            }
        }
        for (b, ra) in rx.iter().zip(ra.iter_mut()) {
            if lefts.contains(b) {
                *ra = Agreement::Agree;
            }
        }
    }
    // A figure that agrees with nothing conflicts when the other side gives any figure of the
    // same kind of quantity, whether that one agrees with something or not.
    type Key = (FigureKind, Option<String>, Option<String>);
    let owned = |f: &Figure| -> Key {
        let (k, m, u) = key(f);
        (k, m.map(str::to_string), u.map(str::to_string))
    };
    let keys =
        |figs: &[Figure]| -> HashSet<Key> { figs.iter().filter(|f| !bare(f)).map(owned).collect() };
    let (lk, rk) = (keys(lf), keys(rf));
    let dates_ok = dated_alike(FigureKind::Date, lf, rf);
    let times_ok = dated_alike(FigureKind::Time, lf, rf);
    let years_ok = dated_alike(FigureKind::Year, lf, rf);
    let mark = |figs: &[Figure], marks: &mut [Agreement], other: &HashSet<Key>| {
        for (f, a) in figs.iter().zip(marks.iter_mut()) {
            let comparable = match f.kind {
                FigureKind::Date => dates_ok,
                FigureKind::Time => times_ok,
                FigureKind::Year => years_ok,
                _ => true,
            };
            if *a != Agreement::Agree && comparable && !bare(f) && other.contains(&owned(f)) {
                *a = Agreement::Conflict;
            }
        }
    };
    mark(lf, &mut la, &rk);
    mark(rf, &mut ra, &lk);
    (la, ra)
}

/// The conflicts, one per kind of quantity, in the left text's order (then the right's, for a
/// kind only the right's figures conflict on). Each side lists its values that agree with
/// nothing, or, when it has none, its values of that kind that agree with something.
fn conflicts(left: &[Marked], right: &[Marked]) -> Vec<Conflict> {
    type Key<'f> = (FigureKind, Option<&'f str>, Option<&'f str>);
    #[derive(Default)]
    struct Side {
        open: Vec<String>,
        agreed: Vec<String>,
        seen: HashSet<(bool, String)>,
    }
    impl Side {
        fn add(&mut self, m: &Marked) {
            let is_open = m.agreement == Agreement::Conflict;
            let v = m.figure.value_text();
            if !self.seen.insert((is_open, v.clone())) {
                return;
            }
            if is_open {
                self.open.push(v);
            } else {
                self.agreed.push(v);
            }
        }
        fn values(self) -> String {
            if self.open.is_empty() {
                self.agreed.join(", ")
            } else {
                self.open.join(", ")
            }
        }
    }
    struct Group {
        label: String,
        sides: [Side; 2],
    }
    let mut at: HashMap<Key, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    // The kinds in conflict, in order.
    for m in left
        .iter()
        .chain(right)
        .filter(|m| m.agreement == Agreement::Conflict)
    {
        let k = key(&m.figure);
        if let std::collections::hash_map::Entry::Vacant(e) = at.entry(k) {
            e.insert(groups.len());
            groups.push(Group {
                label: label(&m.figure),
                sides: [Side::default(), Side::default()],
            });
        }
    }
    // Their values, open or agreed, on each side.
    for (side, marks) in [(0, left), (1, right)] {
        for m in marks.iter().filter(|m| m.agreement != Agreement::OnlyHere) {
            let Some(&g) = at.get(&key(&m.figure)) else {
                continue;
            };
            if let Some(s) = groups.get_mut(g).and_then(|g| g.sides.get_mut(side)) {
                s.add(m);
            }
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let [l, r] = g.sides;
            (g.label, l.values(), r.values())
        })
        .filter(|(_, l, r)| !l.is_empty() && !r.is_empty())
        .map(|(label, left, right)| Conflict { label, left, right })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Shared words

/// Words too common in English to show that two texts speak of the same thing.
const STOPWORDS: &[&str] = &[
    "that",
    "this",
    "with",
    "from",
    "have",
    "has",
    "had",
    "were",
    "been",
    "being",
    "their",
    "there",
    "they",
    "them",
    "which",
    "would",
    "could",
    "should",
    "about",
    "into",
    "than",
    "then",
    "also",
    "said",
    "says",
    "will",
    "what",
    "when",
    "where",
    "while",
    "such",
    "some",
    "more",
    "most",
    "other",
    "only",
    "over",
    "under",
    "after",
    "before",
    "between",
    "because",
    "does",
    "did",
    "not",
    "its",
    "it's",
    "the",
    "and",
    "for",
    "are",
    "was",
    "any",
    "all",
    "each",
    "very",
    "just",
    "your",
    "ours",
    "upon",
    "through",
    "these",
    "those",
    "here",
    "whose",
    "since",
    "against",
    "whom",
    "who",
    "until",
    "within",
    "without",
    "during",
    "around",
    "among",
    "both",
    "either",
    "neither",
    "many",
    "much",
    "less",
    "least",
    "same",
    "another",
    "again",
    "still",
    "even",
    "ever",
    "never",
    "already",
    "yet",
    "once",
    "twice",
    "however",
    "although",
    "though",
    "whether",
    "unless",
    "them",
    "they're",
    "there's",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "doesn't",
    "didn't",
    "won't",
    "can't",
    "cannot",
    "might",
    "must",
    "shall",
    "being",
    "like",
    "told",
    "according",
];

/// Words of `text` with their byte ranges, lower-cased; `'` and `-` join a word's parts
/// (`it's`, `troop-withdrawal`) but are trimmed from its ends.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (String, Range<usize>)> + '_ {
    let mut start: Option<usize> = None;
    let mut out = Vec::new();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '-';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if let Some(w) = text.get(s..i) {
                    out.push((
                        w.trim_matches(|c| c == '\'' || c == '-').to_lowercase(),
                        s..i,
                    ));
                }
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

/// Long enough to mean something (four letters, or two of a script like Korean whose words
/// are short), not a stop word, not a number.
fn significant(w: &str) -> bool {
    static STOP: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());
    let wide = !w.is_ascii();
    let n = if wide { w.chars().count() } else { w.len() };
    (n >= 4 || (wide && n >= 2)) && !w.bytes().all(|c| c.is_ascii_digit()) && !STOP.contains(w)
}

/// The longest stem a Korean word's particles are looked for in: a longer word is compared
/// whole, so a text without spaces costs no more than its length.
const STEM_MAX_CHARS: usize = 32;

/// The prefixes of `w` of at least two characters, up to [`STEM_MAX_CHARS`].
fn stems(w: &str) -> impl Iterator<Item = &str> {
    w.char_indices()
        .skip(1)
        .take(STEM_MAX_CHARS)
        .map(move |(i, c)| w.get(..i + c.len_utf8()).unwrap_or(""))
}

/// The byte ranges of the shared words in each text.
fn shared_words(
    left: &str,
    right: &str,
    lm: &[Marked],
    rm: &[Marked],
    weights: &WordWeights,
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    // A word inside a figure (`March` of `15 March`, `seven`) is the figure's, not shared.
    let candidates = |text: &str, marks: &[Marked]| -> Vec<(String, Range<usize>)> {
        let mut figs = marks.iter().map(|m| m.figure.range.clone()).peekable();
        let mut out = Vec::new();
        for (w, r) in words(text) {
            while figs.peek().is_some_and(|f| f.end <= r.start) {
                figs.next();
            }
            let in_figure = figs.peek().is_some_and(|f| f.start < r.end);
            if !in_figure && significant(&w) && !weights.is_common(&w) {
                out.push((w, r));
            }
        }
        out
    };
    let set = |ws: &[(String, Range<usize>)]| -> HashSet<String> {
        ws.iter().map(|(w, _)| w.clone()).collect()
    };
    let ((lw, ls), (rw, rs)) = both(
        left.len() + right.len(),
        (left, lm),
        (right, rm),
        |(text, marks)| {
            let ws = candidates(text, marks);
            let set = set(&ws);
            (ws, set)
        },
    );
    // Korean attaches particles to words (인상 / 인상은): for non-ASCII words a shared stem of
    // two characters or more counts.
    let prefixes = |s: &HashSet<String>| -> HashSet<String> {
        s.iter()
            .filter(|w| !w.is_ascii())
            .flat_map(|w| stems(w).map(str::to_string).collect::<Vec<_>>())
            .filter(|p| !p.is_ascii())
            .collect()
    };
    let (lp, rp) = (prefixes(&ls), prefixes(&rs));
    let shares = |w: &str, other: &HashSet<String>, other_prefixes: &HashSet<String>| {
        other.contains(w)
            || (!w.is_ascii()
                && (other_prefixes.contains(w)
                    || stems(w).any(|p| !p.is_ascii() && other.contains(p))))
    };
    let ranges =
        |ws: Vec<(String, Range<usize>)>, other: &HashSet<String>, op: &HashSet<String>| {
            ws.into_iter()
                .filter(|(w, _)| shares(w, other, op))
                .map(|(_, r)| r)
                .collect()
        };
    (ranges(lw, &rs, &rp), ranges(rw, &ls, &lp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(left: &str, right: &str) -> Comparison {
        compare(left, right, &WordWeights::default())
    }

    fn lines(c: &Comparison) -> Vec<String> {
        c.conflicts.iter().map(Conflict::line).collect()
    }

    fn marks(c: &[Marked]) -> Vec<Agreement> {
        c.iter().map(|m| m.agreement).collect()
    }

    fn shared<'t>(text: &'t str, ranges: &[Range<usize>]) -> Vec<&'t str> {
        ranges.iter().filter_map(|r| text.get(r.clone())).collect()
    }

    /// Past [`PAIRWISE_LIMIT`] pairs, agreement is by equal values in a hash set: the same
    /// values agree there as pairwise (a duration in hours and in days, a share in per mille
    /// and in per cent, a date), and a value off in the seventh digit does not.
    #[test]
    fn equal_values_agree_past_the_pairwise_limit_as_below_it() {
        let heads = [
            ("It lasted 72 hours.", "It lasted 3 days."),
            ("A share of 35‰.", "A share of 3.5%."),
            ("On 15 March 2024.", "On 15 March 2024."),
            ("It cost $1,234,567.", "It cost $1,234,567."),
        ];
        let filler: String = (0..600).map(|i| format!("berth {i}. ")).collect();
        for (l, r) in heads {
            let few = plain(l, r);
            let (l, r) = (format!("{l} {filler}"), format!("{r} {filler}"));
            let many = plain(&l, &r);
            assert!(many.left.len() * many.right.len() > PAIRWISE_LIMIT);
            assert_eq!(few.left[0].agreement, Agreement::Agree, "{l:.30}");
            assert_eq!(many.left[0].agreement, Agreement::Agree, "{l:.30}");
            assert_eq!(many.right[0].agreement, Agreement::Agree, "{r:.30}");
        }
        let filler: String = (0..600).map(|i| format!("berth {i}. ")).collect();
        let off = plain(
            &format!("It cost $1,234,567. {filler}"),
            &format!("It cost $1,234,568. {filler}"),
        );
        assert_ne!(off.left[0].agreement, Agreement::Agree);
    }

    #[test]
    fn seven_digits_are_one_value_and_the_eighth_is_not_counted() {
        assert_eq!(digits(3.0), digits(72.0 / 24.0));
        assert_eq!(digits(0.35 * 10.0), digits(3.5));
        assert_ne!(digits(1_234_567.0), digits(1_234_568.0));
        assert_eq!(digits(9_999_999.6), digits(10_000_000.0));
        assert_eq!(digits(0.0), (0, 0));
        assert_ne!(digits(-2.0), digits(2.0));
    }

    #[test]
    fn deaths_conflict_and_the_date_agrees() {
        let l = "Seven people were killed on 15 March.";
        let r = "11 bodies were recovered by 15 March.";
        let c = plain(l, r);
        assert_eq!(lines(&c), vec!["deaths: 7 ↔ 11"]);
        assert_eq!(marks(&c.left), vec![Agreement::Conflict, Agreement::Agree]);
        assert_eq!(marks(&c.right), vec![Agreement::Conflict, Agreement::Agree]);
        assert_eq!(c.agreements(), vec!["15 March"]);
        assert_eq!(
            Conflict {
                label: "deaths".into(),
                left: "7".into(),
                right: "11".into()
            }
            .line(),
            "deaths: 7 ↔ 11"
        );
    }

    #[test]
    fn counts_that_say_nothing_of_what_they_count_neither_agree_nor_conflict() {
        let c = plain(
            "It listed outside berth 4, and 7 people died.",
            "Four more than first reported: 11 bodies, and 3 more.",
        );
        assert_eq!(
            marks(&c.left),
            vec![Agreement::OnlyHere, Agreement::Conflict]
        );
        assert_eq!(lines(&c), vec!["deaths: 7 ↔ 11"]);
        assert!(c.agreements().is_empty(), "{:?}", c.agreements());
        // What a count counts makes it comparable: 7 people against seven people agree.
        let c = plain("7 people died.", "Seven people were killed.");
        assert_eq!(marks(&c.left), vec![Agreement::Agree]);
    }

    #[test]
    fn a_figure_only_one_side_gives_is_only_here() {
        let c = plain(
            "4,500 troops would leave by 2026",
            "The ministry denies any talks",
        );
        assert_eq!(
            marks(&c.left),
            vec![Agreement::OnlyHere, Agreement::OnlyHere]
        );
        assert!(c.right.is_empty() && c.conflicts.is_empty());
        // Different measures do not conflict: deaths and troops are not the same quantity.
        let c = plain("7 dead", "4,500 troops");
        assert_eq!(marks(&c.left), vec![Agreement::OnlyHere]);
        assert!(c.conflicts.is_empty());
        // Nor money in two currencies.
        let c = plain("$5m", "€7m");
        assert!(c.conflicts.is_empty());
    }

    #[test]
    fn values_compare_once_normalised() {
        for (l, r) in [
            ("3.2 million records", "3,200,000 records"),
            ("seven dead", "7 killed"),
            ("half of the staff", "50% of staff"),
            ("a quarter", "25 per cent"),
            ("15 March", "March 15, 2025"),
            ("15 березня", "15 March"),
            ("5월 23일", "May 23"),
            ("at 19:30", "at 7:30 pm"),
            ("two weeks", "14 days"),
            ("12 months", "one year"),
            ("tens of thousands of troops", "28,500 troops"),
            ("$1.1bn", "1.1 billion dollars"),
            ("7-9 dead", "8 dead"),
        ] {
            let c = plain(l, r);
            assert!(
                c.left.iter().all(|m| m.agreement == Agreement::Agree)
                    && !c.left.is_empty()
                    && c.conflicts.is_empty(),
                "{l} / {r}: {c:#?}"
            );
        }
    }

    #[test]
    fn conflicts_by_kind_of_quantity() {
        for (l, r, want) in [
            (
                "410,000 customers",
                "3.2 million records",
                "records: 410,000 ↔ 3.2 million",
            ),
            ("on 15 March", "on 1 April", "date: 15 March ↔ 1 April"),
            ("at 02:40", "at 03:10", "time: 02:40 ↔ 03:10"),
            ("a 12% rise", "a 4% rise", "share: 12% ↔ 4%"),
            ("costs $1.1bn", "costs $900m", "cost: $1.1bn ↔ $900m"),
            (
                "for eight days",
                "for two weeks",
                "duration: 8 days ↔ 2 weeks",
            ),
            ("in 2025", "in 2026", "year: 2025 ↔ 2026"),
            ("7 buildings", "9 buildings", "buildings: 7 ↔ 9"),
            ("통행료 12% 인상", "통행료 인상은 4%", "share: 12% ↔ 4%"),
        ] {
            assert_eq!(lines(&plain(l, r)), vec![want], "{l} / {r}");
        }
        // Several values on a side are joined; with two dates on one side, a date that agrees
        // with nothing is only here (see `dated_alike`).
        let c = plain(
            "7 dead on 15 March, 9 dead by 16 March",
            "11 dead by 15 March",
        );
        assert_eq!(lines(&c), vec!["deaths: 7, 9 ↔ 11"]);
        assert_eq!(
            c.left.last().map(|m| m.agreement),
            Some(Agreement::OnlyHere)
        );
    }

    #[test]
    fn shared_significant_words_are_marked_on_both_sides() {
        let l = "The Pentagon weighs a withdrawal of troops from Korea";
        let r = "The ministry denies any talks on a troop withdrawal";
        let c = plain(l, r);
        assert_eq!(shared(l, &c.shared_left), vec!["withdrawal"]);
        assert_eq!(shared(r, &c.shared_right), vec!["withdrawal"]);
    }

    #[test]
    fn korean_words_are_compared_by_their_stem() {
        let (l, r) = ("통행료 12% 인상", "통행료 인상은 4%");
        let c = plain(l, r);
        assert_eq!(shared(l, &c.shared_left), vec!["통행료", "인상"]);
        assert_eq!(shared(r, &c.shared_right), vec!["통행료", "인상은"]);
    }

    #[test]
    fn figures_and_stop_words_are_not_shared_words() {
        let (l, r) = (
            "Seven died on 15 March, they said",
            "Seven died by 15 March, they said",
        );
        let c = plain(l, r);
        assert_eq!(shared(l, &c.shared_left), vec!["died"]);
    }

    #[test]
    fn words_in_most_of_the_briefing_are_not_evidence() {
        let texts = [
            "Acme says 410,000 customers were affected",
            "Acme customers received letters in March",
            "Regulators fined Acme over the breach of customers' data",
            "Acme denies that customers' passwords leaked",
            "Passwords were stored in plain text, the report says",
        ];
        let weights = WordWeights::from_texts(texts);
        assert_eq!(weights.texts(), 5);
        assert_eq!(weights.count("acme"), 4);
        assert!(weights.is_common("acme") && weights.is_common("customers"));
        assert!(!weights.is_common("passwords"));
        let c = compare(texts[3], texts[4], &weights);
        assert_eq!(shared(texts[3], &c.shared_left), vec!["passwords"]);
        let c = compare(texts[0], texts[1], &weights);
        assert!(
            c.shared_left.is_empty(),
            "{:?}",
            shared(texts[0], &c.shared_left)
        );
        // Without the weights, the company's name would count.
        let c = plain(texts[0], texts[1]);
        assert_eq!(shared(texts[0], &c.shared_left), vec!["Acme", "customers"]);
        // With fewer than four texts, nothing is too common.
        let few = WordWeights::from_texts(texts.iter().take(3).copied());
        assert!(!few.is_common("acme"));
    }

    #[test]
    fn a_big_briefing_is_weighed_on_an_even_sample() {
        // 10,000 claims: `acme` in every second, `harbour` in every tenth, `cargo` in the
        // 50 at the end only.
        let mut y = String::from("title: T\ndate: 2025-01-01\nclaims:\n");
        for i in 0..10_000 {
            let mut text = format!("Claim number {i} about ");
            text.push_str(if i % 2 == 0 { "acme " } else { "others " });
            if i % 10 == 0 {
                text.push_str("harbour ");
            }
            if i >= 9_950 {
                text.push_str("cargo ");
            }
            y.push_str(&format!("  - id: c{i}\n    text: {text}\n"));
        }
        y.push_str("responses: []\ncontext: []\n");
        let b = crate::briefing::load_str(&y).map(|l| l.briefing).unwrap();
        let w = WordWeights::of_briefing(&b);
        assert!(
            w.texts() <= SAMPLE * 6 / 5 && w.texts() >= SAMPLE / 2,
            "{}",
            w.texts()
        );
        let share = |word: &str| w.count(word) as f64 / w.texts() as f64;
        assert!((share("acme") - 0.5).abs() < 0.05, "{}", share("acme"));
        assert!(
            (share("harbour") - 0.1).abs() < 0.05,
            "{}",
            share("harbour")
        );
        assert!(w.is_common("acme") && w.is_common("claim"));
        assert!(!w.is_common("harbour") && !w.is_common("cargo"));
    }

    #[test]
    fn a_noun_after_a_modifier_still_measures() {
        let c = plain(
            "The attacker accessed 410,000 patient records.",
            "The breach exposed 3.2 million records.",
        );
        assert_eq!(lines(&c), vec!["records: 410,000 ↔ 3.2 million"]);
        let c = plain("7 civilian deaths", "11 civilian deaths");
        assert_eq!(lines(&c), vec!["deaths: 7 ↔ 11"]);
    }

    #[test]
    fn deaths_in_french_and_german_conflict() {
        let c = plain(
            "L'explosion a fait 9 morts",
            "Bei der Explosion wurden mindestens 8 Menschen getötet",
        );
        assert_eq!(lines(&c), vec!["deaths: 9 ↔ 8"]);
        // French time against English.
        let c = plain("L'explosion a eu lieu à 2 h 40", "The blast came at 02:40");
        assert_eq!(marks(&c.left), vec![Agreement::Agree]);
    }

    #[test]
    fn a_revised_toll_agrees_on_the_old_figure_and_conflicts_on_the_new() {
        let revised = "Officials revised the toll to 11 dead and 14 wounded, up from seven dead.";
        let first = "Seven people were killed.";
        let c = plain(revised, first);
        assert_eq!(
            marks(&c.left),
            vec![Agreement::Conflict, Agreement::OnlyHere, Agreement::Agree]
        );
        assert_eq!(marks(&c.right), vec![Agreement::Agree]);
        assert_eq!(lines(&c), vec!["deaths: 11 ↔ 7"]);
        let c = plain(first, revised);
        assert_eq!(marks(&c.left), vec![Agreement::Agree]);
        assert_eq!(lines(&c), vec!["deaths: 7 ↔ 11"]);
        assert_eq!(c.agreements(), vec!["deaths: 7"]);
    }

    #[test]
    fn agreements_keep_what_they_count() {
        let c = plain(
            "Seven people were killed on 15 March at 02:40; $1.1bn, 12%, 7 buildings, 8 days",
            "7 dead by 15 March at 02:40; 1.1 billion dollars, 12 per cent, 7 buildings, eight days",
        );
        assert_eq!(
            c.agreements(),
            vec![
                "deaths: 7",
                "15 March",
                "02:40",
                "$1.1bn",
                "12%",
                "buildings: 7",
                "8 days"
            ]
        );
    }

    #[test]
    fn ids_and_names_neither_agree_nor_conflict() {
        let c = plain(
            "Under Article 5 and UN resolution 2231, on route 66, Windows 11 and iPhone 15, ISO 9001",
            "Under Article 6 and UN resolution 2232, on route 67, Windows 10 and iPhone 14, ISO 9002",
        );
        assert!(c.left.is_empty() && c.right.is_empty(), "{c:#?}");
        let c = plain("the 3M company", "3 million people");
        assert!(c.left.is_empty());
        let c = plain("the 9/11 attacks, 24/7", "11 attacks, 7 days");
        assert!(c.left.is_empty() && c.conflicts.is_empty());
        let c = plain("␛[0m reset", "0 million");
        assert!(c.left.is_empty());
    }

    #[test]
    fn values_written_differently_agree() {
        for (l, r) in [
            ("half the vote", "50% of the vote"),
            ("three-quarters of members", "75% of members"),
            ("35‰", "3.5%"),
            ("€150,000", "150.000 €"),
            ("7.30pm", "19:30"),
            ("at noon", "at 12:00"),
            ("at midnight", "at 00:00"),
            ("USD 5 million", "$5m"),
            ("5 million USD", "$5m"),
            ("1 in 5", "one in five"),
            ("1 in 5", "20%"),
            ("half a million people", "500,000 people"),
            ("a quarter of a million troops", "250,000 soldiers"),
            ("7 000 soldiers", "7,000 troops"),
            ("one and a half million records", "1,5 millions records"),
            ("1.200 Menschen", "1,200 people"),
        ] {
            let c = plain(l, r);
            assert!(
                c.left.iter().all(|m| m.agreement == Agreement::Agree)
                    && !c.left.is_empty()
                    && c.conflicts.is_empty(),
                "{l} / {r}: {c:#?}"
            );
        }
        // Per mille against per cent can conflict too.
        assert_eq!(lines(&plain("35‰", "4%")), vec!["share: 35‰ ↔ 4%"]);
    }

    #[test]
    fn dates_of_different_events_do_not_conflict() {
        // One date each: they date the same thing.
        let c = plain("the strike on 15 March", "the strike on 17 March");
        assert_eq!(lines(&c), vec!["date: 15 March ↔ 17 March"]);
        // Several: the incident, the notice, the report.
        let c = plain(
            "The incident took place on 1 May; notice went out on 2 April and again on 9 April.",
            "The report was published on 20 May.",
        );
        assert!(c.conflicts.is_empty(), "{:?}", lines(&c));
        assert!(c
            .left
            .iter()
            .chain(&c.right)
            .all(|m| m.agreement == Agreement::OnlyHere));
        // Times likewise.
        assert_eq!(
            lines(&plain("at 02:40", "at 03:10")),
            vec!["time: 02:40 ↔ 03:10"]
        );
        let c = plain("struck at 02:40, reported at 09:00", "announced at 11:15");
        assert!(c.conflicts.is_empty());
        // And years.
        assert_eq!(
            lines(&plain("in 2025", "in 2026")),
            vec!["year: 2025 ↔ 2026"]
        );
        let c = plain(
            "fares unchanged since 2019; a 2024 shortfall",
            "the 2024 gap, the 2023 accounts",
        );
        assert!(c.conflicts.is_empty(), "{:?}", lines(&c));
        // A date that agrees does not make the other side's other dates conflict.
        let c = plain("on 15 March and 16 March", "by 15 March");
        assert_eq!(marks(&c.left), vec![Agreement::Agree, Agreement::OnlyHere]);
    }

    #[test]
    fn the_fast_path_for_many_figures_follows_the_same_rules() {
        let l = "7 dead. 35‰. ".repeat(600);
        let r = "7 dead. 11 dead. 3.5%. ".repeat(600);
        let c = plain(&l, &r);
        assert!(l.len() * r.len() > 0);
        assert_eq!(lines(&c), vec!["deaths: 7 ↔ 11"]);
        assert!(c.left.iter().all(|m| m.agreement == Agreement::Agree));
    }

    #[test]
    fn many_figures_still_compare() {
        let l = "7 dead. ".repeat(1_000);
        let r = "11 dead. ".repeat(1_000);
        let c = plain(&l, &r);
        assert_eq!(lines(&c), vec!["deaths: 7 ↔ 11"]);
    }
}
