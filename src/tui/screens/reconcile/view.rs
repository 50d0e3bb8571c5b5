//! Drawing the Reconcile screen: who is compared and how far reconciliation has come, the unit's
//! text twice (side by side from 100 columns, stacked below) with each coder's codings in the
//! code colours and the text they code differently underlined, what differs, the memos, the
//! decision so far, and a code's definition on `d`.

use super::{Loaded, ReconcileState};
use crate::agreement::UnitComparison;
use crate::reconcile::{CodedSpan, coverage};
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::colour::colour;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

fn name(st: &State, id: &str) -> String {
    st.project
        .codebook
        .get(id)
        .map_or(id.to_string(), |c| c.name.clone())
}

fn names(st: &State, ids: &[String]) -> String {
    if ids.is_empty() {
        return "(no code)".into();
    }
    ids.iter()
        .map(|i| name(st, i))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn render(st: &State, f: &mut Frame, area: Rect, _hits: &mut Hits) {
    let rc = &st.reconcile;
    let loaded = match &rc.loaded {
        Some(Ok(l)) => l,
        Some(Err(e)) => {
            let msg = format!("Nothing to reconcile: {e}");
            f.render_widget(
                Paragraph::new(msg)
                    .wrap(Wrap { trim: true })
                    .block(panel(&st.theme, false).title(" Reconcile ")),
                area,
            );
            return;
        }
        None => {
            f.render_widget(
                Paragraph::new("Reading both coders' logs and the consensus…")
                    .block(panel(&st.theme, false).title(" Reconcile ")),
                area,
            );
            return;
        }
    };
    let queue = rc.queue();
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    header(st, rc, loaded, &queue, f, head);
    let Some(d) = queue.get(rc.pos(&queue)) else {
        f.render_widget(
            Paragraph::new("No disagreement in this queue (Esc: all codes).")
                .block(panel(&st.theme, false)),
            body,
        );
        return;
    };
    // On a short terminal the definition takes the place of what differs.
    let short = body.height < 30;
    let def_h = if rc.definition { 7 } else { 0 };
    let inner_w = body.width.saturating_sub(2).max(1) as usize;
    let info_h: u16 = info_lines(st, loaded, d)
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1) as u16)
        .sum::<u16>()
        + 2;
    let info_h = if rc.definition && short {
        0
    } else {
        info_h.min(body.height / 2)
    };
    let [texts, info, def] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(info_h),
        Constraint::Length(def_h),
    ])
    .areas(body);
    let [ca, cb] = &loaded.pair.coders;
    let panes: [Rect; 2] = if area.width >= 100 {
        Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(texts)
    } else {
        Layout::vertical([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(texts)
    };
    for (i, (coder, mine, theirs, codes)) in [
        (ca, &d.a_spans, &d.b_spans, &d.a),
        (cb, &d.b_spans, &d.a_spans, &d.b),
    ]
    .into_iter()
    .enumerate()
    {
        let label = if i == 0 { "A" } else { "B" };
        let title = format!(" {label} {coder}: {} ", names(st, codes));
        let w = panes[i].width.saturating_sub(2) as usize;
        let p = Paragraph::new(Line::from(text_spans(st, &d.text, mine, theirs)))
            .wrap(Wrap { trim: false })
            .block(panel(&st.theme, i == 0).title(fit(&title, w)));
        f.render_widget(p, panes[i]);
    }
    if info_h > 0 {
        f.render_widget(
            Paragraph::new(info_lines(st, loaded, d))
                .wrap(Wrap { trim: true })
                .block(panel(&st.theme, false).title(" What differs ")),
            info,
        );
    }
    if rc.definition {
        definition(st, d, f, def);
    }
}

fn header(
    st: &State,
    rc: &ReconcileState,
    l: &Loaded,
    queue: &[&UnitComparison],
    f: &mut Frame,
    area: Rect,
) {
    let [a, b] = &l.pair.coders;
    let open = queue.iter().filter(|d| rc.is_open(&d.unit)).count();
    let pr = rc.progress().unwrap_or_default();
    let dim = Style::new().fg(st.theme.dim);
    let line1 = Line::from(vec![
        Span::styled(format!("{a} (A) vs {b} (B)"), Style::new().bold()),
        Span::styled("  · not blind: both coders' codings are shown", dim),
    ]);
    let filter = rc
        .code
        .as_deref()
        .map_or("all codes".to_string(), |c| name(st, c));
    let line2 = Line::from(vec![
        Span::styled(
            format!("{} of {} resolved", pr.resolved, pr.disagreements),
            Style::new().fg(st.theme.accent).bold(),
        ),
        Span::raw(format!(
            " · queue: {} ({}), by {}, {open} open · {} of {}",
            filter,
            queue.len(),
            rc.order.label(),
            rc.pos(queue) + usize::from(!queue.is_empty()),
            queue.len()
        )),
    ]);
    let w = area.width as usize;
    let fitted = |l: Line<'static>| {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        if text.chars().count() <= w {
            l
        } else {
            Line::from(fit(&text, w))
        }
    };
    f.render_widget(Paragraph::new(vec![fitted(line1), fitted(line2)]), area);
}

