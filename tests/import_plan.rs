//! The import's plan (what the workbench previews) is what the import writes: the same units and
//! cases, nothing written by planning; `--ignore-columns` leaves a survey column out; an
//! attributes CSV is planned into matched and unknown case ids and refused the CLI's way.

mod common;

use common::*;
use thematic::corpus::SourceKind;
use thematic::corpus::import::{ColumnRole, ImportOptions};
use thematic::project::Project;

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("p");
    Project::init(&dir, Some("Plan"), None).unwrap();
    (t, dir)
}

#[test]
fn the_plan_is_what_the_import_writes_and_planning_writes_nothing() {
    let (_t, dir) = fresh();
    let i = inputs();
    let files = [
        ("mentee-survey.csv", SourceKind::Survey, Some("mentee")),
        ("focus-group.vtt", SourceKind::FocusGroup, None),
        ("interview-mentee-07.md", SourceKind::Interview, None),
        ("interview-mentor-12.txt", SourceKind::Notes, None),
    ];
    for (name, kind, role) in files {
        let mut p = Project::open(&dir).unwrap();
        let opts = ImportOptions {
            role: role.map(str::to_string),
            ..Default::default()
        };
        let before = snapshot(&dir);
        let plan = p.plan_import(&i.join(name), kind, None, &opts).unwrap();
        assert_eq!(snapshot(&dir), before, "planning {name} wrote nothing");
        let planned_units = plan.parsed.units.clone();
        let planned_cases: Vec<String> = plan.parsed.cases.iter().map(|c| c.id.clone()).collect();
        let report = p.apply_import(plan).unwrap();
        assert_eq!(report.units, planned_units.len());
        let back = Project::open(&dir).unwrap();
        let written: Vec<_> = back
            .units
            .iter()
            .filter(|u| u.source == report.source)
            .cloned()
            .collect();
        assert_eq!(written, planned_units, "{name}: the units as planned");
        for c in &planned_cases {
            assert!(back.case(c).is_some(), "{name}: case {c} is in the project");
        }
    }
}

#[test]
fn the_survey_plan_lists_columns_with_roles_and_ignored_columns_are_left_out() {
    let (_t, dir) = fresh();
    let p = Project::open(&dir).unwrap();
    let file = inputs().join("mentee-survey.csv");
    let plan = p
        .plan_import(&file, SourceKind::Survey, None, &Default::default())
        .unwrap();
    let role = |plan: &thematic::project::ImportPlan, name: &str| {
        plan.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.role)
            .unwrap()
    };
    assert_eq!(role(&plan, "Respondent ID"), ColumnRole::CaseId);
    assert_eq!(role(&plan, "Timestamp"), ColumnRole::Attribute);
    assert_eq!(role(&plan, "Fellowship"), ColumnRole::Attribute);
    assert_eq!(
        plan.columns
            .iter()
            .filter(|c| c.role == ColumnRole::Text)
            .count(),
        4
    );
    let fellowship = plan
        .columns
        .iter()
        .find(|c| c.name == "Fellowship")
        .unwrap();
    assert!(fellowship.samples.contains(&"Pediatric".to_string()));
    assert!(plan.parsed.cases[0].attributes.contains_key("timestamp"));

    let opts = ImportOptions {
        ignore_columns: vec!["Timestamp".into()],
        ..Default::default()
    };
    let plan = p
        .plan_import(&file, SourceKind::Survey, None, &opts)
        .unwrap();
    assert_eq!(role(&plan, "Timestamp"), ColumnRole::Ignored);
    assert!(!plan.parsed.cases[0].attributes.contains_key("timestamp"));
    assert_eq!(plan.settings.ignore_columns, vec!["Timestamp".to_string()]);

    // The CLI takes the same flag and keeps it in the manifest.
    thematic(&dir)
        .args(["import", file.to_str().unwrap(), "--kind", "survey"])
        .args(["--ignore-columns", "1"])
        .assert()
        .success();
    let cases = json(&dir, &["cases", "--json"]);
    assert!(cases[0]["attributes"].get("timestamp").is_none(), "{cases}");
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("thematic.json")).unwrap()).unwrap();
    assert_eq!(
        m["sources"][0]["settings"]["ignore_columns"][0],
        "Timestamp"
    );

    // A column cannot be both text and ignored.
    let both = ImportOptions {
        text_columns: vec!["9".into()],
        ignore_columns: vec!["9".into()],
        ..Default::default()
    };
    let e = p
        .plan_import(&file, SourceKind::Survey, Some("other"), &both)
        .unwrap_err()
        .to_string();
    assert!(e.contains("--ignore-columns"), "{e}");
}

#[test]
fn the_attributes_plan_sorts_case_ids_and_refuses_unknown_ones_as_the_cli_does() {
    let (t, dir) = fresh();
    let mut p = Project::open(&dir).unwrap();
    p.import(
        &inputs().join("focus-group.vtt"),
        SourceKind::FocusGroup,
        None,
        &Default::default(),
    )
    .unwrap();
    let csv = t.path().join("attrs.csv");
    std::fs::write(&csv, "case,role\nPriya,mentee\nNobody,mentor\n").unwrap();
    let plan = p.plan_attributes(&csv).unwrap();
    assert_eq!(plan.matched, vec!["Priya".to_string()]);
    assert_eq!(plan.unknown, vec!["Nobody".to_string()]);
    let refusal = plan.refusal(false).unwrap().to_string();
    let cli = thematic(&dir)
        .args(["attributes", csv.to_str().unwrap()])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&cli.get_output().stderr).into_owned();
    assert_eq!(stderr.trim(), format!("error: {refusal}"));
    assert!(plan.refusal(true).is_none());
    assert_eq!(p.apply_attributes(plan, true).unwrap(), 2);
    let back = Project::open(&dir).unwrap();
    assert_eq!(back.case("Nobody").unwrap().attributes["role"], "mentor");
}

#[test]
fn a_project_is_found_from_a_folder_inside_it() {
    let (t, dir) = fresh();
    let inside = dir.join("sources");
    assert_eq!(
        Project::find(&inside),
        Some(std::path::absolute(&dir).unwrap())
    );
    assert_eq!(Project::find(t.path()), None);
}
