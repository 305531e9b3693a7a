//! The decision audit's seventh round, sentence by sentence: combinations the earlier
//! scenarios left out (a bloc validated in one session and another in a later one, an
//! absence then a make-up then the jury, a VAE candidate's partial title), marks summing
//! exactly to a threshold, and what 000 and 001 leave unsaid, each said as refolio's default.

use super::*;

/// "il conserve le bénéfice des blocs pour lesquels il a obtenu la moyenne, soit 10/20
/// (blocs validés)": B4's three exams at 9,1/20, 9,1/20 and 11,2/20 (on 50, 50 and 75
/// points) make 22.75 + 22.75 + 42 = 87.5 of 175, exactly 10/20. Summed in binary floating
/// point they made 87.49999999999999 and the bloc was refused ("Note 87.5/175, sous la
/// moyenne (87.5)").
#[test]
fn intl_exam_marks_summing_exactly_to_10_of_20_validate_the_bloc() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 40, B2: 90, B3: 100, E4.1: 9.1/20, E4.2: 9.1/20, E4.3: 11.2/20 }",
            GOOD_PRO,
        ),
    );
    assert_eq!(bloc(&c, "B4"), "validated", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Note 87.5/175, au moins la moyenne (87.5) : bloc validé."),
        "{}",
        all_text(&c)
    );
    // B1 to B3 at exactly 8/20 are kept by nobody ("soit 10/20"), and 150 + 327.5 < 500.
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B4"]);
}

/// Source 000's competences and how many criteria each has.
const DC_COMPETENCES: [(&str, usize); 8] = [
    ("1.1", 8),
    ("1.2", 6),
    ("1.3", 7),
    ("2.1", 5),
    ("2.2", 7),
    ("2.3", 8),
    ("3.1", 7),
    ("3.2", 9),
];

/// `results`-style criteria of source 000 indented by `indent`: the first `n` criteria of
/// each competence in `true_counts` true and the rest false, every criterion of the others
/// true; competences whose ID starts with one of `only` (all when empty).
pub(super) fn dc_criteria(indent: &str, true_counts: &[(&str, usize)], only: &[&str]) -> String {
    let mut out = format!("{indent}criteria:\n");
    for (c, n) in DC_COMPETENCES {
        if !only.is_empty() && !only.iter().any(|p| c.starts_with(p)) {
            continue;
        }
        let t = true_counts
            .iter()
            .find(|(id, _)| *id == c)
            .map_or(n, |(_, t)| *t);
        for i in 1..=n {
            out.push_str(&format!("{indent}  Cr{c}.{i}: {}\n", i <= t));
        }
    }
    out
}

pub(super) const GRAND_ORAL: &str = "  final_interview: { result: validated, date: 2026-06-30 }\n";

/// "Une compétence est validée si plus de 50% de ses critères d'évaluation le sont.": C2.1
/// has 2 of its 5 criteria, so a `C2.1: true` recorded beside them cannot make it validated.
/// It did (bloc 2 validated, full title) and now is refused, located.
#[test]
fn dc_competence_recorded_against_its_criteria_is_refused() {
    let passport = |recorded: &str| {
        format!(
            "route: apprenticeship\nsession: 2026-06-18\nresults:\n{}  competences:\n    \
             C2.1: {recorded}\n{GRAND_ORAL}",
            dc_criteria("  ", &[("2.1", 2)], &[])
        )
    };
    let (code, _, stderr) = decide(DC, &passport("true"));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "passport.yaml:65:5: error: competence `C2.1` is recorded validated, but its \
             criteria give it not validated: 2 of 5 validated, and the referential validates \
             a competence when strictly more than 50 % of its criteria are"
        ),
        "{stderr}"
    );
    // Agreeing with its criteria, the record stands.
    let c = ok(DC, &passport("false"));
    assert_eq!(competence(&c, "C2.1"), "not-validated");
    assert_eq!(bloc(&c, "B2"), "not-validated", "{}", all_text(&c));
}

