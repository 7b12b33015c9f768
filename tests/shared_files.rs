//! Files from outside, as a stranger's shared files would be: a delegation list that
//! would lower a marking or hides a sheet, a workbook that claims billions of strings,
//! pipes where files are expected, files Attaché must not write over, photos carrying what
//! nobody sees, and git calling on files that are not dossiers. Each case found by hostile
//! testing is kept here.

mod common;

use std::path::{Path, PathBuf};

use attache::model::{Date, Marking, Movement, Time, Timestamp};
use attache::store;
use common::*;

fn import(list: &Path, file: &Path) -> (i32, String) {
    run_on(
        &["members", "import", "--delegation", "ken", "--from"],
        &[list, file],
    )
}

/// The sample in `dir`, changed by `f`.
fn dossier(dir: &Path, f: impl FnOnce(&mut attache::model::Dossier)) -> PathBuf {
    let mut d = store::parse_str(&sample_text()).unwrap();
    f(&mut d);
    let path = dir.join("visit.ron");
    store::save(&path, &d, store::SaveOptions { backup: false }).unwrap();
    path
}

#[test]
fn a_list_may_raise_a_marking_but_never_lower_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |d| {
        d.meta.marking = Marking::new("SECRET");
        d.delegations[0].members[2].marking = Some(Marking::new("SECRET"));
        d.delegations[0].marking = Some(Marking::new("CONFIDENTIAL"));
    });
    let before = std::fs::read(&file).unwrap();
    // Lower than the member's own marking, in CSV and in a workbook.
    let csv = write(
        dir.path(),
        "lower.csv",
        "Id,Full name,Marking\nken-juma,Monica Juma,OFFICIAL\n",
    );
    let sheet = format!(
        r#"<row r="1">{}{}{}</row><row r="2">{}{}{}</row>"#,
        xcell("A1", "Id"),
        xcell("B1", "Full name"),
        xcell("C1", "Marking"),
        xcell("A2", "ken-juma"),
        xcell("B2", "Monica Juma"),
        xcell("C2", "OFFICIAL")
    );
    let xlsx = write(dir.path(), "lower.xlsx", xlsx_by_hand(&sheet, None));
    for list in [&csv, &xlsx] {
        let (code, text) = import(list, &file);
        assert_eq!(code, 1, "{text}");
        assert!(
            text.contains("row 2, column \"Marking\"") && text.contains("never lower it"),
            "{text}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
    // A release list widened is lower too; a new member below the delegation's marking
    // as well.
    for (name, csv) in [
        (
            "widened.csv",
            "Id,Full name,Marking\nken-juma,Monica Juma,\"SECRET//REL TO KEN, USA\"\n",
        ),
        ("new.csv", "Full name,Marking\nA Newcomer,OFFICIAL\n"),
    ] {
        let list = write(dir.path(), name, csv);
        let (code, text) = import(&list, &file);
        assert_eq!(code, 1, "{name}: {text}");
        assert!(text.contains("never lower it"), "{name}: {text}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Raising, or saying the same, is taken.
    let raise = write(
        dir.path(),
        "raise.csv",
        "Id,Full name,Marking\nken-juma,Monica Juma,TOP SECRET\nken-kerich,David Kerich,CONFIDENTIAL\n",
    );
    let (code, text) = import(&raise, &file);
    let d = store::load(&file).unwrap();
    assert_eq!(code, 1, "TOP SECRET is above the dossier's marking: {text}");
    assert!(text.contains("above the dossier's marking"), "{text}");
    assert_eq!(
        d.delegations[0].members[2].marking,
        Some(Marking::new("SECRET"))
    );
    let raise = write(
        dir.path(),
        "raise.csv",
        "Id,Full name,Marking\nken-juma,Monica Juma,SECRET\nken-kerich,David Kerich,SECRET\n",
    );
    let (code, text) = import(&raise, &file);
    assert_eq!(code, 0, "{text}");
    let d = store::load(&file).unwrap();
    assert_eq!(
        d.delegations[0].members[3].marking,
        Some(Marking::new("SECRET"))
    );
}

#[test]
fn a_cell_with_a_date_alone_or_a_time_alone_keeps_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |d| {
        d.delegations[0].members[2].arrival = Some(Movement {
            date: Date::new(2027, 1, 19),
            time: Time::new(6, 30),
            details: "KQ 1".into(),
        });
    });
    let list = write(
        dir.path(),
        "date.csv",
        "Id,Full name,Arrival\nken-juma,Monica Juma,2027-01-20\n",
    );
    assert_eq!(import(&list, &file).0, 0);
    let d = store::load(&file).unwrap();
    let a = d.delegations[0].members[2].arrival.clone().unwrap();
    assert_eq!((a.date, a.time), (Date::new(2027, 1, 20), Time::new(6, 30)));
    let list = write(
        dir.path(),
        "time.csv",
        "Id,Full name,Arrival\nken-juma,Monica Juma,07:45\n",
    );
    assert_eq!(import(&list, &file).0, 0);
    let d = store::load(&file).unwrap();
    let a = d.delegations[0].members[2].arrival.clone().unwrap();
    assert_eq!((a.date, a.time), (Date::new(2027, 1, 20), Time::new(7, 45)));
    assert_eq!(a.details, "KQ 1");
}

fn list_of(name: &str, row: u32) -> String {
    format!(
        r#"<row r="{row}">{}{}</row><row r="{}">{}{}</row>"#,
        xcell(&format!("A{row}"), "Full name"),
        xcell(&format!("B{row}"), "Position"),
        row + 1,
        xcell(&format!("A{}", row + 1), name),
        xcell(&format!("B{}", row + 1), "Adviser"),
    )
}

#[test]
fn a_hidden_sheet_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |_| {});
    let names = |file: &Path| -> Vec<String> {
        store::load(file).unwrap().delegations[0]
            .members
            .iter()
            .map(|m| m.full_name.clone())
            .collect()
    };
    let before = std::fs::read(&file).unwrap();
    for state in ["hidden", "veryHidden"] {
        std::fs::write(&file, &before).unwrap();
        let book = xlsx_sheets(&[
            ("Hidden", state, list_of("Hidden Person", 1)),
            ("Chart data", "", list_of("Seen Person", 1)),
        ]);
        let list = write(dir.path(), "book.xlsx", book);
        let (code, text) = import(&list, &file);
        assert_eq!(code, 0, "{state}: {text}");
        let names = names(&file);
        assert!(names.contains(&"Seen Person".to_owned()), "{state}");
        assert!(!names.contains(&"Hidden Person".to_owned()), "{state}");
    }
    // Every sheet hidden: nothing to read.
    std::fs::write(&file, &before).unwrap();
    let book = xlsx_sheets(&[("Hidden", "veryHidden", list_of("Hidden Person", 1))]);
    let list = write(dir.path(), "all.xlsx", book);
    let (code, text) = import(&list, &file);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("no visible sheet"), "{text}");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // An ods sheet hidden by its style.
    let rows = |name: &str| {
        format!(
            "{}{}",
            ods_row(&["Full name", "Position"]),
            ods_row(&[name, "Adviser"])
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Hidden" table:style-name="ta2">{}</table:table><table:table table:name="List">{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        rows("Hidden Person"),
        rows("Seen Person")
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let ods = zipped(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
    ]);
    let list = write(dir.path(), "book.ods", ods);
    let (code, text) = import(&list, &file);
    assert_eq!(code, 0, "{text}");
    let names = names(&file);
    assert!(names.contains(&"Seen Person".to_owned()));
    assert!(!names.contains(&"Hidden Person".to_owned()));
}

