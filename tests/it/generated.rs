//! The benchmarks' generator (`crates/briefgen`) writes what it promises: briefings that load
//! with no error and no warning, shaped as asked, the same bytes for the same spec, and YAML
//! scalars that read back as the strings they quote.

use brief::briefing::load::load_str;
use brief::briefing::{Briefing, Relations, Stance};

#[track_caller]
fn loads_clean(text: &str) -> Briefing {
    match load_str(text) {
        Ok(l) => {
            assert!(l.warnings.is_empty(), "warnings: {:?}", l.warnings);
            l.briefing
        }
        Err(d) => panic!(
            "generated briefing does not load: {:?}",
            &d[..d.len().min(5)]
        ),
    }
}

#[test]
fn big_briefing_is_valid_and_shaped_as_asked() {
    let text = briefgen::big(600);
    assert_eq!(text, briefgen::big(600), "same spec, same bytes");
    let b = loads_clean(&text);
    assert_eq!(
        (b.claims.len(), b.responses.len(), b.context.len()),
        (600, 600, 600)
    );
    let denials = b
        .responses
        .iter()
        .filter(|r| r.stance == Some(Stance::Denies))
        .count();
    assert_eq!(denials, 200, "a third of the responses deny");
    assert!(
        b.claims.iter().any(|c| c.text.contains("했다")),
        "some Korean"
    );
    let words: Vec<usize> = b
        .context
        .iter()
        .map(|c| c.text.split_whitespace().count())
        .collect();
    assert!(words.iter().all(|&w| w >= 10) && words.iter().any(|&w| w >= 40));
    let rel = Relations::derive(&b);
    assert!(rel.pairs.iter().any(|p| p.note.is_some()));
    assert!((0..b.claims.len()).all(|c| rel.answers(c).next().is_some()));
}

#[test]
fn library_briefings_are_valid_and_differ() {
    let texts: Vec<String> = (0..60).map(briefgen::ordinary).collect();
    for t in &texts {
        loads_clean(t);
    }
    assert_ne!(texts[0], texts[1]);
}

#[test]
fn quoting_round_trips() {
    for s in ["yes", "a: b", "#x", "12", "it's fine", "\"q\"", "x\\y"] {
        let yaml = format!("v: {}", briefgen::scalar(s));
        let v: std::collections::HashMap<String, String> =
            serde_yaml::from_str(&yaml).unwrap_or_default();
        assert_eq!(v.get("v").map(String::as_str), Some(s), "{yaml}");
    }
}
