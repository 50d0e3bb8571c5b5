//! themes import|export|show, quote pin|unpin|suggest: the theme map and its quotes.

use super::args::{QuoteCommand, ThemeArg, ThemesCommand};

use super::output::{json, short};
use crate::error::{Error, Result};
use crate::project::{Project, atomic};
use crate::reconcile::{Perspective, coded_view};
use crate::themes::edit;
use crate::themes::report::report;
use crate::themes::suggest::{Evidence, suggest};
use crate::themes::{ThemeMap, ThemePath};

fn parse_span(s: Option<&str>) -> Result<Option<(usize, usize)>> {
    s.map(|s| {
        crate::coding::parse_span(s).ok_or_else(|| {
            Error::user(format!(
                "--span '{s}' is not START..END (e.g. --span 0..42)"
            ))
        })
    })
    .transpose()
}

fn find(map: &ThemeMap, w: &ThemeArg) -> Result<ThemePath> {
    map.find(&w.theme, w.section.as_deref(), w.category.as_deref())
}

pub fn themes(p: &Project, c: ThemesCommand) -> Result<()> {
    use super::themes_edit as e;
    match c {
        ThemesCommand::AddSection { title, wheres } => e::add_section(p, title, &wheres),
        ThemesCommand::AddCategory { title, section } => {
            e::add_category(p, &title, section.as_deref())
        }
        ThemesCommand::Add {
            name,
            category,
            section,
            description,
            codes,
        } => e::add_theme(p, &name, &category, section.as_deref(), &description, codes),
        ThemesCommand::Edit {
            which,
            name,
            description,
            codes,
        } => e::edit_theme(p, &which, name.as_deref(), description.as_deref(), codes),
        ThemesCommand::Move { which, by } => e::move_theme(p, &which, by),
        ThemesCommand::Remove { which } => e::remove_theme(p, &which),
        ThemesCommand::Import { file } => {
            let map = edit::import(p, &file)?;
            let themes = map.themes().count();
            let quotes: usize = map.themes().map(|(_, t)| t.quotes.len()).sum();
            eprintln!(
                "Loaded {} section{}, {themes} theme{}, {quotes} quote{} from {}",
                map.sections.len(),
                plural(map.sections.len()),
                plural(themes),
                plural(quotes),
                file.display()
            );
            Ok(())
        }
        ThemesCommand::Export { file } => {
            let map = ThemeMap::load(&p.root)?;
            atomic::write_json(&super::deliver::in_folder(&file), &map)?;
            eprintln!("Wrote the theme map to {}", file.display());
            Ok(())
        }
        ThemesCommand::Show {
            coder,
            json: as_json,
        } => {
            let map = ThemeMap::load(&p.root)?;
            let who = Perspective::from_option(coder.as_deref());
            let view = coded_view(p, &who)?;
            let r = report(p, &map, &view, who.label())?;
            if as_json {
                return json(&r);
            }
            if map.sections.is_empty() {
                outln!(
                    "No theme map yet: write one (see README, \"The theme map\") and load it with `thematic themes import FILE`."
                );
                return Ok(());
            }
            let mut head = map.title.clone();
            if let Some(l) = &map.label {
                head = format!("{l}. {head}");
            }
            // Counts grow as the consensus (or the coder) covers more units: say how far it is.
            // Moderators' turns are context: never decided, never counted.
            let answers: Vec<_> = p.units.iter().filter(|u| !u.moderator).collect();
            let covered = answers.iter().filter(|u| view.is_reviewed(&u.id)).count();
            let verb = match who {
                Perspective::Consensus => "decided",
                Perspective::Coder(_) => "reviewed",
            };
            let context = match p.units.len() - answers.len() {
                0 => String::new(),
                1 => "; 1 moderator turn is context".to_string(),
                n => format!("; {n} moderator turns are context"),
            };
            outln!(
                "{head}\nCounts from the {} ({covered} of {} units {verb} so far{context}).",
                who_phrase(&who),
                answers.len()
            );
            for s in &r.sections {
                let filter = s.filter.as_ref().map_or(String::new(), |f| {
                    let parts: Vec<String> = f.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    format!(", where {}", parts.join(" and "))
                });
                outln!(
                    "\n## {} ({} respondents{filter})",
                    s.title.as_deref().unwrap_or("(no section row)"),
                    s.cases
                );
                for c in &s.categories {
                    outln!("\n  {}", c.title);
                    for t in &c.themes {
                        outln!(
                            "    {} — {} of {} respondents, {} unit{} · {} quote{}",
                            t.name,
                            t.counts.cases,
                            t.counts.cases_total,
                            t.counts.units,
                            plural(t.counts.units),
                            t.quotes.len(),
                            plural(t.quotes.len())
                        );
                        for q in &t.quotes {
                            outln!(
                                "      “{}” ({}{})",
                                short(&q.printed, 90),
                                q.unit,
                                q.case
                                    .as_deref()
                                    .map_or(String::new(), |c| format!(", {c}"))
                            );
                        }
                    }
                }
            }
            if !r.warnings.is_empty() {
                outln!(
                    "\n{} warning{}:",
                    r.warnings.len(),
                    plural(r.warnings.len())
                );
                for w in &r.warnings {
                    outln!("  ! {w}");
                }
            }
            Ok(())
        }
    }
}

