//! Serve: a local preview that follows the sources. The watcher folds file-system events
//! into [`ChangeKind`]s, the [`rebuild::Rebuilder`] writes only the pages they affect, and
//! the HTTP server tells open tabs to reload (or shows the errors over the page).

pub mod rebuild;

pub use crate::project::ChangeKind;
