//! A reconciliation decision: the option taken on a unit and the codings it results in, and
//! how each option turns the two coders' codings into the consensus codings.

use crate::coding::{Coding, Span};
use serde::{Deserialize, Serialize};

/// The options a decision can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    /// The first coder's codings.
    A,
    /// The second coder's codings.
    B,
    /// Every code either applied, on the text either coded.
    Union,
    /// The codes both applied, on the text both coded.
    Intersection,
    /// No code applies.
    None,
    /// A set of codes (and span) chosen by hand.
    Custom,
    /// The coders agreed; their (identical) codings were taken without a question.
    Agreed,
}

impl Choice {
    /// The options `--take` accepts.
    pub const TAKE: [&'static str; 5] = ["a", "b", "union", "intersection", "none"];

    pub fn parse(s: &str) -> Option<Choice> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "a" => Choice::A,
            "b" => Choice::B,
            "union" => Choice::Union,
            "intersection" => Choice::Intersection,
            "none" => Choice::None,
            "custom" => Choice::Custom,
            "agreed" => Choice::Agreed,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Choice::A => "a",
            Choice::B => "b",
            Choice::Union => "union",
            Choice::Intersection => "intersection",
            Choice::None => "none",
            Choice::Custom => "custom",
            Choice::Agreed => "agreed",
        }
    }

    /// In words, naming the coders: "took alice's codings".
    pub fn describe(self, a: &str, b: &str) -> String {
        match self {
            Choice::A => format!("took {a}'s codings"),
            Choice::B => format!("took {b}'s codings"),
            Choice::Union => "took the union of both".into(),
            Choice::Intersection => "took what both coded".into(),
            Choice::None => "no code applies".into(),
            Choice::Custom => "chose the codes by hand".into(),
            Choice::Agreed => "the coders agreed".into(),
        }
    }
}

/// A code on the whole unit (`span: None`) or on a span of it (char offsets, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CodedSpan {
    pub code: String,
    #[serde(with = "crate::coding::span_serde")]
    pub span: Span,
}

impl From<&Coding> for CodedSpan {
    fn from(c: &Coding) -> Self {
        CodedSpan {
            code: c.code.to_string(),
            span: c.span,
        }
    }
}

/// The consensus on one unit: what was decided, by whom, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub unit: String,
    #[serde(rename = "decision")]
    pub choice: Choice,
    /// The resulting codings.
    #[serde(rename = "spans")]
    pub codings: Vec<CodedSpan>,
    pub note: Option<String>,
    /// The person at the keyboard.
    pub by: String,
    pub at: String,
    /// The two coders whose codings were reconciled (A, B).
    pub coders: Vec<String>,
}

impl Decision {
    /// The distinct codes of the result, in the order they appear.
    pub fn codes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in &self.codings {
            if !out.contains(&c.code) {
                out.push(c.code.clone());
            }
        }
        out
    }
}

/// Per code (in order of first appearance), the text it covers as sorted, merged intervals;
/// a whole-unit coding covers `0..len`.
pub fn coverage(codings: &[CodedSpan], len: usize) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut out: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    for c in codings {
        let iv = c.span.unwrap_or((0, len));
        match out.iter_mut().find(|(code, _)| *code == c.code) {
            Some((_, list)) => list.push(iv),
            None => out.push((c.code.clone(), vec![iv])),
        }
    }
    for (_, list) in &mut out {
        *list = merge(std::mem::take(list));
    }
    out
}

/// Sort and merge overlapping or touching intervals.
fn merge(mut list: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    list.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(list.len());
    for (a, b) in list {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The text both interval lists cover.
pub fn overlap(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (s, e) = (a0.max(b0), a1.min(b1));
            if s < e {
                out.push((s, e));
            }
        }
    }
    merge(out)
}

fn from_coverage(cov: Vec<(String, Vec<(usize, usize)>)>, len: usize) -> Vec<CodedSpan> {
    cov.into_iter()
        .flat_map(|(code, list)| {
            list.into_iter().map(move |(s, e)| CodedSpan {
                code: code.clone(),
                span: if s == 0 && e >= len {
                    None
                } else {
                    Some((s, e))
                },
            })
        })
        .collect()
}

/// The codings `choice` gives from A's and B's codings on a unit of `len` characters.
/// `Custom` has no rule (it is chosen by hand) and gives nothing.
pub fn resolve(choice: Choice, a: &[CodedSpan], b: &[CodedSpan], len: usize) -> Vec<CodedSpan> {
    match choice {
        Choice::A | Choice::Agreed => dedup(a),
        Choice::B => dedup(b),
        Choice::None | Choice::Custom => Vec::new(),
        Choice::Union => {
            let both: Vec<CodedSpan> = a.iter().chain(b).cloned().collect();
            from_coverage(coverage(&both, len), len)
        }
        Choice::Intersection => {
            let cb = coverage(b, len);
            let cov = coverage(a, len)
                .into_iter()
                .filter_map(|(code, ia)| {
                    let ib = &cb.iter().find(|(c, _)| *c == code)?.1;
                    let both = overlap(&ia, ib);
                    (!both.is_empty()).then_some((code, both))
                })
                .collect();
            from_coverage(cov, len)
        }
    }
}

fn dedup(list: &[CodedSpan]) -> Vec<CodedSpan> {
    let mut out: Vec<CodedSpan> = Vec::with_capacity(list.len());
    for c in list {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(code: &str, span: Span) -> CodedSpan {
        CodedSpan {
            code: code.into(),
            span,
        }
    }

    #[test]
    fn union_merges_overlapping_spans_of_a_code_and_keeps_codes_of_either() {
        let a = [cs("x", Some((0, 10))), cs("y", None)];
        let b = [cs("x", Some((5, 20))), cs("z", Some((30, 40)))];
        assert_eq!(
            resolve(Choice::Union, &a, &b, 50),
            [
                cs("x", Some((0, 20))),
                cs("y", None),
                cs("z", Some((30, 40)))
            ]
        );
    }

    #[test]
    fn intersection_keeps_the_overlap_and_drops_disjoint_or_one_sided_codes() {
        let a = [cs("x", Some((0, 10))), cs("y", None), cs("w", Some((0, 3)))];
        let b = [
            cs("x", Some((5, 20))),
            cs("y", Some((2, 4))),
            cs("w", Some((3, 9))),
        ];
        assert_eq!(
            resolve(Choice::Intersection, &a, &b, 50),
            [cs("x", Some((5, 10))), cs("y", Some((2, 4)))]
        );
    }

    #[test]
    fn a_whole_unit_span_counts_as_the_whole_unit() {
        let a = [cs("x", Some((0, 50)))];
        let b = [cs("x", None)];
        assert_eq!(resolve(Choice::Union, &a, &b, 50), [cs("x", None)]);
        assert_eq!(resolve(Choice::Intersection, &a, &b, 50), [cs("x", None)]);
        assert_eq!(coverage(&a, 50), coverage(&b, 50));
    }

    #[test]
    fn take_and_none() {
        let a = [cs("x", None), cs("x", None)];
        let b = [cs("y", Some((1, 2)))];
        assert_eq!(resolve(Choice::A, &a, &b, 5), [cs("x", None)]);
        assert_eq!(resolve(Choice::B, &a, &b, 5), b);
        assert!(resolve(Choice::None, &a, &b, 5).is_empty());
        for s in Choice::TAKE {
            assert_eq!(Choice::parse(s).map(Choice::as_str), Some(s));
        }
    }
}
