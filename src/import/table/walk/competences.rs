//! Competences in the walk: an ID starts one (in a paragraph or a list item, several per
//! cell), text without ID continues it (lists kept as Markdown lines) or, right under a new
//! group, is the group's summary. In a second table, a cell naming competences already read
//! gives the row's exam and criteria to them, in whichever bloc (or blocs) they are.

use super::super::cells::{Block, Cell, Mark};
use super::super::label::Kind;
use super::{
    FoundCompetence, FoundCriterion, FoundModality, Item, Scope, Target, Walker, append_item,
    append_para, finished, join_cut, short, starts_lowercase,
};

impl Walker {
    pub(super) fn competence_text(&mut self, text: &str, column: usize, first: bool) {
        if let Some((id, body)) = self.competence_id(text, column) {
            // Activities listed without IDs in the row: paired with its competences in
            // order (the last takes those left).
            let activity = match self.row_generated.as_slice() {
                [] | [_] => self.current_activity,
                many => many
                    .get(self.row_competences.len())
                    .or(many.last())
                    .copied(),
            };
            let how = if self.hints.patterns.label(text).is_some() {
                "its ID matches --id-pattern"
            } else {
                "its ID"
            };
            self.took(
                text,
                format!(
                    "competence {id} ({how}, in the {} column)",
                    self.column_name(column)
                ),
            );
            // `(critères : … ; …)` inside the sentence: its criteria, the rest its text.
            let Some((body, criteria)) = super::inline::inline_criteria(&body) else {
                self.open_competence(id, body, activity, column);
                return;
            };
            self.open_competence(id, body, activity, column);
            let Some(k) = self.current_competence else {
                return;
            };
            for c in criteria {
                self.took(
                    &c,
                    "a criterion of the competence (in parentheses inside its sentence, after a word naming criteria)".into(),
                );
                self.push_criterion(column, None, c, Target::Row(k));
            }
            // Text after it in the column continues the competence, not its last criterion.
            self.columns[column].last = Some(Item::Competence(k));
            return;
        }
        let block = Block {
            mark: Mark::Para,
            text: text.to_owned(),
            italic: false,
        };
        self.competence_block(&block, column, first);
    }

    pub(super) fn open_competence(
        &mut self,
        id: String,
        text: String,
        activity: Option<usize>,
        column: usize,
    ) {
        let bloc = self.bloc();
        bloc.competences
            .push(FoundCompetence { id, text, activity });
        let index = bloc.competences.len() - 1;
        self.current_competence = Some(index);
        self.row_competences.push(index);
        self.columns[column].last = Some(Item::Competence(index));
    }

    pub(super) fn competence_block(&mut self, block: &Block, column: usize, first: bool) {
        let text = block.text.as_str();
        if self.hints.unnumbered_competences
            && self.columns[column].role == super::Role::Competence
            && !text.is_empty()
            && !starts_lowercase(text)
        {
            let n: usize = self.found.blocs.iter().map(|b| b.competences.len()).sum();
            let id = format!("C{}", n + 1);
            self.took(
                text,
                format!(
                    "competence {id} (no competence of the table has an ID: numbered in order)"
                ),
            );
            let activity = self.current_activity;
            self.open_competence(id, text.to_owned(), activity, column);
            return;
        }
        let text = block.text.as_str();
        if block.mark == Mark::Para && self.competence_id(text, column).is_some() {
            self.competence_text(text, column, first);
            return;
        }
        let unfinished = self.unfinished_competence();
        let column_last = match self.columns[column].last {
            Some(Item::Competence(i)) => Some(i),
            _ => None,
        };
        let cut = first && (starts_lowercase(text) || block.mark != Mark::Para);
        // A statement without ID right under a new group: the group's summary.
        if first
            && !cut
            && unfinished.is_none()
            && let Some(&a) = self.row_activities.first()
        {
            let bloc = self.bloc();
            if let Some(activity) = bloc.activities.get_mut(a) {
                append_para(activity.summary.get_or_insert_with(String::new), text);
                return;
            }
        }
        let target = if first {
            unfinished.or(column_last).or(self.current_competence)
        } else {
            column_last.or(self.current_competence)
        };
        let Some(target) = target else {
            self.note(format!(
                "text in the competences column before any competence, kept out: «{}»",
                short(text)
            ));
            return;
        };
        self.columns[column].last = Some(Item::Competence(target));
        if let Some(k) = self.bloc().competences.get_mut(target) {
            match block.mark {
                Mark::Dash | Mark::Bullet => append_item(&mut k.text, text),
                Mark::Para if first && unfinished == Some(target) => join_cut(&mut k.text, text),
                Mark::Para => append_para(&mut k.text, text),
            }
        }
    }

