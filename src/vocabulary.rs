//! The closed vocabularies content files write — a candidate's route, a modality's kind —
//! read as they are by the raw documents of [`crate::load`] and kept by the model, so that
//! neither depends on the other for them.

use serde::{Deserialize, Serialize};

/// The pronoun a passport gives (`pronoun:`): how the dossier refers to the candidate.
/// Without one, and on a pseudonymised site, the dossier says "la personne candidate".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pronoun {
    Elle,
    Il,
    Iel,
}

impl Pronoun {
    /// The keys of the designation, at the start of a sentence and within one.
    pub fn designation_keys(pronoun: Option<Pronoun>) -> (&'static str, &'static str) {
        match pronoun {
            Some(Pronoun::Elle) => ("designation_elle_start", "designation_elle"),
            Some(Pronoun::Il) => ("designation_il_start", "designation_il"),
            Some(Pronoun::Iel) | None => ("designation_neutral_start", "designation_neutral"),
        }
    }
}

/// How the candidate came to the certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    Initial,
    Continuing,
    Apprenticeship,
    Vae,
    Executive,
}

impl Route {
    pub const NAMES: [&'static str; 5] = [
        "initial",
        "continuing",
        "apprenticeship",
        "vae",
        "executive",
    ];

    pub fn parse(s: &str) -> Option<Route> {
        match s {
            "initial" => Some(Route::Initial),
            "continuing" => Some(Route::Continuing),
            "apprenticeship" => Some(Route::Apprenticeship),
            "vae" => Some(Route::Vae),
            "executive" => Some(Route::Executive),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Route::NAMES[self as usize]
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Route::Initial => "route_initial",
            Route::Continuing => "route_continuing",
            Route::Apprenticeship => "route_apprenticeship",
            Route::Vae => "route_vae",
            Route::Executive => "route_executive",
        }
    }
}

/// What kind of exam a modality is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModalityKind {
    Written,
    Oral,
    CaseStudy,
    Simulation,
    Project,
    Portfolio,
    Workplace,
    Continuous,
    Other,
}

impl ModalityKind {
    /// The key of its label in the translation table.
    pub fn label_key(self) -> &'static str {
        match self {
            ModalityKind::Written => "kind_written",
            ModalityKind::Oral => "kind_oral",
            ModalityKind::CaseStudy => "kind_case_study",
            ModalityKind::Simulation => "kind_simulation",
            ModalityKind::Project => "kind_project",
            ModalityKind::Portfolio => "kind_portfolio",
            ModalityKind::Workplace => "kind_workplace",
            ModalityKind::Continuous => "kind_continuous",
            ModalityKind::Other => "kind_other",
        }
    }
}
