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

/// The kinds of item a path names, for [`ItemWords`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Delegation,
    Member,
    Programme,
    TalkingPoint,
    SecurityNote,
    Pack,
}

/// The words of a path to an item: the editor's English, or a pack's language.
pub trait ItemWords {
    /// "talking point 2 “Haiti”": `n` counts from 1; `name` is shortened, maybe empty.
    fn numbered(&self, kind: ItemKind, n: usize, name: &str) -> String;
    fn meta(&self) -> String;
    fn scheme(&self) -> String;
    /// An item removed since the path was made.
    fn removed(&self) -> String;
    /// How a member is named in passing (the position when the name is not confirmed).
    fn member_name(&self, m: &Member) -> String {
        m.display_name()
    }
}

/// The editor's words.
pub struct English;

impl ItemWords for English {
    fn numbered(&self, kind: ItemKind, n: usize, name: &str) -> String {
        let kind = match kind {
            ItemKind::Delegation => "delegation",
            ItemKind::Member => "member",
            ItemKind::Programme => "programme item",
            ItemKind::TalkingPoint => "talking point",
            ItemKind::SecurityNote => "security note",
            ItemKind::Pack => "pack",
        };
        if name.is_empty() {
            format!("{kind} {n}")
        } else {
            format!("{kind} {n} “{name}”")
        }
    }
    fn meta(&self) -> String {
        "meta".to_owned()
    }
    fn scheme(&self) -> String {
        "scheme".to_owned()
    }
    fn removed(&self) -> String {
        "(removed)".to_owned()
    }
}

impl ItemRef {
    /// Where an item (and field) is, for people: `delegation 1 “Kenya” › member 2 “Dr.
    /// Korir Sing’oei” › full_name`. Numbers count from 1, as precedence does.
    pub fn describe(self, d: &Dossier, field: Option<&str>) -> String {
        self.describe_in(d, field, &English)
    }

    /// [`describe`](Self::describe) in other words (a pack's language).
    pub fn describe_in(self, d: &Dossier, field: Option<&str>, w: &dyn ItemWords) -> String {
        let numbered = |kind, i: usize, name: &str| {
            const MAX: usize = 60;
            let mut short: String = name.chars().take(MAX).collect();
            if short.len() < name.len() {
                short.pop();
                short.push('…');
            }
            w.numbered(kind, i + 1, &short)
        };
        // Problems may be a frame older than the dossier (large dossiers are checked once
        // typing pauses): an item removed since is described, not indexed past the end.
        let gone = || w.removed();
        let mut path = match self {
            ItemRef::Meta => w.meta(),
            ItemRef::Scheme => w.scheme(),
            ItemRef::Delegation(i) => d
                .delegations
                .get(i)
                .map_or_else(gone, |del| numbered(ItemKind::Delegation, i, &del.name)),
            ItemRef::Member(i, j) => d
                .delegations
                .get(i)
                .and_then(|del| Some((del, del.members.get(j)?)))
                .map_or_else(gone, |(del, m)| {
                    format!(
                        "{} › {}",
                        numbered(ItemKind::Delegation, i, &del.name),
                        numbered(ItemKind::Member, j, &w.member_name(m))
                    )
                }),
            ItemRef::Programme(i) => d
                .programme
                .get(i)
                .map_or_else(gone, |p| numbered(ItemKind::Programme, i, &p.title)),
            ItemRef::TalkingPoint(i) => d
                .talking_points
                .get(i)
                .map_or_else(gone, |t| numbered(ItemKind::TalkingPoint, i, &t.title)),
            ItemRef::SecurityNote(i) => d
                .security_notes
                .get(i)
                .map_or_else(gone, |n| numbered(ItemKind::SecurityNote, i, &n.title)),
            ItemRef::Pack(i) => d
                .packs
                .get(i)
                .map_or_else(gone, |p| numbered(ItemKind::Pack, i, &p.name)),
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
        f("hotel", &self.hotel);
        f("dietary", &self.dietary);
        f("languages", &self.languages);
        f("interpretation", &self.interpretation);
        f("accessibility", &self.accessibility);
        f("biography", &self.biography);
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
