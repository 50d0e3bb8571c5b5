//! Crosstabs of case variables (attributes, codes, themes) with an exact or χ² test:
//! `thematic crosstab ROW COL` and the Table 2 export.

pub mod collapse;
pub mod table;
pub mod table2;
pub mod variables;

pub use collapse::CollapseRule;
pub use table::{Crosstab, TestChoice, crosstab, percent_cell};
pub use variables::{CaseVariable, Resolver, VariableSpec};

/// A variable as a reader knows it: an attribute under its survey header ("Year of training"),
/// `code:`/`theme:` variables as named.
pub fn shown_name<'a>(p: &'a crate::project::Project, name: &'a str) -> &'a str {
    if name.starts_with("code:") || name.starts_with("theme:") {
        name
    } else {
        p.attribute_label(name)
    }
}
