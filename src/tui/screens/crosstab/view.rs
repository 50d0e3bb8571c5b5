//! Drawing the Crosstab screen: the variables on the left (R and C mark the chosen ones), the
//! table on the right with row percentages, totals, the test and what was left out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::state::Kind;
use crate::crosstab::{Crosstab, percent_cell};
use crate::stats::format_p;
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, window};
use crate::tui::widgets::panel::panel;

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let left_w = (area.width / 3).clamp(24, 40);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(0)]).areas(area);
    variables(st, f, left, hits);
    table(st, f, right);
}

/// The list, under Attributes / Codes / Themes headings; a row's number is its list index.
fn variables(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let ct = &st.crosstab;
    let block = panel(&st.theme, true).title(" Variables ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let first = window(ct.cursor, ct.variables.len(), h);
    hits.left_list = Some((inner, first));
    let mut lines = Vec::new();
    for (i, v) in ct.variables.iter().enumerate().skip(first).take(h) {
        let mark = match (
            ct.row.as_ref() == Some(&v.spec),
            ct.col.as_ref() == Some(&v.spec),
        ) {
            (true, true) => "RC",
            (true, false) => "R ",
            (false, true) => " C",
            _ => "  ",
        };
        let kind = match v.kind {
            Kind::Attribute => "a",
            Kind::Code => "c",
            Kind::Theme => "t",
        };
        let name = v.spec.split_once(':').map_or(v.spec.as_str(), |(_, n)| n);
        // An attribute under the survey's own header ("Year of training"), as everywhere shown.
        let name = match v.kind {
            Kind::Attribute => st.project.attribute_label(name),
            _ => name,
        };
        let text = fit(&format!("{mark} {kind} {name}"), w);
        let style = if i == ct.cursor {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(format!("{text:<w$}"), style)));
    }
    if ct.variables.is_empty() {
        lines.push(Line::from("No attributes, codes or themes yet."));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn table(st: &State, f: &mut Frame, area: Rect) {
    let ct = &st.crosstab;
    let block = panel(&st.theme, false).title(" Crosstab ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    // `attr:KEY` shows the header it came from, the spec after it ("Year of training
    // (attr:year_of_training)"), so what is typed on the command line stays visible.
    let named = |v: &Option<String>| match v {
        None => "(choose)".to_string(),
        Some(spec) => match spec.strip_prefix("attr:") {
            Some(key) if st.project.attribute_label(key) != key => {
                format!("{} ({spec})", st.project.attribute_label(key))
            }
            _ => spec.clone(),
        },
    };
    lines.push(Line::from(vec![
        Span::styled("Rows ", Style::new().bold()),
        Span::raw(fit(&named(&ct.row), w.saturating_sub(5))),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Cols ", Style::new().bold()),
        Span::raw(fit(&named(&ct.col), w.saturating_sub(5))),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Test ", Style::new().bold()),
        Span::raw(fit(ct.test.name(), w.saturating_sub(5))),
    ]));
    if !ct.collapse.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Collapsed ", Style::new().bold()),
            Span::raw(fit(&ct.collapse.join("; "), w.saturating_sub(10))),
        ]));
    }
    lines.push(Line::default());
    if ct.computing.is_some() {
        lines.push(Line::from("Computing…"));
    } else {
        match &ct.result {
            None => {
                lines.push(Line::from("r: the highlighted variable as the rows"));
                lines.push(Line::from("c: as the columns (Enter: rows, then columns)"));
                lines.push(Line::from("s: swap them · o: consensus or your own coding"));
                lines.push(Line::from("v: collapse values into labels"));
                lines.push(Line::from("t: exact test, χ² or χ² with Yates"));
            }
            Some(Err(e)) => {
                for l in crate::tui::screens::themes::view::wrap_words(e, w) {
                    lines.push(Line::styled(l, Style::new().fg(st.theme.error)));
                }
            }
            Some(Ok(t)) => lines.extend(counts(&st.project, t, w, ct.scroll)),
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The table's lines: a row per level with "% (n/N)" of the row, totals, the test, exclusions.
/// A table wider than the pane keeps its row labels and shows the columns from `scroll` on,
/// with ◀ and ▶ where columns are out of sight.
fn counts(
    project: &crate::project::Project,
    t: &Crosstab,
    w: usize,
    scroll: usize,
) -> Vec<Line<'static>> {
    let mut cells: Vec<Vec<String>> = Vec::new();
    let mut head = vec![String::new()];
    head.extend(t.cols.iter().cloned());
    head.push("Total".into());
    cells.push(head);
    for (i, r) in t.rows.iter().enumerate() {
        let total = t.row_total(i);
        let mut row = vec![r.clone()];
        row.extend(t.counts[i].iter().map(|n| percent_cell(*n, total)));
        row.push(total.to_string());
        cells.push(row);
    }
    let mut total = vec!["Total".to_string()];
    total.extend((0..t.cols.len()).map(|j| percent_cell(t.col_total(j), t.n())));
    total.push(t.n().to_string());
    cells.push(total);
    let ncols = t.cols.len() + 2;
    let widths: Vec<usize> = (0..ncols)
        .map(|j| cells.iter().map(|r| r[j].width()).max().unwrap_or(0))
        .collect();
    let shown = visible_columns(&widths, w, scroll);
    let mut out = Vec::new();
    let last = cells.len() - 1;
    for (i, row) in cells.iter().enumerate() {
        let label = shown.label;
        let mut s = format!("{:<label$}", fit(&row[0], label));
        s.push_str(if shown.left { " ◀" } else { "" });
        for j in shown.from..shown.to {
            s.push_str(&format!("  {:>width$}", row[j], width = widths[j]));
        }
        s.push_str(if shown.right { " ▶" } else { "" });
        let style = if i == 0 || i == last {
            Style::new().bold()
        } else {
            Style::new()
        };
        out.push(Line::styled(fit(&s, w), style));
    }
    if shown.left || shown.right {
        let total = ncols - 1;
        let note = format!(
            "{}Columns {}–{} of {total}{} (h/l scrolls)",
            if shown.left { "◀ " } else { "" },
            shown.from,
            shown.to - 1,
            if shown.right { " ▶" } else { "" },
        );
        out.push(Line::styled(fit(&note, w), Style::new().italic()));
    }
    out.push(Line::default());
    let p = t.p_value.map_or_else(|| "—".to_string(), format_p);
    let p = match p.strip_prefix('<') {
        Some(rest) => format!("P < {rest}"),
        None => format!("P = {p}"),
    };
    let stat = match (t.statistic, t.df) {
        (Some(x), Some(df)) => format!("χ²({df}) = {x:.2}, "),
        _ => String::new(),
    };
    let significant = t.p_value.is_some_and(crate::stats::significant);
    let test = format!("{}: {stat}{p}", t.test_name());
    for l in crate::tui::screens::themes::view::wrap_words(&test, w) {
        let style = if significant {
            Style::new().bold()
        } else {
            Style::new()
        };
        out.push(Line::styled(l, style));
    }
    let left_out = format!(
        "{} cases counted; {} excluded for a missing value ({}: {}, {}: {}). Codes from {}.",
        t.n(),
        t.excluded,
        crate::crosstab::shown_name(project, &t.row_variable),
        t.missing.row,
        crate::crosstab::shown_name(project, &t.col_variable),
        t.missing.col,
        t.coding
    );
    out.extend(
        crate::tui::screens::themes::view::wrap_words(&left_out, w)
            .into_iter()
            .map(Line::from),
    );
    if let Some(n) = &t.note {
        out.extend(
            crate::tui::screens::themes::view::wrap_words(&format!("Note: {n}."), w)
                .into_iter()
                .map(Line::from),
        );
    }
    out
}

/// Which columns of counts fit: the row labels' width, the first and one past the last column
/// shown (1-based among the cells, the labels being column 0), and whether columns are hidden
/// on either side.
struct Shown {
    label: usize,
    from: usize,
    to: usize,
    left: bool,
    right: bool,
}

fn visible_columns(widths: &[usize], w: usize, scroll: usize) -> Shown {
    let ncols = widths.len();
    let all: usize = widths.iter().skip(1).map(|x| x + 2).sum();
    if scroll == 0 && widths[0] + all <= w {
        return Shown {
            label: widths[0],
            from: 1,
            to: ncols,
            left: false,
            right: false,
        };
    }
    // Too wide: the labels give way down to a third of the pane, the counts scroll.
    let label = widths[0].min((w / 3).max(8));
    let from = (1 + scroll).min(ncols - 1);
    let left = from > 1;
    let mut room = w.saturating_sub(label + if left { 2 } else { 0 } + 2);
    let mut to = from;
    while to < ncols && widths[to] + 2 <= room {
        room -= widths[to] + 2;
        to += 1;
    }
    // At least one column, cut if it must be.
    let to = to.max(from + 1);
    Shown {
        label,
        from,
        to,
        left,
        right: to < ncols,
    }
}
