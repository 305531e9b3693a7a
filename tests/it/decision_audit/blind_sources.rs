//! The sixth, blind pass: scenarios on sources 000 (`developpement-commercial`) and 001
//! (`business-developer`), whose rules are few, and a fraud then a retake on 004, written
//! from the sources' sentences and docs/content-format.md alone. Where a text is silent,
//! the decision must name refolio's default, never pass it off as the certifier's rule.

use super::*;

/// 000's criteria per competence, as numbered (`Cr1.1.1`…): (competence, count).
const DC_CRITERIA: [(&str, usize); 8] = [
    ("1.1", 8),
    ("1.2", 6),
    ("1.3", 7),
    ("2.1", 5),
    ("2.2", 7),
    ("2.3", 8),
    ("3.1", 7),
    ("3.2", 9),
];

/// The `criteria:` lines of 000's blocs `blocs` (`'1'`…), each true but those in `failed`.
fn dc_criteria(blocs: &str, failed: &[&str], indent: &str) -> String {
    let mut out = format!("{indent}criteria:\n");
    for (c, n) in DC_CRITERIA.iter().filter(|(c, _)| blocs.contains(&c[..1])) {
        for i in 1..=*n {
            let id = format!("Cr{c}.{i}");
            let v = !failed.contains(&id.as_str());
            out.push_str(&format!("{indent}  {id}: {v}\n"));
        }
    }
    out
}

/// A first session of 000, every bloc presented: criteria (all but `failed`) and the Grand
/// oral's result line (`""` for none).
fn dc(failed: &[&str], interview: &str) -> String {
    format!(
        "route: initial\nsession: 2026-06-30\nresults:\n{}{interview}",
        dc_criteria("123", failed, "  ")
    )
}

const ORAL_OK: &str = "  final_interview: validated\n";

/// 001's `results:` for the blocs in `blocs` (`"12345"`), each criterion true but `failed`,
/// those in `skip` left out (exempted ones).
fn bd_results(blocs: &str, failed: &[&str], skip: &[&str]) -> String {
    let mut out = String::from("results:\n  criteria:\n");
    for (c, n) in BD_CRITERIA.iter().filter(|(c, _)| blocs.contains(&c[1..2])) {
        for i in 1..=*n {
            let id = format!("{c}.cr{i}");
            if skip.contains(&id.as_str()) {
                continue;
            }
            let v = !failed.contains(&id.as_str());
            out.push_str(&format!("    {id}: {v}\n"));
        }
    }
    out
}

/// The 1-based line of the passport (as `decide` writes it, two lines above) holding `needle`.
fn line_of(passport: &str, needle: &str) -> usize {
    passport.lines().position(|l| l.contains(needle)).unwrap() + 3
}

// 000: "Condition de validation du Bloc 2 : Validation des 3 compétences. Une compétence est
// validée si plus de 50% de ses critères d'évaluation le sont." 4 of C2.3's 8 criteria is
// 50 %, not more: C2.3 fails, and with it B2; 3 of C2.1's 5 (60 %) is enough. The text
// says nothing of blocs kept: that B1 and B3 are is refolio's default, said.
#[test]
fn dc_half_of_the_criteria_is_not_more_than_half() {
    let failed = [
        "Cr2.1.4", "Cr2.1.5", "Cr2.3.1", "Cr2.3.2", "Cr2.3.3", "Cr2.3.4",
    ];
    let c = ok(DC, &dc(&failed, ORAL_OK));
    assert_eq!(competence(&c, "C2.1"), "validated");
    assert_eq!(competence(&c, "C2.3"), "not-validated");
    assert_eq!(bloc(&c, "B2"), "not-validated");
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B1", "B3"]);
    assert!(
        defaults(&c).contains(&"default_partial"),
        "{:?}",
        defaults(&c)
    );
    assert!(all_text(&c).contains("il en faut strictement plus de 50 %"));
}

// 000 states the threshold in Bloc 2's cell only; B1 states none. 4 of C1.2's 6 criteria
// (67 %): validated by B2's threshold, which refolio extends to B1 as its default, said in
// B1's reasoning; the full title (every bloc and the Grand oral) is refolio's default too.
#[test]
fn dc_bloc_1_judged_on_bloc_2s_threshold_by_default() {
    let c = ok(DC, &dc(&["Cr1.2.5", "Cr1.2.6"], ORAL_OK));
    assert_eq!(competence(&c, "C1.2"), "validated");
    assert_eq!(kind(&c), "full");
    let b1 = &c["bloc_outcomes"][0]["reasons"];
    assert!(
        b1.to_string().contains("default_threshold_extended"),
        "{b1}"
    );
    for d in ["default_threshold_extended", "default_all_blocs"] {
        assert!(defaults(&c).contains(&d), "{d} in {:?}", defaults(&c));
    }
}

