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

fn names(h: &Harness<'_, AttacheApp>, delegation: usize) -> Vec<String> {
    h.state().doc.dossier.delegations[delegation]
        .members
        .iter()
        .map(|m| m.full_name.clone())
        .collect()
}

/// The name field of the member named `name`, in the members table.
fn name_field<'a>(h: &'a Harness<'_, AttacheApp>, name: &str) -> egui_kittest::Node<'a> {
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("a field holding {name}"))
}

#[test]
fn the_cursor_moves_with_the_member_it_is_in_and_undo_never_leaves_it_in_a_neighbour() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    let before = names(&h, 0);
    let (fifth, fourth) = (before[4].clone(), before[3].clone());

    name_field(&h, &fifth).click();
    h.run();
    assert_eq!(h.state().view.member, Some(4));
    h.key_press(Key::End);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(names(&h, 0)[3], fifth, "moved up");
    assert_eq!(focused_text(&h), 1, "the keyboard stayed in a field");
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("X");
    h.run();
    assert_eq!(
        names(&h, 0)[3],
        format!("{fifth}X"),
        "the moved member is renamed"
    );
    assert_eq!(names(&h, 0)[4], fourth, "the neighbour is untouched");

    // Undo the typing and the move: the cursor is still in the same person.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(names(&h, 0), before);
    assert_eq!(
        h.state().view.member,
        Some(4),
        "the selection followed them back"
    );
    if let Some(field) = h.get_all_by_role(Role::TextInput).find(|n| n.is_focused()) {
        field.type_text("Y");
    }
    h.run();
    let after = names(&h, 0);
    assert_eq!(
        after[3], fourth,
        "undo never leaves the cursor in a neighbour"
    );
    assert!(
        after[4] == fifth || after[4] == format!("{fifth}Y"),
        "{after:?}"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.delegations[0].members[3].full_name, fourth);
}

#[test]
fn tab_goes_cell_to_cell_along_the_members_row_and_nothing_typed_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    h.get_by_label("Add member").click();
    h.run();
    // The new member's name field has the keyboard; Tab goes on to Position, then
    // Organisation, each taking what is typed next.
    for (text, tab) in [
        ("Jane Wanjiru", true),
        ("Adviser", true),
        ("State House", false),
    ] {
        h.get_all_by_role(Role::TextInput)
            .find(|n| n.is_focused())
            .expect("a field has the keyboard")
            .type_text(text);
        h.run();
        if tab {
            h.key_press(Key::Tab);
            h.run();
        }
    }
    let m = h.state().doc.dossier.delegations[0].members[5].clone();
    assert_eq!(
        (
            m.full_name.as_str(),
            m.position.as_str(),
            m.organisation.as_str()
        ),
        ("Jane Wanjiru", "Adviser", "State House")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(store::load(&path).unwrap().delegations[0].members[5], m);
}

fn ours(h: &Harness<'_, AttacheApp>) -> Vec<bool> {
    let d = &h.state().doc.dossier;
    d.delegations.iter().map(|d| d.ours).collect()
}

#[test]
fn our_delegation_is_one_choice_per_dossier_and_moves_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_all_by_label_contains("United States (")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Our delegation").click();
    h.run();
    assert_eq!(ours(&h), [false, true], "choosing another moves it");
    assert!(h.query_by_label_contains("· ours").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.delegations.iter().filter(|d| d.ours).count(), 1);
    assert!(saved.delegations[1].ours);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(ours(&h), [true, false], "one undo puts it back");
}

