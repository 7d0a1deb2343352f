//! The library's index: one SQLite file (`$XDG_CACHE_HOME/brief/library.db`) holding, per
//! briefing file, its size, modification time and content hash, its list row
//! ([`Summary`]), its searchable text ([`body`](crate::briefing::search::body)) and, in an FTS5
//! table, the trigrams of the text's words. On the next start the list comes from it for every file whose size and
//! time are unchanged (or whose content hashes the same), and only the others are parsed again.
//!
//! It is a cache: deleting it loses nothing. A file that is not an index (or a damaged one) and
//! an index of an older schema are rebuilt, with a message; one from a newer brief is left
//! alone and not used. A row is used only for a file the walk found with the size and time (or
//! content) it was indexed with, so a file that is gone or changed never shows from it.
//!
//! The search text is stored with [`STORED_SEP`] between fields (SQLite text is kept whole, but
//! a NUL is a poor guest in SQL); [`Reader::candidates_for`] asks the trigram table for the
//! briefings that can hold a literal query, then [`Reader::counts_in`] counts the occurrences
//! in their text exactly as `/` does in a loaded briefing ([`Compiled::count_in_body`]).
//!
//! The trigrams are brief's own ([`tokens_of`]): each distinct trigram of a text's words,
//! folded as `/` folds, given to FTS5 as one token (its `trigram` tokenizer, given every
//! trigram in a row and folding case by SQLite's tables, cost 210 µs a file of 6.9 KB against
//! some 50 µs now, and could not narrow a query outside ASCII). A file's row, text and
//! trigrams are written together as soon as it is parsed, the tokens made by the worker that
//! parsed it.

use std::collections::{HashMap, HashSet};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use rusqlite::{params, Connection, ErrorCode, OptionalExtension};

use crate::briefing::search::{fold, Compiled};
use crate::briefing::summary::Summary;
use crate::briefing::Date;

/// The schema this build writes. An index of another version is rebuilt (an older one) or
/// left alone (a newer one).
pub const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
    CREATE TABLE file (
        id INTEGER PRIMARY KEY,
        path BLOB NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime INTEGER NOT NULL,
        ctime INTEGER NOT NULL,
        hash BLOB NOT NULL,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        summary TEXT,
        tags TEXT NOT NULL,
        claims INTEGER NOT NULL,
        responses INTEGER NOT NULL,
        pairs INTEGER NOT NULL
    );
    CREATE TABLE text (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
    CREATE VIRTUAL TABLE grams USING fts5(
        tokens, tokenize = 'ascii', detail = 'none', content = ''
    );
";

/// Between two fields of a stored body: sanitised text never holds a control character.
pub const STORED_SEP: char = '\u{1f}';

/// How long a write waits for another brief's transaction.
const BUSY: Duration = Duration::from_secs(5);

/// The index's place: `BRIEF_INDEX`, else `$XDG_CACHE_HOME/brief/library.db`, else
/// `~/.cache/brief/library.db`.
pub fn default_path() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(p) = var("BRIEF_INDEX") {
        return Some(PathBuf::from(p));
    }
    let base = var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("brief").join("library.db"))
}

/// What the index knows of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub stamp: Stamp,
    pub hash: [u8; 32],
    pub summary: Summary,
}

/// A file just parsed, for the index: made by the loader's workers, so that what can be
/// prepared for the writer is prepared on every core.
#[derive(Debug, Clone)]
pub struct Fresh {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub hash: [u8; 32],
    pub summary: Summary,
    /// [`crate::briefing::search::body`], fields ended by [`STORED_SEP`].
    body: String,
    /// What the trigram table is given for it ([`tokens_of`]).
    tokens: String,
}

impl Fresh {
    /// `body` is [`crate::briefing::search::body`] of the briefing.
    pub fn new(path: PathBuf, stamp: Stamp, hash: [u8; 32], summary: Summary, body: &str) -> Fresh {
        Fresh {
            path,
            stamp,
            hash,
            summary,
            body: stored(body),
            tokens: tokens_of(body),
        }
    }
}

/// What tells a file unchanged: its size, modification time and status-change time
/// (nanoseconds since the epoch). The last cannot be set back: a file rewritten with its old
/// size and time (`cp -p`, `rsync -t`) still differs in it, as git's index tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime: i64,
    pub ctime: i64,
}

pub fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let t = meta.modified().ok()?;
    let mtime = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok()?,
        Err(e) => -i64::try_from(e.duration().as_nanos()).ok()?,
    };
    let ctime = meta
        .ctime()
        .checked_mul(1_000_000_000)?
        .checked_add(meta.ctime_nsec())?;
    Some(Stamp {
        size: meta.len(),
        mtime,
        ctime,
    })
}

pub fn hash_of(bytes: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).into()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn shown(path: &Path) -> String {
    crate::text::sanitize_line(&path.display().to_string()).into_owned()
}

