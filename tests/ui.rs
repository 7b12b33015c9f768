//! The editor, driven through the AccessKit tree as a screen reader or a person would:
//! every control is found by its accessible name.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use attache::layout::Paper;
use attache::model::{Pack, Section};
use attache::print::{Job, PrintError, PrintService, Printer, Submitted};
use attache::store;
use attache::ui::{AttacheApp, DialogAnswer, Question, ScriptedDialogs, Selection, StartOptions};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_with(
    path: Option<PathBuf>,
    read_only: bool,
    dialogs: ScriptedDialogs,
) -> Harness<'static, AttacheApp> {
    harness(path, read_only, dialogs, Arc::new(attache::print::Cups))
}

fn harness(
    path: Option<PathBuf>,
    read_only: bool,
    dialogs: ScriptedDialogs,
    printing: Arc<dyn PrintService>,
) -> Harness<'static, AttacheApp> {
    common::start(StartOptions {
        file: path,
        read_only,
        dialogs: Box::new(dialogs),
        printing,
        // Tests run side by side on shared files (the sample): the session tests
        // (tests/session.rs) turn these on, each in its own folders.
        data_dir: None,
        locks: false,
    })
}

/// A copy of the sample in a temporary folder, opened in the editor.
fn open_sample_copy() -> (tempfile::TempDir, PathBuf, Harness<'static, AttacheApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visit.ron");
    std::fs::copy(common::SAMPLE, &path).unwrap();
    let h = harness_with(Some(path.clone()), false, ScriptedDialogs::default());
    (dir, path, h)
}

fn members(h: &Harness<'_, AttacheApp>, delegation: usize) -> Vec<String> {
    h.state().doc.dossier.delegations[delegation]
        .members
        .iter()
        .map(|m| m.full_name.clone())
        .collect()
}

#[test]
fn add_type_reorder_undo_redo_and_save() {
    let (_dir, path, mut h) = open_sample_copy();
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    assert_eq!(h.state().view.selection, Selection::Delegation(0));

    // Add a member: the new row takes the keyboard in its name field.
    h.get_by_label("Add member").click();
    h.run();
    assert_eq!(members(&h, 0).len(), 6);
    assert_eq!(h.state().view.member, Some(5));
    let focused: Vec<_> = h
        .get_all_by_role(Role::TextInput)
        .filter(|n| n.is_focused())
        .collect();
    assert_eq!(
        focused.len(),
        1,
        "the new member's name field has the keyboard"
    );
    focused[0].type_text("Wanjiru Kamau");
    h.run();
    assert_eq!(members(&h, 0)[5], "Wanjiru Kamau");

    // Alt+Up moves it up in precedence.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(members(&h, 0)[4], "Wanjiru Kamau");
    assert_eq!(h.state().view.member, Some(4));

    // Undo the move, then the typing (one step for the whole word), then the add.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(members(&h, 0)[5], "Wanjiru Kamau");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(members(&h, 0)[5], "", "typing a word undoes as one step");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(members(&h, 0).len(), 5);
    // Redo all three.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run();
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(members(&h, 0)[4], "Wanjiru Kamau");
    assert!(h.state().doc.is_dirty());

    // Save, and the file reads back as the same dossier.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    let saved = store::load(&path).unwrap();
    assert_eq!(saved, h.state().doc.dossier);
    assert!(
        path.with_extension("ron.bak").exists(),
        "the previous version is kept"
    );
}

#[test]
fn a_members_protocol_needs_are_edited_in_its_details_and_undone() {
    let (_dir, _path, mut h) = open_sample_copy();
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    h.get_by_label("Add member").click();
    h.run();
    assert_eq!(h.state().view.member, Some(5));
    for (label, text) in [
        ("Hotel", "Willard InterContinental"),
        ("Dietary requirements", "Halal"),
        ("Accessibility", "Step-free access"),
    ] {
        h.get_by_label(label).focus();
        h.run();
        h.get_by_label(label).type_text(text);
        h.run();
    }
    let member =
        |h: &Harness<'_, AttacheApp>| h.state().doc.dossier.delegations[0].members[5].clone();
    let m = member(&h);
    assert_eq!(m.hotel, "Willard InterContinental");
    assert_eq!(m.dietary, "Halal");
    assert_eq!(m.accessibility, "Step-free access");
    // Each field's typing is one step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(member(&h).accessibility, "");
    assert_eq!(member(&h).dietary, "Halal");
}

#[test]
fn problems_are_live_and_lead_to_the_field() {
    let (_dir, _path, mut h) = open_sample_copy();
    assert!(
        h.query_by_label("No problems").is_some(),
        "the status bar says so"
    );
    // Clear the title on the overview.
    let title = h.get_by_role_and_label(Role::TextInput, "Title");
    title.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.state().doc.dossier.meta.title, "");
    assert_eq!(h.state().doc.error_count(), 1);
    // Go elsewhere, then follow the problem back to the field.
    h.get_by_label("Haiti").click();
    h.run();
    h.get_by_label_contains("the title is empty").click();
    h.run();
    assert_eq!(h.state().view.selection, Selection::Overview);
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Title")
            .is_focused()
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (_dir, path, mut h) = open_sample_copy();
    h.get_by_label("Haiti").click();
    h.run();
    let region = h.get_by_role_and_label(Role::TextInput, "Region or theme");
    region.focus();
    region.type_text(" (Port-au-Prince)");
    h.run();
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert!(
        matches!(h.state().question(), Some(Question::Unsaved(_))),
        "the unsaved-changes question is asked"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().question().is_none());
    assert!(h.state().doc.is_dirty(), "cancel keeps the edit");
    // Ask again and save this time.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert_eq!(
        store::load(&path).unwrap().security_notes[1].region,
        "Haiti (Port-au-Prince)"
    );
}

