//! Views: what the templates see. Small serialisable structs built from the model for one
//! page, borrowing its strings, with Markdown already rendered to sanitised HTML and every
//! link already resolved to a relative URL, so templates only lay things out.

use std::collections::HashSet;

use serde::Serialize;

use super::Strings;
use super::markdown::{to_html, to_inline_html};
use super::table::{Row, Span, SpannedItems, layout_bloc};
use super::texts::Texts;
use crate::model::{Referential, Rules};
use crate::paths;

/// A link to an item: its ID as label and a relative URL.
#[derive(Serialize)]
pub struct Link<'a> {
    pub id: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub struct ReferentialSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub rncp: Option<&'a str>,
    pub level: Option<u8>,
    pub certifier: Option<&'a str>,
    pub version: Option<&'a str>,
    pub language: &'a str,
    pub source_url: Option<&'a str>,
    pub draft: bool,
    pub blocs: usize,
    pub competences: usize,
    pub criteria: usize,
    pub modalities: usize,
    pub href: String,
}

impl<'a> ReferentialSummary<'a> {
    /// `href` is the referential's page, relative to the page showing the summary.
    pub fn new(r: &'a Referential, href: String) -> Self {
        ReferentialSummary {
            id: &r.id,
            title: &r.title,
            rncp: r.rncp.as_deref(),
            level: r.level,
            certifier: r.certifier.as_deref(),
            version: r.version.as_deref(),
            language: &r.language,
            source_url: r.source_url.as_deref(),
            draft: r.draft,
            blocs: r.blocs.len(),
            competences: r.competences.len(),
            criteria: r.criteria.len(),
            modalities: r.modalities.len(),
            href,
        }
    }
}

/// The referential page: header, rules, and per bloc its table rows and modules.
#[derive(Serialize)]
pub struct ReferentialPage<'a> {
    pub referential: ReferentialSummary<'a>,
    pub preamble_html: Option<String>,
    pub notes_html: Option<String>,
    pub rules: Option<&'a Rules>,
    /// The certification process beyond the grid, one line per stated rule.
    pub process: Vec<super::process::RuleLine>,
    pub blocs: Vec<BlocView<'a>>,
}

#[derive(Serialize)]
pub struct BlocView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub points: Option<u32>,
    pub minimum: Option<u32>,
    pub hours: Option<u32>,
    /// How the bloc is validated, when its referential says it for this bloc.
    pub rule: Option<String>,
    pub summary_html: Option<String>,
    /// Table bodies: one per activity group (with its header), or one for ungrouped rows.
    pub bodies: Vec<BodyView<'a>>,
    pub modules: Vec<ModuleView<'a>>,
}

#[derive(Serialize)]
pub struct BodyView<'a> {
    pub group: Option<GroupView<'a>>,
    pub rows: Vec<RowView<'a>>,
}

#[derive(Serialize)]
pub struct ModuleView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub hours: Option<u32>,
}

/// One competence row with its cells; a cell is absent where one above spans over it.
#[derive(Serialize)]
pub struct RowView<'a> {
    pub activity: Option<ActivityCell<'a>>,
    pub competence: CompetenceCell<'a>,
    pub modalities: Option<ItemsCell<ModalityView<'a>>>,
    pub criteria: Option<ItemsCell<CriterionView<'a>>>,
}

#[derive(Serialize)]
pub struct GroupView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub summary_html: Option<String>,
}

#[derive(Serialize)]
pub struct ActivityCell<'a> {
    pub rowspan: usize,
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub competences: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub struct CompetenceCell<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub href: String,
    pub text_html: String,
    pub activity: Link<'a>,
}

#[derive(Serialize)]
pub struct ItemsCell<T> {
    pub rowspan: usize,
    pub items: Vec<T>,
}

/// A modality, in full at its first appearance on a page and as a link afterwards.
#[derive(Serialize)]
pub struct ModalityView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub href: String,
    pub full: bool,
    pub title: &'a str,
    pub kind: String,
    pub duration: Option<&'a str>,
    pub points: Option<u32>,
    pub description_html: Option<String>,
    pub evaluates: Vec<Link<'a>>,
}

