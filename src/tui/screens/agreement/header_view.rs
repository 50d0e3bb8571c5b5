//! The top of the Agreement screen: the coders, what was counted and left out, and the overall
//! figures.

use crate::agreement::{AgreementReport, Measure};
use crate::tui::state::State;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::labels::{ci, coders_label, value};
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
    let mut parts = Vec::new();
    if ex.moderator_turns > 0 {
        // Moderators' questions are context, not answers: left out before anything else.
        parts.push(format!("{} moderator turns", ex.moderator_turns));
    }
    let filtered = ex.filtered_by_kind + ex.filtered_by_attribute;
    if filtered > 0 {
        parts.push(format!("{filtered} by the filters"));
    }
    if ex.not_reviewed_by_all > 0 {
        let none = ex.reviewed_by_none;
        let only = |other: &str| {
            ex.not_reviewed_by
                .get(other)
                .copied()
                .unwrap_or(0)
                .saturating_sub(none)
        };
        let (a, b) = (&r.coders[0], &r.coders[1]);
        parts.push(format!(
            "{} not reviewed by both ({a} only {}, {b} only {}, neither {none})",
            ex.not_reviewed_by_all,
            only(b),
            only(a)
        ));
    }
    if parts.is_empty() {
        s.push_str(" · excluded: none");
    } else {
        s.push_str(&format!(" · excluded {}", parts.join(", ")));
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

pub fn header(st: &State, f: &mut Frame, area: Rect) {
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
    let block = panel(&st.theme, false).title(Line::from(title));
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
