//! Drawing a frame from `&State`: tab bar, the screen, key hints, status line, popups. Rendering
//! never changes the state; it returns where things are for the mouse.

use super::action::Command;
use super::keymap::Context;
use super::mouse::Hits;
use super::popups;
use super::screens::coding::Mode;
use super::screens::search::Focus;
use super::screens::{agreement, codebook, coding, likert, search, sources, themes};
use super::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

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
        Screen::Themes => themes::view::render(st, f, body, &mut hits),
        Screen::Likert => likert::view::render(st, f, body, &mut hits),
    }
    hint_line(st, f, hint);
    status_line(st, f, status);
    if let Some(p) = &st.popup {
        popups::view::render(st, p, f, body);
    }
    hits
}

fn tab_bar(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let mut spans = vec![Span::styled(
        " thematic ",
        Style::new().fg(Color::Black).bg(st.theme.accent).bold(),
    )];
    let mut x = area.x + 10;
    for s in Screen::ALL.iter() {
        let label = format!(" {} ", s.title());
        let w = label.chars().count() as u16;
        // The Likert view is part of the Sources screen's tab.
        let here = *s == st.screen || (st.screen == Screen::Likert && *s == Screen::Sources);
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
    let coder = match &st.coder {
        Some(c) => format!(" · coder {c} "),
        None => " · no coder yet ".to_string(),
    };
    // With many tabs the coder's name is kept whole or left out, never cut.
    let space = usize::from(area.right().saturating_sub(x));
    let coder = if coder.chars().count() <= space {
        coder
    } else {
        st.coder
            .as_ref()
            .map(|c| format!(" {c} "))
            .filter(|c| c.chars().count() <= space)
            .unwrap_or_default()
    };
    let room =
        usize::from(area.right().saturating_sub(x)).saturating_sub(coder.chars().count() + 1);
    // A project name cut to a few letters says nothing: leave it out then.
    let name = if room >= 8 {
        super::widgets::fit::fit(&st.project.manifest.name, room)
    } else {
        String::new()
    };
    let who = format!("{name}{coder}");
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
            ("Enter".into(), "select text"),
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
        (Screen::Agreement, _) if st.agreement.list.is_some() => vec![
            ("j/k".into(), "unit"),
            ("Enter".into(), "open on the Coding screen"),
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
                (key(Context::Themes, Command::UnpinQuote), "unpin"),
                ("h".into(), "back to the map"),
                (first(&key(Context::Global, Command::Undo)), "undo"),
            ]
        }
        (Screen::Likert, _) => vec![
            ("j/k".into(), "scroll"),
            (key(Context::Likert, Command::CycleGroupBy), "group by"),
            (key(Context::Likert, Command::ToggleCollapse), "top 2"),
            ("Esc".into(), "back to Sources"),
        ],
        (Screen::Themes, _) => vec![
            ("j/k".into(), "move"),
            ("l".into(), "quotes"),
            (key(Context::Themes, Command::AddTheme), "add"),
            (key(Context::Themes, Command::RenameNode), "rename"),
            (key(Context::Themes, Command::AssignCodes), "codes"),
            ("J/K".into(), "reorder"),
            (key(Context::Themes, Command::DeleteNode), "delete"),
            (key(Context::Themes, Command::TogglePreview), "preview"),
            (key(Context::Themes, Command::ExportTable), "export"),
        ],
    };
    let mut spans = Vec::new();
    for (k, what) in parts.into_iter().filter(|(k, _)| !k.is_empty()) {
        spans.push(Span::styled(
            format!(" {k}"),
            Style::new().fg(st.theme.accent).bold(),
        ));
        spans.push(Span::styled(
            format!(" {what} "),
            Style::new().fg(Color::Gray),
        ));
    }
    f.render_widget(Line::from(spans), area);
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
        Screen::Themes if st.themes.preview => "PREVIEW",
        Screen::Themes => "THEMES",
        Screen::Likert => "LIKERT",
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
    let right = Line::from(vec![
        Span::raw(format!(
            " │ {pos} · reviewed {}/{total} · ",
            st.reviewed_total()
        )),
        save,
        Span::raw(" "),
    ]);
    let rw = right.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(rw)]).areas(area);
    let msg_style = if st.status.error {
        Style::new().fg(st.theme.error).bold()
    } else {
        Style::new()
    };
    let left = Line::from(vec![
        Span::styled(
            format!(" {mode} "),
            Style::new().fg(Color::Black).bg(st.theme.accent).bold(),
        ),
        Span::raw(" "),
        Span::styled(st.status.message.clone(), msg_style),
    ]);
    f.render_widget(left, left_area);
    f.render_widget(right, right_area);
}
