//! The dossier: its types, ids, markings and validation rules. No I/O and no UI here, so
//! that every view (editor, PDF, command line) shares one meaning of a dossier.

mod date;
mod dossier;
mod id;
mod marking;
pub mod markup;
mod pack;
pub mod photo;
mod portion;
mod review;
pub mod seating;
pub mod text;
mod validate;
mod walk;

pub use date::{Date, DateError, MONTHS, Time};
pub use dossier::*;
pub use id::{Id, IdError};
pub use marking::{
    Comparison, Level, MAX_CAVEATS, MAX_MARKING_CHARS, Marking, MarkingError, MarkingScheme,
    Ranking, Release, release_list,
};
pub use pack::{Pack, Section};
pub use photo::{Photo, PhotoError};
pub use portion::Portions;
pub use review::{Approval, Comment, Conflict, Reply, Timestamp};
pub use text::{check_text, short};
pub use validate::{
    MAX_NAME_CHARS, Problem, Severity, blank, name_key, placeholder_name, validate,
};
pub use walk::{English, ItemKind, ItemRef, ItemWords};
