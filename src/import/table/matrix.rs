//! An evaluation grid ("grille d'évaluation"): a matrix whose column heads are the
//! competences (`C1 - …` beside a `Critères d'évaluation` head), whose rows are the
//! criteria, and whose cells mark with `X` the competences each criterion assesses. Its
//! lines are rewritten into the shape the rest of the importer reads, a table
//! `Compétences | Critères d'évaluation`: one row per competence, the criteria marked for
//! it alone as the items of its criteria cell; a criterion marked for several competences
//! goes in a row after them, under "En relation avec les compétences C1 & C2" (the
//! referential's criteria shared by several competences). The rows around a grid (its
//! bloc heading, its exam) stay as they are; the grids after the first lose their head
//! (the rewritten table goes on over them).

use super::cells::{Block, Cell, Line, Mark};
use super::columns::{Role, role_of};
use super::label::{self, Kind};

/// A cell saying that its row's criterion assesses its column's competence.
fn mark(cell: &Cell) -> Option<bool> {
    let t = cell.joined();
    match t.trim() {
        "" => Some(false),
        "X" | "x" | "✓" | "✔" | "✗" | "✘" | "●" | "•" | "■" => Some(true),
        _ => None,
    }
}

/// The competences of a grid's head row: the index of its criteria column, then each
/// competence column's index and ID. None unless every other filled cell opens with a
/// competence's ID, two at least.
fn head(cells: &[Cell]) -> Option<(usize, Vec<(usize, String)>)> {
    let criteria = cells.iter().position(|c| !c.is_empty())?;
    if role_of(&cells[criteria].joined()) != Some(Role::Criteria) {
        return None;
    }
    let mut competences = Vec::new();
    for (n, c) in cells.iter().enumerate().skip(criteria + 1) {
        if c.is_empty() {
            continue;
        }
        let l = label::label(&c.joined()).filter(|l| l.kind == Kind::Competence)?;
        if l.rest.is_empty() {
            return None;
        }
        competences.push((n, l.id));
    }
    (competences.len() >= 2).then_some((criteria, competences))
}

fn block(mark: Mark, text: String) -> Block {
    Block {
        mark,
        text,
        italic: false,
    }
}

fn cell_of(blocks: Vec<Block>) -> Cell {
    Cell {
        blocks,
        paragraphs: true,
        ..Cell::default()
    }
}

/// The lines with every evaluation grid rewritten (see the module's comment), and whether
/// one was.
pub fn apply(lines: Vec<Line>) -> (Vec<Line>, bool) {
    let mut out = Vec::with_capacity(lines.len());
    let mut seen = false;
    let mut i = 0;
    while i < lines.len() {
        let Some((line, (criteria, competences), cells)) = (match &lines[i] {
            Line::Row { line, cells } => head(cells).map(|h| (*line, h, cells)),
            _ => None,
        }) else {
            out.push(lines[i].clone());
            i += 1;
            continue;
        };
        // The criteria rows: a text, then only marks, one at least.
        let mut rows: Vec<(usize, String, Vec<usize>)> = Vec::new();
        let start = i;
        i += 1;
        while let Some(Line::Row { line, cells: row }) = lines.get(i) {
            let text = row.get(criteria).map(Cell::joined).unwrap_or_default();
            let marks: Option<Vec<bool>> = competences
                .iter()
                .map(|&(n, _)| row.get(n).map_or(Some(false), mark))
                .collect();
            let others_empty = row.iter().enumerate().all(|(n, c)| {
                n == criteria || competences.iter().any(|&(k, _)| k == n) || c.is_empty()
            });
            match marks {
                Some(marks) if !text.is_empty() && others_empty && marks.contains(&true) => {
                    let of: Vec<usize> = (0..marks.len()).filter(|&k| marks[k]).collect();
                    rows.push((*line, text, of));
                    i += 1;
                }
                _ => break,
            }
        }
        if rows.is_empty() {
            // Competences over no marks: some other table.
            out.push(lines[start].clone());
            i = start + 1;
            continue;
        }
        if !seen {
            let names = ["Compétences", "Critères d'évaluation"];
            out.push(Line::Row {
                line,
                cells: names
                    .iter()
                    .map(|n| cell_of(vec![block(Mark::Para, (*n).to_owned())]))
                    .collect(),
            });
            seen = true;
        }
        for (k, (n, _)) in competences.iter().enumerate() {
            let own: Vec<Block> = rows
                .iter()
                .filter(|(_, _, of)| of.as_slice() == [k])
                .map(|(_, t, _)| block(Mark::Dash, t.clone()))
                .collect();
            out.push(Line::Row {
                line,
                cells: vec![cells[*n].clone(), cell_of(own)],
            });
        }
        for (row_line, text, of) in rows.iter().filter(|(_, _, of)| of.len() > 1) {
            let ids: Vec<&str> = of.iter().map(|&k| competences[k].1.as_str()).collect();
            let lead = format!("En relation avec les compétences {}", ids.join(" & "));
            out.push(Line::Row {
                line: *row_line,
                cells: vec![
                    Cell::default(),
                    cell_of(vec![
                        block(Mark::Para, lead),
                        block(Mark::Bullet, text.clone()),
                    ]),
                ],
            });
        }
    }
    (out, seen)
}

#[cfg(test)]
mod tests {
    use super::super::cells::read_cell;
    use super::*;

    fn row(line: usize, cells: &[&str]) -> Line {
        Line::Row {
            line,
            cells: cells.iter().map(|c| read_cell(c)).collect(),
        }
    }

    fn texts(lines: &[Line]) -> Vec<Vec<String>> {
        lines
            .iter()
            .filter_map(|l| match l {
                Line::Row { cells, .. } => Some(
                    cells
                        .iter()
                        .map(|c| {
                            c.blocks
                                .iter()
                                .map(|b| format!("{:?}:{}", b.mark, b.text))
                                .collect::<Vec<_>>()
                                .join("|")
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_grid_becomes_rows_of_competences_and_their_criteria() {
        let lines = vec![
            row(
                1,
                &["Critères d'évaluation", "C1 - Préparer", "C2 - Nettoyer"],
            ),
            row(2, &["Le chariot est prêt", "X", ""]),
            row(3, &["Les dosages sont respectés", "x", "X"]),
            row(4, &["La chambre est propre", "", "X"]),
            row(5, &["Modalité : mise en situation", "", ""]),
        ];
        let (out, found) = apply(lines);
        assert!(found);
        assert_eq!(
            texts(&out),
            [
                vec!["Para:Compétences", "Para:Critères d'évaluation"],
                vec!["Para:C1 - Préparer", "Dash:Le chariot est prêt"],
                vec!["Para:C2 - Nettoyer", "Dash:La chambre est propre"],
                vec![
                    "",
                    "Para:En relation avec les compétences C1 & C2|Bullet:Les dosages sont respectés"
                ],
                vec!["Para:Modalité : mise en situation", "", ""],
            ]
        );
        // A table whose cells are not marks is no grid.
        let lines = vec![
            row(
                1,
                &["Critères d'évaluation", "C1 - Préparer", "C2 - Nettoyer"],
            ),
            row(2, &["Le chariot est prêt", "Oral", ""]),
        ];
        let (out, _) = apply(lines.clone());
        assert_eq!(texts(&out)[1], texts(&lines)[1]);
        let (_, found) = apply(vec![row(1, &["Compétences", "Critères"])]);
        assert!(!found);
    }
}
