//! Which marking each printed portion of a pack carries.
//!
//! A pack prints some things from other items: a talking point names its lead speaker, a
//! delegation's heading stands over its whole list. A portion is therefore marked by
//! everything it prints, never by its own marking alone, and the banner is the high-water
//! mark of those portions. Every view that prints a portion (PDF, preview, HTML) asks
//! here, so that none can print a SECRET name under an OFFICIAL mark.

use rustc_hash::FxHashMap;

use super::marking::Ranking;
use super::{
    Delegation, Dossier, Id, ItemRef, Marking, Member, ProgrammeItem, Section, SecurityNote,
    TalkingPoint,
};

/// The dossier's portions and their markings, with the lookups they need built once.
pub struct Portions<'d> {
    d: &'d Dossier,
    members: FxHashMap<&'d Id, (usize, usize)>,
    /// The scheme's ranks, made once for every portion.
    ranking: Ranking<'d>,
}

impl<'d> Portions<'d> {
    pub fn new(d: &'d Dossier) -> Self {
        let mut members = FxHashMap::default();
        for (di, del) in d.delegations.iter().enumerate() {
            for (mi, m) in del.members.iter().enumerate() {
                // The first holder of an id wins, as validation reports the later ones.
                members.entry(&m.id).or_insert((di, mi));
            }
        }
        Self {
            d,
            members,
            ranking: d.scheme.ranking(),
        }
    }

