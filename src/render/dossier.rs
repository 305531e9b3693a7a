//! Views of the candidate pages: the jury index and the dossier bilan (the evidence pages
//! are in [`super::evidence`]).
//! Like [`super::views`], borrowed structs with labels translated, reasoning formatted and
//! links resolved relative to the page, so templates only lay things out.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::Value;

use super::Strings;
use super::texts::Texts;
use crate::model::{Candidate, CandidateId, Referential, Score, Site, fmt_number};
use crate::paths::{self, DOSSIER_ROOT, table_href};
use crate::validate::rules::{CriterionStatus, Reason, Verdict};
use crate::validate::title::Decision;
use crate::validate::{Dossier, Dossiers};

pub use super::results::Label;

/// The labels a dossier shows on every competence and criterion, made into template values
/// once per build rather than once per row.
pub struct Labels {
    verdicts: [Value; 3],
    /// A competence of a bloc decided as a whole (on its mark, by a certificate).
    with_bloc: Value,
    statuses: [Value; 4],
}

impl Labels {
    pub fn new(t: &Strings) -> Labels {
        let label = |key: &str, class: &'static str| {
            Value::from(BTreeMap::from([
                ("label", Value::from(t.get(key))),
                ("class", Value::from(class)),
            ]))
        };
        Labels {
            verdicts: [
                label("verdict_validated", "ok"),
                label("verdict_not_validated", "ko"),
                label("verdict_undecided", "pending"),
            ],
            with_bloc: label("verdict_with_bloc", "neutral"),
            statuses: [
                label("status_validated", "ok"),
                label("status_not_validated", "ko"),
                label("status_exempted", "exempted"),
                label("status_missing", "pending"),
            ],
        }
    }

    fn verdict(&self, v: Verdict) -> &Value {
        &self.verdicts[match v {
            Verdict::Validated => 0,
            Verdict::NotValidated => 1,
            Verdict::Undecided => 2,
        }]
    }

    /// A competence's verdict, or "judged with its bloc" where the bloc is not decided
    /// competence by competence and the competence has no verdict of its own.
    fn competence_verdict(&self, v: Verdict, by_competence: bool) -> &Value {
        if !by_competence && v == Verdict::Undecided {
            return &self.with_bloc;
        }
        self.verdict(v)
    }

    fn status(&self, s: CriterionStatus) -> &Value {
        &self.statuses[match s {
            CriterionStatus::Validated => 0,
            CriterionStatus::NotValidated => 1,
            CriterionStatus::Exempted { .. } => 2,
            CriterionStatus::Missing => 3,
        }]
    }
}

fn decision(t: &Strings, d: &Decision) -> Label {
    super::results::decision_label(t, d)
}

fn reasons(t: &Strings, reasons: &[Reason]) -> Vec<String> {
    reasons
        .iter()
        .map(|r| super::dates::reason_text(t, r))
        .collect()
}

/// A competence row's reasons, less those that repeat what the row or its bloc says: the
/// count of its criteria without a result or all validated (the row's tally says it, and
/// its verdict whether a decision is pending), and refolio's default rule for competences,
/// which applies to the whole bloc and is said once for it (the flag is set when it was).
fn row_reasons(t: &Strings, all: &[Reason], default_rule: &mut bool) -> Vec<String> {
    all.iter()
        .filter(|r| match r.key {
            "reason_criteria_missing" | "reason_criteria_missing_with_bloc" => false,
            "reason_all_criteria" => false,
            "default_competence_all" => {
                *default_rule = true;
                false
            }
            _ => true,
        })
        .map(|r| super::dates::reason_text(t, r))
        .collect()
}

fn score(t: &Strings, s: Option<&Score>) -> Option<String> {
    s.map(|s| match s {
        Score::Level(l) => t.get(l.label_key()),
        Score::Mark { value, out_of } => format!("{}/{}", fmt_number(*value), fmt_number(*out_of)),
    })
}

/// One row of the jury index.
#[derive(Serialize)]
pub struct CandidateRow<'a> {
    pub name: &'a str,
    pub href: String,
    /// Its title, with its RNCP code when another referential has the same title.
    pub referential: String,
    pub route: Option<String>,
    pub session: Option<&'a str>,
    pub blocs: String,
    pub coverage: u32,
    pub complete: bool,
    pub decision: Label,
    /// The jury's recorded decision, when there is one.
    pub jury: Option<Label>,
}

