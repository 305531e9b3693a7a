//! Writing generated content as YAML, and what its JSON export must be.

use serde_json::{Value, json};

use super::referential_gen::{Style, Text};
use super::referential_model::{
    Activity, Bloc, Competence, Criterion, Modality, Ref, Rules, criterion_id,
};

/// A YAML text under construction, in block style.
#[derive(Default)]
pub struct Yaml {
    pub out: String,
    /// A `- ` was written and the next key goes on the same line.
    pending_item: bool,
}

/// Whether a text can be written as a plain scalar and read back as the same string.
fn plain_ok(s: &str) -> bool {
    let keyword = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    s.chars().next().is_some_and(char::is_alphabetic)
        && !keyword
        && s.chars()
            .all(|c| c.is_alphanumeric() || " .,'’()%-«»".contains(c))
}

impl Yaml {
    fn start(&mut self, indent: usize) {
        if self.pending_item {
            self.pending_item = false;
        } else {
            self.out.push_str(&" ".repeat(indent));
        }
    }

    /// Starts a list item whose map keys are at `indent + 2`.
    pub fn item(&mut self, indent: usize) {
        self.start(indent);
        self.out.push_str("- ");
        self.pending_item = true;
    }

    /// `key:` opening a nested block.
    pub fn open(&mut self, indent: usize, key: &str) {
        self.start(indent);
        self.out.push_str(key);
        self.out.push_str(":\n");
    }

    /// `key: value` with a value written verbatim (numbers, IDs, booleans).
    pub fn raw(&mut self, indent: usize, key: &str, value: impl std::fmt::Display) {
        self.start(indent);
        self.out.push_str(&format!("{key}: {value}\n"));
    }

    pub fn opt_raw(&mut self, indent: usize, key: &str, value: Option<impl std::fmt::Display>) {
        if let Some(v) = value {
            self.raw(indent, key, v);
        }
    }

    /// `key: <text>` in the text's style; block content is indented under the key.
    pub fn text(&mut self, indent: usize, key: &str, t: &Text) {
        self.start(indent);
        self.out.push_str(key);
        self.out.push(':');
        self.scalar(indent, t);
    }

    pub fn opt_text(&mut self, indent: usize, key: &str, t: &Option<Text>) {
        if let Some(t) = t {
            self.text(indent, key, t);
        }
    }

    /// `- <text>`: a text as a list item.
    pub fn text_item(&mut self, indent: usize, t: &Text) {
        self.start(indent);
        self.out.push('-');
        self.scalar(indent, t);
    }

    /// `- <id>`: an ID (or any plain-safe value) as a list item.
    pub fn id_item(&mut self, indent: usize, id: &str) {
        self.start(indent);
        self.out.push_str(&format!("- {id}\n"));
    }

    /// A list of IDs, flow (`[a, b]`) or block style.
    pub fn ids(&mut self, indent: usize, key: &str, ids: &[String], flow: bool) {
        if flow {
            self.raw(indent, key, format!("[{}]", ids.join(", ")));
        } else {
            self.open(indent, key);
            for id in ids {
                self.id_item(indent + 2, id);
            }
        }
    }

