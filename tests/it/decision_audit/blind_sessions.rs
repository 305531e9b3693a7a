//! The fifth, blind pass: jury sessions (`content/sessions/`), written from the sources and
//! docs/content-format.md "Jury sessions" / docs/interop.md alone, each scenario with the
//! sentence it comes from; judged on the procès-verbal (parsed), the certified CSV, the
//! certificates and the errors' text and location.

use refolio::output::MemoryOutput;

use super::*;
use crate::common::{build_in_memory, html, texts};

/// Every exam of 004 passed, B5's CCE validated: 450 points of blocs.
pub(super) const PASS: &str = "{ E1: 60, E2.1: 90, E2.2: 30, E2.3: 15, E3.1: 60, E3.2: 90, E4.1: 30, \
                    E4.2: 30, E4.3: 45, B5: validated }";
/// 004's jury as the text composes it: "1 Président de jury : personnalité qualifiée du monde
/// économique ; 2 professionnels qualifiés du secteur d'activité […] ; 1 représentant de la
/// CCI / établissement concerné n'ayant pas formé les apprenants".
pub(super) const JURY4: &str = "jury:\n  - { name: Hélène Garnier, role: president, quality: professional }\n  \
                     - { name: Bruno Lefèvre, quality: professional }\n  \
                     - { name: Aïcha Benhamou, quality: professional }\n  \
                     - { name: Jean-Marc Perrin, quality: certifier }\n";

/// A site of the bundled referentials; candidates and sessions are added to it.
pub(super) struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub(super) fn new(toml: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "refolio.toml",
            &format!("[candidates]\nallow_gaps = true\n{toml}"),
        );
        for r in [INTL, DC, BD] {
            let yaml =
                std::fs::read_to_string(repo_root().join(format!("content/referentials/{r}.yaml")))
                    .unwrap();
            write(dir.path(), &format!("content/referentials/{r}.yaml"), &yaml);
        }
        Site { dir }
    }

    pub(super) fn candidate(self, slug: &str, head: &str, passport: &str) -> Site {
        let path = format!("content/candidates/{slug}/passport.yaml");
        write(self.dir.path(), &path, &format!("{head}\n{passport}"));
        self
    }

    pub(super) fn session(self, id: &str, yaml: &str) -> Site {
        write(
            self.dir.path(),
            &format!("content/sessions/{id}.yaml"),
            yaml,
        );
        self
    }

    /// The site's UI language (`language = "en"`), above the `[candidates]` table.
    pub(super) fn language(self, language: &str) -> Site {
        let toml = self.dir.path().join("refolio.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        write(
            self.dir.path(),
            "refolio.toml",
            &format!("language = \"{language}\"\n{text}"),
        );
        self
    }

    pub(super) fn build(&self) -> MemoryOutput {
        build_in_memory(self.dir.path())
    }

    /// `refolio check`: (exit code, the error and warning lines).
    pub(super) fn check(&self) -> (i32, String) {
        let (code, _, stderr) = run(self.dir.path(), &["check"]);
        let lines = stderr
            .lines()
            .filter(|l| l.contains(": error: ") || l.contains(": warning: ") || l.contains("help:"))
            .filter(|l| {
                !l.contains("is not demonstrated by any evidence")
                    && !l.contains("under `demonstrates:`")
            })
            .collect::<Vec<_>>()
            .join("\n");
        (code, lines)
    }
}

/// A 004 apprentice `x` named X.
pub(super) fn x_intl(marks: &str, pro: &str) -> String {
    intl(marks, pro)
}

pub(super) fn session_intl(date: &str, jury: &str, candidates: &str) -> String {
    format!("referential: {INTL}\ndate: {date}\nplace: Lyon\n{jury}candidates:\n{candidates}")
}

/// The procès-verbal's rows: (candidate, proposal, decision, awards).
pub(super) fn minutes(out: &MemoryOutput, id: &str) -> Vec<[String; 4]> {
    let doc = html(out, &format!("candidates/sessions/{id}/index.html"));
    let who = texts(&doc, "table.verdicts tbody tr th");
    let cells = texts(&doc, "table.verdicts tbody tr td");
    who.into_iter()
        .zip(cells.chunks(3))
        .map(|(w, c)| [w, c[0].clone(), c[1].clone(), c[2].clone()])
        .collect()
}

