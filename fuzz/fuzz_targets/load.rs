//! Target (a): any bytes -> `load_bytes`. A briefing that loads has its relations derived and
//! every text wrapped at a few widths (one input in eight with its first text grown to 256 KB);
//! a refusal must come with diagnostics. Whatever the input,
//! nothing it shows may hold a control character, and nothing may panic.

#![no_main]

use brief::briefing::{load_bytes, Diagnostic, Relations};
use brief::text;
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

const WIDTHS: [usize; 4] = [1, 7, 40, 120];

/// Nothing that acts on a terminal or hides text (joiners and direction marks are text).
fn assert_inert(shown: &str) {
    for c in shown.chars().filter(|&c| c != '\n') {
        assert!(
            !brief::testing::hostile(c) || is_flag_tag(shown, c),
            "{c:?} reached the output in {shown:?}"
        );
    }
}

/// A tag character kept inside a subdivision flag (🏴 and tag letters).
fn is_flag_tag(shown: &str, c: char) -> bool {
    matches!(c, '\u{e0020}'..='\u{e007f}') && shown.contains('\u{1f3f4}')
}

fn exercise(s: &str) {
    assert_inert(&text::sanitize(s));
    assert_inert(&text::sanitize_line(s));
    for width in WIDTHS {
        let lines = text::wrap(s, width);
        assert!(!lines.is_empty());
        for line in &lines {
            assert_inert(line);
            assert!(!line.contains('\n'));
            // A grapheme wider than the line still has to go somewhere: alone on its line.
            let widest = line
                .graphemes(true)
                .map(text::grapheme_width)
                .max()
                .unwrap_or(0);
            assert!(
                text::width(line) <= width.max(widest),
                "{line:?} is wider than {width}"
            );
        }
        let cut = text::truncate(&text::sanitize_line(s), width).into_owned();
        assert!(text::width(&cut) <= width.max(1));
    }
}

/// About how long a grown text is: hundreds of KB, which a 16 KiB input cannot reach.
const GROWN: usize = 256 * 1024;

/// `s` repeated to [`GROWN`] bytes, wrapped and cut at two widths: the wrapping stays linear
/// and every line still fits (a quadratic pass over a text this long passes `-timeout=1`).
fn exercise_grown(s: &str) {
    let unit = format!("{} ", s.trim_end());
    let long = unit.repeat(GROWN / unit.len().max(1) + 1);
    let clean = text::sanitize(&long);
    assert_inert(&clean);
    for width in [40, 120] {
        for line in text::wrap(&long, width) {
            let widest = line
                .graphemes(true)
                .map(text::grapheme_width)
                .max()
                .unwrap_or(0);
            assert!(text::width(&line) <= width.max(widest));
        }
        assert!(text::width(&text::truncate(&text::sanitize_line(&long), width)) <= width);
    }
}

fn check_diagnostics(diags: &[Diagnostic], source: Option<&str>) {
    for d in diags {
        assert_inert(&d.short("fuzz.yaml"));
        if let Some((_, shown, _)) = source.and_then(|s| d.excerpt(s)) {
            assert_inert(&shown);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let source = std::str::from_utf8(data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)).ok();
    match load_bytes(data) {
        Ok(loaded) => {
            check_diagnostics(&loaded.warnings, source);
            let b = &loaded.briefing;
            let relations = Relations::derive(b);
            for pair in &relations.pairs {
                assert!(b.item(pair.left).is_some() && b.item(pair.right).is_some());
            }
            exercise(&b.title);
            b.summary.as_deref().map(exercise);
            b.tags.iter().for_each(|t| exercise(t));
            for s in &b.sources {
                exercise(&s.name);
                s.url.as_deref().map(exercise);
            }
            // One input in eight also has its first text grown to hundreds of KB.
            if data.len() % 8 == 0 {
                if let Some((_, item)) = b.items().next() {
                    exercise_grown(&item.text);
                }
            }
            for (_, item) in b.items() {
                exercise(&item.text);
                for s in [&item.attribution, &item.quote, &item.url] {
                    s.as_deref().map(exercise);
                }
            }
            for c in &b.contradictions {
                c.note.as_deref().map(exercise);
            }
        }
        Err(diags) => {
            assert!(!diags.is_empty(), "refused without a reason");
            check_diagnostics(&diags, source);
        }
    }
});
