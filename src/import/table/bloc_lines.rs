//! Bloc headings written as prose lines around the tables (one table per bloc, each under
//! its name): `BC02 – Titre` on one line, or the bloc's number on a line of its own and its
//! title alone on the next (`BLOC DE COMPÉTENCES N° 1` / `Optimiser les processus …`), as
//! a heading set in two styles prints.

use super::cells::Line;
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
        && !super::layout::exam_like(next)
        && super::ids::competence(next).is_none()
        && label::label(next).is_none();
    plain.then(|| next.to_owned())
}

/// The first table's bloc heading, among the lines before the table: the last prose line
/// when it names a bloc, or the line before it when that one names only the bloc's number
/// and the last is its title. With the heading, the index of its first line.
pub(super) fn first_heading(lines: &[Line], start: usize) -> Option<(usize, usize, String, usize)> {
    let last = (0..start)
        .rev()
        .find(|&n| !matches!(lines[n], Line::Blank))?;
    if !matches!(lines[last], Line::Text { .. }) {
        return None;
    }
    if last > 0
        && let Some((line, text, 2)) = heading_at(lines, last - 1)
    {
        return Some((last - 1, line, text, 2));
    }
    heading_at(lines, last)
        .filter(|(_, _, n)| *n == 1)
        .map(|(line, text, n)| (last, line, text, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: usize, t: &str) -> Line {
        Line::Text {
            line,
            text: t.into(),
        }
    }

    #[test]
    fn a_number_line_and_its_title_are_one_heading() {
        let lines = [
            text(1, "BLOC DE COMPÉTENCES N° 1"),
            text(2, "Optimiser les processus administratifs"),
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
            let lines = [text(1, "Bloc 2"), text(2, next)];
            assert_eq!(
                heading_at(&lines, 0),
                Some((1, "Bloc 2".into(), 1)),
                "{next}"
            );
        }
        // A title line alone is no heading.
        let lines = [text(1, "Référentiel"), text(2, "Optimiser")];
        assert_eq!(first_heading(&lines, 2), None);
    }
}
