//! A blind audit of the certification decision: scenarios written from the three source
//! referentials' own sentences (not from refolio's code), each run on the bundled
//! transcriptions (`content/referentials/`) with one candidate, and judged on the decision
//! `refolio check --report json` gives. The sentence each scenario comes from is quoted
//! above it; AUDIT.md lists the findings.

use std::path::Path;

use serde_json::Value;

use super::common::{repo_root, run};

const INTL: &str = "developpement-commercial-international";
const DC: &str = "developpement-commercial";
const BD: &str = "business-developer";

/// A site with the bundled referential `referential` and one candidate `x` whose passport
/// is `passport`; returns (exit code, the candidate's report or Null, stderr).
fn decide(referential: &str, passport: &str) -> (i32, Value, String) {
    decide_edited(referential, |y| y, passport)
}

/// As [`decide`], the referential's YAML first changed by `edit`.
fn decide_edited(
    referential: &str,
    edit: impl Fn(String) -> String,
    passport: &str,
) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "refolio.toml", "[candidates]\nallow_gaps = true\n");
    let yaml = std::fs::read_to_string(
        repo_root().join(format!("content/referentials/{referential}.yaml")),
    )
    .unwrap();
    write(
        root,
        &format!("content/referentials/{referential}.yaml"),
        &edit(yaml),
    );
    write(
        root,
        "content/candidates/x/passport.yaml",
        &format!("name: X\nreferential: {referential}\n{passport}"),
    );
    let (code, stdout, stderr) = run(root, &["check", "--report", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    let candidate = report["candidates"][0].clone();
    (code, candidate, stderr)
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The decision that passes (exit 0), with its report.
fn ok(referential: &str, passport: &str) -> Value {
    let (code, c, stderr) = decide(referential, passport);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(code, 0, "unexpected errors: {errors:#?}");
    c
}

/// The passport is refused; returns the error lines.
fn refused(referential: &str, passport: &str) -> String {
    let (code, _, stderr) = decide(referential, passport);
    assert_eq!(code, 1, "expected an error, got none: {stderr}");
    stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn kind(c: &Value) -> &str {
    c["decision"]["kind"].as_str().unwrap_or("?")
}

fn awarded(c: &Value) -> Vec<&str> {
    c["decision"]["blocs"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn bloc(c: &Value, id: &str) -> String {
    c["bloc_outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == id)
        .map(|b| b["verdict"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| format!("no outcome for {id}"))
}

fn competence(c: &Value, id: &str) -> String {
    c["competences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == id)
        .map(|b| b["verdict"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| format!("no verdict for {id}"))
}

/// Every reason text of the report (title, blocs, competences, professional evaluation…).
fn all_text(c: &Value) -> String {
    let mut out = String::new();
    collect(c, &mut out);
    out
}

fn collect(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(t)) = m.get("text") {
                out.push_str(t);
                out.push('\n');
            }
            if let Some(Value::String(k)) = m.get("key") {
                out.push_str(k);
                out.push('\n');
            }
            m.values().for_each(|x| collect(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn defaults(c: &Value) -> Vec<&str> {
    c["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

// ---------------------------------------------------------------------------------------
// Source 004: Responsable de développement commercial à l'international (RNCP36395).
// ---------------------------------------------------------------------------------------

/// A first session of an apprentice presenting every bloc: `marks` and `pro` are the YAML
/// of `results.marks` and `results.professional_parts`.
fn intl(marks: &str, pro: &str) -> String {
    format!(
        "route: apprenticeship\nsession: 2026-06-18\ncompany_time: {{ hours: 1000 }}\n\
         results:\n  marks: {marks}\n  professional_parts: {pro}\n"
    )
}

const GOOD_PRO: &str = "{ ecrit: 45, oral: 75, tuteur: 30 }";

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
    );
}

/// The criteria exemption is source 001's rule; source 004 has none.
#[test]
fn intl_has_no_criteria_exemption() {
    refused(
        INTL,
        "route: apprenticeship\nsession: 2026-06-18\nexemptions:\n  - criterion: B1.cr1\n    \
         reason: Avis du référent handicap\n",
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

// ---------------------------------------------------------------------------------------
// Source 000: Responsable du développement commercial.
// ---------------------------------------------------------------------------------------

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

/// Criteria results: for each competence, how many of its criteria are true (the first
/// ones), the rest false; competences left out get every criterion true.
fn dc_criteria(true_counts: &[(&str, usize)]) -> String {
    let mut out = String::from("results:\n  criteria:\n");
    for (c, n) in DC_COMPETENCES {
        let t = true_counts
            .iter()
            .find(|(id, _)| *id == c)
            .map_or(n, |(_, t)| *t);
        for i in 1..=n {
            out.push_str(&format!("    Cr{c}.{i}: {}\n", i <= t));
        }
    }
    out
}

fn dc(true_counts: &[(&str, usize)], interview: &str) -> String {
    format!(
        "route: apprenticeship\nsession: 2026-06-18\n{}{interview}",
        dc_criteria(true_counts)
    )
}

const GO_OK: &str = "  final_interview: { result: validated, date: 2026-06-30 }\n";

/// "Une compétence est validée si plus de 50% de ses critères d'évaluation le sont.": 4 of
/// 8 is exactly 50 %, not more; 5 of 8 is.
#[test]
fn dc_competence_needs_more_than_half_of_its_criteria() {
    let c = ok(DC, &dc(&[("1.1", 4), ("2.1", 3)], GO_OK));
    assert_eq!(competence(&c, "C1.1"), "not-validated", "{}", all_text(&c));
    assert_eq!(competence(&c, "C2.1"), "validated", "3 of 5");
    let c = ok(DC, &dc(&[("1.1", 5)], GO_OK));
    assert_eq!(competence(&c, "C1.1"), "validated");
}

/// "Condition de validation du Bloc 2 : Validation des 3 compétences."
#[test]
fn dc_bloc2_needs_its_three_competences() {
    let c = ok(DC, &dc(&[("2.3", 4)], GO_OK));
    assert_eq!(competence(&c, "C2.3"), "not-validated");
    assert_eq!(bloc(&c, "B2"), "not-validated", "{}", all_text(&c));
    assert_ne!(kind(&c), "full");
}

/// The text says how bloc 2 is validated, not blocs 1 and 3, nor how the title is awarded:
/// refolio's defaults, each said as one.
#[test]
fn dc_full_title_rests_on_stated_defaults() {
    let c = ok(DC, &dc(&[], GO_OK));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let d = defaults(&c);
    assert!(d.iter().any(|k| k.contains("bloc")), "{d:?}");
    assert!(
        d.iter()
            .any(|k| k.contains("all_blocs") || k.contains("title")),
        "the title's rule is a default: {d:?}"
    );
}

/// "L'ensemble des évaluations constitue le dossier Bilan du candidat qui comporte les
/// indices nécessaires au jury de Grand oral": Grand oral not validated, no title. What is
/// left of the blocs, the text does not say: a default said, or the jury's.
#[test]
fn dc_grand_oral_failed() {
    let c = ok(
        DC,
        &dc(
            &[],
            "  final_interview: { result: not-validated, date: 2026-06-30 }\n",
        ),
    );
    assert_ne!(kind(&c), "full", "{}", all_text(&c));
    if kind(&c) == "partial" {
        assert!(
            defaults(&c).iter().any(|k| k.contains("partial")),
            "the blocs kept are refolio's default, said: {:?}",
            defaults(&c)
        );
    } else {
        assert_eq!(kind(&c), "undecided");
    }
}

#[test]
fn dc_grand_oral_not_held_yet() {
    let c = ok(DC, &dc(&[], ""));
    assert_eq!(kind(&c), "undecided", "{}", all_text(&c));
}

/// A criterion without a result: pending, not refused.
#[test]
fn dc_missing_criterion_is_undecided() {
    let mut p = dc(&[], GO_OK);
    p = p.replace("    Cr3.2.9: true\n", "");
    let c = ok(DC, &p);
    assert_eq!(competence(&c, "C3.2"), "undecided", "{}", all_text(&c));
    assert_eq!(kind(&c), "undecided");
}

// ---------------------------------------------------------------------------------------
// Source 001: Business development referential.
// ---------------------------------------------------------------------------------------

const BD_COMPETENCES: [(&str, usize); 18] = [
    ("C1.1", 5),
    ("C1.2", 2),
    ("C1.3", 4),
    ("C1.4", 6),
    ("C1.5", 3),
    ("C2.1", 7),
    ("C2.2", 4),
    ("C2.3", 3),
    ("C2.4", 4),
    ("C3.1", 4),
    ("C3.2", 5),
    ("C3.3", 3),
    ("C4.1", 4),
    ("C4.2", 4),
    ("C4.3", 2),
    ("C4.4", 4),
    ("C5.1", 4),
    ("C5.2", 3),
];

/// Every criterion of `prefix`'s competences true, except those in `except` (false) and in
/// `leave_out` (no result).
fn bd_criteria(prefix: &str, except: &[&str], leave_out: &[&str]) -> String {
    let mut out = String::from("  criteria:\n");
    for (c, n) in BD_COMPETENCES.iter().filter(|(c, _)| c.starts_with(prefix)) {
        for i in 1..=*n {
            let id = format!("{c}.cr{i}");
            if leave_out.contains(&id.as_str()) {
                continue;
            }
            out.push_str(&format!("    {id}: {}\n", !except.contains(&id.as_str())));
        }
    }
    out
}

/// The text states no rule of validation for a competence, a bloc or the title: refolio's
/// defaults, said.
#[test]
fn bd_every_rule_is_a_stated_default() {
    let c = ok(
        BD,
        &format!(
            "route: continuing\nsession: 2026-06-18\nresults:\n{}",
            bd_criteria("C", &[], &[])
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let d = defaults(&c);
    assert!(d.contains(&"default_competence_all"), "{d:?}");
    assert!(d.contains(&"default_bloc_competences"), "{d:?}");
    assert!(d.contains(&"default_all_blocs"), "{d:?}");
}

/// "Sur avis motivé du référent handicap le jury de certification peut décider d'exempter
/// le candidat de certains critères d'évaluation": the exempted criterion does not count.
#[test]
fn bd_disability_exemption_of_a_criterion() {
    let c = ok(
        BD,
        &format!(
            "route: continuing\nsession: 2026-06-18\nexemptions:\n  - criterion: C1.3.cr2\n    \
             reason: Avis motivé du référent handicap du 2 mars 2026\n    date: 2026-03-10\n\
             results:\n{}",
            bd_criteria("C", &[], &["C1.3.cr2"])
        ),
    );
    assert_eq!(competence(&c, "C1.3"), "validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "full");
}

/// "Sur avis motivé": an exemption without its motive is refused.
#[test]
fn bd_exemption_needs_its_motive() {
    refused(
        BD,
        "route: continuing\nsession: 2026-06-18\nexemptions:\n  - criterion: C1.3.cr2\n",
    );
}

/// "Lorsqu'un candidat se présente uniquement sur un bloc de compétences (capitalisation de
/// bloc) […] le candidat doit présenter un « dossier professionnel » […] Les critères
/// restent les mêmes.": the dossier replaces the modality, said, and the bloc is still
/// decided by its criteria.
#[test]
fn bd_single_bloc_dossier_professionnel() {
    let single = |except: &[&str]| {
        format!(
            "route: continuing\nblocs: [B3]\nsession: 2026-06-18\nresults:\n{}",
            bd_criteria("C3", except, &[])
        )
    };
    let c = ok(BD, &single(&[]));
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B3"]);
    assert!(
        all_text(&c).contains("Dossier professionnel"),
        "{}",
        all_text(&c)
    );
    let c = ok(BD, &single(&["C3.3.cr1"]));
    assert_eq!(
        bloc(&c, "B3"),
        "not-validated",
        "the criteria still decide: {}",
        all_text(&c)
    );
}

/// The dossier professionnel is for a candidate presenting one bloc only.
#[test]
fn bd_dossier_professionnel_refused_for_two_blocs() {
    refused(
        BD,
        "route: continuing\nblocs: [B3, B4]\nsession: 2026-06-18\nresults:\n  substitutes: \
         { B3: validated }\n",
    );
}

/// A bloc failed on one criterion under the default rule; the others are kept, and keeping
/// them is the referential's "capitalisation de bloc".
#[test]
fn bd_one_bloc_failed_keeps_the_others() {
    let c = ok(
        BD,
        &format!(
            "route: continuing\nsession: 2026-06-18\nresults:\n{}",
            bd_criteria("C", &["C5.2.cr1"], &[])
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B4"]);
}

/// "Sur avis motivé du référent handicap le jury de certification peut décider d'exempter
/// le candidat de certains critères d'évaluation": a competence whose every criterion is
/// exempted is validated by exemption, and the reasoning says so.
#[test]
fn bd_competence_with_every_criterion_exempted() {
    let c = ok(
        BD,
        &format!(
            "route: continuing\nblocs: [B1]\nsession: 2026-06-18\nexemptions:\n  - {{ criterion: \
             C1.2.cr1, reason: Avis motivé }}\n  - {{ criterion: C1.2.cr2, reason: Avis motivé }}\n\
             results:\n{}",
            bd_criteria("C1", &[], &["C1.2.cr1", "C1.2.cr2"])
        ),
    );
    assert_eq!(competence(&c, "C1.2"), "validated", "{}", all_text(&c));
    let reasons = c["competences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "C1.2")
        .unwrap()["reasons"]
        .to_string();
    assert!(reasons.contains("exempt"), "{reasons}");
}

// ---------------------------------------------------------------------------------------
// Source 004, further cases.
// ---------------------------------------------------------------------------------------

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

/// "pénalité de 5% / 10% / 15% de la note globale": no other penalty.
#[test]
fn intl_penalty_not_in_the_grid_is_refused() {
    let e = refused(
        INTL,
        &intl(
            "{ B1: 60, B2: 135, B3: 150, B4: 105, B5: validated }",
            "{ ecrit: 45, oral: 75, tuteur: { result: 30, penalty: 20 } }",
        ),
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
    );
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

// ---------------------------------------------------------------------------------------
// Source 000, further cases.
// ---------------------------------------------------------------------------------------

/// The Grand oral has no scale in the text: a mark cannot be written for it.
#[test]
fn dc_grand_oral_has_no_mark() {
    let e = refused(
        DC,
        "route: apprenticeship\nsession: 2026-06-18\nresults:\n  final_interview: { result: \
         14/20 }\n",
    );
    assert!(e.contains("Grand oral"), "{e}");
}

/// Source 000 states no exemption of criteria.
#[test]
fn dc_has_no_criteria_exemption() {
    refused(
        DC,
        "route: apprenticeship\nsession: 2026-06-18\nexemptions:\n  - criterion: Cr1.1.1\n    \
         reason: Avis\n",
    );
}

/// Bloc 1's rule is not stated: with C1.2 at 3 of 6 (not more than 50 %), bloc 1 fails by
/// refolio's default (every competence), said in the bloc's reasoning.
#[test]
fn dc_bloc1_failed_by_a_stated_default() {
    let c = ok(DC, &dc(&[("1.2", 3)], GO_OK));
    assert_eq!(competence(&c, "C1.2"), "not-validated");
    assert_eq!(bloc(&c, "B1"), "not-validated", "{}", all_text(&c));
    let b1 = c["bloc_outcomes"][0]["reasons"].to_string();
    assert!(b1.contains("default_bloc_competences"), "{b1}");
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
    let summary = super::common::texts(&doc, "dl.decisions").join(" | ");
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
    );
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
