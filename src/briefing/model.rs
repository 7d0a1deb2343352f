//! The briefing as the rest of the program sees it: plain data, already validated.
//!
//! Nothing here knows about YAML or terminals. The loader builds these values; the validator has
//! already rejected anything that would break the invariants documented on each type.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;

/// The id tables' hasher: foldhash, seeded per process (several times faster than SipHash on
/// ids, and as unguessable to a file that would choose colliding ones).
type RandomState = foldhash::fast::RandomState;

/// The three sections a briefing item can live in, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Claims,
    Responses,
    Context,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Claims, Section::Responses, Section::Context];

    /// The YAML key of the section.
    pub fn key(self) -> &'static str {
        match self {
            Section::Claims => "claims",
            Section::Responses => "responses",
            Section::Context => "context",
        }
    }

    /// The heading shown to users ("Claims").
    pub fn title(self) -> &'static str {
        match self {
            Section::Claims => "Claims",
            Section::Responses => "Responses",
            Section::Context => "Context",
        }
    }

    /// The name of one item of the section ("claim").
    pub fn singular(self) -> &'static str {
        match self {
            Section::Claims => "claim",
            Section::Responses => "response",
            Section::Context => "context",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Section {
        match i {
            0 => Section::Claims,
            1 => Section::Responses,
            _ => Section::Context,
        }
    }
}

/// A calendar date (proleptic Gregorian), always a real day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, accepting only real calendar days.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let year = digits(0..4)? as i32;
        let month = digits(5..7)? as u8;
        let day = digits(8..10)? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), for differences between dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Declares a closed set of lower-case words as an enum with its spelling in one place.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word used in the file format.
            pub fn word(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($word => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.word())
            }
        }

        /// For `brief schema`: a string, one of [`Self::WORDS`].
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": Self::WORDS })
            }
        }
    };
}

word_enum!(
    /// What kind of body a source is.
    SourceKind { Media => "media", Government => "government", Official => "official",
        Agency => "agency", Analyst => "analyst", Other => "other" }
);

word_enum!(
    /// Where a claim stands.
    Status { Reported => "reported", Confirmed => "confirmed", Denied => "denied",
        Disputed => "disputed", Unverified => "unverified" }
);

word_enum!(
    /// How a response answers the claims it responds to.
    Stance { Denies => "denies", Disputes => "disputes", Confirms => "confirms",
        Clarifies => "clarifies", Declines => "declines" }
);

word_enum!(
    /// Admiralty-scale reliability of a source.
    Reliability { A => "A", B => "B", C => "C", D => "D", E => "E", F => "F" }
);

word_enum!(
    /// Whether a source is a party to the story.
    Interest { Party => "party", None => "none" }
);

word_enum!(
    /// How likely a judgment is, in the words of ICD 203 (Analytic Standards), least first.
    Likelihood { AlmostNoChance => "almost-no-chance", VeryUnlikely => "very-unlikely",
        Unlikely => "unlikely", RoughlyEvenChance => "roughly-even-chance", Likely => "likely",
        VeryLikely => "very-likely", AlmostCertain => "almost-certain" }
);

word_enum!(
    /// The author's confidence in a judgment.
    Confidence { Low => "low", Moderate => "moderate", High => "high" }
);

impl Likelihood {
    /// The words as a reader reads them: `very likely`.
    pub fn phrase(self) -> &'static str {
        match self {
            Likelihood::AlmostNoChance => "almost no chance",
            Likelihood::VeryUnlikely => "very unlikely",
            Likelihood::Unlikely => "unlikely",
            Likelihood::RoughlyEvenChance => "roughly even chance",
            Likelihood::Likely => "likely",
            Likelihood::VeryLikely => "very likely",
            Likelihood::AlmostCertain => "almost certain",
        }
    }

    /// The ICD 203 band, in percent.
    pub fn band(self) -> &'static str {
        match self {
            Likelihood::AlmostNoChance => "01-05%",
            Likelihood::VeryUnlikely => "05-20%",
            Likelihood::Unlikely => "20-45%",
            Likelihood::RoughlyEvenChance => "45-55%",
            Likelihood::Likely => "55-80%",
            Likelihood::VeryLikely => "80-95%",
            Likelihood::AlmostCertain => "95-99%",
        }
    }
}

