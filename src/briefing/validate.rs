//! Validation: a parsed briefing and its source map in, every problem with its position out.
//!
//! Runs after the parser has accepted the shape of the file. Reports all problems, not just the
//! first: malformed and duplicate ids, dangling references, values outside their sets, dates that
//! are not days, empty texts; and the warnings that keep exit status 0.

/// The id tables: foldhash, seeded per process, is several times faster than SipHash on ids.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

use super::diagnostic::Diagnostic;
use super::model::{
    Confidence, Date, Interest, Likelihood, Pos, Reliability, Section, SourceKind, Stance, Status,
};
use super::raw::{ItemView, RawBriefing};
use super::srcmap::LazyMap;

/// Suggestions cost a scan of the candidates; past this many errors, stop offering them.
const MAX_SUGGESTIONS: usize = 32;

/// Letters, marks and digits of any script, `-` and `_`, and the joiners Persian and Indic
/// words are spelt with (ZWNJ, ZWJ): `withdrawal-option`, `통행료`, `ادعاء-1`, `می‌خواهم`.
pub const ID_PATTERN: &str = "^[\\p{L}\\p{M}\\p{N}\\u{200C}\\u{200D}_-]+$";

pub fn is_valid_id(id: &str) -> bool {
    if id.is_ascii() {
        return !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    }
    static ID: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    ID.get_or_init(|| regex::Regex::new(ID_PATTERN).ok())
        .as_ref()
        .is_some_and(|re| re.is_match(id))
}

struct Checker {
    out: Vec<Diagnostic>,
    suggestions: usize,
}

impl Checker {
    fn error(&mut self, pos: Pos, message: String) {
        self.out.push(Diagnostic::error(pos, message));
    }

    fn warning(&mut self, pos: Pos, message: String) {
        self.out.push(Diagnostic::warning(pos, message));
    }

    fn check_word<T>(
        &mut self,
        pos: impl FnOnce() -> Pos,
        field: &str,
        value: &str,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
    ) {
        if parse(value).is_none() {
            let hint = self.suggest(value, words.iter().copied());
            self.error(
                pos(),
                format!(
                    "unknown {field} `{value}`; expected one of: {}{hint}",
                    words.join(", ")
                ),
            );
        }
    }

    fn check_date(&mut self, pos: impl FnOnce() -> Pos, field: &str, value: &str) {
        if Date::parse(value).is_none() {
            let shape_ok = value.len() == 10
                && value.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            let why = if shape_ok {
                "is not a real calendar date"
            } else {
                "is not a date in the form YYYY-MM-DD"
            };
            self.error(pos(), format!("{field} `{value}` {why}"));
        }
    }

    /// ` (did you mean `x`?)` for the closest candidate within a small edit distance.
    fn suggest<'c>(&mut self, wrong: &str, candidates: impl Iterator<Item = &'c str>) -> String {
        let len = wrong.chars().count();
        if self.suggestions >= MAX_SUGGESTIONS || !(3..=64).contains(&len) {
            return String::new();
        }
        self.suggestions += 1;
        let limit = (wrong.chars().count() / 3).clamp(1, 3);
        candidates
            .filter_map(|c| {
                let d = edit_distance(wrong, c, limit);
                (d <= limit).then_some((d, c))
            })
            .min()
            .map(|(_, c)| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default()
    }
}

/// Edit distance counting a swap of neighbours as one edit (optimal string alignment), giving up (returning `limit + 1`) once it must exceed `limit`.
pub(crate) fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    // Out-of-range reads (never made: the rows are `b.len() + 1` long) count as far away.
    let at = |row: &[usize], k: usize| row.get(k).copied().unwrap_or(limit + 1);
    for (i, ca) in a.iter().enumerate() {
        if let Some(c) = cur.first_mut() {
            *c = i + 1;
        }
        let mut row_min = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut best = (at(&prev, j) + cost)
                .min(at(&prev, j + 1) + 1)
                .min(at(&cur, j) + 1);
            if i > 0 && j > 0 && a.get(i) == b.get(j - 1) && a.get(i - 1) == b.get(j) {
                best = best.min(at(&before, j - 1) + 1);
            }
            if let Some(c) = cur.get_mut(j + 1) {
                *c = best;
            }
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    at(&prev, b.len())
}

