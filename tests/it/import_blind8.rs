//! `refolio import table` on an eighth round of documents in hands unlike the earlier
//! rounds, written without reading the importer and first run *blind* (their figures then
//! are in docs/import-rounds.md): a France compétences "fiche RS" copied from its web page,
//! no table of competences but prose lines `Compétence n°1 : …` each followed by
//! `Critères d'évaluation :` and `- ` lines, the exam a prose paragraph, and two unrelated
//! tables of the page (the certifier, the ways of access) (`fiche-rs.txt`); a branch's CQP
//! kept as an Excel sheet, each bloc's cell merged down its competences `C1 - …`, criteria
//! as `•` lines in one cell (`cqp.xlsx`); a BTS "référentiel de certification", each bloc
//! named on two lines before a table of its own (`BLOC DE COMPÉTENCES N° 1`, then the
//! title), columns `Compétences | Critères de performance | Savoirs associés`, the savoirs
//! coded `S1.1 – …`, criteria as unmarked paragraphs, the exam a prose line after the table
//! (`bts.txt`); a Word table whose bloc and exam cells are merged down, competence IDs in
//! several styles in one document (`C1.1`, `C.1.2`, `C1.3.`, `C.2.2.`) in a bold run, and
//! criteria lettered `a)` by Word (`atelier.docx`); an English RQF-style qualification
//! exported from Google Docs as Markdown, units as `## Unit 1: …` headings, learning
//! outcomes `1.` restarting in each unit and assessment criteria `1.1` one to a row
//! (`units.md`). The office files are built by `tests/fixtures/import/blind8/make_office.py`
//! (standard library only) and committed.
//!
//! Three of the five failed their first run (`fiche-rs`: refused, no table; `bts`: the
//! two-line bloc headings not read, the second table dropped; `units`: the units no blocs,
//! the outcomes `1.` no competences); all five pass after the round's general fixes.

use crate::import_table::measure_beside;

const FOLDER: &str = "import/blind8";

fn blind(name: &str) {
    measure_beside(FOLDER, name);
}

#[test]
fn fiche_rs_txt_prose_competences_with_their_criteria_and_page_tables() {
    blind("fiche-rs.txt");
}

#[test]
fn cqp_xlsx_bloc_cells_merged_down_and_bullet_lines_in_a_cell() {
    blind("cqp.xlsx");
}

#[test]
fn bts_txt_two_line_bloc_headings_and_coded_savoirs_column() {
    blind("bts.txt");
}

#[test]
fn atelier_docx_merged_bloc_cells_mixed_id_styles_and_lettered_word_lists() {
    blind("atelier.docx");
}

#[test]
fn units_md_english_units_restarting_outcomes_and_one_criterion_per_row() {
    blind("units.md");
}
