//! The previous generation of the site, kept beside the output so that a partial build
//! writes only what changed instead of a staging folder of a million hard links, and
//! removes nothing.
//!
//! After a partial build publishes, the site it replaced stays beside the output as
//! `.<out>.refolio-prev/`, with a record `.<out>.refolio-prev.json` saying which build
//! cache it goes with, the paths whose file differs from the live site's (those the last
//! build wrote, and those it removed: every other file is the live site's very file, a hard
//! link) and its folders' modification times. The next partial build locks that folder,
//! removes the record (a killed build leaves it unrecorded, never trusted), brings it up to
//! date — writes the pages it renders and links the live site's files at the paths the last
//! build changed, each replacing the file there, never writing through it (it may be a link
//! to the live site's), and removes the files gone — then exchanges it with the live site
//! in one atomic call (`renameat2(RENAME_EXCHANGE)`): readers see one build or the other,
//! never a mix. The site replaced becomes the next previous generation.
//!
//! A previous generation is used only when its record parses, names this output and the
//! build cache in effect, and its folders have their recorded times (so no file was added
//! to it, removed or renamed since, by hand or by a killed build); otherwise the build
//! stages a fresh folder, as it always did, and its publish replaces the untrusted folder.
//! Full builds remove it. Where there is no atomic exchange (not Linux) nothing is kept.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::Error;

/// Bumped when the record's shape changes: an older record is then not trusted.
const FORMAT: u32 = 1;

/// Whether this platform has the atomic exchange a previous generation is kept for.
pub const SUPPORTED: bool = cfg!(target_os = "linux");

/// `.<out>.refolio-prev` beside the output folder `target`.
pub fn folder_for(target: &Path) -> PathBuf {
    beside(target, "refolio-prev")
}

/// The record of the folder [`folder_for`] names.
pub fn record_for(target: &Path) -> PathBuf {
    beside(target, "refolio-prev.json")
}

fn beside(target: &Path, suffix: &str) -> PathBuf {
    super::parent_of(target).join(format!(".{}.{suffix}", super::name_of(target)))
}

/// The record of a previous generation.
#[derive(Serialize, Deserialize)]
struct Record {
    format: u32,
    /// The output folder's name.
    output: String,
    /// The build cache that describes the live site (see `cache::units::token`).
    token: String,
    /// The paths whose file here is not the live site's: written by the build that
    /// published it, or removed by it. Every other file is the live site's, the same inode.
    changed: Vec<String>,
    /// Each folder (relative, the root is `""`) and its modification time.
    folders: BTreeMap<String, u128>,
}

/// What a partial build passes on about the site it replaces, for the record that keeps it:
/// the build cache's token of this build, and the replaced site's folders with their times
/// as the cache recorded (and checked) them.
#[derive(Debug, Clone)]
pub struct Keeping {
    pub token: String,
    pub folders: BTreeMap<String, u128>,
}

/// A previous generation found trustworthy, locked by this process; its record is still in
/// place until [`Trusted::take`].
#[derive(Debug)]
pub struct Trusted {
    dir: PathBuf,
    record: PathBuf,
    lock: File,
    changed: HashSet<String>,
}

/// A previous generation this build updates: unrecorded (so never trusted if the build
/// dies) and locked.
pub struct Generation {
    pub(super) dir: PathBuf,
    pub(super) lock: File,
    /// The paths where it differs from the live site.
    pub(super) changed: HashSet<String>,
}

