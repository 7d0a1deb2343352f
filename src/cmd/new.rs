//! `brief new [TITLE]`: a skeleton briefing on stdout (`brief new "Title" > file.yaml`; brief
//! writes no briefing file itself). Every section is there with one example item, so the shape
//! of each is in front of the writer, and it passes `brief check` as it is.
//!
//! The first line is the modeline yaml-language-server reads (VS Code's YAML extension, Neovim's
//! yamlls, Helix); the second is JetBrains' form. Both name the schema `brief schema` writes,
//! by default where the docs put it: `$XDG_CONFIG_HOME/brief/briefing.schema.json`.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::briefing::Date;

/// Where `brief new` points the modeline unless told: beside the config file.
pub fn default_schema() -> String {
    crate::config::default_path()
        .and_then(|p| p.parent().map(|d| d.join("briefing.schema.json")))
        .unwrap_or_else(|| PathBuf::from("./brief.schema.json"))
        .display()
        .to_string()
}

/// Today, in UTC, from the system clock (1970-01-01 if the clock is before it).
pub fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    from_days(i64::try_from(days).unwrap_or(0))
}

/// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
fn from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: i32::try_from(year).unwrap_or(1970),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

/// A YAML scalar holding `s` exactly: a JSON string is a YAML 1.2 double-quoted scalar, with
/// every control character escaped.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes the skeleton titled `title` (a placeholder when None), dated `date`, whose modeline
/// names `schema`. A schema path with a line break would end the comment: it is refused.
pub fn write(
    out: &mut impl Write,
    title: Option<&str>,
    date: Date,
    schema: &str,
) -> io::Result<()> {
    if schema.chars().any(char::is_control) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the schema's path or URL holds a control character",
        ));
    }
    // An empty title would not pass `brief check`: it gets the placeholder too.
    let title = quoted(
        title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or("What happened, in one line"),
    );
    write!(
        out,
        "\
# yaml-language-server: $schema={schema}
# $schema: {schema}
# A briefing for brief: `brief check` this file, `brief` to read it. The format: `brief schema`,
# and docs/format.md. Replace the examples; every id must be unique in the file.
title: {title}
date: {date}
summary: >
  What is being claimed, by whom, and where it stands, in a few sentences.
tags: [example]

sources:
  - id: first-outlet
    name: The outlet that first reported it
    kind: media
    url: https://news.example/
    reliability: C
    interest: none
  - id: ministry
    name: The ministry concerned
    kind: government
    reliability: B
    interest: party

claims:
  - id: the-claim
    text: >
      What was reported, in your words.
    source: first-outlet
    attribution: unnamed officials
    date: {date}
    status: denied
    credibility: 3
    quote: the words quoted, exactly

responses:
  - id: the-denial
    text: >
      What the ministry said in answer.
    source: ministry
    date: {date}
    stance: denies
    responds_to: [the-claim]

context:
  - id: background
    text: >
      What a reader needs to know to weigh the claim.
    source: first-outlet

contradictions: []
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_1970() {
        let d = |days| from_days(days).to_string();
        assert_eq!(d(0), "1970-01-01");
        assert_eq!(d(20_230), "2025-05-22");
        assert_eq!(d(19_782), "2024-02-29");
        assert_eq!(d(-1), "1969-12-31");
        for days in [-800_000, -1, 0, 59, 60, 10_957, 20_230, 2_000_000] {
            assert_eq!(from_days(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn the_skeleton_loads_without_a_problem_and_holds_the_title_as_given() {
        let date = Date::parse("2025-06-01").unwrap_or(today());
        let title = "Ministry \"denies\" it: 100% #1 \u{1b}[31m";
        let mut out = Vec::new();
        write(&mut out, Some(title), date, "/s/briefing.schema.json").unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=/s/briefing.schema.json\n"));
        assert!(text.contains("\n# $schema: /s/briefing.schema.json\n"));
        let doc = crate::briefing::Document::from_text("new.yaml", &text).unwrap();
        assert_eq!(doc.briefing.title, title);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let mut out = Vec::new();
        assert!(write(&mut out, None, date, "a\nb").is_err());
    }
}
