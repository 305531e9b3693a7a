//! Rule 3: the title. Full, partial or no certification from the blocs' outcomes, the
//! points grid when there is one, the professional evaluation and the final interview, each
//! with the consequences the referential gives to their statuses. Where the referential
//! states no rule, the reason says which default of refolio's applied.

use serde::Serialize;

use super::bloc::{BlocVerdict, consequence};
use super::company::{CompanyCondition, blocs_fate};
use super::rules::{Reason, Verdict};
use crate::model::{
    Consequence, ItemResult, Outcome, Rules, Scope, Status, fmt_against, fmt_number, reaches,
};

/// The certification decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "blocs", rename_all = "kebab-case")]
pub enum Decision {
    Full,
    /// The IDs of the blocs validated.
    Partial(Vec<String>),
    NotAwarded,
    Undecided,
}

/// What the title needs to know of one bloc of the referential.
#[derive(Debug, Clone, Copy)]
pub struct TitleBloc<'a> {
    pub id: &'a str,
    pub presented: bool,
    /// Its points in the grid; `None`: not part of it.
    pub points: Option<u32>,
    /// Not needed for the title (an optional specialisation).
    pub optional: bool,
    pub outcome: &'a BlocVerdict,
}

pub use super::condition::{Condition, Standing};

/// The professional evaluation: its whole result, or its parts `(ID, points, result)`.
pub fn professional(
    rules: &Rules,
    whole: Option<&ItemResult>,
    parts: &[(&str, u32, Option<&ItemResult>)],
) -> Condition {
    let Some(pro) = &rules.professional_evaluation else {
        return Condition::not_applicable();
    };
    let mut c = Condition {
        standing: Standing::Pending,
        mark: None,
        excluded: 0,
        reasons: Vec::new(),
    };
    let mark = match whole {
        Some(r) => scored(rules, "", pro.points, r, &mut c),
        None if parts.is_empty() => None,
        None => {
            let missing: Vec<&str> = parts
                .iter()
                .filter(|p| p.2.is_none())
                .map(|p| p.0)
                .collect();
            let marks: Vec<Option<f64>> = parts
                .iter()
                .filter_map(|(id, points, r)| r.map(|r| scored(rules, id, *points, r, &mut c)))
                .collect();
            if !missing.is_empty() {
                c.reasons.push(Reason::new(
                    "reason_parts_missing",
                    &[("ids", missing.join(", "))],
                ));
                None
            } else {
                marks.into_iter().sum()
            }
        }
    };
    if c.standing == Standing::Failed {
        return c;
    }
    if whole.is_none() && parts.iter().all(|p| p.2.is_none()) {
        c.reasons
            .push(Reason::new("reason_professional_missing", &[]));
        return c;
    }
    if c.excluded >= pro.points {
        c.standing = Standing::NotApplicable;
        return c;
    }
    let Some(mark) = mark else {
        return c;
    };
    c.mark = Some(mark);
    let applicable = f64::from(pro.points - c.excluded);
    let args = |min: f64| {
        vec![
            ("mark", fmt_against(mark, min)),
            ("points", fmt_number(applicable)),
            ("minimum", fmt_number(min)),
        ]
    };
    c.standing = match pro.minimum {
        Some(min) => {
            let min = f64::from(min) * applicable / f64::from(pro.points);
            let ok = reaches(mark, min);
            let key = if ok {
                "reason_professional_reached"
            } else {
                "reason_professional_short"
            };
            c.reasons.push(Reason::new(key, &args(min)));
            if ok { Standing::Met } else { Standing::Failed }
        }
        None => {
            c.reasons.push(Reason::new(
                "reason_professional_no_minimum",
                &[
                    ("mark", fmt_number(mark)),
                    ("points", fmt_number(applicable)),
                ],
            ));
            Standing::NotApplicable
        }
    };
    c
}

