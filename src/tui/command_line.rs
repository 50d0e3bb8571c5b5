//! The `:` command line: a command's name (or one of its short words, from the one registry in
//! `action.rs`) and what follows it, parsed to an action for the router.

use super::action::{Action, Command};

/// Parse a typed line: `Ok(None)` for an empty line, an error message for an unknown command.
pub fn parse(line: &str) -> Result<Option<Action>, String> {
    let line = line.trim().trim_start_matches(':').trim();
    if line.is_empty() {
        return Ok(None);
    }
    // The longest name or word the line starts with (`filter clear` before `filter`).
    let mut best: Option<(Command, usize)> = None;
    for &cmd in Command::ALL {
        for w in std::iter::once(cmd.name()).chain(cmd.words().iter().copied()) {
            let fits = line == w
                || line
                    .strip_prefix(w)
                    .is_some_and(|rest| rest.starts_with(char::is_whitespace));
            if fits && best.is_none_or(|(_, n)| w.len() > n) {
                best = Some((cmd, w.len()));
            }
        }
    }
    match best {
        Some((cmd, n)) => Ok(Some(Action::Line {
            cmd,
            arg: line[n..].trim().to_string(),
        })),
        None => {
            let word = line.split_whitespace().next().unwrap_or(line);
            Err(format!(
                "Unknown command ':{word}'; :help or ? lists the commands"
            ))
        }
    }
}

/// The `:` commands for the help screen: usage and what it does.
pub fn listing() -> Vec<(String, &'static str)> {
    Command::ALL
        .iter()
        .filter(|c| c.on_command_line())
        .map(|c| {
            // The name, unless it is a config-style name with a short word for the line.
            let word = match c.words().first() {
                Some(w) if c.name().contains('_') => w,
                _ => c.name(),
            };
            let usage = match c.argument() {
                Some(arg) => format!(":{word} [{arg}]"),
                None => format!(":{word}"),
            };
            (usage, c.describe())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> (Command, String) {
        match parse(line) {
            Ok(Some(Action::Line { cmd, arg })) => (cmd, arg),
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn names_words_and_arguments() {
        assert_eq!(parsed(":q"), (Command::Quit, String::new()));
        assert_eq!(
            parsed("goto notes:1"),
            (Command::GotoUnit, "notes:1".into())
        );
        assert_eq!(
            parsed("filter clear"),
            (Command::ClearFilters, String::new())
        );
        assert_eq!(
            parsed("memo two  words"),
            (Command::Memo, "two  words".into())
        );
        assert_eq!(parsed("next_unit"), (Command::NextUnit, String::new()));
        assert!(matches!(parse("  "), Ok(None)));
        assert_eq!(
            parse("frobnicate now").err().as_deref(),
            Some("Unknown command ':frobnicate'; :help or ? lists the commands")
        );
    }
}
