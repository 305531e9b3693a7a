//! Validate: checks over the whole model, once every item and reference is known. Pure
//! functions returning diagnostics and outcomes; single values and references were already
//! checked while lowering (see `model::lower`). [`dossier`] computes each candidate's
//! coverage and, through [`rules`], the certification decision.

mod dossier;
mod referential;
pub mod rules;

pub use dossier::{BlocResult, CompetenceResult, Coverage, Dossier, bloc_mark, dossier};
pub use referential::validate_referential;

use crate::diagnostics::Diagnostics;
use crate::model::Site;

/// Every whole-model problem of the site, and the dossier of every candidate.
pub fn validate_site(site: &Site, diags: &mut Diagnostics) -> Vec<Dossier> {
    for r in &site.referentials {
        diags.extend(validate_referential(r));
    }
    site.candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let r = &site.referentials[c.referential];
            dossier(i, c, r, &site.config.candidates, diags)
        })
        .collect()
}
