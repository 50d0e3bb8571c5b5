//! tantivy's English stemmer with each word's stem remembered: a corpus says the same few
//! thousand words over and over, and stemming every occurrence afresh was a sixth of a full
//! index build. The stems are tantivy's own, computed once per word.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per analyzer at most (a few MB); past it, stems are computed each time.
const MAX_WORDS: usize = 200_000;

/// The filter: put it where tantivy's `Stemmer` would go.
#[derive(Clone)]
pub struct RememberedStems {
    language: Language,
}

impl RememberedStems {
    pub fn new(language: Language) -> RememberedStems {
        RememberedStems { language }
    }
}

impl TokenFilter for RememberedStems {
    type Tokenizer<T: Tokenizer> = StemsFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemsFilter<T> {
        StemsFilter {
            inner,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.language))
                .build(),
            stems: FxHashMap::default(),
        }
    }
}

#[derive(Clone)]
pub struct StemsFilter<T> {
    inner: T,
    /// One word in, its stem out: tantivy's stemmer as it is.
    stemmer: TextAnalyzer,
    stems: FxHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for StemsFilter<T> {
    type TokenStream<'a> = StemsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemsStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            stems: &mut self.stems,
        }
    }
}

pub struct StemsStream<'a, S> {
    tail: S,
    stemmer: &'a mut TextAnalyzer,
    stems: &'a mut FxHashMap<String, String>,
}

impl<S: TokenStream> TokenStream for StemsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = {
            let mut one = self.stemmer.token_stream(&token.text);
            match one.next() {
                Some(t) => t.text.clone(),
                None => token.text.clone(),
            }
        };
        if self.stems.len() < MAX_WORDS {
            self.stems
                .insert(std::mem::take(&mut token.text), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    fn stems(mut a: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = s.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    /// The same tokens as tantivy's stemmer gives, a word seen before or not.
    #[test]
    fn remembered_stems_are_tantivys_stems() {
        let text =
            "Communicating mentors communicate; the mentor's meetings, MEETINGS met running ran";
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let remembered = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(RememberedStems::new(Language::English))
            .build();
        let twice = format!("{text} {text}");
        assert_eq!(stems(remembered.clone(), &twice), stems(plain, &twice));
        assert!(
            stems(remembered, text)
                .iter()
                .any(|(t, ..)| t == "communic")
        );
    }
}
