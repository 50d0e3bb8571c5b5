//! The quote rules: cuts, brackets, refused changes, a changed source, curly quotes.

use super::*;

const ORIGINAL: &str = "Dr. Patel and I both love running, so we talked about races a lot. \
                        He has always made time for me, even when his clinic was busy.";

#[test]
fn the_original_itself_is_allowed() {
    assert_eq!(check_display(ORIGINAL, ORIGINAL), Ok(()));
}

#[test]
fn trimming_with_an_ellipsis_is_allowed() {
    assert_eq!(
        check_display(
            ORIGINAL,
            "Dr. Patel and I both love running… He has always made time for me"
        ),
        Ok(())
    );
    assert_eq!(
        check_display(ORIGINAL, "we talked about races a lot…"),
        Ok(())
    );
    assert_eq!(
        check_display(
            ORIGINAL,
            "…always made time for me […] when his clinic was busy."
        ),
        Ok(())
    );
}

#[test]
fn brackets_may_replace_a_name_or_a_letter() {
    assert_eq!(
        check_display(
            ORIGINAL,
            "[My mentor] and I both love running… [H]e has always made time for me"
        ),
        Ok(())
    );
    assert_eq!(
        check_display("he has always been there", "[H]e has always been there"),
        Ok(())
    );
    // An added clarification replaces nothing.
    assert_eq!(
        check_display("it helped a lot", "it [the program] helped a lot"),
        Ok(())
    );
}

#[test]
fn typographic_and_straight_quotes_and_spacing_compare_equal() {
    assert_eq!(check_display("I don't know", "I don’t  know"), Ok(()));
}

#[test]
fn a_changed_word_is_refused_and_named() {
    assert_eq!(
        check_display(ORIGINAL, "Dr. Patel and I both hate running"),
        Err("hate running".into())
    );
    assert_eq!(
        check_display(
            ORIGINAL,
            "[My mentor] and I both love running. She has always made time"
        ),
        Err(". She has always made time".into())
    );
}

#[test]
fn a_cut_inside_needs_an_ellipsis() {
    assert!(check_display(ORIGINAL, "Dr. Patel and I talked about races a lot.").is_err());
    assert!(check_display(ORIGINAL, "Dr. Patel and I … talked about races a lot.").is_ok());
}

#[test]
fn a_bracket_cannot_hide_a_whole_sentence() {
    assert!(check_display(ORIGINAL, "Dr. Patel [said] even when his clinic was busy.").is_err());
}

#[test]
fn an_all_bracket_display_is_refused() {
    assert!(check_display(ORIGINAL, "[something else entirely]").is_err());
    assert!(check_display(ORIGINAL, "…").is_err());
}

fn unit(text: &str) -> Unit {
    Unit {
        id: "s:1".into(),
        source: "s".into(),
        case: Some("ME01".into()),
        prompt: None,
        speaker: None,
        time: None,
        line: 1,
        text: text.into(),
    }
}

#[test]
fn a_changed_source_is_noticed() {
    let q = Quote {
        unit: "s:1".into(),
        span: Some([0, 9]),
        text: None,
        original: Some("Dr. Patel".into()),
    };
    assert!(check_quote(&q, Some(&unit(ORIGINAL))).is_empty());
    let problems = check_quote(&q, Some(&unit("Dr. Singh and I both love running")));
    assert_eq!(
        problems,
        vec![QuoteProblem::SourceChanged {
            pinned: "Dr. Patel".into(),
            now: "Dr. Singh".into()
        }]
    );
    assert!(
        problems[0]
            .message()
            .contains("changed since it was pinned")
    );
    assert_eq!(check_quote(&q, None), vec![QuoteProblem::UnitMissing]);
    assert!(matches!(
        check_quote(&q, Some(&unit("Dr."))).as_slice(),
        [QuoteProblem::SpanInvalid(_)]
    ));
}

#[test]
fn a_display_beyond_the_rules_is_reported_with_the_quote() {
    let q = Quote {
        unit: "s:1".into(),
        span: None,
        text: Some("Dr. Patel and I love swimming".into()),
        original: Some(ORIGINAL.into()),
    };
    let problems = check_quote(&q, Some(&unit(ORIGINAL)));
    assert!(
        matches!(problems.as_slice(), [QuoteProblem::DisplayChanged { .. }]),
        "{problems:?}"
    );
}

#[test]
fn curly_quotes_are_added_on_the_way_out() {
    assert_eq!(
        curly("[H]e said \"yes\" and it's fine"),
        "“[H]e said ‘yes’ and it’s fine”"
    );
    assert_eq!(curly("  padded "), "“padded”");
}
