//! What was recorded against what the rules can use: a mark the rules have no minimum or
//! grid to read (a warning at the result), and a jury's decision that differs from the
//! rules' proposal without a motive (an error at the decision: the jury is sovereign, but
//! its reasons are recorded).

use super::bloc::validation_mode;
use super::history::Merged;
use super::title::Decision;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::model::{BlocValidation, Candidate, JuryDecision, JuryVerdict, Outcome, Referential};

/// Results the rules cannot use, located: an interview marked without a minimum to
/// compare with, a professional evaluation marked without a minimum or a grid, an exam's
/// verdict in a bloc its verdicts do not decide.
pub(super) fn check_conditions(
    candidate: &Candidate,
    r: &Referential,
    merged: &Merged,
    diags: &mut Diagnostics,
) {
    if let (Some(f), Some(res)) = (&r.rules.final_interview, merged.interview.as_deref())
        && res.outcome.points().is_some()
        && f.minimum.is_none()
    {
        diags.push(Diagnostic::warning(
            Kind::Rule,
            Some(res.at.clone()),
            format!("{}: the referential sets no minimum for {}, so its mark decides nothing", candidate.id, f.title),
        ).with_suggestion(Some("record the jury's `validated` or `not-validated`, or state the interview's `minimum` in the referential".into())));
    }
    // 000: "Condition de validation du Bloc 2 : Validation des 3 compétences." An exam's
    // `not-validated` there would be read by nobody; only a certificate is decided so.
    for (&m, res) in &merged.modalities {
        let (Outcome::Verdict(v), exam) = (res.outcome, &r.modalities[m]) else {
            continue;
        };
        let bloc = &r.blocs[exam.bloc];
        let mode = validation_mode(&r.rules, bloc);
        if mode == BlocValidation::Certificate {
            continue;
        }
        let by = match mode {
            BlocValidation::Points => "its mark",
            _ => "its competences",
        };
        diags.push(
            Diagnostic::warning(
                Kind::Rule,
                Some(res.at.clone()),
                format!(
                    "{}: exam {} is recorded {}, but bloc {} is decided by {by}: the exam's verdict decides nothing",
                    candidate.id,
                    exam.id,
                    if v { "validated" } else { "not-validated" },
                    bloc.id
                ),
            )
            .with_suggestion(Some("record the criteria (or the competences) the exam evaluated".into())),
        );
    }
    let grid = r.rules.total_points.is_some() && r.rules.pass_mark.is_some();
    if let (Some(p), Some(res)) = (
        &r.rules.professional_evaluation,
        merged.professional.as_deref(),
    ) && res.outcome.points().is_some()
        && p.minimum.is_none()
        && !grid
    {
        diags.push(Diagnostic::warning(
            Kind::Rule,
            Some(res.at.clone()),
            format!("{}: the referential sets neither a minimum nor a points grid for the professional evaluation, so its mark decides nothing", candidate.id),
        ));
    }
}

/// Whether the jury's recorded decision differs from the proposal; an error when it does
/// without a motive.
pub(super) fn check_jury(
    candidate: &Candidate,
    r: &Referential,
    proposal: &Decision,
    left_to_jury: bool,
    diags: &mut Diagnostics,
) -> bool {
    let Some(jury) = &candidate.jury else {
        return false;
    };
    check_motive(&candidate.id, jury, r, proposal, left_to_jury, diags)
}

/// Whether `jury` differs from `proposal`; an error at the decision when it does without a
/// motive. A proposal undecided because the text leaves the question to the jury
/// (`left_to_jury`) is no proposal: whatever the jury decides departs from none. For a passport's `jury:` and for a session's decisions alike.
pub fn check_motive(
    candidate: &str,
    jury: &JuryDecision,
    r: &Referential,
    proposal: &Decision,
    left_to_jury: bool,
    diags: &mut Diagnostics,
) -> bool {
    let awarded: Vec<&str> = jury.blocs.iter().map(|&b| r.blocs[b].id.as_str()).collect();
    let same = match (jury.verdict, proposal) {
        (JuryVerdict::Full, Decision::Full) => true,
        (JuryVerdict::Partial, Decision::Partial(ids)) => *ids == awarded,
        (JuryVerdict::NotAwarded, Decision::NotAwarded) => true,
        // The text leaves the question to the jury: its decision settles it and departs
        // from no proposal. (Undecided on a missing result, it still needs its motive.)
        (_, Decision::Undecided) => left_to_jury,
        _ => false,
    };
    if !same && jury.motive.is_none() {
        diags.push(
            Diagnostic::error(
                Kind::Rule,
                Some(jury.at.clone()),
                format!("{candidate}: the jury's decision differs from the proposal of the rules, and gives no motive"),
            )
            .with_suggestion(Some("add the jury's `motive:` (the jury is sovereign, its reasons are recorded)".into())),
        );
    }
    !same
}

/// The candidate's tutor among the evaluators a result records (`jury:`) of a bloc, an
/// exam, a substitute or the final interview (004, for the "jurys d'évaluation": "ils ne
/// doivent pas avoir : Participé à la formation du candidat, Un lien avec celui-ci"). An
/// error where the referential states `jury.independence`, refolio's warning otherwise. The
/// professional evaluation is left out: its tutor's part is the tutor's by design (004:
/// "réalisée par le tuteur").
pub(super) fn check_evaluators(candidate: &Candidate, r: &Referential, diags: &mut Diagnostics) {
    let Some(tutor) = &candidate.tutor else {
        return;
    };
    let folded = crate::fold::fold(&tutor.name);
    let independence = r.rules.jury.independence;
    for a in &candidate.attempts {
        let items = a
            .blocs
            .iter()
            .map(|(&b, x)| (r.blocs[b].id.as_str(), x))
            .chain(
                a.modalities
                    .iter()
                    .map(|(&m, x)| (r.modalities[m].id.as_str(), x)),
            )
            .chain(
                a.substitutes
                    .iter()
                    .map(|(&b, x)| (r.blocs[b].id.as_str(), x)),
            )
            .chain(
                r.rules
                    .final_interview
                    .as_ref()
                    .zip(a.final_interview.as_ref())
                    .map(|(f, x)| (f.title.as_str(), x)),
            );
        for (item, res) in items {
            if !res
                .jury
                .iter()
                .any(|m| crate::fold::fold(m).contains(&folded))
            {
                continue;
            }
            let message = format!(
                "{}: {}, the tutor of `{}`, is in the evaluation jury of {item}",
                candidate.id, tutor.name, candidate.id
            );
            let help = Some("record the evaluators who have no link with the candidate".into());
            diags.push(if independence {
                Diagnostic::error(
                    Kind::Rule,
                    Some(res.at.clone()),
                    format!(
                        "{message}: the referential's evaluation juries have no link with the candidate"
                    ),
                )
                .with_suggestion(help)
            } else {
                Diagnostic::warning(
                    Kind::Rule,
                    Some(res.at.clone()),
                    format!("{message} (refolio's check: the referential states no rule on it)"),
                )
                .with_suggestion(help)
            });
        }
    }
}
