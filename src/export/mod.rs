//! Exports: the publication [`Table`] every table export builds, rendered as Markdown, CSV,
//! HTML, LaTeX or Word; and the exports built on it (themes, segments, codebook, agreement, crosstabs).
//!
//! A caller builds a [`Table`] (title, columns, section/category/body rows, footnotes) and hands
//! it to [`render`] with a [`Format`]; each format also has its own module (`html::fragment`,
//! `latex::document`, …) for finer use.

pub mod agreement;
pub mod codebook;
pub mod crosstabs;
pub mod csv;
pub mod docx;
pub mod html;
pub mod latex;
pub mod markdown;
pub mod segments;
pub mod table;

#[cfg(test)]
mod tests;

pub use table::{Align, Cell, Column, Paragraph, Row, Run, Table};

use crate::Result;

/// A file format a table can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
    Html,
    Latex,
    Docx,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Csv,
        Format::Html,
        Format::Latex,
        Format::Docx,
    ];

    /// `md`, `csv`, `html`, `tex`, `docx` (also `markdown`, `htm`, `latex`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "html" | "htm" => Some(Format::Html),
            "tex" | "latex" => Some(Format::Latex),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The format a file name's extension asks for.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_name)
    }

    /// The name used on the command line and as the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Latex => "tex",
            Format::Docx => "docx",
        }
    }

    /// Whether the output is text that can go to a terminal (a .docx is a zip).
    pub fn is_text(self) -> bool {
        self != Format::Docx
    }
}

/// The table's bytes in `format`.
pub fn render(table: &Table, format: Format) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Markdown => markdown::render(table).into_bytes(),
        Format::Csv => csv::render(table)?,
        Format::Html => html::render(table).into_bytes(),
        Format::Latex => latex::render(table).into_bytes(),
        Format::Docx => docx::render(table)?,
    })
}