/// Beside the index: the word a run leaves when it found the index damaged.
fn damage_mark(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_os_string();
    p.push(".damaged");
    PathBuf::from(p)
}

fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt | ErrorCode::SystemIoFailure)
    )
}

/// Why there is no index this run, or what was done to it: said once in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice(pub String);

/// The index, for the thread that writes it.
#[derive(Debug)]
pub struct Index {
    conn: Connection,
    path: PathBuf,
}

/// A connection that only reads (the workers' lookups, the reader's searches).
fn read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY)?;
    Ok(conn)
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY)?;
    Ok(conn)
}

/// What opening found.
enum Opened {
    Ready(Index),
    /// An older schema or layout of brief's own: to be made anew.
    Rebuild(String),
    /// Not a brief index: to be moved aside, then made anew.
    Foreign(String),
}

impl Index {
    /// Opens the index at `path`, making it (and its folder) when there is none and making it
    /// anew when it is damaged or older; the notice says what was done or why there is none.
    pub fn open(path: &Path) -> (Option<Index>, Option<Notice>) {
        let why = |what: &str, e: &dyn std::fmt::Display| {
            Notice(format!("library not indexed: {} {what}: {e}", shown(path)))
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return (None, Some(why("cannot be created", &e)));
            }
        }
        // An index of this brief's making in an older layout is made anew in its place; a file
        // that is damaged or not an index (it may be anything `BRIEF_INDEX` names) is moved
        // aside, kept as it was.
        // Found damaged by the last run's check of every page ([`Index::damage`]).
        let marked = std::fs::read_to_string(damage_mark(path)).ok();
        let opened = match marked {
            Some(why) => Ok(Opened::Foreign(format!(
                "was damaged ({})",
                crate::text::sanitize_line(why.trim())
            ))),
            None => Index::try_open(path),
        };
        let (reason, aside) = match opened {
            Ok(Opened::Ready(ix)) => return (Some(ix), None),
            Ok(Opened::Rebuild(reason)) => (reason, false),
            Ok(Opened::Foreign(reason)) => (reason, true),
            Err(e) if is_corrupt(&e) => ("was damaged".to_string(), true),
            Err(rusqlite::Error::InvalidParameterName(said)) => {
                return (
                    None,
                    Some(Notice(format!(
                        "library not indexed: {} {said}",
                        shown(path)
                    ))),
                )
            }
            Err(e) => return (None, Some(why("cannot be used", &e))),
        };
        let mut kept = String::new();
        if aside {
            let mut to = path.as_os_str().to_os_string();
            to.push(format!(".corrupt-{}", now()));
            let to = PathBuf::from(to);
            if let Err(e) = std::fs::rename(path, &to) {
                return (None, Some(why("cannot be moved aside", &e)));
            }
            let name = to.file_name().map(|n| n.to_string_lossy().into_owned());
            // What was kept first: the reason can be long (SQLite's words for a damaged page).
            kept = format!(", the old one kept as {}", name.unwrap_or_default());
        }
        for suffix in [
            if aside { None } else { Some("") },
            Some("-wal"),
            Some("-shm"),
        ]
        .into_iter()
        .flatten()
        {
            let mut p = path.as_os_str().to_os_string();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return (None, Some(why("cannot be rebuilt", &e))),
            }
        }
        match Index::try_open(path) {
            Ok(Opened::Ready(ix)) => (
                {
                    let _ = std::fs::remove_file(damage_mark(path));
                    Some(ix)
                },
                Some(Notice(format!(
                    "library index rebuilt{kept}: it {reason} ({})",
                    shown(path)
                ))),
            ),
            Ok(Opened::Rebuild(r) | Opened::Foreign(r)) => {
                (None, Some(why("cannot be rebuilt", &r)))
            }
            Err(e) => (None, Some(why("cannot be rebuilt", &e))),
        }
    }

    fn try_open(path: &Path) -> rusqlite::Result<Opened> {
        let conn = connect(path)?;
        // The first read of the file: a garbage file fails here.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "is from a newer brief (schema {version}, this one reads {SCHEMA_VERSION}); it is left as it is"
            )));
        }
        if version > 0 && version < SCHEMA_VERSION {
            // Made anew only when it is brief's: someone else's database of a low version
            // number (a state store, say) is kept aside.
            let ours = conn
                .prepare("SELECT id, path, size, mtime, hash FROM file LIMIT 0")
                .and_then(|_| conn.prepare("SELECT id, body FROM text LIMIT 0"))
                .is_ok();
            return Ok(if ours {
                Opened::Rebuild(format!("was of an older schema ({version})"))
            } else {
                Opened::Foreign("was not a brief index".into())
            });
        }
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(rusqlite::Error::InvalidParameterName(
                "cannot be written (it is read-only); it is left as it is".into(),
            ));
        }
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        // Someone else's database: looked at, not changed (not even its journal mode).
        if version == 0 && tables > 0 {
            return Ok(Opened::Foreign("was not a brief index".into()));
        }
        if version == 0 {
            // Large pages, set before anything is written: a text of some 5 KB on pages of
            // 4 KB took two, and the index was a tenth larger.
            conn.execute_batch("PRAGMA page_size = 65536;")?;
        }
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        }
        conn.execute_batch("PRAGMA synchronous = NORMAL;")?;
        if version == 0 {
            // Two brief starting at once on no index: one makes it, the other finds it made.
            let tx = rusqlite::Transaction::new_unchecked(
                &conn,
                rusqlite::TransactionBehavior::Immediate,
            )?;
            let made: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if made == 0 {
                tx.execute_batch(SCHEMA)?;
                tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
            }
            tx.commit()?;
        }
        // A database of this version number without brief's tables is someone else's.
        if conn
            .prepare("SELECT id, path FROM file LIMIT 0")
            .and_then(|_| conn.prepare("SELECT id FROM text LIMIT 0"))
            .is_err()
        {
            return Ok(Opened::Foreign("was not a brief index".into()));
        }
        // Every row read once: a damaged page shows now, not in the middle of a run.
        conn.query_row("SELECT count(*) FROM file", [], |r| r.get::<_, i64>(0))?;
        // The tables and columns this build uses: a file of the same version number but
        // another layout (a build in between) is made anew, not half used.
        for sql in [
            "SELECT id, path, size, mtime, ctime, hash, title, date, summary, tags, claims, responses, pairs FROM file LIMIT 0",
            "SELECT id, body FROM text LIMIT 0",
            "SELECT rowid FROM grams WHERE grams MATCH 'abc' LIMIT 0",
            "SELECT tokens FROM grams LIMIT 0",
        ] {
            if conn.prepare(sql).is_err() {
                return Ok(Opened::Rebuild("was of another layout".into()));
            }
        }
        Ok(Opened::Ready(Index {
            conn,
            path: path.to_path_buf(),
        }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A write transaction, taken at once: one that read first and wrote later would fail
    /// at once while another brief writes, instead of waiting for it ([`BUSY`]).
    fn write(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    /// Every file the index knows, by path.
    #[cfg(test)]
    pub fn rows(&self) -> rusqlite::Result<HashMap<PathBuf, Stored>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT path, {STORED} FROM file"))?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            if let Some(stored) = stored_of(r, 1)? {
                out.insert(path_of(r.get(0)?), stored);
            }
        }
        Ok(out)
    }

    /// Records files just parsed, in one transaction: their rows, texts and trigrams.
    pub fn put(&mut self, files: &[Fresh]) -> rusqlite::Result<()> {
        // A file recorded twice in one batch: its last parse counts.
        let mut last: HashMap<&[u8], usize> = HashMap::with_capacity(files.len());
        for (i, f) in files.iter().enumerate() {
            last.insert(f.path.as_os_str().as_bytes(), i);
        }
        let files: Vec<&Fresh> = files
            .iter()
            .enumerate()
            .filter(|(i, f)| last.get(f.path.as_os_str().as_bytes()) == Some(i))
            .map(|(_, f)| f)
            .collect();
        let tx = self.write()?;
        {
            // In three passes: the trigram table holds what it is given in memory until a
            // statement that may be undone halfway (the upsert) makes it write out a segment,
            // so its writes come together, last (a segment a file made a cold open twice as long).
            for f in &files {
                drop_grams(&tx, f.path.as_os_str().as_bytes())?;
            }
            let mut row = tx.prepare_cached(
                "INSERT INTO file
                 (path, size, mtime, hash, title, date, summary, tags, claims, responses, pairs,
                  ctime)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT (path) DO UPDATE SET size = ?2, mtime = ?3, hash = ?4, title = ?5,
                 date = ?6, summary = ?7, tags = ?8, claims = ?9, responses = ?10, pairs = ?11,
                 ctime = ?12
                 RETURNING id",
            )?;
            let mut text =
                tx.prepare_cached("INSERT OR REPLACE INTO text (id, body) VALUES (?1, ?2)")?;
            let mut ids = Vec::with_capacity(files.len());
            for f in &files {
                let s = &f.summary;
                let tags = serde_json::to_string(&s.tags).unwrap_or_else(|_| "[]".into());
                let id: i64 = row.query_row(
                    params![
                        f.path.as_os_str().as_bytes(),
                        i64::try_from(f.stamp.size).unwrap_or(i64::MAX),
                        f.stamp.mtime,
                        &f.hash[..],
                        s.title,
                        s.date.to_string(),
                        s.summary,
                        tags,
                        s.claims as i64,
                        s.responses as i64,
                        s.pairs as i64,
                        f.stamp.ctime,
                    ],
                    |r| r.get(0),
                )?;
                text.execute(params![id, f.body])?;
                ids.push(id);
            }
            let mut grams =
                tx.prepare_cached("INSERT INTO grams (rowid, tokens) VALUES (?1, ?2)")?;
            for (f, id) in files.iter().zip(ids) {
                grams.execute(params![id, f.tokens])?;
            }
        }
        tx.commit()
    }

    /// A file's time changed but its content did not: the row stays, with the new time.
    pub fn touch(&mut self, path: &Path, stamp: Stamp) -> rusqlite::Result<()> {
        self.conn.execute(
            "UPDATE file SET size = ?2, mtime = ?3, ctime = ?4 WHERE path = ?1",
            params![
                path.as_os_str().as_bytes(),
                i64::try_from(stamp.size).unwrap_or(i64::MAX),
                stamp.mtime,
                stamp.ctime
            ],
        )?;
        Ok(())
    }

    /// Reads every page of the index (SQLite's `quick_check`, some 0.1 s for 120 MB): None
    /// when it is sound, else what is wrong. Opening reads only the list's table; a page
    /// damaged elsewhere shows here, and the next start makes the index anew
    /// ([`Index::mark_damaged`]).
    pub fn damage(&self) -> Option<String> {
        let found = self
            .conn
            .prepare("PRAGMA quick_check")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            });
        match found {
            Ok(lines) if lines.iter().all(|l| l == "ok") => None,
            // The first problem, without the header naming the database.
            Ok(lines) => Some(
                lines
                    .iter()
                    .flat_map(|l| l.lines())
                    .find(|l| !l.trim().is_empty() && !l.starts_with("***"))
                    .unwrap_or("damaged")
                    .trim()
                    .to_string(),
            ),
            Err(e) if is_corrupt(&e) => Some(e.to_string()),
            // Busy, interrupted: not a sign of damage.
            Err(_) => None,
        }
    }

    /// Leaves word beside the index that it is damaged: the next start moves it aside and
    /// makes it anew (this run goes on with it: its rows are still checked against the files).
    pub fn mark_damaged(&self, why: &str) -> std::io::Result<()> {
        std::fs::write(damage_mark(&self.path), why)
    }

    /// Forgets the files below `roots` (absolute folders) that are gone: a file deleted or
    /// renamed between two runs. Returns how many.
    pub fn prune(&mut self, roots: &[PathBuf]) -> rusqlite::Result<usize> {
        let mut gone = Vec::new();
        for root in roots {
            let mut from = root.as_os_str().as_bytes().to_vec();
            if from.last() != Some(&b'/') {
                from.push(b'/');
            }
            // Every path that starts with `root/`: from it up to `root0` ('0' follows '/').
            let mut to = from.clone();
            if let Some(last) = to.last_mut() {
                *last = b'0';
            }
            let mut stmt = self
                .conn
                .prepare_cached("SELECT path FROM file WHERE path >= ?1 AND path < ?2")?;
            let mut rows = stmt.query(params![from, to])?;
            while let Some(r) = rows.next()? {
                let path = path_of(r.get(0)?);
                if std::fs::symlink_metadata(&path)
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                {
                    gone.push(path);
                }
            }
        }
        if !gone.is_empty() {
            self.forget(&gone)?;
        }
        Ok(gone.len())
    }

    /// Forgets files that are gone.
    pub fn forget(&mut self, paths: &[PathBuf]) -> rusqlite::Result<()> {
        let tx = self.write()?;
        {
            let mut find = tx.prepare_cached("SELECT id FROM file WHERE path = ?1")?;
            let mut drop_text = tx.prepare_cached("DELETE FROM text WHERE id = ?1")?;
            let mut drop_row = tx.prepare_cached("DELETE FROM file WHERE id = ?1")?;
            for p in paths {
                let key = p.as_os_str().as_bytes();
                drop_grams(&tx, key)?;
                if let Some(id) = find.query_row([key], |r| r.get::<_, i64>(0)).optional()? {
                    drop_text.execute([id])?;
                    drop_row.execute([id])?;
                }
            }
        }
        tx.commit()
    }
}

