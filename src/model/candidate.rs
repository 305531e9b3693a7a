//! The candidate side of the model: a [`Candidate`] presents blocs of one referential and
//! brings [`Evidence`]; items of the referential are referred to by index. Built by
//! `lower::lower_candidate`; no I/O, no HTML.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Location;

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

#[derive(Debug)]
pub struct Candidate {
    /// The folder name.
    pub id: String,
    /// The URL segment: the ID, or the pseudonym's slug when the site pseudonymises.
    pub slug: String,
    /// The name shown: the real name, or the pseudonym when the site pseudonymises.
    pub name: String,
    pub passport: Location,
    pub referential: usize,
    /// Blocs presented, in the referential's order.
    pub blocs: Vec<usize>,
    pub route: Option<Route>,
    pub session: Option<String>,
    pub tutor: Option<Tutor>,
    pub job: Option<Job>,
    pub exemptions: Vec<Exemption>,
    /// competence index → assessment.
    pub self_assessment: BTreeMap<usize, Score>,
    pub tutor_assessment: BTreeMap<usize, Score>,
    pub soft_skills: Vec<SoftSkill>,
    pub results: Results,
    pub evidence: Vec<Evidence>,
    /// Some evidence file did not load (already reported): what it covers is unknown, so
    /// gaps are not reported.
    pub unread_evidence: bool,
}

impl Candidate {
    pub fn presents(&self, bloc: usize) -> bool {
        self.blocs.contains(&bloc)
    }

    pub fn exemption(&self, criterion: usize) -> Option<&Exemption> {
        self.exemptions.iter().find(|e| e.criterion == criterion)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Tutor {
    pub name: String,
    pub role: Option<String>,
    pub company: Option<String>,
}

/// The job description (fiche de poste) filled at the start of the route.
#[derive(Debug)]
pub struct Job {
    pub title: String,
    pub company: Option<String>,
    pub date: Option<String>,
    pub missions: Vec<Mission>,
}

#[derive(Debug)]
pub struct Mission {
    pub text: String,
    pub competences: Vec<usize>,
}

/// A criterion the jury exempted the candidate from.
#[derive(Debug)]
pub struct Exemption {
    pub criterion: usize,
    pub reason: String,
    pub date: Option<String>,
}

/// An assessment: a level, or a mark out of some scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Score {
    Level(Level),
    Mark { value: f64, out_of: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Acquired,
    PartlyAcquired,
    NotAcquired,
}

impl Level {
    pub const NAMES: [&'static str; 3] = ["acquired", "partly-acquired", "not-acquired"];

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "acquired" => Some(Level::Acquired),
            "partly-acquired" => Some(Level::PartlyAcquired),
            "not-acquired" => Some(Level::NotAcquired),
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Level::Acquired => "level_acquired",
            Level::PartlyAcquired => "level_partly_acquired",
            Level::NotAcquired => "level_not_acquired",
        }
    }
}

#[derive(Debug)]
pub struct SoftSkill {
    pub skill: String,
    pub own: Option<Score>,
    pub tutor: Option<Score>,
}

/// Results known so far. Marks are in points on the item's own scale.
#[derive(Debug, Default)]
pub struct Results {
    /// criterion index → validated.
    pub criteria: BTreeMap<usize, bool>,
    /// bloc index → mark given for the whole bloc.
    pub bloc_marks: BTreeMap<usize, f64>,
    /// modality index → mark.
    pub modality_marks: BTreeMap<usize, f64>,
    pub professional_evaluation: Option<f64>,
}

/// One evidence file.
#[derive(Debug)]
pub struct Evidence {
    /// Relative to the site root, for diagnostics.
    pub path: PathBuf,
    /// Relative to the candidate folder, `/`-separated, without extension: the page is
    /// `<stem>.html` in the candidate's folder of the site.
    pub stem: String,
    pub title: String,
    pub date: Option<String>,
    pub company: Option<String>,
    pub mission: Option<String>,
    pub demonstrates: Vec<Demonstration>,
    pub attachments: Vec<Attachment>,
    /// Markdown, untrusted.
    pub body: String,
}

impl Evidence {
    /// Whether this evidence names the competence, directly or through one of its criteria.
    pub fn covers_competence(&self, competence: usize, criteria: &[usize]) -> bool {
        self.demonstrates.iter().any(|d| match d.item {
            Demonstrated::Competence(c) => c == competence,
            Demonstrated::Criterion(c) => criteria.contains(&c),
        })
    }

    pub fn covers_criterion(&self, criterion: usize) -> bool {
        self.demonstrates
            .iter()
            .any(|d| d.item == Demonstrated::Criterion(criterion))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Demonstrated {
    Competence(usize),
    Criterion(usize),
}

#[derive(Debug)]
pub struct Demonstration {
    pub item: Demonstrated,
    /// Where in the evidence ("section 3, dashboard p. 12").
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    /// Relative to the candidate folder, `/`-separated.
    pub target: String,
    pub source: PathBuf,
    pub title: Option<String>,
}
