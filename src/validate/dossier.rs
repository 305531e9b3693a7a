//! A candidate's [`Dossier`]: which evidence covers which competence and criterion (gaps
//! become diagnostics), and what the certifier's rules give from the results known so far:
//! each bloc decided on the session that counts (see [`super::history`]), the professional
//! evaluation, the final interview, the title, and the jury's own decision beside it.

use serde::Serialize;

use super::bloc::BlocVerdict;
pub use super::bloc_case::CompetenceResult;
use super::bloc_case::decide_bloc;
use super::company::company_time;
use super::history::{
    Admitted, Merged, Refusal, admissible, known_at, merge, refusal_reason, remarked, void_reason,
    voided,
};
use super::recorded::{check_conditions, check_evaluators, check_jury};
use super::rules::{LEFT_TO_JURY, Reason, Verdict};
use super::title::{Condition, Decision, TitleBloc, interview, professional, title_decision};
use crate::config::CandidatesConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::model::{Candidate, Referential};
use crate::vocabulary::Route;

/// Everything computed for one candidate.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub coverage: Coverage,
    pub competences: Vec<CompetenceResult>,
    pub blocs: Vec<BlocResult>,
    pub professional: Condition,
    pub interview: Condition,
    /// The minimum period in company.
    pub company_time: Condition,
    /// The decision the rules give: the proposal the jury deliberates on.
    pub decision: Decision,
    pub reasons: Vec<Reason>,
    /// The jury's recorded decision differs from the proposal.
    pub jury_differs: bool,
    /// The proposal is undecided because the text leaves the question to the jury.
    pub left_to_jury: bool,
}

impl Dossier {
    /// What lists of candidates show of this dossier: coverage, gaps and decision.
    pub fn standing(&self) -> (&Coverage, Vec<usize>, &Decision) {
        (&self.coverage, self.gaps().collect(), &self.decision)
    }

    /// The competences that need evidence and have none, in reading order.
    pub fn gaps(&self) -> impl Iterator<Item = usize> + '_ {
        self.competences
            .iter()
            .filter(|c| c.needs_evidence && c.evidence.is_empty())
            .map(|c| c.competence)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Competences that need evidence (not all criteria exempted).
    pub required: usize,
    pub covered: usize,
    /// Criteria that need evidence when the site requires it, and those covered.
    pub criteria_required: usize,
    pub criteria_covered: usize,
}

impl Coverage {
    /// Whole percent, rounded down so that 99.6 % never shows as complete.
    pub fn percent(&self) -> u32 {
        let (covered, required) = if self.criteria_required > 0 {
            (
                self.covered + self.criteria_covered,
                self.required + self.criteria_required,
            )
        } else {
            (self.covered, self.required)
        };
        (covered * 100)
            .checked_div(required)
            .map_or(100, |p| p as u32)
    }

    pub fn is_complete(&self) -> bool {
        self.covered == self.required && self.criteria_covered == self.criteria_required
    }
}

#[derive(Debug, Clone)]
pub struct BlocResult {
    pub bloc: usize,
    pub outcome: BlocVerdict,
    /// The session (index into the candidate's attempts) whose results decided it.
    pub decided_by: Option<usize>,
    /// The session date at which it was validated.
    pub awarded: Option<String>,
}

