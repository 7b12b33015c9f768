//! The flow: places blocks of text and tables down pages, breaking pages where needed with
//! the rules of good typesetting (headings stay with what follows, no single line of a
//! paragraph alone at a page's foot or head, table rows whole, table headers repeated).

use super::{Colour, Fonts, Item, Page, Role, Style, Tag, Tree};

/// A run of text in one style.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

impl Run {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }
}

/// A word (or piece of one) placed on a line: a slice of its run, so wrapping allocates
/// nothing per word.
#[derive(Debug, Clone)]
struct Word<'t> {
    text: &'t str,
    style: Style,
    width: f32,
    /// Whether a space comes before it on the line.
    space_before: bool,
}

/// A line of placed words.
#[derive(Debug, Clone, Default)]
pub struct Line<'t> {
    words: Vec<Word<'t>>,
    /// Whether the text goes on after this line between words (a wrapped or broken line),
    /// so that a space is written at its end: text extracted or read aloud from the PDF
    /// would otherwise run the last word of one line into the first of the next.
    pub space_after: bool,
}

impl Line<'_> {
    /// How wide the line is drawn, with `space` between words.
    pub fn width(&self, space: f32) -> f32 {
        self.words
            .iter()
            .map(|w| w.width + if w.space_before { space } else { 0.0 })
            .sum()
    }
}

/// Breaks runs into lines at most `width` wide. Words longer than a line are cut. Each
/// character is measured a bounded number of times, so a megabyte without a space takes
/// as long per character as ordinary prose.
pub fn wrap<'t>(fonts: &Fonts, runs: &'t [Run], size: f32, width: f32) -> Vec<Line<'t>> {
    let mut lines = vec![Line::default()];
    let mut line_width = 0.0;
    let space = fonts.width(Style::Regular, size, " ");
    let mut pending_space = false;
    for run in runs {
        for (i, piece) in run.text.split(' ').enumerate() {
            if i > 0 {
                pending_space = true;
            }
            for (j, part) in piece.split('\n').enumerate() {
                if j > 0 {
                    lines.last_mut().expect("non-empty").space_after = true;
                    lines.push(Line::default());
                    line_width = 0.0;
                    pending_space = false;
                }
                for part in segments(part) {
                    let w = fonts.width(run.style, size, part);
                    let line = lines.last_mut().expect("non-empty");
                    // A break here is at a space only if one came before the word; between
                    // two ideographs there is none to write at the line's end.
                    let at_space = pending_space;
                    let lead = if pending_space && !line.words.is_empty() {
                        space
                    } else {
                        0.0
                    };
                    pending_space = false;
                    if line_width + lead + w <= width {
                        line.words.push(Word {
                            text: part,
                            style: run.style,
                            width: w,
                            space_before: lead > 0.0,
                        });
                        line_width += lead + w;
                        continue;
                    }
                    if line_width > 0.0 {
                        lines.last_mut().expect("non-empty").space_after = at_space;
                        lines.push(Line::default());
                        line_width = 0.0;
                    }
                    // Longer than a whole line: cut it where it stops fitting. The last
                    // piece stays on its line, and what follows may join it.
                    let pieces = fonts.cut(run.style, size, part, width);
                    let last = pieces.len() - 1;
                    for (k, (text, w)) in pieces.into_iter().enumerate() {
                        lines.last_mut().expect("non-empty").words.push(Word {
                            text,
                            style: run.style,
                            width: w,
                            space_before: false,
                        });
                        if k < last {
                            lines.push(Line::default());
                        } else {
                            line_width = w;
                        }
                    }
                }
            }
        }
    }
    if lines.len() > 1 && lines.last().is_some_and(|l| l.words.is_empty()) {
        lines.pop();
        lines.last_mut().expect("non-empty").space_after = false;
    }
    lines
}

/// Whether `c` is Thai: written without spaces between words, which only a model of the
/// language finds.
fn is_thai(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0E7F}')
}

