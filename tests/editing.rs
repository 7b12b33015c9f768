//! Everyday editing as a person does it, through the AccessKit tree: the cursor stays with
//! the item it is in, choices that are one per dossier stay one, files are chosen in a
//! chooser, and what ends up in the saved file is what was meant.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use attache::store;
use attache::ui::{AttacheApp, FileDialogs, StartOptions, WindowDialogs};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn open(path: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Harness<'static, AttacheApp> {
    common::start(StartOptions {
        file: path,
        read_only: false,
        dialogs,
        printing: Arc::new(attache::print::Cups),
        data_dir: None,
        locks: false,
    })
}

fn sample_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(common::SAMPLE, &path).unwrap();
    path
}

fn focused_text(h: &Harness<'_, AttacheApp>) -> usize {
    h.get_all_by_role(Role::TextInput)
        .filter(|n| n.is_focused())
        .count()
}

#[test]
fn where_the_desktop_has_no_portal_files_are_opened_and_saved_in_the_windows_chooser() {
    let dir = tempfile::tempdir().unwrap();
    let visit = sample_copy(dir.path(), "visit.ron");
    let mut other = store::load(&visit).unwrap();
    other.meta.title = "Follow-up visit".to_owned();
    store::save(
        &dir.path().join("follow-up.ron"),
        &other,
        Default::default(),
    )
    .unwrap();
    common::write(dir.path(), "notes.txt", "not a dossier");

    let mut h = open(Some(visit.clone()), Box::new(WindowDialogs::default()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    // Dossiers are listed, other files are not.
    assert!(h.query_by_label("🗋 follow-up.ron").is_some());
    assert!(h.query_by_label("🗋 notes.txt").is_none());
    h.get_by_label("🗋 follow-up.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(
        h.state().doc.path.as_deref(),
        Some(dir.path().join("follow-up.ron").as_path())
    );
    assert_eq!(h.state().doc.dossier.meta.title, "Follow-up visit");

    // Save as: the chooser suggests a name from the title, in the name field, which has
    // the keyboard; another is typed.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let name = h.get_by_label("File name:");
    assert_eq!(name.value().as_deref(), Some("follow-up-visit.ron"));
    assert!(name.is_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("second-visit");
    h.run();
    // Enter confirms; the dossier's extension is added to a name typed without it.
    h.key_press(Key::Enter);
    h.run();
    let saved = dir.path().join("second-visit.ron");
    assert_eq!(h.state().doc.path.as_deref(), Some(saved.as_path()));
    assert_eq!(store::load(&saved).unwrap(), h.state().doc.dossier);

    // Saving over another dossier through the window's chooser asks first.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.get_by_label("🗋 visit.ron").click();
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.query_by_label("Replace visit.ron?").is_some(),
        "replacing visit.ron is asked about"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(saved.as_path()));
    assert_eq!(
        store::load(&visit).unwrap().meta.title,
        "Kenya–United States high-level bilateral talks"
    );
}