// 000: "les indices nécessaires au jury de Grand oral pour analyser individuellement les
// dossiers et préparer son questionnement au moment de l'échange pendant le Grand oral".
// A Grand oral not passed keeps the title (refolio's reading: a required final interview);
// the three validated blocs are kept by refolio's default.
#[test]
fn dc_grand_oral_failed_keeps_the_blocs() {
    let c = ok(DC, &dc(&[], "  final_interview: not-validated\n"));
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B1", "B2", "B3"]);
    assert!(defaults(&c).contains(&"default_partial"));
    assert!(all_text(&c).contains("Grand oral"));
}

// The Grand oral not yet held: nothing is guessed, the title waits for it.
#[test]
fn dc_grand_oral_missing_leaves_the_title_undecided() {
    let c = ok(DC, &dc(&[], ""));
    assert_eq!(kind(&c), "undecided");
    assert!(all_text(&c).contains("Grand oral : pas encore de résultat"));
}

// 000 gives the Grand oral no mark nor scale: a mark is refused where it is written.
#[test]
fn dc_grand_oral_mark_without_a_scale_is_a_located_error() {
    let p = dc(&[], "  final_interview: 14/20\n");
    let line = line_of(&p, "final_interview");
    let errors = refused(DC, &p, "error:");
    let at = format!("content/candidates/x/passport.yaml:{line}:20: error:");
    assert!(errors.contains(&at), "{at} in:\n{errors}");
}

// 000 says nothing of absences: an absence at E2 fails B2 by refolio's default, said as such
// (`default_status`); B1 and B3 are kept.
#[test]
fn dc_absence_has_refolios_default_consequence() {
    let p = format!(
        "route: initial\nsession: 2026-06-30\nresults:\n{}  marks: {{ E2: absent }}\n{ORAL_OK}",
        dc_criteria("13", &[], "  ")
    );
    let c = ok(DC, &p);
    assert_eq!(bloc(&c, "B2"), "not-validated");
    assert!(all_text(&c).contains("default_status"), "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B3"]);
}

// 000 says nothing of retakes: a later session validating B2 counts, the latest prevailing,
// as refolio's default (`default_retakes`), and the title follows: partial, then full.
#[test]
fn dc_a_retake_after_an_absence_counts_by_default() {
    let p = format!(
        "route: initial\nattempts:\n  - session: 2026-06-30\n{}    marks: {{ E2: absent }}\n    \
         final_interview: validated\n  - session: 2026-12-10\n    kind: retake\n{}",
        dc_criteria("13", &[], "    "),
        dc_criteria("2", &[], "    ")
    );
    let c = ok(DC, &p);
    assert_eq!(bloc(&c, "B2"), "validated");
    assert_eq!(kind(&c), "full");
    assert!(
        defaults(&c).contains(&"default_retakes"),
        "{:?}",
        defaults(&c)
    );
}

// The VAE route: 000 sets nothing for it (no time in company, no other exam); the same
// criteria and Grand oral decide, and the jury's `full` equal to the proposal needs no motive.
// 000 never names the VAE, so that its rules apply to a VAE candidate as to any is refolio's
// reading, said as its default (decision13's leftover: nothing said the text is silent);
// an apprentice's dossier does not say it (004, which names the VAE, is `names_route`'s test).
#[test]
fn dc_vae_route_is_decided_as_the_others() {
    let p = dc(&[], ORAL_OK).replace("route: initial", "route: vae")
        + "jury:\n  decision: full\n  date: 2026-06-30\n";
    let c = ok(DC, &p);
    assert_eq!(kind(&c), "full");
    assert!(!all_text(&c).contains("entreprise"), "{}", all_text(&c));
    assert!(
        defaults(&c).contains(&"default_route_vae"),
        "{:?}",
        defaults(&c)
    );
    let c = ok(DC, &dc(&[], ORAL_OK));
    assert!(
        !defaults(&c).contains(&"default_route_vae"),
        "{:?}",
        defaults(&c)
    );
}

