//! Review: structural diff, three-way merge, comments and approvals, on dossiers built
//! here, through the library and the command line.

mod common;

use attache::diff::{self, Kind, MarkingChange, Part};
use attache::model::{Dossier, Id, IfRaised, Marking, MemberRole, TalkingPoint, Timestamp};
use attache::{review, store};
use common::*;

fn sample() -> Dossier {
    store::parse_str(&sample_text()).unwrap()
}

fn at() -> Timestamp {
    "2026-12-02T09:30Z".parse().unwrap()
}

fn kenya(d: &mut Dossier) -> &mut attache::model::Delegation {
    d.delegations
        .iter_mut()
        .find(|x| x.id.as_str() == "ken")
        .unwrap()
}

fn point(id: &str, title: &str) -> TalkingPoint {
    let mut tp = sample().talking_points[0].clone();
    tp.id = Id::new(id).unwrap();
    tp.title = title.to_owned();
    tp
}

#[test]
fn the_sample_diffs_clean_against_itself_and_its_canonical_form() {
    let d = sample();
    assert!(diff::diff(&d, &d).is_empty());
    let again = store::parse_str(&store::to_string(&d)).unwrap();
    assert!(diff::diff(&d, &again).is_empty());
    assert!(diff::is_equal(&d, &again));
}

#[test]
fn a_precedence_change_reads_as_one_move() {
    let old = sample();
    let mut new = old.clone();
    kenya(&mut new).members.swap(3, 4);
    let changes = diff::diff(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!((c.section, c.kind), (Part::Members, Kind::Moved));
    // One of the two swapped members moved by one place; which one is the diff's choice.
    let (from, to) = (c.from.unwrap(), c.to.unwrap());
    assert!(matches!((from, to), (4, 5) | (5, 4)), "{c:?}");
    assert!(
        diff::summary(c).starts_with("moved from "),
        "{}",
        diff::summary(c)
    );
}

#[test]
fn a_changed_field_has_its_old_and_new_value() {
    let old = sample();
    let mut new = old.clone();
    kenya(&mut new).members[2].position = "National Security Adviser".to_owned();
    let changes = diff::diff(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(c.item.as_deref(), Some("ken-juma"));
    assert_eq!(c.field.as_deref(), Some("position"));
    assert_eq!(c.old.as_ref().unwrap(), "National Security Advisor");
    assert_eq!(c.new.as_ref().unwrap(), "National Security Adviser");
    assert!(c.location.contains("Monica Juma"), "{}", c.location);
}

#[test]
fn marking_changes_come_first_and_say_which_way() {
    let old = sample();
    let mut new = old.clone();
    new.meta.marking = Marking::new("SECRET");
    new.programme[0].title = "Renamed".to_owned();
    new.talking_points[1].marking = Some(Marking::new("CONFIDENTIAL"));
    let changes = diff::diff(&old, &new);
    assert!(changes.len() >= 3, "{changes:#?}");
    assert_eq!(
        changes[0].marking,
        Some(MarkingChange::Raised),
        "{changes:#?}"
    );
    assert_eq!(
        changes[1].marking,
        Some(MarkingChange::Raised),
        "{changes:#?}"
    );
    assert!(changes[2..].iter().all(|c| c.marking.is_none()));
    let lowered = diff::diff(&new, &old);
    assert_eq!(lowered[0].marking, Some(MarkingChange::Lowered));
    let report = diff::text(&changes, diff::Color::Never);
    assert!(
        report.starts_with("Markings: 2 changes, listed first\n"),
        "{report}"
    );
}

#[test]
fn long_text_is_compared_word_by_word() {
    let old = sample();
    let mut new = old.clone();
    let before = new.talking_points[0].background.clone();
    assert!(before.contains("significant milestone"));
    new.talking_points[0].background = before.replace("significant", "decisive");
    let changes = diff::diff(&old, &new);
    assert_eq!(changes.len(), 1);
    let words = changes[0].words.as_ref().expect("a word diff");
    let deleted: Vec<&str> = words
        .iter()
        .filter(|w| w.op == "delete")
        .map(|w| w.text.as_str())
        .collect();
    let inserted: Vec<&str> = words
        .iter()
        .filter(|w| w.op == "insert")
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!((deleted, inserted), (vec!["significant"], vec!["decisive"]));
    let report = diff::text(&changes, diff::Color::Never);
    assert!(report.contains("[-significant-]{+decisive+}"), "{report}");
}

#[test]
fn additions_removals_and_lists_without_ids() {
    let old = sample();
    let mut new = old.clone();
    new.talking_points.push(point("tp-new", "A new point"));
    let gone = new.security_notes.remove(0);
    new.talking_points[0]
        .key_messages
        .push("One more message.".to_owned());
    new.talking_points[1].if_raised.insert(
        0,
        IfRaised {
            they_raise: "Visas".to_owned(),
            our_response: "Noted.".to_owned(),
        },
    );
    let changes = diff::diff(&old, &new);
    let find = |f: &dyn Fn(&diff::Change) -> bool| changes.iter().find(|c| f(c)).cloned();
    let added = find(&|c| c.kind == Kind::Added).expect("an addition");
    assert_eq!(added.item.as_deref(), Some("tp-new"));
    assert_eq!(added.to, Some(new.talking_points.len()));
    let removed = find(&|c| c.kind == Kind::Removed).expect("a removal");
    assert_eq!(removed.item.as_deref(), Some(gone.id.as_str()));
    assert_eq!(removed.from, Some(1));
    let message = find(&|c| {
        c.field
            .as_deref()
            .is_some_and(|f| f.starts_with("key_messages"))
    })
    .expect("a key message change");
    let n = old.talking_points[0].key_messages.len() + 1;
    assert_eq!(
        message.field.as_deref(),
        Some(&*format!("key_messages[{n}]"))
    );
    assert_eq!(message.old, None);
    assert_eq!(message.new.as_ref().unwrap(), "One more message.");
    let raised = find(&|c| c.field.as_deref() == Some("if_raised[1]")).expect("if raised");
    assert!(raised.old.is_none() && raised.new.is_some(), "{raised:?}");
    assert_eq!(changes.len(), 4, "{changes:#?}");
}

#[test]
fn a_member_moved_to_another_delegation_is_one_move() {
    let old = sample();
    let mut new = old.clone();
    let m = kenya(&mut new).members.remove(4);
    new.delegations[1].members.push(m);
    let changes = diff::diff(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].kind, Kind::Moved);
    assert_eq!(changes[0].field.as_deref(), Some("delegation"));
    assert!(diff::summary(&changes[0]).contains("to delegation “United States"));
}

#[test]
fn json_report_has_the_documented_shape() {
    let old = sample();
    let mut new = old.clone();
    kenya(&mut new).members[2].role = MemberRole::Adviser;
    let changes = diff::diff(&old, &new);
    let v: serde_json::Value = serde_json::from_str(&diff::json(&changes, "a", "b")).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["equal"], false);
    let c = &v["changes"][0];
    assert_eq!(c["section"], "members");
    assert_eq!(c["kind"], "changed");
    assert_eq!(c["item"], "ken-juma");
    assert_eq!(c["field"], "role");
    assert_eq!(
        (c["old"].as_str(), c["new"].as_str()),
        (Some("Member"), Some("Adviser"))
    );
}

