//! Building a theme map from the command line, pinning two quotes and exporting it: the same
//! walk a researcher takes on the Themes screen, each step written under the lock.

mod common;
mod export_support;

use common::{fails_cleanly, json, sample_copy, thematic};
use export_support::readback::{self, ReadRow};
use std::path::Path;

fn ok(dir: &Path, args: &[&str]) {
    let o = thematic(dir).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn build_a_map_pin_two_quotes_and_export() {
    let (_t, dir) = sample_copy();
    std::fs::remove_file(dir.join("themes.json")).unwrap();
    fails_cleanly(
        &dir,
        &["themes", "add", "X", "--category", "C"],
        "has no section yet",
    );
    ok(
        &dir,
        &[
            "themes",
            "add-section",
            "Mentee response",
            "--where",
            "Role=mentee",
        ],
    );
    fails_cleanly(
        &dir,
        &["themes", "add-section", "mentee response"],
        "already a section",
    );
    ok(
        &dir,
        &[
            "themes",
            "add",
            "Similar interests",
            "--category",
            "Positive",
            "--codes",
            "Similar interests",
            "--description",
            "Shared interests.",
        ],
    );
    ok(
        &dir,
        &[
            "themes",
            "add",
            "Communication",
            "--category",
            "Positive",
            "--codes",
            "good-communication",
        ],
    );
    fails_cleanly(
        &dir,
        &[
            "themes",
            "add",
            "Trust",
            "--category",
            "Positive",
            "--codes",
            "Trust",
        ],
        "unknown code 'Trust'",
    );
    ok(&dir, &["themes", "move", "Communication", "--by", "-1"]);
    ok(
        &dir,
        &[
            "themes",
            "edit",
            "Communication",
            "--description",
            "Quick, clear replies.",
        ],
    );
    ok(
        &dir,
        &["themes", "add", "Scratch", "--category", "Negative"],
    );
    ok(&dir, &["themes", "remove", "Scratch"]);
    ok(
        &dir,
        &[
            "quote",
            "pin",
            "Communication",
            "mentee-survey:10:9",
            "--span",
            "99..173",
            "--text",
            "[S]he always answered my messages the same day…",
            "--coder",
            "alice",
        ],
    );
    ok(
        &dir,
        &[
            "quote",
            "pin",
            "Similar interests",
            "mentee-survey:23:9",
            "--span",
            "0..42",
            "--coder",
            "alice",
        ],
    );

    let show = json(&dir, &["themes", "show", "--coder", "alice", "--json"]);
    assert_eq!(
        show["sections"][0]["where"],
        serde_json::json!({"role": "mentee"})
    );
    let cats = show["sections"][0]["categories"].as_array().unwrap();
    assert_eq!(cats.len(), 2, "the emptied category stays until removed");
    let out = dir.join("../t.html");
    ok(&dir, &["export", "themes", "-o", out.to_str().unwrap()]);
    let t = readback::html(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(
        t.rows,
        vec![
            ReadRow::Section("Mentee response".into()),
            ReadRow::Category("Positive".into()),
            ReadRow::Body(vec![
                vec!["Communication".into()],
                vec!["Quick, clear replies.".into()],
                vec!["“[S]he always answered my messages the same day…”".into()],
            ]),
            ReadRow::Body(vec![
                vec!["Similar interests".into()],
                vec!["Shared interests.".into()],
                vec!["“We’re both interested in outcomes research”".into()],
            ]),
            ReadRow::Category("Negative".into()),
        ]
    );
    assert_eq!(t.notes, ["Quotes obtained from the survey."]);
}
