//! The prose lines around the tables that belong to a bloc (one table per bloc, each under
//! its name): its heading, `BC02 – Titre` on one line, or the bloc's number on a line of its
//! own and its title alone on the next (`BLOC DE COMPÉTENCES N° 1` / `Optimiser les
//! processus …`), as a heading set in two styles prints; and its exam written under its
//! table (`Épreuve E4 – … : …`).

use super::cells::{Cell, Line};
use super::label::{self, Kind};

/// A prose line naming a bloc: `Bloc 2 : …`, `BC02 – …`.
pub(super) fn bloc_line(text: &str) -> bool {
    super::ids::bloc(text).is_some()
        || label::label(text).is_some_and(|l| l.kind == Kind::Bloc && !l.rest.is_empty())
}

/// The bloc heading at `lines[i]`, if it is one: its line, its text (a number line and the
/// title line after it joined as `<number line> : <title>`), and how many lines it takes.
pub(super) fn heading_at(lines: &[Line], i: usize) -> Option<(usize, String, usize)> {
    let Some(Line::Text { line, text }) = lines.get(i) else {
        return None;
    };
    if !bloc_line(text) {
        return None;
    }
    if let Some(title) = title_after(lines, i) {
        return Some((*line, format!("{} : {title}", text.trim()), 2));
    }
    Some((*line, text.clone(), 1))
}

/// The title on the line right after a bloc line naming only its number: a short line that
/// is no bloc, exam or lead-in of its own.
fn title_after(lines: &[Line], i: usize) -> Option<String> {
    let Line::Text { text, .. } = lines.get(i)? else {
        return None;
    };
    let (_, title) = super::ids::bloc(text)?;
    if !title.is_empty() {
        return None;
    }
    let Some(Line::Text { text: next, .. }) = lines.get(i + 1) else {
        return None;
    };
    let next = next.trim();
    let words = next.split_whitespace().count();
    let plain = (1..=20).contains(&words)
        && !next.ends_with(':')
        && !bloc_line(next)
        && !exam_like(next)
        && super::ids::competence(next).is_none()
        && label::label(next).is_none();
    plain.then(|| next.to_owned())
}

/// How many short prose lines may stand between a bloc heading and its table (a reference
/// line: `Unit reference: K/650/1201 · Level 3`, `Durée : 35 h`).
const BETWEEN: usize = 2;

/// Whether a prose line may stand between a bloc heading and its table: short, and no bloc
/// heading itself.
fn between(text: &str) -> bool {
    text.split_whitespace().count() <= 20 && !bloc_line(text)
}

/// The first table's bloc heading, among the lines before the table: the last prose line
/// when it names a bloc, or the line before it when that one names only the bloc's number
/// and the last is its title; or such a heading followed by up to [`BETWEEN`] short lines.
/// With the heading, the index of its first line.
pub(super) fn first_heading(lines: &[Line], start: usize) -> Option<(usize, usize, String, usize)> {
    let mut passed = 0;
    let mut n = start;
    while n > 0 {
        n -= 1;
        let text = match &lines[n] {
            Line::Blank => continue,
            Line::Text { text, .. } => text,
            _ => return None,
        };
        if n > 0
            && let Some((line, heading, 2)) = heading_at(lines, n - 1)
        {
            return Some((n - 1, line, heading, 2));
        }
        if let Some((line, heading, taken)) = heading_at(lines, n) {
            // A number line whose title is the next line was found above.
            return (taken == 1).then_some((n, line, heading, 1));
        }
        passed += 1;
        if passed > BETWEEN || !between(text) {
            return None;
        }
    }
    None
}

/// Whether the lines after a bloc heading go on to a row repeating the table's header (a
/// table resumed under it), past blank lines and up to [`BETWEEN`] short prose lines.
pub(super) fn header_follows(lines: &[Line], is_header: impl Fn(&[Cell]) -> bool) -> bool {
    let mut passed = 0;
    for l in lines {
        match l {
            Line::Blank => {}
            Line::Row { cells, .. } => {
                return is_header(cells);
            }
            Line::Text { text, .. } if passed < BETWEEN && between(text) => passed += 1,
            _ => return false,
        }
    }
    false
}

