//! The decision audit's seventh round, sentence by sentence: combinations the earlier
//! scenarios left out (a bloc validated in one session and another in a later one, an
//! absence then a make-up then the jury, a VAE candidate's partial title), marks summing
//! exactly to a threshold, and what 000 and 001 leave unsaid, each said as refolio's default.

use super::*;

/// "il conserve le bénéfice des blocs pour lesquels il a obtenu la moyenne, soit 10/20
/// (blocs validés)": B4's three exams at 9,1/20, 9,1/20 and 11,2/20 (on 50, 50 and 75
/// points) make 22.75 + 22.75 + 42 = 87.5 of 175, exactly 10/20. Summed in binary floating
/// point they made 87.49999999999999 and the bloc was refused ("Note 87.5/175, sous la
/// moyenne (87.5)").
#[test]
fn intl_exam_marks_summing_exactly_to_10_of_20_validate_the_bloc() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 40, B2: 90, B3: 100, E4.1: 9.1/20, E4.2: 9.1/20, E4.3: 11.2/20 }",
            GOOD_PRO,
        ),
    );
    assert_eq!(bloc(&c, "B4"), "validated", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Note 87.5/175, au moins la moyenne (87.5) : bloc validé."),
        "{}",
        all_text(&c)
    );
    // B1 to B3 at exactly 8/20 are kept by nobody ("soit 10/20"), and 150 + 327.5 < 500.
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B4"]);
}
