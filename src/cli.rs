//! The command line: the clap types. `brief PATH...` opens the reader; subcommands do the rest.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal reader for news briefings: claims, official responses, context, and where they
/// contradict each other.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None)]
#[command(
    after_help = "Run `brief` with no PATH to open the config file's `paths`, else ./briefings \
(or the bundled examples).\n\
Exit status: 0 success, 1 a briefing has errors or cannot be read, 2 usage error or a config \
file that cannot be used."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub open: OpenArgs,

    /// The config file [default: $XDG_CONFIG_HOME/brief/config.toml, else
    /// ~/.config/brief/config.toml; also BRIEF_CONFIG].
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Right-to-left lines (Arabic, Hebrew, …): `reorder` lays each one out for terminals that
    /// draw cells as sent (tmux, xterm, kitty, alacritty, WezTerm); `off` sends them in storage
    /// order, for terminals that do their own bidi (VTE/GNOME Terminal, Konsole, mlterm)
    /// [default: BRIEF_BIDI, else the config file's `bidi`, else reorder]. Pipes and exports
    /// always keep the storage order.
    #[arg(long, value_enum, value_name = "MODE", global = true)]
    pub bidi: Option<BidiMode>,

    #[command(flatten)]
    pub state: StateArgs,
}

/// `--bidi`: how right-to-left lines are shown on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BidiMode {
    Reorder,
    Off,
}

/// Where reading state (positions, what was read, flags, notes) is kept.
#[derive(Debug, Args, Clone, Default)]
pub struct StateArgs {
    /// The state store [default: BRIEF_STATE, else $XDG_STATE_HOME/brief/state.db, else
    /// ~/.local/state/brief/state.db].
    #[arg(long = "state", value_name = "PATH", global = true)]
    pub path: Option<PathBuf>,
    /// Neither read nor write the state store: nothing is remembered of this run.
    #[arg(long, global = true, conflicts_with = "path")]
    pub no_state: bool,
    /// Neither read nor write the library's index (BRIEF_INDEX, else
    /// $XDG_CACHE_HOME/brief/library.db): every briefing is parsed and held in memory.
    #[arg(long, global = true)]
    pub no_index: bool,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Briefing files or folders (a folder: every *.yaml / *.yml below it).
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub limits: Limits,

    #[command(flatten)]
    pub look: Look,
}

/// How the reader looks: theme, colour, the cursor for screen readers.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct Look {
    /// The colours [default: BRIEF_THEME, else the config file's `theme`, else auto].
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeName>,
    /// Colour: auto (none when NO_COLOR is set), always, or never (bold, underline and
    /// reverse stay).
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorWhen,
    /// Show the terminal cursor on the selected item, for screen readers and braille displays.
    #[arg(long)]
    pub screen_reader: bool,
}

/// The built-in themes; `auto` asks the terminal for its background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    Dark,
    Light,
    HighContrast,
    Auto,
}

/// When the reader uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// Unless NO_COLOR is set to anything non-empty.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct Limits {
    /// Refuse files larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = parse_size, global = true,
        value_hint = clap::ValueHint::Other)]
    pub max_size: u64,
    /// Follow symlinks inside folders: symlinked folders are descended and symlinked files are
    /// read wherever they point. Without it, only links to files inside the paths given are
    /// read, and linked folders are skipped.
    #[arg(long, global = true)]
    pub follow: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate briefings and report problems as `path:line:col: error: message`.
    Check {
        /// Files or folders to check; - reads one briefing from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print only the one-line form of each diagnostic, without the source excerpt.
        #[arg(long)]
        short: bool,
        /// Also warn where an export in this format would lack a field it needs.
        #[arg(long = "for", value_enum, value_name = "FORMAT")]
        for_format: Option<CheckFor>,
        /// Check N files at a time (default: one per core). The report is in path order
        /// whatever N is.
        #[arg(short = 'j', long, value_name = "N",
            value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// Print briefings as plain text: title block, claims, responses, context, contradictions.
    Print {
        /// Files or folders to print.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Wrap at N columns (at least 20). Default: the terminal's width, or 80 when stdout is
        /// not a terminal.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
        /// Print your private notes and flags under the items (from the state store).
        #[arg(long)]
        notes: bool,
    },
    /// Export briefings as JSON (one object for one file, an array for several), Markdown,
    /// ClaimReview JSON-LD, Argdown, CSL JSON or an Atom feed.
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value = "json")]
        format: Format,
        /// Files or folders to export.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Add your private notes and flags to the items (from the state store).
        #[arg(long)]
        notes: bool,
        /// Markdown only: start each document with YAML front matter (title, date, tags,
        /// description).
        #[arg(long)]
        front_matter: bool,
    },
    /// Turn other tools' data into a briefing, written to stdout.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// What changed between two versions of a briefing, by id: items added, removed and changed
    /// (a word diff for texts, old → new for the rest), sources, contradictions. Exit status 0
    /// when they are the same, 1 when they differ, 2 on trouble (like diff).
    #[command(
        after_help = "Either side may be REV:PATH, a committed version read with git show:\n  \
brief diff HEAD~3:briefings/x.yaml briefings/x.yaml\n\
--since-read PATH diffs the version you last read in the reader against the file now."
    )]
    Diff {
        /// The old version: a file, or REV:PATH.
        #[arg(required_unless_present = "since_read", value_name = "OLD")]
        old: Option<PathBuf>,
        /// The new version: a file, or REV:PATH.
        #[arg(required_unless_present = "since_read", value_name = "NEW")]
        new: Option<PathBuf>,
        /// Diff what you last read of PATH against the file now.
        #[arg(long, value_name = "PATH", conflicts_with_all = ["old", "new"])]
        since_read: Option<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Colour: auto (on a terminal, unless NO_COLOR is set), always, or never.
        #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
        color: ColorWhen,
    },
    /// Your private notes and flags: export them as JSON, or import an export again.
    Notes {
        #[command(subcommand)]
        command: NotesCommand,
    },
    /// Print the JSON Schema (draft-07) of the briefing format, for editors.
    Schema {
        /// The schema of `brief export --format json` instead.
        #[arg(long)]
        export: bool,
    },
    /// The config file: check it, or print the defaults.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// Print a skeleton briefing that passes `brief check`, with the schema modeline for
    /// editors: `brief new "Title" > file.yaml` (brief writes no briefing file itself).
    New {
        /// The briefing's title [default: a placeholder].
        title: Option<String>,
        /// The schema the modeline names, a path or URL [default:
        /// $XDG_CONFIG_HOME/brief/briefing.schema.json, where `brief schema >` puts it].
        #[arg(long, value_name = "PATH|URL", value_hint = clap::ValueHint::AnyPath)]
        schema: Option<String>,
    },
    /// Print the manual page (roff): `brief man | man -l -`.
    Man,
}

