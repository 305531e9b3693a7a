//! `refolio import table` on five more referential documents, written for this test after
//! the importer's general recognition was in place and first run *blind* (the figures of that
//! first run are in docs/import.md): three text documents (`tests/fixtures/import/blind/`)
//! and a .docx and an .odt built below. Each is measured against its hand transcription
//! (`*.expected.yaml` beside the text documents) the way `import_table` measures the three
//! sources. Run with `-- --nocapture` to see the figures.
//!
//! Hands unlike the sources and unlike `import_unseen`: `Pôle n –` headings, IDs with a
//! trailing dot next to IDs without (`C.1.1.` / `C1.2`), cells joined by `<br>`, `→` points
//! under a heading ending with a colon (`boulangerie`); lettered domains without numbers
//! (`A. Accueil`), activities `A.1 –` followed by their tasks as an `<ol>` list, a
//! narrative paragraph in the activities column, `CP 1.1 :` IDs in `<ol>` lists, criteria
//! as `<li>` headings with nested `<ul>` of `→` points (`hotellerie`); `Activité n :`
//! activities with no sub-activity and no bloc heading, two competences run together on
//! one line (`C1. … – C2. …`), every row after the first broken into lines, narrative
//! prose among them (`proprete`); a Word table with no bloc heading, `C01` IDs in Word
//! lists, an exam and its criteria merged down over two rows, `→` points as a nested Word
//! list (`ascenseurs`); an OpenDocument table with capitalised bloc headings `BLOC DE
//! COMPÉTENCES N°1 –`, `RC1` IDs the column alone says are competences, criteria numbered
//! `1)` and a criteria cell merged down over two rows (`paysage`).

use crate::common::fixture;
use crate::import_office::{C, docx_of, odt_of, t};
use crate::import_table::{measure_file, measure_written};

#[test]
fn boulangerie_poles_trailing_dots_and_arrows_after_br() {
    measure_file(
        &fixture("import/blind/boulangerie.txt"),
        "import/blind",
        "boulangerie.expected.yaml",
    );
}

#[test]
fn hotellerie_lettered_domains_task_lists_and_nested_arrow_lists() {
    measure_file(
        &fixture("import/blind/hotellerie.txt"),
        "import/blind",
        "hotellerie.expected.yaml",
    );
}

#[test]
fn proprete_broken_rows_run_together_competences_and_lone_activities() {
    measure_file(
        &fixture("import/blind/proprete.txt"),
        "import/blind",
        "proprete.expected.yaml",
    );
}

#[test]
fn vendeur_three_columns_criteria_inside_the_exam_and_an_empty_activities_column() {
    measure_file(
        &fixture("import/blind/vendeur.txt"),
        "import/blind",
        "vendeur.expected.yaml",
    );
}

#[test]
fn licence_bloc_named_in_the_first_cell_of_its_first_row() {
    measure_file(
        &fixture("import/blind/licence.txt"),
        "import/blind",
        "licence.expected.yaml",
    );
}

#[test]
fn recrutement_plain_tabs_inline_dash_points_and_capital_blocs() {
    measure_file(
        &fixture("import/blind/recrutement.txt"),
        "import/blind",
        "recrutement.expected.yaml",
    );
}

#[test]
fn batiment_activite_type_headings_c1a_ids_and_an_exam_range() {
    measure_file(
        &fixture("import/blind/batiment.txt"),
        "import/blind",
        "batiment.expected.yaml",
    );
}

#[test]
fn famille_a_second_table_of_exams_naming_the_competences_they_evaluate() {
    measure_file(
        &fixture("import/blind/famille.txt"),
        "import/blind",
        "famille.expected.yaml",
    );
}

#[test]
fn webdev_one_table_per_bloc_named_by_a_line_before_it_and_compound_ids() {
    measure_file(
        &fixture("import/blind/webdev.txt"),
        "import/blind",
        "webdev.expected.yaml",
    );
}

#[test]
fn coiffure_kinds_written_in_full_before_the_numbers() {
    measure_file(
        &fixture("import/blind/coiffure.txt"),
        "import/blind",
        "coiffure.expected.yaml",
    );
}

