//! `refolio import table` on documents written for the third list of failures docs/import.md
//! gave (not blind: each was written for its fix), in `tests/fixtures/import/known/`: IDs in
//! a column of their own (`codes.txt`: `A-1` in a `Code` column under lettered blocs, then
//! criteria coded `CE-A1-1` with no column naming their competence, so the code says it),
//! and a column of IDs the header does not name, said by `--columns ids,…` and
//! `--id-pattern` (`sigles.txt`).

use crate::common::{Scratch, fixture};
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
        "explain: line 4: column 2: IDs only (its header or --columns says so): each is the ID of the text beside it, in the next column",
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
