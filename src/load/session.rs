//! Jury session files, `content/sessions/<id>.yaml`, as written: the session's date, place,
//! referential and jury, and the candidates it deliberates on with the decisions it takes.
//! IDs are not resolved here (see `model::lower_session`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::raw::S;
use super::raw_candidate::{IdMap, RawJury};
use super::{Entry, check_url_id, read_yaml, relative};
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Sources};

pub use crate::layout::SESSIONS_DIR;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    pub title: Option<S<String>>,
    pub referential: S<String>,
    pub date: S<String>,
    pub place: Option<S<String>>,
    pub jury: S<Vec<RawMember>>,
    /// Candidate folder → the decision taken, when the passport does not record it.
    pub candidates: S<IdMap<Option<RawJury>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMember {
    pub name: S<String>,
    /// `president`, `member` (the default) or `observer`.
    pub role: Option<S<String>>,
    pub quality: S<String>,
    pub qualification: Option<S<String>>,
    pub organisation: Option<S<String>>,
    /// Candidates on whom the member does not deliberate.
    #[serde(default)]
    pub recused: Vec<S<String>>,
}

/// One session file as read: its ID (the file stem) and its raw content.
#[derive(Debug)]
pub struct SessionFile {
    pub id: String,
    /// Relative to the site root.
    pub path: PathBuf,
    pub raw: RawSession,
}

/// Reads one entry of the sessions folder; `None` when it is not a usable session file
/// (reported, except for folders).
pub fn load_session(
    root: &Path,
    entry: &Entry,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<SessionFile> {
    let rel = relative(root, &entry.path);
    let Some(stem) = entry.name.strip_suffix(".yaml") else {
        if !entry.is_dir {
            diags.push(Diagnostic::warning(
                Kind::Unreadable,
                Some(Location::new(&rel, None)),
                "ignored: a jury session is a `.yaml` file",
            ));
        }
        return None;
    };
    if !entry.is_file {
        return None;
    }
    if let Err(d) = check_url_id(stem, &rel, "session file", ".yaml") {
        diags.push(d);
        return None;
    }
    let raw = read_yaml::<RawSession>(&entry.path, &rel, sources, diags)?;
    Some(SessionFile {
        id: stem.to_owned(),
        path: rel,
        raw,
    })
}
