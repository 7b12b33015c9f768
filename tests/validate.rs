//! Each validation rule, on the sample with one thing broken.

mod common;

use attache::model::*;
use attache::store;
use common::*;

fn sample() -> Dossier {
    store::parse_str(&sample_text()).unwrap()
}

/// The problems of a dossier as (severity, item, field) triples.
fn found(d: &Dossier) -> Vec<(Severity, ItemRef, Option<&'static str>, String)> {
    validate(d)
        .into_iter()
        .map(|p| (p.severity, p.item, p.field, p.message))
        .collect()
}

fn assert_one(d: &Dossier, severity: Severity, item: ItemRef, field: &str, needle: &str) {
    let problems = found(d);
    assert!(
        problems.iter().any(|(s, i, f, m)| *s == severity
            && *i == item
            && *f == Some(field)
            && m.contains(needle)),
        "expected {severity} at {item:?}.{field} containing {needle:?}, got {problems:#?}"
    );
}

#[test]
fn the_sample_is_clean() {
    assert_eq!(found(&sample()), vec![]);
}

#[test]
fn delegation_rules() {
    let mut d = sample();
    d.delegations[0].members[0].role = MemberRole::Member;
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::Delegation(0),
        "members",
        "no head",
    );

    let mut d = sample();
    d.delegations[0].members[2].role = MemberRole::Head;
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Member(0, 2),
        "role",
        "already has a head",
    );

    let mut d = sample();
    d.delegations[0].members.swap(0, 1);
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::Member(0, 1),
        "role",
        "not first",
    );

    let mut d = sample();
    d.delegations[1].members[1].full_name = " marco  RUBIO ".into();
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::Member(1, 1),
        "full_name",
        "already member 1",
    );

    let mut d = sample();
    d.delegations[0].members[0].position.clear();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Member(0, 0),
        "full_name",
        "neither a name nor a position",
    );

    let mut d = sample();
    d.delegations[1].ours = true;
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Delegation(1),
        "ours",
        "more than one",
    );

    let mut d = sample();
    d.delegations[1].members.clear();
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::Delegation(1),
        "members",
        "no members",
    );
}

#[test]
fn reference_and_id_rules() {
    let mut d = sample();
    d.talking_points[0].lead_speaker = Some(Id::new("nobody").unwrap());
    assert_one(
        &d,
        Severity::Error,
        ItemRef::TalkingPoint(0),
        "lead_speaker",
        "not a member of any delegation",
    );

    let mut d = sample();
    d.talking_points[2].lead_speaker = Some(Id::new("usa-landau").unwrap());
    assert_one(
        &d,
        Severity::Error,
        ItemRef::TalkingPoint(2),
        "lead_speaker",
        "not ours",
    );

    let mut d = sample();
    d.delegations[0].ours = false;
    assert_one(
        &d,
        Severity::Error,
        ItemRef::TalkingPoint(0),
        "lead_speaker",
        "no single delegation",
    );

    let mut d = sample();
    d.security_notes[1].id = d.delegations[0].members[3].id.clone();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::SecurityNote(1),
        "id",
        "used by another item",
    );
}

#[test]
fn date_and_time_rules() {
    let mut d = sample();
    d.meta.start_date = Date::new(2025, 3, 12);
    d.meta.end_date = Date::new(2025, 3, 11);
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Meta,
        "end_date",
        "before it starts",
    );

    let mut d = sample();
    d.programme[0].start = Time::new(10, 0);
    d.programme[0].end = Time::new(9, 30);
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Programme(0),
        "end",
        "before it starts",
    );
}

