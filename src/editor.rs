//! The editor's command line for `e`: `$VISUAL`, else `$EDITOR`, else `vi`, then `+LINE` and the
//! file.
//!
//! The file's name came from a folder and may be anything: `+!touch x.yaml` is a command to vim,
//! `--eval=(…).yaml` an expression to emacs, `-x.yaml` an option to nano. Every editor reads a
//! word that starts with `/` or `./` as a file, so a relative path is given as `./path`; an
//! absolute one already starts with `/`. (`--` would do the same for vim, emacs and nano, but not
//! for every editor: some take it for a file name.)

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// The program and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCommand {
    pub program: String,
    pub args: Vec<OsString>,
}

/// The editor named by `visual` or `editor` (the variables' values; blank ones do not count),
/// else `vi`. The value may hold arguments (`code --wait`): it is split on whitespace, as git
/// does for simple cases.
pub fn command(
    visual: Option<&str>,
    editor: Option<&str>,
    path: &Path,
    line: u32,
) -> Option<EditorCommand> {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .unwrap_or("vi");
    let mut parts = chosen.split_whitespace();
    let program = parts.next()?.to_string();
    let mut args: Vec<OsString> = parts.map(OsString::from).collect();
    args.push(format!("+{}", line.max(1)).into());
    args.push(as_file_word(path).into_os_string());
    Some(EditorCommand { program, args })
}

/// `path` spelt so that no program reads it as an option or a command: absolute paths as they
/// are, relative ones behind `./` (unless they already start with `./` or `../`).
pub fn as_file_word(path: &Path) -> PathBuf {
    match path.components().next() {
        Some(
            Component::RootDir | Component::Prefix(_) | Component::CurDir | Component::ParentDir,
        ) => path.to_path_buf(),
        _ => Path::new(".").join(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(visual: Option<&str>, editor: Option<&str>, path: &str) -> Vec<String> {
        let c = command(visual, editor, Path::new(path), 7).unwrap_or_else(|| EditorCommand {
            program: String::new(),
            args: Vec::new(),
        });
        std::iter::once(c.program)
            .chain(c.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn a_name_that_looks_like_a_command_or_an_option_is_given_as_a_file() {
        assert_eq!(
            args(None, Some("vim"), "+!touch PWNED.yaml"),
            ["vim", "+7", "./+!touch PWNED.yaml"]
        );
        assert_eq!(
            args(None, Some("emacs"), "--eval=(kill-emacs).yaml"),
            ["emacs", "+7", "./--eval=(kill-emacs).yaml"]
        );
        assert_eq!(
            args(None, Some("nano"), "-x.yaml"),
            ["nano", "+7", "./-x.yaml"]
        );
        assert_eq!(
            args(None, None, "/tmp/-a.yaml"),
            ["vi", "+7", "/tmp/-a.yaml"]
        );
        assert_eq!(args(None, None, "./a.yaml"), ["vi", "+7", "./a.yaml"]);
        assert_eq!(args(None, None, "../a.yaml"), ["vi", "+7", "../a.yaml"]);
        assert_eq!(
            args(None, None, "sub/-a.yaml"),
            ["vi", "+7", "./sub/-a.yaml"]
        );
    }

    #[test]
    fn visual_then_editor_then_vi_with_their_arguments() {
        assert_eq!(
            args(Some("code --wait"), Some("vim"), "a.yaml"),
            ["code", "--wait", "+7", "./a.yaml"]
        );
        assert_eq!(
            args(Some("  "), Some("nano"), "a.yaml"),
            ["nano", "+7", "./a.yaml"]
        );
        assert_eq!(args(None, Some(""), "a.yaml"), ["vi", "+7", "./a.yaml"]);
    }
}