#[test]
fn a_broken_file_shows_its_error_and_keeps_the_dossier() {
    let (dir, _path, mut h) = open_sample_copy();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(schema: 1, meta: (title: 3))").unwrap();
    let before = h.state().doc.dossier.clone();
    h.state_mut().open_path(&bad);
    h.run();
    assert_eq!(h.state().doc.dossier, before);
    let message = h.state().last_error().unwrap();
    assert!(
        message.starts_with(&format!("{}:1:", bad.display())),
        "{message}"
    );
    assert!(
        h.query_by_label_contains("bad.ron:1:").is_some(),
        "the error is shown in the window"
    );
}

#[test]
fn without_a_native_dialog_the_windows_chooser_takes_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-visit.ron");
    let mut h = harness_with(
        None,
        false,
        ScriptedDialogs::answering([DialogAnswer::Unavailable]),
    );
    // Start a new dossier from the template, then save it: no dialog, so the window's chooser.
    h.state_mut().open_path(Path::new(common::TEMPLATE));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert!(h.query_by_label("Save the dossier as").is_some());
    let field = h.get_by_role_and_label(Role::TextInput, "File name:");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text(target.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run();
    assert_eq!(store::load(&target).unwrap(), h.state().doc.dossier);
    assert_eq!(h.state().doc.path.as_deref(), Some(target.as_path()));
}

#[test]
fn read_only_mode_refuses_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    std::fs::copy(common::SAMPLE, &path).unwrap();
    let mut h = harness_with(Some(path.clone()), true, ScriptedDialogs::default());
    let title = h.get_by_role_and_label(Role::TextInput, "Title");
    title.focus();
    title.type_text("changed");
    h.run();
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    assert!(h.query_by_label("Add member").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        common::sample_text()
    );
}

#[test]
fn search_finds_text_anywhere_and_jumps_to_it() {
    let (_dir, _path, mut h) = open_sample_copy();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let find = h.get_by_role_and_label(Role::TextInput, "Find");
    assert!(
        find.is_focused(),
        "Ctrl+F puts the keyboard in the search field"
    );
    find.type_text("landau");
    h.run();
    // Two texts name him: his member entry and the talking point on the visit.
    assert_eq!(h.state().view.search.hits.len(), 2);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view.selection, Selection::Delegation(1));
    assert_eq!(h.state().view.member, Some(1));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view.selection, Selection::TalkingPoint(4));
}

#[test]
fn dragging_a_member_changes_precedence() {
    let (_dir, _path, mut h) = open_sample_copy();
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    let handles: Vec<egui::Rect> = h.get_all_by_label("☰").map(|n| n.rect()).collect();
    assert_eq!(handles.len(), 5);
    // Drag Monica Juma (3rd) onto the 2nd row.
    h.drag_at(handles[2].center());
    h.run();
    h.hover_at(handles[1].center());
    h.run();
    h.drop_at(handles[1].center());
    h.run();
    assert_eq!(members(&h, 0)[1], "Monica Juma");
    assert_eq!(members(&h, 0)[2], "Korir Sing’oei");
}

#[test]
fn the_windows_chooser_opens_a_typed_path_on_enter_and_reports_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(\n    schema: 1,\n    meta: (titel: \"x\"),\n)\n").unwrap();
    let mut h = harness_with(
        Some(common::SAMPLE.into()),
        false,
        ScriptedDialogs::answering([DialogAnswer::Unavailable]),
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "File name:");
    assert!(field.is_focused());
    // A file that is not there is said so, and the chooser stays.
    field.type_text("/nowhere/at/all.ron");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.query_by_label("There is no file at /nowhere/at/all.ron.")
            .is_some()
    );
    let field = h.get_by_role_and_label(Role::TextInput, "File name:");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text(bad.to_str().unwrap());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let message = h.state().last_error().expect("the error is shown");
    assert!(
        message.contains("bad.ron:3:12: unexpected field named `titel`"),
        "{message}"
    );
    assert_eq!(
        h.state().doc.dossier.meta.title,
        "Kenya–United States high-level bilateral talks"
    );
}

