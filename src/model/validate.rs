//! Validation rules. Each problem says where it is (item and field) and how bad it is, so
//! that the command line can print it and the editor can jump to it.

use super::text::{check_text, is_bidi_control, short};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;

use super::{
    Date, Dossier, Id, ItemRef, MAX_CAVEATS, MAX_MARKING_CHARS, Marking, MemberRole, Portions,
    Section, Time,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub item: ItemRef,
    /// The field's name as written in files, when the problem is in one field.
    pub field: Option<&'static str>,
    pub message: String,
    /// Whether the problem stops a pack: a marking that cannot be printed right (a level
    /// the scheme does not know, which cannot be ranked, so no banner can be worked out
    /// from it; one too long to print as a banner, or holding characters that disguise
    /// text), or a name so long that printing it wherever it is referred to would make a
    /// pack of thousands of pages.
    pub blocks_pack: bool,
}

impl Problem {
    /// Whether no pack may be made until this is mended: a bad marking (see
    /// `blocks_pack`), or a broken marking scheme, could mark a pack wrongly. (A part marked above the
    /// dossier is an error too, but the banner takes the highest marking, so the pack is
    /// still marked right.)
    pub fn stops_pack(&self) -> bool {
        self.severity == Severity::Error && (self.blocks_pack || self.item == ItemRef::Scheme)
    }

    /// Where the problem is, for people: `delegation 1 “Kenya” › member 2 “Dr. Korir
    /// Sing’oei” › full_name`. Numbers count from 1, as precedence does.
    pub fn path(&self, d: &Dossier) -> String {
        self.item.describe(d, self.field)
    }
}

/// The most levels a marking scheme may have: real ones have four to six.
pub const MAX_LEVELS: usize = 32;

/// The longest name a member may have, honorific included, in characters. The longest
/// real names with titles run to about a hundred.
pub const MAX_NAME_CHARS: usize = 300;

struct Checker<'a> {
    dossier: &'a Dossier,
    problems: Vec<Problem>,
    /// What the scheme's markings mean, made once (ranks by name: the first of a repeated
    /// name, as `MarkingScheme::rank`).
    ranking: super::marking::Ranking<'a>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        severity: Severity,
        item: ItemRef,
        field: Option<&'static str>,
        message: String,
    ) {
        self.problems.push(Problem {
            severity,
            item,
            field,
            message,
            blocks_pack: false,
        });
    }

    fn error(&mut self, item: ItemRef, field: &'static str, message: impl Into<String>) {
        self.push(Severity::Error, item, Some(field), message.into());
    }

    fn warning(&mut self, item: ItemRef, field: Option<&'static str>, message: impl Into<String>) {
        self.push(Severity::Warning, item, field, message.into());
    }

    fn required(&mut self, item: ItemRef, field: &'static str, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.error(item, field, format!("{what} is empty"));
        }
    }

    /// An error in a marking: no pack can be printed until it is mended.
    fn marking_error(&mut self, item: ItemRef, message: String) {
        self.marking_error_in(item, "marking", message);
    }

    fn marking_error_in(&mut self, item: ItemRef, field: &'static str, message: String) {
        self.error(item, field, message);
        if let Some(p) = self.problems.last_mut() {
            p.blocks_pack = true;
        }
    }

    fn marking(&mut self, item: ItemRef, marking: Option<&Marking>) {
        self.marking_in(item, "marking", marking);
    }

    /// A marking in `field` of `item`: readable as it prints, of a level the scheme has,
    /// and, but for the dossier's own, under the dossier's.
    fn marking_in(&mut self, item: ItemRef, field: &'static str, marking: Option<&Marking>) {
        let Some(m) = marking else { return };
        let scheme = &self.dossier.scheme;
        // Length first: a megabyte of caveats is not worth reading any further.
        let chars = m.level.chars().count()
            + m.caveats
                .iter()
                .map(|c| c.chars().count() + 2)
                .sum::<usize>();
        if chars > MAX_MARKING_CHARS || m.caveats.len() > MAX_CAVEATS {
            self.marking_error_in(
                item,
                field,
                format!(
                    "the marking is {chars} characters long with {} caveats; a marking may \
                     have at most {MAX_MARKING_CHARS} characters and {MAX_CAVEATS} caveats",
                    m.caveats.len()
                ),
            );
            return;
        }
        if let Some(msg) = std::iter::once(&m.level)
            .chain(&m.caveats)
            .find_map(|part| check_marking_text(part))
        {
            self.marking_error_in(item, field, format!("the marking {msg}"));
            return;
        }
        // "REL TO: GBR", "RELTO GBR": read as a control, it would be printed on a banner
        // as if it released, while combining as if it did not.
        if let Some(c) = m.caveats.iter().find(|c| !release_is_written_right(c)) {
            self.marking_error_in(
                item,
                field,
                format!(
                    "the caveat “{}” looks like a release list but is not written as one: \
                     write “REL TO ” and the countries' codes, separated by commas (“REL TO \
                     KEN, USA”)",
                    short(c)
                ),
            );
            return;
        }
        let Some(rank) = self.ranking.rank(&m.level) else {
            let known: Vec<_> = scheme.levels.iter().map(|l| short(&l.name)).collect();
            self.marking_error_in(
                item,
                field,
                format!(
                    "marking level “{}” is not in the scheme “{}” (expected one of: {})",
                    m.level,
                    short(&scheme.name),
                    known.join(", ")
                ),
            );
            return;
        };
        if item == ItemRef::Meta && field == "marking" {
            return;
        }
        let dossier = &self.dossier.meta.marking;
        // The dossier's own marking beyond the limits is its error; nothing is measured
        // against it (reading it for every portion would cost its length each time).
        if dossier.oversized() {
            return;
        }
        if let Some(ceiling) = self.ranking.rank(&dossier.level)
            && rank > ceiling
        {
            self.error(
                item,
                field,
                format!("marked {m}, above the dossier's marking {dossier}"),
            );
        }
        if let Some(c) = m.controls().find(|c| !dossier.controls().any(|d| d == *c)) {
            self.error(
                item,
                field,
                format!("caveat “{c}” is not on the dossier's marking {dossier}"),
            );
        }
        // The dossier's marking may not release what one of its portions does not.
        let (own, whole) = (self.ranking.release(m), self.ranking.release(dossier));
        if !own.contains_all(&whole) {
            self.error(
                item,
                field,
                format!(
                    "marked {m}, which releases to {}, but the dossier's marking {dossier} \
                     releases to {}; a dossier's marking may release only what each of its \
                     portions releases",
                    released_to(&own),
                    released_to(&whole)
                ),
            );
        }
    }
}

