//! A whole HTML document (a word processor's "save as web page", a web page): its
//! `<table>` rows as tab-separated rows whose cells keep their HTML fragments (read by
//! [`super::cells`]), `colspan` as empty cells after the cell; the text outside tables, and
//! a table's `<caption>`, as prose lines, one per block (`<p>`, `<h1>`, `<div>`, `<br>`,
//! `<dt>`, `<dd>`, `<summary>`), a list item's led by `- `; the grid positions a
//! `rowspan` cell covers in the rows below are marked covered ([`super::cells::COVERED`]), so
//! that they continue its text as a .docx vertical merge does. Each row or line is written
//! on the line of the document where it starts, so that line numbers still point into it.

/// The document as tab-separated text.
pub fn to_tabs(text: &str) -> String {
    let unmarked = super::word_html::unmark(text);
    let text = unmarked.as_str();
    let mut out: Vec<String> = vec![String::new(); text.lines().count() + 1];
    let mut place = |line: usize, s: String| {
        if s.trim().is_empty() {
            return;
        }
        // A row keeps its tabs (a heading row ends with empty cells).
        let s = if s.contains('\t') {
            s
        } else {
            s.trim().to_owned()
        };
        let mut at = line.min(out.len() - 1);
        while !out[at].is_empty() && at + 1 < out.len() {
            at += 1;
        }
        if out[at].is_empty() {
            out[at] = s;
        } else {
            out.push(s);
        }
    };
    let line_of = |byte: usize| text[..byte].matches('\n').count();
    let mut prose = String::new();
    let mut prose_at = 0;
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut cell: Option<String> = None;
    let mut tables = 0usize;
    // Per grid column, how many more rows a `rowspan` cell above covers.
    let mut pending: Vec<usize> = Vec::new();
    let mut skip = false;
    // Whether inside the page's `<main>`, when it has one.
    let mut main = text.to_ascii_lowercase().contains("<main").then_some(false);
    // A list item was opened outside the tables: its text is a point.
    let mut item = false;
    // A table nested in a cell: its rows' cells (text), and the cell being read.
    let mut nested: Vec<Vec<String>> = Vec::new();
    let mut nested_cell: Option<String> = None;
    let mut caption = false;
    // Inside the table's `<tfoot>`: its rows are notes under the table, not rows of it.
    let mut foot = false;
    // Where the prose's current `<span>` began.
    let mut span_at: Option<usize> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some(end) = rest.starts_with('<').then(|| rest.find('>')).flatten() {
            let tag = &rest[1..end];
            let name = super::cells::tag_name(tag);
            let closing = tag.starts_with('/');
            match (name.as_str(), closing) {
                // A page's navigation menu is no text of the referential (it would be its title).
                ("script" | "style" | "head" | "nav", c) => skip = !c,
                // So are the page's banner and footer around its `<main>` content.
                ("header" | "footer", c) if main == Some(false) => skip = !c,
                ("main", c) if main.is_some() => main = Some(!c),
                ("table", false) => {
                    tables += 1;
                    if tables == 2 {
                        nested.clear();
                    }
                    place(prose_at, std::mem::take(&mut prose));
                }
                ("table", true) => {
                    if tables == 2
                        && let Some(c) = &mut cell
                    {
                        c.push_str(&nested_items(&std::mem::take(&mut nested)));
                    }
                    tables = tables.saturating_sub(1);
                }
                // A table's caption (`Bloc 2 – …`) is a prose line before its rows, as a
                // heading over the table would be.
                ("caption", c) if tables == 1 => {
                    place(prose_at, std::mem::take(&mut prose));
                    caption = !c;
                }
                ("tfoot", c) if tables == 1 => foot = !c,
                ("tr", false) if tables == 2 => nested.push(Vec::new()),
                ("td" | "th", false) if tables == 2 => nested_cell = Some(String::new()),
                ("td" | "th", true) if tables == 2 => {
                    if let (Some(c), Some(row)) = (nested_cell.take(), nested.last_mut()) {
                        row.push(c);
                    }
                }
                // The nested table's own tags (`<tbody>`, `</tr>`) are no text of the cell.
                _ if tables >= 2 && nested_cell.is_none() => {}
                // `<p>`, `<br>`, `<li>` inside a nested cell end a paragraph of it.
                _ if nested_cell.is_some() => {
                    if let Some(c) = &mut nested_cell
                        && matches!(name.as_str(), "p" | "br" | "li" | "div")
                    {
                        c.push('\n');
                    }
                }
                ("tr", false) if tables == 1 => row = Some((line_of(i), Vec::new())),
                ("tr", true) if tables == 1 => {
                    if let Some((line, mut cells)) = row.take() {
                        covered(&mut cells, &mut pending, usize::MAX);
                        if foot {
                            place(line, foot_line(&cells));
                        } else {
                            place(line, cells.join("\t"));
                        }
                    }
                }
                ("td" | "th", false) if tables == 1 => {
                    cell = Some(String::new());
                    if let Some((_, cells)) = &mut row {
                        covered(cells, &mut pending, 1);
                        let span = spans(tag, "colspan");
                        let down = spans(tag, "rowspan");
                        let at = cells.len();
                        if pending.len() < at + span {
                            pending.resize(at + span, 0);
                        }
                        for p in &mut pending[at..at + span] {
                            *p = down - 1;
                        }
                        // The cell itself is pushed at its end; the grid positions it
                        // also covers follow it, empty.
                        cells.push(String::new());
                        let n = cells.len();
                        cells[n - 1] = format!("\u{0}{span}");
                    }
                }
                ("td" | "th", true) if tables == 1 => {
                    if let (Some(c), Some((_, cells))) = (cell.take(), &mut row)
                        && let Some(last) = cells.last_mut()
                    {
                        let span: usize = last.trim_start_matches('\u{0}').parse().unwrap_or(1);
                        *last = c.split_whitespace().collect::<Vec<_>>().join(" ");
                        for _ in 1..span {
                            cells.push(super::cells::SPANNED.to_owned());
                        }
                    }
                }
                // A `<span>` holding an ID alone (`<span>C1.1</span><span>Accueillir…`) is a
                // word of its own: the page's style sheet sets it apart, the text does not.
                ("span", false) if cell.is_none() && tables == 0 => span_at = Some(prose.len()),
                ("span", true) if cell.is_none() && tables == 0 => {
                    if let Some(at) = span_at.take()
                        && id_alone(&prose[at..])
                    {
                        prose.push(' ');
                    }
                }
                _ if skip => {}
                _ => {
                    if let Some(c) = &mut cell {
                        c.push_str(&rest[..=end]);
                    } else if tables == 0
                        && matches!(
                            name.as_str(),
                            "p" | "div"
                                | "br"
                                | "h1"
                                | "h2"
                                | "h3"
                                | "h4"
                                | "h5"
                                | "h6"
                                | "li"
                                | "body"
                                | "dt"
                                | "dd"
                                | "summary"
                                | "details"
                        )
                    {
                        place(prose_at, std::mem::take(&mut prose));
                        // A list item's line says it is one, as a text list's `- ` does;
                        // so does a definition's text written in its `<dd>` (a point of
                        // its term), not one in paragraphs there.
                        item = matches!(name.as_str(), "li" | "dd") && !closing;
                    }
                }
            }
            i += end + 1;
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        if !skip {
            if let Some(c) = &mut nested_cell {
                c.push(if ch == '\n' { ' ' } else { ch });
            } else if let Some(c) = &mut cell {
                c.push(ch);
            } else if tables == 0 || caption {
                if prose.trim().is_empty() {
                    prose_at = line_of(i);
                    if item && !ch.is_whitespace() {
                        prose.push_str("- ");
                        item = false;
                    }
                }
                prose.push(if ch == '\n' { ' ' } else { ch });
            }
        }
        i += ch.len_utf8();
    }
    place(prose_at, prose);
    let lines: Vec<String> = out
        .into_iter()
        .map(|l| {
            if l.contains('\t') {
                l
            } else {
                super::entities::decode(&l.split_whitespace().collect::<Vec<_>>().join(" "))
            }
        })
        .collect();
    lines.join("\n")
}

