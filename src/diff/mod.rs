//! Structural comparison of two dossiers, item by item, and three-way merge.
//!
//! Items are matched by id (delegations, members, programme items, talking points,
//! security notes, comments), saved packs and scheme levels by name. A matched item is
//! compared field by field, so a member whose precedence changed reads as one move, not
//! as every field of two members changing. Fields are compared as serde values, so a
//! field added to the model is compared (and merged) without code here learning of it.
//!
//! The CLI (`attache diff`, `attache merge`), the editor's Changes panel and the git
//! drivers all use this one comparison.

mod apply;
mod merge;
mod report;
mod secrecy;
mod value;

pub use apply::{accept, part_of, resolve, set};
pub use merge::{Merged, merge};
pub use report::{Color, json, text, visible, visible_line};
pub use secrecy::printed_below;

use serde::Serialize;
use serde_json::Value;

use crate::model::{Dossier, Marking, Ranking};
use value::{Keyed, item_values};

/// The part of the dossier a change is in, in the order a pack prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Meta,
    Scheme,
    Delegations,
    Members,
    Programme,
    TalkingPoints,
    SecurityNotes,
    Packs,
    Comments,
    Approvals,
    Conflicts,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Self::Meta => "Title page",
            Self::Scheme => "Marking scheme",
            Self::Delegations => "Delegations",
            Self::Members => "Members",
            Self::Programme => "Programme",
            Self::TalkingPoints => "Talking points",
            Self::SecurityNotes => "Security notes",
            Self::Packs => "Saved packs",
            Self::Comments => "Comments",
            Self::Approvals => "Approvals",
            Self::Conflicts => "Conflicts",
        }
    }

    /// The part named as in files ("talking_points"), as conflicts record it.
    pub fn from_name(name: &str) -> Option<Part> {
        Some(match name {
            "meta" => Self::Meta,
            "scheme" => Self::Scheme,
            "delegations" => Self::Delegations,
            "members" => Self::Members,
            "programme" => Self::Programme,
            "talking_points" => Self::TalkingPoints,
            "security_notes" => Self::SecurityNotes,
            "packs" => Self::Packs,
            _ => return None,
        })
    }

    /// Whether changes here change the content (what a pack prints and an approval covers).
    pub fn is_content(self) -> bool {
        !matches!(self, Self::Comments | Self::Approvals | Self::Conflicts)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    /// Same item, other position (or, for a member, other delegation).
    Moved,
    /// One field of the item has another value.
    Changed,
}

/// Which way a marking went. Reviewers see these first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkingChange {
    Raised,
    Lowered,
    /// Released to more countries, and otherwise the same.
    ReleaseWidened,
    /// Released to fewer countries (or to none), and otherwise the same.
    ReleaseNarrowed,
    /// Neither higher nor lower (a level the scheme does not rank, caveats swapped).
    Changed,
}

impl MarkingChange {
    /// How reports mark the change: ▲ where the marking now restricts more (raised, or
    /// released to fewer), ▼ where it restricts less, ! where it does both.
    pub fn sign(self) -> &'static str {
        match self {
            Self::Raised | Self::ReleaseNarrowed => "▲",
            Self::Lowered | Self::ReleaseWidened => "▼",
            Self::Changed => "!",
        }
    }
}

/// A word of a long text's word-level difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// "equal", "delete" or "insert".
    pub op: &'static str,
    pub text: String,
}

/// One difference between two dossiers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub section: Part,
    pub kind: Kind,
    /// The item's id (a pack's or a level's name), absent for the title page and scheme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// What the item is, for people: "member “Dr. Korir Sing’oei” of Kenya".
    pub location: String,
    /// For a member: the id of the delegation it is in (in the newer version, where it
    /// is in both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// The field, as named in files: "position", "arrival.date", "key_messages[2]".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// Positions counted from 1, as precedence is: where a moved item was and is, where an
    /// added item is, where a removed item was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marking: Option<MarkingChange>,
    /// For long text fields: the difference word by word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Word>>,
}

