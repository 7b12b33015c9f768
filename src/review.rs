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

/// Whether a name and role can be put on a cover as "Approved by NAME (ROLE)": a name,
/// on one line, without control or direction-changing characters, of a readable length.
pub fn check_approver(by: &str, role: &str) -> Result<(), String> {
    if by.trim().is_empty() {
        return Err("the approval needs the approver's name".to_owned());
    }
    for (text, what) in [(by, "name"), (role, "role")] {
        if let Some(c) = text.chars().find(|&c| {
            c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        }) {
            return Err(format!(
                "the {what} holds the character U+{:04X}, which could make the cover's approval line say something else",
                c as u32
            ));
        }
        if text.chars().count() > crate::model::MAX_NAME_CHARS {
            return Err(format!(
                "the {what} is over {} characters",
                crate::model::MAX_NAME_CHARS
            ));
        }
    }
    Ok(())
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

/// A comment as a pack's annex prints it: the thread, and the item it is on as the
/// printed dossier has it (`None`: on the dossier as a whole).
pub struct Printed<'d> {
    pub comment: &'d Comment,
    pub item: Option<crate::model::ItemRef>,
}

/// The comments a pack prints when asked: those on the dossier as a whole, on items the
/// pack prints, and detached ones; not those on items the pack leaves out, which would
/// tell what was left out. `full` is the dossier, `printed` the pack's narrowed copy and
/// `sections` what it prints.
pub fn printed_comments<'d>(
    full: &'d Dossier,
    printed: &Dossier,
    sections: &[crate::model::Section],
) -> Vec<Printed<'d>> {
    use crate::model::{ItemRef, Section};
    let has = |s: Section| sections.contains(&s);
    let seated = crate::model::seating::plan(printed);
    // A member is printed by the delegations' lists, and by the protocol sections that
    // hold them (their biography, their movements, their seat); a delegation by its list
    // and by the sections that head its members.
    let member_shown = |del: &crate::model::Delegation, m: &crate::model::Member| {
        has(Section::Delegations)
            || (has(Section::Biographies) && m.has_biography())
            || (has(Section::Arrivals) && (m.arrival.is_some() || m.departure.is_some()))
            || (has(Section::Seating)
                && seated
                    .iter()
                    .any(|t| t.sides.iter().any(|s| s.delegation == del.id)))
    };
    let shown = |item: ItemRef| {
        let section = match item {
            ItemRef::Member(di, mi) => {
                return printed
                    .delegations
                    .get(di)
                    .and_then(|del| Some((del, del.members.get(mi)?)))
                    .is_some_and(|(del, m)| member_shown(del, m));
            }
            ItemRef::Delegation(di) => {
                return printed.delegations.get(di).is_some_and(|del| {
                    has(Section::Delegations) || del.members.iter().any(|m| member_shown(del, m))
                });
            }
            ItemRef::Programme(_) => Section::Programme,
            ItemRef::TalkingPoint(_) => Section::TalkingPoints,
            ItemRef::SecurityNote(_) => Section::SecurityNotes,
            ItemRef::Meta | ItemRef::Scheme | ItemRef::Pack(_) => return true,
        };
        has(section)
    };
    full.comments
        .iter()
        .filter_map(|c| {
            let item = match &c.item {
                None => None,
                Some(id) => match (printed.find(id), full.find(id)) {
                    (Some(item), _) if shown(item) => Some(item),
                    (Some(_), _) => return None,
                    (None, Some(_)) => return None,
                    // Detached: its item is gone, and what it said about it may be what
                    // was removed; it is listed in the editor, never printed.
                    (None, None) => return None,
                },
            };
            Some(Printed { comment: c, item })
        })
        .collect()
}
