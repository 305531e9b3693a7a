//! The candidates fixture (`tests/fixtures/candidates`): six candidates over a referential
//! decided by a criteria threshold and one decided by a points grid. What `check` prints,
//! the JSON report, and the jury pages, parsed.

use crate::common;
use common::{Scratch, broken_links, build_in_memory, fixture, html, run, sel};
use refolio::output::MemoryOutput;
use scraper::Html;

fn site() -> MemoryOutput {
    build_in_memory(&fixture("candidates"))
}

fn text(doc: &Html, selector: &str) -> Vec<String> {
    common::texts(doc, selector)
}

#[test]
fn check_prints_one_coverage_line_per_candidate() {
    let (code, stdout, stderr) = run(&fixture("candidates"), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "candidate alice (seuil): 3/3 competences covered (100 %); decision: full certification",
            "candidate bruno (seuil): 2/2 competences covered (100 %); decision: not awarded",
            "candidate chloe (seuil): 3/3 competences covered (100 %); decision: full certification",
            "candidate david (grille): 2/2 competences covered (100 %); decision: full certification",
            "candidate emma (grille): 2/2 competences covered (100 %); decision: partial certification (G2)",
            "candidate farid (grille): 2/2 competences covered (100 %); decision: undecided",
            "ok: 2 referentials, 5 competences, 10 criteria, 0 warning(s)",
        ]
    );
}

fn report() -> serde_json::Value {
    let (code, stdout, stderr) = run(&fixture("candidates"), &["check", "--report", "json"]);
    assert_eq!(code, 0, "{stderr}");
    // Standard output is the report alone: `check --report json | jq` works.
    assert!(stdout.starts_with('{'), "{stdout}");
    assert!(
        stderr.contains("ok: "),
        "the summary goes to standard error: {stderr}"
    );
    serde_json::from_str(&stdout).expect("valid JSON")
}

fn candidate<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no candidate {id}"))
}

#[test]
fn the_built_site_splits_the_report_per_candidate_behind_an_index() {
    let full = report();
    let out = build_in_memory(&fixture("candidates"));
    let json = |path: &str| -> serde_json::Value {
        let bytes = out.files.get(path).unwrap_or_else(|| panic!("no {path}"));
        serde_json::from_slice(bytes).unwrap()
    };
    let index = json("candidates/index.json");
    assert_eq!(index["format"], "refolio.report-index/1");
    let entries = index["candidates"].as_array().unwrap();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["alice", "bruno", "chloe", "david", "emma", "farid"]);
    for entry in entries {
        let id = entry["id"].as_str().unwrap();
        let own = json(&format!("candidates/{}", entry["report"].as_str().unwrap()));
        assert_eq!(own["format"], "refolio.report/2");
        // The same entry as in the full report `check --report json` prints.
        assert_eq!(&own["candidates"][0], candidate(&full, id), "{id}");
        assert_eq!(entry["decision"], own["candidates"][0]["decision"], "{id}");
        assert_eq!(entry["coverage"], own["candidates"][0]["coverage"], "{id}");
    }
    assert!(!out.files.contains_key("candidates/report.json"));
}

