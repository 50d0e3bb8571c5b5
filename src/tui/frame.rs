//! Drawing a frame from `&State`: tab bar, the screen, key hints, status line, popups. Rendering
//! never changes the state; it returns where things are for the mouse.

use super::action::Command;
use super::keymap::Context;
use super::mouse::Hits;
use super::popups;
use super::screens::coding::Mode;
use super::screens::search::Focus;
use super::screens::{
    agreement, codebook, coding, crosstab, import, likert, reconcile, search, sources, themes,
};
use super::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(st: &State, f: &mut Frame) -> Hits {
    let area = f.area();
    let mut hits = Hits::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "The terminal is {}×{}; thematic needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window (q quits).",
            area.width, area.height
        );
        f.render_widget(
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center),
            area,
        );
        return hits;
    }
    let [top, body, hint, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    tab_bar(st, f, top, &mut hits);
    match st.screen {
        Screen::Sources => sources::view::render(st, f, body, &mut hits),
        Screen::Coding => coding::view::render(st, f, body, &mut hits),
        Screen::Codebook => codebook::view::render(st, f, body, &mut hits),
        Screen::Agreement => agreement::view::render(st, f, body, &mut hits),
        Screen::Search => search::view::render(st, f, body, &mut hits),
        Screen::Reconcile => reconcile::view::render(st, f, body, &mut hits),
        Screen::Themes => themes::view::render(st, f, body, &mut hits),
        Screen::Likert => likert::view::render(st, f, body, &mut hits),
        Screen::Crosstab => crosstab::view::render(st, f, body, &mut hits),
        Screen::Import => import::view::render(st, f, body, &mut hits),
    }
    hint_line(st, f, hint);
    status_line(st, f, status);
    if let Some(p) = &st.popup {
        popups::view::render(st, p, f, body);
    }
    hits
}

fn tab_bar(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let coder = match &st.coder {
        Some(c) => format!(" · coder {c} "),
        None => " · no coder yet ".to_string(),
    };
    // Full titles when they fit beside the coder's name, else the short ones (every tab stays
    // visible and clickable); the brand goes last.
    let width = |label: fn(Screen) -> &'static str| -> usize {
        Screen::ALL
            .iter()
            .map(|s| label(*s).chars().count() + 3)
            .sum()
    };
    let room = usize::from(area.width).saturating_sub(coder.chars().count());
    let label: fn(Screen) -> &'static str = if 10 + width(Screen::title) <= room {
        Screen::title
    } else {
        Screen::short
    };
    let brand = 10 + width(label) <= room;
    let mut spans = Vec::new();
    let mut x = area.x;
    if brand {
        spans.push(Span::styled(
            " thematic ",
            Style::new().fg(Color::Black).bg(st.theme.accent).bold(),
        ));
        x += 10;
    }
    for s in Screen::ALL.iter() {
        let label = format!(" {} ", label(*s));
        let w = label.chars().count() as u16;
        // The Likert view is part of the Sources screen's tab.
        let here = *s == st.screen
            || (matches!(st.screen, Screen::Likert | Screen::Import) && *s == Screen::Sources);
        let style = if here {
            Style::new()
                .fg(st.theme.accent)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::new().fg(st.theme.dim)
        };
        hits.tabs.push((
            Rect {
                x,
                y: area.y,
                width: w,
                height: 1,
            },
            *s,
        ));
        x += w + 1;
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Line::from(spans), area);
    let room =
        usize::from(area.right().saturating_sub(x)).saturating_sub(coder.chars().count() + 1);
    // A project name cut to a few letters says nothing: leave it out then.
    let name = if room >= 8 {
        super::widgets::fit::fit(&st.project.manifest.name, room)
    } else {
        String::new()
    };
    // The coder's name whole, or (on a very narrow terminal) not at all.
    let who = if usize::from(area.right().saturating_sub(x)) >= coder.chars().count() {
        format!("{name}{coder}")
    } else {
        String::new()
    };
    f.render_widget(
        Line::from(Span::styled(who, Style::new().bold())).alignment(Alignment::Right),
        Rect {
            x: x.min(area.right()),
            width: area.right().saturating_sub(x),
            ..area
        },
    );
}

