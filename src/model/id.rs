//! Stable item ids.
//!
//! Ids are short ASCII strings rather than numbers so that hand-written files can use
//! readable ones (`"ken-singoei"`) while generated ones stay collision-free across
//! colleagues editing the same dossier on different machines (random 64-bit hex).

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// The longest id accepted; ids are references, not content.
pub const MAX_ID_LEN: usize = 64;

/// A stable identifier of one dossier item, kept across edits, reorders and saves.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

/// Why a string is not a valid [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("an id is at most {MAX_ID_LEN} characters long")]
    TooLong,
    #[error("an id may only contain ASCII letters, digits, '-', '_' and '.' (found {0:?})")]
    BadChar(char),
}

impl Id {
    /// Parses and checks an id.
    pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
        let s = s.into();
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if s.len() > MAX_ID_LEN {
            return Err(IdError::TooLong);
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        {
            return Err(IdError::BadChar(c));
        }
        Ok(Self(s))
    }

    /// A fresh random id. Randomness (not a counter) keeps ids unique when two people
    /// add items to copies of the same dossier and later merge them.
    pub fn random() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        // `RandomState` is seeded from the OS once per process; mixing in a counter makes
        // successive ids differ without pulling in a random-number crate.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        Self::from_u64(hasher.finish())
    }

    /// A deterministic id from a number (used by generators that need repeatable output).
    pub fn from_u64(n: u64) -> Self {
        Self(format!("{n:016x}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Id {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> Self {
        id.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_readable_and_generated_ids() {
        assert!(Id::new("ken-singoei").is_ok());
        assert!(Id::new("a.b_c-9").is_ok());
        let r = Id::random();
        assert_eq!(r.as_str().len(), 16);
        assert_ne!(Id::random(), Id::random());
    }

    #[test]
    fn rejects_bad_ids() {
        assert_eq!(Id::new(""), Err(IdError::Empty));
        assert_eq!(Id::new("a b"), Err(IdError::BadChar(' ')));
        assert_eq!(Id::new("é"), Err(IdError::BadChar('é')));
        assert_eq!(Id::new("x".repeat(65)), Err(IdError::TooLong));
    }
}
