//! A document's headings as its structure: when its competences are headings (`CC1.1 – …`
//! at one outline level), the headings of the level above that head them are its blocs,
//! even without the word « bloc » (a LibreOffice section or a Word chapter per bloc,
//! titled by its heading). They are written as the bloc headings the rest of the import
//! reads, `Bloc <n> : <heading>`, numbered in their order.

use super::{Para, Piece};
use crate::import::table::{bloc_lines, ids, label};

/// Whether a heading's text opens with a competence's ID.
fn competence(text: &str) -> bool {
    ids::competence(text).is_some()
        || label::label(text).is_some_and(|l| l.kind == label::Kind::Competence)
}

/// The indices of the pieces that are bloc headings by the outline (see the module's doc):
/// the headings of the nearest level above the competences' that have a competence heading
/// under them, when there are two or more (one alone is the document's title) and none
/// names a bloc already.
pub(super) fn bloc_headings(pieces: &[Piece]) -> Vec<usize> {
    let headings: Vec<(usize, u8, &str)> = pieces
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p {
            Piece::Para(Para {
                heading: Some(level),
                text,
                ..
            }) => Some((i, *level, text.trim())),
            _ => None,
        })
        .collect();
    let competences: Vec<u8> = headings
        .iter()
        .filter(|(_, _, t)| competence(t))
        .map(|&(_, l, _)| l)
        .collect();
    let Some(&level) = competences.iter().min() else {
        return Vec::new();
    };
    if competences.iter().filter(|&&l| l == level).count() < 2 {
        return Vec::new();
    }
    let Some(above) = headings
        .iter()
        .map(|&(_, l, _)| l)
        .filter(|&l| l < level)
        .max()
    else {
        return Vec::new();
    };
    // Each heading of that level, and whether a competence heading comes before the next
    // heading of its level or above.
    let mut blocs = Vec::new();
    for (n, &(i, l, text)) in headings.iter().enumerate() {
        if l != above || competence(text) {
            continue;
        }
        let heads = headings[n + 1..]
            .iter()
            .take_while(|&&(_, l, _)| l > above)
            .any(|&(_, l, t)| l == level && competence(t));
        if heads {
            if bloc_lines::bloc_line(text) {
                return Vec::new();
            }
            blocs.push(i);
        }
    }
    if blocs.len() < 2 {
        return Vec::new();
    }
    blocs
}

/// The text a bloc heading by the outline is read as: `Bloc <n> : <heading>`.
pub(super) fn as_bloc(n: usize, text: &str) -> String {
    format!("Bloc {n} : {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, text: &str) -> Piece {
        Piece::Para(Para {
            text: text.into(),
            level: None,
            heading: Some(level),
        })
    }

    fn p(text: &str) -> Piece {
        Piece::Para(Para {
            text: text.into(),
            level: None,
            heading: None,
        })
    }

    #[test]
    fn headings_above_the_competences_are_blocs() {
        let doc = [
            h(1, "Référentiel"),
            h(2, "Préparer le chantier"),
            h(3, "CC1.1 – Relever"),
            p("Critères d'évaluation :"),
            h(3, "CC1.2 – Planifier"),
            h(2, "Isoler"),
            h(3, "CC2.1 – Poser"),
            h(2, "Annexe"),
        ];
        // The title above them and the heading heading no competence are no blocs.
        assert_eq!(bloc_headings(&doc), [1, 5]);
        // One heading above the competences: the document's title, no bloc.
        assert!(bloc_headings(&doc[..5]).is_empty());
        // Blocs named so already: read as they are.
        let named = [
            h(1, "Bloc 1 : Préparer"),
            h(2, "C1 Relever"),
            h(1, "Bloc 2 : Isoler"),
            h(2, "C2 Poser"),
        ];
        assert!(bloc_headings(&named).is_empty());
        // Competences not headings: the outline says nothing of them.
        let prose = [
            h(1, "Préparer"),
            p("C1 Relever"),
            h(1, "Isoler"),
            p("C2 Poser"),
        ];
        assert!(bloc_headings(&prose).is_empty());
    }
}
