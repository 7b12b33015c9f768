//! A file chooser drawn in the window, for desktops where no portal answers the desktop's
//! own dialog. Our own rather than a crate's: the one chooser for this egui
//! (`egui_file`) leaves its path and name fields without a name a screen reader can say,
//! and the editor is used with one. Folders first, then the files a purpose takes; a
//! name can be typed; Enter confirms, Escape cancels.

use std::path::{Path, PathBuf};

use egui::{Id, Key, Modal, RichText, ScrollArea, TextEdit};

/// More entries than this in one folder are not listed (a crafted folder of millions of
/// files must not stop the window); the name field still reaches any of them.
const MAX_LISTED: usize = 5_000;

pub struct Chooser {
    title: String,
    /// What the confirming button says ("Open", "Save", "Use photo").
    verb: String,
    /// Whether a new file's name is chosen (Save) rather than an existing file (Open).
    saving: bool,
    extensions: &'static [&'static str],
    folder: PathBuf,
    /// What the folder holds: folders, then files of the wanted kinds, by name.
    entries: Vec<(String, bool)>,
    /// More entries than were listed, or why the folder could not be read.
    note: Option<String>,
    name: String,
    focus_name: bool,
}

/// What the chooser came to.
pub enum Chosen {
    Path(PathBuf),
    Cancelled,
}

