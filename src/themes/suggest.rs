//! Quote suggestions for a theme: its coded segments ranked so a researcher can choose fast —
//! codes the coders agreed on, short self-contained passages, respondents and kinds of source
//! not yet quoted, passages not pinned elsewhere — each with the reasons for its place.

use serde::Serialize;

use crate::coding::CoderState;
use crate::corpus::SourceKind;
use crate::error::{Error, Result};
use crate::project::Project;

use super::map::{ThemeMap, ThemePath};
use super::segments::{Segment, segments, theme_code_ids};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub rank: usize,
    pub unit: String,
    pub span: Option<[usize; 2]>,
    pub text: String,
    pub case: Option<String>,
    pub source: String,
    pub kind: Option<SourceKind>,
    pub score: f64,
    /// Why it ranks where it does, most important first.
    pub reasons: Vec<String>,
}

/// Whose coding the suggestions read, and the other coders' views to judge agreement by.
pub struct Evidence<'a> {
    pub view: &'a CoderState,
    /// "consensus" or the coder's name.
    pub whose: &'a str,
    /// Every coder's own view (name, state).
    pub coders: &'a [(String, CoderState)],
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn overlaps(a: Option<[usize; 2]>, b: Option<[usize; 2]>) -> bool {
    match (a, b) {
        (Some([a0, a1]), Some([b0, b1])) => a0 < b1 && b0 < a1,
        _ => true,
    }
}

/// Ranked candidates for the theme at `at` (at most `limit`).
pub fn suggest(
    project: &Project,
    map: &ThemeMap,
    at: ThemePath,
    ev: &Evidence,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let theme = map
        .theme(at)
        .ok_or_else(|| Error::user("no such theme in the map"))?;
    let section = &map.sections[at.section];
    let codes = theme_code_ids(project, theme)?;
    let mut segs: Vec<Segment> = segments(project, ev.view, &codes, section.filter.as_ref());
    segs.dedup_by(|a, b| a.unit == b.unit && a.span == b.span);
    let pinned_here: Vec<(&str, Option<[usize; 2]>)> = theme
        .quotes
        .iter()
        .map(|q| (q.unit.as_str(), q.span))
        .collect();
    let cases_here: Vec<Option<String>> = theme
        .quotes
        .iter()
        .map(|q| project.unit(&q.unit).and_then(|u| u.case.clone()))
        .collect();
    let kinds_here: Vec<Option<SourceKind>> = theme
        .quotes
        .iter()
        .map(|q| {
            project
                .unit(&q.unit)
                .and_then(|u| project.source_kind(&u.source))
        })
        .collect();
    let mut scored: Vec<Suggestion> = Vec::new();
    for s in segs {
        if pinned_here
            .iter()
            .any(|(u, sp)| *u == s.unit && overlaps(*sp, s.span))
        {
            continue;
        }
        let mut score = 0.0;
        let mut reasons = Vec::new();
        // Agreement.
        let agreeing: Vec<&str> = ev
            .coders
            .iter()
            .filter(|(_, st)| {
                st.codings_of(&s.unit)
                    .iter()
                    .any(|c| codes.iter().any(|k| c.code == *k))
            })
            .map(|(n, _)| n.as_str())
            .collect();
        if ev.whose == "consensus" {
            score += 1.0;
            reasons.push("in the consensus".to_string());
        }
        if agreeing.len() >= 2 {
            score += 3.0;
            // "alice and bob", "alice, bob and carol"
            let (last, rest) = agreeing.split_last().unwrap_or((&"", &[]));
            reasons.push(format!("coded by {} and {last} alike", rest.join(", ")));
        } else if let [only] = agreeing.as_slice()
            && ev.coders.len() >= 2
        {
            reasons.push(format!("coded by {only} only"));
        } else if ev.whose != "consensus" {
            reasons.push(format!("coded by {}", ev.whose));
        }
        // Length and completeness.
        let n = words(&s.text);
        let t = s.text.trim();
        if n < 5 {
            score -= 2.0;
            reasons.push(format!("very short ({n} words)"));
        } else if n <= 45 {
            score += 2.0;
            reasons.push(format!("short ({n} words)"));
        } else if n <= 80 {
            score += 1.0;
            reasons.push(format!("{n} words"));
        } else {
            score -= ((n - 80) as f64 / 20.0).min(3.0);
            reasons.push(format!("long ({n} words): trim it with …"));
        }
        let starts = t
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"' || c == '“');
        let ends = t.ends_with(['.', '!', '?', '"', '”']);
        if starts && ends {
            score += 1.0;
            reasons.push("whole sentences".to_string());
        } else if !starts {
            reasons.push("starts mid-sentence".to_string());
        }
        // Spread over respondents and kinds of source.
        if s.case.is_some() && cases_here.contains(&s.case) {
            score -= 3.0;
            reasons.push(format!(
                "{} is already quoted in this theme",
                s.case.as_deref().unwrap_or("")
            ));
        } else if let Some(c) = &s.case {
            reasons.push(format!("{c} not yet quoted here"));
        }
        if !theme.quotes.is_empty() && !kinds_here.contains(&s.kind) {
            score += 1.0;
            if let Some(k) = s.kind {
                let article = if k.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                reasons.push(format!("adds {article} {k} to the quotes' sources"));
            }
        }
        // Pinned elsewhere.
        let elsewhere: Vec<String> = map
            .themes()
            .filter(|(p, t)| {
                *p != at
                    && t.quotes
                        .iter()
                        .any(|q| q.unit == s.unit && overlaps(q.span, s.span))
            })
            .map(|(_, t)| t.name.clone())
            .collect();
        if !elsewhere.is_empty() {
            score -= 4.0;
            reasons.push(format!("already pinned to '{}'", elsewhere.join("', '")));
        }
        scored.push(Suggestion {
            rank: 0,
            unit: s.unit,
            span: s.span,
            text: s.text,
            case: s.case,
            source: s.source,
            kind: s.kind,
            score,
            reasons,
        });
    }
    // Greedy: a respondent already high on the list counts against their next passages.
    let mut out: Vec<Suggestion> = Vec::new();
    while !scored.is_empty() && out.len() < limit {
        let adjusted = |c: &Suggestion| {
            let repeats = out
                .iter()
                .filter(|o| o.case.is_some() && o.case == c.case)
                .count();
            c.score - 2.0 * repeats as f64
        };
        let mut best = 0;
        for i in 1..scored.len() {
            if adjusted(&scored[i]) > adjusted(&scored[best]) {
                best = i;
            }
        }
        let mut pick = scored.remove(best);
        let repeats = out
            .iter()
            .filter(|o| o.case.is_some() && o.case == pick.case)
            .count();
        if repeats > 0 {
            pick.score -= 2.0 * repeats as f64;
            pick.reasons
                .push("same respondent as a passage above".to_string());
        }
        pick.rank = out.len() + 1;
        out.push(pick);
    }
    Ok(out)
}
