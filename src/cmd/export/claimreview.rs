//! `export --format claimreview`: schema.org ClaimReview JSON-LD, one self-contained object per
//! claim that has a status, with the fields Google's Fact Check markup requires (`url`,
//! `claimReviewed`, `reviewRating.alternateName`, `author`) and recommends (`datePublished`,
//! `itemReviewed` as a `Claim` with its `author`, `datePublished` and `appearance`, a numeric
//! rating on a published scale).
//!
//! The rating's words say where the claim stands, as the file says it, never a verdict it does
//! not give: a claim the ministry denies is "Denied by Ministry of National Defense", not "False".
//! The numbers are the item's Admiralty credibility turned round onto 1–5 (see [`rating_value`]);
//! a claim without a credibility, or of credibility 6 ("truth cannot be judged"), has the words
//! and no number.

use serde_json::{json, Map, Value};

use crate::briefing::diagnostic::Diagnostic;
use crate::briefing::model::{Briefing, Item, Pos, SourceKind, Stance, Status};
use crate::briefing::relations::Relations;

/// The 1–5 rating of an Admiralty credibility: 1 (confirmed by other sources) is 5, the best;
/// 5 (improbable) is 1, the worst; 6 (truth cannot be judged) has no place on the scale.
pub fn rating_value(credibility: u8) -> Option<u8> {
    (1..=5).contains(&credibility).then(|| 6 - credibility)
}

/// Text on one line: runs of white space (a folded block's line breaks) as one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a URL from the file may be given to a fact-check consumer as a link: an `http`,
/// `https` or `mailto` URL with no control, white-space or bidi character (what `o` opens);
/// `javascript:` and the rest are left out.
pub(crate) fn web_url(url: &str) -> bool {
    crate::opener::check(url).is_ok()
}

