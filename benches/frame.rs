//! CPU time of one editor frame on a large dossier (`cargo bench --bench frame`), against a
//! frame on an empty dossier as the baseline. Runs the real editor UI on a headless egui
//! context: layout and tessellation-free, as a frame costs the app itself.

use std::path::PathBuf;

use attache::model::Dossier;
use attache::store::{self, SaveOptions};
use attache::synth::{Params, generate};
use attache::ui::{AttacheApp, ScriptedDialogs, Selection, Settings, StartOptions};

fn main() {
    divan::main();
}

struct Fixture {
    ctx: egui::Context,
    app: AttacheApp,
    _dir: tempfile::TempDir,
}

fn fixture(dossier: &Dossier, selection: Selection) -> Fixture {
    fixture_with(dossier, selection, true)
}

fn fixture_with(dossier: &Dossier, selection: Selection, autosave: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("bench.ron");
    store::save(&path, dossier, SaveOptions { backup: false }).unwrap();
    let ctx = egui::Context::default();
    let mut app = AttacheApp::with_settings(
        &ctx,
        Settings::default(),
        StartOptions {
            file: Some(path),
            read_only: false,
            dialogs: Box::new(ScriptedDialogs::default()),
            printing: std::sync::Arc::new(attache::print::Cups),
            data_dir: autosave.then(|| dir.path().join("data")),
            locks: true,
        },
    );
    app.view.selection = selection;
    if let Selection::Delegation(_) = selection {
        app.view.member = Some(5_000);
        app.view.scroll_to_selection = true;
    }
    let mut f = Fixture {
        ctx,
        app,
        _dir: dir,
    };
    // Warm up: fonts, validation, layout caches.
    for _ in 0..5 {
        frame(&mut f);
    }
    f
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    }
}

fn frame(f: &mut Fixture) {
    let app = &mut f.app;
    let mut out = f.ctx.run_ui(input(), |ui| app.show(ui));
    out.textures_delta.clear();
    divan::black_box(out.shapes.len());
}

fn large() -> Dossier {
    generate(Params {
        members: 20_000,
        points: 2_000,
        notes: 150,
        programme: 200,
        seed: 11,
    })
}

fn bench(bencher: divan::Bencher, dossier: fn() -> Dossier, selection: Selection) {
    let mut f = fixture(&dossier(), selection);
    bencher.bench_local(|| frame(&mut f));
}

#[divan::bench]
fn baseline_empty_dossier(bencher: divan::Bencher) {
    bench(bencher, || Dossier::new("Empty"), Selection::Overview);
}

#[divan::bench(sample_count = 200)]
fn large_overview(bencher: divan::Bencher) {
    bench(bencher, large, Selection::Overview);
}

#[divan::bench(sample_count = 200)]
fn large_members_table(bencher: divan::Bencher) {
    bench(bencher, large, Selection::Delegation(0));
}

#[divan::bench(sample_count = 200)]
fn large_talking_point(bencher: divan::Bencher) {
    bench(bencher, large, Selection::TalkingPoint(1_000));
}

#[divan::bench(sample_count = 200)]
fn large_programme(bencher: divan::Bencher) {
    bench(bencher, large, Selection::Programme);
}

/// Typing frames: an edit, then a frame 20 ms later. Every other frame the window loses
/// focus, which makes autosave due at once: with autosave on, half the frames hand the
/// writer thread a write (it serialises and writes on the other core). Against the same
/// frames with autosave off, the difference is all that autosave costs typing.
fn edit_frames(bencher: divan::Bencher, autosave: bool) {
    use attache::edit::{Edit, Item};
    let mut f = fixture_with(&large(), Selection::Overview, autosave);
    let mut time = 0.0;
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let mut meta = f.app.doc.dossier.meta.clone();
        meta.title = format!("Large dossier, edit {n}");
        f.app
            .doc
            .apply("Edit title", vec![Edit::Set(Item::Meta(Box::new(meta)))])
            .unwrap();
        time += 0.02;
        let app = &mut f.app;
        let raw = egui::RawInput {
            time: Some(time),
            focused: n.is_multiple_of(2),
            ..input()
        };
        let mut out = f.ctx.run_ui(raw, |ui| app.show(ui));
        out.textures_delta.clear();
        divan::black_box(out.shapes.len());
    });
}

#[divan::bench(sample_count = 200)]
fn large_typing_autosave_off(bencher: divan::Bencher) {
    edit_frames(bencher, false);
}

#[divan::bench(sample_count = 200)]
fn large_typing_autosave_on(bencher: divan::Bencher) {
    edit_frames(bencher, true);
}

/// What the UI thread would pay per autosave if it copied the dossier for the writer
/// (the design this replaced): the copy alone.
#[divan::bench(sample_count = 100)]
fn large_dossier_copy(bencher: divan::Bencher) {
    let d = large();
    bencher.bench_local(|| divan::black_box(d.clone()));
}
