//! Every path of the three rules, each asserting the verdict and its reasoning.

use super::CriterionStatus::{Exempted as E, Missing as M, NotValidated as N, Validated as V};
use super::*;
use crate::model::{ProfessionalEvaluation, Rules};

fn keys(reasons: &[Reason]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.key).collect()
}

fn arg<'a>(reasons: &'a [Reason], key: &str, name: &str) -> &'a str {
    let r = reasons.iter().find(|r| r.key == key).expect(key);
    &r.args.iter().find(|(n, _)| *n == name).expect(name).1
}

fn threshold(t: u32) -> Rules {
    Rules {
        competence_threshold: Some(t),
        ..Rules::default()
    }
}

#[test]
fn exactly_half_of_the_criteria_is_not_enough() {
    let (verdict, reasons) = competence_outcome(&threshold(50), &[V, V, N, N]);
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
    let (verdict, reasons) = competence_outcome(&threshold(50), &[V, V, V, N, N]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(keys(&reasons), ["reason_over_threshold"]);
    assert_eq!(arg(&reasons, "reason_over_threshold", "percent"), "60");
}

#[test]
fn an_exemption_flips_a_competence() {
    let rules = threshold(50);
    assert_eq!(
        competence_outcome(&rules, &[V, V, N, N]).0,
        Verdict::NotValidated
    );
    let (verdict, reasons) = competence_outcome(&rules, &[V, V, N, E]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(keys(&reasons), ["reason_exempted", "reason_over_threshold"]);
    assert_eq!(arg(&reasons, "reason_over_threshold", "counted"), "3");
    assert_eq!(arg(&reasons, "reason_over_threshold", "percent"), "66.67");
}

#[test]
fn without_threshold_every_counted_criterion_is_needed() {
    let rules = Rules::default();
    let (verdict, reasons) = competence_outcome(&rules, &[V, V, N]);
    assert_eq!(verdict, Verdict::NotValidated);
    assert_eq!(keys(&reasons), ["reason_not_all_criteria"]);
    let (verdict, reasons) = competence_outcome(&rules, &[V, V, E]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(keys(&reasons), ["reason_exempted", "reason_all_criteria"]);
}

#[test]
fn a_missing_result_leaves_the_competence_undecided() {
    let (verdict, reasons) = competence_outcome(&threshold(50), &[V, V, V, M]);
    assert_eq!(verdict, Verdict::Undecided);
    assert_eq!(keys(&reasons), ["reason_criteria_missing"]);
    assert_eq!(arg(&reasons, "reason_criteria_missing", "missing"), "1");
}

#[test]
fn all_criteria_exempted_validates_by_exemption() {
    let (verdict, reasons) = competence_outcome(&threshold(50), &[E, E]);
    assert_eq!(verdict, Verdict::Validated);
    assert_eq!(keys(&reasons), ["reason_exempted", "reason_all_exempted"]);
}

fn bloc(points: Option<u32>, minimum: Option<u32>) -> Bloc {
    Bloc {
        points,
        minimum,
        ..Bloc::default()
    }
}

/// Source 004's grid: 1000 points, pass at 500, blocs at 8/20 minimum, professional
/// evaluation 250 points with 125 minimum.
fn grid() -> Rules {
    Rules {
        bloc_pass_percent: Some(50),
        total_points: Some(1000),
        pass_mark: Some(500),
        professional_evaluation: Some(ProfessionalEvaluation {
            points: 250,
            minimum: Some(125),
            parts: vec![],
        }),
        partial_certification: Some(true),
        ..Rules::default()
    }
}

const GRID: [(&str, u32, u32); 4] = [
    ("B1", 100, 40),
    ("B2", 225, 90),
    ("B3", 250, 100),
    ("B4", 175, 70),
];

/// Decides source 004 for the given bloc marks (in points) and professional evaluation.
fn decide_grid(
    marks: [Option<f64>; 4],
    professional: Option<f64>,
) -> (Decision, Vec<Reason>, Vec<BlocVerdict>) {
    let rules = grid();
    let outcomes: Vec<BlocVerdict> = GRID
        .iter()
        .zip(marks)
        .map(|((_, points, min), mark)| {
            bloc_outcome(&rules, &bloc(Some(*points), Some(*min)), mark, &[])
        })
        .collect();
    let inputs: Vec<BlocInput> = GRID
        .iter()
        .zip(&outcomes)
        .map(|((id, _, _), outcome)| BlocInput {
            id,
            presented: true,
            graded: true,
            outcome,
        })
        .collect();
    let (decision, reasons) = certification_decision(&rules, &inputs, professional);
    (decision, reasons, outcomes)
}

#[test]
fn a_bloc_mark_at_half_its_points_validates_it() {
    let outcome = bloc_outcome(&grid(), &bloc(Some(100), Some(40)), Some(50.0), &[]);
    assert_eq!(outcome.verdict, Verdict::Validated);
    assert!(!outcome.eliminatory);
    assert_eq!(keys(&outcome.reasons), ["reason_mark_reached"]);
    assert_eq!(arg(&outcome.reasons, "reason_mark_reached", "needed"), "50");
}

#[test]
fn the_worked_example_of_source_004_gives_full_certification() {
    let (decision, reasons, _) = decide_grid(
        [Some(60.0), Some(130.0), Some(140.0), Some(100.0)],
        Some(150.0),
    );
    assert_eq!(decision, Decision::Full);
    assert_eq!(
        keys(&reasons),
        [
            "reason_total_reached",
            "reason_professional_reached",
            "reason_full_grid"
        ]
    );
    assert_eq!(arg(&reasons, "reason_total_reached", "total"), "580");
}

#[test]
fn a_bloc_under_half_but_over_its_minimum_does_not_block_full_certification() {
    let (decision, _, outcomes) = decide_grid(
        [Some(45.0), Some(150.0), Some(150.0), Some(100.0)],
        Some(150.0),
    );
    assert_eq!(outcomes[0].verdict, Verdict::NotValidated);
    assert!(!outcomes[0].eliminatory);
    assert_eq!(decision, Decision::Full);
}

#[test]
fn a_bloc_under_its_minimum_blocks_full_certification_and_is_not_kept() {
    let (decision, reasons, outcomes) = decide_grid(
        [Some(35.0), Some(200.0), Some(200.0), Some(150.0)],
        Some(200.0),
    );
    assert!(outcomes[0].eliminatory);
    assert_eq!(
        keys(&outcomes[0].reasons),
        ["reason_mark_short", "reason_under_minimum"]
    );
    assert_eq!(
        keys(&reasons),
        [
            "reason_total_reached",
            "reason_professional_reached",
            "reason_eliminatory",
            "reason_partial"
        ]
    );
    assert_eq!(arg(&reasons, "reason_eliminatory", "ids"), "B1");
    assert_eq!(
        decision,
        Decision::Partial(vec!["B2".into(), "B3".into(), "B4".into()])
    );
}

#[test]
fn a_professional_evaluation_under_its_minimum_gives_partial_certification() {
    let (decision, reasons, _) = decide_grid(
        [Some(80.0), Some(200.0), Some(100.0), Some(150.0)],
        Some(100.0),
    );
    assert_eq!(arg(&reasons, "reason_professional_short", "minimum"), "125");
    assert_eq!(
        decision,
        Decision::Partial(vec!["B1".into(), "B2".into(), "B4".into()])
    );
}

#[test]
fn a_total_under_the_pass_mark_keeps_the_blocs_at_half_their_points() {
    let (decision, reasons, _) = decide_grid(
        [Some(50.0), Some(90.0), Some(100.0), Some(70.0)],
        Some(125.0),
    );
    assert_eq!(arg(&reasons, "reason_total_short", "total"), "435");
    assert_eq!(decision, Decision::Partial(vec!["B1".into()]));
}

#[test]
fn no_bloc_kept_means_not_awarded() {
    let (decision, reasons, _) = decide_grid(
        [Some(40.0), Some(90.0), Some(100.0), Some(70.0)],
        Some(125.0),
    );
    assert_eq!(decision, Decision::NotAwarded);
    assert_eq!(keys(&reasons).last(), Some(&"reason_no_bloc"));
}

#[test]
fn missing_marks_leave_the_decision_undecided() {
    let (decision, reasons, outcomes) =
        decide_grid([Some(60.0), None, Some(140.0), Some(100.0)], None);
    assert_eq!(outcomes[1].verdict, Verdict::Undecided);
    assert_eq!(keys(&outcomes[1].reasons), ["reason_mark_missing"]);
    assert_eq!(decision, Decision::Undecided);
    assert_eq!(
        keys(&reasons),
        ["reason_marks_missing", "reason_professional_missing"]
    );
    assert_eq!(arg(&reasons, "reason_marks_missing", "ids"), "B2");
}

fn by_competences(verdicts: &[Verdict]) -> BlocVerdict {
    let ids = ["C1", "C2", "C3"];
    let competences: Vec<(&str, Verdict)> =
        ids.iter().copied().zip(verdicts.iter().copied()).collect();
    bloc_outcome(&threshold(50), &bloc(None, None), None, &competences)
}

#[test]
fn a_bloc_without_points_needs_every_competence() {
    use Verdict::*;
    let all = by_competences(&[Validated, Validated, Validated]);
    assert_eq!(
        (all.verdict, keys(&all.reasons)),
        (Validated, vec!["reason_bloc_all"])
    );
    let failed = by_competences(&[Validated, NotValidated, Undecided]);
    assert_eq!(failed.verdict, NotValidated);
    assert_eq!(arg(&failed.reasons, "reason_bloc_failed", "ids"), "C2");
    let pending = by_competences(&[Validated, Undecided, Validated]);
    assert_eq!(pending.verdict, Undecided);
    assert_eq!(arg(&pending.reasons, "reason_bloc_pending", "ids"), "C2");
}

fn decide_by_competences(
    rules: &Rules,
    blocs: &[(&str, bool, Verdict)],
) -> (Decision, Vec<Reason>) {
    let outcomes: Vec<BlocVerdict> = blocs
        .iter()
        .map(|(_, _, v)| BlocVerdict {
            verdict: *v,
            mark: None,
            eliminatory: false,
            reasons: vec![],
        })
        .collect();
    let inputs: Vec<BlocInput> = blocs
        .iter()
        .zip(&outcomes)
        .map(|((id, presented, _), outcome)| BlocInput {
            id,
            presented: *presented,
            graded: false,
            outcome,
        })
        .collect();
    certification_decision(rules, &inputs, None)
}

#[test]
fn every_bloc_validated_gives_full_certification() {
    use Verdict::*;
    let (decision, reasons) = decide_by_competences(
        &threshold(50),
        &[("B1", true, Validated), ("B2", true, Validated)],
    );
    assert_eq!(decision, Decision::Full);
    assert_eq!(keys(&reasons), ["reason_full_all_blocs"]);
}

#[test]
fn a_failed_bloc_gives_partial_certification_unless_the_referential_forbids_it() {
    use Verdict::*;
    let blocs = [("B1", true, Validated), ("B2", true, NotValidated)];
    let (decision, reasons) = decide_by_competences(&threshold(50), &blocs);
    assert_eq!(decision, Decision::Partial(vec!["B1".into()]));
    assert_eq!(keys(&reasons), ["reason_blocs_failed", "reason_partial"]);
    let strict = Rules {
        partial_certification: Some(false),
        ..threshold(50)
    };
    let (decision, reasons) = decide_by_competences(&strict, &blocs);
    assert_eq!(decision, Decision::NotAwarded);
    assert_eq!(
        keys(&reasons),
        ["reason_blocs_failed", "reason_partial_not_allowed"]
    );
}

#[test]
fn presenting_some_blocs_only_can_give_partial_certification_only() {
    use Verdict::*;
    let blocs = [
        ("B1", true, Validated),
        ("B2", false, Undecided),
        ("B3", true, Validated),
    ];
    let (decision, reasons) = decide_by_competences(&Rules::default(), &blocs);
    assert_eq!(decision, Decision::Partial(vec!["B1".into(), "B3".into()]));
    assert_eq!(arg(&reasons, "reason_not_all_presented", "ids"), "B2");
}

#[test]
fn pending_blocs_leave_full_certification_undecided() {
    use Verdict::*;
    let blocs = [("B1", true, Validated), ("B2", true, Undecided)];
    let (decision, reasons) = decide_by_competences(&threshold(50), &blocs);
    assert_eq!(decision, Decision::Undecided);
    assert_eq!(keys(&reasons), ["reason_blocs_pending"]);
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
