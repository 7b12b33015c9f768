//! Every printed field is marked by every item it comes from, in every section of the
//! pack, whichever item the text is printed from.
//!
//! Each item of the sample is in turn marked TOP SECRET, its text fields tagged with a
//! word of its own, every other item marked OFFICIAL; the pack of every section (and the
//! comments annex, with a comment on each item) is built, and each piece of text holding
//! the word must stand under a "(TS)" mark (its row's, else its heading's), under a TOP
//! SECRET banner.

mod common;

use attache::document::{self, Block, Cell, PackOptions, Sect};
use attache::model::{Dossier, Id, Marking, Movement, Section, Timestamp};

fn sample() -> Dossier {
    attache::store::parse_str(&common::sample_text()).expect("the sample reads")
}

/// The sample with every item marked OFFICIAL (the dossier TOP SECRET, so that no item
/// is above it), and every member on every protocol section's page: a biography, an
/// arrival and a departure.
fn base() -> Dossier {
    let mut d = sample();
    let official = Some(Marking::new("OFFICIAL"));
    d.meta.marking = Marking::new("TOP SECRET");
    for del in &mut d.delegations {
        del.marking = official.clone();
        for m in &mut del.members {
            m.marking = official.clone();
            if m.full_name.is_empty() {
                m.full_name = "Name To Come".into();
            }
            m.biography = "A career in public service.".into();
            m.arrival = Some(Movement {
                date: d.meta.start_date,
                time: None,
                details: "Flight".into(),
            });
            m.departure = m.arrival.clone();
        }
    }
    for p in &mut d.programme {
        p.marking = official.clone();
    }
    for t in &mut d.talking_points {
        t.marking = official.clone();
    }
    for n in &mut d.security_notes {
        n.marking = official.clone();
    }
    // A comment on every item, so that the annex names each.
    let at = Timestamp::now();
    let mut comments = Vec::new();
    for del in &d.delegations {
        comments.push(attache::review::comment(
            Some(del.id.clone()),
            "",
            "A",
            "c",
            at,
        ));
        for m in &del.members {
            comments.push(attache::review::comment(
                Some(m.id.clone()),
                "",
                "A",
                "c",
                at,
            ));
        }
    }
    let ids: Vec<Id> = d
        .programme
        .iter()
        .map(|p| p.id.clone())
        .chain(d.talking_points.iter().map(|t| t.id.clone()))
        .chain(d.security_notes.iter().map(|n| n.id.clone()))
        .collect();
    for id in ids {
        comments.push(attache::review::comment(Some(id), "", "A", "c", at));
    }
    d.comments = comments;
    d
}