/// "Le candidat a la possibilité de repasser les blocs non validés, une seule fois par bloc":
/// B1 validated at the first session (60/100) and B2 failed (100/225); the retake gives B2
/// 115 and B1 again, 10. B1 stays validated on its first mark, which the total counts
/// (60 + 115 + 150 + 100 + 150 = 575), and the later mark is said not to count. The bloc's
/// reasoning also said "refolio retient la plus récente (règle par défaut)" of a mark that
/// counted for nothing: a default listed that was not applied.
#[test]
fn intl_a_validated_bloc_given_again_lower_keeps_its_first_mark_without_a_default() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n  - session: \
         2026-06-18\n    marks: { B1: 60, B2: 100, B3: 150, B4: 100, B5: validated }\n    \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n  - session: 2026-11-20\n    \
         kind: retake\n    marks: { B1: 10, B2: 115 }\n",
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let text = all_text(&c);
    assert!(
        text.contains("Total 575/1000, au moins 500 points."),
        "{text}"
    );
    assert!(
        text.contains(
            "Les résultats de la session du 2026-11-20 pour ce bloc ne comptent pas : il était \
             déjà validé."
        ),
        "{text}"
    );
    assert!(
        !defaults(&c).contains(&"default_keep_latest"),
        "{:?}",
        defaults(&c)
    );
}

/// "la non-présentation à au moins une évaluation de bloc induit la non-validation du bloc":
/// B2 written 150/225 beside its exam E2.2 `absent` was validated on the 150, the absence
/// unread, and the title full. A bloc's mark and its exams given together must agree.
#[test]
fn intl_a_bloc_mark_beside_an_absence_at_its_exam_is_refused() {
    refused(
        INTL,
        &intl(
            "{ B1: 60, B2: 150, E2.2: absent, B3: 150, B4: 100 }",
            GOOD_PRO,
        ),
        "passport.yaml:7:20: error: bloc B2 is given whole beside results of E2.2 that its \
         own would leave unread",
    );
    refused(
        INTL,
        &intl(
            "{ B1: 60, B2: 150, E2.1: 30, E2.2: 10, E2.3: 5, B3: 150, B4: 100 }",
            GOOD_PRO,
        ),
        "bloc B2 is given 150, but its exams sum to 45",
    );
    refused(
        INTL,
        &intl(
            "{ B1: 60, B2: absent, E2.1: 140, B3: 150, B4: 100 }",
            GOOD_PRO,
        ),
        "bloc B2 is given whole beside results of E2.1 that its own would leave unread",
    );
    // Agreeing, both stand: B5's certificate recorded on the bloc and on its exam.
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 150, B3: 150, B4: 100, B5: validated, E5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(bloc(&c, "B5"), "validated");
    // Given by its exams alone, the absence decides.
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, E2.1: 120, E2.2: absent, E2.3: 20, B3: 150, B4: 100 }",
            GOOD_PRO,
        ),
    );
    assert_eq!(bloc(&c, "B2"), "not-validated", "{}", all_text(&c));
}

/// "repasser les blocs non validés": B2 failed at 100/225, given whole; the retake gives
/// only its exam E2.2. The whole mark went on deciding the bloc and the retake's exam was
/// unread; the record cannot say what B2 became.
#[test]
fn intl_a_retake_by_exam_after_a_whole_bloc_mark_is_refused() {
    refused(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n  - session: \
         2026-06-18\n    marks: { B1: 60, B2: 100, B3: 150, B4: 100 }\n    professional_parts: \
         { ecrit: 45, oral: 75, tuteur: 30 }\n  - session: 2026-11-20\n    kind: retake\n    \
         marks: { E2.2: 50 }\n",
        "the session of 2026-11-20 gives some exams of bloc B2, whose earlier result was its \
         whole mark",
    );
}

