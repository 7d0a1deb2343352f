//! The subcommands that write to stdout, and what they share: colour.

pub mod check;
pub mod completions;
pub mod diff;
pub mod export;
pub mod import;
pub mod man;
pub mod new;
pub mod notes;
pub mod print;
pub mod schema;

use std::io::IsTerminal;

/// Colour only on a terminal, and never when `NO_COLOR` is set (to anything non-empty).
pub fn use_colour(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn stdout_colour() -> bool {
    use_colour(std::io::stdout().is_terminal())
}
