//! Never losing work, never being overwritten: lock files, autosave and recovery, and a
//! colleague's save merged in. The editor is driven through its AccessKit tree, and for
//! the crash a real editor process is killed with SIGKILL.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attache::store;
use attache::ui::{AttacheApp, ScriptedDialogs, StartOptions};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The editor on `file`, with its own data folder and lock files on.
fn editor(file: &Path, data: &Path) -> Harness<'static, AttacheApp> {
    editor_answering(file, data, ScriptedDialogs::default())
}

/// As [`editor`], with file choosers that answer as `dialogs` says.
fn editor_answering(
    file: &Path,
    data: &Path,
    dialogs: ScriptedDialogs,
) -> Harness<'static, AttacheApp> {
    common::start(StartOptions {
        file: Some(file.to_owned()),
        read_only: false,
        dialogs: Box::new(dialogs),
        printing: std::sync::Arc::new(attache::print::Cups),
        data_dir: Some(data.to_owned()),
        locks: true,
    })
}

/// A copy of the sample in a folder of its own, open in an editor with a data folder of its
/// own: (folder, data folder, file, editor).
fn open_sample() -> (
    tempfile::TempDir,
    tempfile::TempDir,
    PathBuf,
    Harness<'static, AttacheApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let h = editor(&file, data.path());
    (dir, data, file, h)
}

fn sample_in(dir: &Path) -> PathBuf {
    let path = dir.join("visit.ron");
    std::fs::copy(common::SAMPLE, &path).unwrap();
    path
}

/// Steps the editor in real time until `done` holds (the watch and autosave run on
/// real clocks and threads), or fails after `secs`.
fn step_until(
    h: &mut Harness<'static, AttacheApp>,
    secs: u64,
    what: &str,
    done: impl Fn(&Harness<'static, AttacheApp>) -> bool,
) {
    let end = Instant::now() + Duration::from_secs(secs);
    while !done(h) {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run();
}

fn type_into(h: &mut Harness<'static, AttacheApp>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// "Another user" saves `file` with `change` made to it.
fn colleague_saves(file: &Path, change: impl FnOnce(&mut attache::model::Dossier)) {
    let mut theirs = store::load(file).unwrap();
    change(&mut theirs);
    store::save(file, &theirs, store::SaveOptions { backup: false }).unwrap();
}

/// Steps until the changed-on-disk question shows.
fn until_asked(h: &mut Harness<'static, AttacheApp>) {
    step_until(h, 15, "the changed-on-disk question", |h| {
        h.query_by_label("The file was changed by someone else")
            .is_some()
    });
}

fn lock_file(file: &Path) -> PathBuf {
    store::lock::lock_path(file)
}

#[test]
fn a_second_opener_is_told_who_has_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let first = editor(&file, data.path());
    let lock = std::fs::read_to_string(lock_file(&file)).expect("the first opener locks");
    assert!(
        lock.contains(&format!("pid: {}", std::process::id())),
        "{lock}"
    );
    assert!(!first.state().doc.read_only);

    let mut second = editor(&file, data.path());
    let told = second
        .query_by_label_contains("is open for editing by")
        .expect("the second opener is told")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    let user = attache::store::lock::login_name();
    assert!(told.contains(&user), "{told}");
    assert!(told.contains("since"), "{told}");
    assert!(second.state().doc.read_only, "read-only until answered");
    second.get_by_label("Open read-only").click();
    second.run();
    assert!(second.state().doc.read_only);
    assert!(second.state().title().contains("(read-only)"));
    // The first opener's lock is untouched; the read-only opener took none.
    assert_eq!(std::fs::read_to_string(lock_file(&file)).unwrap(), lock);
    drop(second);
    assert_eq!(std::fs::read_to_string(lock_file(&file)).unwrap(), lock);

    // A third opener edits anyway: told in the status bar, and no lock of theirs.
    let mut third = editor(&file, data.path());
    third.get_by_label("Edit anyway").click();
    third.run();
    assert!(!third.state().doc.read_only);
    assert!(third.query_by_label("Also open elsewhere").is_some());
    // When the lock holder saves, the question names them.
    type_into(&mut third, "Venue", " (third)");
    colleague_saves(&file, |theirs| {
        theirs.meta.office = "Protocol".to_owned();
    });
    until_asked(&mut third);
    assert!(
        third
            .query_by_label_contains(&format!("It is open for editing by {user} on "))
            .is_some()
    );
    drop(third);
    assert_eq!(std::fs::read_to_string(lock_file(&file)).unwrap(), lock);

    // Closing removes the lock.
    let mut first = first;
    first.state_mut().close();
    drop(first);
    assert!(!lock_file(&file).exists());
}

#[test]
fn a_folder_where_no_lock_can_be_written_still_opens_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    // A name the system takes, whose lock name (9 bytes longer) it does not: what a
    // read-only share does to every lock, and which root cannot get round either.
    let file = dir.path().join(format!("{}.ron", "v".repeat(246)));
    std::fs::copy(common::SAMPLE, &file).unwrap();
    let h = editor(&file, data.path());
    let notice = h.state().last_notice().unwrap_or_default();
    assert!(notice.contains("No lock file could be written"), "{notice}");
    assert!(!h.state().doc.read_only, "it still opens for editing");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_still_opens_with_a_notice() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let h = editor(&file, data.path());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let notice = h.state().last_notice().unwrap_or_default();
    // Root writes into any folder, and then simply holds the lock.
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if root {
        assert!(h.state().doc.lock.is_some());
    } else {
        assert!(notice.contains("No lock file could be written"), "{notice}");
    }
    assert!(!h.state().doc.read_only);
}

#[test]
fn a_lock_that_cannot_be_read_is_reported_not_removed() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    // A folder where the lock would be.
    std::fs::create_dir(lock_file(&file)).unwrap();
    let h = editor(&file, data.path());
    let told = h
        .query_by_label_contains("may be open for editing by someone")
        .expect("reported")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(told.contains("not a regular file"), "{told}");
    assert!(lock_file(&file).is_dir());
}

