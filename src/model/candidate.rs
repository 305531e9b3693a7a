//! The candidate side of the model: a [`Candidate`] presents blocs of one referential and
//! brings [`Evidence`]; items of the referential are referred to by index. Built by
//! `lower::lower_candidate`; no I/O, no HTML.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{Consequence, Rules, Scope, Status};
use crate::diagnostics::Location;
pub use crate::vocabulary::{Pronoun, Route};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Candidate {
    /// The folder name.
    pub id: String,
    /// The URL segment: the ID, or the pseudonym's slug when the site pseudonymises.
    pub slug: String,
    /// The name shown: the real name, or the pseudonym when the site pseudonymises.
    pub name: String,
    /// When the site pseudonymises, the real name as credentials carry it: hashed.
    pub hashed_name: Option<HashedName>,
    pub passport: Location,
    pub referential: super::ReferentialId,
    /// Blocs presented, in the referential's order.
    pub blocs: Vec<usize>,
    pub route: Option<Route>,
    /// The passport's pronoun; none on a pseudonymised site, which names no one.
    pub pronoun: Option<Pronoun>,
    pub session: Option<String>,
    pub tutor: Option<Tutor>,
    pub job: Option<Job>,
    pub exemptions: Vec<Exemption>,
    /// competence index → assessment.
    pub self_assessment: BTreeMap<usize, Score>,
    pub tutor_assessment: BTreeMap<usize, Score>,
    pub soft_skills: Vec<SoftSkill>,
    /// Sessions in chronological order; empty while no result is known.
    pub attempts: Vec<Attempt>,
    pub jury: Option<JuryDecision>,
    /// The time spent in company, in hours, as the passport records it.
    pub company_time: Option<CompanyTimeRecord>,
    pub evidence: Vec<Evidence>,
    /// Some evidence file did not load (already reported): what it covers is unknown, so
    /// gaps are not reported.
    pub unread_evidence: bool,
}

/// A name as Open Badges 3.0 hashes an identity (`IdentityObject`): `sha256$` and the
/// hexadecimal SHA-256 of the name followed by the salt. The name cannot be read back; the
/// holder of a credential proves it is theirs by showing the name that gives the hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashedName {
    pub hash: String,
    pub salt: String,
}

impl HashedName {
    /// The salt derives from the candidate's folder, so builds are deterministic; it is
    /// published beside the hash, as the standard has it.
    pub fn new(name: &str, folder: &str) -> HashedName {
        use sha2::{Digest, Sha256};
        let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
        let salt = hex(&Sha256::digest(format!("refolio-salt/{folder}").as_bytes())[..16]);
        let hash = hex(&Sha256::digest(format!("{name}{salt}").as_bytes()));
        HashedName {
            hash: format!("sha256${hash}"),
            salt,
        }
    }
}

impl Candidate {
    pub fn presents(&self, bloc: usize) -> bool {
        self.blocs.contains(&bloc)
    }

    pub fn exemption(&self, criterion: usize) -> Option<&Exemption> {
        self.exemptions.iter().find(|e| e.criterion == criterion)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tutor {
    pub name: String,
    pub role: Option<String>,
    pub company: Option<String>,
}

/// The time spent in company (alternance, stage), in hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyTimeRecord {
    pub hours: f64,
    /// The minimum as a positioning reduced it (004: "peut-être réduite jusqu'à 105h").
    pub reduced_to: Option<f64>,
}

/// The job description (fiche de poste) filled at the start of the route.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    pub title: String,
    pub company: Option<String>,
    pub date: Option<String>,
    pub missions: Vec<Mission>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mission {
    pub text: String,
    pub competences: Vec<usize>,
}

/// A criterion the jury exempted the candidate from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exemption {
    pub criterion: usize,
    pub reason: String,
    pub date: Option<String>,
}

/// An assessment: a level, or a mark out of some scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Score {
    Level(Level),
    Mark { value: f64, out_of: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SoftSkill {
    pub skill: String,
    pub own: Option<Score>,
    pub tutor: Option<Score>,
}

/// What happened on one assessed item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    /// `value` points out of `out_of` (the item's points; a module's own scale), before
    /// any penalty.
    Mark {
        value: f64,
        out_of: f64,
        /// A penalty in % of the mark, one the referential provides for.
        penalty: Option<u32>,
    },
    /// Validated or not, for items without points: a certificate, an interview, a
    /// substitute.
    Verdict(bool),
    Status(Status),
}

impl Outcome {
    /// The mark counted, the penalty applied.
    pub fn points(&self) -> Option<f64> {
        match *self {
            Outcome::Mark { value, penalty, .. } => {
                // Multiplied before divided: 52 less 10 % is 46.8, not 46.800000000000004.
                Some(value * f64::from(100 - penalty.unwrap_or(0).min(100)) / 100.0)
            }
            _ => None,
        }
    }

