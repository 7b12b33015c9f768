//! The question on screen. A dialog that waits for an answer (save first? replace the
//! file? print where? import this list?) is one value of one type, so "is something being
//! asked" is one check (the keyboard's shortcuts wait while it is) and no two dialogs
//! are drawn over each other. Questions the editor asks of itself (a file changed on
//! disk, a file in use, unsaved work to recover) wait their turn behind the one on screen.

use std::collections::VecDeque;

use super::Guarded;
use super::files::Replacing;
use super::import::PendingImport;
use crate::ui::conflict::Conflict;
use crate::ui::in_use::InUse;
use crate::ui::printing::PrintDialog;
use crate::ui::recovery::Offers;
use crate::ui::review::Approving;

pub enum Question {
    /// The dossier has unsaved changes: save, discard or cancel before the action.
    Unsaved(Guarded),
    /// The file changed on disk since it was read, with what follows a save.
    ChangedOnDisk(Conflict, Option<Guarded>),
    /// Save as would write over another file.
    Replace(Replacing),
    Print(PrintDialog),
    /// A delegation list read, shown with what it changes before it is imported.
    Import(Box<PendingImport>),
    Approve(Approving),
    /// Someone else has the file open for editing.
    InUse(InUse),
    /// Unsaved work of an editor that stopped, offered back.
    Recover(Offers),
}

/// The question on screen, and those waiting behind it.
#[derive(Default)]
pub struct Questions {
    queue: VecDeque<Question>,
}

impl Questions {
    /// Asks `question` now, or as soon as the one on screen is answered.
    pub fn ask(&mut self, question: Question) {
        self.queue.push_back(question);
    }

    /// The question on screen.
    pub fn current(&self) -> Option<&Question> {
        self.queue.front()
    }

    pub fn current_mut(&mut self) -> Option<&mut Question> {
        self.queue.front_mut()
    }

    /// The question on screen was answered: it goes, and the next one (if any) shows.
    pub fn answered(&mut self) -> Option<Question> {
        self.queue.pop_front()
    }

    pub fn is_asking(&self) -> bool {
        !self.queue.is_empty()
    }

    /// Whether a question like this is on screen or waiting.
    pub fn has(&self, like: impl Fn(&Question) -> bool) -> bool {
        self.queue.iter().any(like)
    }

    /// Withdraws the questions that no longer stand (about a dossier replaced).
    pub fn withdraw(&mut self, which: impl Fn(&Question) -> bool) {
        self.queue.retain(|q| !which(q));
    }
}
