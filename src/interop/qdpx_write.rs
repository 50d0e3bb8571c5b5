//! `export qdpx`: the project as a REFI-QDA project: `project.qde` plus each source's plain
//! text in `sources/`, every coder and the consensus as users, codings as `PlainTextSelection`s
//! on that text, memos as notes, themes as sets of codes, and our sidecar for exact return.

use super::guid::from_seed;
use super::import_codings::CONSENSUS;
use super::model::{
    SIDECAR, SIDECAR_FORMAT, Sidecar, SidecarCode, SidecarConsensus, SidecarDecision,
    SidecarSource, SidecarUnit,
};
use super::qdc::{self, code_guid};
use super::qdpx_parts::{sets_xml, zip_bytes};
use super::xml::{esc, esc_text};
use crate::coding::{CoderState, Span};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::{Consensus, consensus_state};
use crate::themes::ThemeMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// What an export wrote.
#[derive(Debug, Default, serde::Serialize)]
pub struct ExportReport {
    pub sources: usize,
    pub codes: usize,
    pub cases: usize,
    pub users: Vec<String>,
    pub codings: usize,
    pub notes: usize,
    pub sets: usize,
}

/// The plain text of a source (its units joined by blank lines) and each unit's place in it.
pub fn source_text(p: &Project, source: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut places = Vec::new();
    let mut pos = 0;
    for u in p.units.iter().filter(|u| u.source == source) {
        if !text.is_empty() {
            text.push_str("\n\n");
            pos += 2;
        }
        let n = u.text.chars().count();
        places.push((pos, pos + n));
        text.push_str(&u.text);
        pos += n;
    }
    (text, places)
}

struct Ctx {
    seed: String,
    notes: String,
    n_notes: usize,
    n_codings: usize,
}

impl Ctx {
    fn guid(&self, what: &str) -> String {
        from_seed(&format!("{}:{what}", self.seed))
    }

    fn note(&mut self, key: &str, user: &str, name: &str, text: &str) -> String {
        let g = self.guid(&format!("note:{key}"));
        let _ = writeln!(
            self.notes,
            "  <Note guid=\"{g}\" name=\"{}\" creatingUser=\"{user}\">\n    <PlainTextContent>{}</PlainTextContent>\n  </Note>",
            esc(name),
            esc_text(text)
        );
        self.n_notes += 1;
        g
    }
}

