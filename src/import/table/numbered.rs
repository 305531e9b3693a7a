//! An outline told by its numbers alone: `1.` items over `1.1.` items, each with its points
//! under it, and no word naming blocs or competences (a word processor's multilevel list —
//! the numbers Word prints — or text typed so). The items whose points follow them are
//! the competences; the items one level up, whose numbers theirs extend (`1.` over `1.1.`,
//! `1.2.`), are their blocs. Read for [`super::outline`].

use super::label::{self, Kind, Label};

/// What its number makes a line of such an outline.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Numbered {
    /// A bloc heading, written as the import reads one: `Bloc 1 : <title>`.
    Bloc(String),
    /// A competence: its ID (`1.1`) and its text.
    Competence(String, String),
}

/// For each line's text (`None` for no text), what its number makes it; `pointed[i]` says
/// whether points (criteria, their lead-in) come right after line `i`. All `None` unless
/// two competences at least are found, each under a bloc its number extends.
pub(super) fn roles(texts: &[Option<&str>], pointed: &[bool]) -> Vec<Option<Numbered>> {
    let none = vec![None; texts.len()];
    let labels: Vec<Option<Label>> = texts
        .iter()
        .map(|t| {
            t.and_then(label::label)
                .filter(|l| l.kind == Kind::Number && !l.rest.is_empty())
        })
        .collect();
    // The competences' depth: two numbers (`1.1.`) under one (`1.`), as long as items of
    // that depth have their points after them.
    let depth = 2;
    let pointed_items = labels
        .iter()
        .zip(pointed)
        .filter(|(l, p)| **p && l.as_ref().is_some_and(|l| l.numbers.len() == depth))
        .count();
    if pointed_items == 0 {
        return none;
    }
    let mut out = none.clone();
    let mut bloc: Option<&[u32]> = None;
    let mut competences = 0;
    for (i, l) in labels.iter().enumerate() {
        let Some(l) = l else {
            continue;
        };
        if l.numbers.len() == depth - 1 {
            // A bloc when an item of its own number's follows before the next of its depth.
            let heads = labels[i + 1..]
                .iter()
                .flatten()
                .take_while(|m| m.numbers.len() != depth - 1)
                .any(|m| m.numbers.len() == depth && m.numbers.starts_with(&l.numbers));
            bloc = heads.then_some(l.numbers.as_slice());
            if heads {
                out[i] = Some(Numbered::Bloc(format!(
                    "Bloc {} : {}",
                    l.numbers[0], l.rest
                )));
            }
        } else if l.numbers.len() == depth && bloc.is_some_and(|b| l.numbers.starts_with(b)) {
            out[i] = Some(Numbered::Competence(l.id.clone(), l.rest.clone()));
            competences += 1;
        }
    }
    if competences < 2 {
        return none;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[&str], pointed: &[usize]) -> Vec<Option<Numbered>> {
        let texts: Vec<Option<&str>> = lines.iter().map(|t| Some(*t)).collect();
        let pointed: Vec<bool> = (0..lines.len()).map(|i| pointed.contains(&i)).collect();
        roles(&texts, &pointed)
    }

    #[test]
    fn numbers_over_numbers_are_blocs_over_competences() {
        let doc = [
            "1. Accueillir les patients",
            "1.1. Vérifier l'identité",
            "- L'identité est vérifiée",
            "1.2. Gérer l'agenda",
            "2. Assister le praticien",
            "2.1. Préparer le plateau",
            "3. Annexes",
        ];
        let got = read(&doc, &[1]);
        assert_eq!(
            got[0],
            Some(Numbered::Bloc("Bloc 1 : Accueillir les patients".into()))
        );
        assert_eq!(
            got[1],
            Some(Numbered::Competence(
                "1.1".into(),
                "Vérifier l'identité".into()
            ))
        );
        assert_eq!(
            got[5],
            Some(Numbered::Competence(
                "2.1".into(),
                "Préparer le plateau".into()
            ))
        );
        // A section heading no competence under it is no bloc; a point is nothing here.
        assert_eq!((got[2].clone(), got[6].clone()), (None, None));
    }

    #[test]
    fn numbers_without_points_or_under_no_bloc_are_left_to_the_outline() {
        // A numbered plan of sections, no points after any item: no referential.
        let plan = ["1. Contexte", "1.1. Enjeux", "1.2. Public", "2. Méthode"];
        assert!(read(&plan, &[]).iter().all(Option::is_none));
        // `2.1.` under `1.`: its number does not extend the bloc's, and one competence is
        // no outline.
        let doc = ["1. Accueillir", "2.1. Vérifier", "2.2. Gérer"];
        assert!(read(&doc, &[1, 2]).iter().all(Option::is_none));
    }
}
