//! The candidates' report for tools (`refolio check --report json`, and in a built site
//! `candidates/<id>/report.json` per candidate with `candidates/index.json`): per candidate, coverage, gaps, each competence's and bloc's verdict, and the
//! decision with its reasoning both as message keys with values and as text in the site's
//! language. Deterministic: candidates and items in content order.

use serde::Serialize;

use super::Strings;
use crate::model::{Candidate, Site, fmt_number};
use crate::validate::rules::{Reason, Verdict};
use crate::validate::title::Decision;
use crate::validate::{Dossier, Dossiers};

/// Version of the report's shape; bumped on any incompatible change.
pub const FORMAT: &str = "refolio.report/2";

#[derive(Serialize)]
struct Report<'a> {
    format: &'static str,
    candidates: Vec<CandidateReport<'a>>,
}

#[derive(Serialize)]
struct CandidateReport<'a> {
    id: &'a str,
    name: &'a str,
    referential: &'a str,
    route: Option<crate::model::Route>,
    blocs: Vec<&'a str>,
    coverage: Coverage<'a>,
    competences: Vec<Item<'a>>,
    bloc_outcomes: Vec<Item<'a>>,
    /// Every session with every result written for it.
    attempts: Vec<AttemptReport<'a>>,
    professional_evaluation: ConditionReport,
    final_interview: ConditionReport,
    /// The minimum period in company, when the referential sets one.
    #[serde(skip_serializing_if = "ConditionReport::is_unstated")]
    company_time: ConditionReport,
    /// The decision the rules give: the proposal to the jury.
    decision: &'a Decision,
    reasons: Vec<ReasonReport>,
    /// The jury's recorded decision, when there is one.
    jury: Option<JuryReport<'a>>,
    /// Keys of the rules refolio supplied because the referential states none.
    defaults: Vec<&'static str>,
    /// Competences and soft skills whose self and tutor assessments disagree.
    disagreements: Vec<String>,
}

#[derive(Serialize)]
struct AttemptReport<'a> {
    session: Option<&'a str>,
    kind: crate::model::AttemptKind,
    results: Vec<ResultReport<'a>>,
}

#[derive(Serialize)]
struct ResultReport<'a> {
    /// A bloc, exam, module or part ID; `professional_evaluation`, `final_interview`, or
    /// `substitute:<bloc>`.
    item: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_of: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    penalty: Option<u32>,
    /// The mark counted, the penalty applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    counted: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    validated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<crate::model::Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    jury: Vec<&'a str>,
}

#[derive(Serialize)]
struct ConditionReport {
    standing: crate::validate::title::Standing,
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<String>,
    reasons: Vec<ReasonReport>,
}

impl ConditionReport {
    /// Not a condition of this title, and nothing to say of it: left out of the report.
    fn is_unstated(&self) -> bool {
        self.standing == crate::validate::title::Standing::NotApplicable && self.reasons.is_empty()
    }
}

#[derive(Serialize)]
struct JuryReport<'a> {
    decision: crate::model::JuryVerdict,
    blocs: Vec<&'a str>,
    date: Option<&'a str>,
    motive: Option<&'a str>,
    differs_from_proposal: bool,
}

#[derive(Serialize)]
struct Coverage<'a> {
    percent: u32,
    required: usize,
    covered: usize,
    uncovered: Vec<&'a str>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<&'a str>,
    /// A bloc's date of award (the session that validated it).
    #[serde(skip_serializing_if = "Option::is_none")]
    awarded: Option<&'a str>,
    reasons: Vec<ReasonReport>,
}

#[derive(Serialize)]
struct ReasonReport {
    key: &'static str,
    args: std::collections::BTreeMap<&'static str, String>,
    text: String,
}

fn reasons(t: &Strings, reasons: &[Reason]) -> Vec<ReasonReport> {
    reasons
        .iter()
        .map(|r| ReasonReport {
            key: r.key,
            args: r.args.iter().map(|(k, v)| (*k, v.clone())).collect(),
            text: r.format_with(t.text(r.key), |k| t.text(k)),
        })
        .collect()
}

