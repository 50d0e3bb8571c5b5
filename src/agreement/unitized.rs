//! Krippendorff's unitizing alpha (uα) for one category on a continuum (e.g. the
//! characters of a document), with two or more coders each marking spans.

use super::data::finite;

/// One section of a coder's segmentation of the continuum [0, L).
#[derive(Debug, Clone, Copy)]
struct Section {
    start: f64,
    len: f64,
    coded: bool,
}

impl Section {
    fn end(&self) -> f64 {
        self.start + self.len
    }
}

/// Krippendorff's unitizing alpha uα for one category (Krippendorff 2004,
/// "Measuring the reliability of qualitative text analysis data", Quality &
/// Quantity 38; also Content Analysis, 2nd ed., 2004; after Krippendorff 1995).
///
/// `continuum_len` is L (positions `0..L`, e.g. characters); `coders[i]` lists
/// coder i's half-open spans `(start, end)` for the category. Each coder's spans
/// split the continuum into coded sections and the uncoded gaps between them.
/// Overlapping spans of one coder are merged; adjacent spans stay separate
/// sections; empty spans (`start == end`) are ignored. A coder with no spans
/// marked the whole continuum as uncoded.
///
/// With m coders, sections g (coder i) and h (coder j), begin b, length l and
/// w = 1 for coded / 0 for uncoded sections, the difference is
/// * coded/coded, overlapping: δ² = (b_g − b_h)² + (b_g + l_g − b_h − l_h)²;
/// * coded g inside uncoded h: δ² = l_g² (and symmetrically l_h²);
/// * otherwise 0;
///
/// D_o = Σ_{i≠j} Σ_g Σ_h δ²_{ig,jh} / (m(m−1)L²), and, with N_c the number of
/// coded sections of all coders,
/// D_e = (2/L) Σ_coded g [ (N_c − 1)(2l_g³ − 3l_g² + l_g)/3
///                         + l_g² Σ_uncoded h, l_h ≥ l_g (l_h − l_g + 1) ]
///       / ( mL(mL − 1) − Σ_coded g l_g(l_g − 1) ),
/// uα = 1 − D_o/D_e. (This is the formula as implemented by DKPro Statistics'
/// `KrippendorffAlphaUnitizingAgreement`, which reproduces the book's example.)
///
/// `None` if L = 0, fewer than two coders, a span ends after L or starts after it
/// ends, or D_e = 0 (e.g. nobody coded anything).
pub fn unitized_alpha<S: AsRef<[(u64, u64)]>>(continuum_len: u64, coders: &[S]) -> Option<f64> {
    let (d_o, d_e) = unitized_disagreements(continuum_len, coders)?;
    if d_e.is_nan() || d_e <= 0.0 {
        return None;
    }
    finite(1.0 - d_o / d_e)
}

/// (D_o, D_e) of [`unitized_alpha`].
fn unitized_disagreements<S: AsRef<[(u64, u64)]>>(
    continuum_len: u64,
    coders: &[S],
) -> Option<(f64, f64)> {
    if continuum_len == 0 || coders.len() < 2 {
        return None;
    }
    let segmentations: Vec<Vec<Section>> = coders
        .iter()
        .map(|spans| segment(continuum_len, spans.as_ref()))
        .collect::<Option<_>>()?;
    let l = continuum_len as f64;
    let m = segmentations.len() as f64;

    let mut observed = 0.0;
    for (i, a) in segmentations.iter().enumerate() {
        for b in &segmentations[i + 1..] {
            observed += pair_disagreement(a, b);
        }
    }
    let d_o = 2.0 * observed / (m * (m - 1.0) * l * l);

    let all = segmentations.iter().flatten();
    let coded: Vec<f64> = all.clone().filter(|s| s.coded).map(|s| s.len).collect();
    let mut gaps: Vec<f64> = all.filter(|s| !s.coded).map(|s| s.len).collect();
    gaps.sort_by(f64::total_cmp);
    // suffix[i] = Σ gaps[i..]
    let mut suffix = vec![0.0; gaps.len() + 1];
    for i in (0..gaps.len()).rev() {
        suffix[i] = suffix[i + 1] + gaps[i];
    }
    let n_c = coded.len() as f64;
    let mut numerator = 0.0;
    let mut self_pairs = 0.0;
    for &lg in &coded {
        let first = gaps.partition_point(|&h| h < lg);
        let count = (gaps.len() - first) as f64;
        // Σ_{h ≥ l_g} (h − l_g + 1)
        let fits = suffix[first] - count * (lg - 1.0);
        numerator += (n_c - 1.0) * (2.0 * lg.powi(3) - 3.0 * lg * lg + lg) / 3.0 + lg * lg * fits;
        self_pairs += lg * (lg - 1.0);
    }
    let d_e = (2.0 / l) * numerator / (m * l * (m * l - 1.0) - self_pairs);
    Some((d_o, finite(d_e)?))
}

