//! The briefing pack as one self-contained HTML file with print CSS: the same sections,
//! banner and portion marks as the PDF, for e-mail and browsers. All dossier text is
//! escaped: a shared dossier is untrusted input.

use std::fmt::Write;

use crate::layout::PackOptions;
use crate::model::markup::{self, Block};
use crate::model::{Dossier, MemberRole, Portions, Section, Source};

/// Text for HTML and XML (also what the PDF's XMP metadata uses).
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS string's contents (between double quotes), for text that lands in the style
/// sheet: the banner in the page-margin boxes. Entities mean nothing inside `<style>`, so
/// this is not HTML escaping: quotes, backslashes, line breaks and `<` (which could close
/// the style element) become CSS escapes, so that no marking can end the string early or
/// break the print style sheet.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() && !c.is_control() || " .,;:/-()+!?'’".contains(c) {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:X} ", c as u32);
        }
    }
    out
}

/// Light markup as HTML.
fn rich(text: &str) -> String {
    let mut out = String::new();
    let mut in_list: Option<bool> = None;
    for block in markup::parse(text) {
        let spans: String = block
            .spans()
            .iter()
            .map(|s| {
                let t = esc(&s.text).replace('\n', "<br>");
                match (s.bold, s.italic) {
                    (true, true) => format!("<strong><em>{t}</em></strong>"),
                    (true, false) => format!("<strong>{t}</strong>"),
                    (false, true) => format!("<em>{t}</em>"),
                    (false, false) => t,
                }
            })
            .collect();
        match block {
            Block::Paragraph(_) => {
                if let Some(numbered) = in_list.take() {
                    out.push_str(if numbered { "</ol>" } else { "</ul>" });
                }
                let _ = write!(out, "<p>{spans}</p>");
            }
            Block::Item { number, .. } => {
                let numbered = number.is_some();
                if in_list != Some(numbered) {
                    if let Some(n) = in_list {
                        out.push_str(if n { "</ol>" } else { "</ul>" });
                    }
                    out.push_str(if numbered { "<ol>" } else { "<ul>" });
                    in_list = Some(numbered);
                }
                let _ = write!(out, "<li>{spans}</li>");
            }
        }
    }
    if let Some(n) = in_list {
        out.push_str(if n { "</ol>" } else { "</ul>" });
    }
    out
}

fn labelled(out: &mut String, label: &str, text: &str) {
    if !text.trim().is_empty() {
        let _ = write!(out, "<h4>{}</h4>{}", esc(label), rich(text));
    }
}

fn list(out: &mut String, label: &str, items: &[String], numbered: bool) {
    let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
    if items.is_empty() {
        return;
    }
    let tag = if numbered { "ol" } else { "ul" };
    let _ = write!(out, "<h4>{}</h4><{tag}>", esc(label));
    for item in items {
        let _ = write!(out, "<li>{}</li>", esc(&markup::plain_text(item)));
    }
    let _ = write!(out, "</{tag}>");
}

