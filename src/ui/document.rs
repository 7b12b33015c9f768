//! The open dossier: its file, its undo history, and what views compute from it.

use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History};
use crate::model::{Dossier, Problem, Severity, validate};
use crate::store::{self, LoadError, SaveError, SaveOptions};

pub struct Document {
    /// Tells documents apart (a new one for each open, reload or new dossier).
    id: u64,
    pub dossier: Dossier,
    /// Where it is saved; `None` for a new dossier.
    pub path: Option<PathBuf>,
    pub read_only: bool,
    pub history: History,
    /// The history's state when last saved (or opened).
    saved_state: u64,
    /// The file as we last read or wrote it: a save first checks nobody saved it since.
    disk: Option<store::Stamp>,
    /// The file's text as we last read, wrote or merged it: the base of a three-way merge
    /// with a colleague's save, and of a recovered session's.
    base: Option<std::sync::Arc<str>>,
    /// For each merge of the file's newer version that the history holds: the merge's
    /// step, and the file and base as they were before it. Undoing the merge makes them
    /// current again, so that the next save asks before replacing the colleague's version.
    merges: Vec<(u64, Option<store::Stamp>, Option<std::sync::Arc<str>>)>,
    /// The "in use by" lock, while we hold it (dropping the document removes it).
    pub lock: Option<store::lock::Lock>,
    /// Who else had the file open for editing when we opened it anyway.
    pub shared_with: Option<String>,
    /// Whether the unsaved changes as they stand are in a recovery file.
    pub recovery_kept: bool,
    problems: Vec<Problem>,
    problems_generation: Option<u64>,
    /// Each approval with whether it is of the content as it stands (worked out with the
    /// problems: it hashes the whole dossier).
    approvals: Vec<(crate::model::Approval, bool)>,
    /// Talking points grouped by topic, for the outline (grouping reads every point).
    topics: Vec<(String, Vec<usize>)>,
    topics_generation: Option<u64>,
    /// Where each comment's item is (`None`: on the dossier as a whole, or detached).
    comment_items: Vec<Option<crate::model::ItemRef>>,
    /// Member ids that more than one member carries (a crafted or hand-merged file; check
    /// reports it): their rows cannot be keyed by id alone.
    repeated_member_ids: rustc_hash::FxHashSet<crate::model::Id>,
}

