//! The Open Badges 3.0 export of a referential: one `Achievement` per bloc
//! (`<id>/badges/<bloc anchor>.json`) and one for the whole certification
//! (`<id>/badges/certification.json`), as JSON-LD, so that a certifier can issue badges
//! from the published referential. Their criteria narrate the competences and criteria;
//! their alignments point at the CASE items of `case.json`.
//!
//! An alignment's `targetUrl` must be a URL: without a site `base_url` the CASE items have
//! only `urn:uuid:` URNs, so the achievements then carry no CASE alignment.

use std::borrow::Cow;

use serde::Serialize;

use super::{Naming, to_json};
use crate::config::Config;
use crate::model::{Bloc, Referential, anchor};

/// The JSON-LD contexts every achievement names: Verifiable Credentials 2.0, then Open
/// Badges 3.0.
pub const CONTEXT: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// A bloc is a subset of the certification's competences, assessed and certified on its
/// own: Open Badges' `MicroCredential` ("a subset of field-specific knowledge, skills, or
/// competencies … with relationships to other micro-credentials and field credentials").
/// `Competency` names a single ability.
pub const BLOC_TYPE: &str = "MicroCredential";
pub const CERTIFICATION_TYPE: &str = "Certification";

/// The certification's badge file, in the referential's folder.
pub const CERTIFICATION_FILE: &str = "badges/certification.json";

/// The badge file of a bloc, in the referential's folder: its anchor, unless that is the
/// certification's file name.
pub fn bloc_file(bloc: &Bloc) -> String {
    match anchor(&bloc.id) {
        a if a == "certification" => format!("badges/bloc-{a}.json"),
        a => format!("badges/{a}.json"),
    }
}

