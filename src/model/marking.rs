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

/// An ordered marking scale, lowest level first, and the caveats that forbid release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkingScheme {
    pub name: String,
    pub levels: Vec<Level>,
    /// Caveats that forbid release to other countries whatever a release list says
    /// ("NOFORN"): a portion carrying one releases to no one, and so does any pack that
    /// holds it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restrictive: Vec<String>,
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
            restrictive: vec!["NOFORN".to_owned()],
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
        // Beyond the limits (an error that stops every pack), it is not spelled out for
        // every portion a preview draws.
        if marking.oversized() {
            return "(MARKING BEYOND THE LIMITS)".to_owned();
        }
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

    /// What the scheme's markings mean, worked out once: ranks by name, restrictive controls
    /// by their text. Hot paths (a pack's portions, a merge's items, a list's rows) build
    /// one and ask it; a crafted scheme may have thousands of levels or controls.
    pub fn ranking(&self) -> Ranking<'_> {
        Ranking {
            ranks: self
                .levels
                .iter()
                .enumerate()
                .rev()
                .map(|(i, l)| (l.name.as_str(), i))
                .collect(),
            restrictive: self
                .restrictive
                .iter()
                .map(|r| r.trim().to_ascii_uppercase())
                .collect(),
        }
    }

    /// See [`Ranking::high_water`].
    pub fn high_water<'a>(
        &self,
        markings: impl IntoIterator<Item = &'a Marking>,
    ) -> Option<Marking> {
        self.ranking().high_water(markings)
    }

    /// See [`Ranking::is_restrictive`].
    pub fn is_restrictive(&self, caveat: &str) -> bool {
        self.ranking().is_restrictive(caveat)
    }

    /// See [`Ranking::release`].
    pub fn release(&self, m: &Marking) -> Release {
        self.ranking().release(m)
    }

    /// See [`Ranking::covers`].
    pub fn covers(&self, a: &Marking, b: &Marking) -> bool {
        self.ranking().covers(a, b)
    }

    /// See [`Ranking::compare`].
    pub fn compare(&self, old: &Marking, new: &Marking) -> Option<Comparison> {
        self.ranking().compare(old, new)
    }
}

/// A scheme's markings as it ranks them (see [`MarkingScheme::ranking`]).
pub struct Ranking<'s> {
    ranks: rustc_hash::FxHashMap<&'s str, usize>,
    /// Restrictive controls, trimmed and in capitals.
    restrictive: rustc_hash::FxHashSet<String>,
}

