//! Decision scenarios from sources 000 and 001, which state less than 004: 000's
//! competence threshold, bloc 2's condition and its Grand oral; 001's silence on how a
//! competence, a bloc and the title are validated, where every default refolio takes is
//! said; and no reason that claims the title a later condition refuses.

use refolio::validate::title::Decision;

use crate::common::first;
use crate::decision::{partial, scenario, texts};

/// Source 000: a competence is validated over 50 % of its criteria; bloc 2's condition is
/// stated, bloc 1's is not; the Grand oral is a condition without a mark.
const R000: &str = r#"title: Grille de type 000
rules:
  competence_threshold: 50
  final_interview:
    title: Grand oral
    required: true
blocs:
- id: B1
  title: Bloc un
  activities:
  - { id: A1, title: Activité un, competences: [{ id: C1, text: Compétence un, criteria: [Critère a, Critère b, Critère c] }] }
  modalities:
  - { id: E1, title: Étude de cas, kind: case-study, evaluates: [C1] }
- id: B2
  title: Bloc deux
  validation: competences
  activities:
  - { id: A2, title: Activité deux, competences: [{ id: C2, text: Compétence deux, criteria: [Critère d, Critère e] }] }
  modalities:
  - { id: E2, title: Jeu de rôle, kind: simulation, evaluates: [C2] }
"#;

/// Source 001 states no rule of validation at all.
const R001: &str = r#"title: Grille de type 001
rules:
  exemptions: true
  substitutions:
  - title: Dossier professionnel
    single_bloc: true
    keeps_criteria: true
blocs:
- id: B1
  title: Bloc un
  activities:
  - { id: A1, title: Activité un, competences: [{ id: C1, text: Compétence un, criteria: [Critère a] }] }
  modalities:
  - { id: E1, title: Mise en situation, kind: simulation, evaluates: [C1] }
- id: B2
  title: Bloc deux
  activities:
  - { id: A2, title: Activité deux, competences: [{ id: C2, text: Compétence deux, criteria: [Critère b] }] }
  modalities:
  - { id: E2, title: Mise en situation, kind: simulation, evaluates: [C2] }
"#;

#[test]
fn source_000_states_bloc_2s_condition_and_the_grand_oral() {
    let all = "results:\n  criteria:\n    C1.cr1: true\n    C1.cr2: true\n    C1.cr3: false\n    C2.cr1: true\n    C2.cr2: true\n";
    let pending = scenario(R000, all);
    assert_eq!(*pending.decision(), Decision::Undecided);
    assert!(pending.reasons().contains(
        &"Grand oral : pas encore de résultat ; c'est une condition du titre.".to_owned()
    ));
    // Bloc 1's condition is refolio's default, said as such; bloc 2's is the certifier's.
    assert_eq!(
        pending.bloc("B1").1[0],
        "Règle par défaut de refolio, non énoncée par le certificateur pour ce bloc : il est validé quand toutes ses compétences le sont."
    );
    assert_eq!(
        pending.bloc("B2").1,
        ["1 compétence validée sur 1 : bloc validé."]
    );
    let passed = scenario(
        R000,
        &format!(
            "{all}  final_interview: {{ result: validated, date: 2026-06-30, jury: [A. Président, B. Professionnelle] }}\n"
        ),
    );
    assert_eq!(passed.diagnostics(), Vec::<String>::new());
    assert_eq!(*passed.decision(), Decision::Full);
    let failed = scenario(R000, &format!("{all}  final_interview: not-validated\n"));
    assert_eq!(*failed.decision(), partial(&["B1", "B2"]));
    let marked = scenario(R000, &format!("{all}  final_interview: 14/20\n"));
    assert_eq!(
        marked.diagnostics(),
        [
            "10:20: error: the final interview (Grand oral) has no points in the referential, so `14/20` cannot be a mark"
        ]
    );
}

#[test]
fn where_source_001_is_silent_every_default_is_said() {
    let o = scenario(
        R001,
        "results:\n  criteria:\n    C1.cr1: true\n    C2.cr1: false\n",
    );
    assert_eq!(*o.decision(), partial(&["B1"]));
    let d = first(&o.checked.dossiers);
    let mut keys: Vec<&str> = d
        .reasons
        .iter()
        .chain(d.blocs.iter().flat_map(|b| b.outcome.reasons.iter()))
        .filter(|r| r.is_default())
        .map(|r| r.key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    // B2 failed makes the title partial by the same default as all blocs validated would
    // make it full: said too (it was not, before decision10).
    assert_eq!(
        keys,
        [
            "default_all_blocs",
            "default_bloc_competences",
            "default_partial"
        ]
    );
    let r = first(&o.checked.site.referentials);
    assert_eq!(d.competences[0].reasons(r)[1].key, "default_competence_all");
    // A single-bloc candidate presents a "dossier professionnel"; the criteria decide still.
    let single = scenario(
        R001,
        "blocs: [B2]\nresults:\n  criteria:\n    C2.cr1: true\n",
    );
    assert_eq!(
        single.bloc("B2").1[0],
        "Modalité remplacée par : Dossier professionnel ; les critères restent les mêmes."
    );
    assert_eq!(*single.decision(), partial(&["B2"]));
}

#[test]
fn no_reason_claims_the_title_that_a_later_condition_refuses() {
    // Source 000: every bloc validated, the Grand oral not: the blocs are kept, and no
    // line of the reasoning says "certification totale".
    let o = scenario(
        R000,
        "results:\n  criteria:\n    C1.cr1: true\n    C1.cr2: true\n    C1.cr3: false\n    C2.cr1: true\n    C2.cr2: true\n  final_interview: not-validated\n",
    );
    assert_eq!(*o.decision(), partial(&["B1", "B2"]));
    assert_eq!(
        o.reasons(),
        [
            "Tous les blocs requis sont validés.",
            "Règle par défaut de refolio, non énoncée par le certificateur : la certification totale demande que tous les blocs soient validés.",
            "Grand oral : ✘ non validé.",
            "La personne candidate conserve le bénéfice des blocs validés : B1, B2.",
            "Règle par défaut de refolio, non énoncée par le certificateur : les blocs validés sont conservés (blocs capitalisables).",
        ]
    );
    // Source 001 lets the jury exempt "certains critères" as long as "cela ne remet pas en
    // question la capacité professionnelle globale": with every criterion of a competence
    // exempted, that is the jury's judgement, and the reasoning leaves it to the jury.
    let o = scenario(
        R001,
        "exemptions:\n  - criterion: C1.cr1\n    reason: avis du référent handicap\nresults:\n  criteria:\n    C2.cr1: true\n",
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    let r = first(&o.checked.site.referentials);
    let d = first(&o.checked.dossiers);
    assert_eq!(
        texts(&d.competences[0].reasons(r)),
        [
            "1 critère dispensé par le jury ne compte pas.",
            "Tous ses critères sont dispensés par le jury.",
            "Aucun critère ne reste à compter : le certificateur permet de dispenser de certains critères dans la mesure où cela ne remet pas en question la capacité professionnelle globale ; c'est au jury d'en juger, refolio ne décide pas (décision laissée au jury).",
        ]
    );
    assert_eq!(
        texts(&d.competences[1].reasons(r))[0],
        "1 critère validé sur 1 pris en compte."
    );
}
