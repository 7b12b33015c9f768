//! Three-way merge by item id and field.
//!
//! Each item is matched across the common ancestor (base), our version and theirs. A field
//! changed on one side only takes that side's value; changed the same way on both, that
//! value; changed two ways, it is a conflict. An item added on either side is kept, one
//! removed on one side is removed unless the other side changed it (a conflict). Order
//! follows the side that reordered, additions go after the item they followed.
//!
//! A conflicted result is still a dossier: our value stands in place, and `conflicts`
//! records all three values so that either side can be chosen later.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::value::{Keyed, Values, item_values, to_value};
use crate::model::{Comment, Conflict, Delegation, Dossier, Id, Member};

/// A merge's result.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged dossier, with every conflict (old and new) in its `conflicts`.
    pub dossier: Dossier,
    /// How many conflicts this merge found.
    pub new_conflicts: usize,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.dossier.conflicts.is_empty()
    }
}

/// Merges `theirs` into `ours`, both descended from `base`.
pub fn merge(base: &Dossier, ours: &Dossier, theirs: &Dossier) -> Merged {
    let sides = (base, ours, theirs);
    let mut m = Merger::default();
    let aligned = align_moves(base, ours, theirs, &mut m);
    let (base, ours, theirs) = match &aligned {
        Some((b, o, t)) => (b, o, t),
        None => (base, ours, theirs),
    };
    let (b, o, t) = (item_values(base), item_values(ours), item_values(theirs));

    let meta = m.single("title page", &b.meta, &o.meta, &t.meta);
    let scheme = m.single("marking scheme", &b.scheme, &o.scheme, &t.scheme);
    let delegations = m.delegations(&b, &o, &t, base, ours, theirs);
    let programme = m.list(&b.programme, &o.programme, &t.programme, true);
    let talking_points = m.list(
        &b.talking_points,
        &o.talking_points,
        &t.talking_points,
        true,
    );
    let security_notes = m.list(
        &b.security_notes,
        &o.security_notes,
        &t.security_notes,
        true,
    );
    let packs = m.list(&b.packs, &o.packs, &t.packs, false);

    let mut dossier = ours.clone();
    dossier.meta = m.typed(meta, &ours.meta);
    dossier.scheme = m.typed(scheme, &ours.scheme);
    dossier.delegations = delegations;
    dossier.programme = m.typed_list(programme);
    dossier.talking_points = m.typed_list(talking_points);
    dossier.security_notes = m.typed_list(security_notes);
    dossier.packs = m.typed_list(packs);
    dossier.comments = comments(&base.comments, &ours.comments, &theirs.comments);
    dossier.approvals = records(&base.approvals, &ours.approvals, &theirs.approvals);
    // Judged against the versions as given: a member one side moved under another
    // delegation is content that side changed.
    let kept = super::secrecy::keep(sides.0, sides.1, sides.2, &mut dossier, &m.conflicts);
    m.conflicts.extend(kept);
    let new_conflicts = m.conflicts.len();
    let conflicts = union(
        &records(&base.conflicts, &ours.conflicts, &theirs.conflicts),
        &m.conflicts,
    );
    dossier.conflicts = conflicts;
    Merged {
        dossier,
        new_conflicts,
    }
}

