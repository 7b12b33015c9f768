//! Delegation lists as real software writes them (`tests/lists/`: LibreOffice 7.4 in an
//! English and a French profile, openpyxl, XlsxWriter, and bytes as Excel writes its CSV
//! and "Unicode text"; see `tests/lists/README.md`), imported into an empty delegation
//! and compared with what the sheet shows, cell by cell (`tests/lists/MANIFEST.json`,
//! written when the lists were made and checked against LibreOffice's own rendering).

use std::path::PathBuf;

use attache::model::{Delegation, Dossier, Member, MemberRole};
use attache::sheet::{self, DateOrder, Kind, Options, Refused};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn lists() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/lists")
}

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(lists().join("MANIFEST.json")).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The sample dossier with an empty delegation at the end, for lists to be read into.
fn with_guests() -> (Dossier, usize) {
    let mut d = attache::store::parse_bytes(
        &std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("dossiers/kenya-us-washington-talks.ron"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut guests: Delegation = d.delegations[0].clone();
    guests.id = attache::model::Id::new("guests").unwrap();
    guests.name = "Guests".into();
    guests.ours = false;
    guests.members.clear();
    guests.seating = None;
    d.delegations.push(guests);
    let di = d.delegations.len() - 1;
    (d, di)
}

fn import(file: &str, options: Options) -> Result<(Vec<Member>, sheet::Imported), Refused> {
    let (d, di) = with_guests();
    let path = lists().join(file);
    let bytes = std::fs::read(&path).unwrap();
    let kind = Kind::of(&path).unwrap();
    sheet::import_into(&d, di, &bytes, kind, &options)
        .map(|(new, done)| (new.delegations[di].members.clone(), done))
}

fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The numbers a date cell shows, in order, a month's name as its number: "19 janvier
/// 2027" is [19, 1, 2027]; "6:30 PM" is [18, 30].
fn numbers_shown(cell: &str) -> Vec<u32> {
    let months = [
        ["jan", "janv"],
        ["feb", "fevr"],
        ["mar", "mars"],
        ["apr", "avr"],
        ["may", "mai"],
        ["jun", "juin"],
        ["jul", "juil"],
        ["aug", "aout"],
        ["sep", "sept"],
        ["oct", "oct"],
        ["nov", "nov"],
        ["dec", "dec"],
    ];
    let pm = cell.to_ascii_lowercase().contains("pm");
    let mut out = Vec::new();
    let words: Vec<String> = cell
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    for w in &words {
        if let Ok(n) = w.parse::<u32>() {
            out.push(n);
        } else if let Some(m) = months
            .iter()
            .position(|names| names.iter().any(|n| w.starts_with(n)))
        {
            out.push(m as u32 + 1);
        }
    }
    // A time of day: hours in 24.
    if pm && out.len() >= 5 && out[3] < 12 {
        out[3] += 12;
    }
    out
}

/// The member's date and time as the numbers `numbers_shown` gives for a cell in `order`,
/// a two-digit year where the cell has one, a time where it has one.
fn numbers_of(m: &Option<attache::model::Movement>, cell: &[u32], order: DateOrder) -> Vec<u32> {
    let Some(mv) = m else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(d) = mv.date {
        let (day, month) = (u32::from(d.day()), u32::from(d.month()));
        let year = d.year() as u32;
        let year = if cell.get(2).is_some_and(|y| *y < 100) {
            year % 100
        } else {
            year
        };
        match order {
            DateOrder::DayFirst => out.extend([day, month, year]),
            DateOrder::MonthFirst => out.extend([month, day, year]),
        }
    }
    if let Some(t) = mv.time
        && cell.len() > 3
    {
        out.extend([u32::from(t.hour()), u32::from(t.minute())]);
    }
    out
}

/// Every list but the one made to be refused, read into an empty delegation: every cell
/// the manifest says the sheet shows is in the member it belongs to, or is named as not
/// read; nothing is dropped or changed.
#[test]
fn lists_as_offices_write_them_import_cell_by_cell() {
    let mut checked = 0;
    for entry in manifest() {
        let file = entry["file"].as_str().unwrap();
        if file.ends_with('/') || file == "cr-only.csv" {
            continue;
        }
        let (members, done) =
            import(file, Options::default()).unwrap_or_else(|e| panic!("{file}: refused: {e:?}"));
        let header_row = entry["header_row"].as_u64().unwrap() as usize;
        assert_eq!(done.reading.header_row, header_row, "{file}");
        let rows = entry["cells"].as_array().unwrap();
        let header = rows
            .iter()
            .find(|r| r["row"].as_u64() == Some(header_row as u64))
            .unwrap()["cells"]
            .as_object()
            .unwrap()
            .clone();
        let by_header = |cells: &serde_json::Map<String, Value>, h: &str| -> String {
            header
                .iter()
                .find(|(_, v)| fold(v.as_str().unwrap()) == fold(h))
                .and_then(|(col, _)| cells.get(col))
                .and_then(Value::as_str)
                .unwrap_or("")
                .nfc()
                .collect()
        };
        let order = match done.reading.dates {
            Some((o, _)) => o,
            None => DateOrder::DayFirst,
        };
        let data: Vec<_> = rows
            .iter()
            .filter(|r| r["row"].as_u64().unwrap() as usize > header_row)
            .collect();
        assert_eq!(members.len(), data.len(), "{file}: one member a row");
        for (row, m) in data.iter().zip(&members) {
            let cells = row["cells"].as_object().unwrap();
            let r = row["row"].as_u64().unwrap();
            let at = |h: &str| format!("{file} row {r} {h:?}");
            for (col, h) in &header {
                let h = h.as_str().unwrap();
                let Some(cell) = cells.get(col).and_then(Value::as_str) else {
                    continue;
                };
                // A line break is a line break, however the file ended it.
                let cell: String = cell.trim().replace("\r\n", "\n").nfc().collect();
                match fold(h).as_str() {
                    "name" | "nomcomplet" | "fullname" => {
                        // A formula of the first and last names, whose value the list
                        // may not hold: the name read from the names it joins.
                        assert_eq!(fold(&m.full_name), fold(&cell), "{}", at(h))
                    }
                    "prenom" | "firstname" => assert!(m.full_name.starts_with(&cell), "{}", at(h)),
                    "nom" | "lastname" => assert!(m.full_name.ends_with(&cell), "{}", at(h)),
                    "title" => assert!(
                        m.honorific == cell || m.position == cell,
                        "{}: {m:?}",
                        at(h)
                    ),
                    "civilite" => assert_eq!(m.honorific, cell, "{}", at(h)),
                    "position" | "fonction" => assert_eq!(m.position, cell, "{}", at(h)),
                    "ministry" | "ministere" | "agency" | "organisation" => {
                        assert_eq!(m.organisation, cell, "{}", at(h))
                    }
                    "hotel" => assert_eq!(m.hotel, cell, "{}", at(h)),
                    "dietary" | "regimealimentaire" => assert_eq!(m.dietary, cell, "{}", at(h)),
                    "languages" | "langues" => assert_eq!(m.languages, cell, "{}", at(h)),
                    "interpretation" => assert_eq!(m.interpretation, cell, "{}", at(h)),
                    "biography" => assert_eq!(m.biography, cell, "{}", at(h)),
                    "notes" => assert_eq!(m.notes, cell, "{}", at(h)),
                    "phone" | "telephone" => assert!(m.contact.contains(&cell), "{}: {m:?}", at(h)),
                    "vol" => assert_eq!(
                        m.arrival.as_ref().map(|a| a.details.as_str()),
                        Some(cell.as_str()),
                        "{}",
                        at(h)
                    ),
                    "id" => assert_eq!(m.id.as_str(), cell, "{}", at(h)),
                    "arrival" | "arrivaldate" | "arrivee" | "departure" | "departuredate"
                    | "depart" => {
                        let mv = if fold(h).starts_with("arriv") {
                            &m.arrival
                        } else {
                            &m.departure
                        };
                        let shown = numbers_shown(&cell);
                        // A workbook's date cell is read by its value, not its text (which
                        // the manifest gives in the order of the format or the profile).
                        let workbook = file.ends_with(".ods") || file.ends_with(".xlsx");
                        let order = if workbook && numbers_of(mv, &shown, order) != shown {
                            match order {
                                DateOrder::DayFirst => DateOrder::MonthFirst,
                                DateOrder::MonthFirst => DateOrder::DayFirst,
                            }
                        } else {
                            order
                        };
                        assert_eq!(numbers_of(mv, &shown, order), shown, "{}: {cell}", at(h));
                    }
                    "role" | "role2" | "rôle" => {}
                    _ if fold(h) == "role" => {}
                    _ => assert!(
                        done.reading
                            .unread
                            .iter()
                            .any(|u| u.header == h && u.column == *col),
                        "{}: neither read nor named as not read: {:?}",
                        at(h),
                        done.reading.unread
                    ),
                }
                checked += 1;
            }
            // A role the dossier knows is read; another is said, by its row.
            let role = by_header(cells, "Role");
            let said = done
                .reading
                .warnings
                .iter()
                .any(|w| w.starts_with(&format!("row {r}, ")) && w.contains(&role));
            if !role.is_empty() && !said {
                let read_as_member = ["member", "membre"].iter().any(|w| fold(&role).contains(w));
                assert!(
                    m.role != MemberRole::Member || read_as_member,
                    "{file} row {r}: role {role:?} neither read nor said: {:?}",
                    done.reading.warnings
                );
            }
        }
    }
    assert!(checked > 400, "only {checked} cells compared");
}

#[test]
fn how_each_list_was_read_is_said() {
    let said = |file: &str| {
        let (_, done) = import(file, Options::default()).unwrap();
        let mut lines = done.reading.lines();
        lines.extend(done.reading.warning_lines());
        lines.join("\n")
    };
    let kenya = said("kenya-excel-utf8.csv");
    assert!(
        kenya.contains("UTF-8 (with a byte-order mark), separated by commas; the header is row 3"),
        "{kenya}"
    );
    assert!(kenya.contains("Dates read day first"), "{kenya}");
    let france = said("france-excel.csv");
    assert!(france.contains("Windows-1252"), "{france}");
    assert!(france.contains("separated by semicolons"), "{france}");
    let usa = said("usa-excel.csv");
    assert!(
        usa.contains("Dates read month first (01/19/2027): row 2's"),
        "{usa}"
    );
    assert!(
        usa.contains("Column \"Title\" is read as the position"),
        "{usa}"
    );
    let unicode = said("unicode-text.txt");
    assert!(
        unicode.contains("UTF-16 (Unicode text), separated by tabs"),
        "{unicode}"
    );
    assert!(
        unicode.contains("column D \"Badge name\" is not read"),
        "{unicode}"
    );
    let openpyxl = said("openpyxl-features.xlsx");
    assert!(openpyxl.contains("sheet \"Delegation\""), "{openpyxl}");
    assert!(
        openpyxl.contains("row 4, column I: a formula whose value was never saved"),
        "{openpyxl}"
    );
}

/// What the sheet shows, where it differs from what the file stores: a telephone number's
/// leading zero and sign (number formats), an organisation merged down three rows, a
/// hidden sheet passed over, the list's own ids kept.
#[test]
fn workbooks_give_what_the_sheet_shows() {
    for file in ["openpyxl-features.xlsx", "lo-en-merged-phone.ods"] {
        let (members, _) = import(file, Options::default()).unwrap();
        let names: Vec<&str> = members.iter().map(|m| m.full_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Hélène Dupré",
                "François Lefèvre",
                "Anaïs Mercier",
                "Jérôme Garçon"
            ],
            "{file}: the visible sheet, not the hidden one"
        );
        assert_eq!(members[0].contact, "0612345678", "{file}");
        assert_eq!(members[1].contact, "+33612345678", "{file}");
        let org = "Ministère de l’Europe et des Affaires étrangères";
        for m in &members[..3] {
            assert_eq!(m.organisation, org, "{file}: merged down rows 4 to 6");
        }
        assert_eq!(members[0].id.as_str(), "FR-01", "{file}");
        assert_eq!(members[1].id.as_str(), "FR-02", "{file}");
    }
    let (members, _) = import("xlsxwriter-full.xlsx", Options::default()).unwrap();
    assert_eq!(members[0].contact, "(202) 555-0101");
    // A Name column alone is a list.
    let (members, done) = import("xlsxwriter-features.xlsx", Options::default()).unwrap();
    assert_eq!(members.len(), 4, "{done:?}");
}

/// Rows are counted as the spreadsheet shows them whatever ends the lines: the bad date
/// in cr-only.csv (CR line ends, from an old Mac) is on row 4.
#[test]
fn errors_are_named_by_the_row_the_spreadsheet_shows() {
    let Err(Refused::List(e)) = import("cr-only.csv", Options::default()) else {
        panic!("cr-only.csv has February 31st");
    };
    assert_eq!(
        e.to_string(),
        "row 4, column \"Arrival\": \"31/02/2027 09:00\" is not a day: February 2027 has no day 31"
    );
}

/// A list read month first where its dates say day first is refused at the first date
/// that cannot be so; an ambiguous list follows the order asked for.
#[test]
fn the_date_order_asked_for_is_the_one_used() {
    let Err(Refused::List(e)) = import(
        "kenya-excel-utf8.csv",
        Options {
            date_order: Some(DateOrder::MonthFirst),
            ..Options::default()
        },
    ) else {
        panic!("19/01/2027 read month first");
    };
    assert!(e.to_string().contains("row 4"), "{e}");
    assert!(e.to_string().contains("no month 19"), "{e}");
}

/// The same names typed decomposed (as macOS writes them) are the same people.
#[test]
fn names_typed_decomposed_are_the_same_people() {
    let (d, di) = with_guests();
    let path = lists().join("nfd-names.csv");
    let bytes = std::fs::read(&path).unwrap();
    let (once, done) = sheet::import_into(&d, di, &bytes, Kind::Csv, &Options::default()).unwrap();
    assert_eq!(done.added, 4);
    let composed: String = String::from_utf8(bytes.clone()).unwrap().nfc().collect();
    assert_ne!(
        composed.as_bytes(),
        bytes.as_slice(),
        "the list is decomposed"
    );
    let (_, again) = sheet::import_into(
        &once,
        di,
        composed.as_bytes(),
        Kind::Csv,
        &Options::default(),
    )
    .unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
    for m in &once.delegations[di].members {
        assert_eq!(
            m.full_name,
            m.full_name.nfc().collect::<String>(),
            "stored composed"
        );
    }
}

/// A biography longer than an xlsx cell holds imports whole from CSV; exported as xlsx it
/// is refused, naming the member and the column; as CSV it is written whole and reads back
/// the same.
#[test]
fn text_longer_than_a_workbook_cell_is_named_and_kept_whole_in_csv() {
    let (d, di) = with_guests();
    let bytes = std::fs::read(lists().join("long-bio.csv")).unwrap();
    let (new, _) = sheet::import_into(&d, di, &bytes, Kind::Csv, &Options::default()).unwrap();
    let delegation = &new.delegations[di];
    let long = delegation
        .members
        .iter()
        .find(|m| m.biography.chars().count() == 40_000)
        .expect("the biography whole");
    let e = sheet::export_xlsx(delegation).unwrap_err();
    let said = e.to_string();
    assert!(said.contains(&long.display_name()), "{said}");
    assert!(said.contains("Biography is 40000 characters"), "{said}");
    assert!(said.contains("export the list as CSV"), "{said}");
    let csv = sheet::export_csv(delegation);
    let (back, done) =
        sheet::import_into(&new, di, csv.as_bytes(), Kind::Csv, &Options::default()).unwrap();
    assert_eq!((done.added, done.updated), (0, 0));
    assert_eq!(back, new);
}

mod common;

/// A list read into the sample's Kenya delegation, whose members it may name.
fn into_kenya(file: &str) -> Result<(Dossier, sheet::Imported), Refused> {
    let d = attache::store::parse_bytes(
        &std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("dossiers/kenya-us-washington-talks.ron"),
        )
        .unwrap(),
    )
    .unwrap();
    let path = lists().join(file);
    let bytes = std::fs::read(&path).unwrap();
    bytes_into_kenya(&d, &bytes, Kind::of(&path).unwrap())
}

