//! Columns of IDs: a `N°`, `Code` or `Réf.` column holding only the IDs (`A-1`, `1`,
//! `CE-A1-1`) of the text in the column after it. Such a column is folded into that one:
//! each ID becomes the `key` of the text cell of its row, which the walk then reads as that
//! item's ID. A column of IDs whose header names competences beside a column of criteria or
//! exams (`N° Fiche CP | Critères de performance`) names the competence each row is about:
//! it is kept as a competences column of references (`1` → `C1`, the competence of that
//! number).

use std::sync::LazyLock;

use regex::Regex;

use super::cells::{Block, Cell, Mark};
use super::columns::{Role, names_ids, role_of};
use super::label::{Kind, Patterns, pattern};
use super::layout::Layout;

/// An ID alone: prefix letters (perhaps two groups, `CE-A1`), numbers separated by `.` or
/// `-`, a last-level letter, a trailing dot.
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:[A-Za-z]{1,4}[.\-\s]?){0,2}\d{1,3}(?:[.\-](?:[A-Za-z]{1,4}[.\-]?)?\d{1,3})*(?:[.\-]?[a-z])?[.)]?$",
    )
});

/// Whether `text` is an ID and nothing else: by the author's patterns or the grammar.
pub fn is_key(text: &str, patterns: &Patterns) -> bool {
    let t = text.trim();
    !t.is_empty() && (patterns.label(t).is_some_and(|l| l.rest.is_empty()) || KEY.is_match(t))
}

/// What an author's pattern matching every key of a column says they name.
fn pattern_kind(texts: &[String], patterns: &Patterns) -> Option<Role> {
    let mut kinds = texts.iter().map(|t| patterns.label(t).map(|l| l.kind));
    let first = kinds.next()??;
    if !kinds.all(|k| k.as_ref() == Some(&first)) {
        return None;
    }
    match first {
        Kind::Competence => Some(Role::Competence),
        Kind::Activity => Some(Role::Activity),
        Kind::Criterion => Some(Role::Criteria),
        _ => None,
    }
}

/// The ID a key gives an item of `role`: as written, spaces and a trailing dot dropped,
/// a separator a referential's IDs cannot hold made `-`; a
/// bare number gets the kind's letter (`1` → `C1` for a competence, `B1` for a bloc), the
/// way the items numbered in order are named.
pub fn id_of(key: &str, role: Role) -> String {
    // A referential's IDs are letters, digits, `.`, `_` and `-`: another separator
    // (`T/01`) becomes `-`.
    let id: String = key
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ')') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = id.trim_end_matches(['.', ')']).to_owned();
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        let prefix = match role {
            Role::Bloc => "B",
            Role::Activity => "A",
            Role::Competence => "C",
            Role::Criteria => "Cr",
            Role::Modality | Role::Id | Role::Knowledge => "",
        };
        return format!("{prefix}{id}");
    }
    id
}

/// `lead`'s text before `cell`'s, on its first paragraph.
fn prepend(cell: &mut Cell, lead: Cell) {
    if lead.is_empty() {
        return;
    }
    let text = lead.joined();
    match cell.blocks.first_mut() {
        Some(b) if b.mark == Mark::Para => b.text = format!("{text} {}", b.text),
        _ => cell.blocks.insert(
            0,
            Block {
                mark: Mark::Para,
                text,
                italic: false,
            },
        ),
    }
}

/// A heading row (text in its first cell only) is no row of the table's columns.
fn heading(cells: &[Cell]) -> bool {
    cells.iter().skip(1).all(Cell::is_empty)
}

