//! Source 004 (RNCP36395): absences, retakes (rattrapage), repeated years (redoublement)
//! and fraud, across sessions.

use super::*;

/// "la non-présentation à au moins une évaluation de bloc induit la non-validation du bloc"
#[test]
fn intl_absence_at_one_exam_fails_the_bloc() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, E2.1: 150, E2.2: absent, E2.3: 25, B3: 150, B4: 105, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(bloc(&c, "B2"), "not-validated", "{}", all_text(&c));
    assert_ne!(kind(&c), "full");
}

/// "Motifs recevables de non-présentation […] Certificat médical […] Dans ces seuls cas une
/// épreuve de rattrapage sera proposée au candidat": excused absence, then the retake.
#[test]
fn intl_retake_after_an_excused_absence() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 60, E2.1: 100, E2.2: { result: absent-excused, \
         reason: Certificat médical }, E2.3: 15, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { E2.2: 30 }\n",
    );
    assert_eq!(bloc(&c, "B2"), "validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "full");
    // One make-up, within the limit however it counts: nothing to say of it.
    assert!(!all_text(&c).contains("default_makeup_apart"));
}

/// An excused absence at E2.2, a make-up failed, then a retake.
const MAKEUP_THEN_RETAKE: &str = "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
     - session: 2026-06-18\n  marks: { B1: 60, E2.1: 100, E2.2: { result: absent-excused, \
     reason: Certificat médical }, E2.3: 15, B3: 150, B4: 105, B5: validated }\n\
     \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
     - session: 2026-09-15\n  kind: retake\n  marks: { E2.2: 0 }\n\
     - session: 2027-06-17\n  kind: retake\n  marks: { E2.2: 30 }\n";

/// "Dans ces seuls cas une épreuve de rattrapage sera proposée" beside "une seule fois par
/// bloc": the text does not say whether the rattrapage after an accepted reason is the one
/// retake. refolio sets it apart, and says that this is its default, since the retake after
/// it counts only because of it.
#[test]
fn intl_a_makeup_set_apart_from_the_limit_is_said() {
    let c = ok(INTL, MAKEUP_THEN_RETAKE);
    assert_eq!(bloc(&c, "B2"), "validated", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("default_makeup_apart"),
        "{}",
        all_text(&c)
    );
}

/// The same sessions where the referential says the make-up counts (`counted: true`): the
/// retake after the make-up is a second one, beyond "une seule fois par bloc".
#[test]
fn intl_a_makeup_counted_leaves_no_second_retake() {
    let (code, _, stderr) = decide_edited(
        INTL,
        |y| {
            y.replacen(
                "absent-excused: { consequence: not-validated, retake: true }",
                "absent-excused: { consequence: not-validated, retake: true, counted: true }",
                1,
            )
        },
        MAKEUP_THEN_RETAKE,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "the session of 2027-06-17 cannot count for bloc B2: the referential allows one retake per bloc"
        ),
        "{stderr}"
    );
}

/// "Dans ces seuls cas une épreuve de rattrapage sera proposée": no rattrapage after an
/// absence without an accepted reason.
#[test]
fn intl_no_retake_after_an_unexcused_absence() {
    let e = refused(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 60, E2.1: 100, E2.2: absent, E2.3: 15, B3: 150, \
         B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { E2.2: 30 }\n",
        "the session of 2026-09-15 cannot count for bloc B2: the referential offers no retake after `absent`",
    );
    assert!(e.contains("E2.2") || e.contains("B2"), "{e}");
}

/// "Dans le cadre d'un redoublement : le candidat suit les modules du ou des blocs
/// non-validés et repasse toutes les évaluations de modules suivis et les évaluations de
/// blocs de l'année concernée." The text bars only the rattrapage after an unexcused
/// absence ("Dans ces seuls cas une épreuve de rattrapage"); a repeated year is open to a
/// bloc not validated, whatever the reason.
#[test]
fn intl_repeat_year_after_an_unexcused_absence() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 60, E2.1: 100, E2.2: absent, E2.3: 15, B3: 150, \
         B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2027-06-17\n  kind: repeat\n  marks: { E2.1: 100, E2.2: 30, E2.3: 15 }\n",
    );
    assert_eq!(bloc(&c, "B2"), "validated", "{}", all_text(&c));
}

/// "Le candidat a la possibilité de repasser les blocs non validés, une seule fois par
/// bloc": a failed bloc retaken once and passed.
#[test]
fn intl_one_retake_after_a_failure() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 45, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { B1: 60 }\n",
    );
    assert_eq!(bloc(&c, "B1"), "validated", "{}", all_text(&c));
    assert_eq!(c["bloc_outcomes"][0]["awarded"], "2026-09-15");
}

