//! Entry point: parse the command line, dispatch, map the outcome to an exit status.
//!
//! Exit status: 0 success (a closed output pipe counts as success), 1 a briefing has errors or
//! could not be read, 2 usage error (from clap).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use std::path::PathBuf;

use brief::app::shell::Shell;
use brief::briefing::files::{expand, Found};
use brief::briefing::{load_path, Report};
use brief::cli::{Cli, Command};
use brief::cmd;
use brief::loader::Loader;
use brief::open::{default_paths, open_bundled};
use brief::tui::Services;
use brief::watch::Watch;
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
        Some(Command::Print { paths, width }) => {
            let width = cmd::print::output_width(width.map(usize::from));
            let mut out = std::io::stdout().lock();
            let failed =
                cmd::print::print_paths(&paths, width, max_size, &mut out, cmd::stdout_colour())?;
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Export { format, paths }) => {
            let mut out = std::io::stdout().lock();
            let failed = cmd::export::export_paths(&paths, format, max_size, &mut out)?;
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Schema) => {
            let mut out = std::io::stdout().lock();
            cmd::schema::write(&mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            brief::cli::write_completions(shell, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        None => open(&cli.open.paths, max_size),
    }
}

/// `brief [PATH...]`: the reader on a terminal; the plain text of `brief print` in a pipe.
fn open(paths: &[PathBuf], max_size: u64) -> anyhow::Result<ExitCode> {
    if !std::io::stdout().is_terminal() {
        return print_instead(paths, max_size);
    }
    let (watched, found) = if paths.is_empty() {
        match default_paths() {
            Some(p) => (p.clone(), expand(&p)),
            None => {
                // No files at all: the examples built into the binary.
                require_terminal()?;
                let services = Services {
                    loader: Loader::new(1, max_size),
                    watch: None,
                };
                brief::tui::run(|size| Shell::preloaded(open_bundled(), size), services)?;
                return Ok(ExitCode::SUCCESS);
            }
        }
    } else {
        (paths.to_vec(), expand(paths))
    };
    let files: Vec<PathBuf> = found
        .iter()
        .filter_map(|f| {
            if let Found::File(p) = f {
                Some(p.clone())
            } else {
                None
            }
        })
        .collect();
    let problems: Vec<(PathBuf, String)> = found
        .into_iter()
        .filter_map(|f| {
            if let Found::Problem(p, why) = f {
                Some((p, why))
            } else {
                None
            }
        })
        .collect();

    if files.len() == 1 && problems.is_empty() {
        // One briefing: straight into the reader, or its diagnostics and status 1.
        match load_path(
            files
                .first()
                .map_or(std::path::Path::new(""), |p| p.as_path()),
            max_size,
        ) {
            Ok(doc) => {
                require_terminal()?;
                let services = Services {
                    loader: Loader::new(1, max_size),
                    watch: Watch::new(&watched),
                };
                brief::tui::run(|size| Shell::single(doc, size), services)?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(failure) => {
                let mut err = std::io::stderr().lock();
                let colour = cmd::use_colour(std::io::stderr().is_terminal());
                for line in failure.lines(false) {
                    cmd::check::write_line(&mut err, &line, colour)?;
                }
                return Ok(ExitCode::from(1));
            }
        }
    }
    if files.is_empty() {
        let mut err = std::io::stderr().lock();
        for (path, why) in &problems {
            writeln!(
                err,
                "{}: error: {}",
                brief::text::sanitize_line(&path.display().to_string()),
                why
            )?;
        }
        return Ok(ExitCode::from(1));
    }
    require_terminal()?;
    let services = Services {
        loader: Loader::per_core(max_size),
        watch: Watch::new(&watched),
    };
    brief::tui::run(
        |size| {
            let mut shell = Shell::new(files, size);
            for (path, why) in problems {
                shell.on_loaded(Err(Report::problem(path, why)));
            }
            shell
        },
        services,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `brief x.yaml | less` just works: without a terminal, print what the reader would show.
fn print_instead(paths: &[PathBuf], max_size: u64) -> anyhow::Result<ExitCode> {
    let width = cmd::print::output_width(None);
    let mut out = std::io::stdout().lock();
    let paths = if paths.is_empty() {
        default_paths()
    } else {
        Some(paths.to_vec())
    };
    let failed = match paths {
        Some(p) => cmd::print::print_paths(&p, width, max_size, &mut out, false)?,
        None => {
            for (i, (_, text)) in brief::bundled::BUNDLED.iter().enumerate() {
                if let Ok(l) = brief::briefing::load_str(text) {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    cmd::print::write_briefing(&mut out, &l.briefing, width, false)?;
                }
            }
            false
        }
    };
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn require_terminal() -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal; use `brief check` or run in a terminal");
    }
    Ok(())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