/// Members one side moved to another delegation: the move is made in the other two
/// versions too (where the mover put the member), so that the member is then merged in one
/// place, field by field: a move on one side and an edit on the other merge cleanly. Moved
/// two ways, ours wins and the move is a conflict. `None` when nobody moved a member
/// between delegations.
fn align_moves(
    base: &Dossier,
    ours: &Dossier,
    theirs: &Dossier,
    m: &mut Merger,
) -> Option<(Dossier, Dossier, Dossier)> {
    fn homes(d: &Dossier) -> rustc_hash::FxHashMap<&str, (&str, usize)> {
        let mut map = rustc_hash::FxHashMap::default();
        for del in &d.delegations {
            for (i, mem) in del.members.iter().enumerate() {
                map.entry(mem.id.as_str()).or_insert((del.id.as_str(), i));
            }
        }
        map
    }
    let has = |d: &Dossier, del: &str| d.delegations.iter().any(|x| x.id.as_str() == del);
    let member_value = |d: &Dossier, id: &str| {
        d.delegations
            .iter()
            .flat_map(|x| &x.members)
            .find(|x| x.id.as_str() == id)
            .map_or(Value::Null, to_value)
    };
    let (hb, ho, ht) = (homes(base), homes(ours), homes(theirs));
    // (member, delegation it goes to, position there, who moved it: ours, theirs, or
    // both alike)
    let mut moves: Vec<(String, String, usize, Option<bool>)> = Vec::new();
    for (id, &(b_home, _)) in &hb {
        let (o, t) = (ho.get(id), ht.get(id));
        // Moved to another delegation on one side, removed on the other: removed against
        // changed, a conflict. The mover's side stands (ours in place: kept where ours put
        // it; theirs moved it: removed as ours did).
        match (o, t) {
            (Some(&(o_home, _)), None) if o_home != b_home => {
                m.section = "members";
                let (was, now) = (member_value(base, id), member_value(ours, id));
                m.conflict(
                    Some(id),
                    &format!("member {id}"),
                    "",
                    &was,
                    &now,
                    &Value::Null,
                );
                continue;
            }
            (None, Some(&(t_home, t_at))) if t_home != b_home => {
                m.section = "members";
                let (was, now) = (member_value(base, id), member_value(theirs, id));
                m.conflict(
                    Some(id),
                    &format!("member {id}"),
                    "",
                    &was,
                    &Value::Null,
                    &now,
                );
                // Judged in one place, where it stays removed.
                moves.push((id.to_string(), t_home.to_owned(), t_at, None));
                continue;
            }
            _ => {}
        }
        let (Some(&(o_home, o_at)), Some(&(t_home, t_at))) = (o, t) else {
            continue;
        };
        let mover = match (o_home != b_home, t_home != b_home) {
            (true, false) => Some((o_home, o_at, Some(true))),
            (false, true) => Some((t_home, t_at, Some(false))),
            (true, true) if o_home == t_home => Some((o_home, o_at, None)),
            (true, true) => {
                m.section = "members";
                m.conflict(
                    Some(id),
                    &format!("member {id}"),
                    "delegation",
                    &Value::String(b_home.to_owned()),
                    &Value::String(o_home.to_owned()),
                    &Value::String(t_home.to_owned()),
                );
                Some((o_home, o_at, Some(true)))
            }
            _ => None,
        };
        let Some((to, at, who)) = mover else { continue };
        // Into a delegation the other side removed: not aligned, so that the removal of a
        // delegation that gained a member is judged as removed against changed.
        let other = match who {
            Some(true) => theirs,
            Some(false) => ours,
            None => base,
        };
        if has(base, to) && !has(other, to) {
            continue;
        }
        moves.push((id.to_string(), to.to_owned(), at, who));
    }
    if moves.is_empty() {
        return None;
    }
    moves.sort();
    let (mut b, mut o, mut t) = (base.clone(), ours.clone(), theirs.clone());
    for (id, to, at, mover) in &moves {
        // Into a delegation the mover added: the same delegation, empty, in the versions
        // that lack it, so that the member is merged there.
        let source = match mover {
            Some(false) => theirs,
            _ => ours,
        };
        if let Some((i, del)) = source
            .delegations
            .iter()
            .enumerate()
            .find(|(_, x)| x.id.as_str() == to)
        {
            for d in [&mut b, &mut o, &mut t] {
                if !d.delegations.iter().any(|x| x.id.as_str() == to) {
                    let mut shell = del.clone();
                    shell.members.clear();
                    let at = i.min(d.delegations.len());
                    d.delegations.insert(at, shell);
                }
            }
        }
        relocate(&mut b, id, to, *at);
        match mover {
            Some(true) => relocate(&mut t, id, to, *at),
            Some(false) => relocate(&mut o, id, to, *at),
            None => {}
        }
    }
    Some((b, o, t))
}

/// Moves member `id` into delegation `to` at `at` (clamped), if both are there.
fn relocate(d: &mut Dossier, id: &str, to: &str, at: usize) {
    let Some(target) = d.delegations.iter().position(|x| x.id.as_str() == to) else {
        return;
    };
    let mut found = None;
    for del in &mut d.delegations {
        if let Some(i) = del.members.iter().position(|x| x.id.as_str() == id) {
            found = Some(del.members.remove(i));
            break;
        }
    }
    if let Some(member) = found {
        let list = &mut d.delegations[target].members;
        list.insert(at.min(list.len()), member);
    }
}

