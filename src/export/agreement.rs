//! The agreement report as publication tables (overall measures; agreement per code), for the
//! HTML page of `export agreement` — Markdown, CSV and JSON come from the agreement module.

use crate::agreement::{AgreementReport, CodeAgreement};

use super::table::{Align, Cell, Paragraph, Table};

fn num(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{v:.3}"))
}

fn pct(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{:.1}%", 100.0 * v))
}

fn count(x: Option<u64>) -> String {
    x.map_or("—".into(), |v| v.to_string())
}

/// Overall figures: one measure per row.
pub fn overall(r: &AgreementReport) -> Table {
    let mut t = Table::new(format!("Inter-rater agreement: {}", r.coders.join(", ")))
        .column("Measure", 3.0, Align::Left)
        .column("Value", 1.0, Align::Right);
    let o = &r.overall;
    let mut add = |m: &str, v: String| t.row(vec![Cell::text(m), Cell::text(v)]);
    add("Units counted", r.units.to_string());
    add(
        "Percent agreement (identical code sets)",
        pct(o.percent_agreement),
    );
    if r.coders.len() == 2 {
        add(
            "Pooled kappa (de Vries et al. 2008)",
            num(o.cohen_kappa_pooled),
        );
        add("Mean kappa over codes", num(o.mean_cohen_kappa));
    } else {
        add("Mean Fleiss' kappa", num(o.mean_fleiss_kappa));
    }
    add(
        "Krippendorff's alpha, MASI distance",
        num(o.krippendorff_alpha_masi),
    );
    for n in &r.notes {
        t.footnote(Paragraph::plain(n.clone()));
    }
    t
}

/// One row per code, grouped under their parent codes.
pub fn per_code(r: &AgreementReport) -> Table {
    let two = r.coders.len() == 2;
    let unit = if r.characters.is_some() {
        "characters"
    } else {
        "units"
    };
    let mut t = Table::new(format!("Agreement per code ({unit})")).column("Code", 3.0, Align::Left);
    let heads: Vec<String> = if two {
        vec![
            "Both".into(),
            format!("{} only", r.coders[0]),
            format!("{} only", r.coders[1]),
            "Neither".into(),
            "Agreement".into(),
            "Kappa".into(),
            "Alpha".into(),
            "AC1".into(),
        ]
    } else {
        [
            "All",
            "Some",
            "None",
            "Agreement",
            "Fleiss' kappa",
            "Alpha",
            "AC1",
        ]
        .map(String::from)
        .to_vec()
    };
    for h in heads {
        t = t.column(h, 1.0, Align::Right);
    }
    let mut parent: Option<&str> = None;
    for c in &r.codes {
        if c.parent.as_deref() != parent {
            parent = c.parent.as_deref();
            if let Some(p) = parent {
                let name = r
                    .codes
                    .iter()
                    .find(|x| x.code == p)
                    .map_or(p.to_string(), |x| x.name.clone());
                t.category(name);
            }
        }
        t.row(cells(c, two));
    }
    t.footnote(Paragraph::plain(format!(
        "Alpha below {:.3} is tentative, below {:.3} unreliable (Krippendorff).",
        r.thresholds.good, r.thresholds.tentative
    )));
    t
}

fn cells(c: &CodeAgreement, two: bool) -> Vec<Cell> {
    let mut v = vec![Cell::text(c.name.clone())];
    let values: Vec<String> = if two {
        vec![
            count(c.both),
            count(c.a_only),
            count(c.b_only),
            count(c.neither),
            pct(c.percent_agreement),
            num(c.cohen_kappa),
            num(c.krippendorff_alpha),
            num(c.gwet_ac1),
        ]
    } else {
        let all = c.present_by.last().copied().unwrap_or(0);
        let none = c.present_by.first().copied().unwrap_or(0);
        let some = c.present_by.iter().sum::<u64>() - all - none;
        vec![
            all.to_string(),
            some.to_string(),
            none.to_string(),
            pct(c.percent_agreement),
            num(c.fleiss_kappa),
            num(c.krippendorff_alpha),
            num(c.gwet_ac1),
        ]
    };
    v.extend(values.into_iter().map(Cell::text));
    v
}
