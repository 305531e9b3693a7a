//! Texts: a referential's competence and criterion texts rendered to inline HTML once, for
//! every dossier and evidence page that quotes them. Thousands of candidates share one
//! referential; rendering its texts again for each of them was a fifth of a build.

use std::sync::OnceLock;

use crate::model::{Referential, Site};

use super::markdown::to_inline_html;

/// One referential's texts as inline HTML, by index in the referential.
pub struct Texts {
    competences: Vec<String>,
    criteria: Vec<String>,
}

impl Texts {
    pub fn new(r: &Referential) -> Texts {
        Texts {
            competences: r
                .competences
                .iter()
                .map(|k| to_inline_html(&k.text))
                .collect(),
            criteria: r.criteria.iter().map(|k| to_inline_html(&k.text)).collect(),
        }
    }

    pub fn competence(&self, k: usize) -> &str {
        &self.competences[k]
    }

    pub fn criterion(&self, k: usize) -> &str {
        &self.criteria[k]
    }
}

/// Every referential's [`Texts`], each made on first use: a rebuild that renders one
/// candidate renders one referential's texts. Shared by the render threads.
pub struct TextCache {
    slots: Vec<OnceLock<Texts>>,
}

impl TextCache {
    pub fn new(site: &Site) -> TextCache {
        TextCache {
            slots: (0..site.referentials.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The texts of referential `r` of `site`, the site this cache was made for.
    pub fn get(&self, site: &Site, r: usize) -> &Texts {
        self.slots[r].get_or_init(|| Texts::new(&site.referentials[r]))
    }
}
