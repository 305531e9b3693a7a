//! Criteria in the walk: numbered ones (`Cr1.2.3`, split out of running text), one per
//! paragraph when unnumbered, `•` headings under "En relation avec …" with their `-` points,
//! and the pieces a page break cut off them.

use super::super::cells::{Block, Cell, Mark};
use super::super::ids;
use super::super::label::Kind;
use super::{
    FoundCriterion, Item, Role, Target, Walker, finished, heading_text, join_cut, split_sentences,
    starts_lowercase,
};

impl Walker {
    /// The latest criterion whose text or last indicator is unfinished.
    pub(super) fn unfinished_criterion(&mut self) -> Option<usize> {
        let bloc = self.bloc();
        let last = bloc.criteria.len().checked_sub(1)?;
        (last.saturating_sub(3)..=last).rev().find(|&i| {
            let c = &bloc.criteria[i];
            !finished(c.indicators.last().unwrap_or(&c.text))
        })
    }

    pub(super) fn criteria_block(
        &mut self,
        block: &Block,
        next: Option<&Block>,
        column: usize,
        first: bool,
        paragraphs: bool,
    ) {
        let text = block.text.as_str();
        // A second criteria column (`Critères | Indicateurs`) beside the criteria the row
        // gave: its points are their indicators, not criteria of their own.
        if self.columns[column].relation.is_none() && self.indicators_beside(column, text, first) {
            return;
        }
        // `C1-1 Texte` beside competence `C1`: a criterion's ID made of its competence's and
        // one level more (`C2.1.3` beside `C2.1`), whatever marks the block.
        if let Some(l) = self.label(text)
            && l.kind == Kind::Competence
            && !l.rest.is_empty()
            && let Target::Row(k) = self.cell_target(column)
            && self
                .bloc_now()
                .and_then(|b| b.competences.get(k))
                .is_some_and(|c| extends(&l.id, &c.id))
        {
            self.took(
                text,
                format!(
                    "criterion {} (its ID extends the competence's of the row)",
                    l.id
                ),
            );
            self.push_criterion(column, Some(l.id), l.rest, Target::Row(k));
            return;
        }
        // `1.2.1 Texte`: numbered without prefix, in the criteria column.
        if block.mark == Mark::Para
            && let Some(l) = self.label(text)
            && (l.kind == Kind::Number || l.kind == Kind::Criterion)
            && l.numbers.len() >= 2
            && !l.rest.is_empty()
            && ids::split_criteria(text)
                .first()
                .is_none_or(|(id, _)| id.is_none())
        {
            self.took(text, format!("criterion {} (numbered, in the criteria column; it assesses the competence of its number)", l.id));
            self.push_criterion(column, Some(l.id), l.rest, Target::Numbered);
            return;
        }
        // `1)`, `2.`, `a)`: a list's numbering, not an ID naming a competence.
        let renumbered;
        let numbering = match self.label(text) {
            Some(l) if l.kind == Kind::Number && l.numbers.len() == 1 && !l.rest.is_empty() => {
                Some(l.rest)
            }
            _ => lettered(text),
        };
        let (block, text) = match numbering {
            Some(rest) if block.mark == Mark::Para => {
                renumbered = Block {
                    text: rest,
                    ..block.clone()
                };
                (&renumbered, renumbered.text.as_str())
            }
            _ => (block, text),
        };
        // `Critères de réussite :` over a list: a lead-in naming the column, its items the
        // criteria (a heading naming one criterion is singular, or says more).
        if block.mark == Mark::Para
            && plural_lead_in(text)
            && next.is_some_and(|b| b.mark == Mark::Dash)
        {
            self.took(
                text,
                "dropped: a lead-in naming the column (the items of the list under it are the criteria)".into(),
            );
            self.columns[column].last = None;
            self.columns[column].item_criteria = true;
            return;
        }
        let column_last = match self.columns[column].last {
            Some(Item::Criterion(i)) => Some(i),
            _ => None,
        };
        match block.mark {
            Mark::Bullet => {
                let heading = heading_text(text, next.map(|b| b.text.as_str()));
                self.took(text, "criterion (a heading in the criteria column; the points under it are its indicators)".into());
                let target = match self.columns[column].relation.clone() {
                    Some(refs) => Target::Refs(refs),
                    None => self.cell_target(column),
                };
                self.push_criterion(column, None, heading, target);
            }
            Mark::Dash => {
                let grouped = self.columns[column].relation.is_some();
                let beside = if first && !grouped {
                    self.criterion_beside(column)
                } else {
                    None
                };
                let target = if beside.is_some() {
                    beside
                } else if self.columns[column].item_criteria {
                    None
                } else if first && grouped {
                    self.unfinished_criterion().or(column_last)
                } else if first && self.row_competences.is_empty() {
                    // At the top of a cell, a point only continues a criterion that a
                    // page break left unfinished, not the last one of the row above; and
                    // not in a row that opened a competence (its criteria start there).
                    // A criterion without points takes it only as the rest of its cut
                    // sentence: a capitalised point is the list's next item (criteria
                    // carried over to a row of their own after the break).
                    self.unfinished_criterion().filter(|&i| {
                        starts_lowercase(text)
                            || self
                                .bloc()
                                .criteria
                                .get(i)
                                .is_some_and(|c| !c.indicators.is_empty())
                    })
                } else if first {
                    None
                } else {
                    column_last
                };
                match target {
                    Some(i) => {
                        self.took(
                            text,
                            "indicator of the criterion above (a point under it)".into(),
                        );
                        self.columns[column].last = Some(Item::Criterion(i));
                        if let Some(c) = self.bloc().criteria.get_mut(i) {
                            c.indicators.push(text.to_owned());
                        }
                    }
                    None if !grouped => {
                        // A list with no heading above it: each item is a criterion.
                        self.took(
                            text,
                            "criterion (an item of a list without heading in the criteria column)"
                                .into(),
                        );
                        let target = self.cell_target(column);
                        self.push_criterion(column, None, text.to_owned(), target);
                        self.columns[column].item_criteria = true;
                    }
                    None => {
                        // Points right under "En relation avec …", without a heading.
                        let target = match self.columns[column].relation.clone() {
                            Some(refs) => Target::Refs(refs),
                            None => self.cell_target(column),
                        };
                        self.push_criterion(column, None, String::new(), target);
                        if let Some(c) = self.bloc().criteria.last_mut() {
                            c.indicators.push(text.to_owned());
                        }
                    }
                }
            }
            Mark::Para => {
                for (n, (id, piece)) in ids::split_criteria(text).into_iter().enumerate() {
                    if let Some(id) = id {
                        self.push_criterion(column, Some(id), piece, Target::Numbered);
                        continue;
                    }
                    let opening = first && n == 0;
                    let numbered = self.latest_is_numbered();
                    let unfinished = self.unfinished_criterion();
                    let continues =
                        opening && (starts_lowercase(&piece) || (numbered && unfinished.is_some()));
                    if continues && let Some(i) = unfinished.or(column_last) {
                        self.columns[column].last = Some(Item::Criterion(i));
                        if let Some(c) = self.bloc().criteria.get_mut(i) {
                            match c.indicators.last_mut() {
                                Some(last) => join_cut(last, &piece),
                                None => join_cut(&mut c.text, &piece),
                            }
                        }
                        continue;
                    }
                    // Unnumbered criteria, one per paragraph; a cell without paragraph
                    // marks lost them, so its sentences are taken one by one.
                    let sentences = if paragraphs {
                        vec![piece.clone()]
                    } else {
                        split_sentences(&piece)
                    };
                    if sentences.len() > 1 {
                        self.note(format!(
                            "a criteria cell without paragraph marks was split into {} criteria at its sentence ends",
                            sentences.len()
                        ));
                    }
                    // A heading ending with a colon over a list: the list is its indicators.
                    let heading = sentences.len() == 1
                        && piece.trim_end().ends_with(':')
                        && next.is_some_and(|b| b.mark != Mark::Para);
                    for s in sentences {
                        let target = self.cell_target(column);
                        let s = if heading {
                            heading_text(&s, next.map(|b| b.text.as_str()))
                        } else {
                            s
                        };
                        self.took(&s, format!("criterion ({})", match &target {
                            Target::Many(_) => "a paragraph in the criteria column, beside the exam of the row's several competences",
                            _ => "a paragraph in the criteria column, for the competence of the row",
                        }));
                        self.push_criterion(column, None, s, target);
                    }
                }
            }
        }
    }