/// Names joined as a sentence lists them: "A", "A and B", "A, B and C".
fn listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Where the claim stands, in words: its status, and who said so when responses in the file
/// take that stance ("Denied by Ministry of National Defense", "Disputed by …", "Confirmed by
/// …"); "Reported by" the claim's own source; "Unverified".
pub fn label(b: &Briefing, rel: &Relations, index: usize, claim: &Item) -> Option<String> {
    let status = claim.status?;
    let by = |stance: Stance| {
        let mut names: Vec<&str> = Vec::new();
        for r in rel.answers(index).filter_map(|r| b.item(r)) {
            if r.stance == Some(stance) {
                let name = b.source_name(r).unwrap_or("a response");
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    };
    let (word, names) = match status {
        Status::Denied => ("Denied", by(Stance::Denies)),
        Status::Disputed => ("Disputed", by(Stance::Disputes)),
        Status::Confirmed => ("Confirmed", by(Stance::Confirms)),
        Status::Reported => ("Reported", b.source_name(claim).into_iter().collect()),
        Status::Unverified => ("Unverified", Vec::new()),
    };
    let text = if names.is_empty() {
        word.to_string()
    } else {
        format!("{word} by {}", listed(&names))
    };
    Some(crate::text::sanitize_line(&text).into_owned())
}

/// An organisation or a person, as schema.org has them: a government, agency or outlet is an
/// `Organization`; an official or analyst a `Person`.
fn party(name: &str, kind: Option<SourceKind>, url: Option<&str>) -> Value {
    let kind = match kind {
        Some(SourceKind::Official | SourceKind::Analyst) => "Person",
        _ => "Organization",
    };
    let mut p = Map::new();
    p.insert("@type".into(), kind.into());
    p.insert(
        "name".into(),
        crate::text::sanitize_line(name).into_owned().into(),
    );
    if let Some(u) = url.filter(|u| web_url(u)) {
        p.insert("url".into(), u.into());
    }
    Value::Object(p)
}

/// The review's own address: the briefing's `url` with `#claim-id`, else `fallback` (the file's
/// `file:` URL), else none.
fn review_url(base: Option<&str>, claim: &str) -> Option<String> {
    let base = base?;
    let base = base.split('#').next().unwrap_or(base);
    Some(format!("{base}#{claim}"))
}

/// Every ClaimReview of a briefing, in claim order. `file_url` stands in for a missing top-level
/// `url` (`brief check --for claimreview` warns of it).
pub fn reviews(b: &Briefing, rel: &Relations, file_url: Option<&str>) -> Vec<Value> {
    let base = b.url.as_deref().or(file_url);
    b.claims
        .iter()
        .enumerate()
        .filter_map(|(i, claim)| {
            let alternate = label(b, rel, i, claim)?;
            let mut rating = Map::new();
            rating.insert("@type".into(), "Rating".into());
            if let Some(v) = claim.credibility.and_then(rating_value) {
                rating.insert("ratingValue".into(), v.into());
                rating.insert("bestRating".into(), 5.into());
                rating.insert("worstRating".into(), 1.into());
            }
            rating.insert("alternateName".into(), alternate.into());
            let mut claimed = Map::new();
            claimed.insert("@type".into(), "Claim".into());
            if let Some(name) = b.source_name(claim) {
                let source = claim.source.as_deref().and_then(|id| b.source(id));
                claimed.insert(
                    "author".into(),
                    party(
                        name,
                        source.and_then(|s| s.kind),
                        source.and_then(|s| s.url.as_deref()),
                    ),
                );
            }
            if let Some(d) = claim.date {
                claimed.insert("datePublished".into(), d.to_string().into());
            }
            if let Some(u) = claim.url.as_deref().filter(|u| web_url(u)) {
                claimed.insert(
                    "appearance".into(),
                    json!([{"@type": "CreativeWork", "url": u}]),
                );
            }
            let mut review = Map::new();
            review.insert("@context".into(), "https://schema.org".into());
            review.insert("@type".into(), "ClaimReview".into());
            if let Some(u) = review_url(base, &claim.id) {
                review.insert("url".into(), u.into());
            }
            let reviewed = claim.headline.as_deref().unwrap_or(&claim.text);
            review.insert(
                "claimReviewed".into(),
                one_line(&crate::text::sanitize(reviewed)).into(),
            );
            review.insert("reviewRating".into(), Value::Object(rating));
            if let Some(p) = &b.publisher {
                review.insert("author".into(), party(p, None, None));
            }
            review.insert("datePublished".into(), b.date.to_string().into());
            review.insert("itemReviewed".into(), Value::Object(claimed));
            Some(Value::Object(review))
        })
        .collect()
}

/// What a ClaimReview export of `b` would lack: `brief check --for claimreview`. Warnings, at
/// the claim's position where one is to blame, else at the top of the file.
pub fn gaps(b: &Briefing) -> Vec<Diagnostic> {
    let top = Pos::new(1, 1);
    let mut out = Vec::new();
    if b.url.is_none() {
        out.push(Diagnostic::warning(
            top,
            "claimreview: no top-level `url`, where the reviews are published (Google requires each review's `url`); the export gives the file's file: URL instead",
        ));
    }
    if b.publisher.is_none() {
        out.push(Diagnostic::warning(
            top,
            "claimreview: no top-level `publisher`, who publishes the reviews (Google requires their `author`)",
        ));
    }
    for claim in &b.claims {
        let id = &claim.id;
        let Some(_) = claim.status else {
            out.push(Diagnostic::warning(
                claim.pos,
                format!("claimreview: claim `{id}` has no `status`, so it has no review"),
            ));
            continue;
        };
        if claim.source.is_none() {
            out.push(Diagnostic::warning(
                claim.pos,
                format!(
                    "claimreview: claim `{id}` has no `source`: the review's claim has no `author`"
                ),
            ));
        }
        if claim.date.is_none() {
            out.push(Diagnostic::warning(
                claim.pos,
                format!("claimreview: claim `{id}` has no `date`: the review's claim has no `datePublished`"),
            ));
        }
        if claim.url.is_none() {
            out.push(Diagnostic::warning(
                claim.pos,
                format!("claimreview: claim `{id}` has no `url`: the review's claim has no `appearance`"),
            ));
        }
        if claim.credibility.and_then(rating_value).is_none() {
            out.push(Diagnostic::warning(
                claim.pos,
                format!("claimreview: claim `{id}` has no credibility from 1 to 5: its rating has words but no `ratingValue`"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credibility_turns_round_onto_one_to_five() {
        let got: Vec<Option<u8>> = (1..=6).map(rating_value).collect();
        assert_eq!(got, [Some(5), Some(4), Some(3), Some(2), Some(1), None]);
    }

    #[test]
    fn names_are_listed_as_a_sentence() {
        assert_eq!(listed(&["A"]), "A");
        assert_eq!(listed(&["A", "B"]), "A and B");
        assert_eq!(listed(&["A", "B", "C"]), "A, B and C");
    }
}