/// An achievement, as its own file (with `@context`) or embedded in a credential.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Achievement<'a> {
    /// Absent when embedded: the credential's contexts hold.
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<[&'static str; 2]>,
    id: String,
    #[serde(rename = "type")]
    kind: [&'static str; 1],
    achievement_type: &'static str,
    name: &'a str,
    description: Cow<'a, str>,
    criteria: Criteria,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alignment: Vec<Alignment<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Profile<'a>>,
    human_code: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
}

#[derive(Serialize)]
struct Criteria {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    narrative: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Alignment<'a> {
    #[serde(rename = "type")]
    kind: [&'static str; 1],
    target_name: &'a str,
    target_url: Cow<'a, str>,
    target_code: &'a str,
    target_framework: &'a str,
    target_type: &'static str,
}

/// Who creates an achievement or issues a credential.
#[derive(Serialize)]
pub struct Profile<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: [&'static str; 1],
    name: &'a str,
}

impl<'a> Profile<'a> {
    /// The profile named `name`, its ID the same wherever it appears.
    pub fn named(name: &'a str) -> Profile<'a> {
        Profile {
            id: uuid::Uuid::new_v5(&super::NAMESPACE, format!("creator/{name}").as_bytes())
                .urn()
                .to_string(),
            kind: ["Profile"],
            name,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<'a> Achievement<'a> {
    /// The achievement as a credential embeds it.
    pub fn embedded(self) -> Self {
        Achievement {
            context: None,
            ..self
        }
    }

    pub fn name(&self) -> &'a str {
        self.name
    }
}

/// What a bloc's and the certification's achievements share.
struct Common<'a> {
    naming: Naming<'a>,
}

impl<'a> Common<'a> {
    /// An achievement with what every one carries, its URN (without a base URL) derived
    /// from `uuid_name`; the caller sets its type, description, criteria and alignments.
    fn achievement(
        &self,
        file: &str,
        uuid_name: &str,
        human_code: &'a str,
        name: &'a str,
    ) -> Achievement<'a> {
        let r = self.naming.referential;
        let id = self.naming.uri(file, self.naming.uuid(Some(uuid_name)));
        Achievement {
            context: Some(CONTEXT),
            id,
            kind: ["Achievement"],
            achievement_type: BLOC_TYPE,
            name,
            description: Cow::Borrowed(name),
            criteria: Criteria {
                id: None,
                narrative: String::new(),
            },
            alignment: Vec::new(),
            // Named by the certifier alone: one profile across its referentials.
            creator: r.certifier.as_deref().map(Profile::named),
            human_code,
            tag: r
                .rncp
                .iter()
                .map(String::as_str)
                .chain([r.id.as_str()])
                .collect(),
            in_language: Some(r.language.as_str()).filter(|l| is_language_code(l)),
            version: r.version.as_deref(),
        }
    }

    /// The alignment on the CASE item `id`, when items have URLs.
    fn alignment(&self, id: &'a str, name: &'a str) -> Option<Alignment<'a>> {
        Some(Alignment {
            kind: ["Alignment"],
            target_name: name,
            target_url: Cow::Owned(self.naming.url(&self.naming.item_path(id))?),
            target_code: id,
            target_framework: &self.naming.referential.title,
            target_type: "CFItem",
        })
    }
}

/// The achievement of bloc `b` of `r`, pretty-printed, ending with a newline.
pub fn bloc_json(r: &Referential, config: &Config, b: usize) -> String {
    bloc_achievement(r, config, b)
        .map(|a| to_json(&a))
        .unwrap_or_default()
}

/// The achievement of the whole certification `r`, pretty-printed, ending with a newline.
pub fn certification_json(r: &Referential, config: &Config) -> String {
    to_json(&certification_achievement(r, config))
}

/// The achievement of bloc `b` of `r`.
pub fn bloc_achievement<'a>(
    r: &'a Referential,
    config: &Config,
    b: usize,
) -> Option<Achievement<'a>> {
    let common = Common {
        naming: Naming::new(r, config.base_url.as_deref()),
    };
    let bloc = r.blocs.get(b)?;
    let mut narrative = String::new();
    for &k in &bloc.competences {
        let competence = &r.competences[k];
        list_item(
            &mut narrative,
            0,
            &format!("**{}**", competence.id),
            &competence.text,
        );
        for &c in &competence.criteria {
            let criterion = &r.criteria[c];
            list_item(
                &mut narrative,
                1,
                &format!("*{}*", criterion.id),
                &criterion.text,
            );
        }
    }
    // A bloc without competences (training modules, a certificate obtained elsewhere) is
    // earned through its modalities.
    if bloc.competences.is_empty() {
        for &m in &bloc.modalities {
            let modality = &r.modalities[m];
            list_item(
                &mut narrative,
                0,
                &format!("**{}**", modality.id),
                &modality.title,
            );
        }
    }
    if narrative.is_empty() {
        narrative.push_str(&bloc.title);
    }
    let alignment = std::iter::once(common.alignment(&bloc.id, &bloc.title))
        .chain(bloc.competences.iter().map(|&k| {
            let c = &r.competences[k];
            common.alignment(&c.id, first_line(&c.text))
        }))
        .flatten()
        .collect();
    let description = match &bloc.summary {
        Some(summary) => Cow::Borrowed(summary.as_str()),
        None => Cow::Owned(format!("{} : {} — {}", bloc.id, bloc.title, r.title)),
    };
    let criteria = Criteria {
        id: common.naming.url(&common.naming.item_path(&bloc.id)),
        narrative,
    };
    Some(Achievement {
        achievement_type: BLOC_TYPE,
        description,
        criteria,
        alignment,
        ..common.achievement(
            &bloc_file(bloc),
            &format!("badge/{}", bloc.id),
            &bloc.id,
            &bloc.title,
        )
    })
}

