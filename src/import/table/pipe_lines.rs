//! Rows of cells between pipes as a database extraction writes them, one record to a line
//! (`C1 | Préparer … | Critère 1 | Critère 2`), in a table without a Markdown rule: a record
//! too long for the page goes on over the next lines, indented, wherever the width fell
//! (inside a cell, or right after a ` | `); a record has as many cells as it has criteria,
//! more than its header names; the header may be the end of a sentence saying what the
//! columns are (`… une ligne par compétence : code | compétence | critères`). The wrapped
//! lines are joined back to their record (the lines they took left blank, so that line
//! numbers still point into the document), the cells beyond the header's last are
//! paragraphs of that last cell, and a header's lead-in before its first name is dropped;
//! the same with tabs between the cells ([`tab_records`]).

use super::columns::{Role, role_of};

/// The lines with each record's wrapped lines joined to it: a line indented after a row of
/// cells between pipes, or after such a row's wrapped line.
pub(super) fn join_wrapped(lines: &[&str]) -> Vec<String> {
    join(lines, |line| {
        let t = line.trim();
        t.contains(" | ") || t.ends_with(" |")
    })
}

/// [`join_wrapped`] with `record` telling a record's line.
fn join(lines: &[&str], record: fn(&str) -> bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut open: Option<usize> = None;
    for line in lines {
        // A line opening on a pipe or a tab is a record whose first cell is empty, not a
        // wrap.
        let indented = line.starts_with([' ', '\u{a0}'])
            && !line.trim().is_empty()
            && !line
                .trim_start_matches([' ', '\u{a0}'])
                .starts_with(['|', '\t']);
        match open {
            Some(at) if indented => {
                out[at] = format!("{} {}", out[at].trim_end(), line.trim());
                out.push(String::new());
            }
            _ => {
                open = record(line).then_some(out.len());
                out.push((*line).to_owned());
            }
        }
    }
    out
}

/// The same extraction written with tabs between its cells: its wrapped lines (indented
/// with spaces) joined, its header's lead-in dropped, and, under a header whose last column
/// is the criteria, the cells beyond it folded into it; `None` when none of that applies.
pub(super) fn tab_records(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let joined = join(&lines, |line| line.contains('\t'));
    let cells = |l: &str| -> Vec<String> { l.split('\t').map(|c| c.trim().to_owned()).collect() };
    let named = |l: &str| cells(l).iter().filter(|c| role_of(c).is_some()).count();
    let mut out = joined;
    if let Some(h) = out.iter().position(|l| named(l) >= 2) {
        let mut head = cells(&out[h]);
        let width = head.len();
        let criteria_last = head.last().and_then(|c| role_of(c)) == Some(Role::Criteria);
        if let Some(first) = head.first_mut() {
            *first = header_name(first).to_owned();
        }
        out[h] = head.join("\t");
        for l in out.iter_mut().skip(h + 1) {
            if criteria_last && l.contains('\t') && cells(l).len() > width {
                *l = fold_overflow(l.split('\t').map(str::to_owned).collect(), width).join("\t");
            } else if !l.contains('\t') && bloc_heading(l) {
                // `BLOC 2 – …` between the records: a heading row.
                l.push('\t');
            }
        }
    }
    let changed = out.len() != lines.len() || out.iter().zip(&lines).any(|(a, b)| a != b);
    changed.then(|| out.join("\n"))
}

/// A bloc's line between the records (`BLOC 2 – …`), its title on it: a heading row. One
/// naming only the number (`BLOC DE COMPÉTENCES N° 2`) heads the lines after it, as prose.
pub(super) fn bloc_heading(line: &str) -> bool {
    super::bloc_lines::bloc_line(line)
        && super::ids::bloc(line).is_none_or(|(_, title)| !title.is_empty())
}

/// A record's cells beyond the header's `width`: paragraphs of its last cell (a `<br>`
/// between them, as in a cell of an HTML table).
pub(super) fn fold_overflow(mut cells: Vec<String>, width: usize) -> Vec<String> {
    if width >= 2 && cells.len() > width {
        let rest = cells.split_off(width - 1);
        let rest: Vec<String> = rest.into_iter().filter(|c| !c.trim().is_empty()).collect();
        cells.push(rest.join("<br>"));
    }
    cells
}

