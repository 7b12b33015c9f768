//! Workbooks: xlsx (Excel) and ods (LibreOffice, OpenOffice) lists read from their first
//! sheet, and xlsx written.
//!
//! A workbook is a zip archive of XML, and hostile as any shared file: a few KB can unpack
//! to gigabytes, or claim a sheet of a million rows by a million columns. Before any sheet
//! is read, the archive's entries are counted and each is unpacked once to nothing,
//! counting its bytes, so that no more is ever unpacked than [`MAX_UNPACKED`]; an ods
//! sheet's repeated rows and cells are counted in its XML the same way before `calamine`
//! expands them; an xlsx sheet is read cell by cell, never as a whole range.

use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader};
use rustc_hash::FxHashMap;

use super::headers::column_name;
use super::{MAX_BYTES, MAX_COLUMNS, MAX_ROWS, SheetError, Table};
use crate::model::Delegation;

/// What the archive may unpack to, in all.
pub const MAX_UNPACKED: u64 = 64 << 20;
/// More entries than any workbook of one list has.
const MAX_ENTRIES: usize = 2_000;
/// Cells an ods sheet may expand to: a list of `MAX_ROWS` rows of 64 cells.
const MAX_ODS_CELLS: u64 = MAX_ROWS as u64 * 64;

fn file(message: impl Into<String>) -> SheetError {
    SheetError::File(message.into())
}

/// A workbook's first visible sheet, read.
pub(super) struct Book {
    pub table: Table,
    /// The sheet's name, as the preview names it.
    pub sheet: String,
    /// What was read but may not be what the sheet shows (a formula never calculated).
    pub warnings: Vec<String>,
}

pub(super) fn read(bytes: &[u8]) -> Result<Book, SheetError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(file(format!(
            "the workbook is {} bytes, over the limit of {MAX_BYTES}",
            bytes.len()
        )));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(file(
            "this is not an xlsx or ods workbook (an older .xls? save it as .xlsx, .ods or CSV)",
        ));
    }
    let measured = measure(bytes)?;
    // A reader's arithmetic on a crafted cell reference can overflow; whatever it does with
    // a file, a refusal is what comes of it.
    std::panic::catch_unwind(|| read_measured(bytes, &measured)).unwrap_or_else(|_| {
        Err(file(
            "the workbook cannot be read (its cells are not as a spreadsheet writes them)",
        ))
    })
}

/// Formulas with no value saved, named by their place: at most this many, then a count.
const MAX_FORMULA_WARNINGS: usize = 10;