/// "Motifs recevables de non-présentation […] Certificat médical […] Dans ces seuls cas une
/// épreuve de rattrapage sera proposée": absent with a medical certificate at the whole of
/// B2 (`B2: absent-excused`), then the make-up by its three exams (140/225). The whole
/// status went on deciding the bloc, the make-up unread; a session giving a bloc in one form
/// now replaces the other.
#[test]
fn intl_whole_bloc_excused_absence_then_make_up_by_exams() {
    let c = ok(
        INTL,
        "route: apprenticeship
company_time: { hours: 1000 }
attempts:
  - session:          2026-06-18
    marks: { B1: 60, B2: { result: absent-excused, reason: Certificat          médical }, B3: 150, B4: 100, B5: validated }
    professional_parts: { ecrit: 45,          oral: 75, tuteur: 30 }
  - session: 2026-11-20
    kind: retake
    marks: {          E2.1: 100, E2.2: 25, E2.3: 15 }
",
    );
    assert_eq!(bloc(&c, "B2"), "validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "full");
    assert!(
        all_text(&c).contains("Note 140/225, au moins la moyenne (112.5) : bloc validé."),
        "{}",
        all_text(&c)
    );
}

/// "Condition de validation du Bloc 2 : Validation des 3 compétences." C2.3 at 4 of 8 (not
/// "plus de 50%") fails bloc 2 at the first session; a later session gives bloc 2's criteria
/// again, C2.3 at 5 of 8. Source 000 states no rule of retakes: refolio counts the later
/// session and says that is its default; blocs 1 and 3 keep the first session's date.
#[test]
fn dc_bloc2_failed_then_validated_at_a_later_session() {
    let first = dc_criteria("    ", &[("2.3", 4)], &[]);
    let later = dc_criteria("    ", &[("2.3", 5)], &["2"]);
    let c = ok(
        DC,
        &format!(
            "route: apprenticeship\nattempts:\n  - session: 2026-06-18\n{first}  {GRAND_ORAL}  \
             - session: 2026-12-10\n    kind: retake\n{later}"
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let text = all_text(&c);
    assert!(
        text.contains("Bloc validé à la session du 2026-12-10."),
        "{text}"
    );
    assert!(
        text.contains("Bloc validé à la session du 2026-06-18."),
        "{text}"
    );
    let d = defaults(&c);
    assert!(d.contains(&"default_retakes"), "{d:?}");
    assert!(d.contains(&"default_all_blocs"), "{d:?}");
}

/// "… au jury de Grand oral pour analyser individuellement les dossiers et préparer son
/// questionnement au moment de l'échange pendant le Grand oral": the text gives no
/// consequence to an absence at the Grand oral, nor says whether blocs are kept. No title;
/// both defaults said.
#[test]
fn dc_absent_at_the_grand_oral_rests_on_stated_defaults() {
    let c = ok(
        DC,
        &format!(
            "route: apprenticeship\nsession: 2026-06-18\nresults:\n{}  final_interview: \
             {{ result: absent, date: 2026-06-30 }}\n",
            dc_criteria("  ", &[], &[])
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3"]);
    let d = defaults(&c);
    assert!(d.contains(&"default_status"), "{d:?}");
    assert!(d.contains(&"default_partial"), "{d:?}");
}

/// Source 001 gives no consequence to an absence at an exam: bloc 1 not validated, said
/// as refolio's default.
#[test]
fn bd_absence_at_an_exam_is_a_stated_default() {
    let c = ok(
        BD,
        "route: continuing\nsession: 2026-06-18\nresults:\n  marks:\n    E1.1: absent\n",
    );
    assert_eq!(bloc(&c, "B1"), "not-validated", "{}", all_text(&c));
    assert!(
        all_text(&c).contains(
            "E1.1 : Absent (non excusé). Le certificateur n'en énonce pas la conséquence ; \
             règle par défaut de refolio : bloc non validé, ce que le total ne compense pas."
        ),
        "{}",
        all_text(&c)
    );
    assert!(defaults(&c).contains(&"default_status"));
}

/// "Motifs recevables de non-présentation aux évaluations de bloc et professionnelle -
/// Certificat médical […] Dans ces seuls cas une épreuve de rattrapage sera proposée" then
/// "Le jury est souverain dans ses décisions.": absent with a medical certificate at E2.2,
/// the make-up passes (140/225), every other bloc from the first session; the full title is
/// proposed and the jury's "full" needs no motive.
#[test]
fn intl_excused_absence_then_make_up_then_the_jury() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n  - session: \
         2026-06-18\n    marks: { B1: 60, E2.1: 100, E2.2: { result: absent-excused, reason: \
         Certificat médical }, E2.3: 15, B3: 150, B4: 100, B5: validated }\n    \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n  - session: 2026-11-20\n    \
         kind: retake\n    marks: { E2.2: 25 }\njury: { decision: full, date: 2026-11-30 }\n",
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let text = all_text(&c);
    assert!(
        text.contains("Note 140/225, au moins la moyenne (112.5) : bloc validé."),
        "{text}"
    );
    assert!(
        text.contains("Bloc validé à la session du 2026-11-20."),
        "{text}"
    );
    assert!(defaults(&c).is_empty(), "{:?}", defaults(&c));
}

/// "Le portefeuille de preuves […] complété et signé par le candidat est transmis au jury":
/// a VAE candidate presenting B1 and B2 by portfolio, B1 validated, B2 not: a partial title
/// on B1 ("Par blocs séparés"), no period in company asked of the VAE.
#[test]
fn intl_vae_partial_validation() {
    let c = ok(
        INTL,
        "route: vae\nblocs: [B1, B2]\nsession: 2026-06-18\nresults:\n  substitutes: { B1: \
         validated, B2: not-validated }\n",
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1"]);
    assert_eq!(bloc(&c, "B2"), "not-validated");
}

/// "sous réserve de ne pas avoir obtenu une note inférieure à 8/20 sur l'un des 4 blocs
/// (note éliminatoire)" then "repasser les blocs non validés, une seule fois par bloc": B1
/// at 30/100 (under 8/20) at the first session, retaken at exactly 10/20. The retake's mark
/// replaces the eliminatory one: full title, B1 dated at the retake.
#[test]
fn intl_eliminatory_bloc_retaken_at_exactly_10_of_20() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n  - session: \
         2026-06-18\n    marks: { B1: 30, B2: 150, B3: 150, B4: 100, B5: validated }\n    \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n  - session: 2026-11-20\n    \
         kind: retake\n    marks: { B1: 10/20 }\n",
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Note 50/100, au moins la moyenne (50) : bloc validé."),
        "{}",
        all_text(&c)
    );
}

/// "Fraude aux examens de validation de blocs […] Tout candidat dont la fraude est avérée
/// voit sa session d'évaluation invalidée, il ne valide aucun bloc.": the section speaks of
/// bloc exams ("procès-verbal d'épreuve de bloc"). A fraud at the defence of the dossier
/// professionnel voided every bloc of the session (not awarded) on a rule the transcription
/// wrote without a sentence; the text is silent there, so refolio's default applies, said:
/// the title is not awarded, the blocs validated are kept.
#[test]
fn intl_fraud_at_the_defence_is_a_stated_default_not_a_voided_session() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 150, B3: 150, B4: 100, B5: validated }",
            "{ ecrit: 45, oral: fraud, tuteur: 30 }",
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B4", "B5"]);
    assert!(
        all_text(&c).contains(
            "oral : Fraude. Le certificateur n'en énonce pas la conséquence ; règle par défaut \
             de refolio : titre non délivré, blocs validés conservés."
        ),
        "{}",
        all_text(&c)
    );
    assert!(defaults(&c).contains(&"default_status"));
}

/// "Obtention de la certification à 500 points sur 1000 points": E2.1 at 13,33/20 of 150
/// points is 99.975, and the total 499.995. Short of 500, no full title; the reasoning
/// showed it rounded, "Total 500/1000, sous les 500 points requis", which a jury cannot
/// read: a mark short of its threshold is shown with the decimals that show it short.
#[test]
fn intl_total_a_hair_under_500_is_shown_short() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 40, E2.1: 13.33/20, E2.2: 25, E2.3: 15, B3: 100, B4: 70.02, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Total 499.995/1000, sous les 500 points requis."),
        "{}",
        all_text(&c)
    );
}

