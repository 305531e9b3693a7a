//! Spreadsheet exports (`.csv`, `.tsv`): records of cells as a spreadsheet writes them —
//! `;`, `,` or tab between cells, quoted cells holding line breaks and doubled quotes, a
//! UTF-8 byte order mark, CRLF line ends — read with the `csv` crate into the same
//! [`Line`]s as the other readers, so that one recognition reads them all.
//!
//! A sheet has no paragraphs outside its grid: a record with a single filled cell before
//! the table's first record of several cells, or after its last, is a line of prose (the
//! title, the notes); inside, it is a row (a heading row, a bloc). An empty record is a
//! blank line. A cell's lines are its paragraphs; a line starting with a bullet (`- `,
//! `• `…) is a list item.

use super::cells::{Cell, Line, blocks_html, read_cell};

/// The separators a spreadsheet writes, in the order tried on a tie.
const SEPARATORS: [u8; 3] = [b';', b',', b'\t'];

/// How many records the separator is judged on.
const SAMPLE: usize = 30;

/// Whether `path` names a spreadsheet export, by its extension.
pub fn is_delimited(path: &std::path::Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| e == "csv" || e == "tsv")
}

/// The records of `text` split at `sep`: each with its first line (1-based) and cells.
fn records(text: &str, sep: u8, limit: usize) -> Vec<(usize, Vec<String>)> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records().take(limit) {
        // A malformed record (an unclosed quote at the end) ends the reading: what came
        // before is kept, the rest is not a table of this separator.
        let Ok(record) = record else { break };
        // The line from the record's byte offset: the crate's line count lags behind.
        // (With CRLF ends a record's offset may be that of the `\n` ending the previous.)
        let mut byte = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        let line = text.as_bytes()[..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    out
}

/// The separator whose records agree best: the most records with the same number of
/// cells (more than one), then the most cells. A wrong separator cuts records unevenly
/// or not at all.
fn separator(text: &str) -> u8 {
    let score = |sep: u8| {
        let recs = records(text, sep, SAMPLE);
        let mut counts = std::collections::BTreeMap::<usize, usize>::new();
        for (_, cells) in recs.iter().filter(|(_, c)| c.iter().any(|x| !x.is_empty())) {
            *counts.entry(cells.len()).or_default() += 1;
        }
        counts
            .into_iter()
            .filter(|(width, _)| *width > 1)
            .map(|(width, n)| (n, width))
            .max()
            .unwrap_or((0, 0))
    };
    let mut best = (SEPARATORS[0], (0, 0));
    for sep in SEPARATORS {
        let s = score(sep);
        if s > best.1 {
            best = (sep, s);
        }
    }
    best.0
}

/// A bullet at the start of a cell's line, and the text after it.
fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["- ", "• ", "* ", "– ", "▪ ", "● ", "◦ "]
        .iter()
        .find_map(|b| t.strip_prefix(b))
        .map(str::trim_start)
}

/// A cell's text as a cell: its lines are paragraphs, bulleted lines list items.
pub(super) fn cell(text: &str) -> Cell {
    let lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match bullet(l) {
            Some(item) => (1, item),
            None => (0, l),
        });
    let html = blocks_html(lines);
    if html.is_empty() {
        Cell::default()
    } else {
        read_cell(&html)
    }
}

/// The empty exam cells that a merged cell covers (record, column): a sheet writes a
/// merged cell's text in its first row only, so under the header's exams column
/// (`Modalités d'évaluation`), an empty cell right below a filled one continues it, down
/// to a heading row or a row opening a bloc in its first cell.
fn merged_exams(recs: &[(usize, Vec<String>)]) -> Vec<(usize, usize)> {
    use super::walk::Role;
    let filled = |c: &String| !c.trim().is_empty();
    let Some(header) = recs.iter().position(|(_, cells)| {
        cells
            .iter()
            .filter(|c| super::columns::role_of(c).is_some())
            .count()
            >= 2
    }) else {
        return Vec::new();
    };
    let exams: Vec<usize> = recs[header]
        .1
        .iter()
        .enumerate()
        .filter(|(_, c)| super::columns::role_of(c) == Some(Role::Modality))
        .map(|(n, _)| n)
        .collect();
    let mut out = Vec::new();
    for col in exams {
        let mut open = false;
        for (i, (_, cells)) in recs.iter().enumerate().skip(header + 1) {
            let heading = cells.iter().filter(|c| filled(c)).count() < 2;
            let new_bloc = cells
                .first()
                .is_some_and(|c| super::layout::bloc_line(c.trim()));
            match cells.get(col) {
                _ if heading => open = false,
                Some(c) if filled(c) => open = true,
                _ if open && !new_bloc => out.push((i, col)),
                _ => open = false,
            }
        }
    }
    out
}

