//! Exams (evaluation modalities) as drafted: a title (the production or the exam's first
//! line), the description verbatim, the kind guessed from the wording, an ID numbered in
//! its bloc (`E1`, or `E2.1`, `E2.2`…), and the competences it evaluates.

use crate::import::draft::DraftModality;
use crate::model::ModalityKind;

use super::cells::Mark;
use super::ids;
use super::walk::{FoundActivity, FoundModality, Scope, short};

/// Exams of one bloc printing the same text (`Rapport écrit` in two rows) and saying the
/// same of what they evaluate are one exam: the first, evaluating the rows of all. (A bloc
/// that has two exams alike describes them apart; the same words twice are one exam said
/// again beside each competence.)
pub fn merge_repeated(
    modalities: Vec<FoundModality>,
    report: &mut Vec<String>,
) -> Vec<FoundModality> {
    let text = |m: &FoundModality| {
        m.blocks
            .iter()
            .map(|b| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut out: Vec<FoundModality> = Vec::new();
    for m in modalities {
        let same = out
            .iter_mut()
            .find(|o| o.scope == m.scope && !m.blocks.is_empty() && text(o) == text(&m));
        match same {
            Some(o) => {
                report.push(format!(
                    "line {}: the exam «{}» of line {} is printed again: one exam, evaluating both rows",
                    m.line,
                    short(&text(&m)),
                    o.line
                ));
                for k in m.rows {
                    if !o.rows.contains(&k) {
                        o.rows.push(k);
                    }
                }
            }
            None => out.push(m),
        }
    }
    out
}

/// The exams of bloc `bloc_id`, whose competences are `competence_ids` (in document order).
pub fn draft_modalities(
    bloc_id: &str,
    modalities: Vec<FoundModality>,
    competence_ids: &[String],
    activities: &[FoundActivity],
    report: &mut Vec<String>,
) -> Vec<DraftModality> {
    let modalities = merge_repeated(modalities, report);
    let count = modalities.len();
    let number = bloc_number(bloc_id);
    let mut out = Vec::new();
    for (n, m) in modalities.into_iter().enumerate() {
        let mut review = vec!["title and kind guessed from the text: check them".to_owned()];
        let evaluates: Vec<String> = match &m.scope {
            Scope::Bloc => vec![bloc_id.to_owned()],
            Scope::Group(a) => {
                let gid = activities.get(*a).map(|a| a.id.as_str()).unwrap_or("");
                competence_ids
                    .iter()
                    .filter(|k| {
                        // Competences numbered under the group (`A.3.1` → `C.3.1.x`).
                        let kn = ids::numbers(k);
                        let gn = ids::numbers(gid);
                        !gn.is_empty() && kn.starts_with(&gn)
                    })
                    .cloned()
                    .collect()
            }
            Scope::Refs(refs) => ids::expand(refs, competence_ids, &mut review)
                .into_iter()
                .map(|k| competence_ids[k].clone())
                .collect(),
            Scope::Range(from, to) => {
                let (a, b) = (ids::numbers(from), ids::numbers(to));
                competence_ids
                    .iter()
                    .filter(|k| {
                        let n = ids::numbers(k);
                        a <= n && n <= b
                    })
                    .cloned()
                    .collect()
            }
            Scope::Rows => m.rows.iter().map(|&k| competence_ids[k].clone()).collect(),
        };
        let evaluates = if evaluates.is_empty() {
            review.push("what it evaluates was not found: the whole bloc is assumed".into());
            vec![bloc_id.to_owned()]
        } else {
            evaluates
        };
        let (title, description) = title_and_description(&m);
        let kind = match guess_kind(&title) {
            ModalityKind::Other => guess_kind(description.as_deref().unwrap_or("")),
            kind => kind,
        };
        let id = if count == 1 {
            format!("E{number}")
        } else {
            format!("E{number}.{}", n + 1)
        };
        // As the file writes it: `case-study`…
        let kind_name = serde_json::to_value(kind).unwrap_or_default();
        report.push(format!(
            "line {}: exam {id} «{}»: title and kind ({}) guessed",
            m.line,
            short(&title),
            kind_name.as_str().unwrap_or("other")
        ));
        for r in review.iter().skip(1) {
            report.push(format!("line {}: exam {id}: {r}", m.line));
        }
        out.push(DraftModality {
            id: Some(id),
            title,
            kind,
            description,
            evaluates,
            review,
        });
    }
    out
}

/// The number the bloc's exams are numbered after: its first number (`B2` → 2), but in a
/// bloc's RNCP code the one after `BC` (`RNCP37849BC02` → 2, not the fiche's 37849, which
/// every bloc shares); the ID itself when it has no number (`A`).
fn bloc_number(bloc_id: &str) -> String {
    let upper = bloc_id.to_uppercase();
    let own = match upper.rfind("BC") {
        Some(at) if at > 0 && upper[..at].ends_with(|c: char| c.is_ascii_digit()) => &bloc_id[at..],
        _ => bloc_id,
    };
    ids::numbers(own)
        .first()
        .map_or_else(|| bloc_id.to_owned(), u32::to_string)
}

/// The title: the first paragraph that is not a part number, a "En relation" line, a line
/// saying what it evaluates or an introduction ending with a colon; the description: every
/// paragraph, verbatim.
fn title_and_description(m: &FoundModality) -> (String, Option<String>) {
    let mut description = String::new();
    let mut previous: Option<Mark> = None;
    for b in &m.blocks {
        let text = if b.italic {
            format!("*{}*", b.text)
        } else {
            b.text.clone()
        };
        match (b.mark, previous) {
            (Mark::Dash | Mark::Bullet, Some(Mark::Dash | Mark::Bullet)) => description.push('\n'),
            (_, Some(_)) => description.push_str("\n\n"),
            (_, None) => {}
        }
        if b.mark != Mark::Para {
            description.push_str("- ");
        }
        description.push_str(&text);
        previous = Some(b.mark);
    }
    let candidate = m
        .blocks
        .iter()
        .filter(|b| b.mark == Mark::Para && !b.italic)
        .map(|b| b.text.as_str())
        .map(|t| ids::marker(t).map_or(t.to_owned(), |(_, rest)| rest))
        .find(|t| {
            !t.is_empty()
                && ids::relation(t).is_none()
                && !t.trim_end().ends_with(':')
                // Nor the line saying what it evaluates.
                && ids::range(t).is_none()
                && !t.to_lowercase().contains("toutes les compétences")
        })
        .or_else(|| m.blocks.first().map(|b| b.text.clone()))
        .unwrap_or_default();
    let title = shorten_title(&without_lead_in(&candidate));
    // A paragraph taken whole as the title is not repeated below it.
    let first_is_title = m
        .blocks
        .first()
        .is_some_and(|b| b.mark == Mark::Para && !b.italic && b.text == title)
        && m.blocks.len() > 1;
    let description = if first_is_title {
        let rest: Vec<&str> = description.splitn(2, "\n\n").collect();
        rest.get(1).map(|s| s.to_string())
    } else if description.is_empty() {
        None
    } else {
        Some(description)
    };
    let title = if title.is_empty() {
        "À compléter".to_owned()
    } else {
        title
    };
    (title, description)
}

/// `Modalité : jeu de rôle (40 min)` → `Jeu de rôle (40 min)`: the column already says it
/// is the modality.
fn without_lead_in(text: &str) -> String {
    let lower = text.to_lowercase();
    let lead = [
        "modalités d'évaluation",
        "modalité d'évaluation",
        "modalités",
        "modalité",
    ]
    .iter()
    .find(|l| lower.starts_with(*l));
    let Some(lead) = lead else {
        return text.to_owned();
    };
    let rest = text[lead.len()..].trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return text.to_owned();
    };
    let rest = rest.trim();
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text.to_owned(),
    }
}

