//! Killing a coder's process at any moment loses no action it reported as done.
//!
//! The test re-runs its own binary as a child that codes units in a loop and prints "ack N"
//! after each action returns; the parent kills it with SIGKILL mid-stream, then checks that
//! every acknowledged action is in the log and that the log still opens and takes new actions.

mod common;

use std::process::{Command, Stdio};
use thematic::coding::Change;
use thematic::project::Project;

const CHILD_ENV: &str = "THEMATIC_CRASH_CHILD_DIR";

#[test]
fn child_codes_until_killed() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let p = Project::open(std::path::Path::new(&dir)).unwrap();
    let mut log = p.open_log("carol").unwrap();
    let code = p.codebook.resolve("positive").unwrap().id.clone();
    for (i, u) in p.units.iter().cycle().enumerate() {
        let change = if (i / p.units.len()).is_multiple_of(2) {
            Change::Apply {
                unit: u.id.clone(),
                code: code.clone(),
                span: None,
                memo: None,
            }
        } else {
            Change::Remove {
                unit: u.id.clone(),
                code: code.clone(),
                span: None,
            }
        };
        log.record(&[change, Change::Review { unit: u.id.clone() }])
            .unwrap();
        println!("ack {i}");
    }
}

#[test]
fn sigkill_between_or_during_actions_loses_nothing_acknowledged() {
    let (_t, dir) = common::sample_copy();
    let units: Vec<String> = Project::open(&dir)
        .unwrap()
        .units
        .iter()
        .map(|u| u.id.clone())
        .collect();
    let mut acked_total = 0;
    for round in 0..4 {
        let child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_codes_until_killed",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_ENV, &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let last = common::kill_after_ack(child, 5 + round * 37);
        let last = last.expect("child acknowledged actions");
        acked_total += last + 1;
        // The child restarts from the first unit each round: it applied "positive" to units
        // 0..=last (this round never got past one cycle) and reviewed them.
        let p = Project::open(&dir).unwrap();
        let st = p.coder_state("carol").unwrap();
        for u in &units[..=last.min(units.len() - 1)] {
            assert!(
                st.is_reviewed(u),
                "round {round}: acknowledged review of {u} lost"
            );
            assert!(
                st.has(u, "positive", None),
                "round {round}: acknowledged coding of {u} lost"
            );
        }
    }
    assert!(acked_total > 50);
    let p = Project::open(&dir).unwrap();
    let mut log = p.open_log("carol").unwrap();
    assert!(
        log.record(&[Change::Memo {
            unit: units[0].clone(),
            code: None,
            span: None,
            text: Some("after the crashes".into())
        }])
        .unwrap()
            == 1
    );
}
