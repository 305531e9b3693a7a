//! Partial builds (`refolio::partial`): random sequences of edits to a small site (evidence
//! files, candidates and referentials added, changed, deleted and renamed, a template
//! changed), each followed by a build through the cache into the same folder and a
//! `--no-cache` build into a fresh one. After every step both must print the same report,
//! exit the same way and, when they wrote the site, give byte-identical folders; an edit of
//! the content only must have been a partial build (rendering fewer files than the site
//! has), so that a fallback to full builds cannot pass unnoticed. A partial build after a
//! partial build must have updated the previous generation and swapped it in
//! (`output::generations`), and the site it replaced must then lie beside the output as it
//! was, byte for byte and file for file (nothing of the live site is written in place).

use crate::common::{copy_tree, fixture, repo_root, run, tree};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};
use std::path::{Path, PathBuf};

/// How many sequences; `PROPTEST_CASES` raises it.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

/// Every file under `dir` whose name ends in `ext`, sorted.
fn listed(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    all.sort();
    all
}

fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    all.sort();
    all
}

/// One edit; `n` picks what it applies to and names what it makes. Returns what it did,
/// and whether it touched the content only (a partial build is then expected).
fn edit(site: &Path, kind: u8, n: usize) -> (String, bool) {
    let candidates = site.join("content/candidates");
    let referentials = site.join("content/referentials");
    let people = folders(&candidates);
    let person = &people[n % people.len()];
    let evidence = listed(person, ".md");
    let say = |what: &str, p: &Path| format!("{what} {}", p.strip_prefix(site).unwrap().display());
    match kind {
        // Evidence changed: its text, or what it demonstrates.
        0 if !evidence.is_empty() => {
            let md = &evidence[n % evidence.len()];
            let mut text = std::fs::read_to_string(md).unwrap();
            if n.is_multiple_of(2) {
                text.push_str(&format!("\nAjout {n}.\n"));
            } else {
                text = text.replacen("demonstrates: [C1.1, C1.2]", "demonstrates: [C1.1]", 1);
            }
            std::fs::write(md, text).unwrap();
            (say("changed", md), true)
        }
        1 if !evidence.is_empty() => {
            let to = person.join(format!("ajout-{n}.md"));
            std::fs::copy(&evidence[n % evidence.len()], &to).unwrap();
            (say("added", &to), true)
        }
        2 if !evidence.is_empty() => {
            let md = &evidence[n % evidence.len()];
            std::fs::remove_file(md).unwrap();
            (say("deleted", md), true)
        }
        3 if !evidence.is_empty() => {
            let md = &evidence[n % evidence.len()];
            let to = md.with_file_name(format!("renomme-{n}.md"));
            std::fs::rename(md, &to).unwrap();
            (say("renamed", md), true)
        }
        4 => {
            let to = candidates.join(format!("nouveau-{n}"));
            copy_tree(person, &to);
            (say("added a copy of", person), true)
        }
        5 if people.len() > 2 => {
            std::fs::remove_dir_all(person).unwrap();
            (say("deleted", person), true)
        }
        6 => {
            std::fs::rename(person, candidates.join(format!("renomme-{n}"))).unwrap();
            (say("renamed", person), true)
        }
        7 => {
            let passport = person.join("passport.yaml");
            let text = std::fs::read_to_string(&passport).unwrap();
            let text = match text.find("name: ") {
                Some(i) => format!("{}name: Nom {n}\n{}", &text[..i], after_line(&text[i..])),
                None => text,
            };
            std::fs::write(&passport, text).unwrap();
            (say("changed the name in", &passport), true)
        }
        8 => {
            let path = referentials.join("seuil.yaml");
            let text = std::fs::read_to_string(&path).unwrap();
            let i = text.find('\n').unwrap();
            let text = format!("title: Référentiel à seuil {}{}", n % 3, &text[i..]);
            std::fs::write(&path, text).unwrap();
            (say("changed the title of", &path), true)
        }
        // Referentials no candidate uses: added, renamed, deleted.
        9 => {
            let to = referentials.join(format!("ajout-{n}.yaml"));
            std::fs::copy(referentials.join("grille.yaml"), &to).unwrap();
            (say("added", &to), true)
        }
        10 | 11 => {
            let added = listed(&referentials, ".yaml")
                .into_iter()
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("ajout-")
                })
                .collect::<Vec<_>>();
            let Some(r) = added.get(n % added.len().max(1)) else {
                return edit(site, 9, n);
            };
            if kind == 10 {
                std::fs::remove_file(r).unwrap();
                (say("deleted", r), true)
            } else {
                std::fs::rename(r, referentials.join(format!("ajout-r{n}.yaml"))).unwrap();
                (say("renamed", r), true)
            }
        }
        12 => {
            std::fs::create_dir_all(site.join("templates")).unwrap();
            let base = std::fs::read_to_string(repo_root().join("templates/base.html")).unwrap();
            let base = base.replacen("</footer>", &format!("<!-- {} --></footer>", n % 3), 1);
            let path = site.join("templates/base.html");
            // The same bytes again change nothing: that is a partial build too.
            let same = std::fs::read_to_string(&path).is_ok_and(|old| old == base);
            std::fs::write(&path, base).unwrap();
            ("changed the base template".into(), same)
        }
        // Nothing to apply the edit to (no evidence left, too few candidates): add one.
        _ => edit(site, 4, n),
    }
}

