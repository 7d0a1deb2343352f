//! Your notes and flags outside the reader: `brief print --notes` and `brief export --notes`
//! (each briefing followed by its notes; in JSON, under `derived.notes`), `brief notes export` and
//! `brief notes import`.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::briefing::diff::Snapshot;
use crate::briefing::Document;
use crate::cli::{Format, Limits};
use crate::cmd::print::{load_each, Look};
use crate::state::{key_of, NoteRecord, Store};
use crate::text::{sanitize_line, wrap};

/// An item's flag and note.
pub type ItemNotes = HashMap<String, (bool, Option<String>)>;

/// The flags and notes of `doc` in the store (none when it was never opened).
pub fn notes_of(store: Option<&Store>, doc: &Document) -> ItemNotes {
    let Some(store) = store else {
        return ItemNotes::new();
    };
    let saved = store.peek(&key_of(doc));
    let mut out = ItemNotes::new();
    if let Ok(Some(saved)) = saved {
        for id in saved.flags {
            out.entry(id).or_default().0 = true;
        }
        for (id, note) in saved.notes {
            out.entry(id).or_default().1 = Some(note);
        }
    }
    out
}

/// Items in reading order that have a flag or a note.
fn noted<'a>(doc: &'a Document, notes: &'a ItemNotes) -> Vec<(&'a str, bool, Option<&'a str>)> {
    doc.briefing
        .items()
        .filter_map(|(_, i)| {
            notes
                .get(&i.id)
                .map(|(f, n)| (i.id.as_str(), *f, n.as_deref()))
        })
        .collect()
}

/// `brief print --notes`: each briefing as `print` writes it, then its notes.
pub fn print_paths(
    paths: &[PathBuf],
    width: usize,
    limits: Limits,
    out: &mut impl Write,
    look: Look,
    store: Option<&Store>,
) -> io::Result<bool> {
    let stderr = io::stderr();
    let err_colour = super::use_colour(io::IsTerminal::is_terminal(&stderr));
    let mut first = true;
    load_each(paths, limits, &mut stderr.lock(), err_colour, |doc| {
        if !first {
            writeln!(out)?;
        }
        first = false;
        super::print::write_briefing_as(out, &doc.briefing, width, look)?;
        let notes = notes_of(store, &doc);
        let list = noted(&doc, &notes);
        writeln!(out)?;
        let heading = format!("Notes ({})", list.len());
        writeln!(out, "{heading}\n{}", "-".repeat(heading.len()))?;
        if list.is_empty() {
            writeln!(out, "(none)")?;
        }
        for (id, flagged, note) in list {
            writeln!(
                out,
                "{}{}",
                sanitize_line(id),
                if flagged { " · flagged" } else { "" }
            )?;
            if let Some(n) = note {
                for line in wrap(n, width.saturating_sub(4).max(16)) {
                    writeln!(out, "    {line}")?;
                }
            }
        }
        Ok(())
    })
}

/// `brief export --notes`: in JSON `derived.notes` lists each item with a flag or a note (its
/// `id`, `flagged`, `note`); in Markdown each briefing ends with a Notes section.
pub fn export_paths(
    paths: &[PathBuf],
    format: Format,
    limits: Limits,
    out: &mut impl Write,
    store: Option<&Store>,
) -> io::Result<bool> {
    let stderr = io::stderr();
    let err_colour = super::use_colour(io::IsTerminal::is_terminal(&stderr));
    let mut values = Vec::new();
    let mut first = true;
    let failed = load_each(paths, limits, &mut stderr.lock(), err_colour, |doc| {
        let notes = notes_of(store, &doc);
        match format {
            Format::Json => {
                let path = doc.path.as_ref().map(|p| p.to_string_lossy().into_owned());
                let mut v = super::export::json::json_value(&doc.briefing, &doc.relations, path)?;
                // In `derived`, so the export still loads as the briefing it came from.
                let listed: Vec<serde_json::Value> = doc
                    .briefing
                    .items()
                    .filter_map(|(_, item)| {
                        let (flagged, note) = notes.get(&item.id)?;
                        let mut entry = serde_json::Map::new();
                        entry.insert("id".into(), item.id.clone().into());
                        entry.insert("flagged".into(), (*flagged).into());
                        if let Some(n) = note {
                            entry.insert("note".into(), n.clone().into());
                        }
                        Some(serde_json::Value::Object(entry))
                    })
                    .collect();
                if let Some(derived) = v.get_mut("derived").and_then(|d| d.as_object_mut()) {
                    derived.insert("notes".into(), listed.into());
                }
                values.push(v);
                Ok(())
            }
            Format::Markdown => {
                if !first {
                    out.write_all(b"\n---\n\n")?;
                }
                first = false;
                let mut md = super::export::markdown_of(&doc.briefing, &doc.relations);
                md.push_str("\n## Notes\n\n");
                let list = noted(&doc, &notes);
                if list.is_empty() {
                    md.push_str("_None._\n");
                }
                for (id, flagged, note) in list {
                    let flag = if flagged { " (flagged)" } else { "" };
                    let note =
                        note.map_or(String::new(), |n| format!(": {}", n.replace('\n', " ")));
                    md.push_str(&format!("- `{}`{flag}{note}\n", id.replace('`', "'")));
                }
                out.write_all(sanitize_md(&md).as_bytes())
            }
            // main refuses --notes with the other formats before it gets here.
            _ => Err(io::Error::other(
                "--notes goes with --format json or markdown",
            )),
        }
    })?;
    if format == Format::Json {
        let single = matches!(paths, [p] if !p.is_dir());
        let text = if single {
            values.first().map(super::export::pretty)
        } else {
            Some(super::export::pretty(&values))
        };
        if let Some(text) = text {
            out.write_all(text?.as_bytes())?;
            writeln!(out)?;
        }
    }
    Ok(failed)
}

/// Control characters out of a Markdown export (line breaks kept).
fn sanitize_md(s: &str) -> String {
    s.split('\n')
        .map(|l| sanitize_line(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `brief notes export`: every flag and note as a JSON array.
pub fn export(store: &Store, out: &mut impl Write) -> anyhow::Result<()> {
    let records = store.export_notes()?;
    writeln!(out, "{}", super::export::pretty(&records)?)?;
    Ok(())
}

/// `brief notes import FILE` (`-`: stdin). Returns how many were taken in.
pub fn import(store: &mut Store, file: &Path) -> anyhow::Result<usize> {
    let mut text = String::new();
    if file == Path::new("-") {
        io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(file).map_err(|e| {
            anyhow::anyhow!(
                "{}: {}",
                sanitize_line(&file.display().to_string()),
                crate::briefing::load::io_reason(&e)
            )
        })?;
    }
    let records: Vec<NoteRecord> = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: not an export of brief notes: {e}",
            sanitize_line(&file.display().to_string()),
            e.line(),
            e.column()
        )
    })?;
    Ok(store.import_notes(&records)?)
}

/// What `brief diff --since-read` compares with: what was last read of `doc`.
pub fn last_read(store: &Store, doc: &Document) -> anyhow::Result<Option<Snapshot>> {
    Ok(store.peek(&key_of(doc))?.and_then(|s| s.seen))
}
