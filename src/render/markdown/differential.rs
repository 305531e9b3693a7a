//! Differential property test of the Markdown fast path: text that [`is_plain`] lets skip
//! the sanitiser must render to the same bytes as when it is sanitised (the reference).
//! Generated Markdown mixes prose, Markdown syntax, entities, control characters and
//! adversarial HTML fragments, so both the fast path and its border are exercised.

use super::*;
use proptest::prelude::*;
use std::cell::Cell;

/// Pieces of plain Markdown: what most evidence is made of, and what takes the fast path.
const PLAIN: &[&str] = &[
    "Réaliser",
    "une veille",
    "é",
    "ç",
    "Œuvre",
    "«\u{a0}citation\u{a0}»",
    "50\u{202f}%",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "~",
    "`",
    "``",
    "# ",
    "## ",
    "###### ",
    "####### ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "3) ",
    "> ",
    "> > ",
    "    ",
    "---",
    "***",
    "___",
    "\\",
    "\\*",
    "  \n",
    "\\\n",
    "```\n",
    "~~~\n",
    "| a | b |\n|---|---|\n",
    "| 1 \\| 2 |",
    "|",
    "=\n",
    "-\n",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "l'apostrophe",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
    "&#60;",
    "&#x3C;",
    "&#x3c;script&#x3e;",
    "&nbsp;",
    "&#160;",
    "&#xa0;",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&#128512;",
    "&bogus;",
    "&amp",
    "&#;",
    "&#x;",
    "&AElig;",
    "&ngE;",
    "&copy",
    "\u{0}",
    "\r",
    "\r\n",
    "\u{b}",
    "\u{c}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{fffd}",
    "\u{feff}",
    "\u{200b}",
    "\u{1f600}",
    "\u{fdd0}",
    "\u{2028}",
    "a",
    "b",
    "x",
    "1",
    "2.",
];

/// Pieces that must not skip the sanitiser, or sit at the border of what may.
const ADVERSARIAL: &[&str] = &[
    "<script>alert(1)</script>",
    "<script>",
    "</script>",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<!-- c -->",
    "<!--",
    "-->",
    "<![CDATA[x]]>",
    "<?php x ?>",
    "<!DOCTYPE html>",
    "<svg><style>",
    "<textarea>",
    "</textarea>",
    "<style>*{}</style>",
    "<x",
    "</",
    "<br/>",
    "<br>",
    "<hr>",
    "<hr />",
    "<div>\n\n",
    "</div>",
    "<span style=\"x\">",
    "<table><tr><td>",
    "<math>",
    "<noscript>",
    "<iframe src=x>",
    "<details open>",
    "<input autofocus onfocus=x>",
    "<https://example.org>",
    "<mailto:a@b.c>",
    "<a@b.c>",
    "[l](https://x)",
    "[l](javascript:x)",
    "[l](#ancre)",
    "![i](x.png)",
    "[r]\n\n[r]: /u",
    "note[^1]\n\n[^1]: n",
    "# T {#id .c}\n",
    "| x |\n|:-:|\n",
    "```rust\nfn f() {}\n```\n",
    "```inconnu\nx\n```\n",
    "[[wiki]]",
    "$x$",
    "- [ ] tâche\n",
    "- [x] faite\n",
    "www.example.org",
    "https://example.org",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(PLAIN).prop_map(str::to_owned),
        2 => proptest::sample::select(ADVERSARIAL).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Plain-only texts (so that the fast path is taken often) and mixed ones.
fn markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(PLAIN), 0..40).prop_map(|p| p.concat()),
        proptest::collection::vec(piece(), 0..40).prop_map(|p| p.concat()),
    ]
}

static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::default);

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 6000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_fast_path_renders_as_the_sanitiser_does(text in markdown(), evidence: bool) {
        let highlighter = evidence.then(|| &*HIGHLIGHTER);
        let (fast, _) = render_and_tell(&text, highlighter, false);
        let (reference, _) = render_and_tell(&text, highlighter, true);
        prop_assert_eq!(fast, reference, "{:?}", text);
    }
}

/// The property above is only worth something if many of its cases take the fast path and
/// many do not: run it again here, counting.
#[test]
fn the_generated_texts_exercise_both_paths() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let (fast, total) = (Cell::new(0), Cell::new(0));
    runner
        .run(&markdown(), |text| {
            total.set(total.get() + 1);
            fast.set(fast.get() + usize::from(render_and_tell(&text, None, false).1));
            Ok(())
        })
        .unwrap();
    let (fast, total) = (fast.get(), total.get());
    assert!(
        fast * 4 > total && fast * 4 < total * 3,
        "{fast} of {total} plain"
    );
}
