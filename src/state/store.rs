//! The state store: one SQLite file (`$XDG_STATE_HOME/brief/state.db`) holding, per briefing,
//! where you were, when you last read it and what you saw of it, and per item a flag and a
//! note. The only file brief writes.
//!
//! WAL mode and a busy timeout let two readers share the file; every write is one short
//! transaction, so `kill -9` loses at most the write in flight. `PRAGMA user_version` is the
//! schema version: older stores are migrated, a newer one is left alone, and a file that is not
//! a database is moved aside (kept, never emptied) before the reader goes on without state.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::briefing::diff::Snapshot;

/// The schema this build writes. Bump it with a new entry in [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = 1;

/// The statements that take a store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &["
    CREATE TABLE briefing (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        last_read INTEGER,
        position TEXT,
        seen TEXT
    );
    CREATE INDEX briefing_title_date ON briefing (title, date);
    CREATE TABLE item (
        briefing INTEGER NOT NULL REFERENCES briefing (id) ON DELETE CASCADE,
        item TEXT NOT NULL,
        flagged INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        updated INTEGER NOT NULL,
        PRIMARY KEY (briefing, item)
    ) WITHOUT ROWID;
"];

const FIND_BY_KEY: &str = "SELECT id FROM briefing WHERE key = ?1";
const SAVED_ROW: &str = "SELECT position, seen, last_read FROM briefing WHERE id = ?1";
const SAVED_ITEMS: &str = "SELECT item, flagged, note FROM item WHERE briefing = ?1";

/// How long a write waits for another process's transaction before giving up.
const BUSY: Duration = Duration::from_secs(5);

/// Why there is no store this run, said once in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

/// Where you were in a briefing, by ids so that it survives edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Position {
    /// The pane in focus: `claims`, `responses` or `context`.
    pub focus: String,
    /// The selected item of each pane, by id (claims, responses, context).
    pub selected: [Option<String>; 3],
    /// How many rows above the selection each pane showed.
    pub offset: [usize; 3],
    /// The item whose detail was open, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What the store knows of one briefing.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub id: i64,
    pub position: Option<Position>,
    /// What was last read, None the first time the briefing is opened.
    pub seen: Option<Snapshot>,
    /// Seconds since the epoch.
    pub last_read: Option<i64>,
    pub flags: Vec<String>,
    pub notes: Vec<(String, String)>,
}

/// One note or flag, as `brief notes export` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRecord {
    /// The briefing's file (its canonical path), or `builtin:NAME`.
    pub briefing: String,
    pub title: String,
    pub date: String,
    pub item: String,
    #[serde(default)]
    pub flagged: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn shown(path: &Path) -> String {
    crate::text::sanitize_line(&path.display().to_string()).into_owned()
}

/// The store's place: `--state`, else `BRIEF_STATE`, else `$XDG_STATE_HOME/brief/state.db`,
/// else `~/.local/state/brief/state.db`.
pub fn default_path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(p) = var("BRIEF_STATE") {
        return Some(PathBuf::from(p));
    }
    let base = var("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("brief").join("state.db"))
}

/// A file that is not a database (or is damaged) is renamed to `NAME.corrupt-SECONDS`, kept for
/// whoever wants it back; returns the new name.
fn move_aside(path: &Path) -> Option<PathBuf> {
    let mut name = path.file_name()?.to_os_string();
    name.push(format!(".corrupt-{}", now()));
    let to = path.with_file_name(name);
    std::fs::rename(path, &to).ok().map(|()| to)
}

fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