/// Where a line may break inside Thai text: between its words, as ICU's model of the
/// language finds them (UAX #14 leaves Thai to such a model, and without one a Thai phrase
/// longer than a line was cut between letters).
fn thai_breaks(word: &str) -> impl Iterator<Item = usize> + '_ {
    static SEGMENTER: std::sync::LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> =
        std::sync::LazyLock::new(|| icu_segmenter::LineSegmenter::new_lstm(Default::default()));
    SEGMENTER.segment_str(word).filter(move |&at| {
        at > 0
            && at < word.len()
            && word[..at].chars().next_back().is_some_and(is_thai)
            && word[at..].chars().next().is_some_and(is_thai)
    })
}

/// A word cut where a line may break inside it without a space: between Chinese, Japanese
/// or Korean characters (UAX #14) and between Thai words, which are written without
/// spaces. Elsewhere the words are the spaces' (a Latin hyphen is not a break here, as in
/// every pack before).
fn segments(word: &str) -> impl Iterator<Item = &str> {
    let mut cuts = vec![0];
    if !word.is_ascii() {
        if word.chars().any(is_thai) {
            cuts.extend(thai_breaks(word));
        }
        for (at, chance) in unicode_linebreak::linebreaks(word) {
            if chance != unicode_linebreak::BreakOpportunity::Allowed || at >= word.len() {
                continue;
            }
            let before = word[..at].chars().next_back();
            let after = word[at..].chars().next();
            if before.is_some_and(super::fonts::is_cjk) || after.is_some_and(super::fonts::is_cjk) {
                cuts.push(at);
            }
        }
    }
    cuts.push(word.len());
    cuts.sort_unstable();
    cuts.dedup();
    (0..cuts.len() - 1)
        .map(move |i| &word[cuts[i]..cuts[i + 1]])
        .filter(|s| !s.is_empty())
}

pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    pub width: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub pages: Vec<Page>,
    /// The distance from the top of the current page.
    pub y: f32,
    /// The structure of what has been placed, and the elements now open (innermost last):
    /// text is part of the innermost.
    pub tree: Tree,
    open: Vec<u32>,
    /// While above zero, what is drawn is an artifact (a repeated table header).
    artifact: u32,
}

impl<'f> Flow<'f> {
    pub fn new(
        fonts: &'f Fonts,
        (width, height): (f32, f32),
        margins: (f32, f32, f32, f32),
    ) -> Self {
        let (top, right, bottom, left) = margins;
        Self {
            fonts,
            width,
            left,
            right: width - right,
            top,
            bottom: height - bottom,
            pages: vec![Page::default()],
            y: top,
            tree: Tree::default(),
            open: Vec::new(),
            artifact: 0,
        }
    }

    /// Opens a structure element inside the one now open; what is drawn until it is
    /// closed belongs to it.
    pub fn open(&mut self, role: Role) -> u32 {
        let id = self.tree.add(role, self.open.last().copied());
        self.open.push(id);
        id
    }

    pub fn close(&mut self) {
        self.open.pop();
    }

    /// Opens a figure, which a screen reader reads as `alt`.
    pub fn open_figure(&mut self, alt: &str) -> u32 {
        let id = self.open(Role::Figure);
        self.tree.nodes[id as usize].alt = Some(alt.to_owned());
        id
    }

    /// Draws what `draw` draws as an artifact.
    pub fn artifact<R>(&mut self, draw: impl FnOnce(&mut Self) -> R) -> R {
        self.artifact += 1;
        let r = draw(self);
        self.artifact -= 1;
        r
    }

    /// The tag of text drawn now.
    pub fn tag(&self) -> Tag {
        match self.open.last() {
            Some(&n) if self.artifact == 0 => Tag::Node(n),
            _ => Tag::Artifact,
        }
    }

    pub fn page(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
    }

    pub fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// Makes sure `height` fits on the page, starting a new one if not.
    pub fn need(&mut self, height: f32) {
        if self.y + height > self.bottom && self.y > self.top {
            self.new_page();
        }
    }

    /// Adds an item to the current page: text and links as part of the open element,
    /// rules and shading as artifacts.
    pub fn push(&mut self, item: Item) {
        let tag = match item {
            Item::Text { .. } | Item::Link { .. } | Item::Image { .. } => self.tag(),
            Item::Line { .. } | Item::Rect { .. } | Item::Turned { .. } => Tag::Artifact,
        };
        self.push_tagged(tag, item);
    }

