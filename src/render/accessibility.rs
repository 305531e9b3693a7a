//! The accessibility declaration (déclaration d'accessibilité) the RGAA requires of French
//! public bodies: built from `[accessibility]` in `refolio.toml`, in the site's language,
//! following the structure of the official model. Every page's footer links to it.

use serde::Serialize;

use crate::config::{Config, Conformity};
use crate::model::fmt_number;

use super::Strings;

#[derive(Serialize)]
pub struct AccessibilityPage {
    pub status: &'static str,
    pub commitment: String,
    pub scope: String,
    pub conformity: String,
    pub audit: String,
    pub non_compliant: Vec<String>,
    pub derogations: Vec<String>,
    pub exempted: Vec<String>,
    pub established: Option<String>,
    pub contact_email: Option<String>,
    pub contact_url: Option<String>,
    pub contact_address: Option<String>,
}

/// The key of the status's label, `conformity_<status>`.
pub fn status_key(config: &Config) -> &'static str {
    match config
        .accessibility
        .as_ref()
        .map(|a| *a.get_ref().status.get_ref())
    {
        Some(Conformity::Full) => "conformity_full",
        Some(Conformity::Partial) => "conformity_partial",
        _ => "conformity_none",
    }
}

pub fn page(config: &Config, t: &Strings) -> AccessibilityPage {
    let a = config
        .accessibility
        .as_ref()
        .map(|a| a.get_ref().clone())
        .unwrap_or_default();
    let site = config.base_url.as_deref().unwrap_or(&config.title);
    let entity = a.entity.as_deref().unwrap_or(&config.title);
    let version = a.rgaa_version.as_str();
    let date = a.audit_date.map(|d| d.to_string());
    let rate = a.rate.as_ref().map(|r| fmt_number(*r.get_ref()));
    let audit = match (&date, &a.auditor, &rate) {
        (None, ..) => t.get("a11y_not_audited"),
        (Some(d), Some(by), Some(r)) => fill(
            &t.get("a11y_audit_by"),
            &[
                ("auditor", by),
                ("date", d),
                ("rate", r),
                ("version", version),
            ],
        ),
        (Some(d), None, Some(r)) => fill(
            &t.get("a11y_audit"),
            &[("date", d), ("rate", r), ("version", version)],
        ),
        (Some(d), ..) => fill(&t.get("a11y_audit_no_rate"), &[("date", d)]),
    };
    AccessibilityPage {
        status: a.status.get_ref().code(),
        commitment: fill(&t.get("a11y_commitment"), &[("entity", entity)]),
        scope: fill(&t.get("a11y_scope"), &[("site", site)]),
        conformity: fill(
            &t.get(&format!("a11y_conformity_{}", a.status.get_ref().code())),
            &[("site", site), ("version", version)],
        ),
        audit,
        established: a
            .declaration_date
            .or(a.audit_date)
            .map(|d| fill(&t.get("a11y_established_on"), &[("date", &d.to_string())])),
        non_compliant: a.non_compliant,
        derogations: a.derogations,
        exempted: a.exempted,
        contact_email: a.contact_email,
        contact_url: a.contact_url,
        contact_address: a.contact_address,
    }
}

/// `template` with its `{name}` placeholders filled in.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(template.to_owned(), |out, (name, value)| {
        out.replace(&format!("{{{name}}}"), value)
    })
}
