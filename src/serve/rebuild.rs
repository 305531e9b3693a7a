//! Rebuild: keeps a built site up to date in its output folder as the sources change. The
//! first build, and any after a config change, is a full staged build; after that each
//! batch of [`ChangeKind`]s is applied to the [`Project`], and only the pages the
//! dependency map names are rendered, then moved in with the removal of pages that are gone
//! ([`Patch`]). While the site has errors nothing is written: changes wait, and the last
//! good site stays served.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostics, Severity};
use crate::incremental::{Change, ChangeKind};
use crate::output::{Patch, Staging};
use crate::project::Project;
use crate::render::Templates;
use crate::render::highlight::Highlighter;
use crate::render::plan::{self, RenderContext, Scope};
use crate::{BuildOptions, Error};

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every error, rendered as the terminal shows it; empty when the site was written.
    pub errors: Vec<String>,
    pub warnings: usize,
    /// Files written and removed.
    pub written: usize,
    pub removed: usize,
    /// Whether the whole site was rebuilt.
    pub full: bool,
    pub elapsed: Duration,
    /// The files changed, as `ChangeKind::describe` names them.
    pub changed: Vec<String>,
    /// For each candidate a change touched: its coverage line, then its warnings.
    pub candidates: Vec<String>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A site kept built; see the module documentation.
pub struct Rebuilder {
    options: BuildOptions,
    target: PathBuf,
    /// `None` before the first load, and after a load failed midway.
    project: Option<Project>,
    /// `None` until loaded, and when a template change is waiting.
    templates: Option<Templates>,
    highlighter: Highlighter,
    /// The files each scope wrote at the last write; `None` before the first full build.
    written: Option<HashMap<Scope, Vec<String>>>,
    /// Changes the project has not read yet.
    to_load: BTreeSet<ChangeKind>,
    /// Changes not yet in the output folder.
    to_render: BTreeSet<Change>,
}

impl Rebuilder {
    /// Prepares to keep the site of `options` built; builds nothing yet.
    pub fn new(options: &BuildOptions) -> Result<Rebuilder, Error> {
        let target = options.target();
        crate::guard_output_location(&options.root, &target)?;
        Ok(Rebuilder {
            options: options.clone(),
            target,
            project: None,
            templates: None,
            highlighter: Highlighter::default(),
            written: None,
            to_load: BTreeSet::new(),
            to_render: BTreeSet::new(),
        })
    }

    /// The output folder.
    pub fn target(&self) -> &std::path::Path {
        &self.target
    }

    /// The site as last loaded, if it loaded.
    pub fn project(&self) -> Option<&Project> {
        self.project.as_ref()
    }

    /// Applies `changes` (none for the first build) and writes what they affect.
    pub fn rebuild(&mut self, changes: impl IntoIterator<Item = ChangeKind>) -> Report {
        let started = Instant::now();
        let changes: Vec<ChangeKind> = changes.into_iter().collect();
        let mut changed: Vec<String> = changes.iter().map(ChangeKind::describe).collect();
        changed.sort();
        changed.dedup();
        let mut touched: Vec<String> = changes
            .iter()
            .filter_map(|c| c.candidate().map(str::to_owned))
            .collect();
        touched.sort();
        touched.dedup();
        for change in changes {
            if change.is_template() || matches!(change, ChangeKind::Config | ChangeKind::Tree) {
                self.templates = None;
            }
            self.to_load.insert(change.clone());
            self.to_render.insert(Change::Source(change));
        }
        let mut report = match self.try_rebuild() {
            Ok(report) => report,
            Err(e) => Report {
                errors: vec![match e {
                    Error::Template(d) => d.headline(),
                    other => format!("error: {other}"),
                }],
                ..Report::default()
            },
        };
        report.warnings = self.project.as_ref().map_or(0, |p| {
            p.diagnostics()
                .filter(|d| d.severity == Severity::Warning)
                .count()
        });
        report.elapsed = started.elapsed();
        report.changed = changed;
        if let Some(p) = &self.project {
            report.candidates = touched_lines(p, &touched);
        }
        report
    }

