//! The app loop: read terminal events and job results from one queue, update, draw. Redraws are
//! coalesced: everything waiting in the queue is handled before the next frame.

use super::action::{Action, Effect};
use super::jobs;
use super::key::Key;
use super::mouse::Hits;
use super::state::State;
use super::{frame, terminal, update};
use crate::error::{Error, Result};
use ratatui::crossterm::event::{self, Event};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// How often an idle workbench looks for changes other processes made to the shared files.
const TICK: Duration = Duration::from_secs(2);

/// What arrives in the app's queue.
pub enum Msg {
    Term(Event),
    /// A job reports back.
    Job(Action),
    /// The event reader failed: the terminal is gone.
    Closed(String),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Job(a)
    }
}

fn reader(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Msg::Term(ev)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Msg::Closed(e.to_string()));
                    return;
                }
            }
        }
    });
}

fn io(e: std::io::Error) -> Error {
    Error::user(format!("terminal: {e}"))
}

pub fn run(st: State) -> Result<()> {
    // The state is left to the system when the workbench ends: everything acknowledged is on
    // disk already, locks are the process's open files, and freeing a large project piece by
    // piece took over a second at a million units.
    let mut kept = std::mem::ManuallyDrop::new(st);
    event_loop(&mut kept)
}

fn event_loop(st: &mut State) -> Result<()> {
    let (mut term, _guard) = terminal::enter().map_err(io)?;
    let (tx, rx): (Sender<Msg>, Receiver<Msg>) = channel();
    reader(tx.clone());
    let mut hits = Hits::default();
    loop {
        term.draw(|f| hits = frame::render(st, f)).map_err(io)?;
        // Waiting wakes up now and then to notice what other processes changed on disk.
        let first = match rx.recv_timeout(TICK) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => {
                for e in update::follow_changes(st) {
                    if let Effect::Spawn(job) = e {
                        jobs::spawn(job, tx.clone());
                    }
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let mut pending = vec![first];
        while let Ok(m) = rx.try_recv() {
            pending.push(m);
        }
        for m in pending {
            let effects = match m {
                Msg::Term(Event::Key(k)) => Key::from_event(k)
                    .map(|k| update::handle_key(st, k))
                    .unwrap_or_default(),
                Msg::Term(Event::Paste(text)) => update::paste(st, &text),
                Msg::Term(Event::FocusGained) => update::follow_changes(st),
                Msg::Term(Event::Mouse(m)) => match hits.mouse(st, m) {
                    Some(a) => update::update(st, a),
                    None => Vec::new(),
                },
                Msg::Term(_) => Vec::new(),
                Msg::Job(a) => update::update(st, a),
                Msg::Closed(e) => return Err(Error::user(format!("terminal closed: {e}"))),
            };
            let mut effects = std::collections::VecDeque::from(effects);
            while let Some(e) = effects.pop_front() {
                match e {
                    Effect::Quit => return Ok(()),
                    Effect::Spawn(job) => jobs::spawn(job, tx.clone()),
                    // `update` routes these itself; should one come out, it is routed here.
                    Effect::Then(a) => effects.extend(update::update(st, a)),
                }
            }
        }
        if st.quit {
            break;
        }
    }
    Ok(())
}
