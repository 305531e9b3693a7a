//! Blocs in the walk: a bloc named in the first cell of a row, opening a bloc, and which
//! bloc the rows are read into (the last, or the one a table of exams names).

use super::super::cells::Cell;
use super::super::ids;
use super::{Column, FoundBloc, Walker};

impl Walker {
    /// Whether `cell`, the first of a row with more, names a bloc (`Bloc 1 – Titre`, or
    /// the author's pattern); if so the bloc is opened.
    pub(super) fn bloc_in_first_cell(&mut self, cell: &Cell) -> bool {
        let text = cell.joined();
        let by_author = self.hints.bloc_pattern.as_ref().and_then(|re| {
            let c = re.captures(text.trim())?;
            let title = c.get(1).map_or(text.as_str(), |m| m.as_str()).trim();
            Some((format!("B{}", self.found.blocs.len() + 1), title.to_owned()))
        });
        let Some((id, title)) = by_author.or_else(|| ids::bloc(&text)) else {
            return false;
        };
        self.took(
            &text,
            format!("bloc {id} (named in the first cell of its first row)"),
        );
        self.open_bloc(id, title);
        true
    }

    /// The bloc rows are read into, if there is one yet.
    pub(super) fn bloc_now(&self) -> Option<&FoundBloc> {
        let last = self.found.blocs.len().checked_sub(1)?;
        self.found
            .blocs
            .get(self.focus.filter(|&b| b < last).unwrap_or(last))
    }

    pub(super) fn open_bloc(&mut self, id: String, title: String) {
        self.focus = None;
        self.found.bloc_headings = true;
        self.found.blocs.push(FoundBloc {
            id,
            title,
            ..FoundBloc::default()
        });
        self.current_competence = None;
        self.current_activity = None;
        self.current_modality = None;
        for c in &mut self.columns {
            *c = Column::new(c.role);
        }
    }
}
