//! Lowering: turn one raw referential file into a [`Referential`]. This is where IDs are
//! generated for unnumbered criteria and modalities, registered (duplicates reported), and
//! references resolved (dangling ones reported with a suggestion), and where single values
//! are checked against what makes sense (a pass mark above the total, a bad date).

use std::collections::HashMap;
use std::path::Path;

use serde_saphyr::Spanned;

mod candidate;
mod consistency;
mod jury;
mod marks;
mod meta;
mod outcome;
mod process;
mod results;
mod session;

pub use candidate::{derived_pseudonym, lower_candidate};
pub use marks::{fmt_against, fmt_number, reaches};
use meta::is_iso_date;
pub use session::lower_session;

use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, did_you_mean};
use crate::load::ReferentialFile;
use crate::load::raw::*;

/// Builds the model of one referential file, reporting every problem found on the way.
pub fn lower_referential(file: ReferentialFile, diags: &mut Diagnostics) -> Referential {
    let mut cx = Lowering {
        path: &file.path,
        diags,
        r: Referential {
            id: file.id,
            ..Referential::default()
        },
        anchors: HashMap::new(),
        locations: HashMap::new(),
        criterion_refs: Vec::new(),
        modality_refs: Vec::new(),
    };
    cx.metadata(&file.raw);
    if let Some(rules) = &file.raw.rules {
        cx.r.rules = cx.rules(rules);
    }
    if file.raw.blocs.value.is_empty() {
        let at = cx.loc(&file.raw.blocs);
        cx.diags.push(Diagnostic::error(
            Kind::Empty,
            at,
            "a referential needs at least one bloc",
        ));
    }
    for bloc in &file.raw.blocs.value {
        cx.bloc(bloc);
    }
    cx.resolve_references();
    if let Some(rules) = &file.raw.rules {
        cx.process_rules(rules);
    }
    cx.r
}

/// Longer IDs are refused: a competence's ID names its page, and file names have limits.
pub const MAX_ID_CHARS: usize = 64;

struct Lowering<'a> {
    path: &'a Path,
    diags: &'a mut Diagnostics,
    r: Referential,
    /// anchor → ID that produced it, to catch `C1.1` vs `C1-1`.
    anchors: HashMap<String, String>,
    locations: HashMap<String, Option<Location>>,
    /// References to resolve once every ID is known: (criterion, its `competences`).
    criterion_refs: Vec<(usize, Vec<Spanned<String>>)>,
    /// (modality, its `evaluates`).
    modality_refs: Vec<(usize, Vec<Spanned<String>>)>,
}

