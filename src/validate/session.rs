//! Jury sessions checked against the referential and the candidates: the jury's
//! composition as the referential states it (for the whole session, and for each candidate
//! on whom a member does not deliberate), members linked to a candidate, a candidate in
//! two sessions of one date, and the decision each session takes. What a session awards —
//! the title, the blocs not awarded before — follows the jury's decision, which is
//! sovereign; the rules' proposal is kept beside it for the procès-verbal.

use std::collections::{HashMap, HashSet};

use super::title::Decision;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location};
use crate::model::{
    ById, Candidate, CandidateId, JuryDecision, JuryRules, JuryVerdict, Member, Quality, Role,
    Session, SessionId, Site,
};
use crate::validate::{Dossier, Dossiers, check_motive, dossier, known_at};

/// What one session decides for one candidate.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub candidate: CandidateId,
    /// The decision the rules give on the results known at the session's date.
    pub proposal: Decision,
    /// The jury's decision: the session file's, else the passport's.
    pub decision: Option<JuryDecision>,
    pub differs: bool,
    /// The session awards the title.
    pub title: bool,
    /// Blocs this session awards (indices in the referential), not awarded by an earlier one.
    pub blocs: Vec<usize>,
    /// The earlier session (date, ID) whose `full` gave the title: this one only adds blocs.
    pub titled_by: Option<(String, SessionId)>,
    /// The blocs a `full` decision awards: every bloc presented the title needs, and an
    /// optional one (004's CCE, "composé de 4 blocs") only when validated by the session's
    /// date.
    full_blocs: Vec<usize>,
}

/// What a session decides: one verdict per candidate, in the file's order.
#[derive(Debug, Clone)]
pub struct Deliberation {
    pub verdicts: Vec<Verdict>,
}

/// Each session's deliberation, by session ID.
pub type Deliberations = ById<SessionId, Deliberation>;

/// Checks every session of `site` and decides what each awards, from the candidates'
/// `dossiers`.
pub fn deliberate(site: &Site, dossiers: &Dossiers, diags: &mut Diagnostics) -> Deliberations {
    let mut sessions_of: HashMap<&CandidateId, usize> = HashMap::new();
    let mut seen: HashMap<(&CandidateId, &str), &str> = HashMap::new();
    for session in site.sessions.values() {
        composition(site, session, diags);
        for d in &session.candidates {
            *sessions_of.entry(&d.candidate).or_default() += 1;
            if let Some(other) = seen.insert((&d.candidate, &session.date), &session.id) {
                let c = &site.candidates[&d.candidate];
                diags.push(
                    Diagnostic::error(
                        Kind::DuplicateId,
                        Some(d.at.clone()),
                        format!(
                            "candidate `{}` is already deliberated on by session `{other}` of the same date, {}",
                            c.id, session.date
                        ),
                    )
                    .with_suggestion(Some("a jury decides once per date: keep one of the two".into())),
                );
            }
        }
        conflicts(site, session, diags);
    }
    let titled = titles(site, &sessions_of);
    let mut deliberations: Deliberations = site
        .sessions
        .iter()
        .map(|(id, session)| {
            let verdicts = session
                .candidates
                .iter()
                .map(|d| {
                    let c = &site.candidates[&d.candidate];
                    let sessions = sessions_of.get(&d.candidate).copied().unwrap_or(1);
                    let decision = if d.written && d.decision.is_none() {
                        None // written and wrong: already reported
                    } else {
                        resolve(c, session, d.decision.as_ref(), sessions, &d.at, diags)
                    };
                    let (proposal, left_to_jury, validated) =
                        proposal(site, c, &dossiers[&d.candidate], &session.date);
                    let r = site.referential(&c.referential);
                    let full_blocs = c
                        .blocs
                        .iter()
                        .copied()
                        .filter(|b| !r.blocs[*b].optional || validated.contains(b))
                        .collect();
                    // A passport's decision without motive is reported with its dossier.
                    let mut unreported = Diagnostics::default();
                    let sink = if d.decision.is_some() {
                        &mut *diags
                    } else {
                        &mut unreported
                    };
                    // The title held from an earlier session, a later one only adds blocs:
                    // naming blocs validated on its date departs from no rule (004's CCE
                    // obtained after the title).
                    let titled_by = titled
                        .get(&d.candidate)
                        .filter(|first| **first < (session.date.as_str(), session.id.as_str()));
                    let held = titled_by.is_some();
                    let adds = decision.as_ref().is_some_and(|j| {
                        held && j.verdict == JuryVerdict::Partial
                            && j.blocs.iter().all(|b| validated.contains(b))
                    });
                    let differs = !adds
                        && decision.as_ref().is_some_and(|j| {
                            check_motive(&c.id, j, r, &proposal, left_to_jury, sink)
                        });
                    Verdict {
                        candidate: d.candidate.clone(),
                        proposal,
                        decision,
                        differs,
                        title: false,
                        blocs: Vec::new(),
                        titled_by: titled_by
                            .map(|(date, id)| ((*date).to_owned(), SessionId((*id).to_owned()))),
                        full_blocs,
                    }
                })
                .collect();
            (id.clone(), Deliberation { verdicts })
        })
        .collect();
    award(site, &mut deliberations);
    deliberations
}

