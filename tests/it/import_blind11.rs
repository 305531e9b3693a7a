//! `refolio import table` on an eleventh round of documents in hands unlike the earlier
//! rounds, written without reading the importer and first run *blind* (their figures then
//! are in docs/import-accuracy.md): a titre professionnel written as prose, each
//! competence a sentence whose criteria follow it in parentheses, `(critères : … ; …).`
//! (`phrases.txt`); a CQP exported as text with ` | ` between cells and no Markdown
//! separator line, its columns reversed, `Critères | Compétences | Activités`
//! (`colonnes.txt`); a LibreOffice document whose blocs are sections opened by level-1
//! headings naming no bloc, its competences level-2 headings with their criteria in a
//! list (`sections.odt`, built by `tests/fixtures/import/blind11/make_office.py`).

use crate::import_table::measure_beside;

const FOLDER: &str = "import/blind11";

fn blind(name: &str) {
    measure_beside(FOLDER, name);
}

#[test]
fn phrases_txt_criteria_in_parentheses_inside_the_competence_sentence() {
    blind("phrases.txt");
}

#[test]
fn colonnes_txt_pipes_without_separator_line_and_reversed_columns() {
    blind("colonnes.txt");
}

#[test]
fn sections_odt_blocs_as_headed_sections_without_the_word_bloc() {
    blind("sections.odt");
}
