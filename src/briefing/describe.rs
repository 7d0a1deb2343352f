//! Facts in words, in one place: how the reader, `print` and the Markdown export phrase a
//! source's reliability and interest, an item's credibility, a stance and what it answers, and
//! the flags on thin footing. Each rendering lays them out its own way; the words are these.

use super::analysis::{anonymous, single_source};
use super::model::{credibility_meaning, Interest, Reliability, Stance, Status};
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
    }
}
