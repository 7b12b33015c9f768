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

use super::{Grid, MAX_BYTES, MAX_ROWS, SheetError};
use crate::model::Delegation;

/// What the archive may unpack to, in all.
pub const MAX_UNPACKED: u64 = 64 << 20;
/// More entries than any workbook of one list has.
const MAX_ENTRIES: usize = 2_000;
/// Columns beyond these are not read (a list has a few dozen).
const MAX_COLUMNS: u32 = 256;
/// Cells an ods sheet may expand to: a list of `MAX_ROWS` rows of 64 cells.
const MAX_ODS_CELLS: u64 = MAX_ROWS as u64 * 64;

fn file(message: impl Into<String>) -> SheetError {
    SheetError::File(message.into())
}

/// The delegation's members with the first sheet of an xlsx or ods workbook applied, as
/// [`super::import_csv`] applies a CSV list.
pub fn import_book(
    bytes: &[u8],
    delegation: &Delegation,
) -> Result<(Vec<crate::model::Member>, super::Imported), SheetError> {
    super::apply(&read(bytes)?, delegation)
}

fn read(bytes: &[u8]) -> Result<Grid, SheetError> {
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
    let ods_content = measure(bytes)?;
    if let Some(content) = &ods_content {
        ods_cells(content)?;
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| file(format!("the workbook cannot be read: {e}")))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(file("the workbook has no sheet"));
    };
    let cells: Vec<((u32, u32), String)> = match &mut book {
        calamine::Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(&name)
                .map_err(|e| file(format!("the sheet {name:?} cannot be read: {e}")))?;
            let mut cells = Vec::new();
            let mut first_row = None;
            while let Some(cell) = reader
                .next_cell()
                .map_err(|e| file(format!("the sheet {name:?} cannot be read: {e}")))?
            {
                let (row, col) = cell.get_position();
                if col >= MAX_COLUMNS {
                    continue;
                }
                let text = text_ref(cell.get_value(), (row, col))?;
                if text.trim().is_empty() {
                    continue;
                }
                let first = *first_row.get_or_insert(row);
                if (row - first) as usize > MAX_ROWS {
                    return Err(SheetError::Row {
                        row: row as usize + 1,
                        message: format!("more than {MAX_ROWS} rows: not a delegation list"),
                    });
                }
                cells.push(((row, col), text));
            }
            cells
        }
        calamine::Sheets::Ods(o) => {
            let range = o
                .worksheet_range(&name)
                .map_err(|e| file(format!("the sheet {name:?} cannot be read: {e}")))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut cells = Vec::new();
            for (i, row) in range.rows().enumerate() {
                for (j, v) in row.iter().enumerate().take(MAX_COLUMNS as usize) {
                    let at = (r0 + i as u32, c0 + j as u32);
                    let text = text(v, at)?;
                    if !text.trim().is_empty() {
                        cells.push((at, text));
                    }
                }
            }
            cells
        }
        _ => {
            return Err(file(
                "this workbook is neither xlsx nor ods; save it as .xlsx, .ods or CSV",
            ));
        }
    };
    grid(cells)
}

/// The header row and the rows after it, as the spreadsheet numbers them. The header is
/// the first row with a Name column among the sheet's first rows (an embassy's sheet often
/// has a title above it), else the first row with anything in it; rows above it are not
/// part of the list.
fn grid(cells: Vec<((u32, u32), String)>) -> Result<Grid, SheetError> {
    const LOOK: usize = 10;
    let Some(&((first_row, _), _)) = cells.first() else {
        return Err(file("the first sheet is empty"));
    };
    let mut seen = 0;
    let mut last = None;
    let mut header_row = first_row;
    for ((row, _), text) in &cells {
        if last != Some(*row) {
            seen += 1;
            last = Some(*row);
            if seen > LOOK {
                break;
            }
        }
        if super::field_of(text) == Some(super::Field::Name) {
            header_row = *row;
            break;
        }
    }
    let cells: Vec<((u32, u32), String)> = cells
        .into_iter()
        .filter(|((r, _), _)| *r >= header_row)
        .collect();
    let width = cells.iter().map(|((_, c), _)| c + 1).max().unwrap_or(0) as usize;
    let mut headers = vec![String::new(); width];
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for ((row, col), text) in cells {
        if row == header_row {
            headers[col as usize] = text;
            continue;
        }
        let number = row as usize + 1;
        if rows.last().is_none_or(|(n, _)| *n != number) {
            if rows.len() >= MAX_ROWS {
                return Err(SheetError::Row {
                    row: number,
                    message: format!("more than {MAX_ROWS} rows: not a delegation list"),
                });
            }
            rows.push((number, vec![String::new(); width]));
        }
        rows.last_mut().expect("just pushed").1[col as usize] = text;
    }
    // The header need not start the sheet: rows are numbered as the spreadsheet shows
    // them, and "row 1" in messages is then the header's own row.
    Ok(Grid { headers, rows })
}