/// Every problem in `raw`, sorted by position. Errors make the file fail to load.
///
/// Positions are looked up only for the problems found, so a file without any never builds the
/// full source map.
pub fn validate(raw: &RawBriefing, lazy: &LazyMap) -> Vec<Diagnostic> {
    let mut c = Checker {
        out: Vec::new(),
        suggestions: 0,
    };
    let map = || lazy.get();
    let top = |key: &str| map().top(key).map_or(Pos::default(), |k| k.value);

    if raw.title.trim().is_empty() {
        c.error(top("title"), "title is empty".into());
    }
    c.check_date(|| top("date"), "date", &raw.date);
    for (i, tag) in raw.tags.iter().enumerate() {
        if tag.trim().is_empty() {
            let pos = map()
                .top("tags")
                .and_then(|k| k.elems.get(i).copied())
                .unwrap_or(top("tags"));
            c.error(pos, "tag is empty".into());
        }
    }

    // Sources: ids unique among sources.
    let n_sources = raw.sources.len();
    // Each id's first declaration, by index.
    let source_at = |i: usize, key: &str| map().value_pos("sources", i, n_sources, key);
    let mut source_ids: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(n_sources, Default::default());
    for (i, s) in raw.sources.iter().enumerate() {
        let at = |key: &str| source_at(i, key);
        check_id(&mut c, || at("id"), &s.id, "source");
        if let Some(&first) = source_ids.get(s.id.as_str()) {
            c.error(
                at("id"),
                format!(
                    "duplicate source id `{}` (first declared on line {})",
                    s.id,
                    source_at(first, "id").line
                ),
            );
        } else {
            source_ids.insert(&s.id, i);
        }
        if s.name.trim().is_empty() {
            c.error(at("name"), format!("source `{}` has an empty name", s.id));
        }
        if let Some(kind) = &s.kind {
            c.check_word(
                || at("kind"),
                "source kind",
                kind,
                SourceKind::parse,
                SourceKind::WORDS,
            );
        }
        if let Some(r) = &s.reliability {
            c.check_word(
                || at("reliability"),
                "reliability",
                r,
                Reliability::parse,
                Reliability::WORDS,
            );
        }
        if let Some(v) = &s.interest {
            c.check_word(
                || at("interest"),
                "interest",
                v,
                Interest::parse,
                Interest::WORDS,
            );
        }
    }

    // Items: ids unique across all three sections.
    let views: [Vec<ItemView>; 3] = [
        raw.claims.iter().map(|x| x.view()).collect(),
        raw.responses.iter().map(|x| x.view()).collect(),
        raw.context.iter().map(|x| x.view()).collect(),
    ];
    // Each id's section and place in it.
    let item_at = |section: Section, i: usize, key: &str| {
        let n = views.get(section.index()).map_or(0, Vec::len);
        map().value_pos(section.key(), i, n, key)
    };
    let mut item_ids: HashMap<&str, (Section, usize)> =
        HashMap::with_capacity_and_hasher(views.iter().map(Vec::len).sum(), Default::default());
    let mut used_sources: HashSet<&str> =
        HashSet::with_capacity_and_hasher(n_sources, Default::default());
    for section in Section::ALL {
        let list = section.key();
        let items = views.get(section.index()).map_or(&[][..], Vec::as_slice);
        let n = items.len();
        for (i, item) in items.iter().enumerate() {
            let at = |key: &str| map().value_pos(list, i, n, key);
            let what = section.singular();
            check_id(&mut c, || at("id"), item.id, what);
            match item_ids.get(item.id) {
                Some(&(first_section, first)) => c.error(
                    at("id"),
                    format!(
                        "duplicate id `{}` (first used on line {})",
                        item.id,
                        item_at(first_section, first, "id").line
                    ),
                ),
                None => {
                    item_ids.insert(item.id, (section, i));
                }
            }
            if item.text.trim().is_empty() {
                c.error(
                    at("text"),
                    format!("{what} `{}` has an empty text", item.id),
                );
            }
            if let Some(src) = item.source {
                if source_ids.contains_key(src) {
                    used_sources.insert(src);
                } else {
                    let hint = c.suggest(src, source_ids.keys().copied());
                    c.error(
                        at("source"),
                        format!("unknown source `{src}`: no source with that id is declared{hint}"),
                    );
                }
            }
            check_via(&mut c, &source_ids, item, |j| {
                map().elem_pos(list, i, n, "via", j)
            });
            used_sources.extend(
                item.via
                    .iter()
                    .filter_map(|v| source_ids.get_key_value(v.as_str()).map(|(k, _)| *k)),
            );
            if let Some(d) = item.date {
                c.check_date(|| at("date"), "date", d);
            }
            if let Some(cred) = item.credibility {
                if !(1..=6).contains(&cred) {
                    c.error(
                        at("credibility"),
                        format!("credibility must be 1 to 6, found {cred}"),
                    );
                }
            }
        }
    }

    for (i, claim) in raw.claims.iter().enumerate() {
        if let Some(st) = &claim.status {
            let pos = || map().value_pos("claims", i, raw.claims.len(), "status");
            c.check_word(pos, "status", st, Status::parse, Status::WORDS);
        }
        if claim
            .headline
            .as_deref()
            .is_some_and(|h| h.trim().is_empty())
        {
            c.error(
                map().value_pos("claims", i, raw.claims.len(), "headline"),
                format!("claim `{}` has an empty headline", claim.id),
            );
        }
    }
    if raw
        .publisher
        .as_deref()
        .is_some_and(|p| p.trim().is_empty())
    {
        c.error(top("publisher"), "publisher is empty".into());
    }

    let n_resp = raw.responses.len();
    let mut answered: HashSet<&str> =
        HashSet::with_capacity_and_hasher(raw.claims.len(), Default::default());
    for (i, r) in raw.responses.iter().enumerate() {
        c.check_word(
            || map().value_pos("responses", i, n_resp, "stance"),
            "stance",
            &r.stance,
            Stance::parse,
            Stance::WORDS,
        );
        if r.responds_to.is_empty() {
            c.error(
                map().value_pos("responses", i, n_resp, "responds_to"),
                format!("response `{}` must respond to at least one claim", r.id),
            );
        }
        let mut seen: HashSet<&str> = HashSet::default();
        for (j, target) in r.responds_to.iter().enumerate() {
            let pos = || map().elem_pos("responses", i, n_resp, "responds_to", j);
            if !seen.insert(target) {
                c.warning(pos(), format!("response `{}` lists `{target}` twice", r.id));
                continue;
            }
            match item_ids.get(target.as_str()) {
                Some(&(Section::Claims, at)) => {
                    answered.insert(target);
                    let claim_date = raw.claims.get(at).and_then(|x| x.date.as_deref());
                    let dates = r
                        .date
                        .as_deref()
                        .and_then(Date::parse)
                        .zip(claim_date.and_then(Date::parse));
                    if let Some((said, claimed)) = dates.filter(|(said, claimed)| said < claimed) {
                        c.warning(
                            map().value_pos("responses", i, n_resp, "date"),
                            format!(
                                "response `{}` is dated {said}, before claim `{target}` it answers ({claimed}); is one of the dates wrong?",
                                r.id
                            ),
                        );
                    }
                }
                Some((section, _)) => c.error(
                    pos(),
                    format!(
                        "responds_to names `{target}`, which is a {} item, not a claim",
                        section.singular()
                    ),
                ),
                None => {
                    let claims = raw.claims.iter().map(|x| x.id.as_str());
                    let hint = c.suggest(target, claims);
                    c.error(
                        pos(),
                        format!("responds_to names `{target}`, but no claim has that id{hint}"),
                    );
                }
            }
        }
    }

    let n_con = raw.contradictions.len();
    // Each unordered pair of ids: the entry that first declared it.
    let mut declared: HashMap<(&str, &str), usize> =
        HashMap::with_capacity_and_hasher(n_con, Default::default());
    for (i, con) in raw.contradictions.iter().enumerate() {
        let pos = || map().value_pos("contradictions", i, n_con, "between");
        if let [a, b] = con.between.as_slice() {
            let key = if a <= b {
                (a.as_str(), b.as_str())
            } else {
                (b.as_str(), a.as_str())
            };
            if let Some(&first) = declared.get(&key) {
                let line = map()
                    .value_pos("contradictions", first, n_con, "between")
                    .line;
                c.warning(
                    pos(),
                    format!(
                        "the contradiction between `{a}` and `{b}` is already declared on line {line}; they are one pair, with both notes"
                    ),
                );
            } else {
                declared.insert(key, i);
            }
        }
        if con.between.len() != 2 {
            c.error(
                pos(),
                format!(
                    "between must name exactly two item ids, found {}",
                    con.between.len()
                ),
            );
        }
        for (j, id) in con.between.iter().enumerate() {
            if !item_ids.contains_key(id.as_str()) {
                let at = map().elem_pos("contradictions", i, n_con, "between", j);
                let hint = c.suggest(id, item_ids.keys().copied());
                c.error(
                    at,
                    format!("between names `{id}`, but no item has that id{hint}"),
                );
            }
        }
        if let [a, b] = con.between.as_slice() {
            if a == b {
                c.error(
                    pos(),
                    format!("between names `{a}` twice; a contradiction needs two different items"),
                );
            }
        }
    }

    check_circular(&mut c, raw, &|i: usize| {
        map().value_pos("claims", i, raw.claims.len(), "id")
    });
    check_judgments(&mut c, raw, &item_ids, lazy);

    for (i, s) in raw.sources.iter().enumerate() {
        // Warn once per id, at its first declaration.
        if !used_sources.contains(s.id.as_str()) && source_ids.get(s.id.as_str()) == Some(&i) {
            c.warning(
                source_at(i, "id"),
                format!("source `{}` is declared but no item uses it", s.id),
            );
        }
    }
    for (i, claim) in raw.claims.iter().enumerate() {
        if !answered.contains(claim.id.as_str()) {
            c.warning(
                map().value_pos("claims", i, raw.claims.len(), "id"),
                format!("no response answers claim `{}`", claim.id),
            );
        }
    }

    let mut out = c.out;
    out.sort_by_key(|d| (d.pos, d.severity));
    out
}