impl Ranking<'_> {
    /// Where a level stands among the scheme's, lowest first; `None` for a name it lacks.
    pub fn rank(&self, level: &str) -> Option<usize> {
        self.ranks.get(level).copied()
    }

    /// The high-water marking of a set of markings: the highest level, every control any
    /// of them carries (a handling instruction on any part applies to the whole), and the
    /// countries every one of them is released to. A release list only narrows as portions
    /// are combined: a portion without one releases to no one, and a restrictive control
    /// (see `restrictive`) overrides every list, so the combined marking then has none.
    /// Levels the scheme does not know rank above all known ones, so that a typo can never
    /// lower a banner. Returns `None` for an empty set.
    pub fn high_water<'a>(
        &self,
        markings: impl IntoIterator<Item = &'a Marking>,
    ) -> Option<Marking> {
        let ranks = &self.ranks;
        let mut best: Option<(usize, &str)> = None;
        // A set: a crafted dossier may carry a different caveat on every one of 200 000
        // members.
        let mut controls: std::collections::BTreeSet<&str> = Default::default();
        let mut release: Option<Release> = None;
        let mut last: Option<&Marking> = None;
        for m in markings {
            // Most portions share one marking (the very one, often): skip the work for a
            // repeat, comparing text only where it is of a marking's size.
            if last.is_some_and(|l| std::ptr::eq(l, m) || (!m.oversized() && l == m)) {
                continue;
            }
            last = Some(m);
            // A marking beyond the limits (an error that stops every pack) ranks above all
            // and releases to no one, and its caveats are not gone through again and again.
            let rank = if m.oversized() {
                usize::MAX
            } else {
                ranks.get(m.level.as_str()).copied().unwrap_or(usize::MAX)
            };
            if best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, &m.level));
            }
            if !m.oversized() {
                controls.extend(m.controls());
            }
            let own = self.release(m);
            release = Some(match release {
                None => own,
                Some(r) => r.intersect(&own),
            });
        }
        let (rank, level) = best?;
        // A level of megabytes is not copied out for every portion: it stands as one
        // nobody's scheme has, which ranks above all (the pack is refused anyway).
        let level = if rank == usize::MAX && level.len() > 4 * MAX_MARKING_CHARS {
            "MARKING BEYOND THE LIMITS"
        } else {
            level
        };
        let mut caveats: Vec<String> = controls.iter().map(|c| (*c).to_owned()).collect();
        let restricted = controls.iter().any(|c| self.is_restrictive(c));
        if let Some(list) = release.filter(|r| !restricted && !r.is_empty()) {
            caveats.push(list.caveat());
        }
        Some(Marking {
            level: level.to_owned(),
            caveats,
        })
    }

    /// Whether `caveat` is one of the scheme's restrictive controls (compared without case
    /// or surrounding spaces).
    pub fn is_restrictive(&self, caveat: &str) -> bool {
        self.restrictive
            .contains(&caveat.trim().to_ascii_uppercase())
    }

    /// The countries a marking releases to: those of its release list (of every one, if
    /// it has several), none without one or with a restrictive control.
    pub fn release(&self, m: &Marking) -> Release {
        if m.oversized() {
            return Release::default();
        }
        let mut lists = m.caveats.iter().filter_map(|c| release_list(c));
        let Some(first) = lists.next() else {
            return Release::default();
        };
        if m.caveats.iter().any(|c| self.is_restrictive(c)) {
            return Release::default();
        }
        lists.fold(Release::of(first), |r, l| r.intersect(&Release::of(l)))
    }

    /// Whether marking `a` is at least as restrictive as `b` in every respect: a level as
    /// high (a level the scheme does not know is above every known one, and level with no
    /// other), every control `b` carries, and release to no country `b` is not released
    /// to. What a portion printed under `a` may hold if it holds `b`'s text.
    pub fn covers(&self, a: &Marking, b: &Marking) -> bool {
        self.compare(b, a).is_none_or(|c| c.more && !c.less)
    }

    /// How marking `new` differs from `old` in what it allows: `None` when they mean the
    /// same (written alike, or a release list written in another order).
    pub fn compare(&self, old: &Marking, new: &Marking) -> Option<Comparison> {
        // Beyond the limits (an error that stops every pack), a marking is not read through:
        // it is neither above nor below another.
        if old.oversized() || new.oversized() {
            return (!std::ptr::eq(old, new)).then_some(Comparison {
                more: true,
                less: true,
                release_only: false,
            });
        }
        let rank = |m: &Marking| self.ranks.get(m.level.as_str()).copied();
        let level = match (rank(old), rank(new)) {
            (Some(a), Some(b)) => b.cmp(&a),
            _ if old.level == new.level => std::cmp::Ordering::Equal,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (None, Some(_)) => std::cmp::Ordering::Less,
            // Two levels the scheme does not know: neither is above the other.
            (None, None) => {
                return Some(Comparison {
                    more: true,
                    less: true,
                    release_only: false,
                });
            }
        };
        let (a, b): (
            std::collections::BTreeSet<&str>,
            std::collections::BTreeSet<&str>,
        ) = (old.controls().collect(), new.controls().collect());
        let (ra, rb) = (self.release(old), self.release(new));
        let narrowed = !rb.contains_all(&ra);
        let widened = !ra.contains_all(&rb);
        let more = level.is_gt() || !b.is_subset(&a) || narrowed;
        let less = level.is_lt() || !a.is_subset(&b) || widened;
        if !more && !less {
            return None;
        }
        Some(Comparison {
            more,
            less,
            release_only: level.is_eq() && a == b,
        })
    }
}

/// How one marking differs from another: whether it restricts more in some respect
/// (a higher level, a control added, a release list narrowed), less in some (lower,
/// removed, widened), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    pub more: bool,
    pub less: bool,
    /// Only the countries released to differ.
    pub release_only: bool,
}

impl Comparison {
    /// More restrictive and in no respect less: the marking was raised.
    pub fn raised(self) -> bool {
        self.more && !self.less
    }

    pub fn lowered(self) -> bool {
        self.less && !self.more
    }
}

/// The countries a marking is released to, as trigraphs ("KEN"), in the order first
/// written; compared without case, through a set (a crafted list may name a million).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Release {
    countries: Vec<String>,
    keys: rustc_hash::FxHashSet<String>,
}

impl Release {
    fn of(list: Vec<&str>) -> Self {
        let mut r = Release::default();
        for c in list {
            if r.keys.insert(c.to_ascii_uppercase()) {
                r.countries.push(c.to_owned());
            }
        }
        r
    }

    fn has(&self, country: &str) -> bool {
        self.keys.contains(&country.to_ascii_uppercase())
    }

    /// The countries of `self` that `other` releases to as well.
    pub fn intersect(&self, other: &Release) -> Release {
        let mut r = Release::default();
        for c in self.countries.iter().filter(|c| other.has(c)) {
            r.keys.insert(c.to_ascii_uppercase());
            r.countries.push(c.clone());
        }
        r
    }

    /// Whether every country of `other` is released to by `self`.
    pub fn contains_all(&self, other: &Release) -> bool {
        other.keys.iter().all(|c| self.keys.contains(c))
    }

    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    pub fn countries(&self) -> &[String] {
        &self.countries
    }

    /// The caveat that says it: "REL TO KEN, USA".
    pub fn caveat(&self) -> String {
        format!("REL TO {}", self.countries.join(", "))
    }
}

