//! A referential written as prose, with no table of its competences (a France compétences
//! "fiche RS": under `Compétences attestées :`, lines `Compétence n°1 : …`, each followed by
//! `Critères d'évaluation :` and `- ` lines, or statements without IDs one to a line; then
//! `Modalités d'évaluation :` and a paragraph). Rebuilt as the table it stands for — a header `Compétences | Critères
//! d'évaluation`, a row per competence with its points, the exam as a row across — so that
//! the layout and the walk read it as they read any table.

use super::cells::{Block, Cell, Line, Mark, read_cell, text_cell};
use super::columns::{Role, role_of};
use super::label::{self, Kind};

/// The lines of a document without a referential table, with its prose competences made a
/// table; `None` when fewer than two competences are found, by their IDs or listed under a
/// lead-in naming them.
pub(super) fn rebuild(lines: &[Line]) -> Option<Vec<Line>> {
    let (first, rows, after) = with_ids(lines).or_else(|| listed(lines))?;
    let (exam, after) = exam(lines, after);
    let header_line = match &lines[first] {
        Line::Text { line, .. } => *line,
        _ => 0,
    };
    // The first bloc's heading a few prose lines above (a unit's reference, level and
    // hours between): a heading row of the table, as the later blocs' are. Right above
    // the first competence it heads the table as any bloc heading over a table does.
    let opening = (first.saturating_sub(2 * PROSE_BETWEEN + 2)..first)
        .rev()
        .find_map(|h| {
            let (line, heading, taken) = super::bloc_lines::heading_at(lines, h)?;
            let between = lines[h + taken..first]
                .iter()
                .any(|l| !matches!(l, Line::Blank));
            (between && past_prose(lines, h + taken) == first).then_some((h, line, heading))
        });
    let mut out: Vec<Line> = lines[..opening.as_ref().map_or(first, |o| o.0)].to_vec();
    out.push(Line::Row {
        line: header_line,
        cells: vec![read_cell("Compétences"), read_cell("Critères d'évaluation")],
    });
    if let Some((_, line, heading)) = opening {
        out.push(Line::Row {
            line,
            cells: vec![text_cell(&heading)],
        });
    }
    out.extend(rows);
    out.extend(exam);
    out.extend(lines[after..].iter().cloned());
    Some(out)
}

/// Competences on lines opening with their IDs, each followed by its points: the index of
/// the first, a row for each, and the index of the line after them.
fn with_ids(lines: &[Line]) -> Option<(usize, Vec<Line>, usize)> {
    let first = lines.iter().position(|l| competence_line(l).is_some())?;
    let mut rows: Vec<Line> = Vec::new();
    let mut i = first;
    // Each competence, then its lead-ins, points and blank lines, until the next.
    while let Some(line) = lines.get(i).and_then(competence_line) {
        let mut points = Vec::new();
        let mut end = i + 1;
        let mut j = i + 1;
        while let Some(l) = lines.get(j) {
            match l {
                Line::Blank => {}
                Line::Text { text, .. } if lead_in(text) == Some(Role::Criteria) => end = j + 1,
                // `The learner can:`, `Le candidat est capable de :` right over the points.
                Line::Text { text, .. }
                    if text.trim_end().ends_with(':')
                        && text.split_whitespace().count() <= 8
                        && next_point(lines, j + 1) =>
                {
                    end = j + 1;
                }
                Line::Text { text, .. } if point_or_letter(text).is_some() => {
                    points.extend(point_or_letter(text));
                    end = j + 1;
                }
                _ => break,
            }
            j += 1;
        }
        let text = match &lines[i] {
            Line::Text { text, .. } => text.clone(),
            _ => String::new(),
        };
        rows.push(Line::Row {
            line,
            cells: vec![text_cell(&text), dashes(points)],
        });
        i = end;
        // The next competence may come after blank lines, and after the next bloc's
        // heading (a row across, as in a table with a row per bloc).
        let filled = |from: usize| (from..lines.len()).find(|&n| !matches!(lines[n], Line::Blank));
        match filled(i).map(|n| past_prose(lines, n)) {
            Some(next) if competence_line(&lines[next]).is_some() => i = next,
            Some(next) => {
                let Some((line, heading, taken)) = super::bloc_lines::heading_at(lines, next)
                else {
                    break;
                };
                // Past a lead-in naming the bloc's competences (`Compétences évaluées :`)
                // or the unit's reference lines.
                match filled(next + taken).map(|k| past_prose(lines, k)) {
                    Some(k) if competence_line(&lines[k]).is_some() => {
                        rows.push(Line::Row {
                            line,
                            cells: vec![text_cell(&heading)],
                        });
                        i = k;
                    }
                    _ => break,
                }
            }
            None => break,
        }
    }
    let competences = rows
        .iter()
        .filter(|r| matches!(r, Line::Row { cells, .. } if cells.len() > 1))
        .count();
    (competences >= 2).then_some((first, rows, i))
}

