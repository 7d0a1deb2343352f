//! `export --format json`: the briefing in its own format, field for field (so `brief check`
//! and `brief schema` accept it and it loads as the same briefing), plus `derived` (what brief
//! works out from the rest: contradiction pairs, flags, counts, who answered what) and `path`
//! (the file it came from). The loader reads and ignores both keys.

use std::io;

use serde::Serialize;

use crate::briefing::model::{Briefing, Item, ItemRef, Section};
use crate::briefing::relations::Relations;

/// The `title` of the export's schema (`brief schema --export`).
pub const SCHEMA_TITLE: &str = "brief JSON export";

#[derive(Serialize)]
struct JsonBriefing<'a> {
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    sources: Vec<JsonSource<'a>>,
    claims: Vec<JsonItem<'a>>,
    responses: Vec<JsonItem<'a>>,
    context: Vec<JsonItem<'a>>,
    contradictions: Vec<JsonDeclared<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    judgments: Vec<JsonJudgment<'a>>,
    derived: Derived<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reliability: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interest: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// Responses only (always there on a response).
    #[serde(skip_serializing_if = "Option::is_none")]
    responds_to: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credibility: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anonymous: Option<bool>,
}

#[derive(Serialize)]
struct JsonJudgment<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    rests_on: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    against: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    assumptions: &'a [String],
}

#[derive(Serialize)]
struct JsonDeclared<'a> {
    between: [&'a str; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// What brief derives from the briefing; never read back.
#[derive(Serialize)]
struct Derived<'a> {
    counts: Counts,
    pairs: Vec<JsonPair<'a>>,
    answered_by: Vec<AnsweredBy<'a>>,
    flags: Vec<Flags<'a>>,
}

#[derive(Serialize)]
struct Counts {
    sources: usize,
    claims: usize,
    responses: usize,
    context: usize,
    /// Contradiction pairs, implied and declared together (a declared pair that repeats an
    /// implied one is one pair).
    pairs: usize,
    implied: usize,
    declared: usize,
    unanswered: usize,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    left: &'a str,
    right: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct AnsweredBy<'a> {
    claim: &'a str,
    responses: Vec<Answer<'a>>,
}

#[derive(Serialize)]
struct Answer<'a> {
    id: &'a str,
    stance: &'static str,
}

#[derive(Serialize)]
struct Flags<'a> {
    id: &'a str,
    flags: Vec<&'static str>,
}

/// The item flags `derived.flags` can hold, in the order they are listed.
pub const FLAGS: [&str; 3] = ["contradicted", "unanswered", "unsourced"];

fn view<'a>(b: &'a Briefing, rel: &'a Relations, path: Option<String>) -> JsonBriefing<'a> {
    let item = |i: &'a Item| JsonItem {
        id: &i.id,
        text: &i.text,
        headline: i.headline.as_deref(),
        source: i.source.as_deref(),
        attribution: i.attribution.as_deref(),
        date: i.date.map(|d| d.to_string()),
        status: i.status.map(|s| s.word()),
        responds_to: (i.section == Section::Responses).then_some(i.responds_to.as_slice()),
        stance: i.stance.map(|s| s.word()),
        credibility: i.credibility,
        quote: i.quote.as_deref(),
        url: i.url.as_deref(),
        via: (!i.via.is_empty()).then_some(i.via.as_slice()),
        anonymous: i.anonymous,
    };
    let judgments = b
        .judgments
        .iter()
        .map(|j| JsonJudgment {
            id: &j.id,
            text: &j.text,
            likelihood: j.likelihood.map(|l| l.word()),
            confidence: j.confidence.map(|c| c.word()),
            rests_on: &j.rests_on,
            against: &j.against,
            assumptions: &j.assumptions,
        })
        .collect();
    let id_of = |r: ItemRef| b.item(r).map_or("", |i| i.id.as_str());
    let pairs: Vec<JsonPair> = rel
        .pairs
        .iter()
        .map(|p| JsonPair {
            left: id_of(p.left),
            right: id_of(p.right),
            kind: p.kind.word(),
            stance: p.stance.map(|s| s.word()),
            note: p.note.as_deref(),
        })
        .collect();
    let answered_by: Vec<AnsweredBy> = b
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| AnsweredBy {
            claim: &c.id,
            responses: rel
                .answers(i)
                .filter_map(|r| b.item(r))
                .map(|r| Answer {
                    id: &r.id,
                    stance: r.stance.map_or("", |s| s.word()),
                })
                .collect(),
        })
        .collect();
    let flags: Vec<Flags> = b
        .items()
        .filter_map(|(at, i)| {
            let mut flags = Vec::new();
            if !rel.pairs_of(at).is_empty() {
                flags.push(FLAGS[0]);
            }
            if at.section == Section::Claims && rel.answers(at.index).next().is_none() {
                flags.push(FLAGS[1]);
            }
            if i.source.is_none() {
                flags.push(FLAGS[2]);
            }
            (!flags.is_empty()).then_some(Flags { id: &i.id, flags })
        })
        .collect();
    let implied = rel
        .pairs
        .iter()
        .filter(|p| p.kind == crate::briefing::relations::PairKind::Implied)
        .count();
    JsonBriefing {
        title: &b.title,
        date: b.date.to_string(),
        summary: b.summary.as_deref(),
        tags: &b.tags,
        url: b.url.as_deref(),
        publisher: b.publisher.as_deref(),
        sources: b
            .sources
            .iter()
            .map(|s| JsonSource {
                id: &s.id,
                name: &s.name,
                kind: s.kind.map(|k| k.word()),
                url: s.url.as_deref(),
                reliability: s.reliability.map(|r| r.word()),
                interest: s.interest.map(|i| i.word()),
            })
            .collect(),
        claims: b.claims.iter().map(item).collect(),
        responses: b.responses.iter().map(item).collect(),
        context: b.context.iter().map(item).collect(),
        contradictions: b
            .contradictions
            .iter()
            .map(|d| JsonDeclared {
                between: [&d.between[0], &d.between[1]],
                note: d.note.as_deref(),
            })
            .collect(),
        judgments,
        derived: Derived {
            counts: Counts {
                sources: b.sources.len(),
                claims: b.claims.len(),
                responses: b.responses.len(),
                context: b.context.len(),
                pairs: pairs.len(),
                implied,
                declared: pairs.len() - implied,
                unanswered: answered_by
                    .iter()
                    .filter(|a| a.responses.is_empty())
                    .count(),
            },
            pairs,
            answered_by,
            flags,
        },
        path,
    }
}