fn bytes_into_kenya(
    d: &Dossier,
    bytes: &[u8],
    kind: Kind,
) -> Result<(Dossier, sheet::Imported), Refused> {
    let di = d
        .delegations
        .iter()
        .position(|x| x.id.as_str() == "ken")
        .unwrap();
    sheet::import_into(d, di, bytes, kind, &Options::default())
}

fn refusal(file: &str) -> String {
    match into_kenya(file) {
        Ok((_, done)) => panic!("{file}: imported: {done:?}"),
        Err(Refused::List(e)) => e.to_string(),
        Err(Refused::Problems(p)) => p.join("; "),
    }
}

fn kenya(file: &str) -> (Vec<Member>, sheet::Imported) {
    let (d, done) = into_kenya(file).unwrap_or_else(|e| panic!("{file}: refused: {e:?}"));
    let ken = d
        .delegations
        .iter()
        .find(|x| x.id.as_str() == "ken")
        .unwrap();
    (ken.members.clone(), done)
}

/// Lists a stranger crafted against the import (tests/lists/hostile, each named for what it
/// once did): each is refused by its place with what was expected, or read with nothing
/// dropped, changed or duplicated unsaid.
#[test]
fn hostile_lists_are_refused_by_place_or_read_with_nothing_lost_unsaid() {
    for (file, says) in [
        (
            "duplicate_id-row-renamed-to-another-members-name.csv",
            "row 2, column \"Id\": \"ken-juma\" is Ambassador Monica Juma, but the row names David Kerich",
        ),
        (
            "duplicate_same-name-twice-once-with-id.csv",
            "row 3: \"David Kerich\" is on the list twice (rows 2 and 3)",
        ),
        (
            "misleading-message_same-new-id-twice.csv",
            "\"ken-new\" is on the list twice (rows 2 and 3)",
        ),
        (
            "misleading-message_utf16-without-bom.csv",
            "UTF-16 (Unicode text) written without a byte-order mark",
        ),
        (
            "refusal-without-row-column_control-char-c1.csv",
            "row 2, column \"Position\": the text contains the control character U+0081",
        ),
        (
            "silent-drop_duplicate-cell-ref-B2-first-value-lost.xlsx",
            "row 2, column \"B\": is written twice in the sheet",
        ),
        (
            "wrong-data_shared-string-index-minus1-read-as-Full-name.xlsx",
            "a cell's shared string numbered \"-1\"",
        ),
        (
            "wrong-data_weekday-contradicts-date-accepted.csv",
            "19 January 2027 is a Tuesday, not a Monday",
        ),
        (
            "panic_cell-ref-row-99999999999.xlsx",
            "a cell at \"A99999999999\"",
        ),
        (
            "panic_merge-range-reversed-B4-B2.xlsx",
            "a merged region \"B4:B2\"",
        ),
        (
            "panic_merge-range-reversed-columns-C2-A2.xlsx",
            "a merged region \"C2:A2\"",
        ),
        (
            "panic_row-r-4294967296.xlsx",
            "a row numbered \"4294967296\"",
        ),
    ] {
        let said = refusal(&format!("hostile/{file}"));
        assert!(said.contains(says), "{file}: {said}");
    }

    let sing_oei = |members: &[Member]| {
        members
            .iter()
            .filter(|m| m.full_name.contains("oei"))
            .map(|m| m.full_name.clone())
            .collect::<Vec<_>>()
    };
    // The same person, written another way: matched, and the dossier's spelling kept.
    for file in [
        "duplicate_ascii-apostrophe-vs-typographic-existing-member.csv",
        "duplicate_honorific-inside-full-name-adds-second-Singoei.csv",
    ] {
        let (members, done) = kenya(&format!("hostile/{file}"));
        assert_eq!(done.added, 0, "{file}");
        assert_eq!(sing_oei(&members), ["Korir Sing’oei"], "{file}");
    }
    let (members, _) =
        kenya("hostile/invisible-change_nbsp-name-matches-and-rewrites-existing.csv");
    assert!(members.iter().any(|m| m.full_name == "Monica Juma"));
    assert!(!members.iter().any(|m| m.full_name.contains('\u{a0}')));

    let (members, _) = kenya("hostile/accepted_tab-inside-full-name.csv");
    assert_eq!(members.last().unwrap().full_name, "Jane Doe");
    let (members, _) = kenya("hostile/false-refusal_lone-quote-inside-unquoted-cell.csv");
    assert_eq!(members.last().unwrap().full_name, "Sean O\"Brien");
    let (members, done) =
        kenya("hostile/phantom-member_repeated-header-row-becomes-member-Full-name.csv");
    assert!(
        done.reading
            .notes
            .iter()
            .any(|n| n.starts_with("Row 4") && n.contains("header"))
    );
    assert!(!members.iter().any(|m| m.full_name == "Full name"));

    // Said where the list holds two names for one person, or text no one sees.
    for (file, warned) in [
        (
            "silent-drop_fullname-ignored-when-first-last-present.csv",
            "the full name \"Janet Q. Doe-Smith\" is not the first and last names \"Jane Doe\"",
        ),
        (
            "silent-drop_nom-complet-ignored-when-prenom-nom-present.csv",
            "the full name \"Janet Smith\" is not",
        ),
        (
            "silent-drop_xlsx-value-under-merge-replaced.xlsx",
            "row 3, column B: \"Aide\" is under a merged cell",
        ),
        (
            "silent-drop_ods-covered-cell-text-replaced-by-merge.ods",
            "\"hidden\" is under a merged cell",
        ),
        (
            "wrong-data_header-merged-into-data-row-overwrites-Adviser.xlsx",
            "\"Adviser\" is under a merged cell",
        ),
        (
            "wrong-data_merge-whole-sheet-member-named-Full-name.xlsx",
            "is under a merged cell",
        ),
    ] {
        let (_, done) = kenya(&format!("hostile/{file}"));
        assert!(
            done.reading.warnings.iter().any(|w| w.contains(warned)),
            "{file}: {:?}",
            done.reading.warnings
        );
    }

    // Rows the sheet hides (a list filtered from a larger one) are not read, and said.
    for file in [
        "no-warning_hidden-row-member-imported.ods",
        "hidden-row-imported-as-a-member.xlsx",
    ] {
        let (members, done) = kenya(&format!("hostile/{file}"));
        assert!(
            !members.iter().any(|m| m.full_name == "Hidden Person"),
            "{file}"
        );
        assert!(members.iter().any(|m| m.full_name == "Jane Doe"), "{file}");
        assert!(
            done.reading
                .warnings
                .iter()
                .any(|w| w.contains("are hidden in the sheet")),
            "{file}: {:?}",
            done.reading.warnings
        );
    }

    // A number whose format this reader does not show is read as the number, never as
    // nothing or as something else.
    for (file, contact) in [
        ("silent-loss_numfmt-Red-only-value-5-read-empty.xlsx", "5"),
        ("silent-loss_numfmt-bracket-le-value-5-read-empty.xlsx", "5"),
        (
            "silent-loss_numfmt-lone-bracket-value-5-read-empty.xlsx",
            "5",
        ),
        (
            "silent-loss_numfmt-hidden-semicolons-no-warning.xlsx",
            "712345678",
        ),
        (
            "wrong-data_numfmt-fraction-1.25-read-as-slash-1.xlsx",
            "1.25",
        ),
        (
            "wrong-data_elapsed-hours-format-read-as-1900-date.xlsx",
            "36:00",
        ),
        (
            "wrong-data_date-serial-1e15-clamped-to-9999-12-31.xlsx",
            "1000000000000000",
        ),
        ("wrong-data_negative-date-serial-read-as-00-00.xlsx", "-5"),
    ] {
        let (members, _) = kenya(&format!("hostile/{file}"));
        assert_eq!(members.last().unwrap().contact, contact, "{file}");
    }
}