impl Change {
    fn new(section: Part, kind: Kind, item: Option<String>, location: String) -> Self {
        Self {
            section,
            kind,
            item,
            location,
            delegation: None,
            field: None,
            old: None,
            new: None,
            from: None,
            to: None,
            marking: None,
            words: None,
        }
    }

    /// The field's top-level name ("arrival" for "arrival.date"), as the editors name
    /// their fields.
    pub fn top_field(&self) -> Option<&str> {
        let f = self.field.as_deref()?;
        Some(f.split(['.', '[']).next().unwrap_or(f))
    }
}

/// Every difference from `old` to `new`: marking changes first, then the rest in the
/// order of the dossier.
pub fn diff(old: &Dossier, new: &Dossier) -> Vec<Change> {
    let mut out = Vec::new();
    let (a, b) = (item_values(old), item_values(new));
    fields(
        &mut out,
        Part::Meta,
        None,
        "title page".to_owned(),
        &a.meta,
        &b.meta,
        "",
    );
    // The scheme's own fields, then its levels by name: a level moved is a change of rank
    // (what every marking of that level means), and reads as one move.
    let without_levels = |v: &Value| {
        let mut v = v.clone();
        if let Value::Object(map) = &mut v {
            map.shift_remove("levels");
        }
        v
    };
    fields(
        &mut out,
        Part::Scheme,
        None,
        "marking scheme".to_owned(),
        &without_levels(&a.scheme),
        &without_levels(&b.scheme),
        "",
    );
    keyed(&mut out, Part::Scheme, &a.levels, &b.levels);
    keyed(&mut out, Part::Delegations, &a.delegations, &b.delegations);
    members(&mut out, &a, &b);
    for (part, a, b) in [
        (Part::Programme, &a.programme, &b.programme),
        (Part::TalkingPoints, &a.talking_points, &b.talking_points),
        (Part::SecurityNotes, &a.security_notes, &b.security_notes),
        (Part::Packs, &a.packs, &b.packs),
        (Part::Comments, &a.comments, &b.comments),
        (Part::Approvals, &a.approvals, &b.approvals),
        (Part::Conflicts, &a.conflicts, &b.conflicts),
    ] {
        keyed(&mut out, part, a, b);
    }
    // What each member inherits, in each version: its delegation's marking.
    let inherits = |d: &Dossier| -> rustc_hash::FxHashMap<String, Marking> {
        d.delegations
            .iter()
            .flat_map(|del| {
                let m = del
                    .marking
                    .clone()
                    .unwrap_or_else(|| d.meta.marking.clone());
                del.members
                    .iter()
                    .map(move |x| (x.id.to_string(), m.clone()))
            })
            .collect()
    };
    let marked = out.iter().any(|c| c.field.as_deref() == Some("marking"));
    let (io, inew) = if marked {
        (inherits(old), inherits(new))
    } else {
        Default::default()
    };
    let ranking = new.scheme.ranking();
    for change in &mut out {
        change.marking = marking_change(change, &ranking, (old, &io), (new, &inew));
    }
    // Stable: within each group the dossier's order is kept.
    out.sort_by_key(|c| c.marking.is_none());
    out
}

/// Whether two dossiers are the same in everything `diff` compares.
pub fn is_equal(old: &Dossier, new: &Dossier) -> bool {
    old == new || diff(old, new).is_empty()
}

