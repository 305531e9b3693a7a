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
//! `ccp.txt` read as one competence's bloc and notes (0/5, 0/13).

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
