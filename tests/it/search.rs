//! Offline search: the index files a build writes, the search page's scopes and the search
//! box of every page. The query itself runs in Chromium in tests/e2e/search.test.js; here
//! the same lookup is followed through the index data.

use crate::common;
use common::{Scratch, build_in_memory, fixture, html, repo_root, sel};
use refolio::output::MemoryOutput;
use serde_json::Value;

/// The JSON object a `search-index.js` passes to `refolioSearch`.
fn index(out: &MemoryOutput, path: &str) -> Value {
    let text = std::str::from_utf8(&out.files[path]).unwrap();
    let json = text
        .strip_prefix("refolioSearch(")
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{path} is not one call: {text:.80}"));
    serde_json::from_str(json).unwrap()
}

/// What search.js does for one query word: its stem through `forms`, then the postings;
/// returns the matching documents' hrefs.
fn lookup(index: &Value, folded_word: &str) -> Vec<String> {
    let stem = index["forms"][folded_word]
        .as_str()
        .unwrap_or(folded_word)
        .to_owned();
    let postings = index["terms"][&stem]
        .as_array()
        .cloned()
        .unwrap_or_default();
    postings
        .chunks(2)
        .map(|p| {
            let doc = p[0].as_u64().unwrap() as usize;
            index["docs"][doc]["href"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn a_word_and_its_inflections_lead_to_the_competence_that_uses_them() {
    let out = build_in_memory(&repo_root());
    let i = index(&out, "business-developer/search-index.js");
    let c11 = "business-developer/competences/c1-1.html".to_owned();
    // The text of C1.1 says "Réaliser une veille commerciale"; "commerciale" is indexed
    // under its stem, shared with "commercial" and "commerciaux".
    assert!(lookup(&i, "veille").contains(&c11));
    assert!(lookup(&i, "commerciale").contains(&c11));
    assert_eq!(i["forms"]["commerciale"], "commercial");
    assert_eq!(i["forms"]["commerciaux"], "commercial");
    // Accents are folded on both sides: "réaliser" is looked up as "realiser".
    assert!(lookup(&i, "realiser").contains(&c11));
    // An ID, compacted, names the competence: its own ID, weighing 4.
    let ids = &i["ids"]["c11"];
    let doc = ids[0].as_u64().unwrap() as usize;
    assert_eq!(ids[1], 4);
    assert_eq!(i["docs"][doc]["href"], c11.as_str());
    assert_eq!(i["docs"][doc]["kind"], "competence");
    assert_eq!(i["docs"][doc]["title"], "C1.1");
    assert_eq!(i["docs"][doc]["id"], "c1.1");
    // Every item of the referential is a document.
    let docs = i["docs"].as_array().unwrap();
    let count = |kind: &str| docs.iter().filter(|d| d["kind"] == kind).count();
    assert_eq!(
        (count("bloc"), count("competence"), count("criterion")),
        (5, 18, 71)
    );
}

#[test]
fn criteria_shared_by_several_competences_are_found_by_each_id() {
    let out = build_in_memory(&repo_root());
    let i = index(
        &out,
        "developpement-commercial-international/search-index.js",
    );
    // "C.1.1.a" is found however it is typed: the index keys it `c11a`.
    let doc = i["ids"]["c11a"][0].as_u64().unwrap() as usize;
    assert_eq!(i["docs"][doc]["title"], "C.1.1.a");
}

/// The documents an ID leads to in an index: `(title, href, weight)` of each posting.
fn by_id(index: &Value, compact: &str) -> Vec<(String, String, u64)> {
    let postings = index["ids"][compact]
        .as_array()
        .cloned()
        .unwrap_or_default();
    postings
        .chunks(2)
        .map(|p| {
            let doc = &index["docs"][p[0].as_u64().unwrap() as usize];
            let text = |k: &str| doc[k].as_str().unwrap().to_owned();
            (text("title"), text("href"), p[1].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn generated_ids_modules_and_evaluation_parts_are_found_titled_with_their_own_id() {
    let out = build_in_memory(&repo_root());
    let bd = index(&out, "business-developer/search-index.js");
    // A generated criterion ID, shown on the pages, is its own title (not its competence's).
    let cr1 = by_id(&bd, "c24cr1");
    assert_eq!(
        cr1,
        [(
            "C2.4.cr1".to_owned(),
            "business-developer/index.html#c2-4-cr1".to_owned(),
            4
        )]
    );
    let dci = index(
        &out,
        "developpement-commercial-international/search-index.js",
    );
    assert_eq!(by_id(&dci, "b1cr2")[0].0, "B1.cr2");
    let module = &by_id(&dci, "m11")[0];
    assert!(module.0.starts_with("M1.1 "), "{module:?}");
    assert_eq!(
        module.1,
        "developpement-commercial-international/index.html#m1-1"
    );
    let tutor = &by_id(&dci, "tuteur")[0];
    assert_eq!(
        (tutor.0.as_str(), tutor.1.as_str()),
        (
            "tuteur Évaluation tuteur",
            "developpement-commercial-international/index.html#rf-rules"
        )
    );
    // No criterion is titled with its competences' IDs any more.
    let docs = bd["docs"].as_array().unwrap();
    assert!(
        docs.iter()
            .filter(|d| d["kind"] == "criterion")
            .all(|d| d["title"].as_str().unwrap().contains(".cr")
                || d["title"].as_str().unwrap().starts_with("Cr")),
        "{docs:?}"
    );
    // A bloc is found as its pages write it, `Bloc B1`: the kind's label is indexed too.
    let bloc = lookup(&bd, "bloc");
    assert!(
        bloc.contains(&"business-developer/index.html#b1".to_owned()),
        "{bloc:?}"
    );
}

#[test]
fn evidence_is_found_by_the_ids_it_demonstrates() {
    let out = build_in_memory(&repo_root());
    let i = index(&out, "candidates/camille-martin/search-index.js");
    let docs = i["docs"].as_array().unwrap();
    let demonstrated: Vec<&Value> = docs.iter().filter(|d| d["kind"] == "evidence").collect();
    assert!(!demonstrated.is_empty());
    // Every evidence page lists what it demonstrates; each of those IDs leads back to it.
    let mut checked = 0;
    for d in demonstrated {
        let href = d["href"].as_str().unwrap();
        let page = html(&out, href);
        for a in page.select(&sel(".demonstrates a.id")) {
            let id = a.text().collect::<String>();
            let found = by_id(&i, &refolio::render::search::compact(&id));
            assert!(
                found.iter().any(|(_, h, w)| h == href && *w == 2),
                "{id}: {href} not in {found:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 5, "{checked} IDs demonstrated");
}

#[test]
fn candidates_are_searched_in_their_own_index_with_their_evidence() {
    let out = build_in_memory(&repo_root());
    let i = index(&out, "candidates/camille-martin/search-index.js");
    let docs = i["docs"].as_array().unwrap();
    assert_eq!(docs[0]["kind"], "dossier");
    assert_eq!(docs[0]["href"], "candidates/camille-martin/index.html");
    let evidence = docs.iter().filter(|d| d["kind"] == "evidence").count();
    assert_eq!(evidence, 6);
    assert!(
        lookup(&i, "export")
            .iter()
            .any(|h| h.ends_with("preuves/veille-marches-export.html")),
        "{:?}",
        lookup(&i, "export")
    );
}

#[test]
fn every_page_has_a_search_box_scoped_to_what_it_shows() {
    let out = build_in_memory(&repo_root());
    let cases = [
        ("index.html", "search.html", ""),
        (
            "business-developer/index.html",
            "../search.html",
            "r:business-developer",
        ),
        (
            "business-developer/competences/c1-1.html",
            "../../search.html",
            "r:business-developer",
        ),
        ("candidates/index.html", "../search.html", "candidates"),
        (
            "candidates/camille-martin/index.html",
            "../../search.html",
            "c:camille-martin",
        ),
    ];
    for (page, action, scope) in cases {
        let doc = html(&out, page);
        let form = doc.select(&sel("header form[role=search]")).next().unwrap();
        assert_eq!(form.value().attr("action"), Some(action), "{page}");
        let hidden = form.select(&sel("input[name=scope]")).next().unwrap();
        assert_eq!(hidden.value().attr("value"), Some(scope), "{page}");
        let label = form.select(&sel("label[for=rf-site-q]")).count();
        assert_eq!(label, 1, "{page}: the box has a label");
    }
    let pages = out.files.keys().filter(|p| p.ends_with(".html")).count();
    let boxes = out
        .files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .filter(|p| html(&out, p).select(&sel("#rf-site-q")).count() == 1)
        .count();
    // All but the search page, which has its own form.
    assert_eq!(boxes, pages - 1);
}

#[test]
fn the_search_page_offers_every_scope_with_an_index_that_exists() {
    let out = build_in_memory(&repo_root());
    let doc = html(&out, "search.html");
    let options: Vec<(String, String)> = doc
        .select(&sel("#rf-search-scope option[data-index]"))
        .map(|o| {
            let v = o.value();
            (
                v.attr("value").unwrap().to_owned(),
                v.attr("data-index").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(options.len(), 3 + 5, "{options:?}");
    for (value, file) in &options {
        assert!(out.files.contains_key(file), "{value}: {file} missing");
    }
    assert!(options.contains(&(
        "r:business-developer".into(),
        "business-developer/search-index.js".into()
    )));
    let kinds: Value = serde_json::from_str(
        doc.select(&sel("#rf-search-results"))
            .next()
            .unwrap()
            .value()
            .attr("data-kinds")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(kinds["competence"], "Compétence");
}

#[test]
fn the_public_site_has_no_candidate_in_its_search() {
    let scratch = Scratch::of("candidates");
    let (code, _, stderr) = scratch.run(&["build", "--no-candidates"]);
    assert_eq!(code, 0, "{stderr}");
    let public = scratch.root().join("public");
    let page = std::fs::read_to_string(public.join("search.html")).unwrap();
    assert!(!page.contains("c:"), "a candidate scope on the public site");
    assert!(public.join("seuil/search-index.js").is_file());
    // The fixture's candidates, for contrast, are offered when published.
    let out = build_in_memory(&fixture("candidates"));
    let page = std::str::from_utf8(&out.files["search.html"]).unwrap();
    assert!(page.contains("value=\"c:alice\""), "{page}");
}