/// Takes the trigrams of the file at `key` out of the index (a contentless table is told the
/// tokens it was given, made again from the text), before its text changes or goes.
fn drop_grams(tx: &rusqlite::Transaction, key: &[u8]) -> rusqlite::Result<()> {
    let mut old = tx.prepare_cached(
        "SELECT f.id, t.body FROM file f JOIN text t ON t.id = f.id WHERE f.path = ?1",
    )?;
    let Some((id, body)) = old
        .query_row([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .optional()?
    else {
        return Ok(());
    };
    tx.prepare_cached("INSERT INTO grams (grams, rowid, tokens) VALUES ('delete', ?1, ?2)")?
        .execute(params![id, tokens_of(&body)])?;
    Ok(())
}

/// Counts `q` in the text of a row (path, body), read in place.
fn count_row(
    q: &Compiled,
    r: &rusqlite::Row,
    out: &mut HashMap<PathBuf, usize>,
) -> rusqlite::Result<()> {
    let path = Path::new(std::ffi::OsStr::from_bytes(
        r.get_ref(0)?.as_blob_or_null()?.unwrap_or_default(),
    ));
    let body = r.get_ref(1)?.as_str()?;
    let n = q.count_in(body, STORED_SEP);
    if n > 0 {
        out.insert(path.to_path_buf(), n);
    }
    Ok(())
}

/// The columns of a [`Stored`], in the order [`stored_of`] reads them.
const STORED: &str =
    "size, mtime, hash, title, date, summary, tags, claims, responses, pairs, ctime";

/// The [`Stored`] in the columns of `r` from `at` on ([`STORED`]); None for a row that does not
/// read back whole (its file is then parsed again).
fn stored_of(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Option<Stored>> {
    let count = |i: usize| -> rusqlite::Result<usize> {
        Ok(usize::try_from(r.get::<_, i64>(at + i)?).unwrap_or(0))
    };
    let hash: Vec<u8> = r.get(at + 2)?;
    let date: String = r.get(at + 4)?;
    let tags: String = r.get(at + 6)?;
    let (Ok(hash), Some(date), Ok(tags)) = (
        <[u8; 32]>::try_from(hash),
        Date::parse(&date),
        serde_json::from_str::<Vec<String>>(&tags),
    ) else {
        return Ok(None);
    };
    Ok(Some(Stored {
        stamp: Stamp {
            size: u64::try_from(r.get::<_, i64>(at)?).unwrap_or(u64::MAX),
            mtime: r.get(at + 1)?,
            ctime: r.get(at + 10)?,
        },
        hash,
        summary: Summary {
            title: r.get(at + 3)?,
            date,
            summary: r.get(at + 5)?,
            tags,
            claims: count(7)?,
            responses: count(8)?,
            pairs: count(9)?,
        },
    }))
}

/// What the loader's workers ask of the index, on one read-only connection they share: a
/// file's row, by its path (an index that holds other libraries too is not read whole).
#[derive(Debug)]
pub struct Lookup {
    conn: Connection,
}

impl Lookup {
    pub fn open(path: &Path) -> rusqlite::Result<Lookup> {
        Ok(Lookup {
            conn: read_only(path)?,
        })
    }

    /// What the index holds of each file of `paths` (absolute), read in one transaction (a
    /// lookup's own took a fifth of a worker's time on a warm open).
    pub fn get_all(&self, paths: &[PathBuf]) -> rusqlite::Result<Vec<Option<Stored>>> {
        let read = self.conn.unchecked_transaction()?;
        let got = paths
            .iter()
            .map(|p| self.get(p))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        read.commit()?;
        Ok(got)
    }

    /// What the index holds of the file at `path` (absolute), if anything.
    pub fn get(&self, path: &Path) -> rusqlite::Result<Option<Stored>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {STORED} FROM file WHERE path = ?1"))?;
        let mut rows = stmt.query([path.as_os_str().as_bytes()])?;
        match rows.next()? {
            Some(r) => stored_of(r, 0),
            None => Ok(None),
        }
    }
}

fn path_of(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes))
}

