//! The dossier's first screen, what a jury reads before anything else: one cell per
//! competence, coloured and labelled by its status, with its text on hover and focus; each
//! bloc's mark against its pass mark and eliminatory minimum as a bar; and what the
//! decision depends on — the exemptions that flip a competence, a bloc or the title, the
//! blocs that failed or wait and why, the competences no evidence covers, the defaults
//! refolio applied where the rules say nothing. All of it computed, none of it guessed.

use serde::Serialize;
use tera::Value;

use super::Strings;
use super::results::Label;
use super::texts::Texts;
use crate::model::{BlocValidation, Candidate, Referential, fmt_number};
use crate::paths::{self, DOSSIER_ROOT, table_href};
use crate::validate::counterfactual::{ExemptionEffect, Flip, exemption_effects};
use crate::validate::rules::Verdict;
use crate::validate::{BlocResult, CompetenceResult, Dossier, bloc::validation_mode};

#[derive(Serialize)]
pub struct Summary<'a> {
    pub blocs: Vec<SummaryBloc<'a>>,
    /// The points grid's total against the title's pass mark.
    pub total: Option<Bar>,
    /// The professional evaluation against its minimum.
    pub professional: Option<Bar>,
    /// What the decision depends on; empty when nothing but validated blocs.
    pub depends: Vec<Dependency<'a>>,
    /// Competences and soft skills whose self and tutor assessments differ.
    pub disagreements: Vec<String>,
    /// Some assessments compare a level with a mark: said once, plainly.
    pub mixed_scales: bool,
}

#[derive(Serialize)]
pub struct SummaryBloc<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// The bloc's section in the dossier.
    pub href: String,
    pub verdict: Label,
    pub bar: Option<Bar>,
    /// How the bloc is decided, when no bar shows it (a certificate, without a mark).
    pub note: Option<String>,
    pub cells: Vec<Cell<'a>>,
}

/// One competence of the summary: a link to its row, its text as the link's description.
#[derive(Serialize)]
pub struct Cell<'a> {
    pub id: &'a str,
    pub href: String,
    /// The id of its tooltip.
    pub tip: String,
    pub text: &'a Value,
    pub status: Label,
    /// Self and tutor assessments differ (or compare a level with a mark).
    pub differs: Option<Label>,
}

/// A mark against its thresholds, for a `<meter>`: its values, and the same said in words
/// (read by screen readers, and what a black-and-white print shows).
#[derive(Serialize)]
pub struct Bar {
    pub id: String,
    pub value: Option<String>,
    pub max: String,
    /// Under it the mark is eliminatory (or short, without a minimum).
    pub low: String,
    /// From it the mark passes.
    pub high: String,
    pub text: String,
}

/// One thing the decision depends on: a heading, its explanation, the items it names.
#[derive(Serialize)]
pub struct Dependency<'a> {
    pub head: String,
    pub href: Option<String>,
    pub lines: Vec<String>,
    pub items: Vec<NamedLink<'a>>,
}

#[derive(Serialize)]
pub struct NamedLink<'a> {
    pub id: &'a str,
    pub href: String,
    pub text: &'a Value,
}

fn label(t: &Strings, key: &str, class: &'static str) -> Label {
    Label {
        label: t.get(key),
        class,
    }
}

/// The status a summary cell shows: exempted, not covered, or the competence's verdict —
/// "couverte" where the bloc is not decided competence by competence (on its mark, by a
/// certificate): no verdict of its own is awaited there.
fn cell_status(t: &Strings, x: &CompetenceResult, by_competence: bool) -> Label {
    let verdict = |v: Verdict| match v {
        Verdict::Validated => label(t, "summary_validated", "ok"),
        Verdict::NotValidated => label(t, "summary_not_validated", "ko"),
        Verdict::Undecided => label(t, "summary_pending", "pending"),
    };
    if !x.needs_evidence {
        return label(t, "summary_exempted", "exempted");
    }
    if x.evidence.is_empty() {
        let mut l = label(t, "summary_not_covered", "gap");
        if x.verdict != Verdict::Undecided {
            l.label = format!("{}, {}", l.label, verdict(x.verdict).label);
        }
        return l;
    }
    if !by_competence && x.verdict == Verdict::Undecided {
        return label(t, "summary_covered", "covered");
    }
    verdict(x.verdict)
}