/// How many prose lines may stand between a competence's points and the next competence
/// or bloc heading (`Assessment guidance` and its paragraph), or under a bloc heading (a
/// lead-in, a unit's reference, level and hours).
const PROSE_BETWEEN: usize = 4;

/// The next competence or bloc heading from `from`, past at most [`PROSE_BETWEEN`] prose
/// lines that are no point and open with no ID; `from` itself when there is none so near.
fn past_prose(lines: &[Line], from: usize) -> usize {
    let mut prose = 0;
    for (k, l) in lines.iter().enumerate().skip(from) {
        match l {
            Line::Blank => {}
            _ if competence_line(l).is_some()
                || super::bloc_lines::heading_at(lines, k).is_some() =>
            {
                return k;
            }
            // A line led by an ID (`OTS 3.1.1 …`) is an item, not prose to pass.
            Line::Text { text, .. }
                if point_or_letter(text).is_none()
                    && label::label(text).is_none()
                    && prose < PROSE_BETWEEN =>
            {
                prose += 1;
            }
            _ => break,
        }
    }
    from
}

/// Whether the next line that is not blank is a point.
fn next_point(lines: &[Line], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .find(|l| !matches!(l, Line::Blank))
        .is_some_and(|l| matches!(l, Line::Text { text, .. } if point_or_letter(text).is_some()))
}

/// Competences without IDs listed one to a line under a lead-in naming them
/// (`Compétences attestées :`, then perhaps `Le titulaire est capable de :`): short
/// statements, no criteria, numbered `C1`… in order.
fn listed(lines: &[Line]) -> Option<(usize, Vec<Line>, usize)> {
    let lead = lines.iter().position(
        |l| matches!(l, Line::Text { text, .. } if lead_in(text) == Some(Role::Competence)),
    )?;
    let mut i = lead + 1;
    let mut first = None;
    let mut rows = Vec::new();
    while let Some(l) = lines.get(i) {
        match l {
            Line::Blank => {}
            // `Le titulaire de la certification est capable de :` before the list.
            Line::Text { text, .. } if first.is_none() && text.trim_end().ends_with(':') => {}
            Line::Text { line, text } => {
                let statement = point(text).unwrap_or_else(|| text.trim().to_owned());
                let words = statement.split_whitespace().count();
                let capital = statement.chars().next().is_some_and(char::is_uppercase);
                if statement.ends_with(':') || !(2..=40).contains(&words) || !capital {
                    break;
                }
                first.get_or_insert(i);
                // Numbered here as the walk numbers competences without IDs: a row whose
                // other cells are empty would otherwise be a heading row.
                let numbered = format!("C{} – {statement}", rows.len() + 1);
                rows.push(Line::Row {
                    line: *line,
                    cells: vec![text_cell(&numbered), Cell::default()],
                });
            }
            _ => break,
        }
        i += 1;
    }
    let first = first?;
    (rows.len() >= 2).then_some((first, rows, i))
}

/// The line number of a prose line opening with a competence's ID and its text.
fn competence_line(l: &Line) -> Option<usize> {
    let Line::Text { line, text } = l else {
        return None;
    };
    let found = label::label(text)?;
    (found.kind == Kind::Competence && !found.rest.trim().is_empty() && !text.ends_with(':'))
        .then_some(*line)
}

