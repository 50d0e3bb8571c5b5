//! WebVTT (Zoom, Teams) and SRT subtitles: cues joined into speaker turns.

use super::speaker::split_label;
use crate::corpus::{Parsed, Unit};
use crate::error::{Error, Result};
use std::path::Path;

struct Cue {
    line: usize,
    start: String,
    speaker: Option<String>,
    text: String,
}

/// Split into blocks separated by blank lines: (first line number, lines).
fn blocks(text: &str) -> Vec<(usize, Vec<&str>)> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push((start, std::mem::take(&mut cur)));
            }
        } else {
            if cur.is_empty() {
                start = i + 1;
            }
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push((start, cur));
    }
    out
}

/// Remove `<v Name>` (returning Name), `</v>`, `<c.x>`, `<i>`, `<00:00:01.000>` and other tags.
fn strip_tags(s: &str) -> (Option<String>, String) {
    let mut voice = None;
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if let Some(v) = tag.strip_prefix('v').filter(|t| t.starts_with([' ', '.'])) {
            let name = v.split_once(' ').map_or("", |(_, n)| n).trim();
            if !name.is_empty() && voice.is_none() {
                voice = Some(name.to_string());
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ");
    (voice, out)
}

fn cue_from(line: usize, timing: &str, text_lines: &[&str]) -> Cue {
    let start = timing.split("-->").next().unwrap_or("").trim().to_string();
    let joined = text_lines
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let (voice, text) = strip_tags(&joined);
    let (speaker, text) = match voice {
        Some(v) => (Some(v), text.trim().to_string()),
        None => match split_label(&text) {
            Some(l) => (Some(l.speaker.to_string()), l.text.to_string()),
            None => (None, text.trim().to_string()),
        },
    };
    Cue {
        line,
        start,
        speaker,
        text,
    }
}

pub fn parse_vtt(path: &Path, text: &str, source_id: &str) -> Result<Parsed> {
    let mut bl = blocks(text).into_iter();
    match bl.next() {
        Some((_, lines)) if lines[0].trim_start().starts_with("WEBVTT") => {}
        _ => {
            return Err(Error::input(
                path,
                Some(1),
                "not a WebVTT file: the first line must be WEBVTT",
            ));
        }
    }
    let mut cues = Vec::new();
    for (line, lines) in bl {
        let first = lines[0].trim_start();
        if first.starts_with("NOTE") || first.starts_with("STYLE") || first.starts_with("REGION") {
            continue;
        }
        let Some(t) = lines.iter().position(|l| l.contains("-->")) else {
            return Err(Error::input(
                path,
                Some(line),
                "cue without a timing line (00:00:00.000 --> …)",
            ));
        };
        if t > 1 {
            return Err(Error::input(
                path,
                Some(line + t),
                "timing line must be the cue's first or second line",
            ));
        }
        cues.push(cue_from(line + t, lines[t], &lines[t + 1..]));
    }
    turns(path, cues, source_id)
}

pub fn parse_srt(path: &Path, text: &str, source_id: &str) -> Result<Parsed> {
    let mut cues = Vec::new();
    for (line, lines) in blocks(text) {
        let Some(t) = lines.iter().position(|l| l.contains("-->")) else {
            return Err(Error::input(
                path,
                Some(line),
                "SRT block without a timing line (00:00:00,000 --> …)",
            ));
        };
        if t > 1 {
            return Err(Error::input(
                path,
                Some(line + t),
                "timing line must follow the cue number",
            ));
        }
        cues.push(cue_from(line + t, lines[t], &lines[t + 1..]));
    }
    turns(path, cues, source_id)
}

/// Consecutive cues of one speaker join into one turn; a cue with no speaker continues the
/// previous turn.
fn turns(path: &Path, cues: Vec<Cue>, source_id: &str) -> Result<Parsed> {
    let mut units: Vec<Unit> = Vec::new();
    for cue in cues {
        if cue.text.is_empty() {
            continue;
        }
        if let Some(last) = units.last_mut()
            && (cue.speaker.is_none() || cue.speaker == last.speaker)
        {
            last.text.push(' ');
            last.text.push_str(&cue.text);
            continue;
        }
        units.push(Unit {
            id: format!("{source_id}:{}", units.len() + 1),
            source: source_id.to_string(),
            case: cue.speaker.clone(),
            prompt: None,
            speaker: cue.speaker,
            time: Some(cue.start),
            line: cue.line,
            text: cue.text,
        });
    }
    if units.is_empty() {
        return Err(Error::input(
            path,
            None,
            "the transcript has no cues with text",
        ));
    }
    let cases = super::cases_from_units(&units);
    Ok(Parsed { cases, units })
}