fn list(items: &[(usize, &'static str)], rows: usize) -> C {
    C::Text(items.iter().map(|&(l, s)| (Some(l), s)).collect(), 1, rows)
}

fn tall(text: &'static str, rows: usize) -> C {
    C::Text(vec![(None, text)], 1, rows)
}

/// Lift maintenance as a Word file: no bloc heading, competences as Word lists, an exam
/// and its criteria merged down over the two rows of the first activity.
fn ascenseurs() -> Vec<u8> {
    let rows = vec![
        vec![
            t("Activités professionnelles"),
            t("Compétences mises en œuvre"),
            t("Modalités d'évaluation"),
            t("Critères d'évaluation"),
        ],
        vec![
            tall("Activité 1 – Diagnostic d'une installation", 2),
            list(
                &[
                    (
                        0,
                        "C01 Relever les paramètres de fonctionnement d'un ascenseur",
                    ),
                    (0, "C02 Identifier l'origine d'un dysfonctionnement"),
                ],
                1,
            ),
            tall("Mise en situation sur site réel (3 heures)", 2),
            list(
                &[
                    (0, "Fiabilité du diagnostic :"),
                    (1, "→ les mesures sont relevées avec l'appareil adapté"),
                    (1, "→ la cause de la panne est identifiée"),
                    (0, "Le carnet d'entretien est renseigné sans omission."),
                ],
                2,
            ),
        ],
        vec![
            C::Below,
            t("C03 Consigner le diagnostic dans le carnet d'entretien"),
            C::Below,
            C::Below,
        ],
        vec![
            t("Activité 2 – Remise en service"),
            C::Text(
                vec![
                    (None, "C04 Remplacer un organe défectueux"),
                    (
                        None,
                        "C05 Réaliser les essais de sécurité avant la remise en service",
                    ),
                ],
                1,
                1,
            ),
            t("Épreuve écrite (2 heures)"),
            C::Text(
                vec![
                    (None, "Les essais sont réalisés dans l'ordre prévu."),
                    (None, "Le compte rendu de remise en service est signé."),
                ],
                1,
                1,
            ),
        ],
    ];
    docx_of(
        "Technicien de maintenance d'ascenseurs",
        &rows,
        "Les épreuves sont organisées en centre agréé.",
    )
}

/// Landscaping as an OpenDocument file: capitalised bloc headings, `RC` IDs, criteria
/// numbered `1)`, a criteria cell merged down over two competence rows.
fn paysage() -> Vec<u8> {
    let bloc = |text: &'static str| vec![C::Text(vec![(None, text)], 4, 1)];
    let rows = vec![
        vec![
            t("ACTIVITÉS"),
            t("COMPÉTENCES"),
            t("MODALITÉS"),
            t("CRITÈRES"),
        ],
        bloc("BLOC DE COMPÉTENCES N°1 – Entretenir un espace vert"),
        vec![
            tall("A1 Tonte et taille", 2),
            t("RC1 Tondre une pelouse en réglant la hauteur de coupe"),
            tall("Mise en situation professionnelle sur chantier", 2),
            C::Text(
                vec![
                    (None, "1) La hauteur de coupe est adaptée à la saison."),
                    (None, "2) Les déchets verts sont évacués."),
                ],
                1,
                2,
            ),
        ],
        vec![
            C::Below,
            t("RC2 Tailler une haie en respectant la forme du végétal"),
            C::Below,
            C::Below,
        ],
        bloc("BLOC DE COMPÉTENCES N°2 – Créer un aménagement paysager"),
        vec![
            t("A2 Plantation"),
            list(
                &[
                    (0, "RC3 Préparer le sol avant plantation"),
                    (0, "RC4 Planter des végétaux selon un plan"),
                ],
                1,
            ),
            t("Dossier de réalisation présenté à l'oral"),
            C::Text(
                vec![
                    (None, "1) Le plan de plantation est respecté."),
                    (None, "2) Les végétaux sont arrosés après plantation."),
                ],
                1,
                1,
            ),
        ],
    ];
    odt_of(
        "Jardinier paysagiste",
        &rows,
        "Chaque bloc est évalué séparément.",
    )
}

/// Accounting as a Word file: a two-row header (`Référentiel d'évaluation` over two
/// columns), `Bloc n°1 :` headings, an activity and an exam merged down over three rows,
/// `C1.1.` IDs with a trailing dot, criteria as a bulleted Word list, one criteria cell per
/// competence row.
fn comptabilite() -> Vec<u8> {
    let bloc = |text: &'static str| vec![C::Text(vec![(None, text)], 4, 1)];
    let rows = vec![
        vec![
            t("Référentiel d'activités"),
            t("Référentiel de compétences"),
            C::Text(vec![(None, "Référentiel d'évaluation")], 2, 1),
        ],
        vec![t(""), t(""), t("Modalités"), t("Critères")],
        bloc("Bloc n°1 : Tenir la comptabilité courante"),
        vec![
            tall("A1 Enregistrement des opérations", 3),
            t("C1.1. Saisir les pièces comptables d'achat et de vente"),
            tall("Étude de cas sur logiciel comptable (3 h)", 3),
            list(
                &[
                    (0, "Les écritures respectent le plan comptable."),
                    (0, "La TVA est correctement calculée."),
                ],
                1,
            ),
        ],
        vec![
            C::Below,
            t("C1.2. Rapprocher les relevés bancaires des écritures"),
            C::Below,
            list(&[(0, "Les écarts sont identifiés et justifiés.")], 1),
        ],
        vec![
            C::Below,
            t("C1.3. Lettrer les comptes de tiers"),
            C::Below,
            list(&[(0, "Les comptes clients sont lettrés sans erreur.")], 1),
        ],
        bloc("Bloc n°2 : Préparer les déclarations fiscales"),
        vec![
            t("A2 Déclarations de TVA"),
            t("C2.1. Établir la déclaration de TVA mensuelle"),
            t("Cas pratique écrit (2 h)"),
            list(
                &[
                    (0, "Le montant déclaré est exact."),
                    (0, "L'échéance est respectée."),
                ],
                1,
            ),
        ],
    ];
    docx_of(
        "Gestionnaire comptable et fiscal",
        &rows,
        "Le candidat présente son dossier devant un jury.",
    )
}

#[test]
fn comptabilite_docx_two_row_header_merged_activity_and_exam() {
    measure_written(
        "comptabilite.docx",
        comptabilite(),
        "import/blind",
        "comptabilite.expected.yaml",
    );
}

/// Delivery as an OpenDocument file: competences as list items with their sub-points as a
/// nested list, criteria lettered `a)`, `b)`, an exam merged over two rows.
fn livraison() -> Vec<u8> {
    let bloc = |text: &'static str| vec![C::Text(vec![(None, text)], 4, 1)];
    let rows = vec![
        vec![
            t("Activités"),
            t("Compétences"),
            t("Modalités d'évaluation"),
            t("Critères d'évaluation"),
        ],
        bloc("Bloc 1 – Organiser les livraisons"),
        vec![
            t("A1 Préparation de la tournée"),
            list(
                &[
                    (0, "C1.1 Planifier une tournée de livraison"),
                    (1, "en tenant compte des créneaux des clients"),
                    (1, "en limitant les kilomètres parcourus"),
                ],
                1,
            ),
            tall("Mise en situation sur simulateur de tournée", 2),
            C::Text(
                vec![
                    (None, "a) Les créneaux des clients sont respectés."),
                    (None, "b) Le trajet retenu est le plus court possible."),
                ],
                1,
                1,
            ),
        ],
        vec![
            t("A2 Chargement"),
            t("C1.2 Charger le véhicule dans l'ordre inverse des livraisons"),
            C::Below,
            t("a) L'ordre de chargement suit la tournée."),
        ],
    ];
    odt_of(
        "Livreur sur véhicule utilitaire léger",
        &rows,
        "Le permis B est exigé à l'entrée en formation.",
    )
}

#[test]
fn livraison_odt_nested_sub_points_and_lettered_criteria() {
    measure_written(
        "livraison.odt",
        livraison(),
        "import/blind",
        "livraison.expected.yaml",
    );
}

#[test]
fn ascenseurs_docx_no_bloc_heading_merged_exam_and_criteria() {
    measure_written(
        "ascenseurs.docx",
        ascenseurs(),
        "import/blind",
        "ascenseurs.expected.yaml",
    );
}

#[test]
fn paysage_odt_capital_bloc_headings_rc_ids_numbered_criteria() {
    measure_written(
        "paysage.odt",
        paysage(),
        "import/blind",
        "paysage.expected.yaml",
    );
}
