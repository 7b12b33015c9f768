//! A list's rows applied to a delegation. Each row is read in steps, each a method of
//! [`Applying`]: checked as a whole ([`Applying::check`]), its cells' text taken
//! ([`Applying::cells`]), who it names ([`Applying::who`]), which member that is
//! ([`Applying::find`]), the member's fields filled ([`Applying::fill`]) and the member
//! put in place ([`Applying::place`]); what only the whole list shows (a second head of
//! delegation) is checked at the end ([`Applying::finish`]).

use rustc_hash::FxHashMap;

use super::headers::{self, Column, Field};
use super::{DateOrder, Imported, MAX_ROWS, Options, Reading, SheetError, Table, dates, unescaped};
use crate::model::{Dossier, Marking, Member, MemberRole, Movement, name_key};

/// Delegation `di`'s members with the rows of `table` applied: a row for one of its
/// members (the same id, else the same full name, else, unnamed, the same position)
/// updates that member's fields from the cells that have something; other rows become
/// members after the last one, keeping the id the list gives them; members the list does
/// not name stay. A list from outside may raise a member's marking, never lower it:
/// lowering is a decision made in the editor, where it is seen.
pub(super) fn apply(
    table: &Table,
    d: &Dossier,
    di: usize,
    options: &Options,
) -> Result<(Vec<Member>, Imported), SheetError> {
    let (at, mut columns, unread) = headers::locate(table, &options.columns)?;
    let header_row = table.rows[at].0;
    if let Some((row, _)) = table.rows.get(at + 1 + MAX_ROWS) {
        return Err(SheetError::Row {
            row: *row,
            message: format!("more than {MAX_ROWS} rows: not a delegation list"),
        });
    }
    let mut reading = Reading {
        header_row,
        unread,
        ..Reading::default()
    };
    if let Some(c) = titles_are_positions(table, at, &columns) {
        columns[c].field = Field::Position;
        reading.notes.push(format!(
            "Column {:?} is read as the position: its cells are job titles.",
            columns[c].header
        ));
    }
    reading.dates = date_order(table, at, &columns, options.date_order, d.meta.language())?;
    // The columns read as the user said, confirmed where the choice was made.
    for c in &columns {
        if options
            .columns
            .iter()
            .any(|(h, f)| *f == Some(c.field) && headers::key(h) == c.key)
        {
            reading.notes.push(format!(
                "Column {:?} is read as {}, as asked.",
                c.header,
                c.field.label()
            ));
        }
    }
    for c in columns.iter().filter(|c| c.field == Field::Number) {
        reading.notes.push(format!(
            "Column {:?} is the list's own numbering, and is not read: the order of the rows \
             is the order of precedence.",
            c.header
        ));
    }
    let mut list = Applying::new(d, di, table, at, columns, reading);
    // Rows the sheet hides are not the list its sender sees: passed over, and said (a
    // list filtered from a larger one holds people not in the delegation).
    let mut hidden = Vec::new();
    for (row, record) in &table.rows[at + 1..] {
        if table.hidden.binary_search(row).is_ok() {
            if record.iter().any(|c| !c.trim().is_empty()) {
                hidden.push(row.to_string());
            }
            continue;
        }
        list.row(*row, record)?;
    }
    if !hidden.is_empty() {
        let rows = if hidden.len() > 10 {
            format!("{} and {} more", hidden[..10].join(", "), hidden.len() - 10)
        } else {
            hidden.join(", ")
        };
        list.reading.warnings.push(format!(
            "row(s) {rows} are hidden in the sheet (filtered out, or hidden by hand) and are \
             not read; show them in the spreadsheet if they belong on the list"
        ));
    }
    list.finish()
}

/// Who a row names: its name (the full name, or the first and last names joined, an
/// honorific before it taken off), its position and id, and the key it is compared by.
struct Who {
    name: String,
    /// The honorific written before the name in the name's cell ("Dr." of "Dr. Korir
    /// Sing’oei").
    prefix: String,
    position: String,
    id: String,
    /// The name as compared (empty for a row that names no one, known by its position).
    key: String,
    /// The row's id is a member's: it says who the row is, whatever the name.
    by_id: bool,
}

impl Who {
    /// How a message names the row's person.
    fn said(&self) -> String {
        [&self.name, &self.position, &self.id]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_default()
    }
}

/// The delegation's members as rows find them: by id, by name as people compare names
/// (an honorific before it aside), and, for a member whose name is not confirmed, by
/// position; and the other delegations' members by id.
struct Known {
    by_id: FxHashMap<String, usize>,
    by_name: FxHashMap<String, Vec<usize>>,
    by_position: FxHashMap<String, Vec<usize>>,
    /// By id as people type it: "USA-RUBIO" is usa-rubio.
    elsewhere: FxHashMap<String, usize>,
}

