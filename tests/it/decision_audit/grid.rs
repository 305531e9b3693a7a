//! Source 004 (RNCP36395): the points grid, its minimums, the professional evaluation, the
//! routes (partial, Executive, VAE), the period in company, exemptions and penalties, the
//! jury's own decision.

use super::*;

/// "La certification totale est délivrée si le candidat obtient 10 de moyenne générale avec
/// une note d'évaluation professionnelle d'au moins 10/20"
#[test]
fn intl_full_when_every_condition_is_met() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "full");
}

/// "Obtention de la certification à 500 points sur 1000 points" and the professional
/// evaluation "d'au moins 10/20" (125/250): both exactly at the threshold. B4 at 87/175 is
/// under 10/20 but above its minimum 70: "10 de moyenne générale" compensates.
#[test]
fn intl_full_at_exactly_500_points_and_125_professional() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 50, B2: 113, B3: 125, B4: 87, B5: validated }",
            "{ ecrit: 40, oral: 60, tuteur: 25 }",
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert_eq!(
        bloc(&c, "B1"),
        "validated",
        "50/100 is 'la moyenne, soit 10/20'"
    );
    assert_eq!(bloc(&c, "B4"), "not-validated", "87/175 is under 10/20");
}

/// "Dans l'hypothèse où le candidat n'obtient pas 10 de moyenne générale […] il conserve le
/// bénéfice des blocs pour lesquels il a obtenu la moyenne […] ⇒ Il obtient une
/// certification partielle, uniquement sur les blocs validés": 499 points.
#[test]
fn intl_partial_at_499_points() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 50, B2: 113, B3: 125, B4: 86, B5: validated }",
            "{ ecrit: 40, oral: 60, tuteur: 25 }",
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B5"]);
}

/// "avec une note d'évaluation professionnelle d'au moins 10/20": 124/250 with a high total.
#[test]
fn intl_partial_when_professional_is_124() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 90, B2: 200, B3: 200, B4: 150, B5: validated }",
            "{ ecrit: 40, oral: 60, tuteur: 24 }",
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B4", "B5"]);
}

/// "sous réserve de ne pas avoir obtenu une note inférieure à 8/20 sur l'un des 4 blocs
/// (note éliminatoire)": exactly 8/20 (40/100) is not under it.
#[test]
fn intl_bloc_at_exactly_8_of_20_is_not_eliminatory() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 40, B2: 150, B3: 150, B4: 105, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert_eq!(bloc(&c, "B1"), "not-validated");
}

/// "Dans l'hypothèse où le candidat obtient une moyenne générale égale ou supérieure à 10
/// mais une note inférieure à 8/20 (note éliminatoire) dans un ou plusieurs blocs, il
/// conserve le bénéfice des blocs pour lesquels il a obtenu la moyenne"
#[test]
fn intl_bloc_under_8_of_20_is_eliminatory() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 39, B2: 200, B3: 200, B4: 150, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B2", "B3", "B4", "B5"]);
}

/// "Les salariés et demandeurs d'emploi qui bénéficient d'un positionnement […] peuvent
/// être, selon les titres, exemptés d'épreuve professionnelle." With `pass_average` the
/// "10 de moyenne générale" is taken on the 750 points of the blocs.
#[test]
fn intl_professional_exempted_for_an_employee() {
    let pass = |marks: &str| {
        format!(
            "route: continuing\nsession: 2026-06-18\ncompany_time: {{ hours: 1000 }}\n\
             results:\n  marks: {marks}\n  professional_evaluation: {{ result: exempted, \
             reason: Positionnement du 2 septembre 2025 }}\n"
        )
    };
    let c = ok(
        INTL,
        &pass("{ B1: 50, B2: 113, B3: 125, B4: 88, B5: validated }"),
    );
    assert_eq!(kind(&c), "full", "376/750: {}", all_text(&c));
    let c = ok(
        INTL,
        &pass("{ B1: 50, B2: 113, B3: 125, B4: 86, B5: validated }"),
    );
    assert_eq!(kind(&c), "partial", "374/750: {}", all_text(&c));
}

