//! `attache diff`, `attache merge`, `attache approve` and `attache textconv`: review from
//! the command line and from git.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::check::print_load_error;
use super::{Status, err, out};
use crate::diff;
use crate::model::{Dossier, Timestamp};
use crate::store::{self, SaveOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When writing to a terminal (and `NO_COLOR` is not set).
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

/// Git passes `/dev/null` for the missing side of an added or deleted file, and an empty
/// file as the common ancestor of a file both branches added: both read as a dossier with
/// nothing in it.
fn load_side(path: &Path) -> Result<Dossier, Status> {
    let empty = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0);
    if path == Path::new("/dev/null") || empty {
        return Ok(Dossier::new(""));
    }
    store::load(path).map_err(|e| {
        print_load_error(&e);
        Status::Unreadable
    })
}

/// `attache diff OLD NEW`, or git's seven arguments as its external diff
/// (`PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE`).
pub fn diff(files: &[PathBuf], color: ColorWhen, format: DiffFormat) -> Status {
    // The file as the repository names it (for a rename, "OLD → NEW"): git's own copies
    // of the two sides have temporary names that change at each run.
    let (old, new, name, from_git) = match files {
        [old, new] => (old, new, None, false),
        [path, old, _, _, new, _, _] => (old, new, Some(path.display().to_string()), true),
        // A rename: git adds the new path and its rename message.
        [path, old, _, _, new, _, _, renamed, _] => (
            old,
            new,
            Some(format!("{} → {}", path.display(), renamed.display())),
            true,
        ),
        _ => {
            err(format_args!(
                "error: diff takes two files (OLD NEW), or the seven (or, for a rename, nine) arguments git gives an external diff"
            ));
            return Status::Unreadable;
        }
    };
    let (a, b) = if from_git {
        // Git stops at an external diff that exits non-zero, and would show nothing of the
        // next file: a side that is not a dossier is said, its lines compared as text.
        match (try_side(old), try_side(new)) {
            (Ok(a), Ok(b)) => (a, b),
            (a, b) => {
                let name = name.unwrap_or_default();
                out(format_args!("attache diff {}", diff::visible_line(&name)));
                for (side, result) in [("old", &a), ("new", &b)] {
                    if let Err(e) = result {
                        out(format_args!(
                            "{side} version is not a dossier: {}",
                            diff::visible_line(e)
                        ));
                    }
                }
                lines(old, new, &name);
                return Status::Ok;
            }
        }
    } else {
        match (load_side(old), load_side(new)) {
            (Ok(a), Ok(b)) => (a, b),
            _ => return Status::Unreadable,
        }
    };
    // Git's added or deleted file: said as such, not as every field against nothing.
    if from_git && format == DiffFormat::Text && (is_nothing(old) != is_nothing(new)) {
        let name = name.unwrap_or_default();
        out(format_args!("attache diff {}", diff::visible_line(&name)));
        let (d, said) = if is_nothing(old) {
            (&b, "new dossier")
        } else {
            (&a, "dossier deleted")
        };
        out(format_args!(
            "{said}: “{}”, {} delegation(s), {} member(s), {} talking point(s)",
            diff::visible_line(&d.meta.title),
            d.delegations.len(),
            d.delegations.iter().map(|x| x.members.len()).sum::<usize>(),
            d.talking_points.len()
        ));
        return Status::Ok;
    }
    let changes = diff::diff(&a, &b);
    match format {
        DiffFormat::Json => {
            let (o, n) = (old.display().to_string(), new.display().to_string());
            print!("{}", diff::json(&changes, &o, &n));
        }
        DiffFormat::Text => {
            let color = match color {
                ColorWhen::Always => diff::Color::Always,
                ColorWhen::Never => diff::Color::Never,
                ColorWhen::Auto
                    if std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) =>
                {
                    diff::Color::Always
                }
                ColorWhen::Auto => diff::Color::Never,
            };
            if let Some(name) = name {
                out(format_args!("attache diff {}", diff::visible_line(&name)));
            }
            let report = diff::text(&changes, color);
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(report.as_bytes());
        }
    }
    // Git stops at an external diff that exits non-zero; diff(1)'s statuses otherwise.
    if changes.is_empty() || from_git {
        Status::Ok
    } else {
        Status::Problems
    }
}