/// Computes a candidate's dossier; reports each gap as an error (a warning with
/// `allow_gaps`).
pub fn dossier(
    candidate: &Candidate,
    r: &Referential,
    config: &CandidatesConfig,
    diags: &mut Diagnostics,
) -> Dossier {
    // Gaps are not reported while an evidence file does not load: it may cover them.
    let mut gaps = Diagnostics::default();
    let severity_of = |d: Diagnostic| {
        if config.allow_gaps {
            d.into_warning()
        } else {
            d
        }
    };
    let mut coverage = Coverage::default();
    let rules = &r.rules;
    let void: Vec<Option<crate::model::Status>> = candidate
        .attempts
        .iter()
        .map(|a| voided(rules, a))
        .collect();
    let session_of = |i: usize| candidate.attempts[i].session.clone().unwrap_or_default();
    let mut competences = Vec::new();
    let mut blocs = Vec::new();
    let mut retakes_defaulted = false;
    for &b in &candidate.blocs {
        let Admitted {
            used,
            refused,
            makeups_apart,
        } = admissible(rules, r, &candidate.attempts, b);
        let mut history_reasons = Vec::new();
        for (i, why) in &refused {
            history_reasons.push(refusal_reason(&session_of(*i), why));
            // An unsettled repeat is not refused: the bloc's reasoning leaves it to the jury.
            let Some(why) = why.message() else { continue };
            diags.push(Diagnostic::error(
                Kind::Rule,
                Some(candidate.attempts[*i].at.clone()),
                format!(
                    "{}: the session of {} cannot count for bloc {}: {why}",
                    candidate.id,
                    session_of(*i),
                    r.blocs[b].id,
                ),
            ));
        }
        if used.len() > 1 && rules.retakes.is_none() && !retakes_defaulted {
            retakes_defaulted = true;
            history_reasons.push(Reason::new("default_retakes", &[]));
        }
        // A repeated year after the first session, under a limit of retakes that does not
        // say whether a repeat is one.
        let repeat_later = used
            .iter()
            .chain(refused.iter().map(|(i, _)| i))
            .skip(1)
            .any(|&i| candidate.attempts[i].kind == crate::model::AttemptKind::Repeat);
        // Which of two marks counts is said once the sessions that decide the bloc are
        // known: a lower mark given after the bloc was validated does not count at all.
        let keep_latest_at = rules
            .retakes
            .as_ref()
            .is_some_and(|x| !x.keep_stated)
            .then_some(history_reasons.len());
        let unsettled = refused.iter().find_map(|(i, why)| match why {
            Refusal::Unsettled(_) => Some(*i),
            _ => None,
        });
        if repeat_later
            && unsettled.is_none()
            && rules
                .retakes
                .as_ref()
                .is_some_and(|x| x.per_bloc.is_some() && x.repeats_counted.is_none())
        {
            history_reasons.push(Reason::new("default_repeat_counted", &[]));
        }
        if let Some(status) = makeups_apart {
            history_reasons
                .push(Reason::new("default_makeup_apart", &[]).label("status", status.label_key()));
        }
        // The bloc on each session that counts, until one validates it.
        let mut decided = None;
        for (n, &i) in used.iter().enumerate() {
            if let Some(status) = void[i] {
                let mut v = BlocVerdict::undecided(vec![void_reason(&session_of(i), status)]);
                v.verdict = Verdict::NotValidated;
                // "il ne valide aucun bloc": no total makes up for a voided session.
                v.blocks_title = true;
                decided = Some((i, v, Vec::new()));
                continue;
            }
            let merged = merge(
                r,
                candidate.attempts[..=i]
                    .iter()
                    .zip(&void)
                    .filter(|(_, v)| v.is_none())
                    .map(|(a, _)| a),
            );
            let (rows, outcome) = decide_bloc(candidate, r, b, &merged);
            let validated = outcome.verdict == Verdict::Validated;
            decided = Some((i, outcome, rows));
            if validated {
                for &later in &used[n + 1..] {
                    let d = Diagnostic::warning(
                        Kind::Rule,
                        Some(candidate.attempts[later].at.clone()),
                        format!(
                            "{}: bloc {} was validated at the session of {}; the results of {} for it do not count",
                            candidate.id,
                            r.blocs[b].id,
                            session_of(i),
                            session_of(later)
                        ),
                    );
                    diags.push(d);
                    history_reasons.push(Reason::new(
                        "reason_already_validated",
                        &[("session", session_of(later))],
                    ));
                }
                // 004 retakes "les blocs non validés"; a text with no retake rule does not
                // say a validated bloc stays so when a later session fails it.
                if used.len() > n + 1 && rules.retakes.is_none() {
                    history_reasons.push(Reason::new("default_validated_kept", &[]));
                }
                break;
            }
        }
        let deciding = decided.as_ref().map_or(used.len(), |(i, ..)| {
            used.iter()
                .position(|u| u == i)
                .map_or(used.len(), |n| n + 1)
        });
        if let Some(at) = keep_latest_at
            && remarked(r, &candidate.attempts, &used[..deciding], b)
        {
            history_reasons.insert(at, Reason::new("default_keep_latest", &[]));
        }
        let (decided_by, mut outcome, rows) = match decided {
            Some((i, outcome, rows)) => (Some(i), outcome, rows),
            None => {
                let (rows, outcome) = decide_bloc(candidate, r, b, &Merged::default());
                (None, outcome, rows)
            }
        };
        // A repeated year the rules neither admit nor refuse: when it would validate the
        // bloc, the bloc is the jury's to decide.
        if let Some(u) = unsettled
            && outcome.verdict != Verdict::Validated
        {
            let merged = merge(
                r,
                candidate.attempts[..=u]
                    .iter()
                    .zip(&void)
                    .filter(|(_, v)| v.is_none())
                    .map(|(a, _)| a),
            );
            if void[u].is_none()
                && decide_bloc(candidate, r, b, &merged).1.verdict == Verdict::Validated
            {
                outcome.verdict = Verdict::Undecided;
                outcome.blocks_title = false;
                outcome.eliminatory = false;
                // Which mark counts, the first sessions' or the repeat's, is the jury's.
                outcome.mark = None;
            }
        }
        let awarded = decided_by
            .filter(|_| outcome.verdict == Verdict::Validated)
            .and_then(|i| candidate.attempts[i].session.clone());
        if let Some(date) = &awarded {
            outcome
                .reasons
                .push(Reason::new("reason_awarded", &[("session", date.clone())]));
        }
        outcome.reasons.extend(history_reasons);
        // Competences as the deciding session left them (criteria-only rows otherwise).
        let rows = if rows.is_empty() {
            decide_bloc(candidate, r, b, &Merged::default()).0
        } else {
            rows
        };
        for row in rows {
            let competence = &r.competences[row.competence];
            if row.needs_evidence {
                coverage.required += 1;
                if row.evidence.is_empty() {
                    gaps.push(severity_of(gap(
                        candidate,
                        "competence",
                        &competence.id,
                        &r.blocs[b].id,
                    )));
                } else {
                    coverage.covered += 1;
                }
            }
            competences.push(row);
        }
        blocs.push(BlocResult {
            bloc: b,
            outcome,
            decided_by,
            awarded,
        });
    }
    if config.require_criteria {
        // Shared criteria belong to several competences: each is required once.
        let mut seen = std::collections::BTreeSet::new();
        for c in &competences {
            let competence = &r.competences[c.competence];
            for &(k, status) in &c.criteria {
                if status.is_exempted() || !seen.insert(k) {
                    continue;
                }
                coverage.criteria_required += 1;
                if candidate.evidence.iter().any(|e| e.covers_criterion(k)) {
                    coverage.criteria_covered += 1;
                } else {
                    let bloc = &r.blocs[competence.bloc].id;
                    gaps.push(severity_of(gap(
                        candidate,
                        "criterion",
                        &r.criteria[k].id,
                        bloc,
                    )));
                }
            }
        }
    }
    if !candidate.unread_evidence {
        diags.extend(gaps.into_vec());
    }
    // The professional evaluation and the final interview: their latest results. A voided
    // session voids its blocs ("il ne valide aucun bloc"), not these: they are not bloc
    // evaluations, and what is to be passed again is "l'ensemble des évaluations de blocs".
    // A fraud at one of them is its own status, which fails it.
    let merged = merge(r, &candidate.attempts);
    for (refused, barred, item) in &merged.refused {
        let (message, help) = match barred {
            Some(s) => (
                format!(
                    "{}: the referential offers no retake of {item} after `{}`, so this result does not count: the earlier one stands",
                    candidate.id,
                    s.name()
                ),
                format!(
                    "its rules say `{}: {{ retake: false }}` for the professional evaluation: remove this result",
                    s.name()
                ),
            ),
            None => (
                format!(
                    "{}: a retake presents the bloc evaluations only, so this result of {item} does not count: the earlier one stands",
                    candidate.id
                ),
                "the referential says `retakes: { blocs_only: true }`: remove it, or give it in the session it belongs to"
                    .to_owned(),
            ),
        };
        diags.push(
            Diagnostic::error(Kind::Rule, Some(refused.at.clone()), message)
                .with_suggestion(Some(help)),
        );
    }
    let parts = merged.professional_parts(rules);
    let mut professional = professional(rules, merged.professional.as_deref(), &parts);
    let mut interview = interview(rules, merged.interview.as_deref());
    // Given again in a later session with no retake rule, the latest counting is refolio's
    // default, said with the item as it is with a bloc (000's Grand oral absent, then held).
    if rules.retakes.is_none() {
        let given = |f: &dyn Fn(&crate::model::Attempt) -> bool| {
            candidate.attempts.iter().filter(|a| f(a)).count() > 1
        };
        if given(&|a| a.final_interview.is_some()) {
            interview.reasons.push(Reason::new("default_retakes", &[]));
        }
        if given(&|a| a.professional.is_some() || !a.professional_parts.is_empty()) {
            professional
                .reasons
                .push(Reason::new("default_retakes", &[]));
        }
    }
    check_conditions(candidate, r, &merged, diags);
    check_evaluators(candidate, r, diags);
    let undecided = BlocVerdict::undecided(Vec::new());
    let inputs: Vec<TitleBloc> = r
        .blocs
        .iter()
        .enumerate()
        .map(|(b, bloc)| TitleBloc {
            id: &bloc.id,
            presented: candidate.presents(b),
            points: bloc.points,
            optional: bloc.optional,
            outcome: blocs
                .iter()
                .find(|x| x.bloc == b)
                .map_or(&undecided, |x| &x.outcome),
        })
        .collect();
    let presents_all = inputs.iter().all(|b| b.optional || b.presented);
    let company = company_time(rules, candidate, presents_all);
    let (decision, mut reasons) =
        title_decision(rules, &inputs, &professional, &interview, &company);
    // A text that never names the VAE (000, 001) does not say its rules decide a VAE
    // candidate, whose jury judges a dossier rather than exams: applying them is refolio's.
    if candidate.route == Some(Route::Vae) && !rules.names_route(Route::Vae) {
        reasons.push(Reason::new("default_route_vae", &[]));
    }
    // "La candidate conserve le bénéfice…": the candidate as the passport asks.
    let (start, within) = crate::vocabulary::Pronoun::designation_keys(candidate.pronoun);
    for r in reasons.iter_mut().filter(|r| r.key == "reason_partial") {
        *r = r
            .clone()
            .label("Candidate", start)
            .label("candidate", within);
    }
    let left_to_jury = decision == Decision::Undecided
        && reasons
            .iter()
            .chain(blocs.iter().flat_map(|b| &b.outcome.reasons))
            .map(|x| x.key)
            .chain(competences.iter().flat_map(|c| c.reasons(r)).map(|x| x.key))
            .any(|k| LEFT_TO_JURY.contains(&k));
    // A jury dated before a later session decided on what it knew: its proposal then.
    let jury_differs = match candidate
        .jury
        .as_ref()
        .and_then(|j| j.date.as_deref())
        .and_then(|date| known_at(candidate, date))
    {
        Some(earlier) => {
            let then = dossier(&earlier, r, config, &mut Diagnostics::default());
            check_jury(candidate, r, &then.decision, then.left_to_jury, diags)
        }
        None => check_jury(candidate, r, &decision, left_to_jury, diags),
    };
    Dossier {
        coverage,
        competences,
        blocs,
        professional,
        interview,
        company_time: company.condition,
        decision,
        reasons,
        jury_differs,
        left_to_jury,
    }
}

fn gap(candidate: &Candidate, what: &str, id: &str, bloc: &str) -> Diagnostic {
    Diagnostic::error(
        Kind::Uncovered,
        Some(candidate.passport.clone()),
        format!(
            "{}: {what} `{id}` (bloc {bloc}) is not demonstrated by any evidence",
            candidate.id
        ),
    )
    .with_suggestion(Some(format!(
        "name `{id}` under `demonstrates:` in an evidence file of the candidate"
    )))
}
