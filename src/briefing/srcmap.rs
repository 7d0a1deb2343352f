//! Where things are in a briefing's text, for diagnostics and for opening an editor at an item.
//!
//! The YAML parser reports positions only for the errors it finds itself. Semantic errors (a
//! dangling reference, a duplicate id) and item start lines need positions too, so this module
//! makes one cheap pass over the lines of block-style YAML — the style briefings are written in —
//! and records, for each entry of each top-level list, where it starts and where each of its keys
//! and list elements are. Anything it does not understand (flow mappings, anchors) is simply not
//! recorded, and callers fall back to the nearest position they do have.

use std::collections::HashMap;

use super::model::Pos;

/// A key of a mapping: where the key is, where its value starts, and where the elements of a
/// list value start (flow `[a, b]` or block `- a` lines).
#[derive(Debug, Clone, Default)]
pub struct KeyPos {
    pub key: Pos,
    pub value: Pos,
    pub elems: Vec<Pos>,
}

/// One `- ` entry of a top-level list.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    pub start: Pos,
    keys: Vec<(&'a str, KeyPos)>,
}

impl<'a> Entry<'a> {
    pub fn key(&self, name: &str) -> Option<&KeyPos> {
        self.keys.iter().find(|(k, _)| *k == name).map(|(_, p)| p)
    }
}

#[derive(Debug, Default)]
pub struct SourceMap<'a> {
    top: HashMap<&'a str, KeyPos>,
    /// The entries of each of [`LISTS`], in its order (a fixed slot, not a hash, per line).
    lists: [Option<Vec<Entry<'a>>>; 6],
}

/// The list keys whose entries are recorded.
const LISTS: [&str; 6] = [
    "sources",
    "claims",
    "responses",
    "context",
    "contradictions",
    "judgments",
];

/// The place of a list key in [`LISTS`].
fn list_slot(key: &str) -> Option<usize> {
    LISTS.iter().position(|&k| k == key)
}

/// Splits `key: value` at the colon; returns the key and the byte offset of the value (or the
/// line's end when the value is empty).
fn split_key(s: &str) -> Option<(&str, usize)> {
    let end = s
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    if end == 0 || s.as_bytes().get(end) != Some(&b':') {
        return None;
    }
    let after = s.get(end + 1..)?;
    if !after.is_empty() && !after.starts_with(' ') && !after.starts_with('\t') {
        return None;
    }
    let value_off = end + 1 + (after.len() - after.trim_start().len());
    Some((s.get(..end)?, value_off))
}

fn col_of(line: &str, byte: usize) -> u32 {
    line.get(..byte).map_or(1, |p| p.chars().count() as u32 + 1)
}

/// Positions of the elements of a one-line flow sequence `[a, b, "c"]` starting at byte `open`.
fn flow_elems(line: &str, lineno: u32, open: usize) -> Vec<Pos> {
    flow_elems_from(line, lineno, open, col_of(line, open))
}

/// [`flow_elems`] when the column of the `[` (`open_col`) is known.
fn flow_elems_from(line: &str, lineno: u32, open: usize, open_col: u32) -> Vec<Pos> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = open + 1;
    // The column of byte `i`, kept as we go: recounting from the line start for every element
    // made a long one-line list quadratic.
    let mut col = open_col + 1;
    let mut expecting = true;
    let mut quote: Option<u8> = None;
    while let Some(&b) = bytes.get(i) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b']' => break,
                b',' => expecting = true,
                b' ' | b'\t' => {}
                _ => {
                    if expecting {
                        out.push(Pos::new(lineno, col));
                        expecting = false;
                    }
                    if b == b'"' || b == b'\'' {
                        quote = Some(b);
                    }
                }
            },
        }
        if !is_utf8_continuation(b) {
            col += 1;
        }
        i += 1;
    }
    out
}

