//! The config file: `$XDG_CONFIG_HOME/brief/config.toml` (else `~/.config/brief/config.toml`),
//! or the file `--config` or `BRIEF_CONFIG` names. A missing file at the usual place is the
//! defaults; a file that is wrong in any way is reported like `brief check` reports a briefing,
//! every problem at once, `config.toml:LINE:COL: error: …`, and the reader does not start.
//!
//! What it holds: the theme and single styles over it, the screen-reader cursor, the paths the
//! reader opens with no PATH, the library's order, and key bindings per mode. The TOML is read
//! into toml's spanned tree and walked by hand, not deserialised with serde, so that every
//! error keeps its position and one error does not hide the next.

use std::ops::Range;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::app::action::NAMED;
use crate::app::keymap::{Key, Keymap, Mode};
use crate::app::library::Sort;
use crate::app::Action;
use crate::briefing::diagnostic::{Diagnostic, Report};
use crate::briefing::Pos;
use crate::ui::theme::{Choice, Role, Theme};

/// What the config file says; the defaults where it says nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// `theme = "…"` (or `name` in a `[theme]` table); `None`: not chosen here.
    pub theme: Option<Choice>,
    /// `[theme]`: single styles over the chosen theme, in the file's order.
    pub styles: Vec<(Role, Style)>,
    /// `screen_reader = true`: the terminal cursor on the selection.
    pub screen_reader: bool,
    /// `bidi = "reorder" | "off"`; `None`: not chosen here.
    pub bidi: Option<crate::text::bidi::Bidi>,
    /// `hyperlinks = "auto" | "always" | "never"`: URLs as OSC 8 links ([`crate::hyperlink`]).
    pub hyperlinks: crate::hyperlink::When,
    /// `paths = [...]`: what `brief` with no PATH opens (before `./briefings`).
    pub paths: Vec<PathBuf>,
    /// `[library] sort = "…"`.
    pub sort: Sort,
    /// `[keys.<mode>]`: the bindings changed, in the file's order (`global` first).
    pub keys: Vec<KeyChange>,
}

/// One line of a `[keys.<mode>]` table: a key bound to an action, or unbound (`"none"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChange {
    /// `None`: `[keys.global]`, every mode.
    pub mode: Option<Mode>,
    pub key: Key,
    pub action: Option<Action>,
}

impl Config {
    /// The built-in keymap with the file's changes: `global` first, then each mode's own table,
    /// so a mode's binding wins over a global one.
    pub fn keymap(&self) -> Keymap {
        let mut km = Keymap::builtin();
        for c in self.keys.iter().filter(|c| c.mode.is_none()) {
            // A character typed at the search prompt is part of the query: `[keys.global]`
            // `j = "down"` must not make `/jakarta` impossible to type.
            for m in Mode::ALL
                .into_iter()
                .filter(|&m| !(m == Mode::Prompt && c.key.types()))
            {
                km.bind(m, c.key, c.action);
            }
        }
        for c in &self.keys {
            if let Some(m) = c.mode {
                km.bind(m, c.key, c.action);
            }
        }
        km
    }

    /// The built-in theme `choice` (already resolved from `auto`) with the file's styles over
    /// it; without colour, only their bold, underline, reverse and italic are left.
    pub fn theme(&self, choice: Choice, colour: bool) -> Theme {
        let mut theme = if colour {
            Theme::builtin(choice)
        } else {
            Theme::mono()
        };
        for &(role, style) in &self.styles {
            // Without colour, what an override leaves is laid over the no-colour style, so a
            // colour-only override (`selected = { bg = 253 }`) keeps the selection reversed.
            let style = if colour {
                style
            } else {
                theme.get(role).patch(style)
            };
            theme.set(role, style);
        }
        if colour {
            theme
        } else {
            theme.without_colour()
        }
    }
}