// Merge.

#[test]
fn different_fields_of_one_item_merge() {
    let base = sample();
    let mut ours = base.clone();
    kenya(&mut ours).members[2].position = "National Security Adviser".to_owned();
    let mut theirs = base.clone();
    kenya(&mut theirs).members[2].role = MemberRole::Adviser;
    let merged = diff::merge(&base, &ours, &theirs);
    assert!(merged.is_clean(), "{:#?}", merged.dossier.conflicts);
    let mut expected = ours.clone();
    kenya(&mut expected).members[2].role = MemberRole::Adviser;
    assert_eq!(merged.dossier, expected);
}

#[test]
fn additions_on_both_sides_and_a_move_against_an_edit_merge() {
    let base = sample();
    let mut ours = base.clone();
    ours.talking_points.push(point("tp-ours", "Ours"));
    kenya(&mut ours).members[3].position = "Ambassador".to_owned();
    let mut theirs = base.clone();
    theirs.talking_points.push(point("tp-theirs", "Theirs"));
    kenya(&mut theirs).members.swap(3, 4);
    let merged = diff::merge(&base, &ours, &theirs);
    assert!(merged.is_clean(), "{:#?}", merged.dossier.conflicts);
    let d = &merged.dossier;
    let titles: Vec<&str> = d.talking_points.iter().map(|t| t.id.as_str()).collect();
    let n = base.talking_points.len();
    assert_eq!(
        &titles[n..],
        ["tp-ours", "tp-theirs"],
        "ours first, then theirs"
    );
    let ken = &d.delegations[0].members;
    assert_eq!(ken[3].id.as_str(), "ken-kirigua", "their move is kept");
    assert_eq!(ken[4].id.as_str(), "ken-kerich");
    assert_eq!(ken[4].position, "Ambassador", "our edit is kept");
}

