//! `attache check` and `attache fmt` as scripts use them.

mod common;

use common::*;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Command;

use attache::store;

#[test]
fn check_reports_located_validation_problems_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text()
        .replace(
            "full_name: \"Monica Juma\"",
            "full_name: \"Korir Sing’oei\"",
        )
        .replace("lead_speaker: \"ken-pcs\"", "lead_speaker: \"usa-rubio\"");
    let path = write(dir.path(), "bad.ron", text);
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 1, "{out}");
    let file = path.display().to_string();
    assert!(
        out.contains(&format!(
            "{file}: warning: delegation 1 “Kenya” › member 3 “Ambassador Korir Sing’oei” › full_name: “Korir Sing’oei” is already member 2 of this delegation"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{file}: error: talking point 1 “A long-standing, respectful and strategic partnership” › lead_speaker: the lead speaker Senator Marco Rubio is in the United States delegation, not ours (Kenya)"
        )),
        "{out}"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text().replace(
        "full_name: \"Monica Juma\"",
        "full_name: \"Korir Sing’oei\"",
    );
    let path = write(dir.path(), "warn.ron", text);
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 warning"), "{out}");
}

#[test]
fn text_the_pack_cannot_print_is_a_warning_before_printing() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text().replacen(
        "venue: \"Washington, D.C.\"",
        "venue: \"Washington, D.C. (வாஷிங்டன்)\"",
        1,
    );
    assert!(text.contains("வாஷிங்டன்"), "the sample's venue line changed");
    let path = write(dir.path(), "cjk.ron", text);
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "warning: meta › venue: the pack's fonts have no glyph for வாஷிங்டன (8 characters)"
        ),
        "{out}"
    );
    let pdf = dir.path().join("pack.pdf");
    let (code, out) = run_on(&["export", path.to_str().unwrap(), "-o"], &[&pdf]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("a printed pack shows \u{FFFD} in their place"),
        "{out}"
    );
}

#[test]
fn fmt_rewrites_to_canonical_form_and_check_mode_reports() {
    let dir = tempfile::tempdir().unwrap();
    let messy = sample_text()
        .replace("    ", "  ")
        .replace("schema: 6,", "schema: 6 ,");
    let path = write(dir.path(), "messy.ron", &messy);
    let (code, out) = run_on(&["fmt", "--check"], &[&path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not in canonical form"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check changes nothing"
    );

    let (code, out) = run_on(&["fmt"], &[&path]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), sample_text());
    let (code, out) = run_on(&["fmt", "--check"], &[&path]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn fmt_will_not_drop_comments_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let commented = sample_text().replace(
        "    schema: 6,\n",
        "    schema: 6,\n    // checked with the embassy\n",
    );
    let path = write(dir.path(), "c.ron", &commented);
    let (code, out) = run_on(&["fmt"], &[&path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(":4:5: error: the file has comments"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), commented);
    let (code, out) = run_on(&["fmt", "--drop-comments"], &[&path]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), sample_text());
}

#[test]
fn fmt_refuses_unreadable_files_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.ron", "(schema: 1,");
    let (code, out) = run_on(&["fmt"], &[&path]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "(schema: 1,");
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    // Many problems, so that output outlives the reader.
    let mut text = sample_text();
    for _ in 0..2000 {
        text = text.replacen("role: Member,", "role: Head,", 1);
    }
    let path = write(dir.path(), "heads.ron", text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["check", path.to_str().unwrap(), path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101));
}

#[test]
fn a_pack_is_never_written_over_a_dossier_or_under_a_wrong_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "visit.ron", sample_text());
    let other = write(dir.path(), "other.ron", sample_text());
    let p = path.to_str().unwrap();
    for (output, expected) in [
        (p, "is the dossier being exported"),
        (other.to_str().unwrap(), "is named as a dossier file (.ron)"),
    ] {
        // Named by its extension, or forced with --format: refused either way.
        let (code, text) = run_on(&["export", p, "-o", output], &[]);
        assert_eq!(code, 2, "{text}");
        let (code, text) = run_on(&["export", p, "--format", "pdf", "-o", output], &[]);
        assert_eq!(code, 2, "{text}");
        assert!(text.contains(expected), "{text}");
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), sample_text());
    assert_eq!(std::fs::read_to_string(&other).unwrap(), sample_text());
    // A dossier under another name is known by what it is, not by its extension.
    let odd = write(dir.path(), "visit.dossier", sample_text());
    let o = odd.to_str().unwrap();
    let (code, text) = run_on(&["export", o, "--format", "pdf", "-o", o], &[]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("is the dossier being exported"), "{text}");
    assert_eq!(std::fs::read_to_string(&odd).unwrap(), sample_text());

    let docx = dir.path().join("pack.docx");
    let (code, text) = run_on(&["export", p, "-o"], &[&docx]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("a pack is written as .pdf or .html"),
        "{text}"
    );
    assert!(!docx.exists());

    let nowhere = dir.path().join("no-such-folder/pack.pdf");
    let (code, text) = run_on(&["export", p, "-o"], &[&nowhere]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("there is no folder"), "{text}");
}

