//! `refolio import table` on documents written for the third list of failures docs/import.md
//! gave (not blind: each was written for its fix), in `tests/fixtures/import/known/`: IDs in
//! a column of their own (`codes.txt`: `A-1` in a `Code` column under lettered blocs, then
//! criteria coded `CE-A1-1` with no column naming their competence, so the code says it),
//! and a column of IDs the header does not name, said by `--columns ids,…` and
//! `--id-pattern` (`sigles.txt`); and competences numbered by their paragraph style (a Word
//! style with `w:numPr`, an OpenDocument paragraph style with `style:list-style-name`), in
//! documents built below; a criterion heading left open on a preposition (`Permet de :`);
//! a table nested in an HTML cell (`imbrique.html`); a spreadsheet's CSV export
//! (`tableur.csv`) and the same sheet as .xlsx; criteria in a second table beside the competence's title.

use crate::common::{Scratch, fixture};
use crate::import_draft::{bloc_titles, competences};
use crate::import_table::measure_file;
use refolio::import::table::{Options, import_with};

#[test]
fn codes_a_code_column_and_criteria_whose_code_names_their_competence() {
    measure_file(
        &fixture("import/known/codes.txt"),
        "import/known",
        "codes.expected.yaml",
    );
}

/// `(competence ID, text, criteria texts)` of the one bloc of `sigles.txt` read with `options`.
fn sigles(options: &Options) -> Vec<(String, String, Vec<String>)> {
    let d = import_with(&fixture("import/known/sigles.txt"), None, options)
        .unwrap()
        .draft;
    assert_eq!(d.blocs.len(), 1, "{d:#?}");
    d.blocs[0]
        .activities
        .iter()
        .flat_map(|a| &a.competences)
        .map(|k| {
            let criteria = k.criteria.iter().map(|c| c.text.clone()).collect();
            (k.id.clone(), k.text.clone(), criteria)
        })
        .collect()
}

#[test]
fn columns_ids_and_an_id_pattern_name_a_column_of_ids() {
    let columns = Some("ids,competences,criteria".to_owned());
    // The column named `ids`, its cells IDs by the author's pattern: each is the ID of the
    // competence beside it (`/` made `-`, which a referential's IDs can hold).
    let helped = sigles(&Options {
        columns: columns.clone(),
        id_patterns: vec![r"competence=T/\d+".into()],
        ..Options::default()
    });
    let want = |id: &str, text: &str, criterion: &str| {
        (id.to_owned(), text.to_owned(), vec![criterion.to_owned()])
    };
    assert_eq!(
        helped,
        [
            want(
                "T-01",
                "Identifier la nature d'un déchet",
                "La nature du déchet est identifiée."
            ),
            want(
                "T-02",
                "Orienter un déchet vers sa filière",
                "La filière choisie est la bonne."
            ),
        ]
    );
    // Without the pattern `T/01` is no ID: the column's text starts the competence's, and
    // the competences are numbered in order.
    let unhelped = sigles(&Options {
        columns,
        ..Options::default()
    });
    assert_eq!(
        unhelped[0],
        want(
            "C1",
            "T/01 Identifier la nature d'un déchet",
            "La nature du déchet est identifiée."
        )
    );
}

