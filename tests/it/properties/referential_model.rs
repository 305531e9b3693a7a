//! The concrete referential as written, built from a shape drawn by
//! `referential_gen`: IDs numbered with one serial per referential, references resolved,
//! and what would be invalid repaired (see `build`).

use proptest::sample::Index;

use super::referential_gen::{
    ActivityShape, BlocShape, CriterionShape, EvalShape, IdShape, MetaShape, Professional,
    RulesShape, Text,
};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub competence_threshold: Option<u32>,
    pub bloc_pass_percent: Option<u32>,
    pub total_points: Option<u32>,
    pub pass_mark: Option<u32>,
    pub professional: Option<Professional>,
    pub partial_certification: Option<bool>,
    pub exemptions: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Ref {
    pub id: String,
    pub title: Text,
    pub rncp: Option<String>,
    pub level: Option<u8>,
    pub certifier: Option<Text>,
    pub version: Option<String>,
    pub language: Option<&'static str>,
    pub source_url: Option<String>,
    pub preamble: Option<Text>,
    pub notes: Option<Text>,
    /// `None`: no `rules:` key at all.
    pub rules: Option<Rules>,
    pub blocs: Vec<Bloc>,
}

#[derive(Debug, Clone)]
pub struct Bloc {
    pub id: String,
    pub title: Text,
    pub points: Option<u32>,
    pub minimum: Option<u32>,
    pub hours: Option<u32>,
    pub summary: Option<Text>,
    pub groups: Vec<Group>,
    pub activities: Vec<Activity>,
    /// Bloc-level criteria, with the competence IDs they list (maybe repeated).
    pub shared: Vec<(Criterion, Vec<String>, bool)>,
    pub modalities: Vec<Modality>,
    pub modules: Vec<(String, Text, Option<u32>)>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub title: Text,
    pub summary: Option<Text>,
    pub activities: Vec<Activity>,
}

#[derive(Debug, Clone)]
pub struct Activity {
    pub id: String,
    pub title: Text,
    pub competences: Vec<Competence>,
}

#[derive(Debug, Clone)]
pub struct Competence {
    pub id: String,
    pub text: Text,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    /// The ID as written, if any.
    pub id: Option<String>,
    pub text: Text,
    pub indicators: Vec<Text>,
    pub short: bool,
}

#[derive(Debug, Clone)]
pub struct Modality {
    pub id: Option<String>,
    pub title: Text,
    pub kind: &'static str,
    pub duration: Option<Text>,
    pub points: Option<u32>,
    pub description: Option<Text>,
    /// Competence or bloc IDs, as written.
    pub evaluates: Vec<String>,
    pub flow: bool,
}

impl Bloc {
    /// Grouped activities first, then the bloc's own: reading order.
    pub fn all_activities(&self) -> impl Iterator<Item = &Activity> {
        self.groups
            .iter()
            .flat_map(|g| &g.activities)
            .chain(&self.activities)
    }

    pub fn competences(&self) -> impl Iterator<Item = &Competence> {
        self.all_activities().flat_map(|a| &a.competences)
    }

    /// The IDs of every criterion of the bloc: nested ones in reading order, then
    /// bloc-level ones.
    pub fn criterion_ids(&self) -> Vec<String> {
        let nested = self.competences().flat_map(|c| {
            c.criteria
                .iter()
                .enumerate()
                .map(|(i, k)| criterion_id(k, &c.id, i + 1).0)
        });
        let shared = self
            .shared
            .iter()
            .enumerate()
            .map(|(i, (k, _, _))| criterion_id(k, &self.id, i + 1).0);
        nested.chain(shared).collect()
    }

    /// Each modality's ID (as written, else `<bloc>.E<position>`) and points.
    pub fn modality_ids(&self) -> Vec<(String, Option<u32>)> {
        self.modalities
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let id =
                    m.id.clone()
                        .unwrap_or_else(|| format!("{}.E{}", self.id, i + 1));
                (id, m.points)
            })
            .collect()
    }
}

/// A criterion's ID and whether it is generated: as written, else
/// `<parent>.cr<position>` (docs/content-format.md, "Identifiers").
pub fn criterion_id(c: &Criterion, parent: &str, position: usize) -> (String, bool) {
    match &c.id {
        Some(id) => (id.clone(), false),
        None => (format!("{parent}.cr{position}"), true),
    }
}

struct Serial(u32);

impl Serial {
    fn id(&mut self, s: &IdShape) -> String {
        self.0 += 1;
        let tail = s.tail.as_ref().map(|t| format!(".{t}")).unwrap_or_default();
        format!("{}{}{}{tail}", s.stem, s.sep, self.0)
    }
}

fn criterion(n: &mut Serial, s: &CriterionShape) -> Criterion {
    Criterion {
        id: s.id.as_ref().map(|i| n.id(i)),
        text: s.text.clone(),
        indicators: s.indicators.clone(),
        short: s.short,
    }
}

fn activity(n: &mut Serial, s: &ActivityShape) -> Activity {
    Activity {
        id: n.id(&s.id),
        title: s.title.clone(),
        competences: s
            .competences
            .iter()
            .map(|c| Competence {
                id: n.id(&c.id),
                text: c.text.clone(),
                criteria: c.criteria.iter().map(|k| criterion(n, k)).collect(),
            })
            .collect(),
    }
}