/// A header's first cell ending a sentence (`Édition … – une ligne par compétence : code`):
/// the name after its last colon, when it is a few words; else the cell as it is.
pub(super) fn header_name(cell: &str) -> &str {
    match cell.rsplit_once(':') {
        Some((lead, name))
            if !lead.trim().is_empty() && (1..=3).contains(&name.split_whitespace().count()) =>
        {
            name.trim()
        }
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_records_are_joined_and_their_lines_left_blank() {
        let lines = [
            "BLOC 1 – Conduire",
            "C1 | Préparer le poste | Les",
            "    matières sont là | Le vide",
            "    est fait",
            "C2 | Nettoyer | Le plan est suivi",
            "  et consigné",
        ];
        assert_eq!(
            join_wrapped(&lines),
            [
                "BLOC 1 – Conduire",
                "C1 | Préparer le poste | Les matières sont là | Le vide est fait",
                "",
                "",
                "C2 | Nettoyer | Le plan est suivi et consigné",
                "",
            ]
        );
        // An indented line after prose is no record's; one opening on a pipe is a record.
        assert_eq!(
            join_wrapped(&["a | b |", " | c | d"]),
            ["a | b |", " | c | d"]
        );
        assert_eq!(join_wrapped(&["Titre", "  suite"]), ["Titre", "  suite"]);
    }

    #[test]
    fn cells_beyond_the_header_are_paragraphs_of_its_last() {
        let cells = ["C1", "Préparer", "a", "b", ""].map(String::from).to_vec();
        assert_eq!(fold_overflow(cells, 3), ["C1", "Préparer", "a<br>b"]);
        let cells = ["C1", "Préparer"].map(String::from).to_vec();
        assert_eq!(fold_overflow(cells, 3), ["C1", "Préparer"]);
        assert_eq!(
            header_name("Édition du 12/06 – une ligne par compétence : code"),
            "code"
        );
        assert_eq!(
            header_name("Critères d'évaluation"),
            "Critères d'évaluation"
        );
        assert_eq!(
            header_name("Note : voir le guide de l’évaluateur en annexe"),
            "Note : voir le guide de l’évaluateur en annexe"
        );
    }

    #[test]
    fn an_extraction_one_record_to_a_line_becomes_tab_rows() {
        let text = "Référentiel\nColonnes : code | compétence | critères d’évaluation\n\n\
            BLOC 1 – Conduire la ligne\nC1 | Préparer le poste | Les matières sont là | Le\n    \
            vide est fait\nBloc 2 – Maintenir\nC2 | Entretenir | La gamme est suivie\n";
        let tabs = super::super::convert::to_tabs(text).expect("pipe rows");
        let lines: Vec<&str> = tabs.lines().collect();
        assert_eq!(
            lines,
            [
                "Référentiel",
                "code\tcompétence\tcritères d’évaluation",
                "",
                "BLOC 1 – Conduire la ligne\t",
                "C1\tPréparer le poste\tLes matières sont là<br>Le vide est fait",
                "",
                "Bloc 2 – Maintenir\t",
                "C2\tEntretenir\tLa gamme est suivie",
            ]
        );
    }

    #[test]
    fn an_extraction_with_tabs_is_repaired_the_same_way() {
        let text = "Colonnes : code\tcompétence\tcritères\nBLOC 1 – Conduire\nC1\tPréparer\tLes matières\n    sont là\tLe vide est fait\n";
        assert_eq!(
            tab_records(text).expect("repaired"),
            "code\tcompétence\tcritères\nBLOC 1 – Conduire\t\nC1\tPréparer\tLes matières sont là<br>Le vide est fait\n"
        );
        // A bloc line naming only its number is no heading row of its own.
        assert_eq!(tab_records("Compétences\tCritères\nBloc 1\nTitre\n"), None);
        // Cells beyond a header whose last column is not the criteria are left as they are.
        assert_eq!(
            tab_records("Compétences\tCritères\tNotes\nC1 Lire\tBien lu\tx\ty\n"),
            None
        );
    }
}
