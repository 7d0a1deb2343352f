//! The integration tests, one binary: each former `tests/*.rs` file is a module here, so the
//! suite links once instead of twenty times (linking dominates a test build on two cores).
//! Run one part with `cargo test --test it reader_state::`, one test with its full name.
//!
//! Snapshots live in `tests/it/snapshots/`, named `it__{module}__{name}.snap` by insta.
//! The tmux end-to-end suites are the other binary, `tests/e2e/`.

// A test that finds something wrong panics, helpers included (clippy.toml covers #[test]
// functions only): the no-panic policy of Cargo.toml is for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod libsupport;
mod support;

mod acting_state;
mod analysis_snapshots;
mod analysis_views;
mod check_cli;
mod compare_view;
mod config_cli;
mod diff_cli;
mod editors_cli;
mod export_formats;
mod filter_state;
mod generated;
mod hostile_cli;
mod hostile_input;
mod huge_content;
mod library_index;
mod library_state;
mod print_export_cli;
mod proptest_render;
mod provenance;
mod reader_state;
mod reading_state;
mod scripts;
mod search_library_snapshots;
mod search_marks;
mod search_state;
mod snapshots;
mod tui_injection;
mod wide_cells;
mod yaml_test_suite;
