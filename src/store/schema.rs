//! The on-disk shape of a dossier file: a schema version, then the dossier's fields.
//!
//! Version 2 added saved audience packs (`packs`); version 3 added the review records
//! (`comments`, `approvals`, `conflicts`); version 4 the dossier's language
//! (`meta.language`); version 5 what protocol needs of each member (`hotel`, `dietary`,
//! `languages`, `interpretation`, `accessibility`, `biography`, `photo`), a delegation's
//! chosen `seating`, the `Interpreter` role, and the `Biographies`, `Arrivals` and
//! `Seating` sections a saved pack may hold; version 6 the scheme's `restrictive` controls
//! (NOFORN), which override release lists. When the model changes so that an older
//! build could not read what this one writes, the version goes up and `migrate` learns to
//! bring the old shape forward.

use serde::{Deserialize, Serialize};

use crate::model::{
    Approval, Comment, Conflict, Delegation, Dossier, MarkingScheme, Meta, Pack, ProgrammeItem,
    SecurityNote, TalkingPoint,
};

/// The schema version this build writes, and the newest it reads.
pub const CURRENT: u32 = 6;

/// The current version as written. `schema` comes first so that a reader can tell the version
/// from the first line, before it trusts anything else in the file.
#[derive(Serialize)]
#[serde(rename = "Dossier")]
pub(crate) struct FileRef<'a> {
    pub schema: u32,
    pub meta: &'a Meta,
    pub scheme: &'a MarkingScheme,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub delegations: &'a [Delegation],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub programme: &'a [ProgrammeItem],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub talking_points: &'a [TalkingPoint],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub security_notes: &'a [SecurityNote],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub packs: &'a [Pack],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub comments: &'a [Comment],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub approvals: &'a [Approval],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub conflicts: &'a [Conflict],
}

/// The current version as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Dossier")]
pub(crate) struct File {
    pub schema: u32,
    pub meta: Meta,
    pub scheme: MarkingScheme,
    #[serde(default)]
    pub delegations: Vec<Delegation>,
    #[serde(default)]
    pub programme: Vec<ProgrammeItem>,
    #[serde(default)]
    pub talking_points: Vec<TalkingPoint>,
    #[serde(default)]
    pub security_notes: Vec<SecurityNote>,
    #[serde(default)]
    pub packs: Vec<Pack>,
    #[serde(default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub approvals: Vec<Approval>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
}

impl<'a> From<&'a Dossier> for FileRef<'a> {
    fn from(d: &'a Dossier) -> Self {
        Self {
            schema: CURRENT,
            meta: &d.meta,
            scheme: &d.scheme,
            delegations: &d.delegations,
            programme: &d.programme,
            talking_points: &d.talking_points,
            security_notes: &d.security_notes,
            packs: &d.packs,
            comments: &d.comments,
            approvals: &d.approvals,
            conflicts: &d.conflicts,
        }
    }
}

impl From<File> for Dossier {
    fn from(f: File) -> Self {
        Dossier {
            meta: f.meta,
            scheme: f.scheme,
            delegations: f.delegations,
            programme: f.programme,
            talking_points: f.talking_points,
            security_notes: f.security_notes,
            packs: f.packs,
            comments: f.comments,
            approvals: f.approvals,
            conflicts: f.conflicts,
        }
    }
}

/// Only the version, from a file whose other fields may be of any version.
#[derive(Deserialize)]
pub(crate) struct Probe {
    pub schema: u64,
}
