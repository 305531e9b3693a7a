//! Shaping what the walk recovered into the blocs of a draft: activities with sub-activities
//! become groups (and, in a document without bloc headings, each group a bloc); competences
//! go to their activities; criteria go under the one competence they assess or, naming
//! several, to the bloc; a criterion repeated by a page break is kept once.

mod complete;

use super::exams::draft_modalities;
use super::ids;
use super::walk::{Found, FoundBloc, FoundCriterion, Scope, Target, short};
use complete::complete;

use crate::import::draft::{DraftActivity, DraftBloc, DraftCompetence, DraftCriterion, DraftGroup};

/// The blocs of the draft, and one report line per doubt.
pub fn assemble(mut found: Found) -> (Vec<DraftBloc>, Vec<String>) {
    let mut report = std::mem::take(&mut found.report);
    for bloc in &mut found.blocs {
        single_groups(bloc);
    }
    let blocs = if found.bloc_headings {
        found.blocs
    } else {
        split_by_group(found.blocs, &mut report)
    };
    let mut out = Vec::new();
    for bloc in blocs {
        out.push(draft_bloc(bloc, &mut report));
    }
    complete(&mut out, &mut report);
    (out, report)
}

/// `Activité 2 : Titre` followed by competences and no activity of its own is an activity,
/// not a group: a group is what activities come under.
fn single_groups(bloc: &mut FoundBloc) {
    let n = bloc.activities.len();
    for i in 0..n {
        let next_is_member = bloc.activities.get(i + 1).is_some_and(|next| !next.group);
        if bloc.activities[i].group && !next_is_member {
            bloc.activities[i].group = false;
        }
    }
}

/// Whether activity `id` has sub-activities among `all` (`A.3.1` has `A.3.1.2`).
fn has_children(id: &str, all: &[&str]) -> bool {
    all.iter()
        .any(|other| other.strip_prefix(id).is_some_and(|r| r.starts_with('.')))
}

/// Without bloc headings, each activity group is a bloc of its own.
fn split_by_group(blocs: Vec<FoundBloc>, report: &mut Vec<String>) -> Vec<FoundBloc> {
    let mut out: Vec<FoundBloc> = Vec::new();
    for bloc in blocs {
        let ids: Vec<&str> = bloc.activities.iter().map(|a| a.id.as_str()).collect();
        let groups: Vec<usize> = (0..bloc.activities.len())
            .filter(|&i| bloc.activities[i].group || has_children(&bloc.activities[i].id, &ids))
            .collect();
        if groups.is_empty() {
            report.push(
                "no bloc heading and no activity group: everything is in one bloc `B1`; give it its title"
                    .into(),
            );
            out.push(bloc);
            continue;
        }
        // Which new bloc each activity goes to: the last group opened before it.
        let mut owner = vec![0usize; bloc.activities.len()];
        let mut g = 0;
        for (i, slot) in owner.iter_mut().enumerate() {
            if let Some(pos) = groups.iter().position(|&x| x == i) {
                g = pos;
            }
            *slot = g;
        }
        let first = out.len();
        for &gi in &groups {
            let a = &bloc.activities[gi];
            let n = ids::numbers(&a.id)
                .first()
                .copied()
                .unwrap_or(out.len() as u32 + 1);
            out.push(FoundBloc {
                id: format!("B{n}"),
                title: a.title.clone(),
                ..FoundBloc::default()
            });
        }
        let mut activity_map = vec![(0usize, 0usize); bloc.activities.len()];
        for (i, a) in bloc.activities.into_iter().enumerate() {
            let target = &mut out[first + owner[i]];
            target.activities.push(a);
            activity_map[i] = (first + owner[i], target.activities.len() - 1);
        }
        let mut competence_map = vec![(first, 0usize); bloc.competences.len()];
        for (k, mut c) in bloc.competences.into_iter().enumerate() {
            let (b, a) = c.activity.map_or((first, 0), |a| activity_map[a]);
            c.activity = c.activity.map(|_| a);
            let target = &mut out[b];
            target.competences.push(c);
            competence_map[k] = (b, target.competences.len() - 1);
        }
        for mut criterion in bloc.criteria {
            let row = criterion.row.map(|k| competence_map[k]);
            let b = match &criterion.target {
                Target::Row(k) => {
                    let (b, k2) = competence_map[*k];
                    criterion.target = Target::Row(k2);
                    b
                }
                Target::Many(ks) if !ks.is_empty() => {
                    let b = competence_map[ks[0]].0;
                    let ks = ks
                        .iter()
                        .map(|&k| competence_map[k])
                        .filter(|(kb, _)| *kb == b)
                        .map(|(_, k)| k)
                        .collect();
                    criterion.target = Target::Many(ks);
                    b
                }
                _ => row.map_or(first, |(b, _)| b),
            };
            criterion.row = row.filter(|(rb, _)| *rb == b).map(|(_, k)| k);
            out[b].criteria.push(criterion);
        }
        for mut m in bloc.modalities {
            let b = m.rows.first().map_or(first, |&k| competence_map[k].0);
            m.rows = m
                .rows
                .iter()
                .filter(|&&k| competence_map[k].0 == b)
                .map(|&k| competence_map[k].1)
                .collect();
            if let Scope::Group(a) = m.scope {
                m.scope = Scope::Group(activity_map[a].1);
            }
            out[b].modalities.push(m);
        }
    }
    out
}

