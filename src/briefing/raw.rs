//! The briefing exactly as written: the shape the YAML is read into before validation.
//!
//! Closed sets (stance, status, …) and dates are kept as strings here so the validator can report
//! every bad value with its position, not just the first one the parser trips on. Unknown keys
//! are refused by the parser itself (`deny_unknown_fields`): they are nearly always typos.
//!
//! The same types describe the format to editors: `brief schema` is derived from them
//! (`JsonSchema`), the doc comments on the fields being the descriptions an editor shows, the
//! `schemars` attributes the rules on the strings that the validator checks later (the id and
//! date patterns, the closed sets, taken from the model's word lists).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Confidence, Interest, Likelihood, Reliability, SourceKind, Stance, Status};

/// What an id may be made of (the validator's rule, for the schema).
const ID: &str = "^[\\p{L}\\p{M}\\p{N}\\u200C\\u200D_-]+$";
/// A date as written: YYYY-MM-DD (whether it is a real calendar date is the validator's check).
const DATE: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// Text that is not blank.
const TEXT: &str = "\\S";

/// Drops the `format` schemars gives an integer (`uint8`): no draft of JSON Schema defines it.
fn no_format(schema: &mut schemars::Schema) {
    schema.remove("format");
}

/// A news briefing for `brief`: claims, responses, context, their sources, and the contradictions
/// between them.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBriefing {
    /// The headline of the briefing.
    #[schemars(regex(pattern = TEXT))]
    pub title: String,
    /// The date of the briefing (usually the latest development). YYYY-MM-DD, a real calendar
    /// date.
    #[schemars(regex(pattern = DATE), extend("format" = "date"))]
    pub date: String,
    /// One paragraph summing up the story.
    #[serde(default)]
    pub summary: Option<String>,
    /// Free-form labels.
    #[serde(default)]
    #[schemars(inner(regex(pattern = TEXT)))]
    pub tags: Vec<String>,
    /// Who said what: people, bodies and outlets items are attributed to.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// The assertions the story is about (may be empty).
    pub claims: Vec<RawClaim>,
    /// Answers to claims (may be empty).
    pub responses: Vec<RawResponse>,
    /// Background the reader needs (may be empty).
    pub context: Vec<RawContext>,
    /// Pairs of items the author says conflict.
    #[serde(default)]
    pub contradictions: Vec<RawContradiction>,
    /// The author's key judgments (ICD 203): what the items lead to, how likely and with what
    /// confidence, resting on which items.
    #[serde(default)]
    pub judgments: Vec<RawJudgment>,
    /// Where this briefing is published: the address a ClaimReview export gives as each review's
    /// `url` (with `#claim-id` added).
    #[serde(default)]
    pub url: Option<String>,
    /// Who publishes this briefing (a desk, an outlet, a person): the `author` of a ClaimReview
    /// export's reviews.
    #[serde(default)]
    #[schemars(regex(pattern = TEXT))]
    pub publisher: Option<String>,
    /// What `brief export --format json` derived from the rest (pairs, flags, counts,
    /// answered-by). Read and ignored, so an export loads again as the briefing it came from.
    #[serde(default, skip_serializing)]
    pub derived: Option<Ignored>,
    /// The file `brief export --format json` exported this briefing from. Read and ignored.
    #[serde(default, skip_serializing)]
    pub path: Option<Ignored>,
}

/// A value read and dropped: the derived parts of a JSON export (`derived`, `path`), which the
/// loader accepts so an export loads again, and never trusts (they are derived afresh).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ignored;

impl<'de> Deserialize<'de> for Ignored {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ignored, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Ignored)
    }
}

/// For `brief schema`: anything (the export's own schema, `brief schema --export`, says what).
impl JsonSchema for Ignored {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Ignored".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({})
    }
}

/// A source, declared once and named by id from items.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "source")]
pub struct RawSource {
    /// An id: ASCII letters, digits, `-` and `_`.
    #[schemars(regex(pattern = ID))]
    pub id: String,
    /// How the source is shown.
    #[schemars(regex(pattern = TEXT))]
    pub name: String,
    /// What kind of body the source is.
    #[serde(default)]
    #[schemars(with = "Option<SourceKind>")]
    pub kind: Option<String>,
    /// The source's web address.
    #[serde(default)]
    pub url: Option<String>,
    /// Admiralty reliability: A completely reliable, B usually, C fairly, D not usually, E
    /// unreliable, F cannot be judged.
    #[serde(default)]
    #[schemars(with = "Option<Reliability>")]
    pub reliability: Option<String>,
    /// party: the source has a stake in the story; none: it has not.
    #[serde(default)]
    #[schemars(with = "Option<Interest>")]
    pub interest: Option<String>,
}

