//! Partial builds: when only content files changed since the last build (the build cache
//! says which, see [`crate::cache`]), the site is checked as always, but only the pages the
//! dependency map (`render::dependencies`, the one `serve` uses) says a change reaches are
//! rendered; every other file of the previous site is hard-linked into the staging folder,
//! which is then published as a full build's is — or, when the site before it was kept
//! (`output::generations`), that one is brought up to date and swapped with the live site,
//! and only what changed is written. The live site is never written to, so a failed or
//! killed partial build leaves it intact.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use crate::Error;
use crate::incremental::{Change, ChangeKind};
use crate::output::{MARKER, Output, Staging};
use crate::progress::{Report, Step};
use crate::render::plan::{self, RenderContext, Scope};

/// What a partial render did: pages of the site (HTML files), files rendered, files linked
/// (or left, in the previous generation), and whether it updated the previous generation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rendered {
    pub pages: usize,
    pub written: usize,
    pub linked: usize,
    pub generation: bool,
}

/// The changes pages depend on: the source changes, and the candidates whose standing
/// differs from `before` (by ID; a candidate added or gone counts).
pub fn changes(
    sources: &BTreeSet<ChangeKind>,
    before: &BTreeMap<String, String>,
    now: &BTreeMap<String, String>,
) -> BTreeSet<Change> {
    let moved = now
        .iter()
        .filter(|(id, s)| before.get(id.as_str()) != Some(s))
        .map(|(id, _)| id)
        .chain(before.keys().filter(|id| !now.contains_key(id.as_str())));
    sources
        .iter()
        .cloned()
        .map(Change::Source)
        .chain(moved.cloned().map(Change::Standing))
        .collect()
}

/// Renders into `staging` the pages `changes` reach and those not in `previous` (the old
/// output's files); links the others from the previous site; tells `staging` which of
/// `previous` are gone. Scopes in parallel; with several failures, the first in output
/// order is reported, as a full build does.
pub fn render(
    cx: &RenderContext<'_>,
    staging: &Staging,
    changes: &BTreeSet<Change>,
    previous: &HashSet<String>,
    report: Report<'_>,
) -> Result<Rendered, Error> {
    let site = cx.site;
    let scopes: Vec<Scope> = plan::scopes(site).collect();
    report(Step::Render {
        scopes: scopes.len(),
    });
    // The paths made, when the previous site's that are not must be known.
    let listing = staging.keeps_previous();
    let results: Vec<Result<(Rendered, Vec<String>), Error>> = scopes
        .into_par_iter()
        .map(|scope| {
            let reached = changes.iter().any(|c| scope.depends_on(site, c));
            let mut done = Rendered::default();
            let mut made = Vec::new();
            for page in scope.pages(site, cx.deliberations) {
                let path = page.path(site);
                done.pages += usize::from(path.ends_with(".html"));
                let stale = !previous.contains(&path)
                    || (reached
                        && changes
                            .iter()
                            .any(|c| page.depends_on(site, cx.templates, c)));
                if !stale && staging.link_previous(&path)? {
                    done.linked += 1;
                } else {
                    staging.write(&path, &page.render(cx)?)?;
                    done.written += 1;
                }
                if listing {
                    made.push(path);
                }
            }
            report(Step::Rendered);
            Ok((done, made))
        })
        .collect();
    let mut sum = Rendered {
        generation: staging.reuses_generation(),
        ..Rendered::default()
    };
    let mut made = Vec::new();
    for r in results {
        let (r, paths) = r?;
        sum.pages += r.pages;
        sum.written += r.written;
        sum.linked += r.linked;
        made.push(paths);
    }
    if listing {
        let made: HashSet<&str> = made
            .iter()
            .flatten()
            .map(String::as_str)
            .chain([MARKER])
            .collect();
        let gone = previous
            .iter()
            .filter(|p| !made.contains(p.as_str()))
            .cloned()
            .collect();
        staging.forget(gone, &made)?;
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standing_that_moved_is_a_change() {
        let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let before = map(&[("ana", "50 %"), ("bob", "full"), ("eve", "none")]);
        let now = map(&[("ana", "60 %"), ("bob", "full"), ("zoe", "none")]);
        let sources = BTreeSet::from([ChangeKind::Evidence("ana".into(), "p".into())]);
        let got = changes(&sources, &before, &now);
        assert_eq!(
            got,
            BTreeSet::from([
                Change::Source(ChangeKind::Evidence("ana".into(), "p".into())),
                Change::Standing("ana".into()),
                Change::Standing("eve".into()),
                Change::Standing("zoe".into()),
            ])
        );
    }
}
