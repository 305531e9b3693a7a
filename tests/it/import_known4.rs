//! `refolio import table` on documents written for the fourth list of failures
//! docs/import-accuracy.md gave (not blind: each was written for its fix): a cell spanning
//! the exams and criteria columns, an exam line then the list of its criteria (.docx built
//! below, and the same table in HTML with `colspan`), with a bloc heading row spanning
//! every column; an English document (`site.html`: `Unit 1 –`, `Module 2:`,
//! `Performance criteria`, exam kinds from English words); two lists of criteria in one
//! Word or OpenDocument cell beside two competences, one list each; a record-per-criterion
//! export whose records of a competence are apart (`releves.csv`); a .docx cell over every
//! column opening a bloc, another naming its exam.

use crate::common::{Scratch, fixture};
use crate::import_draft::{bloc_titles, competences};
use crate::import_office::{odt, w, zipped};
use refolio::import::draft::Draft;
use refolio::vocabulary::ModalityKind;

fn imported(name: &str, bytes: Vec<u8>) -> Draft {
    let dir = Scratch::of("valid");
    let path = dir.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    refolio::import::table::import(&path, None).unwrap().draft
}

fn item(id: &str, text: &str, criteria: &[&str]) -> (String, String, Vec<String>) {
    let criteria = criteria.iter().map(|c| (*c).to_owned()).collect();
    (id.to_owned(), text.to_owned(), criteria)
}

/// What both the .docx and the HTML table say: one bloc, C1's exam and criteria in one
/// cell over both columns, C2's in a cell each.
fn assert_spanned(d: &Draft) {
    assert_eq!(d.blocs.len(), 1, "{d:#?}");
    let bloc = &d.blocs[0];
    assert_eq!(bloc.title, "Conduire un chantier", "{d:#?}");
    assert_eq!(
        competences(d),
        [
            item(
                "C1",
                "Planifier les travaux du chantier",
                &[
                    "Le planning tient compte des contraintes du site",
                    "Les délais de chaque lot sont chiffrés",
                ],
            ),
            item(
                "C2",
                "Encadrer l'équipe de chantier",
                &["Les consignes sont transmises à chaque équipe"],
            ),
        ],
        "{d:#?}"
    );
    let exams: Vec<(&str, Vec<String>)> = bloc
        .modalities
        .iter()
        .map(|m| (m.title.as_str(), m.evaluates.clone()))
        .collect();
    assert_eq!(
        exams,
        [
            ("Mise en situation professionnelle", vec!["C1".to_owned()]),
            ("Étude de cas", vec!["C2".to_owned()]),
        ],
        "{d:#?}"
    );
}

#[test]
fn a_docx_cell_over_the_exam_and_criteria_columns_holds_an_exam_then_its_criteria() {
    let header = w::tr(
        true,
        &[
            w::cell("Compétences"),
            w::cell("Modalités d'évaluation"),
            w::cell("Critères d'évaluation"),
        ],
    );
    let bloc = w::tr(
        false,
        &[w::tc(&w::p("Bloc 1 : Conduire un chantier"), 3, None)],
    );
    let c1 = w::tr(
        false,
        &[
            w::cell("C1. Planifier les travaux du chantier"),
            w::tc(
                &[
                    w::p("Mise en situation professionnelle"),
                    w::bullet("Le planning tient compte des contraintes du site"),
                    w::bullet("Les délais de chaque lot sont chiffrés"),
                ]
                .concat(),
                2,
                None,
            ),
        ],
    );
    let c2 = w::tr(
        false,
        &[
            w::cell("C2. Encadrer l'équipe de chantier"),
            w::cell("Étude de cas"),
            w::tc(
                &w::bullet("Les consignes sont transmises à chaque équipe"),
                1,
                None,
            ),
        ],
    );
    let body = [
        w::p("Référentiel du titre de conducteur de travaux"),
        w::tbl(3, &[header, bloc, c1, c2]),
    ]
    .concat();
    assert_spanned(&imported("chantier.docx", w::docx(&body)));
}

#[test]
fn an_html_colspan_over_the_exam_and_criteria_columns_is_read_the_same() {
    assert_spanned(&imported(
        "chantier.html",
        std::fs::read(fixture("import/known4/chantier.html")).unwrap(),
    ));
}

#[test]
fn a_grid_table_cell_over_the_exam_and_criteria_columns_is_read_the_same() {
    let d = refolio::import::table::import(&fixture("import/known4/chantier.md"), None)
        .unwrap()
        .draft;
    assert_spanned(&d);
}

