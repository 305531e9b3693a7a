//! The CASE 1.1 export of a referential (`<id>/case.json`): one CFPackage, as the 1EdTech
//! JSON schema `case_v1p1_cfpackage-jsonschema1.json` describes it. The CFDocument is the
//! certification; blocs, activity groups, activities, competences, criteria and
//! modalities are CFItems; `isChildOf` associations give the hierarchy and `isRelatedTo`
//! ones link criteria and modalities to the competences they concern.
//!
//! Items inside a package carry no `CFDocumentURI`: the package schema forbids it (they
//! belong to the package's document); every item reaches the document through `isChildOf`.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use super::{Naming, to_json};
use crate::config::Config;
use crate::model::{Bloc, Referential};

/// The `CFItemType` of each kind of item: the certifier's own words (RNCP vocabulary).
pub mod item_type {
    pub const BLOC: &str = "Bloc de compétences";
    pub const GROUP: &str = "Groupe d'activités";
    pub const ACTIVITY: &str = "Activité";
    pub const COMPETENCE: &str = "Compétence";
    pub const CRITERION: &str = "Critère d'évaluation";
    pub const MODALITY: &str = "Modalité d'évaluation";
}

const IS_CHILD_OF: &str = "isChildOf";
const IS_RELATED_TO: &str = "isRelatedTo";

#[derive(Serialize)]
struct Package<'a> {
    #[serde(rename = "CFDocument")]
    document: Document<'a>,
    #[serde(rename = "CFItems")]
    items: &'a [Item<'a>],
    #[serde(rename = "CFAssociations")]
    associations: Vec<Association<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    identifier: &'a str,
    uri: &'a str,
    creator: &'a str,
    title: &'a str,
    last_change_date_time: &'a str,
    #[serde(rename = "officialSourceURL", skip_serializing_if = "Option::is_none")]
    official_source_url: Option<&'a str>,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    case_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    adoption_status: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    identifier: String,
    uri: String,
    full_statement: Cow<'a, str>,
    human_coding_scheme: &'a str,
    #[serde(rename = "CFItemType")]
    item_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    last_change_date_time: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Association<'a> {
    identifier: String,
    association_type: &'static str,
    sequence_number: u32,
    uri: String,
    #[serde(rename = "originNodeURI")]
    origin: Link<'a>,
    #[serde(rename = "destinationNodeURI")]
    destination: Link<'a>,
    last_change_date_time: &'a str,
}

/// A reference to the document or an item, as CASE's LinkGenURI.
#[derive(Serialize, Clone, Copy)]
struct Link<'a> {
    title: &'a str,
    identifier: &'a str,
    uri: &'a str,
}

/// One association before it gets its identifier: `origin` and `destination` are item
/// IDs, `None` for the document.
struct Edge<'a> {
    kind: &'static str,
    origin: &'a str,
    destination: Option<&'a str>,
    sequence: u32,
}

/// Collects items and edges in reading order: bloc, then its groups with their activities,
/// ungrouped activities, shared criteria and modalities, each item before its children.
struct Builder<'a, 'n> {
    r: &'a Referential,
    naming: &'n Naming<'a>,
    stamp: &'n str,
    items: Vec<Item<'n>>,
    edges: Vec<Edge<'a>>,
}

