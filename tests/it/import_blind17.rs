//! `refolio import table` on a seventeenth round of documents in hands unlike the earlier
//! rounds, written without reading the importer and first run *blind* (their figures then
//! are in docs/import-accuracy.md): a CQP's Word document in two tables, the blocs and
//! competences first (`Code | Compétence professionnelle | Modalité d’évaluation`, bloc
//! rows spanning the columns), then after a heading the criteria, one row per criterion
//! keyed by the competence's code repeated in its first cell (`criteres.docx`); an
//! agricultural centre's page whose blocs are `<article>`s opened by an `<h2>`, each
//! competence an `<h3>` with its ID in a `<strong>`, each criterion a `<p>` opened by `✔`
//! (`articles.html`); a two-column table exported as text, the columns separated by runs
//! of spaces, competences `C1.` wrapped in the left column with a hanging indent beside
//! their `-` criteria wrapped in the right (`espaces.txt`); an Excel sheet whose columns
//! run right to left, `Critères d’évaluation | Compétences | Activités | Bloc de
//! compétences`, its header on row 2 under a title merged across row 1 (`inverse.xlsx`).
//! The office files are built by `tests/fixtures/import/blind17/make_office.py` (standard
//! library only) and committed.
//!
//! Two failed their first run (`criteres`: criteria 0/16, the second table dropped;
//! `articles`: criteria 0/13, the `✔` lines not read as points), `inverse` passed on its
//! figures with blocs 0/2 (its blocs column read as activities), `espaces` passed. All four
//! pass after the round's general fixes (ticks and arrowheads as point marks, a later
//! table of competences and criteria after prose, a row naming a competence in a second
//! table current for the rows below, a blocs column after an activities column).

use crate::import_table::measure_beside;

const FOLDER: &str = "import/blind17";

fn blind(name: &str) {
    measure_beside(FOLDER, name);
}

#[test]
fn criteres_docx_criteria_table_keyed_by_competence_code() {
    blind("criteres.docx");
}

#[test]
fn articles_html_article_blocs_strong_ids_ticked_paragraphs() {
    blind("articles.html");
}

#[test]
fn espaces_txt_space_separated_columns_hanging_indents() {
    blind("espaces.txt");
}

#[test]
fn inverse_xlsx_columns_right_to_left_header_on_row_two() {
    blind("inverse.xlsx");
}
