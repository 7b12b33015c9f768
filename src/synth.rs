//! Deterministic synthetic dossiers of any size, for benchmarks, fuzz seeds and manual
//! testing. The same parameters always give the same dossier, on every platform and with
//! every dependency version: the generator is a hand-written SplitMix64 for that reason
//! (a random-number crate may change its streams between releases).

use crate::model::{
    Date, Delegation, DelegationRole, Dossier, EventKind, Id, IfRaised, Marking, Member,
    MemberRole, Movement, Priority, ProgrammeItem, SecurityNote, Source, Status, TalkingPoint,
    ThreatLevel, Time,
};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub members: usize,
    pub points: usize,
    pub notes: usize,
    pub programme: usize,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            members: 40,
            points: 20,
            notes: 5,
            programme: 12,
            seed: 1,
        }
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn id(&mut self) -> Id {
        Id::from_u64(self.next())
    }
}

const FIRST: &[&str] = &[
    "Amina",
    "Zoë",
    "Łukasz",
    "Sofía",
    "Chidi",
    "Ngozi",
    "José",
    "Ana",
    "Björn",
    "Ægir",
    "Søren",
    "Mária",
    "Dvořák",
    "Jürgen",
    "Ilse",
    "Françoise",
    "Noël",
    "Wanjiru",
    "Kipchoge",
    "Achieng",
    "Omondi",
    "Nguyễn",
    "Thảo",
    "Σοφία",
    "Γιώργος",
    "Алексей",
    "Наталья",
    "Oğuz",
    "Çiğdem",
    "Ása",
    "Siobhán",
    "Pádraig",
    "Maëlle",
    "Renée",
    "Lúcia",
    "João",
    "Ömer",
    "Zsófia",
    "Eliška",
    "Tomás",
];

const LAST: &[&str] = &[
    "Sing’oei",
    "Mwangi",
    "Otieno",
    "Kamau",
    "Njoroge",
    "Ødegaard",
    "Müller",
    "Núñez",
    "García",
    "Kowalczyk",
    "Dvořáková",
    "Ó Briain",
    "O’Neill",
    "D’Souza",
    "Çelik",
    "Yılmaz",
    "Søndergaard",
    "Lefèvre",
    "Béranger",
    "Šimić",
    "Karađorđević",
    "Papadopoulos",
    "Παπαδόπουλος",
    "Иванов",
    "Смирнова",
    "Trần",
    "Phạm",
    "Wa Thiong’o",
    "Abdi",
    "Haji",
    "Hernández",
    "Álvarez",
    "Böhm",
    "Straße",
    "Lindqvist",
    "Åberg",
    "Nakamura",
    "Okonkwo",
    "Adébáyọ̀",
    "Mensah",
];

const HONORIFICS: &[&str] = &[
    "", "", "Dr.", "Amb.", "H.E.", "Hon.", "Sen.", "Prof.", "Gen.", "Ms.", "Mr.",
];

const POSITIONS: &[&str] = &[
    "Cabinet Secretary for Foreign and Diaspora Affairs",
    "Principal Secretary",
    "Director, Americas Division",
    "Deputy Director, Protocol",
    "Chief of Staff",
    "Senior Policy Adviser",
    "Ambassador",
    "Deputy Head of Mission",
    "Trade Negotiator",
    "Legal Adviser",
    "Press Secretary",
    "Interpreter (Kiswahili–English)",
    "Close Protection Officer",
    "Desk Officer",
];

const ORGS: &[&str] = &[
    "Ministry of Foreign Affairs",
    "Ministry of Trade, Investment and Industry",
    "Office of the President",
    "National Security Council",
    "Embassy in Washington, D.C.",
    "Department of State",
    "Department of Commerce",
    "Office of the Trade Representative",
];

const TOPICS: &[&str] = &[
    "Trade and investment",
    "Peace and security",
    "Bilateral relations",
    "Climate and energy",
    "Health cooperation",
    "Migration and consular affairs",
    "Multilateral agenda",
    "Digital economy",
    "Agriculture and food security",
    "Education and exchanges",
];

const VERBS: &[&str] = &[
    "Welcome",
    "Raise",
    "Encourage",
    "Note",
    "Reaffirm",
    "Propose",
    "Avoid committing to",
    "Seek clarity on",
];

const OBJECTS: &[&str] = &[
    "progress on the free trade negotiations",
    "the regional peace initiative led by the EAC and SADC",
    "continued support for the MSS Mission in Haiti",
    "a joint statement on maritime security",
    "visa facilitation for business travellers",
    "renewable-energy investment in the Rift Valley",
    "cooperation on vaccine manufacturing",
    "the reform of the UN Security Council",
    "capacity building for customs and border agencies",
    "scholarship programmes for engineering students",
];

