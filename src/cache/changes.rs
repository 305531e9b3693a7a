//! The changes between two scans of a site's inputs, as the [`ChangeKind`]s `serve` would
//! have seen: what a partial build renders again. `None` when a change reaches every page
//! (the configuration, a template or the strings, a content folder itself) or is of a file
//! refolio does not classify: the build is then a full one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Stamp;
use crate::incremental::ChangeKind;

/// The changes from `before` to `after`; a file hashed as `unknown` always counts as changed.
pub(super) fn between(
    before: &BTreeMap<String, Stamp>,
    after: &BTreeMap<String, Stamp>,
    unknown: &str,
) -> Option<BTreeSet<ChangeKind>> {
    // The content decides, not the time: a file saved unchanged changes nothing.
    let same = |a: &Stamp, b: &Stamp| a.size == b.size && a.sha256 == b.sha256;
    let edited = after.iter().filter(|(rel, stamp)| {
        stamp.sha256 == unknown || before.get(rel.as_str()).is_none_or(|old| !same(old, stamp))
    });
    let gone = before
        .keys()
        .filter(|rel| !after.contains_key(rel.as_str()));
    let mut changes = BTreeSet::new();
    for rel in edited.map(|(rel, _)| rel).chain(gone) {
        let change = ChangeKind::classify(Path::new(rel))?;
        if everything(&change) {
            return None;
        }
        changes.insert(change);
    }
    Some(changes)
}

/// Whether `change` may reach every page; the dependency map can tell templates apart,
/// but a template change is rare between two builds and a full build is the safe answer.
fn everything(change: &ChangeKind) -> bool {
    matches!(change, ChangeKind::Config | ChangeKind::Tree) || change.is_template()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(sha: &str) -> Stamp {
        Stamp {
            size: 1,
            mtime_ns: 1,
            sha256: sha.into(),
        }
    }

    fn inputs(files: &[(&str, &str)]) -> BTreeMap<String, Stamp> {
        files
            .iter()
            .map(|(p, h)| (p.to_string(), stamp(h)))
            .collect()
    }

    #[test]
    fn content_edits_are_named_and_the_rest_builds_everything() {
        let before = inputs(&[
            ("refolio.toml", "a"),
            ("content/candidates/ana/passport.yaml", "a"),
            ("content/candidates/ana/preuve.md", "a"),
            ("content/referentials/r.yaml", "a"),
            ("templates/base.html", "a"),
        ]);
        let mut after = before.clone();
        after
            .get_mut("content/candidates/ana/preuve.md")
            .unwrap()
            .sha256 = "b".into();
        after
            .get_mut("content/referentials/r.yaml")
            .unwrap()
            .mtime_ns = 9;
        after.insert("content/candidates/bob".into(), stamp("folder"));
        assert_eq!(
            between(&before, &after, "unknown"),
            Some(BTreeSet::from([
                ChangeKind::Candidate("bob".into()),
                ChangeKind::Evidence("ana".into(), "preuve".into()),
            ]))
        );
        let mut gone = before.clone();
        gone.remove("content/referentials/r.yaml");
        assert_eq!(
            between(&before, &gone, "unknown"),
            Some(BTreeSet::from([ChangeKind::Referential("r.yaml".into())]))
        );
        for (file, why) in [
            ("refolio.toml", "config"),
            ("templates/base.html", "template"),
        ] {
            let mut after = before.clone();
            after.get_mut(file).unwrap().sha256 = "b".into();
            assert_eq!(between(&before, &after, "unknown"), None, "{why}");
        }
        let mut hidden = before.clone();
        hidden.insert("content/.notes".into(), stamp("a"));
        assert_eq!(between(&before, &hidden, "unknown"), None);
        let mut unreadable = before.clone();
        unreadable
            .get_mut("content/candidates/ana/preuve.md")
            .unwrap()
            .sha256 = "unknown".into();
        assert_eq!(
            between(&unreadable, &unreadable, "unknown"),
            Some(BTreeSet::from([ChangeKind::Evidence(
                "ana".into(),
                "preuve".into()
            )]))
        );
    }
}
