//! What a pack holds: the sections chosen, the items left out, the saved pack's name, the
//! comments annex; and what follows from them (the banner, the title, what the cover says).

use std::borrow::Cow;

use super::catalogue::{Arg, Catalogue, catalogue};
use crate::model::{Dossier, Id, Marking, Portions, Section};

#[derive(Debug, Clone, PartialEq)]
pub struct PackOptions {
    pub paper: Paper,
    pub sections: Vec<Section>,
    /// Items left out of this pack, by id (see [`Dossier::without`]).
    pub exclude: Vec<Id>,
    /// The saved pack these choices are, printed on the cover and in the footer.
    pub name: Option<String>,
    /// Add the review comments as an annex (`--comments`). Comments carry no marking of
    /// their own, so the annex counts at the dossier's marking.
    pub comments: bool,
}

impl Default for PackOptions {
    fn default() -> Self {
        Self {
            paper: Paper::A4,
            sections: Section::STANDARD.to_vec(),
            exclude: Vec::new(),
            name: None,
            comments: false,
        }
    }
}

impl PackOptions {
    /// The banner of the pack: the printed portions' high-water mark, raised to the
    /// dossier's own marking when the comments annex is printed.
    pub fn banner(&self, p: &Portions, sections: &[Section], annex: bool) -> Marking {
        let banner = p.banner(sections);
        if !annex {
            return banner;
        }
        let d = p.dossier();
        d.scheme
            .high_water([&banner, &d.meta.marking])
            .unwrap_or(banner)
    }
}

impl PackOptions {
    /// The dossier as this pack prints it (without the items left out), and the sections
    /// it prints: in order, and without a section whose every item was left out, which
    /// would be a heading over nothing. A section the dossier has nothing in still prints,
    /// saying so.
    pub fn contents<'d>(&self, d: &'d Dossier) -> (Cow<'d, Dossier>, Vec<Section>) {
        let narrowed = if self.exclude.is_empty() {
            Cow::Borrowed(d)
        } else {
            Cow::Owned(d.without(&self.exclude).0)
        };
        let items = |d: &Dossier, s: Section| match s {
            Section::Programme => d.programme.len(),
            Section::Delegations => d.delegations.len(),
            Section::Biographies => d
                .delegations
                .iter()
                .flat_map(|del| &del.members)
                .filter(|m| m.has_biography())
                .count(),
            Section::Arrivals => d.movements().count(),
            Section::Seating => crate::model::seating::plan(d).len(),
            Section::TalkingPoints => d.talking_points.len(),
            Section::SecurityNotes => d.security_notes.len(),
        };
        let mut sections = self.sections.clone();
        sections.sort();
        sections.dedup();
        sections.retain(|&s| items(d, s) == 0 || items(&narrowed, s) > 0);
        (narrowed, sections)
    }

    /// The pack's title for print queues and file names: the dossier's title, and the
    /// saved pack's name after it.
    pub fn title(&self, d: &Dossier) -> String {
        match &self.name {
            Some(name) => format!("{} — {name}", d.meta.title),
            None => d.meta.title.clone(),
        }
    }

    /// What the cover says of a pack that is not the whole dossier: the saved pack's name,
    /// or the sections it holds. A reader must be able to tell a partial pack.
    pub fn describe(&self, printed: &[Section], w: &Catalogue) -> Option<String> {
        if let Some(name) = &self.name {
            return Some(name.clone());
        }
        if printed == Section::STANDARD && self.exclude.is_empty() {
            return None;
        }
        let titles: Vec<String> = printed.iter().map(|&s| w.section(s)).collect();
        let titles = titles.join(", ");
        Some(if self.exclude.is_empty() {
            titles
        } else {
            w.with("pack-some-left-out", &[("sections", Arg::from(&titles))])
        })
    }
}

/// "Approved by NAME (ROLE) on DATE" for each approval of the content as it stands, in
/// the words of the dossier's language; a stale approval is never printed.
pub fn approval_lines(d: &Dossier) -> Vec<String> {
    let w = catalogue(d.meta.language());
    crate::review::valid_approvals(d)
        .into_iter()
        .map(|a| {
            let date = w.date(a.at.date);
            let mut args = vec![("by", Arg::from(&a.by)), ("date", Arg::from(&date))];
            if a.role.is_empty() {
                w.with("approval", &args)
            } else {
                args.push(("role", Arg::from(&a.role)));
                w.with("approval-with-role", &args)
            }
        })
        .collect()
}

/// Paper sizes, in points (1/72 inch).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }

    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}
