//! Where the referential table is in a document and what its columns hold: the header row
//! naming them (or the author's `--columns`), the rows inside, page furniture between them,
//! rows the conversion broke into plain lines (rebuilt: the ID at the start of a line says
//! its column, the column order the rest), and the prose before and after.

use super::bloc_lines;
use super::cells::{Cell, Line, read_cell};
use super::columns::{Role, names_ids, role_of};
use super::label::{self, Kind};
use crate::Error;

/// A row of the table; `rebuilt` when it was made from plain lines.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
    pub rebuilt: bool,
}

/// Where the referential table is, and the prose around it.
#[derive(Debug, Default)]
pub struct Layout {
    pub roles: Vec<Role>,
    pub rows: Vec<Row>,
    /// Prose lines before the table (`None` for a blank line).
    pub before: Vec<Option<String>>,
    pub after: Vec<Option<String>>,
    pub furniture: Vec<(usize, String)>,
    pub rows_after: usize,
    /// Lines rebuilt into rows, for the report.
    pub rebuilt_lines: usize,
    /// How the columns' roles were found, for `--explain`.
    pub header: String,
    /// The lines of the header row and its repeats (structure, not content).
    pub header_lines: Vec<usize>,
    /// A later header naming other columns (a second table: the exams, the competences
    /// they evaluate, their criteria): from row `.0` on, the columns are `.1`.
    pub switches: Vec<(usize, Vec<Role>)>,
    /// The text of the header cells of the first table, then of each second table (one per
    /// switch): what a column of IDs says it numbers (`keys`).
    pub headers: Vec<Vec<String>>,
}

/// A header row: cells naming columns, no IDs.
fn header_roles(cells: &[Cell]) -> Option<Vec<Option<Role>>> {
    let ids = cells.iter().any(|c| {
        c.blocks.first().is_some_and(|b| {
            label::label(&b.text).is_some()
                || super::ids::activity(&b.text).is_some()
                || super::ids::competence(&b.text).is_some()
        })
    });
    if ids {
        return None;
    }
    // A column of IDs (`N°`, `Code`) counts as named, beside at least one named column.
    let roles: Vec<Option<Role>> = cells
        .iter()
        .map(|c| {
            c.blocks.first().and_then(|b| {
                names_ids(&b.text)
                    .map(|_| Role::Id)
                    .or_else(|| role_of(&b.text))
            })
        })
        .collect();
    // Knowledge is what a competence draws on: without a competences column beside it,
    // `Savoir-faire` names the competences themselves (as the usual order says).
    let mut roles = roles;
    super::columns::blocs_beside_activities(&mut roles, cells);
    if !roles.contains(&Some(Role::Competence)) {
        for r in &mut roles {
            if *r == Some(Role::Knowledge) {
                *r = None;
            }
        }
    }
    let named = roles.iter().filter(|r| r.is_some()).count();
    let ids = roles.iter().filter(|r| **r == Some(Role::Id)).count();
    (named >= 2 && named > ids).then_some(roles)
}

/// A row's text, its cells joined, for comparing header rows.
fn row_text(cells: &[Cell]) -> String {
    let t: Vec<String> = cells.iter().map(Cell::joined).collect();
    deunicode::deunicode(&t.join(" "))
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A later row naming columns is a header again (a repeat at the top of a page, or the
/// header of a second table) when it repeats a header read, or when each of its filled
/// cells is a short name of a column; a row whose cells only start with a column's word
/// (`Compétence relationnelle : accueillir …`) is data.
fn header_again(cells: &[Cell], headers: &[String]) -> bool {
    if headers.contains(&row_text(cells)) {
        return true;
    }
    cells.iter().filter(|c| !c.is_empty()).all(|c| {
        let text = c.joined();
        c.blocks.len() <= 2
            && text.split_whitespace().count() <= 5
            && (role_of(&text).is_some() || names_ids(&text).is_some())
    })
}

/// A later table's header naming a competences and a criteria column (`Compétence |
/// Critères d’évaluation`), after prose ending the first table (`2. Critères d’évaluation`
/// and a sentence): the criteria of the competences read, keyed by their IDs, so part of
/// the referential; a later table of exams (`Compétences évaluées`) is not.
fn criteria_later(found: &[Option<Role>]) -> bool {
    found.contains(&Some(Role::Competence)) && found.contains(&Some(Role::Criteria))
}

/// A header whose words are not the usual ones (`Missions | Savoir-faire | …`): at least
/// two cells, each a few words without an ID.
fn unnamed_header(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            let text = c.joined();
            text.split_whitespace().count() <= 4
                && label::label(&text).is_none()
                && super::ids::activity(&text).is_none()
                && super::ids::competence(&text).is_none()
        })
}

