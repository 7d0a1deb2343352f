//! The filter language of `&`: a query such as `status:denied kind:government -is:anonymous`,
//! parsed once into an expression, then asked of every item of a briefing (the reader's panes)
//! or of every briefing of the library. Knows nothing of terminals.
//!
//! Syntax (README, "Filters"):
//! - `key:value` terms: `status`, `stance`, `source`, `kind`, `reliability`, `credibility`,
//!   `date`, `tag`, `is`, `has`. A value with blanks is quoted: `source:"the independent"`.
//! - Free words (or a quoted phrase) match as the `/` search does, smart case included.
//! - Terms side by side must all hold; `or` between them (AND binds tighter); `-` negates a
//!   term or a group; parentheses group.
//!
//! A term is asked of an item, or of the briefing as a whole ([`Scope`]): in the panes `tag:`
//! and `has:contradictions` hold for every item or none; in the library `date:`, `tag:`, free
//! words and the reading-state terms are the briefing's, and a filter with item terms matches
//! a briefing when one of its items matches it.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::analysis::{anonymous, single_origin};
use super::diff::Mark;
use super::model::{Briefing, Date, Item, ItemRef, Reliability, Section, SourceKind};
use super::search::{Place, Query};
use super::summary::Summary;
use super::{Document, Relations, Stance, Status};

/// The keys a term may have, in the order an error lists them.
pub const KEYS: &[&str] = &[
    "status",
    "stance",
    "source",
    "kind",
    "reliability",
    "credibility",
    "date",
    "tag",
    "is",
    "has",
];

/// The words `is:` takes.
pub const IS_WORDS: &[&str] = &[
    "anonymous",
    "single-origin",
    "contradicted",
    "new",
    "changed",
];

/// The words `has:` takes.
pub const HAS_WORDS: &[&str] = &[
    "quote",
    "url",
    "attribution",
    "source",
    "date",
    "credibility",
    "contradictions",
];

/// A problem with a filter: where (a 1-based column, in characters) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub col: usize,
    pub message: String,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.col, self.message)
    }
}

impl std::error::Error for FilterError {}

/// `is:` words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Is {
    /// The attribution hides who speaks ([`anonymous`]).
    Anonymous,
    /// A claim that rests on one origin ([`single_origin`]: no two independent origins confirm it).
    SingleOrigin,
    /// An item in a contradiction pair.
    Contradicted,
    /// New since last read (the reading state's marks; in the library, a briefing with new items).
    New,
    /// Changed since last read.
    Changed,
}

/// `has:` words: the item has the field (in the library: a briefing with contradictions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Has {
    Quote,
    Url,
    Attribution,
    Source,
    Date,
    Credibility,
    Contradictions,
}

/// One term of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Status(Status),
    Stance(Stance),
    /// A source id or name, lower-cased.
    Source(String),
    Kind(SourceKind),
    /// The item's source's reliability, from the first to the last letter.
    Reliability(Reliability, Reliability),
    /// The item's credibility, inclusive.
    Credibility(u8, u8),
    /// The item's date (the library: the briefing's), inclusive; an open end is None.
    Date(Option<Date>, Option<Date>),
    /// A tag of the briefing, lower-cased, without a leading `#`.
    Tag(String),
    Is(Is),
    Has(Has),
    /// Text to find as the `/` search finds it.
    Word(String),
}

/// Where a term is decided: on each item, or once for the whole briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Item,
    Briefing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    Term(Term),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

impl Expr {
    fn eval(&self, term: &mut impl FnMut(&Term) -> bool) -> bool {
        match self {
            Expr::Term(t) => term(t),
            Expr::Not(e) => !e.eval(term),
            Expr::And(es) => es.iter().all(|e| e.eval(term)),
            Expr::Or(es) => es.iter().any(|e| e.eval(term)),
        }
    }

    fn terms<'a>(&'a self, out: &mut Vec<&'a Term>) {
        match self {
            Expr::Term(t) => out.push(t),
            Expr::Not(e) => e.terms(out),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.terms(out)),
        }
    }
}

/// A parsed filter and the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    text: String,
    expr: Expr,
}