fn verdict_label(t: &Strings, v: Verdict) -> Label {
    match v {
        Verdict::Validated => label(t, "verdict_validated", "ok"),
        Verdict::NotValidated => label(t, "verdict_not_validated", "ko"),
        Verdict::Undecided => label(t, "verdict_undecided", "pending"),
    }
}

/// The bar of a marked bloc, or of one validated by its competences.
fn bloc_bar(t: &Strings, r: &Referential, d: &Dossier, b: &BlocResult) -> Option<Bar> {
    let bloc = &r.blocs[b.bloc];
    let id = format!("rf-bar-{}", paths::table_anchor(&bloc.id));
    let mode = validation_mode(&r.rules, bloc);
    if let (Some(points), BlocValidation::Points) = (bloc.points, mode) {
        let applicable = b.outcome.applicable.unwrap_or(f64::from(points));
        let pass = r
            .rules
            .bloc_pass_percent
            .map(|p| applicable * f64::from(p) / 100.0);
        let minimum = bloc
            .minimum
            .filter(|_| points > 0)
            .map(|m| f64::from(m) * applicable / f64::from(points));
        let mark = b.outcome.mark;
        let mut text = match mark {
            Some(m) => t.fill(
                "summary_bar_mark",
                &[
                    ("mark", &fmt_number(m)),
                    ("points", &fmt_number(applicable)),
                ],
            ),
            None => t.fill(
                "summary_bar_no_mark",
                &[("points", &fmt_number(applicable))],
            ),
        };
        text.push_str(&match pass {
            Some(p) => t.fill("summary_bar_pass", &[("pass", &fmt_number(p))]),
            None => t.get("summary_bar_no_pass"),
        });
        if let Some(m) = minimum {
            text.push_str(&t.fill("summary_bar_minimum", &[("minimum", &fmt_number(m))]));
        }
        text.push_str(&t.get("summary_by_mark"));
        let high = pass.unwrap_or(applicable);
        return Some(Bar {
            id,
            value: mark.map(fmt_number),
            max: fmt_number(applicable),
            low: fmt_number(minimum.unwrap_or(high)),
            high: fmt_number(high),
            text,
        });
    }
    if mode != BlocValidation::Competences {
        return None;
    }
    let rows: Vec<&CompetenceResult> = d
        .competences
        .iter()
        .filter(|x| r.competences[x.competence].bloc == b.bloc)
        .collect();
    let count = rows.len();
    let validated = rows
        .iter()
        .filter(|x| x.verdict == Verdict::Validated)
        .count();
    let needed = bloc.competences_share.map_or(count as f64, |share| {
        (count as f64 * f64::from(share) / 100.0).ceil()
    });
    let (validated, count_s, needed_s) =
        (validated.to_string(), count.to_string(), fmt_number(needed));
    let mut text = t.fill(
        "summary_bar_competences",
        &[
            ("validated", &validated),
            ("count", &count_s),
            ("needed", &needed_s),
        ],
    );
    // Its mark still counts in the grid's total: said here, the one place marks are shown.
    if let Some(points) = bloc.points {
        let points = fmt_number(b.outcome.applicable.unwrap_or(f64::from(points)));
        text.push_str(&match b.outcome.mark {
            Some(m) => t.fill(
                "summary_bar_points_mark",
                &[("mark", &fmt_number(m)), ("points", &points)],
            ),
            None => t.fill("summary_bar_points_unused", &[("points", &points)]),
        });
        if let Some(m) = bloc.minimum {
            text.push_str(&t.fill("summary_bar_minimum", &[("minimum", &m.to_string())]));
        }
    }
    Some(Bar {
        id,
        value: Some(validated),
        max: count_s,
        low: needed_s.clone(),
        high: needed_s,
        text,
    })
}

