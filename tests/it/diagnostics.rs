//! One invalid fixture site per kind of error: `refolio check` must print the exact located
//! diagnostic (path:line:col, message, snippet, suggestion) and exit with 1.

use crate::common;
use common::{fixture, headlines, run};

/// Runs `check` on `invalid/<name>` and returns its stderr, asserting exit code 1.
fn check_fails(name: &str) -> String {
    let (code, stdout, stderr) = run(&fixture(&format!("invalid/{name}")), &["check"]);
    assert_eq!(code, 1, "{name}: stdout={stdout} stderr={stderr}");
    stderr
}

const MINI: &str = "content/referentials/mini.yaml";

#[test]
fn yaml_syntax_error() {
    let err = check_fails("yaml-syntax");
    assert_eq!(
        headlines(&err),
        [format!("{MINI}:17:20: error: unclosed bracket '['")]
    );
}

#[test]
fn wrong_type() {
    let err = check_fails("wrong-type");
    assert!(err.starts_with(&format!(
        "{MINI}:2:8: error: expected a whole number, zero or more\n  |\n2 | level: six\n  |        ^^^\n"
    )), "{err}");
}

#[test]
fn unknown_field_suggests_the_known_one() {
    let err = check_fails("unknown-field");
    assert!(err.starts_with(&format!(
        "{MINI}:4:5: error: unknown field `titel`\n  |\n4 |     titel: Bloc\n  |     ^^^^^^^^^^^\n  = help: did you mean `title`?\n"
    )), "{err}");
}

#[test]
fn missing_field() {
    let err = check_fails("missing-field");
    assert_eq!(
        headlines(&err),
        [format!("{MINI}:14:9: error: missing field `title`")]
    );
}

#[test]
fn unknown_modality_kind_lists_the_kinds() {
    let err = check_fails("unknown-kind");
    assert_eq!(
        headlines(&err),
        [format!("{MINI}:16:15: error: unknown value `quiz`")]
    );
    assert!(err.contains("  = help: expected one of: written, oral, case-study, simulation, project, portfolio, workplace, continuous, other\n"), "{err}");
}

#[test]
fn duplicate_ids_point_at_the_first_definition() {
    let err = check_fails("duplicate-id");
    assert_eq!(
        headlines(&err),
        [
            format!("{MINI}:13:17: error: duplicate ID `C1.1`: already used by a competence"),
            format!("{MINI}:15:24: error: duplicate ID `C1.1.cr1`: already used by a criterion"),
        ]
    );
    assert!(
        err.contains(&format!("  = help: first defined at {MINI}:9:17\n")),
        "{err}"
    );
}

/// The bloc's only competence, C1.1, is in the same list: C1.9 is no typo of it, and no
/// suggestion is better than a wrong one (the closest one not listed: see
/// `every_independent_mistake_of_a_file_in_one_run`).
#[test]
fn dangling_reference_does_not_suggest_an_id_already_listed() {
    let err = check_fails("dangling-reference");
    assert_eq!(
        err,
        format!(
            "{MINI}:17:27: error: unknown competence `C1.9`\n   |\n17 |         evaluates: [C1.1, C1.9]\n   |                           ^^^^\n\n1 error(s), 0 warning(s): fix them and run again\n"
        )
    );
}

#[test]
fn competence_without_criterion() {
    let err = check_fails("no-criterion");
    assert_eq!(
        headlines(&err),
        [format!(
            "{MINI}:9:17: error: competence `C1.1` has no evaluation criterion"
        )]
    );
}

#[test]
fn competence_that_no_modality_evaluates() {
    let err = check_fails("not-evaluated");
    assert_eq!(
        headlines(&err),
        [format!(
            "{MINI}:13:17: error: no modality evaluates competence `C1.2`"
        )]
    );
    assert!(
        err.contains("  = help: add `C1.2` to the `evaluates` of one of: E1\n"),
        "{err}"
    );
}

#[test]
fn empty_text() {
    let err = check_fails("empty-text");
    assert_eq!(
        headlines(&err),
        [format!(
            "{MINI}:10:19: error: the text of competence `C1.1` is empty"
        )]
    );
}

#[test]
fn empty_bare_string_criterion_is_located_at_its_list_item() {
    let err = check_fails("empty-criterion");
    assert_eq!(
        headlines(&err),
        [format!(
            "{MINI}:12:17: error: the text of criterion `C1.1.cr1` is empty"
        )]
    );
}

#[test]
fn invalid_id_suggests_a_fix_without_cascading() {
    let err = check_fails("invalid-id");
    assert_eq!(
        headlines(&err),
        [format!(
            "{MINI}:9:17: error: invalid competence ID `C 1.1`: use letters, digits, `.`, `_` and `-`, starting with a letter or digit"
        )]
    );
    assert!(err.contains("  = help: write `C1.1`\n"), "{err}");
}

#[test]
fn pass_mark_above_total() {
    let err = check_fails("invalid-value");
    assert_eq!(
        headlines(&err),
        [format!(
            "{MINI}:4:14: error: pass mark 150 is above the total of 100 points"
        )]
    );
}

#[test]
fn ids_giving_the_same_anchor() {
    let err = check_fails("anchor-collision");
    assert_eq!(
        headlines(&err)[0],
        format!("{MINI}:13:17: error: ID `C1-1` gives the same anchor `#c1-1` as `C1.1`")
    );
}

#[test]
fn invalid_utf8_is_located() {
    let err = check_fails("not-utf8");
    assert_eq!(
        headlines(&err),
        [format!("{MINI}:1:12: error: file is not valid UTF-8")]
    );
}

