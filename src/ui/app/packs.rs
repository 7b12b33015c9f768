//! Packs and printing: export, the print dialog, and the check that markings can be
//! trusted before any pack is made.

use std::path::Path;

use super::super::panels;
use super::super::printing::{Done, PackTask, PrintAnswer};
use super::files::DialogPurpose;
use super::{AttacheApp, Question, slug};

impl AttacheApp {
    /// The file name an export suggests: the pack's title ("…-principal-s-pack.pdf").
    pub(super) fn pack_file_name(&self) -> String {
        let d = &self.doc.dossier;
        format!("{}.pdf", slug(&self.settings.pack(d).title(d)))
    }

    /// Lays out and writes the pack on another thread.
    pub(super) fn export_pdf(&mut self, ctx: &egui::Context, path: &Path) {
        // Checked again here: the dossier may have changed while the file dialog was open.
        if !self.markings_sound() {
            return;
        }
        let path = crate::export::with_default_extension(path);
        let format = match crate::export::Format::of(&path) {
            Ok(f) => f,
            Err(e) => {
                self.notices.error(format!("Nothing was exported: {e}."));
                return;
            }
        };
        let dossier = self.doc.dossier.clone();
        let options = self.settings.pack(&self.doc.dossier);
        let source = self.doc.path.clone();
        self.task = Some(PackTask::spawn(
            ctx,
            "Exporting the briefing pack…",
            move || {
                let done =
                    crate::export::export(&dossier, &options, &path, format, source.as_deref())?;
                Ok(Done {
                    notice: format!("Exported {}, to {}", done.summary(), path.display()),
                    exported: (format == crate::export::Format::Pdf).then_some(path),
                })
            },
        ));
    }

    /// Whether the dossier's markings can be trusted for a pack; if not, says why and
    /// shows the problems, and no pack is made.
    pub(super) fn markings_sound(&mut self) -> bool {
        if self.doc.problems_stale() {
            self.doc.revalidate();
        }
        let errors = self
            .doc
            .problems()
            .iter()
            .filter(|p| p.stops_pack())
            .count();
        if errors == 0 {
            return true;
        }
        let conflicts = self.doc.dossier.conflicts.len();
        self.notices.error(if conflicts > 0 {
            format!(
                "No pack was made: {conflicts} merge conflict{} must be resolved first (Review › Conflicts panel).",
                if conflicts == 1 { "" } else { "s" },
            )
        } else {
            format!(
                "No pack was made: {errors} marking error{} could mark it wrongly. Mend {} first (see Problems).",
                if errors == 1 { "" } else { "s" },
                if errors == 1 { "it" } else { "them" },
            )
        });
        self.settings.show_problems = true;
        self.view.bottom_tab = if conflicts > 0 {
            panels::BottomTab::Conflicts
        } else {
            panels::BottomTab::Problems
        };
        false
    }

    /// Lays out the pack and hands it to the print service, on another thread.
    pub(super) fn print(&mut self, ctx: &egui::Context, job: crate::print::Job) {
        if !self.markings_sound() {
            return;
        }
        let dossier = self.doc.dossier.clone();
        let options = self.settings.pack(&self.doc.dossier);
        let service = self.printing.clone();
        self.task = Some(PackTask::spawn(
            ctx,
            "Sending the pack to the printer…",
            move || {
                let laid = crate::layout::lay_out(&dossier, &options);
                let bytes = crate::pdf::write(&laid);
                let sent = service
                    .submit(&bytes, &job)
                    .map_err(|e| format!("Nothing was printed: {e}."))?;
                let copies = match job.copies {
                    1 => String::new(),
                    n => format!(" ({n} copies)"),
                };
                let id = if sent.id.is_empty() {
                    String::new()
                } else {
                    format!(" as job {}", sent.id)
                };
                Ok(Done {
                    notice: format!(
                        "Sent {} pages{copies}, marked {}, to {}{id}",
                        laid.pages.len(),
                        laid.banner,
                        sent.printer
                    ),
                    exported: None,
                })
            },
        ));
    }

    fn card_options(&self) -> crate::layout::CardOptions {
        crate::layout::CardOptions {
            paper: self.settings.paper,
            delegations: Vec::new(),
            position: false,
        }
    }

    /// The place cards' file name: "…-place-cards.pdf".
    pub(super) fn cards_file_name(&self) -> String {
        format!("{}-place-cards.pdf", slug(&self.doc.dossier.meta.title))
    }

