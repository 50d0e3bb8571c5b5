//! The preview's body: a survey's columns (and first units), a transcript's or notes' first
//! units with moderators and what was not understood, an attributes CSV's case ids, or the
//! refusal with the line of the file it is about.

use super::state::{Problem, Target};
use crate::corpus::SourceKind;
use crate::corpus::import::ColumnRole;
use crate::project::{AttributesPlan, ImportPlan};
use crate::tui::screens::themes::view::wrap_words;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, window};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

fn wrapped(text: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    wrap_words(text, w)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// What the plan will add, the warnings, and what every case gets.
fn summary(st: &State, p: &ImportPlan, w: usize) -> Vec<Line<'static>> {
    let mut out = wrapped(
        &format!(
            "Will add {} from {} as source '{}' ({}).",
            count(p.report.units, "unit"),
            count(p.report.cases, "case"),
            p.source_id,
            p.report.format
        ),
        w,
        Style::new().bold(),
    );
    let o = &st.import.opts;
    let mut every: Vec<String> = o.role.iter().map(|r| format!("role={r}")).collect();
    every.extend(o.attrs.iter().map(|(k, v)| format!("{k}={v}")));
    if !every.is_empty() {
        out.extend(wrapped(
            &format!("Every case gets {}.", every.join(", ")),
            w,
            Style::new(),
        ));
    }
    for warning in &p.report.warnings {
        out.extend(wrapped(
            &format!("warning: {warning}"),
            w,
            Style::new().fg(st.theme.error),
        ));
    }
    out
}

/// "1 case", "8 cases".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn cursor_style(on: bool) -> Style {
    if on {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    }
}

pub fn survey(st: &State, p: &ImportPlan, w: usize, h: usize) -> Vec<Line<'static>> {
    let mut out = summary(st, p, w);
    out.extend(columns(st, w, h.saturating_sub(out.len())));
    // The first answers as units, where there is room under the columns.
    let room = h.saturating_sub(out.len() + 1);
    if room >= 4 {
        out.push(Line::default());
        out.extend(unit_rows(st, &p.parsed.units, w, room, None));
    }
    out
}

/// The survey's columns: role, name, how many answered, examples; Space changes the role.
fn columns(st: &State, w: usize, h: usize) -> Vec<Line<'static>> {
    let cols = st.import.survey_columns();
    let name_w = (w / 3).clamp(12, 44);
    let rows = h.saturating_sub(1);
    let first = window(st.import.row, cols.len(), rows);
    // More columns than rows: the header says which are shown (j/k scroll them).
    let heading = if cols.len() > rows {
        let last = (first + rows).min(cols.len());
        fit(
            &format!("Column {}–{last} of {}", first + 1, cols.len()),
            name_w,
        )
    } else {
        "Column".to_string()
    };
    let mut out = vec![Line::styled(
        fit(
            &format!(
                "  {:<9}  {:<name_w$}  {:>4}  Examples (Space changes the role)",
                "Role", heading, "n"
            ),
            w,
        ),
        Style::new().bold(),
    )];
    for (i, c) in cols.iter().enumerate().skip(first).take(rows) {
        let role_style = match c.role {
            ColumnRole::Text => Style::new().fg(st.theme.accent).bold(),
            ColumnRole::CaseId => Style::new().bold(),
            ColumnRole::Ignored => Style::new().fg(st.theme.dim),
            ColumnRole::Attribute => Style::new(),
        };
        let text = format!(
            "{:<name_w$}  {:>4}  {}",
            fit(&c.name, name_w),
            c.filled,
            c.samples.join(" · ")
        );
        let on = i == st.import.row;
        let line = Line::from(vec![
            Span::styled(
                format!("{}{:<9}  ", if on { "▶ " } else { "  " }, c.role.label()),
                role_style.patch(cursor_style(on)),
            ),
            Span::styled(fit(&text, w.saturating_sub(13)), cursor_style(on)),
        ]);
        out.push(line);
    }
    out
}

/// A transcript's or notes' first units: speaker (or case), the text; moderators, what was not
/// understood, the highlighted unit's prompt.
pub fn turns(st: &State, p: &ImportPlan, w: usize, h: usize) -> Vec<Line<'static>> {
    let mut out = summary(st, p, w);
    let transcript = matches!(p.kind, SourceKind::FocusGroup | SourceKind::Interview);
    let dim = Style::new().fg(st.theme.dim);
    if transcript {
        let mods = if p.report.moderators.is_empty() {
            "none (speakers named Moderator…, Interviewer…, Facilitator…; m names others)".into()
        } else {
            format!(
                "{} (their turns are the prompts)",
                p.report.moderators.join(", ")
            )
        };
        out.extend(wrapped(&format!("Moderators: {mods}"), w, Style::new()));
        let odd = p.unlabelled();
        if !odd.is_empty() {
            let lines: Vec<String> = odd.iter().take(8).map(|u| u.line.to_string()).collect();
            let more = if odd.len() > 8 { " …" } else { "" };
            out.extend(wrapped(
                &format!(
                    "Not understood: {} paragraph(s) with no 'Name:' speaker label, at line {}{more}",
                    odd.len(),
                    lines.join(", ")
                ),
                w,
                Style::new().fg(st.theme.error),
            ));
        }
    }
    let units = &p.parsed.units;
    let prompt = units
        .get(st.import.row)
        .and_then(|u| u.prompt.clone())
        .map(|q| format!("Prompt of the highlighted unit: {q}"));
    let rows = h
        .saturating_sub(out.len())
        .saturating_sub(usize::from(prompt.is_some()));
    out.extend(unit_rows(st, units, w, rows, Some(st.import.row)));
    if let Some(q) = prompt {
        out.push(Line::styled(fit(&q, w), dim));
    }
    out
}

