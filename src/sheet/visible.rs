//! Which sheet of a workbook a person opening it sees first, read from the workbook's own
//! XML with its namespaces resolved, as a spreadsheet reads it.
//!
//! The reader (`calamine`) takes every element named `sheet` (xlsx) or `table:table`
//! (ods) wherever it is, and a sheet's visibility only as it is most often written. A
//! crafted workbook can therefore list a hidden sheet where the reader will take it for
//! a visible one: a `sheet` of an ignorable namespace before the real list, a table
//! inside the document's forms, a style that hides a table through its parent style or
//! under another prefix. So the list is read here as a spreadsheet reads it, and a
//! workbook whose list the reader sees otherwise is refused rather than guessed at.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};
use rustc_hash::FxHashMap;

use super::SheetError;

const SPREADSHEETML: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
];
const ODF_OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const ODF_TABLE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const ODF_STYLE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:style:1.0";
/// Parts read here are small; anything larger is not a workbook's list of sheets.
const MAX_PART: u64 = 16 << 20;

fn file(message: impl Into<String>) -> SheetError {
    SheetError::File(message.into())
}

/// A sheet as listed: its name, and whether a person opening the workbook sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Listed {
    pub name: String,
    pub visible: bool,
    /// An xlsx sheet's part in the archive ("xl/worksheets/sheet1.xml"), as the
    /// workbook's relationships name it.
    pub part: Option<String>,
}

/// The name of the sheet to read: the first visible one as the workbook lists it, once
/// the reader's own list (`reader`: name and visibility, in order) is found to be the same
/// list of sheets. `ods`: the archive is an ods, else an xlsx.
pub(super) fn first_visible(
    bytes: &[u8],
    ods: bool,
    reader: &[calamine::Sheet],
) -> Result<(String, Option<String>), SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
    let listed = if ods {
        ods_tables(&mut zip)?
    } else {
        xlsx_sheets(&mut zip)?
    };
    let names = |l: &mut dyn Iterator<Item = &str>| l.map(str::to_owned).collect::<Vec<_>>();
    let ours = names(&mut listed.iter().map(|s| s.name.as_str()));
    let theirs = names(&mut reader.iter().map(|s| s.name.as_str()));
    let mut seen = rustc_hash::FxHashSet::default();
    if ours != theirs || !ours.iter().all(|n| seen.insert(n)) {
        return Err(file(
            "the workbook lists its sheets in a way spreadsheets do not write (sheets in \
             optional or alternative markup, a sheet named twice); open it and save it again \
             from the spreadsheet",
        ));
    }
    listed
        .iter()
        .zip(reader)
        .find(|(s, r)| s.visible && r.typ == calamine::SheetType::WorkSheet)
        .map(|(s, _)| (s.name.clone(), s.part.clone()))
        .ok_or_else(|| {
            file(if listed.is_empty() {
                "the workbook has no sheet"
            } else {
                "the workbook has no visible sheet (every sheet in it is hidden)"
            })
        })
}

/// A part of the archive, by its name (or, as readers look it up, the same name in
/// another case), at most `MAX_PART` bytes.
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, SheetError> {
    let name = name.trim_start_matches('/');
    let found = (0..zip.len()).find(|&i| {
        zip.name_for_index(i).is_some_and(|n| {
            n.as_ref()
                .is_ok_and(|n| n == name || n.eq_ignore_ascii_case(name))
        })
    });
    let Some(i) = found else {
        return Ok(None);
    };
    let entry = zip
        .by_index(i)
        .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
    let mut out = Vec::new();
    entry
        .take(MAX_PART + 1)
        .read_to_end(&mut out)
        .map_err(|e| file(format!("the workbook's archive is broken: {e}")))?;
    if out.len() as u64 > MAX_PART {
        return Err(file("the workbook's list of sheets is too large to be one"));
    }
    Ok(Some(out))
}

fn broken(e: impl std::fmt::Display) -> SheetError {
    file(format!("the workbook's list of sheets is broken XML: {e}"))
}

/// The value of an attribute of no namespace (as `name="…"` is written), unescaped.
fn plain_attr(
    e: &BytesStart,
    resolver: &NamespaceResolver,
    local: &[u8],
) -> Result<Option<String>, SheetError> {
    attr(e, resolver, None, local)
}

