//! Delegation lists as spreadsheets: the list a counterpart's embassy sends, read into a
//! delegation, and a delegation written back as one. Columns are found by their headers
//! (English names and the obvious variants), roles by their label or name. A bad row
//! refuses the whole list, named by its row as the spreadsheet shows it (the header is
//! row 1) and its column: nothing is half imported.
//!
//! CSV (`csv`), and xlsx and ods workbooks (their first sheet, read with `calamine` after
//! the archive is measured: see [`book`]); lists are written as CSV or xlsx
//! (`rust_xlsxwriter`).

mod book;
mod visible;

pub use book::{export_xlsx, import_book};

use rustc_hash::FxHashMap;

use crate::model::{Date, Delegation, Marking, Member, MemberRole, Movement, Time, name_key};

/// A list larger than any delegation's is refused before it is read.
pub const MAX_BYTES: u64 = 8 << 20;
/// More rows than any delegation has.
pub const MAX_ROWS: usize = 5_000;
/// Columns beyond these are not read (a list has a few dozen): a header of millions of
/// empty columns is refused, not matched one by one.
pub const MAX_COLUMNS: u32 = 256;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
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
    Marking,
    Arrival,
    ArrivalDetails,
    Departure,
    DepartureDetails,
}

/// The headers each field is known by, compared without case, spaces or punctuation.
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Id, &["id"]),
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
    (Field::Marking, &["marking", "classification"]),
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

/// A list's kind, by its file's name: what the editor's file dialog and the command line
/// accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Xlsx,
    Ods,
}

impl Kind {
    pub const EXTENSIONS: [&str; 3] = ["csv", "xlsx", "ods"];

    pub fn of(path: &std::path::Path) -> Option<Kind> {
        let e = path.extension()?.to_str()?.to_ascii_lowercase();
        match e.as_str() {
            "csv" => Some(Kind::Csv),
            "xlsx" => Some(Kind::Xlsx),
            "ods" => Some(Kind::Ods),
            _ => None,
        }
    }
}

/// Why a list was not imported: its own error, or the problems it would add to the
/// dossier (each with its place), which an import must not.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    List(SheetError),
    Problems(Vec<String>),
}