/// An English document: blocs named `Unit 1 –` and `Module 2:`, `Performance criteria`,
/// exam kinds from English words, and a row across naming the module's exam.
#[test]
fn an_english_document_units_modules_performance_criteria_and_exam_kinds() {
    let d = refolio::import::table::import(&fixture("import/known4/site.html"), None)
        .unwrap()
        .draft;
    let blocs = bloc_titles(&d);
    assert_eq!(
        blocs,
        [("B1", "Plan the site works"), ("B2", "Lead the site team")],
        "{d:#?}"
    );
    assert_eq!(
        competences(&d),
        [
            item(
                "C1.1",
                "Draw up the schedule of the works",
                &[
                    "The schedule takes the site's constraints into account",
                    "Each trade's deadline is costed",
                ],
            ),
            item(
                "C1.2",
                "Order the materials",
                &["Orders match the quantities of the estimate"],
            ),
            item(
                "C2.1",
                "Brief the team every morning",
                &["Instructions are given to each team"],
            ),
        ],
        "{d:#?}"
    );
    let kinds: Vec<Vec<(String, ModalityKind)>> = d
        .blocs
        .iter()
        .map(|b| {
            b.modalities
                .iter()
                .map(|m| (m.title.clone(), m.kind))
                .collect()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            vec![
                ("Written case study".to_owned(), ModalityKind::CaseStudy),
                ("Practical assessment".to_owned(), ModalityKind::Simulation),
            ],
            vec![
                ("Professional interview".to_owned(), ModalityKind::Oral),
                ("Portfolio of evidence".to_owned(), ModalityKind::Portfolio),
            ],
        ],
        "{d:#?}"
    );
}

/// Two competences in one cell, two lists of criteria beside them: the first list the first
/// competence's, the second the second's.
fn assert_one_list_each(d: &Draft) {
    assert_eq!(
        competences(d),
        [
            item(
                "C1",
                "Accueillir le client",
                &["Le client est salué", "Sa demande est reformulée"],
            ),
            item(
                "C2",
                "Conseiller le client",
                &["Le produit proposé répond à la demande"],
            ),
        ],
        "{d:#?}"
    );
}

/// A .docx of the two lists, `between` written between them in the criteria cell.
fn two_lists_docx(between: &str, second: &str) -> Vec<u8> {
    let header = w::tr(
        true,
        &[
            w::cell("Compétences"),
            w::cell("Modalités d'évaluation"),
            w::cell("Critères d'évaluation"),
        ],
    );
    let row = w::tr(
        false,
        &[
            w::tc(
                &[
                    w::p("C1. Accueillir le client"),
                    w::p("C2. Conseiller le client"),
                ]
                .concat(),
                1,
                None,
            ),
            w::cell("Mise en situation professionnelle"),
            w::tc(
                &[
                    w::bullet("Le client est salué"),
                    w::bullet("Sa demande est reformulée"),
                    between.to_owned(),
                    second.to_owned(),
                ]
                .concat(),
                1,
                None,
            ),
        ],
    );
    let body = [
        w::p("Référentiel du titre de conseiller de vente"),
        w::p("Bloc 1 : Vendre en magasin"),
        w::tbl(3, &[header, row]),
    ]
    .concat();
    w::docx(&body)
}

#[test]
fn word_lists_apart_in_a_criteria_cell_are_one_list_per_competence() {
    // An empty paragraph between the two lists, as Word writes it or shorter.
    for empty in [
        "<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>",
        "<w:p/>",
    ] {
        let apart = two_lists_docx(empty, &w::bullet("Le produit proposé répond à la demande"));
        assert_one_list_each(&imported("vente.docx", apart));
    }
    // The second list restarted: another `w:numId`.
    let restarted = two_lists_docx(
        "",
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>Le produit proposé répond à la demande</w:t></w:r></w:p>"#,
    );
    assert_one_list_each(&imported("vente2.docx", restarted));
    // One list: its criteria assess both competences (criteria of the bloc).
    let one = two_lists_docx("", &w::bullet("Le produit proposé répond à la demande"));
    let d = imported("vente3.docx", one);
    let shared: Vec<(&str, Vec<String>)> = d.blocs[0]
        .criteria
        .iter()
        .map(|c| (c.text.as_str(), c.competences.clone()))
        .collect();
    let both = || vec!["C1".to_owned(), "C2".to_owned()];
    assert_eq!(
        shared,
        [
            ("Le client est salué", both()),
            ("Sa demande est reformulée", both()),
            ("Le produit proposé répond à la demande", both()),
        ],
        "{d:#?}"
    );
}