/// The earliest session (date, ID) whose decision is `full`, by candidate: the session
/// file's decision, else the passport's of that session (as [`resolve`] takes it).
fn titles<'a>(
    site: &'a Site,
    sessions_of: &HashMap<&CandidateId, usize>,
) -> HashMap<&'a CandidateId, (&'a str, &'a str)> {
    let mut first: HashMap<&CandidateId, (&str, &str)> = HashMap::new();
    for session in site.sessions.values() {
        for d in &session.candidates {
            let Some(c) = site.candidates.get(&d.candidate) else {
                continue;
            };
            let sessions = sessions_of.get(&d.candidate).copied().unwrap_or(1);
            let passport = passport_decision(c, session, sessions);
            let full = d
                .decision
                .as_ref()
                .or(passport)
                .is_some_and(|j| j.verdict == JuryVerdict::Full);
            if full {
                let key = (session.date.as_str(), session.id.as_str());
                let e = first.entry(&d.candidate).or_insert(key);
                *e = (*e).min(key);
            }
        }
    }
    first
}

/// Fills in what each verdict awards, sessions taken by date: a bloc is awarded once.
fn award(site: &Site, deliberations: &mut Deliberations) {
    let mut order: Vec<&Session> = site.sessions.values().collect();
    order.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let mut awarded: HashMap<CandidateId, Vec<usize>> = HashMap::new();
    let mut titled: HashSet<CandidateId> = HashSet::new();
    for s in order {
        let Some(deliberation) = deliberations.get_mut(s.id.as_str()) else {
            continue;
        };
        for v in &mut deliberation.verdicts {
            let before = awarded.entry(v.candidate.clone()).or_default();
            let blocs: Vec<usize> = match v.decision.as_ref().map(|d| (d.verdict, d)) {
                Some((JuryVerdict::Full, _)) => v.full_blocs.clone(),
                Some((JuryVerdict::Partial, d)) => d.blocs.clone(),
                _ => Vec::new(),
            };
            // The title is held once: a later `full` (a copy of the session) awards nothing.
            let full = v
                .decision
                .as_ref()
                .is_some_and(|d| d.verdict == JuryVerdict::Full);
            v.title = full && titled.insert(v.candidate.clone());
            v.blocs = blocs.into_iter().filter(|b| !before.contains(b)).collect();
            before.extend(&v.blocs);
        }
    }
}

/// The passport's `jury:` as the decision of `session`: dated the session's date, or undated
/// when the candidate is in that session only (`sessions`: how many they are in).
fn passport_decision<'a>(
    c: &'a Candidate,
    session: &Session,
    sessions: usize,
) -> Option<&'a JuryDecision> {
    c.jury.as_ref().filter(|j| match &j.date {
        Some(date) => *date == session.date,
        None => sessions == 1,
    })
}

