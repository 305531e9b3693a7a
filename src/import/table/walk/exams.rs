//! Exams (evaluation modalities) in the walk: where one ends and the next begins (a new
//! competence row, a numbered part `2/`, a part naming its own competences), and what each
//! says it evaluates.

use std::sync::LazyLock;

use regex::Regex;

use super::super::cells::Block;
use super::super::ids;
use super::super::label::pattern;
use super::{FoundModality, Item, Scope, Walker, starts_lowercase};

impl Walker {
    /// A heading row whose cell names the bloc, then, in a paragraph of its own, its exam
    /// (`Bloc 1 – …` over `Évaluation : étude de cas …`): the bloc opened, the exam its.
    /// False (nothing read) when the cell is not so.
    pub(super) fn heading_then_exam(&mut self, cell: &super::super::cells::Cell) -> bool {
        let Some(at) = cell
            .blocks
            .iter()
            .position(|b| exam_row(&b.text).is_some())
            .filter(|&at| at > 0)
        else {
            return false;
        };
        let text = |blocks: &[super::super::cells::Block]| {
            blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if !self.heading_row(&text(&cell.blocks[..at])) {
            return false;
        }
        let whole = text(&cell.blocks[at..]);
        if let Some(exam) = exam_row(&whole) {
            self.exam_row(&whole, exam);
        }
        true
    }

    /// "… En relation avec les compétences C.2.3 Un plan …" in exam text: a part of the
    /// exam for those competences.
    pub(super) fn modality_relation(&mut self, column: usize, refs: Vec<String>, block: Block) {
        let current = self.current_modality_in_bloc();
        let reuse = current.filter(|&m| {
            let bloc = self.bloc();
            bloc.modalities
                .get(m)
                .is_some_and(|x| x.scope == Scope::Rows)
        });
        let m = match reuse {
            Some(m) => m,
            None => self.new_modality(),
        };
        self.columns[column].last = Some(Item::Modality(m));
        if let Some(x) = self.bloc().modalities.get_mut(m) {
            x.scope = Scope::Refs(refs);
            x.blocks.push(block);
        }
    }

    pub(super) fn current_modality_in_bloc(&mut self) -> Option<usize> {
        let m = self.current_modality?;
        (m < self.bloc().modalities.len()).then_some(m)
    }

    pub(super) fn new_modality(&mut self) -> usize {
        let line = self.line;
        let bloc = self.bloc();
        bloc.modalities.push(FoundModality {
            line,
            ..FoundModality::default()
        });
        let m = bloc.modalities.len() - 1;
        self.current_modality = Some(m);
        m
    }

    pub(super) fn modality_block(
        &mut self,
        block: &Block,
        column: usize,
        first: bool,
        marker: Option<String>,
    ) {
        if first && self.exam_named_again(block, column) {
            return;
        }
        let mut block = block.clone();
        let current = self.current_modality_in_bloc();
        let mut start_new = current.is_none();
        let group = self
            .row_activities
            .first()
            .copied()
            .or(self.current_activity);
        let said = scope_said(&block.text, group);
        if let Some(m) = current {
            let explicit = self
                .bloc()
                .modalities
                .get(m)
                .is_some_and(|x| x.scope != Scope::Rows);
            if (marker.is_some() || said.is_some()) && explicit {
                // A numbered part after a part that named its competences.
                start_new = true;
            } else if first && !starts_lowercase(&block.text) && !self.row_competences.is_empty() {
                let rows = self.row_competences.clone();
                start_new = !rows.iter().all(|&k| self.covers(m, k));
            } else if first && !starts_lowercase(&block.text) && self.exams_before_competences() {
                // A table of exams (the exam first, then what it evaluates): each row's
                // exam cell opens an exam.
                start_new = true;
            }
        }
        let m = if start_new {
            self.new_modality()
        } else {
            current.unwrap_or_default()
        };
        if let Some(marker) = marker {
            block.text = format!("{marker} {}", block.text);
        }
        let why = if start_new {
            "text of a new exam (the exams column: a row opening competences the exam before does not name, or a part naming its own)"
        } else {
            "text of the exam above (the exams column)"
        };
        self.took(&block.text, why.into());
        let rows = self.row_competences.clone();
        let Some(x) = self.bloc().modalities.get_mut(m) else {
            return;
        };
        if x.scope == Scope::Rows {
            if let Some(scope) = said {
                x.scope = scope;
            }
            for k in rows {
                if !x.rows.contains(&k) {
                    x.rows.push(k);
                }
            }
        }
        x.blocks.push(block);
        self.columns[column].last = Some(Item::Modality(m));
    }

    /// Whether modality `m` already says it evaluates competence `k` (by index).
    pub(super) fn covers(&mut self, m: usize, k: usize) -> bool {
        let bloc = self.bloc();
        let (Some(x), Some(competence)) = (bloc.modalities.get(m), bloc.competences.get(k)) else {
            return false;
        };
        match &x.scope {
            Scope::Rows => false,
            Scope::Bloc | Scope::Group(_) => true,
            Scope::Refs(refs) => refs.iter().any(|r| ids::names(r, &competence.id)),
            Scope::Range(from, to) => {
                let n = ids::numbers(&competence.id);
                ids::numbers(from) <= n && n <= ids::numbers(to)
            }
        }
    }
}

/// What an exam's text says it evaluates: "Toutes les compétences (…) du bloc", "… de la
/// composante du bloc" (the group being read), "des compétences C1.1 à C1.3".
fn scope_said(text: &str, group: Option<usize>) -> Option<Scope> {
    let lower = text.to_lowercase();
    if lower.contains("toutes les compétences") {
        Some(match group {
            Some(a) if lower.contains("composante") => Scope::Group(a),
            _ => Scope::Bloc,
        })
    } else {
        ids::range(text).map(|(from, to)| Scope::Range(from, to))
    }
}

/// A row across the columns that names what follows as the bloc's exam: `Modalités
/// d'évaluation du bloc 1 : étude de cas …`, `Évaluation : …`, `Épreuve du bloc : …`,
/// `Épreuve E4 – Gestion de projet : …`. The lead is a few words (no sentence) before the
/// colon.
static EXAM_ROW: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?i:(?:modalit[ée]s?|[ée]preuves?|[ée]valuation|assessments?|exam(?:ination)?s?)(?:\s+[^\s:]+){0,7})\s*:\s*(\S.*)$",
    )
});

