//! A list's columns, by their headers as offices write them in English and in French,
//! compared without case, accents, spaces or punctuation ("Régime alimentaire" is
//! "regime alimentaire" is "REGIME-ALIMENTAIRE"); and the header row itself, found among
//! the first rows of the sheet (a title, a date or a blank line often stand above it).

use super::{SheetError, Table};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    /// "No.", "#": the list's own numbering, which precedence (the order of the rows)
    /// makes needless; read as known and passed over.
    Number,
    Honorific,
    Name,
    /// A first name, given in a column of its own ("Prénom", "First name").
    GivenName,
    /// A family name beside a given name ("Nom" beside "Prénom", "Last name").
    Surname,
    Position,
    Organisation,
    Role,
    Contact,
    Hotel,
    Dietary,
    Languages,
    Interpretation,
    Accessibility,
    Biography,
    /// Notes for the protocol office ("Remarks", "Observations").
    Notes,
    Marking,
    Arrival,
    ArrivalTime,
    ArrivalDetails,
    Departure,
    DepartureTime,
    DepartureDetails,
}

impl Field {
    /// The fields a column can be read as, in the order a person looks for them.
    pub const CHOICES: [Field; 23] = [
        Field::Name,
        Field::GivenName,
        Field::Surname,
        Field::Honorific,
        Field::Position,
        Field::Organisation,
        Field::Role,
        Field::Contact,
        Field::Arrival,
        Field::ArrivalTime,
        Field::ArrivalDetails,
        Field::Departure,
        Field::DepartureTime,
        Field::DepartureDetails,
        Field::Hotel,
        Field::Dietary,
        Field::Languages,
        Field::Interpretation,
        Field::Accessibility,
        Field::Biography,
        Field::Notes,
        Field::Marking,
        Field::Id,
    ];

    /// The field as the preview and `--column` name it: its first header.
    pub fn label(self) -> &'static str {
        HEADERS
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("?", |(_, names)| names[0])
    }
}

impl std::str::FromStr for Field {
    type Err = String;
    /// A field by any header it is known by ("Notes", "Téléphone", "Arrival flight").
    fn from_str(s: &str) -> Result<Self, String> {
        field_of(s).filter(|f| *f != Field::Number).ok_or_else(|| {
            let known: Vec<&str> = Field::CHOICES.iter().map(|f| f.label()).collect();
            format!(
                "{s:?} is not a field a column can be read as ({})",
                known.join(", ")
            )
        })
    }
}

/// A column the user has said how to read, by its header: as a field, or not at all.
pub type Asked = (String, Option<Field>);

