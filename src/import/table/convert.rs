//! Other text conversions of a table, turned into the tab-separated rows [`super::cells`]
//! reads: Markdown pipe tables (`| a | b |` rows under a `|---|---|` rule), grid tables
//! (`+---+---+` rules, [`super::grid`]), a whole HTML
//! document's tables ([`super::html`]) and the output of `pdftotext -layout` (columns
//! aligned with spaces, a cell's text wrapped over several lines). Spreadsheet exports
//! (`.csv`, `.tsv`) are read by their own reader, [`super::delimited`]. Each converted row is written on the line where it starts, and the lines it
//! absorbed are left blank, so that line numbers still point into the document.

use super::columns::role_of;

/// The document as tab-separated text when it is a Markdown or `pdftotext -layout`
/// conversion of a table; `None` when it is already tab-separated as it is read (or not a
/// table).
pub fn to_tabs(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    // A whole HTML document is HTML even with tabs in it (Word indents its style sheet
    // with them); tabs elsewhere mean a tab-separated export.
    // A whole HTML document without a table (a page of definition lists, of headings and
    // lists) is read as its prose lines, for the outline reader.
    if html_document(&lower) {
        return Some(super::html::to_tabs(text));
    }
    // Tab-separated already; an extraction one record to a line may need repairs.
    if text.contains('\t') {
        return super::pipe_lines::tab_records(text);
    }
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    if super::grid::has_grid(&lines) {
        return Some(super::grid::to_tabs(&lines, |l| {
            if setext_rule(l) {
                String::new()
            } else {
                inline(l)
            }
        }));
    }
    if lines.iter().any(|l| pipe_rule(l)) || framed_rows(&lines) {
        return Some(markdown(&lines));
    }
    if lower.contains("<table") && lower.contains("<td") {
        return Some(super::html::to_tabs(text));
    }
    // Columns aligned with spaces: `pdftotext -layout`, or pandoc's simple and multiline
    // tables, whose rules (`------ ------`, a setext `====`) are no text and whose
    // Markdown marks (`**`, `#`) are dropped.
    let cleaned: Vec<String> = lines
        .iter()
        .map(|l| {
            if rule_line(l) {
                String::new()
            } else {
                inline(l)
            }
        })
        .collect();
    let cleaned: Vec<&str> = cleaned.iter().map(String::as_str).collect();
    layout(&cleaned)
}

/// Whether the (lowercased) text opens as an HTML document does: a doctype, an `<html>`
/// element, or an XML declaration before one.
pub(super) fn html_document(lower: &str) -> bool {
    let start = lower.trim_start_matches('\u{feff}').trim_start();
    let start = match start.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or("", |(_, r)| r).trim_start(),
        None => start,
    };
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// `|---|:---:|`, `:-- | :--`: the rule under a Markdown table's header (each cell dashes,
/// a colon at either end for the alignment).
fn pipe_rule(line: &str) -> bool {
    let t = line.trim();
    let cells: Vec<&str> = t
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    t.contains('|')
        && !cells.is_empty()
        && cells.iter().all(|c| {
            let d = c.trim_start_matches(':').trim_end_matches(':');
            !d.is_empty() && d.chars().all(|c| c == '-')
        })
}

/// A rule drawn with dashes or equals signs, perhaps in segments (`------ -------`).
fn rule_line(line: &str) -> bool {
    let t = line.trim();
    t.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && t.chars().all(|c| matches!(c, '-' | '=' | ' '))
}

/// Rows of cells between pipes without a Markdown rule under the header, framed
/// (`| Activités | … |`) or not (`Critères | Compétences | Activités`, as some programs
/// export them): two such lines or more, one naming two columns.
fn framed_rows(lines: &[&str]) -> bool {
    let framed: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|t| {
            let framed = t.starts_with('|') && t.ends_with('|') && t.matches('|').count() >= 3;
            // Unframed, the pipes stand between spaces: `a | b`, not `a|b` in a word.
            t.len() > 2 && (framed || t.contains(" | "))
        })
        .filter_map(pipe_cells)
        .collect();
    framed.len() >= 2
        && framed
            .iter()
            .any(|cells| cells.iter().filter(|c| role_of(c).is_some()).count() >= 2)
}

/// `=====` or `-----` under a setext heading: a mark, not text.
fn setext_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

/// Whether the pipes at the ends of a row frame it (`| a | b |`) rather than stand between
/// cells: in a Markdown table (a rule under its header), or when the header row is framed.
/// A table whose header is written `a | b | c` without a rule has its rows written so too,
/// so a row ` | b | ` starts and ends with an empty cell.
fn framed(lines: &[&str]) -> bool {
    if lines.iter().any(|l| pipe_rule(l)) {
        return true;
    }
    let header = lines.iter().find(|l| {
        pipe_cells(l)
            .is_some_and(|cells| cells.iter().filter(|c| role_of(c).is_some()).count() >= 2)
    });
    header.is_none_or(|l| l.trim().starts_with('|'))
}

