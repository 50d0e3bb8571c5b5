//! One diverging bar in terminal cells: `half` cells are 100% on each side of the centre; the
//! neutral level straddles the centre, disagreement grows left, agreement right. Cells are
//! handed out by rounding the running total, so the pieces always add up to the whole.

use crate::describe::ItemGroup;
use crate::describe::chart::colour;
use ratatui::style::Color;

/// (level, first cell, width in cells), left to right, counting from the bar's left end
/// (`2 * half` cells wide). Levels too small for a cell get none.
pub fn cells(r: &ItemGroup, half: usize) -> Vec<(usize, usize, usize)> {
    let n = r.n().max(1) as f64;
    let k = r.levels.len();
    let share = |i: usize| r.counts[i] as f64 / n * half as f64;
    let (low_end, high_start, mid) = match r.neutral {
        Some(m) => (m, m + 1, share(m) / 2.0),
        None => (k / 2, k / 2, 0.0),
    };
    let at = |x: f64| x.round().clamp(0.0, half as f64) as usize;
    let mut out = Vec::new();
    // Left side, from the centre outwards.
    let mut acc = mid;
    let mut edge = at(acc);
    for i in (0..low_end).rev() {
        acc += share(i);
        let next = at(acc);
        out.push((i, half - next, next - edge));
        edge = next;
    }
    if let Some(m) = r.neutral {
        let w = at(mid);
        out.push((m, half - w, 2 * w));
    }
    let mut acc = mid;
    let mut edge = at(acc);
    for i in high_start..k {
        acc += share(i);
        let next = at(acc);
        out.push((i, half + edge, next - edge));
        edge = next;
    }
    out.retain(|(_, _, w)| *w > 0);
    out.sort_by_key(|(_, x, _)| *x);
    out
}

/// The chart's colour for level `i` of `n`, as a terminal colour.
pub fn fill(i: usize, n: usize) -> Color {
    let hex = colour(i, n).trim_start_matches('#');
    let byte = |j: usize| u8::from_str_radix(hex.get(j..j + 2).unwrap_or("80"), 16).unwrap_or(128);
    Color::Rgb(byte(0), byte(2), byte(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(counts: &[usize]) -> ItemGroup {
        let n = counts.len();
        ItemGroup {
            item: "i".into(),
            label: "I".into(),
            group: "All".into(),
            levels: (0..n).map(|i| format!("L{i}")).collect(),
            counts: counts.to_vec(),
            top: 2,
            neutral: (n % 2 == 1).then_some(n / 2),
        }
    }

    #[test]
    fn pieces_cover_the_bar_without_gaps_or_overlaps() {
        let c = cells(&item(&[3, 10, 5, 10, 2]), 20);
        let mut x = c[0].1;
        for (_, start, w) in &c {
            assert_eq!(*start, x, "{c:?}");
            x += w;
        }
        // Everyone answered: 100% of one side's length in all.
        assert_eq!(c.iter().map(|p| p.2).sum::<usize>(), 20);
        // Neutral (5 of 30 → 3.33 cells) straddles the centre.
        let (_, s, w) = c.iter().find(|p| p.0 == 2).copied().unwrap();
        assert_eq!(s + w / 2, 20);
    }

    #[test]
    fn an_even_scale_splits_at_the_centre() {
        let c = cells(&item(&[1, 1, 1, 1]), 10);
        assert_eq!(c, vec![(0, 5, 2), (1, 7, 3), (2, 10, 3), (3, 13, 2)]);
    }

    #[test]
    fn colours_come_from_the_chart() {
        assert_eq!(fill(2, 5), Color::Rgb(0xcc, 0xcc, 0xcc));
        assert_eq!(fill(4, 5), Color::Rgb(0x5e, 0x3c, 0x99));
    }
}
