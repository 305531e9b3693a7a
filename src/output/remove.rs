//! Removing a built site: a million files on the national site, whose `unlink` calls wait on
//! the disk. Folders are emptied by many threads at once, on a pool of their own (the
//! build's pool has one thread per core), so that many requests are in flight; links are
//! removed, never followed.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

/// Requests in flight: enough to keep a disk's queue full, few enough to cost nothing.
const THREADS: usize = 16;

/// Runs `work` on a pool of [`THREADS`] threads meant for file system calls (on the
/// caller's pool if that one cannot be made).
pub fn on_io_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(THREADS)
        .thread_name(|i| format!("refolio-io-{i}"))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Removes `dir` and everything under it, as [`fs::remove_dir_all`] does, the folders
/// emptied in parallel. What is already gone is no error.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    on_io_pool(|| empty(dir))?;
    gone(fs::remove_dir(dir))
}

fn empty(dir: &Path) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        listed => listed?,
    };
    let mut folders = Vec::new();
    for e in entries {
        let e = e?;
        // The listing's type is the entry's own: a link to a folder is not a folder.
        if e.file_type()?.is_dir() {
            folders.push(e.path());
        } else {
            gone(fs::remove_file(e.path()))?;
        }
    }
    folders.par_iter().try_for_each(|f| {
        empty(f)?;
        gone(fs::remove_dir(f))
    })
}

/// `result`, or no error when it failed because the path no longer exists.
fn gone(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_is_removed_and_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let kept = dir.path().join("kept");
        fs::create_dir_all(&kept).unwrap();
        fs::write(kept.join("page.html"), "gardé").unwrap();
        for i in 0..40 {
            let folder = site.join(format!("candidates/c{i}/preuves"));
            fs::create_dir_all(&folder).unwrap();
            fs::write(folder.join("01.html"), "x").unwrap();
            fs::write(folder.join("../index.html"), "y").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&kept, site.join("candidates/link")).unwrap();
        remove_tree(&site).unwrap();
        assert!(!site.exists());
        assert_eq!(fs::read_to_string(kept.join("page.html")).unwrap(), "gardé");
        // Already gone: nothing to do, no error.
        remove_tree(&site).unwrap();
    }
}
