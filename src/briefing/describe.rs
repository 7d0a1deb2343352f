//! Facts in words, in one place: how the reader, `print` and the Markdown export phrase a
//! source's reliability and interest, an item's credibility, a stance and what it answers, and
//! the flags on thin footing. Each rendering lays them out its own way; the words are these.

use super::analysis::{anonymous, single_source};
use super::model::{credibility_meaning, Date, Interest, Reliability, Stance, Status};
use super::provenance::origins;
use super::{Briefing, Item, ItemRef, Relations, Section};

/// `reliability B (usually reliable)`.
pub fn reliability(r: Reliability) -> String {
    format!("reliability {}", reliability_value(r))
}

/// `B (usually reliable)`, where a label already says what it is.
pub fn reliability_value(r: Reliability) -> String {
    format!("{} ({})", r.word(), r.meaning())
}

/// `a party to the story`, `not a party to the story`.
pub fn interest(i: Interest) -> &'static str {
    match i {
        Interest::Party => "a party to the story",
        Interest::None => "not a party to the story",
    }
}

/// `party (a party to the story)`, where a label already says what it is.
pub fn interest_value(i: Interest) -> String {
    format!("{} ({})", i.word(), interest(i))
}

/// `3 (possibly true)`: an item's Admiralty credibility.
pub fn credibility(c: u8) -> String {
    format!("{c} ({})", credibility_meaning(c))
}

/// `± disputes c1, c2`: a response's stance toward the claims it answers.
pub fn stance_toward(stance: Stance, targets: &[String]) -> String {
    format!(
        "{} {} {}",
        stance.glyph(),
        stance.word(),
        targets.join(", ")
    )
}

/// `✗ denied by Ministry of Defence`: how a claim was answered, and by whom.
pub fn answered_by(stance: Stance, who: &str) -> String {
    format!("{} {} by {who}", stance.glyph(), stance.participle())
}

/// An item's grade: its source's reliability and its own credibility, Admiralty style (`B3`;
/// `B?` or `?3` when the file gives one of them; None when it gives neither).
pub fn grade(b: &Briefing, item: &Item) -> Option<String> {
    let reliability = item
        .source
        .as_deref()
        .and_then(|s| b.source(s))
        .and_then(|s| s.reliability);
    match (reliability, item.credibility) {
        (None, None) => None,
        (r, c) => Some(format!(
            "{}{}",
            r.map_or("?", |r| r.word()),
            c.map_or("?".to_string(), |c| c.to_string())
        )),
    }
}

/// `22 May 2025`: a date written out, day first, the way a citation reads.
pub fn long_date(d: Date) -> String {
    let month = super::figures::MONTH_NAMES
        .get(usize::from(d.month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day, d.year)
}

/// How to cite an item in a sentence: `The Wall Street Journal, 22 May 2025, citing unnamed US
/// defence officials — B3`. The source's name (its id when the file lists no such source), the
/// date, the attribution and the grade as the reader shows it, each left out when the item has
/// none; an item with none of them is cited by its id. The texts are the file's, unsanitised:
/// the caller decides how they travel.
pub fn citation(b: &Briefing, item: &Item) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(id) = &item.source {
        parts.push(b.source(id).map_or(id.clone(), |s| s.name.clone()));
    }
    if let Some(d) = item.date {
        parts.push(long_date(d));
    }
    if let Some(a) = &item.attribution {
        parts.push(format!("citing {}", a.trim()));
    }
    let mut out = if parts.is_empty() {
        item.id.clone()
    } else {
        parts.join(", ")
    };
    if let Some(g) = grade(b, item) {
        out.push_str(" — ");
        out.push_str(&g);
    }
    out
}

/// The flag of a claim no other source confirms.
pub const SINGLE_SOURCE: &str = "1 source";
/// The flag of an item whose attribution names no one.
pub const ANONYMOUS: &str = "anonymous";
/// The flag of a claim whose sources cite each other.
pub const CIRCULAR: &str = "circular reporting";

/// One word on how thin an item's footing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// The claim rests on its own source alone: [`SINGLE_SOURCE`].
    SingleSource,
    /// More sources than independent origins confirm the claim: `3 sources · 1 origin`.
    Origins { sources: usize, origins: usize },
    /// Two of the claim's sources cite each other: [`CIRCULAR`].
    Circular,
    /// The attribution names no one: [`ANONYMOUS`].
    Anonymous,
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Flag::SingleSource => f.write_str(SINGLE_SOURCE),
            Flag::Origins { sources, origins } => {
                let s = if *origins == 1 { "" } else { "s" };
                write!(f, "{sources} sources · {origins} origin{s}")
            }
            Flag::Circular => f.write_str(CIRCULAR),
            Flag::Anonymous => f.write_str(ANONYMOUS),
        }
    }
}

