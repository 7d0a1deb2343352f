//! Entry point: parse the command line, dispatch, map the outcome to an exit status.
//!
//! Exit status: 0 success (a closed output pipe counts as success), 1 a briefing has errors or
//! could not be read, 2 usage error (from clap).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use brief::app::App;
use brief::cli::{Cli, Command};
use brief::cmd;
use brief::open::{default_paths, open_bundled, open_paths, Opened};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "brief: {}",
                brief::text::sanitize_line(&format!("{e:#}"))
            );
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let max_size = cli.open.limits.max_size;
    match cli.command {
        Some(Command::Check { paths, short }) => {
            let mut out = std::io::stdout().lock();
            let failed = cmd::check::run(&paths, short, max_size, &mut out, cmd::stdout_colour())?;
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        None => open(&cli.open.paths, max_size),
    }
}

/// `brief [PATH...]`: the reader on a terminal.
fn open(paths: &[std::path::PathBuf], max_size: u64) -> anyhow::Result<ExitCode> {
    let opened = if paths.is_empty() {
        match default_paths() {
            Some(p) => open_paths(&p, max_size),
            None => open_bundled(),
        }
    } else {
        open_paths(paths, max_size)
    };
    let mut failed = false;
    let mut first = None;
    {
        let mut err = std::io::stderr().lock();
        for o in opened {
            match o {
                Opened::Doc(d) => {
                    if first.is_none() {
                        first = Some(d);
                    }
                }
                Opened::Failed {
                    path,
                    source,
                    diagnostics,
                } => {
                    failed = true;
                    let shown = path.display().to_string();
                    for d in &diagnostics {
                        cmd::check::write_diagnostic(
                            &mut err,
                            &shown,
                            source.as_deref(),
                            d,
                            false,
                            cmd::use_colour(std::io::stderr().is_terminal()),
                        )?;
                    }
                }
            }
        }
    }
    let Some(doc) = first else {
        return Ok(ExitCode::from(1));
    };
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal; use `brief check` or run in a terminal");
    }
    brief::tui::run(|size| App::new(doc, size))?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