#[test]
fn a_pack_with_marking_errors_is_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text().replacen("marking: \"OFFICIAL\"", "marking: \"OFFICAL\"", 1);
    let path = write(dir.path(), "typo.ron", text);
    let pdf = dir.path().join("pack.pdf");
    let (code, out) = run_on(&["export", path.to_str().unwrap(), "-o"], &[&pdf]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("meta › marking: marking level “OFFICAL” is not in the scheme"),
        "{out}"
    );
    assert!(out.contains("nothing was made"), "{out}");
    assert!(!pdf.exists());
    // Other errors do not stop a draft being printed for review.
    let text = sample_text().replacen(
        "lead_speaker: \"ken-pcs\"",
        "lead_speaker: \"usa-rubio\"",
        1,
    );
    let path = write(dir.path(), "draft.ron", text);
    let (code, out) = run_on(&["export", path.to_str().unwrap(), "-o"], &[&pdf]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("making the pack anyway"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_pack_never_goes_through_a_link_onto_a_dossier_nor_over_a_device_or_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "visit.ron", sample_text());
    let other = write(dir.path(), "other.ron", sample_text());
    let p = path.to_str().unwrap();
    // pack.pdf is a link to another dossier, and a link to the one exported.
    let link = dir.path().join("pack.pdf");
    std::os::unix::fs::symlink(&other, &link).unwrap();
    let (code, text) = run_on(&["export", p, "-o"], &[&link]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("a link to") && text.contains("(.ron)"),
        "{text}"
    );
    let self_link = dir.path().join("self.pdf");
    std::os::unix::fs::symlink(&path, &self_link).unwrap();
    let (code, text) = run_on(&["export", p, "-o"], &[&self_link]);
    assert_eq!(code, 2, "{text}");
    // A hard link is the same file under another name.
    let hard = dir.path().join("hard.pdf");
    std::fs::hard_link(&path, &hard).unwrap();
    let (code, text) = run_on(&["export", p, "-o"], &[&hard]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("is the dossier being exported"), "{text}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), sample_text());
    assert_eq!(std::fs::read_to_string(&other).unwrap(), sample_text());
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // A dossier is known by what it holds, not by its name: one saved without an
    // extension (reached through a link), or as "notes.pdf".
    let noext = write(dir.path(), "noext", sample_text());
    let to_noext = dir.path().join("to-noext.pdf");
    std::os::unix::fs::symlink(&noext, &to_noext).unwrap();
    let victim = write(dir.path(), "notes.pdf", sample_text());
    for target in [&to_noext, &victim] {
        let (code, text) = run_on(&["export", p, "-o"], &[target]);
        assert_eq!(code, 2, "{text}");
        assert!(
            text.contains("is a dossier; a pack never replaces one"),
            "{text}"
        );
    }
    assert_eq!(std::fs::read_to_string(&noext).unwrap(), sample_text());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), sample_text());

    // A pipe, and a device.
    let fifo = dir.path().join("pipe.pdf");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, text) = run_on(&["export", p, "-o"], &[&fifo]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a regular file"), "{text}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let (code, text) = run_on(&["export", p, "--format", "pdf", "-o", "/dev/null"], &[]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a regular file"), "{text}");
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A link to a regular pack file is followed: the pack lands in the file.
    let real = write(dir.path(), "real.pdf", "%PDF-1.7 an earlier pack");
    let to_real = dir.path().join("to-real.pdf");
    std::os::unix::fs::symlink(&real, &to_real).unwrap();
    let (code, text) = run_on(&["export", p, "-o"], &[&to_real]);
    assert_eq!(code, 0, "{text}");
    assert!(std::fs::read(&real).unwrap().starts_with(b"%PDF"));
    assert!(
        std::fs::symlink_metadata(&to_real)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn fmt_dropping_comments_keeps_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let original = format!("// Draft by the protocol office\n{}", sample_text());
    let path = write(dir.path(), "visit.ron", &original);
    let (code, text) = run_on(&["fmt", "--drop-comments"], &[&path]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("visit.ron.comments.bak"), "{text}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), sample_text());
    let bak = dir.path().join("visit.ron.comments.bak");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), original);
    // No later save replaces it: an approval keeps its own backup beside it.
    let (code, text) = run_on(&["approve", "--by", "A Reviewer"], &[&path]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), original);
}

#[test]
fn stale_temporaries_of_killed_saves_are_cleared_on_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    // Not in canonical form, so that fmt saves.
    let path = write(dir.path(), "visit.ron", format!("{}\n\n", sample_text()));
    // Left by saves of processes that no longer run (pids far above any live one), one of
    // them for the backup; and a file of someone else's that only looks alike.
    let stale = [
        ".visit.ron.attache-4000000-0.tmp",
        ".visit.ron.bak.attache-4000001-3.tmp",
    ];
    for name in stale {
        write(dir.path(), name, "half a dossier");
    }
    let foreign = write(dir.path(), ".visit.ron.4000000-0.tmp", "not ours");
    let (code, text) = run_on(&["fmt"], &[&path]);
    assert_eq!(code, 0, "{text}");
    for name in stale {
        assert!(!dir.path().join(name).exists(), "{name} was left");
    }
    assert!(foreign.exists(), "only our own temporaries are removed");
}

