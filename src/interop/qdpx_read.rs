//! Reading a `.qdpx`: `project.qde` and the sources' plain text, tolerant of what the big
//! tools write (namespace variants, `Sources/` or `sources/`, PDF sources with a plain-text
//! representation, text inline or in a file, optional parts missing), strict about safety.

use super::archive::{Archive, Limits};
use super::guid;
use super::model::{
    CaseIn, CodingIn, Exchange, NoteIn, SIDECAR, SIDECAR_FORMAT, SelectionIn, SetIn, Sidecar,
    SourceIn,
};
use super::qdc;
use super::xml::{self, Node};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// A GUID as we compare them; a malformed one is kept (lowercased) so references still meet.
fn g(s: &str) -> String {
    guid::normalize(s).unwrap_or_else(|| s.trim().to_lowercase())
}

/// Read the whole exchange from a `.qdpx` file.
pub fn read(path: &Path, limits: Limits) -> Result<Exchange> {
    let mut zip = Archive::open(path, limits)?;
    let qde_name = zip
        .names()
        .find(|n| n.ends_with(".qde") && !n.contains('/'))
        .cloned()
        .ok_or_else(|| {
            Error::input(
                path,
                None,
                "no project.qde in the archive; not a REFI-QDA project",
            )
        })?;
    let qde_path = path.join(&qde_name);
    let bytes = zip.read(&qde_name)?.unwrap_or_default();
    let root = xml::parse(&qde_path, &bytes)?;
    if root.name != "Project" {
        return Err(Error::input(
            &qde_path,
            None,
            format!("the root element is <{}>, not <Project>", root.name),
        ));
    }
    let mut x = Exchange {
        name: root.attr("name").unwrap_or("").to_string(),
        ..Default::default()
    };
    if let Some(users) = root.first("Users") {
        for u in users.all("User") {
            let name = u.attr("name").or(u.attr("id")).unwrap_or("").to_string();
            x.users.insert(g(u.attr("guid").unwrap_or("")), name);
        }
    }
    if let Some(codes) = root.first("CodeBook").and_then(|c| c.first("Codes")) {
        let mut ids = HashMap::new();
        qdc::codes_from(&qde_path, codes, &mut x.codebook, &mut ids)?;
        x.code_ids = ids;
    }
    let mut variables: HashMap<String, String> = HashMap::new();
    if let Some(vars) = root.first("Variables") {
        for v in vars.all("Variable") {
            variables.insert(
                g(v.attr("guid").unwrap_or("")),
                v.attr("name").unwrap_or("").to_string(),
            );
        }
    }
    if let Some(cases) = root.first("Cases") {
        for c in cases.all("Case") {
            x.cases.push(case(c, &variables));
        }
    }
    if let Some(sources) = root.first("Sources") {
        for s in &sources.children {
            source(&mut zip, path, s, &mut x)?;
        }
    }
    if let Some(notes) = root.first("Notes") {
        for n in notes.all("Note") {
            let text = match n.child_text("PlainTextContent") {
                Some(t) => t.to_string(),
                None => match n.attr("plainTextPath") {
                    Some(p) => read_text(&mut zip, path, p)?.unwrap_or_default(),
                    None => n.child_text("Description").unwrap_or("").to_string(),
                },
            };
            x.notes.insert(
                g(n.attr("guid").unwrap_or("")),
                NoteIn {
                    name: n.attr("name").unwrap_or("").to_string(),
                    text,
                    user: n.attr("creatingUser").map(g),
                },
            );
        }
    }
    if let Some(sets) = root.first("Sets") {
        for s in sets.all("Set") {
            x.sets.push(SetIn {
                name: s.attr("name").unwrap_or("").to_string(),
                description: s.child_text("Description").unwrap_or("").to_string(),
                codes: s
                    .all("MemberCode")
                    .filter_map(|m| m.attr("targetGUID"))
                    .map(g)
                    .collect(),
            });
        }
    }
    if let Some(bytes) = zip.read(SIDECAR)? {
        match serde_json::from_slice::<Sidecar>(&bytes) {
            Ok(s) if s.format <= SIDECAR_FORMAT => x.sidecar = Some(s),
            Ok(s) => x.warnings.push(format!(
                "{SIDECAR} has format {}, newer than this thematic reads; units were rebuilt from the text",
                s.format
            )),
            Err(e) => x.warnings.push(format!(
                "{SIDECAR} is not readable ({e}); units were rebuilt from the text"
            )),
        }
    }
    Ok(x)
}

