//! The end-to-end tests, one binary: the real `brief` in a real terminal (tmux), each former
//! `tests/e2e_*.rs` suite a module here. They need tmux; without it they fail (see [`tmux`]).
//! Run one suite with `cargo test --test e2e e2e_signals::`.

// A test that finds something wrong panics, helpers included (clippy.toml covers #[test]
// functions only): the no-panic policy of Cargo.toml is for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

// Shared with the integration tests (`tests/it/`): the bundled briefings and generated ones.
#[path = "../it/libsupport.rs"]
mod libsupport;
mod tmux;

mod e2e_acting;
mod e2e_analysis;
mod e2e_compare;
mod e2e_config;
mod e2e_filter;
mod e2e_hostile;
mod e2e_index;
mod e2e_judgments;
mod e2e_scripts;
mod e2e_search_library;
mod e2e_signals;
mod e2e_state;
mod e2e_tmux;
