//! Rule 2: one bloc in one session, decided the way the referential says for that bloc —
//! by what replaced its exams, by its mark, by its competences or by a certificate — after
//! the consequences of any status among its exams (an absence, a fraud, an exemption).

use super::rules::{Reason, Verdict};
use crate::model::{
    Bloc, BlocValidation, Consequence, ItemResult, Outcome, Rules, Scope, Status, fmt_against,
    fmt_number, reaches,
};

/// A bloc's outcome in one session.
#[derive(Debug, Clone, PartialEq)]
pub struct BlocVerdict {
    pub verdict: Verdict,
    /// The mark counted (penalties applied), when the bloc is marked.
    pub mark: Option<f64>,
    /// The points that apply: the bloc's, less those of exempted exams.
    pub applicable: Option<f64>,
    /// Under the eliminatory minimum.
    pub eliminatory: bool,
    /// Failed by a status whose consequence is that the bloc is not validated: unlike a
    /// low mark, no total can make up for it.
    pub blocks_title: bool,
    pub reasons: Vec<Reason>,
}

impl BlocVerdict {
    pub fn undecided(reasons: Vec<Reason>) -> BlocVerdict {
        BlocVerdict {
            verdict: Verdict::Undecided,
            mark: None,
            applicable: None,
            eliminatory: false,
            blocks_title: false,
            reasons,
        }
    }

    fn decided(validated: bool, reasons: Vec<Reason>) -> BlocVerdict {
        BlocVerdict {
            verdict: if validated {
                Verdict::Validated
            } else {
                Verdict::NotValidated
            },
            ..BlocVerdict::undecided(reasons)
        }
    }
}

/// One exam of the bloc and its result in effect.
#[derive(Debug, Clone, Copy)]
pub struct Exam<'a> {
    pub id: &'a str,
    pub points: Option<u32>,
    /// Under it, the mark is eliminatory for the bloc.
    pub minimum: Option<u32>,
    pub result: Option<&'a ItemResult>,
}

/// What a bloc is decided on, in one session.
#[derive(Debug, Clone)]
pub struct BlocCase<'a> {
    pub bloc: &'a Bloc,
    pub exams: Vec<Exam<'a>>,
    /// A result given to the bloc itself (a mark, a certificate's verdict, a status).
    pub whole: Option<&'a ItemResult>,
    /// What replaced its exams (its title) and its result.
    pub substitute: Option<(&'a str, &'a ItemResult)>,
    /// `(ID, verdict)` of its competences, in reading order.
    pub competences: &'a [(&'a str, Verdict)],
}

/// The consequence a status has in `scope`: the referential's, or refolio's default
/// (not validated) with a reason saying the referential does not state it.
pub fn consequence(
    rules: &Rules,
    scope: Scope,
    status: Status,
    item: &str,
    reasons: &mut Vec<Reason>,
) -> Consequence {
    let stated = rules.status_rule(scope, status).map(|r| r.consequence);
    let key = match stated {
        Some(Consequence::Zero) => "reason_status_zero",
        Some(_) => "reason_status",
        None => "default_status",
    };
    reasons.push(
        Reason::new(key, &[("item", item.to_owned())])
            .label("status", status.label_key())
            .label(
                "consequence",
                consequence_key(stated.unwrap_or(Consequence::NotValidated), scope),
            ),
    );
    stated.unwrap_or(Consequence::NotValidated)
}

/// The message key of a consequence, as it reads for items of `scope`.
pub fn consequence_key(c: Consequence, scope: Scope) -> &'static str {
    match (c, scope) {
        (Consequence::Zero, _) => "consequence_zero",
        (Consequence::NotValidated, Scope::Exams) => "consequence_not_validated_exams",
        (Consequence::NotValidated, Scope::Professional) => {
            "consequence_not_validated_professional"
        }
        (Consequence::NotValidated, Scope::Modules) => "consequence_not_validated",
        (Consequence::SessionVoid, _) => "consequence_session_void",
    }
}

/// How `bloc` is validated: as its referential says, else by its mark when it has points
/// and the referential a pass percentage, else by its competences.
pub fn validation_mode(rules: &Rules, bloc: &Bloc) -> BlocValidation {
    bloc.validation.unwrap_or({
        if bloc.points.is_some() && rules.bloc_pass_percent.is_some() {
            BlocValidation::Points
        } else {
            BlocValidation::Competences
        }
    })
}

