//! The migration mechanism: the real chain (version 1 → 2 only added saved packs), and the
//! real loader with a made-up "version 0" that called the title `name`.

mod common;

use common::*;

use attache::model::Dossier;
use attache::store::migrate::{
    MIGRATIONS, Migration, Step, oldest_readable, set_field, take_field,
};
use attache::store::{self, ParseError, SCHEMA_VERSION};
use ron::Value;

fn rename_name_to_title(mut v: Value) -> Result<Value, String> {
    let mut meta = take_field(&mut v, "meta").ok_or("no meta")?;
    let name = take_field(&mut meta, "name").ok_or("meta has no name")?;
    set_field(&mut meta, "title", name)?;
    set_field(&mut v, "meta", meta)?;
    Ok(v)
}

/// The made-up step from version 0, then the real chain.
fn chain() -> Vec<Migration> {
    let mut chain = vec![Migration {
        from: 0,
        summary: "renaming meta.name to meta.title",
        step: Step::Transform(rename_name_to_title),
    }];
    chain.extend_from_slice(MIGRATIONS);
    chain
}

const V0: &str = r#"(
    schema: 0,
    meta: (name: "Old visit", marking: "OFFICIAL"),
    scheme: (name: "Official", levels: [(name: "OFFICIAL", abbrev: "O")]),
)"#;

#[test]
fn an_old_file_is_brought_forward() {
    assert_eq!(oldest_readable(&chain()), 0);
    let d = store::parse_with_migrations(V0, &chain()).expect("version 0 migrates");
    let mut expected = Dossier::new("Old visit");
    expected.scheme.levels.truncate(1);
    expected.scheme.restrictive.clear();
    assert_eq!(d, expected);
    // Once migrated, it is written as the current version.
    assert!(store::to_string(&d).contains(&format!("schema: {SCHEMA_VERSION},")));
}

#[test]
fn a_failing_step_says_which() {
    let broken = V0.replace("name: \"Old visit\"", "title: \"x\"");
    match store::parse_with_migrations(&broken, &chain()) {
        Err(ParseError::Migration { from: 0, message }) => {
            assert!(message.contains("renaming meta.name"), "{message}")
        }
        other => panic!("expected a migration error, got {other:?}"),
    }
}

#[test]
fn old_files_are_parsed_with_the_recursion_limit_on() {
    let deep = V0.replace(
        "marking: \"OFFICIAL\"",
        &format!("x: {}1{}", "[".repeat(50_000), "]".repeat(50_000)),
    );
    match store::parse_with_migrations(&deep, &chain()) {
        Err(ParseError::Syntax { message, .. }) => {
            assert!(message.contains("nested too deeply"), "{message}")
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn the_built_in_chain_reads_versions_1_to_3_only() {
    assert_eq!(oldest_readable(MIGRATIONS), 1);
    let v2 = store::parse_str(&sample_text()).expect("the current version reads");
    assert_eq!(v2.packs.len(), 2);
    match store::parse_str(V0) {
        Err(e @ ParseError::NoSuchVersion { found: 0, .. }) => {
            assert!(e.to_string().contains("does not exist"), "{e}")
        }
        other => panic!("expected NoSuchVersion, got {other:?}"),
    }
}

/// A version-1 file: the sample as version 1 wrote it (no saved packs).
fn version_1_sample() -> String {
    let current = sample_text();
    let start = current
        .find("    packs: [")
        .expect("the sample has saved packs");
    let end = start + current[start..].find("\n    ],\n").expect("packs end") + "\n    ],\n".len();
    let text = format!("{}{}", &current[..start], &current[end..]);
    text.replace("schema: 6,", "schema: 1,")
}

#[test]
fn a_version_1_file_reads_as_it_stands_and_is_written_as_the_current_version() {
    let v1 = version_1_sample();
    let d = store::parse_str(&v1).expect("version 1 reads");
    let mut expected = store::parse_str(&sample_text()).unwrap();
    expected.packs.clear();
    assert_eq!(d, expected);
    let written = store::to_string(&d);
    assert!(written.contains("(\n    schema: 6,\n"), "{written}");
    assert_eq!(written.replace("schema: 6,", "schema: 1,"), v1);
}

#[test]
fn errors_in_a_version_1_file_keep_their_line_and_column() {
    let v1 = version_1_sample().replacen("revision: 1,", "revision: \"one\",", 1);
    let line = 1 + v1[..v1.find("revision: \"one\"").unwrap()]
        .matches('\n')
        .count();
    match store::parse_str(&v1) {
        Err(ParseError::Syntax { at, .. }) => assert_eq!(at.line, line),
        other => panic!("expected a located syntax error, got {other:?}"),
    }
}

#[test]
fn a_version_4_file_reads_as_it_stands_its_members_without_protocol_needs() {
    let v4 = sample_text().replace("schema: 6,", "schema: 4,");
    let d = store::parse_str(&v4).expect("version 4 reads");
    assert_eq!(d, store::parse_str(&sample_text()).unwrap());
    assert!(
        d.delegations
            .iter()
            .flat_map(|g| &g.members)
            .all(|m| m.hotel.is_empty() && m.dietary.is_empty() && m.biography.is_empty())
    );
    assert_eq!(store::to_string(&d), sample_text());
    // What version 5 adds is written with the member, after the movements, and reads back.
    let mut d = d;
    let m = &mut d.delegations[0].members[0];
    m.hotel = "Willard InterContinental".into();
    m.dietary = "Vegetarian".into();
    m.languages = "English, Kiswahili".into();
    m.interpretation = "None needed".into();
    m.accessibility = "Step-free access".into();
    m.biography = "A career diplomat.\n\n- Ambassador to Germany".into();
    let written = store::to_string(&d);
    let at = |field: &str| written.find(&format!("{field}: ")).expect(field);
    assert!(at("hotel") < at("dietary") && at("dietary") < at("biography"));
    assert_eq!(store::parse_str(&written).unwrap(), d);
}

#[test]
fn a_version_5_file_reads_as_it_stands_its_scheme_without_restrictive_controls() {
    let v5 = sample_text().replace("schema: 6,", "schema: 5,");
    let d = store::parse_str(&v5).expect("version 5 reads");
    assert_eq!(d, store::parse_str(&sample_text()).unwrap());
    assert!(d.scheme.restrictive.is_empty());
    // What version 6 adds is written with the scheme, after its levels, and reads back.
    let mut d = d;
    d.scheme.restrictive = vec!["NOFORN".into()];
    let written = store::to_string(&d);
    assert!(written.find("restrictive: [") > written.find("levels: ["));
    assert_eq!(store::parse_str(&written).unwrap(), d);
}

#[test]
fn a_version_2_file_reads_as_it_stands_and_is_written_as_the_current_version() {
    let v2 = sample_text().replace("schema: 6,", "schema: 2,");
    let d = store::parse_str(&v2).expect("version 2 reads");
    assert_eq!(d, store::parse_str(&sample_text()).unwrap());
    assert!(d.comments.is_empty() && d.approvals.is_empty() && d.conflicts.is_empty());
    assert_eq!(store::to_string(&d), sample_text());
}
