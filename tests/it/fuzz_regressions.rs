//! Inputs the fuzz targets in `fuzz/` found (see docs/fuzzing.md), replayed through the
//! normal API so that `cargo test` on stable keeps them fixed. Each crashing input is also in
//! the seed corpus of its target, under `fuzz/seeds/<target>/crash-*`.

use crate::common;
use common::Scratch;
use refolio::diagnostics::Diagnostic;

const BRUNO_EVIDENCE: &str = "content/candidates/bruno/preuve.md";

/// Checks the site and returns its diagnostics, each rendered as `refolio check` prints it.
fn rendered(scratch: &Scratch) -> Vec<(Diagnostic, String)> {
    let checked = refolio::check(scratch.root()).expect("site loads");
    checked
        .diagnostics
        .iter()
        .map(|d| (d.clone(), d.render(&checked.sources)))
        .collect()
}

/// The line a diagnostic about `path` points at, and its rendering.
fn located(scratch: &Scratch, path: &str) -> (u32, String) {
    let all = rendered(scratch);
    let (d, text) = all
        .iter()
        .find(|(d, _)| d.location.as_ref().is_some_and(|l| l.path.ends_with(path)))
        .unwrap_or_else(|| panic!("no diagnostic about {path}: {all:#?}"));
    let line = d.location.as_ref().and_then(|l| l.position).map(|p| p.line);
    (line.expect("the diagnostic has a position"), text.clone())
}

/// `fuzz/seeds/front_matter/crash-lone-cr.md`: YAML reads a lone `\r` as a line break, the
/// positions and quoted lines counted `\n` only, so the error pointed at line 6 of a 3-line
/// file and quoted nothing.
#[test]
fn lone_carriage_returns_keep_positions_inside_the_file() {
    let s = Scratch::of("candidates")
        .write(BRUNO_EVIDENCE, "---\ntitle: d\r\r\r\rle not\n---\nTexte.\n");
    let (line, text) = located(&s, BRUNO_EVIDENCE);
    assert_eq!(line, 6, "{text}");
    assert!(text.contains("6 | le not"), "the line is quoted: {text}");
}

/// The same mismatch in a referential: the error after the stray `\r` is quoted.
#[test]
fn lone_carriage_returns_in_a_referential() {
    let s = Scratch::of("valid").write(
        "content/referentials/mini.yaml",
        "title: Mini\rblocs:\r  - id: B1\r    title: Bloc\r    kind: nope\r",
    );
    let (line, text) = located(&s, "content/referentials/mini.yaml");
    assert_eq!(line, 5, "{text}");
    assert!(
        text.contains("5 |     kind: nope"),
        "the line is quoted: {text}"
    );
}

/// Old Mac line endings (`\r` only) are line breaks for the front-matter splitter too, as
/// they are for YAML and Markdown.
#[test]
fn evidence_with_carriage_return_line_endings_has_front_matter() {
    let s = Scratch::of("candidates").write(
        BRUNO_EVIDENCE,
        "---\rtitle: Dossier professionnel\rdemonstrates: [C1.1, C1.2]\r---\rTexte.\r",
    );
    let problems: Vec<String> = rendered(&s)
        .into_iter()
        .filter(|(d, _)| {
            d.location
                .as_ref()
                .is_some_and(|l| l.path.ends_with(BRUNO_EVIDENCE))
        })
        .map(|(_, text)| text)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}
