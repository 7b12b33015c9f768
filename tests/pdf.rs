//! Briefing packs read back from the PDF, with poppler's `pdftotext` and `qpdf` (which
//! `.ci/run` installs): what a reader of the pack would see.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use attache::layout::{PackOptions, Paper, lay_out};
use attache::model::Marking;
use attache::model::Section;
use attache::store;
use attache::synth::{Params, generate};
use common::*;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed to read packs back (apt-get install poppler-utils qpdf): {e}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tools print UTF-8")
}

fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    tool(
        "pdftotext",
        &["-layout", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
    )
}

fn export(dir: &Path, name: &str, dossier: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec![
        "export",
        dossier.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (code, text) = run_on(&args, &[]);
    assert_eq!(code, 0, "{text}");
    out
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

#[test]
fn the_sample_pack_reads_back_right() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = export(dir.path(), "pack.pdf", SAMPLE.as_ref(), &[]);
    let pages = page_count(&pdf);
    assert!(pages >= 5, "{pages} pages");
    // The sample states no date, so the pack claims none (not 1 January 1970).
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        !info.contains("CreationDate") && !info.contains("1970"),
        "{info}"
    );
    let all = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for needle in [
        "Contents",
        "Programme",
        "Delegations",
        "Talking points",
        "Security notes",
        "Dr. Korir Sing\u{2019}oei",
        "Ambassador Monica Juma",
        "Senator Marco Rubio",
        "Multinational Security Support",
        "Free Trade Agreement",
        "(O) Haiti: the Multinational Security Support (MSS) Mission",
    ] {
        assert!(all.contains(needle), "{needle:?} missing from the pack");
    }
    for p in 1..=pages {
        let text = page_text(&pdf, p);
        assert!(
            text.matches("OFFICIAL").count() >= 2,
            "page {p} lacks its banners:\n{text}"
        );
        if p > 1 {
            assert!(
                text.contains(&format!("Page {p} of {pages}")),
                "page {p} lacks its number:\n{text}"
            );
        }
    }
    // Every contents entry points to the page where its heading really is.
    let contents = page_text(&pdf, 2);
    let mut checked = 0;
    for line in contents.lines() {
        let line = line.trim();
        let Some((title, number)) = line.rsplit_once(char::is_whitespace) else {
            continue;
        };
        let (Ok(page), title) = (number.parse::<usize>(), title.trim()) else {
            continue;
        };
        if title.is_empty() || title.contains("Page") {
            continue;
        }
        // Headings may wrap: compare with white space folded.
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            fold(&page_text(&pdf, page)).contains(&fold(title)),
            "contents say {title:?} is on page {page}"
        );
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} contents entries were checked:\n{contents}"
    );
}

#[test]
fn exports_are_deterministic_and_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let a = export(dir.path(), "a.pdf", SAMPLE.as_ref(), &[]);
    let b = export(dir.path(), "b.pdf", SAMPLE.as_ref(), &[]);
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "two exports differ"
    );
    let check = tool("qpdf", &["--check", a.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    let size = std::fs::metadata(&a).unwrap().len();
    assert!(size < 150_000, "fonts are subset: {size} bytes");
    let info = tool("pdfinfo", &[a.to_str().unwrap()]);
    assert!(
        info.contains("Kenya–United States high-level bilateral talks"),
        "{info}"
    );
    assert!(info.contains("Attaché sample dossier"), "{info}");
}

#[test]
fn bookmarks_nest_items_in_their_sections_in_document_order() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = export(dir.path(), "pack.pdf", SAMPLE.as_ref(), &[]);
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let outlines = json["outlines"].as_array().expect("an outline");
    let title = |o: &serde_json::Value| o["title"].as_str().unwrap().to_owned();
    let page = |o: &serde_json::Value| o["destpageposfrom1"].as_u64().unwrap();
    assert_eq!(
        outlines.iter().map(title).collect::<Vec<_>>(),
        [
            "Programme",
            "Delegations",
            "Talking points",
            "Security notes"
        ]
    );
    let delegations = &outlines[1];
    assert_eq!(
        delegations["kids"]
            .as_array()
            .unwrap()
            .iter()
            .map(title)
            .collect::<Vec<_>>(),
        [
            "(O) Kenya — visiting delegation",
            "(O) United States — host delegation"
        ]
    );
    // Every bookmark lands on the page where its heading is printed, and pages never go
    // backwards through the outline.
    let mut last = 0;
    for section in outlines {
        for o in std::iter::once(section).chain(section["kids"].as_array().unwrap()) {
            let p = page(o);
            assert!(p >= last, "{} goes back to page {p}", title(o));
            last = p;
            let text = page_text(&pdf, p as usize);
            let words = title(o).replace("(O) ", "");
            let first = words.split_whitespace().take(3).collect::<Vec<_>>();
            let printed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                printed.contains(&first.join(" ")),
                "{:?} is not on page {p}:\n{text}",
                title(o)
            );
            // Positioned on the heading, not at the page top.
            let dest = o["dest"].as_array().unwrap();
            assert_eq!(dest[1], "/XYZ");
            assert!(dest[3].as_f64().unwrap() < 842.0);
        }
    }
}

#[test]
fn an_audience_pack_is_marked_by_what_it_holds() {
    let mut d = store::parse_str(&sample_text()).unwrap();
    d.meta.marking = Marking::new("SECRET");
    // The title page's words (on the cover, in every footer) take the dossier's marking
    // unless marked lower: then a pack of OFFICIAL points is OFFICIAL.
    let principal = PackOptions {
        sections: vec![Section::TalkingPoints],
        ..Default::default()
    };
    assert_eq!(lay_out(&d, &principal).banner, "SECRET");
    // The title page's words are OFFICIAL: each pack is marked by what it holds.
    d.meta.title_marking = Some(Marking::new("OFFICIAL"));
    d.security_notes[1].marking = Some(Marking::new("SECRET").with_caveat("REL TO KEN, USA"));
    // The other portions have no release list: the pack releases to no one.
    let full = lay_out(&d, &PackOptions::default());
    assert_eq!(full.banner, "SECRET");
    let principal = lay_out(
        &d,
        &PackOptions {
            paper: Paper::Letter,
            sections: vec![Section::TalkingPoints],
            ..Default::default()
        },
    );
    assert_eq!(principal.banner, "OFFICIAL");
    let text: String = (0..principal.pages.len())
        .map(|p| principal.page_text(p))
        .collect();
    assert!(
        !text.contains("Security notes") && !text.contains("Monica Juma"),
        "only talking points"
    );
    // Through the command line too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.ron");
    store::save(&path, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "principal.pdf",
        &path,
        &["--sections", "talking-points", "--paper", "letter"],
    );
    let first = page_text(&pdf, 1);
    assert!(
        first.contains("OFFICIAL") && !first.contains("SECRET"),
        "{first}"
    );
    let pdf = export(dir.path(), "full.pdf", &path, &[]);
    let cover = page_text(&pdf, 1);
    assert!(
        cover.contains("SECRET") && !cover.contains("REL TO"),
        "{cover}"
    );
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("595.28 x 841.89"), "A4 by default: {info}");

    // Leaving out the one SECRET note (and a member) lowers the banner of the whole pack.
    let haiti = d.security_notes[1].id.to_string();
    let pdf = export(
        dir.path(),
        "without.pdf",
        &path,
        &["--exclude", &format!("{haiti},ken-kerich")],
    );
    let all: String = (1..=page_count(&pdf)).map(|p| page_text(&pdf, p)).collect();
    assert!(all.contains("OFFICIAL") && !all.contains("SECRET"), "{all}");
    assert!(
        !all.contains("Kerich") && !all.contains("Haiti: the Multinational"),
        "{all}"
    );
    assert!(all.contains("Monica Juma") && all.contains("(O) Democratic Republic of Congo"));
    // A misspelt id is an error, not a pack that prints what was meant to be left out.
    let (code, text) = run_on(
        &[
            "export",
            path.to_str().unwrap(),
            "--exclude",
            "ken-kerich,no-such-id",
            "-o",
        ],
        &[&dir.path().join("y.pdf")],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("no item with the id(s) no-such-id"), "{text}");
    assert!(!dir.path().join("y.pdf").exists());
}

