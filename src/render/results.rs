//! Views of what the decision used, for the dossier bilan: the points grid, each session
//! with its marks and statuses, each bloc's exams across sessions, the professional
//! evaluation and the final interview, the jury's decision beside the proposal, the
//! defaults refolio applied, and where self and tutor assessments disagree.

use serde::Serialize;

use super::Strings;
use crate::model::{
    Attempt, Candidate, ItemResult, JuryDecision, JuryVerdict, Outcome, Referential, Score,
    fmt_number,
};
use crate::validate::rules::Reason;
use crate::validate::title::{Condition, Decision, Standing};
use crate::validate::{BlocResult, Dossier};

/// A verdict, status or decision as shown: its words, and a class for styling.
#[derive(Serialize)]
pub struct Label {
    pub label: String,
    /// A stable class for styling (never the only carrier of meaning).
    pub class: &'static str,
}

/// A result as the jury reads it: `14/20`, `14/20 − 10 % = 12,6`, `Absent (excusé)`.
pub fn result_text(t: &Strings, r: &ItemResult) -> String {
    let mut text = match r.outcome {
        Outcome::Mark {
            value,
            out_of,
            penalty,
        } => {
            let mark = format!("{}/{}", fmt_number(value), fmt_number(out_of));
            match penalty {
                Some(p) => format!(
                    "{mark} − {p} % = {}",
                    fmt_number(r.outcome.points().unwrap_or(value))
                ),
                None => mark,
            }
        }
        Outcome::Verdict(true) => t.get("verdict_validated"),
        Outcome::Verdict(false) => t.get("verdict_not_validated"),
        Outcome::Status(s) => t.get(s.label_key()),
    };
    if let Some(reason) = &r.reason {
        text = format!("{text} — {reason}");
    }
    if let Some(date) = &r.date {
        text = format!("{text} ({date})");
    }
    text
}

/// The reasons' texts, label values translated.
pub fn texts(t: &Strings, reasons: &[Reason]) -> Vec<String> {
    reasons
        .iter()
        .map(|r| super::dates::reason_text(t, r))
        .collect()
}

#[derive(Serialize)]
pub struct AttemptView<'a> {
    pub session: Option<&'a str>,
    pub kind: String,
}

pub fn attempts<'a>(t: &Strings, c: &'a Candidate) -> Vec<AttemptView<'a>> {
    c.attempts
        .iter()
        .map(|a| AttemptView {
            session: a.session.as_deref(),
            kind: t.get(a.kind.label_key()),
        })
        .collect()
}

/// One assessed item across sessions: one cell per session ("—" where it has none).
#[derive(Serialize)]
pub struct ItemRow {
    pub id: String,
    pub title: String,
    pub points: Option<String>,
    pub cells: Vec<Option<String>>,
}

fn row(
    t: &Strings,
    c: &Candidate,
    id: &str,
    title: &str,
    points: Option<String>,
    get: impl Fn(&Attempt) -> Option<&ItemResult>,
) -> Option<ItemRow> {
    let cells: Vec<Option<String>> = c
        .attempts
        .iter()
        .map(|a| get(a).map(|r| result_text(t, r)))
        .collect();
    cells.iter().any(Option::is_some).then(|| ItemRow {
        id: id.to_owned(),
        title: title.to_owned(),
        points,
        cells,
    })
}

/// The results of one bloc: what replaced its exams, the bloc itself, its exams and its
/// modules, each across sessions; with the session that decided it and its award date.
#[derive(Serialize)]
pub struct BlocResults<'a> {
    pub rows: Vec<ItemRow>,
    pub decided_session: Option<&'a str>,
    pub awarded: Option<&'a str>,
}

