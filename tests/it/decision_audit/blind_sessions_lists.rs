//! The blind pass on jury sessions continued (blind_sessions.rs holds the fixtures): who is
//! on a session's lists, and what its certified CSV holds.

use super::blind_sessions::*;
use super::*;
use crate::common::{html, texts};
use refolio::output::MemoryOutput;

// A candidate the session does not list is not on its procès-verbal nor its list; a name the
// session lists that is no candidate is an error at it, with the nearest ID.
#[test]
fn blind_s_candidate_absent_from_the_session_and_an_unknown_one() {
    let passport = format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO));
    let out = Site::new("")
        .candidate("camille", "name: Camille", &passport)
        .candidate("yann", "name: Yann", &passport)
        .session(
            "j",
            &session_intl("2026-07-02", JURY4, "  camille: { decision: full }\n"),
        )
        .build();
    let rows = minutes(&out, "j");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(!file(&out, "candidates/sessions/j/certified.csv").contains("yann"));
    assert!(!has(
        &out,
        "candidates/yann/certificates/certification.html"
    ));
    let (code, errors) = Site::new("")
        .candidate("camille", "name: Camille", &passport)
        .session(
            "j",
            &session_intl("2026-07-02", JURY4, "  camile: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("content/sessions/j.yaml:10:") && errors.contains("camile"),
        "{errors}"
    );
    assert!(errors.contains("camille"), "the nearest ID: {errors}");
}

// content-format.md "A candidate in two sessions of the same date is an error." ; two
// sessions the same date with different candidates are both published.
#[test]
fn blind_s_two_sessions_the_same_date() {
    let passport = format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO));
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &passport)
        .session(
            "a",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .session(
            "b",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(errors.contains("content/sessions/b.yaml:10:"), "{errors}");
    let out = Site::new("")
        .candidate("x", "name: X", &passport)
        .candidate("y", "name: Y", &passport)
        .session(
            "a",
            &session_intl("2026-07-02", JURY4, "  x: { decision: full }\n"),
        )
        .session(
            "b",
            &session_intl("2026-07-02", JURY4, "  y: { decision: full }\n"),
        )
        .build();
    assert_eq!(minutes(&out, "a").len(), 1);
    assert_eq!(minutes(&out, "b").len(), 1);
    let csv = file(&out, &format!("candidates/sessions/certified-{INTL}.csv"));
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

// A session of 000's referential listing a 004 candidate: an error at the candidate's entry.
#[test]
fn blind_s_session_of_another_referential() {
    let passport = format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO));
    let (code, errors) = Site::new("")
        .candidate("x", "name: X", &passport)
        .session("j", &format!("referential: {DC}\ndate: 2026-07-02\n{JURY4}candidates:\n  x: {{ decision: full }}\n"))
        .check();
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("content/sessions/j.yaml:9:") && errors.contains(INTL),
        "{errors}"
    );
}

// content-format.md "a cell starting with `=`, `+`, `-` or `@` is prefixed with `'`" and RFC
// 4180: a comma or a quote quotes the cell, the quote doubled.
#[test]
fn blind_s_csv_injection_in_a_name() {
    let passport = format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO));
    let out = Site::new("")
        .candidate(
            "x",
            "name: '=HYPERLINK(\"http://e.vil\", \"Dupont, J\")'",
            &passport,
        )
        .candidate("y", "name: '@SUM(1+1)'", &passport)
        .session(
            "j",
            &session_intl(
                "2026-07-02",
                JURY4,
                "  x: { decision: full }\n  y: { decision: full }\n",
            ),
        )
        .build();
    let csv = file(&out, "candidates/sessions/j/certified.csv");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[1],
        format!(
            "j,2026-07-02,RNCP36395,{INTL},x,\"'=HYPERLINK(\"\"http://e.vil\"\", \"\"Dupont, J\"\")\",full,yes,B1 B2 B3 B4 B5"
        )
    );
    assert_eq!(
        rows[2],
        format!("j,2026-07-02,RNCP36395,{INTL},y,'@SUM(1+1),full,yes,B1 B2 B3 B4 B5")
    );
}

// content-format.md "On a pseudonymised site, `candidate` is the slug and `name` the
// pseudonym" ; interop.md "On a pseudonymised site the name is hashed" — the real name is
// nowhere in the session's pages, list or credential.
#[test]
fn blind_s_pseudonymised_site() {
    let passport = format!("referential: {INTL}\n{}", x_intl(PASS, GOOD_PRO));
    let out = Site::new("pseudonymize = true\n")
        .candidate(
            "xavier-lenoir",
            "name: Xavier Lenoir\npseudonym: Candidat·e Z",
            &passport,
        )
        .session(
            "j",
            &session_intl("2026-07-02", JURY4, "  xavier-lenoir: { decision: full }\n"),
        )
        .build();
    let csv = file(&out, "candidates/sessions/j/certified.csv");
    let row = csv.lines().nth(1).unwrap().to_owned();
    assert!(row.contains(",Candidat·e Z,full,yes,"), "{row}");
    for (path, bytes) in &out.files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("Xavier Lenoir") && !text.contains("xavier-lenoir"),
            "{path}"
        );
    }
    let slug = row.split(',').nth(4).unwrap();
    let v: Value = serde_json::from_str(&file(
        &out,
        &format!("candidates/{slug}/certificates/certification.json"),
    ))
    .unwrap();
    assert_eq!(v["credentialSubject"]["identifier"][0]["hashed"], true);
}

// A later session's decision after the title an earlier one gave (004's CCE obtained after
// it): its procès-verbal names the session that gave the title, beside a proposal `full`
// that the decision `partial [B5]` does not depart from; the title's session says nothing
// of the kind. In French and in English.
#[test]
fn minutes_name_the_session_that_gave_the_title() {
    let june = PASS.replace("B5: validated", "B5: not-validated");
    let passport = format!(
        "referential: {INTL}\nroute: apprenticeship\ncompany_time: {{ hours: 1000 }}\nattempts:\n  \
         - session: 2026-06-18\n    marks: {june}\n    professional_parts: {GOOD_PRO}\n  \
         - session: 2026-09-15\n    kind: retake\n    marks: {{ B5: validated }}\n"
    );
    let site = |language: &str| {
        Site::new("")
            .language(language)
            .candidate("x", "name: X", &passport)
            .session(
                "j1",
                &format!(
                    "title: Jury de juillet\n{}",
                    session_intl("2026-07-02", JURY4, "  x: { decision: full }\n")
                ),
            )
            .session(
                "j2",
                &session_intl(
                    "2026-09-22",
                    JURY4,
                    "  x: { decision: partial, blocs: [B5] }\n",
                ),
            )
            .build()
    };
    let note = |out: &MemoryOutput, id: &str| {
        let doc = html(out, &format!("candidates/sessions/{id}/index.html"));
        texts(&doc, "table.verdicts td .titled-by")
    };
    let fr = site("fr");
    assert_eq!(
        note(&fr, "j2"),
        [
            "Titre délivré par la session du 2026-07-02 (Jury de juillet) : cette session n'ajoute que des blocs."
        ]
    );
    assert!(note(&fr, "j1").is_empty());
    assert_eq!(
        note(&site("en"), "j2"),
        [
            "Title awarded by the session of 2026-07-02 (Jury de juillet): this session only adds blocs."
        ]
    );
}