/// A Markdown table row: `| a | b |` (outer pipes optional when there are two cells or more).
fn pipe_cells(line: &str) -> Option<Vec<String>> {
    pipe_cells_framed(line, true)
}

/// A row's cells between pipes; the pipes at its ends frame it when `edges` (else they
/// stand between the row's first or last cell, empty, and the next).
fn pipe_cells_framed(line: &str, edges: bool) -> Option<Vec<String>> {
    let t = if edges { line.trim() } else { line };
    if !t.contains('|') {
        return None;
    }
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    if edges && t.starts_with('|') {
        cells.remove(0);
    }
    if edges && t.ends_with('|') && !t.ends_with("\\|") {
        cells.pop();
    }
    if cells.len() < 2 && !t.starts_with('|') {
        return None;
    }
    Some(cells.iter().map(|c| inline(c.trim())).collect())
}

/// Markdown's inline emphasis and heading marks dropped: `**Bloc 1**`, `## Bloc 1`.
fn inline(text: &str) -> String {
    let t = text.trim_start_matches('#').trim_start();
    let t = if t.len() < text.len() && text.starts_with('#') {
        t
    } else {
        text
    };
    let t = t.replace("**", "").replace("__", "");
    // A line in italics (`*Version …*`, `_Le jury …_`): the marks dropped.
    for m in ['*', '_'] {
        if t.len() > 2 && t.starts_with(m) && t.ends_with(m) {
            return t[1..t.len() - 1].to_owned();
        }
    }
    t
}

fn markdown(lines: &[&str]) -> String {
    let edges = framed(lines);
    // Unframed, the rows are records an extraction wrote one to a line, perhaps wrapped
    // over indented lines and longer than their header (see `pipe_lines`).
    let joined = if edges {
        lines.iter().map(|l| (*l).to_owned()).collect()
    } else {
        super::pipe_lines::join_wrapped(lines)
    };
    let lines: Vec<&str> = joined.iter().map(String::as_str).collect();
    let header = (!edges)
        .then(|| {
            lines.iter().position(|l| {
                pipe_cells_framed(l, false)
                    .is_some_and(|cells| cells.iter().filter(|c| role_of(c).is_some()).count() >= 2)
            })
        })
        .flatten();
    let width = header
        .and_then(|h| pipe_cells_framed(lines[h], false))
        .map_or(0, |cells| cells.len());
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if pipe_rule(line) {
            out.push_str("---\t---");
        } else if setext_rule(line) {
            // Left blank: the line above is the heading.
        } else if let Some(mut cells) = pipe_cells_framed(line, edges) {
            if header == Some(i)
                && let Some(first) = cells.first_mut()
            {
                *first = super::pipe_lines::header_name(first).to_owned();
            } else if header.is_some_and(|h| i > h) {
                cells = super::pipe_lines::fold_overflow(cells, width);
            }
            // One cell alone (`| Bloc 1 : … |`) is a heading row: a tab makes it a row.
            out.push_str(&cells.join("\t"));
            if cells.len() < 2 {
                out.push('\t');
            }
        } else if header.is_some_and(|h| i > h) && super::pipe_lines::bloc_heading(&inline(line)) {
            // `BLOC 2 – …` between an extraction's records: a heading row.
            out.push_str(&inline(line));
            out.push('\t');
        } else {
            out.push_str(&inline(line));
        }
        out.push('\n');
    }
    out
}

/// A piece of a layout line: text between runs of two spaces or more, and where it starts
/// (in characters).
#[derive(Debug)]
struct Piece {
    start: usize,
    end: usize,
    text: String,
}

fn pieces(line: &str) -> Vec<Piece> {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\u{c}' { ' ' } else { c })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if chars[i] != ' ' {
                end = i + 1;
                i += 1;
            } else if chars.get(i + 1).is_some_and(|c| *c != ' ') {
                i += 1;
            } else {
                break;
            }
        }
        out.push(Piece {
            start,
            end,
            text: chars[start..end].iter().collect(),
        });
    }
    out
}

