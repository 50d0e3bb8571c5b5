//! Drawing the Agreement screen: the coders, what was counted and the overall figures on top,
//! then the per-code table (counts, measures, a bar, Krippendorff's flags) or, for a code, the
//! units where the coders differ.

use super::{Computed, Sort, cursor, measure_label, rows};
use crate::agreement::{
    ALPHA_GOOD, ALPHA_TENTATIVE, AgreementReport, CodeAgreement, Flag, Granularity, Measure,
};
use crate::tui::hits::Hits;
use crate::tui::state::State;
use crate::tui::widgets::bar::bar;
use crate::tui::widgets::fit::{fit, window};
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// A measure's value as shown: "—" when undefined (never 1 or NaN).
pub fn value(v: Option<f64>, m: Measure) -> String {
    match v {
        None => "—".into(),
        Some(x) if m == Measure::PercentAgreement => format!("{:.1}%", x * 100.0),
        Some(x) => format!("{x:.3}"),
    }
}

fn ci(ci: Option<[f64; 2]>) -> String {
    ci.map_or(String::new(), |[a, b]| format!(" [{a:.3}, {b:.3}]"))
}

fn count(n: Option<u64>) -> String {
    n.map_or("—".into(), |n| n.to_string())
}

pub fn flag_style(st: &State, f: Flag) -> Style {
    match f {
        Flag::Ok => Style::new().fg(st.theme.reviewed),
        Flag::Tentative => Style::new().fg(Color::Yellow),
        Flag::Unreliable => Style::new().fg(st.theme.error).bold(),
        Flag::Undefined => Style::new().fg(st.theme.dim),
    }
}

fn flag_text(f: Flag) -> &'static str {
    match f {
        Flag::Ok => "",
        Flag::Tentative => "<.800",
        Flag::Unreliable => "<.667",
        Flag::Undefined => "—",
    }
}

/// "alice (A, you) × bob (B)".
pub fn coders_label(st: &State, coders: &[String]) -> String {
    let you = st.coder.as_deref();
    let one = |i: usize, c: &String| {
        let letter = if i == 0 { "A" } else { "B" };
        if Some(c.as_str()) == you {
            format!("{c} ({letter}, you)")
        } else {
            format!("{c} ({letter})")
        }
    };
    let v: Vec<String> = coders.iter().enumerate().map(|(i, c)| one(i, c)).collect();
    v.join(" × ")
}

/// What was counted and left out, in one line.
fn counted_line(r: &AgreementReport) -> String {
    let ex = &r.excluded;
    let mut s = format!(
        "Counted {} of {} units (reviewed by both)",
        r.units, ex.project_units
    );
    if let Some(ch) = r.characters {
        s.push_str(&format!(" = {ch} characters"));
    }
    if ex.not_reviewed_by_all == 0 {
        s.push_str(" · excluded: none");
    } else {
        let none = ex.reviewed_by_none;
        let only = |other: &str| {
            ex.not_reviewed_by
                .get(other)
                .copied()
                .unwrap_or(0)
                .saturating_sub(none)
        };
        let (a, b) = (&r.coders[0], &r.coders[1]);
        s.push_str(&format!(
            " · excluded {} not reviewed by both ({a} only {}, {b} only {}, neither {none})",
            ex.not_reviewed_by_all,
            only(b),
            only(a)
        ));
    }
    if ex.unreviewed_with_codings > 0 {
        s.push_str(&format!(
            " · {} of them coded but not marked reviewed",
            ex.unreviewed_with_codings
        ));
    }
    s
}

fn overall_line(r: &AgreementReport) -> String {
    let o = &r.overall;
    format!(
        "Percent agreement {} · pooled κ {} · mean κ {} · MASI α {}{}",
        value(o.percent_agreement, Measure::PercentAgreement),
        value(o.cohen_kappa_pooled, Measure::CohenKappa),
        value(o.mean_cohen_kappa, Measure::CohenKappa),
        value(o.krippendorff_alpha_masi, Measure::KrippendorffAlpha),
        ci(o.krippendorff_alpha_masi_ci),
    )
}

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let [top, rest] = Layout::vertical([Constraint::Length(5), Constraint::Min(0)]).areas(area);
    header(st, f, top);
    let ag = &st.agreement;
    match (&ag.result, ag.list.as_ref()) {
        (Some(Ok(c)), Some(list)) => super::list_view::render(st, c, list, f, rest, hits),
        (Some(Ok(c)), None) => table(st, c, f, rest, hits),
        (Some(Err(e)), _) => {
            let block = panel(&st.theme, false).title(" No agreement to show ");
            let lines = vec![
                Line::from(Span::styled(e.clone(), Style::new().fg(st.theme.error))),
                Line::default(),
                Line::from(
                    "Agreement counts the units both coders marked reviewed (Space on the Coding \
                     screen). c chooses other coders, R computes again.",
                ),
            ];
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
                rest,
            );
        }
        (None, _) => {
            let block = panel(&st.theme, false);
            f.render_widget(
                Paragraph::new("Computing agreement from the coding logs…").block(block),
                rest,
            );
        }
    }
}

fn header(st: &State, f: &mut Frame, area: Rect) {
    let ag = &st.agreement;
    let computed = ag.computed();
    let coders = match computed {
        Some(c) => coders_label(st, &c.report.coders),
        None if ag.request.coders.is_empty() => "the first two coders".into(),
        None => coders_label(st, &ag.request.coders),
    };
    let mut title = vec![Span::styled(
        format!(" {coders} · {} level ", ag.request.level.as_str()),
        Style::new().bold(),
    )];
    if ag.computing.is_some() {
        title.push(Span::styled(
            "computing… ",
            Style::new().fg(Color::Yellow).bold(),
        ));
    } else if let Some(c) = computed
        && (c.revision != st.revision || c.request != ag.request)
    {
        title.push(Span::styled(
            "out of date: R computes again ",
            Style::new().fg(Color::Yellow),
        ));
    }
    let block = panel(&st.theme, true).title(Line::from(title));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let note = if w >= 100 {
        "Not blind: this screen shows other coders' codings. The Coding screen still shows only yours."
    } else {
        "Not blind: shows other coders' codings. Coding still shows only yours."
    };
    let mut lines = Vec::new();
    match computed {
        Some(c) => {
            lines.push(Line::from(fit(&counted_line(&c.report), w)));
            lines.push(Line::from(Span::styled(
                fit(&overall_line(&c.report), w),
                Style::new().bold(),
            )));
        }
        None => {
            lines.push(Line::default());
            lines.push(Line::default());
        }
    }
    lines.push(Line::from(Span::styled(
        fit(note, w),
        Style::new().fg(Color::Magenta),
    )));
    f.render_widget(Paragraph::new(lines), inner);
}

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

fn table(st: &State, c: &Computed, f: &mut Frame, area: Rect, hits: &mut Hits) {
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
        panel(&st.theme, false).title(fit(&title, usize::from(area.width.saturating_sub(2))));
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
