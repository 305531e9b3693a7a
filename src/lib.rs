//! refolio: a static site generator for professional certification referentials, candidate
//! portfolios and jury dossiers.
//!
//! The pipeline, one module per stage: [`load`] reads the content tree into raw documents
//! with positions; [`model`] lowers them into a typed, indexed [`model::Site`]; [`validate`]
//! checks the whole model; [`render`] turns it into pages through templates; [`output`] is
//! the single write point. [`check`] and [`build`] run it; the CLI in `main.rs` only parses
//! arguments, prints and sets the exit code.

pub mod cache;
pub mod config;
pub mod diagnostics;
pub mod export;
pub mod fold;
pub mod import;
pub mod incremental;
pub mod init;
pub mod layout;
pub mod load;
pub mod message;
pub mod model;
pub mod output;
pub mod partial;
pub mod paths;
pub mod print;
pub mod progress;
pub mod project;
pub mod render;
pub mod serve;
pub mod sign;
pub mod terminal;
pub mod validate;
pub mod vocabulary;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use config::Overrides;
use diagnostics::{Diagnostic, Diagnostics, Sources};
use model::Site;
use output::Staging;

/// A failure that is not about the content: I/O, usage, or a broken template.
#[derive(Debug)]
pub enum Error {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Usage(String),
    Template(Box<Diagnostic>),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Usage(m) => f.write_str(m),
            Error::Template(d) => f.write_str(&d.headline()),
        }
    }
}

impl std::error::Error for Error {}

/// The site as checked: the model, the source texts (for printing diagnostics) and every
/// diagnostic found.
pub struct Checked {
    pub site: Site,
    /// Each candidate's of `site.candidates`, by candidate ID.
    pub dossiers: validate::Dossiers,
    /// Each session's of `site.sessions`, by session ID.
    pub deliberations: validate::session::Deliberations,
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    /// What the build cache keeps of each candidate folder, in the folders' order.
    pub units: Vec<cache::units::UnitRecord>,
}

/// Load, lower and validate the site at `root`.
pub fn check(root: &Path) -> Result<Checked, Error> {
    check_with(root, &Overrides::default())
}

/// [`check`] with command-line overrides of the configuration.
pub fn check_with(root: &Path, overrides: &Overrides) -> Result<Checked, Error> {
    Ok(project::Project::load(root, overrides)?.into_checked())
}

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `root/public`.
    pub output_dir: Option<PathBuf>,
    pub overrides: Overrides,
}

impl BuildOptions {
    /// The output folder.
    pub fn target(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub referentials: usize,
    pub competences: usize,
    pub criteria: usize,
    pub candidates: usize,
    pub pages: usize,
    pub elapsed: Duration,
    /// Where the time went, by stage.
    pub stages: Stages,
}

/// The wall time of each stage of a build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stages {
    /// Reading, lowering and validating the content (what `check` does).
    pub check: Duration,
    /// Rendering every page and writing it into the staging folder.
    pub render: Duration,
    /// Swapping the staged site in and deleting the previous one.
    pub publish: Duration,
    /// Through the build cache: comparing the inputs and the output with it before the
    /// build, reading the units file (a partial build), and recording both after (`None`
    /// without the cache, as in `serve`).
    pub cache: Option<[Duration; 3]>,
    /// For a partial build: the files rendered and those linked from the previous site.
    pub partial: Option<partial::Rendered>,
}

impl fmt::Display for Stages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "check {:.2} s, render and write {:.2} s, publish {:.2} s",
            self.check.as_secs_f64(),
            self.render.as_secs_f64(),
            self.publish.as_secs_f64()
        )?;
        if let Some([scan, units, record]) = self.cache {
            write!(
                f,
                "; cache: scan {:.2} s, units read {:.2} s, record {:.2} s",
                scan.as_secs_f64(),
                units.as_secs_f64(),
                record.as_secs_f64()
            )?;
        }
        if let Some(p) = self.partial {
            write!(
                f,
                "; partial: {} files rendered, {} linked",
                p.written, p.linked
            )?;
            if p.generation {
                write!(f, " (previous generation updated)")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} referentials, {} competences, {} criteria, {} candidates → {} pages in {:.2} s",
            self.referentials,
            self.competences,
            self.criteria,
            self.candidates,
            self.pages,
            self.elapsed.as_secs_f64()
        )
    }
}