/// The dossier with delegation `di`'s list replaced by `bytes` (a list of `kind`) applied,
/// and what changed; refused if the list is bad or would add a validation error (a second
/// head of delegation, a control character in a name, a marking the scheme does not know).
pub fn import_into(
    d: &crate::model::Dossier,
    di: usize,
    bytes: &[u8],
    kind: Kind,
) -> Result<(crate::model::Dossier, Imported), Refused> {
    let read = match kind {
        Kind::Csv => import_csv(bytes, d, di),
        Kind::Xlsx | Kind::Ods => import_book(bytes, d, di),
    };
    let (members, done) = read.map_err(Refused::List)?;
    let mut new = d.clone();
    new.delegations[di].members = members;
    let errors = |d: &crate::model::Dossier| -> Vec<String> {
        crate::model::validate(d)
            .into_iter()
            .filter(|p| p.severity == crate::model::Severity::Error)
            .map(|p| format!("{}: {}", p.path(d), p.message))
            .collect()
    };
    let before: std::collections::HashSet<String> = errors(d).into_iter().collect();
    let added: Vec<String> = errors(&new)
        .into_iter()
        .filter(|e| !before.contains(e))
        .collect();
    if !added.is_empty() {
        return Err(Refused::Problems(added));
    }
    Ok((new, done))
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

/// "2025-03-11", "2025-03-11 14:20" (a "T" also separates them), or a time alone.
fn movement(text: &str) -> Result<(Option<Date>, Option<Time>), String> {
    let text = text.trim();
    if !text.contains('-')
        && let Ok(t) = text.parse::<Time>()
    {
        return Ok((None, Some(t)));
    }
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
    Ok((Some(date), time))
}

/// Fields that are one line: a line break in one is a mistake in the list.
fn one_line(f: Field) -> bool {
    matches!(
        f,
        Field::Id
            | Field::Honorific
            | Field::Name
            | Field::Role
            | Field::Marking
            | Field::Arrival
            | Field::Departure
    )
}

/// How a row finds its member: by id, else by name as people compare names, else (a name
/// not yet confirmed) by position.
fn name_of(m: &Member) -> (String, String) {
    if m.full_name.trim().is_empty() {
        (String::new(), name_key(&m.position))
    } else {
        (name_key(&m.full_name), String::new())
    }
}

/// The delegation's members with the list applied: a row for one of its members (the same
/// id, else the same full name, else, unnamed, the same position) updates that member's
/// fields from the cells that have something; other rows become members after the last
/// one; members the list does not name stay.
pub fn import_csv(
    bytes: &[u8],
    d: &crate::model::Dossier,
    di: usize,
) -> Result<(Vec<Member>, Imported), SheetError> {
    apply(&parse_csv(bytes)?, d, di)
}

/// A sheet as its cells' text: the header row, and each row after it with its number as
/// the spreadsheet shows it.
pub(crate) struct Grid {
    /// The header's row as the spreadsheet numbers it.
    pub header_row: usize,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// Whether text a spreadsheet would run as a formula was written after an apostrophe
    /// (a CSV export's way); a workbook's text cells need no such escape.
    pub escaped: bool,
}

fn parse_csv(bytes: &[u8]) -> Result<Grid, SheetError> {
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
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| SheetError::Row {
            row: 1,
            message: format!("the header cannot be read: {e}"),
        })?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers.len() > MAX_COLUMNS as usize {
        return Err(SheetError::Row {
            row: 1,
            message: format!(
                "the header has {} columns; a list is read from at most {MAX_COLUMNS}",
                headers.len()
            ),
        });
    }
    // Each record with the row a spreadsheet shows it on: its first line, less the line
    // breaks inside the cells before it.
    let mut records: Vec<(usize, csv::StringRecord, usize)> = Vec::new();
    let mut inside = 0;
    for record in reader.records() {
        let guess = records.last().map_or(2, |(row, _, _)| row + 1);
        let record = record.map_err(|e| SheetError::Row {
            row: guess,
            message: format!("cannot be read: {e}"),
        })?;
        let (line, byte) = record
            .position()
            .map_or((guess as u64, 0), |p| (p.line(), p.byte()));
        let row = usize::try_from(line)
            .unwrap_or(usize::MAX)
            .saturating_sub(inside);
        if records.len() >= MAX_ROWS {
            return Err(SheetError::Row {
                row,
                message: format!("more than {MAX_ROWS} rows: not a delegation list"),
            });
        }
        inside += record
            .iter()
            .map(|v| v.matches('\n').count())
            .sum::<usize>();
        records.push((row, record, usize::try_from(byte).unwrap_or(usize::MAX)));
    }
    // A quote opened and never closed makes every row after it one cell, which the CSV
    // reader takes without complaint: an odd number of quotes in a record's bytes says so.
    for (k, (row, _, start)) in records.iter().enumerate() {
        let end = records.get(k + 1).map_or(text.len(), |r| r.2);
        if text
            .as_bytes()
            .get(*start..end)
            .is_some_and(|raw| raw.iter().filter(|&&b| b == b'"').count() % 2 == 1)
        {
            return Err(SheetError::Row {
                row: *row,
                message: "a quote is opened and never closed; the rows after it would be lost"
                    .into(),
            });
        }
    }

    Ok(Grid {
        header_row: 1,
        escaped: true,
        headers,
        rows: records
            .into_iter()
            .map(|(row, record, _)| (row, record.iter().map(str::to_owned).collect()))
            .collect(),
    })
}

