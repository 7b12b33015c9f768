//! What a merge keeps of each side's markings: no side's content is printed below the
//! marking that side gave it.
//!
//! A merge combines fields, and a marking is a field like any other: ours lowers a
//! talking point from SECRET to OFFICIAL, theirs (still SECRET) adds a key message, and a
//! field-by-field merge is clean, printing theirs' key message as "(O)". The same happens
//! through inheritance: ours lowers the dossier's or a delegation's marking and theirs
//! adds an unmarked item under it. So after the fields are merged, every item a side
//! changed or added is marked in the result at least as that side marked it (explicitly,
//! or by what it inherits there); where it is not, the marking that fell (the item's own,
//! its delegation's or the dossier's) is raised to cover both, and the merge records a
//! conflict on it: someone decides, in the editor, where the lowering is visible.

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::value::{clip, quoted};
use crate::model::{Comment, Conflict, Delegation, Dossier, Id, Marking};

/// A marking field: the dossier's, or an item's (known by id, across versions).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    Meta,
    /// The title page's own marking (`meta.title_marking`).
    Title,
    /// The title page's words: content, marked by the title page's marking.
    TitlePage,
    /// A saved pack, by name: its name is printed on the cover and in the footers.
    Pack(String),
    Delegation(Id),
    Member(Id),
    Programme(Id),
    TalkingPoint(Id),
    SecurityNote(Id),
    /// A review comment: content (it may be printed in an annex), marked by the dossier.
    Comment(Id),
}

/// One version's items by id: where each is, so that every lookup is a hash.
struct Index<'d> {
    d: &'d Dossier,
    delegations: FxHashMap<&'d Id, usize>,
    members: FxHashMap<&'d Id, (usize, usize)>,
    programme: FxHashMap<&'d Id, usize>,
    talking_points: FxHashMap<&'d Id, usize>,
    security_notes: FxHashMap<&'d Id, usize>,
    comments: FxHashMap<&'d Id, usize>,
}

/// Where a content item's marking comes from: its own, then (a member) its
/// delegation's, then the dossier's. The first that is set is the item's.
type Chain = Vec<(Slot, Option<Marking>)>;

impl<'d> Index<'d> {
    fn new(d: &'d Dossier) -> Self {
        fn by_id<'d, T>(items: &'d [T], id: impl Fn(&'d T) -> &'d Id) -> FxHashMap<&'d Id, usize> {
            let mut map = FxHashMap::default();
            for (i, x) in items.iter().enumerate() {
                // The first of a repeated id, as validation reports the others.
                map.entry(id(x)).or_insert(i);
            }
            map
        }
        let mut members = FxHashMap::default();
        for (di, del) in d.delegations.iter().enumerate() {
            for (mi, m) in del.members.iter().enumerate() {
                members.entry(&m.id).or_insert((di, mi));
            }
        }
        Self {
            d,
            delegations: by_id(&d.delegations, |x| &x.id),
            members,
            programme: by_id(&d.programme, |x| &x.id),
            talking_points: by_id(&d.talking_points, |x| &x.id),
            security_notes: by_id(&d.security_notes, |x| &x.id),
            comments: by_id(&d.comments, |x: &'d Comment| &x.id),
        }
    }

    /// Every content item of this version.
    fn items(&self) -> Vec<Slot> {
        let d = self.d;
        let mut out: Vec<Slot> = vec![Slot::TitlePage];
        out.extend(d.packs.iter().map(|p| Slot::Pack(p.name.clone())));
        for del in &d.delegations {
            out.push(Slot::Delegation(del.id.clone()));
            out.extend(del.members.iter().map(|m| Slot::Member(m.id.clone())));
        }
        out.extend(d.programme.iter().map(|x| Slot::Programme(x.id.clone())));
        out.extend(
            d.talking_points
                .iter()
                .map(|x| Slot::TalkingPoint(x.id.clone())),
        );
        out.extend(
            d.security_notes
                .iter()
                .map(|x| Slot::SecurityNote(x.id.clone())),
        );
        out.extend(d.comments.iter().map(|x| Slot::Comment(x.id.clone())));
        out
    }

