//! Dossier items as generic serde values with a key and a label: what `diff` compares and
//! `merge` combines, field by field.

use serde::Serialize;
use serde_json::Value;

use crate::model::Dossier;

/// One item of a list: its key (id or name), how people call it, and its value.
#[derive(Debug, Clone)]
pub struct Keyed {
    pub key: String,
    pub label: String,
    pub value: Value,
}

/// Makes every key of a list unique: a second item with one id (an error `check` reports,
/// but a file may hold it) is matched as "ID#2", so that a file compared with itself has
/// no changes and neither copy is lost in a merge. A name may itself read "Brief#2" (a
/// saved pack's): the number is then the next that no key of the list is.
fn unique(lists: &mut [&mut Vec<Keyed>]) {
    let mut taken: rustc_hash::FxHashSet<String> = lists
        .iter()
        .flat_map(|l| l.iter().map(|k| k.key.clone()))
        .collect();
    let mut seen: rustc_hash::FxHashMap<String, usize> = Default::default();
    for list in lists.iter_mut() {
        for k in list.iter_mut() {
            let n = seen.entry(k.key.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let mut key = format!("{}#{n}", k.key);
                while taken.contains(&key) {
                    *n += 1;
                    key = format!("{}#{n}", k.key);
                }
                taken.insert(key.clone());
                k.key = key;
            }
        }
    }
}

/// A dossier's items, list by list. A delegation's value leaves its members out: they are
/// compared one by one, in `members` (one list per delegation, in the same order).
pub struct Values {
    pub meta: Value,
    pub scheme: Value,
    /// The scheme's levels by name (for the diff; the merge takes the scheme whole).
    pub levels: Vec<Keyed>,
    pub delegations: Vec<Keyed>,
    pub members: Vec<Vec<Keyed>>,
    pub programme: Vec<Keyed>,
    pub talking_points: Vec<Keyed>,
    pub security_notes: Vec<Keyed>,
    pub packs: Vec<Keyed>,
    pub comments: Vec<Keyed>,
    pub approvals: Vec<Keyed>,
    pub conflicts: Vec<Keyed>,
}

pub fn to_value<T: Serialize>(x: &T) -> Value {
    // Our types serialize to plain data (strings, numbers, lists, structs) only; a value
    // that cannot be represented would be a bug in the model, not in the input.
    serde_json::to_value(x).expect("dossier items serialize to plain values")
}

/// A text shortened for labels, on a character boundary, on one line: a line break in a
/// title shows as ⏎, so that no text from a file starts a line of a report of its own.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    let one_line = |s: &str| s.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎");
    if s.chars().count() <= max {
        one_line(s)
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", one_line(cut.trim_end()))
    }
}

pub(super) fn quoted(kind: &str, name: &str) -> String {
    if name.trim().is_empty() {
        format!("{kind} (untitled)")
    } else {
        format!("{kind} “{}”", clip(name, 60))
    }
}

pub fn item_values(d: &Dossier) -> Values {
    let delegations = d
        .delegations
        .iter()
        .map(|del| {
            let mut value = to_value(del);
            if let Value::Object(map) = &mut value {
                map.shift_remove("members");
            }
            Keyed {
                key: del.id.to_string(),
                label: quoted("delegation", &del.name),
                value,
            }
        })
        .collect();
    let members = d
        .delegations
        .iter()
        .map(|del| {
            del.members
                .iter()
                .map(|m| Keyed {
                    key: m.id.to_string(),
                    label: format!(
                        "{} of {}",
                        quoted("member", &m.display_name()),
                        clip(&del.name, 40)
                    ),
                    value: to_value(m),
                })
                .collect()
        })
        .collect();
    let by_id = |kind: &str, items: Vec<(String, String, Value)>| -> Vec<Keyed> {
        items
            .into_iter()
            .map(|(key, name, value)| Keyed {
                key,
                label: quoted(kind, &name),
                value,
            })
            .collect()
    };
    let mut v = Values {
        meta: to_value(&d.meta),
        scheme: to_value(&d.scheme),
        levels: d
            .scheme
            .levels
            .iter()
            .map(|l| Keyed {
                key: l.name.clone(),
                label: quoted("marking level", &l.name),
                value: to_value(l),
            })
            .collect(),
        delegations,
        members,
        programme: by_id(
            "programme item",
            d.programme
                .iter()
                .map(|p| (p.id.to_string(), p.title.clone(), to_value(p)))
                .collect(),
        ),
        talking_points: by_id(
            "talking point",
            d.talking_points
                .iter()
                .map(|t| (t.id.to_string(), t.title.clone(), to_value(t)))
                .collect(),
        ),
        security_notes: by_id(
            "security note",
            d.security_notes
                .iter()
                .map(|n| (n.id.to_string(), n.title.clone(), to_value(n)))
                .collect(),
        ),
        packs: by_id(
            "saved pack",
            d.packs
                .iter()
                .map(|p| (p.name.clone(), p.name.clone(), to_value(p)))
                .collect(),
        ),
        comments: d
            .comments
            .iter()
            .map(|c| Keyed {
                key: c.id.to_string(),
                label: format!("comment by {} ({})", clip(&c.author, 40), c.at),
                value: to_value(c),
            })
            .collect(),
        approvals: d
            .approvals
            .iter()
            .map(|a| Keyed {
                key: format!("{} {} {}", a.by, a.at, a.content),
                label: format!("approval by {} ({})", clip(&a.by, 40), a.at),
                value: to_value(a),
            })
            .collect(),
        conflicts: d
            .conflicts
            .iter()
            .map(|c| Keyed {
                key: format!(
                    "{} {} {}",
                    c.item.as_ref().map_or("", |i| i.as_str()),
                    c.location,
                    c.field
                ),
                label: format!("conflict in {}", c.describe()),
                value: to_value(c),
            })
            .collect(),
    };
    unique(&mut [&mut v.delegations]);
    unique(&mut [&mut v.levels]);
    unique(&mut v.members.iter_mut().collect::<Vec<_>>());
    for list in [
        &mut v.programme,
        &mut v.talking_points,
        &mut v.security_notes,
        &mut v.packs,
        &mut v.comments,
        &mut v.approvals,
        &mut v.conflicts,
    ] {
        unique(&mut [list]);
    }
    v
}

/// A value as people read it: text as written, "(empty)" for nothing, lists one item per
/// "; ", structs as "field: value".
pub fn display(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "(empty)".to_owned(),
        Some(Value::String(s)) if s.is_empty() => "(empty)".to_owned(),
        // Tens of KB of base64 say nothing to a reader.
        Some(Value::String(s)) if crate::model::Photo::is_data_uri(s) => {
            crate::model::Photo::describe_uri(s)
        }
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) if items.is_empty() => "(empty)".to_owned(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|x| display(Some(x)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, x)| format!("{k}: {}", display(Some(x))))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// `display`, shortened for one-line summaries.
pub fn short(v: Option<&Value>) -> String {
    clip(&display(v), 60)
}