#[test]
fn a_saved_pack_prints_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(SAMPLE);
    let text_of =
        |pdf: &Path| -> String { (1..=page_count(pdf)).map(|p| page_text(pdf, p)).collect() };
    // Names compare as people read them.
    let pdf = export(
        dir.path(),
        "principal.pdf",
        sample,
        &["--pack", "principal's  PACK"],
    );
    let all = text_of(&pdf);
    assert!(
        all.contains("Free Trade Agreement") && all.contains("intended visit to Kenya"),
        "{all}"
    );
    assert!(
        !all.contains("Monica Juma") && !all.contains("Security notes"),
        "talking points only: {all}"
    );
    // The pack says which it is: on the cover, and in every footer.
    let cover = page_text(&pdf, 1);
    assert!(
        cover.contains("Pack") && cover.contains("Principal's pack"),
        "{cover}"
    );
    for page in 2..=page_count(&pdf) {
        let text = page_text(&pdf, page);
        assert!(
            text.contains("bilateral talks — revision 1 — Principal's pack"),
            "page {page}: {text}"
        );
    }
    // A pack of chosen sections names them; the whole dossier needs no such line.
    let pdf = export(
        dir.path(),
        "chosen.pdf",
        sample,
        &["--sections", "talking-points"],
    );
    assert!(page_text(&pdf, 1).contains("Talking points"));
    let pdf = export(dir.path(), "whole.pdf", sample, &[]);
    assert!(!page_text(&pdf, 1).contains("Pack"));
    let pdf = export(
        dir.path(),
        "regional.pdf",
        sample,
        &["--pack", "Regional security brief"],
    );
    let all = text_of(&pdf);
    assert!(
        all.contains("Security notes") && all.contains("(O) Haiti"),
        "{all}"
    );
    assert!(
        !all.contains("Free Trade Agreement") && !all.contains("intended visit to Kenya"),
        "the brief leaves out the other talking points: {all}"
    );

    // An unknown name lists the packs there are, and makes nothing.
    let out = dir.path().join("none.pdf");
    let o = attache(&[
        "export",
        SAMPLE,
        "--pack",
        "Ministers",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no saved pack is named “Ministers”")
            && stderr.contains("“Principal's pack”, “Regional security brief”"),
        "{stderr}"
    );
    assert!(!out.exists());
    // A pack is a whole choice: it does not mix with --sections.
    let (code, text) = run_on(
        &[
            "export",
            SAMPLE,
            "--pack",
            "Principal's pack",
            "--sections",
            "programme",
            "-o",
        ],
        &[&out],
    );
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("cannot be used with"), "{text}");
}

#[test]
fn a_long_table_repeats_its_header_and_keeps_rows_whole() {
    let d = generate(Params {
        members: 240,
        points: 4,
        notes: 1,
        programme: 3,
        seed: 5,
    });
    let laid = lay_out(
        &d,
        &PackOptions {
            paper: Paper::A4,
            sections: vec![Section::Delegations],
            ..Default::default()
        },
    );
    let pages: Vec<String> = (2..laid.pages.len()).map(|p| laid.page_text(p)).collect();
    assert!(pages.len() >= 4, "240 members take several pages");
    for (i, text) in pages.iter().enumerate() {
        assert!(
            text.contains("# Name Position Organisation Role"),
            "page {} lacks the header row",
            i + 3
        );
    }
    // Every member appears exactly once, in order of precedence.
    let all = pages.join(" ");
    let first = &d.delegations[0].members[0].full_name;
    let last = &d.delegations[0].members.last().unwrap().full_name;
    assert!(all.find(first.as_str()).unwrap() < all.find(last.as_str()).unwrap());
}