    pub fn dossier(&self) -> &'d Dossier {
        self.d
    }

    /// An unmarked portion is as sensitive as the dossier says.
    fn own(&self, m: Option<&'d Marking>) -> &'d Marking {
        m.unwrap_or(&self.d.meta.marking)
    }

    /// A member's details: the member's own marking, else the delegation's, else the
    /// dossier's.
    pub fn member_marking(&self, del: &'d Delegation, m: &'d Member) -> &'d Marking {
        self.own(m.marking.as_ref().or(del.marking.as_ref()))
    }

    /// The member with this id, its delegation, and the marking its details carry.
    pub fn member(&self, id: &Id) -> Option<(&'d Delegation, &'d Member, &'d Marking)> {
        let &(di, mi) = self.members.get(id)?;
        let del = &self.d.delegations[di];
        let m = &del.members[mi];
        Some((del, m, self.member_marking(del, m)))
    }

    /// The talking point's lead speaker as the pack prints them: the member and the
    /// marking their name carries.
    pub fn lead_speaker(&self, t: &TalkingPoint) -> Option<(&'d Member, &'d Marking)> {
        let (_, m, marking) = self.member(t.lead_speaker.as_ref()?)?;
        Some((m, marking))
    }

    /// What a delegation's heading stands over: the delegation and every member.
    fn delegation_parts(&self, del: &'d Delegation) -> impl Iterator<Item = &'d Marking> + '_ {
        std::iter::once(self.own(del.marking.as_ref()))
            .chain(del.members.iter().map(move |m| self.member_marking(del, m)))
    }

    /// What a talking point prints: its own text and its lead speaker's name.
    fn talking_point_parts(&self, t: &'d TalkingPoint) -> impl Iterator<Item = &'d Marking> {
        std::iter::once(self.own(t.marking.as_ref()))
            .chain(self.lead_speaker(t).map(|(_, marking)| marking))
    }

    fn high_water<'a>(&self, parts: impl IntoIterator<Item = &'a Marking>) -> Marking {
        self.ranking
            .high_water(parts)
            .unwrap_or_else(|| self.d.meta.marking.clone())
    }

    /// What a delegation's own fields (its name, its notes) are marked, without its list.
    pub fn delegation_own(&self, del: &'d Delegation) -> &'d Marking {
        self.own(del.marking.as_ref())
    }

    /// A row that names a member and their delegation (an arrival, a seat): the member's
    /// details and the delegation's own fields, where the seat is chosen too.
    pub fn member_in_delegation(&self, del: &'d Delegation, m: &'d Member) -> Marking {
        self.high_water([self.member_marking(del, m), self.delegation_own(del)])
    }

    /// A topic's heading: the topic is written in each of its points.
    pub fn topic<'a>(&self, points: impl IntoIterator<Item = &'a TalkingPoint>) -> Marking
    where
        'd: 'a,
    {
        let marks: Vec<Marking> = points.into_iter().map(|t| self.talking_point(t)).collect();
        self.high_water(&marks)
    }

    /// What naming an item prints (a review comment's place: "delegation 1 “Kenya” ›
    /// member 2 “Dr. …”"): the item's own marking, and its delegation's for a member. The
    /// title page, the scheme and saved packs are the dossier's.
    pub fn named(&self, item: ItemRef) -> Marking {
        let d = self.d;
        let found = match item {
            ItemRef::Delegation(i) => d.delegations.get(i).map(|x| self.delegation_own(x).clone()),
            ItemRef::Member(i, j) => d
                .delegations
                .get(i)
                .and_then(|del| Some(self.member_in_delegation(del, del.members.get(j)?))),
            ItemRef::Programme(i) => d.programme.get(i).map(|x| self.programme(x).clone()),
            ItemRef::TalkingPoint(i) => d.talking_points.get(i).map(|x| self.talking_point(x)),
            ItemRef::SecurityNote(i) => d
                .security_notes
                .get(i)
                .map(|x| self.security_note(x).clone()),
            ItemRef::Meta | ItemRef::Scheme | ItemRef::Pack(_) => None,
        };
        found.unwrap_or_else(|| d.meta.marking.clone())
    }

    pub fn delegation(&self, del: &'d Delegation) -> Marking {
        self.high_water(self.delegation_parts(del))
    }

    pub fn talking_point(&self, t: &'d TalkingPoint) -> Marking {
        self.high_water(self.talking_point_parts(t))
    }

    pub fn programme(&self, p: &'d ProgrammeItem) -> &'d Marking {
        self.own(p.marking.as_ref())
    }

    pub fn security_note(&self, n: &'d SecurityNote) -> &'d Marking {
        self.own(n.marking.as_ref())
    }

    /// Every marking a section prints under.
    pub fn section(&self, s: Section) -> Vec<&'d Marking> {
        let d = self.d;
        match s {
            Section::Programme => d.programme.iter().map(|p| self.programme(p)).collect(),
            Section::Delegations => d
                .delegations
                .iter()
                .flat_map(|del| self.delegation_parts(del))
                .collect(),
            // A delegation's name over the biographies of its members who have one.
            Section::Biographies => d
                .delegations
                .iter()
                .filter(|del| del.members.iter().any(Member::has_biography))
                .flat_map(|del| {
                    std::iter::once(self.own(del.marking.as_ref())).chain(
                        del.members
                            .iter()
                            .filter(|m| m.has_biography())
                            .map(move |m| self.member_marking(del, m)),
                    )
                })
                .collect(),
            // Each row prints a member's name, movement and hotel, and their delegation's
            // name.
            Section::Arrivals => d
                .movements()
                .flat_map(|m| {
                    [
                        self.member_marking(m.delegation, m.member),
                        self.delegation_own(m.delegation),
                    ]
                })
                .collect(),
            // The table's title names the delegations; every seat a member's name and
            // position.
            Section::Seating => super::seating::plan(d)
                .iter()
                .flat_map(|t| &t.sides)
                .filter_map(|side| d.delegations.iter().find(|del| del.id == side.delegation))
                .flat_map(|del| self.delegation_parts(del))
                .collect(),
            Section::TalkingPoints => d
                .talking_points
                .iter()
                .flat_map(|t| self.talking_point_parts(t))
                .collect(),
            Section::SecurityNotes => d
                .security_notes
                .iter()
                .map(|n| self.security_note(n))
                .collect(),
        }
    }

    /// What the title page's own words (the cover's title, occasion, venue and dates, the
    /// footers' title, the saved pack's name) are marked: as the author set them, else as
    /// the dossier is.
    pub fn title_page(&self) -> &'d Marking {
        self.own(self.d.meta.title_marking.as_ref())
    }

    /// The banner of a pack of these sections: the high-water mark of every portion it
    /// prints, the title page's words on its cover and in its footers among them. A pack of
    /// low-marked items is marked no higher than they are where the title page is marked
    /// as low.
    pub fn banner(&self, sections: &[Section]) -> Marking {
        let marks: Vec<&Marking> = std::iter::once(self.title_page())
            .chain(sections.iter().flat_map(|&s| self.section(s)))
            .collect();
        self.high_water(marks)
    }

    /// The portion mark, "(S//REL TO KEN)".
    pub fn mark(&self, m: &Marking) -> String {
        self.d.scheme.portion_mark(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample, its dossier marked SECRET, Ken's head of delegation SECRET and every
    /// talking point (each led by that member) OFFICIAL.
    fn dossier() -> Dossier {
        let mut d =
            crate::store::parse_str(include_str!("../../dossiers/kenya-us-washington-talks.ron"))
                .expect("the sample reads");
        d.meta.marking = Marking::new("SECRET");
        d.meta.title_marking = Some(Marking::new("OFFICIAL"));
        d.delegations[0].members[0].marking = Some(Marking::new("SECRET"));
        d
    }

    #[test]
    fn a_talking_point_is_marked_by_its_lead_speaker_too() {
        let mut d = dossier();
        let p = Portions::new(&d);
        assert_eq!(
            p.talking_point(&d.talking_points[0]),
            Marking::new("SECRET")
        );
        assert_eq!(p.banner(&[Section::TalkingPoints]), Marking::new("SECRET"));
        for t in &mut d.talking_points {
            t.lead_speaker = None;
        }
        let p = Portions::new(&d);
        assert_eq!(
            p.banner(&[Section::TalkingPoints]),
            Marking::new("OFFICIAL")
        );
    }

    #[test]
    fn a_delegation_heading_is_marked_by_its_whole_list() {
        let d = dossier();
        assert_eq!(d.delegations[0].marking, Some(Marking::new("OFFICIAL")));
        let p = Portions::new(&d);
        assert_eq!(p.delegation(&d.delegations[0]), Marking::new("SECRET"));
        assert_eq!(p.delegation(&d.delegations[1]), Marking::new("OFFICIAL"));
    }
}
