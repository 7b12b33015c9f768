//! Turning a difference into edits: accepting a colleague's change, or choosing their side
//! of a merge conflict. The result is ordinary `Edit`s, so it is one undo step like any.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::value::to_value;
use super::{Change, Kind, Part};
use crate::edit::{DelegationInfo, Edit, Item, List};
use crate::model::{Dossier, ItemRef};

/// The edits that make `d` take the newer side of `change` (a change from `d` to another
/// version, as `diff(d, other)` reports it).
pub fn accept(d: &Dossier, change: &Change) -> Result<Vec<Edit>, String> {
    let key = change.item.as_deref().unwrap_or("");
    if change.section == Part::Scheme && change.item.is_some() {
        return Ok(vec![Edit::Set(Item::Scheme(level(d, change, key)?))]);
    }
    match (change.kind, change.section) {
        (Kind::Changed, _) => {
            let path = change.field.as_deref().unwrap_or("");
            Ok(vec![set(d, change.section, key, path, change.new.clone())?])
        }
        (Kind::Added, part) => {
            let value = change.new.clone().ok_or("the added item has no value")?;
            let at = change.to.unwrap_or(usize::MAX).saturating_sub(1);
            let list = list_of(d, part, change.delegation.as_deref())?;
            let len = crate::edit::list_len(d, list).ok_or("no such list")?;
            Ok(vec![Edit::Insert {
                list,
                index: at.min(len),
                item: item_of(part, value)?,
            }])
        }
        (Kind::Removed, part) => {
            let (list, index) = locate(d, part, key)?;
            Ok(vec![Edit::Remove { list, index }])
        }
        (Kind::Moved, Part::Members) if change.field.as_deref() == Some("delegation") => {
            let (from, index) = locate(d, Part::Members, key)?;
            let to = list_of(d, Part::Members, change.delegation.as_deref())?;
            let List::Members(di) = from else {
                return Err("not a member".to_owned());
            };
            let member = d.delegations[di].members[index].clone();
            let len = crate::edit::list_len(d, to).ok_or("no such delegation")?;
            let at = change.to.unwrap_or(usize::MAX).saturating_sub(1).min(len);
            Ok(vec![
                Edit::Remove { list: from, index },
                Edit::Insert {
                    list: to,
                    index: at,
                    item: Item::Member(Box::new(member)),
                },
            ])
        }
        (Kind::Moved, part) => {
            let (list, from) = locate(d, part, key)?;
            let len = crate::edit::list_len(d, list).ok_or("no such list")?;
            let to = change.to.unwrap_or(1).saturating_sub(1).min(len - 1);
            Ok(if from == to {
                Vec::new()
            } else {
                vec![Edit::Move { list, from, to }]
            })
        }
    }
}

/// The scheme with a change to one of its levels (known by name) taken.
fn level(d: &Dossier, change: &Change, name: &str) -> Result<crate::model::MarkingScheme, String> {
    let mut scheme = d.scheme.clone();
    let at = scheme.levels.iter().position(|l| l.name == name);
    let missing = || format!("the scheme has no level {name} now");
    let fits = |v: Value| -> Result<crate::model::Level, String> {
        serde_json::from_value(v).map_err(|e| format!("the level does not fit: {e}"))
    };
    match change.kind {
        Kind::Changed => {
            let i = at.ok_or_else(missing)?;
            let mut v = to_value(&scheme.levels[i]);
            put(
                &mut v,
                change.field.as_deref().unwrap_or(""),
                change.new.clone(),
            )?;
            scheme.levels[i] = fits(v)?;
        }
        Kind::Added => {
            let v = change.new.clone().ok_or("the added level has no value")?;
            let to = change.to.unwrap_or(usize::MAX).saturating_sub(1);
            let to = to.min(scheme.levels.len());
            scheme.levels.insert(to, fits(v)?);
        }
        Kind::Removed => {
            scheme.levels.remove(at.ok_or_else(missing)?);
        }
        Kind::Moved => {
            let level = scheme.levels.remove(at.ok_or_else(missing)?);
            let to = change
                .to
                .unwrap_or(1)
                .saturating_sub(1)
                .min(scheme.levels.len());
            scheme.levels.insert(to, level);
        }
    }
    Ok(scheme)
}

