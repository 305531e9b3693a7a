//! Interoperability exports of a referential, for tools outside refolio: a CASE 1.1
//! package ([`case`]) for competency-framework registries, and Open Badges 3.0
//! achievements ([`badges`]) a certifier can issue badges from. Both are pure functions of
//! a referential and the site configuration, documented in `docs/interop.md`.
//!
//! This module holds what the two share: stable identifiers and addresses. Identifiers are
//! UUIDs version 5 derived from the referential's key (its RNCP code, else its file ID) and
//! the item's ID, so they survive a renamed file and are the same on every build. Addresses
//! are the published pages when the site has a `base_url`, `urn:uuid:` URNs otherwise.

pub mod badges;
pub mod case;
pub mod credential;

use uuid::Uuid;

use crate::model::{ItemRef, Referential};
use crate::paths::in_folder;

/// refolio's UUID namespace: the version 5 UUID of the name `urn:refolio` in the URL
/// namespace. Never change it: every published identifier derives from it.
pub const NAMESPACE: Uuid = Uuid::from_u128(0xe265d976_c66a_550c_b518_87ee67ed9232);

/// `lastChangeDateTime` when the referential has no version date: a fixed value, since a
/// build must not depend on the clock.
pub const UNKNOWN_CHANGE: &str = "1970-01-01T00:00:00Z";

/// Where a referential's exports take their identifiers and addresses from.
pub struct Naming<'a> {
    pub referential: &'a Referential,
    /// The RNCP code when present, else the file ID.
    key: &'a str,
    /// The referential's folder as an absolute URL, without trailing slash, when the site
    /// has a base URL.
    folder: Option<String>,
}

impl<'a> Naming<'a> {
    /// `base_url` is the site's, with or without trailing slash.
    pub fn new(referential: &'a Referential, base_url: Option<&str>) -> Self {
        let key = referential
            .rncp
            .as_deref()
            .filter(|k| !k.trim().is_empty())
            .unwrap_or(&referential.id);
        Naming {
            referential,
            key,
            folder: crate::paths::absolute(base_url, &referential.id),
        }
    }

    /// The key every identifier of this referential derives from.
    pub fn key(&self) -> &str {
        self.key
    }

    /// The UUID of `name` within this referential (`<key>/<name>`); the bare key names
    /// the referential itself. Item IDs cannot hold `/`, so names never collide.
    pub fn uuid(&self, name: Option<&str>) -> Uuid {
        match name {
            Some(name) => Uuid::new_v5(&NAMESPACE, format!("{}/{name}", self.key).as_bytes()),
            None => Uuid::new_v5(&NAMESPACE, self.key.as_bytes()),
        }
    }

    /// The absolute URL of `path` inside the referential's folder, when the site has a
    /// base URL.
    pub fn url(&self, path: &str) -> Option<String> {
        self.folder.as_ref().map(|f| format!("{f}/{path}"))
    }

    /// `url(path)`, or the URN of `uuid` without a base URL.
    pub fn uri(&self, path: &str, uuid: Uuid) -> String {
        self.url(path).unwrap_or_else(|| uuid.urn().to_string())
    }

    /// The published page of an item: a competence has its own page, anything else an
    /// anchor in the referential's table. The table has rows for competences only, so an
    /// activity without competence, a group of such activities and a modality that
    /// evaluates none are not in it: they are addressed inside `case.json`.
    pub fn item_path(&self, id: &str) -> String {
        let r = self.referential;
        let has_competences = |a: &usize| {
            r.activities
                .get(*a)
                .is_some_and(|a| !a.competences.is_empty())
        };
        let in_table = match r.lookup(id) {
            Some(ItemRef::Competence(_)) => return in_folder::competence_page(id),
            Some(ItemRef::Group(g)) => r
                .groups
                .get(g)
                .is_some_and(|g| g.activities.iter().any(has_competences)),
            Some(ItemRef::Activity(a)) => has_competences(&a),
            Some(ItemRef::Modality(m)) => {
                r.modalities.get(m).is_some_and(|m| !m.evaluates.is_empty())
            }
            _ => true,
        };
        if in_table {
            in_folder::table_row(id)
        } else {
            format!("case.json#{}", self.uuid(Some(id)))
        }
    }

    /// The URI of an item in the CASE package (and of its alignment in a badge).
    pub fn item_uri(&self, id: &str) -> String {
        self.uri(&self.item_path(id), self.uuid(Some(id)))
    }

    /// The version date at midnight UTC, or [`UNKNOWN_CHANGE`].
    pub fn last_change(&self) -> String {
        match &self.referential.version {
            Some(date) => format!("{date}T00:00:00Z"),
            None => UNKNOWN_CHANGE.to_owned(),
        }
    }
}

/// Pretty JSON ending with a newline, like every other JSON file of the site.
fn to_json(value: &impl serde::Serialize) -> String {
    // Plain structs of strings and numbers: serialising them cannot fail.
    let mut out = serde_json::to_string_pretty(value).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_namespace_is_the_documented_one() {
        assert_eq!(
            NAMESPACE,
            Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:refolio")
        );
    }

    fn referential(rncp: Option<&str>) -> Referential {
        let mut r = Referential::default();
        r.id = "demo".into();
        r.rncp = rncp.map(Into::into);
        r
    }

    #[test]
    fn identifiers_follow_the_rncp_code_not_the_file() {
        let mut a = referential(Some("RNCP1"));
        let b = referential(Some("RNCP1"));
        a.id = "renamed".into();
        let (a, b) = (Naming::new(&a, None), Naming::new(&b, None));
        assert_eq!(a.uuid(Some("C1")), b.uuid(Some("C1")));
        assert_eq!(
            a.uuid(Some("C1")),
            Uuid::new_v5(&NAMESPACE, b"RNCP1/C1"),
            "documented name"
        );
        assert_ne!(a.uuid(Some("C1")), a.uuid(None));
        assert_eq!(a.uuid(Some("C1")).get_version_num(), 5);
    }

    #[test]
    fn addresses_use_the_base_url_or_a_urn() {
        let r = referential(None);
        let published = Naming::new(&r, Some("https://example.org/"));
        assert_eq!(
            published.url("case.json").as_deref(),
            Some("https://example.org/demo/case.json")
        );
        let offline = Naming::new(&r, None);
        let uuid = offline.uuid(Some("B1"));
        assert_eq!(offline.item_uri("B1"), format!("urn:uuid:{uuid}"));
        assert_eq!(offline.last_change(), UNKNOWN_CHANGE);
    }
}