/// `via`: every id a declared source (an error, like `source`); a warning when the chain names
/// the item's own source or one outlet twice, which no real chain of reporting does.
fn check_via(
    c: &mut Checker,
    source_ids: &HashMap<&str, usize>,
    item: &ItemView,
    pos: impl Fn(usize) -> Pos,
) {
    let mut seen: HashSet<&str> = HashSet::default();
    for (j, v) in item.via.iter().enumerate() {
        if !source_ids.contains_key(v.as_str()) {
            let hint = c.suggest(v, source_ids.keys().copied());
            c.error(
                pos(j),
                format!("via names `{v}`, but no source with that id is declared{hint}"),
            );
        }
        if item.source == Some(v.as_str()) {
            c.warning(
                pos(j),
                format!(
                    "the chain of `{}` loops: `{v}` is its own source; via lists only the outlets it came through",
                    item.id
                ),
            );
        } else if !seen.insert(v) {
            c.warning(
                pos(j),
                format!("the chain of `{}` names `{v}` twice", item.id),
            );
        }
    }
}

/// Circular reporting: for each claim, two of the sources of its confirming items (the claim
/// and the responses that confirm it) cite each other in their `via`.
fn check_circular(c: &mut Checker, raw: &RawBriefing, pos: &dyn Fn(usize) -> Pos) {
    use super::provenance::{independence, Chain};
    let mut confirming: HashMap<&str, Vec<Chain>> = HashMap::default();
    for r in &raw.responses {
        if r.stance != Stance::Confirms.word() {
            continue;
        }
        let Some(origin) = r.source.as_deref() else {
            continue;
        };
        for t in &r.responds_to {
            confirming.entry(t.as_str()).or_default().push(Chain {
                origin,
                via: &r.via,
            });
        }
    }
    for (i, claim) in raw.claims.iter().enumerate() {
        let mut chains: Vec<Chain> = claim
            .source
            .as_deref()
            .map(|origin| Chain {
                origin,
                via: &claim.via,
            })
            .into_iter()
            .collect();
        chains.extend(confirming.get(claim.id.as_str()).into_iter().flatten());
        if chains.iter().all(|ch| ch.via.is_empty()) {
            continue;
        }
        for (a, b) in independence(&chains).circular {
            c.warning(
                pos(i),
                format!(
                    "circular reporting on claim `{}`: `{a}` came through `{b}` and `{b}` through `{a}`; they are one origin, not two confirmations",
                    claim.id
                ),
            );
        }
    }
}