fn stored(body: &str) -> String {
    body.replace('\0', &STORED_SEP.to_string())
}

/// The index, for the reader's searches: a connection of its own, read only.
#[derive(Debug)]
pub struct Reader {
    conn: Connection,
}

impl Reader {
    pub fn open(path: &Path) -> rusqlite::Result<Reader> {
        Ok(Reader {
            conn: read_only(path)?,
        })
    }

    /// The occurrences of `q` in the texts of `paths` (those that hold any).
    pub fn counts_in(
        &self,
        q: &Compiled,
        paths: &[&Path],
    ) -> rusqlite::Result<HashMap<PathBuf, usize>> {
        let mut out = HashMap::new();
        if !q.matches_something() {
            return Ok(out);
        }
        let mut text = self.conn.prepare_cached(
            "SELECT f.path, t.body FROM file f JOIN text t ON t.id = f.id WHERE f.path = ?1",
        )?;
        for p in paths {
            let mut rows = text.query([p.as_os_str().as_bytes()])?;
            if let Some(r) = rows.next()? {
                count_row(q, r, &mut out)?;
            }
        }
        Ok(out)
    }

    /// The ids of the briefings that may hold `q` by their trigrams; None when the trigrams cannot say (a regex, a literal without three
    /// characters in a row between spaces).
    pub fn candidates_for(&self, q: &Compiled) -> rusqlite::Result<Option<HashSet<i64>>> {
        match q.literal().and_then(trigrams) {
            Some(expr) => self.candidates(&expr).map(Some),
            None => Ok(None),
        }
    }