fn draft_bloc(bloc: FoundBloc, report: &mut Vec<String>) -> DraftBloc {
    let FoundBloc {
        id,
        title,
        activities,
        competences,
        criteria,
        modalities,
    } = bloc;
    let all: Vec<&str> = activities.iter().map(|a| a.id.as_str()).collect();
    let is_group: Vec<bool> = activities
        .iter()
        .map(|a| a.group || has_children(&a.id, &all))
        .collect();
    let competence_ids: Vec<String> = competences.iter().map(|c| c.id.clone()).collect();

    // Criteria: resolve whom each assesses, drop page-break repeats.
    let mut nested: Vec<Vec<DraftCriterion>> = vec![Vec::new(); competences.len()];
    let mut shared: Vec<DraftCriterion> = Vec::new();
    let criteria = drop_repeats(criteria, &competence_ids, report);
    let mut bloc_review = Vec::new();
    for c in criteria {
        let (mut targets, mut review) = resolve_target(&c, &competence_ids);
        if let (true, Some(k)) = (targets.is_empty(), c.row) {
            review.push("placed under the competence of its row".into());
            targets.push(k);
        }
        let mut text = c.text;
        let mut indicators = c.indicators;
        if text.is_empty() {
            text = indicators
                .iter()
                .map(|i| format!("- {i}"))
                .collect::<Vec<_>>()
                .join("\n");
            indicators.clear();
            review.push("no heading in the source: its points are written as its text".into());
        }
        for r in &review {
            report.push(format!(
                "line {}: criterion «{}»: {r}",
                c.line,
                short(&text)
            ));
        }
        let criterion = DraftCriterion {
            id: c.id,
            text,
            indicators,
            competences: Vec::new(),
            review,
        };
        match targets.as_slice() {
            [k] => nested[*k].push(criterion),
            [] => {
                report.push(format!(
                    "line {}: criterion «{}» relates to no competence found; it is kept as a comment on the bloc",
                    c.line,
                    short(&criterion.text)
                ));
                bloc_review.push(format!(
                    "a criterion relating to no competence found: {}",
                    criterion.text
                ));
            }
            many => shared.push(DraftCriterion {
                competences: many.iter().map(|&k| competence_ids[k].clone()).collect(),
                ..criterion
            }),
        }
    }
    // Competences under their activities.
    let mut drafts: Vec<DraftActivity> = activities
        .iter()
        .map(|a| DraftActivity {
            id: a.id.clone(),
            title: a.title.clone(),
            ..DraftActivity::default()
        })
        .collect();
    let mut orphans: Vec<DraftCompetence> = Vec::new();
    let placed = place_by_number(&activities, &is_group, &competences);
    for (k, (c, place)) in competences.into_iter().zip(placed).enumerate() {
        let draft = DraftCompetence {
            id: c.id,
            text: c.text,
            criteria: std::mem::take(&mut nested[k]),
            review: Vec::new(),
        };
        // A competence read under a group heading goes to the group's last sub-activity
        // before it, or stays an orphan.
        match place {
            Some(a) => drafts[a].competences.push(draft),
            None => orphans.push(draft),
        }
    }
    if !orphans.is_empty() {
        let ids: Vec<&str> = orphans.iter().map(|c| c.id.as_str()).collect();
        report.push(format!(
            "bloc {id}: competences {} come before any activity; they are under activity `{id}.A0`",
            ids.join(", ")
        ));
        // A bloc without any activity (an empty or absent activities column) is one
        // activity: it is titled after the bloc.
        let (activity_title, why) = if activities.is_empty() && !title.trim().is_empty() {
            (
                title.clone(),
                "the source gives no activity in this bloc: titled after the bloc",
            )
        } else {
            (
                "À compléter".to_owned(),
                "the source gives no activity for these competences",
            )
        };
        drafts.insert(
            0,
            DraftActivity {
                id: format!("{id}.A0"),
                title: activity_title,
                competences: orphans,
                review: vec![why.into()],
            },
        );
    }
    let offset = usize::from(drafts.len() > activities.len());
    // Groups hold the activities whose IDs extend theirs.
    let mut groups: Vec<DraftGroup> = Vec::new();
    let mut direct: Vec<DraftActivity> = Vec::new();
    let group_ids: Vec<(usize, String)> = activities
        .iter()
        .enumerate()
        .filter(|(i, _)| is_group[*i])
        .map(|(i, a)| (i, a.id.clone()))
        .collect();
    let mut group_index: Vec<Option<usize>> = vec![None; activities.len()];
    for (n, (i, _)) in group_ids.iter().enumerate() {
        group_index[*i] = Some(n);
        groups.push(DraftGroup {
            id: activities[*i].id.clone(),
            title: activities[*i].title.clone(),
            summary: activities[*i].summary.clone(),
            ..DraftGroup::default()
        });
    }
    let mut last_group: Option<usize> = None;
    for (i, draft) in drafts.into_iter().enumerate() {
        let Some(a) = i.checked_sub(offset) else {
            direct.push(draft);
            continue;
        };
        if let Some(g) = group_index[a] {
            last_group = Some(g);
            continue;
        }
        // The group whose ID is the longest prefix; else the group it was read under.
        let by_id = group_ids
            .iter()
            .enumerate()
            .filter(|(_, (_, gid))| {
                draft
                    .id
                    .strip_prefix(gid.as_str())
                    .is_some_and(|r| r.starts_with('.'))
            })
            .max_by_key(|(_, (_, gid))| gid.len())
            .map(|(n, _)| n);
        // A sibling of the group (`A.2` after group `A.1`) is not in it.
        let sibling = last_group.is_some_and(|g| {
            let depth = |id: &str| ids::numbers(id).len();
            depth(&draft.id) > 0 && depth(&draft.id) <= depth(&groups[g].id)
        });
        let last_group = last_group.filter(|_| !sibling);
        match by_id.or(last_group) {
            Some(g) => groups[g].activities.push(draft),
            None => direct.push(draft),
        }
    }
    for g in &mut groups {
        if g.activities.is_empty() {
            g.review.push("no activity found under this group".into());
            bloc_review.push(format!("group {} has no activity", g.id));
        }
    }
    let summaries: Vec<&str> = activities
        .iter()
        .zip(&is_group)
        .filter(|(_, g)| !**g)
        .filter_map(|(a, _)| a.summary.as_deref())
        .collect();
    let summary = (!summaries.is_empty()).then(|| summaries.join("\n\n"));
    let modalities = draft_modalities(&id, modalities, &competence_ids, &activities, report);
    if title.is_empty() {
        bloc_review.push("no title found: write it".into());
    }
    DraftBloc {
        id,
        title,
        summary,
        groups,
        activities: direct,
        criteria: shared,
        modalities,
        review: bloc_review,
    }
}