/// The most useful keys for where the user is, from the keymap.
fn hint_line(st: &State, f: &mut Frame, area: Rect) {
    let km = &st.keymap;
    let key = |ctx: Context, cmd: Command| km.keys_for(ctx, cmd);
    let parts: Vec<(String, &str)> = match (st.screen, st.coding.mode) {
        (Screen::Coding, Mode::Code) => vec![
            (code_keys(st), "code"),
            (
                first(&key(Context::Coding, Command::ReviewNext)),
                "reviewed→next",
            ),
            ("j/k".into(), "unit"),
            ("Enter".into(), "select"),
            (key(Context::Coding, Command::FilterPalette), "find"),
            (
                key(Context::Coding, Command::ToggleDefinition),
                "definition",
            ),
            (key(Context::Coding, Command::Memo), "memo"),
            (first(&key(Context::Global, Command::Undo)), "undo"),
            (first(&key(Context::Global, Command::Help)), "help"),
        ],
        (Screen::Coding, Mode::Select) => vec![
            ("→/←".into(), "char"),
            ("w/b".into(), "word"),
            ("s/S".into(), "sentence"),
            (key(Context::Select, Command::Anchor), "start here"),
            (key(Context::Select, Command::CodeSelection), "code it"),
            (key(Context::Select, Command::NextCodedSpan), "coded span"),
            ("Esc".into(), "done"),
        ],
        (Screen::Coding, Mode::Pick) => vec![
            (code_keys(st), "code the selection"),
            ("/".into(), "find code"),
            ("Esc".into(), "back"),
        ],
        (Screen::Coding, Mode::Palette) => {
            vec![
                ("type".into(), "filter"),
                ("↑/↓".into(), "choose"),
                ("Enter".into(), "toggle code"),
                ("Esc".into(), "close"),
            ]
        }
        (Screen::Sources, _) => vec![
            ("j/k".into(), "move"),
            (key(Context::Sources, Command::ShowImport), "import a file"),
            ("h/l".into(), "pane"),
            ("Enter".into(), "filter / open unit"),
            (
                key(Context::Sources, Command::CycleStateFilter),
                "coding state",
            ),
            (key(Context::Sources, Command::FilterAttribute), "attribute"),
            (key(Context::Sources, Command::ClearFilters), "clear"),
            (key(Context::Sources, Command::GotoUnit), "go to unit"),
            ("Tab".into(), "screens"),
        ],
        (Screen::Codebook, _) => vec![
            (key(Context::Codebook, Command::AddCode), "add"),
            (key(Context::Codebook, Command::AddSubCode), "add sub-code"),
            (key(Context::Codebook, Command::EditCode), "edit"),
            (key(Context::Codebook, Command::RenameCode), "rename"),
            (key(Context::Codebook, Command::MergeCode), "merge"),
            (key(Context::Codebook, Command::RemoveCode), "remove"),
            (key(Context::Codebook, Command::SetKey), "key"),
            (key(Context::Codebook, Command::RestoreCode), "restore"),
        ],
        (Screen::Reconcile, _) => vec![
            ("a/b".into(), "take A/B"),
            ("u/i".into(), "union/intersection"),
            ("n".into(), "none"),
            (key(Context::Reconcile, Command::CustomDecision), "custom"),
            (key(Context::Reconcile, Command::DecisionNote), "note"),
            (key(Context::Reconcile, Command::UndoDecision), "undo"),
            ("j/k".into(), "unit"),
            (key(Context::Reconcile, Command::FilterCode), "code"),
            (key(Context::Reconcile, Command::CycleOrder), "order"),
            (
                key(Context::Reconcile, Command::ToggleDefinition),
                "definition",
            ),
        ],
        (Screen::Agreement, _) if st.agreement.list.is_some() => vec![
            ("j/k".into(), "unit"),
            ("Enter".into(), "open on the Coding screen"),
            (key(Context::Agreement, Command::ReconcileCode), "reconcile"),
            ("Esc".into(), "back to the codes"),
            (key(Context::Agreement, Command::Recompute), "recompute"),
        ],
        (Screen::Agreement, _) => vec![
            ("j/k".into(), "code"),
            ("Enter".into(), "disagreements"),
            (key(Context::Agreement, Command::CycleSort), "sort"),
            (key(Context::Agreement, Command::ReverseSort), "order"),
            (key(Context::Agreement, Command::ToggleLevel), "level"),
            (key(Context::Agreement, Command::ChooseCoders), "coders"),
            (key(Context::Agreement, Command::Recompute), "recompute"),
        ],
        (Screen::Search, _) if st.search.focus == Focus::Query => vec![
            ("type".into(), "search"),
            ("↑/↓".into(), "result"),
            ("Enter".into(), "open"),
            (key(Context::Search, Command::CodeAll), "code all"),
            ("Esc".into(), "to the results"),
        ],
        (Screen::Search, _) => vec![
            ("j/k".into(), "result"),
            ("Enter".into(), "open"),
            (
                first(&key(Context::SearchResults, Command::EditQuery)),
                "edit query",
            ),
            (
                first(&key(Context::SearchResults, Command::CodeAll)),
                "code all",
            ),
            (first(&key(Context::Global, Command::Undo)), "undo"),
            ("Tab".into(), "screens"),
        ],
        (Screen::Themes, _) if st.themes.focus == crate::tui::screens::themes::Focus::Quotes => {
            vec![
                ("j/k".into(), "quote"),
                ("Enter".into(), "pin / open"),
                (key(Context::Themes, Command::EditText), "edit text"),
                (key(Context::Themes, Command::UnpinQuote), "unpin"),
                ("h".into(), "back to the map"),
                (first(&key(Context::Global, Command::Undo)), "undo"),
            ]
        }
        (Screen::Import, _) if st.import.focus == import::Focus::Path => vec![
            ("type".into(), "path"),
            (key(Context::ImportPath, Command::CompletePath), "complete"),
            ("↓/↑".into(), "choose"),
            ("Enter".into(), "open / preview"),
            ("Esc".into(), "back to Sources"),
        ],
        (Screen::Import, _) => import_hints(st),
        (Screen::Likert, _) => vec![
            ("j/k".into(), "scroll"),
            (key(Context::Likert, Command::CycleGroupBy), "group by"),
            (key(Context::Likert, Command::ToggleCollapse), "top 2"),
            ("Esc".into(), "back to Sources"),
        ],
        (Screen::Crosstab, _) => vec![
            ("j/k".into(), "variable"),
            (key(Context::Crosstab, Command::SetRowVariable), "rows"),
            (
                key(Context::Crosstab, Command::SetColumnVariable),
                "columns",
            ),
            (key(Context::Crosstab, Command::CycleTest), "test"),
            ("h/l".into(), "scroll"),
            (key(Context::Crosstab, Command::SwapVariables), "swap"),
            (key(Context::Crosstab, Command::CollapseValues), "collapse"),
            (
                key(Context::Crosstab, Command::ToggleCoding),
                "consensus/mine",
            ),
            ("Tab".into(), "screens"),
        ],
        (Screen::Themes, _) => vec![
            ("j/k".into(), "move"),
            ("l".into(), "quotes"),
            (key(Context::Themes, Command::AddTheme), "add"),
            (key(Context::Themes, Command::AddSection), "section"),
            (key(Context::Themes, Command::RenameNode), "rename"),
            (key(Context::Themes, Command::AssignCodes), "codes"),
            ("J/K".into(), "reorder"),
            (key(Context::Themes, Command::DeleteNode), "delete"),
            (key(Context::Themes, Command::TogglePreview), "preview"),
            (key(Context::Themes, Command::ExportTable), "export"),
        ],
    };
    // Whole hints only: those that do not fit give way to where the rest are (help).
    let help = first(&key(Context::Global, Command::Help));
    let more = format!(" … {help} all keys");
    let parts: Vec<_> = parts.into_iter().filter(|(k, _)| !k.is_empty()).collect();
    let total: usize = parts.iter().map(|(k, w)| k.width() + w.width() + 3).sum();
    let room = if total <= usize::from(area.width) {
        usize::from(area.width)
    } else {
        usize::from(area.width).saturating_sub(more.width())
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, what) in parts {
        let k = format!(" {k}");
        let what = format!(" {what} ");
        let w = k.width() + what.width();
        if used + w > room {
            continue;
        }
        used += w;
        spans.push(Span::styled(k, Style::new().fg(st.theme.accent).bold()));
        spans.push(Span::styled(what, Style::new().fg(Color::Gray)));
    }
    if room < usize::from(area.width) {
        spans.push(Span::styled(more, Style::new().fg(st.theme.dim)));
    }
    f.render_widget(Line::from(spans), area);
}

