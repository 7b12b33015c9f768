//! What `export` and `print` share: which pack to make of which dossier.

use std::path::Path;

use super::check::print_load_error;
use super::{Status, err};
use clap::builder::PossibleValue;

use crate::layout::{PackOptions, Paper};
use crate::model::{Dossier, Id, Pack, Section, Severity, validate};
use crate::store;

#[derive(Debug, Clone, clap::Args)]
pub struct PackArgs {
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// A pack saved in the dossier, by name (e.g. "Principal's pack"): its sections and
    /// the items it leaves out.
    #[arg(long, conflicts_with_all = ["sections", "exclude"])]
    pub pack: Option<String>,
    /// Sections to include, comma-separated (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub sections: Vec<Section>,
    /// Ids of items to leave out (delegations, members, programme items, talking points,
    /// security notes), comma-separated. The banner follows what remains.
    #[arg(long, value_delimiter = ',', value_parser = parse_id)]
    pub exclude: Vec<Id>,
    /// Add the review comments as an annex (left out by default). The banner counts the
    /// annex at the dossier's marking.
    #[arg(long)]
    pub comments: bool,
}

/// Sections as the command line spells them (`talking-points`); the model knows nothing
/// of command lines.
impl clap::ValueEnum for Section {
    fn value_variants<'a>() -> &'a [Self] {
        &Section::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Section::Programme => "programme",
            Section::Delegations => "delegations",
            Section::Biographies => "biographies",
            Section::Arrivals => "arrivals",
            Section::Seating => "seating",
            Section::TalkingPoints => "talking-points",
            Section::SecurityNotes => "security-notes",
        }))
    }
}

fn parse_id(s: &str) -> Result<Id, String> {
    Id::new(s.trim()).map_err(|e| e.to_string())
}

/// Reads a dossier to print from (a pack, place cards). Problems are reported on stderr;
/// marking errors stop it, other validation errors and text no font has are warnings (a
/// draft can still be printed for review).
pub fn load_printable(file: &Path) -> Result<Dossier, Status> {
    let dossier = store::load(file).map_err(|e| {
        print_load_error(&e);
        Status::Unreadable
    })?;
    let mut problems = validate(&dossier);
    // Text the fonts cannot print is a warning, but in a marking it stops the pack.
    let (stops, unprintable): (Vec<_>, Vec<_>) = crate::layout::unprintable(&dossier)
        .into_iter()
        .partition(|p| p.stops_pack());
    problems.extend(stops);
    let markings: Vec<_> = problems.iter().filter(|p| p.stops_pack()).collect();
    if !markings.is_empty() {
        for p in &markings {
            err(format_args!(
                "{}: error: {}: {}",
                file.display(),
                p.path(&dossier),
                p.message
            ));
        }
        if dossier.conflicts.is_empty() {
            err(format_args!(
                "{}: error: nothing was made: a pack with the problems above would be marked or printed wrongly; mend them first",
                file.display()
            ));
        } else {
            err(format_args!(
                "{}: error: nothing was made: a pack of a dossier with unresolved merge conflicts would print one side's edits as agreed; resolve them first",
                file.display()
            ));
        }
        return Err(Status::Problems);
    }
    let errors = problems
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
    for p in unprintable {
        err(format_args!(
            "{}: warning: {}: {}",
            file.display(),
            p.path(&dossier),
            p.message
        ));
    }
    Ok(dossier)
}

/// Reads the dossier and works out the pack asked for: a saved pack, or the sections and
/// items given (every id to leave out must exist).
pub fn prepare(file: &Path, args: &PackArgs) -> Result<(Dossier, PackOptions), Status> {
    let dossier = load_printable(file)?;
    let (sections, exclude, name) = match &args.pack {
        Some(name) => {
            let pack = saved_pack(file, &dossier, name)?;
            // Unlike a mistyped --exclude, an item deleted since the pack was saved is no
            // error (`check` warns of it).
            let exclude = pack.live_exclude(&dossier);
            (pack.sections.clone(), exclude, Some(pack.name.clone()))
        }
        None if args.sections.is_empty() => {
            (Section::STANDARD.to_vec(), args.exclude.clone(), None)
        }
        None => (args.sections.clone(), args.exclude.clone(), None),
    };
    let ids = dossier.ids();
    let unknown: Vec<&str> = exclude
        .iter()
        .filter(|id| !ids.contains(id))
        .map(Id::as_str)
        .collect();
    if !unknown.is_empty() {
        err(format_args!(
            "{}: error: --exclude names no item with the id(s) {}; nothing was made",
            file.display(),
            unknown.join(", ")
        ));
        return Err(Status::Problems);
    }
    Ok((
        dossier,
        PackOptions {
            paper: args.paper,
            sections,
            exclude,
            name,
            comments: args.comments,
        },
    ))
}

/// The saved pack named on the command line, or an error that lists the dossier's packs.
fn saved_pack<'d>(file: &Path, d: &'d Dossier, name: &str) -> Result<&'d Pack, Status> {
    if let Some((_, pack)) = d.pack_named(name) {
        return Ok(pack);
    }
    let known = if d.packs.is_empty() {
        "the dossier has no saved packs".to_owned()
    } else {
        let names: Vec<String> = d.packs.iter().map(|p| format!("“{}”", p.name)).collect();
        format!("its saved packs are {}", names.join(", "))
    };
    err(format_args!(
        "{}: error: no saved pack is named “{name}”: {known}; nothing was made",
        file.display()
    ));
    Err(Status::Problems)
}
