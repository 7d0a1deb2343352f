//! `brief print`: a briefing as plain text for pipes, pagers and printers.
//!
//! A title block (title, date, tags, summary), then Claims, Responses, Context, Contradictions
//! (each pair with its note, and the figures its two texts give in conflict and in agreement, as
//! the reader marks them), Judgments (when there are any) and Sources, every line wrapped to the output width. Every string from the briefing passes
//! through [`crate::text::wrap`] (which sanitises), so no byte of a file reaches the terminal
//! as a control sequence; colour is added only when the caller says so.
//!
//! Also home to [`load_each`], the loading loop `print` and `export` share.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::Limits;

use crate::briefing::compare::{compare_items, WordWeights};
use crate::briefing::describe;
use crate::briefing::document::{load_found, Document};
use crate::briefing::files::expand;
use crate::briefing::model::{Briefing, Item, ItemRef, Section};
use crate::briefing::relations::{PairKind, Relations};
use crate::cmd::check::write_line;
use crate::text::{self, wrap};

/// The narrowest output `print` lays out (`--width` refuses less).
pub const MIN_WIDTH: usize = 20;
/// The width used when stdout is not a terminal.
pub const PIPE_WIDTH: usize = 80;
/// Indentation of an item's text and metadata under its heading line.
const INDENT: usize = 4;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// The width to wrap at: `requested` (`--width`), else the terminal's width when stdout is a
/// terminal, else [`PIPE_WIDTH`]. Never less than [`MIN_WIDTH`].
pub fn output_width(requested: Option<usize>) -> usize {
    if let Some(w) = requested {
        return w.max(MIN_WIDTH);
    }
    if io::stdout().is_terminal() {
        if let Ok((cols, _)) = ratatui::crossterm::terminal::size() {
            if cols > 0 {
                return usize::from(cols).max(MIN_WIDTH);
            }
        }
    }
    PIPE_WIDTH
}

/// Prints every briefing `paths` names (files, or folders of `*.yaml`) to `out`, wrapped at
/// `width` cells, with ANSI colour when `colour`. A file that does not load has its diagnostics
/// written to stderr (`path:line:col: error: message`) and the others are still printed.
/// Returns whether any file failed (exit status 1). I/O errors on `out` (a closed pipe) are
/// returned, so the caller can treat a broken pipe as success.
pub fn print_paths(
    paths: &[PathBuf],
    width: usize,
    limits: Limits,
    out: &mut impl Write,
    look: Look,
) -> io::Result<bool> {
    let stderr = io::stderr();
    let err_colour = super::use_colour(stderr.is_terminal());
    print_paths_to(
        paths,
        width,
        limits,
        out,
        look,
        &mut stderr.lock(),
        err_colour,
    )
}

/// How the text is written: with ANSI colour, and with right-to-left lines in display order
/// (for a terminal that does no bidi of its own; a pipe keeps the logical order).
#[derive(Debug, Clone, Copy, Default)]
pub struct Look {
    pub colour: bool,
    pub reorder: bool,
}

/// [`print_paths`] with the diagnostics stream given, for tests.
pub fn print_paths_to(
    paths: &[PathBuf],
    width: usize,
    limits: Limits,
    out: &mut impl Write,
    look: Look,
    err: &mut impl Write,
    err_colour: bool,
) -> io::Result<bool> {
    // Stdout is line-buffered; a briefing is many lines.
    let mut out = io::BufWriter::new(out);
    let mut first = true;
    let failed = load_each(paths, limits, err, err_colour, |doc| {
        if !first {
            writeln!(out)?;
        }
        first = false;
        write_with(&mut out, &doc.briefing, &doc.relations, width, look)
    })?;
    out.flush()?;
    Ok(failed)
}