/// The grid's total against the title's pass mark, when the referential has a grid.
fn total_bar(t: &Strings, r: &Referential, d: &Dossier) -> Option<Bar> {
    let (total, pass) = (r.rules.total_points?, r.rules.pass_mark?);
    let graded = r
        .blocs
        .iter()
        .enumerate()
        .filter(|(_, b)| b.points.is_some());
    let mut sum = Some(0.0);
    for (i, _) in graded {
        let mark = d
            .blocs
            .iter()
            .find(|x| x.bloc == i)
            .and_then(|x| x.outcome.mark);
        sum = sum.zip(mark).map(|(s, m)| s + m);
    }
    if r.rules.professional_evaluation.is_some() {
        sum = sum.zip(d.professional.mark).map(|(s, m)| s + m);
    }
    let (total_s, pass_s) = (total.to_string(), pass.to_string());
    let text = match sum {
        Some(s) => t.fill(
            "summary_total",
            &[
                ("mark", &fmt_number(s)),
                ("points", &total_s),
                ("pass", &pass_s),
            ],
        ),
        None => t.fill(
            "summary_total_missing",
            &[("points", &total_s), ("pass", &pass_s)],
        ),
    };
    Some(Bar {
        id: "rf-bar-total".into(),
        value: sum.map(fmt_number),
        max: total_s,
        low: pass_s.clone(),
        high: pass_s,
        text,
    })
}

fn professional_bar(t: &Strings, r: &Referential, d: &Dossier) -> Option<Bar> {
    let p = r.rules.professional_evaluation.as_ref()?;
    let points = p.points.to_string();
    let mut text = match d.professional.mark {
        Some(m) => t.fill(
            "summary_bar_mark",
            &[("mark", &fmt_number(m)), ("points", &points)],
        ),
        None => t.fill("summary_bar_no_mark", &[("points", &points)]),
    };
    if let Some(m) = p.minimum {
        text.push_str(&t.fill("summary_bar_minimum", &[("minimum", &m.to_string())]));
    }
    let min = p.minimum.map_or(String::new(), |m| m.to_string());
    Some(Bar {
        id: "rf-bar-professional".into(),
        value: d.professional.mark.map(fmt_number),
        max: points.clone(),
        low: if min.is_empty() {
            points.clone()
        } else {
            min.clone()
        },
        high: if min.is_empty() { points } else { min },
        text,
    })
}

fn flip_text(t: &Strings, id: &str, f: &Flip) -> String {
    t.fill(
        "depends_flip",
        &[
            ("item", id),
            ("with", &verdict_label(t, f.with).label),
            ("without", &verdict_label(t, f.without).label),
        ],
    )
}

fn exemption_dependency<'a>(
    t: &Strings,
    c: &'a Candidate,
    r: &'a Referential,
    d: &Dossier,
    e: &ExemptionEffect,
) -> Dependency<'a> {
    let exemption = &c.exemptions[e.exemption];
    let criterion = &r.criteria[exemption.criterion];
    let head = t.fill("depends_exemption", &[("criterion", &criterion.id)]);
    let lines = if e.is_neutral() {
        vec![t.get("depends_exemption_neutral")]
    } else {
        let mut flips: Vec<String> = e
            .competences
            .iter()
            .map(|f| flip_text(t, &r.competences[f.item].id, f))
            .chain(e.blocs.iter().map(|f| flip_text(t, &r.blocs[f.item].id, f)))
            .collect();
        if let Some(other) = &e.decision {
            flips.push(t.fill(
                "depends_flip_decision",
                &[
                    (
                        "with",
                        &super::results::decision_label(t, &d.decision).label,
                    ),
                    ("without", &super::results::decision_label(t, other).label),
                ],
            ));
        }
        vec![t.fill("depends_exemption_flips", &[("flips", &flips.join(" ; "))])]
    };
    Dependency {
        head,
        href: Some(table_href(DOSSIER_ROOT, r, &criterion.id)),
        lines,
        items: Vec::new(),
    }
}