/// An assertion the story is about.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "claim")]
pub struct RawClaim {
    /// An id: ASCII letters, digits, `-` and `_`.
    #[schemars(regex(pattern = ID))]
    pub id: String,
    /// The author's own account of the item.
    #[schemars(regex(pattern = TEXT))]
    pub text: String,
    /// An id: ASCII letters, digits, `-` and `_`.
    #[serde(default)]
    #[schemars(regex(pattern = ID))]
    pub source: Option<String>,
    /// Whom the source itself cites.
    #[serde(default)]
    pub attribution: Option<String>,
    /// When the item was said or happened. YYYY-MM-DD, a real calendar date.
    #[serde(default)]
    #[schemars(regex(pattern = DATE), extend("format" = "date"))]
    pub date: Option<String>,
    /// Where the claim stands: reported, confirmed, denied, disputed or unverified.
    #[serde(default)]
    #[schemars(with = "Option<Status>")]
    pub status: Option<String>,
    /// Admiralty credibility: 1 confirmed by other sources, 2 probably true, 3 possibly true, 4
    /// doubtful, 5 improbable, 6 truth cannot be judged.
    #[serde(default)]
    #[schemars(range(min = 1, max = 6), transform = no_format)]
    pub credibility: Option<u8>,
    /// The speaker's exact words, kept short.
    #[serde(default)]
    pub quote: Option<String>,
    /// Where this item was published.
    #[serde(default)]
    pub url: Option<String>,
    /// The outlets through which the item reached the briefing, nearest first (source ids):
    /// `source: mnd` with `via: [independent, yonhap]` is the ministry's statement as The
    /// Independent summarised Yonhap's report of it.
    #[serde(default)]
    #[schemars(inner(regex(pattern = ID)))]
    pub via: Vec<String>,
    /// Whether the attribution hides who is speaking; overrides the phrase detection.
    #[serde(default)]
    pub anonymous: Option<bool>,
    /// A short title for the claim, as a fact-check would head it: a ClaimReview export's
    /// `claimReviewed` when given (else the text).
    #[serde(default)]
    #[schemars(regex(pattern = TEXT))]
    pub headline: Option<String>,
}

/// An answer to one or more claims.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "response")]
pub struct RawResponse {
    /// An id: ASCII letters, digits, `-` and `_`.
    #[schemars(regex(pattern = ID))]
    pub id: String,
    /// The author's own account of the item.
    #[schemars(regex(pattern = TEXT))]
    pub text: String,
    /// An id: ASCII letters, digits, `-` and `_`.
    #[serde(default)]
    #[schemars(regex(pattern = ID))]
    pub source: Option<String>,
    /// Whom the source itself cites.
    #[serde(default)]
    pub attribution: Option<String>,
    /// When the item was said or happened. YYYY-MM-DD, a real calendar date.
    #[serde(default)]
    #[schemars(regex(pattern = DATE), extend("format" = "date"))]
    pub date: Option<String>,
    /// The ids of the claims this response answers.
    #[schemars(length(min = 1), inner(regex(pattern = ID)))]
    pub responds_to: Vec<String>,
    /// How the response answers its claims; denies and disputes imply a contradiction.
    #[schemars(with = "Stance")]
    pub stance: String,
    /// Admiralty credibility: 1 confirmed by other sources, 2 probably true, 3 possibly true, 4
    /// doubtful, 5 improbable, 6 truth cannot be judged.
    #[serde(default)]
    #[schemars(range(min = 1, max = 6), transform = no_format)]
    pub credibility: Option<u8>,
    /// The speaker's exact words, kept short.
    #[serde(default)]
    pub quote: Option<String>,
    /// Where this item was published.
    #[serde(default)]
    pub url: Option<String>,
    /// The outlets through which the item reached the briefing, nearest first (source ids):
    /// `source: mnd` with `via: [independent, yonhap]` is the ministry's statement as The
    /// Independent summarised Yonhap's report of it.
    #[serde(default)]
    #[schemars(inner(regex(pattern = ID)))]
    pub via: Vec<String>,
    /// Whether the attribution hides who is speaking; overrides the phrase detection.
    #[serde(default)]
    pub anonymous: Option<bool>,
}

