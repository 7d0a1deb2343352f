//! `brief schema`: the JSON Schema (draft-07) of the briefing format, for editors whose YAML
//! language server completes and checks files against a schema. Draft-07 because that is the
//! draft those servers support fully.
//!
//! Derived from the loader's raw types (`briefing::raw`, `#[derive(JsonSchema)]`): every key
//! they read is in it, with `additionalProperties: false` where they deny unknown fields and
//! `required` where serde has no default; the doc comments on their fields are the descriptions,
//! the closed sets the model's word lists. What a schema cannot say (ids that must resolve, ids
//! unique across sections, real calendar dates) is left to `brief check`.

use std::io::{self, Write};

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::Schema;
use serde_json::Value;

use crate::briefing::raw::RawBriefing;

/// The `$schema` of the output.
pub const DIALECT: &str = "http://json-schema.org/draft-07/schema#";

/// The schema as a JSON value.
pub fn schema() -> Value {
    let mut schema = SchemaSettings::draft07()
        .with_transform(RecursiveTransform(tidy as fn(&mut Schema)))
        .into_generator()
        .into_root_schema_for::<RawBriefing>();
    schema.insert("$schema".into(), DIALECT.into());
    schema.insert("title".into(), "brief briefing".into());
    schema.to_value()
}

/// What the derivation adds that the schema should not say: a doc comment's line breaks are not
/// the description's, and the `default` serde fills in (null, an empty list) means "absent",
/// which `required` already says and an editor should not insert as a value.
fn tidy(schema: &mut Schema) {
    if let Some(Value::String(d)) = schema.get_mut("description") {
        *d = d.replace('\n', " ");
    }
    schema.remove("default");
}

/// Writes the schema, pretty-printed, `$schema` and the top-level description first and the
/// definitions last (a JSON object's keys are otherwise sorted), with a final newline.
pub fn write(out: &mut impl Write) -> io::Result<()> {
    write_value(out, schema())
}

