//! Text that `pdftotext` writes without `-layout`: the document in reading order, each
//! table cell a paragraph of its own wrapped at its column's width, blank lines between
//! paragraphs, a running footer (`Page 1 sur 2`) and a form feed at each page's end. Its
//! paragraphs are put back on one line each, so that `cell_lines` reads the table as one
//! written one line per cell. The page's running header and footer (the title, the
//! certifier's name, repeated at the top or the bottom of every page) are dropped where a
//! page break put them inside the text, kept at the top of the first page.

use std::sync::LazyLock;

use regex::Regex;

use super::label::pattern;

/// `Page 1 sur 2`, `page 3/4`, `- 2 -`, `12`: page furniture, not text of the document.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(?i:(?:page\s+)?\d{1,3}(?:\s*(?:sur|/|of)\s*\d{1,3})?|-\s*\d{1,3}\s*-)$")
});

pub fn page_number(text: &str) -> bool {
    PAGE_NUMBER.is_match(text.trim())
}

/// Whether `line` starts a paragraph of its own inside a run of lines: an item (`•`, `-`)
/// or an ID (`C1 –`, `A1.2`), which a cell's first line or a list item carries.
fn starts_piece(line: &str) -> bool {
    line.starts_with(['•', '●', '▪', '-', '–', '*'])
        || super::ids::activity(line).is_some()
        || super::ids::group(line).is_some()
        || super::ids::competence(line).is_some()
        || super::layout::bloc_line(line)
}

/// Whether `line` continues the line before it, wrapped: it starts in lowercase (or with
/// a parenthesis, a digit), or the line before ends inside a phrase (`,`, `d’`, a hyphen).
fn continues(before: &str, line: &str) -> bool {
    let first = line.chars().next();
    first.is_some_and(|c| c.is_lowercase() || c == '(' || c.is_ascii_digit())
        || before.ends_with([',', '’', '\'', '-'])
}

/// The paragraphs of `text` (line number of their first line, text on one line), a blank
/// entry between two runs of lines; page numbers dropped.
pub fn paragraphs(text: &str, keep: impl Fn(&str) -> bool) -> Vec<(usize, String)> {
    let furniture = running(text, keep);
    let mut out: Vec<(usize, String)> = Vec::new();
    // Whether the entry last pushed can take a wrapped line.
    let mut open = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw
            .trim_end_matches('\r')
            .trim_start_matches('\u{c}')
            .trim();
        if line.is_empty() || page_number(line) || furniture.contains(&n) {
            if out.last().is_some_and(|(_, t)| !t.is_empty()) {
                out.push((n + 1, String::new()));
            }
            open = false;
            continue;
        }
        match out.last_mut() {
            Some((_, t)) if open && !starts_piece(line) && continues(t, line) => {
                t.push(' ');
                t.push_str(line);
            }
            _ => out.push((n + 1, line.to_owned())),
        }
        open = true;
    }
    out
}

/// How many lines at a page's top or bottom may be its running header or footer.
const EDGE: usize = 3;

/// The lines (indices) of a running header or footer: a line written at the top or the
/// bottom of two pages or more (page numbers aside), except where it opens the document
/// (the title there is the document's), or where `keep` says it is the document's own (a
/// table's header, repeated on each page, is read as such).
fn running(text: &str, keep: impl Fn(&str) -> bool) -> std::collections::HashSet<usize> {
    let mut pages: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for (n, raw) in text.lines().enumerate() {
        let feeds = raw.matches('\u{c}').count();
        for _ in 0..feeds {
            pages.push(Vec::new());
        }
        let line = raw
            .trim_end_matches('\r')
            .trim_matches(['\u{c}', ' ', '\t']);
        if let Some(page) = pages.last_mut()
            && !line.is_empty()
            && !page_number(line)
        {
            page.push((n, line));
        }
    }
    let mut found = std::collections::HashSet::new();
    if pages.iter().filter(|p| !p.is_empty()).count() < 2 {
        return found;
    }
    // Per text, the pages whose edges hold it.
    let mut at_edges: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    let edges = |page: &Vec<(usize, &str)>| -> Vec<(usize, bool)> {
        let len = page.len();
        (0..len)
            .filter(|&i| i < EDGE || i + EDGE >= len)
            .map(|i| (i, i < EDGE))
            .collect()
    };
    for (p, page) in pages.iter().enumerate() {
        for (i, _) in edges(page) {
            let pages_of = at_edges.entry(page[i].1).or_default();
            if !pages_of.contains(&p) {
                pages_of.push(p);
            }
        }
    }
    for (p, page) in pages.iter().enumerate() {
        for (i, top) in edges(page) {
            let (n, line) = page[i];
            let repeated = at_edges.get(line).is_some_and(|ps| ps.len() >= 2);
            if repeated && !(p == 0 && top) && !keep(line) {
                found.insert(n);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_joined_items_and_ids_are_not() {
        let text = "A1 – Diagnostic d’une\ninstallation existante\n\nC1 – Relever les\ncaractéristiques\n\n\
            • Le relevé est\ncomplet.\n• Les défauts\nsont listés.\n\nPage 1 sur 2\n\u{c}BLOC 2 – Poser\n";
        let got: Vec<String> = paragraphs(text, |_| false)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            got,
            [
                "A1 – Diagnostic d’une installation existante",
                "",
                "C1 – Relever les caractéristiques",
                "",
                "• Le relevé est complet.",
                "• Les défauts sont listés.",
                "",
                "BLOC 2 – Poser",
            ]
        );
        assert!(page_number("Page 2 sur 12") && page_number("3/4") && !page_number("2 h"));
    }

    #[test]
    fn running_headers_and_footers_are_dropped_inside_the_text() {
        let text = "Titre X\n\nC1 Faire\n\n• Le travail est\nfait\n\nCertificateur Y\nPage 1/2\n\u{c}            Titre X\n\n• La suite est là\n\nCertificateur Y\nPage 2/2\n\u{c}";
        let got: Vec<String> = paragraphs(text, |_| false)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            got,
            [
                "Titre X",
                "",
                "C1 Faire",
                "",
                "• Le travail est fait",
                "",
                "• La suite est là",
                ""
            ]
        );
    }
}
