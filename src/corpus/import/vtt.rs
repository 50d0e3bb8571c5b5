//! WebVTT (Zoom, Teams, YouTube) and SRT subtitles: cues joined into speaker turns.

use super::speaker::split_label;
use crate::corpus::{Parsed, Unit};
use crate::error::{Error, Result};
use std::path::Path;

struct Cue {
    line: usize,
    start: String,
    speaker: Option<String>,
    lines: Vec<String>,
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

/// Remove `<v Name>` (returning Name), `</v>`, `<c.x>`, `<i>`, `<00:00:01.000>` and other tags,
/// and decode character references.
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
    (voice, decode_references(&out))
}

/// `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&lrm;`, `&rlm;`, `&#39;`, `&#x27;`; anything else stays.
fn decode_references(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let name = after.find(';').filter(|&n| n <= 8).map(|n| &after[..n]);
        let decoded = name.and_then(|n| match n {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some(' '),
            "lrm" => Some('\u{200e}'),
            "rlm" => Some('\u{200f}'),
            _ => n
                .strip_prefix("#x")
                .or_else(|| n.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (name, decoded) {
            (Some(n), Some(c)) => {
                out.push(c);
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A cue's start time, speaker and text lines with markup removed.
fn cue_from(line: usize, timing: &str, text_lines: &[&str]) -> Cue {
    let start = timing.split("-->").next().unwrap_or("").trim().to_string();
    let mut speaker = None;
    let mut lines = Vec::new();
    for raw in text_lines {
        let (voice, text) = strip_tags(raw.trim());
        let mut text = text.trim().to_string();
        if speaker.is_none() {
            speaker = voice;
        }
        if speaker.is_none()
            && lines.is_empty()
            && let Some(l) = split_label(&text)
        {
            speaker = Some(l.speaker.to_string());
            text = l.text.to_string();
        }
        if !text.is_empty() {
            lines.push(text);
        }
    }
    Cue {
        line,
        start,
        speaker,
        lines,
    }
}

/// A WebVTT block as the spec collects it: lines up to a blank line, or up to a line holding
/// `-->` that cannot be this block's timing line (the next cue written without a blank line).
struct Block<'a> {
    timing: Option<(usize, &'a str)>,
    text: Vec<&'a str>,
}

fn vtt_blocks<'a>(lines: &[&'a str]) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    let mut i = 1;
    // The header (`Kind:`, `Language:` …) runs to the first blank line or timing line.
    while i < lines.len() && !lines[i].is_empty() && !lines[i].contains("-->") {
        i += 1;
    }
    while i < lines.len() {
        if lines[i].is_empty() {
            i += 1;
            continue;
        }
        let mut block = Block {
            timing: None,
            text: Vec::new(),
        };
        let mut count = 0;
        while i < lines.len() && !lines[i].is_empty() {
            count += 1;
            let line = lines[i];
            if line.contains("-->") {
                if block.timing.is_none() && count <= 2 {
                    block.timing = Some((i + 1, line));
                    i += 1;
                    continue;
                }
                break;
            }
            if block.timing.is_some() {
                block.text.push(line);
            }
            i += 1;
        }
        out.push(block);
    }
    out
}

/// Whether a timing line starts with a valid time stamp (`mm:ss.ttt` or `hh:mm:ss.ttt`).
fn valid_timing(timing: &str) -> bool {
    let mut parts = timing.split("-->");
    let start = parts.next().unwrap_or("").trim();
    let end = parts
        .next()
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("");
    super::speaker::is_clock(start) && super::speaker::is_clock(end)
}

/// Parse WebVTT following the spec's block rules: the header, NOTE, STYLE and REGION blocks and
/// blocks without a valid timing line are skipped; cue text loses its markup; the rolling
/// captions of automatic captioning (each cue repeating the previous cue's line) are said once.
pub fn parse_vtt(path: &Path, text: &str, source_id: &str) -> Result<Parsed> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.first().map(|l| l.trim_start_matches('\u{feff}'));
    if !first
        .is_some_and(|l| l == "WEBVTT" || l.starts_with("WEBVTT ") || l.starts_with("WEBVTT\t"))
    {
        return Err(Error::input(
            path,
            Some(1),
            "not a WebVTT file: the first line must be WEBVTT",
        ));
    }
    let mut cues: Vec<Cue> = vtt_blocks(&lines)
        .into_iter()
        .filter_map(|b| {
            let (line, timing) = b.timing?;
            valid_timing(timing).then(|| cue_from(line, timing, &b.text))
        })
        .collect();
    drop_rolling_repeats(&mut cues);
    turns(path, cues, source_id)
}

/// Automatic captions show two lines at a time: each cue repeats the line the previous cue
/// ended with. When the file writes that way (at least two cues open with the previous cue's
/// last line), a line already shown in the previous cue is dropped.
fn drop_rolling_repeats(cues: &mut [Cue]) {
    let rolling = cues
        .windows(2)
        .filter(|w| w[1].lines.len() > 1 && w[1].lines.first() == w[0].lines.last())
        .count()
        >= 2;
    if !rolling {
        return;
    }
    let mut previous: Vec<String> = Vec::new();
    for cue in cues.iter_mut() {
        let shown = std::mem::take(&mut cue.lines);
        cue.lines = shown
            .iter()
            .filter(|l| !previous.contains(l))
            .cloned()
            .collect();
        previous = shown;
    }
}

pub fn parse_srt(path: &Path, text: &str, source_id: &str) -> Result<Parsed> {
    let cues = blocks(text)
        .into_iter()
        .map(|(line, lines)| cue_of_block(path, line, &lines, "SRT block"))
        .collect::<Result<Vec<_>>>()?;
    turns(path, cues, source_id)
}

/// A cue block: an optional id or number line, the timing line, then the text.
fn cue_of_block(path: &Path, line: usize, lines: &[&str], what: &str) -> Result<Cue> {
    let Some(t) = lines.iter().position(|l| l.contains("-->")) else {
        return Err(Error::input(
            path,
            Some(line),
            format!("{what} without a timing line (00:00:00.000 --> …)"),
        ));
    };
    if t > 1 {
        return Err(Error::input(
            path,
            Some(line + t),
            "the timing line must be a cue's first or second line",
        ));
    }
    Ok(cue_from(line + t, lines[t], &lines[t + 1..]))
}

/// Consecutive cues of one speaker join into one turn; a cue with no speaker continues the
/// previous turn.
fn turns(path: &Path, cues: Vec<Cue>, source_id: &str) -> Result<Parsed> {
    let mut units: Vec<Unit> = Vec::new();
    for cue in cues {
        let text = cue.lines.join(" ");
        if text.is_empty() {
            continue;
        }
        if let Some(last) = units.last_mut()
            && (cue.speaker.is_none() || cue.speaker == last.speaker)
        {
            last.text.push(' ');
            last.text.push_str(&text);
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
            text,
            moderator: false,
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
    Ok(Parsed {
        cases,
        units,
        ..Default::default()
    })
}
