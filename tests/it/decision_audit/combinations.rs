//! Third pass, combinations of the sources' own cases across sessions: an absence excused,
//! its make-up and a jury departing from the proposal; blocs validated session by session;
//! the final interview missed then held; a VAE completed later; marks exactly at every
//! threshold; sessions out of order or on one date; a route that changes.

use super::texts::dc_criteria;
use super::*;

/// 000 says only « L'ensemble des évaluations constitue le dossier Bilan du candidat qui
/// comporte les indices nécessaires au jury de Grand oral »: nothing of an absence at it nor
/// of holding it again. Absent at the first session, held at the second: the full title, on
/// refolio's defaults — the absence's consequence, and that the later Grand oral counts
/// (that one was unsaid: `default_retakes` was given only for a bloc given again).
#[test]
fn dc_grand_oral_absent_then_held_at_a_later_session() {
    let first = dc_criteria("    ", &[], &[]);
    let c = ok(
        DC,
        &format!(
            "route: apprenticeship\nattempts:\n  - session: 2026-06-18\n{first}    \
             final_interview: {{ result: absent, date: 2026-06-30 }}\n  - session: 2026-12-10\n    \
             final_interview: {{ result: validated, date: 2026-12-10 }}\n"
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let oral = c["final_interview"]["reasons"].to_string();
    assert!(oral.contains("default_retakes"), "{oral}");
    assert!(
        c["reasons"].to_string().contains(
            "Le certificateur ne fixe pas de règle de rattrapage : refolio retient chaque \
             session, la plus récente faisant foi (règle par défaut)."
        ),
        "{}",
        c["reasons"]
    );
}

/// An excused absence at E2.2 (« Motifs recevables de non-présentation […] Certificat
/// médical […] Dans ces seuls cas une épreuve de rattrapage sera proposée »), a make-up at
/// 10/75 leaving B2 at 85/225, under « une note inférieure à 8/20 sur l'un des 4 blocs (note
/// éliminatoire) »: partial proposed. « Le jury est souverain dans ses décisions. »: it awards
/// the full title, which needs its motive and is then recorded as differing.
#[test]
fn intl_excused_absence_make_up_then_a_jury_departing_from_the_proposal() {
    let passport = |jury: &str| {
        format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  - session: \
             2026-06-18\n    marks: {{ B1: 60, E2.1: 60, E2.2: {{ result: absent-excused, reason: \
             Certificat médical }}, E2.3: 15, B3: 150, B4: 100, B5: validated }}\n    \
             professional_parts: {GOOD_PRO}\n  - session: 2026-11-20\n    kind: retake\n    \
             marks: {{ E2.2: 10 }}\njury: {{ decision: full, date: 2026-11-30{jury} }}\n"
        )
    };
    refused(
        INTL,
        &passport(""),
        "the jury's decision differs from the proposal of the rules, and gives no motive",
    );
    let c = ok(
        INTL,
        &passport(", motive: Le jury retient la progression constatée au rattrapage"),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B3", "B4", "B5"]);
    let text = all_text(&c);
    assert!(
        text.contains("Bloc validé à la session du 2026-06-18."),
        "{text}"
    );
    assert!(text.contains("reason_eliminatory"), "{text}");
    assert_eq!(c["jury"]["decision"], "full");
    assert_eq!(c["jury"]["differs_from_proposal"], true);
    assert!(defaults(&c).is_empty(), "{:?}", defaults(&c));
}

/// First session: B1 at 60/100 validated, B2 under 8/20, B3 and B4 under 10/20: « il
/// conserve le bénéfice des blocs pour lesquels il a obtenu la moyenne, soit 10/20 »,
/// partial. The retake (« repasser les blocs non validés, une seule fois par bloc ») gives
/// the other three: full, each bloc dated at the session that validated it.
#[test]
fn intl_one_bloc_first_then_the_others_partial_then_full() {
    let first = format!(
        "  - session: 2026-06-18\n    marks: {{ B1: 60, B2: 80, B3: 100, B4: 80, B5: validated \
         }}\n    professional_parts: {GOOD_PRO}\n"
    );
    let head = "route: apprenticeship\ncompany_time: { hours: 1000 }\nattempts:\n";
    let c = ok(INTL, &format!("{head}{first}"));
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B5"]);
    let c = ok(
        INTL,
        &format!(
            "{head}{first}  - session: 2026-11-20\n    kind: retake\n    marks: {{ B2: 135, \
             B3: 150, B4: 105 }}\n"
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let dated = |id: &str| {
        c["bloc_outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == id)
            .unwrap()["reasons"]
            .to_string()
    };
    assert!(
        dated("B1").contains("session du 2026-06-18"),
        "{}",
        dated("B1")
    );
    for b in ["B2", "B3", "B4"] {
        assert!(
            dated(b).contains("session du 2026-11-20"),
            "{b}: {}",
            dated(b)
        );
    }
    assert!(defaults(&c).is_empty(), "{:?}", defaults(&c));
}

/// VAE (« Le portefeuille de preuves […] complété et signé par le candidat est transmis au
/// jury »): B1 validated and B2 not at the first session, B2's portfolio validated at the
/// next: partial on B1, then on B1 and B2, each dated at its own session.
#[test]
fn intl_vae_partial_then_the_remaining_bloc_later() {
    let head = "route: vae\nblocs: [B1, B2]\nattempts:\n  - session: 2026-06-18\n    \
                substitutes: { B1: validated, B2: not-validated }\n";
    let c = ok(INTL, head);
    assert_eq!(awarded(&c), ["B1"], "{}", all_text(&c));
    // 004 names the VAE (its portfolio): no default of refolio's about the route.
    assert!(
        !defaults(&c).contains(&"default_route_vae"),
        "{:?}",
        defaults(&c)
    );
    let c = ok(
        INTL,
        &format!(
            "{head}  - session: 2027-01-15\n    kind: retake\n    substitutes: {{ B2: validated }}\n"
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2"]);
    assert!(
        all_text(&c).contains("Bloc validé à la session du 2027-01-15."),
        "{}",
        all_text(&c)
    );
}

/// Every threshold of 004 reached exactly: each bloc at 10/20 (« soit 10/20 »), the
/// professional evaluation at 125/250 (« d'au moins 10/20 »), the total at 500/1000
/// (« Obtention de la certification à 500 points »), the time in company at 280 h
/// (« période minimale obligatoire […] 280h »): full. Then each bloc at exactly 8/20
/// (« une note inférieure à 8/20 […] (note éliminatoire) »), the total still 500: full.
#[test]
fn intl_every_threshold_reached_exactly() {
    let passport = |marks: &str, pro: &str| {
        format!(
            "route: apprenticeship\nsession: 2026-06-18\ncompany_time: {{ hours: 280 }}\n\
             results:\n  marks: {marks}\n  professional_parts: {pro}\n"
        )
    };
    let c = ok(
        INTL,
        &passport(
            "{ B1: 50, B2: 112.5, B3: 125, B4: 87.5, B5: validated }",
            "{ ecrit: 37.5, oral: 62.5, tuteur: 25 }",
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    for b in ["B1", "B2", "B3", "B4"] {
        assert_eq!(bloc(&c, b), "validated", "{b}");
    }
    let text = all_text(&c);
    assert!(text.contains("reason_total_reached"), "{text}");
    assert!(text.contains("reason_professional_reached"), "{text}");
    assert!(text.contains("reason_company_time_met"), "{text}");
    let c = ok(
        INTL,
        &passport(
            "{ B1: 40, B2: 90, B3: 100, B4: 70, B5: validated }",
            "{ ecrit: 60, oral: 100, tuteur: 40 }",
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(
        !all_text(&c).contains("reason_eliminatory"),
        "{}",
        all_text(&c)
    );
    // One hour short of the minimum is not met.
    let (_, c, _) = decide(
        INTL,
        &passport(
            "{ B1: 50, B2: 112.5, B3: 125, B4: 87.5, B5: validated }",
            "{ ecrit: 37.5, oral: 62.5, tuteur: 25 }",
        )
        .replace("hours: 280", "hours: 279"),
    );
    assert_ne!(kind(&c), "full", "{}", all_text(&c));
}

/// 000's « plus de 50% » against the thresholds « au moins » writes: C2.1 has 5 criteria,
/// 3 (60 %) validate it; C2.3 has 8, 4 (exactly 50 %) do not, 5 do.
#[test]
fn dc_more_than_half_exactly_at_half() {
    let at = |counts: &[(&str, usize)]| {
        ok(
            DC,
            &format!(
                "route: apprenticeship\nsession: 2026-06-18\nresults:\n{}{}",
                dc_criteria("  ", counts, &[]),
                super::texts::GRAND_ORAL
            ),
        )
    };
    let c = at(&[("2.1", 3), ("2.3", 4)]);
    assert_eq!(competence(&c, "C2.1"), "validated");
    assert_eq!(competence(&c, "C2.3"), "not-validated");
    assert_eq!(bloc(&c, "B2"), "not-validated");
    let c = at(&[("2.3", 5)]);
    assert_eq!(competence(&c, "C2.3"), "validated");
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
}

/// Sessions written out of chronological order, or two on one date: located errors (the
/// order is the passport's, never guessed from the dates).
#[test]
fn sessions_out_of_order_or_on_one_date_are_refused() {
    let two = |a: &str, b: &str| {
        format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  - session: {a}\n    \
             marks: {{ B1: 60, B2: 80, B3: 150, B4: 105, B5: validated }}\n    professional_parts: \
             {GOOD_PRO}\n  - session: {b}\n    kind: retake\n    marks: {{ B2: 135 }}\n"
        )
    };
    refused(
        INTL,
        &two("2026-11-20", "2026-06-18"),
        "error: attempt of 2026-06-18 is not after the one of 2026-11-20",
    );
    refused(
        INTL,
        &two("2026-06-18", "2026-06-18"),
        "error: attempt of 2026-06-18 is not after the one of 2026-06-18",
    );
}

/// 004 lets a candidate sit again on another footing (« 4 mois avant l'épreuve de validation
/// du ou des blocs concernés s'il repasse en candidat libre ou 1 mois avant le début de la
/// formation en cas de redoublement (contrat d'apprentissage, contrat de
/// professionnalisation) »). The passport has one `route` for all sessions: a route written
/// under a session is refused, located, rather than read or dropped unsaid. Nothing 004
/// decides hangs on being « candidat libre » (it is no route the text gives a rule to).
#[test]
fn a_route_per_session_is_refused_not_guessed() {
    let e = refused(
        INTL,
        &format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  - session: \
             2026-06-18\n    marks: {{ B1: 60, B2: 80, B3: 150, B4: 105, B5: validated }}\n    \
             professional_parts: {GOOD_PRO}\n  - session: 2026-11-20\n    kind: retake\n    \
             route: continuing\n    marks: {{ B2: 135 }}\n"
        ),
        "error: unknown field `route`",
    );
    assert!(e.starts_with("content/candidates/x/passport.yaml:"), "{e}");
}

/// The same VAE presenting the four blocs, two by portfolio at each session: the grid
/// (« 500 points sur 1000 points ») cannot be computed on portfolios, which give no points,
/// so the title is « décision laissée au jury », and its `full` departs from no proposal.
#[test]
fn intl_vae_four_blocs_over_two_sessions_leaves_the_title_to_the_jury() {
    let c = ok(
        INTL,
        "route: vae\nblocs: [B1, B2, B3, B4]\nattempts:\n  - session: 2026-06-18\n    \
         substitutes: { B1: validated, B2: validated, B3: not-validated, B4: not-validated }\n  \
         - session: 2027-01-15\n    kind: retake\n    substitutes: { B3: validated, B4: validated }\n\
         jury: { decision: full, date: 2027-01-20 }\n",
    );
    assert_eq!(kind(&c), "undecided", "{}", all_text(&c));
    for b in ["B1", "B2", "B3", "B4"] {
        assert_eq!(bloc(&c, b), "validated", "{b}");
    }
    assert!(
        all_text(&c).contains(
            "Le résultat de B1, B2, B3, B4 ne donne pas de points : le total de la grille ne \
             peut pas être calculé, décision laissée au jury."
        ),
        "{}",
        all_text(&c)
    );
    assert_eq!(c["jury"]["decision"], "full");
    assert_eq!(c["jury"]["differs_from_proposal"], false);
}

/// The same two sessions with the passport's jury of 2026-06-30 (« Le jury de certification
/// établit la liste des certifiés et rédige le procès-verbal d'obtention du certificat total
/// ou partiel »): it awarded the blocs validated then. Its decision was checked against the
/// proposal after the November retake (full), which it could not know, and refused as
/// departing from it without a motive. It is checked against June's proposal now.
#[test]
fn intl_a_jury_before_the_retake_is_judged_on_what_it_knew() {
    let passport = |date: &str| {
        format!(
            "route: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  - session: \
             2026-06-18\n    marks: {{ B1: 60, B2: 80, B3: 150, B4: 105, B5: validated }}\n    \
             professional_parts: {GOOD_PRO}\n  - session: 2026-11-20\n    kind: retake\n    \
             marks: {{ B2: 135 }}\njury: {{ decision: partial, blocs: [B1, B3, B4, B5], date: \
             {date} }}\n"
        )
    };
    let c = ok(INTL, &passport("2026-06-30"));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert_eq!(c["jury"]["differs_from_proposal"], false);
    // Dated after the retake, the same decision departs from the full title proposed.
    refused(
        INTL,
        &passport("2026-11-30"),
        "x: the jury's decision differs from the proposal of the rules, and gives no motive",
    );
}
