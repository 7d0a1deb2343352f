//! `brief import factcheck FILE.json`: the JSON of Google's Fact Check Tools `claims:search` API
//! (fetched by the user; brief stays offline) as a briefing on stdout.
//!
//! Each claim becomes a claim, its claimant a source (kind `other`); each review a response
//! from its publisher (kind `media`) to that claim, with the review's title as its text, the
//! textual rating kept verbatim as its `quote`, and a stance from the rating by [`STANCES`]. A
//! rating the table does not know is written as `clarifies` with a YAML comment above the
//! response, and a warning on stderr. The claim's status sums up its reviews' stances (all
//! deny: `denied`, all confirm: `confirmed`, any other mix of the three: `disputed`, none
//! mapped: `reported`).
//!
//! Ids are made from the text (claims: `claim-` and the first words; responses: the claim's id
//! and the publisher's), lower-cased, cut, and numbered when two would be the same: the same
//! input gives the same ids every time. Everything is serialised by serde_yaml, so no text,
//! however hostile, can break the YAML; the result is loaded back before it is written.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::briefing::load::{load_str, read_file, Accept};
use crate::briefing::model::{Date, Stance};
use crate::briefing::validate::is_valid_id;
use crate::text::sanitize_line;

/// Textual ratings and the stance each is read as, compared lower-cased, with white space
/// folded and a final `.` or `!` dropped. English first, then the languages fact-checkers
/// publish most in.
pub const STANCES: &[(&str, Stance)] = &[
    // English
    ("false", Stance::Denies),
    ("incorrect", Stance::Denies),
    ("pants on fire", Stance::Denies),
    ("fake", Stance::Denies),
    ("fake news", Stance::Denies),
    ("fabricated", Stance::Denies),
    ("hoax", Stance::Denies),
    ("wrong", Stance::Denies),
    ("not true", Stance::Denies),
    ("untrue", Stance::Denies),
    ("totally false", Stance::Denies),
    ("misleading", Stance::Disputes),
    ("mostly false", Stance::Disputes),
    ("half true", Stance::Disputes),
    ("half-true", Stance::Disputes),
    ("missing context", Stance::Disputes),
    ("lacks context", Stance::Disputes),
    ("out of context", Stance::Disputes),
    ("exaggerated", Stance::Disputes),
    ("exaggeration", Stance::Disputes),
    ("partly false", Stance::Disputes),
    ("partially false", Stance::Disputes),
    ("mixture", Stance::Disputes),
    ("unproven", Stance::Disputes),
    ("unsupported", Stance::Disputes),
    ("true", Stance::Confirms),
    ("correct", Stance::Confirms),
    ("accurate", Stance::Confirms),
    ("mostly true", Stance::Confirms),
    // Spanish, Portuguese, Italian
    ("falso", Stance::Denies),
    ("falsa", Stance::Denies),
    ("engañoso", Stance::Disputes),
    ("enganoso", Stance::Disputes),
    ("fuorviante", Stance::Disputes),
    ("parcialmente falso", Stance::Disputes),
    ("verdadero", Stance::Confirms),
    ("verdadeiro", Stance::Confirms),
    ("vero", Stance::Confirms),
    // French
    ("faux", Stance::Denies),
    ("trompeur", Stance::Disputes),
    ("partiellement faux", Stance::Disputes),
    ("vrai", Stance::Confirms),
    // German, Dutch
    ("falsch", Stance::Denies),
    ("onwaar", Stance::Denies),
    ("irreführend", Stance::Disputes),
    ("teilweise falsch", Stance::Disputes),
    ("richtig", Stance::Confirms),
    ("wahr", Stance::Confirms),
    // Russian, Ukrainian, Polish, Turkish
    ("фейк", Stance::Denies),
    ("неправда", Stance::Denies),
    ("ложь", Stance::Denies),
    ("маніпуляція", Stance::Disputes),
    ("манипуляция", Stance::Disputes),
    ("правда", Stance::Confirms),
    ("fałsz", Stance::Denies),
    ("manipulacja", Stance::Disputes),
    ("prawda", Stance::Confirms),
    ("yanlış", Stance::Denies),
    ("doğru", Stance::Confirms),
];

