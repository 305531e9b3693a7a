//! Project: the site held in memory as independent units — the config file, each entry of
//! the referentials folder, each candidate folder — each keeping the source texts and the
//! diagnostics it produced. [`crate::check`] loads a project from scratch; `serve` keeps one
//! and [`Project::apply`]s changes to it, reloading only the units a [`ChangeKind`] touches
//! and the candidates that depend on a changed referential. Both paths go through the same
//! per-unit functions, so an updated project equals a freshly loaded one.

use std::collections::{BTreeSet, HashMap};
use std::mem;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::units::{Kept, Unit, UnitRecord};
use crate::config::{Config, Overrides};
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Mask, Sources};
use crate::incremental::{Change, ChangeKind, referential_id};
use crate::load::candidate::CANDIDATES_DIR;
use crate::load::session::SESSIONS_DIR;
use crate::load::{self, Entry, REFERENTIALS_DIR};
use crate::model::{
    self, ById, Candidate, CandidateId, Referential, ReferentialId, SessionId, Site,
};
use crate::validate::session::Deliberations;
use crate::validate::{self, Dossier, Dossiers};
use crate::{Checked, Error};

mod unit;
use unit::{Loaded, LoadedCandidate, read_candidate, read_referential, restore_candidate};

/// The slug no candidate may have: the sessions' folder (see `paths::SESSIONS_DIR`).
const RESERVED_SLUG: &str = "sessions";

/// What one unit contributed: where its texts are in [`Project::sources`], its diagnostics,
/// and the ID of the item it produced, if it did. Units are kept by entry name in the
/// order of their folder's listing, and the site's items by ID in the same order.
#[derive(Debug)]
struct Slot {
    entry: Entry,
    paths: Vec<PathBuf>,
    diags: Vec<Diagnostic>,
    item: Option<String>,
    /// For a candidate: the referential its passport names.
    target: Option<String>,
    /// For a candidate: how many of `diags` came before its dossier, and the lines masked
    /// then (what the build cache keeps, see [`crate::cache::units`]).
    lowered_diags: usize,
    masks: Vec<Mask>,
}

/// The site as units; see the module documentation.
pub struct Project {
    root: PathBuf,
    overrides: Overrides,
    config_slot: Slot,
    /// By entry name.
    referentials: ById<String, Slot>,
    /// By folder name.
    candidates: ById<String, Slot>,
    /// The sessions folder, read as one unit after the candidates it names.
    sessions_slot: Slot,
    site: Site,
    /// Each lowered candidate's, by its ID.
    dossiers: Dossiers,
    /// Each session's, by its ID.
    deliberations: Deliberations,
    sources: Sources,
    /// Problems between units (duplicate URLs) or of the tree (no referentials folder).
    site_diags: Vec<Diagnostic>,
    /// Candidates reloaded by the current `apply` whose standing may have changed.
    standing: BTreeSet<String>,
}

