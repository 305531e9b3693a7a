//! A referential as an importer recovered it, before its author reviews it: the shape of
//! `docs/content-format.md`, plus review notes attached to the items that were guessed or
//! must be completed. [`Draft::to_yaml`] writes it as a referential file (notes become YAML
//! comments beside the item); [`verify`] reads that text back through the real loader.

use std::path::Path;

use crate::diagnostics::{Diagnostics, Sources};
use crate::load::raw::RawReferential;
use crate::load::{ReferentialFile, parse_yaml};
use crate::model::ModalityKind;

/// A whole referential. `draft: true` is always written: the author removes it once the
/// review is done, and until then missing criteria are warnings (see `validate`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Draft {
    pub title: String,
    pub rncp: Option<String>,
    pub level: Option<u8>,
    pub certifier: Option<String>,
    pub language: Option<String>,
    pub source_url: Option<String>,
    pub preamble: Option<String>,
    /// Markdown shown after the table (exam rules, jury…).
    pub notes_text: Option<String>,
    pub blocs: Vec<DraftBloc>,
    /// Review notes about the whole file, written as comments at its top.
    pub review: Vec<String>,
    /// Text of the source the importer put nowhere, with its line: comments at the end.
    pub dropped: Vec<(usize, String)>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct DraftBloc {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub groups: Vec<DraftGroup>,
    pub activities: Vec<DraftActivity>,
    /// Bloc-level criteria (those naming their `competences`).
    pub criteria: Vec<DraftCriterion>,
    pub modalities: Vec<DraftModality>,
    pub review: Vec<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct DraftGroup {
    pub id: String,
    pub title: String,
    /// A group-level competence statement.
    pub summary: Option<String>,
    pub activities: Vec<DraftActivity>,
    pub review: Vec<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct DraftActivity {
    pub id: String,
    pub title: String,
    pub competences: Vec<DraftCompetence>,
    pub review: Vec<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct DraftCompetence {
    pub id: String,
    pub text: String,
    pub criteria: Vec<DraftCriterion>,
    pub review: Vec<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct DraftCriterion {
    pub id: Option<String>,
    pub text: String,
    /// The observable points listed under it.
    pub indicators: Vec<String>,
    /// Only for bloc-level criteria: the competences it assesses.
    pub competences: Vec<String>,
    pub review: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftModality {
    pub id: Option<String>,
    pub title: String,
    pub kind: ModalityKind,
    pub description: Option<String>,
    pub evaluates: Vec<String>,
    pub review: Vec<String>,
}

impl Draft {
    /// The referential file: stable field order, two-space indentation, every string quoted
    /// or a literal block so that no text can be read back as another type.
    pub fn to_yaml(&self) -> String {
        let mut w = Writer::default();
        for note in &self.review {
            w.comment(0, note);
        }
        w.scalar(0, "title", &self.title);
        w.opt(0, "rncp", self.rncp.as_deref());
        if let Some(level) = self.level {
            w.line(0, &format!("level: {level}"));
        }
        w.opt(0, "certifier", self.certifier.as_deref());
        w.opt(0, "language", self.language.as_deref());
        w.opt(0, "source_url", self.source_url.as_deref());
        w.line(0, "draft: true");
        w.opt(0, "preamble", self.preamble.as_deref());
        w.opt(0, "notes", self.notes_text.as_deref());
        w.line(0, "");
        // `blocs:` alone would read as no value at all; the loader then says what is missing.
        w.line(
            0,
            if self.blocs.is_empty() {
                "blocs: []"
            } else {
                "blocs:"
            },
        );
        for b in &self.blocs {
            w.bloc(b);
        }
        if !self.dropped.is_empty() {
            w.line(0, "");
            w.comment(
                0,
                "------------------------------------------------------------------\n\
                 Text of the source that is nowhere above (the importer dropped it): check that\n\
                 none of it belongs in the referential.",
            );
            for (line, text) in &self.dropped {
                w.comment(0, &format!("line {line}: {text}"));
            }
        }
        w.out
    }
}

/// Indented YAML text, written line by line.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, indent: usize, text: &str) {
        if !text.is_empty() {
            self.out.extend(std::iter::repeat_n(' ', indent));
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    fn comment(&mut self, indent: usize, note: &str) {
        for l in note.lines() {
            self.line(indent, &format!("# {l}").replace('\r', ""));
        }
    }

    fn opt(&mut self, indent: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.scalar(indent, key, v);
        }
    }

    /// `key: "value"`, or `key: |-` and the lines when the text has several.
    fn scalar(&mut self, indent: usize, key: &str, value: &str) {
        let value = value.trim_end();
        if value.contains('\n') {
            // An indentation indicator keeps a first line that starts with spaces.
            let indicator = if value.starts_with(' ') { "2" } else { "" };
            self.line(indent, &format!("{key}: |{indicator}-"));
            for l in value.lines() {
                self.line(indent + 2, l.trim_end());
            }
        } else {
            self.line(indent, &format!("{key}: {}", quoted(value)));
        }
    }

    /// A list item's first key: `- key: value` at `indent`, the following keys at `indent + 2`.
    fn item(&mut self, indent: usize, key: &str, value: &str) {
        let start = self.out.len();
        self.scalar(indent + 2, key, value);
        // Replace the two spaces before the key with the dash.
        self.out
            .replace_range(start + indent..start + indent + 2, "- ");
    }

    fn list(&mut self, indent: usize, key: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        self.line(indent, &format!("{key}:"));
        for v in values {
            self.line(indent + 2, &format!("- {}", quoted(v)));
        }
    }

    fn bloc(&mut self, b: &DraftBloc) {
        self.line(
            2,
            "# ------------------------------------------------------------------",
        );
        for note in &b.review {
            self.comment(2, note);
        }
        self.item(2, "id", &b.id);
        self.scalar(4, "title", &b.title);
        self.opt(4, "summary", b.summary.as_deref());
        if !b.groups.is_empty() {
            self.line(4, "groups:");
            for g in &b.groups {
                for note in &g.review {
                    self.comment(6, note);
                }
                self.item(6, "id", &g.id);
                self.scalar(8, "title", &g.title);
                self.opt(8, "summary", g.summary.as_deref());
                self.activities(8, &g.activities);
            }
        }
        self.activities(4, &b.activities);
        self.criteria(4, &b.criteria);
        if !b.modalities.is_empty() {
            self.line(4, "modalities:");
            for m in &b.modalities {
                for note in &m.review {
                    self.comment(6, note);
                }
                match &m.id {
                    Some(id) => {
                        self.item(6, "id", id);
                        self.scalar(8, "title", &m.title);
                    }
                    None => self.item(6, "title", &m.title),
                }
                // As the loader reads it: `case-study`, `other`…
                let kind = serde_json::to_value(m.kind).unwrap_or_default();
                self.line(8, &format!("kind: {}", kind.as_str().unwrap_or("other")));
                self.opt(8, "description", m.description.as_deref());
                self.list(8, "evaluates", &m.evaluates);
            }
        }
    }

    fn activities(&mut self, indent: usize, activities: &[DraftActivity]) {
        if activities.is_empty() {
            return;
        }
        self.line(indent, "activities:");
        for a in activities {
            for note in &a.review {
                self.comment(indent + 2, note);
            }
            self.item(indent + 2, "id", &a.id);
            self.scalar(indent + 4, "title", &a.title);
            if a.competences.is_empty() {
                continue;
            }
            self.line(indent + 4, "competences:");
            for k in &a.competences {
                for note in &k.review {
                    self.comment(indent + 6, note);
                }
                self.item(indent + 6, "id", &k.id);
                self.scalar(indent + 8, "text", &k.text);
                self.criteria(indent + 8, &k.criteria);
            }
        }
    }

    fn criteria(&mut self, indent: usize, criteria: &[DraftCriterion]) {
        if criteria.is_empty() {
            return;
        }
        self.line(indent, "criteria:");
        for c in criteria {
            for note in &c.review {
                self.comment(indent + 2, note);
            }
            match &c.id {
                Some(id) => {
                    self.item(indent + 2, "id", id);
                    self.scalar(indent + 4, "text", &c.text);
                }
                None => self.item(indent + 2, "text", &c.text),
            }
            self.list(indent + 4, "indicators", &c.indicators);
            self.list(indent + 4, "competences", &c.competences);
        }
    }
}

/// A YAML double-quoted scalar. JSON's string syntax is a subset of it.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Reads `yaml` back as the referential `id` through the loader, lowering and validation
/// a build uses, and returns what they report. An importer's output with an error here is a
/// bug in the importer.
pub fn verify(id: &str, yaml: &str) -> (Diagnostics, Sources) {
    let rel = Path::new(crate::load::REFERENTIALS_DIR).join(format!("{id}.yaml"));
    verify_at(id, yaml, &rel)
}

/// [`verify`], with diagnostics naming the file `shown` (where it was written).
pub fn verify_at(id: &str, yaml: &str, shown: &Path) -> (Diagnostics, Sources) {
    let rel = shown.to_path_buf();
    let mut diags = Diagnostics::default();
    let mut sources = Sources::default();
    sources.insert(&rel, yaml.to_owned());
    if let Err(d) = crate::load::check_url_id(id, &rel, "referential file", ".yaml") {
        diags.push(d);
        return (diags, sources);
    }
    match parse_yaml::<RawReferential>(yaml, &rel) {
        Ok(raw) => {
            let file = ReferentialFile {
                id: id.to_owned(),
                path: rel,
                raw,
            };
            let referential = crate::model::lower_referential(file, &mut diags);
            for d in crate::validate::validate_referential(&referential) {
                diags.push(d);
            }
        }
        Err(d) => diags.push(d),
    }
    (diags, sources)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Draft {
        Draft {
            title: "Titre : avec « deux-points » et # dièse".into(),
            rncp: Some("RNCP36395".into()),
            level: Some(6),
            certifier: Some("CCI France".into()),
            review: vec!["importé de l'export RNCP".into()],
            blocs: vec![DraftBloc {
                id: "RNCP36395BC01".into(),
                title: "Bloc un".into(),
                activities: vec![DraftActivity {
                    id: "A1".into(),
                    title: "À compléter".into(),
                    competences: vec![
                        DraftCompetence {
                            id: "C1".into(),
                            text: "  indentée\nsur deux lignes: oui".into(),
                            review: vec!["deviné".into()],
                            ..DraftCompetence::default()
                        },
                        DraftCompetence {
                            id: "C2".into(),
                            text: "true".into(),
                            criteria: vec![DraftCriterion {
                                text: "- pas une liste".into(),
                                ..DraftCriterion::default()
                            }],
                            ..DraftCompetence::default()
                        },
                    ],
                    review: Vec::new(),
                }],
                modalities: vec![DraftModality {
                    id: None,
                    title: "Étude de cas".into(),
                    kind: ModalityKind::CaseStudy,
                    description: Some("Écrit\n\n4 heures".into()),
                    evaluates: vec!["C1".into(), "C2".into()],
                    review: Vec::new(),
                }],
                ..DraftBloc::default()
            }],
            ..Draft::default()
        }
    }

    #[test]
    fn a_draft_reads_back_with_its_texts_and_only_draft_warnings() {
        let yaml = sample().to_yaml();
        let raw: RawReferential = parse_yaml(&yaml, Path::new("x.yaml")).expect(&yaml);
        assert_eq!(raw.title.value, "Titre : avec « deux-points » et # dièse");
        let bloc = &raw.blocs.value[0];
        let k = &bloc.activities[0].competences;
        assert_eq!(k[0].text.value, "  indentée\nsur deux lignes: oui");
        assert_eq!(k[1].text.value, "true");
        assert_eq!(k[1].criteria[0].value.text.value, "- pas une liste");
        assert_eq!(
            bloc.modalities[0].value.description.as_ref().unwrap().value,
            "Écrit\n\n4 heures"
        );
        assert!(yaml.contains("          # deviné\n"), "{yaml}");
        assert!(yaml.contains("        kind: case-study\n"), "{yaml}");

        let (diags, sources) = verify("rncp36395", &yaml);
        let lines: Vec<String> = diags.sorted().iter().map(|d| d.render(&sources)).collect();
        assert!(!diags.has_errors(), "{lines:#?}");
        assert_eq!(diags.warnings(), 1, "{lines:#?}");
        assert!(
            lines[0].contains("warning: competence `C1` has no evaluation criterion (draft)"),
            "{lines:#?}"
        );
    }

    #[test]
    fn without_draft_the_same_gap_is_an_error() {
        let yaml = sample().to_yaml().replace("draft: true\n", "");
        let (diags, _) = verify("rncp36395", &yaml);
        assert_eq!(diags.errors(), 1);
    }
}
