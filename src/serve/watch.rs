//! Watch: file-system events on the site's sources — `refolio.toml`, `content/` and
//! `templates/` — debounced so a burst (an editor's save, a folder copied in) arrives as one
//! batch, and folded into [`ChangeKind`]s. Nothing under the output folder is watched.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::Error;
use crate::incremental::ChangeKind;

/// Quiet time after an event before its batch is delivered: long enough to coalesce an
/// editor's write-rename-delete, short enough not to be noticed.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// What arrived since the last batch.
#[derive(Debug, Default)]
pub struct Batch {
    pub changes: BTreeSet<ChangeKind>,
    /// Watcher errors, for the terminal.
    pub problems: Vec<String>,
}

/// A running watcher over one site.
pub struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
}

impl Watch {
    pub fn start(root: &Path) -> Result<Watch, Error> {
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let (tx, events) = channel();
        let debouncer = new_debouncer(DEBOUNCE, None, tx)
            .map_err(|e| Error::Usage(format!("cannot watch `{}`: {e}", root.display())))?;
        let mut watch = Watch {
            debouncer,
            events,
            root,
        };
        watch
            .debouncer
            .watch(&watch.root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Usage(format!("cannot watch `{}`: {e}", watch.root.display())))?;
        watch.watch_folders();
        Ok(watch)
    }

    /// Watches `content/` and `templates/` when they exist (again after they appear).
    fn watch_folders(&mut self) {
        for folder in [crate::layout::CONTENT_DIR, crate::layout::TEMPLATES_DIR] {
            let path = self.root.join(folder);
            if path.is_dir() {
                // Watching a watched folder again is harmless; a failure shows as no events.
                let _ = self.debouncer.watch(&path, RecursiveMode::Recursive);
            }
        }
    }

    /// Waits for the next batch of changes that concern the site; `None` when the watcher
    /// stopped.
    pub fn wait(&mut self) -> Option<Batch> {
        loop {
            let mut batch = Batch::default();
            let first = self.events.recv().ok()?;
            // Everything already queued joins this batch.
            for result in std::iter::once(first).chain(self.events.try_iter()) {
                match result {
                    Ok(events) => {
                        // Reading a file is not changing it (refolio's own reads included).
                        let changes = events
                            .iter()
                            .filter(|e| !matches!(e.kind, EventKind::Access(_)));
                        for path in changes.flat_map(|e| &e.paths) {
                            let rel = path.strip_prefix(&self.root).unwrap_or(path);
                            batch.changes.extend(ChangeKind::classify(rel));
                        }
                    }
                    Err(errors) => batch
                        .problems
                        .extend(errors.iter().map(ToString::to_string)),
                }
            }
            if batch
                .changes
                .iter()
                .any(|c| matches!(c, ChangeKind::Tree | ChangeKind::Templates))
            {
                self.watch_folders();
            }
            if !batch.changes.is_empty() || !batch.problems.is_empty() {
                return Some(batch);
            }
        }
    }
}
