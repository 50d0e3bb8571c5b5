//! Keyboard span selection: moving the selection's head by grapheme, word and sentence, all in
//! char offsets on grapheme boundaries.

use crate::corpus::text::grapheme_boundaries;
use unicode_segmentation::UnicodeSegmentation;

/// `(start, end)` char offsets of each segment the splitter yields, with the segment.
fn segments<'a>(
    text: &'a str,
    split: impl Iterator<Item = (usize, &'a str)>,
) -> Vec<(usize, usize, &'a str)> {
    let mut out = Vec::new();
    let mut chars = 0;
    let mut last_byte = 0;
    for (byte, seg) in split {
        chars += text[last_byte..byte].chars().count();
        let n = seg.chars().count();
        out.push((chars, chars + n, seg));
        chars += n;
        last_byte = byte + seg.len();
    }
    out
}

pub fn next_grapheme(text: &str, at: usize) -> usize {
    let b = grapheme_boundaries(text);
    b.iter()
        .copied()
        .find(|&x| x > at)
        .unwrap_or_else(|| b.last().copied().unwrap_or(0))
}

pub fn prev_grapheme(text: &str, at: usize) -> usize {
    grapheme_boundaries(text)
        .iter()
        .rev()
        .copied()
        .find(|&x| x < at)
        .unwrap_or(0)
}

fn is_word(seg: &str) -> bool {
    seg.chars().any(char::is_alphanumeric)
}

/// The end of the first word that ends after `at`.
pub fn word_end_after(text: &str, at: usize) -> usize {
    segments(text, text.split_word_bound_indices())
        .into_iter()
        .find(|(_, e, s)| *e > at && is_word(s))
        .map_or_else(|| text.chars().count(), |(_, e, _)| e)
}

/// The start of the last word that starts before `at`.
pub fn word_start_before(text: &str, at: usize) -> usize {
    segments(text, text.split_word_bound_indices())
        .into_iter()
        .rev()
        .find(|(s, _, seg)| *s < at && is_word(seg))
        .map_or(0, |(s, _, _)| s)
}

const ABBREVIATIONS: [&str; 16] = [
    "dr.", "mr.", "mrs.", "ms.", "prof.", "e.g.", "i.e.", "etc.", "vs.", "st.", "jr.", "sr.",
    "no.", "approx.", "dept.", "fig.",
];

/// Does this sentence piece end in an abbreviation or an initial ("Dr.", "J.") rather than a
/// sentence end? unicode-segmentation splits after them.
fn ends_in_abbreviation(piece: &str) -> bool {
    let last = piece
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    ABBREVIATIONS.contains(&last)
        || (last.chars().count() == 2
            && last.ends_with('.')
            && last.chars().next().is_some_and(char::is_alphabetic))
}

/// Sentences as (start, end) char offsets, the end trimmed of trailing whitespace.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    for (s, e, seg) in segments(text, text.split_sentence_bound_indices()) {
        match out.last_mut() {
            Some(prev) if ends_in_abbreviation(&prev.2) => {
                prev.1 = e;
                prev.2.push_str(seg);
            }
            _ => out.push((s, e, seg.to_string())),
        }
    }
    out.into_iter()
        .map(|(s, e, seg)| {
            let trailing = seg.chars().rev().take_while(|c| c.is_whitespace()).count();
            (s, (e - trailing).max(s))
        })
        .collect()
}

pub fn sentence_end_after(text: &str, at: usize) -> usize {
    sentences(text)
        .into_iter()
        .map(|(_, e)| e)
        .find(|&e| e > at)
        .unwrap_or_else(|| text.chars().count())
}

pub fn sentence_start_before(text: &str, at: usize) -> usize {
    sentences(text)
        .into_iter()
        .map(|(s, _)| s)
        .rev()
        .find(|&s| s < at)
        .unwrap_or(0)
}

/// The selection `a..b` (either order) without whitespace at its ends; `None` when empty.
pub fn trimmed(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let (mut s, mut e) = (a.min(b), a.max(b));
    let bounds = grapheme_boundaries(text);
    let gs: Vec<&str> = text.graphemes(true).collect();
    let idx = |off: usize| bounds.binary_search(&off).ok();
    while s < e {
        match idx(s).and_then(|i| gs.get(i)) {
            Some(g) if g.chars().all(char::is_whitespace) => s = bounds[idx(s).unwrap_or(0) + 1],
            _ => break,
        }
    }
    while e > s {
        match idx(e)
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| gs.get(i))
        {
            Some(g) if g.chars().all(char::is_whitespace) => e = bounds[idx(e).unwrap_or(1) - 1],
            _ => break,
        }
    }
    (s < e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences() {
        let t = "Dr. Smith helped. We met weekly!  Then less.";
        assert_eq!(word_end_after(t, 0), 2);
        assert_eq!(word_end_after(t, 2), 9);
        assert_eq!(word_start_before(t, 9), 4);
        let s = sentences(t);
        assert_eq!(s[0], (0, 17), "Dr. must not end a sentence");
        assert_eq!(sentence_end_after(t, 17), 32);
        assert_eq!(sentence_start_before(t, 32), 18);
        assert_eq!(trimmed(t, 15, 18), Some((15, 17)));
        assert_eq!(trimmed(t, 17, 18), None);
    }

    #[test]
    fn graphemes_are_never_split() {
        let t = "a👩‍🔬b";
        assert_eq!(next_grapheme(t, 1), 4);
        assert_eq!(prev_grapheme(t, 4), 1);
    }
}