    /// A marking field's value: `None` when the item is not in this version; the field
    /// itself may be unset (`Some(None)`).
    fn get(&self, slot: &Slot) -> Option<Option<&'d Marking>> {
        let d = self.d;
        Some(match slot {
            Slot::Meta => Some(&d.meta.marking),
            Slot::Title => d.meta.title_marking.as_ref(),
            Slot::TitlePage => None,
            Slot::Pack(name) => {
                d.packs.iter().find(|p| &p.name == name)?;
                None
            }
            Slot::Delegation(id) => d.delegations[*self.delegations.get(id)?].marking.as_ref(),
            Slot::Member(id) => {
                let &(di, mi) = self.members.get(id)?;
                d.delegations[di].members[mi].marking.as_ref()
            }
            Slot::Programme(id) => d.programme[*self.programme.get(id)?].marking.as_ref(),
            Slot::TalkingPoint(id) => d.talking_points[*self.talking_points.get(id)?]
                .marking
                .as_ref(),
            Slot::SecurityNote(id) => d.security_notes[*self.security_notes.get(id)?]
                .marking
                .as_ref(),
            Slot::Comment(id) => {
                self.comments.get(id)?;
                None
            }
        })
    }

    /// Where `item`'s marking comes from in this version, `None` if it is not here.
    fn chain(&self, item: &Slot, raised: &FxHashMap<Slot, Marking>) -> Option<Chain> {
        let value = |slot: Slot| -> Option<(Slot, Option<Marking>)> {
            let m = match raised.get(&slot) {
                Some(m) => Some(m.clone()),
                None => self.get(&slot)?.cloned(),
            };
            Some((slot, m))
        };
        let mut chain = vec![value(item.clone())?];
        if let Slot::Member(id) = item {
            let &(di, _) = self.members.get(id)?;
            chain.push(value(Slot::Delegation(self.d.delegations[di].id.clone()))?);
        }
        if matches!(item, Slot::TitlePage | Slot::Pack(_)) {
            chain.push(value(Slot::Title)?);
        }
        if *item != Slot::Meta {
            chain.push(value(Slot::Meta)?);
        }
        Some(chain)
    }

    /// Whether `item` is here with other content than in `base` (added, changed, or a
    /// member moved to another delegation).
    fn changed(&self, base: &Index, item: &Slot) -> bool {
        let (a, b) = (self.d, base.d);
        match item {
            Slot::Meta | Slot::Title => false,
            Slot::TitlePage => title_page(&a.meta) != title_page(&b.meta),
            Slot::Pack(name) => {
                let find = |d: &'d Dossier| d.packs.iter().find(|p| &p.name == name);
                find(a).is_some() && base.d.packs.iter().all(|p| &p.name != name)
            }
            Slot::Delegation(id) => match (self.delegations.get(id), base.delegations.get(id)) {
                (Some(&i), Some(&j)) => !same_delegation(&a.delegations[i], &b.delegations[j]),
                (Some(_), None) => true,
                _ => false,
            },
            Slot::Member(id) => match (self.members.get(id), base.members.get(id)) {
                (Some(&(di, mi)), Some(&(dj, mj))) => {
                    a.delegations[di].id != b.delegations[dj].id
                        || a.delegations[di].members[mi] != b.delegations[dj].members[mj]
                }
                (Some(_), None) => true,
                _ => false,
            },
            Slot::Programme(id) => differs(
                &a.programme,
                &self.programme,
                &b.programme,
                &base.programme,
                id,
            ),
            Slot::TalkingPoint(id) => differs(
                &a.talking_points,
                &self.talking_points,
                &b.talking_points,
                &base.talking_points,
                id,
            ),
            Slot::SecurityNote(id) => differs(
                &a.security_notes,
                &self.security_notes,
                &b.security_notes,
                &base.security_notes,
                id,
            ),
            Slot::Comment(id) => {
                differs(&a.comments, &self.comments, &b.comments, &base.comments, id)
            }
        }
    }

    /// How people call a marking field's item, as conflicts are located.
    fn location(&self, slot: &Slot) -> String {
        let d = self.d;
        let or = |found: Option<String>, id: &Id| found.unwrap_or_else(|| format!("item {id}"));
        match slot {
            Slot::Meta => "title page".to_owned(),
            Slot::Title | Slot::TitlePage => "title page (its own words)".to_owned(),
            Slot::Pack(name) => quoted("saved pack", name),
            Slot::Delegation(id) => or(
                self.delegations
                    .get(id)
                    .map(|&i| quoted("delegation", &d.delegations[i].name)),
                id,
            ),
            Slot::Member(id) => or(
                self.members.get(id).map(|&(di, mi)| {
                    let del = &d.delegations[di];
                    format!(
                        "{} of {}",
                        quoted("member", &del.members[mi].display_name()),
                        clip(&del.name, 40)
                    )
                }),
                id,
            ),
            Slot::Programme(id) => or(
                self.programme
                    .get(id)
                    .map(|&i| quoted("programme item", &d.programme[i].title)),
                id,
            ),
            Slot::TalkingPoint(id) | Slot::SecurityNote(id) => {
                let (kind, found) = match slot {
                    Slot::TalkingPoint(_) => (
                        "talking point",
                        self.talking_points
                            .get(id)
                            .map(|&i| &d.talking_points[i].title),
                    ),
                    _ => (
                        "security note",
                        self.security_notes
                            .get(id)
                            .map(|&i| &d.security_notes[i].title),
                    ),
                };
                or(found.map(|title| quoted(kind, title)), id)
            }
            Slot::Comment(id) => or(
                self.comments
                    .get(id)
                    .map(|&i| format!("comment by {}", clip(&d.comments[i].author, 40))),
                id,
            ),
        }
    }
}

