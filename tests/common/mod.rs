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