/// Whether a caveat that looks like a release list ("REL TO", "RELTO", "REL: GBR",
/// "RELEASABLE TO") is one as Attaché reads it, each country a code of letters and digits.
/// A caveat that does not look like one is a control, and fine.
fn release_is_written_right(caveat: &str) -> bool {
    let words: Vec<String> = caveat
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    let looks = match words.as_slice() {
        [first, ..] if first == "REL" || first.starts_with("RELTO") => true,
        [first, second, ..] if first == "RELEASABLE" && second == "TO" => true,
        _ => false,
    };
    if !looks {
        return true;
    }
    super::marking::release_list(caveat).is_some_and(|countries| {
        !countries.is_empty()
            && countries.iter().all(|c| {
                (2..=10).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    })
}

/// "KEN, USA", or "no one".
fn released_to(r: &super::Release) -> String {
    if r.is_empty() {
        "no one".to_owned()
    } else {
        short(&r.countries().join(", ")).into_owned()
    }
}

/// Whether text prints as nothing: it has no character but spaces and characters that
/// print as nothing (see `is_invisible_in_marking`), controls included.
pub fn blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_invisible_in_marking(c))
}

/// Whether a name is a word that stands in for one until it is known ("To be confirmed",
/// "TBC", "N/A", "—", "[name]", "à confirmer"): typed where offices leave a gap in Word, it
/// would print on a place card and at a seat as if it were someone's name.
pub fn placeholder_name(text: &str) -> bool {
    if text.chars().count() > 40 {
        return false;
    }
    let wrapping = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '[' | ']'
                    | '('
                    | ')'
                    | '{'
                    | '}'
                    | '<'
                    | '>'
                    | '"'
                    | '\''
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '«'
                    | '»'
                    | '.'
                    | '…'
                    | '!'
                    | '*'
                    | '_'
            )
    };
    let words: Vec<String> = text
        .trim_matches(wrapping)
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let name = words.join(" ");
    const PLACEHOLDERS: &[&str] = &[
        // Dashes and question marks alone.
        "-",
        "--",
        "---",
        "—",
        "–",
        "?",
        "??",
        "???",
        "x",
        "xx",
        "xxx",
        "xxxx",
        // English.
        "tbc",
        "tbd",
        "tba",
        "n/a",
        "n.a",
        "to be confirmed",
        "to be determined",
        "to be announced",
        "to be advised",
        "to be named",
        "name",
        "name tbc",
        "name to be confirmed",
        "name tbd",
        "full name",
        "unknown",
        "placeholder",
        "vacant",
        "not known",
        "awaiting confirmation",
        "pending",
        "tbc tbc",
        // French.
        "à confirmer",
        "a confirmer",
        "à préciser",
        "a preciser",
        "à déterminer",
        "a determiner",
        "à définir",
        "a definir",
        "à venir",
        "nom",
        "nom à confirmer",
        "nom a confirmer",
        "nom et prénom",
        "prénom nom",
        "n/d",
        "nc",
        "n.c",
        "inconnu",
        "inconnue",
        "non communiqué",
        "non communiquée",
        "en attente",
    ];
    PLACEHOLDERS.contains(&name.as_str())
}