#[test]
fn a_click_on_a_programme_rows_text_selects_it_and_a_new_key_message_takes_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_all_by_label_contains("Programme (")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().view.programme_item, None);
    h.get_all_by_label("High-level bilateral talks")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().view.programme_item, Some(0));

    h.get_all_by_label("A long-standing, respectful and strategic partnership")
        .next()
        .unwrap()
        .click();
    h.run();
    let before = h.state().doc.dossier.talking_points[0].key_messages.len();
    h.get_by_label("Add key message").click();
    h.run();
    h.run();
    h.get_all_by_role(Role::MultilineTextInput)
        .find(|n| n.is_focused())
        .expect("the new key message has the keyboard")
        .type_text("Deepen trade ties");
    h.run();
    let messages = &h.state().doc.dossier.talking_points[0].key_messages;
    assert_eq!(messages.len(), before + 1);
    assert_eq!(messages[before], "Deepen trade ties");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        store::load(&path).unwrap().talking_points[0].key_messages[before],
        "Deepen trade ties"
    );
}

#[test]
fn the_first_run_opens_the_built_in_sample_as_an_untitled_copy_and_writes_nothing_beside_it() {
    let data = tempfile::tempdir().unwrap();
    let shipped = Path::new(common::SAMPLE);
    let lock = shipped.with_file_name(".~lock.kenya-us-washington-talks.ron#");
    let mut h = common::start(StartOptions {
        file: None,
        read_only: false,
        dialogs: Box::new(WindowDialogs::default()),
        printing: Arc::new(attache::print::Cups),
        data_dir: Some(data.path().to_owned()),
        locks: true,
    });
    h.run();
    assert_eq!(h.state().doc.path, None, "untitled");
    assert_eq!(
        h.state().doc.dossier,
        store::parse_str(attache::ui::SAMPLE_TEXT).unwrap()
    );
    assert!(!lock.exists(), "the shipped sample is not locked");
    assert!(
        h.state()
            .last_notice()
            .is_some_and(|n| n.contains("sample dossier, as an untitled copy")),
        "{:?}",
        h.state().last_notice()
    );
    // Save goes to a place the user chooses, never to the shipped file.
    let before = std::fs::read(shipped).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("File name:").is_some(), "Save asks where");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read(shipped).unwrap(), before);
}

#[test]
fn the_windows_chooser_survives_a_strangers_folder() {
    let dir = tempfile::tempdir().unwrap();
    let visit = sample_copy(dir.path(), "visit.ron");
    // A name that would reorder itself on screen, a pipe named like a dossier, and more
    // dossiers than are listed.
    common::write(dir.path(), "report\u{202E}nor.ron", "not read");
    let pipe = dir.path().join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    let many = dir.path().join("many");
    std::fs::create_dir(&many).unwrap();
    for i in 0..5_010 {
        std::fs::write(many.join(format!("v{i:05}.ron")), "").unwrap();
    }

    let mut h = open(Some(visit.clone()), Box::new(WindowDialogs::default()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(
        h.query_by_label("🗋 report‹U+202E›nor.ron").is_some(),
        "the reordering character is shown as a code"
    );
    // The pipe is refused at once, and the chooser stays.
    h.get_by_label("🗋 pipe.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(
        h.query_by_label_contains("is not a file that can be opened")
            .is_some()
    );
    assert_eq!(h.state().doc.path.as_deref(), Some(visit.as_path()));
    // A folder of more than 5 000 dossiers lists 5 000 and says so.
    h.get_by_label("🗀 many").click();
    h.run();
    assert!(
        h.query_by_label("10 more are not listed: type the name of the one you want.")
            .is_some()
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("File name:").is_none(), "Escape cancels");
    assert_eq!(h.state().doc.path.as_deref(), Some(visit.as_path()));
}

#[test]
fn two_members_with_one_id_do_not_share_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dup.ron");
    // A hand-merged file: Monica Juma carries Korir Sing'oei's id (check reports it).
    let text = common::sample_text().replace("id: \"ken-juma\"", "id: \"ken-singoei\"");
    std::fs::write(&path, text).unwrap();
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_all_by_label_contains("Kenya (5)")
        .next()
        .unwrap()
        .click();
    h.run();
    name_field(&h, "Monica Juma").click();
    h.run();
    h.key_press(Key::End);
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("X");
    h.run();
    let names = names(&h, 0);
    assert_eq!(names[2], "Monica JumaX");
    assert_eq!(
        names[1], "Korir Sing’oei",
        "the other holder of the id is untouched"
    );
}

#[test]
fn one_question_at_a_time_owns_the_keyboard_and_is_asked_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    let title = h.get_by_role_and_label(Role::TextInput, "Title");
    title.focus();
    h.key_press(Key::End);
    h.get_by_role_and_label(Role::TextInput, "Title")
        .type_text(" (draft)");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert!(matches!(
        h.state().question(),
        Some(attache::ui::Question::Unsaved(_))
    ));
    // While it is asked, shortcuts wait: no print dialog over it, no second question.
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert_eq!(h.query_all_by_label("Save changes?").count(), 1);
    assert!(h.query_by_label("Print the briefing pack").is_none());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().question().is_none());
    // Answered, the editor is as it was, the typing kept.
    assert!(h.state().doc.dossier.meta.title.ends_with(" (draft)"));
}

