//! `refolio import table` helped by its author (issue 22, items 3 and 4): `--columns`,
//! `--id-pattern` and `--bloc-pattern` say what the importer cannot guess from a document
//! whose header, IDs and bloc headings are in words it does not know
//! (`tests/fixtures/import/help/tri.txt`); `--explain` says, line by line, what each piece
//! of text was taken for and why; the report ends with the counts and the share of the
//! text kept, and the text dropped is listed at the end of the draft.

use crate::common::{Scratch, fixture};

fn tri() -> String {
    fixture("import/help/tri.txt").to_str().unwrap().to_owned()
}

const HELP: [&str; 6] = [
    "--columns",
    "activities,competences,modalities,criteria",
    "--id-pattern",
    r"competence=\d+\.[a-z]",
    "--bloc-pattern",
    "^— (.*) —$",
];

#[test]
fn a_header_in_other_words_is_refused_with_the_flag_that_helps() {
    let site = Scratch::of("valid");
    let (code, _, stderr) = site.run(&["import", "table", &tri()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no referential table found")
            && stderr.contains("--columns activities,competences,modalities,criteria"),
        "{stderr}"
    );
    assert!(!site.root().join("content/referentials/tri.yaml").exists());
}

#[test]
fn the_flags_say_what_it_could_not_guess_and_explain_says_why() {
    let site = Scratch::of("valid");
    let source = tri();
    let mut args = vec!["import", "table", source.as_str(), "--explain"];
    args.extend(HELP);
    let (code, stdout, stderr) = site.run(&args);
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "explain: line 3: header row: columns activities, competences, exams, criteria (the columns named by --columns)",
        "explain: line 4: «— TRI DES DÉCHETS —» → bloc B1 (matches --bloc-pattern)",
        "explain: line 5: «M-01 Trier les déchets entrants» → activity M-01 (an ID whose prefix says nothing else in the activities column)",
        "explain: line 5: «1.a Identifier la nature d'un déchet» → competence 1.a (its ID matches --id-pattern, in the competences column)",
        "explain: line 5: «Le déchet est orienté vers la bonne filière.» → criterion (a paragraph in the criteria column, for the competence of the row)",
        "explain: line 6: «Imprimé le 2 mai» → dropped: a line of prose between table rows (page furniture)",
        "explain: line 8: «— EXPÉDITION —» → bloc B2 (matches --bloc-pattern)",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line}\n{stdout}");
    }
    let yaml = std::fs::read_to_string(site.root().join("content/referentials/tri.yaml")).unwrap();
    for want in [
        "  - id: \"B1\"\n    title: \"TRI DES DÉCHETS\"\n",
        "  - id: \"B2\"\n    title: \"EXPÉDITION\"\n",
        "          - id: \"1.a\"\n            text: \"Identifier la nature d'un déchet\"\n",
        "          - id: \"1.b\"\n",
        "          - id: \"2.a\"\n",
    ] {
        assert!(yaml.contains(want), "{want}\n{yaml}");
    }
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_report_ends_with_counts_and_the_share_kept_and_the_draft_lists_what_was_dropped() {
    let site = Scratch::of("valid");
    let source = tri();
    let mut args = vec!["import", "table", source.as_str()];
    args.extend(HELP);
    let (code, stdout, stderr) = site.run(&args);
    assert_eq!(code, 0, "{stderr}");
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(
            // `Observation au poste` beside two rows of the first bloc is one exam.
            "counts: blocs 2, activities 3, competences 3, criteria 3, modalities 2; \
             text of the document in the draft: "
        ) && last.ends_with("(1 piece(s) of text, listed as comments at the end of the draft)"),
        "{stdout}"
    );
    let yaml = std::fs::read_to_string(site.root().join("content/referentials/tri.yaml")).unwrap();
    assert!(
        yaml.ends_with(
            "# Text of the source that is nowhere above (the importer dropped it): check that\n\
             # none of it belongs in the referential.\n\
             # line 6: Imprimé le 2 mai\n"
        ),
        "{yaml}"
    );

    // Without the ID pattern, `1.a` is no ID: the competences column holding none, its
    // paragraphs are numbered in order, the source's `1.a` left in their text.
    let (code, stdout, stderr) = site.run(&[
        "import",
        "table",
        &source,
        "--force",
        "--columns",
        "activities,competences,modalities,criteria",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.contains(", competences 3, "), "{stdout}");
    let yaml = std::fs::read_to_string(site.root().join("content/referentials/tri.yaml")).unwrap();
    assert!(
        yaml.contains("- id: \"C1\"\n            text: \"1.a Identifier la nature d'un déchet\""),
        "{yaml}"
    );
}

#[test]
fn bad_help_is_a_usage_error_that_says_what_to_write() {
    let site = Scratch::of("valid");
    let source = tri();
    for (flag, value, says) in [
        (
            "--columns",
            "activites,savoirs",
            "`savoirs` is not a column",
        ),
        (
            "--id-pattern",
            "truc=x",
            "the kinds are activity, competence, criterion, bloc",
        ),
        ("--id-pattern", "competence", "write KIND=REGEX"),
        (
            "--id-pattern",
            "competence=(",
            "--id-pattern `competence=(`",
        ),
        ("--bloc-pattern", "(", "--bloc-pattern `(`"),
    ] {
        let (code, _, stderr) = site.run(&["import", "table", &source, flag, value]);
        assert_eq!(code, 2, "{flag} {value}: {stderr}");
        assert!(stderr.contains(says), "{flag} {value}: {stderr}");
    }
}
