//! A shorter dossier loses nothing the jury reads: on every bundled candidate, each
//! competence of the blocs presented shows its referential text once, each criterion its text
//! and each indicator once (folded, not dropped), and each mark the decision rests on (a
//! bloc's, the professional evaluation's, the grid's total) is on the page. The texts are
//! read from the referential's own page, not written here.

use std::collections::BTreeMap;

use refolio::model::fmt_number;
use scraper::{ElementRef, Html};

use crate::common::{build_in_memory, html, repo_root, sel};

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(e: &ElementRef) -> String {
    squash(&e.text().collect::<Vec<_>>().join(" "))
}

/// An element's own text: without its children matching `skip`.
fn own_text(e: &ElementRef, skip: &str) -> String {
    let skip = sel(skip);
    let mut parts = Vec::new();
    for node in e.children() {
        if let Some(child) = ElementRef::wrap(node) {
            if !skip.matches(&child) {
                parts.push(text(&child));
            }
        } else if let Some(t) = node.value().as_text() {
            parts.push(t.to_string());
        }
    }
    squash(&parts.join(" "))
}

/// What a referential page says of each competence and criterion, by anchor.
struct Referential {
    competences: BTreeMap<String, String>,
    /// Anchor → (ID, text, indicators).
    criteria: BTreeMap<String, (String, String, Vec<String>)>,
}

fn referential(doc: &Html) -> Referential {
    let competences = doc
        .select(&sel("th.competence[id]"))
        .map(|th| {
            let body = th
                .select(&sel(".text"))
                .next()
                .expect("a competence's text");
            (th.value().id().unwrap().to_owned(), text(&body))
        })
        .collect();
    let criteria = doc
        .select(&sel("li.criterion[id]"))
        .map(|li| {
            let id = text(&li.select(&sel(".id")).next().unwrap());
            let body = own_text(&li, ".id, ul.indicators, p.links");
            let indicators = li
                .select(&sel("ul.indicators > li"))
                .map(|i| text(&i))
                .collect();
            (li.value().id().unwrap().to_owned(), (id, body, indicators))
        })
        .collect();
    Referential {
        competences,
        criteria,
    }
}

fn anchor(href: &str) -> &str {
    href.rsplit_once('#').map_or("", |(_, a)| a)
}

#[test]
fn every_competence_text_criterion_indicator_and_mark_of_the_bundled_dossiers_is_on_the_page() {
    let root = repo_root();
    let checked = refolio::check(&root).expect("site loads");
    let out = build_in_memory(&root);
    let mut referentials = BTreeMap::new();
    let (mut competences, mut criteria, mut indicators, mut marks) = (0, 0, 0, 0);
    for (id, c) in checked.site.candidates.iter() {
        let d = checked
            .dossiers
            .get(id)
            .expect("every candidate has its dossier");
        let r = referentials
            .entry(c.referential.clone())
            .or_insert_with(|| referential(&html(&out, &format!("{}/index.html", c.referential))));
        let page = format!("candidates/{}/index.html", c.id);
        let doc = html(&out, &page);
        let main = doc.select(&sel("main")).next().unwrap();
        for row in main.select(&sel("table.matrix tbody tr[id]")) {
            // The competence's text, once: in its row (the summary's tooltip says it too,
            // shown only on hover and focus).
            let shown = row.select(&sel(".competence-text")).next().unwrap();
            let link = shown.select(&sel("a.id")).next().unwrap();
            let want = &r.competences[anchor(link.value().attr("href").unwrap())];
            assert_eq!(own_text(&shown, "a.id"), *want, "{page}: {}", text(&link));
            let everywhere = main
                .select(&sel(".competence-text"))
                .filter(|e| own_text(e, "a.id") == *want)
                .count();
            assert_eq!(everywhere, 1, "{page}: {want}");
            competences += 1;
            // Each of its criteria: named with its status in the row, its text and
            // indicators in the bloc's list (once), or in the row when it has none.
            for li in row.select(&sel(".criteria-list > li")) {
                let link = li.select(&sel("a.id")).next().unwrap();
                let (id, body, wanted) = &r.criteria[anchor(link.value().attr("href").unwrap())];
                assert_eq!(text(&link), *id);
                assert!(li.select(&sel(".status")).next().is_some(), "{page}: {id}");
                let listed: Vec<ElementRef> = main
                    .select(&sel("details.bloc-criteria li[id]"))
                    .filter(|x| {
                        x.select(&sel("a.id"))
                            .next()
                            .is_some_and(|a| text(&a) == *id)
                    })
                    .collect();
                if wanted.is_empty() {
                    assert_eq!(own_text(&li, ".status, a.id"), *body, "{page}: {id}");
                } else {
                    assert_eq!(listed.len(), 1, "{page}: {id} listed once under its bloc");
                    assert_eq!(own_text(&listed[0], "a.id, ul.indicators"), *body);
                    let shown: Vec<String> = listed[0]
                        .select(&sel("ul.indicators > li"))
                        .map(|i| text(&i))
                        .collect();
                    assert_eq!(shown, *wanted, "{page}: {id}");
                    indicators += wanted.len();
                }
                criteria += 1;
            }
        }
        // The marks: every bloc's and the professional evaluation's, said in the summary.
        let summary = text(&main.select(&sel("section.summary")).next().unwrap());
        let decided = d
            .blocs
            .iter()
            .filter_map(|b| b.outcome.mark)
            .chain(d.professional.mark);
        for m in decided {
            let said = format!("{} sur ", fmt_number(m));
            assert!(summary.contains(&said), "{page}: {said} in {summary}");
            marks += 1;
        }
    }
    // The bundled site has five candidates over three referentials: enough rows that a
    // matrix or a list left out would be seen.
    assert!(competences > 60, "{competences} competences checked");
    assert!(
        criteria > 100 && indicators > 50 && marks >= 5,
        "{criteria} {indicators} {marks}"
    );
}
