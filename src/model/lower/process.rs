//! Lowering of the certification process a referential states: per-bloc validation, status
//! consequences, the final interview, retakes, substitutions, penalties. Each name written
//! as text is checked here, with a suggestion when it is misspelt; a rule that cannot apply
//! (a bloc validated by points without points) is reported where it is written.

use super::*;
use crate::model::process::*;

/// A name among `names`, or a located error suggesting the nearest one.
pub(super) fn parse_name<T>(
    cx: &mut Lowering<'_>,
    s: &Spanned<String>,
    what: &str,
    names: &[&str],
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let at = cx.loc(s);
    parse_name_at(cx.diags, at, s, what, names, parse)
}

/// [`parse_name`] for any file: the error is reported at `at`.
pub(super) fn parse_name_at<T>(
    diags: &mut Diagnostics,
    at: Option<Location>,
    s: &Spanned<String>,
    what: &str,
    names: &[&str],
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let t = s.value.trim();
    if let Some(v) = parse(t) {
        return Some(v);
    }
    let help = match did_you_mean(t, names.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None => format!("write one of {}", names.join(", ")),
    };
    diags.push(
        Diagnostic::error(Kind::InvalidValue, at, format!("unknown {what} `{t}`"))
            .with_suggestion(Some(help)),
    );
    None
}

fn blocs_of(r: &Referential, blocs: &[usize]) -> Vec<String> {
    blocs.iter().map(|&b| r.blocs[b].id.clone()).collect()
}

/// `10/20` → (10, 20).
fn parse_average(t: &str) -> Option<(f64, f64)> {
    let (x, y) = t.split_once('/')?;
    let num = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok();
    let (x, y) = (num(x)?, num(y)?);
    (y > 0.0 && (0.0..=y).contains(&x)).then_some((x, y))
}

