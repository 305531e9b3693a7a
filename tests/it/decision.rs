//! Decision scenarios written from the referentials' own text: a small site per scenario
//! (`scenario`), checked through the whole pipeline. Each asserts the decision, the reasons
//! the jury reads (in French, as printed), and every located diagnostic. This file holds
//! the harness and source 004's grid (points, statuses, retakes, Executive portfolio, CCE,
//! the jury); sources 000 and 001 are in `decision_sources`, sessions and fraud in
//! `decision_sessions`, another certifier in `decision_other`, the company time and the
//! professional retakes in their own files, the blind audit in `decision_audit`.

use std::collections::BTreeMap;
use std::path::Path;

use refolio::Checked;

use crate::common::first;
use refolio::validate::title::Decision;

/// The rules of source 004, as content/ writes them, over five small blocs.
pub(crate) const R004: &str = r#"title: Grille de type 004
rules:
  bloc_pass_percent: 50
  total_points: 1000
  pass_mark: 500
  pass_average: 10/20
  professional_evaluation:
    points: 250
    minimum: 125
    exemptible_routes: [continuing, executive]
    parts:
    - { id: ecrit, title: Écrit, points: 75 }
    - { id: oral, title: Soutenance, points: 125 }
    - { id: tuteur, title: Évaluation tuteur, points: 50 }
  partial_certification: true
  statuses:
    exams:
      absent: { consequence: not-validated, retake: false }
      absent-excused: { consequence: not-validated, retake: true }
      fraud: session-void
    professional:
      absent: not-validated
      not-submitted: not-validated
    modules:
      absent: zero
  retakes:
    per_bloc: 1
  penalties: [5, 10, 15]
  substitutions:
  - title: Portefeuille de preuves
    routes: [executive]
    blocs: [B1, B2, B3, B4]
blocs:
- id: B1
  title: Bloc un
  points: 100
  minimum: 40
  activities:
  - { id: A1, title: Activité un, competences: [{ id: C1, text: Compétence un, criteria: [Critère un] }] }
  modalities:
  - { id: E1, title: Dossier écrit, kind: written, points: 100, evaluates: [C1] }
- id: B2
  title: Bloc deux
  points: 225
  minimum: 90
  activities:
  - { id: A2, title: Activité deux, competences: [{ id: C2, text: Compétence deux, criteria: [Critère deux] }] }
  modalities:
  - { id: E2.1, title: Étude de cas, kind: case-study, points: 150, evaluates: [C2] }
  - { id: E2.2, title: Outils, kind: case-study, points: 50, evaluates: [C2] }
  - { id: E2.3, title: Analyse, kind: case-study, points: 25, evaluates: [C2] }
- id: B3
  title: Bloc trois
  points: 250
  minimum: 100
  activities:
  - { id: A3, title: Activité trois, competences: [{ id: C3, text: Compétence trois, criteria: [Critère trois] }] }
  modalities:
  - { id: E3, title: Oral, kind: oral, points: 250, evaluates: [C3] }
- id: B4
  title: Bloc quatre
  points: 175
  minimum: 70
  activities:
  - { id: A4, title: Activité quatre, competences: [{ id: C4, text: Compétence quatre, criteria: [Critère quatre] }] }
  modalities:
  - { id: E4, title: Projet, kind: project, points: 175, evaluates: [C4] }
- id: B5
  title: Spécialisation
  validation: certificate
  required: false
  modalities:
  - { id: E5, title: Certificat de compétences en entreprise, kind: continuous, evaluates: [B5] }
  modules:
  - { id: M5.1, title: Marketing international, hours: 21 }
"#;

pub(crate) struct Outcome {
    pub(crate) checked: Checked,
    pub(crate) _dir: tempfile::TempDir,
}

/// Checks a site of one referential and one candidate `cand` with `passport` (its
/// `referential:` line added). Gaps are warnings: these scenarios are about results.
pub(crate) fn scenario(referential: &str, passport: &str) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "refolio.toml",
        "title = \"t\"\n[candidates]\nallow_gaps = true\n",
    );
    write("content/referentials/r.yaml", referential);
    write(
        "content/candidates/cand/passport.yaml",
        &format!("name: Candidate\nreferential: r\n{passport}"),
    );
    let checked = refolio::check(dir.path()).expect("site loads");
    Outcome { checked, _dir: dir }
}

