//! Model: the typed site. The [`Site`] stores its referentials, candidates and sessions by
//! their typed IDs ([`ById`]), in file-name order; a [`Referential`] owns its items in flat
//! vectors and links them by index both ways (bloc → competences, competence → bloc…), with
//! an index by ID. It is built from raw documents by [`lower`] and knows nothing of YAML or
//! HTML; each item keeps only the [`Location`] it was defined at, for diagnostics.

pub mod candidate;
mod ids;
mod lower;
pub mod process;
pub mod session;

use std::collections::HashMap;

use serde::Serialize;

pub use crate::fold::anchor;
pub use crate::vocabulary::ModalityKind;
pub use candidate::*;
pub use ids::{ById, CandidateId, ReferentialId, SessionId};
pub use lower::{
    derived_pseudonym, fmt_against, fmt_number, lower_candidate, lower_referential, lower_session,
    reaches,
};
pub use process::*;
pub use session::*;

use crate::config::Config;
use crate::diagnostics::Location;

/// The whole site after loading. Each kind of item is stored by its ID, in file-name order.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub referentials: ById<ReferentialId, Referential>,
    /// Empty when the site does not publish candidates.
    pub candidates: ById<CandidateId, Candidate>,
    /// Jury sessions; empty when the site does not publish candidates.
    pub sessions: ById<SessionId, Session>,
}

impl Site {
    pub fn new(config: Config) -> Site {
        Site {
            config,
            referentials: ById::new(),
            candidates: ById::new(),
            sessions: ById::new(),
        }
    }

    /// The referential `id`. Every candidate's and session's referential exists: lowering
    /// refuses the others.
    pub fn referential(&self, id: &ReferentialId) -> &Referential {
        &self.referentials[id]
    }

    pub fn competence_count(&self) -> usize {
        self.referentials
            .values()
            .map(|r| r.competences.len())
            .sum()
    }

    pub fn criterion_count(&self) -> usize {
        self.referentials.values().map(|r| r.criteria.len()).sum()
    }
}

/// A certification referential: metadata, rules and its items.
#[derive(Debug, Default)]
pub struct Referential {
    /// The file stem: lowercase, digits, dashes. Also the site folder.
    pub id: String,
    pub title: String,
    pub rncp: Option<String>,
    pub level: Option<u8>,
    pub certifier: Option<String>,
    pub version: Option<String>,
    pub language: String,
    pub source_url: Option<String>,
    pub preamble: Option<String>,
    pub notes: Option<String>,
    /// Imported and not yet reviewed: missing criteria and modalities are warnings, and
    /// every page says so.
    pub draft: bool,
    pub rules: Rules,
    pub blocs: Vec<Bloc>,
    pub groups: Vec<Group>,
    pub activities: Vec<Activity>,
    pub competences: Vec<Competence>,
    pub criteria: Vec<Criterion>,
    pub modalities: Vec<Modality>,
    pub modules: Vec<Module>,
    /// aHash: IDs are looked up for every reference of every candidate; keyed per process,
    /// so IDs crafted to collide cannot slow a build.
    index: HashMap<String, ItemRef, ahash::RandomState>,
}

impl Referential {
    /// The item an ID names, if any.
    pub fn lookup(&self, id: &str) -> Option<ItemRef> {
        self.index.get(id).copied()
    }

    pub fn competence(&self, id: &str) -> Option<&Competence> {
        match self.lookup(id)? {
            ItemRef::Competence(i) => Some(&self.competences[i]),
            _ => None,
        }
    }

    pub fn bloc(&self, id: &str) -> Option<&Bloc> {
        match self.lookup(id)? {
            ItemRef::Bloc(i) => Some(&self.blocs[i]),
            _ => None,
        }
    }

    /// The competence threshold that applies in `bloc`: its own, else the referential's,
    /// else the one refolio extends from another bloc (its default, said by the bloc).
    pub fn competence_threshold(&self, bloc: &Bloc) -> Option<Share> {
        bloc.competence_threshold
            .or(self.rules.competence_share())
            .or(self.rules.default_threshold.as_ref().map(|d| d.share))
    }

    /// The bloc whose threshold `bloc` takes as refolio's default, if it does.
    pub fn threshold_extended_from(&self, bloc: &Bloc) -> Option<&DefaultThreshold> {
        let own = bloc.competence_threshold.or(self.rules.competence_share());
        self.rules
            .default_threshold
            .as_ref()
            .filter(|_| own.is_none())
    }
}

