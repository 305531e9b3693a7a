//! The rows of a table nested in a cell (a competence's criteria beside their indicators),
//! as the Word, OpenDocument and HTML readers take them: which first row is a header, and
//! which first cell only numbers its row.

/// The first row of a table nested in a cell is its header, not an item, when it has two
/// cells or more, each a short name (`Critères | Indicateurs`): a paragraph of three words
/// at most, without final punctuation.
pub(super) fn header(cells: &[Vec<&str>]) -> bool {
    let filled: Vec<&Vec<&str>> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            c.len() == 1
                && c[0].split_whitespace().count() <= 3
                && !c[0].trim_end().ends_with(['.', ';', ':', '!', '?'])
        })
}

/// Whether a nested table's row opens with a cell that only numbers it (`1.`, `a)`), the
/// row's text in the cells after it.
pub(super) fn numbered(cells: &[Vec<&str>]) -> bool {
    match cells {
        [first, rest @ ..] => {
            matches!(first.as_slice(), [n] if super::label::marker_only(n))
                && rest.iter().any(|c| !c.is_empty())
        }
        [] => false,
    }
}
