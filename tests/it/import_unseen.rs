//! `refolio import table` on four referential documents written here, in hands unlike the
//! three sources (`tests/fixtures/import/unseen/`: two text documents; a .docx and an .odt
//! built below), each measured against its hand transcription (`*.expected.yaml` beside
//! them) the way `import_table` measures the sources: competences by ID, criteria by the
//! competences they assess, text and ID, texts identical after whitespace is collapsed.
//!
//! Shapes covered: IDs without dots (`C1`), with a trailing dot (`C.1.1.`), mixed styles in
//! one document (`C1.3` next to `C.1.2.`), other prefixes and separators (`CP 1`, `AT-1`,
//! `C1-2-a`), a letter as the last level (`C.2.1.a`), criteria numbered without a prefix
//! (`1.1.1`); competences as bullet lists several per cell (`<ul><li>`, `•`, Word lists);
//! activities without IDs under numbered sub-domains (`1.1.`) under domain heading rows
//! (`A1. …`), blocs named by domain headings (`Domaine 1 – …`) or no bloc heading at all;
//! criteria as headings followed by `→` points or nested lists; criteria attached to an
//! exam (beside a merged exam cell, or listed inside it) rather than to one competence;
//! rows broken into plain lines after the first; narrative paragraphs in the activities
//! column. Run with `-- --nocapture` to see the figures.

use crate::common::fixture;
use crate::import_office::{C, docx_of, odt_of, t};
use crate::import_table::{measure_file, measure_written};

#[test]
fn mediation_domains_sub_domains_bullets_and_arrows() {
    measure_file(
        &fixture("import/unseen/mediation.txt"),
        "import/unseen",
        "mediation.expected.yaml",
    );
}

#[test]
fn immobilier_rows_broken_into_lines_and_no_bloc_heading() {
    measure_file(
        &fixture("import/unseen/immobilier.txt"),
        "import/unseen",
        "immobilier.expected.yaml",
    );
}

