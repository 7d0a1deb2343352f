//! The briefing domain: the format, loading, validation and derived facts. Knows nothing of
//! terminals; the reader, `print` and `export` all build on it.

pub mod analysis;
pub mod compare;
pub mod describe;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod figures;
pub mod files;
pub mod filter;
pub mod judgment;
pub mod load;
pub mod model;
pub mod prescan;
pub mod provenance;
pub mod raw;
pub mod relations;
pub mod search;
pub mod srcmap;
pub mod summary;
pub mod validate;

pub use diagnostic::{Diagnostic, Report, Severity, Tally};
pub use document::{load_path, Document, Failure, Opened};
pub use load::{load_bytes, load_str, Loaded};
pub use model::{Briefing, Date, Item, ItemRef, Pos, Section, Source, Stance, Status};
pub use relations::{Pair, PairKind, Relation, Relations, Side};
