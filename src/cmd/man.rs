//! `brief man`: the manual page, roff on stdout (`brief man | man -l -`, or
//! `brief man > ~/.local/share/man/man1/brief.1`). One page for the whole program, as git's and
//! cargo's overviews are not: every subcommand (and theirs: `brief notes export`) gets a section
//! of its own with its synopsis, description and options, so `/check` in the pager finds it.
//!
//! Rendered by clap_mangen from the same clap types as `--help`, so the two cannot drift.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::Man;

/// Writes the page.
pub fn write(out: &mut impl Write) -> io::Result<()> {
    let mut cmd = crate::cli::Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = Man::new(cmd.clone()).manual("brief manual");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    for sub in cmd.get_subcommands() {
        subcommand(&mut page, sub, "brief")?;
    }
    man.render_extra_section(&mut page)?;
    man.render_version_section(&mut page)?;
    out.write_all(&page)
}

/// A section for `sub` of `parent` (`brief notes`), and one for each of its own subcommands.
fn subcommand(page: &mut Vec<u8>, sub: &clap::Command, parent: &str) -> io::Result<()> {
    if sub.is_hide_set() {
        return Ok(());
    }
    let name = format!("{parent} {}", sub.get_name());
    writeln!(page, ".SH \"{}\"", name.to_uppercase())?;
    let man = Man::new(sub.clone().bin_name(&name));
    let mut part = Vec::new();
    man.render_synopsis_section(&mut part)?;
    man.render_description_section(&mut part)?;
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut part)?;
    }
    if sub.get_after_help().is_some() || sub.get_after_long_help().is_some() {
        man.render_extra_section(&mut part)?;
    }
    // Its sections are subsections of this one.
    let text = String::from_utf8_lossy(&part).replace("\n.SH ", "\n.SS ");
    let text = text
        .strip_prefix(".SH ")
        .map_or(text.clone(), |t| format!(".SS {t}"));
    page.extend_from_slice(text.as_bytes());
    for s in sub.get_subcommands() {
        subcommand(page, s, &name)?;
    }
    Ok(())
}