/// The exam a row across the columns gives, if it names one: its text, first letter up.
pub(in crate::import::table) fn exam_row(text: &str) -> Option<String> {
    let c = EXAM_ROW.captures(text.trim())?;
    let lead = deunicode::deunicode(&text[..c.get(1)?.start()]).to_lowercase();
    // French `Évaluation`, `Épreuve`; English `Assessment`, `Exam`.
    if !["evaluation", "epreuve", "assessment", "exam"]
        .iter()
        .any(|w| lead.contains(w))
    {
        return None;
    }
    let rest = c[1].trim();
    let mut chars = rest.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

impl Walker {
    /// A row across the columns naming the bloc's exam (`Modalités d'évaluation du bloc 1 :
    /// …`, at the end of the bloc's rows): an exam of the whole bloc, unless its text says
    /// which competences (`des compétences C1 à C3`).
    pub(super) fn exam_row(&mut self, whole: &str, text: String) {
        let scope = scope_said(whole, None).unwrap_or(Scope::Bloc);
        let m = self.new_modality();
        self.took(
            whole,
            "an exam of the bloc (a row across the columns naming its modality)".into(),
        );
        if let Some(x) = self.bloc().modalities.get_mut(m) {
            x.scope = scope;
            x.blocks.push(Block {
                mark: super::super::cells::Mark::Para,
                text,
                italic: false,
            });
        }
        // The next row's exam cell, if any, starts an exam of its own.
        self.current_modality = None;
    }

    /// In a table without a competences column (`Épreuves | Critères`), an exam cell
    /// starting with an exam's ID that an earlier exam's text names (`E1 – Étude …` after
    /// `Épreuve E1`): it is that exam again, its text added there, and the row's criteria
    /// assess the competences that exam evaluates. False, and nothing done, otherwise.
    fn exam_named_again(&mut self, block: &Block, column: usize) -> bool {
        if self
            .columns
            .iter()
            .any(|c| c.role == super::Role::Competence)
        {
            return false;
        }
        let Some(l) = self
            .label(&block.text)
            .filter(|l| l.kind == super::super::label::Kind::Exam)
        else {
            return false;
        };
        let id = l.id.to_lowercase();
        let names = |x: &FoundModality| {
            x.blocks.iter().any(|b| {
                b.text
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == id)
            })
        };
        let bloc = self.bloc();
        let matched: Vec<usize> = (0..bloc.modalities.len())
            .filter(|&m| names(&bloc.modalities[m]))
            .collect();
        let Some(&m) = matched.first() else {
            return false;
        };
        let mut rows: Vec<usize> = Vec::new();
        for &n in &matched {
            for &k in &bloc.modalities[n].rows {
                if !rows.contains(&k) {
                    rows.push(k);
                }
            }
        }
        bloc.modalities[m].blocks.push(block.clone());
        for &k in &rows {
            if !bloc.modalities[m].rows.contains(&k) {
                bloc.modalities[m].rows.push(k);
            }
        }
        self.took(
            &block.text,
            format!(
                "the exam {} named in the first table again (its criteria assess the competences it evaluates)",
                l.id
            ),
        );
        self.current_modality = Some(m);
        self.columns[column].last = Some(Item::Modality(m));
        self.row_competences = rows.clone();
        if let [k] = rows.as_slice() {
            self.current_competence = Some(*k);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::exam_row;

    #[test]
    fn a_row_naming_the_bloc_exam() {
        assert_eq!(
            exam_row("Modalités d’évaluation du bloc 1 : étude de cas (3 h)").as_deref(),
            Some("Étude de cas (3 h)")
        );
        assert_eq!(
            exam_row("Épreuve : soutenance orale").as_deref(),
            Some("Soutenance orale")
        );
        assert_eq!(
            exam_row("Épreuve E5 – Gestion de projet : épreuve écrite (4 h)").as_deref(),
            Some("Épreuve écrite (4 h)")
        );
        // A bloc heading, or a sentence before a colon, is no exam row.
        assert_eq!(exam_row("Bloc 2 : Vendre"), None);
        assert_eq!(
            exam_row(
                "Modalités et conditions générales applicables aux candidats en situation de handicap : voir annexe"
            ),
            None
        );
    }
}