/// Made here rather than kept: XML nested deeper than any workbook, a header cell of a
/// megabyte, and more rows than a list, each refused or read without a hang.
#[test]
fn crafted_sizes_are_refused_or_read_at_once() {
    let d = attache::store::parse_bytes(
        &std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("dossiers/kenya-us-washington-talks.ron"),
        )
        .unwrap(),
    )
    .unwrap();
    let nested = format!(
        "{}A{}",
        "<text:span>".repeat(1000),
        "</text:span>".repeat(1000)
    );
    let rows = [common::ods_row(&["Full name"]), common::ods_row(&[&nested])].concat();
    let Err(Refused::List(e)) = bytes_into_kenya(&d, &common::ods(&rows), Kind::Ods) else {
        panic!("nested a thousand deep");
    };
    assert!(e.to_string().contains("nested over 256 deep"), "{e}");

    let header = format!("Full name,{}\nJane Doe,x\n", "H".repeat(1 << 20));
    let (_, done) = bytes_into_kenya(&d, header.as_bytes(), Kind::Csv).unwrap();
    assert_eq!(done.added, 1);
    assert_eq!(done.reading.unread.len(), 1);
    assert_eq!(done.reading.unread[0].column, "B");

    // The first row too many is named, however many more follow.
    for extra in [1, 20] {
        let list: String = std::iter::once("Full name\n".to_owned())
            .chain((0..sheet::MAX_ROWS + extra).map(|i| format!("Person {i}\n")))
            .collect();
        let Err(Refused::List(e)) = bytes_into_kenya(&d, list.as_bytes(), Kind::Csv) else {
            panic!("over the rows a list has");
        };
        assert!(
            e.to_string()
                .starts_with(&format!("row {}: more than", sheet::MAX_ROWS + 2)),
            "{e}"
        );
    }
}

