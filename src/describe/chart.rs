//! The Likert chart as SVG (and an HTML page holding it with its numbers): diverging stacked
//! bars, one row per item, one panel per group side by side; the neutral level centred on the
//! zero line, disagreement to the left, agreement to the right, on a colour-blind-safe
//! orange–purple palette (ColorBrewer PuOr) with a grey neutral.

use super::likert::ItemGroup;
use std::fmt::Write;

const LABEL_W: f64 = 250.0;
const HALF: f64 = 150.0; // 100% of the respondents, each side of the zero line
const AGREE_W: f64 = 96.0;
const PANEL_GAP: f64 = 16.0;
const ROW_H: f64 = 36.0;
const BAR_H: f64 = 20.0;
const LABEL_CHARS: usize = 38;

/// The fill of level `i` of `n` levels: PuOr, darkest at the ends; the middle of an odd scale grey.
pub fn colour(i: usize, n: usize) -> &'static str {
    const DISAGREE: [&[&str]; 3] = [
        &["#fdb863"],
        &["#e66101", "#fdb863"],
        &["#b35806", "#f1a340", "#fee0b6"],
    ];
    const AGREE: [&[&str]; 3] = [
        &["#b2abd2"],
        &["#b2abd2", "#5e3c99"],
        &["#d8daeb", "#998ec3", "#542788"],
    ];
    if n % 2 == 1 && i == n / 2 {
        return "#cccccc";
    }
    let side = (n / 2).clamp(1, 3);
    let outer = n / 2 - side; // levels beyond the palette share its darkest colour
    if i < n / 2 {
        DISAGREE[side - 1][i.saturating_sub(outer)]
    } else {
        let j = i - (n - n / 2);
        AGREE[side - 1][j.min(side - 1)]
    }
}

