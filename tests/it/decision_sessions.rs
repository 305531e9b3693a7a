//! Decision scenarios across sessions, from source 004's own text: a fraud voids its whole
//! session ("il ne valide aucun bloc […] repasser l'ensemble des évaluations de blocs à la
//! prochaine session"), a retake gives the bloc evaluations only and keeps the tutor's mark
//! ("le candidat repasse uniquement les évaluations de blocs et conserve le bénéfice de sa
//! note de tuteur"), and the referential page states every retake rule.

use refolio::validate::rules::Verdict::Validated;
use refolio::validate::title::Decision;

use crate::decision::{R004, r004_full_text, scenario};
use crate::decision_other::ROTHER;

const FIRST_B1_B3_FAILED: &str = "route: apprenticeship\nattempts:\n- session: 2026-06-18\n  marks:\n    B1: 20\n    E2.1: 14/20\n    E2.2: 31\n    E2.3: 17\n    B3: 90\n    E4: 114\n    B5: validated\n  professional_parts:\n    ecrit: 52\n    oral: 90\n    tuteur: 40\n";

#[test]
fn a_fraud_voids_every_bloc_of_its_session_and_the_next_session_is_offered_for_each() {
    // The fraud is at B3's exam; B1, retaken in the same session, is voided with it, and
    // both are sat again at the next session, as the text prescribes.
    let history = format!(
        "{FIRST_B1_B3_FAILED}- session: 2026-09-15\n  kind: retake\n  marks:\n    B1: 35\n    B3: fraud\n- session: 2027-03-15\n  kind: retake\n  marks:\n    B1: 80\n    B3: 200\n"
    );
    let o = scenario(&r004_full_text(), &history);
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    for b in ["B1", "B3"] {
        let (verdict, reasons) = o.bloc(b);
        assert_eq!(verdict, Validated, "{b}: {reasons:#?}");
        assert_eq!(
            reasons.last().unwrap(),
            "Bloc validé à la session du 2027-03-15.",
            "{b}"
        );
    }
    assert_eq!(*o.decision(), Decision::Full);
    // Where the referential does not say a session is offered after a fraud, the session
    // after the voided one is a retake like any other, for B1 as for B3: over the limit.
    let unstated = scenario(
        &r004_full_text().replace(
            "{ consequence: session-void, retake: true, counted: false }",
            "session-void",
        ),
        &history,
    );
    assert_eq!(
        unstated.diagnostics(),
        [
            "23:3: error: cand: the session of 2027-03-15 cannot count for bloc B1: the referential allows one retake per bloc",
            "23:3: error: cand: the session of 2027-03-15 cannot count for bloc B3: the referential allows one retake per bloc",
        ]
    );
}

#[test]
fn a_retake_of_blocs_only_keeps_the_tutor_mark() {
    // "le candidat repasse uniquement les évaluations de blocs et conserve le bénéfice de
    // sa note de tuteur pour l'évaluation professionnelle"
    let o = scenario(
        &r004_full_text(),
        &format!(
            "{FIRST_B1_B3_FAILED}- session: 2026-09-15\n  kind: retake\n  marks:\n    B1: 80\n    B3: 200\n  professional_parts:\n    tuteur: 10\n"
        ),
    );
    assert_eq!(
        o.diagnostics(),
        [
            "24:13: error: cand: a retake presents the bloc evaluations only, so this result of `tuteur` (a part of the professional evaluation) does not count: the earlier one stands"
        ]
    );
    assert!(
        o.reasons().contains(
            &"Évaluation professionnelle 182/250, au moins le minimum de 125.".to_owned()
        ),
        "{:#?}",
        o.reasons()
    );
    // After an excused absence at the defence, whose rule offers a retake, the retake
    // session gives it.
    let excused = format!(
        "{}- session: 2026-09-15\n  kind: retake\n  marks:\n    B1: 80\n    B3: 200\n  professional_parts:\n    oral: 100\n",
        FIRST_B1_B3_FAILED.replace(
            "oral: 90",
            "oral: { result: absent-excused, reason: certificat médical }"
        )
    );
    let r = r004_full_text().replace(
        "      not-submitted: not-validated\n",
        "      not-submitted: not-validated\n      absent-excused: { consequence: not-validated, retake: true }\n",
    );
    let o = scenario(&r, &excused);
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert!(
        o.reasons().contains(
            &"Évaluation professionnelle 192/250, au moins le minimum de 125.".to_owned()
        ),
        "{:#?}",
        o.reasons()
    );
    // Without `blocs_only`, a later result of any item replaces the earlier one.
    let any = scenario(
        R004,
        &format!(
            "{FIRST_B1_B3_FAILED}- session: 2026-09-15\n  kind: retake\n  marks:\n    B1: 80\n    B3: 200\n  professional_parts:\n    tuteur: 10\n"
        ),
    );
    assert_eq!(any.diagnostics(), Vec::<String>::new());
    assert!(
        any.reasons().contains(
            &"Évaluation professionnelle 152/250, au moins le minimum de 125.".to_owned()
        )
    );
}

#[test]
fn the_referential_page_states_every_retake_rule() {
    let o = scenario(&r004_full_text(), "route: apprenticeship\n");
    let rules = o.referential_rules();
    assert!(
        rules.contains(&"Rattrapages 1 par bloc ; évaluations de blocs seulement : les résultats de l'évaluation professionnelle et de l'entretien final sont conservés".to_owned()),
        "{rules:#?}"
    );
    assert!(
        rules.contains(&"Fraude — épreuves de bloc la session est annulée, aucun bloc n'y est validé ; rattrapage proposé ; non compté parmi les rattrapages par bloc".to_owned()),
        "{rules:#?}"
    );
    let other = scenario(ROTHER, "");
    let rules = other.referential_rules();
    assert!(
        rules.contains(&"Rattrapages 2 par bloc ; la meilleure note est retenue ; note de rattrapage plafonnée à 10/20".to_owned()),
        "{rules:#?}"
    );
}