#[test]
fn export_pdf_writes_the_pack_and_the_preview_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.pdf");
    let mut h = harness_with(
        Some(common::SAMPLE.into()),
        true,
        ScriptedDialogs::answering([DialogAnswer::Picked(out.clone())]),
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    // The export runs on its own thread: step until it reports back.
    for _ in 0..200 {
        h.step();
        if h.state().last_notice().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let notice = h.state().last_notice().expect("the export finishes");
    assert!(
        notice.starts_with("Exported 7 pages, marked OFFICIAL, to"),
        "{notice}"
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // The preview draws the same pages.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.query_by_label("7 pages · marked OFFICIAL").is_some());
}

/// A print service that records what it is given.
#[derive(Default)]
struct FakePrinters {
    printers: Vec<Printer>,
    jobs: Mutex<Vec<(Job, Vec<u8>)>>,
    opened: Mutex<Vec<PathBuf>>,
}

impl PrintService for FakePrinters {
    fn printers(&self) -> Result<Vec<Printer>, PrintError> {
        Ok(self.printers.clone())
    }
    fn submit(&self, pdf: &[u8], job: &Job) -> Result<Submitted, PrintError> {
        self.jobs.lock().unwrap().push((job.clone(), pdf.to_vec()));
        Ok(Submitted {
            printer: job.printer.clone().unwrap_or_default(),
            id: "Office-7".to_owned(),
        })
    }
    fn open_pdf(&self, path: &Path) -> std::io::Result<()> {
        self.opened.lock().unwrap().push(path.to_owned());
        Ok(())
    }
}

/// The sample, read-only, printing to `printing`.
fn harness_printing(
    dialogs: ScriptedDialogs,
    printing: Arc<FakePrinters>,
) -> Harness<'static, AttacheApp> {
    harness(Some(common::SAMPLE.into()), true, dialogs, printing)
}

/// Steps the app until `done` holds (work on other threads reports back).
fn step_until(h: &mut Harness<'static, AttacheApp>, done: impl Fn(&AttacheApp) -> bool) {
    for _ in 0..300 {
        h.step();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("gave up waiting");
}

#[test]
fn print_sends_the_pack_to_the_chosen_printer() {
    let service = Arc::new(FakePrinters {
        printers: vec![
            Printer {
                name: "Office".to_owned(),
                is_default: true,
            },
            Printer {
                name: "Registry".to_owned(),
                is_default: false,
            },
        ],
        ..Default::default()
    });
    let mut h = harness_printing(ScriptedDialogs::default(), service.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    step_until(&mut h, |_| true);
    h.run();
    assert!(h.query_by_label("Print the briefing pack").is_some());
    // The default printer is chosen; pick the other one, and two copies, on Letter paper.
    h.get_by_label("Printer").click();
    h.run();
    h.get_by_label("Registry").click();
    h.run();
    h.get_by_label("Copies").focus();
    h.run();
    h.get_by_label("Copies").type_text("2");
    h.run();
    h.get_by_label("Paper").click();
    h.run();
    h.get_by_label("US Letter").click();
    h.run();
    h.get_by_label("Security notes").click();
    h.run();
    h.get_by_label("Print").click();
    step_until(&mut h, |app| app.last_notice().is_some());
    let notice = h.state().last_notice().unwrap();
    assert_eq!(
        notice,
        "Sent 6 pages (2 copies), marked OFFICIAL, to Registry as job Office-7"
    );
    let jobs = service.jobs.lock().unwrap();
    assert_eq!(jobs.len(), 1);
    let (job, pdf) = &jobs[0];
    assert_eq!(job.printer.as_deref(), Some("Registry"));
    assert_eq!(job.copies, 2);
    assert_eq!(job.paper, Paper::Letter);
    assert_eq!(job.title, "Kenya–United States high-level bilateral talks");
    assert!(pdf.starts_with(b"%PDF-"));
    // The choices stay for the next pack (and the preview), and the printer for next time.
    assert_eq!(h.state().settings.paper, Paper::Letter);
    assert!(
        !h.state()
            .settings
            .sections
            .contains(&Section::SecurityNotes)
    );
    drop(jobs);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    step_until(&mut h, |_| true);
    h.run();
    h.get_by_label("Print").click();
    step_until(&mut h, |app| {
        app.last_notice()
            .as_deref()
            .is_some_and(|n| n.starts_with("Sent 6 pages, marked OFFICIAL, to Registry"))
    });
    assert_eq!(service.jobs.lock().unwrap()[1].0.copies, 1);
}

#[test]
fn print_without_printers_says_so_and_offers_a_pdf() {
    let service = Arc::new(FakePrinters::default());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.pdf");
    let mut h = harness_printing(
        ScriptedDialogs::answering([DialogAnswer::Picked(out.clone())]),
        service.clone(),
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    step_until(&mut h, |_| true);
    h.run();
    assert!(
        h.query_by_label_contains("No printer is configured")
            .is_some(),
        "the dialog says why nothing can be printed"
    );
    h.get_by_label("Export PDF instead…").click();
    step_until(&mut h, |app| app.last_notice().is_some());
    assert!(out.exists());
    // "Open PDF" shows the pack just written.
    h.run();
    h.get_by_label("Open PDF").click();
    h.run();
    assert_eq!(*service.opened.lock().unwrap(), [out]);
    assert!(service.jobs.lock().unwrap().is_empty());
}

#[test]
fn items_left_out_of_the_pack_are_left_out_of_preview_export_and_print() {
    let service = Arc::new(FakePrinters {
        printers: vec![Printer {
            name: "Office".to_owned(),
            is_default: true,
        }],
        ..Default::default()
    });
    let mut h = harness_printing(ScriptedDialogs::default(), service.clone());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.query_by_label("7 pages · marked OFFICIAL").is_some());
    h.get_by_label("Items in the pack").click();
    h.run();
    let haiti = "Haiti: the Multinational Security Support (MSS) Mission";
    // The list scrolls: bring the note into view, as a person would, and untick it.
    h.get_by_label(haiti).scroll_to_me();
    h.run();
    h.get_by_label(haiti).click();
    h.run();
    assert!(
        h.query_by_label_contains("Items in the pack · 1 item left out")
            .is_some()
    );
    let options = h.state().settings.pack(&h.state().doc.dossier);
    let laid = attache::layout::lay_out(&h.state().doc.dossier, &options);
    let text: String = (0..laid.pages.len()).map(|p| laid.page_text(p)).collect();
    assert!(!text.contains(haiti) && text.contains("Regional peace efforts"));

    // Printing sends the same, narrower pack.
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    step_until(&mut h, |_| true);
    h.run();
    assert!(h.query_by_label_contains("A4 · 1 item left out").is_some());
    h.get_by_label("Print").click();
    step_until(&mut h, |app| app.last_notice().is_some());
    let jobs = service.jobs.lock().unwrap();
    let full = attache::pdf::write(&attache::layout::lay_out(
        &h.state().doc.dossier,
        &Default::default(),
    ));
    assert_eq!(jobs.len(), 1);
    assert_ne!(jobs[0].1, full, "the printed pack is not the full one");
    assert_eq!(jobs[0].1, attache::pdf::write(&laid));
}

#[test]
fn saved_packs_are_chosen_made_and_removed_with_undo() {
    let (_dir, path, mut h) = open_sample_copy();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    // The sample's principal's pack: talking points only; the preview follows.
    h.get_by_label("Pack").click();
    h.run();
    h.get_by_label("Principal's pack").click();
    h.run();
    assert_eq!(h.state().settings.sections, vec![Section::TalkingPoints]);
    assert!(h.state().settings.left_out.is_empty());
    let pages = |h: &Harness<'_, AttacheApp>| {
        let app = h.state();
        attache::layout::lay_out(&app.doc.dossier, &app.settings.pack(&app.doc.dossier))
            .pages
            .len()
    };
    let talking_points_only = pages(&h);

    // With the security notes added it is a new choice, kept as a new pack.
    h.get_by_label("Security notes").click();
    h.run();
    assert!(pages(&h) > talking_points_only);
    h.get_by_label("Save as pack…").click();
    h.run();
    h.get_by_label("Save these choices with the dossier as")
        .type_text("Press office");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let packs = h.state().doc.dossier.packs.clone();
    assert_eq!(packs.len(), 3, "{packs:?}");
    assert_eq!(
        packs[2],
        Pack::new(
            "Press office",
            &[Section::TalkingPoints, Section::SecurityNotes],
            &[]
        )
    );
    assert_eq!(
        h.state().doc.history.undo_label(),
        Some("Save pack “Press office”")
    );

    // Removed from the overview's list, then brought back by undo.
    h.get_by_label("Remove pack “Principal's pack”")
        .scroll_to_me();
    h.run();
    h.get_by_label("Remove pack “Principal's pack”").click();
    h.run();
    let names = |h: &Harness<'_, AttacheApp>| -> Vec<String> {
        h.state()
            .doc
            .dossier
            .packs
            .iter()
            .map(|p| p.name.clone())
            .collect()
    };
    assert_eq!(names(&h), ["Regional security brief", "Press office"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        names(&h),
        [
            "Principal's pack",
            "Regional security brief",
            "Press office"
        ]
    );
    // Saved with the dossier, as the file format says.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        store::load(&path).unwrap().packs,
        h.state().doc.dossier.packs
    );
}

#[test]
fn a_large_pack_is_laid_out_without_holding_up_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    let d = attache::synth::generate(attache::synth::Params {
        members: 2500,
        points: 10,
        notes: 2,
        programme: 2,
        seed: 7,
    });
    store::save(&path, &d, store::SaveOptions { backup: false }).unwrap();
    let mut h = harness_with(Some(path), true, ScriptedDialogs::default());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.step();
    h.step();
    // The first frame of the preview does not wait for the layout.
    assert!(h.query_by_label("Laying out the pack…").is_some());
    let count = |h: &Harness<'static, AttacheApp>| {
        let app = h.state();
        let laid = attache::layout::lay_out(&app.doc.dossier, &app.settings.pack(&app.doc.dossier));
        format!("{} pages · marked {}", laid.pages.len(), laid.banner)
    };
    let wait_for = |h: &mut Harness<'static, AttacheApp>, label: &str| {
        for _ in 0..600 {
            h.step();
            if h.query_by_label(label).is_some() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        panic!("the preview never showed “{label}”");
    };
    let all = count(&h);
    wait_for(&mut h, &all);
    // A new choice keeps the old pages on screen until the new ones are ready.
    h.get_by_label("Delegations").click();
    h.step();
    assert!(h.query_by_label(&all).is_some());
    let without_delegations = count(&h);
    assert_ne!(without_delegations, all);
    wait_for(&mut h, &without_delegations);
}

