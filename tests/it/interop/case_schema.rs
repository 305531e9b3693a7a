//! A CASE 1.1 package checked strictly against the 1EdTech package schema
//! (`case_v1p1_cfpackage-jsonschema1.json`), class by class, from the rules written down in
//! `tests/fixtures/interop/case-1.1-package-rules.json`.

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::common::fixture;

/// The rules of the CASE 1.1 package schema, class by class: `required` and `allowed`
/// properties, and the association types.
fn case_rules() -> Value {
    let path = fixture("interop/case-1.1-package-rules.json");
    serde_json::from_slice(&std::fs::read(path).expect("rules fixture")).expect("rules JSON")
}

/// Required properties present, and none that class `class` of the schema does not define.
fn check_keys(v: &Value, rules: &Value, class: &str) {
    let o = object(v, class);
    let listed = |list: &str| -> Vec<&str> {
        let values = rules[class][list].as_array().expect("a list of properties");
        values.iter().filter_map(Value::as_str).collect()
    };
    for key in listed("required") {
        assert!(o.contains_key(key), "{class} lacks required `{key}`: {o:?}");
    }
    let allowed = listed("allowed");
    for key in o.keys() {
        assert!(
            allowed.contains(&key.as_str()),
            "{class} has `{key}`, which CASE does not define"
        );
    }
}

/// A UUID as CASE wants it: lowercase 8-4-4-4-12; ours are all version 5.
fn check_uuid(s: &str) -> Uuid {
    let uuid = Uuid::parse_str(s).unwrap_or_else(|e| panic!("`{s}` is not a UUID: {e}"));
    assert_eq!(
        uuid.hyphenated().to_string(),
        s,
        "UUIDs are lowercase and hyphenated"
    );
    assert_eq!(uuid.get_version_num(), 5, "{s} is a version 5 UUID");
    uuid
}

/// An RFC 3339 date-time in UTC, as the exports write them: `YYYY-MM-DDThh:mm:ssZ`.
fn check_date_time(s: &str) {
    let shape: String = s
        .chars()
        .map(|c| if c.is_ascii_digit() { 'd' } else { c })
        .collect();
    assert_eq!(shape, "dddd-dd-ddTdd:dd:ddZ", "`{s}` is not a date-time");
}

/// Strict structural check of a package against the CASE 1.1 package schema.
pub fn check_case_schema(package: &Value) {
    let rules = case_rules();
    check_keys(package, &rules, "CFPackage");
    let document = &package["CFDocument"];
    check_keys(document, &rules, "CFPckgDocument");
    let items = package["CFItems"].as_array().expect("CFItems array");
    for node in std::iter::once(document).chain(items) {
        let o = object(node, "a document or item");
        assert!(o.values().all(Value::is_string), "{o:?}");
        check_uuid(string(o, "identifier"));
        check_date_time(string(o, "lastChangeDateTime"));
    }
    assert!(
        rules["caseVersion"]
            .as_array()
            .unwrap()
            .contains(&document["caseVersion"])
    );
    for item in items {
        check_keys(item, &rules, "CFPckgItem");
    }
    let types = rules["associationType"].as_array().unwrap();
    for association in package["CFAssociations"]
        .as_array()
        .expect("CFAssociations")
    {
        check_keys(association, &rules, "CFPckgAssociation");
        let o = object(association, "a CFAssociation");
        check_uuid(string(o, "identifier"));
        check_date_time(string(o, "lastChangeDateTime"));
        assert!(types.contains(&o["associationType"]), "{o:?}");
        assert!(o["sequenceNumber"].is_u64(), "sequenceNumber is an integer");
        for end in ["originNodeURI", "destinationNodeURI"] {
            check_keys(&o[end], &rules, "LinkGenURI");
            assert!(object(&o[end], end).values().all(Value::is_string));
        }
    }
}

pub fn object<'v>(v: &'v Value, what: &str) -> &'v Map<String, Value> {
    v.as_object()
        .unwrap_or_else(|| panic!("{what} is not an object"))
}

pub fn string<'v>(v: &'v Map<String, Value>, key: &str) -> &'v str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("`{key}` is not a string in {v:?}"))
}
