//! Errors of reading and writing dossier files, located like a compiler's.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// A line and column, both counted from 1; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (which must be valid UTF-8 up to there).
    pub fn of_offset(text: &[u8], offset: usize) -> Self {
        let before = &text[..offset.min(text.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let col = 1 + String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count();
        Self { line, col }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Why some text is not a dossier this version can read.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("the file is not valid UTF-8 text (a binary file, or a different encoding)")]
    NotUtf8 { at: Position },
    #[error("the file contains a NUL byte: it is binary, not a dossier")]
    Nul { at: Position },
    #[error("{message}")]
    Syntax { at: Position, message: String },
    #[error("this is {what}, not a dossier: {hint}")]
    NotADossier {
        what: &'static str,
        hint: &'static str,
    },
    #[error(
        "the file uses schema version {found}, but this Attaché reads versions up to {supported}: \
         it was written by a newer Attaché; open it with that version"
    )]
    Newer {
        at: Option<Position>,
        found: u64,
        supported: u32,
    },
    #[error("schema version {found} does not exist (the first version is {oldest})")]
    NoSuchVersion {
        at: Option<Position>,
        found: u64,
        oldest: u32,
    },
    #[error("cannot upgrade the file from schema version {from}: {message}")]
    Migration { from: u32, message: String },
}

impl ParseError {
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::NotUtf8 { at } | Self::Nul { at } | Self::Syntax { at, .. } => Some(*at),
            Self::Newer { at, .. } | Self::NoSuchVersion { at, .. } => *at,
            Self::Migration { .. } | Self::NotADossier { .. } => None,
        }
    }
}

/// Why a dossier file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    #[error(
        "the file is {size} bytes, over the limit of {limit} bytes ({} MiB); it is not read",
        limit / (1024 * 1024)
    )]
    TooLarge { size: u64, limit: u64 },
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// A load error with the file it happened in.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

impl LoadError {
    pub fn new(path: &Path, kind: impl Into<LoadErrorKind>) -> Self {
        Self {
            path: path.to_owned(),
            kind: kind.into(),
        }
    }

    pub fn position(&self) -> Option<Position> {
        match &self.kind {
            LoadErrorKind::Parse(p) => p.position(),
            _ => None,
        }
    }

    /// `FILE:LINE:COL` or `FILE` when the error has no position.
    pub fn location(&self) -> String {
        match self.position() {
            Some(at) => format!("{}:{at}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.kind)
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.kind)
    }
}

/// Why a dossier could not be saved. The file on disk is unchanged when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}: cannot save ({step}): {source}", path.display())]
    Io {
        path: PathBuf,
        step: &'static str,
        source: io::Error,
    },
    #[error("{}: not saved: {message}", path.display())]
    Refused { path: PathBuf, message: String },
}