fn read_measured(bytes: &[u8], measured: &Measured) -> Result<Book, SheetError> {
    let broken = |e: &dyn std::fmt::Display| file(format!("the workbook cannot be read: {e}"));
    let mut warnings = Vec::new();
    let mut date_hint = None;
    // Rows the sheet hides (filtered out, or hidden by hand), as the spreadsheet numbers them.
    let mut hidden: Vec<u32> = Vec::new();
    let (cells, sheet): (Vec<Cell>, String) = match &measured.content {
        // An ods: its sheets' sizes, as calamine would expand them, counted first.
        Some(content) => {
            let tables = ods_cells(content)?;
            let mut o: calamine::Ods<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
            let (name, _) = super::visible::first_visible(bytes, true, o.sheets_metadata())?;
            // Tables in the reader's order, which is the document's (names are unique).
            let table = o
                .sheet_names()
                .iter()
                .position(|n| *n == name)
                .and_then(|t| tables.get(t))
                .cloned()
                .unwrap_or_default();
            hidden.clone_from(&table.hidden);
            let range = o.worksheet_range(&name).map_err(|e| broken(&e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut cells = Vec::new();
            let mut budget = Budget::default();
            for (i, row) in range.rows().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    let at = (r0 + i as u32, c0 + j as u32);
                    // A number as the sheet shows it: the document keeps that text.
                    let text = match (v, table.shown.get(&at)) {
                        (Data::Float(_) | Data::Int(_), Some(shown)) => shown.clone(),
                        _ => text(v, at)?,
                    };
                    if !text.trim().is_empty() {
                        budget.take(at, text.len())?;
                        cells.push((at, text));
                    }
                }
            }
            once(&mut cells)?;
            (
                spread(cells, &table.spans, &mut budget, &mut warnings)?,
                name,
            )
        }
        None => {
            let mut x: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
            let (name, part) = super::visible::first_visible(bytes, false, x.sheets_metadata())?;
            hidden = part
                .and_then(|p| measured.hidden.get(&p).cloned())
                .unwrap_or_default();
            let merged: Vec<Span> = x
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| broken(&e))?
                .into_iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect();
            let mut reader = x.worksheet_cells_reader(&name).map_err(|e| broken(&e))?;
            // Each style's number format, by the style's index, and whether the workbook
            // wrote it (a built-in date format shows in each reader's own order).
            let formats: Vec<Option<(String, bool)>> = reader
                .styles()
                .iter()
                .map(|s| {
                    s.number_format.as_ref().map(|n| {
                        (
                            n.format_code.clone(),
                            n.format_id.is_none_or(|id| id >= 164),
                        )
                    })
                })
                .collect();
            // The first date cell formatted day first, and month first.
            let mut orders: [Option<String>; 2] = [None, None];
            let mut cells = Vec::new();
            let mut budget = Budget::default();
            while let Some((cell, style)) =
                reader.next_cell_with_style_id().map_err(|e| broken(&e))?
            {
                let at = cell.get_position();
                // Measured before it is copied: one long shared string in many cells.
                let len = match cell.get_value() {
                    DataRef::SharedString(s) => s.len(),
                    DataRef::String(s) => s.len(),
                    _ => 16,
                };
                if matches!(cell.get_value(), DataRef::Empty) {
                    continue;
                }
                budget.take(at, len)?;
                let written = formats.get(style).and_then(Option::as_ref);
                let format = written.map(|(code, _)| code.as_str());
                if let (DataRef::DateTime(_), Some((code, true))) = (cell.get_value(), written)
                    && let Some(order) = date_order_of(code)
                {
                    let slot = &mut orders[usize::from(order == super::DateOrder::MonthFirst)];
                    slot.get_or_insert_with(|| {
                        format!("cell {}{} is formatted {code}", column_name(at.1), at.0 + 1)
                    });
                }
                let shown = match (cell.get_value(), format) {
                    (DataRef::Float(f), Some(code)) => super::numfmt::format(*f, code),
                    (DataRef::Int(n), Some(code)) => super::numfmt::format(*n as f64, code),
                    _ => None,
                };
                let text = match shown {
                    Some(s) => s,
                    None => text_ref(cell.get_value(), at)?,
                };
                if !text.trim().is_empty() {
                    cells.push((at, text));
                }
            }
            drop(reader);
            // Dates formatted both ways say nothing of the order of the ones typed.
            date_hint = match orders {
                [Some(cell), None] => Some((super::DateOrder::DayFirst, cell)),
                [None, Some(cell)] => Some((super::DateOrder::MonthFirst, cell)),
                _ => None,
            };
            // Formulas whose value was never saved (a list written by a program, not a
            // spreadsheet): what the sheet would show is not in the file.
            let mut reader = x.worksheet_cells_reader(&name).map_err(|e| broken(&e))?;
            let mut unsaved = Vec::new();
            while let Some(cell) = reader
                .next_cell_with_formula_metadata()
                .map_err(|e| broken(&e))?
            {
                let empty = match cell.value {
                    DataRef::Empty => true,
                    DataRef::String(ref s) => s.is_empty(),
                    DataRef::SharedString(s) => s.is_empty(),
                    _ => false,
                };
                if cell.formula.is_some() && empty {
                    unsaved.push(cell.pos);
                }
            }
            drop(reader);
            for &(r, c) in unsaved.iter().take(MAX_FORMULA_WARNINGS) {
                warnings.push(format!(
                    "row {}, column {}: a formula whose value was never saved (the program \
                     that wrote the list did not calculate it), read as empty; open the list \
                     in a spreadsheet and save it again, or type the value",
                    r as usize + 1,
                    column_name(c)
                ));
            }
            if unsaved.len() > MAX_FORMULA_WARNINGS {
                warnings.push(format!(
                    "{} more formulas whose value was never saved",
                    unsaved.len() - MAX_FORMULA_WARNINGS
                ));
            }
            once(&mut cells)?;
            (spread(cells, &merged, &mut budget, &mut warnings)?, name)
        }
    };
    let mut table = table(cells, date_hint)?;
    hidden.sort_unstable();
    table.hidden = hidden.into_iter().map(|r| r as usize).collect();
    Ok(Book {
        table,
        sheet,
        warnings,
    })
}