/// The final interview (Grand oral), when the referential declares it.
pub fn interview(rules: &Rules, result: Option<&ItemResult>) -> Condition {
    let Some(f) = &rules.final_interview else {
        return Condition::not_applicable();
    };
    let mut c = Condition::not_applicable();
    let title = || ("title", f.title.clone());
    let Some(r) = result else {
        if f.required {
            c.standing = Standing::Pending;
            c.reasons
                .push(Reason::new("reason_interview_missing", &[title()]));
        }
        return c;
    };
    let standing = match r.outcome {
        Outcome::Verdict(ok) => {
            let key = if ok {
                "verdict_validated"
            } else {
                "verdict_not_validated"
            };
            c.reasons
                .push(Reason::new("reason_interview", &[title()]).label("verdict", key));
            if ok { Standing::Met } else { Standing::Failed }
        }
        Outcome::Status(Status::Exempted) => {
            let why = r.reason.clone().unwrap_or_default();
            c.reasons.push(Reason::new(
                "reason_interview_exempted",
                &[title(), ("reason", why)],
            ));
            Standing::NotApplicable
        }
        Outcome::Status(s) => {
            match consequence(rules, Scope::Professional, s, &f.title, &mut c.reasons) {
                Consequence::Zero => marked(f.minimum, f.points, 0.0, &f.title, &mut c.reasons),
                _ => Standing::Failed,
            }
        }
        Outcome::Mark { .. } => {
            let mark = r.outcome.points().unwrap_or(0.0);
            c.mark = Some(mark);
            marked(f.minimum, f.points, mark, &f.title, &mut c.reasons)
        }
    };
    c.standing = if f.required || standing == Standing::NotApplicable {
        standing
    } else {
        Standing::NotApplicable
    };
    c
}

fn marked(
    minimum: Option<f64>,
    points: Option<u32>,
    mark: f64,
    title: &str,
    reasons: &mut Vec<Reason>,
) -> Standing {
    let points = points.unwrap_or(0).to_string();
    let Some(min) = minimum else {
        reasons.push(Reason::new(
            "reason_interview_no_minimum",
            &[
                ("title", title.to_owned()),
                ("mark", fmt_number(mark)),
                ("points", points),
            ],
        ));
        return Standing::Pending;
    };
    let ok = reaches(mark, min);
    let key = if ok {
        "reason_interview_mark_reached"
    } else {
        "reason_interview_mark_short"
    };
    reasons.push(Reason::new(
        key,
        &[
            ("title", title.to_owned()),
            ("mark", fmt_against(mark, min)),
            ("points", points),
            ("minimum", fmt_number(min)),
        ],
    ));
    if ok { Standing::Met } else { Standing::Failed }
}

/// Rule 3: full, partial or no certification.
pub fn certification_decision(
    rules: &Rules,
    blocs: &[TitleBloc],
    professional: &Condition,
    interview: &Condition,
) -> (Decision, Vec<Reason>) {
    title_decision(
        rules,
        blocs,
        professional,
        interview,
        &CompanyCondition::not_applicable(),
    )
}