#[test]
fn explain_says_a_column_was_folded_and_an_unknown_column_name_is_refused() {
    let site = Scratch::of("valid");
    let source = fixture("import/known/codes.txt");
    let (code, stdout, stderr) =
        site.run(&["import", "table", source.to_str().unwrap(), "--explain"]);
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "explain: line 4: column 2: IDs only (its header names IDs or nothing, or --columns says so): each is the ID of the text beside it, in the next column",
        "explain: line 5: «Tondre une pelouse en respectant la hauteur de coupe» → competence A-1 (its ID in the column of IDs beside it)",
        "explain: line 11: «La hauteur de coupe est respectée.» → criterion CE-A1-1 (its code in the column of IDs beside it)",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line}\n{stdout}");
    }
    let (code, _, stderr) = site.run(&[
        "import",
        "table",
        source.to_str().unwrap(),
        "--columns",
        "numeros,competences",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`numeros` is not a column") && stderr.contains("ids (a column of IDs"),
        "{stderr}"
    );
}

fn imported(name: &str, bytes: Vec<u8>) -> refolio::import::draft::Draft {
    let dir = Scratch::of("valid");
    let path = dir.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    refolio::import::table::import(&path, None).unwrap().draft
}

fn item(id: &str, text: &str, criterion: &str) -> (String, String, Vec<String>) {
    (id.to_owned(), text.to_owned(), vec![criterion.to_owned()])
}

/// Competences whose paragraphs are of a Word style `Competence` numbered `C%1` from 3 by
/// its `w:numPr` (the paragraphs themselves say nothing of a list; without the style they
/// would be numbered `C1`, `C2` in order).
#[test]
fn a_word_paragraph_style_numbers_its_paragraphs() {
    use crate::import_office::{docx_xml, t, zipped};
    let rows = vec![
        vec![
            t("Activités"),
            t("Compétences"),
            t("Modalités d'évaluation"),
            t("Critères d'évaluation"),
        ],
        vec![t("Bloc 1 : Accueillir"), t(""), t(""), t("")],
        vec![
            t("A1 Accueil"),
            t("@K@Accueillir un visiteur"),
            t("Mise en situation (1 h)"),
            t("Le visiteur est salué."),
        ],
        vec![
            t("A2 Orientation"),
            t("@K@Orienter un visiteur"),
            t("Entretien (30 min)"),
            t("Le service est indiqué."),
        ],
    ];
    let xml = docx_xml("Référentiel – Agent d'accueil", &rows, "").replace(
        r#"<w:p><w:r><w:t xml:space="preserve">@K@"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Competence"/></w:pPr><w:r><w:t xml:space="preserve">"#,
    );
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let numbering = format!(
        r#"<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="C%1"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let styles = format!(
        r#"<w:styles {w}><w:style w:type="paragraph" w:styleId="Competence"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let d = imported(
        "accueil.docx",
        zipped(&[
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
            ("word/document.xml", &xml),
            ("word/numbering.xml", &numbering),
            ("word/styles.xml", &styles),
        ]),
    );
    assert_eq!(
        competences(&d),
        [
            item("C3", "Accueillir un visiteur", "Le visiteur est salué."),
            item("C4", "Orienter un visiteur", "Le service est indiqué."),
        ]
    );
}

/// Competences whose paragraphs are of an OpenDocument paragraph style `P1` carrying the
/// list style `L1` (`CP` + number + `.`), outside any `text:list`.
#[test]
fn an_opendocument_paragraph_style_numbers_its_paragraphs() {
    use crate::import_office::{odt, zipped};
    use odt::{cell, heading, row};
    let styled = |s: &str| {
        format!(r#"<table:table-cell><text:p text:style-name="P1">{s}</text:p></table:table-cell>"#)
    };
    let content = [
        odt::HEAD.to_owned(),
        r#"<style:style style:name="P1" style:family="paragraph" style:list-style-name="L1"/>"#.to_owned(),
        r#"<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-prefix="CP" style:num-suffix="." style:num-format="1"/></text:list-style>"#.to_owned(),
        "</office:automatic-styles><office:body><office:text>".to_owned(),
        "<text:h>Référentiel – Agent d'accueil</text:h><table:table>".to_owned(),
        row([cell("Activités"), cell("Compétences"), cell("Modalités d'évaluation"), cell("Critères d'évaluation")]),
        heading("Bloc 1 : Accueillir"),
        row([cell("A1 Accueil"), styled("Accueillir un visiteur"), cell("Mise en situation (1 h)"), cell("Le visiteur est salué.")]),
        row([cell("A2 Orientation"), styled("Orienter un visiteur"), cell("Entretien (30 min)"), cell("Le service est indiqué.")]),
        "</table:table></office:text></office:body></office:document-content>".to_owned(),
    ]
    .concat();
    let d = imported(
        "accueil.odt",
        zipped(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &content),
        ]),
    );
    assert_eq!(
        competences(&d),
        [
            item("CP1", "Accueillir un visiteur", "Le visiteur est salué."),
            item("CP2", "Orienter un visiteur", "Le service est indiqué."),
        ]
    );
}

/// A criterion heading is a sentence left open on a preposition (`Permet de :`): its colon
/// is kept, its points complete it; a label's (`Qualité du contrôle :`) is dropped.
#[test]
fn a_heading_left_open_on_a_preposition_keeps_its_colon() {
    let doc = "Référentiel – Frigoriste\n\n\
        Activités\tCompétences\tModalités d'évaluation\tCritères d'évaluation\n\
        Bloc 1 : Contrôler\t\t\t\n\
        A1 Contrôle\tC1 Contrôler un circuit\tMise en situation (2 h)\t\
        <p>Permet de :</p><ul><li>repérer les fuites</li><li>consigner le contrôle</li></ul>\
        <p>Qualité du contrôle :</p><ul><li>le détecteur est étalonné</li></ul>\n";
    let d = refolio::import::table::import_text(doc, "frigoriste")
        .unwrap()
        .draft;
    let k = &d.blocs[0].activities[0].competences[0];
    let got: Vec<(&str, Vec<&str>)> = k
        .criteria
        .iter()
        .map(|c| {
            (
                c.text.as_str(),
                c.indicators.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Permet de :",
                vec!["repérer les fuites", "consigner le contrôle"]
            ),
            ("Qualité du contrôle", vec!["le détecteur est étalonné"]),
        ]
    );
}

