//! What `export` and `print` share: which pack to make of which dossier.

use std::path::Path;

use super::check::print_load_error;
use super::{Status, err};
use crate::layout::{PackOptions, Paper, Section};
use crate::model::{Dossier, Id, Severity, validate};
use crate::store;

#[derive(Debug, Clone, clap::Args)]
pub struct PackArgs {
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Sections to include, comma-separated (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub sections: Vec<Section>,
    /// Ids of items to leave out (delegations, members, programme items, talking points,
    /// security notes), comma-separated. The banner follows what remains.
    #[arg(long, value_delimiter = ',', value_parser = parse_id)]
    pub exclude: Vec<Id>,
}

fn parse_id(s: &str) -> Result<Id, String> {
    Id::new(s.trim()).map_err(|e| e.to_string())
}

/// Reads the dossier and narrows it to the pack asked for (every id to leave out must
/// exist). Problems are reported on stderr; validation errors are warnings (a draft can
/// still be printed for review).
pub fn prepare(file: &Path, args: &PackArgs) -> Result<(Dossier, PackOptions), Status> {
    let dossier = store::load(file).map_err(|e| {
        print_load_error(&e);
        Status::Unreadable
    })?;
    let errors = validate(&dossier)
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors > 0 {
        err(format_args!(
            "{}: warning: the dossier has {errors} validation error(s) (see `attache check`); \
             making the pack anyway",
            file.display()
        ));
    }
    for p in crate::layout::unprintable(&dossier) {
        err(format_args!(
            "{}: warning: {}: {}",
            file.display(),
            p.path(&dossier),
            p.message
        ));
    }
    // Narrowed here, once; the pack is then made of what remains.
    let dossier = if args.exclude.is_empty() {
        dossier
    } else {
        let (narrowed, unknown) = dossier.without(&args.exclude);
        if !unknown.is_empty() {
            let ids: Vec<&str> = unknown.iter().map(|id| id.as_str()).collect();
            err(format_args!(
                "{}: error: --exclude names no item with the id(s) {}; nothing was made",
                file.display(),
                ids.join(", ")
            ));
            return Err(Status::Problems);
        }
        narrowed
    };
    let sections = if args.sections.is_empty() {
        Section::ALL.to_vec()
    } else {
        args.sections.clone()
    };
    Ok((
        dossier,
        PackOptions {
            paper: args.paper,
            sections,
            exclude: Vec::new(),
        },
    ))
}