#[test]
fn a_colleagues_save_is_merged_with_our_unsaved_edits() {
    let (_dir, _data, file, mut h) = open_sample();
    type_into(&mut h, "Title", " (draft)");
    assert!(h.state().doc.is_dirty());

    // "Another user" saves the file with a change of their own, elsewhere in it.
    let mut theirs = store::load(&file).unwrap();
    theirs.delegations[0].members[1]
        .position
        .push_str(" (confirmed)");
    let their_position = theirs.delegations[0].members[1].position.clone();
    store::save(&file, &theirs, store::SaveOptions { backup: false }).unwrap();

    until_asked(&mut h);
    h.get_by_label("Merge their changes into mine").click();
    h.run();
    let d = &h.state().doc.dossier;
    assert!(
        d.meta.title.ends_with(" (draft)"),
        "ours kept: {}",
        d.meta.title
    );
    assert_eq!(
        d.delegations[0].members[1].position, their_position,
        "theirs kept"
    );
    assert!(d.conflicts.is_empty());
    assert!(h.state().doc.is_dirty(), "the merge is ours to save");

    // Saving now asks nothing (their version is our base) and writes both.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("The file was changed by someone else")
            .is_none()
    );
    let saved = store::load(&file).unwrap();
    assert!(saved.meta.title.ends_with(" (draft)"));
    assert_eq!(saved.delegations[0].members[1].position, their_position);

    // Undo takes the merge back as one step (after the save: unsaved again).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let d = &h.state().doc.dossier;
    assert_ne!(d.delegations[0].members[1].position, their_position);
    assert!(d.meta.title.ends_with(" (draft)"));
}

#[test]
fn the_same_field_changed_both_ways_is_a_conflict_not_a_loss() {
    let (_dir, _data, file, mut h) = open_sample();
    type_into(&mut h, "Title", " (ours)");
    colleague_saves(&file, |theirs| {
        theirs.meta.title.push_str(" (theirs)");
    });
    until_asked(&mut h);
    h.get_by_label("Merge their changes into mine").click();
    h.run();
    let d = &h.state().doc.dossier;
    assert!(d.meta.title.ends_with(" (ours)"), "ours in place");
    assert_eq!(d.conflicts.len(), 1);
    let conflict = format!("{:?}", d.conflicts[0]);
    assert!(conflict.contains("(theirs)"), "{conflict}");
    assert!(
        std::fs::read_to_string(&file).unwrap().contains("(theirs)"),
        "their file is untouched"
    );
}

