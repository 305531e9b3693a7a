//! Jury sessions: the fixture site `sessions` (a referential stating its jury's
//! composition, three candidates, one session) and variations of it, checked for each
//! located diagnostic the issue names; the procès-verbal, the lists of the certified and
//! the certificates parsed, on this site and on the bundled one; privacy.

use crate::common::*;

const SESSION: &str = "content/sessions/s1.yaml";

fn session_text() -> String {
    std::fs::read_to_string(fixture("sessions").join(SESSION)).unwrap()
}

/// The errors and warnings of a site, gaps left out (the fixture has no evidence), as
/// `path:line:col: severity: message`, each with its suggestion when it has one.
fn problems(s: &Scratch) -> Vec<String> {
    let checked = refolio::check(s.root()).expect("site loads");
    checked
        .diagnostics
        .iter()
        .filter(|d| !d.message.contains("is not demonstrated by any evidence"))
        .map(|d| match &d.suggestion {
            Some(help) => format!("{} [{help}]", d.headline()),
            None => d.headline(),
        })
        .collect()
}

/// The fixture with its session file's `from` replaced by `to`.
fn with_session(from: &str, to: &str) -> Scratch {
    let text = session_text();
    assert!(text.contains(from), "{from}");
    Scratch::of("sessions").write(SESSION, &text.replacen(from, to, 1))
}

#[test]
fn the_fixture_session_is_valid() {
    assert_eq!(problems(&Scratch::of("sessions")), Vec::<String>::new());
}

#[test]
fn a_jury_without_the_composition_the_referential_states_is_an_error_at_the_jury() {
    let s = with_session(
        "  - name: Jean Perrin\n    quality: certifier\n",
        "  - name: Jean Perrin\n    quality: professional\n",
    );
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:6:3: error: session `s1`: the jury has 0 members of quality `certifier`; the referential requires exactly 1"
        ]
    );
    let s = with_session("    role: president\n", "");
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:6:3: error: session `s1`: the jury has no president; the referential requires one"
        ]
    );
}

#[test]
fn a_tutor_deliberating_on_their_candidate_is_an_error_when_the_referential_requires_independence()
{
    let s = with_session("    recused: [chloe]\n", "");
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:12:11: error: Marc Petit is the tutor of `chloe` and deliberates on them [add `recused: [chloe]` to this member]"
        ]
    );
    // A referential silent on it: refolio warns, and says the rule is its own.
    let text = session_text().replacen("    recused: [chloe]\n", "", 1);
    let referential =
        std::fs::read_to_string(fixture("sessions").join("content/referentials/r.yaml"))
            .unwrap()
            .replacen("    independence: true\n", "", 1);
    let s = Scratch::of("sessions")
        .write(SESSION, &text)
        .write("content/referentials/r.yaml", &referential);
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:12:11: warning: Marc Petit is the tutor of `chloe` and deliberates on them (refolio's check: the referential states no rule on it) [add `recused: [chloe]` to this member]"
        ]
    );
}

#[test]
fn a_recused_member_may_leave_a_candidates_jury_short() {
    let referential =
        std::fs::read_to_string(fixture("sessions").join("content/referentials/r.yaml"))
            .unwrap()
            .replacen("min_members: 4", "min_members: 5", 1);
    let s = Scratch::of("sessions").write("content/referentials/r.yaml", &referential);
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:26:3: error: on `chloe`, without Marc Petit (who does not deliberate on them), the jury has 4 deliberating members; the referential requires at least 5 [add a member who may deliberate on this candidate]"
        ]
    );
}

#[test]
fn a_candidate_in_two_sessions_of_one_date_is_an_error_at_the_second() {
    let s = Scratch::of("sessions").write("content/sessions/s2.yaml", &session_text());
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s2.yaml:23:3: error: candidate `anne` is already deliberated on by session `s1` of the same date, 2026-06-30 [a jury decides once per date: keep one of the two]",
            "content/sessions/s2.yaml:25:3: error: candidate `bruno` is already deliberated on by session `s1` of the same date, 2026-06-30 [a jury decides once per date: keep one of the two]",
            "content/sessions/s2.yaml:26:3: error: candidate `chloe` is already deliberated on by session `s1` of the same date, 2026-06-30 [a jury decides once per date: keep one of the two]",
            // Bruno's undated passport decision no longer says which session took it.
            "content/sessions/s1.yaml:25:3: error: no decision is recorded for `bruno` in session `s1` [`bruno` is in several sessions: date the passport's `jury:` to say which took it]",
            "content/sessions/s2.yaml:25:3: error: no decision is recorded for `bruno` in session `s2` [`bruno` is in several sessions: date the passport's `jury:` to say which took it]",
        ]
    );
}

