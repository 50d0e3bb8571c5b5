//! The REFI-QDA codebook (`.qdc`, and the `CodeBook` inside a `.qdpx`): codes with their
//! GUIDs, tree, colours, descriptions and whether each can be applied (`isCodable`).
//! Definition, inclusion, exclusion and example are folded into the one `Description` the
//! standard has, as labelled paragraphs that are split back on import.

use super::guid;
use super::xml::{self, Node, esc, esc_text};
use crate::codebook::{Code, Codebook, NewCode};
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub const NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";

const INCLUDE: &str = "Include:";
const EXCLUDE: &str = "Exclude:";
const EXAMPLE: &str = "Example:";

/// Terminal colour names (as the workbench shows them) and the RGB the standard wants.
const COLOURS: [(&str, &str); 16] = [
    ("black", "#000000"),
    ("red", "#800000"),
    ("green", "#008000"),
    ("yellow", "#808000"),
    ("blue", "#000080"),
    ("magenta", "#800080"),
    ("cyan", "#008080"),
    ("gray", "#c0c0c0"),
    ("darkgray", "#808080"),
    ("lightred", "#ff0000"),
    ("lightgreen", "#00ff00"),
    ("lightyellow", "#ffff00"),
    ("lightblue", "#0000ff"),
    ("lightmagenta", "#ff00ff"),
    ("lightcyan", "#00ffff"),
    ("white", "#ffffff"),
];

/// Our colour as `#rrggbb`, when it has one the standard can carry.
pub fn colour_to_rgb(c: &str) -> Option<String> {
    let key: String = c
        .chars()
        .filter(|x| x.is_ascii_alphanumeric() || *x == '#')
        .collect::<String>()
        .to_ascii_lowercase()
        .replace("grey", "gray");
    if let Some((_, rgb)) = COLOURS.iter().find(|(n, _)| *n == key) {
        return Some((*rgb).to_string());
    }
    let hex = key.strip_prefix('#')?;
    match hex.len() {
        6 if hex.chars().all(|x| x.is_ascii_hexdigit()) => Some(format!("#{hex}")),
        3 if hex.chars().all(|x| x.is_ascii_hexdigit()) => Some(
            hex.chars()
                .flat_map(|x| [x, x])
                .fold("#".into(), |mut s, x| {
                    s.push(x);
                    s
                }),
        ),
        _ => None,
    }
}

/// A colour read from a file: our name when it is one of ours, else the `#rrggbb` itself.
pub fn colour_from_rgb(rgb: &str) -> Option<String> {
    let norm = colour_to_rgb(rgb.trim())?;
    Some(
        COLOURS
            .iter()
            .find(|(_, h)| *h == norm)
            .map_or(norm.clone(), |(n, _)| (*n).to_string()),
    )
}

/// The one description the standard has: ours, then labelled paragraphs for the rest.
pub fn fold_description(c: &Code) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !c.description.trim().is_empty() {
        parts.push(c.description.trim().to_string());
    }
    for (label, v) in [
        (INCLUDE, &c.inclusion),
        (EXCLUDE, &c.exclusion),
        (EXAMPLE, &c.example),
    ] {
        if !v.trim().is_empty() {
            parts.push(format!("{label} {}", v.trim()));
        }
    }
    parts.join("\n\n")
}

/// Split a description written by [`fold_description`] (or typed by hand in another tool in
/// the same layout) back into description, inclusion, exclusion and example.
pub fn split_description(text: &str) -> [String; 4] {
    let mut out: [Vec<&str>; 4] = Default::default();
    let mut cur = 0;
    let norm = text.replace("\r\n", "\n");
    for para in norm.split("\n\n") {
        let t = para.trim_start();
        let mut body = para;
        for (i, label) in [(1, INCLUDE), (2, EXCLUDE), (3, EXAMPLE)] {
            if let Some(rest) = t.strip_prefix(label) {
                cur = i;
                body = rest.trim_start();
            }
        }
        out[cur].push(body);
    }
    out.map(|v| v.join("\n\n").trim().to_string())
}

/// The GUID a code is exported with: its own, or one derived from the codebook's name and the
/// code's id (the one [`crate::interop::assign_guids`] gives it for good).
pub fn code_guid(cb: &Codebook, c: &Code) -> String {
    c.guid
        .clone()
        .unwrap_or_else(|| guid::from_seed(&format!("codebook:{}:code:{}", cb.name, c.id)))
}

