//! The scan of a build's inputs and of its output: every file's size and modification time
//! (and an input's hash when those do not prove it unchanged). On a large site this is
//! hundreds of thousands of `stat` calls, whose time is the disk's latency rather than CPU:
//! folders are listed and files statted by many threads at once, so that many requests are
//! in flight, on a pool of their own (the build's pool has one thread per core).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::{FOLDER, Folder, Manifest, RACY_NS, Stamp, UNKNOWN};
use crate::layout;

/// Runs `work` on the scan's pool, many threads meant for file system calls.
pub(super) fn on_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    crate::output::remove::on_io_pool(work)
}

/// What the scan keeps of a file's `lstat` (asked relative to its folder as it is listed:
/// a path looked up from the root costs the kernel a walk of every component).
#[derive(Clone, Copy)]
struct Stat {
    size: u64,
    mtime_ns: u128,
    /// A regular file (not a link, a FIFO or a device).
    file: bool,
    link: bool,
}

impl Stat {
    fn of(meta: &fs::Metadata) -> Stat {
        Stat {
            size: meta.len(),
            mtime_ns: mtime_ns(meta),
            file: meta.is_file(),
            link: meta.is_symlink(),
        }
    }
}

/// What a visitor makes of one entry of a walked tree: `Ok(None)` to leave it out, `Err`
/// to give up the walk.
type Seen<T> = Result<Option<T>, ()>;

/// Which entries of a walked tree are statted: the files (the inputs, whose every file is
/// compared), or the folders only (the output, trusted by its folders' times).
#[derive(Clone, Copy, PartialEq)]
enum Statted {
    Files,
    Folders,
}

/// Walks `root` and everything under it, links not followed below `root` (as `walkdir`
/// does), calling `visit` with each path, whether it is a folder, and its `lstat` when it
/// is of the kind `statted` names (`None` otherwise, or when that failed). What it keeps
/// comes back in no particular order, and only that is held: a large output has a million
/// files. `strict`: `None` when a folder could not be listed (or `root` is missing);
/// otherwise what could not be listed is left out (the folder itself is kept), as the
/// build's own reading reports it.
fn walk<T: Send>(
    root: &Path,
    strict: bool,
    statted: Statted,
    visit: &(impl Fn(&Path, bool, Option<Stat>) -> Seen<T> + Sync),
) -> Option<Vec<T>> {
    let Ok(meta) = fs::metadata(root) else {
        return (!strict).then(Vec::new);
    };
    let folder = meta.is_dir();
    let stat = (folder == (statted == Statted::Folders)).then(|| Stat::of(&meta));
    let mut found: Vec<T> = visit(root, folder, stat).ok()?.into_iter().collect();
    if folder {
        found.extend(walk_under(root, strict, statted, visit)?);
    }
    Some(found)
}

fn walk_under<T: Send>(
    dir: &Path,
    strict: bool,
    statted: Statted,
    visit: &(impl Fn(&Path, bool, Option<Stat>) -> Seen<T> + Sync),
) -> Option<Vec<T>> {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(_) if !strict => return Some(Vec::new()),
        Err(_) => return None,
    };
    let (mut found, mut folders) = (Vec::new(), Vec::new());
    for e in read {
        let (kind, e) = match e.and_then(|e| Ok((e.file_type()?, e))) {
            Ok(e) => e,
            Err(_) if !strict => continue,
            Err(_) => return None,
        };
        let path = e.path();
        let folder = kind.is_dir();
        // The listing's own file type (no `stat`) says which is which.
        let stat = (folder == (statted == Statted::Folders))
            .then(|| e.metadata().ok().map(|m| Stat::of(&m)))
            .flatten();
        found.extend(visit(&path, folder, stat).ok()?);
        if folder {
            folders.push(path);
        }
    }
    let below = folders
        .par_iter()
        .map(|f| walk_under(f, strict, statted, visit))
        .collect::<Option<Vec<Vec<T>>>>()?;
    found.extend(below.into_iter().flatten());
    Some(found)
}

/// Every file the build may read: the configuration file, the content and the templates;
/// and their folders. Run on the scan's pool.
pub(super) fn inputs(
    root: &Path,
    extra: &[PathBuf],
    previous: Option<&Manifest>,
) -> BTreeMap<String, Stamp> {
    let stamp = |path: &Path, folder: bool, stat: Option<Stat>| -> Option<(String, Stamp)> {
        let rel = || {
            path.strip_prefix(root)
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned()
        };
        if folder {
            let stamp = Stamp {
                size: 0,
                mtime_ns: 0,
                sha256: FOLDER.into(),
            };
            return Some((rel(), stamp));
        };
        // Through a link, as the build reads it.
        let stat = match stat {
            Some(stat) if !stat.link => stat,
            _ => Stat::of(&fs::metadata(path).ok()?),
        };
        let rel = rel();
        let (size, mtime_ns) = (stat.size, stat.mtime_ns);
        let known = previous.and_then(|m| {
            let old = m.inputs.get(&rel)?;
            let racy = old.mtime_ns + RACY_NS >= m.scanned_ns;
            (old.size == size && old.mtime_ns == mtime_ns && !racy).then(|| old.clone())
        });
        let stamp = known.unwrap_or_else(|| Stamp {
            size,
            mtime_ns,
            // A FIFO or a device is never read here (it may never end) nor trusted.
            sha256: match stat.file {
                true => hash(path),
                false => UNKNOWN.into(),
            },
        });
        Some((rel, stamp))
    };
    let mut stamps: Vec<(String, Stamp)> = std::iter::once(root.join(layout::CONFIG_FILE))
        .chain(extra.iter().cloned())
        .collect::<Vec<_>>()
        .par_iter()
        .filter_map(|p| stamp(p, false, None))
        .collect();
    let trees: Vec<Vec<(String, Stamp)>> = [layout::CONTENT_DIR, layout::TEMPLATES_DIR]
        .par_iter()
        .map(|dir| {
            walk(
                &root.join(dir),
                false,
                Statted::Files,
                &|p: &Path, folder, stat| Ok(stamp(p, folder, stat)),
            )
            .unwrap_or_default()
        })
        .collect();
    stamps.extend(trees.into_iter().flatten());
    sorted(stamps)
}

