//! `attache check`: read and validate files, print located problems.

use std::path::{Path, PathBuf};

use super::{Status, err, out};
use crate::model::{Severity, validate};
use crate::store::{self, LoadError};

/// Prints a load error as `FILE:LINE:COL: error: …` on stderr, where a command's errors
/// go (`check` reports it with its other findings, on stdout).
pub(crate) fn print_load_error(e: &LoadError) {
    err(format_args!(
        "{}: error: {}",
        one_line(&e.location()),
        one_line(&e.kind.to_string())
    ));
}

/// Text from the file on one line of a message.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], "⏎")
}

fn check_one(path: &Path) -> (Status, usize, usize) {
    let dossier = match store::load(path) {
        Ok(d) => d,
        Err(e) => {
            out(format_args!(
                "{}: error: {}",
                one_line(&e.location()),
                one_line(&e.kind.to_string())
            ));
            return (Status::Unreadable, 1, 0);
        }
    };
    let file = one_line(&path.display().to_string());
    let mut problems = validate(&dossier);
    problems.extend(crate::layout::unprintable(&dossier));
    let (mut errors, mut warnings) = (0, 0);
    for p in &problems {
        match p.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
        // Names and titles from the file stay on the line: one problem, one line.
        out(format_args!(
            "{}: {}: {}: {}",
            file,
            p.severity,
            one_line(&p.path(&dossier)),
            one_line(&p.message)
        ));
    }
    // An approval of other content is never printed; say whose lapsed, so that they can
    // be asked again.
    for (approval, current) in crate::review::approvals(&dossier) {
        if !current {
            warnings += 1;
            out(format_args!(
                "{}: warning: approvals: the approval by {}{} on {} (revision {}) is stale: the content changed since, so no pack prints it",
                file,
                one_line(&approval.by),
                if approval.role.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", one_line(&approval.role))
                },
                approval.at.long(),
                approval.revision
            ));
        }
    }
    let open: Vec<_> = dossier.comments.iter().filter(|c| !c.resolved).collect();
    if !dossier.comments.is_empty() {
        let detached = open
            .iter()
            .filter(|c| crate::review::is_detached(&dossier, c))
            .count();
        out(format_args!(
            "{}: note: {} comment{} open, {} resolved{}",
            file,
            open.len(),
            if open.len() == 1 { "" } else { "s" },
            dossier.comments.len() - open.len(),
            match detached {
                0 => String::new(),
                n => format!(" ({n} open on items since removed)"),
            }
        ));
    }
    // Scripts that copy or replace shared dossiers can see that someone is editing one.
    match store::lock::read(path) {
        Some(store::lock::Found::Held(h)) if h.is_stale() => out(format_args!(
            "{}: note: a lock left by {} (process {}, no longer running) would be cleared by \
             the next editor",
            file,
            one_line(&h.user),
            h.pid
        )),
        Some(found) => out(format_args!(
            "{}: note: open for editing by {}",
            file,
            one_line(&found.describe())
        )),
        None => {}
    }
    let status = if errors > 0 {
        Status::Problems
    } else {
        Status::Ok
    };
    (status, errors, warnings)
}

pub fn run(files: &[PathBuf]) -> Status {
    let mut status = Status::Ok;
    let (mut errors, mut warnings) = (0, 0);
    for path in files {
        let (s, e, w) = check_one(path);
        status = status.max(s);
        errors += e;
        warnings += w;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    err(format_args!(
        "checked {}: {}, {}",
        plural(files.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    status
}