/// Rule 2. The order of the checks is the documents': a substitute replaces the exams; a
/// status decides before any mark; then the bloc's own way of validation.
pub fn bloc_outcome(rules: &Rules, case: &BlocCase) -> BlocVerdict {
    let bloc = case.bloc;
    let mut reasons = Vec::new();
    if let Some((title, result)) = case.substitute {
        reasons.push(Reason::new(
            "reason_substitute",
            &[("title", title.to_owned())],
        ));
        return by_result(
            rules,
            bloc,
            &format!("{} ({title})", bloc.id),
            result,
            reasons,
        );
    }
    if let Some(whole) = case.whole {
        return by_result(rules, bloc, &bloc.id, whole, reasons);
    }
    // Statuses among the exams: an exemption takes the exam out; any other decides.
    let mut exempted_points = 0u32;
    let mut zeroed: Vec<&str> = Vec::new();
    for exam in &case.exams {
        let Some(status) = exam.result.and_then(|r| r.outcome.status()) else {
            continue;
        };
        if status == Status::Exempted {
            exempted_points += exam.points.unwrap_or(0);
            let why = exam
                .result
                .and_then(|r| r.reason.clone())
                .unwrap_or_default();
            reasons.push(Reason::new(
                "reason_exam_exempted",
                &[("item", exam.id.to_owned()), ("reason", why)],
            ));
            continue;
        }
        match consequence(rules, Scope::Exams, status, exam.id, &mut reasons) {
            Consequence::Zero => zeroed.push(exam.id),
            Consequence::NotValidated | Consequence::SessionVoid => {
                let mut v = BlocVerdict::decided(false, reasons);
                v.blocks_title = true;
                return v;
            }
        }
    }
    for exam in &case.exams {
        if let Some(r) = exam.result {
            penalty_reason(exam.id, r, &mut reasons);
        }
    }
    let mode = validation_mode(rules, bloc);
    // The bloc's mark (the sum of its graded exams), whatever decides it: a points grid
    // counts it even for a bloc validated by its competences.
    let graded: Vec<&Exam> = case.exams.iter().filter(|e| e.points.is_some()).collect();
    // A zeroed exam counts 0; an exempted one 0 too, its points being out of the applicable
    // total.
    let counted = |e: &&Exam| {
        let exempted = e.result.and_then(|r| r.outcome.status()) == Some(Status::Exempted);
        if zeroed.contains(&e.id) || exempted {
            Some(0.0)
        } else {
            e.result.and_then(|r| r.outcome.points())
        }
    };
    let mark = if graded.is_empty() {
        None
    } else {
        graded.iter().map(counted).sum::<Option<f64>>()
    };
    let applicable = f64::from(bloc.points.unwrap_or(0).saturating_sub(exempted_points));
    // An exam under its own minimum is eliminatory for the bloc, whatever the others give;
    // its mark still counts in a points grid's total (which the bloc then keeps from the
    // title as a bloc under its minimum does).
    let under: Vec<(&str, f64, u32)> = case
        .exams
        .iter()
        .filter_map(|e| {
            let (min, mark) = (e.minimum?, e.result?.outcome.points()?);
            (!reaches(mark, f64::from(min))).then_some((e.id, mark, min))
        })
        .collect();
    if !under.is_empty() {
        for (id, mark, min) in under {
            reasons.push(Reason::new(
                "reason_exam_under_minimum",
                &[
                    ("item", id.to_owned()),
                    ("mark", fmt_against(mark, f64::from(min))),
                    ("minimum", min.to_string()),
                ],
            ));
        }
        let mut v = BlocVerdict::decided(false, reasons);
        v.eliminatory = true;
        v.mark = mark;
        v.applicable = Some(applicable);
        return v;
    }
    let mut verdict = match mode {
        BlocValidation::Points => return points_verdict(rules, bloc, mark, applicable, reasons),
        BlocValidation::Certificate => {
            let verdicts: Vec<bool> = case
                .exams
                .iter()
                .filter_map(|e| match e.result?.outcome {
                    Outcome::Verdict(v) => Some(v),
                    _ => None,
                })
                .collect();
            // A refusal decides; otherwise an exam still without its verdict leaves the bloc
            // waiting (it was decided on the exams given, as if the others did not exist).
            let unrecorded = case.exams.iter().any(|e| e.result.is_none());
            if verdicts.is_empty() || (unrecorded && verdicts.iter().all(|v| *v)) {
                reasons.push(Reason::new("reason_certificate_missing", &[]));
                return BlocVerdict::undecided(reasons);
            }
            let ok = verdicts.iter().all(|v| *v);
            reasons.push(Reason::new("reason_certificate", &[]).label("verdict", verdict_key(ok)));
            BlocVerdict::decided(ok, reasons)
        }
        BlocValidation::Competences => {
            if bloc.validation.is_none() {
                reasons.push(Reason::new("default_bloc_competences", &[]));
            }
            // The threshold its competences were judged by is another bloc's, extended.
            if let Some(d) = &rules.default_threshold
                && bloc.competence_threshold.is_none()
                && rules.competence_share().is_none()
                && !bloc.competences.is_empty()
            {
                reasons.push(
                    Reason::new(
                        "default_threshold_extended",
                        &[
                            ("from", d.from.clone()),
                            ("threshold", d.share.percent.to_string()),
                        ],
                    )
                    .label(
                        "kind",
                        if d.share.at_least {
                            "threshold_at_least"
                        } else {
                            "threshold_more_than"
                        },
                    ),
                );
            }
            let mut v = by_competences(case.competences, bloc.competences_share);
            reasons.append(&mut v.reasons);
            v.reasons = reasons;
            v
        }
    };
    if bloc.points.is_some() {
        verdict.mark = mark;
        verdict.applicable = Some(applicable);
    }
    verdict
}

