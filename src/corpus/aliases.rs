//! Short names for long attribute names (`thematic attributes alias LONG SHORT`): survey
//! questions become very long attribute keys. Aliases live in `attributes.json` beside the
//! case attributes and are changed by a read-modify-write under the project lock.

use super::attribute_key;
use super::attributes::AttributeOverlay;
use crate::error::{Error, IoContext, Result};
use crate::project::{ATTRIBUTES, Project, atomic, manifest};
use std::collections::BTreeSet;

impl Project {
    /// Every attribute key some case has, sorted.
    pub fn attribute_keys(&self) -> BTreeSet<&str> {
        self.cases
            .iter()
            .flat_map(|c| c.attributes.keys().map(String::as_str))
            .collect()
    }

    /// The attribute key a user means by `name`: an alias, the normalised key, or the original
    /// column header (case and punctuation do not matter).
    pub fn resolve_attribute(&self, name: &str) -> Option<String> {
        let key = attribute_key(name);
        if key.is_empty() {
            return None;
        }
        if let Some(target) = self.overlay.aliases.get(&key) {
            return Some(target.clone());
        }
        self.attribute_keys().contains(key.as_str()).then_some(key)
    }

    /// The attribute, or an error that lists what there is.
    pub fn require_attribute(&self, name: &str) -> Result<String> {
        self.resolve_attribute(name).ok_or_else(|| {
            Error::user(format!(
                "unknown attribute '{name}'; see `thematic cases` for the attributes{}",
                alias_hint(self)
            ))
        })
    }

    /// Give attribute `long` the short name `short` (normalised like an attribute name).
    /// Returns (the attribute's key, the alias).
    pub fn set_alias(&mut self, long: &str, short: &str) -> Result<(String, String)> {
        let _lock = self.lock_shared()?;
        let mut overlay = self.reread_overlay()?;
        self.overlay.aliases = overlay.aliases.clone();
        let target = self.require_attribute(long)?;
        let alias = attribute_key(short);
        if alias.is_empty() {
            return Err(Error::user(format!(
                "alias '{short}' has no letters or digits; choose a short word"
            )));
        }
        if alias == target {
            return Err(Error::user(format!(
                "'{short}' is already the attribute's own name"
            )));
        }
        if self.attribute_keys().contains(alias.as_str()) {
            return Err(Error::user(format!(
                "'{alias}' is already an attribute; an alias must be a new name"
            )));
        }
        if let Some(other) = overlay.aliases.get(&alias).filter(|t| **t != target) {
            return Err(Error::user(format!(
                "'{alias}' already stands for '{other}'; remove it first (thematic attributes alias --remove {alias})"
            )));
        }
        overlay.format = overlay.format.max(manifest::FORMAT);
        overlay.aliases.insert(alias.clone(), target.clone());
        atomic::write_json(&self.root.join(ATTRIBUTES), &overlay)?;
        self.overlay = overlay;
        Ok((target, alias))
    }

    /// Take an alias away. Returns the attribute it stood for.
    pub fn remove_alias(&mut self, short: &str) -> Result<String> {
        let _lock = self.lock_shared()?;
        let mut overlay = self.reread_overlay()?;
        let alias = attribute_key(short);
        let Some(target) = overlay.aliases.remove(&alias) else {
            return Err(Error::user(format!("there is no alias '{short}'")));
        };
        atomic::write_json(&self.root.join(ATTRIBUTES), &overlay)?;
        self.overlay = overlay;
        Ok(target)
    }

    /// `attributes.json` as it is on disk now (another process may have changed it).
    fn reread_overlay(&self) -> Result<AttributeOverlay> {
        let path = self.root.join(ATTRIBUTES);
        if !path.exists() {
            return Ok(AttributeOverlay::default());
        }
        let bytes = std::fs::read(&path).at(&path)?;
        let overlay: AttributeOverlay = serde_json::from_slice(&bytes)
            .map_err(|e| Error::input(&path, Some(e.line()), format!("malformed JSON: {e}")))?;
        if overlay.format > manifest::FORMAT {
            return Err(Error::field(
                &path,
                None,
                "format",
                format!(
                    "format {} is newer than this thematic ({}); upgrade thematic",
                    overlay.format,
                    manifest::FORMAT
                ),
            ));
        }
        Ok(overlay)
    }
}

fn alias_hint(p: &Project) -> String {
    if p.overlay.aliases.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = p.overlay.aliases.keys().map(String::as_str).collect();
        format!(" (aliases: {})", names.join(", "))
    }
}