pub(super) fn file(out: &MemoryOutput, path: &str) -> String {
    String::from_utf8(
        out.files
            .get(path)
            .cloned()
            .unwrap_or_else(|| panic!("no {path}")),
    )
    .unwrap()
}

pub(super) fn has(out: &MemoryOutput, path: &str) -> bool {
    out.files.contains_key(path)
}

// 004 "Il est composé de 4 personnes quelle que soit la voie d'accès : 1 Président de jury :
// personnalité qualifiée du monde économique ; 2 professionnels qualifiés […] ; 1 représentant
// de la CCI" ; "Le représentant du parrain participera au jury de certification en tant
// qu'observateur." — the four and an observer: every requirement checked ✔, the observer
// listed as such, signing nothing; the jury's `full` on a full proposal awards the title and
// its 4 blocs, and B5's CCE validated that day.
#[test]
fn blind_s_004_s_jury_of_four_and_the_sponsor_s_observer() {
    let jury = format!("{JURY4}  - {{ name: Claire Dumas, role: observer, quality: certifier }}\n");
    let out = Site::new("")
        .candidate(
            "x",
            "name: Xavier Lenoir",
            &format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO)),
        )
        .session(
            "j",
            &session_intl("2026-07-02", &jury, "  x: { decision: full }\n"),
        )
        .build();
    let doc = html(&out, "candidates/sessions/j/index.html");
    let checks = texts(&doc, "ul.composition li");
    assert_eq!(checks.len(), 5, "{checks:?}");
    assert!(checks.iter().all(|c| c.starts_with('✔')), "{checks:?}");
    assert!(
        texts(&doc, "table.members tbody tr")
            .iter()
            .any(|r| r.contains("Claire Dumas") && r.contains("ne délibère pas"))
    );
    let signatories = texts(&doc, ".signatory");
    assert_eq!(
        signatories,
        [
            "Hélène Garnier",
            "Bruno Lefèvre",
            "Aïcha Benhamou",
            "Jean-Marc Perrin"
        ]
    );
    let rows = minutes(&out, "j");
    assert_eq!(rows.len(), 1);
    assert!(rows[0][1].contains("Certification totale"), "{rows:?}");
    assert!(rows[0][2].contains("Certification totale"), "{rows:?}");
    for b in ["B1", "B2", "B3", "B4", "B5"] {
        assert!(
            rows[0][3].contains(&format!("bloc de compétences {b}")),
            "{b}: {rows:?}"
        );
        assert!(has(
            &out,
            &format!("candidates/x/certificates/{}.html", b.to_lowercase())
        ));
    }
    assert!(
        rows[0][3].contains("Certification professionnelle"),
        "{rows:?}"
    );
}

// 004 "Il est composé de 4 personnes" — three (no second professional) is refused, at the
// session's `jury:`.
#[test]
fn blind_s_004_s_jury_of_three_is_refused() {
    let jury = "jury:\n  - { name: A, role: president, quality: professional }\n  \
                - { name: B, quality: professional }\n  - { name: C, quality: certifier }\n";
    let (code, errors) = Site::new("")
        .candidate(
            "x",
            "name: X",
            &format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO)),
        )
        .session(
            "j",
            &session_intl("2026-07-02", jury, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains(
            "content/sessions/j.yaml:5:3: error: session `j`: the jury has 3 deliberating members; the referential requires 4"
        ),
        "{errors}"
    );
    // Five deliberating members are not "4 personnes" either.
    let five = format!("{JURY4}  - {{ name: Thierry Vasseur, quality: professional }}\n");
    let (code, errors) = Site::new("")
        .candidate(
            "x",
            "name: X",
            &format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO)),
        )
        .session(
            "j",
            &session_intl("2026-07-02", &five, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("the jury has 5 deliberating members; the referential requires 4"),
        "{errors}"
    );
}

