//! What the editor remembers between runs.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::layout::{PackOptions, Paper};
use crate::model::{Dossier, Id, Pack, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [Self::System, Self::Light, Self::Dark];
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    pub zoom: f32,
    pub show_problems: bool,
    pub show_preview: bool,
    /// The pack that preview, export and print make.
    pub paper: Paper,
    /// Sections of the pack. Like the items left out, for this session and this dossier
    /// only: a pack narrowed yesterday must not silently narrow today's.
    #[serde(skip, default = "standard_sections")]
    pub sections: Vec<Section>,
    /// The printer last printed on, chosen again next time if it still exists.
    pub printer: Option<String>,
    /// The name put on comments and approvals, asked once.
    pub reviewer: String,
    /// Items left out of the pack. For this session and this dossier only, never
    /// remembered: a later pack must not silently leave out what was left out today.
    #[serde(skip)]
    pub left_out: Vec<Id>,
    /// The saved pack last chosen (or saved) in this session. It names the pack only while
    /// the choices are still that pack's: changing any makes a custom choice.
    #[serde(skip)]
    pub pack_name: Option<String>,
    /// Whether packs carry the review comments as an annex; for this session only, like
    /// the other choices of what a pack holds.
    #[serde(skip)]
    pub pack_comments: bool,
}

fn standard_sections() -> Vec<Section> {
    Section::STANDARD.to_vec()
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            theme: ThemeChoice::System,
            zoom: 1.0,
            show_problems: true,
            show_preview: false,
            paper: Paper::A4,
            sections: Section::STANDARD.to_vec(),
            printer: None,
            reviewer: String::new(),
            left_out: Vec::new(),
            pack_name: None,
            pack_comments: false,
        }
    }
}

impl Settings {
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The pack the choices make of `d`, named after the saved pack they match.
    pub fn pack(&self, d: &Dossier) -> PackOptions {
        PackOptions {
            paper: self.paper,
            sections: self.sections.clone(),
            exclude: self.left_out.clone(),
            name: self.saved_pack(d).map(|(_, p)| p.name.clone()),
            comments: self.pack_comments,
        }
    }

    /// The saved pack last chosen, with its index, while the choices are still its own
    /// (what it leaves out that is still in the dossier).
    pub fn saved_pack<'d>(&self, d: &'d Dossier) -> Option<(usize, &'d Pack)> {
        fn same<T: PartialEq>(a: &[T], b: &[T]) -> bool {
            a.len() == b.len() && a.iter().all(|x| b.contains(x))
        }
        let (i, pack) = d.pack_named(self.pack_name.as_deref()?)?;
        (same(&pack.sections, &self.sections) && same(&pack.live_exclude(d), &self.left_out))
            .then_some((i, pack))
    }

    pub fn last_file(&self) -> Option<&Path> {
        self.recent.first().map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pack;

    #[test]
    fn a_chosen_pack_keeps_its_name_while_its_choices_stand() {
        let mut d = crate::store::parse_str(crate::ui::SAMPLE_TEXT).unwrap();
        let brief = d.pack_named("Regional security brief").unwrap().1.clone();
        // An item the pack leaves out is deleted after the pack was saved.
        d.talking_points.retain(|t| t.id.as_str() != "tp-fta");
        let mut s = Settings {
            sections: brief.sections.clone(),
            left_out: brief.live_exclude(&d),
            pack_name: Some(brief.name.clone()),
            ..Settings::default()
        };
        assert_eq!(s.left_out.len(), 2);
        assert_eq!(s.pack(&d).name.as_deref(), Some("Regional security brief"));
        // Another pack with the same choices does not take its name.
        d.packs.insert(
            0,
            Pack {
                name: "Twin".into(),
                ..brief
            },
        );
        assert_eq!(s.pack(&d).name.as_deref(), Some("Regional security brief"));
        // A change makes it a custom choice, named by nothing.
        s.sections.pop();
        assert_eq!(s.pack(&d).name, None);
    }
}

#[cfg(test)]
mod remembered {
    use super::*;

    #[test]
    fn the_paper_is_remembered_but_not_a_narrowed_pack() {
        let mut s = Settings {
            paper: Paper::Letter,
            sections: vec![Section::TalkingPoints],
            ..Settings::default()
        };
        s.left_out.push(Id::new("tp-fta").unwrap());
        let back: Settings = ron::from_str(&ron::to_string(&s).unwrap()).unwrap();
        assert_eq!(back.paper, Paper::Letter);
        assert_eq!(back.sections, Section::STANDARD.to_vec());
        assert!(back.left_out.is_empty());
    }
}