/// Whether a fill is dark enough to need white text.
fn dark(fill: &str) -> bool {
    matches!(
        fill,
        "#b35806" | "#e66101" | "#542788" | "#5e3c99" | "#998ec3"
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// At most two lines of at most `LABEL_CHARS`, cut with "…".
pub fn wrap(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in label.split_whitespace() {
        let last = lines.last_mut().map_or(0, |l| l.chars().count());
        if last > 0 && last + 1 + word.chars().count() > width {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    if lines.len() > 2 {
        lines.truncate(2);
        if let Some(l) = lines.last_mut() {
            let keep: String = l.chars().take(width.saturating_sub(1)).collect();
            *l = format!("{keep}…");
        }
    }
    for l in &mut lines {
        if l.chars().count() > width {
            *l = format!("{}…", l.chars().take(width - 1).collect::<String>());
        }
    }
    lines
}

/// Items and groups in first-seen order.
fn order(rows: &[ItemGroup]) -> (Vec<(&str, &str)>, Vec<&str>) {
    let mut items: Vec<(&str, &str)> = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    for r in rows {
        if !items.iter().any(|(k, _)| *k == r.item) {
            items.push((&r.item, &r.label));
        }
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    (items, groups)
}

/// The segments of one bar: (level index, x, width), centred on `cx`.
pub fn segments(r: &ItemGroup, cx: f64) -> Vec<(usize, f64, f64)> {
    let n = r.n().max(1) as f64;
    let w = |i: usize| r.counts[i] as f64 / n * HALF;
    let k = r.levels.len();
    let mut out = Vec::new();
    let (low_end, high_start, mid) = match r.neutral {
        Some(m) => (m, m + 1, w(m)),
        None => (k / 2, k / 2, 0.0),
    };
    if let Some(m) = r.neutral {
        out.push((m, cx - mid / 2.0, mid));
    }
    let mut x = cx - mid / 2.0;
    for i in (0..low_end).rev() {
        x -= w(i);
        out.push((i, x, w(i)));
    }
    let mut x = cx + mid / 2.0;
    for i in high_start..k {
        out.push((i, x, w(i)));
        x += w(i);
    }
    out
}

/// The chart as a standalone SVG document.
pub fn svg(title: &str, rows: &[ItemGroup]) -> String {
    let (items, groups) = order(rows);
    let panel_w = 2.0 * HALF + AGREE_W;
    let width = LABEL_W + groups.len() as f64 * (panel_w + PANEL_GAP) + 8.0;
    let mut scales: Vec<&Vec<String>> = Vec::new();
    for r in rows {
        if !scales.contains(&&r.levels) {
            scales.push(&r.levels);
        }
    }
    let legend_top = 40.0;
    let top = legend_top + scales.len() as f64 * 22.0 + 30.0;
    let height = top + items.len() as f64 * ROW_H + 40.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img">
<title>{t}</title>
<rect width="100%" height="100%" fill="white"/>
<text x="8" y="22" font-size="15" font-weight="bold">{t}</text>
"#,
        t = esc(title)
    );
    for (li, levels) in scales.iter().enumerate() {
        let y = legend_top + li as f64 * 22.0;
        let mut x = 8.0;
        for (i, l) in levels.iter().enumerate() {
            let _ = writeln!(
                s,
                r#"<rect class="legend" x="{x}" y="{y}" width="14" height="14" fill="{}"/><text x="{}" y="{}">{}</text>"#,
                colour(i, levels.len()),
                x + 18.0,
                y + 11.5,
                esc(l)
            );
            x += 18.0 + 7.0 * l.chars().count() as f64 + 16.0;
        }
    }
    for (gi, g) in groups.iter().enumerate() {
        let px = LABEL_W + gi as f64 * (panel_w + PANEL_GAP);
        let cx = px + HALF;
        let _ = writeln!(
            s,
            r##"<g class="panel" data-group="{g}"><text x="{cx}" y="{}" text-anchor="middle" font-weight="bold">{g}</text><text x="{}" y="{}" text-anchor="middle" fill="#555">Agree</text>"##,
            top - 10.0,
            px + 2.0 * HALF + AGREE_W / 2.0,
            top - 10.0,
            g = esc(g)
        );
        let bottom = top + items.len() as f64 * ROW_H;
        for (t, label) in [
            (-1.0, "100%"),
            (-0.5, "50%"),
            (0.0, "0"),
            (0.5, "50%"),
            (1.0, "100%"),
        ] {
            let x = cx + t * HALF;
            let _ = writeln!(
                s,
                r##"<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{}" stroke-width="{}"/><text x="{x}" y="{}" text-anchor="middle" fill="#555">{label}</text>"##,
                if t == 0.0 { "#333" } else { "#e5e5e5" },
                if t == 0.0 { 1.2 } else { 1.0 },
                bottom + 16.0
            );
        }
        for (ii, (item, _)) in items.iter().enumerate() {
            let y = top + ii as f64 * ROW_H + (ROW_H - BAR_H) / 2.0;
            let Some(r) = rows.iter().find(|r| r.item == *item && r.group == *g) else {
                let _ = writeln!(
                    s,
                    r##"<text class="none" x="{}" y="{}" text-anchor="middle" fill="#888">no answers</text>"##,
                    px + 2.0 * HALF + AGREE_W / 2.0,
                    y + 14.0
                );
                continue;
            };
            for (lv, x, w) in segments(r, cx) {
                let fill = colour(lv, r.levels.len());
                let _ = writeln!(
                    s,
                    r#"<rect class="bar" x="{x:.3}" y="{y}" width="{w:.3}" height="{BAR_H}" fill="{fill}" stroke="white" stroke-width="0.5" data-item="{}" data-group="{}" data-level="{}" data-count="{}" data-n="{}"><title>{}: {} of {} ({}%)</title></rect>"#,
                    esc(item),
                    esc(g),
                    esc(&r.levels[lv]),
                    r.counts[lv],
                    r.n(),
                    esc(&r.levels[lv]),
                    r.counts[lv],
                    r.n(),
                    (100.0 * r.counts[lv] as f64 / r.n().max(1) as f64).round()
                );
                // A share is printed inside its bar only where it fits.
                if w >= 26.0 {
                    let _ = writeln!(
                        s,
                        r#"<text x="{:.3}" y="{}" text-anchor="middle" font-size="10" fill="{}">{}%</text>"#,
                        x + w / 2.0,
                        y + 14.0,
                        if dark(fill) { "white" } else { "#222" },
                        (100.0 * r.counts[lv] as f64 / r.n().max(1) as f64).round()
                    );
                }
            }
            let _ = writeln!(
                s,
                r#"<text class="agree" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                px + 2.0 * HALF + AGREE_W / 2.0,
                y + 14.0,
                esc(&r.agree_text())
            );
        }
        s.push_str("</g>\n");
    }
    for (ii, (_, label)) in items.iter().enumerate() {
        let lines = wrap(label, LABEL_CHARS);
        let mid = top + ii as f64 * ROW_H + ROW_H / 2.0;
        let y0 = mid - (lines.len() as f64 - 1.0) * 7.0 + 4.0;
        let _ = write!(
            s,
            r#"<text class="item" x="8" y="{y0}"><title>{}</title>"#,
            esc(label)
        );
        for (li, l) in lines.iter().enumerate() {
            let _ = write!(
                s,
                r#"<tspan x="8" y="{}">{}</tspan>"#,
                y0 + li as f64 * 14.0,
                esc(l)
            );
        }
        s.push_str("</text>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// An HTML page: the chart, then its numbers as a table (for screen readers and checking).
pub fn html(title: &str, rows: &[ItemGroup]) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\n<style>body{{font-family:Helvetica,Arial,sans-serif;margin:2em}}table{{border-collapse:collapse;margin-top:1.5em}}td,th{{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}}td:first-child,th:first-child,td:nth-child(2),th:nth-child(2){{text-align:left}}td:last-child{{white-space:nowrap}}</style></head><body>\n{svg}<table>\n<tr><th>Item</th><th>Group</th><th>n</th>",
        t = esc(title),
        svg = svg(title, rows)
    );
    let levels = rows.first().map(|r| r.levels.clone()).unwrap_or_default();
    for l in &levels {
        let _ = write!(s, "<th>{}</th>", esc(l));
    }
    s.push_str("<th>Agree</th></tr>\n");
    for r in rows {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td>",
            esc(&r.label),
            esc(&r.group),
            r.n()
        );
        if r.levels == levels {
            for c in &r.counts {
                let _ = write!(s, "<td>{c}</td>");
            }
        } else {
            let cells: Vec<String> = r
                .levels
                .iter()
                .zip(&r.counts)
                .map(|(l, c)| format!("{}: {c}", esc(l)))
                .collect();
            let _ = write!(
                s,
                "<td colspan=\"{}\">{}</td>",
                levels.len(),
                cells.join("; ")
            );
        }
        let _ = writeln!(s, "<td>{}</td></tr>", esc(&r.agree_text()));
    }
    s.push_str("</table>\n</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_is_symmetric_and_neutral_grey() {
        let five: Vec<_> = (0..5).map(|i| colour(i, 5)).collect();
        assert_eq!(
            five,
            ["#e66101", "#fdb863", "#cccccc", "#b2abd2", "#5e3c99"]
        );
        let seven: Vec<_> = (0..7).map(|i| colour(i, 7)).collect();
        assert_eq!(seven[0], "#b35806");
        assert_eq!(seven[6], "#542788");
        assert_eq!(seven[3], "#cccccc");
        assert_eq!(
            (0..2).map(|i| colour(i, 2)).collect::<Vec<_>>(),
            ["#fdb863", "#b2abd2"]
        );
    }

    #[test]
    fn labels_wrap_to_two_lines() {
        let w = wrap(
            "The program increased my academic productivity a great deal indeed",
            20,
        );
        assert_eq!(w.len(), 2);
        assert!(w.iter().all(|l| l.chars().count() <= 20));
        assert!(w[1].ends_with('…'));
    }
}
