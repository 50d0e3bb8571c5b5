//! describe (Table 1), likert (the items on their scales), `attributes scale`, and the chart
//! written by `export likert`.

use super::args::{DescribeArgs, ExportLikertArgs, LikertArgs};

use super::deliver::{check_format, deliver, format_of, table_bytes};
use crate::describe::likert::{self, ItemGroup};
use crate::describe::{chart, scale, table1, variables};
use crate::error::{Error, Result};
use crate::project::Project;

pub fn set_scale(p: &mut Project, name: &str, levels: Option<&str>, clear: bool) -> Result<()> {
    let (key, _) = variables::find(p, name)?;
    let cases: Vec<_> = p.cases.iter().collect();
    if clear {
        let had = p.update_attributes(|o| Ok(o.scales.remove(&key).is_some()))?;
        outln!(
            "{}",
            if had {
                format!("'{key}' has no scale set by hand now")
            } else {
                format!("'{key}' had no scale set by hand")
            }
        );
        return Ok(());
    }
    let Some(text) = levels else {
        return match variables::scale_of(p, &cases, &key)? {
            Some(s) => {
                outln!("{key}: {} ({})", s.levels.join(", "), s.name);
                Ok(())
            }
            None => {
                outln!("{key}: no recognised scale");
                Ok(())
            }
        };
    };
    let levels = scale::parse_levels(text).map_err(Error::user)?;
    let strays = scale::Scale::set(&levels).strays(variables::distinct(&cases, &key));
    if !strays.is_empty() {
        return Err(Error::user(format!(
            "the scale does not cover these answers to '{key}': {}; add them, or correct the data",
            variables::quoted(&strays)
        )));
    }
    let shown = levels.join(", ");
    p.update_attributes(|o| {
        o.scales.insert(key.clone(), levels);
        Ok(())
    })?;
    outln!("{key}: {shown}");
    Ok(())
}

pub fn describe(p: &Project, a: DescribeArgs) -> Result<()> {
    let format = format_of(a.format.as_deref(), a.output.as_deref(), "md");
    check_format(
        &format,
        &["md", "csv", "html", "tex", "docx", "json"],
        "Table 1",
    )?;
    let d = table1::describe(
        p,
        &table1::Request {
            attributes: a.attributes,
            by: a.by,
            numeric: a.numeric,
        },
    )?;
    if d.rows.is_empty() {
        return Err(Error::user("there are no attributes to describe"));
    }
    let bytes = if format == "json" {
        let mut s =
            serde_json::to_string_pretty(&d.json()).map_err(|e| Error::user(e.to_string()))?;
        s.push('\n');
        s.into_bytes()
    } else {
        table_bytes(&d.table(), &format, false)?
    };
    deliver(&bytes, a.output.as_deref(), format == "docx", "Table 1")
}

fn rows(p: &Project, a: &LikertArgs) -> Result<Vec<ItemGroup>> {
    likert::likert(
        p,
        &likert::Request {
            items: a.items.clone(),
            by: a.by.clone(),
            collapse_top2: a.collapse.is_some(),
            only: None,
        },
    )
}

pub fn likert(p: &Project, a: LikertArgs) -> Result<()> {
    let rows = rows(p, &a)?;
    if a.json {
        return super::output::json(&likert::json(&rows));
    }
    let mut last = "";
    for r in &rows {
        if r.item != last {
            outln!("{}", r.label);
            last = &r.item;
        }
        let counts: Vec<String> = r
            .levels
            .iter()
            .zip(&r.counts)
            .map(|(l, c)| format!("{l} {c}"))
            .collect();
        outln!(
            "  {:<12} n={:<3} agree {:<13} {}",
            r.group,
            r.n(),
            r.agree_text(),
            counts.join(" · ")
        );
    }
    Ok(())
}

pub fn export_likert(p: &Project, a: ExportLikertArgs) -> Result<()> {
    let format = format_of(a.format.as_deref(), a.output.as_deref(), "svg");
    check_format(&format, &["svg", "html"], "The Likert chart")?;
    let rows = rows(p, &a.likert)?;
    let text = if format == "html" {
        chart::html(&a.title, &rows)
    } else {
        chart::svg(&a.title, &rows)
    };
    deliver(
        text.as_bytes(),
        a.output.as_deref(),
        false,
        "the Likert chart",
    )
}
