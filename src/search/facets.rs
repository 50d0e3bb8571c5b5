//! The `facets` field's text: its `key:word` terms one per line, and the tokenizer that reads
//! them back as they are, numbered from 0 (so a filter's words stay a phrase).
//!
//! A pre-tokenized field would say the same, but tantivy copies such a field through JSON twice
//! on its way to the index: a quarter of the time of a full build.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The name the schema gives the tokenizer.
pub const FACETS: &str = "thematic_facets";

/// Terms are words of the exact analyzer (letters and digits) behind a key without spaces, so a
/// newline never occurs inside one.
const SEPARATOR: char = '\n';

/// Splits a field's text at newlines; every piece is one term, positions count from 0.
#[derive(Clone, Default)]
pub struct FacetTokenizer {
    token: Token,
}

pub struct FacetTokenStream<'a> {
    rest: &'a str,
    offset: usize,
    token: &'a mut Token,
}

impl Tokenizer for FacetTokenizer {
    type TokenStream<'a> = FacetTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> FacetTokenStream<'a> {
        self.token.reset();
        FacetTokenStream {
            rest: text,
            offset: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for FacetTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        loop {
            if self.rest.is_empty() {
                return false;
            }
            let (piece, rest, used) = match self.rest.split_once(SEPARATOR) {
                Some((piece, rest)) => (piece, rest, piece.len() + 1),
                None => (self.rest, "", self.rest.len()),
            };
            let from = self.offset;
            self.rest = rest;
            self.offset += used;
            if piece.is_empty() {
                continue;
            }
            self.token.position = self.token.position.wrapping_add(1);
            self.token.offset_from = from;
            self.token.offset_to = from + piece.len();
            self.token.text.push_str(piece);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

pub fn facet_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(FacetTokenizer::default())
}

/// The facet terms of filter values as field text, worked out once per (key, value): units
/// share their case, source and prompt, so a big build tokenizes each only once.
pub struct FacetWords {
    exact: TextAnalyzer,
    /// key → value → its terms as field text: fixed filters' keys first, then case attributes'.
    memo: [FxHashMap<String, FxHashMap<String, String>>; 2],
}

impl Default for FacetWords {
    fn default() -> Self {
        FacetWords::new()
    }
}

impl FacetWords {
    pub fn new() -> FacetWords {
        FacetWords {
            exact: super::schema::exact_analyzer(),
            memo: Default::default(),
        }
    }

    /// Append the terms of `key` = `value` to `out`, one per line; with `attribute`, `key` is a
    /// case attribute's name (its facet key is [`attribute_key`](super::schema::attribute_key)).
    pub fn push(&mut self, out: &mut String, key: &str, value: &str, attribute: bool) {
        let memos = &mut self.memo[usize::from(attribute)];
        if !memos.contains_key(key) {
            memos.insert(key.to_string(), FxHashMap::default());
        }
        let Some(memo) = memos.get_mut(key) else {
            return;
        };
        if let Some(lines) = memo.get(value) {
            out.push_str(lines);
            return;
        }
        let facet_key = if attribute {
            super::schema::attribute_key(key)
        } else {
            key.to_string()
        };
        let mut lines = String::new();
        for w in super::schema::terms(&mut self.exact, value) {
            lines.push_str(&super::schema::facet_term(&facet_key, &w));
            lines.push(SEPARATOR);
        }
        out.push_str(&lines);
        memo.insert(value.to_string(), lines);
    }

    /// [`push`](Self::push) of a case attribute.
    pub fn push_attribute(&mut self, out: &mut String, name: &str, value: &str) {
        self.push(out, name, value, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(usize, String)> {
        let mut a = facet_analyzer();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = s.next() {
            out.push((t.position, t.text.clone()));
        }
        out
    }

    #[test]
    fn terms_come_back_whole_and_numbered_from_zero() {
        assert_eq!(
            tokens("source:survey\n\ncase:r1\n@role:mentee\n"),
            [
                (0, "source:survey".to_string()),
                (1, "case:r1".to_string()),
                (2, "@role:mentee".to_string())
            ]
        );
        assert!(tokens("").is_empty());
    }

    #[test]
    fn a_value_becomes_its_words_under_its_key() {
        let mut w = FacetWords::new();
        let mut out = String::new();
        w.push(&mut out, "prompt", "What made it work?", false);
        w.push(&mut out, "prompt", "What made it work?", false);
        assert_eq!(
            out,
            "prompt:what\nprompt:made\nprompt:it\nprompt:work\n".repeat(2)
        );
        let mut out = String::new();
        w.push_attribute(&mut out, "prompt", "Made it");
        w.push(&mut out, "prompt", "Made it", false);
        assert_eq!(out, "@prompt:made\n@prompt:it\nprompt:made\nprompt:it\n");
    }
}