pub(super) use super::bloc_lines::{bloc_line, exam_like};

/// A heading row made of a prose line.
fn heading_row(line: usize, text: &str) -> Row {
    Row {
        line,
        cells: vec![read_cell(text)],
        rebuilt: false,
    }
}

/// `activities,competences,modalities,criteria` (the author's `--columns`).
pub fn parse_columns(spec: &str) -> Result<Vec<Role>, String> {
    spec.split(',')
        .map(|w| match w.trim().to_lowercase().as_str() {
            "activities" | "activity" | "activites" | "activités" => Ok(Role::Activity),
            "blocs" | "bloc" => Ok(Role::Bloc),
            "ids" | "id" | "codes" | "code" => Ok(Role::Id),
            "competences" | "competence" | "compétences" => Ok(Role::Competence),
            "modalities" | "modality" | "exams" | "modalites" | "modalités" => Ok(Role::Modality),
            "criteria" | "criterion" | "criteres" | "critères" => Ok(Role::Criteria),
            other => Err(format!(
                "--columns: `{other}` is not a column; name each column in order among \
                 blocs, activities, competences, modalities, criteria, ids (a column of IDs \
                 of the column after it)"
            )),
        })
        .collect()
}

/// The column of a line of a broken row: its ID says it; otherwise the column after the
/// previous line's when the order of the columns makes it the next piece (an exam after
/// competences, criteria after an exam), else the previous line's column.
fn broken_column(text: &str, previous: Option<usize>, roles: &[Role]) -> Option<usize> {
    let bare = text.trim_start_matches(['•', '●', '▪', '-', '*', ' ']);
    let col = |r: Role| roles.iter().position(|&x| x == r);
    if super::ids::group(bare).is_some() {
        return col(Role::Activity);
    }
    if let Some(l) = label::label(bare) {
        let by_kind = match l.kind {
            Kind::Activity => col(Role::Activity),
            Kind::Competence => col(Role::Competence),
            Kind::Criterion => col(Role::Criteria),
            _ => None,
        };
        if by_kind.is_some() {
            return by_kind;
        }
    }
    let p = previous?;
    let starts_lower = bare.chars().next().is_some_and(char::is_lowercase);
    if starts_lower {
        return Some(p);
    }
    match roles.get(p) {
        Some(Role::Competence) | Some(Role::Activity) if exam_like(bare) => col(Role::Modality),
        Some(Role::Modality) => col(Role::Criteria).or(Some(p)),
        _ => Some(p),
    }
}

/// Whether `text`, a line between table rows, opens a broken row: it starts with an
/// activity or competence ID (perhaps after a bullet).
fn opens_broken_row(text: &str) -> bool {
    let bare = text.trim_start_matches(['•', '●', '▪', '-', '*', ' ']);
    label::label(bare).is_some_and(|l| matches!(l.kind, Kind::Activity | Kind::Competence))
        || super::ids::activity(bare).is_some()
        || super::ids::group(bare).is_some()
        || super::ids::competence(bare).is_some()
}

/// A row being rebuilt from lines: per column, its lines.
struct Rebuilding {
    line: usize,
    cells: Vec<Vec<String>>,
    last: usize,
}

impl Rebuilding {
    fn row(self) -> Row {
        let cells = self
            .cells
            .iter()
            .map(|lines| {
                let html: String = lines.iter().map(|l| format!("<p>{l}</p>")).collect();
                if html.is_empty() {
                    Cell::default()
                } else {
                    read_cell(&html)
                }
            })
            .collect();
        Row {
            line: self.line,
            cells,
            rebuilt: true,
        }
    }
}

/// What to try when no table can be read from the file as it is.
const ANOTHER_FORMAT: &str = "if the table's cells are not told apart in this file (text \
    from a PDF, an export one line per cell…), save the document from its word processor or \
    spreadsheet as .docx, .odt or .csv and import that";