fn case(c: &Node, variables: &HashMap<String, String>) -> CaseIn {
    let mut out = CaseIn {
        guid: g(c.attr("guid").unwrap_or("")),
        name: c.attr("name").unwrap_or("").to_string(),
        ..Default::default()
    };
    for v in c.all("VariableValue") {
        let Some(var) = v
            .first("VariableRef")
            .and_then(|r| r.attr("targetGUID"))
            .and_then(|t| variables.get(&g(t)))
        else {
            continue;
        };
        let value = v
            .children
            .iter()
            .find(|n| n.name.ends_with("Value"))
            .map(|n| n.text.trim().to_string())
            .unwrap_or_default();
        if !value.is_empty() {
            out.attributes.insert(var.clone(), value);
        }
    }
    out.sources = c
        .all("SourceRef")
        .filter_map(|r| r.attr("targetGUID"))
        .map(g)
        .collect();
    out.selections = c
        .all("SelectionRef")
        .filter_map(|r| r.attr("targetGUID"))
        .map(g)
        .collect();
    out
}

/// One entry of `<Sources>`: a text source, or a PDF with a plain-text representation.
fn source(zip: &mut Archive, path: &Path, s: &Node, x: &mut Exchange) -> Result<()> {
    let name = s.attr("name").unwrap_or("").to_string();
    let (text_node, outer) = match s.name.as_str() {
        "TextSource" => (Some(s), s),
        "PDFSource" => (s.first("Representation"), s),
        other => {
            x.warnings.push(format!(
                "{other} '{name}' skipped: only text (and PDFs with a text representation) are imported"
            ));
            return Ok(());
        }
    };
    let Some(t) = text_node else {
        x.warnings.push(format!(
            "PDF '{name}' skipped: it carries no plain-text representation"
        ));
        return Ok(());
    };
    let text = match t.child_text("PlainTextContent") {
        Some(c) => Some(c.to_string()),
        None => match t.attr("plainTextPath") {
            Some(p) => read_text(zip, path, p)?,
            None => None,
        },
    };
    let Some(text) = text else {
        x.warnings.push(format!(
            "source '{name}' skipped: its plain text is not in the archive (only rich text or an external file)"
        ));
        return Ok(());
    };
    if outer.first("VariableValue").is_some() {
        x.warnings.push(format!(
            "the variables of source '{name}' were not imported: attributes belong to cases here"
        ));
    }
    let text = text.replace("\r\n", "\n");
    let len = text.chars().count();
    let mut src = SourceIn {
        guid: g(outer.attr("guid").unwrap_or("")),
        name: if name.is_empty() {
            format!("source {}", x.sources.len() + 1)
        } else {
            name.clone()
        },
        notes: refs(outer, "NoteRef"),
        codings: outer.all("Coding").map(coding).collect(),
        ..Default::default()
    };
    for sel in t.all("PlainTextSelection") {
        let pos = |a: &str| sel.attr(a).and_then(|v| v.trim().parse::<i64>().ok());
        let (Some(a), Some(b)) = (pos("startPosition"), pos("endPosition")) else {
            x.warnings
                .push(format!("a selection in '{name}' has no positions; skipped"));
            continue;
        };
        let (a, b) = (a.min(b).max(0) as usize, a.max(b).max(0) as usize);
        if a >= len {
            x.warnings.push(format!(
                "a selection in '{name}' starts at {a}, past the text's end ({len}); skipped"
            ));
            continue;
        }
        src.selections.push(SelectionIn {
            guid: g(sel.attr("guid").unwrap_or("")),
            start: a,
            end: b.min(len),
            user: sel.attr("creatingUser").map(g),
            codings: sel.all("Coding").map(coding).collect(),
            notes: refs(sel, "NoteRef"),
        });
    }
    src.text = text;
    x.sources.push(src);
    Ok(())
}

fn refs(n: &Node, name: &str) -> Vec<String> {
    n.all(name)
        .filter_map(|r| r.attr("targetGUID"))
        .map(g)
        .collect()
}

fn coding(c: &Node) -> CodingIn {
    CodingIn {
        code: c
            .first("CodeRef")
            .and_then(|r| r.attr("targetGUID"))
            .map(g)
            .unwrap_or_default(),
        user: c.attr("creatingUser").map(g),
        notes: refs(c, "NoteRef"),
    }
}

/// The text a `plainTextPath` names: `internal://x` is `sources/x` in the archive; other
/// paths point outside it and are not followed.
fn read_text(zip: &mut Archive, path: &Path, p: &str) -> Result<Option<String>> {
    let Some(rel) = p.strip_prefix("internal://") else {
        return Ok(None);
    };
    let name = format!("sources/{}", rel.trim_start_matches('/'));
    let Some(bytes) = zip.read(&name)? else {
        return Ok(None);
    };
    decode(&path.join(&name), &bytes).map(Some)
}

/// Plain text as UTF-8, or UTF-16 with a byte-order mark (some Windows tools write it).
fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let utf16 = |b: &[u8], le: bool| -> String {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(b) = bytes.strip_prefix(&[0xFF, 0xFE][..]) {
        return Ok(utf16(b, true));
    }
    if let Some(b) = bytes.strip_prefix(&[0xFE, 0xFF][..]) {
        return Ok(utf16(b, false));
    }
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    String::from_utf8(b.to_vec())
        .map_err(|e| Error::input(path, None, format!("source text is not UTF-8: {e}")))
}