impl Known {
    fn new(d: &Dossier, di: usize) -> Self {
        let mut known = Known {
            by_id: FxHashMap::default(),
            by_name: FxHashMap::default(),
            by_position: FxHashMap::default(),
            elsewhere: FxHashMap::default(),
        };
        for (i, m) in d.delegations[di].members.iter().enumerate() {
            known.by_id.entry(m.id.as_str().to_owned()).or_insert(i);
            if m.full_name.trim().is_empty() {
                known
                    .by_position
                    .entry(compared(&m.position))
                    .or_default()
                    .push(i);
            } else {
                known
                    .by_name
                    .entry(compared(split_honorific(&m.full_name).1))
                    .or_default()
                    .push(i);
            }
        }
        for (j, del) in d.delegations.iter().enumerate() {
            if j != di {
                for m in &del.members {
                    known
                        .elsewhere
                        .insert(m.id.as_str().to_ascii_lowercase(), j);
                }
            }
        }
        known
    }
}

/// A list being applied: the delegation's members as they become, and what the rows so
/// far have said.
struct Applying<'a> {
    d: &'a Dossier,
    di: usize,
    table: &'a Table,
    columns: Vec<Column>,
    /// The header's width: a CSV row wider than it is a cell split by a separator.
    width: usize,
    order: DateOrder,
    portions: crate::model::Portions<'a>,
    known: Known,
    members: Vec<Member>,
    /// The delegation's own members a row has named.
    named: Vec<bool>,
    /// The row each member was given by, to name the row a problem comes from.
    row_of: Vec<Option<usize>>,
    /// Rows by the name they give (and whether they give an id), and by the new id.
    names_seen: FxHashMap<String, (usize, bool)>,
    ids_seen: FxHashMap<String, usize>,
    heads_before: usize,
    reading: Reading,
    done: Imported,
}

impl<'a> Applying<'a> {
    fn new(
        d: &'a Dossier,
        di: usize,
        table: &'a Table,
        at: usize,
        columns: Vec<Column>,
        reading: Reading,
    ) -> Self {
        let members = d.delegations[di].members.clone();
        let order = reading
            .dates
            .as_ref()
            .map_or(DateOrder::DayFirst, |(o, _)| *o);
        Applying {
            d,
            di,
            table,
            width: table.rows[at].1.len(),
            columns,
            order,
            portions: crate::model::Portions::new(d),
            known: Known::new(d, di),
            named: vec![false; members.len()],
            row_of: vec![None; members.len()],
            heads_before: members
                .iter()
                .filter(|m| m.role == MemberRole::Head)
                .count(),
            members,
            names_seen: FxHashMap::default(),
            ids_seen: FxHashMap::default(),
            reading,
            done: Imported::default(),
        }
    }

