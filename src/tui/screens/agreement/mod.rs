//! The Agreement screen: how far two coders agree, per code and overall, computed on the worker
//! from the logs on disk; a code's row opens the units where the coders differ on it, and a unit
//! opens on the Coding screen. It shows other coders' results: coding stays blind elsewhere.

pub mod header_view;
pub mod labels;
pub mod list_view;
pub mod state;
pub mod table_view;
pub mod view;

pub use state::{AgreementState, Computed, DisagreementList, Request, Sort};

use crate::agreement::{AgreementOptions, CodeAgreement, Granularity, Measure, compare};
use crate::tui::action::{Action, Command, Effect, Job, Screen, ScreenMsg};
use crate::tui::popups::{Picker, Popup};
use crate::tui::state::State;
use std::path::Path;

/// What comes back to the Agreement screen.
pub enum Msg {
    /// A computation finished (job `job`).
    Computed {
        job: u64,
        result: Result<Box<Computed>, String>,
    },
    /// The coders picked: `"a,b"`.
    Coders(String),
}

/// Open the project again on the worker (the UI keeps its own) and compare the coders.
fn computed(root: &Path, request: Request, revision: u64) -> crate::Result<Computed> {
    let p = crate::project::Project::open(root)?;
    let opts = AgreementOptions {
        coders: request.coders.clone(),
        level: request.level,
        ..AgreementOptions::default()
    };
    let c = compare(&p, &opts)?;
    Ok(Computed {
        report: c.report,
        disagreements: c.disagreements,
        request,
        revision,
    })
}

/// "1 unit", "3 units".
pub fn units(n: usize) -> String {
    format!("{n} unit{}", if n == 1 { "" } else { "s" })
}

/// Short name of a measure for headers.
pub fn measure_label(m: Measure) -> &'static str {
    match m {
        Measure::PercentAgreement => "%",
        Measure::CohenKappa => "κ",
        Measure::KrippendorffAlpha => "α",
        Measure::GwetAc1 => "AC1",
        Measure::Pabak => "PABAK",
        Measure::ScottPi => "π",
        Measure::FleissKappa => "Fleiss κ",
        Measure::PositiveAgreement => "pos. agr.",
        Measure::UnitizedAlpha => "unitized α",
    }
}

/// The table's rows in display order.
pub fn rows(ag: &AgreementState) -> Vec<&CodeAgreement> {
    let Some(c) = ag.computed() else {
        return Vec::new();
    };
    match ag.sort {
        Sort::Codebook => c.report.codes.iter().collect(),
        Sort::By(m) => c.report.codes_sorted_by(m, ag.descending),
    }
}

/// Index of the highlighted row.
pub fn cursor(ag: &AgreementState) -> usize {
    let rows = rows(ag);
    ag.selected
        .as_deref()
        .and_then(|id| rows.iter().position(|r| r.code == id))
        .unwrap_or(0)
}

/// Start a computation of the current request on the worker.
pub fn compute(st: &mut State) -> Vec<Effect> {
    st.agreement.jobs += 1;
    let id = st.agreement.jobs;
    st.agreement.computing = Some(id);
    let root = st.project.root.clone();
    let request = st.agreement.request.clone();
    let revision = st.revision;
    vec![Effect::Spawn(Job::new("agreement", move |_| {
        let result = computed(&root, request, revision)
            .map(Box::new)
            .map_err(|e| e.to_string());
        Action::to(Screen::Agreement, Msg::Computed { job: id, result })
    }))]
}

/// The screen is opened: compute if there is no result for the request or codings changed.
pub fn on_show(st: &mut State) -> Vec<Effect> {
    if st.agreement.computing.is_some() {
        return Vec::new();
    }
    let fresh = match &st.agreement.result {
        Some(Ok(c)) => c.revision == st.revision && c.request == st.agreement.request,
        Some(Err(_)) | None => false,
    };
    if fresh { Vec::new() } else { compute(st) }
}

