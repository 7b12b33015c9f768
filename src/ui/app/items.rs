//! Adding, copying, removing and moving items: the item commands, and keeping the
//! selection on an item that exists.

use super::super::command::Command;
use super::super::state::Selection;
use super::AttacheApp;
use crate::edit::{Edit, List, list_len};
use crate::model::Id;

impl AttacheApp {
    /// The list and position that item commands (add, duplicate, remove, move) act on.
    pub(super) fn current_list(&self) -> Option<(List, Option<usize>)> {
        match self.view.selection {
            Selection::Overview => None,
            Selection::Delegation(d) => Some((List::Members(d), self.view.member)),
            Selection::Programme => Some((List::Programme, self.view.programme_item)),
            Selection::TalkingPoint(i) => Some((List::TalkingPoints, Some(i))),
            Selection::SecurityNote(i) => Some((List::SecurityNotes, Some(i))),
        }
    }

    pub(super) fn select_in(&mut self, list: List, index: Option<usize>) {
        match list {
            List::Members(d) => {
                self.view.selection = Selection::Delegation(d);
                self.view.member = index;
            }
            List::Programme => {
                self.view.selection = Selection::Programme;
                self.view.programme_item = index;
            }
            List::TalkingPoints => {
                self.view.selection = index.map_or(Selection::Overview, Selection::TalkingPoint);
            }
            List::SecurityNotes => {
                self.view.selection = index.map_or(Selection::Overview, Selection::SecurityNote);
            }
            List::Delegations => {
                self.view.selection = index.map_or(Selection::Overview, Selection::Delegation);
                self.view.member = None;
            }
            List::Packs => self.view.selection = Selection::Overview,
        }
        self.view.scroll_to_selection = true;
    }

    pub(super) fn item_command(&mut self, command: &Command) {
        let Some((list, index)) = self.current_list() else {
            return;
        };
        let d = &self.doc.dossier;
        let len = list_len(d, list).unwrap_or(0);
        let noun = list.noun();
        let (label, edits, select, focus) = match (command, index) {
            (Command::AddItem, at) => {
                self.add_item(list, at.map_or(len, |i| i + 1));
                return;
            }
            (Command::DuplicateItem, Some(i)) if i < len => {
                let item = crate::edit::duplicate_item(d, list, i);
                (
                    format!("Duplicate {noun}"),
                    vec![Edit::Insert {
                        list,
                        index: i + 1,
                        item,
                    }],
                    Some(i + 1),
                    None,
                )
            }
            (Command::RemoveItem, Some(i)) if i < len => {
                let select = if len > 1 { Some(i.min(len - 2)) } else { None };
                (
                    format!("Remove {noun}"),
                    vec![Edit::Remove { list, index: i }],
                    select,
                    None,
                )
            }
            (Command::MoveUp, Some(i)) if i > 0 && i < len => (
                format!("Move {noun} up"),
                vec![Edit::Move {
                    list,
                    from: i,
                    to: i - 1,
                }],
                Some(i - 1),
                None,
            ),
            (Command::MoveDown, Some(i)) if i + 1 < len => (
                format!("Move {noun} down"),
                vec![Edit::Move {
                    list,
                    from: i,
                    to: i + 1,
                }],
                Some(i + 1),
                None,
            ),
            _ => return,
        };
        if let Err(e) = self.doc.apply(&label, edits) {
            self.notices.error(e.to_string());
            return;
        }
        self.select_in(list, select);
        self.view.focus = focus;
    }

    /// Adds a new item at `at` in `list`, selects it and puts the keyboard in its first field.
    pub(super) fn add_item(&mut self, list: List, at: usize) {
        let item = crate::edit::new_item(&self.doc.dossier, list);
        let label = format!("Add {}", list.noun());
        if let Err(e) = self.doc.apply(
            &label,
            vec![Edit::Insert {
                list,
                index: at,
                item,
            }],
        ) {
            self.notices.error(e.to_string());
            return;
        }
        self.select_in(list, Some(at));
        self.view.focus = Some(first_field(list));
    }

    /// What is selected, by id: the item shown, and the member or programme item in it.
    pub(super) fn selected_ids(&self) -> (Option<Id>, Option<Id>) {
        let d = &self.doc.dossier;
        match self.view.selection {
            Selection::Overview => (None, None),
            Selection::Delegation(i) => {
                let del = d.delegations.get(i);
                (
                    del.map(|x| x.id.clone()),
                    self.view
                        .member
                        .and_then(|m| del?.members.get(m))
                        .map(|m| m.id.clone()),
                )
            }
            Selection::Programme => (
                None,
                self.view
                    .programme_item
                    .and_then(|p| d.programme.get(p))
                    .map(|p| p.id.clone()),
            ),
            Selection::TalkingPoint(i) => (d.talking_points.get(i).map(|x| x.id.clone()), None),
            Selection::SecurityNote(i) => (d.security_notes.get(i).map(|x| x.id.clone()), None),
        }
    }

    /// After an undo or redo, selects again what was selected (`ids`, from
    /// [`Self::selected_ids`]) wherever it now is, or nothing if it is gone: the selection
    /// and the cursor in it never pass to the item that took its place.
    pub(super) fn follow_selection(&mut self, (outer, inner): (Option<Id>, Option<Id>)) {
        let d = &self.doc.dossier;
        match self.view.selection {
            Selection::Overview => {}
            Selection::Delegation(_) => match find(d.delegations.iter().map(|x| &x.id), &outer) {
                Some(i) => {
                    self.view.selection = Selection::Delegation(i);
                    self.view.member = find(d.delegations[i].members.iter().map(|m| &m.id), &inner);
                }
                None => {
                    self.view.selection = Selection::Overview;
                    self.view.member = None;
                }
            },
            Selection::Programme => {
                self.view.programme_item = find(d.programme.iter().map(|p| &p.id), &inner);
            }
            Selection::TalkingPoint(_) => {
                self.view.selection = find(d.talking_points.iter().map(|x| &x.id), &outer)
                    .map_or(Selection::Overview, Selection::TalkingPoint);
            }
            Selection::SecurityNote(_) => {
                self.view.selection = find(d.security_notes.iter().map(|x| &x.id), &outer)
                    .map_or(Selection::Overview, Selection::SecurityNote);
            }
        }
        self.view.scroll_to_selection = true;
        self.clamp_selection();
    }

    /// After undo or redo an index may point past the end of its list.
    pub(super) fn clamp_selection(&mut self) {
        let d = &self.doc.dossier;
        self.view.selection = match self.view.selection {
            Selection::Delegation(i) if i >= d.delegations.len() => Selection::Overview,
            Selection::TalkingPoint(i) if i >= d.talking_points.len() => Selection::Overview,
            Selection::SecurityNote(i) if i >= d.security_notes.len() => Selection::Overview,
            s => s,
        };
        if let Selection::Delegation(i) = self.view.selection
            && self
                .view
                .member
                .is_some_and(|m| m >= d.delegations[i].members.len())
        {
            self.view.member = None;
        }
        if self
            .view
            .programme_item
            .is_some_and(|p| p >= d.programme.len())
        {
            self.view.programme_item = None;
        }
    }
}

fn first_field(list: List) -> &'static str {
    match list {
        List::Members(_) => "full_name",
        List::Delegations | List::Packs => "name",
        _ => "title",
    }
}

/// Where `id` is among `ids`.
fn find<'a>(mut ids: impl Iterator<Item = &'a Id>, id: &Option<Id>) -> Option<usize> {
    id.as_ref().and_then(|id| ids.position(|x| x == id))
}
