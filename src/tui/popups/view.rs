//! Drawing the popups. The help screen is generated from the keymap and the codebook.

use super::{MemoTarget, Popup};
use crate::tui::command_line;
use crate::tui::keymap::Context;
use crate::tui::screens::search::preview_view::preview;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, window};
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::popup::{centered, frame_box};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The text with the cursor shown, for wrapped multi-line boxes.
fn input_spans(input: &LineInput) -> Line<'static> {
    input.line(u16::MAX, Style::new(), true)
}

pub fn help_lines(st: &State) -> Vec<Line<'static>> {
    let km = &st.keymap;
    let head = |t: &str| {
        Line::from(Span::styled(
            t.to_string(),
            Style::new().fg(st.theme.accent).bold(),
        ))
    };
    let mut out = vec![
        Line::from(
            "Each action is written to your own coding log before the screen shows it: there is no 'save'.",
        ),
        Line::from("Coding is blind: you only see your own codings. Tab switches screens."),
        Line::default(),
    ];
    for ctx in [
        Context::Coding,
        Context::Select,
        Context::Pick,
        Context::Palette,
        Context::Global,
        Context::Sources,
        Context::Codebook,
        Context::Agreement,
        Context::Search,
        Context::SearchResults,
        Context::Preview,
        Context::Reconcile,
        Context::Themes,
        Context::Likert,
        Context::Crosstab,
    ] {
        out.push(head(ctx.title()));
        for (cmd, keys) in km.entries(ctx) {
            let k: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push(Line::from(vec![
                Span::styled(format!("  {:<16}", k.join(" ")), Style::new().bold()),
                Span::raw(cmd.describe().to_string()),
            ]));
        }
        if ctx == Context::Coding {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<16}", "code keys"), Style::new().bold()),
                Span::raw("apply the code to the whole unit, or take it off (listed under Codes)"),
            ]));
        }
        out.push(Line::default());
    }
    out.push(head("Codes (keys from the shared codebook)"));
    for c in st.project.codebook.active().filter(|c| c.key.is_some()) {
        out.push(Line::from(vec![
            Span::styled(
                format!("  {:<16}", c.key.as_deref().unwrap_or("")),
                Style::new().bold(),
            ),
            Span::raw(c.name.clone()),
        ]));
    }
    if !st.coding.warn_shadowed.is_empty() {
        out.push(Line::from(Span::styled(
            format!(
                "  Hidden by command keys (change them on the Codebook screen): {}",
                st.coding.warn_shadowed.join(", ")
            ),
            Style::new().fg(st.theme.error),
        )));
    }
    out.push(Line::default());
    out.push(head("Commands (type : first)"));
    for (c, d) in command_line::listing() {
        out.push(Line::from(vec![
            Span::styled(format!("  {c:<28}"), Style::new().bold()),
            Span::raw(d),
        ]));
    }
    out
}

