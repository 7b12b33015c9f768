//! `attache seating`: the seating plan of the talks, for people and for scripts.

use std::path::Path;

use super::check::print_load_error;
use super::{Status, out};
use crate::model::seating::{self, Side};
use crate::model::{Dossier, Id};
use crate::store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SeatingFormat {
    Text,
    /// `{"tables": [{"title": …, "sides": [{"delegation": ID, "seats": [member ids from
    /// one end of the side to the other], "behind": [the second row]}]}]}`
    Json,
}

pub fn run(file: &Path, format: SeatingFormat) -> Status {
    let d = match store::load(file) {
        Ok(d) => d,
        Err(e) => {
            print_load_error(&e);
            return Status::Unreadable;
        }
    };
    let tables = seating::plan(&d);
    match format {
        SeatingFormat::Json => {
            let json = serde_json::json!({ "tables": tables });
            out(format_args!(
                "{}",
                serde_json::to_string_pretty(&json).expect("a plan serialises")
            ));
        }
        SeatingFormat::Text => {
            if tables.is_empty() {
                out(format_args!(
                    "{}: no seating plan: the dossier needs two delegations",
                    file.display()
                ));
            }
            for table in &tables {
                out(format_args!("{}", table.title));
                for side in &table.sides {
                    text_side(&d, side);
                }
            }
        }
    }
    Status::Ok
}

/// A side as its members see it, left to right, each with their place in precedence.
fn text_side(d: &Dossier, side: &Side) {
    let Some(del) = d.delegations.iter().find(|x| x.id == side.delegation) else {
        return;
    };
    out(format_args!(
        "  {} ({}), from the left of those seated:",
        del.name,
        del.role.label().to_lowercase()
    ));
    let line = |id: &Id| {
        let Some((i, m)) = del.members.iter().enumerate().find(|(_, m)| &m.id == id) else {
            return;
        };
        // An unconfirmed name is shown by its position already.
        let position = if m.position.is_empty() || crate::model::blank(&m.full_name) {
            String::new()
        } else {
            format!(", {}", m.position)
        };
        out(format_args!(
            "    {:>3}. {}{position}",
            i + 1,
            m.display_name()
        ));
    };
    side.seats.iter().for_each(line);
    if !side.behind.is_empty() {
        out(format_args!("    behind:"));
        side.behind.iter().for_each(line);
    }
}