    fn column(&self, f: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == f)
    }

    /// A column's header, as an error names it.
    fn header_of(&self, f: Field, or: &str) -> String {
        self.column(f).map_or(or, |c| c.header.as_str()).to_owned()
    }

    fn row(&mut self, row: usize, record: &[String]) -> Result<(), SheetError> {
        if !self.check(row, record)? {
            return Ok(());
        }
        let cells = self.cells(record);
        let mut who = self.who(row, &cells)?;
        let at = self.find(row, &mut who)?;
        let m = self.fill(row, at, &who, &cells)?;
        self.place(row, at, m);
        Ok(())
    }

    /// Whether the row is one to read: refused where it holds what no list may (a control
    /// character, a cell past the header in a CSV, a line break in a one-line field);
    /// passed over, and said, where it repeats the header row.
    fn check(&mut self, row: usize, record: &[String]) -> Result<bool, SheetError> {
        if record.iter().all(|v| v.trim().is_empty()) {
            return Ok(false);
        }
        // A line under the list ("Prepared by: Protocol Division…", "Total:" and a
        // count): a cell or two, the first saying who made the list, when, or how many
        // are on it. Passed over, and said.
        let filled: Vec<&String> = record.iter().filter(|v| !v.trim().is_empty()).collect();
        if filled.len() <= 2
            && let Some(first) = filled.first()
            && footer(first)
        {
            let said: Vec<&str> = filled.iter().map(|v| v.trim()).collect();
            self.reading.notes.push(format!(
                "Row {row}, {:?}, is a note under the list, and is passed over.",
                crate::model::short(&said.join(" "))
            ));
            return Ok(false);
        }
        // A row of headers (the list's own again in another language, or a second
        // table's): every cell a header, two or more of them.
        if filled.len() >= 2 && filled.iter().all(|v| headers::field_of(v).is_some()) {
            self.reading.notes.push(format!(
                "Row {row} is a row of headers ({}), and is passed over.",
                crate::model::short(
                    &filled
                        .iter()
                        .map(|v| v.trim())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            ));
            return Ok(false);
        }
        let text = |c: &Column| record.get(c.index).map_or("", String::as_str);
        let said: Vec<&Column> = self
            .columns
            .iter()
            .filter(|c| !text(c).trim().is_empty())
            .collect();
        if !said.is_empty() && said.iter().all(|c| repeats(c, text(c))) {
            self.reading.notes.push(format!(
                "Row {row} repeats the header row, and is passed over."
            ));
            return Ok(false);
        }
        // A cell that says its column's header, in a row that says more: not read (it is
        // the header merged or pasted down), and said.
        for c in &said {
            if repeats(c, text(c)) {
                self.reading.notes.push(format!(
                    "Row {row}, column {:?}: {:?} repeats the column's header, and is not \
                     read.",
                    c.header,
                    crate::model::short(text(c).trim())
                ));
            }
        }
        for c in &self.columns {
            if let Some(why) = crate::model::check_text(text(c)) {
                return Err(SheetError::Cell {
                    row,
                    column: c.header.clone(),
                    message: format!("the text {why}"),
                });
            }
            if one_line(c.field) && text(c).trim().contains(['\n', '\r']) {
                return Err(SheetError::Cell {
                    row,
                    column: c.header.clone(),
                    message: "holds a line break".into(),
                });
            }
        }
        let width = self.width;
        if self.table.csv && record.iter().skip(width).any(|v| !v.trim().is_empty()) {
            return Err(SheetError::Row {
                row,
                message: format!(
                    "{} cells where the header has {width} columns (a separator in a cell \
                     that is not quoted?)",
                    record.len(),
                ),
            });
        }
        Ok(true)
    }

    /// Each column's cell as written: trimmed, composed one way, unescaped, spaces plain
    /// in one-line fields; nothing where it repeats its header.
    fn cells(&self, record: &[String]) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| {
                let v = record.get(c.index).map_or("", String::as_str);
                if repeats(c, v) {
                    return String::new();
                }
                let v = if c.field == Field::Biography {
                    v.trim_end()
                } else {
                    v.trim()
                };
                let v = nfc(if self.table.csv { unescaped(v) } else { v });
                if one_line(c.field) {
                    plain_spaces(v)
                } else {
                    v
                }
            })
            .collect()
    }

    /// The text of the row's cell for `f`, if the list has such a column.
    fn value(&self, cells: &[String], f: Field) -> String {
        self.columns
            .iter()
            .position(|c| c.field == f)
            .map(|k| cells[k].clone())
            .unwrap_or_default()
    }

    /// Who the row names. The first and family names, in the order the dossier writes
    /// names ("Musalia Mudavadi"), are the name where the list gives both; else the full
    /// name. Where a list has both, the full name is often a formula of the other two,
    /// whose saved value may be nothing or 0.
    fn who(&mut self, row: usize, cells: &[String]) -> Result<Who, SheetError> {
        let parts = [
            self.value(cells, Field::GivenName),
            self.value(cells, Field::Surname),
        ];
        let full = self.value(cells, Field::Name);
        let name = if parts.iter().all(|p| !p.is_empty()) {
            let joined = parts.join(" ");
            // Said where the full name is another name than the two it would join (in
            // whichever order): one of them is wrong, and only the officer can say which.
            let words = |s: &str| {
                let mut w: Vec<String> = compared(s).split(' ').map(str::to_owned).collect();
                w.sort();
                w
            };
            if !full.is_empty() && words(&full) != words(&joined) {
                self.reading.warnings.push(format!(
                    "row {row}: the full name {:?} is not the first and last names {:?}; \
                     the first and last names are read",
                    crate::model::short(&full),
                    crate::model::short(&joined)
                ));
            }
            joined
        } else if !full.is_empty() {
            full
        } else {
            parts.concat()
        };
        // "TBC" in place of a name: the name is not known yet, as the editor takes it.
        let name = if !name.is_empty() && crate::model::placeholder_name(&name) {
            self.reading.notes.push(format!(
                "Row {row}'s name {:?} stands for one not yet known: it is left empty.",
                crate::model::short(&name)
            ));
            String::new()
        } else {
            name
        };
        // An honorific written before the name ("Dr. Korir Sing’oei"): the name is
        // compared without it, and it is the member's honorific where none is given.
        let (prefix, name) = {
            let (prefix, core) = split_honorific(&name);
            (prefix.to_owned(), core.to_owned())
        };
        for (text, field) in [(&name, Field::Name), (&prefix, Field::Honorific)] {
            if text.chars().count() > crate::model::MAX_NAME_CHARS {
                return Err(SheetError::Cell {
                    row,
                    column: self.header_of(field, "Name"),
                    message: format!(
                        "is {} characters long; a name is at most {}",
                        text.chars().count(),
                        crate::model::MAX_NAME_CHARS
                    ),
                });
            }
        }
        let position = self.value(cells, Field::Position);
        let id = self.value(cells, Field::Id);
        // A member known by id alone (the export writes every member, named or not).
        let by_id = !id.is_empty() && self.known.by_id.contains_key(&id);
        if name.is_empty() && position.is_empty() && !by_id {
            return Err(SheetError::Cell {
                row,
                column: self
                    .column(Field::Name)
                    .or(self.column(Field::Surname))
                    .or(self.column(Field::GivenName))
                    .map_or("Name", |c| c.header.as_str())
                    .to_owned(),
                message: "no name, and no position to tell who it is".into(),
            });
        }
        Ok(Who {
            key: compared(&name),
            name,
            prefix,
            position,
            id,
            by_id,
        })
    }

    /// The member the row is, if the delegation has them: by id, else by name (an
    /// honorific before it aside), else, for a row or a member whose name is not known,
    /// the first member of its position not yet named by the list (people whose names
    /// are not known are told apart by nothing else). Refused where the row could be
    /// two members, or is on the list twice.
    fn find(&mut self, row: usize, who: &mut Who) -> Result<Option<usize>, SheetError> {
        let id_column = self.header_of(Field::Id, "Id");
        let id = who.id.clone();
        // An id of another delegation's member: a list of one delegation does not move or
        // copy the other's people.
        if !id.is_empty()
            && !who.by_id
            && let Some(&j) = self.known.elsewhere.get(&id.to_ascii_lowercase())
        {
            return Err(SheetError::Cell {
                row,
                column: id_column,
                message: format!(
                    "{id:?} is a member of the {} delegation, not of this one",
                    crate::model::short(&self.d.delegations[j].name)
                ),
            });
        }
        // A name once on a list, unless each row that gives it gives an id too (two
        // members of one name, father and son, are told apart by their ids).
        if !who.key.is_empty() {
            match self.names_seen.get(&who.key) {
                Some(&(first, with_id)) if !(with_id && who.by_id) => {
                    return Err(SheetError::Row {
                        row,
                        message: format!(
                            "{:?} is on the list twice (rows {first} and {row})",
                            who.said()
                        ),
                    });
                }
                _ => {
                    self.names_seen.insert(who.key.clone(), (row, who.by_id));
                }
            }
        }
        let known = &self.known;
        let by_name = (!who.key.is_empty())
            .then(|| known.by_name.get(&who.key).map(Vec::as_slice))
            .flatten();
        // The first member of this position whose name is not known, not yet named.
        let by_position = || {
            known
                .by_position
                .get(&compared(&who.position))
                .and_then(|at| at.iter().copied().find(|&i| !self.named[i]))
                .filter(|_| !who.position.trim().is_empty())
        };
        let at = match known.by_id.get(&id) {
            Some(&i) if !id.is_empty() => {
                // The id and the name are two members: which one the row means cannot
                // be told.
                if let Some([j]) = by_name
                    && *j != i
                {
                    return Err(SheetError::Cell {
                        row,
                        column: id_column,
                        message: format!(
                            "{id:?} is {}, but the row names {} (another member of the \
                             delegation); correct the Id or the name",
                            crate::model::short(&self.members[i].display_name()),
                            crate::model::short(&self.members[*j].display_name())
                        ),
                    });
                }
                if self.named[i] {
                    return Err(SheetError::Cell {
                        row,
                        column: id_column,
                        message: format!(
                            "{id:?} is on the list twice (rows {} and {row})",
                            self.row_of[i].unwrap_or(row)
                        ),
                    });
                }
                Some(i)
            }
            _ => match by_name {
                Some([i]) => Some(*i),
                Some([..]) => {
                    return Err(SheetError::Row {
                        row,
                        message: format!(
                            "{:?} could be any of several members; an Id column (as \
                             `members export` writes) tells them apart",
                            who.said()
                        ),
                    });
                }
                None => by_position(),
            },
        };
        if at.is_none()
            && !id.is_empty()
            && let Some(first) = self.ids_seen.insert(id.clone(), row)
        {
            return Err(SheetError::Cell {
                row,
                column: id_column,
                message: format!("{id:?} is on the list twice (rows {first} and {row})"),
            });
        }
        if let Some(i) = at
            && self.named[i]
        {
            return Err(SheetError::Row {
                row,
                message: format!(
                    "{:?} is on the list twice (rows {} and {row})",
                    who.said(),
                    self.row_of[i].unwrap_or(row)
                ),
            });
        }
        Ok(at)
    }

    /// The member the row makes: the one found (or a new one, with the list's id) with
    /// every cell that holds something given to its field.
    fn fill(
        &mut self,
        row: usize,
        at: Option<usize>,
        who: &Who,
        cells: &[String],
    ) -> Result<Member, SheetError> {
        let mut m = at.map_or_else(Member::new, |i| self.members[i].clone());
        // A new row keeps the id the list gives it, so that the list corrected and sent
        // again updates the member rather than adding them twice.
        if at.is_none() && !who.id.is_empty() {
            m.id = crate::model::Id::new(who.id.clone()).map_err(|e| SheetError::Cell {
                row,
                column: self.header_of(Field::Id, "Id"),
                message: format!("{:?} is not an id: {e}", crate::model::short(&who.id)),
            })?;
        }
        // A name that compares as the member's own (another apostrophe, a no-break space,
        // capitals, an honorific before it) keeps the dossier's spelling: only a new name
        // is a change.
        if !who.name.is_empty() && who.key != compared(split_honorific(&m.full_name).1) {
            m.full_name = who.name.clone();
        }
        // The honorific written before the name: the member's where they have none, and
        // said where it is not the one they have.
        if !who.prefix.is_empty() {
            if m.honorific.trim().is_empty() {
                m.honorific = who.prefix.clone();
            } else if compared(&who.prefix) != compared(&m.honorific) {
                self.reading.notes.push(format!(
                    "Row {row} writes {:?} before {}'s name; the honorific stays {:?} \
                     (an Honorific column would change it).",
                    crate::model::short(&who.prefix),
                    crate::model::short(&m.full_name),
                    crate::model::short(&m.honorific)
                ));
            }
        }
        let delegation = &self.d.delegations[self.di];
        let mut contacts: Vec<String> = Vec::new();
        for (c, text) in self.columns.iter().zip(cells) {
            if text.trim().is_empty() {
                continue;
            }
            let bad = |message: String| SheetError::Cell {
                row,
                column: c.header.clone(),
                message,
            };
            let text = text.clone();
            match c.field {
                Field::Id | Field::Number | Field::Name | Field::GivenName | Field::Surname => {}
                Field::Honorific => m.honorific = text,
                Field::Position => m.position = text,
                Field::Organisation => m.organisation = text,
                // A role the dossier does not know ("Resident") leaves the member's role as
                // it was, a new member's as Member, and is said: a list is not refused
                // over a word, and nothing is changed unsaid.
                Field::Role => match role(&text) {
                    Some(r) => {
                        // Read from one part of several ("PA / Note Taker"): said, with
                        // the part that is not a role.
                        if headers::key(&text) != headers::key(r.label())
                            && text.contains(['/', ',', '&', '+', ';'])
                        {
                            self.reading.notes.push(format!(
                                "Row {row}'s role {:?} is read as {}.",
                                crate::model::short(&text),
                                r.label()
                            ));
                        }
                        m.role = r;
                    }
                    None => {
                        let known: Vec<&str> = MemberRole::ALL.iter().map(|r| r.label()).collect();
                        self.reading.warnings.push(format!(
                            "row {row}, column {:?}: {:?} is not a role the dossier knows \
                             ({}); {} is imported as {}: set the role in the editor",
                            c.header,
                            crate::model::short(&text),
                            known.join(", "),
                            crate::model::short(&who.said()),
                            m.role.label()
                        ));
                    }
                },
                Field::Marking => {
                    let new = Marking::parse(&text).map_err(|e| bad(e.to_string()))?;
                    // What the member is marked now: their own marking, or what they
                    // take from the delegation or the dossier (a new member too).
                    let now = self.portions.member_marking(delegation, &m);
                    if !self.d.scheme.ranking().covers(&new, now) {
                        return Err(bad(format!(
                            "{text:?} is below {}'s marking {now}; a list may raise a \
                             marking, never lower it (lower it in the editor, where it is \
                             seen)",
                            crate::model::short(&m.display_name())
                        )));
                    }
                    m.marking = Some(new);
                }
                Field::Contact => contacts.push(text),
                Field::Hotel => m.hotel = text,
                Field::Dietary => m.dietary = text,
                Field::Languages => m.languages = text,
                Field::Interpretation => m.interpretation = text,
                Field::Accessibility => m.accessibility = text,
                Field::Biography => m.biography = text,
                Field::Notes => m.notes = text,
                Field::Arrival | Field::Departure | Field::ArrivalTime | Field::DepartureTime => {
                    // A workbook's date in a cell not formatted as one is its serial number.
                    let serial = (!self.table.csv).then(|| dates::serial(&text)).flatten();
                    let (date, time) = match serial {
                        Some((d, t)) => (Some(d), t),
                        None => dates::parse(&text, self.order).map_err(bad)?,
                    };
                    let slot = if matches!(c.field, Field::Arrival | Field::ArrivalTime) {
                        &mut m.arrival
                    } else {
                        &mut m.departure
                    };
                    // A cell with a date alone, or a time alone, leaves the other as it was.
                    let mv = slot.get_or_insert_with(Movement::default);
                    if date.is_some() {
                        mv.date = date;
                    }
                    if time.is_some() {
                        mv.time = time;
                    }
                }
                Field::ArrivalDetails => {
                    m.arrival.get_or_insert_with(Movement::default).details = text;
                }
                Field::DepartureDetails => {
                    m.departure.get_or_insert_with(Movement::default).details = text;
                }
            }
        }
        // The name with its honorific, as the dossier's check measures it, named here by
        // its row and column.
        let chars = m.honorific.chars().count() + m.full_name.chars().count();
        if chars > crate::model::MAX_NAME_CHARS {
            let field = if m.honorific.chars().count() > m.full_name.chars().count() {
                Field::Honorific
            } else {
                Field::Name
            };
            return Err(SheetError::Cell {
                row,
                column: self.header_of(field, "Name"),
                message: format!(
                    "makes a name (with its honorific) {chars} characters long; a name is at \
                     most {}",
                    crate::model::MAX_NAME_CHARS
                ),
            });
        }
        // A telephone and an e-mail in columns of their own are one contact.
        if !contacts.is_empty() {
            m.contact = contacts.join("; ");
        }
        Ok(m)
    }

    /// The member where they are, or after the last.
    fn place(&mut self, row: usize, at: Option<usize>, m: Member) {
        match at {
            Some(i) => {
                if self.members[i] != m {
                    self.done.updated += 1;
                } else {
                    self.done.same += 1;
                }
                self.members[i] = m;
                self.named[i] = true;
                self.row_of[i] = Some(row);
            }
            None => {
                self.members.push(m);
                self.named.push(true);
                self.row_of.push(Some(row));
                self.done.added += 1;
            }
        }
    }

    /// The members, once what only the whole list shows is checked: a second head of
    /// delegation, named by the row that makes it (the dossier's check would name only
    /// the member).
    fn finish(mut self) -> Result<(Vec<Member>, Imported), SheetError> {
        let members = &self.members;
        let heads: Vec<usize> = (0..members.len())
            .filter(|&i| members[i].role == MemberRole::Head)
            .collect();
        if heads.len() > self.heads_before.max(1)
            && let Some(&extra) = heads.iter().rev().find(|&&i| self.row_of[i].is_some())
            && let Some(&first) = heads.iter().find(|&&i| i != extra)
        {
            return Err(SheetError::Cell {
                row: self.row_of[extra].unwrap_or(self.reading.header_row),
                column: self.header_of(Field::Role, "Role"),
                message: format!(
                    "makes {} a second head of delegation; {} is its head",
                    crate::model::short(&members[extra].display_name()),
                    crate::model::short(&members[first].display_name())
                ),
            });
        }
        let own = self.d.delegations[self.di].members.len();
        self.done.kept = self.named[..own].iter().filter(|&&n| !n).count();
        self.done.reading = self.reading;
        Ok((self.members, self.done))
    }
}

