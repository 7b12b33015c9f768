//! The document outline (bookmarks), written by us rather than by printpdf: printpdf makes
//! a flat list sorted by page and name that jumps to page tops, while a reader of a pack
//! wants the sections in document order with their items nested inside, each bookmark
//! landing on its heading.

use pdf_writer::{Name, Null, Obj, Pdf, Ref, TextStr};

use super::Refs;

use crate::layout::Heading;

/// The most bookmarks side by side under one parent. A longer list (the biographies of a
/// delegation of 300, a sheet of 300 place cards) is grouped into bookmarks of this many
/// each, named by their first and last: a reader scrolls less, and validators that follow a
/// list of bookmarks by recursion (veraPDF's stops at 256) read it whole.
const MAX_SIBLINGS: usize = 200;

/// A bookmark: a heading, or a group of the bookmarks of a long list.
enum Mark {
    Heading {
        at: usize,
        kids: Vec<Mark>,
    },
    Group {
        first: usize,
        last: usize,
        kids: Vec<Mark>,
    },
}

impl Mark {
    /// The heading it lands on (a group's first).
    fn lands(&self) -> usize {
        match self {
            Mark::Heading { at, .. } => *at,
            Mark::Group { first, .. } => *first,
        }
    }

    fn last(&self) -> usize {
        match self {
            Mark::Heading { at, .. } => *at,
            Mark::Group { last, .. } => *last,
        }
    }

    fn kids(&self) -> &[Mark] {
        match self {
            Mark::Heading { kids, .. } | Mark::Group { kids, .. } => kids,
        }
    }
}

/// `marks` in groups of at most [`MAX_SIBLINGS`], and those in groups again, until they fit.
fn grouped(mut marks: Vec<Mark>) -> Vec<Mark> {
    while marks.len() > MAX_SIBLINGS {
        let mut groups = Vec::with_capacity(marks.len().div_ceil(MAX_SIBLINGS));
        let mut rest = marks.into_iter().peekable();
        while rest.peek().is_some() {
            let kids: Vec<Mark> = rest.by_ref().take(MAX_SIBLINGS).collect();
            let first = kids.first().map_or(0, Mark::lands);
            let last = kids.last().map_or(0, Mark::last);
            groups.push(Mark::Group { first, last, kids });
        }
        marks = groups;
    }
    marks
}

/// Writes the outline of `headings` (in document order); returns its root.
/// `page_height` turns the layout's top-down positions into PDF coordinates.
pub fn write(
    pdf: &mut Pdf,
    refs: &mut Refs,
    headings: &[Heading],
    pages: &[Ref],
    page_height: f32,
) -> Option<Ref> {
    // A heading on no page (there is none) would be a bookmark to nowhere.
    let placed: Vec<usize> = (0..headings.len())
        .filter(|&i| headings[i].page < pages.len())
        .collect();
    if placed.is_empty() {
        return None;
    }
    // Each heading's parent is the nearest earlier heading of a lower level.
    let mut parent: Vec<Option<usize>> = vec![None; headings.len()];
    let mut open: Vec<usize> = Vec::new();
    for &i in &placed {
        while open
            .last()
            .is_some_and(|&j| headings[j].level >= headings[i].level)
        {
            open.pop();
        }
        parent[i] = open.last().copied();
        open.push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); headings.len()];
    let mut top = Vec::new();
    for &i in &placed {
        match parent[i] {
            Some(p) => children[p].push(i),
            None => top.push(i),
        }
    }
    // Built from the last heading back, so that each one's kids are built before it.
    let mut built: Vec<Option<Vec<Mark>>> = (0..headings.len()).map(|_| None).collect();
    for &i in placed.iter().rev() {
        let kids = children[i]
            .iter()
            .map(|&k| Mark::Heading {
                at: k,
                kids: built[k].take().unwrap_or_default(),
            })
            .collect();
        built[i] = Some(grouped(kids));
    }
    let top = grouped(
        top.iter()
            .map(|&k| Mark::Heading {
                at: k,
                kids: built[k].take().unwrap_or_default(),
            })
            .collect(),
    );

    let root = refs.next();
    let ids = link(pdf, refs, &top, root, &|item, mark| {
        let title = match mark {
            Mark::Heading { at, .. } => super::capped(&headings[*at].title).to_owned(),
            Mark::Group { first, last, .. } => {
                // Each half within half the limit, so the whole is within PDF/A's.
                let half = |t: &str| super::capped_to(t, 7_900).to_owned();
                format!(
                    "{} – {}",
                    half(&headings[*first].title),
                    half(&headings[*last].title)
                )
            }
        };
        item.title(TextStr(&title));
        let h = &headings[mark.lands()];
        destination(item.insert(Name(b"Dest")), pages[h.page], h.y, page_height);
    });
    let mut outline = pdf.outline(root);
    outline.count(top.len() as i32);
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        outline.first(*first).last(*last);
    }
    Some(root)
}

/// Writes `marks` as the bookmarks under `parent`, each described by `fill`, their own
/// bookmarks after them; returns their ids.
fn link(
    pdf: &mut Pdf,
    refs: &mut Refs,
    marks: &[Mark],
    parent: Ref,
    fill: &dyn Fn(&mut pdf_writer::writers::OutlineItem<'_>, &Mark),
) -> Vec<Ref> {
    let ids = refs.many(marks.len());
    for (k, mark) in marks.iter().enumerate() {
        let kids = link(pdf, refs, mark.kids(), ids[k], fill);
        let mut item = pdf.outline_item(ids[k]);
        item.parent(parent);
        fill(&mut item, mark);
        if k > 0 {
            item.prev(ids[k - 1]);
        }
        if let Some(&next) = ids.get(k + 1) {
            item.next(next);
        }
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            item.first(first).last(last);
            // Negative: closed, so that a long list of items does not bury the sections.
            item.count(-(kids.len() as i32));
        }
    }
    ids
}

/// A place to jump to: `from_top` points below the top of `page`, a little above it so that
/// the heading there is not at the very edge of the window; the zoom is left as it is.
pub fn destination(obj: Obj<'_>, page: Ref, from_top: f32, page_height: f32) {
    let top = (page_height - from_top + 12.0).min(page_height);
    obj.array()
        .item(page)
        .item(Name(b"XYZ"))
        .item(Null)
        .item(top)
        .item(Null);
}