/// Records that are kept or dropped whole (approvals, conflicts), three ways: what either
/// side added is kept, what either side removed (a conflict resolved) stays removed.
fn records<T: Clone + Serialize>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let key = |x: &T| to_value(x).to_string();
    let set = |l: &[T]| -> rustc_hash::FxHashSet<String> { l.iter().map(key).collect() };
    let (b, o, t) = (set(base), set(ours), set(theirs));
    let keep = |k: &String| !b.contains(k) || (o.contains(k) && t.contains(k));
    let mut seen = rustc_hash::FxHashSet::default();
    ours.iter()
        .chain(theirs)
        .filter(|x| {
            let k = key(x);
            keep(&k) && seen.insert(k)
        })
        .cloned()
        .collect()
}

/// Ours, then what only theirs has (compared by their written form, in one pass).
fn union<T: Clone + Serialize>(ours: &[T], theirs: &[T]) -> Vec<T> {
    let key = |x: &T| to_value(x).to_string();
    let mut seen: rustc_hash::FxHashSet<String> = ours.iter().map(key).collect();
    let mut out = ours.to_vec();
    for x in theirs {
        if seen.insert(key(x)) {
            out.push(x.clone());
        }
    }
    out
}

/// Comments never conflict, and nothing written in one is lost: a thread keeps every
/// reply from both sides (a reply edited on one side takes the edit), a comment one side
/// resolved or reopened takes that state, a comment one side removed stays removed unless
/// the other side added to it, and where both sides rewrote a comment's text, or added
/// different comments under one id, ours stands and theirs is kept beside it.
fn comments(base: &[Comment], ours: &[Comment], theirs: &[Comment]) -> Vec<Comment> {
    // Known by id, and a repeated id (an error `check` reports) by its occurrence.
    type Key = (Id, usize);
    let keys = |list: &[Comment]| -> Vec<Key> {
        let mut seen: rustc_hash::FxHashMap<&Id, usize> = Default::default();
        list.iter()
            .map(|c| {
                let n = seen.entry(&c.id).or_insert(0);
                *n += 1;
                (c.id.clone(), *n)
            })
            .collect()
    };
    let (kb, ko, kt) = (keys(base), keys(ours), keys(theirs));
    let index = |keys: &[Key]| -> rustc_hash::FxHashMap<Key, usize> {
        keys.iter()
            .cloned()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect()
    };
    let (bi, oi, ti) = (index(&kb), index(&ko), index(&kt));
    let mut out: Vec<Comment> = Vec::with_capacity(ours.len() + theirs.len());
    let mut beside: Vec<Comment> = Vec::new();
    for (o, key) in ours.iter().zip(&ko) {
        let b = bi.get(key).map(|&k| &base[k]);
        let Some(t) = ti.get(key).map(|&k| &theirs[k]) else {
            // Theirs removed it: removed, unless ours added to it since (resolving it, or
            // reopening it, adds nothing).
            if b.is_none_or(|b| !same_words(b, o)) {
                out.push(o.clone());
            }
            continue;
        };
        let mut c = o.clone();
        match b {
            None if t != o => {
                // Both added a comment under one id: two comments.
                let mut other = t.clone();
                other.id = Id::random();
                beside.push(other);
            }
            None => {}
            Some(b) => {
                if c.text != t.text && t.text != b.text {
                    if c.text == b.text {
                        c.text = t.text.clone();
                    } else {
                        // Rewritten both ways: theirs as a reply, so neither is lost.
                        c.replies.push(crate::model::Reply {
                            author: t.author.clone(),
                            at: t.at,
                            text: format!("(their version of this comment) {}", t.text),
                        });
                    }
                }
                if c.resolved == b.resolved {
                    c.resolved = t.resolved;
                }
                c.replies = replies(&b.replies, &c.replies, &t.replies);
            }
        }
        out.push(c);
    }
    for (t, key) in theirs.iter().zip(&kt) {
        if oi.contains_key(key) {
            continue;
        }
        match bi.get(key).map(|&k| &base[k]) {
            // Ours removed it: removed, unless theirs added to it since.
            Some(b) if same_words(b, t) => {}
            _ => out.push(t.clone()),
        }
    }
    out.extend(beside);
    out
}