/// A table nested in an HTML cell (`Critères | Indicateurs`) gives criteria and their
/// indicators, as a nested Word or OpenDocument table does.
#[test]
fn imbrique_html_a_nested_table_of_criteria_and_indicators() {
    measure_file(
        &fixture("import/known/imbrique.html"),
        "import/known",
        "imbrique.expected.yaml",
    );
}

/// A header cell naming nothing (here empty) over IDs only: a column of IDs of the
/// competences beside it (without it, they would be numbered `C1`, `C2` in order).
#[test]
fn an_empty_header_cell_over_ids_only_is_a_column_of_ids() {
    let doc = "Référentiel – Vendeur\n\n\
        \tCompétences\tCritères d'évaluation\n\
        Bloc 1 : Vendre\t\t\n\
        1.1\tAccueillir le client\tLe client est salué.\n\
        1.2\tConclure une vente\tLa vente est conclue.\n";
    let d = refolio::import::table::import_text(doc, "vendeur")
        .unwrap()
        .draft;
    assert_eq!(
        competences(&d),
        [
            item("1.1", "Accueillir le client", "Le client est salué."),
            item("1.2", "Conclure une vente", "La vente est conclue."),
        ]
    );
}

/// A spreadsheet's CSV export (`;` between fields, cells of several lines quoted).
#[test]
fn tableur_csv_a_spreadsheet_export() {
    measure_file(
        &fixture("import/known/tableur.csv"),
        "import/known",
        "tableur.expected.yaml",
    );
}

