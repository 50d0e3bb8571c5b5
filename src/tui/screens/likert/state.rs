//! The Likert view's state: how the items are grouped and filtered, the counts, the scroll.

use crate::describe::ItemGroup;

#[derive(Debug, Clone, Default)]
pub struct LikertState {
    /// The attribute (key) the groups come from; `None`: everyone together.
    pub by: Option<String>,
    /// The Sources screen's attribute filter when the view was opened: only those respondents.
    pub only: Option<(String, String)>,
    /// Bottom two and top two levels counted as one each.
    pub collapse: bool,
    pub rows: Vec<ItemGroup>,
    /// Why there is nothing to show (no items on a scale, a scale that leaves answers out).
    pub problem: Option<String>,
    /// First line shown.
    pub scroll: usize,
}