/// Loads each briefing `paths` names, in order, and hands it to `each`. A file that fails to
/// load has its errors written to `err` (its warnings only explain nothing) and is skipped.
/// Returns whether any file failed.
pub fn load_each(
    paths: &[PathBuf],
    limits: Limits,
    err: &mut impl Write,
    err_colour: bool,
    mut each: impl FnMut(Box<Document>) -> io::Result<()>,
) -> io::Result<bool> {
    let mut failed = false;
    for found in expand(paths, limits.follow) {
        match load_found(found, limits.max_size) {
            Ok(doc) => each(doc)?,
            Err(mut failure) => {
                failed = true;
                failure.diagnostics.retain(|d| d.is_error());
                for line in failure.lines(false) {
                    write_line(err, &line, err_colour)?;
                }
            }
        }
    }
    Ok(failed)
}

/// Writes one briefing as text, wrapped at `width` (at least [`MIN_WIDTH`]).
pub fn write_briefing(
    out: &mut impl Write,
    b: &Briefing,
    width: usize,
    colour: bool,
) -> io::Result<()> {
    let look = Look {
        colour,
        reorder: false,
    };
    write_briefing_as(out, b, width, look)
}

/// [`write_briefing`] with right-to-left lines laid out when `look` says so.
pub fn write_briefing_as(
    out: &mut impl Write,
    b: &Briefing,
    width: usize,
    look: Look,
) -> io::Result<()> {
    write_with(out, b, &Relations::derive(b), width, look)
}

/// [`write_briefing`] with the relations already derived.
fn write_with(
    out: &mut impl Write,
    b: &Briefing,
    rel: &Relations,
    width: usize,
    look: Look,
) -> io::Result<()> {
    let mut p = Printer {
        out,
        width: width.max(MIN_WIDTH),
        colour: look.colour,
        reorder: look.reorder,
    };
    p.title_block(b)?;
    for section in Section::ALL {
        p.heading(section.title(), b.section(section).len())?;
        if b.section(section).is_empty() {
            p.line(0, "(none)", None)?;
        }
        for (index, item) in b.section(section).iter().enumerate() {
            p.blank()?;
            p.item(b, rel, ItemRef::new(section, index), item)?;
        }
    }
    p.contradictions(b, rel)?;
    p.judgments(b)?;
    p.sources(b)
}

struct Printer<'w, W: Write> {
    out: &'w mut W,
    width: usize,
    colour: bool,
    reorder: bool,
}

