//! Writes a dossier's briefing pack as Typst markup, for measuring Typst against
//! `attache export` on the same content (`benches/typst.sh`):
//! `cargo run --release --example typst_markup -- DOSSIER.ron -o PACK.typ`
//!
//! It renders the pack document (`attache::document`), the description the PDF and the
//! HTML come from, so both typesetters set the same words: the cover, the contents, every
//! part on a new page with its headings, paragraphs, lists and tables (header rows
//! repeated), and the banner and "Page X of Y" on every page. Text goes in as Typst
//! strings, so nothing in a dossier is read as markup.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use attache::document::{self, Block, Document, Heading, PackOptions, Sect, Span};
use attache::store;
use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a dossier's briefing pack as Typst markup")]
struct Args {
    dossier: PathBuf,
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let dossier = match store::load(&a.dossier) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("typst_markup: {e}");
            return ExitCode::FAILURE;
        }
    };
    let doc = document::build(&dossier, &PackOptions::default());
    match std::fs::write(&a.output, markup(&doc)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("typst_markup: {}: {e}", a.output.display());
            ExitCode::FAILURE
        }
    }
}

/// A Typst string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn spans(out: &mut String, spans: &[Span]) {
    for s in spans {
        let text = string(&s.text);
        match (s.bold, s.italic) {
            (false, false) => write!(out, "#{text}"),
            (true, false) => write!(out, "#strong({text})"),
            (false, true) => write!(out, "#emph({text})"),
            (true, true) => write!(out, "#strong(emph({text}))"),
        }
        .expect("writing to a string");
    }
}

fn markup(doc: &Document) -> String {
    let mut out = String::new();
    let banner = string(&doc.banner);
    let footer = string(&doc.footer);
    let page_of = string(&doc.words.page_of);
    // The same page as the PDF's: A4, its margins, the banner at top and bottom.
    writeln!(
        out,
        r#"#set document(title: {title})
#set text(lang: {lang}, font: "Noto Sans", size: 10pt)
#set page(paper: "a4", margin: (top: 70pt, bottom: 78pt, x: 62pt),
  header: align(center, text(weight: "bold", size: 11pt, {banner})),
  footer: context [
    #align(center, text(weight: "bold", size: 11pt, {banner}))
    #text(size: 8pt, {footer}) #h(1fr)
    #text(size: 8pt, {page_of}.replace("{{page}}", str(counter(page).get().first())).replace("{{pages}}", str(counter(page).final().first())))
  ])
#set heading(numbering: none)
"#,
        title = string(&doc.title),
        lang = string(&doc.lang),
    )
    .expect("writing to a string");

    let c = &doc.cover;
    writeln!(
        out,
        "#text(size: 11pt, {})\n\n#title({})\n\n#text(size: 13pt, {})\n",
        string(&c.kind),
        string(&c.title),
        string(&c.occasion)
    )
    .expect("writing to a string");
    out.push_str("#table(columns: (auto, 1fr), stroke: none,\n");
    for f in &c.fields {
        writeln!(out, "  strong({}), {},", string(&f.label), string(&f.value))
            .expect("writing to a string");
    }
    writeln!(
        out,
        ")\n\n#v(1fr)\n#align(center, text(weight: \"bold\", size: 16pt, {}))\n",
        string(&c.marking)
    )
    .expect("writing to a string");
    writeln!(
        out,
        "#pagebreak()\n#outline(title: {}, depth: 3)\n",
        string(&doc.words.contents)
    )
    .expect("writing to a string");

    for part in &doc.parts {
        out.push_str("#pagebreak()\n");
        sect(&mut out, part, 0);
    }
    out
}

/// A section `depth` deep (0 for a part): heading levels by depth, as the PDF's tags have
/// them (PDF/UA allows no skipped level), sized by what the heading heads.
fn sect(out: &mut String, s: &Sect, depth: usize) {
    let (size, grey) = match s.heading {
        Heading::Part => (20.0, false),
        Heading::Group => (10.5, true),
        Heading::Item => (13.0, false),
        Heading::Label => (10.0, true),
        Heading::Minor => (10.0, false),
    };
    let fill = if grey { ", fill: luma(90)" } else { "" };
    writeln!(
        out,
        "#[#set text(size: {size}pt{fill})\n#heading(level: {}, outlined: {}, {})]\n",
        (depth + 1).min(6),
        s.heading.outlined(),
        string(&s.heading_text())
    )
    .expect("writing to a string");
    blocks(out, &s.body, depth + 1);
}

fn blocks(out: &mut String, body: &[Block], depth: usize) {
    for b in body {
        match b {
            Block::Sect(s) => sect(out, s, depth),
            // The synthetic pack has no photos (Typst would read them from files): the text
            // beside one is written as it stands.
            Block::Figure(f) => blocks(out, &f.beside, depth),
            // Nor a seating drawing (its seats are listed in the tables that follow it).
            Block::Seating(_) => {}
            Block::Para(p) => {
                spans(out, &p.spans);
                out.push_str("\n\n");
            }
            Block::List(l) => {
                let marker = if l.numbered { '+' } else { '-' };
                for item in &l.items {
                    out.push_str(&"  ".repeat(item.depth));
                    out.push(marker);
                    out.push(' ');
                    for (k, para) in item.body.iter().enumerate() {
                        if k > 0 {
                            out.push_str(" \\ ");
                        }
                        spans(out, para);
                    }
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Table(t) => {
                let columns: Vec<String> =
                    t.columns.iter().map(|c| format!("{}fr", c.width)).collect();
                writeln!(
                    out,
                    "#table(columns: ({},), table.header({}),",
                    columns.join(", "),
                    t.columns
                        .iter()
                        .map(|c| format!("strong({})", string(&c.title)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
                .expect("writing to a string");
                for row in &t.rows {
                    for cell in row {
                        out.push_str("  [");
                        spans(out, cell);
                        out.push_str("],\n");
                    }
                }
                out.push_str(")\n\n");
            }
            Block::Quote(inner) => {
                out.push_str("#quote(block: true)[\n");
                blocks(out, inner, depth);
                out.push_str("]\n\n");
            }
        }
    }
}
