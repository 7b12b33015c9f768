//! The sample dossier: round trip, canonical form, validity, and faithfulness to the
//! source report.

mod common;

use attache::model::{MemberRole, validate};
use attache::store;
use common::*;

#[test]
fn sample_round_trips_to_the_same_value_and_bytes() {
    let text = sample_text();
    let dossier = store::parse_str(&text).expect("the sample parses");
    let written = store::to_string(&dossier);
    assert_eq!(
        written, text,
        "the sample file is not in canonical form (run `attache fmt`)"
    );
    let again = store::parse_str(&written).unwrap();
    assert_eq!(again, dossier);
    assert_eq!(store::to_string(&again), written);
}

#[test]
fn sample_and_template_have_no_problems() {
    for path in [SAMPLE, TEMPLATE] {
        let d = store::load(path.as_ref()).unwrap();
        let problems = validate(&d);
        assert!(problems.is_empty(), "{path}: {problems:#?}");
    }
    let (code, out) = run_on(&["check"], &[SAMPLE.as_ref(), TEMPLATE.as_ref()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn sample_names_everyone_in_the_report_exactly() {
    let d = store::load(SAMPLE.as_ref()).unwrap();
    let names: Vec<String> = d
        .delegations
        .iter()
        .flat_map(|del| {
            del.members
                .iter()
                .map(|m| format!("{}|{}|{}", m.honorific, m.full_name, m.position))
        })
        .collect();
    for expected in [
        "||Prime Cabinet Secretary",
        "Dr.|Korir Sing\u{2019}oei|Principal Secretary for Foreign Affairs",
        "Ambassador|Monica Juma|National Security Advisor",
        "|David Kerich|Kenyan Ambassador to the United States",
        "|Christopher Kirigua|Deputy Ambassador",
        "Senator|Marco Rubio|U.S. Secretary of State",
        "Ambassador|Christopher Landau|Deputy to the Secretary of State",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "missing {expected:?} in {names:#?}"
        );
    }
    assert_eq!(names.len(), 7, "only people the report names: {names:#?}");
    for del in &d.delegations {
        assert_eq!(
            del.members[0].role,
            MemberRole::Head,
            "{} is led by its head",
            del.name
        );
    }
    let titles: Vec<&str> = d.talking_points.iter().map(|t| t.title.as_str()).collect();
    for needle in [
        "Free Trade Agreement",
        "Democratic Republic of Congo",
        "Haiti",
        "visit to Kenya",
    ] {
        assert!(
            titles.iter().any(|t| t.contains(needle)),
            "no talking point on {needle}: {titles:?}"
        );
    }
    let regions: Vec<&str> = d.security_notes.iter().map(|n| n.region.as_str()).collect();
    assert!(
        regions
            .iter()
            .any(|r| r.contains("Democratic Republic of Congo"))
    );
    assert!(regions.contains(&"Haiti"));
    // The report gives no date: the sample must not invent one.
    assert_eq!(d.meta.start_date, None);
}

#[test]
fn a_template_delegation_left_named_by_its_part_is_warned_of_once_the_countries_are_named() {
    let mut d = store::load(TEMPLATE.as_ref()).unwrap();
    d.meta.host_country = "United States".to_owned();
    let warned = |d: &attache::model::Dossier| {
        validate(d)
            .iter()
            .filter(|p| p.message.contains("as in the template"))
            .count()
    };
    assert_eq!(warned(&d), 1, "{:#?}", validate(&d));
    d.delegations[0].name = "United States".to_owned();
    assert_eq!(warned(&d), 0);
}