impl Lowering<'_> {
    pub(super) fn percentage(&mut self, p: &Spanned<u32>) {
        if p.value > 100 {
            self.error(
                Kind::InvalidValue,
                p,
                format!("{} is not a percentage (0 to 100)", p.value),
            );
        }
    }

    /// A threshold written strictly (`competence_threshold`) or inclusively
    /// (`competence_at_least`); both is an error.
    fn share(
        &mut self,
        strict: &Option<Spanned<u32>>,
        at_least: &Option<Spanned<u32>>,
    ) -> Option<Share> {
        match (strict, at_least) {
            (Some(_), Some(a)) => {
                self.error(Kind::InvalidValue, a, "give `competence_threshold` (strictly more than) or `competence_at_least`, not both");
                None
            }
            (Some(t), None) => {
                self.percentage(t);
                Some(Share::more_than(t.value))
            }
            (None, Some(a)) => {
                self.percentage(a);
                Some(Share::at_least(a.value))
            }
            (None, None) => None,
        }
    }

    /// A bloc's own rules: how it is validated, its threshold, whether the title needs it.
    pub(super) fn bloc_rules(&mut self, raw: &RawBloc, bloc: &mut Bloc) {
        if let Some(v) = &raw.validation {
            bloc.validation = parse_name(
                self,
                v,
                "bloc validation",
                &BlocValidation::NAMES,
                BlocValidation::parse,
            );
            if bloc.validation == Some(BlocValidation::Points) && raw.points.is_none() {
                self.error(
                    Kind::Rule,
                    v,
                    format!(
                        "bloc {} is validated by points but has no `points`",
                        bloc.id
                    ),
                );
            }
        }
        bloc.competence_threshold = self.share(&raw.competence_threshold, &raw.competence_at_least);
        if let Some(share) = &raw.competences_share {
            self.percentage(share);
            bloc.competences_share = Some(share.value);
        }
        bloc.optional = raw.required.as_ref().is_some_and(|r| !r.value);
    }

    /// The process rules; after the blocs, since substitutions name them.
    pub(super) fn process_rules(&mut self, raw: &RawRules) {
        if let Some(avg) = &raw.pass_average {
            match parse_average(&avg.value) {
                Some(a) => self.r.rules.pass_average = Some(a),
                None => self.error(
                    Kind::InvalidValue,
                    avg,
                    format!(
                        "`{}` is not an average: write it as `10/20`",
                        avg.value.trim()
                    ),
                ),
            }
        }
        if let Some(full) = &raw.full_certification {
            match full.value.trim() {
                "all-blocs" => self.r.rules.all_blocs_stated = true,
                other => {
                    let other = other.to_owned();
                    self.error(
                        Kind::InvalidValue,
                        full,
                        format!("unknown full certification rule `{other}`: write `all-blocs` (with a points grid, the grid decides)"),
                    )
                }
            }
        }
        if let Some(p) = &raw.professional_evaluation {
            let routes: Vec<Route> = p
                .exemptible_routes
                .iter()
                .filter_map(|r| parse_name(self, r, "route", &Route::NAMES, Route::parse))
                .collect();
            if let Some(pro) = self.r.rules.professional_evaluation.as_mut() {
                pro.exemptible_routes = routes;
            }
        }
        if let Some(f) = &raw.final_interview {
            if let (Some(min), None) = (&f.minimum, &f.points) {
                self.error(
                    Kind::Rule,
                    min,
                    "a minimum needs the interview's `points`: its scale",
                );
            }
            if let (Some(min), Some(points)) = (&f.minimum, &f.points)
                && !(0.0..=f64::from(points.value)).contains(&min.value)
            {
                self.error(
                    Kind::InvalidValue,
                    min,
                    format!("minimum {} is outside 0–{}", min.value, points.value),
                );
            }
            self.r.rules.final_interview = Some(FinalInterview {
                title: self.text(&f.title, "the final interview's title"),
                required: f.required.value,
                points: f.points.as_ref().map(|p| p.value),
                minimum: f.minimum.as_ref().map(|m| m.value),
            });
        }
        if let Some(statuses) = &raw.statuses {
            for (scope, map) in [
                (Scope::Exams, &statuses.exams),
                (Scope::Professional, &statuses.professional),
                (Scope::Modules, &statuses.modules),
            ] {
                for (name, value) in &map.0 {
                    self.status_rule(scope, name, value);
                }
            }
        }
        if raw.competence_threshold.is_some()
            && raw.competence_at_least.is_some()
            && let Some(at) = &raw.competence_at_least
        {
            self.error(Kind::InvalidValue, at, "give `competence_threshold` (strictly more than) or `competence_at_least`, not both");
        }
        if let Some(at_least) = &raw.competence_at_least {
            self.percentage(at_least);
            self.r.rules.competence_at_least = Some(at_least.value);
        }
        if let Some(r) = &raw.retakes {
            let keep_best = match &r.keep {
                None => false,
                Some(k) => parse_name(self, k, "mark to keep", &["best", "latest"], |t| match t {
                    "best" => Some(true),
                    "latest" => Some(false),
                    _ => None,
                })
                .unwrap_or(false),
            };
            let cap = r.cap.as_ref().and_then(|c| {
                let parsed = parse_average(&c.value);
                if parsed.is_none() {
                    self.error(
                        Kind::InvalidValue,
                        c,
                        format!("`{}` is not a cap: write it as `10/20`", c.value.trim()),
                    );
                }
                parsed
            });
            let blocs_only = r.blocs_only.as_ref().is_some_and(|b| b.value);
            let (professional_again, professional_again_ids) =
                self.professional_again(&r.professional_again, blocs_only);
            let repeats_counted = r.repeats.as_ref().and_then(|k| {
                parse_name(
                    self,
                    k,
                    "way of counting repeats",
                    &["counted", "apart"],
                    |t| match t {
                        "counted" => Some(true),
                        "apart" => Some(false),
                        _ => None,
                    },
                )
            });
            self.r.rules.retakes = Some(Retakes {
                per_bloc: r.per_bloc.as_ref().map(|p| p.value),
                keep_best,
                keep_stated: r.keep.is_some(),
                cap,
                blocs_only,
                professional_again,
                professional_again_ids,
                repeats_counted,
                repeat_all_exams: r.repeat_all_exams.as_ref().is_some_and(|b| b.value),
            });
        }
        if let Some(t) = &raw.company_time {
            self.r.rules.company_time = self.company_time(t);
        }
        for p in &raw.penalties {
            if !(1..=100).contains(&p.value) {
                self.error(
                    Kind::InvalidValue,
                    p,
                    format!("a penalty of {} % is not a percentage (1 to 100)", p.value),
                );
            }
            self.r.rules.penalties.push(p.value);
        }
        for id in &raw.penalties_on {
            let key = id.value.trim();
            let part = self
                .r
                .rules
                .professional_evaluation
                .as_ref()
                .is_some_and(|p| {
                    key == "professional_evaluation" || p.parts.iter().any(|x| x.id == key)
                });
            let item = matches!(
                self.r.lookup(key),
                Some(ItemRef::Bloc(_) | ItemRef::Modality(_))
            );
            if !part && !item {
                self.error(
                    Kind::DanglingReference,
                    id,
                    format!(
                        "`{key}` is no bloc, exam or part of the professional evaluation a penalty could apply to"
                    ),
                );
                continue;
            }
            self.r.rules.penalties_on.push(key.to_owned());
        }
        for s in &raw.substitutions {
            let routes = s
                .routes
                .iter()
                .filter_map(|r| parse_name(self, r, "route", &Route::NAMES, Route::parse))
                .collect();
            let blocs: Vec<usize> = s
                .blocs
                .iter()
                .filter_map(|b| match self.r.lookup(b.value.trim()) {
                    Some(ItemRef::Bloc(i)) => Some(i),
                    _ => {
                        let ids: Vec<&str> = self.r.blocs.iter().map(|b| b.id.as_str()).collect();
                        let help = did_you_mean(b.value.trim(), ids.iter().copied())
                            .map(|id| format!("did you mean `{id}`?"));
                        let at = self.loc(b);
                        let message = format!("`{}` is not a bloc", b.value.trim());
                        self.diags.push(
                            Diagnostic::error(Kind::DanglingReference, at, message)
                                .with_suggestion(help),
                        );
                        None
                    }
                })
                .collect();
            let title = self.text(&s.title, "the substitution's title");
            let bloc_ids = blocs_of(&self.r, &blocs);
            self.r.rules.substitutions.push(Substitution {
                title,
                bloc_ids,
                routes,
                single_bloc: s.single_bloc.as_ref().is_some_and(|b| b.value),
                blocs,
                keeps_criteria: s.keeps_criteria.as_ref().is_some_and(|b| b.value),
            });
        }
        if let Some(jury) = &raw.jury {
            self.r.rules.jury = self.jury_rules(jury);
        }
        if let Some(from) = raw
            .defaults
            .as_ref()
            .and_then(|d| d.competence_threshold.as_ref())
        {
            self.default_threshold(&from.from);
        }
    }

    /// `defaults: competence_threshold: { from: B2 }`: the threshold the text states under
    /// one bloc (000: "Condition de validation du Bloc 2 : … Une compétence est validée si
    /// plus de 50% de ses critères d'évaluation le sont."), extended to the blocs stating
    /// none as refolio's default. It must name a bloc that states one, and cannot sit beside
    /// a referential-wide threshold, under which it would never apply.
    fn default_threshold(&mut self, from: &Spanned<String>) {
        let id = from.value.trim();
        let Some(ItemRef::Bloc(b)) = self.r.lookup(id) else {
            let ids: Vec<&str> = self.r.blocs.iter().map(|b| b.id.as_str()).collect();
            let help =
                did_you_mean(id, ids.iter().copied()).map(|id| format!("did you mean `{id}`?"));
            let at = self.loc(from);
            self.diags.push(
                Diagnostic::error(Kind::DanglingReference, at, format!("`{id}` is not a bloc"))
                    .with_suggestion(help),
            );
            return;
        };
        let Some(share) = self.r.blocs[b].competence_threshold else {
            self.error(
                Kind::Rule,
                from,
                format!("bloc {id} states no `competence_threshold` (or `competence_at_least`) to extend to the other blocs"),
            );
            return;
        };
        if self.r.rules.competence_share().is_some() {
            self.error(
                Kind::Rule,
                from,
                "the referential's `competence_threshold` already applies to every bloc stating none: a default extended from a bloc would never apply",
            );
            return;
        }
        self.r.rules.default_threshold = Some(DefaultThreshold {
            from: id.to_owned(),
            share,
        });
    }

    /// The minimum period in company: hours that are hours, a cap on what it caps, a
    /// reduction below the minimum it reduces.
    fn company_time(&mut self, t: &Spanned<RawCompanyTime>) -> Option<CompanyTime> {
        let raw = &t.value;
        if raw.hours.is_none() && raw.per_bloc.is_none() {
            self.error(
                Kind::Rule,
                t,
                "a minimum period in company needs `hours` (a candidate presenting every bloc) or `per_bloc` (one presenting some blocs)",
            );
            return None;
        }
        let mut ok = true;
        for h in [&raw.hours, &raw.per_bloc, &raw.max].into_iter().flatten() {
            if !h.value.is_finite() || h.value <= 0.0 {
                self.error(
                    Kind::InvalidValue,
                    h,
                    format!("{} is not a number of hours", h.value),
                );
                ok = false;
            }
        }
        if let (Some(max), None) = (&raw.max, &raw.per_bloc) {
            self.error(Kind::Rule, max, "`max` caps `per_bloc`, which is not given");
            ok = false;
        }
        let routes = |cx: &mut Self, list: &[Spanned<String>]| -> Vec<Route> {
            list.iter()
                .filter_map(|r| parse_name(cx, r, "route", &Route::NAMES, Route::parse))
                .collect()
        };
        let stated = routes(self, &raw.routes);
        let (reducible_routes, reducible_to) = match &raw.reducible {
            None => (Vec::new(), None),
            Some(red) => {
                let highest = raw
                    .hours
                    .iter()
                    .chain(&raw.max)
                    .map(|h| h.value)
                    .fold(0.0, f64::max);
                if red.down_to.value <= 0.0 || (highest > 0.0 && red.down_to.value > highest) {
                    self.error(
                        Kind::InvalidValue,
                        &red.down_to,
                        format!(
                            "a reduction down to {} h reduces nothing: give fewer hours than the minimum",
                            fmt_number(red.down_to.value)
                        ),
                    );
                    ok = false;
                }
                (routes(self, &red.routes), Some(red.down_to.value))
            }
        };
        ok.then(|| CompanyTime {
            full: raw.hours.as_ref().map(|h| h.value),
            per_bloc: raw.per_bloc.as_ref().map(|h| h.value),
            max: raw.max.as_ref().map(|h| h.value),
            routes: stated,
            reducible_routes,
            reducible_to,
        })
    }

    /// The parts of the professional evaluation a retake of blocs only may give again:
    /// parts that exist, named where `blocs_only` makes it mean something.
    fn professional_again(
        &mut self,
        ids: &[Spanned<String>],
        blocs_only: bool,
    ) -> (Vec<usize>, Vec<String>) {
        let mut found = (Vec::new(), Vec::new());
        let Some(first) = ids.first() else {
            return found;
        };
        if !blocs_only {
            self.error(
                Kind::Rule,
                first,
                "`professional_again` says what a retake of blocs only may give again: it needs `blocs_only: true`",
            );
            return found;
        }
        let parts: Vec<String> = self
            .r
            .rules
            .professional_evaluation
            .iter()
            .flat_map(|p| p.parts.iter().map(|part| part.id.clone()))
            .collect();
        for id in ids {
            let t = id.value.trim();
            match parts.iter().position(|p| p == t) {
                Some(k) => {
                    found.0.push(k);
                    found.1.push(t.to_owned());
                }
                None => {
                    let help = did_you_mean(t, parts.iter().map(String::as_str))
                        .map(|p| format!("did you mean `{p}`?"))
                        .or_else(|| {
                            parts
                                .is_empty()
                                .then(|| "the professional evaluation names no `parts`".to_owned())
                        });
                    let at = self.loc(id);
                    self.diags.push(
                        Diagnostic::error(
                            Kind::DanglingReference,
                            at,
                            format!("`{t}` is not a part of the professional evaluation"),
                        )
                        .with_suggestion(help),
                    );
                }
            }
        }
        found
    }

    fn status_rule(
        &mut self,
        scope: Scope,
        name: &Spanned<String>,
        value: &Spanned<RawStatusRule>,
    ) {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
        let Some(status) = parse_name(self, name, "status", &names, Status::parse) else {
            return;
        };
        if status == Status::Exempted {
            self.error(
                Kind::Rule,
                name,
                "an exempted item does not count: its consequence is not declared",
            );
            return;
        }
        let (consequence, retake, counted, wait_months) = match &value.value {
            RawStatusRule::Consequence(c) => (c.as_str(), None, None, None),
            RawStatusRule::Full {
                consequence,
                retake,
                counted,
                wait_months,
            } => (consequence.as_str(), *retake, *counted, *wait_months),
        };
        // The location is the mapping's: an untagged enum's fields carry none.
        if counted.is_some() && retake != Some(true) {
            self.error(
                Kind::Rule,
                value,
                "`counted` says whether the retake offered after this status counts against `per_bloc`: it needs `retake: true`",
            );
        }
        if wait_months.is_some() && retake != Some(true) {
            self.error(
                Kind::Rule,
                value,
                "`wait_months` is the wait before the retake offered after this status: it needs `retake: true`",
            );
        }
        let written = Spanned::new(consequence.to_owned(), value.referenced, value.defined);
        let Some(consequence) = parse_name(
            self,
            &written,
            "consequence",
            &Consequence::NAMES,
            Consequence::parse,
        ) else {
            return;
        };
        self.r.rules.statuses.push(StatusRule {
            scope,
            status,
            consequence,
            retake,
            counted,
            wait_months,
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn averages() {
        assert_eq!(super::parse_average("10/20"), Some((10.0, 20.0)));
        assert_eq!(super::parse_average("10,5 / 20"), Some((10.5, 20.0)));
        assert_eq!(super::parse_average("30/20"), None);
        assert_eq!(super::parse_average("10"), None);
    }
}
