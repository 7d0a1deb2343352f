//! Target (a'): the nesting guard against libyaml itself. `prescan` must refuse every text in
//! which libyaml builds nesting deeper than serde_yaml's recursion limit (128): if it accepts
//! one, a quote, scalar or comment fooled it and real nesting would reach the parser unseen.
//! Each input is tried as it is and with deep nesting appended in a few places, so the fuzzer
//! only has to find a prefix that puts the guard out of step with the parser.

#![no_main]

use brief::briefing::prescan::prescan;
use libfuzzer_sys::fuzz_target;

const DEPTH: usize = 140;

fn libyaml_nests_too_deep(text: &str) -> bool {
    // An alias inside its own anchor (`&a [*a]`) recurses without any nesting in the text; the
    // recursion limit stops it quickly and it is not the guard's business.
    if text.contains('*') {
        return false;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Err(e) => e.to_string().starts_with("recursion limit exceeded"),
        Ok(_) => false,
    }
}

fn check(text: &str) {
    if prescan(text).is_none() {
        assert!(
            !libyaml_nests_too_deep(text),
            "prescan let nesting through: {text:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Keep each run fast: the appended nesting is what matters, not a long prefix.
    if text.len() > 4096 {
        return;
    }
    check(text);
    let open = "[".repeat(DEPTH);
    let close = "]".repeat(DEPTH);
    for tail in [
        format!("{open}{close}"),
        format!("\n{open}{close}\n"),
        format!("\nk: {open}{close}\n"),
        format!("\n  - {open}{close}\n"),
        format!(" {open}{close}"),
        format!(", {open}{close}]"),
    ] {
        check(&format!("{text}{tail}"));
    }
});