/// The decision taken for `c` in `session`: written in the session file, or the passport's
/// `jury:` when it is of this session (its date, or undated for a candidate in one session).
fn resolve(
    c: &Candidate,
    session: &Session,
    written: Option<&JuryDecision>,
    sessions: usize,
    at: &Location,
    diags: &mut Diagnostics,
) -> Option<JuryDecision> {
    match (written, passport_decision(c, session, sessions)) {
        (Some(w), Some(_)) => {
            diags.push(
                Diagnostic::error(
                    Kind::DuplicateId,
                    Some(w.at.clone()),
                    format!("{}: the decision of this session is also recorded in the passport's `jury:`", c.id),
                )
                .with_suggestion(Some("keep it in one place".into())),
            );
            Some(w.clone())
        }
        (Some(w), None) => {
            if let Some(date) = w.date.as_ref().filter(|d| **d != session.date) {
                diags.push(Diagnostic::error(
                    Kind::InvalidValue,
                    Some(w.at.clone()),
                    format!(
                        "this decision is dated {date}, and the session {}",
                        session.date
                    ),
                ));
            }
            Some(w.clone())
        }
        (None, Some(p)) => Some(p.clone()),
        (None, None) => {
            let help = match &c.jury {
                Some(j) if j.date.is_none() => format!(
                    "`{}` is in several sessions: date the passport's `jury:` to say which took it",
                    c.id
                ),
                _ => format!(
                    "record it here, `{}: {{ decision: full }}` (or partial with its blocs, not-awarded, deferred), or in the passport's `jury:` dated {}",
                    c.id, session.date
                ),
            };
            diags.push(
                Diagnostic::error(
                    Kind::Rule,
                    Some(at.clone()),
                    format!(
                        "no decision is recorded for `{}` in session `{}`",
                        c.id, session.id
                    ),
                )
                .with_suggestion(Some(help)),
            );
            None
        }
    }
}

/// The rules' proposal at `date`, whether the text leaves it to the jury, and the blocs
/// validated then: the dossier's, or computed again on the candidate as known then
/// ([`known_at`]).
fn proposal(site: &Site, c: &Candidate, d: &Dossier, date: &str) -> (Decision, bool, Vec<usize>) {
    let validated = |d: &Dossier| {
        d.blocs
            .iter()
            .filter(|b| b.outcome.verdict == crate::validate::rules::Verdict::Validated)
            .map(|b| b.bloc)
            .collect()
    };
    let Some(earlier) = known_at(c, date) else {
        return (d.decision.clone(), d.left_to_jury, validated(d));
    };
    let r = site.referential(&c.referential);
    // Its diagnostics are the dossier's own, already reported.
    let d = dossier(
        &earlier,
        r,
        &site.config.candidates,
        &mut Diagnostics::default(),
    );
    let blocs = validated(&d);
    (d.decision, d.left_to_jury, blocs)
}