impl Outcome {
    pub(crate) fn decision(&self) -> &Decision {
        &first(&self.checked.dossiers).decision
    }

    /// Errors and warnings other than coverage gaps, as `line:col: severity: message`.
    pub(crate) fn diagnostics(&self) -> Vec<String> {
        self.checked
            .diagnostics
            .iter()
            .filter(|d| !d.message.contains("is not demonstrated by any evidence"))
            .map(|d| {
                let h = d.headline();
                let rel = Path::new("content/candidates/cand/passport.yaml:");
                h.replace(rel.to_str().unwrap(), "")
            })
            .collect()
    }

    pub(crate) fn suggestions(&self) -> Vec<String> {
        self.checked
            .diagnostics
            .iter()
            .filter(|d| !d.message.contains("is not demonstrated by any evidence"))
            .filter_map(|d| d.suggestion.clone())
            .collect()
    }

    /// The lines of the rules section of the referential's page, built.
    pub(crate) fn referential_rules(&self) -> Vec<String> {
        let out = crate::common::build_in_memory(self._dir.path());
        let doc = crate::common::html(&out, "r/index.html");
        crate::common::texts(&doc, "section.rules dl div")
    }

    /// The title's reasons as the dossier prints them.
    pub(crate) fn reasons(&self) -> Vec<String> {
        texts(&first(&self.checked.dossiers).reasons)
    }

    /// A bloc's reasons as printed.
    pub(crate) fn bloc(&self, id: &str) -> (refolio::validate::rules::Verdict, Vec<String>) {
        let r = first(&self.checked.site.referentials);
        let d = first(&self.checked.dossiers);
        let b = d.blocs.iter().find(|b| r.blocs[b.bloc].id == id).expect(id);
        (b.outcome.verdict, texts(&b.outcome.reasons))
    }
}

fn french() -> BTreeMap<String, String> {
    refolio::render::default_translations().unwrap()["fr"].clone()
}

pub(crate) fn texts(reasons: &[refolio::validate::rules::Reason]) -> Vec<String> {
    let fr = french();
    reasons
        .iter()
        .map(|r| r.format_with(&fr[r.key], |k| fr[k].as_str()))
        .collect()
}

pub(crate) fn partial(ids: &[&str]) -> Decision {
    Decision::Partial(ids.iter().map(|s| s.to_string()).collect())
}

pub(crate) const MARKS_OK: &str =
    "    B1: 68\n    E2.1: 14/20\n    E2.2: 31\n    E2.3: 17\n    B3: 162\n    E4: 114\n";
pub(crate) const PRO_OK: &str =
    "  professional_parts:\n    ecrit: 52\n    oral: 90\n    tuteur: 40\n";

use refolio::validate::rules::Verdict::{NotValidated, Validated};

#[test]
fn the_grid_of_004_gives_full_certification() {
    let o = scenario(
        R004,
        &format!(
            "route: apprenticeship\nresults:\n  marks:\n{MARKS_OK}    B5: validated\n{PRO_OK}"
        ),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), Decision::Full);
    let reasons = o.reasons();
    assert!(
        reasons.contains(&"Total 679/1000, au moins 500 points.".to_owned()),
        "{reasons:#?}"
    );
    assert!(
        reasons.contains(
            &"Évaluation professionnelle 182/250, au moins le minimum de 125.".to_owned()
        ),
        "{reasons:#?}"
    );
    assert_eq!(
        o.bloc("B5"),
        (Validated, vec!["Certificat : ✔ validé.".to_owned()])
    );
}