/// The items of the dossier, each with a function that marks it TOP SECRET and tags its
/// text with `word`.
#[allow(clippy::type_complexity)]
fn items(d: &Dossier) -> Vec<(String, Box<dyn Fn(&mut Dossier, &str)>)> {
    let ts = || Some(Marking::new("TOP SECRET"));
    let mut out: Vec<(String, Box<dyn Fn(&mut Dossier, &str)>)> = Vec::new();
    for (i, del) in d.delegations.iter().enumerate() {
        out.push((
            format!("delegation {}", del.id),
            Box::new(move |d, w| {
                let del = &mut d.delegations[i];
                del.marking = ts();
                del.name = format!("{} {w}", del.name);
                del.notes = format!("{w} notes");
            }),
        ));
        for j in 0..del.members.len() {
            out.push((
                format!("member {}", del.members[j].id),
                Box::new(move |d, w| {
                    let m = &mut d.delegations[i].members[j];
                    m.marking = ts();
                    m.full_name = format!("{} {w}", m.full_name);
                    m.position = format!("{w} position");
                    m.organisation = format!("{w} organisation");
                    m.hotel = format!("{w} hotel");
                    m.biography = format!("{w} biography");
                    if let Some(a) = &mut m.arrival {
                        a.details = format!("{w} flight");
                    }
                }),
            ));
        }
    }
    for (i, p) in d.programme.iter().enumerate() {
        out.push((
            format!("programme item {}", p.id),
            Box::new(move |d, w| {
                let p = &mut d.programme[i];
                p.marking = ts();
                p.title = format!("{} {w}", p.title);
                p.location = format!("{w} location");
                p.participants = format!("{w} participants");
                p.notes = format!("{w} notes");
            }),
        ));
    }
    for (i, t) in d.talking_points.iter().enumerate() {
        out.push((
            format!("talking point {}", t.id),
            Box::new(move |d, w| {
                let t = &mut d.talking_points[i];
                t.marking = ts();
                // A topic of its own: the topic's heading is this point's words.
                t.topic = format!("{} {w}", t.topic);
                t.title = format!("{} {w}", t.title);
                t.objective = format!("{w} objective");
                t.key_messages.push(format!("{w} message"));
                t.background = format!("{w} background");
                t.press_line = format!("{w} press");
            }),
        ));
    }
    for (i, n) in d.security_notes.iter().enumerate() {
        out.push((
            format!("security note {}", n.id),
            Box::new(move |d, w| {
                let n = &mut d.security_notes[i];
                n.marking = ts();
                n.title = format!("{} {w}", n.title);
                n.region = format!("{w} region");
                n.summary = format!("{w} summary");
                n.key_actors.push(format!("{w} actor"));
            }),
        ));
    }
    out
}

/// Every piece of text in a section with the portion mark it stands under: a table row's
/// own mark (a cell that begins with one), else the nearest heading's.
fn texts<'a>(s: &'a Sect, above: Option<&'a str>, out: &mut Vec<(String, Option<String>)>) {
    let mark = s.mark.as_deref().or(above);
    out.push((s.title.clone(), mark.map(str::to_owned)));
    for b in &s.body {
        block(b, mark, out);
    }
}

fn block<'a>(b: &'a Block, mark: Option<&'a str>, out: &mut Vec<(String, Option<String>)>) {
    let spans = |cell: &Cell| cell.iter().map(|s| s.text.as_str()).collect::<String>();
    let under = |text: String, out: &mut Vec<(String, Option<String>)>| {
        out.push((text, mark.map(str::to_owned)));
    };
    match b {
        Block::Sect(s) => texts(s, mark, out),
        Block::Para(p) => under(spans(&p.spans), out),
        Block::List(l) => {
            for item in &l.items {
                for para in &item.body {
                    under(spans(para), out);
                }
            }
        }
        Block::Table(t) => {
            under(t.caption.clone(), out);
            for row in &t.rows {
                let cells: Vec<String> = row.iter().map(spans).collect();
                let own = cells.iter().find_map(|c| {
                    let end = c.find(')')?;
                    let m = &c[..=end];
                    (m.starts_with('(') && !m.contains(' ')).then(|| m.to_owned())
                });
                for c in cells {
                    out.push((c, own.clone().or(mark.map(str::to_owned))));
                }
            }
        }
        Block::Quote(blocks) => {
            for b in blocks {
                block(b, mark, out);
            }
        }
        Block::Figure(f) => {
            under(f.alt.clone(), out);
            for b in &f.beside {
                block(b, mark, out);
            }
        }
        Block::Seating(s) => {
            under(s.alt.clone(), out);
            for side in &s.sides {
                under(side.name.clone(), out);
                for seat in side.seats.iter().chain(&side.behind) {
                    under(format!("{} {}", seat.name, seat.position), out);
                }
            }
        }
    }
}

