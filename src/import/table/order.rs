//! The columns of a table whose header puts its items out of their order (`Critères |
//! Compétences | Activités`, `Compétences | Critères | Activités`): the walk reads a row's
//! cells left to right, each item opening before what it holds (a bloc, its activity, its
//! competence, then the competence's criteria), so such a table's cells are put back in
//! that order, row by row, whatever the format the rows came from. A table already in that
//! order is left as it is, whatever its exams column's place.

use super::cells::Cell;
use super::columns::Role;
use super::layout::Layout;

/// Where a column goes among the items, when they are put back in order. An exams column
/// first in its table keeps that place (a table of exams: each row an exam, then what it
/// evaluates); elsewhere it goes after the competences.
fn rank(role: Role, first: bool) -> u8 {
    match role {
        Role::Bloc => 0,
        Role::Activity => 1,
        Role::Modality if first => 2,
        Role::Id => 2,
        Role::Competence => 3,
        Role::Knowledge => 4,
        Role::Modality => 5,
        Role::Criteria => 6,
    }
}

/// The rank of an item column in the hierarchy (blocs, activities, competences, criteria),
/// `None` for the others.
fn level(role: Role) -> Option<u8> {
    match role {
        Role::Bloc => Some(0),
        Role::Activity => Some(1),
        Role::Competence => Some(2),
        Role::Criteria => Some(3),
        Role::Modality | Role::Id | Role::Knowledge => None,
    }
}

/// The order to read `roles` in (old column indices), if the header puts an item column
/// after one it belongs to (criteria before their competence, a competence before its
/// activity); `None` when the items are in order already.
pub fn permutation(roles: &[Role]) -> Option<Vec<usize>> {
    let levels: Vec<u8> = roles.iter().filter_map(|&r| level(r)).collect();
    if levels.windows(2).all(|w| w[0] <= w[1]) {
        return None;
    }
    let mut order: Vec<usize> = (0..roles.len()).collect();
    // Stable: two columns of one kind (criteria, then indicators) keep their order.
    order.sort_by_key(|&c| rank(roles[c], c == 0));
    Some(order)
}

/// A row kept as it is: a heading (one cell, or a first cell across the row naming a bloc
/// or the bloc's exam), which is no row of the columns.
fn heading(cells: &[Cell], is_heading: &dyn Fn(&str) -> bool) -> bool {
    let Some((first, rest)) = cells.split_first() else {
        return true;
    };
    if rest.is_empty() {
        return true;
    }
    rest.iter().all(Cell::is_empty) && (rest.iter().all(|c| c.left) || is_heading(&first.joined()))
}

/// Puts each table's columns in the items' order when its header does not (see the
/// module's doc): the roles, and the cells of each row (a short row padded with empty
/// cells to the header's width first). `is_heading` tells a heading's text (a bloc, the
/// bloc's exam) from a cell's. Returns what was done, for the report, by line.
pub fn apply(layout: &mut Layout, is_heading: &dyn Fn(&str) -> bool) -> Vec<(usize, String)> {
    let mut done = Vec::new();
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain(layout.switches.iter().map(|(at, _)| *at))
        .collect();
    bounds.push(layout.rows.len());
    for seg in 0..bounds.len() - 1 {
        let roles = match seg {
            0 => &mut layout.roles,
            n => &mut layout.switches[n - 1].1,
        };
        let Some(order) = permutation(roles) else {
            continue;
        };
        let was = names(roles);
        *roles = order.iter().map(|&c| roles[c]).collect();
        let now = names(roles);
        let width = order.len();
        let rows = &mut layout.rows[bounds[seg]..bounds[seg + 1]];
        for row in rows.iter_mut() {
            if heading(&row.cells, is_heading) {
                continue;
            }
            let mut cells = std::mem::take(&mut row.cells);
            if cells.len() < width {
                cells.resize(width, Cell::default());
            }
            let extra = cells.split_off(width);
            row.cells = order.iter().map(|&c| cells[c].clone()).collect();
            row.cells.extend(extra);
        }
        let line = rows.first().map_or(0, |r| r.line);
        done.push((
            line,
            format!(
                "the header's columns ({was}) put an item before the one it belongs to: each row read in the order {now}"
            ),
        ));
    }
    done
}