/// The pack as HTML.
pub fn write(d: &Dossier, options: &PackOptions) -> String {
    let approvals = crate::layout::approval_lines(d);
    let full = d;
    let (d, sections) = options.contents(d);
    let d = &*d;
    let comments = if options.comments {
        crate::review::printed_comments(full, d, &sections)
    } else {
        Vec::new()
    };
    let portions = Portions::new(d);
    let banner_text = options
        .banner(&portions, &sections, !comments.is_empty())
        .to_string();
    let banner = esc(&banner_text);
    let css_banner = css_string(&banner_text);
    let m = &d.meta;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="classification" content="{banner}">
<title>{doc_title}</title>
<style>
@page {{ size: {paper}; margin: 22mm 18mm;
  @top-center {{ content: "{css_banner}"; color: #8b0000; font-weight: bold; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; }}
  @bottom-center {{ content: "{css_banner}"; color: #8b0000; font-weight: bold; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #555; }} }}
body {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.35; overflow-wrap: anywhere; max-width: 48em; margin: 0 auto; padding: 1em; color: #000; }}
.banner {{ text-align: center; color: #8b0000; font-weight: bold; margin: .5em 0; }}
section {{ break-before: page; }}
h1 {{ font-size: 24pt; margin: 0; }} h2 {{ font-size: 18pt; }} h3 {{ font-size: 13pt; break-after: avoid; }}
h4 {{ font-size: 10pt; color: #555; margin: .8em 0 .2em; break-after: avoid; }}
p, li {{ orphans: 2; widows: 2; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }}
th {{ background: #eee; text-align: left; }} th, td {{ padding: 3px; border-bottom: 1px solid #bbb; vertical-align: top; }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
.meta {{ color: #555; font-style: italic; }}
.overall {{ text-align: center; font-size: 22pt; color: #8b0000; font-weight: bold; background: #f5eaea; padding: .4em; margin-top: 3em; }}
@media print {{ .banner {{ display: none; }} }}
</style></head><body>
<div class="banner">{banner}</div>
<header><p class="meta">{kind}</p><h1>{title}</h1><p>{occasion}</p>
<table>"#,
        title = esc(&m.title),
        doc_title = esc(&options.title(d)),
        paper = match options.paper {
            crate::layout::Paper::A4 => "A4",
            crate::layout::Paper::Letter => "letter",
        },
        kind = esc(m.kind.label()),
        occasion = esc(&m.occasion),
    );
    let dates = m.dates_text();
    let approved = approvals.iter().map(|a| ("Approval", a.clone()));
    for (label, value) in [
        ("Dates", dates),
        ("Venue", m.venue.clone()),
        ("Host", m.host_country.clone()),
        ("Guest", m.guest_country.clone()),
        ("Prepared by", m.prepared_by_text()),
        (
            "Status",
            format!("Revision {} · {}", m.revision, m.status.label()),
        ),
        ("Pack", options.describe(&sections).unwrap_or_default()),
    ]
    .into_iter()
    .chain(approved)
    {
        if !value.is_empty() {
            let _ = write!(
                out,
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(label),
                esc(&value)
            );
        }
    }
    let _ = write!(
        out,
        "</table><div class=\"overall\">{banner}</div></header>"
    );

    let _ = write!(out, "<nav><h2>Contents</h2><ul>");
    for s in &sections {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            anchor(*s),
            esc(s.title())
        );
    }
    if !comments.is_empty() {
        let _ = write!(
            out,
            "<li><a href=\"#annex-comments\">{}</a></li>",
            esc(crate::review::ANNEX_TITLE)
        );
    }
    let _ = write!(out, "</ul></nav>");

    for s in &sections {
        let _ = write!(
            out,
            "<section id=\"{}\"><div class=\"banner\">{banner}</div><h2>{}</h2>",
            anchor(*s),
            esc(s.title())
        );
        match s {
            Section::Programme => {
                out.push_str("<table><thead><tr><th>When</th><th>What</th><th>Where</th></tr></thead><tbody>");
                for p in &d.programme {
                    let participants = if p.participants.is_empty() {
                        String::new()
                    } else {
                        format!("<br><em>Participants:</em> {}", esc(&p.participants))
                    };
                    let _ = write!(
                        out,
                        "<tr><td>{}</td><td><strong>{} {}</strong>{participants}{}</td><td>{}</td></tr>",
                        esc(&crate::layout::programme_when(p)),
                        esc(&portions.mark(portions.programme(p))),
                        esc(&p.title),
                        rich(&p.notes),
                        esc(&p.location)
                    );
                }
                out.push_str("</tbody></table>");
            }
            Section::Delegations => {
                for del in &d.delegations {
                    // As the PDF: the heading carries the mark of the whole list, and a
                    // column no member has anything in is left out.
                    let _ = write!(
                        out,
                        "<h3>{}</h3>{}",
                        esc(&crate::layout::delegation_title(&portions, del)),
                        rich(&del.notes)
                    );
                    let organisations = del
                        .members
                        .iter()
                        .any(|m| !m.organisation.trim().is_empty());
                    let organisation_th = if organisations {
                        "<th>Organisation</th>"
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        "<table><thead><tr><th>#</th><th>Name</th><th>Position</th>{organisation_th}<th>Role</th></tr></thead><tbody>"
                    );
                    for (i, mem) in del.members.iter().enumerate() {
                        let name = if mem.full_name.is_empty() {
                            "(name to be confirmed)".to_owned()
                        } else {
                            format!("{} {}", mem.honorific, mem.full_name)
                                .trim()
                                .to_owned()
                        };
                        let role = if mem.role == MemberRole::Member {
                            ""
                        } else {
                            mem.role.label()
                        };
                        let organisation = if organisations {
                            format!("<td>{}</td>", esc(&mem.organisation))
                        } else {
                            String::new()
                        };
                        let _ = write!(
                            out,
                            "<tr><td>{}</td><td>{}</td><td>{}</td>{organisation}<td>{}</td></tr>",
                            i + 1,
                            esc(&name),
                            esc(&mem.position),
                            esc(role)
                        );
                    }
                    out.push_str("</tbody></table>");
                }
            }
            Section::TalkingPoints => {
                for (topic, points) in d.topics() {
                    let _ = write!(out, "<p class=\"meta\">{}</p>", esc(&topic.to_uppercase()));
                    for i in points {
                        let t = &d.talking_points[i];
                        let _ = write!(
                            out,
                            "<h3>{} {}</h3>",
                            esc(&portions.mark(&portions.talking_point(t))),
                            esc(&t.title)
                        );
                        let lead = portions.lead_speaker(t).map(|(m, _)| m.display_name());
                        let _ = write!(
                            out,
                            "<p class=\"meta\">Priority: {}{}</p>",
                            t.priority.label(),
                            lead.map(|l| format!(" · Lead: {}", esc(&l)))
                                .unwrap_or_default()
                        );
                        labelled(&mut out, "Objective", &t.objective);
                        list(&mut out, "Key messages", &t.key_messages, true);
                        labelled(&mut out, "Background", &t.background);
                        if !t.if_raised.is_empty() {
                            out.push_str("<h4>If raised</h4><ul>");
                            for r in &t.if_raised {
                                let _ = write!(
                                    out,
                                    "<li><em>They may raise:</em> {}<br><em>Our response:</em> {}</li>",
                                    esc(&r.they_raise),
                                    esc(&r.our_response)
                                );
                            }
                            out.push_str("</ul>");
                        }
                        labelled(&mut out, "Press line", &t.press_line);
                    }
                }
            }
            Section::SecurityNotes => {
                for n in &d.security_notes {
                    let _ = write!(
                        out,
                        "<h3>{} {}</h3><p class=\"meta\">Region: {} · Threat level: {}</p>",
                        esc(&portions.mark(portions.security_note(n))),
                        esc(&n.title),
                        esc(&n.region),
                        n.threat_level.label()
                    );
                    labelled(&mut out, "Summary", &n.summary);
                    labelled(&mut out, "Situation and assessment", &n.assessment);
                    list(&mut out, "Key actors", &n.key_actors, false);
                    labelled(&mut out, "Outlook", &n.outlook);
                    labelled(&mut out, "Recommendations", &n.recommendations);
                    let sources: Vec<String> = n.sources.iter().map(Source::cited).collect();
                    list(&mut out, "Sources", &sources, false);
                }
            }
        }
        let _ = write!(out, "<div class=\"banner\">{banner}</div></section>");
    }
    if !comments.is_empty() {
        let _ = write!(
            out,
            "<section id=\"annex-comments\"><div class=\"banner\">{banner}</div><h2>{}</h2>",
            esc(crate::review::ANNEX_TITLE)
        );
        for p in &comments {
            let c = p.comment;
            let _ = write!(
                out,
                "<h3>On {}</h3><p class=\"meta\">{} · {} · {}</p><p>{}</p>",
                esc(&p.on),
                esc(&c.author),
                esc(&c.at.long()),
                if c.resolved { "resolved" } else { "open" },
                esc(&c.text)
            );
            for r in &c.replies {
                let _ = write!(
                    out,
                    "<blockquote><p class=\"meta\">{} · {}</p><p>{}</p></blockquote>",
                    esc(&r.author),
                    esc(&r.at.long()),
                    esc(&r.text)
                );
            }
        }
        let _ = write!(out, "<div class=\"banner\">{banner}</div></section>");
    }
    out.push_str("</body></html>\n");
    out
}

fn anchor(s: Section) -> &'static str {
    match s {
        Section::Programme => "programme",
        Section::Delegations => "delegations",
        Section::TalkingPoints => "talking-points",
        Section::SecurityNotes => "security-notes",
    }
}