// 000 has no exemption sentence (001's is its own): an exemption is refused, located.
#[test]
fn dc_exemption_is_refused_where_written() {
    let p = dc(&[], ORAL_OK)
        + "exemptions:\n  - criterion: Cr2.2.3\n    reason: Avis du référent handicap\n";
    let line = line_of(&p, "criterion: Cr2.2.3");
    let errors = refused(DC, &p, "does not provide for exemptions");
    assert!(
        errors.contains(&format!("passport.yaml:{line}:")),
        "line {line} in:\n{errors}"
    );
}

// The jury departs from the proposal (partial B1, B3) and awards the title: its decision is
// recorded with its motive; without one it is an error.
#[test]
fn dc_jury_departing_needs_its_motive() {
    let base = dc(&["Cr2.3.1", "Cr2.3.2", "Cr2.3.3", "Cr2.3.4"], ORAL_OK);
    let with = format!(
        "{base}jury:\n  decision: full\n  motive: Compétence C2.3 démontrée au Grand oral\n"
    );
    let c = ok(DC, &with);
    assert_eq!(kind(&c), "partial");
    assert_eq!(c["jury"]["decision"], "full", "{}", c["jury"]);
    refused(DC, &format!("{base}jury:\n  decision: full\n"), "motive");
}

// 001 states no rule of validation: every criterion, every competence, every bloc, each
// refolio's default, said; there is no Grand oral.
#[test]
fn bd_everything_validated_gives_the_title_by_defaults() {
    let c = ok(
        BD,
        &format!(
            "route: initial\nsession: 2026-06-30\n{}",
            bd_results("12345", &[], &[])
        ),
    );
    assert_eq!(kind(&c), "full");
    for d in [
        "default_competence_all",
        "default_bloc_competences",
        "default_all_blocs",
    ] {
        assert!(defaults(&c).contains(&d), "{d} in {:?}", defaults(&c));
    }
}

// One of C2.1's 7 criteria failed: by refolio's default (all criteria) C2.1 fails, and B2;
// "capitalisation de bloc" keeps the other four (stated, not a default).
#[test]
fn bd_one_criterion_failed_keeps_the_other_blocs() {
    let c = ok(
        BD,
        &format!(
            "route: initial\nsession: 2026-06-30\n{}",
            bd_results("12345", &["C2.1.cr3"], &[])
        ),
    );
    assert_eq!(competence(&c, "C2.1"), "not-validated");
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B1", "B3", "B4", "B5"]);
    assert!(!defaults(&c).contains(&"default_partial"));
}

// 001: "Sur avis motivé du référent handicap le jury de certification peut décider
// d'exempter le candidat de certains critères d'évaluation": C1.2's second criterion out of
// the count, its first validated: C1.2 validated, the exemption said.
#[test]
fn bd_exempted_criterion_is_left_out_of_the_count() {
    let p = format!(
        "route: initial\nsession: 2026-06-30\n{}exemptions:\n  - criterion: C1.2.cr2\n    \
         reason: Avis motivé du référent handicap du 2 mars 2026\n    date: 2026-03-10\n",
        bd_results("12345", &[], &["C1.2.cr2"])
    );
    let c = ok(BD, &p);
    assert_eq!(competence(&c, "C1.2"), "validated");
    assert!(all_text(&c).contains("reason_exempted"));
    assert_eq!(kind(&c), "full");
}

// Both of C4.3's criteria exempted: "dans la mesure où cela ne remet pas en question la
// capacité professionnelle globale du candidat" is the jury's judgement: C4.3 is left to it,
// and the jury's `full` settles it with no motive needed.
#[test]
fn bd_every_criterion_exempted_is_the_jurys() {
    let base = format!(
        "route: initial\nsession: 2026-06-30\n{}exemptions:\n  - criterion: C4.3.cr1\n    \
         reason: Avis motivé du référent handicap\n  - criterion: C4.3.cr2\n    \
         reason: Avis motivé du référent handicap\n",
        bd_results("12345", &[], &["C4.3.cr1", "C4.3.cr2"])
    );
    let c = ok(BD, &base);
    assert_eq!(competence(&c, "C4.3"), "undecided");
    assert!(all_text(&c).contains("reason_all_exempted_jury"));
    assert_eq!(kind(&c), "undecided");
    let c = ok(BD, &format!("{base}jury:\n  decision: full\n"));
    assert_eq!(c["jury"]["decision"], "full");
}

