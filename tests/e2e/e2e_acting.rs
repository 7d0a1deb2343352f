//! End to end: acting on an item from the reader (issue 19). `y` and the `Y` menu write an OSC 52
//! sequence that tmux (with `set-clipboard on`) decodes into its paste buffer, the strongest
//! proof that the bytes on the terminal are right; `o` hands the URL to `$BROWSER` or the system
//! opener (fakes that log their arguments) as one argument, and refuses a URL that holds an
//! escape, spaces or another scheme. Fails without tmux.

use std::path::Path;

use crate::tmux::{quote, repo, Tmux};

const KOREA: &str = "briefings/korea-troops.yaml";
const URLS: &str = "tests/fixtures/hostile/urls.yaml";

fn executable(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The citation of item `id` of `file`, as the library words it.
fn citation(file: &str, id: &str) -> String {
    let text = std::fs::read_to_string(repo().join(file)).unwrap();
    let loaded = brief::briefing::load_str(&text).unwrap();
    let b = &loaded.briefing;
    let item = b.find(id).and_then(|r| b.item(r)).unwrap();
    brief::briefing::describe::citation(b, item)
}

/// tmux's newest paste buffer: what the last OSC 52 sequence carried, decoded by tmux.
fn buffer(t: &Tmux) -> String {
    String::from_utf8_lossy(&t.tmux(&["show-buffer"]).stdout).into_owned()
}

/// Waits for the status bar to say `what` was copied, and for tmux to hold it.
#[track_caller]
fn copied(t: &Tmux, what: &str, expected: &str) {
    let screen = t.wait_for(&[&format!("copied {what} (")]);
    let chars = expected.chars().count();
    assert!(
        Tmux::status(&screen).contains(&format!(
            "copied {what} ({chars} chars), if tmux has set-clipboard on"
        )),
        "{screen}"
    );
    assert_eq!(buffer(t), expected);
}

fn start_with_clipboard(dir: &Path, file: &str) -> Tmux {
    let t = Tmux::start(dir, 120, 40, "", &quote(&repo().join(file)));
    // The default (`external`) drops an application's OSC 52; `on` keeps it as a buffer.
    assert!(t
        .tmux(&["set-option", "-g", "set-clipboard", "on"])
        .status
        .success());
    t.wait_for(&["Claims", "Responses"]);
    t
}

#[test]
fn y_copies_the_citation_through_osc_52_in_the_panes_the_detail_and_a_contradiction() {
    let dir = tempfile::tempdir().unwrap();
    let t = start_with_clipboard(dir.path(), KOREA);
    let wsj = citation(KOREA, "withdrawal-option");
    assert_eq!(
        wsj,
        "The Wall Street Journal, 22 May 2025, citing unnamed US defence officials familiar \
         with the discussions — B3"
    );
    t.keys(&["y"]);
    copied(&t, "citation", &wsj);

    // The second claim, in its detail.
    t.keys(&["j", "Enter"]);
    t.wait_for(&["DETAIL"]);
    let second = {
        let text = std::fs::read_to_string(repo().join(KOREA)).unwrap();
        let loaded = brief::briefing::load_str(&text).unwrap();
        loaded.briefing.claims[1].id.clone()
    };
    t.keys(&["y"]);
    copied(&t, "citation", &citation(KOREA, &second));
    t.escape_until_gone("DETAIL");

    // The contradictions view: the focused side is copied, the right one after `l`.
    t.keys(&["g", "c"]);
    t.wait_for(&["CONTRADICTIONS"]);
    t.keys(&["l"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    t.keys(&["y"]);
    let text = std::fs::read_to_string(repo().join(KOREA)).unwrap();
    let doc = brief::briefing::Document::from_text("k.yaml", &text).unwrap();
    let b = &doc.briefing;
    let pair = doc.relations.pairs.first().unwrap();
    let expected = brief::briefing::describe::citation(b, b.item(pair.right).unwrap());
    copied(&t, "citation", &expected);
    t.quit_cleanly();
}

#[test]
fn the_copy_menu_copies_the_quote_text_id_and_url_and_dims_what_the_item_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let t = start_with_clipboard(dir.path(), KOREA);
    let text = std::fs::read_to_string(repo().join(KOREA)).unwrap();
    let loaded = brief::briefing::load_str(&text).unwrap();
    let claim = &loaded.briefing.claims[0];

    t.keys(&["Y"]);
    let screen = t.wait_for(&["Copy — Esc to close", "c citation", "u URL"]);
    assert!(
        Tmux::status(&screen).contains("COPY"),
        "the menu's keys are in the hints: {screen}"
    );
    t.keys(&["q"]);
    copied(&t, "quote", claim.quote.as_deref().unwrap());
    assert!(!t.screen().contains("Copy — Esc"), "a key closes the menu");

    t.keys(&["Y"]);
    t.wait_for(&["Copy — Esc to close"]);
    t.keys(&["t"]);
    copied(&t, "text", claim.text.trim_end());

    t.keys(&["Y"]);
    t.wait_for(&["Copy — Esc to close"]);
    t.keys(&["i"]);
    let screen = t.wait_for(&["copied id ("]);
    assert!(Tmux::status(&screen).contains("copied id (17 chars)"));
    assert_eq!(buffer(&t), "withdrawal-option");

    // The claim has no URL of its own: its source's is copied.
    t.keys(&["Y"]);
    t.wait_for(&["Copy — Esc to close"]);
    t.keys(&["u"]);
    copied(&t, "URL", "https://www.wsj.com/");

    // Esc closes the menu without copying.
    t.keys(&["Y"]);
    t.wait_for(&["Copy — Esc to close"]);
    t.escape_until_gone("Copy — Esc to close");
    assert_eq!(buffer(&t), "https://www.wsj.com/");
    t.quit_cleanly();
}

#[test]
fn the_copy_menu_dims_a_quote_the_item_does_not_have() {
    let dir = tempfile::tempdir().unwrap();
    let t = start_with_clipboard(dir.path(), URLS);
    t.keys(&["Y"]);
    let screen = t.wait_for(&["Copy — Esc to close"]);
    assert!(screen.contains("q quote     (none)"), "{screen}");
    t.keys(&["q"]);
    let screen = t.wait_for(&["this claim has no quote"]);
    assert!(!screen.contains("Copy — Esc"), "{screen}");
    t.quit_cleanly();
}

/// A fake program that logs how many arguments it got and each one on a line, and writes to
/// its stdout and stderr, which must not reach the reader's screen.
fn logger(dir: &Path, name: &str, log: &Path) -> std::path::PathBuf {
    let path = dir.join(name);
    executable(
        &path,
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > {log}\necho SCRIBBLE-OUT\necho SCRIBBLE-ERR >&2\n",
            log = quote(log)
        ),
    );
    path
}

#[track_caller]
fn logged(log: &Path) -> String {
    let start = std::time::Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(log) {
            if !s.is_empty() {
                return s;
            }
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{} was never written",
            log.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn o_gives_browser_the_url_as_one_argument_and_refuses_escapes_spaces_and_other_schemes() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("browser.log");
    let browser = logger(dir.path(), "browser", &log);
    // Split into words like $EDITOR: the program, then its own arguments, then the URL.
    let env = format!(
        "BROWSER={}",
        quote(Path::new(&format!("{} --new-tab", browser.display())))
    );
    let t = Tmux::start(dir.path(), 120, 40, &env, &quote(&repo().join(URLS)));
    t.wait_for(&["Claims"]);

    // `escape`: ESC ] 8 ; ; in the URL.
    t.keys(&["o"]);
    let screen = t.wait_for(&["not opened"]);
    assert!(
        Tmux::status(&screen).contains("not opened: the URL holds a control character: U+001B"),
        "{screen}"
    );
    // `spaces`.
    t.keys(&["j", "o"]);
    let screen = t.wait_for(&["white space"]);
    assert!(
        Tmux::status(&screen)
            .contains("not opened: the URL holds white space (write a space as %20): U+0020"),
        "{screen}"
    );
    // `file`.
    t.keys(&["j", "o"]);
    let screen = t.wait_for(&["not file:"]);
    assert!(
        Tmux::status(&screen).contains("only http, https and mailto URLs are opened, not file:"),
        "{screen}"
    );
    // `bidi`.
    t.keys(&["j", "o"]);
    t.wait_for(&["invisible formatting character: U+202E"]);
    assert!(!log.exists(), "no refused URL reached the browser");

    // `fallback`: the source's URL, `;` and `?` in it, as one argument after the words.
    t.keys(&["j", "o"]);
    let screen = t.wait_for(&["opened https://good.example/path?q=1;x=2 with"]);
    assert_eq!(
        logged(&log),
        "2\n--new-tab\nhttps://good.example/path?q=1;x=2\n"
    );
    assert!(!screen.contains("SCRIBBLE"), "{screen}");

    // `nothing`: no URL anywhere.
    t.keys(&["j", "o"]);
    t.wait_for(&["this claim has no URL, nor has its source"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        !t.screen().contains("SCRIBBLE"),
        "the browser's output stays off the screen"
    );
    t.quit_cleanly();
}

#[test]
fn o_without_browser_runs_the_system_opener_with_the_url_as_one_argument() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = dir.path().join("opener.log");
    logger(&bin, "xdg-open", &log);
    let path = std::env::var("PATH").unwrap_or_default();
    let env = format!("BROWSER= PATH={}:{}", quote(&bin), quote(Path::new(&path)));
    let t = Tmux::start(dir.path(), 120, 40, &env, &quote(&repo().join(KOREA)));
    t.wait_for(&["Claims"]);
    t.keys(&["o"]);
    let screen = t.wait_for(&["opened https://www.wsj.com/ with the system's opener"]);
    assert_eq!(logged(&log), "1\nhttps://www.wsj.com/\n");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!t.screen().contains("SCRIBBLE"), "{screen}");
    t.quit_cleanly();
}

// ---- URLs as OSC 8 hyperlinks ----

/// Runs brief on `file` under `script` (which logs every byte brief writes to the terminal)
/// with `hyperlinks = "{when}"`, opens the first item's detail, and returns the screen and the
/// bytes.
fn detail_with_hyperlinks(file: &str, when: &str, keys: &[&str], wait: &str) -> (String, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("cfg/brief")).unwrap();
    std::fs::write(
        dir.path().join("cfg/brief/config.toml"),
        format!("hyperlinks = \"{when}\"\n"),
    )
    .unwrap();
    let log = dir.path().join("raw.log");
    let script = format!(
        "XDG_CONFIG_HOME={} script -q -e -c {} {}; echo BRIEF-EXIT=$?; sleep 60",
        quote(&dir.path().join("cfg")),
        quote(Path::new(&format!(
            "{} {}",
            crate::tmux::brief(),
            quote(&repo().join(file))
        ))),
        quote(&log)
    );
    let t = Tmux::start_script(dir.path(), 120, 40, &script);
    t.wait_for(&["Claims"]);
    t.keys(keys);
    let screen = t.wait_for(&[wait]);
    t.quit_cleanly();
    (screen, std::fs::read(&log).unwrap())
}