#[test]
fn a_string_table_cannot_hide_its_count_from_the_guard() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |_| {});
    let before = std::fs::read(&file).unwrap();
    let header = format!(
        r#"<row r="1">{}{}</row>"#,
        xcell("A1", "Full name"),
        xcell("B1", "Position")
    );
    let padding = "<!-- ".to_owned() + &"x".repeat(8000) + " -->";
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let cases = [
        // A namespace prefix: no literal "<sst".
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="{ns}" count="12000000000" uniqueCount="12000000000"><x:si><x:t>a</x:t></x:si></x:sst>"#
        ),
        // A comment longer than the first 4 KB before it.
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>{padding}<sst xmlns="{ns}" count="12000000000" uniqueCount="12000000000"><si><t>a</t></si></sst>"#
        ),
        // A count not written as digits alone.
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}" uniqueCount=" 12000000000"><si><t>a</t></si></sst>"#
        ),
    ];
    for strings in &cases {
        let list = write(
            dir.path(),
            "strings.xlsx",
            xlsx_by_hand(&header, Some(strings)),
        );
        let (code, text) = import(&list, &file);
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("string table says it holds"), "{text}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
}

/// Runs attache, failing the test if it does not finish within ten seconds (a command
/// that opens a pipe waits for a writer that never comes).
fn run_briefly(args: &[&str]) -> (i32, String) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            panic!("attache {args:?} hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(101), "panicked: {text}");
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn a_named_pipe_where_a_file_is_expected_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let good = dossier(dir.path(), |_| {});
    let pipe = dir.path().join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    let pdf_pipe = dir.path().join("pipe.pdf");
    std::process::Command::new("mkfifo")
        .arg(&pdf_pipe)
        .status()
        .unwrap();
    let (p, g, pp) = (
        pipe.to_str().unwrap(),
        good.to_str().unwrap(),
        pdf_pipe.to_str().unwrap(),
    );
    let out = dir.path().join("out");
    let o = |name: &str| out.with_extension(name).display().to_string();
    let cases: Vec<Vec<String>> = vec![
        vec!["check".into(), p.into()],
        vec!["fmt".into(), p.into()],
        vec!["export".into(), p.into(), "-o".into(), o("pdf")],
        vec!["export".into(), g.into(), "-o".into(), pp.into()],
        vec!["cards".into(), p.into(), "-o".into(), o("pdf")],
        vec!["cards".into(), g.into(), "-o".into(), pp.into()],
        vec!["seating".into(), p.into()],
        vec![
            "approve".into(),
            p.into(),
            "--by".into(),
            "A Reviewer".into(),
        ],
        vec!["diff".into(), p.into(), g.into()],
        vec!["diff".into(), g.into(), p.into()],
        vec![
            "merge".into(),
            p.into(),
            g.into(),
            g.into(),
            "-o".into(),
            o("ron"),
        ],
        vec![
            "merge".into(),
            g.into(),
            g.into(),
            g.into(),
            "-o".into(),
            p.into(),
        ],
        vec![
            "members".into(),
            "import".into(),
            g.into(),
            "--delegation".into(),
            "ken".into(),
            "--from".into(),
            dir.path().join("pipe.csv").display().to_string(),
        ],
    ];
    std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.csv"))
        .status()
        .unwrap();
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, text) = run_briefly(&args);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains("not a regular file"), "{args:?}: {text}");
    }
    // Git's textconv goes on to the next file: said, status 0.
    let (code, text) = run_briefly(&["textconv", p]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("not a regular file"), "{text}");
    assert_eq!(std::fs::read(&good).unwrap(), {
        let d = store::parse_str(&sample_text()).unwrap();
        store::to_string(&d).into_bytes()
    });
}

