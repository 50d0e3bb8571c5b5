//! init, import, attributes, status, units, cases.

use super::args::ImportArgs;
use super::output::{json, short};
use crate::corpus::SourceKind;
use crate::corpus::import::ImportOptions;
use crate::error::{Error, Result};
use crate::project::Project;
use serde_json::json as j;
use std::path::Path;

pub fn init(dir: &Path, name: Option<&str>, codebook: Option<&Path>) -> Result<()> {
    let p = Project::create(dir, name, codebook)?;
    outln!(
        "Created project '{}' in {} ({} codes)",
        p.manifest.name,
        dir.display(),
        p.codebook.active().count()
    );
    Ok(())
}

pub fn import(p: &mut Project, a: ImportArgs) -> Result<()> {
    let kind = SourceKind::parse(&a.kind)
        .ok_or_else(|| Error::user(format!("unknown kind '{}'", a.kind)))?;
    let attrs = a
        .parse
        .attrs
        .iter()
        .map(|kv| crate::corpus::import::parse_attr(&a.file, kv))
        .collect::<Result<Vec<_>>>()?;
    let opts = ImportOptions {
        role: a.parse.role,
        case_column: a.parse.case_column,
        text_columns: a.parse.text_columns,
        ignore_columns: a.parse.ignore_columns,
        attrs,
        case: a.parse.case,
        moderators: a.parse.moderators.clone(),
        follow_symlinks: a.follow_symlinks,
    };
    let r = p.import(&a.file, kind, a.id.as_deref(), &opts)?;
    for w in &r.warnings {
        note!("warning: {w}");
    }
    if a.json {
        return json(&r);
    }
    outln!(
        "Imported {} as source '{}' ({}, {}): {} units, {} cases",
        a.file.display(),
        r.source,
        r.kind,
        r.format,
        r.units,
        r.cases
    );
    if matches!(kind, SourceKind::FocusGroup | SourceKind::Interview) {
        outln!("{}", moderator_summary(&r.moderators, &a.parse.moderators));
    }
    Ok(())
}

/// "Moderators: Moderator Lee (their turns are context …)" — which speakers were taken for
/// moderators, and how to choose others.
fn moderator_summary(found: &[String], given: &[String]) -> String {
    let how = if given.is_empty() {
        format!(
            "speakers named {}; choose others with --moderator NAME",
            crate::corpus::import::DEFAULT_MODERATORS.join(", ")
        )
    } else {
        "as given with --moderator".to_string()
    };
    if found.is_empty() {
        format!("Moderators: none ({how})")
    } else {
        format!(
            "Moderators: {} ({how}); their turns are context: the prompt of the answers, left out of agreement",
            found.join(", ")
        )
    }
}

pub fn attributes(p: &mut Project, file: &Path, new_cases: bool) -> Result<()> {
    let n = p.import_attributes(file, new_cases)?;
    outln!("Set attributes of {n} cases from {}", file.display());
    Ok(())
}

pub fn status_json(p: &Project) -> Result<serde_json::Value> {
    let mut coders = Vec::new();
    // Each log is replayed once: the first two coders' states also give reconciliation's progress.
    let names = p.coders()?;
    let mut first_two = Vec::new();
    // The states are left to the system at exit, as the project is (see `kept_until_exit`).
    for (i, (c, st)) in names.iter().zip(p.coder_states(&names)?).enumerate() {
        coders.push(j!({"name": c, "codings": st.count(), "reviewed": st.reviewed.len()}));
        if i < 2 {
            first_two.push(p.effective(st));
        } else {
            std::mem::forget(st);
        }
    }
    let first_two: &[_] = Vec::leak(first_two);
    let pair = match (names.as_slice(), first_two) {
        ([a, b, ..], [sa, sb]) => Some([(a.as_str(), sa), (b.as_str(), sb)]),
        _ => None,
    };
    let mut per_source: std::collections::HashMap<&str, usize> = Default::default();
    for u in &p.units {
        *per_source.entry(u.source.as_str()).or_default() += 1;
    }
    let sources: Vec<_> = p
        .manifest
        .sources
        .iter()
        .map(|s| j!({"id": s.id, "kind": s.kind, "units": per_source.get(s.id.as_str()).copied().unwrap_or(0)}))
        .collect();
    Ok(j!({
        "name": p.manifest.name,
        "id": p.manifest.id,
        "sources": sources,
        "cases": p.cases.len(),
        "units": p.units.len(),
        "codes": p.codebook.active().count(),
        "coders": coders,
        "reconciliation": super::reconcile::status_key(p, pair)?,
    }))
}

pub fn status(p: &Project, as_json: bool) -> Result<()> {
    let v = status_json(p)?;
    if as_json {
        return json(&v);
    }
    outln!(
        "{} — {} sources, {} cases, {} units, {} codes",
        p.manifest.name,
        p.manifest.sources.len(),
        p.cases.len(),
        p.units.len(),
        v["codes"]
    );
    for s in v["sources"].as_array().into_iter().flatten() {
        outln!(
            "  source {:<24} {:<12} {:>5} units",
            s["id"].as_str().unwrap_or(""),
            s["kind"].as_str().unwrap_or(""),
            s["units"]
        );
    }
    let total = p.units.len();
    for c in v["coders"].as_array().into_iter().flatten() {
        outln!(
            "  coder  {:<24} {:>5} codings, {:>5} of {total} units reviewed",
            c["name"].as_str().unwrap_or(""),
            c["codings"],
            c["reviewed"]
        );
    }
    if let Some(line) = super::reconcile::status_line(&v["reconciliation"]) {
        outln!("  {line}");
    }
    Ok(())
}

pub fn units(p: &Project, source: Option<&str>, as_json: bool) -> Result<()> {
    if let Some(s) = source
        && p.source_kind(s).is_none()
    {
        return Err(Error::user(format!(
            "unknown source '{s}'; see `thematic status`"
        )));
    }
    let list: Vec<_> = p
        .units
        .iter()
        .filter(|u| source.is_none_or(|s| u.source == s))
        .collect();
    if as_json {
        let v: Vec<_> = list
            .iter()
            .map(|u| j!({"id": u.id, "source": u.source, "case": u.case, "prompt": u.prompt, "speaker": u.speaker, "text": u.text, "moderator": u.moderator}))
            .collect();
        return json(&v);
    }
    for u in list {
        let who = u.case.as_deref().unwrap_or("-");
        outln!("{:<24} {:<12} {}", u.id, short(who, 12), short(&u.text, 70));
    }
    Ok(())
}

pub fn cases(p: &Project, as_json: bool) -> Result<()> {
    if as_json {
        let v: Vec<_> = p
            .cases
            .iter()
            .map(|c| {
                let labels: serde_json::Map<String, serde_json::Value> = c
                    .attributes
                    .keys()
                    .filter_map(|k| p.attribute_labels.get(k).map(|l| (k.clone(), j!(l))))
                    .collect();
                let mut v = j!({"id": c.id, "attributes": c.attributes});
                if !labels.is_empty() {
                    v["labels"] = serde_json::Value::Object(labels);
                }
                if c.moderator {
                    v["moderator"] = j!(true);
                }
                v
            })
            .collect();
        return json(&v);
    }
    for c in &p.cases {
        let attrs: Vec<String> = c
            .attributes
            .iter()
            .map(|(k, v)| format!("{}={}", p.attribute_label(k), short(v, 24)))
            .collect();
        outln!("{:<16} {}", c.id, attrs.join("  "));
    }
    Ok(())
}