fn differs<T: PartialEq>(
    a: &[T],
    ai: &FxHashMap<&Id, usize>,
    b: &[T],
    bi: &FxHashMap<&Id, usize>,
    id: &Id,
) -> bool {
    match (ai.get(id), bi.get(id)) {
        (Some(&i), Some(&j)) => a[i] != b[j],
        (Some(_), None) => true,
        _ => false,
    }
}

/// A delegation's own fields, its members aside (they are items of their own).
fn same_delegation(a: &Delegation, b: &Delegation) -> bool {
    a.id == b.id
        && a.name == b.name
        && a.role == b.role
        && a.ours == b.ours
        && a.marking == b.marking
        && a.notes == b.notes
        && a.seating == b.seating
        // The order of precedence is the delegation's to say.
        && a.members.len() == b.members.len()
        && a.members.iter().zip(&b.members).all(|(x, y)| x.id == y.id)
}

/// The title page's words as packs print them: what a side changed there is content.
fn title_page(m: &crate::model::Meta) -> crate::model::Meta {
    crate::model::Meta {
        marking: crate::model::Marking::default(),
        title_marking: None,
        revision: 0,
        status: Default::default(),
        ..m.clone()
    }
}

/// A conflict over the whole scheme, with the three versions' schemes and why.
fn scheme_conflict([base, ours, theirs]: [&Dossier; 3], note: String) -> Conflict {
    let scheme = |d: &Dossier| Some(super::value::to_value(&d.scheme));
    Conflict {
        section: "scheme".to_owned(),
        item: None,
        location: "marking scheme".to_owned(),
        field: String::new(),
        base: scheme(base),
        ours: scheme(ours),
        theirs: scheme(theirs),
        note,
    }
}

