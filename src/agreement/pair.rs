//! Agreement between coders and the units where they differ, from one collection of the coding
//! logs: a code's row of the report leads to exactly the units it was counted on.

use super::between_coders::AgreementOptions;
use super::collect::{CodedUnits, select_coders};
use super::disagreements::Disagreements;
use super::report::AgreementReport;
use crate::error::Result;
use crate::project::Project;

/// The report and the disagreements behind it.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub report: AgreementReport,
    pub disagreements: Disagreements,
}

/// Compare the coders `opts` names (empty: the first two) on the project's logs as they are now.
pub fn compare(p: &Project, opts: &AgreementOptions) -> Result<Comparison> {
    let coders = select_coders(p, &opts.coders)?;
    let data = CodedUnits::collect(p, &coders, &opts.filters, opts.scope)?;
    Ok(Comparison {
        report: super::between_coders::report_of(p, &data, opts),
        disagreements: Disagreements::from_units(p, &data),
    })
}
