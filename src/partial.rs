//! Partial builds: when only content files changed since the last build (the build cache
//! says which, see [`crate::cache`]), the site is checked as always, but only the pages the
//! dependency map (`render::dependencies`, the one `serve` uses) says a change reaches are
//! rendered; every other file of the previous site is hard-linked into the staging folder,
//! which is then published as a full build's is. The previous site is never written to, so
//! a failed or killed partial build leaves it intact.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use crate::Error;
use crate::incremental::{Change, ChangeKind};
use crate::output::{Output, Staging};
use crate::progress::{Report, Step};
use crate::render::plan::{self, RenderContext, Scope};

/// What a partial render did: pages of the site (HTML files), files rendered, files linked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rendered {
    pub pages: usize,
    pub written: usize,
    pub linked: usize,
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
/// output's files); links the others from the previous site. Scopes in parallel; with
/// several failures, the first in output order is reported, as a full build does.
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
    let results: Vec<Result<Rendered, Error>> = scopes
        .into_par_iter()
        .map(|scope| {
            let reached = changes.iter().any(|c| scope.depends_on(site, c));
            let mut done = Rendered::default();
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
            }
            report(Step::Rendered);
            Ok(done)
        })
        .collect();
    results.into_iter().try_fold(Rendered::default(), |sum, r| {
        let r = r?;
        Ok(Rendered {
            pages: sum.pages + r.pages,
            written: sum.written + r.written,
            linked: sum.linked + r.linked,
        })
    })
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
