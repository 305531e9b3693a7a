//! Validate: checks over the whole model, once every item and reference is known. Pure
//! functions returning diagnostics and outcomes; single values and references were already
//! checked while lowering (see `model::lower`). [`dossier`] computes each candidate's
//! coverage and, through [`rules`], the certification decision.

mod dossier;
mod referential;
pub mod rules;

pub use dossier::{BlocResult, CompetenceResult, Coverage, Dossier, bloc_mark, dossier};
pub use referential::validate_referential;
