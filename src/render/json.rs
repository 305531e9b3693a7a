//! The JSON export of a referential (`<id>/referential.json`), documented in
//! `docs/json-export.md`. Texts stay Markdown; every reference is an ID; generated IDs are
//! included and flagged.

use serde::Serialize;

use crate::model::{ModalityKind, Referential, Rules};

/// Version of the export shape; bumped on any incompatible change.
pub const FORMAT: &str = "refolio.referential/1";

#[derive(Serialize)]
struct Export<'a> {
    format: &'static str,
    id: &'a str,
    url: Option<String>,
    title: &'a str,
    rncp: Option<&'a str>,
    level: Option<u8>,
    certifier: Option<&'a str>,
    version: Option<&'a str>,
    language: &'a str,
    source_url: Option<&'a str>,
    preamble: Option<&'a str>,
    notes: Option<&'a str>,
    rules: &'a Rules,
    blocs: Vec<BlocExport<'a>>,
}

#[derive(Serialize)]
struct BlocExport<'a> {
    id: &'a str,
    title: &'a str,
    points: Option<u32>,
    minimum: Option<u32>,
    hours: Option<u32>,
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    validation: Option<crate::model::BlocValidation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    competence_threshold: Option<crate::model::Share>,
    #[serde(skip_serializing_if = "Option::is_none")]
    competences_share: Option<u32>,
    /// `false` for a bloc the title does not need.
    #[serde(skip_serializing_if = "is_true")]
    required: bool,
    groups: Vec<GroupExport<'a>>,
    activities: Vec<ActivityExport<'a>>,
    criteria: Vec<CriterionExport<'a>>,
    modalities: Vec<ModalityExport<'a>>,
    modules: Vec<ModuleExport<'a>>,
}

#[derive(Serialize)]
struct GroupExport<'a> {
    id: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    activities: Vec<&'a str>,
}

#[derive(Serialize)]
struct ActivityExport<'a> {
    id: &'a str,
    title: &'a str,
    group: Option<&'a str>,
    competences: Vec<CompetenceExport<'a>>,
}

#[derive(Serialize)]
struct CompetenceExport<'a> {
    id: &'a str,
    text: &'a str,
    criteria: Vec<&'a str>,
    modalities: Vec<&'a str>,
}

#[derive(Serialize)]
struct CriterionExport<'a> {
    id: &'a str,
    generated_id: bool,
    text: &'a str,
    indicators: &'a [String],
    competences: Vec<&'a str>,
}

#[derive(Serialize)]
struct ModalityExport<'a> {
    id: &'a str,
    generated_id: bool,
    title: &'a str,
    kind: ModalityKind,
    duration: Option<&'a str>,
    points: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<u32>,
    description: Option<&'a str>,
    evaluates: Vec<&'a str>,
}

#[derive(Serialize)]
struct ModuleExport<'a> {
    id: &'a str,
    title: &'a str,
    hours: Option<u32>,
}

/// Serde's `skip_serializing_if` for fields that default to `true`.
fn is_true(b: &bool) -> bool {
    *b
}

fn ids<'a>(indices: &[usize], id: impl Fn(usize) -> &'a str) -> Vec<&'a str> {
    indices.iter().map(|&i| id(i)).collect()
}

/// The export of `r`, pretty-printed, ending with a newline. `base_url` (with or without
/// trailing slash) gives the referential's absolute `url`.
pub fn export_referential(r: &Referential, base_url: Option<&str>) -> String {
    let competence_id = |k: usize| r.competences[k].id.as_str();
    let blocs = r
        .blocs
        .iter()
        .enumerate()
        .map(|(b, bloc)| BlocExport {
            id: &bloc.id,
            title: &bloc.title,
            points: bloc.points,
            minimum: bloc.minimum,
            hours: bloc.hours,
            summary: bloc.summary.as_deref(),
            validation: bloc.validation,
            competence_threshold: bloc.competence_threshold,
            competences_share: bloc.competences_share,
            required: !bloc.optional,
            groups: bloc
                .groups
                .iter()
                .map(|&g| GroupExport {
                    id: &r.groups[g].id,
                    title: &r.groups[g].title,
                    summary: r.groups[g].summary.as_deref(),
                    activities: ids(&r.groups[g].activities, |a| r.activities[a].id.as_str()),
                })
                .collect(),
            activities: bloc
                .activities
                .iter()
                .map(|&a| {
                    let activity = &r.activities[a];
                    ActivityExport {
                        id: &activity.id,
                        title: &activity.title,
                        group: activity.group.map(|g| r.groups[g].id.as_str()),
                        competences: activity
                            .competences
                            .iter()
                            .map(|&k| {
                                let c = &r.competences[k];
                                CompetenceExport {
                                    id: &c.id,
                                    text: &c.text,
                                    criteria: ids(&c.criteria, |i| r.criteria[i].id.as_str()),
                                    modalities: ids(&c.modalities, |i| r.modalities[i].id.as_str()),
                                }
                            })
                            .collect(),
                    }
                })
                .collect(),
            criteria: r
                .criteria
                .iter()
                .filter(|c| c.bloc == b)
                .map(|c| CriterionExport {
                    id: &c.id,
                    generated_id: c.generated_id,
                    text: &c.text,
                    indicators: &c.indicators,
                    competences: ids(&c.competences, competence_id),
                })
                .collect(),
            modalities: bloc
                .modalities
                .iter()
                .map(|&m| {
                    let m = &r.modalities[m];
                    ModalityExport {
                        id: &m.id,
                        generated_id: m.generated_id,
                        title: &m.title,
                        kind: m.kind,
                        duration: m.duration.as_deref(),
                        points: m.points,
                        minimum: m.minimum,
                        description: m.description.as_deref(),
                        evaluates: ids(&m.evaluates, competence_id),
                    }
                })
                .collect(),
            modules: bloc
                .modules
                .iter()
                .map(|&m| ModuleExport {
                    id: &r.modules[m].id,
                    title: &r.modules[m].title,
                    hours: r.modules[m].hours,
                })
                .collect(),
        })
        .collect();
    let export = Export {
        format: FORMAT,
        id: &r.id,
        url: crate::paths::absolute(base_url, &format!("{}/", r.id)),
        title: &r.title,
        rncp: r.rncp.as_deref(),
        level: r.level,
        certifier: r.certifier.as_deref(),
        version: r.version.as_deref(),
        language: &r.language,
        source_url: r.source_url.as_deref(),
        preamble: r.preamble.as_deref(),
        notes: r.notes.as_deref(),
        rules: &r.rules,
        blocs,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&export).unwrap_or_default();
    out.push('\n');
    out
}
