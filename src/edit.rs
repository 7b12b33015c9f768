//! Every change to a dossier as a value: applied, inverted, undone and redone.
//!
//! The editor never mutates a dossier directly: it produces `Edit`s, and `History`
//! applies them and keeps their inverses. Undo costs the size of what changed, not of the
//! dossier, so a 20 000-member dossier undoes as fast as a small one. No UI here.

use std::time::Duration;

use crate::model::{
    Approval, Comment, Conflict, Delegation, DelegationRole, Dossier, Id, Marking, MarkingScheme,
    Member, MemberRole, Meta, Pack, ProgrammeItem, Section, SecurityNote, TalkingPoint,
};

/// A list of items in a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    Delegations,
    Members(usize),
    Programme,
    TalkingPoints,
    SecurityNotes,
    Packs,
}

/// A delegation's own fields, without its members (which are edited one by one).
#[derive(Debug, Clone, PartialEq)]
pub struct DelegationInfo {
    pub id: Id,
    pub name: String,
    pub role: DelegationRole,
    pub ours: bool,
    pub marking: Option<Marking>,
    pub notes: String,
    pub seating: Option<crate::model::seating::Seating>,
}

impl DelegationInfo {
    pub fn of(d: &Delegation) -> Self {
        Self {
            id: d.id.clone(),
            name: d.name.clone(),
            role: d.role,
            ours: d.ours,
            marking: d.marking.clone(),
            notes: d.notes.clone(),
            seating: d.seating.clone(),
        }
    }

    fn apply_to(self, d: &mut Delegation) {
        d.id = self.id;
        d.name = self.name;
        d.role = self.role;
        d.ours = self.ours;
        d.marking = self.marking;
        d.notes = self.notes;
        d.seating = self.seating;
    }
}

/// One item's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Meta(Box<Meta>),
    Scheme(MarkingScheme),
    DelegationInfo(usize, DelegationInfo),
    Delegation(Delegation),
    Member(Box<Member>),
    Programme(ProgrammeItem),
    TalkingPoint(Box<TalkingPoint>),
    SecurityNote(Box<SecurityNote>),
    Pack(Pack),
    /// The review records, each list replaced whole (they are short, and a reply or a
    /// resolution is then one undo step like any edit).
    Comments(Vec<Comment>),
    Approvals(Vec<Approval>),
    Conflicts(Vec<Conflict>),
}

/// One change.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replace the meta, the scheme or a delegation's own fields.
    Set(Item),
    /// Replace the item at `index` of `list`.
    Replace {
        list: List,
        index: usize,
        item: Item,
    },
    Insert {
        list: List,
        index: usize,
        item: Item,
    },
    Remove {
        list: List,
        index: usize,
    },
    Move {
        list: List,
        from: usize,
        to: usize,
    },
    /// Replace the whole dossier: restoring recovered edits, merging a colleague's saved
    /// version in. Its undo holds the whole old dossier, which these rare steps can afford.
    Whole(Box<Dossier>),
}