/// `attache textconv FILE`: one line per field, for git's line diff and `git log -p`. A
/// file that is not a dossier is given as its text, under a line saying why, and the
/// status is 0: git stops at a textconv that fails, and would show no other file.
pub fn textconv(file: &Path) -> Status {
    use std::io::Write;
    // The reason without the file's name: git hands textconv a temporary copy whose name
    // changes at each run, which would show as a changed line in every diff.
    let text = match store::load(file) {
        _ if is_nothing(file) => String::new(),
        Ok(d) => diff::flatten(&d),
        Err(e) => format!(
            "(not a dossier: {}{})\n{}",
            e.position().map(|p| format!("{p}: ")).unwrap_or_default(),
            diff::visible_line(&e.kind.to_string()),
            raw_text(file)
        ),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Status::Ok
}

/// Git's missing side of an added or deleted file, or a file both branches added.
fn is_nothing(path: &Path) -> bool {
    path == Path::new("/dev/null")
        || std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// A side as `load_side` reads it, its error as text (without git's temporary name).
fn try_side(path: &Path) -> Result<Dossier, String> {
    if is_nothing(path) {
        return Ok(Dossier::new(""));
    }
    store::load(path).map_err(|e| {
        format!(
            "{}{}",
            e.position().map(|p| format!("{p}: ")).unwrap_or_default(),
            e.kind
        )
    })
}

/// A file's text as a report may show it: control characters made visible, and only
/// text (a binary file is said to be one).
fn raw_text(path: &Path) -> String {
    match store::read_file(path, store::MAX_FILE_SIZE) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => diff::visible(&text).into_owned(),
            Err(e) => format!("(binary, {} bytes)\n", e.as_bytes().len()),
        },
        Err(e) => format!("({})\n", e.kind),
    }
}

/// The two files' lines compared, as a unified diff.
fn lines(old: &Path, new: &Path, name: &str) {
    use std::io::Write;
    let side = |p: &Path| {
        if is_nothing(p) {
            String::new()
        } else {
            raw_text(p)
        }
    };
    let (a, b) = (side(old), side(new));
    let diff = similar::TextDiff::from_lines(&a, &b);
    let name = diff::visible_line(name);
    let report = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    let _ = std::io::stdout().lock().write_all(report.as_bytes());
}

