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

use super::{Grid, MAX_BYTES, MAX_COLUMNS, MAX_ROWS, SheetError};
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

/// Delegation `di`'s members with the first visible sheet of an xlsx or ods workbook
/// applied, as [`super::import_csv`] applies a CSV list.
pub fn import_book(
    bytes: &[u8],
    d: &crate::model::Dossier,
    di: usize,
) -> Result<(Vec<crate::model::Member>, super::Imported), SheetError> {
    super::apply(&read(bytes)?, d, di)
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
    let measured = measure(bytes)?;
    // A reader's arithmetic on a crafted cell reference can overflow; whatever it does with
    // a file, a refusal is what comes of it.
    std::panic::catch_unwind(|| read_measured(bytes, &measured)).unwrap_or_else(|_| {
        Err(file(
            "the workbook cannot be read (its cells are not as a spreadsheet writes them)",
        ))
    })
}

fn read_measured(bytes: &[u8], measured: &Measured) -> Result<Grid, SheetError> {
    let broken = |e: &dyn std::fmt::Display| file(format!("the workbook cannot be read: {e}"));
    let cells: Vec<((u32, u32), String)> = match &measured.content {
        // An ods: its sheets' sizes, as calamine would expand them, counted first.
        Some(content) => {
            let spans = ods_cells(content)?;
            let mut o: calamine::Ods<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
            let name = super::visible::first_visible(bytes, true, o.sheets_metadata())?;
            // Tables in the reader's order, which is the document's (names are unique).
            let table = o.sheet_names().iter().position(|n| *n == name);
            let merged = table
                .and_then(|t| spans.get(t))
                .cloned()
                .unwrap_or_default();
            let range = o.worksheet_range(&name).map_err(|e| broken(&e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut cells = Vec::new();
            let mut budget = Budget::default();
            for (i, row) in range.rows().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    let at = (r0 + i as u32, c0 + j as u32);
                    let text = text(v, at)?;
                    if !text.trim().is_empty() {
                        budget.take(at, text.len())?;
                        cells.push((at, text));
                    }
                }
            }
            spread(cells, &merged, &mut budget)?
        }
        None => {
            let mut x: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
            let name = super::visible::first_visible(bytes, false, x.sheets_metadata())?;
            let merged: Vec<Span> = x
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| broken(&e))?
                .into_iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect();
            let mut reader = x.worksheet_cells_reader(&name).map_err(|e| broken(&e))?;
            let mut cells = Vec::new();
            let mut budget = Budget::default();
            while let Some(cell) = reader.next_cell().map_err(|e| broken(&e))? {
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
                let text = text_ref(cell.get_value(), at)?;
                if !text.trim().is_empty() {
                    cells.push((at, text));
                }
            }
            drop(reader);
            spread(cells, &merged, &mut budget)?
        }
    };
    grid(cells)
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
fn spread(cells: Vec<Cell>, spans: &[Span], budget: &mut Budget) -> Result<Vec<Cell>, SheetError> {
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
                match &top {
                    Some(text) if col == c0 => {
                        budget.take((row, col), text.len())?;
                        at.insert((row, col), text.clone());
                    }
                    _ => {
                        at.remove(&(row, col));
                    }
                }
            }
        }
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

/// The header row and the rows after it, as the spreadsheet numbers them. The header is
/// the first row of two or more cells: the rows before it (a title, a date, at most a few)
/// are not part of the list.
fn grid(mut cells: Vec<((u32, u32), String)>) -> Result<Grid, SheetError> {
    const TITLE_ROWS: usize = 5;
    cells.sort_by_key(|(at, _)| *at);
    if cells.is_empty() {
        return Err(file("the first sheet is empty"));
    }
    let mut header_row = cells[0].0.0;
    let mut rows_seen = 0;
    let mut k = 0;
    while k < cells.len() && rows_seen <= TITLE_ROWS {
        let row = cells[k].0.0;
        let n = cells[k..].iter().take_while(|(at, _)| at.0 == row).count();
        header_row = row;
        if n >= 2 {
            break;
        }
        rows_seen += 1;
        k += n;
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
    Ok(Grid {
        header_row: header_row as usize + 1,
        headers,
        rows,
        // A workbook's cells are text as typed: nothing was escaped in them.
        escaped: false,
    })
}

/// What measuring the archive kept: an ods's content.xml.
struct Measured {
    content: Option<Vec<u8>>,
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
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
        let is_content = entry.name().is_ok_and(|n| n == "content.xml");
        // Wherever the workbook keeps it: the reader finds its string table by the
        // relationships, whose paths a crafted file chooses.
        let is_strings = entry
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
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
    Ok(Measured { content })
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
fn ods_cells(content: &[u8]) -> Result<Vec<Vec<Span>>, SheetError> {
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
    let mut spans: Vec<Vec<Span>> = Vec::new();
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
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table" => {
                    close_sheet(&mut bounds, &mut total);
                    (row, col) = (0, 0);
                    sheet_first = true;
                    spans.push(Vec::new());
                }
                b"table:table-row" => {
                    if !sheet_first {
                        row = row.saturating_add(row_repeat);
                    }
                    sheet_first = false;
                    row_repeat = repeat(&e, b"table:number-rows-repeated");
                    col = 0;
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let n = repeat(&e, b"table:number-columns-repeated");
                    let (down, across) = (
                        repeat(&e, b"table:number-rows-spanned"),
                        repeat(&e, b"table:number-columns-spanned"),
                    );
                    if (down > 1 || across > 1)
                        && let Some(table) = spans.last_mut()
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
                    let kind = attr(&e, b"office:value-type");
                    if attr(&e, b"calcext:value-type").as_deref() == Some("error") {
                        return Err(SheetError::Cell {
                            row: usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1),
                            column: column_name(u32::try_from(col).unwrap_or(u32::MAX)),
                            message: "holds a spreadsheet error".into(),
                        });
                    }
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
                    spaces = spaces.saturating_add(repeat(&e, b"text:c"));
                }
                _ => {}
            },
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
    Ok(spans)
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
    // A sheet's name may not begin or end with an apostrophe.
    let name = name.trim().trim_matches('\'').to_owned();
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
