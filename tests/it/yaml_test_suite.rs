//! Every `in.yaml` of the YAML test suite, most of them nothing like a briefing, through the
//! loader and through `brief check`: neither may panic, crash or hang. Each file ends as a
//! briefing (exit 0) or as diagnostics (exit 1), and the two paths agree on which.
//!
//! The suite lives beside the repository (`<repo>/../shared/yaml-test-suite`);
//! `BRIEF_YAML_TEST_SUITE` points elsewhere. When it is missing the test says so and passes.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;

/// Generous: a file takes milliseconds. Only a hang comes near it.
const PER_FILE: Duration = Duration::from_secs(10);

fn suite_dir() -> PathBuf {
    match std::env::var_os("BRIEF_YAML_TEST_SUITE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/yaml-test-suite"),
    }
}

fn find_inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            find_inputs(&path, out);
        } else if entry.file_name() == "in.yaml" {
            out.push(path);
        }
    }
}

/// How the library took one file: a briefing, diagnostics, a panic, or no answer in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Briefing,
    Diagnostics,
    Panicked,
    TimedOut,
}

fn load_in_time(bytes: Vec<u8>) -> Outcome {
    let (tx, rx) = mpsc::channel();
    // A thread, so that a hang fails this file instead of stalling the whole run.
    std::thread::spawn(move || {
        let outcome =
            match std::panic::catch_unwind(|| brief::briefing::load::load_bytes(&bytes).is_ok()) {
                Ok(true) => Outcome::Briefing,
                Ok(false) => Outcome::Diagnostics,
                Err(_) => Outcome::Panicked,
            };
        let _ = tx.send(outcome);
    });
    rx.recv_timeout(PER_FILE).unwrap_or(Outcome::TimedOut)
}

#[test]
fn every_input_loads_or_fails_cleanly() {
    let dir = suite_dir();
    if !dir.is_dir() {
        println!("skipped: yaml-test-suite not found at {}", dir.display());
        return;
    }
    let mut inputs = Vec::new();
    find_inputs(&dir, &mut inputs);
    inputs.sort();
    assert!(
        !inputs.is_empty(),
        "no in.yaml under {}: is the suite checked out?",
        dir.display()
    );

    let mut problems = Vec::new();
    let (mut briefings, mut errors) = (0, 0);
    for path in &inputs {
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{name}: cannot read: {e}"));
                continue;
            }
        };
        let lib = load_in_time(bytes);
        match lib {
            Outcome::Briefing => briefings += 1,
            Outcome::Diagnostics => errors += 1,
            Outcome::Panicked => problems.push(format!("{name}: load_bytes panicked")),
            Outcome::TimedOut => problems.push(format!(
                "{name}: load_bytes gave no answer within {PER_FILE:?}"
            )),
        }

        let out = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("check")
            .arg(path)
            .timeout(PER_FILE)
            .output();
        let code = match out {
            Ok(out) => out.status.code(),
            Err(e) => {
                problems.push(format!("{name}: cannot run brief check: {e}"));
                continue;
            }
        };
        let expected = match lib {
            Outcome::Briefing => Some(0),
            _ => Some(1),
        };
        match code {
            Some(0 | 1) if code == expected => {}
            Some(0 | 1) => problems.push(format!(
                "{name}: brief check exited {code:?} but load_bytes gave {lib:?}"
            )),
            Some(c) => problems.push(format!("{name}: brief check exited {c} (a panic is 101)")),
            None => problems.push(format!(
                "{name}: brief check was killed (a crash signal, or no answer within {PER_FILE:?})"
            )),
        }
    }

    println!(
        "yaml-test-suite: {} inputs: {briefings} gave a briefing, {errors} an error",
        inputs.len()
    );
    assert!(
        problems.is_empty(),
        "{} of {} inputs misbehaved:\n{}",
        problems.len(),
        inputs.len(),
        problems.join("\n")
    );
}

/// The same inputs through the reader's own background loader (the worker pool the library
/// uses): every file comes back, as a briefing or as diagnostics naming it, and the pool is still
/// alive at the end (a panic in a worker would lose its file and its thread).
#[test]
fn every_input_comes_back_from_the_background_loader() {
    let dir = suite_dir();
    if !dir.is_dir() {
        println!("skipped: yaml-test-suite not found at {}", dir.display());
        return;
    }
    let mut inputs = Vec::new();
    find_inputs(&dir, &mut inputs);
    assert!(!inputs.is_empty(), "no in.yaml under {}", dir.display());
    let (tx, rx) = mpsc::channel();
    let expected = inputs.clone();
    std::thread::spawn(move || {
        let loader = brief::loader::Loader::new(2, 256 << 20);
        for path in expected {
            loader.load(path);
        }
        let mut back = Vec::new();
        while back.len() < inputs.len() {
            match loader.next_blocking() {
                Some(Ok(doc)) => back.push((doc.path.clone().unwrap_or_default(), true)),
                Some(Err(brief::briefing::Report {
                    path, diagnostics, ..
                })) => {
                    assert!(
                        !diagnostics.is_empty(),
                        "{}: failed with no diagnostic",
                        path.display()
                    );
                    back.push((path, false));
                }
                None => break,
            }
        }
        let _ = tx.send(back);
    });
    let back = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the background loader answered every input within 120 s");
    let mut want = Vec::new();
    find_inputs(&dir, &mut want);
    want.sort();
    let mut got: Vec<_> = back.iter().map(|(p, _)| p.clone()).collect();
    got.sort();
    assert_eq!(got, want, "every input came back once");
    let ok = back.iter().filter(|(_, ok)| *ok).count();
    println!(
        "{} inputs through the loader: {ok} briefings, {} refused",
        got.len(),
        got.len() - ok
    );
}
