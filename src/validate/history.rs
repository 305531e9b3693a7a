//! A candidate's sessions folded into what each decision uses: the results in effect after
//! a session (each item's latest result; a session voided by fraud left out), which sessions
//! hold a bloc, which of them may count under the referential's retake rules, and the
//! candidate as a jury of some date knew them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::bloc::{consequence_key, validation_mode};
use super::rules::Reason;
use super::title::{Standing, professional};
use crate::model::{
    Attempt, AttemptKind, BlocValidation, Candidate, Consequence, ItemResult, Outcome, Referential,
    Rules, Scope, Status,
};

/// The results in effect after some sessions. A result is borrowed from its session, or
/// owned when a retake rule changed it (a capped mark).
#[derive(Debug, Default)]
pub struct Merged<'a> {
    pub criteria: BTreeMap<usize, bool>,
    pub competences: BTreeMap<usize, bool>,
    pub blocs: BTreeMap<usize, Cow<'a, ItemResult>>,
    pub modalities: BTreeMap<usize, Cow<'a, ItemResult>>,
    pub modules: BTreeMap<usize, Cow<'a, ItemResult>>,
    pub substitutes: BTreeMap<usize, Cow<'a, ItemResult>>,
    pub parts: BTreeMap<usize, Cow<'a, ItemResult>>,
    pub professional: Option<Cow<'a, ItemResult>>,
    pub interview: Option<Cow<'a, ItemResult>>,
    /// Results of a retake the rules leave out — by `blocs_only`, or after a status whose
    /// rule offers no retake (that status) —: the earlier result stands. The item is named
    /// for the error (`tuteur`, a part of the professional evaluation).
    pub refused: Vec<(&'a ItemResult, Option<Status>, String)>,
}

impl<'a> Merged<'a> {
    /// The professional evaluation's parts in effect, `(ID, points, result)`, as
    /// [`professional`] takes them; empty when no part has a result.
    pub fn professional_parts(&self, rules: &'a Rules) -> Vec<(&'a str, u32, Option<&ItemResult>)> {
        if self.parts.is_empty() {
            return Vec::new();
        }
        rules
            .professional_evaluation
            .iter()
            .flat_map(|p| p.parts.iter().enumerate())
            .map(|(i, part)| {
                (
                    part.id.as_str(),
                    part.points,
                    self.parts.get(&i).map(AsRef::as_ref),
                )
            })
            .collect()
    }
}

/// How a later result of an item takes the place of an earlier one.
#[derive(Clone, Copy)]
struct Retaking<'r> {
    keep_best: bool,
    cap: Option<(f64, f64)>,
    blocs_only: bool,
    rules: &'r Rules,
}

impl Retaking<'_> {
    /// Whether a session of `kind` may give again an item of the professional evaluation or
    /// the final interview whose result so far is `old`: always, except in a retake after a
    /// status whose rule offers no retake (`retake: false`), or, when the retakes present
    /// the blocs only, after anything but a status whose rule offers one.
    fn reopens(self, old: Option<&ItemResult>, kind: AttemptKind) -> bool {
        let Some(old) = old else { return true };
        if kind != AttemptKind::Retake {
            return true;
        }
        match self.offered(old) {
            Some((_, offered)) => offered,
            None => !self.blocs_only,
        }
    }

    /// `old`'s status and whether its rule offers a retake, when it says.
    fn offered(self, old: &ItemResult) -> Option<(Status, bool)> {
        let status = old.outcome.status()?;
        let rule = self.rules.status_rule(Scope::Professional, status)?;
        rule.retake.map(|offered| (status, offered))
    }

    /// The status of `old` when its rule offers no retake (`retake: false`) and the session
    /// is a retake (004: "Dans ces seuls cas une épreuve de rattrapage sera proposée").
    fn barred(self, old: Option<&ItemResult>, kind: AttemptKind) -> Option<Status> {
        let (status, offered) = self.offered(old?)?;
        (kind == AttemptKind::Retake && !offered).then_some(status)
    }

    /// `new`, a result of a session of `kind`, in place of `old`.
    fn pick<'a>(
        self,
        old: Option<Cow<'a, ItemResult>>,
        new: &'a ItemResult,
        kind: AttemptKind,
    ) -> Cow<'a, ItemResult> {
        let mut new = Cow::Borrowed(new);
        if let (
            Some((v, of)),
            AttemptKind::Retake,
            Outcome::Mark {
                value,
                out_of,
                penalty,
            },
        ) = (self.cap, kind, new.outcome)
        {
            let cap = out_of * v / of;
            if value > cap {
                let mut capped = new.into_owned();
                capped.outcome = Outcome::Mark {
                    value: cap,
                    out_of,
                    penalty,
                };
                new = Cow::Owned(capped);
            }
        }
        match old {
            Some(old) if self.keep_best && old.outcome.points() > new.outcome.points() => old,
            _ => new,
        }
    }
}

