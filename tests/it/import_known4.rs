//! `refolio import table` on documents written for the fourth list of failures
//! docs/import-accuracy.md gave (not blind: each was written for its fix): a cell spanning
//! the exams and criteria columns, an exam line then the list of its criteria (.docx built
//! below, and the same table in HTML with `colspan`), with a bloc heading row spanning
//! every column.

use crate::common::{Scratch, fixture};
use crate::import_office::w;
use refolio::import::draft::Draft;
use refolio::vocabulary::ModalityKind;

/// `(ID, text, criteria)` of every competence of a draft, in order.
fn competences(d: &Draft) -> Vec<(String, String, Vec<String>)> {
    d.blocs
        .iter()
        .flat_map(|b| &b.activities)
        .flat_map(|a| &a.competences)
        .map(|k| {
            let criteria = k.criteria.iter().map(|c| c.text.clone()).collect();
            (k.id.clone(), k.text.clone(), criteria)
        })
        .collect()
}

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
    let blocs: Vec<(&str, &str)> = d
        .blocs
        .iter()
        .map(|b| (b.id.as_str(), b.title.as_str()))
        .collect();
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