/// What a lead-in line (`Critères d'évaluation :`) names. A criteria lead-in may go
/// without its colon (a REAC's `Critères de performance` on a line of its own, set as a
/// sub-heading): a few words naming the criteria and nothing else.
pub(super) fn lead_in(text: &str) -> Option<Role> {
    let t = text.trim();
    match t.strip_suffix(':') {
        Some(lead) => role_of(lead.trim()),
        None => (t.split_whitespace().count() <= 4)
            .then(|| role_of(t))
            .flatten()
            .filter(|r| *r == Role::Criteria),
    }
}

/// A point's text (`- …`, `• …`, `→ …`, `› …`, `✔ …`), without the box of a Markdown task list
/// (`- [ ] …`, `- [x] …`): a box ticked or not is the author's bookkeeping, not the text.
pub(super) fn point(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = t.strip_prefix([
        '-', '–', '•', '●', '▪', '◦', '■', '*', '→', '➢', '➤', '►', '▸', '›', '✓', '✔', '☑',
    ])?;
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim();
    let unboxed = ["[ ]", "[x]", "[X]"]
        .iter()
        .find_map(|b| rest.strip_prefix(b).filter(|r| r.starts_with(' ')));
    Some(unboxed.map_or(rest, str::trim).to_owned())
}

/// A competence's point, marked (`- …`) or lettered as a list (`a) …`, `b. …`).
fn point_or_letter(text: &str) -> Option<String> {
    point(text).or_else(|| lettered(text.trim()).map(str::to_owned))
}

/// The text after a list's letter (`a) …`, `b. …`).
pub(super) fn lettered(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let letter = chars.next()?;
    let mark = chars.next()?;
    let rest = chars.as_str();
    (letter.is_ascii_lowercase() && matches!(mark, ')' | '.') && rest.starts_with(' '))
        .then(|| rest.trim_start())
}

/// The points of a competence, one `- ` item each.
fn dashes(points: Vec<String>) -> Cell {
    Cell {
        blocks: points
            .into_iter()
            .map(|text| Block {
                mark: Mark::Dash,
                text,
                italic: false,
            })
            .collect(),
        ..Cell::default()
    }
}

