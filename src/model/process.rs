//! The certification process as a referential states it, beyond the points grid: how each
//! bloc is validated, what a result status (absence, fraud…) entails, the final interview,
//! retakes and what a route changes. Every field is what the certifier wrote; `None` or an
//! empty list means the text says nothing, and the decision then says which default of
//! refolio's it used instead (never presented as the certifier's rule).

use serde::{Deserialize, Serialize};

use super::Route;

/// How a bloc is validated, as the referential states it for that bloc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlocValidation {
    /// Every competence of the bloc validated (000: "Validation des 3 compétences").
    Competences,
    /// By its mark against the pass percentage and its eliminatory minimum.
    Points,
    /// A certificate or attestation without points (004's CCE): validated or not.
    Certificate,
}

impl BlocValidation {
    pub const NAMES: [&'static str; 3] = ["competences", "points", "certificate"];

    pub fn parse(s: &str) -> Option<BlocValidation> {
        match s {
            "competences" => Some(BlocValidation::Competences),
            "points" => Some(BlocValidation::Points),
            "certificate" => Some(BlocValidation::Certificate),
            _ => None,
        }
    }
}

/// A share a count must pass: strictly more than `percent` (000: "plus de 50%"), or at
/// least it ("au moins 50 %").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub percent: u32,
    pub at_least: bool,
}

impl Share {
    pub fn more_than(percent: u32) -> Share {
        Share {
            percent,
            at_least: false,
        }
    }

    pub fn at_least(percent: u32) -> Share {
        Share {
            percent,
            at_least: true,
        }
    }

    /// Whether `count` of `of` passes; in integers, so 2 of 4 does not pass 50 % strictly.
    pub fn passes(self, count: usize, of: usize) -> bool {
        let (count, share) = (count * 100, self.percent as usize * of);
        if self.at_least {
            count >= share
        } else {
            count > share
        }
    }
}

/// A result that is not a mark: what happened instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Absent without a reason the certifier accepts.
    Absent,
    /// Absent for a reason the certifier accepts (medical certificate, force majeure…).
    AbsentExcused,
    /// A report or file not handed in (in time).
    NotSubmitted,
    Fraud,
    /// The jury exempted the candidate from this item, with a reason.
    Exempted,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Absent,
        Status::AbsentExcused,
        Status::NotSubmitted,
        Status::Fraud,
        Status::Exempted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Absent => "absent",
            Status::AbsentExcused => "absent-excused",
            Status::NotSubmitted => "not-submitted",
            Status::Fraud => "fraud",
            Status::Exempted => "exempted",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.name() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Status::Absent => "result_absent",
            Status::AbsentExcused => "result_absent_excused",
            Status::NotSubmitted => "result_not_submitted",
            Status::Fraud => "result_fraud",
            Status::Exempted => "result_exempted",
        }
    }
}

/// What a status entails, as the referential declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consequence {
    /// The item gets a mark of 0 (004: an unexcused absence from continuous assessment).
    Zero,
    /// The item is failed: its bloc is not validated; for the professional evaluation or the
    /// final interview, the title is not awarded (validated blocs are kept).
    NotValidated,
    /// The whole session is void: no bloc is validated in it (004: fraud).
    SessionVoid,
}

impl Consequence {
    pub const NAMES: [&'static str; 3] = ["zero", "not-validated", "session-void"];

    pub fn parse(s: &str) -> Option<Consequence> {
        match s {
            "zero" => Some(Consequence::Zero),
            "not-validated" => Some(Consequence::NotValidated),
            "session-void" => Some(Consequence::SessionVoid),
            _ => None,
        }
    }
}

/// The kinds of item a status rule is declared for: the referentials give different
/// consequences to an absence from a bloc exam and from the professional defence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Bloc exams, whole-bloc marks and their substitutes.
    Exams,
    /// The professional evaluation, its parts, and the final interview.
    Professional,
    /// Training modules (continuous assessment).
    Modules,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Exams, Scope::Professional, Scope::Modules];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Exams => "exams",
            Scope::Professional => "professional",
            Scope::Modules => "modules",
        }
    }
}

/// One declared consequence: a status, in a scope, entails this.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusRule {
    pub scope: Scope,
    pub status: Status,
    pub consequence: Consequence,
    /// Whether a retake is offered after it; `None`: the text does not say.
    pub retake: Option<bool>,
    /// With a retake offered: whether that session (a make-up) counts against
    /// `retakes.per_bloc`; `None`, the text does not say (not counted, said as refolio's
    /// default when that is what lets a later session count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted: Option<bool>,
    /// With a retake offered: the months to wait before it, from the date of the session
    /// of this status (004: « après un délai de carence de 6 mois »); `None`, none stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_months: Option<u32>,
}

