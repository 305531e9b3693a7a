//! `refolio import table` on a fifth round of documents in hands unlike the earlier rounds,
//! written without reading the importer and first run *blind* (their figures then are in
//! docs/import-rounds.md): an Excel sheet saved as `;`-separated CSV, cells with line
//! breaks quoted, the bloc and exam cells merged so written once (`transport.csv`); a Writer
//! table saved by LibreOffice as plain text, one line per cell paragraph and nothing
//! between cells (`agricole.txt`); a Word table split across a page break with its header
//! row repeated, bloc rows merged across, competences numbered `1.`, `2.` again in each
//! bloc and their criteria `1.1.1` in the same cell (`petite-enfance.docx`); an
//! OpenDocument table under a title row spanning its columns, its header in English, each
//! bloc's exam in the bloc's own row (`cybersecurite.odt`); a Word document whose first
//! table lists the blocs and their exams, then one table of competences per bloc
//! (`banque.docx`). The three office files are built below.
//!
//! Four of the five failed their first run; those still failing are ignored (run them with `-- --ignored`;
//! what each did is in docs/import-rounds.md). `banque` passed blind on competences and
//! criteria, though its blocs and exams were not read; its test now checks them too.

use crate::common::fixture;
use crate::import_office::{esc, odt, w, zipped};
use crate::import_table::{measure_beside, measure_written};

const FOLDER: &str = "import/blind5";

fn blind(name: &str) {
    measure_beside(FOLDER, name);
}

#[test]
fn transport_csv_excel_sheet_with_quoted_multiline_cells() {
    blind("transport.csv");
}

