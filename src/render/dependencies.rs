//! The dependency map: which [`Change`] may change which page, and which scope's pages.
//! A full build renders every page of the plan; `serve` renders only the pages whose
//! dependencies changed, so a page missing a dependency here goes stale in the preview.

use crate::incremental::{Change, ChangeKind, referential_id};
use crate::model::{Candidate, Site};

use super::Templates;
use super::plan::{Page, Scope};

impl Scope {
    /// Whether `change` may affect a page of this scope, or which pages it has. Cheap, so
    /// that a change inside one candidate does not look at every page of the site.
    pub fn depends_on(&self, site: &Site, change: &Change) -> bool {
        let change = match change {
            Change::Source(k) => k,
            // A standing shows in lists of candidates and in sessions.
            Change::Standing(_) => return matches!(self, Scope::Site | Scope::Session(_)),
        };
        match (self, change) {
            (Scope::Site | Scope::Session(_), _) => true,
            (_, ChangeKind::Config | ChangeKind::Tree) => true,
            (_, c) if c.is_template() => true,
            (Scope::Referential(r), ChangeKind::Referential(name)) => **r == *referential_id(name),
            (Scope::Referential(_), _) => false,
            // A dossier lists the sessions of its candidate.
            (Scope::Candidate(_), ChangeKind::Session(_)) => true,
            (Scope::Candidate(id), change) => site
                .candidates
                .get(id)
                .is_some_and(|c| candidate_depends_on(c, change)),
        }
    }
}

fn candidate_depends_on(candidate: &Candidate, change: &ChangeKind) -> bool {
    match change {
        ChangeKind::Referential(name) => *candidate.referential == *referential_id(name),
        other => other.candidate() == Some(candidate.id.as_str()),
    }
}

impl Page<'_> {
    /// The dependency map: whether `change` may change this page's bytes. A page whose path
    /// is new is written whatever its dependencies (see `serve::rebuild`).
    pub fn depends_on(self, site: &Site, templates: &Templates, change: &Change) -> bool {
        use ChangeKind as K;
        let change = match change {
            Change::Source(k) => k,
            // Every candidate's row: its coverage and decision; sessions show decisions.
            Change::Standing(folder) => {
                return matches!(self, Page::Jury | Page::ReportIndex)
                    || self.names_candidate(site, folder);
            }
        };
        match (self, change) {
            (_, K::Config | K::Tree) => true,
            // Sessions are read again after any change, and judge passports, dossiers and
            // referentials: their documents follow every change but the stylesheet's.
            (
                Page::Sessions
                | Page::Certified(_)
                | Page::CertifiedCsv(_)
                | Page::Minutes(_)
                | Page::SessionCertified(_)
                | Page::SessionCertifiedCsv(_)
                | Page::Certificate(..)
                | Page::Credential(..)
                | Page::SignedCredential(..),
                change,
            ) => self.session_document_depends_on(site, templates, change),
            // The key is configured: only a config change reaches it.
            (Page::IssuerKey, _) => false,
            // The jury index links the sessions when there are some; a dossier, the
            // sessions of its candidate.
            (Page::Jury | Page::Dossier(_), K::Session(_)) => true,
            (_, K::Session(_)) => false,
            (Page::Stylesheet, K::Stylesheet) => true,
            (Page::Stylesheet | Page::Highlight | Page::SearchScript, _) => false,
            (page, K::Strings) => page.template().is_some() || matches!(page, Page::Report(_)),
            (page, K::Templates) => page.template().is_some(),
            (page, K::Template(name)) => {
                page.template().is_some_and(|t| templates.affects(t, name))
            }
            (_, K::Stylesheet) => false,
            // Summaries of every referential; the jury link appears with the first candidate.
            (Page::Home, K::Referential(_) | K::Candidate(_)) => true,
            // The scopes offered: every referential's title and candidate's name.
            (Page::Search, K::Referential(_) | K::Candidate(_)) => true,
            (Page::Search, _) => false,
            // The formats of the documents candidates attach (found by the partial builds'
            // property test: deleting the only candidate with attachments left them listed).
            (Page::Accessibility, K::Candidate(_) | K::Evidence(..) | K::Asset(_)) => true,
            (Page::Home | Page::Accessibility, _) => false,
            // Every candidate's row: passport, referential, and standing; an evidence edit
            // that leaves coverage and decision as they were does not change it.
            (Page::Jury | Page::ReportIndex, K::Evidence(..) | K::Asset(_)) => false,
            (Page::Jury | Page::ReportIndex, _) => true,
            (
                Page::Referential(r)
                | Page::Competence(r, _)
                | Page::ReferentialJson(r)
                | Page::ReferentialSearch(r)
                | Page::Case(r)
                | Page::BlocBadge(r, _)
                | Page::CertificationBadge(r),
                change,
            ) => {
                matches!(change, K::Referential(name) if **r == *referential_id(name))
            }
            (Page::Dossier(c) | Page::Report(c) | Page::CandidateSearch(c), change) => {
                candidate_depends_on(&site.candidates[c], change)
            }
            (Page::Evidence(c, i), change) => match change {
                K::Evidence(_, stem) if *stem != site.candidates[c].evidence[i].stem => false,
                other => candidate_depends_on(&site.candidates[c], other),
            },
            // A copy of the file: only its bytes matter.
            (Page::Attachment(c, ..), K::Asset(folder)) => **c == *folder,
            (Page::Attachment(..), _) => false,
        }
    }

    /// The dependency map of a session document: its session's files, its referential,
    /// the passports of the candidates it names (their names, their decisions); an
    /// evidence edit reaches it as a [`Change::Standing`] only.
    fn session_document_depends_on(
        self,
        site: &Site,
        templates: &Templates,
        change: &ChangeKind,
    ) -> bool {
        use ChangeKind as K;
        let session = match self {
            Page::Minutes(s)
            | Page::SessionCertified(s)
            | Page::SessionCertifiedCsv(s)
            | Page::Certificate(s, ..)
            | Page::Credential(s, ..)
            | Page::SignedCredential(s, ..) => site.sessions.get(s),
            _ => None,
        };
        match (self.template(), change) {
            (_, K::Config | K::Tree | K::Session(_)) => true,
            (_, K::Stylesheet) => false,
            (Some(t), K::Template(name)) => templates.affects(t, name),
            (Some(_), K::Templates | K::Strings) => true,
            (None, _) if change.is_template() => false,
            (_, K::Evidence(..) | K::Asset(_)) => false,
            (_, K::Referential(name)) => {
                session.is_none_or(|s| *s.referential == *referential_id(name))
            }
            (_, K::Candidate(folder)) => {
                session.is_none_or(|s| s.candidates.iter().any(|d| *d.candidate == *folder))
            }
            _ => true,
        }
    }

    /// Whether this session document shows candidate `folder`'s decision.
    fn names_candidate(self, site: &Site, folder: &str) -> bool {
        let in_session =
            |s: &crate::model::Session| s.candidates.iter().any(|d| *d.candidate == *folder);
        match self {
            Page::Sessions => site.sessions.values().any(in_session),
            Page::Certified(r) | Page::CertifiedCsv(r) => site
                .sessions
                .values()
                .any(|s| s.referential == *r && in_session(s)),
            Page::Minutes(s)
            | Page::SessionCertified(s)
            | Page::SessionCertifiedCsv(s)
            | Page::Certificate(s, ..)
            | Page::Credential(s, ..)
            | Page::SignedCredential(s, ..) => site.sessions.get(s).is_some_and(in_session),
            _ => false,
        }
    }
}