impl Stance {
    /// Denials and disputes contradict the claims they answer; the other stances are relations.
    pub fn contradicts(self) -> bool {
        matches!(self, Stance::Denies | Stance::Disputes)
    }

    /// A glyph readable without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Stance::Confirms => "✓",
            Stance::Denies => "✗",
            Stance::Disputes => "±",
            Stance::Clarifies => "~",
            Stance::Declines => "∅",
        }
    }

    /// The past participle, as in "denied by …".
    pub fn participle(self) -> &'static str {
        match self {
            Stance::Denies => "denied",
            Stance::Disputes => "disputed",
            Stance::Confirms => "confirmed",
            Stance::Clarifies => "clarified",
            Stance::Declines => "declined to comment",
        }
    }
}

impl Reliability {
    pub fn meaning(self) -> &'static str {
        match self {
            Reliability::A => "completely reliable",
            Reliability::B => "usually reliable",
            Reliability::C => "fairly reliable",
            Reliability::D => "not usually reliable",
            Reliability::E => "unreliable",
            Reliability::F => "reliability cannot be judged",
        }
    }
}

/// Admiralty-scale credibility of an item's information, 1 to 6.
pub fn credibility_meaning(c: u8) -> &'static str {
    match c {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

/// A 1-based position in the source file. `line == 0` means unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: Option<SourceKind>,
    pub url: Option<String>,
    pub reliability: Option<Reliability>,
    pub interest: Option<Interest>,
    pub pos: Pos,
}

/// One claim, response or context item. Section-specific fields are empty elsewhere:
/// `status` only on claims; `stance` (always set) and `responds_to` (never empty) only on responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub section: Section,
    pub id: String,
    pub text: String,
    pub source: Option<String>,
    pub attribution: Option<String>,
    pub date: Option<Date>,
    pub status: Option<Status>,
    pub stance: Option<Stance>,
    pub responds_to: Vec<String>,
    pub credibility: Option<u8>,
    pub quote: Option<String>,
    pub url: Option<String>,
    /// The outlets it reached the briefing through, nearest first (source ids).
    pub via: Vec<String>,
    /// The author's word on whether the attribution hides the speaker (None: detect it).
    pub anonymous: Option<bool>,
    /// Claims only: a short title for the claim (ClaimReview's `claimReviewed`).
    pub headline: Option<String>,
    /// Where the item starts in the file (its `-` line), for editors and diagnostics.
    pub pos: Pos,
}

/// A key judgment of the author's (ICD 203): kept apart from the information it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgment {
    pub id: String,
    pub text: String,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<Confidence>,
    /// Item ids the judgment rests on (all exist: the validator refuses others).
    pub rests_on: Vec<String>,
    /// Item ids that speak against it.
    pub against: Vec<String>,
    pub assumptions: Vec<String>,
    pub pos: Pos,
}

/// A contradiction the author declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub between: [String; 2],
    pub note: Option<String>,
    pub pos: Pos,
}

/// Refers to one item: its section and index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub section: Section,
    pub index: usize,
}

impl ItemRef {
    pub fn new(section: Section, index: usize) -> ItemRef {
        ItemRef { section, index }
    }
}

#[derive(Debug, Clone)]
pub struct Briefing {
    pub title: String,
    pub date: Date,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    pub claims: Vec<Item>,
    pub responses: Vec<Item>,
    pub context: Vec<Item>,
    pub contradictions: Vec<Declared>,
    /// The author's key judgments, in file order.
    pub judgments: Vec<Judgment>,
    /// Where the briefing is published (set after [`Briefing::new`]; None by default).
    pub url: Option<String>,
    /// Who publishes the briefing (set after [`Briefing::new`]; None by default).
    pub publisher: Option<String>,
    ids: IdIndex,
    source_ids: HashMap<String, usize, RandomState>,
}