#[test]
fn every_printed_field_is_marked_by_every_item_it_comes_from() {
    let base = base();
    let options = PackOptions {
        sections: Section::ALL.to_vec(),
        comments: true,
        ..PackOptions::default()
    };
    let untouched = document::build(&base, &options);
    assert_eq!(
        untouched.banner, "TOP SECRET",
        "the annex counts at the dossier's"
    );
    let mut checked = 0;
    for (k, (what, tag)) in items(&base).into_iter().enumerate() {
        let word = format!("Qzx{k}w");
        let mut d = base.clone();
        tag(&mut d, &word);
        // The dossier's marking counts through the annex: lowered, only the portions
        // decide the banner.
        d.meta.marking = Marking::new("TOP SECRET");
        let doc = document::build(&d, &options);
        assert_eq!(doc.banner, "TOP SECRET", "{what}");
        let mut all = Vec::new();
        for part in &doc.parts {
            texts(part, None, &mut all);
        }
        let found: Vec<&(String, Option<String>)> =
            all.iter().filter(|(t, _)| t.contains(&word)).collect();
        assert!(!found.is_empty(), "{what}: its words are printed somewhere");
        for (text, mark) in found {
            assert_eq!(
                mark.as_deref(),
                Some("(TS)"),
                "{what}: “{text}” is printed under {mark:?}"
            );
            checked += 1;
        }
        assert!(!doc.cover.title.contains(&word) && !doc.footer.contains(&word));
    }
    assert!(checked > 100, "{checked} texts checked");
}

/// A pack of the arrivals alone, its members marked OFFICIAL and their delegation SECRET:
/// each row prints the delegation's name, so the rows, the day and the banner are SECRET.
#[test]
fn the_arrivals_are_marked_by_the_delegation_whose_name_they_print() {
    let mut d = base();
    d.meta.marking = Marking::new("SECRET");
    d.delegations[0].marking = Some(Marking::new("SECRET"));
    let options = PackOptions {
        sections: vec![Section::Arrivals],
        ..PackOptions::default()
    };
    let doc = document::build(&d, &options);
    assert_eq!(doc.banner, "SECRET");
    let mut all = Vec::new();
    for part in &doc.parts {
        texts(part, None, &mut all);
    }
    let name = &d.delegations[0].name;
    let rows: Vec<_> = all
        .iter()
        .filter(|(t, _)| t.contains(name.as_str()))
        .collect();
    assert!(!rows.is_empty());
    for (text, mark) in rows {
        assert_eq!(mark.as_deref(), Some("(S)"), "{text}");
    }
}

/// Release lists intersect: a banner never releases what one of its portions does not.
#[test]
fn a_pack_releases_only_what_every_portion_releases() {
    // Every portion unmarked: all take the dossier's release list.
    let mut d = sample();
    d.meta.marking = Marking::parse("SECRET//REL TO KEN, USA").unwrap();
    common::unmark(&mut d);
    let options = PackOptions {
        sections: vec![Section::TalkingPoints, Section::SecurityNotes],
        ..PackOptions::default()
    };
    assert_eq!(
        document::build(&d, &options).banner,
        "SECRET//REL TO KEN, USA"
    );
    d.security_notes[0].marking = Some(Marking::new("SECRET"));
    assert_eq!(document::build(&d, &options).banner, "SECRET");
    // `check` says why the banner releases to no one.
    let problems = attache::model::validate(&d);
    let said = problems
        .iter()
        .find(|p| p.message.contains("releases only what every portion"))
        .map(|p| p.message.clone())
        .unwrap_or_else(|| panic!("a warning explains the banner: {problems:#?}"));
    assert!(
        said.contains("security note 1") && said.contains("releases to no one"),
        "{said}"
    );
    // The dossier's marking releases what that note does not: an error there.
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("may release only what each of its"))
    );
    // With every portion releasable to Kenya alone or more, the pack is releasable to Kenya.
    d.security_notes[0].marking = Some(Marking::parse("SECRET//REL TO KEN, GBR, USA").unwrap());
    d.talking_points[0].marking = Some(Marking::parse("SECRET//REL TO KEN").unwrap());
    assert_eq!(document::build(&d, &options).banner, "SECRET//REL TO KEN");
}

/// The sample with every item marked as the dossier is (unmarked: inherited), the dossier
/// SECRET.
fn inherited(level: &str) -> Dossier {
    let mut d = sample();
    d.meta.marking = Marking::new(level);
    common::unmark(&mut d);
    d
}