/// Whether scheme `new` can print a marking of scheme `old` as less than it was: a level
/// gone, renamed, abbreviated otherwise or moved below one it was above, or a restrictive
/// control gone. Levels and controls added are not.
fn weakens(old: &crate::model::MarkingScheme, new: &crate::model::MarkingScheme) -> bool {
    let at: FxHashMap<&str, (usize, &str)> = new
        .levels
        .iter()
        .enumerate()
        .rev()
        .map(|(i, l)| (l.name.as_str(), (i, l.abbrev.as_str())))
        .collect();
    let mut last = None;
    for l in &old.levels {
        match at.get(l.name.as_str()) {
            Some(&(i, abbrev)) if abbrev == l.abbrev && last.is_none_or(|j| i > j) => {
                last = Some(i);
            }
            _ => return true,
        }
    }
    !old.restrictive.iter().all(|r| new.is_restrictive(r))
}

/// The first set marking of a chain, and where it is.
fn effective(chain: &Chain) -> Option<(usize, &Marking)> {
    chain
        .iter()
        .enumerate()
        .find_map(|(i, (_, m))| m.as_ref().map(|m| (i, m)))
}

/// A side's content the merged dossier prints below that side's marking of it: the
/// item, the side's marking and the merged one. What the fuzzer asks of every clean
/// merge: `None`.
pub fn printed_below(base: &Dossier, side: &Dossier, merged: &Dossier) -> Option<String> {
    // Not judged where a marking is beyond the limits (the merge then conflicts).
    if [base, side, merged]
        .iter()
        .any(|d| d.has_oversized_marking())
    {
        return None;
    }
    let (b, s, m) = (Index::new(base), Index::new(side), Index::new(merged));
    let none = FxHashMap::default();
    let ranking = merged.scheme.ranking();
    if weakens(&side.scheme, &merged.scheme)
        && !weakens(&base.scheme, &side.scheme)
        && let Some(item) = s.items().into_iter().find(|i| s.changed(&b, i))
    {
        return Some(format!(
            "{} was changed under a scheme the merge changed",
            s.location(&item)
        ));
    }
    for item in s.items() {
        if !s.changed(&b, &item) {
            continue;
        }
        let (Some(sc), Some(mc)) = (s.chain(&item, &none), m.chain(&item, &none)) else {
            continue;
        };
        let (Some((_, sm)), Some((_, mm))) = (effective(&sc), effective(&mc)) else {
            continue;
        };
        if !ranking.covers(mm, sm) {
            return Some(format!(
                "{} is marked {sm} on its side and {mm} in the merge",
                s.location(&item)
            ));
        }
    }
    None
}

