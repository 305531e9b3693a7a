//! Identity: the typed IDs that name a referential, a candidate and a session, and
//! [`ById`], the map that stores them by ID in a fixed order. Items are addressed by ID
//! only, so that nothing has to follow an item's position when its neighbours come and go
//! (a reload in `serve`).

use std::borrow::Borrow;
use std::hash::Hash;

use indexmap::{Equivalent, IndexMap};
use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Hashes as its string (derived `Hash` of one field): maps keyed by it can be
        // looked up with a `&str`.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id! {
    /// A referential's ID, its file stem: how candidates and sessions name their
    /// referential, so that they keep it whatever the referentials around it become.
    ReferentialId
}

id! {
    /// A candidate's ID, its folder name: how sessions, pages and `serve` name a candidate.
    CandidateId
}

id! {
    /// A jury session's ID, its file stem.
    SessionId
}

/// Items by ID, in the order they were inserted (the site's: file-name order). No access
/// by position: an item is found by its ID, and iteration gives the stored order.
#[derive(Debug)]
pub struct ById<K, V>(IndexMap<K, V, ahash::RandomState>);

impl<K, V> Default for ById<K, V> {
    fn default() -> Self {
        ById(IndexMap::with_hasher(ahash::RandomState::new()))
    }
}

impl<K: Hash + Eq, V> ById<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get<Q: ?Sized + Hash + Equivalent<K>>(&self, id: &Q) -> Option<&V> {
        self.0.get(id)
    }

    pub fn get_mut<Q: ?Sized + Hash + Equivalent<K>>(&mut self, id: &Q) -> Option<&mut V> {
        self.0.get_mut(id)
    }

    pub fn contains<Q: ?Sized + Hash + Equivalent<K>>(&self, id: &Q) -> bool {
        self.0.contains_key(id)
    }

    /// The stored key equal to `id` and its item: a key that lives as long as the map.
    pub fn get_key_value<Q: ?Sized + Hash + Equivalent<K>>(&self, id: &Q) -> Option<(&K, &V)> {
        self.0.get_key_value(id)
    }

    /// Stores `value` under `id`: in the place of the item it replaces, else last.
    pub fn insert(&mut self, id: K, value: V) -> Option<V> {
        self.0.insert(id, value)
    }

    /// Takes the item out, keeping the order of the others.
    pub fn remove<Q: ?Sized + Hash + Equivalent<K>>(&mut self, id: &Q) -> Option<V> {
        self.0.shift_remove(id)
    }

    /// Takes the item out in constant time, moving the last item into its place: for a
    /// map being emptied into another, whose order is then the new one's.
    pub fn take<Q: ?Sized + Hash + Equivalent<K>>(&mut self, id: &Q) -> Option<V> {
        self.0.swap_remove(id)
    }

    pub fn iter(&self) -> indexmap::map::Iter<'_, K, V> {
        self.0.iter()
    }

    pub fn keys(&self) -> indexmap::map::Keys<'_, K, V> {
        self.0.keys()
    }

    pub fn values(&self) -> indexmap::map::Values<'_, K, V> {
        self.0.values()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<K: Hash + Eq, V, Q: ?Sized + Hash + Equivalent<K>> std::ops::Index<&Q> for ById<K, V> {
    type Output = V;

    /// The item `id`; for IDs the site guarantees (a candidate's referential, a session's
    /// candidates: lowering refuses dangling ones).
    fn index(&self, id: &Q) -> &V {
        &self.0[id]
    }
}

impl<K: Hash + Eq, V> FromIterator<(K, V)> for ById<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = ById::new();
        map.0.extend(iter);
        map
    }
}

impl<'a, K, V> IntoIterator for &'a ById<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = indexmap::map::Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<K, V> IntoIterator for ById<K, V> {
    type Item = (K, V);
    type IntoIter = indexmap::map::IntoIter<K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_their_place_and_are_found_by_str() {
        let mut m: ById<CandidateId, u32> = ["b", "a", "c"]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (CandidateId(k.into()), i as u32))
            .collect();
        m.insert(CandidateId("a".into()), 9);
        assert_eq!(m.keys().map(|k| &**k).collect::<Vec<_>>(), ["b", "a", "c"]);
        assert_eq!(m["a"], 9);
        m.remove("b");
        assert_eq!(m.values().copied().collect::<Vec<_>>(), [9, 2]);
        assert_eq!(m.get("b"), None);
    }
}
