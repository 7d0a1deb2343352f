//! What the library shows of a briefing without holding it: its list row (title, date, tags,
//! counts) and what the briefing-wide terms of the `&` filter look at. Made from a loaded
//! document, or read back from the library's index.

use super::model::Date;
use super::Document;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub date: Date,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub claims: usize,
    pub responses: usize,
    /// Contradiction pairs ([`super::Relations::pairs`]).
    pub pairs: usize,
}

impl Summary {
    pub fn of(doc: &Document) -> Summary {
        let b = &doc.briefing;
        Summary {
            title: b.title.clone(),
            date: b.date,
            summary: b.summary.clone(),
            tags: b.tags.clone(),
            claims: b.claims.len(),
            responses: b.responses.len(),
            pairs: doc.relations.pairs.len(),
        }
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.title.capacity()
            + self.summary.as_ref().map_or(0, String::capacity)
            + self.tags.capacity() * std::mem::size_of::<String>()
            + self.tags.iter().map(String::capacity).sum::<usize>()
    }
}
