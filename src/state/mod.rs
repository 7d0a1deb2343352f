//! Reading state: what brief remembers between runs. [`store`] is the SQLite file; [`reading`]
//! the plain data the reader works on for one open briefing. Below `app`, above `briefing`.

pub mod index;
pub mod reading;
pub mod store;

pub use reading::{Reading, Write};
pub use store::{default_path, NoteRecord, Position, Saved, Store, Unavailable};

/// The key a briefing is kept under: its file's canonical path, or `builtin:NAME` for the
/// examples built into the binary.
pub fn key_of(doc: &crate::briefing::Document) -> String {
    match &doc.path {
        Some(p) => std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.clone())
            .to_string_lossy()
            .into_owned(),
        None => format!("builtin:{}", doc.name),
    }
}
