//! Incremental work: what a change to the site's sources is ([`ChangeKind`], folded from
//! file-system events by `serve`), and what a page may depend on ([`Change`]: a source
//! change, or a candidate's standing derived from the sources). The project reloads what a
//! `ChangeKind` names; the render plan rewrites the pages a `Change` reaches.

use std::path::Path;

use crate::layout::{
    CANDIDATES, CANDIDATES_DIR, CONFIG_FILE, CONTENT_DIR, PASSPORT_FILE, REFERENTIALS,
    REFERENTIALS_DIR, SESSIONS, SESSIONS_DIR, STRINGS_FILE, STYLESHEET_FILE, TEMPLATES_DIR,
    is_editor_temporary,
};

/// A change to the site's sources, folded from file-system events into what it means for
/// the site. Names are as found on disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// `refolio.toml`: everything depends on it.
    Config,
    /// A content folder itself appeared or went: everything is read again.
    Tree,
    /// The `templates/` folder itself appeared or went.
    Templates,
    /// A page template in `templates/`, by name (`base.html`, `partials/modality.html`).
    Template(String),
    /// `templates/strings.toml`.
    Strings,
    /// `templates/style.css`.
    Stylesheet,
    /// An entry of the referentials folder, by file name.
    Referential(String),
    /// A candidate folder itself, or its passport.
    Candidate(String),
    /// An evidence file: the candidate folder and the stem inside it (`preuves/01-devis`).
    Evidence(String, String),
    /// Any other file in a candidate folder (attachments).
    Asset(String),
    /// A jury session file, by file name.
    Session(String),
}

/// What a page may depend on: a change of the sources, or a fact derived from them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    Source(ChangeKind),
    /// A candidate's coverage, gaps or decision changed (by folder name), as
    /// `Project::apply` finds: lists of candidates show them.
    Standing(String),
}

impl ChangeKind {
    /// What a change to `rel` (relative to the site root) means; `None` for files refolio
    /// does not read (editor temporaries, hidden files, anything outside its folders).
    pub fn classify(rel: &Path) -> Option<ChangeKind> {
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let hidden = parts
            .iter()
            .any(|p| p.starts_with('.') || is_editor_temporary(p));
        if hidden || parts.is_empty() {
            return None;
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        Some(match parts.as_slice() {
            [CONFIG_FILE] => ChangeKind::Config,
            // A whole folder appearing or going: its files are what matter, so rescan them.
            [CONTENT_DIR] | [CONTENT_DIR, REFERENTIALS | CANDIDATES] => ChangeKind::Tree,
            // Sessions are read again after every change: the folder is just its files.
            [CONTENT_DIR, SESSIONS] => ChangeKind::Session(String::new()),
            [CONTENT_DIR, SESSIONS, name] => ChangeKind::Session((*name).to_owned()),
            [TEMPLATES_DIR] => ChangeKind::Templates,
            [TEMPLATES_DIR, STYLESHEET_FILE] => ChangeKind::Stylesheet,
            [TEMPLATES_DIR, STRINGS_FILE] => ChangeKind::Strings,
            [TEMPLATES_DIR, rest @ ..] if rest.last()?.ends_with(".html") => {
                ChangeKind::Template(rest.join("/"))
            }
            [CONTENT_DIR, REFERENTIALS, name] => ChangeKind::Referential((*name).to_owned()),
            [CONTENT_DIR, CANDIDATES, folder] => ChangeKind::Candidate((*folder).to_owned()),
            [CONTENT_DIR, CANDIDATES, folder, PASSPORT_FILE] => {
                ChangeKind::Candidate((*folder).to_owned())
            }
            [CONTENT_DIR, CANDIDATES, folder, rest @ ..] => {
                let path = rest.join("/");
                match path.strip_suffix(".md") {
                    Some(stem) => ChangeKind::Evidence((*folder).to_owned(), stem.to_owned()),
                    None => ChangeKind::Asset((*folder).to_owned()),
                }
            }
            _ => return None,
        })
    }

    /// The file or folder changed, relative to the site root, as `serve` names it: the
    /// inverse of [`ChangeKind::classify`].
    pub fn describe(&self) -> String {
        match self {
            ChangeKind::Config => CONFIG_FILE.to_owned(),
            ChangeKind::Tree => "a content folder".to_owned(),
            ChangeKind::Templates => format!("{TEMPLATES_DIR}/"),
            ChangeKind::Template(name) => format!("{TEMPLATES_DIR}/{name}"),
            ChangeKind::Strings => format!("{TEMPLATES_DIR}/{STRINGS_FILE}"),
            ChangeKind::Stylesheet => format!("{TEMPLATES_DIR}/{STYLESHEET_FILE}"),
            ChangeKind::Referential(name) => format!("{REFERENTIALS_DIR}/{name}"),
            ChangeKind::Candidate(c) => format!("{CANDIDATES_DIR}/{c}/"),
            ChangeKind::Evidence(c, stem) => format!("{CANDIDATES_DIR}/{c}/{stem}.md"),
            ChangeKind::Asset(c) => format!("a file of {CANDIDATES_DIR}/{c}/"),
            ChangeKind::Session(name) => format!("{SESSIONS_DIR}/{name}"),
        }
    }

    /// The candidate folder this change is inside, if any.
    pub fn candidate(&self) -> Option<&str> {
        match self {
            ChangeKind::Candidate(c) | ChangeKind::Evidence(c, _) | ChangeKind::Asset(c) => Some(c),
            _ => None,
        }
    }

    /// Whether templates, strings or the stylesheet must be reloaded.
    pub fn is_template(&self) -> bool {
        matches!(
            self,
            ChangeKind::Templates
                | ChangeKind::Template(_)
                | ChangeKind::Strings
                | ChangeKind::Stylesheet
        )
    }
}

/// The ID a referential file name gives (its stem).
pub fn referential_id(name: &str) -> &str {
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name)
}