#[test]
fn a_url_drawn_whole_goes_out_as_an_osc_8_link_and_the_screen_is_the_same_without() {
    let (linked, bytes) =
        detail_with_hyperlinks(KOREA, "always", &["Enter"], "https://www.wsj.com/");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains("\u{1b}]8;;https://www.wsj.com/\u{1b}\\"),
        "the detail's URL line is a link"
    );
    let opened = raw.matches("\u{1b}]8;;https://").count();
    let closed = raw.matches("\u{1b}]8;;\u{1b}\\").count();
    assert_eq!(opened, closed, "every link is closed");
    // tmux 3.3 drops OSC 8: what it shows must be exactly what it shows without links, so the
    // sequences took no cells and moved nothing.
    let (plain, bytes) = detail_with_hyperlinks(KOREA, "never", &["Enter"], "https://www.wsj.com/");
    assert!(!String::from_utf8_lossy(&bytes).contains("\u{1b}]8;"));
    assert_eq!(linked, plain);
}

#[test]
fn a_url_that_could_end_a_link_early_is_never_sent_as_one() {
    let (screen, bytes) = detail_with_hyperlinks(URLS, "always", &["Enter"], "Id          escape");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        !raw.contains("]8;;https://a.example"),
        "the escaped URL is no link"
    );
    assert!(
        !raw.contains("evil.example/\u{1b}"),
        "its escape is never sent raw"
    );
    assert!(!screen.contains("evil.example/\u{1b}"));
    // The source's URL on the same screen is.
    assert!(raw.contains("\u{1b}]8;;https://good.example/path?q=1;x=2\u{1b}\\"));
}