/// A build: the check, and the summary when the site was written (no content errors).
pub struct Built {
    pub checked: Checked,
    pub summary: Option<Summary>,
}

/// Check the site and, if it has no errors, render it into a staging folder and swap it
/// into the output folder.
pub fn build(options: &BuildOptions) -> Result<Built, Error> {
    build_reporting(options, &progress::silent)
}

/// [`build`], reporting its steps to `report` (a progress display).
pub fn build_reporting(
    options: &BuildOptions,
    report: progress::Report<'_>,
) -> Result<Built, Error> {
    build_with(
        options,
        report,
        check_with,
        Staging::new,
        |checked, templates, staging| {
            let pages = render::render_site_reporting(
                &checked.site,
                &checked.dossiers,
                &checked.deliberations,
                templates,
                staging,
                report,
            )?;
            Ok((pages, None))
        },
    )
}

/// Checks the site (with `load`) and, without errors, renders it with `render_into` and
/// publishes it.
fn build_with(
    options: &BuildOptions,
    report: progress::Report<'_>,
    load: impl FnOnce(&Path, &Overrides) -> Result<Checked, Error>,
    stage: impl FnOnce(&Path) -> Result<Staging, Error>,
    render_into: impl FnOnce(
        &Checked,
        &render::Templates,
        &Staging,
    ) -> Result<(usize, Option<partial::Rendered>), Error>,
) -> Result<Built, Error> {
    let started = Instant::now();
    report(progress::Step::Check);
    let checked = load(&options.root, &options.overrides)?;
    let checked_at = Instant::now();
    if checked.diagnostics.has_errors() {
        return Ok(Built {
            checked,
            summary: None,
        });
    }
    let target = options.target();
    guard_output_location(&options.root, &target)?;
    let templates = render::Templates::load(&options.root, checked.site.config.language)?;
    let staging = stage(&target)?;
    let (pages, partial) = render_into(&checked, &templates, &staging)?;
    let rendered_at = Instant::now();
    report(progress::Step::Publish);
    staging.publish()?;
    let summary = Summary {
        referentials: checked.site.referentials.len(),
        competences: checked.site.competence_count(),
        criteria: checked.site.criterion_count(),
        candidates: checked.site.candidates.len(),
        pages,
        elapsed: started.elapsed(),
        stages: Stages {
            check: checked_at - started,
            render: rendered_at - checked_at,
            publish: rendered_at.elapsed(),
            cache: None,
            partial,
        },
    };
    Ok(Built {
        checked,
        summary: Some(summary),
    })
}

/// A build of the site whose content changed as `previous` says since the last build,
/// whose output is still in place: the site is checked whole, and only the pages the
/// changes reach are rendered (see [`partial`]), into the previous generation when it can
/// be trusted. `token` is this build's cache token.
fn build_partial(
    options: &BuildOptions,
    report: progress::Report<'_>,
    previous: &mut cache::Previous,
    kept: Option<cache::units::Kept>,
    token: String,
) -> Result<Built, Error> {
    let load = |root: &Path, overrides: &Overrides| {
        Ok(project::Project::load_reusing(root, overrides, kept)?.into_checked())
    };
    let keeping = output::generations::Keeping {
        token,
        folders: std::mem::take(&mut previous.folders),
    };
    let generation = previous.generation.take();
    let stage = |target: &Path| Staging::partial(target, generation, keeping);
    build_with(
        options,
        report,
        load,
        stage,
        |checked, templates, staging| {
            let changes = partial::changes(
                &previous.changes,
                &previous.standings,
                &cache::standings(checked),
            );
            let highlighter = render::highlight::Highlighter::default();
            let cx = render::plan::RenderContext::new(
                &checked.site,
                &checked.dossiers,
                &checked.deliberations,
                templates,
                &highlighter,
            );
            let done = partial::render(&cx, staging, &changes, &previous.outputs, report)?;
            Ok((done.pages, Some(done)))
        },
    )
}

/// What [`build_cached`] did.
pub enum Cached {
    /// Inputs and output were as the last build left them: nothing was done. What that
    /// build printed, to print again.
    Unchanged(cache::Replay),
    /// A build ran; `warning` when the cache could not be used. When it wrote the site,
    /// `replay` is its report, made once for the cache and the terminal.
    Built {
        built: Box<Built>,
        replay: Option<cache::Replay>,
        warning: Option<Diagnostic>,
    },
}

