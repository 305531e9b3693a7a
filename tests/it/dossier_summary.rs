//! The dossier bilan as a jury reads it: its first screen (the decision, one cell per
//! competence labelled by status, each bloc's mark against its thresholds, what the decision
//! depends on), the disagreements between self and tutor assessments, the criteria folded
//! with their indicators, and the words (plural forms, dates) it is written in. On the
//! candidates fixture, whose cases are built for it, and on the bundled site.

use scraper::{ElementRef, Html};

use crate::common::{build_in_memory, fixture, html, repo_root, sel, texts};

fn fixture_dossier(candidate: &str) -> Html {
    let out = build_in_memory(&fixture("candidates"));
    html(&out, &format!("candidates/{candidate}/index.html"))
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> &'a str {
    e.value().attr(name).unwrap_or_default()
}

#[test]
fn the_summary_comes_first_with_a_labelled_cell_per_competence() {
    let doc = fixture_dossier("bruno");
    // The first section of the page is the summary.
    let first = doc.select(&sel("main > section")).next().unwrap();
    assert_eq!(attr(&first, "aria-labelledby"), "rf-summary");
    assert_eq!(
        texts(&doc, ".summary dl.decisions .verdict"),
        ["✘ Certification non délivrée"]
    );
    let cells: Vec<(String, String)> = doc
        .select(&sel(".summary .cells a.k-cell"))
        .map(|a| {
            let class = attr(&a, "class").replace("k-cell ", "");
            let words = a.text().collect::<String>();
            (class, words)
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("ko".to_owned(), "C1.1 non validée".to_owned()),
            ("ok".to_owned(), "C1.2 validée".to_owned())
        ]
    );
    // Each cell leads to its competence's row, and its text is its description, shown
    // on hover and focus.
    let cell = doc.select(&sel(".summary .cells a.k-cell")).next().unwrap();
    assert_eq!(attr(&cell, "href"), "#c-c1-1");
    assert!(doc.select(&sel("tr#c-c1-1")).next().is_some());
    let tip = attr(&cell, "aria-describedby");
    let tip = doc
        .select(&sel(&format!("#{tip}")))
        .next()
        .expect("the tooltip the cell names");
    assert_eq!(attr(&tip, "role"), "tooltip");
    assert!(!tip.text().collect::<String>().trim().is_empty());
}

