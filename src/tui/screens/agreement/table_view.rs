//! The per-code table of the Agreement screen: counts, measures, a bar against Krippendorff's
//! thresholds, flags, and the exclusive groups under it.

use super::{Computed, Sort, cursor, measure_label, rows};
use crate::agreement::{ALPHA_GOOD, ALPHA_TENTATIVE, CodeAgreement, Flag, Granularity, Measure};
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::bar::bar;
use crate::tui::widgets::fit::{fit, window};
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::labels::{ci, count, flag_style, flag_text, value};
/// The measure columns of the table at this width.
fn columns(level: Granularity, wide: bool, bar_measure: Measure) -> Vec<Measure> {
    if !wide {
        return vec![bar_measure];
    }
    let mut v = vec![
        Measure::PercentAgreement,
        Measure::CohenKappa,
        Measure::KrippendorffAlpha,
        Measure::GwetAc1,
        Measure::Pabak,
    ];
    if level == Granularity::Span {
        v.push(Measure::UnitizedAlpha);
    }
    v
}

pub fn table(st: &State, c: &Computed, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let ag = &st.agreement;
    let level = c.request.level;
    let bm = ag.bar_measure();
    let sorted = match ag.sort {
        Sort::Codebook => "codebook order".to_string(),
        Sort::By(m) => format!(
            "sorted by {}, {} first",
            measure_label(m),
            if ag.descending { "highest" } else { "lowest" }
        ),
    };
    let unit = if level == Granularity::Span {
        " · counts are characters · flags on unitized α (uα)"
    } else {
        ""
    };
    let ticks_note = if matches!(bm, Measure::KrippendorffAlpha | Measure::UnitizedAlpha) {
        " (┊ .667 .800)"
    } else {
        ""
    };
    let title = format!(
        " {} codes · {sorted} · bar: {}{ticks_note}{unit} ",
        c.report.codes.len(),
        measure_label(bm)
    );
    let block =
        panel(&st.theme, true).title(fit(&title, usize::from(area.width.saturating_sub(2))));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let w = usize::from(inner.width);
    let wide = w >= 100;
    let cols = columns(level, wide, bm);
    let cw = c
        .report
        .codes
        .iter()
        .flat_map(|r| [r.both, r.a_only, r.b_only, r.neither])
        .map(|n| count(n).chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(8);
    let mw = if wide { 7 } else { 8 };
    let fw = 6;
    let bw = if wide { 14 } else { 10 };
    let nw = w.saturating_sub(1 + 4 * cw + cols.len() * mw + 2 + bw + 1 + fw);
    let arrow = if ag.descending { "▼" } else { "▲" };
    let dim = Style::new().fg(Color::Gray);
    let mut head = vec![
        Span::styled(format!(" {:<nw$}", "Code"), dim),
        Span::styled(
            format!(
                "{:>cw$}{:>cw$}{:>cw$}{:>cw$}",
                "Both", "A only", "B only", "Neither"
            ),
            dim,
        ),
    ];
    for m in &cols {
        let mut label = match m {
            Measure::UnitizedAlpha => "uα".to_string(),
            m => measure_label(*m).to_string(),
        };
        if ag.sort == Sort::By(*m) {
            label = format!("{arrow}{label}");
        }
        let style = if *m == bm { dim.bold() } else { dim };
        head.push(Span::styled(format!("{label:>mw$}"), style));
    }
    head.push(Span::styled(format!("  {:<bw$} Flag", ""), dim));
    let [head_area, list_area, detail_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    f.render_widget(Line::from(head), head_area);
    let rows = rows(ag);
    let cur = cursor(ag);
    let h = usize::from(list_area.height);
    let first = window(cur, rows.len(), h);
    hits.left_list = Some((list_area, first));
    let alpha_bar = matches!(bm, Measure::KrippendorffAlpha | Measure::UnitizedAlpha);
    let ticks: &[f64] = if alpha_bar {
        &[ALPHA_TENTATIVE, ALPHA_GOOD]
    } else {
        &[]
    };
    for (i, r) in rows.iter().enumerate().skip(first).take(h) {
        let selected = i == cur;
        let line = row(st, r, &cols, bm, ticks, (nw, cw, mw, bw), selected);
        f.render_widget(
            line,
            Rect {
                y: list_area.y + (i - first) as u16,
                height: 1,
                ..list_area
            },
        );
    }
    let shown = rows.len().saturating_sub(first).min(h);
    if level == Granularity::Unit && shown + 2 < h && !c.report.exclusive_groups.is_empty() {
        groups(st, c, f, list_area, shown + 1);
    }
    if let Some(r) = rows.get(cur) {
        let n = c.disagreements.count_for_code(&r.code);
        let alpha = r.flagged_alpha();
        let which = if r.unitized_alpha.is_some() {
            "unitized α"
        } else {
            "α"
        };
        let cis = if r.unitized_alpha.is_some() {
            String::new()
        } else {
            ci(r.krippendorff_alpha_ci)
        };
        let differ = if n == 0 {
            "no unit where they differ".to_string()
        } else {
            format!("{} differ: Enter lists them", super::units(n))
        };
        let text = format!(
            "{}: {which} {}{cis} · {differ}",
            r.name,
            value(alpha, Measure::KrippendorffAlpha)
        );
        f.render_widget(
            Line::from(Span::styled(
                fit(&text, w),
                Style::new().fg(st.theme.accent),
            )),
            detail_area,
        );
    }
}

fn row(
    st: &State,
    r: &CodeAgreement,
    cols: &[Measure],
    bm: Measure,
    ticks: &[f64],
    (nw, cw, mw, bw): (usize, usize, usize, usize),
    selected: bool,
) -> Line<'static> {
    let base = if selected {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    let fs = flag_style(st, r.flag);
    let mut spans = vec![
        Span::styled(format!(" {:<nw$}", fit(&r.name, nw)), base),
        Span::styled(
            format!(
                "{:>cw$}{:>cw$}{:>cw$}{:>cw$}",
                count(r.both),
                count(r.a_only),
                count(r.b_only),
                count(r.neither)
            ),
            base,
        ),
    ];
    for m in cols {
        let v = r.measure(*m);
        let style = if v.is_none() {
            base.fg(st.theme.dim)
        } else if *m == bm {
            base.bold()
        } else {
            base
        };
        spans.push(Span::styled(format!("{:>mw$}", value(v, *m)), style));
    }
    spans.push(Span::raw("  "));
    let bar_style = if matches!(bm, Measure::KrippendorffAlpha | Measure::UnitizedAlpha) {
        flag_style(st, Flag::of(r.measure(bm)))
    } else {
        Style::new().fg(st.theme.accent)
    };
    match r.measure(bm) {
        Some(v) => spans.extend(bar(v, bw, ticks, bar_style, Style::new().fg(st.theme.dim))),
        None => spans.push(Span::styled(
            format!("{:<bw$}", "undefined"),
            Style::new().fg(st.theme.dim),
        )),
    }
    spans.push(Span::styled(format!(" {:<5}", flag_text(r.flag)), fs));
    Line::from(spans)
}

/// Exclusive groups under the table, as one line each.
fn groups(st: &State, c: &Computed, f: &mut Frame, area: Rect, skip: usize) {
    let w = usize::from(area.width);
    let mut y = area.y + skip as u16;
    let dim = Style::new().fg(st.theme.dim);
    let mut lines = vec![Line::from(Span::styled(
        fit(
            " Exclusive groups, each compared as one variable (its codes or none):",
            w,
        ),
        dim,
    ))];
    for g in &c.report.exclusive_groups {
        let text = format!(
            "  {}: α {}{} · κ {} · % {} on {} units",
            g.name,
            value(g.krippendorff_alpha, Measure::KrippendorffAlpha),
            ci(g.krippendorff_alpha_ci),
            value(g.cohen_kappa, Measure::CohenKappa),
            value(g.percent_agreement, Measure::PercentAgreement),
            g.units
        );
        lines.push(Line::from(vec![
            Span::raw(fit(&text, w.saturating_sub(7))),
            Span::styled(format!(" {}", flag_text(g.flag)), flag_style(st, g.flag)),
        ]));
    }
    for line in lines {
        if y >= area.bottom() {
            break;
        }
        f.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..area
            },
        );
        y += 1;
    }
}
