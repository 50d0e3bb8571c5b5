//! Kappas that keep track of which coder gave which rating, with Gwet's (2014) standard errors
//! as irrCAC computes them: Conger's (1980) kappa for any number of coders with missing data
//! (conger.kappa.raw), and for two coders the contingency-table forms of Cohen's (1960, 1968
//! weighted) kappa and Scott's pi (kappa2.table, scott2.table). Also the weight matrices for
//! ordinal (Likert-like) categories.

use super::data::finite;
use super::gwet::{Estimate, Sampling};
use super::patterns::{MISSING, Patterns};

/// Agreement weights for ordered categories (Gwet 2014, ch. 3; irrCAC's weights.gen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weights {
    /// 1 on the diagonal, 0 elsewhere.
    #[default]
    Unweighted,
    /// 1 − |x_k − x_l| / (x_max − x_min).
    Linear,
    /// 1 − (x_k − x_l)² / (x_max − x_min)².
    Quadratic,
}

impl Weights {
    pub fn parse(s: &str) -> Option<Weights> {
        match s {
            "unweighted" | "identity" => Some(Weights::Unweighted),
            "linear" => Some(Weights::Linear),
            "quadratic" => Some(Weights::Quadratic),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Weights::Unweighted => "unweighted",
            Weights::Linear => "linear",
            Weights::Quadratic => "quadratic",
        }
    }

    /// The q × q matrix (row-major) for categories with values `x` (their ranks 1..q when the
    /// categories are not numbers).
    pub fn matrix(self, x: &[f64]) -> Vec<f64> {
        let q = x.len();
        let (lo, hi) = x
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let range = hi - lo;
        let mut w = vec![0.0; q * q];
        for k in 0..q {
            for l in 0..q {
                w[k * q + l] = match self {
                    _ if k == l => 1.0,
                    Weights::Unweighted => 0.0,
                    _ if range.is_nan() || range <= 0.0 => 0.0,
                    Weights::Linear => 1.0 - (x[k] - x[l]).abs() / range,
                    Weights::Quadratic => 1.0 - ((x[k] - x[l]) / range).powi(2),
                };
            }
        }
        w
    }
}

/// The agreement Conger's kappa corrects and its chance agreement, with what the standard error
/// needs.
pub(super) struct CongerParts {
    /// Weighted pairwise agreement over units with two or more ratings.
    pub(super) pa: f64,
    /// Chance agreement from each coder's own marginals (Conger 1980).
    pub(super) pe: f64,
    n: f64,
    n2: f64,
    ng: Vec<f64>,
    pgk: Vec<Vec<f64>>,
    pbar: Vec<f64>,
    /// Per pattern: (units, ratings, agreement).
    per_unit: Vec<(f64, f64, f64)>,
}

