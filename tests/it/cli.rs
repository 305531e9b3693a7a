//! The command line: `init` gives a site that builds; usage and I/O problems exit with 2;
//! the output folder is never something refolio did not write.

use crate::common;
use common::{fixture, run};

#[test]
fn init_creates_a_site_that_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("nouveau");
    let (code, stdout, stderr) = run(tmp.path(), &["init", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("created a refolio site in "), "{stdout}");
    assert_eq!(
        run(&site, &["check"]),
        (
            0,
            "candidate exemple (exemple): 1/1 competences covered (100 %); decision: undecided\n\
             ok: 1 referentials, 1 competences, 2 criteria, 0 warning(s)\n"
                .into(),
            String::new()
        )
    );
    let (code, stdout, stderr) = run(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("1 referentials, 1 competences, 2 criteria, 1 candidates → "),
        "{stdout}"
    );
    assert!(site.join("public/exemple/index.html").is_file());
    assert!(
        site.join("public/candidates/exemple/preuves/veille.html")
            .is_file()
    );
    // A second init does not overwrite the site.
    let (code, _, stderr) = run(tmp.path(), &["init", site.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("already holds a refolio site; nothing was changed"),
        "{stderr}"
    );
}

#[test]
fn init_writes_into_the_root_and_refuses_a_folder_that_holds_files() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("par-root");
    // `--root` says where, as for every other command.
    let (code, _, stderr) = run(&site, &["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.join("refolio.toml").is_file());
    assert!(!tmp.path().join("refolio.toml").exists());

    let busy = tmp.path().join("occupe");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "à garder").unwrap();
    let (code, _, stderr) = run(&busy, &["init"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not empty; nothing was changed (pass --force"),
        "{stderr}"
    );
    assert!(!busy.join("refolio.toml").exists());
    let (code, _, stderr) = run(&busy, &["init", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(busy.join("notes.txt")).unwrap(),
        "à garder"
    );
    assert_eq!(run(&busy, &["check"]).0, 0);
}

#[test]
fn new_candidate_and_evidence_scaffold_files_that_check() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_eq!(run(&site, &["init"]).0, 0);
    let (code, stdout, stderr) = run(&site, &["new", "candidate", "jean-dupont"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("created ")
            && stdout.contains("content/candidates/jean-dupont/passport.yaml"),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(
        &site,
        &["new", "evidence", "jean-dupont/preuves/rapport-de-stage"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("jean-dupont/preuves/rapport-de-stage.md"),
        "{stdout}"
    );
    let evidence = std::fs::read_to_string(
        site.join("content/candidates/jean-dupont/preuves/rapport-de-stage.md"),
    )
    .unwrap();
    assert!(
        evidence.starts_with("---\ntitle: Rapport de stage\n"),
        "{evidence}"
    );
    // Nothing demonstrated yet: the gaps are the only problems, warnings with --allow-gaps.
    let (code, stdout, stderr) = run(&site, &["check", "--allow-gaps"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("candidate jean-dupont (exemple): 0/1 competences covered"),
        "{stdout}"
    );
    assert_eq!(
        common::headlines(&stderr),
        [
            "content/candidates/jean-dupont/passport.yaml: warning: jean-dupont: competence `C1.1` (bloc B1) is not demonstrated by any evidence"
        ]
    );

    // Never over a file; names and places checked.
    let again = run(&site, &["new", "candidate", "jean-dupont"]);
    assert_eq!(again.0, 2);
    assert!(
        again.2.contains("exists already; nothing was changed"),
        "{}",
        again.2
    );
    let bad = run(&site, &["new", "candidate", "Jean Dupont"]);
    assert_eq!(
        (bad.0, bad.2.as_str()),
        (
            2,
            "error: `Jean Dupont` cannot name a candidate folder: lowercase letters, digits and dashes (`jean-dupont`)\n"
        )
    );
    let unknown = run(
        &site,
        &["new", "candidate", "lea", "--referential", "autre"],
    );
    assert_eq!(
        (unknown.0, unknown.2.as_str()),
        (
            2,
            "error: no referential `autre` in `content/referentials` (there: exemple)\n"
        )
    );
    for outside in ["personne/x.md", "../x.md", "jean-dupont"] {
        let (code, _, stderr) = run(&site, &["new", "evidence", outside]);
        assert_eq!(code, 2, "{outside}");
        assert!(
            stderr.contains("is not a path inside a candidate's folder"),
            "{stderr}"
        );
    }
}

#[test]
fn missing_root_is_a_usage_error() {
    let (code, _, stderr) = run(std::path::Path::new("/nonexistent/site"), &["check"]);
    assert_eq!(
        (code, stderr.as_str()),
        (2, "error: `/nonexistent/site` is not a folder\n")
    );
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let (code, _, stderr) = run(&fixture("valid"), &["publish"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unrecognized subcommand 'publish'"),
        "{stderr}"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let precious = tmp.path().join("precious");
    std::fs::create_dir(&precious).unwrap();
    std::fs::write(precious.join("thesis.md"), "do not delete").unwrap();
    let (code, _, stderr) = run(
        &fixture("valid"),
        &["build", "--output-dir", precious.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("refusing to replace"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(precious.join("thesis.md")).unwrap(),
        "do not delete"
    );
}

#[test]
fn refuses_an_output_folder_containing_the_site() {
    let root = fixture("valid");
    let parent = root.parent().unwrap();
    let (code, _, stderr) = run(&root, &["build", "--output-dir", parent.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("it contains the site itself"), "{stderr}");
}

#[test]
fn base_url_flag_overrides_the_config() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, _, stderr) = run(
        &fixture("valid"),
        &[
            "build",
            "-o",
            out.to_str().unwrap(),
            "--base-url",
            "https://certif.example/ref",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("demo/referential.json")).unwrap()).unwrap();
    assert_eq!(json["url"], "https://certif.example/ref/demo/");
}

#[test]
fn print_without_a_browser_says_how_to_get_one_and_builds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let pdf = tmp.path().join("pdf");
    let (code, stdout, stderr) = run(
        &fixture("candidates"),
        &[
            "print",
            "--chromium",
            "/nonexistent/chromium",
            "--output-dir",
            out.to_str().unwrap(),
            "--pdf-dir",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(
        stderr,
        "error: no browser at `/nonexistent/chromium` (from --chromium or REFOLIO_CHROMIUM)\n"
    );
    assert!(!out.exists() && !pdf.exists());
}

#[test]
fn completions_are_printed_for_each_shell() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["completions", "bash"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("_refolio() {"), "{stdout}");
    // Every command is offered.
    for command in [
        "check",
        "build",
        "serve",
        "print",
        "import",
        "init",
        "new",
        "completions",
    ] {
        assert!(stdout.contains(&format!("refolio,{command})")), "{command}");
    }
    let (code, stdout, _) = run(tmp.path(), &["completions", "fish"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("complete -c refolio"), "{stdout}");
    assert_eq!(run(tmp.path(), &["completions", "cmd"]).0, 2);
}