/// Later sessions override earlier ones item by item: a retake replaces the marks it gives
/// and keeps the others (004: "conserve le bénéfice de sa note de tuteur"); with the
/// referential's `keep: best`, the better mark stays, and `cap` caps a retake's marks. A
/// bloc given whole, by its exams or by what replaces them (a portfolio) is one item in
/// three forms: a session giving one replaces the others (a whole `absent-excused`, then
/// the make-up by exams; a portfolio failed, then the retake by exam).
pub fn merge<'a>(r: &Referential, attempts: impl IntoIterator<Item = &'a Attempt>) -> Merged<'a> {
    let rules = &r.rules;
    let how = Retaking {
        keep_best: rules.retakes.as_ref().is_some_and(|r| r.keep_best),
        cap: rules.retakes.as_ref().and_then(|r| r.cap),
        blocs_only: rules.retakes.as_ref().is_some_and(|r| r.blocs_only),
        rules,
    };
    let mut m = Merged::default();
    fn fold<'a>(
        how: Retaking,
        into: &mut BTreeMap<usize, Cow<'a, ItemResult>>,
        from: &'a BTreeMap<usize, ItemResult>,
        kind: AttemptKind,
    ) {
        for (k, v) in from {
            let old = into.remove(k);
            into.insert(*k, how.pick(old, v, kind));
        }
    }
    for a in attempts {
        let bloc_of = |k: usize| r.modalities[k].bloc;
        for b in a.blocs.keys().chain(a.substitutes.keys()) {
            m.modalities
                .retain(|k, _| bloc_of(*k) != *b || a.modalities.contains_key(k));
        }
        for b in a
            .modalities
            .keys()
            .map(|&k| bloc_of(k))
            .chain(a.substitutes.keys().copied())
        {
            if !a.blocs.contains_key(&b) {
                m.blocs.remove(&b);
            }
        }
        for b in a
            .modalities
            .keys()
            .map(|&k| bloc_of(k))
            .chain(a.blocs.keys().copied())
        {
            if !a.substitutes.contains_key(&b) {
                m.substitutes.remove(&b);
            }
        }
        // In a bloc validated by its competences, the criteria (or competences) a session
        // gives are its exams' results given again: an earlier result of an exam evaluating
        // them, or of the bloc whole (000: an absence at E2, then the retake's criteria of
        // B2), no longer stands unless the session gives it too.
        let given: Vec<usize> = a
            .criteria
            .keys()
            .flat_map(|&k| r.criteria[k].competences.iter().copied())
            .chain(a.competences.keys().copied())
            .collect();
        let by_competences =
            |b: usize| validation_mode(rules, &r.blocs[b]) == BlocValidation::Competences;
        m.modalities.retain(|k, _| {
            a.modalities.contains_key(k)
                || !by_competences(bloc_of(*k))
                || !r.modalities[*k].evaluates.iter().any(|c| given.contains(c))
        });
        m.blocs.retain(|b, _| {
            a.blocs.contains_key(b)
                || !by_competences(*b)
                || !given.iter().any(|&c| r.competences[c].bloc == *b)
        });
        m.criteria.extend(a.criteria.iter().map(|(k, v)| (*k, *v)));
        m.competences
            .extend(a.competences.iter().map(|(k, v)| (*k, *v)));
        fold(how, &mut m.blocs, &a.blocs, a.kind);
        fold(how, &mut m.modalities, &a.modalities, a.kind);
        fold(how, &mut m.modules, &a.modules, a.kind);
        fold(how, &mut m.substitutes, &a.substitutes, a.kind);
        // After a failed professional evaluation, the parts the referential names may be
        // presented again even in a retake of blocs only.
        let again: &[usize] = match &rules.retakes {
            Some(r) if a.kind == AttemptKind::Retake && !a.professional_parts.is_empty() => {
                &r.professional_again
            }
            _ => &[],
        };
        let failed = !again.is_empty()
            && professional(
                rules,
                m.professional.as_deref(),
                &m.professional_parts(rules),
            )
            .standing
                == Standing::Failed;
        for (k, v) in &a.professional_parts {
            let old = m.parts.get(k).map(AsRef::as_ref);
            let barred = how.barred(old, a.kind);
            if how.reopens(old, a.kind) || (failed && again.contains(k) && barred.is_none()) {
                let old = m.parts.remove(k);
                m.parts.insert(*k, how.pick(old, v, a.kind));
            } else {
                let part = rules.professional_evaluation.as_ref();
                let name = part.and_then(|p| p.parts.get(*k)).map_or_else(
                    || "a part of the professional evaluation".to_owned(),
                    |p| format!("`{}` (a part of the professional evaluation)", p.id),
                );
                m.refused.push((v, barred, name));
            }
        }
        let interview = rules.final_interview.as_ref().map_or_else(
            || "the final interview".to_owned(),
            |f| format!("the final interview ({})", f.title),
        );
        for (new, into, name) in [
            (
                &a.professional,
                &mut m.professional,
                "the professional evaluation".to_owned(),
            ),
            (&a.final_interview, &mut m.interview, interview),
        ] {
            let Some(new) = new else { continue };
            if how.reopens(into.as_deref(), a.kind) {
                *into = Some(how.pick(into.take(), new, a.kind));
            } else {
                m.refused
                    .push((new, how.barred(into.as_deref(), a.kind), name));
            }
        }
    }
    m
}

