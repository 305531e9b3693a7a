//! What jury sessions award, as template views: the lists of the certified (per session and
//! per referential, as pages and as CSV for the certifier's declaration) and each
//! certificate awarded.

use serde::Serialize;

use super::Strings;
use super::dossier::Label;
use super::results::verdict_label;
use super::session::{CertificateLink, certificates, is_certified, session_title};
use crate::model::{Candidate, Referential, Session, SessionId, Site, fmt_number};
use crate::paths;
use crate::validate::session::{Deliberations, Verdict};

/// One row of a list of the certified.
#[derive(Serialize)]
pub struct CertifiedRow<'a> {
    pub session: &'a str,
    pub session_href: String,
    pub date: &'a str,
    pub name: &'a str,
    /// The candidate's folder, or their slug when the site is pseudonymised.
    pub key: &'a str,
    pub decision: Label,
    /// Bloc IDs awarded by this session.
    pub blocs: Vec<&'a str>,
    pub title: bool,
    pub certificates: Vec<CertificateLink>,
}

#[derive(Serialize)]
pub struct CertifiedPage<'a> {
    pub heading: String,
    pub referential: &'a str,
    pub rncp: Option<&'a str>,
    pub rows: Vec<CertifiedRow<'a>>,
    pub csv_href: String,
}

/// The certified of the sessions `sessions`, as rows, by session date.
pub fn certified_rows<'a>(
    site: &'a Site,
    deliberations: &'a Deliberations,
    sessions: &[&SessionId],
    t: &Strings,
    root: &str,
) -> Vec<CertifiedRow<'a>> {
    let mut order: Vec<&Session> = sessions.iter().map(|&s| &site.sessions[s]).collect();
    order.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let mut rows = Vec::new();
    for session in order {
        let r = site.referential(&session.referential);
        let verdicts = &deliberations[session.id.as_str()].verdicts;
        for v in verdicts.iter().filter(|v| is_certified(v)) {
            let c = &site.candidates[&v.candidate];
            let Some(j) = &v.decision else { continue };
            rows.push(CertifiedRow {
                session: &session.id,
                session_href: format!("{root}{}", paths::minutes_page(session)),
                date: &session.date,
                name: &c.name,
                key: public_key(site, c),
                decision: verdict_label(t, j, r),
                blocs: v.blocs.iter().map(|&b| r.blocs[b].id.as_str()).collect(),
                title: v.title,
                certificates: certificates(t, c, r, v, root),
            });
        }
    }
    rows
}

/// How lists name a candidate outside their name: the folder, unless it may spell the name.
fn public_key<'a>(site: &Site, c: &'a Candidate) -> &'a str {
    if site.config.candidates.pseudonymize {
        &c.slug
    } else {
        &c.id
    }
}