#[test]
fn escape_leaves_a_field_as_it_was_and_enter_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    name_field(&h, "Monica Juma").click();
    h.run();
    h.key_press(Key::End);
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text(" Kamau");
    h.run();
    assert_eq!(names(&h, 0)[2], "Monica Juma Kamau", "typing shows at once");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(names(&h, 0)[2], "Monica Juma", "Escape puts it back");
    assert!(
        !h.state().doc.is_dirty(),
        "typed and put back leaves no step to undo"
    );

    name_field(&h, "David Kerich").click();
    h.run();
    h.key_press(Key::End);
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text(" Jr");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    let saved: Vec<&str> = saved.delegations[0]
        .members
        .iter()
        .map(|m| m.full_name.as_str())
        .collect();
    assert_eq!(saved[2], "Monica Juma");
    assert_eq!(saved[3], "David Kerich Jr");
}

#[test]
fn a_new_source_and_a_new_if_raised_take_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_all_by_label("Haiti").next().unwrap().click();
    h.run();
    let before = h.state().doc.dossier.security_notes[1].sources.len();
    h.get_by_label("Add source").click();
    h.run();
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .expect("the new source's citation has the keyboard")
        .type_text("Reuters, 20 January");
    h.run();
    let sources = &h.state().doc.dossier.security_notes[1].sources;
    assert_eq!(sources.len(), before + 1);
    assert_eq!(sources[before].citation, "Reuters, 20 January");

    h.get_all_by_label("A long-standing, respectful and strategic partnership")
        .next()
        .unwrap()
        .click();
    h.run();
    let before = h.state().doc.dossier.talking_points[0].if_raised.len();
    h.get_by_label("Add an “if raised”").click();
    h.run();
    h.run();
    h.get_all_by_role(Role::MultilineTextInput)
        .find(|n| n.is_focused())
        .expect("the new if-raised has the keyboard")
        .type_text("Visa delays");
    h.run();
    let items = &h.state().doc.dossier.talking_points[0].if_raised;
    assert_eq!(items.len(), before + 1);
    assert_eq!(items[before].they_raise, "Visa delays");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(
        saved.talking_points[0].if_raised[before].they_raise,
        "Visa delays"
    );
}

#[test]
fn f1_shows_the_user_guide_and_the_shortcuts_from_the_command_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path), Box::new(WindowDialogs::default()));
    // From a field too: F1 is not text.
    h.get_by_role_and_label(Role::TextInput, "Title").focus();
    h.run();
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("Attaché user guide").is_some());
    assert!(h.query_by_label("Import a delegation list").is_some());
    h.get_by_label("Keyboard shortcuts").click();
    h.run();
    // Every command with a shortcut is listed by its label.
    for label in [
        "Save as",
        "Export PDF",
        "Duplicate item",
        "Next change",
        "User guide and shortcuts",
    ] {
        assert_eq!(
            h.query_all_by_label(label).count(),
            1,
            "{label} is in the shortcuts sheet"
        );
    }
    assert!(
        h.query_by_label("Put the field back as it was; close a question")
            .is_some()
    );
    h.key_press(Key::F1);
    h.run();
    assert!(
        h.query_by_label("Keyboard shortcuts").is_none(),
        "F1 again closes it"
    );
}