/// Key judgments: ids, the closed sets, the items they name, and the words of their text.
fn check_judgments(
    c: &mut Checker,
    raw: &RawBriefing,
    item_ids: &HashMap<&str, (Section, usize)>,
    lazy: &LazyMap,
) {
    let n = raw.judgments.len();
    let at = |i: usize, key: &str| lazy.get().value_pos("judgments", i, n, key);
    let elem = |i: usize, key: &str, j: usize| lazy.get().elem_pos("judgments", i, n, key, j);
    let mut ids: HashMap<&str, usize> = HashMap::default();
    for (i, j) in raw.judgments.iter().enumerate() {
        check_id(c, || at(i, "id"), &j.id, "judgment");
        if let Some(&first) = ids.get(j.id.as_str()) {
            c.error(
                at(i, "id"),
                format!(
                    "duplicate judgment id `{}` (first used on line {})",
                    j.id,
                    at(first, "id").line
                ),
            );
        } else {
            ids.insert(&j.id, i);
        }
        if item_ids.contains_key(j.id.as_str()) {
            c.error(
                at(i, "id"),
                format!("judgment id `{}` is also an item's id", j.id),
            );
        }
        if j.text.trim().is_empty() {
            c.error(
                at(i, "text"),
                format!("judgment `{}` has an empty text", j.id),
            );
        }
        if let Some(l) = &j.likelihood {
            c.check_word(
                || at(i, "likelihood"),
                "likelihood",
                l,
                Likelihood::parse,
                Likelihood::WORDS,
            );
        }
        if let Some(v) = &j.confidence {
            c.check_word(
                || at(i, "confidence"),
                "confidence",
                v,
                Confidence::parse,
                Confidence::WORDS,
            );
        }
        for key in ["rests_on", "against"] {
            let list = if key == "rests_on" {
                &j.rests_on
            } else {
                &j.against
            };
            let mut seen: HashSet<&str> = HashSet::default();
            for (k, id) in list.iter().enumerate() {
                if !seen.insert(id) {
                    c.warning(
                        elem(i, key, k),
                        format!("judgment `{}` lists `{id}` twice in {key}", j.id),
                    );
                } else if !item_ids.contains_key(id.as_str()) {
                    let hint = c.suggest(id, item_ids.keys().copied());
                    c.error(
                        elem(i, key, k),
                        format!("{key} names `{id}`, but no item has that id{hint}"),
                    );
                }
            }
        }
        for (k, a) in j.assumptions.iter().enumerate() {
            if a.trim().is_empty() {
                c.error(elem(i, "assumptions", k), "assumption is empty".into());
            }
        }
        let stated = j.likelihood.as_deref().and_then(Likelihood::parse);
        for problem in super::judgment::text_problems(&j.text, stated) {
            c.warning(at(i, "text"), format!("judgment `{}`: {problem}", j.id));
        }
    }
}

