//! export themes|segments|codebook|agreement: publication tables and data files.

use super::args::{ExportAgreementArgs, ExportCodebookArgs, ExportSegmentsArgs, ExportThemesArgs};

use super::args::ExportCommand;
use super::deliver::{check_format, deliver, format_of, in_folder, table_bytes};
use crate::agreement::{AgreementOptions, Bootstrap, CodeScope, Filters, Granularity};
use crate::error::{Error, Result};
use crate::export::html;
use crate::project::Project;
use crate::reconcile::{Perspective, coded_view};
use crate::themes::ThemeMap;
use crate::themes::table::{quotes_csv, theme_table};

pub fn run(p: &Project, c: ExportCommand) -> Result<()> {
    match c {
        ExportCommand::Reconciliation {
            format,
            output,
            coders,
        } => super::reconcile::export(p, &format, output.as_deref(), &coders),
        ExportCommand::Crosstabs(a) => super::crosstab::export(p, a),
        ExportCommand::Qdpx { file } => super::interop::export_qdpx(p, &in_folder(&file)),
        ExportCommand::Themes(ExportThemesArgs {
            format,
            output,
            section,
            standalone,
        }) => {
            let format = format_of(format.as_deref(), output.as_deref(), "md");
            check_format(
                &format,
                &["md", "csv", "html", "tex", "docx"],
                "The theme table",
            )?;
            let map = ThemeMap::load(&p.root)?;
            if map.sections.is_empty() {
                return Err(Error::user(
                    "there is no theme map yet: load one with `thematic themes import FILE`",
                ));
            }
            let built = theme_table(p, &map, section.as_deref())?;
            for w in &built.warnings {
                eprintln!("warning: {w}");
            }
            let bytes = if format == "csv" {
                quotes_csv(p, &map, section.as_deref())?
            } else {
                table_bytes(&built.table, &format, standalone)?
            };
            deliver(
                &bytes,
                output.as_deref(),
                format == "docx",
                "the theme table",
            )
        }
        ExportCommand::Segments(ExportSegmentsArgs {
            format,
            output,
            coder,
        }) => {
            let format = format_of(format.as_deref(), output.as_deref(), "csv");
            check_format(&format, &["csv", "json"], "Segments")?;
            let names = if coder.is_empty() {
                vec!["consensus".to_string()]
            } else {
                coder
            };
            let mut views = Vec::new();
            for name in names {
                let who = if name == "consensus" {
                    Perspective::Consensus
                } else {
                    Perspective::Coder(name.clone())
                };
                let view = coded_view(p, &who)?;
                views.push((who.label().to_string(), view));
            }
            let rows = crate::export::segments::rows(p, &views);
            let bytes = if format == "json" {
                let mut s =
                    serde_json::to_string_pretty(&rows).map_err(|e| Error::user(e.to_string()))?;
                s.push('\n');
                s.into_bytes()
            } else {
                crate::export::segments::csv(&rows)?
            };
            deliver(&bytes, output.as_deref(), false, "the coded segments")
        }
        ExportCommand::Codebook(ExportCodebookArgs { format, output }) => {
            let format = format_of(format.as_deref(), output.as_deref(), "md");
            check_format(
                &format,
                &["md", "csv", "html", "tex", "docx"],
                "The codebook",
            )?;
            let t = crate::export::codebook::table(&p.codebook);
            let bytes = table_bytes(&t, &format, false)?;
            deliver(&bytes, output.as_deref(), format == "docx", "the codebook")
        }
        ExportCommand::Likert(a) => super::describe::export_likert(p, a),
        ExportCommand::Agreement(ExportAgreementArgs {
            compare,
            level,
            format,
            output,
            parents,
            bootstrap,
            seed,
            stats,
        }) => {
            if stats.weights.is_some() {
                return Err(Error::user(
                    "--weights applies to the ratings calculator (thematic agreement --ratings)",
                ));
            }
            let format = format_of(format.as_deref(), output.as_deref(), "md");
            check_format(
                &format,
                &["md", "csv", "json", "html"],
                "The agreement report",
            )?;
            let opts = AgreementOptions {
                coders: compare.coders,
                level: if level.as_deref() == Some("span") {
                    Granularity::Span
                } else {
                    Granularity::Unit
                },
                filters: Filters::parse(&compare.kinds, &compare.wheres)?,
                scope: if parents {
                    CodeScope::LeavesAndParents
                } else {
                    CodeScope::Leaves
                },
                bootstrap: Bootstrap {
                    samples: bootstrap,
                    seed,
                },
                interval: crate::agreement::AlphaInterval::parse(&stats.interval)
                    .unwrap_or_default(),
                population: stats.population,
            };
            let r = crate::agreement::project_agreement(p, &opts)?;
            let text = match format.as_str() {
                "json" => {
                    serde_json::to_string_pretty(&r).map_err(|e| Error::user(e.to_string()))? + "\n"
                }
                "csv" => crate::agreement::render::csv(&r),
                "html" => html::page(
                    &format!("Inter-rater agreement: {}", r.project),
                    &[
                        crate::export::agreement::overall(&r),
                        crate::export::agreement::per_code(&r),
                    ],
                ),
                _ => crate::agreement::render::markdown(&r),
            };
            deliver(
                text.as_bytes(),
                output.as_deref(),
                false,
                "the agreement report",
            )
        }
    }
}