#[test]
fn the_report_carries_decisions_and_their_reasoning() {
    let report = report();
    assert_eq!(report["format"], "refolio.report/2");
    let alice = candidate(&report, "alice");
    // Where self and tutor assessments differ, and which rules were refolio's defaults.
    assert_eq!(
        alice["disagreements"],
        serde_json::json!(["C1.1", "Écoute active"])
    );
    assert_eq!(
        alice["defaults"],
        serde_json::json!(["default_all_blocs", "default_bloc_competences"])
    );
    let bruno = candidate(&report, "bruno");
    assert_eq!(bruno["decision"]["kind"], "not-awarded");
    let c11 = &bruno["competences"][0];
    assert_eq!(c11["id"], "C1.1");
    assert_eq!(c11["verdict"], "not-validated");
    assert_eq!(c11["reasons"][0]["key"], "reason_under_threshold");
    assert_eq!(
        c11["reasons"][0]["text"],
        "2 critères validés sur 4 (50 %) : il en faut strictement plus de 50 %."
    );
    assert_eq!(c11["evidence"][0], "preuve");

    let chloe = candidate(&report, "chloe");
    assert_eq!(chloe["decision"]["kind"], "full");
    let texts: Vec<&str> = chloe["competences"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "1 critère dispensé par le jury ne compte pas.",
            "Cr1.1.4 : dispensé, son résultat enregistré n'est pas compté ; « Sans elle » dit ce \
             que la décision serait en le comptant.",
            "2 critères validés sur 3 (66.67 %), soit strictement plus de 50 % : compétence validée."
        ]
    );

    let david = candidate(&report, "david");
    assert_eq!(david["decision"]["kind"], "full");
    // 12/20 of a 30-point exam is 18; plus 10 points: 28 of 60, under half but above 24.
    assert_eq!(david["bloc_outcomes"][0]["mark"], "28");
    assert_eq!(david["bloc_outcomes"][0]["verdict"], "not-validated");

    let emma = candidate(&report, "emma");
    assert_eq!(
        emma["decision"],
        serde_json::json!({"kind": "partial", "blocs": ["G2"]})
    );
    let keys: Vec<&str> = emma["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "reason_total_reached",
            "reason_professional_reached",
            "reason_eliminatory",
            "reason_partial"
        ]
    );

    let farid = candidate(&report, "farid");
    assert_eq!(farid["decision"]["kind"], "undecided");
    assert_eq!(
        farid["reasons"][0]["text"],
        "Note d'évaluation professionnelle manquante."
    );
}

#[test]
fn the_jury_index_lists_every_candidate() {
    let out = site();
    let doc = html(&out, "candidates/index.html");
    let rows = text(&doc, "table.jury tbody tr");
    assert_eq!(rows.len(), 6);
    // By family name (Bernard, Blanc, Haddad, Martin, Petit, Roux), not first name; the
    // decision beside the name; the session's date written out, unbroken.
    let names = text(&doc, "table.jury tbody th[scope=row]");
    assert_eq!(
        names,
        [
            "Chloé Bernard",
            "Emma Blanc",
            "Farid Haddad",
            "Alice Martin",
            "Bruno Petit",
            "David Roux"
        ]
    );
    assert_eq!(
        rows[3],
        "Alice Martin Proposition : ✔ Certification totale ✔ 100 % Référentiel à seuil Apprentissage 18 juin 2026 tous les blocs (2)"
    );
    let date = doc
        .select(&common::sel("table.jury td.date"))
        .find(|e| e.text().any(|t| t.contains("2026")))
        .unwrap();
    assert_eq!(date.text().collect::<String>(), "18\u{a0}juin\u{a0}2026");
    assert!(rows[4].contains("B1"), "{}", rows[4]);
    assert!(
        rows[1].contains("◐ Certification partielle (G2)"),
        "{}",
        rows[1]
    );
    let headers = text(&doc, "table.jury thead th");
    assert_eq!(headers[..2], ["Personne candidate", "Décision"]);
    let home = html(&out, "index.html");
    assert_eq!(text(&home, "main a[href='candidates/index.html']").len(), 1);
}

