//! A build over a previous site leaves the files that come out the same untouched (the same
//! file, linked into the new site) and gives byte for byte the site a clean build gives, after
//! any sequence of edits: candidates changed, added, deleted and renamed, the configuration,
//! a referential, a template and the stylesheet changed. The builds over the previous site
//! go through the build cache (`cache`): each is compared with a `--no-cache` build into a
//! fresh folder, and a second build with no edit must do nothing at all.

use crate::common::{copy_tree, fixture, repo_root, run};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Every file under `dir`: its bytes and inode.
fn files(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let ino = e.metadata().unwrap().ino();
            (rel, (std::fs::read(e.path()).unwrap(), ino))
        })
        .collect()
}

fn bytes(files: &BTreeMap<PathBuf, (Vec<u8>, u64)>) -> BTreeMap<&PathBuf, &Vec<u8>> {
    files.iter().map(|(p, (b, _))| (p, b)).collect()
}

/// Builds `site` into `out`; its standard output.
fn build(site: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", "--output-dir", out.to_str().unwrap()];
    args.extend(extra);
    let (code, stdout, stderr) = run(site, &args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

const UNCHANGED: &str = "unchanged since the last build: nothing to write";

fn candidates(site: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(site.join("content/candidates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

/// Applies edit number `kind` (of 8) to the site, using `n` to pick and to name.
fn edit(site: &Path, kind: u64, n: u64) -> String {
    let all = candidates(site);
    let pick = &all[(n as usize) % all.len()];
    let name = pick.file_name().unwrap().to_string_lossy().into_owned();
    match kind {
        0 => {
            let md = walkdir::WalkDir::new(pick)
                .into_iter()
                .map(Result::unwrap)
                .find(|e| e.path().extension().is_some_and(|x| x == "md"))
                .unwrap();
            let mut text = std::fs::read_to_string(md.path()).unwrap();
            text.push_str(&format!("\nAjout {n}.\n"));
            std::fs::write(md.path(), text).unwrap();
            format!("changed {}", md.path().display())
        }
        1 => {
            let to = site.join(format!("content/candidates/nouveau-{n}"));
            copy_tree(pick, &to);
            format!("added a copy of {name}")
        }
        2 if all.len() > 2 => {
            std::fs::remove_dir_all(pick).unwrap();
            format!("deleted {name}")
        }
        3 => {
            std::fs::rename(pick, site.join(format!("content/candidates/renomme-{n}"))).unwrap();
            format!("renamed {name}")
        }
        4 => {
            std::fs::write(
                site.join("refolio.toml"),
                format!("title = \"Jury {}\"\nlanguage = \"fr\"\n", n % 3),
            )
            .unwrap();
            "changed refolio.toml".into()
        }
        6 => {
            let path = site.join("content/referentials/seuil.yaml");
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.replacen(
                "title: Référentiel à seuil",
                &format!("title: Référentiel à seuil {}", n % 3),
                1,
            );
            let text = text.replacen(
                "title: Référentiel à seuil 0",
                "title: Référentiel à seuil",
                1,
            );
            std::fs::write(&path, text).unwrap();
            "changed the title of a referential".into()
        }
        7 => {
            std::fs::create_dir_all(site.join("templates")).unwrap();
            let base = std::fs::read_to_string(repo_root().join("templates/base.html")).unwrap();
            let base = base.replacen("</footer>", &format!("<!-- {} --></footer>", n % 3), 1);
            std::fs::write(site.join("templates/base.html"), base).unwrap();
            "changed the base template".into()
        }
        _ => {
            std::fs::create_dir_all(site.join("templates")).unwrap();
            std::fs::write(
                site.join("templates/style.css"),
                format!("body {{ margin: {}px }}\n", n % 3),
            )
            .unwrap();
            "changed the stylesheet".into()
        }
    }
}

#[test]
fn a_build_over_a_site_keeps_unchanged_files_and_equals_a_clean_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("candidates"), &site);
    let out = tmp.path().join("public");
    build(&site, &out, &[]);
    let (mut kept, mut replaced) = (0, 0);
    // A fixed seed: the same sequence each run, so a failure can be replayed.
    let mut state: u64 = 0x2026_0026;
    let mut done = Vec::new();
    for step in 0..14 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = state >> 33;
        // Each kind of edit once, then kinds at random.
        let kind = if step < 8 { step } else { n % 8 };
        done.push(edit(&site, kind, n / 8));
        let before = files(&out);
        let said = build(&site, &out, &[]);
        assert!(!said.contains(UNCHANGED), "after {done:?}: {said}");
        let after = files(&out);
        let fresh = tmp.path().join(format!("fresh-{step}"));
        build(&site, &fresh, &["--no-cache"]);
        assert!(
            bytes(&after) == bytes(&files(&fresh)),
            "after {done:?}: the build over the previous site differs from a clean build"
        );
        for (path, (new, ino)) in &after {
            match before.get(path) {
                Some((old, old_ino)) if old == new => {
                    assert_eq!(ino, old_ino, "{path:?} is the same but was written again");
                    kept += 1;
                }
                Some((_, old_ino)) => {
                    assert_ne!(ino, old_ino, "{path:?}");
                    replaced += 1;
                }
                None => {}
            }
        }
        std::fs::remove_dir_all(&fresh).unwrap();
        // Nothing edited since: the cache says so, and not a file is touched.
        let said = build(&site, &out, &[]);
        assert!(said.contains(UNCHANGED), "after {done:?}: {said}");
        assert!(
            files(&out) == after,
            "after {done:?}: an unchanged build touched the site"
        );
    }
    assert!(kept > 0 && replaced > 0, "{kept} kept, {replaced} replaced");
    eprintln!("{kept} files kept, {replaced} replaced, after {done:?}");
}