fn who_phrase(who: &Perspective) -> String {
    match who {
        Perspective::Consensus => "consensus".into(),
        Perspective::Coder(c) => format!("coding of {c}"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn quote(p: &Project, c: QuoteCommand) -> Result<()> {
    match c {
        QuoteCommand::Pin {
            which,
            unit,
            span,
            text,
            coder,
        } => {
            let span = parse_span(span.as_deref())?;
            let map = ThemeMap::load(&p.root)?;
            let at = find(&map, &which)?;
            let who = Perspective::from_option(coder.as_deref());
            let view = coded_view(p, &who)?;
            let map = edit::pin(p, &view, &who_phrase(&who), at, &unit, span, text)?;
            let t = map.theme(at).map_or(0, |t| t.quotes.len());
            eprintln!(
                "Pinned {unit} to '{}' ({}); it has {t} quote{}",
                which.theme,
                map.section_label(at.section),
                plural(t)
            );
            Ok(())
        }
        QuoteCommand::Unpin { which, unit, span } => {
            let span = parse_span(span.as_deref())?;
            let map = ThemeMap::load(&p.root)?;
            let at = find(&map, &which)?;
            let (map, _) = edit::unpin(p, at, &unit, span)?;
            let t = map.theme(at).map_or(0, |t| t.quotes.len());
            eprintln!(
                "Unpinned {unit} from '{}'; it has {t} quote{}",
                which.theme,
                plural(t)
            );
            Ok(())
        }
        QuoteCommand::Suggest {
            which,
            coder,
            limit,
            json: as_json,
        } => {
            let map = ThemeMap::load(&p.root)?;
            let at = find(&map, &which)?;
            let who = Perspective::from_option(coder.as_deref());
            let view = coded_view(p, &who)?;
            let mut coders = Vec::new();
            for name in p.coders()? {
                let v = p.coder_view(&name)?;
                coders.push((name, v));
            }
            let ev = Evidence {
                view: &view,
                whose: who.label(),
                coders: &coders,
            };
            let list = suggest(p, &map, at, &ev, limit)?;
            if as_json {
                return json(&list);
            }
            if list.is_empty() {
                outln!(
                    "No candidates: no unpinned segment of this theme's codes in the {}.",
                    who_phrase(&who)
                );
            }
            for s in &list {
                let span = s
                    .span
                    .map_or(String::new(), |[a, b]| format!(" --span {a}..{b}"));
                outln!(
                    "{:>2}. {}{span}  ({}{})",
                    s.rank,
                    s.unit,
                    s.case.as_deref().unwrap_or("no case"),
                    s.kind.map_or(String::new(), |k| format!(", {k}"))
                );
                outln!("    “{}”", short(&s.text, 160));
                outln!("    {}", s.reasons.join("; "));
            }
            Ok(())
        }
    }
}
