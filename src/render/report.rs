//! The candidates' report for tools (`refolio check --report json`, and in a built site
//! `candidates/<id>/report.json` per candidate with `candidates/index.json`): per candidate, coverage, gaps, each competence's and bloc's verdict, and the
//! decision with its reasoning both as message keys with values and as text in the site's
//! language. Deterministic: candidates and items in content order.

use serde::Serialize;

use super::Strings;
use crate::model::{Candidate, Site, fmt_number};
use crate::validate::Dossier;
use crate::validate::rules::{Reason, Verdict};
use crate::validate::title::Decision;

/// Version of the report's shape; bumped on any incompatible change.
pub const FORMAT: &str = "refolio.report/1";

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
    decision: &'a Decision,
    reasons: Vec<ReasonReport>,
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
    let r = &site.referentials[c.referential];
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
                reasons: reasons(t, &b.outcome.reasons),
            })
            .collect(),
        decision: &d.decision,
        reasons: reasons(t, &d.reasons),
    }
}

fn coverage<'a>(site: &'a Site, c: &Candidate, d: &Dossier) -> Coverage<'a> {
    let r = &site.referentials[c.referential];
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
pub fn report_json(site: &Site, dossiers: &[Dossier], t: &Strings) -> String {
    pretty(&Report {
        format: FORMAT,
        candidates: site
            .candidates
            .iter()
            .zip(dossiers)
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
pub fn index_json(site: &Site, dossiers: &[Dossier]) -> String {
    pretty(&Index {
        format: INDEX_FORMAT,
        candidates: site
            .candidates
            .iter()
            .zip(dossiers)
            .map(|(c, d)| IndexEntry {
                id: &c.slug,
                name: &c.name,
                referential: &site.referentials[c.referential].id,
                route: c.route,
                coverage: coverage(site, c, d),
                decision: &d.decision,
                report: format!("{}/report.json", c.slug),
            })
            .collect(),
    })
}