    pub fn push_tagged(&mut self, tag: Tag, item: Item) {
        self.pages
            .last_mut()
            .expect("a flow always has a page")
            .push(tag, item);
    }

    pub fn gap(&mut self, h: f32) {
        if self.y > self.top {
            self.y += h;
        }
    }

    /// Breaks runs into lines at most `width` wide. Words longer than a line are cut.
    pub fn wrap<'t>(&self, runs: &'t [Run], size: f32, width: f32) -> Vec<Line<'t>> {
        wrap(self.fonts, runs, size, width)
    }

    /// Draws one line of words at (x, baseline y), as part of the open element.
    pub fn draw_line(&mut self, line: &Line, x: f32, baseline: f32, size: f32, colour: Colour) {
        let tag = self.tag();
        self.draw_line_tagged(line, x, baseline, size, colour, tag);
    }

    /// An element the flow does not enter: a table cell, which is drawn in turn with the
    /// other cells of its row.
    pub fn tree_leaf(&mut self, role: Role) -> u32 {
        self.tree.add(role, self.open.last().copied())
    }

    pub fn draw_line_tagged(
        &mut self,
        line: &Line,
        x: f32,
        baseline: f32,
        size: f32,
        colour: Colour,
        tag: Tag,
    ) {
        let space = self.fonts.width(Style::Regular, size, " ");
        let mut cx = x;
        // Consecutive words of one style become one text run, so that text extracts as
        // the words were written.
        let mut run: Option<(f32, Style, String)> = None;
        for w in &line.words {
            if w.space_before {
                cx += space;
            }
            match &mut run {
                Some((_, style, text)) if *style == w.style => {
                    if w.space_before {
                        text.push(' ');
                    }
                    text.push_str(w.text);
                }
                _ => {
                    if let Some((rx, style, mut text)) = run.take() {
                        // The space between two runs is written at the end of the first.
                        if w.space_before {
                            text.push(' ');
                        }
                        self.push_tagged(
                            tag,
                            Item::Text {
                                x: rx,
                                y: baseline,
                                style,
                                size,
                                colour,
                                text,
                            },
                        );
                    }
                    run = Some((cx, w.style, w.text.to_owned()));
                }
            }
            cx += w.width;
        }
        if let Some((rx, style, mut text)) = run {
            if line.space_after {
                text.push(' ');
            }
            self.push_tagged(
                tag,
                Item::Text {
                    x: rx,
                    y: baseline,
                    style,
                    size,
                    colour,
                    text,
                },
            );
        }
    }

    /// A paragraph at `indent`, with `first` drawn before its first line (a bullet or a
    /// number) in the indent. Keeps at least two lines together at a page break.
    pub fn paragraph(
        &mut self,
        runs: &[Run],
        size: f32,
        indent: f32,
        first: Option<&str>,
        colour: Colour,
    ) {
        let label = first.map(|f| (f, self.tag()));
        self.paragraph_labelled(runs, size, indent, label, colour, false);
    }

    /// A paragraph as [`Flow::paragraph`], its label (a list item's bullet or number) drawn
    /// as part of the element `label.1` (the item's `Lbl`). `more`: another paragraph of
    /// the same element follows, so a space ends this one's text.
    pub fn paragraph_labelled(
        &mut self,
        runs: &[Run],
        size: f32,
        indent: f32,
        label: Option<(&str, Tag)>,
        colour: Colour,
        more: bool,
    ) {
        let leading = size * 1.35;
        let width = self.text_width() - indent;
        let mut lines = self.wrap(runs, size, width);
        if more && let Some(last) = lines.last_mut() {
            last.space_after = true;
        }
        let n = lines.len();
        let mut i = 0;
        while i < n {
            let fit = ((self.room() / leading).floor().max(0.0)) as usize;
            let mut take = fit.min(n - i);
            // Orphan and widow control: never one line alone at either side of a break.
            if take < n - i {
                if take == 1 || (n - i >= 2 && n - i - take == 1 && take >= 2) {
                    take = if take == 1 { 0 } else { take - 1 };
                }
                if take == 0 && self.y > self.top {
                    self.new_page();
                    continue;
                }
                take = take.max(1);
            }
            for line in &lines[i..i + take] {
                let baseline = self.y + size * self.fonts.ascent;
                if i == 0
                    && let Some((marker, tag)) = label
                {
                    let mw = self.fonts.width(Style::Regular, size, marker);
                    self.push_tagged(
                        tag,
                        Item::Text {
                            x: self.left + indent - mw - 4.0,
                            y: baseline,
                            style: Style::Regular,
                            size,
                            colour,
                            text: marker.to_owned(),
                        },
                    );
                }
                self.draw_line(line, self.left + indent, baseline, size, colour);
                self.y += leading;
                i += 1;
            }
            if i < n {
                self.new_page();
            }
        }
    }

    /// The height `runs` take as a paragraph.
    pub fn paragraph_height(&self, runs: &[Run], size: f32, indent: f32) -> f32 {
        self.wrap(runs, size, self.text_width() - indent).len() as f32 * size * 1.35
    }

    /// A heading kept with at least `keep` points of what follows it.
    pub fn heading(&mut self, text: &str, size: f32, keep: f32) -> (usize, f32) {
        let runs = [Run::new(text, Style::Bold)];
        let h = self.paragraph_height(&runs, size, 0.0);
        self.need(h + keep);
        let at = (self.page(), self.y);
        self.paragraph(&runs, size, 0.0, None, Colour::BLACK);
        self.y += size * 0.3;
        at
    }

    /// A table with a header row repeated on every page, under `continued` (say, whose list
    /// it is) so that a reader of a later page knows; rows are not split unless a row is
    /// taller than a page, and then between lines, the header repeated. `widths` are fractions of the text width; a cell is runs of
    /// text, wrapped within its column ("\n" breaks a line).
    pub fn table(
        &mut self,
        header: &[&str],
        widths: &[f32],
        rows: &[Vec<Vec<Run>>],
        size: f32,
        continued: &str,
    ) {
        let pad = 3.0;
        let total = self.text_width();
        let cols: Vec<f32> = widths.iter().map(|w| w * total).collect();
        let leading = size * 1.3;
        let header_cells: Vec<Vec<Run>> = header
            .iter()
            .map(|s| vec![Run::new(*s, Style::Bold)])
            .collect();
        let header_lines = wrap_cells(self.fonts, &header_cells, &cols, size, pad);
        let height_of = |lines: &Vec<Vec<Line>>| {
            lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 2.0 * pad
        };
        let header_h = height_of(&header_lines);
        let caption = [Run::new(continued, Style::Italic)];
        let caption_h = self.paragraph_height(&caption, size, 0.0) + 3.0;
        // Draws lines `from..to` of each cell as one row (or one part of a split row), each
        // cell's text part of its element in `cells`, or an artifact when there are none.
        let draw_row = |flow: &mut Self,
                        lines: &[Vec<Line>],
                        from: usize,
                        to: usize,
                        shade: bool,
                        cells: Option<&[u32]>| {
            let top = flow.y;
            let h = (to - from).max(1) as f32 * leading + 2.0 * pad;
            if shade {
                flow.push(Item::Rect {
                    x: flow.left,
                    y: top,
                    w: total,
                    h,
                    fill: Colour::SHADE,
                });
            }
            let mut x = flow.left;
            for (k, (cell, w)) in lines.iter().zip(&cols).enumerate() {
                let mut baseline = top + pad + size * flow.fonts.ascent;
                let tag = cells.map_or(Tag::Artifact, |c| Tag::Node(c[k]));
                for line in cell.iter().take(to).skip(from) {
                    flow.draw_line_tagged(line, x + pad, baseline, size, Colour::BLACK, tag);
                    baseline += leading;
                }
                x += w;
            }
            flow.push(Item::Line {
                x1: flow.left,
                y1: top + h,
                x2: flow.left + total,
                y2: top + h,
                width: 0.5,
                colour: Colour::RULE,
            });
            flow.y += h;
        };
        // A row's elements: the row and one per cell, made when it is first drawn.
        let row_nodes = |flow: &mut Self, role: Role, n: usize| -> Vec<u32> {
            flow.open(Role::TR);
            let cells = (0..n).map(|_| flow.tree_leaf(role)).collect();
            flow.close();
            cells
        };
        // On a later page the caption and the header row are said again for the eye, not
        // for a screen reader, which has read them once; or, once a table has
        // `TABLE_ROWS` rows, the table goes on as another of the same header there (a
        // thousand rows is as many as readers and validators take in one table).
        let continue_on_next_page = |flow: &mut Self, restart: bool| {
            flow.new_page();
            flow.artifact(|flow| flow.paragraph(&caption, size, 0.0, None, Colour::GREY));
            flow.y += 3.0;
            let n = header_lines.iter().map(Vec::len).max().unwrap_or(1);
            if restart {
                flow.close();
                flow.open(Role::Table);
                let cells = row_nodes(flow, Role::TH { row: false }, header.len());
                draw_row(flow, &header_lines, 0, n, true, Some(&cells));
            } else {
                draw_row(flow, &header_lines, 0, n, true, None);
            }
        };
        let mut in_table = 0;
        self.need(header_h + leading * 2.0 + 2.0 * pad);
        let header_n = header_lines.iter().map(Vec::len).max().unwrap_or(1);
        let header_cells = row_nodes(self, Role::TH { row: false }, header.len());
        draw_row(self, &header_lines, 0, header_n, true, Some(&header_cells));
        // Lines of a row that fit below the header on a fresh page.
        let page_lines = ((self.bottom - self.top - header_h - caption_h - 2.0 * pad) / leading)
            .floor()
            .max(1.0) as usize;
        for (row, lines) in rows
            .iter()
            .zip(wrap_rows(self.fonts, rows, &cols, size, pad))
        {
            let n = lines.iter().map(Vec::len).max().unwrap_or(1);
            let h = height_of(&lines);
            in_table += 1;
            if n <= page_lines {
                if self.y + h > self.bottom {
                    let restart = in_table > TABLE_ROWS;
                    continue_on_next_page(self, restart);
                    if restart {
                        in_table = 1;
                    }
                }
                let cells = row_nodes(self, Role::TD, row.len());
                draw_row(self, &lines, 0, n, false, Some(&cells));
                continue;
            }
            // Taller than a page: split between lines, as a paragraph is, never drawn past
            // the foot of the page. At least two lines go on either side of a break.
            let cells = row_nodes(self, Role::TD, row.len());
            let (mut from, mut fresh) = (0, false);
            while from < n {
                let fit = ((self.bottom - self.y - 2.0 * pad) / leading)
                    .floor()
                    .max(0.0) as usize;
                // A fresh page always takes something, so the loop always ends.
                let room = if fit >= 2 || fresh { fit.max(1) } else { 0 };
                if room == 0 {
                    continue_on_next_page(self, false);
                    fresh = true;
                    continue;
                }
                let mut to = (from + room).min(n);
                if to < n && n - to < 2 && to - from > 2 {
                    to = n - 2;
                }
                draw_row(self, &lines, from, to, false, Some(&cells));
                from = to;
                fresh = false;
                if from < n {
                    continue_on_next_page(self, false);
                    fresh = true;
                }
            }
        }
        self.y += size;
    }
}

