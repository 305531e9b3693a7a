//! `refolio import table` on documents written for the failures docs/import.md listed as
//! known (so not blind: each was written to show one failure, then fixed by a general
//! rule), measured against their hand transcriptions in `tests/fixtures/import/known/`:
//! Markdown pipe tables under `##` bloc headings (`pipes.md`); `pdftotext -layout` output of
//! a three-column table, cells wrapped over several lines, bloc headings across the columns,
//! a page footer and the header repeated after a form feed (`layout.txt`); a table of
//! competences over two blocs, then one table of exams naming the competences of each bloc
//! (`epreuves.txt`); data rows whose every cell starts with its column's word, under
//! `Critères de réussite :` the list of criteria (`entete.txt`).

use crate::common::fixture;
use crate::import_table::measure_file;

#[test]
fn pipes_markdown_tables_under_heading_blocs() {
    measure_file(
        &fixture("import/known/pipes.md"),
        "import/known",
        "pipes.expected.yaml",
    );
}

#[test]
fn layout_pdftotext_columns_aligned_with_spaces() {
    measure_file(
        &fixture("import/known/layout.txt"),
        "import/known",
        "layout.expected.yaml",
    );
}

#[test]
fn epreuves_one_table_of_exams_for_every_bloc() {
    measure_file(
        &fixture("import/known/epreuves.txt"),
        "import/known",
        "epreuves.expected.yaml",
    );
}

#[test]
fn entete_data_rows_starting_with_the_columns_words() {
    measure_file(
        &fixture("import/known/entete.txt"),
        "import/known",
        "entete.expected.yaml",
    );
}
