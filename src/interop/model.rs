//! What a `.qdpx` holds, as read: users, codes, cases with variables, text sources with
//! their selections and codings, notes and sets; plus our own sidecar, which lets a project
//! exported here come back exactly (unit boundaries, ids, review marks, the theme map).

use crate::codebook::Codebook;
use crate::corpus::SourceKind;
use crate::reconcile::{Choice, Refinement};
use crate::themes::ThemeMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The sidecar's path inside the archive. Other tools ignore files they do not reference.
pub const SIDECAR: &str = "thematic/project.json";
pub const SIDECAR_FORMAT: u32 = 1;

#[derive(Debug, Default)]
pub struct Exchange {
    pub name: String,
    /// User GUID → name.
    pub users: HashMap<String, String>,
    pub codebook: Codebook,
    /// Code GUID → our code id.
    pub code_ids: HashMap<String, String>,
    pub cases: Vec<CaseIn>,
    pub sources: Vec<SourceIn>,
    /// Note GUID → note.
    pub notes: HashMap<String, NoteIn>,
    pub sets: Vec<SetIn>,
    pub sidecar: Option<Sidecar>,
    /// Things read but not carried over, said once each after the import.
    pub warnings: Vec<String>,
}

#[derive(Debug, Default)]
pub struct CaseIn {
    pub guid: String,
    pub name: String,
    pub attributes: BTreeMap<String, String>,
    pub sources: Vec<String>,
    pub selections: Vec<String>,
}

#[derive(Debug, Default)]
pub struct SourceIn {
    pub guid: String,
    pub name: String,
    /// The plain text positions count on, as Unicode scalar values.
    pub text: String,
    pub selections: Vec<SelectionIn>,
    /// Codings of the whole source.
    pub codings: Vec<CodingIn>,
    pub notes: Vec<String>,
}

#[derive(Debug, Default)]
pub struct SelectionIn {
    pub guid: String,
    pub start: usize,
    pub end: usize,
    pub user: Option<String>,
    pub codings: Vec<CodingIn>,
    pub notes: Vec<String>,
}

#[derive(Debug, Default)]
pub struct CodingIn {
    pub code: String,
    pub user: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Default)]
pub struct NoteIn {
    pub name: String,
    pub text: String,
    pub user: Option<String>,
}

#[derive(Debug, Default)]
pub struct SetIn {
    pub name: String,
    pub description: String,
    pub codes: Vec<String>,
}

/// Our own file in the archive: what the standard cannot say about a thematic project.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub format: u32,
    pub sources: Vec<SidecarSource>,
    /// Coder → the units they reviewed.
    #[serde(default)]
    pub reviewed: BTreeMap<String, Vec<String>>,
    /// User GUID → coder name (the consensus user maps to `consensus`).
    #[serde(default)]
    pub users: BTreeMap<String, String>,
    /// Code GUID → what the standard has no place for.
    #[serde(default)]
    pub codes: BTreeMap<String, SidecarCode>,
    #[serde(default)]
    pub themes: Option<ThemeMap>,
    /// Which user is the consensus, and how each of its units was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consensus: Option<SidecarConsensus>,
}

/// The consensus's marker: its user's GUID, and what `consensus.jsonl` holds beyond the
/// codings (those are the user's codings in `project.qde`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarConsensus {
    /// The GUID of the user who is the consensus.
    pub user: String,
    /// Unit → how it was decided, by whom, when, why.
    #[serde(default)]
    pub decisions: BTreeMap<String, SidecarDecision>,
    /// Codebook changes recorded with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refinements: Vec<Refinement>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarDecision {
    pub decision: Choice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub by: String,
    pub at: String,
    #[serde(default)]
    pub coders: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarSource {
    pub guid: String,
    pub id: String,
    pub kind: SourceKind,
    #[serde(default)]
    pub original_name: String,
    pub units: Vec<SidecarUnit>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarUnit {
    pub id: String,
    /// Position of the unit's text in the source's plain text (Unicode scalars, end exclusive).
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    pub line: usize,
    /// A moderator's turn (see `corpus::Unit`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub moderator: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarCode {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}