pub fn render(st: &State, popup: &Popup, f: &mut Frame, body: Rect) {
    let accent = Style::new().fg(st.theme.accent);
    let dim = Style::new().fg(st.theme.dim);
    match popup {
        Popup::Help { scroll } => {
            let area = centered(body, body.width.saturating_sub(4), body.height);
            let inner = frame_box(f, area, "Keys — j/k scroll, Esc closes", accent);
            let lines = crate::tui::widgets::hang::hang(help_lines(st), usize::from(inner.width));
            // Long descriptions wrap under their own column (see `hang`); other lines wrap.
            let rows: usize = lines
                .iter()
                .map(|l| l.width().div_ceil(usize::from(inner.width.max(1))).max(1))
                .sum();
            let max = rows.saturating_sub(usize::from(inner.height));
            let top = (*scroll).min(max) as u16;
            f.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .scroll((top, 0)),
                inner,
            );
        }
        Popup::Messages { scroll } => super::messages::render(st, *scroll, f, body),
        Popup::Confirm { question, .. } => {
            let area = centered(body, 64, 9);
            let inner = frame_box(f, area, "Shared codebook", accent);
            let lines = vec![
                Line::from(question.clone()),
                Line::default(),
                Line::from(vec![
                    Span::styled("y", accent.bold()),
                    Span::raw(" yes    "),
                    Span::styled("n", accent.bold()),
                    Span::raw(" no"),
                ]),
            ];
            f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        }
        Popup::Command(input) => {
            let area = Rect {
                y: body.bottom().saturating_sub(3),
                height: 3.min(body.height),
                ..body
            };
            let inner = frame_box(
                f,
                area,
                "Command (Enter runs, Esc cancels, :help lists)",
                accent,
            );
            let mut spans = vec![Span::styled(":", accent.bold())];
            spans.extend(
                input
                    .line(inner.width.saturating_sub(1), Style::new(), true)
                    .spans,
            );
            f.render_widget(Line::from(spans), inner);
        }
        Popup::Ask(a) => {
            let area = centered(body, 72, 5);
            let inner = frame_box(f, area, &a.title, accent);
            let lines = vec![
                Line::from(Span::styled(a.prompt.clone(), dim)),
                a.input.line(inner.width, Style::new(), true),
            ];
            f.render_widget(Paragraph::new(lines), inner);
        }
        Popup::Goto(input) => {
            let area = centered(body, 56, 5);
            let inner = frame_box(f, area, "Go to unit", accent);
            let lines = vec![
                Line::from(Span::styled(
                    "Unit id (e.g. a unit's id from the list) or its number:",
                    dim,
                )),
                input.line(inner.width, Style::new(), true),
            ];
            f.render_widget(Paragraph::new(lines), inner);
        }
        Popup::CoderPrompt { input, known } => {
            let area = centered(body, 64, 12 + known.len().min(6) as u16);
            let inner = frame_box(f, area, "Welcome to thematic", accent);
            let mut lines = vec![
                Line::from(
                    "Who is coding? Each coder has their own log, and sees only their own codings.",
                ),
                Line::from(Span::styled(
                    "Your name (letters, digits, - _ .), then Enter:",
                    dim,
                )),
                Line::default(),
                Line::from(vec![Span::styled("> ", accent.bold())]),
            ];
            let mut field = input
                .line(inner.width.saturating_sub(2), Style::new().bold(), true)
                .spans;
            if let Some(last) = lines.last_mut() {
                last.spans.append(&mut field);
            }
            if !known.is_empty() {
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    "Coders of this project (↑/↓ to pick):",
                    dim,
                )));
                for k in known.iter().take(6) {
                    let style = if k == input.value() {
                        Style::new().add_modifier(Modifier::REVERSED)
                    } else {
                        Style::new()
                    };
                    lines.push(Line::from(Span::styled(format!("  {k}"), style)));
                }
            }
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "The name is remembered for next time. Ctrl-C quits.",
                dim,
            )));
            f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
        Popup::MemoChoice { options, pos, .. } => {
            let area = centered(body, 70, options.len().min(12) as u16 + 4);
            let inner = frame_box(f, area, "Memo on… (Enter chooses)", accent);
            let lines: Vec<Line> = options
                .iter()
                .enumerate()
                .map(|(i, (label, _))| {
                    let style = if i == *pos {
                        Style::new().add_modifier(Modifier::REVERSED)
                    } else {
                        Style::new()
                    };
                    Line::from(Span::styled(label.clone(), style))
                })
                .collect();
            f.render_widget(Paragraph::new(lines), inner);
        }
        Popup::Memo {
            unit,
            target,
            input,
        } => {
            let area = centered(body, 70, 10);
            let what = match target {
                MemoTarget::Unit => format!("Memo on {unit}"),
                MemoTarget::Coding { code, .. } => {
                    let name = st
                        .project
                        .codebook
                        .get(code)
                        .map_or(code.as_str(), |c| c.name.as_str());
                    format!("Memo on {name} in {unit}")
                }
            };
            let inner = frame_box(f, area, &what, accent);
            let [text, help] = ratatui::layout::Layout::vertical([
                ratatui::layout::Constraint::Min(1),
                ratatui::layout::Constraint::Length(1),
            ])
            .areas(inner);
            f.render_widget(
                Paragraph::new(input_spans(input)).wrap(Wrap { trim: false }),
                text,
            );
            f.render_widget(
                Line::from(Span::styled(
                    "Enter saves · Alt-Enter new line · empty clears · Esc cancels",
                    dim,
                )),
                help,
            );
        }
        Popup::Picker(p) => {
            let visible = p.visible();
            // As wide as the longest choice needs (within the screen); longer ones end in "…".
            let longest = visible.iter().map(|(l, _)| l.chars().count()).max();
            let w = (longest.unwrap_or(0) + 4).clamp(60, usize::from(body.width.saturating_sub(4)));
            let area = centered(body, w as u16, (visible.len().min(14) + 4) as u16);
            let inner = frame_box(f, area, &p.title, accent);
            let mut lines = vec![Line::from(
                [
                    vec![Span::styled("filter: ", dim)],
                    p.filter
                        .line(inner.width.saturating_sub(8), Style::new(), true)
                        .spans,
                ]
                .concat(),
            )];
            let h = usize::from(inner.height.saturating_sub(1));
            let first = window(p.pos, visible.len(), h);
            for (i, (label, _)) in visible.iter().enumerate().skip(first).take(h) {
                let style = if i == p.pos {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                lines.push(Line::from(Span::styled(
                    fit(label, usize::from(inner.width)),
                    style,
                )));
            }
            f.render_widget(Paragraph::new(lines), inner);
        }
        Popup::Form(form) => {
            let shown: Vec<usize> = if form.only_name {
                vec![0]
            } else {
                (0..form.fields.len()).collect()
            };
            let area = centered(
                body,
                body.width.saturating_sub(8).min(100),
                shown.len() as u16 + 4,
            );
            let title = match (&form.id, form.only_name) {
                (None, _) => "New code".to_string(),
                (Some(id), true) => format!("Rename {id}"),
                (Some(id), false) => format!("Edit {id}"),
            };
            let inner = frame_box(f, area, &title, accent);
            let label_w = 29u16;
            let mut lines = Vec::new();
            for i in shown {
                let (label, input) = &form.fields[i];
                let focused = i == form.focus || form.only_name;
                let value = if focused {
                    input.line(inner.width.saturating_sub(label_w), Style::new(), true)
                } else {
                    Line::from(fit(
                        &input.value().replace('\n', " ⏎ "),
                        usize::from(inner.width.saturating_sub(label_w)),
                    ))
                };
                let ls = if focused {
                    accent.bold()
                } else {
                    Style::new().fg(Color::Gray)
                };
                let mut spans = vec![Span::styled(format!("{label:>27}: "), ls)];
                spans.extend(value.spans);
                lines.push(Line::from(spans));
            }
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "↑/↓ or Tab: field · Enter: save for every coder · Esc: cancel",
                dim,
            )));
            f.render_widget(Paragraph::new(lines), inner);
        }
        Popup::CodeAll(p) => preview(st, p, f, body),
        Popup::KeyPrompt { code } => {
            let area = centered(body, 60, 5);
            let name = st
                .project
                .codebook
                .get(code)
                .map_or(code.as_str(), |c| c.name.as_str());
            let inner = frame_box(f, area, "Shortcut key", accent);
            let lines = vec![
                Line::from(format!("Press the new key for '{name}'.")),
                Line::from(Span::styled("Enter: no key · Esc: cancel", dim)),
            ];
            f.render_widget(Paragraph::new(lines), inner);
        }
    }
}
