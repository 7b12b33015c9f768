//! Attaché as git's merge and diff driver, in a real repository: edits on neighbouring
//! lines that conflict under plain git merge cleanly by item and field.

mod common;

use std::path::Path;

use attache::store;
use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_attache");

fn ok(dir: &Path, args: &[&str]) -> String {
    let (success, text) = git(dir, args);
    assert!(success, "git {args:?} failed:\n{text}");
    text
}

/// The sample with a talking point appended at the end of the talking points.
fn with_point(text: &str, id: &str, title: &str) -> String {
    let notes = text.find("    security_notes: [").unwrap();
    let close = text[..notes].rfind("    ],\n").unwrap();
    format!(
        "{}        (\n            id: \"{id}\",\n            topic: \"Trade\",\n            title: \"{title}\",\n            key_messages: [\n                \"{title}.\",\n            ],\n        ),\n{}",
        &text[..close],
        &text[close..]
    )
}

fn commit_on(dir: &Path, branch: &str, from: &str, text: &str, message: &str) {
    ok(dir, &["checkout", "-q", "-b", branch, from]);
    std::fs::write(dir.join("visit.ron"), text).unwrap();
    ok(dir, &["commit", "-q", "-am", message]);
}

#[test]
fn neighbouring_edits_conflict_under_git_and_merge_with_the_driver() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["init", "-q", "-b", "main"]);
    let sample = sample_text();
    std::fs::write(dir.join("visit.ron"), &sample).unwrap();
    ok(dir, &["add", "visit.ron"]);
    ok(dir, &["commit", "-q", "-m", "sample"]);

    let old_role = "                    position: \"National Security Advisor\",\n                    role: Member,";
    assert!(sample.contains(old_role), "the sample's lines changed");
    let ours = with_point(
        &sample.replace(
            old_role,
            "                    position: \"National Security Adviser\",\n                    role: Member,",
        ),
        "tp-ours",
        "Our point",
    );
    let theirs = with_point(
        &sample.replace(
            old_role,
            "                    position: \"National Security Advisor\",\n                    role: Adviser,",
        ),
        "tp-theirs",
        "Their point",
    );
    commit_on(dir, "ours", "main", &ours, "position");
    commit_on(dir, "theirs", "main", &theirs, "role");

    // Plain git: the two edits touch neighbouring lines, and both appended a point.
    ok(dir, &["checkout", "-q", "ours"]);
    let (merged, text) = git(dir, &["merge", "--no-edit", "theirs"]);
    assert!(!merged, "plain git conflicts:\n{text}");
    assert!(
        std::fs::read_to_string(dir.join("visit.ron"))
            .unwrap()
            .contains("<<<<<<<")
    );
    ok(dir, &["merge", "--abort"]);

    // With the driver, as docs/review.md configures it.
    std::fs::write(
        dir.join(".git/info/attributes"),
        "*.ron merge=attache diff=attache\n",
    )
    .unwrap();
    ok(
        dir,
        &[
            "config",
            "merge.attache.driver",
            &format!("{BIN} merge %O %A %B -o %A"),
        ],
    );
    ok(
        dir,
        &["config", "diff.attache.command", &format!("{BIN} diff")],
    );
    let text = ok(dir, &["merge", "--no-edit", "theirs"]);
    let d = store::load(&dir.join("visit.ron")).expect("the merge is a dossier");
    assert!(d.conflicts.is_empty(), "{text}");
    let juma = d
        .member(&attache::model::Id::new("ken-juma").unwrap())
        .unwrap()
        .1;
    assert_eq!(juma.position, "National Security Adviser");
    assert_eq!(juma.role, attache::model::MemberRole::Adviser);
    let ids: Vec<&str> = d.talking_points.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(&ids[ids.len() - 2..], ["tp-ours", "tp-theirs"]);
    assert!(
        !dir.join("visit.ron.bak").exists(),
        "no backup left in the work tree"
    );

    // git diff through the driver shows items, not lines.
    let text = ok(dir, &["diff", "main", "HEAD", "--", "visit.ron"]);
    assert!(
        text.contains("member “Ambassador Monica Juma” of Kenya: position changed"),
        "{text}"
    );
    assert!(
        text.contains("+ talking point “Their point”: added as"),
        "{text}"
    );

    // The same position changed two ways: a conflicted dossier that check flags.
    let other = sample.replace(
        "National Security Advisor",
        "Security Advisor to the President",
    );
    commit_on(dir, "other", "main", &other, "other position");
    ok(dir, &["checkout", "-q", "ours"]);
    let (merged, text) = git(dir, &["merge", "--no-edit", "other"]);
    assert!(!merged, "a real conflict is reported to git:\n{text}");
    let path = dir.join("visit.ron");
    let d = store::load(&path).expect("a conflicted merge is still a dossier");
    assert_eq!(d.conflicts.len(), 1, "{:#?}", d.conflicts);
    assert_eq!(d.conflicts[0].field, "position");
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unresolved merge conflict"), "{out}");
}