/// The countries of a release caveat ("REL TO KEN, USA"), or `None` if `caveat` is not
/// one.
pub fn release_list(caveat: &str) -> Option<Vec<&str>> {
    let c = caveat.trim();
    let head = c.get(..6)?;
    if !head.eq_ignore_ascii_case("REL TO") {
        return None;
    }
    let rest = &c[6..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(
        rest.split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect(),
    )
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

    /// Whether the marking is beyond what a marking may be (`MAX_MARKING_CHARS`,
    /// `MAX_CAVEATS`, counted in bytes here to stay cheap): validation refuses it, and
    /// combining or comparing treat it as unreadable rather than read a megabyte of it for
    /// every portion.
    pub fn oversized(&self) -> bool {
        self.caveats.len() > MAX_CAVEATS
            || self.level.len() + self.caveats.iter().map(String::len).sum::<usize>()
                > 4 * MAX_MARKING_CHARS
    }

    /// The caveats that are not release lists: controls that combine by accumulating.
    pub fn controls(&self) -> impl Iterator<Item = &str> {
        self.caveats
            .iter()
            .map(String::as_str)
            .filter(|c| release_list(c).is_none())
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
    fn high_water_takes_the_highest_level_every_control_and_the_common_release() {
        let s = MarkingScheme::official();
        let hw = |ms: &[&str]| {
            let ms: Vec<Marking> = ms.iter().map(|m| Marking::parse(m).unwrap()).collect();
            s.high_water(&ms).unwrap().to_string()
        };
        // A portion with no release list releases to no one: neither does the whole.
        assert_eq!(
            hw(&[
                "OFFICIAL//REL TO KEN",
                "CONFIDENTIAL",
                "OFFICIAL-SENSITIVE//EYES ONLY"
            ]),
            "CONFIDENTIAL//EYES ONLY"
        );
        assert_eq!(hw(&["SECRET//REL TO KEN, USA", "SECRET"]), "SECRET");
        // Release lists intersect, in the first list's order.
        assert_eq!(
            hw(&[
                "SECRET//REL TO KEN, USA",
                "CONFIDENTIAL//REL TO GBR, USA, KEN"
            ]),
            "SECRET//REL TO KEN, USA"
        );
        assert_eq!(
            hw(&["SECRET//REL TO KEN, USA", "SECRET//REL TO usa,GBR"]),
            "SECRET//REL TO USA"
        );
        assert_eq!(hw(&["SECRET//REL TO KEN", "SECRET//REL TO USA"]), "SECRET");
        // A restrictive control overrides every list, also on the portion that has both.
        assert_eq!(
            hw(&["SECRET//REL TO KEN", "SECRET//NOFORN//REL TO KEN"]),
            "SECRET//NOFORN"
        );
        assert_eq!(hw(&["SECRET//NOFORN//REL TO KEN"]), "SECRET//NOFORN");
        assert_eq!(s.high_water([]), None);
    }

    #[test]
    fn a_marking_covers_another_only_if_it_restricts_as_much_in_every_respect() {
        let s = MarkingScheme::official();
        let covers =
            |a: &str, b: &str| s.covers(&Marking::parse(a).unwrap(), &Marking::parse(b).unwrap());
        assert!(covers("SECRET", "OFFICIAL"));
        assert!(!covers("OFFICIAL", "SECRET"));
        assert!(covers("SECRET", "SECRET//REL TO KEN"));
        assert!(!covers("SECRET//REL TO KEN", "SECRET"));
        assert!(covers("SECRET//REL TO KEN", "SECRET//REL TO KEN, USA"));
        assert!(!covers("SECRET//REL TO KEN, USA", "SECRET//REL TO KEN"));
        assert!(covers("SECRET//REL TO USA, KEN", "SECRET//REL TO KEN, USA"));
        assert!(!covers("TOP SECRET", "SECRET//NOFORN"));
        assert!(covers("SECRET//NOFORN//REL TO KEN", "SECRET//REL TO KEN"));
        // A level the scheme does not know is above every level it knows.
        assert!(covers("SEKRET", "TOP SECRET"));
        assert!(!covers("SEKRET", "SECRETT"));
    }

    #[test]
    fn a_release_widened_or_narrowed_is_told_apart_from_a_level() {
        let s = MarkingScheme::official();
        let cmp =
            |a: &str, b: &str| s.compare(&Marking::parse(a).unwrap(), &Marking::parse(b).unwrap());
        let widened = cmp("SECRET//REL TO KEN", "SECRET//REL TO KEN, USA").unwrap();
        assert!(widened.lowered() && widened.release_only);
        let narrowed = cmp("SECRET//REL TO KEN, USA", "SECRET").unwrap();
        assert!(narrowed.raised() && narrowed.release_only);
        assert!(cmp("SECRET", "TOP SECRET").unwrap().raised());
        assert!(!cmp("SECRET", "TOP SECRET").unwrap().release_only);
        let mixed = cmp("SECRET//REL TO KEN", "TOP SECRET//REL TO KEN, USA").unwrap();
        assert!(!mixed.raised() && !mixed.lowered());
        assert_eq!(
            cmp("SECRET//REL TO KEN, USA", "SECRET//REL TO USA,KEN"),
            None
        );
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
