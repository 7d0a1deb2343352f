//! Facts for the analysis views, derived from a briefing and its relations: the stance matrix
//! (claims × sources), the timeline (dated items in one lane per source), what each source
//! said, the single-source and anonymity flags, and the source filter (the briefing without one
//! source's items). Knows nothing of terminals.
//!
//! Definitions, also given in the help the views show:
//! - A **column** of the matrix is a source that makes a claim or responds to one (in the order
//!   of `sources:`), then "no source" when a claim or response has none.
//! - A claim is **split** when a source stands *for* it and a different source stands *against*
//!   it. For: the source that makes the claim, and every source of a response that `confirms` it.
//!   Against: every source of a response that `denies` or `disputes` it. A claim or response
//!   without a source counts as one unnamed party. Split claims come first in the matrix.
//! - A claim **rests on one source** when it has a source and no response from a different,
//!   named source confirms it.
//! - An item is **anonymous** when the author says so (`anonymous: true`), or says nothing and
//!   its `attribution` holds one of [`ANONYMOUS_MARKERS`] (case-insensitive, on word
//!   boundaries): "unnamed officials", "asked not to be named", "selon des sources", "익명".

use std::collections::{HashMap, HashSet};

use super::model::{Briefing, Date, Item, ItemRef, Section, Stance};
use super::relations::Relations;

pub use super::provenance::{origins, single_origin, Origins};

/// A source as a column or lane: an index into `Briefing::sources`, or None for items that name
/// no source.
pub type Lane = Option<usize>;

/// Phrases in an attribution that say the speaker is not named, lower case, by language.
/// Matched on word boundaries (see [`marker_at`]): `*` at the end lets the word run on
/// (inflections, Korean particles: `источник*` matches `источника`, `관계자*` matches
/// `관계자는`), `*` at the start lets it be glued to the word before (Korean compounds:
/// `군관계자`). Arabic phrases may also carry the clitics written onto the next word
/// ([`ARABIC_CLITICS`]: `ومصادر`, `بالمصادر`). docs/format.md lists them for authors.
pub const ANONYMOUS_MARKERS: &[&str] = &[
    // English
    "unnamed",
    "anonymous",
    "anonymously",
    "anonymity",
    "unidentified",
    "unspecified",
    "not named",
    "not be named",
    "not authorised",
    "not authorized",
    "asked not to be named",
    "declined to be identified",
    "declined to be named",
    "familiar with",
    "with knowledge of",
    "people with knowledge of the matter",
    "briefed on",
    "a person briefed on",
    "speaking on background",
    "on background",
    "according to sources",
    "sources said",
    "sources say",
    "a source",
    "sources close",
    "people close to",
    "insider",
    "insiders",
    "a senior official",
    "senior officials",
    // French
    "anonyme",
    "anonymes",
    "anonymat",
    "non identifié",
    "non identifiée",
    "une source",
    "des sources",
    "selon des sources",
    "source proche",
    "sources proches",
    "un haut responsable",
    "un responsable",
    "de source sûre",
    // German
    "anonym",
    "anonyme",
    "anonymen",
    "anonymer",
    "ungenannt*",
    "nicht namentlich",
    "namentlich nicht",
    "informierte kreise",
    "informierten kreisen",
    "eine quelle",
    "quellen zufolge",
    "mit der sache vertraut*",
    "ein hochrangiger beamter",
    "ein ranghoher beamter",
    // Spanish
    "anónimo",
    "anónima",
    "anonimato",
    "no identificado",
    "no identificada",
    "pidió no ser identificad*",
    "una fuente",
    "según fuentes",
    "fuentes cercanas",
    "fuentes consultadas",
    "un alto funcionario",
    // Russian
    "анонимн*",
    "источник*",
    "неназванн*",
    "пожелавш*",
    "осведомленн*",
    "осведомлённ*",
    "собеседник*",
    // Ukrainian
    "анонімн*",
    "джерел*",
    "джерело",
    "неназван*",
    "поінформован*",
    "співрозмовник*",
    // Arabic
    "مصادر",
    "مصدر",
    "مطلع",
    "مطلعة",
    "مجهول",
    "عدم الكشف عن",
    "رفض الكشف عن",
    "لم يكشف عن اسمه",
    "مسؤول كبير",
    // Korean
    "*익명*",
    "*관계자*",
    "*소식통*",
    "*당국자*",
    "이름을 밝히지 않은",
];

