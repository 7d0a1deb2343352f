//! Key judgments: the words of their texts checked against their fields, and their sensitivity
//! to each source (what hiding it takes from them). Knows nothing of terminals.
//!
//! Definitions (docs/format.md gives them to authors):
//! - A judgment's text **states a likelihood** when it holds one of [`LIKELIHOOD_WORDS`] on word
//!   boundaries, the longest phrase winning (`very unlikely` is not also `likely`). `check`
//!   warns when a stated likelihood is not the judgment's `likelihood`.
//! - A **sentence** runs to `.`, `!`, `?`, `;`, `。` or `؟`. A sentence **mixes likelihood and
//!   confidence** when it states a likelihood and also holds one of [`CONFIDENCE_WORDS`]
//!   ("we are highly confident it is likely…"): ICD 203 keeps the two apart, the likelihood in
//!   the words, the confidence in its own field or sentence.
//! - Hiding a source **removes** an item when the item is the source's, or is a response all of
//!   whose claims are the source's (what `x` hides). A judgment is **unsupported** by the
//!   hiding when every item it rests on goes, **weakened** when some do.

use super::analysis::{marker_at, marker_spans};
use super::model::{Briefing, Item, Judgment, Likelihood, Section};

/// Phrases that state a likelihood, lower case, with the level each states (ICD 203's words
/// and their usual synonyms).
pub const LIKELIHOOD_WORDS: &[(&str, Likelihood)] = &[
    ("almost no chance", Likelihood::AlmostNoChance),
    ("remote", Likelihood::AlmostNoChance),
    ("remotely", Likelihood::AlmostNoChance),
    ("very unlikely", Likelihood::VeryUnlikely),
    ("highly unlikely", Likelihood::VeryUnlikely),
    ("highly improbable", Likelihood::VeryUnlikely),
    ("unlikely", Likelihood::Unlikely),
    ("improbable", Likelihood::Unlikely),
    ("improbably", Likelihood::Unlikely),
    ("roughly even chance", Likelihood::RoughlyEvenChance),
    ("roughly even odds", Likelihood::RoughlyEvenChance),
    ("even chance", Likelihood::RoughlyEvenChance),
    ("likely", Likelihood::Likely),
    ("probable", Likelihood::Likely),
    ("probably", Likelihood::Likely),
    ("very likely", Likelihood::VeryLikely),
    ("highly likely", Likelihood::VeryLikely),
    ("highly probable", Likelihood::VeryLikely),
    ("almost certain", Likelihood::AlmostCertain),
    ("almost certainly", Likelihood::AlmostCertain),
    ("nearly certain", Likelihood::AlmostCertain),
    ("nearly certainly", Likelihood::AlmostCertain),
];

/// Words that speak of confidence, lower case.
pub const CONFIDENCE_WORDS: &[&str] = &[
    "confident",
    "confidence",
    "confidently",
    "high confidence",
    "moderate confidence",
    "low confidence",
];

/// The likelihood phrases of `text` (lower-cased), longest first where they overlap, in order.
fn stated(text: &str) -> Vec<(usize, &'static str, Likelihood)> {
    let mut found: Vec<(usize, usize, &'static str, Likelihood)> = Vec::new();
    for &(phrase, level) in LIKELIHOOD_WORDS {
        for r in marker_spans(text, phrase) {
            found.push((r.start, r.end, phrase, level));
        }
    }
    found.sort_by_key(|&(s, e, _, _)| (std::cmp::Reverse(e - s), s));
    let mut kept: Vec<(usize, usize, &'static str, Likelihood)> = Vec::new();
    for f in found {
        if kept.iter().all(|k| f.1 <= k.0 || f.0 >= k.1) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|k| k.0);
    kept.into_iter().map(|(s, _, p, l)| (s, p, l)).collect()
}

/// What `check` says about a judgment's text: each likelihood phrase that disagrees with
/// `likelihood`, and each sentence that mixes likelihood and confidence.
pub fn text_problems(text: &str, likelihood: Option<Likelihood>) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let phrases = stated(&lower);
    if let Some(l) = likelihood {
        let mut told: Vec<&str> = Vec::new();
        for (_, phrase, level) in &phrases {
            if *level != l && !told.contains(phrase) {
                told.push(phrase);
                out.push(format!(
                    "the text says “{phrase}” ({}), but its likelihood is {}",
                    level.word(),
                    l.word()
                ));
            }
        }
    }
    let mut start = 0;
    for (end, _) in lower
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | '!' | '?' | ';' | '。' | '؟'))
        .chain(std::iter::once((lower.len(), ' ')))
    {
        let sentence = lower.get(start..end).unwrap_or("");
        let likely = phrases.iter().find(|(i, _, _)| (start..end).contains(i));
        let confident = CONFIDENCE_WORDS.iter().find(|w| marker_at(sentence, w));
        if let (Some((_, phrase, _)), Some(word)) = (likely, confident) {
            out.push(format!(
                "one sentence mixes likelihood (“{phrase}”) and confidence (“{word}”); say how likely in the text and how confident in `confidence`"
            ));
        }
        start = end + 1;
    }
    out
}

