//! The certifier's rules, one function per decision: [`competence_outcome`],
//! [`bloc_outcome`] and [`certification_decision`]. Each returns its verdict with the
//! reasoning the jury reads, as [`Reason`]s (a translatable message key and its values).
//! A missing result gives [`Verdict::Undecided`], never a guess.

use serde::Serialize;

use crate::model::{Bloc, Rules, fmt_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Validated,
    NotValidated,
    Undecided,
}

/// Every message key a [`Reason`] can carry; `strings.toml` must translate each (tested).
pub const REASON_KEYS: &[&str] = &[
    "reason_all_criteria",
    "reason_all_exempted",
    "reason_bloc_all",
    "reason_bloc_failed",
    "reason_bloc_nothing",
    "reason_bloc_pending",
    "reason_blocs_failed",
    "reason_blocs_pending",
    "reason_criteria_missing",
    "reason_eliminatory",
    "reason_exempted",
    "reason_full_all_blocs",
    "reason_full_grid",
    "reason_mark_missing",
    "reason_mark_reached",
    "reason_mark_short",
    "reason_marks_missing",
    "reason_no_bloc",
    "reason_no_criterion",
    "reason_not_all_criteria",
    "reason_not_all_presented",
    "reason_over_threshold",
    "reason_partial",
    "reason_partial_not_allowed",
    "reason_professional_missing",
    "reason_professional_reached",
    "reason_professional_short",
    "reason_total_reached",
    "reason_total_short",
    "reason_under_minimum",
    "reason_under_threshold",
];