/// A map of `stamps`, sorted in parallel first: a map built from sorted entries is built
/// in one pass, where inserting them one by one compares each long path many times.
fn sorted(mut stamps: Vec<(String, Stamp)>) -> BTreeMap<String, Stamp> {
    stamps.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    stamps.into_iter().collect()
}

/// The output as a build left it: each folder with its modification time and the names of
/// its files; `None` when there is no output, or a part of it could not be listed or its
/// folders statted. Files are not statted: a folder's time changes when a file is added
/// to it, removed or renamed, and that is what is compared. Run on the scan's pool.
pub(super) fn output(target: &Path) -> Option<BTreeMap<String, Folder>> {
    if !target.is_dir() {
        return None;
    }
    let rel = |path: &Path| -> Option<String> {
        Some(
            path.strip_prefix(target)
                .ok()?
                .to_string_lossy()
                .into_owned(),
        )
    };
    let entries = walk(
        target,
        true,
        Statted::Folders,
        &|path: &Path, folder, stat| {
            let rel = rel(path).ok_or(())?;
            match (folder, stat) {
                (true, Some(stat)) => Ok(Some((rel, Some(stat.mtime_ns)))),
                (true, None) => Err(()),
                (false, _) => Ok(Some((rel, None))),
            }
        },
    )?;
    let mut folders: BTreeMap<String, Folder> = BTreeMap::new();
    let mut files = Vec::new();
    for (rel, mtime) in entries {
        match mtime {
            Some(mtime_ns) => folders.entry(rel).or_default().mtime_ns = mtime_ns,
            None => files.push(rel),
        }
    }
    files.par_sort_unstable();
    for file in files {
        let (dir, name) = match file.rsplit_once('/') {
            Some((dir, name)) => (dir.to_owned(), name.to_owned()),
            None => (String::new(), file),
        };
        folders.entry(dir).or_default().files.push(name);
    }
    Some(folders)
}

/// Whether every folder of `recorded` is in `target` with its recorded modification time
/// (so no file was added to it, removed or renamed since): a `stat` per folder, not per file.
pub(super) fn output_as_recorded(target: &Path, recorded: &BTreeMap<String, Folder>) -> bool {
    target.is_dir()
        && recorded.par_iter().all(|(rel, folder)| {
            fs::symlink_metadata(target.join(rel))
                .is_ok_and(|m| m.is_dir() && mtime_ns(&m) == folder.mtime_ns)
        })
}

fn hash(path: &Path) -> String {
    match fs::read(path) {
        Ok(bytes) => Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        // Unreadable now: the build reports it.
        Err(_) => UNKNOWN.into(),
    }
}

pub(super) fn mtime_ns(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel listing sees what a sequential walk (`walkdir`, links not followed
    /// below the root) sees, and stamps a file behind a link as the build reads it.
    #[test]
    fn the_parallel_scan_lists_what_a_walk_lists() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (file, text) in [
            ("refolio.toml", "x"),
            ("content/referentials/r.yaml", "r"),
            ("content/candidates/ana/passport.yaml", "p"),
            ("content/candidates/ana/preuves/01.md", "un"),
            ("content/candidates/ana/preuves/deep/02.md", "deux"),
            ("templates/base.html", "b"),
            ("elsewhere/linked.md", "lié"),
        ] {
            fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            fs::write(root.join(file), text).unwrap();
        }
        fs::create_dir_all(root.join("content/candidates/empty")).unwrap();
        #[cfg(unix)]
        {
            let ana = root.join("content/candidates/ana");
            std::os::unix::fs::symlink(root.join("elsewhere/linked.md"), ana.join("l.md")).unwrap();
            std::os::unix::fs::symlink(root.join("elsewhere"), ana.join("linked-folder")).unwrap();
        }
        let scanned = on_pool(|| inputs(root, &[], None));
        let mut walked = vec![layout::CONFIG_FILE.to_owned()];
        for top in [layout::CONTENT_DIR, layout::TEMPLATES_DIR] {
            walked.extend(
                walkdir::WalkDir::new(root.join(top))
                    .into_iter()
                    .map(|e| e.unwrap().path().strip_prefix(root).unwrap().to_owned())
                    .map(|p| p.to_string_lossy().into_owned()),
            );
        }
        walked.sort();
        assert_eq!(scanned.keys().cloned().collect::<Vec<_>>(), walked);
        assert_eq!(scanned["content/candidates/empty"].sha256, FOLDER);
        #[cfg(unix)]
        {
            let linked = &scanned["content/candidates/ana/l.md"];
            assert_eq!(linked.size, "lié".len() as u64);
            assert_eq!(linked.sha256, hash(&root.join("elsewhere/linked.md")));
            // A link to a folder is not followed, nor trusted.
            let folder = &scanned["content/candidates/ana/linked-folder"];
            assert_eq!(folder.sha256, UNKNOWN);
        }
        let out = on_pool(|| output(&root.join("content"))).unwrap();
        assert_eq!(out["candidates/ana/preuves/deep"].files, ["02.md"]);
        assert!(
            out["candidates/ana"]
                .files
                .contains(&"passport.yaml".to_owned())
        );
        assert!(out["candidates/empty"].files.is_empty());
        assert_eq!(on_pool(|| output(&root.join("missing"))), None);
    }
}
