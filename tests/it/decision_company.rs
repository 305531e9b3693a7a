//! Decision scenarios for source 004's minimum period in company, from its own text: "Pour
//! l'obtention du titre […], la période minimale obligatoire en entreprise (alternance,
//! stage...) est dans le cas d'un : Parcours complet de 280h. Parcours de validation
//! partielle de 105h par bloc de compétences dans la limite de 280 h […]. Parcours
//! « Executive » et après positionnement cette durée de stage obligatoire peut-être réduite
//! jusqu'à 105h." Where the text stops (what a shorter period leaves of the blocs, a route
//! it does not name), the reasons say so and the decision is left to the jury.

use refolio::validate::title::Decision;

use crate::decision::{MARKS_OK, PRO_OK, R004, partial, scenario};

const RULE: &str = "  company_time:
    hours: 280
    per_bloc: 105
    max: 280
    routes: [initial, continuing, apprenticeship, executive]
    reducible: { routes: [executive], down_to: 105 }
";

fn r004() -> String {
    R004.replacen("  penalties:", &format!("{RULE}  penalties:"), 1)
}

/// Every bloc at its marks, the professional evaluation at its minimum, and `extra` lines.
fn full_route(route: &str, extra: &str) -> String {
    format!("route: {route}\n{extra}results:\n  marks:\n{MARKS_OK}    B5: validated\n{PRO_OK}")
}

const TITLE_FULL: &str = "Toutes les conditions du titre sont remplies : certification totale.";

#[test]
fn the_full_route_needs_its_280_hours_for_the_title() {
    let o = scenario(
        &r004(),
        &full_route("apprenticeship", "company_time: { hours: 300 }\n"),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), Decision::Full);
    let reasons = o.reasons();
    let met = "Période en entreprise : 300 h, au moins le minimum de 280 h.";
    assert_eq!(
        reasons[reasons.len() - 2..],
        [met.to_owned(), TITLE_FULL.to_owned()],
        "{reasons:#?}"
    );
}

#[test]
fn a_shorter_period_refuses_the_title_and_leaves_the_blocs_to_the_jury() {
    let o = scenario(
        &r004(),
        &full_route("apprenticeship", "company_time: { hours: 250 }\n"),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), Decision::Undecided);
    let reasons = o.reasons();
    assert!(
        reasons.contains(&"Période en entreprise : 250 h, sous le minimum de 280 h que le référentiel fixe pour l'obtention du titre.".to_owned()),
        "{reasons:#?}"
    );
    assert_eq!(
        reasons.last().unwrap(),
        "Le référentiel ne dit pas ce qu'une période en entreprise sous le minimum laisse des blocs validés (B1, B2, B3, B4, B5) : décision laissée au jury."
    );
    assert!(!reasons.contains(&TITLE_FULL.to_owned()), "{reasons:#?}");
}

#[test]
fn an_unrecorded_period_leaves_the_title_pending() {
    let o = scenario(&r004(), &full_route("apprenticeship", ""));
    assert_eq!(*o.decision(), Decision::Undecided);
    assert_eq!(
        o.reasons().last().unwrap(),
        "Période en entreprise : pas encore renseignée ; le référentiel en exige au moins 280 h pour l'obtention du titre."
    );
}

/// Blocs 1 and 2 only, both at their marks.
fn two_blocs(route: &str, company: &str) -> String {
    format!(
        "blocs: [B1, B2]\nroute: {route}\n{company}results:\n  marks:\n    B1: 68\n    E2.1: 14/20\n    E2.2: 31\n    E2.3: 17\n"
    )
}

#[test]
fn the_partial_route_needs_105_hours_per_bloc() {
    let o = scenario(
        &r004(),
        &two_blocs("continuing", "company_time: { hours: 230 }\n"),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), partial(&["B1", "B2"]));
    assert!(
        o.reasons()
            .contains(&"Période en entreprise : 230 h, au moins le minimum de 210 h.".to_owned()),
        "{:#?}",
        o.reasons()
    );
    // Two blocs at 150 h: one bloc's worth, but the text does not say which.
    let o = scenario(
        &r004(),
        &two_blocs("continuing", "company_time: { hours: 150 }\n"),
    );
    assert_eq!(*o.decision(), Decision::Undecided);
    assert_eq!(
        o.reasons().last().unwrap(),
        "Le référentiel ne dit pas ce qu'une période en entreprise sous le minimum laisse des blocs validés (B1, B2) : décision laissée au jury."
    );
    // Under one bloc's 105 h, no reading certifies any bloc.
    let o = scenario(
        &r004(),
        &two_blocs("continuing", "company_time: { hours: 100 }\n"),
    );
    assert_eq!(*o.decision(), Decision::NotAwarded);
    assert_eq!(
        o.reasons().last().unwrap(),
        "Période en entreprise de 100 h, sous le minimum d'un seul bloc (105 h) : aucun bloc n'est certifié."
    );
}