#[test]
fn the_html_pack_has_the_same_sections_and_escapes_everything() {
    let mut d = store::parse_str(&sample_text()).unwrap();
    d.talking_points[0].title = "<script>alert('x')</script> & more".into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visit.ron");
    store::save(&path, &d, store::SaveOptions { backup: false }).unwrap();
    let html_path = export(dir.path(), "pack.html", &path, &[]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        "Programme",
        "Delegations",
        "Talking points",
        "Security notes",
        "Dr. Korir Sing\u{2019}oei",
        "(O) Haiti",
    ] {
        assert!(html.contains(needle), "{needle:?} missing");
    }
    assert!(
        html.contains("@top-center { content: \"OFFICIAL\""),
        "the banner is on every printed page"
    );
    assert!(!html.contains("<script>"), "dossier text is escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    // --format wins over the extension.
    let forced = export(dir.path(), "pack.txt", &path, &["--format", "html"]);
    assert!(
        std::fs::read_to_string(forced)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

/// The links on a page (counted from 1), read from the PDF objects: the pages they land
/// on, counted from 1.
fn links_on(pdf: &Path, on: usize) -> Vec<usize> {
    let json = tool(
        "qpdf",
        &[
            "--json",
            "--json-key=pages",
            "--json-key=qpdf",
            pdf.to_str().unwrap(),
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = &json["qpdf"][1];
    let page_of: std::collections::HashMap<String, usize> = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, p)| (p["object"].as_str().unwrap().to_owned(), i + 1))
        .collect();
    let contents = &json["pages"][on - 1]["object"];
    let page = &objects[format!("obj:{}", contents.as_str().unwrap())]["value"];
    let Some(annotations) = page["/Annots"].as_array() else {
        return Vec::new();
    };
    annotations
        .iter()
        .map(|a| {
            let link = &objects[format!("obj:{}", a.as_str().unwrap())]["value"];
            assert_eq!(link["/Subtype"], "/Link");
            let target = link["/Dest"][0].as_str().unwrap();
            page_of[target]
        })
        .collect()
}

#[test]
fn contents_links_land_on_the_pages_their_numbers_give() {
    let dir = tempfile::tempdir().unwrap();
    let sample = export(dir.path(), "pack.pdf", SAMPLE.as_ref(), &[]);
    assert_eq!(
        links_on(&sample, 2),
        [3, 4, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6, 7, 7, 7]
    );

    // A long pack is written in parts on several threads: links still cross them.
    let d = generate(Params {
        members: 1_500,
        points: 300,
        notes: 40,
        programme: 20,
        seed: 9,
    });
    let path = dir.path().join("long.ron");
    store::save(&path, &d, store::SaveOptions { backup: false }).unwrap();
    let long = export(dir.path(), "long.pdf", &path, &[]);
    let pages = page_count(&long);
    assert!(pages > 250, "{pages} pages");
    let check = tool("qpdf", &["--check", long.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    // The contents run over several pages; each link goes where its line's number says.
    let mut all = Vec::new();
    for p in 2.. {
        let links = links_on(&long, p);
        if links.is_empty() {
            break;
        }
        let text = page_text(&long, p);
        let numbers: Vec<usize> = text
            .lines()
            .filter(|l| !l.contains("Page "))
            .filter_map(|l| l.split_whitespace().last()?.parse().ok())
            .collect();
        assert_eq!(links, numbers, "page {p}:\n{text}");
        all.extend(links);
    }
    assert!(all.len() > 300, "{} links", all.len());
    assert!(
        *all.last().unwrap() > pages * 3 / 4,
        "links reach later parts"
    );
    // Every page says which it is, across the joins.
    for p in [2, pages / 2, pages] {
        assert!(page_text(&long, p).contains(&format!("Page {p} of {pages}")));
    }
}

#[test]
fn no_item_heading_is_left_at_the_foot_of_a_page() {
    let d = generate(Params {
        members: 100,
        points: 200,
        notes: 60,
        programme: 5,
        seed: 11,
    });
    let options = PackOptions {
        sections: vec![Section::TalkingPoints, Section::SecurityNotes],
        ..Default::default()
    };
    for paper in [Paper::A4, Paper::Letter] {
        let laid = lay_out(
            &d,
            &PackOptions {
                paper,
                ..options.clone()
            },
        );
        let items: Vec<_> = laid.headings.iter().filter(|h| h.level >= 1).collect();
        assert!(items.len() >= 260, "{}", items.len());
        for h in items {
            // Body text (black, at the body size) follows the heading on its own page.
            let followed = laid.pages[h.page].items.iter().any(|i| {
                matches!(i, attache::layout::Item::Text { y, size, colour, .. }
                    if *y > h.y && *size == 10.0 && *colour == attache::layout::Colour::BLACK)
            });
            assert!(
                followed,
                "“{}” stands alone at the foot of page {} ({paper:?})",
                h.title,
                h.page + 1
            );
        }
    }
}

#[test]
fn a_section_whose_items_are_all_left_out_is_not_printed() {
    let d = store::parse_str(&sample_text()).unwrap();
    let notes: Vec<_> = d.security_notes.iter().map(|n| n.id.clone()).collect();
    let laid = lay_out(
        &d,
        &PackOptions {
            exclude: notes,
            ..Default::default()
        },
    );
    let text: String = (0..laid.pages.len()).map(|p| laid.page_text(p)).collect();
    assert!(!text.contains("Security notes"), "{text}");
    assert!(text.contains("Talking points"), "{text}");
    // A section the dossier has nothing in still says so.
    let mut empty = d.clone();
    empty.security_notes.clear();
    let laid = lay_out(&empty, &PackOptions::default());
    let text: String = (0..laid.pages.len()).map(|p| laid.page_text(p)).collect();
    assert!(text.contains("Security notes"), "{text}");
}

#[test]
fn long_titles_wrap_in_the_contents_rather_than_being_cut() {
    let mut d = store::parse_str(&sample_text()).unwrap();
    let long = "Kenya’s leadership of the Multinational Security Support (MSS) Mission in Haiti, \
                and what the United States said of it at the talks in Washington";
    d.talking_points[3].title = long.to_owned();
    let laid = lay_out(&d, &PackOptions::default());
    let contents = laid.page_text(1);
    assert!(!contents.contains('…'), "{contents}");
    for word in long.split_whitespace() {
        assert!(contents.contains(word), "“{word}” is missing: {contents}");
    }
}

#[test]
fn html_and_pdf_mark_a_delegation_by_its_whole_list() {
    let mut d = store::parse_str(&sample_text()).unwrap();
    d.meta.marking = Marking::new("SECRET");
    d.delegations[0].members[1].marking = Some(Marking::new("SECRET"));
    let heading = "(S) Kenya — visiting delegation";
    let html = attache::html::write(&d, &PackOptions::default());
    assert!(html.contains(heading), "{html}");
    let laid = lay_out(&d, &PackOptions::default());
    let text: String = (0..laid.pages.len()).map(|p| laid.page_text(p)).collect();
    assert!(text.contains(heading), "{text}");
    // No member has an organisation: neither pack prints the empty column.
    assert!(!html.contains("Organisation") && !text.contains("Organisation"));
}

#[test]
fn comments_print_only_when_asked_in_an_annex_that_counts_for_the_banner() {
    use attache::model::{Marking, Timestamp};
    let dir = tempfile::tempdir().unwrap();
    let mut d = attache::store::parse_str(&sample_text()).unwrap();
    // Every portion OFFICIAL under an OFFICIAL-SENSITIVE dossier: a pack of the
    // programme alone is marked OFFICIAL; the annex counts at the dossier's marking.
    d.meta.marking = Marking::new("OFFICIAL-SENSITIVE");
    // The title page's words are OFFICIAL: each pack is marked by what it holds.
    d.meta.title_marking = Some(Marking::new("OFFICIAL"));
    for p in &mut d.programme {
        p.marking = Some(Marking::new("OFFICIAL"));
    }
    let at: Timestamp = "2026-12-02T09:30Z".parse().unwrap();
    let on = d.programme[0].id.clone();
    let mut c =
        attache::review::comment(Some(on), "location", "A. Reviewer", "Confirm the room.", at);
    c.replies.push(attache::review::reply(
        "B. Officer",
        "Room 7, confirmed.",
        at,
    ));
    d.comments.push(c);
    // On an item the pack leaves out: never printed, it would tell what was left out.
    let hidden = d.talking_points[0].id.clone();
    d.comments.push(attache::review::comment(
        Some(hidden),
        "",
        "C",
        "Secret remark.",
        at,
    ));
    d.approvals.push(attache::review::approve(
        &d,
        "Jane Doe",
        "Head of Protocol",
        at,
    ));
    let path = dir.path().join("c.ron");
    attache::store::save(&path, &d, Default::default()).unwrap();

    let plain = export(dir.path(), "plain.pdf", &path, &["--sections", "programme"]);
    let text = tool("pdftotext", &[plain.to_str().unwrap(), "-"]);
    assert!(
        !text.contains("Confirm the room"),
        "comments are left out by default"
    );
    assert!(text.contains("Approved by Jane Doe (Head of Protocol) on 2 December 2026"));
    assert!(page_text(&plain, 2).contains("OFFICIAL") && !text.contains("OFFICIAL-SENSITIVE"));

    let annexed = export(
        dir.path(),
        "annex.pdf",
        &path,
        &["--sections", "programme", "--comments"],
    );
    let text = tool("pdftotext", &[annexed.to_str().unwrap(), "-"]);
    for expected in [
        "Annex: Review comments",
        "Confirm the room.",
        "Room 7, confirmed.",
        "A. Reviewer",
        "› location",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    assert!(!text.contains("Secret remark"), "{text}");
    let last = page_count(&annexed);
    assert!(page_text(&annexed, last).contains("OFFICIAL-SENSITIVE"));
    assert!(
        page_text(&annexed, 2).contains("Annex: Review comments"),
        "in the contents"
    );

    // The HTML pack says the same.
    let html = dir.path().join("annex.html");
    let (code, out) = run_on(
        &[
            "export",
            "--sections",
            "programme",
            "--comments",
            "-o",
            html.to_str().unwrap(),
        ],
        &[&path],
    );
    assert_eq!(code, 0, "{out}");
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("Annex: Review comments") && html.contains("Room 7, confirmed."));
    assert!(html.contains("content=\"OFFICIAL-SENSITIVE\""));
    assert!(!html.contains("Secret remark"));
}

/// The `page` validator (PyPI page-validation, which passes the veraPDF corpus; `.ci/run`
/// installs it): whether `pdf` meets `profile`, and the rules it breaks.
fn validate(pdf: &Path, profile: &str) -> (bool, Vec<String>) {
    let script = "import sys, page\n\
        r = page.validate_pdf(sys.argv[1], profile=sys.argv[2])\n\
        v = lambda o, a: getattr(o, a)() if callable(getattr(o, a)) else getattr(o, a)\n\
        print('compliant' if v(r, 'is_compliant') else 'fails')\n\
        for f in v(r, 'failures'): print(v(f, 'rule_id'))\n";
    let out = tool("python3", &["-c", script, pdf.to_str().unwrap(), profile]);
    let mut lines = out.lines();
    let ok = lines.next() == Some("compliant");
    let mut rules: Vec<String> = lines.map(str::to_owned).collect();
    rules.sort();
    rules.dedup();
    (ok, rules)
}

#[test]
fn packs_are_tagged_pdf_ua_1_and_pdf_a_2a_and_claim_nothing_they_are_not() {
    let dir = tempfile::tempdir().unwrap();
    // The sample (no date), and a long synthetic pack with dates, links and every section.
    let synthetic = dir.path().join("synthetic.ron");
    let d = generate(Params {
        members: 400,
        points: 120,
        notes: 20,
        programme: 30,
        seed: 5,
    });
    assert!(d.meta.start_date.is_some());
    store::save(&synthetic, &d, store::SaveOptions { backup: false }).unwrap();
    for (name, dossier) in [
        ("sample.pdf", Path::new(SAMPLE)),
        ("synthetic.pdf", synthetic.as_path()),
    ] {
        let pdf = export(dir.path(), name, dossier, &[]);
        let (ok, rules) = validate(&pdf, "2a");
        assert!(ok, "{name} breaks PDF/A-2a rules: {rules:?}");
        let (ok, rules) = validate(&pdf, "ua1");
        assert!(ok, "{name} breaks PDF/UA-1 rules: {rules:?}");
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("<pdfaid:part>2</pdfaid:part>"),
            "{name}: XMP claims PDF/A-2"
        );
        assert!(text.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(text.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(!text.contains("GTS_PDFX"), "{name}: no PDF/X claim");
        let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert!(
            check.contains("No syntax or stream encoding errors found"),
            "{check}"
        );
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(info.contains("Producer:"), "{info}");
        assert!(info.contains("Tagged:          yes"), "{info}");
    }
    let info = tool(
        "pdfinfo",
        &[dir.path().join("synthetic.pdf").to_str().unwrap()],
    );
    let date = d.meta.start_date.unwrap();
    assert!(
        info.contains(&format!("{}", date.year())),
        "dated from the visit: {info}"
    );
}

#[test]
fn crafted_metadata_cannot_break_the_xmp() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.meta.title = "<?xpacket end=\"w\"?></x:xmpmeta> & ]]> \u{202E}talks".to_owned();
    d.meta.prepared_by = "Office <script>\u{7}".to_owned();
    // Longer than a PDF/A string may be, written as UTF-16: the subject, the contents
    // link and the bookmark of a heading are cut to fit, in the XMP as in the info.
    d.meta.occasion = "é".repeat(40_000);
    d.talking_points[0].title = "ş".repeat(20_000);
    let file = dir.path().join("crafted.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(dir.path(), "crafted.pdf", &file, &[]);
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "still {profile}: {rules:?}");
    }
    let text = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert_eq!(
        text.matches("<?xpacket end=").count(),
        1,
        "one packet, closed once"
    );
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("</x:xmpmeta> & ]]>"),
        "the title reads as written: {info}"
    );
}

/// The words of an HTML fragment: tags dropped, entities read.
fn html_words(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn the_html_pack_says_what_the_pdf_says_section_by_section() {
    // Markup, lists, if-raised lines, a wide delegation, comments: everything the two
    // used to describe each in their own way.
    let dir = tempfile::tempdir().unwrap();
    let sample = store::load(SAMPLE.as_ref()).unwrap();
    let mut d = generate(Params {
        members: 40,
        points: 12,
        notes: 4,
        programme: 6,
        seed: 5,
    });
    d.talking_points
        .extend(sample.talking_points.iter().cloned());
    d.security_notes
        .extend(sample.security_notes.iter().cloned());
    let options = PackOptions::default();
    let doc = attache::document::build(&d, &options);
    let laid = attache::layout::lay_out_document(&doc, options.paper);
    let pdf = dir.path().join("pack.pdf");
    std::fs::write(&pdf, attache::pdf::write(&laid)).unwrap();
    let html = attache::html::render(&doc, options.paper);

    let parts: Vec<_> = laid.headings.iter().filter(|h| h.level == 0).collect();
    assert_eq!(parts.len(), doc.parts.len());
    let sections: Vec<&str> = html.split("<section id=").skip(1).collect();
    assert_eq!(sections.len(), doc.parts.len(), "one HTML section per part");
    // What the PDF prints around the text on every page, which the HTML has no need of.
    let pages = laid.pages.len();
    let frame: std::collections::BTreeSet<String> = (1..=pages)
        .flat_map(|p| {
            format!("Page {p} of {pages}")
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .chain(doc.footer.split_whitespace().map(str::to_owned))
        .chain(doc.banner.split_whitespace().map(str::to_owned))
        .chain(["(continued)".to_owned()])
        .collect();
    // List bullets and numbers, which the HTML leaves to the browser.
    let label = |w: &str| {
        w == "•"
            || w.strip_suffix('.')
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    for (k, part) in parts.iter().enumerate() {
        let first = part.page + 1;
        let last = parts.get(k + 1).map_or(pages, |next| next.page);
        let text = tool(
            "pdftotext",
            &[
                "-f",
                &first.to_string(),
                "-l",
                &last.to_string(),
                pdf.to_str().unwrap(),
                "-",
            ],
        );
        let in_pdf: std::collections::BTreeSet<String> = text
            .split_whitespace()
            .map(str::to_owned)
            .filter(|w| !frame.contains(w) && !label(w))
            .collect();
        // The section's own HTML, without the attribute that opened it.
        let section = sections[k].split_once('>').unwrap().1;
        let in_html: std::collections::BTreeSet<String> = html_words(section)
            .into_iter()
            .filter(|w| !frame.contains(w) && !label(w))
            .collect();
        assert!(in_html.len() > 20, "{}: {in_html:?}", part.title);
        let only_pdf: Vec<_> = in_pdf.difference(&in_html).collect();
        let only_html: Vec<_> = in_html.difference(&in_pdf).collect();
        assert!(
            only_pdf.is_empty() && only_html.is_empty(),
            "{}: only in the PDF {only_pdf:?}, only in the HTML {only_html:?}",
            part.title
        );
    }
    // Headings in order, without a gap, for a screen reader's heading list.
    let mut last = 1;
    for level in html
        .match_indices("<h")
        .filter_map(|(i, _)| html[i + 2..].chars().next().and_then(|c| c.to_digit(10)))
    {
        assert!(level <= last + 1, "h{level} follows h{last}");
        last = level;
    }
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<main>") && html.contains("<nav "));
    assert!(html.contains("<th scope=\"col\">Name</th>"));
}

#[test]
fn a_pack_is_in_the_dossiers_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.meta.language = "fr".into();
    let file = dir.path().join("fr.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("language: \"fr\""),
        "saved with the dossier"
    );
    let pdf = export(dir.path(), "fr.pdf", &file, &[]);
    let json = tool(
        "qpdf",
        &["--json", "--json-key=qpdf", pdf.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = &json["qpdf"][1];
    let root = objects["trailer"]["value"]["/Root"].as_str().unwrap();
    let catalog = &objects[format!("obj:{root}")]["value"];
    assert_eq!(catalog["/Lang"], "u:fr", "{catalog}");
    let html = export(dir.path(), "fr.html", &file, &[]);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("<html lang=\"fr\">"));
    // A crafted value (huge, a direction override, markup) is reported and never printed:
    // the pack is English, and still PDF/UA-1 and PDF/A-2a.
    d.meta.language = format!("{}\u{202E}<x>\"", "fr-".repeat(100_000));
    let file = dir.path().join("crafted.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(dir.path(), "crafted.pdf", &file, &[]);
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    let html = export(dir.path(), "crafted.html", &file, &[]);
    assert!(
        std::fs::read_to_string(html)
            .unwrap()
            .contains("<html lang=\"en\">")
    );
    // Not set: English, as before.
    let pdf = export(dir.path(), "en.pdf", Path::new(SAMPLE), &[]);
    let text = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(text.contains("<rdf:li>en</rdf:li>"), "XMP dc:language");
}

#[test]
fn a_dossier_in_french_prints_a_french_pack() {
    use attache::model::{Date, Timestamp};
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::parse_str(&sample_text()).unwrap();
    d.meta.language = "fr-CD".into();
    d.meta.start_date = Date::new(2026, 3, 1);
    d.meta.end_date = Date::new(2026, 3, 2);
    d.programme[0].date = Date::new(2026, 3, 2);
    let at: Timestamp = "2026-03-01T09:30Z".parse().unwrap();
    let on = d.talking_points[0].id.clone();
    d.comments.push(attache::review::comment(
        Some(on),
        "background",
        "A. Relecteur",
        "Vérifier la date.",
        at,
    ));
    d.approvals.push(attache::review::approve(
        &d,
        "Jane Doe",
        "Chef du protocole",
        at,
    ));
    let file = dir.path().join("fr.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (code, out) = run_on(&["check", file.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "French has the pack's words: no warning\n{out}");
    assert!(out.contains("0 warnings"), "{out}");

    let pdf = export(dir.path(), "fr.pdf", &file, &["--comments"]);
    // The font draws U+00A0 with its space glyph, so the text reads back with a space.
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).replace('\u{a0}', " ");
    let nbsp = ' ';
    for expected in [
        "Rencontre bilatérale".to_uppercase(),
        "1er mars 2026 – 2 mars 2026".to_owned(),
        "Approuvé par Jane Doe (Chef du protocole) le 1er mars 2026".to_owned(),
        "Révision 1 · Projet".to_owned(),
        "Sommaire".to_owned(),
        "Page 2 sur".to_owned(),
        "Kenya — délégation invitée".to_owned(),
        "United States — délégation hôte".to_owned(),
        "Chef de délégation".to_owned(),
        "(nom à confirmer)".to_owned(),
        "2 mars 2026".to_owned(),
        format!("Priorité{nbsp}: haute"),
        "Prime Cabinet Secretary (nom non confirmé)".to_owned(),
        "Messages clés".to_owned(),
        "Si la question est soulevée".to_owned(),
        "Notes de sécurité".to_owned(),
        format!("Niveau de menace{nbsp}: non évalué"),
        format!("Annexe{nbsp}: commentaires de relecture"),
        format!("Sur l’élément de langage 1 «{nbsp}A long-standing"),
        "1er mars 2026, 09:30 UTC · ouvert".to_owned(),
    ] {
        assert!(text.contains(&expected), "{expected:?} in:\n{text}");
    }
    for english in [
        "Contents",
        " of 8",
        "Priority",
        "Objective",
        "Key messages",
        "Talking points",
        "visiting delegation",
        "host delegation",
        "March",
        "To be confirmed",
        "(name not confirmed)",
        "Review comments",
    ] {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
    // The dossier's content is printed as written.
    assert!(text.contains("A long-standing, respectful and strategic partnership"));
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Dossier d'information") || info.contains(&d.meta.occasion));

    // The HTML says the same words.
    let html = export(dir.path(), "fr.html", &file, &["--comments"]);
    let html = std::fs::read_to_string(html).unwrap();
    for expected in [
        "<html lang=\"fr-CD\">",
        "Sommaire",
        "délégation invitée",
        "<th scope=\"col\">Fonction</th>",
        "1er mars 2026",
    ] {
        assert!(html.contains(expected), "{expected:?}");
    }
    assert!(!html.contains("Contents") && !html.contains(" of \" counter(pages)"));

    // A language with no words of its own yet: English, and a warning that says so.
    d.meta.language = "sw-KE".into();
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (_, out) = run_on(&["check", file.to_str().unwrap()], &[]);
    assert!(out.contains("print in English"), "{out}");
    let pdf = export(dir.path(), "sw.pdf", &file, &[]);
    assert!(tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).contains("Contents"));
}

#[test]
fn names_in_other_scripts_print_shaped_in_their_order_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::parse_str(&sample_text()).unwrap();
    let names = [
        "محمد بن راشد",
        "אברהם לוי",
        "አበበ ቢቂላ",
        "किशोर कुमार",
        "ประยุทธ์ จันทร์โอชา",
    ];
    for (m, name) in d.delegations[0].members.iter_mut().zip(names) {
        m.full_name = name.to_owned();
    }
    // Chinese, Japanese and Korean come from the system's face (`.ci/run` installs
    // fonts-noto-cjk).
    assert!(
        attache::system_fonts::cjk().is_some(),
        "no CJK font: apt install fonts-noto-cjk"
    );
    let cjk = ["王小明", "김민준", "東京"];
    for (m, name) in d.delegations[1].members.iter_mut().zip(cjk) {
        m.full_name = name.to_owned();
    }
    // A tone mark over a vowel sign, drawn raised: "ที่" (at).
    d.programme[0].location = "東京 ที่ทำเนียบรัฐบาล".into();
    let names: Vec<&str> = names
        .into_iter()
        .chain(cjk)
        .chain(["ที่ทำเนียบรัฐบาล"])
        .collect();
    // A mixed line: a Latin honorific before a right-to-left name.
    d.delegations[0].members[0].honorific = "Dr.".into();
    // Persian: a zero-width non-joiner keeps letters apart inside a word, and a space
    // between words; the shaper draws both with the space glyph.
    d.meta.venue = "من می\u{200C}خواهم".into();
    let file = dir.path().join("scripts.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (code, out) = run_on(&["check", file.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 warnings"), "every name prints: {out}");

    let pdf = export(dir.path(), "scripts.pdf", &file, &[]);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    for face in ["Arabic", "Hebrew", "Ethiopic", "Devanagari", "Thai"] {
        assert!(
            fonts.contains(&format!("NotoSans{face}-Regular")),
            "{fonts}"
        );
    }
    // Read back in reading order: poppler puts right-to-left text drawn in visual order
    // back itself (marking it with embedding controls); a Devanagari vowel sign drawn
    // before its consonant ("कि") and Thai marks drawn raised come back from their
    // ActualText.
    let text: String = tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}'))
        .collect();
    for name in &names {
        assert!(text.contains(name), "{name:?} in:\n{text}");
    }
    assert!(text.contains("Dr. محمد بن راشد"), "{text}");
    // The words apart in copying, not run together by a joiner read as the space.
    assert!(text.contains("من میخواهم"), "{text}");
    // Every glyph of the fallbacks maps back to text (the shaping itself is checked in
    // `layout::fonts`).
    let qdf = dir.path().join("q.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    assert!(raw.contains("/ToUnicode"));
    // Each name in its language where its script says, for a screen reader's voice; the
    // Chinese characters alone (Chinese or Japanese) are left in the pack's.
    for lang in ["ar", "he", "am", "hi", "th", "ko"] {
        assert!(raw.contains(&format!("/Lang ({lang})")), "/Lang ({lang})");
    }
    assert!(!raw.contains("/Lang (zh)") && !raw.contains("/Lang (ja)"));
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    // Crafted: one grapheme of thirty thousand tone marks, and a paragraph separator
    // inside a name; still PDF/A (no string over its limit) and nothing after the
    // separator lost.
    d.talking_points[0].background = format!("ก{}", "\u{0E48}".repeat(30_000));
    // The same in the family's own face (one glyph string of 40 000 bytes unless it is
    // split) and in Arabic (a letter under sixteen thousand fathas).
    d.talking_points[0].objective = format!("e{}", "\u{0301}".repeat(20_000));
    d.talking_points[0].press_line = format!("ب{}", "\u{064E}".repeat(16_384));
    d.meta.venue = "ירושלים\u{2029}Jerusalem".into();
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let crafted = export(dir.path(), "crafted.pdf", &file, &[]);
    let (ok, rules) = validate(&crafted, "2a");
    assert!(ok, "{rules:?}");
    assert!(tool("pdftotext", &[crafted.to_str().unwrap(), "-"]).contains("Jerusalem"));

    // The same names in the editor's fonts and in the HTML, as written.
    let html = export(dir.path(), "scripts.html", &file, &[]);
    let html = std::fs::read_to_string(html).unwrap();
    for name in &names {
        assert!(html.contains(name), "{name:?}");
    }
    for (lang, name) in [
        ("ar", "محمد بن راشد"),
        ("he", "אברהם לוי"),
        ("ko", "김민준"),
    ] {
        assert!(
            html.contains(&format!("<span lang=\"{lang}\">{name}</span>")),
            "{name} in {lang}"
        );
    }
    assert!(!html.contains("lang=\"zh\""));
}

#[test]
fn text_no_face_has_prints_as_the_replacement_character_and_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::parse_str(&sample_text()).unwrap();
    // Tamil and Cherokee: no bundled face, nor the system's CJK face, has them.
    d.meta.venue = "Washington, D.C. (வாஷிங்டன்) ᏩᏏᏓᏂ".into();
    d.delegations[0].members[0].full_name = "Ꮎ Ꮳ Smith".into();
    let file = dir.path().join("uncovered.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (code, out) = run_on(&["check", file.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("in their place"), "{out}");
    let pdf = export(dir.path(), "uncovered.pdf", &file, &[]);
    // Drawn as U+FFFD, never as glyph 0 (which PDF/A and PDF/UA forbid), and read back,
    // copied and spoken as written.
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Washington, D.C. (வாஷிங்டன்) ᏩᏏᏓᏂ"), "{text}");
    assert!(text.contains("Ꮎ Ꮳ Smith"), "{text}");
    assert!(!text.contains('\u{FFFD}'), "{text}");
    assert_words_inside(&pdf);
    // Crafted: a word of twenty thousand such characters (cut across lines) and ten
    // thousand short ones: every string within PDF/A's limit, every piece on its page.
    d.talking_points[0].background = format!("{} {}", "Ꮳ".repeat(20_000), "ᏣᎳᎩ ".repeat(10_000));
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    // Marks stacked a hundred high stay by their line, inside the page.
    let marks = "\u{0E31}\u{0E34}\u{0E35}\u{0E36}\u{0E37}\u{0E38}\u{0E39}\u{0E47}\u{0E48}\u{0E49}";
    d.talking_points[1].objective = format!("ก{}", marks.repeat(60));
    // A variation selector (of a Japanese name's character) chooses a form; without a
    // face that has it, it is nothing, not a box.
    d.meta.venue = "葛\u{E0100}城".into();
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (code, out) = run_on(&["check", file.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("meta › venue"), "{out}");
    let crafted = export(dir.path(), "crafted.pdf", &file, &[]);
    let (ok, rules) = validate(&crafted, "2a");
    assert!(ok, "{rules:?}");
    assert_words_inside(&crafted);
    assert!(tool("pdftotext", &[crafted.to_str().unwrap(), "-"]).contains("葛城"));

    // A marking they cannot print stops the pack: a banner of boxes says nothing.
    d.delegations[0].marking = Some(Marking::parse("OFFICIAL//REL TO ᏣᎳᎩ").unwrap());
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let out_pdf = dir.path().join("refused.pdf");
    let (code, out) = run_on(&["export", file.to_str().unwrap(), "-o"], &[&out_pdf]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: delegation 1 “Kenya” › marking: a marking must print as it reads"),
        "{out}"
    );
    assert!(!out_pdf.exists());
}

#[test]
fn text_read_from_the_structure_keeps_the_spaces_between_lines() {
    // A screen reader reads the tagged text, not the page: a wrapped title, paragraph or
    // contents entry must not run the words at its line ends together.
    let dir = tempfile::tempdir().unwrap();
    let pdf = export(dir.path(), "pack.pdf", SAMPLE.as_ref(), &[]);
    let out = Command::new("pdfinfo")
        .args(["-struct-text", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\"Kenya–United States high-level bilateral talks\""),
        "{text}"
    );
    assert!(text.contains("\"Programme 3\""), "{text}");
    assert!(!text.contains("high-levelbilateral"), "{text}");
    assert!(
        text.contains("Participants: Kenya"),
        "between runs of two styles"
    );
    assert!(
        text.contains("future. Our response: Welcome"),
        "between paragraphs"
    );
    for role in ["TOCI", "Link", "H1", "H2", "H3", "LBody", "Lbl", "TH", "TD"] {
        assert!(text.contains(role), "a {role} element");
    }
}

#[test]
fn the_arrivals_table_lists_every_movement_in_time_order_marked_by_its_member() {
    use attache::model::Movement;
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.meta.marking = Marking::new("CONFIDENTIAL");
    // The title page's words are OFFICIAL: each pack is marked by what it holds.
    d.meta.title_marking = Some(Marking::new("OFFICIAL"));
    let at = |date: &str, time: &str, details: &str| {
        Some(Movement {
            date: Some(date.parse().unwrap()),
            time: Some(time.parse().unwrap()),
            details: details.into(),
        })
    };
    let ken = &mut d.delegations[0].members;
    ken[1].arrival = at("2025-03-11", "14:20", "Flight KQ 2");
    ken[1].departure = at("2025-03-14", "18:00", "Flight KQ 3");
    ken[1].hotel = "Willard InterContinental".into();
    ken[1].marking = Some(Marking::new("OFFICIAL"));
    ken[2].arrival = at("2025-03-11", "07:05", "Flight KQ 1");
    ken[2].marking = Some(Marking::new("CONFIDENTIAL"));
    let file = dir.path().join("moves.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();

    let pdf = export(
        dir.path(),
        "arrivals.pdf",
        &file,
        &["--sections", "arrivals"],
    );
    let words = |pdf: &Path| {
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let text = words(&pdf);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
    assert!(at("Arrivals and departures") < at("Flight KQ 1"));
    assert!(at("Flight KQ 1") < at("Flight KQ 2") && at("Flight KQ 2") < at("Flight KQ 3"));
    assert!(text.contains("Willard InterContinental"));
    assert!(text.contains("(C) Ambassador Monica Juma"), "{text}");
    assert!(text.contains("(O) Dr. Korir Sing’oei"), "{text}");
    // Marked by the rows it prints: a CONFIDENTIAL member's arrival makes it CONFIDENTIAL,
    // and without it the table is OFFICIAL, whatever the dossier's own marking.
    assert!(page_text(&pdf, 1).contains("CONFIDENTIAL"));
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    d.delegations[0].members[2].arrival = None;
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "official.pdf",
        &file,
        &["--sections", "arrivals"],
    );
    let first = page_text(&pdf, 1);
    assert!(
        first.contains("OFFICIAL") && !first.contains("CONFIDENTIAL"),
        "{first}"
    );

    // Not in the standard pack; in the HTML pack and in French when asked for.
    let whole = export(dir.path(), "whole.pdf", &file, &[]);
    assert!(!tool("pdftotext", &[whole.to_str().unwrap(), "-"]).contains("Flight KQ 2"));
    let html = export(
        dir.path(),
        "arrivals.html",
        &file,
        &["--sections", "arrivals"],
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("Flight KQ 2") && html.contains("Willard InterContinental"));
    d.meta.language = "fr".into();
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(dir.path(), "fr.pdf", &file, &["--sections", "arrivals"]);
    let text = words(&pdf);
    assert!(
        text.contains("Arrivées et départs") && text.contains("Arrivée"),
        "{text}"
    );
    assert!(
        text.contains("Départ") && text.contains("11 mars 2025"),
        "{text}"
    );
}

#[test]
fn biographies_print_by_delegation_and_precedence_each_marked_by_its_member() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.meta.marking = Marking::new("CONFIDENTIAL");
    let ken = &mut d.delegations[0].members;
    // Written out of order: the pack follows precedence, not the order of writing.
    ken[3].biography = "Ambassador in Washington.\n\n- Previously *Permanent Secretary*".into();
    ken[1].biography = "A lawyer and diplomat.".into();
    ken[1].marking = Some(Marking::new("OFFICIAL"));
    ken[3].marking = Some(Marking::new("CONFIDENTIAL"));
    let file = dir.path().join("bios.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "bios.pdf",
        &file,
        &["--sections", "biographies"],
    );
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = |s: &str| text.rfind(s).unwrap_or_else(|| panic!("{s} in {text}"));
    assert!(
        at("(O) Dr. Korir Sing’oei") < at("A lawyer and diplomat."),
        "{text}"
    );
    assert!(
        at("A lawyer and diplomat.") < at("(C) David Kerich"),
        "{text}"
    );
    assert!(at("Kenyan Ambassador to the United States") < at("Ambassador in Washington."));
    assert!(text.contains("• Previously Permanent Secretary"), "{text}");
    assert!(
        !text.contains("Christopher Kirigua"),
        "no biography, no block"
    );
    assert!(page_text(&pdf, 1).contains("CONFIDENTIAL"));
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    let html = export(
        dir.path(),
        "bios.html",
        &file,
        &["--sections", "biographies"],
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("A lawyer and diplomat.") && html.contains("biography-ken-singoei"));
    // Not in the standard pack.
    let whole = export(dir.path(), "whole.pdf", &file, &[]);
    assert!(!tool("pdftotext", &[whole.to_str().unwrap(), "-"]).contains("A lawyer"));
}

#[test]
fn crafted_protocol_fields_print_whole_and_validate() {
    use attache::model::Movement;
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    let m = &mut d.delegations[0].members[1];
    // A biography of a hundred thousand characters with two hundred nested list levels,
    // a hotel with a direction override and markup, a movement's details of one long word.
    m.biography = format!(
        "{}\n\n{}\n\nEND-OF-BIOGRAPHY",
        "Diplomat and lawyer. ".repeat(5_000),
        (0..200)
            .map(|i| format!("{}- level {i}", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n")
    );
    m.hotel = "Willard\u{202E}<b>&amp;</b>".into();
    m.arrival = Some(Movement {
        date: Some("2025-03-11".parse().unwrap()),
        time: None,
        details: "KQ".repeat(2_000),
    });
    let file = dir.path().join("crafted.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "crafted.pdf",
        &file,
        &["--sections", "biographies,arrivals"],
    );
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("END-OF-BIOGRAPHY") && text.contains("level 199"));
    assert!(
        !text.contains('\u{202E}'),
        "a direction override is not drawn"
    );
    assert!(
        text.contains("Willard<b>&amp;<"),
        "markup in a hotel is text (cut where the column ends)"
    );
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
}

#[test]
fn a_long_arrivals_table_is_a_table_a_day_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let d = generate(Params {
        members: 2000,
        points: 1,
        notes: 1,
        programme: 5,
        seed: 1,
    });
    let moves = d.movements().count();
    assert!(moves > 1024, "more rows than one table may hold: {moves}");
    let file = dir.path().join("arrivals.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "arrivals.pdf",
        &file,
        &["--sections", "arrivals"],
    );
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let days: std::collections::BTreeSet<_> =
        d.movements().filter_map(|m| m.movement.date).collect();
    assert!(days.len() > 1);
    for day in days {
        let heading = format!("{} {} {}", day.day(), month(day.month()), day.year());
        assert!(text.contains(&heading), "a heading for {heading}");
    }
    let (ok, rules) = validate(&pdf, "ua1");
    assert!(ok, "{rules:?}");
}

fn month(m: u8) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][usize::from(m) - 1]
}

/// Every word's box on `pdf`'s pages, from `pdftotext -bbox`, lies inside its page.
fn assert_words_inside(pdf: &Path) {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let (mut w, mut h, mut words) = (0.0, 0.0, 0);
    for tag in html.split('<') {
        if tag.starts_with("page ") {
            (w, h) = (attr(tag, "width"), attr(tag, "height"));
        } else if tag.starts_with("word ") {
            words += 1;
            let (x0, y0, x1, y1) = (
                attr(tag, "xMin"),
                attr(tag, "yMin"),
                attr(tag, "xMax"),
                attr(tag, "yMax"),
            );
            assert!(
                x0 >= 0.0 && y0 >= 0.0 && x1 <= w && y1 <= h,
                "a word outside its page: {tag}"
            );
        }
    }
    assert!(words > 0, "{pdf:?} has words");
}

/// A picture as an image file of `format`: a gradient, with some transparency if PNG.
fn picture(w: u32, h: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, y| {
        image::Rgba([(x * 255 / w) as u8, (y * 255 / h) as u8, 100, 200])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    match format {
        image::ImageFormat::Png => img.write_to(&mut out, format).unwrap(),
        _ => image::DynamicImage::ImageRgba8(img)
            .to_rgb8()
            .write_to(&mut out, format)
            .unwrap(),
    }
    out.into_inner()
}

#[test]
fn biographies_show_each_photo_beside_its_text_with_alternative_text() {
    use attache::model::Photo;
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    let photo = Photo::import(&picture(900, 1200, image::ImageFormat::Jpeg)).unwrap();
    let ken = &mut d.delegations[0].members;
    ken[1].biography = format!("{} END-OF-TEXT", "A lawyer and diplomat. ".repeat(80));
    ken[1].photo = Some(photo.clone());
    // A photo without a biography is a block too; the same photo twice is embedded once.
    ken[3].photo = Some(Photo::import(&picture(400, 300, image::ImageFormat::Png)).unwrap());
    d.delegations[1].members[0].photo = Some(photo);
    let file = dir.path().join("photos.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "photos.pdf",
        &file,
        &["--sections", "biographies"],
    );
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    // Drawn three times, embedded twice; each 300 × 400, as JPEG.
    assert_eq!(rows.len(), 3, "{images}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!((cols[3], cols[4], cols[8]), ("300", "400", "jpeg"), "{row}");
    }
    let objects: std::collections::HashSet<&str> = rows
        .iter()
        .map(|r| r.split_whitespace().nth(10).unwrap())
        .collect();
    assert_eq!(objects.len(), 2, "the same photo is one object: {images}");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("END-OF-TEXT") && text.contains("David Kerich"),
        "{text}"
    );
    // A screen reader hears the figures by their names.
    let json = tool("qpdf", &["--json", pdf.to_str().unwrap()]);
    for name in ["Dr. Korir Sing’oei", "David Kerich", "Senator Marco Rubio"] {
        assert!(
            json.contains(&format!("Photo of {name}")),
            "alt text for {name}"
        );
    }
    assert_words_inside(&pdf);
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    let html = export(
        dir.path(),
        "photos.html",
        &file,
        &["--sections", "biographies"],
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert_eq!(
        html.matches("<img src=\"data:image/jpeg;base64,").count(),
        3
    );
    assert!(
        html.contains("alt=\"Photo of Dr. Korir Sing’oei\""),
        "{html}"
    );

    // In French, the alternative text is French too.
    d.meta.language = "fr".into();
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(dir.path(), "fr.pdf", &file, &["--sections", "biographies"]);
    let json = tool("qpdf", &["--json", pdf.to_str().unwrap()]);
    assert!(json.contains("Photo de Dr. Korir Sing’oei"));
}

/// Each page's words with the top of their boxes, from `pdftotext -bbox`.
fn words_by_page(pdf: &Path) -> Vec<Vec<(String, f32)>> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut pages: Vec<Vec<(String, f32)>> = Vec::new();
    for tag in html.split('<') {
        if tag.starts_with("page ") {
            pages.push(Vec::new());
        } else if let Some(rest) = tag.strip_prefix("word ") {
            let y: f32 = rest
                .split("yMin=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .unwrap();
            let word = rest.rsplit('>').next().unwrap_or_default().to_owned();
            pages.last_mut().unwrap().push((word, y));
        }
    }
    pages
}

#[test]
fn place_cards_come_one_per_member_by_precedence_reading_from_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.meta.marking = Marking::new("OFFICIAL");
    d.delegations[1].members[1].marking = Some(Marking::new("SECRET"));
    let file = dir.path().join("visit.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let out = dir.path().join("cards.pdf");
    let (code, text) = run_on(&["cards", "-o"], &[&out, &file]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains(
            "warning: no card for Kenya No. 1 (Prime Cabinet Secretary): the name is not confirmed"
        ),
        "{text}"
    );
    assert!(text.contains("6 cards, marked SECRET"), "{text}");
    let info = tool("pdfinfo", &[out.to_str().unwrap()]);
    assert!(info.contains("841.89 x 595.28 pts"), "A4 landscape: {info}");
    // In delegation order and precedence; each name on both halves, one half turned.
    let expected = [
        "Dr. Korir Sing’oei",
        "Ambassador Monica Juma",
        "David Kerich",
        "Christopher Kirigua",
        "Senator Marco Rubio",
        "Ambassador Christopher Landau",
    ];
    let pages = words_by_page(&out);
    assert_eq!(pages.len(), expected.len());
    for (page, name) in pages.iter().zip(expected) {
        let last = name.split(' ').next_back().unwrap();
        let at: Vec<f32> = page
            .iter()
            .filter(|(w, _)| w.contains(last))
            .map(|(_, y)| *y)
            .collect();
        assert_eq!(at.len(), 2, "{name} twice: {page:?}");
        assert!(
            at.iter().any(|&y| y < 297.6) && at.iter().any(|&y| y > 297.6),
            "{name}: once on each half: {at:?}"
        );
    }
    // A card is marked by its member, and the position is printed only when asked.
    let page = |n: usize| page_text(&out, n);
    assert!(page(6).contains("SECRET") && !page(5).contains("SECRET"));
    assert!(!page(1).contains("Principal Secretary"));
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&out, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    assert_words_inside(&out);
    // The same dossier, the same bytes.
    let again = dir.path().join("again.pdf");
    assert_eq!(run_on(&["cards", "-o"], &[&again, &file]).0, 0);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());

    // One delegation, with positions, on Letter.
    let usa = dir.path().join("usa.pdf");
    let (code, text) = run_on(
        &[
            "cards",
            "--delegation",
            "usa",
            "--position",
            "--paper",
            "letter",
            "-o",
        ],
        &[&usa, &file],
    );
    assert_eq!(code, 0, "{text}");
    assert_eq!(page_count(&usa), 2);
    assert!(page_text(&usa, 1).contains("U.S. Secretary of State"));
    assert!(tool("pdfinfo", &[usa.to_str().unwrap()]).contains("792 x 612 pts"));
    // What cannot be made is said, and nothing is written.
    for (args, says) in [
        (
            vec!["cards", "--delegation", "fra", "-o"],
            "no delegation \"fra\"",
        ),
        (vec!["cards", "-o"], "place cards are written as PDF"),
    ] {
        let target = if says.contains("PDF") {
            dir.path().join("cards.html")
        } else {
            dir.path().join("none.pdf")
        };
        let (code, text) = run_on(&args, &[&target, &file]);
        assert_eq!(code, 1, "{text}");
        assert!(text.contains(says), "{text}");
        assert!(!target.exists());
    }
}

/// The top of each word's box on the page of `pdf` that holds the seating drawing (its
/// scale note), by word (its first occurrence there).
fn word_tops(pdf: &Path) -> std::collections::HashMap<String, f32> {
    let mut at = std::collections::HashMap::new();
    let page = words_by_page(pdf)
        .into_iter()
        .find(|p| p.iter().any(|(w, _)| w == "Scale"))
        .expect("a page with the drawing");
    for (w, y) in page {
        at.entry(w).or_insert(y);
    }
    at
}

#[test]
fn the_seating_plan_is_drawn_heads_facing_by_precedence_and_as_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = export(
        dir.path(),
        "seating.pdf",
        Path::new(SAMPLE),
        &["--sections", "seating"],
    );
    let y = word_tops(&pdf);
    let top = |w: &str| *y.get(w).unwrap_or_else(|| panic!("{w} in {y:?}"));
    // The heads face each other; each No. 2 on the head's right, No. 3 on the left (the
    // United States on the left of the page facing right, their right hand down the page;
    // Kenya on the right facing left).
    assert!((top("Rubio") - top("Cabinet")).abs() < 12.0, "{y:?}");
    assert!(top("Landau") > top("Rubio"));
    assert!(top("Sing’oei") < top("Cabinet") && top("Juma") > top("Cabinet"));
    assert!(top("Kerich") < top("Sing’oei") && top("Kirigua") > top("Juma"));
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    // The largest scale at which the lists of seats come on the drawing's page too.
    assert!(text.contains("Scale 1:30; each seat 60 cm."), "{text}");
    let last = page_count(&pdf);
    let page = page_text(&pdf, last);
    assert!(
        page.contains("Scale 1:30")
            && page.contains("Left 2")
            && page.contains("Deputy Ambassador"),
        "drawing and lists on one page: {page}"
    );
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    assert_words_inside(&pdf);

    // Swapped as the officer chose, the plan is printed as chosen.
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    let ken = &d.delegations[0];
    d.delegations[0].seating = Some(attache::model::seating::swapped(ken, false, 1, 3));
    let file = dir.path().join("chosen.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let (code, json) = run_on(&["seating", "--format", "json"], &[&file]);
    assert_eq!(code, 0, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let seats = &v["tables"][0]["sides"][1]["seats"];
    assert_eq!(
        seats,
        &serde_json::json!([
            "ken-kirigua",
            "ken-singoei",
            "ken-pcs",
            "ken-juma",
            "ken-kerich"
        ]),
        "{json}"
    );
    let pdf = export(dir.path(), "chosen.pdf", &file, &["--sections", "seating"]);
    let y = word_tops(&pdf);
    let top = |w: &str| *y.get(w).unwrap_or_else(|| panic!("{w} in {y:?}"));
    assert!(top("Juma") < top("Cabinet") && top("Sing’oei") > top("Cabinet"));
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let right1 = text
        .lines()
        .find(|l| l.contains("Right 1") && l.contains("Juma"));
    assert!(right1.is_some(), "the list says where each sits: {text}");
    // An interpreter and a note-taker sit behind: their chairs drawn, the interpreter behind
    // the head; with no room for their names beside the chairs, their initials in them.
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    for (name, role) in [
        ("Grace Wambui", attache::model::MemberRole::Interpreter),
        ("Paul Mwangi", attache::model::MemberRole::NoteTaker),
    ] {
        let mut m = attache::model::Member::new();
        m.full_name = name.into();
        m.position = format!("{role:?}");
        m.role = role;
        d.delegations[0].members.push(m);
    }
    let behind = dir.path().join("behind.ron");
    store::save(&behind, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "behind.pdf",
        &behind,
        &["--sections", "seating"],
    );
    let y = word_tops(&pdf);
    let top = |w: &str| *y.get(w).unwrap_or_else(|| panic!("{w} in {y:?}"));
    assert!(
        (top("GW") - top("Rubio")).abs() < 12.0,
        "behind the heads: {y:?}"
    );
    assert!(top("PM") < top("GW"), "the note-taker on the head's right");
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("Behind, Centre") && text.contains("Grace Wambui"),
        "{text}"
    );
    assert_words_inside(&pdf);
    for profile in ["2a", "ua1"] {
        let (ok, rules) = validate(&pdf, profile);
        assert!(ok, "{profile}: {rules:?}");
    }
    // HTML: the same names, and the same scale.
    let html = export(dir.path(), "chosen.html", &file, &["--sections", "seating"]);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("Scale 1:30; each seat 60 cm.") && html.contains("role=\"img\""));
}

#[test]
fn a_photo_stays_on_the_page_of_its_name_and_is_never_stretched() {
    use attache::layout::Item;
    use attache::model::{Member, Photo};
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    let portrait = Photo::import(&picture(300, 400, image::ImageFormat::Jpeg)).unwrap();
    d.delegations[0].members = (0..40)
        .map(|i| {
            let mut m = Member::new();
            m.full_name = format!("Member Number {i}");
            m.position = "Adviser".into();
            m.photo = Some(portrait.clone());
            m
        })
        .collect();
    let laid = lay_out(
        &d,
        &PackOptions {
            sections: vec![Section::Biographies],
            ..PackOptions::default()
        },
    );
    let mut checked = 0;
    for h in laid
        .headings
        .iter()
        .filter(|h| h.title.contains("Member Number"))
    {
        let below = laid.pages[h.page].items.iter().any(|item| {
            matches!(item, Item::Image { y, w, h: ih, .. }
                if *y >= h.y && *y < h.y + 60.0 && (ih / w - 4.0 / 3.0).abs() < 0.01)
        });
        assert!(
            below,
            "{} on page {} has its photo under it",
            h.title,
            h.page + 1
        );
        checked += 1;
    }
    assert_eq!(checked, 40);

    // A stored photo much taller than a portrait is set narrower, in its proportions.
    let strip = {
        let img = image::RgbImage::from_fn(40, 400, |_, y| image::Rgb([(y / 2) as u8, 80, 80]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out,
            attache::model::photo::QUALITY,
        )
        .encode_image(&img)
        .unwrap();
        Photo::from_jpeg(&out).unwrap()
    };
    d.delegations[0].members.truncate(1);
    d.delegations[0].members[0].photo = Some(strip);
    let laid = lay_out(
        &d,
        &PackOptions {
            sections: vec![Section::Biographies],
            ..PackOptions::default()
        },
    );
    let (w, h) = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .find_map(|i| match i {
            Item::Image { w, h, .. } => Some((*w, *h)),
            _ => None,
        })
        .unwrap();
    assert!((h / w - 10.0).abs() < 0.01, "{w} × {h}");
}

#[test]
fn a_comment_on_a_member_prints_with_the_sections_that_print_the_member() {
    use attache::model::Timestamp;
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.delegations[0].members[1].biography = "A lawyer and diplomat.".into();
    let at: Timestamp = "2025-03-01T10:00Z".parse().unwrap();
    let mut on = |id: &str, text: &str| {
        let id = Some(attache::model::Id::new(id).unwrap());
        let c = attache::review::comment(id, "", "Amina Njoroge", text, at);
        d.comments.push(c);
    };
    on("ken-singoei", "CHECK-THE-BIOGRAPHY");
    on("ken-kirigua", "NO-BIOGRAPHY-HERE");
    let file = dir.path().join("annex.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(
        dir.path(),
        "annex.pdf",
        &file,
        &["--sections", "biographies", "--comments"],
    );
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("CHECK-THE-BIOGRAPHY"), "{text}");
    assert!(
        !text.contains("NO-BIOGRAPHY-HERE"),
        "a member the pack does not print: their comment is not printed either"
    );
}

#[test]
fn the_seating_plan_is_marked_by_everyone_it_seats() {
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    d.meta.marking = Marking::new("SECRET");
    // The title page's words are OFFICIAL: each pack is marked by what it holds.
    d.meta.title_marking = Some(Marking::new("OFFICIAL"));
    d.delegations[1].members[1].marking = Some(Marking::new("SECRET"));
    for del in &mut d.delegations {
        del.marking = Some(Marking::new("OFFICIAL"));
        for m in &mut del.members {
            m.marking.get_or_insert_with(|| Marking::new("OFFICIAL"));
        }
    }
    let laid = lay_out(
        &d,
        &PackOptions {
            sections: vec![Section::Seating],
            ..PackOptions::default()
        },
    );
    assert_eq!(laid.banner, "SECRET", "Landau's seat is SECRET");
    let text: String = (0..laid.pages.len()).map(|p| laid.page_text(p)).collect();
    assert!(text.contains("(S) United States – Kenya"), "{text}");
    d.delegations[1].members[1].marking = Some(Marking::new("OFFICIAL"));
    let laid = lay_out(
        &d,
        &PackOptions {
            sections: vec![Section::Seating],
            ..PackOptions::default()
        },
    );
    assert_eq!(laid.banner, "OFFICIAL");
}

#[test]
fn a_thai_phrase_longer_than_a_line_breaks_between_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = store::parse_str(&sample_text()).unwrap();
    // "Talks between Thailand and Kenya", written as Thai is, without spaces, many times.
    let words = [
        "การ",
        "ประชุม",
        "ระหว่าง",
        "ประเทศ",
        "ไทย",
        "และ",
        "เคน",
        "ยา",
    ];
    let phrase = words.concat().repeat(12);
    d.talking_points[0].objective = phrase.clone();
    let file = dir.path().join("thai.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(dir.path(), "thai.pdf", &file, &[]);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.chars().all(|c| matches!(c, '\u{0E00}'..='\u{0E7F}')))
        .filter(|l| phrase.contains(l))
        .collect();
    assert!(lines.len() > 2, "the phrase wraps: {lines:?}");
    assert_eq!(lines.concat(), phrase, "every line in order, nothing lost");
    // Each line ends where a word does.
    let mut ends = std::collections::BTreeSet::new();
    let mut at = 0;
    for w in words.iter().cycle().take(words.len() * 12) {
        at += w.len();
        ends.insert(at);
    }
    let mut at = 0;
    for line in &lines {
        at += line.len();
        assert!(ends.contains(&at), "a line ends inside a word: {line}");
    }
    assert_words_inside(&pdf);
}

/// The sample with a Kenyan delegation of `n`, "Dr. Member 0000" and on, each as its
/// second member is.
fn sample_with_kenyans(n: usize) -> attache::model::Dossier {
    let mut d = store::load(Path::new(SAMPLE)).unwrap();
    let template = d.delegations[0].members[1].clone();
    d.delegations[0].members = (0..n)
        .map(|i| {
            let mut m = template.clone();
            m.id = attache::model::Id::new(format!("ken-m{i:04}")).unwrap();
            m.full_name = format!("Member {i:04}");
            m
        })
        .collect();
    d
}

#[test]
fn a_long_list_of_bookmarks_is_grouped_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    // 450 cards: one bookmark each was 450 side by side, more than validators follow.
    let d = sample_with_kenyans(450);
    let file = dir.path().join("visit.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let out = dir.path().join("cards.pdf");
    let (code, text) = run_on(&["cards", "-o"], &[&out, &file]);
    assert_eq!(code, 0, "{text}");
    let (ok, rules) = validate(&out, "ua1");
    assert!(ok, "{rules:?}");
    // Three groups (200, 200, and 50 with the United States' 2), each named by its first and last, landing on its first.
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", out.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let top = json["outlines"].as_array().unwrap();
    let titles: Vec<&str> = top.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Dr. Member 0000 – Dr. Member 0199",
            "Dr. Member 0200 – Dr. Member 0399",
            "Dr. Member 0400 – Ambassador Christopher Landau"
        ]
    );
    let kids: Vec<usize> = top
        .iter()
        .map(|o| o["kids"].as_array().unwrap().len())
        .collect();
    assert_eq!(kids, [200, 200, 52], "the United States' two cards last");
    assert_eq!(
        top[1]["destpageposfrom1"],
        top[1]["kids"][0]["destpageposfrom1"]
    );
    assert_eq!(top[1]["kids"][0]["title"], "Dr. Member 0200");
    // Fewer stay as they are (the sample's cards: one bookmark each, no groups).
    let out = dir.path().join("six.pdf");
    let (code, text) = run_on(&["cards", "-o"], &[&out, Path::new(SAMPLE)]);
    assert_eq!(code, 0, "{text}");
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", out.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["outlines"].as_array().unwrap().len(), 6);
}

#[test]
fn a_delegation_of_more_than_a_thousand_is_tables_of_fewer_rows_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = sample_with_kenyans(1100);
    d.talking_points.clear();
    let file = dir.path().join("visit.ron");
    store::save(&file, &d, store::SaveOptions { backup: false }).unwrap();
    let pdf = export(dir.path(), "big.pdf", &file, &["--sections", "delegations"]);
    // One table of 1 100 rows was more than the validator reads (it stops at 1 024).
    let (ok, rules) = validate(&pdf, "ua1");
    assert!(ok, "{rules:?}");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for i in [0, 899, 900, 1099] {
        assert!(text.contains(&format!("Member {i:04}")), "{i}");
    }
    // Two tables for Kenya (the second from a page top, under its own header row), where
    // the eye sees one, its header repeated on every page; one for the United States, and
    // the cover's.
    let sample = export(
        dir.path(),
        "sample.pdf",
        Path::new(SAMPLE),
        &["--sections", "delegations"],
    );
    let tables = |pdf: &Path| {
        let qdf = dir.path().join("q.pdf");
        tool(
            "qpdf",
            &[
                "--qdf",
                "--object-streams=disable",
                pdf.to_str().unwrap(),
                qdf.to_str().unwrap(),
            ],
        );
        String::from_utf8_lossy(&std::fs::read(&qdf).unwrap())
            .matches("/S /Table")
            .count()
    };
    assert_eq!(tables(&pdf), tables(&sample) + 1);
    assert_words_inside(&pdf);
}

