//! One walk over every text field of a dossier, shared by validation and search so that
//! neither can forget a field the other knows.

use super::{Delegation, Dossier, Member, ProgrammeItem, SecurityNote, TalkingPoint};

/// Which item of a dossier something refers to, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    Meta,
    Scheme,
    Delegation(usize),
    Member(usize, usize),
    Programme(usize),
    TalkingPoint(usize),
    SecurityNote(usize),
}

impl Dossier {
    /// Calls `f` with every text field of the dossier, in document order.
    pub fn for_each_text<'a>(&'a self, mut f: impl FnMut(ItemRef, &'static str, &'a str)) {
        let m = &self.meta;
        for (field, text) in [
            ("title", &m.title),
            ("occasion", &m.occasion),
            ("venue", &m.venue),
            ("host_country", &m.host_country),
            ("guest_country", &m.guest_country),
            ("prepared_by", &m.prepared_by),
            ("office", &m.office),
            ("notes", &m.notes),
        ] {
            f(ItemRef::Meta, field, text);
        }
        for (di, d) in self.delegations.iter().enumerate() {
            d.for_each_text(&mut |field, text| f(ItemRef::Delegation(di), field, text));
            for (mi, member) in d.members.iter().enumerate() {
                member.for_each_text(&mut |field, text| f(ItemRef::Member(di, mi), field, text));
            }
        }
        for (i, p) in self.programme.iter().enumerate() {
            p.for_each_text(&mut |field, text| f(ItemRef::Programme(i), field, text));
        }
        for (i, t) in self.talking_points.iter().enumerate() {
            t.for_each_text(&mut |field, text| f(ItemRef::TalkingPoint(i), field, text));
        }
        for (i, n) in self.security_notes.iter().enumerate() {
            n.for_each_text(&mut |field, text| f(ItemRef::SecurityNote(i), field, text));
        }
    }
}

impl Delegation {
    pub fn for_each_text<'a>(&'a self, f: &mut impl FnMut(&'static str, &'a str)) {
        f("name", &self.name);
        f("notes", &self.notes);
    }
}

impl Member {
    pub fn for_each_text<'a>(&'a self, f: &mut impl FnMut(&'static str, &'a str)) {
        f("honorific", &self.honorific);
        f("full_name", &self.full_name);
        f("position", &self.position);
        f("organisation", &self.organisation);
        f("contact", &self.contact);
        for (field, movement) in [("arrival", &self.arrival), ("departure", &self.departure)] {
            if let Some(m) = movement {
                f(field, &m.details);
            }
        }
        f("notes", &self.notes);
    }
}

impl ProgrammeItem {
    pub fn for_each_text<'a>(&'a self, f: &mut impl FnMut(&'static str, &'a str)) {
        f("title", &self.title);
        f("location", &self.location);
        f("participants", &self.participants);
        f("notes", &self.notes);
    }
}

impl TalkingPoint {
    pub fn for_each_text<'a>(&'a self, f: &mut impl FnMut(&'static str, &'a str)) {
        f("topic", &self.topic);
        f("title", &self.title);
        f("objective", &self.objective);
        for m in &self.key_messages {
            f("key_messages", m);
        }
        f("background", &self.background);
        for r in &self.if_raised {
            f("if_raised", &r.they_raise);
            f("if_raised", &r.our_response);
        }
        f("press_line", &self.press_line);
    }
}

impl SecurityNote {
    pub fn for_each_text<'a>(&'a self, f: &mut impl FnMut(&'static str, &'a str)) {
        f("title", &self.title);
        f("region", &self.region);
        f("summary", &self.summary);
        f("assessment", &self.assessment);
        for a in &self.key_actors {
            f("key_actors", a);
        }
        f("outlook", &self.outlook);
        f("recommendations", &self.recommendations);
        for s in &self.sources {
            f("sources", &s.citation);
        }
    }
}
