//! One bloc's case built from the results in effect: its competences from their criteria
//! (an exemption taking a criterion out), each a [`CompetenceResult`] row of the dossier,
//! its exams, its whole result and what replaced its exams, handed to
//! [`super::bloc::bloc_outcome`].

use super::bloc::{BlocCase, BlocVerdict, Exam, bloc_outcome};
use super::history::Merged;
use super::rules::{CriterionStatus, Reason, Verdict, competence_outcome};
use crate::model::{BlocValidation, Candidate, Referential, Share};

#[derive(Debug, Clone)]
pub struct CompetenceResult {
    pub competence: usize,
    /// Evidence (indexes into the candidate's) naming it or one of its criteria.
    pub evidence: Box<[usize]>,
    /// False when every criterion is exempted: no evidence is needed.
    pub needs_evidence: bool,
    pub criteria: Box<[(usize, CriterionStatus)]>,
    /// Validated or not as recorded for the competence itself, when it is evaluated directly.
    pub recorded: Option<bool>,
    pub verdict: Verdict,
}

impl CompetenceResult {
    /// Why the rules of `r`, the candidate's referential, give [`Self::verdict`]. Worked
    /// out again when shown rather than kept: a national build holds three million of
    /// these rows, and their reasons' small strings were a quarter of its memory.
    pub fn reasons(&self, r: &Referential) -> Vec<Reason> {
        if let Some(ok) = self.recorded {
            let key = if ok {
                "verdict_validated"
            } else {
                "verdict_not_validated"
            };
            return vec![Reason::new("reason_competence_recorded", &[]).label("verdict", key)];
        }
        let statuses: Vec<CriterionStatus> = self.criteria.iter().map(|&(_, s)| s).collect();
        let mut reasons = competence_outcome(threshold(r, self.competence), &statuses).1;
        // In a bloc decided on its mark or by a certificate, missing criteria leave no
        // decision pending: the competence is judged with the bloc (as the dossier says).
        let bloc = &r.blocs[r.competences[self.competence].bloc];
        if super::bloc::validation_mode(&r.rules, bloc) != BlocValidation::Competences {
            for reason in &mut reasons {
                if reason.key == "reason_criteria_missing" {
                    reason.key = "reason_criteria_missing_with_bloc";
                }
            }
        }
        // An exemption beside a recorded mark: the mark is not counted, but the jury should
        // know it is there (the « Sans elle » counterfactual reads it), so say so.
        let marked: Vec<&str> = self
            .criteria
            .iter()
            .filter(|(_, s)| matches!(s, CriterionStatus::Exempted { recorded: Some(_) }))
            .map(|&(k, _)| r.criteria[k].id.as_str())
            .collect();
        if !marked.is_empty() {
            let note = Reason::new(
                "reason_exempted_recorded",
                &[
                    ("criteria", marked.join(", ")),
                    ("count", marked.len().to_string()),
                ],
            );
            let at = reasons
                .iter()
                .position(|x| x.key == "reason_exempted")
                .map_or(0, |i| i + 1);
            reasons.insert(at, note);
        }
        reasons
    }
}

/// The competence threshold that applies to a competence: its bloc's, else the referential's.
fn threshold(r: &Referential, competence: usize) -> Option<Share> {
    r.competence_threshold(&r.blocs[r.competences[competence].bloc])
}

/// One bloc on the results in effect: its competence rows and its outcome.
pub(super) fn decide_bloc(
    candidate: &Candidate,
    r: &Referential,
    b: usize,
    merged: &Merged,
) -> (Vec<CompetenceResult>, BlocVerdict) {
    let bloc = &r.blocs[b];
    let mut rows = Vec::new();
    for &c in &bloc.competences {
        let competence = &r.competences[c];
        let criteria: Vec<(usize, CriterionStatus)> = competence
            .criteria
            .iter()
            .map(|&k| (k, criterion_status(candidate, merged, k)))
            .collect();
        let evidence: Vec<usize> = candidate
            .evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| e.covers_competence(c, &competence.criteria))
            .map(|(i, _)| i)
            .collect();
        let needs_evidence = criteria.iter().any(|(_, s)| !s.is_exempted());
        let statuses: Vec<CriterionStatus> = criteria.iter().map(|(_, s)| *s).collect();
        let recorded = merged.competences.get(&c).copied();
        let verdict = match recorded {
            Some(true) => Verdict::Validated,
            Some(false) => Verdict::NotValidated,
            None => competence_outcome(threshold(r, c), &statuses).0,
        };
        rows.push(CompetenceResult {
            competence: c,
            evidence: evidence.into_boxed_slice(),
            needs_evidence,
            criteria: criteria.into_boxed_slice(),
            recorded,
            verdict,
        });
    }
    let verdicts: Vec<(&str, Verdict)> = rows
        .iter()
        .map(|x| (r.competences[x.competence].id.as_str(), x.verdict))
        .collect();
    let substitution = r
        .rules
        .substitutions
        .iter()
        .find(|s| !s.keeps_criteria && s.applies(candidate.route, candidate.blocs.len(), b));
    let case = BlocCase {
        bloc,
        exams: bloc
            .modalities
            .iter()
            .map(|&m| Exam {
                id: &r.modalities[m].id,
                points: r.modalities[m].points,
                result: merged.modalities.get(&m).map(AsRef::as_ref),
                minimum: r.modalities[m].minimum,
            })
            .collect(),
        whole: merged.blocs.get(&b).map(AsRef::as_ref),
        substitute: substitution.and_then(|s| {
            Some((
                s.title.as_str(),
                merged.substitutes.get(&b).map(AsRef::as_ref)?,
            ))
        }),
        competences: &verdicts,
    };
    let mut outcome = bloc_outcome(&r.rules, &case);
    // A replacement that keeps the criteria changes the exam, not the decision: said first.
    if let Some(s) = r
        .rules
        .substitutions
        .iter()
        .find(|s| s.keeps_criteria && s.applies(candidate.route, candidate.blocs.len(), b))
    {
        let note = Reason::new("reason_substitute_criteria", &[("title", s.title.clone())]);
        outcome.reasons.insert(0, note);
    }
    (rows, outcome)
}

fn criterion_status(candidate: &Candidate, merged: &Merged, criterion: usize) -> CriterionStatus {
    if candidate.exemption(criterion).is_some() {
        let recorded = merged.criteria.get(&criterion).copied();
        return CriterionStatus::Exempted { recorded };
    }
    match merged.criteria.get(&criterion) {
        Some(true) => CriterionStatus::Validated,
        Some(false) => CriterionStatus::NotValidated,
        None => CriterionStatus::Missing,
    }
}