const REGIONS: &[&str] = &[
    "Democratic Republic of Congo",
    "Haiti",
    "Horn of Africa",
    "Great Lakes region",
    "Sahel",
    "Red Sea corridor",
    "South Sudan",
    "Gulf of Guinea",
];

const SENTENCES: &[&str] = &[
    "The situation remains fluid and reporting is incomplete.",
    "Partners have signalled readiness to contribute further resources.",
    "Humanitarian access has improved in some districts but not in others.",
    "The counterpart is expected to ask about timelines and financing.",
    "Negotiators reported constructive sessions on market access.",
    "Local elections later in the year may shift priorities.",
    "Several armed groups remain active near the border crossings.",
    "Donor coordination meetings are held monthly in the capital.",
    "The mission's mandate is due for review by the Security Council.",
    "Public statements should avoid prejudging the outcome of talks.",
];

/// Between `min` and `min + spread - 1` sentences.
fn sentences(rng: &mut Rng, min: usize, spread: usize) -> String {
    let n = min + rng.below(spread.max(1));
    (0..n)
        .map(|_| *rng.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Long text with the markup subset: paragraphs, bullets, emphasis.
fn long_text(rng: &mut Rng) -> String {
    let mut parts = vec![sentences(rng, 1, 4)];
    if rng.chance(40) {
        let bullets: Vec<String> = (0..2 + rng.below(3))
            .map(|_| format!("- {}", rng.pick(SENTENCES)))
            .collect();
        parts.push(bullets.join("\n"));
    }
    if rng.chance(30) {
        parts.push(format!("*Note:* {}", sentences(rng, 1, 2)));
    }
    parts.join("\n\n")
}

fn marking(rng: &mut Rng, levels: &[&str]) -> Option<Marking> {
    if rng.chance(15) {
        return None;
    }
    // Releasable at least as the dossier is (a portion releasing to fewer is an error);
    // some to one partner more, which the banner's common list leaves out.
    let m = Marking::new(*rng.pick(levels));
    Some(if rng.chance(20) {
        m.with_caveat("REL TO KEN, USA, GBR")
    } else {
        m.with_caveat("REL TO KEN, USA")
    })
}

fn date(rng: &mut Rng) -> Date {
    Date::new(2025, 3, 10 + rng.below(5) as u8).expect("March has these days")
}

fn time(rng: &mut Rng) -> Time {
    Time::new(8 + rng.below(10) as u8, 15 * rng.below(4) as u8).expect("a valid time")
}

/// Generates a dossier that passes validation with no errors (a test holds it to that).
pub fn generate(p: Params) -> Dossier {
    let mut rng = Rng(p.seed);
    let levels = ["OFFICIAL", "OFFICIAL-SENSITIVE", "CONFIDENTIAL", "SECRET"];
    let mut d = Dossier::new("Synthetic visit: trade and security talks");
    d.meta.occasion = format!("Generated dossier (seed {})", p.seed);
    d.meta.kind = EventKind::OfficialVisit;
    d.meta.start_date = Date::new(2025, 3, 10);
    d.meta.end_date = Date::new(2025, 3, 14);
    d.meta.venue = "Washington, D.C.".into();
    d.meta.host_country = "United States".into();
    d.meta.guest_country = "Kenya".into();
    d.meta.prepared_by = "Protocol Division".into();
    d.meta.office = "Ministry of Foreign Affairs".into();
    d.meta.revision = 3;
    d.meta.status = Status::InReview;
    d.meta.marking = Marking::new("SECRET").with_caveat("REL TO KEN, USA");
    d.meta.notes = long_text(&mut rng);

    // Two main sides, and observers once there are enough people.
    let sides: &[(&str, DelegationRole, bool)] = if p.members >= 40 {
        &[
            ("Kenya", DelegationRole::Visiting, true),
            ("United States", DelegationRole::Host, false),
            ("African Union (observers)", DelegationRole::Other, false),
        ]
    } else {
        &[
            ("Kenya", DelegationRole::Visiting, true),
            ("United States", DelegationRole::Host, false),
        ]
    };
    let per_side = p.members.div_ceil(sides.len());
    let mut left = p.members;
    for (name, role, ours) in sides {
        let count = per_side.min(left);
        left -= count;
        let offset = rng.below(FIRST.len());
        let members = (0..count)
            .map(|i| {
                // Index-derived names are unique within a delegation up to
                // FIRST × LAST × 26 members, so no duplicate-name warnings.
                let first = FIRST[(i + offset) % FIRST.len()];
                let last = LAST[(i / FIRST.len()) % LAST.len()];
                let initial = char::from(b'A' + ((i / (FIRST.len() * LAST.len())) % 26) as u8);
                let mut m = Member::new();
                m.id = rng.id();
                m.honorific = (*rng.pick(HONORIFICS)).into();
                m.full_name = format!("{first} {initial}. {last}");
                m.position = (*rng.pick(POSITIONS)).into();
                m.organisation = (*rng.pick(ORGS)).into();
                m.role = match i {
                    0 => MemberRole::Head,
                    1 => MemberRole::Deputy,
                    _ => *rng.pick(&MemberRole::ALL[2..]),
                };
                m.marking = marking(&mut rng, &levels);
                if rng.chance(30) {
                    m.contact = format!("+1 202 555 {:04}", rng.below(10_000));
                }
                if rng.chance(50) {
                    m.arrival = Some(Movement {
                        date: Some(date(&mut rng)),
                        time: Some(time(&mut rng)),
                        details: format!("Flight KQ {}", 100 + rng.below(900)),
                    });
                }
                if rng.chance(25) {
                    m.notes = long_text(&mut rng);
                }
                m
            })
            .collect();
        d.delegations.push(Delegation {
            id: rng.id(),
            name: (*name).into(),
            role: *role,
            ours: *ours,
            marking: marking(&mut rng, &levels),
            notes: sentences(&mut rng, 1, 1),
            members,
            seating: None,
        });
    }

    let ours: Vec<Id> = d.delegations[0]
        .members
        .iter()
        .map(|m| m.id.clone())
        .collect();

    d.programme = (0..p.programme)
        .map(|i| ProgrammeItem {
            id: rng.id(),
            title: format!(
                "{} {}",
                rng.pick(&[
                    "Meeting on",
                    "Working lunch on",
                    "Briefing on",
                    "Press conference on"
                ]),
                rng.pick(OBJECTS)
            ),
            date: Some(Date::new(2025, 3, 10 + (i * 5 / p.programme.max(1)) as u8).expect("valid")),
            start: Some(Time::new(8 + (i % 8) as u8, 0).expect("valid")),
            end: Some(Time::new(9 + (i % 8) as u8, 0).expect("valid")),
            location: (*rng.pick(&[
                "Department of State, Treaty Room",
                "Blair House",
                "Embassy of Kenya",
                "Willard Hotel, Press Room",
            ]))
            .into(),
            participants: "Heads of delegation and advisers".into(),
            marking: marking(&mut rng, &levels),
            notes: if rng.chance(40) {
                long_text(&mut rng)
            } else {
                String::new()
            },
        })
        .collect();

    d.talking_points = (0..p.points)
        .map(|_| {
            let object = *rng.pick(OBJECTS);
            TalkingPoint {
                id: rng.id(),
                topic: (*rng.pick(TOPICS)).into(),
                title: format!("{} {}", rng.pick(VERBS), object),
                priority: *rng.pick(&Priority::ALL),
                lead_speaker: (!ours.is_empty() && rng.chance(80)).then(|| rng.pick(&ours).clone()),
                marking: marking(&mut rng, &levels),
                objective: format!("{} {}.", rng.pick(VERBS), object),
                key_messages: (0..2 + rng.below(5))
                    .map(|_| {
                        format!(
                            "{} {}. {}",
                            rng.pick(VERBS),
                            rng.pick(OBJECTS),
                            sentences(&mut rng, 0, 3)
                        )
                    })
                    .collect(),
                background: long_text(&mut rng),
                if_raised: (0..rng.below(3))
                    .map(|_| IfRaised {
                        they_raise: format!("They may raise {}.", rng.pick(OBJECTS)),
                        our_response: sentences(&mut rng, 1, 2),
                    })
                    .collect(),
                press_line: if rng.chance(30) {
                    sentences(&mut rng, 1, 1)
                } else {
                    String::new()
                },
            }
        })
        .collect();

    d.security_notes = (0..p.notes)
        .map(|_| SecurityNote {
            id: rng.id(),
            title: format!("{}: situation update", rng.pick(REGIONS)),
            region: (*rng.pick(REGIONS)).into(),
            threat_level: *rng.pick(&ThreatLevel::ALL),
            marking: marking(&mut rng, &levels),
            summary: sentences(&mut rng, 2, 1),
            assessment: long_text(&mut rng),
            key_actors: (0..1 + rng.below(4))
                .map(|_| (*rng.pick(ORGS)).into())
                .collect(),
            outlook: sentences(&mut rng, 2, 1),
            recommendations: long_text(&mut rng),
            sources: (0..1 + rng.below(3))
                .map(|i| Source {
                    citation: format!("Field report {}", i + 1),
                    date: Some(date(&mut rng)),
                })
                .collect(),
            last_reviewed: Some(date(&mut rng)),
        })
        .collect();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_dossier_has_no_validation_errors() {
        let d = generate(Params {
            members: 300,
            points: 60,
            notes: 15,
            programme: 10,
            seed: 7,
        });
        let errors: Vec<String> = crate::model::validate(&d)
            .into_iter()
            .filter(|p| p.severity == crate::model::Severity::Error)
            .map(|p| format!("{}: {}", p.path(&d), p.message))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
