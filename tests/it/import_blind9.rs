//! `refolio import table` on a ninth round of documents in hands unlike the earlier
//! rounds, written without reading the importer and first run *blind* (their figures then
//! are in docs/import-rounds.md): a certifier's web page saved whole, navigation and
//! footer around it, each bloc a `<div>` headed `<h3>Bloc A&nbsp;– …</h3>` (blocs lettered)
//! over a table of its own, competences as row heads `<th scope="row">` with their ID
//! `A.1` in a `<span>`, criteria `– ` lines joined by `<br>`, the exam a paragraph after
//! the table (`site.html`); `pdftotext` without `-layout` of a two-column table, each cell
//! a paragraph wrapped over short lines, the page header and footer (`Page 3/12`, the
//! certifier) and the table's header repeated inside the table at each page break, a
//! competence's criteria going on over the break (`froid.txt`); a CQP whose activities
//! and competences are numbered through the whole document (`A1`…`A4`, `C1`…`C7`, not per
//! bloc), criteria `C1-1` in `<ol>` lists, bloc rows `Bloc de compétences n°1 : …`
//! (`global.txt`); an evaluation grid saved by Excel as CSV, the competences the column
//! heads of a matrix, the criteria its rows and `X` marks saying which competences each
//! assesses, some two (`grille.csv`); a LibreOffice Writer table whose bloc and exam cells
//! are merged down, criteria a bulleted list with their indicators nested one level down
//! (`restauration.odt`, built by `tests/fixtures/import/blind9/make_office.py`, standard
//! library only, and committed).
//!
//! Four of the five failed their first run (`site`: the row heads `A.1` no competences;
//! `froid`: refused, no table; `global`: the criteria's IDs `C1-1` left in their text;
//! `grille`: refused, no table); all five pass after the round's general fixes.

use crate::import_table::measure_beside;

const FOLDER: &str = "import/blind9";

fn blind(name: &str) {
    measure_beside(FOLDER, name);
}

#[test]
fn site_html_saved_page_lettered_blocs_and_row_heads() {
    blind("site.html");
}

#[test]
fn froid_txt_pdftotext_page_headers_and_footers_inside_the_table() {
    blind("froid.txt");
}

#[test]
fn global_txt_activities_and_competences_numbered_through_the_document() {
    blind("global.txt");
}

#[test]
fn grille_csv_matrix_of_criteria_by_competence_with_x_marks() {
    blind("grille.csv");
}

#[test]
fn restauration_odt_merged_bloc_cells_and_nested_indicator_lists() {
    blind("restauration.odt");
}
