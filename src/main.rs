//! Entry point: parse the command line, dispatch, map the outcome to an exit status.
//!
//! Exit status: 0 success (a closed output pipe counts as success), 1 a briefing has errors or
//! could not be read, 2 usage error (from clap) or a config file that cannot be used.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use std::path::PathBuf;

use brief::app::library::Sort;
use brief::app::shell::Shell;
use brief::briefing::files::{expand, Found};
use brief::briefing::{load_path, Report};
use brief::cli::{
    BidiMode, Cli, ColorWhen, Command, ConfigCommand, DiffFormat, Format, ImportCommand, Limits,
    Look, NotesCommand, StateArgs, ThemeName,
};
use brief::cmd;
use brief::config::{self, Config};
use brief::loader::Loader;
use brief::open::{default_paths, open_bundled};
use brief::state::index::{Index, Reader as IndexReader};
use brief::state::{Store, Unavailable};
use brief::text::bidi::Bidi;
use brief::tui::Services;
use brief::ui::theme::{self, Choice};
use brief::watch::Watch;
use clap::Parser;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
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

/// `--bidi` over `BRIEF_BIDI` (over the config file's `bidi`, for the reader). An unknown
/// `BRIEF_BIDI` is an error, like an unknown `--bidi`.
fn bidi_choice(flag: Option<BidiMode>) -> Result<Option<Bidi>, String> {
    if let Some(f) = flag {
        return Ok(Some(match f {
            BidiMode::Reorder => Bidi::Reorder,
            BidiMode::Off => Bidi::Off,
        }));
    }
    match std::env::var("BRIEF_BIDI") {
        Ok(v) if !v.is_empty() => Bidi::parse(&v).map(Some).ok_or_else(|| {
            format!(
                "BRIEF_BIDI: unknown bidi mode `{}`; expected one of: {}",
                brief::text::sanitize_line(&v),
                Bidi::NAMES.join(", ")
            )
        }),
        _ => Ok(None),
    }
}