    fn try_rebuild(&mut self) -> Result<Report, Error> {
        let project = match self.project.take() {
            Some(mut p) => match p.apply(&self.to_load) {
                Ok(derived) => {
                    self.to_render.extend(derived);
                    p
                }
                // Units may be half-updated: read everything again next time.
                Err(e) => return Err(e),
            },
            None => {
                // Loaded afresh, nothing says whose standing changed: assume every candidate
                // named by a waiting change did.
                let standing: Vec<Change> = self
                    .to_render
                    .iter()
                    .filter_map(|c| match c {
                        Change::Source(k) => k.candidate().map(|c| Change::Standing(c.to_owned())),
                        Change::Standing(_) => None,
                    })
                    .collect();
                self.to_render.extend(standing);
                Project::load(&self.options.root, &self.options.overrides)?
            }
        };
        self.to_load.clear();
        let project = self.project.insert(project);
        let mut errors = Diagnostics::default();
        errors.extend(
            project
                .diagnostics()
                .filter(|d| d.severity == Severity::Error)
                .cloned(),
        );
        if errors.has_errors() {
            return Ok(Report {
                errors: errors
                    .sorted()
                    .iter()
                    .map(|d| d.render(project.sources()))
                    .collect(),
                ..Report::default()
            });
        }
        let site = project.site();
        let templates = match self.templates.take() {
            Some(t) => t,
            None => Templates::load(&self.options.root, site.config.language)?,
        };
        let templates = self.templates.insert(templates);
        let cx = RenderContext::new(
            site,
            project.dossiers(),
            project.deliberations(),
            templates,
            &self.highlighter,
        );
        let everything = self.to_render.contains(&Change::Source(ChangeKind::Config))
            || self.to_render.contains(&Change::Source(ChangeKind::Tree));
        let report = match self.written.as_mut() {
            Some(written) if !everything => patch(&cx, &self.target, written, &self.to_render)?,
            _ => {
                let (report, written) = full(&cx, &self.target)?;
                self.written = Some(written);
                report
            }
        };
        self.to_render.clear();
        Ok(report)
    }
}

/// Builds the whole site into a staging folder and swaps it in.
fn full(
    cx: &RenderContext<'_>,
    target: &std::path::Path,
) -> Result<(Report, HashMap<Scope, Vec<String>>), Error> {
    let staging = Staging::new(target)?;
    let mut written = HashMap::new();
    let mut files = 0;
    let keyed = |scope: Scope, paths| (scope, paths);
    for (key, paths) in plan::render_all(cx, &staging, keyed)? {
        files += paths.len();
        written.insert(key, paths);
    }
    staging.publish()?;
    let report = Report {
        written: files,
        full: true,
        ..Report::default()
    };
    Ok((report, written))
}

/// Renders the pages `changes` affect, and removes the files of pages that are gone.
fn patch(
    cx: &RenderContext<'_>,
    target: &std::path::Path,
    written: &mut HashMap<Scope, Vec<String>>,
    changes: &BTreeSet<Change>,
) -> Result<Report, Error> {
    let site = cx.site;
    let out = Patch::new(target)?;
    let mut files = 0;
    let mut updated: Vec<(Scope, Vec<String>)> = Vec::new();
    // Only these changes add or remove scopes; the others need not list them all.
    let reshaped = changes.iter().any(|c| {
        matches!(
            c,
            Change::Source(
                ChangeKind::Candidate(_) | ChangeKind::Referential(_) | ChangeKind::Session(_)
            )
        )
    });
    let mut live: HashSet<Scope> = HashSet::new();
    for scope in plan::scopes(site) {
        if !changes.iter().any(|c| scope.depends_on(site, c)) {
            if reshaped {
                live.insert(scope.clone());
            }
            continue;
        }
        let key = scope;
        let before: HashSet<&str> = written
            .get(&key)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let wanted = |page: plan::Page, path: &str| {
            !before.contains(path)
                || changes
                    .iter()
                    .any(|c| page.depends_on(site, cx.templates, c))
        };
        let (paths, rendered) = plan::render_scope(&key, cx, &out, wanted)?;
        files += rendered;
        if reshaped {
            live.insert(key.clone());
        }
        updated.push((key, paths));
    }
    // Every file rendered: now record what each scope owns, and what it no longer does.
    let mut removed: Vec<String> = Vec::new();
    if reshaped {
        written.retain(|key, paths| {
            let keep = live.contains(key);
            if !keep {
                removed.append(paths);
            }
            keep
        });
    }
    let now: HashSet<&String> = updated.iter().flat_map(|(_, paths)| paths).collect();
    for (key, _) in &updated {
        if let Some(old) = written.get(key) {
            // A path another scope now writes (two candidates swapping URLs) stays.
            removed.extend(old.iter().filter(|p| !now.contains(p)).cloned());
        }
    }
    for (key, paths) in updated {
        written.insert(key, paths);
    }
    let report = Report {
        written: files,
        removed: removed.len(),
        ..Report::default()
    };
    out.apply(&removed)?;
    Ok(report)
}

/// The coverage line and the warnings of each candidate folder in `touched`.
fn touched_lines(project: &Project, touched: &[String]) -> Vec<String> {
    let site = project.site();
    let mut lines = Vec::new();
    for id in touched {
        if let (Some(c), Some(d)) = (
            site.candidates.get(id.as_str()),
            project.dossiers().get(id.as_str()),
        ) {
            lines.push(crate::candidate_line(site, c, d));
        }
        let folder = std::path::Path::new(crate::load::candidate::CANDIDATES_DIR).join(id);
        lines.extend(
            project
                .diagnostics()
                .filter(|d| d.severity == Severity::Warning)
                .filter(|d| {
                    d.location
                        .as_ref()
                        .is_some_and(|l| l.path.starts_with(&folder))
                })
                .map(|d| d.headline()),
        );
    }
    lines
}