/// Items of one list, matched by key: added, removed, moved, then field changes.
fn keyed(out: &mut Vec<Change>, part: Part, old: &[Keyed], new: &[Keyed]) {
    let old_at: rustc_hash::FxHashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(i, k)| (k.key.as_str(), i))
        .collect();
    let new_at: rustc_hash::FxHashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(i, k)| (k.key.as_str(), i))
        .collect();
    for (i, k) in old.iter().enumerate() {
        if !new_at.contains_key(k.key.as_str()) {
            let mut c = Change::new(part, Kind::Removed, Some(k.key.clone()), k.label.clone());
            c.old = Some(k.value.clone());
            c.from = Some(i + 1);
            out.push(c);
        }
    }
    for (i, k) in new.iter().enumerate() {
        if !old_at.contains_key(k.key.as_str()) {
            let mut c = Change::new(part, Kind::Added, Some(k.key.clone()), k.label.clone());
            c.new = Some(k.value.clone());
            c.to = Some(i + 1);
            out.push(c);
        }
    }
    let old_keys: Vec<&str> = old.iter().map(|k| k.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|k| k.key.as_str()).collect();
    for key in moved(&old_keys, &new_keys) {
        let (i, j) = (old_at[key], new_at[key]);
        if i == j {
            // Its neighbours moved round it; their moves say it.
            continue;
        }
        let mut c = Change::new(
            part,
            Kind::Moved,
            Some(key.to_owned()),
            new[j].label.clone(),
        );
        c.from = Some(i + 1);
        c.to = Some(j + 1);
        out.push(c);
    }
    for b in new {
        if let Some(&i) = old_at.get(b.key.as_str()) {
            let a = &old[i];
            fields(
                out,
                part,
                Some(b.key.clone()),
                b.label.clone(),
                &a.value,
                &b.value,
                "",
            );
        }
    }
}