impl Lowering<'_> {
    fn loc<T>(&self, s: &Spanned<T>) -> Option<Location> {
        Some(Location::new(self.path, crate::load::position(s)))
    }

    fn error<T>(&mut self, kind: Kind, at: &Spanned<T>, message: impl Into<String>) {
        let at = self.loc(at);
        self.diags.push(Diagnostic::error(kind, at, message));
    }

    /// A required text: trimmed, and reported when empty.
    fn text(&mut self, s: &Spanned<String>, what: &str) -> String {
        let at = self.loc(s);
        self.text_at(&s.value, at, what)
    }

    fn text_at(&mut self, value: &str, at: Option<Location>, what: &str) -> String {
        let t = value.trim();
        if t.is_empty() {
            self.diags.push(Diagnostic::error(
                Kind::EmptyText,
                at,
                format!("{what} is empty"),
            ));
        }
        t.to_owned()
    }

    fn optional_text(&mut self, s: &Option<Spanned<String>>, what: &str) -> Option<String> {
        s.as_ref().map(|s| self.text(s, what))
    }

    /// Checks an ID and records it; returns it even when invalid so lowering goes on. An
    /// empty or overlong ID is not recorded: nothing can refer to it.
    fn register(&mut self, id: &Spanned<String>, item: ItemRef) -> String {
        let value = id.value.trim().to_owned();
        let at = self.loc(id);
        let kind = item.kind_name();
        if value.is_empty() {
            let d = Diagnostic::error(Kind::EmptyText, at, format!("the {kind} ID is empty"));
            self.diags.push(d);
            return value;
        }
        let length = value.chars().count();
        if length > MAX_ID_CHARS {
            let start: String = value.chars().take(16).collect();
            let d = Diagnostic::error(
                Kind::InvalidId,
                at,
                format!(
                    "{kind} ID `{start}…` is too long: {length} characters, at most {MAX_ID_CHARS}"
                ),
            );
            self.diags.push(d);
            return value;
        }
        if !is_valid_id(&value) {
            // Spaces and a leading stray character are the usual slips: `C 1.1`, `.C1.1`.
            let fixed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            let fixed = fixed
                .trim_start_matches(|c: char| c.is_ascii_punctuation())
                .to_owned();
            let d = Diagnostic::error(
                Kind::InvalidId,
                at.clone(),
                format!("invalid {} ID `{value}`: use letters, digits, `.`, `_` and `-`, starting with a letter or digit", item.kind_name()),
            )
            .with_suggestion(is_valid_id(&fixed).then(|| format!("write `{fixed}`")));
            self.diags.push(d);
            // Go on under the corrected ID so references to it do not cascade into errors.
            if is_valid_id(&fixed) {
                return self.register_value(fixed, at, item);
            }
        }
        self.register_value(value, at, item)
    }

    fn register_value(&mut self, value: String, at: Option<Location>, item: ItemRef) -> String {
        if let Some(previous) = self.r.index.get(&value) {
            let first = self.locations.get(&value).cloned().flatten();
            let d = Diagnostic::error(
                Kind::DuplicateId,
                at,
                format!(
                    "duplicate ID `{value}`: already used by {}",
                    previous.with_article()
                ),
            )
            .with_suggestion(first.map(|l| format!("first defined at {l}")));
            self.diags.push(d);
            return value;
        }
        let anchor = anchor(&value);
        if let Some(other) = self.anchors.get(&anchor) {
            let d = Diagnostic::error(
                Kind::DuplicateId,
                at.clone(),
                format!("ID `{value}` gives the same anchor `#{anchor}` as `{other}`"),
            )
            .with_suggestion(Some("make the two IDs differ by a letter or digit".into()));
            self.diags.push(d);
        } else {
            self.anchors.insert(anchor, value.clone());
        }
        self.r.index.insert(value.clone(), item);
        self.locations.insert(value.clone(), at);
        value
    }

    fn bloc(&mut self, raw: &RawBloc) {
        let b = self.r.blocs.len();
        let id = self.register(&raw.id, ItemRef::Bloc(b));
        if let (Some(points), Some(min)) = (&raw.points, &raw.minimum)
            && min.value > points.value
        {
            self.error(
                Kind::InvalidValue,
                min,
                format!(
                    "minimum {} is above the bloc's {} points",
                    min.value, points.value
                ),
            );
        }
        let mut bloc = Bloc {
            at: self.loc(&raw.id),
            id,
            title: self.text(&raw.title, "the bloc title"),
            points: raw.points.as_ref().map(|s| s.value),
            minimum: raw.minimum.as_ref().map(|s| s.value),
            hours: raw.hours.as_ref().map(|s| s.value),
            summary: self.optional_text(&raw.summary, "the bloc summary"),
            groups: Vec::new(),
            activities: Vec::new(),
            competences: Vec::new(),
            shared_criteria: Vec::new(),
            modalities: Vec::new(),
            modules: Vec::new(),
            ..Bloc::default()
        };
        self.bloc_rules(raw, &mut bloc);
        self.r.blocs.push(bloc);
        for group in &raw.groups {
            let g = self.r.groups.len();
            let id = self.register(&group.id, ItemRef::Group(g));
            let lowered = Group {
                at: self.loc(&group.id),
                id,
                title: self.text(&group.title, "the activity group title"),
                summary: self.optional_text(&group.summary, "the group summary"),
                bloc: b,
                activities: Vec::new(),
            };
            self.r.groups.push(lowered);
            self.r.blocs[b].groups.push(g);
            for activity in &group.activities {
                let a = self.activity(activity, b, Some(g));
                self.r.groups[g].activities.push(a);
            }
        }
        for activity in &raw.activities {
            self.activity(activity, b, None);
        }
        for (position, criterion) in raw.criteria.iter().enumerate() {
            let bloc_id = self.r.blocs[b].id.clone();
            let c = self.criterion(criterion, b, &bloc_id, position + 1);
            self.r.blocs[b].shared_criteria.push(c);
            if criterion.value.competences.is_empty() {
                self.error(
                    Kind::WrongType,
                    criterion,
                    "a bloc-level criterion must list its `competences`",
                );
            }
            self.criterion_refs
                .push((c, criterion.value.competences.clone()));
        }
        for (position, modality) in raw.modalities.iter().enumerate() {
            self.modality(modality, b, position + 1);
        }
        for module in &raw.modules {
            let m = self.r.modules.len();
            let id = self.register(&module.id, ItemRef::Module(m));
            let lowered = Module {
                at: self.loc(&module.id),
                id,
                title: self.text(&module.title, "the module title"),
                hours: module.hours.as_ref().map(|h| h.value),
                bloc: b,
            };
            self.r.modules.push(lowered);
            self.r.blocs[b].modules.push(m);
        }
    }

    fn activity(&mut self, raw: &RawActivity, bloc: usize, group: Option<usize>) -> usize {
        let a = self.r.activities.len();
        let id = self.register(&raw.id, ItemRef::Activity(a));
        let activity = Activity {
            at: self.loc(&raw.id),
            id,
            title: self.text(&raw.title, "the activity title"),
            bloc,
            group,
            competences: Vec::new(),
        };
        self.r.activities.push(activity);
        self.r.blocs[bloc].activities.push(a);
        for competence in &raw.competences {
            let k = self.r.competences.len();
            let id = self.register(&competence.id, ItemRef::Competence(k));
            let lowered = Competence {
                at: self.loc(&competence.id),
                id: id.clone(),
                text: self.text(&competence.text, &format!("the text of competence `{id}`")),
                bloc,
                activity: a,
                criteria: Vec::new(),
                modalities: Vec::new(),
            };
            self.r.competences.push(lowered);
            self.r.activities[a].competences.push(k);
            self.r.blocs[bloc].competences.push(k);
            for (position, criterion) in competence.criteria.iter().enumerate() {
                if let Some(first) = criterion.value.competences.first() {
                    self.error(
                        Kind::UnknownField,
                        first,
                        "`competences` is only for bloc-level criteria; this one belongs to the competence it is nested under",
                    );
                }
                let c = self.criterion(criterion, bloc, &id, position + 1);
                self.r.criteria[c].competences.push(k);
                self.r.competences[k].criteria.push(c);
            }
        }
        a
    }

    /// Lowers a criterion; its ID defaults to `<parent>.cr<position>`.
    fn criterion(
        &mut self,
        raw: &Spanned<RawCriterion>,
        bloc: usize,
        parent: &str,
        position: usize,
    ) -> usize {
        let c = self.r.criteria.len();
        // A bare-string criterion's text has no position of its own: use the list item's.
        let text_at = if raw.value.text.referenced.line() > 0 {
            self.loc(&raw.value.text)
        } else {
            self.loc(raw)
        };
        let (id, generated_id, at) = match &raw.value.id {
            Some(id) => (
                self.register(id, ItemRef::Criterion(c)),
                false,
                self.loc(id),
            ),
            None => {
                let id = format!("{parent}.cr{position}");
                let id = self.register_value(id, text_at.clone(), ItemRef::Criterion(c));
                (id, true, text_at.clone())
            }
        };
        let text = self.text_at(
            &raw.value.text.value,
            text_at,
            &format!("the text of criterion `{id}`"),
        );
        let indicators = raw
            .value
            .indicators
            .iter()
            .map(|i| self.text(i, &format!("an indicator of criterion `{id}`")))
            .collect();
        self.r.criteria.push(Criterion {
            id,
            generated_id,
            at,
            text,
            indicators,
            bloc,
            competences: Vec::new(),
        });
        c
    }

    fn modality(&mut self, raw: &Spanned<RawModality>, bloc: usize, position: usize) {
        let m = self.r.modalities.len();
        let raw_m = &raw.value;
        let (id, generated_id, at) = match &raw_m.id {
            Some(id) => (self.register(id, ItemRef::Modality(m)), false, self.loc(id)),
            None => {
                let at = self.loc(&raw_m.title);
                let id = format!("{}.E{position}", self.r.blocs[bloc].id);
                (
                    self.register_value(id, at.clone(), ItemRef::Modality(m)),
                    true,
                    at,
                )
            }
        };
        let modality = Modality {
            title: self.text(&raw_m.title, &format!("the title of modality `{id}`")),
            description: self.optional_text(
                &raw_m.description,
                &format!("the description of modality `{id}`"),
            ),
            id,
            generated_id,
            at,
            kind: raw_m.kind.value,
            duration: self.optional_text(&raw_m.duration, "the duration"),
            points: raw_m.points.as_ref().map(|p| p.value),
            minimum: raw_m.minimum.as_ref().map(|p| p.value),
            bloc,
            evaluates: Vec::new(),
        };
        match (&raw_m.minimum, &raw_m.points) {
            (Some(min), None) => self.error(
                Kind::Rule,
                min,
                "an exam's minimum needs its `points`: its scale",
            ),
            (Some(min), Some(points)) if min.value > points.value => self.error(
                Kind::InvalidValue,
                min,
                format!(
                    "minimum {} is above the exam's {} points",
                    min.value, points.value
                ),
            ),
            _ => {}
        }
        self.r.modalities.push(modality);
        self.r.blocs[bloc].modalities.push(m);
        if raw_m.evaluates.is_empty() {
            let id = self.r.modalities[m].id.clone();
            self.error(
                Kind::Empty,
                &raw_m.title,
                format!("modality `{id}` evaluates no competence: list them in `evaluates`"),
            );
        }
        self.modality_refs.push((m, raw_m.evaluates.clone()));
    }

    fn resolve_references(&mut self) {
        fn written(refs: &[Spanned<String>]) -> Vec<String> {
            refs.iter().map(|r| r.value.trim().to_owned()).collect()
        }
        for (c, refs) in std::mem::take(&mut self.criterion_refs) {
            let bloc = self.r.criteria[c].bloc;
            let listed = written(&refs);
            for reference in &refs {
                if let Some(k) = self
                    .resolve_competence(reference, bloc, false, &listed)
                    .and_then(|v| v.first().copied())
                    && !self.r.criteria[c].competences.contains(&k)
                {
                    self.r.criteria[c].competences.push(k);
                    self.r.competences[k].criteria.push(c);
                }
            }
        }
        for (m, refs) in std::mem::take(&mut self.modality_refs) {
            let bloc = self.r.modalities[m].bloc;
            let listed = written(&refs);
            for reference in &refs {
                for k in self
                    .resolve_competence(reference, bloc, true, &listed)
                    .unwrap_or_default()
                {
                    if !self.r.modalities[m].evaluates.contains(&k) {
                        self.r.modalities[m].evaluates.push(k);
                        self.r.competences[k].modalities.push(m);
                    }
                }
            }
        }
    }

    /// The competences a reference names: one competence, or all of a bloc's when
    /// `allow_bloc`. They must belong to `bloc`. `listed` are the references written
    /// beside it, which a suggestion does not repeat.
    fn resolve_competence(
        &mut self,
        reference: &Spanned<String>,
        bloc: usize,
        allow_bloc: bool,
        listed: &[String],
    ) -> Option<Vec<usize>> {
        let wanted = reference.value.trim();
        let at = self.loc(reference);
        if wanted.is_empty() {
            let expected = if allow_bloc {
                "a competence or bloc ID"
            } else {
                "a competence ID"
            };
            self.diags.push(Diagnostic::error(
                Kind::EmptyText,
                at,
                format!("empty reference: expected {expected}"),
            ));
            return None;
        }
        let found = match self.r.lookup(wanted) {
            Some(ItemRef::Competence(k)) => vec![k],
            Some(ItemRef::Bloc(b)) if allow_bloc => self.r.blocs[b].competences.clone(),
            Some(other) => {
                let expected = if allow_bloc {
                    "a competence or a bloc"
                } else {
                    "a competence"
                };
                self.diags.push(Diagnostic::error(
                    Kind::DanglingReference,
                    at,
                    format!("`{wanted}` is {}, not {expected}", other.with_article()),
                ));
                return None;
            }
            None => {
                let candidates = self.r.blocs[bloc]
                    .competences
                    .iter()
                    .map(|&k| self.r.competences[k].id.as_str())
                    .chain(allow_bloc.then_some(self.r.blocs[bloc].id.as_str()))
                    // `[C1.1, C1.9]`: C1.1 is there already, so C1.9 is not a typo of it.
                    .filter(|id| !listed.iter().any(|l| l == id));
                let suggestion =
                    did_you_mean(wanted, candidates).map(|s| format!("did you mean `{s}`?"));
                self.diags.push(
                    Diagnostic::error(
                        Kind::DanglingReference,
                        at,
                        format!("unknown competence `{wanted}`"),
                    )
                    .with_suggestion(suggestion),
                );
                return None;
            }
        };
        let outside = found.iter().find(|&&k| self.r.competences[k].bloc != bloc);
        if let Some(&k) = outside {
            let (theirs, ours) = (
                &self.r.blocs[self.r.competences[k].bloc].id,
                &self.r.blocs[bloc].id,
            );
            self.diags.push(Diagnostic::error(
                Kind::DanglingReference,
                at,
                format!("competence `{wanted}` belongs to bloc `{theirs}`, not to bloc `{ours}`"),
            ));
            return None;
        }
        Some(found)
    }
}
