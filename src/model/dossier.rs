//! The dossier types. Field order here is the order on disk, so it is chosen for reading:
//! who and what first, details after.
//!
//! Optional fields are left out of files when empty (`skip_serializing_if`) and read back
//! as empty (`default`), which keeps files short and diffs about content. Every struct
//! denies unknown fields: a field this version does not know is an error, never dropped.

use serde::{Deserialize, Serialize};

use super::{Approval, Comment, Conflict, Date, Id, Marking, MarkingScheme, Pack, Photo, Time};

fn is_false(b: &bool) -> bool {
    !b
}

/// One visit or meeting, with everything a protocol office prepares for it.
/// (Its file form, with the schema version, lives in `store::schema`.)
#[derive(Debug, Clone, PartialEq)]
pub struct Dossier {
    pub meta: Meta,
    /// The marking scale this dossier's markings are drawn from.
    pub scheme: MarkingScheme,
    pub delegations: Vec<Delegation>,
    pub programme: Vec<ProgrammeItem>,
    pub talking_points: Vec<TalkingPoint>,
    pub security_notes: Vec<SecurityNote>,
    /// Audience packs saved with the dossier, by name.
    pub packs: Vec<Pack>,
    /// Review records: not content, never printed unless asked for, and outside what an
    /// approval covers.
    pub comments: Vec<Comment>,
    pub approvals: Vec<Approval>,
    /// What a merge could not decide; a dossier with conflicts makes no pack.
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum EventKind {
    #[default]
    BilateralMeeting,
    OfficialVisit,
    StateVisit,
    WorkingVisit,
    Summit,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        Self::BilateralMeeting,
        Self::OfficialVisit,
        Self::StateVisit,
        Self::WorkingVisit,
        Self::Summit,
        Self::Other,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::BilateralMeeting => "Bilateral meeting",
            Self::OfficialVisit => "Official visit",
            Self::StateVisit => "State visit",
            Self::WorkingVisit => "Working visit",
            Self::Summit => "Summit",
            Self::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Approved,
}

impl Status {
    pub const ALL: [Status; 3] = [Self::Draft, Self::InReview, Self::Approved];
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::InReview => "In review",
            Self::Approved => "Approved",
        }
    }
}

/// What the dossier is about and who stands behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub occasion: String,
    #[serde(default)]
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host_country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guest_country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prepared_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub office: String,
    #[serde(default)]
    pub revision: u32,
    #[serde(default)]
    pub status: Status,
    /// The dossier's own marking: the ceiling for every portion in it.
    pub marking: Marking,
    /// The marking of the title page's own words (the title, occasion, venue, dates,
    /// host, guest and who prepared it), which every pack prints on its cover and in its
    /// footers; unset, the dossier's. A principal's pack of OFFICIAL points from a SECRET
    /// dossier is OFFICIAL only where its title page is marked so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_marking: Option<Marking>,
    /// Free notes: sources, what is still to be confirmed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The language the dossier is written in and its packs are printed in, a BCP 47 tag
    /// ("en", "fr", "sw-KE"); empty means English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub language: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DelegationRole {
    Host,
    #[default]
    Visiting,
    Other,
}

impl DelegationRole {
    pub const ALL: [DelegationRole; 3] = [Self::Host, Self::Visiting, Self::Other];
    pub fn label(self) -> &'static str {
        match self {
            Self::Host => "Host",
            Self::Visiting => "Visiting",
            Self::Other => "Other",
        }
    }
}

/// One side's delegation. Members are in order of precedence: the sending state's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    pub id: Id,
    /// Country or organisation.
    pub name: String,
    #[serde(default)]
    pub role: DelegationRole,
    /// The delegation this dossier is prepared for; lead speakers come from it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ours: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// The side at the talks as chosen, when seats were swapped (else by precedence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seating: Option<super::seating::Seating>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MemberRole {
    Head,
    Deputy,
    #[default]
    Member,
    Adviser,
    NoteTaker,
    Interpreter,
    Security,
    Support,
}

