//! Lowering a candidate folder: resolve the passport's and the evidence's IDs against the
//! referential, parse assessments and marks, and report every reference that is unknown or
//! outside the blocs the candidate presents.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_saphyr::Spanned;

use super::is_iso_date;
use super::marks::{fraction_problem, parse_fraction};
use crate::config::CandidatesConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Severity, did_you_mean};
use crate::load::candidate::{CandidateFolder, EvidenceFile};
use crate::load::position;
use crate::load::raw_candidate::{IdMap, RawScore};
use crate::model::candidate::*;
use crate::model::{ById, ItemRef, Referential, ReferentialId, anchor};

/// Lowers one candidate; `None` when the passport is unusable (already reported).
pub fn lower_candidate(
    folder: CandidateFolder,
    referentials: &ById<ReferentialId, Referential>,
    config: &CandidatesConfig,
    diags: &mut Diagnostics,
) -> Option<Candidate> {
    let raw = folder.passport.as_ref()?;
    let path = folder.passport_path.as_path();
    let at = |s: &Spanned<String>| Location::new(path, position(s));
    let wanted = raw.referential.value.trim();
    let Some(r) = referentials.get(wanted) else {
        if raw.referential_file_found {
            // The referential's file exists but did not load: its own errors say why, and
            // checking the candidate against nothing would only add noise.
            diags.push(Diagnostic::warning(
                Kind::DanglingReference,
                Some(at(&raw.referential)),
                format!(
                    "candidate `{}` not checked: referential `{wanted}` has errors",
                    folder.id
                ),
            ));
            return None;
        }
        let ids: Vec<&str> = referentials.keys().map(|id| &**id).collect();
        let help = did_you_mean(wanted, ids.iter().copied())
            .map(|id| format!("did you mean `{id}`?"))
            .unwrap_or_else(|| match ids.as_slice() {
                [] => "this site has no referential yet".into(),
                ids => format!("referentials of this site: {}", ids.join(", ")),
            });
        let message = match wanted {
            "" => "`referential` is empty: name the referential of the certification".into(),
            _ => format!("unknown referential `{wanted}`"),
        };
        diags.push(
            Diagnostic::error(Kind::DanglingReference, Some(at(&raw.referential)), message)
                .with_suggestion(Some(help)),
        );
        return None;
    };
    // An evidence file of this folder that did not load (reported) may cover anything.
    let unread_evidence = diags.iter().any(|d| {
        d.severity == Severity::Error
            && d.location.as_ref().is_some_and(|l| {
                l.path.starts_with(&folder.dir)
                    && l.path.extension().is_some_and(|e| e == "md")
                    && !folder.evidence.iter().any(|e| e.path == l.path)
            })
    }) || folder.evidence.iter().any(|e| e.incomplete);
    let mut cx = CandidateLowering {
        path: path.to_path_buf(),
        r,
        presented: Vec::new(),
        route: raw.route.as_ref().map(|r| r.value),
        exempted: Vec::new(),
        diags,
    };
    cx.presented = match &raw.blocs {
        None => (0..r.blocs.len()).collect(),
        Some(list) => cx.blocs(list),
    };
    let name = cx.text(&raw.name, "the candidate's name");
    let pseudonym = raw.pseudonym.as_ref().map(|p| cx.text(p, "the pseudonym"));
    let (name, slug, hashed_name) = if config.pseudonymize {
        let shown = pseudonym.unwrap_or_else(|| derived_pseudonym(&folder.id));
        let slug = anchor(&shown);
        let hashed = HashedName::new(&name, &folder.id);
        (shown, slug, Some(hashed))
    } else {
        (name, folder.id.clone(), None)
    };
    let session = raw.session.as_ref().map(|s| cx.date(s));
    let tutor = raw.tutor.as_ref().map(|t| Tutor {
        name: cx.text(&t.name, "the tutor's name"),
        role: t.role.as_ref().map(|s| s.value.trim().to_owned()),
        company: t.company.as_ref().map(|s| s.value.trim().to_owned()),
    });
    let job = raw.job.as_ref().map(|j| Job {
        title: cx.text(&j.title, "the job title"),
        company: j.company.as_ref().map(|s| s.value.trim().to_owned()),
        date: j.date.as_ref().map(|d| cx.date(d)),
        missions: j
            .missions
            .iter()
            .map(|m| Mission {
                text: cx.text(&m.text, "the mission"),
                // A job exercises competences whatever blocs are presented.
                competences: m
                    .competences
                    .iter()
                    .filter_map(|c| cx.competence(c, false))
                    .collect(),
            })
            .collect(),
    });
    let exemptions: Vec<Exemption> = raw
        .exemptions
        .iter()
        .filter_map(|e| {
            if r.rules.exemptions != Some(true) {
                cx.error(
                    Kind::InvalidValue,
                    &e.criterion,
                    format!("referential `{}` does not provide for exemptions", r.id),
                    Some("a jury may exempt criteria only when the referential's rules say `exemptions: true`".into()),
                );
                return None;
            }
            let criterion = cx.criterion(&e.criterion)?;
            Some(Exemption {
                criterion,
                reason: cx.text(&e.reason, "the reason for the exemption"),
                date: e.date.as_ref().map(|d| cx.date(d)),
            })
        })
        .collect();
    let self_assessment = cx.assessments(&raw.self_assessment);
    let tutor_assessment = cx.assessments(&raw.tutor_assessment);
    let soft_skills = raw
        .soft_skills
        .iter()
        .map(|s| SoftSkill {
            skill: cx.text(&s.skill, "the soft skill"),
            own: s.own.as_ref().and_then(|v| cx.score(v)),
            tutor: s.tutor.as_ref().and_then(|v| cx.score(v)),
        })
        .collect();
    cx.exempted = exemptions.iter().map(|e| e.criterion).collect();
    let attempts = cx.attempts(raw, session.as_deref());
    let jury = raw.jury.as_ref().and_then(|j| cx.jury(j));
    let company_time = raw.company_time.as_ref().and_then(|t| cx.company_time(t));
    let evidence = folder
        .evidence
        .into_iter()
        .filter_map(|e| cx.evidence(e))
        .collect();
    Some(Candidate {
        id: folder.id,
        slug,
        name,
        hashed_name,
        passport: Location::new(path, None),
        referential: crate::model::ReferentialId(r.id.clone()),
        blocs: cx.presented,
        route: raw.route.as_ref().map(|r| r.value),
        pronoun: raw
            .pronoun
            .as_ref()
            .map(|p| p.value)
            .filter(|_| !config.pseudonymize),
        session,
        tutor,
        job,
        exemptions,
        self_assessment,
        tutor_assessment,
        soft_skills,
        attempts,
        jury,
        company_time,
        evidence,
        unread_evidence,
    })
}