/// [`certification_decision`] with the minimum period in company, a condition of the
/// title after the final interview.
pub fn title_decision(
    rules: &Rules,
    blocs: &[TitleBloc],
    professional: &Condition,
    interview: &Condition,
    company: &CompanyCondition,
) -> (Decision, Vec<Reason>) {
    let mut reasons = Vec::new();
    let ids = |f: &dyn Fn(&TitleBloc) -> bool| {
        blocs
            .iter()
            .filter(|b| f(b))
            .map(|b| b.id)
            .collect::<Vec<_>>()
    };
    let optional = ids(&|b| b.optional);
    if !optional.is_empty() {
        reasons.push(Reason::new(
            "reason_optional_blocs",
            &[("ids", optional.join(", "))],
        ));
    }
    let grid = rules.total_points.zip(rules.pass_mark);
    let absent = ids(&|b| !b.optional && !b.presented);
    let mut full = if !absent.is_empty() {
        reasons.push(Reason::new(
            "reason_not_all_presented",
            &[("ids", absent.join(", "))],
        ));
        Some(false)
    } else if let Some((total_points, pass_mark)) = grid {
        grid_full(
            rules,
            blocs,
            professional,
            total_points,
            pass_mark,
            &mut reasons,
        )
    } else {
        let failed = ids(&|b| !b.optional && b.outcome.verdict == Verdict::NotValidated);
        let pending = ids(&|b| !b.optional && b.outcome.verdict == Verdict::Undecided);
        if !failed.is_empty() {
            reasons.push(Reason::new(
                "reason_blocs_failed",
                &[("ids", failed.join(", "))],
            ));
            Some(false)
        } else if !pending.is_empty() {
            reasons.push(Reason::new(
                "reason_blocs_pending",
                &[("ids", pending.join(", "))],
            ));
            None
        } else {
            reasons.push(Reason::new("reason_full_all_blocs", &[]));
            Some(true)
        }
    };
    // Without a grid, that the title needs every bloc is the blocs' rule whatever they
    // gave (a bloc failed or missing decides the title as much as all validated).
    if grid.is_none() && !rules.all_blocs_stated {
        reasons.push(Reason::new("default_all_blocs", &[]));
    }
    // Without a grid, the professional evaluation's minimum is a condition of its own.
    if grid.is_none() {
        reasons.extend(professional.reasons.iter().cloned());
        full = combine(full, professional.standing);
    }
    reasons.extend(interview.reasons.iter().cloned());
    full = combine(full, interview.standing);
    reasons.extend(company.condition.reasons.iter().cloned());
    full = combine(full, company.condition.standing);
    match full {
        Some(true) => {
            reasons.push(Reason::new("reason_title_full", &[]));
            (Decision::Full, reasons)
        }
        None => (Decision::Undecided, reasons),
        Some(false) => partial(rules, blocs, company, reasons),
    }
}

/// A condition's standing folded into the title's: a failure decides, a pending one leaves
/// a full certification undecided.
fn combine(full: Option<bool>, standing: Standing) -> Option<bool> {
    match (full, standing) {
        (Some(false), _) | (_, Standing::Failed) => Some(false),
        (None, _) | (_, Standing::Pending) => None,
        (Some(true), _) => Some(true),
    }
}

/// Not the full title: the blocs validated are kept, when the referential allows it.
fn partial(
    rules: &Rules,
    blocs: &[TitleBloc],
    company: &CompanyCondition,
    mut reasons: Vec<Reason>,
) -> (Decision, Vec<Reason>) {
    let kept: Vec<&str> = blocs
        .iter()
        .filter(|b| {
            b.presented && b.outcome.verdict == Verdict::Validated && !b.outcome.eliminatory
        })
        .map(|b| b.id)
        .collect();
    let pending: Vec<&str> = blocs
        .iter()
        .filter(|b| b.presented && b.outcome.verdict == Verdict::Undecided)
        .map(|b| b.id)
        .collect();
    // The title lost, a bloc still to be judged may yet be kept (004: "il conserve le
    // bénéfice des blocs pour lesquels il a obtenu la moyenne").
    if !pending.is_empty() {
        let key = if rules.partial_certification == Some(false) {
            "reason_blocs_pending"
        } else {
            "reason_blocs_pending_kept"
        };
        reasons.push(Reason::new(key, &[("ids", pending.join(", "))]));
    }
    if rules.partial_certification == Some(false) {
        reasons.push(Reason::new("reason_partial_not_allowed", &[]));
        return (Decision::NotAwarded, reasons);
    }
    if !kept.is_empty()
        && matches!(
            company.condition.standing,
            Standing::Failed | Standing::Pending
        )
    {
        let (reason, none) = blocs_fate(company, &kept);
        reasons.push(reason);
        let decision = if none {
            Decision::NotAwarded
        } else {
            Decision::Undecided
        };
        return (decision, reasons);
    }
    if !kept.is_empty() {
        reasons.push(Reason::new("reason_partial", &[("ids", kept.join(", "))]));
        if rules.partial_certification.is_none() {
            reasons.push(Reason::new("default_partial", &[]));
        }
        return (
            Decision::Partial(kept.iter().map(|s| s.to_string()).collect()),
            reasons,
        );
    }
    if !pending.is_empty() {
        return (Decision::Undecided, reasons);
    }
    reasons.push(Reason::new("reason_no_bloc", &[]));
    (Decision::NotAwarded, reasons)
}