/// Arabic clitics written onto the word they come before: the conjunctions و and ف, the
/// prepositions ب, ل and ك, the article ال, and their usual combinations.
pub const ARABIC_CLITICS: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ول", "وب", "فب", "فل",
];

fn arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// A letter or digit of any script, or a combining mark (Arabic vowel signs, Hangul jamo
/// joined by a terminal): what a word is made of.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_mark(c)
}

fn unicode_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Whether `marker` (lower case, with its `*`s) occurs in `text` (lower-cased) on word
/// boundaries: nothing of the word before or after it, except what its `*`s allow and, for an
/// Arabic marker, one of [`ARABIC_CLITICS`] glued in front.
pub fn marker_at(text: &str, marker: &str) -> bool {
    marker_spans(text, marker).next().is_some()
}

/// Where `marker` occurs in `text` on word boundaries (as [`marker_at`]), as byte ranges.
pub fn marker_spans<'t>(
    text: &'t str,
    marker: &'t str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
    let glued_before = marker.starts_with('*');
    let runs_on = marker.ends_with('*');
    let core = marker.trim_matches('*');
    let is_arabic = core.chars().next().is_some_and(arabic);
    text.match_indices(core)
        .filter(move |_| !core.is_empty())
        .filter_map(move |(i, m)| {
            let before = text.get(..i).unwrap_or("");
            let after = text.get(i + m.len()..).unwrap_or("");
            let start_ok = glued_before || {
                // The letters of this word before the match.
                let word_start = before
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| word_char(*c))
                    .last()
                    .map_or(before.len(), |(k, _)| k);
                let prefix = before.get(word_start..).unwrap_or("");
                prefix.is_empty() || (is_arabic && ARABIC_CLITICS.contains(&prefix))
            };
            let end_ok = runs_on || !after.chars().next().is_some_and(word_char);
            (start_ok && end_ok).then_some(i..i + m.len())
        })
}

/// Whether the item hides who is speaking: the author's `anonymous:` when set, else whether
/// its attribution holds one of [`ANONYMOUS_MARKERS`] (case-insensitive, on word boundaries).
pub fn anonymous(item: &Item) -> bool {
    if let Some(set) = item.anonymous {
        return set;
    }
    let Some(a) = item.attribution.as_deref() else {
        return false;
    };
    anonymous_text(a)
}

/// Whether an attribution text holds one of [`ANONYMOUS_MARKERS`].
pub fn anonymous_text(attribution: &str) -> bool {
    let a = attribution.to_lowercase();
    ANONYMOUS_MARKERS.iter().any(|m| marker_at(&a, m))
}

/// Whether claim `claim` (an index into `claims`) rests on its own source alone: it has a
/// source, and no response from a different named source confirms it.
pub fn single_source(b: &Briefing, rel: &Relations, claim: usize) -> bool {
    let Some(own) = b.claims.get(claim).and_then(|c| c.source.as_deref()) else {
        return false;
    };
    !rel.answers(claim).filter_map(|r| b.item(r)).any(|r| {
        r.stance == Some(Stance::Confirms) && r.source.as_deref().is_some_and(|s| s != own)
    })
}

fn lane_index(b: &Briefing) -> impl Fn(&Item) -> Lane + '_ {
    let by_id: HashMap<&str, usize> = b
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    move |item: &Item| item.source.as_deref().and_then(|id| by_id.get(id).copied())
}

/// Orders lanes as the file declares the sources, "no source" last.
fn lane_order(l: Lane) -> (bool, usize) {
    (l.is_none(), l.unwrap_or(0))
}

/// What one source says about one claim.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The source makes the claim.
    pub claims_it: bool,
    /// Its responses to the claim, in document order.
    pub responses: Vec<ItemRef>,
    /// The distinct stances of those responses, in document order.
    pub stances: Vec<Stance>,
}

impl Cell {
    /// The response `Enter` opens: the first that denies or disputes, else the first.
    pub fn response(&self, b: &Briefing) -> Option<ItemRef> {
        let contradicts = |r: &&ItemRef| {
            b.item(**r)
                .and_then(|i| i.stance)
                .is_some_and(Stance::contradicts)
        };
        self.responses
            .iter()
            .find(contradicts)
            .or(self.responses.first())
            .copied()
    }