/// "une seule fois par bloc": a second retake of the same bloc is not open.
#[test]
fn intl_second_retake_of_a_bloc_is_refused() {
    refused(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 30, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { B1: 35 }\n\
         - session: 2027-01-15\n  kind: retake\n  marks: { B1: 70 }\n",
        "the session of 2027-01-15 cannot count for bloc B1: the referential allows one retake per bloc",
    );
}

/// "Dans le cadre d'une présentation aux épreuves de rattrapage : le candidat repasse
/// uniquement les évaluations de blocs et conserve le bénéfice de sa note de tuteur": a
/// tutor's mark given again at a retake does not replace the first.
#[test]
fn intl_retake_keeps_the_tutor_mark() {
    let (code, c, stderr) = decide(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 45, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { B1: 60 }\n\
         \x20 professional_parts: { tuteur: 10 }\n",
    );
    // Either refused, or the first tutor's mark (150 in all) stands.
    if code == 0 {
        assert_eq!(
            c["professional_evaluation"]["mark"],
            "150",
            "{}",
            all_text(&c)
        );
    } else {
        assert!(stderr.contains("tuteur"), "{stderr}");
    }
}

/// "Concernant l'épreuve professionnelle, le candidat a la possibilité de présenter un
/// dossier lié à une problématique professionnelle […]": after a failed professional
/// evaluation, a new dossier (written part and defence) in a later session; the tutor's
/// mark kept.
#[test]
fn intl_professional_failed_then_presented_again() {
    let first = "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 20, oral: 40, tuteur: 30 }\n";
    let c = ok(INTL, first);
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B4", "B5"]);
    let c = ok(
        INTL,
        &format!(
            "{first}- session: 2027-01-15\n  kind: retake\n  \
             professional_parts: {{ ecrit: 50, oral: 80 }}\n"
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
}

/// "La non remise de rapport dans les délais fixés ou la non-présentation à la soutenance,
/// induisent la non-obtention de la certification, le candidat conserve le bénéfice des
/// blocs pour lesquels il a obtenu la moyenne"
#[test]
fn intl_report_not_submitted_keeps_the_blocs() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }",
            "{ ecrit: not-submitted, oral: 75, tuteur: 30 }",
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B4", "B5"]);
}

#[test]
fn intl_absent_at_the_defence_keeps_the_blocs() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }",
            "{ ecrit: 45, oral: absent, tuteur: 30 }",
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B4", "B5"]);
}

/// "Tout candidat dont la fraude est avérée voit sa session d'évaluation invalidée, il ne
/// valide aucun bloc."
#[test]
fn intl_fraud_voids_the_session() {
    let c = ok(
        INTL,
        "route: apprenticeship\nblocs: [B1, B2, B3, B4]\nsession: 2026-06-18\n\
         company_time: { hours: 1000 }\nresults:\n  marks: { B1: 90, E2.1: fraud, E2.2: 40, \
         E2.3: 20, B3: 200, B4: 150 }\n  professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n",
    );
    for b in ["B1", "B2", "B3", "B4"] {
        assert_eq!(bloc(&c, b), "not-validated", "{b}: {}", all_text(&c));
    }
    assert_eq!(kind(&c), "not-awarded");
}

/// "Pour obtenir la validation totale ou partielle du titre il devra, après un délai de
/// carence de 6 mois, repasser l'ensemble des évaluations de blocs à la prochaine session."
#[test]
fn intl_after_fraud_the_next_session_can_validate() {
    let c = ok(
        INTL,
        "route: apprenticeship\nblocs: [B1, B2, B3, B4]\ncompany_time: { hours: 1000 }\n\
         attempts:\n- session: 2026-06-18\n  marks: { B1: 90, E2.1: fraud, E2.2: 40, E2.3: 20, \
         B3: 200, B4: 150 }\n  professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2027-01-15\n  kind: retake\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105 }\n",
    );
    for b in ["B1", "B2", "B3", "B4"] {
        assert_eq!(bloc(&c, b), "validated", "{b}: {}", all_text(&c));
    }
    assert_eq!(kind(&c), "full");
}

/// "Toute absence injustifiée à une évaluation de contrôle continu est sanctionnée par
/// l'attribution d'un zéro à l'épreuve.": stated, and no bloc decided by it.
#[test]
fn intl_module_absence_is_a_zero() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, M1.1: absent, B2: 135, B3: 150, B4: 105, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "full");
    let m = c["attempts"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item"] == "M1.1")
        .cloned()
        .unwrap();
    assert!(m.to_string().contains("absent"), "{m}");
}

/// The text says nothing of which mark counts when a retake gives an exam a lower mark than
/// the first session: whatever refolio keeps is its default, and must be said as one.
#[test]
fn intl_retake_lower_mark_is_a_stated_default() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 60, E2.1: 60, E2.2: 30, E2.3: 15, B3: 150, \
         B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { E2.1: 50 }\n",
    );
    assert_eq!(bloc(&c, "B2"), "not-validated");
    assert!(
        defaults(&c).contains(&"default_keep_latest"),
        "which of the two marks of E2.1 counts is refolio's default: {}",
        all_text(&c)
    );
}