/// A `<tfoot>` row's cells as one prose line: their text without its tags or span marks.
fn foot_line(cells: &[String]) -> String {
    let text: Vec<String> = cells
        .iter()
        .filter(|c| c.as_str() != super::cells::SPANNED && c.as_str() != super::cells::COVERED)
        .map(|c| super::cells::read_cell(c).joined())
        .filter(|t| !t.is_empty())
        .collect();
    text.join(" ")
}

/// Text that is an ID and nothing else (`C1.1`, `BC2`, `1.`).
fn id_alone(text: &str) -> bool {
    super::label::label(text).is_some_and(|l| l.rest.is_empty() && !l.id.is_empty())
}

/// A table nested in a cell (criteria beside their indicators), as items of that cell the
/// way a nested Word table gives them: each row its first cell's text, the other cells'
/// text as points under it; a first row of short names (`Critères | Indicateurs`) dropped,
/// and a first cell that only numbers its row (`1.`).
fn nested_items(rows: &[Vec<String>]) -> String {
    let paragraphs = |cell: &String| -> Vec<String> {
        cell.split('\n')
            .map(|p| super::entities::decode(&p.split_whitespace().collect::<Vec<_>>().join(" ")))
            .filter(|p| !p.is_empty())
            .collect()
    };
    let mut blocks: Vec<(usize, String)> = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let cells: Vec<Vec<String>> = row.iter().map(paragraphs).collect();
        let texts: Vec<Vec<&str>> = cells
            .iter()
            .map(|c| c.iter().map(String::as_str).collect())
            .collect();
        if n == 0 && super::nested::header(&texts) {
            continue;
        }
        let numbered = super::nested::numbered(&texts);
        for (i, cell) in cells.into_iter().skip(usize::from(numbered)).enumerate() {
            for p in cell {
                blocks.push((if i == 0 { 1 } else { 2 }, p));
            }
        }
    }
    super::cells::blocks_html(blocks.iter().map(|(d, t)| (*d, t.as_str())))
}

