//! The migration mechanism. Only schema version 1 exists, so these tests run the real
//! loader with a made-up chain in which a "version 0" called the title `name`.

use attache::model::Dossier;
use attache::store::migrate::{MIGRATIONS, Migration, oldest_readable, set_field, take_field};
use attache::store::{self, ParseError, SCHEMA_VERSION};
use ron::Value;

fn rename_name_to_title(mut v: Value) -> Result<Value, String> {
    let mut meta = take_field(&mut v, "meta").ok_or("no meta")?;
    let name = take_field(&mut meta, "name").ok_or("meta has no name")?;
    set_field(&mut meta, "title", name)?;
    set_field(&mut v, "meta", meta)?;
    Ok(v)
}

const CHAIN: &[Migration] = &[Migration {
    from: 0,
    summary: "renaming meta.name to meta.title",
    apply: rename_name_to_title,
}];

const V0: &str = r#"(
    schema: 0,
    meta: (name: "Old visit", marking: "OFFICIAL"),
    scheme: (name: "Official", levels: [(name: "OFFICIAL", abbrev: "O")]),
)"#;

#[test]
fn an_old_file_is_brought_forward() {
    assert_eq!(oldest_readable(CHAIN), 0);
    let d = store::parse_with_migrations(V0, CHAIN).expect("version 0 migrates");
    let mut expected = Dossier::new("Old visit");
    expected.scheme.levels.truncate(1);
    assert_eq!(d, expected);
    // Once migrated, it is written as the current version.
    assert!(store::to_string(&d).contains(&format!("schema: {SCHEMA_VERSION},")));
}

#[test]
fn a_failing_step_says_which() {
    let broken = V0.replace("name: \"Old visit\"", "title: \"x\"");
    match store::parse_with_migrations(&broken, CHAIN) {
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
    match store::parse_with_migrations(&deep, CHAIN) {
        Err(ParseError::Syntax { message, .. }) => {
            assert!(message.contains("nested too deeply"), "{message}")
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn the_built_in_chain_reads_only_version_1() {
    assert_eq!(oldest_readable(MIGRATIONS), 1);
    match store::parse_str(V0) {
        Err(e @ ParseError::NoSuchVersion { found: 0, .. }) => {
            assert!(e.to_string().contains("does not exist"), "{e}")
        }
        other => panic!("expected NoSuchVersion, got {other:?}"),
    }
}