/// The same sheet saved with `,` and with tabs between cells (the separator is found from
/// the records, whatever the extension says), CRLF and quoting kept: the same figures.
#[test]
fn transport_csv_with_comma_and_tab_separators() {
    let source = std::fs::read_to_string(fixture(FOLDER).join("transport.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(source.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for (sep, name) in [(b',', "transport.csv"), (b'\t', "transport.tsv")] {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(sep)
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for r in &records {
            writer.write_record(r).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        assert!(bytes.contains(&sep) && bytes.contains(&b'"'), "{name}");
        measure_written(name, bytes, FOLDER, "transport.expected.yaml");
    }
}

#[test]
#[ignore = "blind round 5: refused blind (no table found); now 5/5 and 11/11, but the two lines of notes after the table are read as two more criteria of the last competence: a text export one line per cell does not say where the table ends"]
fn agricole_txt_libreoffice_text_export_one_line_per_cell() {
    blind("agricole.txt");
}

/// What `agricole.txt` gives now: its rows rebuilt from the header's column count and the
/// IDs, all its competences and criteria, plus the notes after the table read as criteria
/// of the last competence, which the report says to check.
#[test]
fn agricole_txt_rows_rebuilt_the_end_of_the_table_in_doubt() {
    let path = fixture(FOLDER).join("agricole.txt");
    let imported = refolio::import::table::import(&path, None).unwrap();
    let d = &imported.draft;
    assert_eq!(
        d.title,
        "Responsable d'exploitation agricole en polyculture-élevage"
    );
    let competences: Vec<(&str, usize)> = d
        .blocs
        .iter()
        .flat_map(|b| &b.activities)
        .flat_map(|a| &a.competences)
        .map(|k| (k.id.as_str(), k.criteria.len()))
        .collect();
    assert_eq!(
        competences,
        [
            ("CP-01", 2),
            ("CP-02", 2),
            ("CP-03", 3),
            ("CP-04", 2),
            ("CP-05", 4)
        ]
    );
    let evaluates: Vec<&[String]> = d
        .blocs
        .iter()
        .flat_map(|b| &b.modalities)
        .map(|m| m.evaluates.as_slice())
        .collect();
    assert_eq!(
        evaluates,
        [
            &["CP-01".to_owned(), "CP-02".to_owned(), "CP-03".to_owned()][..],
            &["CP-04".to_owned(), "CP-05".to_owned()][..]
        ]
    );
    assert!(
        imported
            .report
            .iter()
            .any(|l| l.starts_with("the table was written one line per cell")),
        "{:#?}",
        imported.report
    );
}

/// Three columns; the table split in two by a page break, the second part repeating the
/// header row (marked `w:tblHeader` in both); each bloc a row merged across the columns;
/// competences typed `1.`, `2.` from 1 again in each bloc, each followed in its cell by
/// its criteria typed `1.1.1` (bloc, competence, criterion) in indented paragraphs; the
/// activity and exam cells merged down.
fn petite_enfance() -> Vec<u8> {
    use w::{cell, indented, p, tc, tr};
    let header = || {
        tr(
            true,
            &[
                cell("Activités"),
                cell("Compétences et critères d'évaluation"),
                cell("Modalités d'évaluation"),
            ],
        )
    };
    let competence = |lines: &[&str]| {
        let mut x = p(lines[0]);
        for l in &lines[1..] {
            x += &indented(l);
        }
        tc(&x, 1, None)
    };
    let first = w::tbl(
        3,
        &[
            header(),
            tr(
                false,
                &[tc(
                    &p("Bloc 1 : Accueillir l'enfant et sa famille"),
                    3,
                    None,
                )],
            ),
            tr(
                false,
                &[
                    tc(&p("Accueil quotidien de l'enfant"), 1, Some(true)),
                    competence(&[
                        "1. Accueillir l'enfant et sa famille à l'arrivée et au départ",
                        "1.1.1 Les informations transmises par la famille sont recueillies et consignées.",
                        "1.1.2 La séparation est accompagnée selon le rythme de l'enfant.",
                    ]),
                    tc(
                        &(p("Mise en situation professionnelle en structure d'accueil (2 h)")
                            + &p(
                                "Observation par deux évaluateurs, suivie d'un entretien de 20 minutes.",
                            )),
                        1,
                        Some(true),
                    ),
                ],
            ),
            tr(
                false,
                &[
                    tc("", 1, Some(false)),
                    competence(&[
                        "2. Communiquer avec les familles sur le quotidien de l'enfant",
                        "1.2.1 Les transmissions orales sont claires et factuelles.",
                        "1.2.2 Le cahier de liaison est renseigné chaque jour.",
                    ]),
                    tc("", 1, Some(false)),
                ],
            ),
        ],
    );
    let second = w::tbl(
        3,
        &[
            header(),
            tr(
                false,
                &[tc(
                    &p("Bloc 2 : Prendre soin de l'enfant et l'accompagner dans ses activités"),
                    3,
                    None,
                )],
            ),
            tr(
                false,
                &[
                    cell("Soins d'hygiène et de confort"),
                    competence(&[
                        "1. Réaliser les soins d'hygiène de l'enfant en respectant sa pudeur",
                        "2.1.1 Les règles d'hygiène et de sécurité sont appliquées.",
                        "2.1.2 L'enfant est sollicité et informé de chaque geste.",
                    ]),
                    tc(&p("Épreuve écrite de cas pratiques (2 h)"), 1, Some(true)),
                ],
            ),
            tr(
                false,
                &[
                    tc(&p("Activités d'éveil"), 1, Some(true)),
                    competence(&[
                        "2. Proposer des activités d'éveil adaptées à l'âge des enfants",
                        "2.2.1 L'activité proposée correspond au stade de développement de l'enfant.",
                        "2.2.2 Le matériel est préparé puis rangé avec les enfants.",
                        "2.2.3 La participation de l'enfant reste libre.",
                    ]),
                    tc("", 1, Some(false)),
                ],
            ),
            tr(
                false,
                &[
                    tc("", 1, Some(false)),
                    competence(&[
                        "3. Repérer les signes de mal-être ou de maladie chez l'enfant",
                        "2.3.1 Les signes d'alerte sont repérés et transmis à la responsable.",
                        "2.3.2 Les observations sont consignées dans le dossier de l'enfant.",
                    ]),
                    tc("", 1, Some(false)),
                ],
            ),
        ],
    );
    w::docx(
        &[
            p("Référentiel de certification – Accompagnant éducatif en structure petite enfance"),
            p("Certificateur : Institut régional de la petite enfance – Niveau 3"),
            first,
            w::PAGE_BREAK.to_owned(),
            second,
            p("La certification est acquise par la validation des deux blocs de compétences."),
        ]
        .concat(),
    )
}

#[test]
fn petite_enfance_docx_repeated_header_and_numbers_restarting_per_bloc() {
    measure_written(
        "petite-enfance.docx",
        petite_enfance(),
        FOLDER,
        "petite-enfance.expected.yaml",
    );
}

/// A title row spanning the four columns, then the header in English; each bloc's row
/// holds its title over two columns and its exam in the `Assessment` column; criteria as
/// bullet lists; the activity A1.2 merged down over two rows.
fn cybersecurite() -> Vec<u8> {
    let p = |s: &str| format!("<text:p>{}</text:p>", esc(s));
    let cell = |s: &str| {
        format!(
            r#"<table:table-cell office:value-type="string">{}</table:table-cell>"#,
            p(s)
        )
    };
    let empty = r#"<table:table-cell office:value-type="string"><text:p/></table:table-cell>"#;
    let bullets = |items: &[&str]| {
        let items: String = items
            .iter()
            .map(|i| format!("<text:list-item>{}</text:list-item>", p(i)))
            .collect();
        format!(
            r#"<table:table-cell office:value-type="string"><text:list text:style-name="L1">{items}</text:list></table:table-cell>"#
        )
    };
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let bloc = |title: &str, exam: &str| {
        row(&[
            format!(
                r#"<table:table-cell table:number-columns-spanned="2" office:value-type="string">{}</table:table-cell><table:covered-table-cell/>"#,
                p(title)
            ),
            cell(exam),
            empty.to_owned(),
        ])
    };
    let content = [
        odt::HEAD.to_owned(),
        r#"<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>"#.to_owned(),
        r#"</office:automatic-styles><office:body><office:text>"#.to_owned(),
        r#"<table:table table:name="Tableau1"><table:table-column table:number-columns-repeated="4"/>"#.to_owned(),
        row(&[
            format!(
                r#"<table:table-cell table:number-columns-spanned="4" office:value-type="string">{}{}</table:table-cell><table:covered-table-cell/><table:covered-table-cell/><table:covered-table-cell/>"#,
                p("Administrateur en cybersécurité – Cybersecurity administrator"),
                p("Référentiel de compétences et d'évaluation / Skills and assessment framework"),
            ),
        ]),
        row(&[cell("Activities"), cell("Skills"), cell("Assessment"), cell("Criteria")]),
        bloc(
            "Bloc 1 – Sécuriser l'infrastructure du système d'information",
            "Étude de cas technique sur un environnement virtualisé (4 h)",
        ),
        row(&[
            cell("A1.1 Durcissement des systèmes"),
            cell("BC1.C1 Appliquer une politique de durcissement aux serveurs et aux postes de travail"),
            empty.to_owned(),
            bullets(&[
                "Les services inutiles sont désactivés.",
                "Les configurations sont conformes au guide d'hygiène informatique de l'ANSSI.",
            ]),
        ]),
        row(&[
            format!(
                r#"<table:table-cell table:number-rows-spanned="2" office:value-type="string">{}</table:table-cell>"#,
                p("A1.2 Sécurisation du réseau")
            ),
            cell("BC1.C2 Configurer un pare-feu et une segmentation réseau adaptés aux flux de l'entreprise"),
            empty.to_owned(),
            bullets(&[
                "Les règles de filtrage suivent le principe du moindre privilège.",
                "Les zones du réseau sont cloisonnées selon leur niveau de sensibilité.",
                "La configuration est documentée et sauvegardée.",
            ]),
        ]),
        row(&[
            "<table:covered-table-cell/>".to_owned(),
            cell("BC1.C3 Mettre en place une solution de supervision de la sécurité"),
            empty.to_owned(),
            bullets(&[
                "Les événements de sécurité sont centralisés.",
                "Des alertes sont définies pour les événements critiques.",
            ]),
        ]),
        bloc(
            "Bloc 2 – Détecter et traiter les incidents de sécurité",
            "Mise en situation de gestion de crise suivie d'un entretien avec le jury (1 h)",
        ),
        row(&[
            cell("A2.1 Gestion des incidents"),
            cell("BC2.C1 Analyser les journaux d'événements pour qualifier un incident"),
            empty.to_owned(),
            bullets(&[
                "L'incident est qualifié selon sa gravité et son périmètre.",
                "Les indicateurs de compromission sont relevés.",
            ]),
        ]),
        row(&[
            cell("A2.2 Remédiation"),
            cell("BC2.C2 Conduire les actions de remédiation et rédiger le rapport d'incident"),
            empty.to_owned(),
            bullets(&[
                "Les actions de remédiation rétablissent le service dans les délais annoncés.",
                "Le rapport d'incident retrace la chronologie et les causes.",
            ]),
        ]),
        "</table:table>".to_owned(),
        p("Les deux blocs sont évalués indépendamment ; le titre est délivré par le jury de certification."),
        "</office:text></office:body></office:document-content>".to_owned(),
    ]
    .concat();
    zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
    ])
}