#[derive(Serialize)]
pub struct JuryIndex<'a> {
    pub candidates: Vec<CandidateRow<'a>>,
    /// The sessions' index, when the site has sessions.
    pub sessions_href: Option<String>,
}

pub fn jury_index<'a>(site: &'a Site, dossiers: &Dossiers, t: &Strings) -> JuryIndex<'a> {
    let mut order: Vec<(&CandidateId, &Candidate)> = site.candidates.iter().collect();
    order.sort_by_cached_key(|(_, c)| (family_key(c), crate::fold::fold(&c.name), c.id.clone()));
    let labels = ReferentialLabels::of(site);
    let candidates = order
        .into_iter()
        .map(|(id, c)| (c, &dossiers[id]))
        .map(|(c, d)| {
            let r = site.referential(&c.referential);
            CandidateRow {
                name: &c.name,
                href: paths::relative(paths::JURY, &paths::dossier_page(c)),
                referential: labels.label(r),
                route: c.route.map(|x| t.get(x.label_key())),
                session: c.session.as_deref(),
                blocs: presented(c, r, t),
                coverage: d.coverage.percent(),
                complete: d.coverage.is_complete(),
                decision: decision(t, &d.decision),
                jury: super::results::jury_label(t, c, r, d),
            }
        })
        .collect();
    JuryIndex {
        candidates,
        sessions_href: (!site.sessions.is_empty())
            .then(|| paths::relative(paths::JURY, paths::SESSIONS)),
    }
}

/// The key the jury index sorts by: the family name, folded. A passport gives one name;
/// French order puts the family name last, so it is the last word — the family name of a
/// compound given name ("Jean-Marc Petit") as of a pseudonym ("Candidat·e C").
fn family_key(c: &Candidate) -> String {
    let family = c.name.split_whitespace().last().unwrap_or(&c.name);
    crate::fold::fold(family)
}

/// A referential's title, with its RNCP code (else its ID) when another referential of the
/// site has the same title: two lines of the index must not read alike for two titles. The
/// folded titles are counted once per index, not once per candidate (that was 50,000 ×
/// 5,500 folds on the national site).
struct ReferentialLabels(HashMap<String, usize>);

impl ReferentialLabels {
    fn of(site: &Site) -> Self {
        let mut titles = HashMap::new();
        for r in site.referentials.values() {
            *titles.entry(crate::fold::fold(&r.title)).or_insert(0) += 1;
        }
        ReferentialLabels(titles)
    }

    fn label(&self, r: &Referential) -> String {
        if self
            .0
            .get(&crate::fold::fold(&r.title))
            .copied()
            .unwrap_or(0)
            > 1
        {
            format!("{} ({})", r.title, r.rncp.as_deref().unwrap_or(&r.id))
        } else {
            r.title.clone()
        }
    }
}

fn presented(c: &Candidate, r: &Referential, t: &Strings) -> String {
    if c.blocs.len() == r.blocs.len() {
        format!("{} ({})", t.get("all_blocs"), r.blocs.len())
    } else {
        c.blocs
            .iter()
            .map(|&b| r.blocs[b].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Serialize)]
pub struct ItemLink<'a> {
    pub id: &'a str,
    /// The item in the published referential.
    pub href: String,
}

#[derive(Serialize)]
pub struct EvidenceLink<'a> {
    pub title: &'a str,
    pub href: String,
    pub date: Option<&'a str>,
    /// Short column label in the matrix: P1, P2…
    pub short: String,
}

