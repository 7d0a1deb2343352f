//! Opening an item's URL (`o`): which URLs are opened, and the program that opens them.
//!
//! Only `http`, `https` and `mailto` URLs are opened: a `file:`, `javascript:` or custom scheme
//! in a briefing someone sent is not for brief to start. A URL holding white space, a control
//! character (an ESC could end an OSC 8 link early: `\x1b]8;;`) or an invisible formatting
//! character (bidi overrides, zero-width spaces: what makes a link look like another) is refused
//! with the reason, not repaired: percent-escaping it would open a page the file does not name.
//! The same check decides which URLs the reader draws as hyperlinks ([`linkable`]).
//!
//! The program: `$BROWSER` when set — a colon-separated list, as the xdg convention has it, each
//! entry split into words like `$EDITOR`, `%s` replaced by the URL (`%%` is a `%`), else the URL
//! added after the words — tried in order; else the system opener (`xdg-open`, `gio open`,
//! `open`, …, through the `open` crate). Never a shell: the URL is one argument. It starts with
//! its scheme, so no program takes it for an option. The program runs detached: no terminal
//! (stdin, stdout and stderr are /dev/null, so nothing scribbles over the reader), a process
//! group of its own (no signal from the terminal reaches it), and reaped when it ends.

use std::ffi::OsString;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a program is watched for an early failure (a missing display, a bad option) before
/// it counts as started. The `open` crate waits as long per launcher.
const FAILURE_CHECK: Duration = Duration::from_millis(250);

/// Why a URL is not opened or linked, in words for the status bar.
pub fn check(url: &str) -> Result<(), String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") || lower.starts_with("mailto:") {
        url.get(7..)
    } else {
        let scheme: String = url
            .split(':')
            .next()
            .unwrap_or("")
            .chars()
            .take(20)
            .collect();
        return Err(if url.contains(':') && !scheme.is_empty() {
            format!(
                "only http, https and mailto URLs are opened, not {}:",
                crate::text::sanitize_line(&scheme)
            )
        } else {
            "it is not a URL (it should start with https://)".to_string()
        });
    };
    if rest.is_none_or(str::is_empty) {
        return Err("the URL names nothing after its scheme".into());
    }
    if let Some(c) = url.chars().find(|&c| bad(c)) {
        let what = if c.is_whitespace() {
            "white space (write a space as %20)"
        } else if c.is_control() {
            "a control character"
        } else {
            "an invisible formatting character"
        };
        return Err(format!("the URL holds {what}: U+{:04X}", u32::from(c)));
    }
    Ok(())
}

/// Whether `c` may not appear in a URL brief opens or links.
fn bad(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Whether the reader may draw `url` as an OSC 8 hyperlink: what [`check`] accepts, and short
/// enough for every terminal that takes them (VTE and kitty drop longer ones).
pub fn linkable(url: &str) -> bool {
    url.len() <= 2048 && check(url).is_ok()
}

/// One way to run a browser: the program and its arguments, the URL among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    pub program: String,
    pub args: Vec<OsString>,
}

/// The commands `$BROWSER` (its value: `browser`) names for `url`, in the order to try them.
pub fn browser_commands(browser: &str, url: &str) -> Vec<Launch> {
    browser
        .split(':')
        .filter_map(|entry| {
            let mut words = entry.split_whitespace();
            let program = words.next()?.to_string();
            let mut placed = false;
            let mut args: Vec<OsString> = words
                .map(|w| {
                    if w.contains("%s") {
                        placed = true;
                    }
                    OsString::from(expand(w, url))
                })
                .collect();
            if !placed {
                args.push(url.into());
            }
            Some(Launch { program, args })
        })
        .collect()
}

