//! Render: turn the model into pages through Tera templates. Default templates, stylesheet
//! and UI strings are embedded in the binary; a site's own `templates/` folder overrides
//! any of them by file name. Every page goes through one [`Output`].

pub mod accessibility;
pub mod certified;
pub mod dates;
pub mod dependencies;
pub mod dossier;
pub mod evidence;
pub mod highlight;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod process;
pub mod report;
pub mod results;
pub mod search;
pub mod session;
pub mod summary;
pub mod table;
pub mod texts;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::Error;
use crate::config::{Config, Language};
use crate::diagnostics::{Diagnostic, Kind, Location, Position};
use crate::model::Site;
use crate::output::Output;
use crate::paths;
use crate::validate::Dossiers;
use crate::validate::session::Deliberations;

/// Default templates, by the name a site's `templates/` folder overrides them with.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "referential.html",
        include_str!("../../templates/referential.html"),
    ),
    (
        "competence.html",
        include_str!("../../templates/competence.html"),
    ),
    (
        "partials/modality.html",
        include_str!("../../templates/partials/modality.html"),
    ),
    (
        "partials/criterion.html",
        include_str!("../../templates/partials/criterion.html"),
    ),
    (
        "partials/results.html",
        include_str!("../../templates/partials/results.html"),
    ),
    (
        "accessibility.html",
        include_str!("../../templates/accessibility.html"),
    ),
    ("jury.html", include_str!("../../templates/jury.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("dossier.html", include_str!("../../templates/dossier.html")),
    (
        "sessions.html",
        include_str!("../../templates/sessions.html"),
    ),
    ("minutes.html", include_str!("../../templates/minutes.html")),
    (
        "certified.html",
        include_str!("../../templates/certified.html"),
    ),
    (
        "certificate.html",
        include_str!("../../templates/certificate.html"),
    ),
    (
        "evidence.html",
        include_str!("../../templates/evidence.html"),
    ),
];
const DEFAULT_CSS: &str = include_str!("../../templates/style.css");
const DEFAULT_STRINGS: &str = include_str!("../../templates/strings.toml");

/// The policy as a literal, so the search page's can extend it at compile time.
macro_rules! base_policy {
    () => {
        "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; base-uri 'none'; form-action 'self'"
    };
}

/// The Content-Security-Policy every page carries (a `<meta>` in `base.html`, as
/// `{{ csp }}`): no script at all (but on the search page), and styles, images and media from the site only. Evidence
/// is untrusted; should anything get past the sanitiser, the browser still runs nothing.
/// `serve` loosens `script-src` and `connect-src` to `'self'` for its reload script.
pub const CONTENT_SECURITY_POLICY: &str = base_policy!();

/// The search page's policy: [`CONTENT_SECURITY_POLICY`] plus the site's own scripts (its
/// search script and index files). It shows no untrusted HTML: results are put in as text.
pub const SEARCH_CONTENT_SECURITY_POLICY: &str = concat!(base_policy!(), "; script-src 'self'");

/// Bytes reserved for the first page of a template, before its size is known.
const PAGE_CAPACITY: usize = 32 * 1024;

/// The UI strings of one language, by key.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The string for `key`; the key itself when missing, so a gap shows rather than breaks.
    pub fn get(&self, key: &str) -> String {
        self.text(key).to_owned()
    }

    /// [`Self::get`], borrowed.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The message `key` with `args` filled in and its plural forms chosen by the
    /// language's rule ([`crate::message`]).
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        crate::message::fill(self.text(key), args, self.plural_rule())
    }

    /// How this language chooses a plural form: its `plural_zero` string.
    pub fn plural_rule(&self) -> crate::message::PluralRule {
        crate::message::PluralRule::from_zero_form(self.text("plural_zero"))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

type Translations = BTreeMap<String, BTreeMap<String, String>>;

/// Every language of the default translation table.
pub fn default_translations() -> Result<Translations, toml::de::Error> {
    toml::from_str(DEFAULT_STRINGS)
}

/// Compiled templates, stylesheet and UI strings for one build.
pub struct Templates {
    tera: tera::Tera,
    css: String,
    strings: Strings,
    /// `strings` as the value every page's context holds: made once, shared (tera values
    /// are reference-counted), rather than serialised again for each page.
    strings_value: tera::Value,
    /// For each template, the templates it names (`extends`, `include`, `import`), directly
    /// or through them.
    uses: BTreeMap<String, BTreeSet<String>>,
    /// For each template, the size of the page last rendered with it: the next page's
    /// buffer starts there, rather than being copied as it doubles (a dossier is 140 KB).
    sizes: BTreeMap<String, AtomicUsize>,
}

impl Templates {
    /// The defaults, overridden by files in `root/templates` when present.
    pub fn load(root: &Path, language: Language) -> Result<Templates, Error> {
        let dir = root.join(crate::layout::TEMPLATES_DIR);
        let mut sources: BTreeMap<String, (String, bool)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), (text.to_string(), false)))
            .collect();
        let mut css = DEFAULT_CSS.to_owned();
        let mut translations = default_translations()
            .map_err(|e| template_error("templates/strings.toml", e.to_string()))?;
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = crate::load::relative(&dir, entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if name.starts_with('.') || crate::load::is_editor_temporary(&name) {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| Error::io(entry.path(), e))?;
                match name.as_str() {
                    "style.css" => css = text,
                    "strings.toml" => {
                        let site: Translations = toml::from_str(&text).map_err(|e| {
                            let at = e.span().map(|s| Position::at_offset(&text, s.start));
                            let message = e.message().to_owned();
                            template_error_at("templates/strings.toml", at, message)
                        })?;
                        for (lang, table) in site {
                            translations.entry(lang).or_default().extend(table);
                        }
                    }
                    n if n.ends_with(".html") => {
                        sources.insert(name, (text, true));
                    }
                    _ => {}
                }
            }
        }
        let strings = Strings(translations.remove(language.code()).unwrap_or_default());
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        // `{{ date | long_date }}`: "18 juin 2026", unbroken.
        let words = dates::DateWords::new(&strings);
        tera.register_filter(
            "long_date",
            move |x: &str, _: tera::Kwargs, _: &tera::State| words.long(x),
        );
        // Added all at once: inheritance is resolved across the whole set.
        tera.add_raw_templates(sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
            .map_err(|e| tera_error("templates", &e))?;
        let uses = closure(&sources);
        let sizes = sources
            .keys()
            .map(|name| (name.clone(), AtomicUsize::new(PAGE_CAPACITY)))
            .collect();
        let strings_value = tera::Value::try_from_serializable(&strings)
            .map_err(|e| template_error("templates/strings.toml", e.to_string()))?;
        Ok(Templates {
            tera,
            css,
            strings,
            strings_value,
            uses,
            sizes,
        })
    }

    /// Whether a change to the template `changed` may change pages rendered with
    /// `template`. A template no page template names (a file of components, a new file)
    /// may be used in ways the scan cannot see: it affects every page.
    pub fn affects(&self, template: &str, changed: &str) -> bool {
        let named = |t: &str| self.uses.get(t).is_some_and(|u| u.contains(changed));
        template == changed
            || named(template)
            || !self.uses.keys().any(|t| t == changed || named(t))
    }

    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    fn render(
        &self,
        template: &str,
        common: &Common<'_>,
        page: &impl Serialize,
    ) -> Result<Vec<u8>, Error> {
        let mut context = tera::Context::from_serialize(page)
            .map_err(|e| template_error(template, e.to_string()))?;
        context.insert("site", &common.site);
        context.insert_value("t", self.strings_value.clone());
        context.insert("root", common.root);
        context.insert("links", &common.links);
        context.insert("canonical", &common.canonical);
        context.insert("lang", common.site.language);
        context.insert("csp", common.csp);
        // Into bytes directly: `Tera::render` would check the UTF-8 of every page again
        // (templates and values are `str` already), a few percent of a large build.
        let size = self.sizes.get(template);
        let last = size.map_or(PAGE_CAPACITY, |s| s.load(Ordering::Relaxed));
        // A quarter more, for a page a little larger than the last.
        let mut html = Vec::with_capacity(last + last / 4);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| tera_error(&format!("templates/{template}"), &e))?;
        if let Some(s) = size {
            s.store(html.len(), Ordering::Relaxed);
        }
        Ok(html)
    }
}

