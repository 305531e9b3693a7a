//! Links and images in a referential's Markdown texts: `check` reports each one that
//! reaches nothing, at its line and column in the YAML file, whatever the scalar style
//! (block, folded, quoted, a bare criterion string, an indicator in a flow list).

use crate::common::{Scratch, fixture, headlines, run};

const MINI: &str = "content/referentials/mini.yaml";

#[test]
fn every_broken_link_image_and_anchor_of_the_texts_is_located_in_the_yaml() {
    let (code, _, stderr) = run(&fixture("invalid/referential-links"), &["check"]);
    assert_eq!(code, 1);
    let none = "reaches nothing: a referential publishes no files";
    assert_eq!(
        headlines(&stderr),
        [
            format!("{MINI}:5:3: error: image `logo.png` {none}"),
            format!(
                "{MINI}:5:41: error: link `/annexes/grille.pdf` starts at the server's root, which a site read offline does not have"
            ),
            format!("{MINI}:7:49: error: link `#grille`: this text has no note `[^grille]`"),
            format!("{MINI}:13:38: error: link `autre.md` {none}"),
            format!("{MINI}:21:31: error: link `guide.pdf` {none}"),
            // The same link twice in a folded text: each where it is.
            format!("{MINI}:25:20: error: link `a.pdf` {none}"),
            format!("{MINI}:25:40: error: link `a.pdf` {none}"),
            format!("{MINI}:28:42: error: image `schema.svg` {none}"),
            format!("{MINI}:33:57: error: link `fiche.pdf` {none}"),
        ]
    );
    // The URL and the link to the text's own note (`#1`) are left alone; the help says
    // what reaches something.
    assert!(
        stderr.starts_with(&format!(
            "{MINI}:5:3: error: image `logo.png` {none}\n  |\n5 |   ![Logo du certificateur](logo.png) et [l'annexe](/annexes/grille.pdf).\n"
        )),
        "{stderr}"
    );
    assert!(stderr.contains(
        "  = help: a link to `#…` reaches a note of the same text; headings have no anchors\n"
    ));
    assert!(stderr.contains("  = help: link to the document by its full URL (`https://…`)\n"));
    assert!(stderr.ends_with("9 error(s), 0 warning(s): fix them and run again\n"));
}

#[test]
fn urls_and_notes_of_the_same_text_check_clean() {
    let yaml = "title: Mini\npreamble: |\n  Voir [le site](https://example.org/a.pdf), [écrire](mailto:a@b.fr)\n  et la note[^n] ([rappel](#n)).\n\n  [^n]: La note.\nblocs:\n  - id: B1\n    title: Bloc\n    activities:\n      - id: A1\n        title: Activité\n        competences:\n          - id: C1.1\n            text: Compétence ![logo](https://example.org/logo.png)\n            criteria: [Critère]\n    modalities:\n      - id: E1\n        title: Épreuve\n        kind: oral\n        evaluates: [C1.1]\n";
    let site = Scratch::of("invalid/referential-links").write(MINI, yaml);
    let (code, stdout, stderr) = site.run(&["check"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
}

#[test]
fn a_broken_link_leaves_the_candidates_checked_against_the_referential() {
    let r = "content/referentials/r.yaml";
    let yaml = std::fs::read_to_string(fixture("sessions").join(r)).unwrap();
    let yaml = yaml.replacen(
        "title: Titre de test\n",
        "title: Titre de test\nnotes: Voir [la grille](grille.pdf).\n",
        1,
    );
    let (code, stdout, stderr) = Scratch::of("sessions").write(r, &yaml).run(&["check"]);
    assert_eq!(code, 1);
    let errors: Vec<&str> = headlines(&stderr)
        .into_iter()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(
        errors,
        [format!(
            "{r}:2:13: error: link `grille.pdf` reaches nothing: a referential publishes no files"
        )]
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("candidate "))
            .count(),
        3,
        "{stdout}"
    );
}