/// "Les candidats Executive peuvent […] substituer les épreuves de blocs par un portefeuille
/// de preuves": the portfolio replaces the exams. B1's portfolio `not-validated` beside a
/// mark of 80/100 for B1 in the same session decided the bloc on the portfolio, the mark
/// unread; the record says two things of one bloc.
#[test]
fn intl_portfolio_beside_the_bloc_exams_is_refused() {
    refused(
        INTL,
        "route: executive\ncompany_time: { hours: 1000 }\nsession: 2026-06-18\nresults:\n  \
         substitutes: { B1: not-validated }\n  marks: { B1: 80, B2: 150, B3: 150, B4: 100 }\n",
        "passport.yaml:7:18: error: bloc B1 is given a substitute for its exams and results of \
         them (B1) in the same session",
    );
}

/// "le candidat repasse uniquement les évaluations de blocs et conserve le bénéfice de sa
/// note de tuteur pour l'évaluation professionnelle": the professional evaluation failed
/// by its parts (100/250), then given whole at the retake (160), counted, tutor's part and
/// all: a full title. The other way, parts after a whole mark went unread. Either way the
/// sessions cannot be read together.
#[test]
fn intl_professional_given_whole_then_by_parts_is_refused() {
    let sessions = |first: &str, retake: &str| {
        format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  - session: \
             2026-06-18\n    marks: {{ B1: 60, B2: 150, B3: 150, B4: 100, B5: validated }}\n    \
             {first}\n  - session: 2026-12-18\n    kind: retake\n    {retake}\n"
        )
    };
    refused(
        INTL,
        &sessions(
            "professional_parts: { ecrit: 20, oral: 50, tuteur: 30 }",
            "professional_evaluation: 160",
        ),
        "passport.yaml:9:5: error: the session of 2026-12-18 gives the professional \
         evaluation whole, whose earlier result (the session of 2026-06-18) was given by parts",
    );
    refused(
        INTL,
        &sessions(
            "professional_evaluation: 100",
            "professional_parts: { ecrit: 60, oral: 100 }",
        ),
        "the session of 2026-12-18 gives parts of the professional evaluation, whose earlier \
         result (the session of 2026-06-18) was given whole",
    );
}

