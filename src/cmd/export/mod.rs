//! `brief export`: briefings in other tools' formats, one submodule per format.
//!
//! - `json`: the briefing's own shape, field for field, plus `derived` and `path` (it loads
//!   again as the same briefing);
//! - `markdown`: a document for reading, with optional YAML front matter;
//! - `claimreview`: schema.org ClaimReview JSON-LD, one review per claim with a status;
//! - `argdown`: statements and their relations for argument maps;
//! - `csl`: CSL JSON citation items for the sources and the items with a URL;
//! - `atom`: an Atom feed, one entry per briefing.
//!
//! JSON strings keep their exact content; characters a terminal could act on that JSON allows
//! raw (DEL, C1 controls, bidi and zero-width marks of the Basic Multilingual Plane) are written
//! as `\uXXXX`, so the output is safe to show and still decodes to the same text. The text
//! formats sanitise and escape every string, so a briefing cannot inject markup or control
//! bytes into them.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::briefing::model::Briefing;
use crate::briefing::relations::Relations;
use crate::cli::Limits;
use crate::cmd::print::load_each;

pub mod argdown;
pub mod atom;
pub mod claimreview;
pub mod csl;
pub mod json;
pub mod markdown;

pub use crate::cli::Format;
pub use markdown::to_markdown;

/// How `export` writes: the format and its options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    /// Markdown: YAML front matter first.
    pub front_matter: bool,
}

impl From<Format> for Options {
    fn from(format: Format) -> Options {
        Options {
            format,
            front_matter: false,
        }
    }
}

/// Exports every briefing `paths` names to `out`; diagnostics of files that fail to load go to
/// stderr and the others are still exported. Returns whether any file failed.
pub fn export_paths(
    paths: &[PathBuf],
    options: impl Into<Options>,
    limits: Limits,
    out: &mut impl Write,
) -> io::Result<bool> {
    let stderr = io::stderr();
    let err_colour = super::use_colour(stderr.is_terminal());
    export_paths_to(paths, options, limits, out, &mut stderr.lock(), err_colour)
}

/// Writes a JSON array element by element as each briefing loads, as serde_json would print
/// it whole: a folder of 100,000 briefings is never held at once (it took 1.76 GB).
struct ArrayWriter {
    written: usize,
}

impl ArrayWriter {
    fn element(&mut self, out: &mut impl Write, text: &str) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
        self.written += 1;
        Ok(())
    }

    fn end(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
}

/// [`export_paths`] with the diagnostics stream given, for tests.
pub fn export_paths_to(
    paths: &[PathBuf],
    options: impl Into<Options>,
    limits: Limits,
    out: &mut impl Write,
    err: &mut impl Write,
    err_colour: bool,
) -> io::Result<bool> {
    let options = options.into();
    let mut out = io::BufWriter::new(out);
    let failed = match options.format {
        Format::Json => {
            // One file named on its own gives an object; anything that can name several (more
            // than one path, a folder) gives an array, even when only one file loaded.
            let single = matches!(paths, [p] if !p.is_dir());
            let mut array = ArrayWriter { written: 0 };
            let failed = load_each(paths, limits, err, err_colour, |doc| {
                let path = doc.path.as_ref().map(|p| p.to_string_lossy().into_owned());
                let text = json::text(&doc.briefing, &doc.relations, path)?;
                if single {
                    if array.written == 0 {
                        out.write_all(text.as_bytes())?;
                        writeln!(out)?;
                    }
                    array.written += 1;
                    Ok(())
                } else {
                    array.element(&mut out, &text)
                }
            })?;
            if !single {
                array.end(&mut out)?;
            }
            failed
        }
        Format::Markdown => {
            let mut first = true;
            load_each(paths, limits, err, err_colour, |doc| {
                if !first {
                    out.write_all(b"\n---\n\n")?;
                }
                first = false;
                if options.front_matter {
                    out.write_all(markdown::front_matter(&doc.briefing)?.as_bytes())?;
                }
                out.write_all(markdown::markdown(&doc.briefing, &doc.relations).as_bytes())
            })?
        }
        Format::Claimreview => {
            let mut array = ArrayWriter { written: 0 };
            let failed = load_each(paths, limits, err, err_colour, |doc| {
                let file = doc.path.as_deref().and_then(file_url);
                let reviews = claimreview::reviews(&doc.briefing, &doc.relations, file.as_deref());
                for review in reviews {
                    array.element(&mut out, &pretty(&review)?)?;
                }
                Ok(())
            })?;
            array.end(&mut out)?;
            failed
        }
        Format::Argdown => {
            let mut first = true;
            load_each(paths, limits, err, err_colour, |doc| {
                if !first {
                    out.write_all(b"\n")?;
                }
                first = false;
                out.write_all(argdown::argdown(&doc.briefing, &doc.relations).as_bytes())
            })?
        }
        Format::Csl => {
            let mut array = ArrayWriter { written: 0 };
            let mut ids = csl::Ids::default();
            let failed = load_each(paths, limits, err, err_colour, |doc| {
                for item in csl::items(&doc.briefing, &mut ids) {
                    array.element(&mut out, &pretty(&item)?)?;
                }
                Ok(())
            })?;
            array.end(&mut out)?;
            failed
        }
        Format::Atom => {
            let mut feed = atom::FeedWriter::new(paths);
            let failed = load_each(paths, limits, err, err_colour, |doc| {
                feed.add(&doc);
                Ok(())
            })?;
            feed.write(&mut out)?;
            failed
        }
    };
    out.flush()?;
    Ok(failed)
}