// 004 "1 Président de jury : personnalité qualifiée du monde économique" — a trainer presiding
// is refused.
#[test]
fn blind_s_004_s_president_is_a_professional() {
    let jury = "jury:\n  - { name: A, role: president, quality: trainer }\n  \
                - { name: B, quality: professional }\n  - { name: D, quality: professional }\n  \
                - { name: C, quality: certifier }\n";
    let (code, errors) = Site::new("")
        .candidate(
            "x",
            "name: X",
            &format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO)),
        )
        .session(
            "j",
            &session_intl("2026-07-02", jury, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(errors.contains("content/sessions/j.yaml:"), "{errors}");
    assert!(
        errors.contains("the jury is presided by A of quality `trainer`; the referential requires `professional`"),
        "{errors}"
    );
}

// 004 "De plus ils ne doivent pas avoir : Participé à la formation du candidat, Un lien avec
// celui-ci." — the candidate's tutor sitting on their jury is an error at that member; recused,
// the jury left to deliberate on the candidate is three: an error for that candidate.
#[test]
fn blind_s_004_s_member_linked_to_the_candidate() {
    let passport = format!(
        "referential: {INTL}\ntutor: {{ name: Bruno Lefèvre, role: Directeur, company: Dalvia }}\n{}",
        x_intl(PASS, GOOD_PRO)
    );
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &passport)
        .session(
            "j",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    let line = errors
        .lines()
        .find(|l| l.contains("Bruno Lefèvre"))
        .unwrap_or_else(|| panic!("{errors}"));
    assert!(
        line.contains("content/sessions/j.yaml:6:") && line.contains(": error: "),
        "{line}"
    );
    let recused = JURY4.replace(
        "{ name: Bruno Lefèvre, quality: professional }",
        "{ name: Bruno Lefèvre, quality: professional, recused: [x] }",
    );
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &passport)
        .session(
            "j",
            &session_intl("2026-07-02", &recused, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("content/sessions/j.yaml:10:3: error: on `x`, without Bruno Lefèvre (who does not deliberate on them), the jury has 3 deliberating members"),
        "{errors}"
    );
}

// 001 states no jury composition: the procès-verbal says so; its tutor deliberating on the
// candidate is refolio's own check, a warning.
#[test]
fn blind_s_001_states_no_composition_and_a_tutor_is_a_warning() {
    let mut passport = format!(
        "referential: {BD}\nblocs: [B1]\ntutor: {{ name: Marc Petit, role: Manager, company: Z }}\n"
    );
    passport.push_str(
        "jury: { decision: not-awarded, date: 2026-06-30, motive: Aucune épreuve présentée }\n",
    );
    let site = Site::new("")
        .candidate("x", "name: X", &passport)
        .session(
            "j",
            &format!("referential: {BD}\ndate: 2026-06-30\njury:\n  - {{ name: Marc Petit, role: president, quality: professional }}\ncandidates:\n  x:\n"),
        );
    let (code, lines) = site.check();
    assert_eq!(code, 0, "{lines}");
    assert!(
        lines.contains("content/sessions/j.yaml:")
            && lines.contains(": warning: ")
            && lines.contains("Marc Petit"),
        "{lines}"
    );
    let out = site.build();
    let doc = html(&out, "candidates/sessions/j/index.html");
    assert!(
        texts(&doc, "p.defaults")
            .iter()
            .any(|t| t.contains("n'énonce pas la composition du jury"))
    );
}

// 004 "Le jury est souverain dans ses décisions." ; content-format.md "a decision that
// differs from the rules' proposal needs its `motive`" — in the session file: without a motive
// an error at the candidate's entry; with it, the procès-verbal shows the difference and the
// motive, and the awards follow the jury (the title, though the professional evaluation is
// under 10/20).
#[test]
fn blind_s_jury_departs_from_the_proposal_in_the_session_file() {
    let weak = "{ ecrit: 30, oral: 50, tuteur: 30 }";
    let passport = format!("referential: {INTL}\n{}", x_intl(PASS, weak));
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &passport)
        .session(
            "j",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("content/sessions/j.yaml:10:") && errors.contains("motive"),
        "{errors}"
    );
    let out = Site::new("")
        .candidate("x", "name: X", &passport)
        .session(
            "j",
            &session_intl(
                "2026-07-02",
                JURY4,
                "  x: { decision: full, motive: Oral repris en délibération }\n",
            ),
        )
        .build();
    let rows = minutes(&out, "j");
    assert!(rows[0][1].contains("Certification partielle"), "{rows:?}");
    assert!(
        rows[0][2].contains("Certification totale")
            && rows[0][2].contains("diffère")
            && rows[0][2].contains("Oral repris en délibération"),
        "{rows:?}"
    );
    assert!(
        rows[0][3].contains("Certification professionnelle"),
        "{rows:?}"
    );
}

