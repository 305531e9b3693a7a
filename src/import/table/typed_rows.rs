//! A flat table of typed rows: a `Type` column saying what each row is (`Bloc`, `Activité`,
//! `Compétence`, `Critère`, `Modalité`), a code and a text column, one row per item, the
//! parents implied by the order (an export of a certifier's database). Rebuilt as the
//! table it stands for — a bloc heading row per bloc, then `Activités | Compétences |
//! Critères` rows, one per criterion, the activity and competence written on their first
//! row only (as cells merged down) — so that the layout and the walk read it as any table.
//! Exams (`Modalité` rows) are left out: their place in such a table is not said.

use super::cells::{Cell, Line, read_cell, text_cell};
use super::columns::{Role, role_of};

/// Header names of the type column, folded.
const TYPE_HEADS: [&str; 4] = ["type", "nature", "niveau", "type d'element"];
/// Header names of the code column, folded.
const CODE_HEADS: [&str; 6] = ["code", "id", "identifiant", "reference", "ref", "n°"];

/// The lines with the typed rows made a table; `None` without a header naming a type
/// column and rows typing at least two competences.
pub(super) fn rebuild(lines: &[Line]) -> Option<Vec<Line>> {
    let (at, type_col, code_col, text_col) = lines.iter().enumerate().find_map(|(i, l)| {
        let Line::Row { cells, .. } = l else {
            return None;
        };
        let heads: Vec<String> = cells.iter().map(|c| fold(&c.joined())).collect();
        let t = heads
            .iter()
            .position(|h| TYPE_HEADS.contains(&h.as_str()))?;
        let code = heads.iter().position(|h| CODE_HEADS.contains(&h.as_str()));
        // The text: the first other column with a header.
        let text = (0..heads.len()).find(|&k| k != t && Some(k) != code && !heads[k].is_empty())?;
        Some((i, t, code, text))
    })?;
    let mut out: Vec<Line> = lines[..at].to_vec();
    let Line::Row {
        line: head_line, ..
    } = &lines[at]
    else {
        return None;
    };
    out.push(Line::Row {
        line: *head_line,
        cells: ["Activités", "Compétences", "Critères d'évaluation"]
            .iter()
            .map(|h| read_cell(h))
            .collect(),
    });
    let mut competences = 0;
    // The activity and competence not yet written on a row.
    let mut activity: Option<String> = None;
    let mut competence: Option<(usize, String)> = None;
    let mut rows = 0;
    let push = |out: &mut Vec<Line>, line: usize, a: &mut Option<String>, c: String, k: String| {
        let cells = vec![
            text_cell(a.take().as_deref().unwrap_or("")),
            text_cell(&c),
            text_cell(&k),
        ];
        out.push(Line::Row { line, cells });
    };
    for l in &lines[at + 1..] {
        let Line::Row { line, cells } = l else {
            continue;
        };
        let get = |k: Option<usize>| {
            k.and_then(|k| cells.get(k))
                .map(|c: &Cell| c.joined().trim().to_owned())
                .unwrap_or_default()
        };
        let kind = get(Some(type_col));
        let (code, text) = (get(code_col), get(Some(text_col)));
        let item = if code.is_empty() {
            text.clone()
        } else {
            format!("{code} – {text}")
        };
        let role =
            role_of(&kind).or_else(|| fold(&kind).starts_with("crit").then_some(Role::Criteria));
        match role {
            // A bloc: its heading row, after the competence left unwritten.
            Some(Role::Bloc) => {
                if let Some((l, c)) = competence.take() {
                    push(&mut out, l, &mut activity, c, String::new());
                }
                activity = None;
                let heading = if code.is_empty() {
                    format!("Bloc – {text}")
                } else {
                    item
                };
                let mut row = vec![text_cell(&heading)];
                row.resize(3, Cell::default());
                out.push(Line::Row {
                    line: *line,
                    cells: row,
                });
            }
            Some(Role::Activity) => {
                if let Some((l, c)) = competence.take() {
                    push(&mut out, l, &mut activity, c, String::new());
                }
                activity = Some(item);
            }
            Some(Role::Competence) => {
                if let Some((l, c)) = competence.take() {
                    push(&mut out, l, &mut activity, c, String::new());
                }
                competences += 1;
                competence = Some((*line, item));
            }
            Some(Role::Criteria) => {
                let c = competence.take().map(|(_, c)| c).unwrap_or_default();
                push(&mut out, *line, &mut activity, c, item);
                rows += 1;
            }
            // Exams and rows of no known type: left out.
            _ => {}
        }
    }
    if let Some((l, c)) = competence.take() {
        push(&mut out, l, &mut activity, c, String::new());
    }
    (competences >= 2 && rows > 0).then_some(out)
}

/// A header or type cell folded for comparison: lowercase, without accents.
fn fold(text: &str) -> String {
    deunicode::deunicode(text.trim()).to_lowercase()
}