/// The edits that put `value` in the field at `path` ("position", "arrival.date",
/// "key_messages[2]") of the item `key` of `part`; `None` empties it.
pub fn set(
    d: &Dossier,
    part: Part,
    key: &str,
    path: &str,
    value: Option<Value>,
) -> Result<Edit, String> {
    fn patched<T: Serialize + DeserializeOwned>(
        x: &T,
        path: &str,
        value: Option<Value>,
    ) -> Result<T, String> {
        let mut v = to_value(x);
        put(&mut v, path, value)?;
        serde_json::from_value(v).map_err(|e| format!("the value does not fit: {e}"))
    }
    Ok(match part {
        Part::Meta => Edit::Set(Item::Meta(Box::new(patched(&d.meta, path, value)?))),
        Part::Scheme => Edit::Set(Item::Scheme(patched(&d.scheme, path, value)?)),
        Part::Delegations => {
            let (_, i) = locate(d, part, key)?;
            let del = patched(&d.delegations[i], path, value)?;
            Edit::Set(Item::DelegationInfo(i, DelegationInfo::of(&del)))
        }
        Part::Members => {
            let (list, index) = locate(d, part, key)?;
            let List::Members(di) = list else {
                return Err("not a member".to_owned());
            };
            let m = patched(&d.delegations[di].members[index], path, value)?;
            Edit::Replace {
                list,
                index,
                item: Item::Member(Box::new(m)),
            }
        }
        Part::Programme | Part::TalkingPoints | Part::SecurityNotes | Part::Packs => {
            let (list, index) = locate(d, part, key)?;
            let item = match part {
                Part::Programme => Item::Programme(patched(&d.programme[index], path, value)?),
                Part::TalkingPoints => {
                    Item::TalkingPoint(Box::new(patched(&d.talking_points[index], path, value)?))
                }
                Part::SecurityNotes => {
                    Item::SecurityNote(Box::new(patched(&d.security_notes[index], path, value)?))
                }
                _ => Item::Pack(patched(&d.packs[index], path, value)?),
            };
            Edit::Replace { list, index, item }
        }
        Part::Comments | Part::Approvals | Part::Conflicts => {
            return Err("review records are not taken from another version".to_owned());
        }
    })
}

/// The value at `path` in the item `key` of `part` (as `set` would put it), `None` where
/// there is none.
fn get(d: &Dossier, part: Part, key: &str, path: &str) -> Option<Value> {
    let mut v = match part {
        Part::Meta => to_value(&d.meta),
        Part::Scheme => to_value(&d.scheme),
        _ => match locate(d, part, key).ok()? {
            (List::Delegations, i) => to_value(&d.delegations[i]),
            (List::Members(di), i) => to_value(&d.delegations[di].members[i]),
            (List::Programme, i) => to_value(&d.programme[i]),
            (List::TalkingPoints, i) => to_value(&d.talking_points[i]),
            (List::SecurityNotes, i) => to_value(&d.security_notes[i]),
            (List::Packs, i) => to_value(&d.packs[i]),
        },
    };
    for step in steps(path).ok()? {
        v = match step {
            Step::Key(k) => v.get_mut(k)?.take(),
            Step::Index(i) => v.get_mut(i)?.take(),
        };
    }
    (!v.is_null()).then_some(v)
}