/// A file's modification time in nanoseconds, as the build cache records folders' (the
/// cache uses this module: it cannot be used from here).
fn mtime_ns(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Locks `dir`, a folder (not a link), or `None` if another build holds it.
fn lock(dir: &Path) -> Option<File> {
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return None;
    }
    let file = File::open(dir).ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// The previous generation of `target`, if it is recorded for the build cache `token` and
/// as recorded. Stats each of its folders: run on an I/O pool.
pub fn trusted(target: &Path, token: &str) -> Option<Trusted> {
    if !SUPPORTED {
        return None;
    }
    let dir = folder_for(target);
    let lock = lock(&dir)?;
    let record_file = record_for(target);
    let record: Record = serde_json::from_slice(&fs::read(&record_file).ok()?).ok()?;
    let ours =
        record.format == FORMAT && record.output == super::name_of(target) && record.token == token;
    let kept = ours
        && record.folders.par_iter().all(|(rel, mtime)| {
            fs::symlink_metadata(dir.join(rel)).is_ok_and(|m| m.is_dir() && mtime_ns(&m) == *mtime)
        });
    kept.then(|| Trusted {
        dir,
        record: record_file,
        lock,
        changed: record.changed.into_iter().collect(),
    })
}

impl Trusted {
    /// Marks the folder as being updated (its record removed): `None` if that failed.
    pub fn take(self) -> Option<Generation> {
        fs::remove_file(&self.record).ok()?;
        Some(Generation {
            dir: self.dir,
            lock: self.lock,
            changed: self.changed,
        })
    }
}

/// Removes the previous generation of `target`, if any and no other build holds it.
/// Returns whether there is none now.
pub fn discard(target: &Path) -> bool {
    let dir = folder_for(target);
    let _ = fs::remove_file(record_for(target));
    if fs::symlink_metadata(&dir).is_err() {
        return true;
    }
    let Some(held) = lock(&dir) else {
        return false;
    };
    let gone = super::remove::remove_tree(&dir).is_ok();
    drop(held);
    gone
}

/// Moves `site`, the site just replaced by `target`'s, into the previous generation's
/// place (which must be free) and records it: `changed` the paths where it differs from the
/// new live site, `keeping` what the build knew of it.
pub fn keep(target: &Path, site: &Path, keeping: Keeping, changed: Vec<String>) -> io::Result<()> {
    let dir = folder_for(target);
    if site != dir {
        fs::rename(site, &dir)?;
    }
    write_record(target, &dir, keeping, changed)
}

fn write_record(
    target: &Path,
    dir: &Path,
    keeping: Keeping,
    mut changed: Vec<String>,
) -> io::Result<()> {
    let mut folders = keeping.folders;
    // The root's time as it is now: moving a folder to another parent may change it.
    let root = fs::symlink_metadata(dir)?;
    folders.insert(String::new(), mtime_ns(&root));
    changed.sort_unstable();
    changed.dedup();
    let record = Record {
        format: FORMAT,
        output: super::name_of(target),
        token: keeping.token,
        changed,
        folders,
    };
    let file = record_for(target);
    let partial = file.with_extension("json.partial");
    fs::write(
        &partial,
        serde_json::to_vec(&record).map_err(io::Error::other)?,
    )?;
    fs::rename(&partial, &file)
}

/// Exchanges the folders `a` and `b` in one call: each is at the other's path, and no one
/// sees either path missing or half of one.
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Publishes `generation`, brought up to date, in place of `target` (which exists), and
/// keeps the site it replaces as the next previous generation. Without an exchange the
/// file system supports, the two renames a fresh staging folder is published with.
pub(super) fn publish(
    target: &Path,
    generation: Generation,
    keeping: Keeping,
    changed: Vec<String>,
) -> Result<(), Error> {
    let Generation { dir, lock, .. } = generation;
    super::pause_for_tests("prev");
    match exchange(&dir, target) {
        Ok(()) => {
            // A record that cannot be written costs the next build its shortcut only.
            let _ = write_record(target, &dir, keeping, changed);
        }
        Err(_) => {
            let old = super::replace(target, &dir, || Ok(()))?;
            if let Some(old) = old
                && keep(target, &old.site, keeping, changed).is_err()
            {
                let _ = super::remove::remove_tree(&old.site);
            }
        }
    }
    drop(lock);
    Ok(())
}

/// Replaces the file at `to` by a hard link to `from` (never writing through it).
pub(super) fn link_replacing(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(to)?;
            fs::hard_link(from, to)
        }
        other => other,
    }
}