fn save(dir: &std::path::Path, name: &str, d: &Dossier) -> std::path::PathBuf {
    let path = dir.join(name);
    attache::store::save(&path, d, attache::store::SaveOptions { backup: false }).unwrap();
    path
}

/// `attache merge` of three versions: (exit code, what it said, the merged dossier).
fn merge_cli(base: &Dossier, ours: &Dossier, theirs: &Dossier) -> (i32, String, Dossier) {
    let dir = tempfile::tempdir().unwrap();
    let (b, o, t) = (
        save(dir.path(), "base.ron", base),
        save(dir.path(), "ours.ron", ours),
        save(dir.path(), "theirs.ron", theirs),
    );
    let (code, text) = common::run_on(&["merge"], &[&b, &o, &t, "-o".as_ref(), &o]);
    let merged = attache::store::load(&o).expect("the merge is a dossier");
    (code, text, merged)
}

/// What a pack of the merged dossier prints for `text`: its portion mark and the banner.
fn printed(d: &Dossier, sections: &[Section], text: &str) -> (String, Vec<String>) {
    let doc = document::build(
        d,
        &PackOptions {
            sections: sections.to_vec(),
            ..PackOptions::default()
        },
    );
    let mut all = Vec::new();
    for part in &doc.parts {
        texts(part, None, &mut all);
    }
    let marks = all
        .into_iter()
        .filter(|(t, _)| t.contains(text))
        .map(|(_, m)| m.unwrap_or_default())
        .collect();
    (doc.banner, marks)
}

#[test]
fn a_merge_never_prints_a_sides_text_below_the_marking_that_side_gave_it() {
    // A point lowered on our side while theirs, still SECRET, adds a key message.
    let mut base = inherited("SECRET");
    base.talking_points[0].marking = Some(Marking::new("SECRET"));
    let mut ours = base.clone();
    ours.talking_points[0].marking = Some(Marking::new("OFFICIAL"));
    let mut theirs = base.clone();
    theirs.talking_points[0]
        .key_messages
        .push("Their secret message.".into());
    let (code, said, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("marking") && !said.contains("merged cleanly"),
        "{said}"
    );
    let point = &merged.talking_points[0];
    assert_eq!(
        point.marking,
        Some(Marking::new("SECRET")),
        "the higher stands"
    );
    assert!(
        point
            .key_messages
            .iter()
            .any(|m| m == "Their secret message.")
    );
    let c = &merged.conflicts[0];
    assert_eq!(
        (c.field.as_str(), c.item.as_ref()),
        ("marking", Some(&point.id))
    );
    assert_eq!(c.ours, Some("OFFICIAL".into()));
    assert_eq!(c.theirs, Some("SECRET".into()));
    // Keeping ours is a decision: the lower marking, then, and the conflict gone.
    let edits = attache::diff::resolve(&merged, 0, false).unwrap();
    let mut kept = merged.clone();
    for e in edits {
        e.apply(&mut kept).unwrap();
    }
    assert_eq!(
        kept.talking_points[0].marking,
        Some(Marking::new("OFFICIAL"))
    );
    assert!(kept.conflicts.is_empty());
    // The mirror: ours adds the message, theirs lowers.
    let (code, _, merged) = merge_cli(&base, &theirs, &ours);
    assert_eq!(code, 1);
    assert_eq!(
        merged.talking_points[0].marking,
        Some(Marking::new("SECRET"))
    );

    // The dossier's marking lowered while theirs adds an unmarked point under it.
    let base = inherited("SECRET");
    let mut ours = base.clone();
    ours.meta.marking = Marking::new("OFFICIAL");
    let mut theirs = base.clone();
    let mut point = theirs.talking_points[0].clone();
    point.id = Id::new("tp-theirs").unwrap();
    point.title = "Their secret point".into();
    theirs.talking_points.push(point);
    let (code, said, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("title page"), "{said}");
    assert_eq!(merged.meta.marking, Marking::new("SECRET"));
    let (banner, marks) = printed(&merged, &[Section::TalkingPoints], "Their secret point");
    assert_eq!((banner.as_str(), marks[0].as_str()), ("SECRET", "(S)"));

    // A delegation's marking lowered while theirs adds an unmarked member to it.
    let mut ours = base.clone();
    ours.delegations[1].marking = Some(Marking::new("OFFICIAL"));
    let mut theirs = base.clone();
    let mut member = theirs.delegations[1].members[0].clone();
    member.id = Id::new("usa-new").unwrap();
    member.full_name = "Their Secret Member".into();
    theirs.delegations[1].members.push(member);
    let (code, said, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1, "{said}");
    assert_eq!(merged.delegations[1].marking, Some(Marking::new("SECRET")));
    let (banner, _) = printed(&merged, &[Section::Delegations], "Their Secret Member");
    assert_eq!(banner, "SECRET");

    // A release widened on one side while the other adds text: a conflict too.
    let base = inherited("SECRET");
    let mut base_rel = base.clone();
    base_rel.meta.marking = Marking::parse("SECRET//REL TO KEN, USA").unwrap();
    base_rel.security_notes[0].marking = Some(Marking::parse("SECRET//REL TO KEN").unwrap());
    let mut ours = base_rel.clone();
    ours.security_notes[0].marking = Some(Marking::parse("SECRET//REL TO KEN, USA").unwrap());
    let mut theirs = base_rel.clone();
    theirs.security_notes[0].summary = "Only for Kenya.".into();
    let (code, _, merged) = merge_cli(&base_rel, &ours, &theirs);
    assert_eq!(code, 1);
    assert_eq!(
        merged.security_notes[0].marking,
        Some(Marking::parse("SECRET//REL TO KEN").unwrap())
    );

    // Lowered where nobody changed what it covers: clean, and lowered.
    let mut ours = base.clone();
    ours.talking_points[1].marking = Some(Marking::new("OFFICIAL"));
    let mut theirs = base.clone();
    theirs.talking_points[2].background = "Theirs.".into();
    let (code, said, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 0, "{said}");
    assert_eq!(
        merged.talking_points[1].marking,
        Some(Marking::new("OFFICIAL"))
    );
    assert!(merged.conflicts.is_empty());
}

