//! Output: the single point through which every built file is written. [`Output`] is
//! implemented by a staging folder that is swapped into place atomically (a failed build
//! leaves the previous site intact; a fresh folder, or the previous generation brought up
//! to date, see [`generations`]), by a [`Patch`] of a site in place (`serve`'s
//! incremental rebuilds: staged, then moved in) and by an in-memory map for tests and
//! previews. Paths are checked here once, so nothing can be written outside the output
//! folder.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::Error;

pub mod generations;
pub mod remove;
pub mod sweep;

/// A file left in every built site so refolio can tell its own output from a folder it must
/// not replace.
pub const MARKER: &str = ".refolio-output";

/// Where built files go. `path` is relative, `/`-separated. Pages are rendered on several
/// threads, each writing its own files: a write takes `&self`.
pub trait Output: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error>;
}

/// Rejects absolute paths, `..`, empty segments and backslashes.
pub fn check_relative(path: &str) -> Result<&Path, Error> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && !path.contains('\\')
        && path.split('/').all(|s| !s.is_empty())
        && p.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(p)
    } else {
        Err(Error::Usage(format!(
            "refusing to write outside the output folder: `{path}`"
        )))
    }
}

/// Built files kept in memory, by path. Written to through a `Mutex`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MemoryOutput {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output for Mutex<MemoryOutput> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        check_relative(path)?;
        let mut out = self.lock().unwrap_or_else(PoisonError::into_inner);
        out.files.insert(path.to_owned(), bytes.to_vec());
        Ok(())
    }
}

/// The folders a writer has made, so each is made once: asking the kernel for every file
/// (a `mkdir` that fails, then a `stat`) was two of the five system calls a page cost.
#[derive(Default)]
struct Folders(Mutex<HashSet<PathBuf>>);

impl Folders {
    /// Makes `file`'s parent folder and those above it, unless made already.
    fn make_parent(&self, file: &Path) -> Result<(), Error> {
        let Some(parent) = file.parent() else {
            return Ok(());
        };
        // A panic elsewhere cannot leave the set half-written: entries are inserted whole.
        let mut made = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if !made.contains(parent) {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            made.insert(parent.to_path_buf());
        }
        Ok(())
    }
}

/// A folder beside the output folder, published by renaming it into place: a fresh
/// temporary folder, or the previous generation brought up to date (see [`generations`]).
pub struct Staging {
    /// Where the site is being written.
    dir: PathBuf,
    hold: Hold,
    target: PathBuf,
    /// The site being replaced, if any: its files that come out the same are linked, not
    /// written again.
    previous: Option<PathBuf>,
    folders: Folders,
    /// Set when the site replaced is to be kept as the next previous generation: the paths
    /// written (not linked) so far, and those gone since the site replaced.
    keeping: Option<(generations::Keeping, Mutex<Vec<String>>)>,
}

/// What a [`Staging`] holds its folder by.
enum Hold {
    /// A temporary folder of its own, marked as this process's.
    Fresh {
        dir: tempfile::TempDir,
        lock: fs::File,
    },
    /// The previous generation, locked and unrecorded.
    Generation(generations::Generation),
}

/// Test-only hook, for the tests that kill a build at a given point (documented in
/// docs/security.md): with `REFOLIO_TEST_PAUSE=<point>` the process says so on standard
/// error and waits there until it is killed.
fn pause_for_tests(point: &str) {
    if std::env::var_os("REFOLIO_TEST_PAUSE").is_some_and(|v| v == point) {
        eprintln!("refolio: paused at {point} (REFOLIO_TEST_PAUSE)");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

/// The folder holding `target`, `.` for a bare name.
fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A site moved aside by [`replace`], in a folder of its own marked as this process's (so
/// that, if it dies before the new site is in place, the next build puts it back).
struct Aside {
    _dir: tempfile::TempDir,
    _lock: fs::File,
    site: PathBuf,
}

/// Moves the folder `staged` into `target`'s place: `target` first aside (a rename onto a
/// non-empty folder fails), then `staged` in; `release` gives `staged` up just before.
/// On failure the previous site is put back. Returns the site moved aside, if there was one.
fn replace(
    target: &Path,
    staged: &Path,
    release: impl FnOnce() -> Result<(), Error>,
) -> Result<Option<Aside>, Error> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| Error::io(&p, e)
    };
    if !target.exists() {
        release()?;
        fs::rename(staged, target).map_err(io(target))?;
        return Ok(None);
    }
    let parent = parent_of(target);
    let old = tempfile::Builder::new()
        .prefix(".refolio-old-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    let held = sweep::claim(old.path(), &name_of(target))?;
    let aside = old.path().join("site");
    fs::rename(target, &aside).map_err(io(target))?;
    pause_for_tests("aside");
    if let Err(e) = release() {
        let _ = fs::rename(&aside, target);
        return Err(e);
    }
    if let Err(e) = fs::rename(staged, target) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&aside, target);
        return Err(Error::io(target, e));
    }
    Ok(Some(Aside {
        _dir: old,
        _lock: held,
        site: aside,
    }))
}

