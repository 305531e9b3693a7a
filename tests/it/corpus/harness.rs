//! The corpus runner: builds each case's site in a temporary folder, runs the real binary
//! on it with a time and memory limit, and compares its diagnostics with the expected ones.
//! Failures are collected and reported together, each with the case and its full stderr.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::common::copy_tree;

/// A case that takes longer is reported as hanging.
const TIMEOUT: Duration = Duration::from_secs(60);
/// A case whose process holds more memory than this is killed and reported.
const MAX_RSS_KIB: u64 = 512 * 1024;

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The valid site every case starts from.
pub fn base_dir() -> PathBuf {
    corpus_dir().join("base")
}

/// What a case must print: its diagnostic headlines and `= help:` lines, in order.
pub enum Expected {
    /// Committed next to the case; rewritten with `CORPUS_BLESS=1`.
    File(PathBuf),
    Lines(Vec<String>),
}

pub struct Case {
    /// `group/name`, as reported.
    pub name: String,
    pub site: tempfile::TempDir,
    pub expected: Expected,
}

impl Case {
    pub fn root(&self) -> &Path {
        self.site.path()
    }
}

/// A fresh copy of the base site, or an empty site.
pub fn site(with_base: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    if with_base {
        copy_tree(&base_dir(), dir.path());
    }
    dir
}

/// The expected-diagnostics file of every committed case.
pub fn committed_expectations() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus_dir())
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "expected"))
        .collect();
    files.sort();
    files
}

/// Every committed case of `tests/corpus/<group>/`: a file replacing one file of the base
/// site (which one depends on the group), or a folder overlaid on it (group `site`).
pub fn committed_cases() -> Vec<Case> {
    let mut groups: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("base"))
        .collect();
    groups.sort();
    let mut cases = Vec::new();
    for group in groups {
        let group_name = group.file_name().unwrap().to_string_lossy().into_owned();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&group)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_none_or(|e| e != "expected"))
            .collect();
        entries.sort();
        for input in entries {
            let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
            let (site, target) = match group_name.split('-').next().unwrap() {
                "referential" => (site(false), "content/referentials/mini.yaml"),
                "passport" => (site(true), "content/candidates/bruno/passport.yaml"),
                "evidence" => (site(true), "content/candidates/bruno/preuve.md"),
                "config" => (site(true), "refolio.toml"),
                "site" => (site(true), ""),
                other => panic!("unknown corpus group kind `{other}` ({group_name})"),
            };
            if input.is_dir() {
                copy_tree(&input, site.path());
            } else {
                let to = site.path().join(target);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(&input, to).unwrap();
            }
            cases.push(Case {
                name: format!("{group_name}/{stem}"),
                site,
                expected: Expected::File(group.join(format!("{stem}.expected"))),
            });
        }
    }
    cases
}

/// What one run of the binary gave.
pub struct Outcome {
    pub code: Option<i32>,
    pub stderr: String,
    /// Why the run was stopped, if it was.
    pub killed: Option<String>,
}

/// Runs `refolio --root <root> <args>` with the time and memory limits.
pub fn run(root: &Path, args: &[&str]) -> Outcome {
    let logs = tempfile::tempdir().unwrap();
    let (out, err) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_refolio"))
        .arg("--root")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("the refolio binary runs");
    let started = Instant::now();
    let mut killed = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        let rss = resident_kib(child.id());
        if rss.is_some_and(|kib| kib > MAX_RSS_KIB) {
            killed = Some(format!("used more than {} MiB", MAX_RSS_KIB / 1024));
        } else if started.elapsed() > TIMEOUT {
            killed = Some(format!("still running after {} s", TIMEOUT.as_secs()));
        }
        if killed.is_some() {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = std::fs::read(&err).unwrap();
    Outcome {
        code: status.and_then(|s| s.code()),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        killed,
    }
}

/// The resident memory of a running process, where the system tells (Linux).
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The lines a case is compared on: each diagnostic's headline (`path:line:col: error: …`)
/// and its `= help:` line. Snippet lines start with a space or a line number.
pub fn diagnostic_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| {
            let headline = !l.starts_with(' ')
                && !l.starts_with(|c: char| c.is_ascii_digit())
                && (l.contains(": error: ")
                    || l.contains(": warning: ")
                    || l.starts_with("error: ")
                    || l.starts_with("warning: "));
            headline || l.starts_with("  = help: ")
        })
        .map(str::to_owned)
        .collect()
}

fn is_error(line: &str) -> bool {
    !line.starts_with(' ') && (line.contains(": error: ") || line.starts_with("error: "))
}