#[test]
fn nothing_attache_writes_replaces_a_dossier_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |_| {});
    // A dossier saved as a list's name, beginning with a comment (no "(" in its head).
    let commented = format!("// the embassy's copy\n{}", sample_text());
    for name in ["old.csv", "old.xlsx", "old.pdf", "old.html"] {
        let victim = write(dir.path(), name, &commented);
        let args: Vec<String> = if name.ends_with(".csv") || name.ends_with(".xlsx") {
            ["members", "export", "--delegation", "ken", "-o"]
                .map(String::from)
                .to_vec()
        } else {
            ["export", "-o"].map(String::from).to_vec()
        };
        let mut args = args;
        args.push(victim.display().to_string());
        args.push(file.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, text) = run_briefly(&args);
        assert_ne!(code, 0, "{name}: {text}");
        assert!(text.contains("is a dossier"), "{name}: {text}");
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            commented,
            "{name}"
        );
    }
    // A merge over another dossier keeps it as .bak; over a text file, it is refused.
    let other = write(dir.path(), "other.ron", sample_text());
    let (code, text) = run_briefly(&[
        "merge",
        file.to_str().unwrap(),
        file.to_str().unwrap(),
        file.to_str().unwrap(),
        "-o",
        other.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other.ron.bak")).unwrap(),
        sample_text()
    );
}