impl Staging {
    /// Prepares to build into `target`. Refuses a `target` that exists, is not empty and was
    /// not written by refolio, so a wrong `--output-dir` cannot wipe someone's folder.
    pub fn new(target: &Path) -> Result<Staging, Error> {
        let parent = parent_of(target);
        // First what killed builds left, which may put a previous site back in place.
        sweep::sweep(&parent, target);
        if target.exists() && !is_replaceable(target)? {
            return Err(Error::Usage(format!(
                "refusing to replace `{}`: it is not empty and was not built by refolio (no `{MARKER}` file); remove it or choose another --output-dir",
                target.display()
            )));
        }
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = name_of(target);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.refolio-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        let lock = sweep::claim(dir.path(), &name)?;
        Ok(Staging {
            dir: dir.path().to_path_buf(),
            hold: Hold::Fresh { dir, lock },
            target: target.to_path_buf(),
            previous: target.is_dir().then(|| target.to_path_buf()),
            folders: Folders::default(),
            keeping: None,
        })
    }

    /// For a partial build into `target` (a site refolio built, as the build cache
    /// recorded it): the previous generation `trusted`, if it can be taken, else a fresh
    /// folder; either way the site replaced is kept as the next previous generation.
    pub fn partial(
        target: &Path,
        trusted: Option<generations::Trusted>,
        keeping: generations::Keeping,
    ) -> Result<Staging, Error> {
        let keeping = generations::SUPPORTED.then(|| (keeping, Mutex::default()));
        if target.is_dir()
            && let Some(generation) = trusted.and_then(generations::Trusted::take)
        {
            return Ok(Staging {
                dir: generation.dir.clone(),
                hold: Hold::Generation(generation),
                target: target.to_path_buf(),
                previous: Some(target.to_path_buf()),
                folders: Folders::default(),
                keeping,
            });
        }
        Ok(Staging {
            keeping,
            ..Staging::new(target)?
        })
    }

    /// Whether this build updates the previous generation (rather than a fresh folder).
    pub fn reuses_generation(&self) -> bool {
        matches!(self.hold, Hold::Generation(_))
    }

    /// Whether the paths gone since the site replaced are wanted ([`Staging::forget`]).
    pub fn keeps_previous(&self) -> bool {
        self.keeping.is_some()
    }

    /// Moves the staged site into place, replacing the previous one.
    pub fn publish(self) -> Result<(), Error> {
        pause_for_tests("publish");
        self.write(MARKER, b"built by refolio\n")?;
        let kept = self.keeping.map(|(k, changed)| {
            (
                k,
                changed.into_inner().unwrap_or_else(PoisonError::into_inner),
            )
        });
        let (dir, lock) = match self.hold {
            Hold::Generation(generation) => {
                let Some((keeping, changed)) = kept else {
                    return Err(Error::Usage(
                        "a previous generation without its record".into(),
                    ));
                };
                return generations::publish(&self.target, generation, keeping, changed);
            }
            Hold::Fresh { dir, lock } => (dir, lock),
        };
        // Marked until the very rename that publishes it (a killed build's staging folder is
        // swept, the lock file must not end up in the site); if publishing fails it stays
        // marked, so the next build sweeps it.
        let staged = dir.keep();
        let old = match replace(&self.target, &staged, || sweep::release(&staged, lock)) {
            Ok(old) => old,
            Err(e) => {
                let _ = fs::remove_dir_all(&staged);
                return Err(e);
            }
        };
        // The previous generation, if any, no longer goes with the live site.
        let free = generations::discard(&self.target);
        if let Some(old) = old {
            let kept = match kept {
                Some((keeping, changed)) if free => {
                    generations::keep(&self.target, &old.site, keeping, changed).is_ok()
                }
                _ => false,
            };
            if !kept {
                // Removed many folders at once (dropping `old` would remove it on one
                // thread: minutes on a large site).
                let _ = remove::remove_tree(&old.site);
            }
        }
        Ok(())
    }