    /// Every indexed file's id, by path.
    pub fn ids(&self) -> rusqlite::Result<HashMap<PathBuf, i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, path FROM file")?;
        let rows = stmt.query_map([], |r| Ok((path_of(r.get(1)?), r.get::<_, i64>(0)?)))?;
        rows.collect()
    }

    /// The ids of the briefings whose trigrams hold all of `expr`'s.
    fn candidates(&self, expr: &str) -> rusqlite::Result<HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid FROM grams WHERE grams MATCH ?1")?;
        let ids = stmt.query_map([expr], |r| r.get::<_, i64>(0))?;
        ids.collect()
    }
}

/// Most trigrams a query asks for: any of them narrows the briefings down, and a pasted
/// paragraph would otherwise ask for thousands.
const MAX_QUERY_GRAMS: usize = 32;

/// Calls `f` with every trigram of `folded` (a text folded as `/` folds it) that lies within
/// a word: three characters in a row, none of them a space or a field's end.
///
/// What makes the trigram table a sure filter: a literal's fold is a piece of the fold of any
/// text that holds it, with the same query either way (case-sensitive or not; `/` folds char by
/// char), and a piece of it between two spaces lies within a word of the text. So every
/// trigram of the query's words is a trigram of the text's words.
fn each_gram(folded: &str, mut f: impl FnMut(u64)) {
    let (mut a, mut b) = (None, None);
    for c in folded.chars() {
        if c.is_whitespace() || c == '\0' || c == STORED_SEP {
            (a, b) = (None, None);
            continue;
        }
        if let (Some(x), Some(y)) = (a, b) {
            f(gram(x, y, c));
        }
        (a, b) = (b, Some(c));
    }
}

