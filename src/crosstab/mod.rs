//! Crosstabs of case variables (attributes, codes, themes) with an exact or χ² test:
//! `thematic crosstab ROW COL` and the Table 2 export.

pub mod collapse;
pub mod table;
pub mod table2;
pub mod variables;

pub use collapse::CollapseRule;
pub use table::{Crosstab, TestChoice, crosstab, percent_cell};
pub use variables::{CaseVariable, Resolver, VariableSpec};
