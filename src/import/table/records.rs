//! "Fiches compétences": one small table per competence whose first column holds keys
//! naming what the second holds (`Code` | `C1.1`, `Compétence` | its text, `Critères
//! d'évaluation` | the list, `Modalité d'évaluation` | the exam), a header read downwards.
//! Rebuilt as the table they stand for — the keys as the header, each fiche a row, each
//! bloc heading between them a heading row — so that the layout and the walk read it as
//! any table. Keys naming nothing known (`Conditions de réalisation`) are left out.

use super::cells::{Cell, Line, text_cell};
use super::columns::{Role, names_ids, role_of};

/// Prose lines between a bloc heading and the fiche after it (a sentence on how the bloc
/// is assessed): more, and the heading is not the fiche's.
const PROSE_UNDER_HEADING: usize = 3;

/// One fiche: the line of its first row, and each key's role, text and value.
struct Record {
    line: usize,
    fields: Vec<(Role, String, Cell)>,
}

/// The lines with the fiches made one table; `None` without two fiches naming a
/// competence.
pub(super) fn rebuild(lines: &[Line]) -> Option<Vec<Line>> {
    // Each fiche, or bloc heading, with the index of its first and after its last line.
    let mut pieces: Vec<(usize, usize, Option<Record>, Option<String>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match &lines[i] {
            Line::Row { .. } => {
                let (record, next) = record(lines, i);
                if let Some(r) = record {
                    pieces.push((i, next, Some(r), None));
                }
                i = next.max(i + 1);
            }
            Line::Text { text, .. } if super::bloc_lines::bloc_line(text) => {
                pieces.push((i, i + 1, None, Some(text.trim().to_owned())));
                i += 1;
            }
            _ => i += 1,
        }
    }
    let first = pieces.iter().position(|p| p.2.is_some())?;
    let records = pieces.iter().filter(|p| p.2.is_some()).count();
    if records < 2 {
        return None;
    }
    // The bloc heading just before the first fiche opens the table.
    let mut start = first;
    if first > 0
        && pieces[first - 1].3.is_some()
        && prose_between(lines, pieces[first - 1].1, pieces[first].0) <= PROSE_UNDER_HEADING
    {
        start = first - 1;
    }
    let last = pieces.iter().rposition(|p| p.2.is_some())?;
    let pieces = &pieces[start..=last];
    // The columns, in the order the keys first come.
    let mut columns: Vec<(Role, String)> = Vec::new();
    for r in pieces.iter().filter_map(|p| p.2.as_ref()) {
        for (role, key, _) in &r.fields {
            if !columns.iter().any(|(c, _)| c == role) {
                columns.push((*role, key.clone()));
            }
        }
    }
    let (from, to) = (pieces[0].0, pieces[pieces.len() - 1].1);
    let mut out: Vec<Line> = lines[..from].to_vec();
    out.push(Line::Row {
        line: line_of(&lines[from]),
        cells: columns.iter().map(|(_, k)| text_cell(k)).collect(),
    });
    for (at, _, record, heading) in pieces {
        let cells: Vec<Cell> = match (record, heading) {
            (Some(r), _) => columns
                .iter()
                .map(|(role, _)| {
                    r.fields
                        .iter()
                        .find(|(f, _, _)| f == role)
                        .map_or_else(Cell::default, |(_, _, v)| v.clone())
                })
                .collect(),
            (None, Some(h)) => {
                let mut cells = vec![text_cell(h)];
                cells.resize(columns.len(), Cell::default());
                cells
            }
            (None, None) => continue,
        };
        let line = record
            .as_ref()
            .map_or_else(|| line_of(&lines[*at]), |r| r.line);
        out.push(Line::Row { line, cells });
    }
    out.extend(lines[to..].iter().cloned());
    Some(out)
}

/// The fiche whose rows start at `lines[i]`, and the index after them: rows of two cells,
/// the first a key; it ends at a key already seen (the next fiche's table right after).
fn record(lines: &[Line], i: usize) -> (Option<Record>, usize) {
    let mut fields: Vec<(Role, String, Cell)> = Vec::new();
    let mut keys = 0;
    let mut line = 0;
    let mut j = i;
    while let Some(Line::Row { line: at, cells }) = lines.get(j) {
        let [key, value] = cells.as_slice() else {
            break;
        };
        let name = key.joined();
        let name = name.trim().trim_end_matches(':').trim();
        if name.is_empty() || name.split_whitespace().count() > 5 {
            break;
        }
        let role = match names_ids(name) {
            Some(_) => Some(Role::Id),
            None => role_of(name),
        };
        let seen = role.is_some_and(|role| fields.iter().any(|(r, _, _)| *r == role));
        // The competence or its code again: the next fiche, its table right after.
        if seen && matches!(role, Some(Role::Competence | Role::Id)) {
            break;
        }
        // A title row over the fiche (`Fiche compétence C1.1`, its value empty) and a
        // second key of a column already given (`Indicateurs` after `Critères`) are no
        // column of their own.
        if let Some(role) = role.filter(|_| !seen && !value.is_empty()) {
            fields.push((role, name.to_owned(), value.clone()));
        }
        if keys == 0 {
            line = *at;
        }
        keys += 1;
        j += 1;
    }
    let competence = fields.iter().any(|(r, _, _)| *r == Role::Competence);
    // A fiche has the competence and something else known; a stray two-cell row is none.
    let record = (competence && fields.len() >= 2 && keys >= 2).then_some(Record { line, fields });
    (record, j)
}

/// How many prose lines are between two indexes.
fn prose_between(lines: &[Line], from: usize, to: usize) -> usize {
    lines[from..to]
        .iter()
        .filter(|l| matches!(l, Line::Text { .. }))
        .count()
}

fn line_of(l: &Line) -> usize {
    match l {
        Line::Text { line, .. } | Line::Row { line, .. } => *line,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::cells::read_cell;

    fn row(line: usize, key: &str, value: &str) -> Line {
        Line::Row {
            line,
            cells: vec![read_cell(key), read_cell(value)],
        }
    }

    #[test]
    fn fiches_of_keys_and_values_become_one_row_each() {
        let lines = [
            Line::text(1, "Bloc 1 – Maintenir"),
            Line::text(2, "Ce bloc est évalué en centre."),
            row(3, "Code", "C1.1"),
            row(4, "Compétence", "Préparer l'intervention"),
            row(5, "Conditions de réalisation", "En binôme"),
            row(
                6,
                "Critères d’évaluation",
                "<ul><li>Les pièces sont réunies</li></ul>",
            ),
            Line::Blank,
            Line::Row {
                line: 8,
                cells: vec![read_cell("Fiche compétence C1.2"), Cell::default()],
            },
            row(8, "Code", "C1.2"),
            row(9, "Compétence", "Réaliser l'intervention"),
            row(
                10,
                "Critères d’évaluation",
                "<ul><li>Les serrages sont tracés</li></ul>",
            ),
            Line::text(11, "Le titre est délivré par le jury."),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        let rows = Line::rows(&out);
        assert_eq!(
            rows,
            [
                vec!["Code", "Compétence", "Critères d’évaluation"],
                vec!["Bloc 1 – Maintenir", "", ""],
                vec!["C1.1", "Préparer l'intervention", "Les pièces sont réunies"],
                vec![
                    "C1.2",
                    "Réaliser l'intervention",
                    "Les serrages sont tracés"
                ],
            ]
        );
        assert!(matches!(out.last(), Some(Line::Text { line: 11, .. })));
        // One fiche is no referential of fiches.
        assert!(rebuild(&lines[..7]).is_none());
    }
}