impl Project {
    /// Loads, lowers and validates every unit of the site at `root`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Project, Error> {
        Project::load_reusing(root, overrides, None)
    }

    /// [`Project::load`], taking the candidates `kept` holds as the last build lowered them
    /// instead of reading them again, but for those the changes since reach: the same rule
    /// as [`Project::apply`]'s (their own files, their referential, or for a candidate
    /// naming an unknown referential any change of the set of referentials).
    pub fn load_reusing(
        root: &Path,
        overrides: &Overrides,
        kept: Option<Kept>,
    ) -> Result<Project, Error> {
        if !root.is_dir() {
            return Err(Error::Usage(format!(
                "`{}` is not a folder",
                root.display()
            )));
        }
        let mut unit = Sources::default();
        let mut diags = Diagnostics::default();
        let config = Config::load(root, overrides, &mut unit, &mut diags);
        let mut sources = Sources::default();
        let config_slot = Slot {
            entry: Entry {
                name: crate::config::CONFIG_FILE.to_owned(),
                path: root.join(crate::config::CONFIG_FILE),
                is_file: true,
                is_dir: false,
            },
            paths: sources.absorb(unit),
            diags: diags.into_vec(),
            item: None,
            target: None,
            lowered_diags: 0,
            masks: Vec::new(),
        };
        let mut project = Project {
            root: root.to_path_buf(),
            overrides: overrides.clone(),
            config_slot,
            referentials: ById::new(),
            candidates: ById::new(),
            sessions_slot: Slot::folder(root, SESSIONS_DIR),
            site: Site::new(config),
            dossiers: ById::new(),
            deliberations: ById::new(),
            sources,
            site_diags: Vec::new(),
            standing: BTreeSet::new(),
        };
        project.sync_referentials(None)?;
        let reusable = kept
            .map(|k| k.reusable(project.site.referentials.keys().map(|id| id.0.as_str())))
            .unwrap_or_default();
        project.sync_candidates_reusing(None, reusable)?;
        project.sync_sessions()?;
        project.site_diags = project.site_problems();
        project.keep_quoted_texts();
        Ok(project)
    }

    /// Brings the project up to date with `changes`: reloads the units they name, and the
    /// candidates whose referential changed. A config change reloads everything. Returns
    /// what changed beyond the files: the candidates whose [`Change::Standing`] did.
    pub fn apply(&mut self, changes: &BTreeSet<ChangeKind>) -> Result<BTreeSet<Change>, Error> {
        self.standing.clear();
        if changes.contains(&ChangeKind::Config) || changes.contains(&ChangeKind::Tree) {
            *self = Project::load(&self.root, &self.overrides)?;
            return Ok(BTreeSet::new());
        }
        let referentials: BTreeSet<&str> = changes
            .iter()
            .filter_map(|c| match c {
                ChangeKind::Referential(name) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let mut stale: BTreeSet<String> = changes
            .iter()
            .filter_map(|c| c.candidate().map(str::to_owned))
            .collect();
        if !referentials.is_empty() {
            let before = self.referential_ids();
            self.sync_referentials(Some(&referentials))?;
            let after = self.referential_ids();
            let touched: BTreeSet<&str> = referentials.iter().map(|n| referential_id(n)).collect();
            let set_changed = before != after;
            // Candidates of a changed referential are lowered again; a candidate naming an
            // unknown referential is too when the set changed (it may exist now, and its
            // suggestion lists them all). The others name theirs by ID: nothing to follow.
            for slot in self.candidates.values() {
                let target = slot.target.as_deref();
                let relower = target.is_some_and(|t| touched.contains(t))
                    || (set_changed && slot.item.is_none() && target.is_some());
                if relower {
                    stale.insert(slot.entry.name.clone());
                }
            }
        }
        if !stale.is_empty() {
            self.sync_candidates(Some(&stale))?;
        }
        // Sessions judge the candidates they name and their dossiers: a few small files,
        // read again after any change.
        self.sync_sessions()?;
        // URLs come from passports (and the config); an evidence edit cannot clash them.
        let slugs_may_change = !referentials.is_empty()
            || changes
                .iter()
                .any(|c| matches!(c, ChangeKind::Candidate(_)));
        if slugs_may_change {
            self.site_diags = self.site_problems();
        }
        self.keep_quoted_texts();
        Ok(std::mem::take(&mut self.standing)
            .into_iter()
            .map(Change::Standing)
            .collect())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn dossiers(&self) -> &Dossiers {
        &self.dossiers
    }

    pub fn deliberations(&self) -> &Deliberations {
        &self.deliberations
    }

    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Every diagnostic of every unit.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        std::iter::once(&self.config_slot)
            .chain(self.referentials.values())
            .chain(self.candidates.values())
            .chain([&self.sessions_slot])
            .flat_map(|s| &s.diags)
            .chain(&self.site_diags)
    }

    /// The checked site, for printing and building.
    pub fn into_checked(self) -> Checked {
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(self.diagnostics().cloned());
        let units = self
            .candidates
            .values()
            .map(|s| UnitRecord {
                folder: s.entry.name.clone(),
                item: s.item.clone(),
                target: s.target.clone(),
                diags: s.diags[..s.lowered_diags.min(s.diags.len())].to_vec(),
                masks: s.masks.clone(),
            })
            .collect();
        Checked {
            units,
            site: self.site,
            dossiers: self.dossiers,
            deliberations: self.deliberations,
            sources: self.sources,
            diagnostics,
        }
    }

    fn referential_ids(&self) -> Vec<ReferentialId> {
        self.site.referentials.keys().cloned().collect()
    }

    /// Lists the referentials folder and reloads the entries named in `changed` (all when
    /// `None`) and the new ones; unchanged entries keep their referential.
    fn sync_referentials(&mut self, changed: Option<&BTreeSet<&str>>) -> Result<(), Error> {
        let entries = load::list(&self.root.join(REFERENTIALS_DIR))?;
        let mut kept = mem::take(&mut self.referentials);
        let mut items = mem::take(&mut self.site.referentials);
        let stale: Vec<String> = kept
            .keys()
            .filter(|name| changed.is_none_or(|c| c.contains(name.as_str())))
            .cloned()
            .collect();
        for name in stale {
            if let Some(slot) = kept.take(&name) {
                self.forget(&slot);
            }
        }
        // Units are independent: the new ones are read and checked in parallel.
        let root = &self.root;
        let fresh: Vec<Option<Loaded<Referential>>> = entries
            .par_iter()
            .map(|e| (!kept.contains(&e.name)).then(|| read_referential(root, e.clone())))
            .collect();
        // In the listing's order; a kept unit's item is taken back by its ID.
        for (entry, fresh) in entries.into_iter().zip(fresh) {
            let (mut slot, r) = match (kept.take(&entry.name), fresh) {
                (Some(slot), _) => {
                    let r = slot.item.as_deref().and_then(|id| items.take(id));
                    (slot, r)
                }
                (None, Some(loaded)) => self.adopt(loaded),
                (None, None) => continue, // not possible: an entry is kept or read
            };
            slot.item = r.as_ref().map(|r| r.id.clone());
            if let Some(r) = r {
                self.site
                    .referentials
                    .insert(ReferentialId(r.id.clone()), r);
            }
            self.referentials.insert(entry.name, slot);
        }
        // Entries gone from the folder.
        for slot in kept.values() {
            self.forget(slot);
        }
        Ok(())
    }

    /// Takes in a unit read on its own; its texts join the project's sources.
    fn adopt<T>(&mut self, loaded: Loaded<T>) -> (Slot, Option<T>) {
        let slot = Slot {
            entry: loaded.entry,
            paths: self.sources.absorb(loaded.sources),
            diags: loaded.diags.into_vec(),
            item: None,
            target: loaded.target,
            lowered_diags: loaded.lowered_diags,
            masks: loaded.masks,
        };
        (slot, loaded.item)
    }

    /// Reloads the candidate folders named in `changed` (all when `None`), listing the
    /// candidates folder again only when one of them appeared, went or changed type.
    fn sync_candidates(&mut self, changed: Option<&BTreeSet<String>>) -> Result<(), Error> {
        self.sync_candidates_reusing(changed, HashMap::new())
    }

    /// [`Project::sync_candidates`], taking a folder to be read from `reusable` when it is
    /// there (and still a folder).
    fn sync_candidates_reusing(
        &mut self,
        changed: Option<&BTreeSet<String>>,
        mut reusable: HashMap<String, Unit>,
    ) -> Result<(), Error> {
        if !self.site.config.candidates.publish {
            return Ok(());
        }
        let dir = self.root.join(CANDIDATES_DIR);
        let same_entries = changed.is_some_and(|names| {
            names.iter().all(|name| {
                let known = self.candidates.get(name.as_str());
                let on_disk = std::fs::symlink_metadata(dir.join(name)).ok();
                match (known, on_disk) {
                    (Some(s), Some(m)) => {
                        s.entry.is_dir == m.is_dir() && s.entry.is_file == m.is_file()
                    }
                    _ => false,
                }
            })
        });
        if let (true, Some(names)) = (same_entries, changed) {
            for name in names {
                self.reload_candidate(name)?;
            }
            return Ok(());
        }
        let entries = load::list(&dir)?;
        let mut kept = mem::take(&mut self.candidates);
        let mut items = mem::take(&mut self.site.candidates);
        let mut dossiers = mem::take(&mut self.dossiers);
        let stale: Vec<String> = kept
            .keys()
            .filter(|name| changed.is_none_or(|c| c.contains(*name)))
            .cloned()
            .collect();
        for name in stale {
            if let Some(slot) = kept.take(&name) {
                self.forget(&slot);
                self.standing.insert(name);
            }
        }
        let (root, site) = (&self.root, &self.site);
        let restored: Vec<Option<Unit>> = entries
            .iter()
            .map(|e| e.is_dir.then(|| reusable.remove(&e.name)).flatten())
            .collect();
        let fresh: Vec<Option<Result<LoadedCandidate, Error>>> = entries
            .par_iter()
            .zip(restored)
            .map(|(e, unit)| {
                (!kept.contains(&e.name)).then(|| match unit {
                    Some(unit) => Ok(restore_candidate(root, site, e.clone(), unit)),
                    None => read_candidate(root, site, e.clone()),
                })
            })
            .collect();
        for (entry, fresh) in entries.into_iter().zip(fresh) {
            let (mut slot, c) = match (kept.take(&entry.name), fresh) {
                (Some(slot), _) => {
                    let c = slot
                        .item
                        .as_deref()
                        .and_then(|id| Some((items.take(id)?, dossiers.take(id)?)));
                    (slot, c)
                }
                (None, Some(loaded)) => self.adopt(loaded?),
                (None, None) => continue, // not possible: an entry is kept or read
            };
            slot.item = c.as_ref().map(|(c, _)| c.id.clone());
            if let Some((c, d)) = c {
                self.keep_candidate(c, d);
            }
            self.candidates.insert(entry.name, slot);
        }
        for slot in kept.values() {
            self.forget(slot);
        }
        Ok(())
    }

    /// Stores a lowered candidate and its dossier under its ID: in the place of the one it
    /// replaces, else last.
    fn keep_candidate(&mut self, c: Candidate, d: Dossier) {
        self.dossiers.insert(CandidateId(c.id.clone()), d);
        self.site.candidates.insert(CandidateId(c.id.clone()), c);
    }

    /// Reloads candidate folder `name` in place: the common case of an edit inside a known
    /// folder, which must not cost in proportion to the whole site.
    fn reload_candidate(&mut self, name: &str) -> Result<(), Error> {
        let Some(old) = self.candidates.get_mut(name) else {
            return Ok(());
        };
        for p in mem::take(&mut old.paths) {
            self.sources.remove(&p);
        }
        let (was, entry) = (old.item.clone(), old.entry.clone());
        let loaded = read_candidate(&self.root, &self.site, entry)?;
        let (mut slot, lowered) = self.adopt(loaded);
        let before = was.as_deref().and_then(|id| self.dossiers.get(id));
        let same = match (before, &lowered) {
            (Some(before), Some((_, d))) => before.standing() == d.standing(),
            (None, None) => true,
            _ => false,
        };
        if !same {
            self.standing.insert(name.to_owned());
        }
        slot.item = lowered.as_ref().map(|(c, _)| c.id.clone());
        self.candidates.insert(name.to_owned(), slot);
        match (was, lowered) {
            (Some(id), Some((c, d))) if id == c.id => self.keep_candidate(c, d),
            (was, lowered) => {
                if let Some(id) = was {
                    self.site.candidates.remove(id.as_str());
                    self.dossiers.remove(id.as_str());
                }
                if let Some((c, d)) = lowered {
                    self.keep_candidate(c, d);
                    // Stored last: put back in the folders' order.
                    self.order_candidates();
                }
            }
        }
        Ok(())
    }

    /// Puts the site's candidates and dossiers in the order of their folders.
    fn order_candidates(&mut self) {
        let mut items = mem::take(&mut self.site.candidates);
        let mut dossiers = mem::take(&mut self.dossiers);
        for id in self.candidates.values().filter_map(|s| s.item.as_deref()) {
            if let (Some(c), Some(d)) = (items.take(id), dossiers.take(id)) {
                self.dossiers.insert(CandidateId(c.id.clone()), d);
                self.site.candidates.insert(CandidateId(c.id.clone()), c);
            }
        }
    }

    /// Reads, lowers and checks every session file again, against the candidates as they
    /// are now.
    fn sync_sessions(&mut self) -> Result<(), Error> {
        let slot = std::mem::replace(
            &mut self.sessions_slot,
            Slot::folder(&self.root, SESSIONS_DIR),
        );
        self.forget(&slot);
        self.site.sessions.clear();
        self.deliberations.clear();
        // Sessions judge candidates: a site without candidates has none.
        if !self.site.config.candidates.publish {
            return Ok(());
        }
        let mut sources = Sources::default();
        let mut diags = Diagnostics::default();
        let unloaded: Vec<&str> = self
            .candidates
            .values()
            .filter(|s| s.item.is_none())
            .map(|s| s.entry.name.as_str())
            .collect();
        for entry in load::list(&self.root.join(SESSIONS_DIR))? {
            let file = load::session::load_session(&self.root, &entry, &mut sources, &mut diags);
            let (referentials, candidates) = (&self.site.referentials, &self.site.candidates);
            if let Some(s) = file.and_then(|f| {
                model::lower_session(f, referentials, candidates, &unloaded, &mut diags)
            }) {
                self.site.sessions.insert(SessionId(s.id.clone()), s);
            }
        }
        self.deliberations = validate::session::deliberate(&self.site, &self.dossiers, &mut diags);
        self.sessions_slot.paths = self.sources.absorb(sources);
        self.sessions_slot.diags = diags.into_vec();
        Ok(())
    }

    /// Makes the sources the texts the diagnostics quote, no more: a diagnostic about a
    /// unit whose texts were not kept (two passports sharing a URL) has its file read again.
    fn keep_quoted_texts(&mut self) {
        // Only a position is quoted; a whole-file problem may be a FIFO or a huge file,
        // which must not be read.
        let cited: BTreeSet<PathBuf> = self
            .diagnostics()
            .filter_map(|d| d.location.as_ref())
            .filter(|l| l.position.is_some())
            .map(|l| l.path.clone())
            .collect();
        self.sources.retain(|path| cited.contains(path));
        for path in cited {
            let file = self.root.join(&path);
            let readable = std::fs::metadata(&file)
                .is_ok_and(|m| m.is_file() && m.len() <= load::MAX_FILE_BYTES);
            if self.sources.get(&path).is_none()
                && readable
                && let Ok(text) = std::fs::read_to_string(file)
            {
                self.sources.insert(path, text);
            }
        }
    }

    /// Drops a unit's source texts.
    fn forget(&mut self, slot: &Slot) {
        for p in &slot.paths {
            self.sources.remove(p);
        }
    }

    fn site_problems(&self) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> =
            load::missing_referentials(&self.root).into_iter().collect();
        // Pseudonyms chosen by hand may collide; two dossiers must not share a URL.
        let mut seen: HashMap<&str, &Candidate> = HashMap::new();
        for c in self.site.candidates.values() {
            if c.slug == RESERVED_SLUG {
                problems.push(
                    Diagnostic::error(
                        Kind::InvalidId,
                        Some(c.passport.clone()),
                        format!("candidate `{}` would have the URL `candidates/{RESERVED_SLUG}/`, where the jury sessions are published", c.id),
                    )
                    .with_suggestion(Some("rename the folder, or give the candidate a pseudonym".into())),
                );
            }
            match seen.get(c.slug.as_str()) {
                Some(other) => problems.push(
                    Diagnostic::error(
                        Kind::DuplicateId,
                        Some(c.passport.clone()),
                        format!(
                            "candidates `{}` and `{}` would share the URL `candidates/{}/`",
                            other.id, c.id, c.slug
                        ),
                    )
                    .with_suggestion(Some("give them different pseudonyms".into())),
                ),
                None => {
                    seen.insert(&c.slug, c);
                }
            }
        }
        problems
    }
}

impl Slot {
    /// The slot of a folder read as one unit.
    fn folder(root: &Path, dir: &str) -> Slot {
        Slot {
            entry: Entry {
                name: dir.rsplit('/').next().unwrap_or(dir).to_owned(),
                path: root.join(dir),
                is_file: false,
                is_dir: true,
            },
            paths: Vec::new(),
            diags: Vec::new(),
            item: None,
            target: None,
            lowered_diags: 0,
            masks: Vec::new(),
        }
    }
}