/// Each template's transitive references, from a scan of its source for quoted names after
/// `extends`, `include` and `import`. Over-approximating is harmless: a page is rendered
/// again for nothing.
fn closure(sources: &BTreeMap<String, (String, bool)>) -> BTreeMap<String, BTreeSet<String>> {
    let direct: BTreeMap<&str, Vec<&str>> = sources
        .iter()
        .map(|(name, (text, _))| (name.as_str(), references(text)))
        .collect();
    direct
        .keys()
        .map(|&name| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![name];
            while let Some(t) = todo.pop() {
                for &r in direct.get(t).into_iter().flatten() {
                    if seen.insert(r.to_owned()) {
                        todo.push(r);
                    }
                }
            }
            (name.to_owned(), seen)
        })
        .collect()
}

fn references(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for keyword in ["extends", "include", "import"] {
        for (at, _) in text.match_indices(keyword) {
            let rest = text[at + keyword.len()..].trim_start();
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                found.push(&rest[1..1 + end]);
            }
        }
    }
    found
}

fn template_error(path: &str, message: String) -> Error {
    template_error_at(path, None, message)
}

fn template_error_at(path: &str, at: Option<Position>, message: String) -> Error {
    let message = message.trim_start_matches("error: ").to_owned();
    Error::Template(Box::new(Diagnostic::error(
        Kind::Template,
        Some(Location::new(path, at)),
        message,
    )))
}