/// Refuses a sheet that writes one cell twice (no spreadsheet does): which of the two
/// it shows cannot be told. Leaves the cells in order.
fn once(cells: &mut [Cell]) -> Result<(), SheetError> {
    cells.sort_by_key(|(at, _)| *at);
    match cells.windows(2).find(|w| w[0].0 == w[1].0) {
        Some(w) => Err(SheetError::Cell {
            row: w[0].0.0 as usize + 1,
            column: column_name(w[0].0.1),
            message: "is written twice in the sheet, which no spreadsheet does".into(),
        }),
        None => Ok(()),
    }
}

/// A merged region: its first row and column, and its last.
type Span = (u32, u32, u32, u32);

/// A cell's place (row, column) and its text.
type Cell = ((u32, u32), String);

/// More merged regions than a list has (a heading, an organisation over a few rows; one
/// a row, at most).
const MAX_SPANS: usize = 4 * MAX_ROWS;

/// The cells as a person sees them where cells are merged: whatever the covered cells hold
/// underneath (which no one sees) is not read, and a region running down rows (an
/// organisation shared by three members) gives its first cell's text to each row it
/// covers, in its column. A region across columns (a title over the list) is one cell
/// where it begins. Only rows that hold something else are filled: a region running down
/// a thousand empty rows adds none.
fn spread(
    cells: Vec<Cell>,
    spans: &[Span],
    budget: &mut Budget,
    warnings: &mut Vec<String>,
) -> Result<Vec<Cell>, SheetError> {
    if spans.is_empty() {
        return Ok(cells);
    }
    if spans.len() > MAX_SPANS {
        return Err(file(format!(
            "the sheet has {} merged regions; a list has far fewer",
            spans.len()
        )));
    }
    let mut at: FxHashMap<(u32, u32), String> = cells.into_iter().collect();
    let mut rows: Vec<u32> = at.keys().map(|(r, _)| *r).collect();
    rows.sort_unstable();
    rows.dedup();
    // The cells the regions cover, counted: rows of a list times its columns at most.
    let mut covered = 0u64;
    let mut hidden = 0usize;
    for &(a0, b0, a1, b1) in spans {
        // A reference written backwards ("C2:B2") covers the same cells.
        let (r0, r1, c0, c1) = (
            a0.min(a1),
            a0.max(a1),
            b0.min(b1),
            b0.max(b1).min(MAX_COLUMNS - 1),
        );
        let top = at.get(&(r0, c0)).cloned();
        let first = rows.partition_point(|&r| r < r0);
        for &row in rows[first..].iter().take_while(|&&r| r <= r1) {
            covered += u64::from(c1.saturating_sub(c0) + 1);
            if covered > MAX_ROWS as u64 * u64::from(MAX_COLUMNS) {
                return Err(file(
                    "the sheet's merged regions cover more cells than a list has",
                ));
            }
            for col in c0..=c1 {
                if (row, col) == (r0, c0) {
                    continue;
                }
                let under = match &top {
                    Some(text) if col == c0 => {
                        budget.take((row, col), text.len())?;
                        at.insert((row, col), text.clone())
                    }
                    _ => at.remove(&(row, col)),
                };
                // Text a spreadsheet keeps under a merged cell, which no one sees: not
                // read, and said (a list made by merging cells may have lost it so).
                if let Some(under) = under
                    && !under.trim().is_empty()
                    && Some(&under) != top.as_ref()
                {
                    hidden += 1;
                    if hidden <= MAX_FORMULA_WARNINGS {
                        warnings.push(format!(
                            "row {}, column {}: {:?} is under a merged cell, not shown, and \
                             not read",
                            row as usize + 1,
                            column_name(col),
                            crate::model::short(&under)
                        ));
                    }
                }
            }
        }
    }
    if hidden > MAX_FORMULA_WARNINGS {
        warnings.push(format!(
            "{} more cells under merged cells, not shown, are not read",
            hidden - MAX_FORMULA_WARNINGS
        ));
    }
    Ok(at.into_iter().collect())
}

/// What a sheet's cells may hold in all: the text of a list as large as a CSV one may be,
/// so that one long shared string repeated in many cells cannot become gigabytes; and no
/// cell beyond the columns and rows a list has (a Marking in a far column is refused, not
/// passed over).
#[derive(Default)]
struct Budget {
    bytes: u64,
    rows: Option<(u32, u32)>,
}

