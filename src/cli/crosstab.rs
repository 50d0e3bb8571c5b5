//! crosstab, attributes alias, export crosstabs.

use super::args::{CrosstabArgs, ExportCrosstabsArgs};
use super::deliver::{check_format, deliver, format_of, table_bytes};
use super::output::json;
use crate::crosstab::table2::{Spec, build};
use crate::crosstab::{
    CollapseRule, Crosstab, Resolver, TestChoice, VariableSpec, crosstab, percent_cell,
};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::Perspective;
use crate::stats::format_p;
use std::fmt::Write as _;

pub fn alias(
    p: &mut Project,
    long: Option<String>,
    short: Option<String>,
    remove: Option<String>,
) -> Result<()> {
    if let Some(short) = remove {
        let target = p.remove_alias(&short)?;
        outln!("Removed alias '{short}' (it stood for {target})");
        return Ok(());
    }
    match (long, short) {
        (Some(long), Some(short)) => {
            let (target, alias) = p.set_alias(&long, &short)?;
            outln!("'{alias}' now stands for the attribute {target}");
        }
        (Some(_), None) => {
            return Err(Error::user(
                "give the short name too: thematic attributes alias LONG SHORT",
            ));
        }
        _ => {
            if p.overlay.aliases.is_empty() {
                outln!("No aliases yet: thematic attributes alias LONG SHORT");
            }
            for (alias, target) in &p.overlay.aliases {
                outln!("{alias} = {target}");
            }
        }
    }
    Ok(())
}

pub fn run(p: &Project, a: CrosstabArgs) -> Result<()> {
    let rules = a
        .collapse
        .iter()
        .map(|r| CollapseRule::parse(r))
        .collect::<Result<Vec<_>>>()?;
    let test = match a.test.as_str() {
        "chi2" => TestChoice::Chi2 { yates: a.yates },
        _ if a.yates => return Err(Error::user("--yates goes with --test chi2")),
        _ => TestChoice::Fisher,
    };
    let mut resolver = Resolver::new(p, Perspective::from_option(a.coder.as_deref()))
        .with_moderators(a.moderators);
    let t = crosstab(
        &mut resolver,
        &VariableSpec::parse(&a.row)?,
        &VariableSpec::parse(&a.col)?,
        &rules,
        test,
    )?;
    if a.json || a.format == "json" {
        return json(&t);
    }
    print!("{}", markdown(&t));
    Ok(())
}

/// The crosstab as a Markdown table with row percentages, totals, the test and what was left out.
fn markdown(t: &Crosstab) -> String {
    let mut s = String::new();
    let coded = [&t.row_variable, &t.col_variable]
        .iter()
        .any(|v| v.starts_with("code:") || v.starts_with("theme:"));
    let source = if coded {
        format!(" (codes from {})", t.coding)
    } else {
        String::new()
    };
    let _ = writeln!(s, "{} × {}{source}\n", t.row_variable, t.col_variable);
    let _ = write!(s, "| {} |", t.row_variable);
    for c in &t.cols {
        let _ = write!(s, " {c} |");
    }
    s.push_str(" Total |\n|---|");
    s.push_str(&"---:|".repeat(t.cols.len() + 1));
    s.push('\n');
    for (i, r) in t.rows.iter().enumerate() {
        let total = t.row_total(i);
        let _ = write!(s, "| {r} |");
        for n in &t.counts[i] {
            let _ = write!(s, " {} |", percent_cell(*n, total));
        }
        let _ = writeln!(s, " {total} |");
    }
    let _ = write!(s, "| Total |");
    for j in 0..t.cols.len() {
        let _ = write!(s, " {} |", percent_cell(t.col_total(j), t.n()));
    }
    let _ = writeln!(s, " {} |\n", t.n());
    let p = t.p_value.map_or_else(|| "—".to_string(), format_p);
    let p = match p.strip_prefix('<') {
        Some(rest) => format!("P < {rest}"),
        None => format!("P = {p}"),
    };
    match (t.statistic, t.df) {
        (Some(x), Some(df)) => {
            let _ = writeln!(s, "{}: χ²({df}) = {x:.2}, {p}", t.test_name());
        }
        _ => {
            let _ = writeln!(s, "{}: {p}", t.test_name());
        }
    }
    if let Some(note) = &t.note {
        let _ = writeln!(s, "Note: {note}.");
    }
    let _ = writeln!(
        s,
        "{} cases counted; {} excluded for a missing value ({}: {}, {}: {}).",
        t.n(),
        t.excluded,
        t.row_variable,
        t.missing.row,
        t.col_variable,
        t.missing.col
    );
    s
}

pub fn export(p: &Project, a: ExportCrosstabsArgs) -> Result<()> {
    let format = format_of(a.format.as_deref(), a.output.as_deref(), "md");
    check_format(
        &format,
        &["md", "csv", "html", "tex", "docx", "json"],
        "The crosstab table",
    )?;
    let spec = Spec::load(&a.spec)?;
    let table = build(p, &spec, &a.spec)?;
    let bytes = if format == "json" {
        let mut s = serde_json::to_string_pretty(&table).map_err(|e| Error::user(e.to_string()))?;
        s.push('\n');
        s.into_bytes()
    } else {
        table_bytes(
            &crate::export::crosstabs::table(&table),
            &format,
            a.standalone,
        )?
    };
    deliver(
        &bytes,
        a.output.as_deref(),
        format == "docx",
        "the crosstab table",
    )
}
