//! A referential table turned on its side: a first column of row heads naming what each
//! row holds (`Activités`, `Compétences`, `Critères d’évaluation`, `Modalités
//! d’évaluation`) and one column per bloc, the first row naming the blocs (`Bloc 1 – …`).
//! Rewritten into the shape the rest of the importer reads: a header row of the row heads,
//! then for each bloc column a heading row naming the bloc and a row of its cells.

use super::cells::{Cell, Line, text_cell};
use super::columns::{Role, role_of};

/// What a row head names, when it names a column of a referential table: a few words
/// without a number (a colon after them, `Compétences :`, is the head's own; `Activité 1 :
/// …` is an item, not a head).
fn head(cell: &Cell) -> Option<Role> {
    let [block] = cell.blocks.as_slice() else {
        return None;
    };
    let name = block.text.trim().trim_end_matches(':').trim();
    if name.split_whitespace().count() > 5 || name.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let role = role_of(name)?;
    matches!(
        role,
        Role::Activity | Role::Competence | Role::Criteria | Role::Modality
    )
    .then_some(role)
}

/// Whether the rows of a table (its first row apart) are turned on their side: three row
/// heads or more naming columns, the competences among them, each named once (a table of
/// typed rows names them again and again), none of their rows a header (its other cells
/// naming columns too, as a header repeated at a page break does), and two blocs or more
/// beside them (a table of two columns is a fiche of keys and values, read as such).
fn transposed(rows: &[(usize, &Vec<Cell>)]) -> bool {
    if rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0) < 3 {
        return false;
    }
    let mut roles = Vec::new();
    for (_, cells) in &rows[1..] {
        let Some(role) = cells.first().and_then(head) else {
            continue;
        };
        let rest: Vec<&Cell> = cells[1..].iter().filter(|c| !c.is_empty()).collect();
        if rest.is_empty() || rest.iter().all(|c| role_of(&c.joined()).is_some()) {
            return false;
        }
        if roles.contains(&role) {
            return false;
        }
        roles.push(role);
    }
    roles.len() >= 3 && roles.contains(&Role::Competence)
}

/// The lines with every table turned on its side put upright (see the module's comment),
/// and the row heads' text where it was (the header's now, not the referential's text).
pub fn apply(lines: Vec<Line>) -> (Vec<Line>, Vec<(usize, String)>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut moved = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let rows: Vec<(usize, &Vec<Cell>)> = lines[i..]
            .iter()
            .map_while(|l| match l {
                Line::Row { line, cells } => Some((*line, cells)),
                _ => None,
            })
            .collect();
        if rows.len() < 4 || !transposed(&rows) {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        let width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        let heads: Vec<Cell> = rows[1..]
            .iter()
            .map(|(_, c)| {
                let name = c.first().map(Cell::joined).unwrap_or_default();
                text_cell(name.trim().trim_end_matches(':').trim())
            })
            .collect();
        for (line, cells) in &rows[1..] {
            let blocks = cells.first().map_or(&[][..], |c| c.blocks.as_slice());
            moved.extend(blocks.iter().map(|b| (*line, b.text.clone())));
        }
        let (first_line, names) = rows[0];
        out.push(Line::Row {
            line: first_line,
            cells: heads.clone(),
        });
        let body_line = rows[1].0;
        for column in 1..width {
            if let Some(name) = names.get(column).filter(|c| !c.is_empty()) {
                let mut heading = vec![upright(name)];
                heading.resize(heads.len(), Cell::default());
                out.push(Line::Row {
                    line: first_line,
                    cells: heading,
                });
            }
            let cells: Vec<Cell> = rows[1..]
                .iter()
                .map(|(_, c)| c.get(column).map(upright).unwrap_or_default())
                .collect();
            if cells.iter().any(|c| !c.is_empty()) {
                out.push(Line::Row {
                    line: body_line,
                    cells,
                });
            }
        }
        i += rows.len();
    }
    (out, moved)
}

/// A cell moved from its column to its row: one that spanned columns now spans rows.
fn upright(cell: &Cell) -> Cell {
    let mut c = cell.clone();
    c.below = cell.left;
    c.left = cell.below;
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::cells::read_cell;

    fn row(line: usize, cells: &[&str]) -> Line {
        Line::Row {
            line,
            cells: cells.iter().map(|c| read_cell(c)).collect(),
        }
    }

    #[test]
    fn one_column_per_bloc_becomes_one_row_per_bloc() {
        let lines = vec![
            Line::text(1, "Référentiel"),
            row(2, &["Blocs", "Bloc 1 – Poser", "Bloc 2 – Raccorder"]),
            row(3, &["Activités", "A1 Pose", "A2 Raccordement"]),
            row(
                4,
                &["Compétences :", "C1 Poser les modules", "C2 Raccorder"],
            ),
            row(
                5,
                &["Critères d’évaluation", "<p>Les modules sont fixés</p>", ""],
            ),
            row(
                6,
                &[
                    "Modalités d’évaluation",
                    "Mise en situation",
                    "Étude de cas",
                ],
            ),
            Line::text(7, "Fin."),
        ];
        let (out, moved) = apply(lines);
        assert_eq!(moved[0], (3, "Activités".to_owned()));
        let rows = Line::rows(&out);
        assert_eq!(
            rows[0],
            [
                "Activités",
                "Compétences",
                "Critères d’évaluation",
                "Modalités d’évaluation"
            ]
        );
        assert_eq!(rows[1], ["Bloc 1 – Poser", "", "", ""]);
        assert_eq!(
            rows[2],
            [
                "A1 Pose",
                "C1 Poser les modules",
                "Les modules sont fixés",
                "Mise en situation"
            ]
        );
        assert_eq!(rows[3], ["Bloc 2 – Raccorder", "", "", ""]);
        assert_eq!(
            rows[4],
            ["A2 Raccordement", "C2 Raccorder", "", "Étude de cas"]
        );
        assert!(matches!(out.last(), Some(Line::Text { line: 7, .. })));
    }

    #[test]
    fn an_upright_table_and_its_repeated_header_stay_as_they_are() {
        let lines = vec![
            row(1, &["Activités", "Compétences", "Critères", "Modalités"]),
            row(2, &["A1 Pose", "C1 Poser", "Fixés", "Oral"]),
            row(3, &["Activités", "Compétences", "Critères", "Modalités"]),
            row(4, &["Compétences", "C2 Raccorder", "Polarités", "Oral"]),
            row(5, &["Critères", "C3 Mesurer", "Mesures", "Écrit"]),
        ];
        assert_eq!(apply(lines.clone()).0, lines);
        // Items in the first column, not heads.
        let items = vec![
            row(1, &["Blocs", "Compétences", "Critères"]),
            row(2, &["Activités de l’atelier 1", "C1 Poser", "Fixés"]),
            row(3, &["Compétences du module 2", "C2 Raccorder", "Polarités"]),
            row(4, &["Critères de l’atelier 3", "C3 Mesurer", "Mesures"]),
        ];
        assert_eq!(apply(items.clone()).0, items);
        // Typed rows name the same column again and again.
        let typed = vec![
            row(1, &["Type", "Code", "Intitulé"]),
            row(2, &["Activité", "A1", "Accueillir"]),
            row(3, &["Compétence", "C1", "Accueillir le client"]),
            row(4, &["Critère", "", "L’accueil est courtois"]),
            row(5, &["Compétence", "C2", "Conseiller"]),
        ];
        assert_eq!(apply(typed.clone()).0, typed);
    }
}
