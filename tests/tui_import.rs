//! The Import screen driven by keys, without a terminal: a survey with a column's role changed,
//! the focus group's VTT and interview notes previewed and imported (the preview's units are the
//! units written, and the equivalent command shown writes them too); bad input refused with the
//! CLI's words, nothing written; attributes merged after their preview; Tab completion and
//! recent folders. Snapshots at 80×24 and 120×40.

mod common;
mod tui_common;

use std::path::{Path, PathBuf};
use thematic::corpus::Unit;
use thematic::project::Project;
use thematic::tui::press;
use thematic::tui::screens::import::state::Preview;
use thematic::tui::screens::import::{Focus, equivalent};
use thematic::tui::state::{Screen, State};

/// The sample's raw files, as a researcher types them from the repository (tests run there).
const INPUTS: &str = "samples/mentorship-inputs/";

/// An empty project (with the starter codebook) in a temp dir, and the workbench on it.
fn empty() -> (tempfile::TempDir, PathBuf, State) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("study");
    Project::init(&root, Some("New study"), Some(tui_common::codebook())).unwrap();
    let st = tui_common::state(&root, Some("alice"));
    (t, root, st)
}

fn planned(st: &State) -> Vec<Unit> {
    match &st.import.preview {
        Some(Ok(Preview::Source(p))) => p.parsed.units.clone(),
        other => panic!("no plan: {other:?}"),
    }
}

fn units_of(st: &State, source: &str) -> Vec<Unit> {
    st.project
        .units
        .iter()
        .filter(|u| u.source == source)
        .cloned()
        .collect()
}

/// Run the command the screen shows on a fresh project; its units of `source`.
fn cli_units(command: &str, source: &str) -> Vec<Unit> {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("p");
    Project::init(&dir, None, None).unwrap();
    let words = shell_words(command);
    common::thematic(&dir)
        .current_dir(common::repo())
        .args(&words[1..])
        .assert()
        .success();
    Project::open(&dir)
        .unwrap()
        .units
        .into_iter()
        .filter(|u| u.source == source)
        .collect()
}

/// A command line split as a POSIX shell splits the screen's quoting: words, and '…' quoted
/// words ('\'' for a quote).
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in command.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            '\\' if !quoted => {}
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

fn snap(st: &State, name: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), tui_common::draw_text(st, w, h));
    }
}

#[test]
fn a_new_project_starts_on_the_sources_screen_saying_how_to_import() {
    let (_t, _root, st) = empty();
    assert_eq!(st.screen, Screen::Sources);
    let screen = tui_common::draw_text(&st, 80, 24);
    assert!(
        screen.contains("No sources yet. Press i to import"),
        "{screen}"
    );
}

#[test]
fn survey_with_a_column_ignored_previewed_then_imported() {
    let (_t, root, mut st) = empty();
    press(&mut st, "i");
    assert_eq!(st.screen, Screen::Import);
    press(&mut st, &format!("{INPUTS}mentee-survey.csv<enter>"));
    assert_eq!(st.import.focus, Focus::Preview);
    assert_eq!(st.import.target_note, "guessed from .csv");
    // Timestamp (the first column) is an attribute until Space makes it free text, then ignored.
    press(&mut st, "<space><space>");
    let cols = st.import.survey_columns();
    assert_eq!(cols[0].name, "Timestamp");
    assert_eq!(cols[0].role.label(), "ignored");
    assert_eq!(cols[1].role.label(), "case id");
    press(&mut st, "rmentee<enter>");
    assert_eq!(st.import.opts.role.as_deref(), Some("mentee"));
    let command = equivalent(&st.import);
    assert_eq!(
        command,
        "thematic import samples/mentorship-inputs/mentee-survey.csv --kind survey --role mentee \
         --case-column 2 --text-columns 9,10,11,12 --ignore-columns 1"
    );
    snap(&st, "import_survey");
    let plan = planned(&st);
    assert_eq!(plan.len(), 96);
    assert!(
        !root.join("sources").join("mentee-survey.csv").exists(),
        "nothing written by the preview"
    );

    press(&mut st, "<enter>");
    assert_eq!(st.screen, Screen::Sources);
    assert!(st.import.running.is_none());
    assert_eq!(
        units_of(&st, "mentee-survey"),
        plan,
        "the units as previewed"
    );
    assert_eq!(st.nav_len(), 96, "the Sources list shows the new units");
    assert!(
        st.status
            .message
            .starts_with("Imported samples/mentorship-inputs/mentee-survey.csv"),
        "{}",
        st.status.message
    );
    let case = st.project.case("ME16").unwrap();
    assert_eq!(case.attributes["role"], "mentee");
    assert!(!case.attributes.contains_key("timestamp"));
    assert_eq!(cli_units(&command, "mentee-survey"), plan);
}

