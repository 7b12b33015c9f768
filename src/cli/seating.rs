//! `attache seating`: the seating plan of the talks, for people and for scripts.

use std::path::Path;

use super::check::print_load_error;
use super::{Status, out};
use crate::diff::visible_line;
use crate::model::seating::{self, Side};
use crate::model::{Id, Portions, Section};
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
    // What the plan prints: every seated member's name and position, every side's
    // delegation, and the dossier's title nowhere; marked as a pack of it would be.
    let p = Portions::new(&d);
    let marking = p.banner(&[Section::Seating]);
    match format {
        SeatingFormat::Json => {
            let json = serde_json::json!({ "marking": marking.to_string(), "tables": tables });
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
            if !tables.is_empty() {
                out(format_args!("{}", visible_line(&marking.to_string())));
            }
            for table in &tables {
                out(format_args!("{}", visible_line(&table.title)));
                for side in &table.sides {
                    text_side(&p, side);
                }
            }
        }
    }
    Status::Ok
}

/// A side as its members see it, left to right, each with their place in precedence and
/// the portion mark of what the line prints. Text from the file is kept on its line.
fn text_side(p: &Portions, side: &Side) {
    let d = p.dossier();
    let Some(del) = d.delegations.iter().find(|x| x.id == side.delegation) else {
        return;
    };
    out(format_args!(
        "  {} {} ({}), from the left of those seated:",
        p.mark(p.delegation_own(del)),
        visible_line(&del.name),
        del.role.label().to_lowercase()
    ));
    // By id, once: a side may seat thousands.
    let at: rustc_hash::FxHashMap<&Id, (usize, &crate::model::Member)> = del
        .members
        .iter()
        .enumerate()
        .rev()
        .map(|(i, m)| (&m.id, (i, m)))
        .collect();
    let line = |id: &Id| {
        let Some(&(i, m)) = at.get(id) else {
            return;
        };
        // An unconfirmed name is shown by its position already.
        let position = if m.position.is_empty() || !m.name_confirmed() {
            String::new()
        } else {
            format!(", {}", m.position)
        };
        out(format_args!(
            "    {:>3}. {} {}",
            i + 1,
            p.mark(&p.member_in_delegation(del, m)),
            visible_line(&format!("{}{position}", m.display_name()))
        ));
    };
    side.seats.iter().for_each(line);
    if !side.behind.is_empty() {
        out(format_args!("    behind:"));
        side.behind.iter().for_each(line);
    }
}