/// Sorted, merged segmentation of [0, L) into coded spans and uncoded gaps.
fn segment(continuum_len: u64, raw: &[(u64, u64)]) -> Option<Vec<Section>> {
    let mut spans: Vec<(u64, u64)> = Vec::with_capacity(raw.len());
    for &(start, end) in raw {
        if start > end || end > continuum_len {
            return None;
        }
        if start < end {
            spans.push((start, end));
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let section = |start: u64, end: u64, coded| Section {
        start: start as f64,
        len: (end - start) as f64,
        coded,
    };
    let mut sections = Vec::with_capacity(2 * merged.len() + 1);
    let mut pos = 0;
    for (start, end) in merged {
        if start > pos {
            sections.push(section(pos, start, false));
        }
        sections.push(section(start, end, true));
        pos = end;
    }
    if pos < continuum_len {
        sections.push(section(pos, continuum_len, false));
    }
    Some(sections)
}

/// Σ_g Σ_h δ²(g, h) over the sections of two coders. δ² is non-zero only for
/// overlapping sections, so a merge sweep over the two partitions visits every
/// relevant pair exactly once.
fn pair_disagreement(a: &[Section], b: &[Section]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let mut sum = 0.0;
    while i < a.len() && j < b.len() {
        let (g, h) = (a[i], b[j]);
        sum += section_delta(g, h);
        if g.end() < h.end() {
            i += 1;
        } else if h.end() < g.end() {
            j += 1;
        } else {
            i += 1;
            j += 1;
        }
    }
    sum
}

fn section_delta(g: Section, h: Section) -> f64 {
    let overlap = g.start < h.end() && h.start < g.end();
    match (g.coded, h.coded) {
        (true, true) if overlap => (g.start - h.start).powi(2) + (g.end() - h.end()).powi(2),
        (true, false) if h.start <= g.start && g.end() <= h.end() => g.len * g.len,
        (false, true) if g.start <= h.start && h.end() <= g.end() => h.len * h.len,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64, tol: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < tol)
    }

    /// Krippendorff (2004, Content Analysis 2nd ed., p. 254) example, as encoded
    /// in DKPro Statistics' `Krippendorff2004Test` (continuum 150..450 shifted to
    /// 0..300). Category "c": coder 1 spans 225+70, 370+30; coder 2 spans 220+80,
    /// 355+20, 400+20. Hand computation:
    /// * δ² sums: [75,145) vs [70,150): 5² + 5² = 50; [220,250) vs [205,225):
    ///   15² + 25² = 850; coder 2's [250,270) inside coder 1's gap [250,300): 20² =
    ///   400 → D_o = 2·1300/(2·1·300²) = 0.014444.
    /// * coded lengths 70, 30, 80, 20, 20 (N_c = 5); gaps 75, 75, 50, 70, 55, 25,
    ///   30; per-section terms 958860, 231340, 1339840, 118560, 118560 → sum
    ///   2767160 · 2/300 = 18447.73; denominator 600·599 − 12780 = 346620 →
    ///   D_e = 0.053222; uα = 1 − 0.014444/0.053222 = 0.7286.
    #[test]
    fn krippendorff_2004_book_example_category_c() {
        let coders = [
            vec![(75, 145), (220, 250)],
            vec![(70, 150), (205, 225), (250, 270)],
        ];
        let (d_o, d_e) = unitized_disagreements(300, &coders).unwrap();
        assert!((d_o - 1300.0 / 90000.0).abs() < 1e-12);
        assert!((d_e - (2767160.0 * 2.0 / 300.0) / 346620.0).abs() < 1e-12);
        assert_eq!(format!("{d_o:.4} {d_e:.4}"), "0.0144 0.0532");
        let a = unitized_alpha(300, &coders).unwrap();
        assert_eq!(format!("{a:.4}"), "0.7286");
    }

    /// Same example, category "k": both coders mark 180+60 and 300+50 → D_o = 0,
    /// D_e = 17016.13/347420 = 0.0490, uα = 1.
    #[test]
    fn krippendorff_2004_book_example_category_k() {
        let coders = [vec![(30, 90), (150, 200)], vec![(30, 90), (150, 200)]];
        let (d_o, d_e) = unitized_disagreements(300, &coders).unwrap();
        assert_eq!(d_o, 0.0);
        assert_eq!(format!("{d_e:.4}"), "0.0490");
        assert_eq!(unitized_alpha(300, &coders), Some(1.0));
    }

    /// L = 10; A codes [2,6), B codes [3,6).
    /// Sections A: U2 C4 U4; B: U3 C3 U4. Only the coded pair differs:
    /// δ² = (2−3)² + (6−6)² = 1 → D_o = 2·1/(2·1·100) = 0.01.
    /// N_c = 2, gaps 2, 4, 3, 4. l = 4: (2·64 − 48 + 4)/3 = 28, gaps ≥ 4 give
    /// 1 + 1 → 16·2 = 32; l = 3: (54 − 27 + 3)/3 = 10, gaps ≥ 3 give 2 + 1 + 2 → 9·5
    /// = 45. Numerator (2/10)(60 + 55) = 23; denominator 20·19 − (12 + 6) = 362.
    /// D_e = 23/362, uα = 1 − 0.01·362/23 = 1 − 3.62/23 ≈ 0.842609.
    #[test]
    fn hand_computed_shifted_start() {
        let a = unitized_alpha(10, &[vec![(2, 6)], vec![(3, 6)]]);
        assert!(close(a, 1.0 - 3.62 / 23.0, 1e-12), "{a:?}");
    }

    /// L = 10; A codes [2,4), B codes nothing. A's coded section lies inside B's
    /// single gap: δ² = 2² = 4 → D_o = 8/200 = 0.04. N_c = 1 (first term 0), gaps
    /// 2, 6, 10 all ≥ 2 → 4·(1 + 5 + 9) = 60; numerator (2/10)·60 = 12;
    /// denominator 380 − 2 = 378 → D_e = 12/378; uα = 1 − 0.04·378/12 = −0.26.
    #[test]
    fn hand_computed_missed_unit() {
        let none: Vec<(u64, u64)> = vec![];
        let a = unitized_alpha(10, &[vec![(2, 4)], none]);
        assert!(close(a, -0.26, 1e-12), "{a:?}");
    }

    #[test]
    fn overlapping_spans_merge_and_empty_spans_are_ignored() {
        let merged = unitized_alpha(10, &[vec![(2, 4), (3, 6), (8, 8)], vec![(3, 6)]]);
        assert_eq!(merged, unitized_alpha(10, &[vec![(2, 6)], vec![(3, 6)]]));
    }

    #[test]
    fn degenerate_inputs() {
        let empty: Vec<(u64, u64)> = vec![];
        assert_eq!(unitized_alpha(10, &[empty.clone(), empty.clone()]), None);
        assert_eq!(unitized_alpha(10, &[vec![(1, 3)]]), None);
        assert_eq!(unitized_alpha(0, &[empty.clone(), empty]), None);
        assert_eq!(unitized_alpha(10, &[vec![(1, 11)], vec![(1, 3)]]), None);
        assert_eq!(unitized_alpha(10, &[vec![(4, 3)], vec![(1, 3)]]), None);
        // Everyone codes the whole continuum: D_o = 0 and D_e > 0 (L ≥ 2) → 1.
        assert_eq!(unitized_alpha(5, &[vec![(0, 5)], vec![(0, 5)]]), Some(1.0));
        // L = 1 fully coded: D_e = 0 → undefined.
        assert_eq!(unitized_alpha(1, &[vec![(0, 1)], vec![(0, 1)]]), None);
    }
}
