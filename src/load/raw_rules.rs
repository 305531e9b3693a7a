//! A referential's `rules:` as written: the points grid, and the certification process
//! (status consequences, final interview, retakes, substitutions). Names the author writes
//! as text (`not-validated`, `executive`) stay text here, so that lowering can point at a
//! misspelling and suggest the right word.

use serde::Deserialize;

use super::spanned::{IdMap, S};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    pub competence_threshold: Option<S<u32>>,
    pub competence_at_least: Option<S<u32>>,
    pub bloc_pass_percent: Option<S<u32>>,
    pub total_points: Option<S<u32>>,
    pub pass_mark: Option<S<u32>>,
    /// `10/20`: the pass mark as an average.
    pub pass_average: Option<S<String>>,
    /// `all-blocs`: the certifier states that the title needs every bloc.
    pub full_certification: Option<S<String>>,
    pub professional_evaluation: Option<RawProfessionalEvaluation>,
    pub final_interview: Option<RawFinalInterview>,
    pub partial_certification: Option<S<bool>>,
    pub exemptions: Option<S<bool>>,
    /// The jury may exempt a candidate from an exam or a whole bloc.
    pub exam_exemptions: Option<S<bool>>,
    pub statuses: Option<RawStatuses>,
    pub retakes: Option<RawRetakes>,
    /// The minimum period in company the title needs.
    pub company_time: Option<S<RawCompanyTime>>,
    #[serde(default)]
    pub penalties: Vec<S<u32>>,
    /// The items the penalties apply to (004: the tutor's grid); empty: any mark.
    #[serde(default)]
    pub penalties_on: Vec<S<String>>,
    #[serde(default)]
    pub substitutions: Vec<RawSubstitution>,
    /// The certification jury's composition.
    pub jury: Option<RawJuryRules>,
    /// Rules refolio applies as its own defaults, extended from where the text states them.
    pub defaults: Option<RawDefaults>,
}

/// `defaults:`: a rule the text states for one item, that refolio extends to the others as
/// its default (said as such, naming the item where the text states it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    /// `{ from: B2 }`: the blocs stating no competence threshold take B2's.
    pub competence_threshold: Option<RawFrom>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrom {
    pub from: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJuryRules {
    /// Exactly this many deliberating members; or `min_members` / `max_members`.
    pub members: Option<S<u32>>,
    pub min_members: Option<S<u32>>,
    pub max_members: Option<S<u32>>,
    /// A president is required, of this quality (`any`: of any).
    pub president: Option<S<String>>,
    #[serde(default)]
    pub composition: Vec<RawQuota>,
    pub professional_share: Option<S<u32>>,
    pub independence: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuota {
    pub quality: S<String>,
    pub at_least: Option<S<u32>>,
    pub at_most: Option<S<u32>>,
    pub exactly: Option<S<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfessionalEvaluation {
    pub points: S<u32>,
    pub minimum: Option<S<u32>>,
    #[serde(default)]
    pub parts: Vec<RawEvaluationPart>,
    #[serde(default)]
    pub exemptible_routes: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvaluationPart {
    pub id: Option<S<String>>,
    pub title: S<String>,
    pub points: S<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinalInterview {
    pub title: S<String>,
    pub required: S<bool>,
    pub points: Option<S<u32>>,
    pub minimum: Option<S<f64>>,
}

/// Status name → consequence, per kind of item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatuses {
    #[serde(default)]
    pub exams: IdMap<S<RawStatusRule>>,
    #[serde(default)]
    pub professional: IdMap<S<RawStatusRule>>,
    #[serde(default)]
    pub modules: IdMap<S<RawStatusRule>>,
}

/// `not-validated`, or `{ consequence: not-validated, retake: true, counted: false,
/// wait_months: 6 }`.
#[derive(Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum RawStatusRule {
    Consequence(String),
    Full {
        consequence: String,
        retake: Option<bool>,
        /// With `retake: true`: whether the session offered counts against `per_bloc`.
        counted: Option<bool>,
        /// With `retake: true`: the months to wait before that session (004's « délai de
        /// carence de 6 mois » after a fraud).
        wait_months: Option<u32>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetakes {
    pub per_bloc: Option<S<u32>>,
    /// `best` or `latest`.
    pub keep: Option<S<String>>,
    /// `10/20`.
    pub cap: Option<S<String>>,
    pub blocs_only: Option<S<bool>>,
    /// Parts of the professional evaluation a retake may give again after it failed.
    #[serde(default)]
    pub professional_again: Vec<S<String>>,
    /// `counted` or `apart`: whether a repeated year counts against `per_bloc`.
    pub repeats: Option<S<String>>,
    /// A repeated year gives again every exam of each bloc it takes.
    pub repeat_all_exams: Option<S<bool>>,
}

/// `{ hours: 280, per_bloc: 105, max: 280, routes: […], reducible: { routes: [executive],
/// down_to: 105 } }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompanyTime {
    /// Hours for a candidate presenting every bloc.
    pub hours: Option<S<f64>>,
    pub per_bloc: Option<S<f64>>,
    pub max: Option<S<f64>>,
    #[serde(default)]
    pub routes: Vec<S<String>>,
    pub reducible: Option<RawReduction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReduction {
    #[serde(default)]
    pub routes: Vec<S<String>>,
    pub down_to: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSubstitution {
    pub title: S<String>,
    #[serde(default)]
    pub routes: Vec<S<String>>,
    pub single_bloc: Option<S<bool>>,
    #[serde(default)]
    pub blocs: Vec<S<String>>,
    pub keeps_criteria: Option<S<bool>>,
}
