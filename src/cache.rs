//! The build cache: what the last successful build read and wrote, kept beside the output
//! (`.<output>.refolio-cache.json`, next to where the staging folders go), so that a build
//! whose inputs and output are exactly as that build left them does nothing but say so,
//! with the diagnostics and lines it printed then; and that a build where only some content
//! files changed renders only the pages they reach (see `partial`) and reads again only the
//! candidate folders they reach, taking the others as that build lowered them (see
//! [`units`], the file beside this one).
//!
//! Nothing in it is trusted beyond a byte-for-byte test: an input counts as unchanged when
//! its size and modification time match and it was not modified near the scan ("racily
//! clean", as git calls it), or else when its SHA-256 matches; the output must hold the
//! folders recorded, each with its modification time (a file added to a folder, removed or
//! renamed changes it; a file rewritten in place does not, and is not noticed: a stat per
//! folder rather than per file is what keeps a build with nothing to do short on a site of
//! a million files). A change of the
//! configuration, the templates or strings, a content folder itself, a file refolio does not
//! classify, a cache made by another refolio binary or for another site, output or options,
//! a cache that does not parse or an output not as recorded, and the build is a full one
//! (which still leaves unchanged output files untouched, see `output`). The file is safe to
//! delete.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::diagnostics::{Diagnostic, Kind, Location};
use crate::incremental::ChangeKind;

mod changes;
mod scan;
pub mod units;

use scan::mtime_ns;

/// Bumped when the file's shape changes: an older file is then foreign.
const FORMAT: u32 = 4;
/// Files modified this close to the scan are hashed again by the next build: a file system
/// that keeps coarse times could hide an edit made just after the scan.
const RACY_NS: u128 = 2_000_000_000;

/// The hash of a file the scan could not read, or would not: such a file is never taken
/// for unchanged.
const UNKNOWN: &str = "unknown";
/// The "hash" of a folder: only its existence is recorded (an empty candidate folder is a
/// unit too); its files have their own stamps.
const FOLDER: &str = "folder";

/// One file as the scan saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime_ns: u128,
    /// Of the content ([`FOLDER`] for a folder, [`UNKNOWN`] when it could not be read).
    sha256: String,
}

/// A folder of the output: its modification time, and the names of its files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Folder {
    mtime_ns: u128,
    files: Vec<String>,
}

/// What a build printed, to print it again without redoing the work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replay {
    /// Each diagnostic: whether it is an error, its text styled for a terminal, its JSON.
    pub diagnostics: Vec<(bool, String, String)>,
    /// The per-candidate and per-session lines.
    pub coverage: Vec<String>,
    pub warnings: usize,
    /// The build's summary line, as printed.
    pub summary: String,
}

impl Replay {
    /// What a successful build printed: its diagnostics, coverage lines and summary.
    pub fn of(checked: &crate::Checked, summary: &crate::Summary) -> Replay {
        let styles = crate::diagnostics::Styles::COLOURED;
        Replay {
            diagnostics: checked
                .diagnostics
                .sorted()
                .into_iter()
                .map(|d| {
                    (
                        d.severity == crate::diagnostics::Severity::Error,
                        d.render_styled(&checked.sources, &styles),
                        d.to_json(),
                    )
                })
                .collect(),
            coverage: crate::coverage_lines(checked),
            warnings: checked.diagnostics.warnings(),
            summary: format!(
                "{} referentials, {} competences, {} criteria, {} candidates → {} pages",
                summary.referentials,
                summary.competences,
                summary.criteria,
                summary.candidates,
                summary.pages
            ),
        }
    }
}

/// The cache file's content.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// Whose cache it is: refolio's version and binary, the site, the output, the options.
    key: String,
    /// When the inputs were scanned, before the build read them.
    scanned_ns: u128,
    inputs: BTreeMap<String, Stamp>,
    /// The output's folders, by path relative to it (the output itself is `""`).
    output: BTreeMap<String, Folder>,
    replay: Replay,
    /// Each candidate's standing (coverage, gaps, decision) by ID, as `Debug` prints it:
    /// lists of candidates show it, so a partial build must know whose changed.
    standings: BTreeMap<String, String>,
}

/// The inputs of a build as scanned before it starts, to be recorded once it succeeds.
pub struct Scan {
    file: PathBuf,
    key: String,
    scanned_ns: u128,
    inputs: BTreeMap<String, Stamp>,
}

/// What the cache says of the build about to run.
pub enum Verdict {
    /// Inputs and output are as the last build left them: its report, to print again.
    Unchanged(Replay),
    /// Only content files changed, and the output is as the last build left it: render
    /// what they reach, link the rest; record the scan afterwards.
    Changed(Scan, Previous),
    /// Build; record the scan afterwards. A warning when the cache was not usable.
    Build(Scan, Option<Diagnostic>),
}