/// A line under a list that says who made it, when, or how many are on it ("Prepared by
/// the Protocol Division", "Établi par …", "Total: 5", "Note : …"), in English or French:
/// a phrase at its start, or a word followed by a colon (never a name that begins so,
/// "Notebaert").
fn footer(text: &str) -> bool {
    const PHRASES: [&str; 14] = [
        "prepared by",
        "prepared on",
        "compiled by",
        "approved by",
        "checked by",
        "last updated",
        "grand total",
        "as of",
        "établi par",
        "etabli par",
        "approuvé par",
        "mis à jour",
        "mise à jour",
        "n.b.",
    ];
    const WORDS: [&str; 10] = [
        "source", "total", "updated", "date", "note", "notes", "nb", "signed", "signé", "page",
    ];
    let lower = text.trim().to_lowercase();
    let phrase = PHRASES.iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '\u{a0}']))
    });
    let word = WORDS.iter().any(|w| {
        lower
            .strip_prefix(w)
            .is_some_and(|rest| rest.trim_start_matches([' ', '\u{a0}']).starts_with(':'))
    });
    // "Page 1 of 2".
    let page = lower
        .strip_prefix("page ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    phrase || word || page
}

/// A cell that says its own column's header: the header repeated down the list (a list
/// printed over pages and pasted together), or merged into the row below it.
fn repeats(c: &Column, text: &str) -> bool {
    // Told apart by length first: a key is a decomposition, and every cell is asked.
    let letters = text.chars().filter(|ch| ch.is_alphanumeric()).count();
    letters > 0 && letters == c.key.chars().count() && headers::key(text) == c.key
}

