//! `refolio import table` on a thirteenth round of documents in hands unlike the earlier
//! rounds, written without reading the importer and first run *blind* (their figures then
//! are in docs/import-accuracy.md): a Titre professionnel REAC/RC text export whose blocs
//! are `CCP 1 – …`, competences numbered through the document `Compétence 1 : …`, each
//! followed by `Critères de performance` and a dashed list (`ccp.txt`); a BPJEPS annex from
//! `pdftotext -layout`, units `UC 1 – EC de …`, intermediate objectives `OI 1.1  EC de …`
//! as competences and terminal objectives `OTS 1.1.1  …` as criteria, wrapped in their
//! column, words hyphenated across line ends and the ligatures ﬁ/ﬂ (`bpjeps.txt`); a flat
//! "typed rows" CSV `Type;Code;Intitulé`, one row per bloc, activity, competence, criterion
//! or exam, parents implied by order (`types.csv`); a Word document whose blocs and
//! competences carry no number in their text, the IDs being the numbers Word's automatic
//! multilevel list displays (`numerotation.docx`, built by
//! `tests/fixtures/import/blind13/make_office.py`, standard library only, and committed).
//!
//! All four failed on their first run: three refused (`no referential table found`),
//! `ccp.txt` read as one competence's bloc and notes (0/5, 0/13). All four pass since
//! their fixes (types.csv in import15, the others in import16); the last two tests try the
//! rules of those fixes on documents of the same families the rules were not written from.

use crate::import_table::measure_beside;

const FOLDER: &str = "import/blind13";

fn blind(name: &str) {
    measure_beside(FOLDER, name);
}

#[test]
fn ccp_txt_titre_pro_ccp_blocs_and_global_competence_numbers() {
    blind("ccp.txt");
}

#[test]
fn bpjeps_txt_pdftotext_layout_units_objectives_hyphenation_ligatures() {
    blind("bpjeps.txt");
}

#[test]
fn types_csv_one_typed_row_per_item_parents_by_order() {
    blind("types.csv");
}

#[test]
fn numerotation_docx_ids_from_word_automatic_numbering() {
    blind("numerotation.docx");
}

/// The draft's competences of a document written in the test, as (ID, text, criteria).
fn competences(name: &str, text: &str) -> Vec<(String, String, Vec<String>)> {
    let dir = crate::common::Scratch::of("valid");
    let path = dir.root().join(name);
    std::fs::write(&path, text).unwrap();
    let imported = refolio::import::table::import(&path, None).unwrap();
    imported
        .draft
        .blocs
        .iter()
        .flat_map(|b| &b.activities)
        .flat_map(|a| &a.competences)
        .map(|k| {
            let criteria = k.criteria.iter().map(|c| c.text.clone()).collect();
            (k.id.clone(), k.text.clone(), criteria)
        })
        .collect()
}

/// The rules `bpjeps.txt` asked for, on a DEJEPS-like annex they were not written from:
/// a word hyphenated at a line end joined, `savoir-faire` wrapped at its own hyphen kept
/// (the document writes `savoir` and `faire` as words), a ligature folded.
#[test]
fn a_layout_annex_joins_broken_words_and_keeps_compounds() {
    let doc = "\
   Le savoir et le faire sont évalués ensemble.

   UC 3 – EC de conduire une démarche de perfectionnement sportif

      OI 3.1     EC de concevoir la démarche de perfectionnement des compé-
                 titeurs

                 OTS 3.1.1   Analyser les performances et les réﬂexions du sportif
                 OTS 3.1.2   Mobiliser son savoir-
                             faire d’entraîneur

      OI 3.2     EC de conduire la démarche

                 OTS 3.2.1   Planifier les séances
";
    let got = competences("dejeps.txt", doc);
    assert_eq!(
        got,
        [
            (
                "OI3.1".to_owned(),
                "EC de concevoir la démarche de perfectionnement des compétiteurs".to_owned(),
                vec![
                    "Analyser les performances et les réflexions du sportif".to_owned(),
                    "Mobiliser son savoir-faire d’entraîneur".to_owned(),
                ]
            ),
            (
                "OI3.2".to_owned(),
                "EC de conduire la démarche".to_owned(),
                vec!["Planifier les séances".to_owned()]
            ),
        ]
    );
}

/// The rule `numerotation.docx` asked for, in a text document typed so: `1.` blocs over
/// `1.1.` competences and their points; a numbered section over no competence is no bloc.
#[test]
fn a_text_outline_told_by_its_numbers_alone() {
    let doc = "\
Référentiel de compétences – Agent de médiation

1. Accueillir les publics

1.1. Orienter le public vers le service adapté
Critères d'évaluation :
- L'orientation correspond à la demande

1.2. Informer le public de ses droits
- L'information est exacte

2. Prévenir les conflits

2.1. Repérer les situations de tension
- Les signes de tension sont identifiés

3. Annexes
";
    let got = competences("mediation-numerotee.txt", doc);
    let ids: Vec<&str> = got.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids, ["1.1", "1.2", "2.1"]);
    assert_eq!(got[1].1, "Informer le public de ses droits");
    assert_eq!(got[2].2, ["Les signes de tension sont identifiés"]);
}
