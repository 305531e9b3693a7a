//! `refolio import rncp`: one fiche of France compétences' RNCP open-data export (XML,
//! format v4.1), read as a stream ([`xml`]), as a draft referential. The export has blocs,
//! their competence lists as free text and their evaluation modalities as free text; it
//! has no activities and no criteria. So each bloc gets one activity to rewrite, its list is
//! cleaned ([`text`]) and cut into competences ([`split`]), each competence is marked as
//! needing criteria, and the modality text becomes one modality to split into exams.

mod split;
mod text;
mod xml;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::Imported;
use super::draft::{Draft, DraftActivity, DraftBloc, DraftCompetence, DraftModality};
use crate::Error;
use crate::model::{ModalityKind, anchor};

pub use xml::{Bloc, Fiche};

/// The note every imported competence carries.
pub const CRITERIA_TODO: &str = "critères d'évaluation à compléter";

static FICHE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(RNCP|RS)([0-9]{1,6})$").unwrap());
/// A valid item ID (see `docs/content-format.md`).
static ITEM_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$").unwrap());
static BLOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"BC0*([0-9]{1,3})$").unwrap());

/// Finds fiche `fiche` (e.g. `RNCP36395`, or `36395`) in the export at `xml` and recovers
/// its blocs, competences and modality texts.
pub fn import(xml: &Path, fiche: &str) -> Result<Imported, Error> {
    let wanted = fiche_number(fiche)?;
    match xml::find(xml, &wanted)? {
        // RS fiches, and some old RNCP ones, have no blocs: no referential to draft.
        xml::Found::Fiche(f) if f.blocs.is_empty() => Err(Error::Usage(format!(
            "fiche {wanted} has no blocs de compétences in `{}`: nothing to import",
            xml.display()
        ))),
        xml::Found::Fiche(f) => Ok(build(&f)),
        xml::Found::Missing { fiches, close } => {
            let hint = match close.as_slice() {
                [] => String::new(),
                close => format!("; close numbers in the export: {}", close.join(", ")),
            };
            Err(Error::Usage(format!(
                "fiche {wanted} is not in `{}` ({fiches} fiche(s) read){hint}",
                xml.display()
            )))
        }
    }
}

/// `RNCP36395` from `rncp36395`, ` RNCP36395 ` or `36395`.
fn fiche_number(arg: &str) -> Result<String, Error> {
    let upper = arg.trim().to_ascii_uppercase();
    let number = match upper.chars().all(|c| c.is_ascii_digit()) {
        true => format!("RNCP{upper}"),
        false => upper,
    };
    match FICHE_NUMBER.is_match(&number) {
        true => Ok(number),
        false => Err(Error::Usage(format!(
            "`{arg}` is not a fiche number: expected RNCP followed by digits, e.g. RNCP36395"
        ))),
    }
}

/// The draft referential for `fiche`, with what was guessed in review notes and the report.
/// `fiche` has blocs ([`import`] refuses a fiche without: a referential needs one).
pub fn build(fiche: &Fiche) -> Imported {
    let id = fiche.numero.to_ascii_lowercase();
    let mut report = Vec::new();
    let title = one_line(&fiche.intitule);
    let title = match title.is_empty() {
        true => {
            report.push(format!(
                "{}: the fiche has no title (INTITULE)",
                fiche.numero
            ));
            fiche.numero.clone()
        }
        false => title,
    };
    let mut certifiers: Vec<String> = Vec::new();
    for c in &fiche.certificateurs {
        let c = one_line(c);
        if !c.is_empty() && !certifiers.contains(&c) {
            certifiers.push(c);
        }
    }
    let source_url = FICHE_NUMBER.captures(&fiche.numero).map(|c| {
        format!(
            "https://www.francecompetences.fr/recherche/{}/{}/",
            c[1].to_ascii_lowercase(),
            &c[2]
        )
    });
    let version = fiche.version.as_deref().unwrap_or("inconnu");
    if fiche.version.is_some() && !version.starts_with('4') {
        report.push(format!(
            "the export's format is {version}; this importer reads format 4.1"
        ));
    }
    let review = vec![
        format!(
            "Importé de l'export RNCP de France compétences (format {version}) par `refolio import rncp`, fiche {}.",
            fiche.numero
        ),
        "À relire avant de retirer `draft: true` : l'export n'a ni activités ni critères \
         d'évaluation, et ses modalités d'évaluation sont un texte libre par bloc."
            .to_owned(),
        "Les compétences ont été découpées automatiquement dans la liste de chaque bloc : \
         les notes ci-dessous disent ce qui a été deviné."
            .to_owned(),
    ];

    // Lists are cut first: a source label is kept as an ID only if no other bloc uses it
    // (lists often restart at `C1` in each bloc).
    let lists: Vec<(text::Cleaned, split::Split)> = fiche
        .blocs
        .iter()
        .map(|b| {
            let list = text::clean(&b.competences);
            let cut = split::split(&list.text);
            (list, cut)
        })
        .collect();
    let mut ids = Ids::default();
    for (_, cut) in &lists {
        for label in cut.items.iter().filter_map(|i| i.label.as_ref()) {
            *ids.labels.entry(anchor(label)).or_default() += 1;
        }
    }
    let mut blocs = Vec::new();
    let mut competences = 0;
    for (i, (b, (list, cut))) in fiche.blocs.iter().zip(lists).enumerate() {
        let bloc = build_bloc(fiche, i, b, (list, cut), &mut ids, &mut report);
        competences += bloc
            .activities
            .iter()
            .map(|a| a.competences.len())
            .sum::<usize>();
        blocs.push(bloc);
    }
    report.push(format!(
        "{} bloc(s), {competences} competence(s): write the activities (one per bloc stands in), \
         every competence's criteria, and split each bloc's modality text into exams",
        blocs.len()
    ));

    Imported {
        id,
        draft: Draft {
            title,
            rncp: Some(fiche.numero.clone()),
            level: fiche.niveau.as_deref().and_then(level),
            certifier: (!certifiers.is_empty()).then(|| certifiers.join(", ")),
            source_url,
            blocs,
            review,
            ..Draft::default()
        },
        report,
        ..Imported::default()
    }
}

