//! The baseline for BENCHMARKS.md: read a file and run bare `serde_yaml::from_slice` into the raw
//! briefing structs, with no validation, positions, model or indexes.
//!
//! ```text
//! cargo run --release --example bare_parse -- FILE
//! ```

use std::process::ExitCode;

use brief::briefing::raw::RawBriefing;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("bare_parse: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    match serde_yaml::from_slice::<RawBriefing>(&bytes) {
        Ok(raw) => {
            println!(
                "{path}: {} claims, {} responses, {} context",
                raw.claims.len(),
                raw.responses.len(),
                raw.context.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bare_parse: {path}: {e}");
            ExitCode::from(1)
        }
    }
}