#[test]
fn the_seating_plan_follows_precedence_heads_facing_two_right_three_left() {
    let (code, json) = run_on(&["seating", "--format", "json"], &[Path::new(SAMPLE)]);
    assert_eq!(code, 0, "{json}");
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sides = &plan["tables"][0]["sides"];
    // The host's side, then the visitors'; each from the left of those seated to their
    // right: the head in the middle, No. 2 on the right, No. 3 on the left.
    assert_eq!(sides[0]["delegation"], "usa");
    assert_eq!(
        sides[0]["seats"],
        serde_json::json!(["usa-rubio", "usa-landau"])
    );
    assert_eq!(sides[1]["delegation"], "ken");
    assert_eq!(
        sides[1]["seats"],
        serde_json::json!([
            "ken-kirigua",
            "ken-juma",
            "ken-pcs",
            "ken-singoei",
            "ken-kerich"
        ])
    );

    // A note-taker and an interpreter sit behind, in the same order, by their role.
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.delegations[1].members[1].role = attache::model::MemberRole::NoteTaker;
    let file = dir.path().join("seating.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (code, json) = run_on(&["seating", "--format", "json"], &[&file]);
    assert_eq!(code, 0, "{json}");
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    let usa = &plan["tables"][0]["sides"][0];
    assert_eq!(usa["seats"], serde_json::json!(["usa-rubio"]));
    assert_eq!(usa["behind"], serde_json::json!(["usa-landau"]));
    let (code, text) = run_on(&["seating"], &[&file]);
    assert_eq!(code, 0);
    assert!(text.contains("United States – Kenya"), "{text}");
    assert!(text.contains("behind:"), "{text}");

    // One delegation: no table, said plainly.
    d.delegations.truncate(1);
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (code, text) = run_on(&["seating"], &[&file]);
    assert_eq!(code, 0);
    assert!(text.contains("needs two delegations"), "{text}");
    let (code, _) = run_on(&["seating"], &[&dir.path().join("missing.ron")]);
    assert_eq!(code, 2);
}

/// `attache members import --delegation ken --from LIST FILE`.
fn import_list(list: &Path, file: &Path) -> (i32, String) {
    run_on(
        &["members", "import", "--delegation", "ken", "--from"],
        &[list, file],
    )
}

/// `attache members export --delegation ken -o LIST FILE`.
fn export_list(list: &Path, file: &Path) -> (i32, String) {
    run_on(
        &["members", "export", "--delegation", "ken", "-o"],
        &[list, file],
    )
}

/// A list `csv` is refused with exit 1, saying `says`, and the dossier is left as it was.
fn refuses(dir: &Path, file: &Path, csv: &str, says: &str) {
    let before = std::fs::read(file).unwrap();
    let bad = write(dir, "bad.csv", csv);
    let (code, text) = import_list(&bad, file);
    assert_eq!(code, 1, "{csv}: {text}");
    assert!(text.contains(says), "{csv}: {text}");
    assert!(text.contains("nothing was imported"), "{csv}: {text}");
    assert_eq!(std::fs::read(file).unwrap(), before, "{csv}");
}

#[test]
fn a_delegation_list_from_a_spreadsheet_becomes_the_delegation_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("visit.ron");
    std::fs::copy(SAMPLE, &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    // As an embassy sends it: its own headers, a byte-order mark, a known member updated,
    // a new one added, a member known only by office.
    let list = write(
        dir.path(),
        "list.csv",
        "\u{FEFF}Title,Full Name,Position,Ministry,Role,E-mail,Hotel,Dietary requirements,Arrival,Arrival flight\n\
         Dr.,Korir Sing’oei,Principal Secretary for Foreign Affairs,Ministry of Foreign Affairs,Member,ps@example.org,Willard InterContinental,Halal,2025-03-11 14:20,KQ 2\n\
         ,Wanjiru Kamau,Press Officer,State House,note-taker,,Willard InterContinental,,2025-03-11,KQ 2\n\
         ,,Prime Cabinet Secretary,,Head of delegation,,Blair House,,,\n\
         ,,,,,,,,,\n",
    );
    let (code, text) = run_on(
        &[
            "members",
            "import",
            "--delegation",
            "ken",
            "--dry-run",
            "--from",
        ],
        &[&list, &file],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Kenya: 1 added, 2 updated, 3 kept"), "{text}");
    assert!(
        text.contains("Willard InterContinental"),
        "shown before applying: {text}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let (code, text) = import_list(&list, &file);
    assert_eq!(code, 0, "{text}");
    let d = store::load(&file).unwrap();
    let ken = &d.delegations[0].members;
    assert_eq!(ken.len(), 6, "added after the last member, none dropped");
    assert_eq!(ken[1].hotel, "Willard InterContinental");
    assert_eq!(ken[1].organisation, "Ministry of Foreign Affairs");
    assert_eq!(ken[1].arrival.as_ref().unwrap().details, "KQ 2");
    assert_eq!(
        ken[0].hotel, "Blair House",
        "found by office: the name is not confirmed"
    );
    assert_eq!(ken[5].full_name, "Wanjiru Kamau");
    assert_eq!(ken[5].role, attache::model::MemberRole::NoteTaker);
    assert_eq!(
        ken[2],
        store::load(Path::new(SAMPLE)).unwrap().delegations[0].members[2]
    );

    // A list is read from .txt (Excel's "Unicode text"), never written over one: a .txt
    // is as likely someone's notes.
    let notes = write(
        dir.path(),
        "notes.txt",
        "Call the embassy about the flights\n",
    );
    let (code, text) = export_list(&notes, &file);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("written as .csv or .xlsx"), "{text}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "Call the embassy about the flights\n"
    );
    // Written back and read again: the same list, nothing to change.
    let out = dir.path().join("out.csv");
    let (code, text) = export_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    let (code, text) = import_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("no changes"), "{text}");

    // A bad row refuses the whole list by its row and column; the dossier is untouched.
    let after = std::fs::read(&file).unwrap();
    for (csv, says) in [
        (
            "Name,Arrival\nA,31/02/2027\n",
            "row 2, column \"Arrival\": \"31/02/2027\" is not a day",
        ),
        (
            "Position,Role\nX,Member\n",
            "row 1: no Name column in the list's first",
        ),
        ("Name\nA\nA\n", "row 3: \"A\" is on the list twice"),
        ("Name,Position\n\"A,x\n", "row 2"),
    ] {
        refuses(dir.path(), &file, csv, says);
    }
    // More rows than any delegation has: refused where the list stops being one.
    let many: String = std::iter::once("Name\n".to_owned())
        .chain((0..=attache::sheet::MAX_ROWS).map(|i| format!("Member {i}\n")))
        .collect();
    let many = write(dir.path(), "many.csv", many);
    let (code, text) = import_list(&many, &file);
    assert_eq!(code, 1);
    assert!(
        text.contains(&format!("row {}", attache::sheet::MAX_ROWS + 2)),
        "{text}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), after);
    // A column read as the user says (`--column HEADER=FIELD`), and a field no column
    // can be read as refused before anything is read.
    let badges = write(
        dir.path(),
        "badges.csv",
        "Full name,Badge name\nWanjiru Kamau,WK-7\n",
    );
    let (code, text) = run_on(
        &[
            "members",
            "import",
            "--dry-run",
            "--column",
            "Badge name=Notes",
            "--delegation",
            "ken",
            "--from",
        ],
        &[&badges, &file],
    );
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("is not read"), "{text}");
    let (code, text) = run_on(
        &[
            "members",
            "import",
            "--dry-run",
            "--column",
            "Badge name=Shoe size",
            "--delegation",
            "ken",
            "--from",
        ],
        &[&badges, &file],
    );
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("\"Shoe size\" is not a field a column can be read as"),
        "{text}"
    );
    for crafted in ["=Notes", "Badge name", "Badge name=Number"] {
        let (code, text) = run_on(
            &[
                "members",
                "import",
                "--dry-run",
                "--column",
                crafted,
                "--delegation",
                "ken",
                "--from",
            ],
            &[&badges, &file],
        );
        assert_eq!(code, 2, "{crafted}: {text}");
        assert!(text.contains("--column"), "{crafted}: {text}");
    }
    // A role the dossier does not know is said, with its row and column, and the member
    // is imported as Member: the list is not refused over a word.
    let chief = write(dir.path(), "chief.csv", "Name,Role\nA,Member\nB,Chief\n");
    let (code, text) = run_on(
        &[
            "members",
            "import",
            "--dry-run",
            "--delegation",
            "ken",
            "--from",
        ],
        &[&chief, &file],
    );
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("warning: row 3, column \"Role\": \"Chief\" is not a role the dossier knows"),
        "{text}"
    );
    assert!(text.contains("B is imported as Member"), "{text}");
    // Bytes that are not UTF-8 are Windows-1252, as Excel writes "CSV" on a Western
    // European Windows; the preview says so.
    let latin1 = write(dir.path(), "latin1.csv", b"Name\nJos\xe9\n");
    let (code, text) = run_on(
        &[
            "members",
            "import",
            "--dry-run",
            "--delegation",
            "ken",
            "--from",
        ],
        &[&latin1, &file],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Windows-1252"), "{text}");
    assert!(text.contains("member “José” of Kenya: added"), "{text}");
    let (code, text) = run_on(
        &["members", "import", "--delegation", "nope", "--from"],
        &[&list, &file],
    );
    assert_eq!(code, 1);
    assert!(text.contains("the dossier has: ken, usa"), "{text}");
    assert_eq!(std::fs::read(&file).unwrap(), after);
}

