//! Builders shared by the unit tests of rules 2 and 3: results, blocs, and the rules of
//! source 004 as its "Grands principes" state them.

use super::bloc::{BlocCase, BlocVerdict, Exam, bloc_outcome};
use super::rules::Reason;
use super::title::{Condition, Decision, TitleBloc, certification_decision, professional};
use crate::diagnostics::Location;
use crate::model::{
    Bloc, Consequence, EvaluationPart, ItemResult, Outcome, ProfessionalEvaluation, Rules, Scope,
    Status, StatusRule,
};

pub fn keys(reasons: &[Reason]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.key).collect()
}

pub fn arg<'a>(reasons: &'a [Reason], key: &str, name: &str) -> &'a str {
    let r = reasons.iter().find(|r| r.key == key).expect(key);
    &r.args.iter().find(|(n, _)| *n == name).expect(name).1
}

pub fn result(outcome: Outcome) -> ItemResult {
    ItemResult {
        outcome,
        reason: None,
        date: None,
        jury: Vec::new(),
        at: Location::new("passport.yaml", None),
    }
}

pub fn mark(value: f64, out_of: u32) -> ItemResult {
    result(Outcome::Mark {
        value,
        out_of: f64::from(out_of),
        penalty: None,
    })
}

pub fn status(s: Status) -> ItemResult {
    result(Outcome::Status(s))
}

pub fn bloc(id: &str, points: Option<u32>, minimum: Option<u32>) -> Bloc {
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
pub fn rules_004() -> Rules {
    let stated = |scope, status, consequence, retake| StatusRule {
        scope,
        status,
        consequence,
        retake,
        counted: None,
        wait_months: None,
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

pub const GRID: [(&str, u32, u32); 4] = [
    ("B1", 100, 40),
    ("B2", 225, 90),
    ("B3", 250, 100),
    ("B4", 175, 70),
];

/// Each bloc of 004 given one whole result.
pub fn outcomes(rules: &Rules, results: [&ItemResult; 4]) -> Vec<BlocVerdict> {
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

pub fn decide(
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

pub fn pro(rules: &Rules, whole: Option<&ItemResult>) -> Condition {
    professional(rules, whole, &[])
}

/// An exam with points and a result.
pub fn exam<'a>(id: &'a str, points: u32, result: &'a ItemResult) -> Exam<'a> {
    Exam {
        id,
        points: Some(points),
        minimum: None,
        result: Some(result),
    }
}

/// A bloc decided on its exams alone.
pub fn case_of<'a>(bloc: &'a Bloc, exams: Vec<Exam<'a>>) -> BlocCase<'a> {
    BlocCase {
        bloc,
        exams,
        whole: None,
        substitute: None,
        competences: &[],
    }
}

/// 004 decided on four bloc marks and a professional evaluation, in points.
pub fn decide_004(marks: [f64; 4], professional_mark: f64) -> (Decision, Vec<Reason>) {
    let rules = rules_004();
    let results: Vec<ItemResult> = GRID
        .iter()
        .zip(marks)
        .map(|((_, points, _), m)| mark(m, *points))
        .collect();
    let o = outcomes(&rules, [&results[0], &results[1], &results[2], &results[3]]);
    let p = mark(professional_mark, 250);
    decide(
        &rules,
        &o,
        &pro(&rules, Some(&p)),
        &Condition::not_applicable(),
    )
}