#[test]
fn merge_and_approve_keep_comments_or_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text().replace(
        "    schema: 6,\n",
        "    schema: 6,\n    // checked with the embassy on 12 January\n",
    );
    let file = write(dir.path(), "visit.ron", &text);
    let (code, out) = run_briefly(&["approve", file.to_str().unwrap(), "--by", "A Reviewer"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(":4:5: error: not approved: the file has comments"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let plain = write(dir.path(), "plain.ron", sample_text());
    for (base, ours, theirs) in [(&plain, &file, &plain), (&plain, &plain, &file)] {
        let (code, out) = run_briefly(&[
            "merge",
            base.to_str().unwrap(),
            ours.to_str().unwrap(),
            theirs.to_str().unwrap(),
            "-o",
            ours.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("the file has comments"), "{out}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
    // Asked to drop them: the file as it was is kept, and said so, where no later save
    // replaces it.
    let (code, out) = run_briefly(&[
        "approve",
        file.to_str().unwrap(),
        "--by",
        "A Reviewer",
        "--drop-comments",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("kept as visit.ron.comments.bak"), "{out}");
    let bak = dir.path().join("visit.ron.comments.bak");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), text);
    let (code, out) = run_briefly(&["approve", file.to_str().unwrap(), "--by", "B Reviewer"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        std::fs::read_to_string(&bak).unwrap(),
        text,
        "never replaced"
    );
}

#[test]
fn a_photo_carrying_what_nobody_sees_is_refused_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    // A real photo, imported, then something appended after its end.
    let img = image::RgbImage::from_fn(60, 80, |x, y| image::Rgb([x as u8 * 4, y as u8 * 3, 90]));
    let mut jpeg = std::io::Cursor::new(Vec::new());
    img.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    let photo = attache::model::Photo::import(jpeg.get_ref()).unwrap();
    let mut hidden = photo.jpeg().to_vec();
    hidden.extend_from_slice(b"the minister's home address");
    use base64::Engine;
    let uri = format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&hidden)
    );
    let text = sample_text().replacen(
        "                    full_name: \"Monica Juma\",\n",
        &format!("                    full_name: \"Monica Juma\",\n                    photo: \"{uri}\",\n"),
        1,
    );
    let file = write(dir.path(), "visit.ron", text);
    let (code, out) = run_briefly(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("bytes after its end"), "{out}");
    assert!(out.contains("visit.ron:"), "located: {out}");
    let (code, _) = run_briefly(&["export", file.to_str().unwrap(), "-o", "/dev/null/x.pdf"]);
    assert_eq!(code, 2);
}

fn sample() -> attache::model::Dossier {
    store::parse_str(&sample_text()).unwrap()
}

#[test]
fn a_pack_named_like_a_duplicates_key_is_its_own_pack() {
    use attache::model::{Pack, Section};
    let pack = |name: &str, s: Section| Pack {
        name: name.into(),
        sections: vec![s],
        exclude: Vec::new(),
    };
    let mut d = sample();
    d.packs = vec![
        pack("Brief", Section::Programme),
        pack("Brief", Section::Delegations),
        pack("Brief#2", Section::SecurityNotes),
    ];
    assert!(
        attache::diff::diff(&d, &d).is_empty(),
        "a file differs from itself"
    );
    let mut theirs = d.clone();
    theirs.packs[2].sections = vec![Section::TalkingPoints];
    let merged = attache::diff::merge(&d, &d, &theirs);
    assert!(merged.is_clean(), "{:#?}", merged.dossier.conflicts);
    assert_eq!(merged.dossier.packs, theirs.packs, "no pack lost");
}

#[test]
fn a_comment_removed_on_one_side_stays_removed_though_the_other_resolved_it() {
    let mut base = sample();
    let c = attache::review::comment(None, "", "A Reviewer", "Check the date.", Timestamp::now());
    base.comments.push(c.clone());
    let mut ours = base.clone();
    ours.comments.clear();
    let mut theirs = base.clone();
    theirs.comments[0].resolved = true;
    for (o, t) in [(&ours, &theirs), (&theirs, &ours)] {
        let merged = attache::diff::merge(&base, o, t).dossier;
        assert!(merged.comments.is_empty(), "{:#?}", merged.comments);
    }
    // A reply is something added: that one stays.
    theirs.comments[0]
        .replies
        .push(attache::review::reply("B", "Done.", Timestamp::now()));
    assert_eq!(
        attache::diff::merge(&base, &ours, &theirs)
            .dossier
            .comments
            .len(),
        1
    );
}

#[test]
fn the_other_sides_repeated_message_is_kept() {
    let base = sample();
    let mut ours = base.clone();
    ours.talking_points[0].key_messages.push("Again.".into());
    let mut theirs = base.clone();
    theirs.talking_points[0]
        .key_messages
        .extend(["Again.".to_owned(), "Again.".to_owned()]);
    let merged = attache::diff::merge(&base, &ours, &theirs).dossier;
    let again = merged.talking_points[0]
        .key_messages
        .iter()
        .filter(|m| *m == "Again.")
        .count();
    assert_eq!(again, 2);
}

#[test]
fn a_name_that_prints_as_nothing_is_warned_of_and_gets_no_card() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |d| {
        d.delegations[0].members[2].full_name = "\u{200B}\u{2060}\u{200B}".into();
    });
    let (code, out) = run_briefly(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("print as nothing"), "{out}");
    let cards = dir.path().join("cards.pdf");
    let (code, out) = run_briefly(&[
        "cards",
        file.to_str().unwrap(),
        "-o",
        cards.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no card for Kenya No. 3"), "{out}");
}

#[test]
fn a_title_with_line_breaks_stays_on_its_line_of_a_report() {
    let old = sample();
    let mut new = old.clone();
    new.talking_points[0].title = "Trade\n▲ talking point “Fake”: marking lowered".into();
    new.talking_points[0].background.push_str(" More.");
    let report = attache::diff::text(
        &attache::diff::diff(&old, &new),
        attache::diff::Color::Never,
    );
    assert!(
        !report
            .lines()
            .any(|l| l.starts_with("▲ talking point “Fake”")),
        "{report}"
    );
    assert!(report.contains("Trade⏎"), "{report}");
}

#[test]
fn a_stale_seating_quotes_names_shortened() {
    let mut d = sample();
    let del = &mut d.delegations[0];
    del.seating = Some(attache::model::seating::swapped(del, false, 0, 1));
    let mut m = del.members[1].clone();
    m.id = attache::model::Id::new("ken-long").unwrap();
    m.full_name = "N".repeat(290);
    del.members.push(m);
    let problems = attache::model::validate(&d);
    let said = problems
        .iter()
        .find(|p| p.message.contains("was chosen before"))
        .expect("the newcomer is said");
    assert!(said.message.chars().count() < 300, "{}", said.message);
    assert!(said.message.contains('…'));
}

/// An ods table of one member: a header row and one row.
fn ods_table(name: &str, style: &str, who: &str) -> String {
    format!(
        r#"<table:table table:name="{name}"{style}>{}{}</table:table>"#,
        ods_row(&["Full name", "Position"]),
        ods_row(&[who, "Adviser"])
    )
}

#[test]
fn a_sheet_hidden_by_any_means_a_spreadsheet_knows_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |_| {});
    let before = std::fs::read(&file).unwrap();
    let table = ods_table;
    let hidden = r#" table:style-name="ta2""#;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // Hidden under another prefix of the table namespace.
        (
            "prefix.ods",
            ods_crafted(
                r#"<style:style style:name="ta2" style:family="table"><style:table-properties tb:display="false" xmlns:tb="urn:oasis:names:tc:opendocument:xmlns:table:1.0"/></style:style>"#,
                &format!(
                    "{}{}",
                    table("Evil", hidden, "Hidden Person"),
                    table("Good", "", "Seen Person")
                ),
            ),
        ),
        // Hidden by the style its style inherits from.
        (
            "parent.ods",
            ods_crafted(
                r#"<style:style style:name="Hid" style:family="table"><style:table-properties table:display="false"/></style:style><style:style style:name="ta2" style:family="table" style:parent-style-name="Hid"><style:table-properties/></style:style>"#,
                &format!(
                    "{}{}",
                    table("Evil", hidden, "Hidden Person"),
                    table("Good", "", "Seen Person")
                ),
            ),
        ),
    ];
    for (name, book) in &cases {
        std::fs::write(&file, &before).unwrap();
        let list = write(dir.path(), name, book);
        let (code, text) = import(&list, &file);
        assert_eq!(code, 0, "{name}: {text}");
        let d = store::load(&file).unwrap();
        let names: Vec<&str> = d.delegations[0]
            .members
            .iter()
            .map(|m| m.full_name.as_str())
            .collect();
        assert!(
            names.contains(&"Seen Person") && !names.contains(&"Hidden Person"),
            "{name}: {names:?}"
        );
    }
    // A table in the document's forms, or a sheet in markup an application may ignore:
    // the reader would list it; refused rather than guessed at.
    let refused: Vec<(&str, Vec<u8>)> = vec![
        (
            "forms.ods",
            ods_crafted(
                "",
                &format!(
                    "<office:forms>{}</office:forms>{}",
                    table("Inner", "", "Hidden Person"),
                    table("Good", "", "Seen Person")
                ),
            ),
        ),
        (
            "ignorable.xlsx",
            xlsx_crafted(
                &[
                    ("Evil", "hidden", list_of("Hidden Person", 1)),
                    ("Good", "", list_of("Seen Person", 1)),
                ],
                r#"<f:sheet name="F" sheetId="3" r:id="rId1"/>"#,
                "",
                None,
            ),
        ),
    ];
    for (name, book) in &refused {
        std::fs::write(&file, &before).unwrap();
        let list = write(dir.path(), name, book);
        let (code, text) = import(&list, &file);
        assert_eq!(code, 1, "{name}: {text}");
        assert!(text.contains("lists its sheets in a way"), "{name}: {text}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
}

#[test]
fn a_merged_cell_reads_as_it_shows_and_what_it_covers_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |_| {});
    // An organisation merged down two rows; a hidden text under it.
    let rows = format!(
        r#"<row r="1">{}{}{}</row><row r="2">{}{}{}</row><row r="3">{}{}{}</row>"#,
        xcell("A1", "Full name"),
        xcell("B1", "Position"),
        xcell("C1", "Organisation"),
        xcell("A2", "First Person"),
        xcell("B2", "Adviser"),
        xcell("C2", "Ministry of Trade"),
        xcell("A3", "Second Person"),
        xcell("B3", "Adviser"),
        xcell("C3", "HIDDEN UNDER THE MERGE"),
    );
    let book = xlsx_crafted(
        &[("List", "", rows)],
        "",
        r#"<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>"#,
        None,
    );
    let list = write(dir.path(), "merged.xlsx", book);
    let (code, text) = import(&list, &file);
    assert_eq!(code, 0, "{text}");
    let d = store::load(&file).unwrap();
    let orgs: Vec<&str> = d.delegations[0].members[5..]
        .iter()
        .map(|m| m.organisation.as_str())
        .collect();
    assert_eq!(orgs, ["Ministry of Trade", "Ministry of Trade"]);
}