impl Store {
    /// Opens (creating it and its folder if need be) the store at `path`, migrated to
    /// [`SCHEMA_VERSION`]; or why there is none this run.
    pub fn open(path: &Path) -> Result<Store, Unavailable> {
        let why = |what: &str, e: &dyn std::fmt::Display| {
            Unavailable(format!("state not kept: {} {what}: {e}", shown(path)))
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| why("cannot be created", &e))?;
        }
        match Store::try_open(path) {
            Ok(store) => Ok(store),
            Err(e) if is_corrupt(&e) => match move_aside(path) {
                Some(to) => Err(Unavailable(format!(
                    "state not kept: {} is not a brief state store; moved to {}",
                    shown(path),
                    shown(&to)
                ))),
                None => Err(why("is not a state store (and cannot be moved aside)", &e)),
            },
            Err(e) => Err(match e {
                rusqlite::Error::InvalidParameterName(newer) => Unavailable(newer),
                e => why("cannot be used", &e),
            }),
        }
    }

    fn try_open(path: &Path) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY)?;
        // Reading the version is the first read of the file: a garbage file fails here.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            // Carried out through an error the caller tells apart.
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "state not kept: {} is from a newer brief (schema {version}, this one reads {SCHEMA_VERSION}); it is left as it is",
                shown(path)
            )));
        }
        // WAL is kept in the file: set once, when the store is made.
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        }
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        if version < SCHEMA_VERSION {
            store.migrate()?;
        }
        // Read the schema and compile the reader's queries once, with the opening.
        for sql in [FIND_BY_KEY, SAVED_ROW, SAVED_ITEMS] {
            store.conn.prepare_cached(sql)?;
        }
        Ok(store)
    }

    fn migrate(&mut self) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again inside the write lock: another process may have just migrated.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, step) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(step)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        }
        tx.commit()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The briefing stored under `key`, else (a file moved or renamed, when `now` is given) the
    /// one most recently read with the same title and date whose file is gone and which shares
    /// at least half its item ids with `now`: it then takes the new key.
    fn find(&self, key: &str, now: Option<&Snapshot>) -> rusqlite::Result<Option<i64>> {
        let by_key = self
            .conn
            .prepare_cached(FIND_BY_KEY)?
            .query_row([key], |r| r.get(0))
            .optional()?;
        let Some(now) = now.filter(|_| by_key.is_none()) else {
            return Ok(by_key);
        };
        let mut stmt = self.conn.prepare(
            "SELECT id, key, seen FROM briefing WHERE title = ?1 AND date = ?2
             ORDER BY last_read DESC",
        )?;
        let rows = stmt.query_map([&now.title, &now.date], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let ids: std::collections::HashSet<&str> =
            now.items.iter().map(|i| i.id.as_str()).collect();
        for row in rows {
            let (id, old, seen) = row?;
            let seen: Option<Snapshot> = seen.and_then(|s| serde_json::from_str(&s).ok());
            let same_content = seen.is_some_and(|s| {
                let shared = s
                    .items
                    .iter()
                    .filter(|i| ids.contains(i.id.as_str()))
                    .count();
                shared * 2 >= ids.len().min(s.items.len()).max(1)
            });
            if same_content && !old.starts_with("builtin:") && !Path::new(&old).exists() {
                self.conn.execute(
                    "UPDATE briefing SET key = ?1 WHERE id = ?2",
                    params![key, id],
                )?;
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// The file names of the briefings something was seen of: a briefing whose file has none
    /// of these names has no changes since last read to count.
    pub fn seen_names(&self) -> rusqlite::Result<std::collections::HashSet<std::ffi::OsString>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key FROM briefing WHERE seen IS NOT NULL")?;
        let keys = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = std::collections::HashSet::new();
        for k in keys {
            if let Some(name) = Path::new(&k?).file_name() {
                out.insert(name.to_os_string());
            }
        }
        Ok(out)
    }

    /// What is kept of a briefing, without creating anything (the library's counts, `brief
    /// diff --since-read`).
    pub fn peek(&self, key: &str) -> rusqlite::Result<Option<Saved>> {
        match self.find(key, None)? {
            Some(id) => self.saved(id).map(Some),
            None => Ok(None),
        }
    }

    /// Opens a briefing for reading: what is kept of it, the row created (with `now` as what was
    /// seen, so that nothing is marked the first time) if there was none.
    pub fn open_briefing(&mut self, key: &str, now_seen: &Snapshot) -> rusqlite::Result<Saved> {
        if let Some(id) = self.find(key, Some(now_seen))? {
            return self.saved(id);
        }
        let seen = serde_json::to_string(now_seen)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.conn.execute(
            "INSERT INTO briefing (key, title, date, last_read, seen) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (key) DO NOTHING",
            params![key, now_seen.title, now_seen.date, now(), seen],
        )?;
        let id = self
            .conn
            .query_row("SELECT id FROM briefing WHERE key = ?1", [key], |r| {
                r.get(0)
            })?;
        let mut saved = self.saved(id)?;
        // What was just stored is the baseline, not a version read before.
        saved.seen = None;
        Ok(saved)
    }

    fn saved(&self, id: i64) -> rusqlite::Result<Saved> {
        let (position, seen, last_read): (Option<String>, Option<String>, Option<i64>) = self
            .conn
            .prepare_cached(SAVED_ROW)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut flags = Vec::new();
        let mut notes = Vec::new();
        let mut stmt = self.conn.prepare_cached(SAVED_ITEMS)?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (item, flagged, note) = row?;
            if flagged {
                flags.push(item.clone());
            }
            if let Some(n) = note {
                notes.push((item, n));
            }
        }
        Ok(Saved {
            id,
            // A position or snapshot this build cannot read is as good as none.
            position: position.and_then(|p| serde_json::from_str(&p).ok()),
            seen: seen.and_then(|s| serde_json::from_str(&s).ok()),
            last_read,
            flags,
            notes,
        })
    }

    pub fn save_position(&self, id: i64, position: &Position) -> rusqlite::Result<()> {
        let text = serde_json::to_string(position)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.conn.execute(
            "UPDATE briefing SET position = ?1 WHERE id = ?2",
            params![text, id],
        )?;
        Ok(())
    }

    /// Records what has now been read of the briefing.
    pub fn save_seen(&self, id: i64, seen: &Snapshot) -> rusqlite::Result<()> {
        let text = serde_json::to_string(seen)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.conn.execute(
            "UPDATE briefing SET seen = ?1, last_read = ?2, title = ?3, date = ?4 WHERE id = ?5",
            params![text, now(), seen.title, seen.date, id],
        )?;
        Ok(())
    }

    /// Sets an item's flag and note (None: no note). A row with neither is deleted.
    pub fn set_item(
        &mut self,
        id: i64,
        item: &str,
        flagged: bool,
        note: Option<&str>,
    ) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !flagged && note.is_none() {
            tx.execute(
                "DELETE FROM item WHERE briefing = ?1 AND item = ?2",
                params![id, item],
            )?;
        } else {
            tx.execute(
                "INSERT INTO item (briefing, item, flagged, note, updated) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (briefing, item) DO UPDATE SET flagged = ?3, note = ?4, updated = ?5",
                params![id, item, flagged, note, now()],
            )?;
        }
        tx.commit()
    }

    /// Every flag and note, briefing by briefing.
    pub fn export_notes(&self) -> rusqlite::Result<Vec<NoteRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.key, b.title, b.date, i.item, i.flagged, i.note
             FROM item i JOIN briefing b ON b.id = i.briefing ORDER BY b.key, i.item",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(NoteRecord {
                briefing: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                item: r.get(3)?,
                flagged: r.get(4)?,
                note: r.get(5)?,
            })
        })?;
        rows.collect()
    }

    /// Takes in exported notes in one transaction: a briefing not known yet is created (with
    /// nothing seen); an item's flag and note are replaced by the record's. Returns how many.
    pub fn import_notes(&mut self, records: &[NoteRecord]) -> rusqlite::Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for r in records {
            tx.execute(
                "INSERT INTO briefing (key, title, date) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO NOTHING",
                params![r.briefing, r.title, r.date],
            )?;
            let id: i64 = tx.query_row(
                "SELECT id FROM briefing WHERE key = ?1",
                [&r.briefing],
                |row| row.get(0),
            )?;
            tx.execute(
                "INSERT INTO item (briefing, item, flagged, note, updated) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (briefing, item) DO UPDATE SET flagged = ?3, note = ?4, updated = ?5",
                params![id, r.item, r.flagged, r.note, now()],
            )?;
        }
        tx.commit()?;
        Ok(records.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(title: &str) -> Snapshot {
        Snapshot {
            title: title.into(),
            date: "2025-01-01".into(),
            items: vec![crate::briefing::diff::ItemPrint {
                id: "c1".into(),
                ..Default::default()
            }],
            ..Snapshot::default()
        }
    }

    #[test]
    fn a_briefing_is_created_once_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s/state.db");
        let mut store = Store::open(&path).unwrap();
        let first = store.open_briefing("/a.yaml", &snap("A")).unwrap();
        assert!(first.seen.is_none(), "nothing seen the first time");
        let again = store.open_briefing("/a.yaml", &snap("A")).unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(again.seen, Some(snap("A")));
        // Moved: same title and date, the same items, the old file gone.
        let moved = store.open_briefing("/b.yaml", &snap("A")).unwrap();
        assert_eq!(moved.id, first.id);
        // Another briefing with the same title and date but other items is another one.
        let mut other = snap("A");
        other.items[0].id = "z9".into();
        let other = store.open_briefing("/c.yaml", &other).unwrap();
        assert_ne!(other.id, first.id);
    }

    #[test]
    fn a_newer_store_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(conn);
        let err = Store::open(&path).unwrap_err();
        assert!(err.0.contains("newer"), "{err:?}");
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99);
    }

    #[test]
    fn garbage_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let garbage = vec![0x5au8; 4096];
        std::fs::write(&path, &garbage).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(err.0.contains("moved to"), "{err:?}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(std::fs::read(kept[0].path()).unwrap(), garbage);
    }
}
