//! Facts derived from a briefing: which responses answer which claims, and the contradiction
//! pairs — implied by denials and disputes, or declared by the author.
//!
//! Derived once at load (and again when a source filter changes), so views and exports only look
//! things up.

use std::collections::HashMap;

use super::model::{Briefing, ItemRef, Section, Stance};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    /// A response that denies or disputes a claim it responds to.
    Implied,
    /// An entry of `contradictions:`.
    Declared,
}

impl PairKind {
    pub fn word(self) -> &'static str {
        match self {
            PairKind::Implied => "implied",
            PairKind::Declared => "declared",
        }
    }
}

/// Two items that contradict each other: `left` is the claim (implied) or the first id of
/// `between` (declared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub left: ItemRef,
    pub right: ItemRef,
    pub kind: PairKind,
    /// For implied pairs, how the response answers the claim.
    pub stance: Option<Stance>,
    /// The author's note, from a declared entry (merged into an implied pair when both exist).
    pub note: Option<String>,
    /// The declared entries (indices into `Briefing::contradictions`) whose notes make up
    /// `note`, in order, joined by a newline: how a search match in a note finds its pair.
    pub notes: Vec<usize>,
}

/// One side of a contradiction pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// Something an item's detail lists and `Enter` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// A response that answers this claim.
    AnsweredBy(ItemRef),
    /// A claim this response answers.
    Answers(ItemRef),
    /// A contradiction pair (index into `Relations::pairs`) the item belongs to.
    Pair(usize),
}

impl Pair {
    /// The item on `side`.
    pub fn side(&self, side: Side) -> ItemRef {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }

    /// Which side `item` is on (the right when it is on neither).
    pub fn side_of(&self, item: ItemRef) -> Side {
        if self.left == item {
            Side::Left
        } else {
            Side::Right
        }
    }