#[test]
fn the_same_field_changed_two_ways_is_a_conflict_with_ours_in_place() {
    let base = sample();
    let mut ours = base.clone();
    kenya(&mut ours).members[2].position = "Adviser on security".to_owned();
    let mut theirs = base.clone();
    kenya(&mut theirs).members[2].position = "Security adviser".to_owned();
    let merged = diff::merge(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 1);
    let d = &merged.dossier;
    assert_eq!(d.delegations[0].members[2].position, "Adviser on security");
    let c = &d.conflicts[0];
    assert_eq!(c.item.as_ref().map(Id::as_str), Some("ken-juma"));
    assert_eq!(c.field, "position");
    assert_eq!(c.ours.as_ref().unwrap(), "Adviser on security");
    assert_eq!(c.theirs.as_ref().unwrap(), "Security adviser");
    assert_eq!(c.base.as_ref().unwrap(), "National Security Advisor");
    // Still a valid dossier: it saves and reads back, conflict and all.
    let back = store::parse_str(&store::to_string(d)).unwrap();
    assert_eq!(&back, d);
    // And it makes no pack.
    let problems = attache::model::validate(d);
    assert!(
        problems
            .iter()
            .any(|p| p.stops_pack() && p.message.contains("merge conflict"))
    );
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let base = sample();
    let mut ours = base.clone();
    ours.security_notes[0].summary = "Updated.".to_owned();
    let mut theirs = base.clone();
    theirs.security_notes.remove(0);
    let merged = diff::merge(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 1);
    assert_eq!(
        merged.dossier.security_notes[0].summary, "Updated.",
        "ours in place"
    );
    assert!(merged.dossier.conflicts[0].theirs.is_none());
    // The other way round, ours removed it: it stays removed, theirs is kept to choose.
    let merged = diff::merge(&base, &theirs, &ours);
    assert_eq!(merged.new_conflicts, 1);
    assert_eq!(
        merged.dossier.security_notes.len(),
        base.security_notes.len() - 1
    );
    assert!(merged.dossier.conflicts[0].theirs.is_some());
    // Removed on one side, untouched on the other: removed, cleanly.
    let merged = diff::merge(&base, &base, &theirs);
    assert!(merged.is_clean());
    assert_eq!(merged.dossier, theirs);
}

#[test]
fn merging_identical_or_one_sided_changes_is_exact() {
    let base = sample();
    let mut changed = base.clone();
    changed.meta.revision += 1;
    kenya(&mut changed).members.swap(1, 2);
    changed.talking_points.remove(1);
    changed.programme[0].notes = "Moved to the afternoon.".to_owned();
    assert_eq!(diff::merge(&base, &base, &base).dossier, base);
    assert_eq!(diff::merge(&base, &changed, &changed).dossier, changed);
    assert_eq!(diff::merge(&base, &changed, &base).dossier, changed);
    assert_eq!(diff::merge(&base, &base, &changed).dossier, changed);
}