/// The headers each field is known by, as written (the first is the one a suggestion
/// names); compared by [`key`].
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Id, &["Id", "Identifier", "Identifiant", "Member id"]),
    (
        Field::Number,
        &[
            "No",
            "No.",
            "#",
            "N°",
            "Nº",
            "S/N",
            "S/No.",
            "Sr. No.",
            "Serial",
            "Serial No.",
            "Numéro",
            "Rang",
        ],
    ),
    (
        Field::Honorific,
        &[
            "Honorific",
            "Title",
            "Form of address",
            "Salutation",
            "Prefix",
            "Titre",
            "Civilité",
            "Appellation",
        ],
    ),
    (
        Field::Name,
        &[
            "Name",
            "Full name",
            "Nom",
            "Nom complet",
            "Nom et prénom",
            "Prénom et nom",
            "Nom prénom",
            "Prénom nom",
        ],
    ),
    (
        Field::GivenName,
        &[
            "First name",
            "Given name",
            "Forename",
            "Given names",
            "Prénom",
            "Prénoms",
        ],
    ),
    (
        Field::Surname,
        &["Last name", "Surname", "Family name", "Nom de famille"],
    ),
    (
        Field::Position,
        &[
            "Position",
            "Function",
            "Job title",
            "Post",
            "Designation",
            "Fonction",
            "Poste",
            "Qualité",
        ],
    ),
    (
        Field::Organisation,
        &[
            "Organisation",
            "Organization",
            "Ministry",
            "Agency",
            "Institution",
            "Department",
            "Ministère",
            "Organisme",
            "Administration",
            "Service",
        ],
    ),
    (
        Field::Role,
        &[
            "Role",
            "Delegation role",
            "Role in delegation",
            "Role in the delegation",
            "Rôle",
            "Rôle dans la délégation",
        ],
    ),
    (
        Field::Contact,
        &[
            "Contact",
            "Email",
            "E-mail",
            "Email address",
            "Phone",
            "Phone number",
            "Telephone",
            "Mobile",
            "Mobile No.",
            "Mobile number",
            "Cell",
            "Cell phone",
            "Phone No.",
            "Telephone No.",
            "Tel.",
            "Tel. No.",
            "E-mail address",
            "Téléphone portable",
            "Tél. portable",
            "Numéro de téléphone",
            "Courriel",
            "Adresse électronique",
            "Téléphone",
            "Tél",
            "Portable",
        ],
    ),
    (
        Field::Hotel,
        &["Hotel", "Accommodation", "Lodging", "Hôtel", "Hébergement"],
    ),
    (
        Field::Dietary,
        &[
            "Dietary",
            "Dietary requirements",
            "Dietary restrictions",
            "Dietary needs",
            "Diet",
            "Régime alimentaire",
            "Régime",
        ],
    ),
    (
        Field::Languages,
        &[
            "Languages",
            "Language",
            "Languages spoken",
            "Langues",
            "Langue",
        ],
    ),
    (
        Field::Interpretation,
        &[
            "Interpretation",
            "Interpreter",
            "Interprétation",
            "Interprète",
        ],
    ),
    (
        Field::Accessibility,
        &[
            "Accessibility",
            "Access needs",
            "Mobility",
            "Accessibilité",
            "Mobilité",
        ],
    ),
    (Field::Biography, &["Biography", "Bio", "Biographie"]),
    (
        Field::Notes,
        &[
            "Notes",
            "Note",
            "Remarks",
            "Comments",
            "Observations",
            "Remarques",
            "Commentaires",
        ],
    ),
    (
        Field::Marking,
        &["Marking", "Classification", "Marquage", "Mention"],
    ),
    (
        Field::Arrival,
        &[
            "Arrival",
            "Arrival date",
            "Arrives",
            "Arriving",
            "Arrival date and time",
            "Arrival date/time",
            "Arrival (date/time)",
            "Date and time of arrival",
            "Arrivée",
            "Date et heure d'arrivée",
            "Date d'arrivée",
            "Date arrivée",
        ],
    ),
    (
        Field::ArrivalTime,
        &["Arrival time", "Heure d'arrivée", "Heure arrivée"],
    ),
    (
        Field::ArrivalDetails,
        &[
            "Arrival flight",
            "Arrival details",
            "Inbound flight",
            "Flight",
            "Flight No.",
            "Flight number",
            "Arrival flight No.",
            "Inbound flight No.",
            "Vol",
            "N° de vol",
            "Numéro de vol",
            "Vol aller",
            "Vol d'arrivée",
            "Vol arrivée",
        ],
    ),
    (
        Field::Departure,
        &[
            "Departure",
            "Departure date",
            "Departs",
            "Departing",
            "Departure date and time",
            "Departure date/time",
            "Departure (date/time)",
            "Date and time of departure",
            "Départ",
            "Date et heure de départ",
            "Date de départ",
            "Date départ",
        ],
    ),
    (
        Field::DepartureTime,
        &["Departure time", "Heure de départ", "Heure départ"],
    ),
    (
        Field::DepartureDetails,
        &[
            "Departure flight",
            "Departure details",
            "Outbound flight",
            "Return flight",
            "Departure flight No.",
            "Return flight No.",
            "Vol retour",
            "Vol de départ",
            "Vol départ",
        ],
    ),
];

/// A header as compared: lower case, accents off, letters and digits alone ("#" and
/// "N°" keep their sign, having nothing else).
pub(super) fn key(header: &str) -> String {
    // Longer than any header or role: no key (a cell of text is not looked up, nor its
    // megabytes decomposed again and again).
    if header.len() > MAX_KEYED {
        return String::new();
    }
    // Folded as dates' words are (lower case, accents off), letters and digits alone.
    let mut k = super::dates::fold(header);
    k.retain(char::is_alphanumeric);
    match (k.as_str(), header.trim()) {
        ("", "#") => "#".into(),
        ("n", _) | ("no", _) => "no".into(),
        _ => k,
    }
}

/// The longest text compared as a header or a role.
const MAX_KEYED: usize = 200;