/// The unit's text with this coder's codings in their code's colour, and the text where the
/// two coders' codings differ underlined.
fn text_spans(
    st: &State,
    text: &str,
    mine: &[CodedSpan],
    theirs: &[CodedSpan],
) -> Vec<Span<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let (cm, ct) = (coverage(mine, len), coverage(theirs, len));
    let at = |cov: &[(String, Vec<(usize, usize)>)], i: usize| -> Vec<String> {
        cov.iter()
            .filter(|(_, iv)| iv.iter().any(|&(s, e)| s <= i && i < e))
            .map(|(c, _)| c.clone())
            .collect()
    };
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style = Style::new();
    for (i, ch) in chars.iter().enumerate() {
        let (here, there) = (at(&cm, i), at(&ct, i));
        let mut style = match here.first().and_then(|c| st.project.codebook.get(c)) {
            Some(code) => Style::new().fg(Color::Black).bg(colour(code)),
            None => Style::new(),
        };
        if here != there {
            style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        }
        if style != run_style && !run.is_empty() {
            out.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push(*ch);
    }
    if !run.is_empty() {
        out.push(Span::styled(run, run_style));
    }
    out
}

fn info_lines(st: &State, l: &Loaded, d: &UnitComparison) -> Vec<Line<'static>> {
    let [a, b] = &l.pair.coders;
    let dim = Style::new().fg(st.theme.dim);
    let mut out = vec![Line::from(vec![
        Span::styled(d.unit.clone(), Style::new().bold()),
        Span::styled(
            d.case
                .as_deref()
                .map_or(String::new(), |c| format!(" · case {c}")),
            dim,
        ),
    ])];
    if let Some(n) = &st.reconcile.note {
        out.push(Line::from(Span::styled(
            format!("Note for the next decision: {n}"),
            Style::new().fg(st.theme.accent),
        )));
    }
    if !d.only_a.is_empty() {
        out.push(Line::raw(format!("only {a}: {}", names(st, &d.only_a))));
    }
    if !d.only_b.is_empty() {
        out.push(Line::raw(format!("only {b}: {}", names(st, &d.only_b))));
    }
    let spans = |v: &[[usize; 2]]| {
        v.iter()
            .map(|[s, e]| format!("{s}..{e}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for s in &d.span_differences {
        out.push(Line::raw(format!(
            "{} on different text: {a} {}, {b} {}, both {}",
            name(st, &s.code),
            spans(&s.a),
            spans(&s.b),
            if s.overlap.is_empty() {
                "nothing".into()
            } else {
                spans(&s.overlap)
            }
        )));
    }
    for m in &d.memos {
        out.push(Line::from(Span::styled(
            format!("memo ({}): {}", m.coder, m.text),
            dim,
        )));
    }
    match l.consensus.get(&d.unit) {
        Some(dec) => out.push(Line::from(vec![
            Span::styled("Decided: ", Style::new().fg(st.theme.reviewed).bold()),
            Span::raw(format!(
                "{} → {} ({}){}",
                dec.choice.describe(a, b),
                names(st, &dec.codes()),
                dec.by,
                dec.note
                    .as_deref()
                    .map_or(String::new(), |n| format!(" — {n}"))
            )),
        ])),
        None => out.push(Line::from(Span::styled(
            "Open: a/b take a coder's codings, u union, i intersection, n none, e custom",
            Style::new().fg(st.theme.accent),
        ))),
    }
    out
}

fn definition(st: &State, d: &UnitComparison, f: &mut Frame, area: Rect) {
    let Some(code) = d
        .differing()
        .first()
        .and_then(|c| st.project.codebook.get(c))
    else {
        return;
    };
    let dim = Style::new().fg(st.theme.dim);
    let field = |label: &str, v: &str| {
        Line::from(vec![
            Span::styled(format!("{label}: "), dim),
            Span::raw(v.to_string()),
        ])
    };
    let lines = vec![
        field("Description", &code.description),
        field("Include", &code.inclusion),
        field("Exclude", &code.exclusion),
    ];
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(panel(&st.theme, false).title(format!(" {} ", code.name))),
        area,
    );
}
