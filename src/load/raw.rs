//! The referential file as written by its author: serde types mirroring
//! `docs/content-format.md` one to one, every value wrapped in [`Spanned`] so that later
//! stages can point at it. No defaults are applied and no reference is resolved here.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

pub use super::raw_rules::*;

pub use super::spanned::S;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReferential {
    pub title: S<String>,
    pub rncp: Option<S<String>>,
    /// Wider than the 1–8 it must be, so that `level: 300` gets that message.
    pub level: Option<S<u32>>,
    pub certifier: Option<S<String>>,
    pub version: Option<S<String>>,
    pub language: Option<S<String>>,
    pub source_url: Option<S<String>>,
    pub preamble: Option<S<String>>,
    pub notes: Option<S<String>>,
    /// An imported referential its author has not finished reviewing.
    pub draft: Option<S<bool>>,
    pub rules: Option<RawRules>,
    pub blocs: S<Vec<RawBloc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBloc {
    pub id: S<String>,
    pub title: S<String>,
    pub points: Option<S<u32>>,
    pub minimum: Option<S<u32>>,
    pub hours: Option<S<u32>>,
    pub summary: Option<S<String>>,
    /// `competences`, `points` or `certificate`: read as text for a located suggestion.
    pub validation: Option<S<String>>,
    pub competence_threshold: Option<S<u32>>,
    pub competence_at_least: Option<S<u32>>,
    /// With `validation: competences`: the share of them needed, in %.
    pub competences_share: Option<S<u32>>,
    pub required: Option<S<bool>>,
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    #[serde(default)]
    pub activities: Vec<RawActivity>,
    #[serde(default)]
    pub criteria: Vec<S<RawCriterion>>,
    #[serde(default)]
    pub modalities: Vec<S<RawModality>>,
    #[serde(default)]
    pub modules: Vec<RawModule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub id: S<String>,
    pub title: S<String>,
    pub summary: Option<S<String>>,
    #[serde(default)]
    pub activities: Vec<RawActivity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActivity {
    pub id: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub competences: Vec<RawCompetence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompetence {
    pub id: S<String>,
    pub text: S<String>,
    #[serde(default)]
    pub criteria: Vec<S<RawCriterion>>,
}

/// A criterion: either a bare string (its text) or a map with `text` and optional `id`,
/// `indicators` and, at bloc level, `competences`.
#[derive(Debug)]
pub struct RawCriterion {
    pub id: Option<S<String>>,
    /// For a bare string its position is unknown here; lowering uses the list item's.
    pub text: S<String>,
    pub indicators: Vec<S<String>>,
    pub competences: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterionMap {
    id: Option<S<String>>,
    text: S<String>,
    #[serde(default)]
    indicators: Vec<S<String>>,
    #[serde(default)]
    competences: Vec<S<String>>,
}

impl<'de> Deserialize<'de> for RawCriterion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CriterionVisitor;

        impl<'de> Visitor<'de> for CriterionVisitor {
            type Value = RawCriterion;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a criterion: its text, or a map with `text`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                // The enclosing `Spanned<RawCriterion>` carries the position of a bare string.
                let unknown = serde_saphyr::Location::UNKNOWN;
                Ok(RawCriterion {
                    id: None,
                    text: Spanned::new(v.to_owned(), unknown, unknown),
                    indicators: Vec::new(),
                    competences: Vec::new(),
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let m = RawCriterionMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawCriterion {
                    id: m.id,
                    text: m.text,
                    indicators: m.indicators,
                    competences: m.competences,
                })
            }
        }

        deserializer.deserialize_any(CriterionVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModality {
    pub id: Option<S<String>>,
    pub title: S<String>,
    pub kind: S<crate::vocabulary::ModalityKind>,
    pub duration: Option<S<String>>,
    pub points: Option<S<u32>>,
    pub minimum: Option<S<u32>>,
    pub description: Option<S<String>>,
    #[serde(default)]
    pub evaluates: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModule {
    pub id: S<String>,
    pub title: S<String>,
    pub hours: Option<S<u32>>,
}
