//! `refolio import table` on a twelfth round of documents in hands unlike the earlier
//! rounds, written without reading the importer and first run *blind* (their figures then
//! are in docs/import-accuracy.md): a Word document of "fiches compétences", one two-column
//! key/value table per competence (`Code`, `Compétence`, `Conditions de réalisation`,
//! `Critères d’évaluation` as a bulleted list, `Modalité d’évaluation`) under `Bloc de
//! compétences 1 – …` headings (`fiches.docx`); an Excel workbook with a read-me sheet,
//! one sheet per bloc whose first row gives the bloc's full title above the header,
//! competences lettered by bloc (`A1`, `B1`) merged down over one row per criterion coded
//! `A1-a`, and a sheet of exams (`blocs.xlsx`); a certifier's web page whose blocs are
//! `<details>` elements, each competence a `<dt>` holding its ID alone and a `<dd>` holding
//! its text, a `Critères d’évaluation :` paragraph and a `<ul>`, beside definition lists
//! that hold no competence (`referentiel.html`); a Markdown working document of nested
//! ordered lists written by hand, `1. Activité :`, `1.1. Compétence :`, `a) Critère :`,
//! some criteria wrapped (`plan.md`). The office files are built by
//! `tests/fixtures/import/blind12/make_office.py` (standard library only) and committed.
//!
//! All four were refused on their first run (`no referential table found`); all four pass
//! after the round's general fixes (an outline read as a table, a page without a table read
//! as its prose lines, fiches of keys and values, every sheet of a workbook, a later table
//! naming neither competences nor criteria ending the referential's).

use crate::import_table::measure_beside;

const FOLDER: &str = "import/blind12";

fn blind(name: &str) {
    measure_beside(FOLDER, name);
}

#[test]
fn fiches_docx_one_key_value_table_per_competence() {
    blind("fiches.docx");
}

#[test]
fn blocs_xlsx_one_sheet_per_bloc_with_lettered_competences() {
    blind("blocs.xlsx");
}

#[test]
fn referentiel_html_definition_lists_inside_details() {
    blind("referentiel.html");
}

#[test]
fn plan_md_nested_hand_numbered_lists_with_labels() {
    blind("plan.md");
}
