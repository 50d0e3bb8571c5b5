//! A table as CSV for R, SAS or a spreadsheet: one record per body row, led by `section` and
//! `category` columns when the table has spanning rows; a cell's paragraphs joined by a blank line.

use super::table::{Row, Table};
use crate::Result;

/// The CSV bytes (UTF-8, header row first; title and footnotes are not data and are left out).
pub fn render(t: &Table) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let spanning = t.has_spanning_rows();
    let mut header: Vec<&str> = Vec::new();
    if spanning {
        header.extend(["section", "category"]);
    }
    header.extend(t.columns.iter().map(|c| c.header.as_str()));
    w.write_record(&header).map_err(csv_error)?;
    let (mut section, mut category) = (String::new(), String::new());
    for row in &t.rows {
        match row {
            Row::Section(s) => {
                section = s.clone();
                category.clear();
            }
            Row::Category(c) => category = c.clone(),
            Row::Body(cells) => {
                let mut record: Vec<String> = Vec::new();
                if spanning {
                    record.push(section.clone());
                    record.push(category.clone());
                }
                record.extend(t.fitted(cells).iter().map(|c| c.texts().join("\n\n")));
                w.write_record(&record).map_err(csv_error)?;
            }
        }
    }
    w.into_inner()
        .map_err(|e| crate::Error::user(format!("writing CSV: {}", e.error())))
}

pub(crate) fn csv_error(e: csv::Error) -> crate::Error {
    crate::Error::user(format!("writing CSV: {e}"))
}
