//! What makes a pack an archival, accessible PDF (PDF/A-2, ISO 19005-2, level A: tagged,
//! every character mapped to Unicode; and PDF/UA-1, ISO 14289-1): the document information
//! and its XMP twin, written from one set of values so they cannot disagree, with both
//! standards' identification (`pdfuaid` described by a PDF/A extension schema, as PDF/A
//! asks of any schema it does not predefine); an sRGB output intent, the colour space our
//! colours are meant in; and no claim the file does not meet (printpdf declares an empty
//! PDF/X version). The structure tree itself is `tags`'s.

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use crate::html::esc;

/// The output intent's profile (licence beside it).
const SRGB: &[u8] = include_bytes!("../../assets/icc/sRGB.icc");

/// The pack's metadata, as both the document information dictionary and XMP show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    pub creator: String,
    pub producer: String,
    /// The language of the text, a BCP 47 tag.
    pub lang: String,
    /// The date of the visit (the pack's own date): no clock, so the same dossier gives
    /// the same file. `None` leaves the dates out.
    pub date: Option<(i32, u8, u8)>,
}

impl Metadata {
    /// Characters XML 1.0 cannot hold (most controls) become spaces, in both places.
    fn clean(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => ' ',
                c => c,
            })
            .collect()
    }

    fn cleaned(&self) -> Self {
        Self {
            title: Self::clean(&self.title),
            author: Self::clean(&self.author),
            subject: Self::clean(&self.subject),
            keywords: Self::clean(&self.keywords),
            creator: Self::clean(&self.creator),
            producer: Self::clean(&self.producer),
            lang: Self::clean(&self.lang),
            date: self.date,
        }
    }
}

/// Writes the metadata and the output intent into `doc`'s catalog and trailer.
pub fn apply(doc: &mut Document, metadata: &Metadata) {
    let m = metadata.cleaned();
    let mut info = Dictionary::new();
    for (key, value) in [
        ("Title", &m.title),
        ("Author", &m.author),
        ("Subject", &m.subject),
        ("Keywords", &m.keywords),
        ("Creator", &m.creator),
        ("Producer", &m.producer),
    ] {
        if !value.is_empty() {
            info.set(key, text(value));
        }
    }
    if let Some((y, mo, d)) = m.date {
        let date = Object::String(
            format!("D:{y:04}{mo:02}{d:02}000000Z").into_bytes(),
            StringFormat::Literal,
        );
        info.set("CreationDate", date.clone());
        info.set("ModDate", date);
    }
    // In place of printpdf's, which declares an empty PDF/X version and an identifier in
    // the wrong encoding.
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", id);
        }
    }

    let mut xmp = Stream::new(
        Dictionary::from_iter([("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp(&m).into_bytes(),
    );
    // Left readable to tools that scan files for XMP without parsing PDF.
    xmp.allows_compression = false;
    let xmp = doc.add_object(xmp);

    let profile = doc.add_object(Stream::new(
        Dictionary::from_iter([("N", Object::Integer(3))]),
        SRGB.to_vec(),
    ));
    let intent = Dictionary::from_iter([
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", text("sRGB IEC61966-2.1")),
        ("Info", text("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", xmp);
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
        // Viewers title the window with the pack's title, not its file name.
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
        );
    }
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// A text string: PDFDocEncoding is ASCII for what we write; anything else as UTF-16BE.
fn text(s: &str) -> Object {
    if s.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// The XMP packet: the same values as the information dictionary, and the PDF/A claim.
fn xmp(m: &Metadata) -> String {
    let mut props = String::new();
    let mut prop = |s: String| {
        props.push_str("   ");
        props.push_str(&s);
        props.push('\n');
    };
    prop("<dc:format>application/pdf</dc:format>".to_owned());
    let alt = |v: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            esc(v)
        )
    };
    if !m.title.is_empty() {
        prop(format!("<dc:title>{}</dc:title>", alt(&m.title)));
    }
    if !m.author.is_empty() {
        prop(format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            esc(&m.author)
        ));
    }
    if !m.subject.is_empty() {
        prop(format!(
            "<dc:description>{}</dc:description>",
            alt(&m.subject)
        ));
    }
    if !m.keywords.is_empty() {
        prop(format!("<pdf:Keywords>{}</pdf:Keywords>", esc(&m.keywords)));
    }
    if !m.producer.is_empty() {
        prop(format!("<pdf:Producer>{}</pdf:Producer>", esc(&m.producer)));
    }
    if !m.creator.is_empty() {
        prop(format!(
            "<xmp:CreatorTool>{}</xmp:CreatorTool>",
            esc(&m.creator)
        ));
    }
    if let Some((y, mo, d)) = m.date {
        let when = format!("{y:04}-{mo:02}-{d:02}T00:00:00Z");
        prop(format!("<xmp:CreateDate>{when}</xmp:CreateDate>"));
        prop(format!("<xmp:ModifyDate>{when}</xmp:ModifyDate>"));
        prop(format!("<xmp:MetadataDate>{when}</xmp:MetadataDate>"));
    }
    if !m.lang.is_empty() {
        prop(format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
            esc(&m.lang)
        ));
    }
    prop("<pdfaid:part>2</pdfaid:part>".to_owned());
    prop("<pdfaid:conformance>A</pdfaid:conformance>".to_owned());
    prop("<pdfuaid:part>1</pdfuaid:part>".to_owned());
    prop(PDFUA_SCHEMA.to_owned());
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n \
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  \
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" \
         xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
         xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
         xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
         {props}  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}

/// PDF/A knows the `pdfuaid` schema only if the file describes it.
const PDFUA_SCHEMA: &str = "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\
<pdfaProperty:name>part</pdfaProperty:name>\
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property>\
</rdf:li></rdf:Bag></pdfaExtension:schemas>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xmp_says_what_the_information_says_and_is_well_formed() {
        let m = Metadata {
            title: "Kenya–US talks <draft> & \"notes\"\u{1b}[2J".into(),
            author: "Protocol".into(),
            subject: String::new(),
            keywords: "OFFICIAL, briefing pack".into(),
            creator: "Attaché".into(),
            producer: "Attaché".into(),
            lang: "en".into(),
            date: Some((2026, 12, 2)),
        };
        let x = xmp(&m.cleaned());
        assert!(x.contains("Kenya–US talks &lt;draft&gt; &amp; &quot;notes&quot; [2J"));
        assert!(!x.contains('\u{1b}'));
        assert!(!x.contains("dc:description"), "empty values are left out");
        assert!(x.contains("<xmp:CreateDate>2026-12-02T00:00:00Z</xmp:CreateDate>"));
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
        assert_eq!(
            text("Kenya–US"),
            Object::String(
                [
                    0xFE, 0xFF, 0, b'K', 0, b'e', 0, b'n', 0, b'y', 0, b'a', 0x20, 0x13, 0, b'U',
                    0, b'S'
                ]
                .to_vec(),
                StringFormat::Hexadecimal
            )
        );
    }
}