/// `attache merge BASE OURS THEIRS -o OUT`: exit 0 when clean, 1 with conflicts (written
/// into OUT, which is still a valid dossier), 2 when a file cannot be read or written.
pub fn merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: &Path,
    drop_comments: bool,
) -> Status {
    let (b, o, t) = match (try_side(base), try_side(ours), try_side(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            // Git calls the driver for every `.ron`, dossier or not: text that no side
            // reads as a dossier is merged line by line, as git would have, rather than
            // left as ours alone.
            let dossiers = [(base, &b), (ours, &o), (theirs, &t)]
                .iter()
                .filter(|(p, r)| r.is_ok() && !is_nothing(p))
                .count();
            let texts = [base, ours, theirs].iter().all(|p| is_text(p));
            if dossiers == 0 && texts {
                return merge_lines(base, ours, theirs, output);
            }
            for (path, r) in [(base, b), (ours, o), (theirs, t)] {
                if r.is_err()
                    && let Err(e) = store::load(path)
                {
                    print_load_error(&e);
                }
            }
            return Status::Unreadable;
        }
    };
    // Comments are not part of a dossier: a merged file cannot keep them. Refused as `fmt`
    // refuses, unless asked; then OUT as it was is kept beside it.
    let mut commented = false;
    for side in [ours, theirs, output] {
        if let Some(at) = comments(side) {
            if !drop_comments {
                err(format_args!(
                    "{}:{at}: error: nothing was merged: the file has comments, which are not \
                     part of the dossier and a merge would drop; move them into a notes field, \
                     or pass --drop-comments",
                    side.display()
                ));
                return Status::Unreadable;
            }
            commented |= side == output;
        }
    }
    let inputs = [base, ours, theirs];
    let output = match merge_target(&inputs, output) {
        Ok(target) => target,
        Err(status) => return status,
    };
    let output = output.as_path();
    // Another dossier than the inputs is kept beside the merge, as NAME.bak.
    let replaces_other = std::fs::metadata(output).is_ok_and(|m| m.len() > 0)
        && !inputs.iter().any(|i| store::guard::same_file(i, output));
    let merged = diff::merge(&b, &o, &t);
    // A merge that is clean item by item can still break a rule across items (a lead
    // speaker one side removed, an id both sides took): those are reported like conflicts,
    // as errors that neither side had.
    let problems = |d: &Dossier| -> std::collections::HashSet<String> {
        crate::model::validate(d)
            .into_iter()
            .filter(|p| p.severity == crate::model::Severity::Error)
            .map(|p| p.message)
            .collect()
    };
    let before: std::collections::HashSet<String> =
        problems(&o).union(&problems(&t)).cloned().collect();
    let introduced: Vec<String> = crate::model::validate(&merged.dossier)
        .into_iter()
        .filter(|p| p.severity == crate::model::Severity::Error && !before.contains(&p.message))
        .filter(|p| !p.message.starts_with("unresolved merge conflict"))
        .map(|p| format!("{}: {}", p.path(&merged.dossier), p.message))
        .collect();
    // A merge driver writes over git's working copy of ours: no NAME.bak beside it. Its
    // comments, when dropped, are kept (but for git's own temporary copy, whose comments
    // are in the branch's history).
    let temporary = output
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".merge_file_"));
    if commented && !temporary {
        match store::keep_commented(output) {
            Ok(kept) => err(format_args!(
                "{}: its comments are dropped; the file as it was is kept as {}",
                output.display(),
                kept.display()
            )),
            Err(e) => {
                err(format_args!("error: nothing was merged: {e}"));
                return Status::Unreadable;
            }
        }
    }
    let backup = replaces_other;
    if let Err(e) = store::save(output, &merged.dossier, SaveOptions { backup }) {
        err(format_args!("{}: error: {e}", output.display()));
        return Status::Unreadable;
    }
    let conflicts = &merged.dossier.conflicts;
    for c in conflicts {
        let note = if c.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.note)
        };
        err(format_args!(
            "{}: conflict: {}: ours {}, theirs {}{note}",
            output.display(),
            c.describe(),
            side(&c.ours),
            side(&c.theirs),
        ));
    }
    for p in &introduced {
        err(format_args!("{}: error: {p}", output.display()));
    }
    if conflicts.is_empty() && introduced.is_empty() {
        err(format_args!("merged cleanly into {}", output.display()));
        Status::Ok
    } else if conflicts.is_empty() {
        err(format_args!(
            "merged into {} item by item, but the result has {} error{} neither side had: mend {} before committing",
            output.display(),
            introduced.len(),
            if introduced.len() == 1 { "" } else { "s" },
            if introduced.len() == 1 { "it" } else { "them" },
        ));
        Status::Problems
    } else {
        err(format_args!(
            "merged into {} with {} conflict{}: ours is in place (a marking, the higher); `attache check` lists them, the editor resolves them",
            output.display(),
            conflicts.len(),
            if conflicts.len() == 1 { "" } else { "s" }
        ));
        Status::Problems
    }
}

/// Where a merge of `inputs` may write OUT: git's copy of ours, or a new file of the
/// user's choosing; never over something that is not a dossier (a mistyped -o notes.txt).
fn merge_target(inputs: &[&Path], output: &Path) -> Result<PathBuf, Status> {
    store::guard::target(output, store::guard::Writing::Dossier { inputs }, None).map_err(|e| {
        err(format_args!("error: nothing was merged: {e}"));
        Status::Unreadable
    })
}

/// Whether a file is text a line merge can take: a regular file of UTF-8 without NUL
/// bytes (git takes a NUL for a binary file), or nothing.
fn is_text(path: &Path) -> bool {
    is_nothing(path)
        || store::read_file(path, store::MAX_FILE_SIZE)
            .is_ok_and(|b| !b.contains(&0) && std::str::from_utf8(&b).is_ok())
}