/// Every known header as compared, with its field and as written: made once, since each
/// row's cells are looked up (is it a row of headers?) and a key takes a decomposition.
static KEYED: std::sync::LazyLock<Vec<(String, Field, &'static str)>> =
    std::sync::LazyLock::new(|| {
        HEADERS
            .iter()
            .flat_map(|(f, names)| names.iter().map(move |n| (key(n), *f, *n)))
            .collect()
    });

static BY_KEY: std::sync::LazyLock<rustc_hash::FxHashMap<String, Field>> =
    std::sync::LazyLock::new(|| {
        let mut map = rustc_hash::FxHashMap::default();
        // The first field a key names wins, as the table is read in order.
        for (k, f, _) in KEYED.iter() {
            map.entry(k.clone()).or_insert(*f);
        }
        map
    });

pub(super) fn field_of(header: &str) -> Option<Field> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    BY_KEY.get(&k).copied()
}

/// The known header closest to one that is not known, if one is close: a misspelling
/// ("Organisaton") or a near form.
pub(super) fn closest(header: &str) -> Option<&'static str> {
    let k = key(header);
    // Longer than any header: a cell of text, which no header is close to (and whose
    // distance to each would take as long as its length squared).
    if k.len() < 3 || k.chars().count() > 40 {
        return None;
    }
    KEYED
        .iter()
        .map(|(known, _, n)| (strsim::normalized_damerau_levenshtein(&k, known), *n))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Whether a row names who the list is about: a Name column, or a given and a family name.
/// (No header is a word a list's cells hold: a row whose Role says "Member" is not a
/// header.)
fn names_people(row: &[String], asked: &[Asked]) -> bool {
    let fields: Vec<Field> = row.iter().filter_map(|h| read_as(h, asked)).collect();
    fields.contains(&Field::Name)
        || fields.contains(&Field::Surname)
        || fields.contains(&Field::GivenName)
}

/// Rows a title may take above the header: a heading, a date, a reference, blank lines.
pub const TITLE_ROWS: usize = 10;

/// A column of the list as read: where it is, its header, and what it gives.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub index: usize,
    pub field: Field,
    pub header: String,
    /// The header as compared, made once: each row's cells are compared with it.
    pub key: String,
}

/// A column whose cells are not read, named in the preview and the warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The column as the spreadsheet names it: "F".
    pub column: String,
    /// Its header; empty where it has none.
    pub header: String,
    /// The known header closest to it, if one is close.
    pub closest: Option<&'static str>,
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.header.trim().is_empty() {
            write!(
                f,
                "column {} has no header; its cells are not read",
                self.column
            )
        } else {
            write!(
                f,
                "column {} {:?} is not read",
                self.column,
                crate::model::short(&self.header)
            )?;
            match self.closest {
                Some(c) => write!(f, " (did you mean {c:?}?)"),
                None => Ok(()),
            }
        }
    }
}

