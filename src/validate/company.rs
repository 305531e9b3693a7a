//! The minimum period in company, a condition of the title (004: "Pour l'obtention du
//! titre […], la période minimale obligatoire en entreprise […] est dans le cas d'un
//! parcours complet de 280h"): which minimum applies to a candidate (every bloc or some, the
//! route, a positioning's reduction), and where the recorded hours stand against it. What
//! the text does not state — a route it does not name, what a shorter period leaves of the
//! validated blocs — is said, never supplied.

use super::condition::{Condition, Standing};
use super::rules::Reason;
use crate::model::{Candidate, Rules, fmt_number};

/// The condition as the title sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyCondition {
    pub condition: Condition,
    /// On the partial route, the time does not reach even one bloc's minimum: the hours and
    /// that minimum.
    pub below_one_bloc: Option<(f64, f64)>,
}

impl CompanyCondition {
    pub fn not_applicable() -> CompanyCondition {
        CompanyCondition {
            condition: Condition::not_applicable(),
            below_one_bloc: None,
        }
    }
}

/// Where the candidate's time in company stands. `presents_all`: the candidate presents
/// every bloc the title needs.
pub fn company_time(rules: &Rules, candidate: &Candidate, presents_all: bool) -> CompanyCondition {
    let mut cc = CompanyCondition::not_applicable();
    if let Some(rule) = &rules.company_time {
        cc.condition = standing(rule, candidate, presents_all);
        if cc.condition.standing == Standing::Failed
            && !presents_all
            && let (Some(record), Some(per_bloc)) = (&candidate.company_time, rule.per_bloc)
            && record.hours < per_bloc
        {
            cc.below_one_bloc = Some((record.hours, per_bloc));
        }
    }
    cc
}

fn standing(
    rule: &crate::model::CompanyTime,
    candidate: &Candidate,
    presents_all: bool,
) -> Condition {
    let mut c = Condition::not_applicable();
    if !rule.routes.is_empty() {
        match candidate.route {
            None => {
                c.standing = Standing::Pending;
                c.reasons
                    .push(Reason::new("reason_company_time_no_route", &[]));
                return c;
            }
            Some(route) if !rule.routes.contains(&route) => {
                c.reasons.push(
                    Reason::new("reason_company_time_route", &[]).label("route", route.label_key()),
                );
                return c;
            }
            Some(_) => {}
        }
    }
    let Some(stated) = rule.required(candidate.blocs.len(), presents_all) else {
        c.reasons.push(Reason::new(
            if presents_all {
                "reason_company_time_unstated_full"
            } else {
                "reason_company_time_unstated_partial"
            },
            &[],
        ));
        return c;
    };
    let record = candidate.company_time.as_ref();
    let required = match record.and_then(|r| r.reduced_to) {
        Some(reduced) if reduced < stated => {
            c.reasons.push(Reason::new(
                "reason_company_time_reduced",
                &[
                    ("required", fmt_number(reduced)),
                    ("stated", fmt_number(stated)),
                ],
            ));
            reduced
        }
        _ => stated,
    };
    let Some(record) = record else {
        c.standing = Standing::Pending;
        c.reasons.push(Reason::new(
            "reason_company_time_missing",
            &[("required", fmt_number(required))],
        ));
        return c;
    };
    let args = [
        ("hours", fmt_number(record.hours)),
        ("required", fmt_number(required)),
    ];
    if record.hours >= required {
        c.standing = Standing::Met;
        c.reasons
            .push(Reason::new("reason_company_time_met", &args));
    } else {
        c.standing = Standing::Failed;
        c.reasons
            .push(Reason::new("reason_company_time_short", &args));
    }
    c
}

/// What a short or unknown time in company leaves of the blocs `kept`, and whether it is
/// none. The text sets the minimum "pour l'obtention du titre" and, on the partial route,
/// per bloc; it does not say what a shorter period leaves of the validated blocs, so that is
/// the jury's decision — except on the partial route when the time does not reach even one
/// bloc's minimum, where no reading certifies any bloc.
pub fn blocs_fate(cc: &CompanyCondition, kept: &[&str]) -> (Reason, bool) {
    if let Some((hours, per_bloc)) = cc.below_one_bloc {
        let reason = Reason::new(
            "reason_company_time_no_bloc",
            &[
                ("hours", fmt_number(hours)),
                ("per_bloc", fmt_number(per_bloc)),
            ],
        );
        return (reason, true);
    }
    let key = if cc.condition.standing == Standing::Failed {
        "reason_company_time_blocs_unstated"
    } else {
        "reason_company_time_blocs_pending"
    };
    (Reason::new(key, &[("ids", kept.join(", "))]), false)
}