/// The activity of each competence: the one it was read under, unless an activity that got
/// none carries its number (`C.1.2a` → `A.1.2`): several activities listed in one cell, or
/// an activity row printed after its competences.
fn place_by_number(
    activities: &[super::walk::FoundActivity],
    is_group: &[bool],
    competences: &[super::walk::FoundCompetence],
) -> Vec<Option<usize>> {
    let read: Vec<Option<usize>> = competences
        .iter()
        .map(|c| c.activity.filter(|&a| !is_group[a]))
        .collect();
    let empty: Vec<bool> = (0..activities.len())
        .map(|a| !is_group[a] && !read.contains(&Some(a)))
        .collect();
    competences
        .iter()
        .zip(&read)
        .map(|(c, &read)| {
            let n = ids::numbers(&c.id);
            let by_number =
                (0..activities.len()).find(|&a| empty[a] && ids::numbers(&activities[a].id) == n);
            by_number.or(read)
        })
        .collect()
}

/// A criterion read twice (a row repeated across a page break): the copy with fewer points,
/// same heading and same competences, is dropped.
fn drop_repeats(
    criteria: Vec<FoundCriterion>,
    competence_ids: &[String],
    report: &mut Vec<String>,
) -> Vec<FoundCriterion> {
    let keys: Vec<Vec<usize>> = criteria
        .iter()
        .map(|c| resolve_target(c, competence_ids).0)
        .collect();
    let mut dropped = vec![false; criteria.len()];
    for i in 0..criteria.len() {
        for j in 0..criteria.len() {
            if i == j || dropped[j] || keys[i] != keys[j] || criteria[i].id != criteria[j].id {
                continue;
            }
            let (a, b) = (&criteria[i], &criteria[j]);
            let contained = a.indicators.iter().all(|x| b.indicators.contains(x));
            let (n, m) = (a.indicators.len(), b.indicators.len());
            // The copy without its heading, or with fewer points, or the later one.
            let lesser = (a.text.is_empty() && !b.text.is_empty())
                || (a.text == b.text && (n < m || (n == m && i > j)));
            if a.id.is_none() && contained && lesser {
                dropped[i] = true;
                let what = if a.text.is_empty() {
                    a.indicators.join(" ")
                } else {
                    a.text.clone()
                };
                report.push(format!(
                    "line {}: criterion «{}» repeats the one of line {} (page break); kept once",
                    a.line,
                    short(&what),
                    b.line
                ));
                break;
            }
        }
    }
    criteria
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(c, _)| c)
        .collect()
}

