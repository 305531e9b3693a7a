//! The valid fixture site, built: structure of the referential table (row spans, group
//! rows, header cells), anchors, links both ways, accessibility basics, JSON export,
//! determinism and the atomic output folder.

use crate::common;
use common::{broken_links, build_in_memory, external_resources, fixture, html, run, sel};

fn text(e: scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn builds_the_expected_pages() {
    let out = build_in_memory(&fixture("valid"));
    let paths: Vec<&str> = out.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "accessibility.html",
            "demo/badges/b1.json",
            "demo/badges/b2.json",
            "demo/badges/certification.json",
            "demo/case.json",
            "demo/competences/c1-1.html",
            "demo/competences/c1-2.html",
            "demo/competences/c1-3.html",
            "demo/competences/c2-1a.html",
            "demo/competences/c2-1b.html",
            "demo/index.html",
            "demo/referential.json",
            "demo/search-index.js",
            "index.html",
            "search.html",
            "search.js",
            "style.css",
        ]
    );
}

#[test]
fn table_has_certifier_row_spans() {
    let out = build_in_memory(&fixture("valid"));
    let doc = html(&out, "demo/index.html");
    let b1 = doc
        .select(&sel("section#b1, section[aria-labelledby=b1]"))
        .next()
        .expect("bloc B1 section");
    let rows: Vec<_> = b1.select(&sel("table.referential tbody tr")).collect();
    assert_eq!(rows.len(), 3, "one row per competence");
    // Row 1: activity A1.1 spans C1.1 and C1.2; modality E1 too; criteria per competence.
    let cells = |row: &scraper::ElementRef| -> Vec<(String, String)> {
        row.select(&sel(":scope > td, :scope > th"))
            .map(|c| {
                (
                    c.value().attr("id").unwrap_or("").to_owned(),
                    c.value().attr("rowspan").unwrap_or("-").to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(
        cells(&rows[0]),
        [
            ("a1-1".into(), "2".into()),
            ("c1-1".into(), "-".into()),
            ("".into(), "2".into()),
            ("".into(), "1".into())
        ]
    );
    assert_eq!(
        cells(&rows[1]),
        [("c1-2".into(), "-".into()), ("".into(), "1".into())]
    );
    assert_eq!(
        cells(&rows[2]),
        [
            ("a1-2".into(), "1".into()),
            ("c1-3".into(), "-".into()),
            ("".into(), "1".into()),
            ("".into(), "1".into())
        ]
    );

    // Bloc 2: a group header row, then a shared criterion spanning both competences.
    let b2 = doc
        .select(&sel("section[aria-labelledby=b2]"))
        .next()
        .unwrap();
    let group = b2
        .select(&sel("tbody tr.group th[scope=rowgroup]"))
        .next()
        .expect("group header");
    assert_eq!(group.value().attr("id"), Some("g1"));
    assert_eq!(group.value().attr("colspan"), Some("4"));
    let rows: Vec<_> = b2
        .select(&sel("table.referential tbody tr:not(.group)"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        cells(&rows[0]),
        [
            ("a2-1".into(), "2".into()),
            ("c2-1a".into(), "-".into()),
            ("".into(), "2".into()),
            ("".into(), "2".into())
        ]
    );
    let shared = rows[0].select(&sel("li.criterion")).next().unwrap();
    assert_eq!(shared.value().attr("id"), Some("b2-cr1"));
    assert!(text(shared).contains("Critère partagé"));
    assert!(
        text(shared).ends_with("En relation avec : C2.1a, C2.1b"),
        "{}",
        text(shared)
    );
}

#[test]
fn anchors_are_derived_from_ids_and_generated_ids_are_stable() {
    let out = build_in_memory(&fixture("valid"));
    let doc = html(&out, "demo/index.html");
    for id in [
        "b1", "a1-1", "c1-1", "cr1-1-1", "c1-1-cr2", "c1-2-cr1", "e1", "e2", "b2", "g1", "c2-1a",
        "b2-cr1", "b2-e1", "m2-1",
    ] {
        assert_eq!(
            doc.select(&sel(&format!("[id='{id}']"))).count(),
            1,
            "anchor #{id}"
        );
    }
    let generated = doc.select(&sel("#c1-1-cr2 .id")).next().unwrap();
    assert_eq!(text(generated), "C1.1.cr2");
    assert_eq!(
        generated.value().attr("title"),
        Some("identifiant attribué par refolio")
    );
}

#[test]
fn links_go_both_ways() {
    let out = build_in_memory(&fixture("valid"));
    let doc = html(&out, "demo/index.html");
    let hrefs = |scope: &str| -> Vec<String> {
        doc.select(&sel(&format!("{scope} a")))
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect()
    };
    // activity → competences, competence → activity and its own page
    assert_eq!(hrefs("#a1-1 .links"), ["#c1-1", "#c1-2"]);
    assert_eq!(hrefs("#c1-1"), ["competences/c1-1.html", "#a1-1"]);
    // modality → competences it evaluates; criterion → its competences
    assert_eq!(hrefs("#e1 .links"), ["#c1-1", "#c1-2"]);
    assert_eq!(hrefs("#b2-cr1 .links"), ["#c2-1a", "#c2-1b"]);
    // the competence page gathers activity, criteria and modalities, linking back
    let page = html(&out, "demo/competences/c2-1b.html");
    let page_hrefs: Vec<&str> = page
        .select(&sel("main a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    for expected in [
        "../index.html#b2",
        "../index.html#g1",
        "../index.html#a2-1",
        "../index.html#c2-1b",
        "c2-1a.html",
    ] {
        assert!(
            page_hrefs.contains(&expected),
            "{expected} in {page_hrefs:?}"
        );
    }
    assert_eq!(page.select(&sel("#b2-cr1")).count(), 1);
    assert_eq!(page.select(&sel("#b2-e1")).count(), 1);
}

#[test]
fn every_internal_link_and_anchor_resolves_and_nothing_is_fetched_from_outside() {
    let out = build_in_memory(&fixture("valid"));
    let (broken, checked) = broken_links(&out);
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(checked > 50, "only {checked} links checked");
    assert_eq!(external_resources(&out), Vec::<String>::new());
}

#[test]
fn pages_are_accessible_by_construction() {
    let out = build_in_memory(&fixture("valid"));
    for (path, _) in out.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let doc = html(&out, path);
        assert_eq!(doc.select(&sel("html[lang=fr]")).count(), 1, "{path}: lang");
        assert_eq!(doc.select(&sel("main#rf-main")).count(), 1, "{path}: main");
        assert_eq!(
            doc.select(&sel("a.skip-link[href='#rf-main']")).count(),
            1,
            "{path}: skip link"
        );
        assert_eq!(doc.select(&sel("h1")).count(), 1, "{path}: one h1");
        for table in doc.select(&sel("table")) {
            assert_eq!(table.select(&sel("caption")).count(), 1, "{path}: caption");
            assert!(
                table
                    .select(&sel("thead th"))
                    .all(|th| th.value().attr("scope") == Some("col")),
                "{path}: scope"
            );
        }
    }
    let doc = html(&out, "demo/index.html");
    let headers = b1_column_headers(&doc);
    assert_eq!(
        headers,
        [
            "Activités",
            "Compétences",
            "Modalités d'évaluation",
            "Critères d'évaluation"
        ]
    );
}

#[test]
fn ui_strings_follow_the_site_language() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&fixture("valid"), tmp.path());
    std::fs::write(
        tmp.path().join("refolio.toml"),
        "title = \"Test\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    let out = build_in_memory(tmp.path());
    let doc = html(&out, "demo/index.html");
    assert_eq!(doc.select(&sel("html[lang=en]")).count(), 1);
    let headers = b1_column_headers(&doc);
    assert_eq!(
        headers,
        [
            "Activities",
            "Competences",
            "Evaluation modalities",
            "Evaluation criteria"
        ]
    );
}

#[test]
fn site_templates_override_the_defaults() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&fixture("valid"), tmp.path());
    std::fs::create_dir(tmp.path().join("templates")).unwrap();
    std::fs::write(
        tmp.path().join("templates/index.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Maison</h1>{% for r in referentials %}<p>{{ r.title }}</p>{% endfor %}{% endblock content %}",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("templates/strings.toml"),
        "[fr]\nhome = \"Maison\"\n",
    )
    .unwrap();
    let out = build_in_memory(tmp.path());
    let doc = html(&out, "index.html");
    assert_eq!(
        doc.select(&sel("h1")).map(text).collect::<Vec<_>>(),
        ["Maison"]
    );
    assert_eq!(
        doc.select(&sel("main p")).map(text).collect::<Vec<_>>(),
        ["Démo"]
    );
    assert_eq!(doc.select(&sel("nav[aria-label=Maison]")).count(), 1);
}

#[test]
fn texts_are_escaped_and_markdown_sanitised() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&fixture("valid"), tmp.path());
    let path = tmp.path().join("content/referentials/demo.yaml");
    let yaml = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "title: Premier bloc",
            "title: \"<script>alert(1)</script>\"",
        )
        .replace(
            "text: Compétence un",
            "text: \"<img src=x onerror=alert(1)> [x](javascript:alert(1))\"",
        );
    std::fs::write(&path, yaml).unwrap();
    let out = build_in_memory(tmp.path());
    let page = String::from_utf8(out.files["demo/index.html"].clone()).unwrap();
    assert!(!page.contains("<script"), "title not escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("onerror"), "markdown not sanitised");
    assert!(page.contains("<img src=\"x\">"), "sanitised HTML kept");
}

#[test]
fn json_export_has_the_documented_shape() {
    let out = build_in_memory(&fixture("valid"));
    let v: serde_json::Value = serde_json::from_slice(&out.files["demo/referential.json"]).unwrap();
    assert_eq!(v["format"], "refolio.referential/1");
    assert_eq!(v["url"], "https://example.org/demo/");
    assert_eq!(v["rules"]["competence_threshold"], 50);
    let b1 = &v["blocs"][0];
    assert_eq!(
        b1["activities"][0]["competences"][0]["criteria"],
        serde_json::json!(["Cr1.1.1", "C1.1.cr2"])
    );
    assert_eq!(b1["criteria"][1]["generated_id"], true);
    assert_eq!(b1["modalities"][0]["kind"], "case-study");
    assert_eq!(v["blocs"][1]["modalities"][0]["id"], "B2.E1");
    assert_eq!(
        v["blocs"][1]["modalities"][0]["evaluates"],
        serde_json::json!(["C2.1a", "C2.1b"])
    );
    assert_eq!(
        v["blocs"][1]["criteria"][0]["competences"],
        serde_json::json!(["C2.1a", "C2.1b"])
    );
}

#[test]
fn two_builds_are_byte_identical_and_replace_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b, &a] {
        let (code, stdout, stderr) = run(
            &fixture("valid"),
            &["build", "--no-cache", "--output-dir", out.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.starts_with(
                "1 referentials, 5 competences, 5 criteria, 0 candidates → 9 pages in "
            ),
            "{stdout}"
        );
    }
    assert_eq!(read_tree(&a), read_tree(&b));
    // Nothing but the two outputs was left beside them.
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    // And the build cache of each, written even by `--no-cache`.
    assert_eq!(
        names,
        [
            ".a.refolio-cache.json",
            ".a.refolio-units.bin",
            ".b.refolio-cache.json",
            ".b.refolio-units.bin",
            "a",
            "b"
        ]
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_tree(&fixture("valid"), &site);
    let (code, _, stderr) = run(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let before = read_tree(&site.join("public"));
    // Break a template: rendering fails after checking succeeded.
    std::fs::create_dir(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/competence.html"),
        "{% extends \"base.html\" %}{% block content %}{{ nope.nope }}{% endblock content %}",
    )
    .unwrap();
    let (code, _, stderr) = run(&site, &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("templates/competence.html: error: "),
        "{stderr}"
    );
    assert_eq!(read_tree(&site.join("public")), before);
    let mut leftovers: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect();
    leftovers.sort();
    // The cache of the first build, which still describes the site left in place.
    assert_eq!(
        leftovers,
        [".public.refolio-cache.json", ".public.refolio-units.bin"]
    );
}

#[test]
fn a_template_error_names_the_template_at_fault() {
    // An included partial, a missing parent, and a translation file: each is named as the
    // error's source, not the page being rendered.
    let cases = [
        (
            "templates/partials/criterion.html",
            "<li>{{ c.nope.nope }}</li>",
            "templates/partials/criterion.html: error: Field `nope` is not defined.",
        ),
        (
            "templates/competence.html",
            "{% extends \"nothere.html\" %}",
            "templates/competence.html: error: Template 'competence.html' is inheriting from 'nothere.html', which doesn't exist or isn't loaded.",
        ),
        (
            "templates/strings.toml",
            "[fr]\njury_index = \"Jury\n",
            "templates/strings.toml:2:19: error: invalid basic string, expected `\"`",
        ),
    ];
    for (path, text, headline) in cases {
        let site = common::Scratch::of("valid").write(path, text);
        let out = tempfile::tempdir().unwrap();
        let (code, _, stderr) = site.run(&["build", "--output-dir", out.path().to_str().unwrap()]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.starts_with(headline), "{path}: {stderr}");
    }
}

/// The column headers of bloc B1's table.
fn b1_column_headers(doc: &scraper::Html) -> Vec<String> {
    doc.select(&sel("#b1 ~ div table thead th"))
        .map(text)
        .collect()
}

fn read_tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
