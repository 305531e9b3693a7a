//! Where pages live in the built site, and the links between them: the candidates' folders,
//! an evidence page's path, the relative root of a page, and the link to an item's row in
//! its referential's table. Pages and search entries ask here rather than spell a path.

use crate::model::{Candidate, Referential, anchor};

/// Where a candidate's pages live in the built site.
pub fn dossier_dir(c: &Candidate) -> String {
    format!("candidates/{}", c.slug)
}

/// From a dossier bilan to the site root: every dossier is `candidates/<slug>/index.html`,
/// and a slug is a single path segment.
pub const DOSSIER_ROOT: &str = "../../";

/// The page of an evidence file, relative to the site root.
pub fn evidence_path(c: &Candidate, stem: &str) -> String {
    format!("{}/{stem}.html", dossier_dir(c))
}

/// `../` repeated once per folder of `path` (relative to the site root).
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The link to item `id`'s row in its referential's table, from a page `root` away from the
/// site root (`""`, `"../../"`…).
pub fn table_href(root: &str, r: &Referential, id: &str) -> String {
    format!("{root}{}/index.html#{}", r.id, anchor(id))
}

/// Where the jury sessions' pages live: inside the candidates' folder, so that a site
/// without candidates has none and a referential cannot be named like it. A candidate's
/// slug cannot be `sessions` (see `Project`).
pub const SESSIONS_DIR: &str = "candidates/sessions";

/// The public half of the key that signs the credentials (SPKI PEM).
pub const ISSUER_KEY: &str = "candidates/sessions/issuer-key.pem";

/// The folder of a session's procès-verbal and lists.
pub fn session_dir(s: &crate::model::Session) -> String {
    format!("{SESSIONS_DIR}/{}", s.id)
}

/// The list of the certified of referential `r`, without extension (`.html`, `.csv`).
pub fn certified_stem(r: &Referential) -> String {
    format!("{SESSIONS_DIR}/certified-{}", r.id)
}

/// A candidate's certificate for `bloc` (index in the referential), or for the title,
/// without extension (`.html` for the page, `.json` for the credential).
pub fn certificate_stem(c: &Candidate, r: &Referential, bloc: Option<usize>) -> String {
    let name = match bloc {
        None => "certification".to_owned(),
        Some(b) => match anchor(&r.blocs[b].id) {
            a if a == "certification" => format!("bloc-{a}"),
            a => a,
        },
    };
    format!("{}/certificates/{name}", dossier_dir(c))
}
