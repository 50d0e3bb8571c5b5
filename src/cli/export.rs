//! export themes|segments|codebook|agreement: publication tables and data files.

use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::{Comparison, ExportCommand};
use crate::agreement::{AgreementOptions, Bootstrap, CodeScope, Filters, Granularity};
use crate::error::{Error, IoContext, Result};
use crate::export::{Format, html, latex};
use crate::project::{Project, atomic};
use crate::reconcile::{Perspective, coded_view};
use crate::themes::ThemeMap;
use crate::themes::table::{quotes_csv, theme_table};

/// The theme table: section and category rows, Theme | Description | Representative quotes.
#[derive(Debug, Args)]
pub struct ExportThemesArgs {
    /// md, csv, html, tex or docx (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "html", "tex", "docx"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only this section.
    #[arg(long)]
    pub section: Option<String>,
    /// tex: a whole document that compiles on its own, not a fragment to \input.
    #[arg(long)]
    pub standalone: bool,
}

/// Every coded segment with its unit, case, attributes, code, span and text.
#[derive(Debug, Args)]
pub struct ExportSegmentsArgs {
    /// csv or json (default: from -o's extension, else csv).
    #[arg(long, value_parser = ["csv", "json"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Whose coding: coder names, or `consensus` (default); comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub coder: Vec<String>,
}

/// The codebook as a table: code, description, inclusion, exclusion, example.
#[derive(Debug, Args)]
pub struct ExportCodebookArgs {
    /// md, csv, docx, html or tex (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "html", "tex", "docx"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The inter-rater agreement report.
#[derive(Debug, Args)]
pub struct ExportAgreementArgs {
    #[command(flatten)]
    pub compare: Comparison,
    /// unit (default) or span.
    #[arg(long, value_parser = ["unit", "span"])]
    pub level: Option<String>,
    /// md, csv, json or html (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "json", "html"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also compare parent codes.
    #[arg(long)]
    pub parents: bool,
    /// Bootstrap samples for the alpha intervals (0: none).
    #[arg(long, default_value_t = 1000)]
    pub bootstrap: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub stats: super::agreement::StatsArgs,
}

/// The format asked for, else the output file's extension, else `default`.
pub(super) fn format_of(given: Option<&str>, output: Option<&Path>, default: &str) -> String {
    given
        .map(str::to_string)
        .or_else(|| {
            output
                .and_then(|o| o.extension())
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
        })
        .unwrap_or_else(|| default.to_string())
}

pub(super) fn check_format(format: &str, allowed: &[&str], what: &str) -> Result<()> {
    if allowed.contains(&format) {
        Ok(())
    } else {
        Err(Error::user(format!(
            "{what} can be written as {}, not '{format}'; give --format",
            allowed.join(", ")
        )))
    }
}

/// Writes to the file atomically, or to stdout (refusing a binary format on stdout).
pub(super) fn deliver(bytes: &[u8], output: Option<&Path>, binary: bool, what: &str) -> Result<()> {
    match output {
        Some(path) => {
            atomic::write_atomic(&in_folder(path), bytes)?;
            eprintln!("Wrote {what} to {}", path.display());
            Ok(())
        }
        None if binary => Err(Error::user(format!(
            "{what} as .docx needs a file: add -o FILE.docx"
        ))),
        None => std::io::stdout().write_all(bytes).at(Path::new("<stdout>")),
    }
}

/// A bare file name is taken as `./NAME`, so the atomic write has a folder to sync.
pub(super) fn in_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new(".").join(path),
        _ => path.to_path_buf(),
    }
}

pub(super) fn table_bytes(
    t: &crate::export::Table,
    format: &str,
    standalone: bool,
) -> Result<Vec<u8>> {
    let f = Format::from_name(format)
        .ok_or_else(|| Error::user(format!("unknown format '{format}'")))?;
    if f == Format::Latex && standalone {
        return Ok(latex::document(t).into_bytes());
    }
    crate::export::render(t, f)
}

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