pub fn bloc_results<'a>(
    t: &Strings,
    c: &'a Candidate,
    r: &Referential,
    b: &'a BlocResult,
) -> BlocResults<'a> {
    let bloc = &r.blocs[b.bloc];
    let pts = |p: Option<u32>| p.map(|p| p.to_string());
    let mut rows = Vec::new();
    if let Some(s) = r
        .rules
        .substitutions
        .iter()
        .find(|s| !s.keeps_criteria && s.applies(c.route, c.blocs.len(), b.bloc))
    {
        rows.extend(row(t, c, &bloc.id, &s.title, pts(bloc.points), |a| {
            a.substitutes.get(&b.bloc)
        }));
    }
    rows.extend(row(t, c, &bloc.id, &bloc.title, pts(bloc.points), |a| {
        a.blocs.get(&b.bloc)
    }));
    for &m in &bloc.modalities {
        let x = &r.modalities[m];
        rows.extend(row(t, c, &x.id, &x.title, pts(x.points), |a| {
            a.modalities.get(&m)
        }));
    }
    for &m in &bloc.modules {
        let x = &r.modules[m];
        rows.extend(row(t, c, &x.id, &x.title, None, |a| a.modules.get(&m)));
    }
    BlocResults {
        rows,
        decided_session: b.decided_by.and_then(|i| c.attempts[i].session.as_deref()),
        awarded: b.awarded.as_deref(),
    }
}

/// The professional evaluation or the final interview.
#[derive(Serialize)]
pub struct ConditionView {
    pub title: String,
    pub standing: Label,
    pub points: Option<u32>,
    pub rows: Vec<ItemRow>,
    pub reasons: Vec<String>,
    /// The interview's jury, as recorded.
    pub jury: Vec<String>,
}

fn standing(t: &Strings, s: Standing) -> Label {
    let (key, class) = match s {
        Standing::Met => ("standing_met", "ok"),
        Standing::Failed => ("standing_failed", "ko"),
        Standing::Pending => ("standing_pending", "pending"),
        Standing::NotApplicable => ("standing_not_applicable", "exempted"),
    };
    Label {
        label: t.get(key),
        class,
    }
}

pub fn professional(
    t: &Strings,
    c: &Candidate,
    r: &Referential,
    d: &Dossier,
) -> Option<ConditionView> {
    let p = r.rules.professional_evaluation.as_ref()?;
    let mut rows: Vec<ItemRow> = row(
        t,
        c,
        "",
        &t.get("rule_professional_evaluation"),
        Some(p.points.to_string()),
        |a| a.professional.as_ref(),
    )
    .into_iter()
    .collect();
    for (i, part) in p.parts.iter().enumerate() {
        rows.extend(row(
            t,
            c,
            &part.id,
            &part.title,
            Some(part.points.to_string()),
            |a| a.professional_parts.get(&i),
        ));
    }
    Some(condition(
        t,
        t.get("rule_professional_evaluation"),
        Some(p.points),
        rows,
        &d.professional,
        Vec::new(),
    ))
}

pub fn interview(
    t: &Strings,
    c: &Candidate,
    r: &Referential,
    d: &Dossier,
) -> Option<ConditionView> {
    let f = r.rules.final_interview.as_ref()?;
    let rows: Vec<ItemRow> = row(t, c, "", &f.title, f.points.map(|p| p.to_string()), |a| {
        a.final_interview.as_ref()
    })
    .into_iter()
    .collect();
    let jury = c
        .attempts
        .iter()
        .rev()
        .find_map(|a| a.final_interview.as_ref())
        .map(|r| r.jury.clone())
        .unwrap_or_default();
    Some(condition(
        t,
        f.title.clone(),
        f.points,
        rows,
        &d.interview,
        jury,
    ))
}

fn condition(
    t: &Strings,
    title: String,
    points: Option<u32>,
    rows: Vec<ItemRow>,
    c: &Condition,
    jury: Vec<String>,
) -> ConditionView {
    ConditionView {
        title,
        standing: standing(t, c.standing),
        points,
        rows,
        reasons: texts(t, &c.reasons),
        jury,
    }
}

/// The jury's recorded decision beside the proposal.
#[derive(Serialize)]
pub struct JuryView {
    pub decision: Label,
    pub date: Option<String>,
    pub motive: Option<String>,
    pub differs: bool,
}

