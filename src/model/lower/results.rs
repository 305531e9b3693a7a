//! Lowering a candidate's results: each session (`results:` for one, `attempts:` for a
//! history) with its marks, statuses, verdicts, penalties, professional evaluation, final
//! interview and substitutes (each value made in [`super::outcome`]). Everything the referential's
//! rules do not provide for is a located error here: a mark for an item without points, a
//! penalty it does not list, an exemption of the professional evaluation (or a part) on a
//! route it does not name, an exempted exam, bloc or final interview without
//! `exam_exemptions`, a substitute no substitution allows.

use serde_saphyr::Spanned;

use super::candidate::CandidateLowering;
use crate::diagnostics::{Diagnostic, Kind, Location, did_you_mean};
use crate::load::position;
use crate::load::raw_candidate::{RawPassport, RawResult, RawResults};
use crate::model::candidate::*;
use crate::model::{BlocValidation, ItemRef, Status, fmt_number};

/// What an item accepts as a result.
pub(super) struct Item {
    /// How messages name it: "bloc B1", "exam E2.1".
    pub(super) what: String,
    /// Its ID, as `penalties_on` names it.
    pub(super) key: String,
    /// Its scale; `None`: no mark, except on a module's own scale.
    pub(super) points: Option<u32>,
    /// A module: marked `x/y` on its own scale (10, 20 or 30), no points in the referential.
    pub(super) own_scale: bool,
    /// It may be `validated` / `not-validated` (no points to decide it).
    pub(super) verdict: bool,
}

pub(super) const VERDICTS: [&str; 2] = ["validated", "not-validated"];

