//! Cells whose ID was printed in a column of its own (`keys`), and the cells of a blocs
//! column (a REAC's `Activités types`): the ID is the item's whatever its prefix says (`A-1`
//! in the competences column is a competence), a bare number getting the kind's letter; a
//! criterion's code names the competence whose code it holds (`CE-A1-1` → `A-1`).

use super::super::cells::{Block, Cell, Mark};
use super::super::ids;
use super::super::keys::id_of;
use super::{FoundActivity, Role, Target, Walker};

impl Walker {
    /// Reads `cell` if it carries a key or is in the blocs column; false otherwise.
    pub(super) fn keyed_cell(&mut self, cell: &Cell, column: usize) -> bool {
        let role = self.columns[column].role;
        let key = match (&cell.key, role) {
            (_, Role::Bloc) => {
                self.bloc_cell(&cell.joined(), cell.key.as_deref());
                return true;
            }
            (Some(k), _) => k.clone(),
            (None, _) => return false,
        };
        let Some((head, rest)) = cell.blocks.split_first() else {
            return true;
        };
        let id = id_of(&key, role);
        match role {
            Role::Competence => {
                self.took(
                    &head.text,
                    format!("competence {id} (its ID in the column of IDs beside it)"),
                );
                let activity = self.current_activity;
                self.open_competence(id, head.text.clone(), activity, column);
            }
            Role::Activity => {
                self.took(
                    &head.text,
                    format!("activity {id} (its ID in the column of IDs beside it)"),
                );
                self.push_activity(
                    FoundActivity {
                        id,
                        title: head.text.clone(),
                        ..FoundActivity::default()
                    },
                    column,
                );
            }
            Role::Criteria => {
                let target = if self.row_competences.is_empty() {
                    self.coded_target(&id)
                } else {
                    self.row_target()
                };
                self.took(
                    &head.text,
                    format!("criterion {id} (its code in the column of IDs beside it)"),
                );
                self.push_criterion(column, Some(id), head.text.clone(), target);
            }
            _ => {
                // An exam's code: part of its text.
                let block = Block {
                    text: format!("{key} {}", head.text),
                    ..head.clone()
                };
                let mut cell = cell.clone();
                cell.key = None;
                cell.blocks[0] = block;
                self.columns[column].mode = role;
                for (i, b) in cell.blocks.iter().enumerate() {
                    self.modality_block(b, column, i == 0, None);
                }
                return true;
            }
        }
        self.columns[column].mode = role;
        for (i, b) in rest.iter().enumerate() {
            self.block(b, rest.get(i + 1), column, false, cell.paragraphs, None);
        }
        true
    }

    /// A cell of the blocs column opens a bloc: its ID from the column of IDs beside it
    /// (`1` → `B1`), else from its own text (`Activité type 2 : …`), else its position.
    pub(super) fn bloc_cell(&mut self, text: &str, key: Option<&str>) {
        let n = self.found.blocs.len() + 1;
        let (id, title) = match key {
            Some(k) => (id_of(k, Role::Bloc), text.trim().to_owned()),
            None => ids::bloc(text)
                .or_else(|| ids::domain(text, n))
                .unwrap_or_else(|| (format!("B{n}"), text.trim().to_owned())),
        };
        self.took(text, format!("bloc {id} (a cell of the blocs column)"));
        self.open_bloc(id, title);
    }

    /// Whom a criterion coded `CE-A1-1` assesses: the competence whose code is in it, its
    /// own prefix and last number dropped (`A1`, naming `A-1`), looked up in every bloc
    /// (the row then goes to that competence's bloc); else the competence of its numbers
    /// in the current bloc (`Cr1.2.3` → `C1.2`).
    fn coded_target(&mut self, code: &str) -> Target {
        let inner = code
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .trim_start_matches(['.', '-']);
        let parent = inner
            .rfind(['.', '-'])
            .map(|i| &inner[..i])
            .filter(|p| p.starts_with(|c: char| c.is_ascii_alphabetic()));
        if let Some(parent) = parent {
            let found = (0..self.found.blocs.len()).rev().find_map(|b| {
                let known = &self.found.blocs[b].competences;
                let k = (0..known.len()).find(|&k| ids::names(parent, &known[k].id))?;
                Some((b, k))
            });
            if let Some((b, k)) = found {
                let last = self.found.blocs.len() - 1;
                self.focus = (b < last).then_some(b);
                self.row_competences.push(k);
                return Target::Row(k);
            }
        }
        Target::Numbered
    }

    /// Before the other cells of a row, a competences cell after its criteria column that
    /// only names competences already read (`Code | Critère | Compétence évaluée`): the
    /// row's criteria are theirs. Returns the columns read so.
    pub(super) fn references_first(&mut self, cells: &[Cell], columns: &[usize]) -> Vec<usize> {
        let criteria = self.columns.iter().position(|c| c.role == Role::Criteria);
        let mut read = Vec::new();
        for (cell, &column) in cells.iter().zip(columns) {
            let after = criteria.is_some_and(|c| column > c);
            let is_competences = self
                .columns
                .get(column)
                .is_some_and(|c| c.role == Role::Competence);
            if after
                && is_competences
                && let [b] = cell.blocks.as_slice()
                && b.mark == Mark::Para
                && cell.key.is_none()
                && self.competence_references(&b.text)
            {
                read.push(column);
            }
        }
        read
    }
}