/// `NIV6` → 6.
fn level(niveau: &str) -> Option<u8> {
    niveau
        .trim()
        .strip_prefix("NIV")
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=8).contains(n))
}

/// A cleaned text on one line (titles, names).
fn one_line(raw: &str) -> String {
    text::clean(raw).text.replace('\n', " ")
}

/// The IDs given so far (by anchor: `C1.1` and `c1-1` name the same page item), and how
/// many times each source label appears in the fiche.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    bloc_numbers: HashSet<usize>,
    labels: HashMap<String, usize>,
}

impl Ids {
    fn is_free(&self, id: &str) -> bool {
        !self.used.contains(&anchor(id))
    }

    /// `id`, or `id-2`, `id-3`… if its anchor is taken; marked as taken.
    fn take(&mut self, id: String) -> String {
        let id = match self.is_free(&id) {
            true => id,
            false => (2..)
                .map(|n| format!("{id}-{n}"))
                .find(|c| self.is_free(c))
                .unwrap_or(id),
        };
        self.used.insert(anchor(&id));
        id
    }
}

fn build_bloc(
    fiche: &Fiche,
    position: usize,
    b: &Bloc,
    (list, cut): (text::Cleaned, split::Split),
    ids: &mut Ids,
    report: &mut Vec<String>,
) -> DraftBloc {
    let mut review = Vec::new();
    let mut doubts: Vec<String> = Vec::new();
    let code = match ITEM_ID.is_match(&b.code) && ids.is_free(&b.code) {
        true => ids.take(b.code.clone()),
        false => {
            let code = ids.take(format!("{}BC{:02}", fiche.numero, position + 1));
            review.push(format!(
                "code du bloc absent ou inutilisable dans l'export (« {} ») : {code} donné à sa place",
                b.code
            ));
            doubts.push(format!("code `{}` replaced", b.code));
            code
        }
    };
    // Competences are numbered after the bloc: `C2.3` for the third of bloc BC02.
    let number = BLOC_NUMBER
        .captures(&code)
        .and_then(|c| c[1].parse::<usize>().ok())
        .filter(|n| *n > 0 && !ids.bloc_numbers.contains(n))
        .or_else(|| (position + 1..).find(|n| !ids.bloc_numbers.contains(n)))
        .unwrap_or(position + 1);
    ids.bloc_numbers.insert(number);
    let title = match one_line(&b.libelle) {
        t if t.is_empty() => {
            review.push("intitulé du bloc absent de l'export : à écrire".to_owned());
            doubts.push("no title".into());
            format!("Bloc {code}")
        }
        t => t,
    };

    if list.had_html {
        doubts.push("HTML decoded".into());
    }
    review.push(format!(
        "compétences découpées d'après : {}",
        cut.style.describe()
    ));
    if let Some(intro) = &cut.intro {
        review.push(format!("introduction retirée de la liste : « {intro} »"));
        doubts.push(format!("intro \"{intro}\" dropped"));
    }
    if cut.lead.is_some() {
        review.push(
            "le texte précédant la liste est devenu le résumé (`summary`) du bloc".to_owned(),
        );
        doubts.push("text before the list kept as the summary".into());
    }

    let competence_ids = competence_ids(&cut, number, ids);
    let relabelled = cut
        .items
        .iter()
        .zip(&competence_ids)
        .filter_map(|(item, id)| {
            item.label
                .as_ref()
                .filter(|l| *l != id)
                .map(|l| format!("{id} ← {l}"))
        });
    let relabelled: Vec<String> = relabelled.collect();
    if !relabelled.is_empty() {
        review.push(format!(
            "numéros de la source incomplets, invalides ou aussi pris par un autre bloc : \
             compétences renumérotées ({})",
            relabelled.join(", ")
        ));
        doubts.push(format!(
            "source labels replaced ({})",
            relabelled.join(", ")
        ));
    }
    let mut guessed = 0;
    let competences: Vec<DraftCompetence> = cut
        .items
        .iter()
        .zip(competence_ids)
        .map(|(item, id)| {
            let mut review = vec![CRITERIA_TODO.to_owned()];
            if let Some(g) = item.guess {
                guessed += 1;
                review.push(format!("découpage deviné : {g}"));
            }
            DraftCompetence {
                id,
                text: item.text.clone(),
                review,
                ..DraftCompetence::default()
            }
        })
        .collect();
    if guessed > 0 {
        doubts.push(format!("{guessed} guessed competence(s)"));
    }
    let evaluates: Vec<String> = competences.iter().map(|k| k.id.clone()).collect();

    let mut activities = Vec::new();
    if competences.is_empty() {
        review.push("aucune compétence dans l'export pour ce bloc : à écrire".to_owned());
        doubts.push("no competence".into());
    } else {
        activities.push(DraftActivity {
            id: ids.take(format!("{code}-A")),
            title: title.clone(),
            competences,
            review: vec![
                "activité à écrire : l'export RNCP n'a pas d'activités ; celle-ci, intitulée \
                 comme le bloc, regroupe ses compétences"
                    .to_owned(),
            ],
        });
    }

    let modality_text = text::clean(&b.modalites);
    let mut modalities = Vec::new();
    if modality_text.text.is_empty() {
        review
            .push("pas de modalités d'évaluation dans l'export pour ce bloc : à écrire".to_owned());
        doubts.push("no modality text".into());
    } else {
        // A bloc ID evaluates all its competences: the only way to keep the text of a bloc
        // that has none yet.
        let evaluates = match evaluates.is_empty() {
            true => vec![code.clone()],
            false => evaluates,
        };
        modalities.push(DraftModality {
            id: None,
            title: "Modalités d'évaluation".to_owned(),
            kind: ModalityKind::Other,
            description: Some(markdown(&modality_text.text)),
            evaluates,
            review: vec![
                "texte de la fiche RNCP, tel quel : à découper en épreuves (titre, type, durée, \
                 points) rattachées aux compétences qu'elles évaluent"
                    .to_owned(),
            ],
        });
    }

    report.push(format!(
        "{code}: {} competence(s) cut by {}{}",
        activities.first().map_or(0, |a| a.competences.len()),
        match cut.style {
            split::Style::Labels => "the source's labels".to_owned(),
            split::Style::Bullets(c) => format!("bullets `{c}`"),
            split::Style::Numbered => "numbers".to_owned(),
            split::Style::Lines => "lines".to_owned(),
            split::Style::Empty => "nothing (empty list)".to_owned(),
        },
        match doubts.is_empty() {
            true => String::new(),
            false => format!("; {}", doubts.join("; ")),
        }
    ));

    DraftBloc {
        id: code,
        title,
        summary: cut.lead.as_deref().map(markdown),
        activities,
        modalities,
        review,
        ..DraftBloc::default()
    }
}

