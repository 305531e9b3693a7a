//! Results that contradict each other, located: a bloc given whole beside exams that
//! disagree with it, exams or parts after a whole mark in an earlier session, a substitute
//! beside the exams it replaces, a competence recorded against the criteria given with it.
//! Each would let one record decide and leave the other unread (004: "la non-présentation à
//! au moins une évaluation de bloc induit la non-validation du bloc").

use serde_saphyr::Spanned;

use super::candidate::CandidateLowering;
use crate::diagnostics::{Diagnostic, Kind};
use crate::load::raw_candidate::RawResults;
use crate::model::candidate::*;
use crate::model::{BlocValidation, Consequence, ItemRef, Status, fmt_number};

impl CandidateLowering<'_> {
    /// A session giving some exams of a bloc whose latest earlier result was its whole mark
    /// (the other exams are then unknown), or the professional evaluation in another form
    /// than the session before (parts after a whole mark, a whole mark giving the tutor's
    /// part again).
    pub(super) fn given_otherwise_before(&mut self, earlier: &[Attempt], attempt: &Attempt) {
        let r = self.r;
        // The professional evaluation given whole in one session and by parts in the next,
        // either way: a whole mark after parts gives the tutor's part again (004: "conserve
        // le bénéfice de sa note de tuteur"), parts after a whole mark go unread.
        let whole = attempt.professional.is_some();
        if whole || !attempt.professional_parts.is_empty() {
            let last = earlier
                .iter()
                .rev()
                .find(|a| a.professional.is_some() || !a.professional_parts.is_empty());
            if let Some(last) = last.filter(|a| a.professional.is_some() != whole) {
                let (now, before) = if whole {
                    ("the professional evaluation whole", "by parts")
                } else {
                    ("parts of the professional evaluation", "whole")
                };
                let message = format!(
                    "the session of {} gives {now}, whose earlier result (the session of {}) \
                     was given {before}",
                    attempt.session.as_deref().unwrap_or("?"),
                    last.session.as_deref().unwrap_or("?"),
                );
                let help = "give the professional evaluation the same way in every session: \
                            whole, or by parts";
                self.diags.push(
                    Diagnostic::error(Kind::InvalidValue, Some(attempt.at.clone()), message)
                        .with_suggestion(Some(help.into())),
                );
            }
        }
        let mut blocs: Vec<usize> = attempt
            .modalities
            .keys()
            .map(|&m| r.modalities[m].bloc)
            .collect();
        blocs.dedup();
        for b in blocs {
            if attempt.blocs.contains_key(&b) {
                continue;
            }
            // A session voided by fraud counts for nothing: the next one gives every bloc
            // again, in whatever form.
            let last = earlier
                .iter()
                .rev()
                .filter(|a| a.voided(&r.rules).is_none())
                .find(|a| {
                    a.blocs.contains_key(&b)
                        || a.modalities.keys().any(|&m| r.modalities[m].bloc == b)
                });
            // A whole status or verdict (`absent-excused`) is replaced by the exams that
            // follow (the make-up); a whole mark given again in part is a slip.
            let whole_mark = last
                .and_then(|a| a.blocs.get(&b))
                .is_some_and(|x| x.outcome.points().is_some());
            let every_exam = r
                .modalities
                .iter()
                .enumerate()
                .filter(|(_, m)| m.bloc == b && m.points.is_some())
                .all(|(k, _)| attempt.modalities.contains_key(&k));
            if whole_mark && !every_exam {
                let message = format!(
                    "the session of {} gives some exams of bloc {}, whose earlier result was \
                     its whole mark",
                    attempt.session.as_deref().unwrap_or("?"),
                    r.blocs[b].id
                );
                let help = "give the bloc's mark again, or every exam of the bloc";
                self.diags.push(
                    Diagnostic::error(Kind::InvalidValue, Some(attempt.at.clone()), message)
                        .with_suggestion(Some(help.into())),
                );
            } else {
                self.repeat_without_every_exam(attempt, b);
            }
        }
    }

    /// A repeated year giving some exams of a bloc but not all, where the referential says
    /// a repeat gives them all again (004: "Dans le cadre d'un redoublement : le candidat
    /// suit les modules du ou des blocs non-validés et repasse toutes les évaluations de
    /// modules suivis et les évaluations de blocs de l'année concernée"): the earlier year's
    /// result of the others must not stand in for them.
    fn repeat_without_every_exam(&mut self, attempt: &Attempt, b: usize) {
        let r = self.r;
        let all = r.rules.retakes.as_ref().is_some_and(|x| x.repeat_all_exams);
        if !all || attempt.kind != AttemptKind::Repeat {
            return;
        }
        let missing: Vec<&str> = r
            .modalities
            .iter()
            .enumerate()
            .filter(|&(k, m)| m.bloc == b && !attempt.modalities.contains_key(&k))
            .map(|(_, m)| m.id.as_str())
            .collect();
        if missing.is_empty() {
            return;
        }
        let message = format!(
            "the session of {} is a repeated year (`kind: repeat`) and gives some exams of \
             bloc {} but not {}: the referential's repeat gives again every exam of the blocs \
             it takes",
            attempt.session.as_deref().unwrap_or("?"),
            r.blocs[b].id,
            missing.join(", "),
        );
        let help = format!(
            "give {} in this session too (a status such as `absent` if the candidate did not \
             sit it), or record the session as a retake (`kind: retake`) if it was one",
            missing.join(", ")
        );
        self.diags.push(
            Diagnostic::error(Kind::InvalidValue, Some(attempt.at.clone()), message)
                .with_suggestion(Some(help)),
        );
    }

    /// The session right after one voided by a status (004's fraud), checked against what
    /// the text asks of it: every bloc again, and not before the wait.
    pub(super) fn after_void(&mut self, earlier: &[Attempt], attempt: &Attempt) {
        let Some(last) = earlier.last() else { return };
        let Some(status) = last.voided(&self.r.rules) else {
            return;
        };
        self.after_void_without_every_bloc(last, status, attempt);
        self.inside_the_wait_after_void(last, status, attempt);
    }

    /// The session after one voided by a status (004's fraud) that gives again some of the
    /// blocs the voided one held but not all: the text retakes them together ("repasser
    /// l'ensemble des évaluations de blocs à la prochaine session"). The blocs it leaves out
    /// stay unvalidated, and a later session may still give them: a warning, the decision
    /// unchanged.
    fn after_void_without_every_bloc(&mut self, last: &Attempt, status: Status, attempt: &Attempt) {
        let r = self.r;
        let held = |a: &Attempt, b: usize| {
            a.blocs.contains_key(&b)
                || a.substitutes.contains_key(&b)
                || a.modalities.keys().any(|&m| r.modalities[m].bloc == b)
                || a.criteria.keys().any(|&c| r.criteria[c].bloc == b)
        };
        let blocs: Vec<usize> = (0..r.blocs.len()).filter(|&b| held(last, b)).collect();
        let missing: Vec<&str> = blocs
            .iter()
            .filter(|&&b| !held(attempt, b))
            .map(|&b| r.blocs[b].id.as_str())
            .collect();
        if missing.is_empty() || missing.len() == blocs.len() {
            return;
        }
        let message = format!(
            "the session of {} follows the session of {} voided by `{}` and does not give again \
             {}, which it held: the voided session's bloc evaluations are retaken together at the \
             next session; those left out stay not validated",
            attempt.session.as_deref().unwrap_or("?"),
            last.session.as_deref().unwrap_or("?"),
            status.name(),
            missing.join(", "),
        );
        let help = format!(
            "give the exams of {} in this session too (`absent` if the candidate did not sit them)",
            missing.join(", ")
        );
        self.diags.push(
            Diagnostic::warning(Kind::InvalidValue, Some(attempt.at.clone()), message)
                .with_suggestion(Some(help)),
        );
    }

    /// A session held before the wait the referential sets after a voided session ends
    /// (004: « après un délai de carence de 6 mois, repasser l'ensemble des évaluations de
    /// blocs »): it cannot count, an error at that session.
    fn inside_the_wait_after_void(&mut self, last: &Attempt, status: Status, attempt: &Attempt) {
        let r = self.r;
        let Some(months) = r
            .rules
            .statuses
            .iter()
            .filter(|rule| rule.status == status && rule.consequence == Consequence::SessionVoid)
            .find_map(|rule| rule.wait_months)
        else {
            return;
        };
        let (Some(voided), Some(held)) = (last.session.as_deref(), attempt.session.as_deref())
        else {
            return;
        };
        let Some(end) = super::meta::months_after(voided, months) else {
            return;
        };
        if held >= end.as_str() {
            return;
        }
        let message = format!(
            "the session of {held} is held before the end of the {months}-month wait after the \
             session of {voided} voided by `{}`: not before {end}; a session inside the wait \
             cannot count",
            status.name(),
        );
        let help = format!(
            "record the results of the first session held on or after {end}, or check the dates"
        );
        self.diags.push(
            Diagnostic::error(Kind::InvalidValue, Some(attempt.at.clone()), message)
                .with_suggestion(Some(help)),
        );
    }

    /// A repeated year giving some module evaluations of a bloc but not all, where the
    /// referential says a repeat gives them all again (004: "repasse toutes les évaluations
    /// de modules suivis"). Modules decide nothing (the grid counts the bloc exams and the
    /// professional evaluation), so it is a warning: the record lacks what the text says
    /// was sat.
    pub(super) fn repeat_without_every_module(&mut self, attempt: &Attempt) {
        let r = self.r;
        let all = r.rules.retakes.as_ref().is_some_and(|x| x.repeat_all_exams);
        if !all || attempt.kind != AttemptKind::Repeat {
            return;
        }
        let mut blocs: Vec<usize> = attempt.modules.keys().map(|&m| r.modules[m].bloc).collect();
        blocs.sort_unstable();
        blocs.dedup();
        for b in blocs {
            let missing: Vec<&str> = r.blocs[b]
                .modules
                .iter()
                .filter(|m| !attempt.modules.contains_key(m))
                .map(|&m| r.modules[m].id.as_str())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let message = format!(
                "the session of {} is a repeated year (`kind: repeat`) and gives some module \
                 evaluations of bloc {} but not {}: the referential's repeat gives again every \
                 module evaluation followed (modules do not count in the decision)",
                attempt.session.as_deref().unwrap_or("?"),
                r.blocs[b].id,
                missing.join(", "),
            );
            let help = format!(
                "give {} in this session too (`absent` if the candidate did not sit it)",
                missing.join(", ")
            );
            self.diags.push(
                Diagnostic::warning(Kind::InvalidValue, Some(attempt.at.clone()), message)
                    .with_suggestion(Some(help)),
            );
        }
    }

    /// A bloc given whole and by its exams in the same session, the two disagreeing: the
    /// bloc's mark would decide it and its exams go unread, even an absence ("la
    /// non-présentation à au moins une évaluation de bloc induit la non-validation du
    /// bloc"). They disagree when an exam has a status or a verdict the bloc's result is
    /// not, when the bloc's is a status or verdict beside an exam's mark, or when every
    /// graded exam is marked and their sum is not the bloc's mark.
    pub(super) fn whole_and_by_exams(&mut self, raw: &RawResults, attempt: &Attempt) {
        let r = self.r;
        for (id, _) in &raw.marks.0 {
            let Some(ItemRef::Bloc(b)) = r.lookup(id.value.trim()) else {
                continue;
            };
            let Some(whole) = attempt.blocs.get(&b) else {
                continue;
            };
            let exams: Vec<(usize, &ItemResult)> = attempt
                .modalities
                .iter()
                .filter(|(m, _)| r.modalities[**m].bloc == b)
                .map(|(m, x)| (*m, x))
                .collect();
            // Beside a whole mark, an exam's status or verdict; beside a whole status or
            // verdict, any other result of an exam.
            let unread: Vec<&str> = exams
                .iter()
                .filter(
                    |(_, x)| match (whole.outcome.points(), x.outcome.points()) {
                        (_, None) => x.outcome != whole.outcome,
                        (None, Some(_)) => true,
                        (Some(_), Some(_)) => false,
                    },
                )
                .map(|(m, _)| r.modalities[*m].id.as_str())
                .collect();
            let graded = r
                .modalities
                .iter()
                .filter(|m| m.bloc == b && m.points.is_some());
            let every_graded_marked = graded
                .clone()
                .all(|m| exams.iter().any(|(k, _)| r.modalities[*k].id == m.id));
            let sum: f64 = exams.iter().filter_map(|(_, x)| x.outcome.points()).sum();
            let whole_points = whole.outcome.points();
            let sum_differs = every_graded_marked
                && graded.count() > 0
                && whole_points.is_some_and(|w| (w - sum).abs() >= 1e-6);
            let message = if !unread.is_empty() {
                format!(
                    "bloc {} is given whole beside results of {} that its own would leave \
                     unread",
                    r.blocs[b].id,
                    unread.join(", ")
                )
            } else if sum_differs {
                format!(
                    "bloc {} is given {}, but its exams sum to {}",
                    r.blocs[b].id,
                    fmt_number(whole_points.unwrap_or(0.0)),
                    fmt_number(sum)
                )
            } else {
                continue;
            };
            self.error(
                Kind::InvalidValue,
                id,
                message,
                Some("give the bloc's mark, or the results of its exams, not both".into()),
            );
        }
    }

    /// A competence recorded directly in a session that also gives every one of its
    /// criteria, where the referential states how criteria validate a competence (000: "Une
    /// compétence est validée si plus de 50% de ses critères d'évaluation le sont."): the two
    /// must agree, since the recorded result would otherwise overrule the certifier's rule.
    pub(super) fn recorded_against_criteria(
        &mut self,
        attempt: &Attempt,
        c: usize,
        id: &Spanned<String>,
        recorded: bool,
    ) {
        let competence = &self.r.competences[c];
        let share = self.r.competence_threshold(&self.r.blocs[competence.bloc]);
        let Some(share) = share else { return };
        let counted: Vec<usize> = competence
            .criteria
            .iter()
            .copied()
            .filter(|k| !self.exempted.contains(k))
            .collect();
        let given: Option<Vec<bool>> = counted
            .iter()
            .map(|k| attempt.criteria.get(k).copied())
            .collect();
        let Some(given) = given.filter(|g| !g.is_empty()) else {
            return;
        };
        let validated = given.iter().filter(|&&v| v).count();
        let by_criteria = share.passes(validated, given.len());
        if by_criteria == recorded {
            return;
        }
        let word = |v: bool| if v { "validated" } else { "not validated" };
        let rule = if share.at_least {
            "at least"
        } else {
            "strictly more than"
        };
        let message = format!(
            "competence `{}` is recorded {}, but its criteria give it {}: {validated} of {} \
             validated, and the referential validates a competence when {rule} {} % of its \
             criteria are",
            competence.id,
            word(recorded),
            word(by_criteria),
            given.len(),
            share.percent,
        );
        let help = "correct its criteria or its result; a competence evaluated directly is \
                    recorded without its criteria";
        self.error(Kind::Rule, id, message, Some(help.into()));
    }

    /// A bloc recorded `validated` / `not-validated` in a session that also gives what
    /// decides each of its competences, where the referential states that the bloc is
    /// validated by them (000: "Condition de validation du Bloc 2 : Validation des 3
    /// compétences.") and how their criteria validate them: the two must agree, since the
    /// recorded verdict would otherwise decide and the certifier's rule go unread.
    pub(super) fn bloc_recorded_against_competences(
        &mut self,
        raw: &RawResults,
        attempt: &Attempt,
    ) {
        let r = self.r;
        for (id, _) in &raw.marks.0 {
            let Some(ItemRef::Bloc(b)) = r.lookup(id.value.trim()) else {
                continue;
            };
            let bloc = &r.blocs[b];
            let Some(Outcome::Verdict(recorded)) = attempt.blocs.get(&b).map(|x| x.outcome) else {
                continue;
            };
            if bloc.validation != Some(BlocValidation::Competences) || bloc.competences.is_empty() {
                continue;
            }
            let share = r.competence_threshold(bloc);
            // Each competence as this session decides it: recorded, or by all its counted
            // criteria under the stated threshold; any other leaves the bloc unchecked.
            let verdicts: Option<Vec<bool>> = bloc
                .competences
                .iter()
                .map(|&c| {
                    if let Some(&v) = attempt.competences.get(&c) {
                        return Some(v);
                    }
                    let share = share?;
                    let given: Option<Vec<bool>> = r.competences[c]
                        .criteria
                        .iter()
                        .filter(|k| !self.exempted.contains(k))
                        .map(|k| attempt.criteria.get(k).copied())
                        .collect();
                    let given = given.filter(|g| !g.is_empty())?;
                    Some(share.passes(given.iter().filter(|&&v| v).count(), given.len()))
                })
                .collect();
            let Some(verdicts) = verdicts else { continue };
            let validated = verdicts.iter().filter(|&&v| v).count();
            let by_competences = match bloc.competences_share {
                Some(share) => validated * 100 >= share as usize * verdicts.len(),
                None => validated == verdicts.len(),
            };
            if by_competences == recorded {
                continue;
            }
            let word = |v: bool| if v { "validated" } else { "not validated" };
            let message = format!(
                "bloc {} is recorded {}, but its competences, as this session gives them, make \
                 it {}: {validated} of {} validated",
                bloc.id,
                word(recorded),
                word(by_competences),
                verdicts.len(),
            );
            let help = "correct the bloc's result or its criteria; a bloc decided by its \
                        competences needs no result of its own";
            self.error(Kind::Rule, id, message, Some(help.into()));
        }
    }

    /// A bloc given both what replaces its exams and results of those exams in one session
    /// (004: "substituer les épreuves de blocs par un portefeuille de preuves"): the
    /// substitute would decide and the exams go unread.
    pub(super) fn substitute_beside_exams(&mut self, raw: &RawResults, attempt: &Attempt) {
        let r = self.r;
        for (id, _) in &raw.substitutes.0 {
            let Some(ItemRef::Bloc(b)) = r.lookup(id.value.trim()) else {
                continue;
            };
            if !attempt.substitutes.contains_key(&b) {
                continue;
            }
            let mut given: Vec<&str> = attempt
                .blocs
                .keys()
                .filter(|&&k| k == b)
                .map(|&k| r.blocs[k].id.as_str())
                .collect();
            given.extend(
                attempt
                    .modalities
                    .keys()
                    .filter(|&&m| r.modalities[m].bloc == b)
                    .map(|&m| r.modalities[m].id.as_str()),
            );
            if given.is_empty() {
                continue;
            }
            self.error(
                Kind::Rule,
                id,
                format!(
                    "bloc {} is given a substitute for its exams and results of them ({}) in \
                     the same session",
                    r.blocs[b].id,
                    given.join(", ")
                ),
                Some("the substitute replaces the bloc's exams: give one or the other".into()),
            );
        }
    }
}
