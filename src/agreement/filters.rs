//! Which units of a project an agreement run looks at: by source kind and by case attribute.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::corpus::{Case, SourceKind, Unit, attribute_key};
use crate::error::{Error, Result};
use crate::project::Project;

/// Unit filters. Kinds are alternatives (a unit passes if its source has any of them);
/// attribute conditions on different keys must all hold, values given for the same key are
/// alternatives. Attribute values compare case-insensitively; a unit whose case lacks the
/// attribute (or that has no case) does not pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filters {
    pub kinds: Vec<SourceKind>,
    /// Normalized attribute key → accepted values.
    #[serde(rename = "where")]
    pub attributes: BTreeMap<String, Vec<String>>,
    /// Also compare moderators' turns (left out by default: they are context).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub moderators: bool,
}

/// Why a unit did not pass the filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    Kind,
    Attribute,
    Moderator,
}

impl Filters {
    /// Filters from `--kind` values (`survey`, `interview`, `focus-group`, `notes`) and
    /// `--where KEY=VALUE` conditions.
    pub fn parse(kinds: &[String], conditions: &[String]) -> Result<Filters> {
        let mut f = Filters::default();
        for k in kinds.iter().flat_map(|k| k.split(',')).map(str::trim) {
            if k.is_empty() {
                continue;
            }
            let kind = SourceKind::parse(k).ok_or_else(|| {
                Error::user(format!(
                    "--kind '{k}' is not a source kind; use survey, interview, focus-group or notes"
                ))
            })?;
            if !f.kinds.contains(&kind) {
                f.kinds.push(kind);
            }
        }
        for c in conditions {
            let Some((key, value)) = c.split_once('=') else {
                return Err(Error::user(format!(
                    "--where '{c}' is not KEY=VALUE (e.g. --where role=mentee)"
                )));
            };
            let key = attribute_key(key);
            let value = value.trim().to_string();
            if key.is_empty() || value.is_empty() {
                return Err(Error::user(format!(
                    "--where '{c}' needs both a key and a value (e.g. --where role=mentee)"
                )));
            }
            let values = f.attributes.entry(key).or_default();
            if !values.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
                values.push(value);
            }
        }
        Ok(f)
    }

    /// With `yes`, moderators' turns are compared too.
    pub fn with_moderators(mut self, yes: bool) -> Filters {
        self.moderators = yes;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.attributes.is_empty()
    }

    /// "source kind survey or interview; role = mentee; fellowship = Adult or Pediatric", or
    /// "none".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("source kind {}", kinds.join(" or ")));
        }
        for (key, values) in &self.attributes {
            parts.push(format!("{key} = {}", values.join(" or ")));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join("; ")
        }
    }

    /// Check the filters against the project: every attribute key must exist on some case
    /// (a misspelt key would otherwise silently exclude every unit).
    pub fn check(&self, p: &Project) -> Result<()> {
        for key in self.attributes.keys() {
            if !p.cases.iter().any(|c| c.attributes.contains_key(key)) {
                let mut known: Vec<&str> = p
                    .cases
                    .iter()
                    .flat_map(|c| c.attributes.keys().map(String::as_str))
                    .collect();
                known.sort_unstable();
                known.dedup();
                return Err(Error::user(format!(
                    "--where: no case has the attribute '{key}'; case attributes are: {}",
                    if known.is_empty() {
                        "(none)".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
        Ok(())
    }

    /// A matcher over a project's units (source kinds and cases looked up once).
    pub fn matcher<'a>(&'a self, p: &'a Project) -> Matcher<'a> {
        Matcher {
            filters: self,
            kinds: p
                .manifest
                .sources
                .iter()
                .map(|s| (s.id.as_str(), s.kind))
                .collect(),
            cases: if self.attributes.is_empty() {
                HashMap::new()
            } else {
                p.cases.iter().map(|c| (c.id.as_str(), c)).collect()
            },
        }
    }
}

/// [`Filters`] bound to a project.
pub struct Matcher<'a> {
    filters: &'a Filters,
    kinds: HashMap<&'a str, SourceKind>,
    cases: HashMap<&'a str, &'a Case>,
}

impl Matcher<'_> {
    /// `Ok` if the unit passes, or the first filter that rejects it.
    pub fn check(&self, unit: &Unit) -> std::result::Result<(), Rejection> {
        let f = self.filters;
        if unit.moderator && !f.moderators {
            return Err(Rejection::Moderator);
        }
        if !f.kinds.is_empty() {
            let kind = self.kinds.get(unit.source.as_str());
            if !kind.is_some_and(|k| f.kinds.contains(k)) {
                return Err(Rejection::Kind);
            }
        }
        if !f.attributes.is_empty() {
            let case = unit.case.as_deref().and_then(|c| self.cases.get(c));
            let ok = case.is_some_and(|case| {
                f.attributes.iter().all(|(key, values)| {
                    case.attributes
                        .get(key)
                        .is_some_and(|v| values.iter().any(|x| x.eq_ignore_ascii_case(v.trim())))
                })
            });
            if !ok {
                return Err(Rejection::Attribute);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds_and_conditions() {
        let f = Filters::parse(
            &["survey,interview".into(), "survey".into()],
            &[
                "Role=mentee".into(),
                "role = Mentor".into(),
                "fellowship=Adult".into(),
            ],
        )
        .unwrap();
        assert_eq!(f.kinds, vec![SourceKind::Survey, SourceKind::Interview]);
        assert_eq!(f.attributes["role"], vec!["mentee", "Mentor"]);
        assert_eq!(
            f.describe(),
            "source kind survey or interview; fellowship = Adult; role = mentee or Mentor"
        );
        assert!(Filters::parse(&["video".into()], &[]).is_err());
        assert!(Filters::parse(&[], &["role".into()]).is_err());
        assert!(Filters::parse(&[], &["=x".into()]).is_err());
        assert_eq!(Filters::default().describe(), "none");
    }
}
