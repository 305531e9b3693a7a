//! Rule 2, one test per rule of the documents: each asserts the verdict and the reasons'
//! keys (and, where a value matters, the value).

use super::super::bloc::{BlocCase, bloc_outcome};
use super::super::rules::Verdict;
use super::super::test_support::*;
use crate::model::{BlocValidation, Consequence, Outcome, Rules, Scope, Status, StatusRule};

#[test]
fn a_status_the_referential_does_not_state_gets_a_default_said_as_such() {
    let rules = Rules {
        bloc_pass_percent: Some(50),
        ..Rules::default()
    };
    let b = bloc("B1", Some(100), None);
    let absent = status(Status::NotSubmitted);
    let case = BlocCase {
        bloc: &b,
        exams: Vec::new(),
        whole: Some(&absent),
        substitute: None,
        competences: &[],
    };
    let v = bloc_outcome(&rules, &case);
    assert_eq!(v.verdict, Verdict::NotValidated);
    assert_eq!(keys(&v.reasons), ["default_status"]);
    assert!(v.reasons[0].is_default());
}

#[test]
fn a_zero_is_applied_only_where_the_referential_says_so() {
    // 004: "Toute absence injustifiée à une évaluation de contrôle continu est sanctionnée
    // par l'attribution d'un zéro": here declared for exams, to see the mark counted.
    let mut rules = rules_004();
    rules.statuses = vec![StatusRule {
        scope: Scope::Exams,
        status: Status::Absent,
        consequence: Consequence::Zero,
        retake: None,
        counted: None,
        wait_months: None,
    }];
    let b = bloc("B2", Some(225), Some(90));
    let (a, absent, c) = (mark(150.0, 150), status(Status::Absent), mark(25.0, 25));
    let case = case_of(
        &b,
        vec![
            exam("E2.1", 150, &a),
            exam("E2.2", 50, &absent),
            exam("E2.3", 25, &c),
        ],
    );
    let v = bloc_outcome(&rules, &case);
    assert_eq!(v.mark, Some(175.0));
    assert_eq!(v.verdict, Verdict::Validated);
    assert_eq!(
        keys(&v.reasons),
        ["reason_status_zero", "reason_mark_reached"]
    );
}

#[test]
fn a_fraud_is_passed_to_the_session_and_fails_the_bloc() {
    let rules = rules_004();
    let o = outcomes(
        &rules,
        [
            &status(Status::Fraud),
            &mark(225.0, 225),
            &mark(250.0, 250),
            &mark(175.0, 175),
        ],
    );
    assert_eq!(o[0].verdict, Verdict::NotValidated);
    assert_eq!(
        o[0].reasons[0].labels[1],
        ("consequence", "consequence_session_void")
    );
}

#[test]
fn an_exempted_exam_leaves_the_bloc_judged_on_the_points_that_apply() {
    let rules = rules_004();
    let b = bloc("B2", Some(225), Some(90));
    let mut exempted = status(Status::Exempted);
    exempted.reason = Some("avis du référent handicap".into());
    let (a, c) = (mark(80.0, 150), mark(10.0, 25));
    let case = case_of(
        &b,
        vec![
            exam("E2.1", 150, &a),
            exam("E2.2", 50, &exempted),
            exam("E2.3", 25, &c),
        ],
    );
    let v = bloc_outcome(&rules, &case);
    // 90 of the 175 points that apply: over half (87.5).
    assert_eq!(
        (v.verdict, v.mark, v.applicable),
        (Verdict::Validated, Some(90.0), Some(175.0))
    );
    assert_eq!(arg(&v.reasons, "reason_mark_reached", "needed"), "87.5");
    assert_eq!(
        arg(&v.reasons, "reason_exam_exempted", "reason"),
        "avis du référent handicap"
    );
}