/// A stable pseudonym from the folder name (FNV-1a): the same candidate gets the same
/// pseudonym on every build, and nothing in it spells the name.
pub fn derived_pseudonym(id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("Candidat·e {:04X}", hash >> 48)
}

pub(super) struct CandidateLowering<'a> {
    /// The file being lowered (the passport, then each evidence file).
    pub(super) path: PathBuf,
    pub(super) r: &'a Referential,
    pub(super) presented: Vec<usize>,
    pub(super) route: Option<Route>,
    /// The criteria the jury exempted the candidate from (they do not count).
    pub(super) exempted: Vec<usize>,
    pub(super) diags: &'a mut Diagnostics,
}

impl CandidateLowering<'_> {
    pub(super) fn error<T>(
        &mut self,
        kind: Kind,
        at: &Spanned<T>,
        message: String,
        help: Option<String>,
    ) {
        let location = Location::new(&self.path, position(at));
        self.diags
            .push(Diagnostic::error(kind, Some(location), message).with_suggestion(help));
    }

    pub(super) fn text(&mut self, s: &Spanned<String>, what: &str) -> String {
        let t = s.value.trim();
        if t.is_empty() {
            self.error(Kind::EmptyText, s, format!("{what} is empty"), None);
        }
        t.to_owned()
    }

    pub(super) fn date(&mut self, s: &Spanned<String>) -> String {
        let t = s.value.trim();
        if !is_iso_date(t) {
            self.error(
                Kind::InvalidValue,
                s,
                format!("`{t}` is not a date"),
                Some("write dates as YYYY-MM-DD, e.g. 2026-06-18".into()),
            );
        }
        t.to_owned()
    }

    fn blocs(&mut self, list: &Spanned<Vec<Spanned<String>>>) -> Vec<usize> {
        if list.value.is_empty() {
            self.error(
                Kind::Empty,
                list,
                "`blocs` is empty: a candidate presents at least one bloc".into(),
                Some("remove `blocs:` to present every bloc".into()),
            );
            // Go on as the help says, so the rest of the passport is not out of scope.
            return (0..self.r.blocs.len()).collect();
        }
        let mut blocs: Vec<usize> = list
            .value
            .iter()
            .filter_map(|id| match self.r.lookup(id.value.trim()) {
                Some(ItemRef::Bloc(b)) => Some(b),
                _ => {
                    let all: Vec<&str> = self.r.blocs.iter().map(|b| b.id.as_str()).collect();
                    let help = did_you_mean(id.value.trim(), all.iter().copied())
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| format!("blocs of `{}`: {}", self.r.id, all.join(", ")));
                    self.error(
                        Kind::DanglingReference,
                        id,
                        format!(
                            "unknown bloc `{}` in referential `{}`",
                            id.value.trim(),
                            self.r.id
                        ),
                        Some(help),
                    );
                    None
                }
            })
            .collect();
        blocs.sort_unstable();
        blocs.dedup();
        blocs
    }

    /// Resolves an ID that must name a competence or a criterion (as `want` says), and,
    /// when `in_scope`, one of the blocs presented.
    fn item(&mut self, id: &Spanned<String>, want: Want, in_scope: bool) -> Option<ItemRef> {
        let value = id.value.trim();
        if value.is_empty() {
            let message = format!("empty reference: expected a {} ID", want.describe());
            self.error(Kind::EmptyText, id, message, None);
            return None;
        }
        let found = self.r.lookup(value);
        let fits = matches!(
            (found, want),
            (
                Some(ItemRef::Competence(_)),
                Want::Competence | Want::Either
            ) | (Some(ItemRef::Criterion(_)), Want::Criterion | Want::Either)
        );
        if !fits {
            let competences = self.r.competences.iter().map(|c| c.id.as_str());
            let criteria = self.r.criteria.iter().map(|c| c.id.as_str());
            let suggestion = match want {
                Want::Competence => did_you_mean(value, competences),
                Want::Criterion => did_you_mean(value, criteria),
                Want::Either => did_you_mean(value, competences.chain(criteria)),
            };
            let message = match found {
                Some(other) => format!(
                    "`{value}` is {}, not a {}",
                    other.with_article(),
                    want.describe()
                ),
                None => format!(
                    "unknown {} `{value}` in referential `{}`",
                    want.describe(),
                    self.r.id
                ),
            };
            let help = suggestion.map(|s| format!("did you mean `{s}`?"));
            self.error(Kind::DanglingReference, id, message, help);
            return None;
        }
        let found = found?;
        let bloc = match found {
            ItemRef::Competence(c) => self.r.competences[c].bloc,
            ItemRef::Criterion(c) => self.r.criteria[c].bloc,
            _ => return None,
        };
        if in_scope && !self.presented.contains(&bloc) {
            let bloc_id = &self.r.blocs[bloc].id;
            self.error(
                Kind::OutOfScope,
                id,
                format!(
                    "{} `{value}` belongs to bloc {bloc_id}, which the candidate does not present",
                    found.kind_name()
                ),
                Some(format!(
                    "add {bloc_id} to `blocs:` in the passport, or remove `{value}`"
                )),
            );
            return None;
        }
        Some(found)
    }

    pub(super) fn competence(&mut self, id: &Spanned<String>, in_scope: bool) -> Option<usize> {
        match self.item(id, Want::Competence, in_scope)? {
            ItemRef::Competence(c) => Some(c),
            _ => None,
        }
    }

    pub(super) fn criterion(&mut self, id: &Spanned<String>) -> Option<usize> {
        match self.item(id, Want::Criterion, true)? {
            ItemRef::Criterion(c) => Some(c),
            _ => None,
        }
    }

    fn assessments(&mut self, map: &IdMap<Spanned<RawScore>>) -> BTreeMap<usize, Score> {
        map.0
            .iter()
            .filter_map(|(id, value)| Some((self.competence(id, true)?, self.score(value)?)))
            .collect()
    }

    /// An assessment: a level name or a mark `x/y`.
    fn score(&mut self, value: &Spanned<RawScore>) -> Option<Score> {
        let help = || {
            Some(format!(
                "write one of {}, or a mark such as `14/20`",
                Level::NAMES.join(", ")
            ))
        };
        match &value.value {
            RawScore::Text(t) => {
                let t = t.trim();
                if let Some(level) = Level::parse(t) {
                    return Some(Score::Level(level));
                }
                if let Some((v, out_of)) = parse_fraction(t) {
                    return Some(Score::Mark { value: v, out_of });
                }
                if let Some(problem) = fraction_problem(t) {
                    self.error(Kind::InvalidValue, value, problem, None);
                    return None;
                }
                self.error(
                    Kind::InvalidValue,
                    value,
                    format!("unknown assessment `{t}`"),
                    help(),
                );
                None
            }
            RawScore::Number(n) => {
                self.error(
                    Kind::InvalidValue,
                    value,
                    format!("assessment `{n}` has no scale"),
                    help(),
                );
                None
            }
        }
    }

    fn evidence(&mut self, file: EvidenceFile) -> Option<Evidence> {
        // Diagnostics now point into the evidence file.
        let previous = std::mem::replace(&mut self.path, file.path.clone());
        let front = &file.front;
        let title = self.text(&front.title, "the evidence title");
        let date = front.date.as_ref().map(|d| self.date(d));
        if file.stem == "index" {
            self.error(
                Kind::InvalidValue,
                &front.title,
                "`index.md` at the top of a candidate folder would replace the dossier page".into(),
                Some("rename the evidence file".into()),
            );
        }
        let demonstrates = front
            .demonstrates
            .iter()
            .filter_map(|spanned| {
                let d = &spanned.value.0;
                // A bare `C1.1` has its position on the list item, not on the ID.
                let id = if position(&d.id).is_some() {
                    d.id.clone()
                } else {
                    Spanned {
                        value: d.id.value.clone(),
                        referenced: spanned.referenced,
                        defined: spanned.defined,
                    }
                };
                let item = match self.item(&id, Want::Either, true)? {
                    ItemRef::Competence(c) => Demonstrated::Competence(c),
                    ItemRef::Criterion(c) => Demonstrated::Criterion(c),
                    _ => return None,
                };
                Some(Demonstration {
                    item,
                    note: d.note.as_ref().map(|n| n.value.trim().to_owned()),
                })
            })
            .collect();
        self.path = previous;
        let context = front.context.as_ref();
        Some(Evidence {
            path: file.path,
            stem: file.stem,
            title,
            date,
            company: context
                .and_then(|c| c.company.as_ref())
                .map(|s| s.value.trim().to_owned()),
            mission: context
                .and_then(|c| c.mission.as_ref())
                .map(|s| s.value.trim().to_owned()),
            demonstrates,
            attachments: file
                .attachments
                .into_iter()
                .map(|a| Attachment {
                    target: a.target,
                    source: a.source,
                    title: a.title,
                    inline: a.inline,
                })
                .collect(),
            body: file.body,
        })
    }
}

#[derive(Clone, Copy)]
enum Want {
    Competence,
    Criterion,
    Either,
}

impl Want {
    fn describe(self) -> &'static str {
        match self {
            Want::Competence => "competence",
            Want::Criterion => "criterion",
            Want::Either => "competence or criterion",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_and_distinct() {
        assert_eq!(
            derived_pseudonym("camille-martin"),
            derived_pseudonym("camille-martin")
        );
        assert_ne!(
            derived_pseudonym("camille-martin"),
            derived_pseudonym("lea-dubois")
        );
        assert!(derived_pseudonym("lea-dubois").starts_with("Candidat·e "));
    }
}
