//! Delegation lists as spreadsheets: the list a counterpart's embassy sends, read into a
//! delegation, and a delegation written back as one. A bad row refuses the whole list,
//! named by its row as the spreadsheet shows it and its column: nothing is half imported.
//!
//! Reading goes in three steps, each in its own module: the file's cells ([`text`] for
//! CSV in whatever encoding, separator and line ends an office's spreadsheet wrote;
//! [`book`] for the first visible sheet of an xlsx or ods workbook, cells as the sheet
//! shows them), the header row and its columns among the first rows ([`headers`], English
//! and French), then the rows applied to the delegation here, dates read in one order for
//! the whole list ([`dates`]). Lists are written as CSV or xlsx (`rust_xlsxwriter`).

mod book;
mod dates;
mod headers;
mod numfmt;
mod text;
mod visible;

pub use book::{ExportError, export_xlsx};
pub use dates::DateOrder;
pub use headers::Unread;

use headers::{Column, Field};
use rustc_hash::FxHashMap;

use crate::model::{Delegation, Marking, Member, MemberRole, Movement, name_key};

/// A list larger than any delegation's is refused before it is read.
pub const MAX_BYTES: u64 = 8 << 20;
/// More rows than any delegation has.
pub const MAX_ROWS: usize = 5_000;
/// Columns beyond these are not read (a list has a few dozen): a header of millions of
/// empty columns is refused, not matched one by one.
pub const MAX_COLUMNS: u32 = 256;

/// The longest text a workbook cell holds (Excel's limit, which `rust_xlsxwriter` keeps).
pub const MAX_CELL_CHARS: usize = 32_767;

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
    /// Excel saves "Unicode text" (UTF-16, tab-separated) as .txt.
    pub const EXTENSIONS: [&str; 5] = ["csv", "tsv", "txt", "xlsx", "ods"];

    pub fn of(path: &std::path::Path) -> Option<Kind> {
        let e = path.extension()?.to_str()?.to_ascii_lowercase();
        match e.as_str() {
            "csv" | "tsv" | "txt" => Some(Kind::Csv),
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

/// How a list is read where the list alone cannot say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The order of dates written with numbers alone (`--date-order`); `None`: the order
    /// a date in the list shows, else the dossier's language's.
    pub date_order: Option<DateOrder>,
}

/// The dossier with delegation `di`'s list replaced by `bytes` (a list of `kind`) applied,
/// and what changed; refused if the list is bad or would add a validation error (a second
/// head of delegation, a control character in a name, a marking the scheme does not know).
pub fn import_into(
    d: &crate::model::Dossier,
    di: usize,
    bytes: &[u8],
    kind: Kind,
    options: Options,
) -> Result<(crate::model::Dossier, Imported), Refused> {
    let (table, source, warnings) = read(bytes, kind).map_err(Refused::List)?;
    let (members, mut done) = apply(&table, d, di, options).map_err(Refused::List)?;
    done.reading.source = source;
    done.reading.warnings.splice(0..0, warnings);
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

/// A list's cells, how its file was read (for the preview), and what was read but may
/// not be what the sheet shows.
fn read(bytes: &[u8], kind: Kind) -> Result<(Table, String, Vec<String>), SheetError> {
    Ok(match kind {
        Kind::Csv => {
            let r = text::read(bytes)?;
            let source = format!(
                "CSV, {}, separated by {}s",
                r.encoding.describe(),
                r.separator
            );
            (r.table, source, Vec::new())
        }
        Kind::Xlsx | Kind::Ods => {
            let b = book::read(bytes)?;
            let what = if kind == Kind::Xlsx { "xlsx" } else { "ods" };
            let source = format!(
                "{what} workbook, sheet {:?} (the first one shown)",
                crate::model::short(&b.sheet)
            );
            (b.table, source, b.warnings)
        }
    })
}

/// What an import changed, and how the list was read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
    /// Members the list does not name, kept as they were.
    pub kept: usize,
    pub reading: Reading,
}

/// How a list was read: what the preview shows before anything is imported, in the
/// editor and on the command line alike.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The file as read: "CSV, UTF-8, separated by semicolons".
    pub source: String,
    /// The header's row, as the spreadsheet shows it.
    pub header_row: usize,
    /// The order numeric dates were read in, and why; `None` where the list has none
    /// that needed one.
    pub dates: Option<(DateOrder, String)>,
    /// Columns whose cells are not read.
    pub unread: Vec<Unread>,
    /// How a column was read other than by its header alone.
    pub notes: Vec<String>,
    /// What was read but may not be what the sheet shows.
    pub warnings: Vec<String>,
}

