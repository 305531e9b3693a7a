//! Decision scenarios for a certifier unlike the three sources, whose rules refolio must
//! express as well: competences validated at "au moins 50 %" of their criteria, an exam
//! minimum, a bloc of competences evaluated directly ("au moins 3 sur 4"), two retakes
//! keeping the better mark, a retake's mark capped at 10/20.

use refolio::validate::rules::Verdict::{NotValidated, Validated};

use crate::common::first;
use crate::decision::{partial, scenario, texts};

/// A certifier unlike the three sources: competences "au moins 50 %", an exam minimum, a bloc
/// of competences evaluated directly with "au moins 3 sur 4", two retakes keeping the better
/// mark, a retake's mark capped at 10/20.
pub(crate) const ROTHER: &str = r#"title: Autre certificateur
rules:
  competence_at_least: 50
  bloc_pass_percent: 50
  retakes: { per_bloc: 2, keep: best, cap: 10/20 }
blocs:
- id: B1
  title: Bloc un
  points: 40
  activities:
  - { id: A1, title: Activité, competences: [{ id: C1, text: Compétence, criteria: [Critère x, Critère y] }] }
  modalities:
  - { id: E1, title: Écrit, kind: written, points: 20, minimum: 6, evaluates: [C1] }
  - { id: E2, title: Oral, kind: oral, points: 20, evaluates: [C1] }
- id: B2
  title: Bloc deux
  validation: competences
  competences_share: 75
  activities:
  - id: A2
    title: Activité
    competences:
    - { id: C2, text: Compétence, criteria: [Critère] }
    - { id: C3, text: Compétence, criteria: [Critère] }
    - { id: C4, text: Compétence, criteria: [Critère] }
    - { id: C5, text: Compétence, criteria: [Critère] }
  modalities:
  - { id: E3, title: Dossier, kind: project, evaluates: [B2] }
"#;

#[test]
fn other_certifiers_exam_minimums_shares_and_direct_competences() {
    let o = scenario(
        ROTHER,
        "results:\n  criteria:\n    C1.cr1: true\n    C1.cr2: false\n  competences:\n    C2: true\n    C3: true\n    C4: true\n    C5: false\n  marks:\n    E1: 5\n    E2: 20\n",
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(
        o.bloc("B1"),
        (
            NotValidated,
            vec!["E1 : note 5, sous le minimum de 6 de l'épreuve : note éliminatoire.".to_owned()]
        )
    );
    assert_eq!(
        o.bloc("B2"),
        (
            Validated,
            vec!["3 compétences validées sur 4, au moins 75 % : bloc validé.".to_owned()]
        )
    );
    let r = first(&o.checked.site.referentials);
    let d = first(&o.checked.dossiers);
    // "au moins 50 %": one criterion of two is enough.
    assert_eq!(
        texts(&d.competences[0].reasons(r)),
        ["1 critère validé sur 2 (50 %), au moins 50 % : compétence validée."]
    );
    assert_eq!(
        texts(&d.competences[1].reasons(r)),
        ["Compétence évaluée directement : ✔ validé."]
    );
    assert_eq!(*o.decision(), partial(&["B2"]));
}

#[test]
fn a_retake_keeps_the_better_mark_and_is_capped() {
    let o = scenario(
        ROTHER,
        "attempts:\n- session: 2026-06-18\n  marks:\n    E1: 8\n    E2: 9\n- session: 2026-09-15\n  kind: retake\n  marks:\n    E1: 16\n    E2: 7\n",
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    let (verdict, reasons) = o.bloc("B1");
    // E1: 16 capped at 10; E2: the better of 9 and 7. 19 of 40, under 20.
    assert_eq!(verdict, NotValidated);
    assert_eq!(
        reasons[0],
        "Note 19/40, sous la moyenne (20) : bloc non validé."
    );
    let again = scenario(
        ROTHER,
        "attempts:\n- session: 2026-06-18\n  marks:\n    E1: 8\n    E2: 9\n- session: 2026-09-15\n  kind: retake\n  marks:\n    E1: 16\n    E2: 12\n",
    );
    // E2: 12 capped at 10 too: 10 + 10 reaches 20.
    assert_eq!(
        again.bloc("B1").1[0],
        "Note 20/40, au moins la moyenne (20) : bloc validé."
    );
}
