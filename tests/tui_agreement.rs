//! The Agreement screen through `update`, without a terminal: computed on the worker when the
//! screen opens, sorting by measure, a code's disagreements, the jump to a unit on the Coding
//! screen, recomputing after coding, the level and coder choices, and what goes wrong.

mod common;
mod tui_common;

use thematic::agreement::{Granularity, Measure};
use thematic::tui::action::{Action, Command, Effect};
use thematic::tui::screens::agreement::{Sort, rows};
use thematic::tui::state::{Screen, State};
use thematic::tui::{jobs, press, update};
use tui_common::{code_as, current_id, project, state, two_coders};

fn codes(st: &State) -> Vec<String> {
    rows(&st.agreement).iter().map(|r| r.code.clone()).collect()
}

fn highlighted(st: &State) -> String {
    let r = rows(&st.agreement);
    r[thematic::tui::screens::agreement::cursor(&st.agreement)]
        .code
        .clone()
}

fn row<'a>(st: &'a State, code: &str) -> &'a thematic::agreement::CodeAgreement {
    let c = st.agreement.computed().expect("computed");
    c.report.codes.iter().find(|r| r.code == code).expect(code)
}

/// Values of a measure in table order: defined ones sorted, undefined ones last.
fn assert_sorted(st: &State, m: Measure, descending: bool) {
    let values: Vec<Option<f64>> = rows(&st.agreement).iter().map(|r| r.measure(m)).collect();
    let defined: Vec<f64> = values.iter().flatten().copied().collect();
    let first_none = values
        .iter()
        .position(Option::is_none)
        .unwrap_or(values.len());
    assert!(
        values[first_none..].iter().all(Option::is_none),
        "{values:?}"
    );
    for w in defined.windows(2) {
        assert!(
            if descending {
                w[0] >= w[1]
            } else {
                w[0] <= w[1]
            },
            "{m:?} not sorted: {values:?}"
        );
    }
}

#[test]
fn opening_the_screen_computes_agreement_of_the_first_two_coders() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_coders(dir.path());
    let mut st = state(&root, Some("alice"));
    assert!(
        st.agreement.result.is_none(),
        "nothing computed before it is needed"
    );
    press(&mut st, "<f5>");
    assert_eq!(st.screen, Screen::Agreement);
    let c = st.agreement.computed().expect("computed on open");
    assert_eq!(c.report.coders, ["alice", "bob"]);
    assert_eq!(c.report.units, 6);
    // Hand-computed 2×2 of good communication: both 1, alice only 1, bob only 0, neither 4.
    let gc = row(&st, "good-communication");
    assert_eq!(
        (gc.both, gc.a_only, gc.b_only, gc.neither),
        (Some(1), Some(1), Some(0), Some(4))
    );
    let kappa = gc.cohen_kappa.unwrap();
    assert!((kappa - 8.0 / 14.0).abs() < 1e-9, "{kappa}");
    // Nobody applied similar interests: undefined, not 1.
    assert_eq!(row(&st, "similar-interests").cohen_kappa, None);
    // Opening again without coding does not compute again.
    let jobs = st.agreement.jobs;
    press(&mut st, "<f3><f5>");
    assert_eq!(st.agreement.jobs, jobs);
    // Tab also reaches it, and 4 from the other list screens.
    press(&mut st, "<f2>4");
    assert_eq!(st.screen, Screen::Agreement);
}

#[test]
fn the_table_sorts_by_each_measure_keeping_the_highlighted_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_coders(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f5>");
    assert_eq!(st.agreement.sort, Sort::Codebook);
    assert_eq!(codes(&st)[0], "similar-interests");
    press(&mut st, "jj");
    assert_eq!(highlighted(&st), "good-communication");

    press(&mut st, "s");
    assert_eq!(st.agreement.sort, Sort::By(Measure::KrippendorffAlpha));
    assert_sorted(&st, Measure::KrippendorffAlpha, false);
    assert_eq!(
        highlighted(&st),
        "good-communication",
        "the highlight follows the code"
    );
    // Lowest first: the two codes only one coder applied, once each.
    let first: std::collections::BTreeSet<String> = codes(&st)[..2].iter().cloned().collect();
    assert_eq!(
        first,
        ["availability-and-time", "inadequate-communication"]
            .map(String::from)
            .into()
    );
    assert_eq!(
        codes(&st).last().map(String::as_str),
        Some("mixed"),
        "undefined values come last, in codebook order"
    );

    press(&mut st, "o");
    assert!(st.agreement.descending);
    assert_sorted(&st, Measure::KrippendorffAlpha, true);

    for m in [
        Measure::CohenKappa,
        Measure::PercentAgreement,
        Measure::GwetAc1,
        Measure::Pabak,
    ] {
        press(&mut st, "s");
        assert_eq!(st.agreement.sort, Sort::By(m));
        assert_sorted(&st, m, true);
    }
    press(&mut st, "s");
    assert_eq!(
        st.agreement.sort,
        Sort::Codebook,
        "the cycle comes back round"
    );
    assert_eq!(codes(&st)[0], "similar-interests");
}

