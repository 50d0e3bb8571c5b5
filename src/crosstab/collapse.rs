//! Collapsing a variable's values into fewer labels: `VAR:Strongly agree,Agree=agree`, with
//! `VAR:*=other` for every value not listed. Values not named by any rule keep their own level;
//! the label `-` leaves the values out (they count as missing: `role:interviewer,moderator=-`).

use super::variables::{CaseVariable, VariableSpec};
use crate::error::{Error, Result};

/// The label that leaves values out of the table.
pub const LEAVE_OUT: &str = "-";

/// One `--collapse` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollapseRule {
    pub variable: VariableSpec,
    /// The values it gathers; empty for the remainder rule (`*`).
    pub values: Vec<String>,
    pub label: String,
}

impl CollapseRule {
    /// `VAR:VALUE,VALUE=LABEL`, where VAR is written as for the table (`attr:NAME`, `NAME`,
    /// `code:NAME`) and VALUE may be `*` for the rest.
    pub fn parse(text: &str) -> Result<CollapseRule> {
        let bad = |why: &str| {
            Error::user(format!(
                "--collapse '{text}': {why}; write VAR:VALUE,VALUE=LABEL (e.g. \"q1:Strongly agree,Agree=agree\")"
            ))
        };
        let (lhs, label) = text.rsplit_once('=').ok_or_else(|| bad("no =LABEL"))?;
        let (var, values) = lhs.rsplit_once(':').ok_or_else(|| bad("no VAR:"))?;
        let label = label.trim().to_string();
        if label.is_empty() {
            return Err(bad("the label is empty"));
        }
        let values: Vec<String> = values
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(bad("no values"));
        }
        let values = if values == ["*"] { Vec::new() } else { values };
        if values.iter().any(|v| v == "*") {
            return Err(bad("* stands alone (VAR:*=LABEL)"));
        }
        Ok(CollapseRule {
            variable: VariableSpec::parse(var)?,
            values,
            label,
        })
    }
}

/// Apply the rules meant for `var` (already picked out). Every value a rule names must occur,
/// so a typo never silently leaves an answer uncollapsed.
pub fn collapse(var: &CaseVariable, rules: &[&CollapseRule]) -> Result<CaseVariable> {
    if rules.is_empty() {
        return Ok(var.clone());
    }
    let same = |a: &str, b: &str| {
        if var.is_attribute {
            a.to_lowercase() == b.to_lowercase()
        } else {
            a == b
        }
    };
    for rule in rules {
        for v in &rule.values {
            if !var.levels.iter().any(|l| same(l, v)) {
                return Err(Error::user(format!(
                    "--collapse: '{v}' is not a value of {} (its values: {})",
                    var.name,
                    var.levels.join(", ")
                )));
            }
        }
    }
    let remainder = rules.iter().find(|r| r.values.is_empty());
    let label_of = |value: &str| -> Option<String> {
        let label = rules
            .iter()
            .find(|r| r.values.iter().any(|v| same(v, value)))
            .or(remainder)
            .map_or_else(|| value.to_string(), |r| r.label.clone());
        (label != LEAVE_OUT).then_some(label)
    };
    let mut levels: Vec<String> = Vec::new();
    let mut push = |l: String| {
        if l != LEAVE_OUT && !levels.contains(&l) {
            levels.push(l);
        }
    };
    for rule in rules.iter().filter(|r| !r.values.is_empty()) {
        push(rule.label.clone());
    }
    for l in &var.levels {
        if rules.iter().all(|r| !r.values.iter().any(|v| same(v, l))) && remainder.is_none() {
            push(l.clone());
        }
    }
    if let Some(r) = remainder {
        push(r.label.clone());
    }
    let values = var
        .values
        .iter()
        .map(|(case, v)| (case.clone(), v.as_deref().and_then(label_of)))
        .collect();
    Ok(CaseVariable {
        name: var.name.clone(),
        levels,
        values,
        is_attribute: var.is_attribute,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn likert() -> CaseVariable {
        let answers = ["Strongly agree", "Agree", "Neutral", "Agree", "Disagree"];
        CaseVariable {
            name: "q1".into(),
            levels: vec![
                "Strongly agree".into(),
                "Agree".into(),
                "Neutral".into(),
                "Disagree".into(),
            ],
            values: answers
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("c{i}"), Some(a.to_string())))
                .chain([("c9".to_string(), None)])
                .collect(),
            is_attribute: true,
        }
    }

    #[test]
    fn parse_rules() {
        let r = CollapseRule::parse("attr:q1:Strongly agree, Agree=agree").unwrap();
        assert_eq!(r.variable, VariableSpec::Attribute("q1".into()));
        assert_eq!(r.values, ["Strongly agree", "Agree"]);
        assert_eq!(r.label, "agree");
        let rest = CollapseRule::parse("q1:*=other").unwrap();
        assert!(rest.values.is_empty());
        for bad in [
            "q1:Agree",
            "q1=agree",
            "q1:Agree=",
            "q1: , =x",
            "q1:*,Agree=x",
        ] {
            assert!(CollapseRule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn named_values_and_remainder() {
        let v = likert();
        let agree = CollapseRule::parse("q1:strongly agree,agree=agree").unwrap();
        let rest = CollapseRule::parse("q1:*=other").unwrap();
        let c = collapse(&v, &[&agree, &rest]).unwrap();
        assert_eq!(c.levels, ["agree", "other"]);
        let got: Vec<Option<&str>> = c.values.iter().map(|(_, v)| v.as_deref()).collect();
        assert_eq!(
            got,
            [
                Some("agree"),
                Some("agree"),
                Some("other"),
                Some("agree"),
                Some("other"),
                None
            ]
        );
    }

    #[test]
    fn unlisted_values_keep_their_level_and_typos_are_refused() {
        let v = likert();
        let agree = CollapseRule::parse("q1:Strongly agree,Agree=agree").unwrap();
        let c = collapse(&v, &[&agree]).unwrap();
        assert_eq!(c.levels, ["agree", "Neutral", "Disagree"]);
        let out = CollapseRule::parse("q1:Neutral,Disagree=-").unwrap();
        let c = collapse(&v, &[&agree, &out]).unwrap();
        assert_eq!(c.levels, ["agree"]);
        assert_eq!(c.values.iter().filter(|(_, v)| v.is_none()).count(), 3);
        let typo = CollapseRule::parse("q1:Strongly agre=agree").unwrap();
        let err = collapse(&v, &[&typo]).unwrap_err().to_string();
        assert!(
            err.contains("'Strongly agre' is not a value of q1"),
            "{err}"
        );
    }
}