#[test]
fn git_merges_a_lowered_marking_and_the_others_addition_as_a_conflict() {
    let git = common::git;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let base = inherited("SECRET");
    save(dir, "visit.ron", &base);
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "visit.ron"],
        &["commit", "-q", "-m", "base"],
        &[
            "config",
            "merge.attache.driver",
            concat!(env!("CARGO_BIN_EXE_attache"), " merge %O %A %B -o %A"),
        ],
    ] {
        assert!(git(dir, args).0);
    }
    std::fs::write(dir.join(".git/info/attributes"), "*.ron merge=attache\n").unwrap();
    let mut ours = base.clone();
    ours.meta.marking = Marking::new("OFFICIAL");
    let mut theirs = base.clone();
    theirs.security_notes[0].assessment = "Their secret assessment.".into();
    for (branch, d) in [("theirs", &theirs), ("ours", &ours)] {
        assert!(git(dir, &["checkout", "-q", "-b", branch, "main"]).0);
        save(dir, "visit.ron", d);
        assert!(git(dir, &["commit", "-q", "-am", branch]).0);
    }
    let (merged, text) = git(dir, &["merge", "--no-edit", "theirs"]);
    assert!(
        !merged,
        "a lowered marking over their change is not a clean merge:\n{text}"
    );
    let d = attache::store::load(&dir.join("visit.ron")).unwrap();
    assert_eq!(d.meta.marking, Marking::new("SECRET"));
    assert_eq!(d.conflicts.len(), 1, "{:#?}", d.conflicts);
}

