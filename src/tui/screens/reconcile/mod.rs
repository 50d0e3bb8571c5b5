//! The Reconcile screen: one disagreement at a time, both coders' codings side by side, one key
//! per decision (a/b/u/i/n, `e` a custom set), a note, then the next open one. The queue is
//! ordered by unit, code or source and can hold one code's disagreements only. Not blind.

pub mod view;

use crate::agreement::{Filters, Pairwise, UnitComparison};
use crate::coding::parse_span;
use crate::reconcile::{Choice, Consensus, ConsensusLog, Progress, Request, decide};
use crate::tui::action::{Action, Command, Effect, Job, Screen, ScreenMsg};
use crate::tui::popups::{Ask, Picker, Popup};
use crate::tui::state::State;

/// How the queue is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Unit,
    Code,
    Source,
}

impl Order {
    pub fn label(self) -> &'static str {
        match self {
            Order::Unit => "unit",
            Order::Code => "code",
            Order::Source => "source",
        }
    }
}

/// The two coders compared and the consensus, as read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub pair: Pairwise,
    pub consensus: Consensus,
    pub revision: u64,
}

#[derive(Debug, Default)]
pub struct ReconcileState {
    pub loaded: Option<Result<Loaded, String>>,
    pub loading: bool,
    /// The unit shown (its id), kept when the queue changes.
    pub unit: Option<String>,
    pub order: Order,
    /// Only the disagreements on this code (id).
    pub code: Option<String>,
    pub definition: bool,
    /// The note the next decision takes.
    pub note: Option<String>,
}

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
}

impl ReconcileState {
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// The queue: the disagreements (on `code` when set), in `order`.
    pub fn queue(&self) -> Vec<&UnitComparison> {
        let Some(l) = self.loaded() else {
            return Vec::new();
        };
        let mut q: Vec<(usize, &UnitComparison)> = l
            .pair
            .disagreements
            .iter()
            .filter(|d| self.code.as_ref().is_none_or(|c| d.involves(c)))
            .enumerate()
            .collect();
        match self.order {
            Order::Unit => {}
            Order::Source => q.sort_by(|x, y| x.1.source.cmp(&y.1.source).then(x.0.cmp(&y.0))),
            Order::Code => q.sort_by(|x, y| {
                let first = |d: &UnitComparison| d.differing().into_iter().min();
                first(x.1).cmp(&first(y.1)).then(x.0.cmp(&y.0))
            }),
        }
        q.into_iter().map(|(_, d)| d).collect()
    }

    /// Position of the shown unit in the queue.
    pub fn pos(&self, queue: &[&UnitComparison]) -> usize {
        self.unit
            .as_deref()
            .and_then(|u| queue.iter().position(|d| d.unit == u))
            .unwrap_or(0)
    }

    pub fn is_open(&self, unit: &str) -> bool {
        self.loaded()
            .is_some_and(|l| l.consensus.get(unit).is_none())
    }

    pub fn progress(&self) -> Option<Progress> {
        self.loaded().map(|l| Progress::of(&l.pair, &l.consensus))
    }
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
        None => {}
    }
    Vec::new()
}

/// The first open disagreement at or after queue position `from` (wrapping round).
fn first_open(rc: &ReconcileState, from: usize) -> Option<String> {
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

fn custom(st: &mut State, text: &str) -> Vec<Effect> {
    let (codes, span) = match text.split_once('@') {
        Some((c, s)) => match parse_span(s) {
            Some(sp) => (c, Some(sp)),
            None => {
                st.error(format!("'{}' is not START..END", s.trim()));
                return Vec::new();
            }
        },
        None => (text, None),
    };
    let codes: Vec<String> = codes
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    if codes.is_empty() {
        return record(st, Some(Choice::None), Vec::new(), None);
    }
    record(st, None, codes, span)
}

fn take(st: &mut State, choice: Choice) -> Vec<Effect> {
    record(st, Some(choice), Vec::new(), None)
}

/// Decide the shown unit and write it to the consensus log (on disk before the screen shows
/// it), then move to the next open disagreement.
fn record(
    st: &mut State,
    take: Option<Choice>,
    codes: Vec<String>,
    span: crate::coding::Span,
) -> Vec<Effect> {
    let Some(by) = st.coder.clone() else {
        st.error("Say who you are first (:coder NAME): decisions record who made them");
        return Vec::new();
    };
    let Some(unit) = st.reconcile.unit.clone() else {
        return Vec::new();
    };
    let Some(l) = st.reconcile.loaded() else {
        return Vec::new();
    };
    let req = Request {
        unit: unit.clone(),
        take,
        codes,
        span,
        note: st.reconcile.note.clone(),
        by,
        force: false,
    };
    let result = decide(&st.project, &l.pair, &req).and_then(|d| {
        let mut log = ConsensusLog::open(&st.project)?;
        log.record(vec![d.clone()])?;
        Ok((d, log.consensus().clone()))
    });
    match result {
        Ok((d, consensus)) => {
            let [a, b] = l.pair.coders.clone();
            if let Some(Ok(l)) = &mut st.reconcile.loaded {
                l.consensus = consensus;
            }
            st.reconcile.note = None;
            st.status.saved += 1;
            st.info(format!("{}: {}", d.unit, d.choice.describe(&a, &b)));
            let q = st.reconcile.queue();
            let pos = st.reconcile.pos(&q);
            if let Some(next) = first_open(&st.reconcile, pos + 1) {
                st.reconcile.unit = Some(next);
            }
        }
        Err(e) => st.error(e.to_string()),
    }
    Vec::new()
}

fn undo(st: &mut State) -> Vec<Effect> {
    let by = st.coder.clone();
    let result = ConsensusLog::open(&st.project).and_then(|mut log| {
        let changed = log.undo(by.as_deref())?;
        Ok((changed, log.consensus().clone()))
    });
    match result {
        Ok((changed, _)) if changed.is_empty() => st.error("Nothing to undo in the consensus"),
        Ok((changed, consensus)) => {
            if let Some(Ok(l)) = &mut st.reconcile.loaded {
                l.consensus = consensus;
            }
            if let [(unit, _)] = changed.as_slice() {
                st.reconcile.unit = Some(unit.clone());
                st.info(format!("Undid the decision on {unit}"));
            } else {
                st.info(format!("Undid one action on {} units", changed.len()));
            }
        }
        Err(e) => st.error(e.to_string()),
    }
    Vec::new()
}
