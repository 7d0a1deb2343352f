//! What changed between two versions of a briefing, by id: items added, removed and changed
//! (field by field, with a word diff of texts), sources added, removed or regraded, and declared
//! contradictions gained or lost. The reader's "changed since last read" marks and `brief diff`
//! are both this one function over two [`Snapshot`]s.
//!
//! A [`Snapshot`] is a briefing as plain, serialisable values: what the state store keeps of
//! the version last read, and what `brief diff` builds from each side. Pure: no I/O, no terminal.

use std::collections::{BTreeSet, HashMap};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{credibility_meaning, Briefing, Item};

/// One item as it was: every field a reader would notice changing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ItemPrint {
    pub id: String,
    /// `claims`, `responses` or `context`.
    pub section: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responds_to: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credibility: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl ItemPrint {
    pub fn of(item: &Item) -> ItemPrint {
        ItemPrint {
            id: item.id.clone(),
            section: item.section.key().to_string(),
            // A folded block's final line break is not the reader's business.
            text: item.text.trim().to_string(),
            status: item.status.map(|s| s.word().to_string()),
            stance: item.stance.map(|s| s.word().to_string()),
            responds_to: item.responds_to.clone(),
            source: item.source.clone(),
            attribution: item.attribution.clone(),
            date: item.date.map(|d| d.to_string()),
            credibility: item.credibility,
            quote: item.quote.clone(),
            url: item.url.clone(),
        }
    }

    /// The singular name of the item's section: `claim`, `response`, `context`.
    fn singular(&self) -> &'static str {
        match self.section.as_str() {
            "claims" => "claim",
            "responses" => "response",
            _ => "context",
        }
    }

    /// The fields compared, by name, as text (texts first; the word diff is for those).
    fn fields(&self) -> [(&'static str, Option<String>); 10] {
        [
            ("text", Some(self.text.clone())),
            ("status", self.status.clone()),
            ("stance", self.stance.clone()),
            (
                "responds_to",
                (!self.responds_to.is_empty()).then(|| self.responds_to.join(", ")),
            ),
            ("source", self.source.clone()),
            ("attribution", self.attribution.clone()),
            ("date", self.date.clone()),
            (
                "credibility",
                self.credibility
                    .map(|c| format!("{c} ({})", credibility_meaning(c))),
            ),
            ("quote", self.quote.clone()),
            ("url", self.url.clone()),
        ]
    }
}

/// One source as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourcePrint {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One declared contradiction as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PairPrint {
    pub between: [String; 2],
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl PairPrint {
    /// The pair's key: its two ids in order, so `a ⟷ b` and `b ⟷ a` are one pair.
    fn key(&self) -> (String, String) {
        let [a, b] = &self.between;
        if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        }
    }
}

/// A briefing as plain values, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Snapshot {
    pub title: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub sources: Vec<SourcePrint>,
    #[serde(default)]
    pub items: Vec<ItemPrint>,
    #[serde(default)]
    pub contradictions: Vec<PairPrint>,
}

impl Snapshot {
    pub fn of(b: &Briefing) -> Snapshot {
        Snapshot {
            title: b.title.clone(),
            date: b.date.to_string(),
            summary: b.summary.clone(),
            tags: b.tags.clone(),
            sources: b
                .sources
                .iter()
                .map(|s| SourcePrint {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    kind: s.kind.map(|k| k.word().to_string()),
                    reliability: s.reliability.map(|r| r.word().to_string()),
                    interest: s.interest.map(|i| i.word().to_string()),
                    url: s.url.clone(),
                })
                .collect(),
            items: b.items().map(|(_, i)| ItemPrint::of(i)).collect(),
            contradictions: b
                .contradictions
                .iter()
                .map(|c| PairPrint {
                    between: c.between.clone(),
                    note: c.note.clone(),
                })
                .collect(),
        }
    }

    pub fn item(&self, id: &str) -> Option<&ItemPrint> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// Added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        }
    }
}

/// Whether a piece of a word diff is in both texts, only the old or only the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of a word diff: words and the spaces between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

/// One field that differs: its old and new values (absent: not set on that side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// For texts set on both sides: the word diff from old to new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Piece>>,
}

