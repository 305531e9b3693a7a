//! The accessibility declaration (RGAA): built from `[accessibility]` in `refolio.toml`,
//! linked from every page's footer with the conformity status, and refused when it claims
//! conformity without an audit.

use crate::common;
use common::{Scratch, build_in_memory, fixture, headlines, html, sel};
use scraper::Html;

const CONFIG: &str = "title = \"Site de test\"\nbase_url = \"https://example.org/\"\n";

fn text(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

#[test]
fn every_page_links_to_the_declaration_with_its_status() {
    let out = build_in_memory(&fixture("candidates"));
    let mut pages = 0;
    for (path, bytes) in &out.files {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let links: Vec<_> = doc.select(&sel("footer a")).collect();
        assert_eq!(links.len(), 1, "{path}");
        let depth = path.matches('/').count();
        assert_eq!(
            links[0].value().attr("href"),
            Some(format!("{}accessibility.html", "../".repeat(depth)).as_str()),
            "{path}"
        );
        assert_eq!(
            links[0].text().collect::<String>(),
            "Accessibilité : non conforme",
            "{path}"
        );
    }
    assert!(pages > 10, "{pages}");
    let declaration = html(&out, "accessibility.html");
    assert_eq!(text(&declaration, "h1"), ["Déclaration d'accessibilité"]);
    let paragraphs = text(&declaration, "main p");
    assert!(paragraphs.contains(&"Aucun audit de conformité n'a encore été réalisé.".to_owned()));
    assert!(paragraphs.contains(&"Jury de test est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.".to_owned()), "{paragraphs:#?}");
}

#[test]
fn an_audited_site_states_its_results_contents_and_contact() {
    let site = Scratch::of("valid").write(
        "refolio.toml",
        &format!(
            "{CONFIG}[accessibility]\nentity = \"Organisme démo\"\nstatus = \"partial\"\naudit_date = 2026-11-20\nauditor = \"Cabinet A11y\"\nrate = 87.5\nnon_compliant = [\"Les PDF ne sont pas balisés.\"]\ncontact_email = \"a11y@example.org\"\n"
        ),
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!((code, headlines(&stderr)), (0, vec![]), "{stderr}");
    let out = build_in_memory(site.root());
    let doc = html(&out, "accessibility.html");
    let paragraphs = text(&doc, "main p");
    for expected in [
        "Organisme démo s'engage à rendre son site internet accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
        "https://example.org/ est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.",
        "L'audit de conformité réalisé par Cabinet A11y le 2026-11-20 révèle que 87.5 % des critères du RGAA version 4.1 sont respectés.",
        "Cette déclaration a été établie le 2026-11-20.",
    ] {
        assert!(
            paragraphs.iter().any(|p| p == expected),
            "{expected:?} not in {paragraphs:#?}"
        );
    }
    assert_eq!(
        text(&doc, "main h3 + ul li"),
        ["Les PDF ne sont pas balisés."]
    );
    assert_eq!(
        doc.select(&sel("a[href='mailto:a11y@example.org']"))
            .count(),
        1
    );
    assert_eq!(
        text(&html(&out, "index.html"), "footer a"),
        ["Accessibilité : partiellement conforme"]
    );
}

#[test]
fn the_footer_and_declaration_follow_the_site_language() {
    let site = Scratch::of("valid").write(
        "refolio.toml",
        &format!("{CONFIG}language = \"en\"\n[accessibility]\nstatus = \"full\"\naudit_date = 2026-11-20\ncontact_url = \"https://example.org/contact\"\n"),
    );
    let out = build_in_memory(site.root());
    assert_eq!(
        text(&html(&out, "index.html"), "footer a"),
        ["Accessibility: fully compliant"]
    );
    assert_eq!(
        text(&html(&out, "accessibility.html"), "h1"),
        ["Accessibility statement"]
    );
}

#[test]
fn conformity_without_an_audit_is_refused() {
    let site = Scratch::of("valid").write(
        "refolio.toml",
        &format!(
            "{CONFIG}[accessibility]\nstatus = \"full\"\nrate = 120\ncontact_email = \"a@example.org\"\n"
        ),
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headlines(&stderr),
        [
            "refolio.toml:4:10: error: accessibility status `full` needs the audit behind it",
            "refolio.toml:5:8: error: accessibility rate 120 is not a percentage",
        ]
    );
    assert!(
        stderr.contains("= help: add `audit_date` (and `rate`, the share of RGAA criteria met), or declare `status = \"none\"` until an audit is done"),
        "{stderr}"
    );
}

#[test]
fn a_declaration_without_contact_is_warned_about() {
    let site = Scratch::of("valid").write(
        "refolio.toml",
        &format!("{CONFIG}\n[accessibility]\nentity = \"Organisme\"\n"),
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        headlines(&stderr),
        ["refolio.toml:4:1: warning: the accessibility declaration gives no contact"]
    );
}

#[test]
fn a_declaration_without_contact_is_located_however_it_is_written() {
    // Dotted keys and an inline table: no `[accessibility]` line to find, but a span.
    for (table, at) in [
        ("accessibility.entity = \"Organisme\"\n", "refolio.toml:3:1"),
        (
            "accessibility = { entity = \"Organisme\" }\n",
            "refolio.toml:3:17",
        ),
    ] {
        let site = Scratch::of("valid").write("refolio.toml", &format!("{CONFIG}{table}"));
        let (code, _, stderr) = site.run(&["check"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            headlines(&stderr),
            [format!(
                "{at}: warning: the accessibility declaration gives no contact"
            )]
        );
    }
}

#[test]
fn the_declaration_says_which_pages_run_a_script_as_built() {
    let out = build_in_memory(&fixture("candidates"));
    // What the build holds: a script on the search page only.
    let scripted: Vec<&str> = out
        .files
        .iter()
        .filter(|(p, b)| {
            p.ends_with(".html") && std::str::from_utf8(b).unwrap().contains("<script")
        })
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(scripted, ["search.html"]);
    let declaration = html(&out, "accessibility.html");
    let said = text(&declaration, "main p").join("\n");
    assert!(
        said.contains("Seule la page de recherche exécute un script, celui du site (JavaScript, sans ressource extérieure) ; les autres pages n'en contiennent aucun et se lisent sans lui."),
        "{said}"
    );
    assert!(!said.contains("aucun script"), "{said}");
    // The documents the candidates attach, by format.
    assert!(
        said.contains("joignent des documents aux formats suivants, publiés tels qu'elles les ont fournis : PDF, PNG."),
        "{said}"
    );
}