/// The `<Codes>` element: active codes as a tree. A code whose parent is inactive sits at
/// the top.
pub fn codes_xml(cb: &Codebook) -> String {
    let active: HashSet<&str> = cb.active().map(|c| c.id.as_str()).collect();
    let mut out = String::from("<Codes>\n");
    let tops: Vec<&Code> = cb
        .active()
        .filter(|c| c.parent.as_deref().is_none_or(|p| !active.contains(p)))
        .collect();
    for c in tops {
        code_xml(cb, c, 1, &mut out);
    }
    out.push_str("</Codes>\n");
    out
}

fn code_xml(cb: &Codebook, c: &Code, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    out.push_str(&format!(
        "{pad}<Code guid=\"{}\" name=\"{}\" isCodable=\"{}\"",
        code_guid(cb, c),
        esc(&c.name),
        c.codable
    ));
    if let Some(rgb) = c.colour.as_deref().and_then(colour_to_rgb) {
        out.push_str(&format!(" color=\"{rgb}\""));
    }
    let desc = fold_description(c);
    let kids: Vec<&Code> = cb.children(Some(&c.id)).collect();
    if desc.is_empty() && kids.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if !desc.is_empty() {
        out.push_str(&format!(
            "{pad}  <Description>{}</Description>\n",
            esc_text(&desc)
        ));
    }
    for k in kids {
        code_xml(cb, k, depth + 1, out);
    }
    out.push_str(&format!("{pad}</Code>\n"));
}

/// A whole `.qdc` file.
pub fn write(cb: &Codebook) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"{NAMESPACE}\" origin=\"thematic {}\">\n{}</CodeBook>\n",
        env!("CARGO_PKG_VERSION"),
        codes_xml(cb)
    )
}

/// Read a `.qdc` (or the codebook of a `project.qde`).
pub fn read(path: &Path, bytes: &[u8]) -> Result<Codebook> {
    let root = xml::parse(path, bytes)?;
    let codes = match root.name.as_str() {
        "CodeBook" => root.first("Codes"),
        "Project" => root.first("CodeBook").and_then(|c| c.first("Codes")),
        other => {
            return Err(Error::input(
                path,
                None,
                format!("not a REFI-QDA codebook: the root element is <{other}>, not <CodeBook>"),
            ));
        }
    };
    let mut cb = Codebook::default();
    if let Some(codes) = codes {
        codes_from(path, codes, &mut cb, &mut HashMap::new())?;
    }
    Ok(cb)
}

/// Add the codes under a `<Codes>` element to `cb`; `by_guid` maps each GUID read to our id.
pub fn codes_from(
    path: &Path,
    codes: &Node,
    cb: &mut Codebook,
    by_guid: &mut HashMap<String, String>,
) -> Result<()> {
    for c in codes.all("Code") {
        add_code(path, c, None, cb, by_guid)?;
    }
    Ok(())
}

fn add_code(
    path: &Path,
    node: &Node,
    parent: Option<&str>,
    cb: &mut Codebook,
    by_guid: &mut HashMap<String, String>,
) -> Result<()> {
    let raw_name = node.attr("name").unwrap_or("").trim();
    let raw_guid = node.attr("guid").unwrap_or("");
    let g = guid::normalize(raw_guid).unwrap_or_else(|| {
        guid::from_seed(&format!(
            "imported:{raw_guid}:{raw_name}:{}",
            cb.codes.len()
        ))
    });
    let mut name = if raw_name.is_empty() {
        "Unnamed code".to_string()
    } else {
        raw_name.to_string()
    };
    // Other tools allow one name under two parents; ours are unique, so the second is marked.
    let base = name.clone();
    let mut n = 2;
    while cb.active().any(|c| c.name.eq_ignore_ascii_case(&name)) {
        name = format!("{base} ({n})");
        n += 1;
    }
    let [description, inclusion, exclusion, example] =
        split_description(node.child_text("Description").unwrap_or(""));
    let id = cb
        .add(NewCode {
            name,
            description,
            inclusion,
            exclusion,
            example,
            colour: node.attr("color").and_then(colour_from_rgb),
            parent: parent.map(str::to_string),
            ..Default::default()
        })
        .map_err(|e| Error::field(path, None, format!("Code {raw_guid}"), e.to_string()))?;
    if let Some(c) = cb.codes.iter_mut().find(|c| c.id == id) {
        c.guid = Some(g.clone());
        // A grouping parent is `isCodable="false"` (`1`/`0` as XML booleans allow); missing,
        // or anything else, is codable.
        c.codable = !matches!(node.attr("isCodable").map(str::trim), Some("false" | "0"));
    }
    if by_guid.insert(g.clone(), id.clone()).is_some() {
        return Err(Error::field(
            path,
            None,
            "Code",
            format!("GUID {g} is used by two codes"),
        ));
    }
    for child in node.all("Code") {
        add_code(path, child, Some(&id), cb, by_guid)?;
    }
    Ok(())
}
