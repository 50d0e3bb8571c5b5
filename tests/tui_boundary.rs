//! The boundary between the core and its two faces: no core module names a terminal or
//! command-line crate, or the TUI or CLI modules.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Where `name` stands as a whole word (not inside a longer identifier).
fn names(text: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

#[test]
fn the_core_never_names_the_terminal_the_command_line_or_the_faces() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut checked = 0;
    for f in files {
        let rel = f
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("tui/") || rel.starts_with("cli/") || rel == "main.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for name in ["ratatui", "crossterm", "clap", "crate::tui", "crate::cli"] {
            assert!(!names(&text, name), "{rel} names {name}");
        }
        checked += 1;
    }
    assert!(
        checked > 20,
        "only {checked} core files found under {}",
        src.display()
    );
}

#[test]
fn the_word_check_sees_names_and_only_names() {
    assert!(names("use ratatui::Frame;", "ratatui"));
    assert!(names("x: crate::tui::State", "crate::tui"));
    assert!(!names("let clapping = 1;", "clap"));
    assert!(!names("crate::tuition", "crate::tui"));
}