#[test]
fn marking_rules() {
    let mut d = sample();
    d.talking_points[3].marking = Some(Marking::new("SECRET"));
    assert_one(
        &d,
        Severity::Error,
        ItemRef::TalkingPoint(3),
        "marking",
        "above the dossier's marking OFFICIAL",
    );

    let mut d = sample();
    d.security_notes[0].marking = Some(Marking::new("OFFICIAL").with_caveat("KENYA/US EYES ONLY"));
    assert_one(
        &d,
        Severity::Error,
        ItemRef::SecurityNote(0),
        "marking",
        "caveat “KENYA/US EYES ONLY”",
    );

    let mut d = sample();
    d.programme[0].marking = Some(Marking::new("RESTRICTED"));
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Programme(0),
        "marking",
        "not in the scheme",
    );

    let mut d = sample();
    d.scheme.levels.push(d.scheme.levels[0].clone());
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Scheme,
        "levels",
        "has the name “OFFICIAL” of level “OFFICIAL”",
    );
}

#[test]
fn hostile_markings_and_schemes() {
    // SECRET given OFFICIAL's abbreviation would print SECRET portions as "(O)".
    let mut d = sample();
    d.scheme.levels[3].abbrev = "O".to_owned();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Scheme,
        "levels",
        "level “SECRET” has the abbreviation “O” of level “OFFICIAL”",
    );
    // Names differing only in case or spacing are one name to a reader.
    let mut d = sample();
    d.scheme.levels[4].name = "secret".to_owned();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Scheme,
        "levels",
        "has the name",
    );
    // Look-alikes: OFFICIAL's "O" in Cyrillic for SECRET, and a name mixing scripts.
    let mut d = sample();
    d.scheme.levels[3].abbrev = "\u{41E}".to_owned();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Scheme,
        "levels",
        "level “SECRET” has the abbreviation “\u{41E}” of level “OFFICIAL” (or one that looks",
    );
    let mut d = sample();
    d.scheme.levels[4].name = "S\u{415}CRET".to_owned();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Scheme,
        "levels",
        "mixes Latin with",
    );
    let mut d = sample();
    d.programme[0].marking = Some(Marking::new("OFFICIAL").with_caveat("N\u{41E}FORN"));
    let p = validate(&d)
        .into_iter()
        .find(|p| p.item == ItemRef::Programme(0))
        .unwrap();
    assert!(p.message.contains("mixes Latin"), "{p:?}");
    assert!(p.stops_pack());
    // One script throughout is a scheme like any other.
    let mut d = sample();
    d.scheme.levels[4].name = "СОВЕРШЕННО СЕКРЕТНО".to_owned();
    d.scheme.levels[4].abbrev = "СС".to_owned();
    assert!(
        validate(&d).iter().all(|p| p.item != ItemRef::Scheme),
        "{:?}",
        validate(&d)
    );

    // A crafted scheme of thousands of levels is refused (and ranks by table meanwhile).
    let mut d = sample();
    for i in 0..5000 {
        d.scheme.levels.push(Level {
            name: format!("LEVEL {i}"),
            abbrev: format!("L{i}"),
        });
    }
    assert_one(&d, Severity::Error, ItemRef::Scheme, "levels", "at most 32");

    // A level that could not be written in a marking.
    let mut d = sample();
    d.scheme.levels[4].name = "TOP//SECRET".to_owned();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Scheme,
        "levels",
        "cannot be written in a marking",
    );

    // Control and bidi characters, as in any other field; they stop a pack.
    for evil in ["OFFICIAL\u{202E}LAICIFFO", "OFFICIAL\u{7}"] {
        let mut d = sample();
        d.programme[0].marking = Some(Marking {
            level: evil.to_owned(),
            caveats: vec![],
        });
        let p = validate(&d)
            .into_iter()
            .find(|p| p.item == ItemRef::Programme(0))
            .unwrap();
        assert!(p.message.contains("control character"), "{p:?}");
        assert!(p.stops_pack());
    }

    // Invisible characters make two levels or markings look alike: "(S)" and "(S" + a
    // zero-width space + ")" rank differently.
    for evil in [
        "SECRET\u{200B}",
        "SECRET\u{FEFF}",
        "SEC\u{00AD}RET",
        "A\nB",
        "S\u{200E}",
    ] {
        let mut d = sample();
        d.scheme.levels.insert(
            0,
            Level {
                name: evil.to_owned(),
                abbrev: "S\u{200B}".to_owned(),
            },
        );
        assert!(
            validate(&d)
                .iter()
                .any(|p| p.item == ItemRef::Scheme && p.stops_pack()),
            "{evil:?}"
        );
        let mut d = sample();
        d.programme[0].marking = Some(Marking::new("OFFICIAL").with_caveat(evil));
        let p = validate(&d)
            .into_iter()
            .find(|p| p.item == ItemRef::Programme(0))
            .unwrap();
        assert!(p.stops_pack(), "{evil:?}: {p:?}");
    }

    // Markings each within the limits whose high-water mark (the banner) is not.
    let mut d = sample();
    for (i, n) in d.security_notes.iter_mut().enumerate() {
        let mut m = Marking::new("OFFICIAL");
        for k in 0..30 {
            m.caveats.push(format!("Q{i}X{k:02}"));
        }
        n.marking = Some(m);
    }
    let p = validate(&d)
        .into_iter()
        .find(|p| p.item == ItemRef::Meta && p.message.contains("portions together"))
        .expect("the banner is too long");
    assert!(p.message.contains("60 caveats"), "{p:?}");
    assert!(p.stops_pack());

    // A name printed on every talking point it leads: a huge one would make thousands of
    // pages, so it stops the pack; the messages that quote it stay short.
    let mut d = sample();
    d.delegations[0].members[0].full_name = "N".repeat(MAX_NAME_CHARS + 1);
    d.delegations[0].members[0].marking = Some(Marking::new("SECRET"));
    d.meta.marking = Marking::new("SECRET");
    let problems = validate(&d);
    assert!(
        problems.iter().any(|p| p.item == ItemRef::Member(0, 0)
            && p.field == Some("full_name")
            && p.stops_pack()),
        "{problems:?}"
    );
    assert!(
        problems.iter().all(|p| p.message.len() < 400),
        "messages quote names shortened: {problems:?}"
    );

    // Absurd markings are refused with the limit stated, and stop a pack.
    let mut d = sample();
    let mut huge = Marking::new("OFFICIAL");
    for i in 0..5000 {
        huge.caveats.push(format!("REL TO PARTNER {i}"));
    }
    d.meta.marking = huge.clone();
    d.security_notes[0].marking = Some(huge);
    let problems = validate(&d);
    let p = problems
        .iter()
        .find(|p| p.item == ItemRef::Meta && p.field == Some("marking"))
        .expect("the huge marking is refused");
    assert!(
        p.message.contains(&format!(
            "at most {MAX_MARKING_CHARS} characters and {MAX_CAVEATS} caveats"
        )),
        "{p:?}"
    );
    assert!(p.stops_pack());
    // A realistic long caveat list is fine.
    let mut d = sample();
    d.meta.marking = Marking::parse(
        "OFFICIAL//SI//TK//NOFORN//REL TO USA, GBR, CAN, AUS, NZL, KEN//EYES ONLY KENYA-US",
    )
    .unwrap();
    assert!(
        validate(&d).iter().all(|p| p.item != ItemRef::Meta),
        "{:?}",
        validate(&d)
    );
}

