//! The URL map of the built site: where every page and file lives (relative to the site
//! root), the anchors that must match across pages, and the relative link from one page to
//! another. Pages, links and search entries ask here rather than spell a path, so that a
//! page can move by changing one function.

use crate::model::{Candidate, Referential, Session, anchor};

/// A folder's page.
pub const INDEX: &str = "index.html";

pub const STYLESHEET: &str = "style.css";
pub const HIGHLIGHT: &str = "highlight.css";
pub const HOME: &str = INDEX;
pub const SEARCH: &str = "search.html";
pub const SEARCH_SCRIPT: &str = "search.js";
/// The accessibility declaration, linked from every page's footer.
pub const ACCESSIBILITY: &str = "accessibility.html";

/// The candidates' folder: the jury index, the dossiers, the sessions.
const CANDIDATES: &str = "candidates";
pub const JURY: &str = "candidates/index.html";
pub const REPORT_INDEX: &str = "candidates/index.json";

/// Where the jury sessions' pages live: inside the candidates' folder, so that a site
/// without candidates has none and a referential cannot be named like it. A candidate's
/// slug cannot be `sessions` (see `Project`).
pub const SESSIONS_DIR: &str = "candidates/sessions";
pub const SESSIONS: &str = "candidates/sessions/index.html";

/// The public half of the key that signs the credentials (SPKI PEM).
pub const ISSUER_KEY: &str = "candidates/sessions/issuer-key.pem";

/// The page of folder `dir`.
pub fn index_of(dir: &str) -> String {
    format!("{dir}/{INDEX}")
}

/// A file of referential `r`'s folder (`referential.json`, `badges/b1.json`…).
pub fn referential_file(r: &Referential, file: &str) -> String {
    format!("{}/{file}", r.id)
}

/// A referential's table.
pub fn referential_page(r: &Referential) -> String {
    referential_file(r, INDEX)
}

/// The page of competence `id` of `r`.
pub fn competence_page(r: &Referential, id: &str) -> String {
    referential_file(r, &in_folder::competence_page(id))
}

/// An item's row in its referential's table: the fragment of [`referential_page`].
pub fn table_row(r: &Referential, id: &str) -> String {
    referential_file(r, &in_folder::table_row(id))
}

/// The anchor of an item's row (or cell) in its referential's table.
pub fn table_anchor(id: &str) -> String {
    anchor(id)
}

/// Paths inside a referential's folder, as its exports name them.
pub mod in_folder {
    use super::{INDEX, anchor, table_anchor};

    /// The referential's table.
    pub const TABLE: &str = INDEX;

    pub fn competence_page(id: &str) -> String {
        format!("competences/{}.html", anchor(id))
    }

    pub fn table_row(id: &str) -> String {
        format!("{INDEX}#{}", table_anchor(id))
    }
}

/// Where items of one referential live, relative to the page being rendered: its table
/// (`<id>/index.html`) or a competence page (`<id>/competences/<anchor>.html`).
#[derive(Clone, Copy)]
pub enum Place {
    /// The referential's table page.
    Table,
    /// A competence page, one folder below.
    CompetencePage,
}

impl Place {
    /// URL of an anchor in the table page.
    pub fn table(self, id: &str) -> String {
        match self {
            // The same page: the fragment alone.
            Place::Table => format!("#{}", table_anchor(id)),
            Place::CompetencePage => format!("{}#{}", self.referential_page(), table_anchor(id)),
        }
    }

    /// URL of a competence page.
    pub fn competence_page(self, id: &str) -> String {
        match self {
            Place::Table => in_folder::competence_page(id),
            Place::CompetencePage => format!("{}.html", anchor(id)),
        }
    }

    /// URL of the table page.
    pub fn referential_page(self) -> String {
        match self {
            Place::Table => INDEX.to_owned(),
            Place::CompetencePage => format!("../{INDEX}"),
        }
    }
}

/// Where a candidate's pages live in the built site.
pub fn dossier_dir(c: &Candidate) -> String {
    format!("{CANDIDATES}/{}", c.slug)
}

/// The search index of a referential, and of a candidate (dossier and evidence).
pub fn referential_search_index(r: &Referential) -> String {
    referential_file(r, SEARCH_INDEX)
}

pub fn candidate_search_index(c: &Candidate) -> String {
    format!("{}/{SEARCH_INDEX}", dossier_dir(c))
}

const SEARCH_INDEX: &str = "search-index.js";