impl<'a: 'n, 'n> Builder<'a, 'n> {
    fn item(
        &mut self,
        id: &'a str,
        kind: &'static str,
        statement: Cow<'a, str>,
        notes: Option<&'a str>,
    ) {
        self.items.push(Item {
            identifier: self.naming.uuid(Some(id)).to_string(),
            uri: self.naming.item_uri(id),
            full_statement: statement,
            human_coding_scheme: id,
            item_type: kind,
            notes,
            last_change_date_time: self.stamp,
        });
    }

    fn edge(
        &mut self,
        kind: &'static str,
        origin: &'a str,
        destination: Option<&'a str>,
        sequence: usize,
    ) {
        self.edges.push(Edge {
            kind,
            origin,
            destination,
            sequence: u32::try_from(sequence).unwrap_or(u32::MAX),
        });
    }

    fn bloc(&mut self, b: usize, bloc: &'a Bloc) {
        let r = self.r;
        let summary = bloc.summary.as_deref();
        self.item(
            &bloc.id,
            item_type::BLOC,
            Cow::Borrowed(&bloc.title),
            summary,
        );
        self.edge(IS_CHILD_OF, &bloc.id, None, b + 1);
        let mut sequence = 0;
        let mut next = || {
            sequence += 1;
            sequence
        };
        for &g in &bloc.groups {
            let group = &r.groups[g];
            let summary = group.summary.as_deref();
            self.item(
                &group.id,
                item_type::GROUP,
                Cow::Borrowed(&group.title),
                summary,
            );
            self.edge(IS_CHILD_OF, &group.id, Some(&bloc.id), next());
            for (i, &a) in group.activities.iter().enumerate() {
                self.activity(a, &group.id, i + 1);
            }
        }
        for &a in &bloc.activities {
            if r.activities[a].group.is_none() {
                self.activity(a, &bloc.id, next());
            }
        }
        for &c in &bloc.shared_criteria {
            let criterion = &r.criteria[c];
            self.criterion(c);
            self.edge(IS_CHILD_OF, &criterion.id, Some(&bloc.id), next());
            for (i, &k) in criterion.competences.iter().enumerate() {
                self.edge(
                    IS_RELATED_TO,
                    &criterion.id,
                    Some(&r.competences[k].id),
                    i + 1,
                );
            }
        }
        for &m in &bloc.modalities {
            let modality = &r.modalities[m];
            let title = Cow::Borrowed(modality.title.as_str());
            let description = modality.description.as_deref();
            self.item(&modality.id, item_type::MODALITY, title, description);
            self.edge(IS_CHILD_OF, &modality.id, Some(&bloc.id), next());
            for (i, &k) in modality.evaluates.iter().enumerate() {
                self.edge(
                    IS_RELATED_TO,
                    &modality.id,
                    Some(&r.competences[k].id),
                    i + 1,
                );
            }
        }
    }

    /// An activity, its competences and the criteria written under them.
    fn activity(&mut self, a: usize, parent: &'a str, sequence: usize) {
        let r = self.r;
        let activity = &r.activities[a];
        let title = Cow::Borrowed(activity.title.as_str());
        self.item(&activity.id, item_type::ACTIVITY, title, None);
        self.edge(IS_CHILD_OF, &activity.id, Some(parent), sequence);
        for (i, &k) in activity.competences.iter().enumerate() {
            let competence = &r.competences[k];
            let text = Cow::Borrowed(competence.text.as_str());
            self.item(&competence.id, item_type::COMPETENCE, text, None);
            self.edge(IS_CHILD_OF, &competence.id, Some(&activity.id), i + 1);
            let shared = &r.blocs[competence.bloc].shared_criteria;
            let own = competence.criteria.iter().filter(|c| !shared.contains(c));
            for (j, &c) in own.enumerate() {
                self.criterion(c);
                self.edge(IS_CHILD_OF, &r.criteria[c].id, Some(&competence.id), j + 1);
            }
        }
    }

    /// A criterion's statement is its text followed by its indicators, as a list.
    fn criterion(&mut self, c: usize) {
        let criterion = &self.r.criteria[c];
        let statement = if criterion.indicators.is_empty() {
            Cow::Borrowed(criterion.text.as_str())
        } else {
            let mut text = criterion.text.trim_end().to_owned();
            text.push('\n');
            for indicator in &criterion.indicators {
                text.push_str("\n- ");
                text.push_str(indicator);
            }
            Cow::Owned(text)
        };
        self.item(&criterion.id, item_type::CRITERION, statement, None);
    }
}

/// The CASE package of `r`, pretty-printed, ending with a newline. The site's `base_url`
/// gives resolvable URIs; the site title stands for the creator when the referential
/// names no certifier.
pub fn case_json(r: &Referential, config: &Config) -> String {
    let naming = Naming::new(r, config.base_url.as_deref());
    let stamp = naming.last_change();
    let document_id = naming.uuid(None).to_string();
    let document_uri = naming.uri("case.json", naming.uuid(None));
    let mut builder = Builder {
        r,
        naming: &naming,
        stamp: &stamp,
        items: Vec::new(),
        edges: Vec::new(),
    };
    for (b, bloc) in r.blocs.iter().enumerate() {
        builder.bloc(b, bloc);
    }
    let Builder { items, edges, .. } = builder;

    let document_link = Link {
        title: &r.title,
        identifier: &document_id,
        uri: &document_uri,
    };
    let links: HashMap<&str, Link> = items
        .iter()
        .map(|i| {
            let link = Link {
                title: i.human_coding_scheme,
                identifier: &i.identifier,
                uri: &i.uri,
            };
            (i.human_coding_scheme, link)
        })
        .collect();
    let link = |id: Option<&str>| match id {
        None => Some(document_link),
        Some(id) => links.get(id).copied(),
    };
    let associations = edges
        .iter()
        .filter_map(|e| {
            let (origin, destination) = (link(Some(e.origin))?, link(e.destination)?);
            let name = format!(
                "{}/{}/{}",
                e.origin,
                e.kind,
                e.destination.unwrap_or(naming.key())
            );
            let uuid = naming.uuid(Some(&name));
            Some(Association {
                identifier: uuid.to_string(),
                association_type: e.kind,
                sequence_number: e.sequence,
                uri: naming.uri(&format!("case.json#{uuid}"), uuid),
                origin,
                destination,
                last_change_date_time: &stamp,
            })
        })
        .collect();

    let package = Package {
        document: Document {
            identifier: &document_id,
            uri: &document_uri,
            creator: r.certifier.as_deref().unwrap_or(&config.title),
            title: &r.title,
            last_change_date_time: &stamp,
            official_source_url: r.source_url.as_deref(),
            language: &r.language,
            version: r.version.as_deref(),
            case_version: "1.1",
            adoption_status: r.draft.then_some("Draft"),
        },
        items: &items,
        associations,
    };
    to_json(&package)
}
