//! Every error a candidate's files can hold: each test breaks one file of a copy of the
//! candidates fixture and asserts the exact located diagnostic, its suggestion, and exit 1.

use crate::common;
use common::{Scratch, headlines};

/// Runs `check`, asserts exit 1 and returns stderr.
fn fails(scratch: &Scratch) -> String {
    let (code, stdout, stderr) = scratch.run(&["check"]);
    assert_eq!(code, 1, "stdout={stdout} stderr={stderr}");
    stderr
}

const BRUNO: &str = "content/candidates/bruno/passport.yaml";
const BRUNO_EVIDENCE: &str = "content/candidates/bruno/preuve.md";

fn bruno_passport(referential: &str, blocs: &str) -> String {
    format!("name: Bruno Petit\nreferential: {referential}\nblocs: {blocs}\n")
}

fn bruno_evidence(front: &str) -> String {
    format!("---\ntitle: Dossier professionnel\n{front}---\nTexte.\n")
}

#[test]
fn unknown_referential() {
    let s = Scratch::of("candidates").write(BRUNO, &bruno_passport("seuill", "[B1]"));
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!("{BRUNO}:2:14: error: unknown referential `seuill`")]
    );
    assert!(err.contains("  = help: did you mean `seuil`?"), "{err}");
}

#[test]
fn unknown_bloc() {
    let s = Scratch::of("candidates").write(BRUNO, &bruno_passport("seuil", "[B1, B3]"));
    let err = fails(&s);
    assert!(
        headlines(&err).contains(
            &format!("{BRUNO}:3:13: error: unknown bloc `B3` in referential `seuil`").as_str()
        ),
        "{err}"
    );
    assert!(err.contains("  = help: blocs of `seuil`: B1, B2"), "{err}");
}

#[test]
fn evidence_naming_an_unknown_id() {
    let s = Scratch::of("candidates").write(
        BRUNO_EVIDENCE,
        &bruno_evidence("demonstrates: [C1.1, C1.2, C1.3]\n"),
    );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!(
            "{BRUNO_EVIDENCE}:3:28: error: unknown competence or criterion `C1.3` in referential `seuil`"
        )]
    );
    assert!(
        err.contains("  = help: did you mean `C1.1`?")
            || err.contains("  = help: did you mean `C1.2`?"),
        "{err}"
    );
}

#[test]
fn evidence_naming_an_item_of_another_kind() {
    let s = Scratch::of("candidates").write(
        BRUNO_EVIDENCE,
        &bruno_evidence("demonstrates: [C1.1, C1.2, A1.1]\n"),
    );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!(
            "{BRUNO_EVIDENCE}:3:28: error: `A1.1` is an activity, not a competence or criterion"
        )]
    );
}

#[test]
fn competence_outside_the_blocs_presented() {
    let s = Scratch::of("candidates").write(
        BRUNO_EVIDENCE,
        &bruno_evidence("demonstrates: [C1.1, C1.2, C2.1]\n"),
    );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!(
            "{BRUNO_EVIDENCE}:3:28: error: competence `C2.1` belongs to bloc B2, which the candidate does not present"
        )]
    );
    assert!(
        err.contains("  = help: add B2 to `blocs:` in the passport, or remove `C2.1`"),
        "{err}"
    );
}

#[test]
fn uncovered_competence_fails_unless_gaps_are_allowed() {
    let s =
        Scratch::of("candidates").write(BRUNO_EVIDENCE, &bruno_evidence("demonstrates: [C1.1]\n"));
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!(
            "{BRUNO}: error: bruno: competence `C1.2` (bloc B1) is not demonstrated by any evidence"
        )]
    );
    let (_, stdout, _) = s.run(&["check"]);
    assert!(stdout.contains("candidate bruno (seuil): 1/2 competences covered (50 %), gaps: C1.2; decision: not awarded"), "{stdout}");
    // A build with gaps writes nothing.
    let (code, _, _) = s.run(&["build"]);
    assert_eq!(code, 1);
    assert!(!s.root().join("public").exists());
    // --allow-gaps turns the gap into a warning.
    let (code, _, stderr) = s.run(&["check", "--allow-gaps"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        headlines(&stderr),
        [format!(
            "{BRUNO}: warning: bruno: competence `C1.2` (bloc B1) is not demonstrated by any evidence"
        )]
    );
}

#[test]
fn every_criterion_can_be_required() {
    let s =
        Scratch::of("candidates").write("refolio.toml", "[candidates]\nrequire_criteria = true\n");
    let err = fails(&s);
    let lines = headlines(&err);
    assert!(
        lines.contains(&format!("{BRUNO}: error: bruno: criterion `Cr1.1.3` (bloc B1) is not demonstrated by any evidence").as_str()),
        "{err}"
    );
    // Alice names Cr1.2.1 directly; Cr1.2.2 she does not.
    let alice = "content/candidates/alice/passport.yaml";
    assert!(lines.contains(&format!("{alice}: error: alice: criterion `Cr1.2.2` (bloc B1) is not demonstrated by any evidence").as_str()));
    assert!(!err.contains("alice: criterion `Cr1.2.1`"), "{err}");
}

const ALICE_EVIDENCE: &str = "content/candidates/alice/preuves/oral.md";

#[test]
fn missing_attachment() {
    let s = Scratch::of("candidates").write(
        ALICE_EVIDENCE,
        "---\ntitle: Soutenance\ndemonstrates: [C2.1]\nattachments: [annexes/graphiqe.png]\n---\n",
    );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!(
            "{ALICE_EVIDENCE}:4:15: error: attachment `annexes/graphiqe.png` not found"
        )]
    );
    assert!(
        err.contains("  = help: did you mean `graphique.png`?"),
        "{err}"
    );
}

