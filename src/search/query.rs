//! The query language, parsed into a small tree: words, "phrases", prefix*, AND/OR/NOT, -word,
//! (groups) and `field:value` filters. Every mistake is a message, never a panic.
//!
//! Precedence: NOT (or `-`) binds tightest, then AND (also implied between terms), then OR.

use crate::error::{Error, Result};

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Every part must match.
    And(Vec<Node>),
    /// At least one part must match.
    Or(Vec<Node>),
    /// Units that the part does not match.
    Not(Box<Node>),
    /// Words of the unit's text. Bare single words match their English stem too; `quoted` words
    /// match exactly, in order; `prefix`: the last word is a prefix (`sched*`, `"busy sched"*`).
    Text {
        text: String,
        quoted: bool,
        prefix: bool,
    },
    /// `field:value`, `field:"two words"`, `field:val*`. The field name is lowercased.
    Field {
        field: String,
        value: String,
        prefix: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Atom(Node),
}

/// Parse a query, or say what is wrong with it.
pub fn parse(query: &str) -> Result<Node> {
    let toks = lex(query)?;
    if toks.is_empty() {
        return Err(bad(query, "there is nothing to search for"));
    }
    let mut p = Parser {
        toks: &toks,
        at: 0,
        query,
        depth: 0,
    };
    let node = p.or()?;
    match p.toks.get(p.at) {
        None => Ok(node),
        Some(Tok::Close) => Err(bad(query, "a ')' has no matching '('")),
        Some(t) => Err(bad(query, &format!("unexpected {}", describe(t)))),
    }
}

/// How deeply NOTs (or `-`) and parentheses may nest: far beyond any real query, and shallow
/// enough that parsing, compiling and searching never run out of stack.
pub const MAX_DEPTH: usize = 64;

fn bad(query: &str, what: &str) -> Error {
    let shown: String = if query.chars().count() > 80 {
        let mut s: String = query.chars().take(79).collect();
        s.push('…');
        s
    } else {
        query.to_string()
    };
    Error::user(format!("bad query '{shown}': {what}"))
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Open => "'('".into(),
        Tok::Close => "')'".into(),
        Tok::And => "AND".into(),
        Tok::Or => "OR".into(),
        Tok::Not => "NOT".into(),
        Tok::Atom(_) => "term".into(),
    }
}

fn lex(query: &str) -> Result<Vec<Tok>> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Tok::Open);
            i += 1;
        } else if c == ')' {
            out.push(Tok::Close);
            i += 1;
        } else if c == '"' {
            let (text, next) = quoted(query, &chars, i)?;
            let prefix = chars.get(next) == Some(&'*');
            out.push(Tok::Atom(Node::Text {
                text,
                quoted: true,
                prefix,
            }));
            i = next + usize::from(prefix);
        } else if c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != ')')
        {
            out.push(Tok::Not);
            i += 1;
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')' | '"')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match word.as_str() {
                "AND" | "&&" => out.push(Tok::And),
                "OR" | "||" => out.push(Tok::Or),
                "NOT" => out.push(Tok::Not),
                _ => {
                    let (atom, next) = atom(query, &word, &chars, i)?;
                    out.push(Tok::Atom(atom));
                    i = next;
                }
            }
        }
    }
    Ok(out)
}

/// The text between the quote at `open` and the next quote; returns it and the index after.
fn quoted(query: &str, chars: &[char], open: usize) -> Result<(String, usize)> {
    match chars[open + 1..].iter().position(|&c| c == '"') {
        Some(len) => Ok((
            chars[open + 1..open + 1 + len].iter().collect(),
            open + len + 2,
        )),
        None => Err(bad(query, "a quote (\") is not closed")),
    }
}