/// Whether the last line that is not blank is a table row.
pub(super) fn after_row(lines: &[Line]) -> bool {
    matches!(
        lines.iter().rev().find(|l| !matches!(l, Line::Blank)),
        Some(Line::Row { .. })
    )
}

/// A prose line naming an exam the way a row across the columns does, its emphasis marks
/// (`**Assessment:**`) dropped.
pub(super) fn exam_paragraph(text: &str) -> Option<String> {
    let plain = text.replace("**", "");
    super::walk::exam_row(&plain).map(|_| plain.trim().to_owned())
}

/// An exam's opening words (`Épreuve …`, `Étude de cas …`): a line without ID in a broken
/// row is the exam's, and such a line is no bloc's title.
pub(super) fn exam_like(text: &str) -> bool {
    let t = deunicode::deunicode(text).to_lowercase();
    [
        "epreuve",
        "etude de cas",
        "mise en situation",
        "soutenance",
        "dossier",
        "oral",
        "ecrit",
        "qcm",
        "portfolio",
        "entretien",
        "presentation",
        "cas pratique",
        "jeu de role",
        "projet",
        "questionnaire",
        "evaluation",
        "controle",
        "examen",
        "redaction",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_line_and_its_title_are_one_heading() {
        let lines = [
            Line::text(1, "BLOC DE COMPÉTENCES N° 1"),
            Line::text(2, "Optimiser les processus administratifs"),
            Line::Blank,
        ];
        assert_eq!(
            first_heading(&lines, 3),
            Some((
                0,
                1,
                "BLOC DE COMPÉTENCES N° 1 : Optimiser les processus administratifs".into(),
                2
            ))
        );
        assert_eq!(
            super::super::ids::bloc(&first_heading(&lines, 3).unwrap().2),
            Some(("B1".into(), "Optimiser les processus administratifs".into()))
        );
    }

    #[test]
    fn a_lead_in_or_an_exam_after_a_number_line_is_no_title() {
        for next in ["Le bloc comprend :", "Épreuve écrite de 4 heures"] {
            let lines = [Line::text(1, "Bloc 2"), Line::text(2, next)];
            assert_eq!(
                heading_at(&lines, 0),
                Some((1, "Bloc 2".into(), 1)),
                "{next}"
            );
        }
        // A title line alone is no heading.
        let lines = [Line::text(1, "Référentiel"), Line::text(2, "Optimiser")];
        assert_eq!(first_heading(&lines, 2), None);
    }

    #[test]
    fn an_exam_line_under_a_table() {
        assert_eq!(
            exam_paragraph("**Assessment:** a portfolio of evidence.").as_deref(),
            Some("Assessment: a portfolio of evidence.")
        );
        assert_eq!(
            exam_paragraph("La certification est délivrée par le jury."),
            None
        );
        assert!(after_row(&[
            Line::Row {
                line: 1,
                cells: Vec::new()
            },
            Line::Blank
        ]));
        assert!(!after_row(&[Line::text(1, "Note"), Line::Blank]));
    }

    #[test]
    fn a_reference_line_may_stand_between_a_heading_and_its_table() {
        let lines = [
            Line::text(1, "Unit 1: Principles of safeguarding adults"),
            Line::Blank,
            Line::text(3, "Unit reference: K/650/1201 · Level 3"),
            Line::Blank,
        ];
        let found = first_heading(&lines, 4).map(|(at, line, _, n)| (at, line, n));
        assert_eq!(found, Some((0, 1, 1)));
        // Three lines between, or a long paragraph: no heading of the table.
        let long = "Cette unité décrit en détail les situations de travail que le candidat \
            rencontre et la manière dont elles sont évaluées par le jury au cours de l'épreuve.";
        let lines = [Line::text(1, "Bloc 1 : Vendre"), Line::text(2, long)];
        assert_eq!(first_heading(&lines, 2), None);
        let lines = [
            Line::text(1, "Bloc 1 : Vendre"),
            Line::text(2, "Durée : 35 h"),
            Line::text(3, "Niveau 4"),
            Line::text(4, "Version 2"),
        ];
        assert_eq!(first_heading(&lines, 4), None);
    }
}