#[test]
fn focus_group_transcript_shows_speakers_and_moderators() {
    let (_t, _root, mut st) = empty();
    press(&mut st, &format!("i{INPUTS}focus-group.vtt<enter>"));
    assert_eq!(st.import.target_note, "guessed: 6 speakers");
    let Some(Ok(Preview::Source(p))) = &st.import.preview else {
        panic!("a plan")
    };
    assert_eq!(
        p.report.moderators,
        ["Moderator Lee", "Moderator Okafor"],
        "moderators by their labels"
    );
    assert!(p.unlabelled().is_empty());
    press(&mut st, "jjj");
    snap(&st, "import_vtt");
    // m names the moderators: only Moderator Lee now; Okafor's turns become answers.
    press(&mut st, "mModerator Lee<enter>");
    let Some(Ok(Preview::Source(p))) = &st.import.preview else {
        panic!("a plan")
    };
    assert_eq!(p.report.moderators, ["Moderator Lee"]);
    let plan = planned(&st);
    assert!(
        plan.iter()
            .any(|u| u.speaker.as_deref() == Some("Moderator Okafor") && !u.moderator)
    );
    let command = equivalent(&st.import);
    assert!(
        command.ends_with("--moderator 'Moderator Lee'"),
        "{command}"
    );
    press(&mut st, "<enter>");
    assert_eq!(units_of(&st, "focus-group"), plan);
    assert_eq!(cli_units(&command, "focus-group"), plan);
    // The same file again is refused, as the CLI refuses it.
    press(&mut st, &format!("i<c-u>{INPUTS}focus-group.vtt<enter>"));
    let Some(Err(problem)) = &st.import.preview else {
        panic!("refused")
    };
    assert_eq!(
        problem.message,
        "samples/mentorship-inputs/focus-group.vtt: field '--id': a source with id \
         'focus-group' is already imported; give another --id"
    );
}

#[test]
fn notes_with_their_case_and_an_attribute() {
    let (_t, _root, mut st) = empty();
    press(&mut st, &format!("i{INPUTS}interview-mentor-12.txt<enter>"));
    assert_eq!(st.import.target_note, "guessed: no speaker labels");
    press(&mut st, "cMR12<enter>");
    press(&mut st, "asite=North; fellowship=Pediatric<enter>");
    assert_eq!(
        equivalent(&st.import),
        "thematic import samples/mentorship-inputs/interview-mentor-12.txt --kind notes \
         --case MR12 --attr site=North --attr fellowship=Pediatric"
    );
    snap(&st, "import_notes");
    // A value without '=' is refused with the CLI's words, and the attributes stay.
    press(&mut st, "a<c-u>site<enter>");
    assert_eq!(
        st.status.message,
        "samples/mentorship-inputs/interview-mentor-12.txt: field '--attr': 'site' is not KEY=VALUE"
    );
    assert_eq!(st.import.opts.attrs.len(), 2);
    let plan = planned(&st);
    press(&mut st, "<enter>");
    assert_eq!(units_of(&st, "interview-mentor-12"), plan);
    let case = st.project.case("MR12").unwrap();
    assert_eq!(case.attributes["site"], "North");
}

#[test]
fn bad_input_is_refused_as_the_cli_refuses_it_and_nothing_is_written() {
    let (t, root, mut st) = empty();
    let bad = t.path().join("bad.csv");
    std::fs::write(
        &bad,
        "id,answer\nr1,\"We met every week and it was very helpful indeed\"\nr2,one,two\n",
    )
    .unwrap();
    let before = common::snapshot(&root);
    press(&mut st, &format!("i{}<enter>", bad.display()));
    let Some(Err(problem)) = st.import.preview.clone() else {
        panic!("refused")
    };
    let cli = common::thematic(&root)
        .args(["import", bad.to_str().unwrap(), "--kind", "survey"])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&cli.get_output().stderr).into_owned();
    assert_eq!(stderr.trim(), format!("error: {}", problem.message));
    assert_eq!(problem.at, Some((3, "r2,one,two".to_string())), "the line");
    let screen = tui_common::draw_text(&st, 120, 40);
    assert!(
        screen.contains("row has 3 fields but the header has 2"),
        "{screen}"
    );
    assert!(screen.contains("3 │ r2,one,two"), "{screen}");
    press(&mut st, "<enter>");
    assert!(st.status.error);
    assert_eq!(
        st.status.message,
        format!("Nothing was imported: {}", problem.message)
    );
    assert_eq!(common::snapshot(&root), before, "nothing written");
}