/// The keys that both lists hold but not in the same relative order: those outside the
/// longest run both keep in order, in their new order. A swap of two neighbours is one
/// move. The run is found as a longest increasing subsequence of old positions, in
/// O(n log n), so that a shuffled list of 50 000 members compares in milliseconds.
fn moved<'k>(old: &[&'k str], new: &[&'k str]) -> Vec<&'k str> {
    let old_at: rustc_hash::FxHashMap<&str, usize> =
        old.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let seq: Vec<(usize, &'k str)> = new
        .iter()
        .filter_map(|k| old_at.get(k).map(|&p| (p, *k)))
        .collect();
    if seq.windows(2).all(|w| w[0].0 < w[1].0) {
        return Vec::new();
    }
    // tails[l] = index in seq of the smallest tail of an increasing run of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &(p, _)) in seq.iter().enumerate() {
        let l = tails.partition_point(|&t| seq[t].0 < p);
        prev[i] = l.checked_sub(1).map(|l| tails[l]);
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut kept = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = prev[i];
    }
    seq.iter()
        .zip(kept)
        .filter(|(_, k)| !k)
        .map(|((_, key), _)| *key)
        .collect()
}

/// Members: moves within a delegation (precedence), between delegations, additions and
/// removals in delegations that both sides have, and field changes wherever they are.
fn members(out: &mut Vec<Change>, a: &value::Values, b: &value::Values) {
    let start = out.len();
    let where_old: rustc_hash::FxHashMap<&str, (usize, usize)> = a
        .members
        .iter()
        .enumerate()
        .flat_map(|(d, ms)| {
            ms.iter()
                .enumerate()
                .map(move |(m, k)| (k.key.as_str(), (d, m)))
        })
        .collect();
    let where_new: rustc_hash::FxHashMap<&str, (usize, usize)> = b
        .members
        .iter()
        .enumerate()
        .flat_map(|(d, ms)| {
            ms.iter()
                .enumerate()
                .map(move |(m, k)| (k.key.as_str(), (d, m)))
        })
        .collect();
    let old_del: rustc_hash::FxHashMap<&str, usize> = a
        .delegations
        .iter()
        .enumerate()
        .map(|(i, k)| (k.key.as_str(), i))
        .collect();
    for (dn, del) in b.delegations.iter().enumerate() {
        let new_list = &b.members[dn];
        let Some(&d_old) = old_del.get(del.key.as_str()) else {
            continue; // an added delegation is reported whole
        };
        let old_list = &a.members[d_old];
        let here: rustc_hash::FxHashSet<&str> = old_list.iter().map(|k| k.key.as_str()).collect();
        for (j, k) in new_list.iter().enumerate() {
            if here.contains(k.key.as_str()) {
                continue;
            }
            match where_old.get(k.key.as_str()) {
                Some(&(from_del, from_at)) => {
                    let mut c = Change::new(
                        Part::Members,
                        Kind::Moved,
                        Some(k.key.clone()),
                        k.label.clone(),
                    );
                    c.field = Some("delegation".to_owned());
                    c.old = Some(Value::String(a.delegations[from_del].label.clone()));
                    c.new = Some(Value::String(del.label.clone()));
                    c.from = Some(from_at + 1);
                    c.to = Some(j + 1);
                    out.push(c);
                }
                None => {
                    let mut c = Change::new(
                        Part::Members,
                        Kind::Added,
                        Some(k.key.clone()),
                        k.label.clone(),
                    );
                    c.new = Some(k.value.clone());
                    c.to = Some(j + 1);
                    out.push(c);
                }
            }
        }
        for (i, k) in old_list.iter().enumerate() {
            if !where_new.contains_key(k.key.as_str()) {
                let mut c = Change::new(
                    Part::Members,
                    Kind::Removed,
                    Some(k.key.clone()),
                    k.label.clone(),
                );
                c.old = Some(k.value.clone());
                c.from = Some(i + 1);
                out.push(c);
            }
        }
        // Precedence within the delegation, among the members it kept.
        let stay_old: Vec<&str> = old_list
            .iter()
            .map(|k| k.key.as_str())
            .filter(|k| where_new.get(k).is_some_and(|&(d, _)| d == dn))
            .collect();
        let stay_new: Vec<&str> = new_list
            .iter()
            .map(|k| k.key.as_str())
            .filter(|k| here.contains(k))
            .collect();
        for key in moved(&stay_old, &stay_new) {
            let (_, i) = where_old[key];
            let (_, j) = where_new[key];
            if i == j {
                continue;
            }
            let mut c = Change::new(
                Part::Members,
                Kind::Moved,
                Some(key.to_owned()),
                new_list[j].label.clone(),
            );
            c.from = Some(i + 1);
            c.to = Some(j + 1);
            out.push(c);
        }
    }
    for list in &b.members {
        for k in list {
            if let Some(&(d, m)) = where_old.get(k.key.as_str()) {
                fields(
                    out,
                    Part::Members,
                    Some(k.key.clone()),
                    k.label.clone(),
                    &a.members[d][m].value,
                    &k.value,
                    "",
                );
            }
        }
    }
    for c in &mut out[start..] {
        let key = c.item.as_deref().unwrap_or("");
        let del = match where_new.get(key) {
            Some(&(d, _)) => &b.delegations[d],
            None => match where_old.get(key) {
                Some(&(d, _)) => &a.delegations[d],
                None => continue,
            },
        };
        c.delegation = Some(del.key.clone());
    }
}

/// Text at least this long is also compared word by word.
const LONG_TEXT: usize = 60;

/// Field changes between two values of one item, recursing into nested structs
/// ("arrival.date") and comparing lists as sequences ("key_messages[2]").
fn fields(
    out: &mut Vec<Change>,
    part: Part,
    item: Option<String>,
    location: String,
    old: &Value,
    new: &Value,
    path: &str,
) {
    if old == new {
        return;
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().collect();
            keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
            for key in keys {
                let (x, y) = (a.get(key), b.get(key));
                let none = Value::Array(Vec::new());
                match (x, y) {
                    (Some(x), Some(y)) => {
                        fields(out, part, item.clone(), location.clone(), x, y, &join(key))
                    }
                    // An empty list is left out of files: compare it as empty, so that
                    // a first entry reads as "key_messages[1]" like any other.
                    (None, Some(y @ Value::Array(_))) => fields(
                        out,
                        part,
                        item.clone(),
                        location.clone(),
                        &none,
                        y,
                        &join(key),
                    ),
                    (Some(x @ Value::Array(_)), None) => fields(
                        out,
                        part,
                        item.clone(),
                        location.clone(),
                        x,
                        &none,
                        &join(key),
                    ),
                    _ => {
                        let mut c =
                            Change::new(part, Kind::Changed, item.clone(), location.clone());
                        c.field = Some(join(key));
                        c.old = x.cloned();
                        c.new = y.cloned();
                        out.push(c);
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            // Compared by their text: values have no order of their own to diff by.
            let text = |v: &Vec<Value>| v.iter().map(Value::to_string).collect::<Vec<_>>();
            let (ta, tb) = (text(a), text(b));
            // A deadline: a crafted list of 100 000 shuffled entries must not take minutes
            // (past it, the difference found so far is coarser, never wrong).
            let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
            for op in similar::capture_diff_slices_deadline(
                similar::Algorithm::Myers,
                &ta,
                &tb,
                Some(deadline),
            ) {
                let (old_range, new_range) = (op.old_range(), op.new_range());
                if matches!(op, similar::DiffOp::Equal { .. }) {
                    continue;
                }
                let n = old_range.len().max(new_range.len());
                for k in 0..n {
                    let x = a.get(old_range.start + k).filter(|_| k < old_range.len());
                    let y = b.get(new_range.start + k).filter(|_| k < new_range.len());
                    let index = if y.is_some() {
                        new_range.start + k
                    } else {
                        old_range.start + k
                    };
                    let field = format!("{path}[{}]", index + 1);
                    let mut c = Change::new(part, Kind::Changed, item.clone(), location.clone());
                    c.field = Some(field);
                    c.old = x.cloned();
                    c.new = y.cloned();
                    if let (Some(Value::String(x)), Some(Value::String(y))) = (x, y) {
                        c.words = words(x, y);
                    }
                    out.push(c);
                }
            }
        }
        _ => {
            let mut c = Change::new(part, Kind::Changed, item, location);
            c.field = (!path.is_empty()).then(|| path.to_owned());
            c.old = Some(old.clone());
            c.new = Some(new.clone());
            if let (Value::String(x), Value::String(y)) = (old, new) {
                c.words = words(x, y);
            }
            out.push(c);
        }
    }
}

/// The word-level difference of two long texts.
fn words(old: &str, new: &str) -> Option<Vec<Word>> {
    if old.chars().count() < LONG_TEXT && new.chars().count() < LONG_TEXT {
        return None;
    }
    if crate::model::Photo::is_data_uri(old) || crate::model::Photo::is_data_uri(new) {
        return None;
    }
    let diff = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_millis(200))
        .diff_words(old, new);
    let mut words: Vec<Word> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => "equal",
            similar::ChangeTag::Delete => "delete",
            similar::ChangeTag::Insert => "insert",
        };
        match words.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => words.push(Word {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    Some(words)
}

/// Whether a change is to a marking, and which way it went.
fn marking_change(
    c: &Change,
    ranking: &Ranking,
    (old, old_inherits): (&Dossier, &rustc_hash::FxHashMap<String, Marking>),
    (new, new_inherits): (&Dossier, &rustc_hash::FxHashMap<String, Marking>),
) -> Option<MarkingChange> {
    // A level of the scale added, removed, renamed or moved changes what markings mean.
    if c.section == Part::Scheme && c.item.is_some() {
        return Some(MarkingChange::Changed);
    }
    if c.kind != Kind::Changed || !c.section.is_content() {
        return None;
    }
    let field = c.field.as_deref()?;
    // A restrictive control added to the scheme releases less; one taken away, more.
    if c.section == Part::Scheme && field.starts_with("restrictive") {
        return Some(match (&c.old, &c.new) {
            (None, Some(_)) => MarkingChange::ReleaseNarrowed,
            (Some(_), None) => MarkingChange::ReleaseWidened,
            _ => MarkingChange::Changed,
        });
    }
    if field != "marking" && !(c.section == Part::Meta && field == "title_marking") {
        return None;
    }
    // An unmarked portion takes what it inherits in that version: a member its
    // delegation's marking, anything else (and a delegation) the dossier's.
    let parse = |v: &Option<Value>,
                 d: &Dossier,
                 inherits: &rustc_hash::FxHashMap<String, Marking>| {
        match v.as_ref().and_then(Value::as_str).map(Marking::parse) {
            Some(Ok(m)) => m,
            _ => c
                .item
                .as_ref()
                .filter(|_| c.section == Part::Members)
                .and_then(|id| inherits.get(id))
                .cloned()
                .unwrap_or_else(|| d.meta.marking.clone()),
        }
    };
    let (a, b) = (
        parse(&c.old, old, old_inherits),
        parse(&c.new, new, new_inherits),
    );
    compare(ranking, &a, &b)
}

/// Which way a marking went; `None` when it means the same written otherwise (countries
/// in another order), which is no marking change.
fn compare(ranking: &Ranking, a: &Marking, b: &Marking) -> Option<MarkingChange> {
    Some(match ranking.compare(a, b)? {
        c if c.release_only && c.raised() => MarkingChange::ReleaseNarrowed,
        c if c.release_only && c.lowered() => MarkingChange::ReleaseWidened,
        c if c.raised() => MarkingChange::Raised,
        c if c.lowered() => MarkingChange::Lowered,
        _ => MarkingChange::Changed,
    })
}

/// How a change reads in one line, for lists: "moved from 4 to 3", "position changed".
pub fn summary(c: &Change) -> String {
    let field = c.field.as_deref().unwrap_or("");
    match (c.kind, c.marking) {
        (_, Some(m)) if field == "title_marking" => format!(
            "title page marking {}",
            match m {
                MarkingChange::Raised => "raised",
                MarkingChange::Lowered => "lowered",
                MarkingChange::ReleaseWidened => "release widened",
                MarkingChange::ReleaseNarrowed => "release narrowed",
                MarkingChange::Changed => "changed",
            }
        ),
        (_, Some(MarkingChange::Raised)) => "marking raised".to_owned(),
        (_, Some(MarkingChange::Lowered)) => "marking lowered".to_owned(),
        (_, Some(MarkingChange::ReleaseWidened)) => "release widened".to_owned(),
        (_, Some(MarkingChange::ReleaseNarrowed)) => "release narrowed".to_owned(),
        (Kind::Added, _) => match c.to {
            Some(at) => format!("added as {at}"),
            None => "added".to_owned(),
        },
        (Kind::Removed, _) => match c.from {
            Some(at) => format!("removed (was {at})"),
            None => "removed".to_owned(),
        },
        (Kind::Moved, _) if field == "delegation" => format!(
            "moved from {} to {}",
            value::short(c.old.as_ref()),
            value::short(c.new.as_ref())
        ),
        (Kind::Moved, _) => format!(
            "moved from {} to {}",
            c.from.unwrap_or(0),
            c.to.unwrap_or(0)
        ),
        (Kind::Changed, _) => {
            let field = field_words(field);
            match (&c.field, &c.old, &c.new) {
                (None, _, _) => "changed".to_owned(),
                (Some(_), None, Some(_)) => format!("{field} added"),
                (Some(_), Some(_), None) => format!("{field} removed"),
                (Some(_), _, _) => format!("{field} changed"),
            }
        }
    }
}

/// A field as a person reads it in a change list: "name changed", not "full_name".
fn field_words(field: &str) -> String {
    match field {
        "full_name" => "name".to_owned(),
        other => other.replace('_', " "),
    }
}

pub use value::display;

/// A dossier one field per line, "location · field: value", for git's `textconv`: git's
/// line diff of two such texts shows one line per changed field.
pub fn flatten(d: &Dossier) -> String {
    let mut s = String::new();
    let v = item_values(d);
    let mut line = |location: &str, value: &Value| {
        leaves(location, "", value, &mut |loc, field, v| {
            let text = display(Some(v)).replace('\n', "\n    ");
            let loc = value::clip(loc, 200);
            s.push_str(&visible(&format!("{loc} · {field}: {text}\n")));
        });
    };
    line("title page", &v.meta);
    line("marking scheme", &v.scheme);
    for (del, members) in v.delegations.iter().zip(&v.members) {
        line(&del.label, &del.value);
        for (i, m) in members.iter().enumerate() {
            line(&format!("{} (No. {})", m.label, i + 1), &m.value);
        }
    }
    for list in [
        &v.programme,
        &v.talking_points,
        &v.security_notes,
        &v.packs,
        &v.comments,
        &v.approvals,
        &v.conflicts,
    ] {
        for k in list {
            line(&k.label, &k.value);
        }
    }
    s
}

fn leaves(location: &str, path: &str, v: &Value, f: &mut dyn FnMut(&str, &str, &Value)) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(location, &p, x, f);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                leaves(location, &format!("{path}[{}]", i + 1), x, f);
            }
        }
        v => f(location, path, v),
    }
}
