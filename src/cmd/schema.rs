//! `brief schema`: the JSON Schema (draft 2020-12) of the briefing format, for editors whose YAML
//! language server completes and checks files against a schema.
//!
//! Kept by hand next to the loader's raw types (`briefing::raw`); the closed sets come from the
//! model's word lists, so they cannot drift. The tests prove the rest agrees with the loader:
//! the same keys at every level, the same required keys, and the same verdict on a set of
//! documents that break each structural rule. What a schema cannot say (ids that must resolve,
//! ids unique across sections, real calendar dates) is left to `brief check`.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::briefing::model::{Interest, Reliability, SourceKind, Stance, Status};

/// The `$schema` of the output.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Writes the schema, pretty-printed, `$schema` and the top-level description first (a JSON
/// object's keys are otherwise sorted), with a final newline.
pub fn write(out: &mut impl Write) -> io::Result<()> {
    const FIRST: [&str; 8] = [
        "$schema",
        "title",
        "description",
        "type",
        "additionalProperties",
        "required",
        "properties",
        "$defs",
    ];
    let schema = schema();
    let Some(map) = schema.as_object() else {
        return Err(io::Error::other("the schema is not an object"));
    };
    let mut keys: Vec<&str> = FIRST.into_iter().filter(|k| map.contains_key(*k)).collect();
    keys.extend(
        map.keys()
            .map(String::as_str)
            .filter(|k| !FIRST.contains(k)),
    );
    writeln!(out, "{{")?;
    for (i, key) in keys.iter().enumerate() {
        let value = serde_json::to_string_pretty(&map[*key]).map_err(io::Error::other)?;
        let key = serde_json::to_string(key).map_err(io::Error::other)?;
        let comma = if i + 1 < keys.len() { "," } else { "" };
        writeln!(out, "  {key}: {}{comma}", value.replace('\n', "\n  "))?;
    }
    writeln!(out, "}}")
}

/// A closed set of words.
fn words(list: &[&str], description: &str) -> Value {
    json!({ "type": "string", "enum": list, "description": description })
}

fn id() -> Value {
    json!({
        "type": "string",
        "pattern": "^[A-Za-z0-9_-]+$",
        "description": "An id: ASCII letters, digits, `-` and `_`.",
    })
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "pattern": "\\S", "description": description })
}

fn date(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "format": "date",
        "description": format!("{description} YYYY-MM-DD, a real calendar date."),
    })
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

/// An optional key: the loader reads an empty value (`url:` or `url: ~`) as absent, so null is
/// allowed too.
fn optional(mut v: Value) -> Value {
    if let Some(t) = v.get("type").and_then(Value::as_str).map(str::to_string) {
        if let Some(obj) = v.as_object_mut() {
            obj.insert("type".into(), json!([t, "null"]));
        }
    }
    if let Some(list) = v.get_mut("enum").and_then(Value::as_array_mut) {
        list.push(Value::Null);
    }
    v
}

/// The fields every item (claim, response, context) has; `extra` adds the section's own.
fn item(description: &str, extra: Vec<(&str, Value)>, required: &[&str]) -> Value {
    let common = vec![
        ("id", id()),
        ("text", text("The author's own account of the item.")),
        ("source", optional(id())),
        (
            "attribution",
            optional(string("Whom the source itself cites.")),
        ),
        (
            "date",
            optional(date("When the item was said or happened.")),
        ),
        (
            "credibility",
            optional(json!({
                "type": "integer",
                "minimum": 1,
                "maximum": 6,
                "description": "Admiralty credibility: 1 confirmed by other sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 truth cannot be judged.",
            })),
        ),
        (
            "quote",
            optional(string("The speaker's exact words, kept short.")),
        ),
        ("url", optional(string("Where this item was published."))),
    ];
    let props: serde_json::Map<String, Value> = common
        .into_iter()
        .chain(extra)
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let mut req = vec!["id", "text"];
    req.extend_from_slice(required);
    json!({
        "type": "object",
        "description": description,
        "additionalProperties": false,
        "required": req,
        "properties": props,
    })
}

