//! Opening without the units' text gives the same figures as opening with it.

use super::*;
use crate::agreement::{AgreementOptions, Filters, Granularity, Pairwise, project_agreement};
use crate::reconcile::{Consensus, Progress};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship")
}

#[test]
fn the_index_keeps_every_unit_but_no_text() {
    let full = Project::open(&sample()).unwrap();
    let index = Project::open_index(&sample()).unwrap();
    assert!(full.has_text());
    assert!(!index.has_text());
    assert_eq!(full.units.len(), index.units.len());
    assert_eq!(full.cases, index.cases);
    for (a, b) in full.units.iter().zip(&index.units) {
        assert_eq!((&a.id, &a.source, &a.case), (&b.id, &b.source, &b.case));
        assert_eq!(
            (&a.prompt, &a.speaker, a.moderator),
            (&b.prompt, &b.speaker, b.moderator)
        );
        assert!(b.text.is_empty());
        assert_eq!(full.unit_chars(a), a.text.chars().count());
        assert_eq!(index.unit_chars(b), a.text.chars().count());
    }
    assert!(full.units.iter().any(|u| !u.text.is_ascii()));
}

#[test]
fn agreement_and_progress_are_the_same_without_the_text() {
    let full = Project::open(&sample()).unwrap();
    let index = Project::open_index(&sample()).unwrap();
    for level in [Granularity::Unit, Granularity::Span] {
        let opts = AgreementOptions {
            level,
            ..Default::default()
        };
        let a = serde_json::to_string(&project_agreement(&full, &opts).unwrap()).unwrap();
        let b = serde_json::to_string(&project_agreement(&index, &opts).unwrap()).unwrap();
        assert_eq!(a, b);
    }
    let progress = |p: &Project| {
        let (sa, sb) = (p.coder_view("alice").unwrap(), p.coder_view("bob").unwrap());
        let c = Consensus::read(p).unwrap();
        serde_json::to_string(&Progress::count(p, ["alice", "bob"], [&sa, &sb], &c)).unwrap()
    };
    assert_eq!(progress(&full), progress(&index));
}

#[test]
fn what_quotes_text_refuses_a_project_without_it() {
    let index = Project::open_index(&sample()).unwrap();
    assert!(index.require_text().is_err());
    let e = Pairwise::compute(&index, &[], &Filters::default()).unwrap_err();
    assert!(e.to_string().contains("text"), "{e}");
    assert!(crate::interop::qdpx_write::export(&index).is_err());
    let full = Project::open(&sample()).unwrap();
    assert!(full.require_text().is_ok());
    assert!(Pairwise::compute(&full, &[], &Filters::default()).is_ok());
}