impl Filter {
    /// Parses a filter; an empty (or blank) text is an error too (the caller clears instead).
    pub fn parse(text: &str) -> Result<Filter, FilterError> {
        let tokens = tokenize(text)?;
        let mut p = Parser {
            tokens: &tokens,
            at: 0,
            end: text.chars().count() + 1,
        };
        let expr = p.or()?;
        if let Some(t) = p.peek() {
            // Only a `)` can stop the top level early.
            return Err(FilterError {
                col: t.col,
                message: "')' closes nothing".into(),
            });
        }
        Ok(Filter {
            text: text.trim().to_string(),
            expr,
        })
    }

    /// The filter as typed (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the filter holds when each term is decided by `term`.
    pub fn eval(&self, mut term: impl FnMut(&Term) -> bool) -> bool {
        self.expr.eval(&mut term)
    }

    /// Every term, in the order typed.
    pub fn terms(&self) -> Vec<&Term> {
        let mut out = Vec::new();
        self.expr.terms(&mut out);
        out
    }

    /// The items of `doc` that match, as indices into each section (in [`Section::ALL`]
    /// order). `marks` are the reading state's new and changed items by id, when it is kept.
    pub fn items(&self, doc: &Document, marks: Option<&HashMap<String, Mark>>) -> [Vec<usize>; 3] {
        let words = word_hits(doc, &self.terms());
        let b = &doc.briefing;
        let mut out: [Vec<usize>; 3] = Default::default();
        for (r, item) in b.items() {
            let facts = ItemFacts {
                b,
                rel: &doc.relations,
                r,
                item,
                words: &words,
                marks,
            };
            if self.eval(|t| facts.holds(t)) {
                if let Some(v) = out.get_mut(r.section.index()) {
                    v.push(r.index);
                }
            }
        }
        out
    }

    /// Whether a briefing of the library matches: `changes` are its (new, changed) items since
    /// last read, when known. A filter of briefing terms only is decided on the briefing; one
    /// with item terms matches when one of the briefing's items matches the whole filter, its
    /// briefing terms taking the briefing's values.
    pub fn briefing(&self, doc: &Document, changes: Option<(usize, usize)>) -> bool {
        let b = &doc.briefing;
        let head = Head {
            title: &b.title,
            summary: b.summary.as_deref(),
            tags: &b.tags,
            date: b.date,
            pairs: doc.relations.pairs.len(),
        };
        let on_briefing = |t: &Term| library_holds(&head, changes, t);
        if self.on_briefing_only() {
            return self.eval(|t| on_briefing(t).unwrap_or(false));
        }
        let no_words = HashMap::new();
        b.items().any(|(r, item)| {
            let facts = ItemFacts {
                b,
                rel: &doc.relations,
                r,
                item,
                words: &no_words,
                marks: None,
            };
            self.eval(|t| on_briefing(t).unwrap_or_else(|| facts.holds(t)))
        })
    }

    /// Whether every term is decided on the briefing as a whole (its list row), none on its
    /// items: what [`Filter::summary`] decides without the document.
    pub fn on_briefing_only(&self) -> bool {
        self.terms()
            .iter()
            .all(|t| library_scope(t) == Scope::Briefing)
    }

    /// [`Filter::briefing`] from the briefing's list row alone; None when the filter has item
    /// terms, which need the document.
    pub fn summary(&self, s: &Summary, changes: Option<(usize, usize)>) -> Option<bool> {
        if !self.on_briefing_only() {
            return None;
        }
        let head = Head {
            title: &s.title,
            summary: s.summary.as_deref(),
            tags: &s.tags,
            date: s.date,
            pairs: s.pairs,
        };
        Some(self.eval(|t| library_holds(&head, changes, t).unwrap_or(false)))
    }
}

/// What the briefing terms of the library's filter look at.
struct Head<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    tags: &'a [String],
    date: Date,
    pairs: usize,
}

/// Where a term is decided in the library's filter.
pub fn library_scope(t: &Term) -> Scope {
    match t {
        Term::Date(..)
        | Term::Tag(_)
        | Term::Word(_)
        | Term::Is(Is::New | Is::Changed)
        | Term::Has(Has::Contradictions) => Scope::Briefing,
        _ => Scope::Item,
    }
}