/// One step of reasoning: a message key of `strings.toml` and the values it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Reason {
    fn new(key: &'static str, args: &[(&'static str, String)]) -> Reason {
        debug_assert!(REASON_KEYS.contains(&key), "{key} missing from REASON_KEYS");
        Reason {
            key,
            args: args.to_vec(),
        }
    }

    /// The message with its `{name}` placeholders filled in.
    /// One pass over the template: a dossier formats a reason for every competence, and a
    /// `replace` per name was a tenth of its view. A brace that opens no known name is kept.
    pub fn format(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let filled = after.split_once('}').and_then(|(name, tail)| {
                let (_, value) = self.args.iter().find(|(n, _)| *n == name)?;
                Some((value, tail))
            });
            match filled {
                Some((value, tail)) => {
                    out.push_str(value);
                    rest = tail;
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// What is known of one criterion for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionStatus {
    Validated,
    NotValidated,
    Exempted,
    Missing,
}

/// Rule 1: a competence from the status of its criteria. With a threshold, strictly more
/// than `threshold` % of the non-exempted criteria must be validated; without, all of them.
pub fn competence_outcome(rules: &Rules, criteria: &[CriterionStatus]) -> (Verdict, Vec<Reason>) {
    let count = |s| criteria.iter().filter(|&&c| c == s).count();
    let exempted = count(CriterionStatus::Exempted);
    let validated = count(CriterionStatus::Validated);
    let missing = count(CriterionStatus::Missing);
    let counted = criteria.len() - exempted;
    let mut reasons = Vec::new();
    if exempted > 0 {
        reasons.push(Reason::new(
            "reason_exempted",
            &[("count", exempted.to_string())],
        ));
    }
    if counted == 0 {
        if exempted == 0 {
            return (
                Verdict::Undecided,
                vec![Reason::new("reason_no_criterion", &[])],
            );
        }
        reasons.push(Reason::new("reason_all_exempted", &[]));
        return (Verdict::Validated, reasons);
    }
    if missing > 0 {
        reasons.push(Reason::new(
            "reason_criteria_missing",
            &[
                ("missing", missing.to_string()),
                ("counted", counted.to_string()),
            ],
        ));
        return (Verdict::Undecided, reasons);
    }
    let args = |extra: &[(&'static str, String)]| {
        let mut a = vec![
            ("validated", validated.to_string()),
            ("counted", counted.to_string()),
        ];
        a.extend_from_slice(extra);
        a
    };
    let verdict = match rules.competence_threshold {
        Some(threshold) => {
            // Integer arithmetic: 2 of 4 against 50 % must not pass by rounding.
            let over = validated * 100 > threshold as usize * counted;
            let percent = fmt_number(validated as f64 * 100.0 / counted as f64);
            let key = if over {
                "reason_over_threshold"
            } else {
                "reason_under_threshold"
            };
            reasons.push(Reason::new(
                key,
                &args(&[("percent", percent), ("threshold", threshold.to_string())]),
            ));
            over
        }
        None => {
            let all = validated == counted;
            let key = if all {
                "reason_all_criteria"
            } else {
                "reason_not_all_criteria"
            };
            reasons.push(Reason::new(key, &args(&[])));
            all
        }
    };
    (
        if verdict {
            Verdict::Validated
        } else {
            Verdict::NotValidated
        },
        reasons,
    )
}

/// A bloc's outcome: its verdict, and whether its mark is under the eliminatory minimum.
#[derive(Debug, Clone, PartialEq)]
pub struct BlocVerdict {
    pub verdict: Verdict,
    pub mark: Option<f64>,
    pub eliminatory: bool,
    pub reasons: Vec<Reason>,
}

/// Whether a bloc is decided by its mark (it has points and the referential a pass
/// percentage) rather than by its competences.
pub fn marked(rules: &Rules, bloc: &Bloc) -> bool {
    bloc.points.is_some() && rules.bloc_pass_percent.is_some()
}

/// Rule 2: a bloc, by its mark when it is marked, else by its competences
/// (`(ID, verdict)` in reading order): validated when all are, not as soon as one is not.
pub fn bloc_outcome(
    rules: &Rules,
    bloc: &Bloc,
    mark: Option<f64>,
    competences: &[(&str, Verdict)],
) -> BlocVerdict {
    if let (Some(points), Some(pass)) = (bloc.points, rules.bloc_pass_percent) {
        let Some(mark) = mark else {
            return BlocVerdict {
                verdict: Verdict::Undecided,
                mark,
                eliminatory: false,
                reasons: vec![Reason::new(
                    "reason_mark_missing",
                    &[("points", points.to_string())],
                )],
            };
        };
        let needed = f64::from(points) * f64::from(pass) / 100.0;
        let validated = mark >= needed;
        let key = if validated {
            "reason_mark_reached"
        } else {
            "reason_mark_short"
        };
        let mut reasons = vec![Reason::new(
            key,
            &[
                ("mark", fmt_number(mark)),
                ("points", points.to_string()),
                ("needed", fmt_number(needed)),
            ],
        )];
        let eliminatory = bloc.minimum.is_some_and(|min| mark < f64::from(min));
        if let (true, Some(min)) = (eliminatory, bloc.minimum) {
            reasons.push(Reason::new(
                "reason_under_minimum",
                &[("mark", fmt_number(mark)), ("minimum", min.to_string())],
            ));
        }
        let verdict = if validated {
            Verdict::Validated
        } else {
            Verdict::NotValidated
        };
        return BlocVerdict {
            verdict,
            mark: Some(mark),
            eliminatory,
            reasons,
        };
    }
    let ids = |v: Verdict| {
        competences
            .iter()
            .filter(|(_, c)| *c == v)
            .map(|(id, _)| *id)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (verdict, reason) = if competences.is_empty() {
        (Verdict::Undecided, Reason::new("reason_bloc_nothing", &[]))
    } else if competences.iter().any(|(_, v)| *v == Verdict::NotValidated) {
        let failed = ids(Verdict::NotValidated);
        (
            Verdict::NotValidated,
            Reason::new("reason_bloc_failed", &[("ids", failed)]),
        )
    } else if competences.iter().any(|(_, v)| *v == Verdict::Undecided) {
        let pending = ids(Verdict::Undecided);
        (
            Verdict::Undecided,
            Reason::new("reason_bloc_pending", &[("ids", pending)]),
        )
    } else {
        let count = competences.len().to_string();
        (
            Verdict::Validated,
            Reason::new("reason_bloc_all", &[("count", count)]),
        )
    };
    BlocVerdict {
        verdict,
        mark,
        eliminatory: false,
        reasons: vec![reason],
    }
}

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

/// What rule 3 needs to know of one bloc of the referential.
#[derive(Debug, Clone, Copy)]
pub struct BlocInput<'a> {
    pub id: &'a str,
    pub presented: bool,
    /// Part of the points grid (has points).
    pub graded: bool,
    pub outcome: &'a BlocVerdict,
}

/// Rule 3: full, partial or no certification from the blocs' outcomes and, with a points
/// grid, the total and the professional evaluation.
pub fn certification_decision(
    rules: &Rules,
    blocs: &[BlocInput],
    professional: Option<f64>,
) -> (Decision, Vec<Reason>) {
    let mut reasons = Vec::new();
    let join = |f: &dyn Fn(&BlocInput) -> bool| {
        blocs
            .iter()
            .filter(|b| f(b))
            .map(|b| b.id)
            .collect::<Vec<_>>()
    };
    let grid = match (rules.total_points, rules.pass_mark) {
        (Some(total), Some(pass)) => Some((total, pass)),
        _ => None,
    };
    // Blocs full certification depends on: the graded ones with a grid, else all.
    let required = |b: &BlocInput| grid.is_none() || b.graded;
    let absent = join(&|b| required(b) && !b.presented);
    let full = if !absent.is_empty() {
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
        let failed = join(&|b| b.outcome.verdict == Verdict::NotValidated);
        let pending = join(&|b| b.outcome.verdict == Verdict::Undecided);
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
    match full {
        Some(true) => (Decision::Full, reasons),
        None => (Decision::Undecided, reasons),
        Some(false) => {
            let kept = join(&|b| {
                b.presented && b.outcome.verdict == Verdict::Validated && !b.outcome.eliminatory
            });
            let pending = join(&|b| b.presented && b.outcome.verdict == Verdict::Undecided);
            if !pending.is_empty() {
                reasons.push(Reason::new(
                    "reason_blocs_pending",
                    &[("ids", pending.join(", "))],
                ));
            }
            if rules.partial_certification == Some(false) {
                reasons.push(Reason::new("reason_partial_not_allowed", &[]));
                (Decision::NotAwarded, reasons)
            } else if !kept.is_empty() {
                reasons.push(Reason::new("reason_partial", &[("ids", kept.join(", "))]));
                (
                    Decision::Partial(kept.iter().map(|s| s.to_string()).collect()),
                    reasons,
                )
            } else if !pending.is_empty() {
                (Decision::Undecided, reasons)
            } else {
                reasons.push(Reason::new("reason_no_bloc", &[]));
                (Decision::NotAwarded, reasons)
            }
        }
    }
}

/// Full certification under a points grid: the total at the pass mark, the professional
/// evaluation at its minimum, no graded bloc under its minimum. `None` when a mark is
/// missing.
fn grid_full(
    rules: &Rules,
    blocs: &[BlocInput],
    professional: Option<f64>,
    total_points: u32,
    pass_mark: u32,
    reasons: &mut Vec<Reason>,
) -> Option<bool> {
    let graded: Vec<&BlocInput> = blocs.iter().filter(|b| b.graded).collect();
    let missing: Vec<&str> = graded
        .iter()
        .filter(|b| b.outcome.mark.is_none())
        .map(|b| b.id)
        .collect();
    if !missing.is_empty() {
        reasons.push(Reason::new(
            "reason_marks_missing",
            &[("ids", missing.join(", "))],
        ));
    }
    let pro = rules.professional_evaluation.as_ref();
    let pro_missing = pro.is_some() && professional.is_none();
    if pro_missing {
        reasons.push(Reason::new("reason_professional_missing", &[]));
    }
    if pro_missing || !missing.is_empty() {
        return None;
    }
    let total: f64 =
        graded.iter().filter_map(|b| b.outcome.mark).sum::<f64>() + professional.unwrap_or(0.0);
    let total_ok = total >= f64::from(pass_mark);
    reasons.push(Reason::new(
        if total_ok {
            "reason_total_reached"
        } else {
            "reason_total_short"
        },
        &[
            ("total", fmt_number(total)),
            ("total_points", total_points.to_string()),
            ("pass_mark", pass_mark.to_string()),
        ],
    ));
    let mut pro_ok = true;
    if let (Some(pro), Some(mark)) = (pro, professional)
        && let Some(min) = pro.minimum
    {
        pro_ok = mark >= f64::from(min);
        reasons.push(Reason::new(
            if pro_ok {
                "reason_professional_reached"
            } else {
                "reason_professional_short"
            },
            &[
                ("mark", fmt_number(mark)),
                ("points", pro.points.to_string()),
                ("minimum", min.to_string()),
            ],
        ));
    }
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

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
