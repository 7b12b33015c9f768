//! Handing a pack to the system's print service: CUPS, through its own command-line client
//! (`lpstat` to list printers, `lp` to submit), as every Linux and macOS desktop has it.
//! The client programs are run with `LC_ALL=C` because their answers are parsed.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::layout::Paper;

/// A print queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
}

/// What to print, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The queue; `None` means the default printer (or the only one).
    pub printer: Option<String>,
    pub copies: u32,
    /// Shown in the print queue.
    pub title: String,
    /// The pack's paper, asked of the printer so that it picks the right tray.
    pub paper: Paper,
}

pub const MAX_COPIES: u32 = 999;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PrintError {
    #[error(
        "printing needs the CUPS client program `{0}`, which was not found; install CUPS \
         (Debian: `apt-get install cups cups-client`), or export a PDF and print it from a viewer"
    )]
    NoClient(&'static str),
    #[error(
        "the print service (CUPS) is not running or cannot be reached; start it \
         (`systemctl start cups`), or export a PDF instead"
    )]
    Unreachable,
    #[error(
        "no printer is configured; add one in the system's printer settings (CUPS), \
         or export a PDF instead"
    )]
    NoPrinters,
    #[error("there is no printer named “{name}”; the printers are: {known}")]
    UnknownPrinter { name: String, known: String },
    #[error("no printer was chosen and there is no default printer; choose one of: {0}")]
    NoDefault(String),
    #[error("the number of copies must be between 1 and {MAX_COPIES}, not {0}")]
    Copies(u32),
    #[error("the print service refused the job: {0}")]
    Refused(String),
}

fn run(program: &'static str, args: &[&str]) -> Result<String, PrintError> {
    let out = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| PrintError::NoClient(program))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The configured printers, the default one marked.
pub fn printers() -> Result<Vec<Printer>, PrintError> {
    // `lpstat -e` lists nothing, successfully, when the scheduler cannot be reached, so
    // ask first whether it runs: "no printers" and "no print service" need different help.
    if !scheduler_runs(&run("lpstat", &["-r"])?) {
        return Err(PrintError::Unreachable);
    }
    let names = run("lpstat", &["-e"])?;
    let default = parse_default(&run("lpstat", &["-d"])?);
    Ok(parse_printers(&names, default.as_deref()))
}

fn scheduler_runs(answer: &str) -> bool {
    answer.lines().any(|l| l.trim() == "scheduler is running")
}

fn parse_default(answer: &str) -> Option<String> {
    answer.lines().find_map(|l| {
        l.strip_prefix("system default destination:")
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
    })
}

fn parse_printers(answer: &str, default: Option<&str>) -> Vec<Printer> {
    answer
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|name| Printer {
            name: name.to_owned(),
            is_default: Some(name) == default,
        })
        .collect()
}

/// The queue a job goes to: the one asked for if it exists, else the default, else the
/// only printer there is.
pub fn choose(printers: &[Printer], asked: Option<&str>) -> Result<String, PrintError> {
    if printers.is_empty() {
        return Err(PrintError::NoPrinters);
    }
    let known = || {
        printers
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match asked {
        Some(name) => printers
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.name.clone())
            .ok_or_else(|| PrintError::UnknownPrinter {
                name: name.to_owned(),
                known: known(),
            }),
        None => match printers.iter().find(|p| p.is_default) {
            Some(p) => Ok(p.name.clone()),
            None if printers.len() == 1 => Ok(printers[0].name.clone()),
            None => Err(PrintError::NoDefault(known())),
        },
    }
}

/// The `lp` arguments for a job on `printer`, reading the document from standard input.
fn lp_args(job: &Job, printer: &str) -> Vec<String> {
    let media = match job.paper {
        Paper::A4 => "A4",
        Paper::Letter => "Letter",
    };
    vec![
        "-d".to_owned(),
        printer.to_owned(),
        "-n".to_owned(),
        job.copies.to_string(),
        "-t".to_owned(),
        job.title.clone(),
        "-o".to_owned(),
        format!("media={media}"),
        "--".to_owned(),
        "-".to_owned(),
    ]
}

