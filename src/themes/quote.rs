//! The rules for a quote's printed text, and its provenance: a display text may only cut (with
//! "…" where words were cut from inside) and replace words with [bracketed] text; the source text
//! under a pinned quote must still be what was pinned. Curly quotes are added here, on export.

use crate::corpus::Unit;
use crate::corpus::text::slice_chars;

use super::map::Quote;

/// At most this many words of the original may stand behind one [bracket].
pub const BRACKET_WORDS: usize = 6;

/// What is wrong with a quote, as a reader of `themes show` is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteProblem {
    /// The unit is no longer in the project.
    UnitMissing,
    /// The span no longer fits the unit's text.
    SpanInvalid(String),
    /// The source text under the quote differs from the text pinned.
    SourceChanged { pinned: String, now: String },
    /// The display text changes the original beyond cuts and [brackets].
    DisplayChanged { near: String },
}

impl QuoteProblem {
    pub fn message(&self) -> String {
        match self {
            QuoteProblem::UnitMissing => "its unit is no longer in the project".into(),
            QuoteProblem::SpanInvalid(m) => format!("its span no longer fits the unit: {m}"),
            QuoteProblem::SourceChanged { pinned, now } => format!(
                "the source text changed since it was pinned (pinned: \"{}\"; now: \"{}\")",
                short(pinned),
                short(now)
            ),
            QuoteProblem::DisplayChanged { near } => format!(
                "the display text changes the original beyond cuts (…) and [brackets], near \"{}\"",
                short(near)
            ),
        }
    }
}

fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(59).collect::<String>())
    }
}

/// The source text under a span (or the whole unit).
pub fn source_text(unit: &Unit, span: Option<(usize, usize)>) -> String {
    match span {
        Some((s, e)) => slice_chars(&unit.text, s, e),
        None => unit.text.clone(),
    }
}

/// The text a quote prints (without the curly quotes an export adds).
pub fn printed(q: &Quote, original: &str) -> String {
    q.text
        .clone()
        .unwrap_or_else(|| original.trim().to_string())
}