/// The competence IDs: the source's own labels when every item has one, valid and found
/// nowhere else in the fiche; `C<bloc>.<n>` otherwise.
fn competence_ids(cut: &split::Split, bloc: usize, ids: &mut Ids) -> Vec<String> {
    let labels: Vec<&String> = cut.items.iter().filter_map(|i| i.label.as_ref()).collect();
    let unique: HashSet<String> = labels.iter().map(|l| anchor(l)).collect();
    let own = labels.len() == cut.items.len()
        && unique.len() == labels.len()
        && labels.iter().all(|l| {
            ITEM_ID.is_match(l) && ids.is_free(l) && ids.labels.get(&anchor(l)) == Some(&1)
        });
    match own {
        true => labels.into_iter().map(|l| ids.take(l.clone())).collect(),
        false => (1..=cut.items.len())
            .map(|n| ids.take(format!("C{bloc}.{n}")))
            .collect(),
    }
}

/// A cleaned text as Markdown: list items stay list items, other lines become paragraphs,
/// and a line that Markdown would read as a heading or quote is escaped.
fn markdown(text: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for line in text.lines() {
        // A bullet and a space: `*emphasis*` is not an item.
        let item = ["- ", "* ", "• ", "– ", "◦ ", "▪ ", "o "]
            .iter()
            .find_map(|b| line.strip_prefix(b))
            .map(str::trim_start);
        match item {
            Some(item) => {
                if !in_list && !out.is_empty() {
                    out.push('\n');
                }
                out.push_str("- ");
                out.push_str(item);
                out.push('\n');
                in_list = true;
            }
            None => {
                if !out.is_empty() {
                    out.push('\n');
                }
                if line.starts_with(['#', '>', '|', '+', '=']) {
                    out.push('\\');
                }
                out.push_str(line);
                out.push('\n');
                in_list = false;
            }
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiche_numbers() {
        assert_eq!(fiche_number(" rncp36395 ").unwrap(), "RNCP36395");
        assert_eq!(fiche_number("36395").unwrap(), "RNCP36395");
        assert_eq!(fiche_number("RS5000").unwrap(), "RS5000");
        let e = fiche_number("RNCP-36395").unwrap_err();
        assert!(e.to_string().contains("not a fiche number"), "{e}");
    }

    #[test]
    fn bloc_codes_stay_unique() {
        let bloc = |code: &str| Bloc {
            code: code.into(),
            libelle: "B".into(),
            competences: "- Analyser".into(),
            modalites: String::new(),
        };
        let fiche = Fiche {
            numero: "RNCP1".into(),
            intitule: "T".into(),
            blocs: vec![bloc("RNCP1BC02"), bloc(""), bloc("RNCP1BC02")],
            ..Fiche::default()
        };
        let imported = build(&fiche);
        let codes: Vec<&str> = imported.draft.blocs.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(codes, ["RNCP1BC02", "RNCP1BC02-2", "RNCP1BC03"]);
        let first: Vec<&str> = imported
            .draft
            .blocs
            .iter()
            .map(|b| b.activities[0].competences[0].id.as_str())
            .collect();
        // A bloc number taken goes to the next free one.
        assert_eq!(first, ["C2.1", "C3.1", "C4.1"]);
        let (diags, sources) =
            crate::import::draft::verify(&imported.id, &imported.draft.to_yaml());
        let lines: Vec<String> = diags.sorted().iter().map(|d| d.render(&sources)).collect();
        assert!(!diags.has_errors(), "{lines:#?}");
    }

    #[test]
    fn a_fiche_without_blocs_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.xml");
        std::fs::write(
            &path,
            "<FICHES><FICHE><NUMERO_FICHE>RS5000</NUMERO_FICHE><INTITULE>Habilitation</INTITULE></FICHE></FICHES>",
        )
        .unwrap();
        let e = import(&path, "rs5000").unwrap_err().to_string();
        assert!(
            e.starts_with("fiche RS5000 has no blocs de compétences in `"),
            "{e}"
        );
    }

    #[test]
    fn modality_text_as_markdown() {
        assert_eq!(
            markdown("Un dossier constitué de :\n- l'analyse,\n* le plan.\n# Oral\n*Etude de cas*"),
            "Un dossier constitué de :\n\n- l'analyse,\n- le plan.\n\n\\# Oral\n\n*Etude de cas*"
        );
    }

    #[test]
    fn duplicate_labels_are_renumbered() {
        let fiche = Fiche {
            numero: "RNCP1".into(),
            intitule: "T".into(),
            blocs: vec![
                Bloc {
                    code: "RNCP1BC01".into(),
                    libelle: "Un".into(),
                    competences: "C1 Analyser\nC2 Concevoir".into(),
                    modalites: String::new(),
                },
                Bloc {
                    code: "RNCP1BC02".into(),
                    libelle: "Deux".into(),
                    competences: "C1 Négocier\nC3 Piloter".into(),
                    modalites: "Oral".into(),
                },
            ],
            ..Fiche::default()
        };
        let imported = build(&fiche);
        let ids: Vec<Vec<&str>> = imported
            .draft
            .blocs
            .iter()
            .map(|b| {
                b.activities[0]
                    .competences
                    .iter()
                    .map(|k| k.id.as_str())
                    .collect()
            })
            .collect();
        // `C1` is in both lists: neither keeps its labels.
        assert_eq!(ids, [vec!["C1.1", "C1.2"], vec!["C2.1", "C2.2"]]);
        assert!(
            imported.report[0].contains("source labels replaced (C1.1 ← C1, C1.2 ← C2)"),
            "{:?}",
            imported.report
        );
        assert!(
            imported.report[1].contains("source labels replaced (C2.1 ← C1, C2.2 ← C3)"),
            "{:?}",
            imported.report
        );
        assert!(imported.draft.blocs[0].modalities.is_empty());
        assert_eq!(
            imported.draft.blocs[1].modalities[0].evaluates,
            ["C2.1", "C2.2"]
        );
    }
}
