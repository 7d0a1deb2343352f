//! The briefing exactly as written: the shape the YAML is read into before validation.
//!
//! Closed sets (stance, status, …) and dates are kept as strings here so the validator can report
//! every bad value with its position, not just the first one the parser trips on. Unknown keys
//! are refused by the parser itself (`deny_unknown_fields`): they are nearly always typos.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBriefing {
    pub title: String,
    pub date: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    pub claims: Vec<RawClaim>,
    pub responses: Vec<RawResponse>,
    pub context: Vec<RawContext>,
    #[serde(default)]
    pub contradictions: Vec<RawContradiction>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub reliability: Option<String>,
    #[serde(default)]
    pub interest: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub attribution: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub credibility: Option<u8>,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponse {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub attribution: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub responds_to: Vec<String>,
    pub stance: String,
    #[serde(default)]
    pub credibility: Option<u8>,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawContext {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub attribution: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub credibility: Option<u8>,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawContradiction {
    pub between: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The fields all three item kinds share, viewed uniformly by the validator.
pub struct ItemView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub credibility: Option<u8>,
}

impl RawClaim {
    pub fn view(&self) -> ItemView<'_> {
        ItemView {
            id: &self.id,
            text: &self.text,
            source: self.source.as_deref(),
            date: self.date.as_deref(),
            credibility: self.credibility,
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
        }
    }
}