/// The top-level keys, as `brief config default` writes them.
const TOP: &[&str] = &[
    "theme",
    "screen_reader",
    "bidi",
    "paths",
    "library",
    "keys",
    "hyperlinks",
];
const MODE_NAMES: &[&str] = &[
    "global",
    "library",
    "panes",
    "detail",
    "contradictions",
    "matrix",
    "timeline",
    "sources",
    "changes",
    "judgments",
    "sensitivity",
    "info",
    "help",
    "prompt",
    "copy",
];
const STYLE_FIELDS: &[&str] = &["fg", "bg", "bold", "underline", "reverse", "italic"];
const COLOURS: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// The entries of a table in the file's order (toml's map is sorted by key).
fn in_order<'a, 'i>(
    t: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// ` (did you mean `x`?)` for the closest candidate within a small edit distance.
fn suggest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    let limit = (wrong.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter_map(|c| {
            let d = crate::briefing::validate::edit_distance(wrong, c, limit);
            (d <= limit).then_some((d, c))
        })
        .min()
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Reads a config file's text: what it says, and every problem found, in file order. Relative
/// `paths` are taken from `dir`, the file's folder.
pub fn parse(text: &str, dir: &Path) -> (Config, Vec<Diagnostic>) {
    let mut p = Parser {
        text,
        dir,
        config: Config::default(),
        errors: Vec::new(),
    };
    let (root, errors) = DeTable::parse_recoverable(text);
    for e in errors {
        p.syntax_error(&e);
    }
    let syntax: Vec<u32> = p.errors.iter().map(|d| d.pos.line).collect();
    p.top(root.get_ref());
    let Parser {
        config, mut errors, ..
    } = p;
    // What the parser made of a line it could not read says nothing more.
    let mut n = 0;
    errors.retain(|d| {
        n += 1;
        n <= syntax.len() || !syntax.contains(&d.pos.line)
    });
    errors.sort_by_key(|d| (d.pos.line, d.pos.col));
    (config, errors)
}

struct Parser<'t> {
    text: &'t str,
    dir: &'t Path,
    config: Config,
    errors: Vec<Diagnostic>,
}

impl Parser<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    fn pos(&self, at: usize) -> Pos {
        let before = self.text.get(..at).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Pos::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(col).unwrap_or(u32::MAX),
        )
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span.start);
        self.errors.push(Diagnostic::error(pos, message));
    }

    fn syntax_error(&mut self, e: &toml::de::Error) {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        if message == "duplicate key" {
            // Name the first one too: the same key, unquoted, on an earlier line of the same
            // table (from its `[header]` down).
            let unquote = |s: &str| s.trim().trim_matches(['"', '\'']).to_string();
            let key = unquote(self.text.get(span.clone()).unwrap_or(""));
            let line = usize::try_from(self.pos(span.start).line).unwrap_or(1);
            let lines: Vec<&str> = self.text.lines().collect();
            let before = lines.get(..line.saturating_sub(1)).unwrap_or(&[]);
            let header = before.iter().rposition(|l| l.trim_start().starts_with('['));
            let table = header
                .and_then(|h| before.get(h))
                .map_or("the top level".to_string(), |h| h.trim().to_string());
            let from = header.map_or(0, |h| h + 1);
            let first = before
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| l.split_once('=').is_some_and(|(k, _)| unquote(k) == key))
                .map(|(i, _)| i + 1);
            let also = first.map_or(String::new(), |n| format!(": here and on line {n}"));
            self.error(&span, format!("`{key}` is given twice in {table}{also}"));
        } else {
            self.error(&span, message);
        }
    }

    fn top(&mut self, root: &DeTable) {
        for (k, v) in in_order(root) {
            match k.get_ref().as_ref() {
                "theme" => self.theme(v),
                "screen_reader" => match v.get_ref() {
                    DeValue::Boolean(b) => self.config.screen_reader = *b,
                    other => self.error(
                        &v.span(),
                        format!("`screen_reader` is true or false, not {}", type_name(other)),
                    ),
                },
                "bidi" => self.bidi(v),
                "hyperlinks" => self.hyperlinks(v),
                "paths" => self.paths(v),
                "library" => self.library(v),
                "keys" => self.keys(v),
                other => {
                    let hint = suggest(other, TOP.iter().copied());
                    self.error(
                        &k.span(),
                        format!(
                            "unknown key `{other}`; expected one of: {}{hint}",
                            TOP.join(", ")
                        ),
                    );
                }
            }
        }
    }

    fn hyperlinks(&mut self, v: &Spanned<DeValue>) {
        use crate::hyperlink::When;
        match v.get_ref() {
            DeValue::String(s) => match When::parse(s) {
                Some(w) => self.config.hyperlinks = w,
                None => {
                    let hint = suggest(s, When::NAMES.iter().copied());
                    self.error(
                        &v.span(),
                        format!(
                            "unknown hyperlinks setting `{s}`; expected one of: {}{hint}",
                            When::NAMES.join(", ")
                        ),
                    );
                }
            },
            other => self.error(
                &v.span(),
                format!(
                    "`hyperlinks` is \"auto\", \"always\" or \"never\", not {}",
                    type_name(other)
                ),
            ),
        }
    }

    fn bidi(&mut self, v: &Spanned<DeValue>) {
        use crate::text::bidi::Bidi;
        match v.get_ref() {
            DeValue::String(s) => match Bidi::parse(s) {
                Some(b) => self.config.bidi = Some(b),
                None => {
                    let hint = suggest(s, Bidi::NAMES.iter().copied());
                    self.error(
                        &v.span(),
                        format!(
                            "unknown bidi mode `{s}`; expected one of: {}{hint}",
                            Bidi::NAMES.join(", ")
                        ),
                    );
                }
            },
            other => self.error(
                &v.span(),
                format!("`bidi` is \"reorder\" or \"off\", not {}", type_name(other)),
            ),
        }
    }

    fn choice(&mut self, v: &Spanned<DeValue>) {
        match v.get_ref() {
            DeValue::String(s) => match Choice::from_name(s) {
                Some(c) => self.config.theme = Some(c),
                None => {
                    let names = Choice::ALL.map(Choice::name);
                    let hint = suggest(s, names);
                    self.error(
                        &v.span(),
                        format!(
                            "unknown theme `{s}`; expected one of: {}{hint}",
                            names.join(", ")
                        ),
                    );
                }
            },
            other => self.error(
                &v.span(),
                format!("a theme is named by a string, not {}", type_name(other)),
            ),
        }
    }

    fn theme(&mut self, v: &Spanned<DeValue>) {
        let DeValue::Table(t) = v.get_ref() else {
            return self.choice(v);
        };
        for (k, v) in in_order(t) {
            let name = k.get_ref().as_ref();
            if name == "name" {
                self.choice(v);
                continue;
            }
            let Some(role) = Role::from_name(name) else {
                // `name` (the theme's) is a key of the table too.
                let hint = suggest(
                    name,
                    std::iter::once("name").chain(Role::ALL.iter().map(|r| r.name())),
                );
                self.error(
                    &k.span(),
                    format!(
                        "unknown style `{name}`{hint}; `brief config default` lists the styles"
                    ),
                );
                continue;
            };
            if let Some(style) = self.style(name, v) {
                self.config.styles.push((role, style));
            }
        }
    }

    /// `{ fg = "blue", bg = 236, bold = true }`: the whole style of a role.
    fn style(&mut self, role: &str, v: &Spanned<DeValue>) -> Option<Style> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                &v.span(),
                format!(
                    "the style `{role}` is a table like {{ fg = \"blue\", bold = true }}, not {}",
                    type_name(v.get_ref())
                ),
            );
            return None;
        };
        let mut style = Style::new();
        let mut ok = true;
        for (k, v) in in_order(t) {
            let field = k.get_ref().as_ref();
            let modifier = match field {
                "fg" | "bg" => {
                    match self.colour(v) {
                        Some(c) if field == "fg" => style = style.fg(c),
                        Some(c) => style = style.bg(c),
                        None => ok = false,
                    }
                    continue;
                }
                "bold" => Modifier::BOLD,
                "underline" => Modifier::UNDERLINED,
                "reverse" => Modifier::REVERSED,
                "italic" => Modifier::ITALIC,
                other => {
                    let hint = suggest(other, STYLE_FIELDS.iter().copied());
                    self.error(
                        &k.span(),
                        format!(
                            "unknown style field `{other}`; expected one of: {}{hint}",
                            STYLE_FIELDS.join(", ")
                        ),
                    );
                    ok = false;
                    continue;
                }
            };
            match v.get_ref() {
                DeValue::Boolean(true) => style = style.add_modifier(modifier),
                DeValue::Boolean(false) => style = style.remove_modifier(modifier),
                other => {
                    self.error(
                        &v.span(),
                        format!("`{field}` is true or false, not {}", type_name(other)),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(style)
    }

    /// A colour: a name, `#rrggbb`, or 0–255 on the terminal's palette.
    fn colour(&mut self, v: &Spanned<DeValue>) -> Option<Color> {
        let found = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .and_then(|n| u8::try_from(n).ok())
                .map(Color::Indexed),
            DeValue::String(s) => match s.strip_prefix('#') {
                Some(hex) if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok().map(|n| {
                        let [_, r, g, b] = n.to_be_bytes();
                        Color::Rgb(r, g, b)
                    })
                }
                Some(_) => None,
                None => COLOURS.iter().find(|(n, _)| n == s).map(|(_, c)| *c),
            },
            _ => None,
        };
        if found.is_none() {
            let hint = match v.get_ref() {
                DeValue::String(s) => suggest(s, COLOURS.iter().map(|(n, _)| *n)),
                _ => String::new(),
            };
            let names: Vec<&str> = COLOURS.iter().map(|(n, _)| *n).collect();
            self.error(
                &v.span(),
                format!(
                    "not a colour{hint}; a colour is one of {}, \"#rrggbb\" or 0 to 255",
                    names.join(", ")
                ),
            );
        }
        found
    }

    fn paths(&mut self, v: &Spanned<DeValue>) {
        let DeValue::Array(items) = v.get_ref() else {
            return self.error(
                &v.span(),
                format!(
                    "`paths` is an array of strings, not {}",
                    type_name(v.get_ref())
                ),
            );
        };
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => {
                    let path = expand_home(s);
                    self.config.paths.push(if path.is_relative() {
                        self.dir.join(path)
                    } else {
                        path
                    });
                }
                other => self.error(
                    &item.span(),
                    format!("a path is a string, not {}", type_name(other)),
                ),
            }
        }
    }

    fn library(&mut self, v: &Spanned<DeValue>) {
        let DeValue::Table(t) = v.get_ref() else {
            return self.error(&v.span(), "`library` is a table: [library] sort = \"date\"");
        };
        for (k, v) in in_order(t) {
            let name = k.get_ref().as_ref();
            if name != "sort" {
                let hint = suggest(name, ["sort"]);
                self.error(
                    &k.span(),
                    format!("unknown key `{name}` in [library]; expected sort{hint}"),
                );
                continue;
            }
            let names = Sort::ALL.map(Sort::name);
            match v.get_ref() {
                DeValue::String(s) => match Sort::from_name(s) {
                    Some(sort) => self.config.sort = sort,
                    None => {
                        let hint = suggest(s, names);
                        self.error(
                            &v.span(),
                            format!(
                                "unknown order `{s}`; expected one of: {}{hint}",
                                names.join(", ")
                            ),
                        );
                    }
                },
                other => self.error(
                    &v.span(),
                    format!(
                        "`sort` is one of {}, not {}",
                        names.join(", "),
                        type_name(other)
                    ),
                ),
            }
        }
    }

    fn keys(&mut self, v: &Spanned<DeValue>) {
        let DeValue::Table(t) = v.get_ref() else {
            return self.error(&v.span(), "`keys` holds tables: [keys.panes]");
        };
        let builtin = Keymap::builtin();
        // `global` first: it is applied first, whatever its place in the file.
        let mut tables = in_order(t);
        tables.sort_by_key(|(k, _)| k.get_ref().as_ref() != "global");
        for (k, v) in tables {
            let name = k.get_ref().as_ref();
            let mode = match name {
                "global" => None,
                _ => match Mode::from_config_name(name) {
                    Some(m) => Some(m),
                    None => {
                        let hint = suggest(name, MODE_NAMES.iter().copied());
                        self.error(
                            &k.span(),
                            format!(
                                "unknown mode `{name}` in [keys]; expected one of: {}{hint}",
                                MODE_NAMES.join(", ")
                            ),
                        );
                        continue;
                    }
                },
            };
            let DeValue::Table(bindings) = v.get_ref() else {
                self.error(
                    &v.span(),
                    format!("[keys.{name}] is a table of \"key\" = \"action\""),
                );
                continue;
            };
            let mut seen: Vec<(Key, u32)> = Vec::new();
            for (k, v) in in_order(bindings) {
                let spelt = k.get_ref().as_ref();
                let key = match parse_key(spelt) {
                    Ok(key) => key,
                    Err(why) => {
                        self.error(&k.span(), why);
                        continue;
                    }
                };
                let line = self.pos(k.span().start).line;
                if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == key) {
                    let first = *first;
                    self.error(
                        &k.span(),
                        format!(
                            "`{key}` is bound twice in [keys.{name}]: here and on line {first}"
                        ),
                    );
                    continue;
                }
                seen.push((key, line));
                let Some(action) = self.action(name, mode, &builtin, v) else {
                    continue;
                };
                // However the keys are changed, one way out stays.
                let ctrl_c = "Ctrl-c".parse::<Key>().ok();
                if Some(key) == ctrl_c && action != Some(Action::Quit) {
                    self.error(
                        &k.span(),
                        "`Ctrl-c` always quits: it can be bound only to \"quit\", so there is always a way out",
                    );
                    continue;
                }
                self.config.keys.push(KeyChange { mode, key, action });
            }
        }
    }

    /// The action a binding names: `Some(None)` for `"none"`, `None` when it is wrong.
    fn action(
        &mut self,
        table: &str,
        mode: Option<Mode>,
        builtin: &Keymap,
        v: &Spanned<DeValue>,
    ) -> Option<Option<Action>> {
        let DeValue::String(name) = v.get_ref() else {
            self.error(
                &v.span(),
                format!(
                    "a key is bound to an action's name (or \"none\"), not {}",
                    type_name(v.get_ref())
                ),
            );
            return None;
        };
        if name == "none" {
            return Some(None);
        }
        let Some(action) = Action::from_name(name) else {
            let hint = suggest(name, NAMED.iter().map(|(n, _, _)| *n));
            self.error(
                &v.span(),
                format!("unknown action `{name}`{hint}; `brief config default` lists them"),
            );
            return None;
        };
        if let Some(m) = mode {
            if !builtin.has_action(m, action) {
                let here: Vec<&str> = builtin
                    .entries(m)
                    .iter()
                    .filter_map(|e| e.action.name())
                    .fold(Vec::new(), |mut v, n| {
                        if !v.contains(&n) {
                            v.push(n);
                        }
                        v
                    });
                let hint = suggest(name, here.iter().copied());
                self.error(
                    &v.span(),
                    format!(
                        "`{name}` does nothing in [keys.{table}]{hint}; its actions: {}",
                        here.join(", ")
                    ),
                );
                return None;
            }
        }
        Some(Some(action))
    }
}