#[test]
fn the_partial_routes_minimum_stops_at_280_hours() {
    let three = "blocs: [B1, B2, B3]\nroute: initial\ncompany_time: { hours: 280 }\nresults:\n  marks:\n    B1: 68\n    E2.1: 14/20\n    E2.2: 31\n    E2.3: 17\n    B3: 162\n";
    let o = scenario(&r004(), three);
    assert_eq!(*o.decision(), partial(&["B1", "B2", "B3"]));
    assert!(
        o.reasons()
            .contains(&"Période en entreprise : 280 h, au moins le minimum de 280 h.".to_owned()),
        "{:#?}",
        o.reasons()
    );
}

#[test]
fn an_executive_positioning_reduces_the_minimum_down_to_105_hours() {
    let o = scenario(
        &r004(),
        &full_route(
            "executive",
            "company_time: { hours: 150, reduced_to: 140 }\n",
        ),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), Decision::Full);
    let reasons = o.reasons();
    assert!(
        reasons.contains(&"Période minimale en entreprise réduite à 140 h après positionnement (au lieu de 280 h).".to_owned()),
        "{reasons:#?}"
    );
    assert!(
        reasons
            .contains(&"Période en entreprise : 150 h, au moins le minimum de 140 h.".to_owned()),
        "{reasons:#?}"
    );
}

#[test]
fn a_reduction_the_text_does_not_allow_is_located() {
    let o = scenario(
        &r004(),
        &full_route(
            "apprenticeship",
            "company_time: { hours: 150, reduced_to: 140 }\n",
        ),
    );
    assert_eq!(
        o.diagnostics(),
        [
            "4:41: error: the period in company may be reduced on the route executive only, and this candidate's route is apprenticeship"
        ]
    );
    assert_eq!(
        o.suggestions(),
        ["give the candidate's `route`, or remove `reduced_to`"]
    );
    // The reduction refused, the stated minimum applies.
    assert_eq!(*o.decision(), Decision::Undecided);
    let o = scenario(
        &r004(),
        &full_route(
            "executive",
            "company_time: { hours: 150, reduced_to: 90 }\n",
        ),
    );
    assert_eq!(
        o.diagnostics(),
        ["4:41: error: the period in company may be reduced down to 105 h, not 90 h"]
    );
    assert_eq!(o.suggestions(), ["write `reduced_to: 105` or more"]);
}

#[test]
fn a_route_the_text_sets_no_minimum_for_is_said() {
    let o = scenario(&r004(), &full_route("vae", ""));
    assert_eq!(*o.decision(), Decision::Full);
    assert!(
        o.reasons().contains(&"Le référentiel ne fixe pas de période minimale en entreprise pour la voie VAE : rien n'est exigé.".to_owned()),
        "{:#?}",
        o.reasons()
    );
}

#[test]
fn without_a_route_the_minimum_that_applies_is_unknown() {
    let o = scenario(
        &r004(),
        &full_route("initial", "company_time: { hours: 300 }\n").replacen(
            "route: initial\n",
            "",
            1,
        ),
    );
    assert_eq!(*o.decision(), Decision::Undecided);
    assert!(
        o.reasons().contains(&"La voie d'accès n'est pas renseignée, et le référentiel ne fixe de période minimale en entreprise que pour certaines voies.".to_owned()),
        "{:#?}",
        o.reasons()
    );
}

#[test]
fn a_rule_that_cannot_apply_is_located_in_the_referential() {
    let broken = R004.replacen(
        "  penalties:",
        "  company_time:\n    max: 280\n  penalties:",
        1,
    );
    let o = scenario(&broken, "route: initial\n");
    let errors: Vec<String> = o
        .checked
        .diagnostics
        .iter()
        .map(|d| d.headline())
        .filter(|h| h.contains("company"))
        .collect();
    assert_eq!(
        errors,
        [
            "content/referentials/r.yaml:29:5: error: a minimum period in company needs `hours` (a candidate presenting every bloc) or `per_bloc` (one presenting some blocs)"
        ]
    );
}

#[test]
fn the_referential_page_states_the_minimum_period() {
    let o = scenario(&r004(), "route: apprenticeship\n");
    let rules = o.referential_rules();
    assert!(
        rules.contains(&"Période minimale en entreprise 280 h pour l'ensemble des blocs ; 105 h par bloc présenté en validation partielle ; dans la limite de 280 h ; voies : Formation initiale, Formation continue, Apprentissage, Executive ; réductible jusqu'à 105 h après positionnement (Executive)".to_owned()),
        "{rules:#?}"
    );
}

#[test]
fn the_french_word_finds_the_field() {
    let o = scenario(&r004(), "route: initial\nstage: { hours: 300 }\n");
    assert_eq!(o.diagnostics(), ["4:1: error: unknown field `stage`"]);
    assert_eq!(
        o.suggestions(),
        ["did you mean `company_time`? (field names are in English)"]
    );
}
