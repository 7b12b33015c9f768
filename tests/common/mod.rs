//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/dossiers/kenya-us-washington-talks.ron"
);
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/dossiers/template.ron");

pub fn sample_text() -> String {
    std::fs::read_to_string(SAMPLE).expect("the sample dossier is readable")
}

pub fn attache(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(args)
        .output()
        .expect("the attache binary runs")
}

/// Runs `attache` with file arguments and returns (exit code, stdout + stderr).
pub fn run_on(args: &[&str], files: &[&Path]) -> (i32, String) {
    let mut all: Vec<&str> = args.to_vec();
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    all.extend(files.iter().map(String::as_str));
    let out = attache(&all);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A panic exits with 101; no input may cause one.
    assert_ne!(out.status.code(), Some(101), "attache panicked:\n{text}");
    (out.status.code().expect("attache exited normally"), text)
}

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A private X display (Xvfb) for tests that drive a real editor window with xdotool.
pub struct Xvfb {
    pub display: String,
    server: std::process::Child,
}

impl Xvfb {
    /// Starts one, or `None` when Xvfb or xdotool is missing.
    pub fn start() -> Option<Self> {
        use std::io::Read;
        let found = |tool: &str| {
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if !found("Xvfb") || !found("xdotool") {
            return None;
        }
        // Xvfb picks a free display and writes its number to the pipe.
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1400x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()?;
        let mut out = server.stdout.take()?;
        let mut number = String::new();
        let mut byte = [0u8; 1];
        while out.read(&mut byte).ok()? == 1 && byte[0] != b'\n' {
            number.push(byte[0] as char);
        }
        let number = number.trim().to_owned();
        if number.is_empty() {
            let _ = server.kill();
            return None;
        }
        Some(Self {
            display: format!(":{number}"),
            server,
        })
    }

    /// Runs xdotool on this display; its output.
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .expect("xdotool runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The first window of `class`, waiting up to `secs` seconds for it while `app` runs;
    /// why not, when it does not come (the program ended, or never showed one).
    pub fn window_of(
        &self,
        class: &str,
        app: &mut std::process::Child,
        secs: u64,
    ) -> Result<String, String> {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        while std::time::Instant::now() < until {
            let found = self.run(&["search", "--class", class]);
            if let Some(id) = found.lines().next() {
                return Ok(id.trim().to_owned());
            }
            if let Ok(Some(status)) = app.try_wait() {
                return Err(format!("it ended ({status}) before showing a window"));
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Err(format!("no window in {secs} s"))
    }

    /// Focuses `window` and clicks at (`x`, `y`) inside it.
    pub fn click(&self, window: &str, x: f32, y: f32) {
        self.run(&["windowfocus", "--sync", window]);
        let (x, y) = (format!("{}", x.round()), format!("{}", y.round()));
        self.run(&["mousemove", "--window", window, &x, &y]);
        std::thread::sleep(std::time::Duration::from_millis(200));
        self.run(&["click", "1"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// The editor started with `options`, on a headless egui context of the window's size,
/// after its first frame.
pub fn start(
    options: attache::ui::StartOptions,
) -> egui_kittest::Harness<'static, attache::ui::AttacheApp> {
    // Work on other threads (the preview's layout, a photo read) settles in more frames
    // on a loaded machine than on an idle one; `run` still waits until it has.
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_eframe(move |cc| attache::ui::AttacheApp::new(cc, options));
    h.run();
    h
}

/// A zip archive of `entries` (name, bytes), deflated: a workbook as spreadsheets write it.
pub fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        out.start_file(
            *name,
            zip::write::SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// An ods workbook whose first sheet holds `rows` (the XML of each `table:table-row`).
pub fn ods(rows: &str) -> Vec<u8> {
    ods_crafted(
        "",
        &format!(r#"<table:table table:name="List">{rows}</table:table>"#),
    )
}

/// An ods whose content.xml has `styles` as automatic styles and `body` in its spreadsheet.
pub fn ods_crafted(styles: &str, body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zipped(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
    ])
}

pub fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| {
            if c.is_empty() {
                "<table:table-cell/>".to_owned()
            } else {
                format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#)
            }
        })
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

/// An xlsx written by hand: `sheet` is the worksheet's `<sheetData>` content, `strings`
/// the shared-string table's whole XML (or none).
pub fn xlsx_by_hand(sheet: &str, strings: Option<&str>) -> Vec<u8> {
    xlsx_crafted(&[("List", "", sheet.to_owned())], "", "", strings)
}

/// An xlsx of several sheets: (name, state as workbook.xml writes it, `<sheetData>`).
pub fn xlsx_sheets(sheets: &[(&str, &str, String)]) -> Vec<u8> {
    xlsx_crafted(sheets, "", "", None)
}

/// As `xlsx_sheets`, with `before` written in the workbook before its list of sheets,
/// `after` in each sheet after its data (merged cells), and a shared-string table's whole
/// XML (or an empty one).
pub fn xlsx_crafted(
    sheets: &[(&str, &str, String)],
    before: &str,
    after: &str,
    strings: Option<&str>,
) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut listed = String::new();
    let mut rels = String::new();
    let mut parts: Vec<(String, String)> = Vec::new();
    for (i, (name, state, data)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        let state = if state.is_empty() {
            String::new()
        } else {
            format!(r#" state="{state}""#)
        };
        listed.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}"{state} r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData>{after}</worksheet>"#
            ),
        ));
    }
    types.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#);
    rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
    let empty = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#;
    let root = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:f="urn:example:ignored" mc:Ignorable="f">{before}<sheets>{listed}</sheets></workbook>"#
    );
    let book_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", root.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
    ];
    for (name, xml) in &parts {
        entries.push((name, xml.as_bytes()));
    }
    entries.push(("xl/sharedStrings.xml", strings.unwrap_or(empty).as_bytes()));
    zipped(&entries)
}

/// An inline-string cell of an xlsx sheet.
pub fn xcell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Every item's own marking taken off: delegations, members, programme items, talking
/// points and security notes all take the dossier's.
pub fn unmark(d: &mut attache::model::Dossier) {
    for del in &mut d.delegations {
        del.marking = None;
        for m in &mut del.members {
            m.marking = None;
        }
    }
    for p in &mut d.programme {
        p.marking = None;
    }
    for t in &mut d.talking_points {
        t.marking = None;
    }
    for n in &mut d.security_notes {
        n.marking = None;
    }
}

/// Runs git in `dir` as a repository of its own (no user or system configuration):
/// (success, stdout and stderr).
pub fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}