/// "Dans le cadre d'un redoublement : le candidat suit les modules du ou des blocs
/// non-validés et repasse toutes les évaluations de modules suivis et les évaluations de
/// blocs de l'année concernée." The text does not say whether a repeated year is one of the
/// "une seule fois par bloc": refolio may not refuse the candidate's record on a rule of
/// its own; the bloc of the repeated year is left to the jury (undecided), or counted with
/// the default said — never an error.
#[test]
fn intl_repeat_after_a_retake_is_not_refused() {
    let (code, c, stderr) = decide(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 30, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { B1: 35 }\n\
         - session: 2027-06-15\n  kind: repeat\n  marks: { B1: 70 }\n",
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(bloc(&c, "B1"), "undecided", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("reason_repeat_unsettled"),
        "{}",
        all_text(&c)
    );
    assert_eq!(kind(&c), "undecided");
    // A repeated year that would not validate the bloc anyway leaves it failed.
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 30, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  marks: { B1: 35 }\n\
         - session: 2027-06-15\n  kind: repeat\n  marks: { B1: 45 }\n",
    );
    assert_eq!(bloc(&c, "B1"), "not-validated", "{}", all_text(&c));
}

/// "Tout candidat dont la fraude est avérée voit sa session d'évaluation invalidée, il ne
/// valide aucun bloc. Pour obtenir la validation totale ou partielle du titre il devra […]
/// repasser l'ensemble des évaluations de blocs": the professional evaluation is not a bloc
/// evaluation and is not to be given again; the fraud is at a bloc exam (E2.1).
#[test]
fn intl_fraud_at_a_bloc_exam_keeps_the_professional_evaluation() {
    let c = ok(
        INTL,
        "route: apprenticeship\nblocs: [B1, B2, B3, B4]\ncompany_time: { hours: 1000 }\n\
         attempts:\n- session: 2026-06-18\n  marks: { B1: 90, E2.1: fraud, E2.2: 40, E2.3: 20, \
         B3: 200, B4: 150 }\n  professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n\
         - session: 2027-01-15\n  kind: retake\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105 }\n",
    );
    assert_eq!(
        c["professional_evaluation"]["standing"],
        "met",
        "{}",
        all_text(&c)
    );
    assert_eq!(kind(&c), "full");
}

/// "Motifs recevables de non-présentation aux évaluations de bloc et professionnelle […]
/// une épreuve de rattrapage sera proposée": an excused absence at the defence, then the
/// retake of the defence counts (the blocs-only rule does not bar it).
#[test]
fn intl_excused_absence_at_the_defence_then_retake() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: { result: absent-excused, reason: Arrêt de \
         travail }, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  professional_parts: { oral: 75 }\n",
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
}

/// "Motifs recevables de non-présentation aux évaluations de bloc et professionnelle […]
/// Dans ces seuls cas une épreuve de rattrapage sera proposée": after an unexcused absence
/// at the defence ("la non-présentation à la soutenance, induisent la non-obtention de la
/// certification"), a retake of the defence is not offered.
#[test]
fn intl_no_retake_of_the_defence_after_an_unexcused_absence() {
    let (code, c, _) = decide(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n\
         - session: 2026-06-18\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }\n\
         \x20 professional_parts: { ecrit: 45, oral: absent, tuteur: 30 }\n\
         - session: 2026-09-15\n  kind: retake\n  professional_parts: { oral: 75 }\n",
    );
    assert!(code == 1 || kind(&c) != "full", "{}", all_text(&c));
}

/// `counted` qualifies an offered retake: without one, it says nothing and is refused.
#[test]
fn counted_without_a_retake_offered_is_refused() {
    let (code, _, stderr) = decide_edited(
        INTL,
        |y| {
            y.replacen(
                "absent: { consequence: not-validated, retake: false }",
                "absent: { consequence: not-validated, retake: false, counted: true }",
                1,
            )
        },
        "route: apprenticeship\n",
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "error: `counted` says whether the retake offered after this status counts against `per_bloc`: it needs `retake: true`"
        ),
        "{stderr}"
    );
}

/// `wait_months` is the wait before an offered retake: without one, it is refused.
#[test]
fn a_wait_without_a_retake_offered_is_refused() {
    let (code, _, stderr) = decide_edited(
        INTL,
        |y| {
            y.replacen(
                "absent: { consequence: not-validated, retake: false }",
                "absent: { consequence: not-validated, retake: false, wait_months: 6 }",
                1,
            )
        },
        "route: apprenticeship\n",
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "error: `wait_months` is the wait before the retake offered after this status: it needs `retake: true`"
        ),
        "{stderr}"
    );
}
