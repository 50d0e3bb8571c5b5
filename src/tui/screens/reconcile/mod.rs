//! The Reconcile screen: one disagreement at a time, both coders' codings side by side, one key
//! per decision (a/b/u/i/n, `e` a custom set), a note, then the next open one. The queue is
//! ordered by unit, code or source and can hold one code's disagreements only. Not blind.

mod decide;
pub mod state;
pub mod view;

pub use decide::settle_refinement;
use decide::{custom, take, undo};
pub use state::{Loaded, Order, ReconcileState};

use crate::agreement::{Filters, Pairwise};
use crate::reconcile::{Choice, Consensus, Definition};
use crate::tui::action::{Action, Command, Effect, Job, Screen, ScreenMsg};
use crate::tui::popups::{Ask, Picker, Popup};
use crate::tui::screens::codebook::form::CodeForm;
use crate::tui::state::State;

/// What comes back to the Reconcile screen.
pub enum Msg {
    Loaded(Result<Box<Loaded>, String>),
    /// Work through this code's disagreements (from the Agreement screen), at this unit.
    Focus {
        code: Option<String>,
        unit: Option<String>,
    },
    /// The code filter picked ("" for all).
    Code(String),
    Note(String),
    /// A custom decision typed: "code, code @START..END".
    Custom(String),
    /// Why the definition of this code is about to change.
    Refine {
        code: String,
        reason: String,
    },
}

fn load(root: &std::path::Path, revision: u64) -> crate::Result<Loaded> {
    let p = crate::project::Project::open(root)?;
    Ok(Loaded {
        pair: Pairwise::compute(&p, &[], &Filters::default())?,
        consensus: Consensus::read(&p)?,
        revision,
    })
}

/// The screen is opened: read the coders and the consensus again if codings changed.
pub fn on_show(st: &mut State) -> Vec<Effect> {
    let fresh = st
        .reconcile
        .loaded()
        .is_some_and(|l| l.revision == st.revision);
    if fresh || st.reconcile.loading {
        return Vec::new();
    }
    st.reconcile.loading = true;
    let root = st.project.root.clone();
    let revision = st.revision;
    vec![Effect::Spawn(Job::new("reconcile", move |_| {
        let r = load(&root, revision)
            .map(Box::new)
            .map_err(|e| e.to_string());
        Action::to(Screen::Reconcile, Msg::Loaded(r))
    }))]
}

pub fn on_msg(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    let rc = &mut st.reconcile;
    match msg.take::<Msg>() {
        Some(Msg::Loaded(r)) => {
            rc.loading = false;
            rc.loaded = Some(r.map(|b| *b));
            if rc.unit.is_none() {
                rc.unit = first_open(rc, 0);
            }
        }
        Some(Msg::Focus { code, unit }) => {
            rc.code = code;
            rc.unit = unit;
        }
        Some(Msg::Code(c)) => {
            rc.code = (!c.is_empty()).then_some(c);
            let q = rc.queue();
            if !q.iter().any(|d| Some(&d.unit) == rc.unit.as_ref()) {
                rc.unit = first_open(rc, 0).or_else(|| q.first().map(|d| d.unit.clone()));
            }
        }
        Some(Msg::Note(n)) => {
            let n = n.trim().to_string();
            st.info(if n.is_empty() {
                "No note"
            } else {
                "The note goes with the next decision"
            });
            st.reconcile.note = (!n.is_empty()).then_some(n);
        }
        Some(Msg::Custom(text)) => return custom(st, &text),
        Some(Msg::Refine { code, reason }) => {
            let Some(c) = st.project.codebook.get(&code).cloned() else {
                return Vec::new();
            };
            if reason.trim().is_empty() {
                st.error("Say why the definition changes: the report keeps the reason");
                return Vec::new();
            }
            st.reconcile.refining = Some((code, reason, Definition::of(&c)));
            st.popup = Some(Popup::Form(Box::new(CodeForm::edit_code(
                &st.project.codebook,
                &c,
            ))));
        }
        None => {}
    }
    Vec::new()
}