    /// The first numbers of the criteria of a row numbered on two levels (`1.2 Texte` → 1),
    /// in its criteria columns.
    pub(super) fn numbered_criteria(&self, cells: &[Cell], columns: &[usize]) -> Vec<u32> {
        let mut numbers = Vec::new();
        for (cell, &column) in cells.iter().zip(columns) {
            if self.columns.get(column).map(|c| c.role) != Some(super::Role::Criteria) {
                continue;
            }
            for b in cell.blocks.iter().filter(|b| b.mark == Mark::Para) {
                if let Some(l) = self.label(&b.text)
                    && l.kind == Kind::Number
                    && l.numbers.len() == 2
                    && !l.rest.is_empty()
                {
                    numbers.push(l.numbers[0]);
                }
            }
        }
        numbers
    }

    /// A competences cell opening with a bare number `2.` and listing, after it, items
    /// numbered deeper (`1.2.1`, `1.2.2`), or beside criteria numbered under it (`2.1`):
    /// the competence numbered in its bloc (`C1.2` in bloc `B1`: such numbers restart in
    /// each bloc) and its criteria. False, and nothing done, for any other cell.
    pub(super) fn numbered_in_bloc(&mut self, cell: &Cell, column: usize) -> bool {
        // Each block's number of two levels or more, if it has one.
        let deeper: Vec<Option<super::super::label::Label>> = cell
            .blocks
            .iter()
            .map(|b| {
                self.label(&b.text).filter(|l| {
                    b.mark == Mark::Para
                        && l.kind == Kind::Number
                        && l.numbers.len() >= 2
                        && !l.rest.is_empty()
                })
            })
            .collect();
        let Some(first) = cell.blocks.first() else {
            return false;
        };
        let head = self.label(&first.text).filter(|l| {
            first.mark == Mark::Para
                && l.kind == Kind::Number
                && l.numbers.len() == 1
                && !l.rest.is_empty()
        });
        let Some(head) = head else { return false };
        // Items numbered under it in its cell, or the row's criteria numbered under it
        // (`1.` beside `1.1 …`, an outcome and its assessment criteria).
        if deeper[1..].iter().all(Option::is_none) && !self.row_numbered.contains(&head.numbers[0])
        {
            return false;
        }
        let n = self.found.blocs.len().max(1);
        let bloc = self.bloc();
        let number = match super::super::ids::numbers(&bloc.id).as_slice() {
            [b] => *b as usize,
            _ => n,
        };
        let id = format!("C{number}.{}", head.numbers[0]);
        self.took(
            &first.text,
            format!(
                "competence {id} (numbered `{}.` in its bloc, before the items numbered under it)",
                head.numbers[0]
            ),
        );
        let activity = self.current_activity;
        self.open_competence(id, head.rest, activity, column);
        let k = self.current_competence;
        for (i, b) in cell.blocks.iter().enumerate().skip(1) {
            let last = match self.columns[column].last {
                Some(Item::Criterion(c)) => Some(c),
                _ => None,
            };
            if let (Some(l), Some(k)) = (deeper[i].clone(), k) {
                self.took(
                    &b.text,
                    format!(
                        "criterion {} (numbered under the competence of its cell)",
                        l.id
                    ),
                );
                self.push_criterion(column, Some(l.id), l.rest, Target::Row(k));
            } else if b.mark != Mark::Para
                && let Some(c) = last
            {
                if let Some(c) = self.bloc().criteria.get_mut(c) {
                    c.indicators.push(b.text.clone());
                }
            } else {
                let next = cell.blocks.get(i + 1);
                self.block(b, next, column, false, cell.paragraphs, None);
            }
        }
        true
    }

    pub(super) fn unfinished_competence(&mut self) -> Option<usize> {
        let bloc = self.bloc();
        let last = bloc.competences.len().checked_sub(1)?;
        // Only the latest few: text is never cut further back than a row or two.
        (last.saturating_sub(3)..=last)
            .rev()
            .find(|&i| !finished(&bloc.competences[i].text))
    }
}