/// Characters that print as nothing (or as a space) and so make two different markings or
/// levels look alike: "SECRET" and "SECRET" with a zero-width space after it, which would
/// rank differently. Line breaks and tabs are ordinary in text fields but not in a marking.
fn is_invisible_in_marking(c: char) -> bool {
    matches!(c,
        '\n' | '\t' | '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
        | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

#[derive(PartialEq, Clone, Copy)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

fn script(c: char) -> Option<Script> {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' => Some(Script::Latin),
        '\u{0370}'..='\u{03FF}' => Some(Script::Greek),
        '\u{0400}'..='\u{04FF}' => Some(Script::Cyrillic),
        _ => None,
    }
}

/// A word whose letters mix Latin with Greek or Cyrillic ("SЕCRET" with a Cyrillic Е) reads
/// as another word than it is.
fn mixes_scripts(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == '/')
        .any(|word| {
            let mut scripts = word.chars().filter_map(script);
            scripts
                .next()
                .is_some_and(|first| scripts.any(|other| other != first))
        })
}

/// What a level's name or abbreviation looks like: Greek and Cyrillic capitals that look
/// like Latin ones, and the digits 0 and 1, read as those letters. Two levels whose
/// names or abbreviations look alike ("(O)" in Latin and in Cyrillic) cannot be told apart
/// on paper.
fn looks(text: &str) -> String {
    let folded: String = text
        .chars()
        .flat_map(char::to_uppercase)
        .map(|c| match c {
            'А' | 'Α' => 'A',
            'В' | 'Β' => 'B',
            'С' | 'Ϲ' => 'C',
            'Е' | 'Ε' => 'E',
            'Н' | 'Η' => 'H',
            'І' | 'Ι' | 'Ӏ' | '1' => 'I',
            'Ј' => 'J',
            'К' | 'Κ' => 'K',
            'М' | 'Μ' => 'M',
            'Ν' => 'N',
            'О' | 'Ο' | '0' => 'O',
            'Р' | 'Ρ' => 'P',
            'Ѕ' => 'S',
            'Т' | 'Τ' => 'T',
            'Х' | 'Χ' => 'X',
            'У' | 'Υ' | 'Ү' => 'Y',
            'Ζ' => 'Z',
            c => c,
        })
        .collect();
    name_key(&folded)
}

/// A marking's or a level's text: as any text, and nothing invisible.
fn check_marking_text(text: &str) -> Option<String> {
    check_text(text).or_else(|| {
        if mixes_scripts(text) {
            return Some(
                "mixes Latin with Greek or Cyrillic letters in one word, which look alike: \
                 markings must read as they are"
                    .to_owned(),
            );
        }
        if let Some(c) = text.chars().find(|&c| c.is_whitespace() && c != ' ') {
            return Some(format!(
                "contains U+{:04X}, a space other than the ordinary one, which looks like it \
                 and reads otherwise: markings must read as they are",
                c as u32
            ));
        }
        let c = text.chars().find(|&c| is_invisible_in_marking(c))?;
        Some(format!(
            "contains U+{:04X}, which does not show when printed: markings must read as \
             they are",
            c as u32
        ))
    })
}

/// A name compared as people would: case and spacing do not make two names different.
pub fn name_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The index of the first item that had `key`, when `i` is not it. The first holder stays
/// the one named, however many repeat it.
fn first_holder(seen: &mut HashMap<String, usize>, key: String, i: usize) -> Option<usize> {
    match seen.entry(key) {
        std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(i);
            None
        }
    }
}