/// A role by its label ("Head of delegation", "Note-taker"), its name ("Head",
/// "NoteTaker"), or as lists write it in English and French ("Cheffe de délégation",
/// "Delegation member", "Conseiller"); case, accents and spacing aside.
fn role(text: &str) -> Option<MemberRole> {
    const SAID: &[(MemberRole, &[&str])] = &[
        (
            MemberRole::Head,
            &[
                "Head",
                "Principal",
                "Head of the delegation",
                "Delegation head",
                "Chef de délégation",
                "Cheffe de délégation",
                "Chef de la délégation",
                "Cheffe de la délégation",
                "Chef",
                "Cheffe",
            ],
        ),
        (
            MemberRole::Deputy,
            &[
                "Deputy",
                "Deputy head of delegation",
                "Chef adjoint",
                "Cheffe adjointe",
                "Chef de délégation adjoint",
                "Cheffe de délégation adjointe",
                "Adjoint",
                "Adjointe",
            ],
        ),
        (
            MemberRole::Member,
            &[
                "Delegation member",
                "Delegate",
                "Membre",
                "Membre de la délégation",
                "Délégué",
                "Déléguée",
            ],
        ),
        (
            MemberRole::Adviser,
            &["Advisor", "Conseiller", "Conseillère"],
        ),
        (
            MemberRole::NoteTaker,
            &[
                "Notetaker",
                "Note taker",
                "Rapporteur",
                "Rapporteuse",
                "Preneur de notes",
                "Preneuse de notes",
            ],
        ),
        (MemberRole::Interpreter, &["Interprète"]),
        (
            MemberRole::Security,
            &["Security officer", "Sécurité", "Officier de sécurité"],
        ),
        (
            MemberRole::Support,
            &[
                "Support staff",
                "Staff",
                "Appui",
                "Soutien",
                "Personnel d'appui",
            ],
        ),
    ];
    // Every way a role is written, as compared: made once (a key is a decomposition, and
    // every row has a role).
    static KEYS: std::sync::LazyLock<Vec<(String, MemberRole)>> = std::sync::LazyLock::new(|| {
        let own = MemberRole::ALL.into_iter().flat_map(|r| {
            [
                (headers::key(r.label()), r),
                (headers::key(&format!("{r:?}")), r),
            ]
        });
        let said = SAID
            .iter()
            .flat_map(|(r, said)| said.iter().map(move |s| (headers::key(s), *r)));
        own.chain(said).collect()
    });
    let one = |text: &str| {
        let k = headers::key(text);
        KEYS.iter().find(|(known, _)| *known == k).map(|(_, r)| *r)
    };
    // "PA / Note Taker": a part that is a role, where only one part is. A head or a
    // deputy is never read from a part ("PA / Principal" is the principal's assistant).
    one(text).or_else(|| {
        let mut found = text.split(['/', ',', '&', '+', ';']).filter_map(one);
        match (found.next(), found.next()) {
            (Some(r), None) if !matches!(r, MemberRole::Head | MemberRole::Deputy) => Some(r),
            _ => None,
        }
    })
}