fn list(items: &[(usize, &'static str)]) -> C {
    C::Text(items.iter().map(|&(l, s)| (Some(l), s)).collect(), 1, 1)
}

fn paras(items: &[&'static str], rows: usize) -> C {
    C::Text(items.iter().map(|&s| (None, s)).collect(), 1, rows)
}

/// A logistics referential as a Word file: two header rows (one cell over two columns),
/// domain headings over the whole row, competences as Word lists in mixed ID styles,
/// an exam and its criteria merged down over three competence rows.
fn logistique() -> Vec<u8> {
    let rows = vec![
        vec![
            t("Activités"),
            t("Compétences"),
            C::Text(vec![(None, "Évaluation")], 2, 1),
        ],
        vec![t(""), t(""), t("Modalités"), t("Critères")],
        vec![C::Text(
            vec![(None, "Domaine 1 – Réception et stockage des marchandises")],
            4,
            1,
        )],
        vec![
            paras(&["A1.1 Réception des livraisons"], 2),
            list(&[
                (
                    0,
                    "C.1.1. Contrôler la conformité d'une livraison au bon de commande",
                ),
                (0, "C.1.2. Signaler les écarts et litiges au transporteur"),
            ]),
            paras(&["Mise en situation sur plateau technique"], 2),
            C::Text(
                vec![
                    (Some(0), "Qualité des contrôles :"),
                    (Some(1), "les quantités sont vérifiées"),
                    (Some(1), "l'état des colis est noté"),
                    (Some(0), "Respect des règles de sécurité"),
                ],
                1,
                2,
            ),
        ],
        vec![
            C::Below,
            t("C1.3 Ranger les marchandises selon le plan de stockage"),
            C::Below,
            C::Below,
        ],
        vec![
            t("A1.2 Gestion des stocks"),
            t("C.1.4. Réaliser un inventaire tournant"),
            t("Entretien technique"),
            paras(
                &["L'inventaire est exact.", "Les écarts sont expliqués."],
                1,
            ),
        ],
        vec![C::Text(
            vec![(None, "Domaine 2 – Préparation et expédition des commandes")],
            4,
            1,
        )],
        vec![
            t("A2.1 Préparation des commandes"),
            list(&[
                (0, "C.2.1.a Préparer une commande au picking vocal"),
                (0, "C.2.1.b Préparer une commande sur terminal embarqué"),
            ]),
            t("Mise en situation professionnelle"),
            paras(
                &[
                    "Les commandes sont préparées sans erreur.",
                    "La cadence attendue est tenue.",
                ],
                1,
            ),
        ],
        vec![
            t("A2.2 Expédition"),
            t("C2.2 Emballer et étiqueter les colis selon la destination"),
            t("Dossier professionnel"),
            list(&[
                (0, "Qualité de l'emballage :"),
                (1, "le colis est protégé"),
                (1, "l'étiquette est lisible"),
            ]),
        ],
    ];
    docx_of(
        "AGENT LOGISTIQUE POLYVALENT",
        &rows,
        "La certification est délivrée par un jury de professionnels.",
    )
}

/// A care referential as an OpenDocument file: a header cell over two columns, bloc
/// headings over the row, narrative text in the activities column, competences with `-`
/// separators and lettered last levels, criteria numbered without prefix, and criteria
/// listed inside the exam cell.
fn soins() -> Vec<u8> {
    let rows = vec![
        vec![
            t("Référentiel d'activités"),
            t("Référentiel de compétences"),
            C::Text(vec![(None, "Référentiel d'évaluation")], 2, 1),
        ],
        vec![t(""), t(""), t("Modalités"), t("Critères")],
        vec![C::Text(
            vec![(
                None,
                "Bloc de compétences 1 – Réaliser des soins d'hygiène et de confort",
            )],
            4,
            1,
        )],
        vec![
            paras(
                &[
                    "A1 Soins d'hygiène et de confort",
                    "L'aide-soignant intervient auprès de personnes dépendantes, à domicile ou en établissement. Il respecte leur intimité et leurs habitudes de vie.",
                ],
                2,
            ),
            t("C1-1 Réaliser une toilette complète au lit en respectant la pudeur de la personne"),
            paras(&["Épreuve 1 : mise en situation en service de soins"], 2),
            paras(
                &[
                    "1.1.1 La toilette respecte l'intimité de la personne.",
                    "1.1.2 Les règles d'hygiène sont appliquées.",
                ],
                1,
            ),
        ],
        vec![
            C::Below,
            paras(
                &[
                    "C1-2-a Installer la personne pour le repas",
                    "C1-2-b Aider la personne à s'alimenter en stimulant son autonomie",
                ],
                1,
            ),
            C::Below,
            t("1.2.1 L'installation est confortable et sécurisée."),
        ],
        vec![C::Text(
            vec![(
                None,
                "Bloc de compétences 2 – Communiquer avec la personne et son entourage",
            )],
            4,
            1,
        )],
        vec![
            t("A2 Communication"),
            paras(
                &[
                    "C2-1 Adapter sa communication à la situation de la personne",
                    "C2-2 Transmettre les informations utiles à l'équipe par écrit et par oral",
                ],
                1,
            ),
            C::Text(
                vec![
                    (None, "Épreuve 2 : étude de situation écrite"),
                    (None, "Critères d'évaluation :"),
                    (Some(0), "la communication est adaptée à la personne"),
                    (Some(0), "les transmissions sont exactes et datées"),
                ],
                1,
                1,
            ),
            t(""),
        ],
    ];
    odt_of(
        "Assistant de soins en gérontologie",
        &rows,
        "Les blocs peuvent être validés séparément.",
    )
}

#[test]
fn logistique_docx_mixed_ids_domains_and_exam_criteria() {
    measure_written(
        "logistique.docx",
        logistique(),
        "import/unseen",
        "logistique.expected.yaml",
    );
}

#[test]
fn soins_odt_narrative_separators_and_criteria_inside_the_exam() {
    measure_written("soins.odt", soins(), "import/unseen", "soins.expected.yaml");
}