/// A key as the help spells it, with a hint for the near misses (`ctrl-n`, `Shift-a`).
fn parse_key(spelt: &str) -> Result<Key, String> {
    let how = "keys are spelt as the help spells them: j, G, Ctrl-n, Alt-x, Shift-Tab, PgDn, \
               Space, ↓ (or Down), F1";
    if let Some(c) = spelt
        .strip_prefix("Shift-")
        .filter(|c| c.chars().count() == 1)
    {
        return Err(format!(
            "`{spelt}` is spelt `{}`: Shift is part of the character",
            c.to_uppercase()
        ));
    }
    match spelt.parse::<Key>() {
        Ok(k) => terminal_sends(spelt, k).map(|()| k),
        Err(_) => {
            let fixed = respell(spelt)
                .filter(|s| s.parse::<Key>().is_ok())
                .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            Err(format!("unknown key `{spelt}`{fixed}; {how}"))
        }
    }
}

/// Whether a terminal can send `key` apart from other keys: Ctrl with a capital is the same
/// byte as with the small letter, Ctrl-i is Tab, Ctrl-m Enter, Ctrl-[ Esc, and function keys
/// stop at F24. A binding it cannot send would show in the help and never work.
fn terminal_sends(spelt: &str, key: Key) -> Result<(), String> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char(c) if ctrl && c.is_ascii_uppercase() => Err(format!(
            "`{spelt}` cannot be told from `Ctrl-{}`: a terminal sends them as one key",
            c.to_ascii_lowercase()
        )),
        KeyCode::Char(c @ ('i' | 'm' | '[')) if ctrl => {
            let same = match c {
                'i' => "Tab",
                'm' => "Enter",
                _ => "Esc",
            };
            Err(format!(
                "`{spelt}` is `{same}` to a terminal: bind `{same}` instead"
            ))
        }
        KeyCode::F(n) if !(1..=24).contains(&n) => {
            Err(format!("`{spelt}`: function keys run from F1 to F24"))
        }
        _ => Ok(()),
    }
}

