//! Third pass, silent defaults: branches of the decision that no sentence of the sources
//! states, each shown to be said in the dossier as refolio's default (a `default_*` key),
//! and the leftovers of the earlier audits (an exemption's date, the jury's conditions).

use super::sources::dc;
use super::*;

/// Source 000 states how bloc 2 is validated (« Condition de validation du Bloc 2 :
/// Validation des 3 compétences. ») and nothing of the title: that the full title needs
/// every bloc is refolio's default. It was said only when every bloc was validated; with
/// bloc 1 failed (C1.2 at 3 of 6) the title fell to partial on that same default, unsaid.
#[test]
fn dc_title_not_full_for_a_failed_bloc_says_the_rule_is_a_default() {
    let c = ok(
        DC,
        &dc(
            &[("1.2", 3)],
            "  final_interview: { result: validated, date: 2026-06-30 }\n",
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B2", "B3"]);
    assert!(
        defaults(&c).contains(&"default_all_blocs"),
        "{:?}",
        defaults(&c)
    );
    let title = c["reasons"].to_string();
    assert!(
        title.contains(
            "Règle par défaut de refolio, non énoncée par le certificateur : la certification \
             totale demande que tous les blocs soient validés."
        ),
        "{title}"
    );
}

/// The same default decides the title of a candidate who presents bloc 2 alone (« les
/// indices nécessaires au jury de Grand oral » is all 000 says of the title).
#[test]
fn dc_title_not_full_for_a_bloc_not_presented_says_the_rule_is_a_default() {
    let mut p = String::from(
        "route: apprenticeship\nblocs: [B2]\nsession: 2026-06-18\nresults:\n  criteria:\n",
    );
    for (c, n) in [("2.1", 5), ("2.2", 7), ("2.3", 8)] {
        for i in 1..=n {
            p.push_str(&format!("    Cr{c}.{i}: true\n"));
        }
    }
    let c = ok(DC, &p);
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert!(
        defaults(&c).contains(&"default_all_blocs"),
        "{:?}",
        defaults(&c)
    );
}

/// Source 004 states its title (« La certification totale est délivrée si le candidat
/// obtient 10 de moyenne générale […] », « pas […] inférieure à 8/20 sur l'un des 4 blocs »):
/// with B2 at 80/225 the title is partial, and no default of the blocs is said beside its grid.
#[test]
fn intl_grid_title_says_no_default_of_the_blocs() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 80, B3: 150, B4: 105, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert!(
        !defaults(&c).contains(&"default_all_blocs"),
        "{:?}",
        defaults(&c)
    );
}

/// A bloc validated by a certificate (004's B5: « Obtention d'un certificat de compétences en
/// entreprise (CCE) ») given two exams, one without a result: it was validated on the one
/// given, as if the other did not exist. It waits for it now; a certificate refused decides.
#[test]
fn a_certificate_bloc_waits_for_every_exam() {
    let two_exams = |y: String| {
        y.replacen(
            "    evaluates: [B5]\n  modules:",
            "    evaluates: [B5]\n  - id: E5b\n    title: Second certificat\n    kind: continuous\n    \
             evaluates: [B5]\n  modules:",
            1,
        )
    };
    let passport = |e5: &str| {
        intl(
            &format!("{{ B1: 60, B2: 150, B3: 150, B4: 105, E5: {e5} }}"),
            GOOD_PRO,
        )
    };
    let (code, c, stderr) = decide_edited(INTL, two_exams, &passport("validated"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(bloc(&c, "B5"), "undecided", "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Certificat non encore enregistré : décision en attente."),
        "{}",
        all_text(&c)
    );
    let (_, c, _) = decide_edited(INTL, two_exams, &passport("not-validated"));
    assert_eq!(bloc(&c, "B5"), "not-validated", "{}", all_text(&c));
}

/// « Motifs recevables de non-présentation […] Dans ces seuls cas une épreuve de rattrapage
/// sera proposée au candidat » with « la non-présentation à au moins une évaluation de bloc
/// induit la non-validation du bloc »: B2 missed at one exam without a reason and at another
/// with a medical certificate. The retake was refused or admitted by which exam came first in
/// the referential (E2.1 unexcused: refused; E2.1 excused, E2.2 unexcused: full title). The
/// absence without a reason bars the retake in both orders.
#[test]
fn intl_an_unexcused_absence_bars_the_retake_whatever_the_exams_order() {
    for (e21, e22) in [
        (
            "absent",
            "{ result: absent-excused, reason: Certificat médical }",
        ),
        (
            "{ result: absent-excused, reason: Certificat médical }",
            "absent",
        ),
    ] {
        let passport = format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n\
             - session: 2026-06-18\n  marks: {{ B1: 60, E2.1: {e21}, E2.2: {e22}, E2.3: 25, \
             B3: 150, B4: 105, B5: validated }}\n  professional_parts: {GOOD_PRO}\n\
             - session: 2026-09-15\n  kind: retake\n  marks: {{ E2.1: 100, E2.2: 30 }}\n"
        );
        refused(
            INTL,
            &passport,
            "x: the session of 2026-09-15 cannot count for bloc B2: the referential offers no \
             retake after `absent`",
        );
    }
}

/// « Tout candidat dont la fraude est avérée voit sa session d'évaluation invalidée, il ne
/// valide aucun bloc. Pour obtenir la validation totale ou partielle du titre il devra […]
/// repasser l'ensemble des évaluations de blocs à la prochaine session »: a fraud at E2.1 in
/// a session where B3 was also missed without a reason. The absence barred B3's retake
/// (« the referential offers no retake after `absent` »), though nothing of the voided
/// session stands and the text requires that next session.
#[test]
fn intl_after_a_fraud_an_absence_of_the_voided_session_bars_nothing() {
    let c = ok(
        INTL,
        &format!(
            "route: apprenticeship\nblocs: [B1, B2, B3, B4]\ncompany_time: {{ hours: 1000 }}\n\
             attempts:\n- session: 2026-06-18\n  marks: {{ B1: 90, E2.1: fraud, E2.2: 40, \
             E2.3: 20, B3: absent, B4: 150 }}\n  professional_parts: {GOOD_PRO}\n\
             - session: 2027-01-15\n  kind: retake\n  marks: {{ B1: 60, B2: 135, B3: 150, \
             B4: 105 }}\n"
        ),
    );
    for b in ["B1", "B2", "B3", "B4"] {
        assert_eq!(bloc(&c, b), "validated", "{b}: {}", all_text(&c));
    }
    assert_eq!(kind(&c), "full");
}

/// « Dans le cadre d'un redoublement : le candidat suit les modules du ou des blocs
/// non-validés et repasse toutes les évaluations de modules suivis et les évaluations de
/// blocs de l'année concernée. » Modules are shown, not counted, and rightly: the grid
/// (« TOTAL CERTIFICATION 1000 pts ») sums the bloc exams and the professional evaluation,
/// and a module's contrôle continu, « une notation sur 10, 20 ou 30 », has no points in it.
/// A repeated year that gives some of B2's module evaluations but not all was silent; it is
/// now a located warning (the decision is unchanged, as the text makes it).
#[test]
fn intl_repeat_giving_some_modules_of_a_bloc_is_said() {
    let passport = |repeat_modules: &str| {
        format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  - session: \
             2026-06-18\n    marks: {{ B1: 60, E2.1: 50, E2.2: 40, E2.3: 10, M2.1: 12/20, \
             M2.2: 8/20, B3: 150, B4: 105, B5: validated }}\n    professional_parts: \
             {GOOD_PRO}\n  - session: 2027-06-17\n    kind: repeat\n    marks: {{ E2.1: 100, \
             E2.2: 40, E2.3: 10{repeat_modules} }}\n"
        )
    };
    let (code, c, stderr) = decide(INTL, &passport(", M2.1: 15/20"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(
        stderr.contains(
            "warning: the session of 2027-06-17 is a repeated year (`kind: repeat`) and gives \
             some module evaluations of bloc B2 but not M2.2, M2.3, M2.4, M2.5: the \
             referential's repeat gives again every module evaluation followed (modules do \
             not count in the decision)"
        ),
        "{stderr}"
    );
    // Every module given again, or none recorded in the repeat: nothing to say.
    let all = ", M2.1: 15/20, M2.2: 10/20, M2.3: 10/20, M2.4: 10/20, M2.5: 10/20";
    let (_, _, stderr) = decide(INTL, &passport(all));
    assert!(!stderr.contains("module evaluations"), "{stderr}");
    let (_, _, stderr) = decide(INTL, &passport(""));
    assert!(!stderr.contains("module evaluations"), "{stderr}");
}

/// « Sur avis motivé du référent handicap le jury de certification peut décider d'exempter
/// le candidat de certains critères d'évaluation »: the exemption is the certification
/// jury's decision, and its `date` is when that jury took it. A session held before that date
/// could not count it: its proposal was computed with the exemption all the same, so a jury
/// of 2026-06-30 deciding `not-awarded` (C1.3.cr2 failed) was refused as departing from a
/// `partial` it could not have been shown. That session's proposal now leaves it out; the
/// session of 2026-07-10, which decided it, counts it.
#[test]
fn bd_an_exemption_counts_from_the_jurys_decision_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "refolio.toml", "[candidates]\nallow_gaps = true\n");
    let yaml =
        std::fs::read_to_string(super::repo_root().join(format!("content/referentials/{BD}.yaml")))
            .unwrap();
    write(root, &format!("content/referentials/{BD}.yaml"), &yaml);
    write(
        root,
        "content/candidates/x/passport.yaml",
        &format!(
            "name: X\nreferential: {BD}\nroute: continuing\nblocs: [B1]\nsession: 2026-06-18\n\
             exemptions:\n  - criterion: C1.3.cr2\n    reason: Avis motivé du référent handicap \
             du 2 mars 2026\n    date: 2026-07-10\nresults:\n{}",
            super::sources::bd_criteria("C1", &["C1.3.cr2"], &[])
        ),
    );
    let session = |id: &str, date: &str, decision: &str| {
        write(
            root,
            &format!("content/sessions/{id}.yaml"),
            &format!(
                "referential: {BD}\ndate: {date}\nplace: Paris\njury:\n  - name: A\n    role: \
                 president\n    quality: professional\ncandidates:\n  x: {{ decision: {decision} }}\n"
            ),
        );
    };
    session("juin", "2026-06-30", "not-awarded");
    session("juillet", "2026-07-10", "partial, blocs: [B1]");
    let (code, _, stderr) = super::run(root, &["check"]);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(code, 0, "{errors:#?}");
}

