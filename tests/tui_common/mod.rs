//! Test projects built through the core API in a temp dir: a small survey, notes with a
//! CJK/emoji unit and a combining mark, and the mentorship codebook.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use thematic::codebook::Codebook;
use thematic::corpus::SourceKind;
use thematic::corpus::import::ImportOptions;
use thematic::project::Project;
use thematic::tui::State;
use thematic::tui::config::Config;

pub const SURVEY: &str = "id,role,fellowship,What helped you most in the program?\n\
r1,mentee,Pediatric,\"My mentor answered quickly. It helped a lot, especially with my first grant.\"\n\
r2,mentee,Adult,\"We rarely met; she was too busy with clinical service and travel.\"\n\
r3,mentor,Adult,\"Training for mentors would help, and clearer expectations from the start.\"\n";

pub const NOTES: &str = "# Debrief notes\n\nDr. Smith met me every week. We talked about grants! Then it stopped.\n\n\
日本語のテキスト👩‍🔬と絵文字。次の文です。\n\nShe was always late, and e\u{301}motional support mattered.\n";

/// The CJK/emoji unit's id.
pub const CJK_UNIT: &str = "notes:2";

pub fn codebook() -> Codebook {
    Codebook::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/mentorship.json"))
        .expect("codebook")
}

/// A project in `dir/study` with 3 survey units (r1..r3) then 3 notes units.
pub fn project(dir: &Path) -> PathBuf {
    let root = dir.join("study");
    let mut p = Project::init(&root, Some("Tiny study"), Some(codebook())).expect("init");
    let survey = dir.join("survey.csv");
    std::fs::write(&survey, SURVEY).expect("write");
    p.import(&survey, SourceKind::Survey, None, &ImportOptions::default())
        .expect("import survey");
    let notes = dir.join("notes.md");
    std::fs::write(&notes, NOTES).expect("write");
    p.import(&notes, SourceKind::Notes, None, &ImportOptions::default())
        .expect("import notes");
    root
}

/// A workbench state on the project for `coder`, with its config in `dir/config` and its
/// search index under `dir/cache` (never the user's own folders).
pub fn state(root: &Path, coder: Option<&str>) -> State {
    let cfg_dir = root.parent().expect("parent").join("config");
    let cfg = Config::load(&cfg_dir).expect("config");
    let mut st = State::new(
        Project::open(root).expect("open"),
        coder.map(str::to_string),
        cfg,
        Some(cfg_dir),
    );
    st.cache_dir = Some(cache_dir(root));
    st
}

/// Where `state` keeps the search index of the project at `root`.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.parent().expect("parent").join("cache")
}

pub fn current_id(st: &State) -> String {
    st.current_unit().map(|u| u.id.clone()).unwrap_or_default()
}

/// Write `coder`'s log through the core: each unit gets its codes (whole unit) and is marked
/// reviewed, one action per unit.
pub fn code_as(root: &Path, coder: &str, units: &[(&str, &[&str])]) {
    use thematic::coding::Change;
    let p = Project::open(root).expect("open");
    let mut log = p.open_log(coder).expect("log");
    for (unit, codes) in units {
        let mut changes: Vec<Change> = codes
            .iter()
            .map(|c| Change::Apply {
                unit: unit.to_string(),
                code: c.to_string(),
                span: None,
                memo: None,
            })
            .collect();
        changes.push(Change::Review {
            unit: unit.to_string(),
        });
        log.record(&changes).expect("record");
    }
}

/// Two coders on the tiny study: they agree except on good communication in notes:1 (alice
/// only) and on survey:2:4 (alice: inadequate communication, bob: availability and time).
/// Nobody applied similar interests (its measures are undefined).
pub fn two_coders(dir: &Path) -> PathBuf {
    let root = project(dir);
    code_as(
        &root,
        "alice",
        &[
            ("survey:1:4", &["good-communication", "positive"]),
            ("survey:2:4", &["inadequate-communication", "negative"]),
            ("survey:3:4", &["mentor-training", "positive"]),
            ("notes:1", &["good-communication", "positive"]),
            ("notes:2", &[]),
            ("notes:3", &["emotional-support", "negative"]),
        ],
    );
    code_as(
        &root,
        "bob",
        &[
            ("survey:1:4", &["good-communication", "positive"]),
            ("survey:2:4", &["availability-and-time", "negative"]),
            ("survey:3:4", &["mentor-training", "positive"]),
            ("notes:1", &["positive"]),
            ("notes:2", &[]),
            ("notes:3", &["emotional-support", "negative"]),
        ],
    );
    root
}

/// The screen as text, drawn on a `w`×`h` TestBackend.
pub fn draw_text(st: &State, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("term");
    term.draw(|f| {
        thematic::tui::frame::render(st, f);
    })
    .expect("draw");
    term.backend().to_string()
}
