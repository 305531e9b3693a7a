//! Plan: every file a build writes, as a [`Page`] saying what it is made from, grouped in
//! [`Scope`]s of pages that come and go together, and how each page is rendered. Which
//! change affects which page is the dependency map, in [`super::dependencies`].

use rayon::prelude::*;
use serde::Serialize;

use crate::Error;
use crate::export;
use crate::export::credential::Award;
use crate::model::{CandidateId, Referential, ReferentialId, SessionId, Site};
use crate::output::Output;
use crate::validate::Dossiers;
use crate::validate::session::Deliberations;

use super::texts::TextCache;
use super::{
    Common, HomePage, Templates, accessibility, certified, dossier, evidence, highlight, json,
    report, search, session, views,
};
use crate::paths;

/// One output file, named by the IDs of what it is made from; an item inside a
/// referential, candidate or session by its place in that item's own order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page<'a> {
    Stylesheet,
    Highlight,
    Home,
    /// The accessibility declaration.
    Accessibility,
    /// The search page and its script.
    Search,
    SearchScript,
    Jury,
    /// `candidates/index.json`: coverage and decision of every candidate.
    ReportIndex,
    /// A referential's table.
    Referential(&'a ReferentialId),
    /// A competence page: referential, competence.
    Competence(&'a ReferentialId, usize),
    ReferentialJson(&'a ReferentialId),
    /// A referential's search index.
    ReferentialSearch(&'a ReferentialId),
    /// A referential's CASE 1.1 package.
    Case(&'a ReferentialId),
    /// A bloc's Open Badges 3.0 achievement: referential, bloc.
    BlocBadge(&'a ReferentialId, usize),
    /// The certification's Open Badges 3.0 achievement, by referential.
    CertificationBadge(&'a ReferentialId),
    /// A dossier bilan.
    Dossier(&'a CandidateId),
    /// A candidate's full report (JSON).
    Report(&'a CandidateId),
    /// A candidate's search index: dossier and evidence.
    CandidateSearch(&'a CandidateId),
    /// An evidence page: candidate, evidence.
    Evidence(&'a CandidateId, usize),
    /// An attachment copied from the candidate folder: candidate, evidence, attachment.
    Attachment(&'a CandidateId, usize, usize),
    /// The index of jury sessions.
    Sessions,
    /// A referential's list of the certified, every session: page and CSV.
    Certified(&'a ReferentialId),
    CertifiedCsv(&'a ReferentialId),
    /// A session's procès-verbal.
    Minutes(&'a SessionId),
    /// A session's list of the certified: page and CSV.
    SessionCertified(&'a SessionId),
    SessionCertifiedCsv(&'a SessionId),
    /// A certificate page: session, verdict (index in its candidates), and the bloc
    /// awarded, `None` for the title.
    Certificate(&'a SessionId, usize, Option<usize>),
    /// Its Open Badges credential.
    Credential(&'a SessionId, usize, Option<usize>),
    /// The same credential signed (VC-JWT), when the site has a signing key.
    SignedCredential(&'a SessionId, usize, Option<usize>),
    /// The public half of the signing key, when there is one.
    IssuerKey,
}

/// Pages that exist together: the site's own, one referential's, one candidate's, one
/// session's. Owns its ID: `serve` remembers which files each scope wrote, across reloads.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Site,
    Referential(ReferentialId),
    Candidate(CandidateId),
    /// A jury session's documents, certificates included.
    Session(SessionId),
}

/// Every scope of the site, in output order.
pub fn scopes(site: &Site) -> impl Iterator<Item = Scope> + '_ {
    std::iter::once(Scope::Site)
        .chain(site.referentials.keys().cloned().map(Scope::Referential))
        .chain(site.candidates.keys().cloned().map(Scope::Candidate))
        .chain(site.sessions.keys().cloned().map(Scope::Session))
}

impl Scope {
    /// The pages of this scope, in output order; none when the site has no such scope.
    pub fn pages<'a>(&self, site: &'a Site, deliberations: &'a Deliberations) -> Vec<Page<'a>> {
        match self {
            Scope::Site => Self::site_pages(site),
            Scope::Referential(id) => {
                let Some((r, referential)) = site.referentials.get_key_value(id) else {
                    return Vec::new();
                };
                std::iter::once(Page::Referential(r))
                    .chain((0..referential.competences.len()).map(|k| Page::Competence(r, k)))
                    .chain([Page::ReferentialJson(r), Page::ReferentialSearch(r)])
                    .chain(interop_pages(r, referential))
                    .collect()
            }
            Scope::Candidate(id) => {
                let Some((c, candidate)) = site.candidates.get_key_value(id) else {
                    return Vec::new();
                };
                let mut pages = vec![Page::Dossier(c), Page::Report(c), Page::CandidateSearch(c)];
                for (i, e) in candidate.evidence.iter().enumerate() {
                    pages.push(Page::Evidence(c, i));
                    pages.extend((0..e.attachments.len()).map(|j| Page::Attachment(c, i, j)));
                }
                pages
            }
            Scope::Session(id) => {
                let Some(s) = site.sessions.get_key_value(id).map(|(s, _)| s) else {
                    return Vec::new();
                };
                let mut pages = vec![
                    Page::Minutes(s),
                    Page::SessionCertified(s),
                    Page::SessionCertifiedCsv(s),
                ];
                let verdicts = deliberations.get(s).map_or(&[][..], |d| &d.verdicts);
                let signed = site.config.certificates.key.is_some();
                for (v, verdict) in verdicts.iter().enumerate() {
                    for bloc in session::awards(verdict) {
                        pages.extend([Page::Certificate(s, v, bloc), Page::Credential(s, v, bloc)]);
                        if signed {
                            pages.push(Page::SignedCredential(s, v, bloc));
                        }
                    }
                }
                pages
            }
        }
    }

    fn site_pages(site: &Site) -> Vec<Page<'_>> {
        let mut pages = vec![
            Page::Stylesheet,
            Page::Home,
            Page::Accessibility,
            Page::Search,
            Page::SearchScript,
        ];
        if !site.candidates.is_empty() {
            pages.extend([Page::Highlight, Page::Jury, Page::ReportIndex]);
        }
        if !site.sessions.is_empty() {
            pages.push(Page::Sessions);
            if site.config.certificates.key.is_some() {
                pages.push(Page::IssuerKey);
            }
            for r in session::referentials_with_sessions(site) {
                pages.extend([Page::Certified(r), Page::CertifiedCsv(r)]);
            }
        }
        pages
    }
}

/// The interoperability exports of referential `r` (see `crate::export`).
fn interop_pages<'a>(
    r: &'a ReferentialId,
    referential: &Referential,
) -> impl Iterator<Item = Page<'a>> {
    std::iter::once(Page::Case(r))
        .chain((0..referential.blocs.len()).map(move |b| Page::BlocBadge(r, b)))
        .chain([Page::CertificationBadge(r)])
}

impl Page<'_> {
    /// Where the page is written, relative to the output folder.
    pub fn path(self, site: &Site) -> String {
        match self {
            Page::Stylesheet => paths::STYLESHEET.into(),
            Page::Highlight => paths::HIGHLIGHT.into(),
            Page::Home => paths::HOME.into(),
            Page::Accessibility => paths::ACCESSIBILITY.into(),
            Page::Search => paths::SEARCH.into(),
            Page::SearchScript => paths::SEARCH_SCRIPT.into(),
            Page::Jury => paths::JURY.into(),
            Page::ReportIndex => paths::REPORT_INDEX.into(),
            Page::Referential(r) => paths::referential_page(&site.referentials[r]),
            Page::Competence(r, k) => {
                let r = &site.referentials[r];
                paths::competence_page(r, &r.competences[k].id)
            }
            Page::ReferentialJson(r) => {
                paths::referential_file(&site.referentials[r], "referential.json")
            }
            Page::ReferentialSearch(r) => paths::referential_search_index(&site.referentials[r]),
            Page::CandidateSearch(c) => paths::candidate_search_index(&site.candidates[c]),
            Page::Case(r) => paths::referential_file(&site.referentials[r], "case.json"),
            Page::BlocBadge(r, b) => {
                let r = &site.referentials[r];
                paths::referential_file(r, &export::badges::bloc_file(&r.blocs[b]))
            }
            Page::CertificationBadge(r) => {
                paths::referential_file(&site.referentials[r], export::badges::CERTIFICATION_FILE)
            }
            Page::Dossier(c) => paths::dossier_page(&site.candidates[c]),
            Page::Report(c) => paths::report(&site.candidates[c]),
            Page::Evidence(c, i) => {
                let c = &site.candidates[c];
                paths::evidence_path(c, &c.evidence[i].stem)
            }
            Page::Attachment(c, i, j) => {
                let c = &site.candidates[c];
                let a = &c.evidence[i].attachments[j];
                format!("{}/{}", paths::dossier_dir(c), a.target)
            }
            Page::Sessions => paths::SESSIONS.into(),
            Page::Certified(r) => format!("{}.html", paths::certified_stem(&site.referentials[r])),
            Page::CertifiedCsv(r) => {
                format!("{}.csv", paths::certified_stem(&site.referentials[r]))
            }
            Page::Minutes(s) => paths::minutes_page(&site.sessions[s]),
            Page::SessionCertified(s) => paths::session_certified(&site.sessions[s], "html"),
            Page::SessionCertifiedCsv(s) => paths::session_certified(&site.sessions[s], "csv"),
            Page::IssuerKey => paths::ISSUER_KEY.into(),
            Page::Certificate(s, v, bloc)
            | Page::Credential(s, v, bloc)
            | Page::SignedCredential(s, v, bloc) => {
                let session = &site.sessions[s];
                let c = &site.candidates[&session.candidates[v].candidate];
                let r = site.referential(&session.referential);
                let ext = match self {
                    Page::Certificate(..) => "html",
                    Page::Credential(..) => "json",
                    _ => "jwt",
                };
                format!("{}.{ext}", paths::certificate_stem(c, r, bloc))
            }
        }
    }

    /// The template the page is rendered with, if it is an HTML page.
    pub fn template(self) -> Option<&'static str> {
        Some(match self {
            Page::Home => "index.html",
            Page::Accessibility => "accessibility.html",
            Page::Search => "search.html",
            Page::Jury => "jury.html",
            Page::Referential(_) => "referential.html",
            Page::Competence(..) => "competence.html",
            Page::Dossier(_) => "dossier.html",
            Page::Evidence(..) => "evidence.html",
            Page::Sessions => "sessions.html",
            Page::Certified(_) | Page::SessionCertified(_) => "certified.html",
            Page::Minutes(_) => "minutes.html",
            Page::Certificate(..) => "certificate.html",
            _ => return None,
        })
    }

    /// Renders the page.
    pub fn render(self, cx: &RenderContext<'_>) -> Result<Vec<u8>, Error> {
        let (site, t) = (cx.site, cx.templates.strings());
        let path = self.path(site);
        match self {
            Page::Stylesheet => Ok(cx.templates.css.as_bytes().to_vec()),
            Page::Highlight => Ok(highlight::stylesheet().into_bytes()),
            Page::SearchScript => Ok(super::search::script().into_bytes()),
            Page::Search => cx.html_under(
                super::SEARCH_CONTENT_SECURITY_POLICY,
                "search.html",
                &path,
                &search::page(site, t),
            ),
            Page::ReferentialSearch(r) => {
                Ok(search::referential_index(&site.referentials[r], &cx.stems, t).into_bytes())
            }
            Page::CandidateSearch(c) => {
                Ok(search::candidate_index(site, &site.candidates[c], &cx.stems, t).into_bytes())
            }
            Page::Home => {
                let home = HomePage {
                    referentials: site
                        .referentials
                        .values()
                        .map(|r| views::ReferentialSummary::new(r, paths::referential_page(r)))
                        .collect(),
                    jury_href: (!site.candidates.is_empty()).then_some(paths::JURY),
                };
                cx.html("index.html", &path, &home)
            }
            Page::Accessibility => {
                // Said from what this build writes, not from what a site usually holds.
                let built = accessibility::Built::of(
                    site,
                    Scope::site_pages(site).contains(&Page::SearchScript),
                );
                cx.html(
                    "accessibility.html",
                    &path,
                    &accessibility::page(&site.config, t, &built),
                )
            }
            Page::Jury => cx.html(
                "jury.html",
                &path,
                &dossier::jury_index(site, cx.dossiers, t),
            ),
            Page::ReportIndex => Ok(report::index_json(site, cx.dossiers).into_bytes()),
            Page::Referential(r) => {
                let texts = cx.texts.get(site, r);
                let r = &site.referentials[r];
                let page =
                    views::ViewBuilder::new(r, t, texts, views::Place::Table).referential_page();
                cx.html("referential.html", &path, &page)
            }
            Page::Competence(r, k) => {
                let texts = cx.texts.get(site, r);
                let page = views::competence_page(&site.referentials[r], t, texts, k);
                cx.html("competence.html", &path, &page)
            }
            Page::ReferentialJson(r) => {
                let base = site.config.base_url.as_deref();
                Ok(json::export_referential(&site.referentials[r], base).into_bytes())
            }
            Page::Case(r) => {
                Ok(export::case::case_json(&site.referentials[r], &site.config).into_bytes())
            }
            Page::BlocBadge(r, b) => {
                let r = &site.referentials[r];
                Ok(export::badges::bloc_json(r, &site.config, b).into_bytes())
            }
            Page::CertificationBadge(r) => {
                let r = &site.referentials[r];
                Ok(export::badges::certification_json(r, &site.config).into_bytes())
            }
            Page::Dossier(i) => {
                let (c, d) = (&site.candidates[i], &cx.dossiers[i]);
                let texts = cx.texts.get(site, &c.referential);
                let jury_sessions =
                    session::of_candidate(site, cx.deliberations, i, t, paths::DOSSIER_ROOT);
                // A passport's decision of a session is that session's: shown once.
                let jury_in_sessions = c.jury.as_ref().is_some_and(|j| match &j.date {
                    Some(date) => jury_sessions.iter().any(|s| s.date == date),
                    None => !jury_sessions.is_empty(),
                });
                let page = DossierWithSessions {
                    page: dossier::dossier_page(site, c, d, t, &cx.labels, texts),
                    jury_sessions,
                    jury_in_sessions,
                };
                cx.html("dossier.html", &path, &page)
            }
            Page::Report(c) => {
                let (c, d) = (&site.candidates[c], &cx.dossiers[c]);
                Ok(report::candidate_report_json(site, c, d, t).into_bytes())
            }
            Page::Evidence(c, i) => {
                let c = &site.candidates[c];
                let texts = cx.texts.get(site, &c.referential);
                let page = evidence::evidence_page(site, c, i, t, texts, cx.highlighter);
                cx.html("evidence.html", &path, &page)
            }
            Page::Attachment(c, i, j) => {
                let a = &site.candidates[c].evidence[i].attachments[j];
                std::fs::read(&a.source).map_err(|e| Error::io(&a.source, e))
            }
            Page::Sessions => cx.html(
                "sessions.html",
                &path,
                &session::index(site, cx.deliberations, t),
            ),
            Page::Certified(r) | Page::CertifiedCsv(r) => {
                let rows = certified::certified_rows(
                    site,
                    cx.deliberations,
                    &session::sessions_of(site, r),
                    t,
                    &paths::root_of(&path),
                );
                let r = &site.referentials[r];
                match self {
                    Page::CertifiedCsv(_) => Ok(certified::certified_csv(r, &rows).into_bytes()),
                    _ => cx.html(
                        "certified.html",
                        &path,
                        &certified::certified_page(t, r, rows, None),
                    ),
                }
            }
            Page::Minutes(s) => cx.html(
                "minutes.html",
                &path,
                &session::minutes(site, s, &cx.deliberations[s], t),
            ),
            Page::SessionCertified(s) | Page::SessionCertifiedCsv(s) => {
                let root = paths::root_of(&path);
                let rows = certified::certified_rows(site, cx.deliberations, &[s], t, &root);
                let s = &site.sessions[s];
                let r = site.referential(&s.referential);
                match self {
                    Page::SessionCertifiedCsv(_) => {
                        Ok(certified::certified_csv(r, &rows).into_bytes())
                    }
                    _ => cx.html(
                        "certified.html",
                        &path,
                        &certified::certified_page(t, r, rows, Some(s)),
                    ),
                }
            }
            Page::Certificate(s, v, bloc) => {
                let verdict = &cx.deliberations[s].verdicts[v];
                let signed = site.config.certificates.key.as_ref().map(|_| "jwt");
                let page = certified::certificate(site, s, verdict, bloc, t, signed);
                cx.html("certificate.html", &path, &page)
            }
            Page::Credential(s, v, bloc) | Page::SignedCredential(s, v, bloc) => {
                let verdict = &cx.deliberations[s].verdicts[v];
                // The JSON's address identifies the credential, signed or not.
                let json = Page::Credential(s, v, bloc).path(site);
                let award = Award {
                    site,
                    session: &site.sessions[s],
                    candidate: &site.candidates[&verdict.candidate],
                    bloc,
                    path: &json,
                };
                let key = site.config.certificates.key.as_ref();
                Ok(match (self, key) {
                    (Page::SignedCredential(..), Some(key)) => award.jwt(key),
                    _ => award.json(),
                }
                .into_bytes())
            }
            Page::IssuerKey => {
                let key = site.config.certificates.key.as_ref();
                Ok(key.map(|k| k.public_pem()).unwrap_or_default().into_bytes())
            }
        }
    }
}

/// A dossier and the jury sessions that deliberated on its candidate.
#[derive(Serialize)]
struct DossierWithSessions<'a> {
    #[serde(flatten)]
    page: dossier::DossierPage<'a>,
    jury_sessions: Vec<session::CandidateSession<'a>>,
    /// The passport's `jury:` is one of `jury_sessions`' decisions.
    jury_in_sessions: bool,
}

/// Renders the pages of `scope` that `wanted` selects (by page and path) into `out`; returns the path of every
/// page of the scope (rendered or not) and how many were rendered.
pub fn render_scope(
    scope: &Scope,
    cx: &RenderContext<'_>,
    out: &dyn Output,
    wanted: impl Fn(Page<'_>, &str) -> bool,
) -> Result<(Vec<String>, usize), Error> {
    let mut paths = Vec::new();
    let mut rendered = 0;
    for page in scope.pages(cx.site, cx.deliberations) {
        let path = page.path(cx.site);
        if wanted(page, &path) {
            out.write(&path, &page.render(cx)?)?;
            rendered += 1;
        }
        paths.push(path);
    }
    Ok((paths, rendered))
}

/// Renders every page of the site into `out`, scopes in parallel; returns what `keep`
/// makes of each scope and the paths of its files, in output order (a count for a build,
/// the paths for `serve`, which must remember them). With several failures, the first in
/// output order is reported, so a broken build says the same thing every time.
pub fn render_all<T: Send>(
    cx: &RenderContext<'_>,
    out: &dyn Output,
    keep: impl Fn(Scope, Vec<String>) -> T + Sync,
) -> Result<Vec<T>, Error> {
    let scopes: Vec<Scope> = scopes(cx.site).collect();
    let results: Vec<Result<T, Error>> = scopes
        .into_par_iter()
        .map(|scope| {
            render_scope(&scope, cx, out, |_, _| true).map(|(paths, _)| keep(scope, paths))
        })
        .collect();
    results.into_iter().collect()
}

/// What rendering any page needs.
pub struct RenderContext<'a> {
    pub site: &'a Site,
    /// Each candidate's of `site`.
    pub dossiers: &'a Dossiers,
    /// Each session's of `site`.
    pub deliberations: &'a Deliberations,
    pub templates: &'a Templates,
    pub highlighter: &'a highlight::Highlighter,
    texts: TextCache,
    labels: dossier::Labels,
    /// Words stemmed for the search indexes so far.
    stems: search::Stems,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        site: &'a Site,
        dossiers: &'a Dossiers,
        deliberations: &'a Deliberations,
        templates: &'a Templates,
        highlighter: &'a highlight::Highlighter,
    ) -> Self {
        RenderContext {
            site,
            dossiers,
            deliberations,
            templates,
            highlighter,
            texts: TextCache::new(site),
            labels: dossier::Labels::new(templates.strings()),
            stems: search::Stems::default(),
        }
    }

    /// Renders `page` with `template` as the page at `path` (relative to the site root),
    /// its links to the site's shared files relative to it.
    pub(super) fn html(
        &self,
        template: &str,
        path: &str,
        page: &impl Serialize,
    ) -> Result<Vec<u8>, Error> {
        self.html_under(super::CONTENT_SECURITY_POLICY, template, path, page)
    }

    /// [`Self::html`] under another Content-Security-Policy: the search page runs the
    /// site's own script.
    fn html_under(
        &self,
        csp: &'static str,
        template: &str,
        path: &str,
        page: &impl Serialize,
    ) -> Result<Vec<u8>, Error> {
        let root = paths::root_of(path);
        let common = Common::new(&self.site.config, &root, path, csp);
        self.templates.render(template, &common, page)
    }
}