    /// A criteria cell holding as many lists as its row has competences (two competences
    /// in one cell, `<ul>…</ul><br><ul>…</ul>` beside them), each item a criterion: the
    /// first list is the first competence's criteria, and so on, not criteria of all.
    /// `before` is the number of the bloc's criteria before the cell was read.
    pub(super) fn one_list_per_competence(&mut self, cell: &Cell, before: usize) {
        let rows = self.row_competences.clone();
        if rows.len() < 2 || cell.lists.len() != rows.len() || cell.lists.first() != Some(&0) {
            return;
        }
        let bloc = self.bloc();
        let new = bloc.criteria.len().saturating_sub(before);
        // One criterion per block, every one of the row's competences: items without
        // headings, as read.
        let all_of_row = bloc.criteria[before.min(bloc.criteria.len())..]
            .iter()
            .all(|c| {
                matches!(&c.target, Target::Many(ks) if *ks == rows) && c.indicators.is_empty()
            });
        if new != cell.blocks.len()
            || !all_of_row
            || cell.blocks.iter().any(|b| b.mark == Mark::Para)
        {
            return;
        }
        for (b, c) in bloc.criteria[before..].iter_mut().enumerate() {
            let list = cell
                .lists
                .iter()
                .rposition(|&start| start <= b)
                .unwrap_or(0);
            c.target = Target::Row(rows[list]);
        }
        let line = self.line;
        self.found.report.push(format!(
            "line {line}: {} lists of criteria beside {} competences: one list each, in order",
            cell.lists.len(),
            rows.len()
        ));
    }