/// What hiding a source does to a judgment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Some of the items it rests on go.
    Weakened,
    /// Every item it rests on goes.
    Unsupported,
}

impl Effect {
    pub fn word(self) -> &'static str {
        match self {
            Effect::Weakened => "weakened",
            Effect::Unsupported => "unsupported",
        }
    }
}

/// Whether hiding `source` (what `x` does) removes `item` from `b`.
pub fn removed_by(b: &Briefing, item: &Item, source: &str) -> bool {
    if item.source.as_deref() == Some(source) {
        return true;
    }
    if item.section != Section::Responses {
        return false;
    }
    !item.responds_to.iter().any(|t| {
        b.find(t)
            .and_then(|r| b.item(r))
            .is_some_and(|c| c.source.as_deref() != Some(source))
    })
}

/// What hiding `source` does to judgment `j` of `b`: None when none of its support goes (or it
/// rests on nothing).
pub fn effect(b: &Briefing, j: &Judgment, source: &str) -> Option<Effect> {
    let items: Vec<&Item> = j
        .rests_on
        .iter()
        .filter_map(|id| b.find(id).and_then(|r| b.item(r)))
        .collect();
    let gone = items.iter().filter(|i| removed_by(b, i, source)).count();
    match gone {
        0 => None,
        g if g == items.len() => Some(Effect::Unsupported),
        _ => Some(Effect::Weakened),
    }
}

/// Judgments × origins: what hiding each source the judgments rest on does to each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sensitivity {
    /// The sources of the items judgments rest on, in the order of `sources:`.
    pub origins: Vec<String>,
    /// One row per judgment (file order), one cell per origin.
    pub rows: Vec<Vec<Option<Effect>>>,
}

impl Sensitivity {
    pub fn derive(b: &Briefing) -> Sensitivity {
        let used: Vec<&str> = b
            .judgments
            .iter()
            .flat_map(|j| j.rests_on.iter())
            .filter_map(|id| b.find(id).and_then(|r| b.item(r)))
            .filter_map(|i| i.source.as_deref())
            .collect();
        let origins: Vec<String> = b
            .sources
            .iter()
            .filter(|s| used.contains(&s.id.as_str()))
            .map(|s| s.id.clone())
            .collect();
        let rows = b
            .judgments
            .iter()
            .map(|j| origins.iter().map(|o| effect(b, j, o)).collect())
            .collect();
        Sensitivity { origins, rows }
    }

    /// The one origin judgment `row` depends on (hiding it leaves the judgment unsupported);
    /// None when no single origin does, or more than one does alone.
    pub fn depends_on(&self, row: usize) -> Option<&str> {
        let cells = self.rows.get(row)?;
        let mut it = cells
            .iter()
            .zip(&self.origins)
            .filter(|(e, _)| **e == Some(Effect::Unsupported))
            .map(|(_, o)| o.as_str());
        let first = it.next()?;
        it.next().is_none().then_some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_likelihood_phrase_wins() {
        let got: Vec<Likelihood> = stated("it is very unlikely, though likely enough")
            .into_iter()
            .map(|(_, _, l)| l)
            .collect();
        assert_eq!(got, vec![Likelihood::VeryUnlikely, Likelihood::Likely]);
        assert!(
            stated("the unlikeliest outcome").is_empty(),
            "word boundaries"
        );
        assert!(stated("a remoteness").is_empty());
    }

    #[test]
    fn a_disagreeing_likelihood_word_is_told() {
        let p = text_problems(
            "Seoul will almost certainly keep the deal.",
            Some(Likelihood::Unlikely),
        );
        assert_eq!(
            p,
            vec![
                "the text says “almost certainly” (almost-certain), but its likelihood is unlikely"
            ]
        );
        assert!(text_problems(
            "Seoul will almost certainly keep the deal.",
            Some(Likelihood::AlmostCertain)
        )
        .is_empty());
        assert!(text_problems("No word of odds here.", Some(Likelihood::Likely)).is_empty());
    }

    #[test]
    fn likelihood_and_confidence_in_one_sentence_are_told_apart_from_two() {
        let mixed = text_problems(
            "We are highly confident it is likely to happen.",
            Some(Likelihood::Likely),
        );
        assert_eq!(mixed.len(), 1, "{mixed:?}");
        assert!(mixed[0].contains("“likely”") && mixed[0].contains("“confident”"));
        let apart = text_problems(
            "It is likely to happen. We have moderate confidence in that.",
            Some(Likelihood::Likely),
        );
        assert!(apart.is_empty(), "{apart:?}");
    }
}
