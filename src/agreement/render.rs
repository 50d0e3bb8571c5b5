//! The agreement report as Markdown (for a methods section or a reviewer) and as CSV (one row
//! per code, for a spreadsheet).

use std::fmt::Write as _;

use super::gwet::Estimate;
use super::inference::Inference;
use super::report::{AgreementReport, CodeAgreement, Flag, GroupAgreement};

/// A coefficient with three decimals, or "—" when undefined.
fn num(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{v:.3}"))
}

fn pct(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{:.1}%", 100.0 * v))
}

fn ci(x: Option<[f64; 2]>) -> String {
    x.map_or(String::new(), |[a, b]| format!(" [{a:.3}, {b:.3}]"))
}

fn count(x: Option<u64>) -> String {
    x.map_or("—".into(), |v| v.to_string())
}

fn flag(f: Flag) -> &'static str {
    match f {
        Flag::Ok => "",
        Flag::Tentative => "below .800",
        Flag::Unreliable => "below .667",
        Flag::Undefined => "undefined",
    }
}

/// Table cells must not break the table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown report.
pub fn markdown(r: &AgreementReport) -> String {
    let mut s = String::new();
    let m = r.coders.len();
    let span = r.characters.is_some();
    let _ = writeln!(s, "# Inter-rater agreement: {}\n", cell(&r.project));
    let _ = writeln!(
        s,
        "Coders: {} · Level: {} · Units counted: {}{} · Filters: {}\n",
        r.coders.join(", "),
        r.level.as_str(),
        r.units,
        r.characters
            .map_or(String::new(), |c| format!(" ({c} characters)")),
        r.filters.describe()
    );
    s.push_str("## What was counted\n\n");
    for n in &r.notes {
        let _ = writeln!(s, "- {n}");
    }
    s.push_str("\n## Overall\n\n| Measure | Value |\n|---|---|\n");
    let o = &r.overall;
    let total = r.characters.unwrap_or(r.units);
    let _ = writeln!(
        s,
        "| Percent agreement (identical code sets) | {} ({} of {total}) |",
        pct(o.percent_agreement),
        o.identical
    );
    if m == 2 {
        let _ = writeln!(
            s,
            "| Pooled kappa (de Vries et al. 2008) | {} |",
            num(o.cohen_kappa_pooled)
        );
        let _ = writeln!(
            s,
            "| Mean kappa ({} codes with a defined kappa) | {} |",
            o.codes_with_kappa,
            num(o.mean_cohen_kappa)
        );
    } else {
        let _ = writeln!(s, "| Mean Fleiss' kappa | {} |", num(o.mean_fleiss_kappa));
        let _ = writeln!(s, "| Mean Conger's kappa | {} |", num(o.mean_conger_kappa));
        let _ = writeln!(
            s,
            "| Pooled Conger's kappa (mean p_o, mean p_e over codes) | {} |",
            num(o.conger_kappa_pooled)
        );
    }
    let _ = writeln!(
        s,
        "| Krippendorff's alpha, MASI distance (Passonneau 2006) | {}{} |",
        num(o.krippendorff_alpha_masi),
        ci(o.krippendorff_alpha_masi_ci)
    );
    let unit_word = if span { "characters" } else { "units" };
    let _ = writeln!(
        s,
        "\n## Per code\n\nCounts are {unit_word}. Alpha intervals: {}.\n",
        r.alpha_interval_label
    );
    if m == 2 {
        let (a, b) = (&r.coders[0], &r.coders[1]);
        let _ = write!(
            s,
            "| Code | Both | {a} only | {b} only | Neither | Agreement | Kappa | Alpha | AC1 | PABAK |"
        );
    } else {
        let _ = write!(
            s,
            "| Code | All | Some | None | Agreement | Fleiss' kappa | Conger's kappa | Alpha | AC1 |"
        );
    }
    s.push_str(if span {
        " Unitized alpha | Flag |\n"
    } else {
        " Flag |\n"
    });
    let columns = if m == 2 { 10 } else { 9 } + usize::from(span) + 1;
    s.push_str(&"|---".repeat(columns));
    s.push_str("|\n");
    for c in &r.codes {
        s.push_str(&code_line(c, m, span));
    }
    precision(&mut s, r);
    needing_work(&mut s, r);
    for g in &r.exclusive_groups {
        group(&mut s, g, &r.coders);
    }
    s
}