#[test]
fn a_list_neither_copies_another_delegations_member_nor_reads_a_million_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |_| {});
    let before = std::fs::read(&file).unwrap();
    let other = write(
        dir.path(),
        "other.csv",
        "Id,Full name\nusa-rubio,Marco Rubio\n",
    );
    let (code, text) = import(&other, &file);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("member of the United States delegation"),
        "{text}"
    );
    let wide = write(
        dir.path(),
        "wide.csv",
        format!("Full name{}\nA\n", ",".repeat(100_000)),
    );
    let (code, text) = import(&wide, &file);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("at most 256"), "{text}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn the_seating_text_is_marked_and_a_name_cannot_add_lines_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |d| {
        d.meta.marking = Marking::new("SECRET");
        d.delegations[1].marking = Some(Marking::new("SECRET"));
        d.delegations[0].members[2].position =
            "Adviser\n      6. Mr. Impostor, Minister of Defence\u{2028}x".into();
    });
    let (code, out) = run_briefly(&["seating", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.lines().next().is_some_and(|l| l == "SECRET"), "{out}");
    assert!(out.contains("(S) Senator Marco Rubio"), "{out}");
    assert!(
        !out.lines()
            .any(|l| l.trim_start().starts_with("6. Mr. Impostor")),
        "{out}"
    );
    assert!(!out.contains('\u{2028}'), "{out}");
    let (code, out) = run_briefly(&["check", file.to_str().unwrap()]);
    assert!(code <= 1, "{out}");
    assert!(
        !out.lines()
            .any(|l| l.trim_start().starts_with("6. Mr. Impostor")),
        "{out}"
    );
}

