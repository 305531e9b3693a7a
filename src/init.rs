//! `refolio init`: a new site skeleton that builds as it is — a config file, one small
//! referential showing the common case, and one candidate with one evidence file — and
//! `refolio new`, which adds a candidate or an evidence file that checks as written.
//! Templates are not copied; the embedded defaults apply until the site adds its own.
//! Nothing is ever written over an existing file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::config::CONFIG_FILE;
use crate::load::REFERENTIALS_DIR;
use crate::load::candidate::{CANDIDATES_DIR, PASSPORT_FILE};

/// The content folder: a site's own files.
const CONTENT_DIR: &str = "content";

const CONFIG: &str = r#"# refolio site configuration: see docs/content-format.md
title = "Mes référentiels"
# base_url = "https://example.org/"
language = "fr"

# The accessibility declaration (RGAA) linked from every page's footer. Without an audit
# the status must stay "none" (non conforme). See docs/content-format.md.
# [accessibility]
# entity = "Mon organisme"
# status = "none"            # none | partial | full (partial and full need audit_date)
# audit_date = 2026-11-20
# rate = 87.5                # % of the RGAA criteria met
# contact_email = "accessibilite@example.org"
"#;

const REFERENTIAL: &str = include_str!("../templates/init/exemple.yaml");
const PASSPORT: &str = include_str!("../templates/init/passport.yaml");
const EVIDENCE: &str = include_str!("../templates/init/preuve.md");

/// Creates the skeleton in `dir` (created if missing): the config, an example referential,
/// and an example candidate with one evidence file, which check as they are. Refuses a
/// folder that holds anything unless `force`, and never writes over a file. Returns the
/// files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    if dir.join(CONFIG_FILE).exists() || dir.join(CONTENT_DIR).exists() {
        return Err(Error::Usage(format!(
            "`{}` already holds a refolio site; nothing was changed",
            dir.display()
        )));
    }
    let has_files = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if has_files && !force {
        return Err(Error::Usage(format!(
            "`{}` is not empty; nothing was changed (pass --force to create the site beside what is there)",
            dir.display()
        )));
    }
    let candidate = Path::new(CANDIDATES_DIR).join("exemple");
    let files = [
        (PathBuf::from(CONFIG_FILE), CONFIG),
        (
            Path::new(REFERENTIALS_DIR).join("exemple.yaml"),
            REFERENTIAL,
        ),
        (candidate.join(PASSPORT_FILE), PASSPORT),
        (candidate.join("preuves/veille.md"), EVIDENCE),
    ];
    files
        .iter()
        .map(|(rel, text)| write_new(&dir.join(rel), text))
        .collect()
}

/// Writes a new candidate folder `content/candidates/<id>/` under `root` with a passport
/// naming the referential (`referential`, or the site's only one). Every competence is a
/// gap until evidence demonstrates it: the folder checks with `--allow-gaps`.
pub fn new_candidate(root: &Path, id: &str, referential: Option<&str>) -> Result<PathBuf, Error> {
    if !crate::load::is_url_id(id) {
        return Err(Error::Usage(format!(
            "`{id}` cannot name a candidate folder: lowercase letters, digits and dashes (`{}`)",
            crate::load::url_id(id)
        )));
    }
    let known = referential_ids(root);
    let referential = match (referential, known.as_slice()) {
        (Some(r), known) if known.iter().any(|k| k == r) => r.to_owned(),
        (Some(r), known) => {
            return Err(Error::Usage(format!(
                "no referential `{r}` in `{REFERENTIALS_DIR}` (there: {})",
                known.join(", ")
            )));
        }
        (None, [only]) => only.clone(),
        (None, []) => {
            return Err(Error::Usage(format!(
                "`{REFERENTIALS_DIR}` holds no referential: add one first"
            )));
        }
        (None, known) => {
            return Err(Error::Usage(format!(
                "name the candidate's referential with --referential (one of {})",
                known.join(", ")
            )));
        }
    };
    let text = format!(
        "# Le passeport du candidat : voir docs/content-format.md pour tous les champs.\n\
         name: {id}\n\
         referential: {referential}\n\
         # Les blocs présentés, tous quand la ligne est absente :\n\
         # blocs: [B1, B2]\n"
    );
    write_new(
        &root.join(CANDIDATES_DIR).join(id).join(PASSPORT_FILE),
        &text,
    )
}

/// Writes a new evidence file at `path`: relative to the candidates folder
/// (`<id>/preuves/rapport.md`), inside an existing candidate's folder; `.md` is added when
/// missing. Its front matter checks: a title from the file name, nothing demonstrated yet.
pub fn new_evidence(root: &Path, path: &Path) -> Result<PathBuf, Error> {
    let path = path.strip_prefix(CANDIDATES_DIR).unwrap_or(path);
    let mut parts = path.components();
    let candidate = parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let inside = parts.as_path();
    let safe = path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    let folder = root
        .join(CANDIDATES_DIR)
        .join(candidate.as_deref().unwrap_or(""));
    if !safe || inside.as_os_str().is_empty() || !folder.join(PASSPORT_FILE).is_file() {
        return Err(Error::Usage(format!(
            "`{}` is not a path inside a candidate's folder: write `<candidate>/<file>.md`, the candidate's folder holding its `{PASSPORT_FILE}`",
            path.display()
        )));
    }
    let mut file = folder.join(inside);
    if file.extension().is_none_or(|e| e != "md") {
        file.as_mut_os_string().push(".md");
    }
    let title: String = file
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let mut chars = title.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let text = format!(
        "---\ntitle: {}\n\
         # Les compétences ou critères que cette preuve démontre, par exemple [C1.1, Cr1.2.1].\n\
         demonstrates: []\n\
         ---\n\
         Ce que vous avez fait, dans quel contexte, et ce que cela démontre.\n",
        yaml_text(&title)
    );
    write_new(&file, &text)
}

/// The referentials of the site at `root`, by file stem.
fn referential_ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(root.join(REFERENTIALS_DIR))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))?;
            Some(stem.to_owned())
        })
        .collect();
    ids.sort();
    ids
}

/// `text` as a YAML value that reads back as written.
fn yaml_text(text: &str) -> String {
    let text = text.trim();
    let first = text.chars().next().unwrap_or(' ');
    if text.is_empty() || text.contains([':', '#', '"', '\'']) || "-?[]{},&*!|>%@`".contains(first)
    {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text.to_owned()
    }
}

/// Writes `text` to a new file `path` (its folders created), never over an existing one.
fn write_new(path: &Path, text: &str) -> Result<PathBuf, Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "`{}` exists already; nothing was changed",
                path.display()
            )),
            _ => Error::io(path, e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(path, e))?;
    Ok(path.to_path_buf())
}