// The exemption needs the référent's "avis motivé": without a reason, a located error.
#[test]
fn bd_exemption_without_its_reason_is_refused() {
    let p = format!(
        "route: initial\nsession: 2026-06-30\n{}exemptions:\n  - criterion: C1.2.cr2\n",
        bd_results("12345", &[], &["C1.2.cr2"])
    );
    let line = line_of(&p, "criterion: C1.2.cr2");
    let errors = refused(BD, &p, "reason");
    assert!(
        errors.contains(&format!("passport.yaml:{line}:")),
        "line {line} in:\n{errors}"
    );
}

// 001: "Lorsqu'un candidat se présente uniquement sur un bloc de compétences (capitalisation
// de bloc) […] le candidat doit présenter un « dossier professionnel » […] Les critères
// restent les mêmes." One bloc presented, its criteria validated: that bloc, partially,
// the modality said replaced by the dossier professionnel.
#[test]
fn bd_single_bloc_with_the_dossier_professionnel() {
    let c = ok(
        BD,
        &format!(
            "blocs: [B3]\nroute: continuing\nsession: 2026-06-30\n{}",
            bd_results("3", &[], &[])
        ),
    );
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B3"]);
    assert!(
        all_text(&c).contains("Dossier professionnel"),
        "{}",
        all_text(&c)
    );
}

// The dossier professionnel is for one bloc only: a candidate presenting two blocs who
// records it is refused, the error saying why (it said only "no substitution of the exams
// of B3 applies to this candidate (continuing)", the route, not the number of blocs).
#[test]
fn bd_dossier_professionnel_for_two_blocs_is_refused() {
    let p = format!(
        "blocs: [B3, B4]\nroute: continuing\nsession: 2026-06-30\n{}  substitutes:\n    B3: validated\n",
        bd_results("34", &[], &[])
    );
    let line = line_of(&p, "B3: validated");
    let errors = refused(
        BD,
        &p,
        "the « Dossier professionnel » replaces the exams of B3 only for a candidate presenting a single bloc; this candidate presents 2",
    );
    assert!(
        errors.contains(&format!("passport.yaml:{line}:5: error:")),
        "{errors}"
    );
}

/// Every bloc exam of 004 at a passing mark (450 of the 750 bloc points).
const INTL_PASS: &str = "E1: 60, E2.1: 90, E2.2: 30, E2.3: 15, E3.1: 60, E3.2: 90, E4.1: 30, \
                         E4.2: 30, E4.3: 45";

/// An apprentice of 004 with these sessions (`attempts:` entries, already indented).
fn intl_attempts(attempts: &str) -> String {
    format!("route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n{attempts}")
}

// 004: "Tout candidat dont la fraude est avérée voit sa session d'évaluation invalidée, il ne
// valide aucun bloc. Pour obtenir la validation totale ou partielle du titre il devra, après
// un délai de carence de 6 mois, repasser l'ensemble des évaluations de blocs à la prochaine
// session." A fraud at E1: no bloc of that session, whatever their marks; the professional
// evaluation is no bloc evaluation and stands. The next session, every bloc exam again,
// counts: the title. (Written first without B5's CCE, the first session gave `undecided`:
// right, B5 could still be validated and kept; the scenario records it.)
#[test]
fn intl_fraud_voids_the_session_and_the_next_one_counts() {
    let first = format!(
        "  - session: 2026-06-18\n    marks: {{ {}, B5: validated }}\n    professional_parts: {GOOD_PRO}\n",
        INTL_PASS.replace("E1: 60", "E1: fraud")
    );
    let c = ok(INTL, &intl_attempts(&first));
    assert_eq!(bloc(&c, "B2"), "not-validated");
    assert_eq!(bloc(&c, "B5"), "not-validated");
    assert_eq!(kind(&c), "not-awarded");
    assert!(all_text(&c).contains("reason_session_void"));
    let second =
        format!("  - session: 2027-01-20\n    kind: retake\n    marks: {{ {INTL_PASS} }}\n");
    let c = ok(INTL, &intl_attempts(&format!("{first}{second}")));
    for b in ["B1", "B2", "B3", "B4"] {
        assert_eq!(bloc(&c, b), "validated", "{b}");
    }
    assert_eq!(kind(&c), "full");
}