#[test]
fn the_dossier_shows_decision_reasoning_matrix_and_assessments() {
    let out = site();
    let doc = html(&out, "candidates/alice/index.html");
    assert_eq!(text(&doc, "h1"), ["Alice Martin"]);
    assert_eq!(
        text(&doc, ".summary dl.decisions .verdict"),
        ["✔ Certification totale"]
    );
    assert_eq!(
        text(&doc, ".decision ol.reasons li"),
        [
            "Tous les blocs requis sont validés.",
            "Règle par défaut de refolio, non énoncée par le certificateur : la certification totale demande que tous les blocs soient validés.",
            "Toutes les conditions du titre sont remplies : certification totale."
        ]
    );
    // The default is listed apart, as not the certifier's, among what the decision
    // depends on.
    let depends = text(&doc, ".summary ul.depends > li");
    assert_eq!(depends.len(), 1, "{depends:?}");
    assert_eq!(
        depends[0],
        ["Règles par défaut appliquées (non énoncées par le certificateur)",
            "Règle par défaut de refolio, non énoncée par le certificateur : la certification totale demande que tous les blocs soient validés.",
            "Règle par défaut de refolio, non énoncée par le certificateur pour ce bloc : il est validé quand toutes ses compétences le sont."
        ]
        .join(" ")
    );
    // One section per bloc, printed on its own page.
    assert_eq!(
        text(&doc, "section.bloc > h2"),
        ["B1 Bloc un", "B2 Bloc deux"]
    );
    let b1 = doc.select(&sel("section.bloc")).next().unwrap();
    let headers: Vec<String> = b1
        .select(&sel("table.matrix thead th"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(
        headers,
        [
            "Compétence",
            "Preuves",
            "Auto-évaluation",
            "Évaluation tuteur",
            "Résultat"
        ]
    );
    let c11 = text(&doc, "tr#c-c1-1 td");
    assert_eq!(
        c11,
        [
            "✔ couverte P2",
            "acquis",
            "en cours d'acquisition ⚑ écart auto-évaluation / tuteur",
            "✔ validé"
        ]
    );
    let c12 = text(&doc, "tr#c-c1-2 td");
    assert_eq!(c12[1], "14/20");
    // Each competence links to its row in the published referential.
    let link = doc.select(&sel("tr#c-c1-1 th a")).next().unwrap();
    assert_eq!(
        link.value().attr("href"),
        Some("../../seuil/index.html#c1-1")
    );
    assert!(
        text(&doc, ".criteria-list li")
            .contains(&"✘ non validé Cr1.1.4 Quatrième critère (expression orale)".to_owned())
    );
    assert_eq!(
        text(&doc, "#rf-soft ~ div tbody tr"),
        ["Écoute active acquis en cours d'acquisition ⚑ écart auto-évaluation / tuteur"]
    );
    assert_eq!(
        text(&doc, "#rf-job ~ ul li"),
        ["Construire le tableau de bord — C1.1 , C2.1"]
    );
}

#[test]
fn exemptions_are_shown_with_their_reason() {
    let out = site();
    let doc = html(&out, "candidates/chloe/index.html");
    assert_eq!(
        text(&doc, "#rf-exemptions ~ ul li"),
        [
            "Cr1.1.4 Quatrième critère (expression orale) Motif : Avis motivé du référent handicap (déficience auditive) (décision du 10 mars 2026)"
        ]
    );
    assert!(
        text(&doc, ".criteria-list li")
            .contains(&"dispensé Cr1.1.4 Quatrième critère (expression orale)".to_owned())
    );
    // 001: « le jury de certification peut décider d'exempter »: the exemption is the jury's
    // decision; not dated, the dossier says the date is missing rather than nothing.
    let path = "content/candidates/chloe/passport.yaml";
    let passport = std::fs::read_to_string(fixture("candidates").join(path)).unwrap();
    let undated = passport.replacen("    date: 2026-03-10\n", "", 1);
    assert_ne!(undated, passport);
    let s = Scratch::of("candidates").write(path, &undated);
    let doc = html(&build_in_memory(s.root()), "candidates/chloe/index.html");
    assert_eq!(
        text(&doc, "#rf-exemptions ~ ul li"),
        [
            "Cr1.1.4 Quatrième critère (expression orale) Motif : Avis motivé du référent handicap (déficience auditive) (date de la décision du jury non enregistrée)"
        ]
    );
}

#[test]
fn the_points_grid_is_said_once_in_the_summary_bars_with_the_total() {
    let out = site();
    let doc = html(&out, "candidates/emma/index.html");
    // No separate grid table: each mark, its points and minimum, the professional
    // evaluation and the total are in the summary's bars, the one place they are shown.
    assert_eq!(doc.select(&sel("table.grid")).count(), 0);
    let bars = text(&doc, ".summary p.bar");
    for said in [
        "G1 : 20 sur 60",
        "éliminatoire en dessous de 24",
        "G2 : 30 sur 40",
        "éliminatoire en dessous de 16",
        "Évaluation professionnelle : 70 sur 100 ; éliminatoire en dessous de 50",
        "120 sur 200 ; certification totale à partir de 100",
    ] {
        assert!(bars.iter().any(|b| b.contains(said)), "{said} in {bars:?}");
    }
    assert!(
        text(&doc, "section.bloc .reasons li")
            .contains(&"Note 20 sous le minimum de 24 : note éliminatoire.".to_owned())
    );
}

#[test]
fn evidence_pages_render_markdown_code_and_attachments_safely() {
    let out = site();
    let page = "candidates/alice/preuves/tableau-de-bord.html";
    let doc = html(&out, page);
    assert_eq!(text(&doc, "h1"), ["Tableau de bord <commercial>"]);
    assert_eq!(doc.select(&sel(".evidence-body table")).count(), 1);
    assert!(
        doc.select(&sel(".evidence-body pre.hl-code span[class^='hl-']"))
            .count()
            > 3
    );
    assert_eq!(
        doc.select(&sel(".evidence-body img[src='annexes/graphique.png']"))
            .count(),
        1
    );
    // The footnote reference reaches its definition.
    let note = doc.select(&sel(".evidence-body sup a")).next().unwrap();
    let target = note.value().attr("href").unwrap().trim_start_matches('#');
    assert_eq!(doc.select(&sel(&format!("[id='{target}']"))).count(), 1);
    // Untrusted HTML: no script, handler, javascript: URL or foreign class survives.
    let raw = std::str::from_utf8(&out.files[page]).unwrap();
    for bad in ["<script", "onclick", "javascript:", "evil"] {
        assert!(!raw.contains(bad), "{bad} survived");
    }
    assert_eq!(
        text(&doc, "#rf-attachments ~ ul li"),
        ["graphique.png", "Synthèse"]
    );
    assert_eq!(
        out.files["candidates/alice/preuves/annexes/synthese.pdf"],
        std::fs::read(fixture(
            "candidates/content/candidates/alice/preuves/annexes/synthese.pdf"
        ))
        .unwrap()
    );
    let demonstrated = text(&doc, ".demonstrates li");
    assert_eq!(demonstrated.len(), 2);
    assert!(
        demonstrated[1].starts_with("Cr1.2.1 (critère) Critère un — section 3, p. 12"),
        "{}",
        demonstrated[1]
    );
    assert!(out.files.contains_key("highlight.css"));
}

#[test]
fn candidate_pages_are_not_indexed_and_every_link_resolves() {
    let out = site();
    for (path, _) in out
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("candidates/") && p.ends_with(".html"))
    {
        let doc = html(&out, path);
        let robots = doc.select(&sel("meta[name=robots]")).next();
        assert_eq!(
            robots.and_then(|m| m.value().attr("content")),
            Some("noindex, nofollow"),
            "{path}"
        );
    }
    let (broken, checked) = broken_links(&out);
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(checked > 100, "{checked}");
}

#[test]
fn no_candidates_builds_the_public_referential_site_only() {
    let scratch = Scratch::of("candidates");
    let (code, _, stderr) = scratch.run(&["build", "--no-candidates"]);
    assert_eq!(code, 0, "{stderr}");
    let public = scratch.root().join("public");
    assert!(public.join("seuil/index.html").is_file());
    assert!(!public.join("candidates").exists());
    assert!(
        !std::fs::read_to_string(public.join("index.html"))
            .unwrap()
            .contains("candidates/")
    );
    // The same through the site configuration; candidate files are not even read.
    let scratch = Scratch::of("candidates")
        .write(
            "refolio.toml",
            "title = \"Public\"\n[candidates]\npublish = false\n",
        )
        .write("content/candidates/bruno/passport.yaml", "name: [broken");
    let (code, stdout, _) = scratch.run(&["check"]);
    assert_eq!((code, stdout.lines().count()), (0, 1), "{stdout}");
}

#[test]
fn pseudonymised_sites_never_print_a_name() {
    let scratch = Scratch::of("candidates").write(
        "refolio.toml",
        "title = \"Jury\"\n[candidates]\npseudonymize = true\n",
    );
    let (code, stdout, stderr) = scratch.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("candidate candidate-a (seuil)"), "{stdout}");
    let public = scratch.root().join("public");
    assert!(public.join("candidates/candidate-a/index.html").is_file());
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().to_string_lossy().into_owned();
        let body = std::fs::read(entry.path()).unwrap();
        let body = String::from_utf8_lossy(&body);
        for name in [
            "Alice", "Martin", "Bruno", "Petit", "Chloé", "alice", "bruno/", "chloe",
        ] {
            assert!(
                !path.contains(name) && !body.contains(name),
                "{name} in {path}"
            );
        }
        pages += 1;
    }
    assert!(pages > 10);
    let index = std::fs::read_to_string(public.join("candidates/index.html")).unwrap();
    assert!(
        index.contains("Candidate A") && index.contains("Candidat·e "),
        "{index}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    assert_eq!(site(), site());
}