impl Budget {
    fn take(&mut self, (row, col): (u32, u32), len: usize) -> Result<(), SheetError> {
        if col >= MAX_COLUMNS {
            return Err(SheetError::Cell {
                row: row as usize + 1,
                column: column_name(col),
                message: format!("is beyond the {MAX_COLUMNS} columns a list is read from"),
            });
        }
        let (low, high) = self.rows.get_or_insert((row, row));
        (*low, *high) = ((*low).min(row), (*high).max(row));
        if (*high - *low) as usize > MAX_ROWS {
            return Err(SheetError::Row {
                row: *high as usize + 1,
                message: format!("more than {MAX_ROWS} rows: not a delegation list"),
            });
        }
        self.bytes += len as u64;
        if self.bytes > MAX_BYTES {
            return Err(file(format!(
                "the sheet holds over {} MB of text; a list is far smaller",
                MAX_BYTES >> 20
            )));
        }
        Ok(())
    }
}

/// Every row that holds anything, numbered as the spreadsheet numbers it, each as wide
/// as the widest (the header row is found among them by `headers::locate`).
fn table(
    mut cells: Vec<((u32, u32), String)>,
    date_hint: Option<(super::DateOrder, String)>,
) -> Result<Table, SheetError> {
    cells.sort_by_key(|(at, _)| *at);
    if cells.is_empty() {
        return Err(file("the first sheet is empty"));
    }
    let width = cells.iter().map(|((_, c), _)| c + 1).max().unwrap_or(0) as usize;
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for ((row, col), text) in cells {
        let number = row as usize + 1;
        if rows.last().is_none_or(|(n, _)| *n != number) {
            // No further than a list can be: the first row too many is named once the
            // header is found.
            if rows.len() > MAX_ROWS + super::headers::TITLE_ROWS {
                break;
            }
            rows.push((number, vec![String::new(); width]));
        }
        rows.last_mut().expect("just pushed").1[col as usize] = text;
    }
    Ok(Table {
        rows,
        // A workbook's cells are text as typed: nothing was escaped in them.
        csv: false,
        date_hint,
        hidden: Vec::new(),
    })
}

/// What measuring the archive kept: an ods's content.xml, and the rows each xlsx part
/// hides (by the part's name in lower case).
struct Measured {
    content: Option<Vec<u8>>,
    hidden: FxHashMap<String, Vec<u32>>,
}

/// Counts the archive's entries and unpacks each to nothing, so that what `calamine`
/// unpacks after is known to be small; an ods's content.xml is kept for [`ods_cells`].
fn measure(bytes: &[u8]) -> Result<Measured, SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(file(format!(
            "the workbook holds {} files; a list's has a few dozen",
            zip.len()
        )));
    }
    let mut total = 0u64;
    let mut content = None;
    let mut hidden = FxHashMap::default();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let is_content = name == "content.xml";
        // Wherever the workbook keeps it: the reader finds its string table by the
        // relationships, whose paths a crafted file chooses.
        let is_strings = entry
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        let is_xml = entry
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with(".xml"));
        let mut limited = (&mut entry).take(MAX_UNPACKED - total + 1);
        let n = if is_strings {
            // The reader reserves room for as many strings as the table says it holds.
            let mut counted = Counted {
                inner: std::io::BufReader::new(&mut limited),
                n: 0,
            };
            shared_strings_counts(&mut counted)?;
            std::io::copy(&mut counted, &mut std::io::sink()).map(|_| counted.n)
        } else if is_content {
            let mut kept = Vec::new();
            let n = limited.read_to_end(&mut kept);
            if n.is_ok() {
                places(&kept)?;
            }
            content = Some(kept);
            n.map(|n| n as u64)
        } else if is_xml {
            let mut kept = Vec::new();
            let n = limited.read_to_end(&mut kept);
            if n.is_ok() {
                let rows = places(&kept)?;
                if !rows.is_empty() {
                    hidden.insert(name.to_ascii_lowercase(), rows);
                }
            }
            n.map(|n| n as u64)
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
        }
        .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
        total += n;
        if total > MAX_UNPACKED {
            return Err(file(format!(
                "the workbook unpacks to over {} MB; a list is far smaller",
                MAX_UNPACKED >> 20
            )));
        }
    }
    Ok(Measured { content, hidden })
}

/// The rows and columns a spreadsheet has (Excel's, which LibreOffice keeps to).
const SHEET_ROWS: u64 = 1_048_576;
const SHEET_COLUMNS: u64 = 16_384;
/// Deeper than any workbook's XML is nested (a sheet's cells are a few levels down).
const MAX_DEPTH: usize = 256;

