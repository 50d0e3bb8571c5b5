//! A table as a Word document (.docx): a zip of WordprocessingML parts written here, holding a
//! caption paragraph, a real Word table (header row repeated on each page, section and category
//! rows spanning every column, three horizontal rules) and the footnotes. Elements are written
//! in the order the WordprocessingML schema gives them, which Word insists on.

use std::io::{Cursor, Write};

use super::table::{Align, Paragraph, Row, Run, Table};
use crate::Result;

/// Letter paper with one-inch margins: the text width in twentieths of a point.
const TEXT_WIDTH: f64 = 9360.0;
const RULE: &str = "w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Escapes text for XML content and attributes.
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

fn run(r: &Run, size: Option<u32>) -> String {
    let mut props = String::new();
    if r.bold {
        props.push_str("<w:b/>");
    }
    if r.italic {
        props.push_str("<w:i/>");
    }
    if let Some(sz) = size {
        props.push_str(&format!("<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>"));
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    let mut body = String::new();
    for (i, line) in r.text.split('\n').enumerate() {
        if i > 0 {
            body.push_str("<w:br/>");
        }
        body.push_str(&format!(
            "<w:t xml:space=\"preserve\">{}</w:t>",
            escape(&line.replace('\r', ""))
        ));
    }
    format!("<w:r>{props}{body}</w:r>")
}

/// A paragraph; `after` is the space below it in twentieths of a point.
fn paragraph(p: &Paragraph, align: Align, after: u32, size: Option<u32>) -> String {
    let jc = match align {
        Align::Left => "",
        Align::Center => "<w:jc w:val=\"center\"/>",
        Align::Right => "<w:jc w:val=\"right\"/>",
    };
    let runs: String = p.runs.iter().map(|r| run(r, size)).collect();
    format!("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"{after}\"/>{jc}</w:pPr>{runs}</w:p>")
}

/// The paragraph kept on the same page as what follows it.
fn keep_with_next(p: &str) -> String {
    p.replacen("<w:pPr>", "<w:pPr><w:keepNext/>", 1)
}

fn cell(width: u32, extra: &str, paragraphs: &[String]) -> String {
    let body = if paragraphs.is_empty() {
        "<w:p/>".to_string()
    } else {
        paragraphs.concat()
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{extra}</w:tcPr>{body}</w:tc>")
}

fn spanning(t: &Table, run: Run, top_rule: bool) -> String {
    let n = t.columns.len().max(1);
    let border = if top_rule {
        format!("<w:tcBorders><w:top {RULE}/></w:tcBorders>")
    } else {
        String::new()
    };
    // A section or category row is never left alone at the foot of a page.
    let p = keep_with_next(&paragraph(&Paragraph::new(vec![run]), Align::Left, 0, None));
    format!(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>{}</w:tr>",
        cell(
            TEXT_WIDTH as u32,
            &format!("<w:gridSpan w:val=\"{n}\"/>{border}"),
            &[p]
        )
    )
}

fn document_xml(t: &Table) -> String {
    let widths: Vec<u32> = t
        .shares()
        .iter()
        .map(|s| (s * TEXT_WIDTH).round() as u32)
        .collect();
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>"
    );
    let mut caption = Vec::new();
    if let Some(l) = &t.label {
        caption.push(Run::bold(format!("{}.", l.trim_end_matches('.'))));
        if !t.title.is_empty() {
            caption.push(Run::plain(" "));
        }
    }
    if !t.title.is_empty() {
        caption.push(Run::italic(t.title.clone()));
    }
    if !caption.is_empty() {
        x.push_str(&paragraph(&Paragraph::new(caption), Align::Left, 120, None));
    }
    x.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/>\
         <w:tblBorders><w:top {RULE}/><w:bottom {RULE}/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>\
         <w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>",
        widths.iter().sum::<u32>()
    ));
    for w in &widths {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (c, w) in t.columns.iter().zip(&widths) {
        let p = paragraph(&Paragraph::bold(c.header.clone()), c.align, 0, None);
        x.push_str(&cell(
            *w,
            &format!("<w:tcBorders><w:bottom {RULE}/></w:tcBorders>"),
            &[p],
        ));
    }
    x.push_str("</w:tr>");
    for (i, row) in t.rows.iter().enumerate() {
        match row {
            Row::Section(title) => x.push_str(&spanning(t, Run::bold(title.clone()), i > 0)),
            Row::Category(title) => x.push_str(&spanning(t, Run::italic(title.clone()), false)),
            Row::Body(cells) => {
                x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
                for ((c, col), w) in t.fitted(cells).iter().zip(&t.columns).zip(&widths) {
                    let last = c.paragraphs.len().saturating_sub(1);
                    let ps: Vec<String> = c
                        .paragraphs
                        .iter()
                        .enumerate()
                        .map(|(k, p)| {
                            paragraph(p, col.align, if k < last { 100 } else { 40 }, None)
                        })
                        .collect();
                    // The last row stays on the page of the note under the table.
                    let ps: Vec<String> = if i + 1 == t.rows.len() && !t.footnotes.is_empty() {
                        ps.iter().map(|p| keep_with_next(p)).collect()
                    } else {
                        ps
                    };
                    x.push_str(&cell(*w, "", &ps));
                }
                x.push_str("</w:tr>");
            }
        }
    }
    x.push_str("</w:tbl>");
    for (k, f) in t.footnotes.iter().enumerate() {
        let before = if k == 0 { 120 } else { 0 };
        let p = paragraph(f, Align::Left, 0, Some(18));
        x.push_str(&p.replacen("w:before=\"0\"", &format!("w:before=\"{before}\""), 1));
    }
    x.push_str(
        "<w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" \
         w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr>",
    );
    x.push_str("</w:body></w:document>");
    x
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

/// Document defaults: a serif face at 10 points, single spacing.
fn styles_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" \
         w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
         <w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         </w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>"
    )
}

fn core_xml(t: &Table) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title>\
         <dc:creator>thematic</dc:creator></cp:coreProperties>",
        escape(&t.caption())
    )
}

/// The .docx file's bytes.
pub fn render(t: &Table) -> Result<Vec<u8>> {
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("docProps/core.xml", core_xml(t)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles_xml()),
        ("word/document.xml", document_xml(t)),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let fail = |e: &dyn std::fmt::Display| crate::Error::user(format!("writing the .docx: {e}"));
    for (name, body) in &parts {
        zip.start_file(*name, options).map_err(|e| fail(&e))?;
        zip.write_all(body.as_bytes()).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}