impl Reading {
    /// The preview's lines about the list itself (warnings apart).
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Read as {}; the header is row {}.",
            self.source, self.header_row
        )];
        if let Some((order, why)) = &self.dates {
            out.push(format!("Dates read {}: {why}.", order.describe()));
        }
        out.extend(self.notes.iter().cloned());
        out
    }

    /// What the user is warned of: columns not read, and cells that may not be as shown.
    pub fn warning_lines(&self) -> Vec<String> {
        self.unread
            .iter()
            .map(|u| format!("{u}."))
            .chain(self.warnings.iter().cloned())
            .collect()
    }
}

/// A role by its label ("Head of delegation", "Note-taker"), its name ("Head",
/// "NoteTaker"), or as lists write it in English and French ("Cheffe de délégation",
/// "Delegation member", "Conseiller"); case, accents and spacing aside.
fn role(text: &str) -> Option<MemberRole> {
    const SAID: &[(MemberRole, &[&str])] = &[
        (
            MemberRole::Head,
            &[
                "Head",
                "Head of the delegation",
                "Delegation head",
                "Chef de délégation",
                "Cheffe de délégation",
                "Chef de la délégation",
                "Cheffe de la délégation",
                "Chef",
                "Cheffe",
            ],
        ),
        (
            MemberRole::Deputy,
            &[
                "Deputy",
                "Deputy head of delegation",
                "Chef adjoint",
                "Cheffe adjointe",
                "Chef de délégation adjoint",
                "Cheffe de délégation adjointe",
                "Adjoint",
                "Adjointe",
            ],
        ),
        (
            MemberRole::Member,
            &[
                "Delegation member",
                "Delegate",
                "Membre",
                "Membre de la délégation",
                "Délégué",
                "Déléguée",
            ],
        ),
        (
            MemberRole::Adviser,
            &["Advisor", "Conseiller", "Conseillère"],
        ),
        (
            MemberRole::NoteTaker,
            &[
                "Notetaker",
                "Note taker",
                "Rapporteur",
                "Rapporteuse",
                "Preneur de notes",
            ],
        ),
        (MemberRole::Interpreter, &["Interprète"]),
        (
            MemberRole::Security,
            &["Security officer", "Sécurité", "Officier de sécurité"],
        ),
        (
            MemberRole::Support,
            &[
                "Support staff",
                "Staff",
                "Appui",
                "Soutien",
                "Personnel d'appui",
            ],
        ),
    ];
    let k = headers::key(text);
    MemberRole::ALL
        .into_iter()
        .find(|r| headers::key(r.label()) == k || headers::key(&format!("{r:?}")) == k)
        .or_else(|| {
            SAID.iter()
                .find(|(_, said)| said.iter().any(|s| headers::key(s) == k))
                .map(|(r, _)| *r)
        })
}

/// Words an honorific is made of ("H.E.", "Hon.", "Mme", "S.E.M."): a "Title" column of
/// such words is the form of address; of others ("Secretary of State"), the position.
const HONORIFIC_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "he",
    "his",
    "her",
    "excellency",
    "hon",
    "honourable",
    "honorable",
    "the",
    "rt",
    "right",
    "amb",
    "ambassador",
    "sir",
    "dame",
    "lord",
    "lady",
    "m",
    "mme",
    "mlle",
    "me",
    "se",
    "sem",
    "son",
    "excellence",
    "senator",
    "sen",
    "rep",
    "gen",
    "general",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "adm",
    "admiral",
    "rev",
    "reverend",
    "sheikh",
    "eng",
    "pr",
];