/// Whether two versions of a comment say the same, resolved or not.
fn same_words(a: &Comment, b: &Comment) -> bool {
    Comment {
        resolved: b.resolved,
        ..a.clone()
    } == *b
}

/// A thread's replies, three ways, a reply known by its author and time: an edit on one
/// side is taken, edits on both keep both, additions on either side are kept, in time order.
fn replies(
    base: &[crate::model::Reply],
    ours: &[crate::model::Reply],
    theirs: &[crate::model::Reply],
) -> Vec<crate::model::Reply> {
    let key = |r: &crate::model::Reply| (r.author.clone(), r.at);
    let find = |list: &[crate::model::Reply], r: &crate::model::Reply| {
        list.iter().position(|x| key(x) == key(r))
    };
    let mut out: Vec<crate::model::Reply> = Vec::with_capacity(ours.len() + theirs.len());
    for o in ours {
        let b = find(base, o).map(|i| &base[i]);
        match (b, find(theirs, o).map(|i| &theirs[i])) {
            (Some(b), Some(t)) if o == b => out.push(t.clone()),
            (Some(b), Some(t)) if t != b && t != o => {
                // Edited both ways: both kept.
                out.push(o.clone());
                out.push(t.clone());
            }
            _ => out.push(o.clone()),
        }
    }
    for t in theirs {
        if find(ours, t).is_none() && find(base, t).is_none_or(|i| base[i] != *t) {
            out.push(t.clone());
        }
    }
    out.sort_by_key(|r| r.at);
    out
}

#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
    /// The part being merged, recorded with each conflict.
    section: &'static str,
    /// The item being merged was added on both sides (there is no common version).
    no_base: bool,
}

fn side(v: &Value) -> Option<Value> {
    (!v.is_null()).then(|| v.clone())
}

fn absent() -> Value {
    Value::Null
}

impl Merger {
    fn conflict(
        &mut self,
        item: Option<&str>,
        location: &str,
        field: &str,
        b: &Value,
        o: &Value,
        t: &Value,
    ) {
        self.conflicts.push(Conflict {
            section: self.section.to_owned(),
            item: item.and_then(|i| Id::new(i).ok()),
            location: location.to_owned(),
            field: field.to_owned(),
            base: side(b),
            ours: side(o),
            theirs: side(t),
            note: String::new(),
        });
    }

    /// The title page or the scheme: one item, merged field by field.
    fn single(&mut self, location: &str, b: &Value, o: &Value, t: &Value) -> Value {
        self.value(None, location, "", b, o, t)
    }

    /// One value, three ways. Objects merge field by field; lists that both sides only
    /// added to keep both additions; anything else changed two ways is a conflict.
    fn value(
        &mut self,
        item: Option<&str>,
        location: &str,
        path: &str,
        b: &Value,
        o: &Value,
        t: &Value,
    ) -> Value {
        if o == t || t == b {
            return o.clone();
        }
        if o == b {
            return t.clone();
        }
        // Both sides bumped the revision: the merge is the later revision still.
        if item.is_none() && path == "revision" {
            return std::cmp::max_by_key(o.clone(), t.clone(), |v| v.as_u64().unwrap_or(0));
        }
        let empty = Map::new();
        match (o, t) {
            (Value::Object(om), Value::Object(tm)) => {
                let bm = b.as_object().unwrap_or(&empty);
                let mut out = Map::new();
                let keys: Vec<&String> = om
                    .keys()
                    .chain(tm.keys().filter(|k| !om.contains_key(*k)))
                    .collect();
                for key in keys {
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    let v = self.value(
                        item,
                        location,
                        &child,
                        bm.get(key).unwrap_or(&absent()),
                        om.get(key).unwrap_or(&absent()),
                        tm.get(key).unwrap_or(&absent()),
                    );
                    if !v.is_null() {
                        out.insert(key.clone(), v);
                    }
                }
                Value::Object(out)
            }
            (Value::Array(oa), Value::Array(ta)) => {
                let ba: &[Value] = b.as_array().map_or(&[], Vec::as_slice);
                if !self.no_base && oa.starts_with(ba) && ta.starts_with(ba) {
                    // What both added is kept once, what theirs added more often than ours
                    // (a message added twice) as often as theirs has it: counted, not
                    // searched, for lists of any length.
                    let mut ours_added: rustc_hash::FxHashMap<String, usize> = Default::default();
                    for x in &oa[ba.len()..] {
                        *ours_added.entry(x.to_string()).or_default() += 1;
                    }
                    let mut out = oa.clone();
                    for x in &ta[ba.len()..] {
                        match ours_added.get_mut(&x.to_string()) {
                            Some(n) if *n > 0 => *n -= 1,
                            _ => out.push(x.clone()),
                        }
                    }
                    Value::Array(out)
                } else {
                    self.conflict(item, location, path, b, o, t);
                    o.clone()
                }
            }
            _ => {
                self.conflict(item, location, path, b, o, t);
                o.clone()
            }
        }
    }