    /// The cell as text readable without colour: `●` when the source makes the claim, then the
    /// glyph of each stance it takes (`✗~`: it denied, and clarified), or `·` when silent.
    pub fn glyph(&self) -> String {
        let mut s = String::new();
        if self.claims_it {
            s.push_str(CLAIMS_IT);
        }
        for st in &self.stances {
            s.push_str(st.glyph());
        }
        if s.is_empty() {
            s.push_str(SILENT);
        }
        s
    }
}

/// The matrix glyph of a source that makes the claim.
pub const CLAIMS_IT: &str = "●";
/// The matrix glyph of a source that says nothing about the claim.
pub const SILENT: &str = "·";

/// Claims down, sources across.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    /// Claim indices, one per row: split claims first, each group in document order.
    pub claims: Vec<usize>,
    /// Whether each row's claim is split.
    pub split: Vec<bool>,
    /// The columns: sources that make or answer a claim.
    pub columns: Vec<Lane>,
    /// For each row, the cells that are not silent, sorted by column.
    cells: Vec<Vec<(usize, Cell)>>,
}

impl Matrix {
    pub fn derive(b: &Briefing, rel: &Relations) -> Matrix {
        let lane_of = lane_index(b);
        let mut used: HashSet<Lane> = HashSet::new();
        let mut per_claim: Vec<Vec<(Lane, Cell)>> = Vec::with_capacity(b.claims.len());
        let mut split = Vec::with_capacity(b.claims.len());
        for (ci, claim) in b.claims.iter().enumerate() {
            let mut cells: Vec<(Lane, Cell)> = Vec::new();
            // The index of `lane`'s cell in this row, added when the row has none yet.
            let at = |lane: Lane, cells: &mut Vec<(Lane, Cell)>| -> usize {
                match cells.iter().position(|(l, _)| *l == lane) {
                    Some(i) => i,
                    None => {
                        cells.push((lane, Cell::default()));
                        cells.len() - 1
                    }
                }
            };
            let own = lane_of(claim);
            let i = at(own, &mut cells);
            if let Some((_, cell)) = cells.get_mut(i) {
                cell.claims_it = true;
            }
            let mut against: Vec<Lane> = Vec::new();
            let mut for_: Vec<Lane> = vec![own];
            for r in rel.answers(ci) {
                let Some(resp) = b.item(r) else { continue };
                let lane = lane_of(resp);
                let i = at(lane, &mut cells);
                let Some((_, cell)) = cells.get_mut(i) else {
                    continue;
                };
                cell.responses.push(r);
                if let Some(st) = resp.stance.filter(|s| !cell.stances.contains(s)) {
                    cell.stances.push(st);
                }
                match resp.stance {
                    Some(Stance::Confirms) => for_.push(lane),
                    Some(s) if s.contradicts() => against.push(lane),
                    _ => {}
                }
            }
            split.push(for_.iter().any(|f| against.iter().any(|a| a != f)));
            used.extend(cells.iter().map(|(lane, _)| *lane));
            per_claim.push(cells);
        }
        let mut used: Vec<Lane> = used.into_iter().collect();
        used.sort_by_key(|l| lane_order(*l));
        let col_of: HashMap<Lane, usize> = used.iter().enumerate().map(|(i, l)| (*l, i)).collect();
        let mut order: Vec<usize> = (0..b.claims.len()).collect();
        order.sort_by_key(|&ci| (!split.get(ci).copied().unwrap_or(false), ci));
        let cells = order
            .iter()
            .map(|&ci| {
                let mut row: Vec<(usize, Cell)> = per_claim
                    .get(ci)
                    .into_iter()
                    .flatten()
                    .filter_map(|(l, c)| col_of.get(l).map(|&col| (col, c.clone())))
                    .collect();
                row.sort_by_key(|(col, _)| *col);
                row
            })
            .collect();
        Matrix {
            split: order
                .iter()
                .map(|&ci| split.get(ci).copied().unwrap_or(false))
                .collect(),
            claims: order,
            columns: used,
            cells,
        }
    }

    pub fn rows(&self) -> usize {
        self.claims.len()
    }

    /// The claim of a row.
    pub fn claim(&self, row: usize) -> Option<ItemRef> {
        self.claims
            .get(row)
            .map(|&i| ItemRef::new(Section::Claims, i))
    }