/// [`build_reporting`] through the build cache ([`cache`]): nothing is done when the inputs
/// and the output are as the last successful build left them; only the pages that changed
/// content files reach are rendered when nothing else changed ([`partial`]); otherwise a
/// full build. Each is recorded for the next one. `use_cache: false` ignores the cache (and rewrites it).
pub fn build_cached(
    options: &BuildOptions,
    report: progress::Report<'_>,
    use_cache: bool,
) -> Result<Cached, Error> {
    let target = options.target();
    let started = Instant::now();
    // What killed builds left is swept even when there is nothing to build.
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    output::sweep::sweep(parent, &target);
    let scan = match cache::consult(
        &options.root,
        &target,
        &format!("{:?}", options.overrides),
        &signing_keys(options),
        use_cache,
    ) {
        cache::Verdict::Unchanged(mut replay) => {
            replay.summary = format!(
                "{} in {:.2} s",
                replay.summary,
                started.elapsed().as_secs_f64()
            );
            return Ok(Cached::Unchanged(replay));
        }
        cache::Verdict::Changed(scan, previous) => (scan, None, Some(previous)),
        cache::Verdict::Build(scan, warning) => (scan, warning, None),
    };
    let (scan, warning, previous) = scan;
    let scanned = started.elapsed();
    let mut units_read = Duration::ZERO;
    let (mut built, warning) = match previous {
        Some(mut previous) => {
            let reading = Instant::now();
            let kept = previous.kept();
            units_read = reading.elapsed();
            let (kept, unusable) = match kept {
                Ok(kept) => (Some(kept), None),
                Err(w) => (None, Some(w)),
            };
            let token = scan.token();
            let built = build_partial(options, report, &mut previous, kept, token)?;
            (built, unusable)
        }
        None => (build_reporting(options, report)?, warning),
    };
    // A failed build leaves the previous site, which the previous cache still describes.
    // A cache that cannot be written costs the next build its shortcut, nothing else: the
    // site is published.
    let recording = Instant::now();
    let replay = built.summary.as_ref().map(|summary| {
        let replay = cache::Replay::of(&built.checked, summary);
        let _ = scan.record(&target, &replay, &built.checked);
        replay
    });
    if let Some(summary) = &mut built.summary {
        summary.stages.cache = Some([scanned, units_read, recording.elapsed()]);
    }
    Ok(Cached::Built {
        built: Box::new(built),
        replay,
        warning,
    })
}

/// The signing keys a build may read, outside the content tree: `--signing-key`'s and the
/// one `refolio.toml` names (read loosely here: the build itself reports a bad file).
fn signing_keys(options: &BuildOptions) -> Vec<PathBuf> {
    let config = options.root.join(layout::CONFIG_FILE);
    // Not a FIFO or a device, which might never end; the build reports those.
    let readable = std::fs::metadata(&config).is_ok_and(|m| m.is_file() && m.len() < 1 << 20);
    let named = readable
        .then(|| std::fs::read_to_string(&config).ok())
        .flatten()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| {
            let key = t.get("certificates")?.get("signing_key")?.as_str()?;
            Some(PathBuf::from(key))
        });
    named
        .into_iter()
        .chain(options.overrides.signing_key.clone())
        .map(|p| options.root.join(p))
        .collect()
}

/// One line per candidate for the terminal: coverage, gaps and decision; then one per
/// jury session: what it awards.
pub fn coverage_lines(checked: &Checked) -> Vec<String> {
    let mut lines = candidate_lines(checked);
    lines.extend(session_lines(checked));
    lines
}