/// A REAC whose criteria of performance are listed beside each competence's title, not its
/// number: the title names the competence read in the first table.
#[test]
fn criteria_keyed_by_the_competence_s_title_in_a_second_table() {
    let doc = "Titre professionnel Agent de propreté\n\n\
        Activités types\tCompétences professionnelles\n\
        Nettoyer des locaux\tEntretenir les sols\n\
        \tEntretenir les sanitaires\n\
        Remettre en état\tDécaper un sol protégé\n\n\
        Compétences professionnelles\tCritères de performance\n\
        Entretenir les sanitaires\t<ul><li>Les sanitaires sont désinfectés</li></ul>\n\
        Entretenir les sols\t<ul><li>Le sol est sec</li><li>Aucune trace ne subsiste</li></ul>\n\
        Décaper un sol protégé\t<ul><li>L'ancienne émulsion est retirée</li></ul>\n";
    let d = refolio::import::table::import_text(doc, "proprete")
        .unwrap()
        .draft;
    let blocs = bloc_titles(&d);
    assert_eq!(
        blocs,
        [("B1", "Nettoyer des locaux"), ("B2", "Remettre en état")]
    );
    let with = |id: &str, text: &str, criteria: &[&str]| {
        (
            id.to_owned(),
            text.to_owned(),
            criteria.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        competences(&d),
        [
            with(
                "C1",
                "Entretenir les sols",
                &["Le sol est sec", "Aucune trace ne subsiste"]
            ),
            with(
                "C2",
                "Entretenir les sanitaires",
                &["Les sanitaires sont désinfectés"]
            ),
            with(
                "C3",
                "Décaper un sol protégé",
                &["L'ancienne émulsion est retirée"]
            ),
        ]
    );
}

/// The spreadsheet of `tableur.csv` saved as .xlsx: inline and shared strings, the bloc
/// rows merged across the four columns, the first activity merged down over two rows.
fn tableur_xlsx() -> Vec<u8> {
    use crate::import_office::zipped;
    let rows: [&[&str]; 9] = [
        &["Référentiel – Assistant de gestion locative"],
        &[],
        &[
            "Activités",
            "Compétences",
            "Modalités d'évaluation",
            "Critères d'évaluation",
        ],
        &["Bloc 1 : Louer un logement"],
        &[
            "A1 Commercialisation",
            "C1.1 Rédiger une annonce de location",
            "Étude de cas écrite (2 h)",
            "L'annonce respecte les mentions obligatoires.\nLe loyer et les charges y figurent.",
        ],
        &[
            "",
            "C1.2 Organiser une visite du logement",
            "Mise en situation (30 min)",
            "La visite est planifiée avec le candidat locataire.",
        ],
        &[
            "A2 Contractualisation",
            "C1.3 Établir un bail d'habitation",
            "Mise en situation (1 h)",
            "Le bail est conforme à la loi.",
        ],
        &["Bloc 2 : Gérer le logement loué"],
        &[
            "A3 Suivi du bail",
            "C2.1 Réviser un loyer",
            "Étude de cas écrite (1 h)",
            "Qualité du calcul :\n- l'indice de référence est le bon\n- le nouveau loyer est exact",
        ],
    ];
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('\'', "&apos;")
    };
    // The header's cells as shared strings, the others inline.
    let mut shared = String::from("<sst>");
    let mut sheet = String::from("<worksheet><sheetData>");
    for (r, cells) in rows.iter().enumerate() {
        let n = r + 1;
        sheet += &format!(r#"<row r="{n}">"#);
        for (c, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let col = char::from(b'A' + c as u8);
            if n == 3 {
                shared += &format!("<si><t>{}</t></si>", esc(text));
                sheet += &format!(r#"<c r="{col}{n}" t="s"><v>{c}</v></c>"#);
            } else {
                sheet += &format!(
                    r#"<c r="{col}{n}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    esc(text)
                );
            }
        }
        sheet += "</row>";
    }
    sheet += r#"</sheetData><mergeCells><mergeCell ref="A4:D4"/><mergeCell ref="A5:A6"/><mergeCell ref="A8:D8"/></mergeCells></worksheet>"#;
    shared += "</sst>";
    zipped(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/sharedStrings.xml", &shared),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

#[test]
fn tableur_xlsx_the_same_spreadsheet_saved_as_xlsx() {
    crate::import_table::measure_written(
        "tableur.xlsx",
        tableur_xlsx(),
        "import/known",
        "tableur.expected.yaml",
    );
}

/// `synoptique.txt` of the fourth blind round as Word would hold it: the activity type and
/// its number merged down over its competences' rows.
#[test]
fn synoptique_as_a_word_table_with_merged_activity_types() {
    use crate::import_office::{C, docx_xml, t, zipped};
    let merged = |text: &'static str, rows| C::Text(vec![(None, text)], 1, rows);
    let rows = vec![
        vec![
            t("N° Fiche AT"),
            t("Activités types"),
            t("N° Fiche CP"),
            t("Compétences professionnelles"),
        ],
        vec![
            merged("1", 3),
            merged(
                "Réaliser des travaux de peinture à l'intérieur des bâtiments",
                3,
            ),
            t("1"),
            t("Préparer les supports intérieurs avant mise en peinture"),
        ],
        vec![
            C::Below,
            C::Below,
            t("2"),
            t("Appliquer des peintures et des lasures sur des supports intérieurs"),
        ],
        vec![
            C::Below,
            C::Below,
            t("3"),
            t("Poser des revêtements muraux collés"),
        ],
        vec![
            merged("2", 2),
            merged("Réaliser des travaux de ravalement de façades", 2),
            t("4"),
            t("Préparer les façades avant ravalement"),
        ],
        vec![
            C::Below,
            C::Below,
            t("5"),
            t("Appliquer des produits de finition sur les façades"),
        ],
    ];
    let first = docx_xml("Peintre en bâtiment", &rows, "Critères de performance");
    let criteria = vec![
        vec![t("N° Fiche CP"), t("Critères de performance")],
        vec![
            t("1"),
            C::Text(
                vec![
                    (Some(0), "Le support est nettoyé et dépoussiéré"),
                    (Some(0), "Les fissures sont rebouchées"),
                ],
                1,
                1,
            ),
        ],
        vec![
            t("2"),
            C::Text(
                vec![(Some(0), "L'aspect de finition est conforme à la commande")],
                1,
                1,
            ),
        ],
        vec![
            t("3"),
            C::Text(
                vec![
                    (Some(0), "Les lés sont posés d'aplomb"),
                    (Some(0), "Les raccords de motifs sont respectés"),
                ],
                1,
                1,
            ),
        ],
        vec![
            t("4"),
            C::Text(
                vec![(
                    Some(0),
                    "Les salissures et les parties non adhérentes sont éliminées",
                )],
                1,
                1,
            ),
        ],
        vec![
            t("5"),
            C::Text(
                vec![(
                    Some(0),
                    "Le produit est appliqué selon la fiche technique du fabricant",
                )],
                1,
                1,
            ),
        ],
    ];
    // The second table after the first, in one body.
    let second = docx_xml("", &criteria, "");
    let body = |x: &str| {
        let from = x.find("<w:tbl>").unwrap();
        let to = x.rfind("</w:tbl>").unwrap() + "</w:tbl>".len();
        x[from..to].to_owned()
    };
    let xml = first.replace("</w:body>", &format!("{}</w:body>", body(&second)));
    crate::import_table::measure_written(
        "synoptique.docx",
        zipped(&[
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
            ("word/document.xml", &xml),
        ]),
        "import/blind4",
        "synoptique.expected.yaml",
    );
}

/// A pandoc multiline table: its dashed rules and setext title are no text.
#[test]
fn multiligne_md_a_pandoc_multiline_table() {
    measure_file(
        &fixture("import/known/multiligne.md"),
        "import/known",
        "multiligne.expected.yaml",
    );
}
