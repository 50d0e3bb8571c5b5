//! Every screen and mode drawn on a TestBackend at 80×24 and 120×40, as insta snapshots; plus
//! colours of coded spans, mouse hits, and drawing at any size without a panic.

mod tui_common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use thematic::tui::mouse::Hits;
use thematic::tui::{State, frame as render, press, update};
use tui_common::{CJK_UNIT, project, state, two_coders};

fn draw(st: &State, w: u16, h: u16) -> (String, Terminal<TestBackend>, Hits) {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut hits = Hits::default();
    term.draw(|f| hits = render::render(st, f)).unwrap();
    (term.backend().to_string(), term, hits)
}

fn snap(name: &str, st: &State) {
    for (w, h) in [(80, 24), (120, 40)] {
        let (text, ..) = draw(st, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

/// A study with some coding done: two whole-unit codes, a coded span, a memo.
fn coded() -> (tempfile::TempDir, State) {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(
        &mut st,
        "3p<enter>wwww<enter>1<esc>M<enter>Fast replies<enter>",
    );
    (dir, st)
}

#[test]
fn coding_screen() {
    let (_d, st) = coded();
    snap("coding", &st);
}

#[test]
fn coding_screen_selecting_in_a_cjk_emoji_unit() {
    let (_d, mut st) = coded();
    press(
        &mut st,
        &format!(
            ":goto {CJK_UNIT}<enter><enter><right><right><right><right><right><right><right><right><right>"
        ),
    );
    snap("coding_select_cjk", &st);
}

#[test]
fn coding_screen_finding_a_code_with_its_definition() {
    let (_d, mut st) = coded();
    press(&mut st, "/commun");
    snap("coding_palette", &st);
}

#[test]
fn coding_screen_memo_choice() {
    let (_d, mut st) = coded();
    press(&mut st, "M");
    snap("coding_memo_choice", &st);
}

#[test]
fn sources_screen() {
    let (_d, mut st) = coded();
    press(&mut st, "<s-tab>");
    snap("sources", &st);
}

#[test]
fn codebook_screen() {
    let (_d, mut st) = coded();
    press(&mut st, "<tab>jjj");
    snap("codebook", &st);
}

#[test]
fn codebook_edit_form() {
    let (_d, mut st) = coded();
    press(&mut st, "<tab>jjje");
    snap("codebook_form", &st);
}

#[test]
fn help_screen() {
    let (_d, mut st) = coded();
    press(&mut st, "?");
    snap("help", &st);
}

/// The Agreement screen on two coders who differ on two units.
fn agreement() -> (tempfile::TempDir, State) {
    let dir = tempfile::tempdir().unwrap();
    let root = two_coders(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f5>");
    (dir, st)
}

#[test]
fn agreement_screen() {
    let (_d, st) = agreement();
    snap("agreement", &st);
}

#[test]
fn agreement_screen_sorted_by_alpha() {
    let (_d, mut st) = agreement();
    press(&mut st, "s");
    snap("agreement_sorted", &st);
}

#[test]
fn agreement_screen_span_level() {
    let (_d, mut st) = agreement();
    press(&mut st, "l");
    snap("agreement_span", &st);
}

#[test]
fn agreement_disagreements_of_a_code() {
    let (_d, mut st) = agreement();
    press(&mut st, "jj<enter>");
    snap("agreement_disagreements", &st);
}

#[test]
fn agreement_coder_choice() {
    let (_d, mut st) = agreement();
    press(&mut st, "c");
    snap("agreement_coders", &st);
}

#[test]
fn agreement_without_two_coders() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f5>");
    snap("agreement_no_coders", &st);
}

#[test]
fn first_run_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let st = state(&root, None);
    snap("first_run", &st);
}

#[test]
fn a_small_terminal_is_told_so() {
    let (_d, st) = coded();
    let (text, ..) = draw(&st, 60, 20);
    insta::assert_snapshot!("too_small_60x20", text);
}

#[test]
fn coded_spans_take_their_code_colour_and_the_selection_stands_out() {
    let (_d, st) = coded();
    let (_, term, hits) = draw(&st, 120, 40);
    let text = hits.text.expect("text drawn");
    let buf = term.backend().buffer();
    // "My mentor answered quickly" is coded Similar interests (cyan) from char 0.
    let first = &text.wrapped.lines[0][0];
    let cell = &buf[(text.area.x + first.col, text.area.y)];
    assert_eq!(cell.bg, ratatui::style::Color::Cyan);
    // Past the span the text has no background.
    let later = text.wrapped.lines[0]
        .iter()
        .find(|g| g.start == 40)
        .expect("glyph 40");
    assert_eq!(
        buf[(text.area.x + later.col, text.area.y)].bg,
        ratatui::style::Color::Reset
    );
}

#[test]
fn mouse_clicks_and_drags_become_actions() {
    let (_d, mut st) = coded();
    let (_, _, hits) = draw(&st, 120, 40);
    let ev = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Click a palette row: toggles that code.
    let (r, id) = hits
        .palette
        .iter()
        .find(|(_, id)| id == "career-alignment")
        .cloned()
        .expect("row");
    let a = hits
        .mouse(
            &st,
            ev(MouseEventKind::Down(MouseButton::Left), r.x + 3, r.y),
        )
        .expect("action");
    update(&mut st, a);
    assert!(st.coder_state().has("survey:1:4", &id, None));
    // Drag over the first line of text: a selection from the press to the release.
    let t = hits.text.clone().expect("text");
    let a = hits
        .mouse(
            &st,
            ev(MouseEventKind::Down(MouseButton::Left), t.area.x, t.area.y),
        )
        .expect("press");
    update(&mut st, a);
    let a = hits
        .mouse(
            &st,
            ev(
                MouseEventKind::Drag(MouseButton::Left),
                t.area.x + 9,
                t.area.y,
            ),
        )
        .expect("drag");
    update(&mut st, a);
    let a = hits
        .mouse(
            &st,
            ev(
                MouseEventKind::Up(MouseButton::Left),
                t.area.x + 9,
                t.area.y,
            ),
        )
        .expect("release");
    update(&mut st, a);
    assert_eq!(
        st.coding
            .selection(&st.current_unit().unwrap().text.clone()),
        Some((0, 9))
    );
    press(&mut st, "<enter>2");
    assert!(
        st.coder_state()
            .has("survey:1:4", "personality-match", Some((0, 9)))
    );
    // Clicking a tab switches screens.
    let (r, _) = hits.tabs[0];
    let a = hits
        .mouse(&st, ev(MouseEventKind::Down(MouseButton::Left), r.x, r.y))
        .expect("tab");
    update(&mut st, a);
    assert_eq!(st.screen, thematic::tui::state::Screen::Sources);
}

#[test]
fn drawing_never_panics_at_any_size() {
    let (_d, mut st) = coded();
    for keys in [
        "",
        "<s-tab>",
        "<tab>",
        "<tab>?",
        "<esc>:goto notes:2<enter><enter>ww",
        "<esc><esc><f5>",
    ] {
        press(&mut st, keys);
        for w in (0..=130).step_by(7) {
            for h in (0..=45).step_by(4) {
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                term.draw(|f| {
                    render::render(&st, f);
                })
                .unwrap();
            }
        }
    }
}

#[test]
fn the_agreement_screen_draws_at_any_size() {
    let (_d, mut st) = agreement();
    for keys in ["", "jj<enter>", "<esc>l", "s", "c"] {
        press(&mut st, keys);
        for w in (0..=130).step_by(9) {
            for h in (0..=45).step_by(5) {
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                term.draw(|f| {
                    render::render(&st, f);
                })
                .unwrap();
            }
        }
    }
}

/// The Search screen on the tiny study, its index built in the temp cache dir.
fn searched(query: &str) -> (tempfile::TempDir, State) {
    let (d, mut st) = coded();
    press(&mut st, &format!("<f6>{query}"));
    (d, st)
}

#[test]
fn search_screen_before_typing() {
    let (_d, st) = searched("");
    snap("search_empty", &st);
}

#[test]
fn search_screen_with_results() {
    let (_d, mut st) = searched("met OR grant");
    press(&mut st, "<down>");
    snap("search_results", &st);
}

#[test]
fn search_screen_in_the_results() {
    let (_d, mut st) = searched("mentor");
    press(&mut st, "<esc>");
    snap("search_results_focus", &st);
}

#[test]
fn search_screen_with_a_bad_query() {
    let (_d, st) = searched("(busy OR");
    snap("search_bad_query", &st);
}

#[test]
fn search_code_all_preview() {
    let (_d, mut st) = searched("mentor OR met");
    press(&mut st, "<c-a>good<enter>j<space>");
    snap("search_code_all", &st);
}

#[test]
fn search_index_being_built() {
    use thematic::tui::action::{Action, Screen};
    use thematic::tui::screens::search::{Msg, engine::Progress};
    let (_d, mut st) = coded();
    update(
        &mut st,
        thematic::tui::action::Action::Cmd(thematic::tui::action::Command::ShowSearch),
    );
    update(
        &mut st,
        Action::to(
            Screen::Search,
            Msg::Progress(Progress { done: 2, total: 6 }),
        ),
    );
    snap("search_building", &st);
}

#[test]
fn the_search_screen_draws_at_any_size() {
    let (_d, mut st) = searched("met");
    for keys in ["", "<esc>", "a", "<esc>/<c-u>(", "<c-u>"] {
        press(&mut st, keys);
        for w in (0..=130).step_by(9) {
            for h in (0..=45).step_by(5) {
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                term.draw(|f| {
                    render::render(&st, f);
                })
                .unwrap();
            }
        }
    }
}
