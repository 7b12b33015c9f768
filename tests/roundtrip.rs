//! Any dossier, however strange its text, reads back exactly as it was written, and its
//! canonical form is stable.

use attache::model::*;
use attache::store;
use proptest::prelude::*;

/// Text of every kind: plain, RON-hostile (quotes, backslashes, `"#` sequences that end raw
/// strings), multi-line, and arbitrary Unicode including control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z ’–éøß]{0,20}",
        2 => r#"[a-z"\\#r \n\t{}()\[\],:]{0,16}"#,
        1 => any::<String>(),
        1 => Just("\u{202E}evil\u{202C} and \r\n\0".to_owned()),
    ]
}

fn id() -> impl Strategy<Value = Id> {
    "[a-z0-9][a-z0-9._-]{0,12}".prop_map(|s| Id::new(s).unwrap())
}

fn date() -> impl Strategy<Value = Date> {
    (1i32..=9999, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn time() -> impl Strategy<Value = Time> {
    (0u8..24, 0u8..60).prop_map(|(h, m)| Time::new(h, m).unwrap())
}

fn marking() -> impl Strategy<Value = Marking> {
    (
        "[A-Z][A-Z -]{0,10}[A-Z]",
        prop::collection::vec("[A-Z][A-Z ,/]{0,8}[A-Z]", 0..3),
    )
        .prop_filter("'//' separates caveats", |(_, cs)| {
            cs.iter().all(|c| !c.contains("//"))
        })
        .prop_map(|(level, caveats)| Marking { level, caveats })
}

fn movement() -> impl Strategy<Value = Movement> {
    (prop::option::of(date()), prop::option::of(time()), text()).prop_map(
        |(date, time, details)| Movement {
            date,
            time,
            details,
        },
    )
}

/// Two photos, made once: importing is slower than a round trip.
fn photo() -> impl Strategy<Value = attache::model::Photo> {
    static PHOTOS: std::sync::LazyLock<Vec<attache::model::Photo>> =
        std::sync::LazyLock::new(|| {
            [(40, 30), (30, 90)]
                .into_iter()
                .map(|(w, h)| {
                    let img = image::RgbImage::from_fn(w, h, |x, y| {
                        image::Rgb([x as u8 * 5, y as u8 * 2, 77])
                    });
                    let mut png = std::io::Cursor::new(Vec::new());
                    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
                    attache::model::Photo::import(png.get_ref()).unwrap()
                })
                .collect()
        });
    prop::sample::select(PHOTOS.clone())
}

fn member() -> impl Strategy<Value = Member> {
    (
        (id(), text(), text(), text(), text()),
        (
            prop::sample::select(MemberRole::ALL.to_vec()),
            prop::option::of(marking()),
            text(),
        ),
        (
            prop::option::of(movement()),
            prop::option::of(movement()),
            text(),
        ),
        (text(), text(), text(), text(), text(), text()),
        prop::option::of(photo()),
    )
        .prop_map(
            |(
                (id, honorific, full_name, position, organisation),
                (role, marking, contact),
                (arrival, departure, notes),
                (hotel, dietary, languages, interpretation, accessibility, biography),
                photo,
            )| Member {
                id,
                honorific,
                full_name,
                position,
                organisation,
                role,
                marking,
                contact,
                arrival,
                departure,
                hotel,
                dietary,
                languages,
                interpretation,
                accessibility,
                biography,
                photo,
                notes,
            },
        )
}

fn delegation() -> impl Strategy<Value = Delegation> {
    (
        id(),
        text(),
        prop::sample::select(DelegationRole::ALL.to_vec()),
        any::<bool>(),
        prop::option::of(marking()),
        text(),
        prop::collection::vec(member(), 0..4),
        any::<bool>(),
    )
        .prop_map(|(id, name, role, ours, marking, notes, members, chosen)| {
            // A chosen side: its members in another order, one of them behind.
            let seating = chosen.then(|| {
                let mut ids: Vec<_> = members.iter().rev().map(|m| m.id.clone()).collect();
                let behind = ids.pop().into_iter().collect();
                attache::model::seating::Seating { seats: ids, behind }
            });
            Delegation {
                id,
                name,
                role,
                ours,
                marking,
                notes,
                members,
                seating,
            }
        })
}

fn programme_item() -> impl Strategy<Value = ProgrammeItem> {
    (
        (
            id(),
            text(),
            prop::option::of(date()),
            prop::option::of(time()),
            prop::option::of(time()),
        ),
        (text(), text(), prop::option::of(marking()), text()),
    )
        .prop_map(
            |((id, title, date, start, end), (location, participants, marking, notes))| {
                ProgrammeItem {
                    id,
                    title,
                    date,
                    start,
                    end,
                    location,
                    participants,
                    marking,
                    notes,
                }
            },
        )
}

fn talking_point() -> impl Strategy<Value = TalkingPoint> {
    (
        (
            id(),
            text(),
            text(),
            prop::sample::select(Priority::ALL.to_vec()),
            prop::option::of(id()),
        ),
        (
            prop::option::of(marking()),
            text(),
            prop::collection::vec(text(), 0..4),
            text(),
        ),
        (prop::collection::vec((text(), text()), 0..3), text()),
    )
        .prop_map(
            |(
                (id, topic, title, priority, lead_speaker),
                (marking, objective, key_messages, background),
                (if_raised, press_line),
            )| TalkingPoint {
                id,
                topic,
                title,
                priority,
                lead_speaker,
                marking,
                objective,
                key_messages,
                background,
                if_raised: if_raised
                    .into_iter()
                    .map(|(they_raise, our_response)| IfRaised {
                        they_raise,
                        our_response,
                    })
                    .collect(),
                press_line,
            },
        )
}

fn security_note() -> impl Strategy<Value = SecurityNote> {
    (
        (
            id(),
            text(),
            text(),
            prop::sample::select(ThreatLevel::ALL.to_vec()),
            prop::option::of(marking()),
        ),
        (
            text(),
            text(),
            prop::collection::vec(text(), 0..3),
            text(),
            text(),
        ),
        (
            prop::collection::vec((text(), prop::option::of(date())), 0..3),
            prop::option::of(date()),
        ),
    )
        .prop_map(
            |(
                (id, title, region, threat_level, marking),
                (summary, assessment, key_actors, outlook, recommendations),
                (sources, last_reviewed),
            )| SecurityNote {
                id,
                title,
                region,
                threat_level,
                marking,
                summary,
                assessment,
                key_actors,
                outlook,
                recommendations,
                sources: sources
                    .into_iter()
                    .map(|(citation, date)| Source { citation, date })
                    .collect(),
                last_reviewed,
            },
        )
}

fn meta() -> impl Strategy<Value = Meta> {
    (
        (
            text(),
            text(),
            prop::sample::select(EventKind::ALL.to_vec()),
            prop::option::of(date()),
            prop::option::of(date()),
        ),
        (text(), text(), text(), text(), text()),
        (
            any::<u32>(),
            prop::sample::select(Status::ALL.to_vec()),
            marking(),
            prop::option::of(marking()),
            text(),
            text(),
        ),
    )
        .prop_map(
            |(
                (title, occasion, kind, start_date, end_date),
                (venue, host_country, guest_country, prepared_by, office),
                (revision, status, marking, title_marking, notes, language),
            )| Meta {
                title,
                occasion,
                kind,
                start_date,
                end_date,
                venue,
                host_country,
                guest_country,
                prepared_by,
                office,
                revision,
                status,
                marking,
                title_marking,
                notes,
                language,
            },
        )
}

fn scheme() -> impl Strategy<Value = MarkingScheme> {
    (
        text(),
        prop::collection::vec((text(), text()), 0..4),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|(name, levels, restrictive)| MarkingScheme {
            name,
            levels: levels
                .into_iter()
                .map(|(name, abbrev)| Level { name, abbrev })
                .collect(),
            restrictive,
        })
}

fn pack() -> impl Strategy<Value = Pack> {
    (
        text(),
        prop::sample::subsequence(Section::ALL.to_vec(), 0..=4),
        prop::collection::vec(id(), 0..3),
    )
        .prop_map(|(name, sections, exclude)| Pack {
            name,
            sections,
            exclude,
        })
}

fn dossier() -> impl Strategy<Value = Dossier> {
    (
        meta(),
        scheme(),
        prop::collection::vec(delegation(), 0..3),
        prop::collection::vec(programme_item(), 0..3),
        prop::collection::vec(talking_point(), 0..3),
        prop::collection::vec(security_note(), 0..3),
        prop::collection::vec(pack(), 0..3),
    )
        .prop_map(
            |(meta, scheme, delegations, programme, talking_points, security_notes, packs)| {
                Dossier {
                    meta,
                    scheme,
                    delegations,
                    programme,
                    talking_points,
                    security_notes,
                    packs,
                    comments: Vec::new(),
                    approvals: Vec::new(),
                    conflicts: Vec::new(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_dossier_round_trips(d in dossier()) {
        let text = store::to_string(&d);
        let back = store::parse_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(store::to_string(&back), text);
    }
}

#[test]
fn raw_characters_that_could_mislead_are_escaped_on_disk() {
    let mut d = Dossier::new("Visit");
    d.meta.notes = "price: 100\u{202E}0001\u{202C} and a bell \u{7}".into();
    let text = store::to_string(&d);
    assert!(
        !text.contains('\u{202E}') && !text.contains('\u{7}'),
        "{text}"
    );
    assert_eq!(store::parse_str(&text).unwrap(), d);
}

#[test]
fn multi_line_text_is_written_as_it_reads() {
    let mut d = Dossier::new("Visit");
    d.meta.notes = "First line\n\n- a \"quoted\" bullet\n- C:\\path".into();
    let text = store::to_string(&d);
    assert!(
        text.contains("First line\n\n- a \"quoted\" bullet\n- C:\\path"),
        "{text}"
    );
    assert_eq!(store::parse_str(&text).unwrap(), d);
}
