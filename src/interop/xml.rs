//! Safe XML for REFI-QDA files: a small tree read with hard limits (no DTDs, no entities
//! beyond the five predefined ones and character references, bounded sizes and depth), and
//! the escaping our writers use. Namespaces are ignored: elements are matched by local name,
//! so the namespace and version variants other tools write all read the same.

use crate::error::{Error, Result};
use quick_xml::events::Event;
use std::path::Path;

/// Largest XML document read (a project.qde holds every source's text when inlined).
pub const MAX_DOCUMENT: usize = 256 << 20;
/// Largest attribute value: names and GUIDs are short; a huge one is an attack or an error.
pub const MAX_ATTRIBUTE: usize = 64 << 10;
/// Deepest nesting (code trees are the deepest part of a real file).
pub const MAX_DEPTH: usize = 256;
/// Most elements in one document.
pub const MAX_ELEMENTS: usize = 5_000_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    /// Local name, without any namespace prefix.
    pub name: String,
    /// The namespace URI declared with `xmlns` on this element, if any.
    pub namespace: Option<String>,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// The element's own text (character data directly inside it), unescaped.
    pub text: String,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Children with this local name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn first(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child with this name (e.g. `Description`).
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.first(name).map(|n| n.text.as_str())
    }
}

fn local(qname: &str) -> String {
    match qname.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => qname.to_string(),
    }
}

/// Parse `bytes` (the file `path`, for messages) into a tree. DTDs, entity declarations and
/// references to other than the predefined entities are refused.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Node> {
    let bad = |msg: String| Error::input(path, None, msg);
    if bytes.len() > MAX_DOCUMENT {
        return Err(bad(format!(
            "XML document larger than {} MB; refused",
            MAX_DOCUMENT >> 20
        )));
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
        .map_err(|e| bad(format!("not UTF-8 XML: {e}")))?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().expand_empty_elements = false;
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut count = 0usize;
    loop {
        let at = (reader.buffer_position() as usize).min(text.len());
        let line = || text[..at].matches('\n').count() + 1;
        let ev = reader
            .read_event()
            .map_err(|e| Error::input(path, Some(line()), format!("malformed XML: {e}")))?;
        match ev {
            Event::DocType(_) => {
                return Err(Error::input(
                    path,
                    Some(line()),
                    "XML with a DOCTYPE (DTD or entity declarations) is refused",
                ));
            }
            Event::Start(e) | Event::Empty(e) if stack.len() > MAX_DEPTH => {
                let _ = e;
                return Err(Error::input(path, Some(line()), "XML nested too deeply"));
            }
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let empty = matches!(ev, Event::Empty(_));
                let (Event::Start(e) | Event::Empty(e)) = ev else {
                    continue;
                };
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(Error::input(path, Some(line()), "too many XML elements"));
                }
                let mut node = Node {
                    name: local(e.name().as_ref()),
                    ..Default::default()
                };
                for a in e.attributes() {
                    let a = a.map_err(|err| {
                        Error::input(path, Some(line()), format!("malformed attribute: {err}"))
                    })?;
                    if a.value.len() > MAX_ATTRIBUTE {
                        return Err(Error::input(
                            path,
                            Some(line()),
                            format!(
                                "attribute '{}' is longer than {} KB; refused",
                                local(a.key.as_ref()),
                                MAX_ATTRIBUTE >> 10
                            ),
                        ));
                    }
                    let key = a.key.as_ref().to_string();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .map_err(|err| {
                            Error::input(
                                path,
                                Some(line()),
                                format!("attribute '{key}': {err} (only the predefined XML entities are read)"),
                            )
                        })?
                        .into_owned();
                    if key == "xmlns" {
                        node.namespace = Some(value);
                    } else if !key.starts_with("xmlns:") {
                        node.attrs.push((local(&key), value));
                    }
                }
                if empty {
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(node);
                    }
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(Error::input(path, Some(line()), "unbalanced XML end tag"));
                }
                if let Some(node) = stack.pop()
                    && let Some(parent) = stack.last_mut()
                {
                    parent.children.push(node);
                }
            }
            Event::Text(t) => {
                if let Some(n) = stack.last_mut() {
                    n.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(n) = stack.last_mut() {
                    n.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => {
                        let name = r.clone().into_inner().into_owned();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => s.chars().next().unwrap_or('\u{fffd}'),
                            None => {
                                return Err(Error::input(
                                    path,
                                    Some(line()),
                                    format!(
                                        "entity '&{name};' is refused (only the predefined XML entities are read)"
                                    ),
                                ));
                            }
                        }
                    }
                };
                if let Some(n) = stack.last_mut() {
                    n.text.push(c);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(bad("XML ends before its elements are closed".into()));
    }
    let root = stack.pop().unwrap_or_default();
    root.children
        .into_iter()
        .next()
        .ok_or_else(|| bad("empty XML document".into()))
}

/// Escape for an attribute value or element text. Line breaks and tabs in attributes are
/// written as character references so that attribute normalisation does not turn them into
/// spaces; characters XML 1.0 cannot carry are dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Escape element text: like [`esc`] but line breaks stay as they are, except `\r`, which
/// would otherwise be lost to end-of-line normalisation.
pub fn esc_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Characters XML 1.0 allows in a document.
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(xml: &str) -> Node {
        parse(Path::new("t.xml"), xml.as_bytes()).unwrap()
    }

    #[test]
    fn what_we_escape_reads_back_exactly() {
        let attr = "line one\nline\ttwo \"quoted\" & <tagged>\r\n";
        let text = "a < b & c > d\r\nnext 😀 東京 e\u{301}\n";
        let n = doc(&format!("<r a=\"{}\">{}</r>", esc(attr), esc_text(text)));
        assert_eq!(n.attr("a"), Some(attr));
        assert_eq!(n.text, text);
        assert_eq!(
            esc("a\u{1}b\u{fffe}c"),
            "abc",
            "characters XML cannot carry"
        );
    }

    #[test]
    fn references_cdata_and_prefixes_are_read() {
        let n = doc(
            "<q:r xmlns:q=\"urn:x\" xmlns=\"urn:y\"><q:c>&#x1F600;&#233;&amp;<![CDATA[<raw>]]></q:c></q:r>",
        );
        assert_eq!(n.name, "r");
        assert_eq!(n.namespace.as_deref(), Some("urn:y"));
        assert_eq!(n.first("c").map(|c| c.text.as_str()), Some("😀é&<raw>"));
    }

    #[test]
    fn malformed_and_deep_documents_are_refused() {
        let bad = |x: &str| {
            parse(Path::new("t.xml"), x.as_bytes())
                .unwrap_err()
                .to_string()
        };
        assert!(bad("<r><c></r>").contains("malformed"));
        assert!(bad("<r>").contains("before its elements are closed"));
        let deep = "<a>".repeat(MAX_DEPTH + 2) + &"</a>".repeat(MAX_DEPTH + 2);
        assert!(bad(&deep).contains("nested too deeply"));
    }
}
