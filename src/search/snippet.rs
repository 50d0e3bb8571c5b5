//! Finding the hits of a query inside a unit's text, and cutting a snippet around them.
//! Offsets are chars (Unicode scalars) on grapheme-cluster boundaries, like coding spans.

use super::query::Node;
use super::schema::{exact_analyzer, stem_analyzer, terms, tokens};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::tokenizer::TextAnalyzer;
use unicode_segmentation::UnicodeSegmentation;

/// How long a snippet is, in chars (without the "…" marks).
pub const SNIPPET_CHARS: usize = 180;
/// How much text a snippet shows before the first hit it is built around.
const LEAD: usize = 40;

/// A part of the query that can be seen in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    /// A bare word: the word itself or any word with the same stem.
    Word { exact: String, stem: Option<String> },
    /// Consecutive words; with `prefix` the last one only has to start the word.
    Phrase { words: Vec<String>, prefix: bool },
}

/// An excerpt of a unit's text with the hits marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// Whitespace shown as single-line spaces; "…" where the text was cut.
    pub text: String,
    /// Hits as char offsets into `text`, end exclusive, in order.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The text with every hit wrapped in `open` … `close` (e.g. `**`, `**`).
    pub fn marked(&self, open: &str, close: &str) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = String::with_capacity(
            self.text.len() + self.highlights.len() * (open.len() + close.len()),
        );
        let mut at = 0;
        for &(a, b) in &self.highlights {
            out.extend(&chars[at..a]);
            out.push_str(open);
            out.extend(&chars[a..b]);
            out.push_str(close);
            at = b;
        }
        out.extend(&chars[at..]);
        out
    }
}

/// Finds where a query's words are in texts.
pub struct Highlighter {
    patterns: Vec<Pattern>,
    exact: TextAnalyzer,
    stem: TextAnalyzer,
    stems: HashMap<String, Option<String>>,
}

impl Highlighter {
    /// The visible parts of `query`: its text terms outside NOT.
    pub fn new(query: &Node) -> Highlighter {
        let mut h = Highlighter {
            patterns: Vec::new(),
            exact: exact_analyzer(),
            stem: stem_analyzer(),
            stems: HashMap::new(),
        };
        h.collect(query);
        h
    }

    fn collect(&mut self, node: &Node) {
        match node {
            Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| self.collect(p)),
            Node::Not(_) => {}
            Node::Text {
                text,
                quoted,
                prefix,
            } => self.add(text, *quoted, *prefix),
            Node::Field {
                field,
                value,
                prefix,
            } if field == "text" => self.add(value, false, *prefix),
            Node::Field { .. } => {}
        }
    }

    fn add(&mut self, text: &str, quoted: bool, prefix: bool) {
        let words = terms(&mut self.exact, text);
        if words.is_empty() {
            return;
        }
        let p = if quoted || prefix || words.len() > 1 {
            Pattern::Phrase { words, prefix }
        } else {
            let stems = terms(&mut self.stem, text);
            Pattern::Word {
                exact: words[0].clone(),
                stem: (stems.len() == 1).then(|| stems[0].clone()),
            }
        };
        if !self.patterns.contains(&p) {
            self.patterns.push(p);
        }
    }

    fn stem_of(&mut self, term: &str) -> Option<String> {
        if let Some(s) = self.stems.get(term) {
            return s.clone();
        }
        let s = terms(&mut self.stem, term).into_iter().next();
        self.stems.insert(term.to_string(), s.clone());
        s
    }

    /// The hits in `text` as char offsets, merged, in order.
    pub fn highlights(&mut self, text: &str) -> Vec<(usize, usize)> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let toks = tokens(&mut self.exact, text);
        let mut bytes: Vec<(usize, usize)> = Vec::new();
        for p in self.patterns.clone() {
            match p {
                Pattern::Word { exact, stem } => {
                    for (a, b, t) in &toks {
                        if *t == exact || (stem.is_some() && self.stem_of(t) == stem) {
                            bytes.push((*a, *b));
                        }
                    }
                }
                Pattern::Phrase { words, prefix } => {
                    let n = words.len();
                    for i in 0..toks.len().saturating_sub(n - 1) {
                        let last = &toks[i + n - 1].2;
                        let fits = words[..n - 1]
                            .iter()
                            .zip(&toks[i..])
                            .all(|(w, t)| *w == t.2)
                            && if prefix {
                                last.starts_with(&words[n - 1])
                            } else {
                                *last == words[n - 1]
                            };
                        if fits {
                            bytes.push((toks[i].0, toks[i + n - 1].1));
                        }
                    }
                }
            }
        }
        to_chars(text, bytes)
    }
}

