//! Text exports that write a table one line per cell paragraph, with nothing between
//! cells or rows (LibreOffice's "Text" export of a Writer table): the table is recovered
//! from its structure. Its header is a run of lines each naming a column (`Activités`,
//! `Compétences`, `Indicateurs de réussite`, `Modalités d'évaluation`), which gives the
//! number of columns and their order; then each line goes to a column:
//!
//! - a line naming a bloc (`Bloc 1 – …`) is a heading row;
//! - a line starting with an activity or competence ID goes to that column;
//! - a line without ID after a line of an ID column (activities, competences) is the next
//!   column's (a cell's first paragraph carries its ID, the text after it is the next
//!   cell); an exam's opening words (`Étude de cas`, `Soutenance`…) go to the exams column;
//!   any other line stays in the column of the line before.
//!
//! A line going to a column left of the last one filled, or to one already holding an ID,
//! starts the next row; cells a merged cell covered were written once, so they are empty
//! (an exam cell is then continued down, as in a spreadsheet export). Where the table ends
//! the export does not say: the lines after the last row's cell are read as that cell's,
//! except that after a list of criteria (`•` items) a line that is no item and opens no row
//! ends the table. Text from `pdftotext` without `-layout` (each cell a paragraph wrapped
//! over lines, blank lines between) is first put back one paragraph per line
//! ([`super::pdf_text`]); an item after a line of a column left of the criteria column is
//! a criterion there (the cells between were merged, so written once).

use super::cells::Line;
use super::label::{self, Kind};
use super::walk::Role;

/// Said in the report of a document read so.
pub const DOUBT: &str = "the table was written one line per cell (a text export, or \
    `pdftotext` without `-layout`, one paragraph per cell): where it ends is not written, so the lines after the last row were read as its last cell's; check the \
    last competence's criteria, or export the document as .odt, .docx or .csv instead";

/// The longest header read (columns).
const MAX_COLUMNS: usize = 8;

/// A line naming a column: a few words a header uses, no ID, no sentence.
fn column_name(line: &str) -> Option<Role> {
    let t = line.trim();
    if t.is_empty()
        || t.split_whitespace().count() > 5
        || t.ends_with(['.', ':', ';'])
        || super::layout::bloc_line(t)
    {
        return None;
    }
    super::columns::role_of(t)
}

/// The header: the first run of three lines or more each naming a column, among them a
/// competences column, or of the two naming competences and criteria (index of its first
/// line, roles).
fn header(lines: &[&str]) -> Option<(usize, Vec<Role>)> {
    let mut i = 0;
    while i < lines.len() {
        let roles: Vec<Role> = lines[i..]
            .iter()
            .take(MAX_COLUMNS)
            .map_while(|l| column_name(l))
            .collect();
        // Two names only where they are the competences and their criteria (`pdftotext`
        // of a two-column table): fewer would be any two words on lines of their own.
        let two = roles.len() == 2 && roles.contains(&Role::Criteria);
        if (roles.len() >= 3 || two) && roles.contains(&Role::Competence) {
            return Some((i, roles));
        }
        i += roles.len().max(1);
    }
    None
}

/// The column of an ID at the start of `text`, by its kind.
fn id_column(text: &str, roles: &[Role]) -> Option<usize> {
    let col = |r: Role| roles.iter().position(|&x| x == r);
    if super::ids::group(text).is_some() || super::ids::activity(text).is_some() {
        return col(Role::Activity);
    }
    if super::ids::competence(text).is_some() {
        return col(Role::Competence);
    }
    match label::label(text)?.kind {
        Kind::Activity => col(Role::Activity),
        Kind::Competence => col(Role::Competence),
        Kind::Criterion => col(Role::Criteria),
        _ => None,
    }
}