fn check_id(c: &mut Checker, pos: impl FnOnce() -> Pos, id: &str, what: &str) {
    if id.is_empty() {
        c.error(pos(), format!("{what} id is empty"));
    } else if !is_valid_id(id) {
        c.error(
            pos(),
            format!("{what} id `{id}` may only use letters, digits, `-` and `_`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("withdrawal-option_2"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
        for id in [
            "통행료",
            "ادعاء-1",
            "لا_لأ",
            "می\u{200c}خواهم",
            "क्षेत्र",
            "שלום",
            "Київ_2",
        ] {
            assert!(is_valid_id(id), "{id}");
        }
        for id in [
            "한국 뉴스",
            "a\u{200b}b",
            "a\u{202e}b",
            "a.b",
            "a`b",
            "👍",
            "a\u{200f}",
            "٫",
        ] {
            assert!(!is_valid_id(id), "{id:?}");
        }
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance("respond_to", "responds_to", 3), 1);
        assert_eq!(edit_distance("denise", "denies", 2), 1);
        assert_eq!(edit_distance("refutes", "denies", 2), 3);
        assert_eq!(edit_distance("abc", "xyzxyz", 2), 3);
        assert_eq!(edit_distance("wjs", "wsj", 2), 1);
    }

    use crate::briefing::load::load_str;

    /// Every diagnostic for `yaml` as `line:col severity: message`, whether it loaded or not.
    pub(super) fn problems(yaml: &str) -> Vec<String> {
        let diagnostics = match load_str(yaml) {
            Ok(loaded) => loaded.warnings,
            Err(diagnostics) => diagnostics,
        };
        diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {}: {}",
                    d.pos.line,
                    d.pos.col,
                    d.severity.word(),
                    d.message
                )
            })
            .collect()
    }

    /// `yaml` fails to load, with exactly these diagnostics.
    #[track_caller]
    fn assert_fails(yaml: &str, want: &[&str]) {
        assert!(load_str(yaml).is_err(), "loaded:\n{yaml}");
        assert_eq!(problems(yaml), want, "for:\n{yaml}");
    }

    const EMPTY: &str = "claims: []\nresponses: []\ncontext: []\n";

    #[test]
    fn a_clean_briefing_has_no_diagnostics() {
        let yaml = "\
title: T
date: 2024-02-29
tags: [a, b]
sources:
  - id: wsj
    name: WSJ
    kind: media
    reliability: B
    interest: none
claims:
  - id: c1
    text: Claimed.
    source: wsj
    status: denied
    credibility: 3
    date: 2025-05-22
responses:
  - id: r1
    text: Denied.
    responds_to: [c1]
    stance: denies
context:
  - id: x1
    text: Background.
contradictions:
  - between: [c1, x1]
";
        let loaded = load_str(yaml);
        assert!(
            loaded.as_ref().is_ok_and(|l| l.warnings.is_empty()),
            "{loaded:?}"
        );
    }

    #[test]
    fn empty_title_and_tag() {
        assert_fails(
            &format!("title: \" \"\ndate: 2025-05-23\ntags: [a, \"\"]\n{EMPTY}"),
            &["1:8 error: title is empty", "3:11 error: tag is empty"],
        );
    }

    #[test]
    fn dates_must_be_real_days_in_iso_form() {
        assert_fails(
            &format!("title: T\ndate: 2025-02-29\n{EMPTY}"),
            &["2:7 error: date `2025-02-29` is not a real calendar date"],
        );
        assert_fails(
            &format!("title: T\ndate: 23 May 2025\n{EMPTY}"),
            &["2:7 error: date `23 May 2025` is not a date in the form YYYY-MM-DD"],
        );
    }

    #[test]
    fn source_rules() {
        let yaml = "\
title: T
date: 2025-05-23
sources:
  - id: w s j
    name: WSJ
  - id: ap
    name: \"\"
    kind: wire
    reliability: a
    interest: yes
  - id: ap
    name: AP again
claims: []
responses: []
context:
  - id: x1
    text: Background.
    source: ap
";
        assert_fails(
            yaml,
            &[
                "4:9 error: source id `w s j` may only use letters, digits, `-` and `_`",
                "4:9 warning: source `w s j` is declared but no item uses it",
                "7:11 error: source `ap` has an empty name",
                "8:11 error: unknown source kind `wire`; expected one of: media, government, official, agency, analyst, other",
                "9:18 error: unknown reliability `a`; expected one of: A, B, C, D, E, F",
                "10:15 error: unknown interest `yes`; expected one of: party, none",
                "11:9 error: duplicate source id `ap` (first declared on line 6)",
            ],
        );
    }

    #[test]
    fn item_ids_are_well_formed_and_unique_across_sections() {
        let yaml = "\
title: T
date: 2025-05-23
claims:
  - id: \"\"
    text: A.
  - id: 통행 료
    text: B.
responses:
  - id: dup
    text: C.
    responds_to: [통행 료]
    stance: denies
context:
  - id: dup
    text: D.
";
        assert_fails(
            yaml,
            &[
                "4:9 error: claim id is empty",
                "4:9 warning: no response answers claim ``",
                "6:9 error: claim id `통행 료` may only use letters, digits, `-` and `_`",
                "14:9 error: duplicate id `dup` (first used on line 9)",
            ],
        );
    }

    #[test]
    fn item_fields() {
        let yaml = "\
title: T
date: 2025-05-23
sources:
  - id: wsj
    name: WSJ
claims: []
responses: []
context:
  - id: x1
    text: \"\"
    source: wjs
    date: 2025-00-10
    credibility: 0
  - id: x2
    text: ok
    source: wsj
    credibility: 6
";
        assert_fails(
            yaml,
            &[
                "10:11 error: context `x1` has an empty text",
                "11:13 error: unknown source `wjs`: no source with that id is declared (did you mean `wsj`?)",
                "12:11 error: date `2025-00-10` is not a real calendar date",
                "13:18 error: credibility must be 1 to 6, found 0",
            ],
        );
    }

    #[test]
    fn claim_status_and_response_stance_are_closed_sets() {
        let yaml = "\
title: T
date: 2025-05-23
claims:
  - id: c1
    text: A.
    status: Reported
responses:
  - id: r1
    text: B.
    responds_to: [c1]
    stance: denise
context: []
";
        assert_fails(
            yaml,
            &[
                "6:13 error: unknown status `Reported`; expected one of: reported, confirmed, denied, disputed, unverified (did you mean `reported`?)",
                "11:13 error: unknown stance `denise`; expected one of: denies, disputes, confirms, clarifies, declines (did you mean `denies`?)",
            ],
        );
    }

    #[test]
    fn responds_to_names_claims_only() {
        let yaml = "\
title: T
date: 2025-05-23
claims:
  - id: withdrawal-option
    text: A.
responses:
  - id: r1
    text: B.
    responds_to: [withdrawl-option, r2, x1, withdrawal-option, withdrawal-option]
    stance: denies
  - id: r2
    text: C.
    responds_to: []
    stance: clarifies
context:
  - id: x1
    text: D.
";
        assert_fails(
            yaml,
            &[
                "9:19 error: responds_to names `withdrawl-option`, but no claim has that id (did you mean `withdrawal-option`?)",
                "9:37 error: responds_to names `r2`, which is a response item, not a claim",
                "9:41 error: responds_to names `x1`, which is a context item, not a claim",
                "9:64 warning: response `r1` lists `withdrawal-option` twice",
                "13:18 error: response `r2` must respond to at least one claim",
            ],
        );
    }

    #[test]
    fn between_holds_two_distinct_item_ids() {
        let yaml = "\
title: T
date: 2025-05-23
sources:
  - id: wsj
    name: WSJ
claims:
  - id: c1
    text: A.
    source: wsj
responses:
  - id: r1
    text: B.
    responds_to: [c1]
    stance: confirms
context: []
contradictions:
  - between: [c1]
  - between: [c1, r1, c1]
  - between: [r1, r1]
  - between:
      - c1
      - wsj
";
        assert_fails(
            yaml,
            &[
                "17:14 error: between must name exactly two item ids, found 1",
                "18:14 error: between must name exactly two item ids, found 3",
                "19:14 error: between names `r1` twice; a contradiction needs two different items",
                "22:9 error: between names `wsj`, but no item has that id",
            ],
        );
    }

    #[test]
    fn warnings_do_not_stop_loading() {
        let yaml = "\
title: T
date: 2025-05-23
sources:
  - id: wsj
    name: WSJ
  - id: ap
    name: AP
claims:
  - id: c1
    text: A.
    source: wsj
  - id: c2
    text: B.
responses:
  - id: r1
    text: C.
    responds_to: [c1]
    stance: declines
context: []
";
        let loaded = load_str(yaml);
        let Ok(loaded) = loaded else {
            panic!("warnings alone failed the load: {loaded:?}");
        };
        assert_eq!(loaded.briefing.section(Section::Claims).len(), 2);
        assert_eq!(
            problems(yaml),
            [
                "6:9 warning: source `ap` is declared but no item uses it",
                "12:9 warning: no response answers claim `c2`",
            ]
        );
        assert!(loaded.warnings.iter().all(|d| !d.is_error()));
    }

    #[test]
    fn every_problem_is_reported_sorted_by_position() {
        // Problems of different rules, written out of the order the checker visits them.
        let yaml = "\
title: T
date: 2025-13-01
contradictions:
  - between: [c1, nowhere]
claims:
  - id: c1
    text: A.
    source: nobody
responses:
  - id: r1
    text: B.
    responds_to: [c9]
    stance: refutes
context:
  - id: c1
    text: \"\"
";
        assert_fails(
            yaml,
            &[
                "2:7 error: date `2025-13-01` is not a real calendar date",
                "4:19 error: between names `nowhere`, but no item has that id",
                "6:9 warning: no response answers claim `c1`",
                "8:13 error: unknown source `nobody`: no source with that id is declared",
                "12:19 error: responds_to names `c9`, but no claim has that id",
                "13:13 error: unknown stance `refutes`; expected one of: denies, disputes, confirms, clarifies, declines",
                "15:9 error: duplicate id `c1` (first used on line 6)",
                "16:11 error: context `c1` has an empty text",
            ],
        );
    }

    #[test]
    fn suggestions_stop_after_a_limit() {
        let mut yaml = String::from("title: T\ndate: 2025-05-23\nclaims:\n");
        for i in 0..MAX_SUGGESTIONS + 5 {
            yaml.push_str(&format!(
                "  - id: c{i}\n    text: A.\n    status: reportd\n"
            ));
        }
        yaml.push_str("responses: []\ncontext: []\n");
        let hints = problems(&yaml)
            .iter()
            .filter(|p| p.contains("did you mean `reported`"))
            .count();
        assert_eq!(hints, MAX_SUGGESTIONS);
    }

    #[test]
    fn a_contradiction_declared_twice_is_a_warning_in_either_order() {
        let yaml = "title: T\ndate: 2025-05-23\nclaims:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n\
                    responses: []\ncontext: []\ncontradictions:\n  - between: [a, b]\n    note: first\n\
                    \x20 - between: [b, a]\n    note: second\n";
        let found = problems(yaml);
        assert!(
            found.contains(
                &"13:14 warning: the contradiction between `b` and `a` is already declared on line 11; they are one pair, with both notes"
                    .to_string()
            ),
            "{found:?}"
        );
        assert!(load_str(yaml).is_ok(), "a warning, not an error");
    }

    /// A missing top-level key is placed where the mapping starts, also when an earlier key
    /// was taken out of the way to read on (QA: it moved to line 2 after a bad `title`).
    #[test]
    fn a_missing_top_level_key_stays_at_the_start_after_a_bad_key() {
        let yaml = "title: [1, 2]\ndate: 2025-05-23\nclaims: []\nresponses: []\n";
        let found = problems(yaml);
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("1:1 error: missing key `context`")),
            "{found:?}"
        );
    }
}