/// A briefing term of the library decided on the briefing; None for an item term.
fn library_holds(head: &Head, changes: Option<(usize, usize)>, t: &Term) -> Option<bool> {
    if library_scope(t) == Scope::Item {
        return None;
    }
    Some(match t {
        Term::Date(from, to) => in_range(head.date, *from, *to),
        Term::Tag(tag) => tags_hold(head.tags, tag),
        Term::Word(w) => {
            let found = |s: &str| contains_smart(s, w);
            found(head.title)
                || head.summary.is_some_and(found)
                || head.tags.iter().any(|t| found(t))
        }
        Term::Is(Is::New) => changes.is_some_and(|(n, _)| n > 0),
        Term::Is(Is::Changed) => changes.is_some_and(|(_, c)| c > 0),
        Term::Has(Has::Contradictions) => head.pairs > 0,
        _ => false,
    })
}

/// Smart case as in `/`: case-sensitive only when the word holds an upper-case letter.
fn contains_smart(hay: &str, word: &str) -> bool {
    let hay = crate::text::sanitize_line(hay);
    if super::search::is_smart_case_sensitive(word, false) {
        hay.contains(word)
    } else {
        hay.to_lowercase().contains(&word.to_lowercase())
    }
}

fn in_range(d: Date, from: Option<Date>, to: Option<Date>) -> bool {
    from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t)
}

fn has_tag(b: &Briefing, tag: &str) -> bool {
    tags_hold(&b.tags, tag)
}

fn tags_hold(tags: &[String], tag: &str) -> bool {
    tags.iter()
        .any(|t| t.trim_start_matches('#').to_lowercase() == tag)
}