fn honorific_like(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| HONORIFIC_WORDS.contains(&headers::key(w).as_str()))
}

/// Fields that are one line: a line break in one is a mistake in the list.
fn one_line(f: Field) -> bool {
    matches!(
        f,
        Field::Id
            | Field::Honorific
            | Field::Name
            | Field::GivenName
            | Field::Surname
            | Field::Role
            | Field::Marking
            | Field::Arrival
            | Field::ArrivalTime
            | Field::Departure
            | Field::DepartureTime
    )
}

/// How a row finds its member: by id, else by name as people compare names, else (a name
/// not yet confirmed) by position.
fn name_of(m: &Member) -> (String, String) {
    if m.full_name.trim().is_empty() {
        (String::new(), compared(&m.position))
    } else {
        (compared(&m.full_name), String::new())
    }
}

/// A name as people compare them: composed the one way (a name typed on macOS comes
/// decomposed), case and spacing aside, an apostrophe the same whichever a keyboard or a
/// spreadsheet typed ("Sing'oei" is "Sing’oei").
fn compared(s: &str) -> String {
    let s: String = nfc(s)
        .chars()
        // Characters that show as nothing, pasted in with a name from a web page.
        .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            c => c,
        })
        .collect();
    name_key(&s)
}

/// Spaces as one-line fields hold them: a tab, a no-break or thin space pasted from a
/// document is a space (it would otherwise make a name that looks the same and is not).
/// Line breaks are refused in these fields before.
fn plain_spaces(s: String) -> String {
    if s.chars().all(|c| c == ' ' || !c.is_whitespace()) {
        return s;
    }
    s.chars()
        .map(|c| {
            if c.is_whitespace() && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// A sheet's rows as its cells' text, each with its number as the spreadsheet shows it:
/// every row that holds anything, the title rows above the header too.
pub(crate) struct Table {
    pub rows: Vec<(usize, Vec<String>)>,
    /// Read from CSV: text a spreadsheet would run as a formula was written after an
    /// apostrophe (a workbook's text cells need no such escape), and a row wider than its
    /// header is a cell split by a separator left unquoted.
    pub csv: bool,
}

impl Table {
    fn width(&self) -> usize {
        self.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0)
    }
}

/// A "Title" column (an honorific, by its header) whose cells are job titles: a U.S.
/// list's "Title" is "Secretary of State", not "H.E.". Read as the position where the list
/// has no position column of its own.
fn titles_are_positions(table: &Table, at: usize, columns: &[Column]) -> Option<usize> {
    if columns.iter().any(|c| c.field == Field::Position) {
        return None;
    }
    let c = columns.iter().position(|c| {
        c.field == Field::Honorific && matches!(headers::key(&c.header).as_str(), "title" | "titre")
    })?;
    let cells: Vec<&str> = table.rows[at + 1..]
        .iter()
        .filter_map(|(_, cells)| cells.get(columns[c].index))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let positions = cells.iter().filter(|s| !honorific_like(s)).count();
    (positions * 2 > cells.len()).then_some(c)
}

/// The order the list's numeric dates are read in, and why; `None` where no date needs
/// one. Refused where two dates can each be read only in a different order.
fn date_order(
    table: &Table,
    at: usize,
    columns: &[Column],
    asked: Option<DateOrder>,
    language: &str,
) -> Result<Option<(DateOrder, String)>, SheetError> {
    let dated: Vec<&Column> = columns
        .iter()
        .filter(|c| matches!(c.field, Field::Arrival | Field::Departure))
        .collect();
    let mut shown: Option<(DateOrder, usize, &str, &str)> = None;
    let mut needed = false;
    for (row, cells) in &table.rows[at + 1..] {
        for c in &dated {
            let Some(text) = cells.get(c.index).map(|s| s.trim()) else {
                continue;
            };
            needed |= dates::ambiguous(text);
            let Some(order) = dates::only_order(text) else {
                continue;
            };
            needed = true;
            match shown {
                None => shown = Some((order, *row, c.header.as_str(), text)),
                Some((first, first_row, _, first_text)) if first != order && asked.is_none() => {
                    return Err(SheetError::Cell {
                        row: *row,
                        column: c.header.clone(),
                        message: format!(
                            "{text:?} can only be read {}, but row {first_row}'s \
                             {first_text:?} only {}: the list mixes two orders of dates \
                             (correct one, or choose the order with --date-order)",
                            order.describe(),
                            first.describe()
                        ),
                    });
                }
                Some(_) => {}
            }
        }
    }
    if !needed {
        return Ok(asked.map(|o| (o, "as asked".to_owned())));
    }
    Ok(Some(match (asked, shown) {
        (Some(o), _) => (o, "as asked".to_owned()),
        (None, Some((o, row, _, text))) => (
            o,
            format!(
                "row {row}'s {:?} can only be read so",
                crate::model::short(text)
            ),
        ),
        (None, None) => {
            let o = DateOrder::of_language(language);
            (
                o,
                format!("the dossier's language ({language}) writes them so"),
            )
        }
    }))
}

/// Delegation `di`'s members with the rows of `table` applied: a row for one of its
/// members (the same id, else the same full name, else, unnamed, the same position)
/// updates that member's fields from the cells that have something; other rows become
/// members after the last one, keeping the id the list gives them; members the list does
/// not name stay. A list from outside may raise a member's marking, never lower it:
/// lowering is a decision made in the editor, where it is seen.
pub(crate) fn apply(
    table: &Table,
    d: &crate::model::Dossier,
    di: usize,
    options: Options,
) -> Result<(Vec<Member>, Imported), SheetError> {
    let delegation = &d.delegations[di];
    let portions = crate::model::Portions::new(d);
    let ranking = d.scheme.ranking();
    let (at, mut columns, unread) = headers::locate(table)?;
    let header_row = table.rows[at].0;
    if let Some((row, _)) = table.rows.get(at + 1 + MAX_ROWS) {
        return Err(SheetError::Row {
            row: *row,
            message: format!("more than {MAX_ROWS} rows: not a delegation list"),
        });
    }
    let width = table.rows[at].1.len();
    let mut reading = Reading {
        header_row,
        unread,
        ..Reading::default()
    };
    if let Some(c) = titles_are_positions(table, at, &columns) {
        columns[c].field = Field::Position;
        reading.notes.push(format!(
            "Column {:?} is read as the position: its cells are job titles.",
            columns[c].header
        ));
    }
    reading.dates = date_order(table, at, &columns, options.date_order, d.meta.language())?;
    let order = reading
        .dates
        .as_ref()
        .map_or(DateOrder::DayFirst, |(o, _)| *o);

    let mut members = delegation.members.clone();
    let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_name: FxHashMap<(String, String), Vec<usize>> = FxHashMap::default();
    // A name written with the member's honorific before it ("Dr. Korir Sing’oei").
    let mut by_titled: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, m) in delegation.members.iter().enumerate() {
        by_id.entry(m.id.as_str()).or_insert(i);
        by_name.entry(name_of(m)).or_default().push(i);
        if !m.honorific.trim().is_empty() && !m.full_name.trim().is_empty() {
            by_titled
                .entry(compared(&format!("{} {}", m.honorific, m.full_name)))
                .or_default()
                .push(i);
        }
    }
    let heads_before = delegation
        .members
        .iter()
        .filter(|m| m.role == MemberRole::Head)
        .count();
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
    // Rows by the name and the new id they give: each once on a list.
    let mut names_seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut ids_seen: FxHashMap<String, usize> = FxHashMap::default();
    // The row each member was given by, to name the row a problem comes from.
    let mut row_of: Vec<Option<usize>> = vec![None; members.len()];
    let role_header = columns
        .iter()
        .find(|c| c.field == Field::Role)
        .map(|c| c.header.clone());
    // A cell that says its own column's header: the header repeated down the list (a
    // list printed over pages and pasted together), or merged into the row below it.
    let repeats = |c: &Column, text: &str| {
        !text.trim().is_empty() && headers::key(text) == headers::key(&c.header)
    };
    for (row, record) in &table.rows[at + 1..] {
        let row = *row;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let said: Vec<&Column> = columns
            .iter()
            .filter(|c| record.get(c.index).is_some_and(|v| !v.trim().is_empty()))
            .collect();
        if !said.is_empty()
            && said
                .iter()
                .all(|c| repeats(c, record.get(c.index).map_or("", String::as_str)))
        {
            reading.notes.push(format!(
                "Row {row} repeats the header row, and is passed over."
            ));
            continue;
        }
        for c in &columns {
            let text = record.get(c.index).map_or("", String::as_str);
            if let Some(why) = crate::model::check_text(text) {
                return Err(SheetError::Cell {
                    row,
                    column: c.header.clone(),
                    message: format!("the text {why}"),
                });
            }
        }
        if table.csv && record.iter().skip(width).any(|v| !v.trim().is_empty()) {
            return Err(SheetError::Row {
                row,
                message: format!(
                    "{} cells where the header has {width} columns (a separator in a cell \
                     that is not quoted?)",
                    record.len(),
                ),
            });
        }
        let column = |f: Field| columns.iter().find(|c| c.field == f);
        let header_of = |f: Field, or: &str| column(f).map_or(or, |c| c.header.as_str()).to_owned();
        for c in &columns {
            if one_line(c.field)
                && record
                    .get(c.index)
                    .is_some_and(|v| v.trim().contains(['\n', '\r']))
            {
                return Err(SheetError::Cell {
                    row,
                    column: c.header.clone(),
                    message: "holds a line break".into(),
                });
            }
        }
        // A cell's text as written: trimmed, composed one way, unescaped; nothing where
        // it repeats its header.
        let cell = |c: &Column| -> String {
            let v = record.get(c.index).map_or("", String::as_str);
            if repeats(c, v) {
                return String::new();
            }
            let v = if c.field == Field::Biography {
                v.trim_end()
            } else {
                v.trim()
            };
            let v = nfc(if table.csv { unescaped(v) } else { v });
            if one_line(c.field) {
                plain_spaces(v)
            } else {
                v
            }
        };
        let value = |f: Field| column(f).map(&cell).unwrap_or_default();
        // The first and family names, in the order the dossier writes names ("Musalia
        // Mudavadi"), else the full name: where a list has both, the full name is often a
        // formula of the other two, whose saved value may be nothing or 0.
        let parts = [value(Field::GivenName), value(Field::Surname)];
        let full = value(Field::Name);
        let mut name = if parts.iter().all(|p| !p.is_empty()) {
            let joined = parts.join(" ");
            // Said where the full name is another name than the two it would join (in
            // whichever order): one of them is wrong, and only the officer can say which.
            let words = |s: &str| {
                let mut w: Vec<String> = compared(s).split(' ').map(str::to_owned).collect();
                w.sort();
                w
            };
            if !full.is_empty() && words(&full) != words(&joined) {
                reading.warnings.push(format!(
                    "row {row}: the full name {:?} is not the first and last names {:?}; \
                     the first and last names are read",
                    crate::model::short(&full),
                    crate::model::short(&joined)
                ));
            }
            joined
        } else {
            match full {
                n if !n.is_empty() => n,
                _ => parts.concat(),
            }
        };
        let (position, id) = (value(Field::Position), value(Field::Id));
        // A member known by id alone (the export writes every member, named or not).
        let by_id_alone = !id.is_empty() && by_id.contains_key(id.as_str());
        if name.is_empty() && position.is_empty() && !by_id_alone {
            return Err(SheetError::Cell {
                row,
                column: column(Field::Name)
                    .or(column(Field::Surname))
                    .or(column(Field::GivenName))
                    .map_or("Name", |c| c.header.as_str())
                    .to_owned(),
                message: "no name, and no position to tell who it is".into(),
            });
        }
        let who = [&name, &position, &id]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_default();
        let key = if name.is_empty() {
            (String::new(), compared(&position))
        } else {
            (compared(&name), String::new())
        };
        // An id of another delegation's member: a list of one delegation does not move or
        // copy the other's people.
        if !id.is_empty()
            && !by_id.contains_key(id.as_str())
            && let Some(other) = elsewhere
                .get(&id.to_ascii_lowercase())
                .map(|&j| &d.delegations[j])
        {
            return Err(SheetError::Cell {
                row,
                column: header_of(Field::Id, "Id"),
                message: format!(
                    "{id:?} is a member of the {} delegation, not of this one",
                    crate::model::short(&other.name)
                ),
            });
        }
        // Twice by name, unless the row's id says who it is (two members of one name,
        // father and son, are told apart by their ids).
        if !name.is_empty() && !by_id_alone {
            let k = compared(&name);
            if let Some(first) = names_seen.insert(k, row) {
                return Err(SheetError::Row {
                    row,
                    message: format!("{who:?} is on the list twice (rows {first} and {row})"),
                });
            }
        }
        let by_name_at = by_name.get(&key).map(Vec::as_slice);
        let at = match by_id.get(id.as_str()) {
            Some(&i) if !id.is_empty() => {
                // The id and the name are two members: which one the row means cannot
                // be told.
                if let Some([j]) = by_name_at
                    && *j != i
                {
                    return Err(SheetError::Cell {
                        row,
                        column: header_of(Field::Id, "Id"),
                        message: format!(
                            "{id:?} is {}, but the row names {} (another member of the \
                             delegation); correct the Id or the name",
                            crate::model::short(&members[i].display_name()),
                            crate::model::short(&members[*j].display_name())
                        ),
                    });
                }
                Some(i)
            }
            _ => match by_name_at {
                Some([i]) => Some(*i),
                Some([..]) => {
                    return Err(SheetError::Row {
                        row,
                        message: format!(
                            "{who:?} could be any of several members; an Id column (as `members export` writes) tells them apart"
                        ),
                    });
                }
                None if !name.is_empty() => {
                    let by_position = by_name
                        .get(&(String::new(), compared(&position)))
                        .map(Vec::as_slice);
                    match (by_titled.get(&key.0).map(Vec::as_slice), by_position) {
                        // The name with the member's honorific before it: the member,
                        // whose name stays as it is.
                        (Some([i]), _) => {
                            name = members[*i].full_name.clone();
                            Some(*i)
                        }
                        // A name confirmed for the one member known by this position.
                        (_, Some([i])) if !position.is_empty() => Some(*i),
                        _ => None,
                    }
                }
                None => None,
            },
        };
        if at.is_none()
            && !id.is_empty()
            && let Some(first) = ids_seen.insert(id.clone(), row)
        {
            return Err(SheetError::Cell {
                row,
                column: header_of(Field::Id, "Id"),
                message: format!("{id:?} is on the list twice (rows {first} and {row})"),
            });
        }
        if at.is_some_and(|i| named[i]) || (at.is_none() && added_names.contains_key(&key)) {
            return Err(SheetError::Row {
                row,
                message: format!("{who:?} is on the list twice"),
            });
        }
        let mut m = at.map_or_else(Member::new, |i| members[i].clone());
        // A new row keeps the id the list gives it, so that the list corrected and sent
        // again updates the member rather than adding them twice.
        if at.is_none() && !id.is_empty() {
            m.id = crate::model::Id::new(id.clone()).map_err(|e| SheetError::Cell {
                row,
                column: header_of(Field::Id, "Id"),
                message: format!("{:?} is not an id: {e}", crate::model::short(&id)),
            })?;
        }
        // A name that compares as the member's own (another apostrophe, a no-break space,
        // capitals) keeps the dossier's spelling: only a new name is a change.
        if !name.is_empty() && compared(&name) != compared(&m.full_name) {
            m.full_name = name.clone();
        }
        let mut contacts: Vec<String> = Vec::new();
        for c in &columns {
            let text = cell(c);
            if text.trim().is_empty() {
                continue;
            }
            let bad = |message: String| SheetError::Cell {
                row,
                column: c.header.clone(),
                message,
            };
            match c.field {
                Field::Id | Field::Number | Field::Name | Field::GivenName | Field::Surname => {}
                Field::Honorific => m.honorific = text,
                Field::Position => m.position = text,
                Field::Organisation => m.organisation = text,
                // A role the dossier does not know ("Resident") leaves the member's role as
                // it was, a new member's as Member, and is said: a list is not refused
                // over a word, and nothing is changed unsaid.
                Field::Role => {
                    match role(&text) {
                        Some(r) => m.role = r,
                        None => {
                            let known: Vec<&str> =
                                MemberRole::ALL.iter().map(|r| r.label()).collect();
                            reading.warnings.push(format!(
                            "row {row}, column {:?}: {:?} is not a role the dossier knows ({}); \
                             {} is imported as {}: set the role in the editor",
                            c.header,
                            crate::model::short(&text),
                            known.join(", "),
                            crate::model::short(&if name.is_empty() { who.clone() } else { name.clone() }),
                            m.role.label()
                        ));
                        }
                    }
                }
                Field::Marking => {
                    let new = Marking::parse(&text).map_err(|e| bad(e.to_string()))?;
                    // What the member is marked now: their own marking, or what they
                    // take from the delegation or the dossier (a new member too).
                    let now = portions.member_marking(delegation, &m);
                    if !ranking.covers(&new, now) {
                        return Err(bad(format!(
                            "{text:?} is below {}'s marking {now}; a list may raise a \
                             marking, never lower it (lower it in the editor, where it is \
                             seen)",
                            crate::model::short(&m.display_name())
                        )));
                    }
                    m.marking = Some(new);
                }
                Field::Contact => contacts.push(text),
                Field::Hotel => m.hotel = text,
                Field::Dietary => m.dietary = text,
                Field::Languages => m.languages = text,
                Field::Interpretation => m.interpretation = text,
                Field::Accessibility => m.accessibility = text,
                Field::Biography => m.biography = text,
                Field::Arrival | Field::Departure | Field::ArrivalTime | Field::DepartureTime => {
                    // A workbook's date in a cell not formatted as one is its serial number.
                    let serial = (!table.csv).then(|| dates::serial(&text)).flatten();
                    let (date, time) = match serial {
                        Some((d, t)) => (Some(d), t),
                        None => dates::parse(&text, order).map_err(bad)?,
                    };
                    let arrival = matches!(c.field, Field::Arrival | Field::ArrivalTime);
                    let slot = if arrival {
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
        if !contacts.is_empty() {
            m.contact = contacts.join("; ");
        }
        match at {
            Some(i) => {
                if members[i] != m {
                    done.updated += 1;
                }
                members[i] = m;
                named[i] = true;
                row_of[i] = Some(row);
            }
            None => {
                added_names.insert(key, members.len());
                members.push(m);
                row_of.push(Some(row));
                done.added += 1;
            }
        }
    }
    // A second head of delegation, named by the row that makes it (the dossier's check
    // would name only the member).
    let heads: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].role == MemberRole::Head)
        .collect();
    if heads.len() > heads_before.max(1)
        && let Some(&extra) = heads.iter().rev().find(|&&i| row_of[i].is_some())
        && let Some(&first) = heads.iter().find(|&&i| i != extra)
    {
        return Err(SheetError::Cell {
            row: row_of[extra].unwrap_or(header_row),
            column: role_header.unwrap_or_else(|| "Role".to_owned()),
            message: format!(
                "makes {} a second head of delegation; {} is its head",
                crate::model::short(&members[extra].display_name()),
                crate::model::short(&members[first].display_name())
            ),
        });
    }
    done.kept = named.iter().filter(|&&n| !n).count();
    done.reading = reading;
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