    /// What the column's source says about the row's claim; None when it is silent.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        let cells = self.cells.get(row)?;
        cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .and_then(|i| cells.get(i))
            .map(|(_, c)| c)
    }

    /// Number of split claims (they are the first rows).
    pub fn split_count(&self) -> usize {
        self.split.iter().filter(|s| **s).count()
    }
}

/// One dated item on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub item: ItemRef,
    pub date: Date,
    /// Index into [`Timeline::lanes`].
    pub lane: usize,
    /// Index into [`Timeline::days`].
    pub day: usize,
}

/// One date that has items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    /// Days since the previous date on the timeline (None for the first).
    pub gap: Option<i64>,
    /// Index of the day's first entry.
    pub first: usize,
    /// How many entries the day has.
    pub len: usize,
}

/// Every dated item in time order, one lane per source.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Dated items, by date; within a day claims, then responses, then context, in file order.
    pub entries: Vec<Entry>,
    /// The distinct dates, in order, with the gaps between them.
    pub days: Vec<Day>,
    /// Sources with dated items, in the order of `sources:`; "no source" last.
    pub lanes: Vec<Lane>,
    /// Items without a date (not on the timeline).
    pub undated: usize,
    /// The longest gap between two dates, in days (None with fewer than two dates).
    pub widest_gap: Option<i64>,
}

impl Timeline {
    pub fn derive(b: &Briefing) -> Timeline {
        let lane_of = lane_index(b);
        let mut dated: Vec<(Date, ItemRef, Lane)> = Vec::new();
        let mut undated = 0;
        for (r, item) in b.items() {
            match item.date {
                Some(d) => dated.push((d, r, lane_of(item))),
                None => undated += 1,
            }
        }
        // items() is already in section then file order; a stable sort by date keeps it.
        dated.sort_by_key(|(d, _, _)| *d);
        let lanes: HashSet<Lane> = dated.iter().map(|(_, _, l)| *l).collect();
        let mut lanes: Vec<Lane> = lanes.into_iter().collect();
        lanes.sort_by_key(|l| lane_order(*l));
        let lane_pos: HashMap<Lane, usize> =
            lanes.iter().enumerate().map(|(i, l)| (*l, i)).collect();
        let mut days: Vec<Day> = Vec::new();
        let mut entries = Vec::with_capacity(dated.len());
        for (i, (date, item, lane)) in dated.into_iter().enumerate() {
            match days.last_mut() {
                Some(day) if day.date == date => day.len += 1,
                last => {
                    let gap = last.map(|d| date.days_since_epoch() - d.date.days_since_epoch());
                    days.push(Day {
                        date,
                        gap,
                        first: i,
                        len: 1,
                    });
                }
            }
            entries.push(Entry {
                item,
                date,
                lane: lane_pos.get(&lane).copied().unwrap_or(0),
                day: days.len() - 1,
            });
        }
        let widest_gap = days.iter().filter_map(|d| d.gap).max();
        Timeline {
            entries,
            days,
            lanes,
            undated,
            widest_gap,
        }
    }
}

/// What one source said, for the Sources view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceSummary {
    pub source: Lane,
    pub claims: Vec<ItemRef>,
    pub responses: Vec<ItemRef>,
    pub context: Vec<ItemRef>,
}

impl SourceSummary {
    pub fn total(&self) -> usize {
        self.claims.len() + self.responses.len() + self.context.len()
    }
}

/// Every declared source in file order (used or not), then "no source" if any item has none.
pub fn source_summaries(b: &Briefing) -> Vec<SourceSummary> {
    let lane_of = lane_index(b);
    let mut out: Vec<SourceSummary> = (0..b.sources.len())
        .map(|i| SourceSummary {
            source: Some(i),
            ..SourceSummary::default()
        })
        .collect();
    let mut none = SourceSummary::default();
    for (r, item) in b.items() {
        let s = match lane_of(item).and_then(|i| out.get_mut(i)) {
            Some(s) => s,
            None => &mut none,
        };
        match r.section {
            Section::Claims => s.claims.push(r),
            Section::Responses => s.responses.push(r),
            Section::Context => s.context.push(r),
        }
    }
    if none.total() > 0 {
        out.push(none);
    }
    out
}

