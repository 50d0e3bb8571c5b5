//! code, uncode, review, memo, undo, redo, codings: one coder's own log.

use super::args::{CodeArgs, UncodeArgs};
use super::output::json;
use crate::coding::{Change, Span, parse_span};
use crate::corpus::text::check_span;
use crate::error::{Error, Result};
use crate::project::Project;
use serde_json::json as j;
use std::fmt::Write as _;

/// Parse and check `--span` against the unit's text.
fn span_of(p: &Project, unit: &str, span: Option<&str>) -> Result<Span> {
    let u = p.require_unit(unit)?;
    let Some(s) = span else { return Ok(None) };
    let (a, b) =
        parse_span(s).ok_or_else(|| Error::user(format!("--span '{s}' is not START..END")))?;
    check_span(&u.text, a, b).map_err(|m| Error::user(format!("unit {unit}: {m}")))?;
    Ok(Some((a, b)))
}

fn say(n: usize, done: &str, noop: &str) -> Result<()> {
    outln!("{}", if n > 0 { done } else { noop });
    Ok(())
}

pub fn code(p: &Project, args: CodeArgs) -> Result<()> {
    let a = args.target;
    let span = span_of(p, &a.unit, a.span.as_deref())?;
    let code = p.codebook.resolve(&a.code)?;
    p.codebook.check_codable(&code.id)?;
    let mut log = p.open_log(&a.coder)?;
    let n = log.record(&[Change::Apply {
        unit: a.unit.clone(),
        code: code.id.clone(),
        span,
        memo: args.memo,
    }])?;
    say(
        n,
        &format!("Coded {} as '{}'", a.unit, code.name),
        &format!("{} already has '{}' there", a.unit, code.name),
    )
}

pub fn uncode(p: &Project, a: UncodeArgs) -> Result<()> {
    p.require_coder(&a.coder)?;
    let span = span_of(p, &a.unit, a.span.as_deref())?;
    let code = p.codebook.resolve(&a.code)?;
    let mut log = p.open_log(&a.coder)?;
    let n = log.record(&[Change::Remove {
        unit: a.unit.clone(),
        code: code.id.clone(),
        span,
    }])?;
    if n == 0 {
        return Err(Error::user(format!(
            "{} has no coding '{}' there for {}",
            a.unit, code.name, a.coder
        )));
    }
    outln!("Removed '{}' from {}", code.name, a.unit);
    Ok(())
}

pub fn review(p: &Project, coder: &str, units: &[String], undo: bool) -> Result<()> {
    for u in units {
        p.require_unit(u)?;
    }
    let mut log = p.open_log(coder)?;
    let changes: Vec<Change> = units
        .iter()
        .map(|u| {
            if undo {
                Change::Unreview { unit: u.clone() }
            } else {
                Change::Review { unit: u.clone() }
            }
        })
        .collect();
    let n = log.record(&changes)?;
    outln!(
        "{} {n} unit(s){}",
        if undo { "Unmarked" } else { "Marked" },
        if undo { "" } else { " as reviewed" }
    );
    Ok(())
}

pub fn memo(
    p: &Project,
    coder: &str,
    unit: &str,
    code: Option<&str>,
    span: Option<&str>,
    text: Option<String>,
) -> Result<()> {
    let span = span_of(p, unit, span)?;
    let code_id = code
        .map(|c| p.codebook.resolve(c).map(|c| c.id.clone()))
        .transpose()?;
    if code_id.is_some() {
        // A coding's memo needs a coding: a coder without a log has none.
        p.require_coder(coder)?;
    }
    let mut log = p.open_log(coder)?;
    if let Some(c) = &code_id
        && log.state().coding(unit, c, span).is_none()
    {
        return Err(Error::user(format!(
            "{unit} has no coding '{c}' there for {coder}"
        )));
    }
    let n = log.record(&[Change::Memo {
        unit: unit.to_string(),
        code: code_id,
        span,
        text,
    }])?;
    say(n, "Memo saved", "Memo unchanged")?;
    Ok(())
}

pub fn undo_redo(p: &Project, coder: &str, undo: bool) -> Result<()> {
    p.require_coder(coder)?;
    let mut log = p.open_log(coder)?;
    let entries = if undo { log.undo()? } else { log.redo()? };
    if entries.is_empty() {
        return Err(Error::user(format!(
            "nothing to {} for {coder}",
            if undo { "undo" } else { "redo" }
        )));
    }
    outln!(
        "{} {} change(s)",
        if undo { "Undid" } else { "Redid" },
        entries.len()
    );
    Ok(())
}

pub fn codings(p: &Project, coder: &str, as_json: bool) -> Result<()> {
    p.require_coder(coder)?;
    let st = p.coder_view(coder)?;
    if as_json {
        // A unit's own memo is a row with "code": null, before the unit's codings.
        let mut v = Vec::new();
        for u in &p.units {
            if let Some(m) = st.unit_memos.get(&u.id) {
                v.push(j!({"unit": u.id, "code": null, "span": null, "memo": m}));
            }
            for c in st.codings_of(&u.id) {
                v.push(j!({"unit": u.id, "code": c.code, "span": c.span.map(|(a, b)| [a, b]), "memo": c.memo}));
            }
        }
        return json(&v);
    }
    // Written at once: a write (and flush) per line was most of the time for a large log.
    let mut text = String::new();
    for u in &p.units {
        if let Some(m) = st.unit_memos.get(&u.id) {
            let _ = writeln!(text, "{:<24} (unit memo)", u.id);
            memo_lines(&mut text, m);
        }
        for c in st.codings_of(&u.id) {
            let name = p
                .codebook
                .get(&c.code)
                .map_or(c.code.as_str(), |x| x.name.as_str());
            let span = c.span.map_or(String::new(), |(a, b)| format!(" {a}..{b}"));
            let _ = writeln!(text, "{:<24} {name}{span}", u.id);
            if let Some(m) = &c.memo {
                memo_lines(&mut text, m);
            }
        }
    }
    out!("{text}");
    Ok(())
}

/// A memo under its coding, indented, its own line breaks kept.
fn memo_lines(text: &mut String, memo: &str) {
    for line in memo.lines() {
        let _ = writeln!(text, "{:<24}   memo: {line}", "");
    }
}
