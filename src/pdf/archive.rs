//! What makes a pack an archival, accessible PDF (PDF/A-2, ISO 19005-2, level A: tagged,
//! every character mapped to Unicode; and PDF/UA-1, ISO 14289-1): the document information
//! and its XMP twin, written from one set of values so they cannot disagree, with both
//! standards' identification (`pdfuaid` described by a PDF/A extension schema, as PDF/A
//! asks of any schema it does not predefine); an sRGB output intent, the colour space our
//! colours are meant in; and no claim the file does not meet. The structure tree itself is `tags`'s.

use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::writers::Catalog;
use pdf_writer::{Filter, Finish, Name, Pdf, Ref, Str, TextStr};

use super::Refs;

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
    /// Characters XML 1.0 cannot hold (most controls) become spaces, in both places, and
    /// the text is cut to what a PDF/A string holds (see `capped`), in both alike.
    fn clean(s: &str) -> String {
        super::capped(s)
            .chars()
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

/// Where the metadata and the output intent's profile were written, for the catalog.
pub struct Archived {
    xmp: Ref,
    profile: Ref,
}

impl Archived {
    pub fn catalog(&self, catalog: &mut Catalog<'_>) {
        catalog.metadata(self.xmp);
        catalog
            .output_intents()
            .push()
            .subtype(OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
            .info(TextStr("sRGB IEC61966-2.1"))
            .dest_output_profile(self.profile);
    }
}

/// Writes the document information, its XMP twin and the output intent's profile.
pub fn write(pdf: &mut Pdf, refs: &mut Refs, metadata: &Metadata) -> Archived {
    let m = metadata.cleaned();
    let info = refs.next();
    let mut dict = pdf.document_info(info);
    for (key, value) in [
        (b"Title".as_slice(), &m.title),
        (b"Author", &m.author),
        (b"Subject", &m.subject),
        (b"Keywords", &m.keywords),
        (b"Creator", &m.creator),
        (b"Producer", &m.producer),
    ] {
        if !value.is_empty() {
            dict.pair(Name(key), TextStr(value));
        }
    }
    if let Some((y, mo, d)) = m.date {
        let date = format!("D:{y:04}{mo:02}{d:02}000000Z");
        dict.pair(Name(b"CreationDate"), Str(date.as_bytes()));
        dict.pair(Name(b"ModDate"), Str(date.as_bytes()));
    }
    dict.finish();

    let xmp = refs.next();
    let packet = self::xmp(&m);
    // Left uncompressed, readable to tools that scan files for XMP without parsing PDF.
    pdf.metadata(xmp, packet.as_bytes());

    let profile = refs.next();
    pdf.icc_profile(profile, &super::deflate(SRGB, b' '))
        .n(3)
        .filter(Filter::FlateDecode);
    Archived { xmp, profile }
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
    }
}
