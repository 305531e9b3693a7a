//! The fourth, blind pass continued (blind.rs is full): scenarios written from the sources
//! and docs/content-format.md alone, each with the sentence it comes from.

use super::*;

// 004: "Le référentiel intègre dans les deux cas, à l'exception des candidats salariés, une
// dimension professionnelle évaluée systématiquement" ; "Les salariés et demandeurs
// d'emploi qui bénéficient d'un positionnement […] peuvent être […] exemptés d'épreuve
// professionnelle" — a VAE candidate is not on those routes: the exemption is refused;
// with the professional evaluation and a portfolio for every bloc, the title (no company
// period is set for the VAE).
#[test]
fn blind_a_vae_candidate_is_not_exempted_from_the_professional_evaluation() {
    let p = "route: vae\nsession: 2026-06-18\nresults:\n  \
             substitutes: { B1: 60, B2: 135, B3: 150, B4: 105 }\n";
    let exempted =
        format!("{p}  professional_evaluation: {{ result: exempted, reason: \"salariée\" }}\n");
    refused(INTL, &exempted, "not vae");
    let c = ok(INTL, &format!("{p}  professional_parts: {GOOD_PRO}\n"));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(all_text(&c).contains("voie VAE"), "{}", all_text(&c));
}

// 000 states no retake rule: a Grand oral failed in June and passed in September gives the
// title by refolio's default (the latest session prevails), said as such.
#[test]
fn blind_000_s_grand_oral_held_again_is_a_default() {
    let counts = [
        ("1.1", 8),
        ("1.2", 6),
        ("1.3", 7),
        ("2.1", 5),
        ("2.2", 7),
        ("2.3", 8),
        ("3.1", 7),
        ("3.2", 9),
    ];
    let mut p = String::from("attempts:\n- session: 2026-06-30\n  criteria:\n");
    for (c, n) in counts {
        for i in 1..=n {
            p.push_str(&format!("    Cr{c}.{i}: true\n"));
        }
    }
    p.push_str(
        "  final_interview: not-validated\n- session: 2026-09-30\n  kind: retake\n  \
         final_interview: validated\n",
    );
    let c = ok(DC, &p);
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(
        defaults(&c).contains(&"default_retakes"),
        "{:?}",
        defaults(&c)
    );
}

// 004: "Le référentiel de la certification […] est composé de 4 blocs de compétences et de
// la prise en compte d'une pratique professionnelle" ; "Obtention d'un certificat de
// compétences en entreprise (CCE)" for B5 ; "Pour les candidats n'ayant pas obtenu la
// certification, l'établissement délivre les certificats de bloc pour ceux validés" — a
// jury's `full` gives the title and its 4 blocs; B5's CCE, not obtained, is no certificate.
// Found here: `full` awarded every bloc presented, so B5 had a bloc certificate.
#[test]
fn blind_a_full_title_does_not_award_the_cce_not_obtained() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "refolio.toml", "[candidates]\nallow_gaps = true\n");
    let yaml =
        std::fs::read_to_string(repo_root().join(format!("content/referentials/{INTL}.yaml")))
            .unwrap();
    write(root, &format!("content/referentials/{INTL}.yaml"), &yaml);
    let marks = "{ E1: 60, E2.1: 90, E2.2: 30, E2.3: 15, E3.1: 60, E3.2: 90, E4.1: 30, \
                 E4.2: 30, E4.3: 45, B5: not-validated }";
    let passport = intl(marks, GOOD_PRO);
    write(
        root,
        "content/candidates/x/passport.yaml",
        &format!("name: X\nreferential: {INTL}\n{passport}"),
    );
    let members = "  - { name: A, role: president, quality: professional }\n  \
                   - { name: B, quality: professional }\n  - { name: E, quality: professional }\n  \
                   - { name: C, quality: certifier }\n";
    write(
        root,
        "content/sessions/j.yaml",
        &format!(
            "referential: {INTL}\ndate: 2026-07-02\njury:\n{members}candidates:\n  x: {{ decision: full }}\n"
        ),
    );
    let out = root.join("out");
    let (code, _, stderr) = run(root, &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let certificates = out.join("candidates/x/certificates");
    for b in ["certification", "b1", "b2", "b3", "b4"] {
        assert!(certificates.join(format!("{b}.html")).exists(), "{b}");
    }
    assert!(
        !certificates.join("b5.html").exists(),
        "B5's CCE was not obtained"
    );
}

// 004: "Les salariés et demandeurs d'emploi qui bénéficient d'un positionnement […] peuvent
// être […] exemptés d'épreuve professionnelle" — the reason names the evaluation in full
// ("Évaluation professionnelle : dispense (salarié)"), not the abbreviation "EP", which the
// texts never use (decision11's leftover).
#[test]
fn blind_the_exempted_professional_evaluation_is_named_in_full() {
    let p = "route: continuing\nsession: 2026-06-18\ncompany_time: { hours: 300 }\nresults:\n  \
             marks: { E1: 60, E2.1: 90, E2.2: 30, E2.3: 15, E3.1: 60, E3.2: 90, E4.1: 30, \
             E4.2: 30, E4.3: 45 }\n  \
             professional_evaluation: { result: exempted, reason: \"salarié\" }\n";
    let text = all_text(&ok(INTL, p));
    assert!(
        text.contains(
            "Évaluation professionnelle : dispense (salarié) ; ses 250 points ne comptent pas."
        ),
        "{text}"
    );
    assert!(!text.contains("EP :"), "{text}");
}

// 004: "Dans l'hypothèse où le candidat n'obtient pas 500 points […] il conserve le bénéfice
// des blocs pour lesquels il a obtenu la moyenne, soit 10/20" — B1 under its minimum loses
// the title while B2 has no mark yet: the proposal is partial on B3, B4 (and B5's CCE), and
// the reason says B2 may still be validated and kept (decision11's leftover: it said only
// "Bloc non décidé : B2.").
#[test]
fn blind_a_bloc_pending_after_the_title_is_lost_can_still_be_kept() {
    let p = intl(
        "{ E1: 30, E3.1: 60, E3.2: 90, E4.1: 30, E4.2: 30, E4.3: 45, B5: validated }",
        GOOD_PRO,
    );
    let c = ok(INTL, &p);
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B3", "B4", "B5"]);
    assert_eq!(bloc(&c, "B2"), "undecided");
    assert!(
        all_text(&c).contains(
            "Bloc non décidé : B2 ; le titre n'est plus possible, mais ce bloc peut encore être \
             validé et s'ajouter aux blocs conservés."
        ),
        "{}",
        all_text(&c)
    );
}
