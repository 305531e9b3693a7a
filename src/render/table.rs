//! The layout of the canonical four-column table (Activités | Compétences | Modalités |
//! Critères) of one bloc: one row per competence, activity-group header rows, and the row
//! spans a certifier prints. Pure: indices in, layout out; the page view fills in texts.

use crate::model::Referential;

/// One row of a bloc's table body.
#[derive(Debug, PartialEq, Eq)]
pub enum Row {
    /// A full-width header for an activity group.
    Group(usize),
    /// A competence row. A cell is `None` where a cell above spans over this row.
    Competence {
        competence: usize,
        activity: Option<Span>,
        modalities: Option<SpannedItems>,
        criteria: Option<SpannedItems>,
    },
}

/// A cell spanning `rows` rows.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct Span {
    pub item: usize,
    pub rows: usize,
}

/// A cell listing `items` (modality or criterion indices), spanning `rows` rows.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct SpannedItems {
    pub items: Vec<usize>,
    pub rows: usize,
}

/// Lays out bloc `b`: group header rows, then per competence its cells. Consecutive rows
/// of one activity share the activity cell; consecutive rows with the same non-empty set of
/// modalities (or criteria) share that cell. Spans never cross a group header.
pub fn layout_bloc(r: &Referential, b: usize) -> Vec<Row> {
    let bloc = &r.blocs[b];
    let mut rows = Vec::new();
    // Segments of competences between group headers.
    let mut segment: Vec<usize> = Vec::new();
    let mut current_group = None;
    for &a in &bloc.activities {
        let activity = &r.activities[a];
        if activity.group != current_group {
            flush(r, &mut segment, &mut rows);
            current_group = activity.group;
            if let Some(g) = current_group {
                rows.push(Row::Group(g));
            }
        }
        segment.extend(&activity.competences);
    }
    flush(r, &mut segment, &mut rows);
    rows
}

fn flush(r: &Referential, segment: &mut Vec<usize>, rows: &mut Vec<Row>) {
    let competences = std::mem::take(segment);
    let activity_of = |k: usize| r.competences[k].activity;
    let activities = spans(&competences, |k| Some(activity_of(k)));
    let modalities = spans(&competences, |k| nonempty(&r.competences[k].modalities));
    let criteria = spans(&competences, |k| nonempty(&r.competences[k].criteria));
    for (i, &k) in competences.iter().enumerate() {
        rows.push(Row::Competence {
            competence: k,
            activity: activities[i].map(|rows| Span {
                item: activity_of(k),
                rows,
            }),
            modalities: modalities[i].map(|rows| SpannedItems {
                items: r.competences[k].modalities.clone(),
                rows,
            }),
            criteria: criteria[i].map(|rows| SpannedItems {
                items: r.competences[k].criteria.clone(),
                rows,
            }),
        });
    }
}

fn nonempty(v: &[usize]) -> Option<Vec<usize>> {
    (!v.is_empty()).then(|| v.to_vec())
}

/// For each position: `Some(n)` when a cell starts there spanning `n` rows, `None` when
/// covered. Consecutive equal `Some` keys merge; `None` keys never merge.
fn spans<K: PartialEq>(items: &[usize], key: impl Fn(usize) -> Option<K>) -> Vec<Option<usize>> {
    let keys: Vec<Option<K>> = items.iter().map(|&k| key(k)).collect();
    let mut out = vec![None; items.len()];
    let mut start = 0;
    while start < keys.len() {
        let mut end = start + 1;
        while keys[start].is_some() && end < keys.len() && keys[end] == keys[start] {
            end += 1;
        }
        out[start] = Some(end - start);
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::spans;

    #[test]
    fn equal_neighbours_merge_and_none_never_does() {
        let keys = [Some(1), Some(1), Some(2), None, None, Some(2)];
        let got = spans(&[0, 1, 2, 3, 4, 5], |i| keys[i]);
        assert_eq!(got, vec![Some(2), None, Some(1), Some(1), Some(1), Some(1)]);
    }

    #[test]
    fn empty_input_gives_no_cells() {
        assert!(spans(&[], |_| Some(0)).is_empty());
    }
}