#[test]
fn attachment_leaving_the_candidate_folder() {
    for path in [
        "../../bruno/preuve.pdf",
        "/etc/passwd.txt",
        "..\\\\..\\\\x.pdf",
    ] {
        let s = Scratch::of("candidates").write(
            ALICE_EVIDENCE,
            &format!("---\ntitle: Soutenance\ndemonstrates: [C2.1]\nattachments:\n  - path: \"{path}\"\n---\n"),
        );
        let err = fails(&s);
        let shown = path.replace("\\\\", "\\");
        assert_eq!(
            headlines(&err),
            [format!(
                "{ALICE_EVIDENCE}:5:5: error: attachment `{shown}` is outside the candidate folder"
            )],
            "{path}"
        );
    }
}

#[cfg(unix)]
#[test]
fn attachment_through_a_symbolic_link_leaving_the_folder() {
    let s = Scratch::of("candidates").write(
        ALICE_EVIDENCE,
        "---\ntitle: Soutenance\ndemonstrates: [C2.1]\nattachments: [annexes/secret.pdf]\n---\n",
    );
    let outside = s.root().join("refolio.toml");
    std::os::unix::fs::symlink(
        &outside,
        s.root()
            .join("content/candidates/alice/preuves/annexes/secret.pdf"),
    )
    .unwrap();
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!(
            "{ALICE_EVIDENCE}:4:15: error: attachment `annexes/secret.pdf` is outside the candidate folder"
        )]
    );
}

#[test]
fn attachment_of_a_type_that_could_run_scripts() {
    let s = Scratch::of("candidates")
        .write("content/candidates/alice/preuves/annexes/schema.svg", "<svg/>")
        .write(
            ALICE_EVIDENCE,
            "---\ntitle: Soutenance\ndemonstrates: [C2.1]\nattachments: [annexes/schema.svg]\n---\n",
        );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!(
            "{ALICE_EVIDENCE}:4:15: error: attachment `annexes/schema.svg`: file type `.svg` is not accepted"
        )]
    );
    assert!(err.contains("SVG and HTML could run scripts"), "{err}");
}

#[test]
fn evidence_without_front_matter() {
    let s = Scratch::of("candidates").write(BRUNO_EVIDENCE, "# Dossier\n\nTexte.\n");
    let err = fails(&s);
    assert!(
        headlines(&err).contains(
            &format!("{BRUNO_EVIDENCE}:1:1: error: evidence file has no front matter").as_str()
        ),
        "{err}"
    );
}

#[test]
fn evidence_front_matter_errors_point_into_the_file() {
    let s = Scratch::of("candidates").write(
        BRUNO_EVIDENCE,
        &bruno_evidence("demonstrates: [C1.1, C1.2]\ntitel: x\n"),
    );
    let err = fails(&s);
    assert!(
        headlines(&err)
            .contains(&format!("{BRUNO_EVIDENCE}:4:1: error: unknown field `titel`").as_str()),
        "{err}"
    );
}

#[test]
fn candidate_without_passport() {
    let s = Scratch::of("candidates").remove(BRUNO);
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        ["content/candidates/bruno: error: candidate `bruno` has no `passport.yaml`"]
    );
}

#[test]
fn marks_and_assessments_out_of_range() {
    let s = Scratch::of("candidates").write(
        "content/candidates/emma/passport.yaml",
        "name: Emma\nreferential: grille\nself_assessment:\n  GC1: 14\n  GC2: top\nresults:\n  marks: { G1: 70, G2: 30, GE2: 25/20, GA1: 3 }\n  professional_evaluation: 70\n",
    );
    let err = fails(&s);
    let emma = "content/candidates/emma/passport.yaml";
    assert_eq!(
        headlines(&err),
        [
            format!("{emma}:4:8: error: assessment `14` has no scale"),
            format!("{emma}:5:8: error: unknown assessment `top`"),
            format!("{emma}:7:16: error: mark 70 is outside 0–60, the points of bloc G1"),
            format!("{emma}:7:33: error: mark `25/20` is above its scale"),
            format!(
                "{emma}:7:40: error: marks are given to blocs, exams and modules; `GA1` is an activity"
            ),
        ]
    );
    assert!(err.contains(
        "  = help: write one of acquired, partly-acquired, not-acquired, or a mark such as `14/20`"
    ));
}

#[test]
fn exemption_where_the_referential_has_none() {
    let s = Scratch::of("candidates").write(
        "content/candidates/emma/passport.yaml",
        "name: Emma\nreferential: grille\nexemptions:\n  - criterion: GC1.cr1\n    reason: Avis\n",
    );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [
            "content/candidates/emma/passport.yaml:4:16: error: referential `grille` does not provide for exemptions"
        ]
    );
}

#[test]
fn invalid_candidate_folder_name() {
    let s = Scratch::of("candidates").write(
        "content/candidates/Zoé Durand/passport.yaml",
        "name: Zoé\nreferential: seuil\n",
    );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [
            "content/candidates/Zoé Durand: error: candidate folder name `Zoé Durand` must be lowercase letters, digits and dashes (it becomes the URL)"
        ]
    );
    assert!(err.contains("  = help: rename it `zoe-durand`"), "{err}");
}

#[test]
fn unknown_pronoun() {
    let s = Scratch::of("candidates").write(
        BRUNO,
        "name: Bruno Petit\nreferential: seuil\npronoun: ella\nblocs: [B1]\n",
    );
    let err = fails(&s);
    assert_eq!(
        headlines(&err),
        [format!("{BRUNO}:3:10: error: unknown value `ella`")]
    );
    assert!(err.contains("  = help: did you mean `elle`?"), "{err}");
}