/// Raises, in `merged`, every marking below which it would print content that ours or
/// theirs changed or added, and returns a conflict for each marking raised (or, where the
/// field merge already found one, leaves that one and raises the value in place).
pub(super) fn keep(
    base: &Dossier,
    ours: &Dossier,
    theirs: &Dossier,
    merged: &mut Dossier,
    existing: &[Conflict],
) -> Vec<Conflict> {
    // A marking beyond the limits is not read through for every item it covers: the
    // merge does not judge it, and says so (such a dossier makes no pack until mended).
    if [base, ours, theirs]
        .iter()
        .any(|d| d.has_oversized_marking())
    {
        return vec![Conflict {
            section: "meta".to_owned(),
            item: None,
            location: "markings".to_owned(),
            field: String::new(),
            base: None,
            ours: None,
            theirs: None,
            note: "a marking is beyond what a marking may be (its length or its caveats), so \
                   what each side's markings cover cannot be judged; mend it and merge again"
                .to_owned(),
        }];
    }
    let (b, o, t) = (Index::new(base), Index::new(ours), Index::new(theirs));
    let mut conflicts = Vec::new();
    // A scheme's levels and controls say what every marking means: changed on one side
    // (a level moved below another, a restrictive control dropped) while the other side
    // marked or changed content by the scheme it had, the merge could print that content
    // under a banner that reads lower. The other side's scheme stands until one is chosen.
    let (so, st) = (
        weakens(&base.scheme, &ours.scheme),
        weakens(&base.scheme, &theirs.scheme),
    );
    let scheme_conflicted = existing.iter().any(|c| c.section == "scheme");
    if so != st && !scheme_conflicted {
        let (keeper, name, content) = if so {
            (theirs, "theirs", &t)
        } else {
            (ours, "ours", &o)
        };
        if let Some(item) = content.items().into_iter().find(|i| content.changed(&b, i)) {
            let what = content.location(&item);
            merged.scheme = keeper.scheme.clone();
            conflicts.push(scheme_conflict(
                [base, ours, theirs],
                format!(
                    "its levels or restrictive controls changed on one side while {name} \
                     changed {what} by the scheme it had; that side's scheme stands until \
                     one side's is chosen"
                ),
            ));
        }
    }
    // Levels added on both sides, differently: the merge would rank them against each
    // other as neither side did.
    let added = |d: &Dossier| d.scheme.levels != base.scheme.levels;
    if !scheme_conflicted
        && conflicts.is_empty()
        && added(ours)
        && added(theirs)
        && ours.scheme.levels != theirs.scheme.levels
    {
        merged.scheme = ours.scheme.clone();
        conflicts.push(scheme_conflict(
            [base, ours, theirs],
            "levels were added on both sides, differently: how they rank against each other \
             is for someone to say; ours stands until one side's is chosen"
                .to_owned(),
        ));
    }
    let scheme = merged.scheme.clone();
    let ranking = scheme.ranking();
    // Raised fields, by slot, and who changed what they now cover (for the message).
    let mut raised: FxHashMap<Slot, Marking> = FxHashMap::default();
    // Each raised field: which side's content needs it, what it covers, and its value in
    // the merge before it was raised.
    let mut why: Vec<(Slot, &'static str, String, Option<Marking>)> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<Slot> = Default::default();
    let none = FxHashMap::default();
    {
        let m = Index::new(merged);
        for (side, name) in [(&o, "ours"), (&t, "theirs")] {
            for item in side.items() {
                if !side.changed(&b, &item) {
                    continue;
                }
                // The side's markings as it has them; the merge's as raised so far.
                let (Some(sc), Some(mc)) = (side.chain(&item, &none), m.chain(&item, &raised))
                else {
                    continue;
                };
                let (Some((si, sm)), Some((mi, mm))) = (effective(&sc), effective(&mc)) else {
                    continue;
                };
                if ranking.covers(mm, sm) {
                    continue;
                }
                // The marking that fell: the item's own where either version sets it,
                // else the one it inherits in the merge.
                let mut at = si.min(mi);
                // A member the merge puts under another delegation than the side did: its
                // own marking is raised, not the delegation's (which covers others too).
                if sc[at].0 != mc[at].0 {
                    at = 0;
                }
                let slot = mc[at].0.clone();
                let higher = ranking.high_water([mm, sm]).unwrap_or_else(|| sm.clone());
                if seen.insert(slot.clone()) {
                    let covered = if slot == item {
                        "what it marks".to_owned()
                    } else {
                        format!("{}, which it covers", side.location(&item))
                    };
                    why.push((slot.clone(), name, covered, mc[at].1.clone()));
                }
                raised.insert(slot, higher);
            }
        }
    }
    if raised.is_empty() {
        return conflicts;
    }
    let m = Index::new(merged);
    for (slot, side, covered, before) in &why {
        let field_conflict = |c: &&Conflict| {
            (c.field == "marking" || c.field == "title_marking")
                && match slot {
                    Slot::Meta => c.section == "meta" && c.field == "marking",
                    Slot::Title => c.section == "meta" && c.field == "title_marking",
                    Slot::TitlePage | Slot::Pack(_) => false,
                    Slot::Delegation(id)
                    | Slot::Member(id)
                    | Slot::Programme(id)
                    | Slot::TalkingPoint(id)
                    | Slot::SecurityNote(id) => c.item.as_ref() == Some(id),
                    Slot::Comment(_) => false,
                }
        };
        if existing.iter().any(|c| field_conflict(&c)) {
            continue;
        }
        // The two choices: the side whose content needs it, the raised marking; the other,
        // the marking as the merge had it (so that keeping either is a real choice, also
        // where the field itself was not changed on either side).
        let value = |m: Option<&Marking>| m.map(|m| Value::String(m.to_string()));
        let vb = value(b.get(slot).flatten());
        let (raised_value, lower) = (value(raised.get(slot)), value(before.as_ref()));
        let (vo, vt) = if *side == "ours" {
            (raised_value, lower)
        } else {
            (lower, raised_value)
        };
        conflicts.push(Conflict {
            section: match slot {
                Slot::Meta | Slot::Title | Slot::TitlePage | Slot::Pack(_) => "meta",
                Slot::Delegation(_) => "delegations",
                Slot::Member(_) => "members",
                Slot::Programme(_) => "programme",
                Slot::TalkingPoint(_) => "talking_points",
                Slot::SecurityNote(_) => "security_notes",
                Slot::Comment(_) => "comments",
            }
            .to_owned(),
            item: match slot {
                Slot::Meta | Slot::Title | Slot::TitlePage | Slot::Pack(_) | Slot::Comment(_) => {
                    None
                }
                Slot::Delegation(id)
                | Slot::Member(id)
                | Slot::Programme(id)
                | Slot::TalkingPoint(id)
                | Slot::SecurityNote(id) => Some(id.clone()),
            },
            location: m.location(slot),
            field: if *slot == Slot::Title {
                "title_marking"
            } else {
                "marking"
            }
            .to_owned(),
            base: vb,
            ours: vo,
            theirs: vt,
            note: format!(
                "lowered on one side while {side} changed {covered}; the higher marking \
                 stands until one side's is chosen"
            ),
        });
    }
    // Where each raised field is, found once: a merge may raise thousands.
    let places: Vec<(Place, Marking)> = raised
        .into_iter()
        .filter_map(|(slot, marking)| Some((m.place(&slot)?, marking)))
        .collect();
    for (place, marking) in places {
        match place {
            Place::Meta => merged.meta.marking = marking,
            Place::Title => merged.meta.title_marking = Some(marking),
            Place::Delegation(i) => merged.delegations[i].marking = Some(marking),
            Place::Member(i, j) => merged.delegations[i].members[j].marking = Some(marking),
            Place::Programme(i) => merged.programme[i].marking = Some(marking),
            Place::TalkingPoint(i) => merged.talking_points[i].marking = Some(marking),
            Place::SecurityNote(i) => merged.security_notes[i].marking = Some(marking),
        }
    }
    conflicts
}

/// Where a marking field is in one version.
enum Place {
    Meta,
    Title,
    Delegation(usize),
    Member(usize, usize),
    Programme(usize),
    TalkingPoint(usize),
    SecurityNote(usize),
}

impl Index<'_> {
    fn place(&self, slot: &Slot) -> Option<Place> {
        Some(match slot {
            Slot::Meta => Place::Meta,
            Slot::Title => Place::Title,
            Slot::TitlePage | Slot::Pack(_) => return None,
            Slot::Delegation(id) => Place::Delegation(*self.delegations.get(id)?),
            Slot::Member(id) => {
                let &(i, j) = self.members.get(id)?;
                Place::Member(i, j)
            }
            Slot::Programme(id) => Place::Programme(*self.programme.get(id)?),
            Slot::TalkingPoint(id) => Place::TalkingPoint(*self.talking_points.get(id)?),
            Slot::SecurityNote(id) => Place::SecurityNote(*self.security_notes.get(id)?),
            // A comment has no marking of its own; its chain ends at the dossier's.
            Slot::Comment(_) => return None,
        })
    }
}
