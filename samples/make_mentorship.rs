//! Rebuilds `samples/mentorship` from `samples/mentorship-inputs`: imports each file as a user
//! would, merges the attributes, records the two coders' decisions from `coding-key.json`, and a
//! partial consensus from `consensus-key.json` (every agreed unit, and some disagreements
//! decided with notes). The transcripts' moderators and interviewer are flagged as today's
//! importer does, so their turns stay out of agreement and the consensus.
//! `cargo run --example make-mentorship` (from the repository root);
//! `-- --consensus-only` rewrites only the consensus of the existing sample.

use serde::Deserialize;
use std::path::Path;
use thematic::agreement::{Filters, Pairwise};
use thematic::coding::Change;
use thematic::corpus::SourceKind;
use thematic::corpus::import::ImportOptions;
use thematic::project::Project;
use thematic::reconcile::{Choice, ConsensusLog, Request, accept_agreed, decide};

#[derive(Deserialize)]
struct KeyCoding {
    code: String,
    quote: Option<String>,
}

#[derive(Deserialize)]
struct KeyEntry {
    source: String,
    #[serde(rename = "match")]
    prefix: String,
    alice: Vec<KeyCoding>,
    bob: Vec<KeyCoding>,
}

#[derive(Deserialize)]
struct ConsensusEntry {
    source: String,
    #[serde(rename = "match")]
    prefix: String,
    take: String,
    note: String,
    by: String,
}

fn main() -> thematic::Result<()> {
    let inputs = Path::new("samples/mentorship-inputs");
    let out = Path::new("samples/mentorship");
    if std::env::args().any(|a| a == "--consensus-only") {
        let path = thematic::reconcile::consensus_path(out);
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| thematic::Error::io(&path, e))?;
        }
        return reconcile(&Project::open(out)?, inputs);
    }
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| thematic::Error::io(out, e))?;
    }
    let codebook = thematic::codebook::Codebook::load(Path::new("codebooks/mentorship.json"))?;
    let mut p = Project::init(
        out,
        Some("Mentorship program evaluation (sample)"),
        Some(codebook),
    )?;
    let imports: [(&str, SourceKind, ImportOptions); 5] = [
        (
            "mentee-survey.csv",
            SourceKind::Survey,
            ImportOptions {
                role: Some("mentee".into()),
                ..Default::default()
            },
        ),
        (
            "mentor-survey.csv",
            SourceKind::Survey,
            ImportOptions {
                role: Some("mentor".into()),
                ..Default::default()
            },
        ),
        (
            "interview-mentee-07.md",
            SourceKind::Interview,
            ImportOptions::default(),
        ),
        (
            "interview-mentor-12.txt",
            SourceKind::Interview,
            ImportOptions {
                case: Some("MR12".into()),
                ..Default::default()
            },
        ),
        (
            "focus-group.vtt",
            SourceKind::FocusGroup,
            ImportOptions::default(),
        ),
    ];
    for (file, kind, opts) in imports {
        let r = p.import(&inputs.join(file), kind, None, &opts)?;
        let moderators = if r.moderators.is_empty() {
            String::new()
        } else {
            format!(" (moderators: {})", r.moderators.join(", "))
        };
        println!("{file}: {} units, {} cases{moderators}", r.units, r.cases);
        for w in &r.warnings {
            println!("  warning: {w}");
        }
    }
    p.merge_attributes(&inputs.join("attributes.csv"))?;

    let key: Vec<KeyEntry> = serde_json::from_slice(
        &std::fs::read(inputs.join("coding-key.json"))
            .map_err(|e| thematic::Error::io(inputs, e))?,
    )
    .map_err(|e| thematic::Error::user(format!("coding-key.json: {e}")))?;
    for coder in ["alice", "bob"] {
        let mut log = p.open_log(coder)?;
        let mut skipped = 0;
        for entry in &key {
            let found: Vec<_> = p
                .units
                .iter()
                .filter(|u| u.source == entry.source && u.text.starts_with(&entry.prefix))
                .collect();
            let [unit] = found.as_slice() else {
                skipped += 1;
                continue;
            };
            let codings = if coder == "alice" {
                &entry.alice
            } else {
                &entry.bob
            };
            let mut changes = Vec::new();
            for k in codings {
                let code = p.codebook.resolve(&k.code)?.id.clone();
                let span = match &k.quote {
                    Some(q) => {
                        let byte = unit.text.find(q.as_str()).ok_or_else(|| {
                            thematic::Error::user(format!("{}: quote not in unit: {q}", unit.id))
                        })?;
                        let start = unit.text[..byte].chars().count();
                        Some((start, start + q.chars().count()))
                    }
                    None => None,
                };
                changes.push(Change::Apply {
                    unit: unit.id.clone(),
                    code,
                    span,
                    memo: None,
                });
            }
            changes.push(Change::Review {
                unit: unit.id.clone(),
            });
            log.record(&changes)?;
        }
        println!(
            "{coder}: {} codings, {} reviewed, {skipped} key entries without a unit",
            log.state().count(),
            log.state().reviewed.len()
        );
    }
    reconcile(&p, inputs)?;
    // The theme maps: Table 3 as the project's map (checked, originals recorded), Table 5 beside it.
    thematic::themes::edit::import(&p, &inputs.join("themes.json"))?;
    let table5 = out.join("themes-table5.json");
    std::fs::copy(inputs.join("themes-table5.json"), &table5)
        .map_err(|e| thematic::Error::io(&table5, e))?;
    Ok(())
}

/// The two coders reconcile together: they accept every unit they coded alike, then decide
/// some disagreements, each one action with a note, as `thematic reconcile` would.
fn reconcile(p: &Project, inputs: &Path) -> thematic::Result<()> {
    let key: Vec<ConsensusEntry> = serde_json::from_slice(
        &std::fs::read(inputs.join("consensus-key.json"))
            .map_err(|e| thematic::Error::io(inputs, e))?,
    )
    .map_err(|e| thematic::Error::user(format!("consensus-key.json: {e}")))?;
    let pair = Pairwise::compute(p, &[], &Filters::default())?;
    let mut log = ConsensusLog::open(p)?;
    let agreed = accept_agreed(p, &pair, log.consensus(), "alice", None)?;
    let n_agreed = log.record(agreed)?;
    for entry in &key {
        let found: Vec<_> = p
            .units
            .iter()
            .filter(|u| u.source == entry.source && u.text.starts_with(&entry.prefix))
            .collect();
        let [unit] = found.as_slice() else {
            return Err(thematic::Error::user(format!(
                "consensus-key.json: '{}' matches {} units",
                entry.prefix,
                found.len()
            )));
        };
        let take = Choice::parse(&entry.take).ok_or_else(|| {
            thematic::Error::user(format!("consensus-key.json: take '{}'", entry.take))
        })?;
        let d = decide(
            p,
            &pair,
            &Request {
                unit: unit.id.clone(),
                take: Some(take),
                note: Some(entry.note.clone()),
                by: entry.by.clone(),
                ..Default::default()
            },
        )?;
        log.record(vec![d])?;
    }
    println!(
        "consensus: {n_agreed} agreed units, {} of {} disagreements decided",
        key.len(),
        pair.disagreements.len()
    );
    Ok(())
}
