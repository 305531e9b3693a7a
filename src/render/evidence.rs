//! The view of an evidence page: the candidate's evidence file rendered from Markdown, with
//! the competences and criteria it says it demonstrates, each linked to the referential and
//! to its row in the dossier bilan.

use serde::Serialize;

use super::Strings;
use super::highlight::Highlighter;
use super::markdown::{evidence_to_html, scrolling_code, scrolling_tables};
use super::texts::Texts;
use crate::model::{Candidate, Demonstrated, Site};
use crate::paths::{self, evidence_path, root_of, table_href};

#[derive(Serialize)]
pub struct EvidencePage<'a> {
    pub candidate: &'a str,
    /// The candidate's URL segment, which scopes the search box.
    pub slug: &'a str,
    pub dossier_href: String,
    pub title: &'a str,
    pub date: Option<&'a str>,
    pub company: Option<&'a str>,
    pub mission: Option<&'a str>,
    pub body_html: String,
    pub attachments: Vec<AttachmentLink>,
    pub demonstrates: Vec<Demonstrates<'a>>,
}

#[derive(Serialize)]
pub struct AttachmentLink {
    pub href: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct Demonstrates<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub text_html: &'a str,
    /// In the referential.
    pub href: String,
    /// The competence's row in the dossier.
    pub dossier_href: String,
    pub note: Option<&'a str>,
}

pub fn evidence_page<'a>(
    site: &'a Site,
    c: &'a Candidate,
    i: usize,
    t: &'a Strings,
    texts: &'a Texts,
    highlighter: &Highlighter,
) -> EvidencePage<'a> {
    let r = site.referential(&c.referential);
    let e = &c.evidence[i];
    let page = evidence_path(c, &e.stem);
    let root = root_of(&page);
    let dossier = paths::dossier_page(c);
    let demonstrates = e
        .demonstrates
        .iter()
        .map(|d| {
            let (id, text_html, kind, competence) = match d.item {
                Demonstrated::Competence(k) => {
                    let x = &r.competences[k];
                    (
                        x.id.as_str(),
                        texts.competence(k),
                        "competence",
                        x.id.as_str(),
                    )
                }
                Demonstrated::Criterion(k) => {
                    let x = &r.criteria[k];
                    let first = x
                        .competences
                        .first()
                        .map_or("", |&k| r.competences[k].id.as_str());
                    (x.id.as_str(), texts.criterion(k), "criterion", first)
                }
            };
            Demonstrates {
                id,
                kind: t.text(kind),
                text_html,
                href: table_href(&root, r, id),
                dossier_href: paths::relative(
                    &page,
                    &format!("{dossier}#{}", paths::dossier_competence_anchor(competence)),
                ),
                note: d.note.as_deref(),
            }
        })
        .collect();
    EvidencePage {
        candidate: &c.name,
        slug: &c.slug,
        dossier_href: paths::relative(&page, &dossier),
        title: &e.title,
        date: e.date.as_deref(),
        company: e.company.as_deref(),
        mission: e.mission.as_deref(),
        body_html: scrolling_code(
            scrolling_tables(
                evidence_to_html(&e.body, highlighter),
                t.text("table_region"),
            ),
            t.text("code_region"),
        ),
        attachments: e
            .attachments
            .iter()
            .filter(|a| !a.inline)
            .map(|a| {
                let href =
                    paths::relative(&page, &format!("{}/{}", paths::dossier_dir(c), a.target));
                let name = paths::file_name(&a.target).to_owned();
                AttachmentLink {
                    href,
                    title: a.title.clone().unwrap_or(name),
                }
            })
            .collect(),
        demonstrates,
    }
}