/// 000 states no retake rule (nothing like 004's « repasser les blocs non validés »): B2
/// validated at the first session, failed at the second. refolio keeps it validated — its
/// default, which decides the title — and said only « la plus récente faisant foi » beside
/// « il était déjà validé », the opposite. It now says the bloc is held acquired by default.
#[test]
fn dc_a_validated_bloc_failed_later_is_kept_by_a_stated_default() {
    let all = super::texts::dc_criteria("    ", &[], &[]);
    let b2_failed =
        super::texts::dc_criteria("    ", &[("2.1", 0), ("2.2", 0), ("2.3", 0)], &["2"]);
    let c = ok(
        DC,
        &format!(
            "route: apprenticeship\nattempts:\n  - session: 2026-06-18\n{all}  {}  - session: \
             2026-12-10\n{b2_failed}",
            super::texts::GRAND_ORAL
        ),
    );
    assert_eq!(bloc(&c, "B2"), "validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "full");
    assert!(
        defaults(&c).contains(&"default_validated_kept"),
        "{:?}",
        defaults(&c)
    );
    assert!(
        all_text(&c).contains(
            "Le certificateur ne dit pas si un bloc validé peut être remis en jeu : refolio le \
             tient pour acquis, une session ultérieure ne le défait pas (règle par défaut)."
        ),
        "{}",
        all_text(&c)
    );
    // 004 states it (« repasser les blocs non validés »): no default there.
    let c = ok(
        INTL,
        &format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  - session: \
             2026-06-18\n    marks: {{ B1: 60, B2: 80, B3: 150, B4: 105, B5: validated }}\n    \
             professional_parts: {GOOD_PRO}\n  - session: 2026-11-20\n    kind: retake\n    \
             marks: {{ B1: 40, B2: 135 }}\n"
        ),
    );
    assert!(
        !defaults(&c).contains(&"default_validated_kept"),
        "{:?}",
        defaults(&c)
    );
}