/// A condition of the title held after the blocs: Grand oral, entretien final.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalInterview {
    pub title: String,
    /// A condition of the title (the certifier must say).
    pub required: bool,
    /// Its scale, when it is marked.
    pub points: Option<u32>,
    /// The mark it must reach, on `points`.
    pub minimum: Option<f64>,
}

/// The minimum period in company a title needs (004: "Pour l'obtention du titre […], la
/// période minimale obligatoire en entreprise (alternance, stage...) est dans le cas d'un
/// parcours complet de 280h"), in hours. Each field is what the text states; `None`: it
/// states nothing for that case, and the dossier says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompanyTime {
    /// For a candidate presenting every bloc the title needs.
    pub full: Option<f64>,
    /// For a candidate presenting some blocs only: per bloc presented ("105h par bloc").
    pub per_bloc: Option<f64>,
    /// The partial route's minimum never exceeds this ("dans la limite de 280 h").
    pub max: Option<f64>,
    /// The routes it is stated for; empty: every route.
    pub routes: Vec<Route>,
    /// Routes whose minimum a positioning may reduce, and how far (004: "Parcours
    /// « Executive » et après positionnement cette durée […] peut-être réduite jusqu'à 105h").
    pub reducible_routes: Vec<Route>,
    pub reducible_to: Option<f64>,
}

impl CompanyTime {
    /// The minimum for a candidate presenting `presented` blocs, `all` of those the title
    /// needs, before any reduction; `None` when the text states none for that case.
    pub fn required(&self, presented: usize, all: bool) -> Option<f64> {
        if all {
            self.full
        } else {
            let n = presented.max(1) as f64;
            self.per_bloc
                .map(|h| self.max.map_or(h * n, |max| (h * n).min(max)))
        }
    }
}

/// How often a bloc may be presented again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retakes {
    /// Retakes allowed per bloc after the first attempt (004: "une seule fois par bloc").
    pub per_bloc: Option<u32>,
    /// Of two marks of an exam, the better counts ("la meilleure note est retenue"); else
    /// the later.
    pub keep_best: bool,
    /// Whether the referential states which mark counts (`keep`); otherwise the later one
    /// does, said as refolio's default.
    #[serde(skip)]
    pub keep_stated: bool,
    /// A retake's mark is capped at this share of the item's points (`10/20`).
    pub cap: Option<(f64, f64)>,
    /// A retake presents the bloc evaluations only: the professional evaluation, its parts
    /// and the final interview keep their earlier result (004: "le candidat repasse
    /// uniquement les évaluations de blocs et conserve le bénéfice de sa note de tuteur"),
    /// unless that result's status offers a retake.
    pub blocs_only: bool,
    /// With `blocs_only`: the parts of the professional evaluation (indices) a retake may
    /// give again when the evaluation failed so far (004: "Concernant l'épreuve
    /// professionnelle, le candidat a la possibilité de présenter un dossier lié à une
    /// problématique professionnelle"); the others keep their result.
    #[serde(skip)]
    pub professional_again: Vec<usize>,
    /// Whether a repeated year (redoublement) counts against `per_bloc`: `Some(true)`
    /// counted, `Some(false)` apart; `None`, the text does not say (counted, said as
    /// refolio's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats_counted: Option<bool>,
    /// A repeated year gives again every exam of each bloc it takes (004: "repasse toutes
    /// les évaluations de modules suivis et les évaluations de blocs de l'année concernée"):
    /// one left out is an error, not the earlier year's result kept.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeat_all_exams: bool,
    /// Their IDs, as exported.
    #[serde(rename = "professional_again", skip_serializing_if = "Vec::is_empty")]
    pub professional_again_ids: Vec<String>,
}

/// What replaces a bloc's exams for some candidates (004: an Executive's portfolio of
/// evidence; 001: a single-bloc candidate's "dossier professionnel").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Substitution {
    /// The replacement's name as the referential writes it.
    pub title: String,
    /// For candidates of these routes; empty: any route.
    pub routes: Vec<Route>,
    /// Only for candidates presenting a single bloc (capitalisation de bloc).
    pub single_bloc: bool,
    /// The blocs concerned (indices); empty: every bloc.
    #[serde(skip)]
    pub blocs: Vec<usize>,
    /// Their IDs, as exported.
    #[serde(rename = "blocs", skip_serializing_if = "Vec::is_empty")]
    pub bloc_ids: Vec<String>,
    /// The bloc is still decided by its criteria (001: "Les critères restent les mêmes");
    /// otherwise by the replacement's own result.
    pub keeps_criteria: bool,
}

impl Substitution {
    /// Whether it applies to a candidate of `route` presenting `presented` blocs, for `bloc`.
    pub fn applies(&self, route: Option<Route>, presented: usize, bloc: usize) -> bool {
        (self.routes.is_empty() || route.is_some_and(|r| self.routes.contains(&r)))
            && (!self.single_bloc || presented == 1)
            && (self.blocs.is_empty() || self.blocs.contains(&bloc))
    }
}