/// Files that are not dossiers, merged line by line with git's own `merge-file` (the
/// driver only runs under git), conflicts marked as git marks them: 0 clean, 1 with
/// conflicts, 2 when it cannot be done.
fn merge_lines(base: &Path, ours: &Path, theirs: &Path, output: &Path) -> Status {
    let output = match merge_target(&[base, ours, theirs], output) {
        Ok(target) => target,
        Err(status) => return status,
    };
    let run = std::process::Command::new("git")
        .args([
            "merge-file",
            "-p",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
        ])
        .args([ours, base, theirs])
        .stdin(std::process::Stdio::null())
        .output();
    let merged = match run {
        // Its status is the number of conflicts (at most 127); above, or a signal, it
        // failed (a binary file) and wrote nothing worth keeping: ours stays.
        Ok(o) if o.status.code().is_some_and(|c| (0..=127).contains(&c)) => o,
        Ok(o) => {
            err(format_args!(
                "error: nothing was merged: git merge-file failed: {}",
                diff::visible_line(String::from_utf8_lossy(&o.stderr).trim())
            ));
            return Status::Unreadable;
        }
        Err(e) => {
            err(format_args!(
                "error: nothing was merged: these files are not dossiers, and git's line merge \
                 cannot be run ({e})"
            ));
            return Status::Unreadable;
        }
    };
    if let Err(e) = store::write_atomic(&output, &merged.stdout, SaveOptions { backup: false }) {
        err(format_args!("{}: error: {e}", output.display()));
        return Status::Unreadable;
    }
    let conflicts = merged.status.code().unwrap_or(0);
    err(format_args!(
        "{}: not a dossier: merged line by line{}",
        diff::visible_line(&output.display().to_string()),
        match conflicts {
            0 => String::new(),
            n => format!(", {n} conflict(s) marked as git marks them"),
        }
    ));
    if conflicts == 0 {
        Status::Ok
    } else {
        Status::Problems
    }
}

fn side(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(removed)".to_owned(),
        Some(serde_json::Value::String(s)) => format!("“{s}”"),
        Some(v) => diff::display(Some(v)),
    }
}

/// `attache approve FILE --by NAME [--role ROLE]`.
pub fn approve(file: &Path, by: &str, role: &str, drop_comments: bool) -> Status {
    if let Err(e) = crate::review::check_approver(by, role) {
        err(format_args!("error: not approved: {e}"));
        return Status::Problems;
    }
    let commented = comments(file);
    if let (Some(at), false) = (commented, drop_comments) {
        err(format_args!(
            "{}:{at}: error: not approved: the file has comments, which are not part of the \
             dossier and rewriting it would lose; move them into a notes field, or pass \
             --drop-comments",
            file.display()
        ));
        return Status::Problems;
    }
    let mut d = match store::load(file) {
        Ok(d) => d,
        Err(e) => {
            print_load_error(&e);
            return Status::Unreadable;
        }
    };
    if !d.conflicts.is_empty() {
        err(format_args!(
            "{}: error: not approved: the dossier has {} unresolved merge conflict{}",
            file.display(),
            d.conflicts.len(),
            if d.conflicts.len() == 1 { "" } else { "s" }
        ));
        return Status::Problems;
    }
    let kept = match commented.map(|_| store::keep_commented(file)) {
        None => None,
        Some(Ok(kept)) => Some(kept),
        Some(Err(e)) => {
            err(format_args!("error: not approved: {e}"));
            return Status::Unreadable;
        }
    };
    let approval = crate::review::approve(&d, by, role, Timestamp::now());
    let line = approval.line();
    let hash = approval.content.clone();
    d.approvals.push(approval);
    if let Err(e) = store::save(file, &d, SaveOptions::default()) {
        err(format_args!("{}: error: {e}", file.display()));
        return Status::Unreadable;
    }
    out(format_args!(
        "{}: {line} (revision {}, content sha256 {})",
        file.display(),
        d.meta.revision,
        &hash[..16]
    ));
    if let Some(kept) = kept {
        out(format_args!(
            "{}: its comments were dropped; the file as it was is kept as {}",
            file.display(),
            kept.file_name().unwrap_or_default().to_string_lossy()
        ));
    }
    Status::Ok
}

/// Where the first comment of a dossier file is, if it has one (an empty or missing side
/// has none).
fn comments(path: &Path) -> Option<store::Position> {
    let bytes = store::read_file(path, store::MAX_FILE_SIZE).ok()?;
    store::first_comment(std::str::from_utf8(&bytes).ok()?)
}
