//! The browser's folding against the Rust one: search.js folds a query with the table the
//! build wrote into it, and must spell every word as the index does. Runs the generated
//! script under Node; skipped, saying so, where `node` is not installed.

use std::io::Write;
use std::process::{Command, Stdio};

use refolio::fold::fold;

/// Loads the script with a stand-in `window` and `document`, then folds each word of the
/// JSON array on standard input (and parses the query in the first argument).
const HARNESS: &str = r#"
const fs = require('fs');
globalThis.window = {};
globalThis.document = { addEventListener() {} };
require('vm').runInThisContext(fs.readFileSync(process.argv[1], 'utf8'));
const words = JSON.parse(fs.readFileSync(0, 'utf8'));
const search = window.refolioSearch;
console.log(JSON.stringify({ folded: words.map(search.fold), parsed: search.parse(process.argv[2]) }));
"#;

/// Words the two foldings once spelled apart, or might.
const TRICKY: &[&str] = &[
    "Œuvre",
    "cœur",
    "Æsir",
    "ex æquo",
    "Straße",
    "STRASSE",
    "Ángel",
    "Éé",
    "E\u{301}e\u{301}",
    "ﬁnance",
    "l’apostrophe",
    "l'apostrophe",
    "naïve",
    "Ça",
    "ΟΔΟΣ",
    "İstanbul",
    "Łódź",
    "Ørsted",
];

/// What the browser does: `(folded words, parsed query)`, or `None` without Node.
fn in_node(words: &[String], query: &str) -> Option<(Vec<String>, serde_json::Value)> {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("search_folding: `node` not found, the browser's folding is not checked");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("search.js");
    std::fs::write(&script, refolio::render::search::script()).unwrap();
    let mut child = Command::new("node")
        .args(["-e", HARNESS])
        .arg(&script)
        .arg(query)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = serde_json::to_vec(words).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "node failed: {stderr}");
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let folded = serde_json::from_value(v["folded"].take()).unwrap();
    Some((folded, v["parsed"].take()))
}

#[test]
fn the_browser_folds_tricky_words_as_the_index_does() {
    let words: Vec<String> = TRICKY.iter().map(|w| w.to_string()).collect();
    let Some((browser, _)) = in_node(&words, "") else {
        return;
    };
    let rust: Vec<String> = TRICKY.iter().map(|w| fold(w)).collect();
    assert_eq!(browser, rust);
    // The spellings themselves, so that both sides cannot agree on a wrong one.
    let expected = [
        "oeuvre",
        "coeur",
        "aesir",
        "ex aequo",
        "strasse",
        "strasse",
        "angel",
        "ee",
        "ee",
        "finance",
        "l’apostrophe",
        "l'apostrophe",
        "naive",
        "ca",
        "οδοσ",
        "istanbul",
        "lodz",
        "orsted",
    ];
    assert_eq!(rust, expected);
}

#[test]
fn the_browser_folds_every_letter_as_the_index_does() {
    // Every character from Latin-1 to CJK, and the Latin ligatures, upper and lower case.
    let chars = ('\u{a0}'..='\u{2fff}').chain('\u{fb00}'..='\u{fb06}');
    let words: Vec<String> = chars.map(|c| c.to_string()).collect();
    let Some((browser, _)) = in_node(&words, "") else {
        return;
    };
    let differ: Vec<String> = words
        .iter()
        .zip(&browser)
        .filter(|(w, b)| fold(w) != **b)
        .map(|(w, b)| {
            format!(
                "{w} (U+{:04X}): Rust {:?}, browser {b:?}",
                w.chars().next().unwrap() as u32,
                fold(w)
            )
        })
        .collect();
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

#[test]
fn the_browser_drops_stop_words_and_splits_at_apostrophes() {
    let Some((_, parsed)) = in_node(&[], "l’apostrophe et l'Œuvre C.1.1") else {
        return;
    };
    assert_eq!(
        parsed,
        serde_json::json!([
            {"word": "apostrophe"},
            {"word": "oeuvre"},
            {"id": "c11", "spelled": "c.1.1"}
        ])
    );
}

#[test]
fn the_browser_joins_an_id_written_with_spaces() {
    let cases = [
        (
            "C 1.1.a",
            serde_json::json!([{"id": "c11a", "spelled": "c1.1.a"}]),
        ),
        (
            "Cr 1.1.1",
            serde_json::json!([{"id": "cr111", "spelled": "cr1.1.1"}]),
        ),
        (
            "c2.4 .cr1",
            serde_json::json!([{"id": "c24cr1", "spelled": "c2.4.cr1"}]),
        ),
        // A common word before a number is not an ID's start.
        ("du 12", serde_json::json!([{"id": "12", "spelled": "12"}])),
        (
            "Bloc B1",
            serde_json::json!([{"word": "bloc"}, {"id": "b1", "spelled": "b1"}]),
        ),
        ("le de ?!", serde_json::json!([])),
    ];
    for (query, expected) in cases {
        let Some((_, parsed)) = in_node(&[], query) else {
            return;
        };
        assert_eq!(parsed, expected, "{query}");
    }
}