fn list_of(def: &str, description: &str) -> Value {
    json!({
        "type": "array",
        "description": description,
        "items": { "$ref": format!("#/$defs/{def}") },
    })
}

/// The schema as a JSON value.
pub fn schema() -> Value {
    let status = optional(words(
        Status::WORDS,
        "Where the claim stands: reported, confirmed, denied, disputed or unverified.",
    ));
    let stance = words(
        Stance::WORDS,
        "How the response answers its claims; denies and disputes imply a contradiction.",
    );
    let responds_to = json!({
        "type": "array",
        "minItems": 1,
        "items": id(),
        "description": "The ids of the claims this response answers.",
    });
    json!({
        "$schema": DIALECT,
        "title": "brief briefing",
        "description": "A news briefing for `brief`: claims, responses, context, their sources, and the contradictions between them.",
        "type": "object",
        "additionalProperties": false,
        "required": ["title", "date", "claims", "responses", "context"],
        "properties": {
            "title": text("The headline of the briefing."),
            "date": date("The date of the briefing (usually the latest development)."),
            "summary": optional(string("One paragraph summing up the story.")),
            "tags": { "type": "array", "description": "Free-form labels.", "items": text("A tag.") },
            "sources": list_of("source", "Who said what: people, bodies and outlets items are attributed to."),
            "claims": list_of("claim", "The assertions the story is about (may be empty)."),
            "responses": list_of("response", "Answers to claims (may be empty)."),
            "context": list_of("context", "Background the reader needs (may be empty)."),
            "contradictions": list_of("contradiction", "Pairs of items the author says conflict."),
        },
        "$defs": {
            "source": {
                "type": "object",
                "description": "A source, declared once and named by id from items.",
                "additionalProperties": false,
                "required": ["id", "name"],
                "properties": {
                    "id": id(),
                    "name": text("How the source is shown."),
                    "kind": optional(words(SourceKind::WORDS, "What kind of body the source is.")),
                    "url": optional(string("The source's web address.")),
                    "reliability": optional(words(Reliability::WORDS, "Admiralty reliability: A completely reliable, B usually, C fairly, D not usually, E unreliable, F cannot be judged.")),
                    "interest": optional(words(Interest::WORDS, "party: the source has a stake in the story; none: it has not.")),
                },
            },
            "claim": item("An assertion the story is about.", vec![("status", status)], &[]),
            "response": item(
                "An answer to one or more claims.",
                vec![("responds_to", responds_to), ("stance", stance)],
                &["responds_to", "stance"],
            ),
            "context": item("Background the reader needs.", vec![], &[]),
            "contradiction": {
                "type": "object",
                "description": "Two items that conflict; the first is shown on the left.",
                "additionalProperties": false,
                "required": ["between"],
                "properties": {
                    "between": {
                        "type": "array",
                        "minItems": 2,
                        "maxItems": 2,
                        "uniqueItems": true,
                        "items": id(),
                        "description": "Exactly two different item ids.",
                    },
                    "note": optional(string("Why the two conflict, or why they may not.")),
                },
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load::load_str;
    use crate::briefing::raw::{
        RawBriefing, RawClaim, RawContext, RawContradiction, RawResponse, RawSource,
    };
    use serde::de::{DeserializeOwned, Error as _, Visitor};

    /// A deserializer that only records the field names serde asks a struct for.
    struct Grab<'a>(&'a mut Vec<&'static str>);

    impl<'de> serde::Deserializer<'de> for Grab<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0.extend_from_slice(fields);
            Err(Self::Error::custom("fields captured"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    fn serde_fields<T: DeserializeOwned>() -> Vec<&'static str> {
        let mut fields = Vec::new();
        let _ = T::deserialize(Grab(&mut fields));
        fields.sort_unstable();
        fields
    }

    /// The keys serde refuses to do without: remove each from a complete sample in turn.
    fn serde_required<T: DeserializeOwned>(sample: &Value) -> Vec<String> {
        let Some(obj) = sample.as_object() else {
            panic!("sample is not an object")
        };
        assert!(
            serde_json::from_value::<T>(sample.clone()).is_ok(),
            "the complete sample must load: {sample}"
        );
        let mut required: Vec<String> = obj
            .keys()
            .filter(|k| {
                let mut less = obj.clone();
                less.remove(*k);
                serde_json::from_value::<T>(Value::Object(less)).is_err()
            })
            .cloned()
            .collect();
        required.sort();
        required
    }

    /// Where in the schema the object at `at` in a document is described.
    fn pointer_of(at: &str) -> &'static str {
        match at {
            "/sources/0" => "/$defs/source",
            "/claims/0" => "/$defs/claim",
            "/responses/0" => "/$defs/response",
            "/context/0" => "/$defs/context",
            "/contradictions/0" => "/$defs/contradiction",
            _ => "",
        }
    }

    fn def<'a>(schema: &'a Value, pointer: &str) -> &'a Value {
        match schema.pointer(pointer) {
            Some(v) => v,
            None => panic!("schema has no {pointer}"),
        }
    }

    fn keys(v: &Value) -> Vec<String> {
        let mut k: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        k.sort();
        k
    }

    fn strings(v: &Value) -> Vec<String> {
        let mut s: Vec<String> = v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect();
        s.sort();
        s
    }

    fn samples() -> [(&'static str, Vec<&'static str>, Vec<String>, Value); 6] {
        let claim = json!({"id": "c", "text": "T", "source": "s", "attribution": "a",
            "date": "2025-01-01", "status": "reported", "credibility": 2, "quote": "q", "url": "u"});
        let response = json!({"id": "r", "text": "T", "source": "s", "attribution": "a",
            "date": "2025-01-01", "responds_to": ["c"], "stance": "denies", "credibility": 2,
            "quote": "q", "url": "u"});
        let context = json!({"id": "x", "text": "T", "source": "s", "attribution": "a",
            "date": "2025-01-01", "credibility": 2, "quote": "q", "url": "u"});
        let source = json!({"id": "s", "name": "S", "kind": "media", "url": "u",
            "reliability": "A", "interest": "party"});
        let contradiction = json!({"between": ["c", "x"], "note": "n"});
        let top = json!({"title": "T", "date": "2025-01-01", "summary": "s", "tags": ["t"],
            "sources": [source], "claims": [claim], "responses": [response],
            "context": [context], "contradictions": [contradiction]});
        [
            (
                "",
                serde_fields::<RawBriefing>(),
                serde_required::<RawBriefing>(&top),
                top,
            ),
            (
                "/$defs/source",
                serde_fields::<RawSource>(),
                serde_required::<RawSource>(&source),
                source,
            ),
            (
                "/$defs/claim",
                serde_fields::<RawClaim>(),
                serde_required::<RawClaim>(&claim),
                claim,
            ),
            (
                "/$defs/response",
                serde_fields::<RawResponse>(),
                serde_required::<RawResponse>(&response),
                response,
            ),
            (
                "/$defs/context",
                serde_fields::<RawContext>(),
                serde_required::<RawContext>(&context),
                context,
            ),
            (
                "/$defs/contradiction",
                serde_fields::<RawContradiction>(),
                serde_required::<RawContradiction>(&contradiction),
                contradiction,
            ),
        ]
    }

    #[test]
    fn the_written_schema_is_the_schema_with_its_dialect_first() {
        let mut out = Vec::new();
        if let Err(e) = write(&mut out) {
            panic!("{e}");
        }
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.starts_with(
                "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"title\""
            ),
            "{text}"
        );
        assert!(text.ends_with("}\n"));
        let parsed: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(parsed, schema());
    }

    #[test]
    fn the_schema_is_valid_draft_2020_12() {
        let s = schema();
        assert_eq!(s["$schema"], DIALECT);
        if let Err(e) = jsonschema::meta::validate(&s) {
            panic!("not a valid schema: {e}");
        }
    }

    #[test]
    fn same_keys_and_required_keys_as_the_loader_at_every_level() {
        let schema = schema();
        for (pointer, fields, required, sample) in samples() {
            let d = def(&schema, pointer);
            let sample_keys = keys(&sample);
            assert_eq!(
                sample_keys,
                fields.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
                "the sample for `{pointer}` must use every field of the raw type"
            );
            assert_eq!(
                keys(&d["properties"]),
                sample_keys,
                "properties of `{pointer}`"
            );
            assert_eq!(strings(&d["required"]), required, "required of `{pointer}`");
            assert_eq!(
                d["additionalProperties"],
                json!(false),
                "`{pointer}` must refuse unknown keys"
            );
        }
    }

    #[test]
    fn the_closed_sets_are_the_models() {
        let s = schema();
        for (pointer, words) in [
            ("/$defs/claim/properties/status/enum", Status::WORDS),
            ("/$defs/response/properties/stance/enum", Stance::WORDS),
            ("/$defs/source/properties/kind/enum", SourceKind::WORDS),
            (
                "/$defs/source/properties/reliability/enum",
                Reliability::WORDS,
            ),
            ("/$defs/source/properties/interest/enum", Interest::WORDS),
        ] {
            let mut expected: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            expected.sort();
            assert_eq!(strings(def(&s, pointer)), expected, "{pointer}");
        }
    }

    const BASE: &str = "\
title: T
date: 2025-01-01
summary: S
tags: [a]
sources:
  - id: s
    name: S
    kind: media
    url: u
    reliability: B
    interest: none
claims:
  - id: c
    text: C
    source: s
    attribution: a
    date: 2025-01-02
    status: denied
    credibility: 3
    quote: q
    url: u
responses:
  - id: r
    text: R
    source: s
    date: 2025-01-03
    responds_to: [c]
    stance: denies
    credibility: 2
context:
  - id: x
    text: X
    credibility: 1
contradictions:
  - between: [c, x]
    note: n
";

    /// Replaces the first occurrence of `from` in [`BASE`] (which must be there).
    fn edit(from: &str, to: &str) -> String {
        assert!(BASE.contains(from), "BASE has no `{from}`");
        BASE.replacen(from, to, 1)
    }

    #[test]
    fn schema_and_loader_agree_on_structural_rules() {
        let validator = match jsonschema::validator_for(&schema()) {
            Ok(v) => v,
            Err(e) => panic!("schema does not compile: {e}"),
        };
        const ACCEPTED: &[&str] = &[
            "valid",
            "minimal",
            "empty optional values",
            "null optional values",
        ];
        let cases: Vec<(&str, String)> = vec![
            ("valid", BASE.to_string()),
            ("minimal", "title: T\ndate: 2025-01-01\nclaims: []\nresponses: []\ncontext: []\n".into()),
            ("empty optional values", edit("summary: S", "summary:")),
            ("null optional values", BASE
                .replace("kind: media", "kind: ~")
                .replace("reliability: B", "reliability: null")
                .replace("status: denied", "status: ~")
                .replace("credibility: 3", "credibility: ~")
                .replace("attribution: a", "attribution: ~")
                .replace("date: 2025-01-02", "date: ~")
                .replace("source: s", "source: ~")
                .replace("note: n", "note: ~")),
            ("tags null", edit("tags: [a]", "tags: ~")),
            ("contradictions null", edit("contradictions:\n  - between: [c, x]\n    note: n\n", "contradictions: ~\n")),
            ("claims null", edit("claims:\n  - id: c", "claims: ~\nzz:\n  - id: c")),
            ("stance null", edit("stance: denies", "stance: ~")),
            ("credibility quoted", edit("credibility: 3", "credibility: '3'")),
            ("unknown top-level key", format!("{BASE}extra: 1\n")),
            ("unknown source key", edit("    kind: media", "    kind: media\n    rating: 3")),
            ("unknown claim key", edit("    status: denied", "    status: denied\n    credibilty: 3")),
            ("unknown response key", edit("    stance: denies", "    stance: denies\n    responds-to: [c]")),
            ("unknown context key", edit("    text: X", "    text: X\n    extra: 1")),
            ("unknown contradiction key", edit("    note: n", "    note: n\n    why: w")),
            ("missing title", edit("title: T\n", "")),
            ("missing date", edit("date: 2025-01-01\n", "")),
            ("missing claims", edit("claims:\n  - id: c\n    text: C\n    source: s\n    attribution: a\n    date: 2025-01-02\n    status: denied\n    credibility: 3\n    quote: q\n    url: u\n", "")),
            ("missing context", edit("context:\n  - id: x\n    text: X\n    credibility: 1\n", "")),
            ("missing source name", edit("    name: S\n", "")),
            ("missing item text", edit("    text: X\n", "")),
            ("missing stance", edit("    stance: denies\n", "")),
            ("missing responds_to", edit("    responds_to: [c]\n", "")),
            ("missing between", edit("  - between: [c, x]\n    note: n\n", "  - note: n\n")),
            ("bad stance", edit("stance: denies", "stance: refutes")),
            ("bad status", edit("status: denied", "status: false")),
            ("bad kind", edit("kind: media", "kind: blog")),
            ("bad reliability", edit("reliability: B", "reliability: b")),
            ("bad interest", edit("interest: none", "interest: some")),
            ("credibility 0", edit("credibility: 3", "credibility: 0")),
            ("credibility 7", edit("credibility: 3", "credibility: 7")),
            ("credibility as text", edit("credibility: 3", "credibility: three")),
            ("bad item id", edit("  - id: x", "  - id: x y")),
            ("bad source id", edit("  - id: s", "  - id: s.1")),
            ("non-ASCII id", edit("  - id: x", "  - id: 통행료")),
            ("date not YYYY-MM-DD", edit("date: 2025-01-01", "date: 2025-1-1")),
            ("date in words", edit("date: 2025-01-02", "date: yesterday")),
            ("empty title", edit("title: T", "title: ''")),
            ("blank title", edit("title: T", "title: '   '")),
            ("empty text", edit("text: X", "text: ''")),
            ("empty name", edit("name: S", "name: ''")),
            ("empty tag", edit("tags: [a]", "tags: [a, '']")),
            ("empty responds_to", edit("responds_to: [c]", "responds_to: []")),
            ("between one id", edit("between: [c, x]", "between: [c]")),
            ("between three ids", edit("between: [c, x]", "between: [c, x, r]")),
            ("between the same id twice", edit("between: [c, x]", "between: [c, c]")),
            ("tags not a list", edit("tags: [a]", "tags: a")),
            ("claims a mapping", edit("claims:\n  - id: c", "claims:\n    id: c")),
            ("title a list", edit("title: T", "title: [T]")),
            ("top level a list", "- title: T\n".into()),
        ];
        let mut disagreements = Vec::new();
        for (what, yaml) in &cases {
            let loader = load_str(yaml).is_ok();
            let json: Value = match serde_yaml::from_str(yaml) {
                Ok(v) => v,
                Err(e) => panic!("{what}: not YAML: {e}"),
            };
            let schema_ok = validator.is_valid(&json);
            if loader != schema_ok {
                disagreements.push(format!("{what}: loader {loader}, schema {schema_ok}"));
            }
            let expect_ok = ACCEPTED.contains(what);
            assert_eq!(loader, expect_ok, "{what}: the case must test a rule");
        }
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }

    /// Where the two part ways on purpose, pinned so a change to either is noticed.
    #[test]
    fn known_differences_between_schema_and_loader() {
        let validator = match jsonschema::validator_for(&schema()) {
            Ok(v) => v,
            Err(e) => panic!("schema does not compile: {e}"),
        };
        // (case, loader accepts, schema accepts)
        let cases = [
            // The loader reads a plain number, boolean or null as the string it spells; the
            // schema asks for a string so the editor suggests quoting `title: 2025`.
            (
                "number as a string field",
                edit("title: T", "title: 2025"),
                true,
                false,
            ),
            (
                "boolean as a string field",
                edit("quote: q", "quote: true"),
                true,
                false,
            ),
            (
                "null as a required string",
                edit("title: T", "title: null"),
                true,
                false,
            ),
            // Checks that need the whole file: left to `brief check`.
            (
                "unknown source",
                edit(
                    "    source: s\n    attribution",
                    "    source: t\n    attribution",
                ),
                false,
                true,
            ),
            (
                "duplicate item id",
                edit("  - id: x", "  - id: c"),
                false,
                true,
            ),
            (
                "responds_to a context item",
                edit("responds_to: [c]", "responds_to: [x]"),
                false,
                true,
            ),
            (
                "between an unknown id",
                edit("between: [c, x]", "between: [c, nope]"),
                false,
                true,
            ),
            (
                "not a calendar day",
                edit("date: 2025-01-01", "date: 2025-02-30"),
                false,
                true,
            ),
        ];
        for (what, yaml, loader, schema_ok) in cases {
            let json: Value = match serde_yaml::from_str(&yaml) {
                Ok(v) => v,
                Err(e) => panic!("{what}: not YAML: {e}"),
            };
            assert_eq!(load_str(&yaml).is_ok(), loader, "{what}: loader");
            assert_eq!(validator.is_valid(&json), schema_ok, "{what}: schema");
        }
    }

    /// Every optional key set to null in turn: both read a scalar one as absent and refuse a
    /// list (`tags`, `sources`, `contradictions`) set to null. (A required key set to
    /// null the schema refuses; the loader reads a plain `null` in a string field as the text
    /// "null", like any other plain scalar, and validates that.)
    #[test]
    fn schema_and_loader_agree_on_null_for_every_key() {
        let validator = match jsonschema::validator_for(&schema()) {
            Ok(v) => v,
            Err(e) => panic!("schema does not compile: {e}"),
        };
        let [(_, _, _, top), ..] = samples();
        let text = top.to_string();
        assert!(load_str(&text).is_ok(), "the complete sample loads");
        let (mut checked, mut accepted) = (0, 0);
        for at in [
            "",
            "/sources/0",
            "/claims/0",
            "/responses/0",
            "/context/0",
            "/contradictions/0",
        ] {
            let Some(keys) = top
                .pointer(at)
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect::<Vec<_>>())
            else {
                panic!("sample has no {at}")
            };
            let required = strings(&def(&schema(), pointer_of(at))["required"]);
            for key in keys {
                let mut doc = top.clone();
                if let Some(v) = doc.pointer_mut(&format!("{at}/{key}")) {
                    *v = Value::Null;
                }
                // JSON is YAML: the loader reads the same document the validator checks.
                if required.contains(&key) {
                    assert!(!validator.is_valid(&doc), "`{at}/{key}: null` is refused");
                } else {
                    let loader = load_str(&doc.to_string()).is_ok();
                    assert_eq!(
                        validator.is_valid(&doc),
                        loader,
                        "`{at}/{key}: null`: schema vs loader"
                    );
                    accepted += usize::from(loader);
                    checked += 1;
                }
            }
        }
        // Optional keys: 4 top-level, 4 per source, 7 per claim, 6 per response and per context
        // item, 1 per contradiction.
        assert_eq!(checked, 4 + 4 + 7 + 6 + 6 + 1);
        assert_eq!(accepted, checked - 3);
    }
}
