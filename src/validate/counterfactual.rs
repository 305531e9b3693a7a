//! What a decision depends on that its reasoning does not show by itself: each exemption
//! the jury granted, undone, and what the certifier's rules would then give. An exemption
//! that flips a competence, a bloc or the title is what the candidate's outcome hangs on,
//! and the jury reads it before deciding.

use super::dossier::{Dossier, dossier};
use super::rules::Verdict;
use super::title::Decision;
use crate::config::CandidatesConfig;
use crate::diagnostics::Diagnostics;
use crate::model::{Candidate, Referential};

/// A verdict that an exemption changes: what it is with the exemption, and without.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flip {
    /// A competence or bloc index in the referential.
    pub item: usize,
    pub with: Verdict,
    pub without: Verdict,
}

/// What the rules give once one exemption is undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExemptionEffect {
    /// Index into the candidate's exemptions.
    pub exemption: usize,
    pub competences: Vec<Flip>,
    pub blocs: Vec<Flip>,
    /// The decision without the exemption, when it differs from the dossier's.
    pub decision: Option<Decision>,
}

impl ExemptionEffect {
    /// The exemption changes nothing the rules decide.
    pub fn is_neutral(&self) -> bool {
        self.competences.is_empty() && self.blocs.is_empty() && self.decision.is_none()
    }
}

/// For each exemption of `candidate`, in order, the dossier recomputed without it and
/// compared with `d`: the results the candidate has for that criterion then count (or it
/// counts as without result). Exemptions are few; a recomputation each is cheap.
pub fn exemption_effects(
    candidate: &Candidate,
    r: &Referential,
    d: &Dossier,
) -> Vec<ExemptionEffect> {
    (0..candidate.exemptions.len())
        .map(|i| {
            let mut without = candidate.clone();
            without.exemptions.remove(i);
            // Coverage and its diagnostics were reported on the real dossier already.
            let mut ignored = Diagnostics::default();
            let other = dossier(&without, r, &CandidatesConfig::default(), &mut ignored);
            let flips = |a: &mut dyn Iterator<Item = (usize, Verdict)>,
                         b: &mut dyn Iterator<Item = Verdict>| {
                a.zip(b)
                    .filter(|((_, with), without)| with != without)
                    .map(|((item, with), without)| Flip {
                        item,
                        with,
                        without,
                    })
                    .collect::<Vec<_>>()
            };
            ExemptionEffect {
                exemption: i,
                competences: flips(
                    &mut d.competences.iter().map(|c| (c.competence, c.verdict)),
                    &mut other.competences.iter().map(|c| c.verdict),
                ),
                blocs: flips(
                    &mut d.blocs.iter().map(|b| (b.bloc, b.outcome.verdict)),
                    &mut other.blocs.iter().map(|b| b.outcome.verdict),
                ),
                decision: (other.decision != d.decision).then_some(other.decision),
            }
        })
        .collect()
}