#[test]
fn a_placeholder_typed_as_a_name_is_warned_of_and_printed_as_not_confirmed_with_no_card() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visit.ron");
    let mut d = store::parse_str(&sample_text()).unwrap();
    d.delegations[0].members[2].full_name = "To be confirmed".to_owned();
    d.delegations[1].members[1].full_name = "[Name]".to_owned();
    store::save(&path, &d, Default::default()).unwrap();

    let (code, out) = run_on(&["check"], &[&path]);
    assert_eq!(code, 0, "a warning, not an error: {out}");
    assert!(
        out.contains("“To be confirmed” stands in for a name"),
        "{out}"
    );
    assert!(out.contains("“[Name]” stands in for a name"), "{out}");

    let pack = export(dir.path(), "pack.pdf", &path, &[]);
    let text = tool("pdftotext", &["-layout", pack.to_str().unwrap(), "-"]);
    // (The pack's own "To be confirmed" says the dates are not known.)
    assert!(!text.contains("[Name]"), "{text}");
    let advisor: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("National Security Advisor"))
        .collect();
    assert!(!advisor.is_empty());
    for line in &advisor {
        assert!(!line.contains("To be confirmed"), "{line}");
    }
    assert!(
        advisor.iter().any(|l| l.contains("(name to be confirmed)")),
        "{advisor:?}"
    );

    let cards = dir.path().join("cards.pdf");
    let (code, out) = run_on(
        &[
            "cards",
            path.to_str().unwrap(),
            "-o",
            cards.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("no card for Kenya No. 3 (National Security Advisor)"),
        "{out}"
    );
    let cards_text = tool("pdftotext", &[cards.to_str().unwrap(), "-"]);
    assert!(!cards_text.contains("To be confirmed"), "{cards_text}");
    assert!(!cards_text.contains("[Name]"), "{cards_text}");
}