    /// Links the previous site's file at `path` into the staged site, as a page that did not
    /// change (see `partial`); `false` when there is no such regular file, or the link
    /// failed: the page must then be written. In the previous generation, the live site's
    /// file is there already unless the last build changed it.
    pub fn link_previous(&self, path: &str) -> Result<bool, Error> {
        let Some(previous) = &self.previous else {
            return Ok(false);
        };
        if let Hold::Generation(g) = &self.hold
            && !g.changed.contains(path)
        {
            return Ok(true);
        }
        let rel = check_relative(path)?;
        let full = self.dir.join(rel);
        self.folders.make_parent(&full)?;
        let old = previous.join(rel);
        // A link in the output would be linked as a link: only a regular file is taken.
        let regular = fs::symlink_metadata(&old).is_ok_and(|m| m.is_file());
        Ok(regular && generations::link_replacing(&old, &full).is_ok())
    }

    /// Says which paths of the site replaced this build does not make (`gone`), and which
    /// it makes (`made`): removed from the previous generation, with the paths the last
    /// build changed that this one does not make; recorded for the next one.
    pub fn forget(&self, gone: Vec<String>, made: &HashSet<&str>) -> Result<(), Error> {
        if let Hold::Generation(g) = &self.hold {
            let stale = g.changed.iter().filter(|p| !made.contains(p.as_str()));
            for path in gone.iter().chain(stale) {
                let full = self.dir.join(check_relative(path)?);
                match fs::remove_file(&full) {
                    Ok(()) => prune_empty(&self.dir, &full),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(&full, e)),
                }
            }
        }
        if let Some((_, changed)) = &self.keeping {
            let mut changed = changed.lock().unwrap_or_else(PoisonError::into_inner);
            changed.extend(gone);
        }
        Ok(())
    }
}

impl Output for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let rel = check_relative(path)?;
        let full = self.dir.join(rel);
        self.folders.make_parent(&full)?;
        if let Some(previous) = &self.previous {
            let old = previous.join(rel);
            // A file that comes out the same is left untouched: the new site gets the very
            // same file (same inode, same modification time), so what publishes the site
            // elsewhere sees only what changed. Never written to afterwards: a write replaces
            // the link instead (below), so the previous site cannot change.
            if holds(&old, bytes) && generations::link_replacing(&old, &full).is_ok() {
                return Ok(());
            }
        }
        write_new(&full, bytes).map_err(|e| Error::io(&self.target.join(path), e))?;
        if let Some((_, changed)) = &self.keeping {
            let mut changed = changed.lock().unwrap_or_else(PoisonError::into_inner);
            changed.push(path.to_owned());
        }
        Ok(())
    }
}

/// Writes `bytes` to a new file at `path`, replacing (not writing through) what is there: a
/// file there may be a link to the previous site's.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let create = || fs::File::create_new(path);
    let mut file = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Whether `file` is a regular file (not a link to elsewhere) holding exactly `bytes`.
fn holds(file: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(file).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(file).is_ok_and(|b| b == bytes)
}

/// Changes to a site already in place: new files are staged beside it, then moved in, and
/// files that are gone removed, once every file was rendered — a failure while rendering
/// leaves the site as it was.
pub struct Patch {
    dir: tempfile::TempDir,
    _lock: fs::File,
    target: PathBuf,
    staged: Mutex<Vec<String>>,
    folders: Folders,
}

