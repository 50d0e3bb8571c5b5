//! What the Codebook screen keeps: the highlighted row, how far its definition is scrolled.

#[derive(Debug, Clone, Default)]
pub struct CodebookState {
    pub cursor: usize,
    /// First line of the definition shown (a long one scrolls).
    pub scroll: usize,
}
