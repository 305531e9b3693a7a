//! Every path of rule 1 (a competence from its criteria), each asserting the verdict and
//! its reasoning; rules 2 and 3 are tested beside `title.rs`.

use super::CriterionStatus::{Missing as M, NotValidated as N, Validated as V};
use super::*;
use crate::model::Share;

const E: CriterionStatus = CriterionStatus::Exempted { recorded: None };

fn keys(reasons: &[Reason]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.key).collect()
}

fn arg<'a>(reasons: &'a [Reason], key: &str, name: &str) -> &'a str {
    let r = reasons.iter().find(|r| r.key == key).expect(key);
    &r.args.iter().find(|(n, _)| *n == name).expect(name).1
}

#[test]
fn exactly_half_of_the_criteria_is_not_enough() {
    let (verdict, reasons) = competence_outcome(Some(Share::more_than(50)), &[V, V, N, N]);
    assert_eq!(verdict, Verdict::NotValidated);
    assert_eq!(keys(&reasons), ["reason_under_threshold"]);
    assert_eq!(arg(&reasons, "reason_under_threshold", "validated"), "2");
    assert_eq!(arg(&reasons, "reason_under_threshold", "counted"), "4");
    assert_eq!(arg(&reasons, "reason_under_threshold", "percent"), "50");
    let text = reasons[0].format("{validated}/{counted} = {percent} %, not over {threshold} %");
    assert_eq!(text, "2/4 = 50 %, not over 50 %");
}

#[test]
fn just_over_half_is_validated() {
    let (verdict, reasons) = competence_outcome(Some(Share::more_than(50)), &[V, V, V, N, N]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(keys(&reasons), ["reason_over_threshold"]);
    assert_eq!(arg(&reasons, "reason_over_threshold", "percent"), "60");
}

#[test]
fn an_exemption_flips_a_competence() {
    assert_eq!(
        competence_outcome(Some(Share::more_than(50)), &[V, V, N, N]).0,
        Verdict::NotValidated
    );
    let (verdict, reasons) = competence_outcome(Some(Share::more_than(50)), &[V, V, N, E]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(keys(&reasons), ["reason_exempted", "reason_over_threshold"]);
    assert_eq!(arg(&reasons, "reason_over_threshold", "counted"), "3");
    assert_eq!(arg(&reasons, "reason_over_threshold", "percent"), "66.67");
}

#[test]
fn without_threshold_every_counted_criterion_is_needed() {
    let (verdict, reasons) = competence_outcome(None, &[V, V, N]);
    assert_eq!(verdict, Verdict::NotValidated);
    // The rule is refolio's, not the certifier's, and the reasoning says so.
    assert_eq!(
        keys(&reasons),
        ["reason_not_all_criteria", "default_competence_all"]
    );
    let (verdict, reasons) = competence_outcome(None, &[V, V, E]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(
        keys(&reasons),
        [
            "reason_exempted",
            "reason_all_criteria",
            "default_competence_all"
        ]
    );
}

#[test]
fn a_missing_result_leaves_the_competence_undecided() {
    let (verdict, reasons) = competence_outcome(Some(Share::more_than(50)), &[V, V, V, M]);
    assert_eq!(verdict, Verdict::Undecided);
    assert_eq!(keys(&reasons), ["reason_criteria_missing"]);
    assert_eq!(arg(&reasons, "reason_criteria_missing", "missing"), "1");
}

#[test]
fn all_criteria_exempted_leaves_the_competence_to_the_jury() {
    let (verdict, reasons) = competence_outcome(Some(Share::more_than(50)), &[E, E]);
    // Whether the capacity stands without any criterion is the jury's judgement (001).
    assert_eq!(verdict, Verdict::Undecided);
    assert_eq!(
        keys(&reasons),
        [
            "reason_exempted",
            "reason_all_exempted",
            "reason_all_exempted_jury"
        ]
    );
}

#[test]
fn a_reason_fills_its_names_once_and_keeps_other_braces() {
    let reason = Reason::new(
        "reason_under_threshold",
        &[("a", "{b}".into()), ("b", "2".into())],
    );
    assert_eq!(reason.format("{a} et {b}"), "{b} et 2");
    assert_eq!(reason.format("{c} {a"), "{c} {a");
    assert_eq!(reason.format("{ {b}}"), "{ 2}");
    assert_eq!(reason.format("sans nom"), "sans nom");
    assert_eq!(reason.format("é{b}é"), "é2é");
}

#[test]
fn at_least_half_is_enough_when_the_referential_says_at_least() {
    let (verdict, reasons) = competence_outcome(Some(Share::at_least(50)), &[V, V, N, N]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(keys(&reasons), ["reason_at_least_reached"]);
    let (verdict, _) = competence_outcome(Some(Share::at_least(75)), &[V, V, N, N]);
    assert_eq!(verdict, Verdict::NotValidated);
}