/// A trigram as 40 bits: its three code points (21 bits each) mixed by an odd multiplier (a
/// bijection of 64 bits), then the top 40 kept. Two trigrams sharing a token only make a
/// briefing a candidate that the count then rules out. Fixed here, not a library's hash, as the
/// index on disk depends on it.
fn gram(a: char, b: char, c: char) -> u64 {
    let v = (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c);
    v.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 24
}

/// A trigram's token: its 40 bits as eight characters of `a`–`z`, `2`–`7` (what FTS5's
/// `ascii` tokenizer takes as one word, whatever the case).
fn push_token(out: &mut String, g: u64) {
    for i in (0..8).rev() {
        // Five bits: a letter, or a digit from 2.
        let d = ((g >> (i * 5)) & 31) as u8;
        out.push(char::from(if d < 26 { b'a' + d } else { b'2' + d - 26 }));
    }
}

/// What the trigram table is given for a text: each distinct trigram of its words once, as a
/// token. A briefing of 6.9 KB has some 800 distinct trigrams against 6,900 in a row, and
/// FTS5 pays for every token it is given.
fn tokens_of(body: &str) -> String {
    let mut seen: HashSet<u64, foldhash::fast::FixedState> =
        HashSet::with_capacity_and_hasher(1024, Default::default());
    let mut out = String::with_capacity(body.len() + body.len() / 2);
    each_gram(&fold(body), |g| {
        if seen.insert(g) {
            push_token(&mut out, g);
            out.push(' ');
        }
    });
    out
}

