//! A blind audit of the certification decision: scenarios written from the three source
//! referentials' own sentences (not from refolio's code), each run on the bundled
//! transcriptions (`content/referentials/`) with one candidate, and judged on the decision
//! `refolio check --report json` gives. The sentence each scenario comes from is quoted
//! above it. There is no findings list apart: each finding is the scenario that shows it
//! (its comment says what was wrong), fixed in the same commit, and the rule it needed is in
//! docs/content-format.md, "The rules of the bundled referentials, sentence by sentence".

use std::path::Path;

use serde_json::Value;

use super::common::{repo_root, run};

mod blind;
mod blind_more;
mod blind_sessions;
mod blind_sessions_lists;
mod blind_sources;
mod combinations;
mod defaults;
mod grid;
mod juries;
mod other_certifier;
mod questions;
mod sessions;
mod sources;
mod texts;

const INTL: &str = "developpement-commercial-international";
const DC: &str = "developpement-commercial";
const BD: &str = "business-developer";

/// A site with the bundled referential `referential` and one candidate `x` whose passport
/// is `passport`; returns (exit code, the candidate's report or Null, stderr).
fn decide(referential: &str, passport: &str) -> (i32, Value, String) {
    decide_edited(referential, |y| y, passport)
}

/// As [`decide`], the referential's YAML first changed by `edit`.
fn decide_edited(
    referential: &str,
    edit: impl Fn(String) -> String,
    passport: &str,
) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "refolio.toml", "[candidates]\nallow_gaps = true\n");
    let yaml = std::fs::read_to_string(
        repo_root().join(format!("content/referentials/{referential}.yaml")),
    )
    .unwrap();
    write(
        root,
        &format!("content/referentials/{referential}.yaml"),
        &edit(yaml),
    );
    write(
        root,
        "content/candidates/x/passport.yaml",
        &format!("name: X\nreferential: {referential}\n{passport}"),
    );
    let (code, stdout, stderr) = run(root, &["check", "--report", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    let candidate = report["candidates"][0].clone();
    (code, candidate, stderr)
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The decision that passes (exit 0), with its report.
fn ok(referential: &str, passport: &str) -> Value {
    let (code, c, stderr) = decide(referential, passport);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(code, 0, "unexpected errors: {errors:#?}");
    c
}

/// The passport is refused with an error saying `expected`; returns the error lines.
fn refused(referential: &str, passport: &str, expected: &str) -> String {
    let (code, _, stderr) = decide(referential, passport);
    assert_eq!(code, 1, "expected an error, got none: {stderr}");
    let errors = stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        errors.contains(expected),
        "expected «{expected}» in:\n{errors}"
    );
    errors
}

fn kind(c: &Value) -> &str {
    c["decision"]["kind"].as_str().unwrap_or("?")
}

fn awarded(c: &Value) -> Vec<&str> {
    c["decision"]["blocs"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn bloc(c: &Value, id: &str) -> String {
    c["bloc_outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == id)
        .map(|b| b["verdict"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| format!("no outcome for {id}"))
}

fn competence(c: &Value, id: &str) -> String {
    c["competences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == id)
        .map(|b| b["verdict"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| format!("no verdict for {id}"))
}

/// Every reason text of the report (title, blocs, competences, professional evaluation…).
fn all_text(c: &Value) -> String {
    let mut out = String::new();
    collect(c, &mut out);
    out
}

fn collect(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(t)) = m.get("text") {
                out.push_str(t);
                out.push('\n');
            }
            if let Some(Value::String(k)) = m.get("key") {
                out.push_str(k);
                out.push('\n');
            }
            m.values().for_each(|x| collect(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

/// 001's criteria per competence, as its transcription numbers them (`C1.1.cr1`…):
/// (competence, count).
const BD_CRITERIA: [(&str, usize); 18] = [
    ("C1.1", 5),
    ("C1.2", 2),
    ("C1.3", 4),
    ("C1.4", 6),
    ("C1.5", 3),
    ("C2.1", 7),
    ("C2.2", 4),
    ("C2.3", 3),
    ("C2.4", 4),
    ("C3.1", 4),
    ("C3.2", 5),
    ("C3.3", 3),
    ("C4.1", 4),
    ("C4.2", 4),
    ("C4.3", 2),
    ("C4.4", 4),
    ("C5.1", 4),
    ("C5.2", 3),
];

fn defaults(c: &Value) -> Vec<&str> {
    c["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

/// A first session of an apprentice presenting every bloc: `marks` and `pro` are the YAML
/// of `results.marks` and `results.professional_parts`.
fn intl(marks: &str, pro: &str) -> String {
    format!(
        "route: apprenticeship\nsession: 2026-06-18\ncompany_time: {{ hours: 1000 }}\n\
         results:\n  marks: {marks}\n  professional_parts: {pro}\n"
    )
}

const GOOD_PRO: &str = "{ ecrit: 45, oral: 75, tuteur: 30 }";
