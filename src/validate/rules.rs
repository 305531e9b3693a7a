//! The certifier's rules, one function per decision: [`competence_outcome`] here,
//! [`super::bloc::bloc_outcome`] and [`super::title::certification_decision`] beside it.
//! Each returns its verdict with the reasoning the jury reads, as [`Reason`]s (a
//! translatable message key and its values). A missing result gives
//! [`Verdict::Undecided`], never a guess; a rule the referential does not state and that
//! refolio supplies is a reason of its own whose key starts with `default_`.

use serde::Serialize;

use crate::message::{self, PluralRule};
use crate::model::{Share, fmt_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Validated,
    NotValidated,
    Undecided,
}

/// Every message key a [`Reason`] can carry; `strings.toml` must translate each (tested).
pub const REASON_KEYS: &[&str] = &[
    "default_all_blocs",
    "default_bloc_competences",
    "default_competence_all",
    "default_keep_latest",
    "default_makeup_apart",
    "default_partial",
    "default_repeat_counted",
    "default_retakes",
    "default_route_vae",
    "default_status",
    "default_threshold_extended",
    "default_validated_kept",
    "reason_all_criteria",
    "reason_all_exempted",
    "reason_all_exempted_jury",
    "reason_already_validated",
    "reason_at_least_reached",
    "reason_at_least_short",
    "reason_bloc_share",
    "reason_bloc_share_short",
    "reason_competence_recorded",
    "reason_company_time_blocs_pending",
    "reason_company_time_blocs_unstated",
    "reason_company_time_met",
    "reason_company_time_missing",
    "reason_company_time_no_bloc",
    "reason_company_time_no_route",
    "reason_company_time_reduced",
    "reason_company_time_route",
    "reason_company_time_short",
    "reason_company_time_unstated_full",
    "reason_company_time_unstated_partial",
    "reason_exam_under_minimum",
    "reason_awarded",
    "reason_bloc_all",
    "reason_bloc_blocks_title",
    "reason_bloc_failed",
    "reason_bloc_nothing",
    "reason_bloc_pending",
    "reason_bloc_recorded",
    "reason_blocs_failed",
    "reason_blocs_pending",
    "reason_blocs_pending_kept",
    "reason_certificate",
    "reason_certificate_missing",
    "reason_criteria_missing",
    "reason_eliminatory",
    "reason_exam_exempted",
    "reason_exempted",
    "reason_exempted_recorded",
    "reason_full_all_blocs",
    "reason_full_grid",
    "reason_title_full",
    "reason_interview",
    "reason_interview_exempted",
    "reason_interview_mark_reached",
    "reason_interview_mark_short",
    "reason_interview_missing",
    "reason_interview_no_minimum",
    "reason_mark_missing",
    "reason_mark_reached",
    "reason_mark_short",
    "reason_marks_missing",
    "reason_no_bloc",
    "reason_no_criterion",
    "reason_no_pass_percent",
    "reason_not_all_criteria",
    "reason_not_all_presented",
    "reason_optional_blocs",
    "reason_over_threshold",
    "reason_partial",
    "reason_partial_not_allowed",
    "reason_parts_missing",
    "reason_pass_not_scalable",
    "reason_pass_scaled",
    "reason_penalty",
    "reason_professional_exempted",
    "reason_professional_missing",
    "reason_professional_no_minimum",
    "reason_professional_reached",
    "reason_professional_short",
    "reason_repeat_unsettled",
    "reason_retake_refused",
    "reason_session_void",
    "reason_status",
    "reason_status_zero",
    "reason_substitute",
    "reason_substitute_criteria",
    "reason_substitute_no_points",
    "reason_total_reached",
    "reason_total_short",
    "reason_under_minimum",
    "reason_under_threshold",
];

/// The reasons that leave a decision to the jury because the text does not settle it (as
/// opposed to a result still missing): a jury's decision on such a proposal departs from
/// none.
pub const LEFT_TO_JURY: &[&str] = &[
    "reason_all_exempted_jury",
    "reason_company_time_blocs_unstated",
    "reason_interview_no_minimum",
    "reason_no_pass_percent",
    "reason_pass_not_scalable",
    "reason_repeat_unsettled",
    "reason_substitute_no_points",
];