/// The part of the dossier an item of `d` is in, found by id.
pub fn part_of(d: &Dossier, id: &str) -> Option<Part> {
    let id = crate::model::Id::new(id).ok()?;
    Some(match d.find(&id)? {
        ItemRef::Delegation(_) => Part::Delegations,
        ItemRef::Member(..) => Part::Members,
        ItemRef::Programme(_) => Part::Programme,
        ItemRef::TalkingPoint(_) => Part::TalkingPoints,
        ItemRef::SecurityNote(_) => Part::SecurityNotes,
        ItemRef::Meta | ItemRef::Scheme | ItemRef::Pack(_) => return None,
    })
}

/// The list holding items of `part` (a member: of the delegation `delegation`).
fn list_of(d: &Dossier, part: Part, delegation: Option<&str>) -> Result<List, String> {
    Ok(match part {
        Part::Delegations => List::Delegations,
        Part::Members => {
            let id = delegation.ok_or("the member's delegation is not known")?;
            let i = d
                .delegations
                .iter()
                .position(|x| x.id.as_str() == id)
                .ok_or_else(|| format!("there is no delegation {id} here"))?;
            List::Members(i)
        }
        Part::Programme => List::Programme,
        Part::TalkingPoints => List::TalkingPoints,
        Part::SecurityNotes => List::SecurityNotes,
        Part::Packs => List::Packs,
        _ => return Err("that part has no list of items".to_owned()),
    })
}

/// Where the item `key` of `part` is now.
fn locate(d: &Dossier, part: Part, key: &str) -> Result<(List, usize), String> {
    let missing = || format!("the item {key} is no longer in the dossier");
    if part == Part::Packs {
        let i = d
            .packs
            .iter()
            .position(|p| p.name == key)
            .ok_or_else(missing)?;
        return Ok((List::Packs, i));
    }
    let id = crate::model::Id::new(key).map_err(|_| missing())?;
    Ok(match d.find(&id).ok_or_else(missing)? {
        ItemRef::Delegation(i) => (List::Delegations, i),
        ItemRef::Member(di, mi) => (List::Members(di), mi),
        ItemRef::Programme(i) => (List::Programme, i),
        ItemRef::TalkingPoint(i) => (List::TalkingPoints, i),
        ItemRef::SecurityNote(i) => (List::SecurityNotes, i),
        _ => return Err(missing()),
    })
}

fn item_of(part: Part, value: Value) -> Result<Item, String> {
    let bad = |e: serde_json::Error| format!("the item does not fit: {e}");
    Ok(match part {
        Part::Delegations => Item::Delegation(serde_json::from_value(value).map_err(bad)?),
        Part::Members => Item::Member(Box::new(serde_json::from_value(value).map_err(bad)?)),
        Part::Programme => Item::Programme(serde_json::from_value(value).map_err(bad)?),
        Part::TalkingPoints => {
            Item::TalkingPoint(Box::new(serde_json::from_value(value).map_err(bad)?))
        }
        Part::SecurityNotes => {
            Item::SecurityNote(Box::new(serde_json::from_value(value).map_err(bad)?))
        }
        Part::Packs => Item::Pack(serde_json::from_value(value).map_err(bad)?),
        _ => return Err("review records are not taken from another version".to_owned()),
    })
}

/// One step of a field path: a struct field, or a list entry counted from 1.
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

fn steps(path: &str) -> Result<Vec<Step<'_>>, String> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            out.push(Step::Key(name));
        }
        for index in rest.split('[') {
            let Some(n) = index.strip_suffix(']') else {
                continue;
            };
            let n: usize = n.parse().map_err(|_| format!("bad field path {path:?}"))?;
            out.push(Step::Index(
                n.checked_sub(1).ok_or("list entries count from 1")?,
            ));
        }
    }
    Ok(out)
}