/// An index into one of a referential's item vectors, tagged with the kind of item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemRef {
    Bloc(usize),
    Group(usize),
    Activity(usize),
    Competence(usize),
    Criterion(usize),
    Modality(usize),
    Module(usize),
}

impl ItemRef {
    /// The kind's name as printed in diagnostics.
    pub fn kind_name(self) -> &'static str {
        match self {
            ItemRef::Bloc(_) => "bloc",
            ItemRef::Group(_) => "activity group",
            ItemRef::Activity(_) => "activity",
            ItemRef::Competence(_) => "competence",
            ItemRef::Criterion(_) => "criterion",
            ItemRef::Modality(_) => "modality",
            ItemRef::Module(_) => "module",
        }
    }

    /// The kind's name with its article: "a bloc", "an activity".
    pub fn with_article(self) -> String {
        let name = self.kind_name();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }
}

/// The certifier's rules; `None` means the rule is not part of this certification.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Rules {
    /// A competence is validated when strictly more than this percentage of its criteria are.
    pub competence_threshold: Option<u32>,
    /// …or when at least this percentage are (`competence_at_least`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competence_at_least: Option<u32>,
    /// A bloc is validated when its mark reaches this percentage of its points.
    pub bloc_pass_percent: Option<u32>,
    pub total_points: Option<u32>,
    pub pass_mark: Option<u32>,
    pub professional_evaluation: Option<ProfessionalEvaluation>,
    pub partial_certification: Option<bool>,
    pub exemptions: Option<bool>,
    /// The jury may exempt a candidate from an exam or a whole bloc (`exempted`): stated by
    /// the referential, never assumed (004: "Toutes les évaluations de Bloc doivent être
    /// respectées même si elles font l'objet d'aménagement").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exam_exemptions: Option<bool>,
    /// The pass mark as an average (`10/20`): lets the grid be decided on the points that
    /// apply when an item does not (exempted), as "10 de moyenne générale" says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass_average: Option<(f64, f64)>,
    /// Full certification needs every bloc validated, stated as such (`all-blocs`); `None`
    /// with no grid is refolio's default, said as one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub all_blocs_stated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_interview: Option<FinalInterview>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<StatusRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retakes: Option<Retakes>,
    /// The minimum period in company the title needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_time: Option<CompanyTime>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub substitutions: Vec<Substitution>,
    /// Penalties the referential provides for, in % of the mark (004: 5, 10, 15).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<u32>,
    /// The items the penalties apply to, by ID (a part of the professional evaluation, a
    /// bloc, an exam, `professional_evaluation`); empty: any mark. 004: "une diminution de
    /// la notation de la grille d'évaluation entreprise", the tutor's part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub penalties_on: Vec<String>,
    /// The certification jury's composition.
    #[serde(skip_serializing_if = "is_unstated")]
    pub jury: JuryRules,
    /// The competence threshold the text states for one bloc only, which refolio applies,
    /// as its default, to the blocs stating none (`defaults: competence_threshold`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_threshold: Option<DefaultThreshold>,
}

/// A bloc's competence threshold extended to the blocs stating none, as refolio's default.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefaultThreshold {
    /// The ID of the bloc where the text states it.
    pub from: String,
    pub share: Share,
}

fn is_unstated(rules: &JuryRules) -> bool {
    !rules.is_stated()
}