#[test]
fn a_missing_decision_an_unknown_candidate_and_an_unmotivated_difference_are_located() {
    let s = with_session("  anne:\n    decision: full\n", "  anne:\n");
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:23:3: error: no decision is recorded for `anne` in session `s1` [record it here, `anne: { decision: full }` (or partial with its blocs, not-awarded, deferred), or in the passport's `jury:` dated 2026-06-30]"
        ]
    );
    let s = with_session("  anne:\n", "  anen:\n");
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:23:3: error: no candidate `anen` in content/candidates/ [did you mean `anne`?]"
        ]
    );
    let s = with_session("    decision: full\n", "    decision: not-awarded\n");
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:24:15: error: anne: the jury's decision differs from the proposal of the rules, and gives no motive [add the jury's `motive:` (the jury is sovereign, its reasons are recorded)]"
        ]
    );
    let s = with_session("    decision: full\n", "    decision: ful\n");
    assert_eq!(
        problems(&s),
        [
            "content/sessions/s1.yaml:24:15: error: unknown jury decision `ful` [did you mean `full`?]"
        ]
    );
}

#[test]
fn the_minutes_show_the_jury_each_proposal_and_decision_and_the_signatures() {
    let out = build_in_memory(&fixture("sessions"));
    let pv = html(&out, "candidates/sessions/s1/index.html");
    assert_eq!(texts(&pv, "meta[name=robots]").len(), 1);
    assert_eq!(
        pv.select(&sel("meta[name=robots]"))
            .next()
            .unwrap()
            .attr("content"),
        Some("noindex, nofollow")
    );
    assert_eq!(
        texts(&pv, "table.members tbody th"),
        [
            "Hélène Garnier",
            "Paul Durand",
            "Marc Petit",
            "Sofia Reyes",
            "Jean Perrin",
            "Claire Dumas"
        ]
    );
    assert_eq!(
        texts(&pv, "table.members tbody td:nth-child(5)"),
        ["—", "—", "Chloé Martin", "—", "—", "—"]
    );
    assert_eq!(texts(&pv, "table.verdicts tbody tr").len(), 3,);
    assert_eq!(
        texts(&pv, "table.verdicts tbody td:nth-child(2)"),
        [
            "✔ Certification totale",
            "◐ Certification partielle (B1)",
            "✔ Certification totale"
        ]
    );
    assert_eq!(
        texts(&pv, "table.verdicts tbody td:nth-child(4)"),
        [
            "Certification professionnelle Certificat de bloc de compétences B1 Certificat de bloc de compétences B2",
            "Certificat de bloc de compétences B1",
            "Certification professionnelle Certificat de bloc de compétences B1 Certificat de bloc de compétences B2",
        ]
    );
    assert_eq!(
        texts(&pv, "table.verdicts tbody th .note"),
        ["Sans la délibération de : Marc Petit"]
    );
    assert_eq!(
        texts(&pv, ".composition li"),
        [
            "✔ au moins 4 membres délibérants",
            "✔ un·e président·e, de qualité « professionnel·le du métier »",
            "✔ au moins 3 membres de qualité « professionnel·le du métier »",
            "✔ 1 membre de qualité « représentant·e du certificateur »",
            "✔ aucun membre ne délibère sur une personne candidate qu'il ou elle a formée ou encadrée",
        ]
    );
    // The president signs first; the observer does not sign.
    assert_eq!(
        texts(&pv, ".signature-blocks .signatory"),
        [
            "Hélène Garnier",
            "Paul Durand",
            "Marc Petit",
            "Sofia Reyes",
            "Jean Perrin"
        ]
    );
    let (broken, _) = broken_links(&out);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_certified_are_listed_as_a_page_and_as_csv_and_each_award_has_its_certificate() {
    let out = build_in_memory(&fixture("sessions"));
    let csv = std::str::from_utf8(&out.files["candidates/sessions/s1/certified.csv"]).unwrap();
    assert_eq!(
        csv,
        "session,date,rncp,referential,candidate,name,decision,title,blocs\n\
         s1,2026-06-30,RNCP00001,r,anne,Anne Lambert,full,yes,B1 B2\n\
         s1,2026-06-30,RNCP00001,r,bruno,Bruno Petitjean,partial,no,B1\n\
         s1,2026-06-30,RNCP00001,r,chloe,Chloé Martin,full,yes,B1 B2\n"
    );
    assert_eq!(
        out.files["candidates/sessions/certified-r.csv"],
        out.files["candidates/sessions/s1/certified.csv"]
    );
    let list = html(&out, "candidates/sessions/certified-r.html");
    assert_eq!(
        texts(&list, "table.certified tbody th"),
        ["Anne Lambert", "Bruno Petitjean", "Chloé Martin"]
    );

    let certificates: Vec<&str> = out
        .files
        .keys()
        .filter(|p| p.contains("/certificates/"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        certificates,
        [
            "candidates/anne/certificates/b1.html",
            "candidates/anne/certificates/b1.json",
            "candidates/anne/certificates/b2.html",
            "candidates/anne/certificates/b2.json",
            "candidates/anne/certificates/certification.html",
            "candidates/anne/certificates/certification.json",
            "candidates/bruno/certificates/b1.html",
            "candidates/bruno/certificates/b1.json",
            "candidates/chloe/certificates/b1.html",
            "candidates/chloe/certificates/b1.json",
            "candidates/chloe/certificates/b2.html",
            "candidates/chloe/certificates/b2.json",
            "candidates/chloe/certificates/certification.html",
            "candidates/chloe/certificates/certification.json",
        ]
    );
    let page = html(&out, "candidates/bruno/certificates/b1.html");
    assert_eq!(
        texts(&page, "h1"),
        ["Certificat de bloc de compétences Bloc un"]
    );
    assert_eq!(texts(&page, ".holder"), ["Bruno Petitjean"]);
    assert_eq!(
        texts(&page, ".certificate-contents li"),
        ["C1 Compétence un"]
    );
    assert_eq!(texts(&page, ".signatory"), ["Hélène Garnier"]);
    assert_eq!(
        page.select(&sel("meta[name=robots]"))
            .next()
            .unwrap()
            .attr("content"),
        Some("noindex, nofollow")
    );
    let title = html(&out, "candidates/anne/certificates/certification.html");
    assert_eq!(
        texts(&title, "h1"),
        ["Certification professionnelle Titre de test"]
    );
    assert_eq!(
        texts(&title, ".certificate-contents li"),
        ["B1 Bloc un", "B2 Bloc deux"]
    );
}

#[test]
fn a_referential_silent_on_its_jury_says_so_on_the_minutes() {
    let referential =
        std::fs::read_to_string(fixture("sessions").join("content/referentials/r.yaml")).unwrap();
    let start = referential.find("  jury:").unwrap();
    let end = referential.find("blocs:").unwrap();
    let silent = format!("{}{}", &referential[..start], &referential[end..]);
    let s = Scratch::of("sessions").write("content/referentials/r.yaml", &silent);
    let out = build_in_memory(s.root());
    let pv = html(&out, "candidates/sessions/s1/index.html");
    assert_eq!(texts(&pv, ".composition li"), Vec::<String>::new());
    assert_eq!(
        texts(&pv, "#rf-jury ~ .defaults, #rf-jury + * ~ .defaults"),
        ["Le référentiel n'énonce pas la composition du jury : refolio ne la vérifie pas."]
    );
}

#[test]
fn sessions_are_left_out_of_a_public_build_and_pseudonymised_with_the_candidates() {
    let public = Scratch::of("sessions");
    let (code, _, stderr) = public.run(&["build", "--no-candidates"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!public.root().join("public/candidates").exists());

    let s = Scratch::of("sessions").write(
        "refolio.toml",
        "title = \"Sessions\"\n[candidates]\nallow_gaps = true\npseudonymize = true\n",
    );
    let out = build_in_memory(s.root());
    for (path, bytes) in &out.files {
        let text = String::from_utf8_lossy(bytes);
        for name in [
            "Anne",
            "Lambert",
            "Bruno",
            "Petitjean",
            "Chloé",
            "anne",
            "bruno",
            "chloe",
        ] {
            assert!(!path.contains(name), "{path}");
            if path.contains("sessions") || path.contains("certificates") {
                assert!(!text.contains(name), "{path} holds {name}");
            }
        }
    }
    let csv = std::str::from_utf8(&out.files["candidates/sessions/s1/certified.csv"]).unwrap();
    assert!(
        csv.contains(",candidat-e-a,Candidat·e A,full,yes,B1 B2\n"),
        "{csv}"
    );
}

#[test]
fn the_bundled_sessions_decide_as_their_jury_did() {
    let out = build_in_memory(&repo_root());
    let july = html(&out, "candidates/sessions/cci-2026-07-02/index.html");
    // Camille's proposal on 2 July knows nothing of her September retake.
    assert_eq!(
        texts(&july, "table.verdicts tbody td:nth-child(2)"),
        [
            "◐ Certification partielle (B1, B3, B4, B5)",
            "◐ Certification partielle (B1)"
        ]
    );
    assert_eq!(
        texts(&july, "table.verdicts tbody td:nth-child(3) .verdict"),
        ["… Décision ajournée", "◐ Certification partielle (B1)"]
    );
    let september = html(&out, "candidates/sessions/cci-2026-09-22/index.html");
    assert_eq!(
        texts(&september, "table.verdicts tbody td:nth-child(3) .verdict"),
        ["✔ Certification totale"]
    );
    // Her dossier lists both sessions, and the certificates the second awards.
    let dossier = html(&out, "candidates/camille-martin/index.html");
    let listed = texts(&dossier, ".jury-sessions li");
    assert_eq!(listed.len(), 2);
    assert!(
        listed[0].ends_with("(2 juillet 2026) : … Décision ajournée"),
        "{listed:?}"
    );
    assert!(listed[1].contains("✔ Certification totale — Certification professionnelle , Certificat de bloc de compétences B1"), "{listed:?}");
    let bd = html(&out, "candidates/sessions/bd-2026-06-30/index.html");
    assert_eq!(
        texts(&bd, "table.verdicts tbody td:nth-child(4)"),
        [
            "Certification professionnelle Certificat de bloc de compétences B1 Certificat de bloc de compétences B2 Certificat de bloc de compétences B3 Certificat de bloc de compétences B4 Certificat de bloc de compétences B5",
            "Certificat de bloc de compétences B4 Certificat de bloc de compétences B5",
        ]
    );
    assert_eq!(
        texts(&bd, ".defaults"),
        ["Le référentiel n'énonce pas la composition du jury : refolio ne la vérifie pas."]
    );
    let dc = html(&out, "candidates/sessions/dc-2026-06-30/index.html");
    assert_eq!(texts(&dc, "table.verdicts tbody td:nth-child(4)"), ["—"]);
    let csv = std::str::from_utf8(
        &out.files["candidates/sessions/certified-developpement-commercial-international.csv"],
    )
    .unwrap();
    assert_eq!(
        csv,
        "session,date,rncp,referential,candidate,name,decision,title,blocs\n\
         cci-2026-07-02,2026-07-02,RNCP36395,developpement-commercial-international,nadia-roux,Nadia Roux,partial,no,B1\n\
         cci-2026-09-22,2026-09-22,RNCP36395,developpement-commercial-international,camille-martin,Camille Martin,full,yes,B1 B2 B3 B4 B5\n"
    );
}

#[test]
fn two_builds_of_a_session_are_byte_identical() {
    let (a, b) = (
        build_in_memory(&fixture("sessions")),
        build_in_memory(&fixture("sessions")),
    );
    assert!(
        a.files
            .keys()
            .any(|p| p.starts_with("candidates/sessions/"))
    );
    assert_eq!(a.files, b.files);
}