/// The rows after which a table goes on as another at its next page: a page holds at most
/// some fifty, so none has more than 1 024 with its header, as many as validators (veraPDF's
/// limit) and screen readers take in one table.
const TABLE_ROWS: usize = 900;

/// A table row's cells, each wrapped within its column.
fn wrap_cells<'t>(
    fonts: &Fonts,
    cells: &'t [Vec<Run>],
    cols: &[f32],
    size: f32,
    pad: f32,
) -> Vec<Vec<Line<'t>>> {
    cells
        .iter()
        .zip(cols)
        .map(|(c, w)| wrap(fonts, c, size, w - 2.0 * pad))
        .collect()
}

/// A table long enough to be worth wrapping on several threads.
const PARALLEL_ROWS: usize = 256;

/// Every row of a table wrapped. A long table (a delegation of hundreds) is most of its
/// part's layout, and how a row wraps does not depend on where it falls, so a long one is
/// wrapped in pieces on several threads, each with its own font caches, and placed in
/// order after: the same lines whatever the number of threads.
fn wrap_rows<'t>(
    fonts: &Fonts,
    rows: &'t [Vec<Vec<Run>>],
    cols: &[f32],
    size: f32,
    pad: f32,
) -> Vec<Vec<Vec<Line<'t>>>> {
    let some = |fonts: &Fonts, rows: &'t [Vec<Vec<Run>>]| -> Vec<Vec<Vec<Line<'t>>>> {
        rows.iter()
            .map(|r| wrap_cells(fonts, r, cols, size, pad))
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if rows.len() < PARALLEL_ROWS || threads < 2 {
        return some(fonts, rows);
    }
    let mut pieces = rows.chunks(rows.len().div_ceil(threads));
    let first = pieces.next().unwrap_or_default();
    let some = &some;
    std::thread::scope(|scope| {
        let later: Vec<_> = pieces
            .map(|piece| scope.spawn(move || some(&Fonts::new(), piece)))
            .collect();
        let mut all = some(fonts, first);
        for piece in later {
            all.extend(piece.join().expect("wrapping rows does not panic"));
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_table_wraps_the_same_on_several_threads_as_on_one() {
        let fonts = Fonts::new();
        let rows: Vec<Vec<Vec<Run>>> = (0..PARALLEL_ROWS * 2 + 7)
            .map(|i| {
                vec![
                    vec![Run::new(format!("{i}"), Style::Regular)],
                    vec![Run::new(
                        format!("Dr. Wanjiru Kamau {i}, Principal Secretary for Foreign Affairs"),
                        Style::Bold,
                    )],
                ]
            })
            .collect();
        let cols = [40.0, 120.0];
        let parallel = wrap_rows(&fonts, &rows, &cols, 9.0, 3.0);
        let one: Vec<_> = rows
            .iter()
            .map(|r| wrap_cells(&fonts, r, &cols, 9.0, 3.0))
            .collect();
        assert_eq!(format!("{parallel:?}"), format!("{one:?}"));
        assert!(one.iter().any(|r| r[1].len() > 2), "the names wrap");
    }

    #[test]
    fn thai_breaks_between_its_words_and_nowhere_else() {
        let words: Vec<&str> = segments("ทำเนียบรัฐบาล").collect();
        assert_eq!(words, ["ทำเนียบ", "รัฐบาล"], "Government House");
        let words: Vec<&str> = segments("การประชุมระหว่างประเทศไทยและเคนยา").collect();
        assert!(words.len() >= 6, "{words:?}");
        assert!(
            words.contains(&"ประชุม") && words.contains(&"ระหว่าง"),
            "{words:?}"
        );
        assert_eq!(words.concat(), "การประชุมระหว่างประเทศไทยและเคนยา");
        // Never inside a cluster: a vowel sign or tone mark stays on its letter.
        for w in &words {
            let first = w.chars().next().unwrap();
            assert!(
                !matches!(first, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'),
                "{w}"
            );
        }
        // Other words as before: Latin is never cut, Chinese between its characters.
        assert_eq!(segments("Kenya–U.S.").collect::<Vec<_>>(), ["Kenya–U.S."]);
        assert_eq!(segments("北京").collect::<Vec<_>>(), ["北", "京"]);
        // Between Thai words only, not between Latin and Thai.
        assert_eq!(
            segments("Bangkokกรุงเทพ").collect::<Vec<_>>(),
            ["Bangkokกรุง", "เทพ"]
        );
    }

    fn flow(fonts: &Fonts) -> Flow<'_> {
        Flow::new(fonts, (300.0, 200.0), (20.0, 20.0, 20.0, 20.0))
    }

    fn lines_of(f: &Flow, page: usize) -> Vec<f32> {
        let mut ys: Vec<f32> = f.pages[page]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            })
            .collect();
        ys.dedup();
        ys
    }

    #[test]
    fn wraps_within_the_width_and_cuts_overlong_words() {
        let fonts = Fonts::new();
        let f = flow(&fonts);
        let long = "x".repeat(200);
        let runs = [Run::new(
            format!("short words then {long} end"),
            Style::Regular,
        )];
        let lines = f.wrap(&runs, 10.0, 100.0);
        assert!(lines.len() > 4);
        for line in &lines {
            let w: f32 = line.words.iter().map(|w| w.width).sum();
            assert!(w <= 100.0 + 0.01, "a line is {w} wide");
        }
        let text: String = lines
            .iter()
            .flat_map(|l| l.words.iter().map(|w| w.text))
            .collect();
        assert_eq!(
            text.matches('x').count(),
            200,
            "no character is lost when a word is cut"
        );
    }

    #[test]
    fn no_single_line_is_left_alone_at_a_page_break() {
        let fonts = Fonts::new();
        let text = "word ".repeat(120);
        for start in [20.0, 60.0, 100.0, 120.0, 140.0, 150.0] {
            let mut f = flow(&fonts);
            f.y = start;
            f.push(Item::Line {
                x1: 0.0,
                y1: 0.0,
                x2: 1.0,
                y2: 0.0,
                width: 1.0,
                colour: Colour::BLACK,
            });
            f.paragraph(
                &[Run::new(text.clone(), Style::Regular)],
                10.0,
                0.0,
                None,
                Colour::BLACK,
            );
            for page in 0..f.pages.len() {
                let n = lines_of(&f, page).len();
                assert!(
                    n != 1 || f.pages.len() == 1,
                    "starting at {start}: page {page} holds a single line"
                );
            }
        }
    }

    #[test]
    fn a_heading_is_never_last_on_a_page() {
        let fonts = Fonts::new();
        let mut f = flow(&fonts);
        f.y = f.bottom - 20.0;
        f.push(Item::Line {
            x1: 0.0,
            y1: 0.0,
            x2: 1.0,
            y2: 0.0,
            width: 1.0,
            colour: Colour::BLACK,
        });
        let (page, _) = f.heading("Heading", 12.0, 40.0);
        assert_eq!(page, 1, "the heading moved to the next page with its text");
    }

    #[test]
    fn chinese_breaks_between_characters_and_thai_keeps_its_marks() {
        let fonts = Fonts::new();
        // No space in it: Chinese wraps between ideographs, with no space written where
        // it breaks.
        let text = "肯尼亚与美国在华盛顿举行高级别双边会谈".repeat(6);
        let runs = [Run::new(text.clone(), Style::Regular)];
        let lines = wrap(&fonts, &runs, 10.0, 120.0);
        assert!(lines.len() > 2, "{}", lines.len());
        let joined: String = lines
            .iter()
            .flat_map(|l| l.words.iter().map(|w| w.text))
            .collect();
        assert_eq!(joined, text, "nothing lost or added");
        assert!(lines.iter().all(|l| !l.space_after));
        for l in &lines {
            let w: f32 = l.words.iter().map(|w| w.width).sum();
            assert!(w <= 120.0 + 0.01, "{w}");
        }
        // After a Latin word, the Chinese goes on on the same line, not on the next; and
        // no line begins with a closing punctuation mark (UAX #14).
        let mixed = format!("Talks {}。双方，{}", text, text);
        let runs = [Run::new(mixed, Style::Regular)];
        let lines = wrap(&fonts, &runs, 10.0, 120.0);
        assert!(lines[0].words.len() > 1, "{:?}", lines[0].words);
        for l in &lines {
            let first = l.words[0].text.chars().next().unwrap();
            assert!(!matches!(first, '。' | '，'), "{:?}", l.words[0].text);
        }
        // Thai too long for a line is cut between graphemes: no line starts with a vowel
        // sign or a tone mark.
        let thai = "ประยุทธ์จันทร์โอชา".repeat(8);
        let runs = [Run::new(thai.clone(), Style::Regular)];
        let lines = wrap(&fonts, &runs, 10.0, 60.0);
        assert!(lines.len() > 2);
        for l in &lines {
            let first = l.words[0].text.chars().next().unwrap();
            assert!(
                !matches!(first, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'),
                "{:?}",
                l.words[0].text
            );
        }
        // Latin keeps its breaks at spaces only.
        let runs = [Run::new("high-level bilateral talks", Style::Regular)];
        let lines = wrap(&fonts, &runs, 10.0, 60.0);
        assert!(
            lines
                .iter()
                .all(|l| l.words.iter().all(|w| w.text != "high-"))
        );
    }
}