/// A message for this screen arrives.
pub fn on_msg(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    match msg.take::<Msg>() {
        Some(Msg::Computed { job, result }) => on_result(st, job, result),
        Some(Msg::Coders(pair)) => return set_coders(st, &pair),
        None => {}
    }
    Vec::new()
}

/// A computation's result arrives.
fn on_result(st: &mut State, job: u64, result: Result<Box<Computed>, String>) {
    if st.agreement.computing != Some(job) {
        return;
    }
    st.agreement.computing = None;
    if let Ok(c) = &result {
        let known = |id: &str| c.report.codes.iter().any(|r| r.code == id);
        if !st.agreement.selected.as_deref().is_some_and(known) {
            st.agreement.selected = None;
        }
        if let Some(l) = &st.agreement.list
            && !known(&l.code)
        {
            st.agreement.list = None;
        }
    }
    st.agreement.result = Some(result);
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    if st.agreement.list.is_some() {
        return list_update(st, action);
    }
    let n = rows(&st.agreement).len();
    let cur = cursor(&st.agreement);
    let cmd = match action {
        Action::ClickRow { row, .. } if row < n => {
            if row == cur && st.agreement.selected.is_some() {
                Command::Confirm
            } else {
                select(st, row);
                return Vec::new();
            }
        }
        Action::Cmd(c) => c,
        _ => return Vec::new(),
    };
    use Command::*;
    let last = n.saturating_sub(1);
    match cmd {
        Up => select(st, cur.saturating_sub(1)),
        Down => select(st, (cur + 1).min(last)),
        PageUp => select(st, cur.saturating_sub(10)),
        PageDown => select(st, (cur + 10).min(last)),
        Top => select(st, 0),
        Bottom => select(st, last),
        CycleSort => {
            let order = Sort::cycle(st.agreement.request.level);
            let i = order.iter().position(|s| *s == st.agreement.sort);
            st.agreement.sort = order[i.map_or(0, |i| (i + 1) % order.len())];
            describe_sort(st);
        }
        ReverseSort => {
            st.agreement.descending = !st.agreement.descending;
            describe_sort(st);
        }
        ToggleLevel => {
            let ag = &mut st.agreement;
            ag.request.level = match ag.request.level {
                Granularity::Unit => Granularity::Span,
                Granularity::Span => Granularity::Unit,
            };
            if ag.sort == Sort::By(Measure::UnitizedAlpha) && ag.request.level == Granularity::Unit
            {
                ag.sort = Sort::By(Measure::KrippendorffAlpha);
            }
            return compute(st);
        }
        ChooseCoders => choose_coders(st),
        Recompute => return compute(st),
        Confirm => open_list(st),
        ReconcileCode => {
            let rows = rows(&st.agreement);
            let code = rows.get(cursor(&st.agreement)).map(|r| r.code.clone());
            return reconcile_code(code, None);
        }
        _ => {}
    }
    Vec::new()
}

fn select(st: &mut State, row: usize) {
    st.agreement.selected = rows(&st.agreement).get(row).map(|r| r.code.clone());
}

fn describe_sort(st: &mut State) {
    let ag = &st.agreement;
    let msg = match ag.sort {
        Sort::Codebook => "Codes in codebook order".to_string(),
        Sort::By(m) => format!(
            "Sorted by {}, {} first (undefined last)",
            measure_label(m),
            if ag.descending { "highest" } else { "lowest" }
        ),
    };
    st.info(msg);
}

fn choose_coders(st: &mut State) {
    let known = match st.project.coders() {
        Ok(k) => k,
        Err(e) => {
            st.error(format!("Cannot list the coders: {e}"));
            return;
        }
    };
    if known.len() < 2 {
        st.error(format!(
            "Agreement needs two coders with coding logs; this project has {}",
            if known.is_empty() {
                "none yet".to_string()
            } else {
                known.join(", ")
            }
        ));
        return;
    }
    let mut items = Vec::new();
    for (i, a) in known.iter().enumerate() {
        for b in &known[i + 1..] {
            items.push((format!("{a} (A) × {b} (B)"), format!("{a},{b}")));
        }
    }
    let shown = shown_coders(st);
    let pos = items
        .iter()
        .position(|(_, v)| *v == shown.join(","))
        .unwrap_or(0);
    st.popup = Some(Popup::Picker(Picker::new(
        "Compare which two coders?",
        items,
        pos,
        |pair| Action::to(Screen::Agreement, Msg::Coders(pair)),
    )));
}