/// The exam after the competences (`Modalités d'évaluation :` and its paragraph, or on
/// one line) as a row across the columns, and the index of the line after it.
fn exam(lines: &[Line], from: usize) -> (Option<Line>, usize) {
    let Some(at) = (from..lines.len()).find(|&n| !matches!(lines[n], Line::Blank)) else {
        return (None, from);
    };
    let Line::Text { line, text } = &lines[at] else {
        return (None, from);
    };
    let Some((lead, rest)) = text.split_once(':') else {
        return (None, from);
    };
    if role_of(lead.trim()) != Some(Role::Modality) {
        return (None, from);
    }
    let (body, after) = if rest.trim().is_empty() {
        match lines.get(at + 1) {
            Some(Line::Text { text, .. }) if !text.trim().ends_with(':') => {
                (text.trim().to_owned(), at + 2)
            }
            _ => return (None, from),
        }
    } else {
        (rest.trim().to_owned(), at + 1)
    };
    // The walk reads a row across led by `Modalités d'évaluation :` as the bloc's exam.
    let row = Line::Row {
        line: *line,
        cells: vec![
            text_cell(&format!("Modalités d'évaluation : {body}")),
            Cell::default(),
        ],
    };
    (Some(row), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_competences_and_their_points_become_rows() {
        let lines = [
            Line::text(1, "Compétences attestées :"),
            Line::text(2, "Compétence n°1 : Repérer les risques"),
            Line::text(3, "Critères d'évaluation :"),
            Line::text(4, "- Les risques sont listés"),
            Line::Blank,
            Line::text(6, "C2 - Prévenir les risques"),
            Line::text(7, "• Les mesures sont adaptées"),
            Line::text(8, "Modalités d'évaluation :"),
            Line::text(9, "Étude de cas écrite (2 h)."),
            Line::text(10, "Prérequis : aucun."),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        let rows = Line::rows(&out);
        assert_eq!(rows[0], ["Compétences", "Critères d'évaluation"]);
        assert_eq!(rows[1][1], "Les risques sont listés");
        assert_eq!(rows[2][0], "C2 - Prévenir les risques");
        assert_eq!(
            rows[3][0],
            "Modalités d'évaluation : Étude de cas écrite (2 h)."
        );
        assert!(matches!(out.last(), Some(Line::Text { line: 10, .. })));
        // One competence line is no referential.
        assert!(rebuild(&lines[..5]).is_none());
        // The document may end right after the last competence's points.
        assert!(rebuild(&lines[..7]).is_some());
    }

    /// A bloc's heading between two competences: a row across, and the competences of the
    /// next bloc read on.
    #[test]
    fn competences_of_several_blocs_read_across_their_headings() {
        let lines = [
            Line::text(1, "Bloc 1 : Préparer"),
            Line::text(2, "C1 Relever le logement"),
            Line::text(3, "Critères d'évaluation :"),
            Line::text(4, "- Les pertes sont repérées"),
            Line::Blank,
            Line::text(6, "Bloc 2 : Isoler"),
            Line::Blank,
            Line::text(8, "C2 Poser l'isolant"),
            Line::text(9, "- Aucun pont thermique"),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        let rows = Line::rows(&out);
        assert_eq!(rows[2], ["Bloc 2 : Isoler"]);
        assert_eq!(rows[3], ["C2 Poser l'isolant", "Aucun pont thermique"]);
        // A bloc heading after the last competence ends them, as any prose does.
        assert!(rebuild(&lines[..7]).is_none());
        // A lead-in naming the competences under the heading is passed over.
        let mut led = lines.to_vec();
        led[6] = Line::text(7, "Compétences évaluées :");
        let out = rebuild(&led).expect("rebuilt");
        assert_eq!(
            Line::rows(&out)[3],
            ["C2 Poser l'isolant", "Aucun pont thermique"]
        );
    }

    /// An English specification: a unit's reference lines under its heading, `The learner
    /// can:` over the points, guidance between the units.
    #[test]
    fn units_learning_outcomes_and_the_prose_between_them() {
        let lines = [
            Line::text(1, "Unit 1 – Supervising service"),
            Line::text(2, "Unit reference: K/650/2231"),
            Line::text(3, "Guided learning hours: 45"),
            Line::text(4, "LO1.1 Understand how to plan staffing"),
            Line::text(5, "Assessment criteria:"),
            Line::text(6, "The learner can:"),
            Line::text(7, "• explain how covers are used"),
            Line::text(8, "LO1.2 Be able to brief a team"),
            Line::text(9, "• brief the team on allergens"),
            Line::text(10, "Assessment guidance"),
            Line::text(11, "Evidence must come from two observed services."),
            Line::text(12, "Unit 2 – Food safety"),
            Line::text(13, "LO2.1 Understand food safety"),
            Line::text(14, "• summarise the legislation"),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        let rows = Line::rows(&out);
        assert_eq!(rows[1], ["Unit 1 – Supervising service"]);
        assert_eq!(
            rows[2],
            [
                "LO1.1 Understand how to plan staffing",
                "explain how covers are used"
            ]
        );
        assert_eq!(rows[4], ["Unit 2 – Food safety"]);
        assert_eq!(
            rows[5],
            ["LO2.1 Understand food safety", "summarise the legislation"]
        );
    }

    /// A titre professionnel's RC: `CCP n –` blocs, and `Critères de performance` set as a
    /// sub-heading, without its colon; a longer line naming criteria is prose, not a lead-in.
    #[test]
    fn ccp_blocs_and_a_criteria_lead_in_without_its_colon() {
        let lines = [
            Line::text(1, "CCP 1 – Accueillir le client"),
            Line::Blank,
            Line::text(3, "Compétence 1 : Identifier la demande"),
            Line::text(4, "Critères de performance"),
            Line::text(5, "- La demande est reformulée"),
            Line::Blank,
            Line::text(7, "CCP 2 – Vendre"),
            Line::Blank,
            Line::text(9, "Compétence 2 : Conclure la vente"),
            Line::text(10, "Critères de performance"),
            Line::text(11, "- La vente est récapitulée"),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        let rows = Line::rows(&out);
        assert_eq!(rows[1][1], "La demande est reformulée");
        assert_eq!(rows[2], ["CCP 2 – Vendre"]);
        assert_eq!(rows[3][1], "La vente est récapitulée");
        // The first CCP heads the table from above it, as a bloc heading does.
        assert!(matches!(&out[0], Line::Text { line: 1, .. }));
        assert_eq!(lead_in("Critères de performance"), Some(Role::Criteria));
        assert_eq!(
            lead_in("Les critères de performance sont appréciés par le jury en situation"),
            None
        );
        assert_eq!(lead_in("Compétences professionnelles"), None);
    }

    /// A CQP's competences numbered under their bloc's code (`BC01.1`), their criteria
    /// lettered as a list under `Indicateurs :`.
    #[test]
    fn competences_under_a_bloc_code_and_lettered_points() {
        let lines = [
            Line::text(1, "BC01 – Entretenir les installations"),
            Line::Blank,
            Line::text(3, "BC01.1 Graisser les pièces d’usure"),
            Line::text(4, "Indicateurs :"),
            Line::text(5, "a) Le lubrifiant est celui du constructeur"),
            Line::text(6, "b) Les pièces sont tracées"),
            Line::text(7, "BC01.2 Contrôler le câble"),
            Line::text(8, "a) L’inspection porte sur toute sa longueur"),
        ];
        let out = rebuild(&lines).expect("rebuilt");
        let rows = Line::rows(&out);
        assert_eq!(
            rows[1],
            [
                "BC01.1 Graisser les pièces d’usure",
                "Le lubrifiant est celui du constructeur Les pièces sont tracées"
            ]
        );
        assert_eq!(rows[2][0], "BC01.2 Contrôler le câble");
    }

    #[test]
    fn competences_listed_without_ids_under_their_lead_in() {
        let doc = "RS5012 - Gérer les déchets de chantier\n\n\
            Compétences attestées :\n\
            Le titulaire de la certification est capable de :\n\
            Identifier les déchets produits sur un chantier\n\
            Organiser le tri des déchets à la source\n\
            Modalités d'évaluation :\n\
            Questionnaire à choix multiples de 30 minutes.\n\
            Voies d'accès\n";
        let imported = super::super::import_text(doc, "dechets").expect("imports");
        let d = &imported.draft;
        assert_eq!(d.title, "Gérer les déchets de chantier");
        let [bloc] = d.blocs.as_slice() else {
            panic!("{d:#?}")
        };
        let competences: Vec<(&str, &str)> = bloc.activities[0]
            .competences
            .iter()
            .map(|k| (k.id.as_str(), k.text.as_str()))
            .collect();
        assert_eq!(
            competences,
            [
                ("C1", "Identifier les déchets produits sur un chantier"),
                ("C2", "Organiser le tri des déchets à la source")
            ]
        );
        assert!(
            bloc.activities[0]
                .competences
                .iter()
                .all(|k| k.criteria.is_empty())
        );
        assert_eq!(bloc.modalities.len(), 1);
        assert_eq!(d.notes_text.as_deref(), Some("Voies d'accès"));
        assert!(
            imported.report.iter().any(|l| l
                == "no referential table: read as the table it stands for from prose lines opening with competences"),
            "{:#?}",
            imported.report
        );
    }

    #[test]
    fn a_task_list_box_is_not_the_point_s_text() {
        assert_eq!(
            point("- [ ] Les risques sont listés").as_deref(),
            Some("Les risques sont listés")
        );
        assert_eq!(
            point("* [x] Le harnais est contrôlé").as_deref(),
            Some("Le harnais est contrôlé")
        );
        // Brackets that are text stay: a box holds a space or an x, and a space follows it.
        assert_eq!(
            point("- [sic] Les risques").as_deref(),
            Some("[sic] Les risques")
        );
        assert_eq!(point("- [x]y").as_deref(), Some("[x]y"));
        // A web page's bullet glyph, as a CMS writes it in a `<span>` before the text.
        assert_eq!(
            point("› Le client est orienté").as_deref(),
            Some("Le client est orienté")
        );
    }

    #[test]
    fn a_tick_or_an_arrowhead_marks_a_point() {
        for mark in ['✔', '✓', '☑', '➤', '▸'] {
            assert_eq!(
                point(&format!("{mark} Les délais sont respectés")).as_deref(),
                Some("Les délais sont respectés"),
                "{mark}"
            );
        }
        // A tick glued to a word is the word's, as a dash is.
        assert_eq!(point("✔Les délais"), None);
    }
}
