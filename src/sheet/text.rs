//! CSV lists as spreadsheets write them: UTF-8 with or without a byte-order mark, UTF-16
//! with one (Excel's "Unicode text"), or Windows-1252 when the bytes are not UTF-8 (Excel's
//! "CSV" on a French or any Western-European Windows); separated by commas, semicolons
//! (where the comma is the decimal sign) or tabs; lines ended by LF, CRLF or CR alone.
//!
//! Line ends are made LF before the CSV is read, quoted ones too: a line break typed in a
//! cell stays a line break, and rows are numbered as the spreadsheet shows them whatever
//! ended the lines.

use super::{MAX_BYTES, MAX_COLUMNS, MAX_ROWS, SheetError, Table};

/// How a CSV list's text was read, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn describe(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (with a byte-order mark)",
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16 (Unicode text)",
            Encoding::Windows1252 => "Windows-1252 (the bytes are not UTF-8)",
        }
    }
}

/// The list's text, decoded.
fn decode(bytes: &[u8]) -> Result<(String, Encoding), SheetError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), Encoding::Utf8Bom))
            .map_err(|e| {
                SheetError::File(format!(
                    "the list says it is UTF-8 but byte {} is not; save it again from the \
                     spreadsheet as \"CSV UTF-8\"",
                    e.valid_up_to() + 4
                ))
            });
    }
    for (bom, encoding, ours) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if bytes.starts_with(bom) {
            let (text, malformed) = encoding.decode_without_bom_handling(&bytes[2..]);
            if malformed {
                return Err(SheetError::File(
                    "the list says it is UTF-16 (Unicode text) but is not: an odd number of \
                     bytes or a broken pair; save it again from the spreadsheet"
                        .into(),
                ));
            }
            return Ok((text.into_owned(), ours));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), Encoding::Utf8)),
        Err(_) => {
            // Windows-1252 maps every byte to a character (five to C1 controls, which the
            // model's check on control characters then names by row and column).
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), Encoding::Windows1252))
        }
    }
}

/// LF for CRLF and for CR alone, everywhere: in a quoted cell too, where a spreadsheet's
/// line break is CRLF on Windows and a lone CR in an old Mac list.
fn unix_lines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The separators a list may use, as the preview names them.
const SEPARATORS: [(u8, &str); 3] = [(b',', "comma"), (b';', "semicolon"), (b'\t', "tab")];

/// A CSV list read into rows, with how it was read.
pub(super) struct Read {
    pub table: Table,
    pub encoding: Encoding,
    pub separator: &'static str,
}