/// The first open disagreement at or after queue position `from` (wrapping round).
pub(super) fn first_open(rc: &ReconcileState, from: usize) -> Option<String> {
    let q = rc.queue();
    let n = q.len();
    (0..n)
        .map(|i| q[(from + i) % n])
        .find(|d| rc.is_open(&d.unit))
        .map(|d| d.unit.clone())
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let Action::Cmd(cmd) = action else {
        return Vec::new();
    };
    let queue_len = st.reconcile.queue().len();
    let pos = {
        let q = st.reconcile.queue();
        st.reconcile.pos(&q)
    };
    let go = |st: &mut State, p: usize| {
        let q = st.reconcile.queue();
        st.reconcile.unit = q.get(p).map(|d| d.unit.clone());
    };
    match cmd {
        Command::Down if queue_len > 0 => go(st, (pos + 1).min(queue_len - 1)),
        Command::Up => go(st, pos.saturating_sub(1)),
        Command::Top => go(st, 0),
        Command::Bottom => go(st, queue_len.saturating_sub(1)),
        Command::NextOpen => {
            let next = first_open(&st.reconcile, pos + 1);
            match next {
                Some(u) => st.reconcile.unit = Some(u),
                None => st.info("No open disagreement left in this queue"),
            }
        }
        Command::ToggleDefinition => st.reconcile.definition = !st.reconcile.definition,
        Command::CycleOrder => {
            st.reconcile.order = match st.reconcile.order {
                Order::Unit => Order::Code,
                Order::Code => Order::Source,
                Order::Source => Order::Unit,
            };
            st.info(format!("Queue ordered by {}", st.reconcile.order.label()));
        }
        Command::FilterCode => pick_code(st),
        Command::EditDefinition => {
            let code = st.reconcile.code.clone().or_else(|| {
                let q = st.reconcile.queue();
                q.get(st.reconcile.pos(&q))
                    .and_then(|d| d.differing().into_iter().next())
            });
            let Some(code) = code.and_then(|c| st.project.codebook.get(&c).cloned()) else {
                return Vec::new();
            };
            let n = st.reconcile.loaded().map_or(0, |l| {
                l.pair
                    .disagreements
                    .iter()
                    .filter(|d| d.involves(&code.id))
                    .count()
            });
            let id = code.id.clone();
            st.popup = Some(Popup::Ask(Ask::new(
                format!("Why does '{}' change?", code.name),
                "Kept in the reconciliation report; then edit the definition",
                &format!("clarified after {n} disagreements"),
                move |reason| {
                    Action::to(
                        Screen::Reconcile,
                        Msg::Refine {
                            code: id.clone(),
                            reason,
                        },
                    )
                },
            )));
        }
        Command::DecisionNote => {
            st.popup = Some(Popup::Ask(Ask::new(
                "Note for the decision",
                "Why? (kept with the decision and in the report)",
                st.reconcile.note.as_deref().unwrap_or(""),
                |s| Action::to(Screen::Reconcile, Msg::Note(s)),
            )));
        }
        Command::CustomDecision => {
            st.popup = Some(Popup::Ask(Ask::new(
                "Custom decision",
                "Codes, comma-separated; @START..END for a span (empty: no code)",
                "",
                |s| Action::to(Screen::Reconcile, Msg::Custom(s)),
            )));
        }
        Command::TakeA => return take(st, Choice::A),
        Command::TakeB => return take(st, Choice::B),
        Command::TakeUnion => return take(st, Choice::Union),
        Command::TakeIntersection => return take(st, Choice::Intersection),
        Command::TakeNone => return take(st, Choice::None),
        Command::UndoDecision => return undo(st),
        Command::Recompute => {
            st.reconcile.loaded = None;
            return on_show(st);
        }
        Command::Cancel if st.reconcile.code.is_some() => {
            st.reconcile.code = None;
            st.info("All codes' disagreements");
        }
        _ => {}
    }
    Vec::new()
}

fn pick_code(st: &mut State) {
    let Some(l) = st.reconcile.loaded() else {
        return;
    };
    let mut items = vec![("All codes".to_string(), String::new())];
    for c in st.project.codebook.active() {
        let n = l
            .pair
            .disagreements
            .iter()
            .filter(|d| d.involves(&c.id))
            .count();
        if n > 0 {
            items.push((format!("{} ({n})", c.name), c.id.clone()));
        }
    }
    st.popup = Some(Popup::Picker(Picker::new(
        "Work through one code",
        items,
        0,
        |c| Action::to(Screen::Reconcile, Msg::Code(c)),
    )));
}