fn verdict_key(ok: bool) -> &'static str {
    if ok {
        "verdict_validated"
    } else {
        "verdict_not_validated"
    }
}

fn penalty_reason(item: &str, r: &ItemResult, reasons: &mut Vec<Reason>) {
    if let Outcome::Mark {
        value,
        out_of,
        penalty: Some(p),
    } = r.outcome
    {
        let after = r.outcome.points().unwrap_or(value);
        reasons.push(Reason::new(
            "reason_penalty",
            &[
                ("item", item.to_owned()),
                ("mark", fmt_number(value)),
                ("points", fmt_number(out_of)),
                ("penalty", p.to_string()),
                ("after", fmt_number(after)),
            ],
        ));
    }
}

/// A bloc decided by one result: its own, or its substitute's.
fn by_result(
    rules: &Rules,
    bloc: &Bloc,
    item: &str,
    result: &ItemResult,
    mut reasons: Vec<Reason>,
) -> BlocVerdict {
    match result.outcome {
        Outcome::Verdict(ok) => {
            let key = if bloc.validation == Some(BlocValidation::Certificate) {
                "reason_certificate"
            } else {
                "reason_bloc_recorded"
            };
            reasons.push(
                Reason::new(key, &[("item", item.to_owned())]).label("verdict", verdict_key(ok)),
            );
            BlocVerdict::decided(ok, reasons)
        }
        Outcome::Status(Status::Exempted) => {
            let why = result.reason.clone().unwrap_or_default();
            reasons.push(Reason::new(
                "reason_exam_exempted",
                &[("item", item.to_owned()), ("reason", why)],
            ));
            // As every exam of it exempted: none of its points apply (a grid then scales
            // its pass mark to the points that do, instead of missing this bloc's mark).
            let mut v = BlocVerdict::decided(true, reasons);
            if bloc.points.is_some() {
                v.mark = Some(0.0);
                v.applicable = Some(0.0);
            }
            v
        }
        Outcome::Status(status) => {
            match consequence(rules, Scope::Exams, status, item, &mut reasons) {
                Consequence::Zero => {
                    let points = f64::from(bloc.points.unwrap_or(0));
                    points_verdict(rules, bloc, Some(0.0), points, reasons)
                }
                _ => {
                    let mut v = BlocVerdict::decided(false, reasons);
                    v.blocks_title = true;
                    v
                }
            }
        }
        Outcome::Mark { .. } => {
            penalty_reason(item, result, &mut reasons);
            let points = f64::from(bloc.points.unwrap_or(0));
            points_verdict(rules, bloc, result.outcome.points(), points, reasons)
        }
    }
}