/// What a `file:` URL must percent-encode in a path besides controls and non-ASCII bytes: what
/// RFC 3986 does not allow in a path segment, and `%` itself.
const PATH_UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'\'')
    .add(b';')
    .add(b'=');

/// The `file:` URL of a file, from its absolute path (made absolute from the working folder when
/// it is relative; symlinks are left as named), every byte outside the unreserved set
/// percent-encoded. None when the working folder cannot be known.
pub fn file_url(path: &std::path::Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    #[cfg(unix)]
    let bytes: Vec<u8> = {
        use std::os::unix::ffi::OsStrExt;
        absolute.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes: Vec<u8> = absolute.to_string_lossy().replace('\\', "/").into_bytes();
    let encoded = percent_encoding::percent_encode(&bytes, PATH_UNSAFE).to_string();
    let slash = if encoded.starts_with('/') { "" } else { "/" };
    Some(format!("file://{slash}{encoded}"))
}

/// [`markdown::markdown`], for `export --notes`.
pub(crate) fn markdown_of(b: &Briefing, rel: &Relations) -> String {
    markdown::markdown(b, rel)
}

/// One briefing as pretty-printed JSON (no trailing newline).
pub fn to_json(b: &Briefing) -> io::Result<String> {
    let rel = Relations::derive(b);
    json::text(b, &rel, None)
}

pub(crate) fn pretty(value: &impl Serialize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    Ok(escape_invisible(&text).into_owned())
}

/// Rewrites the characters [`crate::text::sanitize`] would replace (and serde_json leaves raw)
/// as `\uXXXX` escapes. They can only occur inside strings, where the escape means the same.
/// Characters beyond the Basic Multilingual Plane stay raw: their escape is a UTF-16 surrogate
/// pair, which JSON allows and YAML does not, and the export must load again as a briefing.
fn escape_invisible(json: &str) -> Cow<'_, str> {
    if matches!(crate::text::sanitize(json), Cow::Borrowed(_)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut buf = [0u8; 4];
    for c in json.chars() {
        let unsafe_char = !c.is_ascii_graphic()
            && c != ' '
            && c != '\n'
            && c <= '\u{ffff}'
            && matches!(
                crate::text::sanitize(c.encode_utf8(&mut buf)),
                Cow::Owned(_)
            );
        if unsafe_char {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_escaped_in_json() {
        let s = serde_json::to_string(&"a\u{9b}b\u{202e}c\u{7f}é\u{1b}").unwrap_or_default();
        let e = escape_invisible(&s);
        assert_eq!(e, r#""a\u009bb\u202ec\u007fé\u001b""#);
        let back: String = serde_json::from_str(&e).unwrap_or_default();
        assert_eq!(back, "a\u{9b}b\u{202e}c\u{7f}é\u{1b}");
    }

    #[test]
    fn characters_beyond_the_bmp_stay_raw_so_yaml_reads_them() {
        let s = serde_json::to_string(&"x\u{e0041}y").unwrap_or_default();
        let e = escape_invisible(&s);
        assert_eq!(e, "\"x\u{e0041}y\"");
        let back: String = serde_yaml::from_str(&e).unwrap_or_default();
        assert_eq!(back, "x\u{e0041}y");
    }
}