// The next session gives B1's exam only, not "l'ensemble des évaluations de blocs": the
// voided blocs are not restored from the fraud session's passing marks; B1 alone is kept.
#[test]
fn intl_after_a_fraud_the_blocs_not_given_again_stay_unvalidated() {
    let p = intl_attempts(&format!(
        "  - session: 2026-06-18\n    marks: {{ {} }}\n    professional_parts: {GOOD_PRO}\n  \
         - session: 2027-01-20\n    kind: retake\n    marks: {{ E1: 60 }}\n",
        INTL_PASS.replace("E1: 60", "E1: fraud")
    ));
    let (code, c, stderr) = decide(INTL, &p);
    assert_eq!(code, 0, "{stderr}");
    // Found here: nothing said that the text retakes them together; now a warning at the
    // session does, the decision unchanged.
    let line = line_of(&p, "session: 2027-01-20");
    let warning = format!(
        "passport.yaml:{line}:5: warning: the session of 2027-01-20 follows the session of \
         2026-06-18 voided by `fraud` and does not give again B2, B3, B4, which it held"
    );
    assert!(stderr.contains(&warning), "{warning} in:\n{stderr}");
    assert_eq!(bloc(&c, "B1"), "validated");
    assert_eq!(bloc(&c, "B2"), "not-validated");
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B1"]);
}

// A fraud at B2's retake ("une seule fois par bloc"): the session offered after it is
// not that one retake (`counted: false`), so a third session of B2 counts; B1, validated at
// the first session, outside the voided one, is kept.
#[test]
fn intl_fraud_at_a_retake_offers_one_more_session() {
    let p = intl_attempts(&format!(
        "  - session: 2026-06-18\n    marks: {{ {} }}\n    professional_parts: {GOOD_PRO}\n  \
         - session: 2026-12-10\n    kind: retake\n    marks: {{ E2.1: fraud, E2.2: 30, E2.3: 15 }}\n  \
         - session: 2027-06-20\n    kind: retake\n    marks: {{ E2.1: 90, E2.2: 30, E2.3: 15 }}\n",
        INTL_PASS.replace("E2.1: 90", "E2.1: 20")
    ));
    let c = ok(INTL, &p);
    assert_eq!(bloc(&c, "B1"), "validated");
    assert_eq!(bloc(&c, "B2"), "validated");
    assert_eq!(kind(&c), "full");
}

// The natural writing of the dossier professionnel, `substitutes: { B3: validated }`, for
// a single-bloc candidate: "Les critères restent les mêmes", so it has no result of its
// own; a located error says to record the criteria.
#[test]
fn bd_dossier_professionnel_has_no_result_of_its_own() {
    let p = "blocs: [B3]\nroute: continuing\nsession: 2026-06-30\nresults:\n  substitutes:\n    \
             B3: validated\n";
    let errors = refused(
        BD,
        p,
        "the « Dossier professionnel » replaces the exams of B3 for this candidate, but the criteria still decide the bloc",
    );
    let line = line_of(p, "B3: validated");
    assert!(
        errors.contains(&format!("passport.yaml:{line}:5: error:")),
        "{errors}"
    );
}

// 004: "Pour obtenir la validation totale ou partielle du titre il devra, après un délai de
// carence de 6 mois, repasser l'ensemble des évaluations de blocs à la prochaine session."
// A session four months after the fraud is inside the délai: it cannot count, and nothing
// said so (decision13's leftover: it gave the title). A located error at that session; one
// six months to the day later is after the délai, and accepted.
#[test]
fn intl_a_session_inside_the_fraud_wait_is_refused() {
    let fraud = INTL_PASS.replace("E1: 60", "E1: fraud");
    let passport = |date: &str| {
        intl_attempts(&format!(
            "  - session: 2026-06-18\n    marks: {{ {fraud}, B5: validated }}\n    \
             professional_parts: {GOOD_PRO}\n  \
             - session: {date}\n    kind: retake\n    marks: {{ {INTL_PASS} }}\n"
        ))
    };
    let p = passport("2026-10-15");
    let errors = refused(
        INTL,
        &p,
        "the session of 2026-10-15 is held before the end of the 6-month wait after the session of 2026-06-18 voided by `fraud`: not before 2026-12-18",
    );
    let line = line_of(&p, "session: 2026-10-15");
    assert!(
        errors.contains(&format!("passport.yaml:{line}:5: error:")),
        "{errors}"
    );
    let c = ok(INTL, &passport("2026-12-18"));
    assert_eq!(kind(&c), "full");
}