/// The coders of what is on screen (or asked for).
pub fn shown_coders(st: &State) -> Vec<String> {
    match st.agreement.computed() {
        Some(c) => c.report.coders.clone(),
        None => st.agreement.request.coders.clone(),
    }
}

/// The picker's choice: `"a,b"`.
fn set_coders(st: &mut State, pair: &str) -> Vec<Effect> {
    st.agreement.request.coders = pair.split(',').map(str::to_string).collect();
    st.agreement.list = None;
    compute(st)
}

fn open_list(st: &mut State) {
    let Some(c) = st.agreement.computed() else {
        return;
    };
    let rows = rows(&st.agreement);
    let Some(row) = rows.get(cursor(&st.agreement)) else {
        return;
    };
    let code = row.code.clone();
    let name = row.name.clone();
    let n = c.disagreements.count_for_code(&code);
    let coders = c.report.coders.join(" and ");
    if n == 0 {
        st.info(format!(
            "{coders} agree on {name} on every counted unit: nothing to list"
        ));
        return;
    }
    st.agreement.selected = Some(code.clone());
    st.agreement.list = Some(DisagreementList { code, cursor: 0 });
    st.info(format!(
        "{} where {coders} differ on {name}: Enter opens one on the Coding screen",
        units(n)
    ));
}

fn list_update(st: &mut State, action: Action) -> Vec<Effect> {
    let n = match (st.agreement.computed(), &st.agreement.list) {
        (Some(c), Some(l)) => c.disagreements.count_for_code(&l.code),
        _ => 0,
    };
    let last = n.saturating_sub(1);
    let Some(list) = st.agreement.list.as_mut() else {
        return Vec::new();
    };
    let cur = list.cursor;
    let cmd = match action {
        Action::ClickRow { row, .. } if row < n => {
            if row == cur {
                Command::Confirm
            } else {
                list.cursor = row;
                return Vec::new();
            }
        }
        Action::Cmd(c) => c,
        _ => return Vec::new(),
    };
    use Command::*;
    match cmd {
        Up => list.cursor = cur.saturating_sub(1),
        Down => list.cursor = (cur + 1).min(last),
        PageUp => list.cursor = cur.saturating_sub(10),
        PageDown => list.cursor = (cur + 10).min(last),
        Top => list.cursor = 0,
        Bottom => list.cursor = last,
        Cancel => {
            st.agreement.list = None;
            st.info("");
        }
        Confirm => {
            let code = list.code.clone();
            let unit = st.agreement.computed().and_then(|c| {
                c.disagreements
                    .for_code(&code)
                    .get(cur)
                    .map(|u| u.unit.clone())
            });
            if let Some(u) = unit {
                let note = Some(format!("Unit {u} · F5 goes back to the disagreements"));
                return vec![Effect::Then(Action::OpenUnit {
                    unit: u,
                    switch: true,
                    note,
                })];
            }
        }
        ReconcileCode => {
            let code = list.code.clone();
            let unit = st.agreement.computed().and_then(|c| {
                c.disagreements
                    .for_code(&code)
                    .get(cur)
                    .map(|u| u.unit.clone())
            });
            return reconcile_code(Some(code), unit);
        }
        Recompute => return compute(st),
        ChooseCoders => choose_coders(st),
        _ => {}
    }
    Vec::new()
}

/// Go to the Reconcile screen with one code's disagreements, at this unit.
fn reconcile_code(code: Option<String>, unit: Option<String>) -> Vec<Effect> {
    use crate::tui::screens::reconcile::Msg;
    vec![
        Effect::Then(Action::to(Screen::Reconcile, Msg::Focus { code, unit })),
        Effect::Then(Action::Show(Screen::Reconcile)),
    ]
}
