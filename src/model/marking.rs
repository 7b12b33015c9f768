//! Classification markings: an ordered, per-dossier scale of levels plus caveats.
//!
//! Offices use different schemes (UK OFFICIAL tiers, US U/C/S/TS), so the scale travels
//! inside each dossier. A marking names its level by the level's name; validation checks
//! the name against the dossier's scheme.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One rung of a marking scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The banner text, in capitals: `CONFIDENTIAL`.
    pub name: String,
    /// The portion mark, without parentheses: `C`.
    pub abbrev: String,
}

/// An ordered marking scale, lowest level first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkingScheme {
    pub name: String,
    pub levels: Vec<Level>,
}

impl Default for MarkingScheme {
    fn default() -> Self {
        Self::official()
    }
}

impl MarkingScheme {
    fn from_pairs(name: &str, pairs: &[(&str, &str)]) -> Self {
        Self {
            name: name.to_owned(),
            levels: pairs
                .iter()
                .map(|(name, abbrev)| Level {
                    name: (*name).to_owned(),
                    abbrev: (*abbrev).to_owned(),
                })
                .collect(),
        }
    }

    /// The default scale: OFFICIAL < OFFICIAL-SENSITIVE < CONFIDENTIAL < SECRET < TOP SECRET.
    pub fn official() -> Self {
        Self::from_pairs(
            "Official",
            &[
                ("OFFICIAL", "O"),
                ("OFFICIAL-SENSITIVE", "OS"),
                ("CONFIDENTIAL", "C"),
                ("SECRET", "S"),
                ("TOP SECRET", "TS"),
            ],
        )
    }

    /// The United States scale: UNCLASSIFIED < CONFIDENTIAL < SECRET < TOP SECRET.
    pub fn united_states() -> Self {
        Self::from_pairs(
            "United States",
            &[
                ("UNCLASSIFIED", "U"),
                ("CONFIDENTIAL", "C"),
                ("SECRET", "S"),
                ("TOP SECRET", "TS"),
            ],
        )
    }

    /// The rank of a level by name (0 is the lowest), if the scheme has it.
    pub fn rank(&self, level: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.name == level)
    }

    pub fn level(&self, name: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.name == name)
    }

    /// The lowest marking of this scheme, with no caveats.
    pub fn lowest(&self) -> Marking {
        Marking {
            level: self
                .levels
                .first()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            caveats: Vec::new(),
        }
    }

    /// The portion mark for a marking, e.g. `(C)` or `(C//REL TO KEN, USA)`.
    /// Unknown levels print their full name so that nothing is ever shown unmarked.
    pub fn portion_mark(&self, marking: &Marking) -> String {
        let abbrev = self
            .level(&marking.level)
            .map_or(marking.level.as_str(), |l| l.abbrev.as_str());
        let mut s = format!("({abbrev}");
        for caveat in &marking.caveats {
            s.push_str("//");
            s.push_str(caveat);
        }
        s.push(')');
        s
    }

    /// The high-water marking of a set of markings: the highest level, and every caveat
    /// any of them carries (a handling instruction on any part applies to the whole).
    /// Levels the scheme does not know rank above all known ones, so that a typo can never
    /// lower a banner. Returns `None` for an empty set.
    pub fn high_water<'a>(
        &self,
        markings: impl IntoIterator<Item = &'a Marking>,
    ) -> Option<Marking> {
        // A crafted scheme may have thousands of levels: rank by a table, not a scan.
        let ranks: rustc_hash::FxHashMap<&str, usize> = self
            .levels
            .iter()
            .enumerate()
            .rev()
            .map(|(i, l)| (l.name.as_str(), i))
            .collect();
        let mut best: Option<(usize, &str)> = None;
        // A set: a crafted dossier may carry a different caveat on every one of 200 000
        // members.
        let mut caveats: std::collections::BTreeSet<&str> = Default::default();
        let mut last: Option<&Marking> = None;
        for m in markings {
            // Most portions share one marking: skip the work for a repeat.
            if last == Some(m) {
                continue;
            }
            last = Some(m);
            let rank = ranks.get(m.level.as_str()).copied().unwrap_or(usize::MAX);
            if best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, &m.level));
            }
            caveats.extend(m.caveats.iter().map(String::as_str));
        }
        best.map(|(_, level)| Marking {
            level: level.to_owned(),
            caveats: caveats.into_iter().map(str::to_owned).collect(),
        })
    }
}

/// A classification: a level of the dossier's scheme plus optional caveats.
/// Written on disk as it is printed: `"CONFIDENTIAL//REL TO KEN, USA"`.
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Marking {
    pub level: String,
    pub caveats: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkingError {
    #[error("a marking needs a level, e.g. \"OFFICIAL\" or \"CONFIDENTIAL//REL TO KEN, USA\"")]
    NoLevel,
    #[error("empty caveat in marking {0:?} (caveats follow the level after \"//\")")]
    EmptyCaveat(String),
    /// A part beginning or ending with "/" is ambiguous: "A/ //B" and "A///B" would be
    /// written alike and read back as different markings.
    #[error(
        "stray \"/\" in marking {0:?}: parts are separated by \"//\", and a part cannot \
         begin or end with \"/\""
    )]
    StraySlash(String),
}