#[test]
fn what_check_accepts_fmt_writes_and_reads_back() {
    // Markings and scheme levels of every odd shape that validation accepts.
    let odd = [
        "OFFICIAL//KENYA/US EYES ONLY",
        "OFFICIAL// A/B/C //D",
        "OFFICIAL//REL TO KEN, USA//\u{e9}t\u{e9}",
        "OFFICIAL//\\//X",
    ];
    for text in odd {
        let mut d = sample();
        let Ok(m) = Marking::parse(text) else {
            continue;
        };
        d.meta.marking = m.clone();
        d.programme[0].marking = Some(m);
        if validate(&d).iter().any(|p| p.severity == Severity::Error) {
            continue;
        }
        let written = store::to_string(&d);
        let back = store::parse_str(&written).expect("what is written reads");
        assert_eq!(back, d, "{text}");
    }
}

#[test]
fn required_fields_and_hostile_text() {
    let mut d = sample();
    d.meta.title = "  ".into();
    assert_one(&d, Severity::Error, ItemRef::Meta, "title", "empty");

    let mut d = sample();
    d.talking_points[1].key_messages.clear();
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::TalkingPoint(1),
        "key_messages",
        "no key messages",
    );

    let mut d = sample();
    d.delegations[1].members[0].full_name = "Marco \u{202E}oibuR".into();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Member(1, 0),
        "full_name",
        "U+202E",
    );

    let mut d = sample();
    d.security_notes[0].key_actors.push("SADC\u{0}".into());
    assert_one(
        &d,
        Severity::Error,
        ItemRef::SecurityNote(0),
        "key_actors",
        "control character U+0000",
    );
}

