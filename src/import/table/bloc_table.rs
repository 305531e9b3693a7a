//! A table of the blocs before the tables of their competences: a first table whose header
//! names the blocs (`Bloc de compétences`), perhaps their codes and exams, but no
//! competences or criteria (`Code | Bloc de compétences | Modalités d'évaluation`), then
//! one table of competences per bloc under a caption naming its code (`Tableau 2 –
//! Compétences et critères du bloc BC1`). The lines are rearranged into the shape the rest
//! of the importer reads: each caption becomes the bloc's heading (`BC1 <title>`) before
//! its table, and the bloc's exam a cell of an exams column added to that table, written
//! in its first row and merged down over the others (the exam evaluates the bloc's
//! competences). Applied only when every bloc of the first table is named by a caption.

use super::cells::{Cell, Line};
use super::walk::Role;

/// One bloc of the table of blocs.
struct Bloc {
    code: String,
    title: String,
    exam: Option<Cell>,
}

fn starts_with_bloc(text: &str) -> bool {
    deunicode::deunicode(text.trim())
        .to_lowercase()
        .starts_with("bloc")
}

/// The columns of a table of blocs' header: (bloc title, code, exam), or none when the
/// header names competences, criteria or activities too.
fn bloc_header(cells: &[Cell]) -> Option<(usize, Option<usize>, Option<usize>)> {
    let mut title = None;
    let mut code = None;
    let mut exam = None;
    for (n, c) in cells.iter().enumerate() {
        let text = c.joined();
        if text.is_empty() {
            continue;
        }
        if starts_with_bloc(&text) && title.is_none() {
            title = Some(n);
            continue;
        }
        match super::columns::role_of(&text) {
            Some(Role::Modality) => exam = exam.or(Some(n)),
            Some(_) => return None,
            None if text.split_whitespace().count() <= 2 => code = code.or(Some(n)),
            None => return None,
        }
    }
    Some((title?, code, exam))
}

/// The code of a bloc as a heading writes it: a short ID that names a bloc (`BC1`, `B2`).
fn code_of(text: &str) -> Option<String> {
    let t = text.trim();
    (t.split_whitespace().count() == 1 && super::layout::bloc_line(&format!("{t} Titre")))
        .then(|| t.to_owned())
}

/// Whether `text` names `code` as a word of its own.
fn names(text: &str, code: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(code))
}

/// Rearranges `lines` when they hold a table of blocs (see the module's doc), with the line
/// of that table's header (structure, not text); otherwise returns them as they are.
pub fn apply(lines: Vec<Line>) -> (Vec<Line>, Option<usize>) {
    match rearranged(&lines) {
        Some(r) => r,
        None => (lines, None),
    }
}

fn rearranged(lines: &[Line]) -> Option<(Vec<Line>, Option<usize>)> {
    let (head, (title_col, code_col, exam_col)) =
        lines.iter().enumerate().find_map(|(i, l)| match l {
            Line::Row { cells, .. } => bloc_header(cells).map(|h| (i, h)),
            _ => None,
        })?;
    let mut blocs = Vec::new();
    let mut end = head + 1;
    while let Some(Line::Row { cells, .. }) = lines.get(end) {
        let text = |c: Option<usize>| c.and_then(|c| cells.get(c)).map(Cell::joined);
        let title = text(Some(title_col)).unwrap_or_default();
        // The code in its own column, else at the start of the title (`BC1 – Titre`).
        let (code, title) = match text(code_col).and_then(|c| code_of(&c)) {
            Some(code) => (code, title),
            None => {
                let (first, rest) = title.split_once(' ')?;
                (
                    code_of(first)?,
                    rest.trim_start_matches(['-', '–', ':', ' ']).to_owned(),
                )
            }
        };
        let exam = exam_col
            .and_then(|c| cells.get(c))
            .filter(|c| !c.is_empty())
            .cloned();
        blocs.push(Bloc { code, title, exam });
        end += 1;
    }
    if blocs.is_empty() {
        return None;
    }
    let exam_header = match (exam_col, &lines[head]) {
        (Some(c), Line::Row { cells, .. }) => cells.get(c).cloned(),
        _ => None,
    };
    let mut out: Vec<Line> = lines[..head].to_vec();
    let mut named = 0;
    let mut i = end;
    while i < lines.len() {
        let caption = match &lines[i] {
            Line::Text { line, text } => blocs
                .iter()
                .find(|b| names(text, &b.code))
                .map(|b| (*line, b)),
            _ => None,
        };
        let next_row = lines[i + 1..]
            .iter()
            .position(|l| !matches!(l, Line::Blank))
            .map(|p| i + 1 + p)
            .filter(|&p| matches!(lines[p], Line::Row { .. }));
        let (Some((line, bloc)), Some(table)) = (caption, next_row) else {
            out.push(lines[i].clone());
            i += 1;
            continue;
        };
        named += 1;
        out.push(Line::Text {
            line,
            text: format!("{} {}", bloc.code, bloc.title),
        });
        out.extend(lines[i + 1..table].iter().cloned());
        // The table: its header gets the exams column, its first row the exam, the rows
        // after it a cell the exam's covers.
        let mut j = table;
        while let Some(Line::Row { line, cells }) = lines.get(j) {
            let mut cells = cells.clone();
            match (j - table, &bloc.exam, &exam_header) {
                (_, None, _) | (_, _, None) => {}
                (0, _, Some(h)) => cells.push(h.clone()),
                (1, Some(e), _) => cells.push(e.clone()),
                _ => cells.push(Cell {
                    below: true,
                    ..Cell::default()
                }),
            }
            out.push(Line::Row { line: *line, cells });
            j += 1;
        }
        i = j;
    }
    let header_line = match &lines[head] {
        Line::Row { line, .. } => Some(*line),
        _ => None,
    };
    (named >= blocs.len()).then_some((out, header_line))
}

#[cfg(test)]
mod tests {
    use super::super::cells::read_cell;
    use super::*;

    fn row(line: usize, cells: &[&str]) -> Line {
        Line::Row {
            line,
            cells: cells
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        Cell::default()
                    } else {
                        read_cell(c)
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn captions_naming_the_blocs_become_their_headings() {
        let lines = vec![
            row(
                1,
                &["Code", "Bloc de compétences", "Modalités d'évaluation"],
            ),
            row(2, &["BC1", "Vendre", "Oral (30 min)"]),
            Line::Blank,
            Line::text(3, "Tableau 2 – Compétences du bloc BC1"),
            row(4, &["Compétences", "Critères"]),
            row(5, &["C11 Accueillir", "Le client est accueilli."]),
            row(6, &["C12 Conseiller", "Le conseil est adapté."]),
        ];
        let (out, header) = apply(lines);
        assert_eq!(header, Some(1));
        assert_eq!(out[1], Line::text(3, "BC1 Vendre"), "{out:#?}");
        let widths: Vec<(usize, bool)> = out
            .iter()
            .filter_map(|l| match l {
                Line::Row { cells, .. } => Some((cells.len(), cells[2].below)),
                _ => None,
            })
            .collect();
        assert_eq!(widths, [(3, false), (3, false), (3, true)]);
        // A bloc no caption names: left as it is.
        let lone = vec![
            row(1, &["Code", "Bloc de compétences"]),
            row(2, &["BC1", "Vendre"]),
        ];
        assert_eq!(apply(lone.clone()), (lone, None));
    }
}