/// Words an honorific is made of ("H.E.", "Hon.", "Mme", "S.E.M."): a "Title" column of
/// such words is the form of address; of others ("Secretary of State"), the position.
const HONORIFIC_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "he",
    "his",
    "her",
    "excellency",
    "hon",
    "honourable",
    "honorable",
    "the",
    "rt",
    "right",
    "amb",
    "ambassador",
    "sir",
    "dame",
    "lord",
    "lady",
    "m",
    "mme",
    "mlle",
    "me",
    "se",
    "sem",
    "son",
    "excellence",
    "senator",
    "sen",
    "rep",
    "gen",
    "general",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "adm",
    "admiral",
    "rev",
    "reverend",
    "sheikh",
    "eng",
    "pr",
];

fn honorific_like(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| HONORIFIC_WORDS.contains(&headers::key(w).as_str()))
}

/// Honorifics that are never a name, written before one with or without a full stop; the
/// other honorific words ("M.", "Me", "Sen.") only with theirs, being names too.
const HONORIFICS_BEFORE_A_NAME: &[&str] = &[
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "hon",
    "honourable",
    "honorable",
    "amb",
    "ambassador",
    "he",
    "sir",
    "dame",
    "mme",
    "mlle",
    "senator",
    "general",
    "colonel",
    "rev",
    "reverend",
    "sheikh",
    "captain",
    "admiral",
];