/// A candidate's report for tools.
pub fn report(c: &Candidate) -> String {
    format!("{}/report.json", dossier_dir(c))
}

/// A candidate's dossier bilan.
pub fn dossier_page(c: &Candidate) -> String {
    index_of(&dossier_dir(c))
}

/// A competence's section in a dossier: prefixed, so that it cannot clash with the
/// dossier's own anchors (`summary`, `gaps`…).
pub fn dossier_competence_anchor(id: &str) -> String {
    format!("c-{}", anchor(id))
}

/// A criterion's entry in its bloc's list of indicators in a dossier, prefixed likewise.
pub fn dossier_criterion_anchor(id: &str) -> String {
    format!("i-{}", anchor(id))
}

/// A bloc's section in a dossier, prefixed likewise.
pub fn dossier_bloc_anchor(id: &str) -> String {
    format!("b-{}", anchor(id))
}

/// From a dossier bilan to the site root: every dossier is `candidates/<slug>/index.html`,
/// and a slug is a single path segment.
pub const DOSSIER_ROOT: &str = "../../";

/// The page of an evidence file, relative to the site root.
pub fn evidence_path(c: &Candidate, stem: &str) -> String {
    format!("{}/{stem}.html", dossier_dir(c))
}

/// The absolute URL of `path` (relative to the site root) on a site published at
/// `base_url` (with or without trailing slash); `None` without one.
pub fn absolute(base_url: Option<&str>, path: &str) -> Option<String> {
    let base = base_url.map(str::trim).filter(|b| !b.is_empty())?;
    Some(format!("{}/{path}", base.trim_end_matches('/')))
}

/// `../` repeated once per folder of `path` (relative to the site root): the way from a
/// page back to the root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The relative link from page `from` to `to` (both relative to the site root, `to`
/// maybe with a fragment).
pub fn link(from: &str, to: &str) -> String {
    format!("{}{to}", root_of(from))
}

/// The shortest relative link from page `from` to `to` (both relative to the site root,
/// `to` maybe with a fragment): `candidates/x/preuves/a.html` → `candidates/x/index.html`
/// is `../index.html`.
pub fn relative(from: &str, to: &str) -> String {
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let from: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let target: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&target[..target.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&target[common..].join("/"));
    out
}

/// The link to item `id`'s row in its referential's table, from a page `root` away from the
/// site root (`""`, `"../../"`…).
pub fn table_href(root: &str, r: &Referential, id: &str) -> String {
    format!("{root}{}", table_row(r, id))
}

/// The folder of a session's procès-verbal and lists.
pub fn session_dir(s: &Session) -> String {
    format!("{SESSIONS_DIR}/{}", s.id)
}

/// A session's procès-verbal.
pub fn minutes_page(s: &Session) -> String {
    index_of(&session_dir(s))
}

/// A session's list of the certified, as a page (`html`) or CSV (`csv`).
pub fn session_certified(s: &Session, ext: &str) -> String {
    format!("{}/certified.{ext}", session_dir(s))
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

/// The last segment of `path`: a link between two files of one folder.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_to_the_root_then_descend() {
        assert_eq!(link(HOME, "r/index.html#b1"), "r/index.html#b1");
        assert_eq!(link(JURY, HOME), "../index.html");
        assert_eq!(
            link("candidates/x/preuves/a.html", "r/index.html"),
            "../../../r/index.html"
        );
        assert_eq!(root_of(&index_of("candidates/x")), DOSSIER_ROOT);
        assert_eq!(file_name("candidates/sessions/certified-r"), "certified-r");
        assert_eq!(
            absolute(Some(" https://example.org/site/ "), HOME).as_deref(),
            Some("https://example.org/site/index.html")
        );
        assert_eq!(absolute(Some(""), HOME), None);
        assert_eq!(absolute(None, HOME), None);
        let evidence = "candidates/x/preuves/a.html";
        assert_eq!(
            relative(evidence, "candidates/x/index.html#c-1"),
            "../index.html#c-1"
        );
        assert_eq!(
            relative(evidence, "candidates/x/annexes/a.pdf"),
            "../annexes/a.pdf"
        );
        assert_eq!(relative(evidence, "candidates/x/preuves/b.pdf"), "b.pdf");
        assert_eq!(
            relative("candidates/x/a.html", "candidates/x/a.pdf"),
            "a.pdf"
        );
        assert_eq!(relative(HOME, "r/index.html"), "r/index.html");
        assert_eq!(relative(JURY, "candidates/preuves"), "preuves");
    }
}
