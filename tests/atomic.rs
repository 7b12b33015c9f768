//! Atomic saves: a process killed at any instant while saving leaves the old file or the
//! new one, whole, and a backup that is whole too.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use attache::model::Dossier;
use attache::store::{self, SaveOptions};
use attache::synth::{Params, generate};

const LOOP_ENV: &str = "ATTACHE_TEST_SAVE_LOOP";

fn versions() -> [Dossier; 2] {
    // Different sizes, so that a torn write would show as a truncated or mixed file.
    let small = generate(Params {
        members: 10,
        points: 3,
        notes: 1,
        programme: 2,
        seed: 1,
    });
    let large = generate(Params {
        members: 3000,
        points: 200,
        notes: 20,
        programme: 20,
        seed: 2,
    });
    [small, large]
}

/// Runs in a child process only: saves the two versions in turn until killed.
#[test]
#[ignore = "run by `a_killed_save_never_leaves_a_partial_file` in a child process"]
fn save_loop_child() {
    let Ok(path) = std::env::var(LOOP_ENV) else {
        return;
    };
    let versions = versions();
    for i in 0.. {
        store::save(Path::new(&path), &versions[i % 2], SaveOptions::default()).unwrap();
    }
}

fn assert_whole(path: &Path, versions: &[Dossier; 2], what: &str) {
    let d = store::load(path).unwrap_or_else(|e| panic!("{what} is not a whole dossier: {e}"));
    assert!(versions.contains(&d), "{what} is neither version");
}

#[test]
fn a_killed_save_never_leaves_a_partial_file() {
    let versions = versions();
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("visit.ron");
    store::save(&path, &versions[0], SaveOptions::default()).unwrap();

    // Pseudo-random instants, the same on every run: 40 kills between 1 and 250 ms after
    // the saving process starts (its saves take from about 1 to about 60 ms), so that
    // they land before, during and between writes, renames and backups.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..40 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "save_loop_child", "--nocapture"])
            .env(LOOP_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(1 + seed % 250));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_whole(&path, &versions, &format!("round {round}: the file"));
        let bak = dir.path().join("visit.ron.bak");
        if bak.exists() {
            assert_whole(&bak, &versions, &format!("round {round}: the backup"));
        }
    }
    // What the killed saves left behind is cleared by the next one.
    store::save(&path, &versions[1], SaveOptions::default()).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["visit.ron", "visit.ron.bak"]);
}

#[test]
fn save_keeps_a_backup_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visit.ron");
    let [a, b] = versions();
    store::save(&path, &a, SaveOptions::default()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    store::save(&path, &b, SaveOptions::default()).unwrap();
    assert_eq!(store::load(&path).unwrap(), b);
    assert_eq!(store::load(&dir.path().join("visit.ron.bak")).unwrap(), a);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // No temporary files are left behind by successful saves.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["visit.ron", "visit.ron.bak"]);
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_updates_the_linked_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    let [a, b] = versions();
    store::save(&real, &a, SaveOptions { backup: false }).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    store::save(&link, &b, SaveOptions { backup: false }).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(store::load(&real).unwrap(), b);
}

#[test]
fn a_failed_save_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("visit.ron");
    let err = store::save(&missing, &versions()[0], SaveOptions::default()).unwrap_err();
    assert!(err.to_string().contains("there is no folder"), "{err}");
}

#[test]
fn a_file_whose_name_is_near_the_limit_saves_with_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    // 250 bytes: the temporary beside it must not add to the name.
    let path = dir.path().join(format!("{}.ron", "v".repeat(246)));
    let [small, large] = versions();
    store::save(&path, &small, SaveOptions::default()).unwrap();
    store::save(&path, &large, SaveOptions::default()).unwrap();
    assert_eq!(store::load(&path).unwrap(), large);
    let bak = PathBuf::from(format!("{}.bak", path.display()));
    assert_eq!(store::load(&bak).unwrap(), small);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 2, "no temporary left: {names:?}");
}