/// Refuses a part whose cells are not where a spreadsheet can put them: a row or a cell
/// beyond the sheet, a merged region written backwards, a shared string by a number that
/// is not one, XML nested deeper than a workbook's. The reader's own arithmetic on such
/// places overflows; they are refused here, by their place, before it reads them.
fn places(xml: &[u8]) -> Result<Vec<u32>, SheetError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    // The rows the part hides (a list has at most so many).
    let mut hidden: Vec<u32> = Vec::new();
    // Inside a cell of a shared string, and inside its value.
    let (mut shared, mut in_value) = (false, false);
    let bad = |what: String| {
        file(format!(
            "the workbook's sheet is not as a spreadsheet writes it: {what}"
        ))
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            // Broken XML is the reader's to name.
            Err(_) => return Ok(hidden),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(bad(format!("its XML is nested over {MAX_DEPTH} deep")));
                    }
                }
                let attr = |name: &[u8]| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                match e.local_name().as_ref() {
                    b"row" => {
                        let on_sheet = |r: &str| {
                            r.bytes().all(|b| b.is_ascii_digit())
                                && r.parse::<u64>()
                                    .is_ok_and(|r| (1..=SHEET_ROWS).contains(&r))
                        };
                        if let Some(r) = attr(b"r")
                            && !on_sheet(&r)
                        {
                            return Err(bad(format!(
                                "a row numbered {:?}",
                                crate::model::short(&r)
                            )));
                        }
                        if attr(b"hidden").is_some_and(|h| h == "1" || h == "true")
                            && hidden.len() < MAX_ROWS
                            && let Some(r) = attr(b"r").and_then(|r| r.parse().ok())
                        {
                            hidden.push(r);
                        }
                    }
                    b"c" => {
                        if let Some(r) = attr(b"r")
                            && cell_ref(&r).is_none()
                        {
                            return Err(bad(format!("a cell at {:?}", crate::model::short(&r))));
                        }
                        shared =
                            matches!(event, Event::Start(_)) && attr(b"t").as_deref() == Some("s");
                    }
                    b"mergeCell" => {
                        if let Some(r) = attr(b"ref") {
                            let ok = r.split_once(':').and_then(|(a, b)| {
                                let (a, b) = (cell_ref(a)?, cell_ref(b)?);
                                (a.0 <= b.0 && a.1 <= b.1).then_some(())
                            });
                            if ok.is_none() {
                                return Err(bad(format!(
                                    "a merged region {:?}",
                                    crate::model::short(&r)
                                )));
                            }
                        }
                    }
                    b"v" => in_value = shared && matches!(event, Event::Start(_)),
                    _ => {}
                }
            }
            Event::Text(ref t) if in_value => {
                let v = String::from_utf8_lossy(t.as_ref()).trim().to_owned();
                if !v.bytes().all(|b| b.is_ascii_digit()) || v.is_empty() {
                    return Err(bad(format!(
                        "a cell's shared string numbered {:?}",
                        crate::model::short(&v)
                    )));
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    b"v" => in_value = false,
                    b"c" => shared = false,
                    _ => {}
                }
            }
            Event::Eof => return Ok(hidden),
            _ => {}
        }
        buf.clear();
    }
}

/// "B4" as (row, column), each from 1, if it is a place on a sheet.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = r.split_at(letters);
    if letters == 0 || letters > 3 || row.is_empty() || !row.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let col = col.bytes().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u64 = row.parse().ok()?;
    ((1..=SHEET_ROWS).contains(&row) && (1..=SHEET_COLUMNS).contains(&col)).then_some((row, col))
}

/// A reader that counts what was read through it.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let got = self.inner.read(buf)?;
        self.n += got as u64;
        Ok(got)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.n += amt as u64;
        self.inner.consume(amt);
    }
}

