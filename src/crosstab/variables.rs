//! Case variables: what a crosstab's rows and columns are. An attribute of the case
//! (`attr:NAME`, by normalised name, alias or original header), or whether the case has a code
//! (`code:NAME`: any of its units carries the code or one of its sub-codes) or a theme
//! (`theme:NAME`: any of the theme's codes; a name in several sections means all of them,
//! `theme:SECTION/NAME` one), in the consensus or in one coder's log.

use crate::coding::CoderState;
use crate::corpus::{Unit, is_answer};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::{Perspective, coded_view};
use crate::themes::segments::theme_code_ids;
use crate::themes::{Theme, ThemeMap};
use std::collections::{BTreeSet, HashSet};

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

/// The answers in the order a reader expects: Likert scales from agree to disagree, numbers
/// in numeric order (3, 4, 10), else alphabetical.
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
    let number = |v: &str| v.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    if levels.iter().all(|v| rank(v).is_some()) {
        levels.sort_by_key(|v| rank(v));
    } else if levels.iter().all(|v| number(v).is_some()) {
        levels.sort_by(|a, b| {
            let (x, y) = (number(a).unwrap_or(0.0), number(b).unwrap_or(0.0));
            x.total_cmp(&y)
        });
    } else {
        levels.sort_by_key(|v| v.to_lowercase());
    }
}

/// Resolves variables; reads the coding of the perspective once, on first need.
pub struct Resolver<'a> {
    project: &'a Project,
    who: Perspective,
    coding: Option<CoderState>,
    moderators: bool,
}

impl<'a> Resolver<'a> {
    pub fn new(project: &'a Project, who: Perspective) -> Resolver<'a> {
        Resolver {
            project,
            who,
            coding: None,
            moderators: false,
        }
    }

    /// With `yes`, code and theme variables count moderators' turns and give moderators' cases
    /// a value too (by default they are context: left out, as themes and agreement leave them).
    pub fn with_moderators(mut self, yes: bool) -> Resolver<'a> {
        self.moderators = yes;
        self
    }

    /// Whether a unit's coding counts for its case.
    fn counts(&self, unit: &Unit) -> bool {
        self.moderators
            || is_answer(
                unit,
                unit.case.as_deref().and_then(|c| self.project.case(c)),
            )
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
            VariableSpec::Theme(name) => {
                let map = ThemeMap::load(&self.project.root)?;
                let mut codes = HashSet::new();
                for theme in &themes_named(&map, name)? {
                    codes.extend(theme_code_ids(self.project, theme)?);
                }
                self.presence(format!("theme:{}", name.trim()), &codes)
            }
        }
    }

    fn ensure_coding(&mut self) -> Result<()> {
        if self.coding.is_none() {
            self.coding = Some(coded_view(self.project, &self.who)?);
        }
        Ok(())
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

    /// yes/no per case: whether any of its units carries one of `codes`.
    fn presence(&mut self, name: String, codes: &HashSet<String>) -> Result<CaseVariable> {
        self.ensure_coding()?;
        let Some(coding) = self.coding.as_ref() else {
            return Err(Error::user("the coding could not be read"));
        };
        let mut cases: BTreeSet<String> = BTreeSet::new();
        for u in self.project.units.iter().filter(|u| self.counts(u)) {
            if let Some(case) = u.case.as_deref()
                && coding
                    .codings_of(&u.id)
                    .iter()
                    .any(|c| codes.contains(c.code.as_str()))
            {
                cases.insert(case.to_string());
            }
        }
        self.decided(name, |case| cases.contains(case))
    }

    /// yes/no per case from `has`. A case none of whose counted units (see [`Self::counts`]) was
    /// coded or reviewed in this perspective is missing: nothing was decided on it. A
    /// moderator's case has no counted units unless moderators are counted.
    fn decided(&mut self, name: String, has: impl Fn(&str) -> bool) -> Result<CaseVariable> {
        self.ensure_coding()?;
        let Some(coding) = self.coding.as_ref() else {
            return Err(Error::user("the coding could not be read"));
        };
        let decided: HashSet<&str> = self
            .project
            .units
            .iter()
            .filter(|u| self.counts(u))
            .filter(|u| !coding.codings_of(&u.id).is_empty() || coding.is_reviewed(&u.id))
            .filter_map(|u| u.case.as_deref())
            .collect();
        let values = self
            .project
            .cases
            .iter()
            .map(|c| {
                let v = decided
                    .contains(c.id.as_str())
                    .then(|| if has(&c.id) { HAS } else { HAS_NOT }.to_string());
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

/// The themes `theme:NAME` stands for. A name used in several places (the same theme in each
/// respondent group's section) means all of them: the union of their codes. `QUALIFIER/NAME`
/// narrows to themes whose section or category title is the qualifier (`Mentee response/
/// Communication`); several qualifiers may be chained.
fn themes_named(map: &ThemeMap, spec: &str) -> Result<Vec<Theme>> {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let pick = |name: &str, qualifiers: &[&str]| -> Vec<Theme> {
        map.themes()
            .filter(|(p, t)| {
                let section = map.sections[p.section].title.as_deref().unwrap_or("");
                let category = &map.sections[p.section].categories[p.category].title;
                same(&t.name, name)
                    && qualifiers
                        .iter()
                        .all(|q| same(section, q) || same(category, q))
            })
            .map(|(_, t)| t.clone())
            .collect()
    };
    let mut found = pick(spec, &[]);
    if found.is_empty() && spec.contains('/') {
        let parts: Vec<&str> = spec.split('/').collect();
        if let Some((name, qualifiers)) = parts.split_last() {
            found = pick(name, qualifiers);
        }
    }
    if found.is_empty() {
        let all: Vec<String> = map.themes().map(|(_, t)| t.name.clone()).collect();
        return Err(Error::user(if all.is_empty() {
            format!(
                "theme:{spec}: the theme map has no themes yet; write one and load it with `thematic themes import FILE`"
            )
        } else {
            let mut names: Vec<String> = Vec::new();
            for n in all {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            format!("unknown theme '{spec}'; themes: {}", names.join(", "))
        }));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::order_levels;

    fn ordered(levels: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = levels.iter().map(|s| s.to_string()).collect();
        order_levels(&mut v);
        v
    }

    #[test]
    fn likert_then_numbers_then_alphabetical() {
        assert_eq!(
            ordered(&["Disagree", "Strongly agree", "Neutral", "Agree"]),
            ["Strongly agree", "Agree", "Neutral", "Disagree"]
        );
        assert_eq!(
            ordered(&["10", "3", "30", "4", "2.5"]),
            ["2.5", "3", "4", "10", "30"]
        );
        assert_eq!(ordered(&["10", "3", "n/a"]), ["10", "3", "n/a"]);
        assert_eq!(ordered(&["mentor", "Mentee"]), ["Mentee", "mentor"]);
    }
}