/// The Import screen's keys for what the file is read as.
fn import_hints(st: &State) -> Vec<(String, &'static str)> {
    use crate::corpus::SourceKind;
    use import::Target;
    let key = |cmd: Command| st.keymap.keys_for(Context::Import, cmd);
    let mut v = vec![
        ("Enter".into(), "import"),
        (key(Command::CycleKind), "kind"),
    ];
    match st.import.target {
        Some(Target::Attributes) => v.push((key(Command::ToggleNewCases), "new cases")),
        Some(Target::Source(kind)) => {
            if kind == SourceKind::Survey {
                v.push(("j/k Space".into(), "column role"));
            }
            v.push((key(Command::SetRole), "role"));
            v.push((key(Command::SetAttributes), "attributes"));
            if matches!(kind, SourceKind::FocusGroup | SourceKind::Interview) {
                v.push((key(Command::SetModerators), "moderators"));
            }
            if kind != SourceKind::Survey {
                v.push((key(Command::SetCase), "case"));
            }
            v.push((key(Command::SetSourceId), "id"));
        }
        None => {}
    }
    v.push(("Esc".into(), "path"));
    v
}

fn first(keys: &str) -> String {
    keys.split('/').next().unwrap_or("").to_string()
}

/// The codebook's keys, compactly ("1-9 a-f p n m").
fn code_keys(st: &State) -> String {
    let mut keys: Vec<char> = st
        .project
        .codebook
        .active()
        .filter_map(|c| c.key.as_deref()?.chars().next())
        .collect();
    keys.sort_unstable();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i;
        while j + 1 < keys.len() && keys[j + 1] as u32 == keys[j] as u32 + 1 {
            j += 1;
        }
        out.push(if j >= i + 2 {
            format!("{}-{}", keys[i], keys[j])
        } else {
            keys[i..=j].iter().collect()
        });
        i = j + 1;
    }
    let s = out.join(" ");
    if s.is_empty() { String::new() } else { s }
}