/// Background the reader needs.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "context")]
pub struct RawContext {
    /// An id: ASCII letters, digits, `-` and `_`.
    #[schemars(regex(pattern = ID))]
    pub id: String,
    /// The author's own account of the item.
    #[schemars(regex(pattern = TEXT))]
    pub text: String,
    /// An id: ASCII letters, digits, `-` and `_`.
    #[serde(default)]
    #[schemars(regex(pattern = ID))]
    pub source: Option<String>,
    /// Whom the source itself cites.
    #[serde(default)]
    pub attribution: Option<String>,
    /// When the item was said or happened. YYYY-MM-DD, a real calendar date.
    #[serde(default)]
    #[schemars(regex(pattern = DATE), extend("format" = "date"))]
    pub date: Option<String>,
    /// Admiralty credibility: 1 confirmed by other sources, 2 probably true, 3 possibly true, 4
    /// doubtful, 5 improbable, 6 truth cannot be judged.
    #[serde(default)]
    #[schemars(range(min = 1, max = 6), transform = no_format)]
    pub credibility: Option<u8>,
    /// The speaker's exact words, kept short.
    #[serde(default)]
    pub quote: Option<String>,
    /// Where this item was published.
    #[serde(default)]
    pub url: Option<String>,
    /// The outlets through which the item reached the briefing, nearest first (source ids):
    /// `source: mnd` with `via: [independent, yonhap]` is the ministry's statement as The
    /// Independent summarised Yonhap's report of it.
    #[serde(default)]
    #[schemars(inner(regex(pattern = ID)))]
    pub via: Vec<String>,
    /// Whether the attribution hides who is speaking; overrides the phrase detection.
    #[serde(default)]
    pub anonymous: Option<bool>,
}

/// Two items that conflict; the first is shown on the left.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "contradiction")]
pub struct RawContradiction {
    /// Exactly two different item ids.
    #[schemars(length(equal = 2), inner(regex(pattern = ID)), extend("uniqueItems" = true))]
    pub between: Vec<String>,
    /// Why the two conflict, or why they may not.
    #[serde(default)]
    pub note: Option<String>,
}

/// A key judgment: the author's assessment, kept apart from the information it rests on.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "judgment")]
pub struct RawJudgment {
    /// An id: letters, digits, `-` and `_`; unique among judgments and items.
    #[schemars(regex(pattern = ID))]
    pub id: String,
    /// The judgment in the author's words.
    #[schemars(regex(pattern = TEXT))]
    pub text: String,
    /// How likely, in the ICD 203 words: almost-no-chance, very-unlikely, unlikely,
    /// roughly-even-chance, likely, very-likely, almost-certain.
    #[serde(default)]
    #[schemars(with = "Option<Likelihood>")]
    pub likelihood: Option<String>,
    /// The author's confidence in the judgment: low, moderate or high.
    #[serde(default)]
    #[schemars(with = "Option<Confidence>")]
    pub confidence: Option<String>,
    /// The ids of the items the judgment rests on.
    #[serde(default)]
    #[schemars(inner(regex(pattern = ID)))]
    pub rests_on: Vec<String>,
    /// The ids of the items that speak against it.
    #[serde(default)]
    #[schemars(inner(regex(pattern = ID)))]
    pub against: Vec<String>,
    /// What the judgment takes for granted.
    #[serde(default)]
    #[schemars(inner(regex(pattern = TEXT)))]
    pub assumptions: Vec<String>,
}

/// The fields all three item kinds share, viewed uniformly by the validator.
pub struct ItemView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub credibility: Option<u8>,
    pub via: &'a [String],
}

impl RawClaim {
    pub fn view(&self) -> ItemView<'_> {
        ItemView {
            id: &self.id,
            text: &self.text,
            source: self.source.as_deref(),
            date: self.date.as_deref(),
            credibility: self.credibility,
            via: &self.via,
        }
    }
}

impl RawResponse {
    pub fn view(&self) -> ItemView<'_> {
        ItemView {
            id: &self.id,
            text: &self.text,
            source: self.source.as_deref(),
            date: self.date.as_deref(),
            credibility: self.credibility,
            via: &self.via,
        }
    }
}

impl RawContext {
    pub fn view(&self) -> ItemView<'_> {
        ItemView {
            id: &self.id,
            text: &self.text,
            source: self.source.as_deref(),
            date: self.date.as_deref(),
            credibility: self.credibility,
            via: &self.via,
        }
    }
}