/// Delegation `di`'s members with the rows of `grid` applied (see [`import_csv`]). A list
/// from outside may raise a member's marking, never lower it: lowering is a decision made
/// in the editor, where it is seen.
pub(crate) fn apply(
    grid: &Grid,
    d: &crate::model::Dossier,
    di: usize,
) -> Result<(Vec<Member>, Imported), SheetError> {
    let delegation = &d.delegations[di];
    let portions = crate::model::Portions::new(d);
    let ranking = d.scheme.ranking();
    let headers = &grid.headers;
    let mut columns: Vec<(usize, Field, String)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(f) = field_of(h) {
            if let Some((_, _, first)) = columns.iter().find(|(_, g, _)| *g == f) {
                return Err(SheetError::Cell {
                    row: grid.header_row,
                    column: h.to_owned(),
                    message: format!("says the same as column {first:?}"),
                });
            }
            columns.push((i, f, h.to_owned()));
        }
    }
    if !columns.iter().any(|(_, f, _)| *f == Field::Name) {
        return Err(SheetError::Row {
            row: grid.header_row,
            message: "no Name column (a header \"Name\" or \"Full name\" is needed)".into(),
        });
    }

    let mut members = delegation.members.clone();
    let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_name: FxHashMap<(String, String), Vec<usize>> = FxHashMap::default();
    for (i, m) in delegation.members.iter().enumerate() {
        by_id.entry(m.id.as_str()).or_insert(i);
        by_name.entry(name_of(m)).or_default().push(i);
    }
    // By id as people type it: "USA-RUBIO" is usa-rubio.
    let elsewhere: FxHashMap<String, usize> = d
        .delegations
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != di)
        .flat_map(|(j, del)| {
            del.members
                .iter()
                .map(move |m| (m.id.as_str().to_ascii_lowercase(), j))
        })
        .collect();
    let mut named = vec![false; delegation.members.len()];
    let mut done = Imported::default();
    let mut added_names: FxHashMap<(String, String), usize> = FxHashMap::default();
    for (row, record) in &grid.rows {
        let row = *row;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if record
            .iter()
            .skip(headers.len())
            .any(|v| !v.trim().is_empty())
        {
            return Err(SheetError::Row {
                row,
                message: format!(
                    "{} cells where the header has {} columns (a comma in an unquoted cell?)",
                    record.len(),
                    headers.len()
                ),
            });
        }
        let raw = |f: Field| {
            columns
                .iter()
                .find(|(_, g, _)| *g == f)
                .and_then(|(i, _, h)| record.get(*i).map(|v| (v.as_str(), h.as_str())))
        };
        for &(i, f, ref header) in &columns {
            if one_line(f)
                && record
                    .get(i)
                    .is_some_and(|v| v.trim().contains(['\n', '\r']))
            {
                return Err(SheetError::Cell {
                    row,
                    column: header.clone(),
                    message: "holds a line break".into(),
                });
            }
        }
        let value = |f: Field| raw(f).map_or("", |(v, _)| unescape(grid, v.trim()));
        let (name, position, id) = (value(Field::Name), value(Field::Position), value(Field::Id));
        // A member known by id alone (the export writes every member, named or not).
        let by_id_alone = !id.is_empty() && by_id.contains_key(id);
        if name.is_empty() && position.is_empty() && !by_id_alone {
            return Err(SheetError::Cell {
                row,
                column: raw(Field::Name).map_or("Name", |(_, h)| h).to_owned(),
                message: "no name, and no position to tell who it is".into(),
            });
        }
        let who = [name, position, id]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        let key = if name.is_empty() {
            (String::new(), name_key(position))
        } else {
            (name_key(name), String::new())
        };
        // An id of another delegation's member: a list of one delegation does not move or
        // copy the other's people.
        if !id.is_empty()
            && !by_id.contains_key(id)
            && let Some(other) = elsewhere
                .get(&id.to_ascii_lowercase())
                .map(|&j| &d.delegations[j])
        {
            return Err(SheetError::Cell {
                row,
                column: raw(Field::Id).map_or("Id", |(_, h)| h).to_owned(),
                message: format!(
                    "{id:?} is a member of the {} delegation, not of this one",
                    crate::model::short(&other.name)
                ),
            });
        }
        let at = match by_id.get(id) {
            Some(&i) if !id.is_empty() => Some(i),
            _ => match by_name.get(&key).map(Vec::as_slice) {
                Some([i]) => Some(*i),
                Some([..]) => {
                    return Err(SheetError::Row {
                        row,
                        message: format!(
                            "{who:?} could be any of several members; an Id column (as `members export` writes) tells them apart"
                        ),
                    });
                }
                // A name confirmed for the one member known by this position.
                None if !name.is_empty() => match by_name
                    .get(&(String::new(), name_key(position)))
                    .map(Vec::as_slice)
                {
                    Some([i]) if !position.is_empty() => Some(*i),
                    _ => None,
                },
                None => None,
            },
        };
        if at.is_some_and(|i| named[i]) || (at.is_none() && added_names.contains_key(&key)) {
            return Err(SheetError::Row {
                row,
                message: format!("{who:?} is on the list twice"),
            });
        }
        let mut m = at.map_or_else(Member::new, |i| members[i].clone());
        for &(_, f, ref header) in &columns {
            let Some((cell, _)) = raw(f) else { continue };
            let value = unescape(
                grid,
                if f == Field::Biography {
                    cell.trim_end()
                } else {
                    cell.trim()
                },
            );
            if value.trim().is_empty() {
                continue;
            }
            let bad = |message: String| SheetError::Cell {
                row,
                column: header.clone(),
                message,
            };
            let text = value.to_owned();
            match f {
                Field::Id => {}
                Field::Name => m.full_name = text,
                Field::Honorific => m.honorific = text,
                Field::Position => m.position = text,
                Field::Organisation => m.organisation = text,
                Field::Role => {
                    m.role = role(value).ok_or_else(|| {
                        let known: Vec<&str> = MemberRole::ALL.iter().map(|r| r.label()).collect();
                        bad(format!("{value:?} is not a role ({})", known.join(", ")))
                    })?;
                }
                Field::Marking => {
                    let new = Marking::parse(value).map_err(|e| bad(e.to_string()))?;
                    // What the member is marked now: their own marking, or what they
                    // take from the delegation or the dossier (a new member too).
                    let now = portions.member_marking(delegation, &m);
                    if !ranking.covers(&new, now) {
                        return Err(bad(format!(
                            "{value:?} is below {}'s marking {now}; a list may raise a \
                             marking, never lower it (lower it in the editor, where it is \
                             seen)",
                            crate::model::short(&m.display_name())
                        )));
                    }
                    m.marking = Some(new);
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
                    // A cell with a date alone, or a time alone, leaves the other as it was.
                    let mv = slot.get_or_insert_with(Movement::default);
                    if date.is_some() {
                        mv.date = date;
                    }
                    if time.is_some() {
                        mv.time = time;
                    }
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
                named[i] = true;
            }
            None => {
                added_names.insert(key, members.len());
                members.push(m);
                done.added += 1;
            }
        }
    }
    done.kept = named.iter().filter(|&&n| !n).count();
    Ok((members, done))
}