impl FieldChange {
    /// `status: reported → denied`; a text says only that it changed.
    pub fn summary(&self) -> String {
        if self.words.is_some() {
            return format!("{} changed", self.field);
        }
        format!(
            "{}: {} → {}",
            self.field,
            self.old.as_deref().unwrap_or("(none)"),
            self.new.as_deref().unwrap_or("(none)")
        )
    }
}

/// An item added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ItemChange {
    pub id: String,
    /// `claim`, `response` or `context`.
    pub section: String,
    pub kind: Kind,
    /// The item's text: the new one, or the old one for a removed item.
    pub text: String,
    /// The fields that differ (changed items only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A source added, removed or changed (regraded, renamed, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SourceChange {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A declared contradiction gained, lost or with a changed note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PairChange {
    pub between: [String; 2],
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// Everything that differs between two versions. Empty when they are the same to a reader
/// (formatting, comments and key order do not count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, Default)]
pub struct Diff {
    /// Title, date, summary, tags.
    pub header: Vec<FieldChange>,
    /// In the new version's reading order; removed items after, in the old order.
    pub items: Vec<ItemChange>,
    pub sources: Vec<SourceChange>,
    pub contradictions: Vec<PairChange>,
}

/// Texts longer than this (in bytes, both sides) are not diffed word by word: the diff is
/// quadratic at worst, and a wholesale change says as much.
const WORD_DIFF_MAX: usize = 64 * 1024;

/// `pieces` with the long unchanged runs cut down to `context` characters either side of a
/// change (`…` where text was left out), for a diff read by eye.
pub fn condense(pieces: &[Piece], context: usize) -> Vec<Piece> {
    let n = pieces.len();
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let chars: Vec<char> = p.text.chars().collect();
            if p.op != Op::Equal || chars.len() <= 2 * context + 1 {
                return p.clone();
            }
            let head: String = chars.iter().take(context).collect();
            let tail: String = chars.iter().skip(chars.len() - context).collect();
            let text = match (i == 0, i + 1 == n) {
                (true, true) => p.text.clone(),
                (true, false) => format!("…{tail}"),
                (false, true) => format!("{head}…"),
                (false, false) => format!("{head}…{tail}"),
            };
            Piece { op: p.op, text }
        })
        .collect()
}

/// The word diff from `old` to `new`, runs of one kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |op: Op, text: &str| match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ if text.is_empty() => {}
        _ => out.push(Piece {
            op,
            text: text.to_string(),
        }),
    };
    if old.len() + new.len() > WORD_DIFF_MAX {
        push(Op::Delete, old);
        push(Op::Insert, new);
        return out;
    }
    for (tag, text) in similar::utils::diff_words(similar::Algorithm::Myers, old, new) {
        let op = match tag {
            similar::ChangeTag::Equal => Op::Equal,
            similar::ChangeTag::Delete => Op::Delete,
            similar::ChangeTag::Insert => Op::Insert,
        };
        push(op, text);
    }
    out
}

fn field_changes(
    old: impl IntoIterator<Item = (&'static str, Option<String>)>,
    new: impl IntoIterator<Item = (&'static str, Option<String>)>,
    texts: &[&str],
) -> Vec<FieldChange> {
    old.into_iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, old), (_, new))| {
            let words = match (&old, &new) {
                (Some(a), Some(b)) if texts.contains(&field) => Some(word_diff(a, b)),
                _ => None,
            };
            FieldChange {
                field: field.to_string(),
                old,
                new,
                words,
            }
        })
        .collect()
}

