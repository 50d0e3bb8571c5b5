//! `import-project`: a `.qdpx` becomes a new project folder. It is built in a temporary
//! folder next to the target and renamed into place only when complete, so a refused or
//! failed import leaves nothing behind, and nothing is ever written outside that folder.

use super::archive::Limits;
use super::import_codings::{codings, sets_as_themes};
use super::import_units::{UnitPlace, exact_units, paragraph_units};
use super::model::{Exchange, SidecarSource};
use super::qdpx_read;
use crate::codebook::Codebook;
use crate::coding::Change;
use crate::corpus::attributes::AttributeOverlay;
use crate::corpus::import::ImportSettings;
use crate::corpus::{Case, Parsed, SourceKind, Unit, slug};
use crate::error::{Error, IoContext, Result};
use crate::project::{ATTRIBUTES, MANIFEST, Project, SourceUnits, atomic, manifest, units_file};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use super::import_codings::CONSENSUS_CODER;
use super::import_codings::{CONSENSUS, plain_name};
use super::import_consensus;

#[derive(Debug, Default, serde::Serialize)]
pub struct ImportReport {
    pub project: PathBuf,
    pub sources: usize,
    pub units: usize,
    pub codes: usize,
    pub cases: usize,
    /// Coder → codings recorded.
    pub coders: BTreeMap<String, usize>,
    pub memos: usize,
    /// Decisions recorded in `consensus.jsonl` (none: the file has no consensus user).
    pub consensus: Option<usize>,
    pub themes: usize,
    /// Whether unit boundaries came from our own sidecar (an exact round trip).
    pub exact: bool,
    pub warnings: Vec<String>,
    /// Hidden folders left next to DIR by imports that crashed or were killed, now removed.
    pub cleared: Vec<String>,
}

/// How to import: which user is the consensus (for files from other tools), size limits.
#[derive(Debug, Clone, Default)]
pub struct ProjectImport {
    /// The user (by name) whose codings become `consensus.jsonl`; our own archives mark theirs.
    pub consensus_user: Option<String>,
    pub limits: Limits,
}

/// Import `file` as a new project in `dir` (which must not exist, or be an empty folder).
pub fn import_project(file: &Path, dir: &Path) -> Result<ImportReport> {
    import_project_using(file, dir, &ProjectImport::default())
}

/// [`import_project`] with other size limits.
pub fn import_project_with(file: &Path, dir: &Path, limits: Limits) -> Result<ImportReport> {
    import_project_using(
        file,
        dir,
        &ProjectImport {
            limits,
            ..Default::default()
        },
    )
}