/// A spreadsheet runs a cell that begins with one of these as a formula: the export writes
/// such text after an apostrophe (which spreadsheets show as text and do not print), and
/// the import takes the apostrophe off again.
fn formula_like(s: &str) -> bool {
    s.trim_start()
        .starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
}

/// Text written after an apostrophe: what a spreadsheet would run, and text that begins
/// with an apostrophe itself (so that the one taken off on reading is always ours).
fn escaped(s: String) -> String {
    if formula_like(&s) || s.starts_with('\'') {
        format!("'{s}")
    } else {
        s
    }
}

/// A cell's text as written: unescaped if the list escapes formula-like text.
fn unescape<'t>(grid: &Grid, s: &'t str) -> &'t str {
    if grid.escaped { unescaped(s) } else { s }
}

fn unescaped(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) || rest.starts_with('\'') => rest,
        _ => s,
    }
}

/// A delegation's list as CSV, with the headers the import reads, in precedence order.
pub fn export_csv(delegation: &Delegation) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let when = |m: &Option<Movement>| match m.as_ref().map(|m| (m.date, m.time)) {
        Some((Some(d), Some(t))) => format!("{d} {t}"),
        Some((Some(d), None)) => d.to_string(),
        Some((None, Some(t))) => t.to_string(),
        _ => String::new(),
    };
    let details = |m: &Option<Movement>| m.as_ref().map(|m| m.details.clone()).unwrap_or_default();
    w.write_record([
        "Id",
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
        "Marking",
    ])
    .expect("writing to memory");
    for m in &delegation.members {
        w.write_record(
            [
                m.id.as_str().to_owned(),
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
                m.marking
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ]
            .map(escaped),
        )
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}
