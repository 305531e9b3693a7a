//! The certification process of a referential as its page states it: one line per rule the
//! certifier wrote beyond the points grid (average, final interview, status consequences,
//! retakes, penalties, substitutions, exemptible routes), and each bloc's own rule.

use serde::Serialize;

use super::Strings;
use crate::model::{Bloc, BlocValidation, Referential, Scope, fmt_number};
use crate::validate::bloc::consequence_key;

/// A rule as a term and its statement.
#[derive(Serialize)]
pub struct RuleLine {
    pub term: String,
    pub text: String,
}

fn line(term: String, text: String) -> RuleLine {
    RuleLine { term, text }
}

fn scope_key(s: Scope) -> &'static str {
    match s {
        Scope::Exams => "scope_exams",
        Scope::Professional => "scope_professional",
        Scope::Modules => "scope_modules",
    }
}

/// The process rules of `r`, in the order the documents give them.
pub fn process_lines(r: &Referential, t: &Strings) -> Vec<RuleLine> {
    let rules = &r.rules;
    let mut lines = Vec::new();
    if let Some(d) = &rules.default_threshold {
        let kind = if d.share.at_least {
            "threshold_at_least"
        } else {
            "threshold_more_than"
        };
        lines.push(line(
            t.get("rule_default_threshold"),
            format!(
                "{} {} ({} {} %)",
                t.text("rule_default_threshold_from"),
                d.from,
                t.text(kind),
                d.share.percent
            ),
        ));
    }
    if let Some(at_least) = rules.competence_at_least {
        lines.push(line(
            t.get("rule_competence_at_least"),
            format!("{at_least} %"),
        ));
    }
    if let Some((avg, out_of)) = rules.pass_average {
        lines.push(line(
            t.get("rule_pass_average"),
            format!("{}/{}", fmt_number(avg), fmt_number(out_of)),
        ));
    }
    if rules.all_blocs_stated {
        lines.push(line(
            t.get("rule_full_certification"),
            t.get("rule_all_blocs"),
        ));
    }
    if let Some(p) = &rules.professional_evaluation
        && !p.exemptible_routes.is_empty()
    {
        let routes: Vec<String> = p
            .exemptible_routes
            .iter()
            .map(|r| t.get(r.label_key()))
            .collect();
        lines.push(line(
            t.get("rule_professional_exemptible"),
            routes.join(", "),
        ));
    }
    if let Some(f) = &rules.final_interview {
        let mut text = f.title.clone();
        text.push_str(" — ");
        text.push_str(t.text(if f.required {
            "rule_required"
        } else {
            "rule_not_required"
        }));
        if let Some(points) = f.points {
            text.push_str(&format!(" ({} {points}", t.text("rule_out_of")));
            if let Some(min) = f.minimum {
                text.push_str(&format!(", {} {}", t.text("minimum"), fmt_number(min)));
            }
            text.push(')');
        }
        lines.push(line(t.get("final_interview"), text));
    }
    for s in &rules.statuses {
        let mut text = t.get(consequence_key(s.consequence, s.scope));
        if let Some(retake) = s.retake {
            text.push_str(" ; ");
            text.push_str(t.text(if retake {
                "rule_retake_offered"
            } else {
                "rule_no_retake"
            }));
        }
        if let Some(counted) = s.counted {
            text.push_str(" ; ");
            text.push_str(t.text(if counted {
                "rule_makeup_counted"
            } else {
                "rule_makeup_apart"
            }));
        }
        lines.push(line(
            format!(
                "{} — {}",
                t.text(s.status.label_key()),
                t.text(scope_key(s.scope))
            ),
            text,
        ));
    }
    if let Some(x) = &rules.retakes {
        let mut said: Vec<String> = Vec::new();
        if let Some(n) = x.per_bloc {
            said.push(format!("{n} {}", t.text("rule_per_bloc")));
        }
        if x.keep_best {
            said.push(t.get("rule_keep_best"));
        }
        if let Some((v, of)) = x.cap {
            said.push(format!("{} {v}/{of}", t.text("rule_cap")));
        }
        if x.blocs_only {
            said.push(t.get("rule_blocs_only"));
        }
        match x.repeats_counted {
            Some(true) => said.push(t.get("rule_repeats_counted")),
            Some(false) => said.push(t.get("rule_repeats_apart")),
            None => {}
        }
        if !x.professional_again.is_empty() {
            let parts: Vec<&str> = x
                .professional_again
                .iter()
                .filter_map(|&k| {
                    let p = rules.professional_evaluation.as_ref()?.parts.get(k)?;
                    Some(p.title.as_str())
                })
                .collect();
            said.push(t.fill("rule_professional_again", &[("parts", &parts.join(", "))]));
        }
        if !said.is_empty() {
            lines.push(line(t.get("rule_retakes"), said.join(" ; ")));
        }
    }
    if let Some(c) = &rules.company_time {
        let mut said = Vec::new();
        if let Some(h) = c.full {
            said.push(t.fill("rule_company_full", &[("hours", &fmt_number(h))]));
        }
        if let Some(h) = c.per_bloc {
            said.push(t.fill("rule_company_per_bloc", &[("hours", &fmt_number(h))]));
        }
        if let Some(h) = c.max {
            said.push(t.fill("rule_company_max", &[("hours", &fmt_number(h))]));
        }
        if !c.routes.is_empty() {
            let routes: Vec<String> = c.routes.iter().map(|r| t.get(r.label_key())).collect();
            said.push(t.fill("rule_company_routes", &[("routes", &routes.join(", "))]));
        }
        if let Some(h) = c.reducible_to {
            let routes: Vec<String> = c
                .reducible_routes
                .iter()
                .map(|r| t.get(r.label_key()))
                .collect();
            said.push(t.fill(
                "rule_company_reducible",
                &[("hours", &fmt_number(h)), ("routes", &routes.join(", "))],
            ));
        }
        lines.push(line(t.get("rule_company_time"), said.join(" ; ")));
    }
    if !rules.penalties.is_empty() {
        let p: Vec<String> = rules.penalties.iter().map(|p| format!("{p} %")).collect();
        lines.push(line(t.get("rule_penalties"), p.join(", ")));
    }
    for s in &rules.substitutions {
        let mut who: Vec<String> = s.routes.iter().map(|r| t.get(r.label_key())).collect();
        if s.single_bloc {
            who.push(t.get("rule_single_bloc"));
        }
        let mut text = s.title.clone();
        if !who.is_empty() {
            text.push_str(&format!(" — {}", who.join(", ")));
        }
        if !s.bloc_ids.is_empty() {
            text.push_str(&format!(" — {}", s.bloc_ids.join(", ")));
        }
        if s.keeps_criteria {
            text.push_str(&format!(" — {}", t.text("rule_keeps_criteria")));
        }
        lines.push(line(t.get("rule_substitution"), text));
    }
    lines
}

/// A bloc's own rule, as its facts line states it; `None` when it states none.
pub fn bloc_rule(bloc: &Bloc, t: &Strings) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(v) = bloc.validation {
        parts.push(t.get(match v {
            BlocValidation::Competences => "validation_competences",
            BlocValidation::Points => "validation_points",
            BlocValidation::Certificate => "validation_certificate",
        }));
    }
    if let Some(th) = bloc.competence_threshold {
        let key = if th.at_least {
            "rule_competence_at_least"
        } else {
            "rule_competence_threshold"
        };
        parts.push(format!("{} {} %", t.text(key), th.percent));
    }
    if let Some(share) = bloc.competences_share {
        parts.push(format!("{} {share} %", t.text("rule_competences_share")));
    }
    if bloc.optional {
        parts.push(t.get("optional_bloc"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}
