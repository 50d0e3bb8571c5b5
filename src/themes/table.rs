//! The theme map as the table a paper prints — section rows, category rows, then Theme |
//! Description of theme | Representative quotes (one paragraph per quote, in curly quotes) and a
//! footnote — and as the CSV a researcher analyses (one row per quote).

use std::collections::BTreeMap;

use crate::corpus::SourceKind;
use crate::error::{Error, Result};
use crate::export::{Align, Cell, Paragraph, Table};
use crate::project::Project;

use super::map::{Quote, ThemeMap};
use super::quote::{check_quote, curly, printed, source_text};

/// The table and what a reader should check before printing it.
#[derive(Debug, Clone)]
pub struct ThemeTable {
    pub table: Table,
    pub warnings: Vec<String>,
}

/// Which sections to print: all, or the one titled `section` (case-insensitive).
pub fn pick_sections(map: &ThemeMap, section: Option<&str>) -> Result<Vec<usize>> {
    let Some(want) = section else {
        return Ok((0..map.sections.len()).collect());
    };
    let hits: Vec<usize> = (0..map.sections.len())
        .filter(|&i| {
            map.sections[i]
                .title
                .as_deref()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(want.trim()))
        })
        .collect();
    if hits.is_empty() {
        let titles: Vec<String> = map
            .sections
            .iter()
            .filter_map(|s| s.title.clone())
            .collect();
        return Err(Error::user(if titles.is_empty() {
            format!("no section '{want}': the theme map has no titled sections")
        } else {
            format!("no section '{want}'; sections: {}", titles.join(", "))
        }));
    }
    Ok(hits)
}

/// A quote's printed words and where they came from (unit gone: the stored text, flagged).
pub struct PrintedQuote {
    pub text: String,
    pub case: Option<String>,
    pub source: Option<String>,
    pub kind: Option<SourceKind>,
    pub problems: Vec<String>,
}

pub fn printed_quote(project: &Project, q: &Quote) -> PrintedQuote {
    let unit = project.unit(&q.unit);
    let problems: Vec<String> = check_quote(q, unit).iter().map(|p| p.message()).collect();
    let span_fits = unit.is_some_and(|u| {
        q.span
            .is_none_or(|[s, e]| crate::corpus::text::check_span(&u.text, s, e).is_ok())
    });
    let original = match unit {
        Some(u) if span_fits => source_text(u, q.span_tuple()),
        _ => q.original.clone().unwrap_or_default(),
    };
    PrintedQuote {
        text: printed(q, &original),
        case: unit.and_then(|u| u.case.clone()),
        source: unit.map(|u| u.source.clone()),
        kind: unit.and_then(|u| project.source_kind(&u.source)),
        problems,
    }
}

