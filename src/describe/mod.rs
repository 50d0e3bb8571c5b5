//! Describing the respondents: Table 1 (characteristics by group, with quartiles by R's
//! type 7), Likert items counted on their response scales, and the diverging bar chart.

pub mod chart;
pub mod likert;
pub mod quantile;
pub mod scale;
pub mod table1;
pub mod variables;

pub use likert::{ItemGroup, likert};
pub use scale::Scale;
pub use table1::{Description, describe};
