//! Reading dossier files. Every file is untrusted: it may be huge, binary, truncated,
//! crafted, or from another version. Each case ends in a located error, never a panic and
//! never a partly read dossier.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;

use super::error::{LoadError, LoadErrorKind, ParseError, Position};
use super::lex::peek_schema;
use super::migrate::{MIGRATIONS, Migration, additive_from, migrate, oldest_readable};
use super::schema::{self, CURRENT};
use crate::model::Dossier;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

pub(crate) fn ron_options() -> ron::Options {
    // `implicit_some` lets files write `start_date: "2025-03-14"` rather than
    // `Some("2025-03-14")`; the default recursion limit (128) stays on so that deeply
    // nested input is an error, not a stack overflow.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Loads and parses a dossier file: a regular file only, read without ever waiting (see
/// [`read_file`]).
pub fn load(path: &Path) -> Result<Dossier, LoadError> {
    let bytes = read_file(path, MAX_FILE_SIZE)?;
    parse_bytes(&bytes).map_err(|e| LoadError::new(path, e))
}

/// A whole regular file of at most `limit` bytes, read without ever waiting: a shared
/// folder can hold a named pipe where a dossier was, and opening a pipe waits for a
/// writer, which would freeze the window or hang a script (git's merge driver among
/// them). Pipes, devices and sockets are refused. Every file Attaché reads goes through
/// here.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let not_regular = || {
        LoadError::new(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "it is not a regular file (a pipe, a device or a socket)",
            ),
        )
    };
    // Asked first without following a link's target… (a link to a regular file is fine).
    let meta = std::fs::metadata(path).map_err(|e| LoadError::new(path, e))?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(not_regular());
    }
    // …and opened without waiting, in case it was swapped for a pipe in between.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| LoadError::new(path, e))?;
    let meta = file.metadata().map_err(|e| LoadError::new(path, e))?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(not_regular());
    }
    read_open(path, file, limit)
}

/// The size is checked before reading, and the read itself is bounded for files whose
/// size is not known in advance (files still growing).
fn read_open(path: &Path, file: File, limit: u64) -> Result<Vec<u8>, LoadError> {
    let err = |e: std::io::Error| LoadError::new(path, e);
    let meta = file.metadata().map_err(err)?;
    if meta.is_dir() {
        return Err(LoadError::new(
            path,
            std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder, not a file",
            ),
        ));
    }
    if meta.len() > limit {
        return Err(LoadError::new(
            path,
            LoadErrorKind::TooLarge {
                size: meta.len(),
                limit,
            },
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(err)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::new(
            path,
            LoadErrorKind::TooLarge {
                size: bytes.len() as u64,
                limit,
            },
        ));
    }
    Ok(bytes)
}

/// Parses the bytes of a dossier file.
pub fn parse_bytes(bytes: &[u8]) -> Result<Dossier, ParseError> {
    if let Some(not) = not_a_dossier_bytes(bytes) {
        return Err(not);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8 {
        at: Position::of_offset(bytes, e.valid_up_to()),
    })?;
    parse_str(text)
}

/// Parses the text of a dossier file.
pub fn parse_str(text: &str) -> Result<Dossier, ParseError> {
    parse_with_migrations(text, MIGRATIONS)
}

/// Parses with a given migration chain; `parse_str` uses the built-in one. Public so that
/// the migration mechanism can be tested with chains the real schema has not needed yet.
pub fn parse_with_migrations(text: &str, migrations: &[Migration]) -> Result<Dossier, ParseError> {
    // Some Windows editors begin UTF-8 files with a byte-order mark; it is not part of
    // the dossier (and is not written back).
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let bytes = text.as_bytes();
    if let Some(nul) = memchr_nul(bytes) {
        return Err(ParseError::Nul {
            at: Position::of_offset(bytes, nul),
        });
    }
    let oldest = oldest_readable(migrations);
    if let Some((version, offset)) = peek_schema(text) {
        let at = Some(Position::of_offset(bytes, offset));
        if version > u64::from(CURRENT) {
            return Err(ParseError::Newer {
                at,
                found: version,
                supported: CURRENT,
            });
        }
        if version < u64::from(oldest) {
            return Err(ParseError::NoSuchVersion {
                at,
                found: version,
                oldest,
            });
        }
        if version < u64::from(CURRENT) {
            // Safe: oldest <= version < CURRENT, both u32.
            return parse_old(text, version as u32, migrations);
        }
    }
    match ron_options().from_str::<schema::File>(text) {
        Ok(file) if file.schema == CURRENT => Ok(file.into()),
        // The schema was not where Attaché writes it (a hand-edited file): judge it now.
        Ok(file) if file.schema > CURRENT => Err(ParseError::Newer {
            at: None,
            found: file.schema.into(),
            supported: CURRENT,
        }),
        Ok(file) if file.schema < oldest => Err(ParseError::NoSuchVersion {
            at: None,
            found: file.schema.into(),
            oldest,
        }),
        Ok(file) => parse_old(text, file.schema, migrations),
        Err(e) => {
            // A newer file usually fails on a field this version does not know; saying
            // "newer version" is more useful than naming that field.
            if let Ok(probe) = ron_options().from_str::<schema::Probe>(text)
                && probe.schema > u64::from(CURRENT)
            {
                return Err(ParseError::Newer {
                    at: None,
                    found: probe.schema,
                    supported: CURRENT,
                });
            }
            Err(syntax(text, e))
        }
    }
}

