//! `refolio import table` on documents written for the second list of failures docs/import.md
//! gave (not blind: each was written for its fix), measured against their hand transcriptions
//! in `tests/fixtures/import/known/`: an HTML table whose cells span rows (`rowspan.html`); a
//! pandoc grid table (`grille.md`); competence IDs printed by OpenDocument list styles
//! (`listes.odt`) and by Word lists restarted with `w:startOverride` (`relance.docx`), both
//! built below; a table of exams whose row names competences of two blocs
//! (`transverse.txt`); and exams printed twice beside two rows (`licence.txt` of the first
//! blind round), which are one exam.

use crate::common::fixture;
use crate::import_office::{C, docx_xml, odt, t, zipped};
use crate::import_table::{measure_file, measure_written};

#[test]
fn rowspan_html_cells_carry_their_text_down_like_a_word_merge() {
    measure_file(
        &fixture("import/known/rowspan.html"),
        "import/known",
        "rowspan.expected.yaml",
    );
    // The exam spanning both rows evaluates both competences.
    let d = refolio::import::table::import(&fixture("import/known/rowspan.html"), None)
        .unwrap()
        .draft;
    let exams: Vec<(&str, Vec<&str>)> = d.blocs[0]
        .modalities
        .iter()
        .map(|m| {
            (
                m.title.as_str(),
                m.evaluates.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        exams,
        [(
            "Mise en situation au poste de réception (1 h)",
            vec!["C1.1", "C1.2"]
        )]
    );
    let b2: Vec<Vec<&str>> = d.blocs[1]
        .modalities
        .iter()
        .map(|m| m.evaluates.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(b2, [vec!["C2.1", "C2.2"]]);
}

#[test]
fn grille_pandoc_grid_table_with_wrapped_cells_lists_and_spans() {
    measure_file(
        &fixture("import/known/grille.md"),
        "import/known",
        "grille.expected.yaml",
    );
}

#[test]
fn transverse_an_exam_row_naming_competences_of_two_blocs_goes_to_both() {
    measure_file(
        &fixture("import/known/transverse.txt"),
        "import/known",
        "transverse.expected.yaml",
    );
    let imported =
        refolio::import::table::import(&fixture("import/known/transverse.txt"), None).unwrap();
    let evaluates = |b: usize| -> Vec<Vec<String>> {
        imported.draft.blocs[b]
            .modalities
            .iter()
            .map(|m| m.evaluates.clone())
            .collect()
    };
    assert_eq!(evaluates(0), [vec!["C1.1"], vec!["C1.2"]]);
    assert_eq!(evaluates(1), [vec!["C2.2"], vec!["C2.1"]]);
    assert!(
        imported
            .report
            .iter()
            .any(|r| r.contains("names competences of blocs B1, B2")),
        "{:#?}",
        imported.report
    );
}

#[test]
fn the_same_exam_printed_beside_two_rows_is_one_exam() {
    let imported =
        refolio::import::table::import(&fixture("import/blind/licence.txt"), None).unwrap();
    for (b, title, ks) in [
        (0, "Rapport écrit", ["C1.1", "C1.2"]),
        (1, "Soutenance orale (20 min)", ["C2.1", "C2.2"]),
    ] {
        let exams: Vec<(&str, Vec<&str>)> = imported.draft.blocs[b]
            .modalities
            .iter()
            .map(|m| {
                (
                    m.title.as_str(),
                    m.evaluates.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(exams, [(title, ks.to_vec())], "bloc {b}");
    }
    assert!(
        imported
            .report
            .iter()
            .any(|r| r.contains("is printed again: one exam, evaluating both rows")),
        "{:#?}",
        imported.report
    );
}

/// An .odt whose competences are numbered by list styles: `L1` prints `C1.` and the number
/// (the second cell's list continues the first's, `text:continue-numbering`), `L2` prints
/// `C2.` and the number, `L3` a plain `1)` for the criteria (no ID).
fn listes() -> Vec<u8> {
    use crate::import_office::odt::{cell as p, heading, list, row};
    let content = [
        odt::HEAD.to_owned(),
        r#"<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-prefix="C1." style:num-format="1"/></text:list-style>"#.to_owned(),
        r#"<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-prefix="C2." style:num-format="1"/></text:list-style>"#.to_owned(),
        r#"<text:list-style style:name="L3"><text:list-level-style-number text:level="1" style:num-suffix=")" style:num-format="1"/></text:list-style>"#.to_owned(),
        "</office:automatic-styles><office:body><office:text>".to_owned(),
        "<text:h>Référentiel – Agent de propreté et d'hygiène</text:h><table:table>".to_owned(),
        row([p("Activités"), p("Compétences"), p("Modalités d'évaluation"), p("Critères d'évaluation")]),
        heading("Bloc 1 : Nettoyer les locaux"),
        row([
            p("A1 Entretien courant"),
            list("L1", "", &["Préparer le chariot de nettoyage", "Nettoyer les sols selon leur revêtement"]),
            p("Mise en situation sur chantier"),
            list("L3", "", &["Le matériel est adapté aux surfaces.", "Les produits sont dosés selon la fiche technique."]),
        ]),
        row([
            p("A2 Remise en état"),
            list("L1", r#" text:continue-numbering="true""#, &["Décaper un sol protégé"]),
            p("Étude de cas"),
            p(""),
        ]),
        heading("Bloc 2 : Appliquer les règles d'hygiène"),
        row([
            p("A3 Bionettoyage"),
            list("L2", "", &["Appliquer un protocole de bionettoyage"]),
            p("Mise en situation en milieu hospitalier"),
            list("L3", "", &["Le protocole est suivi dans l'ordre."]),
        ]),
        "</table:table><text:p>Le titre est enregistré au RNCP.</text:p></office:text></office:body></office:document-content>".to_owned(),
    ]
    .concat();
    zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
    ])
}

#[test]
fn listes_odt_ids_from_opendocument_list_styles() {
    measure_written(
        "listes.odt",
        listes(),
        "import/known",
        "listes.expected.yaml",
    );
}

/// A .docx whose competences are Word list items numbered `C%1`, the first bloc's list
/// (`w:numId` 1) restarted at 11 and the second's (`w:numId` 2, the same `w:abstractNum`)
/// at 21 by `w:lvlOverride`/`w:startOverride`.
fn relance() -> Vec<u8> {
    let list =
        |items: &[&'static str]| C::Text(items.iter().map(|&s| (Some(0), s)).collect(), 1, 1);
    let rows = vec![
        vec![
            t("Activités"),
            t("Compétences"),
            t("Modalités d'évaluation"),
            t("Critères d'évaluation"),
        ],
        vec![C::Text(
            vec![(None, "Bloc 1 : Gérer l'administration courante")],
            4,
            1,
        )],
        vec![
            t("A1 Courrier et agenda"),
            list(&[
                "Traiter le courrier entrant",
                "Tenir l'agenda de la direction",
            ]),
            t("Étude de cas"),
            t("Le courrier est enregistré le jour même."),
        ],
        vec![C::Text(
            vec![(None, "Bloc 2 : Suivre la comptabilité")],
            4,
            1,
        )],
        vec![
            t("A2 Suivi comptable"),
            list(&[
                "Saisir les factures fournisseurs",
                "Relancer les clients en retard de paiement",
            ]),
            t("Mise en situation sur logiciel"),
            t("Les écritures sont équilibrées."),
        ],
    ];
    let xml = docx_xml("Référentiel Assistant de gestion", &rows, "");
    // The second bloc's items are in list 2.
    let (head, tail) = xml.split_at(xml.find("Bloc 2").unwrap());
    let xml = format!(
        "{head}{}",
        tail.replace(r#"w:numId w:val="1""#, r#"w:numId w:val="2""#)
    );
    let numbering = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="C%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/></w:lvlOverride></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="21"/></w:lvlOverride></w:num></w:numbering>"#;
    zipped(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
        ("word/document.xml", &xml),
        ("word/numbering.xml", numbering),
    ])
}

#[test]
fn relance_docx_word_lists_restarted_by_start_overrides() {
    measure_written(
        "relance.docx",
        relance(),
        "import/known",
        "relance.expected.yaml",
    );
}