#[test]
fn with_nothing_unsaved_a_colleagues_save_is_reloaded_and_said() {
    let (_dir, _data, file, mut h) = open_sample();
    colleague_saves(&file, |theirs| {
        theirs.meta.title = "Talks, rescheduled".to_owned();
    });
    step_until(&mut h, 15, "the reload", |h| {
        h.state().doc.dossier.meta.title == "Talks, rescheduled"
    });
    let notice = h.state().last_notice().unwrap_or_default();
    assert!(notice.contains("has been reloaded: 1 change"), "{notice}");
    assert!(!h.state().doc.is_dirty());
    // Still ours to edit, and still locked by us.
    assert!(!h.state().doc.read_only);
    assert!(lock_file(&file).exists());
}

#[test]
fn a_broken_save_on_disk_is_reported_once_and_ours_is_kept() {
    let (_dir, _data, file, mut h) = open_sample();
    let before = h.state().doc.dossier.clone();
    std::fs::write(&file, "(schema: 5, meta: (title: \"half").unwrap();
    step_until(&mut h, 15, "the report", |h| {
        h.state().last_error().is_some()
    });
    let message = h.state().last_error().unwrap();
    assert!(message.contains("cannot be read"), "{message}");
    assert_eq!(h.state().doc.dossier, before);
}

#[test]
fn unsaved_edits_are_kept_for_recovery_and_cleared_by_saving() {
    let (_dir, data, file, mut h) = open_sample();
    type_into(&mut h, "Title", " (recovered)");
    step_until(&mut h, 15, "the recovery copy", |h| {
        h.state().doc.recovery_kept
    });
    let files = store::recovery::list(data.path()).found;
    assert_eq!(files.len(), 1);
    let r = files[0].recovery.as_ref().unwrap();
    assert_eq!(r.file.as_deref(), Some(file.as_path()));
    assert!(r.dossier.contains(" (recovered)"));
    assert_eq!(r.base.as_deref(), Some(common::sample_text().as_str()));
    assert!(h.query_by_label("(kept for recovery)").is_some());
    // The user's own file is untouched until they save.
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        common::sample_text()
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    step_until(&mut h, 10, "the recovery copy to go", |_| {
        store::recovery::list(data.path()).found.is_empty()
    });
}

/// What the killed editor's session leaves, offered back by the next start.
fn assert_offered_back(file: &Path, data: &Path, typed: &str) {
    let mut h = editor(file, data);
    assert!(
        h.query_by_label("Unsaved changes were recovered").is_some(),
        "the next start offers the edits back"
    );
    let change = h
        .query_by_label_contains("title changed: was")
        .expect("the offer shows what changed")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(change.contains(typed), "{change}");
    let notice = h.state().last_notice().unwrap_or_default();
    assert!(
        notice.contains("the lock was cleared"),
        "the killed editor's lock is stale: {notice}"
    );
    h.get_by_label("Restore visit.ron").click();
    h.run();
    let doc = &h.state().doc;
    assert!(
        doc.dossier.meta.title.contains(typed),
        "{}",
        doc.dossier.meta.title
    );
    assert!(doc.is_dirty());
    assert_eq!(doc.path.as_deref(), Some(file));
    assert!(!doc.read_only);
    // The Changes panel shows what was restored against the saved file.
    assert!(h.state().view.review.comparison.is_some());
    // Undo gives the file as saved; redo the restored edits.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().doc.dossier.meta.title.contains(typed));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(h.state().doc.dossier.meta.title.contains(typed));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(store::load(file).unwrap().meta.title.contains(typed));
}