    /// The other side of the pair from `item`, if `item` is in it.
    pub fn other(&self, item: ItemRef) -> Option<ItemRef> {
        if self.left == item {
            Some(self.right)
        } else if self.right == item {
            Some(self.left)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub pairs: Vec<Pair>,
    /// For each claim index: the indices of the responses that answer it, in document order.
    answers: Lists,
    /// For each response index: the claim indices it responds to that exist.
    answered: Lists,
    /// For each section and item index: the indices into `pairs` the item belongs to.
    pairs_of: [Lists; 3],
}

/// Many short lists of numbers in one buffer: list `i` is `items[start[i]..start[i + 1]]`. One
/// `Vec` per item cost three words and an allocation for each of 60,000 items.
#[derive(Debug, Clone, Default)]
struct Lists {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    fn get(&self, i: usize) -> &[u32] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// `n` lists from `(list, value)` pairs, each list keeping the pairs' order.
    fn grouped(n: usize, pairs: impl Iterator<Item = (usize, u32)> + Clone) -> Lists {
        let mut start = vec![0u32; n + 1];
        for (list, _) in pairs.clone() {
            if let Some(c) = start.get_mut(list + 1) {
                *c += 1;
            }
        }
        for i in 0..n {
            let before = start.get(i).copied().unwrap_or(0);
            if let Some(c) = start.get_mut(i + 1) {
                *c += before;
            }
        }
        let mut next = start.clone();
        let mut items = vec![0u32; start.last().copied().unwrap_or(0) as usize];
        for (list, value) in pairs {
            if let Some(at) = next.get_mut(list) {
                if let Some(slot) = items.get_mut(*at as usize) {
                    *slot = value;
                }
                *at += 1;
            }
        }
        Lists { start, items }
    }
}

impl Relations {
    pub fn derive(b: &Briefing) -> Relations {
        Relations::derive_filtered(b, |_| true)
    }

    /// Derives relations over the items `keep` accepts only (the source filter of the analysis
    /// views hides one source's items everywhere).
    pub fn derive_filtered(b: &Briefing, keep: impl Fn(ItemRef) -> bool) -> Relations {
        // (claim, response) in response order, each once: answered is grouped by response
        // already, answers is the same edges grouped by claim.
        let mut edges: Vec<(u32, u32)> = Vec::new();
        // The last response (+ 1) that answered each claim, to drop a claim listed twice.
        let mut last_by = vec![0u32; b.claims.len()];
        let mut pairs: Vec<Pair> = Vec::new();
        let mut index: HashMap<(ItemRef, ItemRef), usize, foldhash::fast::RandomState> =
            HashMap::default();

        for (ri, response) in b.responses.iter().enumerate() {
            let right = ItemRef::new(Section::Responses, ri);
            if !keep(right) {
                continue;
            }
            for target in &response.responds_to {
                let Some(left) = b.find(target) else { continue };
                if left.section != Section::Claims || !keep(left) {
                    continue;
                }
                let Some(last) = last_by.get_mut(left.index) else {
                    continue;
                };
                if *last == ri as u32 + 1 {
                    continue; // listed twice
                }
                *last = ri as u32 + 1;
                edges.push((left.index as u32, ri as u32));
                if let Some(stance) = response.stance.filter(|s| s.contradicts()) {
                    index.insert(unordered(left, right), pairs.len());
                    pairs.push(Pair {
                        left,
                        right,
                        kind: PairKind::Implied,
                        stance: Some(stance),
                        note: None,
                        notes: Vec::new(),
                    });
                }
            }
        }

        for (k, declared) in b.contradictions.iter().enumerate() {
            let [a, bb] = &declared.between;
            let (Some(left), Some(right)) = (b.find(a), b.find(bb)) else {
                continue;
            };
            if left == right || !keep(left) || !keep(right) {
                continue;
            }
            match index.get(&unordered(left, right)) {
                Some(&i) => {
                    if let (Some(pair), Some(note)) = (pairs.get_mut(i), &declared.note) {
                        pair.note = Some(match pair.note.take() {
                            Some(old) => format!("{old}\n{note}"),
                            None => note.clone(),
                        });
                        pair.notes.push(k);
                    }
                }
                None => {
                    index.insert(unordered(left, right), pairs.len());
                    pairs.push(Pair {
                        left,
                        right,
                        kind: PairKind::Declared,
                        stance: None,
                        note: declared.note.clone(),
                        notes: declared.note.iter().map(|_| k).collect(),
                    });
                }
            }
        }

        let doc_pos = |r: ItemRef| (b.item(r).map_or(0, |i| i.pos.line), r);
        pairs.sort_by_key(|p| (doc_pos(p.left), doc_pos(p.right)));

        let sides = |section: Section| {
            let pairs = &pairs;
            pairs.iter().enumerate().flat_map(move |(i, p)| {
                [p.left, p.right]
                    .into_iter()
                    .filter(move |side| side.section == section)
                    .map(move |side| (side.index, i as u32))
            })
        };
        let pairs_of = Section::ALL.map(|s| Lists::grouped(b.section(s).len(), sides(s)));
        let answers = Lists::grouped(b.claims.len(), edges.iter().map(|&(c, r)| (c as usize, r)));
        let answered = Lists::grouped(
            b.responses.len(),
            edges.iter().map(|&(c, r)| (r as usize, c)),
        );
        Relations {
            pairs,
            answers,
            answered,
            pairs_of,
        }
    }

    /// The responses that answer claim `claim` (an index into `claims`).
    pub fn answers(&self, claim: usize) -> impl Iterator<Item = ItemRef> + '_ {
        self.answers
            .get(claim)
            .iter()
            .map(|&i| ItemRef::new(Section::Responses, i as usize))
    }

    /// The claims response `response` answers.
    pub fn answered(&self, response: usize) -> impl Iterator<Item = ItemRef> + '_ {
        self.answered
            .get(response)
            .iter()
            .map(|&i| ItemRef::new(Section::Claims, i as usize))
    }

    /// The pair whose note holds the note of declared entry `declared`, if any.
    pub fn pair_of_note(&self, declared: usize) -> Option<usize> {
        self.pairs.iter().position(|p| p.notes.contains(&declared))
    }

    /// What an item's detail lists, in order: answers, then contradiction pairs.
    pub fn of(&self, r: ItemRef) -> Vec<Relation> {
        let mut out: Vec<Relation> = match r.section {
            Section::Claims => self.answers(r.index).map(Relation::AnsweredBy).collect(),
            Section::Responses => self.answered(r.index).map(Relation::Answers).collect(),
            Section::Context => Vec::new(),
        };
        out.extend(self.pairs_of(r).iter().map(|&p| Relation::Pair(p as usize)));
        out
    }

    /// Indices into [`Self::pairs`] of the pairs `item` belongs to, in pair order.
    pub fn pairs_of(&self, item: ItemRef) -> &[u32] {
        self.pairs_of
            .get(item.section.index())
            .map_or(&[], |l| l.get(item.index))
    }
}