/// A criterion, in full at its first appearance on a page and as a link afterwards.
#[derive(Serialize)]
pub struct CriterionView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub href: String,
    pub full: bool,
    pub generated_id: bool,
    pub text_html: &'a str,
    pub indicators_html: Vec<String>,
    pub competences: Vec<Link<'a>>,
}

pub use crate::paths::Place;

/// Builds item views for one page, remembering which items were already shown in full.
pub struct ViewBuilder<'a> {
    pub r: &'a Referential,
    pub t: &'a Strings,
    pub place: Place,
    texts: &'a Texts,
    shown_modalities: HashSet<usize>,
    shown_criteria: HashSet<usize>,
}

impl<'a> ViewBuilder<'a> {
    pub fn new(r: &'a Referential, t: &'a Strings, texts: &'a Texts, place: Place) -> Self {
        ViewBuilder {
            r,
            t,
            place,
            texts,
            shown_modalities: HashSet::new(),
            shown_criteria: HashSet::new(),
        }
    }

    fn competence_link(&self, k: usize) -> Link<'a> {
        let id = self.r.competences[k].id.as_str();
        let href = match self.place {
            Place::Table => self.place.table(id),
            Place::CompetencePage => self.place.competence_page(id),
        };
        Link { id, href }
    }

    pub fn modality(&mut self, m: usize) -> ModalityView<'a> {
        let modality = &self.r.modalities[m];
        let full = self.shown_modalities.insert(m);
        ModalityView {
            id: &modality.id,
            anchor: paths::table_anchor(&modality.id),
            href: self.place.table(&modality.id),
            full,
            title: &modality.title,
            kind: self.t.get(modality.kind.label_key()),
            duration: modality.duration.as_deref(),
            points: modality.points,
            description_html: modality.description.as_deref().map(to_html),
            evaluates: modality
                .evaluates
                .iter()
                .map(|&k| self.competence_link(k))
                .collect(),
        }
    }

    pub fn criterion(&mut self, c: usize) -> CriterionView<'a> {
        let criterion = &self.r.criteria[c];
        let full = self.shown_criteria.insert(c);
        CriterionView {
            id: &criterion.id,
            anchor: paths::table_anchor(&criterion.id),
            href: self.place.table(&criterion.id),
            full,
            generated_id: criterion.generated_id,
            text_html: self.texts.criterion(c),
            indicators_html: criterion
                .indicators
                .iter()
                .map(|i| to_inline_html(i))
                .collect(),
            competences: criterion
                .competences
                .iter()
                .map(|&k| self.competence_link(k))
                .collect(),
        }
    }

    /// The referential table page.
    pub fn referential_page(mut self) -> ReferentialPage<'a> {
        let r = self.r;
        let blocs = (0..r.blocs.len()).map(|b| self.bloc(b)).collect();
        ReferentialPage {
            referential: ReferentialSummary::new(r, Place::Table.referential_page()),
            preamble_html: r.preamble.as_deref().map(to_html),
            notes_html: r.notes.as_deref().map(to_html),
            rules: (!r.rules.is_empty()).then_some(&r.rules),
            process: super::process::process_lines(r, self.t),
            blocs,
        }
    }

    fn bloc(&mut self, b: usize) -> BlocView<'a> {
        let r = self.r;
        let bloc = &r.blocs[b];
        let mut bodies: Vec<BodyView<'a>> = Vec::new();
        for row in layout_bloc(r, b) {
            match row {
                Row::Group(g) => bodies.push(BodyView {
                    group: Some(self.group(g)),
                    rows: Vec::new(),
                }),
                Row::Competence {
                    competence,
                    activity,
                    modalities,
                    criteria,
                } => {
                    let row = self.row(competence, activity, modalities, criteria);
                    match bodies.last_mut() {
                        Some(body) => body.rows.push(row),
                        None => bodies.push(BodyView {
                            group: None,
                            rows: vec![row],
                        }),
                    }
                }
            }
        }
        BlocView {
            id: &bloc.id,
            anchor: paths::table_anchor(&bloc.id),
            title: &bloc.title,
            points: bloc.points,
            minimum: bloc.minimum,
            hours: bloc.hours,
            rule: super::process::bloc_rule(bloc, self.t),
            summary_html: bloc.summary.as_deref().map(to_html),
            bodies,
            modules: bloc
                .modules
                .iter()
                .map(|&m| {
                    let module = &r.modules[m];
                    ModuleView {
                        id: &module.id,
                        anchor: paths::table_anchor(&module.id),
                        title: &module.title,
                        hours: module.hours,
                    }
                })
                .collect(),
        }
    }

    fn row(
        &mut self,
        k: usize,
        activity: Option<Span>,
        modalities: Option<SpannedItems>,
        criteria: Option<SpannedItems>,
    ) -> RowView<'a> {
        let r = self.r;
        let competence = &r.competences[k];
        let activity_id = r.activities[competence.activity].id.as_str();
        RowView {
            activity: activity.map(|span| {
                let a = &r.activities[span.item];
                ActivityCell {
                    rowspan: span.rows,
                    id: &a.id,
                    anchor: paths::table_anchor(&a.id),
                    title: &a.title,
                    competences: a
                        .competences
                        .iter()
                        .map(|&k| self.competence_link(k))
                        .collect(),
                }
            }),
            competence: CompetenceCell {
                id: &competence.id,
                anchor: paths::table_anchor(&competence.id),
                href: self.place.competence_page(&competence.id),
                text_html: to_html(&competence.text),
                activity: Link {
                    id: activity_id,
                    href: self.place.table(activity_id),
                },
            },
            modalities: modalities.map(|cell| ItemsCell {
                rowspan: cell.rows,
                items: cell.items.iter().map(|&m| self.modality(m)).collect(),
            }),
            criteria: criteria.map(|cell| ItemsCell {
                rowspan: cell.rows,
                items: cell.items.iter().map(|&c| self.criterion(c)).collect(),
            }),
        }
    }

    pub fn group(&self, g: usize) -> GroupView<'a> {
        let group = &self.r.groups[g];
        GroupView {
            id: &group.id,
            anchor: paths::table_anchor(&group.id),
            title: &group.title,
            summary_html: group.summary.as_deref().map(to_html),
        }
    }
}