/// What a partial build needs of the last one.
#[derive(Debug)]
pub struct Previous {
    /// The content changes, each as `serve` would see it.
    pub changes: BTreeSet<ChangeKind>,
    /// Each candidate's standing then, by ID (see [`standings`]).
    pub standings: BTreeMap<String, String>,
    /// The files of the output folder, whose folders are as that build left them.
    pub outputs: HashSet<String>,
    /// The output's folders and their modification times, as recorded (and found).
    pub folders: BTreeMap<String, u128>,
    /// The previous generation of the site, if it goes with this cache and is as recorded
    /// (see `output::generations`).
    pub generation: Option<crate::output::generations::Trusted>,
    /// The file of the candidates as that build lowered them, and what ties it to the cache
    /// file (see [`units`]).
    units_file: PathBuf,
    units_token: String,
}

impl Previous {
    /// What the partial build takes from the last one instead of reading it again, or the
    /// warning saying why it cannot (it then reads every candidate, as a full build does).
    pub fn kept(&self) -> Result<units::Kept, Diagnostic> {
        match units::read(&self.units_file, &self.units_token) {
            Ok((referentials, units)) => Ok(units::Kept {
                referentials,
                units,
                changes: self.changes.clone(),
            }),
            Err(why) => Err(warn(
                &self.units_file,
                &format!("cannot be used ({why}): ignored, reading every candidate"),
            )),
        }
    }
}

/// Each candidate's standing, by ID, as the cache records it.
pub fn standings(checked: &crate::Checked) -> BTreeMap<String, String> {
    checked
        .dossiers
        .iter()
        .map(|(id, d)| (id.0.clone(), format!("{:?}", d.standing())))
        .collect()
}

/// The cache file of the output folder `target`.
pub fn file_for(target: &Path) -> PathBuf {
    beside(target, "refolio-cache.json")
}

/// `.<output>.<suffix>` beside the output folder `target`.
fn beside(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    target
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.{suffix}"))
}

/// The cache file when it is this build's, and a warning when it is not usable.
fn usable(file: &Path, key: &str, use_cache: bool) -> (Option<Manifest>, Option<Diagnostic>) {
    let previous = if use_cache { read(file) } else { Ok(None) };
    match previous {
        Ok(Some(m)) if m.format == FORMAT && m.key == key => (Some(m), None),
        Ok(Some(_)) => (
            None,
            Some(warn(
                file,
                "was made by another refolio, or for another site, output or options: ignored, building everything",
            )),
        ),
        Ok(None) => (None, None),
        Err(why) => (
            None,
            Some(warn(
                file,
                &format!("cannot be used ({why}): ignored, building everything"),
            )),
        ),
    }
}

/// Scans the site's inputs and compares them, and the output, with the cache.
/// `options` names what else decides the output (the command line's overrides), `extra`
/// the files it reads outside the content tree (a signing key).
pub fn consult(
    root: &Path,
    target: &Path,
    options: &str,
    extra: &[PathBuf],
    use_cache: bool,
) -> Verdict {
    let file = file_for(target);
    let key = key(root, target, options);
    let scanned_ns = now_ns();
    let (manifest, warning) = usable(&file, &key, use_cache);
    // The inputs are compared with the cache while the output's folders are: both wait on
    // the disk.
    let (inputs, output_kept) = scan::on_pool(|| {
        rayon::join(
            || scan::inputs(root, extra, manifest.as_ref()),
            || {
                manifest
                    .as_ref()
                    .is_some_and(|m| scan::output_as_recorded(target, &m.output))
            },
        )
    });
    if let Some(m) = manifest.filter(|_| output_kept) {
        if m.inputs == inputs && !inputs.values().any(|s| s.sha256 == UNKNOWN) {
            return Verdict::Unchanged(m.replay);
        }
        if let Some(changes) = changes::between(&m.inputs, &inputs, UNKNOWN) {
            let scan = Scan {
                file,
                key,
                scanned_ns,
                inputs,
            };
            let units_token = units::token(&m.key, m.scanned_ns);
            // Looked for only now: a build with nothing to do does not stat its folders.
            let generation =
                scan::on_pool(|| crate::output::generations::trusted(target, &units_token));
            let previous = Previous {
                units_file: units::file_for(target),
                units_token,
                changes,
                standings: m.standings,
                folders: m
                    .output
                    .iter()
                    .map(|(dir, folder)| (dir.clone(), folder.mtime_ns))
                    .collect(),
                generation,
                outputs: m
                    .output
                    .into_iter()
                    .flat_map(|(dir, folder)| {
                        folder
                            .files
                            .into_iter()
                            .map(move |name| match dir.as_str() {
                                "" => name,
                                dir => format!("{dir}/{name}"),
                            })
                    })
                    .collect(),
            };
            return Verdict::Changed(scan, previous);
        }
    }
    Verdict::Build(
        Scan {
            file,
            key,
            scanned_ns,
            inputs,
        },
        warning,
    )
}