#[test]
fn no_pack_is_made_while_markings_are_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.ron");
    std::fs::write(
        &path,
        common::sample_text().replacen("marking: \"OFFICIAL\"", "marking: \"OFFICAL\"", 1),
    )
    .unwrap();
    let out = dir.path().join("pack.pdf");
    let mut h = harness_with(
        Some(path),
        false,
        ScriptedDialogs::answering([DialogAnswer::Picked(out.clone())]),
    );
    for (modifiers, key) in [(Modifiers::COMMAND, Key::E), (Modifiers::COMMAND, Key::P)] {
        h.state_mut().notices.clear();
        h.key_press_modifiers(modifiers, key);
        h.run();
        let message = h.state().last_error().unwrap_or_default();
        assert!(
            message.starts_with("No pack was made: 1 marking error could mark it wrongly"),
            "{message}"
        );
        assert!(h.query_by_label("Print the briefing pack").is_none());
    }
    assert!(!out.exists());
    // The problem is there to be mended.
    assert!(h.query_by_label_contains("is not in the scheme").is_some());
}

#[test]
fn a_colleagues_save_is_never_overwritten_silently() {
    let (_dir, path, mut h) = open_sample_copy();
    // We edit the title; meanwhile a colleague saves the file with a member renamed.
    let title = h.get_by_role_and_label(Role::TextInput, "Title");
    title.focus();
    title.type_text(" (our draft)");
    h.run();
    assert!(h.state().doc.is_dirty());
    let theirs = common::sample_text().replace("Monica Juma", "Monica K. Juma");
    std::fs::write(&path, &theirs).unwrap();

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("The file was changed by someone else")
            .is_some(),
        "the save asks first"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "not saved");
    // Cancel keeps both: theirs on disk, ours in the editor.
    h.get_by_label("Not now").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert!(h.state().doc.is_dirty());

    // Overwrite needs a second click, and keeps theirs as the backup.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite…").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    h.get_by_label("Overwrite their version").click();
    h.run();
    assert!(!h.state().doc.is_dirty());
    let ours = store::load(&path).unwrap();
    assert!(
        ours.meta.title.ends_with(" (our draft)"),
        "{}",
        ours.meta.title
    );
    assert_eq!(
        std::fs::read_to_string(path.with_extension("ron.bak")).unwrap(),
        theirs
    );

    // Once saved, our own next save goes through without a question.
    let title = h.get_by_role_and_label(Role::TextInput, "Title");
    title.focus();
    title.type_text("!");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("The file was changed by someone else")
            .is_none()
    );
    assert!(!h.state().doc.is_dirty());

    // With no edits of ours, their save is reloaded.
    std::fs::write(&path, &theirs).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(h.state().doc.dossier, store::parse_str(&theirs).unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

// Review: compare, accept, comment, approve, conflicts.

fn menu(h: &mut Harness<'_, AttacheApp>, menu: &str, entry: &str) {
    h.get_by_role_and_label(Role::Button, menu).click();
    h.run();
    h.run();
    // A menu entry's name carries its shortcut after the label.
    h.get_by_label_contains(entry).click();
    h.run();
}

#[test]
fn compare_with_an_older_version_reads_as_what_changed_since_it() {
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("v1.ron");
    std::fs::copy(common::SAMPLE, &older).unwrap();
    // This version: a later revision with two markings raised, in two sections.
    let path = dir.path().join("visit.ron");
    let mut d = store::parse_str(&common::sample_text()).unwrap();
    d.meta.revision = 2;
    d.delegations[0].marking = Some(attache::model::Marking::new("OFFICIAL-SENSITIVE"));
    d.talking_points[0].marking = Some(attache::model::Marking::new("OFFICIAL-SENSITIVE"));
    store::save(&path, &d, Default::default()).unwrap();

    let dialogs = ScriptedDialogs::answering([DialogAnswer::Picked(older.clone())]);
    let mut h = harness_with(Some(path), false, dialogs);
    menu(&mut h, "File", "Compare with…");
    assert!(
        h.query_by_label("Changes since v1.ron (revision 1)")
            .is_some()
    );
    let cmp = h.state().view.review.comparison.as_ref().unwrap();
    let summaries: Vec<String> = cmp
        .changes()
        .iter()
        .filter(|c| c.marking.is_some())
        .map(attache::diff::summary)
        .collect();
    assert_eq!(
        summaries,
        ["marking raised", "marking raised"],
        "raised, as it was"
    );
    assert_eq!(
        h.get_all_by_label("Markings (listed first)").count(),
        1,
        "one heading for the markings"
    );
    assert!(
        h.query_by_role_and_label(Role::Button, "Accept").is_none(),
        "our own changes are read, not taken"
    );
}

fn position(h: &Harness<'_, AttacheApp>, id: &str) -> String {
    let d = &h.state().doc.dossier;
    d.member(&attache::model::Id::new(id).unwrap())
        .unwrap()
        .1
        .position
        .clone()
}

#[test]
fn compare_with_a_colleagues_copy_accept_a_change_and_undo_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visit.ron");
    std::fs::copy(common::SAMPLE, &path).unwrap();
    let colleague = dir.path().join("colleague.ron");
    std::fs::write(
        &colleague,
        common::sample_text()
            .replace("National Security Advisor", "National Security Adviser")
            .replace("Deputy Ambassador", "Deputy Head of Mission"),
    )
    .unwrap();
    let dialogs = ScriptedDialogs::answering([DialogAnswer::Picked(colleague.clone())]);
    let mut h = harness_with(Some(path), false, dialogs);
    menu(&mut h, "File", "Compare with…");
    let cmp = h
        .state()
        .view
        .review
        .comparison
        .as_ref()
        .expect("comparing");
    assert_eq!(cmp.changes().len(), 2);
    assert!(
        h.query_by_label("Changes colleague.ron (revision 1) would make to this dossier")
            .is_some()
    );

    // F8 goes to the first change and selects its member.
    h.key_press(Key::F8);
    h.run();
    assert_eq!(h.state().view.selection, Selection::Delegation(0));
    assert_eq!(h.state().view.member, Some(2));

    // Accept it: an ordinary edit, and the change leaves the list.
    h.get_all_by_role_and_label(Role::Button, "Accept")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(position(&h, "ken-juma"), "National Security Adviser");
    assert!(h.state().doc.is_dirty());
    let cmp = h.state().view.review.comparison.as_ref().unwrap();
    assert_eq!(cmp.changes().len(), 1, "{:#?}", cmp.changes());

    // Undo brings the old value and the change back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert_eq!(position(&h, "ken-juma"), "National Security Advisor");
    assert_eq!(
        h.state()
            .view
            .review
            .comparison
            .as_ref()
            .unwrap()
            .changes()
            .len(),
        2
    );

    // Reject it this time: hidden, the dossier untouched.
    h.get_all_by_role_and_label(Role::Button, "Reject")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(position(&h, "ken-juma"), "National Security Advisor");
    assert_eq!(
        h.state()
            .view
            .review
            .comparison
            .as_ref()
            .unwrap()
            .changes()
            .len(),
        1
    );
}

