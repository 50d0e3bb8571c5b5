//! Running queries: the best hits with snippets, or every matching unit.

use super::{SearchIndex, Snippet, build, compile, query, snippet};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

/// One matching unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub unit: String,
    pub case: Option<String>,
    pub speaker: Option<String>,
    /// Relevance (BM25); 0 for queries that only filter, which list units in corpus order.
    pub score: f32,
    pub snippet: Snippet,
    /// Where the query's words are in the unit's whole text: char offsets, end exclusive, on
    /// grapheme boundaries (usable as coding spans).
    pub highlights: Vec<(usize, usize)>,
}

/// The best hits and how many units match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
}

impl SearchIndex {
    fn compile(
        &self,
        node: &query::Node,
        text: &str,
        coder: Option<&str>,
    ) -> Result<Box<dyn Query>> {
        let cx = compile::Context {
            query: text,
            fields: &self.fields,
            codebook: &self.codebook,
            coders: &self.coders,
            attributes: &self.attributes,
            coder,
        };
        compile::compile(node, &cx)
    }

    /// The best `limit` hits for `query`, ranked by relevance (or in corpus order when the query
    /// only filters). `coder` is whose codes a bare `code:X` means.
    pub fn search(&self, query: &str, limit: usize, coder: Option<&str>) -> Result<SearchResults> {
        let node = query::parse(query)?;
        let q = self.compile(&node, query, coder)?;
        let searcher = self.reader.searcher();
        let tv = |e| build::index_error(&self.dir, e);
        let (total, docs): (usize, Vec<(f32, DocAddress)>) = if limit == 0 {
            (searcher.search(&q, &Count).map_err(tv)?, Vec::new())
        } else if node.ranks() {
            searcher
                .search(&q, &(Count, TopDocs::with_limit(limit).order_by_score()))
                .map_err(tv)?
        } else {
            let by_pos = TopDocs::with_limit(limit).order_by_fast_field::<u64>("pos", Order::Asc);
            let (n, docs) = searcher.search(&q, &(Count, by_pos)).map_err(tv)?;
            (n, docs.into_iter().map(|(_, d)| (0.0, d)).collect())
        };
        let mut hl = snippet::Highlighter::new(&node);
        let mut hits = Vec::with_capacity(docs.len());
        for (score, addr) in docs {
            let doc: TantivyDocument = searcher.doc(addr).map_err(tv)?;
            let text = doc
                .get_first(self.fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let unit = doc
                .get_first(self.fields.unit)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let stored = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let (case, speaker) = (stored(self.fields.case), stored(self.fields.speaker));
            let highlights = hl.highlights(text);
            let snippet = snippet::snippet(text, &highlights, snippet::SNIPPET_CHARS);
            hits.push((
                position(&searcher, addr),
                Hit {
                    unit,
                    case,
                    speaker,
                    score,
                    snippet,
                    highlights,
                },
            ));
        }
        hits.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
        Ok(SearchResults {
            total,
            hits: hits.into_iter().map(|(_, h)| h).collect(),
        })
    }

    /// Every unit `query` matches, in corpus order (for "code all results").
    pub fn matching_units(&self, query: &str, coder: Option<&str>) -> Result<Vec<String>> {
        let node = query::parse(query)?;
        let q = self.compile(&node, query, coder)?;
        let searcher = self.reader.searcher();
        let tv = |e| build::index_error(&self.dir, e);
        let docs = searcher.search(&q, &DocSetCollector).map_err(tv)?;
        let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
        for d in docs {
            by_segment.entry(d.segment_ord).or_default().push(d.doc_id);
        }
        let mut found: Vec<(u64, String)> = Vec::new();
        for (seg, ids) in by_segment {
            let ff = searcher.segment_reader(seg).fast_fields();
            let pos = ff.u64("pos").map_err(tv)?;
            let unit = ff.str("unit").map_err(tv)?.ok_or_else(|| {
                Error::input(&self.dir, None, "search index: unit ids are missing")
            })?;
            // (unit id's ordinal, position); ids are read in ordinal order, block by block
            let mut rows: Vec<(u64, u64)> = ids
                .iter()
                .filter_map(|&d| {
                    Some((unit.term_ords(d).next()?, pos.first(d).unwrap_or(u64::MAX)))
                })
                .collect();
            rows.sort_unstable();
            let ords: Vec<u64> = rows.iter().map(|r| r.0).collect();
            let mut names = Vec::with_capacity(ords.len());
            unit.dictionary()
                .sorted_ords_to_term_cb(&ords, |t| {
                    names.push(String::from_utf8_lossy(t).into_owned())
                })
                .map_err(|e| Error::io(&self.dir, e))?;
            found.extend(rows.iter().map(|r| r.1).zip(names));
        }
        found.sort();
        Ok(found.into_iter().map(|(_, u)| u).collect())
    }
}

fn position(searcher: &Searcher, addr: DocAddress) -> u64 {
    searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .u64("pos")
        .ok()
        .and_then(|c| c.first(addr.doc_id))
        .unwrap_or(u64::MAX)
}
