//! The command line that does what the Import screen will do, so that an analysis can be
//! scripted later: `thematic import FILE --kind … --role …` or `thematic attributes FILE`.

use super::state::Target;
use crate::corpus::import::ImportOptions;
use std::path::Path;

/// A word as a POSIX shell reads it back: bare when it is plain, else in single quotes.
pub fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,+@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The equivalent command for `file` read as `target` with these flags.
pub fn equivalent(
    file: &Path,
    target: Target,
    opts: &ImportOptions,
    id: Option<&str>,
    new_cases: bool,
) -> String {
    let mut words: Vec<String> = vec!["thematic".into()];
    let kind = match target {
        Target::Attributes => {
            words.push("attributes".into());
            words.push(quote(&file.display().to_string()));
            if new_cases {
                words.push("--new-cases".into());
            }
            return words.join(" ");
        }
        Target::Source(k) => k,
    };
    words.push("import".into());
    words.push(quote(&file.display().to_string()));
    words.push("--kind".into());
    words.push(kind.as_str().into());
    let mut flag = |name: &str, value: &str| {
        words.push(format!("--{name}"));
        words.push(quote(value));
    };
    if let Some(id) = id {
        flag("id", id);
    }
    if let Some(r) = &opts.role {
        flag("role", r);
    }
    if let Some(c) = &opts.case_column {
        flag("case-column", c);
    }
    if !opts.text_columns.is_empty() {
        flag("text-columns", &opts.text_columns.join(","));
    }
    if !opts.ignore_columns.is_empty() {
        flag("ignore-columns", &opts.ignore_columns.join(","));
    }
    if let Some(c) = &opts.case {
        flag("case", c);
    }
    for m in &opts.moderators {
        flag("moderator", m);
    }
    for (k, v) in &opts.attrs {
        flag("attr", &format!("{k}={v}"));
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SourceKind;

    #[test]
    fn flags_in_cli_form_quoted_for_the_shell() {
        let opts = ImportOptions {
            role: Some("mentee".into()),
            text_columns: vec!["9".into(), "10".into()],
            ignore_columns: vec!["1".into()],
            moderators: vec!["Moderator Lee".into()],
            attrs: vec![("site".into(), "North campus".into())],
            ..Default::default()
        };
        assert_eq!(
            equivalent(
                Path::new("in/mentee survey.csv"),
                Target::Source(SourceKind::Survey),
                &opts,
                None,
                false
            ),
            "thematic import 'in/mentee survey.csv' --kind survey --role mentee \
             --text-columns 9,10 --ignore-columns 1 --moderator 'Moderator Lee' \
             --attr 'site=North campus'"
        );
        assert_eq!(
            equivalent(Path::new("a.csv"), Target::Attributes, &opts, None, true),
            "thematic attributes a.csv --new-cases"
        );
        assert_eq!(quote("it's"), r"'it'\''s'");
    }
}
