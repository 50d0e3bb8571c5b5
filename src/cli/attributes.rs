//! `thematic attributes`: merge a CSV of case attributes, give an attribute a short name
//! (`alias`), set the order of its answers (`scale`).

use super::args::{AttributesArgs, AttributesCommand};
use crate::error::{Error, Result};
use crate::project::Project;
use std::path::Path;

pub fn attributes(dir: &Path, a: AttributesArgs) -> Result<()> {
    let mut p = Project::open(dir)?;
    match (a.command, a.file) {
        (
            Some(AttributesCommand::Alias {
                long,
                short,
                remove,
            }),
            _,
        ) => super::crosstab::alias(&mut p, long, short, remove),
        (
            Some(AttributesCommand::Scale {
                attribute,
                levels,
                clear,
            }),
            _,
        ) => super::describe::set_scale(&mut p, &attribute, levels.as_deref(), clear),
        (None, Some(file)) => super::corpus::attributes(&mut p, &file, a.new_cases),
        (None, None) => Err(Error::user(
            "name a CSV of attributes, or use `thematic attributes alias` or `attributes scale`",
        )),
    }
}
