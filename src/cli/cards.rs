//! `attache cards`: place cards, one tent card per member.

use std::path::Path;

use super::pack::load_printable;
use super::{Status, err};
use crate::layout::{CardOptions, Paper};

pub fn run(
    file: &Path,
    delegations: &[String],
    position: bool,
    paper: Paper,
    output: &Path,
) -> Status {
    let d = match load_printable(file) {
        Ok(d) => d,
        Err(status) => return status,
    };
    let mut ids = Vec::new();
    for name in delegations {
        match super::delegation_index(file, &d, name) {
            Ok(i) => ids.push(d.delegations[i].id.clone()),
            Err(status) => return status,
        }
    }
    let options = CardOptions {
        paper,
        delegations: ids,
        position,
    };
    match crate::export::export_cards(&d, &options, output, Some(file)) {
        Ok((done, skipped)) => {
            for who in &skipped {
                err(format_args!(
                    "{}: warning: no card for {who}: the name is not confirmed",
                    file.display()
                ));
            }
            let cards = done.pages.unwrap_or(0);
            err(format_args!(
                "{}: {cards} card{}, marked {}",
                output.display(),
                if cards == 1 { "" } else { "s" },
                done.banner
            ));
            Status::Ok
        }
        Err(e @ (crate::export::ExportError::Nothing(_) | crate::export::ExportError::Name(_))) => {
            err(format_args!("error: {e}"));
            Status::Problems
        }
        Err(e) => {
            err(format_args!("error: {e}"));
            Status::Unreadable
        }
    }
}