impl Walker {
    /// A competences cell that only names competences already read (`C1, C2`, `CP3 et
    /// CP4`): in a second table (exams, the competences they evaluate, criteria), the row's
    /// competences are those. False, and nothing done, otherwise.
    pub(super) fn competence_references(&mut self, text: &str) -> bool {
        let tokens: Vec<String> = text
            .replace(" et ", ",")
            .split([',', ';', '/', '&'])
            .map(|t| t.trim().trim_end_matches('.').to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        if tokens.is_empty() {
            return false;
        }
        if self.second_table && self.competence_named_by_text(text) {
            return true;
        }
        // The bloc whose competences they are: the current one, else any other (a table
        // of exams after all the blocs names the competences of each in turn).
        let mut labels = Vec::new();
        for t in &tokens {
            match self.label(t).filter(|l| l.rest.is_empty()) {
                Some(l) => labels.push(l.id),
                None => return false,
            }
        }
        let now = match self.bloc_now() {
            Some(_) => self.focus.unwrap_or(self.found.blocs.len() - 1),
            None => return false,
        };
        let order = std::iter::once(now).chain((0..self.found.blocs.len()).filter(|&b| b != now));
        let mut found_in = None;
        for b in order {
            let known = &self.found.blocs[b].competences;
            let mut hits = Vec::new();
            let all = labels.iter().all(|l| {
                let found: Vec<usize> = (0..known.len())
                    .filter(|&k| super::super::ids::names(l, &known[k].id))
                    .collect();
                hits.extend(&found);
                !found.is_empty()
            });
            if all {
                found_in = Some((b, hits));
                break;
            }
        }
        // Competences of several blocs (a table of exams after all the blocs, one exam for
        // both): the row is read into the bloc of the first, and copied to the others.
        let mut split = Vec::new();
        let found_in = found_in.or_else(|| {
            let mut parts = self.references_in_blocs(&labels, now)?;
            let first = parts.remove(0);
            split = parts;
            Some(first)
        });
        let Some((b, hits)) = found_in else {
            return false;
        };
        if b != now {
            self.refocus(now, b);
        }
        if !split.is_empty() {
            let names: Vec<String> = std::iter::once(b)
                .chain(split.iter().map(|(o, _)| *o))
                .map(|o| self.found.blocs[o].id.clone())
                .collect();
            self.note(format!(
                "the row names competences of blocs {}: its exam and criteria are written in each, for that bloc's competences",
                names.join(", ")
            ));
            self.row_criteria = self.found.blocs[b].criteria.len();
            self.row_split = split;
        }
        self.took(
            text,
            "the competences this row's exam and criteria are for (IDs already read, in the competences column)".into(),
        );
        // One competence named (`C1.1` on the first of its criteria's rows): rows below
        // whose competences cell is empty or merged down are its too, as they would be
        // under the competence's own row.
        if let ([k], true) = (hits.as_slice(), self.row_split.is_empty()) {
            self.current_competence = Some(*k);
        }
        for k in hits {
            if !self.row_competences.contains(&k) {
                self.row_competences.push(k);
            }
        }
        true
    }
}

impl Walker {
    /// In a second table, a competences cell holding the text of a competence already read
    /// (a REAC's criteria of performance listed beside each competence's title): the row's
    /// competence is that one, in whichever bloc it is.
    fn competence_named_by_text(&mut self, text: &str) -> bool {
        let norm = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let want = norm(text);
        let Some((b, k)) = (0..self.found.blocs.len()).find_map(|b| {
            let k = self.found.blocs[b]
                .competences
                .iter()
                .position(|c| norm(&c.text) == want)?;
            Some((b, k))
        }) else {
            return false;
        };
        let now = self.focus.unwrap_or(self.found.blocs.len() - 1);
        if b != now {
            self.refocus(now, b);
        }
        let id = self.found.blocs[b].competences[k].id.clone();
        self.took(
            text,
            format!("the competence this row's exam and criteria are for ({id}, by its text, in the competences column)"),
        );
        self.current_competence = Some(k);
        if !self.row_competences.contains(&k) {
            self.row_competences.push(k);
        }
        true
    }

    /// Each label's competences in the first bloc (the current one first) that has them,
    /// grouped by bloc in the order met; `None` when one is nowhere.
    fn references_in_blocs(
        &self,
        labels: &[String],
        now: usize,
    ) -> Option<Vec<(usize, Vec<usize>)>> {
        let order: Vec<usize> = std::iter::once(now)
            .chain((0..self.found.blocs.len()).filter(|&b| b != now))
            .collect();
        let mut parts: Vec<(usize, Vec<usize>)> = Vec::new();
        for l in labels {
            let (b, found) = order.iter().find_map(|&b| {
                let known = &self.found.blocs[b].competences;
                let found: Vec<usize> = (0..known.len())
                    .filter(|&k| super::super::ids::names(l, &known[k].id))
                    .collect();
                (!found.is_empty()).then_some((b, found))
            })?;
            match parts.iter_mut().find(|(p, _)| *p == b) {
                Some((_, hits)) => hits.extend(found),
                None => parts.push((b, found)),
            }
        }
        Some(parts)
    }