// The same departure written in the passport's `jury:` dated the session's date: no motive is
// an error at the passport; the session's entry is then left empty.
#[test]
fn blind_s_jury_departs_from_the_proposal_in_the_passport() {
    let weak = "{ ecrit: 30, oral: 50, tuteur: 30 }";
    let passport = format!(
        "referential: {INTL}\n{}jury:\n  decision: full\n  date: 2026-07-02\n",
        x_intl(PASS, weak)
    );
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &passport)
        .session("j", &session_intl("2026-07-02", JURY4, "  x:\n"))
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("content/candidates/x/passport.yaml:") && errors.contains("motive"),
        "{errors}"
    );
}

// content-format.md "Recorded in both places, or in neither, is an error."
#[test]
fn blind_s_decision_in_both_places_or_neither() {
    let both = format!(
        "referential: {INTL}\n{}jury: {{ decision: full, date: 2026-07-02 }}\n",
        x_intl(PASS, GOOD_PRO)
    );
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &both)
        .session(
            "j",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(errors.contains("content/sessions/j.yaml:10:"), "{errors}");
    let neither = format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO));
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &neither)
        .session("j", &session_intl("2026-07-02", JURY4, "  x:\n"))
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(errors.contains("content/sessions/j.yaml:10:"), "{errors}");
}

/// 004 in two sessions: E2.2 and E4.1 missed with an accepted reason in June, retaken on
/// 15 September ("Dans ces seuls cas une épreuve de rattrapage sera proposée").
fn retaken() -> String {
    let june = PASS
        .replace("E2.2: 30", "E2.2: absent-excused")
        .replace("E4.1: 30", "E4.1: absent-excused");
    format!(
        "referential: {INTL}\nroute: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  \
         - session: 2026-06-18\n    marks: {june}\n    professional_parts: {GOOD_PRO}\n  \
         - session: 2026-09-15\n    kind: retake\n    marks: {{ E2.2: 30, E4.1: 30 }}\n"
    )
}

// 004 "repasser les blocs non validés, une seule fois par bloc" ; content-format.md "The
// proposal a session's procès-verbal shows is computed on the results known on its date" —
// deferred in July (proposal then: partial, B1 B3 B5), decided in September (full): July's
// procès-verbal awards nothing, September's the title and every bloc; the certified list of
// the referential holds September's row only.
#[test]
fn blind_s_deferred_then_decided_at_the_retake_session() {
    let out = Site::new("")
        .candidate("x", "name: X", &retaken())
        .session(
            "j1",
            &session_intl(
                "2026-07-02",
                JURY4,
                "  x: { decision: deferred, motive: Rattrapage de E2.2 et E4.1 }\n",
            ),
        )
        .session(
            "j2",
            &session_intl("2026-09-22", JURY4, "  x: { decision: full }\n"),
        )
        .build();
    let july = minutes(&out, "j1");
    assert!(
        july[0][1].contains("Certification partielle (B1, B3, B5)"),
        "{july:?}"
    );
    assert!(july[0][2].contains("ajournée"), "{july:?}");
    assert_eq!(july[0][3], "—");
    let sept = minutes(&out, "j2");
    assert!(
        sept[0][1].contains("Certification totale") && sept[0][2].contains("Certification totale"),
        "{sept:?}"
    );
    let csv = file(&out, &format!("candidates/sessions/certified-{INTL}.csv"));
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "session,date,rncp,referential,candidate,name,decision,title,blocs",
            &format!("j2,2026-09-22,RNCP36395,{INTL},x,X,full,yes,B1 B2 B3 B4 B5")
        ]
    );
}

