//! Another certifier's rules, none of them from the three sources: an imaginary règlement
//! d'examen (quoted article by article), written in refolio's `rules:` where it can be, and
//! each rule's decision checked; where it cannot, the test shows refolio refuses the field
//! rather than ignoring it (docs/content-format.md, "What `rules:` cannot write").
//!
//! « Institut Atlas — Titre Gestionnaire de l'expérience client. Article 3 : le bloc 1 est
//! évalué par une étude de cas écrite (E1, coefficient 2) et un oral (E2, coefficient 1), le
//! bloc 2 par un projet (E3, coefficient 3), le bloc 3 par une mise en situation (E4,
//! coefficient 2) ; chaque épreuve est notée sur 20. Article 4 : le titre est délivré au
//! candidat qui obtient une moyenne générale pondérée au moins égale à 10/20 ; toute note
//! inférieure à 6/20 à une épreuve est éliminatoire. Article 5 : la compensation ne s'opère
//! qu'entre les blocs d'un même pôle (pôle Relation client : blocs 1 et 2 ; pôle
//! Pilotage : bloc 3). Article 6 : un bloc acquis l'est pour cinq ans à compter de la
//! délibération du jury. Article 7 : le candidat ajourné peut se présenter une fois au
//! rattrapage, dont la note est plafonnée à 10/20 ; une seconde présentation n'est possible
//! qu'après un nouveau parcours de formation. Article 8 : le jury comprend au moins trois
//! membres, dont un représentant des employeurs, et il est présidé par un professionnel du
//! secteur. »

use super::*;

/// One bloc of the règlement: its exams as (ID, coefficient); a coefficient is 20 points,
/// a mark under 6/20 is the exam's `minimum` (Article 4).
fn bloc_yaml(n: u32, exams: &[(&str, u32)]) -> String {
    let points: u32 = exams.iter().map(|(_, k)| k * 20).sum();
    let mut y = format!(
        "  - id: B{n}\n    title: Bloc {n}\n    points: {points}\n    activities:\n      \
         - id: A{n}\n        title: Activité {n}\n        competences:\n          \
         - id: C{n}\n            text: Compétence {n}\n            criteria: [Critère {n}]\n    \
         modalities:\n"
    );
    for (id, k) in exams {
        y.push_str(&format!(
            "      - id: {id}\n        title: Épreuve {id}\n        kind: written\n        \
             points: {}\n        minimum: {}\n        evaluates: [C{n}]\n",
            k * 20,
            k * 6
        ));
    }
    y
}

/// The règlement in `rules:`: Articles 3, 4 and 7 as written; Article 5's poles cannot be
/// (each bloc is judged at 10/20 of its own points instead, which the text does not say).
fn atlas() -> String {
    format!(
        "title: Gestionnaire de l'expérience client\ncertifier: Institut Atlas\nrules:\n  \
         total_points: 160\n  pass_mark: 80\n  pass_average: 10/20\n  bloc_pass_percent: 50\n  \
         partial_certification: true\n  retakes:\n    per_bloc: 1\n    cap: 10/20\n    \
         repeats: apart\n  jury:\n    min_members: 3\n    president: professional\n    \
         composition:\n    - quality: professional\n      at_least: 1\nblocs:\n{}{}{}",
        bloc_yaml(1, &[("E1", 2), ("E2", 1)]),
        bloc_yaml(2, &[("E3", 3)]),
        bloc_yaml(3, &[("E4", 2)]),
    )
}

/// A site holding the règlement (changed by `edit`), one candidate and `sessions`
/// (file stem, YAML); returns (exit code, the candidate's report, stderr).
fn atlas_site(
    edit: impl Fn(String) -> String,
    passport: &str,
    sessions: &[(&str, &str)],
) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "refolio.toml", "[candidates]\nallow_gaps = true\n");
    write(root, "content/referentials/atlas.yaml", &edit(atlas()));
    write(
        root,
        "content/candidates/x/passport.yaml",
        &format!("name: X\nreferential: atlas\n{passport}"),
    );
    for (id, yaml) in sessions {
        write(root, &format!("content/sessions/{id}.yaml"), yaml);
    }
    let (code, stdout, stderr) = run(root, &["check", "--report", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (code, report["candidates"][0].clone(), stderr)
}

fn atlas_ok(passport: &str) -> Value {
    let (code, c, stderr) = atlas_site(|y| y, passport, &[]);
    assert_eq!(code, 0, "{stderr}");
    c
}

fn first(marks: &str) -> String {
    format!("session: 2026-06-20\nresults:\n  marks: {marks}\n")
}

// Articles 3 and 4: the weighted mean is the points' total when each coefficient is 20
// points: (8×2 + 14×1 + 11×3 + 10×2) / 8 = 10.375 ≥ 10, B1 itself at 10/20 exactly.
#[test]
fn coefficients_are_points_and_the_weighted_mean_decides() {
    let c = atlas_ok(&first("{ E1: 8/20, E2: 14/20, E3: 11/20, E4: 10/20 }"));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(all_text(&c).contains("83/160"), "{}", all_text(&c));
    // (7×2 + 12 + 11×3 + 10×2) / 8 = 9.875: no title; the blocs at 10/20 are kept.
    let c = atlas_ok(&first("{ E1: 7/20, E2: 12/20, E3: 11/20, E4: 10/20 }"));
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B2", "B3"]);
}

// Article 4: « toute note inférieure à 6/20 à une épreuve est éliminatoire » — E2 at 5/20
// fails its bloc whatever the mean (12.1 here). Found here: the bloc failed so had no mark,
// and the grid, its total unknown, left the title to the jury (undecided); the bloc's mark
// now counts, and the exam's minimum keeps the title as a bloc's minimum does.
#[test]
fn a_mark_under_6_20_at_any_exam_is_eliminatory() {
    let c = atlas_ok(&first("{ E1: 16/20, E2: 5/20, E3: 12/20, E4: 12/20 }"));
    assert_eq!(bloc(&c, "B1"), "not-validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B2", "B3"]);
    assert!(all_text(&c).contains("Total 97/160"), "{}", all_text(&c));
    assert!(
        all_text(&c).contains("Note éliminatoire dans : B1."),
        "{}",
        all_text(&c)
    );
}