fn parse_old(text: &str, version: u32, migrations: &[Migration]) -> Result<Dossier, ParseError> {
    if additive_from(version, migrations) {
        let file = ron_options()
            .from_str::<schema::File>(text)
            .map_err(|e| syntax(text, e))?;
        // The version was peeked from the text; the parse must agree, or the peek missed
        // something about how the number is written.
        if file.schema != version {
            return Err(ParseError::Migration {
                from: version,
                message: format!(
                    "the schema number reads as {} to the parser but {version} at a glance",
                    file.schema
                ),
            });
        }
        return Ok(file.into());
    }
    let value: ron::Value = ron_options().from_str(text).map_err(|e| syntax(text, e))?;
    let value = migrate(value, version, CURRENT, migrations)?;
    let file: schema::File = value.into_rust().map_err(|e| ParseError::Migration {
        from: version,
        message: format!("the upgraded file does not read as version {CURRENT}: {e}"),
    })?;
    Ok(file.into())
}

fn syntax(text: &str, e: ron::error::SpannedError) -> ParseError {
    let at = Position {
        line: e.span.start.line,
        col: e.span.start.col,
    };
    if let Some(not) = not_a_dossier_text(text) {
        return not;
    }
    if let Some(open) = unclosed_quote(text, at) {
        return ParseError::Syntax {
            message: format!(
                "the quote opened here is not closed on its line, so what follows it was \
                 read as text up to the next quote, on line {}, where reading stopped; \
                 close the quote{}",
                at.line,
                shown_line(text, open.line),
            ),
            at: open,
        };
    }
    let mut message = describe(&e.code);
    let end = Position {
        line: e.span.end.line,
        col: e.span.end.col,
    };
    // An error whose span runs to the end of the file is a cut-off file, unless the span is
    // the whole file (a file of one bad word is not truncated, just not a dossier).
    let whole = at.line == 1 && at.col <= 1;
    if !matches!(e.code, ron::Error::Eof) && at_end(text, end) && !whole {
        message = format!("the file ends too early (is it truncated?): {message}");
    }
    message.push_str(&shown_line(text, at.line));
    ParseError::Syntax { at, message }
}

/// Line `line` of `text`, to show under an error: on its own line, numbered, with
/// characters that would hide or reorder it shown as codes, cut if long.
fn shown_line(text: &str, line: usize) -> String {
    let Some(content) = text.split('\n').nth(line.saturating_sub(1)) else {
        return String::new();
    };
    // Its indentation would only push the text away from the number.
    let content = content.trim_end_matches('\r').trim_start();
    if content.trim().is_empty() {
        return String::new();
    }
    let mut shown: String = content.chars().take(120).collect();
    if content.chars().count() > 120 {
        shown.push('…');
    }
    format!("\n    {line} | {}", crate::diff::visible_line(&shown))
}

/// Where a quote was opened and never closed on its line, if the parser stopped at `at`
/// inside what that makes of the file: the last string before `at` runs over a line end
/// and holds a line that reads like a field (`name: …`), which text seldom does and a
/// file whose quote was left open always does.
fn unclosed_quote(text: &str, at: Position) -> Option<Position> {
    let offset = offset_of(text, at)?;
    let (open, close) = super::lex::last_string_before(text, offset)?;
    let inside = &text[open + 1..close];
    let (_, after_first_line) = inside.split_once('\n')?;
    let reads_like_a_field = after_first_line.lines().any(|l| {
        let l = l.trim_start();
        let name_len = l
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        name_len > 0 && l[name_len..].trim_start().starts_with(':')
    });
    reads_like_a_field.then(|| Position::of_offset(text.as_bytes(), open))
}

/// The byte offset of a line and column (columns count characters, from 1).
fn offset_of(text: &str, at: Position) -> Option<usize> {
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i + 1 == at.line {
            let col: usize = line
                .chars()
                .take(at.col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return Some(offset + col);
        }
        offset += line.len() + 1;
    }
    None
}

