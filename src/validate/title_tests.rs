//! Rules 2 and 3, one test per rule of the documents: each asserts the verdict and the
//! reasons' keys (and, where a value matters, the value).

use super::super::bloc::{BlocCase, BlocVerdict, Exam, bloc_outcome};
use super::super::rules::{Reason, Verdict};
use super::*;
use crate::diagnostics::Location;
use crate::model::{
    Bloc, BlocValidation, Consequence, EvaluationPart, FinalInterview, ItemResult, Outcome,
    ProfessionalEvaluation, Rules, Scope, Status, StatusRule,
};

fn keys(reasons: &[Reason]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.key).collect()
}

fn arg<'a>(reasons: &'a [Reason], key: &str, name: &str) -> &'a str {
    let r = reasons.iter().find(|r| r.key == key).expect(key);
    &r.args.iter().find(|(n, _)| *n == name).expect(name).1
}

fn result(outcome: Outcome) -> ItemResult {
    ItemResult {
        outcome,
        reason: None,
        date: None,
        jury: Vec::new(),
        at: Location::new("passport.yaml", None),
    }
}

fn mark(value: f64, out_of: u32) -> ItemResult {
    result(Outcome::Mark {
        value,
        out_of: f64::from(out_of),
        penalty: None,
    })
}

fn status(s: Status) -> ItemResult {
    result(Outcome::Status(s))
}

fn bloc(id: &str, points: Option<u32>, minimum: Option<u32>) -> Bloc {
    Bloc {
        id: id.into(),
        points,
        minimum,
        ..Bloc::default()
    }
}

/// Source 004: 1000 points, pass at 500 ("10 de moyenne générale"), blocs validated at
/// 10/20 with an eliminatory 8/20, the professional evaluation 250 points at 10/20, and the
/// consequences its "En cas de non-présentation" paragraph gives.
fn rules_004() -> Rules {
    let stated = |scope, status, consequence, retake| StatusRule {
        scope,
        status,
        consequence,
        retake,
    };
    Rules {
        bloc_pass_percent: Some(50),
        total_points: Some(1000),
        pass_mark: Some(500),
        pass_average: Some((10.0, 20.0)),
        professional_evaluation: Some(ProfessionalEvaluation {
            points: 250,
            minimum: Some(125),
            parts: vec![
                EvaluationPart {
                    id: "ecrit".into(),
                    title: "Écrit".into(),
                    points: 75,
                },
                EvaluationPart {
                    id: "oral".into(),
                    title: "Oral".into(),
                    points: 125,
                },
                EvaluationPart {
                    id: "tuteur".into(),
                    title: "Évaluation tuteur".into(),
                    points: 50,
                },
            ],
            exemptible_routes: vec![crate::model::Route::Executive],
        }),
        partial_certification: Some(true),
        statuses: vec![
            stated(
                Scope::Exams,
                Status::Absent,
                Consequence::NotValidated,
                Some(false),
            ),
            stated(
                Scope::Exams,
                Status::AbsentExcused,
                Consequence::NotValidated,
                Some(true),
            ),
            stated(Scope::Exams, Status::Fraud, Consequence::SessionVoid, None),
            stated(
                Scope::Professional,
                Status::Absent,
                Consequence::NotValidated,
                None,
            ),
            stated(
                Scope::Professional,
                Status::NotSubmitted,
                Consequence::NotValidated,
                None,
            ),
        ],
        ..Rules::default()
    }
}

const GRID: [(&str, u32, u32); 4] = [
    ("B1", 100, 40),
    ("B2", 225, 90),
    ("B3", 250, 100),
    ("B4", 175, 70),
];

/// Each bloc of 004 given one whole result.
fn outcomes(rules: &Rules, results: [&ItemResult; 4]) -> Vec<BlocVerdict> {
    GRID.iter()
        .zip(results)
        .map(|((id, points, min), r)| {
            let b = bloc(id, Some(*points), Some(*min));
            let case = BlocCase {
                bloc: &b,
                exams: Vec::new(),
                whole: Some(r),
                substitute: None,
                competences: &[],
            };
            bloc_outcome(rules, &case)
        })
        .collect()
}