/// Two words that are together an honorific: "His Excellency", "The Honourable".
const HONORIFIC_PHRASES: &[[&str; 2]] = &[
    ["his", "excellency"],
    ["her", "excellency"],
    ["son", "excellence"],
    ["the", "honourable"],
    ["the", "honorable"],
    ["the", "hon"],
    ["rt", "hon"],
];

/// A name as a list writes it split into the honorifics before it and the name itself:
/// "Dr. Korir Sing’oei" is ("Dr.", "Korir Sing’oei"), "H.E. Dr. Jane Doe" is ("H.E. Dr.",
/// "Jane Doe"). A name is never left empty ("Dr." alone is a name).
fn split_honorific(name: &str) -> (&str, &str) {
    let name = name.trim();
    let words: Vec<(usize, &str)> = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
        .collect();
    let is_word = |w: &str| {
        let k = headers::key(w);
        HONORIFICS_BEFORE_A_NAME.contains(&k.as_str())
            || (w.ends_with('.') && HONORIFIC_WORDS.contains(&k.as_str()))
    };
    let mut taken = 0;
    while taken + 1 < words.len() {
        let pair = words
            .get(taken..taken + 2)
            .map(|p| [headers::key(p[0].1), headers::key(p[1].1)]);
        if taken + 2 < words.len()
            && let Some([a, b]) = pair
            && HONORIFIC_PHRASES.iter().any(|[x, y]| *x == a && *y == b)
        {
            taken += 2;
        } else if is_word(words[taken].1) {
            taken += 1;
        } else {
            break;
        }
    }
    if taken == 0 {
        return ("", name);
    }
    let (at, _) = words[taken];
    (name[..at].trim_end(), &name[at..])
}

/// Fields that are one line: a line break in one is a mistake in the list.
fn one_line(f: Field) -> bool {
    matches!(
        f,
        Field::Id
            | Field::Honorific
            | Field::Name
            | Field::GivenName
            | Field::Surname
            | Field::Role
            | Field::Marking
            | Field::Arrival
            | Field::ArrivalTime
            | Field::Departure
            | Field::DepartureTime
    )
}

/// A name as people compare them: composed the one way (a name typed on macOS comes
/// decomposed), case and spacing aside, an apostrophe the same whichever a keyboard or a
/// spreadsheet typed ("Sing'oei" is "Sing’oei").
fn compared(s: &str) -> String {
    let s: String = nfc(s)
        .chars()
        // Characters that show as nothing, pasted in with a name from a web page.
        .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            c => c,
        })
        .collect();
    name_key(&s)
}

