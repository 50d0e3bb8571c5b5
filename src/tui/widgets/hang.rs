//! Two-column lines (a key and what it does) wrapped with a hanging indent: the description
//! goes on under itself, not under the key.

use ratatui::text::{Line, Span};

/// Key-and-description lines too wide for `width`: the description goes on under itself on
/// the next lines, not under the key.
pub fn hang(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for line in lines {
        let [key, desc] = line.spans.as_slice() else {
            out.push(line);
            continue;
        };
        let indent = key.width();
        let room = width.saturating_sub(indent);
        if line.width() <= width || room < 12 {
            out.push(line);
            continue;
        }
        let mut rows: Vec<String> = vec![String::new()];
        for word in desc.content.split_whitespace() {
            let cur = rows.last().map_or(0, |r| Span::raw(r.as_str()).width());
            let w = Span::raw(word).width();
            if cur > 0 && cur + 1 + w > room {
                rows.push(String::new());
            }
            if let Some(r) = rows.last_mut() {
                if !r.is_empty() {
                    r.push(' ');
                }
                r.push_str(word);
            }
        }
        for (i, r) in rows.into_iter().enumerate() {
            let first = if i == 0 {
                key.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            out.push(Line::from(vec![first, Span::styled(r, desc.style)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_goes_on_under_itself() {
        let line = Line::from(vec![
            Span::raw("  S    "),
            Span::raw("Search screen: find units by words and filters"),
        ]);
        let out: Vec<String> = hang(vec![line], 30)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            out,
            [
                "  S    Search screen: find",
                "       units by words and",
                "       filters"
            ]
        );
    }
}