#[test]
fn add_resolve_and_reopen_a_comment() {
    let (_dir, path, mut h) = open_sample_copy();
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::M);
    h.run();
    assert!(
        h.state().view.review.draft.is_some(),
        "Ctrl+Alt+M starts a comment"
    );
    // The name is asked once, first.
    let name = h.get_by_role_and_label(Role::TextInput, "Your name");
    assert!(name.is_focused(), "the name field has the keyboard");
    name.type_text("A. Reviewer");
    h.run();
    let comment = h.get_by_role_and_label(Role::MultilineTextInput, "Comment");
    comment.focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Comment")
        .type_text("Is the order of precedence confirmed?");
    h.run();
    h.get_by_role_and_label(Role::Button, "Add").click();
    h.run();
    let d = &h.state().doc.dossier;
    assert_eq!(d.comments.len(), 1);
    let c = &d.comments[0];
    assert_eq!(c.item.as_ref().map(|i| i.as_str()), Some("ken"));
    assert_eq!(c.author, "A. Reviewer");
    assert_eq!(c.text, "Is the order of precedence confirmed?");
    assert!(!c.resolved);
    assert_eq!(h.state().settings.reviewer, "A. Reviewer", "remembered");
    assert!(
        h.query_by_label_contains("💬1").is_some(),
        "the outline shows a badge"
    );

    h.get_by_role_and_label(Role::Button, "Resolve").click();
    h.run();
    assert!(h.state().doc.dossier.comments[0].resolved);
    h.get_by_role_and_label(Role::Button, "Resolved").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Reopen").click();
    h.run();
    assert!(!h.state().doc.dossier.comments[0].resolved);

    // Saved with the file, and read back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let back = store::load(&path).unwrap();
    assert_eq!(back.comments, h.state().doc.dossier.comments);
}

