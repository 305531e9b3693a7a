//! The candidates a partial build takes from the build cache (`refolio::cache::units`)
//! instead of reading them again: an unchanged folder is not read (shown by a file changed
//! behind the cache's back, same size and time, that it does not notice, as git would not),
//! a changed one is; a units file that is corrupt, cut short or another cache's is ignored
//! with a warning, and the build equals a clean one.

use crate::common::{copy_tree, fixture, run, tree};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A copy of the `candidates` fixture, where it builds, and its units file.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("candidates"), &site);
    let out = tmp.path().join("public");
    let units = tmp.path().join(".public.refolio-units.bin");
    (tmp, site, out, units)
}

/// Exit code, standard output and standard error of a build of `site` into `out`.
fn build(site: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["build", "--timings", "--output-dir", out.to_str().unwrap()];
    args.extend(extra);
    run(site, &args)
}

/// Sets the modification time of `path` long before any build: the cache then trusts a
/// matching size and time without hashing (a file modified near a scan is hashed again).
fn set_old_time(path: &Path) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

/// An edit the cache sees: a line added to bruno's evidence.
fn edit_bruno(site: &Path, n: u32) {
    let md = site.join("content/candidates/bruno/preuve.md");
    let mut text = std::fs::read_to_string(&md).unwrap();
    text.push_str(&format!("\nAjout {n}.\n"));
    std::fs::write(md, text).unwrap();
}

#[test]
fn an_unchanged_candidate_is_not_read_again_and_a_changed_one_is() {
    let (tmp, site, out, units) = site();
    let oral = site.join("content/candidates/alice/preuves/oral.md");
    set_old_time(&oral);
    let (code, _, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(units.is_file());
    // `title` misspelt, same size, same time: reading the file would report it.
    let text = std::fs::read_to_string(&oral).unwrap();
    let broken = text.replacen("title:", "titre:", 1);
    assert_eq!(broken.len(), text.len());
    std::fs::write(&oral, &broken).unwrap();
    set_old_time(&oral);
    edit_bruno(&site, 1);
    let (code, stdout, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("; partial: "), "{stdout}");
    assert!(!stderr.contains("titre"), "alice was read again: {stderr}");
    // A clean build reads it, and so does the next cached build once its time moves.
    let (code, _, fresh_err) = build(&site, &tmp.path().join("fresh"), &["--no-cache"]);
    assert_ne!(code, 0);
    assert!(fresh_err.contains("oral.md:2:1: error: "), "{fresh_err}");
    File::options()
        .write(true)
        .open(&oral)
        .unwrap()
        .set_modified(SystemTime::now())
        .unwrap();
    let (code, _, stderr) = build(&site, &out, &[]);
    assert_ne!(code, 0);
    assert_eq!(stderr, fresh_err);
}

#[test]
fn unchanged_candidates_keep_their_warnings_and_quoted_lines() {
    let (tmp, site, out, _) = site();
    // Chloe's gap, a warning with `--allow-gaps`, quoting her files; CRLF line breaks,
    // which the quoted lines must not show.
    let chloe = site.join("content/candidates/chloe");
    std::fs::write(
        chloe.join("preuve.md"),
        "---\r\ntitle: Dossier\r\ndemonstrates: [C1.1]\r\n---\r\nTexte.\r\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(chloe.join("passport.yaml")).unwrap();
    std::fs::write(chloe.join("passport.yaml"), text.replace('\n', "\r\n")).unwrap();
    let gaps = ["--allow-gaps"];
    let (code, _, first_err) = build(&site, &out, &gaps);
    assert_eq!(code, 0, "{first_err}");
    assert!(first_err.contains("chloe/passport.yaml:"), "{first_err}");
    assert!(!first_err.contains('\r'), "{first_err}");
    edit_bruno(&site, 2);
    std::fs::write(
        site.join("content/candidates/david/preuve.md"),
        std::fs::read_to_string(site.join("content/candidates/david/preuve.md")).unwrap() + "\n",
    )
    .unwrap();
    let (code, stdout, stderr) = build(&site, &out, &gaps);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("; partial: "), "{stdout}");
    let fresh = tmp.path().join("fresh");
    let (_, _, fresh_err) = build(&site, &fresh, &["--allow-gaps", "--no-cache"]);
    assert_eq!(stderr, fresh_err);
    assert!(tree(&out) == tree(&fresh));
}

/// Builds, spoils the units file with `spoil`, edits, builds again: a warning naming the
/// file and `why`, and the site a clean build gives; the next build is silent again.
fn spoilt(spoil: impl Fn(&Path, &Path), why: &str) {
    let (tmp, site, out, units) = site();
    let (code, _, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    spoil(&units, tmp.path());
    edit_bruno(&site, 3);
    let (code, stdout, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("; partial: "), "{stdout}");
    assert!(
        stderr.contains(".public.refolio-units.bin: warning: the build cache cannot be used")
            && stderr.contains(why),
        "{stderr}"
    );
    let fresh = tmp.path().join("fresh");
    let (_, _, fresh_err) = build(&site, &fresh, &["--no-cache"]);
    assert!(tree(&out) == tree(&fresh));
    assert!(!fresh_err.contains("refolio-units"), "{fresh_err}");
    edit_bruno(&site, 4);
    let (code, _, stderr) = build(&site, &out, &[]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("refolio-units"), "{stderr}");
}

#[test]
fn a_flipped_byte_is_ignored_with_a_warning() {
    spoilt(
        |units, _| {
            let mut bytes = std::fs::read(units).unwrap();
            let at = bytes.len() * 2 / 3;
            bytes[at] ^= 0x20;
            std::fs::write(units, bytes).unwrap();
        },
        "not a file this refolio wrote, or cut short",
    );
}

#[test]
fn a_file_cut_short_is_ignored_with_a_warning() {
    spoilt(
        |units, _| {
            let bytes = std::fs::read(units).unwrap();
            std::fs::write(units, &bytes[..bytes.len() - 7]).unwrap();
        },
        "not a file this refolio wrote, or cut short",
    );
}

#[test]
fn another_builds_units_file_is_ignored_with_a_warning() {
    spoilt(
        |units, scratch| {
            // The file of this build, put back after the next one wrote its own.
            let site = scratch.join("site");
            let kept = std::fs::read(units).unwrap();
            edit_bruno(&site, 9);
            let (code, _, stderr) = build(&site, &scratch.join("public"), &[]);
            assert_eq!(code, 0, "{stderr}");
            std::fs::write(units, kept).unwrap();
        },
        "written with another build cache",
    );
}

#[test]
fn a_missing_units_file_is_ignored_with_a_warning() {
    spoilt(
        |units, _| std::fs::remove_file(units).unwrap(),
        "cannot be used (",
    );
}