/// The FTS5 query that finds every text holding `literal` (and maybe more): the tokens of the
/// trigrams of its words, all of them (at most [`MAX_QUERY_GRAMS`]). None when it has none: no
/// three characters in a row between spaces.
fn trigrams(literal: &str) -> Option<String> {
    let mut grams = Vec::new();
    each_gram(&fold(literal), |g| grams.push(g));
    grams.sort_unstable();
    grams.dedup();
    if grams.is_empty() {
        return None;
    }
    let mut out = String::new();
    for g in grams.into_iter().take(MAX_QUERY_GRAMS) {
        if !out.is_empty() {
            out.push(' ');
        }
        push_token(&mut out, g);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::search::Query;

    fn summary(title: &str) -> Summary {
        Summary {
            title: title.into(),
            date: Date::parse("2025-01-02").unwrap_or(Date {
                year: 2025,
                month: 1,
                day: 2,
            }),
            summary: None,
            tags: vec!["korea".into(), "\"quoted\"".into()],
            claims: 2,
            responses: 1,
            pairs: 1,
        }
    }

    fn fresh(path: &str, text: &str) -> Fresh {
        Fresh::new(
            PathBuf::from(path),
            Stamp {
                size: 10,
                mtime: 5,
                ctime: 6,
            },
            hash_of(text.as_bytes()),
            summary(text),
            &format!("{text}\0second field\0"),
        )
    }

    #[test]
    fn rows_and_texts_come_back_and_a_literal_is_counted_through_the_trigrams(
    ) -> rusqlite::Result<()> {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("no temp dir")
        };
        let path = dir.path().join("library.db");
        let (Some(mut ix), None) = Index::open(&path) else {
            panic!("no index");
        };
        ix.put(&[
            fresh("/a.yaml", "Seoul denies the report"),
            fresh("/b.yaml", "İstanbul said nothing"),
            fresh("/c.yaml", "nothing here"),
        ])?;
        // Twice in one batch: the last counts.
        ix.put(&[
            fresh("/a.yaml", "Pyongyang answers"),
            fresh("/a.yaml", "Seoul denies the reports again, SEOUL"),
        ])?;
        let rows = ix.rows()?;
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows.get(Path::new("/a.yaml")).map(|s| &s.summary.tags),
            Some(&vec!["korea".to_string(), "\"quoted\"".to_string()])
        );
        let reader = Reader::open(&path)?;
        let all = |q: Query| -> rusqlite::Result<HashMap<PathBuf, usize>> {
            let Ok(q) = q.compile() else {
                panic!("the query does not compile")
            };
            // As the library asks: the trigrams' candidates (all when they cannot say), then
            // their texts counted.
            let ids = reader.candidates_for(&q)?;
            let paths: Vec<PathBuf> = reader
                .ids()?
                .into_iter()
                .filter(|(_, id)| ids.as_ref().is_none_or(|set| set.contains(id)))
                .map(|(p, _)| p)
                .collect();
            let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
            reader.counts_in(&q, &paths)
        };
        let got = all(Query::literal("seoul"))?;
        assert_eq!(got, HashMap::from([(PathBuf::from("/a.yaml"), 2)]));
        assert_eq!(
            all(Query::literal("Seoul"))?.get(Path::new("/a.yaml")),
            Some(&1)
        );
        // `i̇stanbul` is how `/` folds İstanbul.
        assert_eq!(all(Query::literal("i\u{307}stanbul"))?.len(), 1);
        assert_eq!(all(Query::literal("field"))?.len(), 3);
        assert_eq!(all(Query::regex(r"noth\w+"))?.len(), 2);
        // A query never matches across two fields.
        assert_eq!(all(Query::literal("again, SEOUL second"))?.len(), 0);
        let ids = reader.ids()?;
        let candidates = |q: &str| -> rusqlite::Result<Option<Vec<PathBuf>>> {
            let Ok(q) = Query::literal(q).compile() else {
                panic!("the query does not compile")
            };
            Ok(reader.candidates_for(&q)?.map(|set| {
                let mut v: Vec<PathBuf> = ids
                    .iter()
                    .filter(|(_, id)| set.contains(id))
                    .map(|(p, _)| p.clone())
                    .collect();
                v.sort();
                v
            }))
        };
        // The trigrams narrow, outside ASCII too; the parse of a.yaml dropped in the same
        // batch, and the one before it, left none behind.
        let only = |p: &str| Some(vec![PathBuf::from(p)]);
        assert_eq!(candidates("i\u{307}stanbul")?, only("/b.yaml"));
        assert_eq!(candidates("REPORTS")?, only("/a.yaml"));
        assert_eq!(candidates("answers")?, Some(vec![]));
        assert_eq!(candidates("pyongyang")?, Some(vec![]));
        assert_eq!(candidates("th"), Ok(None), "too short to say");
        ix.forget(&[PathBuf::from("/a.yaml")])?;
        assert_eq!(all(Query::literal("seoul"))?.len(), 0);
        assert_eq!(candidates("seoul")?, Some(vec![]));
        // What was taken out of the trigrams was what had been put in: the table holds the
        // tokens of b and c, and none of a's three parses.
        ix.conn
            .execute_batch("INSERT INTO grams (grams, rank) VALUES ('integrity-check', 1)")?;
        ix.conn
            .execute_batch("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, grams, 'row')")?;
        let mut held: Vec<String> = ix
            .conn
            .prepare("SELECT term FROM temp.vocab WHERE doc > 0")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        held.sort();
        let mut want: Vec<String> = ["İstanbul said nothing", "nothing here"]
            .iter()
            .flat_map(|t| {
                let body = format!("{t}\0second field\0");
                tokens_of(&body)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        want.sort();
        want.dedup();
        assert_eq!(held, want);
        // A file below a root that is not on disk is forgotten; one elsewhere is not.
        let root = dir.path().join("lib");
        std::fs::create_dir_all(&root).unwrap_or_default();
        std::fs::write(root.join("here.yaml"), "x").unwrap_or_default();
        ix.put(&[
            fresh(&root.join("here.yaml").to_string_lossy(), "here"),
            fresh(&root.join("gone.yaml").to_string_lossy(), "gone"),
            fresh(&root.join("sub/gone.yaml").to_string_lossy(), "gone too"),
            fresh(
                &dir.path().join("lib0/gone.yaml").to_string_lossy(),
                "not below",
            ),
        ])?;
        assert_eq!(ix.prune(std::slice::from_ref(&root))?, 2);
        let left = ix.rows()?;
        assert!(left.contains_key(&root.join("here.yaml")));
        assert!(left.contains_key(&dir.path().join("lib0/gone.yaml")));
        Ok(())
    }

    /// The trigrams never leave out a briefing that holds the query: every piece of every
    /// text, as it is and lower-cased (smart case either way), across scripts whose case
    /// folds oddly (final sigma, İ, the Kelvin sign, ẞ, titlecase digraphs, combining marks).
    #[test]
    fn every_briefing_holding_a_literal_is_among_its_trigram_candidates() -> rusqlite::Result<()> {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("no temp dir")
        };
        let path = dir.path().join("library.db");
        let (Some(mut ix), None) = Index::open(&path) else {
            panic!("no index");
        };
        let texts = [
            "ΟΔΥΣΣΕΑΣ ΣΑΣ είπε ς",
            "İSTANBUL İstanbul istanbul",
            "Kelvin 5 \u{212a} KELVIN",
            "straße STRASSE \u{1e9e}UND",
            "\u{1c5}emal \u{1c4}EMAL",
            "e\u{301}clair ÉCLAIR",
            "북한이 발표했다 유엔 안보리",
            "الحكومة تنفي التقرير",
            "tab\there nbsp\u{a0}there, ideographic\u{3000}space",
        ];
        let files: Vec<Fresh> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| fresh(&format!("/{i}.yaml"), t))
            .collect();
        ix.put(&files)?;
        let reader = Reader::open(&path)?;
        let ids = reader.ids()?;
        let mut asked = 0;
        for t in texts {
            let chars: Vec<char> = t.chars().collect();
            for len in 3..=9 {
                for piece in chars.windows(len) {
                    let piece: String = piece.iter().collect();
                    for typed in [piece.clone(), piece.to_lowercase()] {
                        let Ok(q) = Query::literal(&typed).compile() else {
                            continue;
                        };
                        let Some(set) = reader.candidates_for(&q)? else {
                            continue;
                        };
                        asked += 1;
                        for (i, f) in files.iter().enumerate() {
                            if q.count_in(&f.body, STORED_SEP) > 0 {
                                let id = ids.get(Path::new(&format!("/{i}.yaml")));
                                assert!(
                                    id.is_some_and(|id| set.contains(id)),
                                    "{typed:?} is in {:?} but not among the candidates",
                                    texts[i]
                                );
                            }
                        }
                    }
                }
            }
        }
        assert!(
            asked > 500,
            "only {asked} queries went through the trigrams"
        );
        Ok(())
    }

    #[test]
    fn a_file_that_is_not_an_index_is_rebuilt_and_a_newer_one_left_alone() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("no temp dir")
        };
        let path = dir.path().join("library.db");
        std::fs::write(
            &path,
            b"not a database, not at all, not even close to one....",
        )
        .unwrap_or_default();
        let (ix, notice) = Index::open(&path);
        assert!(ix.is_some());
        let notice = notice.map(|n| n.0).unwrap_or_default();
        assert!(
            notice.starts_with("library index rebuilt, the old one kept as library.db.corrupt-"),
            "{notice}"
        );
        assert!(notice.contains(": it was damaged ("), "{notice}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(
            kept.iter()
                .any(|n| n.to_string_lossy().starts_with("library.db.corrupt-")),
            "the damaged file is kept: {kept:?}"
        );
        drop(ix);
        let Ok(conn) = Connection::open(&path) else {
            panic!("cannot reopen")
        };
        let _ = conn.execute_batch("PRAGMA user_version = 99");
        drop(conn);
        let (ix, notice) = Index::open(&path);
        assert!(ix.is_none());
        let notice = notice.map(|n| n.0).unwrap_or_default();
        assert!(notice.contains("newer brief"), "{notice}");
        assert!(!notice.contains("Invalid parameter"), "{notice}");
        assert!(path.exists(), "a newer index is kept");

        // Someone else's database at version 1 (a state store, say): kept aside, not used.
        let other = dir.path().join("other.db");
        let Ok(conn) = Connection::open(&other) else {
            panic!("cannot make a database")
        };
        let _ = conn.execute_batch("CREATE TABLE briefing (key TEXT); PRAGMA user_version = 1;");
        drop(conn);
        let (ix, notice) = Index::open(&other);
        assert!(ix.is_some());
        let notice = notice.map(|n| n.0).unwrap_or_default();
        assert!(
            notice.starts_with("library index rebuilt, the old one kept as other.db.corrupt-")
                && notice.contains(": it was not a brief index ("),
            "{notice}"
        );
    }
}