    pub(super) fn latest_is_numbered(&mut self) -> bool {
        self.bloc().criteria.last().is_some_and(|c| c.id.is_some())
    }

    /// `C1.1 :`, `Pour C1.2 :` in a criteria cell beside several competences: the
    /// criteria after it, in the cell, are those of the row's competence of that ID.
    pub(super) fn names_competence(&mut self, text: &str, column: usize) -> bool {
        let t = text.trim().trim_end_matches(':').trim();
        let t = ["pour la compétence ", "pour ", "compétence "]
            .iter()
            .find_map(|w| {
                t.get(..w.len())
                    .filter(|head| head.eq_ignore_ascii_case(w))
                    .map(|_| &t[w.len()..])
            })
            .unwrap_or(t);
        let Some(l) = self.label(t).filter(|l| l.rest.is_empty()) else {
            return false;
        };
        let rows = self.row_competences.clone();
        let Some(k) = rows.into_iter().find(|&k| {
            self.bloc_now()
                .and_then(|b| b.competences.get(k))
                .is_some_and(|c| c.id == l.id)
        }) else {
            return false;
        };
        self.took(
            text,
            format!(
                "dropped: names competence {} of the row, whose criteria follow",
                l.id
            ),
        );
        let col = &mut self.columns[column];
        col.named = Some(k);
        col.last = None;
        col.item_criteria = false;
        true
    }

    /// Whom a new criterion of `column`'s cell goes to: the competence a paragraph of the
    /// cell named, else the row's.
    fn cell_target(&self, column: usize) -> Target {
        match self.columns[column].named {
            Some(k) => Target::Row(k),
            None => self.row_target(),
        }
    }

    pub(super) fn row_target(&self) -> Target {
        match self.row_competences.as_slice() {
            [] => {}
            [k] => return Target::Row(*k),
            ks => return Target::Many(ks.to_vec()),
        }
        // A row without a competence of its own continues the one read last.
        match self.current_competence {
            Some(k) => Target::Row(k),
            None => Target::Refs(Vec::new()),
        }
    }

    /// The one criterion a criteria column left of `column` gave in this row (`Critères`
    /// beside `Indicateurs`): the points at the top of this column's cell are its
    /// indicators. None when the row gave none or several (which of them a list is about
    /// would be a guess).
    fn criterion_beside(&mut self, column: usize) -> Option<usize> {
        let start = self.row_criteria_start;
        let given = self.bloc_now().map_or(0, |b| b.criteria.len());
        if given != start + 1 {
            return None;
        }
        self.columns[..column.min(self.columns.len())]
            .iter()
            .any(|c| c.role == Role::Criteria && c.last == Some(Item::Criterion(start)))
            .then_some(start)
    }

    /// Takes `text`, in criteria column `column`, as an indicator of the criteria a
    /// criteria column left of it gave in this row: of the one criterion, or, beside
    /// several, of each of them (the cell is beside them all, which of them a point is
    /// about is not said). False when no column to the left gave criteria in this row.
    fn indicators_beside(&mut self, column: usize, text: &str, first: bool) -> bool {
        let start = self.row_criteria_start;
        let given = self.bloc_now().map_or(0, |b| b.criteria.len());
        let beside = self.columns[..column.min(self.columns.len())]
            .iter()
            .any(|c| c.role == Role::Criteria && c.tall.iter().any(|&i| i >= start));
        if !beside || given <= start {
            return false;
        }
        let n = given - start;
        if first && n > 1 {
            self.note(format!(
                "the points of a second criteria column beside {n} criteria are indicators of each"
            ));
        }
        self.took(
            text,
            format!("indicator of the row's {n} criteria (a second criteria column beside them)"),
        );
        let bloc = self.bloc();
        for c in &mut bloc.criteria[start..given] {
            c.indicators.push(text.to_owned());
        }
        self.columns[column].last = Some(Item::Criterion(given - 1));
        true
    }

