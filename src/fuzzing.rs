//! The properties the fuzzers check (`fuzz/`), kept in the library so that the regression
//! test (`tests/fuzz_corpus.rs`) runs every committed input through the same code on each
//! `cargo test`: a crash found once stays fixed. Each function panics when its property
//! fails, which is how libFuzzer learns of it.

use crate::layout::{Fonts, Item, PackOptions};
use crate::model::validate;
use crate::store;

/// The loader: any bytes give a dossier or a located error that can be printed, never a
/// panic or a hang.
pub fn load(bytes: &[u8]) {
    match store::parse_bytes(bytes) {
        Ok(d) => {
            let _ = validate(&d);
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty(), "an error says what is wrong");
        }
    }
}

/// The fmt round trip: a dossier that loads is written as text that loads as the same
/// dossier, and writing that again gives the same bytes.
pub fn roundtrip(bytes: &[u8]) {
    let Ok(d) = store::parse_bytes(bytes) else {
        return;
    };
    let text = store::to_string(&d);
    let back = store::parse_str(&text)
        .unwrap_or_else(|e| panic!("the canonical text does not read back: {e}\n{text}"));
    assert!(
        back == d,
        "the canonical text reads back as another dossier"
    );
    assert_eq!(
        store::to_string(&back),
        text,
        "canonical text is a fixed point"
    );
}

/// Layout and export: a dossier whose pack may be made (no problem stops it) lays out
/// with every piece of text inside its page, and writes as PDF and HTML.
pub fn pack(bytes: &[u8]) {
    let Ok(d) = store::parse_bytes(bytes) else {
        return;
    };
    if validate(&d).iter().any(|p| p.stops_pack()) {
        return;
    }
    let options = PackOptions::default();
    // The pack described once, as an export does: both writers take the document.
    let doc = crate::document::build(&d, &options);
    let laid = crate::layout::lay_out_document(&doc, options.paper);
    let fonts = Fonts::new();
    let (w, h) = laid.size();
    for (n, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                x,
                y,
                style,
                size,
                text,
                ..
            } = item
            {
                let right = x + fonts.width(*style, *size, text);
                let (top, bottom) = (y - size * fonts.ascent, y + size * fonts.descent);
                assert!(
                    *x >= -0.01 && right <= w + 0.01 && top >= -0.01 && bottom <= h + 0.01,
                    "page {}: {text:?} lies outside the page ({x}, {top})–({right}, {bottom})",
                    n + 1
                );
            }
        }
    }
    let pdf = crate::pdf::write(&laid);
    assert!(pdf.starts_with(b"%PDF-"));
    let html = crate::html::render(&doc, options.paper);
    assert_eq!(
        html.matches("</style>").count(),
        1,
        "nothing closes the style sheet"
    );
}

/// Diff and merge of two dossiers: no panic; a dossier has no changes against itself;
/// merging identical sides gives that side; a change on one side only is taken whole; and
/// every merged result saves and reads back.
pub fn diff_merge(a: &crate::model::Dossier, b: &crate::model::Dossier) {
    use crate::diff::{diff, merge};
    assert!(diff(a, a).is_empty(), "a dossier differs from itself");
    let _ = diff(a, b);
    let _ = crate::diff::text(&diff(a, b), crate::diff::Color::Never);
    for (base, ours, theirs, expect) in [(a, b, b, Some(b)), (a, a, b, None), (a, b, a, Some(b))] {
        let merged = merge(base, ours, theirs).dossier;
        if let Some(expect) = expect {
            assert!(
                diff(expect, &merged).is_empty(),
                "a one-sided merge lost a change: {:#?}",
                diff(expect, &merged)
            );
        }
        let text = store::to_string(&merged);
        assert!(
            store::parse_str(&text).is_ok(),
            "a merged dossier does not read back"
        );
    }
}

const SAMPLE: &str = include_str!("../dossiers/kenya-us-washington-talks.ron");

/// `diff_merge` on the two halves of the input, split at the first NUL (or the input
/// against the sample), for the fuzzer.
pub fn diff_merge_bytes(bytes: &[u8]) {
    let (x, y) = match bytes.iter().position(|&b| b == 0) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, SAMPLE.as_bytes()),
    };
    let (Ok(a), Ok(b)) = (store::parse_bytes(x), store::parse_bytes(y)) else {
        return;
    };
    diff_merge(&a, &b);
}

