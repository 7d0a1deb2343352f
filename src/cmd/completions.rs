//! What `brief completions` adds to clap_complete's scripts: briefing paths complete to
//! `*.yaml` / `*.yml` files and folders, not every file. clap_complete completes a path argument
//! with every file and has no way to name a pattern, so the scripts are amended here: zsh's
//! `_files` gets a `-g` glob, fish gets a suffix completion for the commands that read
//! briefings, and bash a wrapper that completes briefings where clap's function offers nothing.
//! (`--max-size` completes no file names: it is a `ValueHint::Other` in the clap types.)
//! Nushell's `path` type has no pattern either; its script is clap_complete_nushell's as it is.

/// The commands whose arguments are briefings (besides `brief PATH...` itself).
const READS_BRIEFINGS: &[&str] = &["check", "print", "export", "diff"];

/// zsh: the briefing arguments' `_files` with a glob; directories still complete.
pub fn zsh(script: &str) -> String {
    script
        .lines()
        .map(|line| {
            let briefing = ["'::paths -- ", "'*::paths -- ", "'::old -- ", "'::new -- "]
                .iter()
                .any(|p| line.starts_with(p))
                || line.contains("--since-read=[");
            if briefing && line.contains(":_files'") {
                line.replace(":_files'", ":_files -g \"*.(yaml|yml)(-.)\"'")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// fish: briefings and folders (`__fish_complete_suffix`) for `brief` and the commands that
/// read them, instead of every file.
pub fn fish(script: &str) -> String {
    let mut out = script.to_string();
    out.push_str("\n# Briefing paths: *.yaml and *.yml files, and folders.\n");
    out.push_str(
        "complete -c brief -n \"__fish_brief_needs_command\" -f -a \"(__fish_complete_suffix .yaml .yml)\"\n",
    );
    out.push_str(&format!(
        "complete -c brief -n \"__fish_brief_using_subcommand {}\" -f -a \"(__fish_complete_suffix .yaml .yml)\"\n",
        READS_BRIEFINGS.join(" ")
    ));
    out
}

/// bash: a wrapper over clap's `_brief`: where it offers nothing for a word that is not an
/// option (a path), folders and `*.yaml` / `*.yml` files, and no fallback to every file.
pub fn bash(script: &str) -> String {
    let mut out = script.to_string();
    out.push_str(&format!(
        r#"
# Briefing paths: *.yaml and *.yml files, and folders, for `brief` and {commands}.
_brief_briefings() {{
    _brief "$@"
    local cur="${{COMP_WORDS[COMP_CWORD]}}" word sub=""
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        case "$word" in -*) ;; *) sub="$word"; break ;; esac
    done
    case "$sub" in ""|{alts}) ;; *) return 0 ;; esac
    if [[ ${{#COMPREPLY[@]}} -eq 0 && "$cur" != -* ]]; then
        compopt -o filenames +o default +o bashdefault 2>/dev/null
        COMPREPLY=( $(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur") )
    fi
}}
if [[ "${{BASH_VERSINFO[0]}}" -eq 4 && "${{BASH_VERSINFO[1]}}" -ge 4 || "${{BASH_VERSINFO[0]}}" -gt 4 ]]; then
    complete -F _brief_briefings -o nosort -o bashdefault -o default brief
else
    complete -F _brief_briefings -o bashdefault -o default brief
fi
"#,
        commands = READS_BRIEFINGS.join(", "),
        alts = READS_BRIEFINGS.join("|"),
    ));
    out
}
