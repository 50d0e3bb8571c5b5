//! The core API an Agreement screen uses: per-code rows sorted by a measure, the codes that
//! need work, and the jump from a code to the units where the coders differ on it.

mod support;

use support::*;
use thematic::agreement::{
    AgreementOptions, AgreementReport, Bootstrap, CodeScope, CodedUnits, Disagreements, Filters,
    Flag, Granularity, Measure, project_agreement,
};
use thematic::project::Project;

fn sample_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("study");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship");
    std::fs::create_dir_all(dir.join("codings")).unwrap();
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    for sub in ["", "codings", "sources"] {
        for e in std::fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    (tmp, dir)
}

#[test]
fn rows_sort_by_any_measure_with_undefined_last() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path(), "p", &["a.", "b.", "c.", "d."]);
    for c in ["Alpha", "Beta", "Never"] {
        add_code(&dir, c, &[]);
    }
    // Alpha: (both 1, alice 1, bob 0, neither 2); Beta: perfect on n:3; Never: undefined.
    code(&dir, "alice", "n:1", "Alpha");
    code(&dir, "bob", "n:1", "Alpha");
    code(&dir, "alice", "n:2", "Alpha");
    code(&dir, "alice", "n:3", "Beta");
    code(&dir, "bob", "n:3", "Beta");
    for coder in ["alice", "bob"] {
        review(&dir, coder, &["n:1", "n:2", "n:3", "n:4"]);
    }
    let p = Project::open(&dir).unwrap();
    let r = project_agreement(&p, &AgreementOptions::default()).unwrap();
    let order = |m, desc| -> Vec<String> {
        r.codes_sorted_by(m, desc)
            .iter()
            .map(|c| c.code.clone())
            .collect()
    };
    assert_eq!(
        order(Measure::KrippendorffAlpha, true),
        ["beta", "alpha", "never"]
    );
    assert_eq!(
        order(Measure::KrippendorffAlpha, false),
        ["alpha", "beta", "never"]
    );
    assert_eq!(
        order(Measure::PercentAgreement, false),
        ["alpha", "beta", "never"]
    );
    let never = r.codes.iter().find(|c| c.code == "never").unwrap();
    assert_eq!(never.flag, Flag::Undefined);
    assert_eq!(never.measure(Measure::CohenKappa), None);
    assert_eq!(
        r.codes_needing_work()
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["alpha"]
    );
}

#[test]
fn a_code_leads_to_exactly_the_units_it_was_disputed_on() {
    let (_tmp, dir) = sample_copy();
    let p = Project::open(&dir).unwrap();
    let coders = vec!["alice".to_string(), "bob".to_string()];
    let data = CodedUnits::collect(&p, &coders, &Filters::default(), CodeScope::Leaves).unwrap();
    let none = Bootstrap {
        samples: 0,
        seed: 1,
    };
    let report = AgreementReport::from_units(&p, &data, Granularity::Unit, none);
    let disagreements = Disagreements::from_units(&p, &data);
    for row in &report.codes {
        let units = disagreements.for_code(&row.code);
        let expected = row.a_only.unwrap() + row.b_only.unwrap();
        assert_eq!(units.len() as u64, expected, "{}", row.code);
        assert_eq!(disagreements.count_for_code(&row.code) as u64, expected);
        for u in units {
            let a = u.a.contains(&row.code);
            let b = u.b.contains(&row.code);
            assert!(a != b, "{} on {}", row.code, u.unit);
        }
    }
}