#[test]
fn an_unexcused_absence_fails_the_bloc_whatever_the_total() {
    let o = scenario(
        R004,
        &format!(
            "route: apprenticeship\nresults:\n  marks:\n    B1: 100\n    E2.1: 150\n    E2.2: absent\n    E2.3: 25\n    B3: 250\n    E4: 175\n{PRO_OK}"
        ),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    let (verdict, reasons) = o.bloc("B2");
    assert_eq!(verdict, NotValidated);
    assert_eq!(
        reasons,
        [
            "E2.2 : Absent (non excusé) ; conséquence prévue par le référentiel : bloc non validé, ce que le total ne compense pas."
        ]
    );
    assert_eq!(*o.decision(), partial(&["B1", "B3", "B4"]));
    assert!(
        o.reasons().contains(
            &"Bloc non validé par une absence ou un statut, que le total ne compense pas : B2."
                .to_owned()
        )
    );
}

#[test]
fn an_excused_absence_is_made_up_at_a_retake_that_keeps_the_other_marks() {
    let o = scenario(
        R004,
        &format!(
            "route: apprenticeship\nattempts:\n- session: 2026-06-18\n  marks:\n    B1: 68\n    E2.1: 14/20\n    E2.2: {{ result: absent-excused, reason: certificat médical }}\n    E2.3: 17\n    B3: 162\n    E4: 114\n    B5: validated\n{}- session: 2026-09-15\n  kind: retake\n  marks:\n    E2.2: 31\n",
            PRO_OK
        ),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    let (verdict, reasons) = o.bloc("B2");
    assert_eq!(verdict, Validated);
    assert_eq!(
        reasons.last().unwrap(),
        "Bloc validé à la session du 2026-09-15."
    );
    let d = first(&o.checked.dossiers);
    assert_eq!(d.blocs[1].awarded.as_deref(), Some("2026-09-15"));
    assert_eq!(d.blocs[0].awarded.as_deref(), Some("2026-06-18"));
    assert_eq!(*o.decision(), Decision::Full);
}

#[test]
fn no_retake_after_an_unexcused_absence_and_one_retake_at_most() {
    // 004: a retake "dans ces seuls cas" of an accepted reason; "une seule fois par bloc".
    let absent = scenario(
        R004,
        "route: apprenticeship\nattempts:\n- session: 2026-06-18\n  marks:\n    E2.1: 100\n    E2.2: absent\n    E2.3: 20\n- session: 2026-09-15\n  kind: retake\n  marks:\n    E2.2: 40\n",
    );
    assert_eq!(
        absent.diagnostics(),
        [
            "10:3: error: cand: the session of 2026-09-15 cannot count for bloc B2: the referential offers no retake after `absent`"
        ]
    );
    assert_eq!(absent.bloc("B2").0, NotValidated);
    let twice = scenario(
        R004,
        "route: apprenticeship\nattempts:\n- session: 2026-06-18\n  marks:\n    E2.1: 10\n    E2.2: 10\n    E2.3: 5\n- session: 2026-09-15\n  kind: retake\n  marks:\n    E2.1: 20\n- session: 2027-01-15\n  kind: retake\n  marks:\n    E2.1: 150\n",
    );
    assert_eq!(
        twice.diagnostics(),
        [
            "14:3: error: cand: the session of 2027-01-15 cannot count for bloc B2: the referential allows one retake per bloc"
        ]
    );
    let (verdict, reasons) = twice.bloc("B2");
    assert_eq!(verdict, NotValidated);
    assert!(reasons.contains(&"Session du 2027-01-15 non retenue pour ce bloc : le référentiel limite les rattrapages par bloc à 1.".to_owned()), "{reasons:#?}");
}

#[test]
fn a_fraud_voids_its_session() {
    let o = scenario(
        R004,
        &format!("route: apprenticeship\nsession: 2026-06-18\nresults:\n  marks:\n{MARKS_OK}    E1: fraud\n    B5: validated\n{PRO_OK}").replace("    B1: 68\n", ""),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    for b in ["B1", "B2", "B3", "B4"] {
        let (verdict, reasons) = o.bloc(b);
        assert_eq!(verdict, NotValidated, "{b}");
        assert_eq!(
            reasons[0],
            "Session du 2026-06-18 : Fraude ; la session est annulée, aucun bloc n'y est validé.",
            "{b}"
        );
    }
    assert_eq!(*o.decision(), Decision::NotAwarded);
}

#[test]
fn an_executive_replaces_a_blocs_exams_by_a_portfolio() {
    let o = scenario(
        R004,
        "route: executive\nblocs: [B1]\nresults:\n  substitutes:\n    B1: validated\n",
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(
        o.bloc("B1"),
        (
            Validated,
            vec![
                "Épreuves du bloc remplacées par : Portefeuille de preuves.".to_owned(),
                "B1 (Portefeuille de preuves) : ✔ validé (résultat enregistré).".to_owned()
            ]
        )
    );
    assert_eq!(*o.decision(), partial(&["B1"]));
    let apprentice = scenario(
        R004,
        "route: apprenticeship\nblocs: [B1]\nresults:\n  substitutes:\n    B1: validated\n",
    );
    assert_eq!(
        apprentice.diagnostics(),
        [
            "7:5: error: no substitution of the exams of B1 applies to this candidate (apprenticeship)"
        ]
    );
    assert_eq!(
        apprentice.suggestions(),
        ["the referential provides: Portefeuille de preuves (executive)"]
    );
}

#[test]
fn an_employee_exempted_from_the_professional_evaluation_is_judged_on_the_stated_average() {
    let o = scenario(
        R004,
        &format!(
            "route: executive\nresults:\n  marks:\n{MARKS_OK}    B5: validated\n  professional_evaluation: {{ result: exempted, reason: \"salariée, positionnement du 2025-09-01\" }}\n"
        ),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), Decision::Full);
    let reasons = o.reasons();
    assert!(reasons.contains(&"Seuil ramené à 375 sur les 750 points qui s'appliquent (moyenne de 10/20 énoncée par le référentiel).".to_owned()), "{reasons:#?}");
    let apprentice = scenario(
        R004,
        "route: apprenticeship\nresults:\n  professional_evaluation: { result: exempted, reason: salariée }\n",
    );
    assert_eq!(
        apprentice.diagnostics(),
        [
            "5:28: error: the professional evaluation can be exempted for the routes continuing, executive only, not apprenticeship"
        ]
    );
}

#[test]
fn missing_the_defence_refuses_the_title_and_keeps_the_blocs() {
    let o = scenario(
        R004,
        &format!(
            "route: apprenticeship\nresults:\n  marks:\n{MARKS_OK}  professional_parts:\n    ecrit: 52\n    oral: absent\n    tuteur: 40\n"
        ),
    );
    assert_eq!(o.diagnostics(), Vec::<String>::new());
    assert_eq!(*o.decision(), partial(&["B1", "B2", "B3", "B4"]));
    assert!(o.reasons().iter().any(|r| {
        r.starts_with("oral : Absent (non excusé) ; conséquence prévue par le référentiel")
    }));
}

#[test]
fn the_jury_may_decide_otherwise_but_must_say_why() {
    let base = format!("route: apprenticeship\nresults:\n  marks:\n{MARKS_OK}{PRO_OK}");
    let silent = scenario(
        R004,
        &format!("{base}jury:\n  decision: partial\n  blocs: [B1]\n"),
    );
    assert_eq!(
        silent.diagnostics(),
        [
            "17:13: error: cand: the jury's decision differs from the proposal of the rules, and gives no motive"
        ]
    );
    let motivated = scenario(
        R004,
        &format!(
            "{base}jury:\n  decision: partial\n  blocs: [B1]\n  motive: Fraude constatée après délibération\n"
        ),
    );
    assert_eq!(motivated.diagnostics(), Vec::<String>::new());
    assert!(first(&motivated.checked.dossiers).jury_differs);
    // The proposal stays what the rules give, beside the jury's decision.
    assert_eq!(*motivated.decision(), Decision::Full);
}

#[test]
fn results_the_rules_do_not_provide_for_are_located() {
    let o = scenario(
        R004,
        "route: apprenticeship\nresults:\n  marks:\n    E1: { result: 60, penalty: 20 }\n    E2.1: absnt\n    E2.2: { result: exempted }\n    M5.1: 24\n    E5: 12/20\n",
    );
    assert_eq!(
        o.diagnostics(),
        [
            "6:9: error: a penalty of 20 % is not one the referential provides for",
            "7:11: error: `absnt` is not a mark",
            "8:11: error: the exemption of exam E2.2 needs the jury's reason",
            "9:11: error: module M5.1 has no points in the referential, so `24` cannot be a mark",
            "10:9: error: exam E5 has no points in the referential, so `12/20` cannot be a mark",
        ]
    );
    assert_eq!(
        o.suggestions(),
        [
            "the referential provides for 5 %, 10 %, 15 %",
            "did you mean `absent`?",
            "write it as `{ result: exempted, reason: \"…\" }`",
            "write the mark on its scale, such as `8/10`, `14/20` or `21/30`",
            "record `validated` or `not-validated`, or a status such as `absent`",
        ]
    );
    // A module marked on its own scale is taken, and decides nothing.
    let module = scenario(
        R004,
        "route: apprenticeship\nresults:\n  marks:\n    M5.1: 24/30\n",
    );
    assert_eq!(module.diagnostics(), Vec::<String>::new());
}

#[test]
fn the_referential_page_states_the_process_and_each_blocs_rule() {
    let o = scenario(R004, "route: apprenticeship\n");
    let rules = o.referential_rules();
    for expected in [
        "Moyenne générale exigée 10/20",
        "Dispense possible de l'évaluation professionnelle Formation continue, Executive",
        "Absent (non excusé) — épreuves de bloc bloc non validé, ce que le total ne compense pas ; pas de rattrapage",
        "Absent (non excusé) — évaluation professionnelle et entretien final titre non délivré, blocs validés conservés",
        "Fraude — épreuves de bloc la session est annulée, aucun bloc n'y est validé",
        "Absent (non excusé) — modules de formation la note de 0",
        "Rattrapages 1 par bloc",
        "Pénalités prévues 5 %, 10 %, 15 %",
        "Substitution des épreuves Portefeuille de preuves — Executive — B1, B2, B3, B4",
    ] {
        assert!(
            rules.contains(&expected.to_owned()),
            "{expected}\n{rules:#?}"
        );
    }
    let out = crate::common::build_in_memory(o._dir.path());
    let doc = crate::common::html(&out, "r/index.html");
    let facts = crate::common::texts(&doc, "p.facts");
    assert_eq!(facts.last().unwrap(), "validé par certificat · hors titre");
}

#[test]
fn the_dossier_shows_sessions_marks_and_the_jury_beside_the_proposal() {
    let o = scenario(
        R004,
        &format!(
            "route: apprenticeship\nattempts:\n- session: 2026-06-18\n  marks:\n    B1: 68\n    E2.1: 14/20\n    E2.2: {{ result: absent-excused, reason: certificat médical }}\n    E2.3: 17\n    B3: 162\n    E4: 114\n    B5: {{ result: validated, date: 2026-06-10 }}\n{PRO_OK}- session: 2026-09-15\n  kind: retake\n  marks:\n    E2.2: 31\njury:\n  decision: partial\n  blocs: [B1, B2, B3, B4]\n  motive: Le jury retient une fraude au dossier écrit.\n"
        ),
    );
    let out = crate::common::build_in_memory(o._dir.path());
    let doc = crate::common::html(&out, "candidates/cand/index.html");
    let text = |sel: &str| crate::common::texts(&doc, sel);
    assert_eq!(
        text(".summary dl.decisions dd"),
        [
            "✔ Certification totale",
            "◐ Certification partielle (B1, B2, B3, B4)",
        ]
    );
    assert_eq!(
        text(".decision dl.decisions dd"),
        ["Le jury retient une fraude au dossier écrit."]
    );
    assert_eq!(
        text(".decision p.differs"),
        ["La décision du jury diffère de la proposition."]
    );
    assert_eq!(
        text(".decision ol.sessions li"),
        [
            "Première session — 18 juin 2026",
            "Rattrapage — 15 septembre 2026"
        ]
    );
    // Dates in reasons are written out, as everywhere on the page.
    assert!(
        text("section#b-b2 > ul.reasons li")
            .iter()
            .any(|r| r.contains("session du 15 septembre 2026")),
        "{:?}",
        text("section#b-b2 > ul.reasons li")
    );
    let rows = text("section#b-b2 table.results tbody tr");
    assert_eq!(
        rows,
        [
            "E2.1 Étude de cas 150 105/150 —",
            "E2.2 Outils 50 Absent (motif recevable) — certificat médical 31/50",
            "E2.3 Analyse 25 17/25 —",
        ]
    );
    assert!(text("section#b-b2 .verdict-line")[0].ends_with("Validé le 15 septembre 2026"));
    let b5 = text("section#b-b5 table.results tbody tr");
    assert_eq!(b5, ["B5 Spécialisation — ✔ validé (2026-06-10) —"]);
}

/// Source 004 with its fraud rule read in full: "il devra [...] repasser l'ensemble des
/// évaluations de blocs à la prochaine session", and its retakes of blocs only.
pub(crate) fn r004_full_text() -> String {
    R004.replace(
        "      fraud: session-void",
        "      fraud: { consequence: session-void, retake: true, counted: false }",
    )
    .replace(
        "    per_bloc: 1\n",
        "    per_bloc: 1\n    blocs_only: true\n",
    )
}