/// A heading and a row per unit (line, speaker or case, text; `M` marks a moderator's turn), as
/// many as `rows` allows around `cursor`.
fn unit_rows(
    st: &State,
    units: &[crate::corpus::Unit],
    w: usize,
    rows: usize,
    cursor: Option<usize>,
) -> Vec<Line<'static>> {
    let dim = Style::new().fg(st.theme.dim);
    let who_w = 16;
    let rows = rows.saturating_sub(1);
    let first = window(cursor.unwrap_or(0), units.len(), rows);
    // More units than rows: the header says which are shown.
    let which = if units.len() > rows {
        format!(
            " — units {}–{} of {}",
            first + 1,
            (first + rows).min(units.len()),
            units.len()
        )
    } else {
        String::new()
    };
    let mut out = vec![Line::styled(
        fit(
            &format!(
                "   {:<5} {:<who_w$} Text{}{which}",
                "Line",
                "Speaker / case",
                if units.iter().any(|u| u.moderator) {
                    " (M: a moderator's turn)"
                } else {
                    ""
                }
            ),
            w,
        ),
        Style::new().bold(),
    )];
    for (i, u) in units.iter().enumerate().skip(first).take(rows) {
        let who = u
            .speaker
            .clone()
            .or_else(|| u.case.clone())
            .unwrap_or_else(|| "—".into());
        let on = cursor == Some(i);
        let style = if u.moderator {
            dim.patch(cursor_style(on))
        } else {
            cursor_style(on)
        };
        let text = format!(
            "{}{} {:<5} {:<who_w$} {}",
            if on { "▶" } else { " " },
            if u.moderator { "M" } else { " " },
            u.line,
            fit(&who, who_w),
            u.text.replace('\n', " ")
        );
        out.push(Line::styled(fit(&text, w), style));
    }
    out
}

pub fn attributes(st: &State, a: &AttributesPlan, w: usize, h: usize) -> Vec<Line<'static>> {
    let new_cases = st.import.new_cases;
    let mut out = wrapped(
        &format!(
            "{} case id(s) matched, {} not in the project{}; {} attribute(s): {}.",
            a.matched.len(),
            a.unknown.len(),
            match (a.unknown.is_empty(), new_cases) {
                (true, _) => String::new(),
                (false, true) => " (added as new cases: N turns this off)".into(),
                (false, false) => " (N adds them as new cases)".into(),
            },
            a.rows.labels.len(),
            a.rows
                .labels
                .values()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ),
        w,
        Style::new().bold(),
    );
    if let Some(e) = a.refusal(new_cases) {
        out.extend(wrapped(
            &e.to_string(),
            w,
            Style::new().fg(st.theme.error).bold(),
        ));
    }
    let rows = h.saturating_sub(out.len());
    let first = window(st.import.row, a.rows.cases.len(), rows);
    let id_w = a
        .rows
        .cases
        .keys()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 24);
    for (i, (case, attrs)) in a.rows.cases.iter().enumerate().skip(first).take(rows) {
        let status = if a.matched.contains(case) {
            "matched"
        } else if new_cases {
            "new"
        } else {
            "unknown"
        };
        let values: Vec<String> = attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let text = format!(
            "{:<id_w$} {:<8} {}",
            fit(case, id_w),
            status,
            values.join(" ")
        );
        let style = if status == "unknown" {
            Style::new().fg(st.theme.error)
        } else {
            Style::new()
        };
        out.push(Line::styled(
            fit(&text, w),
            style.patch(cursor_style(i == st.import.row)),
        ));
    }
    out
}

/// The import's refusal, as the CLI says it, and the line of the file it is about.
pub fn refused(st: &State, p: &Problem, w: usize, h: usize) -> Vec<Line<'static>> {
    let err = Style::new().fg(st.theme.error).bold();
    let mut out = wrapped("Refused; nothing would be written:", w, err);
    out.extend(wrapped(&p.message, w, Style::new().fg(st.theme.error)));
    if let Some((n, text)) = &p.at {
        out.push(Line::from(vec![
            Span::styled(format!("{n:>5} │ "), Style::new().fg(st.theme.dim)),
            Span::styled(fit(text, w.saturating_sub(8)), Style::new().bold()),
        ]));
    }
    if st.import.target == Some(Target::Source(SourceKind::Survey)) {
        out.push(Line::default());
        out.extend(columns(st, w, h.saturating_sub(out.len())));
    }
    out
}
