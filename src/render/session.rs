//! The documents of a jury session, as template views: the sessions' index, the
//! procès-verbal of a deliberation (jury, each candidate's proposal and decision, what is
//! awarded, signatures), and a candidate's sessions. What the sessions award — the lists of
//! the certified and each certificate — is [`super::certified`].

use serde::Serialize;

use super::Strings;
use super::dossier::Label;
use super::results::{decision_label, verdict_label};
use crate::model::{
    Candidate, CandidateId, JuryRules, Member, Referential, ReferentialId, Session, SessionId, Site,
};
use crate::paths;
use crate::validate::session::{Deliberation, Deliberations, Verdict};

/// One session in the index.
#[derive(Serialize)]
pub struct SessionRow<'a> {
    pub title: String,
    pub date: &'a str,
    pub place: Option<&'a str>,
    pub referential: &'a str,
    pub href: String,
    pub certified_href: String,
    pub candidates: usize,
    pub certified: usize,
}

/// A referential's list of the certified, as the index links it.
#[derive(Serialize)]
pub struct ListLink<'a> {
    pub referential: &'a str,
    pub href: String,
    pub csv_href: String,
}

#[derive(Serialize)]
pub struct SessionsIndex<'a> {
    pub sessions: Vec<SessionRow<'a>>,
    pub lists: Vec<ListLink<'a>>,
}

/// The referentials that have a session, in the site's order.
pub fn referentials_with_sessions(site: &Site) -> Vec<&ReferentialId> {
    site.referentials
        .keys()
        .filter(|&id| site.sessions.values().any(|s| s.referential == *id))
        .collect()
}

/// The sessions of referential `r`, in the site's order.
pub fn sessions_of<'a>(site: &'a Site, r: &ReferentialId) -> Vec<&'a SessionId> {
    site.sessions
        .iter()
        .filter(|(_, s)| s.referential == *r)
        .map(|(id, _)| id)
        .collect()
}

/// A session's heading: its title, else "Jury … du <date>".
pub fn session_title(t: &Strings, s: &Session) -> String {
    s.title
        .clone()
        .unwrap_or_else(|| t.get("session_default_title").replace("{date}", &s.date))
}

/// The index of sessions, from `candidates/sessions/index.html`.
pub fn index<'a>(site: &'a Site, deliberations: &Deliberations, t: &Strings) -> SessionsIndex<'a> {
    let sessions = site
        .sessions
        .iter()
        .map(|(id, s)| (s, &deliberations[id]))
        .map(|(s, d)| SessionRow {
            title: session_title(t, s),
            date: &s.date,
            place: s.place.as_deref(),
            referential: &site.referential(&s.referential).title,
            href: paths::relative(paths::SESSIONS, &paths::minutes_page(s)),
            certified_href: paths::relative(paths::SESSIONS, &paths::session_certified(s, "html")),
            candidates: s.candidates.len(),
            certified: d.verdicts.iter().filter(|v| is_certified(v)).count(),
        })
        .collect();
    let lists = referentials_with_sessions(site)
        .into_iter()
        .map(|r| {
            let r = &site.referentials[r];
            let stem = paths::certified_stem(r);
            ListLink {
                referential: &r.title,
                href: paths::relative(paths::SESSIONS, &format!("{stem}.html")),
                csv_href: paths::relative(paths::SESSIONS, &format!("{stem}.csv")),
            }
        })
        .collect();
    SessionsIndex { sessions, lists }
}

/// Whether a verdict certifies: the title, or at least one bloc.
pub fn is_certified(v: &Verdict) -> bool {
    v.title || !v.blocs.is_empty()
}

#[derive(Serialize)]
pub struct MemberView<'a> {
    pub name: &'a str,
    pub role: String,
    pub quality: String,
    pub qualification: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub deliberates: bool,
    /// Candidates on whom they do not deliberate, by the name shown.
    pub recused: Vec<&'a str>,
}

/// A certificate awarded, linked from the PV and the lists.
#[derive(Serialize)]
pub struct CertificateLink {
    pub label: String,
    pub href: String,
    pub json_href: String,
}