impl Rules {
    /// The referential's competence threshold, strict or inclusive.
    pub fn competence_share(&self) -> Option<Share> {
        self.competence_threshold
            .map(Share::more_than)
            .or(self.competence_at_least.map(Share::at_least))
    }

    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }

    /// Whether a rule names `route` (a time in company, a reduction of it, a substitution,
    /// an exemption from the professional evaluation): 000 and 001 name none, 004 names the
    /// VAE for its portfolio.
    pub fn names_route(&self, route: Route) -> bool {
        let company = self
            .company_time
            .iter()
            .flat_map(|c| c.routes.iter().chain(&c.reducible_routes));
        let substitutions = self.substitutions.iter().flat_map(|s| &s.routes);
        let exemptible = self
            .professional_evaluation
            .iter()
            .flat_map(|p| &p.exemptible_routes);
        company
            .chain(substitutions)
            .chain(exemptible)
            .any(|&r| r == route)
    }

    /// The declared consequence of `status` in `scope`, if the referential states one.
    pub fn status_rule(&self, scope: Scope, status: Status) -> Option<&StatusRule> {
        self.statuses
            .iter()
            .find(|s| s.scope == scope && s.status == status)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfessionalEvaluation {
    pub points: u32,
    pub minimum: Option<u32>,
    pub parts: Vec<EvaluationPart>,
    /// Routes whose candidates the jury may exempt from it (004: "à l'exception des
    /// candidats salariés").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exemptible_routes: Vec<Route>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationPart {
    /// How results name it: the written `id`, else the anchor of its title.
    pub id: String,
    pub title: String,
    pub points: u32,
}

#[derive(Debug, Default)]
pub struct Bloc {
    pub id: String,
    pub at: Option<Location>,
    pub title: String,
    pub points: Option<u32>,
    pub minimum: Option<u32>,
    pub hours: Option<u32>,
    pub summary: Option<String>,
    /// How the bloc is validated, when the referential says it for this bloc.
    pub validation: Option<BlocValidation>,
    /// A competence threshold for this bloc's competences, overriding the referential's.
    pub competence_threshold: Option<Share>,
    /// Validated by competences: at least this share of them ("au moins 4 compétences sur
    /// 5"); all of them otherwise.
    pub competences_share: Option<u32>,
    /// Full certification does not need it (`required: false`: an optional specialisation).
    pub optional: bool,
    pub groups: Vec<usize>,
    /// All activities of the bloc in reading order, grouped or not.
    pub activities: Vec<usize>,
    /// All competences of the bloc in reading order.
    pub competences: Vec<usize>,
    /// Criteria written at bloc level (shared by several competences).
    pub shared_criteria: Vec<usize>,
    pub modalities: Vec<usize>,
    pub modules: Vec<usize>,
}

#[derive(Debug)]
pub struct Group {
    pub id: String,
    pub at: Option<Location>,
    pub title: String,
    pub summary: Option<String>,
    pub bloc: usize,
    pub activities: Vec<usize>,
}

#[derive(Debug)]
pub struct Activity {
    pub id: String,
    pub at: Option<Location>,
    pub title: String,
    pub bloc: usize,
    pub group: Option<usize>,
    pub competences: Vec<usize>,
}

#[derive(Debug)]
pub struct Competence {
    pub id: String,
    pub at: Option<Location>,
    /// Markdown.
    pub text: String,
    pub bloc: usize,
    pub activity: usize,
    /// Every criterion that evaluates this competence: its own, then shared ones.
    pub criteria: Vec<usize>,
    pub modalities: Vec<usize>,
}

#[derive(Debug)]
pub struct Criterion {
    pub id: String,
    /// True when refolio derived the ID from the criterion's position.
    pub generated_id: bool,
    pub at: Option<Location>,
    /// Markdown.
    pub text: String,
    pub indicators: Vec<String>,
    pub bloc: usize,
    pub competences: Vec<usize>,
}

#[derive(Debug)]
pub struct Modality {
    pub id: String,
    pub generated_id: bool,
    pub at: Option<Location>,
    pub title: String,
    pub kind: ModalityKind,
    pub duration: Option<String>,
    pub points: Option<u32>,
    /// A mark under it is eliminatory for the bloc ("toute note inférieure à 6/20").
    pub minimum: Option<u32>,
    /// Markdown.
    pub description: Option<String>,
    pub bloc: usize,
    pub evaluates: Vec<usize>,
}

#[derive(Debug)]
pub struct Module {
    pub id: String,
    pub at: Option<Location>,
    pub title: String,
    pub hours: Option<u32>,
    pub bloc: usize,
}

/// Whether `id` is a well-formed item ID: ASCII letters, digits, `.`, `_`, `-`, starting
/// with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_lowercase_and_dash_separated() {
        assert_eq!(anchor("C.1.1.a"), "c-1-1-a");
        assert_eq!(anchor("Cr1.1.1"), "cr1-1-1");
        assert_eq!(anchor("C1.2.cr3"), "c1-2-cr3");
        assert_eq!(anchor("--A__1--"), "a-1");
        assert_eq!(anchor("Æsir ex æquo"), "aesir-ex-aequo");
    }

    #[test]
    fn ids_reject_spaces_and_leading_punctuation() {
        assert!(is_valid_id("C.1.1.a"));
        assert!(!is_valid_id("Cr 1.1"));
        assert!(!is_valid_id(".C1"));
        assert!(!is_valid_id(""));
    }
}
