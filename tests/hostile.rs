//! Untrusted input: every broken, crafted or foreign file is refused with a located
//! error and exit status 2. Never a panic.

mod common;

use std::fs::File;

use attache::store::{self, LoadErrorKind, ParseError};
use common::*;

/// Checks that `attache check` refuses the file with exit 2 and a message that starts
/// `FILE:LINE:COL: error:` (or `FILE: error:` when `located` is false) and contains `needle`.
fn refused(name: &str, bytes: impl AsRef<[u8]>, located: bool, needle: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 2, "{name}: expected exit 2, got {code}:\n{out}");
    let prefix = path.display().to_string();
    let first = out.lines().next().unwrap_or_default();
    let rest = first
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{name}: no file name in {first:?}"));
    if located {
        let mut parts = rest.splitn(4, ':');
        assert_eq!(parts.next(), Some(""), "{first}");
        let line: usize = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("no line in {first:?}"));
        let col: usize = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("no column in {first:?}"));
        assert!(line >= 1 && col >= 1);
        assert!(parts.next().unwrap().starts_with(" error: "), "{first}");
    } else {
        assert!(rest.starts_with(": error: "), "{first}");
    }
    assert!(
        first.contains(needle),
        "{name}: expected {needle:?} in {first:?}"
    );
    first.to_owned()
}

#[test]
fn invalid_utf8_is_located() {
    let mut bytes = b"(\n    schema: 1,\n    meta: (title: \"caf".to_vec();
    bytes.extend_from_slice(&[0xE9, b'"']);
    let msg = refused("latin1.ron", bytes, true, "not valid UTF-8");
    assert!(msg.contains(":3:23: "), "{msg}");
}

#[test]
fn nul_bytes_are_refused() {
    let mut text = sample_text().into_bytes();
    text.insert(40, 0);
    refused("nul.ron", text, true, "NUL byte");
}

#[test]
fn truncated_files_are_refused_wherever_they_end() {
    let text = sample_text();
    // Every cut through the sample, at a spread of places (a char boundary each).
    let cuts: Vec<usize> = (1..text.len())
        .step_by(97)
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for cut in cuts {
        match store::parse_str(&text[..cut]) {
            Err(ParseError::Syntax { .. }) => {}
            other => panic!("cut at {cut}: expected a syntax error, got {other:?}"),
        }
    }
    refused("truncated.ron", &text[..text.len() / 2], true, "error");
}

#[test]
fn binary_garbage_is_refused() {
    // A deterministic spread of bytes, NUL-free so that the parser itself is exercised.
    let mut x: u32 = 12345;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ((x >> 16) as u8).max(1)
        })
        .collect();
    refused("garbage.ron", garbage, true, "error");
    // ASCII garbage too, so that it gets past the UTF-8 check.
    let ascii: String = (0..2000)
        .map(|i| char::from(b' ' + (i * 7 % 90) as u8))
        .collect();
    refused("ascii.ron", ascii, true, "error");
}

#[test]
fn json_is_refused() {
    refused(
        "dossier.json",
        r#"{"schema": 1, "meta": {"title": "x"}}"#,
        true,
        "error",
    );
}

