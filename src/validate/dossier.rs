//! A candidate's [`Dossier`]: which evidence covers which competence and criterion (gaps
//! become diagnostics), and what the certifier's rules give from the results known so far.

use serde::Serialize;

use super::rules::{
    BlocInput, BlocVerdict, CriterionStatus, Decision, Reason, Verdict, bloc_outcome,
    certification_decision, competence_outcome,
};
use crate::config::CandidatesConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::model::{Candidate, Referential, Rules};

/// Everything computed for one candidate.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub coverage: Coverage,
    pub competences: Vec<CompetenceResult>,
    pub blocs: Vec<BlocResult>,
    pub decision: Decision,
    pub reasons: Vec<Reason>,
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
pub struct CompetenceResult {
    pub competence: usize,
    /// Evidence (indexes into the candidate's) naming it or one of its criteria.
    pub evidence: Box<[usize]>,
    /// False when every criterion is exempted: no evidence is needed.
    pub needs_evidence: bool,
    pub criteria: Box<[(usize, CriterionStatus)]>,
    pub verdict: Verdict,
}

impl CompetenceResult {
    /// Why `rules`, those of the candidate's referential, give [`Self::verdict`]. Worked
    /// out again when shown rather than kept: a national build holds three million of
    /// these rows, and their reasons' small strings were a quarter of its memory.
    pub fn reasons(&self, rules: &Rules) -> Vec<Reason> {
        let statuses: Vec<CriterionStatus> = self.criteria.iter().map(|&(_, s)| s).collect();
        competence_outcome(rules, &statuses).1
    }
}

#[derive(Debug, Clone)]
pub struct BlocResult {
    pub bloc: usize,
    pub outcome: BlocVerdict,
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
    let mut competences = Vec::new();
    for &b in &candidate.blocs {
        for &c in &r.blocs[b].competences {
            let competence = &r.competences[c];
            let criteria: Vec<(usize, CriterionStatus)> = competence
                .criteria
                .iter()
                .map(|&k| (k, criterion_status(candidate, k)))
                .collect();
            let evidence: Vec<usize> = candidate
                .evidence
                .iter()
                .enumerate()
                .filter(|(_, e)| e.covers_competence(c, &competence.criteria))
                .map(|(i, _)| i)
                .collect();
            let needs_evidence = criteria
                .iter()
                .any(|(_, s)| *s != CriterionStatus::Exempted);
            if needs_evidence {
                coverage.required += 1;
                if evidence.is_empty() {
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
            let statuses: Vec<CriterionStatus> = criteria.iter().map(|(_, s)| *s).collect();
            let (verdict, _) = competence_outcome(&r.rules, &statuses);
            competences.push(CompetenceResult {
                competence: c,
                evidence: evidence.into_boxed_slice(),
                needs_evidence,
                criteria: criteria.into_boxed_slice(),
                verdict,
            });
        }
    }
    if config.require_criteria {
        // Shared criteria belong to several competences: each is required once.
        let mut seen = std::collections::BTreeSet::new();
        for c in &competences {
            let competence = &r.competences[c.competence];
            for &(k, status) in &c.criteria {
                if status == CriterionStatus::Exempted || !seen.insert(k) {
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
    let blocs: Vec<BlocResult> = candidate
        .blocs
        .iter()
        .map(|&b| {
            let bloc = &r.blocs[b];
            let verdicts: Vec<(&str, Verdict)> = competences
                .iter()
                .filter(|c| r.competences[c.competence].bloc == b)
                .map(|c| (r.competences[c.competence].id.as_str(), c.verdict))
                .collect();
            let mark = bloc_mark(candidate, r, b);
            BlocResult {
                bloc: b,
                outcome: bloc_outcome(&r.rules, bloc, mark, &verdicts),
            }
        })
        .collect();
    let absent = BlocVerdict {
        verdict: Verdict::Undecided,
        mark: None,
        eliminatory: false,
        reasons: Vec::new(),
    };
    let inputs: Vec<BlocInput> = r
        .blocs
        .iter()
        .enumerate()
        .map(|(b, bloc)| BlocInput {
            id: &bloc.id,
            presented: candidate.presents(b),
            graded: bloc.points.is_some(),
            outcome: blocs
                .iter()
                .find(|x| x.bloc == b)
                .map_or(&absent, |x| &x.outcome),
        })
        .collect();
    let (decision, reasons) =
        certification_decision(&r.rules, &inputs, candidate.results.professional_evaluation);
    Dossier {
        coverage,
        competences,
        blocs,
        decision,
        reasons,
    }
}

fn criterion_status(candidate: &Candidate, criterion: usize) -> CriterionStatus {
    if candidate.exemption(criterion).is_some() {
        return CriterionStatus::Exempted;
    }
    match candidate.results.criteria.get(&criterion) {
        Some(true) => CriterionStatus::Validated,
        Some(false) => CriterionStatus::NotValidated,
        None => CriterionStatus::Missing,
    }
}

/// The bloc's mark: given for the bloc, or the sum of its exams' marks when every exam
/// with points has one.
pub fn bloc_mark(candidate: &Candidate, r: &Referential, bloc: usize) -> Option<f64> {
    if let Some(&m) = candidate.results.bloc_marks.get(&bloc) {
        return Some(m);
    }
    let graded: Vec<usize> = r.blocs[bloc]
        .modalities
        .iter()
        .copied()
        .filter(|&m| r.modalities[m].points.is_some())
        .collect();
    if graded.is_empty() {
        return None;
    }
    graded
        .iter()
        .map(|m| candidate.results.modality_marks.get(m))
        .sum::<Option<f64>>()
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