#[test]
fn diff_says_a_release_was_widened_or_narrowed_not_raised_or_lowered() {
    let old = inherited("SECRET");
    let mut new = old.clone();
    new.security_notes[0].marking = Some(Marking::parse("SECRET//REL TO KEN, USA").unwrap());
    let mut narrow = old.clone();
    narrow.meta.marking = Marking::parse("SECRET//REL TO KEN, USA").unwrap();
    narrow.security_notes[0].marking = Some(Marking::parse("SECRET//REL TO KEN").unwrap());
    let text = |a: &Dossier, b: &Dossier| {
        attache::diff::text(&attache::diff::diff(a, b), attache::diff::Color::Never)
    };
    // SECRET (no list: releasable to no one) to releasable to Kenya and the US.
    let widened = text(&old, &new);
    assert!(
        widened.contains("▼ security note") && widened.contains("release widened"),
        "{widened}"
    );
    let back = text(&new, &old);
    assert!(back.contains("release narrowed"), "{back}");
    let json = attache::diff::json(&attache::diff::diff(&old, &new), "a", "b");
    assert!(json.contains("\"marking\": \"release_widened\""), "{json}");
    let raised = text(&narrow, &{
        let mut d = narrow.clone();
        d.security_notes[0].marking = Some(Marking::parse("TOP SECRET//REL TO KEN").unwrap());
        d
    });
    assert!(raised.contains("marking raised"), "{raised}");
}

#[test]
fn a_caveat_that_only_looks_like_a_release_list_stops_the_pack() {
    for caveat in [
        "REL\u{00A0}TO GBR",
        "REL\u{2009}TO GBR",
        "REL TO: GBR",
        "RELTO GBR",
        "REL GBR",
        "REL TO KEN/USA",
    ] {
        let mut d = inherited("SECRET");
        d.meta.marking = Marking::parse(&format!("SECRET//{caveat}")).unwrap();
        let problems = attache::model::validate(&d);
        assert!(
            problems.iter().any(|p| p.stops_pack()),
            "{caveat:?}: {problems:#?}"
        );
    }
    // A level's abbreviation is printed in portion marks: it cannot say more.
    let mut d = inherited("SECRET");
    d.scheme.levels[3].abbrev = "S//REL TO USA".into();
    let problems = attache::model::validate(&d);
    assert!(
        problems
            .iter()
            .any(|p| p.stops_pack() && p.message.contains("abbreviation"))
    );
    // Real release lists and controls are fine.
    let mut d = inherited("SECRET");
    d.meta.marking = Marking::parse("SECRET//RELIDO//REL TO KEN, USA").unwrap();
    assert!(!attache::model::validate(&d).iter().any(|p| p.stops_pack()));
}

#[test]
fn a_scheme_changed_on_one_side_while_the_other_marked_by_it_is_a_conflict() {
    let mut base = inherited("TOP SECRET");
    base.talking_points[0].marking = Some(Marking::new("OFFICIAL"));
    // Ours moves SECRET below OFFICIAL; theirs adds a SECRET point.
    let mut ours = base.clone();
    let levels = &mut ours.scheme.levels;
    let secret = levels.remove(3);
    levels.insert(0, secret);
    let mut theirs = base.clone();
    let mut point = theirs.talking_points[0].clone();
    point.id = Id::new("tp-secret").unwrap();
    point.title = "Secret plan".into();
    point.marking = Some(Marking::new("SECRET"));
    theirs.talking_points.push(point);
    let (code, said, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1, "{said}");
    assert_eq!(merged.scheme, base.scheme, "their scheme stands");
    assert!(
        merged.conflicts.iter().any(|c| c.section == "scheme"),
        "{said}"
    );
    // Keeping ours is a decision, taken as one.
    let i = merged
        .conflicts
        .iter()
        .position(|c| c.section == "scheme")
        .unwrap();
    let mut kept = merged.clone();
    for e in attache::diff::resolve(&merged, i, false).unwrap() {
        e.apply(&mut kept).unwrap();
    }
    assert_eq!(kept.scheme, ours.scheme);
    // A restrictive control dropped on one side, the other editing a NOFORN point.
    let mut base = inherited("SECRET");
    base.meta.marking = Marking::parse("SECRET//NOFORN//REL TO KEN").unwrap();
    base.scheme.restrictive = vec!["NOFORN".into()];
    let mut ours = base.clone();
    ours.scheme.restrictive.clear();
    let mut theirs = base.clone();
    theirs.talking_points[0].background = "Not for foreign eyes.".into();
    let (code, _, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1);
    assert_eq!(merged.scheme.restrictive, ["NOFORN"]);
    // A level added above the others changes no marking's meaning: clean.
    let base = inherited("SECRET");
    let mut ours = base.clone();
    ours.scheme.levels.push(attache::model::Level {
        name: "COSMIC".into(),
        abbrev: "CTS".into(),
    });
    let mut theirs = base.clone();
    theirs.talking_points[0].background = "Edited.".into();
    let (code, said, _) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 0, "{said}");
}