/// Full certification under a points grid: the total at the pass mark (scaled to the points
/// that apply when the referential states it as an average), the professional evaluation at
/// its minimum, no graded bloc under its minimum nor failed by a status. `None` when a mark
/// is missing or the referential does not say how to decide.
fn grid_full(
    rules: &Rules,
    blocs: &[TitleBloc],
    professional: &Condition,
    total_points: u32,
    pass_mark: u32,
    reasons: &mut Vec<Reason>,
) -> Option<bool> {
    let graded: Vec<&TitleBloc> = blocs
        .iter()
        .filter(|b| b.points.is_some() && !b.optional)
        .collect();
    let blocked: Vec<&str> = graded
        .iter()
        .filter(|b| b.outcome.blocks_title)
        .map(|b| b.id)
        .collect();
    if !blocked.is_empty() {
        reasons.push(Reason::new(
            "reason_bloc_blocks_title",
            &[("ids", blocked.join(", "))],
        ));
        return Some(false);
    }
    // A required bloc outside the grid (a certificate) must be validated all the same.
    let ungraded_failed: Vec<&str> = blocs
        .iter()
        .filter(|b| b.points.is_none() && !b.optional && b.outcome.verdict == Verdict::NotValidated)
        .map(|b| b.id)
        .collect();
    if !ungraded_failed.is_empty() {
        reasons.push(Reason::new(
            "reason_blocs_failed",
            &[("ids", ungraded_failed.join(", "))],
        ));
        return Some(false);
    }
    let ungraded_pending: Vec<&str> = blocs
        .iter()
        .filter(|b| b.points.is_none() && !b.optional && b.outcome.verdict == Verdict::Undecided)
        .map(|b| b.id)
        .collect();
    if !ungraded_pending.is_empty() {
        reasons.push(Reason::new(
            "reason_blocs_pending",
            &[("ids", ungraded_pending.join(", "))],
        ));
        return None;
    }
    if professional.standing == Standing::Failed && professional.mark.is_none() {
        reasons.extend(professional.reasons.iter().cloned());
        return Some(false);
    }
    let missing: Vec<&str> = graded
        .iter()
        .filter(|b| b.outcome.mark.is_none())
        .map(|b| b.id)
        .collect();
    // A bloc eliminated by an exam's minimum loses the title whatever the marks still
    // missing (its own other exams included) would give.
    let eliminated: Vec<&str> = graded
        .iter()
        .filter(|b| b.outcome.eliminatory)
        .map(|b| b.id)
        .collect();
    if !missing.is_empty() && !eliminated.is_empty() {
        reasons.push(Reason::new(
            "reason_eliminatory",
            &[("ids", eliminated.join(", "))],
        ));
        return Some(false);
    }
    let unmarked: Vec<&str> = graded
        .iter()
        .filter(|b| b.outcome.mark.is_none() && b.outcome.verdict != Verdict::Undecided)
        .map(|b| b.id)
        .collect();
    if !unmarked.is_empty() {
        reasons.push(Reason::new(
            "reason_substitute_no_points",
            &[("ids", unmarked.join(", "))],
        ));
    } else if !missing.is_empty() {
        reasons.push(Reason::new(
            "reason_marks_missing",
            &[("ids", missing.join(", "))],
        ));
    }
    let pro_pending = professional.standing == Standing::Pending;
    if pro_pending || !missing.is_empty() {
        reasons.extend(professional.reasons.iter().cloned());
        return None;
    }
    let excluded_blocs: f64 = graded
        .iter()
        .map(|b| {
            let points = f64::from(b.points.unwrap_or(0));
            points - b.outcome.applicable.unwrap_or(points)
        })
        .sum();
    let applicable = f64::from(total_points) - excluded_blocs - f64::from(professional.excluded);
    let needed = if (applicable - f64::from(total_points)).abs() < f64::EPSILON {
        f64::from(pass_mark)
    } else if let Some((avg, out_of)) = rules.pass_average {
        let needed = applicable * avg / out_of;
        reasons.push(Reason::new(
            "reason_pass_scaled",
            &[
                ("needed", fmt_number(needed)),
                ("applicable", fmt_number(applicable)),
                (
                    "average",
                    format!("{}/{}", fmt_number(avg), fmt_number(out_of)),
                ),
            ],
        ));
        needed
    } else {
        reasons.push(Reason::new(
            "reason_pass_not_scalable",
            &[
                ("pass_mark", pass_mark.to_string()),
                ("total_points", total_points.to_string()),
                ("applicable", fmt_number(applicable)),
            ],
        ));
        reasons.extend(professional.reasons.iter().cloned());
        return None;
    };
    let total: f64 = graded.iter().filter_map(|b| b.outcome.mark).sum::<f64>()
        + professional.mark.unwrap_or(0.0);
    let total_ok = reaches(total, needed);
    reasons.push(Reason::new(
        if total_ok {
            "reason_total_reached"
        } else {
            "reason_total_short"
        },
        &[
            ("total", fmt_against(total, needed)),
            ("total_points", fmt_number(applicable)),
            ("pass_mark", fmt_number(needed)),
        ],
    ));
    // The text's order: the average, then the professional evaluation's minimum.
    reasons.extend(professional.reasons.iter().cloned());
    let pro_ok = professional.standing != Standing::Failed;
    let eliminated: Vec<&str> = graded
        .iter()
        .filter(|b| b.outcome.eliminatory)
        .map(|b| b.id)
        .collect();
    if !eliminated.is_empty() {
        reasons.push(Reason::new(
            "reason_eliminatory",
            &[("ids", eliminated.join(", "))],
        ));
    }
    let full = total_ok && pro_ok && eliminated.is_empty();
    if full {
        reasons.push(Reason::new("reason_full_grid", &[]));
    }
    Some(full)
}