impl Patch {
    /// `target` must be a folder refolio built (it has the marker file).
    pub fn new(target: &Path) -> Result<Patch, Error> {
        if !target.join(MARKER).is_file() {
            return Err(Error::Usage(format!(
                "`{}` is not a site built by refolio",
                target.display()
            )));
        }
        let parent = parent_of(target);
        sweep::sweep(&parent, target);
        let dir = tempfile::Builder::new()
            .prefix(".refolio-patch-")
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        let _lock = sweep::claim(dir.path(), &name_of(target))?;
        Ok(Patch {
            dir,
            _lock,
            target: target.to_path_buf(),
            staged: Mutex::default(),
            folders: Folders::default(),
        })
    }

    /// Moves every staged file into place, then deletes `removed` (paths relative to the
    /// site) and the folders they leave empty.
    pub fn apply(self, removed: &[String]) -> Result<(), Error> {
        for path in removed {
            let full = self.target.join(check_relative(path)?);
            match fs::remove_file(&full) {
                Ok(()) => prune_empty(&self.target, &full),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&full, e)),
            }
        }
        let staged = self
            .staged
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        for path in &staged {
            let to = self.target.join(path);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            // A rename replaces the file atomically: the server never sees half of it.
            fs::rename(self.dir.path().join(path), &to).map_err(|e| Error::io(&to, e))?;
        }
        Ok(())
    }
}

impl Output for Patch {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let full = self.dir.path().join(check_relative(path)?);
        self.folders.make_parent(&full)?;
        fs::write(&full, bytes).map_err(|e| Error::io(&self.target.join(path), e))?;
        let mut staged = self.staged.lock().unwrap_or_else(PoisonError::into_inner);
        staged.push(path.to_owned());
        Ok(())
    }
}

/// Removes the folders between `file` and `root` that are left empty.
fn prune_empty(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        // Fails, as intended, on the first folder that still holds something.
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn is_replaceable(target: &Path) -> Result<bool, Error> {
    if !target.is_dir() {
        return Ok(false);
    }
    let mut entries = fs::read_dir(target).map_err(|e| Error::io(target, e))?;
    Ok(entries.next().is_none() || target.join(MARKER).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_only() {
        assert!(check_relative("a/b.html").is_ok());
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a\\b",
            "./a",
        ] {
            assert!(matches!(check_relative(bad), Err(Error::Usage(_))), "{bad}");
        }
    }

    #[test]
    fn publish_replaces_previous_site_and_refuses_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let s = Staging::new(&target).unwrap();
        s.write("a.html", b"1").unwrap();
        s.publish().unwrap();
        let s = Staging::new(&target).unwrap();
        s.write("b.html", b"2").unwrap();
        s.publish().unwrap();
        assert!(!target.join("a.html").exists());
        assert_eq!(fs::read(target.join("b.html")).unwrap(), b"2");
        // Nothing but the site is left beside it.
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);

        // A file that comes out the same is the same file; one that changed is new, and the
        // site it replaces is not changed by the build.
        use std::os::unix::fs::MetadataExt;
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        let s = Staging::new(&target).unwrap();
        s.write("b.html", b"2").unwrap();
        s.write("c.html", b"3").unwrap();
        s.publish().unwrap();
        let (b, c) = (ino(&target.join("b.html")), ino(&target.join("c.html")));
        let s = Staging::new(&target).unwrap();
        s.write("b.html", b"2").unwrap();
        s.write("c.html", b"4").unwrap();
        s.write("c.html", b"5").unwrap();
        assert_eq!(fs::read(target.join("c.html")).unwrap(), b"3");
        s.publish().unwrap();
        assert_eq!(ino(&target.join("b.html")), b);
        assert_ne!(ino(&target.join("c.html")), c);
        assert_eq!(fs::read(target.join("c.html")).unwrap(), b"5");
        // Written again after being linked: the link is replaced, the site kept.
        let s = Staging::new(&target).unwrap();
        s.write("b.html", b"2").unwrap();
        s.write("b.html", b"6").unwrap();
        drop(s);
        assert_eq!(fs::read(target.join("b.html")).unwrap(), b"2");

        let foreign = tmp.path().join("src");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("main.rs"), "fn main() {}").unwrap();
        let err = Staging::new(&foreign).err().unwrap();
        assert!(err.to_string().contains("refusing to replace"), "{err}");
    }
}