impl<W: Write> Printer<'_, W> {
    fn paint(&self, s: &str, style: &str) -> String {
        if self.colour && !s.is_empty() {
            format!("{style}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    /// `text` wrapped to `width`, in display order when the output is a terminal that wants it.
    fn fit(&self, text: &str, width: usize) -> Vec<String> {
        let lines = fit(text, width);
        if !self.reorder {
            lines
        } else if text.contains(" · ") {
            // A line brief composes (`id · source · date · status`): its fields keep their
            // places, each laid out as its script reads.
            lines
                .iter()
                .map(|l| text::bidi::visual(l).into_owned())
                .collect()
        } else {
            text::bidi::display_lines(text, lines, width)
        }
    }

    fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// Writes `text` wrapped at the width less `indent`, each line indented, in `style`.
    fn line(&mut self, indent: usize, text: &str, style: Option<&str>) -> io::Result<()> {
        for l in self.fit(text, self.width.saturating_sub(indent)) {
            if l.is_empty() {
                writeln!(self.out)?;
                continue;
            }
            let shown = match style {
                Some(style) => self.paint(&l, style),
                None => l,
            };
            writeln!(self.out, "{:indent$}{shown}", "")?;
        }
        Ok(())
    }

    /// `label: value`, wrapped with hanging lines, the label dimmed on a terminal.
    fn field(&mut self, label: &str, value: &str) -> io::Result<()> {
        let lines = self.fit(&format!("{label}: {value}"), self.width - INDENT);
        for (i, l) in lines.iter().enumerate() {
            let shown = match l.strip_prefix(label) {
                Some(rest) if i == 0 => format!("{}{rest}", self.paint(label, DIM)),
                _ => l.clone(),
            };
            writeln!(self.out, "{:INDENT$}{shown}", "")?;
        }
        Ok(())
    }

    fn underlined(&mut self, text: &str, rule: char) -> io::Result<()> {
        let lines = self.fit(text, self.width);
        let long = lines.iter().map(|l| text::width(l)).max().unwrap_or(0);
        for l in &lines {
            let shown = self.paint(l, BOLD);
            writeln!(self.out, "{shown}")?;
        }
        writeln!(self.out, "{}", rule.to_string().repeat(long.max(1)))
    }

    fn heading(&mut self, title: &str, count: usize) -> io::Result<()> {
        self.blank()?;
        self.underlined(&format!("{title} ({count})"), '-')
    }

    fn title_block(&mut self, b: &Briefing) -> io::Result<()> {
        self.underlined(&b.title, '=')?;
        let mut meta = b.date.to_string();
        if !b.tags.is_empty() {
            meta.push_str(" · tags: ");
            meta.push_str(&b.tags.join(", "));
        }
        self.line(0, &meta, None)?;
        if let Some(summary) = &b.summary {
            self.blank()?;
            self.line(0, summary, None)?;
        }
        Ok(())
    }

    fn item(&mut self, b: &Briefing, rel: &Relations, at: ItemRef, item: &Item) -> io::Result<()> {
        let mut head = vec![item.id.clone()];
        head.extend(b.source_name(item).map(str::to_string));
        head.extend(item.date.map(|d| d.to_string()));
        head.extend(item.status.map(|s| s.word().to_string()));
        head.extend(item.stance.map(|s| s.word().to_string()));
        self.line(0, &head.join(" · "), Some(CYAN))?;
        self.line(INDENT, &item.text, None)?;

        let chain = crate::briefing::provenance::chain_names(b, item);
        if !chain.is_empty() {
            self.field("via", &chain.join(" ← "))?;
        }
        if let Some(a) = &item.attribution {
            self.field("attribution", a)?;
        }
        if let Some(q) = &item.quote {
            self.field("quote", &format!("“{q}”"))?;
        }
        if let Some(c) = item.credibility {
            self.field("credibility", &describe::credibility(c))?;
        }
        if let Some(u) = &item.url {
            self.field("url", u)?;
        }
        let id_of = |r: ItemRef| b.item(r).map_or("?", |i| i.id.as_str());
        match at.section {
            Section::Claims => {
                let answers: Vec<String> = rel
                    .answers(at.index)
                    .map(|r| match b.item(r).and_then(|i| i.stance) {
                        Some(s) => format!("{} ({})", id_of(r), s.word()),
                        None => id_of(r).to_string(),
                    })
                    .collect();
                if !answers.is_empty() {
                    self.field("answered by", &answers.join(", "))?;
                }
            }
            Section::Responses => {
                let answered: Vec<&str> = rel.answered(at.index).map(id_of).collect();
                if !answered.is_empty() {
                    self.field("responds to", &answered.join(", "))?;
                }
            }
            Section::Context => {}
        }
        let others: Vec<&str> = rel
            .pairs_of(at)
            .iter()
            .filter_map(|&i| rel.pairs.get(i as usize))
            .filter_map(|p| p.other(at))
            .map(id_of)
            .collect();
        if !others.is_empty() {
            self.field("contradicts", &others.join(", "))?;
        }
        Ok(())
    }

    fn contradictions(&mut self, b: &Briefing, rel: &Relations) -> io::Result<()> {
        self.heading("Contradictions", rel.pairs.len())?;
        if rel.pairs.is_empty() {
            self.line(0, "(none)", None)?;
        }
        let id_of = |r: ItemRef| b.item(r).map_or("?", |i| i.id.as_str());
        for pair in &rel.pairs {
            self.blank()?;
            let kind = match (pair.kind, pair.stance) {
                (PairKind::Implied, Some(s)) => format!("implied: {}", s.word()),
                (kind, _) => kind.word().to_string(),
            };
            let head = format!("{} ↔ {} · {kind}", id_of(pair.left), id_of(pair.right));
            self.line(0, &head, Some(CYAN))?;
            if let Some(note) = &pair.note {
                self.line(INDENT, note, None)?;
            }
            // The figures in words, as the reader marks them; no shared words, so no weights.
            let c = compare_items(b, pair.left, pair.right, &WordWeights::default());
            let conflicts: Vec<String> = c.conflicts.iter().map(|c| c.line()).collect();
            if !conflicts.is_empty() {
                self.field("figures in conflict", &conflicts.join("; "))?;
            }
            let agreements = c.agreements();
            if !agreements.is_empty() {
                self.field("figures in agreement", &agreements.join(", "))?;
            }
        }
        Ok(())
    }

    /// The key judgments, when there are any: odds, text, what each rests on and what speaks
    /// against it, its assumptions.
    fn judgments(&mut self, b: &Briefing) -> io::Result<()> {
        if b.judgments.is_empty() {
            return Ok(());
        }
        self.heading("Judgments", b.judgments.len())?;
        for j in &b.judgments {
            self.blank()?;
            let mut head = vec![j.id.clone()];
            head.extend(
                j.likelihood
                    .map(|l| format!("{} ({})", l.phrase(), l.band())),
            );
            head.extend(j.confidence.map(|c| format!("{} confidence", c.word())));
            self.line(0, &head.join(" · "), Some(CYAN))?;
            self.line(INDENT, &j.text, None)?;
            if !j.rests_on.is_empty() {
                self.field("rests on", &j.rests_on.join(", "))?;
            }
            if !j.against.is_empty() {
                self.field("against", &j.against.join(", "))?;
            }
            for a in &j.assumptions {
                self.field("assumes", a)?;
            }
        }
        Ok(())
    }

    fn sources(&mut self, b: &Briefing) -> io::Result<()> {
        if b.sources.is_empty() {
            return Ok(());
        }
        self.heading("Sources", b.sources.len())?;
        for s in &b.sources {
            self.blank()?;
            let mut head = vec![s.id.clone(), s.name.clone()];
            head.extend(s.kind.map(|k| k.word().to_string()));
            self.line(0, &head.join(" · "), Some(CYAN))?;
            if let Some(r) = s.reliability {
                self.field("reliability", &describe::reliability_value(r))?;
            }
            if let Some(i) = s.interest {
                self.field("interest", &describe::interest_value(i))?;
            }
            if let Some(u) = &s.url {
                self.field("url", u)?;
            }
        }
        Ok(())
    }
}

/// [`wrap`], with every line at most `width` cells as [`text::width`] counts them. The wrapper
/// measures some emoji sequences (`⛴️`, with its variation selector) a cell narrower than
/// terminals show them; a line that comes out too wide is wrapped again, tighter.
fn fit(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in wrap(text, width) {
        let mut tighter = width;
        let mut parts = vec![line.clone()];
        while tighter > 1 && parts.iter().any(|l| text::width(l) > width) {
            tighter -= 1;
            parts = wrap(&line, tighter);
        }
        out.extend(parts);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_lines_within_the_width_with_emoji_sequences() {
        let text = "ferry ⛴\u{fe0f} ⛴\u{fe0f} ⛴\u{fe0f} ⛴\u{fe0f} ⛴\u{fe0f} ⛴\u{fe0f} ⛴\u{fe0f} ⛴\u{fe0f} ⛴\u{fe0f}";
        for width in [5, 9, 10, 11, 20] {
            let lines = fit(text, width);
            assert!(
                lines.iter().all(|l| text::width(l) <= width),
                "{width}: {lines:?}"
            );
            assert_eq!(lines.concat().matches('⛴').count(), 9);
        }
    }
}