/// Spaces as one-line fields hold them: a tab, a no-break or thin space pasted from a
/// document is a space (it would otherwise make a name that looks the same and is not).
/// Line breaks are refused in these fields before.
fn plain_spaces(s: String) -> String {
    if s.chars().all(|c| c == ' ' || !c.is_whitespace()) {
        return s;
    }
    s.chars()
        .map(|c| {
            if c.is_whitespace() && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// A "Title" column (an honorific, by its header) whose cells are job titles: a U.S.
/// list's "Title" is "Secretary of State", not "H.E.". Read as the position where the list
/// has no position column of its own.
fn titles_are_positions(table: &Table, at: usize, columns: &[Column]) -> Option<usize> {
    if columns.iter().any(|c| c.field == Field::Position) {
        return None;
    }
    let c = columns.iter().position(|c| {
        c.field == Field::Honorific && matches!(headers::key(&c.header).as_str(), "title" | "titre")
    })?;
    let cells: Vec<&str> = table.rows[at + 1..]
        .iter()
        .filter_map(|(_, cells)| cells.get(columns[c].index))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let positions = cells.iter().filter(|s| !honorific_like(s)).count();
    (positions * 2 > cells.len()).then_some(c)
}

/// The order the list's numeric dates are read in, and why; `None` where no date needs
/// one. Refused where two dates can each be read only in a different order.
fn date_order(
    table: &Table,
    at: usize,
    columns: &[Column],
    asked: Option<DateOrder>,
    language: &str,
) -> Result<Option<(DateOrder, String)>, SheetError> {
    let dated: Vec<&Column> = columns
        .iter()
        .filter(|c| matches!(c.field, Field::Arrival | Field::Departure))
        .collect();
    let mut shown: Option<(DateOrder, usize, &str, &str)> = None;
    let mut needed = false;
    // The first date that reads either way, shown as read in the preview.
    let mut either: Option<(usize, &str)> = None;
    for (row, cells) in &table.rows[at + 1..] {
        for c in &dated {
            let Some(text) = cells.get(c.index).map(|s| s.trim()) else {
                continue;
            };
            let numbers = dates::examine(text);
            if numbers.ambiguous {
                needed = true;
                either.get_or_insert((*row, text));
            }
            let Some(order) = numbers.only else {
                continue;
            };
            needed = true;
            match shown {
                None => shown = Some((order, *row, c.header.as_str(), text)),
                Some((first, first_row, _, first_text)) if first != order && asked.is_none() => {
                    return Err(SheetError::Cell {
                        row: *row,
                        column: c.header.clone(),
                        message: format!(
                            "{text:?} can only be read {}, but row {first_row}'s \
                             {first_text:?} only {}: the list mixes two orders of dates \
                             (correct one, or choose the order with --date-order)",
                            order.describe(),
                            first.describe()
                        ),
                    });
                }
                Some(_) => {}
            }
        }
    }
    if !needed {
        return Ok(asked.map(|o| (o, "as asked".to_owned())));
    }
    let (order, why) = match (asked, shown, &table.date_hint) {
        (Some(o), ..) => (o, "as asked".to_owned()),
        (None, Some((o, row, _, text)), _) => (
            o,
            format!(
                "row {row}'s {:?} can only be read so",
                crate::model::short(text)
            ),
        ),
        // A workbook whose date cells are formatted day first (dd/mm/yyyy) writes the
        // dates typed as text so too.
        (None, None, Some((o, cell))) => (*o, format!("the sheet shows its dates so ({cell})")),
        (None, None, None) => {
            let o = DateOrder::of_language(language);
            (
                o,
                format!("the dossier's language ({language}) writes them so"),
            )
        }
    };
    // One date that reads either way, as read: what the officer checks.
    let example = either
        .and_then(|(row, text)| {
            let (date, _) = dates::parse(text, order).ok()?;
            Some(format!(
                "; row {row}'s {:?} is read as {}",
                crate::model::short(text),
                date?.long()
            ))
        })
        .unwrap_or_default();
    Ok(Some((order, format!("{why}{example}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_under_a_list_are_told_from_names() {
        for line in [
            "Prepared by: Protocol Division",
            "Prepared by the Protocol Division",
            "Établi par le service du protocole",
            "Total: 5",
            "Note : arrivées à confirmer",
            "NB: times are local",
            "N.B. times are local",
            "Grand Total: 7",
            "Approved by: the Chief of Protocol",
            "Signed:",
            "Page 1 of 1",
        ] {
            assert!(footer(line), "{line}");
        }
        for name in [
            "Notebaert",
            "Total Energies Ltd",
            "Date Masamba",
            "Source Ndlovu",
            "Page Wanjiru",
        ] {
            assert!(!footer(name), "{name}");
        }
    }

    #[test]
    fn roles_as_lists_write_them() {
        assert_eq!(role("Cheffe de délégation"), Some(MemberRole::Head));
        assert_eq!(role("PA / Note Taker"), Some(MemberRole::NoteTaker));
        assert_eq!(role("Principal"), Some(MemberRole::Head));
        assert_eq!(
            role("Adviser / Interpreter"),
            None,
            "two roles: which is not told"
        );
        assert_eq!(role("Resident"), None);
    }
}
