//! `brief`: a terminal reader for news briefings.
//!
//! - [`briefing`]: the format, loading, validation and derived facts (no terminal code).
//! - [`view`]: the presentation model: what each screen shows, laid out and measured as pure
//!   functions (no styles, no app).
//! - [`app`]: the reader's state machine: actions in, state out (no drawing).
//! - [`ui`]: painting the presentation model through the theme.
//! - [`tui`]: the terminal and the event loop.
//! - [`cmd`]: the subcommands that write to stdout (`check`, …).
//! - [`config`]: the config file: theme, styles, keys, paths.
//! - [`clipboard`], [`opener`]: copying with OSC 52, opening URLs (`y`, `o`).
//! - [`text`]: sanitising, measuring and wrapping untrusted text.

pub mod app;
pub mod backend;
pub mod briefing;
pub mod bundled;
pub mod cells;
pub mod cli;
pub mod clipboard;
pub mod cmd;
pub mod config;
pub mod editor;
pub mod hyperlink;
pub mod loader;
pub mod memory;
pub mod open;
pub mod opener;
pub mod state;
/// Checks shared by the tests and the fuzz targets; not used by the reader.
#[doc(hidden)]
pub mod testing;
pub mod text;
pub mod tty;
pub mod tui;
pub mod ui;
pub mod view;
pub mod watch;