pub fn jury(t: &Strings, c: &Candidate, r: &Referential, d: &Dossier) -> Option<JuryView> {
    let j = c.jury.as_ref()?;
    Some(JuryView {
        decision: verdict_label(t, j, r),
        date: j.date.clone(),
        motive: j.motive.clone(),
        differs: d.jury_differs,
    })
}

/// The jury's decision as a label, with the blocs it awards.
pub fn verdict_label(t: &Strings, j: &JuryDecision, r: &Referential) -> Label {
    let blocs: Vec<&str> = j.blocs.iter().map(|&b| r.blocs[b].id.as_str()).collect();
    let (key, class) = match j.verdict {
        JuryVerdict::Full => ("decision_full", "ok"),
        JuryVerdict::Partial => ("decision_partial", "partial"),
        JuryVerdict::NotAwarded => ("decision_not_awarded", "ko"),
        JuryVerdict::Deferred => ("decision_deferred", "pending"),
    };
    let mut label = t.get(key);
    if !blocs.is_empty() {
        label = format!("{label} ({})", blocs.join(", "));
    }
    Label { label, class }
}

/// The decision a list shows: the jury's when recorded, else the proposal.
pub fn jury_label(t: &Strings, c: &Candidate, r: &Referential, d: &Dossier) -> Option<Label> {
    jury(t, c, r, d).map(|j| j.decision)
}

/// The competence rule's default, if some competence of the dossier was decided by it.
pub fn competence_default(d: &Dossier, r: &Referential) -> Option<Reason> {
    d.competences
        .iter()
        .find_map(|c| c.reasons(r).into_iter().find(Reason::is_default))
}

/// The defaults refolio applied, once each, in the order met.
pub fn defaults(t: &Strings, d: &Dossier, r: &Referential) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let all = d
        .reasons
        .iter()
        .chain(d.blocs.iter().flat_map(|b| b.outcome.reasons.iter()))
        .chain(d.professional.reasons.iter())
        .chain(d.interview.reasons.iter())
        .chain(d.company_time.reasons.iter());
    let competence = competence_default(d, r);
    let all = competence.iter().chain(all);
    let mut out = Vec::new();
    for reason in all.filter(|r| r.is_default()) {
        let text = super::dates::reason_text(t, reason);
        if !seen.contains(&reason.key) || reason.key == "default_status" {
            if !out.contains(&text) {
                out.push(text);
            }
            seen.push(reason.key);
        }
    }
    out
}

/// How a candidate's and a tutor's assessments of one item disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Same scale, different values.
    Differ,
    /// A level beside a mark: not comparable, and said so.
    OtherScale,
}

/// Whether self and tutor assessments disagree: a flag for the jury's questions.
pub fn gap(own: Option<&Score>, tutor: Option<&Score>) -> Option<Gap> {
    match (own?, tutor?) {
        (Score::Level(a), Score::Level(b)) => (a != b).then_some(Gap::Differ),
        (
            Score::Mark {
                value: a,
                out_of: x,
            },
            Score::Mark {
                value: b,
                out_of: y,
            },
        ) => ((a / x - b / y).abs() > 1e-9).then_some(Gap::Differ),
        _ => Some(Gap::OtherScale),
    }
}

/// [`gap`] as the dossier's flag.
pub fn disagreement(t: &Strings, own: Option<&Score>, tutor: Option<&Score>) -> Option<Label> {
    let key = match gap(own, tutor)? {
        Gap::Differ => "assessments_differ",
        Gap::OtherScale => "assessments_other_scale",
    };
    Some(Label {
        label: t.get(key),
        class: "differs",
    })
}

/// The proposal's label (the computed decision).
pub fn decision_label(t: &Strings, d: &Decision) -> Label {
    let (key, class) = match d {
        Decision::Full => ("decision_full", "ok"),
        Decision::Partial(_) => ("decision_partial", "partial"),
        Decision::NotAwarded => ("decision_not_awarded", "ko"),
        Decision::Undecided => ("decision_undecided", "pending"),
    };
    let mut label = t.get(key);
    if let Decision::Partial(blocs) = d {
        label = format!("{label} ({})", blocs.join(", "));
    }
    Label { label, class }
}