impl MemberRole {
    pub const ALL: [MemberRole; 8] = [
        Self::Head,
        Self::Deputy,
        Self::Member,
        Self::Adviser,
        Self::NoteTaker,
        Self::Interpreter,
        Self::Security,
        Self::Support,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Head => "Head of delegation",
            Self::Deputy => "Deputy head",
            Self::Member => "Member",
            Self::Adviser => "Adviser",
            Self::NoteTaker => "Note-taker",
            Self::Interpreter => "Interpreter",
            Self::Security => "Security",
            Self::Support => "Support",
        }
    }
}

/// An arrival or a departure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Time>,
    /// Flight, carrier, point of entry.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub details: String,
}

/// One member's arrival or departure, with whose it is.
#[derive(Debug, Clone, Copy)]
pub struct Moving<'d> {
    pub delegation: &'d Delegation,
    pub member: &'d Member,
    /// An arrival, else a departure.
    pub arrival: bool,
    pub movement: &'d Movement,
}

/// A delegation member. A member may be known by office before the name is confirmed:
/// then `full_name` is empty and `position` says who they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: Id,
    /// Form of address exactly as used: "Dr.", "Ambassador", "H.E.", "Senator".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub honorific: String,
    /// As the person writes it, diacritics and apostrophes included.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub full_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    #[serde(default)]
    pub role: MemberRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Movement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure: Option<Movement>,
    /// Where the member stays, for the arrivals table and the drivers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hotel: String,
    /// Dietary requirements, as the member's office gave them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dietary: String,
    /// The languages the member speaks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub languages: String,
    /// Interpretation the member needs ("English–French, consecutive").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub interpretation: String,
    /// Accessibility needs (step-free access, seating, a companion).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accessibility: String,
    /// The member's biography (light markup), as the principal reads it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub biography: String,
    /// A portrait for the biographies, embedded so that a shared file stays one file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
    /// Notes for the protocol office (light markup).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Member {
    /// An empty member with a fresh id.
    pub fn new() -> Self {
        Self {
            id: Id::random(),
            honorific: String::new(),
            full_name: String::new(),
            position: String::new(),
            organisation: String::new(),
            role: MemberRole::Member,
            marking: None,
            contact: String::new(),
            arrival: None,
            departure: None,
            hotel: String::new(),
            dietary: String::new(),
            languages: String::new(),
            interpretation: String::new(),
            accessibility: String::new(),
            biography: String::new(),
            photo: None,
            notes: String::new(),
        }
    }

    /// Whether the biographies print this member: a biography or a photo.
    pub fn has_biography(&self) -> bool {
        !self.biography.trim().is_empty() || self.photo.is_some()
    }

    /// What a photo of this member says to who cannot see it.
    pub fn photo_alt(&self) -> String {
        format!("Photo of {}", self.display_name())
    }

    /// Whether the member has a name to print: not empty, not only characters that print as
    /// nothing, not a word standing in for one ("To be confirmed", "TBC").
    pub fn name_confirmed(&self) -> bool {
        !super::blank(&self.full_name) && !super::placeholder_name(&self.full_name)
    }

    /// "Dr. Korir Sing’oei", or the position when the name is not yet confirmed.
    pub fn display_name(&self) -> String {
        match (self.honorific.is_empty(), !self.name_confirmed()) {
            (_, true) if !self.position.is_empty() => {
                format!("{} (name not confirmed)", self.position)
            }
            (_, true) => "(unnamed member)".to_owned(),
            (true, false) => self.full_name.clone(),
            (false, false) => format!("{} {}", self.honorific, self.full_name),
        }
    }
}

impl Default for Member {
    fn default() -> Self {
        Self::new()
    }
}

/// One entry of the programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItem {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub participants: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum Priority {
    High,
    #[default]
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Self::High, Self::Medium, Self::Low];
    pub fn label(self) -> &'static str {
        match self {
            Self::High => "High",
            Self::Medium => "Medium",
            Self::Low => "Low",
        }
    }
}

/// A position the counterpart may take, and our answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IfRaised {
    pub they_raise: String,
    pub our_response: String,
}

/// A brief on one subject. Points are grouped by `topic` in the order topics first appear.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalkingPoint {
    pub id: Id,
    pub topic: String,
    pub title: String,
    #[serde(default)]
    pub priority: Priority,
    /// A member of our delegation, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_speaker: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub objective: String,
    /// In the order the principal should make them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_messages: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub background: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub if_raised: Vec<IfRaised>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub press_line: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum ThreatLevel {
    /// No assessment has been made (or none is available to the author).
    #[default]
    NotAssessed,
    Low,
    Moderate,
    Substantial,
    Severe,
    Critical,
}