fn code_line(c: &CodeAgreement, m: usize, span: bool) -> String {
    let mut line = format!("| {} ", cell(&c.name));
    if m == 2 {
        let _ = write!(
            line,
            "| {} | {} | {} | {} | {} | {} | {}{} | {} | {} |",
            count(c.both),
            count(c.a_only),
            count(c.b_only),
            count(c.neither),
            pct(c.percent_agreement),
            num(c.cohen_kappa),
            num(c.krippendorff_alpha),
            ci(c.krippendorff_alpha_ci),
            num(c.gwet_ac1),
            num(c.pabak)
        );
    } else {
        let all = c.present_by.last().copied().unwrap_or(0);
        let none = c.present_by.first().copied().unwrap_or(0);
        let some = c.present_by.iter().sum::<u64>() - all - none;
        let _ = write!(
            line,
            "| {all} | {some} | {none} | {} | {} | {} | {}{} | {} |",
            pct(c.percent_agreement),
            num(c.fleiss_kappa),
            num(c.conger_kappa),
            num(c.krippendorff_alpha),
            ci(c.krippendorff_alpha_ci),
            num(c.gwet_ac1)
        );
    }
    if span {
        let _ = write!(line, " {} |", num(c.unitized_alpha.flatten()));
    }
    let _ = writeln!(line, " {} |", flag(c.flag));
    line
}

/// A coefficient as "value (SE) [low, high]".
fn with_se(e: Option<Estimate>) -> String {
    e.map_or("—".into(), |e| {
        let se = e.se.map_or("—".into(), |s| format!("{s:.3}"));
        let ci =
            e.ci.map_or(String::new(), |[a, b]| format!(" [{a:.3}, {b:.3}]"));
        format!("{:.3} ({se}){ci}", e.value)
    })
}

/// Per code: the coefficients with standard errors and t intervals (Gwet 2014, as irrCAC).
fn precision(s: &mut String, r: &AgreementReport) {
    if r.characters.is_some() || r.codes.is_empty() {
        return;
    }
    let two = r.coders.len() == 2;
    let _ = writeln!(
        s,
        "\n## Standard errors\n\nValue (SE) [95% t interval], as Gwet (2014) and irrCAC; \
         p-values in the CSV and JSON.\n\n| Code | {} | AC1 | Alpha |\n|---|---|---|---|{}",
        if two {
            "Kappa"
        } else {
            "Fleiss' kappa | Conger's kappa"
        },
        if two { "" } else { "---|" }
    );
    for c in &r.codes {
        let i = &c.inference;
        let _ = writeln!(
            s,
            "| {} | {}{} | {} | {} |",
            cell(&c.name),
            with_se(if two { i.cohen_kappa } else { i.fleiss_kappa }),
            if two {
                String::new()
            } else {
                format!(" | {}", with_se(i.conger_kappa))
            },
            with_se(i.gwet_ac1),
            with_se(i.krippendorff_alpha)
        );
    }
}

fn needing_work(s: &mut String, r: &AgreementReport) {
    let which = if r.characters.is_some() {
        "unitized alpha"
    } else {
        "alpha"
    };
    s.push_str("\n## Codes whose definitions need work\n\n");
    let rows = r.codes_needing_work();
    if rows.is_empty() {
        let _ = writeln!(s, "None: every code with a defined {which} reaches .800.");
    }
    for c in rows {
        let _ = writeln!(
            s,
            "- **{}**: {which} = {} ({}){}",
            c.name,
            num(c.flagged_alpha()),
            flag(c.flag),
            match (c.both, c.a_only, c.b_only) {
                (Some(both), Some(a), Some(b)) => format!(
                    "; both {both}, {} only {a}, {} only {b}",
                    r.coders[0], r.coders[1]
                ),
                _ => String::new(),
            }
        );
    }
    let undefined: Vec<&str> = r
        .codes
        .iter()
        .filter(|c| c.flag == Flag::Undefined)
        .map(|c| c.name.as_str())
        .collect();
    if !undefined.is_empty() {
        let _ = writeln!(
            s,
            "\n{which} is undefined (no variation: nobody, or everybody, applied the code \
             everywhere) for: {}.",
            undefined.join(", ")
        );
    }
}

