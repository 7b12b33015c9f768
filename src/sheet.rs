//! Delegation lists as spreadsheets: the list a counterpart's embassy sends, read into a
//! delegation, and a delegation written back as one. Columns are found by their headers
//! (English names and the obvious variants), roles by their label or name. A bad row
//! refuses the whole list, named by its row as the spreadsheet shows it (the header is
//! row 1) and its column: nothing is half imported.
//!
//! CSV for now (`csv`); xlsx and ods are to come (`calamine`, `rust_xlsxwriter`).

use crate::model::{Date, Delegation, Member, MemberRole, Movement, Time};

/// A list larger than any delegation's is refused before it is read.
pub const MAX_BYTES: u64 = 8 << 20;
/// More rows than any delegation has.
pub const MAX_ROWS: usize = 5_000;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Honorific,
    Name,
    Position,
    Organisation,
    Role,
    Contact,
    Hotel,
    Dietary,
    Languages,
    Interpretation,
    Accessibility,
    Biography,
    Arrival,
    ArrivalDetails,
    Departure,
    DepartureDetails,
}

/// The headers each field is known by, compared without case, spaces or punctuation.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Honorific,
        &["honorific", "title", "form of address", "salutation"],
    ),
    (
        Field::Name,
        &["name", "full name", "fullname", "member", "delegate"],
    ),
    (
        Field::Position,
        &["position", "function", "job title", "post"],
    ),
    (
        Field::Organisation,
        &[
            "organisation",
            "organization",
            "ministry",
            "agency",
            "institution",
        ],
    ),
    (Field::Role, &["role", "delegation role"]),
    (
        Field::Contact,
        &["contact", "email", "e-mail", "phone", "telephone", "mobile"],
    ),
    (Field::Hotel, &["hotel", "accommodation", "lodging"]),
    (Field::Dietary, &["dietary", "dietary requirements", "diet"]),
    (Field::Languages, &["languages", "language"]),
    (Field::Interpretation, &["interpretation", "interpreter"]),
    (
        Field::Accessibility,
        &["accessibility", "access needs", "mobility"],
    ),
    (Field::Biography, &["biography", "bio"]),
    (
        Field::Arrival,
        &["arrival", "arrival date", "arrives", "arriving"],
    ),
    (
        Field::ArrivalDetails,
        &["arrival flight", "arrival details", "inbound flight"],
    ),
    (
        Field::Departure,
        &["departure", "departure date", "departs", "departing"],
    ),
    (
        Field::DepartureDetails,
        &["departure flight", "departure details", "outbound flight"],
    ),
];

fn key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn field_of(header: &str) -> Option<Field> {
    let k = key(header);
    HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|n| key(n) == k))
        .map(|(f, _)| *f)
}

/// Why a list was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SheetError {
    #[error("row {row}, column {column:?}: {message}")]
    Cell {
        row: usize,
        column: String,
        message: String,
    },
    #[error("row {row}: {message}")]
    Row { row: usize, message: String },
    #[error("{0}")]
    File(String),
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
    /// Members the list does not name, kept as they were.
    pub kept: usize,
}

/// A role by its label ("Head of delegation", "Note-taker") or its name ("Head",
/// "NoteTaker"), in any case.
fn role(text: &str) -> Option<MemberRole> {
    let k = key(text);
    MemberRole::ALL
        .into_iter()
        .find(|r| key(r.label()) == k || key(&format!("{r:?}")) == k)
}

/// "2025-03-11" or "2025-03-11 14:20" (a "T" also separates them).
fn movement(text: &str) -> Result<(Date, Option<Time>), String> {
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let date: Date = date
        .parse()
        .map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD, then HH:MM if known)"))?;
    let time = match time {
        Some(t) if !t.is_empty() => Some(
            t.parse()
                .map_err(|_| format!("{t:?} is not a time of day (HH:MM)"))?,
        ),
        _ => None,
    };
    Ok((date, time))
}

