//! Random valid candidates for a generated referential.
//!
//! Like referentials, a candidate is drawn as a shape independent of the referential
//! (references are `Index`es, results are codes cycled over the criteria), then
//! [`realise`]d against one: every ID it writes exists, lies in the blocs presented when
//! the format requires it, and every mark is within its item's points.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use super::emit::Yaml;
use super::referential_gen::{Text, short_text, text};
use super::referential_model::Ref;

#[derive(Debug, Clone)]
pub enum ScoreShape {
    Level(&'static str),
    Mark(u32, u32),
}

impl ScoreShape {
    fn write(&self) -> String {
        match self {
            ScoreShape::Level(l) => (*l).to_owned(),
            ScoreShape::Mark(x, y) => format!("{}/{y}", x.min(y)),
        }
    }
}

fn score() -> impl Strategy<Value = ScoreShape> {
    prop_oneof![
        3 => select(vec!["acquired", "partly-acquired", "not-acquired"]).prop_map(ScoreShape::Level),
        1 => (0..=20u32, 1..=20u32).prop_map(|(x, y)| ScoreShape::Mark(x, y)),
    ]
}

/// A mark: a share (‰) of the item's points written as a number, or a fraction `x/y`
/// (`x,5/y` when `half`).
#[derive(Debug, Clone)]
pub enum MarkShape {
    Points(u32),
    Fraction(u32, u32, bool),
}

impl MarkShape {
    fn write(&self, points: u32) -> String {
        match *self {
            MarkShape::Points(permille) => {
                let m = (f64::from(points) * f64::from(permille) / 1000.0 * 2.0).floor() / 2.0;
                format!("{m}")
            }
            MarkShape::Fraction(x, y, half) => {
                let x = x.min(y);
                if half && x < y {
                    format!("{x},5/{y}")
                } else {
                    format!("{x}/{y}")
                }
            }
        }
    }
}

fn mark() -> impl Strategy<Value = MarkShape> {
    prop_oneof![
        (0..=1000u32).prop_map(MarkShape::Points),
        (0..=20u32, 1..=20u32, any::<bool>()).prop_map(|(x, y, h)| MarkShape::Fraction(x, y, h)),
    ]
}

#[derive(Debug, Clone)]
pub struct EvidenceShape {
    title: Text,
    date: Option<(u32, u32)>,
    context: Option<(Option<Text>, Option<Text>)>,
    /// Into the competences then criteria of the blocs presented; a note makes it a map.
    demonstrates: Vec<(Index, Option<Text>)>,
    body: Text,
    folder: Option<&'static str>,
}

pub fn evidence_shape() -> BoxedStrategy<EvidenceShape> {
    (
        short_text(),
        option::of((1..=12u32, 1..=28u32)),
        option::of((option::of(short_text()), option::of(short_text()))),
        vec((any::<Index>(), option::weighted(0.3, short_text())), 0..=4),
        text(),
        option::of(select(vec!["preuves", "preuves/stage", "annexe"])),
    )
        .prop_map(
            |(title, date, context, demonstrates, body, folder)| EvidenceShape {
                title,
                date,
                context,
                demonstrates,
                body,
                folder,
            },
        )
        .boxed()
}

/// A job description: its title and missions, each with the competences it exercises.
pub type Job<T> = (Text, Vec<(Text, Vec<T>)>);

#[derive(Debug, Clone)]
pub struct CandidateShape {
    name: Text,
    /// `None`: no `blocs:` key (every bloc). The flag writes the list in flow style.
    blocs: Option<(Vec<Index>, bool)>,
    route: Option<&'static str>,
    session: Option<(u32, u32)>,
    tutor: Option<(Text, Option<Text>, Option<Text>)>,
    job: Option<Job<Index>>,
    exemptions: Vec<(Index, Text, bool)>,
    /// Per criterion of the blocs presented, cycled: 0 no result, 1 validated, 2 not.
    statuses: Vec<u8>,
    self_assessment: Vec<(Index, ScoreShape)>,
    tutor_assessment: Vec<(Index, ScoreShape)>,
    soft_skills: Vec<(Text, Option<ScoreShape>, Option<ScoreShape>)>,
    marks: Vec<(Index, MarkShape)>,
    professional: Option<MarkShape>,
    evidence: Vec<EvidenceShape>,
}

pub fn candidate_shape() -> BoxedStrategy<CandidateShape> {
    let status = prop_oneof![1 => Just(0u8), 4 => Just(1u8), 2 => Just(2u8)];
    (
        (
            short_text(),
            option::of((vec(any::<Index>(), 1..=3), any::<bool>())),
            option::of(select(vec![
                "initial",
                "continuing",
                "apprenticeship",
                "vae",
                "executive",
            ])),
            option::of((1..=12u32, 1..=28u32)),
            option::weighted(
                0.3,
                (
                    short_text(),
                    option::of(short_text()),
                    option::of(short_text()),
                ),
            ),
            option::weighted(
                0.3,
                (
                    short_text(),
                    vec((short_text(), vec(any::<Index>(), 0..=2)), 0..=2),
                ),
            ),
        ),
        (
            vec((any::<Index>(), short_text(), any::<bool>()), 0..=2),
            vec(status, 0..=12),
            vec((any::<Index>(), score()), 0..=3),
            vec((any::<Index>(), score()), 0..=2),
            vec(
                (short_text(), option::of(score()), option::of(score())),
                0..=2,
            ),
            vec((any::<Index>(), mark()), 0..=3),
            option::of(mark()),
            vec(evidence_shape(), 0..=4),
        ),
    )
        .prop_map(
            |(
                (name, blocs, route, session, tutor, job),
                (exemptions, statuses, self_a, tutor_a, soft, marks, professional, evidence),
            )| CandidateShape {
                name,
                blocs,
                route,
                session,
                tutor,
                job,
                exemptions,
                statuses,
                self_assessment: self_a,
                tutor_assessment: tutor_a,
                soft_skills: soft,
                marks,
                professional,
                evidence,
            },
        )
        .boxed()
}

/// A candidate as written in its folder.
#[derive(Debug, Clone)]
pub struct Cand {
    pub name: Text,
    pub blocs: Option<(Vec<String>, bool)>,
    pub route: Option<&'static str>,
    pub session: Option<String>,
    pub tutor: Option<(Text, Option<Text>, Option<Text>)>,
    pub job: Option<Job<String>>,
    /// (criterion, reason, date)
    pub exemptions: Vec<(String, Text, Option<String>)>,
    pub self_assessment: Vec<(String, String)>,
    pub tutor_assessment: Vec<(String, String)>,
    pub soft_skills: Vec<(Text, Option<String>, Option<String>)>,
    pub results: Vec<(String, bool)>,
    pub marks: Vec<(String, String)>,
    pub professional: Option<String>,
    pub evidence: Vec<Evid>,
}

#[derive(Debug, Clone)]
pub struct Evid {
    /// Relative to the candidate folder.
    pub path: String,
    pub title: Text,
    pub date: Option<String>,
    pub context: Option<(Option<Text>, Option<Text>)>,
    pub demonstrates: Vec<(String, Option<Text>)>,
    pub body: Text,
}

/// What a candidate presenting `blocs` (indexes) may refer to.
pub struct Scope {
    pub competences: Vec<String>,
    pub criteria: Vec<String>,
}

impl Scope {
    pub fn of(r: &Ref, blocs: &[usize]) -> Scope {
        let competences = blocs
            .iter()
            .flat_map(|&b| r.blocs[b].competences().map(|c| c.id.clone()))
            .collect();
        let criteria = blocs
            .iter()
            .flat_map(|&b| r.blocs[b].criterion_ids())
            .collect();
        Scope {
            competences,
            criteria,
        }
    }