#[test]
fn approve_and_see_the_approval_go_stale_after_an_edit() {
    let (_dir, _path, mut h) = open_sample_copy();
    menu(&mut h, "Review", "Approve…");
    let name = h.get_by_role_and_label(Role::TextInput, "Approver");
    assert!(name.is_focused(), "the name field has the keyboard");
    name.type_text("Jane Doe");
    h.run();
    h.get_by_role_and_label(Role::TextInput, "In the role of")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "In the role of")
        .type_text("Head of Protocol");
    h.run();
    h.get_by_role_and_label(Role::Button, "Approve").click();
    h.run();
    h.run();
    assert_eq!(h.state().doc.dossier.approvals.len(), 1);
    assert!(
        h.query_by_label_contains("✔ Approved by Jane Doe (Head of Protocol) on ")
            .is_some(),
        "the status bar shows the approval"
    );
    // An edit of the content makes it stale.
    h.get_by_role_and_label(Role::TextInput, "Title").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Title")
        .type_text(" (revised)");
    h.run();
    h.run();
    assert!(h.state().doc.dossier.meta.title.ends_with(" (revised)"));
    assert!(
        h.query_by_label_contains("The approval by Jane Doe is stale")
            .is_some(),
        "the status bar says it lapsed"
    );
    assert!(attache::layout::approval_lines(&h.state().doc.dossier).is_empty());
}

#[test]
fn a_conflicted_merge_opens_shows_both_sides_and_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let base = store::parse_str(&common::sample_text()).unwrap();
    let mut ours = base.clone();
    ours.delegations[0].members[2].position = "Adviser on security".to_owned();
    let mut theirs = base.clone();
    theirs.delegations[0].members[2].position = "Security adviser".to_owned();
    let merged = attache::diff::merge(&base, &ours, &theirs).dossier;
    let path = dir.path().join("merged.ron");
    store::save(&path, &merged, Default::default()).unwrap();

    let mut h = harness_with(Some(path), false, ScriptedDialogs::default());
    assert!(
        h.state().last_error().is_none(),
        "{:?}",
        h.state().last_error()
    );
    // Packs are refused while it is conflicted.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(
        h.state()
            .last_error()
            .as_deref()
            .is_some_and(|m| m.contains("merge conflict")),
        "{:?}",
        h.state().last_error()
    );
    // The conflicts are what it opens on.
    assert!(h.query_by_label("Adviser on security").is_some());
    assert!(h.query_by_label("Security adviser").is_some());
    h.get_by_role_and_label(Role::Button, "Take theirs").click();
    h.run();
    assert_eq!(position(&h, "ken-juma"), "Security adviser");
    assert!(h.state().doc.dossier.conflicts.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(position(&h, "ken-juma"), "Adviser on security");
    assert_eq!(h.state().doc.dossier.conflicts.len(), 1);
}

/// A copy of the sample opened in the editor, its file dialog answering `picks` in turn,
/// with Kenya's delegation shown.
fn kenya_picking(
    dir: &std::path::Path,
    picks: [&PathBuf; 2],
) -> (PathBuf, Harness<'static, AttacheApp>) {
    let path = dir.join("visit.ron");
    std::fs::write(&path, common::sample_text()).unwrap();
    let mut h = harness_with(
        Some(path.clone()),
        false,
        ScriptedDialogs::answering(picks.map(|p| DialogAnswer::Picked(p.clone()))),
    );
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    (path, h)
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// A landscape picture, written as a PNG.
fn picture(dir: &std::path::Path, name: &str) -> PathBuf {
    let img = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, 90])
    });
    let path = dir.join(name);
    img.save_with_format(&path, image::ImageFormat::Png)
        .unwrap();
    path
}

#[test]
fn a_photo_is_chosen_dropped_refused_and_undone_as_one_edit_each() {
    let dir = tempfile::tempdir().unwrap();
    let png = picture(dir.path(), "portrait.png");
    let fake = dir.path().join("not-a-photo.jpg");
    std::fs::write(&fake, "GIF89a pretending").unwrap();
    let (path, mut h) = kenya_picking(dir.path(), [&png, &fake]);
    h.get_by_label("Add member").click();
    h.run();
    let photo = |h: &Harness<'_, AttacheApp>| {
        h.state().doc.dossier.delegations[0].members[5]
            .photo
            .clone()
    };
    assert!(photo(&h).is_none());

    // Chosen in the file dialog: a 3:4 portrait, shown in the details.
    h.get_by_label("Choose photo…").click();
    step_until(&mut h, |app| {
        app.doc.dossier.delegations[0].members[5].photo.is_some()
    });
    h.run();
    let chosen = photo(&h).expect("the picked image is the member's photo");
    assert_eq!((chosen.width(), chosen.height()), (300, 400));
    assert!(h.query_by_label("Replace photo…").is_some());
    assert!(h.query_by_label("Remove photo").is_some());

    // A file that is no image: refused with its reason, nothing changes.
    h.get_by_label("Replace photo…").click();
    step_until(&mut h, |app| app.last_error().is_some());
    h.run();
    assert_eq!(photo(&h).as_ref(), Some(&chosen));
    let message = h.state().last_error().unwrap_or_default();
    assert!(
        message.contains("not-a-photo.jpg: this is not a JPEG or PNG image"),
        "{message}"
    );

    // Removed, then undone: the photo is back; undone again: none.
    h.get_by_label("Remove photo").click();
    h.run();
    assert!(photo(&h).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(photo(&h).as_ref(), Some(&chosen));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(photo(&h).is_none(), "choosing the photo was one step");

    // Dropped onto the member's details: set, and the window does not try to open the
    // image as a dossier.
    let other = {
        let img = image::RgbImage::from_fn(300, 500, |x, _| image::Rgb([200, x as u8, 20]));
        let p = dir.path().join("other.jpeg");
        img.save_with_format(&p, image::ImageFormat::Jpeg).unwrap();
        p
    };
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(other.clone())));
    step_until(&mut h, |app| {
        app.doc.dossier.delegations[0].members[5].photo.is_some()
    });
    h.run();
    let dropped = photo(&h).expect("the dropped image is the member's photo");
    assert_ne!(dropped, chosen);
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));

    // Saved, the photo reads back as it was.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(
        saved.delegations[0].members[5].photo.as_ref(),
        Some(&dropped)
    );
}