/// The help's spelling of a key written in another case (`ctrl-N` → `Ctrl-N`, `pgdn` → `PgDn`).
fn respell(spelt: &str) -> Option<String> {
    const NAMES: &[&str] = &[
        "Ctrl",
        "Alt",
        "Shift",
        "Space",
        "Enter",
        "Esc",
        "Tab",
        "Backspace",
        "Up",
        "Down",
        "Left",
        "Right",
        "Home",
        "End",
        "PgUp",
        "PgDn",
    ];
    let parts: Vec<&str> = spelt.split('-').collect();
    let fixed: Vec<String> = parts
        .iter()
        .map(|p| {
            NAMES
                .iter()
                .find(|n| n.eq_ignore_ascii_case(p))
                .map_or_else(|| (*p).to_string(), |n| (*n).to_string())
        })
        .collect();
    let fixed = fixed.join("-");
    (fixed != spelt).then_some(fixed)
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

fn expand_home(s: &str) -> PathBuf {
    match (s.strip_prefix("~/"), home()) {
        (Some(rest), Some(h)) => h.join(rest),
        _ if s == "~" => home().unwrap_or_else(|| PathBuf::from(s)),
        _ => PathBuf::from(s),
    }
}

/// Where the config file is looked for when neither `--config` nor `BRIEF_CONFIG` says:
/// `$XDG_CONFIG_HOME/brief/config.toml`, else `~/.config/brief/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    xdg.or_else(|| home().map(|h| h.join(".config")))
        .map(|d| d.join("brief").join("config.toml"))
}