/// Everything the analysis views show, derived once per document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub matrix: Matrix,
    pub timeline: Timeline,
    pub sources: Vec<SourceSummary>,
    /// Pairs of sources citing each other for some claim (circular reporting).
    pub circular: Vec<(String, String)>,
    /// Judgments × origins: what hiding each source does to each judgment.
    pub sensitivity: super::judgment::Sensitivity,
}

impl Analysis {
    pub fn derive(b: &Briefing, rel: &Relations) -> Analysis {
        Analysis {
            matrix: Matrix::derive(b, rel),
            timeline: Timeline::derive(b),
            sources: source_summaries(b),
            circular: super::provenance::circular_pairs(b, rel),
            sensitivity: super::judgment::Sensitivity::derive(b),
        }
    }
}

/// The briefing without source `source`'s items: its claims, responses and context go; a
/// response keeps only the claims it answers that are still there, and goes too when none are
/// left (it answered only the hidden source); a declared contradiction goes when either side
/// went. Every source stays declared, so the hidden one can be shown again.
pub fn without_source(b: &Briefing, source: &str) -> Briefing {
    let keep = |i: &&Item| i.source.as_deref() != Some(source);
    let claims: Vec<Item> = b.claims.iter().filter(keep).cloned().collect();
    let mut present: HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let responses: Vec<Item> = b
        .responses
        .iter()
        .filter(keep)
        .filter_map(|r| {
            let mut r = r.clone();
            r.responds_to.retain(|t| present.contains(t.as_str()));
            (!r.responds_to.is_empty()).then_some(r)
        })
        .collect();
    let context: Vec<Item> = b.context.iter().filter(keep).cloned().collect();
    present.extend(responses.iter().chain(&context).map(|i| i.id.as_str()));
    let contradictions = b
        .contradictions
        .iter()
        .filter(|d| d.between.iter().all(|id| present.contains(id.as_str())))
        .cloned()
        .collect();
    b.with_items(claims, responses, context, contradictions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load::load_str;

    fn load(yaml: &str) -> (Briefing, Relations) {
        let loaded = match load_str(yaml) {
            Ok(l) => l,
            Err(d) => panic!("fixture does not load: {d:?}"),
        };
        let r = Relations::derive(&loaded.briefing);
        (loaded.briefing, r)
    }

    fn bundled(name: &str) -> (Briefing, Relations) {
        let text = crate::bundled::BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, t)| t);
        load(text)
    }

    fn claim_ids(b: &Briefing, m: &Matrix) -> Vec<String> {
        m.claims.iter().map(|&i| b.claims[i].id.clone()).collect()
    }

    fn col_ids(b: &Briefing, cols: &[Lane]) -> Vec<String> {
        cols.iter()
            .map(|l| l.map_or("-".to_string(), |i| b.sources[i].id.clone()))
            .collect()
    }

    const SPLITS: &str = "title: T
date: 2025-01-01
sources:
  - {id: paper, name: Paper}
  - {id: gov, name: Government}
  - {id: expert, name: Expert}
claims:
  - {id: quiet, text: Nobody answers, source: paper}
  - {id: agreed, text: Confirmed by another, source: paper}
  - {id: contested, text: Denied by the government, source: paper}
  - {id: orphan, text: No source but denied}
  - {id: mixed, text: Confirmed and denied, source: gov}
responses:
  - {id: r1, text: R1, source: expert, responds_to: [agreed], stance: confirms, date: 2025-01-03}
  - {id: r2, text: R2, source: gov, responds_to: [contested, orphan], stance: denies}
  - {id: r3, text: R3, source: expert, responds_to: [mixed], stance: confirms}
  - {id: r4, text: R4, source: paper, responds_to: [mixed], stance: disputes}
  - {id: r5, text: R5, source: expert, responds_to: [agreed], stance: clarifies, date: 2025-01-02}