/// Puts `new` at `path` in `v`: a missing struct field is added, a list entry past the end
/// is appended, and `None` removes the field or entry.
fn put(v: &mut Value, path: &str, new: Option<Value>) -> Result<(), String> {
    let steps = steps(path)?;
    let Some((last, walk)) = steps.split_last() else {
        *v = new.unwrap_or(Value::Null);
        return Ok(());
    };
    let mut at = v;
    for step in walk {
        at = match step {
            Step::Key(k) => {
                let map = at.as_object_mut().ok_or("the field path does not fit")?;
                map.entry(k.to_string())
                    .or_insert_with(|| Value::Object(Default::default()))
            }
            Step::Index(i) => {
                let list = at.as_array_mut().ok_or("the field path does not fit")?;
                list.get_mut(*i).ok_or("no such list entry")?
            }
        };
    }
    match last {
        Step::Key(k) => {
            if at.is_null() {
                *at = Value::Object(Default::default());
            }
            let map = at.as_object_mut().ok_or("the field path does not fit")?;
            match new {
                Some(x) => {
                    map.insert(k.to_string(), x);
                }
                None => {
                    map.shift_remove(*k);
                }
            }
        }
        Step::Index(i) => {
            if at.is_null() {
                *at = Value::Array(Vec::new());
            }
            let list = at.as_array_mut().ok_or("the field path does not fit")?;
            match new {
                Some(x) if *i < list.len() => list[*i] = x,
                Some(x) => list.push(x),
                None if *i < list.len() => {
                    list.remove(*i);
                }
                None => {}
            }
        }
    }
    Ok(())
}

/// The edits that resolve conflict `index` of `d` by taking their side (or, with
/// `theirs` false, keeping ours): the value where it belongs, and the conflict removed.
pub fn resolve(d: &Dossier, index: usize, theirs: bool) -> Result<Vec<Edit>, String> {
    let conflict = d.conflicts.get(index).ok_or("no such conflict")?;
    let mut rest = d.conflicts.clone();
    rest.remove(index);
    let mut edits = Vec::new();
    let key = conflict.item.as_ref().map(|i| i.as_str().to_owned());
    let section = Part::from_name(&conflict.section);
    let part = match (&key, section) {
        (Some(k), _) => part_of(d, k),
        (None, Some(p @ (Part::Meta | Part::Scheme))) => Some(p),
        _ => None,
    };
    if !theirs {
        // Ours is in place, but for a marking a merge raised to cover both sides until
        // someone chose: keeping ours is then setting it.
        let whole_or_field = !conflict.field.is_empty() || !conflict.note.is_empty();
        if let (Some(part), true) = (part, whole_or_field) {
            let now = get(d, part, key.as_deref().unwrap_or(""), &conflict.field);
            if now.as_ref() != conflict.ours.as_ref() {
                edits.push(set(
                    d,
                    part,
                    key.as_deref().unwrap_or(""),
                    &conflict.field,
                    conflict.ours.clone(),
                )?);
            }
        }
    } else {
        match (part, conflict.field.is_empty(), &conflict.theirs) {
            // Removed on their side: remove it here.
            (Some(part), true, None) => {
                let (list, index) = locate(d, part, key.as_deref().unwrap_or(""))?;
                edits.push(Edit::Remove { list, index });
            }
            (Some(part), _, value) => {
                edits.push(set(
                    d,
                    part,
                    key.as_deref().unwrap_or(""),
                    &conflict.field,
                    value.clone(),
                )?);
            }
            // Ours removed the item; theirs changed it: bring theirs back at the end.
            (None, true, Some(value)) if key.is_some() => {
                let part = section.ok_or("cannot tell what kind of item this is")?;
                let list = match part {
                    Part::Members => return Err(
                        "a removed member cannot be brought back automatically: add it again by hand"
                            .to_owned(),
                    ),
                    p => list_of(d, p, None)?,
                };
                let len = crate::edit::list_len(d, list).unwrap_or(0);
                edits.push(Edit::Insert {
                    list,
                    index: len,
                    item: item_of(part, value.clone())?,
                });
            }
            _ => return Err("their side of this conflict cannot be taken automatically: edit the item by hand and keep ours".to_owned()),
        }
    }
    edits.push(Edit::Set(Item::Conflicts(rest)));
    Ok(edits)
}