#[derive(Serialize)]
pub struct VerdictView<'a> {
    pub name: &'a str,
    pub dossier_href: String,
    pub route: Option<String>,
    pub proposal: Label,
    pub decision: Option<Label>,
    pub differs: bool,
    pub motive: Option<&'a str>,
    /// The earlier session that gave the title, said when this one follows it.
    pub titled_by: Option<String>,
    /// "Titre", then the bloc IDs awarded.
    pub awarded: Vec<String>,
    pub certificates: Vec<CertificateLink>,
    /// Members who do not deliberate on this candidate.
    pub recused: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct MinutesPage<'a> {
    pub title: String,
    pub date: &'a str,
    pub place: Option<&'a str>,
    pub referential: &'a str,
    pub referential_href: String,
    pub rncp: Option<&'a str>,
    pub certifier: Option<&'a str>,
    pub members: Vec<MemberView<'a>>,
    /// The composition rules the referential states, as sentences; empty: it states none.
    pub composition: Vec<String>,
    pub verdicts: Vec<VerdictView<'a>>,
    /// Counts: full, partial, not awarded, deferred or undecided.
    pub totals: Vec<(String, usize)>,
    /// Those who sign: the president first, then the other deliberating members.
    pub signatories: Vec<MemberView<'a>>,
    pub certified_href: String,
    pub csv_href: String,
}

fn member_view<'a>(site: &'a Site, t: &Strings, m: &'a Member) -> MemberView<'a> {
    MemberView {
        name: &m.name,
        role: t.get(m.role.label_key()),
        quality: t.get(m.quality.label_key()),
        qualification: m.qualification.as_deref(),
        organisation: m.organisation.as_deref(),
        deliberates: m.deliberates(),
        recused: m
            .recused
            .iter()
            .map(|c| site.candidates[c].name.as_str())
            .collect(),
    }
}

/// The composition rules of `rules` as sentences of the PV.
pub fn composition_lines(t: &Strings, rules: &JuryRules) -> Vec<String> {
    let mut lines = Vec::new();
    let n = |x: u32| x.to_string();
    match (rules.min_members, rules.max_members) {
        (Some(a), Some(b)) if a == b => {
            lines.push(t.get("jury_rule_members").replace("{n}", &n(a)))
        }
        (min, max) => {
            if let Some(a) = min {
                lines.push(t.get("jury_rule_min_members").replace("{n}", &n(a)));
            }
            if let Some(b) = max {
                lines.push(t.get("jury_rule_max_members").replace("{n}", &n(b)));
            }
        }
    }
    match rules.president {
        Some(Some(q)) => lines.push(
            t.get("jury_rule_president_of")
                .replace("{quality}", &t.get(q.label_key())),
        ),
        Some(None) => lines.push(t.get("jury_rule_president")),
        None => {}
    }
    for q in &rules.quotas {
        let quality = t.get(q.quality.label_key());
        let line = match (q.at_least, q.at_most) {
            (Some(a), Some(b)) if a == b => t.fill("jury_rule_exactly", &[("n", &n(a))]),
            (Some(a), Some(b)) => t
                .get("jury_rule_between")
                .replace("{min}", &n(a))
                .replace("{max}", &n(b)),
            (Some(a), None) => t.fill("jury_rule_at_least", &[("n", &n(a))]),
            (None, Some(b)) => t.fill("jury_rule_at_most", &[("n", &n(b))]),
            (None, None) => continue,
        };
        lines.push(line.replace("{quality}", &quality));
    }
    if let Some(p) = rules.professional_share {
        lines.push(t.get("jury_rule_professional_share").replace("{n}", &n(p)));
    }
    if rules.independence {
        lines.push(t.get("jury_rule_independence"));
    }
    lines
}

/// The procès-verbal of session `s`.
pub fn minutes<'a>(
    site: &'a Site,
    s: &SessionId,
    d: &'a Deliberation,
    t: &Strings,
) -> MinutesPage<'a> {
    let session = &site.sessions[s];
    let r = site.referential(&session.referential);
    let root = paths::root_of(&paths::minutes_page(session));
    let verdicts = d
        .verdicts
        .iter()
        .map(|v| {
            let c = &site.candidates[&v.candidate];
            VerdictView {
                name: &c.name,
                dossier_href: format!("{root}{}", paths::dossier_page(c)),
                route: c.route.map(|x| t.get(x.label_key())),
                proposal: decision_label(t, &v.proposal),
                decision: v.decision.as_ref().map(|j| verdict_label(t, j, r)),
                differs: v.differs,
                motive: v.decision.as_ref().and_then(|j| j.motive.as_deref()),
                titled_by: v.titled_by.as_ref().map(|(date, id)| {
                    let title = site
                        .sessions
                        .get(&**id)
                        .map_or_else(|| id.to_string(), |earlier| session_title(t, earlier));
                    t.fill("minutes_titled_by", &[("date", date), ("session", &title)])
                }),
                awarded: awarded(t, r, v),
                certificates: certificates(t, c, r, v, &root),
                recused: session
                    .members
                    .iter()
                    .filter(|m| m.deliberates() && m.recused.contains(&v.candidate))
                    .map(|m| m.name.as_str())
                    .collect(),
            }
        })
        .collect();
    let mut signatories: Vec<&Member> =
        session.members.iter().filter(|m| m.deliberates()).collect();
    // The president signs first.
    signatories.sort_by_key(|m| m.role != crate::model::Role::President);
    MinutesPage {
        title: session_title(t, session),
        date: &session.date,
        place: session.place.as_deref(),
        referential: &r.title,
        referential_href: format!("{root}{}", paths::referential_page(r)),
        rncp: r.rncp.as_deref(),
        certifier: r.certifier.as_deref(),
        members: session
            .members
            .iter()
            .map(|m| member_view(site, t, m))
            .collect(),
        composition: composition_lines(t, &r.rules.jury),
        verdicts,
        totals: totals(t, d),
        signatories: signatories
            .into_iter()
            .map(|m| member_view(site, t, m))
            .collect(),
        certified_href: paths::file_name(&paths::session_certified(session, "html")).to_owned(),
        csv_href: paths::file_name(&paths::session_certified(session, "csv")).to_owned(),
    }
}