fn is_utf8_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Columns of one line for byte offsets asked in increasing order: linear over the line, where
/// counting from the line's start each time made a long one-line list quadratic.
struct Cols<'a> {
    line: &'a [u8],
    byte: usize,
    col: u32,
}

impl<'a> Cols<'a> {
    fn new(line: &'a str) -> Cols<'a> {
        Cols {
            line: line.as_bytes(),
            byte: 0,
            col: 1,
        }
    }

    /// The column of byte `at` (not before the last one asked).
    fn at(&mut self, at: usize) -> u32 {
        while self.byte < at {
            if let Some(&b) = self.line.get(self.byte) {
                if !is_utf8_continuation(b) {
                    self.col += 1;
                }
            }
            self.byte += 1;
        }
        self.col
    }
}

fn skip_blanks(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// From byte `i` in a flow collection, the byte of the `,`, `]` or `}` that ends the value there
/// (or the line's end), stepping over quoted text and nested collections.
fn skip_flow_value(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    while let Some(&b) = bytes.get(i) {
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth == 0 => return i,
                b']' | b'}' => depth -= 1,
                b',' if depth == 0 => return i,
                _ => {}
            },
        }
        i += 1;
    }
    i
}

/// The keys of a one-line flow mapping `{id: a, responds_to: [b, c]}` whose `{` is at byte
/// `open`, and the byte after it ends.
fn flow_keys<'a>(
    line: &'a str,
    lineno: u32,
    open: usize,
    cols: &mut Cols,
) -> (Vec<(&'a str, KeyPos)>, usize) {
    let bytes = line.as_bytes();
    let mut keys = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_blanks(bytes, i);
        match bytes.get(i) {
            None => break,
            Some(b'}') => {
                i += 1;
                break;
            }
            _ => {}
        }
        let rest = line.get(i..).unwrap_or("");
        let key_len = rest
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
            .unwrap_or(rest.len());
        let colon = i + key_len;
        if key_len > 0 && bytes.get(colon) == Some(&b':') {
            let value = skip_blanks(bytes, colon + 1);
            let key_col = cols.at(i);
            let value_col = cols.at(value);
            let elems = if bytes.get(value) == Some(&b'[') {
                flow_elems_from(line, lineno, value, value_col)
            } else {
                Vec::new()
            };
            keys.push((
                rest.get(..key_len).unwrap_or(""),
                KeyPos {
                    key: Pos::new(lineno, key_col),
                    value: Pos::new(lineno, value_col),
                    elems,
                },
            ));
            i = value;
        }
        i = skip_flow_value(bytes, i);
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b'}') => {
                i += 1;
                break;
            }
            _ => break,
        }
    }
    (keys, i)
}

/// The entries of a one-line flow sequence of mappings `[{id: a}, {id: b}]` whose `[` is at byte
/// `open`. `keys`: record each entry's keys too, not only where it starts.
fn flow_entries<'a>(line: &'a str, lineno: u32, open: usize, keys: bool) -> Vec<Entry<'a>> {
    let bytes = line.as_bytes();
    let mut cols = Cols::new(line);
    let mut out = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_blanks(bytes, i);
        match bytes.get(i) {
            None | Some(b']') => break,
            Some(b'{') => {
                let start = Pos::new(lineno, cols.at(i));
                let (found, end) = flow_keys(line, lineno, i, &mut cols);
                out.push(Entry {
                    start,
                    keys: if keys { found } else { Vec::new() },
                });
                i = end;
            }
            Some(_) => {
                out.push(Entry {
                    start: Pos::new(lineno, cols.at(i)),
                    keys: Vec::new(),
                });
            }
        }
        i = skip_flow_value(bytes, i);
        if bytes.get(i) == Some(&b',') {
            i += 1;
        } else {
            break;
        }
    }
    out
}

/// The full source map of a text, built on first use: validation asks for positions only when
/// it has a problem to report, so a clean file never pays for the keys' positions.
pub struct LazyMap<'a> {
    text: &'a str,
    map: std::cell::OnceCell<SourceMap<'a>>,
}

