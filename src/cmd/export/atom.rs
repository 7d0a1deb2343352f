//! `export --format atom`: an Atom feed (RFC 4287) with one entry per briefing, for feed readers
//! (newsboat, Thunderbird) following a folder of briefings. Written by `atom_syndication`, whose
//! XML writer escapes every text; texts are sanitised first, since XML 1.0 cannot hold C0
//! controls at all.
//!
//! - `id`: a `urn:uuid:` (RFC 9562 version 8) made from the SHA-256 of the file's absolute path,
//!   so an entry keeps its id across runs and edits; the feed's from the paths exported.
//! - `updated`: the briefing's `date` at midnight UTC, not the file's modification time: the
//!   same files give the same feed on every machine, and a feed reader shows the story's date.
//! - `author`: the briefing's `publisher`; the feed says `unknown` when an entry has none (RFC
//!   4287 requires an author for every entry).
//! - `category`: one per tag; `summary`: the summary, else the first claim.
//! - `link rel="enclosure"`: the YAML file as a percent-encoded `file:` URL, with its length;
//!   `link rel="alternate"`: the briefing's `url` when it has one.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use sha2::{Digest, Sha256};

use crate::briefing::document::Document;
use crate::briefing::model::Date;

/// A `urn:uuid:` of version 8 from the SHA-256 of `name` (RFC 9562, appendix B.2's way).
pub fn uuid_urn(name: &[u8]) -> String {
    let hash = Sha256::digest(name);
    let mut b = [0u8; 16];
    for (slot, byte) in b.iter_mut().zip(hash.iter()) {
        *slot = *byte;
    }
    // The version (8) in the top nibble of octet 6, the variant (0b10) in the top bits of octet 8.
    let n = u128::from_be_bytes(b) & !(0xf << 76) & !(0x3 << 62) | (0x8 << 76) | (0x2 << 62);
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        n >> 96,
        (n >> 80) & 0xffff,
        (n >> 64) & 0xffff,
        (n >> 48) & 0xffff,
        n & 0xffff_ffff_ffff
    )
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(unix)]
fn bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

fn midnight(d: Date) -> FixedDateTime {
    let text = format!("{d}T00:00:00Z");
    FixedDateTime::parse_from_rfc3339(&text).unwrap_or_default()
}

fn plain(s: &str) -> Text {
    Text::plain(super::claimreview::one_line(&crate::text::sanitize(s)))
}

/// The feed, an entry at a time.
pub struct FeedWriter {
    feed: Feed,
    anonymous: bool,
}

impl FeedWriter {
    /// A feed of the briefings `paths` name.
    pub fn new(paths: &[PathBuf]) -> FeedWriter {
        let mut named: Vec<Vec<u8>> = paths.iter().map(|p| bytes(&absolute(p))).collect();
        named.sort();
        let mut key = b"brief feed".to_vec();
        for n in &named {
            key.push(0);
            key.extend_from_slice(n);
        }
        let title = match paths {
            [one] => {
                let name = absolute(one)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| one.to_string_lossy().into_owned());
                format!("Briefings: {name}")
            }
            _ => "Briefings".to_string(),
        };
        let feed = Feed {
            title: plain(&title),
            id: uuid_urn(&key),
            updated: midnight(Date {
                year: 1970,
                month: 1,
                day: 1,
            }),
            generator: Some(Generator {
                value: "brief".into(),
                uri: None,
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Feed::default()
        };
        FeedWriter {
            feed,
            anonymous: false,
        }
    }

    /// Adds the entry of one loaded briefing.
    pub fn add(&mut self, doc: &Document) {
        let b = &doc.briefing;
        let path = doc.path.as_deref().map(absolute);
        let id = match &path {
            Some(p) => {
                let mut key = b"brief entry\0".to_vec();
                key.extend(bytes(p));
                uuid_urn(&key)
            }
            None => uuid_urn(format!("brief entry\0{}\0{}", b.title, b.date).as_bytes()),
        };
        let updated = midnight(b.date);
        if updated > self.feed.updated {
            self.feed.updated = updated;
        }
        let mut links = Vec::new();
        if let Some(file) = path.as_deref().and_then(super::file_url) {
            links.push(Link {
                href: file,
                rel: "enclosure".into(),
                mime_type: Some("application/yaml".into()),
                length: path
                    .as_deref()
                    .and_then(|p| std::fs::metadata(p).ok())
                    .map(|m| m.len().to_string()),
                ..Link::default()
            });
        }
        if let Some(u) = &b.url {
            links.push(Link {
                href: super::claimreview::one_line(&crate::text::sanitize(u)),
                rel: "alternate".into(),
                ..Link::default()
            });
        }
        let authors = match &b.publisher {
            Some(p) => vec![Person {
                name: plain(p).value,
                ..Person::default()
            }],
            None => {
                self.anonymous = true;
                Vec::new()
            }
        };
        let summary = b
            .summary
            .as_deref()
            .or_else(|| b.claims.first().map(|c| c.text.as_str()))
            .map(plain);
        self.feed.entries.push(Entry {
            title: plain(&b.title),
            id,
            updated,
            authors,
            categories: b
                .tags
                .iter()
                .map(|t| Category {
                    term: plain(t).value,
                    ..Category::default()
                })
                .collect(),
            links,
            summary,
            ..Entry::default()
        });
    }

    /// Writes the feed: an XML declaration, then the feed indented by two spaces.
    pub fn write(mut self, out: &mut impl Write) -> io::Result<()> {
        if self.anonymous || self.feed.entries.is_empty() {
            self.feed.authors.push(Person {
                name: "unknown".into(),
                ..Person::default()
            });
        }
        let config = atom_syndication::WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        };
        let mut buf = Vec::new();
        self.feed
            .write_with_config(&mut buf, config)
            .map_err(io::Error::other)?;
        out.write_all(&buf)?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_8_and_stable() {
        let a = uuid_urn(b"x");
        assert_eq!(a, uuid_urn(b"x"));
        assert_ne!(a, uuid_urn(b"y"));
        let hex = a.trim_start_matches("urn:uuid:");
        assert_eq!(hex.len(), 36);
        assert_eq!(hex.as_bytes()[14], b'8');
        assert!(matches!(hex.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }
}