/// Byte ranges → char ranges widened to grapheme boundaries, sorted and merged.
fn to_chars(text: &str, mut bytes: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    bytes.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in bytes {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    // grapheme starts in bytes with their char offsets, plus the end
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut chars = 0;
    for (i, g) in text.grapheme_indices(true) {
        bounds.push((i, chars));
        chars += g.chars().count();
    }
    bounds.push((text.len(), chars));
    let down = |b: usize| bounds[bounds.partition_point(|&(x, _)| x <= b) - 1].1;
    let up = |b: usize| {
        bounds[bounds
            .partition_point(|&(x, _)| x < b)
            .min(bounds.len() - 1)]
        .1
    };
    merged.into_iter().map(|(a, b)| (down(a), up(b))).collect()
}

/// An excerpt of `text` of about `max` chars around the most hits, with the hits re-based.
pub fn snippet(text: &str, hits: &[(usize, usize)], max: usize) -> Snippet {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let len = chars.len();
    let (mut start, mut end) = (0, len.min(max));
    if len > max && !hits.is_empty() {
        let mut best = (0, 0);
        for &(a, _) in hits {
            let s = a.saturating_sub(LEAD).min(len - max);
            let n = hits
                .iter()
                .filter(|&&(x, y)| x >= s && y <= s + max)
                .count();
            if n > best.1 {
                best = (s, n);
            }
        }
        start = best.0;
        end = start + max;
        let first_hit = hits
            .iter()
            .map(|h| h.0)
            .find(|&a| a >= start)
            .unwrap_or(end);
        if start > 0
            && let Some(sp) = chars[start..first_hit.min(start + 20)]
                .iter()
                .position(|&c| c == ' ')
        {
            start += sp + 1;
        }
    }
    if end < len {
        let last_hit = hits
            .iter()
            .map(|h| h.1)
            .filter(|&b| b <= end)
            .max()
            .unwrap_or(start);
        if let Some(sp) = chars[last_hit.max(end.saturating_sub(20))..end]
            .iter()
            .rposition(|&c| c == ' ')
        {
            end = last_hit.max(end.saturating_sub(20)) + sp;
        }
    }
    while start < end && chars[start] == ' ' {
        start += 1;
    }
    while end > start && chars[end - 1] == ' ' {
        end -= 1;
    }
    // Runs of whitespace show as one space; `at[i]` is where original char `start + i` lands.
    let mut out: String = if start > 0 {
        "…".into()
    } else {
        String::new()
    };
    let mut n = usize::from(start > 0);
    let mut at = Vec::with_capacity(end - start + 1);
    for i in start..end {
        at.push(n);
        if chars[i] != ' ' || i == start || chars[i - 1] != ' ' {
            out.push(chars[i]);
            n += 1;
        }
    }
    at.push(n);
    if end < len {
        out.push('…');
    }
    let highlights = hits
        .iter()
        .filter(|&&(a, b)| b > start && a < end)
        .map(|&(a, b)| (at[a.max(start) - start], at[b.min(end) - start]))
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn marked(query: &str, text: &str, max: usize) -> String {
        let mut h = Highlighter::new(&parse(query).unwrap());
        let hits = h.highlights(text);
        snippet(text, &hits, max).marked("[", "]")
    }

    #[test]
    fn words_match_their_stems_and_phrases_match_in_order() {
        let t = "We communicated by Zoom; communication was slow. Busy schedules, busy weeks.";
        assert_eq!(
            marked("communication", t, 200),
            "We [communicated] by Zoom; [communication] was slow. Busy schedules, busy weeks."
        );
        assert_eq!(
            marked("\"busy sched\"*", t, 200),
            "We communicated by Zoom; communication was slow. [Busy schedules], busy weeks."
        );
        assert_eq!(
            marked("zoom -busy", t, 200),
            "We communicated by [Zoom]; communication was slow. Busy schedules, busy weeks."
        );
        assert_eq!(marked("role:mentor", t, 200), t);
    }

    #[test]
    fn snippet_cuts_around_the_hits_on_word_boundaries() {
        let t = format!(
            "{} the mentor replied quickly {}",
            "word ".repeat(40),
            "tail ".repeat(40)
        );
        let s = marked("replied", &t, 60);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[replied]"), "{s}");
        assert!(
            !s.contains("  ") && !s.contains("wor …") && s.chars().count() <= 62,
            "{s}"
        );
    }

    #[test]
    fn offsets_are_chars_on_grapheme_boundaries() {
        // "café" with a combining accent: the hit must take the accent along.
        let t = "un cafe\u{301} noir";
        let mut h = Highlighter::new(&parse("cafe").unwrap());
        assert_eq!(h.highlights(t), vec![(3, 8)]);
        let s = snippet(t, &[(3, 8)], 200);
        assert_eq!(s.marked("<", ">"), "un <cafe\u{301}> noir");
    }
}