/// A bare word (`word`, `pre*`) or a filter (`field:value`, `field:"a b"`, `field:pre*`).
/// `next` is the index after the word; a quoted filter value extends it.
fn atom(query: &str, word: &str, chars: &[char], next: usize) -> Result<(Node, usize)> {
    if let Some((field, value)) = word.split_once(':')
        && is_field_name(field)
    {
        let field = field.to_lowercase();
        let (v, mut prefix) = strip_star(value);
        let mut value = v.to_string();
        let mut next = next;
        let mut quoted_part = false;
        // `field:"two words"`, `code:bob/"Good communication"`
        if !prefix && chars.get(next) == Some(&'"') {
            let (q, after) = quoted(query, chars, next)?;
            value.push_str(&q);
            quoted_part = true;
            prefix = chars.get(after) == Some(&'*');
            next = after + usize::from(prefix);
        }
        let value = value.trim().to_string();
        if value.is_empty() && !(prefix && field == "code") {
            return Err(bad(
                query,
                &if quoted_part {
                    format!("{field}: has an empty value")
                } else if prefix {
                    format!("{field}:* needs the start of a value before the *")
                } else {
                    format!("{field}: needs a value, e.g. {field}:word or {field}:\"two words\"")
                },
            ));
        }
        return Ok((
            Node::Field {
                field,
                value,
                prefix,
            },
            next,
        ));
    }
    let (text, prefix) = strip_star(word);
    if text.is_empty() {
        return Err(bad(
            query,
            "a '*' must follow the start of a word, e.g. sched*",
        ));
    }
    Ok((
        Node::Text {
            text: text.to_string(),
            quoted: false,
            prefix,
        },
        next,
    ))
}

fn strip_star(s: &str) -> (&str, bool) {
    match s.strip_suffix('*') {
        Some(rest) => (rest, true),
        None => (s, false),
    }
}

