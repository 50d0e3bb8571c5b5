//! Case variables: what a crosstab's rows and columns are. An attribute of the case
//! (`attr:NAME`, by normalised name, alias or original header), or whether the case has a code
//! (`code:NAME`: any of its units carries the code or one of its sub-codes) or a theme
//! (`theme:NAME`: any of the theme's codes), in the consensus or in one coder's log.

use crate::coding::CoderState;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::{Perspective, coded_view};
use std::collections::{BTreeMap, HashSet};

/// What a variable names, as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariableSpec {
    Attribute(String),
    Code(String),
    Theme(String),
}

impl VariableSpec {
    /// `attr:NAME`, `code:NAME`, `theme:NAME`; a bare name is an attribute.
    pub fn parse(text: &str) -> Result<VariableSpec> {
        let text = text.trim();
        let (kind, name) = match text.split_once(':') {
            Some((k, n))
                if ["attr", "code", "theme"].contains(&k.trim().to_lowercase().as_str()) =>
            {
                (k.trim().to_lowercase(), n.trim())
            }
            _ => ("attr".to_string(), text),
        };
        if name.is_empty() {
            return Err(Error::user(format!(
                "'{text}' names no variable; write attr:NAME, code:NAME or theme:NAME"
            )));
        }
        Ok(match kind.as_str() {
            "code" => VariableSpec::Code(name.into()),
            "theme" => VariableSpec::Theme(name.into()),
            _ => VariableSpec::Attribute(name.into()),
        })
    }
}

/// Level names of presence variables.
pub const HAS: &str = "yes";
pub const HAS_NOT: &str = "no";

/// A variable resolved against a project: each case's value, `None` where it is missing.
#[derive(Debug, Clone)]
pub struct CaseVariable {
    /// How reports name it: `fellowship`, `code:Good communication`, `theme:Access`.
    pub name: String,
    /// Levels in the order a table shows them, before collapsing.
    pub levels: Vec<String>,
    /// Case id → value (cases in the project's order).
    pub values: Vec<(String, Option<String>)>,
    /// Whether it is an attribute (values compared case-insensitively in collapse rules).
    pub is_attribute: bool,
}

/// The answers in the order a reader expects: Likert scales from agree to disagree, else
/// alphabetical.
const LIKERT: [&str; 11] = [
    "strongly agree",
    "agree",
    "somewhat agree",
    "neither agree nor disagree",
    "neutral",
    "somewhat disagree",
    "disagree",
    "strongly disagree",
    "yes",
    "no",
    "not applicable",
];

pub(crate) fn order_levels(levels: &mut [String]) {
    let rank = |v: &str| LIKERT.iter().position(|l| *l == v.to_lowercase());
    if levels.iter().all(|v| rank(v).is_some()) {
        levels.sort_by_key(|v| rank(v));
    } else {
        levels.sort_by_key(|v| v.to_lowercase());
    }
}

/// Resolves variables; reads the coding of the perspective once, on first need.
pub struct Resolver<'a> {
    project: &'a Project,
    who: Perspective,
    coding: Option<CoderState>,
}

impl<'a> Resolver<'a> {
    pub fn new(project: &'a Project, who: Perspective) -> Resolver<'a> {
        Resolver {
            project,
            who,
            coding: None,
        }
    }

    pub fn perspective(&self) -> &Perspective {
        &self.who
    }

    pub fn project(&self) -> &Project {
        self.project
    }

    pub fn resolve(&mut self, spec: &VariableSpec) -> Result<CaseVariable> {
        match spec {
            VariableSpec::Attribute(name) => self.attribute(name),
            VariableSpec::Code(name) => {
                let code = self.project.codebook.resolve(name)?;
                let (id, label) = (code.id.clone(), format!("code:{}", code.name));
                let ids = self.with_descendants(&[id]);
                self.presence(label, &ids)
            }
            VariableSpec::Theme(name) => Err(Error::user(format!(
                "theme:{name}: there is no theme map yet, so themes cannot be crosstabulated; use code:NAME"
            ))),
        }
    }

    fn attribute(&self, name: &str) -> Result<CaseVariable> {
        let key = self.project.require_attribute(name)?;
        let values: Vec<(String, Option<String>)> = self
            .project
            .cases
            .iter()
            .map(|c| {
                let v = c
                    .attributes
                    .get(&key)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty());
                (c.id.clone(), v)
            })
            .collect();
        let mut levels: Vec<String> = Vec::new();
        for v in values.iter().filter_map(|(_, v)| v.as_ref()) {
            if !levels.contains(v) {
                levels.push(v.clone());
            }
        }
        order_levels(&mut levels);
        Ok(CaseVariable {
            name: key,
            levels,
            values,
            is_attribute: true,
        })
    }

    /// Code ids with all their active sub-codes.
    fn with_descendants(&self, roots: &[String]) -> HashSet<String> {
        let book = &self.project.codebook;
        let mut out: HashSet<String> = roots.iter().cloned().collect();
        let mut stack: Vec<String> = roots.to_vec();
        while let Some(id) = stack.pop() {
            for child in book.children(Some(&id)) {
                if out.insert(child.id.clone()) {
                    stack.push(child.id.clone());
                }
            }
        }
        out
    }

    /// yes/no per case: whether any of its units carries one of `codes`. A case none of whose
    /// units was coded or reviewed in this perspective is missing (nothing was decided on it).
    fn presence(&mut self, name: String, codes: &HashSet<String>) -> Result<CaseVariable> {
        if self.coding.is_none() {
            self.coding = Some(coded_view(self.project, &self.who)?);
        }
        let Some(coding) = self.coding.as_ref() else {
            return Err(Error::user("the coding could not be read"));
        };
        let mut seen: BTreeMap<&str, bool> = BTreeMap::new();
        for u in &self.project.units {
            let Some(case) = u.case.as_deref() else {
                continue;
            };
            let codings = coding.codings_of(&u.id);
            if codings.is_empty() && !coding.is_reviewed(&u.id) {
                continue;
            }
            let has = codings.iter().any(|c| codes.contains(&c.code));
            *seen.entry(case).or_default() |= has;
        }
        let values = self
            .project
            .cases
            .iter()
            .map(|c| {
                let v = seen
                    .get(c.id.as_str())
                    .map(|&has| if has { HAS } else { HAS_NOT }.to_string());
                (c.id.clone(), v)
            })
            .collect();
        Ok(CaseVariable {
            name,
            levels: vec![HAS.into(), HAS_NOT.into()],
            values,
            is_attribute: false,
        })
    }
}
