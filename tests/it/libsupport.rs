//! Shared by the search and library tests: counting what a search should find straight from a
//! briefing's YAML (independently of the search index), building a library the way the event loop
//! does but without threads, drawing the library, and writing generated briefings.
#![allow(dead_code)] // tests/e2e includes this file too and uses only a part of it

use std::path::{Path, PathBuf};

use brief::app::shell::Shell;
use brief::briefing::load::DEFAULT_MAX_SIZE;
use brief::open::open_file;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;
use serde_yaml::Value;

pub const BUNDLED: [&str; 3] = [
    "briefings/harbour-bridge-tolls.yaml",
    "briefings/korea-troops.yaml",
    "briefings/night-buses.yaml",
];

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[track_caller]
pub fn read(rel: &str) -> String {
    std::fs::read_to_string(repo_path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// Every text the reader's `/` searches, read from the YAML with a plain YAML parser (not the
/// briefing loader): the title, date and summary; for each item its text, quote, source name,
/// attribution and date; each contradiction's note.
#[track_caller]
pub fn searchable_texts(yaml: &str) -> Vec<String> {
    let v: Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("not YAML: {e}"));
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut out: Vec<String> = ["title", "date", "summary"]
        .iter()
        .filter_map(|k| text(&v, k))
        .collect();
    let empty = Vec::new();
    let list = |key: &str| v.get(key).and_then(Value::as_sequence).unwrap_or(&empty);
    let source_name = |id: &str| {
        list("sources")
            .iter()
            .find(|s| text(s, "id").as_deref() == Some(id))
            .and_then(|s| text(s, "name"))
            .unwrap_or_else(|| id.to_string())
    };
    for section in ["claims", "responses", "context"] {
        for item in list(section) {
            out.extend(text(item, "text"));
            out.extend(text(item, "quote"));
            out.extend(text(item, "source").map(|s| source_name(&s)));
            out.extend(text(item, "attribution"));
            out.extend(text(item, "date"));
        }
    }
    for c in list("contradictions") {
        out.extend(text(c, "note"));
    }
    out
}

/// The briefing's tags, as the library's search also looks at them.
#[track_caller]
pub fn tags(yaml: &str) -> Vec<String> {
    let v: Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("not YAML: {e}"));
    v.get("tags")
        .and_then(Value::as_sequence)
        .map(|t| {
            t.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Occurrences of a literal `needle` in `texts` under smart case: exact when the needle holds an
/// upper-case letter, else in any case.
pub fn count(texts: &[String], needle: &str) -> usize {
    let exact = needle.chars().any(char::is_uppercase);
    texts
        .iter()
        .map(|t| {
            if exact {
                t.matches(needle).count()
            } else {
                t.to_lowercase().matches(&needle.to_lowercase()).count()
            }
        })
        .sum()
}

/// Loads `paths` into a new library the way the event loop does (each file through
/// `open_file`, then `on_loaded`), but in order and on this thread.
pub fn library(paths: &[PathBuf], width: u16, height: u16) -> Shell {
    let mut shell = Shell::new(paths.to_vec(), Rect::new(0, 0, width, height));
    load_requested(&mut shell);
    shell
}

/// Carries out the shell's load requests, as the event loop's loader would.
pub fn load_requested(shell: &mut Shell) {
    for r in shell.take_requests() {
        if let brief::app::shell::Request::Load(p) = r {
            shell.on_loaded(open_file(&p, DEFAULT_MAX_SIZE));
        }
    }
}

/// Loads one file again, as a reload or a watched change would.
pub fn reload(shell: &mut Shell, path: &Path) {
    shell.on_loaded(open_file(path, DEFAULT_MAX_SIZE));
}

/// Draws the library (or the reader over it) at the shell's size.
pub fn draw_shell(shell: &Shell) -> Buffer {
    let mut term = match Terminal::new(TestBackend::new(shell.size().width, shell.size().height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    if let Err(e) = term.draw(|f| brief::ui::render_shell(shell, f)) {
        match e {}
    }
    term.backend().buffer().clone()
}

/// The buffer as text, one line per row (wide characters once).
pub fn text_of(buf: &Buffer) -> String {
    let w = usize::from(buf.area.width).max(1);
    buf.content
        .chunks(w)
        .map(|cells| {
            let mut row = String::new();
            let mut skip = 0usize;
            for c in cells {
                if skip == 0 {
                    row.push_str(c.symbol());
                }
                skip = skip
                    .max(unicode_width::UnicodeWidthStr::width(c.symbol()))
                    .saturating_sub(1);
            }
            row
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn shell_screen(shell: &Shell) -> String {
    text_of(&draw_shell(shell))
}

/// The title of the entry at list position `pos` (None for a file that does not load).
pub fn title_at(shell: &Shell, pos: usize) -> Option<String> {
    let lib = shell.library();
    lib.order
        .get(pos)
        .and_then(|&i| lib.entries.get(i))
        .and_then(|e| e.doc.as_ref())
        .map(|d| d.briefing.title.clone())
}

/// The file name of the entry at list position `pos`.
#[track_caller]
pub fn name_at(shell: &Shell, pos: usize) -> String {
    let lib = shell.library();
    match lib.order.get(pos).and_then(|&i| lib.entries.get(i)) {
        Some(e) => e.name(),
        None => panic!("no entry at position {pos}"),
    }
}

/// A small valid briefing, different for each `n`: dated `n` days into 2020 (so the newest has
/// the highest number), two claims, a response that denies the first, one context item.
pub fn generated(n: usize) -> String {
    let day = n % 28 + 1;
    let month = n / 28 % 12 + 1;
    let year = 2000 + n / (28 * 12);
    format!(
        "title: Generated briefing number {n}\n\
         date: {year}-{month:02}-{day:02}\n\
         tags: [generated, batch-{}]\n\
         sources:\n  - id: paper\n    name: The Daily Paper\n    kind: media\n  \
         - id: office\n    name: The Office\n    kind: government\n\
         claims:\n  - id: c1\n    text: Claim one of briefing {n} says the budget is {n} million.\n    source: paper\n  \
         - id: c2\n    text: Claim two of briefing {n}.\n    source: paper\n\
         responses:\n  - id: r1\n    text: The office denies claim one of briefing {n}.\n    source: office\n    \
         responds_to: [c1]\n    stance: denies\n\
         context:\n  - id: x1\n    text: Background to briefing {n}.\n    source: paper\n",
        n % 7
    )
}

/// Writes `count` generated briefings into `dir` as `gen-0000.yaml`, …; returns their paths.
#[track_caller]
pub fn write_generated(dir: &Path, count: usize) -> Vec<PathBuf> {
    (0..count)
        .map(|n| {
            let p = dir.join(format!("gen-{n:04}.yaml"));
            std::fs::write(&p, generated(n)).unwrap_or_else(|e| panic!("writing {p:?}: {e}"));
            p
        })
        .collect()
}

/// Replaces a file's content in one step (a new file renamed over it), as most editors save, so
/// a reader never sees it half written.
#[track_caller]
pub fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("saving");
    std::fs::write(&tmp, text).unwrap_or_else(|e| panic!("writing {tmp:?}: {e}"));
    std::fs::rename(&tmp, path).unwrap_or_else(|e| panic!("renaming onto {path:?}: {e}"));
}