// 004 "il conserve le bénéfice des blocs pour lesquels il a obtenu la moyenne" ;
// content-format.md "A bloc or a title is awarded once: by the earliest session that awards
// it." — July awards B1 B3 B5 (partial); September's `full` then awards the title, B2 and B4
// only; each certificate is dated by the session that awarded it.
#[test]
fn blind_s_partial_then_the_rest_at_a_later_session() {
    let out = Site::new("")
        .candidate("x", "name: X", &retaken())
        .session(
            "j1",
            &session_intl(
                "2026-07-02",
                JURY4,
                "  x: { decision: partial, blocs: [B1, B3, B5] }\n",
            ),
        )
        .session(
            "j2",
            &session_intl("2026-09-22", JURY4, "  x: { decision: full }\n"),
        )
        .build();
    let sept = minutes(&out, "j2");
    let awards = &sept[0][3];
    assert!(
        awards.contains("Certification professionnelle")
            && awards.contains("B2")
            && awards.contains("B4"),
        "{sept:?}"
    );
    assert!(
        !awards.contains("B1") && !awards.contains("B3") && !awards.contains("B5"),
        "{sept:?}"
    );
    let valid_from = |b: &str| {
        let v: Value =
            serde_json::from_str(&file(&out, &format!("candidates/x/certificates/{b}.json")))
                .unwrap();
        v["validFrom"].as_str().unwrap().to_owned()
    };
    assert_eq!(valid_from("b1"), "2026-07-02T00:00:00Z");
    assert_eq!(valid_from("b2"), "2026-09-22T00:00:00Z");
    assert_eq!(valid_from("certification"), "2026-09-22T00:00:00Z");
    let csv = file(&out, "candidates/sessions/j2/certified.csv");
    assert_eq!(
        csv.lines().nth(1),
        Some(format!("j2,2026-09-22,RNCP36395,{INTL},x,X,full,yes,B2 B4").as_str())
    );
}

// 004 "Obtention d'un certificat de compétences en entreprise (CCE)" (B5, optional) —
// not obtained in July, obtained at a later session: the jury's `partial` naming B5 awards
// its certificate then, and the title's certificate stays July's.
#[test]
fn blind_s_004_s_cce_obtained_after_the_title() {
    let june = PASS.replace("B5: validated", "B5: not-validated");
    let passport = format!(
        "referential: {INTL}\nroute: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  \
         - session: 2026-06-18\n    marks: {june}\n    professional_parts: {GOOD_PRO}\n  \
         - session: 2026-09-15\n    kind: retake\n    marks: {{ B5: validated }}\n"
    );
    let out = Site::new("")
        .candidate("x", "name: X", &passport)
        .session(
            "j1",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .session(
            "j2",
            &session_intl(
                "2026-09-22",
                JURY4,
                "  x: { decision: partial, blocs: [B5] }\n",
            ),
        )
        .build();
    let july = minutes(&out, "j1");
    assert!(!july[0][3].contains("B5"), "{july:?}");
    let sept = minutes(&out, "j2");
    assert!(
        sept[0][3].contains("B5") && !sept[0][3].contains("Certification professionnelle"),
        "{sept:?}"
    );
    assert!(!sept[0][2].contains("diffère"), "{sept:?}");
    let v: Value = serde_json::from_str(&file(&out, "candidates/x/certificates/b5.json")).unwrap();
    assert_eq!(v["validFrom"], "2026-09-22T00:00:00Z");
    // Found here: the proposal on 22 September is `full`, and `partial [B5]` was refused as
    // departing from it, though the title was July's. Naming B5 not validated still departs.
    let (code, errors) = Site::new("")
        .candidate(
            "x",
            "name: X",
            &passport.replace("{ B5: validated }", "{ B5: not-validated }"),
        )
        .session(
            "j1",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .session(
            "j2",
            &session_intl(
                "2026-09-22",
                JURY4,
                "  x: { decision: partial, blocs: [B5] }\n",
            ),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("content/sessions/j2.yaml:10:18: error: x: the jury's decision differs"),
        "{errors}"
    );
}