/// A competence's own page: where it sits, its text, criteria and modalities.
#[derive(Serialize)]
pub struct CompetencePage<'a> {
    pub referential: ReferentialSummary<'a>,
    pub bloc: Link<'a>,
    pub bloc_title: &'a str,
    pub group: Option<GroupView<'a>>,
    pub group_href: Option<String>,
    pub activity: Link<'a>,
    pub activity_title: &'a str,
    pub id: &'a str,
    pub anchor: String,
    pub table_href: String,
    pub text_html: String,
    pub criteria: Vec<CriterionView<'a>>,
    pub modalities: Vec<ModalityView<'a>>,
    pub previous: Option<Link<'a>>,
    pub next: Option<Link<'a>>,
}

pub fn competence_page<'a>(
    r: &'a Referential,
    t: &'a Strings,
    texts: &'a Texts,
    k: usize,
) -> CompetencePage<'a> {
    let place = Place::CompetencePage;
    let mut b = ViewBuilder::new(r, t, texts, place);
    let competence = &r.competences[k];
    let bloc = &r.blocs[competence.bloc];
    let activity = &r.activities[competence.activity];
    let neighbour = |k: usize| {
        let id = r.competences[k].id.as_str();
        Link {
            id,
            href: place.competence_page(id),
        }
    };
    CompetencePage {
        referential: ReferentialSummary::new(r, place.referential_page()),
        bloc: Link {
            id: &bloc.id,
            href: place.table(&bloc.id),
        },
        bloc_title: &bloc.title,
        group: activity.group.map(|g| b.group(g)),
        group_href: activity.group.map(|g| place.table(&r.groups[g].id)),
        activity: Link {
            id: &activity.id,
            href: place.table(&activity.id),
        },
        activity_title: &activity.title,
        id: &competence.id,
        anchor: paths::table_anchor(&competence.id),
        table_href: place.table(&competence.id),
        text_html: to_html(&competence.text),
        criteria: competence
            .criteria
            .iter()
            .map(|&c| b.criterion(c))
            .collect(),
        modalities: competence
            .modalities
            .iter()
            .map(|&m| b.modality(m))
            .collect(),
        previous: k.checked_sub(1).map(neighbour),
        next: (k + 1 < r.competences.len()).then(|| neighbour(k + 1)),
    }
}
