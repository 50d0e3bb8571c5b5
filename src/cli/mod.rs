//! The command line: parse arguments, call the core, print. One file per group of commands.

#[macro_use]
mod output;
mod agreement;
mod args;
mod attributes;
mod codebook;
mod coding;
mod corpus;
mod crosstab;
mod deliver;
mod describe;
mod disagreements;
mod export;
mod interop;
mod reconcile;
mod search;
mod sources;
mod themes;
mod themes_edit;

pub use args::Cli;

use crate::error::Result;
use crate::project::Project;
use args::Command;
use std::path::Path;

/// Run a parsed command line. Errors come back to `main`, which prints one line and exits 1.
pub fn run(cli: Cli) -> Result<()> {
    let dir = cli.project.clone();
    match cli.command {
        Command::Init {
            dir: target,
            name,
            codebook,
        } => corpus::init(&target, name.as_deref(), codebook.as_deref()),
        Command::Import(a) => corpus::import(&mut open(&dir)?, a),
        Command::Source(cmd) => sources::run(&mut open(&dir)?, cmd),
        Command::Attributes(a) => attributes::attributes(&dir, a),
        Command::ImportProject {
            file,
            dir,
            consensus_user,
            json,
        } => interop::import_project(&file, &dir, consensus_user, json),
        Command::Status { json } => corpus::status(open_index_with_logs(&dir)?, json),
        Command::Units { source, json } => corpus::units(&open(&dir)?, source.as_deref(), json),
        Command::Cases { json } => corpus::cases(&open(&dir)?, json),
        Command::Codebook(c) => codebook::run(&mut open(&dir)?, c),
        Command::Code(a) => coding::code(&open(&dir)?, a),
        Command::Uncode(a) => coding::uncode(&open(&dir)?, a),
        Command::Review { coder, units, undo } => {
            coding::review(&open(&dir)?, &coder, &units, undo)
        }
        Command::Codings { coder, json } => {
            let p = Project::open_index_reading_log(&dir, &coder)?;
            coding::codings(kept_until_exit(warn_changed(p)?), &coder, json)
        }
        Command::Memo {
            coder,
            unit,
            code,
            span,
            text,
        } => coding::memo(
            &open(&dir)?,
            &coder,
            &unit,
            code.as_deref(),
            span.as_deref(),
            text,
        ),
        Command::Undo(a) => undo_redo(&dir, a, true),
        Command::Redo(a) => undo_redo(&dir, a, false),
        Command::Search(a) => search::run(&dir, a),
        Command::Agreement(a) => agreement::agreement(&dir, a),
        Command::Disagreements(a) => disagreements::disagreements(&open(&dir)?, a),
        Command::Reconcile(a) => reconcile::reconcile(&open(&dir)?, a),
        Command::Consensus { json } => reconcile::consensus(&open(&dir)?, json),
        Command::Themes(c) => themes::themes(&open(&dir)?, c),
        Command::Quote(c) => themes::quote(&open(&dir)?, c),
        Command::Crosstab(a) => crosstab::run(open_index(&dir)?, a),
        Command::Export(c) => export::run(&open(&dir)?, c),
        Command::Describe(a) => describe::describe(&open(&dir)?, a),
        Command::Likert(a) => describe::likert(&open(&dir)?, a),
        Command::Open {
            dir: Some(target),
            coder,
        } => crate::tui::run(&target, coder.as_deref()),
        Command::Open { dir: None, coder } => match Project::find(&dir) {
            Some(found) => crate::tui::run(&found, coder.as_deref()),
            None => Err(crate::Error::user(format!(
                "no thematic project in {} or the folders above it.\n\
                 Start one with `thematic open NEW-FOLDER` (it offers to create the project, then i on the Sources screen imports your files)",
                std::path::absolute(&dir).unwrap_or(dir.clone()).display()
            ))),
        },
    }
}

fn undo_redo(dir: &Path, a: args::UndoArgs, undo: bool) -> Result<()> {
    let p = open(dir)?;
    match a.coder {
        Some(coder) if !a.consensus => coding::undo_redo(&p, &coder, undo),
        _ => reconcile::undo_redo(&p, undo, a.by),
    }
}

/// Open the project; say on stderr which imported source files changed since import.
fn open(dir: &Path) -> Result<Project> {
    warn_changed(Project::open(dir)?)
}

/// [`open`] without the units' text ([`Project::open_index`]), for commands that never show it.
fn open_index(dir: &Path) -> Result<&'static Project> {
    Ok(kept_until_exit(warn_changed(Project::open_index(dir)?)?))
}

/// [`open_index`], every coder's log replayed meanwhile, for commands that read them all.
pub(crate) fn open_index_with_logs(dir: &Path) -> Result<&'static Project> {
    Ok(kept_until_exit(warn_changed(
        Project::open_index_reading_logs(dir)?,
    )?))
}

/// The project of a one-shot command, never freed: freeing a large one piece by piece just
/// before the process ends took a noticeable share of a command's time (about 50 ms of 650 for
/// `status` on 100,000 units), and the system takes the memory back at once.
pub(crate) fn kept_until_exit(p: Project) -> &'static Project {
    Box::leak(Box::new(p))
}

fn warn_changed(p: Project) -> Result<Project> {
    for warning in p.changed_sources() {
        note!("warning: {warning}");
    }
    Ok(p)
}