/// The longest marking accepted, in characters, and the most caveats. Real caveat lists
/// ("TOP SECRET//…//REL TO USA, GBR, CAN, AUS, NZL") stay well under both; anything
/// longer cannot be printed as a banner a reader can take in, and is refused.
pub const MAX_MARKING_CHARS: usize = 400;
pub const MAX_CAVEATS: usize = 40;

impl Marking {
    pub fn new(level: impl Into<String>) -> Self {
        Self {
            level: level.into(),
            caveats: Vec::new(),
        }
    }

    pub fn with_caveat(mut self, caveat: impl Into<String>) -> Self {
        self.caveats.push(caveat.into());
        self
    }

    /// Parses `LEVEL//CAVEAT//CAVEAT`. Surrounding spaces are trimmed. Whatever parses
    /// prints back (`Display`) as text that parses to the same marking.
    pub fn parse(s: &str) -> Result<Self, MarkingError> {
        let mut parts = s.split("//").map(str::trim);
        let level = parts.next().unwrap_or_default();
        if level.is_empty() {
            return Err(MarkingError::NoLevel);
        }
        let stray = |p: &str| p.starts_with('/') || p.ends_with('/');
        if stray(level) {
            return Err(MarkingError::StraySlash(s.to_owned()));
        }
        let caveats = parts
            .map(|c| {
                if c.is_empty() {
                    Err(MarkingError::EmptyCaveat(s.to_owned()))
                } else if stray(c) {
                    Err(MarkingError::StraySlash(s.to_owned()))
                } else {
                    Ok(c.to_owned())
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            level: level.to_owned(),
            caveats,
        })
    }
}

impl fmt::Display for Marking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.level)?;
        for c in &self.caveats {
            write!(f, "//{c}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Marking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Marking({self})")
    }
}

impl TryFrom<String> for Marking {
    type Error = MarkingError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Marking> for String {
    fn from(m: Marking) -> Self {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_caveats() {
        // A single slash belongs to a caveat; only "//" separates, and spaces are trimmed.
        let m = Marking::parse("CONFIDENTIAL // KENYA/US EYES ONLY").unwrap();
        assert_eq!(m.level, "CONFIDENTIAL");
        assert_eq!(m.caveats, vec!["KENYA/US EYES ONLY"]);
        assert_eq!(m.to_string(), "CONFIDENTIAL//KENYA/US EYES ONLY");
        assert_eq!(Marking::parse(""), Err(MarkingError::NoLevel));
        assert!(Marking::parse("SECRET//").is_err());
    }

    #[test]
    fn what_parses_prints_back_as_the_same_marking() {
        // "A/ //B" would print as "A///B", which reads as level "A", caveat "/B".
        for bad in [
            "SECRET/ //NOFORN",
            "SECRET///NOFORN",
            "SECRET//NOFORN/",
            "/SECRET",
        ] {
            assert!(
                matches!(Marking::parse(bad), Err(MarkingError::StraySlash(_))),
                "{bad}"
            );
        }
        for good in [
            "SECRET",
            "CONFIDENTIAL//KENYA/US EYES ONLY",
            "TOP SECRET // REL TO USA, GBR",
            "  OFFICIAL  ",
            "A\\//B",
            "LEVEL\n//\u{202E}X",
        ] {
            let m = Marking::parse(good).unwrap();
            assert_eq!(Marking::parse(&m.to_string()), Ok(m), "{good:?}");
        }
    }

    #[test]
    fn high_water_takes_highest_level_and_all_caveats() {
        let s = MarkingScheme::official();
        let a = Marking::new("OFFICIAL").with_caveat("REL TO KEN");
        let b = Marking::new("CONFIDENTIAL");
        let c = Marking::new("OFFICIAL-SENSITIVE").with_caveat("EYES ONLY");
        let hw = s.high_water([&a, &b, &c]).unwrap();
        assert_eq!(hw.to_string(), "CONFIDENTIAL//EYES ONLY//REL TO KEN");
        assert_eq!(s.high_water([]), None);
    }

    #[test]
    fn unknown_levels_never_lower_the_banner() {
        let s = MarkingScheme::official();
        let hw = s
            .high_water([&Marking::new("TOP SECRET"), &Marking::new("SEKRET")])
            .unwrap();
        assert_eq!(hw.level, "SEKRET");
    }

    #[test]
    fn portion_marks_use_abbreviations() {
        let s = MarkingScheme::official();
        assert_eq!(s.portion_mark(&Marking::new("CONFIDENTIAL")), "(C)");
        assert_eq!(
            s.portion_mark(&Marking::new("OFFICIAL").with_caveat("REL TO KEN, USA")),
            "(O//REL TO KEN, USA)"
        );
    }
}