/// A Tera error, in the template it names (which may be a parent or an included template
/// of the one rendered), else at `fallback`.
fn tera_error(fallback: &str, e: &tera::Error) -> Error {
    let named = match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report.filename())
        }
        tera::ErrorKind::CircularExtend { tpl, .. }
        | tera::ErrorKind::CircularInclude { tpl, .. } => Some(tpl.as_str()),
        tera::ErrorKind::MissingParent { current, .. } => Some(current.as_str()),
        _ => None,
    };
    let path = match named.filter(|n| !n.is_empty()) {
        Some(name) => format!("templates/{name}"),
        None => fallback.to_owned(),
    };
    template_error(&path, error_chain(e))
}

/// Tera's error with its causes, on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    /// The key of the accessibility status's label, for the footer.
    accessibility: &'static str,
}

/// What every page's template sees besides its own view.
struct Common<'a> {
    site: SiteView<'a>,
    /// Relative path from the page to the site root (`""`, `"../"`…).
    root: &'a str,
    /// The site's shared pages and files, relative to the page.
    links: Links,
    /// The page's absolute URL, when the site has a base URL.
    canonical: Option<String>,
    /// The page's Content-Security-Policy.
    csp: &'static str,
}

/// What every page may link to, relative to it: the header, footer and breadcrumbs.
#[derive(Serialize)]
struct Links {
    home: String,
    stylesheet: String,
    highlight: String,
    search: String,
    accessibility: String,
    jury: String,
    sessions: String,
}

impl Links {
    fn from(root: &str) -> Links {
        let link = |to: &str| format!("{root}{to}");
        Links {
            home: link(paths::HOME),
            stylesheet: link(paths::STYLESHEET),
            highlight: link(paths::HIGHLIGHT),
            search: link(paths::SEARCH),
            accessibility: link(paths::ACCESSIBILITY),
            jury: link(paths::JURY),
            sessions: link(paths::SESSIONS),
        }
    }
}

impl<'a> Common<'a> {
    /// The common values of the page at `path` (relative to the site root).
    fn new(config: &'a Config, root: &'a str, path: &str, csp: &'static str) -> Self {
        Common {
            links: Links::from(root),
            canonical: paths::absolute(config.base_url.as_deref(), path),
            site: SiteView {
                title: &config.title,
                language: config.language.code(),
                base_url: config.base_url.as_deref(),
                accessibility: accessibility::status_key(config),
            },
            root,
            csp,
        }
    }
}

#[derive(Serialize)]
struct HomePage<'a> {
    referentials: Vec<views::ReferentialSummary<'a>>,
    /// The jury index, when the site publishes candidates.
    jury_href: Option<&'static str>,
}

/// Renders every page of `site` into `out`, candidate pages with their `dossiers` (one per
/// candidate); returns the number of HTML pages.
pub fn render_site(
    site: &Site,
    dossiers: &Dossiers,
    deliberations: &Deliberations,
    templates: &Templates,
    out: &dyn Output,
) -> Result<usize, Error> {
    let silent = &crate::progress::silent;
    render_site_reporting(site, dossiers, deliberations, templates, out, silent)
}

/// [`render_site`], reporting each scope rendered to `report`.
pub fn render_site_reporting(
    site: &Site,
    dossiers: &Dossiers,
    deliberations: &Deliberations,
    templates: &Templates,
    out: &dyn Output,
    report: crate::progress::Report<'_>,
) -> Result<usize, Error> {
    use crate::progress::Step;
    let highlighter = highlight::Highlighter::default();
    let cx = plan::RenderContext::new(site, dossiers, deliberations, templates, &highlighter);
    report(Step::Render {
        scopes: plan::scopes(site).count(),
    });
    let html = |_, paths: Vec<String>| {
        report(Step::Rendered);
        paths.iter().filter(|p| p.ends_with(".html")).count()
    };
    Ok(plan::render_all(&cx, out, html)?.into_iter().sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_and_label_of_the_model_is_translated() {
        let t = default_translations().unwrap();
        let model_keys = crate::validate::rules::REASON_KEYS
            .iter()
            .copied()
            .chain([
                "route_initial",
                "route_continuing",
                "route_apprenticeship",
                "route_vae",
            ])
            .chain(["route_executive", "level_acquired", "level_partly_acquired"])
            .chain(["level_not_acquired", "competence", "criterion"]);
        for key in model_keys {
            assert!(t["fr"].contains_key(key), "{key}");
        }
    }

    #[test]
    fn every_language_translates_every_key() {
        let t = default_translations().unwrap();
        let fr: Vec<&String> = t["fr"].keys().collect();
        let en: Vec<&String> = t["en"].keys().collect();
        assert_eq!(fr, en);
        assert!(
            t["fr"]
                .values()
                .chain(t["en"].values())
                .all(|v| !v.trim().is_empty())
        );
    }
}