/// Items by id without a second copy of the ids: an open-addressing table of item numbers
/// (claims, then responses, then context), compared against the items' own ids. A `HashMap`
/// keyed by cloned ids took ~90 bytes an item; this takes 8 at most. The hasher is keyed at
/// random, as `HashMap`'s is, so a file cannot choose ids that collide.
#[derive(Debug, Clone, Default)]
struct IdIndex {
    /// Item number + 1; 0 is an empty slot. The length is a power of two, at most half full.
    slots: Vec<u32>,
    hasher: RandomState,
}

impl IdIndex {
    fn slot(&self, id: &str) -> usize {
        // The length is a power of two: the mask keeps the low bits of the hash.
        (self.hasher.hash_one(id) as usize) & self.slots.len().wrapping_sub(1)
    }
}

impl Briefing {
    /// Builds the indexes. The loader calls this once validation has passed.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        title: String,
        date: Date,
        summary: Option<String>,
        tags: Vec<String>,
        sources: Vec<Source>,
        claims: Vec<Item>,
        responses: Vec<Item>,
        context: Vec<Item>,
        contradictions: Vec<Declared>,
    ) -> Briefing {
        let mut b = Briefing {
            title,
            date,
            summary,
            tags,
            sources,
            claims,
            responses,
            context,
            contradictions,
            judgments: Vec::new(),
            url: None,
            publisher: None,
            ids: IdIndex::default(),
            source_ids: HashMap::default(),
        };
        b.reindex();
        b
    }

    /// The briefing with these key judgments.
    pub fn with_judgments(mut self, judgments: Vec<Judgment>) -> Briefing {
        self.judgments = judgments;
        self
    }

    /// The same briefing with other items and declared contradictions: what the file says of
    /// itself (title, date, summary, tags, sources, judgments, url, publisher) stays. A view
    /// that leaves items out (a source hidden, a filter) builds its briefing with this.
    pub fn with_items(
        &self,
        claims: Vec<Item>,
        responses: Vec<Item>,
        context: Vec<Item>,
        contradictions: Vec<Declared>,
    ) -> Briefing {
        let mut b = Briefing::new(
            self.title.clone(),
            self.date,
            self.summary.clone(),
            self.tags.clone(),
            self.sources.clone(),
            claims,
            responses,
            context,
            contradictions,
        )
        .with_judgments(self.judgments.clone());
        b.url = self.url.clone();
        b.publisher = self.publisher.clone();
        b
    }

    fn reindex(&mut self) {
        // Numbers must fit the slots; more items than that is far past any file accepted.
        let n = self.item_count().min(u32::MAX as usize - 1);
        let mut ids = IdIndex {
            slots: vec![0; (n * 2).next_power_of_two().max(8)],
            hasher: RandomState::default(),
        };
        for (number, (_, item)) in self.items().enumerate().take(n) {
            let mut at = ids.slot(&item.id);
            // Linear probing; the first item with an id keeps it, as the validator reports.
            loop {
                match ids.slots.get(at).copied() {
                    Some(0) => {
                        if let Some(slot) = ids.slots.get_mut(at) {
                            *slot = number as u32 + 1;
                        }
                        break;
                    }
                    Some(other) => {
                        let same = self
                            .nth_item(other as usize - 1)
                            .is_some_and(|(_, o)| o.id == item.id);
                        if same {
                            break;
                        }
                        at = (at + 1) & (ids.slots.len() - 1);
                    }
                    None => break,
                }
            }
        }
        self.ids = ids;
        self.source_ids = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
    }

    pub fn section(&self, section: Section) -> &[Item] {
        match section {
            Section::Claims => &self.claims,
            Section::Responses => &self.responses,
            Section::Context => &self.context,
        }
    }

    pub fn item(&self, r: ItemRef) -> Option<&Item> {
        self.section(r.section).get(r.index)
    }

    pub fn find(&self, id: &str) -> Option<ItemRef> {
        if self.ids.slots.is_empty() {
            return None;
        }
        let mut at = self.ids.slot(id);
        // At most half the slots are full, so an empty one ends every probe.
        loop {
            match self.ids.slots.get(at).copied() {
                Some(0) | None => return None,
                Some(number) => match self.nth_item(number as usize - 1) {
                    Some((r, item)) if item.id == id => return Some(r),
                    _ => at = (at + 1) & (self.ids.slots.len() - 1),
                },
            }
        }
    }

    /// The `n`th item in reading order (claims, responses, context).
    fn nth_item(&self, n: usize) -> Option<(ItemRef, &Item)> {
        let mut n = n;
        for section in Section::ALL {
            let items = self.section(section);
            match items.get(n) {
                Some(item) => return Some((ItemRef::new(section, n), item)),
                None => n -= items.len(),
            }
        }
        None
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_ids.get(id).and_then(|&i| self.sources.get(i))
    }

    /// The display name of an item's source, if it has one.
    pub fn source_name<'a>(&'a self, item: &'a Item) -> Option<&'a str> {
        let id = item.source.as_deref()?;
        Some(self.source(id).map_or(id, |s| s.name.as_str()))
    }

    pub fn item_count(&self) -> usize {
        self.claims.len() + self.responses.len() + self.context.len()
    }

    /// Every item in reading order: claims, responses, context.
    pub fn items(&self) -> impl Iterator<Item = (ItemRef, &Item)> {
        Section::ALL.into_iter().flat_map(move |s| {
            self.section(s)
                .iter()
                .enumerate()
                .map(move |(i, item)| (ItemRef::new(s, i), item))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_days() {
        assert_eq!(
            Date::parse("2025-05-23"),
            Some(Date {
                year: 2025,
                month: 5,
                day: 23
            })
        );
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2026-13-45"), None);
        assert_eq!(Date::parse("2025-5-23"), None);
        assert_eq!(Date::parse("2025-05-23T10:00"), None);
        assert_eq!(Date::parse("２０２５-05-23"), None);
        assert_eq!(Date::parse("2025-00-10"), None);
    }

    #[test]
    fn day_differences() {
        let a = Date::parse("2025-05-22").map(Date::days_since_epoch);
        let b = Date::parse("2025-05-23").map(Date::days_since_epoch);
        assert_eq!(b.zip(a).map(|(b, a)| b - a), Some(1));
        assert_eq!(
            Date::parse("1970-01-01").map(Date::days_since_epoch),
            Some(0)
        );
        assert_eq!(
            Date::parse("2000-03-01").map(Date::days_since_epoch),
            Some(11017)
        );
    }

    #[test]
    fn words_round_trip() {
        for s in Stance::ALL {
            assert_eq!(Stance::parse(s.word()), Some(*s));
        }
        assert_eq!(Stance::parse("refutes"), None);
        assert_eq!(Reliability::parse("b"), None);
        assert!(Stance::Denies.contradicts() && Stance::Disputes.contradicts());
        assert!(
            !Stance::Confirms.contradicts()
                && !Stance::Clarifies.contradicts()
                && !Stance::Declines.contradicts()
        );
    }

    #[test]
    fn find_takes_the_first_item_with_an_id() {
        let item = |section, id: String| Item {
            section,
            id,
            text: String::new(),
            source: None,
            attribution: None,
            date: None,
            status: None,
            stance: None,
            responds_to: Vec::new(),
            credibility: None,
            quote: None,
            url: None,
            via: Vec::new(),
            anonymous: None,
            headline: None,
            pos: Pos::default(),
        };
        let date = Date {
            year: 2025,
            month: 1,
            day: 1,
        };
        let b = Briefing::new(
            "t".into(),
            date,
            None,
            Vec::new(),
            Vec::new(),
            vec![
                item(Section::Claims, "a".into()),
                item(Section::Claims, "b".into()),
            ],
            vec![item(Section::Responses, "a".into())],
            (0..100)
                .map(|i| item(Section::Context, format!("x{i}")))
                .collect(),
            Vec::new(),
        );
        assert_eq!(b.find("a"), Some(ItemRef::new(Section::Claims, 0)));
        assert_eq!(b.find("b"), Some(ItemRef::new(Section::Claims, 1)));
        for i in 0..100 {
            assert_eq!(
                b.find(&format!("x{i}")),
                Some(ItemRef::new(Section::Context, i))
            );
        }
        assert_eq!(b.find("x100"), None);
        assert_eq!(b.find(""), None);
        let empty = Briefing::new(
            "t".into(),
            date,
            None,
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(empty.find("a"), None);
    }
}