/// Everything wrong with a pinned quote given its unit (None when the unit is gone).
pub fn check_quote(q: &Quote, unit: Option<&Unit>) -> Vec<QuoteProblem> {
    let Some(unit) = unit else {
        return vec![QuoteProblem::UnitMissing];
    };
    let mut out = Vec::new();
    if let Some((s, e)) = q.span_tuple()
        && let Err(m) = crate::corpus::text::check_span(&unit.text, s, e)
    {
        return vec![QuoteProblem::SpanInvalid(m)];
    }
    let now = source_text(unit, q.span_tuple());
    if let Some(pinned) = &q.original
        && pinned != &now
    {
        out.push(QuoteProblem::SourceChanged {
            pinned: pinned.clone(),
            now: now.clone(),
        });
    }
    if let Some(display) = &q.text
        && let Err(near) = check_display(&now, display)
    {
        out.push(QuoteProblem::DisplayChanged { near });
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Words(Vec<char>),
    /// "…", "...", "[…]" or "[...]": some of the original was cut here.
    Cut,
    /// "[text]": some words of the original (possibly none) were replaced by `text`.
    Bracket,
}

fn pieces(display: &str) -> Vec<Piece> {
    let chars: Vec<char> = display.chars().collect();
    let mut out = Vec::new();
    let mut words: Vec<char> = Vec::new();
    let flush = |words: &mut Vec<char>, out: &mut Vec<Piece>| {
        if !words.is_empty() {
            out.push(Piece::Words(std::mem::take(words)));
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '…' {
            flush(&mut words, &mut out);
            out.push(Piece::Cut);
            i += 1;
        } else if chars[i..].starts_with(&['.', '.', '.']) {
            flush(&mut words, &mut out);
            out.push(Piece::Cut);
            i += 3;
        } else if c == '['
            && let Some(len) = chars[i + 1..].iter().position(|&ch| ch == ']')
        {
            flush(&mut words, &mut out);
            let inner: String = chars[i + 1..i + 1 + len].iter().collect();
            let inner = inner.trim();
            out.push(if inner == "…" || inner == "..." {
                Piece::Cut
            } else {
                Piece::Bracket
            });
            i += len + 2;
        } else {
            words.push(c);
            i += 1;
        }
    }
    flush(&mut words, &mut out);
    // Spaces and punctuation next to a cut belong to what was cut.
    let n = out.len();
    for k in 0..n {
        let cut_before = k > 0 && out[k - 1] == Piece::Cut;
        let cut_after = k + 1 < n && out[k + 1] == Piece::Cut;
        if let Piece::Words(w) = &mut out[k] {
            if cut_before {
                while w
                    .first()
                    .is_some_and(|c| c.is_whitespace() || ",;:".contains(*c))
                {
                    w.remove(0);
                }
            }
            if cut_after {
                while w
                    .last()
                    .is_some_and(|c| c.is_whitespace() || ",;:".contains(*c))
                {
                    w.pop();
                }
            }
        }
    }
    out.retain(|p| !matches!(p, Piece::Words(w) if w.is_empty()));
    out
}

/// Letters as compared: typographic and straight quotes alike, runs of spaces as one.
fn fold(c: char) -> char {
    match c {
        '‘' | '’' | '`' | '´' => '\'',
        '“' | '”' => '"',
        '–' | '—' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

fn normalise(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.trim().chars().map(fold) {
        if c == ' ' && out.last() == Some(&' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Checks that `display` only cuts and brackets `original`. On failure, returns the display
/// words that could not be found in the original where they should be.
///
/// Cuts at the very start or end need no "…" (a quote is an excerpt, as a span is); a cut
/// inside does. A bracket stands for at most [`BRACKET_WORDS`] words of the original (or none,
/// for an added clarification).
pub fn check_display(original: &str, display: &str) -> Result<(), String> {
    let orig = normalise(original);
    let mut ps = pieces(&normalise(display).into_iter().collect::<String>());
    for p in &mut ps {
        if let Piece::Words(w) = p {
            let s: String = w.iter().collect();
            *w = normalise(&s);
        }
    }
    if ps.iter().all(|p| !matches!(p, Piece::Words(_))) {
        return Err(display.to_string());
    }
    // Reachable positions in the original before piece k; the start may be anywhere.
    let mut reach: Vec<bool> = vec![true; orig.len() + 1];
    for p in &ps {
        let mut next = vec![false; orig.len() + 1];
        match p {
            Piece::Words(w) => {
                for at in 0..=orig.len() {
                    if reach[at] && orig[at..].starts_with(w) {
                        next[at + w.len()] = true;
                    }
                }
            }
            Piece::Cut => {
                let mut any = false;
                for (n, r) in next.iter_mut().zip(&reach) {
                    any |= *r;
                    *n = any;
                }
            }
            Piece::Bracket => {
                for (at, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
                    let mut words = 0;
                    let mut in_word = false;
                    for end in at..=orig.len() {
                        next[end] = true;
                        if end == orig.len() {
                            break;
                        }
                        let letter = orig[end].is_alphanumeric();
                        if letter && !in_word {
                            words += 1;
                            if words > BRACKET_WORDS {
                                break;
                            }
                        }
                        in_word = letter;
                    }
                }
            }
        }
        if !next.iter().any(|&b| b) {
            return Err(match p {
                Piece::Words(w) => {
                    let matched = (0..=orig.len())
                        .filter(|&at| reach[at])
                        .map(|at| orig[at..].iter().zip(w).take_while(|(a, b)| a == b).count())
                        .max()
                        .unwrap_or(0);
                    w[matched..].iter().collect::<String>().trim().to_string()
                }
                _ => display.to_string(),
            });
        }
        reach = next;
    }
    Ok(())
}

/// The printed quote in curly double quotes; straight quotes inside become typographic ones
/// (an inner "…" becomes ‘…’, an apostrophe ’).
pub fn curly(text: &str) -> String {
    let mut out = String::from("“");
    let mut open_inner = true;
    let chars: Vec<char> = text.trim().chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' | '“' | '”' => {
                out.push(if open_inner { '‘' } else { '’' });
                open_inner = !open_inner;
            }
            '\'' => {
                let after_letter = i > 0 && chars[i - 1].is_alphanumeric();
                out.push(if after_letter || i + 1 == chars.len() {
                    '’'
                } else {
                    '‘'
                });
            }
            _ => out.push(c),
        }
    }
    out.push('”');
    out
}

#[cfg(test)]
#[path = "quote_tests.rs"]
mod tests;