/// « Condition de validation du Bloc 2 : Validation des 3 compétences. Une compétence est
/// validée si plus de 50% de ses critères d'évaluation le sont. »: C2.3 at 4 of 8 (not more
/// than half), and `B2: validated` recorded in the same session. The recorded verdict
/// decided (B2 validated, full title), the criteria unread, as a competence's did before
/// decision7's F2. It is now refused, located; agreeing with them, it stands.
#[test]
fn dc_bloc_recorded_against_its_competences_is_refused() {
    let passport = |b2: &str, c23: usize| {
        format!(
            "route: apprenticeship\nsession: 2026-06-18\nresults:\n  marks: {{ B2: {b2} }}\n{}{}",
            super::texts::dc_criteria("  ", &[("2.3", c23)], &[]),
            super::texts::GRAND_ORAL
        )
    };
    let e = refused(
        DC,
        &passport("validated", 4),
        "error: bloc B2 is recorded validated, but its competences, as this session gives \
         them, make it not validated: 2 of 3 validated",
    );
    assert!(
        e.starts_with("content/candidates/x/passport.yaml:6:"),
        "{e}"
    );
    let c = ok(DC, &passport("not-validated", 4));
    assert_eq!(bloc(&c, "B2"), "not-validated");
    let c = ok(DC, &passport("validated", 5));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
}