/// "Tout candidat dont la fraude est avérée voit sa session d'évaluation invalidée […] il
/// devra […] repasser l'ensemble des évaluations de blocs à la prochaine session": the
/// voided session's whole marks count for nothing, so the next session may give B2 by its
/// exams; only a session that counts makes a whole mark the bloc's earlier result.
#[test]
fn intl_after_a_voided_session_the_blocs_may_be_given_by_exams() {
    let c = ok(
        INTL,
        "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n  - session: \
         2026-06-18\n    marks: { B1: 60, B2: 150, B3: 150, B4: fraud }\n    \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n  - session: 2027-01-18\n    \
         kind: retake\n    marks: { B1: 60, E2.1: 100, E2.2: 30, E2.3: 15, B3: 150, B4: 100 }\n",
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Note 145/225, au moins la moyenne (112.5) : bloc validé."),
        "{}",
        all_text(&c)
    );
}

/// "Condition de validation du Bloc 2 : Validation des 3 compétences.": bloc 2 is decided by
/// its competences, not by its exam. `E2: not-validated` beside every criterion met was
/// accepted and read by nobody (bloc 2 validated, the title full, not a word); it is still
/// the competences that decide, and the unread verdict is now said, located.
#[test]
fn dc_an_exam_verdict_in_a_bloc_of_competences_is_said_unread() {
    let (code, c, stderr) = decide(
        DC,
        &format!(
            "route: apprenticeship\nsession: 2026-06-18\nresults:\n{}  marks:\n    E2: \
             not-validated\n{GRAND_ORAL}",
            dc_criteria("  ", &[], &[])
        ),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(bloc(&c, "B2"), "validated");
    assert!(
        stderr.contains(
            "passport.yaml:65:9: warning: x: exam E2 is recorded not-validated, but bloc B2 is \
             decided by its competences: the exam's verdict decides nothing"
        ),
        "{stderr}"
    );
}

/// "Les candidats Executive peuvent […] substituer les épreuves de blocs par un portefeuille
/// de preuves" (may, not must) and "repasser les blocs non validés, une seule fois par
/// bloc": B1's portfolio not validated, then the retake by its exam E1 (70/100). The
/// portfolio went on deciding B1 and the retake was unread, the title left undecided;
/// the later form replaces the earlier.
#[test]
fn intl_portfolio_failed_then_retaken_by_exam() {
    let c = ok(
        INTL,
        "route: executive\ncompany_time: { hours: 1000 }\nattempts:\n  - session: 2026-06-18\n    \
         substitutes: { B1: not-validated }\n    marks: { B2: 150, B3: 150, B4: 100, B5: \
         validated }\n    professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n  - session: \
         2026-11-20\n    kind: retake\n    marks: { E1: 70 }\n",
    );
    assert_eq!(bloc(&c, "B1"), "validated", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Bloc validé à la session du 2026-11-20."),
        "{}",
        all_text(&c)
    );
    assert_eq!(kind(&c), "full");
}