/// "à l'exception des candidats salariés": an apprentice cannot be exempted.
#[test]
fn intl_professional_exemption_refused_for_an_apprentice() {
    refused(
        INTL,
        "route: apprenticeship\nsession: 2026-06-18\ncompany_time: { hours: 1000 }\n\
         results:\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105 }\n  professional_evaluation: \
         { result: exempted, reason: Positionnement }\n",
        "the professional evaluation can be exempted for the routes continuing, executive only, not apprenticeship",
    );
}

/// "Les candidats Executive peuvent, dans le cadre de la validation d'un bloc de
/// compétences, substituer les épreuves de blocs par un portefeuille de preuves à présenter
/// à un jury": the portfolio validates the bloc.
#[test]
fn intl_executive_portfolio_validates_a_bloc() {
    let c = ok(
        INTL,
        "route: executive\nblocs: [B1]\nsession: 2026-06-18\ncompany_time: { hours: 105, \
         reduced_to: 105 }\nresults:\n  substitutes: { B1: validated }\n",
    );
    assert_eq!(bloc(&c, "B1"), "validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "partial");
    assert_eq!(awarded(&c), ["B1"]);
}

/// The portfolio has no points in the grid: an Executive candidate who replaces every
/// bloc's exams by portfolios has no total of 1000 points. The text does not say how the
/// title is then decided: undecided (the jury), never a full title made up.
#[test]
fn intl_executive_portfolios_for_every_bloc_leave_the_title_to_the_jury() {
    let c = ok(
        INTL,
        "route: executive\nsession: 2026-06-18\ncompany_time: { hours: 300 }\nresults:\n  \
         substitutes: { B1: validated, B2: validated, B3: validated, B4: validated }\n  \
         marks: { B5: validated }\n  professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n",
    );
    assert_eq!(kind(&c), "undecided", "{}", all_text(&c));
}

/// Only "Les candidats Executive" may substitute.
#[test]
fn intl_portfolio_refused_for_an_apprentice() {
    refused(
        INTL,
        "route: apprenticeship\nblocs: [B1]\nsession: 2026-06-18\ncompany_time: { hours: 300 }\n\
         results:\n  substitutes: { B1: validated }\n",
        "no substitution of the exams of B1 applies to this candidate (apprenticeship)",
    );
}

/// "la période minimale obligatoire en entreprise (alternance, stage...) est dans le cas
/// d'un : Parcours complet de 280h." 279 h: no full title; the text does not say what it
/// leaves of the blocs, so the jury decides (undecided, said).
#[test]
fn intl_company_time_short_by_one_hour() {
    let c = ok(
        INTL,
        "route: apprenticeship\nsession: 2026-06-18\ncompany_time: { hours: 279 }\nresults:\n  \
         marks: { B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }\n  \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n",
    );
    assert_ne!(kind(&c), "full", "{}", all_text(&c));
    assert_eq!(kind(&c), "undecided");
    let c = ok(
        INTL,
        "route: apprenticeship\nsession: 2026-06-18\ncompany_time: { hours: 280 }\nresults:\n  \
         marks: { B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }\n  \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n",
    );
    assert_eq!(kind(&c), "full", "280 h exactly: {}", all_text(&c));
}

/// "Parcours de validation partielle de 105h par bloc de compétences dans la limite de 280
/// h": two blocs need 210 h.
#[test]
fn intl_company_time_on_the_partial_route() {
    let c = ok(
        INTL,
        "route: apprenticeship\nblocs: [B1, B2]\nsession: 2026-06-18\n\
         company_time: { hours: 210 }\nresults:\n  marks: { B1: 60, B2: 135 }\n",
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2"]);
}

/// "Parcours « Executive » et après positionnement cette durée de stage obligatoire
/// peut-être réduite jusqu'à 105h": not below.
#[test]
fn intl_executive_reduction_not_below_105_hours() {
    refused(
        INTL,
        "route: executive\nsession: 2026-06-18\ncompany_time: { hours: 100, reduced_to: 100 }\n\
         results:\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105 }\n  \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n",
        "the period in company may be reduced down to 105 h, not 100 h",
    );
}

/// "Par la VAE : Répondre aux prérequis fixés par la loi." No period in company is set for
/// VAE: none is required, and the reasoning says so.
#[test]
fn intl_vae_needs_no_company_time() {
    let c = ok(
        INTL,
        "route: vae\nsession: 2026-06-18\nresults:\n  marks: { B1: 60, B2: 135, B3: 150, \
         B4: 105, B5: validated }\n  professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n",
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(
        !c["company_time"]["reasons"].as_array().unwrap().is_empty(),
        "the reasoning says no period is required: {}",
        c["company_time"]
    );
}

/// A result not known yet: pending, never refused.
#[test]
fn intl_missing_mark_is_undecided() {
    let c = ok(
        INTL,
        &intl("{ B1: 60, B2: 135, B4: 105, B5: validated }", GOOD_PRO),
    );
    assert_eq!(bloc(&c, "B3"), "undecided", "{}", all_text(&c));
    assert_eq!(kind(&c), "undecided");
}

/// "Le jury est souverain dans ses décisions.": the jury's own decision is shown beside the
/// proposal, with its motive.
#[test]
fn intl_jury_overrules_the_proposal() {
    let p = intl(
        "{ B1: 50, B2: 113, B3: 125, B4: 86, B5: validated }",
        "{ ecrit: 40, oral: 60, tuteur: 25 }",
    );
    let c = ok(
        INTL,
        &format!(
            "{p}jury:\n  decision: full\n  date: 2026-06-30\n  motive: Un point manquant, \
             rattrapé par la qualité du mémoire\n"
        ),
    );
    assert_eq!(kind(&c), "partial");
    assert_eq!(c["jury"]["decision"], "full");
    assert_eq!(c["jury"]["differs_from_proposal"], true);
    let e = refused(
        INTL,
        &format!("{p}jury:\n  decision: full\n  date: 2026-06-30\n"),
        "the jury's decision differs from the proposal of the rules, and gives no motive",
    );
    assert!(e.contains("motive"), "{e}");
}

/// "Tout manque d'assiduité non justifié […] sera sanctionné par une diminution de la
/// notation de la grille d'évaluation entreprise": a penalty is for the tutor's grid, not
/// for a bloc exam.
#[test]
fn intl_penalty_only_on_the_company_grid() {
    refused(
        INTL,
        &intl(
            "{ B1: { result: 60, penalty: 5 }, B2: 135, B3: 150, B4: 105, B5: validated }",
            GOOD_PRO,
        ),
        "the referential's penalties apply to tuteur, not to bloc B1",
    );
}

/// The criteria exemption is source 001's rule; source 004 has none.
#[test]
fn intl_has_no_criteria_exemption() {
    refused(
        INTL,
        "route: apprenticeship\nsession: 2026-06-18\nexemptions:\n  - criterion: B1.cr1\n    \
         reason: Avis du référent handicap\n",
        "referential `developpement-commercial-international` does not provide for exemptions",
    );
}

/// "composé de 4 blocs de compétences et de la prise en compte d'une pratique
/// professionnelle": the specialisation bloc 5 (CCE) is not a condition of the title.
#[test]
fn intl_bloc5_not_needed_for_the_title() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 135, B3: 150, B4: 105, B5: not-validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
}

/// "il conserve le bénéfice des blocs pour lesquels il a obtenu la moyenne, soit 10/20":
/// with an eliminatory B1, a B4 between 8/20 and 10/20 is not kept either.
#[test]
fn intl_partial_keeps_only_the_blocs_at_10_of_20() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 39, B2: 200, B3: 200, B4: 80, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B2", "B3", "B5"]);
}

/// "pénalité de 5% / 10% / 15% de la note globale": no other penalty.
#[test]
fn intl_penalty_not_in_the_grid_is_refused() {
    let e = refused(
        INTL,
        &intl(
            "{ B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }",
            "{ ecrit: 45, oral: 75, tuteur: { result: 30, penalty: 20 } }",
        ),
        "a penalty of 20 % is not one the referential provides for",
    );
    assert!(e.contains("20"), "{e}");
}

/// "De 0% à 2,5% du temps de formation : pénalité de 5% de la note globale": on the tutor's
/// mark, 5 % off 30 is 28.5, and 148.5 is still at least 125.
#[test]
fn intl_penalty_applied_to_the_tutor_mark() {
    let c = ok(
        INTL,
        &intl(
            "{ B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }",
            "{ ecrit: 45, oral: 75, tuteur: { result: 30, penalty: 5 } }",
        ),
    );
    assert_eq!(
        c["professional_evaluation"]["mark"],
        "148.5",
        "{}",
        all_text(&c)
    );
    assert_eq!(kind(&c), "full");
}

/// "Parcours « Executive » et après positionnement cette durée de stage obligatoire
/// peut-être réduite jusqu'à 105h": an Executive candidate on the full route, 110 h.
#[test]
fn intl_executive_reduced_company_time_full_route() {
    let c = ok(
        INTL,
        "route: executive\nsession: 2026-06-18\ncompany_time: { hours: 110, reduced_to: 105 }\n\
         results:\n  marks: { B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }\n  \
         professional_parts: { ecrit: 45, oral: 75, tuteur: 30 }\n",
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
}

/// The reduction is for "Parcours « Executive »" only.
#[test]
fn intl_reduced_company_time_refused_for_an_apprentice() {
    refused(
        INTL,
        "route: apprenticeship\nsession: 2026-06-18\ncompany_time: { hours: 110, reduced_to: \
         105 }\n",
        "the period in company may be reduced on the route executive only, and this candidate's route is apprenticeship",
    );
}

/// The partial route ("Par blocs séparés"): one bloc, its period in company (105 h), no
/// professional evaluation yet: the bloc is certified, the title is out of reach.
#[test]
fn intl_partial_route_one_bloc() {
    let c = ok(
        INTL,
        "route: apprenticeship\nblocs: [B1]\nsession: 2026-06-18\ncompany_time: { hours: 105 }\n\
         results:\n  marks: { B1: 60 }\n",
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1"]);
}

/// Two blocs on the partial route need 210 h; 150 h does not reach it, and the text does not
/// say what is left of the blocs: the jury decides, said.
#[test]
fn intl_partial_route_short_company_time_is_left_to_the_jury() {
    let c = ok(
        INTL,
        "route: apprenticeship\nblocs: [B1, B2]\nsession: 2026-06-18\ncompany_time: { hours: 150 }\n\
         results:\n  marks: { B1: 60, B2: 135 }\n",
    );
    assert_eq!(kind(&c), "undecided", "{}", all_text(&c));
    assert!(all_text(&c).contains("jury"), "{}", all_text(&c));
}

/// Hours not recorded: pending, not refused.
#[test]
fn intl_company_time_not_recorded_is_pending() {
    let c = ok(
        INTL,
        "route: apprenticeship\nsession: 2026-06-18\nresults:\n  marks: { B1: 60, B2: 135, \
         B3: 150, B4: 105, B5: validated }\n  professional_parts: { ecrit: 45, oral: 75, tuteur: \
         30 }\n",
    );
    assert_eq!(kind(&c), "undecided", "{}", all_text(&c));
    assert_eq!(c["company_time"]["standing"], "pending");
}

/// The decision as the dossier bilan shows it, and as the built `report.json` gives it: the
/// 499-point candidate overruled by the jury ("Le jury est souverain dans ses décisions").
#[test]
fn intl_dossier_shows_the_proposal_and_the_jury() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "refolio.toml", "[candidates]\nallow_gaps = true\n");
    let yaml =
        std::fs::read_to_string(repo_root().join(format!("content/referentials/{INTL}.yaml")))
            .unwrap();
    write(root, &format!("content/referentials/{INTL}.yaml"), &yaml);
    let p = intl(
        "{ B1: 50, B2: 113, B3: 125, B4: 86, B5: validated }",
        "{ ecrit: 40, oral: 60, tuteur: 25 }",
    );
    write(
        root,
        "content/candidates/x/passport.yaml",
        &format!(
            "name: X\nreferential: {INTL}\n{p}jury:\n  decision: full\n  date: 2026-06-30\n  \
             motive: Un point manquant, rattrapé par la qualité du mémoire\n"
        ),
    );
    let (code, _, stderr) = run(root, &["build", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("public/candidates/x/report.json")).unwrap(),
    )
    .unwrap();
    let report = &report["candidates"][0];
    assert_eq!(report["decision"]["kind"], "partial");
    assert_eq!(report["jury"]["decision"], "full");
    let page = std::fs::read_to_string(root.join("public/candidates/x/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&page);
    let summary = crate::common::texts(&doc, "dl.decisions").join(" | ");
    assert!(summary.contains("Certification partielle"), "{summary}");
    assert!(summary.contains("Certification totale"), "{summary}");
}

/// "Toutes les évaluations de Bloc doivent être respectées même si elles font l'objet
/// d'aménagement (durée, déroulé.)": source 004 accommodates a bloc exam, never waives it.
#[test]
fn intl_bloc_exam_cannot_be_exempted() {
    refused(
        INTL,
        &intl(
            "{ B1: 60, E2.1: 100, E2.2: { result: exempted, reason: Handicap }, E2.3: 15, B3: 150, \
             B4: 105, B5: validated }",
            GOOD_PRO,
        ),
        "does not provide for exempting a candidate from an exam, a bloc or the final interview",
    );
}

/// Where a referential does provide for it (`exam_exemptions: true`), an exam exempted by
/// the jury takes its points out of the bloc's and the grid's.
#[test]
fn exam_exemption_where_the_referential_states_it() {
    let (code, c, stderr) = decide_edited(
        INTL,
        |y| y.replacen("rules:\n", "rules:\n  exam_exemptions: true\n", 1),
        &intl(
            "{ B1: 60, E2.1: 100, E2.2: { result: exempted, reason: Handicap }, E2.3: 15, B3: 150, \
             B4: 105, B5: validated }",
            GOOD_PRO,
        ),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(bloc(&c, "B2"), "validated", "{}", all_text(&c));
    assert!(all_text(&c).contains("Handicap"), "{}", all_text(&c));
}

/// `penalties_on` names what the penalties apply to; an unknown item is a located error.
#[test]
fn penalties_on_an_unknown_item_is_an_error() {
    let (code, _, stderr) = decide_edited(
        INTL,
        |y| y.replace("penalties_on: [tuteur]", "penalties_on: [tutor]"),
        "route: apprenticeship\n",
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: `tutor` is no bloc, exam or part of the professional evaluation"),
        "{stderr}"
    );
}

/// "Le portefeuille de preuves, s'appuyant sur les outils présentés dans le chapitre
/// «LIVRET 2 VAE », complété et signé par le candidat est transmis au jury. Celui-ci
/// n'ayant pas participé à la formation ou à l'accompagnement (VAE) de l'apprenant.": a VAE
/// candidate's bloc is validated on the portfolio too.
#[test]
fn intl_vae_portfolio_validates_a_bloc() {
    let c = ok(
        INTL,
        "route: vae\nblocs: [B1]\nsession: 2026-06-18\nresults:\n  substitutes: { B1: validated }\n",
    );
    assert_eq!(bloc(&c, "B1"), "validated", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1"]);
}