fn group(s: &mut String, g: &GroupAgreement, coders: &[String]) {
    let _ = writeln!(
        s,
        "\n## Exclusive group: {}\n\nCategories: {}. Counted on {} units where some coder \
         applied one of its codes ({} units where nobody did are left out; {} ambiguous values \
         with two or more of its codes are missing; {} pairable units).\n",
        cell(&g.name),
        g.category_names.join(", "),
        g.units,
        g.units_without_group,
        g.ambiguous,
        g.pairable_units
    );
    s.push_str("| Measure | Value |\n|---|---|\n");
    let rows = [
        ("Percent agreement", pct(g.percent_agreement)),
        ("Cohen's kappa", num(g.cohen_kappa)),
        ("Scott's pi", num(g.scott_pi)),
        (
            "Krippendorff's alpha (nominal)",
            format!(
                "{}{}",
                num(g.krippendorff_alpha),
                ci(g.krippendorff_alpha_ci)
            ),
        ),
        ("Fleiss' kappa", num(g.fleiss_kappa)),
        ("Conger's kappa", num(g.conger_kappa)),
        ("Gwet's AC1", num(g.gwet_ac1)),
    ];
    for (k, v) in rows {
        let _ = writeln!(s, "| {k} | {v} |");
    }
    if !flag(g.flag).is_empty() {
        let _ = writeln!(s, "\nFlag: alpha {}.", flag(g.flag));
    }
    if let Some(conf) = &g.confusion {
        let _ = write!(s, "\nRows: {}; columns: {}.\n\n|  |", coders[0], coders[1]);
        for name in &g.category_names {
            let _ = write!(s, " {} |", cell(name));
        }
        s.push('\n');
        s.push_str(&"|---".repeat(g.category_names.len() + 1));
        s.push_str("|\n");
        for (name, row) in g.category_names.iter().zip(conf) {
            let _ = write!(s, "| {} |", cell(name));
            for v in row {
                let _ = write!(s, " {v} |");
            }
            s.push('\n');
        }
    }
}

/// `<measure>_se`, `_ci_low`, `_ci_high`, `_p` for each measure with a standard error.
fn precision_columns() -> Vec<String> {
    Inference::default()
        .rows()
        .into_iter()
        .flat_map(|(key, _, _)| {
            ["se", "ci_low", "ci_high", "p"].map(|part| format!("{key}_{part}"))
        })
        .collect()
}

/// One row per code; empty cells for undefined values.
pub fn csv(r: &AgreementReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let f = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    let n = |x: Option<u64>| x.map_or(String::new(), |v| v.to_string());
    let _ = w.write_record(
        [
            "code",
            "name",
            "parent",
            "units",
            "both",
            "a_only",
            "b_only",
            "neither",
            "percent_agreement",
            "cohen_kappa",
            "krippendorff_alpha",
            "krippendorff_alpha_ci_low",
            "krippendorff_alpha_ci_high",
            "krippendorff_alpha_interval",
            "gwet_ac1",
            "pabak",
            "scott_pi",
            "fleiss_kappa",
            "positive_agreement",
            "unitized_alpha",
            "flag",
        ]
        .into_iter()
        .map(String::from)
        .chain(precision_columns())
        .chain(["conger_kappa".to_string()]),
    );
    for c in &r.codes {
        let flag = serde_json::to_value(c.flag)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = w.write_record(
            [
                c.code.clone(),
                c.name.clone(),
                c.parent.clone().unwrap_or_default(),
                c.units.to_string(),
                n(c.both),
                n(c.a_only),
                n(c.b_only),
                n(c.neither),
                f(c.percent_agreement),
                f(c.cohen_kappa),
                f(c.krippendorff_alpha),
                f(c.krippendorff_alpha_ci.map(|x| x[0])),
                f(c.krippendorff_alpha_ci.map(|x| x[1])),
                r.alpha_interval.key().to_string(),
                f(c.gwet_ac1),
                f(c.pabak),
                f(c.scott_pi),
                f(c.fleiss_kappa),
                f(c.positive_agreement),
                f(c.unitized_alpha.flatten()),
                flag,
            ]
            .into_iter()
            .chain(c.inference.rows().into_iter().flat_map(|(_, _, e)| {
                [
                    f(e.and_then(|e| e.se)),
                    f(e.and_then(|e| e.ci).map(|x| x[0])),
                    f(e.and_then(|e| e.ci).map(|x| x[1])),
                    f(e.and_then(|e| e.p_value)),
                ]
            }))
            .chain([f(c.conger_kappa)]),
        );
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