    /// The value after `key:` or `-`, for a node whose own line is indented by `indent`.
    fn scalar(&mut self, indent: usize, t: &Text) {
        let one_line = !t.value.contains('\n');
        let style = match t.style {
            Style::Plain if one_line && plain_ok(&t.value) => Style::Plain,
            Style::Single if one_line => Style::Single,
            Style::Literal => Style::Literal,
            _ => Style::Double,
        };
        match style {
            Style::Plain => self.out.push_str(&format!(" {}\n", t.value)),
            Style::Single => self
                .out
                .push_str(&format!(" '{}'\n", t.value.replace('\'', "''"))),
            Style::Double => {
                let quoted = serde_json::to_string(&t.value).expect("a string serialises");
                self.out.push_str(&format!(" {quoted}\n"));
            }
            Style::Literal => {
                self.out.push_str(" |\n");
                let pad = " ".repeat(indent + 4);
                for line in t.value.lines() {
                    self.out.push_str(&pad);
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
        }
    }
}

/// The referential's YAML file.
pub fn referential_yaml(r: &Ref) -> String {
    let mut y = Yaml::default();
    y.text(0, "title", &r.title);
    y.opt_raw(0, "rncp", r.rncp.as_ref());
    y.opt_raw(0, "level", r.level);
    y.opt_text(0, "certifier", &r.certifier);
    y.opt_raw(0, "version", r.version.as_ref());
    y.opt_raw(0, "language", r.language);
    y.opt_raw(0, "source_url", r.source_url.as_ref());
    y.opt_text(0, "preamble", &r.preamble);
    y.opt_text(0, "notes", &r.notes);
    if let Some(rules) = &r.rules {
        if *rules == Rules::default() {
            y.raw(0, "rules", "{}");
        } else {
            y.open(0, "rules");
            y.opt_raw(2, "competence_threshold", rules.competence_threshold);
            y.opt_raw(2, "bloc_pass_percent", rules.bloc_pass_percent);
            y.opt_raw(2, "total_points", rules.total_points);
            y.opt_raw(2, "pass_mark", rules.pass_mark);
            if let Some((parts, points, minimum)) = &rules.professional {
                y.open(2, "professional_evaluation");
                y.raw(4, "points", points);
                y.opt_raw(4, "minimum", *minimum);
                if !parts.is_empty() {
                    y.open(4, "parts");
                    for (title, points) in parts {
                        y.item(6);
                        y.text(8, "title", title);
                        y.raw(8, "points", points);
                    }
                }
            }
            y.opt_raw(2, "partial_certification", rules.partial_certification);
            y.opt_raw(2, "exemptions", rules.exemptions);
        }
    }
    y.open(0, "blocs");
    for b in &r.blocs {
        bloc_yaml(&mut y, b);
    }
    y.out
}

fn bloc_yaml(y: &mut Yaml, b: &Bloc) {
    y.item(2);
    y.raw(4, "id", &b.id);
    y.text(4, "title", &b.title);
    y.opt_raw(4, "points", b.points);
    y.opt_raw(4, "minimum", b.minimum);
    y.opt_raw(4, "hours", b.hours);
    y.opt_text(4, "summary", &b.summary);
    if !b.groups.is_empty() {
        y.open(4, "groups");
        for g in &b.groups {
            y.item(6);
            y.raw(8, "id", &g.id);
            y.text(8, "title", &g.title);
            y.opt_text(8, "summary", &g.summary);
            activities_yaml(y, 8, &g.activities);
        }
    }
    activities_yaml(y, 4, &b.activities);
    if !b.shared.is_empty() {
        y.open(4, "criteria");
        for (c, competences, flow) in &b.shared {
            y.item(6);
            y.ids(8, "competences", competences, *flow);
            criterion_fields(y, 8, c);
        }
    }
    if !b.modalities.is_empty() {
        y.open(4, "modalities");
        for m in &b.modalities {
            modality_yaml(y, m);
        }
    }
    if !b.modules.is_empty() {
        y.open(4, "modules");
        for (id, title, hours) in &b.modules {
            y.item(6);
            y.raw(8, "id", id);
            y.text(8, "title", title);
            y.opt_raw(8, "hours", *hours);
        }
    }
}

fn activities_yaml(y: &mut Yaml, indent: usize, activities: &[Activity]) {
    if activities.is_empty() {
        return;
    }
    y.open(indent, "activities");
    for a in activities {
        y.item(indent + 2);
        y.raw(indent + 4, "id", &a.id);
        y.text(indent + 4, "title", &a.title);
        if a.competences.is_empty() {
            continue;
        }
        y.open(indent + 4, "competences");
        for c in &a.competences {
            let i = indent + 8;
            y.item(i - 2);
            y.raw(i, "id", &c.id);
            y.text(i, "text", &c.text);
            if c.criteria.is_empty() {
                continue;
            }
            y.open(i, "criteria");
            for k in &c.criteria {
                if k.short && k.id.is_none() && k.indicators.is_empty() {
                    y.text_item(i + 2, &k.text);
                } else {
                    y.item(i + 2);
                    criterion_fields(y, i + 4, k);
                }
            }
        }
    }
}

fn criterion_fields(y: &mut Yaml, indent: usize, c: &Criterion) {
    y.opt_raw(indent, "id", c.id.as_ref());
    y.text(indent, "text", &c.text);
    if !c.indicators.is_empty() {
        y.open(indent, "indicators");
        for i in &c.indicators {
            y.text_item(indent + 2, i);
        }
    }
}

fn modality_yaml(y: &mut Yaml, m: &Modality) {
    y.item(6);
    y.opt_raw(8, "id", m.id.as_ref());
    y.text(8, "title", &m.title);
    y.raw(8, "kind", m.kind);
    y.opt_text(8, "duration", &m.duration);
    y.opt_raw(8, "points", m.points);
    y.opt_text(8, "description", &m.description);
    y.ids(8, "evaluates", &m.evaluates, m.flow);
}

/// IDs in order of first appearance.
fn dedup(ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// What `<id>/referential.json` must hold for `r`, per docs/json-export.md, computed from
/// the generated content alone: generated IDs by the documented scheme, a bloc ID in
/// `evaluates` expanded to the bloc's competences, references as IDs in source order.
pub fn expected_export(r: &Ref) -> Value {
    let rules = r.rules.clone().unwrap_or_default();
    let professional = rules.professional.as_ref().map(|(parts, points, minimum)| {
        let parts: Vec<Value> = parts
            .iter()
            // A part without an `id` is named by its title's anchor (docs/content-format.md).
            .map(|(t, p)| {
                let title = t.value.trim();
                json!({"id": refolio::model::anchor(title), "title": title, "points": p})
            })
            .collect();
        json!({"points": points, "minimum": minimum, "parts": parts})
    });
    json!({
        "format": "refolio.referential/1",
        "id": r.id,
        "url": null,
        "title": r.title.value,
        "rncp": r.rncp,
        "level": r.level,
        "certifier": r.certifier.as_ref().map(|t| &t.value),
        "version": r.version,
        "language": r.language.unwrap_or("fr"),
        "source_url": r.source_url,
        "preamble": r.preamble.as_ref().map(|t| &t.value),
        "notes": r.notes.as_ref().map(|t| &t.value),
        "rules": {
            "competence_threshold": rules.competence_threshold,
            "bloc_pass_percent": rules.bloc_pass_percent,
            "total_points": rules.total_points,
            "pass_mark": rules.pass_mark,
            "professional_evaluation": professional,
            "partial_certification": rules.partial_certification,
            "exemptions": rules.exemptions,
        },
        "blocs": r.blocs.iter().map(expected_bloc).collect::<Vec<_>>(),
    })
}

fn expected_bloc(b: &Bloc) -> Value {
    let opt = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
    // Every criterion of the bloc: nested ones in reading order, then bloc-level ones.
    let mut criteria = Vec::new();
    let mut own: Vec<(String, Vec<String>)> = Vec::new();
    for c in b.competences() {
        let mut ids = Vec::new();
        for (i, k) in c.criteria.iter().enumerate() {
            let (id, generated) = criterion_id(k, &c.id, i + 1);
            criteria.push(criterion_json(
                &id,
                generated,
                k,
                std::slice::from_ref(&c.id),
            ));
            ids.push(id);
        }
        own.push((c.id.clone(), ids));
    }
    let shared: Vec<(String, Vec<String>)> = b
        .shared
        .iter()
        .enumerate()
        .map(|(i, (k, competences, _))| {
            let (id, generated) = criterion_id(k, &b.id, i + 1);
            let competences = dedup(competences.iter().cloned());
            criteria.push(criterion_json(&id, generated, k, &competences));
            (id, competences)
        })
        .collect();
    let all: Vec<String> = b.competences().map(|c| c.id.clone()).collect();
    let modalities: Vec<(String, Vec<String>, &Modality)> = b
        .modalities
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let id =
                m.id.clone()
                    .unwrap_or_else(|| format!("{}.E{}", b.id, i + 1));
            let expanded = m.evaluates.iter().flat_map(|e| {
                if *e == b.id {
                    all.clone()
                } else {
                    vec![e.clone()]
                }
            });
            (id, dedup(expanded), m)
        })
        .collect();
    let competence = |c: &Competence| {
        let mut criteria = own.iter().find(|o| o.0 == c.id).unwrap().1.clone();
        criteria.extend(
            shared
                .iter()
                .filter(|s| s.1.contains(&c.id))
                .map(|s| s.0.clone()),
        );
        let evaluated_by: Vec<&String> = modalities
            .iter()
            .filter(|m| m.1.contains(&c.id))
            .map(|m| &m.0)
            .collect();
        json!({"id": c.id, "text": c.text.value, "criteria": criteria, "modalities": evaluated_by})
    };
    let activity = |a: &Activity, group: Option<&String>| {
        json!({
            "id": a.id,
            "title": a.title.value,
            "group": group,
            "competences": a.competences.iter().map(competence).collect::<Vec<_>>(),
        })
    };
    let mut activities: Vec<Value> = Vec::new();
    for g in &b.groups {
        activities.extend(g.activities.iter().map(|a| activity(a, Some(&g.id))));
    }
    activities.extend(b.activities.iter().map(|a| activity(a, None)));
    json!({
        "id": b.id,
        "title": b.title.value,
        "points": b.points,
        "minimum": b.minimum,
        "hours": b.hours,
        "summary": opt(&b.summary),
        "groups": b.groups.iter().map(|g| json!({
            "id": g.id,
            "title": g.title.value,
            "summary": opt(&g.summary),
            "activities": g.activities.iter().map(|a| &a.id).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "activities": activities,
        "criteria": criteria,
        "modalities": modalities.iter().map(|(id, evaluates, m)| json!({
            "id": id,
            "generated_id": m.id.is_none(),
            "title": m.title.value,
            "kind": m.kind,
            "duration": opt(&m.duration),
            "points": m.points,
            "description": opt(&m.description),
            "evaluates": evaluates,
        })).collect::<Vec<_>>(),
        "modules": b.modules.iter().map(|(id, title, hours)| json!({
            "id": id, "title": title.value, "hours": hours,
        })).collect::<Vec<_>>(),
    })
}

fn criterion_json(id: &str, generated: bool, c: &Criterion, competences: &[String]) -> Value {
    json!({
        "id": id,
        "generated_id": generated,
        "text": c.text.value,
        "indicators": c.indicators.iter().map(|i| &i.value).collect::<Vec<_>>(),
        "competences": competences,
    })
}

/// The first place two JSON values differ, as `path: expected … found …`.
pub fn first_difference(path: &str, expected: &Value, found: &Value) -> Option<String> {
    match (expected, found) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{path}.{k}");
                match b.get(k) {
                    None => return Some(format!("{p}: expected {v}, missing")),
                    Some(w) => {
                        if let Some(d) = first_difference(&p, v, w) {
                            return Some(d);
                        }
                    }
                }
            }
            b.keys()
                .find(|k| !a.contains_key(*k))
                .map(|k| format!("{path}.{k}: unexpected key, value {}", b[k]))
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                if let Some(d) = first_difference(&format!("{path}[{i}]"), v, w) {
                    return Some(d);
                }
            }
            (a.len() != b.len())
                .then(|| format!("{path}: expected {} items, found {}", a.len(), b.len()))
        }
        (a, b) if a == b => None,
        (a, b) => Some(format!("{path}: expected {a}, found {b}")),
    }
}
