//! What a referential file cannot lack, once the blocs are shaped: every title and text
//! filled (a placeholder to review where the source had none) and every ID unique (a
//! repeat gets a `-dup2` suffix, and the bloc's references follow the renaming).

use std::collections::HashSet;

use crate::import::draft::{DraftActivity, DraftBloc, DraftCriterion};
use crate::model::anchor;

/// What a referential file cannot lack: every title and text filled (a placeholder to
/// review where the source had none, e.g. a document cut short), every ID unique (a repeat
/// gets a `-dup2` suffix).
pub(super) fn complete(blocs: &mut [DraftBloc], report: &mut Vec<String>) {
    let mut ids = Ids::default();
    for b in blocs.iter_mut() {
        // A bloc or competence renamed because another bloc has its ID: this bloc's
        // references to it mean this one.
        let mut renamed: Vec<(String, String)> = Vec::new();
        let old = b.id.clone();
        ids.unique(&mut b.id, &mut b.review, report);
        if b.id != old {
            renamed.push((old, b.id.clone()));
        }
        fill(&mut b.title, "title", &b.id, &mut b.review, report);
        let mut activities: Vec<&mut DraftActivity> = Vec::new();
        for g in &mut b.groups {
            ids.unique(&mut g.id, &mut g.review, report);
            fill(&mut g.title, "title", &g.id, &mut g.review, report);
            activities.extend(g.activities.iter_mut());
        }
        activities.extend(b.activities.iter_mut());
        for a in activities {
            ids.unique(&mut a.id, &mut a.review, report);
            fill(&mut a.title, "title", &a.id, &mut a.review, report);
            for k in &mut a.competences {
                let old = k.id.clone();
                ids.unique(&mut k.id, &mut k.review, report);
                if k.id != old {
                    renamed.push((old, k.id.clone()));
                }
                fill(&mut k.text, "text", &k.id, &mut k.review, report);
                for c in &mut k.criteria {
                    complete_criterion(&mut ids, c, &k.id, report);
                }
            }
        }
        for c in &mut b.criteria {
            complete_criterion(&mut ids, c, &b.id, report);
        }
        for m in &mut b.modalities {
            if let Some(id) = &mut m.id {
                ids.unique(id, &mut m.review, report);
            }
        }
        let local: Vec<&str> = b
            .groups
            .iter()
            .flat_map(|g| &g.activities)
            .chain(&b.activities)
            .flat_map(|a| &a.competences)
            .map(|k| k.id.as_str())
            .collect();
        let renamed: Vec<(String, String)> = renamed
            .into_iter()
            .filter(|(old, _)| !local.contains(&old.as_str()))
            .collect();
        let rename = |refs: &mut Vec<String>| {
            for r in refs.iter_mut() {
                if let Some((_, new)) = renamed.iter().find(|(old, _)| old == r) {
                    *r = new.clone();
                }
            }
        };
        b.criteria
            .iter_mut()
            .for_each(|c| rename(&mut c.competences));
        b.modalities
            .iter_mut()
            .for_each(|m| rename(&mut m.evaluates));
    }
}

/// A criterion's share of [`complete`]: its ID unique, its text filled. `owner` names it
/// in the report when it has no ID.
fn complete_criterion(
    ids: &mut Ids,
    c: &mut DraftCriterion,
    owner: &str,
    report: &mut Vec<String>,
) {
    if let Some(id) = &mut c.id {
        ids.unique(id, &mut c.review, report);
    }
    let id =
        c.id.clone()
            .unwrap_or_else(|| format!("a criterion of {owner}"));
    fill(&mut c.text, "text", &id, &mut c.review, report);
}

/// The IDs given so far, compared as their page anchors ([`anchor`]: `A1.2` and `A1-2`
/// are the same address).
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    /// Keeps `id` if its anchor is free, else renames it `id-dupN` and says so.
    fn unique(&mut self, id: &mut String, review: &mut Vec<String>, report: &mut Vec<String>) {
        if self.0.insert(anchor(id)) {
            return;
        }
        let mut n = 2;
        while self.0.contains(&anchor(&format!("{id}-dup{n}"))) {
            n += 1;
        }
        let renamed = format!("{id}-dup{n}");
        report.push(format!("`{id}` appears twice: the second is `{renamed}`"));
        review.push(format!(
            "`{id}` appears twice in the source: renamed `{renamed}`"
        ));
        self.0.insert(anchor(&renamed));
        *id = renamed;
    }
}

/// An empty title or text replaced by a placeholder to review.
fn fill(
    text: &mut String,
    what: &str,
    id: &str,
    review: &mut Vec<String>,
    report: &mut Vec<String>,
) {
    if text.trim().is_empty() {
        *text = "À compléter".to_owned();
        review.push(format!("no {what} in the source: write it"));
        report.push(format!("{id}: no {what} found"));
    }
}
