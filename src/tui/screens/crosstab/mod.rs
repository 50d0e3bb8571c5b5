//! The Crosstab screen: choose a row and a column variable (attributes, codes, themes) and see
//! the counts with row percentages and the exact test, as `thematic crosstab` prints them.
//! The table is computed on the worker (an r×c exact test can take a moment).

pub mod state;
pub mod view;

pub use state::{CrosstabState, Kind, Variable};

use crate::crosstab::{CollapseRule, Resolver, TestChoice, VariableSpec, crosstab};
use crate::project::Project;
use crate::reconcile::Perspective;
use crate::themes::ThemeMap;
use crate::tui::action::{Action, Command, Effect, Job, Screen, ScreenMsg};
use crate::tui::popups::{Ask, Popup};
use crate::tui::state::State;
use std::collections::BTreeSet;

/// What comes back from the worker.
pub enum Msg {
    Computed {
        job: u64,
        result: Result<Box<crate::crosstab::Crosstab>, String>,
    },
    /// The collapse rules typed, separated by `;` (empty: none).
    Collapse(String),
}

/// The rules of a `;`-separated line; each checked as `--collapse` checks it.
pub fn parse_rules(line: &str) -> Result<Vec<String>, String> {
    let rules: Vec<String> = line
        .split(';')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    for r in &rules {
        CollapseRule::parse(r).map_err(|e| e.to_string())?;
    }
    Ok(rules)
}

/// Every variable of the project: attributes, active codes, themes (each name once).
pub fn variables(project: &Project) -> Vec<Variable> {
    let mut out = Vec::new();
    let attrs: BTreeSet<&str> = project
        .cases
        .iter()
        .flat_map(|c| c.attributes.keys().map(String::as_str))
        .collect();
    out.extend(attrs.into_iter().map(|a| Variable {
        spec: format!("attr:{a}"),
        kind: Kind::Attribute,
    }));
    out.extend(project.codebook.active().map(|c| Variable {
        spec: format!("code:{}", c.name),
        kind: Kind::Code,
    }));
    if let Ok(map) = ThemeMap::load(&project.root) {
        let mut seen = BTreeSet::new();
        for (_, t) in map.themes() {
            if seen.insert(t.name.to_lowercase()) {
                out.push(Variable {
                    spec: format!("theme:{}", t.name),
                    kind: Kind::Theme,
                });
            }
        }
    }
    out
}

/// The screen is opened: list the variables again if the codebook may have changed.
pub fn on_show(st: &mut State) -> Vec<Effect> {
    if st.crosstab.built_at != Some(st.revision) || st.crosstab.variables.is_empty() {
        st.crosstab.variables = variables(&st.project);
        st.crosstab.built_at = Some(st.revision);
        let n = st.crosstab.variables.len();
        st.crosstab.cursor = st.crosstab.cursor.min(n.saturating_sub(1));
        if st.crosstab.row.is_some() && st.crosstab.col.is_some() {
            return compute(st);
        }
    }
    Vec::new()
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let n = st.crosstab.variables.len();
    let cur = st.crosstab.cursor;
    let cmd = match action {
        Action::ClickRow { row, .. } => {
            st.crosstab.cursor = row.min(n.saturating_sub(1));
            return Vec::new();
        }
        Action::Cmd(c) => c,
        _ => return Vec::new(),
    };
    use Command::*;
    let moved = match cmd {
        Up => Some(cur.saturating_sub(1)),
        Down => Some((cur + 1).min(n.saturating_sub(1))),
        PageUp => Some(cur.saturating_sub(15)),
        PageDown => Some((cur + 15).min(n.saturating_sub(1))),
        Top => Some(0),
        Bottom => Some(n.saturating_sub(1)),
        _ => None,
    };
    if let Some(p) = moved {
        st.crosstab.cursor = p;
        // Long survey questions are cut in the list: the status line has the whole name.
        if let Some(v) = st.crosstab.variables.get(p) {
            let spec = v.spec.clone();
            st.info(spec);
        }
        return Vec::new();
    }
    match cmd {
        ScrollLeft => {
            st.crosstab.scroll = st.crosstab.scroll.saturating_sub(1);
            return Vec::new();
        }
        ScrollRight => {
            st.crosstab.scroll = (st.crosstab.scroll + 1).min(last_column(&st.crosstab));
            return Vec::new();
        }
        CycleTest => {
            let ct = &mut st.crosstab;
            // Yates' correction is for 2×2 tables: other tables go from χ² back to exact.
            let two_by_two = match &ct.result {
                Some(Ok(t)) => t.rows.len() == 2 && t.cols.len() == 2,
                _ => true,
            };
            ct.test = match ct.test {
                TestChoice::Fisher => TestChoice::Chi2 { yates: false },
                TestChoice::Chi2 { yates: false } if two_by_two => TestChoice::Chi2 { yates: true },
                TestChoice::Chi2 { .. } => TestChoice::Fisher,
            };
            let name = ct.test.name();
            st.info(format!("Test: {name}"));
            return compute(st);
        }
        _ => {}
    }
    if cmd == CollapseValues {
        let value = if st.crosstab.collapse.is_empty() {
            // Start a rule for the rows, named as the command line names it.
            st.crosstab
                .row
                .as_deref()
                .map(|r| format!("{}:", r.strip_prefix("attr:").unwrap_or(r)))
                .unwrap_or_default()
        } else {
            st.crosstab.collapse.join("; ")
        };
        st.popup = Some(Popup::Ask(Ask::new(
            "Collapse values",
            "VAR:A,B=LABEL; VAR:*=LABEL for the rest; =- leaves out; empty: none",
            &value,
            |v| Action::to(Screen::Crosstab, Msg::Collapse(v)),
        )));
        return Vec::new();
    }
    let Some(here) = st.crosstab.variables.get(cur).map(|v| v.spec.clone()) else {
        return Vec::new();
    };
    match cmd {
        SetRowVariable => st.crosstab.row = Some(here),
        SetColumnVariable => st.crosstab.col = Some(here),
        Confirm if st.crosstab.row.is_none() => st.crosstab.row = Some(here),
        Confirm => st.crosstab.col = Some(here),
        SwapVariables => {
            let ct = &mut st.crosstab;
            std::mem::swap(&mut ct.row, &mut ct.col);
        }
        ToggleCoding => {
            st.crosstab.coder = match (&st.crosstab.coder, &st.coder) {
                (None, Some(me)) => Some(me.clone()),
                _ => None,
            };
            let whose = st.crosstab.coder.as_deref().unwrap_or("the consensus");
            st.info(format!("Codes and themes from {whose}"));
        }
        _ => return Vec::new(),
    }
    if st.crosstab.row.is_some() && st.crosstab.col.is_some() {
        return compute(st);
    }
    st.info(if st.crosstab.row.is_none() {
        "Now choose the row variable: r (or Enter)"
    } else {
        "Now choose the column variable: c (or Enter)"
    });
    Vec::new()
}

