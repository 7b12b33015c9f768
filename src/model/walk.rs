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
    /// A saved audience pack.
    Pack(usize),
}

impl ItemRef {
    /// Where an item (and field) is, for people: `delegation 1 “Kenya” › member 2 “Dr.
    /// Korir Sing’oei” › full_name`. Numbers count from 1, as precedence does.
    pub fn describe(self, d: &Dossier, field: Option<&str>) -> String {
        let quoted = |s: &str| -> String {
            const MAX: usize = 60;
            let mut short: String = s.chars().take(MAX).collect();
            if short.len() < s.len() {
                short.pop();
                short.push('…');
            }
            if short.is_empty() {
                String::new()
            } else {
                format!(" “{short}”")
            }
        };
        // Problems may be a frame older than the dossier (large dossiers are checked once
        // typing pauses): an item removed since is described, not indexed past the end.
        let gone = || "(removed)".to_owned();
        let mut path = match self {
            ItemRef::Meta => "meta".to_owned(),
            ItemRef::Scheme => "scheme".to_owned(),
            ItemRef::Delegation(i) => d.delegations.get(i).map_or_else(gone, |del| {
                format!("delegation {}{}", i + 1, quoted(&del.name))
            }),
            ItemRef::Member(i, j) => d
                .delegations
                .get(i)
                .and_then(|del| Some((del, del.members.get(j)?)))
                .map_or_else(gone, |(del, m)| {
                    format!(
                        "delegation {}{} › member {}{}",
                        i + 1,
                        quoted(&del.name),
                        j + 1,
                        quoted(&m.display_name())
                    )
                }),
            ItemRef::Programme(i) => d.programme.get(i).map_or_else(gone, |p| {
                format!("programme item {}{}", i + 1, quoted(&p.title))
            }),
            ItemRef::TalkingPoint(i) => d.talking_points.get(i).map_or_else(gone, |t| {
                format!("talking point {}{}", i + 1, quoted(&t.title))
            }),
            ItemRef::SecurityNote(i) => d.security_notes.get(i).map_or_else(gone, |n| {
                format!("security note {}{}", i + 1, quoted(&n.title))
            }),
            ItemRef::Pack(i) => d
                .packs
                .get(i)
                .map_or_else(gone, |p| format!("pack {}{}", i + 1, quoted(&p.name))),
        };
        if let Some(field) = field {
            path.push_str(" › ");
            path.push_str(field);
        }
        path
    }
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
        for (i, p) in self.packs.iter().enumerate() {
            f(ItemRef::Pack(i), "name", &p.name);
        }
    }
}

impl Dossier {
    /// Calls `f` with every marking of the dossier and each text the scheme prints (level
    /// names and abbreviations), in document order: what banners and portion marks print.
    pub fn for_each_marking_text<'a>(&'a self, mut f: impl FnMut(ItemRef, &'a str)) {
        for level in &self.scheme.levels {
            f(ItemRef::Scheme, &level.name);
            f(ItemRef::Scheme, &level.abbrev);
        }
        let mut marking = |item, m: Option<&'a super::Marking>| {
            if let Some(m) = m {
                f(item, &m.level);
                for c in &m.caveats {
                    f(item, c);
                }
            }
        };
        marking(ItemRef::Meta, Some(&self.meta.marking));
        for (di, d) in self.delegations.iter().enumerate() {
            marking(ItemRef::Delegation(di), d.marking.as_ref());
            for (mi, m) in d.members.iter().enumerate() {
                marking(ItemRef::Member(di, mi), m.marking.as_ref());
            }
        }
        for (i, p) in self.programme.iter().enumerate() {
            marking(ItemRef::Programme(i), p.marking.as_ref());
        }
        for (i, t) in self.talking_points.iter().enumerate() {
            marking(ItemRef::TalkingPoint(i), t.marking.as_ref());
        }
        for (i, n) in self.security_notes.iter().enumerate() {
            marking(ItemRef::SecurityNote(i), n.marking.as_ref());
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