/// Conger's observed and chance agreement (conger.kappa.raw). `None` if fewer than two coders,
/// q < 2, no unit has two ratings or a coder rated nothing.
pub(super) fn conger_parts(p: &Patterns, weights: &[f64]) -> Option<CongerParts> {
    let (q, r) = (p.categories, p.coders);
    if q < 2 || r < 2 || weights.len() != q * q {
        return None;
    }
    let w = |k: usize, l: usize| weights[k * q + l];
    // classif[g][k]: units coder g put in category k; n_g units coder g rated.
    let mut classif = vec![vec![0.0; q]; r];
    let (mut n, mut n2, mut pa_sum) = (0.0, 0.0, 0.0);
    let mut per_unit = Vec::with_capacity(p.len());
    for j in 0..p.len() {
        let row = p.row(j);
        let count = p.counts[j] as f64;
        n += count;
        for (g, &v) in row.iter().enumerate() {
            if v != MISSING {
                classif[g][v as usize] += count;
            }
        }
        let present: Vec<usize> = row
            .iter()
            .filter(|&&v| v != MISSING)
            .map(|&v| v as usize)
            .collect();
        let ri = present.len() as f64;
        // Σ_k r_ik (r*_ik − 1) = Σ over ordered pairs of ratings (a, b), a ≠ b, of w_ab.
        let mut sum_q = 0.0;
        for (i, &a) in present.iter().enumerate() {
            for (k, &b) in present.iter().enumerate() {
                if i != k {
                    sum_q += w(a, b);
                }
            }
        }
        let pa_i = if ri >= 2.0 {
            sum_q / (ri * (ri - 1.0))
        } else {
            0.0
        };
        if ri >= 2.0 {
            n2 += count;
            pa_sum += count * pa_i;
        }
        per_unit.push((count, ri, pa_i));
    }
    if n2 == 0.0 {
        return None;
    }
    let pa = pa_sum / n2;
    let ng: Vec<f64> = classif.iter().map(|c| c.iter().sum()).collect();
    if ng.contains(&0.0) {
        return None;
    }
    let pgk: Vec<Vec<f64>> = classif
        .iter()
        .zip(&ng)
        .map(|(c, &t)| c.iter().map(|x| x / t).collect())
        .collect();
    let rf = r as f64;
    let pbar: Vec<f64> = (0..q)
        .map(|k| pgk.iter().map(|pg| pg[k]).sum::<f64>() / rf)
        .collect();
    let mut pe = 0.0;
    for k in 0..q {
        for l in 0..q {
            let cross: f64 = pgk.iter().map(|pg| pg[k] * pg[l]).sum();
            let s2 = (cross - rf * pbar[k] * pbar[l]) / (rf - 1.0);
            pe += w(k, l) * (pbar[k] * pbar[l] - s2 / rf);
        }
    }
    Some(CongerParts {
        pa,
        pe,
        n,
        n2,
        ng,
        pgk,
        pbar,
        per_unit,
    })
}

/// Conger's kappa with its SE (conger.kappa.raw). For two coders with no missing ratings it is
/// Cohen's kappa. `None` if fewer than two coders, q < 2 or no unit has two ratings.
pub(super) fn conger_kappa(p: &Patterns, weights: &[f64], s: &Sampling) -> Option<Estimate> {
    let (q, r) = (p.categories, p.coders);
    let CongerParts {
        pa,
        pe,
        n,
        n2,
        ng,
        pgk,
        pbar,
        per_unit,
    } = conger_parts(p, weights)?;
    let w = |k: usize, l: usize| weights[k * q + l];
    let rf = r as f64;
    if (1.0 - pe).abs() < 1e-15 {
        return None;
    }
    let kappa = (pa - pe) / (1.0 - pe);
    // λ_ig = (n/n_g)[ε_ig B_g(c_ig) − (ε_ig − n_g/n) C_g] with A_gk = r p̄_k − p_gk,
    // B_g(c) = Σ_k w_kc A_gk and C_g = Σ_k (Σ_l w_kl p_gl) A_gk.
    let a: Vec<Vec<f64>> = pgk
        .iter()
        .map(|pg| (0..q).map(|k| rf * pbar[k] - pg[k]).collect())
        .collect();
    let b: Vec<Vec<f64>> = a
        .iter()
        .map(|ag| {
            (0..q)
                .map(|c| (0..q).map(|k| w(k, c) * ag[k]).sum())
                .collect()
        })
        .collect();
    let c: Vec<f64> = (0..r)
        .map(|g| {
            (0..q)
                .map(|k| (0..q).map(|l| w(k, l) * pgk[g][l]).sum::<f64>() * a[g][k])
                .sum()
        })
        .collect();
    let mut ss = 0.0;
    for (j, &(count, ri, pa_i)) in per_unit.iter().enumerate() {
        let row = p.row(j);
        let lambda: f64 = (0..r)
            .map(|g| {
                let (eps, bg) = if row[g] == MISSING {
                    (0.0, 0.0)
                } else {
                    (1.0, b[g][row[g] as usize])
                };
                (n / ng[g]) * (eps * bg - (eps - ng[g] / n) * c[g])
            })
            .sum();
        let pe_i = lambda / (rf * (rf - 1.0));
        let r2 = if ri >= 2.0 { pe } else { 0.0 };
        let x =
            (n / n2) * (pa_i - r2) / (1.0 - pe) - 2.0 * (1.0 - kappa) * (pe_i - pe) / (1.0 - pe);
        ss += count * (x - kappa).powi(2);
    }
    s.estimate(kappa, ss, n, n - 1.0)
}

