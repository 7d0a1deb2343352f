//! Placeholder until the figures module lands (integration shim, replaced at merge).
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Agree,
    Conflict,
    OnlyHere,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Marked {
    pub figure: Figure,
    pub agreement: Agreement,
}

#[derive(Debug, Clone)]
pub struct Conflict {
    pub label: String,
    pub left: String,
    pub right: String,
}

impl Conflict {
    pub fn line(&self) -> String {
        format!("{}: {} ↔ {}", self.label, self.left, self.right)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub left: Vec<Marked>,
    pub right: Vec<Marked>,
    pub conflicts: Vec<Conflict>,
    pub shared_left: Vec<Range<usize>>,
    pub shared_right: Vec<Range<usize>>,
}
