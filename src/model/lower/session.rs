//! Lowering of a jury session file: its referential, date and members checked and resolved,
//! and each candidate it names found among the site's, with the decision the file records
//! for them lowered as a passport's `jury:` is.

use std::path::PathBuf;

use super::candidate::CandidateLowering;
use super::*;
use crate::load::session::{RawMember, SessionFile};
use crate::model::session::*;

/// Lowers a session file against the site's referentials and candidates; `None` when its
/// referential is unknown (reported). A candidate of `unloaded` (a folder whose passport
/// failed, already reported) is left out without a second error.
pub fn lower_session(
    file: SessionFile,
    referentials: &ById<ReferentialId, Referential>,
    candidates: &ById<CandidateId, Candidate>,
    unloaded: &[&str],
    diags: &mut Diagnostics,
) -> Option<Session> {
    let raw = file.raw;
    let mut cx = SessionLowering {
        path: file.path,
        candidates,
        unloaded,
        diags,
    };
    let rid = raw.referential.value.trim();
    let Some(r) = referentials.get(rid) else {
        let help = did_you_mean(rid, referentials.keys().map(|id| &**id))
            .map(|id| format!("did you mean `{id}`?"));
        let message = format!("no referential `{rid}`");
        cx.push(Kind::DanglingReference, &raw.referential, message, help);
        return None;
    };
    let date = raw.date.value.trim().to_owned();
    if !is_iso_date(&date) {
        let help = Some("write dates as YYYY-MM-DD, e.g. 2026-06-18".into());
        cx.push(
            Kind::InvalidValue,
            &raw.date,
            format!("`{date}` is not a date"),
            help,
        );
    }

    let mut deliberated: Vec<Deliberated> = Vec::new();
    for (id, raw_decision) in &raw.candidates.value.0 {
        let Some(c) = cx.candidate(id) else { continue };
        let candidate = &candidates[&c];
        if deliberated.iter().any(|d| d.candidate == c) {
            let message = format!(
                "candidate `{}` is named twice in this session",
                candidate.id
            );
            cx.push(Kind::DuplicateId, id, message, None);
            continue;
        }
        if *candidate.referential != *r.id {
            let message = format!(
                "candidate `{}` presents `{}`, not `{rid}`, this session's referential",
                candidate.id, candidate.referential
            );
            let help = "a jury deliberates on one certification: name the candidate in a session of theirs";
            cx.push(Kind::InvalidValue, id, message, Some(help.into()));
            continue;
        }
        let decision = raw_decision.as_ref().and_then(|raw| {
            CandidateLowering {
                path: cx.path.clone(),
                r,
                presented: candidate.blocs.clone(),
                route: candidate.route,
                exempted: Vec::new(),
                diags: cx.diags,
            }
            .jury(raw)
        });
        deliberated.push(Deliberated {
            candidate: c,
            written: raw_decision.is_some(),
            decision,
            at: cx.location(id),
        });
    }
    if raw.candidates.value.0.is_empty() {
        let at = Location::new(&cx.path, crate::load::position(&raw.candidates));
        cx.diags.push(
            Diagnostic::warning(
                Kind::Empty,
                Some(at),
                "this session deliberates on no candidate",
            )
            .with_suggestion(Some(
                "name the candidates' folders under `candidates:`".into(),
            )),
        );
    }
    let members = raw
        .jury
        .value
        .iter()
        .filter_map(|m| cx.member(m, &deliberated))
        .collect();
    if raw.jury.value.is_empty() {
        let at = Location::new(&cx.path, crate::load::position(&raw.jury));
        let message = "the session names no jury member";
        cx.diags
            .push(Diagnostic::error(Kind::Empty, Some(at), message));
    }
    Some(Session {
        id: file.id,
        title: raw
            .title
            .as_ref()
            .map(|t| cx.text(t, "the session's title")),
        referential: ReferentialId(r.id.clone()),
        date,
        place: raw
            .place
            .as_ref()
            .map(|p| cx.text(p, "the session's place")),
        members,
        candidates: deliberated,
        at: cx.location(&raw.jury),
    })
}

struct SessionLowering<'a> {
    path: PathBuf,
    candidates: &'a ById<CandidateId, Candidate>,
    unloaded: &'a [&'a str],
    diags: &'a mut Diagnostics,
}

impl SessionLowering<'_> {
    fn location<T>(&self, s: &Spanned<T>) -> Location {
        Location::new(&self.path, crate::load::position(s))
    }

    fn push<T>(&mut self, kind: Kind, at: &Spanned<T>, message: String, help: Option<String>) {
        let at = self.location(at);
        self.diags
            .push(Diagnostic::error(kind, Some(at), message).with_suggestion(help));
    }

    fn text(&mut self, s: &Spanned<String>, what: &str) -> String {
        let t = s.value.trim();
        if t.is_empty() {
            self.push(Kind::EmptyText, s, format!("{what} is empty"), None);
        }
        t.to_owned()
    }

    /// The candidate a folder name names, or a located error.
    fn candidate(&mut self, id: &Spanned<String>) -> Option<CandidateId> {
        let key = id.value.trim();
        let found = self.candidates.get_key_value(key).map(|(id, _)| id.clone());
        if found.is_none() && !self.unloaded.contains(&key) {
            let ids = self.candidates.keys().map(|id| &**id);
            let help = did_you_mean(key, ids).map(|c| format!("did you mean `{c}`?"));
            let message = format!("no candidate `{key}` in content/candidates/");
            self.push(Kind::DanglingReference, id, message, help);
        }
        found
    }

    fn name<T>(
        &mut self,
        s: &Spanned<String>,
        what: &str,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let at = Some(self.location(s));
        super::process::parse_name_at(self.diags, at, s, what, names, parse)
    }

    fn member(&mut self, m: &RawMember, deliberated: &[Deliberated]) -> Option<Member> {
        let role = match &m.role {
            None => Some(Role::Member),
            Some(s) => self.name(s, "jury role", &Role::NAMES, Role::parse),
        };
        let quality = self.name(
            &m.quality,
            "jury member quality",
            &Quality::NAMES,
            Quality::parse,
        );
        let mut recused = Vec::new();
        for id in &m.recused {
            match self.candidate(id) {
                Some(c) if deliberated.iter().any(|d| d.candidate == c) => recused.push(c),
                Some(_) => {
                    let at = self.location(id);
                    let message = format!(
                        "`{}` is not deliberated on in this session",
                        id.value.trim()
                    );
                    self.diags
                        .push(Diagnostic::warning(Kind::OutOfScope, Some(at), message));
                }
                None => {}
            }
        }
        Some(Member {
            name: self.text(&m.name, "a jury member's name"),
            role: role?,
            quality: quality?,
            qualification: m
                .qualification
                .as_ref()
                .map(|q| self.text(q, "a member's qualification")),
            organisation: m
                .organisation
                .as_ref()
                .map(|o| self.text(o, "a member's organisation")),
            recused,
            at: self.location(&m.name),
        })
    }
}
