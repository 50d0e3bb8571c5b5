//! Recognizing `Name: text` and `[hh:mm:ss] Name: text` speaker labels.

/// A line split into an optional time stamp, a speaker and the rest of the text.
#[derive(Debug, PartialEq, Eq)]
pub struct Labelled<'a> {
    pub time: Option<&'a str>,
    pub speaker: &'a str,
    pub text: &'a str,
}

/// Parse a speaker label at the start of `line`. A label is 1–5 words of up to 40 characters
/// before a colon, starting with a letter, without sentence punctuation or digits-only words,
/// optionally after a `[hh:mm:ss]` or `hh:mm:ss` time stamp.
pub fn split_label(line: &str) -> Option<Labelled<'_>> {
    let (time, rest) = split_time(line.trim_start());
    let colon = rest.find(':')?;
    let name = rest[..colon].trim();
    let after = &rest[colon + 1..];
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return None; // "http://", "10:30", "Ratio:1"
    }
    if name.is_empty() || name.chars().count() > 40 || name.split_whitespace().count() > 5 {
        return None;
    }
    let first = name.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    if name
        .chars()
        .any(|c| matches!(c, ',' | ';' | '!' | '?' | '"' | '(' | ')' | '[' | ']'))
    {
        return None;
    }
    // A label is capitalised like a name or a role ("Moderator Lee", "ME07", "Interviewer").
    if !first.is_uppercase() {
        return None;
    }
    Some(Labelled {
        time,
        speaker: name,
        text: after.trim(),
    })
}

fn split_time(line: &str) -> (Option<&str>, &str) {
    if let Some(rest) = line.strip_prefix('[') {
        if let Some(end) = rest.find(']') {
            let t = &rest[..end];
            if is_clock(t) {
                return (Some(t), rest[end + 1..].trim_start());
            }
        }
        return (None, line);
    }
    let token = line.split_whitespace().next().unwrap_or("");
    if is_clock(token) && line.len() > token.len() {
        return (Some(token), line[token.len()..].trim_start());
    }
    (None, line)
}

/// `h:mm:ss`, `hh:mm:ss`, `mm:ss`, optionally with `.mmm` or `,mmm`.
pub fn is_clock(s: &str) -> bool {
    let main = s.split(['.', ',']).next().unwrap_or("");
    let parts: Vec<&str> = main.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let l = split_label("[00:01:02] Moderator Lee: Welcome, everyone.").unwrap();
        assert_eq!(
            (l.time, l.speaker, l.text),
            (Some("00:01:02"), "Moderator Lee", "Welcome, everyone.")
        );
        let l = split_label("ME07: It was fine.").unwrap();
        assert_eq!((l.time, l.speaker), (None, "ME07"));
        assert_eq!(split_label("0:12:05 Priya: yes").unwrap().speaker, "Priya");
        assert!(split_label("We met at 10:30 most weeks.").is_none());
        assert!(split_label("see http://x").is_none());
        assert!(split_label("Well, the thing is: no").is_none());
        assert!(split_label("what I said was: nothing").is_none());
        assert!(split_label("This is a very long sentence that goes on: yes").is_none());
    }
}
