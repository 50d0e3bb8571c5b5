//! Turning a parsed query into a tantivy query: words to terms of the right fields, filters to
//! unscored clauses, `code:` names to the code ids of the right coder.

use super::query::Node;
use super::schema::{
    Fields, attribute_key, code_term, exact_analyzer, facet_term, stem_analyzer, terms,
};
use crate::codebook::Codebook;
use crate::corpus::SourceKind;
use crate::error::{Error, Result};
use std::collections::BTreeSet;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Explanation, Occur,
    PhrasePrefixQuery, PhraseQuery, Query, Scorer, TermQuery, TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// How many words a prefix inside a phrase may stand for.
const MAX_EXPANSIONS: u32 = 1000;
/// An exact word counts this much more than a word sharing its stem.
const EXACT_BOOST: f32 = 2.0;

/// The fixed filters (attributes come on top).
pub const FILTERS: [&str; 7] = [
    "source", "kind", "case", "speaker", "prompt", "code", "text",
];

/// What compiling needs to know besides the query.
pub struct Context<'a> {
    pub query: &'a str,
    pub fields: &'a Fields,
    pub codebook: &'a Codebook,
    /// Coders with a log (for `code:NAME/…`).
    pub coders: &'a [String],
    /// Case attribute names present in the project.
    pub attributes: &'a BTreeSet<String>,
    /// The coder whose codes a bare `code:X` means.
    pub coder: Option<&'a str>,
}

impl Context<'_> {
    fn bad(&self, what: impl AsRef<str>) -> Error {
        Error::user(format!("bad query '{}': {}", self.query, what.as_ref()))
    }
}

pub fn compile(node: &Node, cx: &Context<'_>) -> Result<Box<dyn Query>> {
    match node {
        Node::And(parts) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for p in parts {
                match p {
                    Node::Not(inner) => {
                        clauses.push((Occur::MustNot, excluded(compile(inner, cx)?)))
                    }
                    _ => clauses.push((Occur::Must, compile(p, cx)?)),
                }
            }
            if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Ok(Box::new(BooleanQuery::new(clauses)))
        }
        Node::Or(parts) => {
            let clauses = parts
                .iter()
                .map(|p| Ok((Occur::Should, compile(p, cx)?)))
                .collect::<Result<Vec<_>>>()?;
            Ok(Box::new(BooleanQuery::new(clauses)))
        }
        Node::Not(inner) => Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery)),
            (Occur::MustNot, excluded(compile(inner, cx)?)),
        ]))),
        Node::Text {
            text,
            quoted,
            prefix,
        } => text_query(text, *quoted, *prefix, cx),
        Node::Field {
            field,
            value,
            prefix,
        } => {
            let q = match field.as_str() {
                "text" => return text_query(value, false, *prefix, cx),
                "code" => code_query(value, *prefix, cx)?,
                "kind" => {
                    if !*prefix && SourceKind::parse(&value.to_lowercase()).is_none() {
                        let kinds: Vec<&str> = SourceKind::ALL.iter().map(|k| k.as_str()).collect();
                        return Err(cx.bad(format!(
                            "unknown kind '{value}'; kinds are {}",
                            kinds.join(", ")
                        )));
                    }
                    words_query(cx.fields.facets, "kind", value, *prefix, cx)?
                }
                "source" | "case" | "speaker" | "prompt" => {
                    words_query(cx.fields.facets, field, value, *prefix, cx)?
                }
                attr if cx.attributes.contains(attr) => {
                    words_query(cx.fields.facets, &attribute_key(attr), value, *prefix, cx)?
                }
                other => return Err(unknown_field(other, cx)),
            };
            Ok(Box::new(ConstScoreQuery::new(q, 0.0)))
        }
    }
}

fn unknown_field(name: &str, cx: &Context<'_>) -> Error {
    let attrs = if cx.attributes.is_empty() {
        "none".to_string()
    } else {
        cx.attributes
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    cx.bad(format!(
        "unknown field '{name}:'; filters are {} and the case attributes ({attrs}); \
         put text with a colon in quotes",
        FILTERS.join(":, ") + ":"
    ))
}

/// Words of the unit text. See [`Node::Text`].
fn text_query(text: &str, quoted: bool, prefix: bool, cx: &Context<'_>) -> Result<Box<dyn Query>> {
    let words = terms(&mut exact_analyzer(), text);
    if words.is_empty() {
        return Err(cx.bad(format!("'{text}' has no letters or digits to search for")));
    }
    let f = cx.fields.text;
    if prefix || words.len() > 1 {
        return Ok(phrase(f, words, prefix));
    }
    let exact: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_text(f, &words[0]),
        IndexRecordOption::WithFreqs,
    ));
    let stems = terms(&mut stem_analyzer(), text);
    if quoted || stems.len() != 1 {
        return Ok(exact);
    }
    let stem = TermQuery::new(
        Term::from_field_text(cx.fields.stem, &stems[0]),
        IndexRecordOption::WithFreqs,
    );
    Ok(Box::new(BooleanQuery::new(vec![
        (Occur::Should, Box::new(BoostQuery::new(exact, EXACT_BOOST))),
        (Occur::Should, Box::new(stem)),
    ])))
}

