//! The index's fields and analyzers, and how one unit becomes one tantivy document.

pub use super::facets::FacetWords;
use super::facets::{FACETS, facet_analyzer};
use super::stems::RememberedStems;
use crate::corpus::{Case, SourceKind, Unit};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

/// Bump when fields, analyzers or the meaning of terms change: older indexes are then rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

const EXACT: &str = "thematic_exact";
const STEM: &str = "thematic_stem";

/// Words longer than this are not indexed (they are never words a researcher types).
const MAX_WORD: usize = 60;

/// Field handles, looked up by name so an opened index and a new one agree.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The unit id: indexed whole (for updates), stored and fast (to read hits).
    pub unit: Field,
    /// The unit's position in the project (corpus order for unranked results).
    pub pos: Field,
    /// The text, lowercased and accent-folded word by word, with positions; stored for snippets.
    pub text: Field,
    /// The text through the English stemmer without stop words.
    pub stem: Field,
    /// Field filters as `name:word` terms with positions: `source:`, `kind:`, `case:`, `speaker:`,
    /// `prompt:`, and `@key:` for every case attribute.
    pub facets: Field,
    /// Codes as `coder/code-id` and `consensus/code-id`, lowercased.
    pub code: Field,
    /// The unit's case and speaker as they are, stored for showing hits.
    pub case: Field,
    pub speaker: Field,
}

pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("unit", STRING | STORED | FAST);
    b.add_u64_field("pos", FAST);
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    b.add_text_field("text", text);
    let stem = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STEM)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    b.add_text_field("stem", stem);
    let facets = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FACETS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field("facets", facets);
    b.add_text_field("code", STRING);
    b.add_text_field("case", STORED);
    b.add_text_field("speaker", STORED);
    b.build()
}

impl Fields {
    /// The handles of `schema`, or `None` when it is not this schema.
    pub fn of(schema: &Schema) -> Option<Fields> {
        Some(Fields {
            unit: schema.get_field("unit").ok()?,
            pos: schema.get_field("pos").ok()?,
            text: schema.get_field("text").ok()?,
            stem: schema.get_field("stem").ok()?,
            facets: schema.get_field("facets").ok()?,
            code: schema.get_field("code").ok()?,
            case: schema.get_field("case").ok()?,
            speaker: schema.get_field("speaker").ok()?,
        })
    }
}

/// Words, lowercased and accent-folded: what `text` holds and what quoted words must equal.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// English stems without stop words: what `stem` holds and what bare words match.
pub fn stem_analyzer() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .dynamic();
    let builder = match StopWordFilter::new(Language::English) {
        Some(stop) => builder.filter_dynamic(stop),
        None => builder,
    };
    builder
        .filter_dynamic(RememberedStems::new(Language::English))
        .build()
}

/// Every index needs the analyzers registered under the names the schema uses.
pub fn register(index: &Index) {
    index.tokenizers().register(EXACT, exact_analyzer());
    index.tokenizers().register(STEM, stem_analyzer());
    index.tokenizers().register(FACETS, facet_analyzer());
}

/// The tokens of `text` as (byte start, byte end, term).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push((t.offset_from, t.offset_to, t.text.clone()));
    }
    out
}

/// Just the terms of `text`.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text)
        .into_iter()
        .map(|(_, _, t)| t)
        .collect()
}

/// The facet term for one word of a filter field's value.
pub fn facet_term(key: &str, word: &str) -> String {
    format!("{key}:{word}")
}

/// The facet key of a case attribute (attribute names never clash with the fixed filters).
pub fn attribute_key(name: &str) -> String {
    format!("@{name}")
}

/// The code term of `who` (a coder or `consensus`) applying code `id`.
pub fn code_term(who: &str, id: &str) -> String {
    format!("{}/{}", who.to_lowercase(), id.to_lowercase())
}

/// What a unit's document holds besides the unit itself.
pub struct UnitContext<'a> {
    pub pos: u64,
    pub kind: Option<SourceKind>,
    pub case: Option<&'a Case>,
    /// Code terms (see [`code_term`]).
    pub codes: &'a [crate::coding::Code],
}

/// The document for one unit. `exact` tokenizes the filter values.
pub fn unit_doc(
    f: &Fields,
    words: &mut FacetWords,
    unit: &Unit,
    cx: &UnitContext<'_>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.unit, &unit.id);
    doc.add_u64(f.pos, cx.pos);
    doc.add_text(f.text, &unit.text);
    doc.add_text(f.stem, &unit.text);
    if let Some(c) = &unit.case {
        doc.add_text(f.case, c);
    }
    if let Some(sp) = &unit.speaker {
        doc.add_text(f.speaker, sp);
    }
    let mut facets = String::new();
    let mut push = |key: &str, value: &str| words.push(&mut facets, key, value, false);
    push("source", &unit.source);
    if let Some(k) = cx.kind {
        push("kind", k.as_str());
    }
    if let Some(c) = &unit.case {
        push("case", c);
    }
    if let Some(s) = &unit.speaker {
        push("speaker", s);
    }
    if let Some(p) = &unit.prompt {
        push("prompt", p);
    }
    if let Some(case) = cx.case {
        for (k, v) in &case.attributes {
            words.push_attribute(&mut facets, k, v);
        }
    }
    doc.add_text(f.facets, facets);
    for c in cx.codes {
        doc.add_text(f.code, c.as_str());
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzers_fold_case_accents_and_stem() {
        assert_eq!(
            terms(&mut exact_analyzer(), "Tomás said: Zoom-calls"),
            ["tomas", "said", "zoom", "calls"]
        );
        assert_eq!(
            terms(&mut stem_analyzer(), "the communicating of mentors"),
            ["communic", "mentor"]
        );
        assert_eq!(
            terms(&mut stem_analyzer(), "communication"),
            terms(&mut stem_analyzer(), "communicate")
        );
    }
}
