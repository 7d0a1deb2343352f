//! End to end: reading state kept between two runs of the real binary, in a temporary
//! `XDG_STATE_HOME` (never the user's). The selection comes back; an edit between two runs is
//! marked; a store of garbage bytes is said once, the reader runs, and the garbage is kept.

use crate::libsupport;
use crate::tmux::{quote, Tmux};

const KOREA: &str = "briefings/korea-troops.yaml";

/// A folder with a copy of the Korea briefing, and the `XDG_STATE_HOME=…` of a state home in
/// it.
fn setup() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("korea.yaml"), libsupport::read(KOREA)).unwrap();
    let env = format!("XDG_STATE_HOME={}", quote(&dir.path().join("state")));
    (dir, env)
}

#[test]
fn the_third_response_selected_is_selected_again_on_the_next_run() {
    let (dir, env) = setup();
    let t = Tmux::start(dir.path(), 120, 40, &env, "korea.yaml");
    t.wait_for(&["Claims 1/4", "PANES"]);
    t.keys(&["2", "j", "j"]);
    t.wait_for(&["Responses 3/3", "response 3/3"]);
    t.quit_cleanly();
    drop(t);
    assert!(dir.path().join("state/brief/state.db").is_file());
    // Closed on quit: its write-ahead log folded back into state.db, which alone holds it all.
    assert!(
        !dir.path().join("state/brief/state.db-wal").exists(),
        "state.db-wal is left after quitting"
    );

    let t = Tmux::start(dir.path(), 120, 40, &env, "korea.yaml");
    let screen = t.wait_for(&["Responses 3/3", "PANES"]);
    assert!(
        Tmux::status(&screen).contains("response 3/3"),
        "the Responses pane is in focus on its third item:\n{screen}"
    );
    t.quit_cleanly();
}

#[test]
fn an_edit_between_two_runs_is_counted_in_the_header_and_listed_by_d() {
    let (dir, env) = setup();
    let t = Tmux::start(dir.path(), 120, 40, &env, "korea.yaml");
    t.wait_for(&["Claims 1/4"]);
    t.quit_cleanly();
    drop(t);
    let file = dir.path().join("korea.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace(
        "    date: 2025-05-22\n    status: reported\n",
        "    date: 2025-05-22\n    status: confirmed\n",
    );
    let start = text.find("  - id: snap-election").unwrap();
    let end = text.find("  - id: nds-review").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]).replace(
        "\nresponses:\n",
        "\n  - id: late-claim\n    text: A claim added overnight.\n    source: wsj\n\nresponses:\n",
    );
    std::fs::write(&file, text).unwrap();

    let t = Tmux::start(dir.path(), 120, 40, &env, "korea.yaml");
    t.wait_for(&[
        "1 new · 1 changed · 1 removed",
        "Δ status: reported → confirmed",
    ]);
    t.keys(&["D"]);
    t.wait_for(&[
        "Changes since last read",
        "changed claim policy-review",
        "new claim late-claim",
        "removed context snap-election",
    ]);
    t.escape_until_gone("Changes since last read");
    t.quit_cleanly();
}

#[test]
fn a_store_of_garbage_is_said_and_kept_and_the_reader_runs() {
    let (dir, env) = setup();
    let store = dir.path().join("state/brief/state.db");
    std::fs::create_dir_all(store.parent().unwrap()).unwrap();
    let garbage = b"this is not a database, it is garbage \x00\x01\x02".repeat(200);
    std::fs::write(&store, &garbage).unwrap();
    let t = Tmux::start(dir.path(), 120, 40, &env, "korea.yaml");
    t.wait_for(&["Claims 1/4", "not a brief state store"]);
    t.keys(&["j"]);
    t.wait_for(&["claim 2/4"]);
    t.quit_cleanly();
    let kept: Vec<_> = std::fs::read_dir(store.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.db.corrupt-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(kept[0].path()).unwrap(), garbage);
}

#[test]
fn capital_a_writes_the_note_in_the_editor_given_the_file_after_dashes() {
    let (dir, env) = setup();
    // An editor that checks it was given `-- FILE`, keeps what the file held and adds a line.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\n[ \"$1\" = \"--\" ] || exit 3\ncat \"$2\" > \"$2.was\"\necho 'written in the editor' >> \"$2\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let env = format!("{env} VISUAL= EDITOR={}", quote(&editor));
    let t = Tmux::start(dir.path(), 120, 40, &env, "korea.yaml");
    t.wait_for(&["Claims 1/4"]);
    t.keys(&["a"]);
    t.wait_for(&["note on withdrawal-option"]);
    t.type_text("first words");
    t.keys(&["Enter"]);
    t.wait_for(&["✎ note", "note on withdrawal-option kept"]);
    t.keys(&["A"]);
    t.wait_for(&["note on withdrawal-option kept", "PANES"]);
    t.keys(&["Enter"]);
    t.wait_for(&["first words", "written in the editor"]);
    t.quit_cleanly();
}