/// Why an edit could not be applied; the dossier is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot apply the edit: {0}")]
pub struct EditError(&'static str);

/// How many items `list` holds; `None` when it does not exist (a delegation's members
/// past the last delegation).
pub fn list_len(d: &Dossier, list: List) -> Option<usize> {
    Some(match list {
        List::Delegations => d.delegations.len(),
        List::Members(i) => d.delegations.get(i)?.members.len(),
        List::Programme => d.programme.len(),
        List::TalkingPoints => d.talking_points.len(),
        List::SecurityNotes => d.security_notes.len(),
        List::Packs => d.packs.len(),
    })
}

/// Moves within a vector, as drag-and-drop does: the item ends up at `to`.
fn move_in<T>(v: &mut Vec<T>, from: usize, to: usize) {
    let item = v.remove(from);
    v.insert(to, item);
}

impl Edit {
    /// Applies the edit and returns its inverse.
    pub fn apply(self, d: &mut Dossier) -> Result<Edit, EditError> {
        const BAD_INDEX: EditError = EditError("no item at that position");
        const WRONG_KIND: EditError = EditError("the item does not belong in that list");
        Ok(match self {
            Edit::Whole(new) => Edit::Whole(Box::new(std::mem::replace(d, *new))),
            Edit::Set(item) => Edit::Set(match item {
                Item::Meta(m) => Item::Meta(Box::new(std::mem::replace(&mut d.meta, *m))),
                Item::Scheme(s) => Item::Scheme(std::mem::replace(&mut d.scheme, s)),
                Item::Comments(c) => Item::Comments(std::mem::replace(&mut d.comments, c)),
                Item::Approvals(a) => Item::Approvals(std::mem::replace(&mut d.approvals, a)),
                Item::Conflicts(c) => Item::Conflicts(std::mem::replace(&mut d.conflicts, c)),
                Item::DelegationInfo(i, info) => {
                    let del = d.delegations.get_mut(i).ok_or(BAD_INDEX)?;
                    let old = DelegationInfo::of(del);
                    info.apply_to(del);
                    Item::DelegationInfo(i, old)
                }
                _ => return Err(WRONG_KIND),
            }),
            Edit::Replace { list, index, item } => {
                let old = match (list, item) {
                    (List::Delegations, Item::Delegation(x)) => Item::Delegation(
                        std::mem::replace(d.delegations.get_mut(index).ok_or(BAD_INDEX)?, x),
                    ),
                    (List::Members(di), Item::Member(x)) => {
                        let members = &mut d.delegations.get_mut(di).ok_or(BAD_INDEX)?.members;
                        Item::Member(Box::new(std::mem::replace(
                            members.get_mut(index).ok_or(BAD_INDEX)?,
                            *x,
                        )))
                    }
                    (List::Programme, Item::Programme(x)) => Item::Programme(std::mem::replace(
                        d.programme.get_mut(index).ok_or(BAD_INDEX)?,
                        x,
                    )),
                    (List::TalkingPoints, Item::TalkingPoint(x)) => Item::TalkingPoint(Box::new(
                        std::mem::replace(d.talking_points.get_mut(index).ok_or(BAD_INDEX)?, *x),
                    )),
                    (List::SecurityNotes, Item::SecurityNote(x)) => Item::SecurityNote(Box::new(
                        std::mem::replace(d.security_notes.get_mut(index).ok_or(BAD_INDEX)?, *x),
                    )),
                    (List::Packs, Item::Pack(x)) => Item::Pack(std::mem::replace(
                        d.packs.get_mut(index).ok_or(BAD_INDEX)?,
                        x,
                    )),
                    _ => return Err(WRONG_KIND),
                };
                Edit::Replace {
                    list,
                    index,
                    item: old,
                }
            }
            Edit::Insert { list, index, item } => {
                if index > list_len(d, list).ok_or(BAD_INDEX)? {
                    return Err(BAD_INDEX);
                }
                match (list, item) {
                    (List::Delegations, Item::Delegation(x)) => d.delegations.insert(index, x),
                    (List::Members(di), Item::Member(x)) => {
                        d.delegations[di].members.insert(index, *x)
                    }
                    (List::Programme, Item::Programme(x)) => d.programme.insert(index, x),
                    (List::TalkingPoints, Item::TalkingPoint(x)) => {
                        d.talking_points.insert(index, *x)
                    }
                    (List::SecurityNotes, Item::SecurityNote(x)) => {
                        d.security_notes.insert(index, *x)
                    }
                    (List::Packs, Item::Pack(x)) => d.packs.insert(index, x),
                    _ => return Err(WRONG_KIND),
                }
                Edit::Remove { list, index }
            }
            Edit::Remove { list, index } => {
                if index >= list_len(d, list).ok_or(BAD_INDEX)? {
                    return Err(BAD_INDEX);
                }
                let item = match list {
                    List::Delegations => Item::Delegation(d.delegations.remove(index)),
                    List::Members(di) => {
                        Item::Member(Box::new(d.delegations[di].members.remove(index)))
                    }
                    List::Programme => Item::Programme(d.programme.remove(index)),
                    List::TalkingPoints => {
                        Item::TalkingPoint(Box::new(d.talking_points.remove(index)))
                    }
                    List::SecurityNotes => {
                        Item::SecurityNote(Box::new(d.security_notes.remove(index)))
                    }
                    List::Packs => Item::Pack(d.packs.remove(index)),
                };
                Edit::Insert { list, index, item }
            }
            Edit::Move { list, from, to } => {
                let len = list_len(d, list).ok_or(BAD_INDEX)?;
                if from >= len || to >= len {
                    return Err(BAD_INDEX);
                }
                match list {
                    List::Delegations => move_in(&mut d.delegations, from, to),
                    List::Members(di) => move_in(&mut d.delegations[di].members, from, to),
                    List::Programme => move_in(&mut d.programme, from, to),
                    List::TalkingPoints => move_in(&mut d.talking_points, from, to),
                    List::SecurityNotes => move_in(&mut d.security_notes, from, to),
                    List::Packs => move_in(&mut d.packs, from, to),
                }
                Edit::Move {
                    list,
                    from: to,
                    to: from,
                }
            }
        })
    }

    /// The item a replacing edit changes, so that typing in one field merges.
    fn target(&self) -> Option<Target> {
        match self {
            Edit::Set(Item::Meta(_)) => Some(Target::Meta),
            Edit::Set(Item::Scheme(_)) => Some(Target::Scheme),
            Edit::Set(Item::DelegationInfo(i, _)) => Some(Target::Delegation(*i)),
            Edit::Replace { list, index, .. } => Some(Target::Item(*list, *index)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Meta,
    Scheme,
    Delegation(usize),
    Item(List, usize),
}

/// One undo step: the edits that undo it, in the order to apply them.
#[derive(Debug, Clone)]
struct Step {
    /// Names the dossier's content after this step, for "is this what was saved?".
    id: u64,
    label: String,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// The field a typing burst is in, and when it was last typed in (seconds).
    burst: Option<(&'static str, f64)>,
}

/// Undo and redo over a dossier.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// Counts changes, so that views can cache what they compute from the dossier and
    /// "saved" can be a number rather than a comparison.
    generation: u64,
    /// The last step id given out.
    last_id: u64,
    /// Every edit applied since last taken, when kept: replaying them on a copy of the
    /// dossier keeps the copy equal to it at the cost of the changes, not of the dossier
    /// (autosave's writer thread keeps such a copy).
    journal: Option<Vec<Edit>>,
}

/// Applies `edit`, noting it in the journal when one is kept.
fn perform(
    journal: &mut Option<Vec<Edit>>,
    edit: Edit,
    d: &mut Dossier,
) -> Result<Edit, EditError> {
    match journal {
        Some(noted) => {
            let copy = edit.clone();
            let inverse = edit.apply(d)?;
            noted.push(copy);
            Ok(inverse)
        }
        None => edit.apply(d),
    }
}

/// How long a pause ends a typing burst.
pub const BURST_PAUSE: Duration = Duration::from_millis(1000);

impl History {
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Starts (or restarts, empty) the journal of applied edits.
    pub fn keep_journal(&mut self) {
        self.journal = Some(Vec::new());
    }

    /// The edits applied since last taken, in order.
    pub fn take_journal(&mut self) -> Vec<Edit> {
        self.journal
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Names the dossier's content as the history has made it: undoing back to a state
    /// gives its name again (unlike `generation`, which only counts up), so that undoing
    /// every change since a save leaves nothing unsaved.
    pub fn state(&self) -> u64 {
        self.done.last().map_or(0, |s| s.id)
    }

    fn new_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    /// Whether the step that made state `id` is in the history and not undone.
    pub fn is_done(&self, id: u64) -> bool {
        self.done.iter().any(|s| s.id == id)
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.label.as_str())
    }

    /// Applies edits as one undo step.
    pub fn apply(
        &mut self,
        d: &mut Dossier,
        label: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Result<(), EditError> {
        self.apply_step(d, label.into(), edits, None)
    }

    /// Applies an edit of one text field at time `now` (seconds). Edits of the same field
    /// of the same item, each within `BURST_PAUSE` of the last, form one undo step.
    pub fn apply_typing(
        &mut self,
        d: &mut Dossier,
        label: impl Into<String>,
        field: &'static str,
        edit: Edit,
        now: f64,
    ) -> Result<(), EditError> {
        let target = edit.target();
        if let Some(last) = self.done.last_mut()
            && let Some((last_field, at)) = last.burst
            && last_field == field
            && now - at <= BURST_PAUSE.as_secs_f64()
            && self.undone.is_empty()
            && last.redo.len() == 1
            && last.redo[0].target() == target
            && target.is_some()
        {
            // Keep the first inverse (the text before the burst), take the latest value.
            perform(&mut self.journal, edit.clone(), d)?;
            if last.undo.len() == 1 && last.undo[0] == edit {
                // Typed and then put back (Escape): the burst changed nothing, and an undo
                // step that does nothing would only puzzle.
                self.done.pop();
                self.generation += 1;
                return Ok(());
            }
            last.redo = vec![edit];
            last.burst = Some((field, now));
            // The step now makes different content: a save made mid-burst is not it.
            self.last_id += 1;
            last.id = self.last_id;
            self.generation += 1;
            return Ok(());
        }
        self.apply_step(d, label.into(), vec![edit], Some((field, now)))
    }

    fn apply_step(
        &mut self,
        d: &mut Dossier,
        label: String,
        edits: Vec<Edit>,
        burst: Option<(&'static str, f64)>,
    ) -> Result<(), EditError> {
        let mut undo = Vec::with_capacity(edits.len());
        for edit in edits.iter().cloned() {
            match perform(&mut self.journal, edit, d) {
                Ok(inverse) => undo.push(inverse),
                Err(e) => {
                    // Leave the dossier as it was: undo what this step already did.
                    for inverse in undo.into_iter().rev() {
                        let _ = perform(&mut self.journal, inverse, d);
                    }
                    return Err(e);
                }
            }
        }
        undo.reverse();
        let id = self.new_id();
        self.done.push(Step {
            id,
            label,
            undo,
            redo: edits,
            burst,
        });
        self.undone.clear();
        self.generation += 1;
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, d: &mut Dossier) -> Option<String> {
        let mut step = self.done.pop()?;
        let mut redo = Vec::with_capacity(step.undo.len());
        for edit in step.undo.drain(..) {
            // Inverses of applied edits always apply.
            if let Ok(inv) = perform(&mut self.journal, edit, d) {
                redo.push(inv);
            }
        }
        redo.reverse();
        let label = step.label.clone();
        self.undone.push(Step {
            id: step.id,
            label: step.label,
            undo: Vec::new(),
            redo,
            burst: None,
        });
        self.generation += 1;
        Some(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, d: &mut Dossier) -> Option<String> {
        let step = self.undone.pop()?;
        let mut undo = Vec::with_capacity(step.redo.len());
        for edit in step.redo.iter().cloned() {
            if let Ok(inv) = perform(&mut self.journal, edit, d) {
                undo.push(inv);
            }
        }
        undo.reverse();
        let label = step.label.clone();
        self.done.push(Step {
            id: step.id,
            label: step.label,
            undo,
            redo: step.redo,
            burst: None,
        });
        self.generation += 1;
        Some(label)
    }
}

impl List {
    /// What one item of the list is called, in undo steps and messages.
    pub fn noun(self) -> &'static str {
        match self {
            List::Delegations => "delegation",
            List::Members(_) => "member",
            List::Programme => "programme item",
            List::TalkingPoints => "talking point",
            List::SecurityNotes => "security note",
            List::Packs => "saved pack",
        }
    }
}

/// A new, empty item for `list`, with a fresh id, filled from the dossier where that
/// saves typing (a programme item starts on the first day, at the venue).
pub fn new_item(d: &Dossier, list: List) -> Item {
    match list {
        List::Delegations => Item::Delegation(Delegation {
            id: Id::random(),
            name: String::new(),
            role: Default::default(),
            ours: false,
            marking: None,
            notes: String::new(),
            members: Vec::new(),
            seating: None,
        }),
        // A default member is a new one, with a fresh id.
        List::Members(_) => Item::Member(Box::default()),
        List::Programme => Item::Programme(ProgrammeItem {
            id: Id::random(),
            title: String::new(),
            date: d.meta.start_date,
            start: None,
            end: None,
            location: d.meta.venue.clone(),
            participants: String::new(),
            marking: None,
            notes: String::new(),
        }),
        List::TalkingPoints => Item::TalkingPoint(Box::new(TalkingPoint {
            id: Id::random(),
            topic: "General".to_owned(),
            title: String::new(),
            priority: Default::default(),
            lead_speaker: None,
            marking: None,
            objective: String::new(),
            key_messages: Vec::new(),
            background: String::new(),
            if_raised: Vec::new(),
            press_line: String::new(),
        })),
        List::SecurityNotes => Item::SecurityNote(Box::new(SecurityNote {
            id: Id::random(),
            title: String::new(),
            region: String::new(),
            threat_level: Default::default(),
            marking: None,
            summary: String::new(),
            assessment: String::new(),
            key_actors: Vec::new(),
            outlook: String::new(),
            recommendations: String::new(),
            sources: Vec::new(),
            last_reviewed: None,
        })),
        List::Packs => {
            let name = (d.packs.len() + 1..)
                .map(|n| format!("Pack {n}"))
                .find(|name| d.pack_named(name).is_none())
                .unwrap_or_default();
            Item::Pack(Pack::new(name, &Section::STANDARD, &[]))
        }
    }
}

/// A copy of an item with fresh ids (members of a copied delegation too).
pub fn duplicate_item(d: &Dossier, list: List, i: usize) -> Item {
    match list {
        List::Delegations => {
            let mut x = d.delegations[i].clone();
            x.id = Id::random();
            x.ours = false;
            for m in &mut x.members {
                m.id = Id::random();
            }
            Item::Delegation(x)
        }
        List::Members(di) => {
            let mut x = d.delegations[di].members[i].clone();
            x.id = Id::random();
            x.role = if x.role == MemberRole::Head {
                MemberRole::Member
            } else {
                x.role
            };
            Item::Member(Box::new(x))
        }
        List::Programme => {
            let mut x = d.programme[i].clone();
            x.id = Id::random();
            Item::Programme(x)
        }
        List::TalkingPoints => {
            let mut x = d.talking_points[i].clone();
            x.id = Id::random();
            x.title = format!("{} (copy)", x.title);
            Item::TalkingPoint(Box::new(x))
        }
        List::SecurityNotes => {
            let mut x = d.security_notes[i].clone();
            x.id = Id::random();
            x.title = format!("{} (copy)", x.title);
            Item::SecurityNote(Box::new(x))
        }
        List::Packs => {
            let mut x = d.packs[i].clone();
            x.name = format!("{} (copy)", x.name);
            Item::Pack(x)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{Params, generate};

    fn dossier() -> Dossier {
        generate(Params {
            members: 12,
            points: 4,
            notes: 2,
            programme: 3,
            seed: 3,
        })
    }

    #[test]
    fn every_edit_undoes_and_redoes_exactly() {
        let original = dossier();
        let mut d = original.clone();
        let mut h = History::default();
        let mut member = d.delegations[0].members[2].clone();
        member.full_name = "Wanjiru Kamau".into();
        let edits = vec![
            Edit::Replace {
                list: List::Members(0),
                index: 2,
                item: Item::Member(Box::new(member)),
            },
            Edit::Move {
                list: List::Members(0),
                from: 2,
                to: 0,
            },
            Edit::Insert {
                list: List::Programme,
                index: 1,
                item: Item::Programme(d.programme[0].clone()),
            },
            Edit::Remove {
                list: List::SecurityNotes,
                index: 0,
            },
            Edit::Set(Item::DelegationInfo(
                1,
                DelegationInfo {
                    name: "USA".into(),
                    ..DelegationInfo::of(&d.delegations[1])
                },
            )),
        ];
        for (i, e) in edits.into_iter().enumerate() {
            h.apply(&mut d, format!("step {i}"), vec![e]).unwrap();
        }
        let edited = d.clone();
        assert_eq!(d.delegations[0].members[0].full_name, "Wanjiru Kamau");
        assert_eq!(d.delegations[1].name, "USA");
        while h.undo(&mut d).is_some() {}
        assert_eq!(d, original);
        while h.redo(&mut d).is_some() {}
        assert_eq!(d, edited);
    }

    #[test]
    fn replaying_the_journal_on_a_copy_gives_the_dossier() {
        let mut d = dossier();
        let mut copy = d.clone();
        let mut h = History::default();
        h.keep_journal();
        let replay = |h: &mut History, copy: &mut Dossier, d: &Dossier| {
            for edit in h.take_journal() {
                edit.apply(copy)
                    .expect("journalled edits applied once, so they apply again");
            }
            assert_eq!(copy, d);
        };
        let mut meta = d.meta.clone();
        for (i, word) in ["T", "Ta", "Tal"].iter().enumerate() {
            meta.title = (*word).into();
            let edit = Edit::Set(Item::Meta(Box::new(meta.clone())));
            h.apply_typing(&mut d, "Edit title", "title", edit, i as f64 * 0.3)
                .unwrap();
        }
        replay(&mut h, &mut copy, &d);
        // A step that fails half way is rolled back: the copy follows.
        let failing = vec![
            Edit::Move {
                list: List::Members(0),
                from: 0,
                to: 3,
            },
            Edit::Remove {
                list: List::Programme,
                index: 99,
            },
        ];
        assert!(h.apply(&mut d, "fails", failing).is_err());
        replay(&mut h, &mut copy, &d);
        let mut whole = d.clone();
        whole.meta.venue = "Nairobi".into();
        whole.delegations[0].members.pop();
        h.apply(&mut d, "restore", vec![Edit::Whole(Box::new(whole))])
            .unwrap();
        h.apply(
            &mut d,
            "remove",
            vec![Edit::Remove {
                list: List::TalkingPoints,
                index: 1,
            }],
        )
        .unwrap();
        replay(&mut h, &mut copy, &d);
        while h.undo(&mut d).is_some() {}
        replay(&mut h, &mut copy, &d);
        h.redo(&mut d);
        h.redo(&mut d);
        replay(&mut h, &mut copy, &d);
        assert_eq!(copy.meta.venue, "Nairobi");
    }

    #[test]
    fn a_typing_burst_is_one_step() {
        let original = dossier();
        let mut d = original.clone();
        let mut h = History::default();
        let mut meta = d.meta.clone();
        for (i, word) in ["T", "Ta", "Tal", "Talk"].iter().enumerate() {
            meta.title = (*word).into();
            let edit = Edit::Set(Item::Meta(Box::new(meta.clone())));
            h.apply_typing(&mut d, "Edit title", "title", edit, i as f64 * 0.3)
                .unwrap();
        }
        // A pause, then more typing: a second step.
        meta.title = "Talks".into();
        h.apply_typing(
            &mut d,
            "Edit title",
            "title",
            Edit::Set(Item::Meta(Box::new(meta.clone()))),
            5.0,
        )
        .unwrap();
        assert_eq!(d.meta.title, "Talks");
        h.undo(&mut d);
        assert_eq!(d.meta.title, "Talk");
        h.undo(&mut d);
        assert_eq!(d, original);
        assert!(!h.can_undo());
    }

    #[test]
    fn the_state_names_content_so_undoing_to_a_save_is_clean() {
        let mut d = dossier();
        let mut h = History::default();
        let title = |t: &str, d: &Dossier| {
            let mut meta = d.meta.clone();
            meta.title = t.into();
            Edit::Set(Item::Meta(Box::new(meta)))
        };
        assert_eq!(h.state(), 0);
        let e = title("A", &d);
        h.apply(&mut d, "A", vec![e]).unwrap();
        let saved = h.state();
        let e = title("B", &d);
        h.apply_typing(&mut d, "B", "title", e, 0.0).unwrap();
        assert_ne!(h.state(), saved);
        h.undo(&mut d);
        assert_eq!(h.state(), saved, "undone back to the save");
        h.redo(&mut d);
        let typed = h.state();
        assert_ne!(typed, saved);
        // Saved in the middle of typing: more typing in the same burst is one step, but
        // makes different content, so another state.
        let e = title("C", &d);
        h.apply_typing(&mut d, "C", "title", e, 10.0).unwrap();
        let mid_burst = h.state();
        let e = title("Co", &d);
        h.apply_typing(&mut d, "C", "title", e, 10.5).unwrap();
        assert_ne!(h.state(), mid_burst);
        for _ in 0..3 {
            h.undo(&mut d);
        }
        assert!(!h.can_undo());
        assert_eq!(h.state(), 0);
    }

    #[test]
    fn another_field_starts_a_new_step() {
        let mut d = dossier();
        let mut h = History::default();
        let mut meta = d.meta.clone();
        meta.title = "A".into();
        h.apply_typing(
            &mut d,
            "Edit title",
            "title",
            Edit::Set(Item::Meta(Box::new(meta.clone()))),
            0.0,
        )
        .unwrap();
        meta.venue = "B".into();
        h.apply_typing(
            &mut d,
            "Edit venue",
            "venue",
            Edit::Set(Item::Meta(Box::new(meta))),
            0.1,
        )
        .unwrap();
        assert_eq!(h.undo(&mut d).as_deref(), Some("Edit venue"));
        assert_eq!(d.meta.title, "A");
    }

    #[test]
    fn a_failing_step_changes_nothing() {
        let original = dossier();
        let mut d = original.clone();
        let mut h = History::default();
        let err = h.apply(
            &mut d,
            "bad",
            vec![
                Edit::Move {
                    list: List::Members(0),
                    from: 0,
                    to: 1,
                },
                Edit::Remove {
                    list: List::Members(0),
                    index: 999,
                },
            ],
        );
        assert!(err.is_err());
        assert_eq!(d, original);
        assert!(!h.can_undo());
    }
}
