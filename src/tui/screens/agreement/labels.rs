//! How agreement figures read on screen: a measure's value ("—" when undefined), its
//! interval, a count, a flag, the two coders.

use crate::agreement::{Flag, Measure};
use crate::tui::state::State;
use ratatui::style::{Color, Style};

/// A measure's value as shown: "—" when undefined (never 1 or NaN).
pub fn value(v: Option<f64>, m: Measure) -> String {
    match v {
        None => "—".into(),
        Some(x) if m == Measure::PercentAgreement => format!("{:.1}%", x * 100.0),
        Some(x) => format!("{x:.3}"),
    }
}

pub fn ci(ci: Option<[f64; 2]>) -> String {
    ci.map_or(String::new(), |[a, b]| format!(" [{a:.3}, {b:.3}]"))
}

pub fn count(n: Option<u64>) -> String {
    n.map_or("—".into(), |n| n.to_string())
}

pub fn flag_style(st: &State, f: Flag) -> Style {
    match f {
        Flag::Ok => Style::new().fg(st.theme.reviewed),
        Flag::Tentative => Style::new().fg(Color::Yellow),
        Flag::Unreliable => Style::new().fg(st.theme.error).bold(),
        Flag::Undefined => Style::new().fg(st.theme.dim),
    }
}

pub fn flag_text(f: Flag) -> &'static str {
    match f {
        Flag::Ok => "",
        Flag::Tentative => "<.800",
        Flag::Unreliable => "<.667",
        Flag::Undefined => "—",
    }
}

/// "alice (A, you) × bob (B)".
pub fn coders_label(st: &State, coders: &[String]) -> String {
    let you = st.coder.as_deref();
    let one = |i: usize, c: &String| {
        let letter = if i == 0 { "A" } else { "B" };
        if Some(c.as_str()) == you {
            format!("{c} ({letter}, you)")
        } else {
            format!("{c} ({letter})")
        }
    };
    let v: Vec<String> = coders.iter().enumerate().map(|(i, c)| one(i, c)).collect();
    v.join(" × ")
}
