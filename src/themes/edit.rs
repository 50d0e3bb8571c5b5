//! Changes to `themes.json`, each one read-modify-write under the project lock: the map is
//! re-read, changed, checked against the project and written atomically, or left as it was.

use std::path::Path;

use crate::coding::CoderState;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::project::atomic::write_json;

use super::map::{Quote, THEMES, ThemeMap, ThemePath};
use super::quote::{check_display, source_text};
use super::segments::{theme_code_ids, unit_in_section};
use super::validate::{fill_originals, validate};

/// Re-reads the map under the lock, lets `change` edit it, checks and writes it. An error from
/// `change` or from the check leaves the file untouched.
pub fn update<T>(
    project: &Project,
    change: impl FnOnce(&mut ThemeMap) -> Result<T>,
) -> Result<(ThemeMap, T)> {
    let _lock = project.lock_shared()?;
    let path = project.root.join(THEMES);
    let mut map = ThemeMap::load(&project.root)?;
    let out = change(&mut map)?;
    fill_originals(project, &mut map);
    validate(project, &map, &path)?;
    write_json(&path, &map)?;
    Ok((map, out))
}

/// Replaces the project's theme map with the one in `file` (checked first, errors naming `file`).
pub fn import(project: &Project, file: &Path) -> Result<ThemeMap> {
    let mut incoming = ThemeMap::read(file)?;
    validate(project, &incoming, file)?;
    fill_originals(project, &mut incoming);
    Ok(update(project, move |map| {
        *map = incoming;
        Ok(())
    })?
    .0)
}

/// Pins a quote to a theme. The unit must be in the theme's section and carry one of the
/// theme's codes in `view` (for a span: a coding that overlaps it); the display text may only
/// cut and bracket the original.
pub fn pin(
    project: &Project,
    view: &CoderState,
    whose: &str,
    at: ThemePath,
    unit_id: &str,
    span: Option<(usize, usize)>,
    text: Option<String>,
) -> Result<ThemeMap> {
    let unit = project.require_unit(unit_id)?;
    if let Some((s, e)) = span {
        crate::corpus::text::check_span(&unit.text, s, e)
            .map_err(|m| Error::user(format!("unit {unit_id}: {m}")))?;
    }
    let original = source_text(unit, span);
    if let Some(t) = &text {
        if t.trim().is_empty() {
            return Err(Error::user(
                "--text is empty; leave it out to print the original",
            ));
        }
        check_display(&original, t).map_err(|near| {
            Error::user(format!(
                "--text changes the original near \"{near}\": a display text may only cut words \
                 (mark a cut inside with …) and replace words with [bracketed] text"
            ))
        })?;
    }
    Ok(update(project, |map| {
        let section = map
            .sections
            .get(at.section)
            .ok_or_else(|| Error::user("the theme map changed meanwhile; run the command again"))?;
        let filter = section.filter.clone();
        let theme = map
            .theme(at)
            .ok_or_else(|| Error::user("the theme map changed meanwhile; run the command again"))?;
        let name = theme.name.clone();
        if !unit_in_section(project, unit, filter.as_ref()) {
            return Err(Error::user(format!(
                "unit {unit_id} is not from a participant of section '{}'",
                map.section_label(at.section)
            )));
        }
        let codes = theme_code_ids(project, theme)?;
        let coded = view.codings_of(unit_id).iter().any(|c| {
            codes.iter().any(|k| c.code == *k)
                && match (c.span, span) {
                    (None, _) | (_, None) => true,
                    (Some((a, b)), Some((s, e))) => a < e && s < b,
                }
        });
        if !coded {
            return Err(Error::user(format!(
                "unit {unit_id}{} is not coded with any of theme '{name}''s codes ({}) in {}",
                span.map_or(String::new(), |(s, e)| format!(" at {s}..{e}")),
                theme.codes.join(", "),
                whose
            )));
        }
        let same_place = |q: &Quote| q.unit == unit_id && q.span_tuple() == span;
        if theme.quotes.iter().any(same_place) {
            return Err(Error::user(format!(
                "unit {unit_id}{} is already pinned to theme '{name}'",
                span.map_or(String::new(), |(s, e)| format!(" at {s}..{e}"))
            )));
        }
        let theme = map
            .theme_mut(at)
            .ok_or_else(|| Error::user("the theme map changed meanwhile; run the command again"))?;
        theme.quotes.push(Quote {
            unit: unit_id.to_string(),
            span: span.map(|(s, e)| [s, e]),
            text,
            original: Some(original),
        });
        Ok(())
    })?
    .0)
}

/// Unpins a theme's quote of a unit (the one with `span`, or the only one of that unit).
pub fn unpin(
    project: &Project,
    at: ThemePath,
    unit_id: &str,
    span: Option<(usize, usize)>,
) -> Result<(ThemeMap, Quote)> {
    update(project, |map| {
        let theme = map
            .theme_mut(at)
            .ok_or_else(|| Error::user("the theme map changed meanwhile; run the command again"))?;
        let hits: Vec<usize> = theme
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.unit == unit_id && (span.is_none() || q.span_tuple() == span))
            .map(|(i, _)| i)
            .collect();
        match hits.as_slice() {
            [i] => Ok(theme.quotes.remove(*i)),
            [] => Err(Error::user(format!(
                "theme '{}' has no quote from unit {unit_id}{}",
                theme.name,
                span.map_or(String::new(), |(s, e)| format!(" at {s}..{e}"))
            ))),
            _ => Err(Error::user(format!(
                "theme '{}' has {} quotes from unit {unit_id}; say which with --span",
                theme.name,
                hits.len()
            ))),
        }
    })
}

/// Sets the printed text of a theme's quote `index` (`None` prints the original). The text may
/// only cut words (… inside) and replace words with [brackets].
pub fn set_display(
    project: &Project,
    at: ThemePath,
    index: usize,
    text: Option<String>,
) -> Result<ThemeMap> {
    let text = text.filter(|t| !t.trim().is_empty());
    Ok(update(project, |map| {
        let theme = map
            .theme_mut(at)
            .ok_or_else(|| Error::user("the theme map changed meanwhile; run the command again"))?;
        let q = theme
            .quotes
            .get_mut(index)
            .ok_or_else(|| Error::user("that quote is no longer pinned"))?;
        let unit = project.require_unit(&q.unit)?;
        if let Some(t) = &text {
            check_display(&source_text(unit, q.span_tuple()), t).map_err(|near| {
                Error::user(format!(
                    "the display text changes the original near \"{near}\": only cut words \
                     (… inside) and replace words with [bracketed] text"
                ))
            })?;
        }
        q.text = text;
        Ok(())
    })?
    .0)
}