    pub(super) fn push_criterion(
        &mut self,
        column: usize,
        id: Option<String>,
        text: String,
        target: Target,
    ) {
        let line = self.line;
        let row = self.current_competence;
        let bloc = self.bloc();
        bloc.criteria.push(FoundCriterion {
            id,
            text,
            indicators: Vec::new(),
            target,
            row,
            line,
        });
        let index = bloc.criteria.len() - 1;
        self.columns[column].last = Some(Item::Criterion(index));
        self.columns[column].tall.push(index);
    }

    /// Once every row is read: criteria listed in an exam's cell assess the competences
    /// of the rows that exam spans.
    pub fn finish(mut self) -> (super::Found, Vec<(usize, String)>) {
        for bloc in &mut self.found.blocs {
            for c in &mut bloc.criteria {
                if let Target::Exam(m) = c.target {
                    let rows = bloc
                        .modalities
                        .get(m)
                        .map(|x| x.rows.clone())
                        .unwrap_or_default();
                    c.target = match rows.as_slice() {
                        [k] => Target::Row(*k),
                        _ => Target::Many(rows),
                    };
                }
            }
        }
        (self.found, self.explained)
    }
}

/// Whether `id` is competence `competence`'s ID and one number more, after `-` or `.`
/// (`C1-1` of `C1`, `C2.1.3` of `C2.1`; not `C12` of `C1`).
fn extends(id: &str, competence: &str) -> bool {
    id.strip_prefix(competence)
        .and_then(|rest| rest.strip_prefix(['-', '.']))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `a) Texte`, `b) Texte`: a lettered list item's text.
fn lettered(text: &str) -> Option<String> {
    let mut chars = text.chars();
    let letter = chars.next()?;
    let rest = chars.as_str().strip_prefix(") ")?;
    (letter.is_ascii_lowercase() && rest.chars().next().is_some_and(char::is_uppercase))
        .then(|| rest.trim().to_owned())
}

/// `Critères :`, `Critères de réussite :`, `Critères d'évaluation :` (plural, four words at
/// most).
fn plural_lead_in(text: &str) -> bool {
    let t = deunicode::deunicode(text).to_lowercase();
    super::criteria_lead_in(text) && t.starts_with("criteres") && t.split_whitespace().count() <= 4
}

#[cfg(test)]
mod tests {
    use super::extends;
    use crate::import::table::import_text;

    #[test]
    fn a_criterion_id_extends_its_competence_id() {
        assert!(extends("C1-1", "C1") && extends("C2.1.3", "C2.1") && extends("C12-10", "C12"));
        assert!(!extends("C12", "C1") && !extends("C1-a", "C1") && !extends("C1", "C1"));
        assert!(!extends("C2-1", "C1") && !extends("C1-1-2", "C1"));
    }

    /// A competence's last criteria carried over a page break to a row of their own.
    #[test]
    fn points_of_a_row_without_competence_after_a_list_are_more_criteria() {
        let doc = "Compétences\tCritères d'évaluation\n\
            Bloc 1 – Produire\t\n\
            C1 Surveiller la ligne\t<ul><li>Les contrôles sont réalisés</li><li>Les résultats sont enregistrés</li></ul>\n\
            \t<ul><li>Les produits non conformes sont isolés</li><li>Toute dérive arrête la ligne</li></ul>\n";
        let imported = import_text(doc, "x").unwrap();
        let k = &imported.draft.blocs[0].activities[0].competences[0];
        let got: Vec<(&str, usize)> = k
            .criteria
            .iter()
            .map(|c| (c.text.as_str(), c.indicators.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("Les contrôles sont réalisés", 0),
                ("Les résultats sont enregistrés", 0),
                ("Les produits non conformes sont isolés", 0),
                ("Toute dérive arrête la ligne", 0)
            ]
        );
    }

    /// Criteria grouped in one cell under paragraphs naming the row's competences.
    #[test]
    fn a_paragraph_naming_a_competence_of_the_row_gets_the_criteria_after_it() {
        let doc = "Compétences\tCritères d'évaluation\n\
            Bloc 1 – Installer\t\n\
            <p>C1 Poser les modules</p><p>C2 Raccorder l'onduleur</p>\t\
            <p><b>C1 :</b></p><ul><li>Les modules sont fixés</li><li>Le calepinage est respecté</li></ul>\
            <p>Pour C2 :</p><ul><li>Les polarités sont vérifiées</li></ul>\n";
        let imported = import_text(doc, "x").unwrap();
        let got: Vec<(&str, Vec<&str>)> = imported.draft.blocs[0].activities[0]
            .competences
            .iter()
            .map(|k| {
                let criteria = k.criteria.iter().map(|c| c.text.as_str()).collect();
                (k.id.as_str(), criteria)
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "C1",
                    vec!["Les modules sont fixés", "Le calepinage est respecté"]
                ),
                ("C2", vec!["Les polarités sont vérifiées"])
            ]
        );
    }
}