impl Chooser {
    pub fn new(
        title: &str,
        saving: bool,
        extensions: &'static [&'static str],
        folder: PathBuf,
        name: String,
    ) -> Self {
        let mut chooser = Self {
            title: title.to_owned(),
            verb: if saving { "Save" } else { "Open" }.to_owned(),
            saving,
            extensions,
            folder: PathBuf::new(),
            entries: Vec::new(),
            note: None,
            name,
            focus_name: true,
        };
        chooser.go_to(folder);
        chooser
    }

    /// Names the chooser for what it is for.
    pub fn retitle(&mut self, title: &str, verb: &str) {
        self.title = title.to_owned();
        self.verb = verb.to_owned();
    }

    fn wanted(&self, name: &str) -> bool {
        Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }

    fn go_to(&mut self, folder: PathBuf) {
        // A dossier opened by a bare name ("attache visit.ron") is in "", the folder the
        // editor was started in: shown, and gone up from, as that folder's full path.
        let folder = if folder.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            folder
        };
        let folder = std::path::absolute(&folder).unwrap_or(folder);
        self.entries.clear();
        self.note = None;
        match std::fs::read_dir(&folder) {
            Ok(read) => {
                let mut more = 0usize;
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    let is_folder = entry.file_type().is_ok_and(|t| t.is_dir())
                        || (entry.file_type().is_ok_and(|t| t.is_symlink())
                            && entry.path().is_dir());
                    if !is_folder && !self.wanted(&name) {
                        continue;
                    }
                    if self.entries.len() < MAX_LISTED {
                        self.entries.push((name, is_folder));
                    } else {
                        more += 1;
                    }
                }
                self.entries.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                });
                if more > 0 {
                    self.note = Some(format!(
                        "{more} more are not listed: type the name of the one you want."
                    ));
                }
            }
            Err(e) => self.note = Some(format!("This folder cannot be read: {e}.")),
        }
        self.folder = folder;
    }

    /// Draws the chooser; `Some` once the user has chosen or cancelled.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Chosen> {
        let mut chosen = None;
        let mut go = None;
        let modal = Modal::new(Id::unique("attache-file-chooser")).show(ctx, |ui| {
            ui.set_width(620.0);
            super::widgets::heading(ui, &self.title);
            ui.horizontal(|ui| {
                let up = ui
                    .add_enabled(self.folder.parent().is_some(), egui::Button::new("⬆ Up"))
                    .on_hover_text("The folder this one is in");
                if up.clicked()
                    && let Some(parent) = self.folder.parent()
                {
                    go = Some(parent.to_owned());
                }
                let label = ui.label("Folder:");
                ui.add(
                    egui::Label::new(RichText::new(self.folder.display().to_string()).strong())
                        .truncate(),
                )
                .labelled_by(label.id);
            });
            ui.separator();
            ScrollArea::vertical()
                .max_height(300.0)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if self.entries.is_empty() {
                        ui.label(RichText::new("Nothing here of the kind wanted.").weak());
                    }
                    // A double click chooses the file its first click selected: the
                    // second click of a double click that opened a folder lands on
                    // whatever file is under the pointer in the folder's list.
                    let selected_before = self.name.clone();
                    for (name, is_folder) in &self.entries {
                        // A shared folder's names are a stranger's: characters that would
                        // hide or reorder one ("visit\u{202E}nor.exe") are shown as codes.
                        let shown = crate::diff::visible_line(name);
                        let text = if *is_folder {
                            format!("🗀 {shown}")
                        } else {
                            format!("🗋 {shown}")
                        };
                        let selected = !*is_folder && *name == self.name;
                        let response = ui.selectable_label(selected, text);
                        if response.clicked() {
                            if *is_folder {
                                go = Some(self.folder.join(name));
                            } else {
                                self.name = name.clone();
                            }
                        }
                        if response.double_clicked() && !*is_folder && *name == selected_before {
                            chosen = Some(Chosen::Path(self.folder.join(name)));
                        }
                    }
                });
            if let Some(note) = &self.note {
                ui.label(RichText::new(note).color(ui.visuals().warn_fg_color));
            }
            ui.separator();
            let mut enter = false;
            ui.horizontal(|ui| {
                let label = ui.label("File name:");
                let response = ui
                    .add(TextEdit::singleline(&mut self.name).desired_width(460.0))
                    .labelled_by(label.id);
                if self.focus_name {
                    response.request_focus();
                    self.focus_name = false;
                }
                enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            });
            ui.add_space(6.0);
            let verb = self.verb.as_str();
            let ready = !self.name.trim().is_empty();
            ui.horizontal(|ui| {
                if ui.add_enabled(ready, egui::Button::new(verb)).clicked() || (enter && ready) {
                    chosen = Some(self.confirm());
                }
                if ui.button("Cancel").clicked() {
                    chosen = Some(Chosen::Cancelled);
                }
            });
        });
        if let Some(folder) = go {
            self.go_to(folder);
        }
        if chosen.is_none() && modal.should_close() {
            chosen = Some(Chosen::Cancelled);
        }
        // A typed name that is a folder opens it rather than choosing it; a file to open
        // must be there.
        if let Some(Chosen::Path(path)) = &chosen {
            if path.is_dir() {
                let path = path.clone();
                self.name.clear();
                self.go_to(path);
                return None;
            }
            if !self.saving && !path.is_file() {
                self.note = Some(if path.exists() {
                    format!(
                        "{} is not a file that can be opened (a pipe, a device or a socket).",
                        crate::diff::visible_line(&path.display().to_string())
                    )
                } else {
                    format!("There is no file at {}.", path.display())
                });
                return None;
            }
        }
        chosen
    }

    fn confirm(&self) -> Chosen {
        let typed = PathBuf::from(self.name.trim());
        let mut path = if typed.is_absolute() {
            typed
        } else {
            self.folder.join(typed)
        };
        // A name typed without its kind's extension gets it ("visit" saves as visit.ron).
        if self.saving
            && !self.wanted(&path.to_string_lossy())
            && let Some(ext) = self.extensions.first()
        {
            let mut name = path.file_name().unwrap_or_default().to_owned();
            name.push(".");
            name.push(ext);
            path.set_file_name(name);
        }
        Chosen::Path(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dossier_opened_by_a_bare_name_lists_the_folder_it_is_in() {
        let chooser = Chooser::new("Open", false, &["toml"], PathBuf::new(), String::new());
        assert!(chooser.note.is_none(), "{:?}", chooser.note);
        assert!(chooser.folder.is_absolute());
        assert!(chooser.entries.iter().any(|(name, _)| name == "Cargo.toml"));
    }
}
