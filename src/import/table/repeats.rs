//! Cells written again on every row they cover. A database's or spreadsheet's export of a
//! referential writes one record per criterion, the bloc, the competence and the exam
//! repeated on each (where a word processor would merge the cell down): in a table whose
//! competences column repeats a cell of the row above, every cell equal to the one above
//! it in a column of blocs, activities, competences, exams or IDs is read as that cell
//! continued (a vertical merge), so the competence is one, with all its criteria. A record
//! whose competence repeats an earlier one of the same bloc, other records between, is
//! moved after that one's last record first; an empty cell between two repeats of a cell
//! does not end them.

use super::cells::Cell;
use super::columns::Role;
use super::layout::{Layout, Row};

/// Columns whose cell, printed again, is the same item (criteria are each their own).
fn repeatable(role: Role) -> bool {
    matches!(
        role,
        Role::Bloc | Role::Activity | Role::Competence | Role::Modality | Role::Id
    )
}

fn heading(row: &Row) -> bool {
    row.cells.iter().skip(1).all(Cell::is_empty)
}

/// Merges the repeated cells of `layout`'s tables; the text of each cell merged, with its
/// line (a copy, not text of its own: the share of text kept does not count it).
pub fn merge(layout: &mut Layout) -> Vec<(usize, String)> {
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain(layout.switches.iter().map(|(at, _)| *at))
        .collect();
    bounds.push(layout.rows.len());
    let mut merged = Vec::new();
    for seg in 0..bounds.len() - 1 {
        let roles = match seg {
            0 => layout.roles.clone(),
            n => layout.switches[n - 1].1.clone(),
        };
        let rows = &mut layout.rows[bounds[seg]..bounds[seg + 1]];
        let Some(k) = roles.iter().position(|r| *r == Role::Competence) else {
            continue;
        };
        // The competence column (or its IDs just before it) repeats the row above.
        let key_columns: Vec<usize> = [Some(k), k.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter(|&c| roles[c] == Role::Competence || roles[c] == Role::Id)
            .collect();
        // The row just above, or the one above it (a record between).
        let repeats = rows.windows(2).any(|w| {
            !heading(&w[0]) && !heading(&w[1]) && key_columns.iter().any(|&c| same(&w[0], &w[1], c))
        }) || rows.windows(3).any(|w| {
            w.iter().all(|r| !heading(r)) && key_columns.iter().any(|&c| same(&w[0], &w[2], c))
        });
        if !repeats {
            continue;
        }
        // The columns before the competence that say which bloc or activity a record is of.
        let outer: Vec<usize> = (0..k)
            .filter(|&c| !key_columns.contains(&c) && repeatable(roles[c]))
            .collect();
        gather(rows, &key_columns, &outer);
        for c in (0..roles.len()).filter(|&c| repeatable(roles[c])) {
            // The text of the cell the merge started with, while rows repeat it.
            let mut above: Option<String> = None;
            for row in rows.iter_mut() {
                if heading(row) {
                    above = None;
                    continue;
                }
                let Some(cell) = row.cells.get_mut(c) else {
                    above = None;
                    continue;
                };
                let text = cell.joined();
                // An empty cell between two repeats does not end them.
                if text.is_empty() {
                    continue;
                }
                if above.as_deref() == Some(text.as_str()) {
                    let copy = std::mem::replace(
                        cell,
                        Cell {
                            below: true,
                            ..Cell::default()
                        },
                    );
                    merged.extend(copy.blocks.into_iter().map(|b| (row.line, b.text)));
                } else {
                    above = Some(text);
                }
            }
        }
    }
    merged
}

/// Moves each record whose key cells repeat an earlier record's (the same bloc and
/// activity, no heading between), other records between, to just after that record.
fn gather(rows: &mut [Row], key_columns: &[usize], outer: &[usize]) {
    let text = |row: &Row, c: usize| row.cells.get(c).map(Cell::joined).unwrap_or_default();
    let key = |row: &Row| -> Vec<String> { key_columns.iter().map(|&c| text(row, c)).collect() };
    for i in 2..rows.len() {
        let k = key(&rows[i]);
        if heading(&rows[i]) || k.iter().all(String::is_empty) || key(&rows[i - 1]) == k {
            continue;
        }
        let mut target = None;
        for j in (0..i - 1).rev() {
            if heading(&rows[j]) {
                break;
            }
            if key(&rows[j]) == k {
                target = Some(j);
                break;
            }
        }
        if let Some(j) = target
            && outer
                .iter()
                .all(|&c| text(&rows[j], c) == text(&rows[i], c))
        {
            rows[j + 1..=i].rotate_right(1);
        }
    }
}

fn same(a: &Row, b: &Row, column: usize) -> bool {
    match (a.cells.get(column), b.cells.get(column)) {
        (Some(x), Some(y)) => !x.is_empty() && x.joined() == y.joined(),
        _ => false,
    }
}