fn source_fields(s: &SourcePrint) -> [(&'static str, Option<String>); 5] {
    [
        ("name", Some(s.name.clone())),
        ("kind", s.kind.clone()),
        ("reliability", s.reliability.clone()),
        ("interest", s.interest.clone()),
        ("url", s.url.clone()),
    ]
}

fn header_fields(s: &Snapshot) -> [(&'static str, Option<String>); 4] {
    [
        ("title", Some(s.title.clone())),
        ("date", Some(s.date.clone())),
        ("summary", s.summary.clone()),
        ("tags", (!s.tags.is_empty()).then(|| s.tags.join(", "))),
    ]
}

/// What changed from `old` to `new`.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Diff {
    let header = field_changes(header_fields(old), header_fields(new), &["summary"]);

    let old_items: HashMap<&str, &ItemPrint> =
        old.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let new_ids: BTreeSet<&str> = new.items.iter().map(|i| i.id.as_str()).collect();
    let mut items = Vec::new();
    for n in &new.items {
        match old_items.get(n.id.as_str()) {
            None => items.push(ItemChange {
                id: n.id.clone(),
                section: n.singular().to_string(),
                kind: Kind::Added,
                text: n.text.clone(),
                fields: Vec::new(),
            }),
            Some(o) => {
                let mut fields = field_changes(o.fields(), n.fields(), &["text", "quote"]);
                if o.section != n.section {
                    fields.insert(
                        0,
                        FieldChange {
                            field: "section".into(),
                            old: Some(o.section.clone()),
                            new: Some(n.section.clone()),
                            words: None,
                        },
                    );
                }
                if !fields.is_empty() {
                    items.push(ItemChange {
                        id: n.id.clone(),
                        section: n.singular().to_string(),
                        kind: Kind::Changed,
                        text: n.text.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for o in old
        .items
        .iter()
        .filter(|o| !new_ids.contains(o.id.as_str()))
    {
        items.push(ItemChange {
            id: o.id.clone(),
            section: o.singular().to_string(),
            kind: Kind::Removed,
            text: o.text.clone(),
            fields: Vec::new(),
        });
    }

    let old_sources: HashMap<&str, &SourcePrint> =
        old.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let new_sources: BTreeSet<&str> = new.sources.iter().map(|s| s.id.as_str()).collect();
    let mut sources = Vec::new();
    for n in &new.sources {
        match old_sources.get(n.id.as_str()) {
            None => sources.push(SourceChange {
                id: n.id.clone(),
                kind: Kind::Added,
                name: n.name.clone(),
                fields: Vec::new(),
            }),
            Some(o) => {
                let fields = field_changes(source_fields(o), source_fields(n), &[]);
                if !fields.is_empty() {
                    sources.push(SourceChange {
                        id: n.id.clone(),
                        kind: Kind::Changed,
                        name: n.name.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for o in old
        .sources
        .iter()
        .filter(|o| !new_sources.contains(o.id.as_str()))
    {
        sources.push(SourceChange {
            id: o.id.clone(),
            kind: Kind::Removed,
            name: o.name.clone(),
            fields: Vec::new(),
        });
    }

    let old_pairs: HashMap<(String, String), &PairPrint> =
        old.contradictions.iter().map(|p| (p.key(), p)).collect();
    let new_keys: BTreeSet<(String, String)> =
        new.contradictions.iter().map(PairPrint::key).collect();
    let mut contradictions = Vec::new();
    let note = |p: &PairPrint| [("note", p.note.clone())];
    for n in &new.contradictions {
        match old_pairs.get(&n.key()) {
            None => contradictions.push(PairChange {
                between: n.between.clone(),
                kind: Kind::Added,
                fields: Vec::new(),
            }),
            Some(o) => {
                let fields = field_changes(note(o), note(n), &["note"]);
                if !fields.is_empty() {
                    contradictions.push(PairChange {
                        between: n.between.clone(),
                        kind: Kind::Changed,
                        fields,
                    });
                }
            }
        }
    }
    for o in old
        .contradictions
        .iter()
        .filter(|o| !new_keys.contains(&o.key()))
    {
        contradictions.push(PairChange {
            between: o.between.clone(),
            kind: Kind::Removed,
            fields: Vec::new(),
        });
    }

    Diff {
        header,
        items,
        sources,
        contradictions,
    }
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.header.is_empty()
            && self.items.is_empty()
            && self.sources.is_empty()
            && self.contradictions.is_empty()
    }

    /// How many items are of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.items.iter().filter(|c| c.kind == kind).count()
    }
}

/// How an item in the file now differs from what was last read, for the reader's marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    New,
    /// What changed, in a few words: `status: reported → denied`, `text changed`,
    /// `new response r9`.
    Changed(Vec<String>),
}

/// The reader's marks: every item added or changed by `diff`, and the claims that gained or lost
/// a response (a new denial changes what a claim stands on, though the claim's fields did not
/// change). The responses' targets are read in `new`, or in `old` for a removed response.
pub fn marks(diff: &Diff, old: &Snapshot, new: &Snapshot) -> HashMap<String, Mark> {
    let mut out: HashMap<String, Mark> = HashMap::new();
    for c in &diff.items {
        match c.kind {
            Kind::Added => {
                out.insert(c.id.clone(), Mark::New);
            }
            Kind::Changed => {
                out.insert(
                    c.id.clone(),
                    Mark::Changed(c.fields.iter().map(FieldChange::summary).collect()),
                );
            }
            Kind::Removed => {}
        }
    }
    for c in diff.items.iter().filter(|c| c.section == "response") {
        let how = match c.kind {
            Kind::Added => "new response",
            Kind::Removed => "response removed:",
            Kind::Changed => "response changed:",
        };
        let side = if c.kind == Kind::Removed { old } else { new };
        let targets = side
            .item(&c.id)
            .map_or(&[][..], |r| r.responds_to.as_slice());
        for t in targets.iter().filter(|t| new.item(t).is_some()) {
            if let Mark::Changed(hows) = out
                .entry(t.clone())
                .or_insert_with(|| Mark::Changed(Vec::new()))
            {
                hows.push(format!("{how} {}", c.id));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load_str;

    fn snap(text: &str) -> Snapshot {
        match load_str(text) {
            Ok(l) => Snapshot::of(&l.briefing),
            Err(e) => panic!("{e:?}"),
        }
    }

    const BASE: &str = "title: T\ndate: 2025-05-01\nsources:\n  - {id: s1, name: One, reliability: B}\nclaims:\n  - {id: c1, text: the bridge was closed on monday, status: reported, source: s1}\n  - {id: c2, text: two}\nresponses:\n  - {id: r1, text: no, stance: denies, responds_to: [c1]}\ncontext:\n  - {id: x1, text: background}\n";

    #[test]
    fn the_same_file_has_no_changes() {
        assert!(diff(&snap(BASE), &snap(BASE)).is_empty());
    }

    #[test]
    fn added_changed_removed_by_id() {
        let new = BASE
            .replace("status: reported", "status: denied")
            .replace("closed on monday", "closed on tuesday")
            .replace("  - {id: x1, text: background}\n", "")
            .replace(
                "  - {id: c2, text: two}\n",
                "  - {id: c2, text: two}\n  - {id: c3, text: three}\n",
            )
            .replace("reliability: B", "reliability: D");
        let d = diff(&snap(BASE), &snap(&new));
        let kinds: Vec<(&str, Kind)> = d.items.iter().map(|c| (c.id.as_str(), c.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("c1", Kind::Changed),
                ("c3", Kind::Added),
                ("x1", Kind::Removed)
            ]
        );
        let c1 = &d.items[0];
        assert_eq!(c1.fields[0].field, "text");
        assert_eq!(
            c1.fields[0].words.as_deref().map(|w| w
                .iter()
                .filter(|p| p.op != Op::Equal)
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()),
            Some(vec!["monday", "tuesday"])
        );
        assert_eq!(c1.fields[1].summary(), "status: reported → denied");
        assert_eq!(d.sources.len(), 1);
        assert_eq!(d.sources[0].fields[0].summary(), "reliability: B → D");
        assert_eq!((d.count(Kind::Added), d.count(Kind::Changed)), (1, 1));
    }

    #[test]
    fn a_new_response_marks_the_claim_it_answers() {
        let new = BASE.replace(
            "responses:\n",
            "responses:\n  - {id: r2, text: yes, stance: confirms, responds_to: [c2]}\n",
        );
        let (old, new) = (snap(BASE), snap(&new));
        let d = diff(&old, &new);
        let m = marks(&d, &old, &new);
        assert_eq!(m.get("r2"), Some(&Mark::New));
        assert_eq!(
            m.get("c2"),
            Some(&Mark::Changed(vec!["new response r2".into()]))
        );
    }

    #[test]
    fn snapshots_round_trip_through_json() {
        let s = snap(BASE);
        let text = serde_json::to_string(&s).unwrap_or_default();
        let back: Snapshot = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, s);
    }
}