#[test]
fn a_killed_editor_loses_nothing_typed() {
    let Some(x) = common::Xvfb::start() else {
        panic!("Xvfb and xdotool are needed (`.ci/run` installs them)");
    };
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let data = home.path().join("data");
    // Where the Title field is, as the editor lays it out in a window of this size.
    let title_at = {
        let h = editor(&file, &tempfile::tempdir().unwrap().path().join("probe"));
        h.get_by_role_and_label(Role::TextInput, "Title")
            .rect()
            .center()
    };
    // Its output goes to a file, to say why when no window comes. A window that never came
    // was seen once on a loaded CI machine, and not reproduced: the editor is started once
    // more then, and the test fails with both logs if it fails again.
    let launch = |attempt: usize| {
        let log = home.path().join(format!("editor-{attempt}.log"));
        let app = std::process::Command::new(env!("CARGO_BIN_EXE_attache"))
            .arg(&file)
            .env("DISPLAY", &x.display)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", &data)
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("RUST_BACKTRACE", "1")
            .env_remove("WAYLAND_DISPLAY")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        (app, log)
    };
    let mut logs = Vec::new();
    let (mut app, window) = loop {
        let (mut app, log) = launch(logs.len());
        match x.window_of("attache", &mut app, 90) {
            Ok(window) => break (app, window),
            Err(why) => {
                let _ = app.kill();
                let _ = app.wait();
                let printed = std::fs::read_to_string(&log).unwrap_or_default();
                logs.push(format!("{why}; it printed:\n{printed}"));
                assert!(
                    logs.len() < 2,
                    "the editor's window appears: {}",
                    logs.join("\n---\n")
                );
                // The first run's lock is stale now, and is cleared as such.
            }
        }
    };
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        lock_file(&file).exists(),
        "the running editor holds the lock"
    );
    // A second opener, while it runs, is told who has it.
    {
        let other = tempfile::tempdir().unwrap();
        let h = editor(&file, other.path());
        assert!(
            h.query_by_label_contains("is open for editing by")
                .is_some(),
            "a second opener is told"
        );
    }
    x.click(&window, title_at.x, title_at.y);
    let typed = "Kept after kill";
    x.run(&["type", "--window", &window, "--delay", "20", typed]);
    // A few seconds after typing: the autosave's pause has passed.
    std::thread::sleep(Duration::from_secs(4));
    app.kill().unwrap(); // SIGKILL
    app.wait().unwrap();
    assert!(lock_file(&file).exists(), "a killed editor cannot clean up");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        common::sample_text(),
        "nothing was saved into the file"
    );
    // The editor keeps its data in $XDG_DATA_HOME/attache.
    assert_offered_back(&file, &data.join("attache"), typed);
}

#[test]
fn check_names_who_has_the_file_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let store::lock::Acquired::Locked { lock, .. } =
        store::lock::acquire(&file, &store::lock::Holder::me("Amina Njoroge"))
    else {
        panic!("locks")
    };
    let (code, out) = common::run_on(&["check"], &[&file]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: open for editing by Amina Njoroge on "),
        "{out}"
    );
    lock.release();
    let (_, out) = common::run_on(&["check"], &[&file]);
    assert!(!out.contains("open for editing"), "{out}");
}

/// A recovery file as a session that has ended left it, for `file`, holding `dossier`.
fn leave_recovery(data: &Path, file: Option<&Path>, base: Option<String>, dossier: &str) {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let mut r = store::recovery::Recovery::new(
        file.map(Path::to_owned),
        "Left behind".into(),
        base,
        dossier.to_owned(),
    );
    r.pid = dead;
    let path = store::recovery::folder(data).join(format!("left-{dead}.recovery.ron"));
    store::recovery::write(&path, &r).unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    assert!(
        std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap()
            .success()
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_in_place_of_the_file_or_in_a_recovery_never_freezes_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    mkfifo(&fifo);
    let edited = common::sample_text().replace("Washington, D.C.", "Nairobi");
    leave_recovery(data.path(), Some(&fifo), None, &edited);
    let file = sample_in(dir.path());
    // Starting reads the recovery's file to show what changed: a pipe is refused, not
    // waited on.
    let mut h = editor(&file, data.path());
    assert!(h.query_by_label("Unsaved changes were recovered").is_some());
    assert!(
        h.query_by_label_contains("not a regular file").is_some(),
        "the offer says why the file cannot be read"
    );
    h.get_by_label("Decide later").click();
    h.run();
    // The open file replaced by a pipe: the periodic look says so, and does not wait.
    std::fs::remove_file(&file).unwrap();
    mkfifo(&file);
    step_until(&mut h, 15, "the report", |h| {
        h.state().last_error().is_some()
    });
    let message = h.state().last_error().unwrap();
    assert!(message.contains("not a regular file"), "{message}");
}

#[test]
fn edits_of_a_file_that_cannot_be_read_now_are_restored_as_a_new_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    // The recovery names a file that holds something else now (not a dossier).
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "not a dossier").unwrap();
    let edited = common::sample_text().replace("Washington, D.C.", "Nairobi");
    leave_recovery(data.path(), Some(&other), None, &edited);
    let file = sample_in(dir.path());
    let mut h = editor(&file, data.path());
    h.get_by_label("Restore notes.txt").click();
    h.run();
    let doc = &h.state().doc;
    assert_eq!(doc.path, None, "not into the file it cannot read");
    assert_eq!(doc.dossier.meta.venue, "Nairobi");
    assert!(doc.is_dirty());
    let notice = h.state().last_notice().unwrap_or_default();
    assert!(notice.contains("cannot be read now"), "{notice}");
    assert!(
        !store::lock::lock_path(&other).exists(),
        "no lock taken there"
    );
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "not a dossier");
}