#[test]
fn a_penalty_lowers_the_mark_counted() {
    let mut rules = rules_004();
    rules.penalties = vec![5, 10, 15];
    let b = bloc("B1", Some(100), Some(40));
    let penalised = result(Outcome::Mark {
        value: 52.0,
        out_of: 100.0,
        penalty: Some(10),
    });
    let case = case_of(&b, vec![exam("E1", 100, &penalised)]);
    let v = bloc_outcome(&rules, &case);
    assert_eq!(v.mark, Some(46.8));
    assert_eq!(v.verdict, Verdict::NotValidated);
    assert_eq!(keys(&v.reasons), ["reason_penalty", "reason_mark_short"]);
}

#[test]
fn a_certificate_bloc_is_decided_by_its_recorded_verdict() {
    // 004's bloc 5: "Obtention d'un certificat de compétences en entreprise (CCE)".
    let rules = rules_004();
    let mut b = bloc("B5", None, None);
    b.validation = Some(BlocValidation::Certificate);
    let pending = bloc_outcome(
        &rules,
        &BlocCase {
            bloc: &b,
            exams: Vec::new(),
            whole: None,
            substitute: None,
            competences: &[],
        },
    );
    assert_eq!(
        (pending.verdict, keys(&pending.reasons)),
        (Verdict::Undecided, vec!["reason_certificate_missing"])
    );
    let obtained = result(Outcome::Verdict(true));
    let v = bloc_outcome(
        &rules,
        &BlocCase {
            bloc: &b,
            exams: Vec::new(),
            whole: Some(&obtained),
            substitute: None,
            competences: &[],
        },
    );
    assert_eq!(
        (v.verdict, keys(&v.reasons)),
        (Verdict::Validated, vec!["reason_certificate"])
    );
}

#[test]
fn a_substitute_replaces_the_exams() {
    // 004: Executive candidates "substituer les épreuves de blocs par un portefeuille de
    // preuves".
    let rules = rules_004();
    let b = bloc("B1", Some(100), Some(40));
    let failed_exam = mark(10.0, 100);
    let portfolio = result(Outcome::Verdict(true));
    let case = BlocCase {
        bloc: &b,
        exams: vec![exam("E1", 100, &failed_exam)],
        whole: None,
        substitute: Some(("Portefeuille de preuves", &portfolio)),
        competences: &[],
    };
    let v = bloc_outcome(&rules, &case);
    assert_eq!(v.verdict, Verdict::Validated);
    assert_eq!(
        keys(&v.reasons),
        ["reason_substitute", "reason_bloc_recorded"]
    );
    assert_eq!(v.mark, None);
}

#[test]
fn a_bloc_not_stated_is_decided_by_its_competences_by_default() {
    let rules = Rules::default();
    let b = bloc("B1", None, None);
    let verdicts = [("C1", Verdict::Validated), ("C2", Verdict::Validated)];
    let v = bloc_outcome(
        &rules,
        &BlocCase {
            bloc: &b,
            exams: Vec::new(),
            whole: None,
            substitute: None,
            competences: &verdicts,
        },
    );
    assert_eq!(v.verdict, Verdict::Validated);
    assert_eq!(
        keys(&v.reasons),
        ["default_bloc_competences", "reason_bloc_all"]
    );
    let mut stated = bloc("B2", None, None);
    stated.validation = Some(BlocValidation::Competences);
    let v = bloc_outcome(
        &rules,
        &BlocCase {
            bloc: &stated,
            exams: Vec::new(),
            whole: None,
            substitute: None,
            competences: &verdicts,
        },
    );
    assert_eq!(keys(&v.reasons), ["reason_bloc_all"]);
}

#[test]
fn a_bloc_validated_by_its_competences_still_gives_its_mark_to_the_grid() {
    let rules = rules_004();
    let mut b = bloc("B1", Some(100), Some(40));
    b.validation = Some(BlocValidation::Competences);
    let m = mark(30.0, 100);
    let verdicts = [("C1", Verdict::Validated)];
    let case = BlocCase {
        bloc: &b,
        exams: vec![exam("E1", 100, &m)],
        whole: None,
        substitute: None,
        competences: &verdicts,
    };
    let v = bloc_outcome(&rules, &case);
    assert_eq!(
        (v.verdict, v.mark, v.applicable),
        (Verdict::Validated, Some(30.0), Some(100.0))
    );
    assert_eq!(keys(&v.reasons), ["reason_bloc_all"]);
}
