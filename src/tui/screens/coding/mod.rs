//! The Coding screen: one unit's text with its context, the codebook palette beside it, span
//! selection, and the coder's own codings.

pub mod palette_view;
pub mod select;
pub mod state;
pub mod update;
pub mod view;

pub use state::{CodingState, Mode};

use crate::codebook::{Code, Codebook};

/// One row of the palette: a group heading or an applicable code.
#[derive(Debug, Clone, Copy)]
pub enum PaletteRow<'a> {
    Group(&'a Code),
    Code(&'a Code, usize),
}

/// Does `code` match the palette filter (name, key or id, case-insensitive)?
pub fn matches(code: &Code, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty()
        || code.name.to_lowercase().contains(&f)
        || code.id.contains(&f)
        || code.key.as_deref().is_some_and(|k| k.to_lowercase() == f)
}

/// The palette in codebook tree order. Codes with children are headings (coders apply the
/// children); depth is the nesting under headings.
pub fn palette<'a>(cb: &'a Codebook, filter: &str) -> Vec<PaletteRow<'a>> {
    let mut out = Vec::new();
    fn walk<'a>(
        cb: &'a Codebook,
        parent: Option<&'a str>,
        depth: usize,
        filter: &str,
        out: &mut Vec<PaletteRow<'a>>,
    ) {
        // Codes of no group come first: after a group's heading they would read as its members.
        let mut here: Vec<&Code> = cb.children(parent).collect();
        if parent.is_none() {
            here.sort_by_key(|c| cb.children(Some(&c.id)).next().is_some());
        }
        for c in here {
            let has_children = cb.children(Some(&c.id)).next().is_some();
            if has_children {
                let at = out.len();
                out.push(PaletteRow::Group(c));
                walk(cb, Some(&c.id), depth + 1, filter, out);
                if out.len() == at + 1 && !matches(c, filter) {
                    out.pop();
                }
            } else if matches(c, filter) {
                out.push(PaletteRow::Code(c, depth));
            }
        }
    }
    walk(cb, None, 0, filter, &mut out);
    out
}

/// The codes of the palette (headings left out), in order.
pub fn palette_codes<'a>(cb: &'a Codebook, filter: &str) -> Vec<&'a Code> {
    palette(cb, filter)
        .into_iter()
        .filter_map(|r| match r {
            PaletteRow::Code(c, _) => Some(c),
            PaletteRow::Group(_) => None,
        })
        .collect()
}

/// The active code whose shortcut is `c`.
pub fn code_for_key(cb: &Codebook, c: char) -> Option<&Code> {
    let mut buf = [0u8; 4];
    let k: &str = c.encode_utf8(&mut buf);
    cb.active().find(|code| code.key.as_deref() == Some(k))
}
