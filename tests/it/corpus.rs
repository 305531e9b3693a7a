//! The malformed-content corpus (tests/corpus/README.md): hundreds of broken sites, each the
//! valid base site with one fault. For each, `refolio check` must exit 1 (0 for the few
//! accepted inputs), print exactly the expected located diagnostics, and never panic, hang
//! or run out of memory; a sample is also built, which must write nothing.

mod harness;
mod runtime;
mod runtime_fs;

use harness::{Expected, committed_cases, run, run_all};

#[test]
fn the_base_site_is_clean() {
    let site = harness::site(true);
    let outcome = run(site.path(), &["check"]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert_eq!(
        outcome.stderr, "",
        "the base site must check without a diagnostic"
    );
}

#[test]
fn committed_cases_give_their_expected_diagnostics() {
    let cases = committed_cases();
    assert!(cases.len() >= 200, "only {} committed cases", cases.len());
    run_all(cases);
}

#[test]
fn runtime_cases_give_their_expected_diagnostics() {
    run_all(runtime::cases());
}

#[test]
fn most_cases_are_errors() {
    let committed: Vec<String> = harness::committed_expectations()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let runtime: Vec<String> = runtime::cases()
        .into_iter()
        .map(|c| match c.expected {
            Expected::Lines(lines) => lines.join("\n"),
            Expected::File(_) => unreachable!("runtime cases hold their lines"),
        })
        .collect();
    let total = committed.len() + runtime.len();
    let accepted = committed
        .iter()
        .chain(&runtime)
        .filter(|t| !t.contains(": error: "))
        .count();
    assert!(total >= 200, "{total} cases");
    assert!(
        accepted * 10 < total,
        "{accepted} of {total} cases are accepted inputs"
    );
}

/// A build of a broken site prints the same diagnostics and writes nothing; an accepted
/// input builds. Every fourth committed case, and every runtime case.
#[test]
fn builds_agree_with_checks() {
    let cases: Vec<_> = committed_cases()
        .into_iter()
        .step_by(4)
        .chain(runtime::cases())
        .collect();
    let count = cases.len();
    let failures = harness::in_parallel(cases, |case| harness::build_agrees(&case));
    assert!(
        failures.is_empty(),
        "{} of {count} builds failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Names made of shell metacharacters are only ever names: building a site full of them
/// copies each attachment under its exact name and runs nothing.
#[test]
fn shell_metacharacters_in_names_are_never_run() {
    let site = harness::site(true);
    let bruno = site.path().join("content/candidates/bruno");
    let name = "$(touch pwned); `touch pwned2` | touch pwned3 & .pdf";
    std::fs::write(bruno.join("annexes").join(name), "%PDF-1.4\n").unwrap();
    let evidence = std::fs::read_to_string(bruno.join("preuve.md")).unwrap();
    let evidence = evidence.replace("annexes/plan.pdf", &format!("\"annexes/{name}\""));
    std::fs::write(bruno.join("$(touch pwned4).md"), evidence).unwrap();
    std::fs::remove_file(bruno.join("preuve.md")).unwrap();
    let output = tempfile::tempdir().unwrap();
    let public = output.path().join("public");
    let outcome = run(
        site.path(),
        &["build", "--output-dir", public.to_str().unwrap()],
    );
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    let page = public.join("candidates/bruno/$(touch pwned4).html");
    assert!(page.is_file(), "the evidence page keeps its name");
    assert!(public.join("candidates/bruno/annexes").join(name).is_file());
    let cwd = std::env::current_dir().unwrap();
    for (folder, depth) in [(site.path(), 8), (output.path(), 8), (cwd.as_path(), 1)] {
        for entry in walkdir::WalkDir::new(folder).max_depth(depth) {
            let entry = entry.unwrap();
            assert!(
                !entry.file_name().to_string_lossy().starts_with("pwned"),
                "{} was created",
                entry.path().display()
            );
        }
    }
}

/// A committed case that is the base file unchanged would test nothing.
#[test]
fn every_case_changes_the_base() {
    let base = harness::base_dir().join("content");
    let files = [
        ("referential-", base.join("referentials/mini.yaml")),
        ("passport-", base.join("candidates/bruno/passport.yaml")),
        ("evidence-", base.join("candidates/bruno/preuve.md")),
    ];
    for expected in harness::committed_expectations() {
        let group = expected.parent().unwrap().file_name().unwrap();
        let group = group.to_string_lossy();
        let Some((_, base_file)) = files.iter().find(|(p, _)| group.starts_with(p)) else {
            continue;
        };
        let input = std::fs::read_dir(expected.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_stem() == expected.file_stem() && p != &expected)
            .unwrap_or_else(|| panic!("no input for {}", expected.display()));
        assert_ne!(
            std::fs::read(&input).unwrap(),
            std::fs::read(base_file).unwrap(),
            "{} is the base file unchanged",
            input.display()
        );
    }
}
