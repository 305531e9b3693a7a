//! Where refolio writes, and what: it refuses output folders whose replacement would
//! destroy something (the site, its content or templates, a folder holding them, `/`, the
//! home folder), touches nothing outside the output folder, and writes the same bytes
//! whatever the thread count and the order in which the file system lists the content.

use crate::common;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_tree, fixture, repo_root, tree};

/// Runs `refolio --root <root> build --output-dir <out>` with extra environment.
fn build(root: &Path, out: &Path, env: &[(&str, &Path)]) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_refolio"));
    command
        .arg("--root")
        .arg(root)
        .args(["build", "--no-cache", "--output-dir"])
        .arg(out);
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn refuses_output_folders_whose_replacement_would_destroy_something() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("valid"), &site);
    std::fs::create_dir(site.join("templates")).unwrap();
    std::fs::write(site.join("templates/note.txt"), "kept").unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::os::unix::fs::symlink(&site, tmp.path().join("link-to-site")).unwrap();
    std::os::unix::fs::symlink(site.join("content"), tmp.path().join("link-to-content")).unwrap();
    let before = tree(tmp.path());

    let cases: [(PathBuf, &str); 10] = [
        (site.clone(), "it contains the site itself"),
        (site.join("."), "it contains the site itself"),
        (tmp.path().to_path_buf(), "it contains the site itself"),
        (PathBuf::from("/"), "it contains the site itself"),
        (
            site.join("content"),
            "it is inside the site's `content` folder",
        ),
        (
            site.join("content/referentials/out"),
            "it is inside the site's `content` folder",
        ),
        (
            site.join("public/../content"),
            "it is inside the site's `content` folder",
        ),
        (
            site.join("templates"),
            "it is inside the site's `templates` folder",
        ),
        (
            tmp.path().join("link-to-site"),
            "it contains the site itself",
        ),
        (
            tmp.path().join("link-to-content/new"),
            "it is inside the site's `content` folder",
        ),
    ];
    for (out, why) in cases
        .iter()
        .map(|(o, w)| (o.as_path(), *w))
        .chain([(home.as_path(), "it is the home folder")])
    {
        let (code, stderr) = build(&site, out, &[("HOME", &home)]);
        assert_eq!(code, 2, "{}: {stderr}", out.display());
        assert!(
            stderr.starts_with("error: refusing to build into `") && stderr.contains(why),
            "{}: {stderr}",
            out.display()
        );
        assert!(stderr.contains("choose another --output-dir"), "{stderr}");
    }
    assert_eq!(tree(tmp.path()), before, "a refused build changed files");
    assert!(!site.join("public").exists() && !site.join("content/referentials/out").exists());
}

#[test]
fn a_build_touches_nothing_outside_its_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("candidates"), &site);
    let out = tmp.path().join("out");
    let before = tree(tmp.path());
    // A first build, a rebuild over it, and a build that fails while rendering.
    assert_eq!(build(&site, &out, &[]).0, 0);
    assert_eq!(build(&site, &out, &[]).0, 0);
    let built = tree(&out);
    std::fs::create_dir(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/dossier.html"),
        "{% extends \"base.html\" %}{% block content %}{{ nope.nope }}{% endblock content %}",
    )
    .unwrap();
    let (code, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("templates/dossier.html: error: "),
        "{stderr}"
    );
    std::fs::remove_dir_all(site.join("templates")).unwrap();

    assert_eq!(
        tree(&out),
        built,
        "the failed build changed the published site"
    );
    let mut after = tree(tmp.path());
    after.retain(|p, _| !p.starts_with("out"));
    // Beside the output, the two files refolio keeps there: the build cache and the
    // candidates it lowered.
    assert!(
        after.remove(Path::new(".out.refolio-cache.json")).is_some(),
        "no build cache beside the output"
    );
    assert!(
        after.remove(Path::new(".out.refolio-units.bin")).is_some(),
        "no units file beside the output"
    );
    assert_eq!(after, before, "files outside the output folder changed");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        4,
        "staging folders were left behind: {names:?}"
    );
}