/// The certified of `rows` as CSV (RFC 4180, comma-separated, UTF-8), for the
/// certifier's declaration of holders.
pub fn certified_csv(r: &Referential, rows: &[CertifiedRow<'_>]) -> String {
    let mut out =
        String::from("session,date,rncp,referential,candidate,name,decision,title,blocs\n");
    for row in rows {
        let decision = if row.title { "full" } else { "partial" };
        let fields = [
            row.session,
            row.date,
            r.rncp.as_deref().unwrap_or(""),
            &r.id,
            row.key,
            row.name,
            decision,
            if row.title { "yes" } else { "no" },
            &row.blocs.join(" "),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// One CSV field: quoted when it holds a separator, a quote or a line break; a leading
/// `=`, `+`, `-` or `@` is neutralised, since spreadsheets run such a cell as a formula
/// and a candidate's name is untrusted.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The longest competence statement a certificate prints whole.
const BRIEF: usize = 140;

/// A certificate page: one award to one candidate.
#[derive(Serialize)]
pub struct CertificatePage<'a> {
    /// "Certificat de bloc de compétences" or the title's kind.
    pub kind: String,
    pub holder: &'a str,
    pub achievement: String,
    pub code: Option<String>,
    pub referential: &'a str,
    pub rncp: Option<&'a str>,
    pub level: Option<String>,
    pub certifier: Option<&'a str>,
    /// The competences of the bloc, or the blocs of the title.
    pub contents: Vec<(String, String)>,
    pub session_title: String,
    pub date: &'a str,
    pub place: Option<&'a str>,
    pub president: Option<&'a str>,
    pub minutes_href: String,
    pub json_href: String,
    /// The signed credential, when the site signs.
    pub signed_href: Option<String>,
    /// The public key that verifies it.
    pub key_href: Option<String>,
}

/// The certificate of `bloc` (or of the title) awarded to `v`'s candidate by session `s`.
pub fn certificate<'a>(
    site: &'a Site,
    s: &SessionId,
    v: &Verdict,
    bloc: Option<usize>,
    t: &Strings,
    signed_ext: Option<&str>,
) -> CertificatePage<'a> {
    let session = &site.sessions[s];
    let r = site.referential(&session.referential);
    let c = &site.candidates[&v.candidate];
    let stem = paths::certificate_stem(c, r, bloc);
    let root = paths::root_of(&format!("{stem}.html"));
    let file = paths::file_name(&stem).to_owned();
    let (kind, achievement, code, contents) = match bloc {
        None => (
            t.get("certificate_title_kind"),
            r.title.clone(),
            r.rncp.clone(),
            r.blocs
                .iter()
                .enumerate()
                .filter(|(b, _)| c.presents(*b))
                .map(|(_, b)| (b.id.clone(), b.title.clone()))
                .collect(),
        ),
        Some(b) => {
            let bloc = &r.blocs[b];
            let contents = bloc
                .competences
                .iter()
                .map(|&k| {
                    let comp = &r.competences[k];
                    (comp.id.clone(), brief(&comp.text, BRIEF))
                })
                .collect();
            (
                t.get("certificate_bloc_kind"),
                bloc.title.clone(),
                Some(bloc.id.clone()),
                contents,
            )
        }
    };
    CertificatePage {
        kind,
        holder: &c.name,
        achievement,
        code,
        referential: &r.title,
        rncp: r.rncp.as_deref(),
        level: r.level.map(|l| fmt_number(f64::from(l))),
        certifier: r.certifier.as_deref(),
        contents,
        session_title: session_title(t, session),
        date: &session.date,
        place: session.place.as_deref(),
        president: session
            .members
            .iter()
            .find(|m| m.role == crate::model::Role::President)
            .map(|m| m.name.as_str()),
        minutes_href: format!("{root}{}", paths::minutes_page(session)),
        json_href: format!("{file}.json"),
        signed_href: signed_ext.map(|ext| format!("{file}.{ext}")),
        key_href: signed_ext.map(|_| format!("{root}{}", paths::ISSUER_KEY)),
    }
}

/// A competence's statement as a certificate lists it: its first line, cut at a word
/// before `max` characters (a certificate is one page; the referential has the rest).
fn brief(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let cut: String = line.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The page of a list of the certified: of one session, or of every session of `r`.
pub fn certified_page<'a>(
    t: &Strings,
    r: &'a Referential,
    rows: Vec<CertifiedRow<'a>>,
    session: Option<&Session>,
) -> CertifiedPage<'a> {
    let heading = match session {
        Some(s) => format!("{} — {}", t.get("certified_list"), session_title(t, s)),
        None => format!("{} — {}", t.get("certified_list"), r.title),
    };
    let csv = match session {
        Some(s) => paths::session_certified(s, "csv"),
        None => format!("{}.csv", paths::certified_stem(r)),
    };
    // Beside the page.
    let csv_href = paths::file_name(&csv).to_owned();
    CertifiedPage {
        heading,
        referential: &r.title,
        rncp: r.rncp.as_deref(),
        rows,
        csv_href,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_statements_are_cut_at_a_word() {
        assert_eq!(brief("Court", 10), "Court");
        assert_eq!(
            brief("Identifier les marchés, en respectant", 24),
            "Identifier les marchés…"
        );
        assert_eq!(brief("Un deux\nTrois", 10), "Un deux");
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_field("Camille Martin"), "Camille Martin");
        assert_eq!(csv_field("Martin, Camille"), "\"Martin, Camille\"");
        assert_eq!(csv_field("dit \"Cam\""), "\"dit \"\"Cam\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
    }
}