/// The config file in force: `--config`, else `BRIEF_CONFIG`, else the usual place; and whether
/// it was named (a file named and missing is an error, the usual one missing is the defaults).
pub fn locate(flag: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(p) = flag {
        return Some((p.to_path_buf(), true));
    }
    if let Some(p) = std::env::var_os("BRIEF_CONFIG").filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(p), true));
    }
    default_path().map(|p| (p, false))
}

/// Reads the config file in force (see [`locate`]). `Ok(None)` when there is none; the report
/// holds every problem when it cannot be used.
pub fn load(flag: Option<&Path>) -> Result<Option<(PathBuf, Config)>, Report> {
    let Some((path, named)) = locate(flag) else {
        return Ok(None);
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return Err(Report::problem(path, "the config file is not UTF-8")),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => return Ok(None),
        Err(e) => {
            let why = crate::briefing::load::io_reason(&e);
            return Err(Report::problem(
                path,
                format!("cannot read the config file: {why}"),
            ));
        }
    };
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let (config, diagnostics) = parse(&text, &dir);
    if diagnostics.is_empty() {
        Ok(Some((path, config)))
    } else {
        Err(Report {
            path,
            source: Some(text),
            diagnostics,
        })
    }
}

/// The file `brief config default` prints: every setting at its default, every binding of the
/// built-in table, every action and style named, with what each does. Reading it back gives the
/// built-in defaults exactly (a test checks).
pub fn default_text() -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# brief's config file: $XDG_CONFIG_HOME/brief/config.toml (~/.config/brief/config.toml),
# or the file --config or BRIEF_CONFIG names. This is every default; delete what you keep.
# `brief config check` reads a file and reports what is wrong, the way `brief check` does.