#[test]
fn attributes_are_previewed_by_case_id_then_merged() {
    let (_t, root, mut st) = empty();
    press(&mut st, &format!("i{INPUTS}focus-group.vtt<enter><enter>"));
    press(&mut st, &format!("i<c-u>{INPUTS}attributes.csv<enter>"));
    let Some(Ok(Preview::Attributes(a))) = &st.import.preview else {
        panic!("an attributes plan: {:?}", st.import.preview)
    };
    assert!(a.matched.contains(&"Priya".to_string()));
    assert!(a.unknown.contains(&"ME07".to_string()));
    let refusal = a.refusal(false).unwrap().to_string();
    let screen = tui_common::draw_text(&st, 120, 40);
    assert!(screen.contains("not in the project"), "{screen}");
    // Refused as the CLI refuses it, nothing written.
    let before = common::snapshot(&root);
    press(&mut st, "<enter>");
    assert_eq!(st.status.message, refusal);
    assert_eq!(common::snapshot(&root), before);
    // N: the unknown ids become new cases.
    press(
        &mut st,
        &format!("<esc><c-u>{INPUTS}attributes.csv<enter>N"),
    );
    assert_eq!(
        equivalent(&st.import),
        "thematic attributes samples/mentorship-inputs/attributes.csv --new-cases"
    );
    press(&mut st, "<enter>");
    assert!(!st.status.error, "{}", st.status.message);
    assert_eq!(
        st.project.case("Priya").unwrap().attributes["role"],
        "mentee"
    );
    assert!(st.project.case("ME07").is_some());
}

#[test]
fn tab_completes_and_the_folder_is_remembered() {
    let (_t, root, mut st) = empty();
    press(&mut st, "isamples/mentorship-inp<tab>");
    assert_eq!(st.import.path.value(), INPUTS);
    assert!(
        st.import
            .entries
            .iter()
            .any(|e| e.path == Path::new(INPUTS).join("focus-group.vtt"))
    );
    // ↓ to the second file (focus-group.vtt), Enter previews it.
    press(&mut st, "<down><down><enter>");
    assert_eq!(
        st.import.file.as_deref(),
        Some(Path::new(INPUTS).join("focus-group.vtt").as_path())
    );
    press(&mut st, "<enter>");
    let recent = &st.config.recent_folders;
    assert_eq!(recent.len(), 1);
    assert!(
        recent[0].ends_with("samples/mentorship-inputs/"),
        "{recent:?}"
    );
    // Next time, with nothing typed, the folder is offered first.
    press(&mut st, "i<c-u>");
    assert!(st.import.entries[0].recent);
    let cfg = std::fs::read_to_string(root.parent().unwrap().join("config/config.json")).unwrap();
    assert!(cfg.contains("mentorship-inputs"), "{cfg}");
    // Esc on the path goes back to the Sources screen.
    press(&mut st, "<esc>");
    assert_eq!(st.screen, Screen::Sources);
    // The : line takes a path and previews it.
    press(
        &mut st,
        &format!(":import {INPUTS}interview-mentee-07.md<enter>"),
    );
    assert_eq!(st.screen, Screen::Import);
    assert_eq!(st.import.focus, Focus::Preview);
    assert_eq!(
        st.import.target,
        Some(thematic::tui::screens::import::Target::Source(
            thematic::corpus::SourceKind::Interview
        ))
    );
}

#[test]
fn the_import_runs_on_the_worker_and_reports_its_progress_for_the_gauge() {
    use thematic::tui::action::Effect;
    let (_t, _root, mut st) = empty();
    press(&mut st, &format!("i{INPUTS}focus-group.vtt<enter>"));
    let effects = thematic::tui::screens::import::work::run(&mut st);
    let Some(Effect::Spawn(job)) = effects.into_iter().next() else {
        panic!("a job for the worker")
    };
    assert!(st.import.running.is_some(), "the gauge shows at once");
    let mut reports = Vec::new();
    let done = job.run(&mut |a| reports.push(a));
    assert_eq!(reports.len(), 3, "opening the project, writing, done");
    let mut steps = Vec::new();
    for r in reports {
        thematic::tui::update(&mut st, r);
        let running = st.import.running.clone().unwrap();
        steps.push(running.step);
        if running.step == 2 {
            let screen = tui_common::draw_text(&st, 80, 24);
            assert!(screen.contains("Writing 72 units"), "{screen}");
        }
    }
    assert_eq!(steps, [1, 2, 3]);
    thematic::tui::update(&mut st, done);
    assert!(st.import.running.is_none());
    assert_eq!(st.screen, Screen::Sources);
    assert_eq!(units_of(&st, "focus-group").len(), 72);
}
