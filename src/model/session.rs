//! Jury sessions: the composition a referential requires of its certification jury
//! ([`JuryRules`]), and a session as the certifier records it ([`Session`]): its date,
//! place and jury, and the candidates it deliberates on, with the decisions it takes.

use serde::Serialize;

use super::JuryDecision;
use crate::diagnostics::Location;

/// What a jury member is, for the composition rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quality {
    /// A professional of the trade, outside the training organisation.
    Professional,
    /// A trainer of the training organisation.
    Trainer,
    /// A representative of the certifier (or of the organisation that holds the session).
    Certifier,
    Other,
}

impl Quality {
    pub const NAMES: [&'static str; 4] = ["professional", "trainer", "certifier", "other"];

    pub fn parse(s: &str) -> Option<Quality> {
        match s {
            "professional" => Some(Quality::Professional),
            "trainer" => Some(Quality::Trainer),
            "certifier" => Some(Quality::Certifier),
            "other" => Some(Quality::Other),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Quality::NAMES[self as usize]
    }

    /// The key of its label in `strings.toml`.
    pub fn label_key(self) -> &'static str {
        match self {
            Quality::Professional => "quality_professional",
            Quality::Trainer => "quality_trainer",
            Quality::Certifier => "quality_certifier",
            Quality::Other => "quality_other",
        }
    }
}

/// A member's part in the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    President,
    Member,
    /// Attends and does not deliberate (004: the sponsoring school's representative).
    Observer,
}

impl Role {
    pub const NAMES: [&'static str; 3] = ["president", "member", "observer"];

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "president" => Some(Role::President),
            "member" => Some(Role::Member),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Role::President => "role_president",
            Role::Member => "role_member",
            Role::Observer => "role_observer",
        }
    }
}

/// How many deliberating members of a quality the jury needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quota {
    pub quality: Quality,
    pub at_least: Option<u32>,
    pub at_most: Option<u32>,
}

/// The composition of the certification jury, as the referential states it. Every field is
/// a rule of the text; `None` or empty: the text does not say, and nothing is checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct JuryRules {
    /// Deliberating members (observers not counted).
    pub min_members: Option<u32>,
    pub max_members: Option<u32>,
    /// A president is required, of this quality (`None` inside: of any quality).
    pub president: Option<Option<Quality>>,
    pub quotas: Vec<Quota>,
    /// At least this percentage of the deliberating members are professionals.
    pub professional_share: Option<u32>,
    /// A member linked to a candidate (tutor, trainer) does not deliberate on them: stated
    /// by the text (004: "ne doivent pas avoir participé à la formation du candidat").
    pub independence: bool,
}

impl JuryRules {
    /// The text states something of the jury's composition.
    pub fn is_stated(&self) -> bool {
        *self != JuryRules::default()
    }
}

/// A jury member.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub quality: Quality,
    /// What qualifies them (function, years in the trade), as the PV states it.
    pub qualification: Option<String>,
    pub organisation: Option<String>,
    /// Candidates on whom they do not deliberate: a tutor, a trainer, any link.
    pub recused: Vec<super::CandidateId>,
    pub at: Location,
}

impl Member {
    pub fn deliberates(&self) -> bool {
        self.role != Role::Observer
    }
}

/// A candidate a session deliberates on.
#[derive(Debug, Clone)]
pub struct Deliberated {
    pub candidate: super::CandidateId,
    /// The decision written in the session file, if any (else the passport's `jury:`).
    pub decision: Option<JuryDecision>,
    /// A decision is written in the session file, even one that did not lower (reported).
    pub written: bool,
    pub at: Location,
}

/// A jury session, from `content/sessions/<id>.yaml`.
#[derive(Debug, Clone)]
pub struct Session {
    /// The file stem; also its folder in the site.
    pub id: String,
    pub title: Option<String>,
    pub referential: super::ReferentialId,
    /// YYYY-MM-DD.
    pub date: String,
    pub place: Option<String>,
    pub members: Vec<Member>,
    pub candidates: Vec<Deliberated>,
    /// The jury's list: where a problem of its composition is reported.
    pub at: Location,
}

impl Session {
    /// The members who deliberate on candidate `c`: not observers, not recused.
    pub fn panel<'a>(
        &'a self,
        c: &'a super::CandidateId,
    ) -> impl Iterator<Item = (usize, &'a Member)> {
        self.members
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.deliberates() && !m.recused.contains(c))
    }
}