impl ThreatLevel {
    pub const ALL: [ThreatLevel; 6] = [
        Self::NotAssessed,
        Self::Low,
        Self::Moderate,
        Self::Substantial,
        Self::Severe,
        Self::Critical,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::NotAssessed => "Not assessed",
            Self::Low => "Low",
            Self::Moderate => "Moderate",
            Self::Substantial => "Substantial",
            Self::Severe => "Severe",
            Self::Critical => "Critical",
        }
    }
}

/// Where a statement in a note comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// The situation in one region or on one theme on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityNote {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default)]
    pub threat_level: ThreatLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assessment: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_actors: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlook: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommendations: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<Date>,
}

/// The languages packs have their own words in (headings, labels, dates); packs in any
/// other language print those in English, the first.
pub const PACK_LANGUAGES: [&str; 2] = ["en", "fr"];

/// Whether a pack in `tag` prints its own words in that language.
pub fn has_pack_words(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or_default();
    PACK_LANGUAGES
        .iter()
        .any(|l| l.eq_ignore_ascii_case(primary))
}

/// Whether `tag` has the shape of a BCP 47 language tag: a primary language of two or
/// three letters, then subtags of one to eight letters or digits ("fr", "sw-KE",
/// "zh-Hant-TW"), at most 35 characters. What lands in a PDF's /Lang and an HTML `lang`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    tag.len() <= 35
        && (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Meta {
    /// The language of the dossier's packs: `language`, or English when it is not set or
    /// is not a language tag (which validation reports).
    pub fn language(&self) -> &str {
        let tag = self.language.trim();
        if is_language_tag(tag) { tag } else { "en" }
    }

    /// Who prepared the dossier, as printed on a cover: "Ana Ruiz, Protocol Office".
    pub fn prepared_by_text(&self) -> String {
        [self.prepared_by.as_str(), self.office.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Dossier {
    /// Whether any marking in the dossier is beyond what a marking may be (see
    /// [`Marking::oversized`]): validation refuses it, and what would read it for every
    /// portion (a merge's judgment of markings, the banner's explanation) does not.
    pub fn has_oversized_marking(&self) -> bool {
        std::iter::once(Some(&self.meta.marking))
            .chain(std::iter::once(self.meta.title_marking.as_ref()))
            .chain(self.delegations.iter().flat_map(|d| {
                std::iter::once(d.marking.as_ref())
                    .chain(d.members.iter().map(|m| m.marking.as_ref()))
            }))
            .chain(self.programme.iter().map(|x| x.marking.as_ref()))
            .chain(self.talking_points.iter().map(|x| x.marking.as_ref()))
            .chain(self.security_notes.iter().map(|x| x.marking.as_ref()))
            .flatten()
            .any(Marking::oversized)
    }

    /// A blank dossier under the default marking scheme.
    pub fn new(title: impl Into<String>) -> Self {
        let scheme = MarkingScheme::default();
        Self {
            meta: Meta {
                title: title.into(),
                occasion: String::new(),
                kind: EventKind::default(),
                start_date: None,
                end_date: None,
                venue: String::new(),
                host_country: String::new(),
                guest_country: String::new(),
                prepared_by: String::new(),
                office: String::new(),
                revision: 0,
                status: Status::Draft,
                marking: scheme.lowest(),
                title_marking: None,
                notes: String::new(),
                language: String::new(),
            },
            scheme,
            delegations: Vec::new(),
            programme: Vec::new(),
            talking_points: Vec::new(),
            security_notes: Vec::new(),
            packs: Vec::new(),
            comments: Vec::new(),
            approvals: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Every arrival and departure of every member, in time order: by date, then time,
    /// those without either after those with them, and otherwise as the delegations list
    /// their members (arrivals before departures of the same member).
    pub fn movements(&self) -> impl Iterator<Item = Moving<'_>> {
        let mut all: Vec<Moving> = self
            .delegations
            .iter()
            .flat_map(|del| {
                del.members.iter().flat_map(move |member| {
                    [
                        member.arrival.as_ref().map(|m| (true, m)),
                        member.departure.as_ref().map(|m| (false, m)),
                    ]
                    .into_iter()
                    .flatten()
                    .map(move |(arrival, movement)| Moving {
                        delegation: del,
                        member,
                        arrival,
                        movement,
                    })
                })
            })
            .collect();
        // Stable: equal times keep the delegations' order.
        all.sort_by_key(|m| {
            (
                m.movement.date.is_none(),
                m.movement.date,
                m.movement.time.is_none(),
                m.movement.time,
            )
        });
        all.into_iter()
    }

    /// Topics in the order they first appear, each with its points' indices.
    pub fn topics(&self) -> Vec<(&str, Vec<usize>)> {
        let mut topics: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut index: rustc_hash::FxHashMap<&str, usize> = Default::default();
        for (i, tp) in self.talking_points.iter().enumerate() {
            let slot = *index.entry(&tp.topic).or_insert_with(|| {
                topics.push((&tp.topic, Vec::new()));
                topics.len() - 1
            });
            topics[slot].1.push(i);
        }
        topics
    }

    /// The delegation marked as ours, if exactly one is.
    pub fn our_delegation(&self) -> Option<&Delegation> {
        let mut ours = self.delegations.iter().filter(|d| d.ours);
        match (ours.next(), ours.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    }

    /// Finds a member anywhere in the dossier.
    pub fn member(&self, id: &Id) -> Option<(&Delegation, &Member)> {
        self.delegations
            .iter()
            .find_map(|d| d.members.iter().find(|m| &m.id == id).map(|m| (d, m)))
    }

    /// The item (delegation, member, programme item, talking point, security note) that
    /// has this id.
    pub fn find(&self, id: &Id) -> Option<super::ItemRef> {
        use super::ItemRef;
        for (di, del) in self.delegations.iter().enumerate() {
            if &del.id == id {
                return Some(ItemRef::Delegation(di));
            }
            if let Some(mi) = del.members.iter().position(|m| &m.id == id) {
                return Some(ItemRef::Member(di, mi));
            }
        }
        if let Some(i) = self.programme.iter().position(|p| &p.id == id) {
            return Some(ItemRef::Programme(i));
        }
        if let Some(i) = self.talking_points.iter().position(|t| &t.id == id) {
            return Some(ItemRef::TalkingPoint(i));
        }
        self.security_notes
            .iter()
            .position(|n| &n.id == id)
            .map(ItemRef::SecurityNote)
    }

    /// Where each of many ids is, in one pass over the dossier (rather than a search per
    /// id): `None` for an id no item has.
    pub fn find_all<'i>(
        &self,
        ids: impl IntoIterator<Item = &'i Id>,
    ) -> Vec<Option<super::ItemRef>> {
        use super::ItemRef;
        let mut at: rustc_hash::FxHashMap<&Id, ItemRef> = Default::default();
        for (di, del) in self.delegations.iter().enumerate() {
            at.entry(&del.id).or_insert(ItemRef::Delegation(di));
            for (mi, m) in del.members.iter().enumerate() {
                at.entry(&m.id).or_insert(ItemRef::Member(di, mi));
            }
        }
        for (i, p) in self.programme.iter().enumerate() {
            at.entry(&p.id).or_insert(ItemRef::Programme(i));
        }
        for (i, t) in self.talking_points.iter().enumerate() {
            at.entry(&t.id).or_insert(ItemRef::TalkingPoint(i));
        }
        for (i, n) in self.security_notes.iter().enumerate() {
            at.entry(&n.id).or_insert(ItemRef::SecurityNote(i));
        }
        ids.into_iter().map(|id| at.get(id).copied()).collect()
    }

    /// Every item's id, for many look-ups at once.
    pub fn ids(&self) -> rustc_hash::FxHashSet<&Id> {
        let mut ids = rustc_hash::FxHashSet::default();
        for del in &self.delegations {
            ids.insert(&del.id);
            ids.extend(del.members.iter().map(|m| &m.id));
        }
        ids.extend(self.programme.iter().map(|p| &p.id));
        ids.extend(self.talking_points.iter().map(|t| &t.id));
        ids.extend(self.security_notes.iter().map(|n| &n.id));
        ids
    }

    /// The saved pack of this name; names compare as people read them (case and spacing
    /// aside), as validation does when it refuses two packs of one name.
    pub fn pack_named(&self, name: &str) -> Option<(usize, &Pack)> {
        let wanted = super::validate::name_key(name);
        self.packs
            .iter()
            .enumerate()
            .find(|(_, p)| super::validate::name_key(&p.name) == wanted)
    }

    /// The dossier without the items (delegations, members, programme items, talking
    /// points, security notes) whose ids are listed, for a pack meant for a narrower
    /// audience. The second value lists the ids that match nothing, so that a misspelt
    /// id is reported rather than silently printing what was meant to be left out.
    pub fn without<'i>(&self, ids: &'i [Id]) -> (Dossier, Vec<&'i Id>) {
        let mut d = self.clone();
        let mut found = vec![false; ids.len()];
        // A pack may leave out thousands of items: one look-up per item, not a scan.
        let wanted: rustc_hash::FxHashMap<&Id, usize> =
            ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let mut drop = |id: &Id| match wanted.get(id) {
            Some(&i) => {
                found[i] = true;
                true
            }
            None => false,
        };
        d.delegations.retain_mut(|del| {
            del.members.retain(|m| !drop(&m.id));
            !drop(&del.id)
        });
        d.programme.retain(|p| !drop(&p.id));
        d.talking_points.retain(|t| !drop(&t.id));
        d.security_notes.retain(|n| !drop(&n.id));
        let unknown = ids
            .iter()
            .zip(found)
            .filter(|(_, f)| !f)
            .map(|(id, _)| id)
            .collect();
        (d, unknown)
    }

    /// Every marking that applies to a portion, with unmarked portions taking the
    /// dossier marking: an unmarked portion is assumed to be as sensitive as the dossier
    /// says, so that leaving a mark off never lowers a banner.
    pub fn effective_marking<'a>(&'a self, portion: Option<&'a Marking>) -> &'a Marking {
        portion.unwrap_or(&self.meta.marking)
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    #[test]
    fn language_tags_are_told_from_anything_else() {
        for good in ["en", "fr", "sw-KE", "zh-Hant-TW", "es-419"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "english",
            "fr_FR",
            "fr-",
            "en--GB",
            "fr-toolongsubtag",
            "<b>",
            "fr KE",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        let mut m = Dossier::new("t").meta;
        assert_eq!(m.language(), "en", "not set: English");
        m.language = " fr ".into();
        assert_eq!(m.language(), "fr");
        m.language = "français".into();
        assert_eq!(
            m.language(),
            "en",
            "not a tag: English, and validation says so"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movements_come_in_time_order_the_undated_last_ties_in_list_order() {
        let mut d = Dossier::new("Visit");
        let mv = |date: Option<&str>, time: Option<&str>, details: &str| {
            Some(Movement {
                date: date.map(|s| s.parse().unwrap()),
                time: time.map(|s| s.parse().unwrap()),
                details: details.into(),
            })
        };
        let mut a = Member::new();
        a.arrival = mv(Some("2025-03-11"), Some("14:00"), "a-in");
        a.departure = mv(None, None, "a-out");
        let mut b = Member::new();
        b.arrival = mv(Some("2025-03-11"), None, "b-in");
        b.departure = mv(Some("2025-03-10"), Some("09:00"), "b-out");
        let mut c = Member::new();
        c.arrival = mv(Some("2025-03-11"), Some("14:00"), "c-in");
        let mut del = Delegation {
            id: Id::new("del").unwrap(),
            name: "Kenya".into(),
            role: DelegationRole::Visiting,
            ours: true,
            marking: None,
            notes: String::new(),
            members: vec![a, b],
            seating: None,
        };
        d.delegations.push(del.clone());
        del.id = Id::new("del2").unwrap();
        del.members = vec![c];
        d.delegations.push(del);
        let order: Vec<(&str, bool)> = d
            .movements()
            .map(|m| (m.movement.details.as_str(), m.arrival))
            .collect();
        assert_eq!(
            order,
            [
                ("b-out", false),
                ("a-in", true),
                ("c-in", true),
                ("b-in", true),
                ("a-out", false)
            ]
        );
    }
}
