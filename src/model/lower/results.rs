//! Lowering a candidate's results: each session (`results:` for one, `attempts:` for a
//! history) with its marks, statuses, verdicts, penalties, professional evaluation, final
//! interview and substitutes (each value made in [`super::outcome`]). Everything the referential's
//! rules do not provide for is a located error here: a mark for an item without points, a
//! penalty it does not list, an exemption of the professional evaluation (or a part) on a
//! route it does not name, an exempted exam, bloc or final interview without
//! `exam_exemptions`, a substitute no substitution allows.

use serde_saphyr::Spanned;

use super::candidate::CandidateLowering;
use crate::diagnostics::{Kind, Location, did_you_mean};
use crate::load::position;
use crate::load::raw_candidate::{RawPassport, RawResult, RawResults};
use crate::model::candidate::*;
use crate::model::{BlocValidation, ItemRef, Status};

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
            self.given_otherwise_before(&attempts, &attempt);
            self.repeat_without_every_module(&attempt);
            self.after_void(&attempts, &attempt);
            attempts.push(attempt);
        }
        attempts
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
        self.bloc_recorded_against_competences(raw, &attempt);
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
            // Only the number of blocs presented keeps it from applying (001's dossier
            // professionnel, "Lorsqu'un candidat se présente uniquement sur un bloc"): say so.
            let single = self
                .r
                .rules
                .substitutions
                .iter()
                .find(|s| s.single_bloc && presented > 1 && s.applies(self.route, 1, b));
            if let (false, Some(s)) = (allowed, single) {
                let help = if s.keeps_criteria {
                    "remove this line and record the bloc's criteria under `criteria:` (they are the same)"
                } else {
                    "remove this line and record the results of the bloc's exams under `marks:`"
                };
                self.error(
                    Kind::Rule,
                    id,
                    format!(
                        "the « {} » replaces the exams of {key} only for a candidate presenting a single bloc; this candidate presents {presented}",
                        s.title
                    ),
                    Some(help.into()),
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