    /// A list of items matched by key, each merged field by field.
    fn list(&mut self, b: &[Keyed], o: &[Keyed], t: &[Keyed], has_id: bool) -> Vec<Value> {
        let order = self.order(b, o, t, has_id);
        let (bi, oi, ti) = (index(b), index(o), index(t));
        order
            .into_iter()
            .map(|key| {
                let (kb, ko, kt) = (at(b, &bi, &key), at(o, &oi, &key), at(t, &ti, &key));
                let item = has_id.then_some(key.as_str());
                match (kb, ko, kt) {
                    (kb, Some(ko), Some(kt)) => {
                        let bv = kb.map_or_else(|| Value::Object(Map::new()), |k| k.value.clone());
                        // Added on both sides: nothing is common to both, so lists too
                        // conflict rather than combine.
                        self.no_base = kb.is_none();
                        let v = self.value(item, &ko.label, "", &bv, &ko.value, &kt.value);
                        self.no_base = false;
                        v
                    }
                    (_, Some(k), None) | (_, None, Some(k)) => k.value.clone(),
                    (_, None, None) => unreachable!("ordered keys are on one side at least"),
                }
            })
            .collect()
    }

    /// Which keys survive, in which order. Records the removed-on-one-side,
    /// changed-on-the-other conflicts.
    fn order(&mut self, b: &[Keyed], o: &[Keyed], t: &[Keyed], has_id: bool) -> Vec<String> {
        self.order_with(b, o, t, has_id, &|_, k| k.value.clone())
    }