/// Build the `.qdpx` bytes.
pub fn export(p: &Project) -> Result<(Vec<u8>, ExportReport)> {
    p.require_text()?;
    let mut report = ExportReport::default();
    let mut who: Vec<(String, CoderState)> = Vec::new();
    for c in p.coders()? {
        who.push((c.clone(), p.coder_view(&c)?));
    }
    let consensus = Consensus::read(p)?;
    if consensus.exists {
        // Decision notes travel as the consensus user's notes on the unit, for other tools.
        let mut st = p.effective(consensus_state(&consensus));
        for d in consensus.decisions() {
            if let Some(n) = d.note.as_ref().filter(|n| !n.trim().is_empty()) {
                st.unit_memos.insert(d.unit.clone(), n.clone());
            }
        }
        who.push((CONSENSUS.into(), st));
    }
    let mut cx = Ctx {
        seed: p.manifest.id.clone(),
        notes: String::new(),
        n_notes: 0,
        n_codings: 0,
    };
    let user_guid: HashMap<&str, String> = who
        .iter()
        .map(|(c, _)| (c.as_str(), cx.guid(&format!("user:{c}"))))
        .collect();
    let mut qde = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"{NAMESPACE}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{NAMESPACE} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd\" name=\"{}\" origin=\"thematic {}\">\n",
        esc(&p.manifest.name),
        env!("CARGO_PKG_VERSION")
    );
    if !who.is_empty() {
        qde.push_str("<Users>\n");
        for (c, _) in &who {
            let _ = writeln!(
                qde,
                "  <User guid=\"{}\" name=\"{}\"/>",
                user_guid[c.as_str()],
                esc(c)
            );
        }
        qde.push_str("</Users>\n");
        report.users = who.iter().map(|(c, _)| c.clone()).collect();
    }
    report.codes = p.codebook.active().count();
    if report.codes > 0 {
        let _ = write!(
            qde,
            "<CodeBook>\n{}</CodeBook>\n",
            qdc::codes_xml(&p.codebook)
        );
    }
    let code_guids: HashMap<&str, String> = p
        .codebook
        .active()
        .map(|c| (c.id.as_str(), code_guid(&p.codebook, c)))
        .collect();

    // Variables and cases.
    let keys: BTreeSet<&str> = p
        .cases
        .iter()
        .flat_map(|c| c.attributes.keys().map(String::as_str))
        .collect();
    let var_guid: HashMap<&str, String> = keys
        .iter()
        .map(|k| (*k, cx.guid(&format!("variable:{k}"))))
        .collect();
    if !keys.is_empty() {
        qde.push_str("<Variables>\n");
        for k in &keys {
            let _ = writeln!(
                qde,
                "  <Variable guid=\"{}\" name=\"{}\" typeOfVariable=\"Text\"/>",
                var_guid[k],
                esc(k)
            );
        }
        qde.push_str("</Variables>\n");
    }
    let seed = cx.seed.clone();
    let unit_sel = |u: &str| from_seed(&format!("{seed}:unit:{u}"));
    if !p.cases.is_empty() {
        qde.push_str("<Cases>\n");
        for c in &p.cases {
            let _ = writeln!(
                qde,
                "  <Case guid=\"{}\" name=\"{}\">",
                cx.guid(&format!("case:{}", c.id)),
                esc(&c.id)
            );
            for (k, v) in &c.attributes {
                let _ = writeln!(
                    qde,
                    "    <VariableValue><VariableRef targetGUID=\"{}\"/><TextValue>{}</TextValue></VariableValue>",
                    var_guid[k.as_str()],
                    esc_text(v)
                );
            }
            for u in p.units.iter().filter(|u| u.case.as_deref() == Some(&c.id)) {
                let _ = writeln!(
                    qde,
                    "    <SelectionRef targetGUID=\"{}\"/>",
                    unit_sel(&u.id)
                );
            }
            qde.push_str("  </Case>\n");
        }
        qde.push_str("</Cases>\n");
        report.cases = p.cases.len();
    }

    // Sources, with every coder's codings as selections on the exported text.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut side = Sidecar {
        format: SIDECAR_FORMAT,
        ..Default::default()
    };
    if !p.manifest.sources.is_empty() {
        qde.push_str("<Sources>\n");
    }
    for s in &p.manifest.sources {
        let g = cx.guid(&format!("source:{}", s.id));
        let (text, places) = source_text(p, &s.id);
        let name = if s.original_name.is_empty() {
            &s.id
        } else {
            &s.original_name
        };
        let _ = writeln!(
            qde,
            "  <TextSource guid=\"{g}\" name=\"{}\" plainTextPath=\"internal://{g}.txt\">",
            esc(name)
        );
        let mut units_side = Vec::new();
        for (u, &(start, end)) in p.units.iter().filter(|u| u.source == s.id).zip(&places) {
            units_side.push(SidecarUnit {
                id: u.id.clone(),
                start,
                end,
                case: u.case.clone(),
                prompt: u.prompt.clone(),
                speaker: u.speaker.clone(),
                time: u.time.clone(),
                line: u.line,
                moderator: u.moderator,
            });
            if u.case.is_some() {
                let _ = writeln!(
                    qde,
                    "    <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\"/>",
                    unit_sel(&u.id),
                    esc(&u.id)
                );
            }
            for (coder, st) in &who {
                selections(
                    &mut cx,
                    &mut qde,
                    coder,
                    &user_guid[coder.as_str()],
                    st,
                    &u.id,
                    start,
                    end,
                    &code_guids,
                );
            }
        }
        qde.push_str("  </TextSource>\n");
        files.push((format!("sources/{g}.txt"), text.into_bytes()));
        side.sources.push(SidecarSource {
            guid: g,
            id: s.id.clone(),
            kind: s.kind,
            original_name: s.original_name.clone(),
            units: units_side,
        });
    }
    if !p.manifest.sources.is_empty() {
        qde.push_str("</Sources>\n");
    }
    report.sources = p.manifest.sources.len();
    report.codings = cx.n_codings;
    report.notes = cx.n_notes;
    if !cx.notes.is_empty() {
        let _ = write!(qde, "<Notes>\n{}</Notes>\n", cx.notes);
    }
    let themes = ThemeMap::load(&p.root)?;
    let sets = sets_xml(&cx.seed, &p.codebook, &themes, &code_guids);
    report.sets = sets.1;
    qde.push_str(&sets.0);
    qde.push_str("</Project>\n");

    for (c, st) in &who {
        side.users.insert(user_guid[c.as_str()].clone(), c.clone());
        side.reviewed.insert(c.clone(), {
            let mut v: Vec<String> = st.reviewed.iter().cloned().collect();
            v.sort();
            v
        });
    }
    for c in p.codebook.active() {
        side.codes.insert(
            code_guids[c.id.as_str()].clone(),
            SidecarCode {
                id: c.id.clone(),
                key: c.key.clone(),
                exclusive: c.exclusive,
            },
        );
    }
    side.themes = (!themes.sections.is_empty()).then_some(themes);
    if consensus.exists {
        side.consensus = Some(SidecarConsensus {
            user: user_guid[CONSENSUS].clone(),
            decisions: consensus
                .decisions()
                .map(|d| {
                    let meta = SidecarDecision {
                        decision: d.choice,
                        note: d.note.clone(),
                        by: d.by.clone(),
                        at: d.at.clone(),
                        coders: d.coders.clone(),
                    };
                    (d.unit.clone(), meta)
                })
                .collect(),
            refinements: consensus.refinements.clone(),
        });
    }
    let side_json = serde_json::to_vec_pretty(&side).map_err(|e| Error::user(e.to_string()))?;
    files.insert(0, ("project.qde".into(), qde.into_bytes()));
    files.push((SIDECAR.into(), side_json));
    Ok((zip_bytes(&files)?, report))
}