/// Field names start with a letter and hold letters, digits and `_` (normalized attribute names).
fn is_field_name(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

struct Parser<'a> {
    toks: &'a [Tok],
    at: usize,
    query: &'a str,
    /// NOTs and open parentheses around the current token.
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn or(&mut self) -> Result<Node> {
        let mut parts = vec![self.and("OR")?];
        while self.peek() == Some(&Tok::Or) {
            self.at += 1;
            parts.push(self.and("OR")?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self, after: &str) -> Result<Node> {
        let mut parts = vec![self.unary(after)?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.at += 1;
                    parts.push(self.unary("AND")?);
                }
                Some(Tok::Open | Tok::Not | Tok::Atom(_)) => parts.push(self.unary("")?),
                _ => break,
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self, after: &str) -> Result<Node> {
        if matches!(self.peek(), Some(Tok::Not | Tok::Open)) {
            if self.depth >= MAX_DEPTH {
                return Err(bad(
                    self.query,
                    &format!("NOT, - and parentheses nest more than {MAX_DEPTH} deep"),
                ));
            }
            self.depth += 1;
            let node = self.nested(after);
            self.depth -= 1;
            return node;
        }
        self.nested(after)
    }

    fn nested(&mut self, after: &str) -> Result<Node> {
        match self.peek().cloned() {
            Some(Tok::Not) => {
                self.at += 1;
                Ok(Node::Not(Box::new(self.unary("NOT")?)))
            }
            Some(Tok::Open) => {
                self.at += 1;
                if self.peek() == Some(&Tok::Close) {
                    return Err(bad(self.query, "'()' holds nothing"));
                }
                let inner = self.or()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(bad(self.query, "a '(' is not closed"));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(Tok::Atom(a)) => {
                self.at += 1;
                Ok(a)
            }
            other => {
                let found = other.map_or("the end of the query".to_string(), |t| describe(&t));
                let what = if after.is_empty() {
                    format!("expected a word, phrase or filter, found {found}")
                } else {
                    format!("{after} needs a word, phrase or filter after it, found {found}")
                };
                let what = if found.starts_with("AND") || found.starts_with("OR") {
                    format!("{found} needs a word, phrase or filter before it")
                } else {
                    what
                };
                Err(bad(self.query, &what))
            }
        }
    }
}

impl Node {
    /// Whether the query ranks by relevance: it has text terms outside NOT. Filter-only queries
    /// list units in corpus order.
    pub fn ranks(&self) -> bool {
        match self {
            Node::And(v) | Node::Or(v) => v.iter().any(Node::ranks),
            Node::Not(_) | Node::Field { .. } => false,
            Node::Text { .. } => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Node {
        Node::Text {
            text: t.into(),
            quoted: false,
            prefix: false,
        }
    }

    #[test]
    fn precedence_not_and_or() {
        let q = parse("zoom busy OR -email").unwrap();
        assert_eq!(
            q,
            Node::Or(vec![
                Node::And(vec![text("zoom"), text("busy")]),
                Node::Not(Box::new(text("email")))
            ])
        );
        let q = parse("zoom AND (busy OR NOT email)").unwrap();
        assert_eq!(
            q,
            Node::And(vec![
                text("zoom"),
                Node::Or(vec![text("busy"), Node::Not(Box::new(text("email")))])
            ])
        );
    }

    #[test]
    fn phrases_prefixes_and_filters() {
        assert_eq!(
            parse("\"busy sched\"*").unwrap(),
            Node::Text {
                text: "busy sched".into(),
                quoted: true,
                prefix: true
            }
        );
        assert_eq!(
            parse("sched*").unwrap(),
            Node::Text {
                text: "sched".into(),
                quoted: false,
                prefix: true
            }
        );
        assert_eq!(
            parse("Speaker:\"Moderator Lee\"").unwrap(),
            Node::Field {
                field: "speaker".into(),
                value: "Moderator Lee".into(),
                prefix: false
            }
        );
        assert_eq!(
            parse("case:me1*").unwrap(),
            Node::Field {
                field: "case".into(),
                value: "me1".into(),
                prefix: true
            }
        );
        assert_eq!(
            parse("code:*").unwrap(),
            Node::Field {
                field: "code".into(),
                value: "".into(),
                prefix: true
            }
        );
        // Not a field name: starts with a digit.
        assert_eq!(parse("10:30").unwrap(), text("10:30"));
    }

    #[test]
    fn mistakes_are_messages() {
        for (q, says) in [
            ("", "nothing to search"),
            ("   ", "nothing to search"),
            ("\"busy", "not closed"),
            ("(zoom", "not closed"),
            ("zoom)", "no matching '('"),
            ("()", "holds nothing"),
            ("zoom AND", "AND needs"),
            ("OR zoom", "OR needs"),
            ("zoom OR OR busy", "OR needs"),
            ("NOT", "NOT needs"),
            ("role:", "needs a value"),
            ("role:\"\"", "empty value"),
            ("*", "'*' must follow"),
            ("case:*", "start of a value"),
        ] {
            let err = parse(q).expect_err(q).to_string();
            assert!(
                err.contains(says),
                "{q:?} gave {err:?}, expected it to mention {says:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_a_message_not_a_stack_overflow() {
        for q in [
            format!("{}mentor", "-".repeat(2000)),
            format!("{}mentor{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("{}mentor", "NOT ".repeat(10_000)),
        ] {
            let err = parse(&q).unwrap_err().to_string();
            assert!(err.contains("nest more than 64 deep"), "{err}");
            assert!(err.len() < 200, "one short line: {err}");
        }
        let ok = format!("{}mentor{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert_eq!(parse(&ok).unwrap(), text("mentor"));
    }

    #[test]
    fn lowercase_operators_are_words() {
        assert_eq!(
            parse("not or and").unwrap(),
            Node::And(vec![text("not"), text("or"), text("and")])
        );
    }

    #[test]
    fn ranking_needs_text_outside_not() {
        assert!(parse("zoom role:mentor").unwrap().ranks());
        assert!(!parse("role:mentor -zoom").unwrap().ranks());
    }
}