#[test]
fn place_cards_are_printed_or_written_from_the_print_dialog() {
    let service = Arc::new(FakePrinters {
        printers: vec![Printer {
            name: "Office".to_owned(),
            is_default: true,
        }],
        ..Default::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cards.pdf");
    let mut h = harness_printing(
        ScriptedDialogs::answering([DialogAnswer::Picked(out.clone())]),
        service.clone(),
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    step_until(&mut h, |_| true);
    h.run();
    h.get_by_label("Print place cards").click();
    step_until(&mut h, |app| app.last_notice().is_some());
    assert_eq!(
        h.state().last_notice().unwrap(),
        "Sent 6 place cards, marked OFFICIAL, to Office; none for Kenya No. 1 (Prime Cabinet \
         Secretary), whose name is not confirmed"
    );
    {
        let jobs = service.jobs.lock().unwrap();
        assert_eq!(jobs.len(), 1);
        assert!(jobs[0].0.title.starts_with("Place cards: "));
        assert!(jobs[0].1.starts_with(b"%PDF-"));
    }
    // As a PDF, where the file dialog says.
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    step_until(&mut h, |_| true);
    h.run();
    h.get_by_label("Place cards as PDF…").click();
    step_until(&mut h, |app| {
        app.last_notice()
            .as_deref()
            .is_some_and(|n| n.starts_with("Wrote 6 place cards"))
    });
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        service.jobs.lock().unwrap().len(),
        1,
        "nothing more printed"
    );
}

#[test]
fn seats_are_swapped_in_the_editor_kept_as_chosen_and_reset() {
    let (_dir, path, mut h) = open_sample_copy();
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    let seats = |h: &Harness<'_, AttacheApp>| {
        attache::model::seating::side(&h.state().doc.dossier.delegations[0])
            .seats
            .iter()
            .map(|id| id.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        seats(&h),
        [
            "ken-kirigua",
            "ken-juma",
            "ken-pcs",
            "ken-singoei",
            "ken-kerich"
        ],
        "by precedence: No. 2 on the head's right, No. 3 on the left"
    );
    // Click one name, then another: they change places, as one step.
    h.get_by_role_and_label(Role::Button, "Korir Sing’oei")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Monica Juma").click();
    h.run();
    assert_eq!(
        seats(&h),
        [
            "ken-kirigua",
            "ken-singoei",
            "ken-pcs",
            "ken-juma",
            "ken-kerich"
        ]
    );
    assert!(h.state().doc.dossier.delegations[0].seating.is_some());
    assert!(h.query_by_label_contains("as chosen").is_some());
    // Saved, the choice is in the file; undone, the side is by precedence again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(store::load(&path).unwrap().delegations[0].seating.is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.dossier.delegations[0].seating.is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    h.get_by_label("Reset to precedence").click();
    h.run();
    assert!(h.state().doc.dossier.delegations[0].seating.is_none());
    assert_eq!(seats(&h)[1], "ken-juma");

    // Dragged onto another: the same swap.
    let from = h
        .get_by_role_and_label(Role::Button, "David Kerich")
        .rect()
        .center();
    let to = h
        .get_by_role_and_label(Role::Button, "Christopher Kirigua")
        .rect()
        .center();
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(from));
    h.event(button(from, true));
    h.step();
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 10.0),
        ));
        h.step();
    }
    h.event(button(to, false));
    h.run();
    assert_eq!(
        seats(&h),
        [
            "ken-kerich",
            "ken-juma",
            "ken-pcs",
            "ken-singoei",
            "ken-kirigua"
        ]
    );
}

#[test]
fn a_list_is_imported_in_the_editor_after_showing_what_it_changes_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("embassy.csv");
    std::fs::write(
        &list,
        "Full name,Position,Hotel\nDavid Kerich,Kenyan Ambassador to the United States,Willard\nWanjiru Kamau,Protocol Officer,Hay-Adams\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Full name,Arrival\nPeter Otieno,31/02/2027\n").unwrap();
    let (_path, mut h) = kenya_picking(dir.path(), [&bad, &list]);
    // A bad row: refused by row and column, nothing asked, nothing changed.
    h.get_by_label("Import members…").click();
    h.run();
    h.run();
    let message = h.state().last_error().unwrap_or_default();
    assert!(
        message.contains("bad.csv: row 2, column \"Arrival\": \"31/02/2027\" is not a day"),
        "{message}"
    );
    assert!(!matches!(h.state().question(), Some(Question::Import(_))));
    assert!(!h.state().doc.is_dirty());

    // A good one: what it changes is shown first.
    h.get_by_label("Import members…").click();
    h.run();
    h.run();
    assert!(h.query_by_label("Import embassy.csv into Kenya?").is_some());
    assert!(
        h.query_by_label("1 added, 1 updated, 4 kept as they were.")
            .is_some()
    );
    // Each person is named, as the command line's dry run names them.
    assert!(
        h.query_by_label("+ member “Wanjiru Kamau” of Kenya: added as 6")
            .is_some()
    );
    assert!(
        h.query_by_label("~ member “David Kerich” of Kenya: hotel added")
            .is_some()
    );
    assert_eq!(
        h.state().doc.dossier.delegations[0].members.len(),
        5,
        "not yet"
    );
    h.get_by_label("Import").click();
    h.run();
    let members = &h.state().doc.dossier.delegations[0].members;
    assert_eq!(members.len(), 6);
    assert_eq!(members[3].hotel, "Willard");
    assert_eq!(members[5].full_name, "Wanjiru Kamau");
    // One step to undo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let members = &h.state().doc.dossier.delegations[0].members;
    assert_eq!(members.len(), 5);
    assert_eq!(members[3].hotel, "");
    assert!(!h.state().doc.is_dirty());

    // Dropped on the delegation: read, and asked about, the same way.
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(list.clone())));
    h.run();
    assert!(h.query_by_label("Import embassy.csv into Kenya?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!matches!(h.state().question(), Some(Question::Import(_))));
    assert_eq!(h.state().doc.dossier.delegations[0].members.len(), 5);
}

/// A French embassy's list as Excel writes it on a French Windows (Windows-1252, semicolons,
/// CRLF, a title row, Prénom and Nom, a date that reads either way): the preview says how
/// it was read; the officer says the dates are month first, the list is read again so, and
/// what is imported and saved is what the officer chose.
#[test]
fn a_french_list_is_read_as_written_and_its_date_order_chosen_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("ambassade.csv");
    std::fs::write(
        &list,
        b"D\xe9l\xe9gation fran\xe7aise;;;\r\nPr\xe9nom;Nom;Fonction;Arriv\xe9e;Organisaton\r\n\
          H\xe9l\xe8ne;Dupr\xe9;Conseill\xe8re Afrique;02/03/2027 06:30;MEAE\r\n",
    )
    .unwrap();
    let (path, mut h) = kenya_picking(dir.path(), [&list, &list]);
    h.get_by_label("Import members…").click();
    h.run();
    h.run();
    assert!(
        h.query_by_label("Import ambassade.csv into Kenya?")
            .is_some()
    );
    for said in [
        "Read as CSV, Windows-1252 (the bytes are not UTF-8), separated by semicolons; the header is row 2.",
        "Dates read day first (19/01/2027): the dossier's language (en) writes them so; \
         row 3's \"02/03/2027 06:30\" is read as 2 March 2027.",
        "⚠ column E \"Organisaton\" is not read (did you mean \"Organisation\"?).",
        "+ member “Hélène Dupré” of Kenya: added as 6",
    ] {
        assert!(h.query_by_label(said).is_some(), "{said}");
    }
    let Some(Question::Import(pending)) = h.state().question() else {
        panic!("the import is asked");
    };
    let arrival = pending.members[5].arrival.clone().unwrap();
    assert_eq!(arrival.date.unwrap().to_string(), "2027-03-02");

    // Month first: read again, and asked again.
    h.get_by_label("month first (01/19/2027)").click();
    h.run();
    h.run();
    assert!(
        h.query_by_label(
            "Dates read month first (01/19/2027): as asked; row 3's \"02/03/2027 06:30\" is \
             read as 3 February 2027."
        )
        .is_some()
    );
    assert!(
        h.query_by_label("New: Hélène Dupré: Conseillère Afrique · arrives 3 February 2027 06:30")
            .is_some()
    );
    h.get_by_label("Import").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = attache::store::load(&path).unwrap();
    let m = &saved.delegations[0].members[5];
    assert_eq!(m.full_name, "Hélène Dupré");
    assert_eq!(m.position, "Conseillère Afrique");
    let arrival = m.arrival.clone().unwrap();
    assert_eq!(
        (
            arrival.date.unwrap().to_string(),
            arrival.time.unwrap().to_string()
        ),
        ("2027-02-03".to_owned(), "06:30".to_owned())
    );
}

