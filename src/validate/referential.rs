//! Referential integrity: every competence has criteria and is evaluated by a modality;
//! no activity or bloc is left empty.

use crate::diagnostics::{Diagnostic, Kind};
use crate::model::{ItemRef, Referential};

pub fn validate_referential(r: &Referential) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A draft (imported, `draft: true`) is expected to lack criteria and modalities while
    // its author completes it: said, not refused.
    let gap = |kind, at, message: String| match r.draft {
        true => Diagnostic::warning(kind, at, format!("{message} (draft)")),
        false => Diagnostic::error(kind, at, message),
    };
    for (i, k) in r.competences.iter().enumerate() {
        // A competence whose ID is a duplicate was already reported; its other problems
        // follow from that one.
        if r.lookup(&k.id) != Some(ItemRef::Competence(i)) {
            continue;
        }
        if k.criteria.is_empty() {
            out.push(
                gap(
                    Kind::NoCriterion,
                    k.at.clone(),
                    format!("competence `{}` has no evaluation criterion", k.id),
                )
                .with_suggestion(Some(
                    "nest `criteria:` under it, or list it in a bloc-level criterion's `competences`".into(),
                )),
            );
        }
        if k.modalities.is_empty() {
            let bloc = &r.blocs[k.bloc];
            let modalities: Vec<&str> = bloc
                .modalities
                .iter()
                .map(|&m| r.modalities[m].id.as_str())
                .collect();
            let suggestion = match modalities.as_slice() {
                [] => format!("add a modality to bloc `{}` that evaluates it", bloc.id),
                ids => format!(
                    "add `{}` to the `evaluates` of one of: {}",
                    k.id,
                    ids.join(", ")
                ),
            };
            out.push(
                gap(
                    Kind::NotEvaluated,
                    k.at.clone(),
                    format!("no modality evaluates competence `{}`", k.id),
                )
                .with_suggestion(Some(suggestion)),
            );
        }
    }
    for a in &r.activities {
        if a.competences.is_empty() {
            out.push(Diagnostic::warning(
                Kind::Empty,
                a.at.clone(),
                format!("activity `{}` has no competence", a.id),
            ));
        }
    }
    for b in &r.blocs {
        // A specialisation bloc may be made of training modules only.
        if b.competences.is_empty() && b.modules.is_empty() {
            out.push(Diagnostic::warning(
                Kind::Empty,
                b.at.clone(),
                format!("bloc `{}` has no competence and no module", b.id),
            ));
        }
    }
    out
}