/// The competences (indices) a criterion assesses, and doubts about them.
fn resolve_target(c: &FoundCriterion, competence_ids: &[String]) -> (Vec<usize>, Vec<String>) {
    let mut review = Vec::new();
    let targets = match &c.target {
        Target::Row(k) => vec![*k],
        Target::Numbered => {
            let n = c.id.as_deref().map(ids::numbers).unwrap_or_default();
            let parent = &n[..n.len().saturating_sub(1)];
            // Lettered competences share their number (`1.2.1` assesses `C1.2a`, `C1.2b`).
            let mut all: Vec<usize> = (0..competence_ids.len())
                .filter(|&k| ids::numbers(&competence_ids[k]) == parent)
                .collect();
            // A competence numbered in its bloc (`C2.1`, outcome `1.` of bloc 2) carries
            // the number of its criteria (`1.1`) after the bloc's.
            if all.is_empty() && !parent.is_empty() {
                all = (0..competence_ids.len())
                    .filter(|&k| ids::numbers(&competence_ids[k]).get(1..) == Some(parent))
                    .collect();
            }
            if all.is_empty() {
                review.push("no competence carries its number".into());
            }
            all
        }
        Target::Refs(refs) => ids::expand(refs, competence_ids, &mut review),
        Target::Many(ks) => {
            let mut ks = ks.clone();
            ks.sort_unstable();
            ks.dedup();
            ks
        }
        Target::Exam(_) => Vec::new(),
    };
    (targets, review)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_expand_to_lettered_competences() {
        let ids: Vec<String> = ["C.4.3a", "C.4.3b", "C.4.4", "C.4.4b"]
            .map(String::from)
            .into();
        let mut review = Vec::new();
        assert_eq!(ids::expand(&["C.4.3".into()], &ids, &mut review), [0, 1]);
        assert!(review.is_empty());
        assert_eq!(
            ids::expand(&["C.4.4a".into(), "C.4.4b".into()], &ids, &mut review),
            [2, 3]
        );
        assert_eq!(
            review,
            ["`C.4.4a` read as `C.4.4` (no competence `C.4.4a`)"]
        );
    }

    #[test]
    fn completing_renames_ids_sharing_an_anchor_and_fills_what_is_missing() {
        let criterion = |id: Option<&str>, text: &str| DraftCriterion {
            id: id.map(String::from),
            text: text.into(),
            ..DraftCriterion::default()
        };
        let mut blocs = vec![DraftBloc {
            id: "B1".into(),
            title: "Bloc".into(),
            activities: vec![DraftActivity {
                id: "A1.2".into(),
                title: String::new(),
                competences: vec![DraftCompetence {
                    id: "C1".into(),
                    text: "Faire".into(),
                    criteria: vec![criterion(Some("Cr1"), "Juste"), criterion(None, " ")],
                    ..DraftCompetence::default()
                }],
                ..DraftActivity::default()
            }],
            // `A1-2` is the page address of `A1.2`; `cr1` that of `Cr1`.
            criteria: vec![criterion(Some("A1-2"), "x"), criterion(Some("cr1"), "y")],
            ..DraftBloc::default()
        }];
        let mut report = Vec::new();
        complete(&mut blocs, &mut report);
        let b = &blocs[0];
        let a = &b.activities[0];
        assert_eq!(a.title, "À compléter");
        assert_eq!(a.review, ["no title in the source: write it"]);
        let k = &a.competences[0];
        assert_eq!(k.criteria[1].text, "À compléter");
        assert_eq!(
            (b.criteria[0].id.as_deref(), b.criteria[1].id.as_deref()),
            (Some("A1-2-dup2"), Some("cr1-dup2"))
        );
        assert_eq!(
            b.criteria[1].review,
            ["`cr1` appears twice in the source: renamed `cr1-dup2`"]
        );
        assert_eq!(
            report,
            [
                "A1.2: no title found",
                "a criterion of C1: no text found",
                "`A1-2` appears twice: the second is `A1-2-dup2`",
                "`cr1` appears twice: the second is `cr1-dup2`",
            ]
        );
    }
}