/// Consecutive terms of field `f`; with `prefix` the last is a prefix. One term is a term query.
fn phrase(f: Field, words: Vec<String>, prefix: bool) -> Box<dyn Query> {
    let terms: Vec<Term> = words.iter().map(|w| Term::from_field_text(f, w)).collect();
    if prefix {
        let mut q = PhrasePrefixQuery::new(terms);
        q.set_max_expansions(MAX_EXPANSIONS);
        Box::new(q)
    } else if terms.len() == 1 {
        Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic))
    } else {
        Box::new(PhraseQuery::new(terms))
    }
}

/// A filter's value: its words, in order, inside that field's value.
fn words_query(
    f: Field,
    key: &str,
    value: &str,
    prefix: bool,
    cx: &Context<'_>,
) -> Result<Box<dyn Query>> {
    let words = terms(&mut exact_analyzer(), value);
    if words.is_empty() {
        return Err(cx.bad(format!("'{value}' has no letters or digits to search for")));
    }
    Ok(phrase(
        f,
        words.iter().map(|w| facet_term(key, w)).collect(),
        prefix,
    ))
}

/// `code:X` (the current coder's), `code:CODER/X`, `code:consensus/X`, `code:*`, `code:CODER/*`.
/// A parent code matches its sub-codes too.
fn code_query(value: &str, prefix: bool, cx: &Context<'_>) -> Result<Box<dyn Query>> {
    let f = cx.fields.code;
    if prefix {
        let who = match value.strip_suffix('/') {
            None if value.is_empty() => current_coder(cx, "*")?.to_string(),
            Some(who) => known_who(who, cx)?,
            None => {
                return Err(cx.bad(format!(
                    "code:{value}* — code filters take whole code names; use code:NAME/* for every code of a coder"
                )));
            }
        };
        return Ok(Box::new(PhrasePrefixQuery::new(vec![
            Term::from_field_text(f, &code_term(&who, "")),
        ])));
    }
    let (who, id) = if let Some(code) = cx.codebook.find(value) {
        (
            current_coder(cx, value)?.to_string(),
            canonical(&code.id, value, cx)?,
        )
    } else if let Some((who, rest)) = value.split_once('/') {
        let Some(code) = cx.codebook.find(rest) else {
            return Err(cx.bad(format!(
                "unknown code '{rest}'; see `thematic codebook list` for the codes"
            )));
        };
        (known_who(who, cx)?, canonical(&code.id, rest, cx)?)
    } else {
        return Err(cx.bad(format!(
            "unknown code '{value}'; see `thematic codebook list` for the codes"
        )));
    };
    let mut ids = vec![id.clone()];
    let mut i = 0;
    while i < ids.len() {
        let children: Vec<String> = cx
            .codebook
            .children(Some(&ids[i]))
            .map(|c| c.id.clone())
            .filter(|c| !ids.contains(c))
            .collect();
        ids.extend(children);
        i += 1;
    }
    let terms: Vec<Term> = ids
        .iter()
        .map(|id| Term::from_field_text(f, &code_term(&who, id)))
        .collect();
    Ok(Box::new(TermSetQuery::new(terms)))
}

fn current_coder<'a>(cx: &Context<'a>, value: &str) -> Result<&'a str> {
    let v = if value.contains(char::is_whitespace) {
        format!("\"{value}\"")
    } else {
        value.to_string()
    };
    cx.coder.ok_or_else(|| {
        cx.bad(format!(
            "code:{v} means the current coder's codes, and no coder is given: add --coder NAME, \
             or write code:consensus/{v} or code:NAME/{v}"
        ))
    })
}

/// `consensus` or a coder with a log.
fn known_who(who: &str, cx: &Context<'_>) -> Result<String> {
    if who.eq_ignore_ascii_case("consensus")
        || cx.coders.iter().any(|c| c.eq_ignore_ascii_case(who))
    {
        return Ok(who.to_lowercase());
    }
    let coders = if cx.coders.is_empty() {
        "none yet".to_string()
    } else {
        cx.coders.join(", ")
    };
    Err(cx.bad(format!(
        "no coder '{who}' (coders: {coders}; or code:consensus/…)"
    )))
}

/// The code a stored id counts as now (merges followed), or why it cannot be searched.
fn canonical(id: &str, named: &str, cx: &Context<'_>) -> Result<String> {
    match cx.codebook.canonical(id) {
        Some(c) => Ok(c.to_string()),
        None => Err(cx.bad(format!("code '{named}' was removed from the codebook"))),
    }
}

/// A query to exclude (NOT). Tantivy 0.27 asks an excluded scorer to `seek_danger` to a doc
/// before the one it already sits on, which a phrase scorer does not expect (`-"felt like"`
/// tripped its debug assertion). The wrapper answers with `DocSet`'s checked default instead.
fn excluded(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(Excluded(q))
}

#[derive(Debug)]
struct Excluded(Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl Query for Excluded {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(scoring)?)))
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(Checked(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }
}

/// A scorer that only moves forward through `advance` and `seek`.
struct Checked(Box<dyn Scorer>);

impl DocSet for Checked {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.0.doc() >= target {
            self.0.doc()
        } else {
            self.0.seek(target)
        }
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for Checked {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