fn session_lines(checked: &Checked) -> Vec<String> {
    let site = &checked.site;
    site.sessions
        .iter()
        .map(|(id, s)| (s, &checked.deliberations[id]))
        .map(|(s, d)| {
            let r = site.referential(&s.referential);
            let awards: Vec<String> = d
                .verdicts
                .iter()
                .filter(|v| render::session::is_certified(v))
                .map(|v| {
                    let c = &site.candidates[&v.candidate];
                    let what: Vec<&str> = v
                        .title
                        .then_some("title")
                        .into_iter()
                        .chain(v.blocs.iter().map(|&b| r.blocs[b].id.as_str()))
                        .collect();
                    format!("{} ({})", c.slug, what.join(", "))
                })
                .collect();
            let awarded = if awards.is_empty() {
                "nothing".to_owned()
            } else {
                awards.join("; ")
            };
            format!(
                "session {} ({}, {}): {} candidate(s); awards: {awarded}",
                s.id,
                r.id,
                s.date,
                d.verdicts.len()
            )
        })
        .collect()
}

fn candidate_lines(checked: &Checked) -> Vec<String> {
    let site = &checked.site;
    site.candidates
        .iter()
        .map(|(id, c)| candidate_line(site, c, &checked.dossiers[id]))
        .collect()
}

/// One candidate's coverage and decision in a line, as `check` prints it.
pub fn candidate_line(site: &model::Site, c: &model::Candidate, d: &validate::Dossier) -> String {
    let r = site.referential(&c.referential);
    let gaps: Vec<&str> = d.gaps().map(|k| r.competences[k].id.as_str()).collect();
    let decision = match &d.decision {
        validate::title::Decision::Full => "full certification".to_owned(),
        validate::title::Decision::Partial(b) => {
            format!("partial certification ({})", b.join(", "))
        }
        validate::title::Decision::NotAwarded => "not awarded".to_owned(),
        validate::title::Decision::Undecided => "undecided".to_owned(),
    };
    let gaps = if gaps.is_empty() {
        String::new()
    } else {
        format!(", gaps: {}", gaps.join(", "))
    };
    format!(
        "candidate {} ({}): {}/{} competences covered ({} %){gaps}; decision: {decision}",
        c.slug,
        r.id,
        d.coverage.covered,
        d.coverage.required,
        d.coverage.percent()
    )
}

/// The candidates' JSON report, with reasoning in the site's language.
pub fn candidates_report(root: &Path, checked: &Checked) -> Result<String, Error> {
    let templates = render::Templates::load(root, checked.site.config.language)?;
    Ok(render::report::report_json(
        &checked.site,
        &checked.dossiers,
        templates.strings(),
    ))
}

/// Renders the checked site into memory (tests, previews).
pub fn render_to_memory(root: &Path, checked: &Checked) -> Result<output::MemoryOutput, Error> {
    let site = &checked.site;
    let templates = render::Templates::load(root, site.config.language)?;
    let out = Mutex::new(output::MemoryOutput::default());
    render::render_site(
        site,
        &checked.dossiers,
        &checked.deliberations,
        &templates,
        &out,
    )?;
    Ok(out.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// The output folder is replaced wholesale on every build, so it must not be anything whose
/// loss would hurt: the site or a folder holding it (`/` included), the content or
/// templates, or the home folder. Paths are compared after resolving symbolic links, so a
/// link cannot smuggle one of these in.
pub(crate) fn guard_output_location(root: &Path, target: &Path) -> Result<(), Error> {
    let (root, target) = (resolve(root)?, resolve(target)?);
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to build into `{}`: {why}; choose another --output-dir",
            target.display()
        )))
    };
    if root.starts_with(&target) {
        return refuse("it contains the site itself");
    }
    for folder in [crate::layout::CONTENT_DIR, crate::layout::TEMPLATES_DIR] {
        if target.starts_with(root.join(folder)) {
            return refuse(&format!("it is inside the site's `{folder}` folder"));
        }
    }
    if std::env::home_dir().is_some_and(|home| resolve(&home).is_ok_and(|h| h == target)) {
        return refuse("it is the home folder");
    }
    Ok(())
}

/// `path` made absolute and `..`-free, with symbolic links resolved as far as the path
/// exists (the output folder may not exist yet).
fn resolve(path: &Path) -> Result<PathBuf, Error> {
    use std::path::Component;
    let mut absolute = PathBuf::new();
    for c in std::path::absolute(path)
        .map_err(|e| Error::io(path, e))?
        .components()
    {
        match c {
            Component::ParentDir => {
                absolute.pop();
            }
            Component::CurDir => {}
            c => absolute.push(c),
        }
    }
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Ok(missing.iter().rev().fold(real, |p, c| p.join(c)));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}