/// "A", "B", … "AA": a column as the spreadsheet names it.
pub fn column_name(mut c: u32) -> String {
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

/// The list's header row and columns: the first row, among the first [`TITLE_ROWS`] that
/// hold anything, that names people; the rows above it are the list's title.
/// The field a header is read as: as the user said, else by what it says.
fn read_as(header: &str, asked: &[Asked]) -> Option<Field> {
    let k = key(header);
    match asked.iter().find(|(h, _)| !k.is_empty() && key(h) == k) {
        Some((_, f)) => *f,
        None => field_of(header),
    }
}

pub(super) fn locate(
    table: &Table,
    asked: &[Asked],
) -> Result<(usize, Vec<Column>, Vec<Unread>), SheetError> {
    let filled = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, (_, cells))| cells.iter().any(|c| !c.trim().is_empty()));
    let mut first = None;
    let mut found = None;
    for (k, (row, cells)) in filled.take(TITLE_ROWS) {
        first.get_or_insert(*row);
        if names_people(cells, asked) {
            found = Some(k);
            break;
        }
    }
    let Some(at) = found else {
        return Err(match first {
            None => SheetError::File("the list is empty".into()),
            Some(row) => SheetError::Row {
                row,
                message: format!(
                    "no Name column in the list's first {TITLE_ROWS} rows (a header \"Name\", \
                     \"Full name\", \"Nom\", or \"First name\" and \"Last name\", is needed)"
                ),
            },
        });
    };
    let (header_row, headers) = &table.rows[at];
    let mut columns: Vec<Column> = Vec::new();
    let mut unread = Vec::new();
    // "Nom" (or "Name") beside "Prénom" is the family name, and "Nom complet" the full one.
    let given = headers
        .iter()
        .any(|h| read_as(h, asked) == Some(Field::GivenName));
    let surname = headers
        .iter()
        .any(|h| read_as(h, asked) == Some(Field::Surname));
    let said = |h: &str| asked.iter().any(|(a, _)| key(a) == key(h));
    for (i, h) in headers.iter().enumerate() {
        let field = match read_as(h, asked) {
            Some(Field::Name)
                if given && !surname && !said(h) && matches!(key(h).as_str(), "nom" | "name") =>
            {
                Some(Field::Surname)
            }
            f => f,
        };
        let Some(field) = field else {
            if !h.trim().is_empty() {
                unread.push(Unread {
                    column: column_name(i as u32),
                    header: h.trim().to_owned(),
                    closest: closest(h),
                });
            }
            continue;
        };
        // Several contact columns (a telephone, an e-mail) are one contact, joined.
        if field != Field::Contact
            && field != Field::Number
            && let Some(first) = columns.iter().find(|c| c.field == field)
        {
            return Err(SheetError::Cell {
                row: *header_row,
                column: h.to_owned(),
                message: format!("says the same as column {:?}", first.header),
            });
        }
        columns.push(Column {
            index: i,
            field,
            header: h.to_owned(),
            key: key(h),
        });
    }
    let has = |f: Field, cols: &[Column]| cols.iter().any(|c| c.field == f);
    if has(Field::GivenName, &columns)
        && !has(Field::Surname, &columns)
        && !has(Field::Name, &columns)
    {
        let given = columns
            .iter()
            .find(|c| c.field == Field::GivenName)
            .expect("has a given name");
        return Err(SheetError::Cell {
            row: *header_row,
            column: given.header.clone(),
            message: "is a first name, and no column gives the family name \
                      (\"Last name\", \"Nom\")"
                .into(),
        });
    }
    // A family name alone is who the row is.
    if has(Field::Surname, &columns)
        && !has(Field::GivenName, &columns)
        && !has(Field::Name, &columns)
        && let Some(c) = columns.iter_mut().find(|c| c.field == Field::Surname)
    {
        c.field = Field::Name;
    }
    // Cells under no header (an empty header cell, or none): the list holds something no
    // one named.
    let filled = |i: usize| {
        table.rows[at + 1..]
            .iter()
            .any(|(_, cells)| cells.get(i).is_some_and(|c| !c.trim().is_empty()))
    };
    for i in 0..table.width() {
        let unnamed = headers.get(i).is_none_or(|h| h.trim().is_empty());
        if unnamed && filled(i) {
            unread.push(Unread {
                column: column_name(i as u32),
                header: String::new(),
                closest: None,
            });
        }
    }
    unread.sort_by_key(|u| (u.column.len(), u.column.clone()));
    Ok((at, columns, unread))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_english_and_french_case_accents_and_spacing_aside() {
        for (h, f) in [
            ("Full name", Field::Name),
            ("NOM COMPLET", Field::Name),
            ("Prénom", Field::GivenName),
            ("prenom", Field::GivenName),
            ("Last Name", Field::Surname),
            ("Régime  alimentaire", Field::Dietary),
            ("REGIME-ALIMENTAIRE", Field::Dietary),
            ("Ministère", Field::Organisation),
            ("Date d'arrivée", Field::Arrival),
            ("Heure d’arrivée", Field::ArrivalTime),
            ("Vol", Field::ArrivalDetails),
            ("Interprétation", Field::Interpretation),
            ("Titre", Field::Honorific),
            ("Fonction", Field::Position),
            ("Rôle", Field::Role),
            ("N°", Field::Number),
            ("#", Field::Number),
            ("E-mail", Field::Contact),
        ] {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
        assert_eq!(field_of("Organisaton"), None);
        assert_eq!(closest("Organisaton"), Some("Organisation"));
        assert_eq!(closest("Favourite colour"), None);
    }

    #[test]
    fn column_names_as_spreadsheets_show_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