/// Sends `pdf` to the print service; the answer is the job's id (such as "Office-12").
pub fn submit(pdf: &[u8], job: &Job) -> Result<Submitted, PrintError> {
    if !(1..=MAX_COPIES).contains(&job.copies) {
        return Err(PrintError::Copies(job.copies));
    }
    let printer = choose(&printers()?, job.printer.as_deref())?;
    let mut child = Command::new("lp")
        .args(lp_args(job, &printer))
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| PrintError::NoClient("lp"))?;
    // Written from another thread: `lp` may answer (and stop reading) before taking it all.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let out = std::thread::scope(|scope| {
        scope.spawn(move || stdin.write_all(pdf));
        child.wait_with_output()
    })
    .map_err(|e| PrintError::Refused(e.to_string()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let why = stderr.trim().trim_start_matches("lp:").trim();
        return Err(PrintError::Refused(if why.is_empty() {
            format!("`lp` failed ({})", out.status)
        } else {
            why.to_owned()
        }));
    }
    Ok(Submitted {
        printer,
        id: parse_request_id(&stdout).unwrap_or_default(),
    })
}

/// A job the print service took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub printer: String,
    /// The print service's id for the job ("Office-12"); empty if it did not say.
    pub id: String,
}

fn parse_request_id(answer: &str) -> Option<String> {
    answer.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("request id is ")?;
        rest.split_whitespace().next().map(str::to_owned)
    })
}

/// The print service (and PDF viewer) as the editor sees them, so that its tests can
/// stand in scripted ones.
pub trait PrintService: Send + Sync {
    fn printers(&self) -> Result<Vec<Printer>, PrintError>;
    fn submit(&self, pdf: &[u8], job: &Job) -> Result<Submitted, PrintError>;
    /// Shows a PDF in the desktop's viewer.
    fn open_pdf(&self, path: &std::path::Path) -> std::io::Result<()> {
        open_in_viewer(path)
    }
}

/// The system's CUPS.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cups;

impl PrintService for Cups {
    fn printers(&self) -> Result<Vec<Printer>, PrintError> {
        printers()
    }
    fn submit(&self, pdf: &[u8], job: &Job) -> Result<Submitted, PrintError> {
        submit(pdf, job)
    }
}

/// Opens a file in the desktop's default application for it (an exported pack in the PDF
/// viewer), without waiting for that application.
pub fn open_in_viewer(path: &std::path::Path) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    command
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printer(name: &str, is_default: bool) -> Printer {
        Printer {
            name: name.to_owned(),
            is_default,
        }
    }

    #[test]
    fn reads_what_lpstat_says() {
        assert!(scheduler_runs("scheduler is running\n"));
        assert!(!scheduler_runs("scheduler is not running\n"));
        assert_eq!(
            parse_default("system default destination: Office\n").as_deref(),
            Some("Office")
        );
        assert_eq!(parse_default("no system default destination\n"), None);
        assert_eq!(
            parse_printers("Office\nPDF\n", Some("PDF")),
            [printer("Office", false), printer("PDF", true)]
        );
        assert_eq!(parse_printers("", None), []);
        assert_eq!(
            parse_request_id("request id is PDF-12 (1 file(s))\n").as_deref(),
            Some("PDF-12")
        );
    }

    #[test]
    fn chooses_the_asked_then_the_default_then_the_only_printer() {
        let two = [printer("Office", false), printer("PDF", true)];
        assert_eq!(choose(&two, Some("Office")).unwrap(), "Office");
        assert_eq!(choose(&two, None).unwrap(), "PDF");
        assert_eq!(
            choose(&two, Some("Nope")),
            Err(PrintError::UnknownPrinter {
                name: "Nope".to_owned(),
                known: "Office, PDF".to_owned()
            })
        );
        let no_default = [printer("A", false), printer("B", false)];
        assert_eq!(
            choose(&no_default, None),
            Err(PrintError::NoDefault("A, B".to_owned()))
        );
        assert_eq!(choose(&no_default[..1], None).unwrap(), "A");
        assert_eq!(choose(&[], None), Err(PrintError::NoPrinters));
    }

    #[test]
    fn asks_for_the_packs_paper_and_copies() {
        let job = Job {
            printer: None,
            copies: 3,
            title: "-t looks like an option".to_owned(),
            paper: Paper::Letter,
        };
        let args = lp_args(&job, "Office");
        assert_eq!(
            args,
            [
                "-d",
                "Office",
                "-n",
                "3",
                "-t",
                "-t looks like an option",
                "-o",
                "media=Letter",
                "--",
                "-"
            ]
        );
    }
}
