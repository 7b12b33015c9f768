//! The light markup of long text fields: paragraphs, bullet and numbered lists, *emphasis*
//! and **strong** — the subset of Markdown a brief needs. Everything else Markdown can
//! express degrades to its plain text, so no text a user typed is ever hidden.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// May contain `'\n'` for a hard line break.
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Span>),
    /// A list item; `depth` 0 is the outermost list, `number` is set for numbered lists.
    Item {
        depth: usize,
        number: Option<u64>,
        spans: Vec<Span>,
    },
}

impl Block {
    pub fn spans(&self) -> &[Span] {
        match self {
            Block::Paragraph(s) | Block::Item { spans: s, .. } => s,
        }
    }
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    current: Option<Block>,
    /// One entry per open list: the next item number of a numbered list.
    lists: Vec<Option<u64>>,
    bold: usize,
    italic: usize,
}

impl Builder {
    fn flush(&mut self) {
        if let Some(block) = self.current.take()
            && !block.spans().is_empty()
        {
            self.blocks.push(block);
        }
    }

    fn push_text(&mut self, text: &str) {
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        let block = self
            .current
            .get_or_insert_with(|| Block::Paragraph(Vec::new()));
        let spans = match block {
            Block::Paragraph(s) | Block::Item { spans: s, .. } => s,
        };
        match spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
            _ => spans.push(Span {
                text: text.to_owned(),
                bold,
                italic,
            }),
        }
    }

    fn start_item(&mut self) {
        self.flush();
        let depth = self.lists.len().saturating_sub(1);
        let number = match self.lists.last_mut() {
            Some(Some(n)) => {
                let this = *n;
                *n += 1;
                Some(this)
            }
            _ => None,
        };
        self.current = Some(Block::Item {
            depth,
            number,
            spans: Vec::new(),
        });
    }
}

/// Parses light markup into blocks.
pub fn parse(src: &str) -> Vec<Block> {
    let mut b = Builder::default();
    for event in Parser::new(src) {
        match event {
            Event::Start(Tag::Paragraph) => {
                // A second paragraph inside a list item continues that item.
                match &b.current {
                    Some(Block::Item { spans, .. }) if !spans.is_empty() => b.push_text(" "),
                    Some(Block::Item { .. }) => {}
                    _ => b.flush(),
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                b.flush();
                b.bold += 1;
            }
            Event::End(TagEnd::Heading(_)) => {
                b.bold -= 1;
                b.flush();
            }
            Event::End(TagEnd::Paragraph) if b.lists.is_empty() => b.flush(),
            Event::Start(Tag::List(first)) => {
                b.flush();
                b.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                b.flush();
                b.lists.pop();
            }
            Event::Start(Tag::Item) => b.start_item(),
            Event::End(TagEnd::Item) => b.flush(),
            Event::Start(Tag::Emphasis) => b.italic += 1,
            Event::End(TagEnd::Emphasis) => b.italic -= 1,
            Event::Start(Tag::Strong) => b.bold += 1,
            Event::End(TagEnd::Strong) => b.bold -= 1,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                b.push_text(&t)
            }
            Event::Html(t) | Event::InlineHtml(t) => b.push_text(&t),
            Event::SoftBreak => b.push_text(" "),
            Event::HardBreak => b.push_text("\n"),
            Event::End(TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::HtmlBlock) => b.flush(),
            _ => {}
        }
    }
    b.flush();
    b.blocks
}

/// The text without markup, blocks separated by newlines: for search and plain exports.
pub fn plain_text(src: &str) -> String {
    parse(src)
        .iter()
        .map(|b| {
            b.spans()
                .iter()
                .map(|s| s.text.as_str())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span {
            text: text.into(),
            bold,
            italic,
        }
    }

    #[test]
    fn paragraphs_and_emphasis() {
        let blocks = parse("First *line*\ncontinues.\n\nSecond **strong** one.");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![
                    span("First ", false, false),
                    span("line", false, true),
                    span(" continues.", false, false),
                ]),
                Block::Paragraph(vec![
                    span("Second ", false, false),
                    span("strong", true, false),
                    span(" one.", false, false),
                ]),
            ]
        );
    }

    #[test]
    fn bullets_numbers_and_nesting() {
        let blocks = parse("Intro:\n\n- one\n- two\n  1. a\n  2. b\n- three");
        let items: Vec<_> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item {
                    depth,
                    number,
                    spans,
                } => Some((*depth, *number, spans[0].text.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            items,
            vec![
                (0, None, "one".into()),
                (0, None, "two".into()),
                (1, Some(1), "a".into()),
                (1, Some(2), "b".into()),
                (0, None, "three".into()),
            ]
        );
    }

    #[test]
    fn unsupported_markup_keeps_its_text() {
        assert_eq!(
            plain_text("# Heading\n\n> quoted `code`\n\n[link](http://x)"),
            "Heading\nquoted code\nlink"
        );
    }
}