#[test]
fn second_round_of_hostile_files_holds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dossier(dir.path(), |_| {});
    let before = std::fs::read(&file).unwrap();
    let table = ods_table;
    // Hidden through a chain of forty parent styles; a chain that comes back on itself.
    let chain: String = (0..40)
        .map(|i| {
            let display = if i == 39 {
                r#"<style:table-properties table:display="false"/>"#
            } else {
                ""
            };
            format!(
                r#"<style:style style:name="s{i}" style:family="table" style:parent-style-name="s{}">{display}</style:style>"#,
                i + 1
            )
        })
        .collect();
    let body = format!(
        "{}{}",
        table("Evil", r#" table:style-name="s0""#, "Hidden Person"),
        table("Good", "", "Seen Person")
    );
    let list = write(dir.path(), "chain.ods", ods_crafted(&chain, &body));
    let (code, text) = import(&list, &file);
    assert_eq!(code, 0, "{text}");
    let names: Vec<String> = store::load(&file).unwrap().delegations[0]
        .members
        .iter()
        .map(|m| m.full_name.clone())
        .collect();
    assert!(!names.contains(&"Hidden Person".to_owned()), "{names:?}");
    std::fs::write(&file, &before).unwrap();
    let cycle = r#"<style:style style:name="a" style:family="table" style:parent-style-name="b"/><style:style style:name="b" style:family="table" style:parent-style-name="a"/>"#;
    let body = table("Evil", r#" table:style-name="a""#, "Hidden Person");
    let list = write(dir.path(), "cycle.ods", ods_crafted(cycle, &body));
    let (code, text) = import(&list, &file);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("inherits from itself"), "{text}");

    // A title merged across the columns above the list; a merge written backwards (which
    // the reader's checked arithmetic may refuse: either way, the covered text is not read).
    let rows = format!(
        r#"<row r="1">{}</row><row r="2">{}{}</row><row r="3">{}{}</row>"#,
        xcell("A1", "Kenya delegation list"),
        xcell("A2", "Full name"),
        xcell("B2", "Position"),
        xcell("A3", "Third Person"),
        xcell("B3", "COVERED TEXT"),
    );
    for (merges, name) in [
        (
            r#"<mergeCell ref="A1:C1"/><mergeCell ref="A3:B3"/>"#,
            "titled.xlsx",
        ),
        (
            r#"<mergeCell ref="A1:C1"/><mergeCell ref="B3:A3"/>"#,
            "backwards.xlsx",
        ),
    ] {
        let book = xlsx_crafted(
            &[("List", "", rows.clone())],
            "",
            &format!(r#"<mergeCells count="2">{merges}</mergeCells>"#),
            None,
        );
        let list = write(dir.path(), name, book);
        let (code, text) = import(&list, &file);
        assert!(code == 0 || name == "backwards.xlsx", "{name}: {text}");
        let d = store::load(&file).unwrap();
        if code == 0 {
            let third = d.delegations[0].members.last().unwrap();
            assert_eq!(third.full_name, "Third Person", "{name}");
            assert!(third.position.is_empty(), "{name}: {third:?}");
        }
        assert!(!std::fs::read_to_string(&file).unwrap().contains("COVERED"));
        std::fs::write(&file, &before).unwrap();
    }

    // Another delegation's member by an id typed in other case.
    let other = write(
        dir.path(),
        "other.csv",
        "Id,Full name\nUSA-RUBIO,Marco Rubio\n",
    );
    assert_eq!(import(&other, &file).0, 1);

    // A list never replaces what is not a list: a PDF, a UTF-16 dossier.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(sample_text().encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [
        ("old.csv", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec()),
        ("u.csv", utf16),
    ] {
        let target = write(dir.path(), name, &bytes);
        let (code, text) = run_briefly(&[
            "members",
            "export",
            file.to_str().unwrap(),
            "--delegation",
            "ken",
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_ne!(code, 0, "{name}: {text}");
        assert_eq!(std::fs::read(&target).unwrap(), bytes, "{name}");
    }

    // Comments dropped twice: the first ones are still kept.
    let commented = write(
        dir.path(),
        "c.ron",
        sample_text().replace("    schema: 6,\n", "    schema: 6,\n    // NOTE-ONE\n"),
    );
    assert_eq!(
        run_briefly(&["fmt", "--drop-comments", commented.to_str().unwrap()]).0,
        0
    );
    let again = std::fs::read_to_string(&commented)
        .unwrap()
        .replace("    schema: 6,\n", "    schema: 6,\n    // NOTE-TWO\n");
    std::fs::write(&commented, again).unwrap();
    assert_eq!(
        run_briefly(&["fmt", "--drop-comments", commented.to_str().unwrap()]).0,
        0
    );
    let kept = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
    assert!(kept("c.ron.comments.bak").contains("NOTE-ONE"));
    assert!(kept("c.ron.comments-2.bak").contains("NOTE-TWO"));

    // A binary file given to the merge driver: ours stays whole.
    let b = write(dir.path(), "b.bin.ron", "a\nb\n");
    let o = write(dir.path(), "o.bin.ron", "a\nb\n");
    let t = write(dir.path(), "t.bin.ron", "a\0\nb\n");
    let (code, text) = run_briefly(&[
        "merge",
        b.to_str().unwrap(),
        o.to_str().unwrap(),
        t.to_str().unwrap(),
        "-o",
        o.to_str().unwrap(),
    ]);
    assert_ne!(code, 0, "{text}");
    assert_eq!(std::fs::read_to_string(&o).unwrap(), "a\nb\n");
}
