//! Drawing a frame from `&State`: tab bar, the screen, key hints, status line, popups. Rendering
//! never changes the state; it returns where things are for the mouse.

use super::action::Command;
use super::hints::{first, hint_line};
use super::keymap::Context;
use super::mouse::Hits;
use super::popups;
use super::screens::search::Focus;
use super::screens::{
    agreement, codebook, coding, crosstab, import, likert, reconcile, search, sources, themes,
};
use super::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(st: &State, f: &mut Frame) -> Hits {
    let area = f.area();
    let mut hits = Hits::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "The terminal is {}×{}; thematic needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window (q quits).",
            area.width, area.height
        );
        f.render_widget(
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center),
            area,
        );
        return hits;
    }
    let [top, body, hint, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    tab_bar(st, f, top, &mut hits);
    match st.screen {
        Screen::Sources => sources::view::render(st, f, body, &mut hits),
        Screen::Coding => coding::view::render(st, f, body, &mut hits),
        Screen::Codebook => codebook::view::render(st, f, body, &mut hits),
        Screen::Agreement => agreement::view::render(st, f, body, &mut hits),
        Screen::Search => search::view::render(st, f, body, &mut hits),
        Screen::Reconcile => reconcile::view::render(st, f, body, &mut hits),
        Screen::Themes => themes::view::render(st, f, body, &mut hits),
        Screen::Likert => likert::view::render(st, f, body, &mut hits),
        Screen::Crosstab => crosstab::view::render(st, f, body, &mut hits),
        Screen::Import => import::view::render(st, f, body, &mut hits),
    }
    hint_line(st, f, hint);
    status_line(st, f, status);
    if let Some(p) = &st.popup {
        popups::view::render(st, p, f, body);
    }
    hits
}

fn tab_bar(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let coder = match &st.coder {
        Some(c) => format!(" · coder {c} "),
        None => " · no coder yet ".to_string(),
    };
    // Full titles when they fit beside the coder's name, else the short ones (every tab stays
    // visible and clickable); the brand goes last.
    let width = |label: fn(Screen) -> &'static str| -> usize {
        Screen::ALL
            .iter()
            .map(|s| label(*s).chars().count() + 3)
            .sum()
    };
    let room = usize::from(area.width).saturating_sub(coder.chars().count());
    let label: fn(Screen) -> &'static str = if 10 + width(Screen::title) <= room {
        Screen::title
    } else {
        Screen::short
    };
    let brand = 10 + width(label) <= room;
    let mut spans = Vec::new();
    let mut x = area.x;
    if brand {
        spans.push(Span::styled(
            " thematic ",
            Style::new().fg(Color::Black).bg(st.theme.accent).bold(),
        ));
        x += 10;
    }
    for s in Screen::ALL.iter() {
        let label = format!(" {} ", label(*s));
        let w = label.chars().count() as u16;
        // The Likert view is part of the Sources screen's tab.
        let here = *s == st.screen
            || (matches!(st.screen, Screen::Likert | Screen::Import) && *s == Screen::Sources);
        let style = if here {
            Style::new()
                .fg(st.theme.accent)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::new().fg(st.theme.dim)
        };
        hits.tabs.push((
            Rect {
                x,
                y: area.y,
                width: w,
                height: 1,
            },
            *s,
        ));
        x += w + 1;
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Line::from(spans), area);
    let room =
        usize::from(area.right().saturating_sub(x)).saturating_sub(coder.chars().count() + 1);
    // A project name cut to a few letters says nothing: leave it out then.
    let name = if room >= 8 {
        super::widgets::fit::fit(&st.project.manifest.name, room)
    } else {
        String::new()
    };
    // The coder's name whole, or (on a very narrow terminal) not at all.
    let who = if usize::from(area.right().saturating_sub(x)) >= coder.chars().count() {
        format!("{name}{coder}")
    } else {
        String::new()
    };
    f.render_widget(
        Line::from(Span::styled(who, Style::new().bold())).alignment(Alignment::Right),
        Rect {
            x: x.min(area.right()),
            width: area.right().saturating_sub(x),
            ..area
        },
    );
}

fn status_line(st: &State, f: &mut Frame, area: Rect) {
    let mode = match st.screen {
        Screen::Coding => st.coding.mode.label(),
        Screen::Sources => "SOURCES",
        Screen::Codebook => "CODEBOOK",
        Screen::Agreement if st.agreement.list.is_some() => "DISAGREEMENTS",
        Screen::Agreement => "AGREEMENT",
        Screen::Search if st.search.focus == Focus::Query => "SEARCH",
        Screen::Search => "RESULTS",
        Screen::Reconcile => "RECONCILE",
        Screen::Themes if st.themes.preview => "PREVIEW",
        Screen::Themes => "THEMES",
        Screen::Likert => "LIKERT",
        Screen::Crosstab => "CROSSTAB",
        Screen::Import => "IMPORT",
    };
    let total = st.project.units.len();
    let pos = if st.nav_len() == 0 {
        "no units".to_string()
    } else {
        format!("unit {}/{}", st.nav.pos + 1, st.nav_len())
    };
    let save = if st.read_only.is_some() {
        Span::styled("read-only", Style::new().fg(st.theme.error).bold())
    } else if st.status.save_failed {
        Span::styled("✗ NOT SAVED", Style::new().fg(st.theme.error).bold())
    } else if st.status.saved > 0 {
        Span::styled("✓ saved", Style::new().fg(st.theme.reviewed))
    } else {
        Span::styled("✓ up to date", Style::new().fg(st.theme.dim))
    };
    let message = st.status.message.replace('\n', " ");
    let fits = |right: &Line| {
        usize::from(area.width) >= mode.chars().count() + 3 + right.width() + message.width()
    };
    // The message comes first: the counts give way to it in steps (the unit's place and a
    // failed save stay), and what still does not fit ends in "…" with the key that shows it.
    let short_pos = match st.nav_len() {
        0 => "no units".to_string(),
        n => format!("{}/{n}", st.nav.pos + 1),
    };
    let short_save = if st.read_only.is_some() || st.status.save_failed {
        save.clone()
    } else {
        Span::styled("✓", save.style)
    };
    let reviewed = format!("reviewed {}/{total}", st.reviewed_total());
    let tiers = [
        (format!(" │ {pos} · {reviewed} · "), save),
        (format!(" │ {short_pos} · {reviewed} "), short_save.clone()),
        (format!(" │ {short_pos} "), short_save),
    ];
    let mut right = Line::default();
    for (counts, save) in tiers {
        right = Line::from(vec![Span::raw(counts), save, Span::raw(" ")]);
        if fits(&right) {
            break;
        }
    }
    let rw = right.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(rw)]).areas(area);
    let msg_style = if st.status.error {
        Style::new().fg(st.theme.error).bold()
    } else {
        Style::new()
    };
    let room = usize::from(left_area.width).saturating_sub(mode.chars().count() + 3);
    let mut left = vec![
        Span::styled(
            format!(" {mode} "),
            Style::new().fg(Color::Black).bg(st.theme.accent).bold(),
        ),
        Span::raw(" "),
    ];
    if message.width() <= room {
        left.push(Span::styled(message, msg_style));
    } else {
        let more = first(&st.keymap.keys_for(Context::Global, Command::Messages));
        let more = format!(" {more}:all");
        left.push(Span::styled(
            super::widgets::fit::fit(&message, room.saturating_sub(more.len())),
            msg_style,
        ));
        left.push(Span::styled(more, Style::new().fg(st.theme.dim)));
    }
    let left = Line::from(left);
    f.render_widget(left, left_area);
    f.render_widget(right, right_area);
}