impl Scan {
    /// What will tie the files this build records to its cache file.
    pub fn token(&self) -> String {
        units::token(&self.key, self.scanned_ns)
    }

    /// Records a successful build of the scanned inputs into `target`, which it printed as
    /// `replay`, its site as `checked`: the cache file, and first the candidates it
    /// lowered (see [`units`]). Written under another name, then renamed: never half a file.
    pub fn record(
        self,
        target: &Path,
        replay: &Replay,
        checked: &crate::Checked,
    ) -> Result<(), Error> {
        let standings = standings(checked);
        let Some(output) = scan::on_pool(|| scan::output(target)) else {
            return Ok(());
        };
        // A file that cannot be written costs the next build its reuse, not its correctness:
        // the one left, if any, carries another scan's token and is not used.
        let _ = units::write(
            &units::file_for(target),
            units::token(&self.key, self.scanned_ns),
            checked,
        );
        let manifest = Manifest {
            format: FORMAT,
            key: self.key,
            scanned_ns: self.scanned_ns,
            inputs: self.inputs,
            output,
            replay: replay.clone(),
            standings,
        };
        let text = serde_json::to_string(&manifest)
            .map_err(|e| Error::Usage(format!("build cache: {e}")))?;
        let partial = self.file.with_extension("json.partial");
        fs::write(&partial, text).map_err(|e| Error::io(&partial, e))?;
        fs::rename(&partial, &self.file).map_err(|e| Error::io(&self.file, e))
    }
}

fn warn(file: &Path, what: &str) -> Diagnostic {
    Diagnostic::warning(
        Kind::Unreadable,
        Some(Location::new(file, None)),
        format!("the build cache {what}"),
    )
    .with_suggestion(Some(
        "it is safe to delete; `refolio build --no-cache` rebuilds without reading it".into(),
    ))
}

fn read(file: &Path) -> Result<Option<Manifest>, String> {
    match fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| format!("not a cache this refolio wrote: {e}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// refolio's version and its very binary (a rebuilt one may render differently), the
/// site, the output and the options.
fn key(root: &Path, target: &Path, options: &str) -> String {
    let exe = std::env::current_exe()
        .and_then(fs::metadata)
        .map(|m| format!("{}:{}", m.len(), mtime_ns(&m)))
        .unwrap_or_default();
    let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let target = target
        .parent()
        .map(|p| canonical(p).join(target.file_name().unwrap_or_default()))
        .unwrap_or_else(|| target.to_path_buf());
    format!(
        "refolio {} ({exe}); site {}; output {}; {options}",
        env!("CARGO_PKG_VERSION"),
        canonical(root).display(),
        target.display()
    )
}

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_sits_beside_the_output() {
        assert_eq!(
            file_for(Path::new("/srv/site/public")),
            Path::new("/srv/site/.public.refolio-cache.json")
        );
    }

    #[test]
    fn a_file_edited_near_the_scan_is_hashed_again() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/a.md"), "un").unwrap();
        let first = scan::on_pool(|| scan::inputs(dir.path(), &[], None));
        let mut manifest = Manifest {
            format: FORMAT,
            key: String::new(),
            scanned_ns: now_ns(),
            inputs: first.clone(),
            output: BTreeMap::new(),
            replay: Replay {
                diagnostics: Vec::new(),
                coverage: Vec::new(),
                warnings: 0,
                summary: String::new(),
            },
            standings: BTreeMap::new(),
        };
        // Same size, and the time the scan recorded: only the hash can tell.
        let stamp = &first["content/a.md"];
        manifest.inputs.get_mut("content/a.md").unwrap().sha256 = "stale".into();
        let again = scan::on_pool(|| scan::inputs(dir.path(), &[], Some(&manifest)));
        assert_eq!(again["content/a.md"].size, stamp.size);
        assert_ne!(again["content/a.md"].sha256, "stale");
        // Long after the scan, a matching size and time are trusted.
        manifest.scanned_ns = stamp.mtime_ns + 10 * RACY_NS;
        let later = scan::on_pool(|| scan::inputs(dir.path(), &[], Some(&manifest)));
        assert_eq!(later["content/a.md"].sha256, "stale");
    }
}