/// Grid positions a `rowspan` cell above covers, from the row's next cell on: a covered
/// cell each (the row continues what that cell holds). Before a cell (`stop_after` 1) up to
/// the first position not covered; at the row's end (`usize::MAX`) up to the grid's width.
fn covered(cells: &mut Vec<String>, pending: &mut [usize], stop_after: usize) {
    while let Some(p) = pending.get_mut(cells.len()) {
        if *p == 0 {
            if stop_after == usize::MAX && cells.len() + 1 < pending.len() {
                // Past the row's own cells: skip to later covered positions.
                cells.push(String::new());
                continue;
            }
            break;
        }
        *p -= 1;
        cells.push(super::cells::COVERED.to_owned());
    }
}

/// `colspan="4"`, `rowspan="2"`: how many grid columns or rows the cell covers.
fn spans(tag: &str, attribute: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    lower
        .find(attribute)
        .and_then(|at| {
            let digits: String = lower[at + attribute.len()..]
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .unwrap_or(1)
        .clamp(1, 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cells_and_colspan_become_tab_rows_and_prose_stays_on_its_line() {
        let html = "<html><body>\n<h1>Titre</h1>\n<table>\n<tr><td>A</td><td><p>B</p>\n<p>C</p></td></tr>\n<tr><td colspan=\"2\"><b>Bloc 1</b></td></tr>\n</table>\n<p>Fin.</p></body></html>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[1], "Titre");
        assert_eq!(lines[3], "A\t<p>B</p> <p>C</p>");
        assert_eq!(lines[5], "<b>Bloc 1</b>\t\u{2}");
        assert_eq!(lines[7], "Fin.");
    }

    #[test]
    fn a_table_footer_is_a_line_after_the_table_and_inline_tags_are_no_space() {
        let html = "<table><thead><tr><th>Réf.</th><th>Compétences</th></tr></thead>\n\
            <tbody><tr><th>1.1</th><td>Appliquer la norme (<abbr title=\"x\">ISO</abbr>)</td></tr></tbody>\n\
            <tfoot><tr><td colspan=\"2\">Chaque bloc est <b>évalué</b>.</td></tr></tfoot></table>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[2], "Chaque bloc est évalué.");
        let cell = super::super::cells::read_cell(lines[1].split('\t').nth(1).unwrap_or(""));
        assert_eq!(cell.joined(), "Appliquer la norme (ISO)");
    }

    #[test]
    fn a_nested_rows_number_is_no_item() {
        let html = "<table>\n<tr><td>C1</td><td><table>\
            <tr><td>1.</td><td>La paie est juste</td></tr><tr><td>2.</td><td>La DSN est déposée</td></tr>\
            </table></td></tr></table>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            ["C1\t<ul><li>La paie est juste</li><li>La DSN est déposée</li></ul>"]
        );
    }

    #[test]
    fn a_caption_is_a_line_before_its_table() {
        let html = "<p>Titre</p><table><caption>Bloc 1 – <b>Payer</b></caption>\n\
            <tr><th>Compétences</th></tr>\n<tr><td>C1 Établir la paie</td></tr></table>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "Titre",
                "Bloc 1 – Payer",
                "Compétences",
                "C1 Établir la paie"
            ]
        );
    }

    #[test]
    fn a_span_holding_an_id_alone_is_a_word_of_its_own() {
        let html = "<div><span class=\"id\">C1.1</span><span>Accueillir le public</span></div>\n\
            <div><span>Pré</span><span>parer</span> la salle</div>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        // A word cut into two runs stays one word.
        assert_eq!(lines, ["C1.1 Accueillir le public", "Préparer la salle"]);
    }

    #[test]
    fn terms_descriptions_and_list_items_outside_tables_are_lines_of_their_own() {
        let html = "<details><summary><h2>Bloc 1</h2></summary><dl><dt>C1.1</dt><dd><p>Accueillir</p>\n<ul><li>L&rsquo;accueil est adapté</li><li>\n  Le dossier est ouvert</li></ul></dd></dl></details>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "Bloc 1",
                "C1.1",
                "Accueillir",
                "- L’accueil est adapté",
                "- Le dossier est ouvert"
            ]
        );
        // A definition's text right in its `<dd>` is a point of its term.
        let t = to_tabs("<dl><dt>C1.1 Accueillir</dt><dd>L'accueil est adapté</dd></dl>");
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["C1.1 Accueillir", "- L'accueil est adapté"]);
    }

    #[test]
    fn a_page_banner_and_footer_around_its_main_content_are_left_out() {
        let html = "<header><a>Institut</a></header><main><header><h1>Titre</h1></header><p>Texte</p></main><footer>© 2025</footer>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["Titre", "Texte"]);
        // Without `<main>`, a page's header may hold its heading: kept.
        let t = to_tabs("<header><h1>Titre</h1></header><p>Texte</p>");
        assert!(t.contains("Titre"));
    }

    #[test]
    fn a_rowspan_cell_marks_the_positions_it_covers_in_the_rows_below() {
        let html = "<table><tr><td rowspan=\"2\">A1</td><td>C1</td><td rowspan=\"2\">Oral</td></tr>\n<tr><td>C2</td></tr>\n<tr><td>A2</td><td>C3</td><td>Écrit</td></tr></table>";
        let t = to_tabs(html);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "A1\tC1\tOral");
        let c = super::super::cells::COVERED;
        assert_eq!(lines[1], format!("{c}\tC2\t{c}"));
        assert_eq!(lines[2], "A2\tC3\tÉcrit");
    }
}