/// What a file that is not a dossier is, from its first bytes: a PDF, a spreadsheet, a
/// word-processor file, an image, or text in UTF-16.
fn not_a_dossier_bytes(bytes: &[u8]) -> Option<ParseError> {
    let zip_holds = |name: &[u8]| {
        bytes.len() > 4
            && bytes[..bytes.len().min(64 * 1024)]
                .windows(name.len())
                .any(|w| w == name)
    };
    let (what, hint) = if bytes.starts_with(b"%PDF") {
        ("a PDF document", OPEN_A_DOSSIER)
    } else if bytes.starts_with(b"PK\x03\x04") {
        if zip_holds(b"xl/") || zip_holds(b"opendocument.spreadsheet") {
            ("a spreadsheet (a workbook)", IMPORT_A_LIST)
        } else if zip_holds(b"word/") || zip_holds(b"opendocument.text") {
            ("a word-processor document", OPEN_A_DOSSIER)
        } else {
            ("a zip archive", OPEN_A_DOSSIER)
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        ("an older Office document (.xls or .doc)", OPEN_A_DOSSIER)
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("an image", "a photo is set on a member's details")
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        ("text in UTF-16 (\"Unicode text\")", IMPORT_A_LIST)
    } else {
        return None;
    };
    Some(ParseError::NotADossier { what, hint })
}

/// A file of comma-, semicolon- or tab-separated lines that does not parse: a list.
fn not_a_dossier_text(text: &str) -> Option<ParseError> {
    let first = text
        .trim_start_matches('\u{FEFF}')
        .lines()
        .find(|l| !l.trim().is_empty())?;
    let trimmed = first.trim_start();
    let ron_like = trimmed.starts_with(['(', '[', '{', '"', '\''])
        || trimmed.starts_with("//")
        || trimmed.starts_with("/*")
        || trimmed.starts_with("#![")
        || trimmed.contains(':');
    let separated = [',', ';', '\t']
        .iter()
        .any(|c| first.matches(*c).count() >= 1);
    let lines = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .count();
    (!ron_like && separated && lines == 2).then_some(ParseError::NotADossier {
        what: "a spreadsheet list (CSV)",
        hint: IMPORT_A_LIST,
    })
}

const IMPORT_A_LIST: &str = "to read a delegation's members from it, open the delegation \
                             and use Import members…";
const OPEN_A_DOSSIER: &str = "open a dossier (.ron) saved by Attaché";

/// Whether nothing but white space follows `at`.
fn at_end(text: &str, at: Position) -> bool {
    let Some(line) = text.split('\n').nth(at.line - 1) else {
        return true;
    };
    let rest_of_line: String = line.chars().skip(at.col.saturating_sub(1)).collect();
    let rest: usize = text.split('\n').skip(at.line).map(str::len).sum();
    rest_of_line.trim().is_empty()
        && (rest == 0 || text.split('\n').skip(at.line).all(|l| l.trim().is_empty()))
}

/// RON's messages, reworded where they would puzzle someone who is not a Rust programmer,
/// and begun in lower case to follow "error: ".
fn describe(code: &ron::Error) -> String {
    let message = match code {
        ron::Error::Eof => "the file ends too early (is it truncated?)".to_owned(),
        ron::Error::ExceededRecursionLimit => {
            "the file is nested too deeply to be a dossier".to_owned()
        }
        // The reader's own words name symbols and Rust types; say what is missing instead.
        ron::Error::ExpectedComma => {
            "a comma is missing here (between two fields, or two items of a list)".to_owned()
        }
        ron::Error::ExpectedStructLikeEnd | ron::Error::ExpectedOptionEnd => {
            "a closing “)” is missing here".to_owned()
        }
        ron::Error::ExpectedArrayEnd => "a closing “]” is missing here (end of a list)".to_owned(),
        ron::Error::ExpectedArray => "a list (“[…]”) was expected here".to_owned(),
        ron::Error::ExpectedMapColon => "a colon is missing here (after a field's name)".to_owned(),
        ron::Error::ExpectedMapEnd => "a closing “}” is missing here".to_owned(),
        ron::Error::ExpectedString | ron::Error::ExpectedStringEnd => {
            "text in quotes (\"…\") was expected here".to_owned()
        }
        ron::Error::ExpectedIdentifier => "a field's name was expected here".to_owned(),
        ron::Error::UnexpectedChar(c) => {
            format!("“{}” does not belong here", c.escape_debug())
        }
        ron::Error::TrailingCharacters => {
            "there is more after the end of the dossier (its last “)”)".to_owned()
        }
        // "expected opening `(` for struct `Dossier`" is the parser's: say it in words.
        ron::Error::ExpectedNamedStructLike(name) => format!(
            "expected “(” here, to open {}",
            match *name {
                "Dossier" | "File" => "the dossier".to_owned(),
                name => format!("a {}", name.to_lowercase()),
            }
        ),
        other => other.to_string(),
    };
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => message,
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    // `contains` on bytes is a vectorised memchr; the position is only wanted on failure.
    if bytes.contains(&0) {
        bytes.iter().position(|&b| b == 0)
    } else {
        None
    }
}