/// Reads `text` as a table written one line per cell, if it has such a header (and no
/// tabs: a tab-separated table is read as one); else as `pdftotext` without `-layout`
/// writes one, each cell a paragraph wrapped over lines, blank lines between them.
pub fn read(text: &str) -> Option<Vec<Line>> {
    if text.contains('\t') {
        return None;
    }
    let lines: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim_end_matches('\r').to_owned()))
        .collect();
    let texts: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    if let Some((start, roles)) = header(&texts) {
        return Some(rebuild(&lines, start, &roles));
    }
    // Paragraphs: the header's names are separated by blank lines, so is every cell.
    let lines = super::pdf_text::paragraphs(text, |l| column_name(l).is_some());
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].1.trim().is_empty())
        .collect();
    let view: Vec<&str> = filled.iter().map(|&i| lines[i].1.as_str()).collect();
    let (s, roles) = header(&view)?;
    // The prose before the table keeps its paragraphs; the table its cells, in order.
    let start = filled[s];
    let mut kept = lines[..start].to_vec();
    kept.extend(filled[s..].iter().map(|&i| lines[i].clone()));
    Some(rebuild(&kept, start, &roles))
}

/// The table of `lines` (line number, text) whose header starts at index `start`.
fn rebuild(lines: &[(usize, String)], start: usize, roles: &[Role]) -> Vec<Line> {
    let width = roles.len();
    let mut recs: Vec<(usize, Vec<String>)> = Vec::new();
    let prose = |n: usize, t: &str| {
        let mut cells = vec![String::new(); width];
        cells[0] = t.to_owned();
        (n + 1, cells)
    };
    for (n, l) in &lines[..start] {
        recs.push(if l.trim().is_empty() {
            (*n, Vec::new())
        } else {
            prose(n - 1, l.trim())
        });
    }
    let head: Vec<String> = lines[start..start + width]
        .iter()
        .map(|(_, l)| l.trim().to_owned())
        .collect();
    recs.push((lines[start].0, head.clone()));
    // The row being rebuilt: its cells' lines, and the last column written.
    let mut row: Option<(usize, Vec<Vec<String>>, usize)> = None;
    let mut ids_in: Vec<bool> = vec![false; width];
    let flush = |row: &mut Option<(usize, Vec<Vec<String>>, usize)>,
                 recs: &mut Vec<(usize, Vec<String>)>| {
        if let Some((line, cells, _)) = row.take() {
            recs.push((line, cells.into_iter().map(|c| c.join("\n")).collect()));
        }
    };
    // Whether the latest line was an item (`•`, `-`) of the criteria column.
    let mut criteria_items = false;
    let criteria = roles.iter().position(|&r| r == Role::Criteria);
    let body = &lines[start + width..];
    let text_at = |i: usize| body[i].1.trim().trim_start_matches('\u{c}').trim();
    // The header written again from `i` (after a page break, or over a bloc's own table):
    // the lines it takes.
    let header_at = |i: usize| -> Option<usize> {
        let mut taken = 0;
        let mut k = 0;
        while k < width {
            let t = body.get(i + taken).map(|_| text_at(i + taken))?;
            taken += 1;
            if t.is_empty() || super::pdf_text::page_number(t) {
                continue;
            }
            if t != head[k] {
                return None;
            }
            k += 1;
        }
        Some(taken)
    };
    let mut i = 0;
    let mut end = body.len();
    while i < body.len() {
        let (number, _) = &body[i];
        let n = number - 1;
        let t = text_at(i);
        if t.is_empty() || super::pdf_text::page_number(t) {
            i += 1;
            continue;
        }
        if let Some(taken) = header_at(i) {
            i += taken;
            continue;
        }
        i += 1;
        if super::layout::bloc_line(t) {
            flush(&mut row, &mut recs);
            recs.push(prose(n, t));
            criteria_items = false;
            continue;
        }
        let by_id = id_column(t, roles);
        let last = row.as_ref().map(|r| r.2);
        let item = t.starts_with(['•', '●', '▪', '-', '–']);
        // After a list of criteria, a line that is no item and opens no row is the prose
        // after the table (its notes).
        if criteria_items && !item && by_id.is_none() && last == criteria {
            flush(&mut row, &mut recs);
            recs.push(prose(n, t));
            // The table goes on after prose (a bloc's exam) where a later bloc heading is
            // followed by its header again; the lines up to that heading are prose.
            let resume = (i..body.len())
                .find(|&k| super::layout::bloc_line(text_at(k)) && header_at(k + 1).is_some());
            let Some(k) = resume else {
                end = i;
                break;
            };
            for (j, (number, _)) in body.iter().enumerate().take(k).skip(i) {
                let t = text_at(j);
                if !t.is_empty() && !super::pdf_text::page_number(t) {
                    recs.push(prose(number - 1, t));
                }
            }
            i = k;
            criteria_items = false;
            continue;
        }
        // An item after the text of a column left of the criteria is a criterion (the
        // cells between were merged, so written once).
        if item
            && by_id.is_none()
            && let (Some(p), Some(c)) = (last, criteria)
            && p < c
            && roles[p] != Role::Criteria
        {
            criteria_items = true;
            if let Some((_, cells, last)) = &mut row {
                cells[c].push(t.to_owned());
                *last = c;
            }
            continue;
        }
        let col = by_id.or_else(|| {
            let p = last?;
            let modality = roles.iter().position(|&r| r == Role::Modality);
            if super::layout::exam_like(t)
                && let Some(m) = modality.filter(|&m| m > p)
            {
                return Some(m);
            }
            match roles[p] {
                Role::Activity | Role::Competence if ids_in[p] => Some((p + 1).min(width - 1)),
                _ => Some(p),
            }
        });
        let Some(col) = col else {
            // Before any row: prose under the header (kept, not placed).
            recs.push(prose(n, t));
            continue;
        };
        let new_row = match &row {
            None => true,
            Some((_, cells, last)) => col < *last || (by_id.is_some() && !cells[col].is_empty()),
        };
        if new_row {
            flush(&mut row, &mut recs);
            ids_in = vec![false; width];
            row = Some((n + 1, vec![Vec::new(); width], col));
        }
        if let Some((_, cells, last)) = &mut row {
            cells[col].push(t.to_owned());
            *last = col;
        }
        ids_in[col] |= by_id.is_some();
        criteria_items = item && Some(col) == criteria;
    }
    flush(&mut row, &mut recs);
    for (number, l) in &body[end.min(body.len())..] {
        let t = l.trim().trim_start_matches('\u{c}').trim();
        if t.is_empty() {
            recs.push((*number, Vec::new()));
        } else if !super::pdf_text::page_number(t) {
            recs.push(prose(number - 1, t));
        }
    }
    super::delimited::lines_of(&recs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_one_per_line_are_put_back_in_rows() {
        let text = "Référentiel\nActivités\nCompétences\nCritères\nModalités d'évaluation\n\
            Bloc 1 – Produire\nA1 Semer\nC1 Préparer le sol\nLe sol est ameublé.\n\
            Étude de cas (2 h)\nC2 Semer\nLa densité est respectée.\n";
        let lines = read(text).expect("a table one line per cell");
        let rows = Line::rows(&lines);
        assert_eq!(
            rows,
            [
                vec![
                    "Activités",
                    "Compétences",
                    "Critères",
                    "Modalités d'évaluation"
                ],
                vec!["Bloc 1 – Produire", "", "", ""],
                vec![
                    "A1 Semer",
                    "C1 Préparer le sol",
                    "Le sol est ameublé.",
                    "Étude de cas (2 h)"
                ],
                vec!["", "C2 Semer", "La densité est respectée.", ""],
            ]
        );
        assert!(read("Activités\tCompétences\n").is_none());
        // Odd ones: read or refused, never a panic, never a draft that does not check.
        for text in [
            "Activités\nCompétences\nCritères\n",
            "Activités\nCompétences\nCritères\nÉtude de cas\nA1 x\n",
            "Compétences\nCritères\nModalités\nC1 A\nC1 A\nBloc 2 : B\n\nx\n",
        ] {
            let Some(lines) = read(text) else { continue };
            if let Ok(imported) = super::super::import_lines(&lines, "x", &Default::default()) {
                let yaml = imported.draft.to_yaml();
                let (diags, _) = super::super::super::draft::verify("x", &yaml);
                assert!(!diags.has_errors(), "{text:?}\n{yaml}");
            }
        }
        assert!(read("Un texte.\nSans tableau.\n").is_none());
    }
}