/// Problems of `panel` against `rules`, worded for a sentence "the jury …".
pub fn panel_problems(rules: &JuryRules, panel: &[&Member]) -> Vec<String> {
    let mut problems = Vec::new();
    let n = panel.len() as u32;
    let count = |q: Quality| panel.iter().filter(|m| m.quality == q).count() as u32;
    // `members: 4` (004: "Il est composé de 4 personnes") is a number, not a floor.
    if let Some(m) = rules
        .min_members
        .filter(|&m| rules.max_members == Some(m) && n != m)
    {
        problems.push(format!(
            "has {n} deliberating members; the referential requires {m}"
        ));
    } else if let Some(min) = rules.min_members.filter(|&min| n < min) {
        problems.push(format!(
            "has {n} deliberating members; the referential requires at least {min}"
        ));
    } else if let Some(max) = rules.max_members.filter(|&max| n > max) {
        problems.push(format!(
            "has {n} deliberating members; the referential allows at most {max}"
        ));
    }
    let presidents: Vec<&&Member> = panel.iter().filter(|m| m.role == Role::President).collect();
    if presidents.len() > 1 {
        problems.push(format!("has {} presidents", presidents.len()));
    }
    match (rules.president, presidents.first()) {
        (Some(_), None) => problems.push("has no president; the referential requires one".into()),
        (Some(Some(q)), Some(p)) if p.quality != q => problems.push(format!(
            "is presided by {} of quality `{}`; the referential requires `{}`",
            p.name,
            p.quality.name(),
            q.name()
        )),
        _ => {}
    }
    for quota in &rules.quotas {
        let k = count(quota.quality);
        let name = quota.quality.name();
        if let Some(m) = quota
            .at_least
            .filter(|&m| quota.at_most == Some(m) && k != m)
        {
            problems.push(format!(
                "has {k} members of quality `{name}`; the referential requires exactly {m}"
            ));
        } else if let Some(min) = quota.at_least.filter(|&min| k < min) {
            problems.push(format!(
                "has {k} members of quality `{name}`; the referential requires at least {min}"
            ));
        } else if let Some(max) = quota.at_most.filter(|&max| k > max) {
            problems.push(format!(
                "has {k} members of quality `{name}`; the referential allows at most {max}"
            ));
        }
    }
    if let Some(share) = rules.professional_share {
        let pros = count(Quality::Professional);
        if n == 0 || pros * 100 < share * n {
            problems.push(format!(
                "has {pros} professionals out of {n}; the referential requires at least {share} %"
            ));
        }
    }
    problems
}

/// The composition rules, for the session's jury and for each candidate's panel when a
/// member does not deliberate on them.
fn composition(site: &Site, session: &Session, diags: &mut Diagnostics) {
    let rules = &site.referential(&session.referential).rules.jury;
    let all: Vec<&Member> = session.members.iter().filter(|m| m.deliberates()).collect();
    let problems = panel_problems(rules, &all);
    for p in &problems {
        diags.push(Diagnostic::error(
            Kind::Rule,
            Some(session.at.clone()),
            format!("session `{}`: the jury {p}", session.id),
        ));
    }
    if !problems.is_empty() {
        return;
    }
    for d in &session.candidates {
        let recused: Vec<&str> = session
            .members
            .iter()
            .filter(|m| m.deliberates() && m.recused.contains(&d.candidate))
            .map(|m| m.name.as_str())
            .collect();
        if recused.is_empty() {
            continue;
        }
        let panel: Vec<&Member> = session.panel(&d.candidate).map(|(_, m)| m).collect();
        for p in panel_problems(rules, &panel) {
            diags.push(
                Diagnostic::error(
                    Kind::Rule,
                    Some(d.at.clone()),
                    format!(
                        "on `{}`, without {} (who does not deliberate on them), the jury {p}",
                        d.candidate,
                        recused.join(", ")
                    ),
                )
                .with_suggestion(Some(
                    "add a member who may deliberate on this candidate".into(),
                )),
            );
        }
    }
}

/// Members who deliberate on a candidate they are the tutor of.
fn conflicts(site: &Site, session: &Session, diags: &mut Diagnostics) {
    let independence = site
        .referential(&session.referential)
        .rules
        .jury
        .independence;
    for d in &session.candidates {
        let c = &site.candidates[&d.candidate];
        let Some(tutor) = &c.tutor else { continue };
        let tutor = crate::fold::fold(&tutor.name);
        for (_, m) in session.panel(&d.candidate) {
            if crate::fold::fold(&m.name) != tutor {
                continue;
            }
            let message = format!(
                "{} is the tutor of `{}` and deliberates on them",
                m.name, c.id
            );
            let help = Some(format!("add `recused: [{}]` to this member", c.id));
            diags.push(if independence {
                Diagnostic::error(Kind::Rule, Some(m.at.clone()), message).with_suggestion(help)
            } else {
                Diagnostic::warning(
                    Kind::Rule,
                    Some(m.at.clone()),
                    format!("{message} (refolio's check: the referential states no rule on it)"),
                )
                .with_suggestion(help)
            });
        }
    }
}
