//! `refolio import table` on five more referential documents written after the fixes of
//! `import_known`, in hands unlike every earlier one, and first run *blind* (their figures
//! then are in docs/import.md): a ministry REAC's evaluation referential whose competences
//! carry no ID (`reac.txt`); `pdftotext -layout` of a CCI certificate, header on two centred
//! lines, rows not separated by blank lines, `-` points wrapped (`layout.txt`); a Markdown
//! export without outer pipes, blocs as bold rows inside the table (`export.md`); criteria
//! written under the exams in a second table (`modalites.txt`); a consular chamber's Word
//! table, blocs named in a first column merged down, competences numbered `1.1` without
//! prefix, one row per criterion under a competence cell merged down over them, the exam
//! merged over the bloc (`cci.docx`, built below).

use crate::import_office::{C, docx_of, t};
use crate::import_table::{measure_beside, measure_written};

fn blind(name: &str) {
    measure_beside("import/blind2", name);
}

#[test]
fn reac_competences_without_ids_under_numbered_activity_types() {
    blind("reac.txt");
}

#[test]
fn layout_pdftotext_two_line_centred_header_and_rows_without_blank_lines() {
    blind("layout.txt");
}

#[test]
fn export_markdown_without_outer_pipes_and_bold_bloc_rows() {
    blind("export.md");
}

#[test]
fn modalites_criteria_under_the_exams_in_a_second_table() {
    blind("modalites.txt");
}

fn tall(text: &'static str, rows: usize) -> C {
    C::Text(vec![(None, text)], 1, rows)
}

/// A consular chamber's table: blocs in a first column merged down over their rows, one
/// row per criterion, the competence and the exam cells merged down over theirs.
fn cci() -> Vec<u8> {
    let rows = vec![
        vec![
            t("Blocs de compétences"),
            t("Compétences"),
            t("Critères d'évaluation"),
            t("Modalités d'évaluation"),
        ],
        vec![
            tall("Bloc 1 – Gérer la relation client à distance", 3),
            tall("1.1 Traiter un appel entrant selon la procédure", 2),
            t("L'appel est décroché dans le délai fixé."),
            tall("Mise en situation sur plateau d'appels (1 h)", 3),
        ],
        vec![
            C::Below,
            C::Below,
            t("Le motif de l'appel est identifié."),
            C::Below,
        ],
        vec![
            C::Below,
            t("1.2 Rédiger une réponse écrite à une réclamation"),
            t("La réponse reprend chaque point de la réclamation."),
            C::Below,
        ],
        vec![
            tall("Bloc 2 – Fidéliser le portefeuille de clients", 2),
            tall("2.1 Proposer une offre adaptée lors d'un appel sortant", 2),
            t("L'offre correspond au profil du client."),
            tall("Étude de cas écrite (2 h)", 2),
        ],
        vec![
            C::Below,
            C::Below,
            t("Les objections sont traitées."),
            C::Below,
        ],
    ];
    docx_of(
        "Conseiller relation client à distance",
        &rows,
        "Certification délivrée par la CCI.",
    )
}

#[test]
fn cci_docx_blocs_in_a_merged_first_column_and_one_row_per_criterion() {
    measure_written("cci.docx", cci(), "import/blind2", "cci.expected.yaml");
}