    /// `order`, judging removed items by `whole(side, item)`: for a delegation, its value
    /// with its members, worked out only for the items one side removed.
    fn order_with(
        &mut self,
        b: &[Keyed],
        o: &[Keyed],
        t: &[Keyed],
        has_id: bool,
        whole: &dyn Fn(Side, &Keyed) -> Value,
    ) -> Vec<String> {
        let (bi, oi, ti) = (index(b), index(o), index(t));
        let mut keep = rustc_hash::FxHashSet::default();
        for k in o.iter().chain(t) {
            let key = &k.key;
            let (in_b, in_o, in_t) = (bi.get(key), oi.get(key), ti.get(key));
            let survives = match (in_b, in_o, in_t) {
                (Some(&i), Some(&j), None) => {
                    // Theirs removed it: removed, unless we changed it.
                    let (was, now) = (whole(Side::Base, &b[i]), whole(Side::Ours, &o[j]));
                    let changed = now != was;
                    if changed {
                        let item = has_id.then_some(key.as_str());
                        self.conflict(item, &o[j].label, "", &was, &now, &absent());
                    }
                    changed
                }
                (Some(&i), None, Some(&j)) => {
                    // We removed it: it stays removed (ours in place); a change of theirs
                    // to it is a conflict, kept so that it can be taken back.
                    let (was, now) = (whole(Side::Base, &b[i]), whole(Side::Theirs, &t[j]));
                    if now != was {
                        let item = has_id.then_some(key.as_str());
                        self.conflict(item, &t[j].label, "", &was, &absent(), &now);
                    }
                    false
                }
                _ => true,
            };
            if survives {
                keep.insert(key.clone());
            }
        }
        let side = |list: &[Keyed]| -> Vec<String> {
            list.iter()
                .map(|k| k.key.clone())
                .filter(|k| keep.contains(k))
                .collect()
        };
        let (so, st) = (side(o), side(t));
        let common = |list: &[String]| -> Vec<String> {
            list.iter()
                .filter(|k| bi.contains_key(*k) && oi.contains_key(*k) && ti.contains_key(*k))
                .cloned()
                .collect()
        };
        let sb: Vec<String> = b.iter().map(|k| k.key.clone()).collect();
        let (cb, co, ct) = (common(&sb), common(&so), common(&st));
        // Follow the side that reordered; when both did, ours.
        let (out, other) = if co == cb && ct != cb {
            (st, so)
        } else {
            (so, st)
        };
        // What the other side has that this one lacks goes after the item it followed on
        // its side (and after what this side added there, so that two additions at one
        // place read ours first), one run after another: gathered by the item they follow,
        // then laid out in one pass.
        let placed: rustc_hash::FxHashSet<&String> = out.iter().collect();
        let in_other: rustc_hash::FxHashSet<&String> = other.iter().collect();
        let own = |k: &String| !in_other.contains(k);
        let mut first: Vec<&String> = Vec::new();
        let mut after: rustc_hash::FxHashMap<&String, Vec<&String>> = Default::default();
        let mut anchor: Option<&String> = None;
        for key in &other {
            if placed.contains(key) {
                anchor = Some(key);
                continue;
            }
            match anchor {
                Some(a) => after.entry(a).or_default().push(key),
                None => first.push(key),
            }
        }
        let mut merged: Vec<String> = Vec::with_capacity(out.len() + other.len());
        let mut i = 0;
        while i < out.len() && own(&out[i]) {
            merged.push(out[i].clone());
            i += 1;
        }
        merged.extend(first.into_iter().cloned());
        while i < out.len() {
            let key = &out[i];
            merged.push(key.clone());
            i += 1;
            while i < out.len() && own(&out[i]) {
                merged.push(out[i].clone());
                i += 1;
            }
            if let Some(run) = after.get(key) {
                merged.extend(run.iter().map(|k| (*k).clone()));
            }
        }
        merged
    }

