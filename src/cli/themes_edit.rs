//! themes add-section|add-category|add|edit|move|remove: building a theme map from the command
//! line, each change written under the project lock.

use std::collections::BTreeMap;

use super::args::ThemeArg;
use crate::corpus::attribute_key;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::themes::edit::update;
use crate::themes::tree::{self, Node};

fn parse_where(wheres: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for w in wheres {
        let (k, v) = w
            .split_once('=')
            .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
            .ok_or_else(|| {
                Error::user(format!(
                    "--where '{w}' is not KEY=VALUE (e.g. --where role=mentee)"
                ))
            })?;
        out.insert(attribute_key(k), v.trim().to_string());
    }
    Ok(out)
}

pub fn add_section(p: &Project, title: Option<String>, wheres: &[String]) -> Result<()> {
    let filter = parse_where(wheres)?;
    update(p, |m| tree::add_section(m, title.as_deref(), Some(filter)))?;
    eprintln!(
        "Added section {}",
        title.map_or("(no section row)".to_string(), |t| format!("'{t}'"))
    );
    Ok(())
}

pub fn add_category(p: &Project, title: &str, section: Option<&str>) -> Result<()> {
    update(p, |m| {
        let s = tree::find_section(m, section)?;
        tree::add_category(m, s, title)
    })?;
    eprintln!("Added category '{}'", title.trim());
    Ok(())
}

pub fn add_theme(
    p: &Project,
    name: &str,
    category: &str,
    section: Option<&str>,
    description: &str,
    codes: Vec<String>,
) -> Result<()> {
    update(p, |m| {
        let s = tree::find_section(m, section)?;
        let c = match tree::find_category(m, s, category) {
            Some(c) => c,
            None => tree::add_category(m, s, category)?,
        };
        tree::add_theme(m, s, c, name, description, codes)
    })?;
    eprintln!("Added theme '{}' to '{}'", name.trim(), category.trim());
    Ok(())
}

pub fn edit_theme(
    p: &Project,
    which: &ThemeArg,
    name: Option<&str>,
    description: Option<&str>,
    codes: Option<Vec<String>>,
) -> Result<()> {
    if name.is_none() && description.is_none() && codes.is_none() {
        return Err(Error::user(
            "nothing to change: give --name, --description or --codes",
        ));
    }
    update(p, |m| {
        let at = m.find(
            &which.theme,
            which.section.as_deref(),
            which.category.as_deref(),
        )?;
        if let Some(n) = name {
            tree::rename(m, Node::Theme(at), Some(n))?;
        }
        let t = m
            .theme_mut(at)
            .ok_or_else(|| Error::user("the theme map changed meanwhile; run the command again"))?;
        if let Some(d) = description {
            t.description = d.trim().to_string();
        }
        if let Some(c) = codes {
            t.codes = c.into_iter().filter(|c| !c.trim().is_empty()).collect();
        }
        Ok(())
    })?;
    eprintln!("Changed theme '{}'", name.unwrap_or(&which.theme).trim());
    Ok(())
}

pub fn move_theme(p: &Project, which: &ThemeArg, by: isize) -> Result<()> {
    let (_, now) = update(p, |m| {
        let at = m.find(
            &which.theme,
            which.section.as_deref(),
            which.category.as_deref(),
        )?;
        tree::move_node(m, Node::Theme(at), by)
    })?;
    if let Node::Theme(at) = now {
        eprintln!(
            "'{}' is now theme {} of its category",
            which.theme,
            at.theme + 1
        );
    }
    Ok(())
}

pub fn remove_theme(p: &Project, which: &ThemeArg) -> Result<()> {
    let (_, quotes) = update(p, |m| {
        let at = m.find(
            &which.theme,
            which.section.as_deref(),
            which.category.as_deref(),
        )?;
        let quotes = m.theme(at).map_or(0, |t| t.quotes.len());
        tree::remove(m, Node::Theme(at))?;
        Ok(quotes)
    })?;
    eprintln!(
        "Removed theme '{}'{}",
        which.theme,
        if quotes > 0 {
            format!(" and its {quotes} pinned quote(s)")
        } else {
            String::new()
        }
    );
    Ok(())
}
