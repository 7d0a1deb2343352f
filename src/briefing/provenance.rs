//! Provenance: where what a claim rests on comes from, and how much of it is independent.
//! Knows nothing of terminals.
//!
//! Definitions (docs/format.md gives them to authors):
//! - An item's **origin** is its `source`; its **chain** is its `via` list, the outlets it
//!   reached the briefing through, nearest first. A chain is drawn origin first:
//!   `Ministry ← Yonhap ← The Independent`.
//! - The **confirming items** of a claim are the claim itself and every response that
//!   `confirms` it, as far as they name a source (the same items [`super::analysis::single_source`]
//!   weighs).
//! - Two origins are **dependent** when they are the same, or when an item of one names the other
//!   in its chain (A via B: what A said reached the briefing through B, which may have shaped or
//!   echoed it). Otherwise they are independent.
//! - A claim's **origins** are a largest set of pairwise independent origins among its confirming
//!   items: the number of confirmations that could each be true without the others. Three outlets
//!   of which two came through the third are 3 sources and 2 origins (the two are independent of
//!   each other, both depend on the third); when every pair depends, they are 1 origin.
//! - **Circular reporting**: two origins cite each other for one claim (an item of A via B and an
//!   item of B via A).

use super::model::{Briefing, ItemRef, Section, Stance};
use super::relations::Relations;

/// Above this many distinct sources confirming one claim the largest independent set is found
/// greedily (smallest number of dependencies first): exact search doubles with each source, and
/// no real briefing has that many.
const EXACT_LIMIT: usize = 24;

/// What one claim's confirmation comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    /// The confirming items that name a source: the claim, then its confirming responses.
    pub items: Vec<ItemRef>,
    /// The distinct sources of those items, in order of first appearance.
    pub sources: Vec<String>,
    /// A largest set of pairwise independent sources among them, in the same order.
    pub independent: Vec<String>,
    /// Pairs of sources citing each other for the claim, each pair once, in source order.
    pub circular: Vec<(String, String)>,
}

impl Origins {
    /// How many independent origins the claim rests on.
    pub fn count(&self) -> usize {
        self.independent.len()
    }
}

/// One item's provenance: its origin and its chain.
#[derive(Debug, Clone, Copy)]
pub struct Chain<'a> {
    pub origin: &'a str,
    pub via: &'a [String],
}

/// The origins of claim `claim` (an index into `claims`); empty when the claim does not exist.
pub fn origins(b: &Briefing, rel: &Relations, claim: usize) -> Origins {
    let Some(c) = b.claims.get(claim) else {
        return Origins::default();
    };
    let mut items = Vec::new();
    let mut chains = Vec::new();
    if let Some(origin) = c.source.as_deref() {
        items.push(ItemRef::new(Section::Claims, claim));
        chains.push(Chain {
            origin,
            via: &c.via,
        });
    }
    for r in rel.answers(claim) {
        let Some(resp) = b.item(r) else { continue };
        if resp.stance != Some(Stance::Confirms) {
            continue;
        }
        if let Some(origin) = resp.source.as_deref() {
            items.push(r);
            chains.push(Chain {
                origin,
                via: &resp.via,
            });
        }
    }
    let mut o = independence(&chains);
    o.items = items;
    o
}

/// Whether claim `claim` rests on one origin: its confirming items (the claim and the
/// responses confirming it, as far as they name a source) hold some origin, but no two
/// independent ones. A claim that names no source and that nothing confirms has none.
pub fn single_origin(b: &Briefing, rel: &Relations, claim: usize) -> bool {
    origins(b, rel, claim).count() == 1
}