/// The roles' names, for the report.
fn names(roles: &[Role]) -> String {
    let names: Vec<&str> = roles.iter().map(|r| r.name()).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::{Options, cells, convert, delimited, import_lines};
    use super::*;
    use Role::*;

    #[test]
    fn items_out_of_order_are_put_back_in_it() {
        assert_eq!(
            permutation(&[Activity, Competence, Modality, Criteria]),
            None
        );
        // A table of exams, and criteria before the exams: the items are in order.
        assert_eq!(permutation(&[Modality, Competence, Criteria]), None);
        assert_eq!(permutation(&[Competence, Criteria, Modality]), None);
        let put = |roles: &[Role]| -> Vec<Role> {
            permutation(roles)
                .unwrap()
                .iter()
                .map(|&c| roles[c])
                .collect()
        };
        assert_eq!(
            put(&[Criteria, Competence, Activity]),
            [Activity, Competence, Criteria]
        );
        assert_eq!(
            put(&[Competence, Criteria, Activity]),
            [Activity, Competence, Criteria]
        );
        assert_eq!(
            put(&[Criteria, Modality, Competence, Activity]),
            [Activity, Competence, Modality, Criteria]
        );
        // The exams first: a table of exams, kept first.
        assert_eq!(
            put(&[Modality, Criteria, Competence]),
            [Modality, Competence, Criteria]
        );
        assert_eq!(
            put(&[Criteria, Criteria, Competence]),
            [Competence, Criteria, Criteria]
        );
    }

    /// One referential written with its columns in `header`'s order (names among
    /// `Activités`, `Compétences`, `Modalités`, `Critères`), as tab-separated text, as a
    /// CSV, as text with ` | ` between cells and as HTML: each reads the same competences and
    /// criteria.
    fn read_in_order(header: &[&str]) -> Vec<Vec<(String, String, Vec<String>)>> {
        let rows: [[&str; 4]; 3] = [
            [
                "A1 Exploitation",
                "C1 Contrôler les installations",
                "Mise en situation",
                "Le registre est tenu",
            ],
            ["", "", "", "Les anomalies sont signalées"],
            [
                "",
                "C2 Surveiller les usagers",
                "",
                "Le poste est tenu sans interruption",
            ],
        ];
        let column = |name: &str| match name {
            "Activités" => 0,
            "Compétences" => 1,
            "Modalités" => 2,
            _ => 3,
        };
        let table = |sep: &str| -> String {
            let mut text = format!(
                "Référentiel ESSAI\n\nBloc 1 : Exploiter\n\n{}\n",
                header.join(sep)
            );
            for row in &rows {
                let cells: Vec<&str> = header.iter().map(|h| row[column(h)]).collect();
                text.push_str(&cells.join(sep));
                text.push('\n');
            }
            text
        };
        let csv = {
            // The bloc a row of the table, its first cell across the others.
            let mut text = format!(
                "{}\nBloc 1 : Exploiter{}\n",
                header.join(","),
                ",".repeat(header.len() - 1)
            );
            for row in &rows {
                let cells: Vec<String> = header
                    .iter()
                    .map(|h| format!("\"{}\"", row[column(h)]))
                    .collect();
                text.push_str(&cells.join(","));
                text.push('\n');
            }
            text
        };
        let html = {
            let row = |cells: Vec<&str>| -> String {
                let tds: String = cells.iter().map(|c| format!("<td>{c}</td>")).collect();
                format!("<tr>{tds}</tr>")
            };
            let mut body = row(header.to_vec());
            for r in &rows {
                body.push_str(&row(header.iter().map(|h| r[column(h)]).collect()));
            }
            format!(
                "<!DOCTYPE html><html><body><h1>Référentiel ESSAI</h1><h2>Bloc 1 : Exploiter</h2><table>{body}</table></body></html>"
            )
        };
        let piped = convert::to_tabs(&table(" | ")).expect("read as a table");
        let html = convert::to_tabs(&html).expect("read as a table");
        let documents = [
            cells::read_document(&table("\t")),
            delimited::read(&csv),
            cells::read_document(&piped),
            cells::read_document(&html),
        ];
        documents
            .iter()
            .map(|lines| {
                let imported = import_lines(lines, "essai", &Options::default()).unwrap();
                imported.draft.blocs[0]
                    .activities
                    .iter()
                    .flat_map(|a| &a.competences)
                    .map(|k| {
                        let criteria = k.criteria.iter().map(|c| c.text.clone()).collect();
                        (k.id.clone(), k.text.clone(), criteria)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn any_column_order_reads_the_same_in_each_format() {
        let expected = vec![
            (
                "C1".to_owned(),
                "Contrôler les installations".to_owned(),
                vec![
                    "Le registre est tenu".to_owned(),
                    "Les anomalies sont signalées".to_owned(),
                ],
            ),
            (
                "C2".to_owned(),
                "Surveiller les usagers".to_owned(),
                vec!["Le poste est tenu sans interruption".to_owned()],
            ),
        ];
        for header in [
            ["Activités", "Compétences", "Modalités", "Critères"],
            ["Critères", "Modalités", "Compétences", "Activités"],
            ["Compétences", "Critères", "Activités", "Modalités"],
            ["Critères", "Compétences", "Activités", "Modalités"],
            ["Modalités", "Critères", "Compétences", "Activités"],
        ] {
            for (format, got) in ["tabs", "csv", "pipes", "html"]
                .iter()
                .zip(read_in_order(&header))
            {
                assert_eq!(got, expected, "{header:?} as {format}");
            }
        }
    }
}