fn status_line(st: &State, f: &mut Frame, area: Rect) {
    let mode = match st.screen {
        Screen::Coding => st.coding.mode.label(),
        Screen::Sources => "SOURCES",
        Screen::Codebook => "CODEBOOK",
        Screen::Agreement if st.agreement.list.is_some() => "DISAGREEMENTS",
        Screen::Agreement => "AGREEMENT",
        Screen::Search if st.search.focus == Focus::Query => "SEARCH",
        Screen::Search => "RESULTS",
        Screen::Reconcile => "RECONCILE",
        Screen::Themes if st.themes.preview => "PREVIEW",
        Screen::Themes => "THEMES",
        Screen::Likert => "LIKERT",
        Screen::Crosstab => "CROSSTAB",
        Screen::Import => "IMPORT",
    };
    let total = st.project.units.len();
    let pos = if st.nav_len() == 0 {
        "no units".to_string()
    } else {
        format!("unit {}/{}", st.nav.pos + 1, st.nav_len())
    };
    let save = if st.read_only.is_some() {
        Span::styled("read-only", Style::new().fg(st.theme.error).bold())
    } else if st.status.save_failed {
        Span::styled("✗ NOT SAVED", Style::new().fg(st.theme.error).bold())
    } else if st.status.saved > 0 {
        Span::styled("✓ saved", Style::new().fg(st.theme.reviewed))
    } else {
        Span::styled("✓ up to date", Style::new().fg(st.theme.dim))
    };
    let message = st.status.message.replace('\n', " ");
    let fits = |right: &Line| {
        usize::from(area.width) >= mode.chars().count() + 3 + right.width() + message.width()
    };
    // The message comes first: the counts give way to it in steps (the unit's place and a
    // failed save stay), and what still does not fit ends in "…" with the key that shows it.
    let short_pos = match st.nav_len() {
        0 => "no units".to_string(),
        n => format!("{}/{n}", st.nav.pos + 1),
    };
    let short_save = if st.read_only.is_some() || st.status.save_failed {
        save.clone()
    } else {
        Span::styled("✓", save.style)
    };
    let reviewed = format!("reviewed {}/{total}", st.reviewed_total());
    let tiers = [
        (format!(" │ {pos} · {reviewed} · "), save),
        (format!(" │ {short_pos} · {reviewed} "), short_save.clone()),
        (format!(" │ {short_pos} "), short_save),
    ];
    let mut right = Line::default();
    for (counts, save) in tiers {
        right = Line::from(vec![Span::raw(counts), save, Span::raw(" ")]);
        if fits(&right) {
            break;
        }
    }
    let rw = right.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(rw)]).areas(area);
    let msg_style = if st.status.error {
        Style::new().fg(st.theme.error).bold()
    } else {
        Style::new()
    };
    let room = usize::from(left_area.width).saturating_sub(mode.chars().count() + 3);
    let mut left = vec![
        Span::styled(
            format!(" {mode} "),
            Style::new().fg(Color::Black).bg(st.theme.accent).bold(),
        ),
        Span::raw(" "),
    ];
    if message.width() <= room {
        left.push(Span::styled(message, msg_style));
    } else {
        let more = first(&st.keymap.keys_for(Context::Global, Command::Messages));
        let more = format!(" {more}:all");
        left.push(Span::styled(
            super::widgets::fit::fit(&message, room.saturating_sub(more.len())),
            msg_style,
        ));
        left.push(Span::styled(more, Style::new().fg(st.theme.dim)));
    }
    let left = Line::from(left);
    f.render_widget(left, left_area);
    f.render_widget(right, right_area);
}