/// A `.ron` that is not a dossier beside one that is, both changed in one commit: git's
/// diff and `git log -p` through the driver show both, and never die on the first.
#[test]
fn a_ron_that_is_not_a_dossier_does_not_stop_gits_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["init", "-q", "-b", "main"]);
    let sample = sample_text();
    std::fs::write(dir.join("a-config.ron"), "(retries: 1)\n").unwrap();
    std::fs::write(dir.join("visit.ron"), &sample).unwrap();
    ok(dir, &["add", "."]);
    ok(dir, &["commit", "-q", "-m", "first"]);
    std::fs::write(dir.join("a-config.ron"), "(retries: 2)\n").unwrap();
    std::fs::write(
        dir.join("visit.ron"),
        sample.replace("National Security Advisor", "National Security Adviser"),
    )
    .unwrap();
    ok(dir, &["commit", "-q", "-am", "second"]);
    std::fs::write(dir.join(".git/info/attributes"), "*.ron diff=attache\n").unwrap();

    ok(
        dir,
        &["config", "diff.attache.command", &format!("{BIN} diff")],
    );
    let text = ok(dir, &["diff", "HEAD~1", "HEAD"]);
    assert!(
        text.contains("a-config.ron") && text.contains("not a dossier"),
        "{text}"
    );
    assert!(
        text.contains("-(retries: 1)") && text.contains("+(retries: 2)"),
        "{text}"
    );
    assert!(
        text.contains("position changed"),
        "the dossier after it: {text}"
    );

    ok(dir, &["config", "--unset", "diff.attache.command"]);
    ok(
        dir,
        &[
            "config",
            "diff.attache.textconv",
            &format!("{BIN} textconv"),
        ],
    );
    let text = ok(dir, &["log", "-p", "-1"]);
    assert!(text.contains("+(retries: 2)"), "{text}");
    assert!(text.contains("National Security Adviser"), "{text}");
}

/// The driver runs for every `.ron`: text no side reads as a dossier is merged line by
/// line, as git would have, and a real conflict is marked as git marks it.
#[test]
fn files_that_are_not_dossiers_merge_line_by_line_under_the_driver() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["init", "-q", "-b", "main"]);
    let plain = "(\n    a: 1,\n    b: 2,\n    c: 3,\n    d: 4,\n)\n";
    std::fs::write(dir.join("plain.ron"), plain).unwrap();
    ok(dir, &["add", "plain.ron"]);
    ok(dir, &["commit", "-q", "-m", "first"]);
    std::fs::write(dir.join(".git/info/attributes"), "*.ron merge=attache\n").unwrap();
    ok(
        dir,
        &[
            "config",
            "merge.attache.driver",
            &format!("{BIN} merge %O %A %B -o %A"),
        ],
    );
    let commit = |branch: &str, text: &str| {
        ok(dir, &["checkout", "-q", "-b", branch, "main"]);
        std::fs::write(dir.join("plain.ron"), text).unwrap();
        ok(dir, &["commit", "-q", "-am", branch]);
    };
    commit("ours", &plain.replace("a: 1", "a: 10"));
    commit("theirs", &plain.replace("d: 4", "d: 40"));
    ok(dir, &["checkout", "-q", "ours"]);
    ok(dir, &["merge", "--no-edit", "theirs"]);
    let merged = std::fs::read_to_string(dir.join("plain.ron")).unwrap();
    assert!(
        merged.contains("a: 10") && merged.contains("d: 40"),
        "{merged}"
    );
    // The same line both ways: git's conflict markers, and the merge not taken.
    commit("other", &plain.replace("a: 1", "a: 11"));
    ok(dir, &["checkout", "-q", "ours"]);
    let (clean, text) = git(dir, &["merge", "--no-edit", "other"]);
    assert!(!clean, "{text}");
    let merged = std::fs::read_to_string(dir.join("plain.ron")).unwrap();
    assert!(
        merged.contains("<<<<<<< ours") && merged.contains("a: 11"),
        "{merged}"
    );
}