impl Flag {
    /// What the flag means for `item`, in a sentence that follows the author: a claim the
    /// author marked `confirmed` is not told that nothing confirms it.
    pub fn meaning(&self, item: &Item) -> String {
        let confirmed = item.status == Some(Status::Confirmed);
        match self {
            Flag::SingleSource if confirmed => {
                "confirmed by the author; one origin in this briefing".into()
            }
            Flag::SingleSource => "rests on one source: no other source confirms it".into(),
            Flag::Origins { sources, origins } => {
                let lead = if confirmed {
                    "confirmed by the author; "
                } else {
                    ""
                };
                let n = if *origins == 1 {
                    "one origin".to_string()
                } else {
                    format!("{origins} independent origins")
                };
                format!(
                    "{lead}{sources} sources, {n} in this briefing: some came through the others"
                )
            }
            Flag::Circular => "circular reporting: its sources cite each other".into(),
            Flag::Anonymous => "anonymous: the attribution names no one".into(),
        }
    }
}

/// How thin an item's footing is: one source, fewer origins than sources, circular reporting,
/// anonymity. Words, so they read without colour.
pub fn flags(b: &Briefing, rel: &Relations, item: &Item, r: ItemRef) -> Vec<Flag> {
    let mut out = Vec::new();
    if r.section == Section::Claims {
        if single_source(b, rel, r.index) {
            out.push(Flag::SingleSource);
        } else {
            let o = origins(b, rel, r.index);
            if o.count() < o.sources.len() {
                out.push(Flag::Origins {
                    sources: o.sources.len(),
                    origins: o.count(),
                });
            }
            if !o.circular.is_empty() {
                out.push(Flag::Circular);
            }
        }
    }
    if anonymous(item) {
        out.push(Flag::Anonymous);
    }
    out
}

/// What a flag's words mean, in a sentence (for a claim the author has not confirmed).
pub fn flag_meaning(flag: &str) -> &'static str {
    match flag {
        SINGLE_SOURCE => "rests on one source: no other source confirms it",
        CIRCULAR => "circular reporting: its sources cite each other",
        _ => "anonymous: the attribution names no one",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_the_same_everywhere() {
        assert_eq!(
            reliability(Reliability::B),
            "reliability B (usually reliable)"
        );
        assert_eq!(
            reliability_value(Reliability::F),
            "F (reliability cannot be judged)"
        );
        assert_eq!(
            interest_value(Interest::Party),
            "party (a party to the story)"
        );
        assert_eq!(
            interest_value(Interest::None),
            "none (not a party to the story)"
        );
        assert_eq!(credibility(3), "3 (possibly true)");
        let targets = ["c1".to_string(), "c2".to_string()];
        assert_eq!(stance_toward(Stance::Denies, &targets), "✗ denies c1, c2");
        assert_eq!(answered_by(Stance::Denies, "MND"), "✗ denied by MND");
        let d = |s| {
            Date::parse(s).unwrap_or(Date {
                year: 0,
                month: 0,
                day: 0,
            })
        };
        assert_eq!(long_date(d("2025-05-22")), "22 May 2025");
        assert_eq!(long_date(d("2024-02-29")), "29 February 2024");
        assert_eq!(long_date(d("2025-12-01")), "1 December 2025");
    }

    #[test]
    fn a_citation_names_the_source_the_date_who_is_cited_and_the_grade() {
        let text = crate::bundled::BUNDLED
            .iter()
            .find(|(n, _)| *n == "korea-troops.yaml")
            .map(|(_, t)| *t)
            .unwrap_or_default();
        let loaded = crate::briefing::load_str(text).unwrap();
        let b = &loaded.briefing;
        let claim = b.claims.first().unwrap();
        assert_eq!(
            citation(b, claim),
            "The Wall Street Journal, 22 May 2025, citing unnamed US defence officials \
             familiar with the discussions — B3"
        );
        // Fields the item lacks are left out; with none of them, the id stands for it.
        let mut bare = claim.clone();
        bare.source = None;
        bare.attribution = None;
        bare.date = None;
        bare.credibility = None;
        assert_eq!(citation(b, &bare), "withdrawal-option");
        bare.credibility = Some(2);
        assert_eq!(citation(b, &bare), "withdrawal-option — ?2");
        let mut unknown = claim.clone();
        unknown.source = Some("nobody".into());
        unknown.attribution = None;
        assert_eq!(citation(b, &unknown), "nobody, 22 May 2025 — ?3");
    }
}
