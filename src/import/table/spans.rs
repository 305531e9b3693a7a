//! Cells spanning columns. A converter writes such a cell in its first column and marks
//! the positions it covers ([`Cell::left`]); an exam and its criteria written in one cell
//! over the exams and criteria columns would then all be the exam's. The structure says
//! which part is which: the cell's opening paragraphs stay in its own column, the list
//! after them goes to the criteria column it also covers.

use super::cells::{Cell, Mark};
use super::columns::Role;

/// The row's cells with each spanning cell's list moved to the criteria column it covers,
/// or `None` when no cell spans so. `roles` gives each cell's column role.
pub fn split(cells: &[Cell], roles: &[Option<Role>]) -> Option<Vec<Cell>> {
    let mut out: Option<Vec<Cell>> = None;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_empty() || roles.get(i).copied().flatten() == Some(Role::Criteria) {
            continue;
        }
        // The columns it covers: the marked positions right after it.
        let covered = (i + 1..cells.len()).take_while(|&j| cells[j].left);
        let Some(target) = covered
            .into_iter()
            .find(|&j| roles.get(j).copied().flatten() == Some(Role::Criteria))
        else {
            continue;
        };
        // Opening paragraphs, then only list items: the exam (or competence), then its
        // criteria.
        let Some(at) = cell.blocks.iter().position(|b| b.mark != Mark::Para) else {
            continue;
        };
        if at == 0 || cell.blocks[at..].iter().any(|b| b.mark == Mark::Para) {
            continue;
        }
        let row = out.get_or_insert_with(|| cells.to_vec());
        let mut head = cell.clone();
        let list = head.blocks.split_off(at);
        head.lists.clear();
        row[target] = Cell {
            blocks: list,
            paragraphs: cell.paragraphs,
            lists: cell
                .lists
                .iter()
                .filter(|&&s| s >= at)
                .map(|s| s - at)
                .collect(),
            ..Cell::default()
        };
        row[i] = head;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::cells::read_cell;
    use super::*;

    #[test]
    fn an_exam_and_its_criteria_in_one_cell_over_both_columns_are_split() {
        let spanned = Cell {
            left: true,
            ..Cell::default()
        };
        let cells = vec![
            read_cell("C1 Faire"),
            read_cell("<p>Épreuve écrite</p><ul><li>a</li><li>b</li></ul>"),
            spanned.clone(),
        ];
        let roles = [
            Some(Role::Competence),
            Some(Role::Modality),
            Some(Role::Criteria),
        ];
        let got = split(&cells, &roles).expect("split");
        assert_eq!(got[1].joined(), "Épreuve écrite");
        assert_eq!(got[2].joined(), "a b");
        assert_eq!(got[2].lists, [0]);
        // Not spanning: nothing moves.
        let mut plain = cells.clone();
        plain[2] = Cell::default();
        assert_eq!(split(&plain, &roles), None);
    }
}