    /// Delegations: their own fields as a list, then each one's members as a list of its
    /// own. A member that ends up in two delegations (moved two ways) is kept once, where
    /// ours has it, and the other place is recorded as a conflict.
    fn delegations<'v>(
        &mut self,
        b: &'v Values,
        o: &'v Values,
        t: &'v Values,
        base: &Dossier,
        ours: &Dossier,
        theirs: &Dossier,
    ) -> Vec<Delegation> {
        // Whole delegations (members included) decide the removal rule: a delegation
        // removed on one side whose member the other side edited is a conflict.
        let whole = |side: Side, k: &Keyed| -> Value {
            let d = match side {
                Side::Base => base,
                Side::Ours => ours,
                Side::Theirs => theirs,
            };
            d.delegations
                .iter()
                .find(|x| x.id.as_str() == k.key)
                .map_or_else(|| k.value.clone(), to_value)
        };
        self.section = "delegations";
        let order = self.order_with(&b.delegations, &o.delegations, &t.delegations, true, &whole);
        let (bi, oi, ti) = (
            index(&b.delegations),
            index(&o.delegations),
            index(&t.delegations),
        );
        let mut out: Vec<Delegation> = Vec::with_capacity(order.len());
        let mut member_values: Vec<Vec<Value>> = Vec::with_capacity(order.len());
        for key in order {
            let (kb, ko, kt) = (bi.get(&key), oi.get(&key), ti.get(&key));
            let info = match (kb, ko, kt) {
                (kb, Some(&io), Some(&it)) => {
                    let bv = kb.map_or_else(
                        || Value::Object(Map::new()),
                        |&i| b.delegations[i].value.clone(),
                    );
                    let label = o.delegations[io].label.clone();
                    self.value(
                        Some(&key),
                        &label,
                        "",
                        &bv,
                        &o.delegations[io].value,
                        &t.delegations[it].value,
                    )
                }
                (_, Some(&i), None) => o.delegations[i].value.clone(),
                (_, None, Some(&i)) => t.delegations[i].value.clone(),
                _ => continue,
            };
            let members = |side: &'v Values, at: Option<&usize>| -> &'v [Keyed] {
                at.map_or(&[], |&i| side.members[i].as_slice())
            };
            self.section = "members";
            // A delegation one side removed survives only as a conflict (the other side
            // changed it): it stays as that side has it, members and all.
            let merged = match (ko, kt) {
                (Some(_), None) => members(o, ko).iter().map(|k| k.value.clone()).collect(),
                (None, Some(_)) => members(t, kt).iter().map(|k| k.value.clone()).collect(),
                _ => self.list(members(b, kb), members(o, ko), members(t, kt), true),
            };
            self.section = "delegations";
            let fallback = ko
                .map(|&i| &ours.delegations[i])
                .or_else(|| kt.map(|&i| &theirs.delegations[i]))
                .map(strip)
                .expect("a surviving delegation is on one side at least");
            out.push(self.typed(info, &fallback));
            member_values.push(merged);
        }
        let ours_home: rustc_hash::FxHashMap<&str, &str> = ours
            .delegations
            .iter()
            .flat_map(|d| {
                d.members
                    .iter()
                    .map(move |m| (m.id.as_str(), d.id.as_str()))
            })
            .collect();
        let mut homes: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, list) in member_values.iter().enumerate() {
            for v in list {
                let id = v.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
                homes.entry(id).or_default().push(i);
            }
        }
        let keep = |id: &str, i: usize, out: &[Delegation]| -> bool {
            let places = &homes[id];
            if places.len() == 1 {
                return true;
            }
            match ours_home.get(id) {
                Some(home) if places.iter().any(|&p| out[p].id.as_str() == *home) => {
                    out[i].id.as_str() == *home
                }
                _ => places[0] == i,
            }
        };
        for (i, list) in member_values.into_iter().enumerate() {
            let mut kept = Vec::with_capacity(list.len());
            for v in list {
                let id = v.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
                if keep(&id, i, &out) {
                    let fallback = Member::default();
                    kept.push(self.typed(v, &fallback));
                } else {
                    self.section = "members";
                    let location = format!("member {id}");
                    let there = Value::String(out[i].name.clone());
                    self.conflict(
                        Some(&id),
                        &location,
                        "delegation",
                        &absent(),
                        &absent(),
                        &there,
                    );
                }
            }
            out[i].members = kept;
        }
        out
    }

    /// A merged value as the model's type; a value that does not read back (it should
    /// always) leaves ours in place and says so.
    fn typed<T: DeserializeOwned + Serialize + Clone>(&mut self, v: Value, ours: &T) -> T {
        match serde_json::from_value(v.clone()) {
            Ok(x) => x,
            Err(e) => {
                self.conflicts.push(Conflict {
                    section: self.section.to_owned(),
                    item: None,
                    location: format!("merged value that does not read back ({e})"),
                    field: String::new(),
                    base: None,
                    ours: side(&to_value(ours)),
                    theirs: side(&v),
                    note: String::new(),
                });
                ours.clone()
            }
        }
    }

    fn typed_list<T: DeserializeOwned>(&mut self, vs: Vec<Value>) -> Vec<T> {
        let mut out = Vec::with_capacity(vs.len());
        for v in vs {
            match serde_json::from_value::<T>(v.clone()) {
                Ok(x) => out.push(x),
                Err(e) => self.conflicts.push(Conflict {
                    section: self.section.to_owned(),
                    item: None,
                    location: format!("merged item that does not read back ({e})"),
                    field: String::new(),
                    base: None,
                    ours: None,
                    theirs: side(&v),
                    note: String::new(),
                }),
            }
        }
        out
    }
}

fn at<'k>(
    list: &'k [Keyed],
    idx: &rustc_hash::FxHashMap<String, usize>,
    key: &str,
) -> Option<&'k Keyed> {
    idx.get(key).map(|&i| &list[i])
}

fn index(list: &[Keyed]) -> rustc_hash::FxHashMap<String, usize> {
    list.iter()
        .enumerate()
        .map(|(i, k)| (k.key.clone(), i))
        .collect()
}

fn strip(d: &Delegation) -> Delegation {
    let mut d = d.clone();
    d.members.clear();
    d
}

#[derive(Clone, Copy)]
enum Side {
    Base,
    Ours,
    Theirs,
}