/// Checks a dossier. Problems come in document order.
pub fn validate(d: &Dossier) -> Vec<Problem> {
    let mut c = Checker {
        dossier: d,
        problems: Vec::new(),
        ranking: d.scheme.ranking(),
    };

    // Scheme.
    if d.scheme.levels.len() > MAX_LEVELS {
        c.error(
            ItemRef::Scheme,
            "levels",
            format!(
                "the marking scheme has {} levels; a scheme may have at most {MAX_LEVELS}",
                d.scheme.levels.len()
            ),
        );
    }
    if d.scheme.levels.is_empty() {
        c.error(
            ItemRef::Scheme,
            "levels",
            "the marking scheme has no levels",
        );
    }
    // Names and abbreviations both tell levels apart: a SECRET portion given OFFICIAL's
    // abbreviation would print as "(O)".
    let mut names: HashMap<String, usize> = HashMap::default();
    let mut abbrevs: HashMap<String, usize> = HashMap::default();
    // Every level's name as it looks, once: a crafted scheme may have thousands.
    let mut name_looks: HashMap<String, usize> = HashMap::default();
    for (i, level) in d.scheme.levels.iter().enumerate() {
        name_looks.entry(looks(&level.name)).or_insert(i);
    }
    for (i, level) in d.scheme.levels.iter().enumerate() {
        if level.name.trim().is_empty() || level.abbrev.trim().is_empty() {
            c.error(
                ItemRef::Scheme,
                "levels",
                "a level needs a name and an abbreviation",
            );
            continue;
        }
        if let Some(msg) =
            check_marking_text(&level.name).or_else(|| check_marking_text(&level.abbrev))
        {
            c.error(ItemRef::Scheme, "levels", format!("level {msg}"));
        }
        let chars = level.name.chars().count() + level.abbrev.chars().count();
        if chars > MAX_MARKING_CHARS {
            c.error(
                ItemRef::Scheme,
                "levels",
                format!(
                    "level {} is longer than a marking may be ({MAX_MARKING_CHARS} characters)",
                    i + 1
                ),
            );
            continue;
        }
        // A level named like a release list would print a banner that reads as one.
        if !release_is_written_right(&level.name)
            || !release_is_written_right(&level.abbrev)
            || super::marking::release_list(&level.name).is_some()
            || super::marking::release_list(&level.abbrev).is_some()
        {
            c.error(
                ItemRef::Scheme,
                "levels",
                format!(
                    "level “{}” is named like a release list (“REL TO …”), which a banner \
                     would read as one",
                    short(&level.name)
                ),
            );
            if let Some(p) = c.problems.last_mut() {
                p.blocks_pack = true;
            }
        }
        // An abbreviation is printed between parentheses as a portion mark: "S//REL TO
        // USA" or "S) (TS" would print a mark that says what the marking does not.
        if level.abbrev.contains(['/', '(', ')']) || level.abbrev.trim() != level.abbrev {
            c.error(
                ItemRef::Scheme,
                "levels",
                format!(
                    "level “{}” has the abbreviation “{}”: an abbreviation has no “/”, no \
                     parentheses and no spaces at either end, as it is printed in portion marks",
                    short(&level.name),
                    short(&level.abbrev)
                ),
            );
            if let Some(p) = c.problems.last_mut() {
                p.blocks_pack = true;
            }
        }
        // A level is named in markings as it is: "TOP SECRET//REL TO KEN" must read back
        // with this level.
        match Marking::parse(&level.name) {
            Ok(m) if m.level == level.name && m.caveats.is_empty() => {}
            _ => c.error(
                ItemRef::Scheme,
                "levels",
                format!(
                    "level “{}” cannot be written in a marking (no \"//\", no stray \"/\" or \
                     spaces at either end)",
                    short(&level.name)
                ),
            ),
        }
        // Nor may an abbreviation read as another level's name: SECRET abbreviated
        // "OFFICIAL" would print a SECRET portion as "(OFFICIAL)".
        if let Some(other) = name_looks
            .get(&looks(&level.abbrev))
            .filter(|&&j| j != i)
            .map(|&j| (j, &d.scheme.levels[j]))
        {
            c.error(
                ItemRef::Scheme,
                "levels",
                format!(
                    "level “{}” is abbreviated “{}”, the name of level “{}” (or one that \
                     looks the same): its portion marks would read as that level",
                    short(&level.name),
                    short(&level.abbrev),
                    short(&other.1.name)
                ),
            );
            if let Some(p) = c.problems.last_mut() {
                p.blocks_pack = true;
            }
        }
        for (map, what, text) in [
            (&mut names, "name", &level.name),
            (&mut abbrevs, "abbreviation", &level.abbrev),
        ] {
            if let Some(first) = first_holder(map, looks(text), i) {
                c.error(
                    ItemRef::Scheme,
                    "levels",
                    format!(
                        "level “{}” has the {what} “{text}” of level “{}” (or one that \
                         looks the same); levels must be told apart by name and by abbreviation",
                        short(&level.name),
                        short(&d.scheme.levels[first].name)
                    ),
                );
            }
        }
    }

    // A restrictive control is named in markings as written there: one caveat, never a
    // release list (which it overrides).
    for r in d.scheme.restrictive.iter().take(MAX_CAVEATS + 1) {
        let bad = if r.trim().is_empty() {
            Some("is empty".to_owned())
        } else if r.chars().count() > MAX_MARKING_CHARS {
            Some(format!(
                "is longer than a marking may be ({MAX_MARKING_CHARS} characters)"
            ))
        } else if super::marking::release_list(r).is_some() || !release_is_written_right(r) {
            Some("is a release list; restrictive controls are caveats such as NOFORN".to_owned())
        } else if r.contains("//") {
            Some("holds \"//\", which separates caveats".to_owned())
        } else {
            check_marking_text(r)
        };
        if let Some(msg) = bad {
            c.error(
                ItemRef::Scheme,
                "restrictive",
                format!("the restrictive control “{}” {msg}", short(r)),
            );
        }
    }
    if d.scheme.restrictive.len() > MAX_CAVEATS {
        c.error(
            ItemRef::Scheme,
            "restrictive",
            format!(
                "the scheme names {} restrictive controls; at most {MAX_CAVEATS}",
                d.scheme.restrictive.len()
            ),
        );
    }

    // Meta.
    let m = &d.meta;
    c.required(ItemRef::Meta, "title", &m.title, "the title");
    if let (Some(start), Some(end)) = (m.start_date, m.end_date)
        && end < start
    {
        c.error(
            ItemRef::Meta,
            "end_date",
            format!("ends ({end}) before it starts ({start})"),
        );
    }
    c.marking(ItemRef::Meta, Some(&m.marking));
    c.marking_in(ItemRef::Meta, "title_marking", m.title_marking.as_ref());
    if !m.language.trim().is_empty() && !super::dossier::is_language_tag(m.language.trim()) {
        c.error(
            ItemRef::Meta,
            "language",
            format!(
                "“{}” is not a language tag (such as “en”, “fr” or “sw-KE”); packs are \
                 printed as English until it is",
                short(&m.language)
            ),
        );
    } else if !super::dossier::has_pack_words(m.language()) {
        c.warning(
            ItemRef::Meta,
            Some("language"),
            format!(
                "packs have no words of their own in “{}” yet: headings, labels and dates \
                 print in English (there are: {})",
                m.language(),
                super::dossier::PACK_LANGUAGES.join(", ")
            ),
        );
    }

    // Each marking may be within the limits and their high-water mark still not: forty
    // notes with forty different caveats make a banner of 1 600 caveats.
    let banner = Portions::new(d).banner(&Section::ALL);
    let chars = banner.to_string().chars().count();
    if banner.caveats.len() > MAX_CAVEATS || chars > MAX_MARKING_CHARS {
        c.marking_error(
            ItemRef::Meta,
            format!(
                "the portions together carry {} caveats ({chars} characters in the banner); a \
                 pack's banner may have at most {MAX_CAVEATS} caveats and {MAX_MARKING_CHARS} \
                 characters",
                banner.caveats.len()
            ),
        );
    }

    explain_release(&mut c, &banner);

    let ids = check_ids(&mut c);

    // Delegations.
    let mut ours = 0;
    for (di, del) in d.delegations.iter().enumerate() {
        let item = ItemRef::Delegation(di);
        c.required(item, "name", &del.name, "the delegation's name");
        // The template names its delegations by their part; once the overview names the
        // countries, a part left as the name would print in the pack as one.
        let named = match del.role {
            super::DelegationRole::Host => Some(("host country", &d.meta.host_country)),
            super::DelegationRole::Visiting => Some(("visiting country", &d.meta.guest_country)),
            _ => None,
        };
        if let Some((placeholder, country)) = named
            && del.name.trim().eq_ignore_ascii_case(placeholder)
            && !country.trim().is_empty()
        {
            c.warning(
                item,
                Some("name"),
                format!(
                    "the delegation is still called “{}”, as in the template: the overview \
                     names {}; the pack prints the delegation's own name",
                    short(&del.name),
                    short(country)
                ),
            );
        }
        c.marking(item, del.marking.as_ref());
        ours += usize::from(del.ours);
        if let Some((gone, unseated)) = super::seating::stale(del) {
            let mut said = Vec::new();
            if gone > 0 {
                said.push(format!(
                    "names {gone} seat(s) that are not this delegation's members (gone, \
                     another's, or seated twice)"
                ));
            }
            if !unseated.is_empty() {
                let names: Vec<String> = unseated
                    .iter()
                    .take(5)
                    .map(|m| short(&m.display_name()).into_owned())
                    .collect();
                said.push(format!(
                    "was chosen before {} joined (seated at the ends)",
                    names.join(", ")
                ));
            }
            c.warning(
                item,
                Some("seating"),
                format!(
                    "the seating chosen for this side {}; check it, or reset it to precedence",
                    said.join(", and ")
                ),
            );
        }
        if let Some(chosen) = &del.seating
            && let Some(head) = del
                .members
                .iter()
                .find(|m| m.role == MemberRole::Head && chosen.behind.contains(&m.id))
        {
            c.warning(
                item,
                Some("seating"),
                format!(
                    "the seating chosen for this side puts the head of delegation, {}, behind \
                     the table",
                    head.display_name()
                ),
            );
        }
        if del.members.is_empty() {
            c.warning(item, Some("members"), "the delegation has no members");
        } else {
            let heads: Vec<usize> = del
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| m.role == MemberRole::Head)
                .map(|(i, _)| i)
                .collect();
            match heads.as_slice() {
                [] => c.warning(item, Some("members"), "the delegation has no head"),
                [0] => {}
                [i] => c.warning(
                    ItemRef::Member(di, *i),
                    Some("role"),
                    "the head of delegation is not first in order of precedence",
                ),
                [_, rest @ ..] => {
                    for &i in rest {
                        c.error(
                            ItemRef::Member(di, i),
                            "role",
                            "the delegation already has a head",
                        );
                    }
                }
            }
        }
        let mut names: HashMap<String, usize> =
            HashMap::with_capacity_and_hasher(del.members.len(), Default::default());
        for (mi, member) in del.members.iter().enumerate() {
            let item = ItemRef::Member(di, mi);
            c.marking(item, member.marking.as_ref());
            let name_chars = member.honorific.chars().count() + member.full_name.chars().count();
            if name_chars > MAX_NAME_CHARS {
                // A talking point prints its lead speaker's name: one long name, led by
                // on every point, would be printed thousands of times.
                c.error(
                    item,
                    "full_name",
                    format!(
                        "the name is {name_chars} characters long; a name (with its honorific) \
                         may have at most {MAX_NAME_CHARS}"
                    ),
                );
                if let Some(p) = c.problems.last_mut() {
                    p.blocks_pack = true;
                }
            }
            if blank(&member.full_name) && blank(&member.position) {
                c.error(
                    item,
                    "full_name",
                    "the member has neither a name nor a position",
                );
            }
            // Zero-width spaces and the like: a name that is there but prints as nothing
            // (a blank place card, a blank row).
            if !member.full_name.is_empty() && blank(&member.full_name) {
                c.warning(
                    item,
                    Some("full_name"),
                    "the name is only characters that print as nothing (such as zero-width \
                     spaces): packs print it as not confirmed, and it gets no place card",
                );
            }
            if !blank(&member.full_name) && placeholder_name(&member.full_name) {
                c.warning(
                    item,
                    Some("full_name"),
                    format!(
                        "“{}” stands in for a name: packs print the member as not confirmed \
                         and they get no place card; leave the name empty until it is known",
                        short(&member.full_name)
                    ),
                );
            }
            if member.name_confirmed()
                && let Some(first) = first_holder(&mut names, name_key(&member.full_name), mi)
            {
                c.warning(
                    item,
                    Some("full_name"),
                    format!(
                        "“{}” is already member {} of this delegation",
                        short(&member.full_name),
                        first + 1
                    ),
                );
            }
        }
    }
    if ours > 1 {
        for (di, del) in d.delegations.iter().enumerate() {
            if del.ours {
                c.error(
                    ItemRef::Delegation(di),
                    "ours",
                    "more than one delegation is marked as ours",
                );
            }
        }
    }

    for (i, p) in d.programme.iter().enumerate() {
        let item = ItemRef::Programme(i);
        c.required(item, "title", &p.title, "the title");
        c.marking(item, p.marking.as_ref());
        if let (Some(start), Some(end)) = (p.start, p.end)
            && end < start
        {
            c.error(
                item,
                "end",
                format!("ends ({end}) before it starts ({start})"),
            );
        }
    }

    check_programme_overlaps(&mut c);

    let our = d.our_delegation();
    let portions = Portions::new(d);
    for (i, t) in d.talking_points.iter().enumerate() {
        let item = ItemRef::TalkingPoint(i);
        c.required(item, "topic", &t.topic, "the topic");
        c.required(item, "title", &t.title, "the title");
        c.marking(item, t.marking.as_ref());
        if t.key_messages.iter().all(|m| m.trim().is_empty()) {
            c.warning(
                item,
                Some("key_messages"),
                "the talking point has no key messages",
            );
        }
        if let Some(lead) = &t.lead_speaker {
            let found = portions.member(lead).map(|(del, m, _)| (del, m));
            match (our, found) {
                (_, None) => c.error(
                    item,
                    "lead_speaker",
                    format!(
                        "the lead speaker “{}” is not a member of any delegation",
                        short(lead.as_str())
                    ),
                ),
                (None, Some(_)) => c.error(
                    item,
                    "lead_speaker",
                    "a lead speaker is set but no single delegation is marked as ours",
                ),
                (Some(ours), Some((del, member))) if del.id != ours.id => c.error(
                    item,
                    "lead_speaker",
                    format!(
                        "the lead speaker {} is in the {} delegation, not ours ({})",
                        short(&member.display_name()),
                        short(&del.name),
                        short(&ours.name)
                    ),
                ),
                _ => {}
            }
        }
        // The pack prints the lead speaker's name in the point, so the point is printed
        // under the name's marking too (see `Portions`); the author should know.
        if let Some((_, member, lead)) = t.lead_speaker.as_ref().and_then(|id| portions.member(id))
        {
            let own = d.effective_marking(t.marking.as_ref());
            if !own.oversized() && !lead.oversized() && !c.ranking.covers(own, lead) {
                c.warning(
                    item,
                    Some("marking"),
                    format!(
                        "the lead speaker {} is marked {}, which this talking point's \
                         marking {} does not cover; a pack prints the point as {}",
                        short(&member.display_name()),
                        short(&lead.to_string()),
                        short(&own.to_string()),
                        short(&d.scheme.portion_mark(&portions.talking_point(t)))
                    ),
                );
            }
        }
    }

    for (i, n) in d.security_notes.iter().enumerate() {
        let item = ItemRef::SecurityNote(i);
        c.required(item, "title", &n.title, "the title");
        c.marking(item, n.marking.as_ref());
    }

    check_packs(&mut c, &ids);

    let mut text_problems = Vec::new();
    // Fields printed on one line (names, titles, positions): a line break in one is a
    // mistake, and in a list of names can pass for a line of its own.
    const ONE_LINE: [&str; 9] = [
        "title",
        "topic",
        "name",
        "honorific",
        "full_name",
        "position",
        "organisation",
        "region",
        "venue",
    ];
    d.for_each_text(|item, field, text| {
        if let Some(msg) = check_text(text) {
            text_problems.push(Problem {
                severity: Severity::Error,
                item,
                field: Some(field),
                message: format!("the text {msg}"),
                blocks_pack: false,
            });
        } else if ONE_LINE.contains(&field) && text.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
            text_problems.push(Problem {
                severity: Severity::Warning,
                item,
                field: Some(field),
                message: "holds a line break; it is printed on one line".to_owned(),
                blocks_pack: false,
            });
        }
    });
    c.problems.extend(text_problems);
    check_review(&mut c);

    let mut problems = c.problems;
    problems.sort_by_key(|p| p.item);
    problems
}

