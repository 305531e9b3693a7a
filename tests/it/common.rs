//! Shared helpers for the fixture-site tests: locating fixtures, running the real binary,
//! and parsing built pages to check their links.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use refolio::output::MemoryOutput;
use scraper::{Html, Selector};

/// Every file under `dir` (symbolic links not followed), by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The first item of `items` in the site's order (file-name order).
pub fn first<K: std::hash::Hash + Eq, V>(items: &refolio::model::ById<K, V>) -> &V {
    items.values().next().expect("the site has one")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `refolio --root <root> <args>`; returns (exit code, stdout, stderr).
pub fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_refolio"))
        .arg("--root")
        .arg(root)
        .args(args)
        // The diagnostic texts asserted are the plain ones, whatever the environment.
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the refolio binary runs");
    (
        out.status.code().expect("exited normally, not by a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The `path:line:col: error: …` lines only.
pub fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect()
}

/// Checks and renders a site into memory; panics on content errors.
pub fn build_in_memory(root: &Path) -> MemoryOutput {
    let checked = refolio::check(root).expect("site loads");
    let errors: Vec<String> = checked.diagnostics.iter().map(|d| d.headline()).collect();
    assert!(
        !checked.diagnostics.has_errors(),
        "unexpected errors: {errors:#?}"
    );
    refolio::render_to_memory(root, &checked).expect("site renders")
}

pub fn html(out: &MemoryOutput, path: &str) -> Html {
    let bytes = out
        .files
        .get(path)
        .unwrap_or_else(|| panic!("no page {path}"));
    Html::parse_document(std::str::from_utf8(bytes).expect("UTF-8 page"))
}

/// The text of every element `selector` matches, its white space squashed.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

/// Resolves `href` relative to the page at `page` (both `/`-separated, relative to the
/// site root). `None` for external URLs.
fn resolve(page: &str, href: &str) -> Option<(String, String)> {
    if href.contains("://") || href.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.is_empty() {
        return Some((page.to_owned(), fragment.to_owned()));
    }
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), fragment.to_owned()))
}

/// Every internal link and `#anchor` on every page that does not resolve, as
/// "page -> href"; and the number of internal links checked.
pub fn broken_links(out: &MemoryOutput) -> (Vec<String>, usize) {
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let pages: Vec<(&str, Html)> = out
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            (
                p.as_str(),
                Html::parse_document(std::str::from_utf8(b).unwrap()),
            )
        })
        .collect();
    for (path, doc) in &pages {
        let set = doc
            .select(&sel("[id]"))
            .filter_map(|e| e.value().attr("id").map(str::to_owned))
            .collect();
        ids.insert(path, set);
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, doc) in &pages {
        for a in doc.select(&sel("a[href], link[href]")) {
            let href = a.value().attr("href").unwrap();
            let Some((target, fragment)) = resolve(path, href) else {
                continue;
            };
            checked += 1;
            let exists = out.files.contains_key(&target);
            let anchor_ok = fragment.is_empty()
                || ids
                    .get(target.as_str())
                    .is_some_and(|s| s.contains(&fragment));
            if !exists || !anchor_ok {
                broken.push(format!("{path} -> {href}"));
            }
        }
    }
    (broken, checked)
}

/// Every `src`/`href` of resources a browser would fetch (stylesheets, scripts, images,
/// frames) that points off the site.
pub fn external_resources(out: &MemoryOutput) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in out.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for e in doc.select(&sel(
            "link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src]",
        )) {
            // A canonical link names the page's address; a browser fetches nothing from it.
            if e.value().attr("rel") == Some("canonical") {
                continue;
            }
            let url = e.value().attr("href").or(e.value().attr("src")).unwrap();
            if url.contains("//") || url.starts_with("data:") {
                found.push(format!("{path}: {url}"));
            }
        }
    }
    found
}

/// A throw-away copy of a fixture site that a test changes before running refolio on it:
/// `Scratch::of("candidates").write("…/passport.yaml", "…").check()`.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn of(name: &str) -> Scratch {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_tree(&fixture(name), dir.path());
        Scratch { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(self, path: &str, text: &str) -> Scratch {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn remove(self, path: &str) -> Scratch {
        let p = self.dir.path().join(path);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
        self
    }

    /// Runs refolio with `args`; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        run(self.dir.path(), args)
    }
}

/// Copies a folder tree (fixtures into a temporary folder).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The text of a default template of the repository.
pub fn read_default_template(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("templates").join(name)).expect("default template")
}
