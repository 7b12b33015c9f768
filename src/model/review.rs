//! Review records kept in the dossier beside its content: comments on items, approvals of
//! the content, and conflicts a merge could not decide. None of them is printed unless
//! asked for, and none of them counts as content (an approval is of the content alone).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Date, Id, Time};

/// A moment in UTC, to the minute: `"2026-12-02T09:30Z"` on disk.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp {
    pub date: Date,
    pub time: Time,
}

impl Timestamp {
    /// The clock's time now. (Reading the clock is the only outside fact the model uses;
    /// callers that need repeatable output pass a timestamp of their own.)
    pub fn now() -> Self {
        let now = time::OffsetDateTime::now_utc();
        let date = Date::new(now.year(), u8::from(now.month()), now.day());
        let time = Time::new(now.hour(), now.minute());
        match (date, time) {
            (Some(date), Some(time)) => Self { date, time },
            // A clock outside years 1–9999 is broken; the epoch reads as such.
            _ => Self {
                date: Date::new(1970, 1, 1).expect("a valid date"),
                time: Time::new(0, 0).expect("a valid time"),
            },
        }
    }

    /// "2 December 2026, 09:30 UTC", as shown to people.
    pub fn long(self) -> String {
        format!("{}, {} UTC", self.date.long(), self.time)
    }
}

impl FromStr for Timestamp {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("expected a time as YYYY-MM-DDTHH:MMZ (UTC), found {s:?}");
        let rest = s.strip_suffix('Z').ok_or_else(bad)?;
        let (date, time) = rest.split_once('T').ok_or_else(bad)?;
        Ok(Self {
            date: date.parse().map_err(|e: super::DateError| e.to_string())?,
            time: time.parse().map_err(|e: super::DateError| e.to_string())?,
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}Z", self.date, self.time)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl TryFrom<String> for Timestamp {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> Self {
        t.to_string()
    }
}

/// A reply in a comment's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub author: String,
    pub at: Timestamp,
    pub text: String,
}

/// A reviewer's remark on an item, or on one field of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: Id,
    /// The item remarked on; `None` is the dossier as a whole (its title page). A comment
    /// whose item has been removed is kept and shown as detached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Id>,
    /// The field remarked on, by its name in files ("position"), when not the whole item.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    pub author: String,
    pub at: Timestamp,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
}

/// A record that someone approved the content as it then stood. It is not a signature:
/// anyone who can edit the file can write one. What it does guarantee is that a later
/// change of content is noticed, because the hash no longer matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    pub at: Timestamp,
    /// The dossier's revision number when approved.
    pub revision: u32,
    /// SHA-256 of the canonical content (see `Dossier::content_hash`), in hex.
    pub content: String,
}

impl Approval {
    /// "Approved by NAME (ROLE) on DATE", as printed on a cover.
    pub fn line(&self) -> String {
        let role = if self.role.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.role)
        };
        format!("Approved by {}{role} on {}", self.by, self.at.date.long())
    }
}

/// Where a merge found the same thing changed two ways. The dossier holds our value (or,
/// for a marking, the higher of the two: see `note`); the conflict keeps all three, so
/// that either side can be chosen later. Values are kept as plain data (text as text, a
/// struct as a map), which reads naturally in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The part of the dossier, as named in files: "meta", "scheme", "delegations",
    /// "members", "programme", "talking_points", "security_notes", "packs".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
    /// The item in conflict; `None` for the dossier's title page (meta) and its scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Id>,
    /// What the item is, for people ("member “Dr. Korir Sing’oei” of Kenya").
    pub location: String,
    /// The field in conflict ("position", "arrival.date"); empty when the whole item is
    /// (removed on one side, changed on the other).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// Each side's value; `None` where that side has no such item or field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<serde_json::Value>,
    /// Why the merge could not decide, where it is not a field changed two ways: a
    /// marking one side lowered over what the other side changed, which stands raised
    /// until someone chooses.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Conflict {
    /// "member “X” of Kenya · position", for lists and messages.
    pub fn describe(&self) -> String {
        if self.field.is_empty() {
            self.location.clone()
        } else {
            format!("{} · {}", self.location, self.field)
        }
    }
}