#[test]
fn bad_site_config() {
    let err = check_fails("bad-config");
    assert_eq!(
        headlines(&err),
        ["refolio.toml:2:1: error: unknown field `titel`"]
    );
    assert!(err.contains("  = help: did you mean `title`?"), "{err}");
}

#[test]
fn bad_referential_file_name() {
    let err = check_fails("bad-file-name");
    assert_eq!(
        headlines(&err),
        [
            "content/referentials/Mon Référentiel.yaml: error: referential file name `Mon Référentiel` must be lowercase letters, digits and dashes (it becomes the URL)"
        ]
    );
    assert!(
        err.contains("  = help: rename it `mon-referentiel.yaml`\n"),
        "{err}"
    );
}

#[test]
fn build_with_errors_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let (code, _, stderr) = run(
        &fixture("invalid/dangling-reference"),
        &["build", "--output-dir", out.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with("1 error(s), 0 warning(s): nothing was written\n"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn a_referential_cannot_take_the_jury_folder_name() {
    let site = common::Scratch::of("valid");
    std::fs::rename(
        site.root().join("content/referentials/demo.yaml"),
        site.root().join("content/referentials/candidates.yaml"),
    )
    .unwrap();
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headlines(&stderr),
        [
            "content/referentials/candidates.yaml: error: `candidates` cannot name a referential: the jury's pages live in `candidates/`"
        ]
    );
    assert!(
        stderr.contains("= help: rename the file, e.g. `candidates-referential.yaml`"),
        "{stderr}"
    );
}

/// The three mistakes a certifier made in one file, and a bad reference, in one run: a
/// misspelt field, a word for a number, a misspelt kind, and a competence that does not
/// exist (not "did you mean C1.1?": C1.1 is in the same list), with what it entails.
#[test]
fn every_independent_mistake_of_a_file_in_one_run() {
    let err = check_fails("several-mistakes");
    assert_eq!(
        headlines(&err),
        [
            format!("{MINI}:2:8: error: expected a whole number, zero or more"),
            format!("{MINI}:5:5: error: unknown field `titre`"),
            format!("{MINI}:14:17: error: no modality evaluates competence `C1.2`"),
            format!("{MINI}:21:15: error: unknown value `simulaton`"),
            format!("{MINI}:22:27: error: unknown competence `C1.9`"),
        ]
    );
    assert!(
        err.contains("  = help: did you mean `title`? (field names are in English)\n"),
        "{err}"
    );
    assert!(
        err.contains("  = help: did you mean `simulation`?\n"),
        "{err}"
    );
    // C1.1 is in the list already: the competence meant is the one left out.
    assert!(err.contains("  = help: did you mean `C1.2`?\n"), "{err}");
    assert!(
        err.ends_with("5 error(s), 0 warning(s): fix them and run again\n"),
        "{err}"
    );
}

/// A line indented one space short gets the column it should start at, in words.
#[test]
fn an_indentation_mistake_is_explained() {
    let text = std::fs::read_to_string(fixture("invalid/several-mistakes").join(MINI)).unwrap();
    let text = text
        .replace("level: cinq\n", "level: 5\n")
        .replace("    titre: Bloc\n", "   title: Bloc\n")
        .replace("simulaton", "simulation")
        .replace(", C1.9", "");
    let site = common::Scratch::of("invalid/several-mistakes").write(MINI, &text);
    let (code, _, err) = site.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        headlines(&err),
        [format!(
            "{MINI}:5:4: error: `title:` is indented by 3 spaces, not 4 spaces like the other fields of its item, so it is not read as one of them"
        )]
    );
    assert!(
        err.contains("  = help: indent it by 4 spaces to line it up with `id:` on line 4\n"),
        "{err}"
    );
}

/// `refolio.toml` likewise: every mistake of it in one run, located.
#[test]
fn every_mistake_of_the_configuration_in_one_run() {
    let config = "titel = \"Site\"\nlanguage = \"fr\"\n\n[candidates]\nallow_gaps = \"yes\"\npublsh = false\n\n[acessibility]\nstatus = \"partial\"\n";
    let site = common::Scratch::of("invalid/dangling-reference")
        .write("refolio.toml", config)
        .write(MINI, "title: Mini\nblocs: []\n");
    let (code, _, err) = site.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        headlines(&err)
            .into_iter()
            .filter(|h| h.starts_with("refolio.toml"))
            .collect::<Vec<_>>(),
        [
            "refolio.toml:1:1: error: unknown field `titel`",
            "refolio.toml:5:14: error: expected a boolean, found string \"yes\"",
            "refolio.toml:6:1: error: unknown field `publsh`",
            "refolio.toml:8:2: error: unknown field `acessibility`",
        ]
    );
}

/// `--message-format json`: standard output holds one JSON object per diagnostic and
/// nothing else; people's lines (the summary) go to standard error.
#[test]
fn diagnostics_as_json_lines_on_standard_output() {
    let (code, stdout, stderr) = run(
        &fixture("invalid/several-mistakes"),
        &["--message-format", "json", "check"],
    );
    assert_eq!(code, 1, "{stderr}");
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(objects.len(), 5, "{stdout}");
    let first = &objects[0];
    assert_eq!(first["type"], "diagnostic");
    assert_eq!(first["path"], MINI);
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(8))
    );
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "wrong-type");
    assert_eq!(first["message"], "expected a whole number, zero or more");
    let kind = &objects[3];
    assert_eq!(kind["code"], "wrong-type");
    assert_eq!(kind["help"], "did you mean `simulation`?");
    assert!(
        stderr.ends_with("5 error(s), 0 warning(s): fix them and run again\n"),
        "{stderr}"
    );
}
