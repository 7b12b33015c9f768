//! The offer, at start, of unsaved edits that a crashed or killed session left behind:
//! what they are (the changes against the file as it is on disk), when they were made,
//! and whether the file was saved again since (then restoring merges both).

use std::path::{Path, PathBuf};

use egui::{Id, Modal, RichText};

use super::widgets;
use crate::diff;
use crate::model::Dossier;
use crate::store::{self, recovery};

/// How many changes are listed in the offer (the rest are in the Changes panel after
/// restoring).
const LISTED: usize = 8;

/// One session's unsaved edits.
pub struct Offer {
    pub path: PathBuf,
    pub recovery: recovery::Recovery,
    pub dossier: Dossier,
    /// The changes against the file as it is now, summarised.
    pub changes: Vec<String>,
    pub total: usize,
    /// The file as it is now.
    pub disk: Disk,
}

pub enum Disk {
    /// As the session last read or wrote it.
    Unchanged,
    /// Saved again since (by a colleague, or another session): restoring merges.
    SavedSince,
    /// Gone (moved or deleted): restoring recreates it on save.
    Missing,
    /// The file cannot be read now; the edits are restored as they were.
    Unreadable(String),
    /// The dossier was never saved.
    NeverSaved,
}

/// The recovered sessions found at start.
#[derive(Default)]
pub struct Offers {
    pub list: Vec<Offer>,
    /// Recovery files that cannot be read, with why (kept, never removed unasked).
    pub unreadable: Vec<(PathBuf, String)>,
    /// How many older recovery files were not read (a flooded folder).
    pub left_out: usize,
    /// The offer whose Discard was clicked once, awaiting confirmation.
    confirming: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Restore(usize),
    Discard(usize),
    /// Delete a recovery file that cannot be read.
    DeleteUnreadable(usize),
    Later,
}

impl Offers {
    /// The orphaned recovery files in `data_dir`. Those holding nothing the file lacks
    /// (a crash just after a save) are removed.
    pub fn find(data_dir: &Path) -> Self {
        let mut offers = Self::default();
        let listing = recovery::list(data_dir);
        offers.left_out = listing.left_out;
        for found in listing.found {
            let r = match found.recovery {
                Ok(r) if r.is_orphaned() => r,
                Ok(_) => continue,
                Err(why) => {
                    offers.unreadable.push((found.path, why));
                    continue;
                }
            };
            let dossier = match store::parse_str(&r.dossier) {
                Ok(d) => d,
                Err(e) => {
                    offers
                        .unreadable
                        .push((found.path, format!("the dossier in it: {e}")));
                    continue;
                }
            };
            let (disk, on_disk) = match &r.file {
                None => (Disk::NeverSaved, None),
                Some(file) if !file.exists() => (Disk::Missing, None),
                Some(file) => match store::read_file(file, store::MAX_FILE_SIZE)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        let parsed = store::parse_bytes(&bytes).map_err(|e| e.to_string())?;
                        Ok((bytes, parsed))
                    }) {
                    Ok((bytes, parsed)) => {
                        let same = r
                            .base
                            .as_deref()
                            .is_none_or(|base| base.as_bytes() == bytes.as_slice());
                        let disk = if same {
                            Disk::Unchanged
                        } else {
                            Disk::SavedSince
                        };
                        (disk, Some(parsed))
                    }
                    Err(why) => (Disk::Unreadable(why), None),
                },
            };
            let empty;
            let against = match &on_disk {
                Some(d) => d,
                None => {
                    empty = Dossier::new("");
                    &empty
                }
            };
            let changes = diff::diff(against, &dossier);
            if changes.is_empty() && matches!(disk, Disk::Unchanged) {
                recovery::remove(&found.path);
                continue;
            }
            offers.list.push(Offer {
                path: found.path,
                total: changes.len(),
                changes: changes.iter().take(LISTED).map(line).collect(),
                recovery: r,
                dossier,
                disk,
            });
        }
        offers
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.unreadable.is_empty() && self.left_out == 0
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<Answer> {
        let mut answer = None;
        let modal = Modal::new(Id::unique("recovery-offer")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            widgets::heading(ui, "Unsaved changes were recovered");
            ui.label(
                "Attaché stopped before these changes were saved (a crash, a kill or a power \
                 cut). Restore them to go on where you left off, or discard them.",
            );
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for (i, offer) in self.list.iter().enumerate() {
                        ui.separator();
                        offer_view(ui, offer);
                        ui.horizontal(|ui| {
                            if self.confirming == Some(i) {
                                ui.colored_label(
                                    ui.visuals().warn_fg_color,
                                    "These changes cannot be brought back once discarded.",
                                );
                                if ui.button("Discard them for good").clicked() {
                                    answer = Some(Answer::Discard(i));
                                }
                                if ui.button("Back").clicked() {
                                    self.confirming = None;
                                }
                            } else {
                                if ui.button(format!("Restore {}", offer.name())).clicked() {
                                    answer = Some(Answer::Restore(i));
                                }
                                if ui.button(format!("Discard {}…", offer.name())).clicked() {
                                    self.confirming = Some(i);
                                }
                            }
                        });
                    }
                    for (i, (path, why)) in self.unreadable.iter().enumerate() {
                        ui.separator();
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            diff::visible(&format!(
                                "A recovery file could not be read and was kept: {} ({why})",
                                path.display()
                            )),
                        );
                        if ui.button("Delete this damaged recovery file").clicked() {
                            answer = Some(Answer::DeleteUnreadable(i));
                        }
                    }
                    if self.left_out > 0 {
                        ui.separator();
                        ui.label(format!(
                            "{} older recovery files were not read (the folder holds too many): \
                             deal with these, and they are offered next.",
                            self.left_out
                        ));
                    }
                });
            ui.separator();
            if ui
                .button("Decide later")
                .on_hover_text("Keep the recovered changes; they are offered again next time.")
                .clicked()
            {
                answer = Some(Answer::Later);
            }
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(Answer::Later);
        }
        if answer.is_some() {
            self.confirming = None;
        }
        answer
    }
}