/// The value of the attribute `local` in namespace `ns` (`None`: no namespace).
fn attr(
    e: &BytesStart,
    resolver: &NamespaceResolver,
    ns: Option<&[u8]>,
    local: &[u8],
) -> Result<Option<String>, SheetError> {
    for a in e.attributes() {
        let a = a.map_err(broken)?;
        let (bound, name) = resolver.resolve_attribute(a.key);
        let in_ns = match (bound, ns) {
            (ResolveResult::Unbound, None) => true,
            (ResolveResult::Bound(n), Some(ns)) => n.0 == ns,
            _ => false,
        };
        if in_ns && name.as_ref() == local {
            return Ok(Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(broken)?
                    .into_owned(),
            ));
        }
    }
    Ok(None)
}

/// An element's namespace and local name.
type Name = (Vec<u8>, Vec<u8>);

/// Calls `f` with every element of `xml` (start or empty), its namespace and local name
/// resolved, with the elements it stands in (outermost first) and the resolver for its
/// attributes.
fn elements(
    xml: &[u8],
    mut f: impl FnMut(&[Name], &Name, &BytesStart, &NamespaceResolver) -> Result<(), SheetError>,
) -> Result<(), SheetError> {
    let mut reader = quick_xml::reader::NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut open: Vec<Name> = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf).map_err(broken)?;
        let ns = match ns {
            ResolveResult::Bound(n) => n.0.to_vec(),
            _ => Vec::new(),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = (ns, e.local_name().as_ref().to_vec());
                f(&open, &name, e, reader.resolver())?;
                if matches!(event, Event::Start(_)) {
                    open.push(name);
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The workbook part, as `_rels/.rels` names it (the last office document it lists, as
/// the reader takes it), else where spreadsheets put it.
fn workbook_path(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, SheetError> {
    let Some(rels) = part(zip, "_rels/.rels")? else {
        return Ok("xl/workbook.xml".to_owned());
    };
    let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
    let mut buf = Vec::new();
    let mut target = None;
    loop {
        match reader.read_event_into(&mut buf).map_err(broken)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let get = |key: &[u8]| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                };
                if get(b"Type").is_some_and(|t| t.ends_with("/relationships/officeDocument"))
                    && let Some(t) = get(b"Target")
                {
                    target = Some(t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(target.unwrap_or_else(|| "xl/workbook.xml".to_owned()))
}

/// An xlsx workbook's sheets: the `sheet` elements of its `sheets` list, directly under
/// the `workbook`, all of the SpreadsheetML namespace; nothing in alternative markup.
fn xlsx_sheets(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Vec<Listed>, SheetError> {
    let path = workbook_path(zip)?;
    let Some(xml) = part(zip, &path)? else {
        return Ok(Vec::new());
    };
    let sml = |(ns, _): &Name| SPREADSHEETML.contains(&ns.as_slice());
    let targets = relationships(zip, &path)?;
    let mut out = Vec::new();
    elements(&xml, |open, name, e, resolver| {
        let in_list = matches!(
            open,
            [w, l] if sml(w) && w.1 == b"workbook" && sml(l) && l.1 == b"sheets"
        );
        if sml(name) && name.1 == b"sheet" && in_list {
            let state = plain_attr(e, resolver, b"state")?;
            let mut id = None;
            for ns in RELATIONSHIPS {
                if id.is_none() {
                    id = attr(e, resolver, Some(ns), b"id")?;
                }
            }
            out.push(Listed {
                name: plain_attr(e, resolver, b"name")?.unwrap_or_default(),
                visible: state.as_deref().is_none_or(|s| s == "visible"),
                part: id.and_then(|id| targets.get(&id).cloned()),
            });
        }
        Ok(())
    })?;
    Ok(out)
}

const RELATIONSHIPS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships",
];

/// The parts the workbook's relationships point to, by id, as paths in the archive
/// (lower case, as parts are looked up): "rId1" → "xl/worksheets/sheet1.xml".
fn relationships(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    workbook: &str,
) -> Result<FxHashMap<String, String>, SheetError> {
    let workbook = workbook.trim_start_matches('/');
    let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", workbook));
    let rels = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let mut out = FxHashMap::default();
    let Some(xml) = part(zip, &rels)? else {
        return Ok(out);
    };
    elements(&xml, |_, name, e, resolver| {
        if name.1 == b"Relationship"
            && let (Some(id), Some(target)) = (
                plain_attr(e, resolver, b"Id")?,
                plain_attr(e, resolver, b"Target")?,
            )
        {
            // Relative to the workbook's folder, unless it begins at the archive's root.
            let mut path: Vec<&str> = if target.starts_with('/') {
                Vec::new()
            } else {
                dir.split('/').filter(|p| !p.is_empty()).collect()
            };
            for piece in target.split('/') {
                match piece {
                    "" | "." => {}
                    ".." => {
                        path.pop();
                    }
                    p => path.push(p),
                }
            }
            out.insert(id, path.join("/").to_ascii_lowercase());
        }
        Ok(())
    })?;
    Ok(out)
}

/// A table style: its parent, and whether it says the table is shown.
type Styles = FxHashMap<String, (Option<String>, Option<bool>)>;

/// The table styles of an ODF part (`office:automatic-styles`, `office:styles`).
fn ods_styles(xml: &[u8], styles: &mut Styles) -> Result<(), SheetError> {
    // The table style being read, for the properties inside it.
    let mut current: Option<String> = None;
    elements(xml, |open, name, e, resolver| {
        if name.0 != ODF_STYLE {
            return Ok(());
        }
        match name.1.as_slice() {
            b"style" => {
                let family = attr(e, resolver, Some(ODF_STYLE), b"family")?;
                let style = attr(e, resolver, Some(ODF_STYLE), b"name")?;
                let parent = attr(e, resolver, Some(ODF_STYLE), b"parent-style-name")?;
                current = None;
                if family.as_deref() == Some("table")
                    && let Some(style) = style
                {
                    styles.entry(style.clone()).or_insert((parent, None));
                    current = Some(style);
                }
            }
            b"table-properties" => {
                let in_style =
                    matches!(open.last(), Some((n, l)) if n == ODF_STYLE && l == b"style");
                if in_style
                    && let Some(style) = &current
                    && let Some(display) = attr(e, resolver, Some(ODF_TABLE), b"display")?
                    && let Some(entry) = styles.get_mut(style)
                {
                    entry.1 = Some(display != "false");
                }
            }
            _ => {}
        }
        Ok(())
    })
}

/// Whether a table of this style is shown: as the style says, else as its parent does,
/// however long the chain. A chain that comes back on itself is refused: what it shows
/// cannot be told.
fn shown(styles: &Styles, style: Option<&str>) -> Result<bool, SheetError> {
    let mut at = style;
    let mut seen = rustc_hash::FxHashSet::default();
    while let Some(name) = at {
        if !seen.insert(name) {
            return Err(file(
                "a table's style inherits from itself, so whether the table is shown cannot be told",
            ));
        }
        let Some((parent, display)) = styles.get(name) else {
            break;
        };
        if let Some(shown) = display {
            return Ok(*shown);
        }
        at = parent.as_deref();
    }
    Ok(true)
}

/// An ods workbook's tables: the `table:table` elements directly in its spreadsheet body,
/// each hidden where its style (or a style it inherits from, in either part) says so.
fn ods_tables(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Vec<Listed>, SheetError> {
    let mut styles = Styles::default();
    if let Some(xml) = part(zip, "styles.xml")? {
        ods_styles(&xml, &mut styles)?;
    }
    let Some(content) = part(zip, "content.xml")? else {
        return Ok(Vec::new());
    };
    // Automatic styles (in the content) come before the body, and take precedence.
    let mut automatic = Styles::default();
    ods_styles(&content, &mut automatic)?;
    for (name, style) in automatic {
        styles.insert(name, style);
    }
    let mut out = Vec::new();
    elements(&content, |open, name, e, resolver| {
        let in_body = matches!(open.last(), Some((n, l)) if n == ODF_OFFICE && l == b"spreadsheet");
        if name.0 == ODF_TABLE && name.1 == b"table" && in_body {
            let style = attr(e, resolver, Some(ODF_TABLE), b"style-name")?;
            out.push(Listed {
                name: attr(e, resolver, Some(ODF_TABLE), b"name")?.unwrap_or_default(),
                visible: shown(&styles, style.as_deref())?,
                part: None,
            });
        }
        Ok(())
    })?;
    Ok(out)
}
