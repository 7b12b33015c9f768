//! Dossier files: RON text with a schema version, read as untrusted input and written in
//! one canonical form, atomically.

mod error;
pub mod guard;
mod lex;
pub mod lock;
pub mod migrate;
mod read;
pub mod recovery;
pub mod schema;
mod stamp;
mod write;

pub use error::{LoadError, LoadErrorKind, ParseError, Position, SaveError};
pub use read::{MAX_FILE_SIZE, load, parse_bytes, parse_str, parse_with_migrations, read_file};
pub use schema::CURRENT as SCHEMA_VERSION;
pub use stamp::Stamp;
pub use write::{SaveOptions, keep_commented, save, save_text, to_string, write_atomic};

/// The byte offset of the first comment in a dossier's text, if it has one. Comments are
/// not part of the dossier, so rewriting a file would drop them; callers ask first.
pub fn first_comment(text: &str) -> Option<Position> {
    lex::first_comment(text).map(|o| Position::of_offset(text.as_bytes(), o))
}
