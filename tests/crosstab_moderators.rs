//! Crosstabs count participants' answers: a moderator's turn gives no case a code or a theme
//! and a moderator's case has no value, unless `--moderators` asks for them, as agreement does.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn run(dir: &Path, args: &[&str]) {
    let out = thematic(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The moderated panel (a facilitator's question, two mentees answering, a host's question,
/// an answer) held at two sites, each speaker named with the site (a speaker is a case). Alice
/// codes matching-process on:
/// - north: the facilitator's question and Dana's answer;
/// - south: the facilitator's question only;
///
/// and reviews every turn, so every speaker's case is decided.
fn project() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("p");
    let codebook = repo().join("codebooks/mentorship.json");
    run(
        &dir,
        &[
            "init",
            dir.to_str().unwrap(),
            "--codebook",
            codebook.to_str().unwrap(),
        ],
    );
    let panel =
        std::fs::read_to_string(repo().join("tests/fixtures/import/moderated-panel.txt")).unwrap();
    for site in ["north", "south"] {
        let mut text = panel.clone();
        for name in ["Ruth", "Dana", "Omar", "Sam"] {
            text = text.replace(&format!("{name}:"), &format!("{name} {site}:"));
        }
        let file = t.path().join(format!("{site}.txt"));
        std::fs::write(&file, text).unwrap();
        let attr = format!("site={site}");
        let file = file.to_str().unwrap();
        run(
            &dir,
            &[
                "import",
                file,
                "--kind",
                "focus-group",
                "--id",
                site,
                "--attr",
                &attr,
            ],
        );
        let units: Vec<String> = (1..=5).map(|i| format!("{site}:{i}")).collect();
        let mut review = vec!["review", "--coder", "alice"];
        review.extend(units.iter().map(String::as_str));
        run(&dir, &review);
    }
    for unit in ["north:1", "north:2", "south:1"] {
        run(
            &dir,
            &["code", "--coder", "alice", unit, "matching-process"],
        );
    }
    std::fs::write(
        dir.join("panel-themes.json"),
        r#"{"format": 1, "sections": [{"title": "Panel", "categories": [{"title": "Themes",
            "themes": [{"name": "Matching", "codes": ["matching-process"]}]}]}]}"#,
    )
    .unwrap();
    let themes = dir.join("panel-themes.json");
    run(&dir, &["themes", "import", themes.to_str().unwrap()]);
    (t, dir)
}

fn table(dir: &Path, col: &str, extra: &[&str]) -> Value {
    let mut args = vec!["crosstab", "site", col, "--coder", "alice", "--json"];
    args.extend_from_slice(extra);
    json(dir, &args)
}

fn counts(v: &Value) -> Vec<Vec<u64>> {
    serde_json::from_value(v["counts"].clone()).unwrap()
}

#[test]
fn moderators_turns_and_cases_do_not_count_unless_asked_for() {
    let (_t, dir) = project();
    for col in ["code:matching-process", "theme:Matching"] {
        let t = table(&dir, col, &[]);
        assert_eq!(t["rows"], serde_json::json!(["north", "south"]), "{col}");
        assert_eq!(t["cols"], serde_json::json!(["yes", "no"]), "{col}");
        // Dana, Omar and Host Sam (not a moderator's name) at each site; the facilitators'
        // cases are missing and their questions give no one the code.
        assert_eq!(counts(&t), [[1, 2], [0, 3]], "{col}");
        assert_eq!(t["missing"]["col"], 2, "{col}: the two facilitators");

        let all = table(&dir, col, &["--moderators"]);
        assert_eq!(counts(&all), [[2, 2], [1, 3]], "{col} --moderators");
        assert_eq!(all["missing"]["col"], 0, "{col}");
    }
}
