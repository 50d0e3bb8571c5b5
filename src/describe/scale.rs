//! Response scales: the ordered levels of a Likert item, recognised from the answers' labels
//! (5- and 7-point agreement, satisfaction, frequency, yes/no) or set by the researcher.

/// Each level with the spellings that mean it (compared ignoring case and spaces).
const AGREE5: &[&[&str]] = &[
    &["Strongly disagree"],
    &["Disagree"],
    &["Neutral", "Neither agree nor disagree", "Undecided"],
    &["Agree"],
    &["Strongly agree"],
];
const AGREE7: &[&[&str]] = &[
    &["Strongly disagree"],
    &["Disagree"],
    &["Somewhat disagree", "Slightly disagree"],
    &["Neutral", "Neither agree nor disagree", "Undecided"],
    &["Somewhat agree", "Slightly agree"],
    &["Agree"],
    &["Strongly agree"],
];
const SATISFACTION: &[&[&str]] = &[
    &["Very dissatisfied"],
    &["Dissatisfied"],
    &["Neutral", "Neither satisfied nor dissatisfied"],
    &["Satisfied"],
    &["Very satisfied"],
];
const FREQUENCY: &[&[&str]] = &[
    &["Never"],
    &["Rarely"],
    &["Sometimes"],
    &["Often"],
    &["Always"],
];
const YES_NO: &[&[&str]] = &[&["No"], &["Yes"]];

/// The scales tried, smallest first, so five answers of a 5-point scale are not read as 7-point.
const KNOWN: &[(&str, &[&[&str]])] = &[
    ("yes/no", YES_NO),
    ("agreement (5-point)", AGREE5),
    ("satisfaction (5-point)", SATISFACTION),
    ("frequency (5-point)", FREQUENCY),
    ("agreement (7-point)", AGREE7),
];

/// An ordered response scale: lowest level first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// "agreement (5-point)", or "set by hand".
    pub name: String,
    pub levels: Vec<String>,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Scale {
    /// The recognised scale every one of `values` belongs to; each level is spelled as the
    /// answers spell it ("Neutral" or "Neither agree nor disagree"). `None` when no scale covers
    /// them all, or there are no values.
    pub fn recognise<'a>(values: impl IntoIterator<Item = &'a str> + Clone) -> Option<Scale> {
        let seen: Vec<String> = values.clone().into_iter().map(norm).collect();
        if seen.is_empty() {
            return None;
        }
        KNOWN.iter().find_map(|(name, levels)| {
            let covers = seen
                .iter()
                .all(|v| levels.iter().any(|alts| alts.iter().any(|a| norm(a) == *v)));
            covers.then(|| Scale {
                name: (*name).to_string(),
                levels: levels
                    .iter()
                    .map(|alts| {
                        values
                            .clone()
                            .into_iter()
                            .find(|v| alts.iter().any(|a| norm(a) == norm(v)))
                            .map_or_else(|| alts[0].to_string(), |v| v.trim().to_string())
                    })
                    .collect(),
            })
        })
    }

    /// A scale the researcher set (`thematic attributes scale`).
    pub fn set(levels: &[String]) -> Scale {
        Scale {
            name: "set by hand".into(),
            levels: levels.to_vec(),
        }
    }

    /// Which level `value` is (ignoring case and spaces).
    pub fn position(&self, value: &str) -> Option<usize> {
        let v = norm(value);
        self.levels.iter().position(|l| norm(l) == v)
    }

    /// The distinct values the scale does not have, in the order given.
    pub fn strays<'a>(&self, values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in values {
            if self.position(v).is_none() && !out.iter().any(|o| norm(o) == norm(v)) {
                out.push(v.to_string());
            }
        }
        out
    }

    /// The levels that count as agreeing: the top two (the top one of a 2- or 3-level scale).
    pub fn top(&self) -> usize {
        if self.levels.len() <= 3 { 1 } else { 2 }
    }

    /// The middle level of an odd scale (drawn centred), if any.
    pub fn neutral(&self) -> Option<usize> {
        (self.levels.len() % 2 == 1 && self.levels.len() >= 3).then_some(self.levels.len() / 2)
    }
}

/// Parse `"Strongly disagree,Disagree,…"`: comma-separated, trimmed, at least two, no repeats.
pub fn parse_levels(text: &str) -> Result<Vec<String>, String> {
    let levels: Vec<String> = text
        .split(',')
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if levels.len() < 2 {
        return Err("a scale needs at least two levels, separated by commas".into());
    }
    for (i, l) in levels.iter().enumerate() {
        if levels[..i].iter().any(|m| norm(m) == norm(l)) {
            return Err(format!("level '{l}' is named twice"));
        }
    }
    Ok(levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_smallest_scale_and_keeps_the_answers_spelling() {
        let s = Scale::recognise(["Agree", "neutral", "Strongly agree"]).expect("scale");
        assert_eq!(s.name, "agreement (5-point)");
        assert_eq!(s.levels[2], "neutral");
        assert_eq!(s.levels[0], "Strongly disagree");
        let s = Scale::recognise(["Somewhat agree", "Agree"]).expect("scale");
        assert_eq!(s.levels.len(), 7);
        assert_eq!(
            Scale::recognise(["Yes", "no"]).map(|s| s.levels.len()),
            Some(2)
        );
        assert_eq!(
            Scale::recognise(["Often", "Never"]).map(|s| s.top()),
            Some(2)
        );
        assert_eq!(Scale::recognise(["Agree", "Maybe"]), None);
        assert_eq!(Scale::recognise(std::iter::empty::<&str>()), None);
    }

    #[test]
    fn strays_and_parsing() {
        let s = Scale::set(&parse_levels("Low, Medium ,High").expect("levels"));
        assert_eq!(s.strays(["low", "Huge", "huge", "High"]), vec!["Huge"]);
        assert_eq!(s.neutral(), Some(1));
        assert!(parse_levels("One").is_err());
        assert!(parse_levels("A,a").is_err());
    }
}