fn after_line(text: &str) -> &str {
    text.find('\n').map_or("", |i| &text[i + 1..])
}

/// Each file under `dir` and its inode.
fn inodes(dir: &Path) -> std::collections::BTreeMap<PathBuf, u64> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, e.metadata().unwrap().ino())
        })
        .collect()
}

/// How a build went: exit code, standard output without the lines that vary from run to
/// run (times), standard error, whether it was a partial build and whether it updated the
/// previous generation.
type Outcome = (i32, Vec<String>, String, bool, bool);

/// Builds `site` into `out`.
fn build(site: &Path, out: &Path, extra: &[&str]) -> Outcome {
    let mut args = vec![
        "build",
        "--allow-gaps",
        "--timings",
        "--output-dir",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let (code, stdout, stderr) = run(site, &args);
    let partial = stdout.contains("; partial: ");
    let swapped = stdout.contains("(previous generation updated)");
    let lines = stdout
        .lines()
        .filter(|l| !l.contains(" pages in ") && !l.starts_with("check "))
        .map(str::to_owned)
        .collect();
    (code, lines, stderr, partial, swapped)
}

fn steps() -> impl Strategy<Value = Vec<(u8, usize)>> {
    prop::collection::vec((0u8..13, 0usize..1000), 4..8)
}

proptest! {
    #![proptest_config(Config {
        cases: cases(),
        // The same sequences each run: a failure can be replayed.
        rng_seed: RngSeed::Fixed(26),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    #[test]
    fn a_cached_build_after_any_edits_equals_a_clean_build(steps in steps()) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_tree(&fixture("candidates"), &site);
        let out = tmp.path().join("public");
        let prev = tmp.path().join(".public.refolio-prev");
        let (code, ..) = build(&site, &out, &[]);
        prop_assert_eq!(code, 0);
        let mut done = Vec::new();
        // Whether the last build that wrote the site was a partial one: it left a previous
        // generation, which the next partial build must use.
        let mut kept = false;
        for (i, (kind, n)) in steps.into_iter().enumerate() {
            let (what, content_only) = edit(&site, kind, n);
            done.push(what);
            let live = (tree(&out), inodes(&out));
            let cached = build(&site, &out, &[]);
            let fresh_dir = tmp.path().join(format!("fresh-{i}"));
            let fresh = build(&site, &fresh_dir, &["--no-cache"]);
            prop_assert_eq!(cached.0, fresh.0, "exit codes after {:?}", done);
            prop_assert_eq!(&cached.1, &fresh.1, "reports after {:?}", done);
            prop_assert_eq!(&cached.2, &fresh.2, "diagnostics after {:?}", done);
            if cached.0 == 0 {
                prop_assert!(
                    tree(&out) == tree(&fresh_dir),
                    "after {:?}: the cached build's site differs from a clean build's",
                    done
                );
                prop_assert_eq!(cached.3, content_only, "partial or not, after {:?}", done);
                prop_assert_eq!(cached.4, kept && cached.3, "swapped or not, after {:?}", done);
                if cached.3 {
                    prop_assert!(
                        (tree(&prev), inodes(&prev)) == live,
                        "after {:?}: the site replaced is not beside the output as it was",
                        done
                    );
                }
                kept = cached.3;
                std::fs::remove_dir_all(&fresh_dir).unwrap();
            }
        }
    }
}