#[cfg(test)]
mod provenance_tests {
    use super::tests::problems;

    const HEAD: &str = "title: T
date: 2025-01-01
sources:
  - {id: a, name: A}
  - {id: b, name: B}
";

    #[test]
    fn via_names_declared_sources_and_does_not_loop() {
        let yaml = format!(
            "{HEAD}claims:
  - id: c
    text: C
    source: a
    via: [b, x, a, b]
responses:
  - {{id: r, text: R, source: b, responds_to: [c], stance: confirms}}
context: []
"
        );
        assert_eq!(
            problems(&yaml),
            vec![
                "10:14 error: via names `x`, but no source with that id is declared",
                "10:17 warning: the chain of `c` loops: `a` is its own source; via lists only the outlets it came through",
                "10:20 warning: the chain of `c` names `b` twice",
            ]
        );
    }

    #[test]
    fn outlets_citing_each_other_for_a_claim_are_circular() {
        let yaml = format!(
            "{HEAD}claims:
  - {{id: c, text: C, source: a, via: [b]}}
responses:
  - {{id: r, text: R, source: b, via: [a], responds_to: [c], stance: confirms}}
context: []
"
        );
        assert_eq!(
            problems(&yaml),
            vec!["7:10 warning: circular reporting on claim `c`: `a` came through `b` and `b` through `a`; they are one origin, not two confirmations"]
        );
        // A denial through the other outlet is no confirmation: nothing circular.
        let denied = yaml.replace("stance: confirms", "stance: denies");
        assert!(problems(&denied).is_empty(), "{:?}", problems(&denied));
    }