impl<'a> LazyMap<'a> {
    pub fn new(text: &'a str) -> LazyMap<'a> {
        LazyMap {
            text,
            map: std::cell::OnceCell::new(),
        }
    }

    pub fn get(&self) -> &SourceMap<'a> {
        self.map.get_or_init(|| SourceMap::build(self.text))
    }
}

impl<'a> SourceMap<'a> {
    /// Everything: top-level keys, entry starts, and each entry's keys and list elements.
    pub fn build(text: &'a str) -> SourceMap<'a> {
        SourceMap::scan(text, true)
    }

    /// Top-level keys and where each entry starts, without the entries' keys: what a briefing
    /// that loads cleanly needs (an item's line, to open an editor there).
    pub fn starts(text: &'a str) -> SourceMap<'a> {
        SourceMap::scan(text, false)
    }

    fn scan(text: &'a str, keys: bool) -> SourceMap<'a> {
        let mut map = SourceMap::default();
        let mut list: Option<usize> = None;
        let mut seq_indent: Option<usize> = None;
        // Indent of the keys of the current entry, and the key last seen there.
        let mut key_indent: Option<usize> = None;
        let mut last_key: Option<(&'a str, bool)> = None; // (key, value was empty)
                                                          // Inside a block scalar: lines indented deeper than this belong to it.
        let mut block_parent: Option<usize> = None;

        for (n, line) in text.lines().enumerate() {
            let lineno = (n + 1) as u32;
            let trimmed = line.trim_start_matches(' ');
            let indent = line.len() - trimmed.len();
            if let Some(parent) = block_parent {
                if trimmed.is_empty() || indent > parent {
                    continue;
                }
                block_parent = None;
            }
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let is_dash = trimmed == "-" || trimmed.starts_with("- ");
            // A list may sit at the same indent as its key (`claims:` then `- id: a`).
            if indent == 0 && !(is_dash && list.is_some()) {
                list = None;
                seq_indent = None;
                key_indent = None;
                last_key = None;
                if let Some((key, voff)) = split_key(line) {
                    let value = line.get(voff..).unwrap_or("");
                    let kp = KeyPos {
                        key: Pos::new(lineno, 1),
                        value: Pos::new(lineno, col_of(line, voff)),
                        elems: if value.starts_with('[') {
                            flow_elems(line, lineno, voff)
                        } else {
                            Vec::new()
                        },
                    };
                    if value.starts_with('|') || value.starts_with('>') {
                        block_parent = Some(0);
                    }
                    map.top.entry(key).or_insert(kp);
                    if let Some(slot) = list_slot(key) {
                        if let Some(entries @ None) = map.lists.get_mut(slot) {
                            if value.starts_with('[') {
                                // The whole list on this line, in flow style.
                                *entries = Some(flow_entries(line, lineno, voff, keys));
                            } else {
                                list = Some(slot);
                                *entries = Some(Vec::new());
                            }
                        }
                    }
                }
                continue;
            }
            let Some(list_key) = list else { continue };
            let Some(Some(entries)) = map.lists.get_mut(list_key) else {
                continue;
            };
            // The rest of the line after the dash, and its byte offset in the line.
            let dash_rest = |line: &'a str| -> (usize, &'a str) {
                let after = line.get(indent + 1..).unwrap_or("");
                let off = indent + 1 + (after.len() - after.trim_start_matches(' ').len());
                (off, line.get(off..).unwrap_or(""))
            };

            if is_dash && seq_indent.is_none_or(|s| s == indent) {
                seq_indent = Some(indent);
                let mut entry = Entry {
                    start: Pos::new(lineno, indent as u32 + 1),
                    keys: Vec::new(),
                };
                let (off, rest) = dash_rest(line);
                key_indent = Some(off);
                last_key = None;
                if rest.starts_with('{') {
                    // A flow mapping: its keys are on this line (if it closes here).
                    key_indent = None;
                    if keys {
                        entry.keys = flow_keys(line, lineno, off, &mut Cols::new(line)).0;
                    }
                } else if let Some((key, voff)) = split_key(rest) {
                    let value = rest.get(voff..).unwrap_or("");
                    if keys {
                        entry
                            .keys
                            .push((key, key_pos(line, lineno, off, off + voff, value)));
                    }
                    last_key = Some((key, value.is_empty()));
                    if value.starts_with('|') || value.starts_with('>') {
                        block_parent = Some(off);
                    }
                }
                entries.push(entry);
                continue;
            }
            let (Some(ki), Some(entry)) = (key_indent, entries.last_mut()) else {
                continue;
            };
            if indent == ki {
                if let Some((key, voff)) = split_key(trimmed) {
                    let value = trimmed.get(voff..).unwrap_or("");
                    if keys {
                        entry
                            .keys
                            .push((key, key_pos(line, lineno, indent, indent + voff, value)));
                    }
                    last_key = Some((key, value.is_empty()));
                    if value.starts_with('|') || value.starts_with('>') {
                        block_parent = Some(indent);
                    }
                }
            } else if keys && indent > ki && is_dash {
                if let Some((key, true)) = last_key {
                    let (off, _) = dash_rest(line);
                    if let Some((_, kp)) = entry.keys.iter_mut().rev().find(|(k, _)| *k == key) {
                        kp.elems.push(Pos::new(lineno, col_of(line, off)));
                    }
                }
            }
        }
        map
    }

    /// A top-level key: where its value starts.
    pub fn top(&self, key: &str) -> Option<&KeyPos> {
        self.top.get(key)
    }

    /// The entries recorded for a top-level list, if the map understood it.
    pub fn entries(&self, list: &str) -> &[Entry<'a>] {
        list_slot(list)
            .and_then(|i| self.lists.get(i))
            .and_then(Option::as_ref)
            .map_or(&[], Vec::as_slice)
    }

    /// Entry `index` of `list`, trusted only when the map saw as many entries as the parser did.
    pub fn entry(&self, list: &str, index: usize, parsed_len: usize) -> Option<&Entry<'a>> {
        let entries = self.entries(list);
        if entries.len() == parsed_len {
            entries.get(index)
        } else {
            None
        }
    }

    /// The best position for `key` of entry `index` of `list`: the value, else the entry, else the
    /// list's key, else unknown.
    pub fn value_pos(&self, list: &str, index: usize, parsed_len: usize, key: &str) -> Pos {
        match self.entry(list, index, parsed_len) {
            Some(e) => e.key(key).map_or(e.start, |k| k.value),
            None => self.top(list).map_or(Pos::default(), |k| k.key),
        }
    }

    /// The position of element `elem` of list-valued `key`, falling back like [`Self::value_pos`].
    pub fn elem_pos(
        &self,
        list: &str,
        index: usize,
        parsed_len: usize,
        key: &str,
        elem: usize,
    ) -> Pos {
        if let Some(k) = self.entry(list, index, parsed_len).and_then(|e| e.key(key)) {
            if let Some(p) = k.elems.get(elem) {
                return *p;
            }
        }
        self.value_pos(list, index, parsed_len, key)
    }

    /// Where entry `index` of `list` starts.
    pub fn entry_start(&self, list: &str, index: usize, parsed_len: usize) -> Pos {
        match self.entry(list, index, parsed_len) {
            Some(e) => e.start,
            None => self.top(list).map_or(Pos::default(), |k| k.key),
        }
    }
}

fn key_pos(line: &str, lineno: u32, key_off: usize, value_off: usize, value: &str) -> KeyPos {
    KeyPos {
        key: Pos::new(lineno, col_of(line, key_off)),
        value: Pos::new(lineno, col_of(line, value_off)),
        elems: if value.starts_with('[') {
            flow_elems(line, lineno, value_off)
        } else {
            Vec::new()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
title: T
date: 2025-01-01
claims:
  - id: a
    text: |
      - not an entry
      id: not a key
    source: wsj
  - id: b
    text: >-
      folded
responses:
- id: r
  responds_to: [a, \"b\"]
  stance: denies
- id: s
  responds_to:
    - a
    - b
context: []
";

    #[test]
    fn finds_entries_keys_and_elements() {
        let m = SourceMap::build(DOC);
        assert_eq!(m.entries("claims").len(), 2);
        assert_eq!(m.entry_start("claims", 1, 2), Pos::new(9, 3));
        assert_eq!(m.value_pos("claims", 0, 2, "source"), Pos::new(8, 13));
        assert_eq!(
            m.elem_pos("responses", 0, 2, "responds_to", 1),
            Pos::new(14, 20)
        );
        assert_eq!(
            m.elem_pos("responses", 1, 2, "responds_to", 1),
            Pos::new(19, 7)
        );
        assert_eq!(m.value_pos("responses", 1, 2, "stance"), Pos::new(16, 1));
        assert_eq!(m.top("date").map(|k| k.value), Some(Pos::new(2, 7)));
    }

    #[test]
    fn starts_find_the_same_entries_without_their_keys() {
        let full = SourceMap::build(DOC);
        let light = SourceMap::starts(DOC);
        for (list, n) in [("claims", 2), ("responses", 2)] {
            for i in 0..n {
                assert_eq!(light.entry_start(list, i, n), full.entry_start(list, i, n));
            }
        }
        assert_eq!(light.value_pos("claims", 0, 2, "source"), Pos::new(4, 3));
    }

    #[test]
    fn flow_mappings_have_their_keys_found() {
        let doc = "title: t\nsources: [{id: s1, name: S}, {id: s2, name: \"a, b}\"}]\n\
                   claims:\n  - {id: c1, text: 한국, source: nope}\n\
                   responses: [{id: r1, text: b, responds_to: [c1, c9], stance: denies}]\n";
        let m = SourceMap::build(doc);
        assert_eq!(m.entry_start("sources", 1, 2), Pos::new(2, 30));
        assert_eq!(m.value_pos("sources", 1, 2, "name"), Pos::new(2, 45));
        assert_eq!(m.value_pos("claims", 0, 1, "source"), Pos::new(4, 32));
        assert_eq!(
            m.elem_pos("responses", 0, 1, "responds_to", 1),
            Pos::new(5, 49)
        );
        assert_eq!(m.value_pos("responses", 0, 1, "stance"), Pos::new(5, 62));
        let light = SourceMap::starts(doc);
        assert_eq!(light.entry_start("sources", 1, 2), Pos::new(2, 30));
    }

    /// 20,000 mappings on one line: found in linear time (a column counted from the line's
    /// start for each would take minutes).
    #[test]
    fn a_long_flow_line_is_linear() {
        let mut doc = String::from("claims: [");
        for i in 0..20_000 {
            doc.push_str(&format!("{{id: c{i}, text: 한국어, source: s}}, "));
        }
        doc.push_str("]\n");
        let m = SourceMap::build(&doc);
        assert_eq!(m.entries("claims").len(), 20_000);
        let last = m.value_pos("claims", 19_999, 20_000, "source");
        assert_eq!(last.line, 1);
        assert!(last.col > 500_000, "{last:?}");
    }

    #[test]
    fn flow_elements_are_counted_in_characters() {
        assert_eq!(
            flow_elems("k: [한국, \"b\", c]", 1, 3),
            vec![Pos::new(1, 5), Pos::new(1, 9), Pos::new(1, 14)]
        );
    }

    #[test]
    fn distrusts_a_map_that_disagrees_with_the_parser() {
        let m = SourceMap::build(DOC);
        assert_eq!(m.entry_start("claims", 0, 3), Pos::new(3, 1));
        assert_eq!(m.value_pos("nothing", 0, 1, "id"), Pos::default());
    }
}
