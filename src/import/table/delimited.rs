//! A spreadsheet's export as delimited text (CSV, `;` or `,` between fields, a field quoted
//! when it holds the delimiter, quotes or line breaks), read with the `csv` crate: a record
//! of two fields or more is a tab-separated row, its fields' line breaks `<br>` (paragraphs
//! of the cell); a record holding only its first field is a line of prose before the table
//! (the title) and a heading row inside it. Each record is written on the line where it
//! starts, the lines a quoted field spans left blank, so that line numbers still point
//! into the document.

use super::columns::role_of;

/// The document as tab-separated text when it is delimited text whose header record names
/// two columns or more (`Compétences;Critères d'évaluation`); `None` otherwise.
pub fn to_tabs(text: &str) -> Option<String> {
    [b';', b','].into_iter().find_map(|d| read(text, d))
}

/// The records of `text` split at `delimiter`, with the line each starts on (1-based).
fn records(text: &str, delimiter: u8) -> Option<Vec<(usize, Vec<String>)>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        // A stray quote in prose: not delimited text.
        let record = record.ok()?;
        // The line from the record's byte offset, past the blank lines the reader skips
        // before it (its own line count does not see them).
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let rest = text.get(byte..).unwrap_or("");
        let byte = byte + rest.len() - rest.trim_start_matches(['\n', '\r']).len();
        let line = text.get(..byte).map_or(0, |t| t.matches('\n').count()) + 1;
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    Some(out)
}

fn read(text: &str, delimiter: u8) -> Option<String> {
    let records = records(text, delimiter)?;
    // The header: fields naming columns, and most records after it as wide.
    let header = records.iter().position(|(_, fields)| {
        fields.len() >= 2
            && fields
                .iter()
                .filter(|f| f.split_whitespace().count() <= 6 && role_of(f).is_some())
                .count()
                >= 2
    })?;
    let width = records[header].1.len();
    let after = &records[header + 1..];
    let wide = after.iter().filter(|(_, f)| f.len() == width).count();
    if after.is_empty() || wide * 2 < after.len() {
        return None;
    }
    let mut out: Vec<String> = vec![String::new(); text.lines().count() + 1];
    for (n, (line, fields)) in records.iter().enumerate() {
        let at = line.saturating_sub(1).min(out.len() - 1);
        let filled = fields.iter().filter(|f| !f.trim().is_empty()).count();
        let first_only = fields.first().is_some_and(|f| !f.trim().is_empty()) && filled == 1
            || fields.len() == 1;
        out[at] = if filled == 0 {
            String::new()
        } else if first_only && n < header {
            fields[0].split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            let cells: Vec<String> = fields
                .iter()
                .map(|f| {
                    f.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join("<br>")
                })
                .collect();
            let mut row = cells.join("\t");
            // A heading row keeps the table's width (its other cells empty).
            if cells.len() < 2 {
                row.push('\t');
            }
            row
        };
    }
    Some(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_become_rows_and_a_quoted_field_keeps_its_lines() {
        let csv = "Référentiel – Vendeur;;\n\nActivités;Compétences;Critères d'évaluation\n\
                   Bloc 1 : Vendre;;\nA1 Accueil;\"C1 Accueillir; saluer\";\"Le client est salué.\nIl est orienté.\"\n";
        let t = to_tabs(csv).unwrap();
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "Référentiel – Vendeur");
        assert_eq!(lines[2], "Activités\tCompétences\tCritères d'évaluation");
        assert_eq!(lines[3], "Bloc 1 : Vendre\t\t");
        assert_eq!(
            lines[4],
            "A1 Accueil\tC1 Accueillir; saluer\tLe client est salué.<br>Il est orienté."
        );
        assert_eq!(lines[5], "");
        assert_eq!(
            to_tabs("Le titre, délivré par le jury, est reconnu.\n"),
            None
        );
    }
}