/// Three-way merge of any three dossiers: no panic, the result saves and reads back, and a
/// clean merge holds both sides' changes: every field either side changed has that side's
/// value, every item either side added is there and every item either side removed is
/// gone. (Lists without ids, where both sides' additions are interleaved, and the revision,
/// which takes the larger, are left out of the check.) A clean merge never prints a side's
/// content below the marking that side gave it (its own, or what it inherits there), and
/// nor does a conflicted one until someone decides. Returns whether the merge was clean.
pub fn merge3(
    base: &crate::model::Dossier,
    ours: &crate::model::Dossier,
    theirs: &crate::model::Dossier,
) -> bool {
    use crate::diff::{Kind, Part, diff, merge};
    let merged = merge(base, ours, theirs);
    let text = store::to_string(&merged.dossier);
    assert!(
        store::parse_str(&text).is_ok(),
        "a merged dossier does not read back"
    );
    for (name, side) in [("ours", ours), ("theirs", theirs)] {
        if let Some(below) = crate::diff::printed_below(base, side, &merged.dossier) {
            panic!("a merge prints the content of {name} below its marking: {below}");
        }
    }
    let clean = merged.new_conflicts == 0 && merged.dossier.conflicts.is_empty();
    if !clean {
        return false;
    }
    let checked = |c: &crate::diff::Change| {
        c.section.is_content()
            && c.section != Part::Scheme
            && !c.item.as_deref().unwrap_or("").contains('#')
            && !c.field.as_deref().unwrap_or("").contains('[')
            && c.field.as_deref() != Some("revision")
    };
    for (name, side) in [("ours", ours), ("theirs", theirs)] {
        let kept = diff(side, &merged.dossier);
        for c in diff(base, side).iter().filter(|c| checked(c)) {
            let lost = kept.iter().find(|k| {
                checked(k)
                    && k.section == c.section
                    && k.item == c.item
                    && match c.kind {
                        Kind::Changed => k.kind == Kind::Changed && k.field == c.field,
                        // What the side added is missing, or what it removed is back.
                        Kind::Added => k.kind == Kind::Removed,
                        Kind::Removed => k.kind == Kind::Added,
                        Kind::Moved => false,
                    }
            });
            assert!(
                lost.is_none(),
                "a clean merge lost {name}'s change {c:?}: the merge differs by {lost:?}"
            );
        }
    }
    true
}

/// `merge3` on the input split at its first two NUL bytes (base, ours, theirs); with fewer,
/// the sample stands in for what is missing.
pub fn merge3_bytes(bytes: &[u8]) {
    let mut parts = bytes.splitn(3, |&b| b == 0);
    let mut next = || parts.next().unwrap_or(SAMPLE.as_bytes());
    let (b, o, t) = (next(), next(), next());
    let (Ok(b), Ok(o), Ok(t)) = (
        store::parse_bytes(b),
        store::parse_bytes(o),
        store::parse_bytes(t),
    ) else {
        return;
    };
    merge3(&b, &o, &t);
}

/// A delegation list: any bytes, read as the list a file of their kind would be (a zip
/// archive as xlsx and as ods, anything else as CSV) into the sample's first delegation,
/// give the delegation with the list applied or an error naming a row of the list (from 1)
/// or the file; never a panic or a hang. What is imported is stored composed (NFC), and
/// the members are the delegation's own plus the ones added.
pub fn list(bytes: &[u8]) {
    use crate::sheet::{self, Kind, Options, Refused, SheetError};
    use unicode_normalization::UnicodeNormalization;
    let d = store::parse_str(include_str!("../dossiers/kenya-us-washington-talks.ron"))
        .expect("the sample reads");
    let kinds: &[Kind] = if bytes.starts_with(b"PK") {
        &[Kind::Xlsx, Kind::Ods]
    } else {
        &[Kind::Csv]
    };
    for &kind in kinds {
        match sheet::import_into(&d, 0, bytes, kind, &Options::default()) {
            Ok((new, done)) => {
                let members = &new.delegations[0].members;
                assert_eq!(
                    members.len(),
                    d.delegations[0].members.len() + done.added,
                    "members are the delegation's and the ones added"
                );
                for m in members {
                    assert!(
                        m.full_name.nfc().eq(m.full_name.chars()),
                        "names are stored composed: {:?}",
                        m.full_name
                    );
                }
                assert!(done.reading.header_row >= 1);
            }
            Err(Refused::List(e)) => {
                assert!(!e.to_string().is_empty(), "an error says what is wrong");
                if let SheetError::Row { row, .. } | SheetError::Cell { row, .. } = e {
                    assert!(row >= 1, "rows are numbered from 1: {e}");
                }
            }
            Err(Refused::Problems(p)) => assert!(!p.is_empty()),
        }
    }
}