/// Merge conflicts stop packs until someone chooses a side: the dossier holds one side's
/// value, and printing it would pass that choice off as agreed. Review text is shown in
/// the editor, so it gets the same character checks as content.
fn check_review(c: &mut Checker) {
    let d = c.dossier;
    for conflict in &d.conflicts {
        let item = conflict
            .item
            .as_ref()
            .and_then(|id| d.find(id))
            .unwrap_or(ItemRef::Meta);
        let side = |v: &Option<serde_json::Value>| match v {
            Some(serde_json::Value::String(s)) => format!("“{}”", short(s)),
            Some(v) => short(&v.to_string()).into_owned(),
            None => "(removed)".to_owned(),
        };
        c.problems.push(Problem {
            severity: Severity::Error,
            item,
            field: None,
            message: format!(
                "unresolved merge conflict in {}: ours {}, theirs {}{}; choose one in the \
                 editor (Review › Conflicts panel), or edit the file and remove the conflict",
                short(&conflict.describe()),
                side(&conflict.ours),
                side(&conflict.theirs),
                if conflict.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", short(&conflict.note))
                },
            ),
            blocks_pack: true,
        });
    }
    // An approval's name and role are printed on the cover as "Approved by NAME (ROLE)":
    // a line break or a control character there could print a second, forged approval.
    for a in &d.approvals {
        let who = short(&a.by);
        let bad = [(&a.by, "name"), (&a.role, "role")]
            .into_iter()
            .find_map(|(text, what)| {
                let c = text.chars().find(|&c| c.is_control() || is_bidi_control(c))?;
                Some(format!(
                    "the approval by {who} has the character U+{:04X} in its {what}, which could make the cover's approval line say something else",
                    c as u32
                ))
            });
        let problem = if a.by.trim().is_empty() {
            Some("an approval names nobody".to_owned())
        } else if a.by.chars().count() > MAX_NAME_CHARS || a.role.chars().count() > MAX_NAME_CHARS {
            Some(format!(
                "the approval by {who} has a name or role over {MAX_NAME_CHARS} characters"
            ))
        } else {
            bad
        };
        if let Some(message) = problem {
            c.problems.push(Problem {
                severity: Severity::Error,
                item: ItemRef::Meta,
                field: None,
                message,
                blocks_pack: true,
            });
        }
    }
    let mut comment_ids: HashSet<&Id> = HashSet::default();
    for comment in &d.comments {
        if !comment_ids.insert(&comment.id) {
            c.problems.push(Problem {
                severity: Severity::Error,
                item: ItemRef::Meta,
                field: None,
                message: format!(
                    "two comments have the id “{}”; a comment's id must be its own",
                    short(comment.id.as_str())
                ),
                blocks_pack: false,
            });
        }
    }
    for comment in &d.comments {
        let texts = std::iter::once(comment.text.as_str())
            .chain(std::iter::once(comment.author.as_str()))
            .chain(
                comment
                    .replies
                    .iter()
                    .flat_map(|r| [r.text.as_str(), r.author.as_str()]),
            );
        for text in texts {
            if let Some(msg) = check_text(text) {
                c.warning(
                    ItemRef::Meta,
                    None,
                    format!("a comment by {} {msg}", short(&comment.author)),
                );
                break;
            }
        }
    }
}