#[test]
fn opendocument_lists_apart_in_a_criteria_cell_are_one_list_per_competence() {
    let item = |t: &str| format!("<text:list-item><text:p>{t}</text:p></text:list-item>");
    let content = [
        odt::HEAD.to_owned(),
        "</office:automatic-styles><office:body><office:text>".to_owned(),
        "<text:p>Référentiel du titre de conseiller de vente</text:p>".to_owned(),
        "<text:p>Bloc 1 : Vendre en magasin</text:p><table:table>".to_owned(),
        format!(
            "<table:table-row>{}{}{}</table:table-row>",
            odt::cell("Compétences"),
            odt::cell("Modalités d'évaluation"),
            odt::cell("Critères d'évaluation")
        ),
        format!(
            "<table:table-row><table:table-cell><text:p>C1. Accueillir le client</text:p><text:p>C2. Conseiller le client</text:p></table:table-cell>{}<table:table-cell><text:list>{}{}</text:list><text:list>{}</text:list></table:table-cell></table:table-row>",
            odt::cell("Mise en situation professionnelle"),
            item("Le client est salué"),
            item("Sa demande est reformulée"),
            item("Le produit proposé répond à la demande"),
        ),
        "</table:table></office:text></office:body></office:document-content>".to_owned(),
    ]
    .concat();
    let bytes = zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
    ]);
    assert_one_list_each(&imported("vente.odt", bytes));
}

/// A record-per-criterion export whose records of a competence are not all together
/// (`TM-C1`, `TM-C2`, `TM-C1`) and whose exam cell is left empty on one record between
/// two repeats: two competences, each with all its criteria, and one exam.
#[test]
fn records_of_a_competence_apart_and_an_empty_cell_between_repeats() {
    let d = refolio::import::table::import(&fixture("import/known4/releves.csv"), None)
        .unwrap()
        .draft;
    assert_eq!(d.blocs.len(), 1, "{d:#?}");
    assert_eq!(d.blocs[0].title, "Maintenir les équipements", "{d:#?}");
    assert_eq!(
        competences(&d),
        [
            item(
                "TM-C1",
                "Diagnostiquer une panne",
                &[
                    "La panne est localisée.",
                    "La cause de la panne est identifiée."
                ],
            ),
            item(
                "TM-C2",
                "Remplacer un organe défectueux",
                &[
                    "L'organe remplacé est conforme.",
                    "Les consignes de sécurité sont appliquées.",
                    "L'intervention est consignée.",
                ],
            ),
        ],
        "{d:#?}"
    );
    let exams: Vec<(&str, Vec<String>)> = d.blocs[0]
        .modalities
        .iter()
        .map(|m| (m.title.as_str(), m.evaluates.clone()))
        .collect();
    assert_eq!(
        exams,
        [(
            "Mise en situation professionnelle",
            vec!["TM-C1".to_owned(), "TM-C2".to_owned()]
        )],
        "{d:#?}"
    );
}

/// A cell spanning every column after the bloc's rows, naming an exam: the exam of the
/// whole bloc (a spanning cell before them opened the bloc).
#[test]
fn a_docx_cell_over_every_column_is_a_bloc_heading_or_the_bloc_exam() {
    let across = |text: &str| w::tr(false, &[w::tc(&w::p(text), 3, None)]);
    let row = |k: &str, exam: &str, criterion: &str| {
        w::tr(false, &[w::cell(k), w::cell(exam), w::cell(criterion)])
    };
    let header = row(
        "Compétences",
        "Modalités d'évaluation",
        "Critères d'évaluation",
    );
    let body = [
        w::p("Référentiel du titre de conducteur de travaux"),
        w::tbl(
            3,
            &[
                header,
                across("Bloc 1 : Conduire un chantier"),
                row(
                    "C1. Planifier les travaux du chantier",
                    "",
                    "Le planning tient compte des contraintes du site",
                ),
                row(
                    "C2. Encadrer l'équipe de chantier",
                    "",
                    "Les consignes sont transmises à chaque équipe",
                ),
                across("Évaluation du bloc : rapport écrit sur un chantier réel"),
            ],
        ),
    ]
    .concat();
    let d = imported("bloc.docx", w::docx(&body));
    assert_eq!(d.blocs.len(), 1, "{d:#?}");
    assert_eq!(d.blocs[0].title, "Conduire un chantier", "{d:#?}");
    let exams: Vec<(&str, ModalityKind, Vec<String>)> = d.blocs[0]
        .modalities
        .iter()
        .map(|m| (m.title.as_str(), m.kind, m.evaluates.clone()))
        .collect();
    assert_eq!(
        exams,
        [(
            "Rapport écrit sur un chantier réel",
            ModalityKind::Written,
            vec!["B1".to_owned()]
        )],
        "{d:#?}"
    );
    assert_eq!(competences(&d).len(), 2, "{d:#?}");
}
