//! What the editor tells the user that is not a question: errors, warnings and notices,
//! kept in a queue so that one never hides another (a failed photo read and a finished
//! export in the same second are both shown). Errors and warnings stay until dismissed;
//! a notice (an export finished) goes by itself after a while, before it is out of date
//! and while it would only push the fields down. A notice that repeats one already shown
//! moves it to the end rather than stacking a copy.

use std::collections::VecDeque;

use egui::{RichText, Ui};

use super::command::Command;
use super::state::Output;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub severity: Severity,
    pub text: String,
    /// What the notice offers to do about it (Open PDF after an export).
    pub action: Option<Command>,
    /// When it was first shown (the window's clock), for a notice to go by itself.
    shown_at: Option<f64>,
}

/// How long a notice that is not an error or warning stays, in seconds.
const NOTICE_SECONDS: f64 = 20.0;

/// Notices beyond this many are dropped oldest first: a loop that fails on every frame
/// must not grow the window without bound.
const KEPT: usize = 20;
/// Shown at once; the rest are counted ("3 earlier").
const SHOWN: usize = 3;

#[derive(Debug, Default)]
pub struct Notices {
    queue: VecDeque<Notice>,
}

impl Notices {
    pub fn push(&mut self, notice: Notice) {
        self.queue.retain(|n| n.text != notice.text);
        self.queue.push_back(notice);
        while self.queue.len() > KEPT {
            self.queue.pop_front();
        }
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Notice {
            severity: Severity::Error,
            text: text.into(),
            action: None,
            shown_at: None,
        });
    }

    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(Notice {
            severity: Severity::Warning,
            text: text.into(),
            action: None,
            shown_at: None,
        });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Notice {
            severity: Severity::Info,
            text: text.into(),
            action: None,
            shown_at: None,
        });
    }

    /// A notice with a button that runs `action`.
    pub fn info_with(&mut self, text: impl Into<String>, action: Command) {
        self.push(Notice {
            severity: Severity::Info,
            text: text.into(),
            action: Some(action),
            shown_at: None,
        });
    }

    /// Forgets every notice (another file was opened: they were about the last one).
    pub fn clear(&mut self) {
        self.queue.clear();
    }

    /// Forgets the notices whose text holds `part` (a problem that was fixed).
    pub fn forget(&mut self, part: &str) {
        self.queue.retain(|n| !n.text.contains(part));
    }

    /// Forgets the errors (a save that failed has now succeeded).
    pub fn clear_errors(&mut self) {
        self.queue.retain(|n| n.severity != Severity::Error);
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Notice> {
        self.queue.iter()
    }

    /// The newest notice of at least `severity`.
    pub fn last(&self, severity: Severity) -> Option<&Notice> {
        self.queue.iter().rev().find(|n| n.severity >= severity)
    }

    pub fn has_errors(&self) -> bool {
        self.last(Severity::Error).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Draws the newest notices, each with Dismiss (and its action), newest last.
    pub fn show(&mut self, ui: &mut Ui, out: &mut Output) {
        let now = ui.input(|i| i.time);
        self.queue.retain_mut(|n| {
            let since = *n.shown_at.get_or_insert(now);
            n.severity != Severity::Info || now - since < NOTICE_SECONDS
        });
        if let Some(next) = self
            .queue
            .iter()
            .filter(|n| n.severity == Severity::Info)
            .filter_map(|n| n.shown_at)
            .map(|at| at + NOTICE_SECONDS - now)
            .reduce(f64::min)
        {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(next.max(0.1)));
        }
        if self.queue.is_empty() {
            return;
        }
        let hidden = self.queue.len().saturating_sub(SHOWN);
        if hidden > 0 {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{hidden} earlier messages")).weak());
                if ui.small_button("Dismiss all").clicked() {
                    self.queue.clear();
                }
            });
            if self.queue.is_empty() {
                return;
            }
        }
        let mut dismissed = None;
        for (i, notice) in self.queue.iter().enumerate().skip(hidden) {
            let colour = match notice.severity {
                Severity::Error => ui.visuals().error_fg_color,
                Severity::Warning => ui.visuals().warn_fg_color,
                Severity::Info => ui.visuals().text_color(),
            };
            ui.push_id(("notice", i), |ui| {
                egui::Frame::new()
                    .fill(ui.visuals().extreme_bg_color)
                    .stroke((1.0, colour))
                    .inner_margin(8.0)
                    .show(ui, |ui| {
                        // Messages can name long paths: they wrap rather than widen the window.
                        ui.horizontal_wrapped(|ui| {
                            ui.add(
                                egui::Label::new(RichText::new(&notice.text).color(colour)).wrap(),
                            );
                            if let Some(action) = &notice.action
                                && ui.button(action.label()).clicked()
                            {
                                out.push(action.clone());
                            }
                            if ui.button("Dismiss").clicked() {
                                dismissed = Some(i);
                            }
                        });
                    });
            });
            ui.add_space(6.0);
        }
        if let Some(i) = dismissed {
            self.queue.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_notice_never_hides_another_and_a_repeat_moves_to_the_end() {
        let mut n = Notices::default();
        n.error("The photo could not be read.");
        n.info("Exported visit.pdf");
        assert_eq!(n.iter().count(), 2);
        n.error("The photo could not be read.");
        let texts: Vec<_> = n.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Exported visit.pdf", "The photo could not be read."]
        );
        assert_eq!(
            n.last(Severity::Error).unwrap().text,
            "The photo could not be read."
        );
        for i in 0..100 {
            n.info(format!("notice {i}"));
        }
        assert_eq!(n.iter().count(), KEPT);
        assert_eq!(n.iter().last().unwrap().text, "notice 99");
        assert!(!n.has_errors(), "the oldest went first");
    }

    #[test]
    fn a_notice_goes_by_itself_and_an_error_stays_until_dismissed() {
        let ctx = egui::Context::default();
        let mut n = Notices::default();
        n.info("Exported visit.pdf");
        n.error("visit.ron could not be saved");
        let frame = |time: f64, n: &mut Notices| {
            let raw = egui::RawInput {
                time: Some(time),
                ..Default::default()
            };
            let mut output = ctx.run_ui(raw, |ui| n.show(ui, &mut Output::default()));
            output.textures_delta.clear();
        };
        frame(1.0, &mut n);
        frame(1.0 + NOTICE_SECONDS / 2.0, &mut n);
        assert_eq!(n.iter().count(), 2);
        frame(2.0 + NOTICE_SECONDS, &mut n);
        let left: Vec<_> = n.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(left, ["visit.ron could not be saved"]);
    }
}