/// For each free word, the items where the `/` search finds it.
fn word_hits(doc: &Document, terms: &[&Term]) -> HashMap<String, HashSet<ItemRef>> {
    let mut out = HashMap::new();
    for t in terms {
        let Term::Word(w) = t else { continue };
        if out.contains_key(w) {
            continue;
        }
        let found: HashSet<ItemRef> = doc
            .index()
            .search(&doc.briefing, &Query::literal(w.clone()))
            .map(|m| {
                m.iter()
                    .filter_map(|m| match m.place {
                        Place::Item(r) => Some(r),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.insert(w.clone(), found);
    }
    out
}

/// What a term is asked of: one item of a briefing.
struct ItemFacts<'a> {
    b: &'a Briefing,
    rel: &'a Relations,
    r: ItemRef,
    item: &'a Item,
    words: &'a HashMap<String, HashSet<ItemRef>>,
    marks: Option<&'a HashMap<String, Mark>>,
}

impl ItemFacts<'_> {
    fn holds(&self, t: &Term) -> bool {
        let item = self.item;
        let source = item.source.as_deref().and_then(|id| self.b.source(id));
        match t {
            Term::Status(s) => item.status == Some(*s),
            Term::Stance(s) => item.stance == Some(*s),
            Term::Source(want) => item.source.as_deref().is_some_and(|id| {
                id.to_lowercase() == *want || source.is_some_and(|s| names(&s.name, want))
            }),
            Term::Kind(k) => source.and_then(|s| s.kind) == Some(*k),
            Term::Reliability(lo, hi) => source
                .and_then(|s| s.reliability)
                .is_some_and(|r| *lo <= r && r <= *hi),
            Term::Credibility(lo, hi) => item.credibility.is_some_and(|c| *lo <= c && c <= *hi),
            Term::Date(from, to) => item.date.is_some_and(|d| in_range(d, *from, *to)),
            Term::Tag(tag) => has_tag(self.b, tag),
            Term::Is(Is::Anonymous) => anonymous(item),
            Term::Is(Is::SingleOrigin) => {
                self.r.section == Section::Claims && single_origin(self.b, self.rel, self.r.index)
            }
            Term::Is(Is::Contradicted) => !self.rel.pairs_of(self.r).is_empty(),
            Term::Is(Is::New) => self
                .marks
                .and_then(|m| m.get(&item.id))
                .is_some_and(|m| *m == Mark::New),
            Term::Is(Is::Changed) => self
                .marks
                .and_then(|m| m.get(&item.id))
                .is_some_and(|m| matches!(m, Mark::Changed(_))),
            Term::Has(h) => match h {
                Has::Quote => filled(&item.quote),
                Has::Url => filled(&item.url),
                Has::Attribution => filled(&item.attribution),
                Has::Source => item.source.is_some(),
                Has::Date => item.date.is_some(),
                Has::Credibility => item.credibility.is_some(),
                Has::Contradictions => !self.rel.pairs.is_empty(),
            },
            Term::Word(w) => self.words.get(w).is_some_and(|s| s.contains(&self.r)),
        }
    }
}

fn filled(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// Whether a source's `name` names `want` (lower-cased): the whole name, or whole words of it
/// (`independent` names "The Independent"; `ap` does not name "Yonhap").
fn names(name: &str, want: &str) -> bool {
    let name = name.to_lowercase();
    if name == want {
        return true;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    name.match_indices(want).any(|(at, m)| {
        let before = name.get(..at).and_then(|s| s.chars().next_back());
        let after = name.get(at + m.len()..).and_then(|s| s.chars().next());
        !word(before) && !word(after)
    })
}

/// Items of `b` kept at the `kept` indices of each section, as a briefing of its own: declared
/// contradictions between two kept items stay; a response kept keeps its `responds_to`
/// whether or not the claims it answers are kept (it matched on its own fields).
pub fn narrowed(b: &Briefing, kept: &[Vec<usize>; 3]) -> Briefing {
    let pick = |s: Section| -> Vec<Item> {
        kept.get(s.index())
            .map(|ix| {
                ix.iter()
                    .filter_map(|&i| b.section(s).get(i).cloned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (claims, responses, context) = (
        pick(Section::Claims),
        pick(Section::Responses),
        pick(Section::Context),
    );
    let present: HashSet<&str> = claims
        .iter()
        .chain(&responses)
        .chain(&context)
        .map(|i| i.id.as_str())
        .collect();
    let contradictions = b
        .contradictions
        .iter()
        .filter(|d| d.between.iter().all(|id| present.contains(id.as_str())))
        .cloned()
        .collect();
    // What the filter narrows is the items: the judgments and what the file says of itself
    // stay (QA: the Judgments tab went away under a filter).
    b.with_items(claims, responses, context, contradictions)
}

// ---- parsing ----

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    Or,
    Not,
    Term(Term),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    col: usize,
}

fn err(col: usize, message: impl Into<String>) -> FilterError {
    FilterError {
        col,
        message: message.into(),
    }
}

/// A list of words for an error: `a, b, c`.
fn listed(words: &[&str]) -> String {
    words.join(", ")
}

/// Splits the text into tokens: `(`, `)`, `-`, `or`, terms and words. Columns count characters
/// from 1.
fn tokenize(text: &str) -> Result<Vec<Token>, FilterError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // `-` negates at the start of a token only: `north-east` is one word.
    while let Some(&c) = chars.get(i) {
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                out.push(Token {
                    tok: Tok::Open,
                    col,
                });
                i += 1;
                continue;
            }
            ')' => {
                out.push(Token {
                    tok: Tok::Close,
                    col,
                });
                i += 1;
                continue;
            }
            '-' => {
                if chars
                    .get(i + 1)
                    .is_none_or(|n| n.is_whitespace() || *n == ')')
                {
                    return Err(err(col, "'-' needs a term right after it"));
                }
                out.push(Token { tok: Tok::Not, col });
                i += 1;
                continue;
            }
            _ => {}
        }
        // A quoted phrase.
        if c == '"' {
            let (value, next) = quoted(&chars, i)?;
            i = next;
            if value.trim().is_empty() {
                return Err(err(col, "an empty phrase matches everything: remove it"));
            }
            out.push(Token {
                tok: Tok::Term(Term::Word(value)),
                col,
            });
            continue;
        }
        // A bare word, up to a blank or `)`; a `key:` may be followed by a quoted value.
        let start = i;
        while chars
            .get(i)
            .is_some_and(|c| !c.is_whitespace() && *c != ')' && *c != ':' && *c != '"')
        {
            i += 1;
        }
        let head: String = chars.get(start..i).unwrap_or_default().iter().collect();
        if chars.get(i) == Some(&':') && is_key_like(&head) {
            i += 1;
            let value_col = i + 1;
            let value = if chars.get(i) == Some(&'"') {
                let (v, next) = quoted(&chars, i)?;
                i = next;
                v
            } else {
                let vs = i;
                while chars
                    .get(i)
                    .is_some_and(|c| !c.is_whitespace() && *c != ')')
                {
                    i += 1;
                }
                chars.get(vs..i).unwrap_or_default().iter().collect()
            };
            let term = term(&head, &value, col, value_col)?;
            out.push(Token {
                tok: Tok::Term(term),
                col,
            });
            continue;
        }
        // Not a key: the rest of the word (colons and quotes in it included) is text to find.
        while chars
            .get(i)
            .is_some_and(|c| !c.is_whitespace() && *c != ')')
        {
            i += 1;
        }
        let word: String = chars.get(start..i).unwrap_or_default().iter().collect();
        if word.eq_ignore_ascii_case("or") {
            out.push(Token { tok: Tok::Or, col });
        } else {
            out.push(Token {
                tok: Tok::Term(Term::Word(word)),
                col,
            });
        }
    }
    Ok(out)
}

/// A key is ASCII letters only, so `10:30` is text to find. `https://…` starts like a key and
/// is reported as an unknown one: quoted (`"https://…"`), it is text.
fn is_key_like(head: &str) -> bool {
    !head.is_empty() && head.chars().all(|c| c.is_ascii_alphabetic())
}

/// The phrase of a quote opening at `at`: its text and the index after the closing quote.
fn quoted(chars: &[char], at: usize) -> Result<(String, usize), FilterError> {
    let mut i = at + 1;
    let mut s = String::new();
    loop {
        match chars.get(i) {
            None => return Err(err(at + 1, "this quote is not closed")),
            Some('"') => return Ok((s, i + 1)),
            Some(&c) => s.push(c),
        }
        i += 1;
    }
}

/// The term `key:value`, the key at column `col`, the value at `vcol`.
fn term(key: &str, value: &str, col: usize, vcol: usize) -> Result<Term, FilterError> {
    let key_l = key.to_ascii_lowercase();
    if !KEYS.contains(&key_l.as_str()) {
        let near = suggest(&key_l, KEYS)
            .map(|k| format!("did you mean '{k}'? "))
            .unwrap_or_default();
        return Err(err(
            col,
            format!(
                "unknown key '{key}' ({near}keys: {}; quote text with a colon)",
                listed(KEYS)
            ),
        ));
    }
    let v = value.trim();
    let words_of = |words: &[&str]| listed(words);
    if v.is_empty() {
        let hint = match key_l.as_str() {
            "status" => words_of(Status::WORDS),
            "stance" => words_of(Stance::WORDS),
            "kind" => words_of(SourceKind::WORDS),
            "reliability" => "A to F, or a range: A-C".into(),
            "credibility" => "1 to 6, or a range: 1-3".into(),
            "date" => "YYYY-MM-DD, or a range: 2025-05-20..2025-05-25".into(),
            "is" => words_of(IS_WORDS),
            "has" => words_of(HAS_WORDS),
            _ => "a source id or name".into(),
        };
        return Err(err(vcol, format!("{key_l}: needs a value ({hint})")));
    }
    let lower = v.to_lowercase();
    let one_of = |words: &[&str]| {
        err(
            vcol,
            format!("{key_l}: '{v}' is not one of {}", listed(words)),
        )
    };
    Ok(match key_l.as_str() {
        "status" => Term::Status(Status::parse(&lower).ok_or_else(|| one_of(Status::WORDS))?),
        "stance" => Term::Stance(Stance::parse(&lower).ok_or_else(|| one_of(Stance::WORDS))?),
        "kind" => Term::Kind(SourceKind::parse(&lower).ok_or_else(|| one_of(SourceKind::WORDS))?),
        "source" => Term::Source(lower),
        "tag" => Term::Tag(lower.trim_start_matches('#').to_string()),
        "is" => Term::Is(match lower.as_str() {
            "anonymous" => Is::Anonymous,
            "single-origin" => Is::SingleOrigin,
            "contradicted" => Is::Contradicted,
            "new" => Is::New,
            "changed" => Is::Changed,
            _ => return Err(one_of(IS_WORDS)),
        }),
        "has" => Term::Has(match lower.as_str() {
            "quote" => Has::Quote,
            "url" => Has::Url,
            "attribution" => Has::Attribution,
            "source" => Has::Source,
            "date" => Has::Date,
            "credibility" => Has::Credibility,
            "contradictions" => Has::Contradictions,
            _ => return Err(one_of(HAS_WORDS)),
        }),
        "reliability" => {
            let (lo, hi, at) = range(v, '-', vcol, |s, c| {
                Reliability::parse(&s.to_uppercase())
                    .ok_or_else(|| err(c, format!("reliability: '{s}' is not a letter A to F")))
            })?;
            let (lo, hi) = ordered(lo, hi, at)?;
            Term::Reliability(lo, hi)
        }
        "credibility" => {
            let (lo, hi, at) = range(v, '-', vcol, |s, c| {
                s.parse::<u8>()
                    .ok()
                    .filter(|n| (1..=6).contains(n))
                    .ok_or_else(|| err(c, format!("credibility: '{s}' is not a number 1 to 6")))
            })?;
            let (lo, hi) = ordered(lo, hi, at)?;
            Term::Credibility(lo, hi)
        }
        "date" => date_range(v, vcol)?,
        _ => return Err(err(col, format!("unknown key '{key}'"))),
    })
}

/// A single value or `lo<sep>hi` (both required), each parsed by `one` with its column.
fn range<T: Copy>(
    v: &str,
    sep: char,
    vcol: usize,
    one: impl Fn(&str, usize) -> Result<T, FilterError>,
) -> Result<(T, T, usize), FilterError> {
    match v.split_once(sep) {
        None => {
            let x = one(v, vcol)?;
            Ok((x, x, vcol))
        }
        Some((a, b)) => {
            let bcol = vcol + a.chars().count() + 1;
            let lo = one(a, vcol)?;
            let hi = one(b, bcol)?;
            Ok((lo, hi, vcol))
        }
    }
}

/// A range given backwards (`C-A`, `3-1`) is an error: it would match nothing.
fn ordered<T: PartialOrd + Copy>(lo: T, hi: T, col: usize) -> Result<(T, T), FilterError> {
    if lo > hi {
        return Err(err(
            col,
            "this range runs backwards: put the lower end first",
        ));
    }
    Ok((lo, hi))
}

/// `2025-05-20`, `2025-05-20..2025-05-25`, `..2025-05-25`, `2025-05-20..`.
fn date_range(v: &str, vcol: usize) -> Result<Term, FilterError> {
    let one = |s: &str, c: usize| {
        Date::parse(s).ok_or_else(|| err(c, format!("date: '{s}' is not a date (YYYY-MM-DD)")))
    };
    match v.split_once("..") {
        None => {
            let d = one(v, vcol)?;
            Ok(Term::Date(Some(d), Some(d)))
        }
        Some((a, b)) => {
            let bcol = vcol + a.chars().count() + 2;
            let from = (!a.is_empty()).then(|| one(a, vcol)).transpose()?;
            let to = (!b.is_empty()).then(|| one(b, bcol)).transpose()?;
            if from.is_none() && to.is_none() {
                return Err(err(vcol, "date: '..' needs a date on at least one side"));
            }
            if let (Some(f), Some(t)) = (from, to) {
                ordered(f, t, vcol)?;
            }
            Ok(Term::Date(from, to))
        }
    }
}

/// The word of `words` one edit away from `w` (a typo), if there is one.
fn suggest<'a>(w: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|k| close(w, k))
}

/// Whether two words differ by one insertion, deletion, substitution or adjacent swap.
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > 1 {
        return false;
    }
    let mut i = 0;
    while i < n.min(m) && a.get(i) == b.get(i) {
        i += 1;
    }
    let rest = |x: &[char], from: usize| x.get(from..).unwrap_or_default().to_vec();
    if n == m {
        let swapped = a.get(i) == b.get(i + 1) && a.get(i + 1) == b.get(i);
        rest(&a, i + 1) == rest(&b, i + 1) || (swapped && rest(&a, i + 2) == rest(&b, i + 2))
    } else if n > m {
        rest(&a, i + 1) == rest(&b, i)
    } else {
        rest(&a, i) == rest(&b, i + 1)
    }
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    /// The column just past the text, for errors at its end.
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<&Token> {
        let t = self.tokens.get(self.at);
        self.at += 1;
        t
    }

    /// `and ('or' and)*`
    fn or(&mut self) -> Result<Expr, FilterError> {
        let mut alts = vec![self.and()?];
        while let Some(t) = self.peek().filter(|t| t.tok == Tok::Or) {
            let col = t.col;
            self.at += 1;
            match self.peek() {
                None
                | Some(Token {
                    tok: Tok::Close, ..
                })
                | Some(Token { tok: Tok::Or, .. }) => {
                    return Err(err(col, "'or' needs a term after it"));
                }
                _ => alts.push(self.and()?),
            }
        }
        Ok(if alts.len() == 1 {
            alts.remove(0)
        } else {
            Expr::Or(alts)
        })
    }

    /// `unary+`, up to an `or`, a `)` or the end.
    fn and(&mut self) -> Result<Expr, FilterError> {
        let mut all = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(t) if t.tok == Tok::Close => break,
                Some(t) if t.tok == Tok::Or => {
                    if all.is_empty() {
                        return Err(err(t.col, "'or' needs a term before it"));
                    }
                    break;
                }
                Some(_) => all.push(self.unary()?),
            }
        }
        match all.len() {
            0 => {
                let col = self.peek().map_or(self.end, |t| t.col);
                Err(err(
                    col,
                    if self.tokens.is_empty() {
                        "the filter is empty"
                    } else {
                        "a term is missing here"
                    },
                ))
            }
            1 => Ok(all.remove(0)),
            _ => Ok(Expr::And(all)),
        }
    }

    fn unary(&mut self) -> Result<Expr, FilterError> {
        let end = self.end;
        let Some(t) = self.next().cloned() else {
            return Err(err(end, "a term is missing here"));
        };
        match t.tok {
            Tok::Not => match self.peek() {
                Some(n) if matches!(n.tok, Tok::Term(_) | Tok::Open) => {
                    Ok(Expr::Not(Box::new(self.unary()?)))
                }
                _ => Err(err(t.col, "'-' needs a term right after it")),
            },
            Tok::Term(term) => Ok(Expr::Term(term)),
            Tok::Open => {
                if self.peek().is_some_and(|n| n.tok == Tok::Close) {
                    return Err(err(t.col, "empty parentheses"));
                }
                let inner = self.or()?;
                match self.next() {
                    Some(c) if c.tok == Tok::Close => Ok(inner),
                    _ => Err(err(t.col, "'(' is not closed")),
                }
            }
            Tok::Close => Err(err(t.col, "')' closes nothing")),
            Tok::Or => Err(err(t.col, "'or' needs a term before it")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(text: &str) -> FilterError {
        match Filter::parse(text) {
            Ok(f) => panic!("{text:?} parsed: {f:?}"),
            Err(e) => e,
        }
    }

    fn ok(text: &str) -> Filter {
        match Filter::parse(text) {
            Ok(f) => f,
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    #[test]
    fn errors_say_where_and_what() {
        let bad = e("status:denied staus:x");
        assert_eq!(bad.col, 15);
        assert!(
            bad.message.starts_with(
                "unknown key 'staus' (did you mean 'status'? keys: status, stance, source"
            ),
            "{bad}"
        );
        assert_eq!(
            e("reliability:Z").to_string(),
            "column 13: reliability: 'Z' is not a letter A to F"
        );
        assert_eq!(e("date:2025-13-01").col, 6);
        assert_eq!(e("date:2025-05-01..2025-02-30").col, 18);
        assert_eq!(
            e("status:denied or").to_string(),
            "column 15: 'or' needs a term after it"
        );
        assert_eq!(e("or status:denied").col, 1);
        assert_eq!(e("a or or b").col, 3);
        assert_eq!(
            e("(status:denied").to_string(),
            "column 1: '(' is not closed"
        );
        assert_eq!(e("status:denied)").col, 14);
        assert_eq!(e("()").col, 1);
        assert_eq!(
            e("status:").to_string(),
            "column 8: status: needs a value (reported, confirmed, denied, disputed, unverified)"
        );
        assert_eq!(e("stance:agrees").col, 8);
        assert_eq!(e("is:lonely").col, 4);
        assert_eq!(e("source:\"the indep").col, 8);
        assert_eq!(e("credibility:3-1").col, 13);
        assert_eq!(e("credibility:7").col, 13);
        assert_eq!(e("date:..").col, 6);
        assert_eq!(e("- x").col, 1);
        assert_eq!(e("   ").message, "the filter is empty");
        // Columns count characters, not bytes.
        assert_eq!(e("서울 staus:x").col, 4);
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_group() {
        let t = |s: &str| Term::Word(s.into());
        let f = ok("a b or c");
        assert_eq!(
            f.expr,
            Expr::Or(vec![
                Expr::And(vec![Expr::Term(t("a")), Expr::Term(t("b"))]),
                Expr::Term(t("c"))
            ])
        );
        let f = ok("a (b OR c) -d -(e f)");
        assert_eq!(
            f.expr,
            Expr::And(vec![
                Expr::Term(t("a")),
                Expr::Or(vec![Expr::Term(t("b")), Expr::Term(t("c"))]),
                Expr::Not(Box::new(Expr::Term(t("d")))),
                Expr::Not(Box::new(Expr::And(vec![
                    Expr::Term(t("e")),
                    Expr::Term(t("f"))
                ]))),
            ])
        );
        // `-` inside a word, and a colon after something that is not a key, are text.
        assert_eq!(ok("north-east").expr, Expr::Term(t("north-east")));
        assert_eq!(ok("10:30").expr, Expr::Term(t("10:30")));
        assert_eq!(ok("\"or\"").expr, Expr::Term(t("or")));
        assert_eq!(
            ok("\"troop withdrawal\"").expr,
            Expr::Term(t("troop withdrawal"))
        );
    }

    #[test]
    fn values_parse_to_ranges_and_words() {
        let only = |s: &str| ok(s).terms().first().map(|t| (*t).clone());
        let d = |s: &str| Date::parse(s);
        assert_eq!(
            only("reliability:a-c"),
            Some(Term::Reliability(Reliability::A, Reliability::C))
        );
        assert_eq!(
            only("reliability:B"),
            Some(Term::Reliability(Reliability::B, Reliability::B))
        );
        assert_eq!(only("credibility:1-3"), Some(Term::Credibility(1, 3)));
        assert_eq!(
            only("date:2025-05-20"),
            Some(Term::Date(d("2025-05-20"), d("2025-05-20")))
        );
        assert_eq!(
            only("date:..2025-05-25"),
            Some(Term::Date(None, d("2025-05-25")))
        );
        assert_eq!(
            only("date:2025-05-20.."),
            Some(Term::Date(d("2025-05-20"), None))
        );
        assert_eq!(
            only("source:\"The Independent\""),
            Some(Term::Source("the independent".into()))
        );
        assert_eq!(only("Status:DENIED"), Some(Term::Status(Status::Denied)));
        assert_eq!(only("tag:#Korea"), Some(Term::Tag("korea".into())));
        assert_eq!(only("is:single-origin"), Some(Term::Is(Is::SingleOrigin)));
        assert_eq!(only("has:quote"), Some(Term::Has(Has::Quote)));
    }

    #[test]
    fn a_source_is_named_by_its_id_or_whole_words_of_its_name() {
        assert!(names("The Independent", "the independent"));
        assert!(names("The Independent", "independent"));
        assert!(!names("Yonhap", "ap"));
        assert!(names("Ministry of National Defense (MND)", "mnd"));
    }

    #[test]
    fn typos_are_one_edit_away() {
        assert!(close("staus", "status"));
        assert!(close("stauts", "status"));
        assert!(close("stance", "stanse"));
        assert!(!close("colour", "status"));
        assert_eq!(suggest("kin", KEYS), Some("kind"));
    }
}