    /// After a row naming competences of several blocs: its exams and criteria (read into
    /// the first bloc) are copied to each other bloc, for that bloc's competences.
    pub(super) fn copy_to_other_blocs(&mut self) {
        let split = std::mem::take(&mut self.row_split);
        if split.is_empty() || self.found.blocs.is_empty() {
            return;
        }
        let last = self.found.blocs.len() - 1;
        let from = self.focus.filter(|&b| b < last).unwrap_or(last);
        let source = &self.found.blocs[from];
        let start = self.row_modalities.min(source.modalities.len());
        let exams: Vec<FoundModality> = source.modalities[start..].to_vec();
        let criteria: Vec<FoundCriterion> =
            source.criteria[self.row_criteria.min(source.criteria.len())..].to_vec();
        for (b, hits) in split {
            let bloc = &mut self.found.blocs[b];
            let base = bloc.modalities.len();
            for m in &exams {
                bloc.modalities.push(FoundModality {
                    scope: Scope::Rows,
                    rows: hits.clone(),
                    ..m.clone()
                });
            }
            for c in &criteria {
                let target = match &c.target {
                    Target::Row(_) | Target::Many(_) => match hits.as_slice() {
                        [k] => Target::Row(*k),
                        _ => Target::Many(hits.clone()),
                    },
                    Target::Exam(m) if *m >= start => Target::Exam(base + m - start),
                    _ => continue,
                };
                bloc.criteria.push(FoundCriterion {
                    target,
                    row: hits.first().copied(),
                    ..c.clone()
                });
            }
        }
    }

    /// The row names competences of bloc `to`, not of bloc `from` it was being read into:
    /// the exams it opened so far move there, and the rest of the row is read into it.
    fn refocus(&mut self, from: usize, to: usize) {
        let start = self
            .row_modalities
            .min(self.found.blocs[from].modalities.len());
        let moved: Vec<_> = self.found.blocs[from].modalities.drain(start..).collect();
        let base = self.found.blocs[to].modalities.len();
        let n = moved.len();
        self.found.blocs[to].modalities.extend(moved);
        self.row_modalities = base;
        self.focus = Some(to);
        self.current_modality = n.checked_sub(1).map(|i| base + i);
        for c in &mut self.columns {
            if let Some(super::Item::Modality(m)) = c.last {
                c.last = (m >= start).then(|| super::Item::Modality(base + m - start));
            }
        }
        let (a, b) = (
            self.found.blocs[from].id.clone(),
            self.found.blocs[to].id.clone(),
        );
        let line = self.line;
        self.explained.push((
            line,
            format!("the competences this row names are bloc {b}'s: its exam and criteria go there, not to {a}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::import::table::import_text;

    fn criteria_by_competence(doc: &str) -> Vec<(String, Vec<String>)> {
        let imported = import_text(doc, "x").unwrap();
        imported.draft.blocs[0].activities[0]
            .competences
            .iter()
            .map(|k| {
                let criteria = k.criteria.iter().map(|c| c.text.clone()).collect();
                (k.id.clone(), criteria)
            })
            .collect()
    }

    /// The criteria in a table of their own after prose closing the competences' table,
    /// keyed by the competence's code.
    #[test]
    fn a_later_table_of_criteria_keyed_by_code_after_prose_is_read() {
        let doc = "Code\tCompétence\n\
            Bloc 1 – Accueillir\t\n\
            C1\tAccueillir le client\n\
            C2\tIdentifier son besoin\n\
            \n\
            2. Critères d’évaluation\n\
            Une compétence est acquise lorsque ses critères sont satisfaits.\n\
            \n\
            Compétence\tCritères d’évaluation\n\
            C1\tLe client est salué dès son arrivée\n\
            C2\tLe besoin est reformulé\n";
        assert_eq!(
            criteria_by_competence(doc),
            [
                (
                    "C1".into(),
                    vec!["Le client est salué dès son arrivée".into()]
                ),
                ("C2".into(), vec!["Le besoin est reformulé".into()]),
            ]
        );
    }

    /// One row per criterion, the code repeated on each (read as a cell merged down): the
    /// rows below the first are the same competence's, not the last competence read's.
    #[test]
    fn rows_below_a_named_competence_in_a_second_table_are_its_own() {
        let doc = "Code\tCompétence\n\
            Bloc 1 – Accueillir\t\n\
            C1\tAccueillir le client\n\
            C2\tIdentifier son besoin\n\
            \n\
            Critères d’évaluation :\n\
            \n\
            Compétence\tCritères d’évaluation\n\
            C1\tLe client est salué dès son arrivée\n\
            C1\tL’attente est signalée\n\
            C2\tLe besoin est reformulé\n\
            C2\tLes questions sont ouvertes\n";
        assert_eq!(
            criteria_by_competence(doc),
            [
                (
                    "C1".into(),
                    vec![
                        "Le client est salué dès son arrivée".into(),
                        "L’attente est signalée".into()
                    ]
                ),
                (
                    "C2".into(),
                    vec![
                        "Le besoin est reformulé".into(),
                        "Les questions sont ouvertes".into()
                    ]
                ),
            ]
        );
    }
}
