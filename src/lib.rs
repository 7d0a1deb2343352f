//! `brief`: a terminal reader for news briefings.
//!
//! - [`briefing`]: the format, loading, validation and derived facts (no terminal code).
//! - [`cmd`]: the subcommands that write to stdout (`check`, …).
//! - [`text`]: sanitising, measuring and wrapping untrusted text.

pub mod briefing;
pub mod cli;
pub mod cmd;
pub mod text;