#[test]
fn valid_ron_that_is_not_a_dossier_is_refused() {
    refused("list.ron", "[1, 2, 3]", true, "error");
    refused(
        "other.ron",
        "(schema: 1, name: \"a shopping list\")",
        true,
        "name",
    );
    refused("empty.ron", "", true, "error");
    refused(
        "cut.ron",
        "(schema: 1, meta: (title: \"x\"",
        true,
        "ends too early",
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    refused(
        "deep.ron",
        &deep,
        true,
        "expected “(” here, to open the dossier",
    );
    // Deep inside a dossier, where the parser descends into the nesting.
    let nested = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let text = sample_text().replace("revision: 1,", &format!("revision: {nested},"));
    refused("deep2.ron", &text, true, "error");
    let text = sample_text().replace(
        "marking: \"OFFICIAL\",\n        notes",
        &format!("marking: \"OFFICIAL\",\n        hologram: {nested},\n        notes"),
    );
    // The unknown field is refused before its nesting is even read.
    refused("deep3.ron", &text, true, "hologram");
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    let text = sample_text().replace("venue: ", "chauffeur: \"x\",\n        venue: ");
    let msg = refused("unknown.ron", text, true, "chauffeur");
    assert!(
        msg.contains("title"),
        "the message lists the expected fields: {msg}"
    );
}

#[test]
fn bad_values_are_located() {
    let text = sample_text().replace(
        "revision: 1,",
        "revision: 1,\n        start_date: \"2025-02-30\",",
    );
    refused("date.ron", text, true, "not a day of the calendar");
    let text = sample_text().replace("kind: BilateralMeeting", "kind: Picnic");
    refused("kind.ron", text, true, "Picnic");
    let text = sample_text().replace("id: \"ken-juma\"", "id: \"ken juma\"");
    refused("id.ron", text, true, "ASCII letters");
}

#[test]
fn newer_versions_are_refused() {
    let text = sample_text().replace("schema: 6,", "schema: 7,");
    let msg = refused("newer.ron", text, true, "newer Attaché");
    assert!(msg.contains("schema version 7"), "{msg}");
    // Also when the schema is not where Attaché writes it and the file has new fields.
    let text = sample_text().replace("    schema: 6,\n", "").replace(
        "    meta: (",
        "    hologram: true,\n    schema: 8,\n    meta: (",
    );
    refused("newer2.ron", text, false, "schema version 8");
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // A sparse 200 MiB file: creating it costs nothing; reading it would.
    File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let err = store::load(&path).unwrap_err();
    // Had the bytes been read, the zeros would have been reported as a NUL byte instead.
    assert!(
        matches!(err.kind, LoadErrorKind::TooLarge { size, .. } if size == 200 * 1024 * 1024),
        "{err}"
    );
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 2);
    assert!(out.contains("over the limit"), "{out}");
}