    #[test]
    fn judgments_name_items_and_say_their_odds_in_one_way() {
        let yaml = format!(
            "{HEAD}claims:
  - {{id: c, text: C, source: a}}
responses:
  - {{id: r, text: R, source: b, responds_to: [c], stance: denies}}
context: []
judgments:
  - id: j1
    text: The plan will almost certainly go ahead.
    likelihood: unlikely
    confidence: moderate
    rests_on: [c, nope]
    against: [r]
  - id: j2
    text: We are highly confident it is likely.
    likelihood: likely
    confidence: sure
  - id: c
    text: Reuses an item's id.
    likelihood: evens
"
        );
        assert_eq!(
            problems(&yaml),
            vec![
                "13:11 warning: judgment `j1`: the text says “almost certainly” (almost-certain), but its likelihood is unlikely",
                "16:19 error: rests_on names `nope`, but no item has that id",
                "19:11 warning: judgment `j2`: one sentence mixes likelihood (“likely”) and confidence (“confident”); say how likely in the text and how confident in `confidence`",
                "21:17 error: unknown confidence `sure`; expected one of: low, moderate, high",
                "22:9 error: judgment id `c` is also an item's id",
                "24:17 error: unknown likelihood `evens`; expected one of: almost-no-chance, very-unlikely, unlikely, roughly-even-chance, likely, very-likely, almost-certain",
            ]
        );
    }
}