/// One candidate's entry of the report.
fn candidate_report<'a>(
    site: &'a Site,
    c: &'a Candidate,
    d: &'a Dossier,
    t: &Strings,
) -> CandidateReport<'a> {
    let r = site.referential(&c.referential);
    CandidateReport {
        id: &c.slug,
        name: &c.name,
        referential: &r.id,
        route: c.route,
        blocs: c.blocs.iter().map(|&b| r.blocs[b].id.as_str()).collect(),
        coverage: coverage(site, c, d),
        competences: d
            .competences
            .iter()
            .map(|x| Item {
                id: &r.competences[x.competence].id,
                verdict: x.verdict,
                mark: None,
                evidence: x
                    .evidence
                    .iter()
                    .map(|&e| c.evidence[e].stem.as_str())
                    .collect(),
                awarded: None,
                reasons: reasons(t, &x.reasons(r)),
            })
            .collect(),
        bloc_outcomes: d
            .blocs
            .iter()
            .map(|b| Item {
                id: &r.blocs[b.bloc].id,
                verdict: b.outcome.verdict,
                mark: b.outcome.mark.map(fmt_number),
                evidence: Vec::new(),
                awarded: b.awarded.as_deref(),
                reasons: reasons(t, &b.outcome.reasons),
            })
            .collect(),
        attempts: c.attempts.iter().map(|a| attempt(r, a)).collect(),
        professional_evaluation: condition(t, &d.professional),
        final_interview: condition(t, &d.interview),
        company_time: condition(t, &d.company_time),
        decision: &d.decision,
        reasons: reasons(t, &d.reasons),
        jury: c.jury.as_ref().map(|j| JuryReport {
            decision: j.verdict,
            blocs: j.blocs.iter().map(|&b| r.blocs[b].id.as_str()).collect(),
            date: j.date.as_deref(),
            motive: j.motive.as_deref(),
            differs_from_proposal: d.jury_differs,
        }),
        defaults: defaults(d, r),
        disagreements: disagreements(c, r),
    }
}

fn condition(t: &Strings, c: &crate::validate::title::Condition) -> ConditionReport {
    ConditionReport {
        standing: c.standing,
        mark: c.mark.map(fmt_number),
        reasons: reasons(t, &c.reasons),
    }
}

fn defaults(d: &Dossier, r: &crate::model::Referential) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = d
        .reasons
        .iter()
        .chain(d.blocs.iter().flat_map(|b| b.outcome.reasons.iter()))
        .chain(&d.professional.reasons)
        .chain(&d.interview.reasons)
        .chain(&d.company_time.reasons)
        .filter(|r| r.is_default())
        .map(|r| r.key)
        .collect();
    keys.extend(crate::render::results::competence_default(d, r).map(|x| x.key));
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn disagreements(c: &Candidate, r: &crate::model::Referential) -> Vec<String> {
    use crate::render::results::gap;
    let competences = c
        .self_assessment
        .iter()
        .filter(|(k, s)| gap(Some(s), c.tutor_assessment.get(k)).is_some())
        .map(|(k, _)| r.competences[*k].id.clone());
    let skills = c
        .soft_skills
        .iter()
        .filter(|s| gap(s.own.as_ref(), s.tutor.as_ref()).is_some())
        .map(|s| s.skill.clone());
    competences.chain(skills).collect()
}