pub(super) fn read(bytes: &[u8]) -> Result<Read, SheetError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(SheetError::File(format!(
            "the list is {} bytes, over the limit of {MAX_BYTES}",
            bytes.len()
        )));
    }
    let (text, encoding) = decode(bytes)?;
    if text.contains('\0') {
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        return Err(SheetError::File(if nuls * 3 >= bytes.len() {
            "the list holds a NUL byte between its characters: UTF-16 (Unicode text) \
             written without a byte-order mark; save it again from the spreadsheet as \
             \"CSV UTF-8\" or \"Unicode text\""
                .into()
        } else {
            "the list holds NUL bytes, which no list of text has; is it a list?".into()
        }));
    }
    let text = unix_lines(&text);
    // The separator the header says: the one that makes a row among the first ones name
    // people (see `headers::locate`), else the one the first lines hold most of.
    let mut best: Option<(usize, u8, &'static str, Table)> = None;
    let mut first_error = None;
    for (sep, name) in SEPARATORS {
        let head_only = sep != b',' && !text.lines().take(20).any(|l| l.as_bytes().contains(&sep));
        if head_only {
            continue;
        }
        match rows(&text, sep) {
            Ok(table) => {
                let score = match super::headers::locate(&table, &[]) {
                    Ok((_, columns, _)) => 1000 + columns.len(),
                    Err(_) => table
                        .rows
                        .iter()
                        .take(super::headers::TITLE_ROWS)
                        .map(|(_, c)| c.len())
                        .max()
                        .unwrap_or(0),
                };
                if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                    best = Some((score, sep, name, table));
                }
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match (best, first_error) {
        (Some((_, _, separator, table)), _) => Ok(Read {
            table,
            encoding,
            separator,
        }),
        (None, Some(e)) => Err(e),
        (None, None) => Err(SheetError::File("the list is empty".into())),
    }
}

/// Every row of the text, blank ones kept (a spreadsheet shows them, and numbers the rows
/// after them accordingly), each with its row as the spreadsheet shows it.
fn rows(text: &str, sep: u8) -> Result<Table, SheetError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    // Each record with the row a spreadsheet shows it on: its first line, less the line
    // breaks inside the cells before it.
    // Lines are counted from the records' byte offsets: the reader's own count passes over
    // blank lines, which a spreadsheet shows as rows.
    let mut records: Vec<(usize, Vec<String>, usize)> = Vec::new();
    let mut inside = 0;
    let (mut counted_to, mut line) = (0usize, 1usize);
    for record in reader.records() {
        let guess = records.last().map_or(1, |(row, _, _)| row + 1);
        let record = record.map_err(|e| SheetError::Row {
            row: guess,
            message: format!("cannot be read: {e}"),
        })?;
        let byte = record
            .position()
            .map_or(counted_to, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .min(text.len());
        // The reader's position is where it began looking, before the blank lines it
        // passed over.
        let byte = byte
            + text.as_bytes()[byte..]
                .iter()
                .take_while(|&&b| b == b'\n')
                .count();
        if byte > counted_to {
            line += text.as_bytes()[counted_to..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = byte;
        }
        let row = line.saturating_sub(inside);
        // Read no further than a list can be: the header and the rows after it are
        // counted, and the first row too many named, once the header is found.
        if records.len() > MAX_ROWS + super::headers::TITLE_ROWS {
            break;
        }
        if record.len() > MAX_COLUMNS as usize {
            return Err(SheetError::Row {
                row,
                message: format!(
                    "{} columns; a list is read from at most {MAX_COLUMNS}",
                    record.len()
                ),
            });
        }
        inside += record
            .iter()
            .map(|v| v.matches('\n').count())
            .sum::<usize>();
        records.push((row, record.iter().map(str::to_owned).collect(), byte));
    }
    // A quote opened and never closed makes every row after it one cell, which the CSV
    // reader takes without complaint: the record's bytes read again as a spreadsheet
    // reads them say so (a quote inside a cell not quoted, O"Brien, is a quote).
    for (k, (row, _, start)) in records.iter().enumerate() {
        let end = records.get(k + 1).map_or(text.len(), |r| r.2);
        if text
            .as_bytes()
            .get(*start..end)
            .is_some_and(|raw| unclosed_quote(raw, sep))
        {
            return Err(SheetError::Row {
                row: *row,
                message: "a quote is opened and never closed; the rows after it would be lost"
                    .into(),
            });
        }
    }
    Ok(Table {
        rows: records
            .into_iter()
            .map(|(row, cells, _)| (row, cells))
            .collect(),
        csv: true,
        date_hint: None,
        hidden: Vec::new(),
    })
}

/// Whether a record's bytes leave a quoted cell open: a cell is quoted when it begins
/// with a quote, and closed by a quote not doubled.
fn unclosed_quote(raw: &[u8], sep: u8) -> bool {
    let mut quoted = false;
    let mut at_start = true;
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if quoted {
            if b == b'"' {
                if raw.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if at_start && b == b'"' {
            quoted = true;
        }
        at_start = !quoted && (b == sep || b == b'\n');
        i += 1;
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(bytes: &[u8]) -> (Vec<(usize, Vec<String>)>, Encoding, &'static str) {
        let r = read(bytes).unwrap();
        (r.table.rows, r.encoding, r.separator)
    }

    #[test]
    fn line_ends_of_every_kind_number_rows_as_a_spreadsheet_does() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = format!("Name,Hotel{eol}A,\"Line one{eol}line two\"{eol}{eol}B,X{eol}");
            let (rows, ..) = cells(text.as_bytes());
            let numbers: Vec<usize> = rows.iter().map(|(r, _)| *r).collect();
            // The csv reader passes over the blank line, which the spreadsheet shows as
            // row 3; B is on row 4 either way.
            assert_eq!(numbers, [1, 2, 4], "{eol:?}");
            assert_eq!(rows[1].1[1], "Line one\nline two", "{eol:?}");
        }
    }

    #[test]
    fn encodings_and_separators_as_offices_write_them() {
        let (rows, enc, sep) = cells(b"\xEF\xBB\xBFName;Minist\xC3\xA8re\r\nA;B\r\n");
        assert_eq!((enc, sep), (Encoding::Utf8Bom, "semicolon"));
        assert_eq!(rows[0].1, ["Name", "Ministère"]);

        let (rows, enc, sep) = cells(b"Nom;Pr\xE9nom;Minist\xE8re\r\nDupr\xE9;H\xE9l\xE8ne;X\r\n");
        assert_eq!((enc, sep), (Encoding::Windows1252, "semicolon"));
        assert_eq!(rows[1].1, ["Dupré", "Hélène", "X"]);

        let utf16: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain(
                "Name\tPosition\r\nAnn\tPM, acting\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let (rows, enc, sep) = cells(&utf16);
        assert_eq!((enc, sep), (Encoding::Utf16Le, "tab"));
        assert_eq!(rows[1].1, ["Ann", "PM, acting"]);
    }

    #[test]
    fn a_quote_inside_a_cell_not_quoted_is_a_quote_and_one_left_open_is_refused() {
        let (rows, ..) = cells(b"Name,Position\nSean O\"Brien,Adviser\n\"Ann \"\"A\"\" B\",X\n");
        assert_eq!(rows[1].1, ["Sean O\"Brien", "Adviser"]);
        assert_eq!(rows[2].1, ["Ann \"A\" B", "X"]);
        let Err(SheetError::Row { row, .. }) = read(b"Name,Position\nA,\"Adviser\nB,X\n") else {
            panic!("an open quote is refused");
        };
        assert_eq!(row, 2);
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_named() {
        let bytes: Vec<u8> = "Name\r\nAnn\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let Err(e) = read(&bytes) else { panic!("read") };
        assert!(e.to_string().contains("without a byte-order mark"), "{e}");
    }

    #[test]
    fn the_separator_is_the_one_the_header_is_written_with() {
        // Commas inside the title and the cells; the header is separated by semicolons.
        let (rows, _, sep) =
            cells(b"Visit, January 2027\nName;Position\nA;Minister, Foreign Affairs\n");
        assert_eq!(sep, "semicolon");
        assert_eq!(rows[2].1, ["A", "Minister, Foreign Affairs"]);
    }

    /// csv-spectrum (max-mapper/csv-spectrum, BSD-2-Clause; tests/lists/csv-spectrum):
    /// every case's cells as its JSON says.
    #[test]
    fn csv_spectrum_cases_read_as_their_json_says() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lists/csv-spectrum");
        let mut n = 0;
        for entry in std::fs::read_dir(dir.join("csvs")).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let json =
                std::fs::read_to_string(dir.join("json").join(format!("{stem}.json"))).unwrap();
            let want: Vec<serde_json::Map<String, serde_json::Value>> =
                serde_json::from_str(&json).unwrap();
            let (rows, encoding, separator) = cells(&std::fs::read(&path).unwrap());
            assert_eq!((encoding, separator), (Encoding::Utf8, "comma"), "{stem}");
            let header = &rows[0].1;
            assert_eq!(rows.len() - 1, want.len(), "{stem}");
            for ((_, row), w) in rows[1..].iter().zip(&want) {
                for (h, cell) in header.iter().zip(row) {
                    // A line break is a line break, however the file ended it.
                    let expected = w[h.as_str()].as_str().unwrap().replace("\r\n", "\n");
                    assert_eq!(*cell, expected, "{stem}: {h}");
                }
            }
            n += 1;
        }
        assert!(n >= 10, "only {n} cases");
    }
}