/// One item of the professional evaluation (`id`, the whole when empty), scored on its
/// `points`: its points, or None when a status fails it. The whole has no ID: its reasons
/// name it in full, translated (not "EP", which the texts never write).
fn scored(rules: &Rules, id: &str, points: u32, r: &ItemResult, c: &mut Condition) -> Option<f64> {
    let before = c.reasons.len();
    let points = match r.outcome {
        Outcome::Status(Status::Exempted) => {
            c.excluded += points;
            let why = ("reason", r.reason.clone().unwrap_or_default());
            let args = [("item", id.to_owned()), why, ("points", points.to_string())];
            c.reasons
                .push(Reason::new("reason_professional_exempted", &args));
            Some(0.0)
        }
        Outcome::Status(s) => {
            match consequence(rules, Scope::Professional, s, id, &mut c.reasons) {
                Consequence::Zero => Some(0.0),
                _ => {
                    c.standing = Standing::Failed;
                    None
                }
            }
        }
        _ => r.outcome.points(),
    };
    if id.is_empty() {
        for reason in &mut c.reasons[before..] {
            reason.args.retain(|(name, _)| *name != "item");
            reason.labels.push(("item", "rule_professional_evaluation"));
        }
    }
    points
}

#[cfg(test)]
#[path = "title_tests.rs"]
mod tests;
