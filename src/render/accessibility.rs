//! The accessibility declaration (déclaration d'accessibilité) the RGAA requires of French
//! public bodies: built from `[accessibility]` in `refolio.toml`, in the site's language,
//! following the structure of the official model. Every page's footer links to it. What
//! it says of the site's technologies is what the build contains ([`Built`]): a script only
//! where one runs, the formats of the documents candidates attach.

use serde::Serialize;

use crate::config::{Config, Conformity};
use crate::model::{Site, fmt_number};

use super::Strings;

/// What the build publishes that the declaration must state.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Built {
    /// The search page runs the site's search script.
    pub search_script: bool,
    /// File extensions of the documents attached to evidence (lower case, sorted, once).
    pub attachment_formats: Vec<String>,
}

impl Built {
    pub fn of(site: &Site, search_script: bool) -> Built {
        let mut formats: Vec<String> = site
            .candidates
            .values()
            .flat_map(|c| &c.evidence)
            .flat_map(|e| &e.attachments)
            .filter_map(|a| {
                let name = a.target.rsplit('/').next()?;
                let (_, ext) = name.rsplit_once('.')?;
                Some(ext.to_lowercase())
            })
            .collect();
        formats.sort();
        formats.dedup();
        Built {
            search_script,
            attachment_formats: formats,
        }
    }
}

#[derive(Serialize)]
pub struct AccessibilityPage {
    /// The technologies the site relies on, as built.
    pub technologies: Vec<String>,
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

/// The technologies line, one sentence each: HTML and CSS, then the script where the
/// search page runs one (or that no page does), then the attached documents' formats.
pub fn technologies(t: &Strings, built: &Built) -> Vec<String> {
    let mut out = vec![t.get("a11y_technologies")];
    out.push(if built.search_script {
        t.get("a11y_script_search")
    } else {
        t.get("a11y_script_none")
    });
    if !built.attachment_formats.is_empty() {
        let formats = built
            .attachment_formats
            .iter()
            .map(|f| f.to_uppercase())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(t.fill("a11y_attachments", &[("formats", &formats)]));
    }
    out
}

pub fn page(config: &Config, t: &Strings, built: &Built) -> AccessibilityPage {
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
        technologies: technologies(t, built),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn french() -> Strings {
        Strings(super::super::default_translations().unwrap()["fr"].clone())
    }

    #[test]
    fn a_build_without_the_search_script_says_no_page_has_one() {
        let t = french();
        let without = technologies(&t, &Built::default());
        assert_eq!(
            without,
            [
                "Technologies utilisées pour la réalisation du site : HTML5, CSS.",
                "Aucune page ne contient de script."
            ]
        );
        let with = technologies(
            &t,
            &Built {
                search_script: true,
                attachment_formats: vec!["pdf".into()],
            },
        );
        assert!(with[1].starts_with("Seule la page de recherche exécute un script"));
        assert!(with[2].ends_with(" : PDF."), "{with:?}");
    }
}