impl Offer {
    /// The file's name, or the dossier's title when it was never saved.
    pub fn name(&self) -> String {
        match &self.recovery.file {
            Some(f) => f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => format!("“{}”", self.recovery.title.replace(['\n', '\r'], " ")),
        }
    }
}

/// "Title page: title changed: was “Talks”, now “Talks (draft)”".
fn line(c: &diff::Change) -> String {
    let clip = |v| {
        let text = diff::display(v);
        if text.chars().count() > 120 {
            format!("{}…", text.chars().take(120).collect::<String>())
        } else {
            text
        }
    };
    let mut location = c.location.clone();
    if let Some(first) = location.get(..1) {
        let upper = first.to_uppercase();
        location.replace_range(..1, &upper);
    }
    let mut s = format!("{location}: {}", diff::summary(c));
    if c.kind == diff::Kind::Changed && (c.old.is_some() || c.new.is_some()) {
        s.push_str(&format!(
            ": was “{}”, now “{}”",
            clip(c.old.as_ref()),
            clip(c.new.as_ref())
        ));
    }
    s
}

fn offer_view(ui: &mut egui::Ui, offer: &Offer) {
    let r = &offer.recovery;
    // From a file on disk: shown on one line each, control characters visible.
    let one_line = |s: &str| diff::visible_line(s).into_owned();
    ui.label(RichText::new(one_line(&r.title)).strong());
    match &r.file {
        Some(f) => ui.label(one_line(&f.display().to_string())),
        None => ui.label("Never saved"),
    };
    ui.label(format!("Last changed {}", r.edited.long()));
    let count = match offer.total {
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    ui.label(match &offer.disk {
        Disk::Unchanged => format!("{count} not saved in the file:"),
        Disk::SavedSince => format!(
            "{count} against the file as it is now. It was saved again after these edits: \
             restoring merges both versions."
        ),
        Disk::Missing => {
            format!("The file is no longer there: restoring keeps all {count}; save to write it.")
        }
        Disk::Unreadable(why) => format!(
            "The file cannot be read now ({why}): restoring puts the {count} in a new, unsaved \
             dossier:"
        ),
        Disk::NeverSaved => format!("A new dossier, never saved ({count}):"),
    });
    for line in &offer.changes {
        ui.label(format!("• {}", diff::visible(line)));
    }
    if offer.total > offer.changes.len() {
        ui.label(format!(
            "…and {} more, shown in the Changes panel after restoring.",
            offer.total - offer.changes.len()
        ));
    }
}