/// Refuses a shared-string table that says it holds more strings than a list has cells.
/// Read as XML, as the reader reads it (the first `sst` element by its local name, after
/// any prolog, comment or prefix), so that no text trick hides the count from this check.
fn shared_strings_counts(r: &mut impl std::io::BufRead) -> Result<(), SheetError> {
    use quick_xml::events::Event;
    const MAX_STRINGS: u64 = MAX_ROWS as u64 * MAX_COLUMNS as u64;
    let mut reader = quick_xml::Reader::from_reader(r);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| file(format!("the workbook's string table is broken XML: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sst" => {
                for a in e.attributes() {
                    let a = a.map_err(|e| {
                        file(format!("the workbook's string table is broken XML: {e}"))
                    })?;
                    let name = a.key.local_name();
                    if !matches!(name.as_ref(), b"count" | b"uniqueCount") {
                        continue;
                    }
                    let value = String::from_utf8_lossy(&a.value).into_owned();
                    // Digits alone, as spreadsheets write them; anything else is refused
                    // rather than guessed at the way the reader might.
                    let n = value
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| value.parse::<u64>().ok())
                        .flatten();
                    if n.is_none_or(|n| n > MAX_STRINGS) {
                        return Err(file(format!(
                            "the workbook's string table says it holds {} strings; a list \
                             has far fewer",
                            crate::model::short(&value)
                        )));
                    }
                }
                return Ok(());
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Refuses an ods workbook whose sheets would expand to more cells than a list has:
/// calamine makes every sheet a dense range over the box its non-empty cells span (rows
/// and cells repeated in the XML counted as repeated), and spells out repeated spaces.
/// Empty cells repeated at a row's end, and empty rows at a sheet's, which every ods
/// holds, span nothing. An error cell is refused by its place, as in an xlsx. Returns each
/// table's merged regions (a cell spanning rows or columns), tables in document order.
/// An ods table as measured: its merged regions, and its numbers as the sheet shows them
/// (the document keeps the text a number format made: "0612345678", "+33 6 12 34 56 78").
#[derive(Debug, Clone, Default)]
struct OdsTable {
    spans: Vec<Span>,
    shown: FxHashMap<(u32, u32), String>,
    /// Rows the table hides (filtered out, or collapsed), as the spreadsheet numbers them.
    hidden: Vec<u32>,
}

fn ods_cells(content: &[u8]) -> Result<Vec<OdsTable>, SheetError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart, name: &[u8]| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| String::from_utf8(a.value.into_owned()).ok())
    };
    let repeat = |e: &quick_xml::events::BytesStart, name: &[u8]| -> u64 {
        attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
    };
    let mut total = 0u64;
    let mut spaces = 0u64;
    // The sheet's row and column now, the row's repeat, and the box of non-empty cells.
    let (mut row, mut col, mut row_repeat) = (0u64, 0u64, 1u64);
    let mut bounds: Option<(u64, u64, u64, u64)> = None;
    let mut sheet_first = true;
    let mut tables: Vec<OdsTable> = Vec::new();
    // A number cell being read: its place, and the text it shows so far.
    let mut showing: Option<((u32, u32), String)> = None;
    let mut paragraphs = 0usize;
    let close_sheet = |bounds: &mut Option<(u64, u64, u64, u64)>, total: &mut u64| {
        if let Some((r0, r1, c0, c1)) = bounds.take() {
            *total = total.saturating_add((r1 - r0 + 1).saturating_mul(c1 - c0 + 1));
        }
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| file(format!("the workbook's sheet is broken XML: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => match e.name().as_ref() {
                b"table:table" => {
                    close_sheet(&mut bounds, &mut total);
                    (row, col) = (0, 0);
                    sheet_first = true;
                    tables.push(OdsTable::default());
                }
                b"table:table-row" => {
                    if !sheet_first {
                        row = row.saturating_add(row_repeat);
                    }
                    sheet_first = false;
                    row_repeat = repeat(e, b"table:number-rows-repeated");
                    col = 0;
                    if attr(e, b"table:visibility").is_some_and(|v| v != "visible")
                        && let Some(table) = tables.last_mut()
                    {
                        // Rows repeated empty past the list are many and hold nothing.
                        let first = u32::try_from(row).unwrap_or(u32::MAX).saturating_add(1);
                        for r in (0..row_repeat.min(MAX_ROWS as u64) as u32)
                            .map(|k| first.saturating_add(k))
                        {
                            if table.hidden.len() < MAX_ROWS {
                                table.hidden.push(r);
                            }
                        }
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let n = repeat(e, b"table:number-columns-repeated");
                    let (down, across) = (
                        repeat(e, b"table:number-rows-spanned"),
                        repeat(e, b"table:number-columns-spanned"),
                    );
                    if (down > 1 || across > 1)
                        && let Some(table) = tables.last_mut().map(|t| &mut t.spans)
                    {
                        if table.len() >= MAX_SPANS {
                            return Err(file(format!(
                                "the sheet has over {MAX_SPANS} merged regions; a list has far fewer"
                            )));
                        }
                        let at = |x: u64| u32::try_from(x).unwrap_or(u32::MAX);
                        table.push((
                            at(row),
                            at(col),
                            at(row.saturating_add(down.saturating_sub(1))),
                            at(col.saturating_add(across.saturating_sub(1))),
                        ));
                    }
                    let kind = attr(e, b"office:value-type");
                    if attr(e, b"calcext:value-type").as_deref() == Some("error") {
                        return Err(SheetError::Cell {
                            row: usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1),
                            column: column_name(u32::try_from(col).unwrap_or(u32::MAX)),
                            message: "holds a spreadsheet error".into(),
                        });
                    }
                    let number =
                        matches!(kind.as_deref(), Some("float" | "percentage" | "currency"));
                    // The shown text of one cell (not a cell repeated across a range).
                    showing =
                        (number && n == 1 && row_repeat == 1 && matches!(event, Event::Start(_)))
                            .then(|| {
                                let at = |x: u64| u32::try_from(x).unwrap_or(u32::MAX);
                                ((at(row), at(col)), String::new())
                            });
                    paragraphs = 0;
                    if kind.is_some() {
                        let (r1, c1) = (
                            row.saturating_add(row_repeat - 1),
                            col.saturating_add(n.max(1) - 1),
                        );
                        let b = bounds.get_or_insert((row, r1, col, c1));
                        *b = (b.0.min(row), b.1.max(r1), b.2.min(col), b.3.max(c1));
                    }
                    col = col.saturating_add(n);
                }
                b"text:s" => {
                    let n = repeat(e, b"text:c");
                    spaces = spaces.saturating_add(n);
                    if let Some((_, shown)) = &mut showing
                        && shown.len() < 256
                    {
                        shown.extend(std::iter::repeat_n(' ', n.min(256) as usize));
                    }
                }
                b"text:p" => {
                    if let Some((_, shown)) = &mut showing
                        && paragraphs > 0
                    {
                        shown.push('\n');
                    }
                    paragraphs += 1;
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some((_, shown)) = &mut showing
                    && shown.len() < 256
                    && let Ok(t) = t.decode()
                {
                    shown.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, shown)) = &mut showing
                    && let Ok(Some(c)) = r.resolve_char_ref()
                {
                    shown.push(c);
                } else if let Some((_, shown)) = &mut showing
                    && let Ok(name) = r.decode()
                    && let Some(c) = quick_xml::escape::resolve_predefined_entity(&name)
                {
                    shown.push_str(c);
                }
            }
            Event::End(e) if e.name().as_ref() == b"table:table-cell" => {
                if let Some((at, shown)) = showing.take()
                    && let Some(table) = tables.last_mut()
                    && table.shown.len() < MAX_ODS_CELLS as usize
                {
                    table.shown.insert(at, shown);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        // Checked as it goes, so that a crafted sheet is stopped at once.
        let open = bounds.map_or(0, |(r0, r1, c0, c1)| {
            (r1 - r0 + 1).saturating_mul(c1 - c0 + 1)
        });
        if total.saturating_add(open) > MAX_ODS_CELLS {
            return Err(file(format!(
                "the sheet repeats its rows and cells into over {MAX_ODS_CELLS} cells; a list has far fewer"
            )));
        }
        if spaces > MAX_BYTES {
            return Err(file(format!(
                "the sheet repeats spaces into over {} MB; a list is far smaller",
                MAX_BYTES >> 20
            )));
        }
    }
    close_sheet(&mut bounds, &mut total);
    Ok(tables)
}

/// A cell's text, as a CSV list would hold it.
fn text(v: &Data, at: (u32, u32)) -> Result<String, SheetError> {
    Ok(match v {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) => date_time(dt),
        Data::DateTimeIso(s) => iso(s),
        Data::DurationIso(s) => duration(s),
        Data::Error(e) => return Err(error_cell(at, e)),
    })
}

fn text_ref(v: &DataRef, at: (u32, u32)) -> Result<String, SheetError> {
    text(&Data::from(v.clone()), at)
}

fn error_cell(at: (u32, u32), e: &calamine::CellErrorType) -> SheetError {
    SheetError::Cell {
        row: at.0 as usize + 1,
        column: column_name(at.1),
        message: format!("holds the spreadsheet error {e}"),
    }
}

/// A number as typed: 12 rather than 12.0.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// The order a date format shows day and month in: "dd/mm/yyyy hh:mm" day first,
/// "m/d/yy h:mm AM/PM" month first; a format of one of them alone, or neither, says none.
fn date_order_of(code: &str) -> Option<super::DateOrder> {
    // The date part: before any hour, outside quotes and brackets.
    let mut date = String::new();
    let (mut quoted, mut bracket) = (false, false);
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' => bracket = true,
            ']' => bracket = false,
            'h' | 'H' if !quoted && !bracket => break,
            c if !quoted && !bracket => date.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    match (date.find('d'), date.find('m')) {
        (Some(d), Some(m)) if d < m => Some(super::DateOrder::DayFirst),
        (Some(d), Some(m)) if m < d => Some(super::DateOrder::MonthFirst),
        _ => None,
    }
}

/// A spreadsheet date as the list's text: "2025-03-11", or "2025-03-11 14:30"; a duration
/// ("[h]:mm") as its hours and minutes, "36:00"; a number no calendar shows as a date
/// (negative, or past the year 9999) as the number, which a date column then refuses.
fn date_time(dt: &calamine::ExcelDateTime) -> String {
    let v = dt.as_f64();
    if dt.is_duration() {
        let minutes = (v * 1440.0).round();
        return if (0.0..1e9).contains(&minutes) {
            let m = minutes as u64;
            format!("{}:{:02}", m / 60, m % 60)
        } else {
            number(v)
        };
    }
    if !(0.0..2_958_466.0).contains(&v) {
        return number(v);
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    let date = format!("{y:04}-{mo:02}-{d:02}");
    match (dt.as_f64() < 1.0, h, mi, s) {
        // A time alone.
        (true, ..) => format!("{h:02}:{mi:02}"),
        (false, 0, 0, 0) => date,
        _ => format!("{date} {h:02}:{mi:02}"),
    }
}

/// ISO 8601 as the list's text: "2025-03-11T14:30:00" as "2025-03-11 14:30".
fn iso(s: &str) -> String {
    match s.split_once('T') {
        Some((date, time)) => {
            let hm: String = time.chars().take(5).collect();
            if hm == "00:00" {
                date.to_owned()
            } else {
                format!("{date} {hm}")
            }
        }
        None => s.to_owned(),
    }
}

/// An ISO 8601 duration as a time of day: an ods time cell "PT14H30M00S" is "14:30".
fn duration(s: &str) -> String {
    let part = |unit: char| -> Option<u32> {
        let t = s.split_once('T')?.1;
        let end = t.find(unit)?;
        let start = t[..end]
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| i + 1);
        t[start..end].parse().ok()
    };
    match (part('H'), part('M')) {
        (Some(h), m) if h < 24 => format!("{h:02}:{:02}", m.unwrap_or(0)),
        _ => s.to_owned(),
    }
}

/// Why a delegation cannot be written as an xlsx workbook.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// Longer than a workbook cell holds. CSV is offered rather than the text split
    /// across a second column: a split cell is a list other programs read wrong and a
    /// person edits wrong, where a CSV holds the text whole and imports back exactly.
    #[error(
        "{member}'s {column} is {chars} characters long, and an xlsx cell holds at most \
         {max}; export the list as CSV, which holds it whole (or shorten it)",
        max = super::MAX_CELL_CHARS
    )]
    CellTooLong {
        member: String,
        column: String,
        chars: usize,
    },
    #[error("the workbook cannot be written: {0}")]
    Writer(String),
}