/// Where a referential lets the jury exempt exams (`exam_exemptions: true`; none of the
/// three sources does, 004 says « Toutes les évaluations de Bloc doivent être respectées »),
/// B2 exempted whole and B2's three exams exempted one by one are the same fact. By exams,
/// the grid was decided on the points that apply (the pass mark scaled); whole, B2 was
/// validated but « ne donne pas de points », and the title was left to the jury. Both forms
/// now give the same decision.
#[test]
fn a_bloc_exempted_whole_counts_as_its_exams_exempted() {
    let exemptible = |y: String| y.replacen("rules:\n", "rules:\n  exam_exemptions: true\n", 1);
    let ex = "{ result: exempted, reason: Handicap }";
    let whole = intl(
        &format!("{{ B1: 60, B2: {ex}, B3: 150, B4: 105, B5: validated }}"),
        GOOD_PRO,
    );
    let by_exams = intl(
        &format!(
            "{{ B1: 60, E2.1: {ex}, E2.2: {ex}, E2.3: {ex}, B3: 150, B4: 105, B5: validated }}"
        ),
        GOOD_PRO,
    );
    let (_, by_exams, _) = decide_edited(INTL, exemptible, &by_exams);
    let (code, whole, stderr) = decide_edited(INTL, exemptible, &whole);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(kind(&by_exams), "full", "{}", all_text(&by_exams));
    assert_eq!(kind(&whole), kind(&by_exams), "{}", all_text(&whole));
    assert!(
        all_text(&whole).contains("reason_pass_scaled"),
        "{}",
        all_text(&whole)
    );
}