/// Copies the bundled example site, creating files in sorted or reverse order, so a file
/// system that lists folders in creation order (tmpfs) lists the two copies differently.
fn copy_example(to: &Path, reverse: bool) {
    let root = repo_root();
    let mut entries: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .collect();
    if reverse {
        // Folders still come before their files: create every folder first.
        entries.sort_by_key(|e| !e.file_type().is_dir());
        entries.reverse();
        entries.sort_by_key(|e| !e.file_type().is_dir());
    }
    for e in entries {
        let target = to.join(e.path().strip_prefix(&root).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
    std::fs::copy(root.join("refolio.toml"), to.join("refolio.toml")).unwrap();
}

/// A folder on tmpfs when there is one (its listing order follows creation), else anywhere.
fn scratch_folder() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

#[test]
fn builds_are_byte_identical_whatever_the_threads_and_listing_order() {
    let tmp = scratch_folder();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    copy_example(&a, false);
    copy_example(&b, true);
    let one_thread = [("RAYON_NUM_THREADS", Path::new("1"))];
    let runs = [
        (&a, tmp.path().join("out-a1"), &one_thread[..]),
        (&a, tmp.path().join("out-a"), &[][..]),
        (&b, tmp.path().join("out-b1"), &one_thread[..]),
        (&b, tmp.path().join("out-b"), &[][..]),
    ];
    let mut outputs = Vec::new();
    for (site, out, env) in &runs {
        let (code, stderr) = build(site, out, env);
        assert_eq!(code, 0, "{stderr}");
        outputs.push((out, tree(out)));
    }
    let (first, reference) = &outputs[0];
    assert!(
        reference.len() > 90,
        "the example site has {} files",
        reference.len()
    );
    for (out, files) in &outputs[1..] {
        let differing: std::collections::BTreeSet<_> = reference
            .keys()
            .chain(files.keys())
            .filter(|p| reference.get(*p) != files.get(*p))
            .collect();
        assert!(
            differing.is_empty(),
            "{} and {} differ in {differing:?}",
            first.display(),
            out.display()
        );
    }
}

/// Starts a build that stops at `point` (the test-only `REFOLIO_TEST_PAUSE` hook) and returns
/// once it is waiting there.
fn paused_build(root: &Path, out: &Path, point: &str) -> std::process::Child {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_refolio"))
        .arg("--root")
        .arg(root)
        .args(["build", "--no-cache", "--output-dir"])
        .arg(out)
        .env("REFOLIO_TEST_PAUSE", point)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    for line in stderr.lines() {
        if line.unwrap().contains(&format!("paused at {point}")) {
            return child;
        }
    }
    let status = child.wait().unwrap();
    panic!("the build ended ({status}) before pausing at {point}");
}

/// The names of what lies beside the output folder, sorted.
/// The names in `dir`, but the build cache's files (files, which no sweep removes).
fn beside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".refolio-cache.json") && !n.ends_with(".refolio-units.bin"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_sweeps_what_killed_builds_left_but_not_a_live_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("valid"), &site);
    let out = tmp.path().join("public");
    assert_eq!(build(&site, &out, &[]).0, 0);
    let site_files = tree(&out);

    // Killed with everything rendered, just before publishing.
    let mut dead = paused_build(&site, &out, "publish");
    dead.kill().unwrap();
    dead.wait().unwrap();
    let dead_staging = beside(tmp.path());
    assert_eq!(dead_staging.len(), 3, "{dead_staging:?}");
    // A build alive and in flight while the next one runs.
    let mut live = paused_build(&site, &out, "publish");
    let with_live = beside(tmp.path());
    let live_staging: Vec<_> = with_live
        .iter()
        .filter(|n| !dead_staging.contains(n))
        .cloned()
        .collect();
    assert_eq!(live_staging.len(), 1, "{with_live:?}");
    assert!(live_staging[0].starts_with(".public.refolio-"));

    let (code, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let mut expected = vec![live_staging[0].clone(), "public".into(), "site".into()];
    expected.sort();
    assert_eq!(beside(tmp.path()), expected);
    assert!(
        tmp.path()
            .join(&live_staging[0])
            .join(".refolio-lock")
            .is_file()
    );
    assert_eq!(tree(&out), site_files);
    live.kill().unwrap();
    live.wait().unwrap();

    // Killed between moving the previous site aside and moving the new one in.
    let mut dead = paused_build(&site, &out, "aside");
    dead.kill().unwrap();
    dead.wait().unwrap();
    assert!(!out.exists());
    assert!(
        beside(tmp.path())
            .iter()
            .any(|n| n.starts_with(".refolio-old-")),
        "{:?}",
        beside(tmp.path())
    );
    let (code, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(beside(tmp.path()), ["public", "site"]);
    assert_eq!(tree(&out), site_files);
}