/// One briefing as the JSON value `export` writes (before escaping); `path` is the file it came
/// from, when there is one.
pub(crate) fn json_value(
    b: &Briefing,
    rel: &Relations,
    path: Option<String>,
) -> io::Result<serde_json::Value> {
    serde_json::to_value(view(b, rel, path)).map_err(io::Error::other)
}

/// One briefing as pretty-printed, escaped JSON (no trailing newline).
pub(crate) fn text(b: &Briefing, rel: &Relations, path: Option<String>) -> io::Result<String> {
    super::pretty(&view(b, rel, path))
}

/// The JSON Schema (draft-07) of the export: the briefing's own schema with `derived` and `path`
/// described instead of ignored. `brief schema --export`.
pub fn schema() -> serde_json::Value {
    use serde_json::json;
    let mut schema = crate::cmd::schema::schema();
    let derived = json!({
        "description": "What brief derives from the rest of the briefing. Ignored when the export is read as a briefing.",
        "type": "object",
        "additionalProperties": false,
        "required": ["counts", "pairs", "answered_by", "flags"],
        "properties": {
            "counts": {
                "description": "How many of each: sources, claims, responses, context items, contradiction pairs (implied + declared), claims no response answers.",
                "type": "object",
                "additionalProperties": false,
                "required": ["sources", "claims", "responses", "context", "pairs", "implied", "declared", "unanswered"],
                "properties": {
                    "sources": {"type": "integer", "minimum": 0},
                    "claims": {"type": "integer", "minimum": 0},
                    "responses": {"type": "integer", "minimum": 0},
                    "context": {"type": "integer", "minimum": 0},
                    "pairs": {"type": "integer", "minimum": 0},
                    "implied": {"type": "integer", "minimum": 0},
                    "declared": {"type": "integer", "minimum": 0},
                    "unanswered": {"type": "integer", "minimum": 0}
                }
            },
            "pairs": {
                "description": "The contradiction pairs: implied by a response that denies or disputes a claim, or declared under `contradictions` (a declaration of an implied pair adds its note to it).",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["left", "right", "kind"],
                    "properties": {
                        "left": {"type": "string", "description": "The claim (implied), or the first id of `between` (declared)."},
                        "right": {"type": "string"},
                        "kind": {"type": "string", "enum": ["implied", "declared"]},
                        "stance": {"type": "string", "enum": ["denies", "disputes"], "description": "The response's stance, for an implied pair."},
                        "note": {"type": "string"}
                    }
                }
            },
            "answered_by": {
                "description": "Every claim, in order, with the responses that answer it.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["claim", "responses"],
                    "properties": {
                        "claim": {"type": "string"},
                        "responses": {"type": "array", "items": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["id", "stance"],
                            "properties": {"id": {"type": "string"}, "stance": {"type": "string"}}
                        }}
                    }
                }
            },
            "flags": {
                "description": "Items with something to notice: contradicted (in a pair), unanswered (a claim no response answers), unsourced (no source).",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "flags"],
                    "properties": {
                        "id": {"type": "string"},
                        "flags": {"type": "array", "items": {"type": "string", "enum": FLAGS}, "minItems": 1}
                    }
                }
            },
            "notes": {
                "description": "With `export --notes`: your private flags and notes, by item id.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "flagged"],
                    "properties": {"id": {"type": "string"}, "flagged": {"type": "boolean"}, "note": {"type": "string"}}
                }
            }
        }
    });
    let path = json!({"type": "string", "description": "The file the briefing was exported from, as named (a folder's files under the folder's path). Ignored when read."});
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.insert("derived".into(), derived);
        props.insert("path".into(), path);
    }
    if let Some(req) = schema.get_mut("required").and_then(|r| r.as_array_mut()) {
        req.push("derived".into());
    }
    if let Some(o) = schema.as_object_mut() {
        o.insert("title".into(), SCHEMA_TITLE.into());
        o.insert(
            "description".into(),
            "One briefing as `brief export --format json` writes it (an array of these for several files or a folder): the briefing's own fields, plus `derived` and `path`.".into(),
        );
    }
    schema
}
