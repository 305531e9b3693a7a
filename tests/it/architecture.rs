//! The pipeline reads top-down: no module of `src/` uses, directly or through others, a
//! module that uses it. Checked on the source text (`crate::a::b` and `super::b` paths
//! outside comments and test modules), for top-level modules and for the modules inside
//! each, so that a new cycle fails here with its path rather than in a later review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::repo_root;

/// Module path of a source file: `render/plan.rs` → `[render, plan]`, `load/mod.rs` →
/// `[load]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Paths named after `prefix` (`crate::` or `super::`): their segments.
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    code.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &code[i + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            rest[..end].split("::").filter(|s| !s.is_empty()).collect()
        })
        .collect()
}

/// Module → the modules it uses, both cut to `depth` segments.
fn graph(depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let src = repo_root().join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let module = module_of(entry.path().strip_prefix(&src).unwrap());
        if matches!(module.as_slice(), [m] if m == "main" || m == "lib") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let cut = |parts: &[String]| parts[..parts.len().min(depth)].join("::");
        let me = cut(&module);
        let mut used = BTreeSet::new();
        for segs in paths_after(&code, "crate::") {
            let segs: Vec<String> = segs.iter().map(|s| s.to_string()).collect();
            used.insert(cut(&segs));
        }
        // `super::x` from `a/b.rs` (module `a::b`) names `a::x`; from `a/mod.rs`, the crate.
        let parent = &module[..module.len() - 1];
        let parent = if entry.file_name() == "mod.rs" {
            &module[..module.len().saturating_sub(1)]
        } else {
            parent
        };
        for segs in paths_after(&code, "super::") {
            let mut full: Vec<String> = parent.to_vec();
            full.extend(segs.iter().take(1).map(|s| s.to_string()));
            used.insert(cut(&full));
        }
        used.remove(&me);
        graph.entry(me).or_default().extend(used);
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for used in graph.values_mut() {
        used.retain(|m| modules.contains(m));
    }
    graph
}

/// A cycle of `graph`, as the modules along it, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut found = path[i..].to_vec();
            found.push(m.to_owned());
            return Some(found);
        }
        if !done.insert(m.to_owned()) {
            return None;
        }
        path.push(m.to_owned());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn modules_form_no_cycle() {
    for depth in [1, 2, 3] {
        let graph = graph(depth);
        assert!(graph.len() > 10, "{graph:?}");
        if let Some(found) = cycle(&graph) {
            panic!("module cycle: {}", found.join(" → "));
        }
    }
}

#[test]
fn the_pipeline_runs_top_down() {
    let graph = graph(1);
    let uses = |a: &str, b: &str| graph[a].contains(b);
    // The stages the README lists, each using none of those after it; the write point
    // uses nothing of the crate.
    assert_eq!(graph["output"], BTreeSet::new());
    let stages = ["load", "model", "validate", "render"];
    for (i, early) in stages.iter().enumerate() {
        for later in &stages[i + 1..] {
            assert!(!uses(early, later), "{early} uses {later}");
        }
    }
    assert!(!uses("render", "project"), "render uses project");
    // Incremental work (file events, what a page depends on) knows only where sources live.
    assert_eq!(
        graph["incremental"],
        BTreeSet::from(["layout".to_owned()]),
        "incremental uses more than the layout"
    );
    for m in ["load", "model", "validate", "render"] {
        assert!(!uses(m, "serve"), "{m} uses serve");
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(m, used)| (m.to_owned(), used.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    let mut acyclic = graph;
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(cycle(&acyclic), None);
}