/// Reads a spreadsheet export's text as lines.
pub fn read(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = separator(text);
    lines_of(&records(text, sep, usize::MAX))
}

/// Records of cells (each with its first line) as lines: prose outside the table's records
/// of several cells, rows inside, merged exam cells continued.
pub(super) fn lines_of(recs: &[(usize, Vec<String>)]) -> Vec<Line> {
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.trim().is_empty()).count();
    let first = recs.iter().position(|(_, c)| filled(c) >= 2);
    let last = recs.iter().rposition(|(_, c)| filled(c) >= 2);
    let covered = merged_exams(recs);
    let mut out = Vec::new();
    for (i, (line, cells)) in recs.iter().enumerate() {
        let inside = first.is_some_and(|f| i >= f) && last.is_some_and(|l| i <= l);
        match filled(cells) {
            0 => out.push(Line::Blank),
            1 if !inside => {
                let text = cells.iter().find(|c| !c.trim().is_empty());
                let text = text.map_or("", |t| t.as_str());
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                out.push(Line::Text { line: *line, text });
                out.push(Line::Blank);
            }
            _ => {
                // Trailing empty cells are the sheet's width, not the table's.
                let width = cells
                    .iter()
                    .rposition(|c| !c.trim().is_empty())
                    .map_or(0, |w| w + 1);
                let mut cells = cells.iter().map(|c| cell(c)).collect::<Vec<_>>();
                for &(_, col) in covered.iter().filter(|(r, _)| *r == i) {
                    if let Some(c) = cells.get_mut(col) {
                        c.below = true;
                    }
                }
                if !inside {
                    cells.truncate(width);
                }
                out.push(Line::Row { line: *line, cells });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_sheets_are_read_or_refused_without_panic() {
        for text in [
            "",
            "\"",
            "\u{feff}",
            ";;;\r\n;;\n",
            "a;\"b\nc",
            "Compétences;Critères\n\"C1 x\";\"\"\"\n",
            "Compétences;Critères;Modalités\n;;Oral\n;C1 Agir;\n",
            "Bloc;Compétences;Modalités\nBloc 1 : A;C1 Agir;Oral\n;;\n;C2 Dire;\n",
        ] {
            let lines = read(text);
            if let Ok(imported) = super::super::import_lines(&lines, "x", &Default::default()) {
                let yaml = imported.draft.to_yaml();
                let (diags, _) = super::super::super::draft::verify("x", &yaml);
                assert!(!diags.has_errors(), "{text:?}\n{yaml}");
            }
        }
    }

    #[test]
    fn the_separator_is_the_one_whose_records_agree() {
        assert_eq!(separator("a;b;c\n\"x, y\";2;3\n"), b';');
        assert_eq!(separator("a,b,c\n\"x; y\",2,3\n"), b',');
        assert_eq!(separator("a\tb, c\tc\n1\t2\t3\n"), b'\t');
    }

    #[test]
    fn quoted_cells_keep_line_breaks_and_doubled_quotes() {
        let text = "\u{feff}Titre;;\r\n\
            Compétences;Critères;Modalités\r\n\
            C1 Agir;\"- Le \"\"bon\"\" geste\n- Le temps\";Oral\r\n\
            ;;\r\n\
            Fin du document;;\r\n";
        let lines = read(text);
        assert_eq!(
            lines.first(),
            Some(&Line::Text {
                line: 1,
                text: "Titre".into()
            })
        );
        assert_eq!(
            Line::rows(&lines),
            [
                vec!["Compétences", "Critères", "Modalités"],
                vec!["C1 Agir", "Le \"bon\" geste Le temps", "Oral"],
            ]
        );
        let Some(Line::Row { cells, .. }) = lines
            .iter()
            .find(|l| matches!(l, Line::Row { line: 3, .. }))
        else {
            panic!("{lines:#?}")
        };
        assert_eq!(cells[1].blocks.len(), 2, "{cells:#?}");
        assert!(
            lines
                .iter()
                .any(|l| matches!(l, Line::Text { text, line: 6 } if text == "Fin du document")),
            "{lines:#?}"
        );
    }
}