#[test]
fn an_exported_list_cannot_run_as_a_formula_and_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.delegations[0].members[1].position = "=HYPERLINK(\"http://x\",\"click\")".into();
    d.delegations[0].members[1].contact = "+254 700 000000".into();
    let file = dir.path().join("visit.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let out = dir.path().join("list.csv");
    let (code, text) = export_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(") && csv.contains("'+254"),
        "{csv}"
    );
    let (code, text) = import_list(&out, &file);
    assert_eq!(code, 0);
    assert!(text.contains("no changes"), "{text}");
    // Never over the dossier or anything but a list.
    let (code, text) = export_list(&file, &file);
    assert_eq!(code, 1, "{text}");
    assert_eq!(store::load(&file).unwrap(), d);
}

#[test]
fn crafted_lists_are_refused_by_row_and_ambiguous_names_are_told_apart_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    // Two members of one name (father and son), a time without a date, a text that
    // starts with an apostrophe, a marking.
    let mut twin = d.delegations[0].members[4].clone();
    twin.id = attache::model::Id::new("ken-kirigua-2").unwrap();
    twin.arrival = Some(attache::model::Movement {
        date: None,
        time: Some("14:20".parse().unwrap()),
        details: "KQ 2".into(),
    });
    twin.hotel = "'The Hay-Adams".into();
    twin.biography = "Lawyer.\n\nDiplomat.".into();
    d.delegations[0].members.push(twin);
    d.delegations[0].members[1].marking = Some(attache::model::Marking::new("OFFICIAL"));
    let file = dir.path().join("visit.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let out = dir.path().join("list.csv");
    let (code, text) = export_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    let (code, text) = import_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("no changes"),
        "told apart by their ids: {text}"
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    // Without the ids, the name could be either: refused, not guessed.
    // Each row starts with its id; a biography's later lines do not.
    let no_ids: String = csv
        .lines()
        .map(|l| match l.split_once(',') {
            Some((id, rest)) if id == "Id" || id.starts_with("ken-") => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let no_ids = write(dir.path(), "noids.csv", no_ids);
    let (code, text) = import_list(&no_ids, &file);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("could be any of several members"), "{text}");

    for (csv, says) in [
        // A quote left open in the last column would swallow every row after it.
        (
            "Name,Biography\nA,\"Lawyer\nB,x\nC,y\n",
            "row 2: a quote is opened and never closed",
        ),
        // Rows are counted as the spreadsheet shows them, a cell of two lines being one.
        (
            "Name,Biography,Arrival\nA,\"two\nlines\",\nB,x,31/02/2027\n",
            "row 3, column \"Arrival\"",
        ),
        (
            "Name,Position\nHassan, Ali,Adviser\n",
            "row 2: 3 cells where the header has 2",
        ),
        (
            "Name,Role\nNew Head,Head of delegation\n",
            "row 2, column \"Role\": makes New Head a second head of delegation",
        ),
        ("Name,Marking\nA,SECRET//\n", "row 2, column \"Marking\""),
    ] {
        refuses(dir.path(), &file, csv, says);
    }
    // A pipe in place of the list is refused at once, not waited on.
    let fifo = dir.path().join("fifo.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, text) = import_list(&fifo, &file);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a regular file"), "{text}");
}

