//! `themes show`: the map with its counts (from the consensus or one coder), every quote as it
//! will print, and the warnings a researcher must see before exporting.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::coding::CoderState;
use crate::error::Result;
use crate::project::Project;

use super::map::ThemeMap;
use super::segments::{ThemeCounts, count, section_cases, segments, theme_code_ids};
use super::table::printed_quote;

#[derive(Debug, Clone, Serialize)]
pub struct MapReport {
    pub title: String,
    pub footnote: Option<String>,
    /// "consensus" or the coder whose coding was counted.
    pub coding: String,
    pub sections: Vec<SectionReport>,
    /// Every problem found, one line each (also attached to its quote or theme).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionReport {
    pub title: Option<String>,
    #[serde(rename = "where")]
    pub filter: Option<BTreeMap<String, String>>,
    /// Participants in the section with any unit (the N of "n of N").
    pub cases: usize,
    pub categories: Vec<CategoryReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryReport {
    pub title: String,
    pub themes: Vec<ThemeReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeReport {
    pub name: String,
    pub description: String,
    pub codes: Vec<String>,
    pub counts: ThemeCounts,
    pub quotes: Vec<QuoteReport>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteReport {
    pub unit: String,
    pub span: Option<[usize; 2]>,
    /// The stored display text (`null` prints the original).
    pub text: Option<String>,
    /// What the table prints, without the curly quotes.
    pub printed: String,
    pub case: Option<String>,
    pub source_kind: Option<String>,
    pub warnings: Vec<String>,
}

/// The map with counts from `view` (`whose` names it).
pub fn report(
    project: &Project,
    map: &ThemeMap,
    view: &CoderState,
    whose: &str,
) -> Result<MapReport> {
    let mut warnings = Vec::new();
    let mut sections = Vec::new();
    for (si, s) in map.sections.iter().enumerate() {
        let total = section_cases(project, s.filter.as_ref());
        let mut categories = Vec::new();
        for c in &s.categories {
            let mut themes = Vec::new();
            for t in &c.themes {
                let mut theme_warnings = Vec::new();
                let (counts, codes) = match theme_code_ids(project, t) {
                    Ok(codes) => {
                        let segs = segments(project, view, &codes, s.filter.as_ref());
                        (count(&segs, total), codes)
                    }
                    Err(e) => {
                        theme_warnings.push(e.to_string());
                        (
                            ThemeCounts {
                                cases_total: total,
                                ..ThemeCounts::default()
                            },
                            Vec::new(),
                        )
                    }
                };
                if t.codes.is_empty() {
                    theme_warnings.push(format!("theme '{}' has no codes yet", t.name));
                }
                let mut quotes = Vec::new();
                for q in &t.quotes {
                    let p = printed_quote(project, q);
                    let mut qw = p.problems.clone();
                    let coded = view.codings_of(&q.unit).iter().any(|c| {
                        codes.iter().any(|k| c.code == *k)
                            && match (c.span, q.span) {
                                (Some((a, b)), Some([s, e])) => a < e && s < b,
                                _ => true,
                            }
                    });
                    if !coded && !codes.is_empty() {
                        // A unit not yet decided (or reviewed) is pending, not a lost coding.
                        qw.push(if view.is_reviewed(&q.unit) {
                            format!("no longer coded with the theme's codes in the {whose}")
                        } else if whose == "consensus" {
                            "not decided yet in the consensus".to_string()
                        } else {
                            format!("not reviewed yet by {whose}")
                        });
                    }
                    for w in &qw {
                        theme_warnings.push(format!("quote from {}: {w}", q.unit));
                    }
                    quotes.push(QuoteReport {
                        unit: q.unit.clone(),
                        span: q.span,
                        text: q.text.clone(),
                        printed: p.text,
                        case: p.case,
                        source_kind: p.kind.map(|k| k.as_str().to_string()),
                        warnings: qw,
                    });
                }
                for w in &theme_warnings {
                    let place = match &s.title {
                        Some(title) => format!("{title} / {} / {}", c.title, t.name),
                        None => format!("{} / {}", c.title, t.name),
                    };
                    warnings.push(format!("{place}: {w}"));
                }
                themes.push(ThemeReport {
                    name: t.name.clone(),
                    description: t.description.clone(),
                    codes: t.codes.clone(),
                    counts,
                    quotes,
                    warnings: theme_warnings,
                });
            }
            categories.push(CategoryReport {
                title: c.title.clone(),
                themes,
            });
        }
        let _ = si;
        sections.push(SectionReport {
            title: s.title.clone(),
            filter: s.filter.clone(),
            cases: total,
            categories,
        });
    }
    Ok(MapReport {
        title: map.title.clone(),
        footnote: map.footnote.clone(),
        coding: whose.to_string(),
        sections,
        warnings,
    })
}
