//! The decision audit on the sources' jury sentences: the jury's sovereign decision and its
//! motive, a decision the rules leave to the jury, the Grand oral as a condition of the
//! title, the Executive and VAE routes' portfolio.

use super::*;

const INTL_YEAR: &str = "route: apprenticeship\nsession: 2026-06-18\nresults:\n  marks: { B1: 60, B2: \
                         135, B3: 150, B4: 105, B5: validated }\n  professional_parts: { ecrit: \
                         45, oral: 75, tuteur: 30 }\n";

/// « Le jury est souverain dans ses décisions. » With 200 h in company against the 280 h
/// required, the rules say the text does not tell what that leaves of the validated blocs:
/// « décision laissée au jury ». The jury's decision then departs from no proposal; refolio
/// refused it as "differs from the proposal of the rules, and gives no motive". It now
/// settles the question without a motive asked for, and is not reported as differing.
#[test]
fn intl_jury_decides_what_the_rules_leave_to_it_without_a_motive() {
    let passport = format!(
        "{INTL_YEAR}company_time: {{ hours: 200 }}\njury:\n  decision: partial\n  blocs: [B1, \
         B2, B3, B4, B5]\n  date: 2026-06-30\n"
    );
    let c = ok(INTL, &passport);
    assert_eq!(kind(&c), "undecided", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("décision laissée au jury"),
        "{}",
        all_text(&c)
    );
    assert_eq!(c["jury"]["decision"], "partial");
    assert_eq!(c["jury"]["differs_from_proposal"], false);
}

/// « Le jury est souverain dans ses décisions. » Where the rules do propose (the full title,
/// every condition met), a jury departing from it must still say why: a `partial` without
/// its motive is a located error, with it the decision is recorded as differing.
#[test]
fn intl_jury_departing_from_a_proposal_needs_its_motive() {
    let passport = format!(
        "{INTL_YEAR}company_time: {{ hours: 1000 }}\njury:\n  decision: partial\n  blocs: [B1, \
         B2, B3]\n  date: 2026-06-30\n"
    );
    let e = refused(
        INTL,
        &passport,
        "the jury's decision differs from the proposal of the rules, and gives no motive",
    );
    assert!(e.starts_with("content/candidates/x/passport.yaml:"), "{e}");
    let c = ok(
        INTL,
        &format!("{passport}  motive: Fraude au dossier constatée en délibération.\n"),
    );
    assert_eq!(kind(&c), "full");
    assert_eq!(c["jury"]["differs_from_proposal"], true);
}

/// Undecided only because a result is missing (the time in company not recorded yet) is
/// not a question left to the jury: a jury withholding B2, validated, still needs its
/// motive.
#[test]
fn intl_jury_on_a_pending_proposal_still_needs_its_motive() {
    let passport =
        format!("{INTL_YEAR}jury:\n  decision: partial\n  blocs: [B1]\n  date: 2026-06-30\n");
    let (code, _, stderr) = decide(INTL, &passport);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "the jury's decision differs from the proposal of the rules, and gives no motive"
        ),
        "{stderr}"
    );
}

/// « Les jurys d'évaluation doivent respecter les conditions imposées par France
/// Compétences : Il doit être à minima constitué de 2 professionnels sans lien de
/// subordination avec l'établissement de formation […]. De plus ils ne doivent pas avoir :
/// Participé à la formation du candidat, Un lien avec celui-ci. » `jury.independence`
/// transcribes that sentence, which stands for the evaluation juries; refolio applied it to
/// the certification jury only (a session's members). The evaluation jury an exam's result
/// records (`jury:`) is now checked too: the candidate's tutor in it is an error where it is
/// stated. The rest of the sentence (2 professionals, no subordination, the 3rd person
/// « ne participe pas à la notation ») cannot be written: a result names its evaluators, not
/// their quality.
#[test]
fn intl_the_tutor_in_an_exams_evaluation_jury_is_refused() {
    let passport = |jury: &str| {
        format!(
            "route: apprenticeship\nsession: 2026-06-18\ncompany_time: {{ hours: 1000 }}\n\
             tutor: {{ name: Marc Petit }}\nresults:\n  marks: {{ B1: 60, B2: 135, E3.1: \
             {{ result: 60, jury: [{jury}] }}, E3.2: 90, B4: 105, B5: validated }}\n  \
             professional_parts: {{ ecrit: 45, oral: 75, tuteur: 30 }}\n"
        )
    };
    let e = refused(
        INTL,
        &passport("Anne Roy, marc petit (tuteur)"),
        "x: Marc Petit, the tutor of `x`, is in the evaluation jury of E3.1: the referential's \
         evaluation juries have no link with the candidate",
    );
    assert!(e.starts_with("content/candidates/x/passport.yaml:"), "{e}");
    let c = ok(INTL, &passport("Anne Roy, Paul Durand"));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
}
