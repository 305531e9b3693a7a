//! Validate: checks over the whole model, once every item and reference is known. Pure
//! functions returning diagnostics and outcomes; single values and references were already
//! checked while lowering (see `model::lower`). [`dossier`] computes each candidate's
//! coverage and, through [`rules`], [`bloc`], [`title`] and [`company`], the certification
//! decision.

pub mod bloc;
mod bloc_case;
pub mod company;
mod condition;
pub mod counterfactual;
mod dossier;
pub mod history;
mod recorded;
mod referential;
pub mod rules;
pub mod session;
#[cfg(test)]
mod test_support;
pub mod title;

pub use dossier::{BlocResult, CompetenceResult, Coverage, Dossier, dossier};
pub(crate) use history::known_at;
pub use recorded::check_motive;
pub use referential::validate_referential;

/// Each lowered candidate's dossier, by candidate ID.
pub type Dossiers = crate::model::ById<crate::model::CandidateId, Dossier>;