# The colours: \"dark\", \"light\", \"high-contrast\", or \"auto\" (asks the terminal for its
# background, then reads COLORFGBG, else dark). --theme and BRIEF_THEME choose over this.
# NO_COLOR (or --color never) drops every colour and keeps bold, underline and reverse.
theme = \"auto\"
# To change single styles, write the theme as a table instead:
#   [theme]
#   name = \"light\"
#   selected = {{ bg = 254 }}
#   figure-conflict = {{ fg = \"#af0000\", bold = true, underline = true }}
# Fields: fg and bg, a colour: \"#rrggbb\", 0-255 on the terminal's palette, or a name:
{colours}
# and bold, underline, reverse, italic: true or false.
# The styles:",
        colours = textwrap::wrap(
            &COLOURS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
            textwrap::Options::new(92)
                .initial_indent("#   ")
                .subsequent_indent("#   ")
        )
        .join("\n")
    );
    for r in Role::ALL {
        let _ = writeln!(w, "#   {:<20} {}", r.name(), r.describe());
    }
    let _ = writeln!(
        w,
        "
# Show the terminal cursor on the selected item, for screen readers and braille displays
# (also --screen-reader).
screen_reader = false

# Right-to-left lines (Arabic, Hebrew, …): \"reorder\" lays each one out for terminals that draw
# cells as they are sent (tmux, xterm, kitty, alacritty, WezTerm); \"off\" sends them in storage
# order, for terminals that do their own bidi (VTE/GNOME Terminal, Konsole, mlterm). Also
# --bidi and BRIEF_BIDI. Pipes and exports always keep the storage order.
bidi = \"reorder\"

# URLs as hyperlinks (OSC 8) where they are drawn whole: \"auto\" for terminals known to take
# them (kitty, WezTerm, iTerm2, foot, Ghostty, Windows Terminal, VS Code, Alacritty, Konsole,
# VTE ≥ 0.50; tmux from 3.4), \"always\", or \"never\".
hyperlinks = \"auto\"

# What `brief` with no PATH opens, before ./briefings: files and folders; ~/ is your home,
# a relative path is taken from this file's folder.
paths = []

[library]
# The library's order: \"date\" (newest first), \"title\", \"file\" or \"changed\" (most
# changed since last read first).
sort = \"date\"

# Keys, per mode: \"key\" = \"action\", or \"key\" = \"none\" to unbind a key. Keys are spelt
# as the help spells them: j, G, Ctrl-n, Alt-x, Shift-Tab, PgDn, Space, Enter, Esc, ↓ (or Down),
# F1. Several keys may do one thing; a key is bound once per table. [keys.global] binds in
# every mode; a mode's own table wins over it. A mode's table lists what it can do.
# The actions:"
    );
    for (name, _, desc) in NAMED {
        let _ = writeln!(w, "#   {name:<20} {desc}");
    }
    let km = Keymap::builtin();
    // A key that does one thing in every mode is global.
    let global: Vec<(Key, Action)> = km
        .entries(Mode::Library)
        .iter()
        .flat_map(|e| e.keys.iter().map(move |k| (*k, e.action)))
        .filter(|&(k, a)| Mode::ALL.iter().all(|&m| km.lookup(m, k) == Some(a)))
        .collect();
    let line = |w: &mut String, key: Key, action: Action, desc: &str| {
        let name = action.name().unwrap_or("none");
        let quoted = format!("\"{key}\" = \"{name}\"");
        let _ = writeln!(w, "{quoted:<40} # {desc}");
    };
    let _ = writeln!(w, "\n[keys.global]");
    for &(k, a) in &global {
        line(w, k, a, a.describe());
    }
    for name in MODE_NAMES.iter().skip(1) {
        let Some(m) = Mode::from_config_name(name) else {
            continue;
        };
        let _ = writeln!(w, "\n[keys.{name}]");
        for e in km.entries(m) {
            for &k in &e.keys {
                if !global.contains(&(k, e.action)) {
                    line(w, k, e.action, e.desc);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<String> {
        let (_, d) = parse(text, Path::new("/cfg"));
        d.iter().map(Diagnostic::located).collect()
    }

    #[test]
    fn the_default_file_is_the_defaults() {
        let text = default_text();
        let (config, errors) = parse(&text, Path::new("/cfg"));
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        assert_eq!(config.theme, Some(Choice::Auto));
        assert_eq!(
            (
                config.screen_reader,
                config.sort,
                &config.paths,
                &config.styles
            ),
            (false, Sort::Date, &Vec::new(), &Vec::new())
        );
        // Every binding is in the file, and binding them again changes nothing.
        let mut empty = Config::default();
        empty.keys.clone_from(&config.keys);
        let mut from_nothing = Keymap::empty();
        for c in empty.keys.iter().filter(|c| c.mode.is_none()) {
            for m in Mode::ALL {
                from_nothing.bind(m, c.key, c.action);
            }
        }
        for c in &empty.keys {
            if let Some(m) = c.mode {
                from_nothing.bind(m, c.key, c.action);
            }
        }
        assert_eq!(from_nothing.bound(), Keymap::builtin().bound());
        assert_eq!(config.keymap(), Keymap::builtin());
        // Every action and every style is named in it.
        for (name, _, _) in NAMED {
            assert!(text.contains(&format!("#   {name} ")), "{name}");
        }
        for r in Role::ALL {
            assert!(text.contains(&format!("#   {} ", r.name())), "{}", r.name());
        }
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let (config, errors) = parse("", Path::new("/cfg"));
        assert!(errors.is_empty());
        assert_eq!(config, Config::default());
        assert_eq!(config.keymap(), Keymap::builtin());
    }

    #[test]
    fn keys_remap_and_unbind() {
        let text = "[keys.panes]\n\"Ctrl-n\" = \"down\"\n\"Ctrl-p\" = \"up\"\nj = \"none\"\n";
        let (config, errors) = parse(text, Path::new("/cfg"));
        assert!(errors.is_empty(), "{errors:?}");
        let km = config.keymap();
        let key = |s: &str| s.parse::<Key>().unwrap();
        assert_eq!(km.lookup(Mode::Panes, key("Ctrl-n")), Some(Action::Down));
        assert_eq!(km.lookup(Mode::Panes, key("j")), None);
        assert_eq!(km.lookup(Mode::Library, key("j")), Some(Action::Down));
    }

    #[test]
    fn a_global_key_binds_everywhere_but_a_mode_wins() {
        let text = "[keys.detail]\nq = \"back\"\n[keys.global]\nq = \"none\"\nF10 = \"quit\"\n";
        let (config, errors) = parse(text, Path::new("/cfg"));
        assert!(errors.is_empty(), "{errors:?}");
        let km = config.keymap();
        let key = |s: &str| s.parse::<Key>().unwrap();
        assert_eq!(km.lookup(Mode::Panes, key("q")), None);
        assert_eq!(km.lookup(Mode::Detail, key("q")), Some(Action::Back));
        assert_eq!(km.lookup(Mode::Prompt, key("F10")), Some(Action::Quit));
    }

    #[test]
    fn every_problem_is_reported_where_it_is() {
        let text = "\
theme = \"lihgt\"
screen_reader = \"yes\"
sceen_reader = true
[library]
sort = \"tilte\"
[keys.pnaes]
j = \"down\"
[keys.panes]
\"Ctrl-n\" = \"dwn\"
\"↓\" = \"down\"
\"Down\" = \"up\"
\"ctrl-x\" = \"quit\"
\"Shift-a\" = \"quit\"
x = \"hide-source\"
";
        assert_eq!(
            check(text),
            [
                "1:9 unknown theme `lihgt`; expected one of: dark, light, high-contrast, auto (did you mean `light`?)",
                "2:17 `screen_reader` is true or false, not a string",
                "3:1 unknown key `sceen_reader`; expected one of: theme, screen_reader, bidi, paths, library, keys, hyperlinks (did you mean `screen_reader`?)",
                "5:8 unknown order `tilte`; expected one of: date, title, file, changed (did you mean `title`?)",
                "6:7 unknown mode `pnaes` in [keys]; expected one of: global, library, panes, detail, contradictions, matrix, timeline, sources, changes, judgments, sensitivity, info, help, prompt, copy (did you mean `panes`?)",
                "9:12 unknown action `dwn` (did you mean `down`?); `brief config default` lists them",
                "11:1 `↓` is bound twice in [keys.panes]: here and on line 10",
                "12:1 unknown key `ctrl-x` (did you mean `Ctrl-x`?); keys are spelt as the help spells them: j, G, Ctrl-n, Alt-x, Shift-Tab, PgDn, Space, ↓ (or Down), F1",
                "13:1 `Shift-a` is spelt `A`: Shift is part of the character",
                "14:5 `hide-source` does nothing in [keys.panes]; its actions: down, up, first, last, half-page-down, half-page-up, page-down, page-up, next-pane, prev-pane, focus-claims, focus-responses, focus-context, focus-judgments, left, right, open, contradictions, search, search-next, search-prev, filter, next-briefing, prev-briefing, back, help, quit, info, suspend, matrix, timeline, sources, sensitivity, compare, reload, edit, flag, note, note-editor, changes, next-change, prev-change, copy-citation, copy-menu, open-url, copy-quote, copy-text, copy-id, copy-url",
            ]
        );
    }

    #[test]
    fn bidi_is_reorder_or_off() {
        assert_eq!(
            check("bidi = \"rtl\"\n"),
            ["1:8 unknown bidi mode `rtl`; expected one of: reorder, off"]
        );
        assert_eq!(
            check("bidi = \"of\"\n"),
            ["1:8 unknown bidi mode `of`; expected one of: reorder, off (did you mean `off`?)"]
        );
        assert_eq!(
            check("bidi = 1\n"),
            ["1:8 `bidi` is \"reorder\" or \"off\", not an integer"]
        );
        let parsed = |t: &str| parse(t, Path::new("/cfg")).0.bidi;
        assert_eq!(
            parsed("bidi = \"off\"\n"),
            Some(crate::text::bidi::Bidi::Off)
        );
        assert_eq!(parsed("\n"), None);
    }

    #[test]
    fn a_key_written_twice_names_both_lines() {
        let text = "[keys.panes]\nj = \"down\"\nk = \"up\"\nj = \"up\"\n";
        assert_eq!(
            check(text),
            ["4:1 `j` is given twice in [keys.panes]: here and on line 2"]
        );
        // The first is looked for in the same table, quoted or not, and not in a key that only
        // starts like it.
        let text = "[keys.library]\nj = \"down\"\n[keys.panes]\nk = \"up\"\n\"j\" = \"down\"\nj = \"up\"\n";
        assert_eq!(
            check(text),
            ["6:1 `j` is given twice in [keys.panes]: here and on line 5"]
        );
        let text = "[keys.detail]\nj = \"down\"\njump = 1\nj = \"up\"\n";
        let errors = check(text);
        assert!(
            errors.contains(&"4:1 `j` is given twice in [keys.detail]: here and on line 2".into()),
            "{errors:?}"
        );
    }

    #[test]
    fn without_colour_a_colour_only_override_keeps_the_emphasis() {
        let (config, errors) = parse(
            "[theme]\nname = \"light\"\nselected = { bg = 253 }\nmatch = { fg = 16, bg = \"yellow\" }\n",
            Path::new("/cfg"),
        );
        assert!(errors.is_empty(), "{errors:?}");
        let theme = config.theme(Choice::Light, false);
        for role in [Role::Selected, Role::Match] {
            let s = theme.get(role);
            assert!(
                s.add_modifier.contains(ratatui::style::Modifier::REVERSED),
                "{role:?}: {s:?}"
            );
            assert_eq!((s.fg, s.bg), (None, None), "{role:?}: no colour");
        }
    }

    #[test]
    fn keys_a_terminal_cannot_send_and_a_ctrl_c_that_does_not_quit_are_refused() {
        let text = "[keys.panes]\n\"Ctrl-N\" = \"down\"\n\"Ctrl-i\" = \"down\"\n\"Ctrl-m\" = \"down\"\nF0 = \"down\"\n[keys.global]\n\"Ctrl-c\" = \"none\"\n[keys.prompt]\n\"Ctrl-c\" = \"quit\"\n\"Ctrl-h\" = \"quit\"\n";
        assert_eq!(
            check(text),
            [
                "2:1 `Ctrl-N` cannot be told from `Ctrl-n`: a terminal sends them as one key",
                "3:1 `Ctrl-i` is `Tab` to a terminal: bind `Tab` instead",
                "4:1 `Ctrl-m` is `Enter` to a terminal: bind `Enter` instead",
                "5:1 `F0`: function keys run from F1 to F24",
                "7:1 `Ctrl-c` always quits: it can be bound only to \"quit\", so there is always a way out",
            ]
        );
    }

    #[test]
    fn a_colour_is_six_hex_digits_and_nothing_else() {
        let errors = check("[theme]\nname = \"dark\"\nerror = { fg = \"#+fffff\" }\nmatch = { fg = \"#00ff00\" }\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("3:16 not a colour"), "{errors:?}");
    }

    #[test]
    fn a_character_bound_in_global_still_types_at_the_prompt() {
        let (config, errors) = parse(
            "[keys.global]\nj = \"down\"\nSpace = \"page-down\"\n\"Ctrl-n\" = \"down\"\n",
            Path::new("/cfg"),
        );
        assert!(errors.is_empty(), "{errors:?}");
        let km = config.keymap();
        let key = |s: &str| s.parse::<crate::app::keymap::Key>().unwrap();
        assert_eq!(
            km.lookup(Mode::Prompt, key("j")),
            Some(Action::PromptInput('j')),
            "j types a j"
        );
        assert_eq!(
            km.lookup(Mode::Prompt, key("Space")),
            Some(Action::PromptInput(' '))
        );
        assert_eq!(km.lookup(Mode::Panes, key("j")), Some(Action::Down));
        assert_eq!(km.lookup(Mode::Prompt, key("Ctrl-n")), Some(Action::Down));
    }

    #[test]
    fn styles_override_the_theme() {
        let text = "[theme]\nname = \"light\"\nselected = { reverse = true }\nerror = { fg = \"#ff0000\", bold = true }\nmatch = { fg = 16, bg = \"yelow\" }\nmatsh = {}\n";
        let (config, errors) = parse(text, Path::new("/cfg"));
        let errors: Vec<String> = errors.iter().map(Diagnostic::located).collect();
        assert_eq!(
            errors,
            [
                "5:25 not a colour (did you mean `yellow`?); a colour is one of default, black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, white, \"#rrggbb\" or 0 to 255",
                "6:1 unknown style `matsh` (did you mean `match`?); `brief config default` lists the styles",
            ]
        );
        assert_eq!(config.theme, Some(Choice::Light));
        let theme = config.theme(Choice::Light, true);
        assert_eq!(
            theme.get(Role::Selected),
            Style::new().add_modifier(Modifier::REVERSED)
        );
        assert_eq!(
            theme.get(Role::Error),
            Style::new()
                .fg(Color::Rgb(255, 0, 0))
                .add_modifier(Modifier::BOLD)
        );
        let mono = config.theme(Choice::Light, false);
        assert_eq!(
            mono.get(Role::Error),
            Style::new().add_modifier(Modifier::BOLD)
        );
    }

    #[test]
    fn paths_are_taken_from_the_file_folder() {
        let (config, errors) = parse("paths = [\"b\", \"/abs\"]\n", Path::new("/cfg"));
        assert!(errors.is_empty());
        assert_eq!(
            config.paths,
            [PathBuf::from("/cfg/b"), PathBuf::from("/abs")]
        );
    }

    #[test]
    fn a_syntax_error_has_its_place() {
        assert_eq!(
            check("theme = \n"),
            ["1:9 string values must be quoted, expected literal string"]
        );
    }
}