/// Two timed items on one day that overlap are worth a look (a double booking, or a
/// parallel programme meant as such): a warning on the later one.
/// Says why a pack of the whole dossier releases to fewer countries than one of its
/// portions: release lists narrow as portions are combined (see
/// `MarkingScheme::high_water`), and an author who marked a point "REL TO KEN, USA"
/// should know why the banner does not say so.
fn explain_release(c: &mut Checker, banner: &Marking) {
    let d = c.dossier;
    if d.has_oversized_marking() {
        return;
    }
    let scheme = &c.ranking;
    let p = Portions::new(d);
    let mut portions: Vec<(ItemRef, Marking)> = Vec::new();
    for (di, del) in d.delegations.iter().enumerate() {
        portions.push((ItemRef::Delegation(di), p.delegation_own(del).clone()));
        for (mi, m) in del.members.iter().enumerate() {
            portions.push((ItemRef::Member(di, mi), p.member_marking(del, m).clone()));
        }
    }
    portions.extend(
        d.programme
            .iter()
            .enumerate()
            .map(|(i, x)| (ItemRef::Programme(i), p.programme(x).clone())),
    );
    portions.extend(
        d.talking_points
            .iter()
            .enumerate()
            .map(|(i, x)| (ItemRef::TalkingPoint(i), p.talking_point(x))),
    );
    portions.extend(
        d.security_notes
            .iter()
            .enumerate()
            .map(|(i, x)| (ItemRef::SecurityNote(i), p.security_note(x).clone())),
    );
    let whole = scheme.release(banner);
    let Some((wide, wide_marking, wide_release)) = portions.iter().find_map(|(item, m)| {
        let r = scheme.release(m);
        (!whole.contains_all(&r)).then_some((*item, m, r))
    }) else {
        return;
    };
    let Some((narrow, narrow_marking)) = portions
        .iter()
        .find(|(_, m)| !scheme.release(m).contains_all(&wide_release))
    else {
        return;
    };
    let why = if scheme.release(narrow_marking).is_empty() {
        "which releases to no one"
    } else {
        "which releases to fewer"
    };
    c.warning(
        ItemRef::Meta,
        Some("marking"),
        format!(
            "a pack of the whole dossier is marked {}, releasable to {}: {} is marked {}, \
             but {} is marked {}, {why}, and a pack releases only what every portion in it \
             releases",
            short(&banner.to_string()),
            released_to(&whole),
            wide.describe(d, None),
            short(&wide_marking.to_string()),
            narrow.describe(d, None),
            short(&narrow_marking.to_string()),
        ),
    );
}

