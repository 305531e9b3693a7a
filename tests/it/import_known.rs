//! `refolio import table` on documents written for the failures docs/import.md listed as
//! known (so not blind: each was written to show one failure, then fixed by a general
//! rule), measured against their hand transcriptions in `tests/fixtures/import/known/`:
//! Markdown pipe tables under `##` bloc headings (`pipes.md`); `pdftotext -layout` output of
//! a three-column table, cells wrapped over several lines, bloc headings across the columns,
//! a page footer and the header repeated after a form feed (`layout.txt`); a table of
//! competences over two blocs, then one table of exams naming the competences of each bloc
//! (`epreuves.txt`); data rows whose every cell starts with its column's word, under
//! `Critères de réussite :` the list of criteria (`entete.txt`); competences whose IDs are
//! Word's automatic list numbering (`CP%1.`), not in their text (`numerotee.docx`, built
//! below).

use crate::common::fixture;
use crate::import_office::{C, docx_numbered, t};
use crate::import_table::{measure_file, measure_written};

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

/// Competences as items of a Word list numbered `CP1.`, `CP2.`… by Word (the numbers are in
/// `word/numbering.xml`, not in the text), criteria as bullets one level down.
fn numerotee() -> Vec<u8> {
    let list = |items: &[(usize, &'static str)]| {
        C::Text(items.iter().map(|&(l, s)| (Some(l), s)).collect(), 1, 1)
    };
    let rows = vec![
        vec![
            t("Activités"),
            t("Compétences"),
            t("Modalités d'évaluation"),
            t("Critères d'évaluation"),
        ],
        vec![C::Text(
            vec![(None, "Bloc 1 : Préparer les commandes")],
            4,
            1,
        )],
        vec![
            t("A1 Préparation des commandes"),
            list(&[
                (0, "Prélever les articles de la commande"),
                (0, "Contrôler la commande préparée"),
            ]),
            t("Mise en situation professionnelle"),
            list(&[
                (1, "Les articles prélevés sont conformes au bon."),
                (1, "Le contrôle est tracé."),
            ]),
        ],
        vec![C::Text(vec![(None, "Bloc 2 : Expédier les colis")], 4, 1)],
        vec![
            t("A2 Expédition"),
            list(&[(0, "Emballer les colis selon leur contenu")]),
            t("Étude de cas"),
            list(&[(1, "L'emballage protège le produit.")]),
        ],
    ];
    docx_numbered(
        "Préparateur de commandes",
        &rows,
        "",
        r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="CP%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>"#,
    )
}

#[test]
fn numerotee_docx_ids_from_word_list_numbering() {
    measure_written(
        "numerotee.docx",
        numerotee(),
        "import/known",
        "numerotee.expected.yaml",
    );
}
