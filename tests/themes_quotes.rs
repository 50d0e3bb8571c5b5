//! quote pin|unpin|suggest through the command line: which theme, the display-text rules,
//! what may be pinned, suggestions ranked with reasons.

mod common;

use common::{fails_cleanly, json, sample_copy, thematic};
use serde_json::Value;
use std::path::Path;

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = thematic(dir).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn pin_unpin_and_suggest_follow_the_quote_rules() {
    let (_t, dir) = sample_copy();
    let alice = ["--coder", "alice"];
    let pin = |extra: &[&str]| {
        let mut a = vec![
            "quote",
            "pin",
            "Similar interests",
            "--section",
            "Mentee response",
        ];
        a.extend_from_slice(extra);
        a.extend_from_slice(&alice);
        a.into_iter().map(String::from).collect::<Vec<String>>()
    };
    // The same name in two sections: the section must be named.
    fails_cleanly(
        &dir,
        &[
            "quote",
            "pin",
            "Similar interests",
            "mentee-survey:1:9",
            "--coder",
            "alice",
        ],
        "theme 'Similar interests' is in 2 places ('Mentee response' / ",
    );
    // A display text that changes a word is refused, naming where.
    let v = pin(&[
        "mentee-survey:1:9",
        "--span",
        "0..53",
        "--text",
        "Our interests differ (we both do neonatal follow-up)",
    ]);
    fails_cleanly(
        &dir,
        &args(&v),
        "--text changes the original near \"differ (we both do neonatal follow-up)\"",
    );
    // A mentor's answer does not belong to the mentee section.
    let v = pin(&["mentor-survey:17:8"]);
    fails_cleanly(
        &dir,
        &args(&v),
        "is not from a participant of section 'Mentee response'",
    );
    // A unit not coded with the theme's codes.
    let v = pin(&["mentee-survey:7:9"]);
    fails_cleanly(
        &dir,
        &args(&v),
        "is not coded with any of theme 'Similar interests''s codes",
    );
    // Already pinned.
    let v = pin(&["mentee-survey:24:9", "--span", "12..82"]);
    fails_cleanly(&dir, &args(&v), "already pinned");

    // Suggestions: ranked, with reasons, never what is pinned here.
    let s = json(
        &dir,
        &[
            "quote",
            "suggest",
            "Similar interests",
            "--section",
            "Mentee response",
            "--coder",
            "alice",
            "--json",
            "--limit",
            "5",
        ],
    );
    let list = s.as_array().unwrap();
    assert_eq!(list.len(), 5);
    for (i, c) in list.iter().enumerate() {
        assert_eq!(c["rank"], i + 1);
        assert!(!c["reasons"].as_array().unwrap().is_empty());
        assert_ne!(c["unit"], "mentee-survey:24:9");
        assert!(c["unit"].as_str().unwrap().starts_with("mentee") || c["case"].is_string());
    }
    let scores: Vec<f64> = list.iter().map(|c| c["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(
        list[0]["reasons"]
            .to_string()
            .contains("coded by alice and bob alike")
    );

    // Pin the best one with a bracketed, trimmed display text; it keeps the original.
    let top = list[0]["unit"].as_str().unwrap().to_string();
    let [a, b] = [
        list[0]["span"][0].as_u64().unwrap(),
        list[0]["span"][1].as_u64().unwrap(),
    ];
    let original = list[0]["text"].as_str().unwrap().to_string();
    let span = format!("{a}..{b}");
    let display = format!("[Our] {}", original.split_once(' ').unwrap().1);
    let v = pin(&[&top, "--span", &span, "--text", &display]);
    ok(&dir, &args(&v));
    let map: Value =
        serde_json::from_slice(&std::fs::read(dir.join("themes.json")).unwrap()).unwrap();
    let quotes = &map["sections"][0]["categories"][0]["themes"][0]["quotes"];
    let q = &quotes[quotes.as_array().unwrap().len() - 1];
    assert_eq!(q["unit"], top.as_str());
    assert_eq!(q["text"], display.as_str());
    assert_eq!(q["original"], original.as_str());
    assert!(
        !q["text"].as_str().unwrap().contains('“'),
        "curly quotes are never stored"
    );
    // It is no longer suggested.
    let s = json(
        &dir,
        &[
            "quote",
            "suggest",
            "Similar interests",
            "--section",
            "Mentee response",
            "--coder",
            "alice",
            "--json",
        ],
    );
    assert!(
        s.as_array()
            .unwrap()
            .iter()
            .all(|c| c["unit"] != top.as_str())
    );

    // Unpin it, and unpinning again is an error.
    ok(
        &dir,
        &[
            "quote",
            "unpin",
            "Similar interests",
            &top,
            "--section",
            "Mentee response",
        ],
    );
    fails_cleanly(
        &dir,
        &[
            "quote",
            "unpin",
            "Similar interests",
            &top,
            "--section",
            "Mentee response",
        ],
        "has no quote from unit",
    );
}