/// The last column of counts the table can be scrolled to (the Total column counts).
fn last_column(ct: &CrosstabState) -> usize {
    match &ct.result {
        Some(Ok(t)) => t.cols.len(),
        _ => 0,
    }
}

/// Compute the chosen table on the worker, from the project as it is on disk.
pub fn compute(st: &mut State) -> Vec<Effect> {
    let (Some(row), Some(col)) = (st.crosstab.row.clone(), st.crosstab.col.clone()) else {
        return Vec::new();
    };
    st.crosstab.jobs += 1;
    let id = st.crosstab.jobs;
    st.crosstab.computing = Some(id);
    let root = st.project.root.clone();
    let coder = st.crosstab.coder.clone();
    let rules = st.crosstab.collapse.clone();
    let test = st.crosstab.test;
    vec![Effect::Spawn(Job::new("crosstab", move |_| {
        let result = (|| {
            let project = Project::open(&root)?;
            let rules = rules
                .iter()
                .map(|r| CollapseRule::parse(r))
                .collect::<crate::Result<Vec<_>>>()?;
            let mut resolver = Resolver::new(&project, Perspective::from_option(coder.as_deref()));
            crosstab(
                &mut resolver,
                &VariableSpec::parse(&row)?,
                &VariableSpec::parse(&col)?,
                &rules,
                test,
            )
        })()
        .map(Box::new)
        .map_err(|e| e.to_string());
        Action::to(Screen::Crosstab, Msg::Computed { job: id, result })
    }))]
}

pub fn on_msg(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    let msg = msg.take::<Msg>();
    if let Some(Msg::Collapse(line)) = &msg {
        match parse_rules(line) {
            Ok(rules) => {
                st.crosstab.collapse = rules;
                return compute(st);
            }
            Err(e) => st.error(e),
        }
        return Vec::new();
    }
    if let Some(Msg::Computed { job, result }) = msg
        && st.crosstab.computing == Some(job)
    {
        st.crosstab.computing = None;
        match &result {
            Ok(t) => {
                let said = format!(
                    "{} × {}",
                    crate::crosstab::shown_name(&st.project, &t.row_variable),
                    crate::crosstab::shown_name(&st.project, &t.col_variable)
                );
                st.info(said)
            }
            Err(e) => st.error(e.clone()),
        }
        st.crosstab.result = Some(result);
        st.crosstab.scroll = st.crosstab.scroll.min(last_column(&st.crosstab));
    }
    Vec::new()
}
