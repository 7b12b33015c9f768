//! Sign-off: what an approval is bound to, and whether it still holds.
//!
//! An approval records a SHA-256 of the dossier's canonical content: the file as `fmt`
//! writes it, without the review records (comments, approvals, conflicts) and without the
//! workflow status. So reformatting, commenting or setting the status to Approved leave an
//! approval valid, and any change to what a pack could print makes it stale.

use sha2::{Digest, Sha256};

use crate::model::{Approval, Comment, Dossier, Id, Reply, Status, Timestamp};

/// The hash an approval of `d` records, in lower-case hex.
pub fn content_hash(d: &Dossier) -> String {
    let mut content = d.clone();
    content.comments.clear();
    content.approvals.clear();
    content.conflicts.clear();
    content.meta.status = Status::Draft;
    let digest = Sha256::digest(crate::store::to_string(&content).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether an approval is of the content as it now stands.
pub fn is_current(d: &Dossier, approval: &Approval) -> bool {
    approval.content == content_hash(d)
}

/// The approvals of `d`, each with whether it still holds; computed once per call (one
/// hash of the dossier, however many approvals).
pub fn approvals(d: &Dossier) -> Vec<(&Approval, bool)> {
    if d.approvals.is_empty() {
        return Vec::new();
    }
    let hash = content_hash(d);
    d.approvals.iter().map(|a| (a, a.content == hash)).collect()
}

/// The approvals a pack may print: only those of the content as it stands, newest last.
pub fn valid_approvals(d: &Dossier) -> Vec<&Approval> {
    approvals(d)
        .into_iter()
        .filter_map(|(a, current)| current.then_some(a))
        .collect()
}

/// A new approval of `d` as it stands, by `by` in `role`.
pub fn approve(d: &Dossier, by: &str, role: &str, at: Timestamp) -> Approval {
    Approval {
        by: by.trim().to_owned(),
        role: role.trim().to_owned(),
        at,
        revision: d.meta.revision,
        content: content_hash(d),
    }
}

/// A new comment on `item` (and `field`), open.
pub fn comment(item: Option<Id>, field: &str, author: &str, text: &str, at: Timestamp) -> Comment {
    Comment {
        id: Id::random(),
        item,
        field: field.to_owned(),
        author: author.trim().to_owned(),
        at,
        text: text.trim().to_owned(),
        replies: Vec::new(),
        resolved: false,
    }
}

/// A reply to add to a comment's thread.
pub fn reply(author: &str, text: &str, at: Timestamp) -> Reply {
    Reply {
        author: author.trim().to_owned(),
        at,
        text: text.trim().to_owned(),
    }
}

/// Whether a comment's item is gone from the dossier (removed since it was written).
pub fn is_detached(d: &Dossier, comment: &Comment) -> bool {
    comment.item.as_ref().is_some_and(|id| d.find(id).is_none())
}