#[test]
fn problem_paths_name_the_item() {
    let mut d = sample();
    d.delegations[0].members[1].full_name = "Korir\u{2066} Sing’oei".into();
    let p = validate(&d).into_iter().next().unwrap();
    assert_eq!(
        p.path(&d),
        "delegation 1 “Kenya” › member 2 “Dr. Korir\u{2066} Sing’oei” › full_name"
    );
}

#[test]
fn saved_pack_rules() {
    let mut d = sample();
    d.packs[1].name = " principal's   PACK ".to_owned();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Pack(1),
        "name",
        "pack 1 “Principal's pack” already has this name",
    );
    d.packs[1].name = String::new();
    assert_one(&d, Severity::Error, ItemRef::Pack(1), "name", "is empty");

    let mut d = sample();
    d.packs[0].sections.clear();
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::Pack(0),
        "sections",
        "only a cover and contents",
    );
    // Removing an item a pack leaves out makes the pack's choice stale, not wrong.
    d.talking_points.retain(|t| t.id.as_str() != "tp-fta");
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::Pack(1),
        "exclude",
        "leaves out “tp-fta”, no longer in the dossier",
    );
    let problem = validate(&d)
        .into_iter()
        .find(|p| p.item == ItemRef::Pack(1))
        .unwrap();
    assert_eq!(
        problem.path(&d),
        "pack 2 “Regional security brief” › exclude"
    );
}

#[test]
fn overlapping_programme_items_are_a_warning() {
    let mut d = sample();
    let day: Date = "2025-03-10".parse().unwrap();
    let at = |s: &str| -> Time { s.parse().unwrap() };
    let mut first = d.programme[0].clone();
    first.date = Some(day);
    first.start = Some(at("09:00"));
    first.end = Some(at("11:00"));
    let mut second = first.clone();
    second.id = Id::new("lunch").unwrap();
    second.title = "Working lunch".to_owned();
    second.start = Some(at("10:30"));
    second.end = Some(at("12:00"));
    let mut third = second.clone();
    third.id = Id::new("press").unwrap();
    third.title = "Press availability".to_owned();
    third.start = Some(at("12:00"));
    third.end = Some(at("12:30"));
    d.programme = vec![third, second, first];
    let problems = found(&d);
    let overlaps: Vec<_> = problems
        .iter()
        .filter(|(_, _, _, m)| m.contains("overlaps"))
        .collect();
    // Only the lunch overlaps (with the talks); the press follows it exactly.
    assert_eq!(overlaps.len(), 1, "{problems:#?}");
    assert_one(
        &d,
        Severity::Warning,
        ItemRef::Programme(1),
        "start",
        "overlaps programme item 3 “High-level bilateral talks”, which runs until 11:00",
    );
}

#[test]
fn the_language_must_be_a_language_tag() {
    let mut d = sample();
    d.meta.language = "fr".into();
    assert_eq!(found(&d), vec![]);
    d.meta.language = "French <b>".into();
    assert_one(
        &d,
        Severity::Error,
        ItemRef::Meta,
        "language",
        "not a language tag",
    );
    assert_eq!(d.meta.language(), "en", "packs fall back to English");
}
