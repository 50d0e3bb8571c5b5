//! Notes, interview notes and plain transcripts: a unit per paragraph or speaker turn.

use super::speaker::split_label;
use crate::corpus::{Parsed, Unit};
use crate::error::{Error, Result};
use std::path::Path;

/// A paragraph with the 1-based line (or .docx paragraph number) it starts on.
pub struct Paragraph {
    pub line: usize,
    pub text: String,
}

/// Whether a file's `Name:` labels are speakers: at least two different labels that each come
/// back at least twice, or at least two different labels after a time stamp
/// (`[00:00:12] Dana: …`, where a participant may speak only once). Notes with one-off topic
/// labels ("On matching: …") are not turns.
fn uses_speaker_labels<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut timed: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for l in lines {
        if let Some(label) = split_label(l) {
            *counts.entry(label.speaker).or_default() += 1;
            if label.time.is_some() {
                timed.insert(label.speaker);
            }
        }
    }
    timed.len() >= 2 || counts.values().filter(|&&n| n >= 2).count() >= 2
}

/// Split text into paragraphs at blank lines. A line with a speaker label also starts a new
/// paragraph when the file uses labels (transcripts often have no blank lines).
fn split(text: &str, uses_labels: bool) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            out.extend(current.take());
            continue;
        }
        let heading = line.starts_with('#');
        if (uses_labels && split_label(line).is_some()) || heading {
            out.extend(current.take());
        }
        match &mut current {
            Some(p) => {
                p.text.push('\n');
                p.text.push_str(line.trim());
            }
            None => {
                current = Some(Paragraph {
                    line: i + 1,
                    text: line.trim().to_string(),
                })
            }
        }
        if heading {
            out.extend(current.take());
        }
    }
    out.extend(current);
    out
}

pub fn parse_text(
    path: &Path,
    text: &str,
    source_id: &str,
    transcript: bool,
    case: Option<&str>,
) -> Result<Parsed> {
    let labels = uses_speaker_labels(text.lines());
    parse_paragraphs(path, split(text, labels), source_id, transcript, case)
}

/// Turn paragraphs into units. Markdown headings are not units; they become the prompt of the
/// paragraphs under them. With `transcript`, consecutive turns of one speaker join into one.
pub fn parse_paragraphs(
    path: &Path,
    paragraphs: Vec<Paragraph>,
    source_id: &str,
    transcript: bool,
    case: Option<&str>,
) -> Result<Parsed> {
    let labels = uses_speaker_labels(paragraphs.iter().map(|p| p.text.as_str()));
    let mut units: Vec<Unit> = Vec::new();
    let mut heading: Option<String> = None;
    for p in paragraphs {
        if let Some(h) = p.text.strip_prefix('#') {
            heading = Some(h.trim_start_matches('#').trim().to_string());
            continue;
        }
        let (speaker, time, body) = match split_label(&p.text).filter(|_| labels) {
            Some(l) => (
                Some(l.speaker.to_string()),
                l.time.map(str::to_string),
                l.text.to_string(),
            ),
            None => (None, None, p.text.clone()),
        };
        if body.trim().is_empty() {
            continue;
        }
        if transcript
            && let (Some(last), Some(s)) = (units.last_mut(), &speaker)
            && last.speaker.as_deref() == Some(s)
        {
            last.text.push(' ');
            last.text.push_str(&body);
            continue;
        }
        let case_id = speaker.clone().or_else(|| case.map(str::to_string));
        units.push(Unit {
            id: String::new(),
            source: source_id.to_string(),
            case: case_id,
            prompt: heading.clone(),
            speaker,
            time,
            line: p.line,
            text: body,
            moderator: false,
        });
    }
    if units.is_empty() {
        return Err(Error::input(path, None, "no paragraphs of text were found"));
    }
    for (i, u) in units.iter_mut().enumerate() {
        u.id = format!("{source_id}:{}", i + 1);
    }
    let cases = super::cases_from_units(&units);
    Ok(Parsed {
        cases,
        units,
        ..Default::default()
    })
}