/// Numbers, resolves and repairs a shape into a valid referential.
pub fn build(meta: MetaShape, rules: RulesShape, blocs: Vec<BlocShape>) -> Ref {
    let mut n = Serial(0);
    let blocs = blocs.iter().map(|b| build_bloc(&mut n, b)).collect();
    let pass_mark = match (rules.total_points, rules.pass_mark) {
        (Some(total), Some(permille)) => Some(total * permille / 1000),
        (_, pass) => pass,
    };
    let rules = Rules {
        competence_threshold: rules.threshold,
        bloc_pass_percent: rules.bloc_pass_percent,
        total_points: rules.total_points,
        pass_mark,
        professional: rules.professional.map(|(parts, points, min)| {
            let points = if parts.is_empty() {
                points
            } else {
                parts.iter().map(|p| p.1).sum()
            };
            (parts, points, min)
        }),
        partial_certification: rules.partial,
        exemptions: rules.exemptions,
    };
    let empty = rules.competence_threshold.is_none()
        && rules.bloc_pass_percent.is_none()
        && rules.total_points.is_none()
        && rules.pass_mark.is_none()
        && rules.professional.is_none()
        && rules.partial_certification.is_none()
        && rules.exemptions.is_none();
    Ref {
        id: meta.file,
        title: meta.title,
        rncp: meta.rncp.map(|r| format!("RNCP{r}")),
        level: meta.level,
        certifier: meta.certifier,
        version: meta
            .version
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        language: meta.language,
        source_url: meta.source_url,
        preamble: meta.preamble,
        notes: meta.notes,
        rules: (!empty || meta.empty_rules).then_some(rules),
        blocs,
    }
}

fn build_bloc(n: &mut Serial, s: &BlocShape) -> Bloc {
    let id = n.id(&s.id);
    let groups: Vec<Group> = s
        .groups
        .iter()
        .map(|(gid, title, summary, activities)| Group {
            id: n.id(gid),
            title: title.clone(),
            summary: summary.clone(),
            activities: activities.iter().map(|a| activity(n, a)).collect(),
        })
        .collect();
    let activities = s.activities.iter().map(|a| activity(n, a)).collect();
    let mut bloc = Bloc {
        id,
        title: s.title.clone(),
        points: s.points,
        minimum: s.points.and_then(|p| s.minimum.map(|m| p * m / 100)),
        hours: s.hours,
        summary: s.summary.clone(),
        groups,
        activities,
        shared: Vec::new(),
        modalities: Vec::new(),
        modules: Vec::new(),
    };
    let competences: Vec<String> = bloc.competences().map(|c| c.id.clone()).collect();
    if !competences.is_empty() {
        let pick = |i: &Index| competences[i.index(competences.len())].clone();
        bloc.shared = s
            .shared
            .iter()
            .map(|(c, refs, flow)| (criterion(n, c), refs.iter().map(pick).collect(), *flow))
            .collect();
        bloc.modalities = s
            .modalities
            .iter()
            .map(|m| Modality {
                id: m.id.as_ref().map(|i| n.id(i)),
                title: m.title.clone(),
                kind: m.kind,
                duration: m.duration.clone(),
                points: m.points,
                description: m.description.clone(),
                evaluates: m
                    .evaluates
                    .iter()
                    .map(|e| match e {
                        EvalShape::Competence(i) => pick(i),
                        EvalShape::Bloc => bloc.id.clone(),
                    })
                    .collect(),
                flow: m.flow,
            })
            .collect();
    }
    bloc.modules = s
        .modules
        .iter()
        .map(|(mid, title, hours)| (n.id(mid), title.clone(), *hours))
        .collect();
    repair(&mut bloc, &competences);
    bloc
}

/// Every competence gets a criterion and a modality evaluating it.
fn repair(bloc: &mut Bloc, competences: &[String]) {
    let shared: Vec<String> = bloc.shared.iter().flat_map(|s| s.1.clone()).collect();
    let bare = |c: &Competence| c.criteria.is_empty() && !shared.contains(&c.id);
    for a in bloc
        .groups
        .iter_mut()
        .flat_map(|g| &mut g.activities)
        .chain(&mut bloc.activities)
    {
        for c in &mut a.competences {
            if bare(c) {
                c.criteria.push(Criterion {
                    id: None,
                    text: Text::plain("Critère ajouté"),
                    indicators: Vec::new(),
                    short: true,
                });
            }
        }
    }
    let evaluated = |id: &String, m: &[Modality], bloc_id: &str| {
        m.iter()
            .any(|m| m.evaluates.iter().any(|e| e == id || e == bloc_id))
    };
    let missing: Vec<String> = competences
        .iter()
        .filter(|c| !evaluated(c, &bloc.modalities, &bloc.id))
        .cloned()
        .collect();
    if missing.is_empty() {
        return;
    }
    match bloc.modalities.last_mut() {
        Some(m) => m.evaluates.extend(missing),
        None => bloc.modalities.push(Modality {
            id: None,
            title: Text::plain("Épreuve ajoutée"),
            kind: "oral",
            duration: None,
            points: None,
            description: None,
            evaluates: vec![bloc.id.clone()],
            flow: true,
        }),
    }
}