// Article 7: one retake, its mark capped at 10/20; then only a new training period (a
// repeated year, `repeats: apart`) gives another chance.
#[test]
fn one_retake_capped_then_a_new_training_period_only() {
    let passport = "attempts:\n- session: 2026-06-20\n  \
                    marks: { E1: 12/20, E2: 12/20, E3: 4/20, E4: 12/20 }\n\
                    - session: 2026-12-10\n  kind: retake\n  marks: { E3: 16/20 }\n";
    let c = atlas_ok(passport);
    assert_eq!(c["bloc_outcomes"][1]["mark"], "30", "{}", all_text(&c));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let again =
        format!("{passport}- session: 2027-06-20\n  kind: retake\n  marks: {{ E3: 12/20 }}\n");
    let (code, _, stderr) = atlas_site(|y| y, &again, &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot count for bloc B2"), "{stderr}");
    let repeat = again.replace("2027-06-20\n  kind: retake", "2027-06-20\n  kind: repeat");
    let (code, _, stderr) = atlas_site(|y| y, &repeat, &[]);
    assert_eq!(code, 0, "{stderr}");
}

// Article 8: at least three members, a professional presiding. « dont un représentant des
// employeurs » is written as one professional at least: refolio's qualities do not tell an
// employer from an employee.
#[test]
fn a_jury_of_three_at_least_with_a_professional_president() {
    let session = |members: &str| {
        format!(
            "referential: atlas\ndate: 2026-07-01\njury:\n{members}candidates:\n  x: {{ decision: full }}\n"
        )
    };
    let three = "  - name: A\n    role: president\n    quality: professional\n  \
                 - name: B\n    quality: trainer\n  - name: C\n    quality: certifier\n";
    let passport = first("{ E1: 12/20, E2: 12/20, E3: 12/20, E4: 12/20 }");
    let (code, _, stderr) = atlas_site(|y| y, &passport, &[("j1", &session(three))]);
    assert_eq!(code, 0, "{stderr}");
    let two = three.replace("  - name: C\n    quality: certifier\n", "");
    let (code, _, stderr) = atlas_site(|y| y, &passport, &[("j1", &session(&two))]);
    assert_eq!(code, 1);
    assert!(stderr.contains("j1.yaml"), "{stderr}");
}

// Articles 5 and 6 cannot be written: no rule groups blocs into poles compensated apart,
// and none limits how long a bloc stays acquired. Written anyway, they are refused, not
// silently dropped, so the examiner sees refolio does not apply them.
#[test]
fn poles_and_a_five_year_validity_are_refused_not_ignored() {
    let passport = first("{ E1: 12/20, E2: 12/20, E3: 12/20, E4: 12/20 }");
    for rule in ["  validity: 5y\n", "  poles: [[B1, B2], [B3]]\n"] {
        let (code, _, stderr) = atlas_site(
            |y| y.replacen("rules:\n", &format!("rules:\n{rule}"), 1),
            &passport,
            &[],
        );
        assert_eq!(code, 1, "{rule}");
        let key = rule.trim().split(':').next().unwrap();
        assert!(
            stderr.contains(&format!("unknown field `{key}`")),
            "{stderr}"
        );
    }
}

// Article 4 again: E2 at 5/20 eliminates B1 before E1 is even marked; the title is lost
// whatever E1 gives, so its missing mark leaves nothing undecided. Found here: the grid
// said "Le résultat de B1 ne donne pas de points" (a substitute's reason) and left the title
// to the jury.
#[test]
fn an_eliminatory_exam_decides_before_the_other_marks() {
    let c = atlas_ok(&first("{ E2: 5/20, E3: 12/20, E4: 12/20 }"));
    assert_eq!(bloc(&c, "B1"), "not-validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B2", "B3"]);
    assert!(
        all_text(&c).contains("Note éliminatoire dans : B1."),
        "{}",
        all_text(&c)
    );
    assert!(
        !all_text(&c).contains("ne donne pas de points"),
        "{}",
        all_text(&c)
    );
}
