//! The build cache (`refolio::cache`): a build with nothing changed does nothing and prints
//! what the last one printed; a changed option, a file of the output added, removed or
//! renamed, or a corrupt or foreign cache gives a full build, the last with a warning. (The random edits are in
//! `unchanged_files`.)

use crate::common::{copy_tree, fixture, run, tree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const UNCHANGED: &str = "unchanged since the last build: nothing to write";

/// A copy of the `candidates` fixture and where it builds.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("candidates"), &site);
    let out = tmp.path().join("public");
    (tmp, site, out)
}

fn build(site: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let mut args = vec!["build", "--output-dir", out.to_str().unwrap()];
    args.extend(extra);
    let (code, stdout, stderr) = run(site, &args);
    assert_eq!(code, 0, "{stderr}");
    (stdout, stderr)
}

/// What a clean build of `site` gives.
fn clean(site: &Path, scratch: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let fresh = scratch.join("fresh");
    build(site, &fresh, &["--no-cache"]);
    tree(&fresh)
}

#[test]
fn nothing_changed_nothing_done_and_the_same_report() {
    let (tmp, site, out) = site();
    // A gap, a warning with `--allow-gaps`.
    std::fs::write(
        site.join("content/candidates/bruno/preuve.md"),
        "---\ntitle: Dossier\ndemonstrates: [C1.1]\n---\nTexte.\n",
    )
    .unwrap();
    let gaps = ["--allow-gaps"];
    let (first_out, first_err) = build(&site, &out, &gaps);
    assert!(first_err.contains(": warning: "), "{first_err}");
    let (again_out, again_err) = build(&site, &out, &gaps);
    assert!(again_out.contains(UNCHANGED), "{again_out}");
    // The same warnings and coverage lines; only the summary's time differs.
    assert_eq!(again_err, first_err);
    let lines = |s: &str| {
        s.lines()
            .filter(|l| !l.contains(" pages in "))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let mut expected = lines(&first_out);
    expected.push(format!("{UNCHANGED} (`--no-cache` builds anyway)"));
    assert_eq!(lines(&again_out), expected);
    assert!(again_out.trim_end().ends_with(" s"), "{again_out}");
    // JSON diagnostics are replayed too.
    let (code, json, _) = run(
        &site,
        &[
            "--message-format",
            "json",
            "build",
            "--allow-gaps",
            "--output-dir",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    assert!(!json.contains(UNCHANGED), "{json}");
    assert!(
        json.lines()
            .any(|l| l.starts_with('{') && l.contains("\"severity\":\"warning\"")),
        "{json}"
    );
    let fresh = tmp.path().join("fresh");
    build(&site, &fresh, &["--no-cache", "--allow-gaps"]);
    assert_eq!(tree(&out), tree(&fresh));
}

#[test]
fn an_option_or_a_changed_output_folder_rebuilds() {
    let (tmp, site, out) = site();
    build(&site, &out, &[]);
    let (said, _) = build(&site, &out, &["--base-url", "https://example.org/"]);
    assert!(!said.contains(UNCHANGED), "{said}");
    let (said, _) = build(&site, &out, &["--base-url", "https://example.org/"]);
    assert!(said.contains(UNCHANGED), "{said}");
    build(&site, &out, &[]);
    // A page deleted, a file added, a page saved by an editor (written beside, renamed
    // over): each changes its folder, and the build puts the site back.
    std::fs::remove_file(out.join("index.html")).unwrap();
    let (said, _) = build(&site, &out, &[]);
    assert!(!said.contains(UNCHANGED), "{said}");
    std::fs::write(out.join("candidates/notes.txt"), "à moi").unwrap();
    let (said, _) = build(&site, &out, &[]);
    assert!(!said.contains(UNCHANGED), "{said}");
    std::fs::write(out.join("accessibility.html~"), "<p>modifié</p>").unwrap();
    std::fs::rename(
        out.join("accessibility.html~"),
        out.join("accessibility.html"),
    )
    .unwrap();
    let (said, _) = build(&site, &out, &[]);
    assert!(!said.contains(UNCHANGED), "{said}");
    assert_eq!(tree(&out), clean(&site, tmp.path()));
    // A page rewritten in place leaves its folder's time as it was: the cache does not see
    // it (it stats folders, not every output file), as docs/security.md says, and
    // `--no-cache` puts it back.
    std::fs::write(out.join("accessibility.html"), "<p>modifié</p>").unwrap();
    let (said, _) = build(&site, &out, &[]);
    assert!(said.contains(UNCHANGED), "{said}");
    build(&site, &out, &["--no-cache"]);
    assert_eq!(tree(&out), clean(&site, tmp.path()));
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored_with_a_warning() {
    let (tmp, site, out) = site();
    build(&site, &out, &[]);
    let cache = tmp.path().join(".public.refolio-cache.json");
    assert!(cache.is_file());
    std::fs::write(&cache, "{\"format\": 1, \"key\": ").unwrap();
    let (said, stderr) = build(&site, &out, &[]);
    assert!(!said.contains(UNCHANGED), "{said}");
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "{}: warning: the build cache cannot be used (not a cache this refolio wrote: ",
            cache.display()
        )),
        "{stderr}"
    );
    assert!(
        first.ends_with("): ignored, building everything"),
        "{first}"
    );
    assert!(
        stderr.contains(
            "= help: it is safe to delete; `refolio build --no-cache` rebuilds without reading it"
        ),
        "{stderr}"
    );
    assert_eq!(tree(&out), clean(&site, tmp.path()));

    // Another output's cache, moved here: not this site's.
    let other = tmp.path().join("other");
    build(&site, &other, &[]);
    std::fs::rename(tmp.path().join(".other.refolio-cache.json"), &cache).unwrap();
    let (said, stderr) = build(&site, &out, &[]);
    assert!(!said.contains(UNCHANGED), "{said}");
    assert!(
        stderr.starts_with(&format!("{}: warning: the build cache was made by another refolio, or for another site, output or options: ignored, building everything", cache.display())),
        "{stderr}"
    );
    // Rewritten: the next build has nothing to do, and no warning.
    let (said, stderr) = build(&site, &out, &[]);
    assert!(said.contains(UNCHANGED), "{said}");
    assert!(!stderr.contains("build cache"), "{stderr}");
}
