//! The Crosstab screen through `update`, without a terminal: choosing rows and columns from the
//! list, the table computed on the worker agreeing with `thematic crosstab --json`, swapping,
//! one coder's coding, getting there from the Themes and Agreement screens; snapshots at 80×24
//! and 120×40.

mod common;
mod tui_common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use thematic::tui::state::{Screen, State};
use thematic::tui::{frame as render, press};

fn draw(st: &State, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| {
        render::render(st, f);
    })
    .unwrap();
    term.backend().to_string()
}

/// Move the list's cursor to `spec` with j/k, as a researcher would.
fn go_to(st: &mut State, spec: &str) {
    let want = st
        .crosstab
        .variables
        .iter()
        .position(|v| v.spec == spec)
        .unwrap_or_else(|| panic!("{spec} is listed"));
    press(st, "g");
    press(st, &"j".repeat(want));
    assert_eq!(st.crosstab.cursor, want);
}

fn counts(v: &serde_json::Value) -> Vec<Vec<u64>> {
    serde_json::from_value(v["counts"].clone()).unwrap()
}

#[test]
fn choosing_rows_and_columns_gives_the_cli_table() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f9>");
    assert_eq!(st.screen, Screen::Crosstab);
    let kinds: Vec<&str> = st
        .crosstab
        .variables
        .iter()
        .map(|v| v.spec.split(':').next().unwrap())
        .collect();
    for k in ["attr", "code", "theme"] {
        assert!(kinds.contains(&k), "{k} variables are listed");
    }
    go_to(&mut st, "attr:role");
    press(&mut st, "r");
    assert_eq!(st.crosstab.row.as_deref(), Some("attr:role"));
    assert!(
        st.crosstab.result.is_none(),
        "nothing computed with one variable"
    );
    go_to(&mut st, "theme:Communication");
    press(&mut st, "c");
    let t = st.crosstab.result.as_ref().unwrap().as_ref().unwrap();
    let cli = common::json(&dir, &["crosstab", "role", "theme:Communication", "--json"]);
    assert_eq!(t.counts, counts(&cli));
    assert_eq!(t.p_value, cli["p_value"].as_f64());
    assert_eq!(t.coding, "consensus");
    let screen = draw(&st, 120, 40);
    assert!(
        screen.contains("Fisher's exact test, two-sided"),
        "{screen}"
    );

    press(&mut st, "s");
    let t = st.crosstab.result.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(t.row_variable, "theme:Communication");
    assert_eq!(t.col_variable, "role");

    press(&mut st, "o");
    press(&mut st, "s");
    let t = st.crosstab.result.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(t.coding, "alice");
    let cli = common::json(
        &dir,
        &[
            "crosstab",
            "role",
            "theme:Communication",
            "--coder",
            "alice",
            "--json",
        ],
    );
    assert_eq!(t.counts, counts(&cli));
}

#[test]
fn a_variable_with_one_level_is_one_clear_line() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f9>");
    go_to(&mut st, "attr:role");
    press(&mut st, "rc");
    let err = st.crosstab.result.as_ref().unwrap().as_ref().unwrap_err();
    assert!(err.contains("choose two different variables"), "{err}");
}

#[test]
fn reached_from_the_themes_and_agreement_screens() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f8>X");
    assert_eq!(st.screen, Screen::Crosstab);
    press(&mut st, "<f5>X");
    assert_eq!(st.screen, Screen::Crosstab);
}

#[test]
fn snapshots() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f9>");
    choose(&mut st, "attr:year_of_training", "code:Good communication");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("crosstab_{w}x{h}"), draw(&st, w, h));
    }
}

#[test]
fn collapsing_values_matches_the_command_line() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f9>");
    choose(&mut st, "attr:year_of_training", "code:Good communication");
    // The question starts a rule for the rows: "year_of_training:".
    press(
        &mut st,
        "vFirst-year,Second-year=junior;year_of_training:Third-year=senior<enter>",
    );
    assert_eq!(
        st.crosstab.collapse,
        [
            "year_of_training:First-year,Second-year=junior",
            "year_of_training:Third-year=senior"
        ]
    );
    let t = st.crosstab.result.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(t.rows, ["junior", "senior"]);
    let cli = common::json(
        &dir,
        &[
            "crosstab",
            "year_of_training",
            "code:Good communication",
            "--collapse",
            "year_of_training:First-year,Second-year=junior",
            "--collapse",
            "year_of_training:Third-year=senior",
            "--json",
        ],
    );
    assert_eq!(t.counts, counts(&cli));
    assert_eq!(t.p_value, cli["p_value"].as_f64());
    // A rule without a label is refused, and the rules in force stay.
    let before = st.crosstab.collapse.clone();
    press(&mut st, "v<c-u>year_of_training:First-year<enter>");
    assert_eq!(st.crosstab.collapse, before);
    assert!(st.popup.is_none());
    // Emptied: back to the values as they are.
    press(&mut st, "v<c-u><enter>");
    assert!(st.crosstab.collapse.is_empty());
    let t = st.crosstab.result.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(t.rows.len(), 3);
}