/// [`write`] for any schema: `brief schema --export` writes the export's this way.
pub fn write_value(out: &mut impl Write, schema: Value) -> io::Result<()> {
    const FIRST: [&str; 8] = [
        "$schema",
        "title",
        "description",
        "type",
        "additionalProperties",
        "required",
        "properties",
        "definitions",
    ];
    let Value::Object(map) = schema else {
        return Err(io::Error::other("the schema is not an object"));
    };
    let rest = map.iter().filter(|(k, _)| !FIRST.contains(&k.as_str()));
    let first = FIRST.iter().filter_map(|k| map.get_key_value(*k));
    let entries: Vec<_> = first.chain(rest).collect();
    writeln!(out, "{{")?;
    for (i, (key, value)) in entries.iter().enumerate() {
        let value = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        let key = serde_json::to_string(key).map_err(io::Error::other)?;
        let comma = if i + 1 < entries.len() { "," } else { "" };
        writeln!(out, "  {key}: {}{comma}", value.replace('\n', "\n  "))?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load::{load_bytes, load_str};
    use jsonschema::Validator;
    use serde_json::json;
    use std::path::{Path, PathBuf};

    /// The schema compiled as a draft-07 validator, as an editor's language server reads it.
    fn validator() -> Validator {
        match jsonschema::draft7::new(&schema()) {
            Ok(v) => v,
            Err(e) => panic!("the schema does not compile as draft-07: {e}"),
        }
    }

    /// The same, with `format` an annotation only (as a validator may treat it): what the
    /// schema's other keywords say alone.
    fn without_formats() -> Validator {
        match jsonschema::draft7::options()
            .should_validate_formats(false)
            .build(&schema())
        {
            Ok(v) => v,
            Err(e) => panic!("the schema does not compile as draft-07: {e}"),
        }
    }

    /// YAML as the JSON a validator sees (an editor drops a leading BOM).
    fn json_of(yaml: &str) -> Value {
        match serde_yaml::from_str(yaml.trim_start_matches('\u{feff}')) {
            Ok(v) => v,
            Err(e) => panic!("not YAML: {e}\n{yaml}"),
        }
    }

    /// The keywords of the rules a document breaks (the last step of each error's schema path).
    fn broken(v: &Validator, doc: &Value) -> Vec<String> {
        let mut k: Vec<String> = v
            .iter_errors(doc)
            .filter_map(|e| {
                e.schema_path
                    .as_str()
                    .rsplit('/')
                    .next()
                    .map(str::to_string)
            })
            .collect();
        k.sort();
        k.dedup();
        k
    }

    fn fixtures(dir: &str) -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir);
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(d) => d.flatten().map(|e| e.path()).collect(),
            Err(e) => panic!("{}: {e}", dir.display()),
        };
        files.sort();
        files
    }

    fn fixture(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/invalid")
            .join(name);
        match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => panic!("{}: {e}", path.display()),
        }
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
                "{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n  \"title\": \"brief briefing\",\n  \"description\": \"A news briefing"
            ),
            "{text}"
        );
        assert!(text.ends_with("}\n"));
        let parsed: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(parsed, schema());
    }

    /// Valid by the draft-07 meta-schema, and in draft-07's own terms: the meta-schema lets any
    /// unknown keyword through, so the later drafts' words are looked for too.
    #[test]
    fn the_schema_is_valid_draft_07() {
        let s = schema();
        assert_eq!(s["$schema"], DIALECT);
        if let Err(e) = jsonschema::draft7::meta::validate(&s) {
            panic!("not a valid draft-07 schema: {e}");
        }
        fn walk(v: &Value, root: &Value, refs: &mut usize) {
            const LATER: [&str; 8] = [
                "$defs",
                "prefixItems",
                "unevaluatedProperties",
                "unevaluatedItems",
                "dependentRequired",
                "dependentSchemas",
                "$anchor",
                "$dynamicRef",
            ];
            match v {
                Value::Object(o) => {
                    for (k, v) in o {
                        assert!(!LATER.contains(&k.as_str()), "`{k}` is not draft-07");
                        if k == "$ref" {
                            let target = v.as_str().and_then(|r| r.strip_prefix('#'));
                            assert!(
                                target
                                    .is_some_and(|t| t.starts_with("/definitions/")
                                        && root.pointer(t).is_some()),
                                "`$ref: {v}` does not name one of the definitions"
                            );
                            *refs += 1;
                        }
                        walk(v, root, refs);
                    }
                }
                Value::Array(a) => a.iter().for_each(|v| walk(v, root, refs)),
                _ => {}
            }
        }
        let mut refs = 0;
        walk(&s, &s, &mut refs);
        assert_eq!(
            refs, 6,
            "sources, claims, responses, context, contradictions and judgments"
        );
    }

    /// Every briefing `brief` ships and every fixture `brief check` accepts validates.
    #[test]
    fn every_bundled_briefing_and_valid_fixture_validates() {
        let v = validator();
        let mut docs: Vec<(String, String)> = crate::bundled::BUNDLED
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        for dir in [
            "valid",
            "warnings",
            "reader",
            "layout",
            "hostile",
            "provenance",
        ] {
            for path in fixtures(dir) {
                let bytes = std::fs::read(&path).unwrap_or_default();
                let name = path.display().to_string();
                assert!(
                    load_bytes(&bytes).is_ok(),
                    "{name}: `brief check` refuses it"
                );
                docs.push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
        assert!(docs.len() > 10, "{} documents", docs.len());
        for (name, text) in docs {
            let errors: Vec<String> = v
                .iter_errors(&json_of(&text))
                .map(|e| format!("{}: {e}", e.instance_path))
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
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
    via: [s]
    anonymous: false
contradictions:
  - between: [c, x]
    note: n
judgments:
  - id: j
    text: J
    likelihood: likely
    confidence: moderate
    rests_on: [c]
    against: [r]
    assumptions: [A]
";

    /// Replaces the first occurrence of `from` in [`BASE`] (which must be there).
    fn edit(from: &str, to: &str) -> String {
        assert!(BASE.contains(from), "BASE has no `{from}`");
        BASE.replacen(from, to, 1)
    }

    #[test]
    fn schema_and_loader_accept_the_same_complete_and_minimal_documents() {
        let v = validator();
        let nulls = BASE
            .replace("kind: media", "kind: ~")
            .replace("reliability: B", "reliability: null")
            .replace("status: denied", "status: ~")
            .replace("credibility: 3", "credibility: ~")
            .replace("attribution: a", "attribution: ~")
            .replace("date: 2025-01-02", "date: ~")
            .replace("source: s", "source: ~")
            .replace("note: n", "note: ~");
        for (what, yaml) in [
            ("complete", BASE.to_string()),
            (
                "minimal",
                "title: T\ndate: 2025-01-01\nclaims: []\nresponses: []\ncontext: []\n".into(),
            ),
            ("empty optional value", edit("summary: S", "summary:")),
            ("null optional values", nulls),
        ] {
            assert!(load_str(&yaml).is_ok(), "{what}: the loader refuses it");
            assert_eq!(broken(&v, &json_of(&yaml)), Vec::<String>::new(), "{what}");
        }
    }

    /// Files in `tests/fixtures/invalid/` that break a structural rule, with the keywords of the
    /// rules they break.
    const BROKEN_FIXTURES: &[(&str, &str)] = &[
        ("unknown-top-key.yaml", "additionalProperties"),
        // `respond_to` for `responds_to`: an unknown key, and a required one missing.
        ("unknown-item-key.yaml", "additionalProperties required"),
        ("missing-title.yaml", "required"),
        ("missing-claims.yaml", "required"),
        ("missing-id.yaml", "required"),
        ("missing-text.yaml", "required"),
        ("missing-stance.yaml", "required"),
        ("claims-not-a-list.yaml", "type"),
        ("tags-not-a-list.yaml", "type"),
        ("credibility-not-a-number.yaml", "type"),
        ("top-level-list.yaml", "type"),
        ("top-level-scalar.yaml", "type"),
        ("bad-stance.yaml", "enum"),
        ("bad-status.yaml", "enum"),
        ("bad-kind.yaml", "enum"),
        ("bad-reliability.yaml", "enum"),
        ("bad-interest.yaml", "enum"),
        ("malformed-id.yaml", "pattern"),
        ("bad-item-date.yaml", "pattern"),
        ("empty-title.yaml", "pattern"),
        ("empty-text.yaml", "pattern"),
        ("bad-credibility.yaml", "maximum"),
        ("responds-to-empty.yaml", "minItems"),
        ("between-one.yaml", "minItems"),
        ("between-three.yaml", "maxItems"),
        ("between-same.yaml", "uniqueItems"),
    ];

    /// The rules no fixture breaks alone: [`BASE`] with `from` replaced by `to`.
    const BROKEN_EDITS: &[(&str, &str, &str)] = &[
        (
            "    kind: media",
            "    kind: media\n    rating: 3",
            "additionalProperties",
        ),
        (
            "    status: denied",
            "    status: denied\n    credibilty: 3",
            "additionalProperties",
        ),
        (
            "    text: X",
            "    text: X\n    extra: 1",
            "additionalProperties",
        ),
        (
            "    note: n",
            "    note: n\n    why: w",
            "additionalProperties",
        ),
        ("date: 2025-01-01\n", "", "required"),
        (
            "context:\n  - id: x\n    text: X\n    credibility: 1\n",
            "",
            "required",
        ),
        ("    responds_to: [c]\n", "", "required"),
        ("    name: S\n", "", "required"),
        (
            "  - between: [c, x]\n    note: n\n",
            "  - note: n\n",
            "required",
        ),
        ("claims:\n  - id: c", "claims:\n    id: c", "type"),
        ("title: T", "title: [T]", "type"),
        ("credibility: 3", "credibility: '3'", "type"),
        ("tags: [a]", "tags: ~", "type"),
        (
            "contradictions:\n  - between: [c, x]\n    note: n\n",
            "contradictions: ~\n",
            "type",
        ),
        ("stance: denies", "stance: ~", "enum type"),
        ("reliability: B", "reliability: b", "enum"),
        ("  - id: s", "  - id: s.1", "pattern"),
        ("  - id: x", "  - id: 통행 료", "pattern"),
        (
            "    source: s\n    attribution",
            "    source: s t\n    attribution",
            "pattern",
        ),
        ("responds_to: [c]", "responds_to: [c d]", "pattern"),
        ("between: [c, x]", "between: [c, 'x y']", "pattern"),
        ("date: 2025-01-01", "date: 2025-1-1", "pattern"),
        ("date: 2025-01-02", "date: yesterday", "pattern"),
        ("title: T", "title: '   '", "pattern"),
        ("name: S", "name: ''", "pattern"),
        ("tags: [a]", "tags: [a, '']", "pattern"),
        ("credibility: 3", "credibility: 0", "minimum"),
    ];

    /// Each kind of structural error a schema can express: the loader refuses the document, and
    /// the schema refuses it by exactly the rules the case breaks (the keyword of every error),
    /// so a rule the schema stopped expressing fails its case. (Formats are left out, so that
    /// the date cases prove the pattern.)
    #[test]
    fn each_structural_rule_is_in_the_schema_and_the_loader() {
        let v = without_formats();
        let fixtures = BROKEN_FIXTURES
            .iter()
            .map(|(name, rules)| (name.to_string(), fixture(name), *rules));
        let edits = BROKEN_EDITS
            .iter()
            .map(|(from, to, rules)| (format!("`{from}` → `{to}`"), edit(from, to), *rules));
        let mut wrong = Vec::new();
        for (what, yaml, rules) in fixtures.chain(edits) {
            if load_str(&yaml).is_ok() {
                wrong.push(format!("{what}: the loader accepts it"));
            }
            let got = broken(&v, &json_of(&yaml));
            if got != rules.split(' ').collect::<Vec<_>>() {
                wrong.push(format!("{what}: the schema breaks {got:?}, not `{rules}`"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// Where the two part ways on purpose, pinned so a change to either is noticed.
    #[test]
    fn known_differences_between_schema_and_loader() {
        let v = validator();
        let no_formats = without_formats();
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
                fixture("unknown-source.yaml"),
                false,
                true,
            ),
            (
                "duplicate item id",
                fixture("duplicate-id.yaml"),
                false,
                true,
            ),
            (
                "duplicate source id",
                fixture("duplicate-source-id.yaml"),
                false,
                true,
            ),
            (
                "responds_to a context item",
                fixture("responds-to-context.yaml"),
                false,
                true,
            ),
            (
                "responds_to an unknown id",
                fixture("responds-to-unknown.yaml"),
                false,
                true,
            ),
            (
                "between an unknown id",
                fixture("between-missing.yaml"),
                false,
                true,
            ),
        ];
        for (what, yaml, loader, schema_ok) in cases {
            assert_eq!(load_str(&yaml).is_ok(), loader, "{what}: loader");
            assert_eq!(v.is_valid(&json_of(&yaml)), schema_ok, "{what}: schema");
        }
        // Real calendar dates: `format: date` catches them only where the validator asserts
        // formats (this one does for draft-07; an editor need not), so they stay `brief check`'s.
        for (what, yaml) in [
            ("month 13", fixture("bad-date.yaml")),
            ("February 30", edit("date: 2025-01-01", "date: 2025-02-30")),
        ] {
            let doc = json_of(&yaml);
            assert!(load_str(&yaml).is_err(), "{what}: loader");
            assert_eq!(broken(&v, &doc), ["format"], "{what}: asserting formats");
            assert!(no_formats.is_valid(&doc), "{what}: formats as annotations");
        }
    }

    /// Every key set to null in turn: a required one the schema refuses; an optional one both
    /// read as absent when it is a scalar and refuse when it is a list (`tags`, `sources`,
    /// `contradictions`). (The loader reads a plain `null` in a required string field as the
    /// text "null", like any other plain scalar: see above.)
    #[test]
    fn schema_and_loader_agree_on_null_for_every_key() {
        let v = validator();
        let item = json!({"id": "c", "text": "T", "source": "s", "attribution": "a",
            "date": "2025-01-01", "credibility": 2, "quote": "q", "url": "u"});
        let (mut claim, mut response) = (item.clone(), item.clone());
        claim["status"] = json!("reported");
        response["id"] = json!("r");
        response["responds_to"] = json!(["c"]);
        response["stance"] = json!("denies");
        let mut context = item;
        context["id"] = json!("x");
        let top = json!({"title": "T", "date": "2025-01-01", "summary": "s", "tags": ["t"],
            "sources": [{"id": "s", "name": "S", "kind": "media", "url": "u",
                "reliability": "A", "interest": "party"}],
            "claims": [claim], "responses": [response], "context": [context],
            "contradictions": [{"between": ["c", "x"], "note": "n"}]});
        // JSON is YAML: the loader reads the same document the validator checks.
        assert!(
            load_str(&top.to_string()).is_ok(),
            "the complete sample loads"
        );
        assert!(v.is_valid(&top));
        let s = schema();
        let (mut checked, mut accepted) = (0, 0);
        for (at, def) in [
            ("", ""),
            ("/sources/0", "/definitions/source"),
            ("/claims/0", "/definitions/claim"),
            ("/responses/0", "/definitions/response"),
            ("/context/0", "/definitions/context"),
            ("/contradictions/0", "/definitions/contradiction"),
        ] {
            let keys: Vec<String> = top
                .pointer(at)
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            let required = s
                .pointer(&format!("{def}/required"))
                .cloned()
                .unwrap_or_default();
            for key in keys {
                let mut doc = top.clone();
                if let Some(v) = doc.pointer_mut(&format!("{at}/{key}")) {
                    *v = Value::Null;
                }
                if required.as_array().is_some_and(|r| r.contains(&json!(key))) {
                    assert!(!v.is_valid(&doc), "`{at}/{key}: null` is refused");
                } else {
                    let loader = load_str(&doc.to_string()).is_ok();
                    assert_eq!(
                        v.is_valid(&doc),
                        loader,
                        "`{at}/{key}: null`: schema vs loader"
                    );
                    accepted += usize::from(loader);
                    checked += 1;
                }
            }
        }
        // Optional keys: 4 top-level, 4 per source, 7 per claim, 6 per response and per context
        // item, 1 per contradiction; all but the three lists accept null.
        assert_eq!(checked, 4 + 4 + 7 + 6 + 6 + 1);
        assert_eq!(accepted, checked - 3);
    }
}
