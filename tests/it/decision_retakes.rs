//! Decision scenarios for source 004's failed professional evaluation, from its own text:
//! "En cas d'échec [...] Concernant l'épreuve professionnelle, le candidat a la possibilité
//! de présenter un dossier lié à une problématique professionnelle", while "dans le cadre
//! d'une présentation aux épreuves de rattrapage : le candidat repasse uniquement les
//! évaluations de blocs et conserve le bénéfice de sa note de tuteur".

use refolio::validate::title::Decision;

use crate::decision::{MARKS_OK, r004_full_text, scenario};

fn r004() -> String {
    r004_full_text().replacen(
        "    blocs_only: true\n",
        "    blocs_only: true\n    professional_again: [ecrit, oral]\n",
        1,
    )
}

/// Every bloc at its marks; the professional evaluation's parts as given.
fn first(ecrit: u32, oral: u32, tuteur: u32) -> String {
    format!(
        "route: apprenticeship\nattempts:\n- session: 2026-06-18\n  marks:\n{MARKS_OK}    B5: validated\n  professional_parts:\n    ecrit: {ecrit}\n    oral: {oral}\n    tuteur: {tuteur}\n"
    )
}

const RETAKE: &str = "- session: 2026-12-10\n  kind: retake\n  professional_parts:\n";

#[test]
fn after_a_failed_professional_evaluation_a_new_dossier_counts_and_the_tutor_mark_stays() {
    let failed = scenario(&r004(), &first(20, 40, 40));
    assert_eq!(
        failed.decision(),
        &crate::decision::partial(&["B1", "B2", "B3", "B4", "B5"])
    );
    let o = scenario(
        &r004(),
        &format!("{}{RETAKE}    ecrit: 50\n    oral: 90\n", first(20, 40, 40)),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), Decision::Full);
    assert!(
        o.reasons().contains(
            &"Évaluation professionnelle 180/250, au moins le minimum de 125.".to_owned()
        ),
        "{:#?}",
        o.reasons()
    );
    // The tutor's mark is kept: a retake does not give it again.
    let o = scenario(
        &r004(),
        &format!(
            "{}{RETAKE}    ecrit: 50\n    oral: 90\n    tuteur: 10\n",
            first(20, 40, 40)
        ),
    );
    assert_eq!(
        o.diagnostics(),
        [
            "23:13: error: cand: a retake presents the bloc evaluations only, so this result of `tuteur` (a part of the professional evaluation) does not count: the earlier one stands"
        ]
    );
    assert_eq!(*o.decision(), Decision::Full);
}

#[test]
fn a_professional_evaluation_that_did_not_fail_is_not_presented_again() {
    let o = scenario(
        &r004(),
        &format!("{}{RETAKE}    oral: 120\n", first(52, 90, 40)),
    );
    assert_eq!(
        o.diagnostics(),
        [
            "21:11: error: cand: a retake presents the bloc evaluations only, so this result of `oral` (a part of the professional evaluation) does not count: the earlier one stands"
        ]
    );
    assert!(
        o.reasons().contains(
            &"Évaluation professionnelle 182/250, au moins le minimum de 125.".to_owned()
        ),
        "{:#?}",
        o.reasons()
    );
}

#[test]
fn parts_to_present_again_are_parts_of_the_evaluation() {
    let r = r004().replace(
        "professional_again: [ecrit, oral]",
        "professional_again: [ecrit, orale]",
    );
    let o = scenario(&r, "route: apprenticeship\n");
    let errors: Vec<(String, Option<String>)> = o
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("professional evaluation"))
        .map(|d| (d.headline(), d.suggestion.clone()))
        .collect();
    assert_eq!(
        errors,
        [(
            "content/referentials/r.yaml:29:33: error: `orale` is not a part of the professional evaluation".to_owned(),
            Some("did you mean `oral`?".to_owned())
        )]
    );
}

#[test]
fn the_referential_page_says_which_parts_may_be_presented_again() {
    let o = scenario(&r004(), "route: apprenticeship\n");
    let rules = o.referential_rules();
    assert!(
        rules.iter().any(|r| r.ends_with(
            "après un échec de l'évaluation professionnelle, à nouveau : Écrit, Soutenance"
        )),
        "{rules:#?}"
    );
}

/// B1 failed at the first session, then given again by `later` sessions of their kind.
fn b1_again(later: &[(&str, u32)]) -> String {
    let mut p = first(52, 90, 40).replace("    B1: 68\n", "    B1: 20\n");
    for (n, (kind, mark)) in later.iter().enumerate() {
        p.push_str(&format!(
            "- session: 2027-0{}-15\n  kind: {kind}\n  marks:\n    B1: {mark}\n",
            n + 1
        ));
    }
    p
}

#[test]
fn whether_a_repeated_year_is_a_retake_is_said_when_the_text_does_not_say() {
    // "Dans le cadre d'un redoublement : le candidat [...] repasse toutes les évaluations
    // [...] de blocs de l'année concernée", beside "une seule fois par bloc".
    let o = scenario(&r004(), &b1_again(&[("repeat", 30)]));
    let (_, reasons) = o.bloc("B1");
    assert!(
        reasons.contains(&"Le référentiel ne dit pas si un redoublement compte parmi les rattrapages qu'il limite : refolio le compte comme un rattrapage (règle par défaut).".to_owned()),
        "{reasons:#?}"
    );
    // Counted, a retake after it is one too many.
    let o = scenario(&r004(), &b1_again(&[("repeat", 30), ("retake", 70)]));
    assert_eq!(
        o.diagnostics(),
        [
            "22:3: error: cand: the session of 2027-02-15 cannot count for bloc B1: the referential allows one retake per bloc"
        ]
    );
    // Stated apart, the retake after the repeated year counts.
    let apart = r004().replacen(
        "    blocs_only: true\n",
        "    blocs_only: true\n    repeats: apart\n",
        1,
    );
    let o = scenario(&apart, &b1_again(&[("repeat", 30), ("retake", 70)]));
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    let (verdict, reasons) = o.bloc("B1");
    assert_eq!(
        verdict,
        refolio::validate::rules::Verdict::Validated,
        "{reasons:#?}"
    );
    assert!(
        !reasons.iter().any(|r| r.contains("redoublement")),
        "{reasons:#?}"
    );
}
