//! One unit of a [`super::Project`] read, lowered and checked on its own — a referential
//! file or a candidate folder — on any thread, before the project adopts it.

use std::path::Path;

use crate::Error;
use crate::diagnostics::{Diagnostics, Mask, Sources};
use crate::load::{self, Entry};
use crate::model::{self, Candidate, Referential, Site};
use crate::validate::{self, Dossier};

/// One unit read, lowered and checked on its own, on any thread, before the project
/// [adopts](Project::adopt) it.
pub(super) struct Loaded<T> {
    pub(super) entry: Entry,
    pub(super) sources: Sources,
    pub(super) diags: Diagnostics,
    pub(super) item: Option<T>,
    /// For a candidate: the referential its passport names.
    pub(super) target: Option<String>,
    /// How many of `diags` came before the dossier was worked out, and the lines masked
    /// then: what the build cache keeps of a candidate (see `cache::units`).
    pub(super) lowered_diags: usize,
    pub(super) masks: Vec<Mask>,
}

impl<T> Loaded<T> {
    /// Keeps the unit's texts only if it has diagnostics to quote them in, and drops them
    /// on the thread that read them: the texts of a national site are gigabytes.
    fn new(
        entry: Entry,
        sources: Sources,
        diags: Diagnostics,
        item: Option<T>,
        target: Option<String>,
    ) -> Self {
        let sources = if diags.is_empty() {
            Sources::default()
        } else {
            sources
        };
        Loaded {
            entry,
            sources,
            diags,
            item,
            target,
            lowered_diags: 0,
            masks: Vec::new(),
        }
    }

    /// Records that the first `lowered_diags` diagnostics, and `masks`, are the unit's
    /// before its dossier.
    fn lowered(mut self, lowered_diags: usize, masks: Vec<Mask>) -> Self {
        self.lowered_diags = lowered_diags;
        self.masks = masks;
        self
    }
}

pub(super) fn read_referential(root: &Path, entry: Entry) -> Loaded<Referential> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let file = load::load_referential(root, &entry, &mut sources, &mut diags);
    // Read past its errors (see `load::recover`): checked for its other mistakes, but no
    // candidate is checked against it.
    let unreadable = diags.has_errors();
    // A broken link of its texts is the author's to fix, not a reason to leave it unread.
    if let Some((f, yaml)) = file.as_ref().and_then(|f| Some((f, sources.get(&f.path)?))) {
        diags.extend(load::referential_links::check(&f.raw, yaml, &f.path));
    }
    let item = file
        .map(|f| {
            let r = model::lower_referential(f, &mut diags);
            diags.extend(validate::validate_referential(&r));
            r
        })
        .filter(|_| !unreadable);
    Loaded::new(entry, sources, diags, item, None)
}

pub(super) type LoadedCandidate = Loaded<(Candidate, Dossier)>;

/// Reads a candidate folder against the referentials of `site`.
pub(super) fn read_candidate(
    root: &Path,
    site: &Site,
    entry: Entry,
) -> Result<LoadedCandidate, Error> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let drafts = site.config.candidates.drafts;
    let folder = load::candidate::load_candidate(root, &entry, drafts, &mut sources, &mut diags)?;
    let target = folder
        .as_ref()
        .and_then(|f| f.passport.as_ref())
        .map(|p| p.referential.value.trim().to_owned());
    let (config, referentials) = (&site.config.candidates, &site.referentials);
    let candidate =
        folder.and_then(|f| model::lower_candidate(f, referentials, config, &mut diags));
    Ok(with_dossier(site, entry, sources, diags, candidate, target))
}

/// A candidate the build cache kept, lowered as the last build left it (its inputs and its
/// referential unchanged since): only its dossier is worked out again, on the diagnostics
/// and masks it had then, so that it reports exactly what reading it again would. The
/// files its diagnostics quote are read again, as reading the folder would have kept them.
pub(super) fn restore_candidate(
    root: &Path,
    site: &Site,
    entry: Entry,
    unit: crate::cache::units::Unit,
) -> LoadedCandidate {
    let diags = Diagnostics::from_parts(unit.diags, unit.masks);
    let mut loaded = with_dossier(
        site,
        entry,
        Sources::default(),
        diags,
        unit.candidate,
        unit.target,
    );
    let cited: std::collections::BTreeSet<std::path::PathBuf> = loaded
        .diags
        .iter()
        .filter_map(|d| d.location.as_ref())
        .filter(|l| l.position.is_some())
        .map(|l| l.path.clone())
        .collect();
    for rel in cited {
        let mut ignored = Diagnostics::default();
        if let Some(text) = load::read_text(&root.join(&rel), &rel, &mut ignored) {
            loaded.sources.insert(rel, text);
        }
    }
    loaded
}

/// Works out the dossier of a lowered candidate, as the last step of reading its unit.
fn with_dossier(
    site: &Site,
    entry: Entry,
    sources: Sources,
    diags: Diagnostics,
    candidate: Option<Candidate>,
    target: Option<String>,
) -> LoadedCandidate {
    let config = &site.config.candidates;
    let lowered_diags = diags.len();
    let (items, masks) = diags.into_parts();
    let mut diags = Diagnostics::from_parts(items, masks.clone());
    let item = candidate.map(|c| {
        let d = validate::dossier(&c, site.referential(&c.referential), config, &mut diags);
        (c, d)
    });
    Loaded::new(entry, sources, diags, item, target).lowered(lowered_diags, masks)
}