#[test]
fn both_sides_raising_the_revision_is_not_a_conflict() {
    let base = sample();
    let mut ours = base.clone();
    ours.meta.revision = base.meta.revision + 1;
    let mut theirs = base.clone();
    theirs.meta.revision = base.meta.revision + 2;
    let merged = diff::merge(&base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(merged.dossier.meta.revision, base.meta.revision + 2);
}

// Comments and approvals.

#[test]
fn comments_are_kept_detached_and_merge_their_replies() {
    let mut d = sample();
    let id = d.security_notes[0].id.clone();
    d.comments.push(review::comment(
        Some(id.clone()),
        "summary",
        "A. Reviewer",
        "Source?",
        at(),
    ));
    let back = store::parse_str(&store::to_string(&d)).unwrap();
    assert_eq!(back, d, "a comment round-trips");
    assert!(!review::is_detached(&d, &d.comments[0]));
    let mut removed = d.clone();
    removed.security_notes.remove(0);
    assert!(review::is_detached(&removed, &removed.comments[0]));
    assert_eq!(removed.comments.len(), 1, "never dropped with its item");

    let base = d;
    let mut ours = base.clone();
    ours.comments[0]
        .replies
        .push(review::reply("B", "Added.", at()));
    let mut theirs = base.clone();
    theirs.comments[0]
        .replies
        .push(review::reply("C", "Checked.", at()));
    theirs.comments[0].resolved = true;
    let merged = diff::merge(&base, &ours, &theirs).dossier;
    assert_eq!(merged.comments[0].replies.len(), 2);
    assert!(merged.comments[0].resolved);
}

#[test]
fn an_approval_survives_comments_and_formatting_and_lapses_with_content() {
    let mut d = sample();
    let approval = review::approve(&d, "Jane Doe", "Head of Protocol", at());
    d.approvals.push(approval);
    assert!(review::is_current(&d, &d.approvals[0]));
    d.comments
        .push(review::comment(None, "", "X", "Fine.", at()));
    d.meta.status = attache::model::Status::Approved;
    let d = store::parse_str(&store::to_string(&d)).unwrap();
    assert!(review::is_current(&d, &d.approvals[0]));
    let html = attache::html::write(&d, &Default::default());
    assert!(
        html.contains("Approved by Jane Doe (Head of Protocol) on 2 December 2026"),
        "the cover names the approval"
    );
    let mut edited = d.clone();
    edited.talking_points[0].press_line = "New line.".to_owned();
    assert!(!review::is_current(&edited, &edited.approvals[0]));
    let html = attache::html::write(&edited, &Default::default());
    assert!(
        !html.contains("Approved by"),
        "a stale approval is never printed"
    );
    let laid = attache::layout::lay_out(&edited, &Default::default());
    assert!(laid.pages.len() > 1);
    assert!(attache::layout::approval_lines(&edited).is_empty());
}

#[test]
fn timestamps_read_and_write_as_utc_minutes() {
    let t = at();
    assert_eq!(t.to_string(), "2026-12-02T09:30Z");
    assert!("2026-12-02 09:30".parse::<Timestamp>().is_err());
    assert!("2026-13-02T09:30Z".parse::<Timestamp>().is_err());
    let now = Timestamp::now();
    assert!(now.date.year() >= 2026, "{now}");
}

// The command line.

#[test]
fn diff_exits_like_diff_1() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ron", sample_text());
    let b = write(
        dir.path(),
        "b.ron",
        sample_text().replace("National Security Advisor", "National Security Adviser"),
    );
    let bad = write(dir.path(), "bad.ron", "(schema: 5, meta: (");
    assert_eq!(run_on(&["diff"], &[&a, &a]).0, 0);
    let (code, out) = run_on(&["diff", "--color", "never"], &[&a, &b]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("~ member “Ambassador Monica Juma” of Kenya: position changed\n  - National Security Advisor\n  + National Security Adviser\n"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when told");
    let (code, out) = run_on(&["diff", "--color", "always"], &[&a, &b]);
    assert_eq!(code, 1);
    assert!(out.contains("\u{1b}["), "colour when told");
    let (code, out) = run_on(&["diff", "--format", "json"], &[&a, &b]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["changes"][0]["field"], "position");
    let (code, out) = run_on(&["diff"], &[&a, &bad]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("bad.ron:1:"), "a located error: {out}");
}

#[test]
fn merge_and_check_and_approve_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.ron", sample_text());
    let ours = write(
        dir.path(),
        "ours.ron",
        sample_text().replace("National Security Advisor", "National Security Adviser"),
    );
    let theirs = write(
        dir.path(),
        "theirs.ron",
        sample_text().replace(
            "National Security Advisor",
            "Security Advisor to the President",
        ),
    );
    let out_path = dir.path().join("out.ron");
    let out_s = out_path.display().to_string();
    let (code, out) = run_on(
        &["merge"],
        &[&base, &ours, &theirs, Path::new("-o"), &out_path],
    );
    assert_eq!(code, 1, "conflicted: {out}");
    assert!(!dir.path().join("out.ron.bak").exists());
    let (code, out) = run_on(&["check"], &[&out_path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unresolved merge conflict"), "{out}");
    let (code, out) = run_on(&["export", "-o", &format!("{out_s}.pdf")], &[&out_path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unresolved merge conflicts"), "{out}");
    assert!(!Path::new(&format!("{out_s}.pdf")).exists());
    let (code, out) = run_on(&["approve", "--by", "Jane Doe"], &[&out_path]);
    assert_eq!(code, 1, "a conflicted dossier is not approved: {out}");

    let (code, out) = run_on(
        &["merge"],
        &[&base, &ours, &base, Path::new("-o"), &out_path],
    );
    assert_eq!(code, 0, "{out}");
    let (code, out) = run_on(
        &["approve", "--by", "Jane Doe", "--role", "Head of Protocol"],
        &[&out_path],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Approved by Jane Doe (Head of Protocol) on "),
        "{out}"
    );
    let (code, out) = run_on(&["check"], &[&out_path]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("stale"), "{out}");
    let text = std::fs::read_to_string(&out_path)
        .unwrap()
        .replace("Deputy Ambassador", "Deputy Head of Mission");
    std::fs::write(&out_path, text).unwrap();
    let (code, out) = run_on(&["check"], &[&out_path]);
    assert_eq!(code, 0, "a stale approval is a warning: {out}");
    assert!(
        out.contains("the approval by Jane Doe (Head of Protocol) on ") && out.contains("is stale"),
        "{out}"
    );
}

#[test]
fn check_counts_open_comments() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = sample();
    d.comments.push(review::comment(None, "", "A", "One", at()));
    let mut resolved = review::comment(Some(Id::new("gone").unwrap()), "", "B", "Two", at());
    resolved.resolved = true;
    d.comments.push(resolved);
    d.comments.push(review::comment(
        Some(Id::new("gone").unwrap()),
        "",
        "C",
        "Three",
        at(),
    ));
    let path = write(dir.path(), "c.ron", store::to_string(&d));
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: 2 comments open, 1 resolved (1 open on items since removed)"),
        "{out}"
    );
}

use std::path::Path;

#[test]
fn a_removed_delegation_whose_member_was_edited_is_a_conflict() {
    let base = sample();
    let mut ours = base.clone();
    ours.delegations.remove(1);
    let mut theirs = base.clone();
    theirs.delegations[1].members[0].position = "Secretary of State".to_owned();
    let merged = diff::merge(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 1, "{:#?}", merged.dossier.conflicts);
    assert_eq!(
        merged.dossier.delegations.len(),
        1,
        "ours (removed) in place"
    );
    let c = &merged.dossier.conflicts[0];
    assert_eq!(c.section, "delegations");
    assert!(c.ours.is_none() && c.theirs.is_some());
    // Untouched on their side: removed cleanly.
    let merged = diff::merge(&base, &ours, &base);
    assert!(merged.is_clean());
    assert_eq!(merged.dossier.delegations.len(), 1);
}

#[test]
fn a_member_moved_to_another_delegation_on_one_side_and_edited_on_the_other_merges() {
    let base = sample();
    let mut ours = base.clone();
    let m = kenya(&mut ours).members.remove(4);
    ours.delegations[1].members.push(m);
    let mut theirs = base.clone();
    kenya(&mut theirs).members[4].contact = "embassy@example.org".to_owned();
    let merged = diff::merge(&base, &ours, &theirs);
    // Theirs edited a member ours moved: the edit is taken where ours moved it.
    let d = &merged.dossier;
    let places: Vec<usize> = d
        .delegations
        .iter()
        .enumerate()
        .filter(|(_, del)| del.members.iter().any(|m| m.id.as_str() == "ken-kirigua"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(places, [1], "once, where ours has it");
    assert!(merged.is_clean(), "{:#?}", d.conflicts);
    let m = d.member(&Id::new("ken-kirigua").unwrap()).unwrap().1;
    assert_eq!(m.contact, "embassy@example.org");
    assert!(
        attache::model::validate(d)
            .iter()
            .all(|p| !p.message.contains("duplicate id"))
    );
}

#[test]
fn accepting_every_change_of_another_version_gives_that_version() {
    let old = sample();
    let mut new = old.clone();
    kenya(&mut new).members.swap(3, 4);
    kenya(&mut new).members[2].position = "Adviser".to_owned();
    new.talking_points.push(point("tp-new", "New"));
    new.security_notes.remove(1);
    new.meta.venue = "Nairobi".to_owned();
    new.talking_points[0].key_messages.push("More.".to_owned());
    let mut d = old.clone();
    for _ in 0..20 {
        let changes = diff::diff(&d, &new);
        let Some(c) = changes.first() else { break };
        for edit in diff::accept(&d, c).unwrap() {
            edit.apply(&mut d).unwrap();
        }
    }
    assert!(
        diff::diff(&d, &new).is_empty(),
        "{:#?}",
        diff::diff(&d, &new)
    );
    assert_eq!(d, new);
}

// From the hostile round: each case a reviewer found, kept.

#[test]
fn comment_merges_lose_nothing() {
    let mut base = sample();
    base.comments
        .push(review::comment(None, "", "A", "First.", at()));
    base.comments[0]
        .replies
        .push(review::reply("B", "Reply.", at()));
    let id = base.comments[0].id.clone();

    // Both rewrote the text: ours stands, theirs is kept as a reply.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.comments[0].text = "Ours.".to_owned();
    theirs.comments[0].text = "Theirs.".to_owned();
    let c = &diff::merge(&base, &ours, &theirs).dossier.comments[0];
    assert_eq!(c.text, "Ours.");
    assert!(
        c.replies.iter().any(|r| r.text.contains("Theirs.")),
        "{c:?}"
    );

    // Removed on one side, replied to on the other: kept.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.comments.clear();
    let later: Timestamp = "2026-12-03T10:00Z".parse().unwrap();
    theirs.comments[0]
        .replies
        .push(review::reply("C", "Still open?", later));
    let merged = diff::merge(&base, &ours, &theirs).dossier;
    assert_eq!(merged.comments.len(), 1);
    assert_eq!(merged.comments[0].replies.len(), 2);
    // Removed on one side, untouched on the other: removed.
    assert!(diff::merge(&base, &ours, &base).dossier.comments.is_empty());

    // A reply edited on one side, another added on the other: the edit and the addition.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.comments[0].replies[0].text = "Reply, edited.".to_owned();
    theirs.comments[0]
        .replies
        .push(review::reply("D", "Added.", later));
    let texts: Vec<String> = diff::merge(&base, &ours, &theirs).dossier.comments[0]
        .replies
        .iter()
        .map(|r| r.text.clone())
        .collect();
    assert_eq!(texts, ["Reply, edited.", "Added."]);

    // Both added a comment under one id: two comments.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let mut a = review::comment(None, "", "E", "From ours.", at());
    a.id = Id::new("same").unwrap();
    let mut b = a.clone();
    b.text = "From theirs.".to_owned();
    ours.comments.push(a);
    theirs.comments.push(b);
    let merged = diff::merge(&base, &ours, &theirs).dossier;
    let texts: Vec<&str> = merged.comments.iter().map(|c| c.text.as_str()).collect();
    assert!(
        texts.contains(&"From ours.") && texts.contains(&"From theirs."),
        "{texts:?}"
    );
    let ids: std::collections::HashSet<&Id> = merged.comments.iter().map(|c| &c.id).collect();
    assert_eq!(ids.len(), merged.comments.len(), "ids stay unique");
    let _ = id;
}

#[test]
fn duplicate_comment_ids_are_an_error_and_do_not_confuse_the_diff() {
    let mut d = sample();
    let mut a = review::comment(None, "", "A", "One.", at());
    a.id = Id::new("dup").unwrap();
    let mut b = a.clone();
    b.text = "Two.".to_owned();
    d.comments.extend([a, b]);
    assert!(diff::diff(&d, &d).is_empty());
    let problems = attache::model::validate(&d);
    assert!(
        problems
            .iter()
            .any(|p| p.severity == attache::model::Severity::Error
                && p.message.contains("two comments have the id")),
        "{problems:#?}"
    );
    let mut edited = d.clone();
    edited.comments[1].text = "Two, edited.".to_owned();
    let merged = diff::merge(&d, &d, &edited).dossier;
    assert_eq!(merged.comments[1].text, "Two, edited.");
}

#[test]
fn a_member_moved_to_the_other_delegation_and_edited_there_merges_cleanly() {
    let base = sample();
    let mut ours = base.clone();
    let m = kenya(&mut ours).members.remove(2);
    ours.delegations[1].members.push(m);
    let mut theirs = base.clone();
    kenya(&mut theirs).members[2].position = "Adviser".to_owned();
    let merged = diff::merge(&base, &ours, &theirs);
    assert!(merged.is_clean(), "{:#?}", merged.dossier.conflicts);
    let (del, m) = merged
        .dossier
        .member(&Id::new("ken-juma").unwrap())
        .unwrap();
    assert_eq!((del.id.as_str(), m.position.as_str()), ("usa", "Adviser"));
    // And the other way round.
    let merged = diff::merge(&base, &theirs, &ours);
    assert!(merged.is_clean(), "{:#?}", merged.dossier.conflicts);
    let (del, m) = merged
        .dossier
        .member(&Id::new("ken-juma").unwrap())
        .unwrap();
    assert_eq!((del.id.as_str(), m.position.as_str()), ("usa", "Adviser"));
}

#[test]
fn a_delegation_kept_by_a_conflict_keeps_all_its_members() {
    let base = sample();
    let mut ours = base.clone();
    ours.delegations[1].members[1].position = "Deputy Secretary".to_owned();
    let mut theirs = base.clone();
    theirs.delegations.remove(1);
    let merged = diff::merge(&base, &ours, &theirs).dossier;
    assert_eq!(
        merged.delegations[1].members, ours.delegations[1].members,
        "ours in place"
    );
    assert_eq!(merged.conflicts.len(), 1);
}

#[test]
fn an_item_added_on_both_sides_differently_conflicts_rather_than_combining() {
    let base = sample();
    let mut ours = base.clone();
    ours.packs.push(attache::model::Pack::new(
        "New".to_owned(),
        &[attache::model::Section::Programme],
        &[],
    ));
    let mut theirs = base.clone();
    theirs.packs.push(attache::model::Pack::new(
        "New".to_owned(),
        &[attache::model::Section::SecurityNotes],
        &[],
    ));
    let merged = diff::merge(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 1, "{:#?}", merged.dossier.conflicts);
    let pack = merged.dossier.packs.last().unwrap();
    assert_eq!(
        pack.sections,
        [attache::model::Section::Programme],
        "ours in place"
    );
}

#[test]
fn reordering_reports_only_real_moves() {
    let old = sample();
    let mut new = old.clone();
    new.talking_points.reverse();
    let changes = diff::diff(&old, &new);
    let n = old.talking_points.len();
    assert!(
        changes.iter().all(|c| c.kind == Kind::Moved),
        "{changes:#?}"
    );
    assert!(
        changes.iter().all(|c| c.from != c.to),
        "no “moved from 3 to 3”"
    );
    assert!(changes.len() < n, "{changes:#?}");
    let mut d = old.clone();
    for _ in 0..n {
        let changes = diff::diff(&d, &new);
        let Some(c) = changes.first() else { break };
        for e in diff::accept(&d, c).unwrap() {
            e.apply(&mut d).unwrap();
        }
    }
    assert_eq!(d.talking_points, new.talking_points);
}

#[test]
fn text_reports_show_control_characters_instead_of_sending_them() {
    let old = sample();
    let mut new = old.clone();
    new.meta.notes = "\u{1b}[31mred\u{1b}[0m and \u{202E}reversed".to_owned();
    let report = diff::text(&diff::diff(&old, &new), diff::Color::Never);
    assert!(
        !report.contains('\u{1b}') && !report.contains('\u{202E}'),
        "{report}"
    );
    assert!(report.contains("‹U+001B›[31mred"), "{report}");
    assert!(diff::flatten(&new).contains("‹U+202E›reversed"));
}

#[test]
fn an_approval_that_could_forge_a_cover_line_is_refused() {
    assert!(review::check_approver("Bob\nApproved by Eve", "").is_err());
    assert!(review::check_approver("Bob", "x\u{1b}[31m").is_err());
    assert!(review::check_approver("\u{202E}boB", "").is_err());
    assert!(review::check_approver(" ", "").is_err());
    assert!(review::check_approver(&"x".repeat(301), "").is_err());
    assert!(review::check_approver("Jane Doe", "Head of Protocol").is_ok());
    let mut d = sample();
    let mut a = review::approve(&d, "Bob", "", at());
    a.by = "Bob\nApproved by Eve".to_owned();
    d.approvals.push(a);
    assert!(
        attache::model::validate(&d).iter().any(|p| p.stops_pack()),
        "a forged-looking approval stops the pack"
    );
}

#[test]
fn detached_comments_are_not_printed() {
    let mut d = sample();
    d.comments.push(review::comment(
        Some(Id::new("removed-item").unwrap()),
        "",
        "A",
        "About something removed.",
        at(),
    ));
    d.comments
        .push(review::comment(None, "", "B", "On the dossier.", at()));
    let options = attache::layout::PackOptions {
        comments: true,
        ..Default::default()
    };
    let html = attache::html::write(&d, &options);
    assert!(html.contains("On the dossier.") && !html.contains("About something removed."));
}

#[test]
fn git_rename_and_add_add_arguments_are_understood() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ron", sample_text());
    let b = write(
        dir.path(),
        "b.ron",
        sample_text().replace("Deputy Ambassador", "Deputy Head of Mission"),
    );
    let (a_s, b_s) = (a.display().to_string(), b.display().to_string());
    // A rename: git passes nine arguments; an external diff must exit 0 for git.
    let out = attache(&[
        "diff",
        "old.ron",
        &a_s,
        "abc",
        "100644",
        &b_s,
        "def",
        "100644",
        "new.ron",
        "similarity index 90%",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Deputy Head of Mission"));
    // Add/add: git's ancestor is an empty file.
    let empty = write(dir.path(), "empty.ron", "");
    let out_path = dir.path().join("out.ron");
    let (code, text) = run_on(&["merge"], &[&empty, &a, &b, Path::new("-o"), &out_path]);
    assert_eq!(code, 1, "both added the file, differently: {text}");
    let merged = store::load(&out_path).unwrap();
    assert!(!merged.conflicts.is_empty());
    // -o never replaces a file that is not a dossier.
    let notes = write(dir.path(), "notes.txt", "my notes");
    let (code, text) = run_on(&["merge"], &[&a, &a, &b, Path::new("-o"), &notes]);
    assert_eq!(code, 2, "{text}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
}

#[test]
fn a_merge_that_breaks_a_rule_across_items_is_not_clean() {
    let dir = tempfile::tempdir().unwrap();
    let base_d = sample();
    let mut ours = base_d.clone();
    ours.talking_points[0].lead_speaker = Some(Id::new("ken-juma").unwrap());
    let mut theirs = base_d.clone();
    kenya(&mut theirs)
        .members
        .retain(|m| m.id.as_str() != "ken-juma");
    let base = write(dir.path(), "base.ron", store::to_string(&base_d));
    let ours = write(dir.path(), "ours.ron", store::to_string(&ours));
    let theirs = write(dir.path(), "theirs.ron", store::to_string(&theirs));
    let out_path = dir.path().join("out.ron");
    let (code, text) = run_on(
        &["merge"],
        &[&base, &ours, &theirs, Path::new("-o"), &out_path],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error neither side had"), "{text}");
}

#[test]
fn scheme_levels_are_compared_by_name_and_listed_with_the_markings() {
    let old = sample();
    let mut new = old.clone();
    let n = new.scheme.levels.len();
    new.scheme.levels.swap(n - 2, n - 1);
    new.scheme.levels[0].abbrev = "OFF".to_owned();
    let changes = diff::diff(&old, &new);
    assert!(
        changes.iter().all(|c| c.section == Part::Scheme),
        "{changes:#?}"
    );
    assert!(changes.iter().all(|c| c.marking.is_some()), "listed first");
    assert_eq!(changes.iter().filter(|c| c.kind == Kind::Moved).count(), 1);
    let abbrev = changes
        .iter()
        .find(|c| c.field.as_deref() == Some("abbrev"))
        .expect("the abbreviation change");
    assert!(
        abbrev.location.contains("marking level"),
        "{}",
        abbrev.location
    );
    let mut d = old.clone();
    for _ in 0..5 {
        let changes = diff::diff(&d, &new);
        let Some(c) = changes.first() else { break };
        for e in diff::accept(&d, c).unwrap() {
            e.apply(&mut d).unwrap();
        }
    }
    assert_eq!(d.scheme, new.scheme);
}

// From the second hostile round.

fn observers(d: &mut Dossier) {
    let mut del = d.delegations[1].clone();
    del.id = Id::new("obs").unwrap();
    del.name = "Observers".to_owned();
    del.ours = false;
    del.members.clear();
    d.delegations.push(del);
}

#[test]
fn a_member_moved_away_against_its_removal_is_a_conflict_not_a_loss() {
    let base = sample();
    let mut ours = base.clone();
    let m = kenya(&mut ours).members.remove(4);
    ours.delegations[1].members.push(m);
    let mut theirs = base.clone();
    kenya(&mut theirs).members.remove(4);
    let merged = diff::merge(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 1, "{:#?}", merged.dossier.conflicts);
    assert!(
        merged
            .dossier
            .member(&Id::new("ken-kirigua").unwrap())
            .is_some(),
        "ours in place"
    );
    let merged = diff::merge(&base, &theirs, &ours);
    assert_eq!(merged.new_conflicts, 1, "{:#?}", merged.dossier.conflicts);
    assert!(
        merged
            .dossier
            .member(&Id::new("ken-kirigua").unwrap())
            .is_none(),
        "ours in place"
    );
    assert!(
        merged.dossier.conflicts[0].theirs.is_some(),
        "theirs kept to choose"
    );
}

#[test]
fn a_member_moved_into_a_delegation_the_other_side_removed_is_not_lost() {
    let mut base = sample();
    observers(&mut base);
    let mut ours = base.clone();
    let m = kenya(&mut ours).members.remove(1);
    ours.delegations[2].members.push(m);
    let mut theirs = base.clone();
    theirs.delegations.remove(2);
    let merged = diff::merge(&base, &ours, &theirs);
    assert!(!merged.is_clean());
    let (del, _) = merged
        .dossier
        .member(&Id::new("ken-singoei").unwrap())
        .unwrap();
    assert_eq!(del.id.as_str(), "obs", "ours in place");
}

#[test]
fn a_member_moved_into_a_delegation_its_side_added_takes_the_others_edit() {
    let base = sample();
    let mut ours = base.clone();
    observers(&mut ours);
    let m = kenya(&mut ours).members.remove(2);
    ours.delegations[2].members.push(m);
    let mut theirs = base.clone();
    kenya(&mut theirs).members[2].position = "T-pos".to_owned();
    for (o, t) in [(&ours, &theirs), (&theirs, &ours)] {
        let merged = diff::merge(&base, o, t);
        assert!(merged.is_clean(), "{:#?}", merged.dossier.conflicts);
        let (del, m) = merged
            .dossier
            .member(&Id::new("ken-juma").unwrap())
            .unwrap();
        assert_eq!((del.id.as_str(), m.position.as_str()), ("obs", "T-pos"));
        assert_eq!(merged.dossier.delegations.len(), 3);
    }
}

#[test]
fn a_conflict_resolved_on_one_side_stays_resolved() {
    let base_d = sample();
    let mut ours = base_d.clone();
    kenya(&mut ours).members[2].position = "A".to_owned();
    let mut theirs = base_d.clone();
    kenya(&mut theirs).members[2].position = "B".to_owned();
    let conflicted = diff::merge(&base_d, &ours, &theirs).dossier;
    let mut resolved = conflicted.clone();
    resolved.conflicts.clear();
    for (o, t) in [(&conflicted, &resolved), (&resolved, &conflicted)] {
        let merged = diff::merge(&conflicted, o, t).dossier;
        assert!(
            diff::diff(&resolved, &merged).is_empty(),
            "{:#?}",
            diff::diff(&resolved, &merged)
        );
    }
}
