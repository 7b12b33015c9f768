//! The briefing pack as one self-contained HTML file with print CSS, for e-mail and
//! browsers: the pack document (`crate::document`) the PDF is laid out from, so it says
//! the same, section by section. Landmarks (header, navigation, main), the language,
//! headings in order and table headers with their scope serve screen readers as the tagged
//! PDF does. All dossier text is escaped: a shared dossier is untrusted input.

use std::fmt::Write;

use crate::document::{Block, Document, Heading, List, Para, Sect, Span, Table, Tone};
use crate::layout::{PackOptions, Paper};
use crate::model::Dossier;

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
            // Control characters are not allowed in HTML (a NUL ends the text for some
            // readers) and draw nothing: left out, as the PDF leaves them out.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// What the writing of a pack's text needs besides the text.
#[derive(Clone, Copy)]
struct Cx<'a> {
    paper: Paper,
    /// The pack's language.
    lang: &'a str,
}

impl Cx<'_> {
    /// Dossier text, escaped, each stretch in another script whose language its script
    /// says in a span of that language (as the PDF marks it), so that a screen reader
    /// reads a name in its own voice.
    fn text(&self, s: &str) -> String {
        if s.is_ascii() {
            return esc(s);
        }
        let mut out = String::with_capacity(s.len());
        for (lang, piece) in crate::layout::language_runs(s, self.lang) {
            match lang {
                Some(lang) => {
                    let _ = write!(out, "<span lang=\"{lang}\">{}</span>", esc(piece));
                }
                None => out.push_str(&esc(piece)),
            }
        }
        out
    }
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

/// "Page {page} of {pages}" as a CSS `content` value: the words as strings, the numbers
/// as the page counters.
fn css_page_of(template: &str) -> String {
    let mut parts = Vec::new();
    for (i, piece) in template.split("{pages}").enumerate() {
        if i > 0 {
            parts.push("counter(pages)".to_owned());
        }
        for (j, words) in piece.split("{page}").enumerate() {
            if j > 0 {
                parts.push("counter(page)".to_owned());
            }
            if !words.is_empty() {
                parts.push(format!("\"{}\"", css_string(words)));
            }
        }
    }
    parts.join(" ")
}

/// The pack as HTML.
pub fn write(d: &Dossier, options: &PackOptions) -> String {
    render(&crate::document::build(d, options), options.paper)
}