impl CandidateLowering<'_> {
    pub(super) fn location<T>(&self, s: &Spanned<T>) -> Location {
        Location::new(&self.path, position(s))
    }

    /// The sessions, in chronological order.
    pub(super) fn attempts(&mut self, raw: &RawPassport, session: Option<&str>) -> Vec<Attempt> {
        if let (Some(_), Some(first)) = (&raw.results, raw.attempts.first()) {
            self.error(
                Kind::InvalidValue,
                first,
                "`results` and `attempts` are both given".into(),
                Some(
                    "write `results:` for a single session, or every session under `attempts:`"
                        .into(),
                ),
            );
        }
        if let Some(res) = &raw.results {
            let session = match &res.session {
                Some(s) => Some(self.date(s)),
                None => session.map(str::to_owned),
            };
            let at = Location::new(&self.path, None);
            return vec![self.attempt(res, at, session)];
        }
        let mut attempts: Vec<Attempt> = Vec::new();
        for entry in &raw.attempts {
            let at = self.location(entry);
            let session = match &entry.value.session {
                Some(s) => Some(self.date(s)),
                None => {
                    self.error(
                        Kind::WrongType,
                        entry,
                        "an attempt needs its `session` date".into(),
                        Some("add `session: YYYY-MM-DD`".into()),
                    );
                    None
                }
            };
            if let (Some(prev), Some(this), Some(written)) = (
                attempts.last().and_then(|a| a.session.as_deref()),
                session.as_deref(),
                &entry.value.session,
            ) && this <= prev
            {
                let message = format!("attempt of {this} is not after the one of {prev}");
                let help = Some("list attempts in chronological order".into());
                self.error(Kind::InvalidValue, written, message, help);
            }
            let attempt = self.attempt(&entry.value, at, session);
            self.exams_after_a_whole_bloc(&attempts, &attempt);
            attempts.push(attempt);
        }
        attempts
    }

    /// A session giving exams of a bloc whose latest earlier result was its whole mark (or
    /// parts of a professional evaluation given whole before): the whole mark would go on
    /// deciding, the exams or parts unread.
    fn exams_after_a_whole_bloc(&mut self, earlier: &[Attempt], attempt: &Attempt) {
        let r = self.r;
        // The professional evaluation given whole in one session and by parts in the next,
        // either way: a whole mark after parts gives the tutor's part again (004: "conserve
        // le bénéfice de sa note de tuteur"), parts after a whole mark go unread.
        let whole = attempt.professional.is_some();
        if whole || !attempt.professional_parts.is_empty() {
            let last = earlier
                .iter()
                .rev()
                .find(|a| a.professional.is_some() || !a.professional_parts.is_empty());
            if let Some(last) = last.filter(|a| a.professional.is_some() != whole) {
                let (now, before) = if whole {
                    ("the professional evaluation whole", "by parts")
                } else {
                    ("parts of the professional evaluation", "whole")
                };
                let message = format!(
                    "the session of {} gives {now}, whose earlier result (the session of {}) \
                     was given {before}",
                    attempt.session.as_deref().unwrap_or("?"),
                    last.session.as_deref().unwrap_or("?"),
                );
                let help = "give the professional evaluation the same way in every session: \
                            whole, or by parts";
                self.diags.push(
                    Diagnostic::error(Kind::InvalidValue, Some(attempt.at.clone()), message)
                        .with_suggestion(Some(help.into())),
                );
            }
        }
        let mut blocs: Vec<usize> = attempt
            .modalities
            .keys()
            .map(|&m| r.modalities[m].bloc)
            .collect();
        blocs.dedup();
        for b in blocs {
            if attempt.blocs.contains_key(&b) {
                continue;
            }
            let last = earlier.iter().rev().find(|a| {
                a.blocs.contains_key(&b) || a.modalities.keys().any(|&m| r.modalities[m].bloc == b)
            });
            if last.is_some_and(|a| a.blocs.contains_key(&b)) {
                let message = format!(
                    "the session of {} gives exams of bloc {}, whose earlier result was its \
                     whole mark",
                    attempt.session.as_deref().unwrap_or("?"),
                    r.blocs[b].id
                );
                let help = "give the bloc's mark again, or every session's results by exam";
                self.diags.push(
                    Diagnostic::error(Kind::InvalidValue, Some(attempt.at.clone()), message)
                        .with_suggestion(Some(help.into())),
                );
            }
        }
    }

    /// A bloc given whole and by its exams in the same session, the two disagreeing: the
    /// bloc's mark would decide it and its exams go unread, even an absence ("la
    /// non-présentation à au moins une évaluation de bloc induit la non-validation du
    /// bloc"). They disagree when an exam has a status or a verdict, or when every graded
    /// exam is marked and their sum is not the bloc's mark.
    fn whole_and_by_exams(&mut self, raw: &RawResults, attempt: &Attempt) {
        let r = self.r;
        for (id, _) in &raw.marks.0 {
            let Some(ItemRef::Bloc(b)) = r.lookup(id.value.trim()) else {
                continue;
            };
            let Some(whole) = attempt.blocs.get(&b) else {
                continue;
            };
            let exams: Vec<(usize, &ItemResult)> = attempt
                .modalities
                .iter()
                .filter(|(m, _)| r.modalities[**m].bloc == b)
                .map(|(m, x)| (*m, x))
                .collect();
            let not_marks: Vec<&str> = exams
                .iter()
                .filter(|(_, x)| x.outcome.points().is_none())
                .map(|(m, _)| r.modalities[*m].id.as_str())
                .collect();
            let graded = r
                .modalities
                .iter()
                .filter(|m| m.bloc == b && m.points.is_some());
            let every_graded_marked = graded
                .clone()
                .all(|m| exams.iter().any(|(k, _)| r.modalities[*k].id == m.id));
            let sum: f64 = exams.iter().filter_map(|(_, x)| x.outcome.points()).sum();
            let whole_points = whole.outcome.points();
            let sum_differs = every_graded_marked
                && graded.count() > 0
                && whole_points.is_some_and(|w| (w - sum).abs() >= 1e-6);
            let message = if !not_marks.is_empty() {
                format!(
                    "bloc {} is given whole beside a status or verdict of {}, which its mark \
                     would leave unread",
                    r.blocs[b].id,
                    not_marks.join(", ")
                )
            } else if sum_differs {
                format!(
                    "bloc {} is given {}, but its exams sum to {}",
                    r.blocs[b].id,
                    fmt_number(whole_points.unwrap_or(0.0)),
                    fmt_number(sum)
                )
            } else {
                continue;
            };
            self.error(
                Kind::InvalidValue,
                id,
                message,
                Some("give the bloc's mark, or the results of its exams, not both".into()),
            );
        }
    }

    /// A competence recorded directly in a session that also gives every one of its
    /// criteria, where the referential states how criteria validate a competence (000: "Une
    /// compétence est validée si plus de 50% de ses critères d'évaluation le sont."): the two
    /// must agree, since the recorded result would otherwise overrule the certifier's rule.
    fn recorded_against_criteria(
        &mut self,
        attempt: &Attempt,
        c: usize,
        id: &Spanned<String>,
        recorded: bool,
    ) {
        let competence = &self.r.competences[c];
        let share = self.r.blocs[competence.bloc]
            .competence_threshold
            .or(self.r.rules.competence_share());
        let Some(share) = share else { return };
        let counted: Vec<usize> = competence
            .criteria
            .iter()
            .copied()
            .filter(|k| !self.exempted.contains(k))
            .collect();
        let given: Option<Vec<bool>> = counted
            .iter()
            .map(|k| attempt.criteria.get(k).copied())
            .collect();
        let Some(given) = given.filter(|g| !g.is_empty()) else {
            return;
        };
        let validated = given.iter().filter(|&&v| v).count();
        let by_criteria = share.passes(validated, given.len());
        if by_criteria == recorded {
            return;
        }
        let word = |v: bool| if v { "validated" } else { "not validated" };
        let rule = if share.at_least {
            "at least"
        } else {
            "strictly more than"
        };
        let message = format!(
            "competence `{}` is recorded {}, but its criteria give it {}: {validated} of {} \
             validated, and the referential validates a competence when {rule} {} % of its \
             criteria are",
            competence.id,
            word(recorded),
            word(by_criteria),
            given.len(),
            share.percent,
        );
        let help = "correct its criteria or its result; a competence evaluated directly is \
                    recorded without its criteria";
        self.error(Kind::Rule, id, message, Some(help.into()));
    }

    fn attempt(&mut self, raw: &RawResults, at: Location, session: Option<String>) -> Attempt {
        let mut attempt = Attempt::new(at, session);
        if let Some(kind) = &raw.kind {
            match AttemptKind::parse(kind.value.trim()) {
                Some(k) => attempt.kind = k,
                None => {
                    let help = did_you_mean(kind.value.trim(), AttemptKind::NAMES).map_or_else(
                        || format!("write one of {}", AttemptKind::NAMES.join(", ")),
                        |n| format!("did you mean `{n}`?"),
                    );
                    self.error(
                        Kind::InvalidValue,
                        kind,
                        format!("unknown kind of attempt `{}`", kind.value.trim()),
                        Some(help),
                    );
                }
            }
        }
        for (id, validated) in &raw.criteria.0 {
            if let Some(c) = self.criterion(id) {
                attempt.criteria.insert(c, validated.value);
            }
        }
        for (id, validated) in &raw.competences.0 {
            if let Some(c) = self.competence(id, true) {
                attempt.competences.insert(c, validated.value);
                self.recorded_against_criteria(&attempt, c, id, validated.value);
            }
        }
        for (id, value) in &raw.marks.0 {
            self.mark_entry(&mut attempt, id, value);
        }
        self.whole_and_by_exams(raw, &attempt);
        let pro = self.r.rules.professional_evaluation.as_ref();
        if let Some(value) = &raw.professional_evaluation {
            match pro {
                None => self.no_rule(value, "the referential has no professional evaluation"),
                Some(p) => {
                    let item = Item {
                        what: "the professional evaluation".into(),
                        key: "professional_evaluation".into(),
                        points: Some(p.points),
                        own_scale: false,
                        verdict: false,
                    };
                    attempt.professional = self.result(value, &item);
                    let exempted = attempt
                        .professional
                        .as_ref()
                        .is_some_and(|r| r.outcome == Outcome::Status(Status::Exempted));
                    if exempted && !self.route.is_some_and(|r| p.exemptible_routes.contains(&r)) {
                        let routes: Vec<&str> =
                            p.exemptible_routes.iter().map(|r| r.name()).collect();
                        let message = match (routes.is_empty(), self.route) {
                            (true, _) => "the referential does not provide for exempting a candidate from the professional evaluation".to_owned(),
                            (false, Some(r)) => format!("the professional evaluation can be exempted for the routes {} only, not {}", routes.join(", "), r.name()),
                            (false, None) => format!("the professional evaluation can be exempted for the routes {} only, and the passport gives no `route`", routes.join(", ")),
                        };
                        self.error(Kind::Rule, value, message, None);
                        attempt.professional = None;
                    }
                }
            }
        }
        for (id, value) in &raw.professional_parts.0 {
            let key = id.value.trim();
            let Some(p) = pro else {
                self.no_rule(id, "the referential has no professional evaluation");
                continue;
            };
            let Some(part) = p.parts.iter().position(|x| x.id == key) else {
                let ids = p.parts.iter().map(|x| x.id.as_str());
                let help = did_you_mean(key, ids).map(|s| format!("did you mean `{s}`?"));
                let parts: Vec<&str> = p.parts.iter().map(|x| x.id.as_str()).collect();
                self.error(
                    Kind::DanglingReference,
                    id,
                    format!("unknown part `{key}` of the professional evaluation"),
                    help.or_else(|| Some(format!("its parts: {}", parts.join(", ")))),
                );
                continue;
            };
            let item = Item {
                what: format!("part {key} of the professional evaluation"),
                key: key.to_owned(),
                points: Some(p.parts[part].points),
                own_scale: false,
                verdict: false,
            };
            if let Some(r) = self.result(value, &item)
                && self.part_exemption_allowed(value, &r, &p.exemptible_routes)
            {
                attempt.professional_parts.insert(part, r);
            }
        }
        if let (Some(_), Some((id, _))) = (
            &raw.professional_evaluation,
            raw.professional_parts.0.first(),
        ) {
            self.error(
                Kind::InvalidValue,
                id,
                "the professional evaluation is given whole and by parts".into(),
                Some("keep either `professional_evaluation` or `professional_parts`".into()),
            );
        }
        if let Some(value) = &raw.final_interview {
            match &self.r.rules.final_interview {
                None => self.no_rule(value, "the referential declares no final interview"),
                Some(f) => {
                    let item = Item {
                        what: format!("the final interview ({})", f.title),
                        key: "final_interview".into(),
                        points: f.points,
                        own_scale: false,
                        verdict: true,
                    };
                    attempt.final_interview = self
                        .result(value, &item)
                        .filter(|r| self.exam_exemption_allowed(value, r));
                }
            }
        }
        for (id, value) in &raw.substitutes.0 {
            let key = id.value.trim();
            let Some(b) = self.presented_bloc(id) else {
                continue;
            };
            let presented = self.presented.len();
            let allowed = self
                .r
                .rules
                .substitutions
                .iter()
                .any(|s| s.applies(self.route, presented, b) && !s.keeps_criteria);
            let dossier = self
                .r
                .rules
                .substitutions
                .iter()
                .find(|s| s.applies(self.route, presented, b) && s.keeps_criteria);
            if let (false, Some(s)) = (allowed, dossier) {
                self.error(
                    Kind::Rule,
                    id,
                    format!(
                        "the « {} » replaces the exams of {key} for this candidate, but the criteria still decide the bloc: it has no result of its own",
                        s.title
                    ),
                    Some("remove this line and record the bloc's criteria under `criteria:`".into()),
                );
                continue;
            }
            if !allowed {
                let offered: Vec<String> = self
                    .r
                    .rules
                    .substitutions
                    .iter()
                    .filter(|s| !s.keeps_criteria)
                    .map(|s| {
                        let routes: Vec<&str> = s.routes.iter().map(|r| r.name()).collect();
                        if routes.is_empty() {
                            s.title.clone()
                        } else {
                            format!("{} ({})", s.title, routes.join(", "))
                        }
                    })
                    .collect();
                let help = if offered.is_empty() {
                    "the referential provides no substitute that decides a bloc".to_owned()
                } else {
                    format!("the referential provides: {}", offered.join("; "))
                };
                let route = self.route.map_or("no route", |r| r.name());
                self.error(
                    Kind::Rule,
                    id,
                    format!(
                        "no substitution of the exams of {key} applies to this candidate ({route})"
                    ),
                    Some(help),
                );
                continue;
            }
            let item = Item {
                what: format!("the substitute for bloc {key}"),
                key: key.to_owned(),
                points: self.r.blocs[b].points,
                own_scale: false,
                verdict: true,
            };
            if let Some(r) = self.result(value, &item)
                && self.exam_exemption_allowed(value, &r)
            {
                attempt.substitutes.insert(b, r);
            }
        }
        self.substitute_beside_exams(raw, &attempt);
        attempt
    }

    /// A bloc given both what replaces its exams and results of those exams in one session
    /// (004: "substituer les épreuves de blocs par un portefeuille de preuves"): the
    /// substitute would decide and the exams go unread.
    fn substitute_beside_exams(&mut self, raw: &RawResults, attempt: &Attempt) {
        let r = self.r;
        for (id, _) in &raw.substitutes.0 {
            let Some(ItemRef::Bloc(b)) = r.lookup(id.value.trim()) else {
                continue;
            };
            if !attempt.substitutes.contains_key(&b) {
                continue;
            }
            let mut given: Vec<&str> = attempt
                .blocs
                .keys()
                .filter(|&&k| k == b)
                .map(|&k| r.blocs[k].id.as_str())
                .collect();
            given.extend(
                attempt
                    .modalities
                    .keys()
                    .filter(|&&m| r.modalities[m].bloc == b)
                    .map(|&m| r.modalities[m].id.as_str()),
            );
            if given.is_empty() {
                continue;
            }
            self.error(
                Kind::Rule,
                id,
                format!(
                    "bloc {} is given a substitute for its exams and results of them ({}) in \
                     the same session",
                    r.blocs[b].id,
                    given.join(", ")
                ),
                Some("the substitute replaces the bloc's exams: give one or the other".into()),
            );
        }
    }

    /// An `exempted` exam, bloc, substitute or final interview only where the referential
    /// lets the jury exempt one (`exam_exemptions`); an error otherwise, the result left out.
    fn exam_exemption_allowed<T>(&mut self, at: &Spanned<T>, result: &ItemResult) -> bool {
        if result.outcome != Outcome::Status(Status::Exempted)
            || self.r.rules.exam_exemptions == Some(true)
        {
            return true;
        }
        self.error(
            Kind::Rule,
            at,
            format!(
                "referential `{}` does not provide for exempting a candidate from an exam, a bloc or the final interview",
                self.r.id
            ),
            Some(
                "the jury may exempt an exam only when the referential's rules say `exam_exemptions: true`; record the exam's result".into(),
            ),
        );
        false
    }

    /// An `exempted` part of the professional evaluation only on a route the referential
    /// names in `exemptible_routes`, as for the whole evaluation.
    fn part_exemption_allowed<T>(
        &mut self,
        at: &Spanned<T>,
        result: &ItemResult,
        routes: &[crate::model::Route],
    ) -> bool {
        if result.outcome != Outcome::Status(Status::Exempted)
            || self.route.is_some_and(|r| routes.contains(&r))
        {
            return true;
        }
        let names: Vec<&str> = routes.iter().map(|r| r.name()).collect();
        let message = if names.is_empty() {
            "the referential does not provide for exempting a candidate from the professional evaluation".to_owned()
        } else {
            format!(
                "the professional evaluation can be exempted for the routes {} only, not {}",
                names.join(", "),
                self.route
                    .map_or("a passport without `route`", |r| r.name())
            )
        };
        self.error(Kind::Rule, at, message, None);
        false
    }

    fn no_rule<T>(&mut self, at: &Spanned<T>, why: &str) {
        self.error(
            Kind::Rule,
            at,
            format!("this result cannot count: {why}"),
            None,
        );
    }

    pub(super) fn presented_bloc(&mut self, id: &Spanned<String>) -> Option<usize> {
        let key = id.value.trim();
        match self.r.lookup(key) {
            Some(ItemRef::Bloc(b)) if self.presented.contains(&b) => Some(b),
            Some(ItemRef::Bloc(_)) => {
                self.error(
                    Kind::OutOfScope,
                    id,
                    format!("`{key}` is outside the blocs the candidate presents"),
                    None,
                );
                None
            }
            _ => {
                let ids = self.r.blocs.iter().map(|b| b.id.as_str());
                let help = did_you_mean(key, ids).map(|s| format!("did you mean `{s}`?"));
                self.error(
                    Kind::DanglingReference,
                    id,
                    format!("`{key}` is not a bloc"),
                    help,
                );
                None
            }
        }
    }

    /// One entry of `marks:`: a bloc, an exam or a module of a bloc presented.
    fn mark_entry(
        &mut self,
        attempt: &mut Attempt,
        id: &Spanned<String>,
        value: &Spanned<RawResult>,
    ) {
        let key = id.value.trim();
        let r = self.r;
        let (bloc, item) = match r.lookup(key) {
            Some(ItemRef::Bloc(b)) => {
                let bloc = &r.blocs[b];
                let verdict =
                    bloc.validation == Some(BlocValidation::Certificate) || bloc.points.is_none();
                (
                    b,
                    (
                        ItemRef::Bloc(b),
                        Item {
                            what: format!("bloc {key}"),
                            key: key.to_owned(),
                            points: bloc.points,
                            own_scale: false,
                            verdict,
                        },
                    ),
                )
            }
            Some(ItemRef::Modality(m)) => {
                let x = &r.modalities[m];
                (
                    x.bloc,
                    (
                        ItemRef::Modality(m),
                        Item {
                            what: format!("exam {key}"),
                            key: key.to_owned(),
                            points: x.points,
                            own_scale: false,
                            verdict: x.points.is_none(),
                        },
                    ),
                )
            }
            Some(ItemRef::Module(m)) => {
                let x = &r.modules[m];
                (
                    x.bloc,
                    (
                        ItemRef::Module(m),
                        Item {
                            what: format!("module {key}"),
                            key: key.to_owned(),
                            points: None,
                            own_scale: true,
                            verdict: false,
                        },
                    ),
                )
            }
            Some(other) => {
                self.error(
                    Kind::DanglingReference,
                    id,
                    format!(
                        "marks are given to blocs, exams and modules; `{key}` is {}",
                        other.with_article()
                    ),
                    None,
                );
                return;
            }
            None => {
                let ids = r.blocs.iter().map(|b| b.id.as_str());
                let ids = ids.chain(r.modalities.iter().map(|m| m.id.as_str()));
                let ids = ids.chain(r.modules.iter().map(|m| m.id.as_str()));
                let help = did_you_mean(key, ids).map(|s| format!("did you mean `{s}`?"));
                self.error(
                    Kind::DanglingReference,
                    id,
                    format!("marks are given to blocs, exams and modules; `{key}` is none of them"),
                    help,
                );
                return;
            }
        };
        if !self.presented.contains(&bloc) {
            self.error(
                Kind::OutOfScope,
                id,
                format!("`{key}` is outside the blocs the candidate presents"),
                None,
            );
            return;
        }
        let (target, item) = item;
        let Some(result) = self.result(value, &item) else {
            return;
        };
        if !matches!(target, ItemRef::Module(_)) && !self.exam_exemption_allowed(value, &result) {
            return;
        }
        match target {
            ItemRef::Bloc(b) => attempt.blocs.insert(b, result),
            ItemRef::Modality(m) => attempt.modalities.insert(m, result),
            ItemRef::Module(m) => attempt.modules.insert(m, result),
            _ => None,
        };
    }
}
