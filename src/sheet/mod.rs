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

mod apply;
mod book;
mod dates;
mod headers;
mod numfmt;
mod text;
mod visible;

pub use book::{ExportError, export_xlsx};
pub use dates::DateOrder;
pub use headers::{Field, Unread};

use crate::model::{Delegation, Movement};

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The order of dates written with numbers alone (`--date-order`); `None`: the order
    /// a date in the list shows, else the dossier's language's.
    pub date_order: Option<DateOrder>,
    /// Columns read as the user said, by their header (`--column "Badge name=Notes"`, or
    /// the preview's choice): a header the list's office invented, or one read wrongly.
    pub columns: Vec<headers::Asked>,
}

/// The dossier with delegation `di`'s list replaced by `bytes` (a list of `kind`) applied,
/// and what changed; refused if the list is bad or would add a validation error (a second
/// head of delegation, a control character in a name, a marking the scheme does not know).
pub fn import_into(
    d: &crate::model::Dossier,
    di: usize,
    bytes: &[u8],
    kind: Kind,
    options: &Options,
) -> Result<(crate::model::Dossier, Imported), Refused> {
    let (table, source, warnings) = read(bytes, kind).map_err(Refused::List)?;
    let (members, mut done) = apply::apply(&table, d, di, options).map_err(Refused::List)?;
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
    /// Members the list names, with nothing new for them.
    pub same: usize,
    /// Members the list does not name, kept as they were.
    pub kept: usize,
    pub reading: Reading,
}

impl Imported {
    /// "2 added, 3 updated, 1 unchanged, 4 kept as they were".
    pub fn summary(&self) -> String {
        let same = if self.same > 0 {
            format!(", {} unchanged", self.same)
        } else {
            String::new()
        };
        format!(
            "{} added, {} updated{same}, {} kept as they were",
            self.added, self.updated, self.kept
        )
    }
}

/// A new member as the preview shows them, what the change list does not: their position,
/// organisation, role and movements ("Adviser · Ministry of Foreign Affairs · arrives 19
/// January 2027 06:30, KQ 2").
pub fn describe_new(m: &crate::model::Member) -> String {
    let movement = |verb: &str, mv: &Option<Movement>| -> Option<String> {
        let mv = mv.as_ref()?;
        let when = [
            mv.date.map(|d| d.long()),
            mv.time.map(|t| t.to_string()),
            (!mv.details.trim().is_empty()).then(|| format!("({})", mv.details.trim())),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        (!when.is_empty()).then(|| format!("{verb} {when}"))
    };
    let mut parts: Vec<String> = [&m.position, &m.organisation]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| crate::model::short(s).into_owned())
        .collect();
    if m.role != crate::model::MemberRole::Member {
        parts.push(m.role.label().to_owned());
    }
    parts.extend(movement("arrives", &m.arrival));
    parts.extend(movement("leaves", &m.departure));
    format!(
        "{}: {}",
        crate::model::short(&m.display_name()),
        if parts.is_empty() {
            "no details".to_owned()
        } else {
            parts.join(" · ")
        }
    )
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

/// A sheet's rows as its cells' text, each with its number as the spreadsheet shows it:
/// every row that holds anything, the title rows above the header too.
pub(crate) struct Table {
    pub rows: Vec<(usize, Vec<String>)>,
    /// Read from CSV: text a spreadsheet would run as a formula was written after an
    /// apostrophe (a workbook's text cells need no such escape), and a row wider than its
    /// header is a cell split by a separator left unquoted.
    pub csv: bool,
    /// The order a workbook shows its date cells in (their number format), and the first
    /// such cell: how the dates typed in it as text are written too.
    pub date_hint: Option<(DateOrder, String)>,
    /// Rows a workbook hides (filtered out, or hidden by hand), in order: a person
    /// looking at the list does not see them.
    pub hidden: Vec<usize>,
}

impl Table {
    fn width(&self) -> usize {
        self.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0)
    }
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
        "Notes",
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
                m.notes.clone(),
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