#[test]
fn the_title_pages_words_are_marked_and_a_merge_keeps_them_so() {
    // A SECRET dossier's title page is SECRET unless marked lower: a pack of OFFICIAL
    // points, or one whose sections print nothing, is then SECRET.
    let mut d = inherited("SECRET//REL TO KEN");
    for t in &mut d.talking_points {
        t.marking = Some(Marking::parse("OFFICIAL//REL TO KEN").unwrap());
    }
    for del in &mut d.delegations {
        for m in &mut del.members {
            m.marking = Some(Marking::parse("OFFICIAL//REL TO KEN").unwrap());
        }
    }
    let pack = |d: &Dossier, s: Section| {
        document::build(
            d,
            &PackOptions {
                sections: vec![s],
                ..PackOptions::default()
            },
        )
        .banner
    };
    assert_eq!(pack(&d, Section::TalkingPoints), "SECRET//REL TO KEN");
    assert_eq!(
        pack(&d, Section::Arrivals),
        "SECRET//REL TO KEN",
        "an empty section"
    );
    d.meta.title_marking = Some(Marking::parse("OFFICIAL//REL TO KEN").unwrap());
    assert_eq!(pack(&d, Section::TalkingPoints), "OFFICIAL//REL TO KEN");

    // Ours lowers the dossier's marking; theirs retitles it, or adds a saved pack (whose
    // name every page of that pack prints).
    let base = inherited("SECRET");
    let mut ours = base.clone();
    ours.meta.marking = Marking::new("OFFICIAL");
    let mut retitled = base.clone();
    retitled.meta.title = "Operation Nightfall".into();
    let mut named = base.clone();
    named.packs.push(attache::model::Pack {
        name: "Nightfall pack".into(),
        sections: vec![Section::TalkingPoints],
        exclude: Vec::new(),
    });
    for theirs in [&retitled, &named] {
        let (code, said, merged) = merge_cli(&base, &ours, theirs);
        assert_eq!(code, 1, "{said}");
        assert_eq!(merged.meta.marking, Marking::new("SECRET"));
    }
    // A delegation lowered on one side while the other changes its order of precedence.
    let base = inherited("SECRET");
    let mut ours = base.clone();
    ours.delegations[0].marking = Some(Marking::new("OFFICIAL"));
    let mut theirs = base.clone();
    theirs.delegations[0].members.swap(1, 2);
    let (code, said, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1, "{said}");
    assert_eq!(merged.delegations[0].marking, Some(Marking::new("SECRET")));
}

