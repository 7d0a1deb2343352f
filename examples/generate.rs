//! Writes synthetic briefings for benchmarking (see BENCHMARKS.md), made by `crates/briefgen`.
//!
//! ```text
//! cargo run --release --example generate -- big OUT.yaml [ITEMS_PER_SECTION=20000]
//! cargo run --release --example generate -- library OUTDIR [N=2000]
//! ```
//!
//! Deterministic: the same arguments always write the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| -> Result<usize, String> {
        match args.get(i) {
            None => Ok(default),
            Some(s) => s.parse().map_err(|_| format!("`{s}` is not a number")),
        }
    };
    let result = match (args.first().map(String::as_str), args.get(1)) {
        (Some("big"), Some(out)) => number(2, 20_000).and_then(|n| {
            let text = briefgen::big(n);
            std::fs::write(out, &text).map_err(|e| format!("{out}: {e}"))?;
            println!("{out}: {n} items per section, {} bytes", text.len());
            Ok(())
        }),
        (Some("library"), Some(dir)) => number(2, 2000).and_then(|n| {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            let mut bytes = 0;
            for i in 0..n {
                let path = dir.join(format!("briefing-{i:04}.yaml"));
                let text = briefgen::ordinary(i as u64);
                bytes += text.len();
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            println!("{}: {n} briefings, {bytes} bytes", dir.display());
            Ok(())
        }),
        _ => Err(
            "usage: generate big OUT.yaml [ITEMS_PER_SECTION=20000]\n       \
                  generate library OUTDIR [N=2000]"
                .to_string(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::from(2)
        }
    }
}