/// The three lists a new user wrote as the Kenyan, U.S. and French embassies would
/// (tests/lists/trial), each imported in one step as sent: the Kenyan workbook's title,
/// date row, "S/No.", "Mobile No.", "Role in Delegation", "Arrival (Date/Time)" and
/// "Flight No." headers, its footer line, its "TBC" for a name not yet known, a name typed
/// with a plain apostrophe, a text date in a sheet formatted day first; the U.S. list's
/// Notes; the French observers into a delegation of their own.
#[test]
fn the_embassies_lists_from_a_new_users_trial_import_as_sent() {
    let (members, done) = kenya("trial/kenya-delegation.xlsx");
    let lines = done.reading.lines().join("\n");
    assert_eq!(
        done.added, 2,
        "Aide One and Aide Two, no second Sing’oei: {lines}"
    );
    assert!(
        lines.contains("Dates read day first (19/01/2027): the sheet shows its dates so"),
        "{lines}"
    );
    assert!(
        lines.contains("row 10's \"12/01/2027 06:30\" is read as 12 January 2027"),
        "{lines}"
    );
    assert!(
        lines.contains("Row 13, \"Prepared by: Protocol Division"),
        "{lines}"
    );
    assert!(
        lines.contains("Row 5's name \"TBC\" stands for one not yet known"),
        "{lines}"
    );
    assert!(done.reading.unread.is_empty(), "{:?}", done.reading.unread);
    let by_id = |id: &str| members.iter().find(|m| m.id.as_str() == id).unwrap();
    let pcs = by_id("ken-pcs");
    assert_eq!(pcs.full_name, "", "the name stays not yet known");
    assert_eq!(pcs.contact, "+254 722 000 101");
    assert_eq!(pcs.arrival.as_ref().unwrap().details, "KQ 2");
    assert_eq!(by_id("ken-singoei").full_name, "Korir Sing’oei");
    assert_eq!(
        by_id("ken-singoei").contact,
        "0722 000 102; ps.foreign@example.go.ke"
    );
    let aide_one = members.iter().find(|m| m.full_name == "Aide One").unwrap();
    assert_eq!(aide_one.role, MemberRole::NoteTaker, "PA / Note Taker");
    let aide_two = members.iter().find(|m| m.full_name == "Aide Two").unwrap();
    assert_eq!(
        aide_two.arrival.as_ref().unwrap().date.unwrap().to_string(),
        "2027-01-12"
    );
    assert!(
        done.reading
            .warnings
            .iter()
            .any(|w| w.contains("\"Protocol Liaison\" is not a role")),
        "{:?}",
        done.reading.warnings
    );

    let d = attache::store::parse_bytes(
        &std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("dossiers/kenya-us-washington-talks.ron"),
        )
        .unwrap(),
    )
    .unwrap();
    let usa = d
        .delegations
        .iter()
        .position(|x| x.id.as_str() == "usa")
        .unwrap();
    let bytes = std::fs::read(lists().join("trial/us-delegation.csv")).unwrap();
    let (new, done) = sheet::import_into(&d, usa, &bytes, Kind::Csv, &Options::default()).unwrap();
    assert!(done.reading.unread.is_empty(), "{:?}", done.reading.unread);
    let aide_two = new.delegations[usa]
        .members
        .iter()
        .find(|m| m.full_name == "Aide Two")
        .unwrap();
    assert_eq!(aide_two.notes, "Swahili/English");

    let (members, done) = import("trial/france-observateurs.csv", Options::default()).unwrap();
    assert_eq!(done.added, 4);
    assert!(
        members
            .iter()
            .any(|m| m.full_name == "Hélène DUPRÉ-LAURENT")
    );
}