pub fn layout(lines: &[Line], columns: Option<&[Role]>) -> Result<Layout, Error> {
    let start = lines
        .iter()
        .position(|l| matches!(l, Line::Row { cells, .. } if header_roles(cells).is_some()));
    let (start, header_found) = match (start, columns) {
        (Some(s), _) => (s, true),
        // The author named the columns: the table starts at the first row.
        (None, Some(_)) => (
            lines
                .iter()
                .position(|l| matches!(l, Line::Row { .. }))
                .ok_or_else(|| Error::Usage(format!("no table row found (lines with cells separated by tabs, a .csv, or a table in a .docx/.odt)\n  = help: {ANOTHER_FORMAT}")))?,
            false,
        ),
        (None, None) => {
            return Err(Error::Usage(format!(
                "no referential table found (a row naming its columns: activités, compétences, \
                 modalités, critères, or in English activities, skills, assessment, criteria)\n  \
                 = help: if its header names them otherwise, say what each column holds: \
                 --columns activities,competences,modalities,criteria\n  = help: {ANOTHER_FORMAT}"
            )));
        }
    };
    let mut out = Layout::default();
    // The last prose lines before the table, when they name a bloc, are the first bloc's
    // heading (one table per bloc, each under its name; see `bloc_lines`).
    let first_bloc = bloc_lines::first_heading(lines, start);
    let in_heading = |n: usize| {
        first_bloc
            .as_ref()
            .is_some_and(|&(at, _, _, taken)| (at..at + taken).contains(&n))
    };
    for (n, l) in lines[..start].iter().enumerate() {
        match l {
            Line::Text { .. } if in_heading(n) => {}
            Line::Text { text, .. } => out.before.push(Some(text.clone())),
            // A title row spanning the columns above the header: prose, a paragraph each.
            Line::Row { cells, .. } if cells.iter().skip(1).all(Cell::is_empty) => {
                for b in cells.iter().flat_map(|c| &c.blocks) {
                    out.before.push(Some(b.text.clone()));
                    out.before.push(None);
                }
            }
            _ => out.before.push(None),
        }
    }
    if let Some((_, line, text, _)) = &first_bloc {
        out.rows.push(heading_row(*line, text));
    }
    let mut roles: Vec<Option<Role>> = Vec::new();
    let mut in_table = true;
    let mut broken: Option<Rebuilding> = None;
    // The column of the latest broken line, while lines follow one another.
    let mut broken_col: Option<usize> = None;
    let usual = [
        Role::Activity,
        Role::Competence,
        Role::Modality,
        Role::Criteria,
    ];
    let mut final_roles: Vec<Role> = Vec::new();
    // The text of the header rows read, to tell a repeat from a row of data.
    let mut header_texts: Vec<String> = Vec::new();
    // A bloc heading's title line, taken with it.
    let mut taken = 0;
    for (i, l) in lines.iter().enumerate().skip(start) {
        if taken > 0 {
            taken -= 1;
            continue;
        }
        if !matches!(l, Line::Text { .. })
            && let Some(b) = broken.take()
        {
            out.rows.push(b.row());
        }
        if !matches!(l, Line::Text { .. }) {
            broken_col = None;
        }
        match l {
            Line::Row { line, cells } => {
                // A later table whose header names neither competences nor criteria (a
                // workbook's sheet of exams and durations) is no part of the referential.
                if in_table
                    && !final_roles.is_empty()
                    && header_roles(cells).is_some_and(|found| {
                        !found.contains(&Some(Role::Competence))
                            && !found.contains(&Some(Role::Criteria))
                    })
                    && !header_again(cells, &header_texts)
                {
                    in_table = false;
                    out.rows_after += 1;
                    continue;
                }
                if header_found
                    && let Some(found) = header_roles(cells)
                        .filter(|found| out.rows.is_empty() || in_table || criteria_later(found))
                        .filter(|_| final_roles.is_empty() || header_again(cells, &header_texts))
                {
                    header_texts.push(row_text(cells));
                    // The header, or its repeat at the top of a page, or the header of a
                    // second table whose columns are others.
                    if !final_roles.is_empty() && columns.is_none() {
                        let named: Vec<Option<Role>> = found.clone();
                        let next = resolve(&named, None, cells.len(), &usual);
                        let current = out.switches.last().map_or(&final_roles, |(_, r)| r);
                        if !final_roles.is_empty() && &next != current {
                            out.switches.push((out.rows.len(), next));
                            out.headers.push(cells.iter().map(Cell::joined).collect());
                        }
                    }
                    if final_roles.is_empty() {
                        if out.headers.is_empty() {
                            out.headers.push(cells.iter().map(Cell::joined).collect());
                        }
                        for (n, r) in found.into_iter().enumerate() {
                            if n >= roles.len() {
                                roles.push(None);
                            }
                            if r.is_some() {
                                roles[n] = r;
                            }
                        }
                    }
                    out.header_lines.push(*line);
                    in_table = true;
                    continue;
                }
                // The author named the columns because the header names them otherwise: a
                // first row of short cells without IDs is that header.
                if !header_found && out.rows.is_empty() && unnamed_header(cells) {
                    out.header_lines.push(*line);
                    continue;
                }
                if in_table {
                    if final_roles.is_empty() {
                        final_roles = resolve(&roles, columns, cells.len(), &usual);
                    }
                    out.rows.push(Row {
                        line: *line,
                        cells: cells.clone(),
                        rebuilt: false,
                    });
                } else {
                    out.rows_after += 1;
                }
            }
            Line::Rule => {}
            Line::Blank => {
                if !in_table {
                    out.after.push(None);
                }
            }
            Line::Text { line, text } => {
                let continues = broken_col.is_some();
                if in_table && !out.rows.is_empty() && (continues || opens_broken_row(text)) {
                    let Some(col) = broken_column(text, broken_col, &final_roles) else {
                        continue;
                    };
                    out.rebuilt_lines += 1;
                    let width = final_roles.len().max(col + 1);
                    match &mut broken {
                        Some(b) if col >= b.last => {
                            b.cells[col].push(text.clone());
                            b.last = col;
                        }
                        _ => {
                            if let Some(b) = broken.take() {
                                out.rows.push(b.row());
                            }
                            let mut cells = vec![Vec::new(); width];
                            cells[col].push(text.clone());
                            broken = Some(Rebuilding {
                                line: *line,
                                cells,
                                last: col,
                            });
                        }
                    }
                    broken_col = Some(col);
                    continue;
                }
                let next = lines[i + 1..].iter().find(|l| !matches!(l, Line::Blank));
                // `BC02 – Titre` between two tables: the next bloc's heading. After prose
                // (the last bloc's exam, a note), only when the table's header follows it.
                if !out.rows.is_empty()
                    && let Some((at, heading, n)) = bloc_lines::heading_at(lines, i)
                    && (in_table
                        || bloc_lines::header_follows(&lines[i + n..], |cells| {
                            header_texts.contains(&row_text(cells))
                        }))
                {
                    out.rows.push(heading_row(at, &heading));
                    taken = n - 1;
                    in_table = true;
                    continue;
                }
                // The bloc's exam written as prose right under its table (`Épreuve E4 – … :
                // …`, `**Assessment:** …`): a row across, as the bloc's exam row.
                if in_table
                    && !out.rows.is_empty()
                    && bloc_lines::after_row(&lines[..i])
                    && let Some(exam) = bloc_lines::exam_paragraph(text)
                {
                    out.rows.push(heading_row(*line, &exam));
                    continue;
                }
                let inside = matches!(next, Some(Line::Row { .. } | Line::Rule))
                    || next.is_some_and(
                        |n| matches!(n, Line::Text { text, .. } if opens_broken_row(text)),
                    );
                if in_table && inside {
                    out.furniture.push((*line, text.clone()));
                } else {
                    in_table = false;
                    out.after.push(Some(text.clone()));
                }
            }
        }
    }
    if let Some(b) = broken.take() {
        out.rows.push(b.row());
    }
    if final_roles.is_empty() {
        final_roles = resolve(&roles, columns, 4, &usual);
    }
    out.header = match (columns, header_found) {
        (Some(_), _) => "the columns named by --columns".into(),
        (None, _) => "the header row naming the columns".into(),
    };
    out.roles = final_roles;
    Ok(out)
}