fn totals(t: &Strings, d: &Deliberation) -> Vec<(String, usize)> {
    use crate::model::JuryVerdict as V;
    let count = |verdict: Option<V>| {
        d.verdicts
            .iter()
            .filter(|v| v.decision.as_ref().map(|j| j.verdict) == verdict)
            .count()
    };
    [
        ("decision_full", Some(V::Full)),
        ("decision_partial", Some(V::Partial)),
        ("decision_not_awarded", Some(V::NotAwarded)),
        ("decision_deferred", Some(V::Deferred)),
    ]
    .into_iter()
    .map(|(key, v)| (t.get(key), count(v)))
    .collect()
}

/// What a verdict awards, as the PV lists it.
fn awarded(t: &Strings, r: &Referential, v: &Verdict) -> Vec<String> {
    let title = v.title.then(|| t.get("certificate_title_kind"));
    title
        .into_iter()
        .chain(v.blocs.iter().map(|&b| r.blocs[b].id.clone()))
        .collect()
}

/// The certificates of a verdict: the title's, then each bloc's, linked from `root`.
pub fn certificates(
    t: &Strings,
    c: &Candidate,
    r: &Referential,
    v: &Verdict,
    root: &str,
) -> Vec<CertificateLink> {
    awards(v)
        .map(|bloc| {
            let stem = paths::certificate_stem(c, r, bloc);
            let label = match bloc {
                None => t.get("certificate_title_kind"),
                Some(b) => format!("{} {}", t.get("certificate_bloc_kind"), r.blocs[b].id),
            };
            CertificateLink {
                label,
                href: format!("{root}{stem}.html"),
                json_href: format!("{root}{stem}.json"),
            }
        })
        .collect()
}

/// What a verdict awards, certificate by certificate: `None` for the title, then the blocs.
pub fn awards(v: &Verdict) -> impl Iterator<Item = Option<usize>> + '_ {
    v.title
        .then_some(None)
        .into_iter()
        .chain(v.blocs.iter().map(|&b| Some(b)))
}

/// A session that deliberated on a candidate, as the candidate's dossier lists it.
#[derive(Serialize)]
pub struct CandidateSession<'a> {
    pub title: String,
    pub date: &'a str,
    pub href: String,
    pub decision: Option<Label>,
    pub certificates: Vec<CertificateLink>,
}

/// The sessions that deliberated on candidate `c`, by date, linked from `root`.
pub fn of_candidate<'a>(
    site: &'a Site,
    deliberations: &Deliberations,
    c: &CandidateId,
    t: &Strings,
    root: &str,
) -> Vec<CandidateSession<'a>> {
    let mut found: Vec<CandidateSession<'a>> = site
        .sessions
        .iter()
        .filter_map(|(id, session)| {
            let v = deliberations[id]
                .verdicts
                .iter()
                .find(|v| v.candidate == *c)?;
            let r = site.referential(&session.referential);
            Some(CandidateSession {
                title: session_title(t, session),
                date: &session.date,
                href: format!("{root}{}", paths::minutes_page(session)),
                decision: v.decision.as_ref().map(|j| verdict_label(t, j, r)),
                certificates: certificates(t, &site.candidates[c], r, v, root),
            })
        })
        .collect();
    found.sort_by(|a, b| (a.date, &a.href).cmp(&(b.date, &b.href)));
    found
}