context: []
";

    #[test]
    fn split_claims_come_first_in_document_order() {
        let (b, rel) = load(SPLITS);
        let m = Matrix::derive(&b, &rel);
        assert_eq!(
            claim_ids(&b, &m),
            vec!["contested", "orphan", "mixed", "quiet", "agreed"]
        );
        assert_eq!(m.split, vec![true, true, true, false, false]);
        assert_eq!(m.split_count(), 3);
    }

    #[test]
    fn columns_are_sources_that_claim_or_answer_then_no_source() {
        let (b, rel) = load(SPLITS);
        let m = Matrix::derive(&b, &rel);
        assert_eq!(col_ids(&b, &m.columns), vec!["paper", "gov", "expert", "-"]);
    }

    #[test]
    fn cells_say_who_claims_and_how_each_source_answered() {
        let (b, rel) = load(SPLITS);
        let m = Matrix::derive(&b, &rel);
        let glyphs = |row: usize| -> Vec<String> {
            (0..m.columns.len())
                .map(|c| m.cell(row, c).map_or(SILENT.to_string(), Cell::glyph))
                .collect()
        };
        // contested: paper claims it, gov denies it.
        assert_eq!(glyphs(0), vec!["●", "✗", "·", "·"]);
        // orphan: no source claims it, gov denies.
        assert_eq!(glyphs(1), vec!["·", "✗", "·", "●"]);
        // mixed: gov claims it, paper disputes, expert confirms.
        assert_eq!(glyphs(2), vec!["±", "●", "✓", "·"]);
        // agreed: the expert clarified it, then confirmed it (file order of the responses).
        assert_eq!(glyphs(4), vec!["●", "·", "✓~", "·"]);
        let cell = m.cell(4, 2).cloned().unwrap_or_default();
        assert_eq!(cell.responses.len(), 2);
        let opens = cell
            .response(&b)
            .and_then(|r| b.item(r))
            .map(|i| i.id.as_str());
        assert_eq!(opens, Some("r1"));
        assert!(
            m.cell(3, 1).is_none(),
            "the government is silent on `quiet`"
        );
    }

    #[test]
    fn korea_matrix_puts_the_denied_claims_first() {
        let (b, rel) = bundled("korea-troops.yaml");
        let m = Matrix::derive(&b, &rel);
        assert_eq!(
            claim_ids(&b, &m),
            vec![
                "withdrawal-option",
                "troop-cut-size",
                "costs-in-trade-talks",
                "policy-review"
            ]
        );
        assert_eq!(
            col_ids(&b, &m.columns),
            vec!["wsj", "mnd", "rok-officials", "trump"]
        );
        // withdrawal-option: WSJ claims it; the ministry denied it and clarified.
        let glyphs: Vec<String> = (0..4)
            .map(|c| m.cell(0, c).map_or(SILENT.to_string(), Cell::glyph))
            .collect();
        assert_eq!(glyphs, vec!["●", "✗~", "·", "·"]);
        // Enter opens the denial, not the clarification.
        let opens = m.cell(0, 1).and_then(|c| c.response(&b));
        assert_eq!(
            opens.and_then(|r| b.item(r)).map(|i| i.id.as_str()),
            Some("mnd-denial")
        );
    }

    #[test]
    fn timeline_orders_by_date_with_gaps_in_days() {
        let (b, _) = bundled("korea-troops.yaml");
        let t = Timeline::derive(&b);
        let days: Vec<(String, Option<i64>, usize)> = t
            .days
            .iter()
            .map(|d| (d.date.to_string(), d.gap, d.len))
            .collect();
        assert_eq!(
            days,
            vec![
                ("2025-05-22".to_string(), None, 3),
                ("2025-05-23".to_string(), Some(1), 7),
            ]
        );
        // The report comes a day before the denial.
        let id = |e: &Entry| b.item(e.item).map_or("", |i| i.id.as_str()).to_string();
        let first_response = t
            .entries
            .iter()
            .find(|e| e.item.section == Section::Responses)
            .map(&id);
        assert_eq!(first_response.as_deref(), Some("mnd-denial"));
        assert_eq!(id(&t.entries[0]), "withdrawal-option");
        // costs-in-trade-talks and costs-kept-separate have no date.
        assert_eq!(t.undated, 2);
        assert_eq!(t.entries.len() + t.undated, b.item_count());
        assert_eq!(
            col_ids(&b, &t.lanes),
            vec!["independent", "wsj", "yonhap", "mnd"]
        );
        for e in &t.entries {
            let item = b.item(e.item).map(|i| i.source.clone());
            let lane = t.lanes[e.lane].map(|i| b.sources[i].id.clone());
            assert_eq!(item, Some(lane));
            assert_eq!(t.days[e.day].date, e.date);
        }
    }

    #[test]
    fn timeline_gaps_span_months_and_unsourced_items_get_the_last_lane() {
        let yaml = "title: T
date: 2025-03-05
sources:
  - {id: s, name: S}
claims:
  - {id: a, text: A, source: s, date: 2025-03-04}
  - {id: b, text: B, date: 2025-01-31}
responses: []
context:
  - {id: c, text: C, date: 2025-03-04}
";
        let (b, _) = load(yaml);
        let t = Timeline::derive(&b);
        let gaps: Vec<Option<i64>> = t.days.iter().map(|d| d.gap).collect();
        assert_eq!(gaps, vec![None, Some(32)]);
        assert_eq!(col_ids(&b, &t.lanes), vec!["s", "-"]);
        // Within a day, claims come before context.
        let ids: Vec<&str> = t
            .entries
            .iter()
            .filter_map(|e| b.item(e.item).map(|i| i.id.as_str()))
            .collect();
        assert_eq!(ids, vec!["b", "a", "c"]);
        assert_eq!(t.entries[0].lane, 1);
    }

    #[test]
    fn flags_single_source_and_anonymous_attribution() {
        let (b, rel) = load(SPLITS);
        let single: Vec<bool> = (0..b.claims.len())
            .map(|i| single_source(&b, &rel, i))
            .collect();
        // quiet and contested rest on the paper alone; agreed and mixed are confirmed by the
        // expert; orphan has no source to rest on.
        assert_eq!(single, vec![true, false, true, false, false]);

        let (k, krel) = bundled("korea-troops.yaml");
        let item = |id: &str| k.find(id).and_then(|r| k.item(r)).cloned();
        let anon = |id: &str| item(id).is_some_and(|i| anonymous(&i));
        assert!(anon("withdrawal-option"), "unnamed US defence officials");
        assert!(anon("nds-review"), "unspecified press reports");
        assert!(
            !anon("mnd-denial"),
            "ministry statement, reported by Yonhap"
        );
        assert!(!anon("troop-level"), "no attribution");
        assert!(single_source(&k, &krel, 0));

        let ko = Item {
            attribution: Some("정부 관계자".into()),
            ..item("troop-level").unwrap_or_else(|| panic!("troop-level"))
        };
        assert!(anonymous(&ko));
        let shouting = Item {
            attribution: Some("An ANONYMOUS official".into()),
            ..ko.clone()
        };
        assert!(anonymous(&shouting));
    }

    #[track_caller]
    fn anon_all(yes: &[&str], no: &[&str]) {
        for a in yes {
            assert!(anonymous_text(a), "should be anonymous: {a}");
        }
        for a in no {
            assert!(!anonymous_text(a), "should not be anonymous: {a}");
        }
    }

    #[test]
    fn anonymity_in_english_on_word_boundaries() {
        anon_all(
            &[
                "an aide who asked not to be named",
                "a diplomat who declined to be identified",
                "people with knowledge of the matter",
                "a person briefed on the talks",
                "an official speaking on background",
                "according to sources",
                "industry insiders",
                "a senior official",
                "officials familiar with the plan",
                "Unnamed officials",
            ],
            &[
                "ministry statement, reported by Yonhap",
                "the company's sourcebook",
                "Ms Unnamedova, the spokeswoman",
                "an insidery look",
            ],
        );
    }

    #[test]
    fn anonymity_in_french_german_and_spanish() {
        anon_all(
            &[
                "un diplomate sous couvert d'anonymat",
                "selon des sources gouvernementales",
                "un haut responsable du ministère",
                "eine Quelle im Ministerium",
                "ungenannte Regierungsvertreter",
                "aus informierten Kreisen",
                "Quellen zufolge",
                "un funcionario que pidió no ser identificado",
                "fuentes cercanas al gobierno",
                "bajo condición de anonimato",
            ],
            &[
                "le ministre Jean Dupont",
                "die Sprecherin Anna Weber",
                "Anonymität? nein: Anonymitätsforschung",
                "el ministro de Defensa",
            ],
        );
    }

    #[test]
    fn anonymity_in_russian_and_ukrainian_with_inflections() {
        anon_all(
            &[
                "по словам источника в министерстве",
                "неназванные чиновники",
                "на условиях анонимности",
                "собеседник агентства",
                "джерела в уряді",
                "поінформовані співрозмовники",
                "неназваний посадовець",
            ],
            &[
                "министр обороны Андрей Белоусов",
                "міністр оборони",
                "первоисточник",
            ],
        );
    }

    #[test]
    fn anonymity_in_arabic_with_attached_clitics() {
        anon_all(
            &[
                "مصادر مطلعة",
                "ومصادر في الوزارة",
                "بحسب مصدر حكومي",
                "مسؤول طلب عدم الكشف عن اسمه",
                "للمصادر",
            ],
            &["وزير الدفاع", "مصدرية"],
        );
    }

    #[test]
    fn anonymity_in_korean_with_particles_and_compounds() {
        anon_all(
            &[
                "정부 관계자",
                "군관계자는",
                "익명을 요구한 당국자",
                "소식통에 따르면",
                "이름을 밝히지 않은 관리",
            ],
            &["국방부 대변인", "연합뉴스"],
        );
    }

    #[test]
    fn the_authors_word_overrides_the_phrases() {
        let (b, _) = bundled("korea-troops.yaml");
        let Some(item) = b.find("withdrawal-option").and_then(|r| b.item(r)).cloned() else {
            panic!("withdrawal-option");
        };
        assert!(anonymous(&item));
        assert!(!anonymous(&Item {
            anonymous: Some(false),
            ..item.clone()
        }));
        assert!(anonymous(&Item {
            attribution: None,
            anonymous: Some(true),
            ..item
        }));
    }

    #[test]
    fn source_summaries_list_every_source_and_what_it_said() {
        let (b, _) = bundled("korea-troops.yaml");
        let s = source_summaries(&b);
        assert_eq!(s.len(), b.sources.len());
        let counts: Vec<(String, usize, usize, usize)> = s
            .iter()
            .map(|x| {
                (
                    x.source.map_or("-".into(), |i| b.sources[i].id.clone()),
                    x.claims.len(),
                    x.responses.len(),
                    x.context.len(),
                )
            })
            .collect();
        assert_eq!(
            counts,
            vec![
                ("independent".into(), 0, 0, 4),
                ("wsj".into(), 3, 0, 0),
                ("yonhap".into(), 0, 0, 1),
                ("mnd".into(), 0, 2, 0),
                ("rok-officials".into(), 0, 1, 0),
                ("trump".into(), 1, 0, 0),
            ]
        );
    }

    #[test]
    fn hiding_a_source_drops_its_items_orphaned_responses_and_contradictions() {
        let (b, _) = bundled("korea-troops.yaml");
        let f = without_source(&b, "wsj");
        assert_eq!(f.claims.len(), 1);
        assert!(f.claims.iter().all(|c| c.source.as_deref() != Some("wsj")));
        // mnd-denial and mnd-commitment answered only WSJ claims; costs-kept-separate stays.
        let responses: Vec<&str> = f.responses.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(responses, vec!["costs-kept-separate"]);
        assert_eq!(f.context.len(), b.context.len());
        assert_eq!(f.sources.len(), b.sources.len());
        let rel = Relations::derive(&f);
        // Only costs-in-trade-talks ↔ costs-kept-separate and ↔ cost-sharing-deal remain.
        assert_eq!(rel.pairs.len(), 2);
        assert!(f.find("withdrawal-option").is_none());

        // A response answering a hidden and a shown claim keeps only the shown one.
        let (s, _) = load(SPLITS);
        let g = without_source(&s, "paper");
        let r2 = g
            .find("r2")
            .and_then(|r| g.item(r))
            .map(|i| i.responds_to.clone());
        assert_eq!(r2, Some(vec!["orphan".to_string()]));
        assert!(g.find("r4").is_none(), "the paper's own response goes");
    }

    #[test]
    fn every_bundled_briefing_derives_and_survives_hiding_each_source() {
        for (name, _) in crate::bundled::BUNDLED {
            let (b, rel) = bundled(name);
            let a = Analysis::derive(&b, &rel);
            assert_eq!(a.matrix.rows(), b.claims.len(), "{name}");
            assert!(!a.timeline.entries.is_empty(), "{name}");
            for s in &b.sources {
                let f = without_source(&b, &s.id);
                let frel = Relations::derive(&f);
                let fa = Analysis::derive(&f, &frel);
                assert!(fa
                    .matrix
                    .columns
                    .iter()
                    .all(|c| c.map(|i| f.sources[i].id.as_str()) != Some(s.id.as_str())));
            }
        }
    }
}