/// Rows and columns chosen from the list by name.
fn choose(st: &mut State, row: &str, col: &str) {
    go_to(st, row);
    press(st, "r");
    go_to(st, col);
    press(st, "c");
}

#[test]
fn wide_tables_scroll_sideways_with_markers() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f9>");
    // 23 values of years in practice, and a Total: far wider than 80 columns.
    choose(&mut st, "attr:fellowship", "attr:years_in_practice");
    let t = st.crosstab.result.as_ref().unwrap().as_ref().unwrap();
    let levels = t.cols.clone();
    assert_eq!(levels.len(), 23);
    let screen = draw(&st, 80, 24);
    assert!(screen.contains("▶") && !screen.contains("◀"), "{screen}");
    assert!(screen.contains("▶ (h/l scrolls)"), "{screen}");
    assert!(screen.contains("Columns 1–"), "{screen}");

    press(&mut st, "lll");
    assert_eq!(st.crosstab.scroll, 3);
    let screen = draw(&st, 80, 24);
    assert!(screen.contains("◀") && screen.contains("▶"), "{screen}");
    assert!(screen.contains("Columns 4–"), "{screen}");
    // The header's first column shown is the fourth value.
    let header = screen.lines().find(|l| l.contains('◀')).unwrap();
    let after = header.split_once('◀').unwrap().1.trim_start();
    assert!(after.starts_with(levels[3].as_str()), "{header}");
    press(&mut st, "<left>h");
    assert_eq!(st.crosstab.scroll, 1);
    // Right stops at the Total column.
    press(&mut st, &"l".repeat(40));
    assert_eq!(st.crosstab.scroll, 23);
    let screen = draw(&st, 80, 24);
    assert!(
        screen.contains("Total") && !screen.contains("▶"),
        "{screen}"
    );
    press(&mut st, "<right>");
    assert_eq!(st.crosstab.scroll, 23);
    // The keys are in the hint line and in the help.
    press(&mut st, "g");
    let screen = draw(&st, 120, 40);
    assert!(
        screen.contains("h/l scroll") && screen.contains("t test"),
        "{screen}"
    );
    let help: String = thematic::tui::popups::view::help_lines(&st)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    for want in [
        "Show the crosstab's columns further right",
        "Show the crosstab's columns further left",
        "Switch the crosstab's test",
    ] {
        assert!(help.contains(want), "{want}: {help}");
    }
}

#[test]
fn the_test_key_switches_between_exact_chi2_and_yates() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f9>");
    choose(&mut st, "attr:fellowship", "code:Good communication");
    let cli = |extra: &[&str]| {
        let mut args = vec![
            "crosstab",
            "fellowship",
            "code:Good communication",
            "--json",
        ];
        args.extend_from_slice(extra);
        common::json(&dir, &args)
    };
    let result = |st: &State| {
        st.crosstab
            .result
            .as_ref()
            .unwrap()
            .as_ref()
            .unwrap()
            .clone()
    };
    let t = result(&st);
    assert_eq!((t.rows.len(), t.cols.len()), (2, 2));
    assert_eq!(t.test, "fisher");
    assert!(draw(&st, 80, 24).contains("Test exact (Fisher)"));

    press(&mut st, "t");
    let t = result(&st);
    let want = cli(&["--test", "chi2"]);
    assert_eq!((t.test, t.yates), ("chi2", false));
    assert_eq!(t.p_value, want["p_value"].as_f64());
    assert_eq!(t.statistic, want["statistic"].as_f64());
    assert!(draw(&st, 120, 40).contains("Pearson's χ² test: χ²(1) = "));

    press(&mut st, "t");
    let t = result(&st);
    let want = cli(&["--test", "chi2", "--yates"]);
    assert_eq!((t.test, t.yates), ("chi2", true));
    assert_eq!(t.p_value, want["p_value"].as_f64());
    let screen = draw(&st, 120, 40);
    assert!(
        screen.contains("Pearson's χ² test with Yates' continuity correction"),
        "{screen}"
    );

    press(&mut st, "t");
    let t = result(&st);
    assert_eq!(t.test, "fisher");
    assert_eq!(t.p_value, cli(&[])["p_value"].as_f64());

    // Yates' correction is for 2×2 tables: a 3×2 goes from χ² back to the exact test.
    choose(&mut st, "attr:year_of_training", "code:Good communication");
    press(&mut st, "t");
    assert_eq!(result(&st).test, "chi2");
    press(&mut st, "t");
    assert_eq!(result(&st).test, "fisher");
}

#[test]
fn wide_table_snapshots() {
    let (_t, dir) = common::sample_copy();
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f9>");
    choose(&mut st, "attr:fellowship", "attr:years_in_practice");
    press(&mut st, "ll");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("crosstab_wide_{w}x{h}"), draw(&st, w, h));
    }
}