/// A two-coder contingency table (`table[k][l]`: units coder A put in k and coder B in l).
pub(super) fn pair_table(p: &Patterns) -> Option<Vec<Vec<f64>>> {
    if p.coders != 2 {
        return None;
    }
    let q = p.categories;
    let mut t = vec![vec![0.0; q]; q];
    let mut any = false;
    for j in 0..p.len() {
        let row = p.row(j);
        if row[0] != MISSING && row[1] != MISSING {
            t[row[0] as usize][row[1] as usize] += p.counts[j] as f64;
            any = true;
        }
    }
    any.then_some(t)
}

/// Cohen's (weighted) kappa or Scott's pi from a q × q table with Gwet's variance
/// (kappa2.table / scott2.table).
pub(super) fn two_coder(
    table: &[Vec<f64>],
    weights: &[f64],
    scott: bool,
    s: &Sampling,
) -> Option<Estimate> {
    let q = table.len();
    if q < 2 || weights.len() != q * q {
        return None;
    }
    let w = |k: usize, l: usize| weights[k * q + l];
    let n: f64 = table.iter().flatten().sum();
    if n <= 0.0 {
        return None;
    }
    let row: Vec<f64> = table.iter().map(|r| r.iter().sum::<f64>() / n).collect();
    let col: Vec<f64> = (0..q)
        .map(|l| table.iter().map(|r| r[l]).sum::<f64>() / n)
        .collect();
    let pi: Vec<f64> = row.iter().zip(&col).map(|(a, b)| (a + b) / 2.0).collect();
    let (m1, m2) = if scott { (&pi, &pi) } else { (&row, &col) };
    let mut pa = 0.0;
    let mut pe = 0.0;
    for k in 0..q {
        for l in 0..q {
            pa += w(k, l) * table[k][l] / n;
            pe += w(k, l) * m1[k] * m2[l];
        }
    }
    if (1.0 - pe).abs() < 1e-15 {
        return None;
    }
    let kappa = (pa - pe) / (1.0 - pe);
    // p̄_{+k} = Σ_l w_kl p_{+l}, p̄_{l+} = Σ_k w_kl p_{k+}; Scott's averages the two.
    let pb_k: Vec<f64> = (0..q)
        .map(|k| (0..q).map(|l| w(k, l) * col[l]).sum())
        .collect();
    let pbl_: Vec<f64> = (0..q)
        .map(|l| (0..q).map(|k| w(k, l) * row[k]).sum())
        .collect();
    let pbk: Vec<f64> = pb_k.iter().zip(&pbl_).map(|(a, b)| (a + b) / 2.0).collect();
    let mut sum1 = 0.0;
    for k in 0..q {
        for l in 0..q {
            let term = if scott {
                pbk[k] + pbk[l]
            } else {
                pb_k[k] + pbl_[l]
            };
            sum1 += table[k][l] / n * (w(k, l) - (1.0 - kappa) * term).powi(2);
        }
    }
    let var = s
        .population
        .map_or(1.0, |big| (1.0 - n / big as f64).max(0.0))
        / (n * (1.0 - pe).powi(2))
        * (sum1 - (pa - 2.0 * (1.0 - kappa) * pe).powi(2));
    let se = (n >= 2.0).then(|| var.max(1e-100).sqrt());
    Some(s.with_se(finite(kappa)?, se, n - 1.0))
}