/// Sources, a largest independent set and circular pairs of a set of chains (`items` is left
/// empty). Shared by the reader and the validator, which has no `Briefing` yet.
pub fn independence(chains: &[Chain]) -> Origins {
    let mut sources: Vec<&str> = Vec::new();
    for c in chains {
        if !sources.contains(&c.origin) {
            sources.push(c.origin);
        }
    }
    let n = sources.len();
    let at = |id: &str| sources.iter().position(|s| *s == id);
    // cites[a][b]: an item of origin a names b in its chain.
    let mut cites = vec![vec![false; n]; n];
    for c in chains {
        let Some(a) = at(c.origin) else { continue };
        for v in c.via {
            if let Some(b) = at(v).filter(|&b| b != a) {
                if let Some(cell) = cites.get_mut(a).and_then(|row| row.get_mut(b)) {
                    *cell = true;
                }
            }
        }
    }
    let cite = |a: usize, b: usize| cites.get(a).and_then(|r| r.get(b)).copied() == Some(true);
    let adjacent: Vec<Vec<usize>> = (0..n)
        .map(|a| (0..n).filter(|&b| cite(a, b) || cite(b, a)).collect())
        .collect();
    let chosen = if n <= EXACT_LIMIT {
        largest_independent(&adjacent)
    } else {
        greedy_independent(&adjacent)
    };
    let mut circular = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            if cite(a, b) && cite(b, a) {
                if let (Some(x), Some(y)) = (sources.get(a), sources.get(b)) {
                    circular.push((x.to_string(), y.to_string()));
                }
            }
        }
    }
    Origins {
        items: Vec::new(),
        independent: chosen
            .iter()
            .filter_map(|&i| sources.get(i).map(|s| s.to_string()))
            .collect(),
        sources: sources.iter().map(|s| s.to_string()).collect(),
        circular,
    }
}

/// A largest set of vertices no two of which are adjacent, by branch and bound over bit sets;
/// of equal sets, the one with the earliest vertices. At most [`EXACT_LIMIT`] vertices.
fn largest_independent(adjacent: &[Vec<usize>]) -> Vec<usize> {
    let masks: Vec<u32> = adjacent
        .iter()
        .map(|ns| {
            ns.iter()
                .fold(0u32, |m, &b| m | 1u32.checked_shl(b as u32).unwrap_or(0))
        })
        .collect();
    fn search(left: u32, masks: &[u32], taken: u32, best: &mut u32) {
        if taken.count_ones() + left.count_ones() <= best.count_ones() {
            return;
        }
        if left == 0 {
            *best = taken;
            return;
        }
        let v = left.trailing_zeros();
        let bit = 1u32 << v;
        let neighbours = masks.get(v as usize).copied().unwrap_or(0);
        search(left & !bit & !neighbours, masks, taken | bit, best);
        if neighbours & left != 0 {
            search(left & !bit, masks, taken, best);
        }
    }
    let all = if adjacent.len() >= 32 {
        u32::MAX
    } else {
        (1u32 << adjacent.len()) - 1
    };
    let mut best = 0u32;
    search(all, &masks, 0, &mut best);
    (0..adjacent.len())
        .filter(|&i| best & (1u32 << i) != 0)
        .collect()
}

/// An independent set taken greedily, fewest neighbours first (ties in order).
fn greedy_independent(adjacent: &[Vec<usize>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..adjacent.len()).collect();
    order.sort_by_key(|&i| (adjacent.get(i).map_or(0, Vec::len), i));
    let mut out: Vec<usize> = Vec::new();
    let mut blocked = vec![false; adjacent.len()];
    for i in order {
        if blocked.get(i).copied().unwrap_or(true) {
            continue;
        }
        out.push(i);
        for &j in adjacent.get(i).into_iter().flatten() {
            if let Some(b) = blocked.get_mut(j) {
                *b = true;
            }
        }
    }
    out.sort_unstable();
    out
}

/// An item's chain as names, origin first: `["Yonhap News Agency", "The Independent"]` for
/// `source: yonhap, via: [independent]`. Empty when the item has no `via`.
pub fn chain_names(b: &Briefing, item: &super::Item) -> Vec<String> {
    if item.via.is_empty() {
        return Vec::new();
    }
    let name = |id: &str| b.source(id).map_or(id, |s| s.name.as_str()).to_string();
    let mut out: Vec<String> = item.source.as_deref().map(name).into_iter().collect();
    out.extend(item.via.iter().rev().map(|v| name(v)));
    out
}

