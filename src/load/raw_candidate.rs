//! A candidate's files as written: the passport and the evidence front matter, as serde
//! types mirroring `docs/content-format.md` with every value [`Spanned`]. IDs are not
//! resolved here.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

pub use super::spanned::IdMap;
use super::spanned::S;
use crate::vocabulary::{Pronoun, Route};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPassport {
    pub name: S<String>,
    pub pseudonym: Option<S<String>>,
    pub referential: S<String>,
    pub blocs: Option<S<Vec<S<String>>>>,
    pub route: Option<S<Route>>,
    /// `elle`, `il` or `iel`: how the dossier refers to the candidate.
    pub pronoun: Option<S<Pronoun>>,
    pub session: Option<S<String>>,
    pub tutor: Option<RawTutor>,
    pub job: Option<RawJob>,
    #[serde(default)]
    pub exemptions: Vec<RawExemption>,
    #[serde(default)]
    pub self_assessment: IdMap<S<RawScore>>,
    #[serde(default)]
    pub tutor_assessment: IdMap<S<RawScore>>,
    #[serde(default)]
    pub soft_skills: Vec<RawSoftSkill>,
    pub results: Option<RawResults>,
    /// The history of sessions, instead of `results` for a single one.
    #[serde(default)]
    pub attempts: Vec<S<RawResults>>,
    /// The jury's own decision, beside the computed proposal.
    pub jury: Option<RawJury>,
    /// The time spent in company (alternance, stage), for a referential that sets a minimum.
    pub company_time: Option<RawCompanyTimeRecord>,
    /// Not read from the file: set by the loader when `content/referentials/` holds a file
    /// for `referential`, so that a referential that failed to load is not reported as
    /// unknown.
    #[serde(skip)]
    pub referential_file_found: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompanyTimeRecord {
    pub hours: S<f64>,
    /// The minimum as a positioning reduced it, where the referential allows it.
    pub reduced_to: Option<S<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTutor {
    pub name: S<String>,
    pub role: Option<S<String>>,
    pub company: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJob {
    pub title: S<String>,
    pub company: Option<S<String>>,
    pub date: Option<S<String>>,
    #[serde(default)]
    pub missions: Vec<RawMission>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMission {
    pub text: S<String>,
    #[serde(default)]
    pub competences: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExemption {
    pub criterion: S<String>,
    pub reason: S<String>,
    pub date: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSoftSkill {
    pub skill: S<String>,
    #[serde(rename = "self")]
    pub own: Option<S<RawScore>>,
    pub tutor: Option<S<RawScore>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResults {
    /// The session's date; in `results:` the passport's `session` is used instead.
    pub session: Option<S<String>>,
    /// `first` (default), `retake` (rattrapage) or `repeat` (redoublement).
    pub kind: Option<S<String>>,
    #[serde(default)]
    pub criteria: IdMap<S<bool>>,
    /// Per competence, where the referential evaluates competences directly.
    #[serde(default)]
    pub competences: IdMap<S<bool>>,
    /// Per bloc, exam or module: a mark, a status, or a verdict.
    #[serde(default)]
    pub marks: IdMap<S<RawResult>>,
    pub professional_evaluation: Option<S<RawResult>>,
    /// Per part of the professional evaluation (its `id`).
    #[serde(default)]
    pub professional_parts: IdMap<S<RawResult>>,
    pub final_interview: Option<S<RawResult>>,
    /// Per bloc: the result of what replaces its exams (portfolio, dossier professionnel).
    #[serde(default)]
    pub substitutes: IdMap<S<RawResult>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJury {
    pub decision: S<String>,
    pub date: Option<S<String>>,
    #[serde(default)]
    pub blocs: Vec<S<String>>,
    pub motive: Option<S<String>>,
}

/// A result as written: `62`, `12/20`, `absent`, `validated`, or the long form with a
/// reason, a penalty, a date or the interview's jury.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RawResult {
    Number(f64),
    Text(String),
    Detailed(RawDetailed),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetailed {
    pub result: RawScore,
    pub reason: Option<String>,
    pub penalty: Option<u32>,
    pub date: Option<String>,
    #[serde(default)]
    pub jury: Vec<String>,
}

/// An assessment or a mark as written: `acquired`, `12/20`, `62`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RawScore {
    Number(f64),
    Text(String),
}

/// The front matter of an evidence file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub title: S<String>,
    pub date: Option<S<String>>,
    pub context: Option<RawContext>,
    #[serde(default)]
    pub demonstrates: Vec<S<ShortOr<RawDemonstration>>>,
    #[serde(default)]
    pub attachments: Vec<S<ShortOr<RawAttachment>>>,
    /// Left out of builds unless drafts are asked for (`--drafts`).
    pub draft: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContext {
    pub company: Option<S<String>>,
    pub mission: Option<S<String>>,
}

/// A competence or criterion an evidence demonstrates: `C1.1` or `{id, note}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemonstration {
    pub id: S<String>,
    pub note: Option<S<String>>,
}

/// A file joined to an evidence: `annexes/a.pdf` or `{path, title}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttachment {
    pub path: S<String>,
    pub title: Option<S<String>>,
}

/// Types written either as a map or, for short, as the string of their main field.
pub trait Shorthand: DeserializeOwned {
    const EXPECTING: &'static str;
    fn from_string(value: S<String>) -> Self;
}

impl Shorthand for RawDemonstration {
    const EXPECTING: &'static str = "a competence or criterion ID, or a map with `id` and `note`";
    fn from_string(id: S<String>) -> Self {
        RawDemonstration { id, note: None }
    }
}

impl Shorthand for RawAttachment {
    const EXPECTING: &'static str = "a path, or a map with `path` and `title`";
    fn from_string(path: S<String>) -> Self {
        RawAttachment { path, title: None }
    }
}

struct ShorthandVisitor<T>(PhantomData<T>);

impl<'de, T: Shorthand> Visitor<'de> for ShorthandVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        // The enclosing `Spanned<T>` carries the position of the string.
        let unknown = serde_saphyr::Location::UNKNOWN;
        Ok(T::from_string(Spanned::new(v.to_owned(), unknown, unknown)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

/// A [`Shorthand`] type as written in a list: the derive on the type itself only takes the
/// map form.
#[derive(Debug)]
pub struct ShortOr<T>(pub T);

impl<'de, T: Shorthand> Deserialize<'de> for ShortOr<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ShorthandVisitor::<T>(PhantomData))
            .map(ShortOr)
    }
}
