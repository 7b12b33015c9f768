//! The state that panels share: what is selected and what a frame asked for. Panels and
//! editors depend on this module, never on the app, so each can be read and changed alone.

use super::command::Command;
use super::panels;
use crate::edit::Edit;
use crate::model::ItemRef;

/// What the central panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Overview,
    Delegation(usize),
    Programme,
    TalkingPoint(usize),
    SecurityNote(usize),
}

/// One change the panels asked for: edits that form one undo step.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub label: String,
    /// The text field being typed in, so that a burst of typing is one step.
    pub field: Option<&'static str>,
    pub edits: Vec<Edit>,
}

/// What the user is looking at; not part of the dossier, never undone.
pub struct View {
    pub selection: Selection,
    /// The selected member of the selected delegation.
    pub member: Option<usize>,
    pub programme_item: Option<usize>,
    /// A field to give the keyboard to on the next frame.
    pub focus: Option<&'static str>,
    /// Scroll the members table or programme list to the selection once.
    pub scroll_to_selection: bool,
    pub search: panels::Search,
    pub bottom_tab: panels::BottomTab,
    pub review: super::review::Review,
    /// A seat picked to swap with the next one clicked: (delegation, behind, index).
    pub seat_pick: Option<(usize, bool, usize)>,
    /// The help window (F1), and its page.
    pub help: bool,
    pub help_page: super::help::Page,
}

impl Default for View {
    fn default() -> Self {
        Self {
            selection: Selection::Overview,
            member: None,
            programme_item: None,
            focus: None,
            scroll_to_selection: false,
            search: panels::Search::default(),
            bottom_tab: panels::BottomTab::Problems,
            review: Default::default(),
            seat_pick: None,
            help: false,
            help_page: Default::default(),
        }
    }
}

impl View {
    /// Jumps to an item and field (from a problem, a search hit, a change or a comment).
    pub fn reveal(&mut self, item: ItemRef, field: Option<&'static str>) {
        self.selection = match item {
            ItemRef::Meta | ItemRef::Scheme => Selection::Overview,
            ItemRef::Delegation(d) => {
                self.member = None;
                Selection::Delegation(d)
            }
            ItemRef::Member(d, m) => {
                self.member = Some(m);
                Selection::Delegation(d)
            }
            ItemRef::Programme(i) => {
                self.programme_item = Some(i);
                Selection::Programme
            }
            ItemRef::TalkingPoint(i) => Selection::TalkingPoint(i),
            ItemRef::SecurityNote(i) => Selection::SecurityNote(i),
            // Saved packs are listed under the overview; a field name there would be
            // ambiguous between packs.
            ItemRef::Pack(_) => {
                self.selection = Selection::Overview;
                self.focus = None;
                self.scroll_to_selection = true;
                return;
            }
        };
        self.focus = field;
        self.scroll_to_selection = true;
    }
}

/// What panels asked for while drawing, in order; the app runs it after the frame is
/// drawn, so no panel changes the dossier mid-frame. One channel: edits are commands too.
#[derive(Default)]
pub struct Output {
    pub commands: Vec<Command>,
}

impl Output {
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// One edit as one undo step (`field`: typing in that field merges into one step).
    pub fn change(&mut self, label: impl Into<String>, field: Option<&'static str>, edit: Edit) {
        self.apply(Change {
            label: label.into(),
            field,
            edits: vec![edit],
        });
    }

    pub fn apply(&mut self, change: Change) {
        self.commands.push(Command::Apply(change));
    }
}
