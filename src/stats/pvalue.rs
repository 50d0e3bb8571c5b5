//! P values as journals print them: ".0155", "1.000", "<.001" (no leading zero).

/// The conventional significance level of the study tables.
pub const ALPHA: f64 = 0.05;

/// Whether `p` is significant at P < .05.
pub fn significant(p: f64) -> bool {
    p < ALPHA
}

/// Three significant digits (at most four decimals), no leading zero; "<.001" below .001 and
/// "1.000" for values that round to one.
pub fn format_p(p: f64) -> String {
    if !p.is_finite() {
        return "—".into();
    }
    if p < 0.001 {
        return "<.001".into();
    }
    let mut s = format!("{p:.4}");
    if s.as_str() >= "0.1" {
        s = format!("{p:.3}");
    }
    if s.starts_with('1') {
        return "1.000".into();
    }
    s.trim_start_matches('0').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_style() {
        assert_eq!(format_p(0.015_48), ".0155");
        assert_eq!(format_p(0.042_34), ".0423");
        assert_eq!(format_p(1.0), "1.000");
        assert_eq!(format_p(0.999_96), "1.000");
        assert_eq!(format_p(0.000_2), "<.001");
        assert_eq!(format_p(0.5), ".500");
        assert_eq!(format_p(0.485_7), ".486");
        assert_eq!(format_p(0.001_23), ".0012");
        assert_eq!(format_p(0.001), ".0010");
        assert_eq!(format_p(0.099_96), ".100");
        assert_eq!(format_p(f64::NAN), "—");
        assert!(significant(0.0499) && !significant(0.05));
    }
}
