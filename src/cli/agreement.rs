//! agreement, disagreements: inter-rater agreement on a project or on a ratings file.

use super::args::{AgreementArgs, DisagreementsArgs};
use super::output::json;
use crate::agreement::ratings_csv::{ReadOptions, parse_level};
use crate::agreement::{
    AgreementOptions, AlphaInterval, Bootstrap, CalcOptions, CodeScope, Disagreements, Filters,
    Granularity, Level, UnitDisagreement, Weights, project_agreement, ratings_agreement_with,
    render,
};
use crate::error::{Error, Result};
use crate::project::{Project, atomic};
use std::path::Path;

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Error::user(e.to_string()))
}

fn refuse(flag: &str, given: bool, why: &str) -> Result<()> {
    if given {
        return Err(Error::user(format!("{flag} {why}")));
    }
    Ok(())
}

pub fn agreement(dir: &Path, a: AgreementArgs) -> Result<()> {
    let format = if a.json {
        "json"
    } else {
        a.format.as_deref().unwrap_or("md")
    };
    let bootstrap = Bootstrap {
        samples: a.bootstrap,
        seed: a.seed,
    };
    let interval = AlphaInterval::parse(&a.stats.interval).unwrap_or_default();
    let text = if let Some(file) = &a.ratings {
        let project_only = "applies to a project, not to --ratings";
        refuse("--coders", !a.compare.coders.is_empty(), project_only)?;
        refuse("--kind", !a.compare.kinds.is_empty(), project_only)?;
        refuse("--where", !a.compare.wheres.is_empty(), project_only)?;
        refuse("--parents", a.parents, project_only)?;
        let level = match a.level.as_deref() {
            None => Level::Nominal,
            Some(l) => parse_level(l).ok_or_else(|| {
                Error::user(format!(
                    "--level {l} applies to a project; with --ratings use nominal, ordinal, interval or ratio"
                ))
            })?,
        };
        let opts = ReadOptions {
            level: Some(level),
            header: match (a.header, a.no_header) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            categories: a.categories,
        };
        let calc = CalcOptions {
            interval,
            weights: a
                .stats
                .weights
                .as_deref()
                .and_then(Weights::parse)
                .unwrap_or_default(),
            population: a.stats.population,
        };
        let r = ratings_agreement_with(file, &opts, bootstrap, calc)?;
        match format {
            "json" => to_json(&r)?,
            "csv" => r.csv(),
            _ => r.markdown(),
        }
    } else {
        let ratings_only = "applies to --ratings FILE only";
        refuse("--header", a.header, ratings_only)?;
        refuse("--no-header", a.no_header, ratings_only)?;
        refuse("--categories", !a.categories.is_empty(), ratings_only)?;
        refuse("--weights", a.stats.weights.is_some(), ratings_only)?;
        let level = match a.level.as_deref() {
            None | Some("unit") => Granularity::Unit,
            Some("span") => Granularity::Span,
            Some(l) => {
                return Err(Error::user(format!(
                    "--level {l} applies to --ratings FILE; a project is compared at --level unit or span"
                )));
            }
        };
        let p = super::kept_until_exit(Project::open_index_reading_logs(dir)?);
        let opts = AgreementOptions {
            coders: a.compare.coders,
            level,
            filters: Filters::parse(&a.compare.kinds, &a.compare.wheres)?
                .with_moderators(a.compare.moderators),
            scope: if a.parents {
                CodeScope::LeavesAndParents
            } else {
                CodeScope::Leaves
            },
            bootstrap,
            interval,
            population: a.stats.population,
        };
        let r = project_agreement(p, &opts)?;
        match format {
            "json" => to_json(&r)?,
            "csv" => render::csv(&r),
            _ => render::markdown(&r),
        }
    };
    match &a.output {
        Some(path) => {
            atomic::write_atomic(path, text.as_bytes())?;
            note!("Wrote the agreement report to {}", path.display());
        }
        None => out!("{text}"),
    }
    Ok(())
}

pub fn disagreements(p: &Project, a: DisagreementsArgs) -> Result<()> {
    let filters =
        Filters::parse(&a.compare.kinds, &a.compare.wheres)?.with_moderators(a.compare.moderators);
    let code = a
        .code
        .as_deref()
        .map(|c| p.codebook.resolve(c))
        .transpose()?;
    let d = Disagreements::compute(p, &a.compare.coders, &filters)?;
    let rows: Vec<&UnitDisagreement> = match code {
        Some(c) => d.for_code(&c.id),
        None => d.units.iter().collect(),
    };
    if a.json {
        return json(&rows);
    }
    let name = |id: &str| {
        p.codebook
            .get(id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "(no code)".to_string()
        } else {
            ids.iter().map(|i| name(i)).collect::<Vec<_>>().join(", ")
        }
    };
    outln!(
        "{}: {} of {} units compared differ{}",
        d.coders.join(" vs "),
        rows.len(),
        d.compared,
        code.map_or(String::new(), |c| format!(" on '{}'", c.name))
    );
    let width = d
        .coders
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    for u in rows {
        outln!(
            "\n{}{}",
            u.unit,
            u.case
                .as_deref()
                .map_or(String::new(), |c| format!("  (case {c})"))
        );
        for coder in &d.coders {
            let codes = u.by_coder.get(coder).map_or(&[][..], Vec::as_slice);
            outln!("  {coder:<width$}  {}", names(codes));
        }
    }
    Ok(())
}