/// A title is a line: a long paragraph is cut where a run-in heading ends (a capital after a
/// lowercase word: `…projet de consulting Dans le cadre…`), at its first sentence, or after
/// 12 words.
fn shorten_title(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= 100 {
        return text.to_owned();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for (n, pair) in words.windows(2).enumerate() {
        let lower_end = pair[0].chars().last().is_some_and(char::is_lowercase);
        let capital = pair[1].chars().next().is_some_and(char::is_uppercase);
        if n >= 1 && lower_end && capital {
            return words[..=n].join(" ");
        }
    }
    for sep in [". ", " : ", " - "] {
        if let Some(i) = text.find(sep)
            && i > 10
            && i <= 100
        {
            return text[..i].trim().to_owned();
        }
    }
    let words: Vec<&str> = text.split_whitespace().take(12).collect();
    format!("{}…", words.join(" "))
}

/// The kind of an exam from its wording; the most specific wording wins.
pub fn guess_kind(text: &str) -> ModalityKind {
    let t = text.to_lowercase();
    let has = |w: &str| t.contains(w);
    // French first, then the English words (`case study`, `written`…), so that a French
    // document reads as it did.
    if has("étude de cas") || has("etude de cas") || has("cas pratique") {
        ModalityKind::CaseStudy
    } else if has("mise en situation") || has("jeu de rôle") {
        ModalityKind::Simulation
    } else if has("projet") {
        ModalityKind::Project
    } else if has("portfolio") || has("portefeuille de preuves") || has("dossier") {
        ModalityKind::Portfolio
    } else if has("en entreprise") || has("situation de travail") {
        ModalityKind::Workplace
    } else if has("contrôle continu") || has("controle continu") {
        ModalityKind::Continuous
    } else if has("écrit") || has("ecrit") {
        ModalityKind::Written
    } else if has("oral") || has("soutenance") || has("entretien") {
        ModalityKind::Oral
    } else if has("case study") || has("case studies") {
        ModalityKind::CaseStudy
    } else if has("simulation") || has("role play") || has("role-play") || has("practical") {
        ModalityKind::Simulation
    } else if has("project") {
        ModalityKind::Project
    } else if has("evidence file") || has("record of evidence") {
        ModalityKind::Portfolio
    } else if has("workplace") || has("on the job") || has("on-the-job") {
        ModalityKind::Workplace
    } else if has("continuous assessment") {
        ModalityKind::Continuous
    } else if has("written") || has("multiple choice") || has("multiple-choice") {
        ModalityKind::Written
    } else if has("interview") || has("viva") || has("presentation") {
        ModalityKind::Oral
    } else {
        ModalityKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exams_numbered_after_the_bloc_not_the_fiche() {
        assert_eq!(bloc_number("RNCP37849BC02"), "2");
        assert_eq!(bloc_number("RS5123BC1"), "1");
        assert_eq!(bloc_number("B3"), "3");
        assert_eq!(bloc_number("BC04"), "4");
        assert_eq!(bloc_number("A"), "A");
    }

    #[test]
    fn exam_kinds_from_their_wording() {
        assert_eq!(
            guess_kind("Etude de cas professionnel 8h - un écrit"),
            ModalityKind::CaseStudy
        );
        assert_eq!(
            guess_kind("Mise en situation professionnelle"),
            ModalityKind::Simulation
        );
        assert_eq!(
            guess_kind("Projet professionnel et/ ou projet de consulting"),
            ModalityKind::Project
        );
        assert_eq!(
            guess_kind("Un dossier de développement commercial"),
            ModalityKind::Portfolio
        );
        assert_eq!(
            guess_kind("Évaluation en entreprise par le tuteur"),
            ModalityKind::Workplace
        );
        assert_eq!(guess_kind("Contrôle continu"), ModalityKind::Continuous);
        assert_eq!(guess_kind("Production écrite"), ModalityKind::Written);
        assert_eq!(guess_kind("Soutenance orale"), ModalityKind::Oral);
        assert_eq!(guess_kind("Written test"), ModalityKind::Written);
        assert_eq!(guess_kind("Oral presentation"), ModalityKind::Oral);
        assert_eq!(guess_kind("Case study"), ModalityKind::CaseStudy);
        assert_eq!(guess_kind("Practical assessment"), ModalityKind::Simulation);
        assert_eq!(guess_kind("Portfolio of evidence"), ModalityKind::Portfolio);
        assert_eq!(guess_kind("Group project"), ModalityKind::Project);
        assert_eq!(
            guess_kind("Observation in the workplace"),
            ModalityKind::Workplace
        );
        assert_eq!(guess_kind("Professional interview"), ModalityKind::Oral);
        assert_eq!(guess_kind("Entretien avec le jury"), ModalityKind::Oral);
        assert_eq!(
            without_lead_in("Modalité : jeu de rôle (40 min)"),
            "Jeu de rôle (40 min)"
        );
        assert_eq!(
            without_lead_in("Modalités pratiques"),
            "Modalités pratiques"
        );
        assert_eq!(guess_kind("QCM"), ModalityKind::Other);
    }
}