    pub fn status(&self) -> Option<Status> {
        match *self {
            Outcome::Status(s) => Some(s),
            _ => None,
        }
    }
}

/// One item's result in one session, with what was written beside it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemResult {
    pub outcome: Outcome,
    /// The jury's reason for an exemption, or a note.
    pub reason: Option<String>,
    pub date: Option<String>,
    /// The final interview's jury.
    pub jury: Vec<String>,
    pub at: Location,
}

/// How a session came: the first, a retake (rattrapage) or a repeated year (redoublement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttemptKind {
    First,
    Retake,
    Repeat,
}

impl AttemptKind {
    pub const NAMES: [&'static str; 3] = ["first", "retake", "repeat"];

    pub fn parse(s: &str) -> Option<AttemptKind> {
        match s {
            "first" => Some(AttemptKind::First),
            "retake" => Some(AttemptKind::Retake),
            "repeat" => Some(AttemptKind::Repeat),
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            AttemptKind::First => "attempt_first",
            AttemptKind::Retake => "attempt_retake",
            AttemptKind::Repeat => "attempt_repeat",
        }
    }
}

/// The results of one session. Marks are in points on the item's own scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attempt {
    pub session: Option<String>,
    pub kind: AttemptKind,
    /// Where the attempt is written, for diagnostics about it as a whole.
    pub at: Location,
    /// criterion index → validated.
    pub criteria: BTreeMap<usize, bool>,
    /// competence index → validated, where the referential evaluates competences directly.
    pub competences: BTreeMap<usize, bool>,
    /// bloc index → a result given for the whole bloc (a mark, a certificate's verdict).
    pub blocs: BTreeMap<usize, ItemResult>,
    pub modalities: BTreeMap<usize, ItemResult>,
    pub modules: BTreeMap<usize, ItemResult>,
    pub professional: Option<ItemResult>,
    /// part index → result.
    pub professional_parts: BTreeMap<usize, ItemResult>,
    pub final_interview: Option<ItemResult>,
    /// bloc index → the result of what replaced its exams.
    pub substitutes: BTreeMap<usize, ItemResult>,
}

impl Attempt {
    pub fn new(at: Location, session: Option<String>) -> Attempt {
        Attempt {
            session,
            kind: AttemptKind::First,
            at,
            criteria: BTreeMap::new(),
            competences: BTreeMap::new(),
            blocs: BTreeMap::new(),
            modalities: BTreeMap::new(),
            modules: BTreeMap::new(),
            professional: None,
            professional_parts: BTreeMap::new(),
            final_interview: None,
            substitutes: BTreeMap::new(),
        }
    }

    /// Every result of the session, with the scope its statuses are read in.
    pub fn results(&self) -> impl Iterator<Item = (Scope, &ItemResult)> {
        let exams = self
            .blocs
            .values()
            .chain(self.modalities.values())
            .chain(self.substitutes.values());
        let pro = self
            .professional
            .iter()
            .chain(self.professional_parts.values())
            .chain(self.final_interview.iter());
        exams
            .map(|r| (Scope::Exams, r))
            .chain(pro.map(|r| (Scope::Professional, r)))
            .chain(self.modules.values().map(|r| (Scope::Modules, r)))
    }

    /// Whether a status of the session voids it (004: fraud), as the referential declares.
    pub fn voided(&self, rules: &Rules) -> Option<Status> {
        self.results().find_map(|(scope, r)| {
            let status = r.outcome.status()?;
            let rule = rules.status_rule(scope, status)?;
            (rule.consequence == Consequence::SessionVoid).then_some(status)
        })
    }
}

/// What the jury itself decided for the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JuryVerdict {
    Full,
    Partial,
    NotAwarded,
    /// Postponed to a later session.
    Deferred,
}

impl JuryVerdict {
    pub const NAMES: [&'static str; 4] = ["full", "partial", "not-awarded", "deferred"];

    pub fn parse(s: &str) -> Option<JuryVerdict> {
        match s {
            "full" => Some(JuryVerdict::Full),
            "partial" => Some(JuryVerdict::Partial),
            "not-awarded" => Some(JuryVerdict::NotAwarded),
            "deferred" => Some(JuryVerdict::Deferred),
            _ => None,
        }
    }
}

/// The jury's recorded decision (the jury is sovereign: 004).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JuryDecision {
    pub verdict: JuryVerdict,
    pub date: Option<String>,
    /// Blocs awarded, in the referential's order.
    pub blocs: Vec<usize>,
    pub motive: Option<String>,
    pub at: Location,
}

/// One evidence file.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Demonstrated {
    Competence(usize),
    Criterion(usize),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Demonstration {
    pub item: Demonstrated,
    /// Where in the evidence ("section 3, dashboard p. 12").
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    /// Relative to the candidate folder, `/`-separated.
    pub target: String,
    pub source: PathBuf,
    pub title: Option<String>,
    /// Shown or linked by the text rather than listed: published, not listed again.
    pub inline: bool,
}