/// The achievement of the whole certification `r`.
pub fn certification_achievement<'a>(r: &'a Referential, config: &Config) -> Achievement<'a> {
    let common = Common {
        naming: Naming::new(r, config.base_url.as_deref()),
    };
    let mut narrative = String::new();
    for bloc in &r.blocs {
        list_item(&mut narrative, 0, &format!("**{}**", bloc.id), &bloc.title);
        for &k in &bloc.competences {
            let competence = &r.competences[k];
            let label = format!("*{}*", competence.id);
            list_item(&mut narrative, 1, &label, first_line(&competence.text));
        }
    }
    let mut alignment: Vec<Alignment> = r
        .blocs
        .iter()
        .filter_map(|b| common.alignment(&b.id, &b.title))
        .collect();
    // The certification's own entry in the national register, when known.
    if let (Some(rncp), Some(url)) = (&r.rncp, &r.source_url) {
        alignment.push(Alignment {
            kind: ["Alignment"],
            target_name: &r.title,
            target_url: Cow::Borrowed(url),
            target_code: rncp,
            target_framework: "Répertoire national des certifications professionnelles",
            target_type: "ext:RNCP",
        });
    }
    let description = match &r.rncp {
        Some(rncp) => Cow::Owned(format!("{} ({rncp})", r.title)),
        None => Cow::Borrowed(r.title.as_str()),
    };
    let criteria = Criteria {
        id: common.naming.url(crate::paths::in_folder::TABLE),
        narrative,
    };
    let human_code = r.rncp.as_deref().unwrap_or(&r.id);
    Achievement {
        achievement_type: CERTIFICATION_TYPE,
        description,
        criteria,
        alignment,
        ..common.achievement(CERTIFICATION_FILE, "badge", human_code, &r.title)
    }
}

/// Appends a Markdown list item at nesting `depth`: `label`, then `text` (Markdown, maybe
/// several lines, its own lists included) indented under it.
fn list_item(out: &mut String, depth: usize, label: &str, text: &str) {
    let indent = "  ".repeat(depth);
    let mut lines = text.trim().lines();
    out.push_str(&indent);
    out.push_str("- ");
    out.push_str(label);
    if let Some(first) = lines.next() {
        out.push(' ');
        out.push_str(first.trim_end());
    }
    out.push('\n');
    for line in lines {
        if !line.trim().is_empty() {
            out.push_str(&indent);
            out.push_str("  ");
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
}

/// The first line of a Markdown text: a competence's name without its details.
fn first_line(text: &str) -> &str {
    text.trim().lines().next().unwrap_or("").trim_end()
}

/// Whether `code` is a language code as Open Badges' `inLanguage` accepts it (BCP 47:
/// `fr`, `fr-FR`, `zh-Hant-TW`).
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    let letters = |s: &str, case: fn(&char) -> bool| s.chars().all(|c| case(&c));
    let mut ok = (2..=4).contains(&primary.len()) && letters(primary, char::is_ascii_lowercase);
    let mut rest: Vec<&str> = parts.collect();
    if let Some(script) = rest.first().filter(|s| s.len() == 4) {
        let mut chars = script.chars();
        ok &= chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_lowercase());
        rest.remove(0);
    }
    match rest.as_slice() {
        [] => ok,
        [region] => {
            ok && ((region.len() == 2 && letters(region, char::is_ascii_uppercase))
                || (region.len() == 3 && letters(region, char::is_ascii_digit)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narratives_nest_texts_under_their_label() {
        let mut out = String::new();
        list_item(
            &mut out,
            0,
            "**C1**",
            "Réaliser une veille\n- en définissant\n\nfin",
        );
        list_item(&mut out, 1, "*Cr1*", "Un critère");
        assert_eq!(
            out,
            "- **C1** Réaliser une veille\n  - en définissant\n\n  fin\n  - *Cr1* Un critère\n"
        );
    }

    #[test]
    fn language_codes_follow_bcp47() {
        for good in ["fr", "fr-FR", "zh-Hant-TW", "es-419"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "FR", "fr_FR", "français", "fr-fr", "fr-FR-x"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_bloc_named_certification_keeps_its_own_file() {
        let bloc = |id: &str| Bloc {
            id: id.into(),
            ..Bloc::default()
        };
        assert_eq!(bloc_file(&bloc("B.1")), "badges/b-1.json");
        assert_ne!(bloc_file(&bloc("Certification")), CERTIFICATION_FILE);
    }
}
