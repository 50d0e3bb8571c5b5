//! Checks a theme map against the project before it is written: every code, unit and span must
//! exist, every `where` key must be a case attribute. The first problem is one clear error
//! naming the file and the field; nothing is written.

use std::path::Path;

use crate::corpus::attribute_key;
use crate::error::{Error, Result};
use crate::project::Project;

use super::map::{THEMES_FORMAT, ThemeMap};
use super::quote::source_text;

/// The first problem of `map`, named by its place (`sections[0].categories[1].themes[2].codes[0]`).
pub fn validate(project: &Project, map: &ThemeMap, file: &Path) -> Result<()> {
    let bad = |field: String, message: String| Err(Error::field(file, None, field, message));
    if map.format != THEMES_FORMAT {
        return bad("format".into(), format!("must be {THEMES_FORMAT}"));
    }
    for (si, section) in map.sections.iter().enumerate() {
        let at = format!("sections[{si}]");
        if section
            .title
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            return bad(
                format!("{at}.title"),
                "is empty; use null for no section row".into(),
            );
        }
        for (key, value) in section.filter.iter().flatten() {
            let k = attribute_key(key);
            if !project.cases.iter().any(|c| c.attributes.contains_key(&k)) {
                let mut keys: Vec<&String> = project
                    .cases
                    .iter()
                    .flat_map(|c| c.attributes.keys())
                    .collect();
                keys.sort();
                keys.dedup();
                let keys: Vec<&str> = keys.iter().take(12).map(|k| k.as_str()).collect();
                return bad(
                    format!("{at}.where.{key}"),
                    format!(
                        "no case has the attribute '{key}'; attributes: {}",
                        keys.join(", ")
                    ),
                );
            }
            if value.trim().is_empty() {
                return bad(format!("{at}.where.{key}"), "needs a value".into());
            }
        }
        for (ci, category) in section.categories.iter().enumerate() {
            let at = format!("{at}.categories[{ci}]");
            if category.title.trim().is_empty() {
                return bad(format!("{at}.title"), "a category needs a title".into());
            }
            for (ti, theme) in category.themes.iter().enumerate() {
                let at = format!("{at}.themes[{ti}]");
                if theme.name.trim().is_empty() {
                    return bad(format!("{at}.name"), "a theme needs a name".into());
                }
                for (k, code) in theme.codes.iter().enumerate() {
                    let field = format!("{at}.codes[{k}]");
                    let Some(found) = project.codebook.find(code) else {
                        return bad(
                            field,
                            format!("unknown code '{code}'; see `thematic codebook list`"),
                        );
                    };
                    if project.codebook.canonical(&found.id).is_none() {
                        return bad(
                            field,
                            format!(
                                "code '{}' was removed; restore it (`thematic codebook restore`) or leave it out",
                                found.name
                            ),
                        );
                    }
                }
                for (k, q) in theme.quotes.iter().enumerate() {
                    let field = format!("{at}.quotes[{k}]");
                    let Some(unit) = project.unit(&q.unit) else {
                        return bad(
                            format!("{field}.unit"),
                            format!("unknown unit '{}'; see `thematic units`", q.unit),
                        );
                    };
                    if let Some([s, e]) = q.span
                        && let Err(m) = crate::corpus::text::check_span(&unit.text, s, e)
                    {
                        return bad(format!("{field}.span"), m);
                    }
                    if q.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
                        return bad(
                            format!("{field}.text"),
                            "is empty; use null to print the original".into(),
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

/// Records the source text under every quote that has none yet (a hand-written map), so a later
/// change of the source is noticed.
pub fn fill_originals(project: &Project, map: &mut ThemeMap) {
    for section in &mut map.sections {
        for category in &mut section.categories {
            for theme in &mut category.themes {
                for q in &mut theme.quotes {
                    if q.original.is_none()
                        && let Some(unit) = project.unit(&q.unit)
                    {
                        q.original = Some(source_text(unit, q.span_tuple()));
                    }
                }
            }
        }
    }
}
