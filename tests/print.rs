//! Printing against a real CUPS scheduler with a virtual PDF printer (cups-pdf), which
//! `.ci/cups-setup` starts and adds: the job that comes out is read back.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

fn printer() -> String {
    std::env::var("ATTACHE_TEST_PRINTER").unwrap_or_else(|_| "AttachePDF".to_owned())
}

/// Where cups-pdf writes the jobs of the user running the tests: the "Out" folder of its
/// configuration, in which `${HOME}` is the user's home from the password database (cups-pdf
/// does not see the tests' environment), or `$HOME` if that cannot be read.
fn cups_pdf_out() -> PathBuf {
    let conf = std::fs::read_to_string("/etc/cups/cups-pdf.conf")
        .expect("cups-pdf is installed (.ci/cups-setup sets the printer up)");
    let out = conf
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("Out "))
        .unwrap_or("${HOME}/PDF")
        .trim();
    let home = Command::new("sh")
        .args(["-c", "getent passwd \"$(id -u)\" | cut -d: -f6"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOME").ok())
        .unwrap_or_default();
    PathBuf::from(out.replace("${HOME}", &home))
}

fn wait_for_job_output(dir: &Path, token: &str) -> PathBuf {
    let start = Instant::now();
    loop {
        if let Some(found) = std::fs::read_dir(dir).ok().and_then(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().contains(token) && p.extension().is_some())
        }) {
            // cups-pdf writes in place: wait until the file stops growing.
            let mut size = 0;
            loop {
                std::thread::sleep(Duration::from_millis(300));
                let now = std::fs::metadata(&found).map(|m| m.len()).unwrap_or(0);
                if now > 0 && now == size {
                    return found;
                }
                size = now;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no output from the printer for {token} in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn printers_lists_the_configured_printers() {
    let (code, text) = run_on(&["printers"], &[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.lines()
            .any(|l| l.split('\t').next() == Some(&printer())),
        "{text}"
    );
}

#[test]
fn a_pack_printed_on_the_pdf_printer_comes_out_whole() {
    let dir = tempfile::tempdir().unwrap();
    // A title of its own, so that this job's output can be told from any other.
    let token = format!(
        "PrintTest{}x{}",
        std::process::id(),
        dir.path().display().to_string().len()
    );
    let text = sample_text().replacen(
        "title: \"Kenya–United States high-level bilateral talks\"",
        &format!("title: \"{token}\""),
        1,
    );
    assert!(text.contains(&token), "the sample's title line changed");
    let dossier = write(dir.path(), "d.ron", text);
    let (code, said) = run_on(
        &["print", "--printer", &printer(), "--copies", "1"],
        &[&dossier],
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("7 pages, marked OFFICIAL, 1 copy sent to"),
        "{said}"
    );
    assert!(said.contains(&format!("as job {}-", printer())), "{said}");

    // cups-pdf runs the job through PostScript and Ghostscript, as a printer's filters
    // would, so its text no longer extracts; the job's pages, paper and title are checked.
    let out = wait_for_job_output(&cups_pdf_out(), &token);
    let info = pdfinfo(&out);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(field("Pages:"), "7", "{info}");
    assert!(field("Page size:").contains("(A4)"), "{info}");
    assert!(field("Title:").contains(&token), "{info}");
    let _ = std::fs::remove_file(out);

    // US Letter packs ask the printer for Letter paper.
    let (code, said) = run_on(
        &["print", "--printer", &printer(), "--paper", "letter"],
        &[&dossier],
    );
    assert_eq!(code, 0, "{said}");
    let out = wait_for_job_output(&cups_pdf_out(), &token);
    let info = pdfinfo(&out);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let _ = std::fs::remove_file(out);
}

#[test]
fn an_unknown_printer_is_named_with_the_ones_there_are() {
    let (code, text) = run_on(&["print", "--printer", "No such printer", SAMPLE], &[]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("there is no printer named “No such printer”; the printers are:")
            && text.contains(&printer()),
        "{text}"
    );
}

#[test]
fn no_print_service_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["print", SAMPLE])
        .env("CUPS_SERVER", "/nonexistent/cups.sock")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("the print service (CUPS) is not running or cannot be reached"),
        "{text}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["printers"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("printing needs the CUPS client program"),
        "{text}"
    );
}
