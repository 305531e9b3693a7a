//! One result as written (`62`, `12/20`, `absent`, `validated`, or the long form with a
//! reason, a penalty, a date, a jury) made into an [`Outcome`] on the item's scale, and the
//! jury's recorded decision and the time spent in company; what the referential does not
//! provide for is a located error.

use serde_saphyr::Spanned;

use super::candidate::CandidateLowering;
use super::is_iso_date;
use super::marks::{fmt_number, fraction_problem, parse_fraction};
use super::results::{Item, VERDICTS};
use crate::diagnostics::{Kind, did_you_mean};
use crate::load::raw_candidate::{RawCompanyTimeRecord, RawJury, RawResult, RawScore};
use crate::model::Status;
use crate::model::candidate::*;

impl CandidateLowering<'_> {
    /// A result: a mark, a status or a verdict, and what is written beside it.
    pub(super) fn result(&mut self, value: &Spanned<RawResult>, item: &Item) -> Option<ItemResult> {
        let at = self.location(value);
        let (score, reason, penalty, date, jury) = match &value.value {
            RawResult::Number(n) => (RawScore::Number(*n), None, None, None, Vec::new()),
            RawResult::Text(t) => (RawScore::Text(t.clone()), None, None, None, Vec::new()),
            RawResult::Detailed(d) => (
                d.result.clone(),
                d.reason
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned),
                d.penalty,
                d.date.clone(),
                d.jury.clone(),
            ),
        };
        let outcome = self.outcome(value, &score, item)?;
        if outcome == Outcome::Status(Status::Exempted) && reason.is_none() {
            self.error(
                Kind::Rule,
                value,
                format!("the exemption of {} needs the jury's reason", item.what),
                Some("write it as `{ result: exempted, reason: \"…\" }`".into()),
            );
            return None;
        }
        if let Some(d) = &date
            && !is_iso_date(d.trim())
        {
            self.error(
                Kind::InvalidValue,
                value,
                format!("`{d}` is not a date"),
                Some("write dates as YYYY-MM-DD, e.g. 2026-06-18".into()),
            );
        }
        let outcome = match (outcome, penalty) {
            (o, None) => o,
            (
                Outcome::Mark {
                    value: v, out_of, ..
                },
                Some(p),
            ) => {
                let on = &self.r.rules.penalties_on;
                if !on.is_empty() && !on.contains(&item.key) {
                    self.error(
                        Kind::Rule,
                        value,
                        format!(
                            "the referential's penalties apply to {}, not to {}",
                            on.join(", "),
                            item.what
                        ),
                        Some(
                            "remove the penalty, or give it where the referential provides for it"
                                .into(),
                        ),
                    );
                    return None;
                }
                if !self.r.rules.penalties.contains(&p) {
                    let listed: Vec<String> = self
                        .r
                        .rules
                        .penalties
                        .iter()
                        .map(|p| format!("{p} %"))
                        .collect();
                    let help = if listed.is_empty() {
                        "the referential provides for no penalty".to_owned()
                    } else {
                        format!("the referential provides for {}", listed.join(", "))
                    };
                    self.error(
                        Kind::Rule,
                        value,
                        format!("a penalty of {p} % is not one the referential provides for"),
                        Some(help),
                    );
                    return None;
                }
                Outcome::Mark {
                    value: v,
                    out_of,
                    penalty: Some(p),
                }
            }
            (_, Some(_)) => {
                self.error(
                    Kind::Rule,
                    value,
                    format!("a penalty applies to a mark, and {} has none", item.what),
                    None,
                );
                return None;
            }
        };
        Some(ItemResult {
            outcome,
            reason,
            date: date.map(|d| d.trim().to_owned()),
            jury,
            at,
        })
    }

    fn outcome<T>(&mut self, at: &Spanned<T>, score: &RawScore, item: &Item) -> Option<Outcome> {
        let what = &item.what;
        let text = match score {
            RawScore::Number(n) => {
                let Some(points) = item.points else {
                    let help = if item.own_scale {
                        "write the mark on its scale, such as `8/10`, `14/20` or `21/30`"
                    } else {
                        "record `validated` or `not-validated`, or a status such as `absent`"
                    };
                    self.error(
                        Kind::Rule,
                        at,
                        format!(
                            "{what} has no points in the referential, so `{}` cannot be a mark",
                            fmt_number(*n)
                        ),
                        Some(help.into()),
                    );
                    return None;
                };
                return self.in_range(at, *n, points, what);
            }
            RawScore::Text(t) => t.trim(),
        };
        if let Some(status) = Status::parse(text) {
            return Some(Outcome::Status(status));
        }
        if let Some(i) = VERDICTS.iter().position(|v| *v == text) {
            if !item.verdict {
                self.error(
                    Kind::Rule,
                    at,
                    format!("{what} is decided by its mark, not recorded as `{text}`"),
                    Some("write its mark, or a status such as `absent`".into()),
                );
                return None;
            }
            return Some(Outcome::Verdict(i == 0));
        }
        if let Some((x, y)) = parse_fraction(text) {
            if item.own_scale {
                return Some(Outcome::Mark {
                    value: x,
                    out_of: y,
                    penalty: None,
                });
            }
            let Some(points) = item.points else {
                self.error(
                    Kind::Rule,
                    at,
                    format!(
                        "{what} has no points in the referential, so `{text}` cannot be a mark"
                    ),
                    Some(
                        "record `validated` or `not-validated`, or a status such as `absent`"
                            .into(),
                    ),
                );
                return None;
            };
            return self.in_range(at, x / y * f64::from(points), points, what);
        }
        let scale = item
            .points
            .map(|p| format!("write points (out of {p}) or a fraction such as `12/20`"));
        if let Some(problem) = fraction_problem(text) {
            self.error(Kind::InvalidValue, at, problem, scale);
            return None;
        }
        let mut words: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
        if item.verdict {
            words.extend(VERDICTS);
        }
        let help = match did_you_mean(text, words.iter().copied()) {
            Some(w) => format!("did you mean `{w}`?"),
            None => match &scale {
                Some(scale) => format!("{scale}, or a status: {}", words.join(", ")),
                None => format!("write a mark or one of {}", words.join(", ")),
            },
        };
        let message = if item.points.is_some() || item.own_scale {
            format!("`{text}` is not a mark")
        } else {
            format!("`{text}` is not a result of {what}")
        };
        self.error(Kind::InvalidValue, at, message, Some(help));
        None
    }

    fn in_range<T>(&mut self, at: &Spanned<T>, m: f64, points: u32, what: &str) -> Option<Outcome> {
        if (0.0..=f64::from(points)).contains(&m) {
            return Some(Outcome::Mark {
                value: m,
                out_of: f64::from(points),
                penalty: None,
            });
        }
        self.error(
            Kind::InvalidValue,
            at,
            format!(
                "mark {} is outside 0–{points}, the points of {what}",
                fmt_number(m)
            ),
            None,
        );
        None
    }

    /// The jury's recorded decision.
    pub(super) fn jury(&mut self, raw: &RawJury) -> Option<JuryDecision> {
        let word = raw.decision.value.trim();
        let Some(verdict) = JuryVerdict::parse(word) else {
            let help = did_you_mean(word, JuryVerdict::NAMES).map_or_else(
                || format!("write one of {}", JuryVerdict::NAMES.join(", ")),
                |w| format!("did you mean `{w}`?"),
            );
            self.error(
                Kind::InvalidValue,
                &raw.decision,
                format!("unknown jury decision `{word}`"),
                Some(help),
            );
            return None;
        };
        let mut blocs: Vec<usize> = Vec::new();
        for id in &raw.blocs {
            if let Some(b) = self.presented_bloc(id) {
                blocs.push(b);
            }
        }
        blocs.sort_unstable();
        blocs.dedup();
        if verdict == JuryVerdict::Partial && raw.blocs.is_empty() {
            self.error(
                Kind::InvalidValue,
                &raw.decision,
                "a partial certification names the blocs awarded".into(),
                Some("add `blocs: [B1, …]`".into()),
            );
        }
        if matches!(verdict, JuryVerdict::NotAwarded | JuryVerdict::Deferred)
            && let Some(first) = raw.blocs.first()
        {
            self.error(
                Kind::InvalidValue,
                first,
                format!("a decision `{word}` awards no bloc"),
                Some("use `partial` to award blocs".into()),
            );
        }
        Some(JuryDecision {
            verdict,
            date: raw.date.as_ref().map(|d| self.date(d)),
            blocs,
            motive: raw
                .motive
                .as_ref()
                .map(|m| self.text(m, "the jury's motive")),
            at: self.location(&raw.decision),
        })
    }

    /// The time spent in company; a reduced minimum only where the referential provides
    /// for one, for the candidate's route, and not below its floor.
    pub(super) fn company_time(&mut self, raw: &RawCompanyTimeRecord) -> Option<CompanyTimeRecord> {
        let hours = raw.hours.value;
        if !hours.is_finite() || hours < 0.0 {
            self.error(
                Kind::InvalidValue,
                &raw.hours,
                format!("{hours} is not a number of hours"),
                None,
            );
            return None;
        }
        let reduced_to = match &raw.reduced_to {
            None => None,
            Some(red) => {
                let rule = self.r.rules.company_time.as_ref();
                let problem = match rule {
                    None => Some((
                        format!(
                            "referential `{}` sets no minimum period in company to reduce",
                            self.r.id
                        ),
                        "remove `reduced_to`".to_owned(),
                    )),
                    Some(t) if t.reducible_to.is_none() => Some((
                        format!(
                            "referential `{}` provides for no reduction of the period in company",
                            self.r.id
                        ),
                        "remove `reduced_to`".to_owned(),
                    )),
                    Some(t)
                        if !t.reducible_routes.is_empty()
                            && !self.route.is_some_and(|r| t.reducible_routes.contains(&r)) =>
                    {
                        let routes: Vec<&str> =
                            t.reducible_routes.iter().map(|r| r.name()).collect();
                        Some((
                            format!(
                                "the period in company may be reduced on the route{} {} only, and this candidate's route is {}",
                                if routes.len() > 1 { "s" } else { "" },
                                routes.join(", "),
                                self.route.map_or("not given", |r| r.name())
                            ),
                            "give the candidate's `route`, or remove `reduced_to`".to_owned(),
                        ))
                    }
                    Some(t) => t
                        .reducible_to
                        .filter(|&floor| red.value < floor)
                        .map(|floor| {
                            (
                                format!(
                                    "the period in company may be reduced down to {} h, not {} h",
                                    fmt_number(floor),
                                    fmt_number(red.value)
                                ),
                                format!("write `reduced_to: {}` or more", fmt_number(floor)),
                            )
                        }),
                };
                match problem {
                    Some((message, help)) => {
                        self.error(Kind::InvalidValue, red, message, Some(help));
                        None
                    }
                    None => Some(red.value),
                }
            }
        };
        Some(CompanyTimeRecord { hours, reduced_to })
    }
}