#[test]
fn second_round_of_hostile_markings_holds() {
    // A member moved under a lower delegation on one side, edited on the other: the
    // member's own marking is raised, and the two choices are the raised and the lower.
    let mut base = inherited("SECRET");
    base.delegations[1].marking = Some(Marking::new("SECRET"));
    base.delegations[0].marking = Some(Marking::new("OFFICIAL"));
    let mut ours = base.clone();
    let m = ours.delegations[1].members.remove(0);
    let id = m.id.clone();
    ours.delegations[0].members.push(m);
    let mut theirs = base.clone();
    theirs.delegations[1].members[0].position = "Secret station chief".into();
    let (code, said, merged) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1, "{said}");
    let (_, member) = merged.member(&id).unwrap();
    assert_eq!(member.marking, Some(Marking::new("SECRET")));
    let i = merged
        .conflicts
        .iter()
        .position(|c| c.item.as_ref() == Some(&id))
        .expect("a conflict on the member");
    assert_eq!(merged.conflicts[i].theirs, Some("SECRET".into()));
    let mut taken = merged.clone();
    for e in attache::diff::resolve(&merged, i, true).unwrap() {
        e.apply(&mut taken).unwrap();
    }
    assert_eq!(
        taken.member(&id).unwrap().1.marking,
        Some(Marking::new("SECRET"))
    );

    // An abbreviation that is another level's name; a level named as a release list.
    let mut d = inherited("SECRET");
    d.scheme.levels[3].abbrev = "OFFICIAL".into();
    assert!(attache::model::validate(&d).iter().any(|p| p.stops_pack()));
    let mut d = inherited("SECRET");
    d.scheme.levels[4].name = "REL TO KEN".into();
    assert!(attache::model::validate(&d).iter().any(|p| p.stops_pack()));

    // Countries in another order are no marking change; the title page's marking is
    // said as such.
    let mut old = inherited("SECRET");
    old.meta.marking = Marking::parse("SECRET//REL TO KEN, USA").unwrap();
    let mut new = old.clone();
    new.meta.marking = Marking::parse("SECRET//REL TO USA, KEN").unwrap();
    new.meta.title_marking = Some(Marking::parse("OFFICIAL//REL TO KEN, USA").unwrap());
    let changes = attache::diff::diff(&old, &new);
    let marked: Vec<String> = changes
        .iter()
        .filter(|c| c.marking.is_some())
        .map(attache::diff::summary)
        .collect();
    assert_eq!(marked, ["title page marking lowered"], "{changes:#?}");

    // Levels added on both sides, differently: a conflict.
    let base = inherited("SECRET");
    let level = |n: &str| attache::model::Level {
        name: n.into(),
        abbrev: n[..2].into(),
    };
    let mut ours = base.clone();
    ours.scheme.levels.push(level("COSMIC"));
    let mut theirs = base.clone();
    theirs.scheme.levels.push(level("ULTRA"));
    let (code, said, _) = merge_cli(&base, &ours, &theirs);
    assert_eq!(code, 1, "{said}");
}

/// A marking of megabytes (a release list of fifty thousand countries) is an error that
/// stops the pack; nothing reads it again for every portion it covers: validation quotes
/// it shortened, once, and a merge does not judge it but conflicts.
#[test]
fn a_marking_beyond_the_limits_is_refused_once_and_never_read_per_portion() {
    let countries: Vec<String> = (0..50_000).map(|i| format!("C{i}")).collect();
    let huge = Marking::parse(&format!("SECRET//REL TO KEN, {}", countries.join(", "))).unwrap();
    let mut d = inherited("SECRET");
    d.meta.marking = huge.clone();
    for t in &mut d.talking_points {
        t.marking = Some(Marking::parse("SECRET//REL TO KEN").unwrap());
    }
    let problems = attache::model::validate(&d);
    assert!(problems.iter().any(|p| p.stops_pack()));
    let said: usize = problems.iter().map(|p| p.message.len()).sum();
    let longest = problems.iter().max_by_key(|p| p.message.len()).unwrap();
    assert!(
        said < 20_000,
        "{said} bytes of messages, the longest: {}",
        &longest.message[..300]
    );
    let doc = document::build(&d, &PackOptions::default());
    assert!(doc.banner.len() < 100, "{}", doc.banner);
    let mut ours = d.clone();
    ours.talking_points[0].background = "Ours.".into();
    let merged = attache::diff::merge(&d, &ours, &d).dossier;
    assert!(
        merged
            .conflicts
            .iter()
            .any(|c| c.note.contains("beyond what a marking may be")),
        "{:#?}",
        merged.conflicts
    );
}