/// Counts the archive's entries and unpacks each to nothing, so that what `calamine`
/// unpacks after is known to be small; an ods's content.xml is kept for [`ods_cells`].
fn measure(bytes: &[u8]) -> Result<Option<Vec<u8>>, SheetError> {
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
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
        let is_content = entry.name().is_ok_and(|n| n == "content.xml");
        let mut limited = (&mut entry).take(MAX_UNPACKED - total + 1);
        let n = if is_content {
            let mut kept = Vec::new();
            let n = limited.read_to_end(&mut kept);
            content = Some(kept);
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
    Ok(content)
}

/// Refuses an ods sheet whose repeated rows and cells would expand to more cells than a
/// list has (`calamine` would make each one). Empty cells repeated at a row's end, and
/// empty rows repeated at the sheet's, are what every ods file holds, and cost nothing.
fn ods_cells(content: &[u8]) -> Result<(), SheetError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut total = 0u64;
    let mut row_repeat = 1u64;
    let mut row_cells = 0u64;
    let mut pending_empty = 0u64;
    let mut tables = 0;
    let repeat = |e: &quick_xml::events::BytesStart, name: &[u8]| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
            .unwrap_or(1)
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| file(format!("the workbook's sheet is broken XML: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table" => tables += 1,
                b"table:table-row" if tables == 1 => {
                    row_repeat = repeat(&e, b"table:number-rows-repeated");
                    row_cells = 0;
                    pending_empty = 0;
                }
                b"table:table-cell" | b"table:covered-table-cell" if tables == 1 => {
                    let n = repeat(&e, b"table:number-columns-repeated");
                    // A cell shows something only with a value type.
                    let empty = !e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == b"office:value-type");
                    if empty {
                        pending_empty = pending_empty.saturating_add(n);
                    } else {
                        row_cells = row_cells.saturating_add(pending_empty).saturating_add(n);
                        pending_empty = 0;
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"table:table-row" && tables == 1 => {
                if row_cells > 0 {
                    total = total.saturating_add(row_cells.saturating_mul(row_repeat));
                }
                if total > MAX_ODS_CELLS {
                    return Err(file(format!(
                        "the sheet repeats its rows and cells into over {MAX_ODS_CELLS} cells; a list has far fewer"
                    )));
                }
            }
            // Only the first sheet is read.
            Event::End(e) if e.name().as_ref() == b"table:table" && tables == 1 => return Ok(()),
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
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
        Data::DateTimeIso(s) | Data::DurationIso(s) => iso(s),
        Data::Error(e) => return Err(error_cell(at, e)),
    })
}

fn text_ref(v: &DataRef, at: (u32, u32)) -> Result<String, SheetError> {
    Ok(match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(dt) => date_time(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => iso(s),
        DataRef::Error(e) => return Err(error_cell(at, e)),
    })
}

fn error_cell(at: (u32, u32), e: &calamine::CellErrorType) -> SheetError {
    SheetError::Cell {
        row: at.0 as usize + 1,
        column: column_name(at.1),
        message: format!("holds the spreadsheet error {e}"),
    }
}

/// "A", "B", … "AA": a column as the spreadsheet names it.
fn column_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// A number as typed: 12 rather than 12.0.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// A spreadsheet date as the list's text: "2025-03-11", or "2025-03-11 14:30".
fn date_time(dt: &calamine::ExcelDateTime) -> String {
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

/// A delegation's list as an xlsx workbook: the CSV export's columns and cells, the header
/// bold and frozen, every cell text (so that nothing typed in it runs as a formula).
pub fn export_xlsx(delegation: &Delegation) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
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
    if !name.trim().is_empty() {
        sheet.set_name(name.trim()).map_err(|e| e.to_string())?;
    }
    let bold = Format::new().set_bold();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        for (c, cell) in record.iter().enumerate() {
            // The CSV escapes formula-like text with an apostrophe; a workbook cell of
            // text needs none.
            let cell = super::unescaped(cell);
            let (r, c) = (r as u32, c as u16);
            if r == 0 {
                sheet.write_string_with_format(r, c, cell, &bold)
            } else {
                sheet.write_string(r, c, cell)
            }
            .map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    sheet.autofit();
    book.save_to_buffer().map_err(|e| e.to_string())
}
