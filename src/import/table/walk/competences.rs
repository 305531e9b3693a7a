//! Competences in the walk: an ID starts one (in a paragraph or a list item, several per
//! cell), text without ID continues it (lists kept as Markdown lines) or, right under a new
//! group, is the group's summary.

use super::super::cells::{Block, Mark};
use super::{
    FoundCompetence, Item, Walker, append_item, append_para, finished, join_cut, short,
    starts_lowercase,
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
            let bloc = self.bloc();
            bloc.competences.push(FoundCompetence {
                id,
                text: body,
                activity,
            });
            let index = bloc.competences.len() - 1;
            self.current_competence = Some(index);
            self.row_competences.push(index);
            self.columns[column].last = Some(Item::Competence(index));
            return;
        }
        let block = Block {
            mark: Mark::Para,
            text: text.to_owned(),
            italic: false,
        };
        self.competence_block(&block, column, first);
    }

    pub(super) fn competence_block(&mut self, block: &Block, column: usize, first: bool) {
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
        let known: Vec<String> = match self.found.blocs.last() {
            Some(b) => b.competences.iter().map(|c| c.id.clone()).collect(),
            None => return false,
        };
        let mut hits = Vec::new();
        for t in &tokens {
            let Some(l) = self.label(t).filter(|l| l.rest.is_empty()) else {
                return false;
            };
            let found: Vec<usize> = (0..known.len())
                .filter(|&k| super::super::ids::names(&l.id, &known[k]))
                .collect();
            if found.is_empty() {
                return false;
            }
            hits.extend(found);
        }
        self.took(
            text,
            "the competences this row's exam and criteria are for (IDs already read, in the competences column)".into(),
        );
        for k in hits {
            if !self.row_competences.contains(&k) {
                self.row_competences.push(k);
            }
        }
        true
    }
}