/// The stance a textual rating is read as, if the table knows it.
pub fn stance_of(rating: &str) -> Option<Stance> {
    let folded = rating
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let key = folded.trim_end_matches(['.', '!']);
    STANCES.iter().find(|(r, _)| *r == key).map(|(_, s)| *s)
}

// ---------------------------------------------------------------------------------------------
// The API's shape (only what is read; anything else is ignored)

#[derive(Deserialize)]
struct Search {
    #[serde(default)]
    claims: Vec<ApiClaim>,
    #[serde(default, rename = "nextPageToken")]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
struct ApiClaim {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    claimant: Option<String>,
    #[serde(default, rename = "claimDate")]
    claim_date: Option<String>,
    #[serde(default, rename = "claimReview")]
    claim_review: Vec<ApiReview>,
}

#[derive(Deserialize)]
struct ApiReview {
    #[serde(default)]
    publisher: Option<ApiPublisher>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, rename = "reviewDate")]
    review_date: Option<String>,
    #[serde(default, rename = "textualRating")]
    textual_rating: Option<String>,
}

#[derive(Deserialize)]
struct ApiPublisher {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    site: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// The briefing written (the format's keys, in its order)

#[derive(Serialize)]
struct Head {
    title: String,
    date: String,
    summary: String,
    tags: Vec<&'static str>,
    sources: Vec<Source>,
    claims: Vec<Claim>,
}

#[derive(Serialize)]
struct Source {
    id: String,
    name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct Claim {
    id: String,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    status: &'static str,
}

#[derive(Serialize)]
struct Response {
    id: String,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    responds_to: Vec<String>,
    stance: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The ids given so far.
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    /// `prefix-words` from `text`: its first words, lower-cased, the characters an id may not
    /// hold dropped, at most 40 characters; numbered `-2`, `-3`, … when already given.
    fn make(&mut self, prefix: &str, text: &str) -> String {
        let mut slug = String::new();
        // Apostrophes join ("city's": `citys`); anything else an id may not hold separates.
        let joined: String = text
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '\'' | '’'))
            .collect();
        let words = joined
            .split(|c: char| !(c.is_alphanumeric() && is_valid_id(c.encode_utf8(&mut [0; 4]))));
        for word in words {
            if word.is_empty() {
                continue;
            }
            if slug.chars().count() + word.chars().count() + 1 > 40 {
                break;
            }
            slug.push('-');
            slug.push_str(word);
        }
        let base = format!("{prefix}{slug}");
        let mut id = base.clone();
        let mut n = 2usize;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// A date the API gives (`2024-03-02T00:00:00Z`) as the format's, if it is one.
fn day(s: Option<&str>) -> Option<Date> {
    s.and_then(|s| s.get(..10)).and_then(Date::parse)
}

/// Text with nothing but white space as none.
fn some_text(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Today in UTC, for a file whose claims and reviews give no date at all.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Howard Hinnant's civil_from_days.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date {
        year: y as i32,
        month: m as u8,
        day: d as u8,
    }
}

/// The briefing YAML of a `claims:search` response, and the warnings to give; or why not, as
/// the rest of a diagnostic line after the file's name (`:line:col: error: …`).
pub fn convert(json: &str) -> Result<(String, Vec<String>), String> {
    let search: Search = serde_json::from_str(json).map_err(|e| {
        format!(
            ":{}:{}: error: not a Fact Check Tools claims:search response: {e}",
            e.line(),
            e.column()
        )
    })?;
    let mut warnings = Vec::new();
    let mut ids = Ids::default();
    let mut sources: Vec<Source> = Vec::new();
    let source_of = |sources: &mut Vec<Source>, ids: &mut Ids, name: &str, kind| {
        if let Some(s) = sources.iter().find(|s| s.name == name && s.kind == kind) {
            return s.id.clone();
        }
        let id = ids.make(if kind == "media" { "pub" } else { "by" }, name);
        sources.push(Source {
            id: id.clone(),
            name: name.to_string(),
            kind,
        });
        id
    };
    let mut claims = Vec::new();
    // Each response with the comment to write above it, if any.
    let mut responses: Vec<(Option<String>, Response)> = Vec::new();
    let mut latest: Option<Date> = None;
    let mut reviews = 0usize;
    for (n, c) in search.claims.iter().enumerate() {
        let text = some_text(c.text.as_deref());
        let claim_id = ids.make("claim", text.unwrap_or(""));
        let claimant = some_text(c.claimant.as_deref())
            .map(|name| source_of(&mut sources, &mut ids, name, "other"));
        let date = day(c.claim_date.as_deref());
        latest = latest.max(date);
        let mut stances = Vec::new();
        for (m, r) in c.claim_review.iter().enumerate() {
            reviews += 1;
            let publisher = r.publisher.as_ref();
            let name = some_text(publisher.and_then(|p| p.name.as_deref()))
                .or_else(|| some_text(publisher.and_then(|p| p.site.as_deref())));
            let source = name.map(|n| source_of(&mut sources, &mut ids, n, "media"));
            let rating = some_text(r.textual_rating.as_deref());
            let stance = rating.and_then(stance_of);
            let comment = match (rating, stance) {
                (_, Some(_)) => None,
                (Some(rating), None) => Some(format!(
                    "rating {:?} is not in brief's stance table: written as clarifies",
                    sanitize_line(rating).as_ref()
                )),
                (None, None) => Some("no textual rating: written as clarifies".to_string()),
            };
            if let Some(why) = &comment {
                warnings.push(format!(
                    "claim {} review {} ({}): {why}",
                    n + 1,
                    m + 1,
                    sanitize_line(name.unwrap_or("no publisher")),
                ));
            }
            if let Some(s) = stance {
                stances.push(s);
            }
            let review_date = day(r.review_date.as_deref());
            latest = latest.max(review_date);
            let who = name.unwrap_or("A fact-checker");
            let text = match (some_text(r.title.as_deref()), rating) {
                (Some(title), _) => title.to_string(),
                (None, Some(rating)) => format!("{who} rated the claim “{rating}”."),
                (None, None) => format!("{who} reviewed the claim."),
            };
            responses.push((
                comment,
                Response {
                    id: ids.make(&claim_id, name.unwrap_or("review")),
                    text,
                    source,
                    date: review_date.map(|d| d.to_string()),
                    responds_to: vec![claim_id.clone()],
                    stance: stance.unwrap_or(Stance::Clarifies).word(),
                    quote: rating.map(str::to_string),
                    url: some_text(r.url.as_deref()).map(str::to_string),
                },
            ));
        }
        let all = |s: Stance| !stances.is_empty() && stances.iter().all(|x| *x == s);
        let status = if all(Stance::Denies) {
            "denied"
        } else if all(Stance::Confirms) {
            "confirmed"
        } else if stances.is_empty() {
            "reported"
        } else {
            "disputed"
        };
        claims.push(Claim {
            id: claim_id,
            text: text.map_or_else(
                || "(The Fact Check Tools response gives no text for this claim.)".to_string(),
                str::to_string,
            ),
            source: claimant,
            date: date.map(|d| d.to_string()),
            status,
        });
    }
    let mut summary = format!(
        "Imported from a Google Fact Check Tools claims:search response: {} and {}.",
        crate::text::count(claims.len(), "claim"),
        crate::text::count(reviews, "review"),
    );
    if search.next_page_token.is_some() {
        summary.push_str(
            " The response had more results (a nextPageToken): fetch the next page to import them.",
        );
    }
    let head = Head {
        title: "Fact checks".into(),
        date: latest.unwrap_or_else(today).to_string(),
        summary,
        tags: vec!["fact-check"],
        sources,
        claims,
    };
    let mut out = String::from(
        "# Imported by `brief import factcheck` from a Fact Check Tools claims:search response.\n",
    );
    out.push_str(&yaml(&head)?);
    if responses.is_empty() {
        out.push_str("responses: []\n");
    } else {
        out.push_str("responses:\n");
        for (comment, r) in &responses {
            if let Some(c) = comment {
                out.push_str("# ");
                out.push_str(&sanitize_line(c));
                out.push('\n');
            }
            out.push_str(&yaml(&[r])?);
        }
    }
    out.push_str("context: []\n");
    if let Err(diagnostics) = load_str(&out) {
        let first = diagnostics
            .first()
            .map_or_else(String::new, |d| d.located());
        return Err(format!(
            ": error: the briefing made from this file does not load ({first}); please report it"
        ));
    }
    Ok((out, warnings))
}

/// One part of the briefing as YAML.
fn yaml<T: Serialize + ?Sized>(v: &T) -> Result<String, String> {
    serde_yaml::to_string(v).map_err(|e| format!(": error: {e}"))
}

/// Runs `brief import factcheck FILE` (`-`: stdin): the briefing to `out`, warnings and errors
/// to `err` as `path: warning: …`. Returns whether it succeeded.
pub fn factcheck(
    path: &Path,
    max_size: u64,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    let stdin = path.as_os_str() == "-";
    let shown = if stdin {
        "<stdin>".to_string()
    } else {
        sanitize_line(&path.display().to_string()).into_owned()
    };
    let read = if stdin { Path::new("/dev/stdin") } else { path };
    let bytes = match read_file(read, max_size, Accept::Named) {
        Ok(b) => b,
        Err(d) => {
            writeln!(err, "{shown}: error: {}", d.message)?;
            return Ok(false);
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        writeln!(err, "{shown}: error: the file is not UTF-8")?;
        return Ok(false);
    };
    match convert(text.trim_start_matches('\u{feff}')) {
        Ok((yaml, warnings)) => {
            for w in warnings {
                writeln!(err, "{shown}: warning: {w}")?;
            }
            out.write_all(yaml.as_bytes())?;
            Ok(true)
        }
        Err(why) => {
            writeln!(err, "{shown}{}", sanitize_line(&why))?;
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_map_to_stances_whatever_their_case_and_final_stop() {
        assert_eq!(stance_of("False"), Some(Stance::Denies));
        assert_eq!(stance_of("Pants on Fire!"), Some(Stance::Denies));
        assert_eq!(stance_of("  Mostly  false. "), Some(Stance::Disputes));
        assert_eq!(stance_of("ФЕЙК"), Some(Stance::Denies));
        assert_eq!(stance_of("Mostly True"), Some(Stance::Confirms));
        assert_eq!(stance_of("Satire"), None);
    }

    #[test]
    fn ids_are_valid_stable_and_unique() {
        let mut ids = Ids::default();
        assert_eq!(
            ids.make("claim", "5G spreads the virus!"),
            "claim-5g-spreads-the-virus"
        );
        assert_eq!(
            ids.make("claim", "5G spreads the virus"),
            "claim-5g-spreads-the-virus-2"
        );
        assert_eq!(ids.make("claim", ""), "claim");
        assert_eq!(ids.make("claim", "\u{1b}[2J <>"), "claim-2j");
        assert_eq!(ids.make("by", "Telegram-канал"), "by-telegram-канал");
        assert_eq!(ids.make("claim", "The city's rate"), "claim-the-citys-rate");
        assert!(is_valid_id(&ids.make("claim", "Путин заявил")));
    }

    #[test]
    fn civil_dates() {
        let t = today();
        assert!(t.year >= 2024 && (1..=12).contains(&t.month));
    }
}