#[test]
fn cybersecurite_odt_title_row_english_header_exam_in_the_bloc_row() {
    measure_written(
        "cybersecurite.odt",
        cybersecurite(),
        FOLDER,
        "cybersecurite.expected.yaml",
    );
    // The title row over the columns is the title, not the header; each bloc row's
    // `Assessment` cell is the bloc's exam.
    let d = draft_of("cybersecurite.odt", cybersecurite());
    assert_eq!(
        d.title,
        "Administrateur en cybersécurité – Cybersecurity administrator"
    );
    let exams: Vec<(&str, &str, &[String])> = d
        .blocs
        .iter()
        .flat_map(|b| &b.modalities)
        .map(|m| {
            (
                m.id.as_deref().unwrap_or(""),
                m.title.as_str(),
                m.evaluates.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        exams,
        [
            (
                "E1",
                "Étude de cas technique sur un environnement virtualisé (4 h)",
                &["B1".to_owned()][..]
            ),
            (
                "E2",
                "Mise en situation de gestion de crise suivie d'un entretien avec le jury (1 h)",
                &["B2".to_owned()][..]
            ),
        ]
    );
}

/// A first table of the blocs (`Code | Bloc de compétences | Modalités d'évaluation`),
/// then, under a caption each, one table of competences and criteria per bloc, its
/// competences coded `C11`, `C12` (bloc, number), its criteria as Word bullets.
fn banque() -> Vec<u8> {
    use w::{bullet, cell, p, tc, tr};
    let competences = |rows: &[(&str, &[&str])]| {
        let mut x = vec![tr(
            true,
            &[cell("Compétences"), cell("Critères d'évaluation")],
        )];
        for (competence, criteria) in rows {
            let criteria: String = criteria.iter().map(|c| bullet(c)).collect();
            x.push(tr(false, &[cell(competence), tc(&criteria, 1, None)]));
        }
        w::tbl(2, &x)
    };
    w::docx(
        &[
            p("Conseiller clientèle bancaire – Particuliers"),
            p("Référentiel de compétences et modalités d'évaluation"),
            p("Tableau 1 – Blocs de compétences"),
            w::tbl(
                3,
                &[
                    tr(
                        true,
                        &[
                            cell("Code"),
                            cell("Bloc de compétences"),
                            cell("Modalités d'évaluation"),
                        ],
                    ),
                    tr(
                        false,
                        &[
                            cell("BC1"),
                            cell("Accueillir et conseiller la clientèle de particuliers"),
                            cell("Jeu de rôle d'un entretien de conseil (45 min) suivi d'un échange avec le jury"),
                        ],
                    ),
                    tr(
                        false,
                        &[
                            cell("BC2"),
                            cell("Commercialiser les produits d'épargne et de crédit"),
                            cell("Étude de cas écrite portant sur la situation d'un foyer (3 h)"),
                        ],
                    ),
                ],
            ),
            p("Tableau 2 – Compétences et critères du bloc BC1"),
            competences(&[
                (
                    "C11 Accueillir le client et identifier l'objet de sa demande",
                    &[
                        "Le client est accueilli selon les standards de l'agence.",
                        "La demande est reformulée et validée avec le client.",
                    ],
                ),
                (
                    "C12 Analyser la situation financière et patrimoniale du client",
                    &[
                        "Les revenus, les charges et le patrimoine sont recensés de façon exhaustive.",
                        "Le profil de risque du client est déterminé.",
                    ],
                ),
                (
                    "C13 Respecter les obligations réglementaires de connaissance du client",
                    &[
                        "Les pièces justificatives exigées sont collectées.",
                        "Les opérations atypiques sont signalées au service conformité.",
                    ],
                ),
            ]),
            p("Tableau 3 – Compétences et critères du bloc BC2"),
            competences(&[
                (
                    "C21 Proposer une solution d'épargne adaptée aux objectifs du client",
                    &[
                        "La solution proposée est cohérente avec l'horizon de placement et le profil de risque.",
                        "La fiscalité du produit est expliquée au client.",
                    ],
                ),
                (
                    "C22 Monter un dossier de crédit immobilier",
                    &[
                        "Le taux d'endettement est calculé sans erreur.",
                        "Les garanties demandées sont adaptées au projet.",
                        "Le dossier est complet avant sa transmission.",
                    ],
                ),
            ]),
            p("Les blocs peuvent être acquis séparément. La certification est délivrée aux candidats ayant validé BC1 et BC2."),
        ]
        .concat(),
    )
}

#[test]
fn banque_docx_a_table_of_blocs_then_a_table_of_competences_per_bloc() {
    measure_written("banque.docx", banque(), FOLDER, "banque.expected.yaml");
    // Blind, the table of blocs became one activity and its exams were dropped: now each
    // of its rows is a bloc, the caption naming the bloc's code puts its competences
    // there, and its exam evaluates them.
    let d = draft_of("banque.docx", banque());
    let blocs: Vec<(&str, &str, Vec<&str>)> = d
        .blocs
        .iter()
        .map(|b| {
            let ks = b
                .activities
                .iter()
                .flat_map(|a| &a.competences)
                .map(|k| k.id.as_str())
                .collect();
            (b.id.as_str(), b.title.as_str(), ks)
        })
        .collect();
    assert_eq!(
        blocs,
        [
            (
                "BC1",
                "Accueillir et conseiller la clientèle de particuliers",
                vec!["C11", "C12", "C13"]
            ),
            (
                "BC2",
                "Commercialiser les produits d'épargne et de crédit",
                vec!["C21", "C22"]
            ),
        ]
    );
    let exams: Vec<(&str, &[String])> = d
        .blocs
        .iter()
        .flat_map(|b| &b.modalities)
        .map(|m| (m.title.as_str(), m.evaluates.as_slice()))
        .collect();
    assert_eq!(exams.len(), 2, "{exams:#?}");
    assert!(
        exams[0]
            .0
            .starts_with("Jeu de rôle d'un entretien de conseil")
    );
    assert_eq!(exams[0].1, ["C11", "C12", "C13"]);
    assert!(exams[1].0.starts_with("Étude de cas écrite"));
    assert_eq!(exams[1].1, ["C21", "C22"]);
}

/// The draft imported from a document built in the test, written as `name`.
fn draft_of(name: &str, bytes: Vec<u8>) -> refolio::import::draft::Draft {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let d = refolio::import::table::import(&path, None).unwrap().draft;
    println!("{}", d.to_yaml());
    d
}