/// [`import_project`] as `how` says.
pub fn import_project_using(file: &Path, dir: &Path, how: &ProjectImport) -> Result<ImportReport> {
    if dir.join(MANIFEST).exists() {
        return Err(Error::input(dir, None, "a project already exists here"));
    }
    if dir.exists() && std::fs::read_dir(dir).at(dir)?.next().is_some() {
        return Err(Error::input(
            dir,
            None,
            "folder is not empty; choose a new or empty folder",
        ));
    }
    let x = qdpx_read::read(file, how.limits)?;
    let consensus = import_consensus::consensus_user(
        file,
        &x,
        x.sidecar.as_ref(),
        how.consensus_user.as_deref(),
    )?;
    // An existing (empty) folder given as `.` or `..` has no name of its own: use its real path.
    let target = match dir.canonicalize() {
        Ok(abs) => abs,
        Err(_) => dir.to_path_buf(),
    };
    let dir = target.as_path();
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).at(&parent)?;
    let leaf = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let cleared = super::staging::clear_stale(&parent);
    let tmp = super::staging::staging_dir(&parent, &leaf);
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).at(&tmp)?;
    }
    let name = if x.name.trim().is_empty() {
        leaf.clone()
    } else {
        x.name.clone()
    };
    let done = build(x, &tmp, &name, consensus.as_deref()).and_then(|report| {
        if dir.exists() {
            std::fs::remove_dir(dir).at(dir)?;
        }
        std::fs::rename(&tmp, dir).at(dir)?;
        Ok(report)
    });
    match done {
        Ok(mut report) => {
            atomic::sync_dir(&parent)?;
            report.project = dir.to_path_buf();
            report.cleared = cleared;
            Ok(report)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

fn build(
    mut x: Exchange,
    root: &Path,
    name: &str,
    consensus: Option<&str>,
) -> Result<ImportReport> {
    let mut report = ImportReport {
        warnings: std::mem::take(&mut x.warnings),
        ..Default::default()
    };
    let sidecar = x.sidecar.take();
    apply_sidecar_codes(&mut x, sidecar.as_ref().map(|s| &s.codes));
    let mut p = Project::init(root, Some(name), Some(x.codebook.clone()))?;
    report.codes = x.codebook.active().count();

    // Cases: from the sidecar's units, or from the cases' source and selection references.
    let mut case_of_source: HashMap<&str, &str> = HashMap::new();
    let mut case_of_selection: HashMap<&str, &str> = HashMap::new();
    for c in &x.cases {
        for s in &c.sources {
            case_of_source.insert(s, &c.name);
        }
        for s in &c.selections {
            case_of_selection.insert(s, &c.name);
        }
    }
    let by_guid: HashMap<&str, &SidecarSource> = sidecar
        .iter()
        .flat_map(|s| &s.sources)
        .map(|s| (s.guid.as_str(), s))
        .collect();
    let mut units: Vec<(Unit, UnitPlace)> = Vec::new();
    let mut used_ids = HashSet::new();
    let mut unit_ids: HashSet<String> = HashSet::new();
    let mut m = p.manifest.clone();
    let mut exact = !x.sources.is_empty();
    for (si, s) in x.sources.iter().enumerate() {
        let side = by_guid.get(s.guid.as_str()).copied();
        let id = unique(
            &mut used_ids,
            // A source id names a file: only a clean slug from the sidecar is taken as it is.
            side.filter(|d| slug(&d.id) == d.id)
                .map_or_else(|| slug(&s.name), |d| d.id.clone()),
            si,
        );
        // Our own units, unless their ids clash with units already read.
        let ours = side
            .and_then(|d| exact_units(d, s, &id))
            .filter(|u| u.iter().all(|(u, _)| !unit_ids.contains(&u.id)));
        let (mut parsed_units, kind, original) = match ours {
            Some(u) => (
                u,
                side.map_or(SourceKind::Notes, |d| d.kind),
                side.map(|d| d.original_name.clone()),
            ),
            None => {
                exact = false;
                (paragraph_units(s, &id), SourceKind::Notes, None)
            }
        };
        for (u, place) in &mut parsed_units {
            place.source = si;
            if u.case.is_none() {
                u.case = case_of_source.get(s.guid.as_str()).map(|c| c.to_string());
            }
            if u.case.is_none() {
                u.case = s
                    .selections
                    .iter()
                    .filter(|sel| sel.start < place.end && place.start < sel.end)
                    .find_map(|sel| case_of_selection.get(sel.guid.as_str()))
                    .map(|c| c.to_string());
            }
        }
        let mut cases: Vec<Case> = Vec::new();
        for (u, _) in &parsed_units {
            if let Some(c) = &u.case
                && !cases.iter().any(|x| &x.id == c)
            {
                // A speaker whose every turn is moderation is a moderator, as the importers decide.
                let moderator = parsed_units
                    .iter()
                    .filter(|(x, _)| x.case.as_ref() == Some(c))
                    .all(|(x, _)| x.moderator);
                cases.push(Case {
                    id: c.clone(),
                    attributes: Default::default(),
                    moderator,
                });
            }
        }
        let file = format!("sources/{id}.txt");
        atomic::write_atomic(&root.join(&file), s.text.as_bytes())?;
        let su = SourceUnits {
            format: manifest::FORMAT,
            source: id.clone(),
            parsed: Parsed {
                cases,
                units: parsed_units.iter().map(|(u, _)| u.clone()).collect(),
                labels: Default::default(),
            },
            retired: Vec::new(),
        };
        atomic::write_json(&root.join(units_file(&id)), &su)?;
        m.sources.push(manifest::SourceEntry {
            id,
            kind,
            file,
            original_name: original.unwrap_or_else(|| s.name.clone()),
            sha256: manifest::sha256_hex(s.text.as_bytes()),
            imported: manifest::now(),
            settings: ImportSettings {
                format: "qdpx-text".into(),
                ..Default::default()
            },
        });
        unit_ids.extend(parsed_units.iter().map(|(u, _)| u.id.clone()));
        units.extend(parsed_units);
    }
    report.exact = exact;
    report.sources = m.sources.len();
    report.units = units.len();
    let overlay = AttributeOverlay {
        format: manifest::FORMAT,
        cases: x
            .cases
            .iter()
            .filter(|c| !c.name.is_empty())
            .map(|c| {
                let attrs = c
                    .attributes
                    .iter()
                    .map(|(k, v)| (crate::corpus::attribute_key(k), v.clone()))
                    .collect();
                (c.name.clone(), attrs)
            })
            .collect(),
        // The variable names other tools gave, kept as the attributes' labels.
        labels: x
            .cases
            .iter()
            .flat_map(|c| c.attributes.iter())
            .map(|(k, _)| (crate::corpus::attribute_key(k), k.clone()))
            .filter(|(key, name)| key != name)
            .collect(),
        ..Default::default()
    };
    report.cases = overlay.cases.len();
    atomic::write_json(&root.join(ATTRIBUTES), &overlay)?;
    atomic::write_json(&root.join(MANIFEST), &m)?;
    p = Project::open(root)?;

    let mut coders = codings(
        &x,
        &units,
        sidecar.as_ref().map(|s| &s.users),
        consensus,
        &mut report.warnings,
    );
    let consensus_changes = coders.changes.remove(CONSENSUS).unwrap_or_default();
    for (coder, changes) in &coders.changes {
        crate::project::check_coder(coder)?;
        let mut log = p.open_log(coder)?;
        let mut all = changes.clone();
        let reviewed: Vec<String> = match sidecar.as_ref().and_then(|s| s.reviewed.get(coder)) {
            Some(list) => list.clone(),
            // Another tool has no review marks: a coder who coded in a source decided on all of it.
            None => units
                .iter()
                .filter(|(_, place)| {
                    coders
                        .sources
                        .get(coder)
                        .is_some_and(|s| s.contains(&place.source))
                })
                .map(|(u, _)| u.id.clone())
                .collect(),
        };
        let known: HashSet<&str> = units.iter().map(|(u, _)| u.id.as_str()).collect();
        all.extend(
            reviewed
                .into_iter()
                .filter(|u| known.contains(u.as_str()))
                .map(|unit| Change::Review { unit }),
        );
        log.record(&all)?;
        report.coders.insert(
            coder.clone(),
            changes
                .iter()
                .filter(|c| matches!(c, Change::Apply { .. }))
                .count(),
        );
    }
    // The consensus's notes are its decisions' notes, not memos.
    let consensus_notes = consensus_changes
        .iter()
        .filter(|c| matches!(c, Change::Memo { .. }))
        .count();
    report.memos = coders.memos.saturating_sub(consensus_notes);
    if consensus.is_none()
        && let Some(name) = x.users.values().find(|n| plain_name(n) == CONSENSUS)
    {
        report.warnings.push(format!(
            "the user '{name}' became the coder '{CONSENSUS_CODER}'; to import their codings as the consensus, give --consensus-user '{name}'"
        ));
    }

    if let Some(user) = consensus {
        let meta = sidecar
            .as_ref()
            .and_then(|s| s.consensus.as_ref())
            .filter(|m| m.user == user);
        let decided = import_consensus::decided(&units, sidecar.as_ref(), meta, &consensus_changes);
        let by = plain_name(x.users.get(user).map_or("", String::as_str));
        let p = Project::open(root)?;
        report.consensus = Some(import_consensus::record(
            &p,
            &consensus_changes,
            &decided,
            meta,
            &by,
        )?);
    }

    let themes = match sidecar.and_then(|s| s.themes) {
        Some(t) => Some(t),
        None if !x.sets.is_empty() => Some(sets_as_themes(&x)),
        None => None,
    };
    if let Some(t) = themes {
        report.themes = t
            .sections
            .iter()
            .flat_map(|s| &s.categories)
            .map(|c| c.themes.len())
            .sum();
        atomic::write_json(&root.join(crate::themes::THEMES), &t)?;
    }
    Ok(report)
}

fn unique(used: &mut HashSet<String>, want: String, n: usize) -> String {
    let base = if want.is_empty() {
        format!("source-{}", n + 1)
    } else {
        want
    };
    let mut id = base.clone();
    let mut k = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

/// Our own code ids, shortcut keys and exclusive groups, when the archive came from here.
fn apply_sidecar_codes(
    x: &mut Exchange,
    codes: Option<&BTreeMap<String, super::model::SidecarCode>>,
) {
    let Some(codes) = codes else { return };
    let mut cb: Codebook = x.codebook.clone();
    let mut rename: HashMap<String, String> = HashMap::new();
    for c in &mut cb.codes {
        if let Some(s) = c.guid.as_ref().and_then(|g| codes.get(g)) {
            rename.insert(c.id.clone(), s.id.clone());
            c.key = s.key.clone();
            c.exclusive = s.exclusive;
        }
    }
    let mut seen = HashSet::new();
    let ok = cb
        .codes
        .iter()
        .all(|c| seen.insert(rename.get(&c.id).unwrap_or(&c.id).clone()));
    for c in &mut cb.codes {
        if ok && let Some(n) = rename.get(&c.id) {
            c.id = n.clone();
        }
        if ok && let Some(p) = c.parent.as_ref().and_then(|p| rename.get(p)) {
            c.parent = Some(p.clone());
        }
    }
    if ok {
        for v in x.code_ids.values_mut() {
            if let Some(n) = rename.get(v) {
                *v = n.clone();
            }
        }
    }
    if cb.validate(Path::new("codebook")).is_ok() {
        x.codebook = cb;
    }
}
