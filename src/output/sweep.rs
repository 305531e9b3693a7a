//! Ownership of the temporary folders refolio makes beside the output folder (the staging
//! folder `.<out>.refolio-…`, the previous site moved aside `.refolio-old-…`, `serve`'s
//! `.refolio-patch-…`), so that a later build can sweep what a killed build left there, and
//! never another live build's folder.
//!
//! Each such folder holds a lock file, [`LOCK`], exclusively locked (`flock`) by the process
//! that made it for as long as the folder is in use. The kernel drops the lock when that
//! process ends, however it ends (SIGKILL included), so a folder whose lock can be taken
//! belongs to a dead build. A folder without the lock file is not refolio's, or is being
//! made or published right now, and is left alone.

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::Error;

/// The lock file in each of refolio's temporary folders.
pub const LOCK: &str = ".refolio-lock";

/// Marks `dir`, just made, as this process's own until the returned file is dropped (or
/// [`release`]d). `output` names the output folder it is for (the previous site moved
/// aside is put back into it if its build died halfway through publishing).
pub fn claim(dir: &Path, output: &str) -> Result<File, Error> {
    // Made and locked under another name, then renamed: a sweeper never sees the lock file
    // unlocked while its owner lives.
    let fresh = dir.join(".refolio-lock.new");
    let io = |e| Error::io(&fresh, e);
    let mut file = File::create(&fresh).map_err(io)?;
    file.lock().map_err(io)?;
    writeln!(
        file,
        "output={output}\npid={}\nrefolio={}",
        std::process::id(),
        env!("CARGO_PKG_VERSION")
    )
    .map_err(io)?;
    let lock = dir.join(LOCK);
    fs::rename(&fresh, &lock).map_err(|e| Error::io(&lock, e))?;
    Ok(file)
}

/// Gives `dir` up before it is renamed into place: the lock file is removed first, then
/// unlocked, so a sweeper holding the lock after this can tell (the file is gone).
pub fn release(dir: &Path, lock: File) -> Result<(), Error> {
    let path = dir.join(LOCK);
    fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    drop(lock);
    Ok(())
}

/// Removes, from `parent`, every folder left by a refolio process that is no longer running.
/// If the output folder `target` is missing and a dead build had moved it aside, it is put
/// back first, so the previous site survives a build killed while publishing. Returns the
/// folders removed. Failures to remove are not errors: the folder is tried again next time.
pub fn sweep(parent: &Path, target: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut candidates: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') && name.contains(".refolio-")
        })
        .map(|e| e.path())
        .collect();
    candidates.sort();
    let target_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut swept = Vec::new();
    for dir in candidates {
        let Some((lock, owner)) = dead_owner(&dir) else {
            continue;
        };
        let aside = dir.join("site");
        if owner == target_name && !target.exists() && aside.is_dir() {
            let _ = fs::rename(&aside, target);
        }
        // Removed while the lock is held, so no other sweeper works on it at the same time.
        if super::remove::remove_tree(&dir).is_ok() {
            swept.push(dir);
        }
        drop(lock);
    }
    swept
}

/// The lock (now held by this process) and the output name of `dir`, if `dir` is marked as
/// refolio's and its owner is dead.
fn dead_owner(dir: &Path) -> Option<(File, String)> {
    let path = dir.join(LOCK);
    let file = File::open(&path).ok()?;
    file.try_lock().ok()?;
    // Its owner removes the file before unlocking it: the lock taken on a file still in
    // place means the owner died holding it.
    let opened = file.metadata().ok()?;
    let linked = fs::symlink_metadata(&path).ok()?;
    if (opened.dev(), opened.ino()) != (linked.dev(), linked.ino()) {
        return None;
    }
    let text = fs::read_to_string(&path).ok()?;
    let owner = text
        .lines()
        .find_map(|l| l.strip_prefix("output="))?
        .to_owned();
    Some((file, owner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweeps_dead_folders_only() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        // A live one: this process holds its lock.
        let live = tmp.path().join(".public.refolio-live");
        fs::create_dir(&live).unwrap();
        let _held = claim(&live, "public").unwrap();
        // A dead one: its lock file is in place but nobody holds it.
        let dead = tmp.path().join(".public.refolio-dead");
        fs::create_dir(&dead).unwrap();
        drop(claim(&dead, "public").unwrap());
        // Not refolio's: no lock file.
        let foreign = tmp.path().join(".public.refolio-foreign");
        fs::create_dir(&foreign).unwrap();
        // A released one, about to be published: no lock file either.
        let released = tmp.path().join(".public.refolio-released");
        fs::create_dir(&released).unwrap();
        release(&released, claim(&released, "public").unwrap()).unwrap();

        assert_eq!(sweep(tmp.path(), &target), vec![dead.clone()]);
        assert!(live.join(LOCK).is_file());
        assert!(foreign.is_dir() && released.is_dir() && !dead.exists());
    }

    #[test]
    fn puts_back_a_site_moved_aside_by_a_dead_build() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let old = tmp.path().join(".refolio-old-x");
        fs::create_dir_all(old.join("site")).unwrap();
        fs::write(old.join("site/index.html"), "previous").unwrap();
        drop(claim(&old, "public").unwrap());
        assert_eq!(sweep(tmp.path(), &target), vec![old.clone()]);
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "previous"
        );
    }
}