/// The columns of a layout table: where each starts (the first at 0), from its header
/// line (or two lines, `Référentiel` over `d'activités`). A column takes what starts after
/// the end of the previous column's header word, so a header centred over its column still
/// holds the text starting left of it.
fn header_columns(lines: &[&str]) -> Option<(usize, usize, Vec<usize>)> {
    for (i, line) in lines.iter().enumerate() {
        let first = pieces(line);
        if first.len() < 2 {
            continue;
        }
        let named = |ps: &[String]| ps.iter().filter(|p| role_of(p).is_some()).count() >= 2;
        let texts: Vec<String> = first.iter().map(|p| p.text.clone()).collect();
        let mut used = 1;
        let mut ok = named(&texts);
        // A second line of short words without IDs under the header's words continues it
        // (`Critères` over `d'évaluation`), whether the first line named the columns or not.
        let continues = lines.get(i + 1).is_some_and(|next| {
            let second = pieces(next);
            !second.is_empty()
                && second.len() <= first.len()
                && second
                    .iter()
                    .all(|p| p.text.split_whitespace().count() <= 3 && !starts_id(&p.text))
        });
        if (!ok || continues)
            && let Some(next) = lines.get(i + 1)
        {
            // A header on two lines: the second line's pieces joined to the piece above.
            let second = pieces(next);
            let mut joined = texts.clone();
            for p in &second {
                if let Some(k) = first.iter().rposition(|f| f.start <= p.end) {
                    joined[k].push(' ');
                    joined[k].push_str(&p.text);
                }
            }
            if named(&joined) {
                ok = true;
                used = 2;
            }
        }
        if !ok || first.len() > 6 {
            continue;
        }
        let mut starts = vec![0];
        for w in first.windows(2) {
            starts.push((w[0].end + 1).min(w[1].start));
        }
        return Some((i, used, starts));
    }
    None
}

fn column_of(starts: &[usize], start: usize) -> usize {
    starts.iter().rposition(|s| *s <= start).unwrap_or(0)
}

/// A layout text's lines grouped into rows (blank lines between them), each row's cells
/// joined: a line that starts a new item (a bullet, an ID, a capital after a sentence's
/// end) is a new paragraph (`<br>`), others continue the line above.
fn layout(lines: &[&str]) -> Option<String> {
    let (header, used, starts) = header_columns(lines)?;
    let width = starts.len();
    let mut out: Vec<String> = lines[..header]
        .iter()
        .map(|l| l.trim().to_owned())
        .collect();
    let mut i = header;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            out.push(String::new());
            i += 1;
            continue;
        }
        let first = i;
        i += 1;
        // A row ends at a blank line, at a page break, and where the first column starts
        // another item (rows not separated by blank lines); the header stays whole.
        let mut column0 = pieces(lines[first]).iter().any(|p| p.start < starts[1]);
        while i < lines.len() && !lines[i].trim().is_empty() && !lines[i].contains('\u{c}') {
            let ps = pieces(lines[i]);
            let opens = ps
                .first()
                .is_some_and(|p| p.start < starts[1] && starts_id(&p.text));
            if opens && column0 && first != header {
                break;
            }
            column0 |= ps.iter().any(|p| p.start < starts[1]);
            i += 1;
        }
        let group = &lines[first..i];
        let repeat = first != header
            && (0..used).all(|k| {
                group
                    .get(k)
                    .map(|l| l.replace('\u{c}', "").trim().to_owned())
                    == Some(lines[header + k].trim().to_owned())
            });
        if repeat {
            // The header again at the top of a page.
            let cells = cells_of(&group[..used], &starts, width, " ");
            out.push(cells.join("\t"));
            out.extend(std::iter::repeat_n(String::new(), used - 1));
            let rest = &group[used..];
            if !rest.is_empty() {
                out.push(cells_of(rest, &starts, width, "<br>").join("\t"));
                out.extend(std::iter::repeat_n(String::new(), rest.len() - 1));
            }
            continue;
        }
        if first == header {
            // The header itself (a second header line joined), then the rest of its group.
            let cells = cells_of(&lines[header..header + used], &starts, width, " ");
            out.push(cells.join("\t"));
            out.extend(std::iter::repeat_n(String::new(), used - 1));
            let rest = &group[used.min(group.len())..];
            if !rest.is_empty() {
                out.push(cells_of(rest, &starts, width, "<br>").join("\t"));
                out.extend(std::iter::repeat_n(String::new(), rest.len() - 1));
            }
            continue;
        }
        let spans_columns = |l: &&str| {
            let ps = pieces(l);
            ps.len() == 1 && ps[0].start < starts[1] && ps[0].end > starts[1]
        };
        if group.iter().all(spans_columns) {
            let text = group.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            if super::layout::bloc_line(&text) || group.len() == 1 {
                // A line across the columns: a heading row (`Bloc 1 : …`), else prose.
                if super::layout::bloc_line(&text) {
                    out.push(format!("{text}\t"));
                } else {
                    out.push(text);
                }
                out.extend(std::iter::repeat_n(String::new(), group.len() - 1));
            } else {
                out.extend(group.iter().map(|l| l.trim().to_owned()));
            }
            continue;
        }
        if group
            .iter()
            .all(|l| pieces(l).iter().all(|p| p.start >= starts[1]))
            && group.iter().all(|l| pieces(l).len() == 1)
        {
            // Text away from the first column and alone on its lines: a page number, a
            // running title (page furniture between rows).
            out.extend(group.iter().map(|l| l.trim().to_owned()));
            continue;
        }
        let cells = cells_of(group, &starts, width, "<br>");
        out.push(cells.join("\t"));
        out.extend(std::iter::repeat_n(String::new(), group.len() - 1));
    }
    Some(out.join("\n"))
}

