//! Criteria written inside a competence's sentence, in parentheses introduced by a word
//! naming them: `C1. Accueillir la personne (critères : l'entretien est conduit … ; les
//! freins sont identifiés).` The parentheses hold the competence's criteria, one per `;`
//! (per `,` when there is no `;`); the competence is the sentence without them.

use std::sync::LazyLock;

use regex::Regex;

/// `(critères : …)`, `(critère d'évaluation : …)`, `(indicateurs de réussite : …)`,
/// `(évaluée par : …)`: a lead-in naming criteria, then their list. `évalué par` needs its
/// colon: without it, it names the exam (`évaluée par une mise en situation`).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\(\s*(?:(?:les\s+)?(?:crit[èe]res?(?:\s+d['’]\s*[ée]valuation)?|indicateurs?(?:\s+de\s+(?:r[ée]ussite|performance))?)\s*:?|[ée]valu[ée]e?s?\s+(?:par|sur|selon)\s*:)\s*(?P<list>[^()]+?)\s*\)",
    )
    .unwrap()
});

/// The competence's text without the parentheses and the criteria they list, if `text`
/// has such parentheses (the first; a second would be another competence's).
pub(super) fn inline_criteria(text: &str) -> Option<(String, Vec<String>)> {
    let c = INLINE.captures(text)?;
    let whole = c.get(0)?;
    let list = c.name("list")?.as_str();
    let sep = if list.contains(';') { ';' } else { ',' };
    let criteria: Vec<String> = list
        .split(sep)
        .map(|p| p.trim().trim_end_matches('.').trim().to_owned())
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect();
    if criteria.is_empty() {
        return None;
    }
    let before = text[..whole.start()].trim_end();
    let after = text[whole.end()..].trim_start();
    // The mark after the parentheses (`).`) ends the sentence that held the criteria: the
    // competence is the statement before them. Words after them are the competence's.
    let rest = if !after.chars().any(char::is_alphanumeric) {
        before.to_owned()
    } else if after.starts_with([',', ';', ':']) {
        format!("{before}{after}")
    } else {
        format!("{before} {after}")
    };
    Some((rest.trim().to_owned(), criteria))
}

#[cfg(test)]
mod tests {
    use super::inline_criteria;

    /// In a table's competences cell as in a prose line: the walk takes the criteria.
    #[test]
    fn a_competence_cell_with_its_criteria_in_parentheses() {
        let doc = "Compétences\tModalités\n\
            Bloc 1 : Soigner\t\n\
            C1 Réaliser un pansement (critères : le geste est sûr ; l'asepsie est respectée).\tMise en situation\n";
        let imported = super::super::super::import_text(doc, "x").unwrap();
        let k = &imported.draft.blocs[0].activities[0].competences[0];
        let criteria: Vec<&str> = k.criteria.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(k.text, "Réaliser un pansement");
        assert_eq!(criteria, ["le geste est sûr", "l'asepsie est respectée"]);
    }

    #[test]
    fn criteria_in_parentheses_inside_the_sentence() {
        let (text, criteria) = inline_criteria(
            "Accueillir la personne (critères : l'entretien est conduit ; les freins sont identifiés).",
        )
        .unwrap();
        assert_eq!(text, "Accueillir la personne");
        assert_eq!(
            criteria,
            ["l'entretien est conduit", "les freins sont identifiés"]
        );
        // On `,` when no `;`; other lead-ins; text after the parentheses kept.
        let (text, criteria) = inline_criteria(
            "Vendre (indicateurs de réussite : la vente est conclue, le client est satisfait) en boutique",
        )
        .unwrap();
        assert_eq!(text, "Vendre en boutique");
        assert_eq!(
            criteria,
            ["la vente est conclue", "le client est satisfait"]
        );
        let (_, criteria) =
            inline_criteria("Soigner (évaluée par : le geste est sûr ; l'hygiène est respectée)")
                .unwrap();
        assert_eq!(criteria, ["le geste est sûr", "l'hygiène est respectée"]);
        // Parentheses that name no criteria, or an exam, are the sentence's.
        for no in [
            "Conduire un entretien (face à face ou à distance)",
            "Négocier (évaluée par une mise en situation professionnelle)",
            "Planifier (critères : )",
        ] {
            assert_eq!(inline_criteria(no), None, "{no}");
        }
    }
}
