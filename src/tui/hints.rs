//! The key-hint line under each screen: the most useful keys for where the user is, read from
//! the keymap (so a rebound key shows as bound).

use super::action::Command;
use super::keymap::Context;
use super::screens::coding::Mode;
use super::screens::import;
use super::screens::search::Focus;
use super::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The most useful keys for where the user is, from the keymap.
pub(super) fn hint_line(st: &State, f: &mut Frame, area: Rect) {
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

pub(super) fn first(keys: &str) -> String {
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