/// Folds each table's columns of IDs into the column after them (see the module's doc).
/// Returns what was done, for `--explain`, by line.
pub fn fold(layout: &mut Layout, patterns: &Patterns) -> Vec<(usize, String)> {
    let mut explained = Vec::new();
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain(layout.switches.iter().map(|(at, _)| *at))
        .collect();
    bounds.push(layout.rows.len());
    for seg in 0..bounds.len() - 1 {
        let (from, to) = (bounds[seg], bounds[seg + 1]);
        let mut roles = match seg {
            0 => layout.roles.clone(),
            n => layout.switches[n - 1].1.clone(),
        };
        let header: Vec<String> = layout.headers.get(seg).cloned().unwrap_or_default();
        let line = layout.rows.get(from).map_or(0, |r| r.line);
        // Right to left: folding a column leaves the indices of those before it.
        for c in (0..roles.len().saturating_sub(1)).rev() {
            let named = header.get(c).and_then(|h| names_ids(h));
            // A header cell naming nothing (empty, or words not of a column) over IDs only
            // is a column of IDs too, if it has two or more.
            let unnamed = header
                .get(c)
                .is_some_and(|h| role_of(h).is_none() && named.is_none());
            if roles[c] != Role::Id && named.is_none() && !unnamed {
                continue;
            }
            let rows = &mut layout.rows[from..to];
            let texts: Vec<String> = rows
                .iter()
                .filter(|r| !heading(&r.cells))
                .filter_map(|r| r.cells.get(c))
                .filter(|x| !x.is_empty())
                .map(Cell::joined)
                .collect();
            let keys = !texts.is_empty() && texts.iter().all(|t| is_key(t, patterns));
            if unnamed && roles[c] != Role::Id && (!keys || texts.len() < 2) {
                continue;
            }
            if !keys {
                // Named a column of IDs by the author or its header, but not IDs only: its
                // text is read as the start of the next column's.
                for r in rows.iter_mut() {
                    if c == 0 && heading(&r.cells) || r.cells.len() <= c + 1 {
                        continue;
                    }
                    let lead = r.cells.remove(c);
                    prepend(&mut r.cells[c], lead);
                }
                roles.remove(c);
                explained.push((
                    line,
                    format!(
                        "column {}: named a column of IDs, but not IDs only: its text starts the next column's",
                        c + 1
                    ),
                ));
                continue;
            }
            let kind = named.flatten().or_else(|| pattern_kind(&texts, patterns));
            let next = roles[c + 1];
            if kind == Some(Role::Competence) && matches!(next, Role::Criteria | Role::Modality) {
                for r in rows.iter_mut().filter(|r| !heading(&r.cells)) {
                    if let Some(cell) = r.cells.get_mut(c).filter(|x| !x.is_empty()) {
                        let id = id_of(&cell.joined(), Role::Competence);
                        *cell = Cell {
                            blocks: vec![Block {
                                mark: Mark::Para,
                                text: id,
                                italic: false,
                            }],
                            ..Cell::default()
                        };
                    }
                }
                roles[c] = Role::Competence;
                explained.push((
                    line,
                    format!(
                        "column {}: IDs of competences beside the {} column: each names the competence its row is about",
                        c + 1,
                        if next == Role::Criteria { "criteria" } else { "exams" }
                    ),
                ));
                continue;
            }
            for r in rows.iter_mut() {
                if c == 0 && heading(&r.cells) || r.cells.len() <= c {
                    continue;
                }
                let cell = r.cells.remove(c);
                if cell.is_empty() {
                    continue;
                }
                if let Some(text_cell) = r.cells.get_mut(c) {
                    text_cell.key = Some(cell.joined().trim().to_owned());
                }
            }
            roles.remove(c);
            explained.push((
                line,
                format!(
                    "column {}: IDs only (its header names IDs or nothing, or --columns says so): each is the ID of the text beside it, in the next column",
                    c + 1
                ),
            ));
        }
        // A column of IDs left last has nothing after it to number: exam text.
        for r in &mut roles {
            if *r == Role::Id {
                *r = Role::Modality;
            }
        }
        match seg {
            0 => layout.roles = roles,
            n => layout.switches[n - 1].1 = roles,
        }
    }
    explained
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_naming_ids_and_keys() {
        assert_eq!(names_ids("N° Fiche CP"), Some(Some(Role::Competence)));
        assert_eq!(names_ids("Code critère"), Some(Some(Role::Criteria)));
        assert_eq!(names_ids("Code"), Some(None));
        assert_eq!(names_ids("N° Fiche AT"), Some(Some(Role::Activity)));
        assert_eq!(names_ids("N° et intitulé du bloc"), None);
        assert_eq!(names_ids("Compétences"), None);
        assert_eq!(names_ids("Codes NSF de la certification et autres"), None);
        let p = Patterns::default();
        for k in ["1", "A-1", "CE-A1-1", "C1.2", "1.1.", "CP 3", "C.1.1.a"] {
            assert!(is_key(k, &p), "{k}");
        }
        for no in ["Analyser les journaux", "A-1 Identifier", "30 minutes", ""] {
            assert!(!is_key(no, &p), "{no}");
        }
        assert_eq!(id_of("1", Role::Competence), "C1");
        assert_eq!(id_of("2", Role::Bloc), "B2");
        assert_eq!(id_of("A-1", Role::Competence), "A-1");
        assert_eq!(id_of("1.1.", Role::Competence), "1.1");
        assert_eq!(id_of("T/01", Role::Competence), "T-01");
    }
}