#[derive(Serialize)]
pub struct DossierPage<'a> {
    pub name: &'a str,
    /// The first screen: the decision at a glance and what it depends on.
    pub summary: super::summary::Summary<'a>,
    /// The candidate's URL segment, which scopes the search box.
    pub slug: &'a str,
    pub route: Option<String>,
    pub session: Option<&'a str>,
    pub referential: ItemLink<'a>,
    pub referential_title: String,
    pub blocs_presented: String,
    pub tutor: Option<&'a crate::model::Tutor>,
    pub job: Option<JobView<'a>>,
    pub coverage: &'a crate::validate::Coverage,
    pub coverage_percent: u32,
    pub decision: Label,
    pub reasons: Vec<String>,
    pub jury: Option<super::results::JuryView>,
    /// Rules refolio supplied because the referential states none.
    pub defaults: Vec<String>,
    pub attempts: Vec<super::results::AttemptView<'a>>,
    pub professional: Option<super::results::ConditionView>,
    pub interview: Option<super::results::ConditionView>,
    pub blocs: Vec<BlocSection<'a>>,
    pub soft_skills: Vec<SoftSkillView<'a>>,
    pub exemptions: Vec<ExemptionView<'a>>,
    /// "Aménagements : critères dont le jury a dispensé la candidate".
    pub exemptions_heading: String,
    pub evidence: Vec<EvidenceLink<'a>>,
}

#[derive(Serialize)]
pub struct JobView<'a> {
    pub title: &'a str,
    pub company: Option<&'a str>,
    pub date: Option<&'a str>,
    pub missions: Vec<MissionView<'a>>,
}

#[derive(Serialize)]
pub struct MissionView<'a> {
    pub text: &'a str,
    pub competences: Vec<ItemLink<'a>>,
}

#[derive(Serialize)]
pub struct BlocSection<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub href: String,
    pub verdict: &'a Value,
    pub mark: Option<String>,
    pub points: Option<u32>,
    pub reasons: Vec<String>,
    pub results: super::results::BlocResults<'a>,
    /// Not needed for the title.
    pub optional: bool,
    /// Evidence touching the bloc: the matrix columns.
    pub columns: Vec<EvidenceLink<'a>>,
    pub competences: Vec<CompetenceRow<'a>>,
    /// The bloc's criteria with their indicators, each once, though several competences
    /// share it: the rows name them, this list says what each looks at.
    pub criteria: Vec<BlocCriterion<'a>>,
    /// The list's heading, with its count.
    pub criteria_heading: String,
}

/// A criterion of a bloc, listed once with its indicators under the bloc's matrix.
#[derive(Serialize)]
pub struct BlocCriterion<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub href: &'a Value,
    pub text_html: &'a Value,
    pub indicators: &'a Value,
}

#[derive(Serialize)]
pub struct CompetenceRow<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub href: &'a Value,
    pub text_html: &'a Value,
    /// The evidence demonstrating it, as the matrix's legend names them (P1, P2…).
    pub evidence: Vec<EvidenceLink<'a>>,
    pub covered: bool,
    pub needs_evidence: bool,
    pub own: Option<String>,
    pub tutor: Option<String>,
    /// Self and tutor assessments disagree.
    pub differs: Option<Label>,
    pub verdict: &'a Value,
    pub reasons: Vec<String>,
    /// How many criteria, and how many in each status: the folded list's summary.
    pub tally: String,
    pub criteria: Vec<CriterionRow<'a>>,
}

/// Its fields are shared template values: a dossier has a row for every criterion.
#[derive(Serialize)]
pub struct CriterionRow<'a> {
    pub id: &'a str,
    pub href: &'a Value,
    pub text_html: &'a Value,
    /// Its entry in the bloc's list of criteria and indicators, when it has indicators.
    pub indicators_anchor: Option<String>,
    pub status: &'a Value,
}

#[derive(Serialize)]
pub struct SoftSkillView<'a> {
    pub skill: &'a str,
    pub own: Option<String>,
    pub tutor: Option<String>,
    pub differs: Option<Label>,
}

#[derive(Serialize)]
pub struct ExemptionView<'a> {
    pub criterion: ItemLink<'a>,
    pub text_html: &'a str,
    pub reason: &'a str,
    pub date: Option<&'a str>,
}