#[test]
fn statuses_exempted_not_covered_and_pending_are_said_in_words() {
    // Léa: two competences without evidence, no result yet.
    let out = build_in_memory(&repo_root());
    let doc = html(&out, "candidates/lea-dubois/index.html");
    let gaps: Vec<String> = doc
        .select(&sel(".summary a.k-cell.gap"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(gaps, ["C2.1 non couverte", "C3.2 non couverte"]);
    let pending = texts(&doc, ".summary a.k-cell.pending .k-status");
    assert!(!pending.is_empty() && pending.iter().all(|s| s == "en attente"));
    // What the decision depends on names the uncovered competences, with their text.
    let depends = texts(&doc, ".summary ul.depends > li");
    let gaps = depends
        .iter()
        .find(|d| d.starts_with("Compétences qu'aucune preuve ne couvre"))
        .unwrap_or_else(|| panic!("{depends:#?}"));
    assert!(gaps.contains("C2.1 ") && gaps.contains("C3.2 "), "{gaps}");
}

#[test]
fn competences_of_a_bloc_decided_on_its_mark_await_no_verdict_of_their_own() {
    // Camille's B1 is decided on its mark (68/100): its competences are covered, not
    // "pending", and the matrix says they are judged with the bloc.
    let out = build_in_memory(&repo_root());
    let doc = html(&out, "candidates/camille-martin/index.html");
    let b1: Vec<String> = doc
        .select(&sel(".summary a.k-cell[href^='#c-c-1-']"))
        .map(|a| format!("{} {}", attr(&a, "class"), a.text().collect::<String>()))
        .collect();
    assert!(!b1.is_empty());
    assert!(
        b1.iter()
            .all(|c| c.starts_with("k-cell covered C.1.") && c.contains(" couverte")),
        "{b1:#?}"
    );
    let results = texts(&doc, "section#b-b1 table.matrix tbody td:last-child");
    assert!(
        !results.is_empty() && results.iter().all(|r| r == "jugée avec le bloc"),
        "{results:#?}"
    );
    // No row reason says a decision is pending there: the tally says how many criteria
    // have no result ("2 critères : 2 sans résultat"), and the verdict what that means.
    let rows = texts(&doc, "section#b-b1 table.matrix tbody details");
    assert!(
        rows.iter().any(|r| r.contains("sans résultat")),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| !r.contains("en attente")), "{rows:#?}");
    // The report keeps the reason, in words that agree with the verdict.
    let report: serde_json::Value =
        serde_json::from_slice(&out.files["candidates/camille-martin/report.json"]).unwrap();
    let first = &report["candidates"][0]["competences"][0];
    assert_eq!(first["id"], "C.1.1.a");
    assert_eq!(
        first["reasons"][0]["key"],
        "reason_criteria_missing_with_bloc"
    );
    assert_eq!(
        first["reasons"][0]["text"],
        "2 critères sur 2 sans résultat, sans décision attendue pour la compétence : elle est jugée avec le bloc."
    );
}

#[test]
fn a_competence_decided_by_its_criteria_still_awaits_its_decision() {
    // Léa's B1 is decided competence by competence: C1.1 has no result yet, so its
    // decision is pending, as the report says and the row's verdict shows.
    let out = build_in_memory(&repo_root());
    let doc = html(&out, "candidates/lea-dubois/index.html");
    assert_eq!(texts(&doc, "tr#c-c1-1 > td:last-child"), ["… non décidé"]);
    assert_eq!(
        texts(&doc, "tr#c-c1-1 details > summary"),
        ["8 critères : 8 sans résultat"]
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.files["candidates/lea-dubois/report.json"]).unwrap();
    let c11 = report["candidates"][0]["competences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "C1.1")
        .unwrap();
    assert_eq!(
        c11["reasons"][0]["text"],
        "8 critères sur 8 sans résultat : décision en attente."
    );
}

#[test]
fn refolios_default_rule_for_competences_is_said_once_not_in_every_row() {
    // Inès's referential states no competence threshold: every competence is decided by
    // refolio's default, which the summary says once, and no row again.
    let rule = "Règle par défaut de refolio, non énoncée par le certificateur : une compétence est validée quand tous ses critères pris en compte le sont.";
    let out = build_in_memory(&repo_root());
    let doc = html(&out, "candidates/ines-moreau/index.html");
    let depends = texts(&doc, ".summary ul.depends > li");
    assert!(depends.iter().any(|d| d.contains(rule)), "{depends:#?}");
    let blocs = texts(&doc, "section.bloc > ul.reasons > li");
    assert!(blocs.iter().all(|r| r != rule), "{blocs:#?}");
    let rows = texts(&doc, "table.matrix details ul.reasons li");
    assert!(rows.iter().all(|r| r != rule), "{rows:#?}");
    // Nor is "Les 5 critères pris en compte sont validés." said under "5 critères :
    // 5 validés"; the report keeps both reasons for every competence.
    assert!(
        rows.iter()
            .all(|r| !r.contains("pris en compte sont validés")),
        "{rows:#?}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.files["candidates/ines-moreau/report.json"]).unwrap();
    for k in report["candidates"][0]["competences"].as_array().unwrap() {
        let keys: Vec<&str> = k["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["key"].as_str().unwrap())
            .collect();
        assert!(keys.contains(&"default_competence_all"), "{keys:?}");
    }
    // With a threshold for B1 only, the default decides the other blocs' competences:
    // each of those blocs says so once, B1 does not.
    let site = tempfile::tempdir().unwrap();
    crate::common::copy_tree(&repo_root().join("content"), &site.path().join("content"));
    std::fs::copy(
        repo_root().join("refolio.toml"),
        site.path().join("refolio.toml"),
    )
    .unwrap();
    let yaml = site
        .path()
        .join("content/referentials/business-developer.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap().replacen(
        "  - id: B1\n",
        "  - id: B1\n    competence_threshold: 50\n",
        1,
    );
    std::fs::write(&yaml, text).unwrap();
    let out = build_in_memory(site.path());
    let doc = html(&out, "candidates/ines-moreau/index.html");
    for id in ["b-b1", "b-b2", "b-b3", "b-b4", "b-b5"] {
        let reasons = texts(&doc, &format!("section#{id} > ul.reasons > li"));
        let said = reasons.iter().filter(|r| *r == rule).count();
        assert_eq!(said, usize::from(id != "b-b1"), "{id}: {reasons:#?}");
    }
    let rows = texts(&doc, "table.matrix details ul.reasons li");
    assert!(rows.iter().all(|r| r != rule), "{rows:#?}");
}

#[test]
fn the_decision_depends_on_an_exemption_that_flips_a_competence_a_bloc_and_the_title() {
    let doc = fixture_dossier("chloe");
    let depends = texts(&doc, ".summary ul.depends > li");
    assert_eq!(
        depends[0],
        "Dispense du critère Cr1.1.4 Sans elle : C1.1 passerait de « ✔ validé » à « ✘ non validé » ; \
         B1 passerait de « ✔ validé » à « ✘ non validé » ; la proposition passerait de \
         « ✔ Certification totale » à « ◐ Certification partielle (B2) »."
    );
    let link = doc
        .select(&sel(".summary ul.depends > li a"))
        .next()
        .unwrap();
    assert_eq!(attr(&link, "href"), "../../seuil/index.html#cr1-1-4");
}

#[test]
fn the_decision_depends_on_a_failed_bloc_and_why() {
    let doc = fixture_dossier("bruno");
    let depends = texts(&doc, ".summary ul.depends > li");
    assert_eq!(
        depends[0],
        "Bloc B1 non validé Compétence non validée : C1.1."
    );
    // Where the rules say nothing, the summary says which default applied.
    assert!(
        depends[1].starts_with("Règles par défaut appliquées"),
        "{depends:#?}"
    );
    // A dossier depending on nothing else says so.
    let out = build_in_memory(&repo_root());
    let camille = html(&out, "candidates/camille-martin/index.html");
    assert_eq!(
        texts(&camille, ".summary h3 + p"),
        [
            "Rien d'autre que les blocs validés : aucune dispense, aucun bloc en échec ou en attente, aucune lacune, aucune règle par défaut."
        ]
    );
}

#[test]
fn each_bloc_shows_its_mark_against_its_pass_mark_and_minimum() {
    let doc = fixture_dossier("emma");
    let meters: Vec<[String; 4]> = doc
        .select(&sel(".summary meter"))
        .map(|m| ["value", "max", "low", "high"].map(|a| attr(&m, a).to_owned()))
        .collect();
    let s = |v: [&str; 4]| v.map(str::to_owned);
    assert_eq!(
        meters,
        [
            s(["20", "60", "24", "30"]),
            s(["30", "40", "16", "20"]),
            s(["70", "100", "50", "50"]),
            s(["120", "200", "100", "100"])
        ]
    );
    // Said in words beside each bar, which is the bar's accessible name.
    let meter = doc.select(&sel(".summary meter")).next().unwrap();
    let label = attr(&meter, "aria-labelledby");
    assert_eq!(
        texts(&doc, &format!("#{label}")),
        [
            "G1 : 20 sur 60 ; validé à partir de 30 ; éliminatoire en dessous de 24 (bloc jugé sur sa note, non compétence par compétence)"
        ]
    );
    assert_eq!(
        texts(&doc, ".summary p.bar span[id]")[3],
        "Total de la grille : 120 sur 200 ; certification totale à partir de 100"
    );
    // A bloc validated by its competences counts them instead, and says it has no mark.
    let bruno = fixture_dossier("bruno");
    let meter = bruno.select(&sel(".summary meter")).next().unwrap();
    assert_eq!(
        ["value", "max", "low", "high"].map(|a| attr(&meter, a)),
        ["1", "2", "2", "2"]
    );
    assert_eq!(
        texts(&bruno, ".summary p.bar span[id]"),
        [
            "B1 : 1 compétence validée sur 2 ; il en faut 2 (bloc validé par ses compétences, sans note)"
        ]
    );
}

#[test]
fn disagreements_are_marked_on_competences_and_soft_skills_and_mixed_scales_said() {
    let doc = fixture_dossier("alice");
    assert_eq!(
        texts(&doc, ".summary a.k-cell .k-flag"),
        ["⚑ écart auto-évaluation / tuteur"]
    );
    assert_eq!(
        texts(&doc, ".summary p.flag-line"),
        ["⚑ Auto-évaluation et évaluation tuteur diffèrent pour : C1.1, Écoute active."]
    );
    assert_eq!(
        texts(&doc, "tr#c-c1-1 td .flag"),
        ["⚑ écart auto-évaluation / tuteur"]
    );
    assert_eq!(texts(&doc, "#rf-soft ~ div tbody .flag").len(), 1);
    // Karim: "acquis" beside "16/20" for C4.4.
    let out = build_in_memory(&repo_root());
    let karim = html(&out, "candidates/karim-benali/index.html");
    assert_eq!(
        texts(&karim, "tr#c-c4-4 td .flag"),
        ["⚑ échelles différentes"]
    );
    assert!(
        texts(&karim, ".summary p.flag-line")
            .contains(&"Certaines évaluations mettent un niveau (« acquis ») face à une note (« 16/20 ») : ces échelles ne se comparent pas.".to_owned())
    );
    // Alice's assessments use one scale: nothing said.
    assert!(
        !texts(&doc, ".summary p.flag-line")
            .iter()
            .any(|l| l.contains("échelles"))
    );
}

#[test]
fn criteria_are_folded_and_their_indicators_listed_once_per_bloc_counted_in_real_plurals() {
    let out = build_in_memory(&repo_root());
    let doc = html(&out, "candidates/ines-moreau/index.html");
    // Every matrix row holds its competence's text once and its criteria in a <details>.
    let rows = doc.select(&sel("table.matrix tbody tr")).count();
    assert_eq!(
        doc.select(&sel("table.matrix tbody tr th details > summary"))
            .count(),
        rows
    );
    assert_eq!(
        doc.select(&sel("table.matrix .competence-text")).count(),
        rows
    );
    // The criterion that ends on "permet au candidat :" is named in the row, which links to
    // its indicators, listed once under the bloc's matrix.
    let row = doc
        .select(&sel("tr#c-c2-3 details .criteria-list > li"))
        .find(|li| {
            li.text()
                .collect::<String>()
                .contains("permet au candidat :")
        });
    let link = row
        .expect("the criterion")
        .select(&sel("a.see-indicators"))
        .next()
        .expect("a link to its indicators");
    let target = link.value().attr("href").unwrap().trim_start_matches('#');
    let entry = texts(&doc, &format!("details.bloc-criteria li[id='{target}']"));
    assert_eq!(entry.len(), 1, "one entry for {target}");
    assert!(
        entry[0].ends_with("de préparer des arguments spécifiques en créant un lien entre l'offre et les besoins/ attentes identifiées."),
        "{}", entry[0]
    );
    assert_eq!(
        doc.select(&sel(&format!("li[id='{target}'] ul.indicators > li")))
            .count(),
        2
    );
    assert_eq!(doc.select(&sel("table.matrix ul.indicators")).count(), 0);
    // Each criterion once in its bloc's list, though competences share it.
    for list in doc.select(&sel("details.bloc-criteria")) {
        let ids: Vec<_> = list
            .select(&sel(".criteria-list > li"))
            .map(|li| li.value().attr("id").unwrap().to_owned())
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
    }
    // Counts: "1 critère dispensé", "3 critères validés" — no "(s)" anywhere.
    assert_eq!(
        texts(&doc, "tr#c-c2-4 details > summary"),
        ["4 critères : 3 validés, 1 dispensé"]
    );
    assert_eq!(
        texts(&doc, "tr#c-c2-4 details ul.reasons li")[0],
        "1 critère dispensé par le jury ne compte pas."
    );
    for page in ["candidates/ines-moreau/index.html", "candidates/index.html"] {
        let html = std::str::from_utf8(&out.files[page]).unwrap();
        assert!(!html.contains("(s)"), "{page} writes a plural as (s)");
    }
}

#[test]
fn one_and_two_take_their_own_forms() {
    let doc = fixture_dossier("alice");
    let tallies = texts(&doc, "table.matrix details > summary");
    assert!(
        tallies.contains(&"2 critères : 2 validés".to_owned()),
        "{tallies:?}"
    );
    let emma = fixture_dossier("emma");
    let tallies = texts(&emma, "table.matrix details > summary");
    assert!(
        tallies.contains(&"1 critère : 1 sans résultat".to_owned()),
        "{tallies:?}"
    );
}

#[test]
fn the_candidate_is_named_as_the_passport_asks_or_neutrally() {
    const EMMA: &str = "content/candidates/emma/passport.yaml";
    let passport = std::fs::read_to_string(fixture("candidates").join(EMMA)).unwrap();
    let partial = |doc: &Html| {
        texts(doc, ".decision ol.reasons li")
            .into_iter()
            .find(|r| r.contains("conserve le bénéfice"))
            .unwrap()
    };
    assert_eq!(
        partial(&fixture_dossier("emma")),
        "La personne candidate conserve le bénéfice du bloc validé : G2."
    );
    let site =
        crate::common::Scratch::of("candidates").write(EMMA, &format!("{passport}pronoun: elle\n"));
    let out = build_in_memory(site.root());
    let doc = html(&out, "candidates/emma/index.html");
    assert_eq!(
        partial(&doc),
        "La candidate conserve le bénéfice du bloc validé : G2."
    );
    let chloe = fixture_dossier("chloe");
    assert_eq!(
        texts(&chloe, "#rf-exemptions"),
        ["Aménagements : critères dont le jury a dispensé la personne candidate"]
    );
}

/// The jury index names each candidate's referential by its title, and adds its code (here
/// its ID, having no RNCP code) only when another referential's title folds to the same.
#[test]
fn the_jury_index_tells_apart_referentials_of_the_same_title() {
    let column = |root: &std::path::Path| {
        let doc = html(&build_in_memory(root), "candidates/index.html");
        let mut cells = texts(&doc, "tbody tr td:nth-of-type(3)");
        cells.sort();
        cells.dedup();
        cells
    };
    assert_eq!(
        column(&fixture("candidates")),
        ["Référentiel à grille de points", "Référentiel à seuil"]
    );
    let grille = "content/referentials/grille.yaml";
    let text = std::fs::read_to_string(fixture("candidates").join(grille)).unwrap();
    let same = text.replace(
        "title: Référentiel à grille de points",
        "title: REFERENTIEL A SEUIL",
    );
    assert_ne!(same, text);
    let scratch = crate::common::Scratch::of("candidates").write(grille, &same);
    assert_eq!(
        column(scratch.root()),
        [
            "REFERENTIEL A SEUIL (grille)",
            "Référentiel à seuil (seuil)"
        ]
    );
}