pub fn summary<'a>(
    t: &Strings,
    c: &'a Candidate,
    r: &'a Referential,
    d: &'a Dossier,
    texts: &'a Texts,
) -> Summary<'a> {
    let differs = |k: usize| {
        super::results::disagreement(t, c.self_assessment.get(&k), c.tutor_assessment.get(&k))
    };
    let blocs = d
        .blocs
        .iter()
        .map(|b| {
            let bloc = &r.blocs[b.bloc];
            let by_competence = validation_mode(&r.rules, bloc) == BlocValidation::Competences;
            let cells = d
                .competences
                .iter()
                .filter(|x| r.competences[x.competence].bloc == b.bloc)
                .map(|x| {
                    let k = &r.competences[x.competence];
                    Cell {
                        id: &k.id,
                        href: format!("#{}", paths::dossier_competence_anchor(&k.id)),
                        tip: format!("rf-tip-{}", paths::table_anchor(&k.id)),
                        text: texts.competence_plain(x.competence),
                        status: cell_status(t, x, by_competence),
                        differs: differs(x.competence),
                    }
                })
                .collect();
            SummaryBloc {
                id: &bloc.id,
                title: &bloc.title,
                href: format!("#{}", paths::dossier_bloc_anchor(&bloc.id)),
                verdict: verdict_label(t, b.outcome.verdict),
                bar: bloc_bar(t, r, d, b),
                note: (validation_mode(&r.rules, bloc) == BlocValidation::Certificate)
                    .then(|| t.get("summary_by_certificate")),
                cells,
            }
        })
        .collect();
    let mut depends: Vec<Dependency<'a>> = exemption_effects(c, r, d)
        .iter()
        .map(|e| exemption_dependency(t, c, r, d, e))
        .collect();
    for b in d
        .blocs
        .iter()
        .filter(|b| b.outcome.verdict != Verdict::Validated)
    {
        let bloc = &r.blocs[b.bloc];
        let key = match b.outcome.verdict {
            Verdict::NotValidated => "depends_bloc_failed",
            _ => "depends_bloc_pending",
        };
        depends.push(Dependency {
            head: t.fill(key, &[("bloc", &bloc.id)]),
            href: Some(format!("#{}", paths::dossier_bloc_anchor(&bloc.id))),
            lines: super::results::texts(t, &b.outcome.reasons)
                .into_iter()
                .zip(&b.outcome.reasons)
                .filter(|(_, r)| !r.is_default())
                .map(|(text, _)| text)
                .collect(),
            items: Vec::new(),
        });
    }
    for (cond, key) in [
        (&d.professional, "rule_professional_evaluation"),
        (&d.interview, "final_interview"),
        (&d.company_time, "rule_company_time"),
    ] {
        use crate::validate::title::Standing;
        if matches!(cond.standing, Standing::Failed | Standing::Pending) {
            let title = match (key, &r.rules.final_interview) {
                ("final_interview", Some(f)) => f.title.clone(),
                _ => t.get(key),
            };
            let standing = if cond.standing == Standing::Failed {
                "standing_failed"
            } else {
                "standing_pending"
            };
            depends.push(Dependency {
                head: format!("{title} : {}", t.get(standing)),
                href: None,
                lines: super::results::texts(t, &cond.reasons),
                items: Vec::new(),
            });
        }
    }
    let gaps: Vec<NamedLink<'a>> = d
        .gaps()
        .map(|k| NamedLink {
            id: &r.competences[k].id,
            href: format!(
                "#{}",
                paths::dossier_competence_anchor(&r.competences[k].id)
            ),
            text: texts.competence_value(k),
        })
        .collect();
    if !gaps.is_empty() {
        let n = gaps.len().to_string();
        depends.push(Dependency {
            head: t.fill("depends_gaps", &[("n", &n)]),
            href: None,
            lines: Vec::new(),
            items: gaps,
        });
    }
    let defaults = super::results::defaults(t, d, r);
    if !defaults.is_empty() {
        depends.push(Dependency {
            head: t.get("defaults_applied"),
            href: None,
            lines: defaults,
            items: Vec::new(),
        });
    }
    let mut disagreements: Vec<String> = d
        .competences
        .iter()
        .filter(|x| differs(x.competence).is_some())
        .map(|x| r.competences[x.competence].id.clone())
        .collect();
    disagreements.extend(
        c.soft_skills
            .iter()
            .filter(|s| super::results::gap(s.own.as_ref(), s.tutor.as_ref()).is_some())
            .map(|s| s.skill.clone()),
    );
    let other_scale = |a, b| super::results::gap(a, b) == Some(super::results::Gap::OtherScale);
    let mixed_scales = d.competences.iter().any(|x| {
        other_scale(
            c.self_assessment.get(&x.competence),
            c.tutor_assessment.get(&x.competence),
        )
    }) || c
        .soft_skills
        .iter()
        .any(|s| other_scale(s.own.as_ref(), s.tutor.as_ref()));
    Summary {
        blocs,
        total: total_bar(t, r, d),
        professional: professional_bar(t, r, d),
        depends,
        disagreements,
        mixed_scales,
    }
}