/// One step of reasoning: a message key of `strings.toml` and the values it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// Values that are themselves message keys (a status, a verdict), translated when shown.
    pub labels: Vec<(&'static str, &'static str)>,
}

impl Reason {
    pub(super) fn new(key: &'static str, args: &[(&'static str, String)]) -> Reason {
        debug_assert!(REASON_KEYS.contains(&key), "{key} missing from REASON_KEYS");
        Reason {
            key,
            args: args.to_vec(),
            labels: Vec::new(),
        }
    }

    /// Adds a value to be translated: `{name}` becomes the text of message `key`.
    pub(super) fn label(mut self, name: &'static str, key: &'static str) -> Reason {
        self.labels.push((name, key));
        self
    }

    /// A rule refolio supplied because the referential states none.
    pub fn is_default(&self) -> bool {
        self.key.starts_with("default_")
    }

    /// [`Self::format`], with the label values translated by `text`, and the plural forms
    /// chosen by the language's rule (its `plural_zero` string, through `text`).
    pub fn format_with<'t>(
        &self,
        template: &str,
        text: impl Fn(&'static str) -> &'t str,
    ) -> String {
        let rule = PluralRule::from_zero_form(text("plural_zero"));
        if self.labels.is_empty() {
            return message::fill(template, &self.args, rule);
        }
        let mut filled = self.clone();
        for (name, key) in &self.labels {
            filled.args.push((name, text(key).to_owned()));
        }
        message::fill(template, &filled.args, rule)
    }

    /// The message with its `{name}` placeholders filled in and its plural forms chosen
    /// as French does ([`crate::message`]).
    pub fn format(&self, template: &str) -> String {
        message::fill(template, &self.args, PluralRule::ZeroIsOne)
    }
}

/// What is known of one criterion for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionStatus {
    Validated,
    NotValidated,
    /// Out of the count; `recorded` is a mark the results give it all the same (read by the
    /// dossier's « Sans elle », said in the competence's reasoning).
    Exempted {
        recorded: Option<bool>,
    },
    Missing,
}

impl CriterionStatus {
    pub fn is_exempted(self) -> bool {
        matches!(self, CriterionStatus::Exempted { .. })
    }
}

/// Rule 1: a competence from the status of its criteria. With a threshold, strictly more
/// than `threshold` % of the non-exempted criteria must be validated; without, all of them
/// (refolio's default, said as such). With every criterion exempted, it is left to the jury.
pub fn competence_outcome(
    threshold: Option<Share>,
    criteria: &[CriterionStatus],
) -> (Verdict, Vec<Reason>) {
    let count = |s| criteria.iter().filter(|&&c| c == s).count();
    let exempted = criteria.iter().filter(|c| c.is_exempted()).count();
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
        // 001: "exempter le candidat de certains critères d'évaluation. : - dans la mesure où
        // cela ne remet pas en question la capacité professionnelle globale du candidat":
        // with none left to count, whether it does is the jury's judgement, not a count.
        reasons.push(Reason::new("reason_all_exempted", &[]));
        reasons.push(Reason::new("reason_all_exempted_jury", &[]));
        return (Verdict::Undecided, reasons);
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
    let verdict = match threshold {
        Some(share) => {
            // Integer arithmetic: 2 of 4 against 50 % must not pass by rounding.
            let over = share.passes(validated, counted);
            let percent = fmt_number(validated as f64 * 100.0 / counted as f64);
            let key = match (over, share.at_least) {
                (true, false) => "reason_over_threshold",
                (false, false) => "reason_under_threshold",
                (true, true) => "reason_at_least_reached",
                (false, true) => "reason_at_least_short",
            };
            reasons.push(Reason::new(
                key,
                &args(&[
                    ("percent", percent),
                    ("threshold", share.percent.to_string()),
                ]),
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
            reasons.push(Reason::new("default_competence_all", &[]));
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

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
