//! `refolio import table` on a third round of documents written in new hands after the fixes
//! of `import_blind2`, and first run *blind* (their figures then are in docs/import.md): a
//! whole HTML document, Word's "save as web page", its table over several lines with a
//! `colspan` bloc row (`web.html`); a CQP whose units `UC1 –` are the blocs, a first column
//! headed `Capacités`, capacities numbered `1.1 –` (`cqp.txt`); two columns, competences run
//! together in one cell, criteria inside the exam cell (`boutique.txt`).

use crate::import_table::measure_beside;

fn blind(name: &str) {
    measure_beside("import/blind3", name);
}

#[test]
fn web_a_whole_html_document_with_a_colspan_bloc_row() {
    blind("web.html");
}

#[test]
fn cqp_units_as_blocs_and_capacities_numbered_without_prefix() {
    blind("cqp.txt");
}

#[test]
fn boutique_two_columns_run_together_competences_and_criteria_in_the_exam_cell() {
    blind("boutique.txt");
}