/// `attache members photo FILE --member ID --from IMAGE`.
fn set_photo(file: &Path, member: &str, image: &Path) -> (i32, String) {
    run_on(
        &["members", "photo", "--member", member, "--from"],
        &[image, file],
    )
}

/// A PNG whose header says `w` × `h` pixels of RGBA, with almost no data: what a
/// decompression bomb looks like before it is decoded.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    // A zlib stream of a few zero bytes.
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn a_photo_is_set_from_an_image_and_anything_else_is_refused_leaving_the_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "visit.ron", sample_text());
    let jpeg = {
        let img = image::RgbImage::from_fn(1200, 900, |x, y| {
            image::Rgb([(x / 5) as u8, (y / 4) as u8, 60])
        });
        let path = dir.path().join("portrait.JPG");
        img.save_with_format(&path, image::ImageFormat::Jpeg)
            .unwrap();
        path
    };
    let (code, text) = set_photo(&file, "ken-singoei", &jpeg);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("Dr. Korir Sing’oei: photo set (JPEG 300 × 400"),
        "{text}"
    );
    let d = store::load(&file).unwrap();
    let photo = d.delegations[0].members[1].photo.clone().expect("set");
    assert!(
        photo.jpeg().len() < 100 * 1024,
        "tens of KB: {}",
        photo.describe()
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("photo: \"data:image/jpeg;base64,/9j/"),
        "one file, one line"
    );

    // What is not a photo, each refused by its reason; the dossier stays as it is.
    let before = std::fs::read(&file).unwrap();
    let mut cut = std::fs::read(&jpeg).unwrap();
    cut.truncate(cut.len() / 3);
    let fifo = dir.path().join("pipe.png");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let huge = dir.path().join("huge.png");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(41 * 1024 * 1024)
        .unwrap();
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (
            write(dir.path(), "notes.png", "just some text"),
            "not a JPEG or PNG image",
        ),
        (
            write(
                dir.path(),
                "anim.png",
                b"GIF89a\x01\x00\x01\x00\x00\x00\x00",
            ),
            "(it looks like GIF)",
        ),
        (write(dir.path(), "cut.jpg", &cut), "cannot be read"),
        (
            write(dir.path(), "wide.png", png_claiming(100_000, 10)),
            "than 16384 pixels",
        ),
        (
            write(dir.path(), "bomb.png", png_claiming(16_000, 16_000)),
            "too much memory",
        ),
        (
            write(dir.path(), "empty.png", b""),
            "not a JPEG or PNG image",
        ),
        (fifo, "not a regular file"),
        (huge, "MiB"),
    ];
    for (image, says) in &cases {
        let (code, text) = set_photo(&file, "ken-singoei", image);
        assert!(code == 1 || code == 2, "{image:?}: {text}");
        assert!(text.contains(says), "{image:?}: {text}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{image:?}");
    }
    let (code, text) = set_photo(&file, "nobody", &jpeg);
    assert_eq!(code, 1);
    assert!(text.contains("no member \"nobody\""), "{text}");

    // Removed with --remove; the same again changes nothing.
    let (code, text) = run_on(
        &["members", "photo", "--member", "ken-singoei", "--remove"],
        &[&file],
    );
    assert_eq!(code, 0, "{text}");
    assert!(
        store::load(&file).unwrap().delegations[0].members[1]
            .photo
            .is_none()
    );
    let (_, text) = run_on(
        &["members", "photo", "--member", "ken-singoei", "--remove"],
        &[&file],
    );
    assert!(text.contains("as it was"), "{text}");
}