fn unordered(a: ItemRef, b: ItemRef) -> (ItemRef, ItemRef) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load::load_str;

    fn relations(yaml: &str) -> (Briefing, Relations) {
        let loaded = match load_str(yaml) {
            Ok(l) => l,
            Err(d) => panic!("fixture does not load: {d:?}"),
        };
        let r = Relations::derive(&loaded.briefing);
        (loaded.briefing, r)
    }

    fn ids(b: &Briefing, r: &Relations) -> Vec<(String, String, PairKind, Option<String>)> {
        r.pairs
            .iter()
            .map(|p| {
                let id = |x| b.item(x).map(|i| i.id.clone()).unwrap_or_default();
                (id(p.left), id(p.right), p.kind, p.note.clone())
            })
            .collect()
    }

    const BASE: &str = "title: T\ndate: 2025-01-01\nsources:\n  - id: s\n    name: S\n";

    #[test]
    fn denials_and_disputes_imply_pairs_other_stances_do_not() {
        let yaml = format!(
            "{BASE}claims:
  - {{id: a, text: A, source: s}}
  - {{id: b, text: B}}
responses:
  - {{id: r1, text: R1, responds_to: [a], stance: confirms}}
  - {{id: r2, text: R2, responds_to: [a], stance: clarifies}}
  - {{id: r3, text: R3, responds_to: [a], stance: declines}}
  - {{id: r4, text: R4, responds_to: [b], stance: denies}}
  - {{id: r5, text: R5, responds_to: [a], stance: disputes}}
context: []
"
        );
        let (b, r) = relations(&yaml);
        let got = ids(&b, &r);
        assert_eq!(
            got,
            vec![
                ("a".into(), "r5".into(), PairKind::Implied, None),
                ("b".into(), "r4".into(), PairKind::Implied, None),
            ]
        );
        assert_eq!(r.answers(0).count(), 4);
    }

    #[test]
    fn a_response_answering_several_claims_pairs_with_each() {
        let yaml = format!(
            "{BASE}claims:
  - id: a
    text: A
    source: s
  - id: b
    text: B
responses:
  - id: r
    text: R
    responds_to: [b, a]
    stance: denies
context: []
"
        );
        let (b, r) = relations(&yaml);
        let got: Vec<_> = ids(&b, &r)
            .into_iter()
            .map(|(l, rr, _, _)| (l, rr))
            .collect();
        assert_eq!(
            got,
            vec![("a".into(), "r".into()), ("b".into(), "r".into())]
        );
        assert_eq!(r.answered(0).count(), 2);
        assert_eq!(r.pairs_of(ItemRef::new(Section::Responses, 0)), &[0, 1]);
    }

    #[test]
    fn declared_pairs_merge_into_implied_ones_keeping_the_note() {
        let yaml = format!(
            "{BASE}claims:
  - id: a
    text: A
    source: s
responses:
  - id: r
    text: R
    responds_to: [a]
    stance: denies
context:
  - id: c
    text: C
contradictions:
  - between: [r, a]
    note: the ministry says no talks happened
  - between: [c, a]
    note: costs
"
        );
        let (b, r) = relations(&yaml);
        assert_eq!(
            ids(&b, &r),
            vec![
                (
                    "a".into(),
                    "r".into(),
                    PairKind::Implied,
                    Some("the ministry says no talks happened".into())
                ),
                (
                    "c".into(),
                    "a".into(),
                    PairKind::Declared,
                    Some("costs".into())
                ),
            ]
        );
    }

    #[test]
    fn order_follows_the_document() {
        let yaml = format!(
            "{BASE}claims:
  - {{id: a, text: A, source: s}}
  - {{id: b, text: B}}
responses:
  - {{id: r, text: R, responds_to: [b], stance: denies}}
  - {{id: q, text: Q, responds_to: [a], stance: denies}}
context:
  - {{id: c, text: C}}
contradictions:
  - between: [c, b]
  - between: [a, c]
"
        );
        let (b, r) = relations(&yaml);
        let got: Vec<_> = ids(&b, &r)
            .into_iter()
            .map(|(l, rr, _, _)| format!("{l}-{rr}"))
            .collect();
        assert_eq!(got, vec!["a-q", "a-c", "b-r", "c-b"]);
    }

    #[test]
    fn filter_hides_pairs_with_hidden_items() {
        let yaml = format!(
            "{BASE}claims:
  - id: a
    text: A
    source: s
responses:
  - id: r
    text: R
    responds_to: [a]
    stance: denies
context: []
"
        );
        let (b, _) = relations(&yaml);
        let r = Relations::derive_filtered(&b, |x| x.section != Section::Responses);
        assert!(r.pairs.is_empty());
        assert_eq!(r.answers(0).count(), 0);
    }
}
