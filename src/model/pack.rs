//! Audience packs: which sections of a dossier a briefing pack holds, and named choices
//! saved with the dossier so that whoever prints "the principal's pack" gets the same one.

use serde::{Deserialize, Serialize};

use super::Id;

/// The parts a pack can hold, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Section {
    Programme,
    Delegations,
    /// One block per member with a biography, by delegation and precedence.
    Biographies,
    /// Every member's arrival and departure in time order: the airport team's table.
    Arrivals,
    /// The table of the talks drawn to scale, every seat named.
    Seating,
    TalkingPoints,
    SecurityNotes,
}

impl Section {
    /// Every section there is, in print order.
    pub const ALL: [Section; 7] = [
        Section::Programme,
        Section::Delegations,
        Section::Biographies,
        Section::Arrivals,
        Section::Seating,
        Section::TalkingPoints,
        Section::SecurityNotes,
    ];

    /// What a pack holds unless it is asked for other sections: the principal's briefing.
    /// The protocol desk's parts (biographies, arrivals, seating) are printed when asked for.
    pub const STANDARD: [Section; 4] = [
        Section::Programme,
        Section::Delegations,
        Section::TalkingPoints,
        Section::SecurityNotes,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Programme => "Programme",
            Section::Delegations => "Delegations",
            Section::Biographies => "Biographies",
            Section::Arrivals => "Arrivals and departures",
            Section::Seating => "Seating plan",
            Section::TalkingPoints => "Talking points",
            Section::SecurityNotes => "Security notes",
        }
    }
}

/// A named audience pack kept in the dossier: e.g. "Principal's pack" with the talking
/// points only. Paper is not part of it: that belongs to whoever prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub name: String,
    /// In print order, without repeats.
    pub sections: Vec<Section>,
    /// Items left out, by id (see [`super::Dossier::without`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Id>,
}

impl Pack {
    /// The items this pack leaves out that are still in `d`: an id whose item was deleted
    /// since leaves nothing out (validation warns of it).
    pub fn live_exclude(&self, d: &super::Dossier) -> Vec<Id> {
        let ids = d.ids();
        self.exclude
            .iter()
            .filter(|id| ids.contains(id))
            .cloned()
            .collect()
    }

    /// A pack of the given choices, with sections put in print order.
    pub fn new(name: impl Into<String>, sections: &[Section], exclude: &[Id]) -> Self {
        let mut sections = sections.to_vec();
        sections.sort();
        sections.dedup();
        Self {
            name: name.into(),
            sections,
            exclude: exclude.to_vec(),
        }
    }
}