/// The pairs of sources citing each other for some claim, each pair once (across claims), in
/// claim order.
pub fn circular_pairs(b: &Briefing, rel: &Relations) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for i in 0..b.claims.len() {
        if !may_be_circular(b, rel, i) {
            continue;
        }
        for p in origins(b, rel, i).circular {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Whether claim `claim` has two confirming items that each name a chain: circular reporting
/// needs an item of A via B and another of B via A. Most claims have not, and are passed over
/// without finding their origins (the header of a 22 MB briefing waited 15 ms for that).
fn may_be_circular(b: &Briefing, rel: &Relations, claim: usize) -> bool {
    let Some(c) = b.claims.get(claim) else {
        return false;
    };
    let chained = |source: &Option<String>, via: &[String]| source.is_some() && !via.is_empty();
    let confirming = rel
        .answers(claim)
        .filter_map(|r| b.item(r))
        .filter(|resp| resp.stance == Some(Stance::Confirms) && chained(&resp.source, &resp.via));
    usize::from(chained(&c.source, &c.via)) + confirming.take(2).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claims passed over as unable to be circular are exactly those whose origins hold no
    /// circular pair, on the fixtures and the bundled briefings.
    #[test]
    fn the_claims_passed_over_hold_no_circular_reporting() {
        let texts = [
            include_str!("../../tests/fixtures/provenance/circular.yaml"),
            include_str!("../../tests/fixtures/provenance/echoes.yaml"),
            include_str!("../../briefings/korea-troops.yaml"),
            include_str!("../../briefings/harbour-bridge-tolls.yaml"),
        ];
        let mut circular = 0;
        for text in texts {
            let b = match crate::briefing::load::load_str(text) {
                Ok(l) => l.briefing,
                Err(d) => panic!("{d:?}"),
            };
            let rel = Relations::derive(&b);
            for i in 0..b.claims.len() {
                let o = origins(&b, &rel, i);
                if !may_be_circular(&b, &rel, i) {
                    assert!(o.circular.is_empty(), "claim {i}");
                }
                circular += o.circular.len();
            }
            assert_eq!(
                circular_pairs(&b, &rel).is_empty(),
                (0..b.claims.len()).all(|i| origins(&b, &rel, i).circular.is_empty())
            );
        }
        assert!(circular > 0, "a fixture with circular reporting");
    }

    fn chains<'a>(list: &'a [(&'a str, Vec<String>)]) -> Vec<Chain<'a>> {
        list.iter()
            .map(|(o, v)| Chain {
                origin: o,
                via: v.as_slice(),
            })
            .collect()
    }

    fn via(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_outlets_through_a_third_are_two_origins() {
        let list = [
            ("wire", via(&[])),
            ("paper", via(&["wire"])),
            ("tv", via(&["wire"])),
        ];
        let o = independence(&chains(&list));
        assert_eq!(o.sources, vec!["wire", "paper", "tv"]);
        assert_eq!(o.independent, vec!["paper", "tv"]);
        assert!(o.circular.is_empty());
    }

    #[test]
    fn a_line_of_echoes_is_one_origin() {
        let list = [
            ("wire", via(&[])),
            ("paper", via(&["wire"])),
            ("tv", via(&["paper", "wire"])),
        ];
        assert_eq!(independence(&chains(&list)).count(), 1);
    }

    #[test]
    fn independent_outlets_count_each() {
        let list = [("a", via(&[])), ("b", via(&["x"])), ("c", via(&["x"]))];
        let o = independence(&chains(&list));
        assert_eq!(o.count(), 3, "sharing a carrier is not sharing an origin");
        let same = [("a", via(&[])), ("a", via(&["b"]))];
        assert_eq!(independence(&chains(&same)).count(), 1);
    }

    #[test]
    fn outlets_citing_each_other_are_circular() {
        let list = [("a", via(&["b"])), ("b", via(&["a"])), ("c", via(&[]))];
        let o = independence(&chains(&list));
        assert_eq!(o.circular, vec![("a".to_string(), "b".to_string())]);
        assert_eq!(o.count(), 2);
        // A chain naming its own origin is no dependency (the validator warns about it).
        let own = [("a", via(&["a"]))];
        assert_eq!(independence(&chains(&own)).count(), 1);
    }

    #[test]
    fn many_sources_fall_back_to_a_greedy_set_without_panicking() {
        let names: Vec<String> = (0..40).map(|i| format!("s{i}")).collect();
        // Each source came through the next: a path, whose largest independent set is half.
        let list: Vec<(&str, Vec<String>)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    n.as_str(),
                    names
                        .get(i + 1)
                        .map(|x| vec![x.clone()])
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(independence(&chains(&list)).count(), 20);
        let exact: Vec<(&str, Vec<String>)> = list.iter().take(24).cloned().collect();
        assert_eq!(independence(&chains(&exact)).count(), 12);
    }
}