fn attempt<'a>(
    r: &'a crate::model::Referential,
    a: &'a crate::model::Attempt,
) -> AttemptReport<'a> {
    use crate::model::{ItemResult, Outcome};
    let one = |item: String, x: &'a ItemResult| {
        let (mark, out_of, penalty, validated, status) = match x.outcome {
            Outcome::Mark {
                value,
                out_of,
                penalty,
            } => (Some(value), Some(out_of), penalty, None, None),
            Outcome::Verdict(v) => (None, None, None, Some(v), None),
            Outcome::Status(s) => (None, None, None, None, Some(s)),
        };
        ResultReport {
            item,
            mark,
            out_of,
            penalty,
            counted: x.outcome.points().filter(|_| penalty.is_some()),
            validated,
            status,
            reason: x.reason.as_deref(),
            date: x.date.as_deref(),
            jury: x.jury.iter().map(String::as_str).collect(),
        }
    };
    let mut results = Vec::new();
    results.extend(a.blocs.iter().map(|(b, x)| one(r.blocs[*b].id.clone(), x)));
    results.extend(
        a.substitutes
            .iter()
            .map(|(b, x)| one(format!("substitute:{}", r.blocs[*b].id), x)),
    );
    results.extend(
        a.modalities
            .iter()
            .map(|(m, x)| one(r.modalities[*m].id.clone(), x)),
    );
    results.extend(
        a.modules
            .iter()
            .map(|(m, x)| one(r.modules[*m].id.clone(), x)),
    );
    results.extend(
        a.professional
            .iter()
            .map(|x| one("professional_evaluation".into(), x)),
    );
    if let Some(p) = &r.rules.professional_evaluation {
        results.extend(
            a.professional_parts
                .iter()
                .map(|(i, x)| one(p.parts[*i].id.clone(), x)),
        );
    }
    results.extend(
        a.final_interview
            .iter()
            .map(|x| one("final_interview".into(), x)),
    );
    AttemptReport {
        session: a.session.as_deref(),
        kind: a.kind,
        results,
    }
}

fn coverage<'a>(site: &'a Site, c: &Candidate, d: &Dossier) -> Coverage<'a> {
    let r = site.referential(&c.referential);
    Coverage {
        percent: d.coverage.percent(),
        required: d.coverage.required,
        covered: d.coverage.covered,
        uncovered: d.gaps().map(|k| r.competences[k].id.as_str()).collect(),
    }
}

fn pretty(value: &impl Serialize) -> String {
    let mut json = serde_json::to_string_pretty(value).unwrap_or_default();
    json.push('\n');
    json
}

/// The report of every candidate, as pretty-printed JSON (`check --report json`).
pub fn report_json(site: &Site, dossiers: &Dossiers, t: &Strings) -> String {
    pretty(&Report {
        format: FORMAT,
        candidates: site
            .candidates
            .iter()
            .map(|(id, c)| (c, &dossiers[id]))
            .map(|(c, d)| candidate_report(site, c, d, t))
            .collect(),
    })
}

/// One candidate's report, in the same shape with one entry (`candidates/<id>/report.json`:
/// a report per candidate keeps a rebuild after one edit small, and each file readable).
pub fn candidate_report_json(site: &Site, c: &Candidate, d: &Dossier, t: &Strings) -> String {
    pretty(&Report {
        format: FORMAT,
        candidates: vec![candidate_report(site, c, d, t)],
    })
}

/// Version of the index's shape.
pub const INDEX_FORMAT: &str = "refolio.report-index/1";

#[derive(Serialize)]
struct Index<'a> {
    format: &'static str,
    candidates: Vec<IndexEntry<'a>>,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    id: &'a str,
    name: &'a str,
    referential: &'a str,
    route: Option<crate::model::Route>,
    coverage: Coverage<'a>,
    decision: &'a Decision,
    /// The candidate's full report, relative to the index.
    report: String,
}

/// The index of the candidates' reports (`candidates/index.json`): per candidate, coverage
/// and decision, and where its full report is.
pub fn index_json(site: &Site, dossiers: &Dossiers) -> String {
    pretty(&Index {
        format: INDEX_FORMAT,
        candidates: site
            .candidates
            .iter()
            .map(|(id, c)| (c, &dossiers[id]))
            .map(|(c, d)| IndexEntry {
                id: &c.slug,
                name: &c.name,
                referential: &c.referential,
                route: c.route,
                coverage: coverage(site, c, d),
                decision: &d.decision,
                report: format!("{}/report.json", c.slug),
            })
            .collect(),
    })
}