#[test]
fn a_changed_photo_is_said_in_a_diff_not_spelled_out() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.ron", sample_text());
    let new = write(dir.path(), "new.ron", sample_text());
    let png = {
        let img = image::RgbImage::from_fn(60, 80, |x, _| image::Rgb([x as u8, 9, 9]));
        let path = dir.path().join("p.png");
        img.save_with_format(&path, image::ImageFormat::Png)
            .unwrap();
        path
    };
    assert_eq!(set_photo(&new, "usa-rubio", &png).0, 0);
    let (code, text) = run_on(&["diff"], &[&old, &new]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("photo added"), "{text}");
    assert!(text.contains("+ a photo (JPEG, "), "{text}");
    assert!(!text.contains("base64"), "{text}");
    // A colleague's photo merges in like any field.
    let out = dir.path().join("merged.ron");
    let (code, text) = run_on(&["merge", "-o"], &[&out, &old, &old, &new]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        store::load(&out).unwrap().delegations[1].members[0].photo,
        store::load(&new).unwrap().delegations[1].members[0].photo
    );
}

/// A list as Excel writes it, with a real date and time and a phone number typed as a
/// number; `titled`: under a title row.
fn embassy_xlsx(titled: bool) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let top = u32::from(titled);
    if titled {
        s.write_string(0, 0, "Kenyan delegation to Washington")
            .unwrap();
    }
    let headers = [
        "Title",
        "Full name",
        "Position",
        "Ministry",
        "Phone",
        "Arrival",
        "Role",
    ];
    let row = [
        "Ms.",
        "Wanjiru Kamau",
        "Protocol Officer",
        "Ministry of Foreign Affairs",
    ];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(top, c as u16, *h).unwrap();
    }
    for (c, v) in row.iter().enumerate() {
        s.write_string(top + 1, c as u16, *v).unwrap();
    }
    s.write_number(top + 1, 4, 254_700_000_001.0).unwrap();
    let when = ExcelDateTime::from_ymd(2025, 3, 11)
        .unwrap()
        .and_hms(14, 30, 0)
        .unwrap();
    let format = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    s.write_datetime_with_format(top + 1, 5, &when, &format)
        .unwrap();
    s.write_string(top + 1, 6, "Adviser").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn workbooks_become_delegations_with_their_errors_named_by_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "visit.ron", sample_text());
    // The embassy's list as Excel writes it: a title row above the header, a real date
    // and time, a phone number typed as a number.
    let xlsx = embassy_xlsx(true);
    // The title row is not the header: the header is the row a Name column is found in,
    // and errors are said by the rows the spreadsheet shows.
    let list = write(dir.path(), "titled.xlsx", &xlsx);
    let (code, text) = import_list(&list, &file);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("1 added"), "{text}");
    let file = write(dir.path(), "visit.ron", sample_text());

    let xlsx = embassy_xlsx(false);
    let list = write(dir.path(), "list.xlsx", &xlsx);
    let (code, text) = import_list(&list, &file);
    assert_eq!(code, 0, "{text}");
    let d = store::load(&file).unwrap();
    let m = d.delegations[0].members.last().unwrap();
    assert_eq!(m.display_name(), "Ms. Wanjiru Kamau");
    assert_eq!(m.organisation, "Ministry of Foreign Affairs");
    assert_eq!(m.contact, "254700000001");
    let arrival = m.arrival.as_ref().unwrap();
    assert_eq!(
        (
            arrival.date.unwrap().to_string(),
            arrival.time.unwrap().to_string()
        ),
        ("2025-03-11".to_owned(), "14:30".to_owned())
    );

    // Exported as xlsx and read back: nothing changes.
    let out = dir.path().join("back.xlsx");
    let (code, text) = export_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    let before = std::fs::read(&file).unwrap();
    let (code, text) = import_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("0 added, 0 updated"), "{text}");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // An ods list, with a bad date on the sheet's row 3.
    let rows = [
        ods_row(&["Full name", "Position", "Arrival"]),
        ods_row(&["Amina Odhiambo", "Note-taker", ""]),
        ods_row(&["Peter Otieno", "Driver", "30/02/2027"]),
    ]
    .concat();
    let list = write(dir.path(), "list.ods", ods(&rows));
    let (code, text) = import_list(&list, &file);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("row 3, column \"Arrival\": \"30/02/2027\" is not a day"),
        "{text}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing was written");
    let rows = [
        ods_row(&["Full name", "", "Position", "Role"]),
        ods_row(&["Amina Odhiambo", "", "Note-taker", "Note-taker"]),
    ]
    .concat();
    let list = write(dir.path(), "list.ods", ods(&rows));
    let (code, text) = import_list(&list, &file);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("1 added"), "{text}");
}