/// The shells `brief completions` writes for: clap_complete's, and nushell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Elvish,
    Fish,
    Powershell,
    Zsh,
    Nushell,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The JSON of Google's Fact Check Tools `claims:search` API (a file, or - for stdin) as a
    /// briefing: claims with their claimants, each review a response from its publisher.
    Factcheck {
        /// The API response to read.
        file: PathBuf,
    },
}

/// What `brief check --for` checks a briefing is complete for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFor {
    /// `export --format claimreview`: the fields Google requires and recommends.
    Claimreview,
}

#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Write every note and flag in the state store as a JSON array.
    Export,
    /// Read notes and flags written by `brief notes export` (a file, or - for stdin).
    Import {
        /// The export to read.
        file: PathBuf,
    },
}

/// What `brief diff` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// One line per change, with a word diff of texts.
    Text,
    /// One JSON object (its schema: docs/diff.schema.json).
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Read the config file and report every problem as `config.toml:line:col: error: message`.
    Check {
        /// The file [default: --config, BRIEF_CONFIG, or the usual place].
        path: Option<PathBuf>,
    },
    /// Print a complete config file with every default, action and style, commented.
    Default,
}

/// Writes the completion script for `shell`. clap_complete panics when its output fails, so the
/// script is built in memory first and a closed pipe comes back as an error instead.
pub fn write_completions(
    shell: CompletionShell,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use clap::CommandFactory;
    use clap_complete::Shell;
    let mut script = Vec::new();
    let cmd = &mut Cli::command();
    let amend: fn(&str) -> String = match shell {
        CompletionShell::Bash => {
            clap_complete::generate(Shell::Bash, cmd, "brief", &mut script);
            crate::cmd::completions::bash
        }
        CompletionShell::Zsh => {
            clap_complete::generate(Shell::Zsh, cmd, "brief", &mut script);
            crate::cmd::completions::zsh
        }
        CompletionShell::Fish => {
            clap_complete::generate(Shell::Fish, cmd, "brief", &mut script);
            crate::cmd::completions::fish
        }
        CompletionShell::Elvish => {
            clap_complete::generate(Shell::Elvish, cmd, "brief", &mut script);
            str::to_string
        }
        CompletionShell::Powershell => {
            clap_complete::generate(Shell::PowerShell, cmd, "brief", &mut script);
            str::to_string
        }
        CompletionShell::Nushell => {
            clap_complete::generate(clap_complete_nushell::Nushell, cmd, "brief", &mut script);
            str::to_string
        }
    };
    let script = amend(&String::from_utf8_lossy(&script)).into_bytes();
    out.write_all(&script)
}

/// Parses `1024`, `64K`, `256M`, `1G` (powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult: u64 = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("unknown size suffix `{c}`; use K, M or G")),
            };
            (s.get(..i).unwrap_or(""), mult)
        }
        _ => (s, 1),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 512K, 256M, 1G)"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("`{s}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

/// What `brief export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON: one object for one file, an array for several (or for a folder).
    Json,
    /// A Markdown document per briefing.
    Markdown,
    /// schema.org ClaimReview JSON-LD: an array of one review per claim with a status.
    Claimreview,
    /// Argdown: statements and their relations, for argument maps.
    Argdown,
    /// CSL JSON: one citation item per source and per item with a URL (Zotero, pandoc).
    Csl,
    /// An Atom feed: one entry per briefing.
    Atom,
}