fn decide(
    rules: &Rules,
    outcomes: &[BlocVerdict],
    pro: &Condition,
    interview: &Condition,
) -> (Decision, Vec<Reason>) {
    let blocs: Vec<TitleBloc> = GRID
        .iter()
        .zip(outcomes)
        .map(|((id, points, _), outcome)| TitleBloc {
            id,
            presented: true,
            points: Some(*points),
            optional: false,
            outcome,
        })
        .collect();
    certification_decision(rules, &blocs, pro, interview)
}

fn pro(rules: &Rules, whole: Option<&ItemResult>) -> Condition {
    professional(rules, whole, &[])
}

#[test]
fn the_worked_example_of_004_gives_full_certification() {
    let rules = rules_004();
    let o = outcomes(
        &rules,
        [
            &mark(68.0, 100),
            &mark(140.0, 225),
            &mark(162.0, 250),
            &mark(100.0, 175),
        ],
    );
    let (decision, reasons) = decide(
        &rules,
        &o,
        &pro(&rules, Some(&mark(150.0, 250))),
        &Condition::not_applicable(),
    );
    assert_eq!(decision, Decision::Full);
    assert_eq!(arg(&reasons, "reason_total_reached", "total"), "620");
    assert_eq!(keys(&reasons).last(), Some(&"reason_full_grid"));
}