/// One coder's codings and memo of a unit: a selection per distinct span, a coding per code.
#[allow(clippy::too_many_arguments)]
fn selections(
    cx: &mut Ctx,
    qde: &mut String,
    coder: &str,
    user: &str,
    st: &CoderState,
    unit: &str,
    start: usize,
    end: usize,
    code_guids: &HashMap<&str, String>,
) {
    let mut by_span: BTreeMap<Span, Vec<&crate::coding::Coding>> = BTreeMap::new();
    for c in st.codings_of(unit) {
        if code_guids.contains_key(c.code.as_str()) {
            by_span.entry(c.span).or_default().push(c);
        }
    }
    for (span, codings) in by_span {
        let (a, b) = match span {
            Some((a, b)) => (start + a.min(end - start), start + b.min(end - start)),
            None => (start, end),
        };
        let key = format!("{coder}:{unit}:{span:?}");
        let _ = writeln!(
            qde,
            "    <PlainTextSelection guid=\"{}\" startPosition=\"{a}\" endPosition=\"{b}\" creatingUser=\"{user}\">",
            cx.guid(&format!("selection:{key}"))
        );
        for c in codings {
            let note = c.memo.as_ref().filter(|m| !m.trim().is_empty()).map(|m| {
                cx.note(
                    &format!("{key}:{}", c.code),
                    user,
                    &format!("Memo by {coder} on {unit} ({})", c.code),
                    m,
                )
            });
            let _ = writeln!(
                qde,
                "      <Coding guid=\"{}\" creatingUser=\"{user}\"><CodeRef targetGUID=\"{}\"/>{}</Coding>",
                cx.guid(&format!("coding:{key}:{}", c.code)),
                code_guids[c.code.as_str()],
                note.map_or(String::new(), |g| format!("<NoteRef targetGUID=\"{g}\"/>"))
            );
            cx.n_codings += 1;
        }
        qde.push_str("    </PlainTextSelection>\n");
    }
    if let Some(m) = st.unit_memos.get(unit).filter(|m| !m.trim().is_empty()) {
        let key = format!("{coder}:{unit}:memo");
        let g = cx.note(&key, user, &format!("Memo by {coder} on {unit}"), m);
        let _ = writeln!(
            qde,
            "    <PlainTextSelection guid=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{user}\"><NoteRef targetGUID=\"{g}\"/></PlainTextSelection>",
            cx.guid(&format!("selection:{key}"))
        );
    }
}