/// Builds the dossier bilan of one candidate.
pub fn dossier_page<'a>(
    site: &'a Site,
    c: &'a Candidate,
    d: &'a Dossier,
    t: &Strings,
    labels: &'a Labels,
    texts: &'a Texts,
) -> DossierPage<'a> {
    let r = site.referential(&c.referential);
    let root = DOSSIER_ROOT;
    let item_href = |id: &str| table_href(root, r, id);
    let evidence_link = |i: usize| {
        let e = &c.evidence[i];
        EvidenceLink {
            title: &e.title,
            href: format!("{}.html", e.stem),
            date: e.date.as_deref(),
            short: format!("P{}", i + 1),
        }
    };
    let (mut blocs, defaulted): (Vec<BlocSection>, Vec<bool>) = d
        .blocs
        .iter()
        .map(|b| {
            let bloc = &r.blocs[b.bloc];
            let rows: Vec<_> = d
                .competences
                .iter()
                .filter(|x| r.competences[x.competence].bloc == b.bloc)
                .collect();
            let mut columns: Vec<usize> = rows
                .iter()
                .flat_map(|x| x.evidence.iter().copied())
                .collect();
            columns.sort_unstable();
            columns.dedup();
            let by_competence = crate::validate::bloc::validation_mode(&r.rules, bloc)
                == crate::model::BlocValidation::Competences;
            let has_indicators = |k: usize| !r.criteria[k].indicators.is_empty();
            // In the order the rows first name them.
            let mut seen = std::collections::BTreeSet::new();
            let criteria: Vec<BlocCriterion> = rows
                .iter()
                .flat_map(|x| x.criteria.iter().map(|&(k, _)| k))
                .filter(|&k| has_indicators(k) && seen.insert(k))
                .map(|k| BlocCriterion {
                    id: &r.criteria[k].id,
                    anchor: paths::dossier_criterion_anchor(&r.criteria[k].id),
                    href: texts.criterion_link(k),
                    text_html: texts.criterion_value(k),
                    indicators: texts.indicators(k),
                })
                .collect();
            let criteria_heading = t.fill("bloc_criteria", &[("n", &criteria.len().to_string())]);
            let mut default_rule = false;
            let competences = rows
                .iter()
                .map(|x| {
                    let k = &r.competences[x.competence];
                    CompetenceRow {
                        id: &k.id,
                        anchor: paths::dossier_competence_anchor(&k.id),
                        href: texts.competence_link(x.competence),
                        text_html: texts.competence_value(x.competence),
                        evidence: x.evidence.iter().map(|&i| evidence_link(i)).collect(),
                        covered: !x.evidence.is_empty(),
                        needs_evidence: x.needs_evidence,
                        own: score(t, c.self_assessment.get(&x.competence)),
                        tutor: score(t, c.tutor_assessment.get(&x.competence)),
                        differs: super::results::disagreement(
                            t,
                            c.self_assessment.get(&x.competence),
                            c.tutor_assessment.get(&x.competence),
                        ),
                        verdict: labels.competence_verdict(x.verdict, by_competence),
                        reasons: row_reasons(t, &x.reasons(r), &mut default_rule),
                        tally: tally(t, &x.criteria),
                        criteria: x
                            .criteria
                            .iter()
                            .map(|&(k, s)| CriterionRow {
                                id: &r.criteria[k].id,
                                href: texts.criterion_link(k),
                                text_html: texts.criterion_value(k),
                                indicators_anchor: has_indicators(k)
                                    .then(|| paths::dossier_criterion_anchor(&r.criteria[k].id)),
                                status: labels.status(s),
                            })
                            .collect(),
                    }
                })
                .collect();
            let section = BlocSection {
                id: &bloc.id,
                anchor: paths::dossier_bloc_anchor(&bloc.id),
                title: &bloc.title,
                href: item_href(&bloc.id),
                verdict: labels.verdict(b.outcome.verdict),
                mark: b.outcome.mark.map(fmt_number),
                points: bloc.points,
                reasons: reasons(t, &b.outcome.reasons),
                results: super::results::bloc_results(t, c, r, b),
                optional: bloc.optional,
                columns: columns.iter().map(|&i| evidence_link(i)).collect(),
                competences,
                criteria,
                criteria_heading,
            };
            (section, default_rule)
        })
        .unzip();
    // refolio's default rule for competences, taken out of the rows: the summary says it
    // applied, which is enough when it decides every bloc's competences; when it decides
    // only some blocs' (the others have a threshold), each of those says it once.
    let partly = blocs
        .iter()
        .zip(&defaulted)
        .any(|(b, &x)| !x && !b.competences.is_empty());
    if partly {
        let rule = t.get("default_competence_all");
        for (b, _) in blocs.iter_mut().zip(&defaulted).filter(|(_, x)| **x) {
            if !b.reasons.contains(&rule) {
                b.reasons.push(rule.clone());
            }
        }
    }
    DossierPage {
        name: &c.name,
        summary: super::summary::summary(t, c, r, d, texts),
        slug: &c.slug,
        route: c.route.map(|x| t.get(x.label_key())),
        session: c.session.as_deref(),
        referential: ItemLink {
            id: &r.id,
            href: format!("{root}{}", paths::referential_page(r)),
        },
        // With its RNCP code always: a dossier does not depend on other referentials.
        referential_title: match &r.rncp {
            Some(code) => format!("{} ({code})", r.title),
            None => r.title.clone(),
        },
        blocs_presented: presented(c, r, t),
        tutor: c.tutor.as_ref(),
        job: c.job.as_ref().map(|j| JobView {
            title: &j.title,
            company: j.company.as_deref(),
            date: j.date.as_deref(),
            missions: j
                .missions
                .iter()
                .map(|m| {
                    let links = m
                        .competences
                        .iter()
                        .map(|&k| {
                            let id = r.competences[k].id.as_str();
                            ItemLink {
                                id,
                                href: item_href(id),
                            }
                        })
                        .collect();
                    MissionView {
                        text: &m.text,
                        competences: links,
                    }
                })
                .collect(),
        }),
        coverage: &d.coverage,
        coverage_percent: d.coverage.percent(),
        decision: decision(t, &d.decision),
        reasons: reasons(t, &d.reasons),
        jury: super::results::jury(t, c, r, d),
        defaults: super::results::defaults(t, d, r),
        attempts: super::results::attempts(t, c),
        professional: super::results::professional(t, c, r, d),
        interview: super::results::interview(t, c, r, d),
        blocs,
        soft_skills: c
            .soft_skills
            .iter()
            .map(|s| SoftSkillView {
                skill: &s.skill,
                own: score(t, s.own.as_ref()),
                tutor: score(t, s.tutor.as_ref()),
                differs: super::results::disagreement(t, s.own.as_ref(), s.tutor.as_ref()),
            })
            .collect(),
        exemptions: c
            .exemptions
            .iter()
            .map(|e| {
                let k = &r.criteria[e.criterion];
                ExemptionView {
                    criterion: ItemLink {
                        id: &k.id,
                        href: item_href(&k.id),
                    },
                    text_html: texts.criterion(e.criterion),
                    reason: &e.reason,
                    date: e.date.as_deref(),
                }
            })
            .collect(),
        evidence: (0..c.evidence.len()).map(evidence_link).collect(),
        exemptions_heading: {
            let (_, within) = crate::model::Pronoun::designation_keys(c.pronoun);
            t.fill("exemptions", &[("candidate", t.text(within))])
        },
    }
}

/// "5 critères : 3 validés, 1 non validé, 1 sans résultat".
fn tally(t: &Strings, criteria: &[(usize, CriterionStatus)]) -> String {
    let count = |s: CriterionStatus| {
        let same = |x: &CriterionStatus| std::mem::discriminant(x) == std::mem::discriminant(&s);
        criteria.iter().filter(|(_, x)| same(x)).count()
    };
    let parts: Vec<String> = [
        (CriterionStatus::Validated, "tally_validated"),
        (CriterionStatus::NotValidated, "tally_not_validated"),
        (
            CriterionStatus::Exempted { recorded: None },
            "tally_exempted",
        ),
        (CriterionStatus::Missing, "tally_missing"),
    ]
    .iter()
    .filter_map(|&(s, key)| {
        let n = count(s);
        (n > 0).then(|| t.fill(key, &[("n", &n.to_string())]))
    })
    .collect();
    let total = t.fill("tally_criteria", &[("n", &criteria.len().to_string())]);
    if parts.is_empty() {
        total
    } else {
        t.fill("tally", &[("total", &total), ("parts", &parts.join(", "))])
    }
}