/// The delegation's members with the list applied: a row whose name is a member's already
/// (the same full name) updates that member's fields from the cells that have something;
/// other rows become members after the last one; members the list does not name stay.
pub fn import_csv(
    bytes: &[u8],
    delegation: &Delegation,
) -> Result<(Vec<Member>, Imported), SheetError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(SheetError::File(format!(
            "the list is {} bytes, over the limit of {MAX_BYTES}",
            bytes.len()
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        SheetError::File(format!(
            "the list is not UTF-8 text (byte {}); save it from the spreadsheet as \"CSV UTF-8\"",
            e.valid_up_to() + 1
        ))
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| SheetError::Row {
            row: 1,
            message: format!("the header cannot be read: {e}"),
        })?
        .clone();
    let mut columns: Vec<(usize, Field, String)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(f) = field_of(h) {
            if let Some((_, _, first)) = columns.iter().find(|(_, g, _)| *g == f) {
                return Err(SheetError::Cell {
                    row: 1,
                    column: h.to_owned(),
                    message: format!("says the same as column {first:?}"),
                });
            }
            columns.push((i, f, h.to_owned()));
        }
    }
    if !columns.iter().any(|(_, f, _)| *f == Field::Name) {
        return Err(SheetError::Row {
            row: 1,
            message: "no Name column (a header \"Name\" or \"Full name\" is needed)".into(),
        });
    }

    let mut members = delegation.members.clone();
    let mut done = Imported::default();
    let mut named: Vec<usize> = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let row = n + 2;
        if n >= MAX_ROWS {
            return Err(SheetError::Row {
                row,
                message: format!("more than {MAX_ROWS} rows: not a delegation list"),
            });
        }
        let record = record.map_err(|e| SheetError::Row {
            row,
            message: format!("cannot be read: {e}"),
        })?;
        let cell = |f: Field| {
            columns
                .iter()
                .find(|(_, g, _)| *g == f)
                .and_then(|(i, _, h)| record.get(*i).map(|v| (v.trim(), h.as_str())))
        };
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        // Only a biography runs over lines; elsewhere a line break is a quote left open,
        // which would swallow the rows after it into one cell.
        for &(i, f, ref header) in &columns {
            if f != Field::Biography
                && let Some(value) = record.get(i)
                && value.contains(['\n', '\r'])
            {
                return Err(SheetError::Cell {
                    row,
                    column: header.clone(),
                    message: "holds a line break (a quote left open in the list?)".into(),
                });
            }
        }
        let name = unescaped(cell(Field::Name).map_or("", |(v, _)| v));
        // A member known by office before the name is confirmed is found by the position.
        let position = unescaped(cell(Field::Position).map_or("", |(v, _)| v));
        if name.is_empty() && position.is_empty() {
            return Err(SheetError::Cell {
                row,
                column: cell(Field::Name).map_or("Name", |(_, h)| h).to_owned(),
                message: "no name, and no position to tell who it is".into(),
            });
        }
        let at = members.iter().position(|m| {
            if name.is_empty() {
                m.full_name.trim().is_empty() && m.position.trim() == position
            } else {
                m.full_name.trim() == name
            }
        });
        if at.is_some_and(|i| named.contains(&i)) {
            return Err(SheetError::Row {
                row,
                message: format!(
                    "{:?} is on the list twice",
                    if name.is_empty() { position } else { name }
                ),
            });
        }
        let mut m = at.map_or_else(Member::new, |i| members[i].clone());
        m.full_name = name.to_owned();
        for &(_, f, ref header) in &columns {
            let Some((value, _)) = cell(f) else { continue };
            if value.is_empty() {
                continue;
            }
            let bad = |message: String| SheetError::Cell {
                row,
                column: header.clone(),
                message,
            };
            let value = unescaped(value);
            let text = value.to_owned();
            match f {
                Field::Name => {}
                Field::Honorific => m.honorific = text,
                Field::Position => m.position = text,
                Field::Organisation => m.organisation = text,
                Field::Role => {
                    m.role = role(value).ok_or_else(|| {
                        let known: Vec<&str> = MemberRole::ALL.iter().map(|r| r.label()).collect();
                        bad(format!("{value:?} is not a role ({})", known.join(", ")))
                    })?;
                }
                Field::Contact => m.contact = text,
                Field::Hotel => m.hotel = text,
                Field::Dietary => m.dietary = text,
                Field::Languages => m.languages = text,
                Field::Interpretation => m.interpretation = text,
                Field::Accessibility => m.accessibility = text,
                Field::Biography => m.biography = text,
                Field::Arrival | Field::Departure => {
                    let (date, time) = movement(value).map_err(bad)?;
                    let slot = if f == Field::Arrival {
                        &mut m.arrival
                    } else {
                        &mut m.departure
                    };
                    let mv = slot.get_or_insert_with(Movement::default);
                    mv.date = Some(date);
                    mv.time = time;
                }
                Field::ArrivalDetails => {
                    m.arrival.get_or_insert_with(Movement::default).details = text;
                }
                Field::DepartureDetails => {
                    m.departure.get_or_insert_with(Movement::default).details = text;
                }
            }
        }
        match at {
            Some(i) => {
                if members[i] != m {
                    done.updated += 1;
                }
                members[i] = m;
                named.push(i);
            }
            None => {
                members.push(m);
                named.push(members.len() - 1);
                done.added += 1;
            }
        }
    }
    done.kept = delegation.members.len()
        - named
            .iter()
            .filter(|&&i| i < delegation.members.len())
            .count();
    Ok((members, done))
}

/// A spreadsheet runs a cell that begins with one of these as a formula: the export writes
/// such text after an apostrophe (which spreadsheets show as text and do not print), and
/// the import takes the apostrophe off again.
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn escaped(s: String) -> String {
    if formula_like(&s) { format!("'{s}") } else { s }
}

fn unescaped(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => s,
    }
}

/// A delegation's list as CSV, with the headers the import reads, in precedence order.
pub fn export_csv(delegation: &Delegation) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let when = |m: &Option<Movement>| {
        m.as_ref()
            .and_then(|m| m.date.map(|d| (d, m.time)))
            .map(|(d, t)| match t {
                Some(t) => format!("{d} {t}"),
                None => d.to_string(),
            })
            .unwrap_or_default()
    };
    let details = |m: &Option<Movement>| m.as_ref().map(|m| m.details.clone()).unwrap_or_default();
    w.write_record([
        "Honorific",
        "Full name",
        "Position",
        "Organisation",
        "Role",
        "Contact",
        "Hotel",
        "Dietary",
        "Languages",
        "Interpretation",
        "Accessibility",
        "Arrival",
        "Arrival flight",
        "Departure",
        "Departure flight",
        "Biography",
    ])
    .expect("writing to memory");
    for m in &delegation.members {
        w.write_record(
            [
                m.honorific.clone(),
                m.full_name.clone(),
                m.position.clone(),
                m.organisation.clone(),
                m.role.label().to_owned(),
                m.contact.clone(),
                m.hotel.clone(),
                m.dietary.clone(),
                m.languages.clone(),
                m.interpretation.clone(),
                m.accessibility.clone(),
                when(&m.arrival),
                details(&m.arrival),
                when(&m.departure),
                details(&m.departure),
                m.biography.clone(),
            ]
            .map(escaped),
        )
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}
