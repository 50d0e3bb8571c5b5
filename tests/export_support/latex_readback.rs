//! LaTeX read back: environments and braces balanced, escaping undone for comparison.

/// Checks `\begin`/`\end` pairs nest properly and braces balance (ignoring escaped ones);
/// returns the environments opened, in order.
pub fn latex_environments(tex: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut opened = Vec::new();
    let mut depth = 0i64;
    let b = tex.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i == 0 || b[i - 1] != b'\\' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\\' if i + 1 < b.len() && b"{}%&$#_\\".contains(&b[i + 1]) => {
                i += 2;
                continue;
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                assert!(depth >= 0, "unbalanced '}}' at byte {i}");
            }
            _ => {}
        }
        for (kw, open) in [("\\begin{", true), ("\\end{", false)] {
            if tex[i..].starts_with(kw) {
                let rest = &tex[i + kw.len()..];
                let name = rest[..rest.find('}').unwrap()].to_string();
                if open {
                    opened.push(name.clone());
                    stack.push(name);
                } else {
                    assert_eq!(
                        stack.pop().as_deref(),
                        Some(name.as_str()),
                        "\\end{{{name}}}"
                    );
                }
            }
        }
        i += 1;
    }
    assert_eq!(depth, 0, "braces balance");
    assert!(stack.is_empty(), "environments left open: {stack:?}");
    opened
}

/// Undoes the LaTeX escaping of text (for comparing cell contents).
pub fn latex_unescape(s: &str) -> String {
    let mut s = s.to_string();
    for (from, to) in [
        ("\\textbackslash{}", "\\"),
        ("\\textasciitilde{}", "~"),
        ("\\textasciicircum{}", "^"),
        ("\\textless{}", "<"),
        ("\\textgreater{}", ">"),
        ("\\textbar{}", "|"),
        ("\\textquotedbl{}", "\""),
        ("\\ldots{}", "…"),
        ("``", "“"),
        ("''", "”"),
        ("---", "—"),
        ("--", "–"),
        ("\\&", "&"),
        ("\\%", "%"),
        ("\\$", "$"),
        ("\\#", "#"),
        ("\\_", "_"),
        ("\\{", "{"),
        ("\\}", "}"),
    ] {
        s = s.replace(from, to);
    }
    s
}
