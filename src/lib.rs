//! Attaché: structured dossiers for official visits.
//!
//! Layers, each readable alone: [`model`] holds the types and rules, [`store`] reads and
//! writes files, [`cli`] is the command line.

pub mod cli;
pub mod diff;
pub mod document;
pub mod edit;
pub mod export;
pub mod fuzzing;
pub mod html;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod print;
pub mod review;
pub mod sheet;
pub mod store;
pub mod synth;
pub mod system_fonts;
#[cfg(feature = "gui")]
pub mod ui;