/// A mark against the pass percentage of the points that apply, and the eliminatory
/// minimum in the same proportion (004 writes both as averages: 10/20, 8/20).
fn points_verdict(
    rules: &Rules,
    bloc: &Bloc,
    mark: Option<f64>,
    applicable: f64,
    mut reasons: Vec<Reason>,
) -> BlocVerdict {
    let points = bloc.points.unwrap_or(0);
    let Some(mark) = mark else {
        reasons.push(Reason::new(
            "reason_mark_missing",
            &[("points", points.to_string())],
        ));
        return BlocVerdict::undecided(reasons);
    };
    let Some(pass) = rules.bloc_pass_percent else {
        reasons.push(Reason::new(
            "reason_no_pass_percent",
            &[
                ("mark", fmt_number(mark)),
                ("points", fmt_number(applicable)),
            ],
        ));
        let mut v = BlocVerdict::undecided(reasons);
        v.mark = Some(mark);
        v.applicable = Some(applicable);
        return v;
    };
    let needed = applicable * f64::from(pass) / 100.0;
    let validated = reaches(mark, needed);
    let key = if validated {
        "reason_mark_reached"
    } else {
        "reason_mark_short"
    };
    reasons.push(Reason::new(
        key,
        &[
            ("mark", fmt_against(mark, needed)),
            ("points", fmt_number(applicable)),
            ("needed", fmt_number(needed)),
        ],
    ));
    let minimum = bloc
        .minimum
        .filter(|_| points > 0)
        .map(|min| f64::from(min) * applicable / f64::from(points));
    let eliminatory = minimum.is_some_and(|min| !reaches(mark, min));
    if let (true, Some(min)) = (eliminatory, minimum) {
        reasons.push(Reason::new(
            "reason_under_minimum",
            &[
                ("mark", fmt_against(mark, min)),
                ("minimum", fmt_number(min)),
            ],
        ));
    }
    BlocVerdict {
        mark: Some(mark),
        applicable: Some(applicable),
        eliminatory,
        ..BlocVerdict::decided(validated, reasons)
    }
}

/// A bloc by its competences: validated when all are (or at least `share` % of them),
/// not as soon as that can no longer be reached.
fn by_competences(competences: &[(&str, Verdict)], share: Option<u32>) -> BlocVerdict {
    let ids = |v: Verdict| {
        competences
            .iter()
            .filter(|(_, c)| *c == v)
            .map(|(id, _)| *id)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if competences.is_empty() {
        return BlocVerdict::undecided(vec![Reason::new("reason_bloc_nothing", &[])]);
    }
    if let Some(share) = share {
        let count = |v: Verdict| competences.iter().filter(|(_, c)| *c == v).count();
        let (total, validated) = (competences.len(), count(Verdict::Validated));
        let pending = count(Verdict::Undecided);
        let enough = |n: usize| n * 100 >= share as usize * total;
        let args = [
            ("validated", validated.to_string()),
            ("count", total.to_string()),
            ("share", share.to_string()),
        ];
        if enough(validated) {
            return BlocVerdict::decided(true, vec![Reason::new("reason_bloc_share", &args)]);
        }
        if !enough(validated + pending) {
            return BlocVerdict::decided(
                false,
                vec![Reason::new("reason_bloc_share_short", &args)],
            );
        }
        let pending = ids(Verdict::Undecided);
        return BlocVerdict::undecided(vec![Reason::new(
            "reason_bloc_pending",
            &[("ids", pending)],
        )]);
    }
    if competences.iter().any(|(_, v)| *v == Verdict::NotValidated) {
        let failed = ids(Verdict::NotValidated);
        return BlocVerdict::decided(
            false,
            vec![Reason::new("reason_bloc_failed", &[("ids", failed)])],
        );
    }
    if competences.iter().any(|(_, v)| *v == Verdict::Undecided) {
        let pending = ids(Verdict::Undecided);
        return BlocVerdict::undecided(vec![Reason::new(
            "reason_bloc_pending",
            &[("ids", pending)],
        )]);
    }
    let count = competences.len().to_string();
    BlocVerdict::decided(
        true,
        vec![Reason::new("reason_bloc_all", &[("count", count)])],
    )
}

#[cfg(test)]
#[path = "bloc_tests.rs"]
mod tests;
