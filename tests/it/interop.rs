//! The interoperability exports of the bundled example site and the valid fixture: CASE 1.1
//! packages (`<id>/case.json`) checked strictly against the 1EdTech package schema and
//! against the referential they come from, and Open Badges 3.0 achievements
//! (`<id>/badges/*.json`) checked against the Open Badges 3.0 data model and the CASE items
//! they align to. See docs/interop.md.

use crate::common;
// The structural check against the CASE schema, in its own file.
mod case_schema;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use case_schema::{check_case_schema, object, string};
use common::{Scratch, fixture, html, repo_root, sel};
use refolio::config::Overrides;
use refolio::model::{Referential, anchor};
use refolio::output::MemoryOutput;
use serde_json::{Map, Value};
use uuid::Uuid;

const BASE: &str = "https://example.org/site/";

/// Checks and renders the site at `root` into memory, with `base_url` overriding its
/// configuration; returns the referentials and the files.
fn build(root: &Path, base_url: Option<&str>) -> (Vec<Referential>, MemoryOutput) {
    let overrides = Overrides {
        base_url: base_url.map(str::to_owned),
        ..Overrides::default()
    };
    let checked = refolio::check_with(root, &overrides).expect("site loads");
    assert!(!checked.diagnostics.has_errors(), "the site has errors");
    let out = refolio::render_to_memory(root, &checked).expect("site renders");
    (
        checked
            .site
            .referentials
            .into_iter()
            .map(|(_, r)| r)
            .collect(),
        out,
    )
}

fn json(out: &MemoryOutput, path: &str) -> Value {
    let bytes = out.files.get(path).unwrap_or_else(|| panic!("no {path}"));
    serde_json::from_slice(bytes).expect("valid JSON")
}

/// The UUID refolio derives for `name`, recomputed from the documented scheme.
fn expected_uuid(name: &str) -> String {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:refolio");
    Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}

/// The CASE item type of each item of `r`, by ID.
fn expected_items(r: &Referential) -> BTreeMap<&str, &'static str> {
    let kinds: [(&'static str, Vec<&str>); 6] = [
        (
            "Bloc de compétences",
            r.blocs.iter().map(|b| b.id.as_str()).collect(),
        ),
        (
            "Groupe d'activités",
            r.groups.iter().map(|g| g.id.as_str()).collect(),
        ),
        (
            "Activité",
            r.activities.iter().map(|a| a.id.as_str()).collect(),
        ),
        (
            "Compétence",
            r.competences.iter().map(|c| c.id.as_str()).collect(),
        ),
        (
            "Critère d'évaluation",
            r.criteria.iter().map(|c| c.id.as_str()).collect(),
        ),
        (
            "Modalité d'évaluation",
            r.modalities.iter().map(|m| m.id.as_str()).collect(),
        ),
    ];
    let pairs = kinds
        .into_iter()
        .flat_map(|(kind, ids)| ids.into_iter().map(move |id| (id, kind)));
    pairs.collect()
}

/// The IDs of competences `ks` of `r`.
fn competence_ids<'r>(r: &'r Referential, ks: &[usize]) -> Vec<&'r str> {
    ks.iter().map(|&k| r.competences[k].id.as_str()).collect()
}

