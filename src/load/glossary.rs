//! French field names: refolio's content files name their fields in English (`name`,
//! `criteria`), but the people who write them think in the référentiel's French (`nom`,
//! `critères`). An unknown field that is the French word for a field the document has is
//! answered with that field, which a spelling distance cannot find (`nom` is far from `name`).

use crate::fold::fold;

/// Folded French words (lowercase, no accents, `_` between words) and the English fields
/// they may mean, most likely first. Only fields the failing document has are suggested, so
/// a word with several meanings (`libelle`: a title or a text) finds the one that fits.
const FRENCH: &[(&str, &[&str])] = &[
    ("activites", &["activities"]),
    ("alternance", &["company_time"]),
    ("amenagements", &["exemptions"]),
    ("annexes", &["attachments"]),
    ("auto_evaluation", &["self_assessment"]),
    ("auto_positionnement", &["self_assessment"]),
    ("autoevaluation", &["self_assessment"]),
    ("blocs_de_competences", &["blocs"]),
    ("brouillon", &["draft"]),
    ("certificateur", &["certifier"]),
    ("certification_partielle", &["partial_certification"]),
    ("certification_totale", &["full_certification"]),
    ("chemin", &["path"]),
    ("competences_demontrees", &["demonstrates"]),
    ("competences_transversales", &["soft_skills"]),
    ("contexte", &["context"]),
    ("criteres", &["criteria"]),
    ("criteres_d_evaluation", &["criteria"]),
    ("demontre", &["demonstrates"]),
    ("dispense", &["exemptions"]),
    ("dispenses", &["exemptions"]),
    ("duree", &["duration"]),
    ("emploi", &["job"]),
    ("employeur", &["company"]),
    ("entreprise", &["company"]),
    ("entretien_final", &["final_interview"]),
    ("epreuves", &["modalities"]),
    ("equivalences", &["substitutions"]),
    ("evaluation_du_tuteur", &["tutor_assessment"]),
    ("evaluation_professionnelle", &["professional_evaluation"]),
    ("evaluation_tuteur", &["tutor_assessment"]),
    ("evalue", &["evaluates"]),
    ("fonction", &["role"]),
    ("groupes", &["groups"]),
    ("heures", &["hours"]),
    ("indicateurs", &["indicators"]),
    ("intitule", &["title"]),
    ("langue", &["language"]),
    ("libelle", &["title", "text"]),
    ("maitre_d_apprentissage", &["tutor"]),
    ("metier", &["job"]),
    ("modalites", &["modalities"]),
    ("modalites_d_evaluation", &["modalities"]),
    ("moyenne", &["pass_average"]),
    ("nature", &["kind"]),
    ("niveau", &["level"]),
    ("nom", &["name", "title"]),
    ("nom_complet", &["name"]),
    ("note_de_passage", &["pass_mark"]),
    ("note_eliminatoire", &["minimum"]),
    ("obligatoire", &["required"]),
    ("parcours", &["route"]),
    ("parties", &["parts"]),
    ("passages", &["attempts"]),
    ("penalites", &["penalties"]),
    ("periode_en_entreprise", &["company_time"]),
    ("periode_minimale_en_entreprise", &["company_time"]),
    ("pieces_jointes", &["attachments"]),
    ("poste", &["job", "title"]),
    ("preambule", &["preamble"]),
    ("prenom_nom", &["name"]),
    ("pronom", &["pronoun"]),
    ("pseudonyme", &["pseudonym"]),
    ("rattrapages", &["retakes"]),
    ("referentiel", &["referential"]),
    ("regles", &["rules"]),
    ("resultats", &["results"]),
    ("resume", &["summary"]),
    ("savoir_etre", &["soft_skills"]),
    ("savoirs_etre", &["soft_skills"]),
    ("seuil_de_reussite", &["pass_mark"]),
    ("societe", &["company"]),
    ("stage", &["company_time"]),
    ("statuts", &["statuses"]),
    ("temps_en_entreprise", &["company_time"]),
    ("tentatives", &["attempts"]),
    ("texte", &["text"]),
    ("titre", &["title"]),
    ("tuteur", &["tutor"]),
    ("tutrice", &["tutor"]),
    ("url_source", &["source_url"]),
    ("voie", &["route"]),
    ("voie_d_acces", &["route"]),
    ("volume_horaire", &["hours"]),
];

/// The field of `names` that the French `field` stands for, if it is one.
pub(crate) fn english_field<'a>(field: &str, names: &[&'a str]) -> Option<&'a str> {
    let key: String = fold(field)
        .chars()
        .map(|c| match c {
            ' ' | '-' | '\'' | '’' => '_',
            c => c,
        })
        .collect();
    let (_, meanings) = FRENCH
        .binary_search_by(|(french, _)| french.cmp(&key.as_str()))
        .ok()
        .map(|i| FRENCH[i])?;
    meanings
        .iter()
        .find_map(|m| names.iter().copied().find(|n| n == m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_its_search() {
        assert!(FRENCH.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn a_french_field_finds_the_english_one_the_document_has() {
        let passport = ["name", "pseudonym", "tutor", "job", "self_assessment"];
        assert_eq!(english_field("nom", &passport), Some("name"));
        assert_eq!(
            english_field("Auto-évaluation", &passport),
            Some("self_assessment")
        );
        assert_eq!(english_field("tuteur", &passport), Some("tutor"));
        // A bloc has a title, not a name.
        assert_eq!(
            english_field("nom", &["id", "title", "points"]),
            Some("title")
        );
        assert_eq!(
            english_field("libellé", &["id", "text", "criteria"]),
            Some("text")
        );
        assert_eq!(
            english_field("critères", &["id", "text", "criteria"]),
            Some("criteria")
        );
        // Not a field here, or not French.
        assert_eq!(english_field("critères", &passport), None);
        assert_eq!(english_field("nmae", &passport), None);
    }
}