#[test]
fn enter_lists_a_codes_disagreements_and_opens_a_unit_on_the_coding_screen() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_coders(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f5>gjj");
    assert_eq!(highlighted(&st), "good-communication");
    press(&mut st, "<enter>");
    let list = st.agreement.list.clone().expect("the list is open");
    assert_eq!(list.code, "good-communication");
    let c = st.agreement.computed().unwrap();
    let units = c.disagreements.for_code("good-communication");
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].unit, "notes:1");
    assert_eq!(units[0].a, ["good-communication", "positive"]);
    assert_eq!(units[0].b, ["positive"]);

    press(&mut st, "<enter>");
    assert_eq!(st.screen, Screen::Coding);
    assert_eq!(current_id(&st), "notes:1");
    // Still blind: the Coding screen holds alice's own codings only.
    assert_eq!(st.coder_state().codings_of("notes:1").len(), 2);

    // Back to the list, then Esc to the table.
    press(&mut st, "<f5>");
    assert!(st.agreement.list.is_some());
    press(&mut st, "<esc>");
    assert!(st.agreement.list.is_none());
    assert_eq!(st.screen, Screen::Agreement);

    // A code both coders agree on everywhere has nothing to list.
    press(&mut st, "g");
    while highlighted(&st) != "mentor-training" {
        press(&mut st, "j");
    }
    press(&mut st, "<enter>");
    assert!(st.agreement.list.is_none());
    assert!(
        st.status.message.contains("agree on Mentor training"),
        "{}",
        st.status.message
    );
}

#[test]
fn coding_then_coming_back_recomputes_and_r_recomputes_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_coders(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f5>");
    assert_eq!(row(&st, "good-communication").a_only, Some(1));
    // Take good communication off notes:1 (alice's only disagreement on it).
    press(&mut st, "<f3>:goto notes:1<enter>3");
    assert!(!st.status.error, "{}", st.status.message);
    press(&mut st, "<f5>");
    assert_eq!(row(&st, "good-communication").a_only, Some(0));
    assert_eq!(
        st.agreement.computed().unwrap().revision,
        st.revision,
        "the result is as of the latest coding"
    );
    // Undo from the Agreement screen: the result says it is out of date until R.
    press(&mut st, "u");
    let before = st.agreement.jobs;
    assert_ne!(st.agreement.computed().unwrap().revision, st.revision);
    press(&mut st, "R");
    assert_eq!(st.agreement.jobs, before + 1);
    assert_eq!(row(&st, "good-communication").a_only, Some(1));
}

#[test]
fn only_the_latest_computation_is_shown_and_computing_is_visible() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_coders(dir.path());
    let mut st = state(&root, Some("alice"));
    let spawn = |effects: Vec<Effect>| match effects.into_iter().next() {
        Some(Effect::Spawn(job)) => job,
        other => panic!("expected a job, got {other:?}"),
    };
    let first = spawn(update(&mut st, Action::Cmd(Command::ShowAgreement)));
    assert!(st.agreement.computing.is_some());
    let screen = tui_common::draw_text(&st, 80, 24);
    assert!(screen.contains("computing…"), "{screen}");
    // Span level asked for while the unit-level job still runs.
    let second = spawn(update(&mut st, Action::Cmd(Command::ToggleLevel)));
    update(&mut st, jobs::run(second));
    update(&mut st, jobs::run(first));
    let c = st.agreement.computed().unwrap();
    assert_eq!(
        c.report.level,
        Granularity::Span,
        "the older result was dropped"
    );
    assert!(c.report.characters.is_some());
    assert!(st.agreement.computing.is_none());
}

#[test]
fn c_chooses_the_coders_and_l_switches_to_span_level() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_coders(dir.path());
    code_as(
        &root,
        "carol",
        &[("survey:1:4", &["positive"]), ("notes:1", &["positive"])],
    );
    let mut st = state(&root, Some("carol"));
    press(&mut st, "<f5>");
    assert_eq!(
        st.agreement.computed().unwrap().report.coders,
        ["alice", "bob"],
        "by default the first two coders, whoever is coding"
    );
    press(&mut st, "c");
    assert!(st.popup.is_some(), "a list of coder pairs");
    press(&mut st, "<down><enter>");
    let c = st.agreement.computed().unwrap();
    assert_eq!(c.report.coders, ["alice", "carol"]);
    assert_eq!(c.report.units, 2, "only units both reviewed");
    press(&mut st, "l");
    let c = st.agreement.computed().unwrap();
    assert_eq!(c.report.level, Granularity::Span);
    assert_eq!(c.report.coders, ["alice", "carol"]);
    assert!(row(&st, "positive").unitized_alpha.is_some());
    // At span level the sort cycle starts with unitized alpha; back at unit level it is gone.
    press(&mut st, "s");
    assert_eq!(st.agreement.sort, Sort::By(Measure::UnitizedAlpha));
    press(&mut st, "l");
    assert_eq!(st.agreement.sort, Sort::By(Measure::KrippendorffAlpha));
}

#[test]
fn with_fewer_than_two_coders_the_screen_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f5>");
    match &st.agreement.result {
        Some(Err(e)) => assert!(e.contains("two coders"), "{e}"),
        other => panic!("expected an error, got {other:?}"),
    }
    let screen = tui_common::draw_text(&st, 80, 24);
    assert!(screen.contains("two coders"), "{screen}");
    // Keys on an empty table do nothing harmful.
    press(&mut st, "jjkGg<enter>soR");
    press(&mut st, "c");
    assert!(st.status.error && st.status.message.contains("two coders"));
}

#[test]
fn the_header_names_the_moderators_turns_it_leaves_out() {
    let (_t, dir) = common::sample_copy();
    let mut st = state(&dir, Some("alice"));
    press(&mut st, "<f5>");
    let moderators = st.project.units.iter().filter(|u| u.moderator).count();
    assert!(moderators > 0, "the sample has moderators' turns");
    let c = st.agreement.computed().expect("computed on open");
    assert_eq!(c.report.units as usize + moderators, st.project.units.len());
    let screen = tui_common::draw_text(&st, 80, 24);
    let line = screen.lines().find(|l| l.contains("Counted")).unwrap();
    assert!(
        line.contains(&format!("excluded {moderators} moderator turns")) && !line.contains('…'),
        "{line}"
    );
}
