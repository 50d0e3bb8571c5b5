//! What the Codebook screen keeps: the highlighted row.

#[derive(Debug, Clone, Default)]
pub struct CodebookState {
    pub cursor: usize,
}
