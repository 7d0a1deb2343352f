//! Entry point: parse the command line, dispatch, map the outcome to an exit status.
//!
//! Exit status: 0 success (a closed output pipe counts as success), 1 a briefing has errors or
//! could not be read, 2 usage error (from clap).

use std::io::Write;
use std::process::ExitCode;

use brief::cli::{Cli, Command};
use brief::cmd;
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
        None => {
            let mut out = std::io::stdout().lock();
            let failed = cmd::check::run(
                &cli.open.paths,
                false,
                max_size,
                &mut out,
                cmd::stdout_colour(),
            )?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