/// A delegation's list as an xlsx workbook: the CSV export's columns and cells, the header
/// bold and frozen, every cell text (so that nothing typed in it runs as a formula).
pub fn export_xlsx(delegation: &Delegation) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let writer = |e: &dyn std::fmt::Display| ExportError::Writer(e.to_string());
    let csv = super::export_csv(delegation);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let name: String = delegation
        .name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    // A sheet's name may not begin or end with an apostrophe.
    let name = name.trim().trim_matches('\'').to_owned();
    if !name.trim().is_empty() {
        sheet.set_name(name.trim()).map_err(|e| writer(&e))?;
    }
    let bold = Format::new().set_bold();
    let mut headers: Vec<String> = Vec::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| writer(&e))?;
        for (c, cell) in record.iter().enumerate() {
            // The CSV escapes formula-like text with an apostrophe; a workbook cell of
            // text needs none.
            let cell = super::unescaped(cell);
            let chars = cell.chars().count();
            if chars > super::MAX_CELL_CHARS {
                return Err(ExportError::CellTooLong {
                    member: delegation
                        .members
                        .get(r.wrapping_sub(1))
                        .map(|m| crate::model::short(&m.display_name()).into_owned())
                        .unwrap_or_default(),
                    column: headers.get(c).cloned().unwrap_or_default(),
                    chars,
                });
            }
            let (r, c) = (r as u32, c as u16);
            if r == 0 {
                headers.push(cell.to_owned());
                sheet.write_string_with_format(r, c, cell, &bold)
            } else {
                sheet.write_string(r, c, cell)
            }
            .map_err(|e| writer(&e))?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| writer(&e))?;
    sheet.autofit();
    book.save_to_buffer().map_err(|e| writer(&e))
}