/// Checks one outcome against the expected lines; `None` when it matches.
pub fn verdict(outcome: &Outcome, expected: &[String], on_error: &str) -> Option<String> {
    if let Some(why) = &outcome.killed {
        return Some(format!("the process {why}"));
    }
    if outcome.stderr.contains("panicked") {
        return Some("the process panicked".into());
    }
    let errors = expected.iter().filter(|l| is_error(l)).count();
    let warnings = expected
        .iter()
        .filter(|l| !l.starts_with(' ') && !is_error(l))
        .count();
    let code = if errors > 0 { 1 } else { 0 };
    let mut problems = Vec::new();
    if outcome.code != Some(code) {
        problems.push(format!("exit code {:?}, expected {code}", outcome.code));
    }
    let actual = diagnostic_lines(&outcome.stderr);
    if actual != expected {
        problems.push(format!(
            "diagnostics differ\n  expected:\n{}\n  actual:\n{}",
            indent(expected),
            indent(&actual)
        ));
    }
    if errors > 0 {
        let summary = format!("{errors} error(s), {warnings} warning(s): {on_error}\n");
        if !outcome.stderr.ends_with(&summary) {
            problems.push(format!("stderr does not end with `{}`", summary.trim_end()));
        }
    }
    (!problems.is_empty()).then(|| problems.join("\n"))
}

fn indent(lines: &[String]) -> String {
    if lines.is_empty() {
        return "    (none)".into();
    }
    lines
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn bless() -> bool {
    std::env::var_os("CORPUS_BLESS").is_some_and(|v| v == "1")
}

/// Reads the expected lines of a case; `None` when its file is missing.
fn expected_lines(expected: &Expected) -> Option<Vec<String>> {
    match expected {
        Expected::Lines(lines) => Some(lines.clone()),
        Expected::File(path) => std::fs::read_to_string(path)
            .ok()
            .map(|t| t.lines().map(str::to_owned).collect()),
    }
}

/// Runs `check` on every case and panics once with every failure.
pub fn run_all(cases: Vec<Case>) {
    let count = cases.len();
    let failures = in_parallel(cases, |case| run_case(&case));
    assert!(
        failures.is_empty(),
        "{} of {count} corpus cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// `check` on each case, two at a time (the machine is shared); the failures, sorted.
pub fn in_parallel(cases: Vec<Case>, check: impl Fn(Case) -> Option<String> + Sync) -> Vec<String> {
    let queue = Mutex::new(cases.into_iter());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(case) = queue.lock().unwrap().next() else {
                        break;
                    };
                    if let Some(failure) = check(case) {
                        failures.lock().unwrap().push(failure);
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    failures
}

fn run_case(case: &Case) -> Option<String> {
    let outcome = run(case.root(), &["check"]);
    let expected = expected_lines(&case.expected);
    if bless()
        && outcome.killed.is_none()
        && !outcome.stderr.contains("panicked")
        && let Expected::File(path) = &case.expected
    {
        let actual = diagnostic_lines(&outcome.stderr);
        let mut text = String::new();
        for line in &actual {
            let _ = writeln!(text, "{line}");
        }
        if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(path, text).unwrap();
        }
        return None;
    }
    let problem = match &expected {
        None => Some("no expected file: run with CORPUS_BLESS=1, then review it".into()),
        Some(lines) => verdict(&outcome, lines, "fix them and run again"),
    };
    problem.map(|p| report(case, &p, &outcome.stderr))
}

/// A failure, with the full stderr (long lines shortened).
pub fn report(case: &Case, problem: &str, stderr: &str) -> String {
    let shown: Vec<String> = stderr
        .lines()
        .map(|l| {
            if l.chars().count() > 300 {
                format!(
                    "{}… ({} characters)",
                    l.chars().take(300).collect::<String>(),
                    l.len()
                )
            } else {
                l.to_owned()
            }
        })
        .collect();
    format!(
        "=== {}\n{problem}\n--- stderr:\n{}",
        case.name,
        shown.join("\n")
    )
}

/// Runs `build` on a case. With errors it must report the same diagnostics, end with
/// "nothing was written", and create no output folder; an accepted input must build.
pub fn build_agrees(case: &Case) -> Option<String> {
    let expected = expected_lines(&case.expected)?;
    let output = tempfile::tempdir().unwrap();
    let public = output.path().join("public");
    let outcome = run(
        case.root(),
        &["build", "--output-dir", public.to_str().unwrap()],
    );
    let problem = if expected.iter().any(|l| is_error(l)) {
        let mut problem = verdict(&outcome, &expected, "nothing was written");
        let written = std::fs::read_dir(output.path()).unwrap().count() > 0;
        if written || case.root().join("public").exists() {
            problem = Some(format!(
                "{}the build wrote an output folder",
                problem.map(|p| p + "\n").unwrap_or_default()
            ));
        }
        problem
    } else if outcome.code != Some(0) || !public.join("index.html").is_file() {
        Some(format!(
            "an accepted input must build: exit code {:?}",
            outcome.code
        ))
    } else {
        verdict(&outcome, &expected, "")
    };
    problem.map(|p| report(case, &format!("build: {p}"), &outcome.stderr))
}