/// Runs frames as the window does: every event given in one frame (as when a fast typist,
/// or a slow machine, gets several keys into one), through the window's input hook.
fn frames_as_the_window_runs_them(h: &mut Harness<'static, AttacheApp>, events: Vec<egui::Event>) {
    h.input_mut().events.extend(events);
    for _ in 0..12 {
        let mut raw = std::mem::take(h.input_mut());
        h.state_mut().hold_after_focus_change(&mut raw);
        *h.input_mut() = raw;
        h.step();
    }
}

fn key(key: Key, pressed: bool) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

#[test]
fn text_typed_right_after_tab_goes_into_the_next_field_however_fast_it_comes() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "visit.ron");
    let mut h = open(Some(path.clone()), Box::new(WindowDialogs::default()));
    h.get_by_role_and_label(Role::TextInput, "Venue").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    // All in one frame: the venue, Tab, the host country, Tab, the guest country.
    frames_as_the_window_runs_them(
        &mut h,
        vec![
            egui::Event::Text("Blair House".into()),
            key(Key::Tab, true),
            key(Key::Tab, false),
            egui::Event::Key {
                key: Key::A,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::COMMAND,
            },
            egui::Event::Text("USA".into()),
            key(Key::Tab, true),
            key(Key::Tab, false),
            egui::Event::Key {
                key: Key::A,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::COMMAND,
            },
            egui::Event::Text("Republic of Kenya".into()),
        ],
    );
    let meta = &h.state().doc.dossier.meta;
    assert_eq!(
        (
            meta.venue.as_str(),
            meta.host_country.as_str(),
            meta.guest_country.as_str()
        ),
        ("Blair House", "USA", "Republic of Kenya")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.meta.host_country, "USA");
}

/// Two clicks at `at` as a person double-clicks: a twentieth of a second apart (the
/// harness's frames are a quarter of a second, longer than a double click takes).
fn double_click(h: &mut Harness<'static, AttacheApp>, at: egui::Pos2) {
    h.event(egui::Event::PointerMoved(at));
    h.step();
    // A second after any click before, so that this is a double click, not a third.
    let mut time = h.ctx.input(|i| i.time) + 1.0;
    for pressed in [true, false, true, false] {
        time += 0.05;
        h.input_mut().time = Some(time);
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

/// A double click on a folder opens the folder, and nothing else: its second click lands
/// on whatever file the folder lists under the pointer, which is selected, not opened.
#[test]
fn a_double_click_on_a_folder_in_the_windows_chooser_opens_only_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let visit = sample_copy(dir.path(), "visit.ron");
    let sub = dir.path().join("earlier");
    std::fs::create_dir(&sub).unwrap();
    let mut other = store::load(&visit).unwrap();
    other.meta.title = "Earlier visit".to_owned();
    store::save(&sub.join("a-earlier.ron"), &other, Default::default()).unwrap();

    let mut h = open(Some(visit.clone()), Box::new(WindowDialogs::default()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    let at = h.get_by_label("🗀 earlier").rect().center();
    double_click(&mut h, at);
    // The folder is open, and nothing opened.
    assert!(h.query_by_label("🗋 a-earlier.ron").is_some());
    assert_eq!(h.state().doc.path.as_deref(), Some(visit.as_path()));
    assert_ne!(h.state().doc.dossier.meta.title, "Earlier visit");
    // A double click on the file itself opens it.
    let at = h.get_by_label("🗋 a-earlier.ron").rect().center();
    double_click(&mut h, at);
    assert_eq!(h.state().doc.dossier.meta.title, "Earlier visit");
}