#[test]
fn missing_files_and_folders_are_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = run_on(&["check"], &[&dir.path().join("nope.ron")]);
    assert_eq!(code, 2);
    assert!(
        out.contains("nope.ron: error: cannot read the file"),
        "{out}"
    );
    let (code, out) = run_on(&["check"], &[dir.path()]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn one_bad_file_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.ron", "(");
    let (code, out) = run_on(&["check"], &[&bad, SAMPLE.as_ref()]);
    assert_eq!(code, 2);
    assert!(out.contains("checked 2 files"), "{out}");
}

#[test]
fn the_schema_number_is_read_as_ron_reads_numbers() {
    // To RON, 1_5 is 15: a newer file, not version 1.
    let text = sample_text().replacen("schema: 6", "schema: 1_5", 1);
    refused("underscore.ron", text, true, "newer");
    let text = sample_text().replacen("schema: 6", "schema: 0x2", 1);
    assert!(store::parse_str(&text).is_ok(), "0x2 is 2");
    let text = sample_text().replacen("schema: 6", "schema: 0b1", 1);
    assert!(
        store::parse_str(&text).is_ok(),
        "0b1 is version 1, read as it stands"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{FEFF}{}", sample_text());
    let d = store::parse_str(&text).expect("a BOM is accepted");
    assert_eq!(d, store::parse_str(&sample_text()).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bom.ron", &text);
    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 0, "{out}");
}

/// The sample with `photo` written as Dr. Sing’oei's photo, as a file would hold it.
fn with_photo(photo: &str) -> String {
    let text = sample_text();
    let at = text.find("id: \"ken-singoei\",").unwrap() + "id: \"ken-singoei\",".len();
    format!("{}\n photo: \"{photo}\",{}", &text[..at], &text[at..])
}

/// A JPEG as an import encodes one (its quality, so its tables).
fn jpeg(img: image::DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, attache::model::photo::QUALITY)
        .encode_image(&img)
        .unwrap();
    out
}

fn uri(bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

#[test]
fn crafted_photos_in_a_file_are_refused_where_they_are() {
    let good = jpeg(image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(
        30,
        40,
        |x, y| image::Rgb([x as u8 * 8, y as u8 * 6, 50]),
    )));
    // The line the photo is on, as the error gives it.
    let line = sample_text()
        .lines()
        .position(|l| l.contains("id: \"ken-singoei\""))
        .unwrap()
        + 2;
    let located_on_its_line = |name: &str, photo: &str, needle: &str| {
        let first = refused(name, with_photo(photo), true, needle);
        assert!(first.contains(&format!(":{line}:")), "{first}");
    };
    located_on_its_line(
        "png.ron",
        "data:image/png;base64,iVBORw0KGgo=",
        "expected a JPEG written as",
    );
    located_on_its_line(
        "bad64.ron",
        "data:image/jpeg;base64,@@@@",
        "its base64 is broken",
    );
    located_on_its_line(
        "text.ron",
        &uri(b"not a jpeg at all"),
        "not as Attach\u{e9} stores one: it is not a JPEG",
    );
    located_on_its_line(
        "cut.ron",
        &uri(&good[..good.len() - 40]),
        "ends before its picture does",
    );
    let grey = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::GrayImage::new(30, 40)
            .write_to(&mut out, image::ImageFormat::Jpeg)
            .unwrap();
        out.into_inner()
    };
    located_on_its_line("grey.ron", &uri(&grey), "1 components of 8 bits");
    let big = jpeg(image::DynamicImage::ImageRgb8(image::RgbImage::new(
        1300, 10,
    )));
    located_on_its_line("big.ron", &uri(&big), "at most 1200 on a side");
    // Progressive: the start-of-frame marker said so.
    let mut progressive = good.clone();
    let sof = progressive
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .unwrap();
    progressive[sof + 1] = 0xC2;
    located_on_its_line("progressive.ron", &uri(&progressive), "not a baseline JPEG");
    // Ten megabytes of base64: refused by its length, not decoded.
    located_on_its_line(
        "long.ron",
        &format!("data:image/jpeg;base64,{}", "A".repeat(10 << 20)),
        "it is over 512 KB",
    );
    // A good one reads.
    let dir = tempfile::tempdir().unwrap();
    let ok = write(dir.path(), "ok.ron", with_photo(&uri(&good)));
    let (code, out) = run_on(&["check"], &[&ok]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_file_that_is_not_a_dossier_is_named_for_what_it_is_with_what_to_do() {
    for (name, bytes, needle) in [
        (
            "kenya.csv",
            &b"Name,Position\nJane Wanjiru,Adviser\n"[..],
            "this is a spreadsheet list (CSV), not a dossier: to read a delegation's members",
        ),
        (
            "pack.pdf",
            b"%PDF-1.7\n%\xe2\xe3\n",
            "this is a PDF document",
        ),
        (
            "list.xlsx",
            b"PK\x03\x04....xl/workbook.xml",
            "a spreadsheet (a workbook)",
        ),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "this is an image"),
        ("unicode.txt", b"\xff\xfeN\x00a\x00", "UTF-16"),
    ] {
        refused(name, bytes, false, needle);
    }
}

#[test]
fn a_quote_left_open_is_reported_where_it_was_opened_with_the_line_shown() {
    let sample = std::fs::read_to_string(common::SAMPLE).unwrap();
    let (line, _) = sample
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("full_name: \"David Kerich\","))
        .unwrap();
    let broken = sample.replacen("\"David Kerich\",", "\"David Kerich,", 1);
    let first = refused(
        "open-quote.ron",
        broken.as_bytes(),
        true,
        "is not closed on its line",
    );
    assert!(
        first.contains(&format!(":{}:", line + 1)),
        "points at line {}, where the quote opens: {first}",
        line + 1
    );
    assert!(first.contains("full_name: \"David Kerich,"), "{first}");
}

#[test]
fn a_line_shown_under_an_error_is_cut_however_long_the_line() {
    let line = format!("\"{}\n", "a,b;".repeat(2_000_000));
    let first = refused("one-line.ron", line.as_bytes(), true, "expected “(” here");
    assert!(first.len() < 400, "{} characters", first.len());
    assert!(first.ends_with('…'), "{first}");
}

#[test]
fn syntax_errors_say_what_is_missing_in_words() {
    for (text, words) in [
        (
            "(schema: 6, meta: (title: \"x\" venue: \"y\"))",
            "1:31: error: a comma is missing here",
        ),
        (
            "(schema: 6, meta: (title \"x\"))",
            "a colon is missing here",
        ),
    ] {
        let first = refused("words.ron", text.as_bytes(), true, words);
        assert!(!first.contains("Expected"), "{first}");
    }
    let trailing = format!("{}\nextra\n", common::sample_text());
    refused(
        "trailing.ron",
        trailing.as_bytes(),
        true,
        "there is more after the end of the dossier",
    );
}