/// `(origin ID, destination ID or "")` of every association of `kind`, and the sequence
/// numbers, checked to resolve: every endpoint is an item or the document, with the
/// identifier, URI and title it has there.
fn edges<'p>(package: &'p Value, kind: &str) -> Vec<(&'p str, &'p str, u64)> {
    let document = object(&package["CFDocument"], "CFDocument");
    let items: BTreeMap<&str, &Map<String, Value>> = package["CFItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (string(object(i, "item"), "identifier"), object(i, "item")))
        .collect();
    let endpoint = |link: &'p Value| -> &'p str {
        let link = object(link, "a node link");
        let identifier = string(link, "identifier");
        if identifier == string(document, "identifier") {
            assert_eq!(link["uri"], document["uri"]);
            assert_eq!(link["title"], document["title"]);
            return "";
        }
        let item: &'p Map<String, Value> = items
            .get(identifier)
            .copied()
            .unwrap_or_else(|| panic!("association endpoint {identifier} is no item"));
        assert_eq!(link["uri"], item["uri"]);
        assert_eq!(link["title"], item["humanCodingScheme"]);
        string(item, "humanCodingScheme")
    };
    package["CFAssociations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["associationType"] == kind)
        .map(|a| {
            let seq = a["sequenceNumber"].as_u64().unwrap();
            (
                endpoint(&a["originNodeURI"]),
                endpoint(&a["destinationNodeURI"]),
                seq,
            )
        })
        .collect()
}

/// The package of `r` has one item per bloc, group, activity, competence, criterion and
/// modality, named by the referential's IDs, with the derived UUIDs, in the hierarchy of
/// the referential, criteria and modalities related to their competences.
fn check_mirrors(r: &Referential, package: &Value) {
    let key = r.rncp.as_deref().unwrap_or(&r.id);
    let document = object(&package["CFDocument"], "CFDocument");
    assert_eq!(string(document, "identifier"), expected_uuid(key));
    assert_eq!(string(document, "title"), r.title);
    let items = package["CFItems"].as_array().unwrap();
    let expected = expected_items(r);
    let found: BTreeMap<&str, &str> = items
        .iter()
        .map(|i| {
            let o = object(i, "item");
            let id = string(o, "humanCodingScheme");
            assert_eq!(
                string(o, "identifier"),
                expected_uuid(&format!("{key}/{id}"))
            );
            (id, string(o, "CFItemType"))
        })
        .collect();
    assert_eq!(items.len(), found.len(), "one item per ID");
    assert_eq!(found, expected);

    // The hierarchy: exactly one parent per item, reaching the document.
    let children = edges(package, "isChildOf");
    let parent: BTreeMap<&str, &str> = children.iter().map(|&(o, d, _)| (o, d)).collect();
    assert_eq!(children.len(), items.len(), "one isChildOf per item");
    assert_eq!(parent.len(), items.len());
    for id in expected.keys() {
        let (mut at, mut steps) = (*id, 0);
        while !at.is_empty() {
            at = parent[at];
            steps += 1;
            assert!(steps < 10, "{id}: isChildOf goes round in circles");
        }
    }
    for b in &r.blocs {
        assert_eq!(parent[b.id.as_str()], "", "{}: child of the document", b.id);
    }
    for g in &r.groups {
        assert_eq!(parent[g.id.as_str()], r.blocs[g.bloc].id);
    }
    for a in &r.activities {
        let expected = a.group.map_or(&r.blocs[a.bloc].id, |g| &r.groups[g].id);
        assert_eq!(parent[a.id.as_str()], expected);
    }
    for c in &r.competences {
        assert_eq!(
            parent[c.id.as_str()],
            r.activities[c.activity].id,
            "{}",
            c.id
        );
    }
    for m in &r.modalities {
        assert_eq!(parent[m.id.as_str()], r.blocs[m.bloc].id);
    }
    // Siblings are numbered 1, 2, 3… under each parent.
    let mut numbers: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for &(_, d, seq) in &children {
        numbers.entry(d).or_default().push(seq);
    }
    for (parent, mut seqs) in numbers {
        seqs.sort_unstable();
        assert_eq!(
            seqs,
            (1..=seqs.len() as u64).collect::<Vec<_>>(),
            "under {parent:?}"
        );
    }

    // Criteria and modalities: related to each of their competences, in order.
    let related = edges(package, "isRelatedTo");
    let related_to = |id: &str| -> Vec<&str> {
        let mut found: Vec<_> = related.iter().filter(|e| e.0 == id).collect();
        found.sort_by_key(|e| e.2);
        found.iter().map(|e| e.1).collect()
    };
    for c in &r.criteria {
        let competences = competence_ids(r, &c.competences);
        if r.blocs[c.bloc]
            .shared_criteria
            .iter()
            .any(|&s| r.criteria[s].id == c.id)
        {
            assert_eq!(parent[c.id.as_str()], r.blocs[c.bloc].id, "{}", c.id);
            assert_eq!(related_to(&c.id), competences, "{}", c.id);
        } else {
            assert_eq!(parent[c.id.as_str()], competences[0], "{}", c.id);
            assert!(related_to(&c.id).is_empty(), "{}", c.id);
        }
    }
    for m in &r.modalities {
        assert_eq!(
            related_to(&m.id),
            competence_ids(r, &m.evaluates),
            "{}",
            m.id
        );
    }
    // And nothing else is related.
    let shared = r.blocs.iter().flat_map(|b| &b.shared_criteria);
    let count = shared
        .map(|&c| r.criteria[c].competences.len())
        .sum::<usize>()
        + r.modalities
            .iter()
            .map(|m| m.evaluates.len())
            .sum::<usize>();
    assert_eq!(related.len(), count);
}

#[test]
fn case_packages_follow_the_schema_and_mirror_their_referential() {
    let (referentials, out) = build(&repo_root(), Some(BASE));
    assert_eq!(referentials.len(), 3);
    for r in &referentials {
        let package = json(&out, &format!("{}/case.json", r.id));
        check_case_schema(&package);
        check_mirrors(r, &package);
    }
    // The bundled site has criteria shared by several competences, so the check above
    // did look at several isRelatedTo per criterion.
    assert!(
        referentials
            .iter()
            .flat_map(|r| &r.criteria)
            .any(|c| c.competences.len() > 1)
    );
    assert!(referentials.iter().any(|r| !r.groups.is_empty()));
}

#[test]
fn case_uris_are_the_published_pages() {
    let (referentials, out) = build(&repo_root(), Some(BASE));
    for r in &referentials {
        let package = json(&out, &format!("{}/case.json", r.id));
        let folder = format!("{BASE}{}/", r.id);
        assert_eq!(package["CFDocument"]["uri"], format!("{folder}case.json"));
        let table = html(&out, &format!("{}/index.html", r.id));
        for item in package["CFItems"].as_array().unwrap() {
            let uri = item["uri"].as_str().unwrap();
            let path = uri
                .strip_prefix(&folder)
                .unwrap_or_else(|| panic!("{uri} outside {folder}"));
            let id = item["humanCodingScheme"].as_str().unwrap();
            match path.split_once('#') {
                Some(("index.html", fragment)) => {
                    assert_eq!(fragment, anchor(id));
                    let target = format!("[id=\"{fragment}\"]");
                    assert!(
                        table.select(&sel(&target)).next().is_some(),
                        "no #{fragment}"
                    );
                }
                Some(("case.json", fragment)) => {
                    assert_eq!(
                        item["identifier"], fragment,
                        "{id} is addressed in the package"
                    );
                    assert_ne!(item["CFItemType"], "Compétence");
                }
                _ => {
                    assert_eq!(item["CFItemType"], "Compétence", "{uri}");
                    assert!(
                        out.files.contains_key(&format!("{}/{path}", r.id)),
                        "no page {uri}"
                    );
                }
            }
        }
    }
}

#[test]
fn without_a_base_url_uris_are_urns_and_badges_have_no_case_alignment() {
    let (referentials, out) = build(&repo_root(), None);
    for r in &referentials {
        let package = json(&out, &format!("{}/case.json", r.id));
        check_case_schema(&package);
        let document = &package["CFDocument"];
        assert_eq!(
            document["uri"],
            format!("urn:uuid:{}", document["identifier"].as_str().unwrap())
        );
        for item in package["CFItems"].as_array().unwrap() {
            assert_eq!(
                item["uri"],
                format!("urn:uuid:{}", item["identifier"].as_str().unwrap())
            );
        }
        for file in badge_files(&out, &r.id) {
            let badge = json(&out, &file);
            assert!(
                badge["id"].as_str().unwrap().starts_with("urn:uuid:"),
                "{file}"
            );
            let alignments = badge["alignment"].as_array().map_or(&[][..], Vec::as_slice);
            assert!(
                alignments.iter().all(|a| a["targetType"] != "CFItem"),
                "{file}"
            );
            assert!(
                alignments
                    .iter()
                    .all(|a| a["targetUrl"].as_str().unwrap().starts_with("https://"))
            );
        }
    }
}

#[test]
fn a_referential_without_certifier_version_or_rncp_still_exports() {
    let (referentials, out) = build(&repo_root(), Some(BASE));
    let r = referentials
        .iter()
        .find(|r| r.id == "developpement-commercial")
        .unwrap();
    assert!(r.certifier.is_none() && r.version.is_none() && r.rncp.is_none());
    let package = json(&out, "developpement-commercial/case.json");
    check_case_schema(&package);
    let document = &package["CFDocument"];
    assert_eq!(
        document["creator"], "refolio — exemple",
        "the site title stands in"
    );
    assert_eq!(document["lastChangeDateTime"], "1970-01-01T00:00:00Z");
    assert!(document.get("version").is_none());
    let badge = json(&out, "developpement-commercial/badges/certification.json");
    check_achievement(&badge);
    assert!(badge.get("creator").is_none() && badge.get("version").is_none());
    assert_eq!(badge["humanCode"], "developpement-commercial");
}

#[test]
fn identifiers_survive_a_renamed_file_and_builds_are_byte_identical() {
    let site = Scratch::of("valid");
    let (referentials, first) = build(site.root(), None);
    assert_eq!(referentials[0].version.as_deref(), Some("2025-06-30"));
    let package = json(&first, "demo/case.json");
    assert_eq!(
        package["CFDocument"]["lastChangeDateTime"],
        "2025-06-30T00:00:00Z"
    );
    assert_eq!(
        package["CFDocument"]["identifier"],
        expected_uuid("RNCP00001")
    );
    let (_, second) = build(site.root(), None);
    let exports = |out: &MemoryOutput| -> BTreeMap<String, Vec<u8>> {
        out.files
            .iter()
            .filter(|(p, _)| p.ends_with("case.json") || p.contains("/badges/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect()
    };
    assert_eq!(
        exports(&first).len(),
        4,
        "case.json, two blocs, the certification"
    );
    assert_eq!(exports(&first), exports(&second));

    let yaml = std::fs::read_to_string(site.root().join("content/referentials/demo.yaml")).unwrap();
    let renamed = site
        .remove("content/referentials/demo.yaml")
        .write("content/referentials/renamed.yaml", &yaml);
    let (_, third) = build(renamed.root(), None);
    let identifiers = |package: &Value| -> BTreeSet<String> {
        let items = package["CFItems"].as_array().unwrap().iter();
        let associations = package["CFAssociations"].as_array().unwrap().iter();
        items
            .chain(associations)
            .chain([&package["CFDocument"]])
            .map(|o| o["identifier"].as_str().unwrap().to_owned())
            .collect()
    };
    let moved = json(&third, "renamed/case.json");
    assert_eq!(identifiers(&package), identifiers(&moved));
    let objects = 1
        + package["CFItems"].as_array().unwrap().len()
        + package["CFAssociations"].as_array().unwrap().len();
    assert_eq!(
        identifiers(&package).len(),
        objects,
        "identifiers are unique"
    );
}

/// The badge files of referential `id`, sorted.
fn badge_files(out: &MemoryOutput, id: &str) -> Vec<String> {
    let prefix = format!("{id}/badges/");
    out.files
        .keys()
        .filter(|p| p.starts_with(&prefix))
        .cloned()
        .collect()
}

/// What the Open Badges 3.0 data model requires of an Achievement published as JSON-LD.
fn check_achievement(badge: &Value) {
    let o = object(badge, "an achievement");
    assert_eq!(
        badge["@context"],
        serde_json::json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ])
    );
    assert_eq!(badge["type"], serde_json::json!(["Achievement"]));
    for key in ["id", "name", "description", "humanCode"] {
        assert!(!string(o, key).trim().is_empty(), "`{key}` is empty");
    }
    assert!(
        !string(object(&badge["criteria"], "criteria"), "narrative")
            .trim()
            .is_empty()
    );
    if let Some(language) = badge.get("inLanguage") {
        assert_eq!(language, "fr");
    }
    if let Some(creator) = badge.get("creator") {
        assert_eq!(creator["type"], serde_json::json!(["Profile"]));
        assert!(creator["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert!(creator["name"].is_string());
    }
    for a in badge["alignment"].as_array().map_or(&[][..], Vec::as_slice) {
        assert_eq!(a["type"], serde_json::json!(["Alignment"]));
        for key in [
            "targetName",
            "targetUrl",
            "targetCode",
            "targetFramework",
            "targetType",
        ] {
            assert!(a[key].is_string(), "alignment lacks `{key}`: {a}");
        }
    }
}

#[test]
fn badges_describe_each_bloc_and_the_certification_and_align_to_case_items() {
    let (referentials, out) = build(&repo_root(), Some(BASE));
    for r in &referentials {
        let package = json(&out, &format!("{}/case.json", r.id));
        let uri_of: BTreeMap<&str, &str> = package["CFItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["humanCodingScheme"].as_str().unwrap(),
                    i["uri"].as_str().unwrap(),
                )
            })
            .collect();
        let aligned = |badge: &Value| -> Vec<String> {
            let alignments = badge["alignment"].as_array().unwrap();
            alignments
                .iter()
                .filter(|a| a["targetType"] == "CFItem")
                .map(|a| {
                    let code = a["targetCode"].as_str().unwrap();
                    assert_eq!(a["targetUrl"], uri_of[code], "alignment on {code}");
                    assert_eq!(a["targetFramework"], r.title);
                    code.to_owned()
                })
                .collect()
        };
        let mut files = badge_files(&out, &r.id);
        assert_eq!(
            files.len(),
            r.blocs.len() + 1,
            "one per bloc and the certification"
        );
        for bloc in &r.blocs {
            let file = format!("{}/badges/{}.json", r.id, anchor(&bloc.id));
            files.retain(|f| *f != file);
            let badge = json(&out, &file);
            check_achievement(&badge);
            assert_eq!(badge["id"], format!("{BASE}{file}"));
            assert_eq!(badge["achievementType"], "MicroCredential");
            assert_eq!(badge["name"], bloc.title);
            assert_eq!(badge["humanCode"], bloc.id);
            let competences = competence_ids(r, &bloc.competences);
            let expected: Vec<&str> = std::iter::once(bloc.id.as_str())
                .chain(competences.iter().copied())
                .collect();
            assert_eq!(aligned(&badge), expected);
            let narrative = badge["criteria"]["narrative"].as_str().unwrap();
            for &k in &bloc.competences {
                let c = &r.competences[k];
                assert!(
                    narrative.contains(&format!("- **{}** ", c.id)),
                    "{} in {file}",
                    c.id
                );
                for &i in &c.criteria {
                    assert!(narrative.contains(&format!("*{}*", r.criteria[i].id)));
                }
            }
            assert_eq!(badge["creator"]["name"].as_str(), r.certifier.as_deref());
        }
        assert_eq!(files, [format!("{}/badges/certification.json", r.id)]);
        let badge = json(&out, &files[0]);
        check_achievement(&badge);
        assert_eq!(badge["achievementType"], "Certification");
        assert_eq!(badge["name"], r.title);
        let blocs: Vec<&str> = r.blocs.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(aligned(&badge), blocs);
        let register = badge["alignment"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["targetType"] == "ext:RNCP");
        match (&r.rncp, &r.source_url) {
            (Some(rncp), Some(url)) => {
                let register = register.expect("alignment on the RNCP register");
                assert_eq!(register["targetCode"], rncp.as_str());
                assert_eq!(register["targetUrl"], url.as_str());
                assert_eq!(badge["humanCode"], rncp.as_str());
            }
            _ => assert!(register.is_none()),
        }
    }
}

#[test]
fn the_referential_page_links_to_every_export() {
    let (referentials, out) = build(&fixture("valid"), None);
    let r = &referentials[0];
    let page = html(&out, "demo/index.html");
    let links: Vec<&str> = page
        .select(&sel("dl.meta a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    let mut expected = vec!["referential.json", "case.json", "badges/certification.json"];
    let blocs: Vec<String> = r
        .blocs
        .iter()
        .map(|b| format!("badges/{}.json", anchor(&b.id)))
        .collect();
    expected.extend(blocs.iter().map(String::as_str));
    assert_eq!(links, expected);
    for link in links {
        assert!(
            out.files.contains_key(&format!("demo/{link}")),
            "{link} is not written"
        );
    }
}

#[test]
fn pages_name_their_absolute_url_only_with_a_base_url() {
    let canonical = |out: &MemoryOutput, page: &str| -> Vec<String> {
        html(out, page)
            .select(&sel("link[rel=canonical]"))
            .filter_map(|l| l.value().attr("href").map(str::to_owned))
            .collect()
    };
    let (referentials, out) = build(&repo_root(), Some(BASE));
    let r = &referentials[0];
    let table = format!("{}/index.html", r.id);
    assert_eq!(canonical(&out, &table), [format!("{BASE}{table}")]);
    assert_eq!(canonical(&out, "index.html"), [format!("{BASE}index.html")]);
    let (_, offline) = build(&repo_root(), None);
    assert_eq!(canonical(&offline, &table), Vec::<String>::new());
}