#[test]
fn edits_of_a_file_that_was_gone_are_saved_only_after_asking_when_it_came_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.ron");
    let edited = common::sample_text().replace("Washington, D.C.", "Nairobi");
    leave_recovery(data.path(), Some(&gone), None, &edited);
    let file = sample_in(dir.path());
    let mut h = editor(&file, data.path());
    assert!(h.query_by_label_contains("no longer there").is_some());
    h.get_by_label("Restore gone.ron").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(gone.as_path()));
    assert_eq!(h.state().doc.dossier.meta.venue, "Nairobi");
    // A colleague puts a file there meanwhile: saving asks rather than replacing it.
    std::fs::write(&gone, common::sample_text()).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("The file was changed by someone else")
            .is_some()
    );
    assert_eq!(
        std::fs::read_to_string(&gone).unwrap(),
        common::sample_text()
    );
}

#[test]
fn edits_are_kept_though_no_frame_follows() {
    // A window covered or minimised right after typing draws no frames: the writer keeps
    // the time itself.
    let (_dir, data, _file, mut h) = open_sample();
    type_into(&mut h, "Venue", " (last words)");
    let end = Instant::now() + Duration::from_secs(15);
    loop {
        let listed = store::recovery::list(data.path()).found;
        if listed
            .first()
            .and_then(|f| f.recovery.as_ref().ok())
            .is_some_and(|r| r.dossier.contains("(last words)"))
        {
            break;
        }
        assert!(Instant::now() < end, "written without another frame");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn undoing_a_merge_makes_the_next_save_ask_again() {
    let (_dir, _data, file, mut h) = open_sample();
    type_into(&mut h, "Title", " (ours)");
    colleague_saves(&file, |theirs| {
        theirs.meta.venue = "Nairobi".to_owned();
    });
    let their_text = std::fs::read_to_string(&file).unwrap();
    until_asked(&mut h);
    h.get_by_label("Merge their changes into mine").click();
    h.run();
    assert_eq!(h.state().doc.dossier.meta.venue, "Nairobi");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(
        h.state().doc.dossier.meta.venue,
        "Nairobi",
        "the merge is undone"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("The file was changed by someone else")
            .is_some(),
        "their version is on disk again, and ours lacks it"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), their_text);
    // Redoing the merge makes it ours again: saving asks nothing and keeps both.
    h.get_by_label("Not now").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&file).unwrap();
    assert_eq!(saved.meta.venue, "Nairobi");
    assert!(saved.meta.title.ends_with(" (ours)"));
}

#[test]
fn save_as_over_a_file_someone_has_open_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let theirs = dir.path().join("theirs.ron");
    std::fs::copy(common::SAMPLE, &theirs).unwrap();
    let _their_editor = editor(&theirs, data.path());
    // The file chooser answers with their file (a chooser asks about replacing a file,
    // not about who has it open).
    let mut h = editor_answering(
        &file,
        data.path(),
        ScriptedDialogs::answering([attache::ui::DialogAnswer::Picked(theirs.clone())]),
    );
    type_into(&mut h, "Title", " (mine)");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.run();
    assert!(h.query_by_label("Replace theirs.ron?").is_some());
    assert!(
        h.query_by_label_contains("It is open for editing by")
            .is_some(),
        "the question says who has it"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        common::sample_text()
    );
    assert_eq!(h.state().doc.path.as_deref(), Some(file.as_path()));
}