    /// Writes the place cards as a PDF, on another thread.
    pub(super) fn export_cards(&mut self, ctx: &egui::Context, path: &Path) {
        if !self.markings_sound() {
            return;
        }
        let path = crate::export::with_default_extension(path);
        let dossier = self.doc.dossier.clone();
        let options = self.card_options();
        let source = self.doc.path.clone();
        self.task = Some(PackTask::spawn(
            ctx,
            "Making the place cards…",
            move || {
                let (done, skipped) =
                    crate::export::export_cards(&dossier, &options, &path, source.as_deref())?;
                Ok(Done {
                    notice: format!(
                        "Wrote {} place cards, marked {}, to {}{}",
                        done.pages.unwrap_or(0),
                        done.banner,
                        path.display(),
                        skipped_note(&skipped)
                    ),
                    exported: Some(path),
                })
            },
        ));
    }

    /// Lays out the place cards and hands them to the print service, on another thread.
    pub(super) fn print_cards(&mut self, ctx: &egui::Context, job: crate::print::Job) {
        if !self.markings_sound() {
            return;
        }
        let dossier = self.doc.dossier.clone();
        let options = self.card_options();
        let service = self.printing.clone();
        self.task = Some(PackTask::spawn(
            ctx,
            "Sending the place cards to the printer…",
            move || {
                let cards = crate::layout::lay_out_cards(&dossier, &options);
                if cards.laid.pages.iter().all(|p| p.items.is_empty()) {
                    return Err(
                        "No place cards were printed: no member has a confirmed name.".into(),
                    );
                }
                let bytes = crate::pdf::write(&cards.laid);
                let sent = service
                    .submit(&bytes, &job)
                    .map_err(|e| format!("Nothing was printed: {e}."))?;
                Ok(Done {
                    notice: format!(
                        "Sent {} place cards, marked {}, to {}{}",
                        cards.laid.pages.len(),
                        cards.laid.banner,
                        sent.printer,
                        skipped_note(&cards.skipped)
                    ),
                    exported: None,
                })
            },
        ));
    }

    pub(super) fn poll_task(&mut self) {
        let Some(answer) = super::super::task::take(&mut self.task) else {
            return;
        };
        let answer = answer.map_err(|stopped| stopped.to_string()).flatten();
        match answer {
            Ok(done) => {
                match &done.exported {
                    Some(_) => self
                        .notices
                        .info_with(done.notice, super::super::command::Command::OpenExportedPdf),
                    None => self.notices.info(done.notice),
                }
                self.last_export = done.exported.or(self.last_export.take());
            }
            Err(e) => self.notices.error(e),
        }
    }

    pub(super) fn pack_modals(&mut self, ctx: &egui::Context) {
        if let Some(Question::Print(dialog)) = self.questions.current_mut() {
            let laid =
                self.preview
                    .laid(&self.doc, true, &self.settings.pack(&self.doc.dossier), ctx);
            // Counted again only once a large pack's new layout is ready.
            let pages = match (&laid, self.preview.updating()) {
                (Some(laid), false) => {
                    format!("{} pages · marked {}", laid.pages.len(), laid.banner)
                }
                _ => "counting pages…".to_owned(),
            };
            let summary = format!(
                "“{}”\n{pages} · {}{}",
                self.doc.dossier.meta.title,
                self.settings.paper.label(),
                super::super::printing::left_out_note(&self.settings)
            );
            let title = self
                .settings
                .pack(&self.doc.dossier)
                .title(&self.doc.dossier);
            let answer = dialog.show(ctx, &self.doc.dossier, &mut self.settings, &summary, &title);
            if answer.is_some() {
                self.questions.answered();
            }
            match answer {
                Some(PrintAnswer::Print(job)) => self.print(ctx, job),
                Some(PrintAnswer::PrintCards(job)) => self.print_cards(ctx, job),
                Some(PrintAnswer::CardsPdf) => self.start_dialog(ctx, DialogPurpose::ExportCards),
                Some(PrintAnswer::ExportInstead) => {
                    self.start_dialog(ctx, DialogPurpose::ExportPdf);
                }
                Some(PrintAnswer::Cancel) | None => {}
            }
        }
    }
}

/// "; none for Kenya No. 1 (Prime Cabinet Secretary), whose name is not confirmed".
fn skipped_note(skipped: &[String]) -> String {
    match skipped {
        [] => String::new(),
        [one] => format!("; none for {one}, whose name is not confirmed"),
        many => format!(
            "; none for {} members whose names are not confirmed ({})",
            many.len(),
            many.join(", ")
        ),
    }
}