/// The role of each column: the author's, else the header's; columns the header leaves
/// unnamed keep the usual order.
fn resolve(
    roles: &[Option<Role>],
    columns: Option<&[Role]>,
    width: usize,
    usual: &[Role],
) -> Vec<Role> {
    if let Some(c) = columns {
        let mut c = c.to_vec();
        while c.len() < width {
            c.push(Role::Modality);
        }
        return c;
    }
    // A header naming every one of its columns says how many there are (three when the
    // exams and their criteria share one); otherwise the usual four.
    let named = roles.len() >= 2 && roles.iter().all(Option::is_some);
    let width = if named {
        roles.len()
    } else {
        roles.len().max(4)
    };
    (0..width)
        .map(|n| {
            roles
                .get(n)
                .copied()
                .flatten()
                .unwrap_or(usual.get(n).copied().unwrap_or(Role::Modality))
        })
        .collect()
}

/// A column headed `Activités types` holds the blocs (a REAC's synoptic table: each
/// activity type is a certificate) unless its table has heading rows, or its cells start
/// with activity IDs (`AT1.1 …`): the activity types are then the headings, and the column
/// holds their activities.
pub fn activity_types(layout: &mut Layout) {
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain(layout.switches.iter().map(|(at, _)| *at))
        .collect();
    bounds.push(layout.rows.len());
    for seg in 0..bounds.len() - 1 {
        let rows = &layout.rows[bounds[seg]..bounds[seg + 1]];
        let roles = match seg {
            0 => &mut layout.roles,
            n => &mut layout.switches[n - 1].1,
        };
        let Some(c) = roles.iter().position(|r| *r == Role::Bloc) else {
            continue;
        };
        // Cells merged down from the row above leave a row empty but for its first cell
        // (a sheet's criteria first, their competence merged over them): no heading.
        let headings = rows
            .iter()
            .any(|r| r.cells.len() > 1 && r.cells.iter().skip(1).all(|c| c.is_empty() && !c.below));
        let activities = rows.iter().filter_map(|r| r.cells.get(c)).any(|cell| {
            cell.blocks.first().is_some_and(|b| {
                super::ids::activity(&b.text).is_some()
                    || super::ids::group(&b.text).is_some()
                    || label::label(&b.text).is_some_and(|l| l.kind == Kind::Activity)
            })
        });
        if headings || activities {
            roles[c] = Role::Activity;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_in_french_and_in_english() {
        for (cell, role) in [
            ("Critères d'évaluation", Role::Criteria),
            ("Indicateurs de réussite", Role::Criteria),
            ("Modalités d'évaluation", Role::Modality),
            ("Activities", Role::Activity),
            ("Skills", Role::Competence),
            ("Competencies", Role::Competence),
            ("Learning outcomes", Role::Competence),
            ("Assessment", Role::Modality),
            ("Assessment criteria", Role::Criteria),
            ("Evaluation methods", Role::Modality),
        ] {
            assert_eq!(role_of(cell), Some(role), "{cell}");
        }
        assert_eq!(role_of("Cybersecurity administrator"), None);
        for cell in [
            "Savoirs",
            "Savoir-faire",
            "Savoir-être",
            "Savoirs associés",
            "Connaissances",
        ] {
            assert_eq!(role_of(cell), Some(Role::Knowledge), "{cell}");
        }
        assert_eq!(role_of("Savoir-faire techniques à maîtriser"), None);
        assert_eq!(role_of("Intitulé du bloc"), Some(Role::Bloc));
        assert_eq!(role_of("Blocs de compétences"), Some(Role::Activity));
    }

    /// Knowledge beside competences is left out; `Savoir-faire` without a competences
    /// column is the competences, in the usual order (no role from the header).
    #[test]
    fn knowledge_only_beside_a_competences_column() {
        let row = |cells: &[&str]| -> Vec<Cell> { cells.iter().map(|c| read_cell(c)).collect() };
        let roles = header_roles(&row(&["Capacités", "Savoirs", "Critères"])).unwrap();
        assert_eq!(
            roles,
            [
                Some(Role::Competence),
                Some(Role::Knowledge),
                Some(Role::Criteria)
            ]
        );
        let roles = header_roles(&row(&["Activités", "Savoir-faire", "Critères"])).unwrap();
        assert_eq!(roles, [Some(Role::Activity), None, Some(Role::Criteria)]);
    }
}