/// A word of `$BROWSER` with `%s` the URL and `%%` a `%`.
fn expand(word: &str, url: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('%', Some('s')) => {
                chars.next();
                out.push_str(url);
            }
            ('%', Some('%')) => {
                chars.next();
                out.push('%');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Opens `url` and says how it went, for the status bar: `$BROWSER` (the value given) when set
/// and not blank, else the system opener.
pub fn open(url: &str, browser: Option<&str>) -> String {
    let shown = crate::text::sanitize_line(url);
    if let Err(why) = check(url) {
        return format!("not opened: {why}");
    }
    match browser.filter(|b| !b.trim().is_empty()) {
        Some(b) => {
            let mut last = "$BROWSER names no program".to_string();
            for launch in browser_commands(b, url) {
                match run(&launch) {
                    Ok(()) => {
                        return format!(
                            "opened {shown} with {}",
                            crate::text::sanitize_line(&launch.program)
                        )
                    }
                    Err(why) => last = why,
                }
            }
            format!("not opened: {last}")
        }
        None => match open::that_detached(url) {
            Ok(()) => format!("opened {shown} with the system's opener"),
            Err(e) => format!(
                "not opened: no opener worked (set $BROWSER): {}",
                crate::briefing::load::io_reason(&e)
            ),
        },
    }
}

/// Starts `launch` detached, and waits a moment for a quick failure.
fn run(launch: &Launch) -> Result<(), String> {
    let name = crate::text::sanitize_line(&launch.program).into_owned();
    let mut cmd = Command::new(&launch.program);
    cmd.args(&launch.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn().map_err(|e| {
        format!(
            "cannot run `{name}`: {}",
            crate::briefing::load::io_reason(&e)
        )
    })?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("`{name}` exited with {status}")),
            Ok(None) if start.elapsed() >= FAILURE_CHECK => break,
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break,
        }
    }
    // Still running: a browser that stays. Reaped when it ends, so no zombie is left.
    let _ = std::thread::Builder::new()
        .name("brief-browser-wait".into())
        .stack_size(64 * 1024)
        .spawn(move || {
            let _ = child.wait();
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(l: &Launch) -> Vec<String> {
        std::iter::once(l.program.clone())
            .chain(l.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn only_http_https_and_mailto_urls_without_spaces_or_controls_pass() {
        assert_eq!(check("https://www.wsj.com/"), Ok(()));
        assert_eq!(check("HTTP://example.org/a?b=c;d"), Ok(()));
        assert_eq!(check("mailto:desk@example.org"), Ok(()));
        assert_eq!(check("https://한국.example/경로"), Ok(()));
        assert_eq!(
            check("file:///etc/passwd"),
            Err("only http, https and mailto URLs are opened, not file:".into())
        );
        assert_eq!(
            check("javascript:alert(1)"),
            Err("only http, https and mailto URLs are opened, not javascript:".into())
        );
        assert_eq!(
            check("www.example.org"),
            Err("it is not a URL (it should start with https://)".into())
        );
        assert_eq!(
            check("https://"),
            Err("the URL names nothing after its scheme".into())
        );
        assert_eq!(
            check("https://a.example/x y"),
            Err("the URL holds white space (write a space as %20): U+0020".into())
        );
        assert_eq!(
            check("https://a.example/\u{1b}]8;;https://evil.example/\u{1b}\\"),
            Err("the URL holds a control character: U+001B".into())
        );
        assert_eq!(
            check("https://a.example/\u{7}"),
            Err("the URL holds a control character: U+0007".into())
        );
        assert_eq!(
            check("https://a.example/\u{9c}"),
            Err("the URL holds a control character: U+009C".into())
        );
        assert_eq!(
            check("https://evil.example/\u{202E}moc.elgoog"),
            Err("the URL holds an invisible formatting character: U+202E".into())
        );
        assert!(!linkable(&format!(
            "https://a.example/{}",
            "x".repeat(3000)
        )));
        assert!(linkable("https://a.example/"));
    }

    #[test]
    fn browser_is_split_into_words_and_the_url_is_one_argument() {
        let url = "https://a.example/?q=1;rm -rf";
        let got: Vec<Vec<String>> = browser_commands("firefox --new-tab", url)
            .iter()
            .map(words)
            .collect();
        assert_eq!(got, [vec!["firefox", "--new-tab", url]]);
        // A colon-separated list, tried in order; `%s` is the URL, `%%` a percent sign.
        let got: Vec<Vec<String>> = browser_commands("chromium --app=%s:lynx", "https://a/")
            .iter()
            .map(words)
            .collect();
        assert_eq!(
            got,
            [
                vec!["chromium", "--app=https://a/"],
                vec!["lynx", "https://a/"]
            ]
        );
        let got: Vec<Vec<String>> = browser_commands("b 100%% %s", "https://a/%41")
            .iter()
            .map(words)
            .collect();
        assert_eq!(got, [vec!["b", "100%", "https://a/%41"]]);
        assert!(browser_commands(" : ", "https://a/").is_empty());
    }
}
