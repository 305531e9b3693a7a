//! The previous generation kept beside the output (`refolio::output::generations`): a
//! partial build brings it up to date and swaps it with the live site, which comes out as
//! a clean build's while the site it replaces is left exactly as it was (the same files,
//! the same bytes: nothing of the live site is written in place); a build killed while
//! updating it leaves the live site intact and the next build right; a previous generation
//! edited behind refolio's back, or whose record does not match, is not trusted; a full
//! build removes it.

use crate::common::{copy_tree, fixture, run, tree};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const UPDATED: &str = "(previous generation updated)";

/// A copy of the `candidates` fixture, where it builds, and where its previous generation
/// is kept.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("candidates"), &site);
    let out = tmp.path().join("public");
    let prev = tmp.path().join(".public.refolio-prev");
    (tmp, site, out, prev)
}

/// Builds through the cache; returns the `--timings` line.
fn build(site: &Path, out: &Path) -> String {
    let args = ["build", "--allow-gaps", "--timings", "--output-dir"];
    let (code, stdout, stderr) = run(site, &[&args[..], &[out.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{stderr}");
    stdout
        .lines()
        .find(|l| l.starts_with("check "))
        .unwrap_or_default()
        .to_owned()
}

fn clean(site: &Path, scratch: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let fresh = scratch.join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    let (code, _, stderr) = run(
        site,
        &[
            "build",
            "--allow-gaps",
            "--no-cache",
            "--output-dir",
            fresh.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let files = tree(&fresh);
    std::fs::remove_dir_all(&fresh).unwrap();
    files
}

/// Appends a line to the evidence file `n` of the site (sorted order).
fn edit(site: &Path, n: usize) {
    let mut evidence: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content/candidates"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    evidence.sort();
    let md = &evidence[n % evidence.len()];
    let mut text = std::fs::read_to_string(md).unwrap();
    text.push_str(&format!("\nAjout {n}.\n"));
    std::fs::write(md, text).unwrap();
}

/// Each file of `dir`: its inode.
fn inodes(dir: &Path) -> BTreeMap<PathBuf, u64> {
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

/// Two partial builds after the first: the second leaves a previous generation.
fn with_a_previous_generation(site: &Path, out: &Path, prev: &Path) {
    build(site, out);
    edit(site, 0);
    let first = build(site, out);
    assert!(
        first.contains("; partial: ") && !first.contains(UPDATED),
        "{first}"
    );
    assert!(prev.join(".refolio-output").is_file());
}

#[test]
fn the_previous_generation_is_swapped_in_and_the_replaced_site_left_as_it_was() {
    let (tmp, site, out, prev) = site();
    with_a_previous_generation(&site, &out, &prev);
    for n in 1..4 {
        let (files, ino) = (tree(&out), inodes(&out));
        edit(&site, n);
        let timings = build(&site, &out);
        assert!(timings.contains(UPDATED), "{timings}");
        assert_eq!(tree(&out), clean(&site, tmp.path()), "build {n}");
        // The site replaced is the very one that was live: same files, same bytes.
        assert_eq!(tree(&prev), files, "build {n}");
        assert_eq!(inodes(&prev), ino, "build {n}");
        // What did not change is the same file in the new site.
        let now = inodes(&out);
        let kept = ino.iter().filter(|(p, i)| now.get(*p) == Some(i)).count();
        assert!(kept > ino.len() / 2, "{kept} of {} kept", ino.len());
    }
    // A full build removes it: it would no longer go with the live site.
    let (code, _, stderr) = run(
        &site,
        &[
            "build",
            "--allow-gaps",
            "--no-cache",
            "--output-dir",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!prev.exists());
    assert!(!tmp.path().join(".public.refolio-prev.json").exists());
}

#[test]
fn a_build_killed_while_updating_the_previous_generation_leaves_the_site_intact() {
    use std::io::BufRead;
    let (tmp, site, out, prev) = site();
    with_a_previous_generation(&site, &out, &prev);
    let before = tree(&out);
    edit(&site, 1);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_refolio"))
        .arg("--root")
        .arg(&site)
        .args(["build", "--allow-gaps", "--output-dir"])
        .arg(&out)
        .env("REFOLIO_TEST_PAUSE", "prev")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let paused = stderr
        .lines()
        .any(|l| l.unwrap().contains("paused at prev"));
    assert!(
        paused,
        "the build ended before updating the previous generation"
    );
    // Updated and unrecorded: not to be trusted.
    assert!(!tmp.path().join(".public.refolio-prev.json").exists());
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(tree(&out), before);
    // The next build stages afresh and comes out right; the one after swaps again.
    let timings = build(&site, &out);
    assert!(!timings.contains(UPDATED), "{timings}");
    assert_eq!(tree(&out), clean(&site, tmp.path()));
    edit(&site, 2);
    let timings = build(&site, &out);
    assert!(timings.contains(UPDATED), "{timings}");
    assert_eq!(tree(&out), clean(&site, tmp.path()));
}

#[test]
fn a_previous_generation_edited_behind_refolios_back_is_not_trusted() {
    let (tmp, site, out, prev) = site();
    with_a_previous_generation(&site, &out, &prev);
    let record = tmp.path().join(".public.refolio-prev.json");
    let page = |dir: &Path| dir.join("grille/badges/g1.json");
    let edits: [(&str, &dyn Fn()); 4] = [
        ("a file added", &|| {
            std::fs::write(prev.join("stray.html"), "x").unwrap()
        }),
        ("an unchanged page removed", &|| {
            std::fs::remove_file(page(&prev)).unwrap()
        }),
        ("an unchanged page replaced", &|| {
            let new = prev.join("grille/badges/new.json");
            std::fs::write(&new, "autre").unwrap();
            std::fs::rename(&new, page(&prev)).unwrap();
        }),
        ("the record rewritten", &|| {
            let text = std::fs::read_to_string(&record).unwrap();
            std::fs::write(&record, text.replacen("\"token\":\"", "\"token\":\"1", 1)).unwrap();
        }),
    ];
    for (n, (what, tamper)) in edits.iter().enumerate() {
        assert!(page(&prev).is_file(), "{what}");
        tamper();
        edit(&site, n + 1);
        let timings = build(&site, &out);
        assert!(!timings.contains(UPDATED), "{what}: {timings}");
        assert_eq!(tree(&out), clean(&site, tmp.path()), "{what}");
        // The untrusted one was replaced by the site just published over.
        assert!(
            record.is_file() && !prev.join("stray.html").exists(),
            "{what}"
        );
    }
    edit(&site, 9);
    assert!(build(&site, &out).contains(UPDATED));
}
