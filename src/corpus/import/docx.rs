//! .docx transcripts: the paragraphs of word/document.xml, read with zip + quick-xml.

use super::paragraphs::Paragraph;
use crate::error::{Error, Result};
use quick_xml::events::Event;
use std::io::Read;
use std::path::Path;

pub fn paragraphs(path: &Path, bytes: &[u8]) -> Result<Vec<Paragraph>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::input(path, None, format!("not a .docx (zip) file: {e}")))?;
    let mut xml = String::new();
    let limit = crate::files::input::IMPORT_MB.amount();
    // Read no more than the limit, whatever size the archive claims: a small file can inflate
    // to gigabytes.
    archive
        .by_name("word/document.xml")
        .map_err(|_| {
            Error::input(
                path,
                None,
                "not a Word document: word/document.xml is missing",
            )
        })?
        .take(limit + 1)
        .read_to_string(&mut xml)
        .map_err(|e| Error::input(path, None, format!("word/document.xml: {e}")))?;
    if xml.len() as u64 > limit {
        return Err(crate::files::input::IMPORT_MB.exceeded(
            path,
            None,
            "word/document.xml inflated",
        ));
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    let mut number = 0;
    loop {
        let event = reader.read_event().map_err(|e| {
            Error::input(
                path,
                None,
                format!(
                    "word/document.xml at byte {}: {e}",
                    reader.buffer_position()
                ),
            )
        })?;
        match event {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == "w:tab" => current.push('\t'),
            Event::Empty(e) if matches!(e.name().as_ref(), "w:br" | "w:cr") => current.push('\n'),
            Event::Text(t) if in_text => current.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else {
                    current.push_str(match r.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) if e.name().as_ref() == "w:p" => {
                number += 1;
                let text = std::mem::take(&mut current);
                if !text.trim().is_empty() {
                    out.push(Paragraph {
                        line: number,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Empty(e) if e.name().as_ref() == "w:p" => number += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