/// The text of each column over `lines`, fragments joined by `sep` when a fragment starts
/// a new item, by a space otherwise.
fn cells_of(lines: &[&str], starts: &[usize], width: usize, sep: &str) -> Vec<String> {
    let mut cells = vec![String::new(); width];
    for line in lines {
        for p in pieces(line) {
            let cell = &mut cells[column_of(starts, p.start)];
            if cell.is_empty() {
                cell.push_str(&p.text);
            } else if starts_item(&p.text) || ends_sentence(cell) {
                cell.push_str(sep);
                cell.push_str(&p.text);
            } else {
                cell.push(' ');
                cell.push_str(&p.text);
            }
        }
    }
    cells
}

/// A bullet, or an ID at the start of a fragment: a new item of the cell.
fn starts_item(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    matches!(
        first,
        '•' | '●'
            | '▪'
            | '■'
            | '→'
            | '➢'
            | '➤'
            | '✓'
            | '✔'
            | '☑'
            | '-'
            | '–'
            | '*'
            | 'o'
    ) && text.chars().nth(1) == Some(' ')
        || starts_id(text)
}

fn starts_id(text: &str) -> bool {
    super::label::label(text).is_some_and(|l| !l.rest.is_empty())
        || super::ids::competence(text).is_some()
        || super::ids::activity(text).is_some()
}

fn ends_sentence(cell: &str) -> bool {
    cell.ends_with(['.', ':', ';', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_framed_by_pipes_without_a_rule_and_pandoc_rules() {
        let framed = "Titre\n\n| Activités | Compétences |\n| A1 Accueil | C1 Écouter |\n";
        let t = to_tabs(framed).unwrap();
        assert_eq!(
            t.lines().collect::<Vec<_>>(),
            [
                "Titre",
                "",
                "Activités\tCompétences",
                "A1 Accueil\tC1 Écouter"
            ]
        );
        assert_eq!(to_tabs("| un | deux |\nPas de tableau.\n"), None);
        // Unframed, a pipe at either end of a row stands beside an empty first or last cell.
        let bare = "Critères | Compétences | Activités\nLe geste est sûr | C1 Soigner | \n | C2 Panser | A2 Soins\nFin.\n";
        assert_eq!(
            to_tabs(bare).unwrap().lines().collect::<Vec<_>>(),
            [
                "Critères\tCompétences\tActivités",
                "Le geste est sûr\tC1 Soigner\t",
                "\tC2 Panser\tA2 Soins",
                "Fin."
            ]
        );
        assert!(rule_line("------- ---------") && rule_line("====") && !rule_line("- a"));
    }

    #[test]
    fn pipe_rows_become_tab_rows() {
        let md = "# Titre\n\n| Activités | Compétences |\n|---|---|\n| **A1** Accueillir | C1 Écouter \\| noter |\n";
        let t = to_tabs(md).unwrap();
        assert_eq!(
            t.lines().collect::<Vec<_>>(),
            [
                "Titre",
                "",
                "Activités\tCompétences",
                "---\t---",
                "A1 Accueillir\tC1 Écouter | noter"
            ]
        );
    }

    #[test]
    fn layout_columns_are_cut_at_the_header_and_wrapped_text_joined() {
        let text = "\
Référentiel de test

Activités           Compétences                Critères d'évaluation

A1 Accueillir le    C1 Écouter le client et    • La demande est
client              reformuler sa demande      reformulée.
                                               • Le ton est adapté.

Bloc 2 : Vendre les produits de la maison
";
        let t = to_tabs(text).unwrap();
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[2], "Activités\tCompétences\tCritères d'évaluation");
        assert_eq!(
            lines[4],
            "A1 Accueillir le client\tC1 Écouter le client et reformuler sa demande\t\
             • La demande est reformulée.<br>• Le ton est adapté."
        );
        assert_eq!(lines[5], "");
        assert_eq!(lines[8], "Bloc 2 : Vendre les produits de la maison\t");
    }

    #[test]
    fn tab_text_is_left_alone() {
        assert!(to_tabs("a\tb\n").is_none());
        assert!(to_tabs("Une ligne de prose.\n").is_none());
    }
}
