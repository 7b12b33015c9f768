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
    pub sections: Vec<Section>,
    /// The printer last printed on, chosen again next time if it still exists.
    pub printer: Option<String>,
    /// Items left out of the pack. For this session and this dossier only, never
    /// remembered: a later pack must not silently leave out what was left out today.
    #[serde(skip)]
    pub left_out: Vec<Id>,
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
            sections: Section::ALL.to_vec(),
            printer: None,
            left_out: Vec::new(),
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
            name: self.saved_pack(d).map(|p| p.name.clone()),
        }
    }

    /// The dossier's saved pack whose sections and items are the ones chosen, if any.
    pub fn saved_pack<'d>(&self, d: &'d Dossier) -> Option<&'d Pack> {
        fn same<T: PartialEq>(a: &[T], b: &[T]) -> bool {
            a.len() == b.len() && a.iter().all(|x| b.contains(x))
        }
        d.packs
            .iter()
            .find(|p| same(&p.sections, &self.sections) && same(&p.exclude, &self.left_out))
    }

    pub fn last_file(&self) -> Option<&Path> {
        self.recent.first().map(PathBuf::as_path)
    }
}