/// "surveys, interviews, and focus group": each kind of source the quotes came from, plural
/// when quotes came from more than one source of that kind.
pub fn sources_phrase(
    sources: &BTreeMap<SourceKind, std::collections::BTreeSet<String>>,
) -> String {
    let names: Vec<String> = sources
        .iter()
        .map(|(kind, ids)| {
            let many = ids.len() > 1;
            match (kind, many) {
                (SourceKind::Survey, false) => "survey",
                (SourceKind::Survey, true) => "surveys",
                (SourceKind::Interview, false) => "interview",
                (SourceKind::Interview, true) => "interviews",
                (SourceKind::FocusGroup, false) => "focus group",
                (SourceKind::FocusGroup, true) => "focus groups",
                (SourceKind::Notes, _) => "field notes",
            }
            .to_string()
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The publication table of the map (or of one section).
pub fn theme_table(project: &Project, map: &ThemeMap, section: Option<&str>) -> Result<ThemeTable> {
    project.require_text()?;
    let mut table = Table::new(map.title.clone())
        .column("Theme", 2.0, Align::Left)
        .column("Description of theme", 3.0, Align::Left)
        .column("Representative quotes", 5.0, Align::Left);
    table.label = map.label.clone();
    let mut warnings = Vec::new();
    let mut sources: BTreeMap<SourceKind, std::collections::BTreeSet<String>> = BTreeMap::new();
    for si in pick_sections(map, section)? {
        let s = &map.sections[si];
        if let Some(title) = &s.title {
            table.section(title.clone());
        }
        for c in &s.categories {
            table.category(c.title.clone());
            for t in &c.themes {
                let mut quotes = Vec::new();
                for q in &t.quotes {
                    let p = printed_quote(project, q);
                    for problem in &p.problems {
                        warnings.push(format!(
                            "theme '{}' ({}), quote from {}: {problem}",
                            t.name,
                            map.section_label(si),
                            q.unit
                        ));
                    }
                    if let (Some(kind), Some(src)) = (p.kind, p.source) {
                        sources.entry(kind).or_default().insert(src);
                    }
                    quotes.push(curly(&p.text));
                }
                table.row(vec![
                    Cell::text(t.name.clone()),
                    Cell::text(t.description.clone()),
                    Cell::paragraphs(quotes),
                ]);
            }
        }
    }
    match &map.footnote {
        Some(f) if !f.trim().is_empty() => table.footnote(Paragraph::plain(f.clone())),
        Some(_) => {}
        None if !sources.is_empty() => table.footnote(Paragraph::plain(format!(
            "Quotes obtained from the {}.",
            sources_phrase(&sources)
        ))),
        None => {}
    }
    Ok(ThemeTable { table, warnings })
}

/// The map as CSV, one row per quote (a theme without quotes gets one row with empty quote
/// fields): section, category, theme, description, quote, unit, span, case, source kind.
pub fn quotes_csv(project: &Project, map: &ThemeMap, section: Option<&str>) -> Result<Vec<u8>> {
    project.require_text()?;
    let fail = |e: csv::Error| Error::user(format!("writing CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "section",
        "category",
        "theme",
        "description",
        "quote",
        "unit",
        "span",
        "case",
        "source_kind",
    ])
    .map_err(fail)?;
    for si in pick_sections(map, section)? {
        let s = &map.sections[si];
        let title = s.title.clone().unwrap_or_default();
        for c in &s.categories {
            for t in &c.themes {
                let base = [
                    title.clone(),
                    c.title.clone(),
                    t.name.clone(),
                    t.description.clone(),
                ];
                if t.quotes.is_empty() {
                    let mut rec = base.to_vec();
                    rec.extend(std::iter::repeat_n(String::new(), 5));
                    w.write_record(&rec).map_err(fail)?;
                }
                for q in &t.quotes {
                    let p = printed_quote(project, q);
                    let mut rec = base.to_vec();
                    rec.push(curly(&p.text));
                    rec.push(q.unit.clone());
                    rec.push(q.span.map_or(String::new(), |[a, b]| format!("{a}..{b}")));
                    rec.push(p.case.unwrap_or_default());
                    rec.push(p.kind.map_or(String::new(), |k| k.as_str().to_string()));
                    w.write_record(&rec).map_err(fail)?;
                }
            }
        }
    }
    w.into_inner()
        .map_err(|e| Error::user(format!("writing CSV: {}", e.error())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_footnote_names_the_kinds_of_source_like_the_paper() {
        let mut m = BTreeMap::new();
        m.insert(SourceKind::Survey, set(&["mentee-survey", "mentor-survey"]));
        m.insert(SourceKind::Interview, set(&["i7", "i12"]));
        m.insert(SourceKind::FocusGroup, set(&["fg"]));
        assert_eq!(sources_phrase(&m), "surveys, interviews, and focus group");
        m.remove(&SourceKind::Interview);
        assert_eq!(sources_phrase(&m), "surveys and focus group");
        m.remove(&SourceKind::Survey);
        assert_eq!(sources_phrase(&m), "focus group");
    }
}