/// The second round of a stranger's lists (tests/lists/hostile, the same folder): names
/// with an honorific before them, ids and names that disagree, people whose names are not
/// known, footers and header rows, values equal to their headers, roles in parts, and
/// dates whose order a weekday or a workbook's formats decide.
#[test]
fn a_second_round_of_hostile_lists_is_refused_by_place_or_read_with_everything_said() {
    for (file, says) in [
        (
            "duplicate_new-name-twice-once-with-id-gives-two-Jane-Doe.csv",
            "\"Jane Doe\" is on the list twice (rows 2 and 3)",
        ),
        (
            "duplicate_new-name-with-id-and-Dr-prefixed-without-id.csv",
            "\"Jane Doe\" is on the list twice (rows 2 and 3)",
        ),
        (
            "duplicate_same-new-person-with-and-without-Dr-both-added.csv",
            "\"Jane Doe\" is on the list twice (rows 2 and 3)",
        ),
        (
            "wrong-rename_id-ambassador-prefix-plus-other-members-name-accepted.csv",
            "but the row names David Kerich",
        ),
        (
            "wrong-rename_id-with-other-members-name-prefixed-by-honorific-accepted.csv",
            "but the row names Dr. Korir Sing’oei",
        ),
        (
            "refusal-without-row-column_honorific-400-chars-reported-as-full_name.csv",
            "makes a name (with its honorific) 408 characters long",
        ),
        (
            "refusal-without-row-column_name-301-chars.csv",
            "row 2, column \"Full name\": is 301 characters long",
        ),
    ] {
        let said = refusal(&format!("hostile/{file}"));
        assert!(said.contains(says), "{file}: {said}");
    }

    let noted =
        |done: &sheet::Imported, what: &str| done.reading.notes.iter().any(|n| n.contains(what));
    // Another honorific before a member's name, or none: the member, their name and
    // honorific kept, what the list wrote said.
    for file in [
        "duplicate_Dr-without-period-adds-second-Singoei.csv",
        "duplicate_other-honorific-Prof-adds-second-Singoei-no-warning.csv",
        "wrong-rename_id-plus-honorific-in-name-gives-Dr-Dr.csv",
    ] {
        let (members, done) = kenya(&format!("hostile/{file}"));
        assert_eq!(done.added, 0, "{file}");
        let singoei = members
            .iter()
            .find(|m| m.id.as_str() == "ken-singoei")
            .unwrap();
        assert_eq!(
            (singoei.honorific.as_str(), singoei.full_name.as_str()),
            ("Dr.", "Korir Sing’oei"),
            "{file}"
        );
    }
    let (_, done) =
        kenya("hostile/duplicate_other-honorific-Prof-adds-second-Singoei-no-warning.csv");
    assert!(
        noted(&done, "writes \"Prof.\" before Korir Sing’oei's name"),
        "{:?}",
        done.reading.notes
    );

    // People whose names are not known are told apart by nothing: each row is one.
    let (_, done) = kenya("hostile/false-refusal_two-TBC-security-officers-same-position.csv");
    assert_eq!(done.added, 2);
    let (_, done) = kenya(
        "hostile/misleading-refusal_two-named-people-same-position-as-unnamed-member-said-on-list-twice.csv",
    );
    assert_eq!((done.added, done.updated), (1, 1));

    // Lines that are not people: passed over, and said.
    for (file, not_a_member, what) in [
        (
            "phantom-member_common-footers-Grand-Total-Approved-by-Signed-Page-1-of-1.csv",
            "Grand Total: 1",
            "is a note under the list",
        ),
        (
            "phantom-member_footer-Total-colon-with-count-in-next-column.csv",
            "Total:",
            "\"Total: 2\", is a note under the list",
        ),
        (
            "phantom-member_repeated-header-in-French-becomes-member-Nom-complet.csv",
            "Nom complet",
            "is a row of headers",
        ),
        (
            "phantom-member_second-table-header-Name-Title-becomes-unnamed-member.csv",
            "Name",
            "is a row of headers",
        ),
    ] {
        let (members, done) = kenya(&format!("hostile/{file}"));
        assert!(
            !members
                .iter()
                .any(|m| m.full_name == not_a_member || m.position == "Title"),
            "{file}"
        );
        assert!(noted(&done, what), "{file}: {:?}", done.reading.notes);
    }
    // Values not read are said.
    for (file, what) in [
        (
            "silent-drop_SNo-column-values-not-named-as-not-read.csv",
            "Column \"S/No.\" is the list's own numbering",
        ),
        (
            "silent-drop_exported-list-with-values-equal-to-headers-loses-them-on-import.csv",
            "\"Position\" repeats the column's header",
        ),
        (
            "silent-drop_position-literally-Position-treated-empty-no-note.csv",
            "\"Position\" repeats the column's header",
        ),
        (
            "silent-drop_role-PA-slash-Note-Taker-drops-PA-without-note.csv",
            "role \"PA / Note Taker\" is read as Note-taker",
        ),
    ] {
        let (_, done) = kenya(&format!("hostile/{file}"));
        assert!(noted(&done, what), "{file}: {:?}", done.reading.notes);
    }

    // "PA / Principal" is not read as head of a delegation that has none.
    let d = attache::store::parse_bytes(
        &std::fs::read(
            lists().join("hostile/wrong-role_PA-slash-Principal.dossier-without-head.ron"),
        )
        .unwrap(),
    )
    .unwrap();
    let bytes = std::fs::read(
        lists().join("hostile/wrong-role_PA-slash-Principal-makes-PA-head-of-delegation.csv"),
    )
    .unwrap();
    let (new, done) = bytes_into_kenya(&d, &bytes, Kind::Csv).unwrap();
    let ken = new
        .delegations
        .iter()
        .find(|x| x.id.as_str() == "ken")
        .unwrap();
    assert!(!ken.members.iter().any(|m| m.role == MemberRole::Head));
    assert!(
        done.reading
            .warnings
            .iter()
            .any(|w| w.contains("\"PA / Principal\" is not a role"))
    );

    // Dates: a weekday decides the order over a format; formats that disagree, or
    // Excel's built-in short date (shown in each reader's own order), decide nothing.
    let date_of = |members: &[Member], name: &str| {
        let m = members.iter().find(|m| m.full_name == name).unwrap();
        m.departure
            .as_ref()
            .and_then(|d| d.date)
            .unwrap()
            .to_string()
    };
    let (members, _) =
        kenya("hostile/false-refusal_weekday-fixes-day-first-but-cell-format-hint-wins.xlsx");
    assert_eq!(date_of(&members, "Jane Doe"), "2027-01-05");
    for file in [
        "silent-guess_conflicting-date-cell-formats-mmdd-and-ddmm-first-wins-no-note.xlsx",
        "wrong-date_builtin-short-date-format-14-taken-as-month-first.xlsx",
    ] {
        let (members, done) = kenya(&format!("hostile/{file}"));
        let (_, why) = done.reading.dates.clone().unwrap();
        assert!(why.contains("the dossier's language"), "{file}: {why}");
        assert_eq!(date_of(&members, "Jane Doe"), "2027-01-05", "{file}");
    }
}
