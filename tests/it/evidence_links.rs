//! Links and images in evidence texts, on the fixture site `candidates` (alice's evidence
//! `preuves/oral.md` rewritten per test): every broken one is an error at its Markdown
//! line, a file the text shows or links is published beside the page without being listed
//! as an attachment, and a link to another evidence file reaches its page.

use crate::common::*;

const ORAL: &str = "content/candidates/alice/preuves/oral.md";
const FRONT: &str = "---\ntitle: Soutenance\ndemonstrates: [C2.1]\n---\n";

/// The fixture with alice's oral evidence's text replaced by `body`.
fn with_body(body: &str) -> Scratch {
    Scratch::of("candidates").write(ORAL, &format!("{FRONT}{body}"))
}

/// The errors in `oral.md`, as `line:col: message [suggestion]`.
fn errors(s: &Scratch) -> Vec<String> {
    let checked = refolio::check(s.root()).expect("site loads");
    let mut found = checked
        .diagnostics
        .iter()
        .filter(|d| d.headline().starts_with(ORAL) && d.headline().contains(": error: "))
        .map(|d| {
            let line = d.headline()[ORAL.len() + 1..].replacen(": error", "", 1);
            match &d.suggestion {
                Some(help) => format!("{line} [{help}]"),
                None => line,
            }
        })
        .collect::<Vec<_>>();
    // In the order of the text, line then column.
    found.sort_by_key(|e| {
        let mut n = e.split([':', ' ']).map(|x| x.parse::<u32>().unwrap_or(0));
        (n.next().unwrap_or(0), n.next().unwrap_or(0))
    });
    found
}

#[test]
fn broken_images_and_links_are_errors_at_their_line() {
    let s = with_body(
        "Intro.\n\n![Photo](annexes/photo.png) and [the deck](annexes/deck.pdf)\n\n\
         See [the summary](annexes/synthèse.pdf), [a note](#2), [home](/index.html).\n\n\
         [Dashboard](tableau-de-bord.md), [old](tableau-de-brod.md), [out](../../bruno/preuve.md)\n\n\
         ![drawing](annexes/schema.svg) [web](https://example.org/a.md) [mail](mailto:a@b.fr)\n",
    );
    assert_eq!(
        errors(&s),
        [
            "7:1: image `annexes/photo.png` not found",
            "7:33: link `annexes/deck.pdf` not found",
            "9:5: link `annexes/synthèse.pdf` not found [did you mean `synthese.pdf`?]",
            "9:42: link `#2`: this text has no note `[^2]` [a link to `#…` reaches a note of the same text; headings have no anchors]",
            "9:56: link `/index.html` starts at the server's root, which a site read offline does not have [write the path relative to this evidence file]",
            "11:34: link `tableau-de-brod.md`: no evidence file `preuves/tableau-de-brod.md` in this candidate folder [did you mean `tableau-de-bord.md`?]",
            "11:61: link `../../bruno/preuve.md` is outside the candidate folder [link to evidence files of the same candidate]",
            "13:1: image `annexes/schema.svg`: file type `.svg` is not accepted [accepted types: pdf, png, jpg, jpeg, gif, webp, csv, txt, odt, ods, odp, docx, xlsx, pptx, mp3, mp4, webm (SVG and HTML could run scripts; export them as PDF or PNG)]",
        ]
    );
    let (code, _, stderr) = s.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{ORAL}:7:1: error: image `annexes/photo.png` not found"
        )),
        "{stderr}"
    );
}

#[test]
fn files_the_text_shows_or_links_are_published_and_evidence_links_reach_their_page() {
    let s = with_body(
        "![Graphique](annexes/graphique.png)\n\n[La synthèse](annexes/synthese.pdf) — \
         [le tableau de bord](tableau-de-bord.md#1) — [ailleurs](https://example.org/a.md)[^n]\n\n\
         [^n]: [retour](#n)\n",
    );
    assert_eq!(errors(&s), Vec::<String>::new());
    let out = build_in_memory(s.root());
    let page = html(&out, "candidates/alice/preuves/oral.html");
    let srcs: Vec<&str> = page
        .select(&sel("main img"))
        .filter_map(|i| i.value().attr("src"))
        .collect();
    assert_eq!(srcs, ["annexes/graphique.png"]);
    let hrefs: Vec<&str> = page
        .select(&sel("main a"))
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| !h.starts_with("#") && !h.starts_with("../"))
        .collect();
    assert!(
        hrefs.starts_with(&[
            "annexes/synthese.pdf",
            "tableau-de-bord.html#md-1",
            "https://example.org/a.md"
        ]),
        "{hrefs:?}"
    );
    // Published beside the page, as the attachments are; not listed again among them.
    assert!(
        out.files
            .contains_key("candidates/alice/preuves/annexes/graphique.png")
    );
    assert!(
        out.files
            .contains_key("candidates/alice/preuves/annexes/synthese.pdf")
    );
    assert_eq!(texts(&page, ".attachments li"), Vec::<String>::new());
    assert_eq!(broken_links(&out).0, Vec::<String>::new());
}

#[test]
fn a_draft_is_left_out_unless_drafts_are_asked_for() {
    let s = Scratch::of("candidates").write(
        ORAL,
        "---\ntitle: Soutenance\ndemonstrates: [C2.1]\ndraft: true\n---\nBrouillon.\n",
    );
    let (code, _, stderr) = s.run(&["build", "--allow-gaps"]);
    assert_eq!(code, 0, "{stderr}");
    let page = s.root().join("public/candidates/alice/preuves/oral.html");
    assert!(!page.exists());
    // What it demonstrates is not covered without it.
    assert!(
        stderr.contains("alice: competence `C2.1`")
            && stderr.contains("is not demonstrated by any evidence"),
        "{stderr}"
    );
    let (code, _, stderr) = s.run(&["build", "--allow-gaps", "--drafts"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.is_file());

    // A published text linking to the draft says why the link would break.
    let dashboard = "content/candidates/alice/preuves/tableau-de-bord.md";
    let text = std::fs::read_to_string(s.root().join(dashboard)).unwrap();
    let s = s.write(
        dashboard,
        &text.replacen("# Contexte", "# Contexte\n\nVoir [l'oral](oral.md).", 1),
    );
    let (code, _, stderr) = s.run(&["check", "--allow-gaps"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{dashboard}:15:6: error: link `oral.md`: `preuves/oral.md` is a draft, left out of this build"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: remove `draft: true` from it, or build with --drafts"),
        "{stderr}"
    );
    assert_eq!(s.run(&["check", "--allow-gaps", "--drafts"]).0, 0);
}