/// Every result of a session with the scope its status rules are declared for.
/// Whether a status of the session voids it (004: fraud), as the referential declares.
pub fn voided(rules: &Rules, a: &Attempt) -> Option<Status> {
    a.voided(rules)
}

/// Whether the session holds a result for the bloc: of the bloc itself, one of its exams,
/// criteria or modules, or its substitute.
pub fn holds(r: &Referential, a: &Attempt, bloc: usize) -> bool {
    a.blocs.contains_key(&bloc)
        || a.substitutes.contains_key(&bloc)
        || a.competences.keys().any(|&c| r.competences[c].bloc == bloc)
        || a.modalities.keys().any(|&m| r.modalities[m].bloc == bloc)
        || a.criteria.keys().any(|&c| r.criteria[c].bloc == bloc)
}

/// The statuses of the bloc's exams in a session.
fn bloc_statuses(r: &Referential, a: &Attempt, bloc: usize) -> Vec<Status> {
    let exams = a
        .modalities
        .iter()
        .filter(|(m, _)| r.modalities[**m].bloc == bloc)
        .map(|(_, v)| v);
    a.blocs
        .get(&bloc)
        .into_iter()
        .chain(a.substitutes.get(&bloc))
        .chain(exams)
        .filter_map(|x| x.outcome.status())
        .collect()
}

/// Why a later session of a bloc cannot count, if it cannot.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Beyond the number of retakes the referential allows.
    Limit(u32),
    /// After a status the referential says gives no retake.
    NoRetake(Status),
    /// A repeated year beyond the limit, where the referential does not say whether a
    /// repeat is one of the retakes it limits: not refused, left to the jury.
    Unsettled(u32),
}

/// Which sessions holding a bloc may count, in order, and those refused. A session after a
/// status whose rule offers a retake (`retake: true`) is a make-up, not counted against the
/// limit.
pub fn admissible(rules: &Rules, r: &Referential, attempts: &[Attempt], bloc: usize) -> Admitted {
    let holding: Vec<usize> = (0..attempts.len())
        .filter(|&i| holds(r, &attempts[i], bloc))
        .collect();
    let mut used: Vec<usize> = Vec::new();
    let mut refused = Vec::new();
    let mut retakes = 0u32;
    // Make-ups set apart from the limit by refolio's default, by the status before them.
    let mut apart: Vec<Status> = Vec::new();
    let mut apart_counted = None;
    for &i in &holding {
        let Some(&prev) = used.last() else {
            used.push(i);
            continue;
        };
        // A voided session voids every bloc it holds, not only the one of the fraud: what
        // its rule offers after it holds for each, and nothing else of it stands (an
        // absence in it barred the retake that 004 requires after a fraud, before).
        let statuses = match voided(rules, &attempts[prev]) {
            Some(void) => vec![void],
            None => bloc_statuses(r, &attempts[prev], bloc),
        };
        // A status barring the retake (`retake: false`) bars it whatever else the session
        // gave: one offered at another exam (an excused absence) offers that exam's make-up,
        // not a way past the bar (the first status in the exams' order decided, before).
        let ruled: Vec<(Status, bool, Option<bool>)> = statuses
            .iter()
            .filter_map(|s| {
                let rule = rules.status_rule(Scope::Exams, *s)?;
                rule.retake.map(|offered| (*s, offered, rule.counted))
            })
            .collect();
        let offered = ruled
            .iter()
            .find(|(_, offered, _)| !offered)
            .or(ruled.first())
            .copied();
        let repeat = attempts[i].kind == AttemptKind::Repeat;
        let repeats_counted = rules.retakes.as_ref().and_then(|x| x.repeats_counted);
        match offered {
            // "retake: false" bars a rattrapage; a repeated year (redoublement) is another
            // way back, which 004 opens to "les blocs non-validés" whatever failed them.
            Some((s, false, _)) if !repeat => {
                refused.push((i, Refusal::NoRetake(s)));
                continue;
            }
            Some((_, true, Some(true))) => retakes += 1,
            Some((_, true, Some(false))) => {}
            Some((s, true, None)) => apart.push(s),
            _ if repeat && repeats_counted == Some(false) => {}
            _ => retakes += 1,
        }
        let limit = rules.retakes.as_ref().and_then(|x| x.per_bloc);
        if let Some(limit) = limit
            && retakes > limit
        {
            let why = if repeat && repeats_counted.is_none() {
                Refusal::Unsettled(limit)
            } else {
                Refusal::Limit(limit)
            };
            refused.push((i, why));
            continue;
        }
        // Counted, the make-ups set apart would have put this session beyond the limit.
        if apart_counted.is_none()
            && limit.is_some_and(|limit| retakes + apart.len() as u32 > limit)
        {
            apart_counted = apart.first().copied();
        }
        used.push(i);
    }
    Admitted {
        used,
        refused,
        makeups_apart: apart_counted,
    }
}