fn check_programme_overlaps(c: &mut Checker) {
    let d = c.dossier;
    let mut timed: Vec<(usize, Date, Time, Time)> = d
        .programme
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (date, start, end) = (p.date?, p.start?, p.end?);
            (end > start).then_some((i, date, start, end))
        })
        .collect();
    timed.sort_by_key(|&(i, date, start, _)| (date, start, i));
    // Each item against the one ending latest among those before it that day.
    let mut latest: Option<(usize, Date, Time)> = None;
    for &(i, date, start, end) in &timed {
        if let Some((j, day, until)) = latest
            && day == date
            && start < until
        {
            let other = &d.programme[j];
            c.warning(
                ItemRef::Programme(i),
                Some("start"),
                format!(
                    "overlaps programme item {} “{}”, which runs until {until}",
                    j + 1,
                    short(&other.title)
                ),
            );
        }
        if latest.is_none_or(|(_, day, until)| day != date || end > until) {
            latest = Some((i, date, end));
        }
    }
}

/// Saved packs are chosen by name, so names must tell them apart; what they leave out
/// should still exist (a stale id is harmless, but the pack may not be what was meant).
fn check_packs(c: &mut Checker, ids: &HashSet<&Id>) {
    let d = c.dossier;
    let mut names: HashMap<String, usize> = HashMap::default();
    for (i, pack) in d.packs.iter().enumerate() {
        let item = ItemRef::Pack(i);
        c.required(item, "name", &pack.name, "the pack's name");
        if !pack.name.trim().is_empty()
            && let Some(first) = first_holder(&mut names, name_key(&pack.name), i)
        {
            c.error(
                item,
                "name",
                format!(
                    "pack {} “{}” already has this name",
                    first + 1,
                    short(&d.packs[first].name)
                ),
            );
        }
        if pack.sections.is_empty() {
            c.warning(
                item,
                Some("sections"),
                "the pack has no sections: it prints only a cover and contents",
            );
        }
        let gone: Vec<&str> = pack
            .exclude
            .iter()
            .filter(|id| !ids.contains(id))
            .map(Id::as_str)
            .collect();
        if !gone.is_empty() {
            c.warning(
                item,
                Some("exclude"),
                format!(
                    "leaves out {}, no longer in the dossier",
                    gone.iter()
                        .map(|id| format!("“{id}”"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}

/// Ids are unique across the whole dossier, so that a reference is never ambiguous.
/// Only repeats are reported: the first holder of an id is the original. Returns every id.
fn check_ids<'a>(c: &mut Checker<'a>) -> HashSet<&'a Id> {
    let d = c.dossier;
    let mut all: Vec<(ItemRef, &Id)> = Vec::new();
    for (di, del) in d.delegations.iter().enumerate() {
        all.push((ItemRef::Delegation(di), &del.id));
        all.extend(
            del.members
                .iter()
                .enumerate()
                .map(|(mi, m)| (ItemRef::Member(di, mi), &m.id)),
        );
    }
    all.extend(
        d.programme
            .iter()
            .enumerate()
            .map(|(i, p)| (ItemRef::Programme(i), &p.id)),
    );
    all.extend(
        d.talking_points
            .iter()
            .enumerate()
            .map(|(i, t)| (ItemRef::TalkingPoint(i), &t.id)),
    );
    all.extend(
        d.security_notes
            .iter()
            .enumerate()
            .map(|(i, n)| (ItemRef::SecurityNote(i), &n.id)),
    );
    let mut seen: HashSet<&Id> = HashSet::with_capacity_and_hasher(all.len(), Default::default());
    for (item, id) in all {
        if !seen.insert(id) {
            c.error(item, "id", format!("id “{id}” is used by another item"));
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::placeholder_name;

    #[test]
    fn words_standing_in_for_a_name_are_known_and_names_are_not_taken_for_them() {
        for gap in [
            "To be confirmed",
            "TBC",
            "tbc.",
            "N/A",
            "—",
            "[name]",
            "(Name TBC)",
            "???",
            "à confirmer",
            "Nom à confirmer",
            "  TBD ",
            "« à préciser »",
        ] {
            assert!(placeholder_name(gap), "{gap:?}");
        }
        for name in [
            "Marco Rubio",
            "Na Yeon-woo",
            "Xi Jinping",
            "N. A. Odhiambo",
            "Monica Juma",
            "Tba Kone",
            "Nomvula Mokonyane",
        ] {
            assert!(!placeholder_name(name), "{name:?}");
        }
    }
}