    /// Competences then criteria: what an evidence file may demonstrate.
    pub fn demonstrable(&self) -> Vec<String> {
        self.competences
            .iter()
            .chain(&self.criteria)
            .cloned()
            .collect()
    }
}

fn dedup_by_key<T>(items: Vec<(String, T)>) -> Vec<(String, T)> {
    let mut out: Vec<(String, T)> = Vec::new();
    for (k, v) in items {
        if !out.iter().any(|(o, _)| *o == k) {
            out.push((k, v));
        }
    }
    out
}

/// The blocs (indexes) a candidate presents.
pub fn presented(r: &Ref, c: &Cand) -> Vec<usize> {
    match &c.blocs {
        None => (0..r.blocs.len()).collect(),
        Some((ids, _)) => (0..r.blocs.len())
            .filter(|&b| ids.contains(&r.blocs[b].id))
            .collect(),
    }
}

/// An evidence file of `shape`, at position `n`, against the items in scope.
pub fn realise_evidence(shape: &EvidenceShape, n: usize, demonstrable: &[String]) -> Evid {
    let file = format!("e{n:02}.md");
    Evid {
        path: match shape.folder {
            Some(f) => format!("{f}/{file}"),
            None => file,
        },
        title: shape.title.clone(),
        date: shape.date.map(|(m, d)| format!("2025-{m:02}-{d:02}")),
        context: shape.context.clone(),
        demonstrates: if demonstrable.is_empty() {
            Vec::new()
        } else {
            shape
                .demonstrates
                .iter()
                .map(|(i, note)| {
                    (
                        demonstrable[i.index(demonstrable.len())].clone(),
                        note.clone(),
                    )
                })
                .collect()
        },
        body: shape.body.clone(),
    }
}

pub fn realise(shape: &CandidateShape, r: &Ref) -> Cand {
    let blocs = shape.blocs.as_ref().map(|(indices, flow)| {
        let mut ids: Vec<String> = Vec::new();
        for i in indices {
            let id = r.blocs[i.index(r.blocs.len())].id.clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        (ids, *flow)
    });
    let mut cand = Cand {
        name: shape.name.clone(),
        blocs,
        route: shape.route,
        session: shape.session.map(|(m, d)| format!("2026-{m:02}-{d:02}")),
        tutor: shape.tutor.clone(),
        job: None,
        exemptions: Vec::new(),
        self_assessment: Vec::new(),
        tutor_assessment: Vec::new(),
        soft_skills: Vec::new(),
        results: Vec::new(),
        marks: Vec::new(),
        professional: None,
        evidence: Vec::new(),
    };
    let presented = presented(r, &cand);
    let scope = Scope::of(r, &presented);
    let all_competences: Vec<String> = r
        .blocs
        .iter()
        .flat_map(|b| b.competences().map(|c| c.id.clone()))
        .collect();
    let pick = |list: &[String], i: &Index| list[i.index(list.len())].clone();
    // A job exercises competences whatever blocs are presented.
    cand.job = shape.job.as_ref().map(|(title, missions)| {
        let missions = missions
            .iter()
            .map(|(t, refs)| {
                let ids = if all_competences.is_empty() {
                    Vec::new()
                } else {
                    refs.iter().map(|i| pick(&all_competences, i)).collect()
                };
                (t.clone(), ids)
            })
            .collect();
        (title.clone(), missions)
    });
    if !scope.criteria.is_empty() {
        if r.rules.as_ref().and_then(|x| x.exemptions) == Some(true) {
            let exemptions = shape
                .exemptions
                .iter()
                .map(|(i, reason, dated)| {
                    let date = dated.then(|| "2026-03-10".to_owned());
                    (pick(&scope.criteria, i), (reason.clone(), date))
                })
                .collect();
            cand.exemptions = dedup_by_key(exemptions)
                .into_iter()
                .map(|(k, (reason, date))| (k, reason, date))
                .collect();
        }
        if !shape.statuses.is_empty() {
            for (i, k) in scope.criteria.iter().enumerate() {
                match shape.statuses[i % shape.statuses.len()] {
                    1 => cand.results.push((k.clone(), true)),
                    2 => cand.results.push((k.clone(), false)),
                    _ => {}
                }
            }
        }
    }
    if !scope.competences.is_empty() {
        let assess = |list: &[(Index, ScoreShape)]| {
            dedup_by_key(
                list.iter()
                    .map(|(i, s)| (pick(&scope.competences, i), s.write()))
                    .collect(),
            )
        };
        cand.self_assessment = assess(&shape.self_assessment);
        cand.tutor_assessment = assess(&shape.tutor_assessment);
    }
    cand.soft_skills = shape
        .soft_skills
        .iter()
        .map(|(t, own, tutor)| {
            (
                t.clone(),
                own.as_ref().map(ScoreShape::write),
                tutor.as_ref().map(ScoreShape::write),
            )
        })
        .collect();
    // Blocs presented and their exams, when they have points.
    let markable: Vec<(String, u32)> = presented
        .iter()
        .flat_map(|&b| {
            let bloc = &r.blocs[b];
            let own = bloc.points.map(|p| (bloc.id.clone(), p));
            let exams = bloc
                .modality_ids()
                .into_iter()
                .filter_map(|(id, p)| p.map(|p| (id, p)));
            own.into_iter().chain(exams)
        })
        .collect();
    if !markable.is_empty() {
        cand.marks = dedup_by_key(
            shape
                .marks
                .iter()
                .map(|(i, m)| {
                    let (id, points) = &markable[i.index(markable.len())];
                    (id.clone(), m.write(*points))
                })
                .collect(),
        );
        // A bloc given whole and by its exams must agree: valid content gives one or the
        // other, the exams when both were drawn.
        let exam_of = |id: &str| {
            presented.iter().find_map(|&b| {
                let bloc = &r.blocs[b];
                bloc.modality_ids()
                    .iter()
                    .any(|(e, _)| e == id)
                    .then(|| bloc.id.clone())
            })
        };
        let by_exams: Vec<String> = cand.marks.iter().filter_map(|(k, _)| exam_of(k)).collect();
        cand.marks.retain(|(k, _)| !by_exams.contains(k));
    }
    let pro = r.rules.as_ref().and_then(|x| x.professional.as_ref());
    if let (Some((_, points, _)), Some(m)) = (pro, &shape.professional) {
        cand.professional = Some(m.write(*points));
    }
    let demonstrable = scope.demonstrable();
    cand.evidence = shape
        .evidence
        .iter()
        .enumerate()
        .map(|(n, e)| realise_evidence(e, n, &demonstrable))
        .collect();
    cand
}

fn score_map(y: &mut Yaml, key: &str, entries: &[(String, String)]) {
    if entries.is_empty() {
        return;
    }
    y.open(0, key);
    for (id, s) in entries {
        y.raw(2, id, s);
    }
}

/// The candidate's `passport.yaml`.
pub fn passport_yaml(c: &Cand, referential: &str) -> String {
    let mut y = Yaml::default();
    y.text(0, "name", &c.name);
    y.raw(0, "referential", referential);
    if let Some((ids, flow)) = &c.blocs {
        y.ids(0, "blocs", ids, *flow);
    }
    y.opt_raw(0, "route", c.route);
    y.opt_raw(0, "session", c.session.as_ref());
    if let Some((name, role, company)) = &c.tutor {
        y.open(0, "tutor");
        y.text(2, "name", name);
        y.opt_text(2, "role", role);
        y.opt_text(2, "company", company);
    }
    if let Some((title, missions)) = &c.job {
        y.open(0, "job");
        y.text(2, "title", title);
        if !missions.is_empty() {
            y.open(2, "missions");
            for (t, ids) in missions {
                y.item(4);
                y.text(6, "text", t);
                y.ids(6, "competences", ids, true);
            }
        }
    }
    if !c.exemptions.is_empty() {
        y.open(0, "exemptions");
        for (k, reason, date) in &c.exemptions {
            y.item(2);
            y.raw(4, "criterion", k);
            y.text(4, "reason", reason);
            y.opt_raw(4, "date", date.as_ref());
        }
    }
    score_map(&mut y, "self_assessment", &c.self_assessment);
    score_map(&mut y, "tutor_assessment", &c.tutor_assessment);
    if !c.soft_skills.is_empty() {
        y.open(0, "soft_skills");
        for (skill, own, tutor) in &c.soft_skills {
            y.item(2);
            y.text(4, "skill", skill);
            y.opt_raw(4, "self", own.as_ref());
            y.opt_raw(4, "tutor", tutor.as_ref());
        }
    }
    if !c.results.is_empty() || !c.marks.is_empty() || c.professional.is_some() {
        y.open(0, "results");
        if !c.results.is_empty() {
            y.open(2, "criteria");
            for (k, v) in &c.results {
                y.raw(4, k, v);
            }
        }
        if !c.marks.is_empty() {
            y.open(2, "marks");
            for (k, v) in &c.marks {
                y.raw(4, k, v);
            }
        }
        y.opt_raw(2, "professional_evaluation", c.professional.as_ref());
    }
    y.out
}

/// An evidence file: YAML front matter and a Markdown body.
pub fn evidence_md(e: &Evid) -> String {
    let mut y = Yaml::default();
    y.text(0, "title", &e.title);
    y.opt_raw(0, "date", e.date.as_ref());
    if let Some((company, mission)) = &e.context {
        if company.is_none() && mission.is_none() {
            y.raw(0, "context", "{}");
        } else {
            y.open(0, "context");
            y.opt_text(2, "company", company);
            y.opt_text(2, "mission", mission);
        }
    }
    if !e.demonstrates.is_empty() {
        y.open(0, "demonstrates");
        for (id, note) in &e.demonstrates {
            match note {
                None => y.id_item(2, id),
                Some(note) => {
                    y.item(2);
                    y.raw(4, "id", id);
                    y.text(4, "note", note);
                }
            }
        }
    }
    format!("---\n{}---\n\n{}\n", y.out, e.body.value)
}
