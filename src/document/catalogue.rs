//! The pack's own words in the dossier's language: message catalogues (Fluent, in
//! `assets/i18n/`), chosen by `meta.language`. The dossier's content is never a message:
//! it is only ever an argument, so nothing a colleague writes can be read as Fluent.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::{
    Date, DelegationRole, EventKind, MemberRole, PACK_LANGUAGES, Priority, Section, Status,
    ThreatLevel, Timestamp,
};

/// The catalogues, in the order of [`PACK_LANGUAGES`]; the first is the fallback.
const SOURCES: [(&str, &str); 2] = [
    ("en", include_str!("../../assets/i18n/en.ftl")),
    ("fr", include_str!("../../assets/i18n/fr.ftl")),
];

/// One language's pack words.
pub struct Catalogue {
    lang: &'static str,
    bundle: FluentBundle<FluentResource>,
}

/// An argument of a message: text from the dossier, or a number.
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Number(n.into())
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

fn all() -> &'static [Catalogue] {
    static ALL: OnceLock<Vec<Catalogue>> = OnceLock::new();
    ALL.get_or_init(|| {
        debug_assert_eq!(SOURCES.map(|(l, _)| l), PACK_LANGUAGES);
        SOURCES
            .iter()
            .map(|&(lang, source)| {
                // The catalogues are ours and compiled in; a unit test parses each.
                let resource = FluentResource::try_new(source.to_owned())
                    .unwrap_or_else(|(resource, _)| resource);
                let id = lang.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Isolation marks (U+2068/U+2069) around every argument would reach the
                // PDF as invisible characters that no font has; bidi isolation, where it
                // matters, is the layout's.
                bundle.set_use_isolating(false);
                let _ = bundle.add_resource(resource);
                Catalogue { lang, bundle }
            })
            .collect()
    })
}

/// The catalogue for a BCP 47 tag: its primary language's, or English when there is none
/// (validation warns of that).
pub fn catalogue(tag: &str) -> &'static Catalogue {
    let primary = tag.split('-').next().unwrap_or_default();
    let all = all();
    all.iter()
        .find(|c| c.lang.eq_ignore_ascii_case(primary))
        .unwrap_or(&all[0])
}

impl Catalogue {
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// A message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// A message with its arguments. A message missing here is taken from English; one
    /// missing from English too is a bug, and prints its id rather than nothing.
    pub fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.format(id, args)
            .or_else(|| all()[0].format(id, args))
            .unwrap_or_else(|| {
                debug_assert!(false, "no message {id:?}");
                id.to_owned()
            })
    }

    fn format(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match *value {
                Arg::Text(s) => fluent.set(*name, FluentValue::from(s)),
                Arg::Number(n) => fluent.set(*name, FluentValue::from(n)),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent), &mut errors);
        debug_assert!(errors.is_empty(), "{id}: {errors:?}");
        Some(text.into_owned())
    }

    /// A date in the language's long form: "14 March 2025", "1er mars 2025".
    pub fn date(&self, d: Date) -> String {
        let month = self.text(&format!("month-{}", d.month()));
        self.with(
            "date-long",
            &[
                ("day", Arg::Number(d.day().into())),
                ("month", Arg::Text(&month)),
                ("year", Arg::Number(d.year().into())),
            ],
        )
    }

    pub fn timestamp(&self, t: Timestamp) -> String {
        let date = self.date(t.date);
        let time = t.time.to_string();
        self.with(
            "timestamp",
            &[("date", Arg::Text(&date)), ("time", Arg::Text(&time))],
        )
    }

    /// A visit's dates: a range, one day, or to be confirmed.
    pub fn dates(&self, start: Option<Date>, end: Option<Date>) -> String {
        match (start, end) {
            (Some(s), Some(e)) if s != e => {
                let (s, e) = (self.date(s), self.date(e));
                self.with(
                    "dates-range",
                    &[("start", Arg::Text(&s)), ("end", Arg::Text(&e))],
                )
            }
            (Some(s), _) => self.date(s),
            (None, _) => self.text("to-be-confirmed"),
        }
    }

    pub fn section(&self, s: Section) -> String {
        self.text(match s {
            Section::Programme => "part-programme",
            Section::Delegations => "part-delegations",
            Section::Biographies => "part-biographies",
            Section::Arrivals => "part-arrivals",
            Section::Seating => "part-seating",
            Section::TalkingPoints => "part-talking-points",
            Section::SecurityNotes => "part-security-notes",
        })
    }

    pub fn kind(&self, k: EventKind) -> String {
        self.text(match k {
            EventKind::BilateralMeeting => "kind-bilateral-meeting",
            EventKind::OfficialVisit => "kind-official-visit",
            EventKind::StateVisit => "kind-state-visit",
            EventKind::WorkingVisit => "kind-working-visit",
            EventKind::Summit => "kind-summit",
            EventKind::Other => "kind-other",
        })
    }

    pub fn status(&self, s: Status) -> String {
        self.text(match s {
            Status::Draft => "status-draft",
            Status::InReview => "status-in-review",
            Status::Approved => "status-approved",
        })
    }

    /// The key `delegation-title` selects on.
    pub fn side(r: DelegationRole) -> &'static str {
        match r {
            DelegationRole::Host => "host",
            DelegationRole::Visiting => "visiting",
            DelegationRole::Other => "other",
        }
    }

    pub fn role(&self, r: MemberRole) -> String {
        self.text(match r {
            MemberRole::Head => "role-head",
            MemberRole::Deputy => "role-deputy",
            MemberRole::Member => "role-member",
            MemberRole::Adviser => "role-adviser",
            MemberRole::NoteTaker => "role-note-taker",
            MemberRole::Interpreter => "role-interpreter",
            MemberRole::Security => "role-security",
            MemberRole::Support => "role-support",
        })
    }

    pub fn priority(&self, p: Priority) -> String {
        self.text(match p {
            Priority::High => "priority-high",
            Priority::Medium => "priority-medium",
            Priority::Low => "priority-low",
        })
    }

    pub fn threat(&self, t: ThreatLevel) -> String {
        self.text(match t {
            ThreatLevel::NotAssessed => "threat-not-assessed",
            ThreatLevel::Low => "threat-low",
            ThreatLevel::Moderate => "threat-moderate",
            ThreatLevel::Substantial => "threat-substantial",
            ThreatLevel::Severe => "threat-severe",
            ThreatLevel::Critical => "threat-critical",
        })
    }
}