/// A usage error quotes the command line, and a file name can hold anything (`brief check *`
/// over a file named `--\e]0;TITLE\a.yaml` set the window title): it is printed through the
/// same sanitiser as everything else, without clap's colours. Help and version, which quote
/// nothing, are printed by clap as they are.
fn usage_error(e: &clap::Error) -> ExitCode {
    if !e.use_stderr() {
        e.exit();
    }
    // Rendered again without styles: clap's plain rendering strips every escape sequence, the
    // file name's included, and would show `--\e]0;X\a.yaml` as `--.yaml`.
    use clap::CommandFactory;
    let plain = Cli::command()
        .color(clap::ColorChoice::Never)
        .styles(clap::builder::Styles::plain())
        .try_get_matches()
        .err();
    let text = plain.as_ref().unwrap_or(e).render().ansi().to_string();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(brief::text::sanitize(&text).as_bytes());
    let _ = err.flush();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let limits = cli.open.limits;
    let bidi = match bidi_choice(cli.bidi) {
        Ok(b) => b,
        Err(why) => {
            writeln!(std::io::stderr().lock(), "brief: {why}")?;
            return Ok(ExitCode::from(2));
        }
    };
    if cli.command.is_some() {
        brief::text::bidi::set(bidi.unwrap_or_default());
    }
    match cli.command {
        Some(Command::Config { command }) => config_command(command, cli.config.as_deref()),
        Some(Command::Check {
            paths,
            short,
            for_format,
            jobs,
        }) => {
            let mut out = std::io::stdout().lock();
            let failed = cmd::check::run_for(
                &paths,
                short,
                for_format,
                limits,
                jobs.map_or_else(cmd::check::default_jobs, usize::from),
                &mut out,
                cmd::stdout_colour(),
            )?;
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Print {
            paths,
            width,
            notes,
        }) => {
            let width = cmd::print::output_width(width.map(usize::from));
            let mut out = std::io::stdout().lock();
            let look = cmd::print::Look {
                colour: cmd::stdout_colour(),
                reorder: std::io::stdout().is_terminal(),
            };
            let failed = if notes {
                let store = store_for_command(&cli.state)?;
                cmd::notes::print_paths(&paths, width, limits, &mut out, look, store.as_ref())?
            } else {
                cmd::print::print_paths(&paths, width, limits, &mut out, look)?
            };
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Export {
            format,
            paths,
            notes,
            front_matter,
        }) => {
            let usage = if notes && !matches!(format, Format::Json | Format::Markdown) {
                Some("--notes goes with --format json or markdown")
            } else if front_matter && (format != Format::Markdown || notes) {
                Some("--front-matter goes with --format markdown (and without --notes)")
            } else {
                None
            };
            if let Some(why) = usage {
                writeln!(std::io::stderr().lock(), "brief: {why}")?;
                return Ok(ExitCode::from(2));
            }
            let mut out = std::io::stdout().lock();
            let failed = if notes {
                let store = store_for_command(&cli.state)?;
                cmd::notes::export_paths(&paths, format, limits, &mut out, store.as_ref())?
            } else {
                let options = cmd::export::Options {
                    format,
                    front_matter,
                };
                cmd::export::export_paths(&paths, options, limits, &mut out)?
            };
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Diff {
            old,
            new,
            since_read,
            format,
            color,
        }) => diff_command(
            old.as_deref(),
            new.as_deref(),
            since_read.as_deref(),
            format,
            color,
            &cli.state,
            limits.max_size,
        ),
        Some(Command::Notes { command }) => {
            let Some(mut store) = store_for_command(&cli.state)? else {
                anyhow::bail!("--no-state: there are no notes to read or write");
            };
            match command {
                NotesCommand::Export => {
                    let mut out = std::io::stdout().lock();
                    cmd::notes::export(&store, &mut out)?;
                    out.flush()?;
                }
                NotesCommand::Import { file } => {
                    let n = cmd::notes::import(&mut store, &file)?;
                    writeln!(
                        std::io::stderr().lock(),
                        "imported {}",
                        brief::text::count(n, "note")
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import { command }) => match command {
            ImportCommand::Factcheck { file } => {
                let mut out = std::io::stdout().lock();
                let mut err = std::io::stderr().lock();
                let ok = cmd::import::factcheck(&file, limits.max_size, &mut out, &mut err)?;
                out.flush()?;
                Ok(if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                })
            }
        },
        Some(Command::Schema { export }) => {
            let mut out = std::io::stdout().lock();
            if export {
                cmd::schema::write_value(&mut out, cmd::export::json::schema())?;
            } else {
                cmd::schema::write(&mut out)?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::New { title, schema }) => {
            let schema = schema.unwrap_or_else(cmd::new::default_schema);
            let mut out = std::io::stdout().lock();
            cmd::new::write(&mut out, title.as_deref(), cmd::new::today(), &schema)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            cmd::man::write(&mut out)?;
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
            let config = match config::load(cli.config.as_deref()) {
                Ok(found) => found.map(|(_, c)| c).unwrap_or_default(),
                Err(report) => {
                    write_report(&mut std::io::stderr().lock(), &report, stderr_colour())?;
                    return Ok(ExitCode::from(2));
                }
            };
            brief::text::bidi::set(bidi.or(config.bidi).unwrap_or_default());
            let reader = match Reader::new(&cli.open.look, &config) {
                Ok(r) => r,
                Err(why) => {
                    writeln!(std::io::stderr().lock(), "brief: {why}")?;
                    return Ok(ExitCode::from(2));
                }
            };
            let paths = if cli.open.paths.is_empty() {
                config.paths.clone()
            } else {
                cli.open.paths.clone()
            };
            let reader = Reader {
                state: cli.state.clone(),
                ..reader
            };
            open(&paths, limits, &reader)
        }
    }
}

/// Where the library's index is: None with `--no-index` or nowhere to put it.
fn index_path(args: &StateArgs) -> Option<std::path::PathBuf> {
    if args.no_index {
        return None;
    }
    brief::state::index::default_path()
}

/// The state store for a subcommand: None with `--no-state`; an error when it cannot be used.
fn store_for_command(args: &StateArgs) -> anyhow::Result<Option<Store>> {
    match open_store(args) {
        Ok(store) => Ok(store),
        Err(why) => anyhow::bail!("{}", why.0),
    }
}

/// The state store `--state` / `BRIEF_STATE` / the usual place names; None with `--no-state`.
fn open_store(args: &StateArgs) -> Result<Option<Store>, Unavailable> {
    if args.no_state {
        return Ok(None);
    }
    let Some(path) = brief::state::default_path(args.path.as_deref()) else {
        return Err(Unavailable(
            "state not kept: set XDG_STATE_HOME or HOME, or give --state PATH".into(),
        ));
    };
    Store::open(&path).map(Some)
}

/// `brief diff`: exit 0 when the two are the same, 1 when they differ, 2 on trouble.
fn diff_command(
    old: Option<&std::path::Path>,
    new: Option<&std::path::Path>,
    since_read: Option<&std::path::Path>,
    format: DiffFormat,
    color: ColorWhen,
    state: &StateArgs,
    max_size: u64,
) -> anyhow::Result<ExitCode> {
    use brief::briefing::diff::Snapshot;
    use cmd::diff::{read_side, Output, Trouble};
    let trouble = |t: Trouble| -> anyhow::Result<ExitCode> {
        let mut err = std::io::stderr().lock();
        match t {
            Trouble::Load(report) => {
                for line in report.lines(false) {
                    cmd::check::write_line(&mut err, &line, stderr_colour())?;
                }
            }
            Trouble::Other(why) => writeln!(err, "brief: {why}")?,
        }
        Ok(ExitCode::from(2))
    };
    let (old_name, old_snap, new_name, new_snap) = match (old, new, since_read) {
        (_, _, Some(path)) => {
            let doc = match load_path(path, max_size) {
                Ok(d) => d,
                Err(report) => return trouble(Trouble::Load(report)),
            };
            let store = match open_store(state) {
                Ok(Some(s)) => s,
                Ok(None) => {
                    return trouble(Trouble::Other(
                        "--since-read needs the state store; not with --no-state".into(),
                    ))
                }
                Err(why) => return trouble(Trouble::Other(why.0)),
            };
            let seen = match cmd::notes::last_read(&store, &doc) {
                Ok(Some(seen)) => seen,
                Ok(None) => {
                    return trouble(Trouble::Other(format!(
                        "{}: not read in brief yet, so there is nothing to diff against",
                        brief::text::sanitize_line(&path.display().to_string())
                    )))
                }
                Err(e) => return trouble(Trouble::Other(format!("{e:#}"))),
            };
            let name = path.display().to_string();
            (
                format!("last read of {name}"),
                seen,
                name,
                Snapshot::of(&doc.briefing),
            )
        }
        (Some(old), Some(new), None) => {
            let old = match read_side(old, max_size) {
                Ok(s) => s,
                Err(t) => return trouble(t),
            };
            let new = match read_side(new, max_size) {
                Ok(s) => s,
                Err(t) => return trouble(t),
            };
            (
                old.name,
                Snapshot::of(&old.briefing),
                new.name,
                Snapshot::of(&new.briefing),
            )
        }
        _ => {
            return trouble(Trouble::Other(
                "give OLD and NEW, or --since-read PATH".into(),
            ))
        }
    };
    let output = match format {
        DiffFormat::Json => Output::Json,
        DiffFormat::Text => Output::Text {
            colour: match color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => cmd::stdout_colour(),
            },
        },
    };
    let mut out = std::io::stdout().lock();
    let differ = cmd::diff::write(&mut out, &old_name, &old_snap, &new_name, &new_snap, output)?;
    out.flush()?;
    Ok(ExitCode::from(u8::from(differ)))
}

fn stderr_colour() -> bool {
    cmd::use_colour(std::io::stderr().is_terminal())
}

/// A config file's report, as `brief check` writes a briefing's, with the count at the end.
fn write_report(out: &mut impl Write, report: &Report, colour: bool) -> std::io::Result<()> {
    for line in report.lines(false) {
        cmd::check::write_line(out, &line, colour)?;
    }
    let n = report.diagnostics.len();
    writeln!(
        out,
        "{}: {n} error{}; the reader does not start until it is fixed",
        brief::text::sanitize_line(&report.path.display().to_string()),
        if n == 1 { "" } else { "s" }
    )
}

/// `brief config check` and `brief config default`.
fn config_command(
    command: ConfigCommand,
    flag: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match command {
        ConfigCommand::Default => {
            out.write_all(config::default_text().as_bytes())?;
        }
        ConfigCommand::Check { path } => match config::load(path.as_deref().or(flag)) {
            Ok(Some((path, _))) => {
                let shown = brief::text::sanitize_line(&path.display().to_string()).into_owned();
                writeln!(out, "{shown}: ok")?;
            }
            Ok(None) => {
                let place = config::default_path()
                    .map_or("no config file".to_string(), |p| p.display().to_string());
                let place = brief::text::sanitize_line(&place).into_owned();
                writeln!(out, "{place}: no such file; the defaults apply")?;
            }
            Err(report) => {
                write_report(&mut out, &report, cmd::stdout_colour())?;
                out.flush()?;
                return Ok(ExitCode::from(2));
            }
        },
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// How the reader is to run, from the command line, the environment and the config file.
struct Reader {
    theme: Choice,
    colour: bool,
    screen_reader: bool,
    sort: Sort,
    config: Config,
    state: StateArgs,
}

impl Reader {
    /// `--theme` over `BRIEF_THEME` over the file's `theme`, else `auto`; `--color` over
    /// `NO_COLOR`. An unknown `BRIEF_THEME` is an error, like an unknown `--theme`.
    fn new(look: &Look, config: &Config) -> Result<Reader, String> {
        let from_env = match std::env::var("BRIEF_THEME") {
            Ok(v) if !v.is_empty() => Some(Choice::from_name(&v).ok_or_else(|| {
                let names = Choice::ALL.map(Choice::name).join(", ");
                format!(
                    "BRIEF_THEME: unknown theme `{}`; expected one of: {names}",
                    brief::text::sanitize_line(&v)
                )
            })?),
            _ => None,
        };
        let from_flag = look.theme.map(|t| match t {
            ThemeName::Dark => Choice::Dark,
            ThemeName::Light => Choice::Light,
            ThemeName::HighContrast => Choice::HighContrast,
            ThemeName::Auto => Choice::Auto,
        });
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ok(Reader {
            theme: from_flag
                .or(from_env)
                .or(config.theme)
                .unwrap_or(Choice::Auto),
            colour: match look.color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => !no_color,
            },
            screen_reader: look.screen_reader || config.screen_reader,
            sort: config.sort,
            config: config.clone(),
            state: StateArgs::default(),
        })
    }

    /// Installs the keymap and the theme (asking the terminal for its background for `auto`,
    /// before the reader takes it), then runs the reader.
    fn run(
        &self,
        make_shell: impl FnOnce(ratatui::layout::Rect) -> Shell,
        services: Services,
    ) -> anyhow::Result<()> {
        let choice = match self.theme {
            Choice::Auto if self.colour => match brief::tui::light_background() {
                Some(true) => Choice::Light,
                _ => Choice::Dark,
            },
            other => other,
        };
        // crossterm drops every colour by itself when NO_COLOR is set: `--color always` must
        // tell it otherwise (and `never` needs no colour from it either way).
        ratatui::crossterm::style::force_color_output(self.colour);
        // The first reader of the process installs; there is only ever one.
        let _ = brief::app::keymap::install(self.config.keymap());
        let _ = theme::install(theme::Settings {
            theme: self.config.theme(choice, self.colour),
            screen_reader: self.screen_reader,
        });
        brief::tui::set_hyperlinks(self.config.hyperlinks.enabled(|k| std::env::var(k).ok()));
        let sort = self.sort;
        let store = open_store(&self.state);
        brief::tui::run(
            |size| {
                let mut shell = make_shell(size);
                shell.sort_library(sort);
                shell.use_store(store);
                shell
            },
            services,
        )
    }
}

/// `brief [PATH...]`: the reader on a terminal; the plain text of `brief print` in a pipe.
fn open(paths: &[PathBuf], limits: Limits, reader: &Reader) -> anyhow::Result<ExitCode> {
    let max_size = limits.max_size;
    if !std::io::stdout().is_terminal() {
        return print_instead(paths, limits);
    }
    let (watched, found) = if paths.is_empty() {
        match default_paths() {
            Some(p) => (p.clone(), expand(&p, limits.follow)),
            None => {
                // No files at all: the examples built into the binary.
                require_terminal()?;
                let services = Services {
                    loader: Loader::new(1, max_size),
                    watch: None,
                };
                reader.run(|size| Shell::preloaded(open_bundled(), size), services)?;
                return Ok(ExitCode::SUCCESS);
            }
        }
    } else {
        (paths.to_vec(), expand(paths, limits.follow))
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
                    watch: Watch::new(&watched, limits.follow),
                };
                reader.run(|size| Shell::single(doc, size), services)?;
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
    // Pipes and devices among the files were named on the command line (a folder's are refused
    // by `expand`): the loader reads each of them once. Only the paths given are looked at, not
    // every file of a folder (a stat each, 100,000 of them before the first frame).
    let named = paths
        .iter()
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir()))
        .cloned()
        .collect();
    // The library's index: the rows of the files unchanged since the last run, without a
    // parse. Without one (`--no-index`, no cache folder, a newer brief's file) every file is
    // parsed and held, as it always was.
    let (index, notice, searcher) = match index_path(&reader.state) {
        Some(path) => {
            let (index, notice) = Index::open(&path);
            let searcher = index.as_ref().and_then(|_| IndexReader::open(&path).ok());
            // Below these, a file in the index that is gone is forgotten.
            let roots: Vec<std::path::PathBuf> = watched
                .iter()
                .filter(|p| p.is_dir())
                .filter_map(|p| std::path::absolute(p).ok())
                .collect();
            (
                index.filter(|_| searcher.is_some()).map(|ix| (ix, roots)),
                notice,
                searcher,
            )
        }
        None => (None, None, None),
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let services = Services {
        loader: Loader::with_index(cores, max_size, named, index),
        watch: Watch::new(&watched, limits.follow),
    };
    reader.run(
        |size| {
            let mut shell = Shell::new(files, size);
            if let Some(searcher) = searcher {
                shell.use_index(Some(searcher), max_size);
            }
            if let Some(n) = notice {
                shell.report(n.0);
            }
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
fn print_instead(paths: &[PathBuf], limits: Limits) -> anyhow::Result<ExitCode> {
    let width = cmd::print::output_width(None);
    let mut out = std::io::stdout().lock();
    let paths = if paths.is_empty() {
        default_paths()
    } else {
        Some(paths.to_vec())
    };
    let failed = match paths {
        Some(p) => {
            let look = cmd::print::Look::default();
            cmd::print::print_paths(&p, width, limits, &mut out, look)?
        }
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
