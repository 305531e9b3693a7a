//! Texts: a referential's competence and criterion texts rendered to inline HTML once, for
//! every dossier and evidence page that quotes them, with the links a dossier makes to them.
//! Thousands of candidates share one referential; rendering its texts again for each of them
//! was a fifth of a build.
//!
//! They are kept as template values: a value is shared, not copied, when a view that holds
//! it is turned into a template context, and a dossier quotes every text of its blocs.

use std::sync::OnceLock;

use tera::Value;

use crate::model::{ById, Referential, ReferentialId, Site};

use super::markdown::to_inline_html;
use crate::paths::{DOSSIER_ROOT, table_href};

/// One referential's texts as inline HTML, by index in the referential.
pub struct Texts {
    competences: Vec<Value>,
    /// The competences' texts without markup: the summary's tooltips and accessible names.
    competences_plain: Vec<Value>,
    criteria: Vec<Value>,
    /// Each criterion's indicators (what it looks at), as inline HTML items.
    indicators: Vec<Value>,
    /// From a dossier bilan to each competence's, then each criterion's, row of the
    /// referential table.
    competence_links: Vec<Value>,
    criterion_links: Vec<Value>,
}

impl Texts {
    pub fn new(r: &Referential) -> Texts {
        // Sanitised HTML: printed as it is.
        let html = |text: &str| Value::safe_string(&to_inline_html(text));
        let link = |id: &str| Value::normal_string(&table_href(DOSSIER_ROOT, r, id));
        Texts {
            competences: r.competences.iter().map(|k| html(&k.text)).collect(),
            competences_plain: r
                .competences
                .iter()
                .map(|k| Value::normal_string(&super::search::plain(&k.text)))
                .collect(),
            criteria: r.criteria.iter().map(|k| html(&k.text)).collect(),
            indicators: r
                .criteria
                .iter()
                .map(|k| {
                    let items: Vec<Value> = k.indicators.iter().map(|i| html(i)).collect();
                    Value::from(items)
                })
                .collect(),
            competence_links: r.competences.iter().map(|k| link(&k.id)).collect(),
            criterion_links: r.criteria.iter().map(|k| link(&k.id)).collect(),
        }
    }

    pub fn competence(&self, k: usize) -> &str {
        self.competences[k].as_str().unwrap_or_default()
    }

    pub fn criterion(&self, k: usize) -> &str {
        self.criteria[k].as_str().unwrap_or_default()
    }

    /// [`Self::competence`] as a template value.
    pub fn competence_value(&self, k: usize) -> &Value {
        &self.competences[k]
    }

    /// Competence `k`'s text without markup, as a template value.
    pub fn competence_plain(&self, k: usize) -> &Value {
        &self.competences_plain[k]
    }

    /// Criterion `k`'s indicators, a list of inline HTML template values.
    pub fn indicators(&self, k: usize) -> &Value {
        &self.indicators[k]
    }

    /// [`Self::criterion`] as a template value.
    pub fn criterion_value(&self, k: usize) -> &Value {
        &self.criteria[k]
    }

    /// The link from a dossier bilan (at [`DOSSIER_ROOT`]) to competence `k`.
    pub fn competence_link(&self, k: usize) -> &Value {
        &self.competence_links[k]
    }

    /// The link from a dossier bilan (at [`DOSSIER_ROOT`]) to criterion `k`.
    pub fn criterion_link(&self, k: usize) -> &Value {
        &self.criterion_links[k]
    }
}

/// Every referential's [`Texts`], each made on first use: a rebuild that renders one
/// candidate renders one referential's texts. Shared by the render threads.
pub struct TextCache {
    slots: ById<ReferentialId, OnceLock<Texts>>,
}

impl TextCache {
    pub fn new(site: &Site) -> TextCache {
        TextCache {
            slots: site
                .referentials
                .keys()
                .map(|id| (id.clone(), OnceLock::new()))
                .collect(),
        }
    }

    /// The texts of referential `r` of `site`, the site this cache was made for.
    pub fn get(&self, site: &Site, r: &ReferentialId) -> &Texts {
        self.slots[r].get_or_init(|| Texts::new(&site.referentials[r]))
    }
}
