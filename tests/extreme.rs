//! Extreme and crafted dossiers that read as valid: every pack made from them is marked at
//! least as high as anything it prints, keeps all its text, and draws every word inside its
//! page, clear of the banners and footers. Read back with poppler's `pdftotext -bbox`.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use attache::layout::{Fonts, Item, Laid, PackOptions, Paper, lay_out};
use attache::model::{Dossier, Marking, Portions, Section, Severity, validate};
use attache::store;
use common::*;

fn sample() -> Dossier {
    store::parse_str(&sample_text()).expect("the sample reads")
}

/// Numbered words, so that each can be looked for in the PDF.
fn words(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{tag}{i:05}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A realistic long caveat list, about 180 characters (with no restrictive control, which
/// would take the release list off the banner).
const LONG_MARKING: &str = "TOP SECRET//SI//TK//PROPIN//ORCON//REL TO USA, GBR, CAN, AUS, NZL, \
     KEN//EYES ONLY KENYA-US BILATERAL WORKING GROUP//HANDLE VIA SPECIAL ACCESS CHANNELS ONLY";

struct Extreme {
    name: &'static str,
    dossier: Dossier,
    /// Words that must all be in the PDF.
    expect: Vec<String>,
    /// Characters the PDF must hold at least so many of (words cut across lines).
    chars: Vec<(char, usize)>,
}

fn extremes() -> Vec<Extreme> {
    let mut out = Vec::new();

    // Every portion marked so: a pack releases only what all its portions release.
    let mut d = sample();
    d.meta.marking = Marking::parse(LONG_MARKING).unwrap();
    common::unmark(&mut d);
    d.talking_points[0].marking = Some(d.meta.marking.clone());
    out.push(Extreme {
        name: "long-marking",
        dossier: d,
        expect: vec![],
        chars: vec![],
    });

    let mut d = sample();
    d.programme[0].notes = words("prog", 1500);
    d.delegations[0].members[1].position = words("pos", 900);
    out.push(Extreme {
        name: "rows-taller-than-a-page",
        dossier: d,
        chars: vec![],
        expect: (0..1500)
            .map(|i| format!("prog{i:05}"))
            .chain((0..900).map(|i| format!("pos{i:05}")))
            .collect(),
    });

    let mut d = sample();
    let mut nested = String::new();
    for depth in 0..40 {
        nested.push_str(&"  ".repeat(depth));
        nested.push_str(&format!("- deep{depth:05} level\n"));
    }
    d.talking_points[0].background = nested;
    out.push(Extreme {
        name: "deep-lists",
        dossier: d,
        expect: (0..40).map(|i| format!("deep{i:05}")).collect(),
        chars: vec![],
    });

    let mut d = sample();
    d.meta.title = words("title", 2000);
    d.talking_points[1].title = words("tptitle", 800);
    out.push(Extreme {
        name: "long-titles",
        dossier: d,
        expect: (0..800).map(|i| format!("tptitle{i:05}")).collect(),
        chars: vec![],
    });

    let mut d = sample();
    d.delegations[1].members[0].organisation = "x".repeat(30_000);
    d.talking_points[2].objective = "y".repeat(20_000);
    out.push(Extreme {
        name: "long-words",
        dossier: d,
        expect: vec![],
        chars: vec![('x', 30_000), ('y', 20_000)],
    });

    // Characters the font lacks are drawn as boxes one em wide: measured so, the words
    // after them stay inside the column.
    let mut d = sample();
    let boxed = |tag: &str| {
        (0..200)
            .map(|i| format!("ＷＷＷＷＷＷ龍龍 {tag}{i:05}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The rightmost column, and a heading as wide as the text.
    d.programme[0].location = boxed("glyph");
    d.talking_points[0].title = boxed("heading");
    out.push(Extreme {
        name: "missing-glyphs",
        dossier: d,
        expect: (0..200)
            .map(|i| format!("glyph{i:05}"))
            .chain((0..200).map(|i| format!("heading{i:05}")))
            .collect(),
        chars: vec![],
    });
    out
}

/// Every Text item of the layout: inside the page, and overlapping no other text.
fn check_layout(name: &str, laid: &Laid) {
    let fonts = Fonts::new();
    let (pw, ph) = laid.size();
    for (p, page) in laid.pages.iter().enumerate() {
        let boxes: Vec<(f32, f32, f32, f32, &str)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    x,
                    y,
                    style,
                    size,
                    text,
                    ..
                } => Some((
                    *x,
                    y - size * fonts.ascent,
                    x + fonts.width(*style, *size, text),
                    y + size * fonts.descent,
                    text.as_str(),
                )),
                _ => None,
            })
            .collect();
        for &(x0, y0, x1, y1, t) in &boxes {
            assert!(
                x0 >= 0.0 && y0 >= 0.0 && x1 <= pw && y1 <= ph,
                "{name}: page {}: “{}” lies outside the page ({x0},{y0})-({x1},{y1})",
                p + 1,
                t.chars().take(40).collect::<String>()
            );
        }
        // Where ink is: from about the height of capitals above the baseline to the foot
        // of descenders below it (the font's ascent and descent hold extra room).
        let ink: Vec<(f32, f32, f32, f32, &str)> = boxes
            .iter()
            .zip(page.items.iter().filter_map(|i| match i {
                Item::Text { y, size, .. } => Some((*y, *size)),
                _ => None,
            }))
            .map(|(&(x0, _, x1, _, t), (y, size))| (x0, y - 0.75 * size, x1, y + 0.22 * size, t))
            .collect();
        for (i, a) in ink.iter().enumerate() {
            for b in &ink[i + 1..] {
                let overlap_x = a.0 < b.2 - 0.5 && b.0 < a.2 - 0.5;
                let overlap_y = a.1 < b.3 && b.1 < a.3;
                assert!(
                    !(overlap_x && overlap_y),
                    "{name}: page {}: “{}” is drawn over “{}”",
                    p + 1,
                    a.4.chars().take(40).collect::<String>(),
                    b.4.chars().take(40).collect::<String>()
                );
            }
        }
    }
}

/// (words, every word inside its page) from `pdftotext -bbox`.
fn pdf_words(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils)");
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    let mut words = Vec::new();
    let num = |s: &str, key: &str| -> f32 {
        let at = s.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    for page in xml.split("<page ").skip(1) {
        let (w, h) = (num(page, "width"), num(page, "height"));
        for word in page.split("<word ").skip(1) {
            let (x0, y0) = (num(word, "xMin"), num(word, "yMin"));
            let (x1, y1) = (num(word, "xMax"), num(word, "yMax"));
            let text = &word[word.find('>').unwrap() + 1..word.find("</word>").unwrap()];
            assert!(
                x0 >= -0.5 && y0 >= -0.5 && x1 <= w + 0.5 && y1 <= h + 0.5,
                "{}: “{text}” lies outside its page",
                pdf.display()
            );
            words.push(text.to_owned());
        }
    }
    words
}

#[test]
fn extreme_packs_keep_every_word_on_its_page() {
    let dir = tempfile::tempdir().unwrap();
    for e in extremes() {
        for paper in Paper::ALL {
            let options = PackOptions {
                paper,
                ..Default::default()
            };
            check_layout(e.name, &lay_out(&e.dossier, &options));
        }
        let file = dir.path().join(format!("{}.ron", e.name));
        store::save(&file, &e.dossier, Default::default()).unwrap();
        let pdf = dir.path().join(format!("{}.pdf", e.name));
        let (code, text) = run_on(
            &[
                "export",
                file.to_str().unwrap(),
                "-o",
                pdf.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(code, 0, "{}: {text}", e.name);
        let all = pdf_words(&pdf);
        for &(c, n) in &e.chars {
            let count: usize = all.iter().map(|w| w.matches(c).count()).sum();
            assert!(count >= n, "{}: {count} of {n} “{c}” in the PDF", e.name);
        }
        let found: HashSet<String> = all.into_iter().collect();
        let missing: Vec<&String> = e.expect.iter().filter(|w| !found.contains(*w)).collect();
        assert!(
            missing.is_empty(),
            "{}: {} words are not in the PDF, the first {:?}",
            e.name,
            missing.len(),
            missing.first()
        );
    }
}

#[test]
fn a_long_marking_is_printed_whole_in_every_banner() {
    let e = extremes().remove(0);
    let laid = lay_out(&e.dossier, &PackOptions::default());
    let marking = Marking::parse(LONG_MARKING).unwrap();
    assert_eq!(laid.banner.len(), LONG_MARKING.replace(" // ", "//").len());
    // Each page carries the marking twice (top and bottom), whole, across its lines; the
    // cover a third time in large type.
    let joined = |page: usize| laid.page_text(page).replace("// ", "//");
    for page in 0..laid.pages.len() {
        let text = joined(page);
        assert!(
            text.matches("TOP SECRET//").count() >= 2,
            "page {}: {text}",
            page + 1
        );
        for caveat in &marking.caveats {
            assert!(
                text.matches(caveat.as_str()).count() >= 2,
                "page {}: “{caveat}” is not in both banners: {text}",
                page + 1
            );
        }
    }
    assert!(joined(0).matches("TOP SECRET//").count() >= 3);
}

#[test]
fn a_lead_speakers_marking_is_carried_into_the_point_and_the_banner() {
    let mut d = sample();
    d.meta.marking = Marking::new("SECRET");
    // The title page's words are OFFICIAL: each pack is marked by what it holds.
    d.meta.title_marking = Some(Marking::new("OFFICIAL"));
    // The head of Kenya's delegation leads every talking point.
    d.delegations[0].members[0].marking = Some(Marking::new("SECRET"));
    let options = PackOptions {
        sections: vec![Section::TalkingPoints],
        ..Default::default()
    };
    let laid = lay_out(&d, &options);
    assert_eq!(laid.banner, "SECRET");
    let body = laid.page_text(2);
    assert!(body.contains("(S) "), "{body}");
    assert!(!body.contains("(O) "), "{body}");
    let html = attache::html::write(&d, &options);
    assert!(
        html.contains("content: \"SECRET\""),
        "the HTML banner follows"
    );
    assert!(!html.contains("(O) "));
    // And `check` tells the author.
    let problems = validate(&d);
    assert!(
        problems.iter().any(|p| p.severity == Severity::Warning
            && p.message.contains("the lead speaker")
            && p.message.contains("(S)")),
        "{problems:?}"
    );
    // A member left out of the pack is not printed, and marks nothing.
    let options = PackOptions {
        sections: vec![Section::TalkingPoints],
        exclude: vec![d.delegations[0].members[0].id.clone()],
        ..Default::default()
    };
    assert_eq!(lay_out(&d, &options).banner, "OFFICIAL");
    assert_eq!(
        Portions::new(&d)
            .banner(&[Section::TalkingPoints])
            .to_string(),
        "SECRET"
    );
}

#[test]
fn the_protocol_sections_keep_every_word_of_crafted_fields_on_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = sample();
    for (i, m) in d.delegations[0].members.iter_mut().enumerate() {
        m.biography = format!(
            "{} BIO-END-{i}",
            (0..40)
                .map(|k| format!("{}- {}", "  ".repeat(k), words("bio", 30)))
                .collect::<Vec<_>>()
                .join("\n")
        );
        m.hotel = "H".repeat(300);
        m.arrival = Some(attache::model::Movement {
            date: Some("2025-03-11".parse().unwrap()),
            time: Some("09:00".parse().unwrap()),
            details: format!("{} DETAILS-END-{i}", "KQ".repeat(500)),
        });
    }
    let options = PackOptions {
        sections: vec![Section::Biographies, Section::Arrivals],
        ..Default::default()
    };
    check_layout("protocol", &lay_out(&d, &options));
    let file = dir.path().join("protocol.ron");
    store::save(&file, &d, Default::default()).unwrap();
    let pdf = dir.path().join("protocol.pdf");
    let (code, text) = run_on(
        &[
            "export",
            file.to_str().unwrap(),
            "--sections",
            "biographies,arrivals",
            "-o",
            pdf.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{text}");
    let all: HashSet<String> = pdf_words(&pdf).into_iter().collect();
    for i in 0..d.delegations[0].members.len() {
        assert!(all.contains(&format!("BIO-END-{i}")), "biography {i} whole");
        assert!(
            all.contains(&format!("DETAILS-END-{i}")),
            "details {i} whole"
        );
    }
}