#[cfg(test)]
mod tests {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    use std::collections::BTreeMap;

    use super::*;

    /// Each message's id and the variables it uses.
    fn messages(source: &str) -> BTreeMap<String, Vec<String>> {
        fn vars(p: &Pattern<&str>, out: &mut Vec<String>) {
            for e in &p.elements {
                if let PatternElement::Placeable { expression } = e {
                    expr(expression, out);
                }
            }
        }
        fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
            match e {
                InlineExpression::VariableReference { id } => out.push(id.name.to_owned()),
                InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        fn expr(e: &Expression<&str>, out: &mut Vec<String>) {
            match e {
                Expression::Inline(i) => inline(i, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        vars(&v.value, out);
                    }
                }
            }
        }
        let resource = fluent_syntax::parser::parse(source).expect("the catalogue parses");
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                Entry::Message(m) => {
                    let mut v = Vec::new();
                    vars(m.value.as_ref().expect("every message has a value"), &mut v);
                    v.sort();
                    v.dedup();
                    Some((m.id.name.to_owned(), v))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_catalogue_has_every_message_with_the_same_arguments() {
        let english = messages(SOURCES[0].1);
        assert!(english.len() > 100, "{}", english.len());
        for (lang, source) in &SOURCES[1..] {
            assert_eq!(messages(source), english, "{lang}");
        }
    }

    #[test]
    fn dates_in_their_long_form() {
        let d = Date::new(2025, 3, 14).unwrap();
        let first = Date::new(2025, 8, 1).unwrap();
        assert_eq!(catalogue("en").date(d), "14 March 2025");
        assert_eq!(catalogue("en").date(first), "1 August 2025");
        assert_eq!(catalogue("fr").date(d), "14 mars 2025");
        assert_eq!(catalogue("fr-CD").date(first), "1er août 2025");
        assert_eq!(
            catalogue("fr").dates(Some(first), Some(d)),
            "1er août 2025 – 14 mars 2025"
        );
    }

    #[test]
    fn a_language_without_a_catalogue_gets_english() {
        assert_eq!(catalogue("sw").lang(), "en");
        assert_eq!(catalogue("").lang(), "en");
        assert_eq!(catalogue("FR").lang(), "fr");
        assert_eq!(
            catalogue("fra").lang(),
            "en",
            "three letters are another tag"
        );
    }

    #[test]
    fn content_in_an_argument_is_never_read_as_fluent() {
        let fr = catalogue("fr");
        let crafted = "{ $pages } { -brand } {{\u{2068}";
        assert_eq!(
            fr.with("continued", &[("title", crafted.into())]),
            format!("{crafted} (suite)")
        );
        assert_eq!(
            fr.with("priority", &[("priority", "haute".into())]),
            "Priorité\u{a0}: haute",
            "no isolation marks; a non-breaking space before the colon"
        );
    }
}