#[test]
fn an_absence_from_a_bloc_exam_is_not_a_zero_and_no_total_makes_up_for_it() {
    // 004: "la non-présentation à au moins une évaluation de bloc induit la non-validation
    // du bloc". With a 0, the other blocs carried the total to a full certification.
    let rules = rules_004();
    let o = outcomes(
        &rules,
        [
            &status(Status::Absent),
            &mark(225.0, 225),
            &mark(250.0, 250),
            &mark(175.0, 175),
        ],
    );
    assert_eq!(o[0].verdict, Verdict::NotValidated);
    assert!(o[0].blocks_title);
    assert_eq!(keys(&o[0].reasons), ["reason_status"]);
    let (decision, reasons) = decide(
        &rules,
        &o,
        &pro(&rules, Some(&mark(250.0, 250))),
        &Condition::not_applicable(),
    );
    assert_eq!(
        decision,
        Decision::Partial(vec!["B2".into(), "B3".into(), "B4".into()])
    );
    assert_eq!(arg(&reasons, "reason_bloc_blocks_title", "ids"), "B1");
}

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
    }];
    let b = bloc("B2", Some(225), Some(90));
    let (a, absent, c) = (mark(150.0, 150), status(Status::Absent), mark(25.0, 25));
    let case = BlocCase {
        bloc: &b,
        exams: vec![
            Exam {
                id: "E2.1",
                points: Some(150),
                result: Some(&a),
            },
            Exam {
                id: "E2.2",
                points: Some(50),
                result: Some(&absent),
            },
            Exam {
                id: "E2.3",
                points: Some(25),
                result: Some(&c),
            },
        ],
        whole: None,
        substitute: None,
        competences: &[],
    };
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
    let case = BlocCase {
        bloc: &b,
        exams: vec![
            Exam {
                id: "E2.1",
                points: Some(150),
                result: Some(&a),
            },
            Exam {
                id: "E2.2",
                points: Some(50),
                result: Some(&exempted),
            },
            Exam {
                id: "E2.3",
                points: Some(25),
                result: Some(&c),
            },
        ],
        whole: None,
        substitute: None,
        competences: &[],
    };
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
    let case = BlocCase {
        bloc: &b,
        exams: vec![Exam {
            id: "E1",
            points: Some(100),
            result: Some(&penalised),
        }],
        whole: None,
        substitute: None,
        competences: &[],
    };
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
        exams: vec![Exam {
            id: "E1",
            points: Some(100),
            result: Some(&failed_exam),
        }],
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
fn a_validated_substitute_without_points_leaves_the_grid_to_the_jury() {
    let rules = rules_004();
    let mut o = outcomes(
        &rules,
        [
            &mark(68.0, 100),
            &mark(140.0, 225),
            &mark(162.0, 250),
            &mark(100.0, 175),
        ],
    );
    o[0] = BlocVerdict {
        verdict: Verdict::Validated,
        mark: None,
        applicable: None,
        eliminatory: false,
        blocks_title: false,
        reasons: vec![],
    };
    let (decision, reasons) = decide(
        &rules,
        &o,
        &pro(&rules, Some(&mark(150.0, 250))),
        &Condition::not_applicable(),
    );
    assert_eq!(decision, Decision::Undecided);
    assert_eq!(arg(&reasons, "reason_substitute_no_points", "ids"), "B1");
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
fn not_presenting_the_defence_refuses_the_title_and_keeps_the_blocs() {
    // 004: "la non-présentation à la soutenance, induisent la non-obtention de la
    // certification, le candidat conserve le bénéfice des blocs".
    let rules = rules_004();
    let o = outcomes(
        &rules,
        [
            &mark(68.0, 100),
            &mark(140.0, 225),
            &mark(162.0, 250),
            &mark(100.0, 175),
        ],
    );
    let (ecrit, oral, tuteur) = (mark(60.0, 75), status(Status::Absent), mark(40.0, 50));
    let p = professional(
        &rules,
        None,
        &[
            ("ecrit", 75, Some(&ecrit)),
            ("oral", 125, Some(&oral)),
            ("tuteur", 50, Some(&tuteur)),
        ],
    );
    assert_eq!(p.standing, Standing::Failed);
    let (decision, reasons) = decide(&rules, &o, &p, &Condition::not_applicable());
    assert_eq!(
        decision,
        Decision::Partial(vec!["B1".into(), "B2".into(), "B3".into(), "B4".into()])
    );
    assert!(keys(&reasons).contains(&"reason_status"));
}

#[test]
fn the_professional_parts_add_up() {
    let rules = rules_004();
    let (ecrit, oral, tuteur) = (mark(40.0, 75), mark(60.0, 125), mark(30.0, 50));
    let p = professional(
        &rules,
        None,
        &[
            ("ecrit", 75, Some(&ecrit)),
            ("oral", 125, Some(&oral)),
            ("tuteur", 50, Some(&tuteur)),
        ],
    );
    assert_eq!((p.standing, p.mark), (Standing::Met, Some(130.0)));
    let missing = professional(
        &rules,
        None,
        &[
            ("ecrit", 75, Some(&ecrit)),
            ("oral", 125, None),
            ("tuteur", 50, Some(&tuteur)),
        ],
    );
    assert_eq!(missing.standing, Standing::Pending);
    assert_eq!(arg(&missing.reasons, "reason_parts_missing", "ids"), "oral");
}

#[test]
fn an_exempted_professional_evaluation_scales_the_pass_mark_to_the_stated_average() {
    // 004 exempts employees from the professional evaluation; "10 de moyenne générale"
    // then applies to the 750 points left.
    let rules = rules_004();
    let o = outcomes(
        &rules,
        [
            &mark(50.0, 100),
            &mark(120.0, 225),
            &mark(130.0, 250),
            &mark(90.0, 175),
        ],
    );
    let mut exempted = status(Status::Exempted);
    exempted.reason = Some("salarié, positionnement".into());
    let p = pro(&rules, Some(&exempted));
    assert_eq!(p.excluded, 250);
    let (decision, reasons) = decide(&rules, &o, &p, &Condition::not_applicable());
    assert_eq!(decision, Decision::Full);
    assert_eq!(arg(&reasons, "reason_pass_scaled", "needed"), "375");
    assert_eq!(arg(&reasons, "reason_total_reached", "total"), "390");
    // Without the average, refolio does not invent how the 500 of 1000 applies.
    let absolute = Rules {
        pass_average: None,
        ..rules_004()
    };
    let (decision, reasons) = decide(
        &absolute,
        &o,
        &pro(&absolute, Some(&exempted)),
        &Condition::not_applicable(),
    );
    assert_eq!(decision, Decision::Undecided);
    assert!(keys(&reasons).contains(&"reason_pass_not_scalable"));
}

#[test]
fn a_professional_minimum_counts_without_a_grid() {
    // The minimum was silently ignored when no points grid was set.
    let rules = Rules {
        professional_evaluation: Some(ProfessionalEvaluation {
            points: 20,
            minimum: Some(10),
            parts: vec![],
            exemptible_routes: vec![],
        }),
        all_blocs_stated: true,
        ..Rules::default()
    };
    let ok = BlocVerdict {
        verdict: Verdict::Validated,
        mark: None,
        applicable: None,
        eliminatory: false,
        blocks_title: false,
        reasons: vec![],
    };
    let blocs = [TitleBloc {
        id: "B1",
        presented: true,
        points: None,
        optional: false,
        outcome: &ok,
    }];
    let (decision, reasons) = certification_decision(
        &rules,
        &blocs,
        &pro(&rules, Some(&mark(8.0, 20))),
        &Condition::not_applicable(),
    );
    assert_eq!(decision, Decision::Partial(vec!["B1".into()]));
    assert!(keys(&reasons).contains(&"reason_professional_short"));
    assert!(keys(&reasons).contains(&"default_partial"));
}

fn grand_oral(minimum: Option<f64>) -> Rules {
    Rules {
        final_interview: Some(FinalInterview {
            title: "Grand oral".into(),
            required: true,
            points: minimum.map(|_| 20),
            minimum,
        }),
        ..Rules::default()
    }
}

#[test]
fn a_required_final_interview_is_a_condition_of_the_title() {
    let ok = BlocVerdict {
        verdict: Verdict::Validated,
        mark: None,
        applicable: None,
        eliminatory: false,
        blocks_title: false,
        reasons: vec![],
    };
    let blocs = [TitleBloc {
        id: "B1",
        presented: true,
        points: None,
        optional: false,
        outcome: &ok,
    }];
    let rules = grand_oral(None);
    let none = Condition::not_applicable();
    let (decision, reasons) =
        certification_decision(&rules, &blocs, &none, &interview(&rules, None));
    assert_eq!(decision, Decision::Undecided);
    assert!(keys(&reasons).contains(&"reason_interview_missing"));
    let failed = result(Outcome::Verdict(false));
    let (decision, _) =
        certification_decision(&rules, &blocs, &none, &interview(&rules, Some(&failed)));
    assert_eq!(decision, Decision::Partial(vec!["B1".into()]));
    let passed = result(Outcome::Verdict(true));
    let (decision, reasons) =
        certification_decision(&rules, &blocs, &none, &interview(&rules, Some(&passed)));
    assert_eq!(decision, Decision::Full);
    assert_eq!(
        keys(&reasons),
        [
            "reason_full_all_blocs",
            "default_all_blocs",
            "reason_interview"
        ]
    );
    // A mark without a minimum decides nothing: the jury does.
    let marked = interview(&rules, Some(&mark(14.0, 20)));
    assert_eq!(marked.standing, Standing::Pending);
    let with_min = grand_oral(Some(10.0));
    assert_eq!(
        interview(&with_min, Some(&mark(9.0, 20))).standing,
        Standing::Failed
    );
}

#[test]
fn an_optional_bloc_is_not_needed_for_the_title() {
    let rules = Rules::default();
    let ok = BlocVerdict {
        verdict: Verdict::Validated,
        mark: None,
        applicable: None,
        eliminatory: false,
        blocks_title: false,
        reasons: vec![],
    };
    let pending = BlocVerdict::undecided(vec![]);
    let blocs = [
        TitleBloc {
            id: "B1",
            presented: true,
            points: None,
            optional: false,
            outcome: &ok,
        },
        TitleBloc {
            id: "B5",
            presented: false,
            points: None,
            optional: true,
            outcome: &pending,
        },
    ];
    let none = Condition::not_applicable();
    let (decision, reasons) = certification_decision(&rules, &blocs, &none, &none);
    assert_eq!(decision, Decision::Full);
    assert_eq!(arg(&reasons, "reason_optional_blocs", "ids"), "B5");
}

#[test]
fn eliminatory_and_low_blocs_of_004() {
    let rules = rules_004();
    // B1 at 7/20 (35 of 100, under 40) is eliminatory: partial, B1 not kept.
    let o = outcomes(
        &rules,
        [
            &mark(35.0, 100),
            &mark(200.0, 225),
            &mark(200.0, 250),
            &mark(150.0, 175),
        ],
    );
    let (decision, reasons) = decide(
        &rules,
        &o,
        &pro(&rules, Some(&mark(200.0, 250))),
        &Condition::not_applicable(),
    );
    assert_eq!(
        decision,
        Decision::Partial(vec!["B2".into(), "B3".into(), "B4".into()])
    );
    assert_eq!(arg(&reasons, "reason_eliminatory", "ids"), "B1");
    // B1 at 9/20 (45): not validated but not eliminatory; the total carries the title.
    let o = outcomes(
        &rules,
        [
            &mark(45.0, 100),
            &mark(200.0, 225),
            &mark(200.0, 250),
            &mark(150.0, 175),
        ],
    );
    let (decision, _) = decide(
        &rules,
        &o,
        &pro(&rules, Some(&mark(200.0, 250))),
        &Condition::not_applicable(),
    );
    assert_eq!(decision, Decision::Full);
}