/// A column the list's office named its own way ("Badge name") is named in the preview,
/// and read as the field the officer chooses there: the list is read again, and the
/// saved file holds it.
#[test]
fn a_column_not_read_is_read_as_the_field_chosen_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("badges.csv");
    std::fs::write(&list, "Full name,Badge name\nWanjiru Kamau,WK-7\n").unwrap();
    let (path, mut h) = kenya_picking(dir.path(), [&list, &list]);
    h.get_by_label("Import members…").click();
    h.run();
    h.run();
    assert!(
        h.query_by_label("⚠ column B \"Badge name\" is not read.")
            .is_some()
    );
    h.get_by_label("Read column B \"Badge name\" as…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Notes").click();
    h.run();
    h.run();
    // Read again: the column is read, and said no more.
    assert!(
        h.query_by_label("⚠ column B \"Badge name\" is not read.")
            .is_none()
    );
    assert!(h.query_by_label("Import badges.csv into Kenya?").is_some());
    assert!(
        h.query_by_label("Column \"Badge name\" is read as Notes, as asked.")
            .is_some()
    );
    h.get_by_label("Import").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    let m = &saved.delegations[0].members[5];
    assert_eq!(
        (m.full_name.as_str(), m.notes.as_str()),
        ("Wanjiru Kamau", "WK-7")
    );
}

#[test]
fn right_to_left_names_show_in_reading_order_and_are_read_out_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        common::sample_text().replace("full_name: \"Korir Sing’oei\"", "full_name: \"אברהם לוי\"");
    let path = common::write(dir.path(), "visit.ron", text);
    let mut h = harness_with(Some(path), false, ScriptedDialogs::default());
    h.get_by_label("Kenya (5) · ours").click();
    h.run();
    // The seat is drawn with its words from the right, but a screen reader hears the
    // name as written, and finds (and clicks) it by that name.
    h.get_by_role_and_label(Role::Button, "אברהם לוי").click();
    h.run();
    assert!(h.state().view.seat_pick.is_some(), "the seat was picked");
    assert!(
        h.query_by_label("לוי אברהם").is_none(),
        "never read reordered"
    );
    // So is the name's field, shown in reading order while not being edited: its value
    // is the text as written, and typing goes where the text is.
    let field = h.get_by_value("אברהם לוי");
    assert_eq!(
        egui_kittest::kittest::NodeT::accesskit_node(&field).role(),
        Role::TextInput
    );
    field.click();
    h.run();
    h.key_press(Key::End);
    h.get_by_value("אברהם לוי").type_text(" Jr.");
    h.run();
    assert_eq!(members(&h, 0)[1], "אברהם לוי Jr.");
}

#[test]
fn the_title_pages_marking_is_chosen_on_the_overview_and_saved() {
    let (_dir, path, mut h) = open_sample_copy();
    // The sample's dossier marking is OFFICIAL; raise it, then mark the title page lower.
    h.get_by_label("Dossier marking").click();
    h.run();
    h.get_by_label("SECRET (S)").click();
    h.run();
    h.get_by_label("Title page marking").click();
    h.run();
    h.get_by_label("OFFICIAL (O)").click();
    h.run();
    let meta = &h.state().doc.dossier.meta;
    assert_eq!(meta.marking.to_string(), "SECRET");
    assert_eq!(
        meta.title_marking
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("OFFICIAL")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(
        saved.meta.title_marking,
        h.state().doc.dossier.meta.title_marking
    );
    // Undone, it is the dossier's again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.dossier.meta.title_marking, None);
}