#[test]
fn crafted_workbooks_are_refused_before_they_are_unpacked_or_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "visit.ron", sample_text());
    let before = std::fs::read(&file).unwrap();
    // A hundred megabytes of spaces, deflated to a few hundred KB.
    let spaces = vec![b' '; 100 << 20];
    // A million rows of a thousand cells, in a few hundred bytes.
    let repeated = format!(
        "{}<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
        ods_row(&["Full name"])
    );
    let many: Vec<(String, Vec<u8>)> = (0..3000).map(|i| (format!("f{i}"), vec![])).collect();
    let many_refs: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bomb.xlsx",
            zipped(&[("xl/worksheets/sheet1.xml", &spaces)]),
            "unpacks to over 64 MB",
        ),
        ("rows.ods", ods(&repeated), "repeats its rows and cells"),
        ("many.xlsx", zipped(&many_refs), "holds 3000 files"),
        (
            "text.xlsx",
            b"Full name\nAmina".to_vec(),
            "not an xlsx or ods workbook",
        ),
        (
            "cut.ods",
            ods(&ods_row(&["Full name"]))[..200].to_vec(),
            "archive is broken",
        ),
        ("empty.ods", ods(""), "the first sheet is empty"),
    ];
    for (name, bytes, says) in &cases {
        let list = write(dir.path(), name, bytes);
        let (code, text) = import_list(&list, &file);
        assert_eq!(code, 1, "{name}: {text}");
        assert!(text.contains(says), "{name}: {text}");
        assert!(text.contains("nothing was imported"), "{name}: {text}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{name}");
    }
}