impl Document {
    pub fn new(dossier: Dossier, path: Option<PathBuf>) -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            dossier,
            path,
            read_only: false,
            history: History::default(),
            saved_state: 0,
            disk: None,
            base: None,
            merges: Vec::new(),
            lock: None,
            shared_with: None,
            recovery_kept: false,
            problems: Vec::new(),
            problems_generation: None,
            approvals: Vec::new(),
            topics: Vec::new(),
            topics_generation: None,
            comment_items: Vec::new(),
            repeated_member_ids: Default::default(),
        }
    }

    /// Whether work over the whole dossier (validation, layout) is slow enough to notice:
    /// such work waits for a pause in typing, or runs on another thread.
    pub fn is_large(&self) -> bool {
        let members: usize = self
            .dossier
            .delegations
            .iter()
            .map(|d| d.members.len())
            .sum();
        members > 2000 || self.dossier.talking_points.len() > 300
    }

    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let bytes = store::read_file(path, store::MAX_FILE_SIZE)?;
        let dossier = store::parse_bytes(&bytes).map_err(|e| LoadError::new(path, e))?;
        let mut doc = Self::new(dossier, Some(path.to_owned()));
        doc.set_disk(path, &bytes);
        Ok(doc)
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    /// Records `bytes` as what the file holds now (just read, written or merged in).
    pub fn set_disk(&mut self, path: &Path, bytes: &[u8]) {
        self.disk = Some(store::Stamp::new(path, bytes));
        self.base = Some(String::from_utf8_lossy(bytes).into());
        self.merges.clear();
    }

    /// Records that the step just applied merged in `bytes`, the file's newer version.
    pub fn merged_in(&mut self, path: &Path, bytes: &[u8]) {
        let before = (self.history.state(), self.disk.take(), self.base.take());
        let merges = std::mem::take(&mut self.merges);
        self.set_disk(path, bytes);
        self.merges = merges;
        self.merges.push(before);
    }

    /// The file and base as the dossier now stands: those from before a merge that was
    /// undone.
    fn effective(&self) -> (Option<&store::Stamp>, Option<&std::sync::Arc<str>>) {
        match self
            .merges
            .iter()
            .find(|(step, _, _)| !self.history.is_done(*step))
        {
            Some((_, disk, base)) => (disk.as_ref(), base.as_ref()),
            None => (self.disk.as_ref(), self.base.as_ref()),
        }
    }

    /// The file's text as we last read or wrote it (or merged in, unless undone).
    pub fn base_text(&self) -> Option<&std::sync::Arc<str>> {
        self.effective().1
    }

    /// Whether someone else saved the dossier's file since we opened or saved it. A file
    /// there that we never read (restored edits of a file that was gone, and came back)
    /// counts as changed: it is not ours to replace unasked.
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, self.effective().0) {
            (Some(path), Some(stamp)) => stamp.changed(path),
            (Some(path), None) => std::fs::symlink_metadata(path).is_ok(),
            (None, _) => false,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// Saves to `path` (which becomes the document's file).
    pub fn save_to(&mut self, path: &Path) -> Result<(), SaveError> {
        if self.read_only && self.path.as_deref() == Some(path) {
            return Err(SaveError::Refused {
                path: path.to_owned(),
                message: "the dossier is open read-only".to_owned(),
            });
        }
        let text = store::save_text(path, &self.dossier, SaveOptions::default())?;
        self.set_disk(path, text.as_bytes());
        self.path = Some(path.to_owned());
        self.saved_state = self.history.state();
        Ok(())
    }

    pub fn apply(&mut self, label: &str, edits: Vec<Edit>) -> Result<(), EditError> {
        self.history.apply(&mut self.dossier, label, edits)
    }

    pub fn apply_typing(
        &mut self,
        label: &str,
        field: &'static str,
        edit: Edit,
        now: f64,
    ) -> Result<(), EditError> {
        self.history
            .apply_typing(&mut self.dossier, label, field, edit, now)
    }

    pub fn undo(&mut self) -> Option<String> {
        self.history.undo(&mut self.dossier)
    }

    pub fn redo(&mut self) -> Option<String> {
        self.history.redo(&mut self.dossier)
    }

    /// Whether the cached problems are older than the dossier.
    pub fn problems_stale(&self) -> bool {
        self.problems_generation != Some(self.history.generation())
    }

    /// Revalidates (call when `problems_stale`; validation reads the whole dossier).
    pub fn revalidate(&mut self) {
        self.problems = validate(&self.dossier);
        self.problems
            .extend(crate::layout::unprintable(&self.dossier));
        self.approvals = crate::review::approvals(&self.dossier)
            .into_iter()
            .map(|(a, current)| (a.clone(), current))
            .collect();
        self.problems_generation = Some(self.history.generation());
    }

    /// The approvals, and whether each still holds, as of the last validation.
    pub fn approvals(&self) -> &[(crate::model::Approval, bool)] {
        &self.approvals
    }

    /// Recomputes what views read every frame, when the dossier changed.
    pub fn update_caches(&mut self) {
        if self.topics_generation != Some(self.history.generation()) {
            self.topics = self
                .dossier
                .topics()
                .into_iter()
                .map(|(topic, points)| (topic.to_owned(), points))
                .collect();
            // The outline's badges and the Comments panel need every comment's item each
            // frame: found once per change, in one pass.
            let d = &self.dossier;
            self.comment_items = if d.comments.is_empty() {
                Vec::new()
            } else {
                let found = d.find_all(d.comments.iter().filter_map(|c| c.item.as_ref()));
                let mut found = found.into_iter();
                d.comments
                    .iter()
                    .map(|c| c.item.as_ref().and_then(|_| found.next().flatten()))
                    .collect()
            };
            let mut seen = rustc_hash::FxHashSet::default();
            self.repeated_member_ids = d
                .delegations
                .iter()
                .flat_map(|del| &del.members)
                .filter(|m| !seen.insert(&m.id))
                .map(|m| m.id.clone())
                .collect();
            self.topics_generation = Some(self.history.generation());
        }
    }

    /// Whether another member carries the same id as this one.
    pub fn member_id_repeated(&self, id: &crate::model::Id) -> bool {
        self.repeated_member_ids.contains(id)
    }

    /// Where each comment's item is now, in the order of `dossier.comments`.
    pub fn comment_items(&self) -> &[Option<crate::model::ItemRef>] {
        &self.comment_items
    }

    /// Topics in order of first appearance, each with its talking points' indices.
    pub fn topics(&self) -> &[(String, Vec<usize>)] {
        &self.topics
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// The file name, or "Untitled".
    pub fn name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}
