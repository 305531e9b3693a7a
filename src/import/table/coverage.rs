//! How much of the document went into the draft: the closing counts of the report (blocs,
//! activities, competences, criteria, modalities), the share of the document's text found
//! in the draft, and the pieces of text not found there, which the draft lists as comments
//! so that nothing is lost silently.
//!
//! The share is measured word by word, weighted by length: the document's words (cells'
//! paragraphs and list items, prose lines; the header row aside) are looked up, in order,
//! in the multiset of the words of the draft's values (its YAML without the comments), each
//! draft word used once. Words are compared lowercased and without punctuation (`C.1.1.` and
//! `C.1.1` are one word; `CP 1.1` and `CP1.1` are matched too). A piece of text (a paragraph,
//! a list item, a line) is *dropped* when less than half of its letters were found. An
//! "En relation avec les compétences …" line alone is structure and is not counted.

use std::collections::HashMap;

use super::cells::{Line, read_cell};
use crate::import::draft::Draft;

/// What the coverage measure found.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Letters and digits of the document's text, and of those found in the draft.
    pub total: usize,
    pub kept: usize,
    /// The pieces dropped: their line and text.
    pub dropped: Vec<(usize, String)>,
}

/// A word as compared: lowercase letters and digits only.
fn word(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of the draft's values: the YAML without its comments (which quote dropped
/// text and doubts), and each ID also as its letters and its digits (`cp11` → `cp`, `11`)
/// for documents that write `CP 1.1`.
fn draft_words(draft: &Draft) -> HashMap<String, usize> {
    let yaml = draft.to_yaml();
    let mut bag: HashMap<String, usize> = HashMap::new();
    for line in yaml.lines().filter(|l| !l.trim_start().starts_with('#')) {
        for w in line.split_whitespace().map(word).filter(|w| !w.is_empty()) {
            let letters: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
            let digits = &w[letters.len()..];
            if !letters.is_empty()
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
            {
                *bag.entry(letters).or_default() += 1;
                *bag.entry(digits.to_owned()).or_default() += 1;
            }
            *bag.entry(w).or_default() += 1;
        }
    }
    bag
}

/// The pieces of text of the document, with their line: cells' blocks and prose lines,
/// rows in `skip` (the header) aside.
fn pieces(lines: &[Line], skip: &[usize]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for l in lines {
        match l {
            Line::Row { line, cells } if !skip.contains(line) => {
                for b in cells.iter().flat_map(|c| &c.blocks) {
                    out.push((*line, b.text.clone()));
                }
            }
            // Prose keeps the HTML tags of a conversion: its text is what counts.
            Line::Text { line, text } => out.push((*line, read_cell(text).joined())),
            _ => {}
        }
    }
    out
}

/// Measures how much of `lines` is in `draft`.
/// `copies` are pieces of text that repeat the cell above them (read as merged): not
/// counted.
pub fn measure(
    lines: &[Line],
    header: &[usize],
    copies: &[(usize, String)],
    draft: &Draft,
) -> Coverage {
    let mut bag = draft_words(draft);
    let mut c = Coverage::default();
    for (line, text) in pieces(lines, header) {
        if copies.iter().any(|(l, t)| *l == line && *t == text) {
            continue;
        }
        // "En relation avec les compétences C.2.1 & C.2.2" alone is structure: its
        // references became the `competences` of the criteria under it.
        if super::ids::relation(&text).is_some_and(|(_, tail)| tail.is_empty()) {
            continue;
        }
        // An ID alone (a cell of a column of IDs) is structure too: it became the ID of
        // the text beside it (`1` → `C1`), or names the competence its row is about.
        if super::keys::is_key(&text, &Default::default()) {
            continue;
        }
        // A bloc's number on a line of its own (`BLOC DE COMPÉTENCES N° 1`, its title on the
        // next line) became the bloc's ID.
        if super::ids::bloc(&text).is_some_and(|(_, title)| title.is_empty()) {
            continue;
        }
        let (mut total, mut kept) = (0, 0);
        for w in text.split_whitespace().map(word).filter(|w| !w.is_empty()) {
            let n = w.chars().count();
            total += n;
            if let Some(count) = bag.get_mut(&w).filter(|n| **n > 0) {
                *count -= 1;
                kept += n;
            }
        }
        c.total += total;
        c.kept += kept;
        if total > 0 && kept * 2 < total {
            c.dropped.push((line, text));
        }
    }
    c
}

/// The closing line of the report: what the draft holds and how much of the text it kept.
pub fn summary(draft: &Draft, coverage: &Coverage) -> String {
    let blocs = draft.blocs.len();
    let activities: usize = draft
        .blocs
        .iter()
        .map(|b| b.activities.len() + b.groups.iter().map(|g| g.activities.len()).sum::<usize>())
        .sum();
    let competences_of = |a: &crate::import::draft::DraftActivity| -> (usize, usize) {
        (
            a.competences.len(),
            a.competences.iter().map(|k| k.criteria.len()).sum(),
        )
    };
    let (mut competences, mut criteria, mut modalities) = (0, 0, 0);
    for b in &draft.blocs {
        for a in b
            .activities
            .iter()
            .chain(b.groups.iter().flat_map(|g| &g.activities))
        {
            let (k, c) = competences_of(a);
            competences += k;
            criteria += c;
        }
        criteria += b.criteria.len();
        modalities += b.modalities.len();
    }
    let share = |n: usize| {
        if coverage.total == 0 {
            100.0
        } else {
            100.0 * n as f64 / coverage.total as f64
        }
    };
    let dropped = coverage.total - coverage.kept;
    format!(
        "counts: blocs {blocs}, activities {activities}, competences {competences}, criteria {criteria}, \
         modalities {modalities}; text of the document in the draft: {:.1}% ({} of {} letters and digits), \
         dropped: {:.1}% ({} piece(s) of text, listed as comments at the end of the draft)",
        share(coverage.kept),
        coverage.kept,
        coverage.total,
        share(dropped),
        coverage.dropped.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::draft::{DraftActivity, DraftBloc, DraftCompetence};

    #[test]
    fn words_found_in_the_draft_are_kept_the_others_dropped() {
        let draft = Draft {
            title: "Essai".into(),
            blocs: vec![DraftBloc {
                id: "B1".into(),
                title: "Vendre".into(),
                activities: vec![DraftActivity {
                    id: "A1".into(),
                    title: "Prospection".into(),
                    competences: vec![DraftCompetence {
                        id: "CP1.1".into(),
                        text: "Prospecter des clients".into(),
                        ..DraftCompetence::default()
                    }],
                    ..DraftActivity::default()
                }],
                ..DraftBloc::default()
            }],
            review: vec!["«Pied de page» was dropped".into()],
            ..Draft::default()
        };
        let lines = super::super::cells::read_document(
            "Essai\nActivités\tCompétences\nA1 Prospection\tCP 1.1 : Prospecter des clients\nPied de page\nBLOC DE COMPÉTENCES N° 1\nVendre\n",
        );
        let c = measure(&lines, &[2], &[], &draft);
        // The bloc's number alone on its line (line 5) became its ID: not dropped.
        // The comment quoting «Pied de page» does not count as keeping it.
        assert_eq!(c.dropped, [(4, "Pied de page".to_owned())]);
        assert_eq!(c.total - c.kept, "Pieddepage".len());
        let s = summary(&draft, &c);
        assert!(
            s.starts_with(
                "counts: blocs 1, activities 1, competences 1, criteria 0, modalities 0; \
                 text of the document in the draft: "
            ),
            "{s}"
        );
        assert!(
            s.contains("dropped: ") && s.contains("(1 piece(s) of text"),
            "{s}"
        );
    }
}