/// A pack document as HTML.
pub fn render(doc: &Document, paper: Paper) -> String {
    let banner = esc(&doc.banner);
    let css_banner = css_string(&doc.banner);
    let c = &doc.cover;
    let cx = Cx {
        paper,
        lang: &doc.lang,
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="classification" content="{banner}">
<title>{doc_title}</title>
<style>
@page {{ size: {paper}; margin: 22mm 18mm;
  @top-center {{ content: "{css_banner}"; color: #8b0000; font-weight: bold; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; }}
  @bottom-center {{ content: "{css_banner}"; color: #8b0000; font-weight: bold; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; }}
  @bottom-right {{ content: {page_of}; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #555; }} }}
body {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.35; overflow-wrap: anywhere; max-width: 48em; margin: 0 auto; padding: 1em; color: #000; }}
.banner {{ text-align: center; color: #8b0000; font-weight: bold; margin: .5em 0; }}
main > section, nav {{ break-before: page; }}
h1 {{ font-size: 24pt; margin: 0; }} h2 {{ font-size: 18pt; }} h3, h4, h5, h6 {{ font-size: 13pt; break-after: avoid; }}
.group {{ font-size: 10.5pt; color: #555; }}
.label, .minor {{ font-size: 10pt; margin: .8em 0 .2em; }} .label {{ color: #555; }}
.kind {{ color: #555; font-weight: bold; text-transform: uppercase; }} .occasion {{ color: #555; font-size: 13pt; }}
.facts th {{ background: none; color: #555; width: 9em; }} .empty {{ color: #555; font-style: italic; }}
nav ul {{ list-style: none; padding-left: 1.2em; }} nav > ul {{ padding-left: 0; }}
p, li {{ orphans: 2; widows: 2; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }}
th {{ background: #eee; text-align: left; }} th, td {{ padding: 3px; border-bottom: 1px solid #bbb; vertical-align: top; }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
.meta {{ color: #555; font-style: italic; }}
.seating {{ display: flex; gap: 1em; align-items: stretch; margin: 1em 0; }} .seating .side {{ flex: 1; }} .seating .side:first-child {{ text-align: right; }} .seating ol {{ list-style: none; padding: 0; }} .seating li {{ margin: .6em 0; }} .seating .table {{ width: 4em; background: #eee; }}
.figure {{ display: flex; gap: 14pt; align-items: flex-start; }} .figure img {{ flex: none; width: 30mm; height: auto; }} .figure > div {{ flex: 1; min-width: 0; }}
.overall {{ text-align: center; font-size: 22pt; color: #8b0000; font-weight: bold; background: #f5eaea; padding: .4em; margin-top: 3em; }}
@media print {{ .banner {{ display: none; }} }}
</style></head><body>
<div class="banner">{banner}</div>
<header><p class="kind">{kind}</p><h1>{title}</h1>"#,
        lang = esc(&doc.lang),
        doc_title = esc(&doc.title),
        paper = match paper {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        },
        kind = esc(&c.kind),
        title = cx.text(&c.title),
        page_of = css_page_of(&doc.words.page_of),
    );
    if !c.occasion.is_empty() {
        let _ = write!(out, "<p class=\"occasion\">{}</p>", cx.text(&c.occasion));
    }
    out.push_str("<table class=\"facts\">");
    for field in &c.fields {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            esc(&field.label),
            cx.text(&field.value)
        );
    }
    let _ = write!(out, "</table><p class=\"overall\">{banner}</p></header>");

    contents(&mut out, doc, cx);

    out.push_str("<main>");
    for part in &doc.parts {
        let id = part
            .anchor
            .as_deref()
            .map(|a| format!(" id=\"{}\"", esc(a)))
            .unwrap_or_default();
        // The repeated banners are for the printed page; a screen reader has read the
        // marking once.
        let _ = write!(
            out,
            "<section{id}><div class=\"banner\" aria-hidden=\"true\">{banner}</div>"
        );
        heading(&mut out, part, 0, cx);
        blocks(&mut out, &part.body, 1, cx);
        let _ = write!(
            out,
            "<div class=\"banner\" aria-hidden=\"true\">{banner}</div></section>"
        );
    }
    out.push_str("</main></body></html>\n");
    out
}

/// The contents: every outlined section, nested as the bookmarks are, each a link.
fn contents(out: &mut String, doc: &Document, cx: Cx) {
    let _ = write!(
        out,
        "<nav aria-labelledby=\"contents\"><h2 id=\"contents\">{}</h2>",
        esc(&doc.words.contents)
    );
    let mut open: Vec<u8> = Vec::new();
    for (s, level) in doc.outline() {
        while open.last().is_some_and(|&l| l > level) {
            out.push_str("</li></ul>");
            open.pop();
        }
        if open.last() == Some(&level) {
            out.push_str("</li>");
        } else {
            out.push_str("<ul>");
            open.push(level);
        }
        let text = cx.text(&s.heading_text());
        match &s.anchor {
            Some(a) => {
                let _ = write!(out, "<li><a href=\"#{}\">{text}</a>", esc(a));
            }
            None => {
                let _ = write!(out, "<li>{text}");
            }
        }
    }
    for _ in open {
        out.push_str("</li></ul>");
    }
    out.push_str("</nav>");
}

fn heading(out: &mut String, s: &Sect, depth: usize, cx: Cx) {
    let level = Sect::level(depth);
    let class = match s.heading {
        Heading::Part => "",
        Heading::Group => " class=\"group\"",
        Heading::Item => "",
        Heading::Label => " class=\"label\"",
        Heading::Minor => " class=\"minor\"",
    };
    // A part's anchor is on its section.
    let id = match (&s.anchor, s.heading) {
        (Some(a), h) if h != Heading::Part => format!(" id=\"{}\"", esc(a)),
        _ => String::new(),
    };
    let _ = write!(
        out,
        "<h{level}{class}{id}>{}</h{level}>",
        cx.text(&s.heading_text())
    );
}

fn blocks(out: &mut String, blocks_: &[Block], depth: usize, cx: Cx) {
    for b in blocks_ {
        match b {
            Block::Sect(s) => {
                out.push_str("<section>");
                heading(out, s, depth, cx);
                blocks(out, &s.body, depth + 1, cx);
                out.push_str("</section>");
            }
            Block::Para(p) => para(out, p, cx),
            Block::List(l) => list(out, l, cx),
            Block::Table(t) => table(out, t, cx),
            Block::Quote(inner) => {
                out.push_str("<blockquote>");
                blocks(out, inner, depth, cx);
                out.push_str("</blockquote>");
            }
            Block::Figure(f) => {
                // The photo is in the page, so that the pack stays one file as the dossier is.
                let _ = write!(
                    out,
                    "<div class=\"figure\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"><div>",
                    f.photo.data_uri(),
                    esc(&f.alt),
                    f.photo.width() * 3 / 8,
                    f.photo.height() * 3 / 8
                );
                blocks(out, &f.beside, depth, cx);
                out.push_str("</div></div>");
            }
            Block::Seating(plan) => seating(out, plan, cx),
        }
    }
}

/// The table seen from above, as the PDF draws it (not to scale on a screen): each side's
/// names down its edge, the left side's from its members' left hand, the right side's
/// upwards; the scale note says what the printed drawing's scale is.
fn seating(out: &mut String, plan: &crate::document::Seating, cx: Cx) {
    let Some(scale) = crate::layout::seating_scale(plan, cx.paper) else {
        let _ = write!(out, "<p class=\"empty\">{}</p>", esc(&plan.too_long));
        return;
    };
    let _ = write!(
        out,
        "<figure class=\"seating\" role=\"img\" aria-label=\"{}\">",
        esc(&plan.alt)
    );
    for (i, side) in plan.sides.iter().take(2).enumerate() {
        if i == 1 {
            out.push_str("<div class=\"table\"></div>");
        }
        let _ = write!(out, "<div class=\"side\"><b>{}</b>", cx.text(&side.name));
        for row in [&side.seats, &side.behind] {
            if row.is_empty() {
                continue;
            }
            out.push_str("<ol>");
            let mut seats: Vec<_> = row.iter().collect();
            if i == 1 {
                seats.reverse();
            }
            for seat in seats {
                let _ = write!(
                    out,
                    "<li><b>{}</b><br>{}</li>",
                    cx.text(&seat.name),
                    cx.text(&seat.position)
                );
            }
            out.push_str("</ol>");
        }
        out.push_str("</div>");
    }
    let _ = write!(
        out,
        "</figure><p class=\"meta\">{}</p>",
        esc(&plan.scale.replace("{scale}", &scale.to_string()))
    );
}

fn para(out: &mut String, p: &Para, cx: Cx) {
    let class = match p.tone {
        Tone::Body => "",
        Tone::Meta => " class=\"meta\"",
        Tone::Empty => " class=\"empty\"",
    };
    let _ = write!(out, "<p{class}>{}</p>", spans(&p.spans, cx));
}

/// A list, nested as its items' depths say.
fn list(out: &mut String, l: &List, cx: Cx) {
    let tag = if l.numbered { "ol" } else { "ul" };
    let _ = write!(out, "<{tag}>");
    let mut depth = 0;
    let mut first = true;
    for item in &l.items {
        while depth < item.depth {
            let _ = write!(out, "<{tag}>");
            depth += 1;
            first = true;
        }
        while depth > item.depth {
            let _ = write!(out, "</li></{tag}>");
            depth -= 1;
        }
        if !first {
            out.push_str("</li>");
        }
        first = false;
        // The number as printed (a list may start anywhere).
        let value = item
            .label
            .strip_suffix('.')
            .filter(|n| l.numbered && n.bytes().all(|b| b.is_ascii_digit()))
            .map(|n| format!(" value=\"{n}\""))
            .unwrap_or_default();
        let body: Vec<String> = item.body.iter().map(|p| spans(p, cx)).collect();
        let _ = write!(out, "<li{value}>{}", body.join("<br>"));
    }
    if !first {
        out.push_str("</li>");
    }
    while depth > 0 {
        let _ = write!(out, "</{tag}></li>");
        depth -= 1;
    }
    let _ = write!(out, "</{tag}>");
}

fn table(out: &mut String, t: &Table, cx: Cx) {
    // The PDF's proportions: without them a browser squeezes the short columns until
    // "To be confirmed" breaks mid-word.
    out.push_str("<table><colgroup>");
    for c in &t.columns {
        let _ = write!(out, "<col style=\"width: {:.0}%\">", c.width * 100.0);
    }
    out.push_str("</colgroup><thead><tr>");
    for c in &t.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(&c.title));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", spans(cell, cx));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// Inline text with its emphasis; '\n' breaks the line.
fn spans(spans: &[Span], cx: Cx) -> String {
    let mut out = String::new();
    for s in spans {
        let t = cx.text(&s.text).replace('\n', "<br>");
        match (s.bold, s.italic) {
            (true, true) => {
                let _ = write!(out, "<strong><em>{t}</em></strong>");
            }
            (true, false) => {
                let _ = write!(out, "<strong>{t}</strong>");
            }
            (false, true) => {
                let _ = write!(out, "<em>{t}</em>");
            }
            (false, false) => out.push_str(&t),
        }
    }
    out
}