/// What [`admissible`] finds for a bloc.
#[derive(Debug, Default)]
pub struct Admitted {
    /// The sessions that count, in order.
    pub used: Vec<usize>,
    pub refused: Vec<(usize, Refusal)>,
    /// When a session counts only because make-ups were set apart from the limit of
    /// retakes by refolio's default (the referential does not say how they count): the
    /// status the first of them followed.
    pub makeups_apart: Option<Status>,
}

impl Refusal {
    /// The error a refused session gives; `None` for a repeat left to the jury.
    pub fn message(&self) -> Option<String> {
        Some(match self {
            Refusal::Limit(1) => "the referential allows one retake per bloc".to_owned(),
            Refusal::Limit(n) => format!("the referential allows {n} retakes per bloc"),
            Refusal::NoRetake(s) => {
                format!("the referential offers no retake after `{}`", s.name())
            }
            Refusal::Unsettled(_) => return None,
        })
    }
}

/// Whether a session counted for bloc `b` marks a bloc or exam lower than an earlier
/// counted one did: which mark counts then decides, and the referential may not say.
pub fn remarked(r: &Referential, attempts: &[Attempt], used: &[usize], b: usize) -> bool {
    type Get<'a> = &'a dyn Fn(&Attempt) -> Option<&ItemResult>;
    let points = |x: Option<&ItemResult>| x.and_then(|x| x.outcome.points());
    used.iter().enumerate().skip(1).any(|(n, &i)| {
        let lower = |get: Get| {
            points(get(&attempts[i])).is_some_and(|later| {
                used[..n]
                    .iter()
                    .any(|&j| points(get(&attempts[j])).is_some_and(|earlier| later < earlier))
            })
        };
        lower(&|a| a.blocs.get(&b))
            || r.modalities
                .iter()
                .enumerate()
                .filter(|(_, m)| m.bloc == b)
                .any(|(m, _)| lower(&|a| a.modalities.get(&m)))
    })
}

/// The reason a refused session shows.
pub fn refusal_reason(session: &str, why: &Refusal) -> Reason {
    match why {
        Refusal::Limit(n) => Reason::new(
            "reason_retake_refused",
            &[("session", session.to_owned()), ("limit", n.to_string())],
        )
        .label("why", "retake_limit"),
        Refusal::NoRetake(s) => Reason::new(
            "reason_retake_refused",
            &[("session", session.to_owned()), ("limit", String::new())],
        )
        .label("why", s.label_key()),
        Refusal::Unsettled(n) => Reason::new(
            "reason_repeat_unsettled",
            &[("session", session.to_owned()), ("limit", n.to_string())],
        ),
    }
}

/// The reason a voided session shows.
pub fn void_reason(session: &str, status: Status) -> Reason {
    Reason::new("reason_session_void", &[("session", session.to_owned())])
        .label("status", status.label_key())
        .label(
            "consequence",
            consequence_key(Consequence::SessionVoid, Scope::Exams),
        )
}

/// The candidate as known on `date`, when something came after it: without the sessions
/// held later (a retake in September is unknown to June's jury), the exemptions a jury
/// decided later (001: « le jury de certification peut décider d'exempter »: not decided
/// yet, they exempt nothing) and the jury's own decision.
pub(crate) fn known_at(candidate: &Candidate, date: &str) -> Option<Candidate> {
    let later = |a: &Attempt| a.session.as_deref().is_some_and(|s| s > date);
    let decided_later = |e: &crate::model::Exemption| e.date.as_deref().is_some_and(|d| d > date);
    if !candidate.attempts.iter().any(later) && !candidate.exemptions.iter().any(decided_later) {
        return None;
    }
    let mut earlier = candidate.clone();
    earlier.attempts.retain(|a| !later(a));
    earlier.exemptions.retain(|e| !decided_later(e));
    earlier.jury = None;
    Some(earlier)
}