#[test]
fn a_member_known_by_id_alone_survives_the_round_trip_through_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::parse_str(&sample_text()).unwrap();
    let mut blank = attache::model::Member::new();
    blank.hotel = "Willard".into();
    d.delegations[0].members.push(blank);
    let file = dir.path().join("visit.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    for name in ["list.csv", "list.xlsx"] {
        let list = dir.path().join(name);
        let (code, text) = export_list(&list, &file);
        assert_eq!(code, 0, "{text}");
        let before = std::fs::read(&file).unwrap();
        let (code, text) = import_list(&list, &file);
        assert_eq!(code, 0, "{name}: {text}");
        assert!(text.contains("0 added, 0 updated"), "{name}: {text}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
}

#[test]
fn crafted_workbook_cells_are_refused_and_a_list_never_lands_on_a_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "visit.ron", sample_text());
    let before = std::fs::read(&file).unwrap();
    let header = format!(
        r#"<row r="1">{}{}</row>"#,
        xcell("A1", "Full name"),
        xcell("B1", "Position")
    );
    // One string of a megabyte in twelve cells; a table claiming four billion strings.
    let big = "x".repeat(1 << 20);
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="1"><si><t>{big}</t></si></sst>"#
    );
    let amplified: String = (2..14)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let counted = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
    let far = format!(
        r#"<row r="2">{}{}</row>"#,
        xcell("A2", "Amina"),
        xcell("KO2", "SECRET")
    );
    // Rows out of order: a later row first.
    let unsorted = format!(
        r#"<row r="3">{}</row>{header}<row r="2">{}</row>"#,
        xcell("A3", "Peter"),
        xcell("A2", "Amina")
    );
    let no_name = format!(
        r#"<row r="1">{}{}{}</row><row r="2">{}{}{}</row>"#,
        xcell("A1", "Delegation"),
        xcell("B1", "Post"),
        xcell("C1", "Role"),
        xcell("A2", "Otieno"),
        xcell("B2", "Peter"),
        xcell("C2", "Member")
    );
    // A second ods sheet that is all repeats; a gap of empty rows before a far cell; a
    // million repeated spaces; an error cell as LibreOffice writes it.
    let second = format!(
        "{}</table:table><table:table table:name=\"Two\"><table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"100\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
        ods_row(&["Full name"])
    );
    let gap = format!(
        "{}<table:table-row table:number-rows-repeated=\"300000\"><table:table-cell table:number-columns-repeated=\"300\"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated=\"299\"/><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
        ods_row(&["Full name"])
    );
    let spaces = format!(
        "{}<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"1000000000\"/>b</text:p></table:table-cell></table:table-row>",
        ods_row(&["Full name"])
    );
    let error = format!(
        "{}<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Amina</text:p></table:table-cell><table:table-cell table:formula=\"of:=1/0\" office:value-type=\"string\" office:string-value=\"\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>",
        ods_row(&["Full name", "Position"])
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "amplified.xlsx",
            xlsx_by_hand(&format!("{header}{amplified}"), Some(&strings)),
            "over 8 MB of text",
        ),
        (
            "counted.xlsx",
            xlsx_by_hand(&header, Some(counted)),
            "string table says it holds 4000000000",
        ),
        (
            "far.xlsx",
            xlsx_by_hand(&format!("{header}{far}"), None),
            "row 2, column \"KO\": is beyond the 256 columns",
        ),
        (
            "noname.xlsx",
            xlsx_by_hand(&no_name, None),
            "row 1: no Name column",
        ),
        ("second.ods", ods(&second), "repeats its rows and cells"),
        ("gap.ods", ods(&gap), "repeats its rows and cells"),
        ("spaces.ods", ods(&spaces), "repeats spaces"),
        (
            "error.ods",
            ods(&error),
            "row 2, column \"B\": holds a spreadsheet error",
        ),
    ];
    for (name, bytes, says) in &cases {
        let list = write(dir.path(), name, bytes);
        let (code, text) = import_list(&list, &file);
        assert_eq!(code, 1, "{name}: {text}");
        assert!(text.contains(says), "{name}: {text}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{name}");
    }
    // Rows out of order are read in order.
    let list = write(dir.path(), "unsorted.xlsx", xlsx_by_hand(&unsorted, None));
    let (code, text) = import_list(&list, &file);
    assert_eq!(code, 0, "{text}");
    let d = store::load(&file).unwrap();
    let names: Vec<&str> = d.delegations[0]
        .members
        .iter()
        .map(|m| m.full_name.as_str())
        .collect();
    assert_eq!(names[5..], ["Amina", "Peter"]);

    // An export never replaces a dossier, not through a link either.
    let victim = write(dir.path(), "other.ron", sample_text());
    let link = dir.path().join("link.xlsx");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let (code, text) = export_list(&link, &file);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("is named as a dossier file"), "{text}");
    let disguised = write(dir.path(), "old.csv", sample_text());
    let (code, text) = export_list(&disguised, &file);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("is a dossier; a list never replaces one"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), sample_text());
    assert_eq!(std::fs::read_to_string(&disguised).unwrap(), sample_text());

    // Text that looks like a formula goes through a workbook as it was.
    let mut d = store::load(&file).unwrap();
    d.delegations[0].members[1].hotel = "'=HYPERLINK(\"x\")".into();
    d.delegations[0].members[2].hotel = "=1+1".into();
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let out = dir.path().join("fx.xlsx");
    assert_eq!(export_list(&out, &file).0, 0);
    let (code, text) = import_list(&out, &file);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("0 added, 0 updated"), "{text}");
}

/// The command-line reference (docs/cli.md) names every subcommand `attache --help` lists,
/// and every option each one's `--help` lists: a command or option added without its
/// documentation fails here.
#[test]
fn the_command_line_reference_documents_every_subcommand_and_option() {
    let reference =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/cli.md")).unwrap();
    let help = |args: &[&str]| {
        let out = common::attache(args);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let top = help(&["--help"]);
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A command's line, not its description's next line (indented further).
        .filter(|l| !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 10, "{top}");
    let mut missing = Vec::new();
    for command in &commands {
        if !reference.contains(&format!("attache {command}")) {
            missing.push(format!("attache {command}"));
        }
        let mut paths = vec![vec![command.as_str()]];
        // `members` has subcommands of its own.
        let sub = help(&[command, "--help"]);
        let subs: Vec<String> = sub
            .lines()
            .skip_while(|l| !l.starts_with("Commands:"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .filter(|l| !l[2..].starts_with(' '))
            .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
            .filter(|c| c != "help")
            .collect();
        for s in &subs {
            paths.push(vec![command.as_str(), s.as_str()]);
        }
        for path in paths {
            let mut args = path.clone();
            args.push("--help");
            for line in help(&args)
                .lines()
                .skip_while(|l| !l.starts_with("Options:"))
                .skip(1)
                .filter(|l| l.trim_start().starts_with('-'))
            {
                // "  -o, --output <OUTPUT>": documented by either form.
                let forms: Vec<&str> = line
                    .split_whitespace()
                    .take_while(|w| w.starts_with('-'))
                    .map(|w| w.trim_end_matches(','))
                    .collect();
                let Some(long) = forms.iter().find(|f| f.starts_with("--")) else {
                    continue;
                };
                if *long == "--help" || *long == "--version" {
                    continue;
                }
                // Named whole: "--paper" is not "--paper-size".
                let named = |f: &str| {
                    reference.match_indices(f).any(|(at, _)| {
                        reference[at + f.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric() && c != '-')
                    })
                };
                if !forms.iter().any(|f| named(f)) {
                    missing.push(format!("{} {long}", path.join(" ")));
                }
            }
        }
    }
    assert!(missing.is_empty(), "not in docs/cli.md: {missing:?}");
}
