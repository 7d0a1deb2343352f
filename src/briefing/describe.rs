//! Facts in words, in one place: how the reader, `print` and the Markdown export phrase a
//! source's reliability and interest, an item's credibility, a stance and what it answers, and
//! the flags on thin footing. Each rendering lays them out its own way; the words are these.

use super::analysis::{anonymous, single_source};
use super::model::{credibility_meaning, Interest, Reliability, Stance};
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

/// How thin an item's footing is: [`SINGLE_SOURCE`] and [`ANONYMOUS`]. Words, so they read
/// without colour.
pub fn flags(b: &Briefing, rel: &Relations, item: &Item, r: ItemRef) -> Vec<&'static str> {
    let mut out = Vec::new();
    if r.section == Section::Claims && single_source(b, rel, r.index) {
        out.push(SINGLE_SOURCE);
    }
    if anonymous(item) {
        out.push(ANONYMOUS);
    }
    out
}

/// What a flag means, in a sentence.
pub fn flag_meaning(flag: &str) -> &'static str {
    match flag {
        SINGLE_SOURCE => "rests on one source: no other source confirms it",
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
